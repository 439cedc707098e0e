"""What every registered filter promises on its own, checked for each one (as scikit-learn's check_estimator).

A new filter in ``cleanwire.FILTERS`` gets these tests without writing them:
alone, it never raises on any text, its edits replay to its output, it is
idempotent on damaged text, it leaves clean text alone, and its settings refuse
values of the wrong type.
"""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanwire import FILTERS, replay
from cleanwire.filters.base import Document, Filter, SettingsError

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "export.txt"
ALL = pytest.mark.parametrize("cls", list(FILTERS.values()), ids=list(FILTERS))

# Words with the letters fonts draw as ligatures, clean and as exports damage them.
CLEAN_WORDS = ["the", "officials", "said", "after", "first", "attempts", "difficult", "influence", "effect",
               "Euro-Atlantic", "talks", "in", "Beijing", "on", "Tuesday", "“", "”", ",", ".", "£5m", "2004",
               "Mr", "Smith's", "it’s", "flights", "settling", "attacks", "affairs", "staff"]
DAMAGED_WORDS = ["ater", "ofcials", "frst", "atempts", "dicult", "infuence", "efect", "Euro-atlantic",
                 "o(cid:27)cials", "be er", "veri fi cation", "e\ufffdect", "yester- day", "T he", "&amp;",
                 "donâ€™t", "?? Wire Service ??", "\n\nNewspapers in English"]
clean_text = st.lists(st.sampled_from(CLEAN_WORDS), max_size=60).map(" ".join)
damaged_text = st.lists(st.sampled_from(CLEAN_WORDS + DAMAGED_WORDS), max_size=80).map(" ".join)


def run(cls: type[Filter], text: str, reference: str | None = None) -> tuple[str, list]:
    new, edits = cls().apply(Document(text, reference))
    assert isinstance(new, str)
    return new, edits


@ALL
@given(text=st.text() | damaged_text)
def test_no_text_makes_it_raise_and_its_edits_replay(cls, text):
    new, edits = run(cls, text)
    assert all(e.filter == cls.name and e.before != e.after for e in edits)
    assert replay(text, edits) == new


@ALL
@given(text=damaged_text)
def test_it_is_idempotent_on_damaged_text(cls, text):
    once, _ = run(cls, text)
    assert run(cls, once)[0] == once


@ALL
@given(text=st.lists(clean_text, min_size=1, max_size=4).map("\n\n".join))
def test_clean_text_passes_unchanged(cls, text):
    assert run(cls, text) == (text, [])


@ALL
def test_it_is_idempotent_on_the_shipped_example(cls):
    text = EXAMPLE.read_text(encoding="utf-8")
    once, edits = run(cls, text)
    assert replay(text, edits) == once
    assert run(cls, once)[0] == once


@ALL
def test_its_settings_refuse_values_of_the_wrong_type(cls):
    for field in dataclasses.fields(cls.Settings):
        with pytest.raises(SettingsError, match=f"filter '{cls.name}': setting {field.name}=<object.*> is wrong"):
            cls(**{field.name: object()})
    with pytest.raises(SettingsError, match=f"filter '{cls.name}' has no setting 'no_such_setting'"):
        cls(no_such_setting=1)


@ALL
def test_it_keeps_its_promises_alone_on_the_shared_cases(cls, shared):
    checked = 0
    for path in sorted((shared / "eval").glob("*.jsonl")):
        for number, line in enumerate(path.open(encoding="utf-8")):
            if number % 4:
                continue  # a quarter of the cases keeps the suite quick; every kind of damage is in it
            case = json.loads(line)
            text = case.get("noisy") or case.get("text")
            once, edits = run(cls, text, case.get("reference"))
            assert replay(text, edits) == once, case["id"]
            assert run(cls, once, case.get("reference"))[0] == once, case["id"]
            checked += 1
    assert checked > 100


@ALL
def test_it_imports_no_other_filter(cls):
    source = REPO / "src" / "cleanwire" / "filters" / f"{cls.__module__.rsplit('.', 1)[1]}.py"
    imported = {node.module for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.module}
    others = {m for m in imported if m.startswith("cleanwire.filters.") and m != "cleanwire.filters.base"}
    assert not others, f"{source.name} imports {sorted(others)}: shared logic belongs under cleanwire.models"


@ALL
def test_prepare_loads_it_again_at_no_cost_and_changes_nothing(cls):
    made = cls()
    text = EXAMPLE.read_text(encoding="utf-8")
    before = made.apply(Document(text))
    made.prepare()
    assert made.apply(Document(text)) == before
