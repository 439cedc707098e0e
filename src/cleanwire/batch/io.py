"""Reading documents from files and writing them back without ever losing data.

Text files are one document each; JSON Lines files hold one document per
line, in a field of a JSON object; Parquet files one per row, in a string
column (pyarrow, ``pip install 'cleanwire[parquet]'``). ``.gz`` and ``.zst``
are (de)compressed on the fly. Writes go to a temporary file beside the target that is renamed
into place only once complete, so a failure or a kill leaves either the old
file or the new one, never a half-written one.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import zstandard

from cleanwire.errors import InputError, OutputError

if TYPE_CHECKING:
    import pyarrow

DecodeErrors = Literal["strict", "replace", "surrogateescape"]
Format = Literal["text", "jsonl", "parquet"]
# ".json" too: Ray and many tools write JSON Lines under it; a pretty-printed JSON document fails naming its line.
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt", ".text")
PARQUET_SUFFIXES = (".parquet",)
COMPRESSED_SUFFIXES = (".gz", ".zst")


class KeepOriginal(Exception):
    """Raised inside :func:`atomic_file`: the output equals the file it would replace, so leave that file be."""


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


class _DuplicateKey(ValueError):
    """A JSON object that names one key twice: readers disagree on which value it holds."""


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        twice = next(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise _DuplicateKey(f"key {twice!r} appears twice; a reader would keep only one of its values")
    return obj


@contextlib.contextmanager
def open_binary(path: str) -> Iterator[IO[bytes]]:
    """Open ``path`` (or ``-``, stdin) for reading bytes, decompressing by suffix."""
    if path == "-":
        yield _stdin_bytes()
        return
    try:
        raw = open(path, "rb")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; pass it as a path to read the files in it") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read it") from None
    with raw:
        if path.endswith(".gz"):
            with gzip.open(raw) as unzipped:
                yield unzipped  # type: ignore[misc]
        elif path.endswith(".zst"):
            with zstandard.ZstdDecompressor().stream_reader(raw) as unzstd:
                yield io.BufferedReader(unzstd)
        else:
            yield raw


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


def _too_large(path: str, limit: int, line: int) -> InputError:
    return InputError(path, f"a document of more than {limit:,} bytes (decompressed); if it is real, "
                            "raise the limit with --max-document-bytes", line)


def _read_all(stream: IO[bytes], path: str, limit: int) -> bytes:
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zstandard.ZstdError) as exc:
        raise InputError(path, f"cannot read it: {exc} (truncated or corrupt?)") from None
    if len(data) > limit:
        raise _too_large(path, limit, 1)
    return data


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



def read_jsonl(
    path: str, field_name: str, errors: DecodeErrors = "strict", reference_field: str | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Record | InputError]:
    """Each line of a JSON Lines file as a document, or an error naming the line.

    Errors are yielded, not raised, so a caller may skip them and go on.
    """
    for item in read_lines(path, max_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        number, raw = item
        try:
            yield parse_jsonl_line(raw, path, number, field_name, errors, reference_field)
        except InputError as exc:
            yield exc


def read_lines(path: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[tuple[int, bytes] | InputError]:
    """The non-blank lines of a file as (line number, bytes), or an error where reading failed."""
    for block in read_blocks(path, max_bytes=max_bytes):
        if isinstance(block, InputError):
            yield block
            return
        yield from split_lines(*block)


#: Bytes per block of lines: a block is what a worker process gets at a time.
BLOCK_BYTES = 1 << 19


def read_blocks(
    path: str, block_bytes: int = BLOCK_BYTES, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[tuple[int, bytes] | InputError]:
    """Whole lines, about ``block_bytes`` at a time, each block with the number of its first line.

    Lines are counted in C (``bytes.count``), so a reader that hands blocks on
    does no work per line. A read that fails yields an error and ends; a line
    over ``max_bytes`` raises one (it can be neither held nor written back).
    """
    with open_binary(path) as stream:
        number = 1
        while True:
            try:
                block = stream.read(block_bytes)
                if block and not block.endswith(b"\n"):
                    rest = stream.readline(max_bytes + 1)
                    if len(rest) > max_bytes:
                        raise _too_large(path, max_bytes, number + block.count(b"\n"))
                    block += rest
            except (OSError, EOFError, zstandard.ZstdError) as exc:
                yield InputError(path, f"cannot read further: {exc} (truncated or corrupt?)", number)
                return
            if not block:
                return
            yield number, block
            number += block.count(b"\n")


def split_lines(first: int, block: bytes) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a block as (line number, bytes), numbered from ``first``.

    >>> list(split_lines(7, b'{"a": 1}\\n\\n{"a": 2}\\n'))
    [(7, b'{"a": 1}'), (9, b'{"a": 2}')]
    """
    for offset, line in enumerate(block.split(b"\n")):
        if line.strip():
            yield first + offset, line


def parse_jsonl_line(
    raw: bytes, path: str, number: int, field_name: str, errors: DecodeErrors = "strict",
    reference_field: str | None = None,
) -> Record:
    """One JSON Lines line as a document; ``InputError`` names the file and line when it is not one.

    >>> parse_jsonl_line(b'{"text": "a", "n": 1}', "f.jsonl", 3, "text").text
    'a'
    """
    try:
        line = decode(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw, path, errors, number)
        try:
            obj = json.loads(line, object_pairs_hook=_object_without_duplicate_keys)
        except RecursionError:
            raise InputError(path, "nested too deeply to read as JSON", number) from None
        except _DuplicateKey as exc:
            raise InputError(path, str(exc), number) from None
        except ValueError as exc:
            raise InputError(path, f"not JSON ({exc})", number) from None
        if not isinstance(obj, dict):
            raise InputError(path, f"a JSON {type(obj).__name__}, not an object", number) from None
        record = record_from_object(obj, path, number, field_name, reference_field)
    except InputError as exc:
        exc.original = raw
        raise
    record.line_text = line
    return record


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
                else f"a {type(text).__name__} in field")
        raise InputError(path, f"{what} {field_name!r} (choose the text field with --field)", number)
    reference = obj.get(reference_field) if reference_field else None
    if reference is not None and not isinstance(reference, str):
        raise InputError(path, f"field {reference_field!r} is not a string", number)
    return Record(path, number, text, reference, obj)


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
        for batch in _pyarrow(path).parquet.ParquetFile(path).iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield record_from_object(row, path, number, field_name, reference_field)
                except InputError as exc:
                    exc.original = row
                    yield exc
    except (OSError, ValueError) as exc:
        yield InputError(path, f"cannot read further: {exc} (truncated or corrupt?)", number + 1)


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


def jsonl_line(record: Record, field_name: str, text: str) -> str:
    """The record's line with its text field's value replaced, and every other byte as it was read.

    Numbers, escapes, spacing and key order stay as the input wrote them: a
    reader's parse and re-dump would rewrite ``1e400`` as ``Infinity``.

    >>> line = '{"id": 1.10, "text": "a",  "n": 1E5}'
    >>> jsonl_line(parse_jsonl_line(line.encode(), "f.jsonl", 1, "text"), "text", "b")
    '{"id": 1.10, "text": "b",  "n": 1E5}\\n'
    """
    if record.line_text is None:  # a record built by hand: its object is all there is
        obj = dict(record.obj or {})
        obj[field_name] = text
        return json.dumps(obj, ensure_ascii=False) + "\n"
    if text == record.text:
        return record.line_text + "\n"
    start, end = _value_span(record.line_text, field_name)
    return record.line_text[:start] + json.dumps(text, ensure_ascii=False) + record.line_text[end:] + "\n"


_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _value_span(line: str, key: str) -> tuple[int, int]:
    """Where the value of the top-level ``key`` of a JSON object line starts and ends.

    >>> _value_span('{"a": [1, {"text": 2}], "text" : "x"}', "text")
    (33, 36)
    """
    at = line.index("{") + 1
    while True:
        at = line.index('"', at)
        name, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]
        at = line.index(":", at) + 1
        while line[at] in _SPACE:
            at += 1
        _, end = _DECODER.raw_decode(line, at)
        if name == key:
            return at, end
        at = end


@contextlib.contextmanager
def atomic_file(path: str, break_hard_links: bool = False) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` only once it is complete and on disk.

    It is a temporary file beside ``path``, renamed into place at the end; on
    any error it is removed and ``path`` is untouched; raising
    :class:`KeepOriginal` inside leaves ``path`` as it was. A symlink's target
    is what is replaced (the link stays), with its owner, group, mode and
    extended attributes. A file with other hard links is refused unless
    ``break_hard_links``: replacing it would leave the other names on the old
    text. A path that is not a regular file (``/dev/null``, a FIFO, a
    terminal) is written into, never replaced.
    """
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise OutputError(path, "is a folder; give a file to write, or several inputs to write into a folder")
        with open(target, "wb") as device, contextlib.suppress(KeepOriginal):
            yield device
        return
    if existing is not None and existing.st_nlink > 1 and not break_hard_links:
        raise OutputError(path, f"has {existing.st_nlink - 1} other hard link(s) that would keep the old text; "
                               "pass --break-hardlinks to replace this name only")
    if not target.parent.is_dir():
        raise OutputError(path, f"cannot write: folder {str(target.parent)!r} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleanwire-tmp", dir=target.parent)
    try:
        try:
            with os.fdopen(fd, "wb") as raw:
                yield raw
                raw.flush()
                os.fsync(raw.fileno())
        except KeepOriginal:
            os.unlink(tmp)
            return
        _copy_ownership(existing, target, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _copy_ownership(existing: os.stat_result | None, source: Path, tmp: str) -> None:
    """Give the new file the mode, owner, group and extended attributes of the one it replaces."""
    if existing is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(existing.st_mode))
    with contextlib.suppress(PermissionError):  # only root may give a file away
        os.chown(tmp, existing.st_uid, existing.st_gid)
    with contextlib.suppress(OSError):  # a file system without extended attributes
        for name in os.listxattr(source):
            os.setxattr(tmp, name, os.getxattr(source, name))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_bytes_output(path: str, break_hard_links: bool = False) -> Iterator[IO[bytes]]:
    """Write bytes to ``path`` atomically (see :func:`atomic_file`), compressed as its suffix says."""
    with atomic_file(path, break_hard_links) as raw:
        if path.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="wb") as unzipped:
                yield unzipped  # type: ignore[misc]
        elif path.endswith(".zst"):
            with zstandard.ZstdCompressor().stream_writer(raw, closefd=False) as unzstd:
                yield unzstd
        else:
            yield raw


@contextlib.contextmanager
def atomic_output(path: str, errors: DecodeErrors = "strict") -> Iterator[IO[str]]:
    """Write text to ``path`` atomically (see :func:`atomic_file`), compressed as its suffix says."""
    with atomic_bytes_output(path) as binary:
        out = io.TextIOWrapper(binary, encoding="utf-8", errors=write_errors(errors), newline="")
        try:
            yield out
            out.flush()
        finally:
            out.detach()  # the stream is closed by atomic_bytes_output, not by the wrapper


def encode_output(text: str, path: str, line: int, errors: DecodeErrors = "strict") -> bytes:
    """``text`` as UTF-8 to write, or an error naming the document that cannot be written.

    >>> encode_output("caf\\udce9", "f.jsonl", 3)
    Traceback (most recent call last):
    ...
    cleanwire.errors.OutputError: f.jsonl:3: cannot be written as UTF-8: a lone surrogate at character 3; keep the encoding filter in the chain (it replaces them), or read with --errors surrogateescape
    """
    try:
        return text.encode("utf-8", write_errors(errors))
    except UnicodeEncodeError as exc:
        raise OutputError(path, f"cannot be written as UTF-8: a lone surrogate at character {exc.start}; keep "
                               "the encoding filter in the chain (it replaces them), or read with "
                               "--errors surrogateescape", line) from None


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


def write_errors(errors: DecodeErrors) -> str:
    """How to encode output: text read with surrogateescape writes its undecodable bytes back.

    >>> write_errors("surrogateescape"), write_errors("replace")
    ('surrogateescape', 'strict')
    """
    return "surrogateescape" if errors == "surrogateescape" else "strict"


def find_inputs(paths: list[str], glob: str | None) -> Iterator[str]:
    """Files to read: each file as given, each folder's files recursively.

    Without ``glob`` a folder yields the files whose suffix names a known
    format (text, JSON Lines compressed or not, Parquet); hidden files are skipped.
    """
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found = sorted(Path(path).rglob(glob or "*"))
        for file in found:
            if any(part.startswith(".") for part in file.relative_to(path).parts):
                continue
            if not file.is_file():
                continue
            if glob is None and base_suffix(str(file)) not in JSONL_SUFFIXES + TEXT_SUFFIXES + PARQUET_SUFFIXES:
                continue
            yield str(file)
