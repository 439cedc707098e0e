"""Ray Data, on a real local Ray instance: the same output as the serial run; the batch adapters alone."""

from __future__ import annotations

import json
import subprocess
from collections import UserDict

import pytest

import cleanwire
from cleanwire.ray import clean_batch
from tests.test_cli import command

TEXTS = [
    "Talks ended ater three atempts and atacks.\n",
    "Paper Name\n\nThe frst ofcials spoke.\n\nNewspapers in English",
    "Nothing to repair here.\n",
]


@pytest.fixture(scope="module")
def ray_installed():
    ray = pytest.importorskip("ray", reason="Ray Data is the optional extra: pip install 'cleanwire[ray]'")
    pytest.importorskip("pyarrow", reason="Ray Data needs pyarrow: pip install 'cleanwire[ray]'")
    return ray


@pytest.fixture(scope="module")
def local_ray(ray_installed):
    ray = ray_installed
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_map_batches_matches_the_serial_chain(local_ray):
    from cleanwire.ray import clean_batch

    rows = [{"id": i, "text": t, "web": None} for i, t in enumerate(TEXTS * 20)]
    ds = local_ray.data.from_items(rows).map_batches(clean_batch, fn_kwargs={"column": "text"}, batch_size=7)
    out = sorted(ds.take_all(), key=lambda r: r["id"])
    assert [r["text"] for r in out] == [cleanwire.clean(r["text"]) for r in rows]
    assert [r["id"] for r in out] == list(range(len(rows)))
    assert out[0]["cleanwire_edits"] == 3


def test_actor_class_with_a_custom_chain(local_ray):
    from cleanwire.ray import CleanBatch

    ds = local_ray.data.from_items([{"text": t} for t in TEXTS])
    out = ds.map_batches(CleanBatch, fn_constructor_kwargs={"filters": ["boilerplate"]}, concurrency=1,
                         batch_format="pandas").take_all()
    assert sorted(r["text"] for r in out) == sorted(cleanwire.make_pipeline(["boilerplate"])(t) for t in TEXTS)


class LazyBatch(UserDict):  # type: ignore[type-arg]
    """A mapping that is no dict, as Hugging Face datasets hands ``map(batched=True)``."""


def test_any_mapping_is_a_batch_as_hugging_face_datasets_gives_it():
    out = clean_batch(LazyBatch({"text": [TEXTS[0]], "id": [1]}))
    assert out["text"] == [cleanwire.clean(TEXTS[0])] and out["id"] == [1] and out["cleanwire_edits"] == [3]


def test_a_null_text_stays_null_and_the_batch_goes_on():
    out = clean_batch({"text": [None, TEXTS[0]], "id": [1, 2]})
    assert out["text"] == [None, cleanwire.clean(TEXTS[0])] and out["cleanwire_edits"] == [0, 3]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_cli_engine_ray_folder_in_folder_out(tmp_path, fmt, ray_installed):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in"
    src.mkdir()
    rows = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
    if fmt == "jsonl":
        (src / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        pq.write_table(pa.Table.from_pylist(rows), src / "a.parquet")
    out = tmp_path / "out"
    result = subprocess.run([*command(), "fix", str(src), "--engine", "ray", "-j", "2", "-o", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    if fmt == "jsonl":
        got = [json.loads(line) for f in sorted(out.glob("*.json")) for line in f.read_text().splitlines()]
    else:
        got = [r for f in sorted(out.glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert {r["id"]: r["text"] for r in got} == {r["id"]: cleanwire.clean(r["text"]) for r in rows}
