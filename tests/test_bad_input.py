"""Bad input and faults: every case ends in a clear message naming the file (and line or
byte), or in processing as documented; nothing is lost and no traceback is shown."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanwire
from cleanwire import cli
from tests.test_cli import command, run

GOOD = "Talks ended ater three atempts and atacks.\n"
FIXED = "Talks ended after three attempts and attacks.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_clean_error(result, *fragments: str, status: int = 1) -> None:
    assert result.returncode == status, result.stderr
    assert result.stderr.startswith("cleanwire: error: ") or "cleanwire: error: " in result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.parametrize(("data", "where"), [
    (b"\xff" + GOOD.encode(), ":1: byte 0: not UTF-8"),
    (b"line one\nhalf \xc3 way\n", ":2: byte 14: not UTF-8"),
    (GOOD.encode() + b"\xe2\x80", ":2: byte 43: not UTF-8"),
])
def test_invalid_utf8_names_line_and_byte(tmp_path, data, where):
    path = write(tmp_path, "a.txt", data)
    assert_clean_error(run("fix", str(path)), f"{path}{where}", "--errors replace")


def test_utf16_with_bom_is_read(tmp_path):
    path = write(tmp_path, "a.txt", GOOD.encode("utf-16"))
    assert run("fix", str(path)).stdout == FIXED


def test_utf16_without_bom_is_refused_with_the_fix(tmp_path):
    path = write(tmp_path, "a.txt", GOOD.encode("utf-16-le"))
    assert_clean_error(run("fix", str(path)), "without a byte-order mark", "iconv -f UTF-16LE")


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", bytes(range(256)) * 4)
    assert_clean_error(run("fix", str(path)), str(path))


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  "])
def test_empty_and_whitespace_files_pass_unchanged(tmp_path, data):
    path = write(tmp_path, "a.txt", data)
    result = run("fix", str(path))
    assert (result.returncode, result.stdout.encode()) == (0, data)


def test_a_50_mb_single_line(tmp_path):
    line = ("The minister said talks would go on after the vote " * 1_000_000)[: 50_000_000]
    path = write(tmp_path, "big.txt", line.encode())
    out = tmp_path / "out.txt"
    result = run("fix", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size == path.stat().st_size


def test_nul_and_control_characters_are_removed_as_ftfy_does(tmp_path):
    path = write(tmp_path, "a.txt", b"Talks\x00 ended\x07 today.\x1b[31m\n")
    assert run("fix", str(path)).stdout == "Talks ended today.\n"


def test_lone_surrogates_through_the_api():
    assert cleanwire.clean("a\udc80b\ud800") == "a\ufffdb\ufffd"
    assert cleanwire.make_pipeline(["boilerplate", "ligatures"]).run("x\udc80").text == "x\udc80"


@pytest.mark.parametrize(("line", "message"), [
    (b"not json", ":2: not JSON"),
    (b"[1, 2]", ":2: a JSON list, not an object"),
    (b'{"body": "x"}', ":2: no field 'text'"),
    (b'{"text": null}', ":2: null in field 'text'"),
    (b'{"text": ["a"]}', ":2: a list in field 'text'"),
])
def test_bad_jsonl_lines(tmp_path, line, message):
    path = write(tmp_path, "a.jsonl", json.dumps({"text": GOOD}).encode() + b"\n" + line + b"\n")
    assert_clean_error(run("fix", str(path)), f"{path}{message}")


def test_truncated_gzip(tmp_path):
    data = gzip.compress((json.dumps({"text": GOOD}) + "\n").encode() * 2000)
    path = write(tmp_path, "a.jsonl.gz", data[: len(data) // 2])
    assert_clean_error(run("fix", str(path)), str(path), "truncated or corrupt")


def test_corrupt_zstd(tmp_path):
    path = write(tmp_path, "a.jsonl.zst", b"\x28\xb5\x2f\xfd" + b"garbage" * 10)
    assert_clean_error(run("fix", str(path)), str(path), "truncated or corrupt")


def test_unreadable_file_in_a_folder_is_reported_and_the_rest_done(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "out").mkdir()
    real_open = open

    def guarded_open(file, *args, **kwargs):  # root reads everything: refuse one file by hand
        if str(file).endswith("b.txt") and "w" not in (args[0] if args else kwargs.get("mode", "r")):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    status = cli.main(["fix", str(folder), "-o", str(tmp_path / "out"), "--on-error", "skip", "--quiet", "-j", "1"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{folder / 'b.txt'}: permission denied" in err and "Traceback" not in err
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == FIXED


def test_missing_path(tmp_path):
    assert_clean_error(run("fix", str(tmp_path / "nope.txt")), f"{tmp_path / 'nope.txt'}: no such file")


def test_output_into_a_missing_folder(tmp_path):
    path = write(tmp_path, "a.txt", GOOD.encode())
    assert_clean_error(run("fix", str(path), "-o", str(tmp_path / "missing" / "o.txt")), "does not exist")


def test_disk_full_leaves_input_and_output_untouched(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "a.txt", GOOD.encode())

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    status = cli.main(["fix", "--in-place", str(path), "--quiet", "-j", "1"])
    err = capsys.readouterr().err
    assert status == 1 and "No space left on device" in err and "Traceback" not in err
    assert path.read_bytes() == GOOD.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.parametrize(("pack", "message"), [
    ('[[rule]]\nname = "x"\npattern = "(open"\n', "rule 'x': invalid pattern"),
    ('[[rule]]\nname = "x"\n', "rule 'x': needs a pattern"),
    ("not toml at all [", "not valid TOML"),
    ('[[rule]]\nname = "x"\npattern = "a"\ncolour = 1\n', "unknown field 'colour'"),
    ('[[rule]]\nname = "x"\npattern = "a"\nkeep = "nope"\n', "keep = 'nope' names no group"),
])
def test_bad_rule_packs(tmp_path, pack, message):
    path = write(tmp_path, "pack.toml", pack.encode())
    assert_clean_error(run("fix", "--rules", str(path), stdin=GOOD), str(path), message)


def test_runaway_rule_pack_pattern_is_stopped(tmp_path):
    path = write(tmp_path, "pack.toml", b'[[rule]]\nname = "slow"\npattern = "(a|aa)+$"\n')
    result = run("fix", "--rules", str(path), stdin="a" * 80 + "!")
    assert_clean_error(result, "'slow'", "backtracks catastrophically")


@pytest.mark.parametrize(("args", "message"), [
    (["fix", "--in-place"], "--in-place needs files"),
    (["fix", "--jobs", "0"], "--jobs must be 1 or more"),
    (["fix", "--skip", ",".join(cleanwire.FILTERS)], "leave no filter"),
])
def test_usage_errors_exit_2(args, message):
    assert_clean_error(run(*args, stdin=GOOD), message, status=2)


def test_one_bad_file_among_many_is_skipped_when_asked(tmp_path):
    good = write(tmp_path, "good.txt", GOOD.encode())
    bad = write(tmp_path, "bad.txt", b"\x80\x81 not text")
    also = write(tmp_path, "also.jsonl", (json.dumps({"text": GOOD}) + "\n").encode())
    result = run("fix", str(good), str(bad), str(also), "--on-error", "skip")
    assert result.returncode == 1
    assert result.stdout == FIXED + json.dumps({"text": FIXED}, ensure_ascii=False) + "\n"
    assert "1 file(s) or line(s) skipped" in result.stderr


def test_crlf_line_breaks_become_newlines(tmp_path):
    path = write(tmp_path, "a.txt", b"one\r\ntwo\r\n")
    assert run("fix", str(path)).stdout == "one\ntwo\n"


def test_a_megabyte_without_a_space():
    text = "ab" * 500_000
    assert cleanwire.clean(text) == text


def test_jsonl_with_a_byte_order_mark(tmp_path):
    path = write(tmp_path, "a.jsonl", b"\xef\xbb\xbf" + json.dumps({"text": GOOD}).encode() + b"\n")
    assert json.loads(run("fix", str(path)).stdout) == {"text": FIXED}


@given(st.text())
def test_clean_never_raises_on_any_string(text):
    assert isinstance(cleanwire.clean(text), str)


def _killed_runs(args: list[str], target: Path, original: bytes, expected: bytes, runs: int) -> set[str]:
    """Kill `cleanwire fix` at random moments of its run; the target must be the old or the complete new file."""
    started = time.monotonic()
    subprocess.run([*command(), "fix", *args], stdout=subprocess.DEVNULL, check=True)
    whole_run = time.monotonic() - started
    if target == Path(args[-1]):
        Path(args[-1]).write_bytes(original)  # the timing run cleaned it in place
    seen = set()
    rng = random.Random(1)
    for _ in range(runs):
        if target.exists() and target != Path(args[-1]):
            target.unlink()
        proc = subprocess.Popen([*command(), "fix", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 1.1) * whole_run)  # start-up, reading, cleaning, writing or renaming
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        content = target.read_bytes() if target.exists() else None
        assert content in (original, expected, None if target != Path(args[-1]) else original)
        seen.add("old" if content in (original, None) else "new")
        leftovers = [p.name for p in target.parent.iterdir() if p.name.endswith(".cleanwire-tmp")]
        for name in leftovers:  # a killed run may leave its temporary file, never a partial target
            (target.parent / name).unlink()
    return seen


# A few hundred kilobytes: long enough to be killed while cleaning or writing, not only at start-up.
ARTICLE = (GOOD * 20 + "\n") * 200


def test_in_place_survives_sigkill(tmp_path):
    path = write(tmp_path, "big.txt", ARTICLE.encode())
    expected = cleanwire.clean(ARTICLE).encode()
    seen = _killed_runs(["--in-place", "-j", "1", str(path)], path, ARTICLE.encode(), expected, runs=12)
    assert seen  # every outcome was whole; which ones happened depends on timing


def test_output_file_survives_sigkill(tmp_path):
    src = write(tmp_path, "big.txt", ARTICLE.encode())
    out = tmp_path / "out.txt"
    expected = cleanwire.clean(ARTICLE).encode()
    seen = _killed_runs(["-o", str(out), "-j", "1", str(src)], out, b"", expected, runs=12)
    assert seen
    assert src.read_bytes() == ARTICLE.encode()


def test_a_lone_surrogate_that_cannot_be_written_names_the_line(tmp_path):
    # JSON may escape a lone surrogate; without the encoding filter it reaches a changed line's output.
    # (A line the chain leaves unchanged is written back as read, escape and all.)
    path = write(tmp_path, "a.jsonl", b'{"text": "fine"}\n{"text": "bad \\ud800 ater three atempts"}\n')
    result = run("fix", str(path), "--only", "ligatures", "-o", str(tmp_path / "out.jsonl"))
    assert_clean_error(result, f"{path}:2: cannot be written as UTF-8", "encoding filter")
    assert not (tmp_path / "out.jsonl").exists()
    assert run("fix", str(path)).stdout.splitlines()[1] == '{"text": "bad \ufffd after three attempts"}'
    unchanged = write(tmp_path, "b.jsonl", b'{"text": "bad \\ud800 one"}\n')
    assert run("fix", str(unchanged), "--only", "ligatures").stdout == '{"text": "bad \\ud800 one"}\n'
