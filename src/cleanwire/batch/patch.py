"""Unified diffs of cleaned documents that ``patch`` applies, each changed paragraph beside its new form.

difflib pairs lines only where they are equal: a run of changed paragraphs
comes out as all the old ones, then all the new ones, so a removed caption
and a repaired paragraph read as one block. Here the paragraphs of such a run
are paired by the words they share (a monotone alignment, as a diff must
keep each side's order), and each pair is printed together; an unpaired old
paragraph is a removal, an unpaired new one an addition. The hunks are the
same unified format, so ``patch -p1`` applies them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Literal

from rapidfuzz.distance import Indel

#: Two paragraphs are one, changed, when this share of their words is common to both.
PAIRED_SIMILARITY = 0.5
#: Runs longer than this on both sides are left as difflib gives them (the pairing is quadratic in the run).
_MAX_PAIRING = 200
Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]


def unified_diff(old: str, new: str, label_old: str, label_new: str, context: int = 3) -> str:
    """A unified diff of two texts, changed paragraphs paired with their new forms.

    >>> old = "Harbour Post\\nTalks ended ater three atempts.\\nThe port reopened.\\n"
    >>> new = "Talks ended after three attempts.\\nThe port reopened.\\n"
    >>> print(unified_diff(old, new, "a/f.txt", "b/f.txt"), end="")
    --- a/f.txt
    +++ b/f.txt
    @@ -1,3 +1,2 @@
    -Harbour Post
    -Talks ended ater three atempts.
    +Talks ended after three attempts.
     The port reopened.
    """
    if old == new:
        return ""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = _PairingMatcher(a, b)
    out = [f"--- {label_old}\n", f"+++ {label_new}\n"]
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + _ended(line) for line in a[i1:i2]]
                continue
            out += ["-" + _ended(line) for line in a[i1:i2]]
            out += ["+" + _ended(line) for line in b[j1:j2]]
    return "".join(out)


def _ended(line: str) -> str:
    # A last line without a newline gets diff's own marker, so that patch applies the diff exactly.
    return line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"


def _range(start: int, stop: int) -> str:
    """A hunk's range as diff writes it: 1-based, its length omitted when 1, the line before an empty one."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


class _PairingMatcher(difflib.SequenceMatcher[str]):
    """difflib's matcher whose runs of replaced lines are cut into paired changes, removals and additions."""

    def __init__(self, old: Sequence[str], new: Sequence[str]) -> None:
        super().__init__(None, old, new)
        self.old, self.new = old, new

    def get_opcodes(self) -> list[Opcode]:
        refined: list[Opcode] = []
        for opcode in super().get_opcodes():
            if opcode[0] == "replace":
                refined += _paired(opcode, self.old, self.new)
            else:
                refined.append(opcode)
        return refined


def _paired(opcode: Opcode, a: Sequence[str], b: Sequence[str]) -> Iterator[Opcode]:
    """A replace opcode as single-line replacements of similar paragraphs, with deletes and inserts between."""
    _, i1, i2, j1, j2 = opcode
    if min(i2 - i1, j2 - j1) > _MAX_PAIRING:
        yield opcode
        return
    pairs = _alignment([line.split() for line in a[i1:i2]], [line.split() for line in b[j1:j2]])
    i, j = i1, j1
    for pi, pj in [*((i1 + x, j1 + y) for x, y in pairs), (i2, j2)]:
        if i < pi:
            yield ("delete", i, pi, j, j)
        if j < pj:
            yield ("insert", pi, pi, j, pj)
        if pi < i2:
            yield ("replace", pi, pi + 1, pj, pj + 1)
        i, j = pi + 1, pj + 1


def _alignment(old: list[list[str]], new: list[list[str]]) -> list[tuple[int, int]]:
    """The pairs (old, new) of most total word similarity, in order on both sides, each similar enough.

    >>> _alignment([["Harbour", "Post"], ["ended", "ater", "talks"]], [["ended", "after", "talks"]])
    [(1, 0)]
    """
    rows, cols = len(old), len(new)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for x in range(rows - 1, -1, -1):
        for y in range(cols - 1, -1, -1):
            similarity = Indel.normalized_similarity(old[x], new[y])
            paired = best[x + 1][y + 1] + similarity if similarity >= PAIRED_SIMILARITY else 0.0
            best[x][y] = max(paired, best[x + 1][y], best[x][y + 1])
    pairs = []
    x = y = 0
    while x < rows and y < cols:
        similarity = Indel.normalized_similarity(old[x], new[y])
        if similarity >= PAIRED_SIMILARITY and best[x][y] == best[x + 1][y + 1] + similarity:
            pairs.append((x, y))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs
