"""The batch layer as a Python user calls it: a plan checked whole before any work, then run by fix()."""

import pytest

from cleanwire import batch, errors
from cleanwire.filters.base import Document, Filter
from tests.test_cli import run

DAMAGED = "Talks ended ater three atempts.\n"


def test_fix_cleans_files_into_a_folder_and_returns_the_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text('{"text": "The atacks stopped."}\n', encoding="utf-8")
    plan = batch.make_plan(paths=[str(tmp_path / "in")], output=str(tmp_path / "out"), report=str(tmp_path / "r.json"))
    report = batch.fix(plan)
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Talks ended after three attempts.\n"
    assert (tmp_path / "out" / "b.jsonl").read_text(encoding="utf-8") == '{"text": "The attacks stopped."}\n'
    assert (report.documents, report.changed_files, report.skipped) == (2, 2, [])
    assert report.to_json()["edits"]["ligatures"] and (tmp_path / "r.json").exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"in_place": True, "diff": True}, "choose one of"),
    ({"jobs": 0}, "--jobs must be 1 or more"),
    ({"filters": []}, "leave no filter"),
    ({"match_references": True}, "--match-references reads JSONL or Parquet"),
    ({"report": "missing-folder/r.json"}, "does not exist"),
])
def test_a_plan_that_cannot_work_is_refused_before_anything_is_written(tmp_path, changes, message):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DAMAGED, encoding="utf-8")
    with pytest.raises(errors.UsageError, match=message):
        batch.make_plan(paths=[str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], output=str(tmp_path / "out"),
                        **changes)
    assert not (tmp_path / "out").exists()


def test_bad_settings_and_bad_input_are_errors_of_their_own_kind(tmp_path):
    with pytest.raises(errors.SettingsError, match="min_damaged_words"):
        batch.make_plan(paths=["-"], settings={"ligatures": {"min_damaged_words": "two"}})
    with pytest.raises(errors.InputError, match="no such file"):
        batch.fix(batch.make_plan(paths=[str(tmp_path / "missing.txt")], output=str(tmp_path / "o.txt")))
    assert issubclass(errors.SettingsError, ValueError) and issubclass(errors.OutputError, errors.FileError)


class Broken(Filter):
    """A filter with a bug: the command must call it an internal error, not bad input."""

    name = "broken"
    description = "raises ValueError"

    def apply(self, doc: Document):
        raise ValueError("a bug in a filter")


def test_a_filters_own_bug_is_an_internal_error_not_a_users(tmp_path, monkeypatch, capsys):
    from cleanwire import cli
    from cleanwire.filters import FILTERS

    monkeypatch.setitem(FILTERS, "broken", Broken)
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    assert cli.main(["fix", str(tmp_path / "a.txt"), "--only", "broken", "-j", "1", "--quiet"]) == 1
    assert "internal error: ValueError: a bug in a filter" in capsys.readouterr().err


def test_parse_setting_reads_toml_values_and_bare_words():
    assert batch.parse_setting("ligatures.context_model=bigram") == ("ligatures", "context_model", "bigram")
    with pytest.raises(errors.UsageError, match="FILTER.SETTING=VALUE"):
        batch.parse_setting("ligatures")
    assert run("fix", "--set", "nosuch.x=1").returncode == 2
