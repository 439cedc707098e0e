"""How likely a word is where it stands: language models of a word in its context.

A repair that turns one real word into another ("let" → "left", "of" →
"off") is decided by the words around it, never by the word alone. Two models
answer the same question, :meth:`ContextModel.score`: the log10 probability
of the word and of the words after it that depend on it, given the words
before.

* :class:`BigramModel`: symspellpy's English bigram counts (always there).
* :class:`TrigramModel`: CMU's US-English 3-gram model (72 k words) that the
  ``pocketsphinx`` wheel ships (install ``cleanwire[lm]``). It sees two words
  each side and sentence boundaries, which is what "taken of vote lists"
  against "taken off vote lists" needs.

:func:`context_model` gives the best one installed, loaded once per process,
so that forked workers share it. Models are consulted only for the few
candidates a repair proposes, never per word.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, Protocol

from cleanwire import lexicon
from cleanwire.errors import SettingsError

SENTENCE_START = "<s>"
SENTENCE_END = "</s>"
BOUNDARIES = frozenset((SENTENCE_START, SENTENCE_END))
ModelName = Literal["auto", "bigram", "trigram"]
MODEL_NAMES: tuple[ModelName, ...] = ("auto", "bigram", "trigram")

# Words in context are joined by one space or hyphen. The end of a sentence or a clause
# (a comma, a colon) is a boundary: the models were trained on sentences without
# punctuation, where a clause's end is most like a sentence's. Other marks end the context.
_JOINER = re.compile(r"[ -]")
_SENTENCE_BREAK = re.compile(r"[.!?,;:][\"'’”)]*\s+")
_SENTENCE_STOP = re.compile(r"[.!?,;:][\"'’”)]*(?:\s|$)")


@dataclass(frozen=True)
class Context:
    """The words around one word, lowercase: ``left`` nearest last, ``right`` nearest first.

    ``left`` may start with :data:`SENTENCE_START` and ``right`` end with
    :data:`SENTENCE_END` where the sentence begins or ends there.
    """

    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


def context_of(
    words: Sequence[re.Match[str]], index: int, text: str, repaired: Mapping[int, str] | None = None, width: int = 2
) -> Context:
    """The context of ``words[index]`` in ``text``: up to ``width`` words each side.

    ``repaired`` gives, by index, words to read as repaired (lowercase).

    >>> text = "He was taken of the lists. Then"
    >>> words = list(re.finditer(r"[A-Za-z]+", text))
    >>> context_of(words, 3, text)
    Context(left=('was', 'taken'), right=('the', 'lists'))
    >>> context_of(words, 0, text), context_of(words, 5, text)
    (Context(left=('<s>',), right=('was', 'taken')), Context(left=('of', 'the'), right=('</s>',)))
    """
    left: list[str] = []
    i = index
    while len(left) < width:
        gap_start = words[i - 1].end() if i > 0 else 0
        gap = text[gap_start : words[i].start()]
        if i == 0 and not gap.strip() or i > 0 and _SENTENCE_BREAK.fullmatch(gap):
            left.append(SENTENCE_START)
            break
        if i == 0 or not _JOINER.fullmatch(gap):
            break
        i -= 1
        left.append(_spelled(words, i, repaired))
    right: list[str] = []
    i = index
    while len(right) < width:
        gap_end = words[i + 1].start() if i + 1 < len(words) else len(text)
        gap = text[words[i].end() : gap_end]
        if _SENTENCE_STOP.match(gap) or i + 1 == len(words) and not gap.strip():
            right.append(SENTENCE_END)
            break
        if i + 1 == len(words) or not _JOINER.fullmatch(gap):
            break
        i += 1
        right.append(_spelled(words, i, repaired))
    return Context(tuple(reversed(left)), tuple(right))


def _spelled(words: Sequence[re.Match[str]], index: int, repaired: Mapping[int, str] | None) -> str:
    return repaired[index] if repaired and index in repaired else words[index].group().lower()


class ContextModel(Protocol):
    """Scores a word in its context; higher is likelier.

    ``margin``: how much likelier (log10) a repair must make a real word's
    place before it replaces the word, set for this model on the shared
    evaluation cases (precision first).
    """

    name: str
    margin: float

    def knows(self, word: str) -> bool:
        """Whether ``word`` (lowercase) is in the model's vocabulary."""
        ...

    def score(self, context: Context, word: str) -> float:
        """log10 P(word, and the right context that depends on it | the left context)."""
        ...


class BigramModel:
    """symspellpy's English bigrams, interpolated with word frequencies: one word each side.

    >>> model = BigramModel()
    >>> model.score(Context(("he",), ("the",)), "left") > model.score(Context(("he",), ("the",)), "let")
    True
    """

    name = "bigram"
    margin = 1.0
    # Weight of the bigram estimate against the plain word frequency.
    BIGRAM_WEIGHT = 0.7

    def knows(self, word: str) -> bool:
        """Whether symspellpy's or wordfreq's English counts have ``word``."""
        return lexicon.zipf(word) > 0

    def score(self, context: Context, word: str) -> float:
        """log10 P(word | previous word) + log10 P(next word | word)."""
        previous = context.left[-1] if context.left and context.left[-1] != SENTENCE_START else None
        following = context.right[0] if context.right and context.right[0] != SENTENCE_END else None
        total = math.log10(self._conditional(previous, word)) if previous else self._log_frequency(word)
        if following:
            total += math.log10(self._conditional(word, following))
        return total

    @staticmethod
    def _log_frequency(word: str) -> float:
        return lexicon.zipf(word) - 9 if lexicon.zipf(word) > 0 else -12.0

    def _conditional(self, first: str, second: str) -> float:
        unigram = 10 ** (lexicon.zipf(second) - 9) or 1e-12
        first_count = lexicon.bigram_left_totals().get(first)
        if not first_count:
            return unigram
        bigram = lexicon.bigram_table().get((first, second), 0) / first_count
        return self.BIGRAM_WEIGHT * bigram + (1 - self.BIGRAM_WEIGHT) * unigram


class TrigramModel:
    """CMU's US-English 3-gram model from the ``pocketsphinx`` wheel: two words each side.

    A word the model does not know ends the context there (its vocabulary
    is lowercase, without digits): the history is shortened rather than
    filled with a placeholder that would favour neither reading.
    """

    name = "trigram"
    margin = 1.5
    # pocketsphinx scores in units of log base 1.0001; an unknown word scores this.
    _LOG_BASE = math.log10(1.0001)
    _UNKNOWN = -536870912
    # log10 P of a word outside the vocabulary: below the rarest word the model knows.
    UNKNOWN_WORD_LOG10 = -7.0

    def __init__(self, path: str | None = None) -> None:
        import pocketsphinx  # the optional extra: cleanwire[lm]

        # pocketsphinx logs every model it loads on stderr unless told not to.
        pocketsphinx.set_loglevel("FATAL")
        self.path = path or os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")
        self._model: Any = pocketsphinx.NGramModel.readfile(self.path)
        self._known: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        """Whether the model's vocabulary has ``word`` (lowercase)."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._model.prob([word]) > self._UNKNOWN
        return known

    def score(self, context: Context, word: str) -> float:
        """log10 of P(word | two before) and of P(each right word | the two before it)."""
        history: list[str] = []
        for before in reversed(context.left):
            if not self.knows(before):
                break
            history.insert(0, before)
        if self.knows(word):
            sequence = [*history, word]
            total = self._log10(sequence)
        else:
            # Rarer than any word the model knows, and no history for the words after it.
            sequence, total = [], self.UNKNOWN_WORD_LOG10
        for after in context.right:
            if not self.knows(after):
                break
            sequence.append(after)
            total += self._log10(sequence)
        return total

    def _log10(self, sequence: list[str]) -> float:
        """log10 P(last word | the two before it); pocketsphinx takes the words newest first."""
        return float(self._model.prob(sequence[:-4:-1])) * self._LOG_BASE


def trigram_available() -> bool:
    """Whether the 3-gram model's package (``cleanwire[lm]``) is installed."""
    try:
        import pocketsphinx  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=None)  # one model per name, for the life of the process
def context_model(name: ModelName = "auto") -> ContextModel:
    """The context model called ``name``; ``"auto"``: the 3-gram model where installed, else bigrams.

    >>> context_model("bigram").name
    'bigram'
    >>> context_model("auto").name == ("trigram" if trigram_available() else "bigram")
    True
    """
    if name not in MODEL_NAMES:
        raise SettingsError(f"context model {name!r} is unknown; use one of: {', '.join(MODEL_NAMES)}")
    if name == "bigram" or name == "auto" and not trigram_available():
        return BigramModel()
    require_installed(name)
    return TrigramModel()


def require_installed(name: ModelName) -> None:
    """Raise ``SettingsError`` saying how to install the package of model ``name``, if it is missing."""
    if name == "trigram" and not trigram_available():
        raise SettingsError("context model 'trigram' needs pocketsphinx: pip install 'cleanwire[lm]'")
