"""Batches go to the workers, in order, even when each holds one long document."""

import os
from collections.abc import Sequence

from cleanwire.batch.parallel import Cleaner
from cleanwire.pipeline import Pipeline, make_pipeline


def where_cleaned(pipeline: Pipeline, context: None, items: Sequence[str]) -> list[tuple[str, int]]:
    return [(pipeline(item), os.getpid()) for item in items]


def test_batches_of_one_document_each_are_spread_over_the_workers():
    batches = [(n, [f"document {n} canâ€™t"]) for n in range(6)]
    with Cleaner(make_pipeline(["encoding"]), jobs=2) as cleaner:
        results = list(cleaner.map_batches(where_cleaned, None, batches))
    assert [tag for tag, _ in results] == list(range(6))
    assert [text for _, [(text, _)] in results] == [f"document {n} can’t" for n in range(6)]
    # Each went to a worker (which one is the pool's choice), none was kept back in this process.
    assert os.getpid() not in {pid for _, [(_, pid)] in results}


def test_a_single_document_is_cleaned_without_starting_workers():
    with Cleaner(make_pipeline(["encoding"]), jobs=2) as cleaner:
        [(tag, [(text, pid)])] = list(cleaner.map_batches(where_cleaned, None, [("only", ["canâ€™t"])]))
        assert cleaner._pool is None
    assert (tag, text, pid) == ("only", "can’t", os.getpid())


def test_a_long_single_document_is_cleaned_section_by_section_on_the_workers():
    pipeline = Pipeline(make_pipeline().filters, section_chars=60)
    text = "\n\n".join(f"Paragraph {n}: the talks ended ater a week, and canâ€™t resume." for n in range(12))
    with Cleaner(pipeline, jobs=2) as cleaner:
        [result] = cleaner.clean([(text, None)])
        assert cleaner._pool is not None  # the sections went to the workers
    expected = pipeline.run(text)
    assert result.text == expected.text and result.edits == expected.edits
    assert "canâ€™t" not in result.text
