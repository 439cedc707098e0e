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
    # Names from a corpus of edited prose, beside the dictionary's; British spellings are common words.
    assert nouns["Thames"] == nouns["Packard"] == "proper"
    assert nouns["Centre"] == nouns["Internet"] == "capitalised"
    # Names only the largest word lists hold; none of their pieces of foreign phrases ("sang-froid").
    assert nouns["Gwent"] == nouns["Musharraf"] == nouns["Nato"] == "name"
    assert "Froid" not in nouns and "Born" not in nouns


def test_parsed_tables_are_cached_and_rebuilt_when_unreadable(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANWIRE_CACHE", str(tmp_path))
    built = lexicon.cached("probe", lambda: {"a": 1.0})
    [cached] = list(tmp_path.glob("probe-*.pickle"))
    assert lexicon.cached("probe", lambda: {"a": 2.0}) == built  # read back, not rebuilt
    cached.write_bytes(b"not a pickle")
    assert lexicon.cached("probe", lambda: {"a": 3.0}) == {"a": 3.0}
    monkeypatch.setenv("CLEANWIRE_CACHE", "off")
    assert lexicon.cache_folder() is None
    assert lexicon.cached("probe", lambda: {"a": 4.0}) == {"a": 4.0}


def test_a_cache_of_another_version_is_pruned_and_other_files_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANWIRE_CACHE", str(tmp_path))
    for stale in ("probe-0123456789abcdef.pickle", "probe-killed.pickle.tmp"):
        (tmp_path / stale).write_bytes(b"old")
    (tmp_path / "notes.tmp").write_text("not ours", encoding="utf-8")
    lexicon.cached("probe", lambda: [1])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.tmp", f"probe-{lexicon._fingerprint()}.pickle"]


def test_the_cache_is_keyed_by_content_not_size(monkeypatch):
    first = lexicon._fingerprint()
    lexicon._fingerprint.cache_clear()
    real = lexicon.resources.files

    class Edited:  # the same size, one byte changed
        def __init__(self, path):
            self.path = path

        def __truediv__(self, name):
            return Edited(self.path / name)

        def read_bytes(self):
            data = self.path.read_bytes()
            return data[:-1] + bytes([data[-1] ^ 1])

    monkeypatch.setattr(lexicon.resources, "files", lambda package: Edited(real(package)))
    try:
        assert lexicon._fingerprint() != first
    finally:
        lexicon._fingerprint.cache_clear()


def test_the_default_cache_is_the_platforms_user_cache_folder(monkeypatch):
    monkeypatch.delenv("CLEANWIRE_CACHE", raising=False)
    assert lexicon.cache_folder() == lexicon.Path(lexicon.platformdirs.user_cache_dir("cleanwire", appauthor=False))


def test_a_read_only_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANWIRE_CACHE", str(tmp_path / "file"))
    (tmp_path / "file").write_text("a file where a folder should be", encoding="utf-8")
    assert lexicon.cached("probe", lambda: [1]) == [1]


def test_consonant_strings_and_contraction_endings_are_no_words_alone():
    assert [lexicon.is_word_alone(w) for w in ("rm", "sh", "nth", "ll", "ve", "five", "re", "by")] == [
        False, False, False, False, False, True, True, True]


def test_a_contraction_ending_after_its_host_is_a_contraction_that_lost_its_apostrophe():
    assert lexicon.is_word_alone("ll", "we") and lexicon.is_word_alone("ve", "could")
    assert not lexicon.is_word_alone("ve", "gone") and not lexicon.is_word_alone("ll", None)
