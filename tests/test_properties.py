"""Promises of the whole default chain, on generated text."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import cleanwire
from cleanwire import replay

CLEAN_WORDS = ["the", "minister", "said", "after", "talks", "in", "Beijing", "on", "Tuesday", "that", "first",
               "officials", "would", "attend", "difficult", "meetings", "“", "”", ",", ".", "Euro-Atlantic",
               "co-operation", "£5m", "2004", "Mr", "Smith's", "it’s", "effect", "influence", "flights"]
clean_text = st.lists(st.sampled_from(CLEAN_WORDS), max_size=60).map(" ".join)
paragraphs = st.lists(clean_text, min_size=1, max_size=4).map("\n\n".join)


@given(st.text())
def test_clean_never_raises_and_is_idempotent(text):
    once = cleanwire.clean(text)
    assert cleanwire.clean(once) == once


@given(st.text())
def test_replaying_the_edits_reproduces_the_output(text):
    result = cleanwire.clean_and_explain(text)
    assert replay(text, result.edits) == result.text


@given(paragraphs)
def test_text_without_damage_passes_unchanged(text):
    assert cleanwire.clean(text) == text


@given(paragraphs, st.sampled_from(["Daily Star", "The Morning Ledger"]), st.sampled_from(["English", "French"]))
def test_output_never_loses_an_articles_words(article, paper, language):
    noisy = f"{paper}\n\n{article}\n\nNewspapers in {language}"
    assert cleanwire.clean(noisy).split() == article.split()


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None)
@example("\ue000X{u0")  # a placeholder read as "fi" made "fiX", which a second pass read as a glyph's
@example("v0:g1:n1")  # a tie of readings of different words, settled by commonness, unsettled by the repair
@example("\ue000l\x9bß")  # mojibake ftfy re-encoded only once the placeholder beside it was read as "Ti"
@given(st.text())
def test_many_examples_clean_never_raises_and_is_idempotent(text):
    result = cleanwire.clean_and_explain(text)
    assert replay(text, result.edits) == result.text
    assert cleanwire.clean(result.text) == result.text


# Damaged documents as a font and an extractor make them: common words of the vocabulary, and one
# glyph map for the whole text (each ligature lost one way: vanished, a letter kept, a space, its
# letters set apart, a placeholder, a wrong character), as issue #13 asked of the property tests.
_LIGATURES = ("ffi", "ffl", "ff", "fi", "fl", "ft", "tt", "st", "ct", "rt")


def _forms(letters: str) -> list[str]:
    return ["", letters[0], letters[-1], " ", f" {letters} ", "(cid:27)", "\ufffd", "M", "7", "w"]


@st.composite
def damaged_documents(draw: st.DrawFn, separators: tuple[str, ...] = (" ",)) -> str:
    from cleanwire import lexicon

    vocabulary = sorted(w for w in lexicon.known_words(5.0) if w.isalpha())
    glyph_map = {letters: draw(st.sampled_from(_forms(letters))) for letters in _LIGATURES
                 if draw(st.booleans())}
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=5, max_size=120))
    damaged = []
    for word in words:
        for letters, form in glyph_map.items():
            word = word.replace(letters, form)
        damaged.append(word)
    return "".join(word + draw(st.sampled_from(separators)) for word in damaged[:-1]) + damaged[-1] + "."


@given(damaged_documents())
def test_a_damaged_document_never_makes_the_chain_raise_and_is_cleaned_once_for_all(text):
    result = cleanwire.clean_and_explain(text)
    assert replay(text, result.edits) == result.text
    assert cleanwire.clean(result.text) == result.text
