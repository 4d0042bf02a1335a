"""What a whole document says about time (dates.DocDates) and the calendars the
rule examples cannot show: no publication date, one document after another, the
Hong Kong fiscal year's arithmetic.  Invented texts and figures."""
from __future__ import annotations

import datetime as _dt

import pytest

import zhfacts
from zhfacts.extract import dates
from zhfacts.extract.pipeline import _components, _rules_key
from zhfacts.normalize.structure import headline

RETRO = "2023年某省数字经济统计公报\n\n　　全年数字经济核心产业增加值3120亿元。\n\n　　年末全省5G基站9.4万个。\n"
PLAIN = "某省数字经济稳步发展\n\n　　全年数字经济核心产业增加值3120亿元。\n\n　　年末全省5G基站9.4万个。\n"


def _dates_of(text, published):
    return [f["date"] for f in zhfacts.extract(text, doc="d", published=published)]


def test_a_retrospective_headline_dates_its_full_year_and_year_end():
    assert _dates_of(RETRO, "2024-03-10") == ["2023", "2023"]


def test_without_a_past_headline_year_full_year_needs_a_year_in_play():
    # no year in the headline: 全年 dates nothing, 年末 is the publication year's
    assert _dates_of(PLAIN, "2024-03-10") == [None, "2024"]


def test_the_headline_year_stays_with_its_document():
    """One document's headline year never reaches the next one (no shared state)."""
    assert _dates_of(RETRO, "2024-03-10") == ["2023", "2023"]
    assert _dates_of(PLAIN, "2024-03-10") == [None, "2024"]
    assert _dates_of(RETRO, "2024-03-10") == ["2023", "2023"]


def test_without_a_publication_date_year_less_months_are_null_unless_their_paragraph_writes_the_year():
    """golden/README: a year-less month or month range is a relative date; in a document with no publication date
    it is null unless its own paragraph writes the year (the year the lead or the headline names dates nothing
    else)."""
    text = "1-2月全国软件业务收入8200亿元\n日前，某部发布2023年1-2月软件业运行情况。1-2月，软件业务收入8200亿元，同比增长9.1%。\n"
    facts = zhfacts.extract(text, doc="d")
    assert [f["date"] for f in facts] == [None, "2023-01/2023-02", "2023-01/2023-02"]
    later = ("某省：数字产业稳步增长\n据悉，2023年某省数字产业增加值达1.86万亿元。随后，2024年1至8月，"
             "全省软件业务收入突破9800亿元。\n分地市看，1至8月，全省核心制造业增加值1120.5亿元。\n")
    assert [f["date"] for f in zhfacts.extract(later, doc="d")] == ["2023", "2024-01/2024-08", None]


def test_without_a_publication_date_this_year_is_null_unless_the_piece_glosses_it():
    """今年 in an undated piece is relative: null, whatever year the headline writes; a piece that glosses its
    own year (今(2022)年) has told what its 今年 and 去年 mean."""
    text = "2022年某市算力规模突破120EFLOPS\n\n　　今年，全市算力规模突破120EFLOPS。\n"
    assert [f["date"] for f in zhfacts.extract(text, doc="d")] == ["2022", None]
    glossed = "今(2022)年某市算力规模突破120EFLOPS\n\n　　今年，全市算力规模突破120EFLOPS，去年为90EFLOPS。\n"
    facts = zhfacts.extract(glossed, doc="d")
    assert [f["date"] for f in facts] == ["2022", "2022", "2021"]
    assert any("the year the piece glosses" in w for w in facts[1]["warnings"])


def test_a_headline_target_year_is_never_the_document_year():
    text = "到2030年某市算力规模将超过500EFLOPS\n\n　　全年新增标准机架1.2万架。\n"
    assert _dates_of(text, "2025-06-01") == ["2030", None]


def test_learn_document_reads_the_headline_period_and_the_fiscal_year():
    comps = _components(*_rules_key())
    ndoc = zhfacts.normalize("某科技上半年营收增长18%\n\n　　报告期内，公司营收12亿元。\n", published="2025-08-20")
    dd = comps.dates.learn_document(ndoc.text, headline(ndoc), ndoc.published, ndoc.region)
    assert (dd.year, dd.period, dd.fiscal) == (None, "2025-H1", None)
    ndoc = zhfacts.normalize("發展局公布賣地計劃\n\n　　發展局今日公布二〇二四至二五年度第三季賣地計劃，本港推出兩幅用地。\n",
                             published="2024-09-30")
    dd = comps.dates.learn_document(ndoc.text, headline(ndoc), ndoc.published, ndoc.region)
    assert ndoc.region == "hongkong" and dd.fiscal == 2024


@pytest.mark.parametrize("start, quarter, expect", [
    (2025, 1, "2025-Q2"), (2025, 2, "2025-Q3"), (2025, 3, "2025-Q4"), (2025, 4, "2026-Q1"),
])
def test_fiscal_quarters_are_calendar_quarters(start, quarter, expect):
    assert dates._fiscal_quarter(start, quarter) == expect
    assert dates.fiscal_year(start) == f"{start}-04/{start + 1}-03"


@pytest.mark.parametrize("published, start", [("2025-03-31", 2024), ("2025-04-01", 2025)])
def test_this_fiscal_year_turns_in_april(published, start):
    assert dates._this_fiscal(_dt.date.fromisoformat(published), dates.NO_DOC_DATES) == start


def test_that_day_points_back_across_paragraphs_and_no_further_than_the_text_before():
    text = "　　某项目总投资8亿元。\n\n　　当天，该市签约项目6个。\n\n　　5月20日，二期项目开工。\n\n　　当日，该市签约项目4个。\n"
    assert _dates_of(text, "2025-05-22") == [None, None, "2025-05-20"]


@pytest.mark.parametrize("published, wd, last, expect", [
    ("2026-03-13", "五", False, "2026-03-13"),  # a Friday: 周五 is that day
    ("2026-03-13", "六", False, "2026-03-07"),  # 周六 not yet come: the one before
    ("2026-03-09", "五", True, "2026-03-06"),   # 上周五 from a Monday
    ("2026-03-13", "一", True, "2026-03-02"),   # 上周一 from a Friday
    (None, "四", False, None),
])
def test_weekdays_count_back_from_the_publication_day(published, wd, last, expect):
    day = _dt.date.fromisoformat(published) if published else None
    assert dates._weekday_before(day, wd, last) == expect


@pytest.mark.parametrize("text, published, expect", [
    ("今年2月1日至2月30日，某港口吞吐量达40万标准箱", "2026-03-10", [None]),  # no 30 February: no date
    ("某局表示，今年1月20日至1月5日出口增长9%", "2026-03-10", [None]),  # an end before the start
    ("某局表示，今年1月1日至1月5日出口增长9%", "2026-03-10", ["2026-01-01/2026-01-05"]),
])
def test_a_day_interval_that_cannot_be_is_no_date(text, published, expect):
    assert _dates_of(text, published) == expect
