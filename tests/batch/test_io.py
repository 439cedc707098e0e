"""Reading and writing files: formats, bad input, atomic output."""

import gzip
import json
import os
from pathlib import Path

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from cleanwire.batch import formats, jsonl, output
from cleanwire.batch import io as cwio


def test_text_file_is_one_record_and_bom_is_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfHello\n")
    [record] = cwio.read_text(str(path))
    assert record.text == "Hello\n" and record.line == 1


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Grüße\n".encode("utf-16"))
    assert next(cwio.read_text(str(path))).text == "Grüße\n"


def test_zstd_jsonl_is_read(tmp_path):
    path = tmp_path / "a.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(b'{"text": "a"}\n{"text": "b"}\n'))
    assert [r.text for r in jsonl.read_jsonl(str(path), "text")] == ["a", "b"]


@pytest.mark.parametrize(("line", "message"), [
    (b"[1, 2]", "a JSON list, not an object"),
    (b'{"text": 5}', "a number in field 'text'"),
    (b'{"text": {"a": 1}}', "an object in field 'text'"),
    (b'{"body": "x"}', "no field 'text'"),
    (b"{", "not JSON"),
])
def test_bad_jsonl_lines_are_errors_naming_the_line(tmp_path, line, message):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "ok"}\n' + line + b"\n")
    records = list(jsonl.read_jsonl(str(path), "text"))
    assert records[0].text == "ok"
    assert isinstance(records[1], cwio.InputError)
    assert str(records[1]).startswith(f"{path}:2: {message}")


def test_truncated_gzip_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress(b'{"text": "a"}\n' * 1000)
    path.write_bytes(data[: len(data) // 2])
    records = list(jsonl.read_jsonl(str(path), "text"))
    assert isinstance(records[-1], cwio.InputError)
    assert "truncated or corrupt" in str(records[-1])


def test_atomic_output_leaves_the_old_file_on_failure(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with output.atomic_output(str(path)) as out:
            out.write("half")
            raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_output_survives_a_failing_write(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space"):
        with output.atomic_output(str(path)) as out:
            out.write("new")
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_compressed_output_round_trips(tmp_path):
    for name in ("o.txt.gz", "o.txt.zst"):
        path = tmp_path / name
        with output.atomic_output(str(path)) as out:
            out.write("héllo\n")
        assert next(cwio.read_text(str(path))).text == "héllo\n"


def test_find_inputs_walks_folders_for_known_formats(tmp_path):
    (tmp_path / "d" / ".hidden").mkdir(parents=True)
    for name in ("d/a.txt", "d/b.jsonl.gz", "d/c.bin", "d/.hidden/e.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [os.path.relpath(p, tmp_path) for p in formats.find_inputs([str(tmp_path / "d")], None)]
    assert found == ["d/a.txt", "d/b.jsonl.gz"]
    assert [os.path.basename(p) for p in formats.find_inputs([str(tmp_path / "d")], "*.bin")] == ["c.bin"]


@given(st.lists(st.text(alphabet="ab\r ", max_size=12), max_size=30), st.integers(min_value=1, max_value=20))
def test_blocks_hold_every_line_once_with_its_number(lines, block_bytes):
    import tempfile

    data = "".join(line + "\n" for line in lines).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.jsonl"
        path.write_bytes(data)
        blocks = list(jsonl.read_blocks(str(path), block_bytes))
    assert b"".join(block for _, block in blocks) == data
    assert all(block.endswith(b"\n") for _, block in blocks)
    numbered = [pair for first, block in blocks for pair in jsonl.split_lines(first, block)]
    expected = [(n, line.encode()) for n, line in enumerate(lines, 1) if line.strip()]
    assert numbered == expected


def test_a_bad_line_deep_in_a_large_file_is_named_by_its_line(tmp_path, capsys):
    good = json.dumps({"text": "Plain words. " * 40}) + "\n"
    lines = [good] * 3000
    lines[2345] = "{not json\n"
    path = tmp_path / "big.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size > 2 * jsonl.BLOCK_BYTES
    from cleanwire import cli

    assert cli.main(["fix", str(path), "-j", "2", "-o", str(tmp_path / "out.jsonl"), "--quiet"]) == 1
    assert f"cleanwire: error: {path}:2346: not JSON" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl").exists()
