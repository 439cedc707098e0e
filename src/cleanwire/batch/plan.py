"""The plan of a run: what is read, how each file is cleaned and where it goes, checked whole before any work.

:class:`FixOptions` is what a user asks for, with the defaults of
``cleanwire fix``; :func:`make_plan` turns it into a :class:`Plan` (inputs
found, formats known, output paths worked out, the chain built with its
settings) or raises a :class:`~cleanwire.errors.UsageError`,
:class:`~cleanwire.errors.SettingsError` or :class:`~cleanwire.errors.InputError`
that says what to change. Nothing is written while a plan is made.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cleanwire.batch import io as cwio
from cleanwire.batch import remote
from cleanwire.batch.formats import find_inputs, format_of
from cleanwire.errors import InputError, UsageError
from cleanwire.filters import FILTERS
from cleanwire.pipeline import Pipeline, make_pipeline

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Engine = Literal["local", "ray"]


@dataclass(frozen=True)
class FixOptions:
    """What to clean and how: the options of ``cleanwire fix``, with its defaults.

    ``paths``: files or folders (none, or ``"-"``: stdin). ``output``: a file,
    or a folder for several inputs (``None``: stdout); or ``in_place``, or
    only ``diff`` or ``check``. ``filters``: the chain's filters in order
    (``None``: all of them); ``settings``: filter name → its settings.
    ``progress``: ``None`` draws a bar only where stderr is a terminal.
    """

    paths: Sequence[str] = ()
    output: str | None = None
    in_place: bool = False
    diff: bool = False
    check: bool = False
    break_hardlinks: bool = False
    glob: str | None = None
    format: Literal["auto", "text", "jsonl", "parquet"] = "auto"
    field: str = "text"
    reference: str | None = None
    reference_field: str | None = None
    match_references: bool = False
    explain: bool = False
    report: str | None = None
    filters: Sequence[str] | None = None
    settings: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)
    on_error: Literal["stop", "skip"] = "stop"
    max_document_bytes: int = cwio.MAX_DOCUMENT_BYTES
    errors: cwio.DecodeErrors = "strict"
    jobs: int = 1
    engine: Engine = "local"
    progress: bool | None = False


@dataclass(frozen=True)
class Plan:
    """A checked run: each input with its format and its output (``None``: stdout), and the chain to clean with."""

    options: FixOptions
    inputs: tuple[str, ...]
    formats: tuple[cwio.Format, ...]
    outputs: tuple[str | None, ...]
    pipeline: Pipeline
    #: The text of ``options.reference``, read once.
    reference_text: str | None = None

    @property
    def writes(self) -> bool:
        """Whether the run writes cleaned documents (not only a diff or a check)."""
        return not (self.options.diff or self.options.check)


def make_plan(options: FixOptions | None = None, **changes: Any) -> Plan:
    """The plan of ``options`` (with ``changes``), every check done; nothing is read but file names and the reference.

    >>> plan = make_plan(paths=["examples/export.txt"], output="out.txt", filters=["ligatures"])
    >>> plan.inputs, plan.formats, plan.outputs, [f.name for f in plan.pipeline.filters]
    (('examples/export.txt',), ('text',), ('out.txt',), ['ligatures'])
    >>> make_plan(paths=["examples/export.txt"], in_place=True, diff=True)
    Traceback (most recent call last):
    ...
    cleanwire.errors.UsageError: choose one of -o, --in-place, --diff and --check
    """
    options = dataclasses.replace(options or FixOptions(), **changes)
    if sum(map(bool, (options.output, options.in_place, options.diff, options.check))) > 1:
        raise UsageError("choose one of -o, --in-place, --diff and --check")
    if options.max_document_bytes < 1:
        raise UsageError("--max-document-bytes must be 1 or more")
    if options.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    pipeline = build_pipeline(options)
    if options.engine == "ray":
        _check_ray(options)
    paths = list(options.paths) or ["-"]
    inputs = tuple(find_inputs(paths, options.glob))
    if not inputs:
        raise InputError(", ".join(paths), "no files to read: a folder is searched for text, JSON Lines and "
                                           "Parquet files by suffix; choose others with --glob")
    formats = tuple(format_of(p) if options.format == "auto" else options.format for p in inputs)
    _check_inputs(options, inputs, formats)
    outputs = _output_paths(inputs, formats, paths, options)
    _check_report_path(options.report, inputs, outputs)
    reference_text = next(cwio.read_text(options.reference, options.errors)).text if options.reference else None
    return Plan(options, inputs, formats, outputs, pipeline, reference_text)


def _check_inputs(options: FixOptions, inputs: tuple[str, ...], formats: tuple[cwio.Format, ...]) -> None:
    """The options that only some inputs (files, not stdin; JSONL or Parquet, not text) can take."""
    if options.in_place and "-" in inputs:
        raise UsageError("--in-place needs files, not stdin")
    if options.in_place and any(remote.is_remote(p) for p in inputs):
        raise UsageError("--in-place replaces local files only; write a store's files elsewhere with -o")
    if options.reference_field and "text" in formats:
        raise UsageError("--reference-field applies to JSONL and Parquet input only")
    if not (options.diff or options.check or options.in_place or options.output) and "parquet" in formats:
        raise UsageError("Parquet input is written as Parquet: give -o or --in-place (or --diff, --check)")
    if options.match_references:
        if options.reference or options.reference_field:
            raise UsageError("--match-references finds references itself; drop --reference/--reference-field")
        if "-" in inputs or "text" in formats:
            raise UsageError("--match-references reads JSONL or Parquet files (it reads them more than once), "
                             "not text or stdin")


def build_pipeline(options: FixOptions) -> Pipeline:
    """The chain ``options`` choose, with their settings.

    >>> [f.name for f in build_pipeline(FixOptions(filters=["encoding", "ligatures"])).filters]
    ['encoding', 'ligatures']
    """
    names = list(FILTERS) if options.filters is None else list(options.filters)
    if not names:
        raise UsageError("the filters chosen (--only, --skip) leave no filter to run; see 'cleanwire filters'")
    settings = {name: dict(values) for name, values in options.settings.items()}
    if options.errors == "surrogateescape" and "encoding" in names:
        # Undecodable bytes ride along as lone surrogates; ftfy would turn them into U+FFFD.
        settings.setdefault("encoding", {}).setdefault("fix_surrogates", False)
    return make_pipeline(names, {name: values for name, values in settings.items() if name in names})


def _check_ray(options: FixOptions) -> None:
    unsupported = [flag for flag, used in (
        ("--in-place", options.in_place), ("--diff", options.diff), ("--check", options.check),
        ("--explain", options.explain), ("--match-references", options.match_references),
        ("--reference", options.reference)) if used]
    if unsupported:
        raise UsageError(f"--engine ray does not support {unsupported[0]}; run it with the local engine")
    if not options.paths or not options.output:
        raise UsageError("--engine ray reads files or folders (not stdin) and writes a folder: give PATH and -o")


def _output_paths(inputs: tuple[str, ...], formats: tuple[cwio.Format, ...], paths: list[str],
                  options: FixOptions) -> tuple[str | None, ...]:
    """Where each input's output goes: ``None`` for stdout."""
    if options.in_place:
        return inputs
    if not options.output:
        return (None,) * len(inputs)
    read = {remote.identity(p) for p in inputs if p != "-"}
    # The Ray engine writes a folder whatever the inputs.
    if len(inputs) == 1 and not any(remote.isdir(p) for p in paths) and options.engine != "ray":
        if remote.identity(options.output) in read:
            raise UsageError(f"-o {options.output} is the file being read; use --in-place to replace it")
        if (formats[0] == "parquet") != (format_of(options.output) == "parquet"):
            raise UsageError(f"-o {options.output}: Parquet is read from and written to .parquet files only")
        return (options.output,)
    if remote.exists(options.output) and not remote.isdir(options.output):
        raise UsageError(f"-o {options.output}: with several inputs or a folder, -o must be a folder, not a file")
    targets: list[str] = []
    written: dict[str, str] = {}
    for path in inputs:
        root = next((p for p in paths if remote.isdir(p) and path.startswith(p.rstrip("/") + "/")), None)
        target = os.path.join(options.output, os.path.relpath(path, root) if root else os.path.basename(path))
        if remote.identity(target) in read:
            raise UsageError(f"-o {options.output} would overwrite input {path}; use --in-place")
        other = written.setdefault(remote.identity(target), path)
        if other != path:
            raise UsageError(f"-o {options.output}: {other} and {path} would both be written to {target}; "
                             "give their folder instead, or run them apart")
        targets.append(target)
    return tuple(targets)


def _check_report_path(report: str | None, inputs: tuple[str, ...], outputs: tuple[str | None, ...]) -> None:
    """The report must not replace an input or an output, and its folder must exist."""
    if report is None:
        return
    where = remote.identity(report)
    if where in {remote.identity(p) for p in inputs if p != "-"}:
        raise UsageError(f"--report {report} is an input file; write the report elsewhere")
    if where in {remote.identity(p) for p in outputs if p is not None}:
        raise UsageError(f"--report {report} is an output file; write the report elsewhere")
    if not remote.is_remote(report) and not os.path.isdir(os.path.dirname(where)):
        raise UsageError(f"--report {report}: folder {os.path.dirname(report) or '.'!r} does not exist")


def parse_setting(assignment: str) -> tuple[str, str, Any]:
    """``FILTER.SETTING=VALUE`` as its three parts, the value read as TOML (a bare word is a string).

    >>> parse_setting("ligatures.min_damaged_words=3"), parse_setting("ligatures.context_model=bigram")
    (('ligatures', 'min_damaged_words', 3), ('ligatures', 'context_model', 'bigram'))
    >>> parse_setting("boilerplate.disabled_rules=['caption-credit']")
    ('boilerplate', 'disabled_rules', ['caption-credit'])
    """
    target, equals, text = assignment.partition("=")
    name, dot, setting = target.strip().partition(".")
    if not (equals and dot and name and setting):
        raise UsageError(f"--set {assignment!r}: write FILTER.SETTING=VALUE, e.g. --set ligatures.min_damaged_words=3")
    if name not in FILTERS:
        raise UsageError(f"--set {assignment!r}: unknown filter {name!r} (see 'cleanwire filters')")
    if text.strip() == "null":
        return name, setting.strip(), None  # as `cleanwire filters` shows an unset default
    try:
        value = tomllib.loads(f"value = {text.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        value = text.strip()  # a bare word: "bigram", "drop"
    return name, setting.strip(), value
