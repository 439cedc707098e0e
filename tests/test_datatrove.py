"""cleanwire as a datatrove pipeline step, in datatrove's own executor."""

from __future__ import annotations

import gzip
import json

import pytest

import cleanwire

pytest.importorskip("datatrove", reason="the datatrove step is an optional extra: pip install 'cleanwire[datatrove]'")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleanwire.datatrove import CleanwireStep  # noqa: E402

TEXTS = ["Talks ended ater three atempts and atacks.", "Nothing to repair here.", "The frst ofcials spoke."]


def test_the_step_cleans_each_text_and_counts_each_rule():
    step = CleanwireStep()
    docs = [Document(text=t, id=str(i)) for i, t in enumerate(TEXTS)]
    out = list(step.run(iter(docs)))
    assert [d.text for d in out] == [cleanwire.clean(t) for t in TEXTS]
    stats = step.stats.to_dict()["stats"]
    assert stats["total"] == 3 and stats["changed"] == 2
    assert stats["ligatures/tt"] == 2 and stats["ligatures/ft"] == 1


def test_a_reference_in_metadata_and_a_chain_without_a_filter():
    step = CleanwireStep(skip=["ligatures"], reference_key="web")
    [doc] = step.run(iter([Document(text="Talks ended ater three atempts.", id="1",
                                    metadata={"web": "Talks ended after three attempts."})]))
    assert doc.text == "Talks ended after three attempts."  # repaired by the reference edition alone


def test_a_bad_setting_fails_when_the_step_is_made():
    with pytest.raises(ValueError, match="setting min_loss_rate=2 is wrong"):
        CleanwireStep(settings={"ligatures": {"min_loss_rate": 2}})


def test_in_datatroves_executor_over_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for part in range(2):
        (src / f"part{part}.jsonl").write_text(
            "".join(json.dumps({"text": t, "id": f"{part}-{i}"}) + "\n" for i, t in enumerate(TEXTS)), encoding="utf-8")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanwireStep(), JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    rows = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl.gz"))
            for line in gzip.open(f, "rt", encoding="utf-8")]
    assert sorted(r["text"] for r in rows) == sorted(cleanwire.clean(t) for t in TEXTS * 2)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    [ours] = [s for s in stats if "cleanwire" in s["name"]]
    assert ours["stats"]["ligatures/tt"] == 4 and ours["stats"]["total"] == 6
