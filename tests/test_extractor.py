"""The extractor end to end: exact values, spans into the original, dates,
regions, and nothing from boilerplate."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import zhfacts
from zhfacts.extract.dates import DateFinder, resolve
from zhfacts.extract.extractor import extract_file
from zhfacts.extract.numerals import chinese_value, number_value, to_json_number
from zhfacts.rules import load_rules

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
KEYS = ["doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span", "text", "sentence", "rule"]


@pytest.mark.parametrize("number, mult, expected", [
    ("16.4", "亿", 1640000000), ("1.2", "万亿", 1200000000000), ("90.1", "亿", 9010000000),
    ("0.35", "", 0.35), ("102", "亿亿", 1020000000000000000), ("1,085", "万", 10850000),
    ("三十五万", "", 350000), ("两千三百万", "", 23000000), ("一万零十二", "", 10012), ("百亿", "", 10000000000),
])
def test_numerals_are_exact(number, mult, expected):
    value = number_value(number, mult)
    assert isinstance(value, Decimal)
    assert to_json_number(value) == expected
    assert type(to_json_number(value)) is type(expected)


def test_float_arithmetic_would_be_wrong_and_ours_is_not():
    assert int(16.4 * 10 ** 8) == 1639999999  # the float bug of common parsers
    assert zhfacts.extract("存储规模达16.4亿GB。", doc="d")[0]["value"] == 1640000000
    assert chinese_value("十") == 10


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_records_meet_the_contract(seed):
    original = seed.read_text(encoding="utf-8")
    recs = extract_file(seed)
    assert recs, "no facts"
    for r in recs:
        assert [k for k in r if k != "warnings"] == KEYS
        s, e = r["span"]
        assert original[s:e] == r["text"]
        assert r["qualifier"] in {"=", ">", ">=", "<", "<=", "~"} and r["kind"] in {"actual", "forecast", "target"}
        assert r["doc"] == seed.stem and r["rule"] and r["sentence"]


def test_boilerplate_gives_no_facts():
    seed = next(p for p in SEEDS if p.name.startswith("001"))
    original = seed.read_text(encoding="utf-8")
    related = original.index("相关阅读")
    assert all(r["span"][0] < related for r in extract_file(seed))


def test_traditional_spans_point_into_the_traditional_original():
    seed = next(p for p in SEEDS if p.name.startswith("004"))
    recs = extract_file(seed)
    texts = {r["text"] for r in recs}
    assert "42個" in texts and "1590 EFLOPS" in texts
    assert all(r["entity"] != "我國" for r in recs)


def test_taiwan_article_means_taiwan_by_wo_guo():
    text = "經濟部今日公布，今年前8月我國伺服器出口金額達新台幣1.2兆元，年增逾1倍。"
    recs = zhfacts.extract(text, doc="tw", published="2025-09-15")
    # contract section 2: 新台币1.2兆元 is in 新台币, never summed into 元 (the renminbi)
    assert recs[0]["entity"] == "台湾" and recs[0]["unit"] == "新台币" and recs[0]["value"] == 1200000000000
    assert recs[0]["date"] == "2025-01/2025-08"
    assert recs[1]["unit"] == "倍" and recs[1]["qualifier"] == ">"


@pytest.mark.parametrize("phrase, published, context_year, expected", [
    ("截至11月底", "2026-01-10", None, "2025-11"),
    ("截至6月底", "2025-09-04", None, "2025-06"),
    ("10月", None, 2024, "2024-10"),
    ("今年", "2025-09-04", None, "2025"),
    ("去年底", "2025-06-01", None, "2024"),
    ("前7个月", "2025-09-02", None, "2025-01/2025-07"),
    ("目前", "2025-09-04", None, "2025-09"),
    ("近年来", "2025-09-04", None, None),
    ("2024下半年", None, None, "2024-H2"),
    ("今年", None, None, None),  # no publication date: never guessed
])
def test_date_resolution(phrase, published, context_year, expected):
    finder = DateFinder(load_rules())
    found = finder.find(phrase)
    assert found, phrase
    pub = dt.date.fromisoformat(published) if published else None
    assert resolve(found[0], pub, context_year) == expected


def test_no_publication_date_leaves_relative_dates_null():
    recs = zhfacts.extract("截至6月底，我国在用算力中心标准机架达1085万架。", doc="d")
    assert recs[0]["date"] is None


def test_a_date_never_governs_values_before_it():
    recs = zhfacts.extract("我国智能算力规模达788EFLOPS，截至2024年底存力总规模超1680EB。", doc="d",
                           published="2025-09-01")
    assert [r["date"] for r in recs] == [None, "2024"]


@pytest.mark.parametrize("text", [
    "2025中国算力大会在山西大同举办。", "华为发布昇腾384超节点。", "推动5G与光网络融合。",
    "《2025算力发展报告》显示算力持续增长。", "训练一个千亿参数模型需数千张高端GPU。",
    "咨询电话010-12345678。", "第十四届数字经济博览会开幕。", "重点突破超十万卡智算集群等关键技术。",
])
def test_not_facts(text):
    assert zhfacts.extract(text, doc="d", published="2025-09-01") == []


def test_warnings_flag_repaired_values():
    recs = zhfacts.extract("并要求新建数据中心PUE能效比低于13。", doc="d", published="2024-09-01")
    assert recs[0]["value"] == 1.3 and any("decimal point" in w for w in recs[0]["warnings"])
    recs = zhfacts.extract("智能算力规模达76EFLOPS，同比增长65。", doc="d", published="2024-09-01")
    assert recs[1]["unit"] == "%" and any("percent" in w for w in recs[1]["warnings"])


def test_a_scope_word_whose_place_the_text_never_names_is_flagged():
    # 全县… in a release that names no county: the scope word holds (never the country), and the record says so
    recs = zhfacts.extract("2024年，全县实现地区生产总值143.6亿元，增长5.3%。全县规上工业增加值增长8%。", doc="d",
                           published="2025-03-01")
    assert recs and all(r["entity"] == "全县" for r in recs)
    assert all(any("全县" in w and "does not name" in w for w in r.get("warnings", [])) for r in recs)
    # a county the text names: no such warning
    recs = zhfacts.extract("临山县2024年统计公报\n2024年，全县实现地区生产总值143.6亿元。", doc="d", published="2025-03-01")
    assert recs and recs[0]["entity"] == "临山县" and not any("does not name" in w for w in recs[0].get("warnings", []))
