"""The Ray engine: a plan's files cleaned as Ray tasks, each file by the local engine's own reader and writer.

A task cleans one input file into its mirrored output (the same name,
suffix, compression and, for Parquet, schema), writing it whole or not at
all, exactly as the local engine would; the driver adds the tasks' reports
into one, with the same per-filter and per-rule counts. A corpus is many
files, so files are the unit of work: a single file runs on one worker.
It connects to ``RAY_ADDRESS`` where that is set, else starts Ray on this
machine with the plan's number of jobs; the workers must see the input and
output paths. Install with ``pip install cleanwire[ray]``.
"""

from __future__ import annotations

import dataclasses
import os
import sys

from cleanwire.batch import io as cwio
from cleanwire.batch import local
from cleanwire.batch.plan import FixOptions, Plan
from cleanwire.batch.report import RunReport
from cleanwire.errors import CleanwireError, UsageError
from cleanwire.pipeline import shared_pipeline


def run(plan: Plan, report: RunReport) -> None:
    """Clean every input of ``plan`` on Ray into its output, adding each file's counts to ``report``."""
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'cleanwire[ray]'") from None
    options = plan.options
    if not ray.is_initialized():
        ray.init(num_cpus=None if os.environ.get("RAY_ADDRESS") else options.jobs,
                 include_dashboard=False, log_to_driver=False)
    # One worker's share of the run: one process per task, no progress bar, no report file of its own,
    # and the plan's chain as built, each setting spelled out.
    per_file = dataclasses.replace(
        options, jobs=1, progress=False, report=None, engine="local",
        filters=[f.name for f in plan.pipeline.filters],
        settings={f.name: f.settings_dict() for f in plan.pipeline.filters},
    )
    task = ray.remote(clean_file)
    pending = [task.remote(per_file, path, fmt, output)
               for path, fmt, output in zip(plan.inputs, plan.formats, plan.outputs)]
    try:
        done = ray.get(pending)
    except ray.exceptions.RayTaskError as exc:
        if isinstance(exc.cause, CleanwireError):  # a file's error, as the local engine raises it
            raise exc.cause from None
        raise
    for file_report in done:
        report.merge(file_report)
    for skipped in report.skipped:
        print(f"cleanwire: error: {skipped} (skipped)", file=sys.stderr)


def clean_file(options: FixOptions, path: str, fmt: cwio.Format, output: str | None) -> RunReport:
    """One file cleaned into ``output`` by the local engine, in this process; its report."""
    plan = Plan(options, (path,), (fmt,), (output,), shared_pipeline(options.filters, options.settings))
    report = RunReport(inputs=[path])
    local.run(plan, report, {})
    return report

