"""The normalizer on the seed articles: repaired places, removed furniture, dates, CLI."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import regex

from zhfacts.normalize import script as norm_script
from zhfacts.normalize.normalizer import normalize, normalize_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED = {p.name[:3]: p for p in SEEDS}
HAN_SPACE_RE = regex.compile(r"(?:[\p{Han}，。、；：！？“”（）《》] | [\p{Han}，。、；：！？“”（）《》])")


@pytest.fixture(scope="module")
def docs():
    return {k: normalize_file(p) for k, p in SEED.items()}


def spans_of(doc, needle):
    i = doc.text.index(needle)
    return doc.original_slice(i, i + len(needle))


def paragraphs(doc):
    return [doc.text[s:e] for s, e in doc.paragraphs]


# --- invariants on every seed -------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(SEED))
def test_text_invariants(docs, key):
    doc = docs[key]
    t = doc.text
    assert t and "\n\n" not in t and "\r" not in t and "\t" not in t
    assert not t.startswith("\n") and not t.endswith("\n")
    assert not HAN_SPACE_RE.search(t)
    assert not regex.search(r"[０-９Ａ-Ｚａ-ｚ％]", t)
    assert len(doc.starts) == len(doc.ends) == len(t)
    # paragraphs are the lines; sentences tile the paragraphs
    assert paragraphs(doc) == t.split("\n")
    pos = 0
    for s, e in doc.sentences:
        assert s < e and t[s:e].strip() == t[s:e]
        while t[pos] == "\n":
            pos += 1
        assert s == pos
        pos = e
    assert pos == len(t)
    # removed regions are exact, disjoint and never overlap kept characters
    kept = set()
    for a, b in zip(doc.starts, doc.ends):
        kept.update(range(a, b))
    last = -1
    for r in doc.removed:
        assert doc.original[r.start:r.end] == r.text and r.start >= last
        assert not kept.intersection(range(r.start, r.end)), r
        last = r.end


@pytest.mark.parametrize("key", sorted(SEED))
def test_idempotent(docs, key):
    once = docs[key].text
    assert normalize(once).text == once


# --- seed 000: newspaper columns with blank lines (Xinhua) -------------------------------------


def test_000_repaired(docs):
    doc = docs["000"]
    t = doc.text
    for piece in [
        "其算力总规模达300PFLOPS；",
        "完成扩容300台智算服务器，算力规模超2000PFLOPS；",
        "截至6月底，我国在用算力中心标准机架达1085万架，算力总规模位居全球第二。",
        "存力总规模超过1680EB。",
        "我国智算规模已达788EFLOPS。",
        "将带动3至4元的GDP增长",
        "让国产GPU能够像拼积木一样灵活组装",
        "每秒102亿亿次的算力",
    ]:
        assert piece in t, piece
    ps = paragraphs(doc)
    assert ps[:3] == ["算力热度持续攀升", "如何“扩容”？", ps[2]] and ps[2].startswith("2025世界人工智能大会上")
    for heading in ["基础底座不断夯实", "渗透力日益深化", "未来发力点在何处？"]:
        assert heading in ps
    assert "今年以来，“扩容”频频成为各地算力中心的关键词。" in ps
    assert "新华社" not in t and "郎兵兵" not in t
    assert spans_of(doc, "达1085万架") == "达\n\n1085万架"
    assert spans_of(doc, "1085万架") == "1085万架"
    assert spans_of(doc, "完成扩容300台") == "完 成 扩 容 300 台"
    assert (doc.published, doc.published_source) == (dt.date(2025, 9, 4), "dateline")
    assert {(r.kind, r.text) for r in doc.removed} == {
        ("byline", "（新华社北京9月4日电记者周圆、王怡静）"),
        ("caption", "工作人员在中国移动（甘肃·庆阳）数据中心机房内巡检。新华社记者郎兵兵摄"),
    }


# --- seed 001: a web page -------------------------------------------------------------------------


def test_001_keeps_every_body_character(docs):
    doc = docs["001"]
    lines = doc.original.split("\n")
    body = [lines[2].strip()] + [ln.strip() for ln in lines[10:55] if ln.strip()]
    assert paragraphs(doc) == body
    assert doc.text == "\n".join(body)
    for i, ch in enumerate(doc.text):
        if ch != "\n":
            assert doc.original[doc.starts[i]:doc.ends[i]] == ch


def test_001_boilerplate(docs):
    doc = docs["001"]
    kinds = [r.kind for r in doc.removed]
    assert kinds[:4] == ["breadcrumb", "metadata", "metadata", "metadata"]
    assert kinds[-1] == "disclaimer"
    assert kinds.count("related") == 1 + 10 * 3
    assert "相关阅读" not in doc.text and "时间:09-03" not in doc.text and "免责声明" not in doc.text
    assert (doc.published, doc.published_source) == (dt.date(2025, 9, 2), "metadata")


# --- seed 002: a 55-character column without blank lines ----------------------------------------


def test_002_repaired(docs):
    doc = docs["002"]
    t = doc.text
    ps = paragraphs(doc)
    assert len(ps) == 2 and ps[0] == "经济观察智能算力年增速达65中国智算中心建设提速"
    for piece in [
        "截至2024年6月，中国在用算力中心机架总数超830万架",  # 2024⏎年
        "位居全球前列。其中，智能算力规模达76EFLOPS",  # ⏎。
        "截至2024年6月，“东数西算”工程带动投资超2000亿元",  # 202⏎4年
        "2023年数字经济占GDP比重超45",  # 2⏎023年
        "H100等高性能GPU供应受限",  # GP⏎U
        "“新引擎”。正如",  # ⏎”。
        "聚焦国产算力芯片，探索自主可控",  # ⏎，
    ]:
        assert piece in t, piece
    assert spans_of(doc, "2023年") == "2\n023年"
    assert spans_of(doc, "GPU供应") == "GP\nU供应"
    assert doc.published is None
    assert any("no publication date" in w for w in doc.warnings)
    assert doc.removed == []


# --- seed 003: newspaper page with furniture and letter spacing ---------------------------------


def test_003_furniture_removed(docs):
    doc = docs["003"]
    t = doc.text
    assert t.startswith("全国一体化算力网需努力实现计算互联\n——专访中国信息协会算力网专委会主任")
    assert t.count("全国一体化算力网需努力实现计算互联") == 1
    for gone in ["数字经济数字经济", "1616", "星期一", "编辑：", "组版", "邮箱", "stdaily", "王查娜", "孙立彬", "本报讯"]:
        assert gone not in t, gone
    kinds = {(r.kind, r.text) for r in doc.removed}
    assert ("header", "全国一体化算力网需努力实现计算互联") in kinds
    assert ("header", "数字经济数字经济1616") in kinds
    assert ("header", "2025年6月2日星期一") in kinds
    assert ("byline", "▶▶ 王查娜") in kinds and ("byline", "孙立彬") in kinds
    assert (doc.published, doc.published_source) == (dt.date(2025, 6, 2), "header")


def test_003_repaired(docs):
    doc = docs["003"]
    t = doc.text
    for piece in [
        "2020-2024年，中国智算算力规模始终保持年复合增长率超60%的高速增长。",
        "预计未来3年，中国智算算力将保持40%以上增速，2027年中国算力供给规模将达到4080EFlops。",
        "在科技部工作的30余年间",
        "截至2024年年底，中国算力总规模已位列全球第二",
        "据了解，2023年10月20日，中国算力网粤港澳大湾区调度中心正式上线。",
        "这是中国算力网项目全国首个区域级资源调度中心。",
        "一期工程连通20多家公共智算中心，汇聚智能算力规模达12E，",
        "算力指数每提升1%可带动GDP增长0.35%。",
        "达到全网100Tbps的目标",
        "吸引超过120家会员单位加入",
        "整体规模达到90.1亿元。",
        "同比增长76.2%，市场规模达63.3亿元；",
        "IDC中国企业级研究部的分析师陈启今表示，回顾2024年，",
        "围绕AI基础设施和平台提供的全生命周期服务",
        "“DeepSeek的快速出圈，",
        "形成中国自己的算力生态。“站在历史的交汇点上，",
    ]:
        assert piece in t, piece
    ps = paragraphs(doc)
    for heading in ["为全球算力发展提供中国经验", "打造便捷高效的算力服务", "算力体系构建存在复杂性"]:
        assert heading in ps
    assert ps[-1] == "中国智算专业服务市场呈多元竞争局面"
    assert spans_of(doc, "90.1亿元") == "90.1 亿元"
    assert spans_of(doc, "2023年10月20日") == "2023 年 10 月 20\n日"


# --- seed 004: Traditional script with pinyin glosses ---------------------------------------------


def test_004_simplified_without_glosses(docs):
    doc = docs["004"]
    t = doc.text
    info = norm_script.analyse(t)
    assert info.trad == 0 and not info.traditional
    assert not regex.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)", t)
    for keep in ["(Frontier)", "(IDC)", "(1次/秒)", "(百万次)", "(通用算力)", "(智算)", "(哈尔滨)"]:
        assert keep in t, keep
    assert t.startswith("工业和信息化部新闻发言人、信息通信发展司司长谢存在2026年1月21日举行的国新办新闻发布会上介绍")
    assert "智能算力规模超过1590 EFLOPS" in t and "725.3 EFLOPS" in t
    assert "影响着" in t and "随着" in t
    assert (doc.script, doc.region) == ("traditional", "mainland")
    assert doc.published is None  # 2026年1月21日 is an event date, not a publication date
    assert {r.kind for r in doc.removed} == {"caption", "metadata"}
    assert "新华社记者" not in t and "综编" not in t
    assert spans_of(doc, "工业和信息化部") == "工業(yè)和信息化部"


def test_004_every_char_maps_back(docs):
    doc = docs["004"]
    for i, ch in enumerate(doc.text):
        o = doc.original[doc.starts[i]:doc.ends[i]]
        assert o == ch or len(o) == 1, (ch, o)


# --- other outlets' conventions (not in the seeds) ---------------------------------------------


OTHER_OUTLETS = {
    "web_xinhua": (
        "新华网 > 正文\n我国算力总规模位居全球第二\n2025-09-04 10:21:35 来源：新华网\n【字体：大 中 小】\n"
        "　　新华社北京9月4日电（记者 周圆 王怡静）记者从工业和信息化部获悉，截至6月底，我国在用算力中心标准机架达1085万架。\n"
        "　　【纠错】\n责任编辑：王萌\n",
        ["我国算力总规模位居全球第二", "记者从工业和信息化部获悉，截至6月底，我国在用算力中心标准机架达1085万架。"],
        dt.date(2025, 9, 4),
        "mainland",
    ),
    "paper_page": (
        "人民日报 2025年06月02日 第 16 版\n算力网络建设提速\n本报记者 刘温馨\n"
        "　　本报北京6月1日电  记者从国家数据局获悉：截至今年5月底，全国已建成算力中心超过\n8000个，同比增长30%。\n"
        "　　（责任编辑：杨光宇）\n",
        ["算力网络建设提速", "记者从国家数据局获悉：截至今年5月底，全国已建成算力中心超过8000个，同比增长30%。"],
        dt.date(2025, 6, 2),
        "mainland",
    ),
    "portal_repost": (
        "原标题：智算中心建设进入快车道\n来源：证券时报\n　　据IDC预测，2025年中国智能算力规模将达到964.8EFLOPS。\n"
        "新浪声明：此消息系转载自新浪合作媒体，并不意味着赞同其观点。\n海量资讯、精准解读，尽在新浪财经APP\n责任编辑：常福强\n",
        ["据IDC预测，2025年中国智能算力规模将达到964.8EFLOPS。"],
        None,
        "mainland",
    ),
    "taiwan_cna": (
        "台積電資料中心用電量創新高\n（中央社記者張建中新竹4日電）台積電今天公布，伺服器相關營收達新台幣1.2兆元，記憶體需求強勁。\n"
        "（編輯：林家嫻）1140904\n",
        ["台积电数据中心用电量创新高", "台积电今天公布，服务器相关营收达新台币1.2兆元，内存需求强劲。"],
        dt.date(2025, 9, 4),
        "taiwan",
    ),
}


@pytest.mark.parametrize("name", sorted(OTHER_OUTLETS))
def test_other_outlets(name):
    raw, want, published, region = OTHER_OUTLETS[name]
    doc = normalize(raw)
    assert paragraphs(doc) == want
    assert doc.published == published
    assert doc.region == region
    assert normalize(doc.text).text == doc.text


# --- entry points and CLI -----------------------------------------------------------------------


def test_bytes_input_and_crlf():
    raw = SEED["000"].read_text(encoding="utf-8")
    crlf = raw.replace("\n", "\r\n")
    doc = normalize(crlf.encode("gb18030"))
    assert doc.encoding == "gb18030" and doc.original == crlf
    assert doc.text == normalize(raw).text
    assert spans_of(doc, "达1085万架") == "达\r\n\r\n1085万架"


def test_package_level_call():
    import zhfacts
    import zhfacts.normalize.normalizer  # noqa: F401  (importing the module must not rebind the function)

    assert zhfacts.normalize("截至 2024 年年底").text == "截至2024年年底"
    assert zhfacts.normalize("截至 2024 年年底").text == "截至2024年年底"  # still the function


def test_list_comma_typed_as_the_dot_radical_reads_as_the_list_comma():
    doc = normalize("出口升幅最高的是柔佛丶雪兰莪﹑槟城")
    assert doc.text == "出口升幅最高的是柔佛、雪兰莪、槟城"
    assert doc.original[doc.starts[10]:doc.ends[10]] == "丶"  # one for one: the original keeps what was typed


def test_empty_string():
    doc = normalize("")
    assert doc.text == "" and doc.paragraphs == [] and doc.warnings


def test_cli_normalize_text_and_json():
    from typer.testing import CliRunner

    from zhfacts.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["normalize", str(SEED["004"])])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("工业和信息化部新闻发言人")
    res = runner.invoke(app, ["normalize", "--json", "--published", "2026-01-22", str(SEED["000"])])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["published"] == "2026-01-22" and data["published_source"] == "override"
    assert len(data["offsets"]["starts"]) == len(data["text"])
    assert {r["kind"] for r in data["removed"]} == {"byline", "caption"}


@pytest.mark.parametrize("args", [["normalize", "missing.txt"], ["normalize", "--published", "2025-13-01", "x"]])
def test_cli_errors(args, tmp_path):
    from typer.testing import CliRunner

    from zhfacts.cli import app

    if "x" in args:
        args = args[:-1] + [str(SEED["000"])]
    else:
        args = ["normalize", str(tmp_path / "missing.txt")]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2
    assert "error[E" in res.output


def test_a_first_line_headline_with_a_comma_stays_a_paragraph():
    """A headline with a comma in it (甲公司上半年营收超五千亿,5G用户近六亿) above long paragraph lines is no
    wrapped line of the lead: it stays its own paragraph (a heading later in the text may hold no comma)."""
    body = ("2025年8月7日,丙通信公布了其2025年上半年的经营成果。公司实现营运收入5,438亿元人民币,其中通信服务收入为"
            "4,670亿元,较去年同期增长0.7%。公司税息折旧及摊销前利润为1,860亿元,同比增长2.0%。")
    more = ("截至报告期末,丙通信的移动用户总数达到10.05亿户,其中5G网络用户数为5.99亿户;有线宽带用户数达到3.23亿户。"
            "公司决定派发中期股息,每股股息为2.75港元,较去年同期增长5.8%,派息率保持稳定。")
    text = "丙通信2025上半年营收超五千亿,5G用户近六亿创新高\n" + body + "\n" + more + "\n" + body + "\n" + more + "\n"
    doc = normalize(text)
    first = doc.paragraphs[0]
    assert doc.text[first[0]:first[1]] == "丙通信2025上半年营收超五千亿,5G用户近六亿创新高"


def test_a_wire_credit_before_a_column_line_keeps_its_wrap():
    """A Hong Kong wire's credit cut off a hard-wrapped column's first line (《某社31日专讯》) leaves the line as wide
    as it was printed: the word the wrap split (纯⏎利) is joined, and the credit is gone."""
    text = ("《某某通訊社31日專訊》甲乙銀行(01234)公布截至今年6月底止中期業績,純\n"
            "利為52﹒36億元,按年增長約3%;每股盈利2﹒11元;宣派第二次中期股息為每股\n"
            "0﹒8元,今年上半年每股派息合共為1﹒6元,較去年上半年的1﹒5元升7%。\n"
            "集團指,期內營業收入淨額增長4%至101﹒82億元,營業溢利增加2%至63﹒5億\n"
            "元,各項業務表現穩健。\n")
    doc = normalize(text)
    assert "某某通讯社" not in doc.text
    assert "纯利为52.36亿元" in doc.text
    assert "63.5亿元" in doc.text
    first = doc.text.split("\n")[0]
    assert first.endswith("升7%。") and first.startswith("甲乙银行(01234)公布")
