"""Build ``vocabulary.tsv``: English word frequencies for the word-repair filters.

Source: wordfreq's "large" English list (wordfreq 3.1, code Apache-2.0, data
CC-BY-SA 4.0, which this derived file inherits; see
https://github.com/rspeer/wordfreq). wordfreq blends news, books, subtitles,
Wikipedia and web text, which suits news better than a spelling dictionary.

Kept: lowercase alphabetic words (an inner apostrophe allowed) with a Zipf
frequency of at least 1.5 (about once in 30 million words). Written as
``word<TAB>zipf*100``, most frequent first.

Run: ``pip install cleanwire[build-dictionaries] && python dictionaries/build_vocabulary.py``
"""

from __future__ import annotations

import re
from pathlib import Path

MIN_ZIPF = 1.5
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def main() -> None:
    # Imported here: the package ships this script, not its build-time dependency.
    from wordfreq import top_n_list, zipf_frequency

    out = Path(__file__).with_name("vocabulary.tsv")
    rows = []
    for word in top_n_list("en", 1_000_000, wordlist="large"):
        if not WORD.fullmatch(word):
            continue
        zipf = zipf_frequency(word, "en", wordlist="large")
        if zipf < MIN_ZIPF:
            break
        rows.append(f"{word}\t{round(zipf * 100)}\n")
    out.write_text("".join(rows), encoding="utf-8")
    print(f"wrote {len(rows)} words to {out}")


if __name__ == "__main__":
    main()
