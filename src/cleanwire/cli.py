"""The ``cleanwire`` command: ``fix`` files, list ``filters`` and ``rules``, render a ``report``.

A thin front end: arguments become a :class:`cleanwire.batch.FixOptions`,
the batch layer checks them into a plan and runs it, and the errors it raises
become messages and exit statuses (1; 2 for usage; 130 and 143 for signals).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import IO, Any

import cleanwire
from cleanwire import batch
from cleanwire.batch import io as cwio
from cleanwire.batch import parallel
from cleanwire.errors import CleanwireError, UsageError
from cleanwire.filters import FILTERS
from cleanwire.filters.boilerplate import BUILTIN_PACK, check_pack, load_pack


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
            return batch.render_page(args.json_report, args.output)
        report = batch.fix(batch.make_plan(options_from_args(args)))
        if report.skipped:
            print(f"cleanwire: {len(report.skipped)} file(s) or line(s) skipped after errors", file=sys.stderr)
            return 1
        return 1 if args.check and report.changed_files else 0
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"cleanwire: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as shell tools do, with nothing left to flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except (CleanwireError, OSError) as exc:
        if getattr(args, "debug", False):
            raise
        where = f"{exc.filename}: {exc.strerror or exc}" if isinstance(exc, OSError) and exc.filename else exc
        print(f"cleanwire: error: {where}", file=sys.stderr)
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


def options_from_args(args: argparse.Namespace) -> batch.FixOptions:
    """``cleanwire fix``'s arguments as the batch layer's options."""
    only, skip = ([n.strip() for n in (names or "").split(",") if n.strip()] for names in (args.only, args.skip))
    for name in only + skip:
        if name not in FILTERS:
            raise UsageError(f"unknown filter {name!r} (see 'cleanwire filters')")
    settings: dict[str, dict[str, Any]] = {}
    if args.rules:
        settings["boilerplate"] = {"packs": (BUILTIN_PACK, *args.rules)}
    for assignment in args.set:
        name, setting, value = batch.parse_setting(assignment)
        settings.setdefault(name, {})[setting] = value
    names = [n for n in (only or FILTERS) if n not in skip]
    fields = {f.name for f in dataclasses.fields(batch.FixOptions)} - {"paths", "filters", "settings", "progress"}
    return batch.FixOptions(
        paths=args.paths, filters=names, progress=True if args.progress else False if args.quiet else None,
        settings={name: values for name, values in settings.items() if name in names},
        **{name: getattr(args, name) for name in fields},
    )


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
        print(f"{len(rules)} rules, {sum(len(r.examples) + len(r.counter_examples) for r in rules)} examples: "
              f"{len(failures)} failed", file=out)
        return 1 if failures else 0
    for rule in rules:
        print(f"{rule.pack}\t{rule.name}\t{rule.description}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
