"""The HTML report, rendered by a real headless browser and read as a person would look at it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cleanwire.html_report import render
from tests.test_cli import run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "export.txt"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = (
    "Officials said <script>alert('x')</script> the talks ended ater three atempts &amp; more.\n\n"
    "\u202eThe frst ofcials \u202c said the efect was clear.\n\n"
    + "An ater " + "x" * 1_000_000 + " line.\n"
)


class Page(HTMLParser):
    """Tags with their attributes and the text inside chosen elements, from a page's DOM."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str, **attrs: str) -> int:
        return sum(1 for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items()))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    (folder / "in").mkdir()
    (folder / "in" / "export.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "in" / "news.jsonl").write_text("".join(
        json.dumps({"text": t}) + "\n" for t in ("The frst ofcials met ater the atacks.", "Nothing to repair.")),
        encoding="utf-8")
    result = run("fix", str(folder / "in"), "-o", str(folder / "out"), "-j", "2", "--report", str(folder / "run.json"))
    assert result.returncode == 0, result.stderr
    page = folder / "run.html"
    assert run("report", str(folder / "run.json"), "-o", str(page)).returncode == 0
    return json.loads((folder / "run.json").read_text(encoding="utf-8")), page


def test_the_json_report_carries_samples_per_rule_from_every_worker(report):
    data, _ = report
    samples = data["audit"]["samples"]
    assert data["documents"] == 4 and data["audit"]["documents_changed"] == 3
    assert set(samples) == {f"{name}/{rule}" for name, rules in data["edits"].items() for rule in rules}
    ft = samples["ligatures/ft"]
    assert any(s["before"] == "ater" and s["after"] == "after" and s["where"].endswith("hostile.txt:1:60") for s in ft)
    assert all(len(s["left"]) <= 61 and len(s["right"]) <= 61 for rule in samples.values() for s in rule)


def test_the_page_writes_the_same_with_fix_report_html(report, tmp_path):
    data, page = report
    assert render(data) == page.read_text(encoding="utf-8")


def test_hostile_input_is_escaped_and_cut(report):
    _, page = report
    html = page.read_text(encoding="utf-8")
    parsed = Page(html)
    assert parsed.count("script") == 0 and parsed.count("link") == 0 and parsed.count("img") == 0
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&amp;amp;" in html or "&amp;" in html  # the entity is shown, not decoded into the page
    assert len(html) < 100_000  # a megabyte line is cut to its context
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch


@pytest.mark.skipif(BROWSER is None, reason="needs Debian's chromium (apt-get install chromium; .ci/run installs it)")
def test_a_browser_renders_the_charts_each_rule_and_the_highlighted_samples(report):
    data, page = report
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([BROWSER, *flags, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    with tempfile.TemporaryDirectory() as profile:
        screenshot = Path(os.environ.get("CLEANWIRE_SCREENSHOT") or page.with_suffix(".png"))
        subprocess.run([BROWSER, *flags, f"--user-data-dir={profile}", "--window-size=1100,1500",
                        f"--screenshot={screenshot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert screenshot.stat().st_size > 10_000
    rendered = Page(dom)
    rules = {f"{name}/{rule}" for name, found in data["edits"].items() for rule in found}
    assert rendered.count("svg", id="edits-by-rule") == 1 and rendered.count("svg", id="damage-histogram") == 1
    assert rendered.count("rect") == len(rules) + 9  # a bar per rule, one per damage bucket
    assert rendered.count("section", **{"class": "rule"}) == len(rules)
    assert rendered.count("li", **{"class": "sample"}) == sum(len(s) for s in data["audit"]["samples"].values())
    assert rendered.count("del") == rendered.count("ins") == rendered.count("li", **{"class": "sample"})
    assert rendered.count("script") == 0
    assert "<script>alert('x')</script>" in "".join(rendered.text)  # shown as text, never run


def test_the_audit_is_the_same_with_one_worker_or_two(report, tmp_path):
    data, page = report
    folder = page.parent / "in"
    one = tmp_path / "one.json"
    assert run("fix", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(one)).returncode == 0
    assert json.loads(one.read_text(encoding="utf-8"))["audit"] == data["audit"]
