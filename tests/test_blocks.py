"""Block-wise gathering finds what one pass over the whole text finds."""

import re
from collections import Counter
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanwire
from cleanwire import blocks
from tests.test_properties import damaged_documents

# Lines of words, spaces, punctuation and non-ASCII letters: what the word patterns cut.
lines = st.text(st.sampled_from("ab Z-'.,\n\u00e9\u2019"), max_size=200)
PATTERNS = [re.compile(p) for p in (r"(?<![\w-])\w+", r"(?<=[a-z,;] )\w+", r"[A-Za-z]+(?:-[A-Za-z]+)*",
                                    r"(?=([A-Z]\.[A-Z]\.))")]


@given(lines, st.integers(1, 40), st.sampled_from(PATTERNS))
def test_gathering_by_blocks_finds_what_one_pass_finds(text, size, pattern):
    with patch.object(blocks, "BLOCK_SIZE", size):
        assert blocks.distinct_matches(pattern, text) == set(pattern.findall(text))
        assert blocks.counted_matches(pattern, text) == Counter(pattern.findall(text))


# Letters kept, every other byte a space: the words the searches below look for.
LETTERS_ONLY = bytes(b if 65 <= b <= 90 or 97 <= b <= 122 else 32 for b in range(256))


@given(lines, st.integers(1, 40), st.sets(st.sampled_from(["ab", "b", "Z", "abZ", "ba"]), min_size=1))
def test_a_search_in_the_blocks_holding_its_words_finds_what_a_whole_text_search_finds(text, size, words):
    pattern = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?![A-Za-z])")
    with patch.object(blocks, "BLOCK_SIZE", size):
        spans = blocks.spans_holding(text, {w.encode() for w in words}, LETTERS_ONLY)
        found = [m.span() for m in blocks.matches_in(pattern, text, spans)]
    assert found == [m.span() for m in pattern.finditer(text)]


@given(lines, st.integers(1, 40))
def test_blocks_cover_the_text_once_in_order_each_ending_a_line(text, size):
    spans = list(blocks.line_blocks(text, size))
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(text[end - 1] == "\n" or text[end - 2 : end] == ". " for _, end in spans[:-1])
    assert all(end - start >= size for start, end in spans[:-1])


def test_a_block_size_below_one_is_refused():
    with pytest.raises(ValueError, match="block size must be 1 or more"):
        list(blocks.line_blocks("text", 0))


@given(damaged_documents(separators=(" ", " ", " ", "\n", ".\n", ", ", "\n\n", ". ")))
def test_the_chain_cleans_a_long_document_as_it_cleans_it_in_one_block(text):
    # One line per block, against blocks larger than any generated text: a repair never depends
    # on where a block ends.
    with patch.object(blocks, "BLOCK_SIZE", 1):
        by_lines = cleanwire.clean_and_explain(text)
    whole = cleanwire.clean_and_explain(text)
    assert by_lines.text == whole.text
    assert by_lines.edits == whole.edits


@given(lines, st.integers(1, 40))
def test_sections_and_the_whitespace_between_them_cover_the_text_once(text, size):
    spans = list(blocks.sections(text, size))
    assert "".join(text[start:next_start] for start, _, next_start in spans) == text
    assert all(start <= end <= next_start for start, end, next_start in spans)
    # Each cut is all whitespace and holds a line's end, or follows a sentence's end.
    for _, end, next_start in spans[:-1]:
        assert text[end:next_start].isspace() and ("\n" in text[end:next_start] or text[end - 1] in ".!?")
        assert next_start > end
    assert all(end - start >= size for start, end, _ in spans[:-1])


def test_a_long_document_is_cut_at_a_paragraph_break_before_a_line_end():
    text = "Opening words\nend.\n\nNew paragraph. And more."
    assert [text[a:b] for a, b, _ in blocks.sections(text, 10)] == ["Opening words\nend.", "New paragraph.", "And more."]
    unbroken = "No break anywhere in this"
    assert [unbroken[a:b] for a, b, _ in blocks.sections(unbroken, 5)] == [unbroken]


def test_a_section_size_below_one_is_refused():
    with pytest.raises(ValueError, match="section size must be 1 or more"):
        list(blocks.sections("text", 0))
