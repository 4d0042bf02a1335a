"""Hong Kong (and mainland) listed companies' results announcements, whole invented articles:
the company a stock code or a 「本公司」 definition introduces holds the results figures that
follow (本集團/本公司/集團/公司 refer back to it), its subsidiary named after 旗下附屬公司 holds its
own, and the reporting period (截至…止六個月 / 止中期 / 止半年度 / 止年度 / 止九個月 / 止三個月)
dates them (a bracketed comparative （二零二四年：…） the same period that year), while a
balance sheet's 於… stays the day.  Names and figures are made up."""
from __future__ import annotations

import pytest

import zhfacts

ANNOUNCEMENT = (
    "甲乙環球電訊控股有限公司\n"
    "截至二零二五年六月三十日止六個月之中期業績公告\n\n"
    "甲乙環球電訊控股有限公司（「本公司」，股份代號：0887）董事會公佈本公司及其附屬公司（統稱「本集團」）"
    "截至二零二五年六月三十日止中期之未經審核綜合業績。\n\n"
    "截至二零二五年六月三十日止六個月，本集團收入為52.3億港元，較去年同期增加6%。"
    "本公司股東應佔溢利為8.6億港元（二零二四年：7.9億港元）。每股基本盈利為0.41港元。\n\n"
    "本集團旗下附屬公司青禾通訊於期內的流動服務收入為21.4億港元。\n\n"
    "於二零二五年六月三十日，本集團現金及銀行結餘為31.2億港元。"
)

NEWS = (
    "丙丁置業全年少賺8%\n\n"
    "丙丁置業集團有限公司（01288.HK）昨日公布截至2024年12月31日止年度業績，集團營業額為302億港元，"
    "按年下跌6%；股東應佔溢利為52億港元，按年減少8%。\n\n"
    "公司同時公布，截至2025年3月31日止三個月，合約銷售額為41億港元。"
)


def _facts(text: str, published: str) -> list[tuple]:
    return [(f["text"], f["entity"], f["date"]) for f in zhfacts.extract(text, doc="x", published=published)]


def test_announcement_company_subsidiary_and_periods():
    got = _facts(ANNOUNCEMENT, "2025-08-20")
    company = "甲乙环球电讯控股有限公司"
    assert ("52.3億港元", company, "2025-H1") in got
    assert ("6%", company, "2025-H1") in got
    assert ("8.6億港元", company, "2025-H1") in got
    assert ("7.9億港元", company, "2024-H1") in got  # a comparative in brackets: the same half a year earlier
    assert ("0.41港元", company, "2025-H1") in got
    assert ("31.2億港元", company, "2025-06-30") in got  # a balance-sheet day, no period
    assert [e for t, e, _ in got if t == "21.4億港元"] == ["青禾通讯"]
    assert "香港" not in {e for _, e, _ in got}


@pytest.mark.parametrize("text, date", [("302億港元", "2024"), ("6%", "2024"), ("52億港元", "2024"),
                                        ("8%", "2024"), ("41億港元", "2025-Q1")])
def test_news_company_and_periods(text, date):
    got = [(e, d) for t, e, d in _facts(NEWS, "2025-05-10") if t == text]
    assert ("丙丁置业集团有限公司", date) in got
