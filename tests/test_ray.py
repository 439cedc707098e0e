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
def test_the_ray_engine_writes_what_the_local_engine_writes(tmp_path, fmt, ray_installed):
    import pyarrow as pa
    import pyarrow.parquet as pq

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    rows = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
    if fmt == "jsonl":
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows) + '{"text": null, "n": 1e400}\n'
        (src / "a.jsonl").write_text(lines, encoding="utf-8")
        (src / "sub" / "b.json").write_text('{"text": "£5 ater talks / 1.10"}\n', encoding="utf-8")
    else:
        schema = pa.schema([("id", pa.int32()), ("text", pa.string())])
        for name in ("a.parquet", "sub/b.parquet"):
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), src / name)
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        result = subprocess.run([*command(), "fix", str(src), "--engine", engine, "-j", "2", "-o", str(out),
                                 "--on-error", "skip", "--report", str(tmp_path / f"{engine}.json")],
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == (1 if fmt == "jsonl" else 0), result.stderr[-2000:]
        outputs[engine] = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert outputs["ray"] == outputs["local"]  # names, suffixes, bytes (and so the Parquet schema) alike
    assert len(outputs["ray"]) == 2
    reports = {e: json.loads((tmp_path / f"{e}.json").read_text(encoding="utf-8")) for e in ("local", "ray")}
    for key in ("documents", "characters", "edits", "files_changed", "skipped"):
        assert reports["ray"][key] == reports["local"][key], key
    assert reports["ray"]["edits"]["ligatures"]


def test_a_bad_line_stops_the_ray_engine_with_the_local_engines_message(tmp_path, ray_installed):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"text": "ater"}\n[1]\n', encoding="utf-8")
    result = subprocess.run([*command(), "fix", str(tmp_path / "in"), "--engine", "ray", "-j", "1",
                             "-o", str(tmp_path / "out")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert f"cleanwire: error: {tmp_path / 'in' / 'a.jsonl'}:2: a JSON list, not an object" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out" / "a.jsonl").exists()
