"""A document's output is encoded a piece at a time: the pieces join to its UTF-8, and an error names
the place in the whole text."""

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanwire.batch import output
from cleanwire.errors import OutputError


@given(st.text(), st.integers(1, 8))
def test_the_pieces_join_to_the_whole_text_in_utf8(text, piece_chars):
    with patch.object(output, "ENCODED_PIECE_CHARS", piece_chars):
        pieces = output.encode_output(text, "f.txt", 1)
    assert b"".join(pieces) == text.encode("utf-8")
    assert all(1 <= len(piece.decode("utf-8")) <= piece_chars for piece in pieces)


def test_a_lone_surrogate_is_named_by_its_place_in_the_whole_text():
    with patch.object(output, "ENCODED_PIECE_CHARS", 4):
        with pytest.raises(OutputError, match="at character 6;"):
            output.encode_output("abcdef\udce9", "f.txt", 1)
        # Read with surrogateescape, it is the byte it stood for.
        assert b"".join(output.encode_output("abcdef\udce9", "f.txt", 1, "surrogateescape")) == b"abcdef\xe9"
