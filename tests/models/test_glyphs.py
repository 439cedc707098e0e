"""The glyph model's searches find what the patterns they stand in for would find."""

import re
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from cleanwire import blocks
from cleanwire.models import glyphs
from cleanwire.words import ENDS_ALONE, STARTS_ALONE

# Letters in both cases, what touches a word (digits, apostrophes, hyphens), what ends a block, and
# characters whose lowercase is ASCII or longer (the Kelvin sign, a dotted capital I), and characters of
# two, three and four bytes in UTF-8, a lone surrogate among them.
texts = st.text(st.sampled_from("abeErR -'’2.\n\u00e9\u212a\u0130\u00ab\ud800\U0001f600"), max_size=120)
piece_sets = st.sets(st.sampled_from(["er", "e", "ber", "r", "a"]), min_size=1)


@given(texts, piece_sets, st.integers(1, 30))
def test_pieces_alone_finds_what_a_pattern_of_the_pieces_finds(text, pieces, block_size):
    alternatives = "|".join(sorted(pieces, key=len, reverse=True))
    pattern = re.compile(f"{STARTS_ALONE}(?:{alternatives}){ENDS_ALONE}", re.IGNORECASE | re.ASCII)
    with patch.object(blocks, "BLOCK_SIZE", block_size):
        found = [m.span() for m in glyphs.pieces_alone(text, pieces)]
    assert found == [m.span() for m in pattern.finditer(text)]
