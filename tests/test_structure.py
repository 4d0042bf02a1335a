"""The document model (issue 10): headline, lead, dateline, byline, editor line and
body, in original offsets, reported by ``normalize --json``."""
from __future__ import annotations

import json

from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app
from zhfacts.normalize.structure import BLOCK_KINDS, blocks, headline

ARTICLE = ("青川省：数据中心建设提速\n"
           "新华社临江3月5日电（记者 张三）全省算力总规模达到12EFLOPS，同比增长40%。\n"
           "截至6月底，全省数据中心机架达3万架。\n"
           "（责任编辑：李四）\n")


def test_blocks_name_every_part_in_original_offsets():
    doc = zhfacts.normalize(ARTICLE)
    parts = [(b.kind, ARTICLE[b.start:b.end]) for b in blocks(doc)]
    assert parts == [("headline", "青川省：数据中心建设提速"),
                     ("dateline", "新华社临江3月5日电（记者 张三）"),
                     ("lead", "全省算力总规模达到12EFLOPS，同比增长40%。"),
                     ("body", "截至6月底，全省数据中心机架达3万架。"),
                     ("editor", "（责任编辑：李四）")]
    assert all(b.kind in BLOCK_KINDS for b in blocks(doc))
    s, e = headline(doc)
    assert doc.text[s:e] == "青川省：数据中心建设提速"


def test_one_line_is_no_headline():
    doc = zhfacts.normalize("全省算力总规模达到12EFLOPS")
    assert headline(doc) is None and [b.kind for b in blocks(doc)] == ["lead"]


def test_normalize_json_reports_the_structure(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["normalize", "--json", str(src)])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    kinds = [b["kind"] for b in out["structure"]]
    assert kinds == ["headline", "dateline", "lead", "body", "editor"]
    lead = out["structure"][2]
    s, e = lead["text_span"]
    assert out["text"][s:e] == ARTICLE[lead["start"]:lead["end"]]
    assert out["structure"][1]["text_span"] is None  # the dateline was cut from the body


def test_the_headline_names_the_documents_holder():
    facts = zhfacts.extract(ARTICLE, doc="x", published="2025-09-01")
    assert {f["entity"] for f in facts} == {"青川省"}


# credit blocks of mainland, Taiwanese and Hong Kong outlets (invented names): the document model
# marks each as a byline or editor line, the headline stays the headline, and no credit holds a value
CREDITS = [
    ("株洲市算力建设持续提速\n东川日报报业集团全媒体记者 甲乙 丙丁\n今年全市新增机架3000个。\n",
     ["headline", "byline", "lead"]),
    ("株洲市數據中心建設提速\n記者王小明／株洲報導\n今年以來，全市新增機櫃3000個。\n編輯：王五\n",
     ["headline", "byline", "lead", "editor"]),
    ("株洲市數據中心建設提速\n【東川日報報道】今年以來，全市新增機櫃3000個。\n（責任編輯：王五）\n",
     ["headline", "byline", "lead", "editor"]),
    ("株洲市算力建设持续提速\n来源：东川日报\n东川日报讯（记者 张三）今年全市新增机架3000个。\n",
     ["headline", "metadata", "byline", "lead"]),
]


def test_credit_blocks_are_marked_and_never_hold_a_value():
    for text, kinds in CREDITS:
        doc = zhfacts.normalize(text)
        assert [b.kind for b in blocks(doc)] == kinds, text
        facts = zhfacts.extract(text, doc="x", published="2025-09-01")
        assert [(f["entity"], f["value"]) for f in facts] == [("株洲", 3000)], text


def test_a_web_title_with_its_site_is_the_headline():
    # a financial site's title: long, with commas, and the column's name after a bar
    text = ("青川科技Q3营收同比暴增9倍,净利润4.2亿元,为连续三个季度盈利,某投资人再次增持 | 财报见闻\n"
            "Q3营收12.64亿元,同比增长846%。\n公司单季度营收突破12亿元。")
    doc = zhfacts.normalize(text)
    s, e = headline(doc)
    assert doc.text[s:e].startswith("青川科技Q3营收") and doc.text[s:e].endswith("财报见闻")
    assert [r["entity"] for r in zhfacts.extract(text, published="2025-10-18", doc="t")][:2] == ["青川科技", "青川科技"]


def test_a_dated_line_of_page_furniture_is_no_headline():
    """2023年5月15日 重要通告 港股直击 (a date and the site's sections, no figure) sits above the headline: the
    headline is the line after it, and the company it names holds the piece's figures."""
    text = ("热门:\n\n2023年5月15日 重要通告 港股直击 香港财经\n\n丙电首季售电量增2.6%\n\n"
            "丙电控股(00077)公布,今年首季香港的售电量按年上升2.6%。\n\n期内住宅客户售电量按年减少4%。\n")
    doc = zhfacts.normalize(text, published="2023-05-15")
    s, e = headline(doc)
    assert doc.text[s:e] == "丙电首季售电量增2.6%"
    assert [b.kind for b in blocks(doc) if b.text_span][:2] == ["breadcrumb", "breadcrumb"]


STRAY = ("2024临江市中考志愿什么时候开始填报\n"
         "某社1月5日电 某研究院发布报告显示，11月国内手机出货量2100万部，同比下降12.5%。\n"
         "前11个月，新发布机型共350款。其中，折叠屏机型的款数与去年持平，各品牌的新机发布节奏"
         "放缓，研究院认为，消费者换机周期拉长、存量市场竞争加剧是主要原因，后续走势仍需观察。"
         "业内人士分析，高端机型的占比仍在提升，中低端机型的更新则明显减少，渠道库存逐步回落。\n")


def test_a_stray_page_title_is_no_headline_and_names_no_subject():
    # a page's unrelated title (shares almost no character pair with the text after it): no headline block, an
    # empty headline span where it ends (the lead starts after it), and its place holds none of the figures
    doc = zhfacts.normalize(STRAY)
    s, e = headline(doc)
    assert s == e == doc.text.index("\n")
    assert "headline" not in [b.kind for b in blocks(doc)]
    facts = zhfacts.extract(STRAY, doc="s", published="2024-12-05")
    assert [f["entity"] for f in facts] == ["中国"] * len(facts) and len(facts) == 3


def test_a_headline_that_shares_its_words_with_the_text_stays():
    text = STRAY.replace("2024临江市中考志愿什么时候开始填报", "临江市手机出货量同比下降")
    doc = zhfacts.normalize(text)
    s, e = headline(doc)
    assert doc.text[s:e] == "临江市手机出货量同比下降"
