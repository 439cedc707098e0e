"""Many documents at a time: files and their formats, the plan of a run, and the engines that carry it out.

``cleanwire fix`` is a thin front end over this package: :func:`fix` runs a
checked :class:`~cleanwire.batch.plan.Plan` and returns its report, so a
Python user cleans files with the same call::

    from cleanwire.batch import fix, make_plan
    report = fix(make_plan(paths=["exports/"], output="clean/", jobs=4))
    report.to_json()["edits"]
"""

from __future__ import annotations

from cleanwire.batch.plan import FixOptions, Plan, make_plan, parse_setting
from cleanwire.batch.report import RunReport, render_page, write_report

__all__ = ["FixOptions", "Plan", "RunReport", "fix", "make_plan", "parse_setting", "render_page"]


def fix(plan: Plan) -> RunReport:
    """Run ``plan`` on its engine: every input cleaned into its output, and the report written where asked.

    Raises a :class:`~cleanwire.errors.FileError` naming the file and line of
    a document that cannot be read or written (unless ``on_error="skip"``,
    which lists it in the report and writes it back as it was).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Talks ended ater three atempts.\\n", encoding="utf-8")
    >>> report = fix(make_plan(paths=[str(folder / "a.txt")], output=str(folder / "b.txt")))
    >>> (folder / "b.txt").read_text(encoding="utf-8"), report.documents, report.changed_files
    ('Talks ended after three attempts.\\n', 1, 1)
    """
    report = RunReport(inputs=list(plan.inputs))
    if plan.options.engine == "ray":
        from cleanwire.batch import ray_engine

        ray_engine.run(plan, report)
    else:
        from cleanwire.batch import local

        references: dict[tuple[str, int], str] = {}
        if plan.options.match_references:
            from cleanwire.batch import (
                corpus,  # datasketch pulls in scipy: 0.6 s of start-up, paid only here
            )

            references = corpus.match_references(plan, report)
        local.run(plan, report, references)
    if plan.options.report:
        write_report(report.to_json(), plan.options.report)
    return report
