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


# Before a word that surely opens a sentence: the text's start, a line break, or end punctuation after a
# lowercase letter or digit (not an abbreviation's full stop: "Corp.", "U.S.", "St."), with closing quotes
# after it and opening quotes or brackets between.
_SURELY_BEFORE_SENTENCE = re.compile(
    r"(?:^|\n|(?<![A-Za-z.])(?:[a-z][A-Za-z]*|[A-Z][a-z]{4,}|[0-9%]+)[.!?][\"'’”)]*)[\s\"“‘'(\[]*$")


def surely_opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence by its punctuation alone: not after a dash or a quote mid-sentence.

    For choosing the case of a word whose first letter is unknown: where this is
    false, the word may open a sentence (:func:`opens_sentence`) but more often does not.

    >>> text = 'It ended. "Five days - five weeks," he said "five times". Corp. filed it.'
    >>> [surely_opens_sentence(text, text.index(w)) for w in ("Five", "five weeks", "five times", "filed")]
    [True, False, False, False]
    """
    return _SURELY_BEFORE_SENTENCE.search(text, max(0, start - _REACH), start) is not None


# Far enough back for the word before a sentence's end and the quotes and spaces after it.
_REACH = 40


# A sentence ends after end punctuation (and closing quotes) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*(?=\s)|\n")


def sentence_around(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The span of the sentence holding ``text[start:end]``, at most ``reach`` characters each side.

    >>> text = "Talks ended. He was sent of for taunting. Then"
    >>> s, e = sentence_around(text, text.index("of"), text.index("of") + 2)
    >>> text[s:e]
    'He was sent of for taunting.'
    """
    first = max(0, start - reach)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, first, start)]
    sentence_start = ends_before[-1] if ends_before else first
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    last = min(len(text), end + reach)
    after = _SENTENCE_END.search(text, end, last)
    if after is None:
        return sentence_start, last
    # End punctuation belongs to the sentence; a line break does not.
    return sentence_start, after.start() if after.group() == "\n" else after.end()


def in_title_case_line(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands in a headline in title case, where every word of four letters
    or more is capitalised (three or more of them), so that a capital says nothing of a name either.

    >>> text = "Ross Stores Profit Plummets 40 Percent (AP)\\nAP - Discount retailer Ross Stores said"
    >>> in_title_case_line(text, text.index("Profit")), in_title_case_line(text, text.index("Discount"))
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if len(line) > _LONGEST_HEADLINE:
        return False
    long_words = _LONG_WORD.findall(line)
    return len(long_words) >= 3 and all(word[0].isupper() for word in long_words)


# Headlines run to a line; a longer line is a paragraph, whatever its capitals.
_LONGEST_HEADLINE = 120
_LONG_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,}(?![\w'’-])")
