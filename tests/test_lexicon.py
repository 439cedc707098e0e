from cleanwire import lexicon


def test_vocabulary_merges_wordfreq_and_symspell():
    table = lexicon.zipf_table()
    assert len(table) > 150_000
    assert table["the"] > 7 > table["after"] > 5
    assert lexicon.zipf("atempts") == 0.0


def test_data_is_loaded_once():
    assert lexicon.zipf_table() is lexicon.zipf_table()
    assert lexicon.proper_nouns() is lexicon.proper_nouns()


def test_bigram_model_prefers_real_phrases():
    bigrams = lexicon.bigram_table()
    assert bigrams[("united", "states")] > bigrams.get(("united", "state"), 0)
    assert lexicon.bigram_left_totals()["united"] >= bigrams[("united", "states")]


def test_proper_nouns_separate_names_from_common_words():
    nouns = lexicon.proper_nouns()
    assert nouns["Russian"] == "proper"
    assert nouns["Atlantic"] == "capitalised"
    assert "Controlled" not in nouns
