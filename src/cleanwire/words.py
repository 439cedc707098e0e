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

#: The letters of a word, as a character-class body.
LETTERS = "A-Za-z"
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
