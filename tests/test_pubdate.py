"""Publication date: metadata line, newspaper header, dateline (+ year heuristic), override."""
from __future__ import annotations

import datetime as dt

import pytest

from zhfacts.errors import UsageError
from zhfacts.normalize.normalizer import normalize
from zhfacts.normalize.pubdate import find_published, full_date, year_from_text, year_mentions


def test_metadata_first():
    pd = find_published([("byline", "新华社北京9月4日电"), ("metadata", "2025-09-02 08:39:00")], "正文2025年。")
    assert (pd.date, pd.source) == (dt.date(2025, 9, 2), "metadata")


@pytest.mark.parametrize(
    "line,want",
    [
        ("2025-09-02 08:39:00", dt.date(2025, 9, 2)),
        ("发布时间：2025年9月2日08:39", dt.date(2025, 9, 2)),
        ("2025/9/2 来源：新华网", dt.date(2025, 9, 2)),
        ("时间:2024.12.31", dt.date(2024, 12, 31)),
    ],
)
def test_metadata_formats(line, want):
    assert find_published([("metadata", line)], "").date == want


def test_metadata_without_date_is_skipped():
    pd = find_published([("metadata", "来源:经济日报"), ("header", "2025年6月2日星期一")], "")
    assert (pd.date, pd.source) == (dt.date(2025, 6, 2), "header")
    assert pd.warnings == []


def test_header_weekday_mismatch_warns():
    pd = find_published([("header", "2025年6月3日星期一")], "")
    assert pd.date == dt.date(2025, 6, 3)
    assert any("weekday" in w for w in pd.warnings)


def test_dateline_year_from_text():
    body = "2025世界人工智能大会上，华为首次展出。到2035年，贡献将超过11万亿元。到2028年，基本实现互联。今年5月印发的计划。"
    pd = find_published([("byline", "（新华社北京9月4日电记者周圆、王怡静）")], body)
    assert (pd.date, pd.source) == (dt.date(2025, 9, 4), "dateline")


def test_dateline_with_year():
    pd = find_published([("byline", "新华社北京2024年3月5日电")], "到2030年目标。")
    assert pd.date == dt.date(2024, 3, 5)


@pytest.mark.parametrize("line, body, want, inferred", [
    # a dateline in Chinese numerals, with its year or with the year the body writes
    ("某通社临江二〇〇五年十二月三十一日电", "上半年零售总额增长。", dt.date(2005, 12, 31), False),
    ("某通社临江七月二十二日电", "2005年上半年零售总额增长。", dt.date(2005, 7, 22), True),
    ("某通社临江十月九日电", "2004年前三季度零售总额增长。", dt.date(2004, 10, 9), True),
    # a period of the latest year that ends after the dateline's month: the piece is from the year after
    ("某通社临江1月30日电", "某局资料显示，2025年10月至12月本地居民失业率2.3%。", dt.date(2026, 1, 30), True),
    ("本报临江2月5日讯", "2025年第四季度全市数据中心机架增长8%。", dt.date(2026, 2, 5), True),
    ("本报临江2月5日讯", "2025年第4季全市数据中心机架增长8%。", dt.date(2026, 2, 5), True),
    ("本报临江3月2日讯", "2025年下半年，全市出口增长5%。", dt.date(2026, 3, 2), True),
    # ... a period ended before the dateline's month, or a forward-looking one: the latest year itself
    ("某通社临江9月5日电", "2025年1-8月，全市出口增长5%。", dt.date(2025, 9, 5), True),
    ("某通社临江9月5日电", "2025年上半年出口增长5%，预计2025年12月新园区将投产。", dt.date(2025, 9, 5), True),
])
def test_dateline_year(line, body, want, inferred):
    """A dateline's date; a year inferred from the body (none written) is said so in a warning."""
    pd = find_published([("byline", line)], body)
    assert (pd.date, pd.source) == (want, "dateline")
    assert any(f"publication year {want.year} inferred" in w for w in pd.warnings) == inferred


def test_dateline_without_any_year_gives_none():
    pd = find_published([("byline", "本报北京6月1日讯")], "今年以来，市场规模扩大。")
    assert pd.date is None
    assert any("no year" in w for w in pd.warnings)


def test_related_datelines_ignored():
    pd = find_published([("related", "人民网北京9月3日电 (记者王绍绍)几年前")], "2025年。")
    assert pd.date is None


def test_nothing_found_warns():
    pd = find_published([("caption", "2025年11月2日拍摄的服务器。新华社记者黄博涵摄")], "在2026年1月21日举行的发布会上介绍")
    assert pd.date is None and pd.source is None
    assert pd.warnings and "no publication date" in pd.warnings[-1]


@pytest.mark.parametrize(
    "body,want",
    [
        # a paragraph opening on the day it reports, the year from the text
        ("甲通信季报出炉\n10月21日，甲通信发布2024年第三季度报告。前三季度营收增长3%。", dt.date(2024, 10, 21)),
        ("乙芯片上半年扭亏\n8月25日晚，乙芯片发布2025年半年度报告，上半年营收增长40%。", dt.date(2025, 8, 25)),
        ("本报讯 5月16日是世界电信日。当天，2024年电信日大会召开。", dt.date(2024, 5, 16)),
    ],
)
def test_a_lead_day_dates_an_undated_piece_with_the_year_inferred(body, want):
    pd = find_published([], body)
    assert (pd.date, pd.source) == (want, "lead_day")
    assert pd.warnings and pd.warnings[-1].startswith(f"publication year {want.year} inferred")


@pytest.mark.parametrize(
    "body",
    [
        "10月21日，甲通信公布前三季度财报。",  # no year in the text: unknown, never guessed
        "甲通信公布2024年财报。到2027年，营收将翻番。在10月21日举行的发布会上介绍。",  # a day inside a sentence
        "10月21日，甲通信公布到2030年的规划。",  # only a target year
    ],
)
def test_no_lead_day_or_no_year_leaves_the_date_unknown(body):
    pd = find_published([], body)
    assert pd.date is None and "no publication date" in pd.warnings[-1]


def test_year_heuristic():
    assert year_mentions("截至2024年底，到2028年，2020-2024年，2030年前，预计2025年") == [
        (2024, False),
        (2028, True),
        (2020, False),
        (2024, False),
        (2030, True),
        (2025, True),
    ]
    assert year_from_text("规模达2000PFLOPS，投资2000亿元")[0] is None
    assert year_from_text("《2025运力发展报告》显示，到2035年")[0] == 2025
    assert year_from_text("到2035年，到2028年")[0] is None  # a target year is never the publication year
    assert year_from_text("2030年全国算力规模将超过300EFLOPS。")[0] is None  # the cue later in the clause


def test_dateline_never_takes_a_target_year():
    pd = find_published([("byline", "新华社北京3月5日电")], "到2030年，我国算力规模将超过300EFLOPS。")
    assert pd.date is None
    assert any("no year" in w and "2030" in w for w in pd.warnings)


def test_inferred_year_is_said_in_every_record():
    raw = "新华社北京3月5日电\n2024年，我国智能算力规模达到280EFLOPS。到2030年，算力规模将超过1000EFLOPS。\n"
    doc = normalize(raw)
    assert doc.published == dt.date(2024, 3, 5)
    assert any("inferred" in w for w in doc.warnings)
    import zhfacts

    recs = zhfacts.extract(raw, doc="d")
    assert recs and all(any(w.startswith("document: publication year 2024 inferred") for w in r["warnings"]) for r in recs)
    recs = zhfacts.extract("我国智能算力规模达到280EFLOPS。", doc="d")
    assert any("no publication date" in w for w in recs[0]["warnings"])
    assert not any("document:" in w for w in zhfacts.extract("我国智能算力规模达到280EFLOPS。", doc="d", published="2025-09-01")[0].get("warnings", []))


def test_roc_dates():
    pd = find_published([("byline", "（編輯：林家嫻）1140904")], "")
    assert (pd.date, pd.source) == (dt.date(2025, 9, 4), "metadata")
    assert find_published([("metadata", "发布日期：民国114年9月4日")], "").date == dt.date(2025, 9, 4)


def test_full_date():
    assert full_date("2025年6月2日星期一") == dt.date(2025, 6, 2)
    assert full_date("2025-13-40") is None


def test_override_wins():
    doc = normalize("2025-09-02 08:39:00\n正文。", published=dt.date(2024, 1, 1))
    assert (doc.published, doc.published_source) == (dt.date(2024, 1, 1), "override")
    doc = normalize("2025-09-02 08:39:00\n正文。", published="2024-01-02")
    assert doc.published == dt.date(2024, 1, 2)


def test_inferred_and_missing_dates_reach_the_summary_and_the_review_page(tmp_path):
    from typer.testing import CliRunner

    from zhfacts.cli import app

    (tmp_path / "a.txt").write_text("新华社北京3月5日电\n2024年，我国智能算力规模达到280EFLOPS。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("我国智能算力规模达到280EFLOPS。\n", encoding="utf-8")
    page = tmp_path / "review.html"
    r = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o",
                                 str(tmp_path / "out.jsonl"), "--html", str(page)])
    assert r.exit_code == 0, r.output
    assert "publication date: year inferred in 1 document, unknown in 1 document" in r.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count('<p class="note">document: publication year 2024 inferred') == 1
    assert html.count('<p class="note">document: no publication date') == 1
