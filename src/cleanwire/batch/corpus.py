"""Corpus mode: find the editions of one story among many documents, pick the cleanest as reference.

Wire stories run in many outlets. Near-duplicates are found with MinHash LSH
(datasketch) over word shingles made robust to the damage cleanwire repairs:
words are lowercased and stripped of the letters ligatures lose (f, i, l, t),
so "ater" and "after" give the same shingle. Within each group the document
with the least damage (words the ligature model explains as losses, and
boilerplate the rule packs find, per word) becomes the reference of the others. No pair of documents is
compared outside its LSH buckets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from cleanwire import lexicon
from cleanwire.batch import io as cwio
from cleanwire.batch.formats import read_records
from cleanwire.batch.plan import Plan
from cleanwire.batch.report import RunReport
from cleanwire.filters.boilerplate import BUILTIN_PACK, load_pack, remove_boilerplate
from cleanwire.models.ligatures import best_nonword_candidate

_WORD = re.compile(r"[a-z]+")
_LIGATURE_LETTERS = str.maketrans("", "", "filt")
SHINGLE = 3
NUM_PERM = 64


def skeleton_shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Shingles of ``size`` words, each word lowercased and without the letters ligatures lose.

    >>> skeleton_shingles("Talks ended ater three atempts") == skeleton_shingles("talks ended after three attempts")
    True
    """
    words = [w.translate(_LIGATURE_LETTERS) for w in _WORD.findall(text.lower())]
    words = [w for w in words if w]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def damage_score(text: str) -> float:
    """Damage per word: words that look like ligature losses, and boilerplate the rule packs remove.

    >>> damage_score("talks ended after three attempts") < damage_score("talks ended ater three atempts")
    True
    >>> damage_score("Talks ended.") < damage_score("Talks ended.\\n\\nNewspapers in English")
    True
    """
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    known = lexicon.known_words(lexicon.KNOWN_ZIPF)
    damaged = sum(1 for w in words if w not in known and best_nonword_candidate(w, 2.0, 2.0) is not None)
    boilerplate = len(remove_boilerplate(text, load_pack(BUILTIN_PACK))[1])
    return (damaged + boilerplate) / len(words)


@dataclass(frozen=True)
class Sketch:
    """What corpus mode keeps of a document while it reads the corpus: no text."""

    minhash: MinHash
    damage: float


def sketch(text: str, num_perm: int = NUM_PERM) -> Sketch:
    """The MinHash and damage score of one document."""
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch(list(skeleton_shingles(text)))
    return Sketch(minhash, damage_score(text))


def choose_references(sketches: Sequence[Sketch], threshold: float = 0.5) -> list[int | None]:
    """For each document, the index of the document to use as its reference, or ``None``.

    Documents are grouped by LSH (estimated Jaccard ≥ ``threshold``, joined
    transitively); the least damaged of a group is the others' reference and
    has none itself.

    >>> docs = ["talks ended ater three atempts by the union in the port city today",
    ...         "talks ended after three attempts by the union in the port city today",
    ...         "a completely different story about football and the league table"]
    >>> choose_references([sketch(d) for d in docs])
    [1, None, None]
    """
    if not sketches:
        return []
    lsh = MinHashLSH(threshold=threshold, num_perm=len(sketches[0].minhash.hashvalues))
    parent = list(range(len(sketches)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for index, item in enumerate(sketches):
        for other in lsh.query(item.minhash):
            parent[root(index)] = root(int(other))
        lsh.insert(str(index), item.minhash)
    groups: dict[int, list[int]] = {}
    for index in range(len(sketches)):
        groups.setdefault(root(index), []).append(index)
    chosen: list[int | None] = [None] * len(sketches)
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda i: (sketches[i].damage, i))
        for member in members:
            if member != best:
                chosen[member] = best
    return chosen


def group_count(chosen: Iterable[int | None]) -> int:
    """How many groups of two or more editions a ``choose_references`` result holds.

    >>> group_count([1, None, None, 1, 5, None])
    2
    """
    return len({ref for ref in chosen if ref is not None})


def match_references(plan: Plan, report: RunReport) -> dict[tuple[str, int], str]:
    """Corpus mode: each document's reference edition, found among the plan's inputs, by (file, line).

    Reads the corpus twice before cleaning it: once for MinHash sketches and
    damage scores (no text is kept), once for the texts of the chosen references.
    Lines that cannot be read are left to the cleaning pass to report. The
    groups go into ``report.references``.
    """
    options = plan.options
    keys: list[tuple[str, int]] = []
    sketches = []
    for path, fmt in zip(plan.inputs, plan.formats):
        for record in read_records(path, fmt, options.field, options.errors):
            if isinstance(record, cwio.Record):
                keys.append((path, record.line))
                sketches.append(sketch(record.text))
    chosen = choose_references(sketches)
    wanted = {keys[c] for c in chosen if c is not None}
    texts: dict[tuple[str, int], str] = {}
    for path, fmt in zip(plan.inputs, plan.formats):
        if any(p == path for p, _ in wanted):
            for record in read_records(path, fmt, options.field, options.errors):
                if isinstance(record, cwio.Record) and (path, record.line) in wanted:
                    texts[(path, record.line)] = record.text
    report.references = {
        f"{keys[i][0]}:{keys[i][1]}": f"{keys[c][0]}:{keys[c][1]}" for i, c in enumerate(chosen) if c is not None
    }
    return {keys[i]: texts[keys[c]] for i, c in enumerate(chosen) if c is not None}
