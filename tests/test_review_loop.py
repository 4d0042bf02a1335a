"""From a reviewed fact to a regression test (issue 13 items 1-3, without the browser):
``golden add`` merges corrections, Label Studio tasks round-trip a golden set, and
``eval --save-run`` / ``--baseline`` show what changed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app
from zhfacts.evaluate.golden import load_golden
from zhfacts.review.labelstudio import _utf16_offsets, read_export, regions

ROOT = Path(__file__).resolve().parents[1]


def run(args, **kw):
    return CliRunner().invoke(app, args, catch_exceptions=False, **kw)


def write_jsonl(path: Path, recs) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


TEXT = "算力报告\r\n\r\n截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\r\n"


def fact(text, value, unit, **kw):
    s = TEXT.index(text)
    base = {"doc": "demo", "entity": "中国", "metric": "在用算力中心标准机架", "value": value, "unit": unit,
            "qualifier": "=", "date": "2025-06", "kind": "actual", "span": [s, s + len(text)], "text": text}
    return {**base, **kw}


@pytest.fixture
def sources(tmp_path) -> Path:
    d = tmp_path / "src"
    d.mkdir()
    (d / "demo.txt").write_bytes(TEXT.encode("utf-8"))
    return d


def test_golden_add_creates_a_document_with_its_article_and_date(tmp_path, sources):
    golden = tmp_path / "golden"
    corr = write_jsonl(tmp_path / "c.jsonl", [fact("788EFLOPS", 788, "EFLOPS", metric="智能算力规模", rule="x",
                                                   warnings=["w"]), fact("1085万架", 10850000, "架")])
    r = run(["golden", "add", str(corr), "--golden", str(golden), "--sources", str(sources),
             "--published", "2025-09-02"])
    assert r.exit_code == 0, r.output
    assert (golden / "sources" / "demo.txt").read_bytes() == TEXT.encode("utf-8")  # \r\n kept: spans stay right
    gs = load_golden(golden)
    assert gs.errors == []
    assert gs.docs["demo"].published == "2025-09-02"
    recs = gs.docs["demo"].records
    assert [r["text"] for r in recs] == ["1085万架", "788EFLOPS"]  # sorted by span
    assert "rule" not in recs[1] and "warnings" not in recs[1]
    # a second correction at the same span replaces; a new span is added
    corr2 = write_jsonl(tmp_path / "c2.jsonl", [fact("1085万架", 10850000, "架", entity="全国")])
    r = run(["golden", "add", str(corr2), "--golden", str(golden)])
    assert r.exit_code == 0, r.output
    assert "demo: 1 written, 1 replaced, 1 kept" in r.stdout
    recs = load_golden(golden).docs["demo"].records
    assert [x["entity"] for x in recs] == ["全国", "中国"]


def test_golden_add_refuses_a_span_mismatch_and_writes_nothing(tmp_path, sources):
    golden = tmp_path / "golden"
    bad = fact("1085万架", 10850000, "架")
    bad["span"] = [bad["span"][0] - 2, bad["span"][1] - 2]  # counted without the \r of \r\n
    corr = write_jsonl(tmp_path / "c.jsonl", [bad])
    r = CliRunner().invoke(app, ["golden", "add", str(corr), "--golden", str(golden), "--sources", str(sources)])
    assert r.exit_code == 2
    assert "error[E300]" in r.stderr and "nothing written" in r.stderr and "'1085万架' is at" in r.stderr
    assert not golden.exists()


def test_golden_add_checks_the_contract(tmp_path, sources):
    corr = write_jsonl(tmp_path / "c.jsonl", [fact("1085万架", 10850000, "架", qualifier="about", kind="guess")])
    r = CliRunner().invoke(app, ["golden", "add", str(corr), "--golden", str(tmp_path / "g"), "--sources", str(sources)])
    assert r.exit_code == 2 and "qualifier" in r.stderr and "kind" in r.stderr


def test_label_studio_offsets_count_utf16_units():
    text = "𠀀达5台"  # a CJK extension B character is two UTF-16 units
    assert _utf16_offsets(text) == [0, 2, 3, 4, 5]
    res = regions([{"doc": "d", "entity": "甲", "metric": "台数", "value": 5, "unit": "台", "qualifier": "=",
                    "date": None, "kind": "actual", "span": [2, 4], "text": "5台"}], text)
    label = res[0]
    assert label["type"] == "labels" and label["value"]["start"] == 3 and label["value"]["end"] == 5
    assert {r["from_name"] for r in res} == {"fact", "entity", "metric", "value", "unit", "qualifier"}
    assert len({r["id"] for r in res}) == 1  # the fields are per-region: one id


def test_label_studio_round_trip_leaves_the_golden_set_unchanged(tmp_path):
    out = tmp_path / "tasks.json"
    r = run(["export", "--format", "label-studio", "--golden", str(ROOT / "golden"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert (tmp_path / "tasks.label_config.xml").read_text(encoding="utf-8").startswith("<View>")
    # what Label Studio exports after an annotator submits the pre-annotations unchanged
    for t in tasks:
        t["annotations"] = [{"id": 1, "result": t["predictions"][0]["result"], "was_cancelled": False}]
    export = tmp_path / "ls_export.json"
    export.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")

    golden = tmp_path / "golden"
    shutil.copytree(ROOT / "golden", golden)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")  # docs.tsv points at ../seeds
    before = {p.name: p.read_bytes() for p in golden.iterdir() if p.is_file()}
    r = run(["golden", "import", str(export), "--golden", str(golden)])
    assert r.exit_code == 0, r.output
    after = {p.name: p.read_bytes() for p in golden.iterdir() if p.is_file()}
    assert after == before

    # into an empty directory: a self-contained golden set with the same records
    fresh = tmp_path / "fresh"
    r = run(["golden", "import", str(export), "--golden", str(fresh)])
    assert r.exit_code == 0, r.output
    gs = load_golden(fresh)
    assert gs.errors == []
    orig = load_golden(ROOT / "golden")
    assert gs.records() == orig.records()
    assert {d: g.published for d, g in gs.docs.items()} == {d: g.published for d, g in orig.docs.items()}


def test_label_studio_import_reads_edits_and_skips_unannotated_tasks(tmp_path):
    text = "甲公司服务器达300台。"
    tasks = [{"data": {"text": text, "doc": "d1", "published": "2025-01-02"},
              "annotations": [{"was_cancelled": False, "result": [
                  {"id": "r1", "from_name": "fact", "to_name": "text", "type": "labels",
                   "value": {"start": 7, "end": 11, "text": "300台", "labels": ["forecast"]}},
                  {"id": "r1", "from_name": "entity", "to_name": "text", "type": "textarea",
                   "value": {"start": 7, "end": 11, "text": ["甲公司"]}},
                  {"id": "r1", "from_name": "metric", "to_name": "text", "type": "textarea",
                   "value": {"start": 7, "end": 11, "text": ["服务器"]}},
                  {"id": "r1", "from_name": "value", "to_name": "text", "type": "textarea",
                   "value": {"start": 7, "end": 11, "text": ["300"]}},
                  {"id": "r1", "from_name": "unit", "to_name": "text", "type": "textarea",
                   "value": {"start": 7, "end": 11, "text": ["台"]}},
                  {"id": "r1", "from_name": "qualifier", "to_name": "text", "type": "choices",
                   "value": {"start": 7, "end": 11, "choices": [">"]}}]}]},
             {"data": {"text": text, "doc": "d2"}, "annotations": []}]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    docs, notes = read_export(path)
    assert [d.doc for d in docs] == ["d1"] and "d2" in notes[0]
    assert docs[0].records == [{"doc": "d1", "entity": "甲公司", "metric": "服务器", "value": 300, "unit": "台",
                                "qualifier": ">", "date": None, "kind": "forecast", "span": [7, 11], "text": "300台"}]


def test_eval_baseline_shows_facts_gained_and_lost(tmp_path):
    golden = tmp_path / "golden"
    shutil.copytree(ROOT / "golden", golden)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    # predictions = the golden facts of two documents; the later run loses one fact and gains a spurious one
    docs = sorted(p.stem for p in golden.glob("*.jsonl"))[:2]
    recs = [json.loads(line) for d in docs for line in (golden / f"{d}.jsonl").read_text(encoding="utf-8").splitlines()]
    recs = [r for r in recs if not r.get("optional")]
    pred1 = write_jsonl(tmp_path / "p1.jsonl", recs)
    lost = recs[0]
    spurious = {**recs[1], "value": 123456, "text": recs[1]["text"]}
    pred2 = write_jsonl(tmp_path / "p2.jsonl", recs[1:] + [spurious])
    run_file = tmp_path / "run.json"
    r = run(["eval", "--golden", str(golden), "--pred", str(pred1), "--save-run", str(run_file)])
    assert r.exit_code == 0 and run_file.exists()
    r = run(["eval", "--golden", str(golden), "--pred", str(pred2), "--baseline", str(run_file), "--json"])
    obj = json.loads(r.stdout)
    strict = obj["baseline"]["views"]["strict"]
    assert len(strict["lost"]) == 1 and lost["text"] in strict["lost"][0] and lost["doc"] in strict["lost"][0]
    assert strict["gained"] == [] and len(strict["new_spurious"]) == 1 and "123456" in strict["new_spurious"][0]
    assert strict["delta"] < 0
    per_doc = obj["baseline"]["per_doc"][lost["doc"]]
    assert per_doc["f1_after"]["strict"] < per_doc["f1_before"]["strict"] == 1.0
    r = run(["eval", "--golden", str(golden), "--pred", str(pred2), "--baseline", str(run_file)])
    text = r.stdout
    assert "AGAINST THE BASELINE" in text and "LOST (1, strict)" in text and "NEW SPURIOUS (1, strict)" in text
    assert "against the baseline" in text.splitlines()[-1]
    # the same predictions again: nothing changed
    r = run(["eval", "--golden", str(golden), "--pred", str(pred1), "--baseline", str(run_file), "--json"])
    s = json.loads(r.stdout)["baseline"]["views"]["strict"]
    assert (s["gained"], s["lost"], s["new_spurious"], s["fixed_spurious"], s["delta"]) == ([], [], [], [], 0)
