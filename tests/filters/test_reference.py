from hypothesis import given
from hypothesis import strategies as st

import cleanwire
from cleanwire.filters.base import Document
from cleanwire.filters.reference import (
    ReferenceFilter,
    hyphen_case_loss,
    ligature_loss_of,
)

REFERENCE = ("Russia and China agreed after talks to counter attempts by the United States, "
             "Foreign Minister Sergei Lavrov said of the Euro-Atlantic structure.")


def repair(text: str, reference: str | None) -> str:
    return ReferenceFilter().apply(Document(text, reference))[0]


def test_damage_the_reference_explains_is_repaired_and_wording_is_kept():
    noisy = ("Russia and China agreed ater talks to counter atempts by the US, "
             "Foreign Minister Sergey Lavrov said of the Euro-atlantic structure.")
    assert repair(noisy, REFERENCE) == (
        "Russia and China agreed after talks to counter attempts by the US, "
        "Foreign Minister Sergey Lavrov said of the Euro-Atlantic structure."
    )


def test_split_words_are_joined_from_the_reference():
    assert repair("T he minister rec- ently spoke.", "The minister recently spoke.") == "The minister recently spoke."


def test_unaligned_non_word_is_repaired_from_the_reference_vocabulary():
    noisy = "A paragraph the other outlet cut mentions Prescot and the setlement. " + REFERENCE
    reference = REFERENCE + " Elsewhere: John Prescott and a settlement."
    out = repair(noisy, reference)
    assert "Prescott" in out and "settlement" in out


def test_without_reference_nothing_happens():
    assert repair("ater atempts", None) == "ater atempts"


def test_loss_detectors():
    assert ligature_loss_of("ofcials", "officials") in ("ffi", "ff", "fi")
    assert ligature_loss_of("Daesh", "Islamic") is None
    assert ligature_loss_of("US", "U.S.") is None
    assert hyphen_case_loss("China-united", "China-United")
    assert not hyphen_case_loss("Nato", "NATO")


def test_reference_is_used_by_clean_and_keeps_house_style():
    noisy = "Talks ended ater two atempts, the U.S. envoy said.\n"
    reference = "Talks ended after two attempts, the US envoy said.\n"
    assert cleanwire.clean(noisy, reference=reference) == "Talks ended after two attempts, the U.S. envoy said.\n"


WORDS = ["after", "attempts", "talks", "minister", "first", "officials", "said", "the", "Beijing", "security"]
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=30).map(" ".join)


@given(sentences)
def test_text_as_its_own_reference_changes_nothing(text):
    assert repair(text, text) == text


@given(sentences)
def test_a_damaged_reference_never_makes_the_text_worse(text):
    damaged = text.replace("ft", "t").replace("tt", "t").replace("fi", "f")
    assert repair(text, damaged) == text


@given(sentences, st.data())
def test_editorial_substitutions_never_reach_the_output(text, data):
    words = text.split()
    index = data.draw(st.integers(0, len(words) - 1))
    substitute = data.draw(st.sampled_from(["Daesh", "Sergey", "U.S.", "NATO", "declared", "reported"]))
    reference = " ".join(words[:index] + [substitute] + words[index + 1 :])
    assert repair(text, reference) == text


def test_unrepaired_differences_are_noted_not_changed():
    text = "Minister Sergey Lavrov said ater talks, the US said."
    reference = "Minister Sergei Lavrov said after talks, the U.S. said."
    result = cleanwire.make_pipeline(["reference"]).run(text, reference, notes=True)
    assert result.text == "Minister Sergey Lavrov said after talks, the US said."
    assert [(n.text, n.other) for n in result.notes] == [("Sergey", "Sergei"), ("US", "U.S")]
    assert all(n.reason == "differs from reference, not repaired" for n in result.notes)
    assert cleanwire.make_pipeline(["reference"]).run(text, reference).notes == []
