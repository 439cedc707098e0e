"""Speed of cleanwire's default chain against its reference points, measured in one run.

On clean news text: ftfy.fix_text alone, a tokenize-and-lookup floor (a regex
word tokenizer, lowercase, a set lookup per word), and cleanwire's chain. On
damaged text: the chain against a naive symspellpy pass (ftfy, then
symspellpy's top suggestion for every unknown word). Also the start-up time
(import plus the dictionaries a first document needs). Prints MB/s and the
ratios the speed targets are stated in; asserts nothing.

    python benchmarks/run.py [--corpus bbc.jsonl] [--damaged bbc-damaged.jsonl wild-damage.jsonl] [--mb 5] [--smoke]

Without --corpus the clean corpus is the project's own example text, repeated.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import ftfy

import cleanwire
from cleanwire.models.context import context_model
from cleanwire.pipeline import make_pipeline

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "export.txt"
WORD = re.compile(r"\w+")


def load_texts(path: Path | None, megabytes: float, field: str = "text") -> list[str]:
    if path is None:
        base = [cleanwire.clean(EXAMPLE.read_text(encoding="utf-8"))]
    else:
        base = [json.loads(line)[field] for line in path.open(encoding="utf-8") if line.strip()]
    texts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for text in base:
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return texts


WARM_UP = "Harbour Post\n\nT he port reopened ater atempts; Euro-atlantic frst ofcials rec- ently met.\n\nNewspapers in English"


def throughput(func: Callable[[str], object], texts: Sequence[str]) -> float:
    """MB/s of ``func`` over ``texts`` (UTF-8 bytes), after a warm-up that loads what it loads lazily."""
    func(WARM_UP)
    func(texts[0])
    start = time.perf_counter()
    for text in texts:
        func(text)
    seconds = time.perf_counter() - start
    return sum(len(t.encode("utf-8")) for t in texts) / seconds / 1e6


def symspell_words() -> set[str]:
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as fh:
        return {line.split()[0] for line in fh}


def tokenize_floor(words: set[str]) -> Callable[[str], object]:
    def floor(text: str) -> object:
        return [w for w in WORD.findall(text.lower()) if w not in words]

    return floor


def naive_symspell(words: set[str]) -> Callable[[str], object]:
    from symspellpy import SymSpell, Verbosity

    speller = SymSpell(max_dictionary_edit_distance=2)
    speller.load_dictionary(str(resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)

    def naive(text: str) -> object:
        out = []
        for token in WORD.findall(ftfy.fix_text(text)):
            if token.lower() not in words:
                found = speller.lookup(token.lower(), Verbosity.TOP, max_edit_distance=2)
                token = found[0].term if found else token
            out.append(token)
        return out

    return naive


def startup_seconds() -> float:
    code = "import cleanwire; cleanwire.clean('Talks ended ater three atempts and atacks.')"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="clean JSONL corpus with a 'text' field")
    parser.add_argument("--damaged", type=Path, nargs="+",
                        help="eval cases (JSONL with 'noisy'), one file or more, for the damaged-text figures")
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of clean text to time (default 5)")
    parser.add_argument("--smoke", action="store_true", help="a quick run (0.3 MB) that checks the script works")
    args = parser.parse_args()
    megabytes = 0.3 if args.smoke else args.mb

    clean_texts = load_texts(args.corpus, megabytes)
    words = symspell_words()
    print(f"start-up (import, dictionaries, first document): {startup_seconds():.2f} s")
    ftfy_speed = throughput(ftfy.fix_text, clean_texts)
    floor_speed = throughput(tokenize_floor(words), clean_texts)
    chain_speed = throughput(cleanwire.clean, clean_texts)
    print(f"clean news, {megabytes:g} MB, one core:")
    print(f"  ftfy.fix_text        {ftfy_speed:7.2f} MB/s")
    print(f"  tokenize + lookup    {floor_speed:7.2f} MB/s")
    print(f"  cleanwire chain      {chain_speed:7.2f} MB/s")
    print(f"  chain / ftfy         {chain_speed / ftfy_speed:7.2f}×  (target ≥ 2)")
    print(f"  chain / floor        {chain_speed / floor_speed:7.2f}×  (target ≥ 0.5)")
    if args.damaged:
        damaged = [json.loads(line)["noisy"] for path in args.damaged
                   for line in path.open(encoding="utf-8") if line.strip()]
        damaged = damaged[:20] if args.smoke else damaged
        naive_sample = damaged[: max(1, len(damaged) // 10)]
        naive_speed = throughput(naive_symspell(words), naive_sample)
        damaged_speed = throughput(cleanwire.clean, damaged)
        bigram_chain = make_pipeline(settings={"ligatures": {"context_model": "bigram"}})
        bigram_speed = throughput(bigram_chain, damaged)
        print(f"damaged news ({len(damaged)} documents; naive pass on {len(naive_sample)}):")
        print(f"  naive symspellpy     {naive_speed:7.3f} MB/s")
        print(f"  cleanwire chain      {damaged_speed:7.3f} MB/s  (real words by the {context_model().name} model)")
        print(f"  with bigrams only    {bigram_speed:7.3f} MB/s")
        print(f"  chain / naive        {damaged_speed / naive_speed:7.1f}×  (target ≥ 100)")
        print(f"  damaged / clean      {damaged_speed / chain_speed:7.2f}×  (target ≥ 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
