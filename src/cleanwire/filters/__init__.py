"""The filters cleanwire ships, in the order the default chain runs them."""

from __future__ import annotations

from cleanwire.filters.base import Document, Filter
from cleanwire.filters.boilerplate import BoilerplateFilter
from cleanwire.filters.drop_caps import DropCapsFilter
from cleanwire.filters.encoding import EncodingFilter
from cleanwire.filters.glyphs import GlyphFilter
from cleanwire.filters.hyphen_case import HyphenCaseFilter
from cleanwire.filters.ligatures import LigatureFilter
from cleanwire.filters.line_breaks import LineBreakHyphenFilter
from cleanwire.filters.reference import ReferenceFilter
from cleanwire.filters.spacing import SpacingFilter

#: Every built-in filter by name, in default-chain order: encoding first (other
#: rules read letters), boilerplate before word repairs (so credits and
#: footers are not "repaired"), layout before ligatures (so split words are
#: whole when looked up), glyphs left as placeholders or spaces before lost
#: letters (a word beside a placeholder is joined to it, never repaired alone), ligatures before case after hyphens (a word gets its
#: letters back before its case is judged: "cross-feld" is "cross-field", not a
#: town), the reference edition last: it repairs what the rules left, and the
#: rules see the document's whole damage as evidence.
FILTERS: dict[str, type[Filter]] = {
    cls.name: cls
    for cls in (
        EncodingFilter,
        BoilerplateFilter,
        DropCapsFilter,
        LineBreakHyphenFilter,
        SpacingFilter,
        GlyphFilter,
        LigatureFilter,
        HyphenCaseFilter,
        ReferenceFilter,
    )
}

__all__ = ["FILTERS", "Document", "Filter"]
