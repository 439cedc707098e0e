"""Spacing damage around punctuation and hyphens, repaired only where the text shows it.

* Spaced punctuation: "Hwasong- 14" → "Hwasong-14", "U. S." → "U.S."
  (initials are joined where the text writes them joined elsewhere, or
  where they stand between lowercase words: "the U. S. capital", but
  "J. K. Rowling", "to J. C., at" and a reference's "Berwick, R. C. and" stay),
  "( KCNA)" → "(KCNA)" (a space only after the bracket, before a letter:
  clean news writes "( £15,000)" and "(IBM )").
* Hyphens lost at line breaks: "testlaunched" → "test-launched",
  "face-toface" → "face-to-face", where the text itself writes the
  hyphenated form elsewhere, the joined one is not a word, and the text
  lost hyphens in two or more compounds (one alone is a spelling choice);
  and repeated-word compounds on their own shape ("face-toface",
  "stepby-step"), which no spelling writes so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from cleanwire import lexicon
from cleanwire.blocks import byte_words, distinct_matches, matches_in, spans_holding
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import Document, Filter
from cleanwire.hyphens import compound_start, hyphens_after_letters

# A word, a hyphen, a space, a number: "Hwasong- 14" ("18- to 24" starts with digits).
# Both start with a literal, which the regex engine finds fast; the letter before is checked after.
_HYPHEN_SPACE_DIGIT = re.compile(r"- +(?=\d)")
_SPACED_INITIALS = re.compile(r"\. (?=[A-Z]\.)")
# Between lowercase words ("the U. S. capital"): not a name ("J. K. Rowling", "to J. C., at").
_AFTER_LOWERCASE_WORD = re.compile(r"(?:^|[^\w.])[a-z]+ $")
_BEFORE_LOWERCASE_WORD = re.compile(r" [a-z]+\b")
# "( KCNA)": a space after the bracket only, before a letter, closed on the same line.
_SPACE_AFTER_BRACKET = re.compile(r"\( +(?=[^\W\d_][^()\n]{0,80}?\S\))")
# "face-toface", "stepby-step": a word, one of these, the same word again.
_LINKING_WORDS = frozenset({"to", "by", "for", "in", "on", "upon"})
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_SEARCHES_BEFORE_INDEX = 16
_LETTER_RUN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Every pair of joined initials ("U.S." in "U.S.A." too): the lookahead finds overlapping ones.
_JOINED_INITIALS = re.compile(r"(?=([A-Z]\.[A-Z]\.))")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_HYPHEN = re.compile(r"[^\W\d_]|-")
_MAX_HYPHENS = 3
_MIN_LOST_HYPHENS = 2


@dataclass(frozen=True)
class SpacingSettings:
    """``lost_hyphens``: restore hyphens the text shows elsewhere; ``punctuation``: close spaced punctuation."""

    lost_hyphens: bool = True
    punctuation: bool = True


class SpacingFilter(Filter):
    """Close spaces an export put into punctuation; restore hyphens it dropped at line breaks."""

    name = "spacing"
    description = "spaced punctuation Hwasong- 14→Hwasong-14, U. S.→U.S.; lost hyphens testlaunched→test-launched"
    Settings = SpacingSettings

    def prepare(self) -> None:
        lexicon.zipf_table()

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        text = doc.text
        proposed: list[Change] = []
        if self.settings.punctuation:
            proposed += spaced_punctuation_changes(text)
        if self.settings.lost_hyphens and "-" in text:
            hyphenated = _hyphenated_words(text)
            proposed += lost_hyphen_changes(text, hyphenated) + repeated_compound_changes(text, hyphenated)
        # Where two rules see the same span, the first one proposed makes the change.
        return rewrite(text, proposed, self.name)


def spaced_punctuation_changes(text: str) -> list[Change]:
    """Spaces between a word's hyphen and a number, and between initials the text writes joined or
    that stand between lowercase words.

    And a space after an opening bracket, before a letter, in a bracket closed
    with none ("( KCNA)"); clean news writes "( £15,000)" and "(IBM )", left.

    >>> [c.after for c in spaced_punctuation_changes("Hwasong- 14 and the U. S. capital ( KCNA)")]
    ['-', 'U.S.', '(']
    """
    changes = []
    if "- " in text:
        for m in _HYPHEN_SPACE_DIGIT.finditer(text):
            if m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
                changes.append(Change(m.start(), m.end(), "-", "hyphen-space",
                                      "space between a word's hyphen and its number"))
    joined_initials: set[str] | None = None
    for m in _SPACED_INITIALS.finditer(text):
        start = m.start() - 1
        if start < 0 or not ("A" <= text[start] <= "Z") or (start > 0 and text[start - 1].isalnum()):
            continue
        joined = f"{text[start]}.{text[m.end()]}."
        if joined_initials is None:
            joined_initials = distinct_matches(_JOINED_INITIALS, text)  # once, not a search per pair
        if joined in joined_initials:
            changes.append(Change(start, m.end() + 2, joined, "spaced-initials", f"the text writes {joined!r} elsewhere"))
        elif _AFTER_LOWERCASE_WORD.search(text, max(0, start - 30), start) and _BEFORE_LOWERCASE_WORD.match(
            text, m.end() + 2
        ):
            changes.append(Change(start, m.end() + 2, joined, "spaced-initials",
                                  "initials between lowercase words: an abbreviation, not a name"))
    if "( " in text:
        for m in _SPACE_AFTER_BRACKET.finditer(text):
            changes.append(Change(m.start(), m.end(), "(", "bracket-space",
                                  "a space after an opening bracket that closes with none"))
    return changes


def lost_hyphen_changes(text: str, hyphenated: set[str] | None = None) -> list[Change]:
    """Compounds that lost hyphens, where the text writes them hyphenated elsewhere.

    >>> text = "a test-launched, game-changing missile; it was testlaunched, a gamechanging one"
    >>> [c.after for c in lost_hyphen_changes(text)]
    ['test-launched', 'game-changing']
    """
    variants = [(variant, compound) for compound in (_hyphenated_words(text) if hyphenated is None else hyphenated)
                for variant in _damaged_forms(compound)]
    # A few variants are looked for in the text itself; a text with many builds a set of its words once.
    # (A variant the text holds only inside a longer word passes the first test, but no search below finds it.)
    written = _letter_runs(text) if len(variants) > _SEARCHES_BEFORE_INDEX else text.encode("utf-8", "surrogatepass")
    forms: dict[str, str] = {}
    for variant, compound in variants:
        if variant.encode() in written:
            forms.setdefault(variant, compound)
    # One compound written both ways is a spelling choice; the damage drops hyphens in several.
    if len(set(forms.values())) < _MIN_LOST_HYPHENS:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")\b(?!-)")
    changes = []
    # A long text is searched only in the blocks that hold a form.
    spans = spans_holding(text, {form.encode() for form in forms}, _LETTERS_AND_HYPHENS)
    for match in matches_in(pattern, text, spans):
        before = text[match.start() - 1 : match.start()]
        if before == "-":
            continue
        form = forms[match.group()]
        changes.append(Change(match.start(), match.end(), form, "lost-hyphen",
                              f"the text writes {form!r} elsewhere; the export dropped its hyphen"))
    return changes if len({c.after for c in changes}) >= _MIN_LOST_HYPHENS else []


def repeated_compound_changes(text: str, hyphenated: set[str] | None = None) -> list[Change]:
    """Compounds of a word, a linking word and the same word again that lost a hyphen.

    >>> [c.after for c in repeated_compound_changes("face-toface talks, stepby-step, a to-do, Bora Bora")]
    ['face-to-face', 'step-by-step']
    """
    changes = []
    # From the text's hyphenated words: a regex search with a backreference from every letter is slow.
    for compound in _hyphenated_words(text) if hyphenated is None else hyphenated:
        shape = _repeated_shape(compound)
        if shape is None:
            continue
        word, link = shape
        whole = f"{word}-{link}-{word}"
        for m in re.finditer(rf"(?<![\w-]){re.escape(compound)}(?![\w-])", text):
            changes.append(Change(m.start(), m.end(), whole, "lost-hyphen",
                                  f"{compound!r} repeats {word!r} around {link!r}: {whole!r} lost a hyphen"))
    return sorted(changes, key=lambda c: c.start)


def _repeated_shape(compound: str) -> tuple[str, str] | None:
    """The repeated word and the linking word of "face-toface" or "faceto-face", else None.

    >>> _repeated_shape("face-toface"), _repeated_shape("stepby-step"), _repeated_shape("to-do")
    (('face', 'to'), ('step', 'by'), None)
    """
    first, hyphen, second = compound.partition("-")
    if not hyphen or "-" in second:
        return None
    if second.endswith(first) and second[: -len(first)] in _LINKING_WORDS:
        return first, second[: -len(first)]
    if first.startswith(second) and first[len(second) :] in _LINKING_WORDS:
        return second, first[len(second) :]
    return None


# ASCII letters and the hyphen kept, every other byte a space: the runs _LETTER_RUN finds, and more.
_LETTERS_AND_HYPHENS = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 or b == 0x2D else 0x20 for b in range(256))
# Of those runs, joined by spaces: the ones with a hyphen, which _LETTER_RUN may split.
_HYPHENATED_RUN = re.compile(rb"[^ ]*-[^ ]*")
_LETTER_RUN_BYTES = re.compile(_LETTER_RUN.pattern.encode())


def _letter_runs(text: str) -> set[bytes]:
    """The runs of letters and hyphens in ``text``, in bytes, with what ``_LETTER_RUN`` finds in them, by C passes.

    Every match of ``_LETTER_RUN.findall(text)`` is in the set; so are runs
    that are no match ("-x", "well-known--thing"), which no compound equals.

    >>> sorted(_letter_runs("a well-known--thing -x y- café 2nd"))
    [b'-x', b'a', b'caf', b'nd', b'thing', b'well-known', b'well-known--thing', b'x', b'y', b'y-']
    """
    runs: set[bytes] = set()
    for words in byte_words(text, _LETTERS_AND_HYPHENS):
        runs.update(words)
    # Hyphens join letters only one at a time and between letters: the pattern splits such a run.
    for run in _HYPHENATED_RUN.findall(b" ".join(runs)):
        runs.update(_LETTER_RUN_BYTES.findall(run))
    return runs


def _hyphenated_words(text: str) -> set[str]:
    """Words of ASCII letters joined by hyphens ("face-to-face"), found from the hyphens.

    >>> sorted(_hyphenated_words("a face-to-face talk - and a test-launch, café-bar"))
    ['face-to-face', 'test-launch']
    """
    found = set()
    for hyphen in hyphens_after_letters(text, _LETTER):
        match = _COMPOUND.match(text, compound_start(text, hyphen))
        # The whole run of letters and hyphens, or nothing: "naïve-ish" and "face-" are not compounds.
        if match is not None and not _LETTER_OR_HYPHEN.match(text, match.end()):
            found.add(match.group())
    return found


@lru_cache(maxsize=65536)
def _damaged_forms(compound: str) -> tuple[str, ...]:
    """What dropping hyphens makes of ``compound`` that is no word at all ("frontbench" is a spelling).

    >>> _damaged_forms("test-launched"), _damaged_forms("front-bench")
    (('testlaunched',), ())
    """
    if compound.count("-") > _MAX_HYPHENS:
        return ()
    return tuple(v for v in _fewer_hyphens(compound) if "-" in v or lexicon.zipf(v.lower()) == 0.0)


def _fewer_hyphens(compound: str) -> list[str]:
    """The compound with one or more of its hyphens dropped.

    >>> _fewer_hyphens("face-to-face")
    ['facetoface', 'faceto-face', 'face-toface']
    """
    parts = compound.split("-")
    variants = []
    for keep in itertools.product([False, True], repeat=len(parts) - 1):
        if all(keep):
            continue
        joined = parts[0]
        for part, hyphen in zip(parts[1:], keep):
            joined += ("-" if hyphen else "") + part
        variants.append(joined)
    return variants
