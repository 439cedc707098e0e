"""Corpus mode (`cleanwire fix --match-references`): repair rate and time.

1. Quality: a JSONL mixing the damaged and the clean edition of every
   bbc-damaged `+ref` case, shuffled among unrelated clean articles, is
   cleaned in corpus mode; the damaged editions are scored with score.py and
   compared with cleaning them given their reference explicitly.
2. Time: N documents (default 100,000) made by repeating the shared BBC
   articles with a number changed in each, matched and cleaned in corpus mode.

    python benchmarks/corpus.py [--shared ../shared] [--docs 100000] [--smoke]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cleanwire


def load_score(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def totals(score, rows: list[tuple[str, str, str]]) -> dict:  # type: ignore[no-untyped-def,type-arg]
    total: dict[str, int] = {}
    for noisy, cleaned, truth in rows:
        result = score.score_case(noisy, cleaned, truth)
        result.pop("examples")
        for key, value in result.items():
            total[key] = total.get(key, 0) + value
    summary: dict[str, Any] = total | score.summarize(total)
    return summary


def quality(shared: Path, workdir: Path) -> None:
    score = load_score(shared)
    cases = [json.loads(line) for line in (shared / "eval/bbc-damaged.jsonl").open() if line.strip()]
    cases = [c for c in cases if c["id"].endswith("+ref")]
    rows = []
    for case in cases:
        rows.append({"id": case["id"] + "/damaged", "text": case["noisy"]})
        rows.append({"id": case["id"] + "/reference", "text": case["reference"]})
    articles = [json.loads(line) for line in (shared / "data/bbc-news-2225/bbc.jsonl").open()]
    rows += [{"id": a["id"], "text": a["text"]} for a in articles[1::2][:500]]  # the half bbc-damaged does not use
    random.Random(0).shuffle(rows)
    corpus, out, report = workdir / "mixed.jsonl", workdir / "mixed.out.jsonl", workdir / "report.json"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "cleanwire", "fix", str(corpus), "--match-references",
                    "-o", str(out), "--report", str(report)], check=True)
    cleaned = {json.loads(line)["id"]: json.loads(line)["text"] for line in out.open()}
    by_id = {c["id"]: c for c in cases}
    matched = [(c["noisy"], cleaned[c["id"] + "/damaged"], c["truth"]) for c in cases]
    explicit = [(c["noisy"], cleanwire.clean(c["noisy"], reference=c["reference"]), c["truth"]) for c in cases]
    info = json.loads(report.read_text())
    lines = {i + 1: r["id"] for i, r in enumerate(rows)}
    right = sum(
        1 for doc, ref in info["references"].items()
        if lines[int(doc.rsplit(":", 1)[1])].endswith("/damaged")
        and lines[int(ref.rsplit(":", 1)[1])] == lines[int(doc.rsplit(":", 1)[1])].replace("/damaged", "/reference")
    )
    print(f"mixed corpus: {len(rows)} documents, {info['groups']} groups; "
          f"{right} of {len(by_id)} damaged editions matched to their clean edition")
    for name, result in (("corpus mode", totals(score, matched)), ("explicit reference", totals(score, explicit))):
        print(f"  {name:<19} fixed={result['fixed']} broken={result['broken']} missed={result['missed']} "
              f"precision={result['precision']:.4f} recall={result['recall']:.4f} "
              f"extra_removed={result['extra_removed']:.4f}")


def timing(shared: Path, workdir: Path, docs: int) -> None:
    articles = [json.loads(line)["text"] for line in (shared / "data/bbc-news-2225/bbc.jsonl").open()]
    corpus = workdir / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            text = articles[i % len(articles)].replace("the", f"the {i}", 1)  # every copy differs a little
            fh.write(json.dumps({"id": i, "text": text}) + "\n")
    size = corpus.stat().st_size / 1e6
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleanwire", "fix", str(corpus), "--match-references",
                    "-o", str(workdir / "big.out.jsonl"), "--report", str(workdir / "big.json")], check=True)
    seconds = time.perf_counter() - start
    groups = json.loads((workdir / "big.json").read_text())["groups"]
    print(f"{docs} documents ({size:.0f} MB): corpus mode {seconds:.1f} s, {groups} groups "
          f"({docs / seconds:.0f} documents/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true", help="2,000 documents for the timing")
    args = parser.parse_args()
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"corpus.py: no shared data at {args.shared} (pass --shared)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        quality(args.shared, Path(tmp))
        timing(args.shared, Path(tmp), 2_000 if args.smoke else args.docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
