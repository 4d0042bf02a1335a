"""The smaller cases of issue 12 item 6, one test each."""
from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app

GOOD = "截至今年6月底，我国在用算力中心标准机架达1085万架。\n"


def run_cli(args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_an_unlistable_directory_is_one_error_and_the_batch_goes_on(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    real = Path.iterdir

    def iterdir(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    import os

    real_listdir = os.listdir

    def listdir(p="."):
        if Path(p) == locked:
            raise PermissionError(13, "Permission denied")
        return real_listdir(p)

    monkeypatch.setattr(os, "listdir", listdir)
    out = tmp_path / "o.jsonl"
    r = run_cli(["extract", locked, tmp_path / "good.txt", "-o", out, "-q"])
    assert r.exit_code == 1
    errors = [x for x in r.stderr.splitlines() if x.startswith("error[")]
    assert errors == [f"error[E105] {locked}: cannot list the directory: Permission denied"]
    assert [json.loads(x)["doc"] for x in out.read_text(encoding="utf-8").splitlines()] == ["good"]


def test_review_page_ids_differ_for_a_b_and_a_underscore_b(tmp_path):
    for name in ("a b.txt", "a_b.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    page = tmp_path / "page.html"
    r = run_cli(["extract", tmp_path / "a b.txt", tmp_path / "a_b.txt", "-o", tmp_path / "o.jsonl",
                 "--html", page, "-q"])
    assert r.exit_code == 0, r.output
    html = page.read_text(encoding="utf-8")
    ids = re.findall(r'<mark id="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2


def test_a_file_name_with_a_newline_cannot_forge_an_error_line(tmp_path):
    forged = tmp_path / "x\nerror[E101] forged.txt"
    forged.write_text("", encoding="utf-8")  # empty: one real error
    r = run_cli(["extract", forged, "-q"])
    assert r.exit_code == 1
    lines = [x for x in r.stderr.splitlines() if x.startswith("error[")]
    assert len(lines) == 1 and lines[0].startswith("error[E101]") and "\\nerror[E101] forged.txt" in lines[0]


def test_documents_with_the_same_stem_are_not_merged(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>智能算力规模达788EFLOPS。</p>", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = run_cli(["extract", tmp_path, "-o", out])
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    docs = {r_["doc"] for r_ in recs}
    assert len(docs) == 2 and "a" in docs  # the second one got its own id
    assert "doc id" in r.stderr  # and the user is told


def test_a_sentence_repeated_on_one_line_keeps_both_copies():
    sentence = "截至今年6月底，我国在用算力中心标准机架达1085万架。"
    recs = zhfacts.extract(sentence + sentence + "\n", doc="x")
    assert [(r["span"], r["text"]) for r in recs] == [([21, 27], "1085万架"), ([49, 55], "1085万架")]


def test_a_doubled_title_is_still_a_header():
    doc = zhfacts.normalize("算力大会在京召开 算力大会在京召开\n正文：智能算力规模达788EFLOPS。\n")
    assert [r.rule for r in doc.removed] == ["header.doubled_title"]


def test_a_speakers_name_is_never_a_metric():
    # 黄志明预计…670亿元赤字: the speaker before the cue is no quantity (contract 1a: a noun phrase, never a name)
    recs = zhfacts.extract("黄志明预计2025/26年度由原来670亿元赤字。", published="2026-02-26", doc="t")
    assert [r["value"] for r in recs] == [67000000000]
    assert recs[0]["metric"] != "黄志明" and "赤字" in recs[0]["metric"]
    # a two-character word jieba reads as a name (毛利) stays a metric
    recs = zhfacts.extract("期内收入为46.2亿元；毛利12.9亿元。", published="2026-02-26", doc="t")
    assert [r["metric"] for r in recs] == ["收入", "毛利"]


def test_a_metric_never_spans_a_sentence_end():
    from zhfacts.extract.facts import within_sentence

    assert within_sentence("连续数年稳居世界第二。数字经济占GDP的比重") == "数字经济占GDP的比重"
    assert within_sentence("营收！同比增长") == "同比增长"
    assert within_sentence("数字经济规模") == "数字经济规模"
    assert within_sentence("增长。率") == "增长。率"  # (fewer than two characters after it: kept whole)
