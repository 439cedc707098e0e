"""Files in stores, through fsspec: an in-memory file system in process, and S3 on a real local server (moto)."""

import json
import os
import subprocess

import pytest

import cleanwire
from cleanwire import batch, errors
from tests.test_cli import command

fsspec = pytest.importorskip("fsspec", reason="fsspec is a dependency of cleanwire")

DAMAGED = '{"id": 1, "n": 1.10, "text": "Talks ended ater three atempts."}\n'
CLEANED = '{"id": 1, "n": 1.10, "text": "Talks ended after three attempts."}\n'


@pytest.fixture
def memory():
    fs = fsspec.filesystem("memory")
    fs.store.clear()
    yield fs
    fs.store.clear()


def test_a_store_folder_is_cleaned_into_a_mirrored_store_folder(memory):
    memory.pipe("/in/a.jsonl", DAMAGED.encode())
    memory.pipe("/in/sub/b.txt", b"The atacks stopped.\n")
    memory.pipe("/in/.hidden.txt", b"ater\n")
    report = batch.fix(batch.make_plan(paths=["memory://in"], output="memory://out"))
    assert memory.cat("/out/a.jsonl").decode() == CLEANED  # every other byte of the line as written
    assert memory.cat("/out/sub/b.txt") == b"The attacks stopped.\n"
    assert not memory.exists("/out/.hidden.txt") and report.documents == 2


def test_a_failed_run_leaves_no_object_behind(memory):
    memory.pipe("/in/a.jsonl", (DAMAGED + "[1]\n").encode())
    with pytest.raises(errors.InputError, match="a.jsonl:2"):
        batch.fix(batch.make_plan(paths=["memory://in/a.jsonl"], output="memory://out/a.jsonl"))
    assert not memory.exists("/out/a.jsonl")


def test_in_place_on_a_store_is_refused(memory):
    memory.pipe("/in/a.txt", b"ater\n")
    with pytest.raises(errors.UsageError, match="--in-place replaces local files only"):
        batch.make_plan(paths=["memory://in/a.txt"], in_place=True)


@pytest.fixture
def s3_server():
    pytest.importorskip("s3fs", reason="s3:// needs s3fs: pip install 'cleanwire[s3]'")
    moto_server = pytest.importorskip("moto.server", reason="the S3 test server is moto's: pip install 'moto[server]'")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
           "FSSPEC_S3_ENDPOINT_URL": f"http://{host}:{port}"}
    yield env
    server.stop()


def test_the_command_cleans_an_s3_folder_on_a_real_server(s3_server):
    import s3fs

    s3 = s3fs.S3FileSystem(key="test", secret="test", endpoint_url=s3_server["FSSPEC_S3_ENDPOINT_URL"])
    s3.mkdir("news")
    s3.pipe("news/in/a.jsonl", DAMAGED.encode())
    s3.pipe("news/in/b.txt.gz", __import__("gzip").compress(b"The atacks stopped.\n"))
    result = subprocess.run([*command(), "fix", "s3://news/in", "-o", "s3://news/out", "--report", "s3://news/r.json"],
                            capture_output=True, text=True, env=s3_server, timeout=300)
    assert result.returncode == 0, result.stderr
    s3.invalidate_cache()
    assert s3.cat("news/out/a.jsonl").decode() == CLEANED
    assert __import__("gzip").decompress(s3.cat("news/out/b.txt.gz")) == b"The attacks stopped.\n"
    assert json.loads(s3.cat("news/r.json"))["documents"] == 2
    assert cleanwire.clean("The atacks stopped.") == "The attacks stopped."
