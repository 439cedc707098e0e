"""Cleaning many documents on every core, in input order, in bounded memory.

Documents go to worker processes in batches; a batch is written out before
the next is read, so memory stays flat whatever the input size and the output
keeps the input's order. Workers are forked after the dictionaries are loaded,
so they share them instead of loading them again.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import TypeVar

from cleanwire.pipeline import CleanResult, Pipeline

#: Documents per batch: enough to keep every worker busy, few enough to bound memory.
BATCH = 256

_worker_pipeline: Pipeline | None = None
T = TypeVar("T")


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _clean_one(item: tuple[str, str | None]) -> CleanResult:
    assert _worker_pipeline is not None, "worker started without a pipeline"
    return _worker_pipeline.run(*item)


def default_jobs() -> int:
    """Every core this process may use.

    >>> default_jobs() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Cleaner:
    """Run a pipeline over batches of (text, reference) pairs, on ``jobs`` processes.

    >>> from cleanwire.pipeline import make_pipeline
    >>> with Cleaner(make_pipeline(["encoding"]), jobs=1) as cleaner:
    ...     [r.text for r in cleaner.clean([("canâ€™t", None)])]
    ['can’t']
    """

    def __init__(self, pipeline: Pipeline, jobs: int) -> None:
        if jobs < 1:
            raise ValueError(f"jobs={jobs!r}: give 1 or more processes")
        self.pipeline = pipeline
        self.jobs = jobs
        self._pool: Pool | None = None

    def clean(self, items: Sequence[tuple[str, str | None]]) -> list[CleanResult]:
        """Results for ``items``, in their order."""
        return next(self.clean_batches([(None, items)]))[1]

    def clean_batches(self, batches: Iterable[tuple[T, Sequence[tuple[str, str | None]]]]
                      ) -> Iterator[tuple[T, list[CleanResult]]]:
        """Each batch's tag with the results of its items, batch by batch in order.

        A few batches are in the workers while the caller writes out the
        previous one, so neither side waits on the other; no more than that
        is held in memory.
        """
        in_flight: deque[tuple[T, AsyncResult[list[CleanResult]]]] = deque()
        for tag, items in batches:
            if self.jobs == 1 or (not in_flight and len(items) < 2 and self._pool is None):
                yield tag, [self.pipeline.run(text, reference) for text, reference in items]
                continue
            if self._pool is None:
                self._pool = self._start()
            chunk = max(1, len(items) // (self.jobs * 4))
            in_flight.append((tag, self._pool.map_async(_clean_one, items, chunksize=chunk)))
            if len(in_flight) > self.jobs:
                done_tag, done = in_flight.popleft()
                yield done_tag, done.get()
        while in_flight:
            done_tag, done = in_flight.popleft()
            yield done_tag, done.get()

    def _start(self) -> Pool:
        # Load the dictionaries once, here, so that forked workers share them.
        self.pipeline.run("Warm ater atempts, the frst Euro-atlantic T he rec- ently ofcials.", "Warm")
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return context.Pool(self.jobs, initializer=_start_worker, initargs=(self.pipeline,))

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Cleaner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None and exc[0] is not None:
            self._pool.terminate()
            self._pool = None
        self.close()
