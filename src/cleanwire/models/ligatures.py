"""The ligature damage channel: which letters fonts draw as one glyph, and what exports leave of them.

``dictionaries/ligatures.toml`` lists each ligature's letters, its font set
and the forms an export leaves in its place. From it and the vocabulary this
module derives, once per process, every damaged form of every known word
(:func:`damage_index`), the forms that are evidence of a loss
(:func:`evidence`) and the likeliest reading of a damaged word
(:func:`best_nonword_candidate`). The filters that repair ligature losses,
split words and reference editions all read the same channel from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from cleanwire import lexicon

#: The thresholds the filters use by default: a repair must be this frequent (Zipf),
#: and evidence of a loss this much more frequent repaired.
CANDIDATE_ZIPF = 2.0
EVIDENCE_GAIN = 1.5
# How much commoner (Zipf) a strict form's reading must be to win over one every export shows.
STRICT_FORM_MARGIN = 1.5


@dataclass(frozen=True)
class Loss:
    """One way a ligature is damaged: ``letters`` became ``form``.

    ``min_words``: how many different words must show this loss before a
    document is read as having it (0: the filter's evidence rules alone). Forms
    that make many other strings of common words ("st" vanishing from "store"
    leaves "ore") ask for more than one word repeated.
    """

    letters: str
    form: str
    min_words: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"{self.letters}→{self.form or '∅'}"

    @property
    def manner(self) -> str:
        """How the glyph was lost: it "vanished", or only its "first" or its "last" letter was kept.

        >>> Loss("fi", "").manner, Loss("ffi", "f").manner, Loss("ft", "t").manner
        ('vanished', 'first', 'last')
        """
        return "vanished" if not self.form else "first" if self.letters.startswith(self.form) else "last"

    @property
    def siblings(self) -> frozenset[Loss]:
        """The losses of the other ligatures of its font set, lost in the same manner.

        >>> sorted(map(str, Loss("fl", "").siblings))
        ['ffi→∅', 'ffl→∅', 'ff→∅', 'fi→∅']
        """
        return _siblings().get(self, frozenset())


@lru_cache(maxsize=1)
def losses() -> tuple[Loss, ...]:
    """Every (ligature, damaged form) of the shipped table.

    >>> Loss("ft", "t") in losses()
    True
    """
    table = lexicon.load_toml("ligatures.toml")
    return tuple(
        Loss(entry["letters"], form, min_words)
        for entry in table["ligature"]
        for form, min_words in zip(entry["forms"], entry.get("min_words", [0] * len(entry["forms"])), strict=True)
    )


def prepare_channel(min_zipf: float, min_gain: float) -> None:
    """Build the table, the damage index (both ways) and the evidence for these thresholds now (once per process).

    Raises ``ValueError`` here, not on a first document, if the shipped table is broken.
    """
    _siblings()
    forms_by_loss(min_zipf)
    evidence(min_zipf, min_gain)


@lru_cache(maxsize=1)
def _siblings() -> dict[Loss, frozenset[Loss]]:
    table = lexicon.load_toml("ligatures.toml")["ligature"]
    font_set = {entry["letters"]: entry["font_set"] for entry in table}
    return {
        loss: frozenset(
            other for other in losses()
            if other.letters != loss.letters and font_set[other.letters] == font_set[loss.letters]
            and other.manner == loss.manner
        )
        for loss in losses()
    }


def candidates(word: str, min_zipf: float) -> tuple[tuple[str, Loss], ...]:
    """Known words that ``word`` (lowercase) could be, each with a loss that explains it.

    A word comes once for each loss that explains it: "ofcials" is "officials"
    with "ffi" drawn as "f", or with "fi" lost; which one a document shows, its
    intact words tell.

    >>> sorted(str(loss) for word, loss in candidates("ater", 3.0) if word == "after")
    ['ft→t', 'f→∅']
    >>> [str(loss) for word, loss in candidates("ofcials", 3.0) if word == "officials"]
    ['fi→∅', 'ffi→f']
    """
    return damage_index(min_zipf).get(word, ())


@lru_cache(maxsize=None)  # one per threshold the process uses: never evicted
def damage_index(min_zipf: float) -> dict[str, tuple[tuple[str, Loss], ...]]:
    """Every form one ligature loss makes of a word at least ``min_zipf`` frequent → those words.

    Built once, like SymSpell's index of deletes but for ligature losses only,
    so that a lookup is one dict access whatever the word; kept in the
    dictionary cache between runs.

    >>> [word for word, loss in damage_index(3.0)["atempts"]], [str(loss) for _, loss in damage_index(3.0)["ith"]]
    (['attempts'], ['f→∅'])
    >>> [(word, str(loss)) for word, loss in damage_index(3.0)["tatitics"]]
    [('statistics', 'st→t')]
    """
    return lexicon.cached(f"ligature-index-{min_zipf}", lambda: _build_damage_index(min_zipf), _channel_sources())


def _build_damage_index(min_zipf: float) -> dict[str, tuple[tuple[str, Loss], ...]]:
    by_letters = [(letters, [l for l in losses() if l.letters == letters]) for letters in dict.fromkeys(
        loss.letters for loss in losses())]
    index: dict[str, dict[tuple[str, Loss], None]] = {}
    for word, value in lexicon.zipf_table().items():
        if value < min_zipf:
            continue
        for letters, letter_losses in by_letters:
            start = word.find(letters)
            while start >= 0:
                for loss in letter_losses:
                    damaged = word[:start] + loss.form + word[start + len(letters) :]
                    index.setdefault(damaged, {})[(word, loss)] = None
                start = word.find(letters, start + 1)
            # A font draws its glyph wherever the word has the letters, and loses each one so: "statistics"
            # is "tatitics" where st kept its t, "fulfil" "ulil" in a font without an f.
            if word.count(letters) > 1:
                for loss in letter_losses:
                    index.setdefault(word.replace(letters, loss.form), {})[(word, loss)] = None
    return {damaged: tuple(found) for damaged, found in index.items()}


@lru_cache(maxsize=None)  # as the damage index
def forms_by_loss(min_zipf: float) -> dict[Loss, frozenset[str]]:
    """The damage index turned about: each loss → every form it makes of a word at least ``min_zipf`` frequent.

    A document's words that its active losses may explain are then a set
    intersection per loss, not a lookup and a look at the losses per word.

    >>> "atempts" in forms_by_loss(3.0)[Loss("tt", "t")], "atempts" in forms_by_loss(3.0)[Loss("ft", "t")]
    (True, False)
    """
    forms: dict[Loss, set[str]] = {}
    for damaged, found in damage_index(min_zipf).items():
        for _, loss in found:
            forms.setdefault(loss, set()).add(damaged)
    return {loss: frozenset(found) for loss, found in forms.items()}


@lru_cache(maxsize=1)
def _channel_sources() -> tuple[bytes, ...]:
    """What the derived tables are built from besides the word lists: this module and the ligature table."""
    return Path(__file__).read_bytes(), (resources.files("cleanwire.dictionaries") / "ligatures.toml").read_bytes()


def letters_per_character(frequencies: Mapping[str, float], ligatures: Iterable[str], min_zipf: float) -> dict[str, float]:
    """How often each of ``ligatures``' letters stand in running text, per character: the words at
    least ``min_zipf`` frequent, each weighed by its frequency (and a space after it).

    >>> letters_per_character({"after": 6.0, "often": 6.0, "aster": 2.0}, ["ft", "st"], 3.0)
    {'ft': 0.16666666666666666, 'st': 0.0}
    """
    letters = tuple(ligatures)
    weighed = dict.fromkeys(letters, 0.0)
    characters = 0.0
    for word, value in frequencies.items():
        if value >= min_zipf:
            weight = 10**value
            characters += weight * (len(word) + 1)
            for sequence in letters:
                at = word.find(sequence)
                while at >= 0:
                    weighed[sequence] += weight
                    at = word.find(sequence, at + 1)
    return {sequence: weighed[sequence] / characters if characters else 0.0 for sequence in letters}


def reinsert(word: str, loss: Loss) -> Iterator[str]:
    if not loss.form:
        for i in range(len(word) + 1):
            yield word[:i] + loss.letters + word[i:]
        return
    start = word.find(loss.form)
    while start >= 0:
        yield word[:start] + loss.letters + word[start + len(loss.form) :]
        start = word.find(loss.form, start + 1)


@lru_cache(maxsize=65536)
def best_nonword_candidate(word: str, min_zipf: float, min_gain: float) -> tuple[str, tuple[Loss, ...]] | None:
    """The clearly more frequent word (by ``min_gain`` Zipf) that ``word`` may stand for, and the losses that explain it.

    A repair by the forms every export shows comes before one by a strict form
    (``Loss.min_words``) that is not far commoner: "lits" is evidence of "lifts"
    (ft kept its t) before "lists" (st kept its t), but "firt" is "first"
    (st kept its t), not "flirt".

    >>> best_nonword_candidate("lits", 2.0, 1.5)[0]
    'lifts'
    """
    own = lexicon.zipf(word)
    scored = [(lexicon.zipf(cand), not loss.min_words, cand) for cand, loss in candidates(word, min_zipf)
              if lexicon.zipf(cand) - own >= min_gain]
    if not scored:
        return None
    top = max(scored)[0]
    # Within a margin of the commonest reading, one by a form every export shows wins.
    _, _, best = max(scored, key=lambda s: (s[0] >= top - STRICT_FORM_MARGIN and s[1], s[0]))
    return best, tuple(loss for cand, loss in candidates(word, min_zipf) if cand == best)


class Evidence(NamedTuple):
    """The forms a ligature loss makes that a repair makes clearly more frequent, for thresholds of the filters.

    ``words``: all of them; ``common_form_words``: those a form every export
    shows explains (not only a strict form, ``Loss.min_words``); each also in
    UTF-8 bytes, to meet a document's words in one set operation.
    """

    words: frozenset[str]
    common_form_words: frozenset[str]
    words_in_bytes: frozenset[bytes]
    common_form_words_in_bytes: frozenset[bytes]


@lru_cache(maxsize=None)  # one per threshold the process uses: never evicted
def evidence(min_zipf: float, min_gain: float) -> Evidence:
    """Every form a ligature loss makes that a repair makes ``min_gain`` (Zipf) more frequent.

    Intersected with a document's words in one set operation, it finds the
    document's damage evidence without a lookup per word. Kept in the
    dictionary cache between runs.

    >>> found = evidence(2.0, 2.0)
    >>> "ater" in found.words, "after" in found.words, "ater" in found.common_form_words
    (True, False, True)
    """
    words, common = lexicon.cached(
        f"ligature-evidence-{min_zipf}-{min_gain}", lambda: _build_evidence(min_zipf, min_gain), _channel_sources())
    return Evidence(words, common, frozenset(w.encode() for w in words), frozenset(w.encode() for w in common))


def _build_evidence(min_zipf: float, min_gain: float) -> tuple[frozenset[str], frozenset[str]]:
    words = set()
    common = set()
    for word in damage_index(min_zipf):
        best = best_nonword_candidate(word, min_zipf, min_gain)
        if best is None:
            continue
        words.add(word)
        if not all(loss.min_words for loss in best[1]):
            common.add(word)
    return frozenset(words), frozenset(common)


def evidence_in(blocks_of_words: Iterable[Iterable[bytes]], min_zipf: float, min_gain: float) -> set[bytes]:
    """The evidence words (``evidence``) among a text's words, in one set operation per block.

    ``blocks_of_words``: the text's lowercase words in bytes, a block at a time (``blocks.byte_words``).

    >>> sorted(evidence_in([[b"the", b"atempts"], [b"ater"]], CANDIDATE_ZIPF, EVIDENCE_GAIN))
    [b'atempts', b'ater']
    """
    found = evidence(min_zipf, min_gain)
    present: set[bytes] = set()
    for words in blocks_of_words:
        present.update(found.words_in_bytes.intersection(words))
    return present


def may_show_loss(present: AbstractSet[bytes], min_zipf: float, min_gain: float) -> bool:
    """The bulk test first: an evidence word of a common form, or enough different ones of strict forms.

    ``present``: the evidence words a text writes (``evidence_in``). "Tory" is "story" without its
    st, but one such word is no font's loss ("min_words").

    >>> may_show_loss({b"atempts"}, CANDIDATE_ZIPF, EVIDENCE_GAIN), may_show_loss(set(), 3.0, 1.5)
    (True, False)
    """
    if not present:
        return False
    if not evidence(min_zipf, min_gain).common_form_words_in_bytes.isdisjoint(present):
        return True
    fewest = min((loss.min_words for loss in losses() if loss.min_words), default=1)
    return len(present) >= fewest


NOT_LETTERS_OR_DIGITS = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789" else 0x20 for b in range(256))


def match_case(token: str, word: str) -> str:
    """``word`` in the case pattern of ``token``.

    A capital letter alone ("I" for "If") is a capitalised word.

    >>> match_case("ATER", "after"), match_case("Ater", "after"), match_case("I", "if")
    ('AFTER', 'After', 'If')
    """
    if token.isupper() and len(token) > 1:
        return word.upper()
    if token[0].isupper():
        return word[:1].upper() + word[1:]  # "Fi" losing its "fi" leaves ""
    return word
