"""What every filter is: a name, frozen settings, and one ``apply``."""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cleanwire.edits import Edit, Note


@dataclass(frozen=True)
class Document:
    """The text to clean, an optional clean edition of the same story, and metadata."""

    text: str
    reference: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NoSettings:
    """Settings of a filter that has none."""


class Filter(ABC):
    """A small named step of a pipeline.

    Subclasses set ``name``, ``description`` and ``Settings`` (a frozen
    dataclass) and implement :meth:`apply`. Settings are given as an instance
    of ``Settings`` or as keyword overrides; unknown or ill-typed settings
    raise with the filter's name and the setting's.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    Settings: ClassVar[type[Any]] = NoSettings

    def __init__(self, settings: Any | None = None, **overrides: Any) -> None:
        if settings is None:
            settings = self.Settings()
        elif not isinstance(settings, self.Settings):
            raise TypeError(
                f"filter {self.name!r} takes settings of type {self.Settings.__name__}, "
                f"not {type(settings).__name__}"
            )
        known = {f.name for f in dataclasses.fields(self.Settings)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(
                f"filter {self.name!r} has no setting {unknown[0]!r}; "
                f"its settings are: {', '.join(sorted(known)) or 'none'}"
            )
        self.settings = dataclasses.replace(settings, **overrides)
        self.validate()

    def validate(self) -> None:
        """Raise ``ValueError`` naming a setting whose value cannot work."""

    @abstractmethod
    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        """Return the new text and the edits that made it from ``doc.text``."""

    def notes(self, doc: Document) -> list[Note]:
        """What this filter saw in ``doc`` and chose to leave, for ``--explain`` (none by default)."""
        return []

    def settings_dict(self) -> dict[str, Any]:
        """The filter's settings as a plain dict, for listing and reports."""
        return dataclasses.asdict(self.settings)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.settings!r})"
