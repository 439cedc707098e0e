"""Hugging Face ``datasets``: clean a text column of a ``Dataset`` or ``IterableDataset``.

    from datasets import load_dataset
    from cleanwire.hf import clean_dataset
    ds = clean_dataset(load_dataset("json", data_files="news.jsonl", split="train"), num_proc=4)

``datasets`` caches a ``map`` by a fingerprint of its function. A lambda
around :func:`cleanwire.clean` hashes the same after an upgrade of cleanwire
or its word lists, so the cache would hand back stale results; here the
fingerprint is made from cleanwire's version, the chain and its settings and
the dictionaries' contents, so it changes exactly when the output may.
Install with ``pip install cleanwire[hf]``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import cleanwire
from cleanwire import lexicon
from cleanwire.ray import clean_batch


def fingerprint(dataset_fingerprint: str, column: str, reference_column: str | None, edits_column: str | None,
                filters: Sequence[str] | None, settings: Mapping[str, Mapping[str, Any]] | None) -> str:
    """The cache key of one cleaning of a dataset: what it was, and everything that decides the output.

    >>> a = fingerprint("abc", "text", None, None, None, None)
    >>> a == fingerprint("abc", "text", None, None, None, None), a == fingerprint("abc", "body", None, None, None, None)
    (True, False)
    """
    chain = cleanwire.make_pipeline(filters, {k: dict(v) for k, v in (settings or {}).items()})
    described = {
        "dataset": dataset_fingerprint, "cleanwire": cleanwire.__version__, "dictionaries": lexicon.dictionaries_fingerprint(),
        "columns": [column, reference_column, edits_column],
        "chain": [[f.name, f.settings_dict()] for f in chain.filters],
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True, default=repr).encode()).hexdigest()[:16]


def clean_dataset(
    dataset: Any,
    column: str = "text",
    reference_column: str | None = None,
    edits_column: str | None = "cleanwire_edits",
    filters: Sequence[str] | None = None,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    num_proc: int | None = None,
    batch_size: int = 256,
) -> Any:
    """``dataset`` with ``column`` cleaned (and an ``edits_column`` of edit counts, unless ``None``).

    A ``Dataset`` is mapped with ``num_proc`` processes and cached under a
    fingerprint that changes with cleanwire, the chain, its settings and the
    dictionaries; an ``IterableDataset`` is mapped lazily, as it is read.
    """
    kwargs = {"column": column, "reference_column": reference_column, "edits_column": edits_column,
              "filters": list(filters) if filters is not None else None,
              "settings": {k: dict(v) for k, v in (settings or {}).items()}}
    if not hasattr(dataset, "_fingerprint"):  # an IterableDataset: nothing is cached
        return dataset.map(clean_batch, batched=True, batch_size=batch_size, fn_kwargs=kwargs)
    return dataset.map(
        clean_batch, batched=True, batch_size=batch_size, fn_kwargs=kwargs, num_proc=num_proc,
        new_fingerprint=fingerprint(dataset._fingerprint, column, reference_column, edits_column, filters, settings),
        desc="cleanwire",
    )
