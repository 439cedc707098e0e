"""Parallel speed-up and memory of ``cleanwire fix`` on JSONL files, as a user runs it.

Builds JSONL files of two sizes from a corpus (or from the project's example),
runs the installed command on them with ``-j 1`` and ``-j N`` and prints wall
time, the speed-up, the largest process's peak RSS for each size and their
ratio (the streaming promise: flat in input size). Checks that ``-j N``
writes the same bytes as ``-j 1``; asserts nothing about time.

    python benchmarks/scale.py [--corpus bbc.jsonl] [--small-mb 10] [--large-mb 1000] [--jobs 2] [--smoke]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "export.txt"


def command() -> list[str]:
    installed = Path(sys.executable).parent / "cleanwire"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "cleanwire"]


def build_jsonl(lines: list[str], megabytes: float, path: Path) -> None:
    """``lines`` repeated (numbered, so no two lines are equal) up to ``megabytes``."""
    size, n = 0, 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            for text in lines:
                line = json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                size += len(line.encode("utf-8"))
                n += 1
                if size >= megabytes * 1e6:
                    break


def run(source: Path, output: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of one ``cleanwire fix`` run.

    Each run is its own child, so RUSAGE_CHILDREN's maximum is this run's only
    if it is the largest so far: runs go in order of growing input.
    """
    start = time.perf_counter()
    subprocess.run([*command(), "fix", str(source), "-j", str(jobs), "-o", str(output), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL corpus with a 'text' field (default: the example)")
    parser.add_argument("--small-mb", type=float, default=10.0)
    parser.add_argument("--large-mb", type=float, default=1000.0)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--smoke", action="store_true", help="1 MB and 3 MB: checks the script works")
    args = parser.parse_args()
    small, large = (1.0, 3.0) if args.smoke else (args.small_mb, args.large_mb)
    if args.corpus:
        lines = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8") if line.strip()]
    else:
        lines = EXAMPLE.read_text(encoding="utf-8").split("\n\n")

    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR")) as tmp:
        folder = Path(tmp)
        build_jsonl(lines, small, folder / "small.jsonl")
        build_jsonl(lines, large, folder / "large.jsonl")
        small_seconds, small_rss = run(folder / "small.jsonl", folder / "small.out.jsonl", args.jobs)
        one_seconds, _ = run(folder / "large.jsonl", folder / "large.1.jsonl", 1)
        many_seconds, large_rss = run(folder / "large.jsonl", folder / "large.n.jsonl", args.jobs)
        same = filecmp.cmp(folder / "large.1.jsonl", folder / "large.n.jsonl", shallow=False)

    print(f"{large:g} MB JSONL: -j 1 {one_seconds:.2f} s, -j {args.jobs} {many_seconds:.2f} s: "
          f"{one_seconds / many_seconds:.2f}× (target ≥ 1.8 on 2 cores); output identical: {same}")
    print(f"peak RSS, -j {args.jobs}: {small:g} MB input {small_rss:.0f} MB ({small_seconds:.1f} s), "
          f"{large:g} MB input {large_rss:.0f} MB: {large_rss / small_rss:.2f}× (target ≤ 1.2)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
