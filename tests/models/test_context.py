import re

import pytest

from cleanwire.filters.base import Document
from cleanwire.filters.ligatures import LigatureFilter
from cleanwire.models import context
from cleanwire.models.context import (
    BigramModel,
    Context,
    context_model,
    context_of,
    trigram_available,
)

needs_trigram = pytest.mark.skipif(not trigram_available(), reason="pocketsphinx not installed: pip install '.[lm]'")
WORDS = re.compile(r"[A-Za-z]+")


def context_at(text: str, word: str, repaired: dict[int, str] | None = None) -> Context:
    words = list(WORDS.finditer(text))
    return context_of(words, [m.group() for m in words].index(word), text, repaired)


def test_clauses_and_sentences_bound_the_context():
    assert context_at("He was sent of, the referee said.", "of") == Context(("was", "sent"), ("</s>",))
    assert context_at("They left; then it rained", "then") == Context(("<s>",), ("it", "rained"))
    # Other marks end it without a boundary: a bracket, a dash between spaces, a line break.
    assert context_at("the (lit) lamp", "lit") == Context((), ())
    assert context_at("one - lit\nlamp", "lit") == Context((), ())


def test_a_hyphen_joins_words_of_one_context():
    assert context_at("a let-leaning group", "let") == Context(("<s>", "a"), ("leaning", "group"))


def test_neighbours_are_read_as_repaired():
    assert context_at("the rest o the party", "party", {2: "of"}).left == ("of", "the")


def test_bigram_model_prefers_the_word_its_neighbours_take():
    model = BigramModel()
    around = Context(("the",), ("time",))
    assert model.score(around, "first") > model.score(around, "fist") + 1
    assert model.knows("left") and not model.knows("qzxv")


def test_unknown_model_name_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'quadgram' is unknown; use one of: auto, bigram, trigram"):
        context_model("quadgram")  # type: ignore[arg-type]


def test_trigram_without_its_package_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(context, "trigram_available", lambda: False)
    context_model.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"pip install 'cleanwire\[lm\]'"):
            context_model("trigram")
        assert context_model("auto").name == "bigram"
    finally:
        context_model.cache_clear()


def test_ligature_filter_refuses_an_unknown_context_model():
    with pytest.raises(ValueError, match="filter .ligatures.: setting context_model=.quadgram. is wrong: invalid enum value"):
        LigatureFilter(context_model="quadgram")


@needs_trigram
def test_trigram_model_decides_what_one_word_each_side_cannot():
    model = context_model("trigram")
    assert model.name == "trigram"
    taken = Context(("be", "taken"), ("vote", "lists"))
    assert model.score(taken, "off") > model.score(taken, "of") + model.margin
    # ... and keeps the short word where it is right.
    rest = Context(("the", "rest"), ("the", "party"))
    assert model.score(rest, "of") > model.score(rest, "off") + model.margin


@needs_trigram
def test_trigram_model_stops_its_history_at_a_word_it_does_not_know():
    model = context_model("trigram")
    assert not model.knows("zqxvw")
    # An unknown word before the history is no history at all.
    assert model.score(Context(("zqxvw",), ()), "left") == model.score(Context((), ()), "left")
    # An unknown word scores below any known one, and nothing after it depends on what came before.
    assert model.score(Context(), "zqxvw") == model.UNKNOWN_WORD_LOG10
    assert model.score(Context(("they",), ("the", "meeting")), "zqxvw") == model.score(
        Context(("she",), ("the", "meeting")), "zqxvw")


@needs_trigram
def test_real_word_repairs_use_the_trigram_model_and_say_so():
    # A page export that lost 'ft' to 't' all through, and one real word it made ("let").
    text = "Ater the talks, the oten quoted draters gave up. Ministers said they let the room ater the vote."
    new, edits = LigatureFilter().apply(Document(text))
    assert "they left the room" in new
    [real] = [e for e in edits if e.before == "let"]
    assert "the trigram model finds 'left'" in real.reason
    # The same words in a text that keeps its ligatures stay as written.
    clean = "After the talks, the often quoted drafters gave up. Ministers said they let the room after the vote."
    assert LigatureFilter().apply(Document(clean))[0] == clean


@needs_trigram
def test_the_bigram_fallback_gives_the_same_repairs_on_plain_damage():
    text = "Ater the atempts failed, the setling of atacks began."
    assert LigatureFilter(context_model="bigram").apply(Document(text))[0] == LigatureFilter(
        context_model="trigram").apply(Document(text))[0]
