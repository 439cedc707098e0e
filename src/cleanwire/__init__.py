"""cleanwire: turn damaged news text into clean text, and say what it changed.

>>> clean("Caf\\u00c3\\u00a9 news")
'Café news'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cleanwire.edits import Edit, Note, replay
from cleanwire.filters import FILTERS, Document, Filter
from cleanwire.pipeline import CleanResult, Pipeline, default_pipeline, make_pipeline

try:
    __version__ = version("cleanwire")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"


def clean(text: str, reference: str | None = None) -> str:
    """Clean ``text`` with the default chain; ``reference`` is a clean edition of the same story.

    >>> clean("Talks ended ater three atempts and atacks.")
    'Talks ended after three attempts and attacks.'
    """
    return default_pipeline().run(text, reference).text


def clean_and_explain(text: str, reference: str | None = None) -> CleanResult:
    """Clean ``text`` and return ``.text`` with ``.edits``, each explaining one change.

    >>> result = clean_and_explain("we#39;ll")
    >>> result.text, result.edits[0].rule
    ("we'll", 'entity-remnant')
    """
    return default_pipeline().run(text, reference)


def available_filters() -> list[tuple[str, str]]:
    """Name and one-line description of every built-in filter, in default order.

    >>> available_filters()[0][0]
    'encoding'
    """
    return [(name, cls.description) for name, cls in FILTERS.items()]


__all__ = [
    "CleanResult",
    "Document",
    "Edit",
    "FILTERS",
    "Filter",
    "Note",
    "Pipeline",
    "__version__",
    "available_filters",
    "clean",
    "clean_and_explain",
    "default_pipeline",
    "make_pipeline",
    "replay",
]
