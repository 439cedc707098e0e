"""Letters lost where a font drew a ligature: "ater" → "after", "frst" → "first".

A noisy-channel repair. The channel is the ligature table
(``dictionaries/ligatures.toml``): which letter sequences a font draws as one
glyph and what an export leaves in their place. For each word the filter
proposes only the words that re-inserting such letters gives, and weighs:

* the word's own frequency against the candidate's (``lexicon.zipf``);
* how much this document lost that ligature: damaged forms the channel
  explains against intact words holding the same letters. Loss is per font,
  so per document: a text that keeps its "fi" never gets "fi" repairs; and
  fonts draw their f-ligatures together, so a text that lost "fi" in one
  manner, with no intact "fl" word, is read as losing "fl" so too;
* for repairs that turn a real word into another ("let" → "left"), the
  words around it (`models.context`: a 3-gram model where installed), and only in a document
  that lost that ligature nearly everywhere.

Names the vocabulary does not know are repaired only to a form the document
itself writes elsewhere ("Vioti" → "Viotti" beside a caption's "Viotti").
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from cleanwire import lexicon
from cleanwire.blocks import (
    BLOCK_SIZE,
    byte_words,
    distinct_matches,
    line_blocks,
    lowercase_blocks,
)
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import AtLeastOne, Document, Filter, Share
from cleanwire.hyphens import SUSPENDED, compounds_at_hyphens
from cleanwire.models.context import (
    BOUNDARIES,
    Context,
    ModelName,
    context_model,
    context_of,
    require_installed,
)
from cleanwire.models.ligatures import (
    CANDIDATE_ZIPF,
    EVIDENCE_GAIN,
    NOT_LETTERS_OR_DIGITS,
    Loss,
    best_nonword_candidate,
    candidates,
    evidence,
    evidence_in,
    forms_by_loss,
    letters_per_character,
    losses,
    match_case,
    may_show_loss,
    prepare_channel,
)
from cleanwire.models.transformer import (
    SecondOpinion,
    TransformerModel,
    require_second_opinion,
    second_opinion_model,
)
from cleanwire.sentences import in_title_case_line, opens_sentence
from cleanwire.words import in_one_case

# A word of letters, not glued to digits, e-mail addresses, URLs, hashtags or
# the suffix of a contraction ("don't" gives "don", never "t"), nor the first piece
# of a word a line break split, which the line-break filter judged as it stood; a
# single quote that opens a quotation ("the 'cuting edge'") is no contraction's. (Opened by a look ahead
# for a letter, which `re` skips ahead by.)
WORD = re.compile(r"(?=[A-Za-z])(?:(?<![\w@#./\\'’])|(?<=[\s(\[\"“]['‘’])|(?<=^['‘’]))[A-Za-z]+(?![\w@/]|\.\w|-[ \t]*\n)")
# Letters and digits together, so that "2nd" is one token (and not evidence of "find").
# (Written out rather than as {2,}: `re` runs this form faster.)
_LETTERS = re.compile(r"[a-z0-9][a-z0-9]+")
_RARE_NAME_ZIPF = 3.5
# Two lowercase parts joined by one hyphen, not part of a longer compound: "wi-f", "lay-of".
_LOWERCASE_COMPOUND = re.compile(r"(?<![\w@#./\\'’-])(?P<first>[a-z]+)-(?P<second>[a-z]+)(?![\w@/-]|\.\w)")
_LOWERCASE_LETTER = re.compile(r"[a-z]")
# A compound's first part and its hyphen, hanging before a space: its second part may have vanished.
_HANGING_COMPOUND = re.compile(r"(?<![\w@#./\\'’-])(?P<first>[a-z]+)-[ \t]+(?P<next>[a-z]+)\b")
_SPACE_THEN_LOWERCASE = re.compile(r"[ \t]+[a-z]")
_LONE_LETTERS = frozenset("bcdefghijklmnopqrstuvwxyz")
_STRICT_FORM_RATE = 0.4
# Intact words of a font set's other ligatures that rule out one damaged word as the font's loss.
_INTACT_SIBLINGS = 2
# A manner of loss is the document's where this many different words show it, of two ligatures or more.
_MANNER_WORDS = 4


def _shown_manners(best_losses: dict[str, tuple[Loss, ...]]) -> dict[str, int]:
    """The manners of loss ("vanished", "first", "last") the document's damaged words show, over all
    ligatures, each with how many different words show it.

    ``best_losses``: each damaged word's likeliest losses. An extractor loses
    every glyph it cannot map in one manner, so a strict form ("ft" vanished,
    which many strings of common words show) seen in one word is read where
    other ligatures vanished too.

    >>> ft, fi, st = Loss("ft", ""), Loss("fi", ""), Loss("st", "")
    >>> _shown_manners({"aer": (ft,), "gures": (fi,), "nal": (fi,), "ruggle": (st,)})
    {'vanished': 4}
    >>> _shown_manners({"gures": (fi,), "nal": (fi,), "rst": (fi,), "nancial": (fi,)})
    {}
    """
    words: dict[str, set[str]] = {}
    letters: dict[str, set[str]] = {}
    for word, found in best_losses.items():
        for loss in found:
            words.setdefault(loss.manner, set()).add(word)
            letters.setdefault(loss.manner, set()).add(loss.letters)
    return {manner: len(words[manner]) for manner in words
            if len(words[manner]) >= _MANNER_WORDS and len(letters[manner]) >= 2}


def _lone_letter(text: str, match: re.Match[str]) -> bool:
    """A lowercase letter standing alone, not an elision ("l'Audiovisuel") or a list's label ("b-");
    or a capital alone that opens a sentence ("I the talks fail": "If"), not an initial ("J. Smith").

    >>> [_lone_letter(t, WORD.search(t)) for t in ("o the", "l'Audiovisuel", "a b", "b-", "I the", "J. Smith")]
    [True, False, False, False, True, False]
    """
    after = text[match.end() : match.end() + 1]
    if match.group().isupper():
        return opens_sentence(text, match.start()) and after == " "
    return match.group() in _LONE_LETTERS and after not in ("'", "’", "-")
# "after", "first", "often": words too common to be the restored form of a name.
_COMMONEST_ZIPF = 5.0
# How much commoner (Zipf) one reading must be than the next to be taken on frequency alone.
_CLEAR_ZIPF_LEAD = 1.0
_RIVAL_MARGIN = 1.5
_BIGRAMS = context_model("bigram")
_AFTER_NUMBER = re.compile(r"\d\s?$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+) $")
_HANGING_HYPHEN = re.compile(r"-\s")



@dataclass(frozen=True)
class LossEstimate:
    """How often this document shows a loss: damaged words it explains, intact words against it."""

    damaged: int
    intact: int
    #: Different damaged words of any ligature that lost its letters in this loss's manner, where the
    #: document shows that manner (``_shown_manners``): an extractor loses every unmapped glyph one way.
    same_manner: int = 0

    @property
    def rate(self) -> float:
        """Share of the words holding these letters that lost them (smoothed by one)."""
        return self.damaged / (self.damaged + self.intact + 1)

    @property
    def evidence(self) -> int:
        """Damaged words that show this loss: its own, or all of its manner where the document shows one."""
        return max(self.damaged, self.same_manner)


@dataclass(frozen=True)
class LigatureSettings:
    """How much evidence a repair needs.

    ``known_zipf``: a word this frequent is a real word (Zipf scale).
    ``candidate_zipf``: a repair must be at least this frequent.
    ``nonword_margin``: how much more likely (log10) the repaired word must be,
    in its context and counting the document's loss rate, than the word as it
    stands; also how far ahead of any other repair it must be.
    ``evidence_gain``: a word is evidence of a loss when restoring the letters
    makes it this much more frequent (Zipf; 1.5 = about thirty times).
    ``min_loss_rate``: the share of this ligature's words the document must have
    lost before any repair with it. No repair at all unless the document
    shows ``min_damaged_words`` or more words that are not words without some
    ligature's letters (one alone may be a typo), or one word that restoring
    makes ``strong_evidence_gain`` (Zipf; 2.5 = about three hundred times) more frequent
    ("atempt", "oten" are no typos a writer makes), where the loss rate it
    gives is ``single_word_loss_rate`` or more (one intact word at most).
    ``real_words``: also repair real words ("let" → "left") where the document
    lost the ligature at ``real_word_loss_rate`` or more, in ``real_word_evidence``
    or more places, and the repair is ``context_margin`` (log10; None: the
    model's own margin) more likely by the ``context_model``
    (``models.context``: "auto", "bigram" or "trigram"). A reading
    ``real_word_rarity`` Zipf or more below the real word as written ("theft"
    for "the", a thousand times rarer) is not weighed: only a context such as
    "a the of" makes up that much, and none of the shared cases or clean
    corpora held one where such words were weighed by the thousand. Where the document
    lost the ligature in ``wide_loss_rate`` or more of its words, a lowercase
    word standing between words (not a compound's part, which a word model
    reads as a word of its own) needs ``wide_loss_margin_cut`` (log10) less:
    there the word as written is more likely damaged than not ("or" for "for"
    in a font without "f"). Short of its margin, a real word's repair is made
    where the context model finds it ``agreed_margin`` (log10) or more likelier
    and the bigram table, counted from other text, ``bigram_agreement`` or more
    likelier too: two models that agree are surer than either (None: never).
    ``second_opinion``: who settles a real word's close call, where the
    context model finds the repair ``close_call`` (log10) or more likelier but
    short of its margin: "auto" (the transformer of ``models.transformer``
    where ``cleanwire[lm-large]`` is installed), "transformer" or "none". The
    repair is made if the transformer finds the whole sentence with it
    ``second_opinion_margin`` (log10) or more likelier.
    ``min_explained_share``: the share of the document's lowercase non-words
    that lost ligatures must explain. A text lost to OCR noise ("Mundnrr",
    "coiner") has some non-words that look like lost ligatures by chance
    ("ind", "fow"); a font's lost ligatures explain most non-words of a text.
    """

    known_zipf: float = 3.0
    candidate_zipf: float = CANDIDATE_ZIPF
    nonword_margin: float = 1.0
    min_loss_rate: Share = 0.1
    evidence_gain: float = EVIDENCE_GAIN
    min_damaged_words: AtLeastOne = 2
    strong_evidence_gain: float = 2.5
    single_word_loss_rate: Share = 0.3
    real_words: bool = True
    real_word_loss_rate: Share = 0.3
    real_word_evidence: AtLeastOne = 2
    real_word_rarity: float = 3.0
    context_margin: float | None = None
    wide_loss_rate: Share = 0.6
    wide_loss_margin_cut: float = 0.8
    agreed_margin: float | None = 0.5
    bigram_agreement: float = 1.0
    min_explained_share: Share = 0.25
    context_model: ModelName = "auto"
    second_opinion: SecondOpinion = "auto"
    close_call: float = -0.5
    second_opinion_margin: float = 3.5


class LigatureFilter(Filter):
    """Restore letters lost with ligature glyphs, per document, by a noisy-channel model."""

    name = "ligatures"
    _second_opinion: TransformerModel | None
    description = "letters lost with ligature glyphs: ater→after, frst→first, ofcials→officials"
    Settings = LigatureSettings

    def validate(self) -> None:
        require_installed(self.settings.context_model)
        require_second_opinion(self.name, self.settings.second_opinion)

    def prepare(self) -> None:
        s = self.settings
        context_model(s.context_model)
        self._second_opinion = second_opinion_model(s.second_opinion)
        # The channel, and the bigrams for non-words (the context model may be another).
        prepare_channel(s.candidate_zipf, s.evidence_gain)
        lexicon.known_word_bytes(s.candidate_zipf)
        lexicon.bigram_table()
        # Else made by the first text that lost a font's glyphs, in the middle of its cleaning.
        _letters_per_character(s.known_zipf)

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        # What the repairs are worked out from (word counts, loss rates, memos) is let go before the
        # text is rewritten: a long text's would stay beside its two copies.
        return rewrite(doc.text, self._changes(doc), self.name)

    def _changes(self, doc: Document) -> list[Change]:
        """The repairs of ``doc``, in order of precedence."""
        text = doc.text
        s = self.settings
        # In bulk first: most documents have no word the model explains, and end here.
        # Damage evidence: words (even real ones, "nd") that re-inserting a ligature makes far more frequent.
        # Most texts have none; that is found in bytes, where a C table turns all but ASCII letters
        # and digits into spaces and split() cuts there: the runs _LETTERS finds, twice as fast.
        written = _WordCounts(text)
        present = evidence_in(written.token_blocks(), s.candidate_zipf, s.evidence_gain)
        if not may_show_loss(present, s.candidate_zipf, s.evidence_gain):
            return []
        evidence_words = evidence(s.candidate_zipf, s.evidence_gain).words
        suspects = {w.decode() for w in present if len(w) > 1 and w.isalpha()}
        suspects.update(evidence_words.intersection(written.compounds))
        if not suspects:
            return []
        rates = self._loss_rates(written, suspects)
        # The losses read in this document: only these repair a word.
        active = {loss: estimate for loss, estimate in rates.items() if estimate.rate >= s.min_loss_rate}
        if not active:
            return []
        # Explained: the suspects a loss read in this document restores (not those only another loss restores).
        explained = sum(written.count(word) for word in suspects
                        if any(loss in active for _, loss in candidates(word, s.candidate_zipf)))
        # Unexplained: lowercase words rarer than any repair this filter makes ("tlie", "watcr").
        if explained < s.min_explained_share * (explained + written.unexplained(evidence_words, s.candidate_zipf)):
            return []  # most of its non-words are no lost ligatures: OCR noise, say
        # Words the reference edition spells the same way are confirmed as they are.
        confirmed = set(WORD.findall(doc.reference)) if doc.reference else set()
        # A text of one block, as most are, is read for its words once: for the forms it writes and for its repairs.
        blocks = list(line_blocks(text))
        one_block = list(WORD.finditer(text)) if len(blocks) == 1 else None
        words_written = distinct_matches(WORD, text) if one_block is None else set(map(re.Match.group, one_block))
        damaged_forms = self._damaged_forms(words_written, active)
        changes = self._compound_repairs(text, rates)
        # Every word is context, so a block's words are weighed with its neighbours' in hand; a
        # context never crosses a line or a sentence's end, so blocks ending there weigh each word as the whole text would.
        previous: list[re.Match[str]] = []
        memo = _Memo(tuple(forms_by_loss(s.candidate_zipf).get(loss, frozenset()) for loss in active))
        for start, end in blocks:
            following = WORD.search(text, end)
            found = list(WORD.finditer(text, start, end)) if one_block is None else one_block
            words = previous + found + ([following] if following else [])
            inside = range(len(previous), len(words) - (1 if following else 0))
            changes += self._block_repairs(text, words, inside, rates, confirmed, damaged_forms, memo)
            previous = words[inside.stop - 1 : inside.stop] if inside else previous
        # A compound's repair ("wi-f" → "wi-fi") wins over one of its parts'.
        return changes

    def _block_repairs(
        self, text: str, words: list[re.Match[str]], inside: range, rates: dict[Loss, LossEstimate],
        confirmed: set[str], damaged_forms: dict[str, dict[str, tuple[Loss, float]]], memo: _Memo,
    ) -> list[Change]:
        """The repairs of ``words[i]`` for ``i`` in ``inside``, in order; the other words are context."""
        # In C passes: a long text has many words, few of them weighed.
        tokens = list(map(re.Match.group, words[inside.start : inside.stop]))
        lowered = list(map(str.lower, tokens))
        # Only words that an active loss could explain, or that the text writes whole elsewhere, are weighed one
        # by one; what a word may be is asked once per distinct word.
        unasked = set(lowered) - memo.may_repair.keys()
        # A word that no active loss of the document makes of a known word has no usable candidate: a set
        # operation per loss rules most out.
        explicable = set().union(*(unasked & forms for forms in memo.active_forms))
        memo.may_repair.update(dict.fromkeys(unasked - explicable, False))
        memo.may_repair.update((word, self._may_repair(word, rates)) for word in explicable)
        may_repair = memo.may_repair
        # A lone lowercase letter but "a" is no word of prose, and may be one that lost letters ("o" for "of").
        eligible = [index for index, token, word in zip(inside, tokens, lowered)
                    if (may_repair[word] or token in damaged_forms)
                    and (len(token) > 1 or _lone_letter(text, words[index]))
                    and token not in confirmed]
        shown = self._written_elsewhere(text, words, eligible, damaged_forms)
        weighed = [index for index in eligible if may_repair[lowered[index - inside.start]] or index in shown]
        real = {index for index in weighed if self._is_real(text, words[index])}
        # Non-words first: a real word is then weighed among its neighbours as repaired ("of" in
        # "the rest o the party" is judged beside "of", not "o").
        repairs = {index: self._repair(text, words, index, rates, {}, memo) or shown.get(index)
                   for index in weighed if index not in real}
        neighbours = {index: change.after.lower() for index, change in repairs.items() if change is not None}
        repairs.update((index, self._repair(text, words, index, rates, neighbours, memo) or shown.get(index))
                       for index in real)
        return [change for _, change in sorted(repairs.items()) if change is not None]

    def _compound_repairs(self, text: str, rates: dict[Loss, LossEstimate]) -> list[Change]:
        """Lowercase compounds whose damage shows only when their parts are joined.

        "wi-f" is "wifi" with "fi" drawn as "f", and "lay-of" is "layoff"; the
        letters go back into the part that lost them ("hal-time" is "half-time"),
        and the hyphen stays.
        """
        s = self.settings
        changes = []
        for match in _lowercase_compounds(text):
            first, second = match.group("first"), match.group("second")
            best = best_nonword_candidate(first + second, s.candidate_zipf, s.evidence_gain)
            if best is None or not (best[0].startswith(first) or best[0].endswith(second)):
                continue
            # Two losses may tie on rate: the first of the table's order is taken, never a comparison of losses.
            rate, loss = max(((rates[loss].rate, loss) for loss in best[1] if loss in rates),
                             key=lambda pair: pair[0], default=(0.0, None))
            if loss is None or rate < s.min_loss_rate:
                continue
            # Letters lost at the hyphen go to the part they make a word of: "non-fiction", "half-time"; to
            # the part that is no word alone where either could take them ("de-acto" is "de-facto").
            options = []
            if best[0].startswith(first):
                options.append((second, match.start("second"), match.end("second"), best[0][len(first) :]))
            if best[0].endswith(second):
                options.append((first, match.start("first"), match.end("first"), best[0][: -len(second)]))
            # Letters lost from both parts ("our-old" for "four-fold") leave no part whole to cut at.
            options = [option for option in options if lexicon.zipf(option[3])]
            if not options:
                continue
            _, start, end, restored = max(options, key=lambda option: (
                lexicon.zipf(option[0].lower()) < s.known_zipf, lexicon.zipf(option[3])))
            changes.append(Change(
                start, end, restored, loss.letters,
                f"'{first}-{second}' is '{first}{second}', not a word; '{best[0]}' with {loss.letters!r} restored "
                f"(this text shows {loss} in {rate:.0%} of its {loss.letters!r} words)",
            ))
        return changes + self._hanging_compound_repairs(text, rates)

    def _hanging_compound_repairs(self, text: str, rates: dict[Loss, LossEstimate]) -> list[Change]:
        """Compounds whose second part was a ligature's letters alone, vanished: "wi- without" is "wi-fi".

        The first part must make a known word with letters the text lost so, and the next word must be
        no suspended hyphen's ("pre- and post-war").
        """
        s = self.settings
        changes = []
        for match in compounds_at_hyphens(text, _HANGING_COMPOUND, _SPACE_THEN_LOWERCASE, whole=False):
            if match.group("next") in SUSPENDED:
                continue
            first = match.group("first")
            readings = sorted(((lexicon.zipf(cand), cand, loss) for cand, loss in candidates(first, s.candidate_zipf)
                               if not loss.form and cand == first + loss.letters
                               and loss in rates and rates[loss].rate >= s.min_loss_rate), reverse=True)
            if not readings or len(readings) > 1 and readings[0][0] - readings[1][0] < _CLEAR_ZIPF_LEAD:
                continue
            _, cand, loss = readings[0]
            after_hyphen = match.end("first") + 1
            changes.append(Change(
                after_hyphen, after_hyphen, loss.letters, loss.letters,
                f"'{first}-' hangs before a space; '{cand}' with {loss.letters!r} restored after its hyphen "
                f"(this text shows {loss} in {rates[loss].rate:.0%} of its {loss.letters!r} words)",
            ))
        return changes

    @staticmethod
    def _damaged_forms(
        written: set[str], active: dict[Loss, LossEstimate]
    ) -> dict[str, dict[str, tuple[Loss, float]]]:
        """What each word the text writes becomes with an ``active`` loss, in its case, with that loss.

        Built once per document: a lookup per word then, rather than re-inserting
        letters into every word.
        """
        # Of two losses that make the same form of a word ("Ffion" is "Fion" by fi→i and by ff→f), the
        # one the text shows most explains it; in a fixed order, so that every run explains it alike.
        ordered = sorted(((loss, e.rate) for loss, e in active.items()), key=lambda pair: (-pair[1], str(pair[0])))
        damaged_forms: dict[str, dict[str, tuple[Loss, float]]] = {}
        # Most words hold none of the letters: one search says so, where a search per loss would ask again.
        any_letters = re.compile("|".join(sorted({re.escape(loss.letters) for loss, _ in ordered})))
        for word in written:
            lowered = word.lower()
            if any_letters.search(lowered) is None:
                continue
            for loss, rate in ordered:
                start = lowered.find(loss.letters)
                while start >= 0:
                    damaged = match_case(word, lowered[:start] + loss.form + lowered[start + len(loss.letters) :])
                    damaged_forms.setdefault(damaged, {}).setdefault(word, (loss, rate))
                    start = lowered.find(loss.letters, start + 1)
        return damaged_forms

    def _written_elsewhere(
        self, text: str, words: list[re.Match[str]], eligible: list[int],
        damaged_forms: dict[str, dict[str, tuple[Loss, float]]],
    ) -> dict[int, Change]:
        """Repairs the document itself shows: names and non-words whose restored form it writes.

        "Vioti" becomes "Viotti" where the text writes "Viotti" (in a caption
        set in a font that kept its ligatures, say) and lost "tt" elsewhere;
        the vocabulary need not know the name. ``damaged_forms``: see :meth:`_damaged_forms`.
        """
        s = self.settings
        repairs: dict[int, Change] = {}
        for index in eligible:
            match = words[index]
            token = match.group()
            found = damaged_forms.get(token, {})
            if len(found) != 1:
                continue  # none, or two readings: leave it
            if not (token.islower() or token.istitle()):
                continue
            # A rare word, or a name that is no common word: "At" after ".-" is no name to repair to "Flat".
            zipf = lexicon.zipf(token.lower())
            if not (zipf < s.known_zipf or (zipf < _RARE_NAME_ZIPF and _is_name(token, text, match.start()))):
                continue
            after, (loss, rate) = next(iter(found.items()))
            if zipf >= s.known_zipf and rate < s.real_word_loss_rate:
                continue  # a word as written ("Scot" beside "Scott"): only where the text lost the letters widely
            repairs[index] = Change(
                match.start(), match.end(), after, loss.letters,
                f"this text writes {after!r} elsewhere and shows {loss} in {rate:.0%} of its {loss.letters!r} words",
            )
        return repairs

    def _loss_rates(self, words: _WordCounts, suspects: set[str]) -> dict[Loss, LossEstimate]:
        """For each loss the document shows, its damaged and intact word counts; none where no loss
        reaches ``min_loss_rate``, the rate a repair needs.

        Which losses its words show is settled first: most long texts show none, and are
        not read again for how often they write each word.
        """
        s = self.settings
        text = words.text
        glyphless = _missing_glyph_losses(text, suspects, s.candidate_zipf)
        if glyphless:
            # A font without this letter's glyph: it is lost from every word, and nothing else is.
            damaged = sum(words.count(w) for w in suspects
                          if any(loss in glyphless for _, loss in candidates(w, s.candidate_zipf)))
            return {loss: LossEstimate(damaged, 0) for loss in glyphless}
        shown_in: Counter[Loss] = Counter()  # distinct words
        best_losses: dict[str, tuple[Loss, ...]] = {}
        restored: dict[str, str] = {}
        for word in suspects:
            best = best_nonword_candidate(word, s.candidate_zipf, s.evidence_gain)
            if best is not None:
                # A word two losses explain is evidence of both; the intact words decide between them.
                shown_in.update(best[1])
                restored[word], best_losses[word] = best
        # An extractor loses every glyph it cannot map in one manner: where other ligatures' letters
        # vanished in enough words, one more word that lost "ft" so ("aer") is that document's map too.
        shown_manners = _shown_manners(best_losses)
        if not any(shown_in[loss] >= loss.min_words or loss.manner in shown_manners for loss in shown_in):
            return {}
        explained: Counter[Loss] = Counter()
        for word, found in best_losses.items():
            for loss in found:
                if shown_in[loss] >= loss.min_words or loss.manner in shown_manners:
                    explained[loss] += words.count(word)
        siblings = [
            loss for loss in losses() if loss not in explained and not loss.min_words and loss.siblings & set(explained)
        ]
        intact = words.holding({loss.letters for loss in explained} | {loss.letters for loss in siblings}, suspects)
        # A font loses a ligature one way or another ("ffi" may keep "f" or vanish, and
        # the two explain some words alike): the rate is per letters, over all forms seen.
        per_letters: Counter[str] = Counter()
        for loss, count in explained.items():
            per_letters[loss.letters] += count
        rates = {loss: LossEstimate(per_letters[loss.letters], intact[loss.letters]) for loss in explained}
        # A font that lost "fi" one way lost its "fl" the same way, unless an intact "fl" word says otherwise.
        for loss in siblings:
            if not intact[loss.letters]:
                rates[loss] = LossEstimate(max(rates[seen].damaged for seen in loss.siblings & set(explained)), 0)
        # A strict form is read only where two in five words with its letters lost them (one more counted
        # intact): a font's glyph is lost wherever the font is used (a caption's font may keep it), while
        # noise loses letters here and there ("ood", "Ince").
        rates = {loss: replace(r, same_manner=shown_manners.get(loss.manner, 0)) for loss, r in rates.items()
                 if not loss.min_words or r.rate >= _STRICT_FORM_RATE}
        unwritten = _letters_all_but_unwritten(text, shown_manners, s.known_zipf)
        # No loss at the rate a repair needs, nor a letter never written: nothing below can make one so,
        # and a long clean text ends here, unread for how it writes names.
        if all(estimate.rate < s.min_loss_rate for estimate in (*rates.values(), *unwritten.values())):
            return {}
        in_lowercase = words.in_lowercase(set(best_losses))
        # A text in one case (lowercased on purpose, or in capitals throughout) cannot tell a name from a
        # word: each suspect counts once, as a name would ("bafin" six times is no six words that lost "ff").
        cased = not in_one_case(text)
        weight: dict[str, int] = {}  # how many damaged words each suspect counts as
        strong: list[str] = []
        for word, best_word in restored.items():
            # Each time it is written; but a capitalised name ("Aer Lingus") repeated is one word
            # where its restored form is one of the commonest words, which no name is ("After").
            # A name that lost a whole ligature is one word too: "Monica Seles" twice is no "Selfies".
            name_of_common_word = word not in in_lowercase and (
                lexicon.zipf(best_word) >= _COMMONEST_ZIPF
                or all(loss.manner == "vanished" for loss in best_losses[word]))
            weight[word] = words.count(word) if cased and not name_of_common_word else 1
            if lexicon.zipf(best_word) - lexicon.zipf(word) >= s.strong_evidence_gain:
                strong.append(word)
        # Damaged words are those a loss still read explains: a strict form set aside proves nothing.
        damaged_words = sum(n for word, n in weight.items() if any(loss in rates for loss in best_losses[word]))
        strong = [word for word in strong if any(loss in rates for loss in best_losses[word])]
        if damaged_words >= s.min_damaged_words:
            return {**unwritten, **rates}
        # One word alone: only in a text that writes capitals (where a name is told from a word), if it
        # is strong evidence, and the document has (nearly) no intact word with those letters, nor
        # with its font set's other ligatures: a font that lost "fl" lost "fi" too, and "faming"
        # among intact "fi" words is a word of its own.
        if not cased or not any(map(_in_lowercase(text), strong)):
            return {}
        return {loss: rate for loss, rate in rates.items() if rate.rate >= s.single_word_loss_rate
                and sum(intact[sibling.letters] for sibling in loss.siblings) < _INTACT_SIBLINGS}

    def _may_repair(self, word: str, rates: dict[Loss, LossEstimate]) -> bool:
        """Whether any occurrence of ``word`` (lowercase) can pass :meth:`_repair`: asked once per distinct word.

        A real word that no loss of the document explains well enough for a real-word
        repair is left wherever it stands alone, which, but for contractions and
        word-list entries ("rms"), is everywhere.
        """
        s = self.settings
        usable = [(cand, rates[loss]) for cand, loss in candidates(word, s.candidate_zipf)
                  if loss in rates and rates[loss].rate >= s.min_loss_rate]
        if not usable:
            return False
        if lexicon.zipf(word) < s.known_zipf:
            return True
        if s.real_words and any(r.rate >= s.real_word_loss_rate and r.evidence >= s.real_word_evidence
                                and not self._far_rarer(cand, word) for cand, r in usable):
            return True
        return word in lexicon.CONTRACTIONS or not lexicon.is_word_alone(word)

    def _far_rarer(self, reading: str, word: str) -> bool:
        """Whether ``reading`` is ``real_word_rarity`` Zipf or more below the real ``word``: not weighed against it."""
        rarity: float = self.settings.real_word_rarity
        return lexicon.zipf(word) - lexicon.zipf(reading) >= rarity

    def _is_real(self, text: str, match: re.Match[str]) -> bool:
        """Whether the word is a real word where it stands, which only its context can show to be damaged."""
        token = match.group()
        return _stands_alone(token, text, match.start()) and lexicon.zipf(token.lower()) >= self.settings.known_zipf

    def _repair(
        self, text: str, words: list[re.Match[str]], index: int, rates: dict[Loss, LossEstimate],
        neighbours: dict[int, str], memo: _Memo,
    ) -> Change | None:
        """The repair of ``words[index]``, if any; ``neighbours``: words already repaired, by index.

        What depends on the word alone, and on the word in a context, is worked
        out once per document (``memo``): a long text repeats both.
        """
        token = words[index].group()
        word = token.lower()
        start = words[index].start()
        if not _case_allows(token, text, start, word) or _after_apostrophe(token, text, start):
            return None
        stands_alone = _stands_alone(token, text, start)
        real = stands_alone and lexicon.zipf(word) >= self.settings.known_zipf
        if real and (not self.settings.real_words or _HANGING_HYPHEN.match(text, words[index].end())):
            return None  # "res- riced": a part of a word broken at a line's end, not a word in its context
        if real and lexicon.zipf(_joined_with_partner(text, words, index)) >= self.settings.known_zipf:
            return None  # "co-operate" is a word written joined too: its parts lost nothing
        if (token, real) not in memo.options:
            memo.options[token, real] = self._options(token, real, rates)
        if not memo.options[token, real]:
            return None
        # A non-word is read by the bigram table, which sees one word each side: the key of its reading too.
        context = context_of(words, index, text, neighbours, width=2 if real else 1)
        plain = real and token.islower() and not _in_compound(text, words[index])
        key = (token, stands_alone, plain, context)  # "real" follows from the first two
        if key not in memo.readings:
            memo.readings[key] = self._reading(token, stands_alone, real, context, memo.options[token, real], plain)
        reading = memo.readings[key]
        if reading is None:
            return None
        m = words[index]
        if reading.gain >= reading.margin:
            return reading.change(m.start(), m.end())
        # A close call: the transformer reads the whole sentence.
        assert self._second_opinion is not None
        read_as = {words[i].span(): match_case(words[i].group(), word) for i, word in neighbours.items()}
        second = self._second_opinion.replacement_gain(text, m.start(), m.end(), reading.after, read_as)
        if second < self.settings.second_opinion_margin:
            return None
        return reading.change(m.start(), m.end(), (self._second_opinion.name, second))

    def _options(self, token: str, real: bool, rates: dict[Loss, LossEstimate]) -> list[_Option]:
        """The words ``token`` may be, each with the losses that restore it and their rate in this document."""
        s = self.settings
        word = token.lower()
        # Each candidate once, with the losses this document shows most.
        found: dict[str, tuple[tuple[Loss, ...], float]] = {}
        unread: list[str] = []  # readings by losses this document does not show
        for cand, loss in candidates(word, s.candidate_zipf):
            estimate = rates.get(loss)
            if estimate is None or estimate.rate < s.min_loss_rate:
                unread.append(cand)
                continue
            if real and (estimate.rate < s.real_word_loss_rate or estimate.evidence < s.real_word_evidence
                         or self._far_rarer(cand, word)):
                continue
            if cand not in found or estimate.rate > found[cand][1]:
                found[cand] = ((loss,), estimate.rate)
            if not real:
                # A font loses all its ligatures: a word may have lost two, of two losses this text shows
                # ("frs": fi kept its f, st its s), where one restored leaves a rarer word ("firs").
                for second, other in candidates(cand, s.candidate_zipf):
                    also = rates.get(other)
                    # Both ligatures stand in the word ("flight" from "fght" would restore one f twice).
                    if other != loss and loss.letters in second and also is not None and also.rate >= s.min_loss_rate:
                        rate = estimate.rate * also.rate
                        if second not in found or rate > found[second][1]:
                            found[second] = ((loss, other), rate)
        # A non-word that a loss this text does not show reads as a far commoner word ("aying": "staying",
        # not "flaying") is too uncertain to repair: the map read from the document may be short of a form.
        if found and unread:
            if max(map(lexicon.zipf, unread)) - max(map(lexicon.zipf, found)) >= _RIVAL_MARGIN:
                return []
        return [(cand, lost, rate) for cand, (lost, rate) in found.items()
                if (len(word) > 1 or lexicon.zipf(cand) >= _COMMONEST_ZIPF)  # "o" is "of", never "fo"
                and not (token[0].isupper() and _capital_lost(word, cand, lost))
                # English writes a proper noun capitalised: "latest hety donation" is no "hetty".
                and not (token.islower() and lexicon.proper_nouns().get(cand.capitalize()) == "proper")]

    def _reading(
        self, token: str, stands_alone: bool, real: bool, context: Context, options: list[_Option], plain: bool,
    ) -> _Reading | None:
        """The best of ``options`` for ``token`` in ``context``, if it is clearly best.

        ``plain``: a lowercase real word between words, whose margin is cut where the text lost its ligature widely.
        """
        s = self.settings
        word = token.lower()
        # A real word is weighed against its repair by the context model; a non-word's
        # margin is set for bigram frequencies.
        model = context_model(s.context_model) if real else _BIGRAMS
        if not model.knows(word):
            model = _BIGRAMS  # no model judges a word it never saw
        if real and not any(model.knows(w) for w in (*context.left, *context.right) if w not in BOUNDARIES):
            return None  # a real word with no word beside it ("(Ealing,") has nothing to be judged by
        # Noisy channel: P(candidate in context) * P(this loss) against P(word in context).
        scored = sorted(
            ((model.score(context, cand) + math.log10(rate), cand, lost, rate) for cand, lost, rate in options),
            reverse=True,
        )
        best, cand, restored, rate = scored[0]
        if len(scored) > 1 and best - scored[1][0] < s.nonword_margin:
            return None  # two readings about as likely: leave it
        margin = (model.margin if s.context_margin is None else s.context_margin) if real else s.nonword_margin
        if plain and rate >= s.wide_loss_rate:
            margin -= s.wide_loss_margin_cut
        # A word the vocabulary does not know scores as the empty word would.
        gain = best - model.score(context, word if stands_alone else "")
        agreed = None  # the bigram table's gain, where its agreement cuts the margin
        if real and gain < margin and model is not _BIGRAMS and s.agreed_margin is not None and gain >= s.agreed_margin:
            bigram_gain = _BIGRAMS.score(context, cand) + math.log10(rate) - _BIGRAMS.score(context, word)
            if bigram_gain >= s.bigram_agreement:
                margin, agreed = s.agreed_margin, bigram_gain
        # Below the margin a real word may still be a close call for the second opinion.
        if gain < (min(margin, s.close_call) if real and self._second_opinion else margin):
            return None
        return _Reading(token, match_case(token, cand), restored, rate, model.name if real else None, gain, margin,
                        agreed)


@dataclass(frozen=True)
class _Reading:
    """The likeliest repair of a word in its context, and how much likelier it is than the word as it stands."""

    token: str
    after: str
    restored: tuple[Loss, ...]
    rate: float
    model: str | None  # the context model that judged a real word; None for a non-word
    gain: float
    margin: float
    agreed: float | None = None  # the bigram table's gain, where its agreement cut the margin

    def change(self, start: int, end: int, second_opinion: tuple[str, float] | None = None) -> Change:
        """The repair at ``start``–``end``, explained; ``second_opinion``: the model that settled a close call."""
        token, after = self.token, self.after
        if self.model is None:
            kind = "not a word here"
        else:
            judged = f"the {self.model} model finds {after!r} {self.gain:.1f} log10 likelier"
            if self.agreed is not None:
                judged += f", the bigram table {self.agreed:.1f}"
            if second_opinion is not None:
                judged += f", the {second_opinion[0]} model {second_opinion[1]:.1f} in the whole sentence"
            kind = f"a rarer word here ({judged})"
        letters = "+".join(lost.letters for lost in self.restored)
        shown = " and ".join(str(lost) for lost in self.restored)
        reason = f"{token!r} is {kind}; {after!r} with {letters!r} restored (this text shows {shown}, {self.rate:.0%})"
        return Change(start, end, after, letters, reason)


# A reading of a word: the word, the losses that restore it, their rate in the document.
_Option = tuple[str, tuple[Loss, ...], float]


@dataclass
class _Memo:
    """What one document's repairs work out once: the forms its active losses make of known words; by
    word, whether it may be repaired and its options; by word in a context, its reading."""

    active_forms: tuple[frozenset[str], ...]
    may_repair: dict[str, bool] = field(default_factory=dict)
    options: dict[tuple[str, bool], list[_Option]] = field(default_factory=dict)
    readings: dict[tuple[str, bool, bool, Context], _Reading | None] = field(default_factory=dict)


def _lowercase_compounds(text: str) -> list[re.Match[str]]:
    """Matches of ``_LOWERCASE_COMPOUND``, found from the hyphens (a regex search tries every letter).

    >>> [m.group() for m in _lowercase_compounds("the wi-f link, a Wi-Fi one, a face-to-face one")]
    ['wi-f']
    """
    return list(compounds_at_hyphens(text, _LOWERCASE_COMPOUND, _LOWERCASE_LETTER))


class _WordCounts:
    """How often ``text`` writes each token of ``_LETTERS`` in lowercase, each lowercase compound
    joined, and each lowercase word alone, each counted on first use: most long texts are done
    before their counts are needed.

    >>> words = _WordCounts("The wi-f link, the 2nd a")
    >>> [words.count(w) for w in ("the", "2nd", "wi", "wif", "link", "fi")], sorted(words.compounds)
    ([2, 1, 1, 1, 1, 0], ['wif'])
    >>> words.holding(["in", "nd"], besides={"link"})
    Counter({'nd': 1})
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def compounds(self) -> Counter[str]:
        """Lowercase compounds joined: "wi-f" is evidence as "wif"."""
        joined: Counter[str] = Counter()
        if "-" in self.text:
            for lowered in lowercase_blocks(self.text):
                joined.update(m["first"] + m["second"] for m in _lowercase_compounds(lowered))
        return joined

    def token_blocks(self) -> Iterable[Iterable[bytes]]:
        """The text's tokens a block at a time, for the bulk test of damage. A text longer than a block
        always holds some evidence, and goes on to count its words: its distinct tokens, counted once."""
        if len(self.text) > BLOCK_SIZE:
            return [self._tokens.keys()]
        return byte_words(self.text, NOT_LETTERS_OR_DIGITS, lowercase=True)

    def count(self, word: str) -> int:
        """How often the text writes ``word`` (lowercase, two letters or more): as a token, or a compound joined."""
        return self._counts[word.encode()]

    def holding(self, letters: Iterable[str], besides: AbstractSet[str]) -> Counter[str]:
        """For each of ``letters``, how many tokens and compounds joined hold them, but for the words ``besides``.

        The letters are found by C searches in the text's distinct words, a space apart; only the
        few words that hold them are looked at in Python.
        """
        left_out = {word.encode() for word in besides}
        listing, counts = self._listing, self._counts
        found: Counter[str] = Counter()
        for seq in letters:
            in_bytes = seq.encode()
            at = listing.find(in_bytes)
            while at >= 0:
                start, end = listing.rfind(b" ", 0, at) + 1, listing.find(b" ", at)
                end = len(listing) if end < 0 else end
                word = listing[start:end]
                if word not in left_out:
                    found[seq] += counts[word]
                at = listing.find(in_bytes, end)
        return found

    @cached_property
    def _listing(self) -> bytes:
        """The distinct tokens and compounds joined, a space apart."""
        return b" ".join(self._counts)

    @cached_property
    def _tokens(self) -> Counter[bytes]:
        """Every token, kept in bytes: a long text's many words are never decoded."""
        counts: Counter[bytes] = Counter()
        for words in byte_words(self.text, NOT_LETTERS_OR_DIGITS, lowercase=True):
            counts.update(words)
        return counts

    @cached_property
    def _counts(self) -> Counter[bytes]:
        """Every token and every compound joined."""
        if not self.compounds:
            return self._tokens
        counts = self._tokens.copy()
        counts.update({word.encode(): n for word, n in self.compounds.items()})
        return counts

    def in_lowercase(self, words: set[str]) -> set[str]:
        """Which of ``words`` the text writes as lowercase words alone (``LOWERCASE_WORD``).

        >>> sorted(_WordCounts("Tory and tory's, the nd-cap, an nd.").in_lowercase({"tory", "nd", "and"}))
        ['and', 'nd']
        """
        wanted = {word.encode() for word in words if len(word) > 1}
        return {word.decode() for word in wanted.intersection(self._lowercase_alone)}

    def unexplained(self, evidence_words: frozenset[str], min_zipf: float) -> int:
        """How many lowercase words alone are rarer than ``min_zipf`` and no lost ligature explains.

        >>> _WordCounts("ater the mundnrr of thatxiesi, in Mundnrr").unexplained(evidence(2.0, 1.5).words, 2.0)
        2
        """
        counts = self._lowercase_alone
        # One set difference leaves the few words the lexicon lacks: those alone are looked at in Python.
        unknown = counts.keys() - lexicon.known_word_bytes(min_zipf)
        return sum(counts[word] for word in unknown if len(word) > 1 and word.isalpha()  # "#" marks a longer token
                   and word.decode() not in evidence_words)

    @cached_property
    def _lowercase_alone(self) -> Counter[bytes]:
        """The text's words in :func:`_lowercase_alone_blocks`, counted: those of lowercase letters alone,
        and longer tokens marked with "#"."""
        counts: Counter[bytes] = Counter()
        for block in _lowercase_alone_blocks(self.text):
            counts.update(block.split())
        return counts


# Lowercase letters kept; capitals, digits, apostrophes and hyphens glue to them ("#"); all else a space.
_LOWERCASE_ALONE = bytes(
    b if 97 <= b <= 122 else 0x23 if 65 <= b <= 90 or 48 <= b <= 57 or b in b"'-" else 0x20 for b in range(256)
)


def _lowercase_alone_blocks(text: str) -> Iterator[bytes]:
    """``text`` a block at a time in bytes, its lowercase words alone (``LOWERCASE_WORD``) kept, words
    touching a capital, digit, apostrophe or hyphen marked with "#", all else spaces.

    >>> [block.split() for block in _lowercase_alone_blocks("Tory and tory’s, the nd-cap, café")]
    [[b'#ory', b'and', b'tory#s', b'the', b'nd#cap', b'caf']]
    """
    for start, end in line_blocks(text):
        yield text[start:end].replace("’", "'").encode("utf-8", "surrogatepass").translate(_LOWERCASE_ALONE)


def _in_lowercase(text: str) -> Callable[[str], bool]:
    """A test of whether ``text`` writes a word in lowercase, or capitalised where a sentence opens.

    Capitals elsewhere are a name's ("Aer Lingus"), and all capitals too ("AL-FASHER").

    >>> list(map(_in_lowercase("Ater the AL-FASHER talks, Aer Lingus said."), ["ater", "fasher", "aer"]))
    [True, False, False]
    """
    def written(word: str) -> bool:
        if re.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", text):
            return True
        capitalised = re.finditer(rf"(?<![A-Za-z]){word[0].upper()}{word[1:]}(?![A-Za-z])", text)
        return any(opens_sentence(text, m.start()) for m in capitalised)

    return written


# Lowercase letters a text must hold before the absence of one letter proves its glyph missing:
# "f" is about one letter in fifty of English, so 600 letters without one happen by chance about once in 10^5.
_GLYPHLESS_MIN_LETTERS = 600


def _letters_all_but_unwritten(text: str, shown_manners: dict[str, int], min_zipf: float) -> dict[Loss, LossEstimate]:
    """Losses of letters a text all but never writes where a text this long writes them many times,
    in the one manner it shows its other ligatures lost: its font lost them wherever they stood.

    A clean text expected to write "st" eight times or more writes it more often than a tenth of that
    (Poisson: fewer is under one in a thousand); its words that lost the letters need not show it.

    >>> text = "The ba player aer the game was ju as good as the re of them, he said at the time, " * 20
    >>> sorted(map(str, _letters_all_but_unwritten(text, {"vanished": 5}, 3.0)))
    ['st→∅']
    >>> _letters_all_but_unwritten(text + " the last, the best, the first", {"vanished": 5}, 3.0)
    {}
    """
    if len(shown_manners) != 1:
        return {}
    manner, shown = next(iter(shown_manners.items()))
    per_character = _letters_per_character(min_zipf)
    found = {}
    for loss in losses():
        expected = per_character[loss.letters] * len(text)
        if loss.manner != manner or expected < _EXPECTED_WRITTEN:
            continue  # the count of the text, a scan of it, only for letters it should write often
        written = text.count(loss.letters)
        if written <= _WRITTEN_SHARE * expected:
            found[loss] = LossEstimate(round(expected) - written, written, shown)
    return found


# How often a text must be expected to write letters, and the share of that it may write them, before
# their loss is read from their absence alone.
_EXPECTED_WRITTEN = 8.0
_WRITTEN_SHARE = 0.1


@lru_cache(maxsize=2)
def _letters_per_character(min_zipf: float) -> dict[str, float]:
    return letters_per_character(lexicon.zipf_table(), sorted({loss.letters for loss in losses()}), min_zipf)


def _missing_glyph_losses(text: str, suspects: set[str], min_zipf: float) -> frozenset[Loss]:
    """The losses a font without a letter's glyph makes, where the text shows it: that letter is nowhere.

    A single-letter loss of the table (``f→∅``) is read as the font's where
    the text, long enough, never writes that letter in lowercase, and its
    damaged words show it in ``min_words`` different words. Then the forms that
    drop that letter alone ("ft→t", "ffi→i") are the same loss seen in a
    ligature's place; those that drop more ("fl→∅") or keep it are not.

    >>> text = "The ood was let on the loor o the shop, rom a arm. " * 20
    >>> sorted(map(str, _missing_glyph_losses(text, {"ood", "loor", "rom", "arm"}, 2.0)))
    ['ffi→i', 'ffl→l', 'ff→∅', 'fi→i', 'fl→l', 'ft→t', 'f→∅']
    >>> _missing_glyph_losses(text + "fact", {"ood", "loor", "rom", "arm"}, 2.0)
    frozenset()
    """
    for single in (loss for loss in losses() if len(loss.letters) == 1 and not loss.form):
        letter = single.letters
        if letter in text or sum(map(text.count, string.ascii_lowercase)) < _GLYPHLESS_MIN_LETTERS:
            continue
        shown = {w for w in suspects if any(loss == single for _, loss in candidates(w, min_zipf))}
        if len(shown) >= max(single.min_words, 1):
            return frozenset(loss for loss in losses()
                             if letter in loss.letters and loss.letters.replace(letter, "") == loss.form)
    return frozenset()


def _capital_lost(word: str, candidate: str, lost: tuple[Loss, ...]) -> bool:
    """Whether reading ``candidate`` restores a capitalised word's capital itself, which no loss takes.

    A font without a lowercase glyph keeps its capital ("Ines" is no "Fines");
    a ligature is lowercase letters, so where one opens a capitalised word its
    first letter, the capital, is what stays ("Frst" is "First").

    >>> _capital_lost("ines", "fines", (Loss("f", ""),)), _capital_lost("frst", "first", (Loss("fi", "f"),))
    (True, False)
    """
    return any(candidate.startswith(loss.letters) and not word.startswith(loss.letters[0]) for loss in lost)


def _stands_alone(token: str, text: str, start: int) -> bool:
    """Whether ``token`` at ``start`` can be a word on its own here (``lexicon.is_word_alone``).

    "rms" and "ve" are frequent in word lists but no words in lowercase prose;
    "St" is, "we ll" is a contraction that lost its apostrophe, "5 ft" a unit.

    >>> [_stands_alone(t, "5 ft, rms, St, we ll", "5 ft, rms, St, we ll".index(t)) for t in ("ft", "rms", "St", "ll")]
    [True, False, True, True]
    """
    if not token.islower():
        return True
    word = token.lower()
    if word in lexicon.CONTRACTIONS:
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if lexicon.is_word_alone(word, before.group(1).lower() if before else None):
            return True
    elif lexicon.is_word_alone(word):
        return True
    return _AFTER_NUMBER.search(text, max(0, start - 2), start) is not None


# What follows an apostrophe a tokenizer set apart from its word ("you 're", "we 'll"): a contraction's ending.
_CONTRACTION_ENDINGS = frozenset(lexicon.CONTRACTIONS) | {"re", "nt"}


def _after_apostrophe(token: str, text: str, start: int) -> bool:
    """Whether ``token`` is a contraction's ending right after its apostrophe ("'re" in "you 're").

    >>> _after_apostrophe("re", "If you 're up", 8), _after_apostrophe("re", "the re-run", 4)
    (True, False)
    """
    return token in _CONTRACTION_ENDINGS and text[start - 1 : start] in ("'", "’")


def _in_compound(text: str, match: re.Match[str]) -> bool:
    """Whether the word is a part of a hyphenated compound ("re" in "re-registration").

    >>> [_in_compound(t, WORD.search(t, 2)) for t in ("a re-run", "a run-up", "a run - up")]
    [True, True, False]
    """
    return text[match.end() : match.end() + 1] == "-" or text[match.start() - 1 : match.start()] == "-"


def _joined_with_partner(text: str, words: list[re.Match[str]], index: int) -> str:
    """The word and the part a hyphen joins it to, joined and lowercase; "" for a word in no compound.

    >>> text = "They co-operate on a well-run run-up."
    >>> words = list(WORD.finditer(text))
    >>> [_joined_with_partner(text, words, i) for i in (0, 1, 2, 6, 7)]
    ['', 'cooperate', 'cooperate', 'wellrun', 'runup']
    """
    match = words[index]
    if text.startswith("-", match.end()) and index + 1 < len(words) and words[index + 1].start() == match.end() + 1:
        return (match.group() + words[index + 1].group()).lower()
    if match.start() and text[match.start() - 1] == "-" and index and words[index - 1].end() == match.start() - 1:
        return (words[index - 1].group() + match.group()).lower()
    return ""


def _is_name(token: str, text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence, nor stands in a headline in title case."""
    return token.istitle() and not opens_sentence(text, start) and not in_title_case_line(text, start)


def _case_allows(token: str, text: str, start: int, word: str) -> bool:
    """Lowercase and sentence-initial words may be repaired; other capitalised ones only if rare."""
    if token.islower():
        return True
    if token.isupper() and len(token) > 1:  # "I" is a capitalised word, not capitals
        return len(token) >= 4
    if not token.istitle():
        return False  # McDonald, iPhone: leave mixed case alone
    # A capitalised word mid-sentence is a name: a known one ("Scot") stays.
    return not _is_name(token, text, start) or lexicon.zipf(word) < _RARE_NAME_ZIPF
