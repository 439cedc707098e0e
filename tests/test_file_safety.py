"""What ``cleanwire fix`` does to the files it is trusted with: it never drops, rewrites or replaces
what it was not asked to change, and a signal leaves the original or the complete output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.test_cli import command, run

DAMAGED_LINE = b'{"id": 1, "text": "Talks ended ater three atempts."}'
FIXED_LINE = b'{"id": 1, "text": "Talks ended after three attempts."}'
UNREADABLE_LINE = b'{"text": null, "id": 7}'


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("where", ["--in-place", "-o"])
def test_records_that_cannot_be_cleaned_are_written_back_as_they_were(tmp_path, where):
    data = DAMAGED_LINE + b"\n" + UNREADABLE_LINE + b"\n" + b"[1, 2]\n" + DAMAGED_LINE + b"\n"
    src = write(tmp_path / "n.jsonl", data)
    out = tmp_path / "out.jsonl"
    result = run("fix", str(src), *(["--in-place"] if where == "--in-place" else ["-o", str(out)]),
                 "--on-error", "skip")
    assert result.returncode == 1
    assert f"{src}:2:" in result.stderr and f"{src}:3:" in result.stderr
    written = (src if where == "--in-place" else out).read_bytes()
    assert written == FIXED_LINE + b"\n" + UNREADABLE_LINE + b"\n" + b"[1, 2]\n" + FIXED_LINE + b"\n"


def test_jsonl_fields_other_than_the_text_come_back_byte_for_byte(tmp_path):
    line = (b'{"n": 1e400, "x": 1.10, "y": 1E5, "e": "caf\\u00e9 \\/", "nested": {"a": [1.0, -0.0]},'
            b' "text": "Talks ended ater three atempts.", "z": true}\n')
    src = write(tmp_path / "a.jsonl", line)
    result = run("fix", str(src))
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode() == line.replace(b"ater three atempts", b"after three attempts")


def test_jsonl_lines_without_edits_are_written_exactly_as_read(tmp_path):
    line = b'{ "text" : "Port reopened \\u2014 calm.",  "id":3 }\n'
    src = write(tmp_path / "a.jsonl", line)
    assert run("fix", str(src)).stdout.encode() == line


def test_duplicate_keys_are_an_error_naming_the_line(tmp_path):
    src = write(tmp_path / "a.jsonl", DAMAGED_LINE + b'\n{"text": "a", "text": "b"}\n')
    result = run("fix", str(src))
    assert result.returncode == 1
    assert f"{src}:2: key 'text' appears twice" in result.stderr


def test_deep_nesting_is_an_error_naming_the_line_and_can_be_skipped(tmp_path):
    src = write(tmp_path / "a.jsonl", DAMAGED_LINE + b"\n" + b"[" * 100_000 + b"\n" + DAMAGED_LINE + b"\n")
    result = run("fix", str(src), "--on-error", "skip")
    assert result.returncode == 1
    assert f"{src}:2: nested too deeply" in result.stderr and "internal error" not in result.stderr
    assert result.stdout.encode().count(FIXED_LINE) == 2


def test_a_json_file_of_lines_is_read_as_json_lines(tmp_path):
    src = write(tmp_path / "a.json", b'{"text": "Talks ended ater three atempts, he said \\"no\\"."}\n')
    result = run("fix", str(src))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"text": 'Talks ended after three attempts, he said "no".'}


@pytest.mark.parametrize("report", ["input", "output"])
def test_a_report_over_an_input_or_output_is_refused_before_any_work(tmp_path, report):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    out = tmp_path / "out.txt"
    target = src if report == "input" else out
    result = run("fix", str(src), "-o", str(out), "--report", str(target))
    assert result.returncode == 2 and "--report" in result.stderr
    assert src.read_bytes() == b"Talks ended ater three atempts.\n"
    assert not out.exists()


def test_a_report_into_a_missing_folder_fails_before_any_output_is_written(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    out = tmp_path / "out.txt"
    result = run("fix", str(src), "-o", str(out), "--report", str(tmp_path / "missing" / "r.json"))
    assert result.returncode == 2 and "missing" in result.stderr
    assert not out.exists()


def test_two_inputs_with_one_name_are_refused_rather_than_overwritten(tmp_path):
    for folder in ("p", "q"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "a.txt", f"from {folder}\n".encode())
    (tmp_path / "o").mkdir()
    result = run("fix", str(tmp_path / "p" / "a.txt"), str(tmp_path / "q" / "a.txt"), "-o", str(tmp_path / "o"))
    assert result.returncode == 2 and "both" in result.stderr
    assert list((tmp_path / "o").iterdir()) == []


def test_output_to_dev_null_writes_into_it_without_replacing_it(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    before = os.stat("/dev/null")
    assert run("fix", str(src), "-o", "/dev/null").returncode == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_output_to_a_fifo_writes_into_it(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run("fix", str(src), "-o", str(fifo)).returncode == 0
    reader.join(timeout=30)
    assert received == [b"Talks ended after three attempts.\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_in_place_on_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    target = write(tmp_path / "target.txt", b"Talks ended ater three atempts.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("fix", "--in-place", str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_bytes() == b"Talks ended after three attempts.\n"


def test_in_place_keeps_mode_and_extended_attributes(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    os.chmod(src, 0o640)
    try:
        os.setxattr(src, "user.source", b"wire")
    except OSError:
        xattrs = False  # the file system keeps no user attributes
    else:
        xattrs = True
    assert run("fix", "--in-place", str(src)).returncode == 0
    assert src.read_bytes() == b"Talks ended after three attempts.\n"
    assert stat.S_IMODE(os.stat(src).st_mode) == 0o640
    if xattrs:
        assert os.getxattr(src, "user.source") == b"wire"


def test_in_place_refuses_a_file_with_other_hard_links_unless_told(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    os.link(src, tmp_path / "b.txt")
    result = run("fix", "--in-place", str(src))
    assert result.returncode == 1 and "hard link" in result.stderr and "--break-hardlinks" in result.stderr
    assert src.read_bytes() == b"Talks ended ater three atempts.\n"
    assert run("fix", "--in-place", "--break-hardlinks", str(src)).returncode == 0
    assert src.read_bytes() == b"Talks ended after three attempts.\n"
    assert (tmp_path / "b.txt").read_bytes() == b"Talks ended ater three atempts.\n"


def test_in_place_leaves_a_file_with_nothing_to_change_untouched(tmp_path):
    src = write(tmp_path / "a.txt", b"The port reopened after three days.\n")
    os.utime(src, (1_000_000_000, 1_000_000_000))
    before = os.stat(src)
    assert run("fix", "--in-place", str(src)).returncode == 0
    after = os.stat(src)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_the_final_newline_survives_a_removed_footer(tmp_path):
    src = write(tmp_path / "a.txt", b"The port reopened after three days.\n\nNewspapers in English\n")
    assert run("fix", str(src)).stdout == "The port reopened after three days.\n"


def test_documents_written_to_stdout_stay_apart(tmp_path):
    (tmp_path / "d").mkdir()
    write(tmp_path / "d" / "a.txt", b"First story, no final newline.")
    write(tmp_path / "d" / "b.txt", b"Second story.\n")
    assert run("fix", str(tmp_path / "d")).stdout == "First story, no final newline.\nSecond story.\n"


def test_a_broken_pipe_ends_quietly(tmp_path):
    src = write(tmp_path / "a.jsonl", DAMAGED_LINE + b"\n" * 1 + (DAMAGED_LINE + b"\n") * 20_000)
    proc = subprocess.run(f"{' '.join(command())} fix -j 1 {src} | head -c 10", shell=True,
                          capture_output=True, timeout=120)
    assert proc.stdout == FIXED_LINE[:10]
    assert proc.stderr == b""


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_leaves_no_temporary_file_or_worker(tmp_path, sig, status, jobs):
    src = write(tmp_path / "a.jsonl", (DAMAGED_LINE + b"\n") * 50_000)  # seconds of work
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*command(), "fix", str(src), "-o", str(out), "-j", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".cleanwire-tmp") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None, "the run ended before it was signalled"
        time.sleep(0.01)
    time.sleep(0.5)  # into the cleaning
    assert proc.poll() is None, "the run ended before it was signalled"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status, err
    assert err.decode().count("\n") == 1 and "Traceback" not in err.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]
    alive = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True)
    assert alive.stdout == b"", "workers outlived the parent"


def test_diff_is_a_patch_that_applies_even_without_a_final_newline(tmp_path):
    text = b"Talks ended ater three atempts.\n\nThe atacks stopped"
    src = write(tmp_path / "a.txt", text)
    patch = run("fix", "--diff", str(src), cwd=tmp_path)
    assert patch.returncode == 0 and "\\ No newline at end of file" in patch.stdout
    applied = subprocess.run(["patch", "-p1", "--quiet"], input=patch.stdout.replace(str(src), "a.txt").encode(),
                             cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert src.read_bytes() == b"Talks ended after three attempts.\n\nThe attacks stopped"


def test_explain_lists_edits_in_text_order(tmp_path):
    src = write(tmp_path / "a.txt", b"Harbour Post\n\nT he talks ended ater three atempts.\n\nNewspapers in English\n")
    columns = [(int(line.split(":")[1]), int(line.split(":")[2]))
               for line in run("fix", "--explain", str(src)).stderr.splitlines()]
    assert len(columns) >= 4 and columns == sorted(columns)


def test_check_changes_nothing_and_exits_1_when_something_would_change(tmp_path):
    damaged = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    clean = write(tmp_path / "b.txt", b"Talks ended after three attempts.\n")
    result = run("fix", "--check", str(damaged), str(clean))
    assert result.returncode == 1 and f"would change {damaged}" in result.stderr and str(clean) not in result.stderr
    assert result.stdout == "" and damaged.read_bytes() == b"Talks ended ater three atempts.\n"
    assert run("fix", "--check", str(clean)).returncode == 0


def test_a_decompression_bomb_is_refused_naming_the_file_and_line(tmp_path):
    src = tmp_path / "bomb.jsonl.gz"
    with gzip.open(src, "wb") as out:
        out.write(DAMAGED_LINE + b"\n")
        for _ in range(8):
            out.write(b"a" * (1 << 20))
    result = run("fix", str(src), "--max-document-bytes", str(4 << 20), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 1 and f"{src}:2: a document of more than" in result.stderr
    assert "internal error" not in result.stderr and not (tmp_path / "out.jsonl").exists()
    text = tmp_path / "big.txt"
    text.write_bytes(b"a " * (1 << 20))
    assert f"{text}:1: a document of more than" in run("fix", str(text), "--max-document-bytes", "1000").stderr


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("fix", str(tmp_path / "empty"))
    assert result.returncode == 1 and "no files to read" in result.stderr and "--glob" in result.stderr


def test_a_diff_of_a_file_whose_name_is_not_utf8_names_it_in_its_own_bytes(tmp_path):
    name = b"n\xe9.txt"
    path = tmp_path / os.fsdecode(name)
    write(path, b"Talks ended ater three atempts.\n")
    patch = subprocess.run([*command(), "fix", "--diff", os.fsdecode(name)], cwd=tmp_path, capture_output=True)
    assert patch.returncode == 0, patch.stderr
    assert patch.stdout.startswith(b"--- a/" + name + b"\n+++ b/" + name + b"\n")
    applied = subprocess.run(["patch", "-p1", "--quiet"], input=patch.stdout, cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert path.read_bytes() == b"Talks ended after three attempts.\n"


def test_a_closed_stdout_is_an_error_that_says_so_not_an_internal_one(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    closed = subprocess.run([*command(), "fix", str(src)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and b"standard output is closed" in closed.stderr
    assert b"internal error" not in closed.stderr
    written = subprocess.run([*command(), "fix", str(src), "-o", str(tmp_path / "out.txt")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "out.txt").read_bytes() == b"Talks ended after three attempts.\n"


def test_the_progress_bar_counts_bytes_of_a_known_total_and_documents_on_stderr_only(tmp_path):
    lines = DAMAGED_LINE + b"\n" + FIXED_LINE + b"\n"
    first = write(tmp_path / "a.jsonl", lines)
    second = write(tmp_path / "b.txt", b"Talks ended ater three atempts.\n")
    result = subprocess.run([*command(), "fix", "--progress", str(first), str(second), "-o", str(tmp_path / "out")],
                            capture_output=True)
    assert result.returncode == 0 and result.stdout == b""
    last = result.stderr.decode().replace("\r", "\n").strip().splitlines()[-1]
    total = len(lines) + second.stat().st_size
    assert last.startswith("b.txt: 100%") and f"{total}/{total}" in last and "3 documents" in last
    assert (tmp_path / "out" / "a.jsonl").read_bytes() == FIXED_LINE + b"\n" + FIXED_LINE + b"\n"


def test_a_report_to_dev_stdout_on_a_pipe_is_written_into_the_pipe(tmp_path):
    src = write(tmp_path / "a.txt", b"Talks ended ater three atempts.\n")
    result = subprocess.run([*command(), "fix", str(src), "--report", "/dev/stdout"], capture_output=True)
    assert result.returncode == 0, result.stderr
    text, _, report = result.stdout.decode().partition("\n")
    assert text == "Talks ended after three attempts." and json.loads(report)["documents"] == 1
