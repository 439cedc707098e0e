"""The shared evaluation cases (../shared/eval), scored with its own score.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import cleanwire

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score(shared):
    return load_module(shared / "eval" / "score.py")


@pytest.fixture(scope="module")
def quality():
    return load_module(BENCHMARKS / "quality.py")


def cases(shared, name):
    return [json.loads(line) for line in (shared / "eval" / name).open(encoding="utf-8") if line.strip()]


def totals(score, rows):
    total: dict[str, int] = {}
    for case in rows:
        cleaned = cleanwire.clean(case["noisy"], reference=case.get("reference"))
        result = score.score_case(case["noisy"], cleaned, case["truth"])
        result.pop("examples")
        for key, value in result.items():
            total[key] = total.get(key, 0) + value
    return total | score.summarize(total)


def test_clean_cases_are_left_exactly_as_they_are(shared):
    clean = [c for n in ("seeds.jsonl", "bbc-damaged.jsonl") for c in cases(shared, n)
             if c["id"].endswith("#clean") or c["id"] == "seed-000"]
    assert len(clean) >= 40
    changed = [c["id"] for c in clean if cleanwire.clean(c["noisy"], reference=c.get("reference")) != c["noisy"]]
    assert changed == []


def test_clean_pages_of_several_stories_get_no_repair(shared, quality):
    # A page holds evidence an article alone never adds up to (a name repeated, letters it would write
    # but does not): "Monica Seles" twice once made "Selfies" in a page of two BBC articles.
    pages = quality.clean_pages(shared, "bbc-news-2225", (2, 4, 8, 16))
    repairs = {(e.filter, e.before, e.after) for page in pages for e in cleanwire.clean_and_explain(page).edits
               if e.filter not in ("encoding", "line_breaks")}
    assert repairs == set()


def test_clean_pages_as_other_pipelines_leave_them_get_no_repair(shared, quality):
    # Lowercased, in capitals, with every space doubled, tokenized: a name no longer shows by its
    # capital, two spaces or a space before a comma no longer by their rarity (quality.py's layouts).
    edits = quality.clean_layout_edits(shared, cleanwire.default_pipeline(), pages=300)
    assert edits == {layout: {} for layout in quality.CLEAN_LAYOUTS}


def test_seed_001_without_reference_is_fully_repaired(shared, score):
    [case] = [c for c in cases(shared, "seeds.jsonl") if c["id"] == "seed-001"]
    result = totals(score, [case])
    assert (result["broken"], result["miscorrected"], result["missed"], result["extra_after"]) == (0, 0, 0, 0)
    cleaned = cleanwire.clean(case["noisy"])
    assert cleaned.count("Sergey Lavrov and Wang Yi attend") == 1
    assert "Sergei" in cleaned and "Daesh" in cleaned  # editorial choices kept


def test_bbc_damaged_figures(shared, score):
    result = totals(score, [c for c in cases(shared, "bbc-damaged.jsonl") if "+ref" not in c["id"]])
    assert result["broken"] == 0
    assert result["precision"] >= 0.99
    assert result["extra_removed"] >= 0.99


def test_wild_damage_clean_cases_are_left_exactly_as_they_are(shared):
    clean = [c for c in cases(shared, "wild-damage.jsonl") if c["id"].endswith("#clean")]
    assert len(clean) >= 40
    assert [c["id"] for c in clean if cleanwire.clean(c["noisy"]) != c["noisy"]] == []


def test_wild_damage_boilerplate_by_structure(shared, score):
    # Credits without arrows and running page headers: removed by their structure, not their wording.
    for kind in ("#pressreader", "#pages"):
        result = totals(score, [c for c in cases(shared, "wild-damage.jsonl") if c["id"].endswith(kind)])
        assert result["extra_removed"] >= 0.9, kind
        assert result["broken"] == 0, kind


def test_wild_damage_glyph_forms_gain_without_damage(shared, score):
    result = totals(score, [c for c in cases(shared, "wild-damage.jsonl") if c["id"].endswith("#glyph")])
    assert result["broken"] <= 2
    assert result["precision"] >= 0.95
    assert result["recall"] >= 0.55
