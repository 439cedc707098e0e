import re

from hypothesis import given
from hypothesis import strategies as st

from cleanwire.hyphens import compound_start, hyphens_after_letters

TEXT = st.text(alphabet="aBé- \n1", max_size=40)


@given(TEXT)
def test_hyphens_after_letters_are_those_a_regex_finds(text):
    lowercase = re.compile("[a-z]")
    expected = [m.start() for m in re.finditer(r"(?<=[^\W\d_])-(?=[a-z])", text)]
    assert list(hyphens_after_letters(text, lowercase)) == expected


@given(TEXT)
def test_compound_start_is_the_start_of_the_run_of_letters_and_hyphens(text):
    for hyphen in (i for i, c in enumerate(text) if c == "-"):
        start = compound_start(text, hyphen)
        assert all(c.isalpha() or c == "-" for c in text[start:hyphen])
        assert start == 0 or not (text[start - 1].isalpha() or text[start - 1] == "-")
