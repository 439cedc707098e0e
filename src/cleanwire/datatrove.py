"""A datatrove pipeline step: clean each document's text, with datatrove's own stats per rule.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanwire.datatrove import CleanwireStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("s3://bucket/news/"),
        CleanwireStep(),                      # or CleanwireStep(skip=["boilerplate"], settings={...})
        JsonlWriter("s3://bucket/clean/"),
    ], tasks=64).run()

Each task builds the chain once, before its first document, so datatrove's
timing shows the cleaning only. Stats: ``total``, ``changed`` and one count
per ``filter/rule``, which ``merge_stats`` adds up across tasks. Where datatrove's
``FTFYFormatter`` already ran, skip cleanwire's ``encoding`` filter rather than
run ftfy twice, or set ``encoding.fix_latin_ligatures=False`` (and width and
normalization) to keep what that formatter chose to leave. Install with
``pip install 'cleanwire[datatrove]'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.pipeline.base import PipelineStep

from cleanwire.filters import FILTERS
from cleanwire.pipeline import Pipeline, make_pipeline


class CleanwireStep(PipelineStep):  # type: ignore[misc]
    """Clean ``doc.text`` with cleanwire's chain; ``reference_key`` names a metadata field holding a clean edition.

    ``filters`` (default: every built-in one), ``skip`` and ``settings`` choose
    the chain as for :func:`cleanwire.make_pipeline`; they are checked here, when
    the step is made, not in the first task.
    """

    name = "🧹 cleanwire"
    type = "💇 - FORMAT"

    def __init__(
        self,
        filters: Sequence[str] | None = None,
        skip: Sequence[str] = (),
        settings: Mapping[str, Mapping[str, Any]] | None = None,
        reference_key: str | None = None,
    ) -> None:
        super().__init__()
        self.names = [name for name in (filters or FILTERS) if name not in skip]
        self.settings = {name: dict(values) for name, values in (settings or {}).items()}
        self.reference_key = reference_key
        make_pipeline(self.names, self.settings)  # a bad filter or setting fails now

    def run(self, data: Iterator[DatatroveDocument], rank: int = 0, world_size: int = 1
            ) -> Iterator[DatatroveDocument]:
        """Each document with its text cleaned, in order."""
        pipeline: Pipeline = make_pipeline(self.names, self.settings).prepare()
        for doc in data:
            self.stat_update("total")
            reference = doc.metadata.get(self.reference_key) if self.reference_key else None
            with self.track_time():
                result = pipeline.run(doc.text, reference if isinstance(reference, str) else None)
            if result.edits:
                self.stat_update("changed")
                self.stat_update(*(f"{e.filter}/{e.rule}" for e in result.edits))
            doc.text = result.text
            self.update_doc_stats(doc)
            yield doc
