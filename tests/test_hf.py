"""cleanwire.hf with a real Hugging Face ``datasets`` Dataset and IterableDataset."""

import pytest

import cleanwire

datasets = pytest.importorskip("datasets", reason="the Hugging Face extra: pip install 'cleanwire[hf]'")

from cleanwire.hf import clean_dataset, fingerprint  # noqa: E402

TEXTS = ["Talks ended ater three atempts.", "The atacks stopped.", "Nothing to change here."]


def test_a_dataset_is_cleaned_and_cached_under_a_fingerprint_of_the_chain(tmp_path):
    ds = datasets.Dataset.from_dict({"text": TEXTS, "id": [1, 2, 3]})
    ds = ds.save_to_disk(str(tmp_path / "ds")) or datasets.load_from_disk(str(tmp_path / "ds"))  # a cached dataset
    out = clean_dataset(ds)
    assert out["text"] == [cleanwire.clean(t) for t in TEXTS] and out["id"] == [1, 2, 3]
    assert out["cleanwire_edits"][0] == 2 and out["cleanwire_edits"][2] == 0  # "ater", "atempts"
    again = clean_dataset(ds)
    assert again._fingerprint == out._fingerprint and again.cache_files == out.cache_files  # read from the cache
    other = clean_dataset(ds, settings={"ligatures": {"context_model": "bigram"}})
    assert other._fingerprint != out._fingerprint  # another chain: not the cached result


def test_the_fingerprint_changes_with_cleanwires_version_and_dictionaries(monkeypatch):
    first = fingerprint("ds", "text", None, None, None, None)
    monkeypatch.setattr(cleanwire, "__version__", "999.0")
    assert fingerprint("ds", "text", None, None, None, None) != first
    monkeypatch.undo()
    from cleanwire import lexicon

    monkeypatch.setattr(lexicon, "dictionaries_fingerprint", lambda: "edited")
    assert fingerprint("ds", "text", None, None, None, None) != first


def test_an_iterable_dataset_is_cleaned_as_it_is_read():
    ds = datasets.Dataset.from_dict({"body": TEXTS}).to_iterable_dataset()
    out = clean_dataset(ds, column="body", edits_column=None)
    assert [row["body"] for row in out] == [cleanwire.clean(t) for t in TEXTS]
