"""The installed ``cleanwire`` command, run as a user runs it."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleanwire

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "export.txt"
DAMAGED = "Talks ended ater three atempts.\n\nThe atacks stopped.\n"
CLEANED = "Talks ended after three attempts.\n\nThe attacks stopped.\n"


def command() -> list[str]:
    installed = Path(sys.executable).parent / "cleanwire"
    if installed.exists():
        return [str(installed)]
    found = shutil.which("cleanwire")
    return [found] if found else [sys.executable, "-m", "cleanwire"]


def run(*args: str, stdin: str | bytes = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run([*command(), *args], input=data, capture_output=True, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def test_version():
    assert run("--version").stdout == f"cleanwire {cleanwire.__version__}\n"


def test_stdin_to_stdout():
    result = run("fix", stdin=DAMAGED)
    assert (result.returncode, result.stdout, result.stderr) == (0, CLEANED, "")


def test_file_to_output_file(tmp_path):
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    assert run("fix", str(src), "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == CLEANED
    assert src.read_text(encoding="utf-8") == DAMAGED


def test_in_place_is_atomic_and_leaves_no_temporary_file(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    assert run("fix", "--in-place", str(src)).returncode == 0
    assert src.read_text(encoding="utf-8") == CLEANED
    assert [p.name for p in tmp_path.iterdir()] == ["in.txt"]


def test_refuses_to_write_the_file_it_reads(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    result = run("fix", str(src), "-o", str(src))
    assert result.returncode == 2
    assert f"cleanwire: error: -o {src} is the file being read; use --in-place to replace it" in result.stderr
    assert src.read_text(encoding="utf-8") == DAMAGED


def test_folder_recursively_into_an_output_folder(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text("Fine text.\n", encoding="utf-8")
    (tmp_path / "in" / "skip.bin").write_bytes(b"\x00\xff")
    # The output folder is made, as the README's `cleanwire fix corpus/ -o out/` expects.
    assert run("fix", str(tmp_path / "in"), "-o", str(tmp_path / "out") + "/").returncode == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == CLEANED
    assert (tmp_path / "out" / "sub" / "b.txt").read_text(encoding="utf-8") == "Fine text.\n"
    assert not (tmp_path / "out" / "skip.bin").exists()


def test_a_folder_into_a_file_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "out.txt").write_text("keep me", encoding="utf-8")
    result = run("fix", str(tmp_path / "in"), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 2 and "-o must be a folder, not a file" in result.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "keep me"


def test_jsonl_keeps_other_fields_and_order(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    rows = [{"id": 2, "body": DAMAGED, "lang": "en"}, {"id": 1, "body": "Clean.", "lang": "en"}]
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    result = run("fix", str(src), "--field", "body")
    assert result.returncode == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"id": 2, "body": CLEANED, "lang": "en"}, {"id": 1, "body": "Clean.", "lang": "en"},
    ]


def test_bad_jsonl_line_is_an_error_naming_file_and_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "ok"}\nnot json\n{"other": 1}\n', encoding="utf-8")
    result = run("fix", str(src))
    assert result.returncode == 1
    assert result.stderr.startswith(f"cleanwire: error: {src}:2: not JSON")
    skipped = run("fix", str(src), "--on-error", "skip")
    assert skipped.returncode == 1
    assert skipped.stdout == '{"text": "ok"}\nnot json\n{"other": 1}\n'  # written back as they were
    assert f"{src}:3: no field 'text'" in skipped.stderr
    assert "2 file(s) or line(s) skipped" in skipped.stderr


def test_undecodable_bytes_name_the_byte_offset(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes(b"line one\nbad \xff here\n")
    result = run("fix", str(src))
    assert result.returncode == 1
    assert result.stderr.startswith(f"cleanwire: error: {src}:2: byte 13: not UTF-8")
    assert "--errors replace" in result.stderr
    assert run("fix", str(src), "--errors", "replace").stdout == "line one\nbad \ufffd here\n"
    kept = subprocess.run([*command(), "fix", str(src), "--errors", "surrogateescape"], capture_output=True)
    assert kept.stdout == b"line one\nbad \xff here\n"


def test_explain_lists_edits_with_positions_in_the_input():
    result = run("fix", "--explain", stdin="Paper Name\n\nHe left ater atempts.\n\nNewspapers in English")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("-:1:1: 'Paper Name\\n\\n' → '' [boilerplate/header-publication]")
    assert any(line.startswith("-:3:9: 'ater' → 'after' [ligatures/ft]") for line in lines)
    assert any(line.startswith("-:3:14: 'atempts' → 'attempts' [ligatures/tt]") for line in lines)


def test_diff_changes_nothing(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    result = run("fix", "--diff", str(src))
    assert result.stdout.splitlines()[:3] == [f"--- a/{src}", f"+++ b/{src}", "@@ -1,3 +1,3 @@"]
    assert "-Talks ended ater three atempts." in result.stdout
    assert "+Talks ended after three attempts." in result.stdout
    assert src.read_text(encoding="utf-8") == DAMAGED


def test_report_counts_edits_per_filter_and_rule(tmp_path):
    report = tmp_path / "report.json"
    assert run("fix", "--report", str(report), stdin=DAMAGED).returncode == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["documents"] == 1 and data["characters"] == len(DAMAGED)
    assert data["edits"] == {"ligatures": {"ft": 1, "tt": 2}}


def test_only_and_skip_choose_filters():
    assert run("fix", "--only", "encoding", stdin=DAMAGED).stdout == DAMAGED
    assert run("fix", "--skip", "ligatures", stdin=DAMAGED).stdout == DAMAGED
    result = run("fix", "--only", "nope")
    assert result.returncode == 2 and "cleanwire: error: unknown filter 'nope'" in result.stderr


def test_filters_lists_every_filter_and_its_settings():
    lines = run("filters").stdout.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == list(cleanwire.FILTERS)
    settings = [line.strip() for line in lines if line.startswith(" ")]
    assert "ligatures.min_damaged_words=2" in settings and 'boilerplate.captions="keep-once"' in settings
    assert "encoding.uncurl_quotes=false" in settings


def test_set_changes_any_filter_setting():
    quoted = "He said “no” to the atempt.\n"
    assert run("fix", stdin=quoted).stdout == "He said “no” to the attempt.\n"
    assert run("fix", "--set", "encoding.uncurl_quotes=true", stdin=quoted).stdout == 'He said "no" to the attempt.\n'
    assert run("fix", "--set", "ligatures.min_loss_rate=1.0", stdin=quoted).stdout == quoted


@pytest.mark.parametrize(("assignment", "message"), [
    ("ligatures.min_damaged_words=two", "filter 'ligatures': setting min_damaged_words='two' is wrong: expected `int`"),
    ("ligatures.min_loss_rate=2", "setting min_loss_rate=2 is wrong: expected `float` <= 1.0"),
    ("encoding.uncurl_quotes=no", "setting uncurl_quotes='no' is wrong: expected `bool`, got `str`"),
    ("boilerplate.disabled_rules=caption-credit", "setting disabled_rules='caption-credit' is wrong: expected `array`"),
    ("ligatures.nope=1", "filter 'ligatures' has no setting 'nope'"),
    ("nope.x=1", "unknown filter 'nope'"),
    ("ligatures", "write FILTER.SETTING=VALUE"),
])
def test_a_bad_setting_is_a_usage_error_naming_it(assignment, message):
    result = run("fix", "--set", assignment, stdin=DAMAGED)
    assert result.returncode == 2 and result.stdout == ""
    assert message in result.stderr.splitlines()[-1]


def test_missing_file_and_missing_output_folder(tmp_path):
    result = run("fix", str(tmp_path / "nope.txt"))
    assert (result.returncode, result.stderr) == (1, f"cleanwire: error: {tmp_path / 'nope.txt'}: no such file\n")
    src = tmp_path / "in.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    result = run("fix", str(src), "-o", str(tmp_path / "no" / "out.txt"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_shipped_example_is_cleaned():
    result = run("fix", str(EXAMPLE))
    assert result.returncode == 0
    assert result.stdout.startswith("Port strike ends after three days of talks\n\nDock workers")
    assert "Newspapers" not in result.stdout and "??" not in result.stdout
    assert result.stdout.count("Cranes stand idle") == 1


def test_reference_file_and_reference_field(tmp_path):
    noisy = "Talks ended ater two atempts, the U.S. envoy said.\n"
    reference = "Talks ended after two attempts, the US envoy said.\n"
    ref = tmp_path / "ref.txt"
    ref.write_text(reference, encoding="utf-8")
    expected = "Talks ended after two attempts, the U.S. envoy said.\n"
    assert run("fix", "--reference", str(ref), "--only", "reference", stdin=noisy).stdout == expected
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": noisy, "web": reference}) + "\n", encoding="utf-8")
    out = run("fix", str(src), "--reference-field", "web", "--only", "reference").stdout
    assert json.loads(out) == {"text": expected, "web": reference}


def test_match_references_uses_the_cleanest_edition(tmp_path):
    story = ("Port workers ended their strike {} three days {} talks, union leaders said on Friday, "
             "and the first ships were unloaded within hours of the vote at the harbour.\n")
    rows = [
        {"id": "export", "text": story.format("ater", "of") + "\nNewspapers in English"},
        {"id": "other", "text": "A different story about the league table and a cup final in the rain.\n"},
        {"id": "web", "text": story.format("after", "of")},
    ]
    src, report = tmp_path / "corpus.jsonl", tmp_path / "report.json"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run("fix", str(src), "--match-references", "--only", "reference,boilerplate", "--report", str(report))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["text"] == story.format("after", "of").rstrip("\n")
    assert out[2]["text"] == rows[2]["text"]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["groups"] == 1 and data["references"] == {f"{src}:1": f"{src}:3"}


def test_match_references_needs_jsonl_or_parquet_files():
    result = run("fix", "--match-references", stdin="text")
    assert result.returncode == 2 and "reads JSONL or Parquet files" in result.stderr


def test_explain_lists_differences_from_the_reference(tmp_path):
    ref = tmp_path / "ref.txt"
    ref.write_text("Minister Sergei Lavrov said after talks.\n", encoding="utf-8")
    result = run("fix", "--explain", "--reference", str(ref), "--only", "reference",
                 stdin="Minister Sergey Lavrov said ater talks.\n")
    assert result.stdout == "Minister Sergey Lavrov said after talks.\n"
    assert "-:1:10: 'Sergey' ≠ 'Sergei' [reference] differs from reference, not repaired" in result.stderr
