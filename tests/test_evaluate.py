"""Scoring by contract section 3 (zhfacts.evaluate) on small hand-made cases, and `zhfacts eval`."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import zhfacts
from zhfacts.evaluate.aliases import canonical_entity, load_aliases, parse_aliases
from zhfacts.cli import app
from zhfacts.errors import RuleError, UsageError
from zhfacts.evaluate.scoring import (
    Scores, canonical_unit, date_equal, entity_equal, evaluate, max_matching, metric_equal, unit_equal, value_equal,
)

VIEW_KEYS = {"p", "r", "f1", "tp", "fp", "fn"}


def rec(value=788, unit="EFLOPS", entity="中国", metric="智能算力规模", date="2025-06", qualifier="=",
        kind="actual", span=(0, 9), doc="d", text=None, **extra):
    r = {"doc": doc, "entity": entity, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier,
         "date": date, "kind": kind, "span": list(span) if span is not None else None, "text": text if text is not None else f"{value}{unit}"}
    r.update(extra)
    return r


def views(res):
    return {v: (s.tp, s.fp, s.fn) for v, s in res.views.items()}


# --------------------------------------------------------------------------- field rules

@pytest.mark.parametrize("a,b", [
    ("兆瓦", "MW"), ("千瓦", "kW"), ("瓦", "W"), ("太字节", "TB"), ("泽字节", "ZB"), ("艾字节", "EB"),
    ("EFlops", "EFLOPS"), ("E", "EFLOPS"), ("人民币", "元"), ("元人民币", "元"), ("人民币元", "元"),
    ("平方米", "m²"), ("平方呎", "ft²"), ("kw", "KW"), ("Tbps", "tbps"), ("", ""), (None, ""), (" 架", "架"),
])
def test_unit_equivalences(a, b):
    assert unit_equal(a, b) and unit_equal(b, a)


@pytest.mark.parametrize("a,b", [("元", "美元"), ("EB", "EFLOPS"), ("PFLOPS", "EFLOPS"), ("%", "pp"), ("架", ""),
                                 ("千瓦", "MW"), ("个", "个月")])
def test_unit_differences(a, b):
    assert not unit_equal(a, b)


def test_canonical_unit_right_hand_forms():
    assert canonical_unit("12E"[-1]) == canonical_unit("EFLOPS") == "eflops"
    assert canonical_unit("人民币元") == "元"


@pytest.mark.parametrize("a,b,ok", [
    (788, 788.0, True), (10850000, 10850000.000001, True), (1e18, 1.0000005e18, True),
    (100, 100.001, False), (0, 0, True), (0, 0.0, True), (0, 1e-12, False), (-5, -5.0000001, True),
    (65, "65", False), (1, True, False), (None, None, False), (float("nan"), float("nan"), False),
])
def test_value_tolerance(a, b, ok):
    assert value_equal(a, b) is ok and value_equal(b, a) is ok


@pytest.mark.parametrize("a,b,ok", [(None, None, True), ("2025", "2025", True), ("2025", "2025-06", False),
                                    (None, "2025", False), ("", None, False), ("2020/2024", "2020/2024", True)])
def test_date_rule(a, b, ok):
    assert date_equal(a, b) is ok


@pytest.mark.parametrize("a,b", [
    ("我国", "中国"), ("全国", "中国"), ("国内", "中国"), ("工信部", "工业和信息化部"),
    ("发改委", "国家发展和改革委员会"), ("国家发展改革委", "国家发展和改革委员会"), ("国家发改委", "发改委"),
    ("中国移动通信集团", "中国移动通讯集团"),  # fuzz.ratio 87.5
    ("华为技术有限公司", "华为技术"),  # contains, shorter has 4 characters
    (" 中国 ", "中国"),
])
def test_entity_matches(a, b):
    assert entity_equal(a, b) and entity_equal(b, a)


@pytest.mark.parametrize("a,b", [
    ("华为", "华为公司"),  # contains, but the shorter has 2 characters; ratio 66.7
    ("中国", "美国"), ("工信部", "发改委"), ("中国", ""), ("北京市", "上海市"),
])
def test_entity_differences(a, b):
    assert not entity_equal(a, b) and not entity_equal(b, a)


def test_metric_partial_ratio_and_alternatives():
    g = {"metric": "智能算力规模", "metric_alt": ["智算规模", "AI算力"]}
    assert metric_equal("智能算力规模", g)
    assert metric_equal("算力规模", g)  # partial_ratio 100
    assert metric_equal("智算总规模", {"metric": "智能算力规模"})  # partial_ratio >= 60
    assert metric_equal("AI算力", g)  # only through metric_alt
    assert not metric_equal("AI算力", {"metric": "智能算力规模"})
    assert not metric_equal("标准机架", g)
    assert not metric_equal("", g)
    assert not metric_equal(None, g)


def test_alias_table_is_data_and_checked():
    table = load_aliases()
    assert table["我国"] == "中国" and table["中国"] == "中国" and table["工信部"] == "工业和信息化部"
    assert canonical_entity("不在表里") == "不在表里"
    assert canonical_entity("信通院", {"信通院": "中国信息通信研究院"}) == "中国信息通信研究院"
    with pytest.raises(RuleError):
        parse_aliases({"entities": {"甲": ["乙"], "丙": ["乙"]}})
    with pytest.raises(RuleError):
        parse_aliases({"entities": {"甲": "乙"}})
    with pytest.raises(RuleError):
        parse_aliases(["甲"])


def test_custom_alias_table_is_used():
    g = [rec(entity="中国信息通信研究院")]
    p = [rec(entity="信通院X")]
    assert evaluate(g, p).strict.tp == 0
    assert evaluate(g, p, aliases={"信通院X": "中国信息通信研究院"}).strict.tp == 1


# --------------------------------------------------------------------------- P, R, F1

def test_scores_zero_denominators():
    both_empty = Scores(0, 0, 0)
    assert (both_empty.p, both_empty.r, both_empty.f1) == (1.0, 1.0, 1.0)
    nothing_found = Scores(0, 0, 3)
    assert (nothing_found.p, nothing_found.r, nothing_found.f1) == (0.0, 0.0, 0.0)
    nothing_to_find = Scores(0, 2, 0)
    assert (nothing_to_find.p, nothing_to_find.r, nothing_to_find.f1) == (0.0, 0.0, 0.0)
    s = Scores(3, 1, 2)
    assert s.p == 0.75 and s.r == 0.6 and s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_empty_evaluation():
    res = evaluate({"d": []}, [])
    assert res.strict.to_json() == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 0, "fp": 0, "fn": 0}
    assert res.qualifier_accuracy is None and res.kind_accuracy is None
    res = evaluate([rec()], [])
    assert res.strict.to_json() == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}


def test_micro_average_over_documents():
    g = {"a": [rec(doc="a"), rec(value=1, doc="a")], "b": [rec(doc="b")]}
    p = [rec(doc="a"), rec(doc="b"), rec(value=5, doc="b")]
    res = evaluate(g, p)
    assert views(res)["strict"] == (2, 1, 1)
    assert res.strict.p == pytest.approx(2 / 3) and res.strict.r == pytest.approx(2 / 3)
    assert res.per_doc["a"].views["strict"].to_json()["r"] == 0.5
    assert res.per_doc["b"].views["strict"].p == 0.5


# --------------------------------------------------------------------------- matching

def test_three_views():
    g = [rec(value=1, span=(0, 1)), rec(value=2, span=(5, 6)), rec(value=3, span=(9, 10))]
    p = [rec(value=1, span=(0, 1)),  # strict
         rec(value=2, entity="美国", span=(5, 6)),  # value+date only
         rec(value=3, date="2024", span=(9, 10))]  # value only
    res = evaluate(g, p)
    assert views(res) == {"strict": (1, 2, 2), "value+date": (2, 1, 1), "value": (3, 0, 0)}


def test_unit_and_value_gate_every_view():
    res = evaluate([rec(value=788, unit="EFLOPS")], [rec(value=788, unit="PFLOPS"), rec(value=789, unit="EFLOPS")])
    assert views(res)["value"] == (0, 2, 1)


def test_unit_equivalence_in_matching():
    g = [rec(value=12, unit="EFLOPS", metric="算力")]
    assert evaluate(g, [rec(value=12, unit="E", metric="算力")]).strict.tp == 1
    g = [rec(value=300, unit="元", metric="价格")]
    assert evaluate(g, [rec(value=300, unit="人民币元", metric="价格")]).strict.tp == 1


def test_null_dates():
    g = [rec(date=None)]
    assert evaluate(g, [rec(date=None)]).strict.tp == 1
    assert views(evaluate(g, [rec(date="2025")]))["strict"] == (0, 1, 1)
    assert evaluate(g, [rec(date="2025")]).views["value"].tp == 1
    assert evaluate([rec(date="2025")], [rec(date=None)]).strict.tp == 0


def test_fuzzy_entity_and_metric():
    g = [rec(entity="中国", metric="智能算力规模", metric_alt=["智算规模"])]
    assert evaluate(g, [rec(entity="我国", metric="智算规模")]).strict.tp == 1
    assert evaluate(g, [rec(entity="全国", metric="算力规模")]).strict.tp == 1
    assert evaluate(g, [rec(entity="中国", metric="机架")]).strict.tp == 0
    g = [rec(entity="中国电信集团有限公司", metric="智算规模")]
    assert evaluate(g, [rec(entity="中国电信集团", metric="智算规模")]).strict.tp == 1  # contains, 6 chars


def test_fact_stated_twice():
    g = [rec(span=(10, 19)), rec(span=(200, 209))]
    one = evaluate(g, [rec(span=(200, 209))])
    assert views(one)["strict"] == (1, 0, 1)
    # the prediction pairs with the mention at its own place: the miss is the other one
    assert [m.golden["span"] for m in one.misses] == [[10, 19]]
    assert one.misses[0].closest is not None and one.misses[0].differs == []
    assert views(evaluate(g, [rec(span=(10, 19)), rec(span=(200, 209))]))["strict"] == (2, 0, 0)
    three = evaluate(g, [rec(span=(10, 19)), rec(span=(200, 209)), rec(span=(300, 309))])
    assert views(three)["strict"] == (2, 1, 0)
    assert [s.prediction["span"] for s in three.spurious] == [[300, 309]]


def test_closer_spans_pair_first():
    g = [rec(span=(0, 5)), rec(span=(100, 105))]
    p = [rec(span=(101, 106)), rec(span=(1, 6))]
    res = evaluate(g, p)
    assert res.per_doc["d"].matches["strict"] == {0: 1, 1: 0}


def test_maximum_matching_beats_greedy():
    # Golden 0 accepts predictions 0 and 1; golden 1 accepts only prediction 0, which is also the
    # closer one to golden 0: greedy (in order, or by distance) pairs golden 0 with prediction 0
    # and leaves golden 1 unmatched. The maximum matching pairs both.
    g = [rec(metric="算力规模", span=(0, 9)), rec(metric="机架数量", span=(50, 59))]
    p = [rec(metric="算力规模机架数量", span=(0, 9)), rec(metric="算力规模", span=(90, 99))]
    res = evaluate(g, p)
    assert views(res)["strict"] == (2, 0, 0)
    assert res.per_doc["d"].matches["strict"] == {0: 1, 1: 0}


def test_max_matching_function():
    assert max_matching([]) == {}
    assert max_matching([(0, 0), (0, 1), (1, 0)]) == {0: 1, 1: 0}
    # a chain where greedy in order would stop at 2 pairs
    m = max_matching([(0, 0), (0, 1), (1, 1), (1, 2), (2, 0)])
    assert len(m) == 3 and len(set(m.values())) == 3


@st.composite
def graphs(draw):
    n = draw(st.integers(0, 5))
    m = draw(st.integers(0, 5))
    edges = draw(st.sets(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(m - 1, 0))), max_size=12))
    edges = {(g, p) for g, p in edges if g < n and p < m}
    required = {g: draw(st.booleans()) for g in range(n)}
    return n, m, edges, required


def _brute(n, m, edges, required):
    best = (0, 0)
    edges = sorted(edges)
    for k in range(len(edges) + 1):
        for sub in itertools.combinations(edges, k):
            gs = [g for g, _ in sub]
            ps = [p for _, p in sub]
            if len(set(gs)) == len(gs) and len(set(ps)) == len(ps):
                best = max(best, (sum(required[g] for g in gs), len(sub)))
    return best


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_matching_is_lexicographically_maximum(graph):
    n, m, edges, required = graph
    result = max_matching(edges, required)
    assert all((g, p) in edges for g, p in result.items())
    assert len(set(result.values())) == len(result)
    assert (sum(required[g] for g in result), len(result)) == _brute(n, m, edges, required)


# --------------------------------------------------------------------------- optional facts

def test_optional_facts_are_neither_rewarded_nor_punished():
    g = [rec(value=1), rec(value=2, optional=True)]
    assert views(evaluate(g, [rec(value=1)]))["strict"] == (1, 0, 0)  # missing optional: no FN
    assert views(evaluate(g, [rec(value=1), rec(value=2)]))["strict"] == (1, 0, 0)  # found optional: no TP, no FP
    assert views(evaluate(g, [rec(value=1), rec(value=2), rec(value=2)]))["strict"] == (1, 1, 0)
    res = evaluate(g, [rec(value=1), rec(value=2)])
    assert res.misses == [] and res.spurious == []
    assert res.per_doc["d"].n_golden == 1 and res.per_doc["d"].n_optional == 1


def test_required_golden_facts_are_matched_first():
    # prediction 0 fits the required fact and the optional one; prediction 1 fits only the required one.
    g = [rec(metric="智能算力规模", span=(0, 9)), rec(metric="机架", optional=True, span=(40, 49))]
    p = [rec(metric="智能算力规模机架", span=(0, 9)), rec(metric="智能算力规模", span=(80, 89))]
    res = evaluate(g, p)
    assert views(res)["strict"] == (1, 0, 0)
    assert res.per_doc["d"].matches["strict"] == {0: 1, 1: 0}


def test_optional_never_steals_a_required_match():
    g = [rec(optional=True, span=(0, 9)), rec(span=(100, 109))]
    res = evaluate(g, [rec(span=(0, 9))])
    assert views(res)["strict"] == (1, 0, 0)


# --------------------------------------------------------------------------- accuracy, reports, spans

def test_qualifier_and_kind_accuracy_over_strict_matches():
    g = [rec(value=1), rec(value=2), rec(value=3, kind="forecast"), rec(value=4, date="2030", kind="target")]
    p = [rec(value=1), rec(value=2, qualifier="~"), rec(value=3), rec(value=4, date="2031", kind="target")]
    res = evaluate(g, p)
    assert res.strict.tp == 3
    assert res.qualifier.correct == 2 and res.qualifier.total == 3
    assert res.kind_accuracy == pytest.approx(2 / 3)
    assert res.per_doc["d"].qualifier.value == pytest.approx(2 / 3)


def test_misses_and_spurious_show_closest_and_differing_fields():
    original = "今年6月底,我国智能算力规模达788EFLOPS。"
    s = original.index("788")
    g = [rec(span=(s, s + 9), text="788EFLOPS")]
    p = [rec(date="2025", entity="美国", span=(s, s + 9), text="788EFLOPS", sentence="今年6月底,我国智能算力规模达788EFLOPS。"),
         rec(value=5, unit="个", span=(0, 2), text="今年")]
    res = evaluate(g, p, originals={"d": original})
    (miss,) = res.misses
    assert miss.closest is p[0] and miss.differs == ["date", "entity"]
    assert "【788EFLOPS】" in miss.context  # no sentence in the golden record: text around the span
    assert [x.index for x in res.spurious] == [0, 1]
    assert res.spurious[0].closest is g[0] and res.spurious[0].context.startswith("今年6月底")
    assert res.spurious[1].closest is None
    assert res.span_errors == []


def test_span_errors_are_counted():
    original = "市场规模约190亿美元。\r\n达1085万架"
    ok = rec(value=1.9e10, unit="美元", span=(5, 11), text="190亿美元")
    wrong_text = rec(value=10850000, unit="架", span=(14, 20), text="1085万架")  # off by one: \r\n is two chars
    bad_span = rec(value=1, span=None)
    out_of_range = rec(value=2, span=(10, 99))
    res = evaluate({"d": []}, [ok, wrong_text, bad_span, out_of_range], originals={"d": original})
    assert [e.index for e in res.span_errors] == [1, 2, 3]
    assert res.span_errors[0].actual == original[14:20]
    assert res.to_json()["span_errors"] == 3
    assert res.per_doc["d"].span_errors == 3
    assert evaluate({"d": []}, [wrong_text]).span_errors == []  # no original: not checked


def test_other_documents_ignored_and_input_forms():
    g = {"a": [rec(doc="a")], "empty": []}
    p = {"a": [rec(doc="a")], "zz": [rec(doc="zz"), rec(doc="zz")]}
    res = evaluate(g, p)
    assert list(res.per_doc) == ["a", "empty"] and res.ignored_predictions == 2
    assert views(res)["strict"] == (1, 0, 0)
    assert views(evaluate([rec(doc="a")], [rec(doc="a")]))["strict"] == (1, 0, 0)
    with pytest.raises(UsageError):
        evaluate([{"value": 1}], [])
    res = evaluate([rec(doc="a")], [rec(doc="b")], docs=["a", "b"])
    assert views(res)["strict"] == (0, 1, 1)


def test_package_level_function():
    import zhfacts.evaluate.scoring  # noqa: F401  (importing the submodule must not break zhfacts.evaluate(...))

    res = zhfacts.evaluate([rec()], [rec()])
    assert res.strict.f1 == 1.0


def test_json_shape():
    obj = evaluate([rec(), rec(value=2)], [rec(), rec(value=9)]).to_json()
    for key in ("strict", "value+date", "value", "per_doc", "qualifier_accuracy", "kind_accuracy", "misses",
                "spurious", "span_errors"):
        assert key in obj
    for v in ("strict", "value+date", "value"):
        assert set(obj[v]) == VIEW_KEYS
    json.dumps(obj, ensure_ascii=False)


def test_scoring_many_facts_per_document():
    """(Speed is measured in bench/, not asserted here: a timed test fails on a loaded machine.)"""
    g = {f"d{k}": [rec(value=i % 7, span=(i * 10, i * 10 + 3), metric=f"指标{i % 5}", doc=f"d{k}") for i in range(80)]
         for k in range(5)}
    p = {d: [dict(r, entity="我国") for r in rs] + [dict(r, date=None) for r in rs[:20]] for d, rs in g.items()}
    res = evaluate(g, p)
    assert res.strict.tp == 400 and res.strict.fp == 100


# --------------------------------------------------------------------------- the CLI

ORIGINAL = "截至今年6月底,我国在用算力中心标准机架达1085万架,智能算力规模达788EFLOPS。\r\n预计市场规模约190亿美元。\n"


def _at(text):
    i = ORIGINAL.index(text)
    return (i, i + len(text))


GOLD = [
    rec(value=10850000, unit="架", metric="标准机架", span=_at("1085万架"), text="1085万架", doc="d1"),
    rec(value=788, metric="智能算力规模", span=_at("788EFLOPS"), text="788EFLOPS", doc="d1"),
    rec(value=19000000000, unit="美元", metric="市场规模", qualifier="~", date=None, kind="forecast",
        span=_at("190亿美元"), text="190亿美元", doc="d1"),
]


def make_golden(tmp_path: Path) -> Path:
    gdir = tmp_path / "golden"
    gdir.mkdir()
    (tmp_path / "d1.txt").write_bytes(ORIGINAL.encode("utf-8"))
    (gdir / "docs.tsv").write_text("doc\tpath\tpublished\tevidence\nd1\t../d1.txt\t2025-09-02\tmeta\n", encoding="utf-8")
    (gdir / "d1.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in GOLD), encoding="utf-8")
    return gdir


def write_pred(tmp_path: Path, records) -> Path:
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def preds_two_of_three():
    a = dict(GOLD[0], entity="我国", sentence="截至今年6月底,我国在用算力中心标准机架达1085万架")
    b = dict(GOLD[1], date="2025")  # wrong date: a miss and a spurious prediction
    other = dict(GOLD[0], doc="not-in-golden")
    return [a, b, other]


def test_cli_json(tmp_path):
    gdir = make_golden(tmp_path)
    pred = write_pred(tmp_path, preds_two_of_three())
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    for key in ("strict", "value+date", "value", "per_doc", "qualifier_accuracy", "kind_accuracy", "misses",
                "spurious", "span_errors"):
        assert key in obj
    for v in ("strict", "value+date", "value"):
        assert set(obj[v]) == VIEW_KEYS
    assert (obj["strict"]["tp"], obj["strict"]["fp"], obj["strict"]["fn"]) == (1, 1, 2)
    assert (obj["value"]["tp"], obj["value"]["fp"], obj["value"]["fn"]) == (2, 0, 1)
    assert obj["span_errors"] == 0 and obj["ignored_predictions"] == 1
    assert list(obj["per_doc"]) == ["d1"]
    assert {m["golden"]["text"] for m in obj["misses"]} == {"788EFLOPS", "190亿美元"}
    assert obj["spurious"][0]["differs"] == ["date"]


@pytest.mark.parametrize("floor,code", [(0.3, 0), (0.4, 0), (0.41, 1), (1.0, 1)])
def test_cli_min_f1_exit_code(tmp_path, floor, code):
    gdir = make_golden(tmp_path)
    pred = write_pred(tmp_path, preds_two_of_three())  # strict F1 = 0.4
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(pred), "--min-f1", str(floor)])
    assert result.exit_code == code, result.output


def test_cli_min_f1_out_of_range(tmp_path):
    gdir = make_golden(tmp_path)
    pred = write_pred(tmp_path, [])
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(pred), "--min-f1", "40"])
    assert result.exit_code == 2


def test_cli_text_report(tmp_path):
    gdir = make_golden(tmp_path)
    pred = write_pred(tmp_path, preds_two_of_three() + [dict(GOLD[2], span=[0, 3])])
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for needle in ("strict", "value+date", "Per document", "qualifier accuracy", "MISSES (1)", "SPURIOUS (1)",
                   "SPAN ERRORS (1)", "closest prediction", "differs: date '2025-06' vs '2025'",
                   "【788EFLOPS】", f"{gdir / 'd1.jsonl'}:2"):
        assert needle in out, needle


def test_cli_bad_prediction_file(tmp_path):
    gdir = make_golden(tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "d1"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: invalid JSON" in result.output and "error[E310]" in result.output
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


def test_cli_invalid_golden_set(tmp_path):
    gdir = make_golden(tmp_path)
    with open(gdir / "d1.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(dict(GOLD[0], qualifier="about"), ensure_ascii=False) + "\n")
    pred = write_pred(tmp_path, [])
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--pred", str(pred)])
    assert result.exit_code == 2 and "d1.jsonl:4: qualifier" in result.output


def test_cli_runs_the_extractor(tmp_path, monkeypatch):
    import zhfacts.extract.extractor

    calls = []

    def fake_extract_file(path, *, doc=None, published=None):
        calls.append((Path(path).name, doc, published))
        return [dict(GOLD[0]), dict(GOLD[1]), dict(GOLD[2])]

    monkeypatch.setattr(zhfacts.extract.extractor, "extract_file", fake_extract_file)
    gdir = make_golden(tmp_path)
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir), "--json", "--min-f1", "1"])
    assert result.exit_code == 0, result.output
    assert calls == [("d1.txt", "d1", "2025-09-02")]
    assert json.loads(result.stdout)["strict"]["f1"] == 1.0


def test_cli_extractor_failure_is_reported(tmp_path, monkeypatch):
    import zhfacts.extract.extractor

    def broken(path, *, doc=None, published=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(zhfacts.extract.extractor, "extract_file", broken)
    gdir = make_golden(tmp_path)
    result = CliRunner().invoke(app, ["eval", "--golden", str(gdir)])
    assert result.exit_code == 1
    assert "extraction failed" in result.stdout and "boom" in result.stdout
