"""The HTML review page (issue 4 item 1), without a browser: structure, escaping,
overlaps, golden marks, self-containment, CLI. The browser test is
test_review_browser.py.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zhfacts.review import page as review
from zhfacts.cli import app
from zhfacts.review.page import Mark, ReviewDoc, _TextRenderer, build_doc, render_page

SOURCE = ("标题：算力规模达788EFLOPS\r\n"
          "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\r\n"
          "<b>注意</b> & 其他：存力总规模超过1680EB。\r\n"
          "责任编辑：某某\r\n")


def rec(doc: str, text: str, *, source: str = SOURCE, nth: int = 0, **kw) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    r = {"doc": doc, "entity": "中国", "metric": kw.pop("metric", "规模"), "value": kw.pop("value", 1),
         "unit": kw.pop("unit", ""), "qualifier": "=", "date": kw.pop("date", None), "kind": kw.pop("kind", "actual"),
         "span": [start, start + len(text)], "text": text, "rule": "test.rule"}
    r.update(kw)
    return r


class Marks(HTMLParser):
    """Collects every highlight (id, attrs, classes, inner text) and the full text of .doc-text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.open: list[dict] = []
        self.marks: list[dict] = []
        self.in_text = 0
        self.text: list[str] = []
        self.rows: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append((tag, a))
        if "doc-text" in (a.get("class") or "").split():
            self.in_text = len(self.stack)
        if tag == "mark":
            m = {"attrs": a, "classes": (a.get("class") or "").split(), "text": []}
            self.marks.append(m)
            self.open.append(m)
        if tag == "tr" and "data-target" in a:
            self.rows.append(a)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            if tag == "mark":
                self.open.pop()
            if self.in_text == len(self.stack):
                self.in_text = 0
            self.stack.pop()

    def handle_data(self, data):
        if self.in_text:
            self.text.append(data)
            for m in self.open:
                m["text"].append(data)


def parse(page: str) -> Marks:
    p = Marks()
    p.feed(page)
    p.close()
    for m in p.marks:
        m["text"] = "".join(m["text"])
    return p


def page_for(records, *, source=SOURCE, golden=None, removed=()) -> str:
    d = ReviewDoc(doc="doc1", original=source, records=records, golden=golden, removed=list(removed))
    build_doc(d)
    return render_page([d], golden_mode=golden is not None)


# --------------------------------------------------------------------------- structure

def test_one_highlight_per_fact_around_its_span_text():
    recs = [rec("doc1", "1085万架", value=10850000, unit="架"), rec("doc1", "788EFLOPS", nth=1, value=788),
            rec("doc1", "788EFLOPS", value=788, warnings=["unit looks lost"])]
    p = parse(page_for(recs))
    facts = [m for m in p.marks if "data-fact-id" in m["attrs"]]
    assert len(facts) == 3
    assert sorted(m["attrs"]["data-fact-id"] for m in facts) == ["doc1:0", "doc1:1", "doc1:2"]
    for m in facts:
        i = int(m["attrs"]["data-fact-id"].split(":")[1])
        assert m["text"] == recs[i]["text"]
    # the page text is the original, unchanged (\r\n kept: offsets are into it)
    assert "".join(p.text) == SOURCE


def test_kind_colours_and_warning_style():
    recs = [rec("doc1", "1085万架", kind="actual"), rec("doc1", "1680EB", kind="forecast", warnings=["x"]),
            rec("doc1", "788EFLOPS", nth=1, kind="target")]
    p = parse(page_for(recs))
    by_id = {m["attrs"]["data-fact-id"]: m["classes"] for m in p.marks}
    assert "k-actual" in by_id["doc1:0"] and "warn" not in by_id["doc1:0"]
    assert "k-forecast" in by_id["doc1:1"] and "warn" in by_id["doc1:1"]
    assert "k-target" in by_id["doc1:2"]


def test_rows_with_warnings_come_first_and_point_at_their_highlight():
    recs = [rec("doc1", "1085万架"), rec("doc1", "788EFLOPS", nth=1), rec("doc1", "1680EB", warnings=["doubt"])]
    p = parse(page_for(recs))
    targets = [r["data-target"] for r in p.rows]
    ids = {m["attrs"]["id"]: m["attrs"]["data-fact-id"] for m in p.marks}
    assert [ids[t] for t in targets] == ["doc1:2", "doc1:0", "doc1:1"]
    assert "has-warn" in p.rows[0]["class"]


def test_text_and_fields_are_escaped():
    src = "<script>alert(1)</script> 数量达3台 & \"引号\" </b>"
    r = rec("doc1", "3台", source=src, entity="<img src=x onerror=alert(1)>", warnings=["</script><script>alert(2)"])
    page = page_for([r], source=src)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert page.count("<script") == 4  # three JSON data blocks and the page's own script
    p = parse(page)
    assert "".join(p.text) == src
    data = re.search(r'<script type="application/json" id="zf-data">(.*?)</script>', page, re.S).group(1)
    tips = json.loads(data)
    assert next(iter(tips.values()))["warnings"] == ["</script><script>alert(2)"]


def test_page_is_self_contained():
    page = page_for([rec("doc1", "1085万架")])
    assert not re.search(r'<(script|img|iframe|link)[^>]+(src|href)="(https?:)?//', page)
    assert "<link rel=\"stylesheet\"" not in page
    assert "@import" not in page and "url(http" not in page
    assert "<style>" in page and "<script>" in page


def test_removed_boilerplate_is_greyed():
    start = SOURCE.index("责任编辑")
    p = page_for([rec("doc1", "1085万架")], removed=[(start, len(SOURCE) - 2, "byline")])
    assert re.search(r'<span class="rm" data-removed="byline"[^>]*>责任编辑：某某</span>', p)


def test_overlapping_spans_stay_one_element_each():
    s = SOURCE.index("1085万架")
    recs = [
        {**rec("doc1", "1085万架"), "span": [s, s + 6]},   # 1085万架
        {**rec("doc1", "1085万架"), "span": [s, s + 6]},   # the same span twice
        {**rec("doc1", "1085万"), "span": [s, s + 5]},     # nested
        {**rec("doc1", "万架，智"), "span": [s + 4, s + 8]},  # crossing the first
        {**rec("doc1", ""), "span": [s + 2, s + 2]},      # empty
    ]
    p = parse(page_for(recs))
    facts = {m["attrs"]["data-fact-id"]: m for m in p.marks}
    assert len(facts) == 5
    assert facts["doc1:0"]["text"] == "1085万架"
    assert facts["doc1:2"]["text"] == "1085万"
    assert "clipped" in facts["doc1:3"]["classes"]
    assert "empty" in facts["doc1:4"]["classes"]
    assert "".join(p.text) == SOURCE


def test_bad_spans_are_drawn_and_flagged():
    recs = [{**rec("doc1", "1085万架"), "text": "1085万"}, {**rec("doc1", "1680EB"), "span": [10, 10**6]},
            {**rec("doc1", "1680EB"), "span": "nonsense"}]
    p = parse(page_for(recs))
    assert len(p.marks) == 3
    assert all("badspan" in m["classes"] for m in p.marks)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab算力\r\n<&>", min_size=0, max_size=40),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from(["markup", "byline", "header"])),
                max_size=5))
def test_any_spans_render_every_fact_once_and_keep_the_text(text, spans, regions):
    marks = []
    for i, (a, b) in enumerate(spans):
        a, b = min(a, b, len(text)), min(max(a, b), len(text))
        marks.append(Mark("fact", i, f"f{i}", f"d:{i}", {"kind": "actual"}, a, b))
    regions = [(min(a, b, len(text)), min(max(a, b), len(text)), k) for a, b, k in regions]
    renderer = _TextRenderer(text, regions)
    pieces = renderer.rm
    assert all(p[0] < p[1] for p in pieces) and all(x[1] <= y[0] for x, y in zip(pieces, pieces[1:]))
    covered = {i for a, b, _ in regions for i in range(a, b)}
    assert {i for a, b, _ in pieces for i in range(a, b)} == covered
    out = renderer.render(marks)
    p = parse(f'<div class="doc-text">{out}</div>')
    assert "".join(p.text) == text
    assert sorted(m["attrs"]["data-fact-id"] for m in p.marks) == sorted(f"d:{i}" for i in range(len(spans)))
    for m in p.marks:
        i = int(m["attrs"]["data-fact-id"].split(":")[1])
        mk = marks[i]
        if not mk.clipped:
            assert m["text"] == text[mk.start:mk.end]


# --------------------------------------------------------------------------- golden

def test_golden_marks_spurious_and_missed():
    gold = [rec("doc1", "1085万架", value=10850000, unit="架", metric="标准机架", date="2025-06"),
            rec("doc1", "788EFLOPS", nth=1, value=788, unit="EFLOPS", metric="智能算力规模", date="2025-06"),
            rec("doc1", "1680EB", value=1680, unit="EB", metric="存力总规模", optional=True)]
    preds = [rec("doc1", "1085万架", value=10850000, unit="架", metric="在用算力中心标准机架", date="2025-06"),
             rec("doc1", "788EFLOPS", value=788, unit="EFLOPS", metric="智能算力规模", date=None)]
    p = parse(page_for(preds, golden=gold))
    facts = {m["attrs"]["data-fact-id"]: m["classes"] for m in p.marks if "data-fact-id" in m["attrs"]}
    golds = [m for m in p.marks if "data-golden-id" in m["attrs"]]
    assert "match" in facts["doc1:0"] and "spurious" in facts["doc1:1"]
    assert len(golds) == 1 and golds[0]["attrs"]["data-golden-id"] == "doc1:g1"  # optional ones are never missed
    assert "missed" in golds[0]["classes"] and golds[0]["text"] == "788EFLOPS"
    page = page_for(preds, golden=gold)
    assert "spurious (no golden match)" in page and "missed golden fact" in page  # legend
    tips = json.loads(re.search(r'id="zf-data">(.*?)</script>', page, re.S).group(1))
    assert "differs in date" in tips["doc1-f1"]["golden"]


# --------------------------------------------------------------------------- CLI

def write_case(tmp_path: Path) -> tuple[Path, Path, list[dict]]:
    src = tmp_path / "src"
    src.mkdir()
    (src / "doc1.txt").write_bytes(SOURCE.encode("utf-8"))
    recs = [rec("doc1", "1085万架", value=10850000, unit="架"), rec("doc1", "1680EB", warnings=["w"])]
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return pred, src, recs


def test_cli_review(tmp_path):
    pred, src, recs = write_case(tmp_path)
    out = tmp_path / "r" / "review.html"
    r = CliRunner().invoke(app, ["review", str(pred), "--sources", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.count("data-fact-id=") == len(recs)
    assert "zhfacts review: 1 document, 2 facts" in r.stderr


def test_cli_review_with_golden(tmp_path):
    pred, src, recs = write_case(tmp_path)
    gold = tmp_path / "golden"
    gold.mkdir()
    g = [rec("doc1", "1085万架", value=10850000, unit="架"), rec("doc1", "788EFLOPS", value=788, unit="EFLOPS")]
    (gold / "doc1.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in g), encoding="utf-8")
    (gold / "docs.tsv").write_text("doc\tpath\tpublished\tevidence\ndoc1\t../src/doc1.txt\t\t\n", encoding="utf-8")
    out = tmp_path / "review.html"
    r = CliRunner().invoke(app, ["review", str(pred), "--sources", str(src), "-o", str(out), "--golden", str(gold)])
    assert r.exit_code == 0, r.output
    p = parse(out.read_text(encoding="utf-8"))
    assert len([m for m in p.marks if "data-golden-id" in m["attrs"]]) == 1
    assert "1 matched, 1 spurious, 1 missed" in r.stderr


def test_cli_review_missing_source_fails_but_writes_the_page(tmp_path):
    pred, src, recs = write_case(tmp_path)
    with pred.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({**recs[0], "doc": "ghost"}, ensure_ascii=False) + "\n")
    out = tmp_path / "review.html"
    r = CliRunner().invoke(app, ["review", str(pred), "--sources", str(src), "-o", str(out)])
    assert r.exit_code == 1
    assert "ghost" in r.stderr and "no source file" in r.stderr
    assert "no source file ghost.*" in out.read_text(encoding="utf-8")


def test_cli_review_bad_jsonl_names_file_and_line(tmp_path):
    pred, src, _ = write_case(tmp_path)
    with pred.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    r = CliRunner().invoke(app, ["review", str(pred), "--sources", str(src), "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2
    assert "error[E310]" in r.stderr and f"{pred}:3: invalid JSON" in r.stderr


def test_source_matched_by_stem_prefers_txt(tmp_path):
    for name in ("a.b.html", "a.b.txt", "a.bc.txt", "a.b.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert review.find_source(tmp_path, "a.b").name == "a.b.txt"
    assert review.find_source(tmp_path, "zzz") is None


def test_html_source_shows_markup_greyed_and_facts_intact():
    src = ("<!DOCTYPE html><html><head><title>t</title><script>var a = '<b>';</script></head><body>"
           "<p>我国在用算力中心标准机架达<b>1085万架</b>。</p></body></html>")
    regions, _ = review.removed_regions(src)
    markup = [src[s:e] for s, e, k in regions if k == "markup"]
    assert "<b>" in markup and "<script>var a = '<b>';</script>" in markup
    page = page_for([rec("doc1", "1085万架", source=src)], source=src, removed=regions)
    p = parse(page)
    assert "".join(p.text) == src
    assert [m["text"] for m in p.marks] == ["1085万架"]


def test_extract_html_normalizes_each_document_once(tmp_path, monkeypatch):
    """--html reuses the extraction's normalization: one normalize call per document, and the
    page shows the same removed regions and normalized text as a page built from scratch."""
    from zhfacts.normalize import normalizer

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[:2]
    calls = []
    real = normalizer.normalize
    monkeypatch.setattr(normalizer, "normalize", lambda *a, **k: calls.append(1) or real(*a, **k))
    out, page = tmp_path / "o.jsonl", tmp_path / "p.html"
    result = CliRunner().invoke(app, ["extract", *map(str, seeds), "-o", str(out), "--html", str(page), "-q"])
    assert result.exit_code == 0, result.output
    assert len(calls) == len(seeds)
    monkeypatch.setattr(normalizer, "normalize", real)
    again = tmp_path / "again.html"
    assert CliRunner().invoke(app, ["review", str(out), "--sources", str(seeds[0].parent), "-o", str(again)]).exit_code == 0
    removed = re.compile(r'class="[^"]*\brm\b[^"]*"')
    assert len(removed.findall(page.read_text(encoding="utf-8"))) == len(removed.findall(again.read_text(encoding="utf-8"))) > 0
