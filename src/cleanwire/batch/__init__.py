"""Many documents at a time: files and their formats, the plan of a run, and the engines that carry it out.

``cleanwire fix`` is a thin front end over this package: :func:`cleanwire.batch.fix`
runs a checked :class:`cleanwire.batch.plan.Plan` and returns its report, so a
Python user cleans files with the same call.
"""
