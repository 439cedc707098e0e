"""One document of a ``cleanwire fix`` run, from its bytes to its output: the work a worker does.

Parsing, cleaning, serializing and explaining all happen here, in the worker
processes, so that the parent only reads lines and writes results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from cleanwire.audit import Audit
from cleanwire.batch import io as cwio
from cleanwire.batch import patch
from cleanwire.batch.jsonl import jsonl_line, parse_jsonl_line, split_lines
from cleanwire.batch.output import encode_output
from cleanwire.edits import Edit, origin, stages
from cleanwire.errors import FileError, InputError
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
    #: Gather an audit (samples of edits, damage per document) for the report.
    audit: bool = False


@dataclass(slots=True)
class Outcome:
    """Consecutive documents' output, reports and counts; or the error that stopped one document."""

    #: What to write, encoded by the worker, in pieces (for Parquet, ``rows`` instead).
    output: list[bytes] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    explanation: str = ""
    #: A unified diff, encoded: its file names as the file system's bytes.
    diff: bytes = b""
    edits: Counter[str] = field(default_factory=Counter)
    characters: int = 0
    documents: int = 1
    #: Documents whose text the chain changed.
    changed: int = 0
    error: FileError | None = None
    audit: Audit | None = None

    @classmethod
    def merged(cls, outcomes: Sequence[Outcome]) -> Outcome:
        """Consecutive documents' outcomes as one: one object to send back instead of many."""
        edits: Counter[str] = Counter()
        audit: Audit | None = None
        for outcome in outcomes:
            edits.update(outcome.edits)
            if outcome.audit is not None:
                audit = outcome.audit if audit is None else audit.merge(outcome.audit)
        return cls(
            output=[piece for o in outcomes for piece in o.output],
            rows=[row for o in outcomes for row in o.rows],
            explanation="".join(o.explanation for o in outcomes),
            diff=b"".join(o.diff for o in outcomes),
            edits=edits,
            characters=sum(o.characters for o in outcomes),
            documents=sum(o.documents for o in outcomes),
            changed=sum(o.changed for o in outcomes),
            audit=audit,
        )


class WorkItem(NamedTuple):
    """What the workers are sent: a block of JSON Lines lines, or one text file's or Parquet row's record.

    ``references``: for a block, the references found for its lines, by line
    number; for a record, the reference found for it.
    """

    line: int
    data: bytes | cwio.Record | InputError
    references: dict[int, str] | str | None = None


class RawDocument(NamedTuple):
    """One document as read, before parsing: its line, its JSONL bytes or record (or the error reading it)."""

    line: int
    data: bytes | cwio.Record | InputError
    reference: str | None = None


def process_chunk(pipeline: Pipeline, job: Job, items: Sequence[WorkItem]) -> list[Outcome]:
    """Clean consecutive documents of ``job``'s file: their outcomes merged, errors kept apart and in place.

    >>> from cleanwire.pipeline import make_pipeline
    >>> block = WorkItem(1, b'{"text": "a"}\\n{"text": "b"}\\n[]\\n{"text": "c"}\\n')
    >>> [(o.documents, o.error is None) for o in process_chunk(make_pipeline(["encoding"]), Job("f", "jsonl"), [block])]
    [(2, True), (1, False), (1, True)]
    """
    merged: list[Outcome] = []
    run: list[Outcome] = []
    audit = Audit() if job.audit else None  # one for the chunk: few of its edits enter the samples
    for document in _documents(items):
        outcome = process(pipeline, job, document, audit)
        if outcome.error is None:
            run.append(outcome)
            continue
        if run:
            merged.append(Outcome.merged(run))
            run = []
        merged.append(outcome)
    if run:
        merged.append(Outcome.merged(run))
    if audit is not None:
        merged.append(Outcome(documents=0, audit=audit))
    return merged


def _documents(items: Sequence[WorkItem]) -> Iterator[RawDocument]:
    for number, data, reference in items:
        if isinstance(data, bytes):
            references = reference if isinstance(reference, dict) else {}
            for line, raw in split_lines(number, data):
                yield RawDocument(line, raw, references.get(line))
        else:
            yield RawDocument(number, data, reference if isinstance(reference, str) else None)


def process(pipeline: Pipeline, job: Job, item: RawDocument, audit: Audit | None = None) -> Outcome:
    """Clean one document of ``job``'s file; with ``job.audit``, add it to ``audit`` (or to its outcome's own).

    >>> from cleanwire.pipeline import make_pipeline
    >>> job = Job("f.jsonl", "jsonl")
    >>> line = '{"text": "canâ€™t"}'.encode()
    >>> b"".join(process(make_pipeline(["encoding"]), job, RawDocument(1, line)).output).decode()
    '{"text": "can’t"}\\n'
    """
    number, data, reference = item
    if isinstance(data, InputError):  # found while reading; it keeps its place in the output
        return Outcome(error=data)
    if isinstance(data, cwio.Record):
        record = data
    else:
        try:
            record = parse_jsonl_line(data, job.path, number, job.field, job.errors, job.reference_field)
        except FileError as exc:
            return Outcome(error=exc)
    reference = reference or record.reference or job.reference
    if job.format == "text" and reference is None and not (job.explain or job.audit or job.diff):
        return _text_outcome(pipeline, job, record, number)
    result = pipeline.run(record.text, reference, {"path": job.path, "line": number}, notes=job.explain or job.audit)
    outcome = Outcome(
        edits=Counter(f"{e.filter}/{e.rule}" for e in result.edits), characters=len(record.text),
        changed=int(result.text != record.text),
    )
    if job.audit:
        if audit is None:
            audit = outcome.audit = Audit()
        audit.add(record.text, result, lambda at: _where(record, at))
    if job.explain:
        outcome.explanation = explain(record, result)
    if job.diff:
        try:
            outcome.diff = diff(record, result if job.format != "text" else CleanResult(_text_file(record, result)),
                                job.errors)
        except FileError as exc:
            return Outcome(error=exc)
    elif job.format == "parquet":
        outcome.rows.append({**(record.obj or {}), job.field: result.text})
    else:
        output = jsonl_line(record, job.field, result.text) if job.format == "jsonl" else _text_file(record, result)
        try:
            outcome.output = encode_output(output, job.path, number, job.errors)
        except FileError as exc:
            exc.original = data if isinstance(data, bytes) else None
            return Outcome(error=exc)
    return outcome


def _text_outcome(pipeline: Pipeline, job: Job, record: cwio.Record, number: int) -> Outcome:
    """A text file cleaned and encoded a piece at a time (:meth:`Pipeline.run_pieces`): a long file's
    cleaned text is never held whole beside the file's, nor beside its own encoding."""
    outcome = Outcome(characters=len(record.text))
    written = 0
    last = ""  # the cleaned text's last character
    try:
        for piece, result in pipeline.run_pieces(record.text, {"path": job.path, "line": number}):
            outcome.edits.update(f"{e.filter}/{e.rule}" for e in result.edits)
            outcome.changed = int(outcome.changed or result.text != piece)
            outcome.output += encode_output(result.text, job.path, number, job.errors, offset=written)
            written += len(result.text)
            last = result.text[-1:] or last
        outcome.output += encode_output(_missing_newline(record, last), job.path, number)
    except FileError as exc:
        return Outcome(error=exc)
    return outcome


def _text_file(record: cwio.Record, result: CleanResult) -> str:
    """A text file's cleaned text, ending in a newline where the file did (a removed footer took it)."""
    return result.text + _missing_newline(record, result.text[-1:])


def _missing_newline(record: cwio.Record, cleaned_end: str) -> str:
    """A newline where the file ended in one and its cleaned text, ending in ``cleaned_end``, lost it.

    >>> record = cwio.Record("f.txt", 1, "Talks.\\nNewspapers in English\\n")
    >>> _missing_newline(record, "."), _missing_newline(record, "\\n"), _missing_newline(record, "")
    ('\\n', '', '')
    """
    return "\n" if record.text.endswith("\n") and cleaned_end not in ("", "\n") else ""


def explain(record: cwio.Record, result: CleanResult) -> str:
    """Each edit as ``FILE:LINE:COL: 'before' → 'after' [filter/rule] reason``, one per line.

    LINE and COL point into the input: for a text file its line and column, for
    JSONL the file's line and the column in the cleaned field.
    """
    found: list[tuple[int, int, str]] = []  # (position in the input, pipeline order, line): sorted, text order
    earlier: list[Edit] = []
    for stage in stages(result.edits):
        for edit in stage:
            start = origin(edit.start, earlier)
            found.append((start, len(found), f"{_where(record, start)}: {edit.describe()}\n"))
        earlier += stage
    for note in result.notes:
        found.append((note.start, len(found), f"{_where(record, note.start)}: {note.describe()}\n"))
    return "".join(line for _, _, line in sorted(found))


def _where(record: cwio.Record, start: int) -> str:
    if record.obj is None:
        line = record.text.count("\n", 0, start) + 1
        col = start - (record.text.rfind("\n", 0, start) + 1) + 1
    else:
        line, col = record.line, start + 1
    return f"{record.path}:{line}:{col}"


def diff(record: cwio.Record, result: CleanResult, errors: cwio.DecodeErrors = "strict") -> bytes:
    """A unified diff of one document, labelled with its file (and line for JSONL), that ``patch`` applies.

    The labels keep a file name's own bytes, as diff(1) writes them, even
    where they are not UTF-8.

    >>> record = cwio.Record("n\\udce9.txt", 1, "ater\\n")
    >>> diff(record, CleanResult("after\\n", [])).splitlines()[:2]
    [b'--- a/n\\xe9.txt', b'+++ b/n\\xe9.txt']
    """
    if result.text == record.text:
        return b""
    label = record.path if record.obj is None else f"{record.path}:{record.line}"
    lines = patch.unified_diff(record.text, result.text, f"a/{label}", f"b/{label}").split("\n", 2)
    head, body = lines[0] + "\n" + lines[1] + "\n", lines[2]
    return b"".join([head.encode("utf-8", "surrogateescape"), *encode_output(body, record.path, record.line, errors)])
