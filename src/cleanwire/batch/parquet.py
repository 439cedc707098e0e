"""Parquet: one document per row, in a string column, read and written a batch of rows at a time.

The cleaned copy keeps the input's schema. Needs pyarrow (``pip install 'cleanwire[parquet]'``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleanwire.batch import remote
from cleanwire.batch.io import Record, record_from_object
from cleanwire.batch.output import atomic_file
from cleanwire.errors import InputError

if TYPE_CHECKING:
    import pyarrow


def _pyarrow(path: str) -> Any:
    """pyarrow with its Parquet module, or an error saying how to install it."""
    try:
        import pyarrow.parquet
    except ImportError:
        raise InputError(path, "Parquet needs pyarrow: pip install 'cleanwire[parquet]'") from None
    return pyarrow


def parquet_schema(path: str) -> pyarrow.Schema:
    """The columns of a Parquet file, to write its cleaned copy with the same ones."""
    try:
        if remote.is_remote(path):
            with remote.open_input(path) as stream:
                return _pyarrow(path).parquet.read_schema(stream)
        return _pyarrow(path).parquet.read_schema(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise InputError(path, f"not a Parquet file, or a corrupt one ({exc})") from None


def read_parquet(
    path: str, field_name: str, reference_field: str | None = None, batch_rows: int = 1024
) -> Iterator[Record | InputError]:
    """Each row of a Parquet file as a document, read a batch of rows at a time.

    A row whose field is not a string is yielded as an error naming the row,
    like a bad JSONL line; a file pyarrow cannot read is one error.
    """
    parquet_schema(path)
    number = 0
    try:
        source = remote.open_input(path) if remote.is_remote(path) else path
        for batch in _pyarrow(path).parquet.ParquetFile(source).iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield record_from_object(row, path, number, field_name, reference_field)
                except InputError as exc:
                    exc.original = row
                    yield exc
    except (OSError, ValueError) as exc:
        yield InputError(path, f"cannot read further: {exc} (truncated or corrupt?)", number + 1)


class ParquetRows:
    """Rows written to an open Parquet file, a row group per ``batch_rows`` rows."""

    def __init__(self, writer: Any, schema: pyarrow.Schema, batch_rows: int = 1024) -> None:
        import pyarrow

        self.record_batch = pyarrow.RecordBatch
        self.writer, self.schema, self.batch_rows = writer, schema, batch_rows
        self.rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_batch(self.record_batch.from_pylist(self.rows, schema=self.schema))
            self.rows = []


@contextlib.contextmanager
def parquet_output(path: str, schema: pyarrow.Schema, break_hard_links: bool = False) -> Iterator[ParquetRows]:
    """Write rows with ``schema`` to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path, break_hard_links) as raw:
        writer = _pyarrow(path).parquet.ParquetWriter(raw, schema)
        try:
            rows = ParquetRows(writer, schema)
            yield rows
            rows.flush()
        finally:
            writer.close()  # on an error too: the file it ends is then removed
