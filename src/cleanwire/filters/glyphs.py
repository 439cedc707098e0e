"""Ligature glyphs an extractor left as placeholders or spaces: "o(cid:27)cials", "o ffi cials", "be er".

The damage model is :mod:`cleanwire.models.glyphs`; the letters a glyph may
stand for are the ligature table's (``dictionaries/ligatures.toml``). Lost
letters that leave no mark ("ater", "frst") are the ``ligatures`` filter's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import AtLeastOne, Document, Filter
from cleanwire.models import glyphs, wrong_glyphs
from cleanwire.models.context import ModelName, context_model, require_installed


@dataclass(frozen=True)
class GlyphSettings:
    """``min_zipf``: a repair must give a word at least this frequent (Zipf).
    ``min_words``: different words that must show a split before splits are joined.
    ``context_model``: what chooses between a placeholder's readings that are
    about as common ("sta\ufffd": "start", "staff") by the words beside it
    (``models.context``: "auto", "bigram" or "trigram").
    """

    min_zipf: float = 3.0
    min_words: AtLeastOne = 2
    context_model: ModelName = "auto"


@lru_cache(maxsize=1)
def ligature_letters() -> tuple[str, ...]:
    """The letter sequences of the ligature table, longest first.

    >>> ligature_letters()[:2]
    ('ffi', 'ffl')
    """
    table = lexicon.load_toml("ligatures.toml")["ligature"]
    return tuple(sorted({entry["letters"] for entry in table if len(entry["letters"]) > 1}, key=lambda l: (-len(l), l)))


@lru_cache(maxsize=2)
def vocabulary(min_zipf: float) -> glyphs.Vocabulary:
    """The lexicon's words at least ``min_zipf`` frequent, for the glyph model; built once per process."""
    return glyphs.Vocabulary(lexicon.zipf_table(), ligature_letters(), min_zipf)


class GlyphFilter(Filter):
    """Join words split where an extractor left a placeholder or a space for a ligature glyph."""

    name = "glyphs"
    description = "ligature glyphs left as placeholders or spaces: o(cid:27)cials, o ffi cials, be er → officials, better"
    Settings = GlyphSettings

    def validate(self) -> None:
        require_installed(self.settings.context_model)

    def prepare(self) -> None:
        vocabulary(self.settings.min_zipf)
        context_model(self.settings.context_model)

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        text = doc.text
        s = self.settings
        known = vocabulary(s.min_zipf)
        context = context_model(s.context_model)
        found = []
        if glyphs.may_hold_placeholder(text) and glyphs.PLACEHOLDER.search(text):
            found += glyphs.placeholder_repairs(text, known, context)
        runs = glyphs.lowercase_runs(text)
        found += glyphs.spaced_repairs(text, known, s.min_words, context, runs)
        found += wrong_glyphs.wrong_glyph_repairs(text, known, s.min_words, runs, context)
        return rewrite(text, [Change(r.start, r.end, r.after, r.letters, r.reason) for r in found], self.name)
