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
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from cleanwire.sentences import opens_sentence
from cleanwire.words import PLAIN_WORD

#: What extractors write for a glyph they cannot map: a CID, a glyph name, U+FFFD, a private-use character.
PLACEHOLDER = re.compile(r"\(cid:\d+\)|/uni[0-9A-Fa-f]{4}|[\ufffd\ue000-\uf8ff]")
_WORD_WITH_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[A-Za-z]*(?:(?:\(cid:\d+\)|/uni[0-9A-Fa-f]{4}|[\ufffd\ue000-\uf8ff])[A-Za-z]*)+(?![A-Za-z])"
)
_PIECE = r"[A-Za-z]+"
# "er", "ed": pieces of words that word lists hold, rarer than any short word of prose.
_COMMON_PIECE_ZIPF = 5.0



class Vocabulary:
    """The words a repair may give, and the ligatures whose letters it may restore, with lookups in bulk.

    ``heads`` and ``tails`` are what a known word holds before and after one
    of the ligatures: a piece no word starts or ends so is no half of a split.

    >>> v = Vocabulary({"after": 6.1, "often": 5.0, "aster": 2.0}, ["ft"], min_zipf=3.0)
    >>> v.zipf("after"), "aster" in v.known, "a" in v.heads, "er" in v.tails, "ast" in v.heads
    (6.1, False, True, True, False)
    """

    def __init__(self, frequencies: Mapping[str, float], ligatures: Sequence[str], min_zipf: float) -> None:
        self._frequencies = frequencies
        self.ligatures = tuple(ligatures)
        self.min_zipf = min_zipf
        self.known = frozenset(word for word, value in frequencies.items() if value >= min_zipf)
        heads: set[str] = set()
        tails: set[str] = set()
        for word in self.known:
            for letters in self.ligatures:
                at = word.find(letters)
                while at >= 0:
                    heads.add(word[:at])
                    tails.add(word[at + len(letters) :])
                    at = word.find(letters, at + 1)
        self.heads = frozenset(heads)
        self.tails = frozenset(tails)
        # The same in bytes, for set operations on a text's runs of lowercase letters (no decoding).
        self.known_bytes = frozenset(word.encode() for word in self.known if word.isascii())
        self.halves_bytes = frozenset(piece.encode() for piece in heads | tails if piece.isascii())
        self.ligature_bytes = frozenset(letters.encode() for letters in self.ligatures)

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


def placeholder_repairs(text: str, vocabulary: Vocabulary, consistent_share: float = 0.8) -> list[Repair]:
    """Words holding placeholders, each with the letters its placeholders stand for.

    >>> v = Vocabulary({"officials": 4.5, "confirmed": 4.6, "first": 6.0}, ["ffi", "fi"], 3.0)
    >>> text = "o(cid:9)cials said, and con(cid:3)rmed: the (cid:3)rst o(cid:9)cials"
    >>> [r.after for r in placeholder_repairs(text, v)]
    ['officials', 'confirmed', 'first', 'officials']
    """
    words = list(_WORD_WITH_PLACEHOLDER.finditer(text))
    if not words:
        return []
    readings = {m.group(): _readings(m.group(), vocabulary) for m in words}
    # For each placeholder, which letters the words holding it read as: one map per font.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for word, found in readings.items():
        if len(found) == 1:
            for placeholder, letters in found[0][1]:
                votes[placeholder][letters] += 1
    mapped = {
        placeholder: count.most_common(1)[0][0]
        for placeholder, count in votes.items()
        if count.most_common(1)[0][1] >= 2 and count.most_common(1)[0][1] >= consistent_share * sum(count.values())
    }
    repairs = []
    for match in words:
        word = match.group()
        placeholders = PLACEHOLDER.findall(word)
        if all(p in mapped for p in placeholders):
            after = PLACEHOLDER.sub(lambda m: mapped[m.group()], word)
            letters = "+".join(dict.fromkeys(mapped[p] for p in placeholders))
            reason = f"this text writes {', '.join(f'{p!r} for {mapped[p]!r}' for p in dict.fromkeys(placeholders))}"
        elif len(readings[word]) == 1 or (
            len(readings[word]) > 1 and readings[word][0][0] - readings[word][1][0] >= 1.0
        ):
            _, choice = readings[word][0]
            after = _fill(word, dict(choice))
            letters = "+".join(dict.fromkeys(l for _, l in choice))
            reason = f"{after!r} is the one common word the placeholder can stand for here"
        else:
            continue
        repairs.append(Repair(match.start(), match.end(), _match_case(word, after), letters,
                              f"{word!r} holds a glyph the extractor could not map; {reason}"))
    return repairs


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
        value = vocabulary.zipf(_fill(word, filling).lower())
        if value >= vocabulary.min_zipf:
            found.append((value, tuple(filling.items())))
    return sorted(found, reverse=True)


def _fill(word: str, filling: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: filling.get(m.group(), m.group()), word)


def spaced_repairs(text: str, vocabulary: Vocabulary, min_words: int) -> list[Repair]:
    """Words split around a ligature's letters set apart ("o ffi cials") or a space in their place ("be er").

    >>> words = {"officials": 4.5, "first": 6.0, "staff": 4.8, "better": 5.0, "effect": 4.8, "be": 6.8, "er": 4.2}
    >>> v = Vocabulary(words, ["ffi", "ff", "fi", "tt"], 3.0)
    >>> [r.after for r in spaced_repairs("the o ffi cials said the fi rst sta ff", v, 2)]
    ['officials', 'first', 'staff']
    >>> [r.after for r in spaced_repairs("the e ect was be er for o cials", v, 2)]
    ['effect', 'better', 'officials']
    """
    repairs = []
    for manner, joins in (("set apart", _set_apart_joins(text, vocabulary)),
                          ("a space", _space_joins(text, vocabulary, min_words))):
        # A font's glyphs are all lost one way: evidence of the manner counts over every ligature.
        shown = len({text[start:end].lower() for start, end, _, evidence in joins if evidence})
        if shown < min_words:
            continue
        for start, end, letters, _ in joins:
            before = text[start:end]
            after = before.replace(" ", "") if manner == "set apart" else before.replace(" ", letters, 1)
            repairs.append(Repair(start, end, _match_case(before, after), letters,
                                  f"{before!r} is split where a {letters!r} glyph was, its letters {manner}; "
                                  f"this text shows that in {shown} words"))
    return sorted(repairs, key=lambda r: r.start)


def _set_apart_joins(text: str, vocabulary: Vocabulary) -> list[tuple[int, int, str, bool]]:
    """Spans "o ffi cials", "fi rst", "sta ff" that join into a common word, with whether a piece is no word."""
    if _lowercase_runs(text).isdisjoint(vocabulary.ligature_bytes):
        return []  # no ligature's letters standing alone: most texts
    alternatives = "|".join(sorted(vocabulary.ligatures, key=len, reverse=True))
    pattern = re.compile(rf"(?<![A-Za-z0-9-])(?:({_PIECE}) )?({alternatives})(?: ({_PIECE}))?(?![A-Za-z0-9-])")
    found = []
    for m in pattern.finditer(text):
        left, letters, right = m.group(1) or "", m.group(2), m.group(3) or ""
        for start, end, joined in (
            (m.start(), m.end(), left + letters + right),
            (m.start(2), m.end(), letters + right),
            (m.start(), m.end(2), left + letters),
        ):
            if (start, end) != (m.start(2), m.end(2)) and vocabulary.zipf(joined.lower()) >= vocabulary.min_zipf:
                pieces = [p for p in (left, right) if p and p in text[start:end]]
                found.append((start, end, letters, any(_no_word_alone(p, vocabulary) for p in pieces)))
                break
    return found


def _space_joins(text: str, vocabulary: Vocabulary, min_words: int) -> list[tuple[int, int, str, bool]]:
    """Pairs "o cials", "be er" that one ligature's letters in the space join into a common word.

    Two common words ("be er") are joined only on the evidence of other pairs:
    at least ``min_words`` different joins with a fragment ("cials", "e") for a
    piece. Clean text has no lowercase fragments, or a few, and costs set
    operations and a look at the words beside each fragment.
    """
    runs = _lowercase_runs(text)
    # Only pieces a known word starts or ends with next to a ligature's letters: "cials", "er", not "ebullient".
    fragments = {run.decode() for run in (_unknown_runs(text, vocabulary) | (runs & _LONE_LETTERS))
                 & vocabulary.halves_bytes}
    fragments = {w for w in fragments if w not in vocabulary.known or _is_fragment(w)}
    if not fragments:
        return []
    shown = {pair for _, _, pair in _pairs_beside(text, fragments, vocabulary) if pair[2]}
    if len(shown) < min_words:
        return []
    # A damaged text: pairs beside fragments and short pieces that are words only in lists ("er", "ed").
    halves = {run.decode() for run in runs & vocabulary.halves_bytes}
    pieces = fragments | {w for w in halves if len(w) <= 3 and vocabulary.zipf(w) < _COMMON_PIECE_ZIPF}
    return [(start, end, letters, fragment)
            for start, end, (_, letters, fragment) in _pairs_beside(text, pieces, vocabulary)]


def _pairs_beside(text: str, pieces: AbstractSet[str],
                  vocabulary: Vocabulary) -> list[tuple[int, int, tuple[str, str, bool]]]:
    """Joins of each of ``pieces`` with the word before or after it, in one pass over the text's words."""
    found = []
    words = PLAIN_WORD.findall(text)
    spans = [m.span() for m in PLAIN_WORD.finditer(text)] if not pieces.isdisjoint(words) else []
    for index in range(len(spans) - 1):
        (start, middle), (after, end) = spans[index], spans[index + 1]
        if after - middle != 1 or text[middle] != " ":
            continue
        left, right = words[index], words[index + 1]
        if right in pieces or left.lower() in pieces:
            for _, letters, fragment in _joins([left, right], vocabulary):
                found.append((start, end, (f"{left} {right}".lower(), letters, fragment)))
    return found


def _joins(pieces: list[str], vocabulary: Vocabulary) -> list[tuple[int, str, bool]]:
    """Each pair of neighbouring ``pieces`` that one ligature joins: (the left one's index, the letters, a piece is a fragment)."""
    found = []
    for index, (left, right) in enumerate(zip(pieces, pieces[1:])):
        if not right.islower():
            continue
        joins = sorted(((vocabulary.zipf((left + letters + right).lower()), letters) for letters in vocabulary.ligatures), reverse=True)
        (best, letters), runner_up = joins[0], joins[1][0]
        rarer_piece = min(vocabulary.zipf(left.lower()), vocabulary.zipf(right))
        # Clearly one reading, more common than the rarer piece: "in a" is no "insta".
        if best >= max(vocabulary.min_zipf, rarer_piece) and best - runner_up >= 1.0:
            found.append((index, letters, rarer_piece < vocabulary.min_zipf or any(_is_fragment(p) for p in (left, right))))
    return found


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
    return vocabulary.zipf(piece.lower()) < vocabulary.min_zipf or _is_fragment(piece) or _VOWEL.search(piece) is None


def _match_case(token: str, word: str) -> str:
    if token[:1].isupper() and token[1:2].isupper():
        return word.upper()
    if token[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _not_a_word(token: str, vocabulary: Vocabulary) -> bool:
    """No word as written: rare, or a capital or digit after a lowercase letter ("paM", "o7er"); names aside.

    >>> [_not_a_word(t, Vocabulary({"pam": 4.0}, [], 3.0)) for t in ("paM", "pam", "o7er", "Blunket")]
    [True, False, True, False]
    """
    if _GLYPH_AFTER_LOWERCASE.search(token):
        return True
    return vocabulary.zipf(token.lower()) < vocabulary.min_zipf and not token.istitle()


_LOWERCASE_GLYPH_SHARE = 0.25
# Longer than any word a repair could give: each position of a token is tried, so this bounds the cost.
_LONGEST_WORD = 40
_GLYPH_AFTER_LOWERCASE = re.compile(r"[a-z][A-Z0-9]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _words_with_glyph_inside(text: str) -> set[str]:
    """Words of letters and digits with a capital or digit after a lowercase letter ("beMer", "o7er").

    >>> sorted(_words_with_glyph_inside("a beMer o7er, iPhone and 20th"))
    ['beMer', 'iPhone', 'o7er']
    """
    if b"aA" not in text.encode("utf-8", "surrogatepass").translate(_CASE_SHAPES):
        return set()  # most texts: two C passes and no regex
    found = set()
    for m in _GLYPH_AFTER_LOWERCASE.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in _ALNUM:
            start -= 1
        while end < len(text) and text[end] in _ALNUM:
            end += 1
        found.add(text[start:end])
    return found


# In bytes, a C table finds a text's words of lowercase letters alone: letters, digits, hyphens,
# apostrophes and non-ASCII bytes next to a run make it part of a longer word, and become "#".
_JOINERS = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'-") | set(range(128, 256))
_LOWERCASE_RUNS_MARKED = bytes(b if 97 <= b <= 122 else 0x23 if b in _JOINERS else 0x20 for b in range(256))
# Lowercase letters as "a", capitals and digits as "A": a glyph inside a word shows as "aA".
_CASE_SHAPES = bytes(
    0x61 if 97 <= b <= 122 else 0x41 if 65 <= b <= 90 or 48 <= b <= 57 else 0x20 for b in range(256)
)
_LONE_LETTERS = frozenset(bytes([b]) for b in b"bcdefghjklmnopqrstuvwxyz")


@lru_cache(maxsize=1)
def _lowercase_runs(text: str) -> frozenset[bytes]:
    """The text's words of lowercase letters alone, in bytes; found once, by C passes, for every reading.

    >>> sorted(_lowercase_runs("the e-mail, Don's café and o cials"))
    [b'and', b'cials', b'o', b'the']
    """
    runs = set(text.encode("utf-8", "surrogatepass").translate(_LOWERCASE_RUNS_MARKED).split())
    return frozenset(filter(bytes.isalpha, runs))  # a run beside a joiner holds "#"


@lru_cache(maxsize=1)
def _unknown_runs(text: str, vocabulary: Vocabulary) -> frozenset[bytes]:
    """The text's words of lowercase letters alone that ``vocabulary`` does not know, found once per text.

    >>> sorted(_unknown_runs("the o cials met", Vocabulary({"the": 7.0, "met": 5.0}, ["ffi"], 3.0)))
    [b'cials', b'o']
    """
    return _lowercase_runs(text) - vocabulary.known_bytes


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
# A run of letters and digits with a lowercase letter in it: where a wrong glyph hides ("beMer", "o7er").
_MIXED_TOKEN = re.compile(r"(?<![A-Za-z0-9'’])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{2,}(?![A-Za-z0-9'’])")


def _glyph_map(votes: Mapping[tuple[str, str], set[str]], min_words: int, nonwords: int) -> dict[str, tuple[int, str]]:
    """Each glyph the text shows for a ligature → (how many non-words it explains, the ligature's letters).

    A capital or digit inside a word is no typo: ``min_words`` different
    words make it a glyph. A lowercase letter may be a typo or OCR noise, so
    it must explain two more, and a good share of the text's non-words. Once
    one glyph is found, the text is known to lose its ligatures to wrong
    glyphs, and the rest of its font's map needs less: one word for a capital
    or digit, ``min_words`` for a lowercase letter. A glyph stands for one
    ligature, a ligature has one glyph, and a word explained by one glyph is
    no evidence of another; a glyph whose words two ligatures explain alike is left.

    >>> votes = {("M", "tt"): {"beMer", "seMing"}, ("w", "ffi"): {"owce", "diwcult"}, ("7", "ff"): {"o7er"}}
    >>> sorted(_glyph_map(votes, 2, 6).items())
    [('7', (1, 'ff')), ('M', (2, 'tt')), ('w', (2, 'ffi'))]
    >>> _glyph_map({("7", "ff"): {"o7er"}, ("w", "ffi"): {"owce", "diwcult"}}, 2, 6)
    {}
    """
    def strong(glyph: str, shown: int) -> bool:
        if glyph.islower():
            return shown >= min_words + 2 and shown >= _LOWERCASE_GLYPH_SHARE * nonwords
        return shown >= min_words

    def weak(glyph: str, shown: int) -> bool:
        return shown >= (min_words if glyph.islower() else 1)

    found: dict[str, tuple[int, str]] = {}
    explained: set[str] = set()
    for test in (strong, weak):
        if test is weak and not found:
            break
        ranked = sorted(((len(shown - explained), glyph, letters) for (glyph, letters), shown in votes.items()
                         if glyph not in found), reverse=True)
        taken = {letters for _, letters in found.values()}
        for count, glyph, letters in ranked:
            rivals = [c for c, g, other in ranked if g == glyph and other != letters]
            if glyph in found or letters in taken or not test(glyph, count) or (rivals and rivals[0] == count):
                continue
            found[glyph] = (count, letters)
            taken.add(letters)
            explained |= votes[(glyph, letters)]
    return found


_MOST_GLYPHS_IN_A_WORD = 4


def _best_reading(token: str, glyph_map: Mapping[str, tuple[int, str]],
                  vocabulary: Vocabulary) -> tuple[str, tuple[str, ...]] | None:
    """The commonest known word ``token`` makes with some of its mapped glyphs read as their ligatures.

    >>> v = Vocabulary({"effectively": 4.5}, ["ff", "ct"], 3.0)
    >>> _best_reading("ezeuively", {"z": (3, "ff"), "u": (4, "ct")}, v)
    ('effectively', ('z', 'u'))
    """
    positions = [i for i, char in enumerate(token) if char in glyph_map][:_MOST_GLYPHS_IN_A_WORD]
    best: tuple[float, str, tuple[str, ...]] | None = None
    for subset in range(1, 1 << len(positions)):
        chosen = [i for bit, i in enumerate(positions) if subset >> bit & 1]
        candidate = "".join(glyph_map[char][1] if i in chosen else char for i, char in enumerate(token))
        zipf = vocabulary.zipf(candidate.lower())
        if zipf >= vocabulary.min_zipf and (best is None or zipf > best[0]):
            best = (zipf, candidate, tuple(dict.fromkeys(token[i] for i in chosen)))
    return None if best is None else (best[1], best[2])


def wrong_glyph_repairs(text: str, vocabulary: Vocabulary, min_words: int) -> list[Repair]:
    """Words where one character stands for a ligature all through the text ("beMer", "o7er", "diuerent").

    A character is read as a ligature's glyph when putting the ligature's
    letters in its place turns ``min_words`` different non-words of the text
    into common words, and no other ligature does so as often. Letters a
    ligature holds ("i" for "fi") are the ligature filter's: a kept letter.

    >>> v = Vocabulary({"better": 5.0, "setting": 4.5, "letters": 4.6, "offer": 4.8, "effect": 4.9}, ["ff", "tt"], 3.0)
    >>> text = "a beMer seMing for leMers; an o7er with e7ect"
    >>> [r.after for r in wrong_glyph_repairs(text, v, 2)]
    ['better', 'setting', 'letters', 'offer', 'effect']
    """
    # In bulk: lowercase words the vocabulary lacks, and words with a capital or digit inside.
    unknown = {run.decode() for run in _unknown_runs(text, vocabulary)}
    nonwords = unknown | _words_with_glyph_inside(text)
    votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for token in nonwords:
        if len(token) > _LONGEST_WORD:
            continue  # no word: a run of letters this long is a URL, a hash or a missing space
        lowered = token.lower()
        for i, glyph in enumerate(token):
            # Only where a known word has a ligature between these two pieces: two set lookups.
            if (i == 0 and glyph.isupper()) or lowered[:i] not in vocabulary.heads or lowered[i + 1 :] not in vocabulary.tails:
                continue
            for letters in vocabulary.ligatures:
                if glyph.lower() not in letters and vocabulary.zipf(lowered[:i] + letters + lowered[i + 1 :]) >= vocabulary.min_zipf:
                    votes[(glyph, letters)].add(token)
    glyph_map = _glyph_map(votes, min_words, len(nonwords))
    if not glyph_map:
        return []
    repairs = []
    for m in _MIXED_TOKEN.finditer(text):
        token = m.group()
        if len(token) > _LONGEST_WORD:
            continue
        # Names too ("Evewon"), where the text's glyph map makes a common word of them ("Xrst").
        if not (_not_a_word(token, vocabulary) or vocabulary.zipf(token.lower()) < vocabulary.min_zipf):
            continue
        best = _best_reading(token, glyph_map, vocabulary)
        if best is not None:
            candidate, used = best
            # A glyph in first place ("Xrst") says nothing of case: a capital only where a sentence opens.
            first_replaced = not candidate.startswith(token[0])
            capital = opens_sentence(text, m.start()) if first_replaced else token[0].isupper()
            after = candidate[0].upper() + candidate[1:].lower() if capital else candidate.lower()
            shown = ", ".join(f"{glyph!r} for {glyph_map[glyph][1]!r}" for glyph in used)
            repairs.append(Repair(m.start(), m.end(), after, "".join(glyph_map[g][1] for g in used),
                                  f"{token!r} has {shown}, as other words of this text do "
                                  f"({', '.join(str(glyph_map[g][0]) for g in used)})"))
    return repairs
