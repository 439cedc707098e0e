"""Writing cleaned documents without ever losing data: whole files or nothing.

Writes go to a temporary file beside the target that is renamed into place
only once complete, so a failure or a kill leaves either the old file or the
new one, never a half-written one; a symlink's target, owner, mode and
extended attributes are kept, and a device or FIFO is written into, never replaced.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import zstandard

from cleanwire.batch import remote
from cleanwire.batch.io import DecodeErrors
from cleanwire.errors import OutputError


class KeepOriginal(Exception):
    """Raised inside :func:`atomic_file`: the output equals the file it would replace, so leave that file be."""


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
    terminal) is written into, never replaced. A store's object (``s3://``)
    is uploaded once complete (:func:`cleanwire.batch.remote.whole_output`).
    """
    if remote.is_remote(path):
        with remote.whole_output(path) as upload:
            yield upload
        return
    target = Path(os.path.realpath(path))
    try:
        # The path itself, through its links: /dev/stdout on a pipe resolves to no path ("pipe:[…]").
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise OutputError(path, "is a folder; give a file to write, or several inputs to write into a folder")
        with open(path, "wb") as device, contextlib.suppress(KeepOriginal):
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


#: Characters encoded at a time. CPython sets aside three bytes a character to encode text beyond
#: Latin-1 (most news, for its curly quotes): a long document encoded whole would need that beside it.
ENCODED_PIECE_CHARS = 1 << 20


def encode_output(text: str, path: str, line: int, errors: DecodeErrors = "strict", offset: int = 0) -> list[bytes]:
    """``text`` as UTF-8 to write, in pieces of ``ENCODED_PIECE_CHARS`` characters at most, or an error
    naming the document that cannot be written; ``offset``: where ``text`` starts in the document's output.

    >>> encode_output("café", "f.txt", 1), encode_output("", "f.txt", 1)
    ([b'caf\\xc3\\xa9'], [])
    >>> encode_output("caf\\udce9", "f.jsonl", 3, offset=100)
    Traceback (most recent call last):
    ...
    cleanwire.errors.OutputError: f.jsonl:3: cannot be written as UTF-8: a lone surrogate at character 103; keep the encoding filter in the chain (it replaces them), or read with --errors surrogateescape
    """
    pieces = []
    for start in range(0, len(text), ENCODED_PIECE_CHARS):
        try:
            pieces.append(text[start : start + ENCODED_PIECE_CHARS].encode("utf-8", write_errors(errors)))
        except UnicodeEncodeError as exc:
            at = offset + start + exc.start
            raise OutputError(path, f"cannot be written as UTF-8: a lone surrogate at character {at}; "
                                   "keep the encoding filter in the chain (it replaces them), or read with "
                                   "--errors surrogateescape", line) from None
    return pieces


def write_errors(errors: DecodeErrors) -> str:
    """How to encode output: text read with surrogateescape writes its undecodable bytes back.

    >>> write_errors("surrogateescape"), write_errors("replace")
    ('surrogateescape', 'strict')
    """
    return "surrogateescape" if errors == "surrogateescape" else "strict"
