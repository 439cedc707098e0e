"""Ray Data: clean a column of text on a cluster with the engine corpus builders already use.

    import ray, cleanwire.ray
    ds = ray.data.read_parquet("s3://bucket/news/")
    ds = ds.map_batches(cleanwire.ray.clean_batch, fn_kwargs={"column": "text", "reference_column": "web"})
    # or, on a pool of actors that each build the chain once:
    ds = ds.map_batches(cleanwire.ray.CleanBatch, fn_constructor_kwargs={"column": "text"},
                        compute=ray.data.ActorPoolStrategy(size=8))

The batch comes back with the column cleaned and an ``edits`` count column
(name set by ``edits_column``, ``None`` for none); every other column is kept.
Install with ``pip install cleanwire[ray]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cleanwire.pipeline import (
    Pipeline,
    default_pipeline,
    make_pipeline,
    shared_pipeline,
)


def clean_batch(
    batch: Any,
    column: str = "text",
    reference_column: str | None = None,
    edits_column: str | None = "cleanwire_edits",
    pipeline: Pipeline | None = None,
    filters: Sequence[str] | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
) -> Any:
    """Clean ``batch[column]`` (a mapping of arrays, a pandas DataFrame or a pyarrow Table).

    ``filters`` and ``settings`` choose the chain as for :func:`cleanwire.make_pipeline`;
    it is built once per worker process. A null text stays null, with no edits.
    Any mapping works, so Hugging Face ``datasets`` takes it too:
    ``ds.map(clean_batch, batched=True)``.

    >>> out = clean_batch({"text": ["Talks ended ater three atempts and atacks."], "id": [7]})
    >>> list(out["text"]), list(out["id"]), list(out["cleanwire_edits"])
    (['Talks ended after three attempts and attacks.'], [7], [3])
    """
    chain = pipeline or shared_pipeline(filters, settings)
    columns = _columns(batch)
    if column not in columns:
        raise ValueError(f"clean_batch: no column {column!r} in the batch; its columns are {sorted(columns)}")
    if reference_column is not None and reference_column not in columns:
        raise ValueError(f"clean_batch: no reference column {reference_column!r}; its columns are {sorted(columns)}")
    texts = _values(batch, column)
    references = _values(batch, reference_column) if reference_column else [None] * len(texts)
    results = [None if t is None else chain.run(_text(t, column), None if r is None else _text(r, reference_column))
               for t, r in zip(texts, references)]
    cleaned = [None if r is None else r.text for r in results]
    counts = [0 if r is None else len(r.edits) for r in results]
    return _with_columns(batch, {column: cleaned, **({edits_column: counts} if edits_column else {})})


class CleanBatch:
    """The same as :func:`clean_batch`, as a callable class for Ray's actor pools.

    The chain (``filters`` and their ``settings``, as for
    :func:`cleanwire.make_pipeline`) is built once per actor.

    >>> CleanBatch(filters=["ligatures"])({"text": ["the frst atempts ater all"]})["text"]
    ['the first attempts after all']
    """

    def __init__(
        self,
        column: str = "text",
        reference_column: str | None = None,
        edits_column: str | None = "cleanwire_edits",
        filters: Sequence[str] | None = None,
        settings: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.column, self.reference_column, self.edits_column = column, reference_column, edits_column
        self.pipeline = make_pipeline(filters, settings) if (filters or settings) else default_pipeline()

    def __call__(self, batch: Any) -> Any:
        return clean_batch(batch, self.column, self.reference_column, self.edits_column, self.pipeline)


def _text(value: Any, column: str | None) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8")
    raise TypeError(f"clean_batch: column {column!r} holds a {type(value).__name__}, not text")


def _columns(batch: Any) -> set[str]:
    if isinstance(batch, Mapping):  # a dict, or datasets' LazyBatch
        return set(batch)
    if hasattr(batch, "column_names"):  # pyarrow.Table
        return set(batch.column_names)
    return set(batch.columns)  # pandas.DataFrame


def _values(batch: Any, column: str) -> list[Any]:
    values = batch[column]
    if hasattr(values, "to_pylist"):  # pyarrow
        return list(values.to_pylist())
    return list(values)


def _with_columns(batch: Any, new: dict[str, list[Any]]) -> Any:
    if isinstance(batch, Mapping):
        out = dict(batch)
        out.update(new)
        return out
    if hasattr(batch, "column_names"):  # pyarrow.Table
        for name, values in new.items():
            position = batch.column_names.index(name) if name in batch.column_names else None
            if position is None:
                batch = batch.append_column(name, [values])
            else:
                batch = batch.set_column(position, name, [values])
        return batch
    out = batch.copy()  # pandas
    for name, values in new.items():
        out[name] = values
    return out
