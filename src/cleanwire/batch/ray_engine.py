"""The Ray engine: a plan's JSON Lines or Parquet files cleaned on Ray Data, a folder in, a folder out.

It connects to ``RAY_ADDRESS`` where that is set, else starts Ray on this
machine with the plan's number of jobs. Install with ``pip install cleanwire[ray]``.
"""

from __future__ import annotations

import os

from cleanwire.batch.plan import Plan
from cleanwire.batch.report import RunReport
from cleanwire.errors import UsageError


def run(plan: Plan, report: RunReport) -> None:
    """Clean every input of ``plan`` with Ray Data into the folder ``plan.options.output``."""
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray Data: pip install 'cleanwire[ray]'") from None
    from cleanwire.ray import clean_batch

    options = plan.options
    if options.output is None:  # make_plan refuses it; a plan made by hand may not
        raise UsageError("--engine ray writes a folder: give -o FOLDER")
    output = options.output
    if "text" in plan.formats:
        raise UsageError("--engine ray reads JSON Lines or Parquet files, not text files")
    if "parquet" in plan.formats and len(set(plan.formats)) > 1:
        raise UsageError("--engine ray: give JSONL or Parquet inputs, not both")
    if not ray.is_initialized():
        ray.init(num_cpus=None if os.environ.get("RAY_ADDRESS") else options.jobs,
                 include_dashboard=False, log_to_driver=False)
    files = list(plan.inputs)
    parquet = plan.formats[0] == "parquet"
    dataset = ray.data.read_parquet(files) if parquet else ray.data.read_json(files)
    filters = [f.name for f in plan.pipeline.filters]
    # Tasks, not an actor pool: actors holding every CPU would starve the read tasks on a small machine.
    cleaned = dataset.map_batches(
        clean_batch,
        fn_kwargs={"column": options.field, "reference_column": options.reference_field, "edits_column": None,
                   "filters": filters, "settings": {f.name: f.settings_dict() for f in plan.pipeline.filters}},
        batch_format="pandas",
    )
    (cleaned.write_parquet if parquet else cleaned.write_json)(output)
    report.summary = {"engine": "ray", "inputs": files, "documents": dataset.count()}
