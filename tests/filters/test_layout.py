"""The layout filters: drop caps, line-break hyphens, case after hyphens."""

from unittest.mock import patch

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from cleanwire import blocks
from cleanwire.filters import hyphen_case, line_breaks, spacing
from cleanwire.filters.base import Document
from cleanwire.filters.drop_caps import DropCapsFilter
from cleanwire.filters.hyphen_case import HyphenCaseFilter
from cleanwire.filters.line_breaks import LineBreakHyphenFilter
from cleanwire.hyphens import SUSPENDED
from tests.stand_ins import SentenceJudge


def run(filter_class, text):
    return filter_class().apply(Document(text))[0]


@pytest.mark.parametrize(("noisy", "clean"), [
    ("T he talks ended.", "The talks ended."),
    ("N orth of the river.", "North of the river."),
    ("Intro.\n\nA n early start.", "Intro.\n\nAn early start."),
    ("I f it rains.", "If it rains."),
    ("“T here it is,” he said.", "“There it is,” he said."),
    ("A ll the players came.", "All the players came."),
    # A rare word, where the rest is no word at all:
    ("U nseeded players came through.", "Unseeded players came through."),
    # Any word, after a blank line, where the rest is no word at all: it may have lost letters too.
    ("Quits\n\nD eiant, he stays.", "Quits\n\nDeiant, he stays."),
])
def test_split_drop_caps_are_joined(noisy, clean):
    assert run(DropCapsFilter, noisy) == clean


@pytest.mark.parametrize("text", ["A year ago.", "I am here.", "T in the Park sold out.", "B vitamins help.", "in a T shirt",
                                  # OCR: an initial or a word before a garbled one, which joined are no word.
                                  "J swimmor came.", "I gieeted him.", "Roll\nJ swimmor came.",
                                  "Quits\n\nA cor stays.",
                                  # A lone letter before a piece that is no word is a word's opening that a lost
                                  # ligature split ("firm", "find"): no drop cap to join to "A" or "I".
                                  "A f rm said so.", "Intro.\n\nI f nd it odd."])
def test_real_sentences_are_not_drop_caps(text):
    assert run(DropCapsFilter, text) == text


@pytest.mark.parametrize(("noisy", "clean"), [
    ("It rained yester- day.", "It rained yesterday."),
    ("a sub- liminal cue", "a subliminal cue"),
    ("in Je- rusalem", "in Jerusalem"),
    ("the secu-\nrity forces", "the security forces"),
    ("a well-\nknown face", "a well-known face"),
    ("the Post-Produc- tion unit", "the Post-Production unit"),
    # Also lost its "fi": joined, so that the ligature filter can see "confdent".
    ("he felt conf- dent", "he felt confdent"),
    ("we fre\u2011 quently saw", "we frequently saw"),
    # A break the layout did not take leaves a character no reader sees inside the word.
    ("the infor\u00admation and the in\u200bput", "the information and the input"),
    # A name, or a word rarer than the lexicon's floor, whose first part is a word: the second is none.
    ("the minister Jane Fos- bery said", "the minister Jane Fosbery said"),
    # A first part that is no word at all is no compound's part, before a rare word ("strom") too.
    ("the mayor Karl Wrackel- strom said", "the mayor Karl Wrackelstrom said"),
    ("a screen that can be swi- velled", "a screen that can be swivelled"),
    ("the secu\u00ad\nrity forces", "the security forces"),
])
def test_line_break_hyphens_are_joined(noisy, clean):
    assert run(LineBreakHyphenFilter, noisy) == clean


def test_a_piece_that_is_no_word_stays_apart_from_a_common_word():
    # "Wrackel- station" may be a compound of a name and a word: joined, it would be neither.
    assert run(LineBreakHyphenFilter, "the Wrackel- station line") == "the Wrackel- station line"


@pytest.mark.parametrize("text", ["pre- and post-war", "18- to 24-year-olds", "two- or three-day", "a well-known face"])
def test_suspended_hyphens_stay(text):
    assert run(LineBreakHyphenFilter, text) == text


def test_a_common_word_before_a_hyphen_and_a_damaged_word_stays_apart():
    # "elei" is "elect" with a wrong glyph: joined to "Minister", the glyph filter would lose the word.
    assert run(LineBreakHyphenFilter, "the Prime Minister- elei said") == "the Prime Minister- elei said"


@pytest.mark.parametrize(("noisy", "clean"), [
    ("a Euro-atlantic structure and China-russian trade", "a Euro-Atlantic structure and China-Russian trade"),
    ("China-united States talks", "China-United States talks"),
    ("sprinter Mark Lewis-francis won", "sprinter Mark Lewis-Francis won"),
    # The last part of a longer compound: a name English never writes in lowercase.
    ("he lives in Henley-on-thames, near Stratford-upon-avon", "he lives in Henley-on-Thames, near Stratford-upon-Avon"),
    # A capital that only opens a sentence is no name ("fourths" is no common word either):
    ("Talks on Euro-atlantic ties. Three-fourths of it went to Anglo-french trade.",
     "Talks on Euro-Atlantic ties. Three-fourths of it went to Anglo-French trade."),
    # After a title of address, a double-barrelled surname, though its second part is a common word:
    ("Mr Hollis-green said, and Dr. Pryce-wood agreed", "Mr Hollis-Green said, and Dr. Pryce-Wood agreed"),
    # A name only the largest word lists hold: after a lowercase prefix, and after a name in a text
    # that shows the damage ("Russian" does).
    ("Kuchma, the only non-nato leader at an anti-musharraf rally", "Kuchma, the only non-Nato leader at an anti-Musharraf rally"),
    ("a China-russian deal, and a win for Newport-gwent", "a China-Russian deal, and a win for Newport-Gwent"),
])
def test_case_after_hyphen_is_restored_with_evidence(noisy, clean):
    assert run(HyphenCaseFilter, noisy) == clean


@pytest.mark.parametrize("text", [
    "co-operation between like-minded people", "the Russian-controlled plant", "an e-mail from Tung Chee-hwa",
    "Sony's Blu-ray Disc", "Co-star Richard Gere", "long-simmering dispute",
    # British spellings of common words, though names hold them ("Centre"): "theatre" is "theater".
    "a city-centre shop, an open-air theatre and a state-of-the-art centre",
    # Words a line break split ("movement" is far more common than "ment", a proper noun too):
    "the Euro-Atlantic talks of Par-liament and the govern-ment",
    # A text lowercased on purpose: "american" is a proper noun, yet nothing here is capitalised.
    "the inter-american bank and a turkish-austrian consortium",
    # After a title: a short first piece is a name a line's end split (OCR keeps the hyphen), and a first
    # part a lost ligature may have made ("Scot" for "Scott") is left with its second.
    "Mrs. Ire-dale called on Mr Ab-bott", "the Rt Rev Scot-joynt spoke",
    # Such a name after a capitalised word may end a longer name a line's end split, alone no damage.
    "the late Thomas Owth-waite and the Newport-gwent game",
])
def test_ordinary_compounds_keep_their_case(text):
    assert run(HyphenCaseFilter, text) == text


WORDS = ["yesterday", "security", "important", "government", "Jerusalem", "director", "Scotland"]


@given(st.sampled_from(WORDS), st.integers(min_value=2, max_value=20), st.sampled_from([" ", "\n"]),
       st.sampled_from(["-", "\u00ad", "\u2010", "\u2011"]))
def test_generated_split_word_comes_back_whole(word, cut, gap, hyphen):
    cut = min(cut, len(word) - 2)
    assume(word[cut:] not in SUSPENDED)  # "direct- or" reads as a suspended hyphen, rightly kept
    text = f"They met the {word[:cut]}{hyphen}{gap}{word[cut:]} yesterday."
    assert run(LineBreakHyphenFilter, text) == f"They met the {word} yesterday."


@given(st.sampled_from(["There", "North", "Wales", "Children", "Thousands", "Former", "David"]))
def test_generated_drop_cap_comes_back_whole(word):
    assert run(DropCapsFilter, f"{word[0]} {word[1:]} went on.") == f"{word} went on."


@example("aab- aa- b")  # a word joined from pieces must not join again on a second pass
@example("bbd- f- de")  # nor one joined as a word that lost a ligature's letters ("fde")
@example("aaab- aa- b")  # nor a piece before one that a join made rare ("aab"), where no word at all stands first
@given(st.text(alphabet="abcdefg -\n.", max_size=60))
def test_layout_filters_are_idempotent_and_leave_text_without_the_pattern(text):
    for filter_class in (DropCapsFilter, LineBreakHyphenFilter, HyphenCaseFilter):
        once = run(filter_class, text)
        assert run(filter_class, once) == once
        if "-" not in text:
            assert run(LineBreakHyphenFilter, text) == text and run(HyphenCaseFilter, text) == text


from cleanwire.filters.spacing import SpacingFilter  # noqa: E402


@pytest.mark.parametrize(("noisy", "clean"), [
    ("a Hwasong- 14 missile", "a Hwasong-14 missile"),
    ("the U. S. said; the U.S. agreed", "the U.S. said; the U.S. agreed"),
    ("a test-launched, face-to-face plan; testlaunched and face-toface", "a test-launched, face-to-face plan; test-launched and face-to-face"),
    # On their own shape, without the text's evidence:
    ("the U. S. capital said", "the U.S. capital said"),
    ("state media ( KCNA) said", "state media (KCNA) said"),
    ("in face-toface talks, stepby-step", "in face-to-face talks, step-by-step"),
])
def test_spacing_repairs_with_evidence(noisy, clean):
    assert run(SpacingFilter, noisy) == clean


@pytest.mark.parametrize("text", [
    "J. K. Rowling wrote it.", "18- to 24-year-olds", "earning $30,000 ( £15,000) a year",
    "front-bench and frontbench", "file-sharing and filesharing", "test-launched once, testlaunched once",
    "the A d-tree grows", "the U. S. President", "to E. J.\nHughes, Glen Hotel", "addressed to J. C., at", "Go to E. G.  MISSIONARY", "Berwick, R. C. and Weinberg, A. S.", "(IBM ) and (the list )",
    "a to-do list, Bora-Bora, hand-in-glove",
])
def test_spacing_leaves_text_without_evidence(text):
    assert run(SpacingFilter, text) == text


@given(st.text(alphabet="ab -.US\n()Kto", max_size=60))
def test_spacing_is_idempotent(text):
    once = run(SpacingFilter, text)
    assert run(SpacingFilter, once) == once


@settings(max_examples=500)
@example("the Atlantic, the Atlantic, Xatlantic", "Atlantic")
@example("the Atlantic, the Atlantic, -atlantic", "Atlantic")
@given(st.lists(st.sampled_from(["Atlantic", "atlantic", "Atlantics", "the", ",", "-", " ", "\n", "X", "_", "é"]),
                max_size=12).map("".join), st.sampled_from(["Atlantic", "A"]))
def test_looking_for_a_word_in_the_text_answers_as_the_index_of_all_its_words_does(pieces, word):
    searched = hyphen_case._CapitalUsage(pieces)
    others = {f"Word{i}" for i in range(hyphen_case._SEARCHES_BEFORE_INDEX)}
    indexed = hyphen_case._CapitalUsage(pieces, asked={word} | others)
    assert searched.capitalises(word) == indexed.capitalises(word)
    with patch.object(blocks, "BLOCK_SIZE", 4):  # the index's searches read only the blocks holding the word
        assert hyphen_case._CapitalUsage(pieces, asked={word} | others).capitalises(word) == indexed.capitalises(word)


@given(st.text(st.sampled_from("ab-Z é\n2'")))
def test_letter_runs_in_bytes_are_the_runs_the_pattern_finds(text):
    # The set also holds runs that are no match ("-a", "a--b"): those no compound equals.
    runs = {run.decode() for run in spacing._letter_runs(text)}
    assert {run for run in runs if spacing._LETTER_RUN.fullmatch(run)} == set(spacing._LETTER_RUN.findall(text))


@given(st.lists(st.sampled_from(["test-launched", "testlaunched", "game-changing", "gamechanging", "a", "-",
                                 "test", "launched", " ", ", ", "\n", "é"]), max_size=16).map("".join))
def test_lost_hyphens_are_found_alike_by_searching_the_text_and_by_its_set_of_runs(text):
    with patch.object(spacing, "_SEARCHES_BEFORE_INDEX", 10**9):
        searched = spacing.lost_hyphen_changes(text)
    with patch.object(spacing, "_SEARCHES_BEFORE_INDEX", 0):
        assert spacing.lost_hyphen_changes(text) == searched


@given(st.text(st.sampled_from("ab-Z é\n2\t")))
def test_split_chains_found_from_the_hyphens_are_the_patterns_matches(text):
    assert [m.span() for m in line_breaks.split_chains(text)] == [m.span() for m in line_breaks.SPLIT_CHAIN.finditer(text)]


def hyphen_case_with(judge: SentenceJudge, text: str) -> str:
    case = HyphenCaseFilter(second_opinion="none")
    case._second_opinion = judge
    return case.apply(Document(text))[0]


def test_a_name_after_a_hyphen_is_raised_where_the_transformer_reads_the_sentence_far_likelier():
    text = "said the Rt Rev Michael Scott-joynt, who argued it."
    assert hyphen_case_with(SentenceJudge("Scott-Joynt,", 3.0), text) == text.replace("joynt", "Joynt")
    assert hyphen_case_with(SentenceJudge("Scott-Joynt,", 1.0), text) == text  # below second_opinion_margin


@pytest.mark.parametrize("text", [
    "the US-based firm said it",  # an ordinary compound: its second part is a lowercase word
    "the NP-ellipsis rule applies",  # an acronym heads a technical term
    "Then. Tough-scrumaging props won it",  # a capital that opens a sentence is no name's
])
def test_the_transformer_is_not_asked_about_ordinary_compounds(text):
    judge = SentenceJudge("anything", 0.0)
    assert hyphen_case_with(judge, text) == text
    assert judge.read == []
