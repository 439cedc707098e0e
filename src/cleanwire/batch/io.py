"""Documents read from files: the suffix tables, the record a reader yields, decoding, limits, and text files.

The formats' own readers and writers live beside it (:mod:`~cleanwire.batch.formats`,
:mod:`~cleanwire.batch.jsonl`, :mod:`~cleanwire.batch.parquet`), and whole-file
writing in :mod:`~cleanwire.batch.output`. ``.gz`` and ``.zst`` are decompressed on the fly.
"""

from __future__ import annotations

import contextlib
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

import zstandard

from cleanwire.batch import remote
from cleanwire.errors import InputError

DecodeErrors = Literal["strict", "replace", "surrogateescape"]
Format = Literal["text", "jsonl", "parquet"]
# ".json" too: Ray and many tools write JSON Lines under it; a pretty-printed JSON document fails naming its line.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt", ".text")
PARQUET_SUFFIXES = (".parquet",)
COMPRESSED_SUFFIXES = (".gz", ".zst")


@dataclass
class Record:
    """One document read from a file: where it came from, its text, and its JSON object."""

    path: str
    #: The line of a text or JSONL file, the row (from 1) of a Parquet file.
    line: int
    text: str
    reference: str | None = None
    obj: dict[str, Any] | None = field(default=None, repr=False)
    #: A JSONL line as read (decoded, without its newline): written back as it was where its text is unchanged.
    line_text: str | None = field(default=None, repr=False)


@contextlib.contextmanager
def open_binary(path: str) -> Iterator[IO[bytes]]:
    """Open ``path`` (``-``: stdin; a URL: its store) for reading bytes, decompressing by suffix."""
    if path == "-":
        yield _stdin_bytes()
        return
    if remote.is_remote(path):
        raw: IO[bytes] = remote.open_input(path)
    else:
        raw = _open_local(path)
    with raw:
        if path.endswith(".gz"):
            with gzip.open(raw) as unzipped:
                yield unzipped  # type: ignore[misc]
        elif path.endswith(".zst"):
            with zstandard.ZstdDecompressor().stream_reader(raw) as unzstd:
                yield io.BufferedReader(unzstd)
        else:
            yield raw


def _open_local(path: str) -> IO[bytes]:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; pass it as a path to read the files in it") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read it") from None


def _stdin_bytes() -> IO[bytes]:
    import sys

    return sys.stdin.buffer


def decode(data: bytes, path: str, errors: DecodeErrors, line: int | None = None) -> str:
    """Decode UTF-8, naming the file, line and byte offset of the first bad byte.

    >>> decode(b"ok", "f.txt", "strict")
    'ok'
    """
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as exc:
        if line is None:
            line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"byte {exc.start}: not UTF-8 ({data[exc.start:exc.start + 1]!r}); "
            "if it is another encoding, convert it first (iconv), or pass "
            "--errors replace or --errors surrogateescape to go on",
            line,
        ) from None


#: The largest document (a text file, a JSONL line) read: more is a decompression bomb or no document.
MAX_DOCUMENT_BYTES = 1 << 28


def too_large(path: str, limit: int, line: int) -> InputError:
    """The error for a document over ``limit`` bytes (``--max-document-bytes``)."""
    return InputError(path, f"a document of more than {limit:,} bytes (decompressed); if it is real, "
                            "raise the limit with --max-document-bytes", line)


def _read_all(stream: IO[bytes], path: str, limit: int) -> bytes:
    # In pieces: one read of limit + 1 bytes would set that much memory aside for any file.
    pieces = []
    size = 0
    try:
        while piece := stream.read(min(_READ_PIECE, limit + 1 - size)):
            pieces.append(piece)
            size += len(piece)
            if size > limit:
                raise too_large(path, limit, 1)
    except (OSError, EOFError, zstandard.ZstdError) as exc:
        raise InputError(path, f"cannot read it: {exc} (truncated or corrupt?)") from None
    return b"".join(pieces)


_READ_PIECE = 1 << 22


def read_text(path: str, errors: DecodeErrors = "strict", max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """A text file as one document.

    A UTF-8 byte-order mark is dropped; UTF-16 (with a BOM) is decoded.
    """
    with open_binary(path) as stream:
        data = _read_all(stream, path, max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16", errors=errors)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts with a UTF-16 byte-order mark but byte {exc.start} is not UTF-16; "
                                   "pass --errors replace to go on", 1) from None
    else:
        _refuse_non_text(data, path)
        text = decode(data.removeprefix(b"\xef\xbb\xbf"), path, errors)
    del data  # a generator's frame lives while its record is cleaned: a long file's bytes would too
    yield Record(path, 1, text)


def _refuse_non_text(data: bytes, path: str) -> None:
    """NUL bytes in every other place are valid UTF-8 but mean UTF-16 without a byte-order mark.

    (A binary file fails as invalid UTF-8; a stray NUL is a control character ftfy removes.)

    >>> _refuse_non_text("Grüße".encode("utf-16-le"), "f.txt")
    Traceback (most recent call last):
    ...
    cleanwire.errors.InputError: f.txt:1: looks like UTF-16 without a byte-order mark; convert it first (iconv -f UTF-16LE -t UTF-8 f.txt)
    """
    nuls = data.count(0)
    if not nuls:
        return
    if max(data[0::2].count(0), data[1::2].count(0)) * 4 > len(data):
        order = "LE" if data[1::2].count(0) > data[0::2].count(0) else "BE"
        raise InputError(path, "looks like UTF-16 without a byte-order mark; convert it first "
                               f"(iconv -f UTF-16{order} -t UTF-8 {path})", 1)


# What a field that holds no string holds, in JSON's words (a Parquet row may hold other types).
_KINDS = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def record_from_object(
    obj: dict[str, Any], path: str, number: int, field_name: str, reference_field: str | None = None
) -> Record:
    """A JSON object or a Parquet row as a document, if its text field holds a string.

    >>> record_from_object({"body": None}, "f.parquet", 2, "body")
    Traceback (most recent call last):
    ...
    cleanwire.errors.InputError: f.parquet:2: null in field 'body' (choose the text field with --field)
    """
    text = obj.get(field_name)
    if not isinstance(text, str):
        what = ("no field" if field_name not in obj else "null in field" if text is None
                else f"{_KINDS.get(type(text), f'a value of type {type(text).__name__}')} in field")
        raise InputError(path, f"{what} {field_name!r} (choose the text field with --field)", number)
    reference = obj.get(reference_field) if reference_field else None
    if reference is not None and not isinstance(reference, str):
        raise InputError(path, f"field {reference_field!r} is not a string", number)
    return Record(path, number, text, reference, obj)


