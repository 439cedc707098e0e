"""Repairs from a reference edition: a clean copy of the same story from another outlet.

The text and the reference are aligned word by word (rapidfuzz). Where they
differ, the difference is repaired only when the damage model explains it:
letters lost with a ligature ("ater" / "after"), capitals lost after a hyphen
("Euro-atlantic" / "Euro-Atlantic"), a word split by a drop cap or a kept
line-break hyphen ("rec- ently" / "recently"). Every other difference is the
outlets' own wording ("Sergey" / "Sergei", "US" / "U.S.") and stays.

Where alignment finds no counterpart (a paragraph the reference cut), a word
that is not a word is still repaired when re-inserting ligature letters gives
a word of the reference.

Without a reference the filter does nothing, so the default chain is one chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, Note, covered, rewrite, without_overlaps
from cleanwire.filters.base import Document, Filter
from cleanwire.models.ligatures import losses, match_case, reinsert

TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# What may separate the pieces of one word split by the layout: "T he", "rec- ently".
_SPLIT_GAP = re.compile(r"-?[ \t]*\n?[ \t]*")
_MAX_LOSSES = 2


def ligature_loss_of(damaged: str, intended: str) -> str | None:
    """The ligature letters whose loss turns ``intended`` into ``damaged`` (up to two losses).

    >>> ligature_loss_of("ater", "after"), ligature_loss_of("Sergey", "Sergei")
    ('ft', None)
    """
    damaged_lower, target = damaged.lower(), intended.lower()
    if len(damaged_lower) >= len(target) or damaged_lower == target:
        return None
    frontier = {damaged_lower: ""}
    for _ in range(_MAX_LOSSES):
        grown: dict[str, str] = {}
        for word, letters in frontier.items():
            for loss in losses():
                for cand in reinsert(word, loss):
                    if cand == target:
                        return (letters + "+" + loss.letters).strip("+")
                    if len(cand) < len(target) and target.count(loss.letters) > 0:
                        grown.setdefault(cand, (letters + "+" + loss.letters).strip("+"))
        frontier = grown
    return None


def hyphen_case_loss(damaged: str, intended: str) -> bool:
    """Whether ``damaged`` is ``intended`` with the capitals after its hyphens lowered.

    >>> hyphen_case_loss("Euro-atlantic", "Euro-Atlantic"), hyphen_case_loss("US", "U.S.")
    (True, False)
    """
    if damaged == intended or "-" not in intended or damaged.lower() != intended.lower():
        return False
    head, *parts = intended.split("-")
    return damaged == "-".join([head, *(p[:1].lower() + p[1:] for p in parts)])


@dataclass(frozen=True)
class ReferenceSettings:
    """``vocabulary``: also repair unaligned non-words whose ligature repair is a word of the reference."""

    vocabulary: bool = True


class ReferenceFilter(Filter):
    """Repair what a clean edition of the same story shows was damaged, and nothing else."""

    name = "reference"
    description = "repairs a clean edition of the same story explains (ligature loss, case, split words)"
    Settings = ReferenceSettings

    def prepare(self) -> None:
        lexicon.zipf_table()
        losses()

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        return rewrite(doc.text, self._changes(doc), self.name)

    def notes(self, doc: Document) -> list[Note]:
        """Differences from the reference the damage model does not explain, left as they are."""
        if not doc.reference:
            return []
        words = list(TOKEN.finditer(doc.text))
        ref_matches = list(TOKEN.finditer(doc.reference))
        return _unrepaired(doc.text, words, doc.reference, ref_matches, self._changes(doc), self.name)

    def _changes(self, doc: Document) -> list[Change]:
        if not doc.reference:
            return []
        text = doc.text
        words = list(TOKEN.finditer(text))
        ref_words = [m.group() for m in TOKEN.finditer(doc.reference)]
        changes: list[Change] = []
        aligned: set[int] = set()
        for src_start, src_end, dest_start, dest_end in _differing_blocks([w.group() for w in words], ref_words):
            if src_end > src_start and dest_end > dest_start:
                changes += _aligned_repairs(text, words[src_start:src_end], ref_words[dest_start:dest_end])
                aligned.update(range(src_start, src_end))
        if self.settings.vocabulary:
            taken = {(c.start, c.end) for c in changes}
            vocabulary = {w.lower(): w for w in ref_words}
            for index, match in enumerate(words):
                if index not in aligned and match.span() not in taken:
                    change = _vocabulary_repair(match, vocabulary)
                    if change is not None:
                        changes.append(change)
        return changes


def _unrepaired(text: str, words: list[re.Match[str]], reference: str, ref_matches: list[re.Match[str]],
                repaired: list[Change], filter_name: str) -> list[Note]:
    """Each run where the editions differ and nothing was repaired: the outlets' own wording."""
    taken = sorted((c.start, c.end) for c in without_overlaps(repaired))
    notes = []
    ref_words = [m.group() for m in ref_matches]
    for src_start, src_end, dest_start, dest_end in _differing_blocks([w.group() for w in words], ref_words):
        if src_end == src_start or dest_end == dest_start:
            continue  # a passage only one edition has
        start, end = words[src_start].start(), words[src_end - 1].end()
        if covered(taken, start, end):
            continue
        other = reference[ref_matches[dest_start].start() : ref_matches[dest_end - 1].end()]
        notes.append(Note(start, end, text[start:end], other, filter_name,
                          "differs from reference, not repaired"))
    return notes


def _differing_blocks(words: list[str], ref_words: list[str]) -> list[tuple[int, int, int, int]]:
    """Runs of the alignment where the two editions differ, as (text start, end, reference start, end)."""
    blocks: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(words, ref_words):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            blocks[-1] = (blocks[-1][0], op.src_end, blocks[-1][2], op.dest_end)
        else:
            blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return blocks


def _aligned_repairs(text: str, noisy: list[re.Match[str]], ref: list[str]) -> list[Change]:
    """Repairs within one block where the editions differ, pairing its words left to right."""
    changes = []
    i = j = 0
    while i < len(noisy) and j < len(ref):
        word, target = noisy[i].group(), ref[j]
        if i + 1 < len(noisy) and _joins(text, noisy[i], noisy[i + 1], target):
            changes.append(Change(noisy[i].start(), noisy[i + 1].end(), target, "reference-split",
                                  f"the reference has {target!r} as one word"))
            i, j = i + 2, j + 1
            continue
        letters = ligature_loss_of(word, target)
        if letters:
            after = _repaired_case(word, target)
            changes.append(Change(noisy[i].start(), noisy[i].end(), after, f"reference-{letters}",
                                  f"the reference has {target!r}: {letters!r} lost with a ligature"))
        elif _capital_lost_after_hyphen(text, noisy[i], target):
            changes.append(Change(noisy[i].start(), noisy[i].end(), target, "reference-case",
                                  f"the reference has {target!r}: capitals lost after a hyphen"))
        elif len(noisy) - i != len(ref) - j:
            # Unexplained, in a block of unequal sides: skip a word on the longer side.
            i, j = (i + 1, j) if len(noisy) - i > len(ref) - j else (i, j + 1)
            continue
        i += 1
        j += 1
    return changes


def _capital_lost_after_hyphen(text: str, word: re.Match[str], target: str) -> bool:
    """The word follows a hyphen and differs from the reference only by its lowered capital."""
    before = text[word.start() - 1 : word.start()]
    return before == "-" and hyphen_case_loss("x-" + word.group(), "x-" + target)


def _repaired_case(word: str, target: str) -> str:
    """The reference's letters in the text's case: the reference may open a sentence where the text does not."""
    return target.lower() if word.islower() else match_case(word, target)


def _joins(text: str, first: re.Match[str], second: re.Match[str], target: str) -> bool:
    """The two words are ``target`` split by the layout: a kept line-break hyphen or a drop cap.

    Two words apart that are words on their own ("per cent" / "percent") are
    the outlets' styles, not damage.
    """
    gap = text[first.end() : second.start()]
    if not gap or _SPLIT_GAP.fullmatch(gap) is None or first.group() + second.group() != target:
        return False
    drop_cap = len(first.group()) == 1 and first.group().isupper()
    return "-" in gap or drop_cap or not all(
        lexicon.zipf(w.group().lower()) >= lexicon.KNOWN_ZIPF for w in (first, second)
    )


def _vocabulary_repair(match: re.Match[str], vocabulary: dict[str, str]) -> Change | None:
    word = match.group()
    if lexicon.zipf(word.lower()) >= lexicon.KNOWN_ZIPF or word.lower() in vocabulary:
        return None
    found = {
        vocabulary[cand]: loss.letters
        for loss in losses()
        for cand in reinsert(word.lower(), loss)
        if cand in vocabulary
    }
    if len(found) != 1:
        return None
    [(target, letters)] = found.items()
    after = _repaired_case(word, target)
    return Change(match.start(), match.end(), after, f"reference-{letters}",
                  f"{after!r} with {letters!r} restored is a word of the reference")
