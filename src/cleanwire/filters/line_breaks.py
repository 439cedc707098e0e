"""Hyphens kept from line breaks: "yester- day", "secu-\\nrity" → "yesterday", "security".

A word split at the end of a printed line keeps its hyphen in the export,
followed by a space or a line break. The parts are joined back when the
joined word is a word, or a word that also lost a ligature's letters ("conf- dent",
left for the ligature filter), or when the part after the hyphen is none: no
compound's part ("Lans- downe", "Blu- nkett", "swi- velled"), nor is a part
before the hyphen that is no word at all, before a rare one ("Likhovt- seva"); a hard
line break between two words keeps the hyphen ("well-\\nknown" → "well-known").
Suspended hyphens ("pre- and post-war", "18- to 24-year-olds") are left alone.
A break the layout could have made but did not leaves an invisible character
inside the word (a soft hyphen, a zero-width space, a word joiner): it is
removed ("infor\u00admation").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import Document, Filter
from cleanwire.hyphens import SUSPENDED, hyphens_after_letters
from cleanwire.models.ligatures import CANDIDATE_ZIPF, EVIDENCE_GAIN, evidence
from cleanwire.words import matches_from, word_start

_UNICODE_HYPHEN_CHARACTERS = "\u00ad\u2010\u2011"
_UNICODE_HYPHENS = str.maketrans(_UNICODE_HYPHEN_CHARACTERS, "-" * len(_UNICODE_HYPHEN_CHARACTERS))
# A space or a line break, then a lowercase letter: what follows a kept line-break hyphen.
_AFTER_HYPHEN = re.compile(r"(?: |[ \t]*\n[ \t]*)[a-z]")


# A word and the pieces that follow it after a hyphen and a space or line break:
# "rec- ently", and chains of them ("a- b- c"), decided left to right in one go
# so that a second pass finds nothing more to join.
SPLIT_CHAIN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?:-(?: |[ \t]*\n[ \t]*)[a-z]+\b)+")
_PIECE = re.compile(r"-(?P<gap> |[ \t]*\n[ \t]*)(?P<piece>[a-z]+)")
# A word this common (Zipf) may stand before a hyphen and a space on its own: "Minister- elect".
_COMMON_WORD_ZIPF = lexicon.KNOWN_ZIPF + 1


# Between two ASCII letters: a soft hyphen, a zero-width space or a word joiner, which no reader sees
# and tokenizers split words at. (Beside other letters, the join could make what ftfy reads as mojibake.)
_INVISIBLE_BREAKS = ("\u00ad", "\u200b", "\u2060")
_INVISIBLE_IN_WORD = re.compile(f"(?<=[A-Za-z])[{''.join(_INVISIBLE_BREAKS)}]+(?=[A-Za-z])")


def invisible_break_changes(text: str) -> list[Change]:
    """Changes that remove soft hyphens, zero-width spaces and word joiners between two ASCII letters.

    >>> [(c.start, c.after) for c in invisible_break_changes("infor\u00admation, in\u200bput, a \u00ad b")]
    [(5, ''), (16, '')]
    """
    if not any(map(text.__contains__, _INVISIBLE_BREAKS)):
        return []  # three scans in C: the pattern, which opens with a lookbehind, is tried at every position
    return [Change(m.start(), m.end(), "", "invisible-break",
                   "a break the layout did not take (soft hyphen, zero-width space or word joiner) inside a word")
            for m in _INVISIBLE_IN_WORD.finditer(text)]


def split_chains(text: str) -> Iterator[re.Match[str]]:
    """``SPLIT_CHAIN.finditer(text)``, found from the hyphens: a regex search from every letter is slower.

    >>> [m.group() for m in split_chains("a rec- ently made, well-known, two- or three- day plan")]
    ['rec- ently', 'two- or', 'three- day']
    """
    return matches_from(SPLIT_CHAIN, text, (word_start(text, h) for h in hyphens_after_letters(text, _AFTER_HYPHEN)))


def ligature_evidence_words() -> frozenset[str]:
    """Damaged forms that restoring a ligature's letters makes far more frequent, as the ligature filter finds them.

    Only by forms that need no document's evidence (``Loss.min_words`` 0): a
    join is decided word by word, and a form that proves nothing alone
    ("ore" from "store") would join words the ligature filter then leaves.

    >>> "confdent" in ligature_evidence_words(), "confident" in ligature_evidence_words()
    (True, False)
    """
    return evidence(CANDIDATE_ZIPF, EVIDENCE_GAIN).common_form_words


@dataclass(frozen=True)
class LineBreakSettings:
    """``min_zipf``: how common (Zipf) the joined word must be to join on that evidence."""

    min_zipf: float = 2.0


class LineBreakHyphenFilter(Filter):
    """Join words split by a line-break hyphen that the export kept."""

    name = "line_breaks"
    description = "hyphens kept from line breaks: yester- day→yesterday, secu-\\nrity→security"
    Settings = LineBreakSettings

    def prepare(self) -> None:
        lexicon.zipf_table()
        ligature_evidence_words()

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        # Soft, non-breaking and Unicode hyphens end printed lines too ("fre\u2011 quently"); one
        # character each, so the spans found in the translated text hold in the original.
        text = doc.text
        if any(hyphen in text for hyphen in _UNICODE_HYPHEN_CHARACTERS):  # three scans in C, faster than a regex
            text = text.translate(_UNICODE_HYPHENS)
        changes = invisible_break_changes(doc.text)
        for chain in split_chains(text):
            change = self._join_chain(chain)
            if change is not None:
                changes.append(change)
        return rewrite(doc.text, changes, self.name)

    def _join_chain(self, chain: re.Match[str]) -> Change | None:
        # A join may make the next piece's word ("aa- b" is "aab"), which may then join the piece before
        # it: the chain is read again until nothing more joins, so that a second pass finds nothing.
        text = chain.group()
        reasons: list[str] = []
        while SPLIT_CHAIN.fullmatch(text) is not None:
            out, why = self._join_pieces(text)
            if out == text:
                break
            text, reasons = out, reasons + why
        if text == chain.group():
            return None
        return Change(chain.start(), chain.end(), text, "line-break-hyphen",
                      "line-break hyphen kept by the export; " + "; ".join(reasons))

    def _join_pieces(self, text: str) -> tuple[str, list[str]]:
        """A chain's pieces joined left to right, once, and why each join was made."""
        first_end = text.index("-")
        out, word, reasons = text[:first_end], text[:first_end], []
        for piece in _PIECE.finditer(text, first_end):
            gap, second = piece.group("gap"), piece.group("piece")
            joined, why = self._join(word, gap, second)
            if joined is None:
                out += piece.group()
                word = second
            else:
                out += joined[len(word):]
                word = second if "-" in joined else joined
                reasons.append(why)
        return out, reasons

    def _is_word(self, part: str) -> bool:
        lowered = part.lower()
        return lexicon.zipf(lowered) >= self.settings.min_zipf or lowered in ligature_evidence_words()

    def _join(self, first: str, gap: str, second: str) -> tuple[str | None, str]:
        """``first`` and ``second`` as the export's layout split them, joined back, and why."""
        if second in SUSPENDED:
            return None, ""
        joined = first + second
        if lexicon.zipf(joined.lower()) >= self.settings.min_zipf:
            return joined, f"{joined!r} is a word"
        if joined.lower() in ligature_evidence_words():
            # Two kinds of damage in one word ("conf- dent"): joined, the ligature filter sees it.
            return joined, f"{joined!r} is a word that lost a ligature's letters"
        # A word that lost a ligature's letters counts as a word: a piece joined so stays one. A piece
        # after the hyphen that is no word is no compound's part ("Blu- nkett", "swi- velled"), unless
        # a common word stands before it, which may be one of its own ("Minister- elei": elect, damaged).
        if not self._is_word(second) and lexicon.zipf(first.lower()) < _COMMON_WORD_ZIPF:
            return joined, f"{second!r} is no word, nor {first!r} a common one"
        # A piece before the hyphen that is no word at all is no compound's part either ("Likhovt- seva").
        if not self._is_word(first) and lexicon.zipf(first.lower()) == 0 and lexicon.zipf(second) < lexicon.KNOWN_ZIPF:
            return joined, f"{first!r} is no word at all, nor {second!r} a common one"
        if "\n" in gap and min(lexicon.zipf(first.lower()), lexicon.zipf(second)) >= lexicon.KNOWN_ZIPF:
            return f"{first}-{second}", "a compound broken across lines"
        return None, ""
