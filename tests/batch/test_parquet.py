"""Parquet in and out through the local engine: same cleaning as JSONL, other columns kept, faults named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanwire import cli
from cleanwire.batch import io as cwio
from cleanwire.batch import parquet
from tests.test_bad_input import FIXED, GOOD, assert_clean_error
from tests.test_cli import run

pa = pytest.importorskip("pyarrow", reason="Parquet needs pyarrow: pip install 'cleanwire[parquet]'")
pq = pytest.importorskip("pyarrow.parquet")

ROWS = [
    {"id": 1, "text": GOOD, "score": 0.5, "tags": ["a", "b"]},
    {"id": 2, "text": "canâ€™t stop", "score": None, "tags": []},
    {"id": 3, "text": "Clean text stays as it is.", "score": 2.0, "tags": None},
]


def write_parquet(path: Path, rows: list[dict], row_group_size: int = 2) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def test_parquet_round_trip_cleans_the_field_and_keeps_every_other_column(tmp_path):
    src = write_parquet(tmp_path / "in.parquet", ROWS)
    out = tmp_path / "out.parquet"
    result = run("fix", str(src), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    assert table.schema == pq.read_schema(src)
    assert table.to_pylist() == [
        {**ROWS[0], "text": FIXED}, {**ROWS[1], "text": "can’t stop"}, ROWS[2],
    ]


def test_parquet_output_matches_the_jsonl_run_in_order_on_two_processes(tmp_path):
    rows = [{"n": i, "text": f"Story {i}: the ater atempts and the atacks.\n" if i % 3 else "Plain."}
            for i in range(700)]
    src = write_parquet(tmp_path / "in.parquet", rows, row_group_size=100)
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert cli.main(["fix", str(src), "-o", str(tmp_path / "out.parquet"), "-j", "2", "--quiet"]) == 0
    assert cli.main(["fix", str(jsonl), "-o", str(tmp_path / "out.jsonl"), "-j", "1", "--quiet"]) == 0
    expected = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert pq.read_table(tmp_path / "out.parquet").to_pylist() == expected
    assert expected[1]["text"] == "Story 1: the after attempts and the attacks.\n"


def test_parquet_in_place_and_explain_names_the_row(tmp_path):
    src = write_parquet(tmp_path / "a.parquet", ROWS)
    result = run("fix", str(src), "--in-place", "--explain", "--quiet")
    assert result.returncode == 0, result.stderr
    assert f"{src}:1:13: 'ater' → 'after'" in result.stderr
    assert f"{src}:2:4: 'â€™' → '’'" in result.stderr
    assert pq.read_table(src).column("text").to_pylist()[0] == FIXED
    assert [p.name for p in tmp_path.iterdir()] == ["a.parquet"]


def test_a_null_text_names_the_row_and_writes_nothing(tmp_path):
    src = write_parquet(tmp_path / "a.parquet", [ROWS[0], {**ROWS[2], "text": None}])
    before = src.read_bytes()
    assert_clean_error(run("fix", str(src), "--in-place"), f"{src}:2: null in field 'text'")
    assert src.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.parquet"]


def test_a_bad_row_can_be_skipped(tmp_path):
    src = write_parquet(tmp_path / "a.parquet", [ROWS[0], {**ROWS[2], "text": None}, ROWS[1]])
    out = tmp_path / "out.parquet"
    result = run("fix", str(src), "-o", str(out), "--on-error", "skip")
    assert result.returncode == 1 and f"{src}:2: null in field 'text' (choose" in result.stderr
    assert [r["id"] for r in pq.read_table(out).to_pylist()] == [1, 3, 2]  # the bad row written back as it was


def test_a_file_that_is_not_parquet(tmp_path):
    src = tmp_path / "junk.parquet"
    src.write_bytes(b"PAR1 not really")
    assert_clean_error(run("fix", str(src), "-o", str(tmp_path / "o.parquet")), f"{src}: not a Parquet file")
    assert not (tmp_path / "o.parquet").exists()


@pytest.mark.parametrize(("extra", "message"), [
    ([], "Parquet input is written as Parquet: give -o or --in-place"),
    (["-o", "out.jsonl"], "Parquet is read from and written to .parquet files only"),
])
def test_parquet_usage_errors(tmp_path, extra, message):
    src = write_parquet(tmp_path / "a.parquet", ROWS)
    assert_clean_error(run("fix", str(src), *extra, cwd=tmp_path), message, status=2)


def test_folders_include_parquet_files(tmp_path):
    (tmp_path / "in").mkdir()
    write_parquet(tmp_path / "in" / "a.parquet", ROWS)
    (tmp_path / "out").mkdir()
    assert cli.main(["fix", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert pq.read_table(tmp_path / "out" / "a.parquet").column("text").to_pylist()[0] == FIXED


def test_read_parquet_yields_records_and_row_errors(tmp_path):
    src = write_parquet(tmp_path / "a.parquet", [ROWS[0], {"id": 9, "text": None}], row_group_size=1)
    first, second = parquet.read_parquet(str(src), "text")
    assert isinstance(first, cwio.Record) and (first.line, first.text, first.obj["id"]) == (1, GOOD, 1)
    assert isinstance(second, cwio.InputError) and (second.line, second.message.split(" (")[0]) == (
        2, "null in field 'text'")


def test_corpus_mode_reads_parquet(tmp_path):
    story = ("Port workers ended their strike {} three days of talks, union leaders said on Friday, "
             "and the first ships were unloaded within hours of the vote at the harbour.\n")
    rows = [{"id": 1, "text": story.format("ater")}, {"id": 2, "text": "A cup final in the rain."},
            {"id": 3, "text": story.format("after")}]
    src, out = write_parquet(tmp_path / "corpus.parquet", rows), tmp_path / "out.parquet"
    result = run("fix", str(src), "--match-references", "--only", "reference", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert [r["text"] for r in pq.read_table(out).to_pylist()] == [story.format("after"), rows[1]["text"],
                                                                     rows[2]["text"]]


def test_rows_that_cannot_be_cleaned_are_written_back_when_skipped(tmp_path):
    rows = [ROWS[0], {"id": 9, "text": None, "score": 1.0, "tags": ["z"]}, ROWS[2]]
    src = write_parquet(tmp_path / "in.parquet", rows)
    result = run("fix", str(src), "--in-place", "--on-error", "skip", "--quiet")
    assert result.returncode == 1 and f"{src}:2: null in field 'text'" in result.stderr
    assert pq.read_table(src).to_pylist() == [{**ROWS[0], "text": FIXED}, rows[1], ROWS[2]]
