import re

from hypothesis import given
from hypothesis import strategies as st

from cleanwire.filters.base import Document
from cleanwire.filters.glyphs import GlyphFilter
from cleanwire.models import glyphs
from cleanwire.pipeline import make_pipeline


def repair(text: str) -> str:
    return GlyphFilter().apply(Document(text))[0]


def test_a_placeholder_that_stands_for_one_ligature_is_replaced_everywhere_names_too():
    text = "The o(cid:27)cials con(cid:9)rmed the (cid:9)rst cut. Mr Gri(cid:27)ths, o(cid:27)cials said."
    assert repair(text) == "The officials confirmed the first cut. Mr Griffiths, officials said."


def test_a_placeholder_for_every_glyph_is_read_word_by_word():
    assert repair("The e\ufffdect of the \ufffdrst o\ufffdcial.") == "The effect of the first official."


def test_u_fffd_names_no_glyph_so_a_name_no_reading_makes_a_word_keeps_it():
    # U+FFFD reads "fi" in every common word here, yet an extractor writes it for any glyph it cannot
    # map: "Bro\ufffdani" may be Broffani or Brofiani, while a CID (one glyph's number) fills the name.
    words = "The \ufffdrst \ufffdnal, con\ufffdrmed by o\ufffdcials of the \ufffdrm: Mr Bro{}ani."
    assert "Bro\ufffdani" in repair(words.format("\ufffd"))
    cid = words.replace("\ufffd", "(cid:9)").replace("o(cid:9)cials", "officials")
    assert "Mr Brofiani." in repair(cid.format("(cid:9)"))


def test_a_glyph_named_for_an_f_ligature_is_read_as_its_letters_in_a_rare_word_too():
    # "/uniFB02" (U+FB02) is "fl": written once, in a word rarer than the vocabulary's floor.
    assert repair("The Leicester /uniFB02anker has a slim chance.") == "The Leicester flanker has a slim chance."
    # Where the text's words read it as another ligature, they say what the font drew there, in names too.
    text = "The e/uniFB02ect of the o/uniFB02er was a/uniFB02ected by /uniFB02anker moves."
    assert repair(text) == "The effect of the offer was affected by ffanker moves."
    # Fonts reuse the slot of long s and t for other ligatures: its name says nothing.
    assert repair("The /uniFB05anker.") == "The /uniFB05anker."


def test_readings_of_a_placeholder_about_as_common_are_chosen_by_the_words_beside_it():
    # "\ufffd" stands for "fi" in most words here, but "ofi" is no word: "o\ufffd" is read alone,
    # "off" or "oct", "sta\ufffd" "start" or "staff", "prote\ufffd" "protect" or "protest", by context.
    text = "The \ufffdrst side saw o\ufffd Russia, and had to sta\ufffd producing ways to prote\ufffd the \ufffdnal."
    assert make_pipeline().run(text).text == (
        "The first side saw off Russia, and had to start producing ways to protect the final.")
    # With no word beside it to judge by, an even choice is left.
    assert "sta\ufffd" in repair("The \ufffdrst \ufffdnal: sta\ufffd.")


def test_the_word_beside_a_placeholder_is_never_repaired_alone():
    out = make_pipeline().run("The (cid:28)rm and the x(cid:28)yz said the (cid:28)rm was set.").text
    assert "(cid:28)firm" not in out and "(cid:28)" in out.replace("firm", "", 2) or "firm" in out
    assert "\ufffdfirm" not in make_pipeline().run("The \ufffdrm and a \ufffdzq \ufffdrm.").text


def test_a_placeholder_opening_a_sentence_gives_the_word_its_capital():
    # The placeholder took the capital with the letters; after an abbreviation's full stop no sentence opens.
    text = "The shut o\x00 valve is \x00ne. \x00ow was low; the o\x00ice said so.\n\n\x00nally, Smith Corp. \x00led."
    assert make_pipeline().run(text).text == (
        "The shut off valve is fine. Flow was low; the office said so.\n\nFinally, Smith Corp. filed.")


def test_a_placeholder_set_apart_by_spaces_is_joined_to_the_pieces_it_completes():
    # Extractors write a glyph name or U+FFFD as a token of its own: "/uniFB01 eld", "veri \ufffd cation".
    text = "The /uniFB01 eld crew saw the /uniFB02 ow rise; veri \ufffd cation took a day."
    assert repair(text) == "The field crew saw the flow rise; verification took a day."
    # A piece commoner than the word a join would make stays apart, and so does the placeholder.
    assert repair("The /uniFB01 re and the \ufffd at.") == "The fi re and the \ufffd at."


def test_an_office_fonts_ti_glyph_is_read_in_every_manner_extractors_lose_it():
    # Word-made PDFs draw "ti" as one glyph (Calibri, Cambria); extractors write U+FFFD, a space or a wrong glyph.
    clean = "The station sent a notice of the motion to the national office, and the action was noted at the meeting."
    for glyph in ("\ufffd", " ", "O"):
        assert make_pipeline().run(clean.replace("ti", glyph)).text == clean


def test_a_space_after_a_ligatures_first_letter_is_joined_with_the_rest_of_its_letters():
    # Some extractors keep a ligature's first letter and leave a space for the rest: "dif erent", "af ect".
    text = "The two plans are dif erent, and the change will af ect the of icials. The ef ort and the ef ect were clear."
    assert repair(text) == (
        "The two plans are different, and the change will affect the officials. The effort and the effect were clear.")
    # MuPDF keeps all of a ligature's letters before the space, too ("Pfi zer", "conﬁ rmed" after ftfy).
    assert repair("Drugs from Pfi zer were confi rmed as eff ective and diff erent.") == (
        "Drugs from Pfizer were confirmed as effective and different.")
    # Two words stay two words: "act on" is no "action" that kept its "t".
    assert "act on" in repair(text.replace("were clear", "were the act on which it turned"))
    # A ligature opening a word leaves its kept letters as a piece of their own: "f rst", "fi ght".
    assert repair("The f rst f ght of the year was f nal.") == "The first fight of the year was final."
    assert repair("The fi rst fi ght of the year was fi nal.") == "The first fight of the year was final."
    assert repair("The f rst game.") == "The f rst game."  # one split alone shows no manner
    # A piece that ends with all of a ligature's letters is no word, and shows the manner as a fragment does.
    assert repair("The diffi cult talks were signifi cant for the talks.") == (
        "The difficult talks were significant for the talks.")
    # At a word's end, the kept letter stays with the piece and the space doubles the words' own: "staf  said".
    assert repair("The staf  said the of icials would go, and the ef ort grew.") == (
        "The staff said the officials would go, and the effort grew.")


def test_a_symbol_an_extractor_writes_for_a_glyph_is_read_as_one_inside_and_at_the_ends_of_words():
    # Calibri's "ti" and "ft" glyphs come out of some extractors as "&" and "[" (pdf_oxide #444).
    text = ("The Educa&on office and the Na&onal Informa&on Centre sent the applica&on forms a[er the "
            "mee&ng; the so[ware was shared by Microso['s staff and the &me it took was noted. AT&T and R&D stay.")
    assert repair(text) == (
        "The Education office and the National Information Centre sent the application forms after the "
        "meeting; the software was shared by Microsoft's staff and the time it took was noted. AT&T and R&D stay.")
    # Without such words, a symbol between letters is the writer's.
    assert repair("Rock&roll and AT&T, x[1] and f(x)=y.") == "Rock&roll and AT&T, x[1] and f(x)=y."


def test_a_placeholder_word_left_once_is_left_again():
    # Found by the damaged-document property test: three repairs wrote "st" whole, and a second pass
    # that counted it read "contra(cid:27)" as "contract", which the first had left (contract or contrast).
    once = make_pipeline().run("a contra(cid:27) (cid:27)aff (cid:27)aff (cid:27)aff.").text
    assert once == "a contra(cid:27) staff staff staff." and make_pipeline().run(once).text == once


def test_a_space_is_not_read_as_letters_the_text_writes_whole_throughout():
    # This text lost "ft" and "ti" to spaces and writes "st" whole in many words: "li ed" is "lifted",
    # though "listed" is the commoner word.
    text = ("They li ed the ban a er the mee ng, and the informa on shi ed the dra  plan, the first step, most "
            "said; the last minister stood still in the storm, just as the state stated.")
    assert repair(text).startswith("They lifted the ban after the meeting, and the information shifted the draft")


def test_a_glyph_lost_at_a_words_edge_is_not_read_as_letters_the_text_writes_whole_throughout():
    # Words lost "ft" and "ti" to spaces; "st" stands whole in many: "li  the" is "lift", not the commoner "list".
    text = ("They will li  the ban a er the mee ng, and the informa on shi ed the dra  plan, the first step, most "
            "said; the last minister stood still in the storm, just as the state stated.")
    assert repair(text).startswith("They will lift the ban after the meeting")


def test_letters_set_apart_are_joined_in_a_text_that_shows_them():
    text = "The o ffi cials said the fi rst sta ff were there."
    assert repair(text) == "The officials said the first staff were there."


def test_letters_set_apart_are_joined_after_a_hyphen_and_across_two_ligatures_of_one_word():
    text = "The semi-fi nals were a ff e ct ed, and the wi-fi tari ff rose for the be st out there."
    assert repair(text) == "The semi-finals were affected, and the wi-fi tariff rose for the best out there."


def test_letters_set_apart_between_words_are_half_the_evidence_of_a_piece_that_is_no_word():
    # OCR leaves "st" and "fi" between words too: two such joins are not enough, four are.
    assert repair("He lo st and then la st week.") == "He lo st and then la st week."
    assert repair("He lo st the la st game, ju st the be st.") == "He lost the last game, just the best."


def test_a_piece_prose_never_writes_alone_is_evidence_of_letters_set_apart():
    # "rm" and "ts" are in word lists, but no lowercase prose writes them as words; "o" is a lone letter.
    text = "The fi rm said its pro fi ts rose and it made an o ff er."
    assert repair(text) == "The firm said its profits rose and it made an offer."
    assert repair("The fi rm said its profits rose.") == "The fi rm said its profits rose."


def test_a_space_where_a_glyph_was_is_joined_on_the_evidence_of_other_words():
    text = "The e ect was be er for the o cials, a er the talks."
    assert repair(text) == "The effect was better for the officials, after the talks."


def test_a_glyph_lost_to_a_space_at_a_words_edge_leaves_two_spaces_and_goes_to_the_piece():
    # The glyph's space beside the words' own: "a tari  rise" is "a tariff rise", "the  rm" "the firm";
    # "guitari  and" is "guitarist and", not "guitari stand": the piece that is no word lost the letters.
    text = "The e ect was be er for the o cials: a tari  rise for the  rm, a guitari  and a singer."
    assert repair(text) == ("The effect was better for the officials: a tariff rise for the firm, "
                            "a guitarist and a singer.")


def test_words_that_lost_a_glyph_at_their_edge_count_as_evidence_for_splits_inside_words():
    # "  rm" and "  rms" show the manner; "pro ts" alone would not, "ts" being a piece no prose writes.
    text = "The  rm said its pro ts rose, as other  rms did."
    assert repair(text) == "The firm said its profits rose, as other firms did."


def test_pieces_word_lists_count_but_prose_never_writes_are_evidence_of_letters_set_apart():
    # "bla" and "eld" are in word lists; a text that also shows "o ff" joins "Mans fi eld" too.
    text = "Mans fi eld lost. He bla st ed the ball o ff the line."
    assert repair(text) == "Mansfield lost. He blasted the ball off the line."


def test_letters_lost_at_a_words_edge_are_chosen_by_context_where_two_are_about_as_common():
    # "contra" + "st" or "ct", "o" + "ff" or "ct": the words beside them decide; which word lost the
    # letters ("Du  and": "Duff and" or "Du stand") is never left to them.
    text = "The e ect was be er for the o cials: in contra  to the rest, they took them o  and left."
    assert make_pipeline().run(text).text == (
        "The effect was better for the officials: in contrast to the rest, they took them off and left.")
    assert "Du  and" in repair("The e ect was be er for the o cials, with Du  and Robben.")


def test_letters_a_text_never_writes_where_it_would_show_they_were_lost_to_spaces():
    # One fragment ("ern") is too little; but a text this long that never writes "st" or "tt", and writes
    # each of their letters, lost those glyphs: "ho  of", "mini er", "pa ern" and "la  year" join.
    text = ("The ho  of the talks, a senior mini er, said the pa ern of the la  year would hold. "
            + "He said the deal would be signed in the spring, and that the union would agree to the terms. " * 12)
    assert repair(text).startswith("The host of the talks, a senior minister, said the pattern of the last year")
    assert repair(text + "It was the first time that the state had a test.").startswith("The ho  of the talks")
    assert repair(text[:180]).startswith("The ho  of the talks")  # too short to miss "st" and "tt"


def test_a_common_word_beside_two_spaces_is_not_made_a_far_rarer_one():
    # The text lost glyphs to spaces, but "let" is far commoner than "filet": two spaces typed, no glyph lost.
    text = "The e ect was be er for the o cials. The court on Monday  let stand a ruling."
    assert repair(text) == "The effect was better for the officials. The court on Monday  let stand a ruling."


def test_two_spaces_between_words_are_left_where_the_text_shows_no_glyph_lost_to_a_space():
    for text in ("The sta  replacing the  rm.", "He said  nothing, and  then left."):
        assert repair(text) == text


def test_one_split_alone_or_two_common_words_are_left():
    for text in ("The be er one.", "He came in a hurry and sat on me.", "Five ft tall, the fi file."):
        assert repair(text) == text


def test_a_fonts_whole_glyph_map_is_learned_once_one_glyph_of_it_is_sure():
    # "M" for "tt" in three words makes the map sure; then "X" for "fi" needs one word ("midXeld": a capital
    # opening a word is no evidence), "w" for "ffi" two. A glyph in first place is lowercase inside a sentence.
    text = ("The beMer seMing and leMers were kept. The Xeld was wide, and the owce and the "
            "diwcult owces stood by the midXeld. The Xrst charge came later.")
    assert repair(text) == ("The better setting and letters were kept. The field was wide, and the office and the "
                            "difficult offices stood by the midfield. The first charge came later.")


def test_capitals_and_digits_inside_words_are_glyphs_together_though_each_stands_for_another_ligature():
    # "8" for "ffl" and "M" for "fi" show in one word each; two words with a glyph inside are no typos.
    text = "The iPod shu8e has new speciMcations, the Mrm said."
    assert repair(text) == "The iPod shuffle has new specifications, the firm said."
    # One such word alone is left, and a digit opening a word ("7p", "3rd") is no evidence.
    for clean in ("The iPod shu8e was new.", "Stamps cost 7p and 4p on the 3rd, the 1p coin too."):
        assert repair(clean) == clean


def test_a_capital_glyph_opens_words_mid_sentence_in_a_text_that_shows_capital_glyphs():
    # "M" inside words shows the font's capital glyphs; "Y" opening three non-words after lowercase words is
    # "fi" ("Yrst"). One capitalised non-word ("Cink") is a name: read as "stink" by one word, it is left.
    text = "The beMer seMing was kept. Then the Yrst and the Ynal talks, and the Yve men met Stewart Cink."
    assert repair(text) == ("The better setting was kept. Then the first and the final talks, and the five men "
                            "met Stewart Cink.")
    # With no glyph inside any word, a capitalised non-word is a name's: left.
    names = "Then the Yrst and the Ynal talks, and the Yve men met."
    assert repair(names) == names


def test_a_word_as_written_is_read_through_a_lowercase_glyph_only_where_its_context_says_so():
    # "u" stands for "ff" in four non-words; "ou" is in word lists, but "taken off the table" is far likelier.
    text = "The diuerent ouicials made an ouer to the stau, but the ouer was taken ou the table."
    out, edits = GlyphFilter().apply(Document(text))
    assert out == "The different officials made an offer to the staff, but the offer was taken off the table."
    assert "log10 likelier here" in next(e.reason for e in edits if e.before == "ou")
    # Where the words beside it do not make the reading clearly likelier, the word as written stays.
    text = "The eleiion was expeied to selei a direior, and the ai rules were strii about the eleiion."
    assert repair(text) == ("The election was expected to select a director, and the ai rules were strict "
                            "about the election.")


def test_names_the_vocabulary_lacks_vote_for_the_rest_of_a_known_fonts_map():
    # "M" for "tt" is sure; "h" for "ffi" shows in one lowercase word and in one name, which together are two.
    text = "The beMer seMing of the leMers was a maMer for the ohcial from Sheheld."
    assert repair(text) == "The better setting of the letters was a matter for the official from Sheffield."
    assert "the ohcial from Paris" in repair(text.replace("Sheheld", "Paris"))


def test_a_digit_opening_a_word_is_no_glyph_money_and_ordinals_write_them():
    for text in ("It cost £1 6s 6d, and 2s 6d the 3rd time: 5s 6d.", "The 0lm was shot in 0ve days by the 0lm crew."):
        assert repair(text) == text


def test_a_digit_opening_words_is_a_glyph_in_a_text_whose_font_shows_wrong_glyphs():
    # "M" for "tt" shows the font's wrong glyphs; "0" opening two non-words is its "fi".
    text = "The beMer seMing was kept. The 0lm was shot in 0ve days, and the prize-0ghter won on the 3rd."
    assert repair(text) == ("The better setting was kept. The film was shot in five days, and the prize-fighter "
                            "won on the 3rd.")
    # One such word alone is no font's glyph: a code, a typo.
    one = "The beMer seMing was kept. The 0lm was shot."
    assert repair(one) == "The better setting was kept. The 0lm was shot."


def test_a_word_whose_first_letter_was_a_glyph_is_lowercase_after_a_dash_or_a_quote_inside_a_sentence():
    text = "The speciMc beneMts. Mrm bids - Mrm costs - and a “Mrm” deal."
    assert repair(text) == "The specific benefits. Firm bids - firm costs - and a “firm” deal."


def test_two_lowercase_glyphs_each_in_two_words_that_explain_a_third_of_the_non_words_are_a_fonts_map():
    text = "Police said wrearms ohences rose, the wgures show, and victims suhered."
    assert repair(text) == "Police said firearms offences rose, the figures show, and victims suffered."
    # Among other non-words ("xqzt", codes and tags), the two explaining a third of them are the font's map too.
    tagged = "Police said wrearms ohences rose, the wgures show, and victims suhered (xqzt bvrk qqzx zzvt pxqb vvzk)."
    assert repair(tagged).startswith("Police said firearms offences rose, the figures show, and victims suffered")
    # One lowercase letter in two words may be a writer's slip: left.
    assert repair("Police said wrearms rose, the wgures show.") == "Police said wrearms rose, the wgures show."


def test_one_lowercase_glyph_in_three_words_that_are_a_third_of_the_non_words_is_a_fonts_map():
    text = "After the eleiion, saniions hit the seior, a tranche said."
    assert repair(text) == "After the election, sanctions hit the sector, a tranche said."
    # Three of ten non-words are no map: a writer's slips and a page's codes are as many.
    noisy = text.replace("a tranche", "xqzt bvrk qqzx zzvt pxqb vvzk qzvx")
    assert repair(noisy.replace("seior", "sector")) == noisy.replace("seior", "sector")


def test_one_wrong_glyph_for_two_ligatures_is_read_as_each_where_its_own_words_show_it():
    # "M" for "st" in three words and for "rt" in two others: a second pass would read the two, so the first does.
    text = "adminiMration couM cuMom leaM propeMies."
    assert repair(text) == "administration court custom least properties."


def test_a_glyph_that_two_ligatures_explain_alike_is_left():
    text = "The beMer seMing and leMers were kept, of the so7 kind."
    assert repair(text) == "The better setting and letters were kept, of the so7 kind."
    # Unless one ligature's readings are far commoner words: "sta7" is "staff" or "start", "o7" "off" or
    # the rare "ort"; and it is never read as a third ligature that explains fewer of its words ("ost").
    text = "The beMer seMing and leMers were kept; the sta7 were let o7 the o7-campus site."
    assert repair(text) == "The better setting and letters were kept; the staff were let off the off-campus site."



def test_a_piece_of_a_word_a_placeholder_splits_is_not_changed_on_its_own():
    # Found by the damaged-document property test: "iM" beside "(cid:27)" became "ist", and a second
    # pass then read the placeholder ("artist"): the first pass must leave the whole word to be read whole.
    text = "a a a adminiMration a(cid:27)iM."
    once = make_pipeline().run(text).text
    assert "a(cid:27)iM" in once and make_pipeline().run(once).text == once


@given(st.text(st.sampled_from("ab Z-'\u2019é2\n")))
def test_double_spaces_found_from_the_spaces_are_the_patterns_matches(text):
    assert [m.span() for m in glyphs._two_spaces(text)] == [m.span() for m in glyphs._TWO_SPACES.finditer(text)]


@given(st.lists(st.sampled_from(["fi", "ffi", "st", "o", "rst", "cials", " ", "-", "2", "X", "é", "\n"])).map("".join))
def test_set_apart_letters_found_from_where_they_stand_alone_are_the_patterns_matches(text):
    ligatures = ("ffi", "fi", "st")
    pattern = glyphs._set_apart_patterns(ligatures)[0]
    assert [m.span() for m in glyphs._set_apart(text, ligatures)] == [m.span() for m in pattern.finditer(text)]


@given(st.text(st.sampled_from("aZ7é -'\n")))
def test_words_with_a_glyph_inside_found_in_bytes_are_the_words_a_pattern_finds(text):
    from cleanwire.models import wrong_glyphs

    words = {m.group() for m in re.finditer(r"[A-Za-z0-9]+", text) if re.search(r"[a-z][A-Z0-9]", m.group())}
    assert wrong_glyphs._words_with_glyph_inside(text) == words


def test_once_a_text_shows_letters_lost_to_a_space_short_common_words_beside_them_are_joined():
    # "so ware" is two words alone; in a text whose other pairs lost "ft" to a space it is "software".
    text = "The so ware firm said it was dra ing its plans, with gi s for the cra  team a er the talks."
    assert repair(text) == "The software firm said it was drafting its plans, with gifts for the craft team after the talks."
    # Without that evidence two words stay two words.
    assert repair("The so ware firm said the talks went well.") == "The so ware firm said the talks went well."


def test_two_short_pieces_join_into_a_word_rarer_than_either_by_the_letters_the_text_shows_lost():
    # "li" and "ed" are pieces word lists hold; "listed" is the commoner word, but a text whose other
    # pairs lost "ft" ("dri ed") and "tt" to a space lifted something.
    text = "The commi ee said the talks dri ed a er the ban was li ed, and the lo ery would se le it."
    assert repair(text) == "The committee said the talks drifted after the ban was lifted, and the lottery would settle it."
    # A piece that is a prose word still bars a rarer join: "in a" is no "insta".
    text = "The commi ee said the talks dri ed a er the vote in a lo ery that would se le it."
    assert repair(text) == "The committee said the talks drifted after the vote in a lottery that would settle it."


def test_a_pair_two_ligatures_could_join_is_read_by_the_letters_a_long_text_never_writes():
    # "ma ers" is "matters" or "masters"; a text long enough to write "tt" that never does lost it.
    body = ("The club said on Sunday that the new season would open in August, and the manager told "
            "reporters that his side was ready. He named the same team for the opening game, with one "
            "change in defence. The players trained in the morning and rested in the evening. ") * 5
    text = "The talks dri ed, and the o cials said the e ect of the ma ers raised by the club was small. "
    assert repair(text + body).startswith(
        "The talks drifted, and the officials said the effect of the matters raised by the club was small.")
    # The same text writing "tt" elsewhere shows no such loss: the pair stays two pieces.
    assert "the ma ers raised" in repair(text + body.replace("rested", "settled"))


def test_letters_set_apart_before_a_compounds_hyphen_are_joined():
    text = "The o ffi cials signed a fi ve-year deal for the fi rst-choice striker."
    assert repair(text) == "The officials signed a five-year deal for the first-choice striker."
    # A hyphen that ends a line is no compound's: the piece before it is left to the line-break filter.
    out = repair("The o ffi cials signed a fi ve- year deal for the fi rst time.")
    assert "officials" in out and "first time" in out and "fi ve- year" in out



def test_codes_in_a_text_lowercased_on_purpose_are_no_glyphs():
    # "g8" lost its capital with the rest of the text; read with "8" for "st" it would be "gst".
    text = "the g8 summit in july: the g7 and russia make the g8, and g8 leaders meet in the summer."
    assert repair(text) == text
