"""What a run did: counts per filter and rule, skipped documents, samples of edits; written as JSON or a page."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleanwire import html_report
from cleanwire.audit import Audit
from cleanwire.batch.output import atomic_output
from cleanwire.errors import InputError, UsageError


@dataclass
class RunReport:
    """What one run did: filled in as it goes, read at the end for the report and the exit status.

    >>> report = RunReport(inputs=["a.txt"])
    >>> report.edits.update({"ligatures/ft": 2})
    >>> report.to_json()["edits"]
    {'ligatures': {'ft': 2}}
    """

    inputs: list[str] = field(default_factory=list)
    documents: int = 0
    characters: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    #: What could not be read or written, each with its file and line; its documents were written back unchanged.
    skipped: list[str] = field(default_factory=list)
    #: Files in which the chain changed at least one document.
    changed_files: int = 0
    started: float = field(default_factory=time.perf_counter)
    #: Corpus mode: "path:line" of a document → "path:line" of the edition used as its reference.
    references: dict[str, str] | None = None
    audit: Audit = field(default_factory=Audit)

    def merge(self, other: RunReport) -> RunReport:
        """This report with ``other``'s counts added (another worker's files); returns itself."""
        self.documents += other.documents
        self.characters += other.characters
        self.edits.update(other.edits)
        self.skipped += other.skipped
        self.changed_files += other.changed_files
        self.audit.merge(other.audit)
        return self

    def to_json(self) -> dict[str, Any]:
        """The report as ``cleanwire fix --report`` writes it."""
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


def write_report(report: dict[str, Any], path: str) -> None:
    """The report as JSON, or as a page where ``path`` ends in .html; written whole or not at all."""
    with atomic_output(path) as out:
        if path.lower().endswith((".html", ".htm")):
            out.write(html_report.render(report))
        else:
            json.dump(report, out, indent=2)
            out.write("\n")


def render_page(source: str, output: str | None) -> int:
    """The page of a JSON report saved by ``cleanwire fix --report``, to ``output`` (``None``: stdout); 0 when done."""
    try:
        with open(source, encoding="utf-8") as fh:
            report = json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not a JSON report: {exc.msg}", exc.lineno) from None
    if not isinstance(report, dict) or "documents" not in report:
        raise InputError(source, "not a cleanwire report (no 'documents'): write one with cleanwire fix --report")
    if output is None:
        sys.stdout.write(html_report.render(report))
        return 0
    if os.path.realpath(output) == os.path.realpath(source):
        raise UsageError(f"-o {output} is the report being read; write the page elsewhere")
    with atomic_output(output) as out:
        out.write(html_report.render(report))
    return 0
