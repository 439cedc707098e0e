"""JSON Lines: one document per line, in a field of a JSON object, read in blocks and written back byte for byte.

A line whose text the chain leaves unchanged is written back as read; a
changed one has only its text field's value replaced, so numbers, escapes and
key order stay as the input wrote them. A line that is not a JSON object, or
names a key twice, is an error naming its line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import zstandard

from cleanwire.batch.io import (
    MAX_DOCUMENT_BYTES,
    DecodeErrors,
    Record,
    decode,
    open_binary,
    record_from_object,
    too_large,
)
from cleanwire.errors import InputError


class _DuplicateKey(ValueError):
    """A JSON object that names one key twice: readers disagree on which value it holds."""


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        twice = next(key for key, count in Counter(key for key, _ in pairs).items() if count > 1)
        raise _DuplicateKey(f"key {twice!r} appears twice; a reader would keep only one of its values")
    return obj


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
                        raise too_large(path, max_bytes, number + block.count(b"\n"))
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
