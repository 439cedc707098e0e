"""What every filter is: a name, frozen settings, and one ``apply``."""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, TypeVar

import msgspec

from cleanwire.edits import Edit, Note
from cleanwire.errors import SettingsError

T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """The text to clean, an optional clean edition of the same story, and metadata."""

    text: str
    reference: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


#: A share between 0 and 1, as a setting's type.
Share = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
#: A count of one or more, as a setting's type.
AtLeastOne = Annotated[int, msgspec.Meta(ge=1)]
#: A number above zero, as a setting's type.
Positive = Annotated[float, msgspec.Meta(gt=0.0)]

_WHERE = re.compile(r" - at `\$\.(\w+)`.*$")


def typed_settings(filter_name: str, settings_type: type[T], values: Mapping[str, Any]) -> T:
    """``values`` as a ``settings_type``, each checked against its field's declared type and bounds.

    >>> @dataclass(frozen=True)
    ... class Example:
    ...     rate: Share = 0.5
    >>> typed_settings("example", Example, {"rate": 0.2})
    Example(rate=0.2)
    >>> typed_settings("example", Example, {"rate": "high"})
    Traceback (most recent call last):
    cleanwire.errors.SettingsError: filter 'example': setting rate='high' is wrong: expected `float`, got `str`
    """
    try:
        return msgspec.convert(dict(values), type=settings_type, strict=True)
    except msgspec.ValidationError as error:
        where = _WHERE.search(str(error))
        if where is None:
            raise SettingsError(f"filter {filter_name!r}: {error}") from None
        name = where.group(1)
        problem = str(error)[: where.start()]
        raise SettingsError(
            f"filter {filter_name!r}: setting {name}={values.get(name)!r} is wrong: {problem[:1].lower()}{problem[1:]}"
        ) from None


@dataclass(frozen=True)
class NoSettings:
    """Settings of a filter that has none."""


class Filter(ABC):
    """A small named step of a pipeline.

    Subclasses set ``name``, ``description`` and ``Settings`` (a frozen
    dataclass whose field types, with bounds such as :data:`Share`, are
    checked by msgspec), implement :meth:`apply`, and load what it reads in
    :meth:`prepare`. Settings are given as an
    instance of ``Settings`` or as keyword overrides; unknown, ill-typed or
    out-of-bounds settings raise ``ValueError`` with the filter's name, the
    setting's, what it takes and the value given.
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
            raise SettingsError(
                f"filter {self.name!r} has no setting {unknown[0]!r}; "
                f"its settings are: {', '.join(sorted(known)) or 'none'}"
            )
        values = {**{f.name: getattr(settings, f.name) for f in dataclasses.fields(self.Settings)}, **overrides}
        self.settings = typed_settings(self.name, self.Settings, values)
        self.validate()
        self.prepare()

    def validate(self) -> None:
        """Raise ``ValueError`` naming a setting whose value cannot work, beyond its type and bounds.

        Only checks: what the filter needs is loaded by :meth:`prepare`.
        """

    def prepare(self) -> None:
        """Load what :meth:`apply` reads (rules, tables, models), if not loaded yet in this process.

        Called when the filter is made, and again by :meth:`Pipeline.prepare`
        before workers fork, so that they share one copy. Tables shared by
        filters are cached per process, so a second call costs nothing.
        """

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
