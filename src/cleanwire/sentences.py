"""Where sentences start, for the filters that read a capital as a name or as a sentence's first letter."""

from __future__ import annotations

import re

# What may stand just before a sentence's first word: the text's start, end punctuation,
# an opening quote or bracket, a line break, a dash.
_BEFORE_SENTENCE = re.compile(r"(?:^|[.!?:;]\s*|[\"“‘'(\[]\s*|\n\s*|[-–—]\s+)$")


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (so its capital says nothing of a name).

    >>> text = "Talks ended. Ater that, Vioti left."
    >>> opens_sentence(text, text.index("Ater")), opens_sentence(text, text.index("Vioti"))
    (True, False)
    """
    return _BEFORE_SENTENCE.search(text[max(0, start - 3) : start]) is not None
