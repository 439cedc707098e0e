"""Hyphens kept from line breaks: "yester- day", "secu-\\nrity" → "yesterday", "security".

A word split at the end of a printed line keeps its hyphen in the export,
followed by a space or a line break. The parts are joined back when the
joined word is a word, or when neither part is one ("Lans- downe"); a hard
line break between two words keeps the hyphen ("well-\\nknown" → "well-known").
Suspended hyphens ("pre- and post-war", "18- to 24-year-olds") are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import Document, Filter

_HYPHEN_THEN_BREAK = re.compile(r"(?<=[A-Za-z])-(?: |[ \t]*\n[ \t]*)[a-z]")
SPLIT_WORD = re.compile(r"(?<![A-Za-z0-9])(?P<first>[A-Za-z]+)-(?P<gap> |[ \t]*\n[ \t]*)(?P<second>[a-z]+)\b")
# Words after a suspended hyphen: "pre- and post-war", "two- or three-day".
SUSPENDED = frozenset({"and", "or", "nor", "to", "but", "versus", "vs", "through", "plus", "than", "as"})


@dataclass(frozen=True)
class LineBreakSettings:
    """``min_zipf``: how common (Zipf) the joined word must be to join on that evidence."""

    min_zipf: float = 2.0


class LineBreakHyphenFilter(Filter):
    """Join words split by a line-break hyphen that the export kept."""

    name = "line_breaks"
    description = "hyphens kept from line breaks: yester- day→yesterday, secu-\\nrity→security"
    Settings = LineBreakSettings

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        if not _HYPHEN_THEN_BREAK.search(doc.text):
            return doc.text, []
        changes = []
        for match in SPLIT_WORD.finditer(doc.text):
            first, second = match.group("first"), match.group("second")
            if second in SUSPENDED:
                continue
            joined = first + second
            if lexicon.zipf(joined.lower()) >= self.settings.min_zipf:
                after, why = joined, f"{joined!r} is a word"
            elif max(lexicon.zipf(first.lower()), lexicon.zipf(second)) < self.settings.min_zipf:
                after, why = joined, "neither part is a word"
            elif "\n" in match.group("gap") and min(lexicon.zipf(first.lower()), lexicon.zipf(second)) >= lexicon.KNOWN_ZIPF:
                after, why = f"{first}-{second}", "a compound broken across lines"
            else:
                continue
            changes.append(Change(match.start(), match.end(), after, "line-break-hyphen",
                                  f"line-break hyphen kept by the export; {why}"))
        return rewrite(doc.text, changes, self.name)
