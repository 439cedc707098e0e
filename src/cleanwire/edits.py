"""Edits: the record of every change cleanwire makes, and how to replay them.

A filter never rewrites text by hand. It proposes :class:`Change` objects
(where, what to put there, which rule, why) and :func:`rewrite` turns them into
the new text and the list of :class:`Edit` objects, so that every change can be
explained and replayed after the fact.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    """A proposed replacement of ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a filter made.

    ``start`` and ``end`` index the text the filter received; ``before`` is
    what stood there and ``after`` what the filter put in its place.
    """

    start: int
    end: int
    before: str
    after: str
    filter: str
    rule: str
    reason: str

    def describe(self) -> str:
        """One line for humans.

        >>> Edit(0, 3, "ater", "after", "ligatures", "ft", "lost ft").describe()
        "'ater' → 'after' [ligatures/ft] lost ft"
        """
        return f"{self.before!r} → {self.after!r} [{self.filter}/{self.rule}] {self.reason}"


@dataclass(frozen=True, slots=True)
class Note:
    """Something a filter saw and deliberately left: ``text[start:end]`` as the pipeline received it.

    >>> Note(10, 16, "Sergey", "Sergei", "reference", "differs from reference, not repaired").describe()
    "'Sergey' ≠ 'Sergei' [reference] differs from reference, not repaired"
    """

    start: int
    end: int
    text: str
    other: str
    filter: str
    reason: str

    def describe(self) -> str:
        """One line for humans."""
        return f"{self.text!r} ≠ {self.other!r} [{self.filter}] {self.reason}"


def without_overlaps(changes: Iterable[Change]) -> list[Change]:
    """The changes in order, less each one that overlaps a change kept before it: earlier rules win.

    Two changes overlap when they share a character, or when one inserts
    inside the other's span; an insertion at a span's edge overlaps nothing.
    Each change is checked against its neighbours among the kept ones only,
    so the cost is O(n log n), not a comparison with every kept change.

    >>> kept = without_overlaps([Change(0, 3, "a", "r", ""), Change(2, 5, "b", "r", ""), Change(5, 6, "c", "r", "")])
    >>> [c.after for c in kept]
    ['a', 'c']
    """
    kept: list[Change] = []
    spans: list[tuple[int, int]] = []  # the kept ones, sorted; an insertion before a span at its start
    for change in changes:
        if not covered(spans, change.start, change.end):
            bisect.insort(spans, (change.start, change.end))
            kept.append(change)
    return kept


def covered(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans``, sorted spans none of which overlaps another.

    Two spans overlap when they share a character, or when one is an
    insertion inside the other; an insertion at a span's edge overlaps
    nothing. Only the neighbours of ``start`` are looked at: O(log n).

    >>> covered([(2, 5), (8, 9)], 5, 8), covered([(2, 5), (8, 9)], 4, 6), covered([(2, 5)], 3, 3)
    (False, True, True)
    """
    at = bisect.bisect_left(spans, (start,))
    # Of the spans that start before this one, only the last can reach into it: an earlier
    # one that did would overlap that last one.
    if at > 0 and start < spans[at - 1][1]:
        return True
    # Spans starting inside it overlap it, but for insertions at its start.
    while at < len(spans) and spans[at][0] < end:
        if start < spans[at][1]:
            return True
        at += 1
    return False


def rewrite(text: str, changes: Iterable[Change], filter_name: str) -> tuple[str, list[Edit]]:
    """Apply ``changes`` to ``text``; return the new text and its edits.

    Changes come in order of precedence: where two overlap, the one given
    first is made and the other dropped (:func:`without_overlaps`), the one
    rule for every filter. Changes that change nothing are dropped.

    >>> rewrite("a ater b", [Change(2, 6, "after", "ft", "lost ft")], "ligatures")[0]
    'a after b'
    >>> rewrite("abcdef", [Change(0, 3, "x", "r", ""), Change(2, 4, "y", "r", "")], "f")[0]
    'xdef'
    """
    ordered = sorted(without_overlaps(changes), key=lambda c: (c.start, c.end))
    pieces: list[str] = []
    edits: list[Edit] = []
    # One copy of each distinct string: a long document repeats the same repair thousands of times.
    one_copy: dict[str, str] = {}
    pos = 0
    for change in ordered:
        before = text[change.start : change.end]
        if before == change.after:
            continue
        pieces.append(text[pos : change.start])
        pieces.append(change.after)
        edits.append(Edit(
            change.start, change.end, one_copy.setdefault(before, before), one_copy.setdefault(change.after, change.after),
            filter_name, change.rule, one_copy.setdefault(change.reason, change.reason),
        ))
        pos = change.end
    if not edits:
        return text, []
    pieces.append(text[pos:])
    return "".join(pieces), edits


def replay(text: str, edits: Sequence[Edit]) -> str:
    """Re-apply a pipeline's edits to its input and return its output.

    Edits of one filter are contiguous in a pipeline's list and index the text
    that filter received, so they are applied one filter at a time.

    >>> e = Edit(2, 6, "ater", "after", "ligatures", "ft", "lost ft")
    >>> replay("a ater b", [e])
    'a after b'
    """
    for stage in stages(edits):
        text = _apply_stage(text, stage)
    return text


def _apply_stage(text: str, stage: Sequence[Edit]) -> str:
    for edit in stage:
        if text[edit.start : edit.end] != edit.before:
            raise ValueError(f"edit {edit.describe()} does not match the text at {edit.start}")
    changes = [Change(e.start, e.end, e.after, e.rule, e.reason) for e in stage]
    return rewrite(text, changes, stage[0].filter)[0]


def origin(position: int, earlier: Sequence[Edit]) -> int:
    """Map a position in a later filter's input back to the pipeline's input.

    ``earlier`` are all the edits made before that filter ran, in pipeline
    order. A position inside a replaced span maps to the span's start.

    >>> e = Edit(0, 4, "ater", "after", "ligatures", "ft", "lost ft")
    >>> origin(6, [e])
    5
    """
    for stage in reversed(stages(earlier)):
        shift = 0
        inside: int | None = None
        for edit in stage:
            out_start = edit.start + shift
            if position < out_start:
                break
            if position < out_start + len(edit.after):
                inside = edit.start
                break
            shift += len(edit.after) - (edit.end - edit.start)
        position = inside if inside is not None else position - shift
    return position


def stages(edits: Sequence[Edit]) -> list[list[Edit]]:
    """A pipeline's edits split by the filter that made them; each group indexes the text that filter received.

    >>> [len(s) for s in stages([Edit(0, 1, "a", "b", "f", "r", ""), Edit(2, 3, "c", "d", "f", "r", ""),
    ...                          Edit(0, 1, "b", "e", "g", "r", "")])]
    [2, 1]
    """
    grouped: list[list[Edit]] = []
    for edit in edits:
        if grouped and grouped[-1][0].filter == edit.filter:
            grouped[-1].append(edit)
        else:
            grouped.append([edit])
    return grouped
