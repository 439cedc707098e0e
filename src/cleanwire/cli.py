"""The ``cleanwire`` command: ``fix`` files, list ``filters`` and ``rules``."""

from __future__ import annotations

import argparse
import dataclasses
import contextlib
import io
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from tqdm import tqdm

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

import cleanwire
from cleanwire import html_report
from cleanwire.batch import parallel, runner
from cleanwire.audit import Audit
from cleanwire.batch import io as cwio
from cleanwire.filters import FILTERS
from cleanwire.filters.base import SettingsError
from cleanwire.filters.boilerplate import BUILTIN_PACK, check_pack, load_pack
from cleanwire.pipeline import Pipeline, make_pipeline


class UsageError(Exception):
    """Arguments that cannot work together: exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanwire", description="Turn damaged news text into clean text, explaining every edit."
    )
    parser.add_argument("--version", action="version", version=f"cleanwire {cleanwire.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    fix = commands.add_parser("fix", help="clean files, folders or stdin")
    fix.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' or none for stdin")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="PATH",
                       help="write here (a folder when there are several inputs) instead of stdout")
    where.add_argument("--in-place", action="store_true",
                       help="replace each input file, atomically, keeping its owner, mode and attributes "
                            "(a file with nothing to change is left untouched)")
    where.add_argument("--diff", action="store_true", help="print a unified diff; change nothing")
    where.add_argument("--check", action="store_true",
                       help="change nothing; name each file that would change, and exit 1 if any would")
    fix.add_argument("--break-hardlinks", action="store_true",
                     help="replace a file that has other hard links (they keep the old text); refused without it")
    fix.add_argument("--glob", help="which files of a folder to read (default: text and JSONL files)")
    fix.add_argument("--format", choices=["auto", "text", "jsonl", "parquet"], default="auto",
                     help="input format (default: by suffix; stdin is text); Parquet is written back as Parquet")
    fix.add_argument("--field", default="text", help="JSONL field or Parquet column to clean (default: text)")
    fix.add_argument("--reference", metavar="PATH", help="a clean edition of the same story (plain text)")
    fix.add_argument("--reference-field", metavar="NAME", help="JSONL field holding each document's reference")
    fix.add_argument("--match-references", action="store_true",
                     help="JSONL corpus: find editions of the same story (MinHash LSH) and use the "
                          "least damaged of each as the others' reference")
    fix.add_argument("--explain", action="store_true", help="print each edit on stderr")
    fix.add_argument("--report", metavar="PATH",
                     help="write the run's report here: JSON (counts, and samples of each rule's edits), or, "
                          "for a .html path, a page to read them in")
    fix.add_argument("--rules", metavar="PACK.toml", action="append", default=[],
                     help="a boilerplate rule pack of your own, used with the built-in one (repeatable)")
    fix.add_argument("--set", metavar="FILTER.SETTING=VALUE", action="append", default=[],
                     help="change one filter setting (a TOML value, or a bare word as a string), "
                          "e.g. --set ligatures.context_model=bigram; 'cleanwire filters' lists them")
    fix.add_argument("--only", metavar="FILTER,...", help="run only these filters")
    fix.add_argument("--skip", metavar="FILTER,...", help="run every filter but these")
    fix.add_argument("--on-error", choices=["stop", "skip"], default="stop",
                     help="on a bad file or line: stop (default), or skip it (a line or row is written "
                          "back as it was read), go on, and exit 1 at the end")
    fix.add_argument("--max-document-bytes", type=int, default=cwio.MAX_DOCUMENT_BYTES, metavar="N",
                     help="refuse a text file or JSONL line larger than this, decompressed "
                          f"(default: {cwio.MAX_DOCUMENT_BYTES:,}; guards against decompression bombs)")
    fix.add_argument("--errors", choices=["strict", "replace", "surrogateescape"], default="strict",
                     help="undecodable bytes: stop with an error (default), replace, or keep them")
    fix.add_argument("-j", "--jobs", type=int, default=parallel.default_jobs(),
                     help="worker processes (default: every core)")
    fix.add_argument("--engine", choices=["local", "ray"], default="local",
                     help="ray: run on Ray Data (pip install cleanwire[ray]); JSONL or Parquet files or "
                          "folders in, a folder out (-o); connects to RAY_ADDRESS if set, else starts Ray here")
    shown = fix.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    shown.add_argument("--quiet", action="store_true", help="no progress bar")
    fix.add_argument("--debug", action="store_true", help="show tracebacks")

    commands.add_parser("filters", help="list the filters of the default chain")
    report = commands.add_parser("report", help="render a JSON report (cleanwire fix --report run.json) as HTML")
    report.add_argument("json_report", metavar="RUN.json")
    report.add_argument("-o", "--output", metavar="PAGE.html", help="where to write the page (default: stdout)")
    rules = commands.add_parser("rules", help="list boilerplate rules, or check a pack's examples")
    rules.add_argument("packs", nargs="*", metavar="PACK.toml", help="packs to list besides the built-in one")
    rules.add_argument("--test", action="store_true", help="run the packs' examples; exit 1 on a failure")
    return parser


class Terminated(BaseException):
    """SIGTERM: unwinds like Ctrl-C, so that temporary files are removed and workers stopped."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        if args.command == "filters":
            return list_filters(sys.stdout)
        if args.command == "rules":
            return list_rules(args, sys.stdout)
        if args.command == "report":
            return render_report(args.json_report, args.output)
        return fix(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"cleanwire: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as shell tools do, with nothing left to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except (cwio.InputError, OSError, ValueError) as exc:
        if getattr(args, "debug", False):
            raise
        print(f"cleanwire: error: {_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cleanwire: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("cleanwire: terminated", file=sys.stderr)
        return 143
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if getattr(args, "debug", False):
            raise
        print(f"cleanwire: error: internal error: {type(exc).__name__}: {exc} "
              "(run again with --debug for the traceback, and please report it)", file=sys.stderr)
        return 1


def _message(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


def list_filters(out: IO[str]) -> int:
    """``cleanwire filters``: each filter, what it repairs, and its settings with their defaults (for ``--set``)."""
    width = max(len(name) for name in FILTERS)
    for name, description in cleanwire.available_filters():
        print(f"{name:<{width}}  {description}", file=out)
        for field_ in dataclasses.fields(FILTERS[name].Settings):
            print(f"{'':<{width}}    {name}.{field_.name}={json.dumps(field_.default)}", file=out)
    return 0


def list_rules(args: argparse.Namespace, out: IO[str]) -> int:
    """``cleanwire rules``: each rule's pack, name and description; ``--test`` runs their examples."""
    packs = [BUILTIN_PACK, *args.packs] if not (args.test and args.packs) else list(args.packs)
    rules = [rule for pack in packs for rule in load_pack(pack)]
    if args.test:
        failures = check_pack(rules)
        for failure in failures:
            print(f"FAIL {failure}", file=out)
        examples = sum(len(r.examples) + len(r.counter_examples) for r in rules)
        print(f"{len(rules)} rules, {examples} examples: {len(failures)} failed", file=out)
        return 1 if failures else 0
    for rule in rules:
        print(f"{rule.pack}\t{rule.name}\t{rule.description}", file=out)
    return 0


def _names(value: str | None) -> list[str]:
    return [n.strip() for n in (value or "").split(",") if n.strip()]


def pipeline_from_args(args: argparse.Namespace) -> Pipeline:
    only, skip = _names(args.only), _names(args.skip)
    for name in only + skip:
        if name not in FILTERS:
            raise UsageError(f"unknown filter {name!r} (see 'cleanwire filters')")
    names = [n for n in (only or FILTERS) if n not in skip]
    if not names:
        raise UsageError("--only/--skip leave no filter to run")
    try:
        return make_pipeline(names, {k: v for k, v in _settings_from_args(args).items() if k in names})
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def _settings_from_args(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    settings: dict[str, dict[str, Any]] = {}
    if args.rules:
        settings["boilerplate"] = {"packs": (BUILTIN_PACK, *args.rules)}
    if args.errors == "surrogateescape":
        # Undecodable bytes ride along as lone surrogates; ftfy would turn them into U+FFFD.
        settings["encoding"] = {"fix_surrogates": False}
    for assignment in args.set:
        name, setting, value = _setting(assignment)
        settings.setdefault(name, {})[setting] = value
    return settings


def _setting(assignment: str) -> tuple[str, str, Any]:
    """``FILTER.SETTING=VALUE`` as its three parts, the value read as TOML (a bare word is a string).

    >>> _setting("ligatures.min_damaged_words=3"), _setting("ligatures.context_model=bigram")
    (('ligatures', 'min_damaged_words', 3), ('ligatures', 'context_model', 'bigram'))
    >>> _setting("boilerplate.disabled_rules=['caption-credit']")
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


@dataclass
class Run:
    """What one ``cleanwire fix`` did, for the report and the exit status."""

    documents: int = 0
    characters: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    #: Corpus mode: "path:line" of a document → "path:line" of the edition used as its reference.
    references: dict[str, str] | None = None
    #: The last document written to stdout did not end its line.
    stdout_open_line: bool = False
    #: Files in which the chain changed at least one document.
    changed_files: int = 0
    inputs: list[str] = field(default_factory=list)
    audit: Audit = field(default_factory=Audit)

    def report(self) -> dict[str, Any]:
        per_filter: dict[str, dict[str, int]] = {}
        for key, count in sorted(self.edits.items()):
            name, _, rule = key.partition("/")
            per_filter.setdefault(name, {})[rule] = count
        report: dict[str, Any] = {
            "documents": self.documents,
            "characters": self.characters,
            "edits": per_filter,
            "files_changed": self.changed_files,
            "skipped": self.skipped,
            "seconds": round(time.perf_counter() - self.started, 3),
            "inputs": self.inputs,
            "audit": self.audit.to_json(),
        }
        if self.references is not None:
            report["groups"] = len(set(self.references.values()))
            report["references"] = self.references
        return report


def fix(args: argparse.Namespace) -> int:
    pipeline = pipeline_from_args(args)
    if args.engine == "ray":
        return fix_with_ray(args)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8", errors=cwio.write_errors(args.errors))
    paths = args.paths or ["-"]
    inputs = list(cwio.find_inputs(paths, args.glob))
    if not inputs:
        raise cwio.InputError(", ".join(paths), "no files to read: a folder is searched for text, JSON Lines and "
                                                "Parquet files by suffix; choose others with --glob")
    if args.max_document_bytes < 1:
        raise UsageError("--max-document-bytes must be 1 or more")
    if args.in_place and "-" in inputs:
        raise UsageError("--in-place needs files, not stdin")
    if args.reference_field and not all(_format(p, args) != "text" for p in inputs):
        raise UsageError("--reference-field applies to JSONL and Parquet input only")
    if not (args.diff or args.check or args.in_place or args.output) and any(_format(p, args) == "parquet" for p in inputs):
        raise UsageError("Parquet input is written as Parquet: give -o or --in-place (or --diff, --check)")
    reference = None
    if args.reference:
        reference = next(cwio.read_text(args.reference, args.errors)).text
    outputs = _output_paths(inputs, paths, args)
    _check_report_path(args.report, inputs, outputs)
    if sys.stdout is None and (args.diff or None in outputs) and not args.check:
        raise UsageError("standard output is closed: give -o FILE or --in-place, or run with an open stdout")
    run = Run(inputs=list(inputs))
    matched: dict[tuple[str, int], str] = {}
    if args.match_references:
        if args.reference or args.reference_field:
            raise UsageError("--match-references finds references itself; drop --reference/--reference-field")
        if not all(p != "-" and _format(p, args) != "text" for p in inputs):
            raise UsageError("--match-references reads JSONL or Parquet files (it reads them more than once), "
                             "not text or stdin")
        matched = match_references(inputs, args, run)

    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    sizes = [_input_size(path, args) for path in inputs]
    with parallel.Cleaner(pipeline, args.jobs) as cleaner, _progress_bar(args, outputs, sizes) as progress:
        done = 0
        for path, output, size in zip(inputs, outputs, sizes):
            progress.set_description_str(os.path.basename(path) if path != "-" else "stdin", refresh=False)
            try:
                _fix_file(path, output, cleaner, matched, reference, args, run, progress)
            except cwio.InputError as exc:
                if args.on_error != "skip":
                    raise
                run.skipped.append(str(exc))
                progress.write(f"cleanwire: error: {exc} (skipped)", file=sys.stderr)
            if size is not None:  # exact at each file's end, whatever the estimate within it
                done += size
                progress.update(done - progress.n)
    if args.report:
        _write_report(run.report(), args.report)
    if run.skipped:
        print(f"cleanwire: {len(run.skipped)} file(s) or line(s) skipped after errors", file=sys.stderr)
        return 1
    return 1 if args.check and run.changed_files else 0


def _input_size(path: str, args: argparse.Namespace) -> int | None:
    """The bytes the progress bar counts for a file: known for uncompressed text and JSONL files only."""
    if path == "-" or _format(path, args) == "parquet" or path.endswith(cwio.COMPRESSED_SUFFIXES):
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return None  # the read will say what is wrong with it


def _progress_bar(args: argparse.Namespace, outputs: list[str | None], sizes: list[int | None]) -> tqdm:
    """Input bytes read, of a total where every file's size is known, and the documents, on stderr.

    Drawn by default only when stderr is a terminal and nothing else is written
    to that terminal (the output, a diff or explanations), so it never draws
    over lines of output.
    """
    to_terminal = sys.stdout is not None and sys.stdout.isatty() and (args.diff or None in outputs)
    show = args.progress or (sys.stderr.isatty() and not args.quiet and not to_terminal and not args.explain)
    total = None if None in sizes else sum(size for size in sizes if size is not None)
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, disable=not show, file=sys.stderr,
                dynamic_ncols=True)


def _write_report(report: dict[str, Any], path: str) -> None:
    """The report as JSON, or as a page where ``path`` ends in .html."""
    with cwio.atomic_output(path) as out:
        if path.lower().endswith((".html", ".htm")):
            out.write(html_report.render(report))
        else:
            json.dump(report, out, indent=2)
            out.write("\n")


def render_report(source: str, output: str | None) -> int:
    """``cleanwire report``: the page of a saved JSON report."""
    try:
        with open(source, encoding="utf-8") as fh:
            report = json.load(fh)
    except json.JSONDecodeError as exc:
        raise cwio.InputError(source, f"not a JSON report: {exc.msg}", exc.lineno) from None
    if not isinstance(report, dict) or "documents" not in report:
        raise cwio.InputError(source, "not a cleanwire report (no 'documents'): write one with cleanwire fix --report")
    if output is None:
        sys.stdout.write(html_report.render(report))
        return 0
    if os.path.realpath(output) == os.path.realpath(source):
        raise UsageError(f"-o {output} is the report being read; write the page elsewhere")
    with cwio.atomic_output(output) as out:
        out.write(html_report.render(report))
    return 0


def _format(path: str, args: argparse.Namespace) -> cwio.Format:
    fmt: cwio.Format = cwio.format_of(path) if args.format == "auto" else args.format
    return fmt


def _output_paths(inputs: list[str], paths: list[str], args: argparse.Namespace) -> list[str | None]:
    """Where each input's output goes: ``None`` for stdout."""
    if args.in_place:
        return list(inputs)
    if not args.output:
        return [None] * len(inputs)
    read = {os.path.realpath(p) for p in inputs if p != "-"}
    several = len(inputs) > 1 or any(os.path.isdir(p) for p in paths)
    if not several:
        if os.path.realpath(args.output) in read:
            raise UsageError(f"-o {args.output} is the file being read; use --in-place to replace it")
        if (_format(inputs[0], args) == "parquet") != (cwio.format_of(args.output) == "parquet"):
            raise UsageError(f"-o {args.output}: Parquet is read from and written to .parquet files only")
        return [args.output]
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError(f"-o {args.output}: with several inputs or a folder, -o must be a folder, not a file")
    targets: list[str] = []
    written: dict[str, str] = {}
    for path in inputs:
        root = next((p for p in paths if os.path.isdir(p) and path.startswith(p.rstrip("/") + "/")), None)
        rel = os.path.relpath(path, root) if root else os.path.basename(path)
        target = os.path.join(args.output, rel)
        if os.path.realpath(target) in read:
            raise UsageError(f"-o {args.output} would overwrite input {path}; use --in-place")
        other = written.setdefault(os.path.realpath(target), path)
        if other != path:
            raise UsageError(f"-o {args.output}: {other} and {path} would both be written to {target}; "
                             "give their folder instead, or run them apart")
        targets.append(target)
    for target in targets:  # only once every path is known to be fine
        os.makedirs(os.path.dirname(target), exist_ok=True)
    return list(targets)


def _check_report_path(report: str | None, inputs: list[str], outputs: list[str | None]) -> None:
    """The report must not replace an input or an output, and its folder must exist: checked before any work."""
    if report is None:
        return
    where = os.path.realpath(report)
    if where in {os.path.realpath(p) for p in inputs if p != "-"}:
        raise UsageError(f"--report {report} is an input file; write the report elsewhere")
    if where in {os.path.realpath(p) for p in outputs if p is not None}:
        raise UsageError(f"--report {report} is an output file; write the report elsewhere")
    if not os.path.isdir(os.path.dirname(where)):
        raise UsageError(f"--report {report}: folder {os.path.dirname(report) or '.'!r} does not exist")


def fix_with_ray(args: argparse.Namespace) -> int:
    """``--engine ray``: the same chain over Ray Data, folder in, folder out."""
    unsupported = [flag for flag, used in (("--in-place", args.in_place), ("--diff", args.diff), ("--check", args.check),
                                           ("--explain", args.explain), ("--match-references", args.match_references),
                                           ("--reference", args.reference)) if used]
    if unsupported:
        raise UsageError(f"--engine ray does not support {unsupported[0]}; run it with the local engine")
    if not args.paths or not args.output:
        raise UsageError("--engine ray reads files or folders (not stdin) and writes a folder: give PATH and -o")
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray Data: pip install 'cleanwire[ray]'") from None
    from cleanwire.ray import clean_batch

    # Ray writes JSON Lines as *.json: read those back too.
    files = [f for f in cwio.find_inputs(args.paths, args.glob or "*")
             if cwio.base_suffix(f) in (*cwio.JSONL_SUFFIXES, ".json", ".parquet")]
    parquet = [f for f in files if f.endswith(".parquet")]
    if parquet and len(parquet) != len(files):
        raise UsageError("--engine ray: give JSONL or Parquet inputs, not both")
    if not files:
        raise UsageError("--engine ray: no input files found")
    started = time.perf_counter()
    if not ray.is_initialized():
        ray.init(num_cpus=None if os.environ.get("RAY_ADDRESS") else args.jobs,
                 include_dashboard=False, log_to_driver=False)
    dataset = ray.data.read_parquet(files) if parquet else ray.data.read_json(files)
    names = [f.name for f in pipeline_from_args(args).filters]
    settings = {k: v for k, v in _settings_from_args(args).items() if k in names}
    # Tasks, not an actor pool: actors holding every CPU would starve the read tasks on a small machine.
    cleaned = dataset.map_batches(
        clean_batch,
        fn_kwargs={"column": args.field, "reference_column": args.reference_field,
                   "edits_column": None, "filters": names, "settings": settings},
        batch_format="pandas",
    )
    (cleaned.write_parquet if parquet else cleaned.write_json)(args.output)
    if args.report:
        _write_report({"engine": "ray", "inputs": files, "documents": dataset.count(),
                       "seconds": round(time.perf_counter() - started, 3)}, args.report)
    return 0


def match_references(inputs: list[str], args: argparse.Namespace, run: Run) -> dict[tuple[str, int], str]:
    """Corpus mode: each document's reference edition, found among the inputs.

    Reads the corpus twice before cleaning it: once for MinHash sketches and
    damage scores (no text is kept), once for the texts of the chosen references.
    Lines that cannot be read are left to the cleaning pass to report.
    """
    from cleanwire.batch import corpus  # datasketch pulls in scipy: 0.6 s of start-up, paid only here

    keys: list[tuple[str, int]] = []
    sketches = []
    for path in inputs:
        for record in cwio.read_records(path, _format(path, args), args.field, args.errors):
            if isinstance(record, cwio.Record):
                keys.append((path, record.line))
                sketches.append(corpus.sketch(record.text))
    chosen = corpus.choose_references(sketches)
    wanted = {keys[c] for c in chosen if c is not None}
    texts: dict[tuple[str, int], str] = {}
    for path in sorted({p for p, _ in wanted}):
        for record in cwio.read_records(path, _format(path, args), args.field, args.errors):
            if isinstance(record, cwio.Record) and (path, record.line) in wanted:
                texts[(path, record.line)] = record.text
    run.references = {
        f"{keys[i][0]}:{keys[i][1]}": f"{keys[c][0]}:{keys[c][1]}" for i, c in enumerate(chosen) if c is not None
    }
    return {keys[i]: texts[keys[c]] for i, c in enumerate(chosen) if c is not None}


def _fix_file(
    path: str, output: str | None, cleaner: parallel.Cleaner,
    matched: dict[tuple[str, int], str], reference: str | None, args: argparse.Namespace, run: Run,
    progress: tqdm,
) -> None:
    fmt = _format(path, args)
    skipped_before = len(run.skipped)
    job = runner.Job(path, fmt, args.field, args.reference_field, args.errors, args.explain, args.diff, reference,
                     audit=bool(args.report))
    items: Iterator[runner.Item | cwio.InputError]
    if fmt == "jsonl":  # blocks of lines: the workers split and parse them
        items = ((block[0], block[1], _block_references(path, *block, matched)) if isinstance(block, tuple)
                 else block for block in cwio.read_blocks(path, max_bytes=args.max_document_bytes))
    else:
        items = ((record.line, record, matched.get((path, record.line))) if isinstance(record, cwio.Record)
                 else record for record in cwio.read_records(path, fmt, args.field, args.errors, args.reference_field,
                                                               args.max_document_bytes))
    sink: contextlib.AbstractContextManager[IO[bytes] | cwio.ParquetRows | None]
    if args.diff or args.check:
        sink = contextlib.nullcontext(None)
    elif output is None:
        sys.stdout.flush()
        sink = contextlib.nullcontext(sys.stdout.buffer)
    elif fmt == "parquet":
        sink = cwio.parquet_output(output, cwio.parquet_schema(path), args.break_hardlinks)
    else:
        sink = cwio.atomic_bytes_output(output, args.break_hardlinks)
    changed = 0
    with sink as out:
        for read, outcomes in cleaner.map_batches(runner.process_chunk, job, _batches(items, args, run)):
            for outcome in outcomes:
                if outcome.error is not None:
                    _skip_or_raise(outcome.error, args, run)
                    _write_back(outcome.error, out)  # skipped, never dropped
                    continue
                run.documents += outcome.documents
                run.characters += outcome.characters
                run.edits.update(outcome.edits)
                if outcome.audit is not None:
                    run.audit.merge(outcome.audit)
                changed += outcome.changed
                sys.stderr.write(outcome.explanation)
                if outcome.diff:
                    sys.stdout.flush()
                    sys.stdout.buffer.write(outcome.diff)
                if isinstance(out, cwio.ParquetRows):
                    for row in outcome.rows:
                        out.write(row)
                elif out is not None:
                    if output is None and run.stdout_open_line and outcome.output:
                        out.write(b"\n")  # documents on stdout stay apart
                    out.write(outcome.output)
                    if output is None and outcome.output:
                        run.stdout_open_line = not outcome.output.endswith(b"\n")
            if progress.total is None or progress.n + read <= progress.total:
                progress.update(read)
            progress.set_postfix_str(f"{run.documents:,} documents", refresh=False)
        if args.in_place and not changed and len(run.skipped) == skipped_before:
            raise cwio.KeepOriginal  # nothing to change: the file keeps its inode and time
    if changed:
        run.changed_files += 1
        if args.check:
            print(f"cleanwire: would change {path} ({changed} document(s))", file=sys.stderr)


def _write_back(error: cwio.InputError, out: IO[bytes] | cwio.ParquetRows | None) -> None:
    """A document that could not be cleaned goes to the output as it was read."""
    if isinstance(out, cwio.ParquetRows) and isinstance(error.original, dict):
        out.write(error.original)
    elif out is not None and not isinstance(out, cwio.ParquetRows) and isinstance(error.original, bytes):
        out.write(error.original + b"\n")


def _block_references(path: str, first: int, block: bytes, matched: dict[tuple[str, int], str]) -> dict[int, str]:
    """Corpus mode: the references found for a block's lines, by line number."""
    if not matched:
        return {}
    lines = range(first, first + block.count(b"\n") + 1)
    return {line: matched[(path, line)] for line in lines if (path, line) in matched}


def _skip_or_raise(error: cwio.InputError, args: argparse.Namespace, run: Run) -> None:
    if args.on_error != "skip":
        raise error
    run.skipped.append(str(error))
    print(f"cleanwire: error: {error} (skipped)", file=sys.stderr)


def _batches(
    items: Iterator[runner.Item | cwio.InputError], args: argparse.Namespace, run: Run
) -> Iterator[tuple[int, list[runner.Item]]]:
    """Items in batches for the workers, each with its size (bytes of JSONL, characters of text, for progress).

    Lines that cannot be read raise, or are reported and skipped.
    """
    batch: list[runner.Item] = []
    size = 0
    for item in items:
        if isinstance(item, cwio.InputError):
            if item.original is None:  # nothing was read to write back: the read itself failed
                _skip_or_raise(item, args, run)
                continue
            item = (item.line or 0, item, None)  # it goes with the documents, to be written back in its place
        batch.append(item)
        data = item[1]
        size += len(data) if isinstance(data, bytes) else 0 if isinstance(data, cwio.InputError) else len(data.text)
        if len(batch) >= parallel.BATCH or size >= parallel.BATCH_BYTES:
            yield size, batch
            batch, size = [], 0
    if batch:
        yield size, batch


if __name__ == "__main__":
    sys.exit(main())
