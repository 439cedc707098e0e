"""NeMo Curator: cleanwire's chain as a ``DocumentModifier``, for its ``Modify`` stage.

    from nemo_curator.stages.text.modifiers import Modify
    from cleanwire.nemo import CleanwireModifier
    pipeline.add_stage(Modify(CleanwireModifier(), input_fields="text"))
    # with a reference edition in another field: input_fields=[["text", "web"]], output_fields="text",
    # and CleanwireModifier(reference_field="web")

Where NeMo Curator is installed the class is one of its ``DocumentModifier``
subclasses; the chain is built once per worker process, on first use, so the
modifier travels to Ray workers as a few settings. A null value stays null.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cleanwire.pipeline import shared_pipeline

if TYPE_CHECKING:
    _ModifierBase = object
else:
    try:
        from nemo_curator.stages.text.modifiers import DocumentModifier as _ModifierBase
    except ImportError:  # its contract without it: a class with modify_document
        _ModifierBase = object


class CleanwireModifier(_ModifierBase):
    """Clean one value (or, with ``reference_field``, a text and its reference edition) with cleanwire's chain.

    >>> CleanwireModifier(filters=["ligatures"]).modify_document("the frst atempts ater all")
    'the first attempts after all'
    >>> CleanwireModifier(reference_field="web").modify_document(text="Talks ended ater noon.", web=None)
    'Talks ended after noon.'
    """

    def __init__(self, filters: Sequence[str] | None = None, settings: Mapping[str, Mapping[str, Any]] | None = None,
                 text_field: str = "text", reference_field: str | None = None) -> None:
        super().__init__()
        self.filters = list(filters) if filters is not None else None
        self.settings = {name: dict(values) for name, values in (settings or {}).items()}
        self.text_field, self.reference_field = text_field, reference_field
        shared_pipeline(self.filters, self.settings)  # a bad filter or setting fails here, not in a worker

    def modify_document(self, *args: Any, **kwargs: Any) -> Any:
        """The cleaned text: from one value, or from the text field and the reference field as keywords."""
        if args:
            text, reference = args[0], None
        else:
            text, reference = kwargs.get(self.text_field), kwargs.get(self.reference_field or "")
        if not isinstance(text, str):
            return text  # a null (None, NaN) stays as it is
        chain = shared_pipeline(self.filters, self.settings)
        return chain.run(text, reference if isinstance(reference, str) else None).text
