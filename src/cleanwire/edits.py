"""Edits: the record of every change cleanwire makes, and how to replay them.

A filter never rewrites text by hand. It proposes :class:`Change` objects
(where, what to put there, which rule, why) and :func:`rewrite` turns them into
the new text and the list of :class:`Edit` objects, so that every change can be
explained and replayed after the fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """A proposed replacement of ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str
    rule: str
    reason: str


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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

    >>> kept = without_overlaps([Change(0, 3, "a", "r", ""), Change(2, 5, "b", "r", ""), Change(5, 6, "c", "r", "")])
    >>> [c.after for c in kept]
    ['a', 'c']
    """
    kept: list[Change] = []
    for change in changes:
        if not any(change.start < k.end and k.start < change.end for k in kept):
            kept.append(change)
    return kept


def rewrite(text: str, changes: Iterable[Change], filter_name: str) -> tuple[str, list[Edit]]:
    """Apply non-overlapping changes to ``text``; return the new text and its edits.

    Changes may come in any order; overlapping ones are a bug in the filter
    that proposed them and raise ``ValueError``. Changes that change nothing
    are dropped.

    >>> rewrite("a ater b", [Change(2, 6, "after", "ft", "lost ft")], "ligatures")[0]
    'a after b'
    """
    ordered = sorted(changes, key=lambda c: (c.start, c.end))
    pieces: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for change in ordered:
        if change.start < pos:
            raise ValueError(
                f"filter {filter_name!r} proposed overlapping changes at {change.start}; "
                "each character may be changed by one change only"
            )
        before = text[change.start : change.end]
        if before == change.after:
            continue
        pieces.append(text[pos : change.start])
        pieces.append(change.after)
        edits.append(
            Edit(change.start, change.end, before, change.after, filter_name, change.rule, change.reason)
        )
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
