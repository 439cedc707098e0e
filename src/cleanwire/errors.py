"""The errors cleanwire raises for a user to act on; anything else is a bug in cleanwire.

Every one is a :class:`CleanwireError`. Those about how cleanwire was asked
to work (options, filter settings, rule packs) are also ``ValueError``, as a
Python caller expects of a bad argument. The command exits 2 on a
:class:`UsageError`, 1 on any other of them, and calls everything else an
internal error to report.

>>> issubclass(SettingsError, ValueError), issubclass(InputError, ValueError)
(True, False)
>>> str(InputError("a.jsonl", "not JSON", 3))
'a.jsonl:3: not JSON'
"""

from __future__ import annotations

from typing import Any


class CleanwireError(Exception):
    """An error a user can act on: its message says what is wrong and how to put it right."""


class UsageError(CleanwireError, ValueError):
    """Options that cannot work together, or a run that cannot be made as asked."""


class SettingsError(UsageError):
    """A filter setting, or a chain of filters, that cannot be used: names the filter, the setting and the value."""


class RulePackError(CleanwireError, ValueError):
    """A boilerplate rule pack that cannot be used (a file's content, like bad input): names the pack and the rule."""


class FileError(CleanwireError):
    """A file, or one document in it, that cannot be read or written: names the file and, where there is one, the line.

    ``original`` is the document as it was read (a JSON Lines line's bytes, a
    Parquet row), where there is one: skipped, it is written back as it was,
    never dropped.
    """

    def __init__(self, path: str, message: str, line: int | None = None,
                 original: bytes | dict[str, Any] | None = None) -> None:
        self.path, self.line, self.message, self.original = path, line, message, original
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[FileError], tuple[str, str, int | None, bytes | dict[str, Any] | None]]:
        # Errors found in worker processes travel back to the parent pickled.
        return (type(self), (self.path, self.message, self.line, self.original))


class InputError(FileError):
    """Input that cannot be read: a missing file, undecodable bytes, a JSON line that is no object."""


class OutputError(FileError):
    """Output that cannot be written: a folder that does not exist, text that is no UTF-8, a file with hard links."""
