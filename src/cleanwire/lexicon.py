"""Word frequencies and bigram counts, loaded once per process from package data.

Frequencies are Zipf values (log10 of occurrences per billion words): 7 for
"the", 3 for a word seen once in a million, 0 for a word never seen.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import platformdirs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from typing import Any

#: A word at least this frequent (Zipf) is a common word in its own right.
KNOWN_ZIPF = 3.0

T = TypeVar("T")
_SOURCES = (
    ("cleanwire.dictionaries", "vocabulary.tsv"),
    ("symspellpy", "frequency_dictionary_en_82_765.txt"),
    ("symspellpy", "frequency_bigramdictionary_en_243_342.txt"),
)


def cache_folder() -> Path | None:
    """Where parsed tables are kept between runs: $CLEANWIRE_CACHE, else the platform's user cache folder.

    ``CLEANWIRE_CACHE=off`` turns the cache off.
    """
    chosen = os.environ.get("CLEANWIRE_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(platformdirs.user_cache_dir("cleanwire", appauthor=False))


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """A hash of the source files' contents, this module's code and Python's version.

    Any edit to a word list or to how it is parsed gives a new name, so a
    stale table is never read (sizes or times could match after an edit).
    """
    digest = hashlib.sha256(sys.version.encode())
    digest.update(Path(__file__).read_bytes())
    for package, name in _SOURCES:
        digest.update((resources.files(package) / name).read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def dictionaries_fingerprint() -> str:
    """A hash of every data file cleanwire ships and the word lists it reads: it changes when they do.

    Caches of cleaned output (``datasets``' map cache, for one) key on it with cleanwire's version.

    >>> len(dictionaries_fingerprint())
    16
    """
    digest = hashlib.sha256(_fingerprint().encode())
    for item in sorted(resources.files("cleanwire.dictionaries").iterdir(), key=lambda item: item.name):
        if item.is_file() and item.name.endswith((".tsv", ".toml", ".txt", ".gz")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def cached(name: str, build: Callable[[], T], derived_from: tuple[bytes, ...] = ()) -> T:
    """``build()``, or its pickled result from an earlier run: parsing and deriving tables is most of start-up.

    The pickle's name holds a hash of the word lists, this module and
    ``derived_from`` (the contents of the code and data files a derived table
    is built from), so an edit to any of them builds the table anew.

    >>> cached("doctest-probe", lambda: {"after": 5.5}, derived_from=(b"the builder's code",))
    {'after': 5.5}
    """
    folder = cache_folder()
    if folder is None:
        return build()
    fingerprint = _fingerprint()
    if derived_from:
        digest = hashlib.sha256(fingerprint.encode())
        for source in derived_from:
            digest.update(source)
        fingerprint = digest.hexdigest()[:16]
    path = folder / f"{name}-{fingerprint}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
        pass  # no cache yet, or an unreadable one: build it
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{name}-", suffix=".pickle.tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(folder, name, keep=path)
    except OSError:
        pass  # a read-only home: the cache is only a speed-up, the tables are built each time instead
    return value


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove the tables of other versions (and what a killed writer left), so the cache never grows."""
    # A fingerprint is 16 characters: "index-2.0" prunes none of "index-2.0-1.5"'s tables.
    for stale in [*folder.glob(f"{name}-{'?' * 16}.pickle"), *folder.glob(f"{name}-*.pickle.tmp")]:
        if stale != keep:
            with contextlib.suppress(OSError):  # another process may be reading or removing it
                stale.unlink()


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """Lowercase word → Zipf frequency: cleanwire's vocabulary merged with symspellpy's dictionary.

    >>> zipf_table()["after"] > 5
    True
    """
    return cached("zipf", _build_zipf_table)


def _build_zipf_table() -> dict[str, float]:
    # Split the whole file at once: a Python loop per line costs most of the load time.
    fields = (resources.files("cleanwire.dictionaries") / "vocabulary.tsv").read_text(encoding="utf-8").split()
    table = dict(zip(fields[0::2], (int(value) / 100 for value in fields[1::2])))
    counts = unigram_counts()
    to_zipf = 1e9 / sum(counts.values())
    for word, count in counts.items():
        zipf = math.log10(count * to_zipf)
        if zipf > table.get(word, 0.0):
            table[word] = zipf
    return table


@lru_cache(maxsize=8)
def known_words(min_zipf: float) -> frozenset[str]:
    """Every word at least ``min_zipf`` frequent, for lookups in bulk.

    >>> "after" in known_words(KNOWN_ZIPF), "ater" in known_words(KNOWN_ZIPF)
    (True, False)
    """
    return frozenset(word for word, value in zipf_table().items() if value >= min_zipf)


@lru_cache(maxsize=8)
def known_word_bytes(min_zipf: float) -> frozenset[bytes]:
    """:func:`known_words` in UTF-8: a text's words found in bytes are checked against it without a decode each.

    >>> b"after" in known_word_bytes(KNOWN_ZIPF), b"ater" in known_word_bytes(KNOWN_ZIPF)
    (True, False)
    """
    return frozenset(word.encode() for word in known_words(min_zipf))


def zipf(word: str) -> float:
    """Zipf frequency of a lowercase word (0.0 when unknown).

    >>> zipf("the") > zipf("ater")
    True
    """
    return zipf_table().get(word, 0.0)


# Endings of contractions ("we'll", "I've") and the words they stand for: frequent as tokens,
# never words of their own. Not "re" ("we're"): it is also a prefix written apart ("re-election").
CONTRACTIONS = {"ll": "will", "ve": "have", "s": "is", "t": "not", "d": "would", "m": "am"}
_VOWEL = re.compile(r"[aeiouy]")


def is_word_alone(word: str, previous: str | None = None) -> bool:
    """Whether a lowercase token, after the word ``previous``, can be an English word on its own.

    Word lists count strings of consonants ("rm", "rms": commands,
    abbreviations that prose writes in capitals) and contraction endings
    ("ve" of "I've") as frequent words; in running lowercase text they are
    none, except an ending after a word it contracts with, in a text that
    lost its apostrophes ("we ll"). Nor is "i": prose writes the pronoun "I".

    >>> [is_word_alone(w) for w in ("firms", "rms", "sh", "by", "re", "ve", "i")]
    [True, False, False, True, True, False, False]
    >>> is_word_alone("ve", "i"), is_word_alone("ve", "for")
    (True, False)
    """
    expanded = CONTRACTIONS.get(word)
    if expanded is not None:
        # "I have" is 1 % or more of the bigrams after "I": "I ve" is "I've" that lost its apostrophe.
        return previous is not None and follows_often(previous, expanded)
    return word != "i" and _VOWEL.search(word) is not None


@lru_cache(maxsize=1)
def unigram_counts() -> dict[str, int]:
    """Word → count in symspellpy's English dictionary, the unigrams of its bigram table.

    >>> unigram_counts()["the"] > unigram_counts()["draft"]
    True
    """
    fields = (resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8").split()
    return dict(zip(fields[0::2], map(int, fields[1::2])))


@lru_cache(maxsize=1)
def _bigrams() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    return cached("bigrams", _build_bigrams)


def _build_bigrams() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    # One split of the whole file: a Python loop over lines costs most of the load time.
    fields = (resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt").read_text(
        encoding="utf-8"
    ).split()
    firsts, seconds, counts = fields[0::3], fields[1::3], list(map(int, fields[2::3]))
    table = dict(zip(zip(firsts, seconds), counts))
    totals: dict[str, int] = {}
    for first, count in zip(firsts, counts):
        totals[first] = totals.get(first, 0) + count
    return table, totals


def bigram_table() -> dict[tuple[str, str], int]:
    """(word, next word) → count, from symspellpy's English bigram dictionary, loaded on first use.

    >>> bigram_table()[("a", "draft")] > 0
    True
    """
    return _bigrams()[0]


def bigram_left_totals() -> dict[str, int]:
    """Word → sum of the counts of the bigrams it starts: the denominator of P(next | word).

    >>> bigram_left_totals()["a"] >= bigram_table()[("a", "draft")]
    True
    """
    return _bigrams()[1]


def follows_often(word: str, following: str, share: float = 0.01) -> bool:
    """Whether English bigrams show ``following`` after ``word`` in ``share`` of its bigrams or more.

    >>> follows_often("united", "states"), follows_often("star", "richard")
    (True, False)
    """
    total = bigram_left_totals().get(word, 0)
    return total > 0 and bigram_table().get((word, following), 0) / total >= share


@lru_cache(maxsize=1)
def proper_nouns() -> dict[str, str]:
    """Capitalised word → ``"proper"`` (never lowercase) or ``"capitalised"`` (also a common word).

    >>> proper_nouns()["Russian"], proper_nouns()["China"]
    ('proper', 'capitalised')
    """
    with (resources.files("cleanwire.dictionaries") / "proper_nouns.tsv").open(encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t") for line in fh)


def load_toml(name: str) -> dict[str, Any]:
    """A TOML data file shipped in ``cleanwire.dictionaries``.

    >>> "ligature" in load_toml("ligatures.toml")
    True
    """
    with (resources.files("cleanwire.dictionaries") / name).open("rb") as fh:
        return tomllib.load(fh)
