import json

import ftfy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanwire
from cleanwire.filters import encoding
from cleanwire.filters.base import Document
from cleanwire.filters.encoding import (
    EncodingFilter,
    EncodingSettings,
    entity_remnant_changes,
    may_need_ftfy,
)

QUOTES = str.maketrans(dict.fromkeys("\u02bc\u2018\u2019\u201a\u201b", "'") | dict.fromkeys("\u201c\u201d\u201e\u201f", '"'))


def fix(text: str, **settings: object) -> str:
    return EncodingFilter(**settings).apply(Document(text))[0]


def test_mojibake_is_fixed_and_explained():
    text, edits = EncodingFilter().apply(Document("It canâ€™t be"))
    assert text == "It can’t be"
    assert [(e.start, e.end, e.before, e.after) for e in edits] == [(6, 9, "â€™", "’")]
    assert "sloppy-windows-1252" in edits[0].rule


def test_curly_quotes_are_kept_unless_asked():
    assert fix("“quoted”") == "“quoted”"
    assert fix("“quoted”", uncurl_quotes=True) == '"quoted"'


def test_ligature_characters_and_full_width_are_damage():
    assert fix("ﬁnal ＬＯＵＤ") == "final LOUD"


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("the world#39;s best", "the world's best"),
        ("we#39;ll go", "we'll go"),
        ("cost #36;5", "cost $5"),
        ("he said quot;no quot;", 'he said "no "'),
        ("India8217;s", "India’s"),
        ("8220;Yes8221;", "“Yes”"),
        ("Sony #146;s player", "Sony ’s player"),
    ],
)
def test_entity_remnants_are_restored(noisy, clean):
    assert fix(noisy) == clean


@pytest.mark.parametrize("text", ["#1; item", "No. 39; then", "C#5;", "&#39;", "route 8217; closed", "#65; here", "quotation"])
def test_real_text_that_looks_like_a_remnant_is_left(text):
    assert entity_remnant_changes(text) == [] or fix(text) == ftfy.fix_text(text, uncurl_quotes=False)
    assert fix(text) == ftfy.fix_text(text, uncurl_quotes=False)


def test_every_ftfy_option_is_a_setting():
    ftfy_fields = set(ftfy.TextFixerConfig._fields) - {"explain"}
    ours = set(EncodingSettings.__dataclass_fields__)
    assert ftfy_fields <= ours


def _ftfy_cases(shared, name):
    return json.loads((shared / "data" / "ftfy-tests" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["in-the-wild.json", "negative.json", "synthetic.json", "language-names.json"])
def test_ftfy_peer_cases_through_the_default_chain(shared, name):
    failures = []
    for case in _ftfy_cases(shared, name):
        if case["expect"] != "pass":
            continue
        got = cleanwire.clean(case["original"])
        if got.translate(QUOTES) != case["fixed"].translate(QUOTES):
            failures.append((case["label"], got, case["fixed"]))
    assert failures == []


def test_fast_skip_never_skips_what_ftfy_would_change(shared):
    for name in ["in-the-wild.json", "negative.json", "synthetic.json", "language-names.json", "known-failures.json"]:
        for case in _ftfy_cases(shared, name):
            for line in case["original"].splitlines(keepends=True):
                if not may_need_ftfy(line):
                    assert ftfy.fix_text(line, uncurl_quotes=False) == line


MOJIBAKE_ALPHABET = st.sampled_from(sorted(set(encoding._LEAD + encoding._CONTINUATION + " ?\x1a\ufffd\xa0a.“”’—£é&#;t3")))


@given(st.one_of(st.text(), st.text(alphabet=MOJIBAKE_ALPHABET)))
def test_fast_skip_is_a_promise_on_any_text(text):
    if not may_need_ftfy(text):
        assert ftfy.fix_text(text, uncurl_quotes=False) == text


@given(st.text())
def test_encoding_filter_matches_ftfy_apart_from_remnants_and_placeholders(text):
    once = ftfy.fix_text(text, uncurl_quotes=False)
    if ftfy.fix_text(once, uncurl_quotes=False) == once:  # where ftfy is idempotent, the same result
        assert fix(text, entity_remnants=False, glyph_placeholders=False) == once


@pytest.mark.parametrize(("text", "expected"), [
    ("expe\x00ed", "expe\ufffded"),  # pdfminer's NUL for an unmapped glyph
    ("o\x03\x03cials", "o\ufffd\ufffdcials"),  # one mark per character, as the extractor wrote them
    ("Caf\x00é", "Caf\ufffdé"),
])
def test_a_control_character_between_letters_is_kept_as_a_placeholder(text, expected):
    assert fix(text) == expected


@pytest.mark.parametrize("text", ["boo\x00 up", "\x00start", "a\x00 b", "12\x0034", "a\x1bb", "line\x0cpage"])
def test_a_control_character_not_between_letters_is_dropped_as_ftfy_drops_it(text):
    assert fix(text) == ftfy.fix_text(text, uncurl_quotes=False)


@pytest.mark.parametrize(("text", "expected"), [
    ("the expe\x00ed boo\x00, then \x00rms", "the expe\ufffded boo\ufffd, then \ufffdrms"),
    # A formula's debris beside symbols is no word's edge: dropped, as ftfy drops it.
    ("the expe\x00ed x\x00=y and a&\x00b", "the expe\ufffded x=y and a&b"),
])
def test_at_a_word_edge_a_control_character_is_a_placeholder_where_the_text_writes_them_between_letters(
    text, expected
):
    assert fix(text) == expected


@given(st.text(alphabet=st.sampled_from("ab \x00\x01\x1f\n.")))
def test_placeholders_keep_the_text_length_and_only_replace_control_characters(text):
    placed = fix(text, entity_remnants=False)
    dropped = fix(text, entity_remnants=False, glyph_placeholders=False)
    assert placed.replace("\ufffd", "") == dropped


def test_mojibake_beside_a_private_use_placeholder_is_read_as_it_is_once_the_placeholder_is_letters():
    # No legacy encoding holds U+E000: ftfy alone leaves the line's mojibake until the glyph filter has
    # read the placeholder as letters, and a second cleaning would then fix it.
    assert fix("\ue000l\x9b\u00df") == "\ue000l\u0767" == fix("Til\x9b\u00df").replace("Til", "\ue000l")
    assert fix("\ue000l\x9b\u00df", glyph_placeholders=False) == "\ue000l\u203a\u00df"


def test_encoding_filter_is_idempotent_where_ftfy_is_not():
    text = "\x80\rÀ\x86"
    once = ftfy.fix_text(text, uncurl_quotes=False)
    assert ftfy.fix_text(once, uncurl_quotes=False) != once
    assert fix(fix(text)) == fix(text)


@given(st.lists(st.sampled_from(["#", "&", ";", "8217", "39", "82", "1", "quot", "hellip", "a", " ", "s", "X"]))
       .map("".join))
def test_remnants_read_before_each_semicolon_are_the_patterns_matches(text):
    # The patterns searched over the whole text, in order of precedence, are the specification.
    expected = []
    for pattern in (encoding._NUMERIC_REMNANT, encoding._BARE_NUMERIC_REMNANT):
        for m in pattern.finditer(text):
            if pattern is encoding._BARE_NUMERIC_REMNANT and not encoding._glued_to_a_letter(text, m):
                continue
            if encoding._remnant_char(int(m.group(1))) is not None:
                expected.append(m.span())
    expected += [m.span() for m in encoding._NAMED_REMNANT.finditer(text)]
    found = [(c.start, c.end) for c in encoding.entity_remnant_changes(text)]
    assert sorted(found) == sorted(span for span in expected if not any(
        other[0] < span[1] and span[0] < other[1] for other in expected[: expected.index(span)]))


@given(st.lists(st.sampled_from(["plain words", "a < b", "&amp; x", "canâ€™t", "café", "", "x\r", "1 &lt; 2"]),
                max_size=8).map("\n".join))
def test_lines_passed_over_as_plain_ascii_leave_the_result_as_ftfy_makes_it(text):
    # "<" in a line passed over still turns ftfy's HTML unescaping off for the lines after it.
    once = ftfy.fix_text(text, uncurl_quotes=False)
    if ftfy.fix_text(once, uncurl_quotes=False) == once:
        assert fix(text, entity_remnants=False, glyph_placeholders=False) == once


@pytest.mark.parametrize("text", ["à\x1f\x08A", "Ã©\x00ed", "ab\x00Ã©\x01cd", "A\x1fÃ "])
def test_a_placeholder_never_changes_what_ftfy_makes_of_the_text_around_it(text):
    # Found by the random property tests: U+FFFD read to ftfy as mojibake, beside it ("à\ufffd") or in its line ("A\ufffdÃ ").
    once = fix(text)
    assert fix(once) == once
    assert not encoding._CONTROL.search(once)


@given(st.text(alphabet=st.sampled_from(sorted(set("abA à\x00\x01\x1f\x08Ã©â€™\ufffd")))))
def test_placeholders_leave_cleaning_idempotent_and_no_control_character(text):
    once = fix(text)
    assert fix(once) == once
    assert not encoding._CONTROL.search(once)
