"""Case lost after a hyphen: "Euro-atlantic" → "Euro-Atlantic", "China-united States".

Some page exports lowercase every letter after a hyphen. A letter is raised
back only with evidence, strongest first:

1. the word is a proper noun that English never writes in lowercase
   ("Russian", "Francis": ``dictionaries/proper_nouns.tsv``), or a name only
   the largest word lists hold ("Nato", "Musharraf") after a lowercase prefix
   ("non-nato", "anti-musharraf");
2. after a capitalised word, the document itself writes the word capitalised
   mid-sentence (twice or more) and never in lowercase;
3. it is a capitalised name that is also a common word ("China", "United",
   "Atlantic"), or a name only the largest word lists hold ("Gwent"), after a
   capitalised word, and either the next word is
   capitalised and usually follows it in English ("China-united States") or
   the document shows this damage elsewhere;
4. it is no English word at all ("Veron-reville"), after a capitalised word,
   in a document that shows this damage elsewhere;
5. the compound follows a title of address: a double-barrelled surname
   ("Mr Kilroy-silk"), which English writes with both capitals (its first
   part four letters or more: "Mrs. Ire-dale" is a name a line's end split).

In 3 and 4 without a following name, a capital that only opens a sentence
("Three-fourths of it") does not count.

6. where SmolLM2 is installed (``models.transformer``), a second part that 3
   or 4 could raise but for the document's evidence ("US-china Economic and
   Security Review", "Michael Scott-joynt"), after a capitalised word that
   does not open a sentence, is raised if the transformer finds the sentence
   with the capital ``second_opinion_margin`` (log10) or more likelier.

Ordinary compounds ("co-operation", "like-minded", "Russian-controlled") are
never touched: their second part is a common lowercase word. Nor are words a
line break split ("Par-liament", "move-ment"): joined, they are a word. Nor
are parts of fewer than four letters, which hyphenated Asian given names use
in lowercase ("Chee-hwa", "Jong-un").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from cleanwire import lexicon
from cleanwire.blocks import matches_in, spanned_byte_words
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import Document, Filter
from cleanwire.hyphens import compounds_at_hyphens
from cleanwire.models.ligatures import CANDIDATE_ZIPF, candidates, damage_index
from cleanwire.models.transformer import (
    SecondOpinion,
    TransformerModel,
    require_second_opinion,
    second_opinion_model,
)
from cleanwire.sentences import opens_sentence
from cleanwire.words import in_one_case

_FOUR_LOWERCASE = re.compile(r"[a-z]{4}")
# A title of address and its space, right before a name: English writes "Mr Kilroy-Silk", never "Mr Kilroy-silk".
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Revd")
_TITLE_BEFORE = re.compile(rf"(?<![\w.])(?:{'|'.join(_TITLES)})\.? $")
# How far before a compound its title may start: the longest title, its full stop and its space.
_TITLE_REACH = max(map(len, _TITLES)) + 2
# Kinds of the cased lexicon whose words are names only where the text shows the damage (rules 3 and 6).
_WEAK_NAMES = ("capitalised", "name")
COMPOUND = re.compile(r"(?<![\w&])(?P<first>[A-Za-z]{2,})-(?P<second>[a-z]{4,})\b(?!-)(?: (?P<next>[A-Z][a-z]+))?")


@dataclass(frozen=True)
class HyphenCaseSettings:
    """``use_document``: count the document's own capitalised words as evidence.

    ``second_opinion``: "auto" (the transformer where installed), "transformer"
    or "none", for rule 6, with ``second_opinion_margin``.
    """

    use_document: bool = True
    second_opinion: SecondOpinion = "auto"
    second_opinion_margin: float = 2.0


class HyphenCaseFilter(Filter):
    """Restore a capital lost after a hyphen, with lexicon or document evidence."""

    name = "hyphen_case"
    _second_opinion: TransformerModel | None
    description = "case lost after a hyphen: Euro-atlantic→Euro-Atlantic, China-united States"
    Settings = HyphenCaseSettings

    def validate(self) -> None:
        require_second_opinion(self.name, self.settings.second_opinion)

    def prepare(self) -> None:
        lexicon.zipf_table()
        lexicon.proper_nouns()
        lexicon.bigram_table()
        damage_index(CANDIDATE_ZIPF)  # a surname's first part is asked what a lost ligature may have made it
        self._second_opinion = second_opinion_model(self.settings.second_opinion)

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        text = doc.text
        if in_one_case(text):
            return text, []  # a text lowercased on purpose lost no capital after its hyphens
        compounds = list(_compounds(text))
        if not compounds:
            return text, []
        # The words a compound after a capitalised word may ask about: few are looked for one by one.
        asked = {m.group("second").capitalize() for m in compounds if m.group("first")[0].isupper()}
        usage = _CapitalUsage(text, asked) if self.settings.use_document else None
        firm = [(m, self._firm_evidence(m, usage)) for m in compounds]
        # Split words ("Par-liament") are asked about only when there is a reason to raise them: few are.
        damaged = any(reason and not _is_split_word(m) for m, reason in firm)
        changes = []
        for match, reason in firm:
            if _is_split_word(match):
                continue
            reason = reason or self._weak_evidence(text, match, damaged) or self._sentence_evidence(text, match)
            if reason:
                second = match.group("second")
                changes.append(Change(match.start("second"), match.end("second"), second.capitalize(),
                                      "case-after-hyphen", reason))
        return rewrite(text, changes, self.name)

    @staticmethod
    def _firm_evidence(match: re.Match[str], usage: _CapitalUsage | None) -> str | None:
        word = match.group("second").capitalize()
        kind = lexicon.proper_nouns().get(word)
        if kind == "proper":
            return f"{word!r} is a proper noun (cased lexicon)"
        # After a capitalised word, a name of the largest lists may end a name a line's end split ("Owth-waite").
        if kind == "name" and match.group("first").islower():
            return f"{word!r} is a name (cased lexicon), after the prefix {match.group('first')!r}"
        if usage is not None and match.group("first")[0].isupper() and usage.capitalises(word):
            return f"this text writes {word!r} capitalised and never in lowercase"
        return None

    @staticmethod
    def _weak_evidence(text: str, match: re.Match[str], damaged: bool) -> str | None:
        word = match.group("second").capitalize()
        first = match.group("first")
        if len(first) < 2 or not first[0].isupper():
            return None
        # A first part of four letters or more: OCR keeps the hyphen of a name a line's end split ("Mrs.
        # Ire-dale"), whose first piece is often shorter. One a lost ligature may have made ("Rev
        # Scot-joynt", Scott) is left: its capital alone would leave the name half repaired.
        if (len(first) >= 4 and first.istitle() and not candidates(first.lower(), CANDIDATE_ZIPF)
                and _TITLE_BEFORE.search(text, max(0, match.start() - _TITLE_REACH), match.start())):
            return f"'{first}-{word}' follows a title of address: a double-barrelled surname"
        # A capital that only opens a sentence ("Three-fourths of it") is no name's.
        after_name = damaged and not opens_sentence(text, match.start())
        if lexicon.proper_nouns().get(word) not in _WEAK_NAMES:
            # No English word ("Veron-reville", "Scott-joynt"): a name, in a text that lowers them.
            if after_name and lexicon.zipf(word.lower()) < lexicon.KNOWN_ZIPF:
                return f"{word!r} is no English word, after a capitalised word, in a text that lost such capitals"
            return None
        following = match.group("next")
        # "united states" is 35 % of "united ..." bigrams; "star richard" and "ray disc" are none.
        if following and lexicon.follows_often(word.lower(), following.lower()):
            return f"{word!r} opens the name {word + ' ' + following!r} after a capitalised word"
        if after_name:
            return f"{word!r} is a name after a capitalised word, in a text that lost such capitals"
        return None

    def _sentence_evidence(self, text: str, match: re.Match[str]) -> str | None:
        """Rule 6: the transformer's reading of the sentence, for a name after a capitalised word.

        Split words never come here: :meth:`apply` leaves them first.
        """
        word = match.group("second").capitalize()
        first = match.group("first")
        if self._second_opinion is None or not first[0].isupper():
            return None
        if lexicon.proper_nouns().get(word) not in _WEAK_NAMES:
            # An ordinary compound ("US-based") has a lowercase word second; a double-barrelled name
            # ("Scott-joynt") a name first, where an acronym heads technical terms ("NP-ellipsis").
            if lexicon.zipf(word.lower()) >= lexicon.KNOWN_ZIPF or not first.istitle():
                return None
        if opens_sentence(text, match.start()):
            return None
        gain = self._second_opinion.replacement_gain(text, match.start("second"), match.end("second"), word)
        if gain < self.settings.second_opinion_margin:
            return None
        return f"the {self._second_opinion.name} model finds the sentence with {word!r} {gain:.1f} log10 likelier"


def _compounds(text: str) -> Iterator[re.Match[str]]:
    """COMPOUND matches, found from their hyphens: a regex search from every letter is slower.

    The last two parts of a longer compound are one too: "Henley-on-thames".
    """
    return compounds_at_hyphens(text, COMPOUND, _FOUR_LOWERCASE, whole=False)


def _is_split_word(match: re.Match[str]) -> bool:
    """A word a line break split, its hyphen kept ("Par-liament"): no compound, no capital to restore.

    Joined, it is a word far more common than its second part; "anti-semitism"
    and "trans-atlantic" are compounds of a prefix and a word.

    >>> [_is_split_word(COMPOUND.match(w)) for w in ("Par-liament", "move-ment", "Euro-atlantic", "anti-semitism")]
    [True, True, False, False]
    """
    joined = lexicon.zipf((match.group("first") + match.group("second")).lower())
    return joined >= lexicon.KNOWN_ZIPF and joined - lexicon.zipf(match.group("second")) >= _SPLIT_WORD_GAIN


# Ten times more common joined than its second part alone.
_SPLIT_WORD_GAIN = 1.0


# Distinct words looked for in the text itself before a count of its ASCII word pieces pays: for a few,
# a count and two literal searches cost less. (A word asked costs up to three searches, and the count
# about as much as twenty: past 16 words, a 1 MB text took 0.031 s by searches, 0.018 s by the count.)
_SEARCHES_BEFORE_INDEX = 16
_WORD_CHARACTER = re.compile(r"\w")
_LOWERCASE_OR_COMMA = re.compile(r"[a-z,;]")
# ASCII letters, digits and "_" kept, every other byte a space: the ASCII pieces of the text's runs of \w.
_ASCII_WORD_BYTES = bytes(b if chr(b).isascii() and (chr(b).isalnum() or b == 0x5F) else 0x20 for b in range(256))


class _CapitalUsage:
    """How a document writes the words ``asked`` about, each looked for in the text.

    Past a few words asked, a count of the text's ASCII word pieces that are
    those words (capitalised or in lowercase), made once, rules out at once
    the words it writes too seldom.

    >>> usage = _CapitalUsage("the Atlantic pact, the Atlantic fleet, a Pacific one, a Pacific two, pacific")
    >>> usage.capitalises("Atlantic"), usage.capitalises("Pacific")
    (True, False)
    """

    def __init__(self, text: str, asked: AbstractSet[str] = frozenset()) -> None:
        self._text = text
        self._answers: dict[str, bool] = {}
        self._indexed = len(asked) > _SEARCHES_BEFORE_INDEX
        self._counted = frozenset(form.encode() for word in asked for form in (word, word.lower()))
        self._pieces: Counter[bytes] | None = None
        self._blocks: dict[bytes, list[tuple[int, int]]] = {}  # where each counted piece is, by block

    def capitalises(self, word: str) -> bool:
        """``word`` appears capitalised after lowercase words twice or more, and never in lowercase on its own.

        Twice, because a title-case headline capitalises any word once.
        """
        if word not in self._answers:
            self._answers[word] = self._capitalises(word)
        return self._answers[word]

    def _capitalises(self, word: str) -> bool:
        if self._written(word) < 2:
            return False  # written twice after lowercase words needs two of it
        return self._after_lowercase_twice(word) and not (self._written(word.lower()) and self._alone(word.lower()))

    def _written(self, word: str) -> int:
        """How often ``word`` may stand as a whole word: at least as often as it does."""
        key = self._counted_piece(word)
        return self._text.count(word) if key is None else self._index()[key]

    def _counted_piece(self, word: str) -> bytes | None:
        """``word`` as the index counts it, where the index serves it; None where the text is searched."""
        key = word.encode("utf-8", "surrogatepass")
        return key if self._indexed and key in self._counted else None

    def _index(self) -> Counter[bytes]:
        """The count of the pieces asked about, made once, with the blocks each is in."""
        if self._pieces is None:
            # Only the pieces asked about are counted: a C filter drops the rest before the count.
            self._pieces = Counter()
            for start, end, pieces in spanned_byte_words(self._text, _ASCII_WORD_BYTES):
                asked = list(filter(self._counted.__contains__, pieces))
                self._pieces.update(asked)
                for piece in set(asked):
                    self._blocks.setdefault(piece, []).append((start, end))
        return self._pieces

    def _whole_words(self, word: str) -> Iterator[int]:
        """Where ``word`` stands as a whole run of word characters, not inside one."""
        text = self._text
        pattern = re.compile(re.escape(word) + r"(?!\w)")
        key = self._counted_piece(word)
        if key is None:
            matches = pattern.finditer(text)
        else:
            self._index()
            matches = matches_in(pattern, text, self._blocks.get(key, ()))  # its ASCII piece marks its blocks
        for match in matches:
            start = match.start()
            if start == 0 or not _WORD_CHARACTER.match(text, start - 1):
                yield start

    def _after_lowercase_twice(self, word: str) -> bool:
        """Whether ``word`` is written twice right after a lowercase word (or comma) and a space."""
        text = self._text
        after_lowercase = (start for start in self._whole_words(word)
                           if start >= 2 and text[start - 1] == " " and _LOWERCASE_OR_COMMA.match(text, start - 2))
        return next(after_lowercase, None) is not None and next(after_lowercase, None) is not None

    def _alone(self, word: str) -> bool:
        """Whether ``word`` is written where a word starts, not after a hyphen: a whole run of word characters."""
        text = self._text
        return any(start == 0 or text[start - 1] != "-" for start in self._whole_words(word))
