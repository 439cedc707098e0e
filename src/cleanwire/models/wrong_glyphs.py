"""A wrong glyph where a ligature was, the same one all through a document: "beMer", "o7er", "owce".

An extractor that maps a ligature glyph to the wrong character writes that
character wherever the font drew the ligature. Each document is read for its
own map (glyph → ligature): a character is read as a ligature's glyph where
putting the ligature's letters in its place turns several different
non-words of the text into common words, and no other ligature does so as often.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from itertools import product

from cleanwire.models.context import ContextModel
from cleanwire.models.glyphs import (
    GLYPH_AFTER_LOWERCASE,
    PLACEHOLDER,
    Repair,
    Vocabulary,
    context_around,
    lowercase_runs,
    not_a_word,
    unknown_runs,
)
from cleanwire.sentences import surely_opens_sentence
from cleanwire.words import in_one_case

_LOWERCASE_GLYPH_SHARE = 0.25
_CAPITAL_GLYPH_SHARE = 0.15
_NONE: frozenset[str] = frozenset()
# Longer than any word a repair could give: each position of a token is tried, so this bounds the cost.
_LONGEST_WORD = 40
# Symbols that no word of prose holds between lowercase letters, and that extractors write for an office
# font's ligature glyphs ("Educa&on", "pla[orm").
GLYPH_SYMBOLS = "&[]{}#$%*^|~@+=<>"
# Lowercase letters as "a", capitals and digits as "A", those symbols as "S", all else (non-ASCII bytes too) a space.
_CASE_SHAPES = bytes(
    0x61 if 97 <= b <= 122 else 0x41 if 65 <= b <= 90 or 48 <= b <= 57 else 0x53 if chr(b) in GLYPH_SYMBOLS
    else 0x20 for b in range(256)
)


def _words_with_glyph_inside(text: str) -> set[str]:
    """Words of letters and digits with a capital or digit after a lowercase letter ("beMer", "o7er"), or one
    of ``GLYPH_SYMBOLS`` between lowercase letters ("Educa&on").

    Found by C searches in the text's shapes, a look at each word found. A
    digit opening a word ("0lm" for "film") is left: old money ("6s 6d") and
    ordinals ("3rd") write those.

    >>> sorted(_words_with_glyph_inside("a beMer o7er, 0lm, iPhone, 10bn and 2nd, Educa&on, AT&T, a & b"))
    ['Educa&on', 'beMer', 'iPhone', 'o7er']
    """
    data = text.encode("utf-8", "surrogatepass")
    shapes = data.translate(_CASE_SHAPES)
    found = set()
    for shape in (b"aA", b"aSa"):
        at = shapes.find(shape)
        while at >= 0:
            start = shapes.rfind(b" ", 0, at) + 1
            end = shapes.find(b" ", at)
            end = len(shapes) if end < 0 else end
            found.add(data[start:end].decode())
            at = shapes.find(shape, end)
    return found


# A run of letters and digits with a lowercase letter in it: where a wrong glyph hides ("beMer", "o7er");
# and, for a text whose map has a symbol glyph, one with symbols after letters and before lowercase letters,
# or at either end of the word ("Educa&on", "A[er", "Microso[", "&me").
# A possessive's "'s" ends the word: "o7er's" is "offer's".
_WORD_END = r"(?![A-Za-z0-9])(?!['’](?!s(?![A-Za-z0-9]))[A-Za-z0-9])"
_MIXED_TOKEN = re.compile(rf"(?<![A-Za-z0-9'’])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{{2,}}{_WORD_END}")
_SYMBOL = f"[{re.escape(GLYPH_SYMBOLS)}]"
_MIXED_TOKEN_WITH_SYMBOLS = re.compile(
    rf"(?<![A-Za-z0-9'’])(?<!{_SYMBOL})(?=(?:{_SYMBOL}|[A-Za-z0-9])*[a-z])"
    rf"(?:{_SYMBOL}(?=[a-z]))?[A-Za-z0-9]+(?:(?<=[A-Za-z]){_SYMBOL}(?=[a-z])[A-Za-z0-9]+)*(?:(?<=[a-z]){_SYMBOL})?"
    rf"{_WORD_END}(?!{_SYMBOL})"
)


def _glyph_map(
    votes: Mapping[tuple[str, str], set[str]], min_words: int, nonwords: int,
    commonness: Callable[[tuple[str, str]], float] | None = None,
) -> dict[tuple[str, str], int]:
    """Each reading of a glyph the text shows, (the glyph, the ligature's letters) → how many non-words it explains.

    A capital or digit inside a word is no typo: ``min_words`` different
    words with such glyphs make each of them a glyph (a font may map each
    ligature to another wrong character: "shu8e", "speciMcations"), where
    they are a good share of the text's non-words (OCR noise makes a few
    among hundreds). A lowercase letter may be a typo or OCR noise, so
    it must explain two more, and a good share of the text's non-words, or
    one more and a third of them ("eleiion", "saniions", "seior"), or
    ``min_words`` where another lowercase letter does too and the two explain
    a third of the text's non-words ("wgures" and "wrearms", "ohences" and "suhered"). Once
    one glyph is found, the text is known to lose its ligatures to wrong
    glyphs, and the rest of its font's map needs less: one word for a capital
    or digit, ``min_words`` for a lowercase letter. A glyph stands for one
    ligature, a ligature has one glyph, and a word explained by one glyph is
    no evidence of another; a glyph whose words two ligatures explain alike is left, unless one
    ligature's readings of those same words are far commoner words (``commonness``: their mean Zipf,
    asked only then; "o7er" is "offer" rather than "otter"), and so is every weaker reading of it
    ("sta7" is "start" or "staff": "o7" is then no "ost"). A font may draw two ligatures with one wrong
    glyph: a glyph read as one ligature is read as another too where ``min_words`` other words show
    it ("adminiMration", "cuMom"; "couM", "propeMies"), as a first pass would leave them for a second.

    >>> votes = {("M", "tt"): {"beMer", "seMing"}, ("w", "ffi"): {"owce", "diwcult"}, ("7", "ff"): {"o7er"}}
    >>> sorted(_glyph_map(votes, 2, 6).items())
    [(('7', 'ff'), 1), (('M', 'tt'), 2), (('w', 'ffi'), 2)]
    >>> tied = {("M", "tt"): {"beMer", "seMing"}, ("7", "rt"): {"o7", "sta7"}, ("7", "ff"): {"o7", "sta7"},
    ...         ("7", "st"): {"o7"}}
    >>> _glyph_map(tied, 2, 6)
    {('M', 'tt'): 2}
    >>> _glyph_map({("7", "ff"): {"o7er"}, ("w", "ffi"): {"owce", "diwcult"}}, 2, 6)
    {}
    >>> alike = {("M", "tt"): {"beMer", "seMing"}, ("7", "ff"): {"o7er", "su7er"}, ("7", "tt"): {"o7er", "su7er"}}
    >>> sorted(_glyph_map(alike, 2, 6, {("7", "ff"): 4.9, ("7", "tt"): 2.1}.__getitem__).items())
    [(('7', 'ff'), 2), (('M', 'tt'), 2)]
    >>> two = {("M", "st"): {"adminiMration", "cuMom", "leaM"}, ("M", "rt"): {"couM", "propeMies"}}
    >>> sorted(_glyph_map(two, 2, 5).items())
    [(('M', 'rt'), 2), (('M', 'st'), 3)]
    """
    # Capitals and digits after a lowercase letter, whatever they stand for, are an extractor's wrong
    # glyphs, not a writer's typos; but OCR noise writes them too ("CorrEE", "ha9"), among hundreds of
    # other non-words, where an extractor's glyphs are a good share of a text's non-words.
    inside_words = len(set().union(*(words for (glyph, _), words in votes.items() if not glyph.islower())))
    capitals_explain = inside_words >= _CAPITAL_GLYPH_SHARE * nonwords
    # Two lowercase letters, each standing for one ligature in several words, that together explain
    # a third of the text's non-words: a font's map, not two typos repeated.
    consistent = [words for (glyph, _), words in votes.items() if glyph.islower() and len(words) >= min_words]
    together = len(consistent) >= 2 and len(set().union(*consistent)) >= max(min_words + 2, nonwords / 3)

    def strong(glyph: str, shown: int) -> bool:
        if glyph.islower():
            return shown >= min_words + 2 and shown >= _LOWERCASE_GLYPH_SHARE * nonwords or (
                together and shown >= min_words) or (shown >= min_words + 1 and shown >= nonwords / 3)
        return capitals_explain and shown >= 1 and inside_words >= min_words

    def weak(glyph: str, shown: int) -> bool:
        return shown >= (min_words if glyph.islower() else 1)

    found: dict[tuple[str, str], int] = {}
    explained: set[str] = set()
    for test in (strong, weak):
        if test is weak and not found:
            break
        ranked = sorted(((len(shown - explained), glyph, letters) for (glyph, letters), shown in votes.items()
                         if (glyph, letters) not in found), reverse=True)
        for count, glyph, letters in ranked:
            # Commonness settles a tie only between readings of the same words: of other words, the
            # reading that loses would win where a first pass has repaired the winner's words.
            rivals = [(c, other, commonness if votes[(glyph, other)] == votes[(glyph, letters)] else None)
                      for c, g, other in ranked if g == glyph and other != letters and (g, other) not in found]
            read = {g for g, _ in found}
            if any(letters == other for _, other in found) or not test(glyph, count) or not all(
                    _stronger((count, letters), (c, other), glyph, alike) for c, other, alike in rivals):
                continue
            if glyph in read and (test is strong or count < min_words):
                continue  # a second ligature for a glyph: only on words of its own, once the first is read
            found[(glyph, letters)] = count
            explained |= votes[(glyph, letters)]
    return found


# How much commoner (mean Zipf) one ligature's readings of a glyph's words must be to win a tie.
_COMMONER_READINGS = 1.0


def _stronger(reading: tuple[int, str], rival: tuple[int, str], glyph: str,
              commonness: Callable[[tuple[str, str]], float] | None) -> bool:
    """Whether a glyph's reading as one ligature (its count of words, its letters) beats another."""
    (count, letters), (rival_count, rival_letters) = reading, rival
    if count != rival_count or commonness is None:
        return count > rival_count
    return commonness((glyph, letters)) - commonness((glyph, rival_letters)) >= _COMMONER_READINGS


def _mean_reading_zipf(tokens: set[str], glyph: str, letters: str, vocabulary: Vocabulary) -> float:
    """How common, on average (Zipf), the words ``tokens`` make with ``glyph`` read as ``letters``.

    >>> v = Vocabulary({"offer": 4.9, "otter": 2.1, "suffer": 4.5}, ["ff", "tt"], 2.0)
    >>> _mean_reading_zipf({"o7er", "su7er"}, "7", "ff", v), _mean_reading_zipf({"o7er"}, "7", "tt", v)
    (4.7, 2.1)
    """
    return sum(max(vocabulary.zipf((token[:i] + letters + token[i + 1 :]).lower())
                   for i, char in enumerate(token) if char == glyph) for token in tokens) / len(tokens)


_MOST_GLYPHS_IN_A_WORD = 4


def _best_reading(token: str, glyph_map: Mapping[tuple[str, str], int],
                  vocabulary: Vocabulary) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The commonest known word ``token`` makes with some of its mapped glyphs read as their ligatures,
    and the readings (glyph, letters) it took.

    >>> v = Vocabulary({"effectively": 4.5, "court": 5.0}, ["ff", "ct", "st", "rt"], 3.0)
    >>> _best_reading("ezeuively", {("z", "ff"): 3, ("u", "ct"): 4}, v)
    ('effectively', (('z', 'ff'), ('u', 'ct')))
    >>> _best_reading("couM", {("M", "st"): 3, ("M", "rt"): 2}, v)
    ('court', (('M', 'rt'),))
    >>> _best_reading("BeOS", {("O", "tt"): 1}, Vocabulary({"betts": 3.5}, ["tt", "ff"], 3.0)) is None
    True
    """
    readings: dict[str, list[str]] = {}
    for glyph, letters in glyph_map:
        readings.setdefault(glyph, []).append(letters)
    positions = [i for i, char in enumerate(token) if char in readings][:_MOST_GLYPHS_IN_A_WORD]
    best: tuple[float, str, tuple[tuple[str, str], ...]] | None = None
    for subset in range(1, 1 << len(positions)):
        chosen = [i for bit, i in enumerate(positions) if subset >> bit & 1]
        for choice in product(*(readings[token[i]] for i in chosen)):
            read_as = dict(zip(chosen, choice))
            candidate = "".join(read_as.get(i, char) for i, char in enumerate(token))
            zipf = vocabulary.zipf(candidate.lower())
            # A capital or digit the reading leaves inside the word ("BeOS" is no "BettS") is no glyph's.
            left_inside = GLYPH_AFTER_LOWERCASE.search(candidate) is not None
            if zipf >= vocabulary.min_zipf and (best is None or zipf > best[0]) and not left_inside:
                best = (zipf, candidate, tuple(dict.fromkeys((token[i], read_as[i]) for i in chosen)))
    return None if best is None else (best[1], best[2])


def _beside_placeholder(text: str, start: int, end: int) -> bool:
    """Whether a placeholder touches ``text[start:end]``, so that both are pieces of one word.

    >>> text = "a(cid:27)iM and iM"
    >>> _beside_placeholder(text, 9, 11), _beside_placeholder(text, 16, 18)
    (True, False)
    """
    if PLACEHOLDER.match(text, end):
        return True
    return any(found.end() == start for found in PLACEHOLDER.finditer(text, max(0, start - _LONGEST_PLACEHOLDER), start))


def _is_code(token: str) -> bool:
    """A letter and a digit or capital: a code ("g8", "a4", "x5") as often as a word with a glyph ("o7"
    for "off").

    >>> [_is_code(t) for t in ("g8", "a4", "oM", "ou", "Au", "o7er", "so7")]
    [True, True, True, False, False, False, False]
    """
    return len(token) == 2 and not token[1].islower()


# "(cid:65535)" or "/uniFB01": no placeholder is longer.
_LONGEST_PLACEHOLDER = 12


def _vote(token: str, vocabulary: Vocabulary, votes: dict[tuple[str, str], set[str]], first: bool) -> None:
    """Add ``token`` to ``votes[(glyph, letters)]`` for each character that a ligature's letters in its place
    make a common word of. A capital opening the token is a writer's, and left, unless ``first`` asks about
    that character alone.

    >>> v = Vocabulary({"first": 6.0, "better": 5.0}, ["fi", "tt"], 3.0)
    >>> votes = defaultdict(set)
    >>> _vote("beMer", v, votes, first=False); _vote("Yrst", v, votes, first=False); dict(votes)
    {('M', 'tt'): {'beMer'}}
    >>> _vote("Yrst", v, votes, first=True); sorted(votes)
    [('M', 'tt'), ('Y', 'fi')]
    """
    if len(token) > _LONGEST_WORD:
        return  # no word: a run of letters this long is a URL, a hash or a missing space
    lowered = token.lower()
    for i, glyph in enumerate(token):
        if i == 0 and glyph.isupper() and not first:
            continue
        # Only ligatures that some known word has between these two pieces: two lookups.
        following = vocabulary.ligatures_after.get(lowered[:i])
        if following is None:
            continue
        for letters in following & vocabulary.ligatures_before.get(lowered[i + 1 :], _NONE):
            if glyph.lower() not in letters and vocabulary.zipf(lowered[:i] + letters + lowered[i + 1 :]) >= vocabulary.min_zipf:
                votes[(glyph, letters)].add(token)
        if first:
            return  # the capital is the only glyph asked about


# How much commoner (Zipf) than a word as written its reading through the glyph map must be.
_REAL_WORD_GAIN = 1.0


def _why_likelier_here(text: str, match: re.Match[str], candidate: str, vocabulary: Vocabulary,
                       context: ContextModel | None) -> str | None:
    """Why a word as written (``match``) is ``candidate``, if it is: far commoner, and clearly likelier here."""
    token = match.group().lower()
    if context is None or vocabulary.zipf(candidate.lower()) - vocabulary.zipf(token) < _REAL_WORD_GAIN:
        return None
    around = context_around(text, match.start(), match.end())
    gain = context.score(around, candidate.lower()) - context.score(around, token)
    if gain < context.margin:
        return None
    return f"; a word as written, but {candidate.lower()!r} is {gain:.1f} log10 likelier here ({context.name} model)"


# A capitalised word of letters, or of letters and glyphs.
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z][A-Za-z0-9]*(?![\w'’-])")


def _unknown_names(text: str, vocabulary: Vocabulary) -> set[str]:
    """Capitalised words the vocabulary does not know, from a search for them in the text.

    >>> sorted(_unknown_names("Mr Sheheld and Paris, Sheheld's", Vocabulary({"paris": 5.0, "mr": 6.0}, [], 3.0)))
    ['Sheheld']
    """
    return {m.group() for m in _CAPITALISED.finditer(text) if vocabulary.zipf(m.group().lower()) < vocabulary.min_zipf}


# A digit and lowercase letters, standing alone or as a compound's part; no ordinal ("3rd", "21st").
_DIGIT_OPENING = re.compile(r"(?<![\w'’])[0-9](?!st|nd|rd|th)[a-z]{2,}(?![\w'’])")


def _digit_openings(text: str) -> set[str]:
    """Words a digit opens before lowercase letters alone: where a font's wrong glyph may open a word.

    >>> sorted(_digit_openings("the 0lm and the prize-0ghter, 3rd, 21st, 10am, 5pm, 4x4, 2bn"))
    ['0ghter', '0lm', '2bn', '5pm']
    """
    return set(_DIGIT_OPENING.findall(text))


# A capitalised word right after a lowercase word (or its comma) and a space: no sentence opens there.
_CAPITALISED_AFTER_LOWERCASE = re.compile(r"(?<![\w'’-])[a-z]+,? (?P<word>[A-Z][a-z]+)(?![\w'’-])")


def _capitalised_after_lowercase(text: str, vocabulary: Vocabulary) -> set[str]:
    """Capitalised words that are no common word, written right after a lowercase word.

    >>> _capitalised_after_lowercase("The Yrst and the Ynal. Yle it, a Paris trip", Vocabulary({"paris": 5.0}, [], 3.0))
    {'Ynal'}
    """
    return {m["word"] for m in _CAPITALISED_AFTER_LOWERCASE.finditer(text)
            if vocabulary.zipf(m["word"].lower()) < vocabulary.min_zipf}


def wrong_glyph_repairs(
    text: str, vocabulary: Vocabulary, min_words: int, runs: frozenset[bytes] | None = None,
    context: ContextModel | None = None,
) -> list[Repair]:
    """Words where one character stands for a ligature all through the text ("beMer", "o7er", "diuerent").

    A character is read as a ligature's glyph when putting the ligature's
    letters in its place turns ``min_words`` different non-words of the text
    into common words, and no other ligature does so as often. Letters a
    ligature holds ("i" for "fi") are the ligature filter's: a kept letter.
    ``runs``: the text's ``lowercase_runs``, where the caller has them.
    A word that is a word as written ("ou" for "off", with "u" for "ff") is
    read through a lowercase glyph of the map only where the reading is a far
    commoner word that ``context`` finds clearly likelier beside its neighbours.

    >>> v = Vocabulary({"better": 5.0, "setting": 4.5, "letters": 4.6, "offer": 4.8, "effect": 4.9}, ["ff", "tt"], 3.0)
    >>> text = "a beMer seMing for leMers; an o7er with e7ect"
    >>> [r.after for r in wrong_glyph_repairs(text, v, 2)]
    ['better', 'setting', 'letters', 'offer', 'effect']
    """
    # In bulk: lowercase words the vocabulary lacks, and words with a capital or digit inside.
    unknown = {run.decode() for run in unknown_runs(lowercase_runs(text) if runs is None else runs, vocabulary)}
    nonwords = unknown | _words_with_glyph_inside(text)
    votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    # In a text written in one case, codes lost their capitals too ("g8" was "G8"): no evidence of a glyph.
    one_case = in_one_case(text)
    for token in nonwords:
        if not (one_case and _is_code(token)):
            _vote(token, vocabulary, votes, first=False)

    def commonness(reading: tuple[str, str]) -> float:
        return _mean_reading_zipf(votes[reading], *reading, vocabulary)

    glyph_map = _glyph_map(votes, min_words, len(nonwords), commonness)
    if not glyph_map:
        return []
    # A font known to lose its ligatures to wrong glyphs loses them in names too ("Sheheld"): the names
    # the vocabulary lacks vote for lowercase glyphs the rest of its map may hold.
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    for token in _unknown_names(text, vocabulary) - nonwords:
        _vote(token, vocabulary, named, first=False)
    if any(glyph.islower() for glyph, _ in named):
        for key, words in named.items():
            if key[0].islower():
                votes[key] |= words
        glyph_map = _glyph_map(votes, min_words, len(nonwords), commonness)
    if glyph_map:
        # A font that writes wrong glyphs for its ligatures writes them where a word opens too: a
        # digit before lowercase letters ("0lm" for "film") in any such text, and where its map has
        # capitals, the capitalised non-words that follow a lowercase word, where no sentence opens
        # ("Yrst" for "first"); each for a glyph seen inside words or in several such words.
        opening_votes: dict[tuple[str, str], set[str]] = defaultdict(set)
        opening = _digit_openings(text)
        if any(glyph.isupper() for glyph, _ in glyph_map):
            opening |= _capitalised_after_lowercase(text, vocabulary)
        for token in opening - nonwords:
            _vote(token, vocabulary, opening_votes, first=True)
        for key, opened in opening_votes.items():
            if key in votes or len(opened) >= min_words:
                votes[key] |= opened
                nonwords |= opened
        glyph_map = _glyph_map(votes, min_words, len(nonwords), commonness)
    glyphs = {glyph for glyph, _ in glyph_map}
    tokens = _MIXED_TOKEN if glyphs.isdisjoint(GLYPH_SYMBOLS) else _MIXED_TOKEN_WITH_SYMBOLS
    repairs = []
    for m in tokens.finditer(text):
        token = m.group()
        if len(token) > _LONGEST_WORD or _beside_placeholder(text, m.start(), m.end()):
            continue  # a piece of a word a placeholder splits is never changed on its own ("a(cid:27)iM")
        # Names too ("Evewon"), where the text's glyph map makes a common word of them ("Xrst").
        real = not (not_a_word(token, vocabulary) or vocabulary.zipf(token.lower()) < vocabulary.min_zipf)
        if real and (context is None or not any(char.islower() and char in glyphs for char in token)):
            continue
        best = _best_reading(token, glyph_map, vocabulary)
        if best is not None:
            candidate, used = best
            why_real = _why_likelier_here(text, m, candidate, vocabulary, context) if real else ""
            if why_real is None:
                continue
            # A glyph in first place ("Xrst") says nothing of case: a capital only where a sentence surely opens.
            first_replaced = not candidate.startswith(token[0])
            capital = surely_opens_sentence(text, m.start()) if first_replaced else token[0].isupper()
            after = candidate[0].upper() + candidate[1:].lower() if capital else candidate.lower()
            shown = ", ".join(f"{glyph!r} for {letters!r}" for glyph, letters in used)
            repairs.append(Repair(m.start(), m.end(), after, "".join(letters for _, letters in used),
                                  f"{token!r} has {shown}, as other words of this text do "
                                  f"({', '.join(str(glyph_map[reading]) for reading in used)}){why_real}"))
    return repairs
