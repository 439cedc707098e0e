"""One document of a ``cleanwire fix`` run, from its bytes to its output: the work a worker does.

Parsing, cleaning, serializing and explaining all happen here, in the worker
processes, so that the parent only reads lines and writes results.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleanwire import io as cwio
from cleanwire.edits import Edit, origin, stages
from cleanwire.pipeline import CleanResult, Pipeline


@dataclass(frozen=True)
class Job:
    """What every document of one input file shares: how to read, clean and report it."""

    path: str
    format: cwio.Format
    field: str = "text"
    reference_field: str | None = None
    errors: cwio.DecodeErrors = "strict"
    explain: bool = False
    diff: bool = False
    reference: str | None = None


@dataclass
class Outcome:
    """One document's output, its report, and its counts; or the error that stopped it."""

    #: The text to write (for Parquet, ``row`` instead).
    output: str = ""
    row: dict[str, Any] | None = None
    explanation: str = ""
    diff: str = ""
    edits: Counter[str] = field(default_factory=Counter)
    characters: int = 0
    error: cwio.InputError | None = None


#: A JSONL line (its number, its bytes) or a text file's or Parquet row's record, with a reference found for it, if any.
Item = tuple[int, "bytes | cwio.Record", "str | None"]


def process(pipeline: Pipeline, job: Job, item: Item) -> Outcome:
    """Clean one document of ``job``'s file.

    >>> from cleanwire.pipeline import make_pipeline
    >>> job = Job("f.jsonl", "jsonl")
    >>> line = '{"text": "canâ€™t"}'.encode()
    >>> process(make_pipeline(["encoding"]), job, (1, line, None)).output
    '{"text": "can’t"}\\n'
    """
    number, data, reference = item
    if isinstance(data, cwio.Record):
        record = data
    else:
        try:
            record = cwio.parse_jsonl_line(data, job.path, number, job.field, job.errors, job.reference_field)
        except cwio.InputError as exc:
            return Outcome(error=exc)
    result = pipeline.run(record.text, reference or record.reference or job.reference,
                          {"path": job.path, "line": number}, notes=job.explain)
    outcome = Outcome(
        edits=Counter(f"{e.filter}/{e.rule}" for e in result.edits), characters=len(record.text)
    )
    if job.explain:
        outcome.explanation = explain(record, result)
    if job.diff:
        outcome.diff = diff(record, result)
    elif job.format == "parquet":
        outcome.row = {**(record.obj or {}), job.field: result.text}
    else:
        outcome.output = cwio.jsonl_line(record, job.field, result.text) if job.format == "jsonl" else result.text
    return outcome


def explain(record: cwio.Record, result: CleanResult) -> str:
    """Each edit as ``FILE:LINE:COL: 'before' → 'after' [filter/rule] reason``, one per line.

    LINE and COL point into the input: for a text file its line and column, for
    JSONL the file's line and the column in the cleaned field.
    """
    lines = []
    earlier: list[Edit] = []
    for stage in stages(result.edits):
        lines += [f"{_where(record, origin(e.start, earlier))}: {e.describe()}\n" for e in stage]
        earlier += stage
    for note in result.notes:
        lines.append(f"{_where(record, note.start)}: {note.describe()}\n")
    return "".join(lines)


def _where(record: cwio.Record, start: int) -> str:
    if record.obj is None:
        line = record.text.count("\n", 0, start) + 1
        col = start - (record.text.rfind("\n", 0, start) + 1) + 1
    else:
        line, col = record.line, start + 1
    return f"{record.path}:{line}:{col}"


def diff(record: cwio.Record, result: CleanResult) -> str:
    """A unified diff of one document, labelled with its file (and line for JSONL)."""
    if result.text == record.text:
        return ""
    label = record.path if record.obj is None else f"{record.path}:{record.line}"
    text = "".join(
        difflib.unified_diff(
            record.text.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            fromfile=f"a/{label}",
            tofile=f"b/{label}",
        )
    )
    return text if text.endswith("\n") else text + "\n"
