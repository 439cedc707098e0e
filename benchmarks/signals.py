"""SIGTERM and SIGINT at random moments of `cleanwire fix`: the target is always whole, nothing is left behind.

For each of -j 1 and -j 2, -o FILE and --in-place, and SIGTERM and SIGINT, the
command cleans a JSONL file of a few MB and is signalled at a random moment
of its run (start-up, reading, cleaning, writing or renaming). After each
signal the target must be the original or the complete output, no temporary
file may be left beside it, and no process of the run may be alive. Prints the
outcomes; exits 1 if any run broke these promises.

    python benchmarks/signals.py [--kills 20] [--smoke]
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

LINE = b'{"id": 1, "text": "Talks ended ater three atempts, and the atacks stopped ater a week."}\n'


def command() -> list[str]:
    installed = Path(sys.executable).parent / "cleanwire"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "cleanwire"]


def signalled_runs(folder: Path, jobs: str, mode: str, sig: signal.Signals, kills: int, lines: int) -> Counter[str]:
    """Outcomes of ``kills`` runs signalled at random moments: "old", "new", or what broke."""
    source = folder / "in.jsonl"
    original = LINE * lines
    source.write_bytes(original)
    target = source if mode == "--in-place" else folder / "out.jsonl"
    args = [*command(), "fix", "-j", jobs, str(source), *(["--in-place"] if mode == "--in-place" else ["-o", str(target)])]
    started = time.monotonic()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    whole_run = time.monotonic() - started
    expected = target.read_bytes()
    rng = random.Random(f"{jobs}{mode}{sig}")
    outcomes: Counter[str] = Counter()
    for _ in range(kills):
        source.write_bytes(original)
        if target != source:
            target.unlink(missing_ok=True)
        # SIGINT as a terminal's Ctrl-C gives it, even where this script runs in the background (which ignores it).
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(rng.uniform(0.0, 1.1) * whole_run)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
        content = target.read_bytes() if target.exists() else None
        left = [p.name for p in folder.iterdir() if p.name not in ("in.jsonl", "out.jsonl")]
        alive = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, check=False).stdout
        if content in (original if target == source else None, expected) and not left and not alive:
            outcomes["new" if content == expected else "old"] += 1
        else:
            broke = "partial target" if content not in (original, expected, None) else "left files" if left else "alive"
            outcomes[f"BROKEN ({broke}; exit {proc.returncode}: {err.decode().strip()[:80]})"] += 1
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20, help="signalled runs per case")
    parser.add_argument("--lines", type=int, default=40_000, help="lines of the JSONL file cleaned")
    parser.add_argument("--smoke", action="store_true", help="two runs per case on a small file, for CI")
    args = parser.parse_args()
    kills, lines = (2, 5_000) if args.smoke else (args.kills, args.lines)
    broken = 0
    print(f"{'jobs':>4}  {'output':<10}  {'signal':<7}  outcomes of {kills} runs signalled at random moments")
    for jobs in ("1", "2"):
        for mode in ("-o", "--in-place"):
            for sig in (signal.SIGTERM, signal.SIGINT):
                folder = Path(tempfile.mkdtemp(prefix="cleanwire-signals-"))
                try:
                    outcomes = signalled_runs(folder, jobs, mode, sig, kills, lines)
                finally:
                    shutil.rmtree(folder)
                broken += sum(n for outcome, n in outcomes.items() if outcome.startswith("BROKEN"))
                shown = ", ".join(f"{outcome} {n}" for outcome, n in sorted(outcomes.items()))
                print(f"{jobs:>4}  {mode:<10}  {sig.name:<7}  {shown}")
    print(f"broken runs: {broken}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
