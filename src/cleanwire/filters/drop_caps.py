"""Split drop caps: "T he", "N orth", "A n" at the start of a paragraph.

A PDF draws a paragraph's first letter large and apart; extraction then puts
a space after it. The letter is joined back only where the joined word is a
word and the split one does not read as text: "A year" and "I am" stay, and
so does "A f rm", the opening of a word a lost ligature split. A
rare word counts where the rest is no word at all ("U nseeded"), and so does
any word, one that lost letters too, after a capital but "A" and "I" that
opens a paragraph after a blank line ("D eiant").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import Document, Filter

# Anchored on a line break, not on a multiline "^": `re` then jumps from one
# "\n" to the next instead of trying every position (seven times faster). The
# text's first line is matched from its start, without the line break.
_SPLIT_WORD = r"(?P<lead>[ \t]*[\"“‘']?)(?P<letter>[A-Z]) (?P<rest>[a-z]+)(?!\w)"
SPLIT_INITIAL = re.compile(r"\n" + _SPLIT_WORD)
_FIRST_LINE_SPLIT_INITIAL = re.compile(_SPLIT_WORD)
# The only one-letter words that open English sentences.
_LETTER_WORDS = frozenset("AI")
# The lowercase piece after a space that follows a split word's rest.
_NEXT_PIECE = re.compile(r" ([a-z]+)(?![\w'’-])")
# How much more common (Zipf) the part after the letter may be than the joined word.
_RIVAL_MARGIN = 0.5


@dataclass(frozen=True)
class DropCapsSettings:
    """``min_zipf``: how common (Zipf) the joined word must be."""

    min_zipf: float = 2.5


class DropCapsFilter(Filter):
    """Join a paragraph's split first letter back to its word."""

    name = "drop_caps"
    description = "split drop caps at paragraph starts: T he→The, N orth→North"
    Settings = DropCapsSettings

    def prepare(self) -> None:
        lexicon.zipf_table()

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        changes = []
        text = doc.text
        first = _FIRST_LINE_SPLIT_INITIAL.match(text)
        for match in itertools.chain([first] if first else [], SPLIT_INITIAL.finditer(text)):
            letter, rest = match.group("letter"), match.group("rest")
            if len(rest) == 1 and text[match.end() : match.end() + 1] == "-":
                continue  # "A d-tree": a term, not a split word
            joined = letter + rest
            # A rest that is no word at all ("U nseeded") is a known word's remainder, however rare the word.
            zipf = lexicon.zipf(joined.lower())
            # A capital but "A" and "I" before no word at all, opening a paragraph after a blank line, is a
            # drop cap whatever the word it opens ("D eiant": a word that lost letters too); OCR text,
            # broken into printed lines, splits its words anywhere ("J swimmor").
            after_blank_line = match is not first and match.start() > 0 and text[match.start() - 1] == "\n"
            if zipf < self.settings.min_zipf and not (lexicon.zipf(rest) == 0 and (
                    zipf > 0 or letter not in _LETTER_WORDS and after_blank_line)):
                continue
            if letter in _LETTER_WORDS:
                if len(rest) > 1 and lexicon.zipf(rest) >= lexicon.KNOWN_ZIPF and rest not in lexicon.CONTRACTIONS:
                    continue  # "A year", "I am": a sentence, not a split word ("A ll" is one)
                if len(rest) == 1 and (following := _NEXT_PIECE.match(text, match.end())) and not _a_word(
                        following.group(1)):
                    continue  # "A f rm": the letter opens a word a lost ligature split ("firm"); "I t was" is "It"
            elif lexicon.zipf(joined.lower()) < lexicon.zipf(rest) - _RIVAL_MARGIN:
                continue  # "T in the Park": the split reading is far more common
            changes.append(Change(match.start("letter"), match.end("rest"), joined, "drop-cap",
                                  f"{joined!r} split after its first letter at a paragraph start"))
        return rewrite(text, changes, self.name)


def _a_word(piece: str) -> bool:
    """A known word that prose writes on its own: "was", not "rm" (a word list's) or "nal".

    >>> [_a_word(piece) for piece in ("was", "apple", "rm", "nal")]
    [True, True, False, False]
    """
    return lexicon.zipf(piece) >= lexicon.KNOWN_ZIPF and lexicon.is_word_alone(piece)
