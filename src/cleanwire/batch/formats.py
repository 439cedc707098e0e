"""The formats cleanwire reads and writes, by suffix: which files a folder holds, and how each is read.

Text files are one document each; JSON Lines files one per line
(:mod:`cleanwire.batch.jsonl`); Parquet files one per row
(:mod:`cleanwire.batch.parquet`). ``.gz`` and ``.zst`` are decompressed on
the fly. A new format is a suffix table in :mod:`cleanwire.batch.io`, a
reader here and a writer in its own module.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from cleanwire.batch import remote
from cleanwire.batch.io import (
    COMPRESSED_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    PARQUET_SUFFIXES,
    TEXT_SUFFIXES,
    DecodeErrors,
    Format,
    Record,
    read_text,
)
from cleanwire.batch.jsonl import read_jsonl
from cleanwire.batch.parquet import read_parquet
from cleanwire.errors import InputError


def base_suffix(path: str) -> str:
    """The suffix that names the format, under any compression suffix.

    >>> base_suffix("news.jsonl.gz"), base_suffix("a.txt")
    ('.jsonl', '.txt')
    """
    p = Path(path)
    if p.suffix in COMPRESSED_SUFFIXES:
        p = p.with_suffix("")
    return p.suffix.lower()


def format_of(path: str) -> Format:
    """The format a file's suffix names; anything unknown, and stdin, is text.

    >>> format_of("a.jsonl.gz"), format_of("b.parquet"), format_of("-")
    ('jsonl', 'parquet', 'text')
    """
    suffix = base_suffix(path)
    return "jsonl" if suffix in JSONL_SUFFIXES else "parquet" if suffix in PARQUET_SUFFIXES else "text"


def read_records(
    path: str, fmt: Format, field_name: str = "text", errors: DecodeErrors = "strict",
    reference_field: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Record | InputError]:
    """The documents of a file of any format, or errors naming where they could not be read."""
    if fmt == "parquet":
        return read_parquet(path, field_name, reference_field)
    if fmt == "jsonl":
        return read_jsonl(path, field_name, errors, reference_field, max_bytes)
    return read_text(path, errors, max_bytes)


def find_inputs(paths: list[str], glob: str | None) -> Iterator[str]:
    """Files to read: each file as given, each folder's files recursively.

    Without ``glob`` a folder yields the files whose suffix names a known
    format (text, JSON Lines compressed or not, Parquet); hidden files are skipped.
    """
    for path in paths:
        if remote.is_remote(path):
            yield from remote.find(path, glob, _known_suffix) if remote.isdir(path) else [path]
            continue
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found = sorted(Path(path).rglob(glob or "*"))
        for file in found:
            if any(part.startswith(".") for part in file.relative_to(path).parts):
                continue
            if not file.is_file():
                continue
            if glob is None and not _known_suffix(str(file)):
                continue
            yield str(file)


def _known_suffix(path: str) -> bool:
    return base_suffix(path) in JSONL_SUFFIXES + TEXT_SUFFIXES + PARQUET_SUFFIXES
