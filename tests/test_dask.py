"""Extraction on a Dask cluster (zhfacts extract --dask): a LocalCluster of two
worker processes started here gives output byte-identical to --workers 1, and a
document that fails is reported, not fatal."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app

if os.environ.get("CI") != "true":
    pytest.importorskip("dask.distributed")  # the test extra installs it; CI must run these

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    cl = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR, death_timeout=60)
    try:
        yield cl
    finally:
        cl.close(timeout=30)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for p in sorted((ROOT / "seeds").glob("*.txt"))[:3] + sorted((ROOT / "devset").glob("*.txt"))[4:6]:
        shutil.copy(p, d / p.name)
    (d / "009_empty.txt").write_bytes(b"")  # fails: empty input
    (d / "010_binary.txt").write_bytes(bytes(range(256)) * 8)  # fails: not text
    return d


def run(args):
    return CliRunner().invoke(app, args, catch_exceptions=False)


def test_dask_output_is_byte_identical_to_one_worker(cluster, corpus, tmp_path):
    one, on_dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    r1 = run(["extract", str(corpus), "-o", str(one), "--workers", "1"])
    page = tmp_path / "review.html"
    r2 = run(["extract", str(corpus), "-o", str(on_dask), "--dask", cluster.scheduler_address, "--html", str(page)])
    assert r1.exit_code == r2.exit_code == 1  # two documents failed, the others are written
    assert one.read_bytes() == on_dask.read_bytes()
    assert one.stat().st_size > 1000
    errors = [line for line in r2.stderr.splitlines() if line.startswith("error[")]
    assert len(errors) == 2 and "009_empty.txt" in errors[0] and "010_binary.txt" in errors[1]
    assert errors == [line for line in r1.stderr.splitlines() if line.startswith("error[")]
    assert "7 documents" in r2.stderr.splitlines()[-1] and "2 errors" in r2.stderr.splitlines()[-1]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("zhfacts-parts-")]  # parts merged and removed
    assert page.stat().st_size > 1000 and "000_4b739b594c7b6569" in page.read_text(encoding="utf-8")


def test_extract_bag_writes_parts_and_merges_them_in_order(cluster, corpus, tmp_path):
    from dask.distributed import Client

    from zhfacts.extract.batch import run_batch
    from zhfacts.extract.dask import extract_bag

    ref = run_batch([str(corpus)], keep=True)
    out = tmp_path / "bag.jsonl"
    parts = tmp_path / "parts"
    with Client(cluster) as client:
        res = extract_bag([str(corpus)], out, scheduler=client, partition_size=2, parts_dir=parts, keep_parts=True,
                          timeout=300)
    (kept,) = list(parts.iterdir())
    assert sorted(p.name for p in kept.iterdir()) == [f"part-{i:09d}.jsonl" for i in (0, 2, 4, 6)]
    assert "".join(p.read_text(encoding="utf-8") for p in sorted(kept.iterdir())) == out.read_text(encoding="utf-8")
    assert (res.documents, res.facts, res.with_warnings) == (ref.documents, ref.facts, ref.with_warnings)
    assert [(e.code, e.path) for e in res.errors] == [(e.code, e.path) for e in ref.errors]
    from zhfacts.extract.batch import record_line

    assert out.read_text(encoding="utf-8") == "".join(record_line(r) for d in ref.results for r in d.records)


def test_unreachable_scheduler_is_a_usage_error(monkeypatch):
    pytest.importorskip("dask.distributed")
    from zhfacts.errors import UsageError
    from zhfacts.extract import dask as on_dask
    from zhfacts.extract.batch import DocInput

    monkeypatch.setattr(on_dask, "CONNECT_TIMEOUT", "1s")
    iter_results = on_dask.iter_results

    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        list(iter_results([DocInput("x.txt", "x")], "tcp://127.0.0.1:9"))


def test_a_stalling_document_on_a_worker_thread_is_reported_not_waited_for(monkeypatch):
    """The per-document time budget holds on Dask's worker threads (no SIGALRM there):
    a document that would never finish is an E106 error and the others are extracted.
    The cluster runs in this process (threads), so the stalling extractor reaches it."""
    from dask.distributed import Client, LocalCluster

    from zhfacts.extract import batch
    from zhfacts.extract.dask import iter_results

    real = batch.extract_input

    def stalls_on_slow(item):
        while item.doc == "slow":  # would never end
            pass
        return real(item)

    monkeypatch.setattr(batch, "extract_input", stalls_on_slow)
    good = (ROOT / "seeds" / sorted(os.listdir(ROOT / "seeds"))[0]).read_bytes()
    items = [batch.DocInput("-", "a", data=good, timeout=60), batch.DocInput("-", "slow", data=b"x", timeout=0.5),
             batch.DocInput("-", "b", data=good, timeout=60)]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as cl, Client(cl) as client:
        results = list(iter_results(items, client, partition_size=1))
    assert [r.input.doc for r in results] == ["a", "slow", "b"]
    assert results[1].error is not None and results[1].error.code == "E106"
    assert results[0].ok and results[2].ok and results[0].jsonl.count("\n") == results[2].jsonl.count("\n") > 0

