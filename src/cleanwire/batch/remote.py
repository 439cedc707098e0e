"""Paths in object stores and other file systems (``s3://``, ``gs://``, ``hf://``, ``memory://``), through fsspec.

A path with a protocol is read and written through fsspec; any other is a
local path and never goes through it. Writes to a store are whole or not at
all: the output is written to a local temporary file first and uploaded once
complete, so a failure or a signal leaves the old object or none, never a
part. The store's own package provides the protocol (``s3fs`` for ``s3://``,
``gcsfs`` for ``gs://``, ``huggingface_hub`` for ``hf://``), configured as
fsspec configures it: ``FSSPEC_S3_ENDPOINT_URL``, the store's credentials.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import posixpath
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from cleanwire.errors import InputError, OutputError


def is_remote(path: str) -> bool:
    """Whether ``path`` names a file system other than the local one, by its protocol.

    >>> is_remote("s3://bucket/news.jsonl"), is_remote("news/a.jsonl"), is_remote("file:///tmp/a.txt")
    (True, False, False)
    """
    protocol, sep, _ = path.partition("://")
    return bool(sep) and protocol not in ("", "file", "local")


def filesystem(path: str) -> tuple[Any, str]:
    """The fsspec file system of ``path`` and the path within it, or an error saying what to install.

    >>> fs, inner = filesystem("memory://corpus/a.txt")
    >>> type(fs).__name__, inner
    ('MemoryFileSystem', '/corpus/a.txt')
    """
    try:
        import fsspec

        return fsspec.core.url_to_fs(path)  # type: ignore[no-any-return]
    except ImportError as exc:
        raise InputError(path, f"cannot use this store: {exc} (install its fsspec package, e.g. s3fs)") from None
    except ValueError as exc:
        raise InputError(path, f"unknown protocol: {exc}") from None


def isdir(path: str) -> bool:
    """Whether a path is a folder: a local one, or a store prefix with objects under it.

    >>> isdir("memory://no/such/prefix"), isdir(".")
    (False, True)
    """
    if not is_remote(path):
        return os.path.isdir(path)
    fs, inner = filesystem(path)
    return bool(fs.isdir(inner))


def exists(path: str) -> bool:
    """Whether a local path or a store object or prefix exists."""
    if not is_remote(path):
        return os.path.exists(path)
    fs, inner = filesystem(path)
    return bool(fs.exists(inner))


def identity(path: str) -> str:
    """What two names of one file have in common: the local real path, or a store URL as written."""
    return path if is_remote(path) else os.path.realpath(path)


def find(path: str, glob: str | None, known_suffix: Any) -> Iterator[str]:
    """The files under a store folder, in order, as full URLs: those ``glob`` matches, or of a known suffix.

    Hidden files (a part starting with ".") are skipped, as in local folders.
    """
    fs, inner = filesystem(path)
    for found in sorted(fs.find(inner)):
        relative = posixpath.relpath(found, inner.rstrip("/") or "/")
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if glob is not None and not fnmatch.fnmatch(relative, glob) and not fnmatch.fnmatch(posixpath.basename(found), glob):
            continue
        if glob is None and not known_suffix(found):
            continue
        yield f"{path.rstrip('/')}/{relative}"  # under the folder as the user wrote it, for mirrored output names


def size(path: str) -> int | None:
    """A store object's size in bytes, or None where the store will not say."""
    fs, inner = filesystem(path)
    with contextlib.suppress(OSError, ValueError):
        return int(fs.size(inner))
    return None


def open_input(path: str) -> IO[bytes]:
    """A store object opened for reading, or an error naming it."""
    fs, inner = filesystem(path)
    try:
        return fs.open(inner, "rb")  # type: ignore[no-any-return]
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read it") from None
    except OSError as exc:
        raise InputError(path, f"cannot read it: {exc}") from None


@contextlib.contextmanager
def whole_output(path: str) -> Iterator[IO[bytes]]:
    """A binary file that becomes the store object ``path`` only once it is complete: uploaded at the end."""
    fs, inner = filesystem(path)
    with tempfile.NamedTemporaryFile(prefix="cleanwire-", suffix=".upload") as local:
        yield local
        local.flush()
        try:
            fs.put_file(local.name, inner)
        except OSError as exc:
            raise OutputError(path, f"cannot write it: {exc}") from None
