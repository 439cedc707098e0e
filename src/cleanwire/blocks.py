"""Long texts read in blocks of whole lines or sentences, so that what a filter gathers stays small.

A filter that needs the set or the count of a pattern's matches over a whole
document gathers them block by block here, rather than from one ``findall``
over the text, whose list holds every match at once: several times a long
document's size, for a result the size of its vocabulary. Blocks end just
after a newline (or a full stop and its space, in a very long line), so a
pattern that never matches across whitespace (the word patterns filters use)
finds in the blocks exactly what it finds in the whole text; ``re``
lookbehinds still see the text before a block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

#: Characters per block: small beside a long document, large beside a line.
BLOCK_SIZE = 1 << 16


def line_blocks(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` of ``size`` characters (default :data:`BLOCK_SIZE`) or more, each ending a line or a sentence.

    A block ends just after a newline, or, in a line longer than a block,
    just after a full stop and its space; the last one at the text's end.

    >>> list(line_blocks("ab\\ncd\\nef", size=2))
    [(0, 3), (3, 6), (6, 8)]
    >>> list(line_blocks("One. Two. Three", size=3)), list(line_blocks(""))
    ([(0, 5), (5, 10), (10, 15)], [])
    """
    size = BLOCK_SIZE if size is None else size
    if size < 1:
        raise ValueError(f"block size must be 1 or more, not {size}")
    start = 0
    while start < len(text):
        end = _block_end(text, start + size - 1, size)
        yield start, end
        start = end


def _block_end(text: str, at: int, size: int) -> int:
    """Where a block reaching ``at`` ends: each search is bounded, so a text of one long line stays linear."""
    for mark in ("\n", ". "):
        found = text.find(mark, at, at + size)
        if found >= 0:
            return found + len(mark)
    found = text.find("\n", at)  # a long line with no sentence end in reach: to the line's end
    return len(text) if found < 0 else found + 1


#: Where a long document is cut into sections, best first: a paragraph break, a line's end, a sentence's end.
_SECTION_BREAKS = (re.compile(r"\s*\n[^\S\n]*\n\s*"), re.compile(r"\s*\n\s*"), re.compile(r"(?<=[.!?])\s+"))


def sections(text: str, size: int) -> Iterator[tuple[int, int, int]]:
    """``(start, end, next_start)``: sections of ``text`` of about ``size`` characters and the whitespace between them.

    Each section but the last ends at the first paragraph break after ``size``
    characters, or else a line's end, or else a sentence's, within another
    ``size`` characters; the whitespace of the break (``end`` to
    ``next_start``) belongs to no section. A text with no break in reach is one section.

    >>> text = "One two.\\n\\nThree. Four five six seven.\\nEight."
    >>> [(text[a:b], text[b:c]) for a, b, c in sections(text, 5)]
    [('One two.', '\\n\\n'), ('Three.', ' '), ('Four five six seven.\\nEight.', '')]
    """
    if size < 1:
        raise ValueError(f"section size must be 1 or more, not {size}")
    start = 0
    while len(text) - start > size:
        at = start + size
        found = None
        for pattern in _SECTION_BREAKS:
            # Bounded: a text with no break of one kind is not searched to its end for each section.
            found = pattern.search(text, at, at + size)
            if found:
                break
        if found is None:
            break
        yield start, found.start(), found.end()
        start = found.end()
    yield start, len(text), len(text)


def distinct_matches(pattern: re.Pattern[str], text: str) -> set[str]:
    """The set of ``pattern.findall(text)``, gathered block by block.

    >>> sorted(distinct_matches(re.compile(r"[a-z]+"), "the cat\\nthe dog"))
    ['cat', 'dog', 'the']
    """
    found: set[str] = set()
    for start, end in line_blocks(text):
        found.update(pattern.findall(text, start, end))
    return found


def counted_matches(pattern: re.Pattern[str], text: str) -> Counter[str]:
    """A count of ``pattern.findall(text)``, gathered block by block.

    >>> counted_matches(re.compile(r"[a-z]+"), "the cat\\nthe dog")["the"]
    2
    """
    found: Counter[str] = Counter()
    for start, end in line_blocks(text):
        found.update(pattern.findall(text, start, end))
    return found


def lowercase_blocks(text: str) -> Iterator[str]:
    """``text.lower()`` a block at a time.

    ``str.lower`` sets aside three times the text's length when any character
    is not ASCII, which for a long document is many times its size.

    >>> list(lowercase_blocks("The CAT"))
    ['the cat']
    """
    for start, end in line_blocks(text):
        yield text[start:end].lower()


def byte_words(text: str, table: bytes, lowercase: bool = False) -> Iterator[list[bytes]]:
    """The words of each block in UTF-8 bytes (lowercased if asked), cut where ``table`` maps a byte to a space.

    C passes only (``translate`` and ``split``): a table that keeps letters and
    turns every other byte into a space gives the runs of letters, twice as
    fast as a regex, one block's list at a time.

    >>> keep_a_to_z = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
    >>> list(byte_words("the café\\nDog", keep_a_to_z)), list(byte_words("Dog", keep_a_to_z, lowercase=True))
    ([[b'the', b'caf', b'og']], [[b'dog']])
    """
    for _, _, words in spanned_byte_words(text, table, lowercase):
        yield words


def spanned_byte_words(text: str, table: bytes, lowercase: bool = False) -> Iterator[tuple[int, int, list[bytes]]]:
    """:func:`byte_words`, each block's list with the block's span.

    >>> keep_a_to_z = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
    >>> list(spanned_byte_words("the cat", keep_a_to_z))
    [(0, 7, [b'the', b'cat'])]
    """
    for start, end in line_blocks(text):
        block = text[start:end].lower() if lowercase else text[start:end]
        yield start, end, block.encode("utf-8", "surrogatepass").translate(table).split()


def blocks_holding(
    text: str, words: frozenset[bytes] | set[bytes], table: bytes, lowercase: bool = False
) -> dict[bytes, list[tuple[int, int]]]:
    """For each of ``words`` the text holds, the spans of the blocks whose :func:`byte_words` hold it.

    A search for a few words in a long text then reads only those blocks
    (:func:`matches_in`), not the whole text once per word.

    >>> keep_a_to_z = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
    >>> blocks_holding("the cat\\nthe Dog", {b"dog", b"cow"}, keep_a_to_z, lowercase=True)
    {b'dog': [(0, 15)]}
    """
    found: dict[bytes, list[tuple[int, int]]] = {}
    for start, end, block_words in spanned_byte_words(text, table, lowercase):
        for word in words.intersection(block_words):
            found.setdefault(word, []).append((start, end))
    return found


def spans_holding(
    text: str, words: frozenset[bytes] | set[bytes], table: bytes, lowercase: bool = False
) -> list[tuple[int, int]]:
    """The spans of the blocks that hold any of ``words`` (:func:`blocks_holding`), in order.

    A text of one block is that block, unread: its one search costs less than the look.

    >>> keep_a_to_z = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
    >>> spans_holding("the cat", {b"dog"}, keep_a_to_z)
    [(0, 7)]
    """
    if len(text) <= BLOCK_SIZE:
        return [(0, len(text))]
    return sorted({span for spans in blocks_holding(text, words, table, lowercase).values() for span in spans})


def matches_in(pattern: re.Pattern[str], text: str, spans: Iterable[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``'s matches inside ``spans`` (blocks, in order, none overlapping).

    A block ends after whitespace, so a word pattern finds in the blocks what it finds there in the whole text.

    >>> [m.group() for m in matches_in(re.compile(r"[a-z]+"), "ab cd\\nef gh", [(6, 11)])]
    ['ef', 'gh']
    """
    for start, end in spans:
        yield from pattern.finditer(text, start, end)
