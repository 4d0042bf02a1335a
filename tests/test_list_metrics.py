"""Metrics in lists and class shares (mainland, Taiwanese and Hong Kong text): ranked lists under a topic
frame, category-share lists, group totals, and no fragment (以, 分别, 位列, a lone verb) as a metric.
Every article below is invented: made-up names and figures (metrics.yaml rank_frame, class_share,
group_total; lists.py; facts.py)."""
from __future__ import annotations

import pytest
import regex

import zhfacts

_WORD = regex.compile(r"[\p{Han}A-Za-z]")

MAINLAND = """青川省：算力产业稳步增长

2024年全省算力服务市场规模达430亿元，同比增长38.2%。在大模型领域，甲澜科技、乙岫智能、丙屿数据分别以620件、475件、318件位列前三。
在液冷服务器市场上，丁舟信息以29.6%的份额居首，戊汐电子、己辰云擎分别以16.3%、10.8%紧随其后。
需求结构中，传统互联网（占比39.4%）、智能制造（21.7%）、金融（13.5%）位列前三。
下游应用中电信占17.2%，政务14.6%，交通则占8.1%。
甲澜科技、乙岫智能、丙屿数据三家合计占46.3%的市场份额。前三名合计份额达57.9%，较上年提升2.6个百分点。前五大厂商合计占比超过71%。
"""

TAIWAN = """臺灣伺服器產業觀察

2025年臺灣伺服器出貨結構中，AI伺服器占比達44.5%，通用伺服器占35.1%，邊緣伺服器約兩成。在ODM市場上，甲昇、乙宇、丙澤分別以32.2%、25.6%、17.3%的市佔率位居前三，三家合計達75.1%。
按終端應用區分，高效能運算占比首度超越智慧型手機，達37.6%，智慧型手機占31.4%。
"""

HONGKONG = """香港數據中心市場概況

本港數據中心總容量約達1150兆瓦。按營運商劃分，甲港數據以21.5%的份額居首，乙灣電訊和丙星科技分別佔14.3%及11.1%，三者合共佔近五成。
客戶結構方面，雲服務商佔比約44%，金融機構佔27%。
"""

TAIWAN_SUPPLY = """臺灣散熱模組供應鏈

2025年第二季全球AI伺服器出貨量達58萬台。在液冷散熱模組市場，甲鼎、乙昇、丙寶三家廠商合計市占率達66%，其中甲鼎以31%居冠。
出貨地區分布上，北美占比約57.2%，歐洲則占13.3%。
"""

PROVINCE_CLASSES = """江岭省：数字产业结构持续优化

今年上半年，全省电子信息制造业营业收入达1980亿元。从细分领域看，集成电路、新型显示和智能终端分别实现营收510亿元、420亿元和370亿元，三者合计占全行业的65.7%。
按企业规模划分，大型企业占比为43.2%，中型企业占比30.6%，小微企业占26.2%。
"""


def _facts(text: str) -> dict[str, tuple[str, str]]:
    return {f["text"]: (f["entity"], f["metric"]) for f in zhfacts.extract(text, doc="x", published="2025-08-01")}


@pytest.fixture(scope="module")
def mainland():
    return _facts(MAINLAND)


@pytest.mark.parametrize("text, entity, metric", [
    ("620件", "甲澜科技", "大模型领域件数"), ("475件", "乙岫智能", "大模型领域件数"), ("318件", "丙屿数据", "大模型领域件数"),
    ("29.6%", "丁舟信息", "液冷服务器市场份额"), ("16.3%", "戊汐电子", "液冷服务器市场份额"),
    ("10.8%", "己辰云擎", "液冷服务器市场份额"),
])
def test_topic_frame_ranked_list(mainland, text, entity, metric):
    """在甲领域/在甲市场上，乙、丙、丁分别以x、y、z位列前三: each value's holder is its item, the metric the topic's."""
    assert mainland[text] == (entity, metric)


@pytest.mark.parametrize("text, metric", [
    ("39.4%", "传统互联网占比"), ("21.7%", "智能制造占比"), ("13.5%", "金融占比"),
    ("17.2%", "电信占比"), ("14.6%", "政务占比"), ("8.1%", "交通占比"),
])
def test_category_shares(mainland, text, metric):
    """需求结构中，甲（占比x%）、乙（y%） / 下游应用中甲占x%，乙y%: the place holds each class's share."""
    assert mainland[text] == ("青川省", metric)


@pytest.mark.parametrize("text, entity, metric", [
    ("46.3%", "甲澜科技、乙岫智能、丙屿数据三家", "合计市场份额"), ("57.9%", "前三名", "合计份额"),
    ("2.6个百分点", "前三名", "合计份额提升"), ("71%", "前五大厂商", "合计占比"),
])
def test_group_totals(mainland, text, entity, metric):
    """甲、乙、丙三家合计占x% / 前三名合计份额: the group as written holds the total."""
    assert mainland[text] == (entity, metric)


def test_taiwan_shares_and_total():
    got = _facts(TAIWAN)
    assert got["35.1%"] == ("台湾", "通用服务器占比")
    assert got["兩成"] == ("台湾", "边缘服务器占比")
    assert got["32.2%"] == ("甲昇", "ODM市场市占率")
    assert got["75.1%"][0] == "甲昇、乙宇、丙泽"
    assert got["37.6%"] == ("台湾", "高性能计算占比")  # (占比首度超越…，达x: the noun phrase, no verb after it)


def test_hongkong_total_of_three_named():
    got = _facts(HONGKONG)
    assert got["21.5%"] == ("甲港数据", "份额")
    assert got["五成"] == ("甲港数据、乙湾电讯、丙星科技", "合计份额")
    assert got["27%"] == ("香港", "金融机构占比")


def test_member_after_group_total_and_regions_of_a_distribution():
    got = _facts(TAIWAN_SUPPLY)
    assert got["66%"] == ("甲鼎、乙昇、丙宝三家厂商", "合计市占率")
    assert got["31%"] == ("甲鼎", "液冷散热模块市场市占率")  # (a member's share: no 合计)
    assert got["57.2%"][1] == "北美占比" and got["13.3%"][1] == "欧洲占比"  # (regions of a distribution: classes)
    assert "北美" not in got["57.2%"][0] and got["13.3%"][0] != "欧洲"


def test_classes_of_a_breakdown_and_their_total():
    got = _facts(PROVINCE_CLASSES)
    assert got["510亿元"] == ("江岭省", "集成电路营收")
    assert got["370亿元"] == ("江岭省", "智能终端营收")
    assert got["65.7%"] == ("江岭省", "集成电路、新型显示和智能终端合计占全行业")
    assert got["26.2%"] == ("江岭省", "小微企业占比")


@pytest.mark.parametrize("article", [MAINLAND, TAIWAN, HONGKONG, TAIWAN_SUPPLY, PROVINCE_CLASSES])
def test_no_fragment_metric(article):
    """A metric is a noun phrase: never a lone verb, a cue or a clause piece (以, 分别, 位列, 排名)."""
    from zhfacts.rules import load_rules

    lone = set(load_rules().raw["metrics"]["lone_words"])
    pieces = ("以", "分别", "位列", "排名", "居首", "紧随其后", "合共")
    bad = [(f["text"], f["metric"]) for f in zhfacts.extract(article, doc="x", published="2025-08-01")
           if not _WORD.search(f["metric"]) or f["metric"] in lone or any(p in f["metric"] for p in pieces)]
    assert bad == []


def test_a_header_wrapped_over_lines_names_every_column():
    """A pipe table whose header a page wrapped (序号|省份|…(个/万人) |⏎5G用户占比(%) |千兆用户占比(%) |备注|, the lines
    of names only) is one header: each column keeps its own name (filings._wrapped_header)."""
    from zhfacts.extract.filings import pipe_columns

    text = ("序号|省份|城市|每万人5G基站数(个/万人) |\n5G用户占比(%) |千兆用户占比(%) |备注|\n"
            "1 |甲省|青川| 21.5 | 34% | 28% | 2023年度|\n2 |乙省|丙川| 19.5 | 31% | 22% | 2023年度|")
    (cols,) = pipe_columns(text, ("同比",))
    assert [c[0] if c else None for c in cols.cells] == [None, None, None, "每万人5G基站数", "5G用户占比", "千兆用户占比", None]
    assert text[cols.start:].startswith("1 |甲省")
    # a second header line under a period that spans its columns stays the measures' line (not merged)
    text = "指 标 | 1-5月 | |\n绝对量 (亿元) | 同比增长 (%) | |\n零售总额 | 3210 | 4.4 |"
    assert pipe_columns(text, ("同比",), (), ("绝对量",))[0].metric_rows
