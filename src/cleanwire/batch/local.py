"""The local engine: a plan's files cleaned by worker processes on this machine, each output written whole.

Files are read in order; JSON Lines in blocks of whole lines that the workers
split and parse, text files and Parquet rows as records. Each output is a
temporary file renamed into place at its end, so a failure or a signal leaves
the old file or the complete new one. A document that cannot be read or
written is an error naming its file and line, or, with ``on_error="skip"``,
is written back as it was read and listed in the report.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from tqdm import tqdm

from cleanwire.batch import io as cwio
from cleanwire.batch import parallel, remote, runner
from cleanwire.batch.formats import read_records
from cleanwire.batch.jsonl import read_blocks
from cleanwire.batch.output import KeepOriginal, atomic_bytes_output, write_errors
from cleanwire.batch.parquet import ParquetRows, parquet_output, parquet_schema
from cleanwire.batch.plan import Plan
from cleanwire.batch.report import RunReport
from cleanwire.errors import FileError, InputError, UsageError

Sink = IO[bytes] | ParquetRows | None


@dataclass
class _Stdout:
    """Whether the last document written to stdout left its line open: the next one starts a new line."""

    open_line: bool = False


def run(plan: Plan, report: RunReport, references: dict[tuple[str, int], str]) -> None:
    """Clean every file of ``plan`` into its output, counting into ``report``.

    ``references``: corpus mode's reference text for each (file, line).
    """
    options = plan.options
    if sys.stdout is None and (options.diff or plan.writes and None in plan.outputs):
        raise UsageError("standard output is closed: give -o FILE or --in-place, or run with an open stdout")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors=write_errors(options.errors))
    if options.output and plan.outputs != (options.output,):  # -o FOLDER: made once the whole plan was checked
        for folder in {os.path.dirname(out) for out in plan.outputs if out is not None and not remote.is_remote(out)}:
            os.makedirs(folder, exist_ok=True)
    sizes = [_input_size(path, fmt) for path, fmt in zip(plan.inputs, plan.formats)]
    stdout = _Stdout()
    with parallel.Cleaner(plan.pipeline, options.jobs) as cleaner, _progress_bar(plan, sizes) as progress:
        done = 0
        for path, fmt, output, size in zip(plan.inputs, plan.formats, plan.outputs, sizes):
            progress.set_description_str(os.path.basename(path) if path != "-" else "stdin", refresh=False)
            try:
                _fix_file(plan, path, fmt, output, cleaner, references, report, progress, stdout)
            except FileError as exc:
                _skip_or_raise(exc, plan, report)
            if size is not None:  # exact at each file's end, whatever the estimate within it
                done += size
                progress.update(done - progress.n)


def _input_size(path: str, fmt: cwio.Format) -> int | None:
    """The bytes the progress bar counts for a file: known for uncompressed text and JSONL files only."""
    if path == "-" or fmt == "parquet" or path.endswith(cwio.COMPRESSED_SUFFIXES):
        return None
    if remote.is_remote(path):
        return remote.size(path)
    try:
        return os.path.getsize(path)
    except OSError:
        return None  # the read will say what is wrong with it


def _progress_bar(plan: Plan, sizes: list[int | None]) -> tqdm:
    """Input bytes read, of a total where every file's size is known, and the documents, on stderr.

    Drawn by default only when stderr is a terminal and nothing else is written
    to that terminal (the output, a diff or explanations), so it never draws
    over lines of output.
    """
    options = plan.options
    to_terminal = sys.stdout is not None and sys.stdout.isatty() and (options.diff or None in plan.outputs)
    show = options.progress
    if show is None:
        show = sys.stderr.isatty() and not to_terminal and not options.explain
    total = None if None in sizes else sum(size for size in sizes if size is not None)
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, disable=not show, file=sys.stderr,
                dynamic_ncols=True)


def _fix_file(plan: Plan, path: str, fmt: cwio.Format, output: str | None, cleaner: parallel.Cleaner,
              references: dict[tuple[str, int], str], report: RunReport, progress: tqdm, stdout: _Stdout) -> None:
    options = plan.options
    skipped_before = len(report.skipped)
    job = runner.Job(path, fmt, options.field, options.reference_field, options.errors, options.explain,
                     options.diff, plan.reference_text, audit=bool(options.report))
    items: Iterator[runner.WorkItem | InputError]
    if fmt == "jsonl":  # blocks of lines: the workers split and parse them
        items = (runner.WorkItem(block[0], block[1], _block_references(path, *block, references))
                 if isinstance(block, tuple) else block
                 for block in read_blocks(path, max_bytes=options.max_document_bytes))
    else:
        items = (runner.WorkItem(record.line, record, references.get((path, record.line)))
                 if isinstance(record, cwio.Record) else record
                 for record in read_records(path, fmt, options.field, options.errors, options.reference_field,
                                                 options.max_document_bytes))
    sink: contextlib.AbstractContextManager[Sink]
    if not plan.writes:
        sink = contextlib.nullcontext(None)
    elif output is None:
        sys.stdout.flush()
        sink = contextlib.nullcontext(sys.stdout.buffer)
    elif fmt == "parquet":
        sink = parquet_output(output, parquet_schema(path), options.break_hardlinks)
    else:
        sink = atomic_bytes_output(output, options.break_hardlinks)
    changed = 0
    with sink as out:
        for read, outcomes in cleaner.map_batches(runner.process_chunk, job, _batches(items, plan, report)):
            for outcome in outcomes:
                if outcome.error is not None:
                    _skip_or_raise(outcome.error, plan, report)
                    _write_back(outcome.error, out)  # skipped, never dropped
                    continue
                report.documents += outcome.documents
                report.characters += outcome.characters
                report.edits.update(outcome.edits)
                if outcome.audit is not None:
                    report.audit.merge(outcome.audit)
                changed += outcome.changed
                sys.stderr.write(outcome.explanation)
                if outcome.diff:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(outcome.diff)
                _write(outcome, out, output is None, stdout)
            if progress.total is None or progress.n + read <= progress.total:
                progress.update(read)
            progress.set_postfix_str(f"{report.documents:,} documents", refresh=False)
        if options.in_place and not changed and len(report.skipped) == skipped_before:
            raise KeepOriginal  # nothing to change: the file keeps its inode and time
    if changed:
        report.changed_files += 1
        if options.check:
            print(f"cleanwire: would change {path} ({changed} document(s))", file=sys.stderr)


def _write(outcome: runner.Outcome, out: Sink, to_stdout: bool, stdout: _Stdout) -> None:
    if isinstance(out, ParquetRows):
        for row in outcome.rows:
            out.write(row)
    elif out is not None and outcome.output:
        if to_stdout and stdout.open_line:
            out.write(b"\n")  # documents on stdout stay apart
        for piece in outcome.output:
            out.write(piece)
        stdout.open_line = to_stdout and not outcome.output[-1].endswith(b"\n")


def _write_back(error: FileError, out: Sink) -> None:
    """A document that could not be cleaned goes to the output as it was read."""
    if isinstance(out, ParquetRows) and isinstance(error.original, dict):
        out.write(error.original)
    elif out is not None and not isinstance(out, ParquetRows) and isinstance(error.original, bytes):
        out.write(error.original + b"\n")


def _block_references(path: str, first: int, block: bytes, references: dict[tuple[str, int], str]) -> dict[int, str]:
    """Corpus mode: the references found for a block's lines, by line number."""
    if not references:
        return {}
    lines = range(first, first + block.count(b"\n") + 1)
    return {line: references[(path, line)] for line in lines if (path, line) in references}


def _skip_or_raise(error: FileError, plan: Plan, report: RunReport) -> None:
    if plan.options.on_error != "skip":
        raise error
    report.skipped.append(str(error))
    print(f"cleanwire: error: {error} (skipped)", file=sys.stderr)


def _batches(items: Iterator[runner.WorkItem | InputError], plan: Plan,
             report: RunReport) -> Iterator[tuple[int, list[runner.WorkItem]]]:
    """Items in batches for the workers, each with its size (bytes of JSONL, characters of text, for progress).

    Lines that cannot be read raise, or are reported and skipped.
    """
    batch: list[runner.WorkItem] = []
    size = 0
    for item in items:
        if isinstance(item, InputError):
            if item.original is None:  # nothing was read to write back: the read itself failed
                _skip_or_raise(item, plan, report)
                continue
            item = runner.WorkItem(item.line or 0, item)  # written back in its place, with the documents
        batch.append(item)
        data = item.data
        size += len(data) if isinstance(data, bytes) else 0 if isinstance(data, InputError) else len(data.text)
        if len(batch) >= parallel.BATCH or size >= parallel.BATCH_BYTES:
            yield size, batch
            batch, size = [], 0
    if batch:
        yield size, batch
