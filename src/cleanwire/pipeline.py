"""A pipeline is a plain list of filters, run in order, keeping every edit."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from cleanwire.blocks import sections
from cleanwire.edits import Edit, Note, origin, stages
from cleanwire.errors import SettingsError
from cleanwire.filters import FILTERS, Document, Filter


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and the edits that made it, in pipeline order."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    #: With ``run(..., notes=True)``: what filters left on purpose, spans in the pipeline's input.
    notes: list[Note] = field(default_factory=list)


#: Characters of a long document cleaned as one section (see :class:`Pipeline`).
SECTION_CHARS = 1 << 20


class Pipeline:
    """Run filters in order; each one's edits index the text it received.

    A document longer than ``section_chars`` characters (a book, a month of a
    paper's pages) is cleaned in sections of about that size, cut at paragraph
    breaks where it has them (:func:`cleanwire.blocks.sections`): what a filter
    reads from the whole document (a font's losses, repeated lines) is read per
    section, and memory stays a small multiple of the document's size. The
    edits still index the whole text each filter received. ``None``: one section,
    whatever the length. A document with a reference edition is one section.

    >>> from cleanwire.filters.encoding import EncodingFilter
    >>> Pipeline([EncodingFilter()]).run("canâ€™t").text
    'can’t'
    """

    def __init__(self, filters: Sequence[Filter], section_chars: int | None = SECTION_CHARS) -> None:
        if section_chars is not None and (type(section_chars) is not int or section_chars < 1):
            raise SettingsError(f"section_chars must be a whole number of characters, 1 or more, or None for one "
                                f"section; not {section_chars!r}")
        self.section_chars = section_chars
        seen: set[str] = set()
        for item in filters:
            if not isinstance(item, Filter):
                raise TypeError(
                    f"a pipeline takes filter objects, not {type(item).__name__} ({item!r}); "
                    f"build one with make_pipeline() or a class from cleanwire.filters"
                )
            if item.name in seen:
                raise SettingsError(f"filter {item.name!r} appears twice in the pipeline; keep one")
            seen.add(item.name)
        # No state changes with use: the default chain is shared by every caller in a process,
        # and a pipeline that hashes the same after use keeps datasets' caches valid.
        self.filters = list(filters)

    def run(
        self, text: str, reference: str | None = None, metadata: Mapping[str, Any] | None = None,
        notes: bool = False,
    ) -> CleanResult:
        """Clean ``text`` and return the result with every edit (and, asked, every note)."""
        if not isinstance(text, str):
            raise TypeError(_not_text_message("text", text))
        if reference is not None and not isinstance(reference, str):
            raise TypeError(_not_text_message("reference", reference))
        if reference is None and self.section_chars is not None and len(text) > self.section_chars:
            return self._run_in_sections(text, self.section_chars, metadata or {}, notes)
        return self.run_whole(text, reference, metadata, notes)

    def run_pieces(self, text: str, metadata: Mapping[str, Any] | None = None) -> Iterator[tuple[str, CleanResult]]:
        """:meth:`run` a piece at a time, for a caller that writes each piece out as it comes: pairs of a
        piece of ``text`` and that piece cleaned.

        A long document's pieces are its sections, each with the whitespace
        after it, cleaned as :meth:`run` cleans them, so that the whole cleaned
        text is never held beside the input; each piece's edits index the
        piece as each filter received it. A shorter document is one piece.
        Joined, the cleaned pieces are ``run(text).text``.

        >>> from cleanwire.filters.encoding import EncodingFilter
        >>> pipeline = Pipeline([EncodingFilter()], section_chars=8)
        >>> [(piece, result.text) for piece, result in pipeline.run_pieces("canâ€™t go.\\n\\nwonâ€™t go.")]
        [('canâ€™t go.\\n\\n', 'can’t go.\\n\\n'), ('wonâ€™t go.', 'won’t go.')]
        """
        if not isinstance(text, str):
            raise TypeError(_not_text_message("text", text))
        if self.section_chars is None or len(text) <= self.section_chars:
            yield text, self.run(text, None, metadata)
            return
        for (start, end, next_start), section in self._cleaned_sections(text, self.section_chars, metadata or {}, False):
            yield text[start:next_start], CleanResult(section.text + text[end:next_start], section.edits)

    def run_whole(
        self, text: str, reference: str | None = None, metadata: Mapping[str, Any] | None = None,
        notes: bool = False,
    ) -> CleanResult:
        """:meth:`run` on ``text`` as one section, whatever its length: what ``run`` does to each section.

        >>> from cleanwire.filters.encoding import EncodingFilter
        >>> Pipeline([EncodingFilter()], section_chars=1).run_whole("canâ€™t. Wonâ€™t.").text
        'can’t. Won’t.'
        """
        edits: list[Edit] = []
        found: list[Note] = []
        doc = Document(text, reference, metadata or {})
        for step in self.filters:
            if text is not doc.text:
                doc = Document(text, reference, doc.metadata)
            if notes:
                found += [
                    replace(n, start=origin(n.start, edits), end=origin(n.end, edits)) for n in step.notes(doc)
                ]
            text, step_edits = step.apply(doc)
            edits.extend(step_edits)
        return CleanResult(text, edits, found)

    def _run_in_sections(self, text: str, size: int, metadata: Mapping[str, Any], notes: bool) -> CleanResult:
        cleaned_text = ""
        by_filter: dict[str, list[Edit]] = {step.name: [] for step in self.filters}
        # Where the section starts in the text each filter received: earlier sections as that filter saw them.
        offsets = dict.fromkeys(by_filter, 0)
        found: list[Note] = []
        for (start, end, next_start), section in self._cleaned_sections(text, size, metadata, notes):
            # Grown in place: CPython resizes a string only this name holds, where a join would need
            # every section and the whole text at once (twice the output's memory at its end).
            cleaned_text += section.text
            cleaned_text += text[end:next_start]
            found += [replace(n, start=n.start + start, end=n.end + start) for n in section.notes]
            length = end - start  # the section's length as the filter about to run receives it
            edits_by_filter = {stage[0].filter: stage for stage in stages(section.edits)}
            for step in self.filters:
                own = edits_by_filter.get(step.name, [])
                by_filter[step.name] += [
                    replace(e, start=e.start + offsets[step.name], end=e.end + offsets[step.name]) for e in own
                ]
                offsets[step.name] += length + next_start - end
                length += sum(len(e.after) - (e.end - e.start) for e in own)
        return CleanResult(cleaned_text, [e for step in self.filters for e in by_filter[step.name]], found)

    def _cleaned_sections(
        self, text: str, size: int, metadata: Mapping[str, Any], notes: bool
    ) -> Iterator[tuple[tuple[int, int, int], CleanResult]]:
        """Each section's span (start, end, start of the next) and the section cleaned, in order."""
        spans = list(sections(text, size))
        return zip(spans, self._clean_sections((text[start:end] for start, end, _ in spans), metadata, notes))

    def _clean_sections(self, texts: Iterator[str], metadata: Mapping[str, Any], notes: bool) -> Iterator[CleanResult]:
        """Each of a long document's sections cleaned as a document of its own, in order: here, one by one."""
        return (self.run_whole(text, None, metadata, notes) for text in texts)

    def prepare(self) -> Pipeline:
        """Load every filter's rules, tables and models now (see :meth:`Filter.prepare`); returns the pipeline."""
        for step in self.filters:
            step.prepare()
        return self

    def __call__(self, text: str, reference: str | None = None) -> str:
        return self.run(text, reference).text

    def describe(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Name, one-line description and settings of each filter, in order."""
        return [(f.name, f.description, f.settings_dict()) for f in self.filters]


def _not_text_message(what: str, value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return (
            f"{what} must be str, not bytes: decode it first, e.g. "
            f"{what}.decode('utf-8') (or ftfy.guess_bytes for an unknown encoding)"
        )
    return f"{what} must be str, not {type(value).__name__}"


def make_pipeline(
    names: Iterable[str] | None = None, settings: Mapping[str, Mapping[str, Any]] | None = None
) -> Pipeline:
    """Build a pipeline from filter names (default: every built-in filter, in order).

    ``settings`` maps a filter's name to its setting overrides.

    >>> make_pipeline(["encoding"], {"encoding": {"uncurl_quotes": True}}).run("“hi”").text
    '"hi"'
    """
    chosen = list(FILTERS) if names is None else list(names)
    settings = dict(settings or {})
    for name in [*chosen, *settings]:
        if name not in FILTERS:
            raise SettingsError(f"unknown filter {name!r}; known filters: {', '.join(FILTERS)}")
    stray = sorted(set(settings) - set(chosen))
    if stray:
        raise SettingsError(f"settings given for filter {stray[0]!r}, which is not in the pipeline")
    return Pipeline([FILTERS[name](**settings.get(name, {})) for name in chosen])


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The default chain, built once per process."""
    return make_pipeline()


def shared_pipeline(
    filters: Sequence[str] | None = None, settings: Mapping[str, Mapping[str, Any]] | None = None
) -> Pipeline:
    """The chain of ``filters`` with ``settings``, built once per process for each distinct choice.

    For steps of other frameworks that clean batch after batch in one worker
    process (Ray, datasets, NeMo Curator): the chain is built on first use.

    >>> shared_pipeline(["ligatures"]) is shared_pipeline(["ligatures"]), shared_pipeline() is default_pipeline()
    (True, True)
    """
    return _shared(tuple(filters or ()), json.dumps(settings or {}, sort_keys=True, default=list))


@lru_cache(maxsize=8)
def _shared(filters: tuple[str, ...], settings: str) -> Pipeline:
    if not filters and settings == "{}":
        return default_pipeline()
    return make_pipeline(filters or None, json.loads(settings))
