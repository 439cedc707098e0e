"""What a word is, written once: the letters words are made of and where a word stands on its own.

The repairs work on English words of ASCII letters, the ones the word lists
hold. A word stands alone where no letter, digit, apostrophe or hyphen
touches it: "don't", "well-known" and "2nd" are not plain words, so no rule
reads their pieces as words. Filters build their patterns from these pieces;
supporting another language's letters means widening them here.

>>> [m.group() for m in PLAIN_WORD.finditer("The o ffi cials' well-known 2nd vote, ater all")]
['The', 'o', 'ffi', 'vote', 'ater', 'all']
>>> LOWERCASE_WORD.findall("The o ffi cials voted ater all")
['ffi', 'cials', 'voted', 'ater', 'all']
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

#: The letters of a word, as a character-class body.
LETTERS = "A-Za-z"
#: The letters of a word, as a set of characters.
ASCII_LETTERS = frozenset(string.ascii_letters)
#: Lowercase letters, as a character-class body.
LOWERCASE = "a-z"
#: What makes a run of letters part of a bigger token when it touches them.
TOKEN_CHARACTERS = "A-Za-z0-9'’-"
#: A word's edges: nothing of ``TOKEN_CHARACTERS`` before or after it.
STARTS_ALONE = rf"(?<![{TOKEN_CHARACTERS}])"
ENDS_ALONE = rf"(?![{TOKEN_CHARACTERS}])"


def alone(body: str) -> re.Pattern[str]:
    """A pattern for ``body`` (a regex of letters) where it stands as a word of its own.

    >>> alone("[a-z]{3}").findall("cat, cats, it's a dog-cat and a fox")
    ['cat', 'and', 'fox']
    """
    return re.compile(STARTS_ALONE + body + ENDS_ALONE)


#: A word of letters alone, not part of a contraction, compound or number.
PLAIN_WORD = alone(f"[{LETTERS}]+")
#: A lowercase word of two letters or more, alone.
LOWERCASE_WORD = alone(f"[{LOWERCASE}]{{2,}}")


_CAPITAL = re.compile("[A-Z]")
_LOWERCASE_LETTER = re.compile(f"[{LOWERCASE}]")


def in_one_case(text: str) -> bool:
    """Whether ``text`` writes its letters in one case: lowercased on purpose, or in capitals throughout.

    Such a text shows no name by its capital, and no capital it lost.

    >>> in_one_case("the g8 met in july"), in_one_case("THE G8 MET"), in_one_case("The G8 met")
    (True, True, False)
    """
    return _CAPITAL.search(text) is None or _LOWERCASE_LETTER.search(text) is None


def word_start(text: str, end: int) -> int:
    """Where the run of ASCII letters that ends at ``end`` begins (``end`` itself where none does).

    >>> word_start("the rec- ently", 7), word_start("a  b", 2)
    (4, 2)
    """
    start = end
    while start > 0 and text[start - 1] in ASCII_LETTERS:
        start -= 1
    return start


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, where a match can start only at one of ``starts`` (in ascending order).

    A pattern that opens with a lookbehind or a letter class is tried at every
    position of the text; where a literal (a hyphen, two spaces) shows the few
    places a match can start, the pattern is tried there only, in order, each
    place after the last match, as ``finditer`` would.

    >>> pattern = re.compile(r"[a-z]+-[a-z]+")
    >>> [m.group() for m in matches_from(pattern, "well-known, a-b-c", [0, 12, 14])]
    ['well-known', 'a-b']
    """
    covered = 0
    for start in starts:
        if start >= covered:
            match = pattern.match(text, start)
            if match is not None:
                covered = match.end()
                yield match
