"""No input text may stall a batch or crash a document (issue 12 items 3 and 4).

The pathological inputs of the issue go through the batch CLI with a small
per-document time budget: each one finishes (facts or its own error line) and
the good document after it is written. The budget is the only time bound here:
nothing asserts how long anything took.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal

import pytest
from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app
from zhfacts.extract import batch
from zhfacts.extract.batch import DocInput, process_one
from zhfacts.extract.values import MAX_MAGNITUDE

GOOD = "截至今年6月底，我国在用算力中心标准机架达1085万架。\n"


def run_cli(args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def pathological() -> dict[str, str]:
    return {
        "digits16k": "营收" + "1" * 16000 + "元",  # quadratic vetoes: 17 s, x4 per doubling
        "numerals": "一二三四五六七八九十" * 10_000,  # over a minute
        "ones200k": "1" * 200_000,  # past 120 s
        "line180k": ("我国算力规模达到100EFLOPS，同比增长30%，" * 8000)[:180_000],  # 7.6 s
        "single15mb": ("数据中心机架达1085万架，" * 600_000)[: 15 * 1024 * 1024 // 3],  # a 15 MB line
    }


def test_pathological_inputs_finish_and_the_batch_goes_on(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    names = []
    for i, (name, text) in enumerate(pathological().items()):
        (d / f"{i}_{name}.txt").write_text(text, encoding="utf-8")
        names.append(f"{i}_{name}")
    (d / "9_good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli(["extract", d, "-o", out, "--timeout", "8", "--workers", "2", "-q"])
    assert r.exit_code in (0, 1), r.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    errors = [x for x in r.stderr.splitlines() if x.startswith("error[")]
    for name in names:
        mine = [e for e in errors if f"{name}.txt" in e]
        assert len(mine) <= 1
        if mine:  # over the budget: its own error code, nothing else
            assert mine[0].startswith("error[E106]"), mine[0]
            assert not [x for x in recs if x["doc"] == name]
    # the good document after them is written, last (output order kept)
    assert recs and recs[-1]["doc"] == "9_good" and recs[-1]["value"] == 10850000
    docs = [x["doc"] for x in recs]
    assert docs == sorted(docs)
    for x in recs:
        assert abs(Decimal(str(x["value"]))) < Decimal(10) ** MAX_MAGNITUDE


def test_a_document_over_the_time_budget_gets_e106(monkeypatch):
    def slow(item):
        while True:  # would never end
            pass

    res = process_one(0, DocInput("-", "slow", data=b"x", timeout=0.2), slow)
    assert res.error is not None and res.error.code == "E106" and "time budget" in res.error.message
    # the timer is gone: the next document runs normally
    ok = process_one(1, DocInput("-", "ok", data=GOOD.encode(), timeout=30))
    assert ok.ok and ok.records


def test_the_time_budget_holds_off_the_main_thread():
    """A Dask worker or an application runs documents in threads, where no SIGALRM
    arrives: the budget still stops a stalling document there."""
    from concurrent.futures import ThreadPoolExecutor

    def slow(item):
        while True:  # would never end
            pass

    with ThreadPoolExecutor(1) as pool:
        res = pool.submit(process_one, 0, DocInput("-", "slow", data=b"x", timeout=0.2), slow).result()
        assert res.error is not None and res.error.code == "E106" and "time budget" in res.error.message
        # the watchdog is gone: the next document in the same thread runs normally
        ok = pool.submit(process_one, 1, DocInput("-", "ok", data=GOOD.encode(), timeout=30)).result()
    assert ok.ok and ok.records


def _swallows_now_and_then(item):
    """A document that never ends, half of whose work runs under a catch-all that goes on
    (a library's fallback, a parser's catch-all around one call): an expiry that lands there is
    swallowed."""
    while True:  # would never end
        try:
            sum(range(20_000))
        except Exception:  # noqa: BLE001 - what such code does
            pass
        sum(range(20_000))


@pytest.mark.parametrize("in_thread", [False, True], ids=["main thread (SIGALRM)", "other thread (watchdog)"])
def test_a_swallowed_expiry_is_raised_again(in_thread):
    """The budget is raised again until the document has left it: one catch-all cannot keep a
    document running past its budget (the pathological-input test hung that way now and then)."""
    from concurrent.futures import ThreadPoolExecutor

    item = DocInput("-", "swallows", data=b"x", timeout=0.2)
    if in_thread:
        with ThreadPoolExecutor(1) as pool:
            res = pool.submit(process_one, 0, item, _swallows_now_and_then).result()
    else:
        res = process_one(0, item, _swallows_now_and_then)
    assert res.error is not None and res.error.code == "E106"
    ok = process_one(1, DocInput("-", "ok", data=GOOD.encode(), timeout=30))
    assert ok.ok and ok.records


def test_size_budget(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(GOOD * 10, encoding="utf-8")
    r = run_cli(["extract", p, "--max-bytes", "100"])
    assert r.exit_code == 1 and r.stderr.startswith(f"error[E104] {p}:") and "--max-bytes" in r.stderr


@pytest.mark.parametrize("text, expect", [
    ("用户数破亿一年后，公司营收达5亿元", [500000000]),
    ("公司在亿一座数据中心", None),
    ("占比万十五%", None),
    ("新增服务器百千十六台", None),
])
def test_numerals_cn2an_cannot_read_never_fail_the_document(text, expect):
    recs = zhfacts.extract(text, doc="x")
    values = [r["value"] for r in recs]
    if expect is not None:  # the document's other values are still read
        assert set(expect) <= set(values)
    json.dumps(recs)


def test_chained_multipliers_are_refused_not_a_writer_crash(tmp_path):
    chain = "营收达1" + "亿" * 30 + "元，同比增长5%。\n"
    recs = zhfacts.extract(chain, doc="x")
    assert [(r["value"], r["unit"]) for r in recs] == [(5, "%")]
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_chain.txt").write_text(chain, encoding="utf-8")
    (d / "b_digits.txt").write_text("营收" + "9" * 5000 + "元。\n", encoding="utf-8")
    (d / "c_good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = run_cli(["extract", d, "-o", out, "-q"])
    assert r.exit_code == 0, r.output
    docs = [json.loads(x)["doc"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert docs == ["a_chain", "c_good"]


def test_a_record_the_writer_cannot_write_fails_its_document_only(tmp_path, monkeypatch):
    def huge(item):
        return [{"doc": item.doc, "value": 10 ** 5000}] if item.doc == "bad" else [{"doc": item.doc, "value": 1}]

    monkeypatch.setattr(batch, "extract_input", huge)
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a", "bad", "c"):
        (d / f"{name}.txt").write_text("x", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = run_cli(["extract", d, "-o", out, "-q"])
    assert r.exit_code == 1
    assert [json.loads(x)["doc"] for x in out.read_text(encoding="utf-8").splitlines()] == ["a", "c"]
    assert [x.split("]")[0] for x in r.stderr.splitlines() if x.startswith("error[")] == ["error[E999"]


@pytest.mark.parametrize("text", [
    "营收3亿元\udce5，增长5%\ud800。",  # lone surrogates (a str decoded with surrogateescape)
    "部署服务器1万台\n\udcff\udcfe\n全年增长12%。",  # a line of them: its width is read from the original
])
def test_lone_surrogates_in_a_str_never_crash_extract(text):
    """The Python API takes any str: a lone surrogate reads as U+FFFD, spans still point into the input."""
    records = zhfacts.extract(text, doc="x")
    assert [r["text"] for r in records] == [text[r["span"][0]:r["span"][1]] for r in records]
    assert {r["unit"] for r in records} >= {"%"}
    assert "\ufffd" in zhfacts.normalize(text).text
