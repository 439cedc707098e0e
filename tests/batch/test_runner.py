import pytest

import cleanwire
from cleanwire.batch import io as cwio
from cleanwire.batch.runner import Job, RawDocument, process
from cleanwire.pipeline import Pipeline

ARTICLE = "Harbour Post\n\nTalks ended ater three atempts, the ofcials said.\n\nThe port reopened.\n"


@pytest.mark.parametrize("text", [
    ARTICLE * 40,
    ARTICLE * 40 + "Newspapers in English",  # a footer the chain removes, with the file's last newline
    (ARTICLE * 40).rstrip("\n"),
    "",
    "\n",
])
def test_a_text_file_cleaned_a_piece_at_a_time_writes_what_the_whole_file_cleaned_would(text):
    pipeline = Pipeline(cleanwire.default_pipeline().filters, section_chars=200)
    job = Job("a.txt", "text")
    streamed = process(pipeline, job, RawDocument(1, cwio.Record("a.txt", 1, text)))
    # Asked to explain, the runner cleans the file whole: the same output, edits and change.
    whole = process(pipeline, Job("a.txt", "text", explain=True), RawDocument(1, cwio.Record("a.txt", 1, text)))
    assert streamed.error is None and whole.error is None
    assert b"".join(streamed.output) == b"".join(whole.output)
    assert streamed.edits == whole.edits and streamed.changed == whole.changed


def test_a_long_text_file_is_written_in_its_sections_pieces():
    pipeline = Pipeline(cleanwire.default_pipeline().filters, section_chars=200)
    outcome = process(pipeline, Job("a.txt", "text"), RawDocument(1, cwio.Record("a.txt", 1, ARTICLE * 40)))
    assert len(outcome.output) >= 10  # one piece per section, never the whole text at once
    assert b"".join(outcome.output).decode().count("after three attempts, the officials said") == 40
    assert outcome.edits["ligatures/tt"] == 40 and outcome.changed == 1
