"""Finding hyphens between words quickly, for the filters that repair them.

A regex that starts with a letter class tries every position of the text;
``str.find`` jumps from one hyphen to the next, and most text has few.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Words after a suspended hyphen: "pre- and post-war", "two- or three-day".
SUSPENDED = frozenset({"and", "or", "nor", "to", "but", "versus", "vs", "through", "plus", "than", "as"})


def hyphens_after_letters(text: str, then: re.Pattern[str]) -> Iterator[int]:
    """Positions of the hyphens that follow a letter and precede what ``then`` matches.

    >>> list(hyphens_after_letters("a well-known face - and yester- day", re.compile("[a-z]")))
    [6]
    >>> list(hyphens_after_letters("a well-known face - and yester- day", re.compile(" [a-z]")))
    [30]
    """
    hyphen = text.find("-", 1)
    while hyphen >= 0:
        if text[hyphen - 1].isalpha() and then.match(text, hyphen + 1):
            yield hyphen
        hyphen = text.find("-", hyphen + 1)


def compound_start(text: str, hyphen: int, whole: bool = True) -> int:
    """Where the run of letters and hyphens that ends at ``hyphen`` begins; with ``whole`` false, the
    run of letters alone: the part of a compound just before the hyphen.

    >>> text = "a face-to-face talk"
    >>> text[compound_start(text, text.rindex("-")):], text[compound_start(text, text.rindex("-"), whole=False):]
    ('face-to-face talk', 'to-face talk')
    """
    start = hyphen
    while start > 0 and (text[start - 1].isalpha() or whole and text[start - 1] == "-"):
        start -= 1
    return start


def compounds_at_hyphens(
    text: str, compound: re.Pattern[str], then: re.Pattern[str], whole: bool = True
) -> Iterator[re.Match[str]]:
    """Matches of ``compound`` whose group "first" ends at a hyphen of :func:`hyphens_after_letters`,
    each tried from where that hyphen's run of letters (and, with ``whole``, hyphens) begins.

    >>> pattern, letter = re.compile(r"(?P<first>[a-z]+)-(?P<second>[a-z]+)"), re.compile("[a-z]")
    >>> text = "a wi-fi and face-to-face link"
    >>> [m.group() for m in compounds_at_hyphens(text, pattern, letter)]
    ['wi-fi', 'face-to']
    >>> [m.group() for m in compounds_at_hyphens(text, pattern, letter, whole=False)]
    ['wi-fi', 'face-to', 'to-face']
    """
    for hyphen in hyphens_after_letters(text, then):
        match = compound.match(text, compound_start(text, hyphen, whole))
        if match is not None and match.end("first") == hyphen:
            yield match
