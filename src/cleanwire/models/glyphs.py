"""Where a ligature glyph was, what extractors leave that is not a letter: placeholders and spaces.

A PDF extractor that cannot map a ligature glyph to letters writes a
placeholder in its place ("o(cid:27)cials", "con/uniFB01rmed", "e\ufffdect"),
a space ("be er", "o cials"), or the ligature's letters set apart by spaces
("o ffi cials", "fi rst"). Unlike a lost letter, the damage shows where it is:
the repair joins the pieces around it, as one unit, and never changes a word
beside a placeholder on its own.

Each document is read for its own map. A placeholder that stands for one
ligature in every word that shows it ("(cid:27)" for "ffi") is replaced by those
letters wherever it stands, names too; one that stands for several ("\ufffd",
for every glyph a font lacks) is read word by word, and only where one reading
is a common word. Spaces are joined only in a document that shows this
damage in ``min_words`` different words a lowercase piece of which is no word.
A wrong character in the glyph's place ("beMer") is :mod:`cleanwire.models.wrong_glyphs`'s,
with the vocabulary and the lookups in bulk of this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from cleanwire.blocks import byte_words, line_blocks
from cleanwire.models.context import Context, ContextModel, context_of
from cleanwire.models.ligatures import letters_per_character
from cleanwire.sentences import surely_opens_sentence
from cleanwire.words import (
    ASCII_LETTERS,
    PLAIN_WORD,
    matches_from,
    word_start,
)

#: What extractors write for a glyph they cannot map: a CID, a glyph name, U+FFFD, a private-use character.
PLACEHOLDER = re.compile(r"\(cid:\d+\)|/uni[0-9A-Fa-f]{4}|[\ufffd\ue000-\uf8ff]")
#: The one placeholder that names no glyph: an extractor writes it for every glyph it cannot map.
UNKNOWN_GLYPH = "\ufffd"
_WORD_WITH_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[A-Za-z]*(?:(?:\(cid:\d+\)|/uni[0-9A-Fa-f]{4}|[\ufffd\ue000-\uf8ff])[A-Za-z]*)+(?![A-Za-z])"
)
_PIECE = r"[A-Za-z]+"
# "er", "ed": pieces of words that word lists hold, rarer than any short word of prose.
_COMMON_PIECE_ZIPF = 5.0
# Word lists count pieces of words as words ("bla", "eld": 3.0); prose writes a word alone this often.
_PROSE_WORD_ZIPF = 3.5


class Vocabulary:
    """The words a repair may give, and the ligatures whose letters it may restore, with lookups in bulk.

    ``ligatures_after`` and ``ligatures_before`` map what a known word holds
    before and after one of the ligatures to those ligatures: a piece no word
    starts or ends so is no half of a split.

    >>> v = Vocabulary({"after": 6.1, "often": 5.0, "aster": 2.0}, ["ft"], min_zipf=3.0)
    >>> v.zipf("after"), "aster" in v.known, sorted(v.ligatures_after["a"]), sorted(v.ligatures_before["er"])
    (6.1, False, ['ft'], ['ft'])
    >>> "ast" in v.ligatures_after
    False
    """

    def __init__(self, frequencies: Mapping[str, float], ligatures: Sequence[str], min_zipf: float) -> None:
        self._frequencies = frequencies
        self.ligatures = tuple(ligatures)
        self.ligature_letter_set = frozenset("".join(self.ligatures))
        self.min_zipf = min_zipf
        self.known = frozenset(word for word, value in frequencies.items() if value >= min_zipf)
        after: dict[str, set[str]] = {}
        before: dict[str, set[str]] = {}
        for word in self.known:
            for letters in self.ligatures:
                at = word.find(letters)
                while at >= 0:
                    after.setdefault(word[:at], set()).add(letters)
                    before.setdefault(word[at + len(letters) :], set()).add(letters)
                    at = word.find(letters, at + 1)
        self.letters_per_character = letters_per_character(frequencies, self.ligatures, min_zipf)
        self.ligatures_after = {head: frozenset(found) for head, found in after.items()}
        self.ligatures_before = {tail: frozenset(found) for tail, found in before.items()}
        heads, tails = after.keys(), before.keys()
        # The same in bytes, for set operations on a text's runs of lowercase letters (no decoding).
        self.known_bytes = frozenset(word.encode() for word in self.known if word.isascii())
        self.halves_bytes = frozenset(piece.encode() for piece in heads | tails if piece.isascii())
        self.ligature_bytes = frozenset(letters.encode() for letters in self.ligatures)
        #: Halves that prose never writes alone ("cials", "rm", "o"): a text showing them may be split.
        self.fragment_bytes = frozenset(piece.encode() for piece in heads | tails
                                        if piece.isascii() and piece.isalpha() and _no_word_alone(piece, self))
        #: Halves that are words only in lists ("er", "ed"): see :func:`_word_list_piece`.
        self.word_list_piece_bytes = frozenset(piece.encode() for piece in heads | tails
                                               if piece.isascii() and _word_list_piece(piece, self))

    def zipf(self, word: str) -> float:
        """Zipf frequency of a lowercase word, 0.0 for one it does not know."""
        return self._frequencies.get(word, 0.0)


@dataclass(frozen=True)
class Repair:
    """``text[start:end]`` is the damaged ``before``; ``after`` restores ``letters`` in it."""

    start: int
    end: int
    after: str
    letters: str
    reason: str


def placeholder_repairs(
    text: str, vocabulary: Vocabulary, context: ContextModel | None = None, consistent_share: float = 0.8
) -> list[Repair]:
    """Words holding placeholders, each with the letters its placeholders stand for.

    A placeholder the text writes for one ligature is read so wherever that
    makes a word, or no reading does (a name) and the placeholder names its
    glyph (a CID, a glyph name, a private-use character: not U+FFFD, which an
    extractor writes for every glyph it cannot map, so that its most frequent
    reading in a text says little of a name's); elsewhere, and for one that
    stands for several, the word is read alone: as its one common reading,
    or, where two are about as common ("sta\ufffd": "start", "staff"), as
    the one ``context`` finds clearly likelier beside its neighbours.

    >>> v = Vocabulary({"officials": 4.5, "confirmed": 4.6, "first": 6.0}, ["ffi", "fi"], 3.0)
    >>> text = "o(cid:9)cials said, and con(cid:3)rmed: the (cid:3)rst o(cid:9)cials"
    >>> [r.after for r in placeholder_repairs(text, v)]
    ['officials', 'confirmed', 'first', 'officials']
    """
    words = _placeholder_words(text, vocabulary)
    if not words:
        return []
    readings = {m.word: _readings(m.word, vocabulary) for m in words}
    votes = _votes(readings)
    mapped = {
        placeholder: count.most_common(1)[0][0]
        for placeholder, count in votes.items()
        if count.most_common(1)[0][1] >= 2 and count.most_common(1)[0][1] >= consistent_share * sum(count.values())
    }
    # A glyph named for a Unicode f-ligature ("/uniFB02") is read as its letters, unless words of the
    # text read it otherwise.
    named: dict[str, str] = {}
    for placeholder in {p for m in words for p in PLACEHOLDER.findall(m.word)}:
        ligature = ligature_named(placeholder)
        if ligature is not None and set(votes.get(placeholder, ())) <= {ligature}:
            named[placeholder] = ligature
    mapped = named | mapped
    repairs = []
    for match in words:
        word = match.word
        placeholders = PLACEHOLDER.findall(word)
        by_map = PLACEHOLDER.sub(lambda m: mapped.get(m.group(), m.group()), word)
        if all(p in mapped for p in placeholders) and (
                (not readings[word] and UNKNOWN_GLYPH not in placeholders)
                or vocabulary.zipf(by_map.lower()) >= vocabulary.min_zipf
        ) and not _makes_glyph_pair(word, by_map):
            after = by_map
            letters = "+".join(dict.fromkeys(mapped[p] for p in placeholders))
            reason = ", ".join(f"{p!r} names the {mapped[p]!r} ligature" if p in named else
                               f"this text writes {p!r} for {mapped[p]!r}" for p in dict.fromkeys(placeholders))
        else:
            chosen = _reading_here(text, match, readings[word], context)
            if chosen is None:
                continue
            option, reason = chosen
            choice = option.payload
            after = _fill(word, dict(choice))
            letters = "+".join(dict.fromkeys(l for _, l in choice))
        # A placeholder opening a word took its case with it: a capital only where a sentence surely opens.
        opened = PLACEHOLDER.match(word) is not None and surely_opens_sentence(text, match.start)
        repairs.append(Repair(match.start, match.end, after[:1].upper() + after[1:] if opened else _match_case(word, after),
                              letters, f"{word!r} holds a glyph the extractor could not map; {reason}"))
    return repairs


def _votes(readings: Mapping[str, list[tuple[float, tuple[tuple[str, str], ...]]]]) -> dict[str, Counter[str]]:
    """For each placeholder, which letters the words holding it read as, where a word has one reading:
    one map per font."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for found in readings.values():
        if len(found) == 1:
            for placeholder, letters in found[0][1]:
                votes[placeholder][letters] += 1
    return votes


def ligature_named(placeholder: str) -> str | None:
    """The letters of the Unicode f-ligature a glyph name names ("/uniFB02": "fl"), if it names one.

    >>> [ligature_named(p) for p in ("/uniFB02", "/unifb03", "/uniFB05", "/uni0041", "(cid:3)")]
    ['fl', 'ffi', None, None, None]
    """
    if not placeholder.startswith("/uni"):
        return None
    character = chr(int(placeholder[4:], 16))
    # The f-ligatures only: every text font draws them, while fonts reuse the slots of long s and t and
    # of "st" for their other ligatures ("ft", "ct").
    return unicodedata.normalize("NFKC", character) if unicodedata.name(character, "").startswith(
        "LATIN SMALL LIGATURE F") else None


@dataclass(frozen=True)
class _PlaceholderWord:
    """``text[start:end]`` holds placeholders: one word, read as ``word`` (a piece set apart by a space joined)."""

    word: str
    start: int
    end: int


def _placeholder_words(text: str, vocabulary: Vocabulary) -> list[_PlaceholderWord]:
    """The text's words holding placeholders. A placeholder that stands alone between spaces ("the
    /uniFB01 eld", "veri \ufffd cation") is joined to the pieces beside it where the join reads as a word
    commoner than each piece it takes: a ligature's glyph is part of a word, never one of its own.

    >>> v = Vocabulary({"field": 5.2, "eld": 3.0, "the": 7.7, "verification": 4.3, "cation": 3.5}, ["fi"], 3.0)
    >>> [w.word for w in _placeholder_words("the /uniFB01 eld and veri \ufffd cation; o(cid:3)ce", v)]
    ['/uniFB01eld', 'veri\ufffdcation', 'o(cid:3)ce']
    """
    found = []
    for match in _WORD_WITH_PLACEHOLDER.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if not _holds_letters(word):
            before = _PIECE_SET_APART_BEFORE.search(text, max(0, start - _CONTEXT_REACH), start)
            after = _PIECE_SET_APART_AFTER.match(text, end)
            joins = [(piece_before.group(1) if piece_before else "", piece_after.group(1) if piece_after else "",
                      piece_before, piece_after)
                     for piece_before in (before, None) for piece_after in (after, None)
                     if piece_before or piece_after]
            best = max(((_join_zipf(head + word + tail, (head, tail), vocabulary), head, tail, b, a)
                        for head, tail, b, a in joins), key=lambda join: join[0], default=None)
            if best is not None and best[0] > 0.0:
                _, head, tail, piece_before, piece_after = best
                word = head + word + tail
                start = piece_before.start() if piece_before else start
                end = piece_after.end() if piece_after else end
        found.append(_PlaceholderWord(word, start, end))
    return found


# A piece of a word beside a placeholder that stands alone, one space away, neither piece running on.
_PIECE_SET_APART_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z]+) \Z")
_PIECE_SET_APART_AFTER = re.compile(r" ([a-z]+)(?![\w'’-])")
# How much commoner than each piece it takes a join must read: "fi re" stays, "re" is commoner than "fire".
_JOIN_LEAD = 0.5


def _join_zipf(joined: str, pieces: tuple[str, str], vocabulary: Vocabulary) -> float:
    """How common the commonest reading of ``joined`` is, or 0.0 where a piece it takes is about as common."""
    readings = _readings(joined, vocabulary)
    if not readings:
        return 0.0
    value = readings[0][0]
    return value if all(vocabulary.zipf(piece.lower()) <= value - _JOIN_LEAD for piece in pieces if piece) else 0.0


def _holds_letters(word: str) -> bool:
    """Whether ``word`` holds letters besides its placeholders' ("/uniFB01" holds none).

    >>> _holds_letters("/uniFB01"), _holds_letters("o(cid:3)ce")
    (False, True)
    """
    return _LETTER_RUN.search(PLACEHOLDER.sub(" ", word)) is not None


def _reading_here(
    text: str, match: _PlaceholderWord, readings: list[tuple[float, tuple[tuple[str, str], ...]]],
    context: ContextModel | None,
) -> tuple[_Option[tuple[tuple[str, str], ...]], str] | None:
    """A placeholder word's one clear reading (its filling the payload), alone or in its context, with the reason."""
    word = match.word
    if not _holds_letters(word):
        context = None  # a placeholder alone ("\ufffd(⌣˛⌣)\ufffd") is no word to read in context
    options = [_Option(value, _fill(word, dict(choice)), choice, match.start, match.end)
               for value, choice in readings]
    return _clear_choice(text, options, context)


_Payload = TypeVar("_Payload")


@dataclass(frozen=True)
class _Option(Generic[_Payload]):
    """A reading of damaged text: how common the word it makes is, the word, what makes it, the span it replaces."""

    zipf: float
    word: str
    payload: _Payload
    start: int
    end: int


def _clear_choice(
    text: str, options: Sequence[_Option[_Payload]], context: ContextModel | None
) -> tuple[_Option[_Payload], str] | None:
    """The option whose word is clearly the commonest (1.0 Zipf ahead of the rest), or, of those about
    as common and in one place, the one ``context`` finds clearly likeliest beside its neighbours; with
    the reason. Which of two words lost the letters is no question for a model of word sequences: names
    stand beside ordinary words ("Du  and": "Duff and", not "Du stand").

    >>> options = [_Option(5.6, "start", "rt", 0, 4), _Option(4.8, "staff", "ff", 0, 4)]
    >>> _clear_choice("sta\ufffd producing", options, None) is None
    True
    >>> option, reason = _clear_choice("sta\ufffd producing", options[:1], None)
    >>> option.payload, reason
    ('rt', "'start' is the one common word it can be here")
    """
    if not options:
        return None
    ranked = sorted(options, key=lambda option: option.zipf, reverse=True)
    if len(ranked) == 1 or ranked[0].zipf - ranked[1].zipf >= 1.0:
        return ranked[0], f"{ranked[0].word!r} is the one common word it can be here"
    if context is None:
        return None
    near = [option for option in ranked if ranked[0].zipf - option.zipf < 1.0]
    if len({(option.start, option.end) for option in near}) > 1:
        return None
    scored = sorted(((context.score(context_around(text, o.start, o.end), o.word.lower()), o) for o in near),
                    key=lambda pair: pair[0], reverse=True)
    (best, chosen), (runner_up, rival) = scored[0], scored[1]
    if best - runner_up < context.margin:
        return None
    return chosen, (f"{chosen.word!r} is {best - runner_up:.1f} log10 likelier than {rival.word!r} "
                            f"beside its neighbours (the {context.name} model)")


# Far enough to hold the two words each side that a context model reads.
_CONTEXT_REACH = 80


def context_around(text: str, start: int, end: int) -> Context:
    """The context of ``text[start:end]``, read as one word: the words of letters around it.

    >>> context_around("He took it off the shelf.", 11, 14).left[-2:]
    ('took', 'it')
    """
    first, last = max(0, start - _CONTEXT_REACH), min(len(text), end + _CONTEXT_REACH)
    window = text[first:start] + "x" * (end - start) + text[end:last]
    words = list(_LETTER_RUN.finditer(window))
    index = next(i for i, m in enumerate(words) if m.start() == start - first)
    return context_of(words, index, window)


_LETTER_RUN = re.compile(r"[A-Za-z]+")


def _readings(word: str, vocabulary: Vocabulary) -> list[tuple[float, tuple[tuple[str, str], ...]]]:
    """Fillings of ``word``'s placeholders that make a word ``min_zipf`` frequent, most frequent first."""
    placeholders = list(dict.fromkeys(PLACEHOLDER.findall(word)))
    if len(placeholders) > 2:
        return []
    fillings: list[dict[str, str]] = [{}]
    for placeholder in placeholders:
        fillings = [dict(f, **{placeholder: letters}) for f in fillings for letters in vocabulary.ligatures]
    found = []
    for filling in fillings:
        filled = _fill(word, filling)
        value = vocabulary.zipf(filled.lower())
        if value >= vocabulary.min_zipf and not _makes_glyph_pair(word, filled):
            found.append((value, tuple(filling.items())))
    return sorted(found, reverse=True)


def _fill(word: str, filling: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: filling.get(m.group(), m.group()), word)


def _makes_glyph_pair(word: str, filled: str) -> bool:
    """Whether filling ``word``'s placeholders put a capital or digit right after a lowercase letter: no word
    is written so, and the wrong-glyph reading would then take the word for a glyph's ("\ue000X" is no "fiX").

    >>> _makes_glyph_pair("\ue000X", "fiX"), _makes_glyph_pair("o\ue000cials", "officials")
    (True, False)
    """
    return GLYPH_AFTER_LOWERCASE.search(filled) is not None and GLYPH_AFTER_LOWERCASE.search(
        PLACEHOLDER.sub(" ", word)) is None


def _never_written(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """Ligatures' letters that a text this long would write ``_EXPECTED_TIMES`` times or more but never
    writes, while it writes each of their letters: a font that draws them as one glyph may have lost it.

    (A text without a letter at all, "f", lost that letter's glyph: the ligature filter's.)

    >>> v = Vocabulary({"the": 6.0, "staff": 6.0}, ["ff", "st"], 3.0)
    >>> _never_written("the sta  of us " * 10, v), _never_written("the sta  said " * 10, v)
    (frozenset({'ff'}), frozenset())
    """
    return frozenset(
        letters for letters in vocabulary.ligatures
        if vocabulary.letters_per_character[letters] * len(text) >= _EXPECTED_TIMES
        and letters not in text and all(letter in text for letter in letters)
    )


# How often a text must be expected to write a ligature's letters before it is read as never writing them:
# a clean text expected to write them 1.5 times writes them not at all about once in five (Poisson), so
# this is weak evidence alone; such a text must still show two pairs that those letters join into words
# before any is joined, which no clean page here does (a page of news runs 2-3 KB: at 3 expected times,
# most pages that lost "ft" or "ffi" to a space could not show it; measured on 1,500 clean pages of
# one to 24 stories, none gains an edit at 1.0).
_EXPECTED_TIMES = 1.5


def spaced_repairs(
    text: str, vocabulary: Vocabulary, min_words: int, context: ContextModel | None = None,
    runs: frozenset[bytes] | None = None,
) -> list[Repair]:
    """Words split around a ligature's letters set apart ("o ffi cials") or a space in their place ("be er"),
    in order of precedence: the longer first.

    ``runs``: the text's :func:`lowercase_runs`, where the caller has them.

    >>> words = {"officials": 4.5, "first": 6.0, "staff": 4.8, "better": 5.0, "effect": 4.8, "be": 6.8, "er": 4.2}
    >>> v = Vocabulary(words, ["ffi", "ff", "fi", "tt"], 3.0)
    >>> [r.after for r in spaced_repairs("the o ffi cials said the fi rst sta ff", v, 2)]
    ['officials', 'first', 'staff']
    >>> [r.after for r in spaced_repairs("the e ect was be er for o cials", v, 2)]
    ['officials', 'effect', 'better']
    """
    runs = lowercase_runs(text) if runs is None else runs
    repairs = []
    # Letters the text never writes where it would: evidence of a glyph lost to a space.
    lost = _never_written(text, vocabulary)
    edge_joins = _edge_joins(text, vocabulary, context, lost)
    shown_at_edges = _words_shown(text, edge_joins, 0.0)
    for manner, joins, words_alone in (
        ("set apart", _set_apart_joins(text, runs, vocabulary), _LETTERS_APART_WEIGHT),
        ("a space", _space_joins(text, runs, vocabulary, min_words - int(shown_at_edges), lost) + edge_joins, 0.0),
    ):
        # A font's glyphs are all lost one way: evidence of the manner counts over every ligature.
        shown = _words_shown(text, joins, words_alone)
        if shown < min_words:
            continue
        for start, end, letters, _ in joins:
            before = text[start:end]
            after = before.replace(" ", "") if manner == "set apart" else _joined_at_space(before, letters, vocabulary)
            repairs.append(Repair(start, end, _match_case(before, after), letters,
                                  f"{before!r} is split where a {letters!r} glyph was, its letters {manner}; "
                                  f"this text shows that in {shown} words"))
    # Where two overlap, the longer is made: the letters set apart in "an  o ffi cial" join three pieces,
    # where a glyph lost at the edge of "o" would read one ("flo").
    return sorted(repairs, key=lambda r: (r.start - r.end, r.start))


# A ligature's letters standing alone between two words ("be st out") are no word either, but OCR
# leaves such fragments too: such a join is half the evidence of one with a piece that is no word.
_LETTERS_APART_WEIGHT = 0.5


def _words_shown(text: str, joins: list[tuple[int, int, str, bool]], words_alone: float) -> float:
    """How many different words ``joins`` show the manner in: one for each with a piece that is no word
    alone ("o ffi cials"), ``words_alone`` for each whose pieces are words ("be st").

    >>> text = "o ffi cials, be st, be st, ju st"
    >>> _words_shown(text, [(0, 11, "ffi", True), (13, 18, "st", False), (20, 25, "st", False)], 0.5)
    1.5
    """
    strong = {text[start:end].lower() for start, end, _, evidence in joins if evidence}
    weak = {text[start:end].lower() for start, end, _, evidence in joins if not evidence} - strong
    return len(strong) + words_alone * len(weak)


def _set_apart_joins(text: str, runs: frozenset[bytes], vocabulary: Vocabulary) -> list[tuple[int, int, str, bool]]:
    """Spans "o ffi cials", "fi rst", "sta ff" that join into a common word, with whether a piece is no word.

    A piece after the letters that no join takes ("intere" in "mo st intere st ed", "tari" in
    "wi-fi tari ff") is read again as the piece before the next letters.

    >>> v = Vocabulary({"most": 6.0, "interested": 5.0, "instead": 5.0, "best": 5.6, "stout": 3.5,
    ...                 "tariff": 4.0, "affected": 4.5}, ["st", "fi", "ff", "ct"], 3.0)
    >>> text = "mo st intere st ed in st ead, be st out, a wi-fi tari ff, a ff e ct ed"
    >>> [text[start:end] for start, end, _, _ in _set_apart_joins(text, lowercase_runs(text), v)]
    ['mo st', 'intere st ed', 'in st ead', 'be st', 'tari ff', 'a ff e ct ed']
    """
    if runs.isdisjoint(vocabulary.ligature_bytes):
        return []  # no ligature's letters standing alone: most texts
    pattern = _set_apart_patterns(tuple(vocabulary.ligatures))[0]
    found: list[tuple[int, int, str, bool]] = []
    pending = list(_set_apart(text, tuple(vocabulary.ligatures)))[::-1]  # a stack, first match on top
    while pending:
        m = pending.pop()
        left, letters, right = m.group(1) or "", m.group(2), m.group(3) or ""
        # A word that lost two ligatures first ("a ff e ct ed"), then the whole span; of the two pieces
        # the letters may join, the commoner word ("be st out": "best").
        following = pattern.match(text, m.start(3)) if right else None
        two = [] if following is None or following.group(1) != right else [
            (m.start(), following.end(), letters + following.group(2),
             left + letters + right + following.group(2) + (following.group(3) or ""))]
        with_piece = sorted(
            ((m.start(2), m.end(), letters, letters + right), (m.start(), m.end(2), letters, left + letters)),
            key=lambda join: -vocabulary.zipf(join[3].lower()),
        )
        for start, end, restored, joined in (*two, (m.start(), m.end(), letters, left + letters + right), *with_piece):
            if found and start < found[-1][1]:
                continue  # inside the last join
            if (start, end) != (m.start(2), m.end(2)) and vocabulary.zipf(joined.lower()) >= vocabulary.min_zipf:
                pieces = [p for p in (left, right) if p and p in text[start:end]]
                found.append((start, end, restored, any(_no_word_alone(p, vocabulary) for p in pieces)))
                break
        else:
            end = m.start(3)  # no join: the piece after the letters is free ("wi-fi tari ff")
        if following is not None and end < m.end() and following.end() > m.end():
            pending.append(following)
    return found


@lru_cache(maxsize=4)
def _set_apart_patterns(ligatures: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A ligature's letters standing alone with the pieces beside them, and the letters alone at a word's end."""
    alternatives = "|".join(sorted(ligatures, key=len, reverse=True))
    # After a hyphen, a compound's part: "semi-fi nals"; before one, its first part: "fi ve-year".
    return (re.compile(rf"(?<![A-Za-z0-9])(?:({_PIECE}) )?({alternatives})"
                       rf"(?: ({_PIECE})(?![A-Za-z0-9])(?!-(?![A-Za-z]))|(?![A-Za-z0-9-]))"),
            re.compile(rf"(?:{alternatives})(?![A-Za-z0-9-])"))


def _set_apart(text: str, ligatures: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The matches of the set-apart pattern, found from where the letters stand alone.

    A match starts at its letters or at the piece before them. Those places
    are found by a search for the letters at a word's end, which starts with
    a letter and runs several times faster than the pattern tried from every
    position; the pattern is then tried at each place, in order, as
    ``finditer`` would.

    >>> [m.group() for m in _set_apart("the o ffi cials, fi fi rst, a staff and st", ("ffi", "fi", "st", "ff"))]
    ['o ffi cials', 'fi fi rst', 'and st']
    """
    pattern, letters_at_end = _set_apart_patterns(ligatures)
    starts = set()
    for m in letters_at_end.finditer(text):
        start = m.start()
        if start and text[start - 1] in _LETTERS_DIGITS:
            continue  # the end of a longer word
        starts.add(start)
        if start > 1 and text[start - 1] == " ":
            starts.add(word_start(text, start - 1))  # the piece before the letters
    return matches_from(pattern, text, sorted(starts))


def _space_joins(
    text: str, runs: frozenset[bytes], vocabulary: Vocabulary, min_words: int, lost: frozenset[str] = frozenset()
) -> list[tuple[int, int, str, bool]]:
    """Pairs "o cials", "be er" that one ligature's letters in the space join into a common word.

    Two common words ("be er") are joined only on the evidence of other pairs:
    at least ``min_words`` different joins with a fragment ("cials", "e") for a
    piece, or with letters the text never writes where it would (``lost``;
    fewer where words that lost a ligature at their edge show it too).
    Clean text has no lowercase fragments, or a few, and costs set operations
    and a look at the words beside each fragment.
    """
    # Only pieces a known word starts or ends with next to a ligature's letters: "cials", "er", not "ebullient".
    fragments = {run.decode() for run in runs & vocabulary.fragment_bytes}
    # And pieces no word that end with a ligature's letters where a known word holds them: a font that kept
    # the glyph's letters and left a space for the rest ("diffi cult", "signifi cant").
    fragments |= {piece for piece in map(bytes.decode, unknown_runs(runs, vocabulary)) if _ends_kept(piece, vocabulary)}
    # A join with letters the text never writes (where it would) shows the manner as a fragment does.
    if not fragments and not lost:
        return []
    # Pairs beside fragments, and beside short pieces that are words only in lists ("er", "ed"): those
    # are read where the text is shown damaged, or never writes some ligature's letters.
    pieces = fragments | {run.decode() for run in runs & vocabulary.word_list_piece_bytes}
    pairs = _pairs_beside(text, pieces if lost else fragments, vocabulary)
    shown = {pair for _, _, pair in pairs if pair[2] or pair[1] in lost}
    if len(shown) < min_words:
        return []
    # Read again, each pair by the letters those joins show lost, or that the text never writes, where
    # that settles it ("li ed" is "lifted" beside "a er" and "commi ee", though "listed" is the commoner
    # word; "ma ers" is "matters" in a text without "tt"), and beside short common words that those
    # letters join to a word ("so ware"): the manner is shown, and a join must still make a word
    # commoner than a piece that prose writes alone.
    # Letters the text writes whole, a few times and far more often than pairs show them lost, are no glyph
    # its font lost ("li s" beside "informa on" and "a er" is "lifts", not the commoner "lists", where "st" is
    # written whole throughout).
    shown_by_letters = Counter(pair[1] for _, _, pair in pairs if pair in shown)  # occurrences
    written_whole = frozenset(letters for letters in vocabulary.ligatures if text.count(letters) >= max(
        _WRITTEN_WHOLE, _WHOLE_PER_SHOWN * shown_by_letters[letters] + 1))
    shown_letters = (frozenset(shown_by_letters) - written_whole) | lost
    halves = {run.decode() for run in runs & vocabulary.halves_bytes}
    common = {w for w in halves if len(w) <= 3 and shown_letters & (
        vocabulary.ligatures_after.get(w, _NO_LETTERS) | vocabulary.ligatures_before.get(w, _NO_LETTERS))}
    pairs = _pairs_beside(text, pieces | common, vocabulary, shown_letters, written_whole)
    return [(start, end, letters, fragment or letters in lost) for start, end, (_, letters, fragment) in pairs]


# How often a text must write a ligature's letters whole, and how many times as often as pairs show them
# lost (a loss rate under a fifth), before its font is taken to draw them: a page may mix fonts.
_WRITTEN_WHOLE = 3
_WHOLE_PER_SHOWN = 4

# Two words two spaces apart: one of them lost a ligature at its edge to a space.
# The piece that lost letters may be a compound's part or own something: " rst-choice", " rm's".
_TWO_SPACES = re.compile(rf"(?<![A-Za-z0-9'’])({_PIECE})  ({_PIECE})(?![A-Za-z0-9])(?!['’-](?![A-Za-z]))")
# A word that lost a ligature at its end before punctuation keeps the glyph's space: "Microso , a".
# Three letters or more: OCR leaves lone letters and pairs before punctuation ("o .", "te .").
_SPACE_BEFORE_MARK = re.compile(rf"(?<![A-Za-z0-9'’])([A-Za-z]{{3,}}) (?=[,.;:!?]|['’]s(?![A-Za-z0-9]))")


def _edge_joins(
    text: str, vocabulary: Vocabulary, context: ContextModel | None = None, lost: frozenset[str] = frozenset()
) -> list[tuple[int, int, str, bool]]:
    """Words that lost a ligature at their end or start to a space, beside their own space: "sta  replacing".

    The glyph's space and the space between the words make two; the letters go
    to the side where they make a common word, if one reading is clearly
    best. Each join spans the piece and the space that was the glyph, with
    whether the piece is no word alone (or its letters are ``lost``: never
    written where the text would write them). Clean prose has no two spaces
    between words, and the manner must show in other words of the text too.

    >>> v = Vocabulary({"staff": 4.8, "firm": 5.0, "replacing": 4.2, "the": 7.0, "stat": 3.5, "and": 7.0,
    ...                 "stand": 5.0, "guitarist": 3.4, "first": 6.0}, ["ff", "fi", "st"], 3.0)
    >>> text = "the sta  replacing the old ones at the  rm, a guitari  and a drummer, the  rst-choice pair of the year"
    >>> [(text[start:end], letters, piece_alone) for start, end, letters, piece_alone in _edge_joins(text, v)]
    [('sta ', 'ff', True), (' rm', 'fi', True), ('guitari ', 'st', True), (' rst', 'fi', True)]
    >>> _edge_joins("  ".join(text.split()), v)  # every word two spaces apart: layout
    []
    >>> text = "The firm, its sta , and the sta 's union met. They said so, and the firm, the staff, all agreed."
    >>> [text[start:end] for start, end, _, _ in _edge_joins(text, v)]
    ['sta ', 'sta ']
    """
    found: list[tuple[int, int, str, bool]] = []
    edges: list[re.Match[str]] = []
    # Most texts have neither; a text that sets words two spaces apart, or a space before its
    # punctuation ("said , and"), as a rule says nothing by it.
    if "  " in text and text.count("  ") <= _LAYOUT_DOUBLE_SPACES * text.count(" "):
        edges += _two_spaces(text)
    if any(map(text.__contains__, _SPACED_MARKS)) and _spaced_punctuation(text) <= _LAYOUT_DOUBLE_SPACES * sum(
            map(text.count, _PUNCTUATION)):
        edges += _spaces_before_marks(text)
    plainly_written = _plainly_written(text, vocabulary) if edges else frozenset()
    for m in edges:
        left, right = m.group(1), m.group(2) if m.re is _TWO_SPACES else ""
        # (the piece is no word alone, how common the word made, letters, the span): a piece that is
        # no word ("guitari  and") lost the letters rather than the word beside it.
        readings = []
        left_alone = _no_word_alone(left, vocabulary)
        for letters in vocabulary.ligatures:
            if left.islower() or left.istitle():
                # A piece that is no word may end with the ligature's first letters, kept: "staf  said".
                word = _joined(left.lower(), "", letters, vocabulary, left_alone)
                readings.append((left_alone, vocabulary.zipf(word), word, letters, m.start(1), m.end(1) + 1))
            if right.islower():
                word = letters + right
                readings.append((_no_word_alone(right, vocabulary), vocabulary.zipf(word), word, letters,
                                 m.start(2) - 1, m.end(2)))
        if not readings:
            continue
        # Letters the text writes whole about as often as prose does are no glyph its font lost: "li  the"
        # is "lift" where "st" stands whole throughout, though "list" is the commoner word.
        readings = [reading for reading in readings if reading[3] not in plainly_written]
        piece_alone = any(alone for alone, *_ in readings)
        options = [_Option(zipf, word, letters, start, end)
                   for alone, zipf, word, letters, start, end in readings if alone == piece_alone]
        chosen = _clear_choice(text, options, context)
        # A word that lost letters is rarer than the word they make: "Monday  let" is no "filet".
        # (An option's span is its piece and the space that was the glyph.)
        if chosen is not None and chosen[0].zipf >= vocabulary.min_zipf and (
                piece_alone
                or chosen[0].zipf > vocabulary.zipf(text[chosen[0].start : chosen[0].end].strip().lower())
                - _RARER_WORD_MARGIN):
            option = chosen[0]
            found.append((option.start, option.end, option.payload, piece_alone or option.payload in lost))
    return found


@lru_cache(maxsize=1 << 16)  # a text's unknown words recur from text to text
def _ends_kept(piece: str, vocabulary: Vocabulary) -> bool:
    """Whether ``piece`` ends with all of a ligature's letters, after a start that known words have before them.

    >>> v = Vocabulary({"difficult": 5.0, "significant": 5.0}, ["ffi", "fi"], 3.0)
    >>> [_ends_kept(p, v) for p in ("diffi", "signifi", "cult", "fi")]
    [True, True, False, False]
    """
    return any(piece.endswith(letters) and len(piece) > len(letters)
               and letters in vocabulary.ligatures_after.get(piece[: -len(letters)], _NO_LETTERS)
               for letters in vocabulary.ligatures)


def _plainly_written(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """Ligatures' letters that ``text`` writes whole ``_WRITTEN_WHOLE`` times or more, and at least
    ``_PLAIN_SHARE`` of the times prose of its length would: a font that lost them loses more.

    >>> v = Vocabulary({"the": 6.0, "staff": 6.0, "first": 6.0}, ["ff", "st", "fi"], 3.0)
    >>> sorted(_plainly_written("the staff and the first staff, the last staff " * 4, v))
    ['ff', 'st']
    """
    return frozenset(
        letters for letters in vocabulary.ligatures
        if text.count(letters) >= max(_WRITTEN_WHOLE, _PLAIN_SHARE * vocabulary.letters_per_character[letters] * len(text))
    )


# The share of the times prose would write a ligature's letters that a text must write them whole to be
# taken to draw them: a page that mixes fonts writes a few whole in the font that keeps them.
_PLAIN_SHARE = 0.5


# The share of a text's spaces that stand in pairs beyond which pairs are its layout (justified or
# monospaced text), not glyphs lost at a word's edge, which leave one pair in tens of words.
_LAYOUT_DOUBLE_SPACES = 0.2

# How much commoner (Zipf) a word beside two spaces may be than the word a ligature at its edge makes:
# "be  selling" is "best", "Monday  let" no "filet".
_RARER_WORD_MARGIN = 1.0


def _two_spaces(text: str) -> Iterator[re.Match[str]]:
    """``_TWO_SPACES.finditer(text)``, found from the double spaces: a search from every letter is slower.

    >>> [m.group() for m in _two_spaces("a  b  c, the   end, x  y")]
    ['a  b', 'x  y']
    """
    return matches_from(_TWO_SPACES, text, (word_start(text, space) for space in _double_spaces(text)))


def _spaces_before_marks(text: str) -> Iterator[re.Match[str]]:
    """``_SPACE_BEFORE_MARK.finditer(text)``, found from the spaces before punctuation.

    >>> [m.group(1) for m in _spaces_before_marks("the sta , the Microso 's deal, a b . c")]
    ['sta', 'Microso']
    """
    spaces = (m.start() for m in _SPACE_THEN_MARK.finditer(text))
    return matches_from(_SPACE_BEFORE_MARK, text, (word_start(text, space) for space in spaces))


# What a word that lost a ligature at its end may stand before, its glyph's space between; the
# punctuation alone, for how often a text spaces it as a rule.
_PUNCTUATION = (",", ".", ";", ":")
_SPACED_MARKS = tuple(" " + mark for mark in (*_PUNCTUATION, "!", "?", "'s", "’s"))
_SPACE_THEN_MARK = re.compile("|".join(map(re.escape, _SPACED_MARKS)))


def _spaced_punctuation(text: str) -> int:
    """How often ``text`` sets a space before a comma, full stop, semicolon or colon."""
    return sum(text.count(" " + mark) for mark in _PUNCTUATION)


def _double_spaces(text: str) -> Iterator[int]:
    """Where two spaces stand together, each place once (three spaces are two places)."""
    space = text.find("  ")
    while space >= 0:
        yield space
        space = text.find("  ", space + 1)


def _pairs_beside(text: str, pieces: AbstractSet[str], vocabulary: Vocabulary,
                  shown: frozenset[str] = frozenset(), written_whole: frozenset[str] = frozenset(),
                  ) -> list[tuple[int, int, tuple[str, str, bool]]]:
    """Joins of each of ``pieces`` with the plain word right before or after it, space between
    (read as :func:`_joins` reads them, with the letters ``shown`` lost elsewhere and those ``written_whole``).

    The pieces are found by one search for them alone, and only their
    neighbours are read: a long text is not split into words for a few pieces.

    >>> v = Vocabulary({"better": 5.0, "be": 6.8, "er": 4.2}, ["tt", "ft"], 3.0)
    >>> _pairs_beside("It was be er, don't be er-like.", {"er"}, v)
    [(7, 12, ('be er', 'tt', False))]
    """
    if not pieces:
        return []
    pairs: dict[int, tuple[int, str, str]] = {}  # by the left word's start: a pair once, in text order
    for m in pieces_alone(text, pieces):
        word = m.group()
        if word in pieces:  # as the right word, written as the piece is
            begin = _plain_word_before(text, m.start())
            if begin is not None:
                pairs[begin] = (m.end(), text[begin : m.start() - 1], word)
        if word.lower() in pieces:  # as the left word, in any case
            stop = _plain_word_after(text, m.end())
            if stop is not None:
                pairs[m.start()] = (stop, word, text[m.end() + 1 : stop])
    found = []
    for start in sorted(pairs):
        end, left, right = pairs[start]
        for _, letters, fragment in _joins([left, right], vocabulary, shown, written_whole):
            found.append((start, end, (f"{left} {right}".lower(), letters, fragment)))
    return found


def pieces_alone(text: str, pieces: AbstractSet[str]) -> Iterator[re.Match[str]]:
    """Where each of ``pieces`` (runs of lowercase ASCII letters) stands alone in ``text``, in any ASCII case.

    Each block is read in bytes, its letters folded to lowercase and all that
    may touch a word but letters made one mark, so that C searches find each
    piece between two spaces; only the places found are looked at in Python.

    >>> [m.group() for m in pieces_alone("Er, be er and ber-er, o'er", {"er"})]
    ['Er', 'er']
    >>> [m.group() for m in pieces_alone("Er, «be» er and o’er, « er", {"er"})]
    ['Er', 'er', 'er']
    """
    wanted = [b" " + piece.encode() + b" " for piece in pieces]
    for start, end in line_blocks(text):
        # "’" is an apostrophe, as "'" is: one character either way, so the block's positions stay.
        encoded = text[start:end].replace("’", "'").encode("utf-8", "surrogatepass")
        folded = b" " + encoded.translate(_FOLDED_WORDS) + b" "
        places = []  # where a piece starts, in the block's bytes
        for piece in wanted:
            at = folded.find(piece)
            while at >= 0:
                places.append(at)  # the space before the piece is folded's extra first byte
                at = folded.find(piece, at + len(piece) - 1)  # the space after may open the next one
        places.sort()
        if len(encoded) != end - start:  # characters beyond ASCII: byte offsets are no positions
            places = list(_characters_before(encoded, places))
        yield from matches_from(PLAIN_WORD, text, (start + place for place in places))


def _characters_before(encoded: bytes, places: list[int]) -> Iterator[int]:
    """How many characters of UTF-8 ``encoded`` stand before each of ``places`` (ascending byte offsets at
    a character's start), decoding only up to each place from the last.

    >>> list(_characters_before("a é b".encode(), [0, 2, 5]))
    [0, 2, 4]
    """
    characters, last = 0, 0
    for place in places:
        characters += len(encoded[last:place].decode("utf-8", "surrogatepass"))
        last = place
        yield characters


# ASCII letters folded to lowercase, and what makes a run of them part of a bigger token (digits,
# apostrophes, hyphens) "#"; all else a space, each byte of a character beyond ASCII too.
_FOLDED_WORDS = bytes(
    b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 else 0x23 if b in b"0123456789'-" else 0x20 for b in range(256)
)


def _plain_word_before(text: str, start: int) -> int | None:
    """Where the plain word that ends one space before ``start`` begins, if there is one."""
    if start < 2 or text[start - 1] != " ":
        return None
    begin = word_start(text, start - 1)
    if begin == start - 1 or (begin > 0 and text[begin - 1] in _TOKEN_CHARACTERS):
        return None
    return begin


def _plain_word_after(text: str, end: int) -> int | None:
    """Where the plain word that starts one space after ``end`` ends, if there is one."""
    if end + 1 >= len(text) or text[end] != " ":
        return None
    stop = end + 1
    while stop < len(text) and text[stop] in ASCII_LETTERS:
        stop += 1
    if stop == end + 1 or (stop < len(text) and text[stop] in _TOKEN_CHARACTERS):
        return None
    return stop


_TOKEN_CHARACTERS = ASCII_LETTERS | frozenset("0123456789'’-")
_LETTERS_DIGITS = ASCII_LETTERS | frozenset("0123456789")


def _joins(
    pieces: list[str], vocabulary: Vocabulary, shown: frozenset[str] = frozenset(),
    written_whole: frozenset[str] = frozenset(),
) -> list[tuple[int, str, bool]]:
    """Each pair of neighbouring ``pieces`` that one ligature joins.

    Each join is (the left one's index, the letters, a piece is a fragment).

    A pair is joined by the one reading whose letters the text is ``shown`` to lose elsewhere, or
    else by the one reading far commoner than the rest, unless the text writes its letters
    whole (``written_whole``): a font loses some ligatures, not all.

    >>> v = Vocabulary({"listed": 5.3, "lifted": 4.1, "li": 3.6, "ed": 3.9}, ["ft", "st"], 3.0)
    >>> _joins(["li", "ed"], v), _joins(["li", "ed"], v, frozenset({"ft", "tt"}))
    ([(0, 'st', False)], [(0, 'ft', False)])
    >>> _joins(["h", "p"], Vocabulary({"http": 4.8, "h": 5.1, "p": 5.1}, ["ft", "tt"], 3.0))
    [(0, 'tt', True)]
    >>> _joins(["li", "ed"], v, written_whole=frozenset({"st"}))
    []
    """
    found = []
    for index, (left, right) in enumerate(zip(pieces, pieces[1:])):
        if not right.islower():
            continue
        # Most pairs make no known word with any ligature: a few lookups say so before ten.
        if _ligatures_after(left.lower(), vocabulary).isdisjoint(vocabulary.ligatures_before.get(right, _NO_LETTERS)):
            continue
        # Each word once, by the fewest letters that make it: "traf c" is "traffic" with "fi", or with "ffi"
        # after its first "f" kept. Kept letters are asked about only where ``left`` ends with one.
        kept_possible = left[-1:].lower() in vocabulary.ligature_letter_set and _kept_possible(left, right, vocabulary)
        by_word: dict[str, str] = {}
        for letters in _shortest_first(vocabulary.ligatures):
            by_word.setdefault(_joined(left, right, letters, vocabulary, kept_possible).lower(), letters)
        joins = sorted(((vocabulary.zipf(word), letters) for word, letters in by_word.items()), reverse=True)
        # Only readings more common than the rarer piece: "in a" is no "insta". Two lone letters, or
        # pieces like "li" and "ed", are common in word lists, yet no words of prose ("h p" is "http").
        rarer_piece = 0.0 if _short_piece(left, vocabulary) and _short_piece(right, vocabulary) else min(
            vocabulary.zipf(left.lower()), vocabulary.zipf(right))
        readings = [(zipf, letters) for zipf, letters in joins if zipf >= max(vocabulary.min_zipf, rarer_piece)]
        by_shown = [letters for _, letters in readings if letters in shown]
        if len(by_shown) == 1:
            letters = by_shown[0]
        elif readings and readings[0] == joins[0] and (len(joins) == 1 or joins[0][0] - joins[1][0] >= 1.0) and (
                readings[0][1] not in written_whole):
            letters = readings[0][1]
        else:
            continue
        found.append((index, letters, any(_no_word_alone(p, vocabulary) for p in (left, right))))
    return found


_NO_LETTERS: frozenset[str] = frozenset()


@lru_cache(maxsize=1 << 16)  # pieces beside fragments repeat from text to text
def _ligatures_after(piece: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The ligatures a known word holds right after ``piece``, or after ``piece`` but for the ligature's first
    letters where it ends with them ("dif" in "dif erent": "ff" after "di", its first "f" kept), or is
    them ("f" in "f rst": "fi" opening the word, its "f" kept).

    >>> v = Vocabulary({"different": 5.0, "difficult": 5.0, "first": 6.0}, ["ff", "fi", "ffi"], 3.0)
    >>> sorted(_ligatures_after("dif", v)), sorted(_ligatures_after("f", v))
    (['ff', 'ffi', 'fi'], ['fi'])
    """
    found = vocabulary.ligatures_after.get(piece, _NO_LETTERS)
    for kept in range(1, min(len(piece), _LONGEST_LIGATURE) + 1):
        found = found | {letters for letters in vocabulary.ligatures_after.get(piece[:-kept], _NO_LETTERS)
                         if len(letters) >= kept and letters[:kept] == piece[-kept:]}
    return found


# No ligature of the table is longer ("ffi", "ffl").
_LONGEST_LIGATURE = 3


@lru_cache(maxsize=4)
def _shortest_first(ligatures: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(ligatures, key=len))


def _kept_possible(left: str, right: str, vocabulary: Vocabulary) -> bool:
    """Whether a piece of ``left right`` is no word alone: only then may ``left`` hold a ligature's first letters."""
    return any(_no_word_alone(piece, vocabulary) for piece in (left, right) if piece)


def _joined(left: str, right: str, letters: str, vocabulary: Vocabulary, kept_possible: bool) -> str:
    """:func:`_joined_at_space` of ``left right``, with :func:`_kept_possible` worked out."""
    if not kept_possible or left[-1:].lower() not in letters:  # no letters of the ligature end ``left``
        return left + letters + right
    readings = [left[: len(left) - kept] + letters + right for kept in range(len(letters) + 1)
                if not kept or left.lower().endswith(letters[:kept])]
    return max(readings, key=lambda word: vocabulary.zipf(word.lower()))


def _joined_at_space(pieces: str, letters: str, vocabulary: Vocabulary) -> str:
    """``pieces`` with ``letters`` in their first space; or, where the piece before it ends with the
    ligature's first letters or all of them (a font that kept them: "dif erent", "af ect", "Pfi zer") and a
    piece is no word alone, with the rest of them: whichever makes the commoner word.

    >>> v = Vocabulary({"different": 5.0, "affect": 4.5, "better": 5.0, "act": 5.0, "on": 7.0, "action": 5.5},
    ...                ["ff", "tt", "ti"], 3.0)
    >>> [_joined_at_space(p, l, v) for p, l in (("dif erent", "ff"), ("af ect", "ff"), ("be er", "tt"), ("sta ", "ff"))]
    ['different', 'affect', 'better', 'staff']
    >>> _joined_at_space("act on", "ti", v), _joined_at_space("diff erent", "ff", v)
    ('acttion', 'different')
    """
    left, _, right = pieces.partition(" ")
    return _joined(left, right, letters, vocabulary, _kept_possible(left, right, vocabulary))


def _short_piece(piece: str, vocabulary: Vocabulary) -> bool:
    """A lone letter, or a short lowercase piece that word lists hold and prose rarely writes alone ("er", "li").

    >>> v = Vocabulary({"li": 4.2, "ed": 4.8, "in": 7.3, "a": 7.4, "o": 5.1, "je": 4.0}, [], 3.0)
    >>> [_short_piece(p, v) for p in ("li", "ed", "o", "in", "a", "Je")]
    [True, True, True, False, False, False]
    """
    return _is_fragment(piece) or piece.islower() and _word_list_piece(piece, vocabulary)


def _word_list_piece(piece: str, vocabulary: Vocabulary) -> bool:
    """Three letters or fewer, rarer than any short word of prose: "er", "ed", "li"."""
    return len(piece) <= 3 and vocabulary.zipf(piece.lower()) < _COMMON_PIECE_ZIPF


def _is_fragment(piece: str) -> bool:
    """A lone letter other than "a" and "I": no word in prose, a piece of one.

    >>> [_is_fragment(p) for p in ("e", "o", "a", "I", "er")]
    [True, True, False, False, False]
    """
    return len(piece) == 1 and piece not in "aAI"


def _no_word_alone(piece: str, vocabulary: Vocabulary) -> bool:
    """A piece prose never writes as a word: rare, a lone letter, or letters without a vowel ("rm", "ts").

    Word lists count "rm" and "ts" (commands, abbreviations); in lowercase prose they are pieces of words.

    >>> v = Vocabulary({"rm": 3.7, "ts": 3.6, "er": 4.2, "pro": 5.3, "o": 5.1}, [], 3.0)
    >>> [_no_word_alone(p, v) for p in ("rm", "ts", "o", "empt", "er", "pro")]
    [True, True, True, True, False, False]
    """
    return vocabulary.zipf(piece.lower()) < _PROSE_WORD_ZIPF or _is_fragment(piece) or _VOWEL.search(piece) is None


def _match_case(token: str, word: str) -> str:
    if token[:1].isupper() and token[1:2].isupper():
        return word.upper()
    if token[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def not_a_word(token: str, vocabulary: Vocabulary) -> bool:
    """No word as written: rare, or a capital or digit after a lowercase letter ("paM", "o7er"); names aside.

    >>> [not_a_word(t, Vocabulary({"pam": 4.0}, [], 3.0)) for t in ("paM", "pam", "o7er", "Blunket")]
    [True, False, True, False]
    """
    if GLYPH_AFTER_LOWERCASE.search(token):
        return True
    return vocabulary.zipf(token.lower()) < vocabulary.min_zipf and not token.istitle()


#: A capital or digit right after a lowercase letter: a glyph where a letter should be.
GLYPH_AFTER_LOWERCASE = re.compile(r"[a-z][A-Z0-9]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")


# In bytes, a C table finds a text's words of lowercase letters alone: letters, digits, hyphens,
# apostrophes and non-ASCII bytes next to a run make it part of a longer word, and become "#".
_JOINERS = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'-") | set(range(128, 256))
_LOWERCASE_RUNS_MARKED = bytes(b if 97 <= b <= 122 else 0x23 if b in _JOINERS else 0x20 for b in range(256))


def lowercase_runs(text: str) -> frozenset[bytes]:
    """The text's words of lowercase letters alone, in bytes, by C passes: found once for every reading.

    Passed on, not cached: a cache would hold a long text after its filter is done.

    >>> sorted(lowercase_runs("the e-mail, Don's café and o cials"))
    [b'and', b'cials', b'o', b'the']
    """
    runs: set[bytes] = set()
    for words in byte_words(text, _LOWERCASE_RUNS_MARKED):
        runs.update(words)
    return frozenset(filter(bytes.isalpha, runs))  # a run beside a joiner holds "#"


def unknown_runs(runs: frozenset[bytes], vocabulary: Vocabulary) -> frozenset[bytes]:
    """The text's words of lowercase letters alone (its :func:`lowercase_runs`) that ``vocabulary`` does not know.

    >>> sorted(unknown_runs(lowercase_runs("the o cials met"), Vocabulary({"the": 7.0, "met": 5.0}, ["ffi"], 3.0)))
    [b'cials', b'o']
    """
    return runs - vocabulary.known_bytes


def may_hold_placeholder(text: str) -> bool:
    """A quick test before the placeholder search: a CID, a glyph name, U+FFFD or a private-use character.

    In UTF-8 every character from U+E000 up starts with byte EE or EF.

    >>> may_hold_placeholder("o(cid:27)cials"), may_hold_placeholder("officials, café")
    (True, False)
    """
    if "(cid:" in text or "/uni" in text:
        return True
    data = text.encode("utf-8", "surrogatepass")
    return b"\xee" in data or b"\xef" in data
