"""Unit tests of each normalization step (each ``Buf -> Buf`` with an exact offset map)."""
from __future__ import annotations

import pytest

from zhfacts.normalize import chars as norm_chars
from zhfacts.normalize import html as norm_html
from zhfacts.normalize import layout as norm_layout
from zhfacts.normalize import script as norm_script
from zhfacts.normalize import sentences as norm_sentences
from zhfacts.normalize.offsets import Buf, apply_edits, sub
from zhfacts.normalize.normalizer import normalize


def check_map(buf: Buf, original: str) -> None:
    """Invariants of an offset map."""
    assert len(buf.starts) == len(buf.ends) == len(buf.text)
    for i in range(len(buf.text)):
        assert 0 <= buf.starts[i] <= buf.ends[i] <= len(original)
        if i:
            assert buf.starts[i - 1] <= buf.starts[i]
            assert buf.ends[i - 1] <= buf.ends[i]


def src(buf: Buf, original: str, s: int, e: int) -> str:
    os_, oe = buf.orig_range(s, e)
    return original[os_:oe]


# --- the offset map ------------------------------------------------------------------


def test_apply_edits_composes():
    orig = "ab  cd\r\nef"
    b = Buf.identity(orig)
    b = apply_edits(b, [(2, 4, " "), (6, 8, "\n")])
    assert b.text == "ab cd\nef"
    check_map(b, orig)
    assert src(b, orig, 2, 3) == "  "
    assert src(b, orig, 5, 6) == "\r\n"
    b2 = apply_edits(b, [(0, 1, "A", True), (2, 3, "")])
    assert b2.text == "Abcd\nef"
    assert src(b2, orig, 0, 1) == "a"
    assert src(b2, orig, 1, 3) == "b  c"  # the deleted space is inside the span
    check_map(b2, orig)


def test_block_replacement_and_insertion():
    orig = "記憶體很貴"
    b = apply_edits(Buf.identity(orig), [(0, 3, "内存"), (5, 5, "。")])
    assert b.text == "内存很貴。"
    assert src(b, orig, 0, 1) == "記憶體"
    assert src(b, orig, 1, 2) == "記憶體"
    assert b.orig_range(4, 5) == (5, 5)  # inserted: empty range at its place
    check_map(b, orig)


def test_bad_edits_rejected():
    with pytest.raises(ValueError):
        apply_edits(Buf.identity("abc"), [(2, 3, "x"), (1, 2, "y")])


def test_sub_callable_none_keeps():
    b = sub(Buf.identity("a1b2"), r"\d", lambda m: None if m.group() == "1" else "X")
    assert b.text == "a1bX"


# --- characters ------------------------------------------------------------------------


def test_line_ends():
    orig = "一\r\n二\r三\u2028四"
    b = norm_chars.unify_line_ends(Buf.identity(orig))
    assert b.text == "一\n二\n三\n四"
    assert src(b, orig, 1, 2) == "\r\n"


def test_invisible():
    orig = "算\u200b力\ufeff规\u00ad模"
    b = norm_chars.drop_invisible(Buf.identity(orig))
    assert b.text == "算力规模"
    check_map(b, orig)


@pytest.mark.parametrize(
    "raw,want",
    [
        ("１．６万亿", "1.6万亿"),
        ("增长６５％", "增长65%"),
        ("ＧＰＵ和ＡＩ", "GPU和AI"),
        ("时延１ｍｓ", "时延1ms"),
        ("５－１５ｋＷ", "5-15kW"),
        ("１／２", "1/2"),
        ("０８：３９", "08:39"),
        ("数据，显示。ＡＢ．", "数据，显示。AB．"),  # Chinese punctuation kept
        ("全角\u3000空格", "全角 空格"),
        ("增长1·8%，下降2・9％", "增长1.8%，下降2.9%"),  # a middle dot inside a percentage is its point
        ("5·12地震，3·15晚会，1·8万", "5·12地震，3·15晚会，1·8万"),  # days and other dots stay
    ],
)
def test_halfwidth(raw, want):
    b = norm_chars.to_halfwidth(Buf.identity(raw))
    assert b.text == want
    assert len(b.text) == len(raw)
    check_map(b, raw)


@pytest.mark.parametrize(
    "raw,want",
    [
        ("工業(yè)和信息化部", "工業和信息化部"),
        ("發(fā)展（zhǎn）", "發展"),
        ("中國(zhōng guó)", "中國"),
        ("北京日?(bào)等", "北京日?等"),
        ("产量【liàng】增长到48亿千【qiān】瓦时", "产量增长到48亿千瓦时"),  # (a site's glosses in lenticular brackets)
    ],
)
def test_pinyin_glosses_removed(raw, want):
    b = norm_chars.drop_pinyin_glosses(Buf.identity(raw))
    assert b.text == want
    check_map(b, raw)


@pytest.mark.parametrize(
    "raw",
    [
        "平均电能利用效率(PUE)降至1.42",
        "超级计算机“前沿”(Frontier),峰值",
        "国际数据公司(IDC)与",
        "国家网安基地(武汉)算力中心",
        "计算器速度(1次/秒)计算",
        "报告(2024年)显示",
        "人工智能(AI)的",
        "时延(ms)和功率(kW)",
        "项目(de)命名",  # toneless and no toned gloss elsewhere: kept
        "【hello】",
        "星期一【快讯】",
    ],
)
def test_real_parentheses_kept(raw):
    assert norm_chars.drop_pinyin_glosses(Buf.identity(raw)).text == raw


@pytest.mark.parametrize(
    "step,raw,want",
    [
        # a copy's doubled commas
        ("drop_stray_commas", "据甲关统计,,1-4月,,甲省进出口总值1.2万亿元", "据甲关统计,1-4月,甲省进出口总值1.2万亿元"),
        ("drop_stray_commas", "对东盟,、中东和非洲分别进出口", "对东盟、中东和非洲分别进出口"),
        ("drop_stray_commas", "分别居全国第3,、第2和第6位,。", "分别居全国第3、第2和第6位。"),
        ("drop_stray_commas", "营收1,234亿元，增长5%，", "营收1,234亿元，增长5%，"),  # (a thousands separator and single marks stay)
        # a page's markdown emphasis
        ("drop_emphasis_marks", "**甲乙与丙丁枢纽**的机架数量在全国占比都在**15%以上**", "甲乙与丙丁枢纽的机架数量在全国占比都在15%以上"),
        ("drop_emphasis_marks", "***上架率***：56%", "上架率：56%"),
        ("drop_emphasis_marks", "* ppt: 百分点\n资产负债比率# (%) 64", "* ppt: 百分点\n资产负债比率# (%) 64"),  # (a lone * marks a footnote)
    ],
)
def test_marks_a_copy_leaves_are_dropped(step, raw, want):
    b = getattr(norm_chars, step)(Buf.identity(raw))
    assert b.text == want
    check_map(b, raw)


def test_break_flattened_keeps_a_line_that_spaces_every_sentence():
    # a line whose every sentence end is followed by a space (two or more: the page's style) is one paragraph;
    # the other lines are read on their own
    raw = "净收入为16.3亿元，增长38%。 服务收入为16.2亿元。 净亏损为2.7亿元。\n甲乙。 丙丁。戊己。"
    out = norm_chars.break_flattened(Buf.identity(raw))
    assert out.text == "净收入为16.3亿元，增长38%。 服务收入为16.2亿元。 净亏损为2.7亿元。\n甲乙。\n丙丁。戊己。"
    check_map(out, raw)


def test_toneless_gloss_only_in_gloss_heavy_text():
    raw = "工業(yè)發(fā)展(zhǎn)國(guó)的(de)"
    assert norm_chars.drop_pinyin_glosses(Buf.identity(raw)).text == "工業發展國的"


@pytest.mark.parametrize(
    "raw,want",
    [
        ("完 成 扩 容 300 台 智 算 服 务 器", "完成扩容300台智算服务器"),
        ("据 了 解 ，2023 年 10 月 20", "据了解，2023年10月20"),
        ("截至 2024 年年底", "截至2024年年底"),
        ("规模达到 90.1 亿元", "规模达到90.1亿元"),
        ("超过1590 EFLOPS,位居", "超过1590 EFLOPS,位居"),
        ("围绕 AI 基础设施", "围绕AI基础设施"),
        ("NVIDIA   H100 GPU", "NVIDIA H100 GPU"),
        ("2025-09-02 08:39:00", "2025-09-02 08:39:00"),
        ("“DeepSeek 的 快 速 出 圈 ，", "“DeepSeek的快速出圈，"),
        # a decimal point a typesetter spaced out joins its digits again (never a sentence's point and a number)
        ("同比增长11 . 8%，完成546 . 5亿元", "同比增长11.8%，完成546.5亿元"),
        ("version 2. Then 3 items", "version 2. Then 3 items"),
        # an item's number at a line's start and the item's first figure: two numbers (1. 2030年…, never 1.203)
        ("导语\n1. 2030 年迎来爆发\n 2. 106年某项", "导语\n1. 2030年迎来爆发\n 2. 106年某项"),
        ("增速为\n12 . 5%", "增速为\n12.5%"),
    ],
)
def test_close_spaces(raw, want):
    b = norm_chars.close_spaces(Buf.identity(raw))
    assert b.text == want
    check_map(b, raw)


def test_flattened_paragraph_break_restored():
    # a repost that flattened its paragraphs into spaces after a sentence's end: each is a paragraph again,
    # and the line break maps back to the spaces it replaces; spaces inside a sentence only close up
    raw = "全市新增机架3000架，同比增长12%。  2024年以来，全市新建智算中心4个。 数据要素加快流通。交易额达8亿 元。"
    doc = normalize(raw)
    assert doc.text.split("\n") == ["全市新增机架3000架，同比增长12%。", "2024年以来，全市新建智算中心4个。",
                                     "数据要素加快流通。交易额达8亿元。"]
    first_break = doc.text.index("\n")
    assert doc.original[doc.starts[first_break]:doc.ends[first_break]] == "  "
    assert [doc.text[a:b] for a, b in doc.paragraphs] == doc.text.split("\n")


def test_break_flattened_turns_each_space_after_an_end_mark_into_a_line_break():
    # one character for one: the text's spaces after 。！？ (or a closing quote after one) become line
    # breaks, the offset maps are the buffer's own, and a buffer with no such space is returned as it is
    # (a line that also runs a sentence on with no space, 再增！再说: its spaced ends are flattened breaks)
    raw = "营收增长12%。 他说：“利润翻倍。” 明年再增！再说。 数据 要素"
    buf = Buf.identity(raw)
    out = norm_chars.break_flattened(buf)
    assert out.text == "营收增长12%。\n他说：“利润翻倍。”\n明年再增！再说。\n数据 要素"
    assert out.starts is buf.starts and out.ends is buf.ends
    check_map(out, raw)
    plain = Buf.identity("数据 要素。")
    assert norm_chars.break_flattened(plain) is plain


@pytest.mark.parametrize("raw, want", [
    # a headline set in phrases: each phrase space is a clause boundary, a comma
    ("營收續創高 乙科去年全年營收破1.2兆元\n乙科今日公布營收。", "營收續創高，乙科去年全年營收破1.2兆元\n乙科今日公布營收。"),
    ("大雨照常交易 港股曾挫210點 收跌96點", "大雨照常交易，港股曾挫210點 收跌96點"),
    # (a newspaper's header: no phrase of two Han characters on both sides)
    ("人民日报 2025年06月02日 第 16 版", "人民日报 2025年06月02日 第 16 版"),
    # a first line with a sentence's end is a lead, no headline: untouched (close_spaces closes its spaces)
    ("乙科今日公布 全年營收破1.2兆元。", "乙科今日公布 全年營收破1.2兆元。"),
    # a space next to a digit or a Latin word is no phrase space here
    ("全年營收 1.2兆元 AI 伺服器", "全年營收 1.2兆元 AI 伺服器"),
])
def test_headline_phrase_spaces_become_commas(raw, want):
    b = norm_chars.headline_phrases(Buf.identity(raw))
    assert b.text == want
    check_map(b, raw)
    assert src(b, raw, 0, len(b.text)) == raw
    for i, ch in enumerate(b.text):
        if ch == "，" and "，" not in raw:
            s, e = b.orig_range(i, i + 1)
            assert s == e and raw[s - 1] == " "  # (the comma writes nothing of the original: an empty range after the space)


def test_headline_phrases_in_a_document_but_never_a_byline():
    doc = normalize("營收續創高 乙科去年全年營收破1.2兆元\n乙科今日公布，全年營收達1.23兆元。\n")
    assert doc.text.split("\n")[0] == "营收续创高，乙科去年全年营收破1.2兆元"
    # a byline on the first line is page furniture: cut as before, its spaces no commas
    doc = normalize("某某财经报记者 甲乙 实习生丙丁 临江报道\n3月18日，某公司发布年报，营收10.2亿元。\n")
    assert doc.text == "3月18日，某公司发布年报，营收10.2亿元。"


def test_close_spaces_keeps_line_edges_and_newlines():
    raw = "  算 力\n 规 模  "
    assert norm_chars.close_spaces(Buf.identity(raw)).text == "  算力\n 规模  "


# --- script -------------------------------------------------------------------------------


SIMPLIFIED_SAMPLES = ["什么是算力？后来他著名了，么", "华为昇腾384超节点", "我们的数据中心在哪里", "干净的面条"]


@pytest.mark.parametrize("text", SIMPLIFIED_SAMPLES)
def test_simplified_unchanged(text):
    info = norm_script.analyse(text)
    assert info.script == "simplified"
    out, config = norm_script.to_simplified(Buf.identity(text), info)
    assert out.text == text and config is None


def test_taiwan_vocabulary_and_phrase_map():
    raw = "台灣的伺服器與資料中心產業持續成長，記憶體價格上漲。"
    info = norm_script.analyse(raw)
    assert info.script == "traditional"
    b, config = norm_script.to_simplified(Buf.identity(raw), info)
    assert config == "tw2sp"
    assert b.text == "台湾的服务器与数据中心产业持续成长，内存价格上涨。"
    check_map(b, raw)
    i = b.text.index("内存")
    assert src(b, raw, i, i + 2) == "記憶體"
    j = b.text.index("服务器")
    assert src(b, raw, j, j + 3) == "伺服器"
    assert norm_script.detect_region(info.plain(raw)) == "taiwan"


def test_tw2sp_phrase_kept_where_it_is_wrong():
    raw = "這項指標在智慧城市與伺服器產業中很重要，政府撥出50億元補助。年營收跨越千億美元關卡達到1,224億美元。"
    b, config = norm_script.to_simplified(Buf.identity(raw))
    assert config == "tw2sp"
    assert "指标" in b.text and "指针" not in b.text and "服务器" in b.text
    assert "政府拨出50亿元补助" in b.text and "呼出" not in b.text
    assert "关卡达到1,224亿美元" in b.text and "卡塔尔" not in b.text  # (卡達 is Qatar only as a word of its own)
    raw = "核心國防支出達8136億元，房屋儲備金回撥212億元，執行副總裁表示今年還將新增約5座資料中心。"
    b, config = norm_script.to_simplified(Buf.identity(raw))
    assert config == "tw2sp" and "核心国防支出" in b.text and "回拨212亿元" in b.text
    assert "执行副总裁" in b.text and "新增约5座数据中心" in b.text


def test_mainland_article_in_traditional_script():
    raw = "工業和信息化部介紹，我國已建成萬卡智算集群42個，隨著需求增長，影響著生活。華為昇騰晶片"
    info = norm_script.analyse(raw)
    assert info.script == "traditional"
    assert norm_script.detect_region(info.plain(raw)) == "mainland"
    b, _ = norm_script.to_simplified(Buf.identity(raw), info)
    assert "工业和信息化部" in b.text and "我国已建成万卡智算集群42个" in b.text
    assert "随着" in b.text and "影响着" in b.text
    assert "昇腾" in b.text  # not 升腾


def test_traditional_quote_in_simplified_text():
    raw = "据报道，\n「這項資料顯示，臺灣記憶體產業規模擴大」\n这是简体段落，什么都不变。"
    info = norm_script.analyse(raw)
    b, _ = norm_script.to_simplified(Buf.identity(raw), info)
    lines = b.text.split("\n")
    assert lines[0] == "据报道，" and lines[2] == "这是简体段落，什么都不变。"
    assert "显示" in lines[1] and "产业" in lines[1]


def test_one_taiwan_word_is_not_a_region():
    # mainland text may use one Taiwan-flavoured word; a region needs an institution or two words
    assert norm_script.detect_region("海量资讯，程序员的数位生活") == "mainland"
    assert norm_script.detect_region("伺服器与记忆体需求强劲") == "taiwan"
    assert norm_script.detect_region("台湾经济部表示") == "taiwan"
    assert norm_script.detect_region("台湾地区，国务院台办表示") == "mainland"


def test_long_traditional_line_is_chunked():
    raw = "工業和信息化部表示，隨著算力需求增長，我國數據中心規模持續擴大。" * 40
    b, _ = norm_script.to_simplified(Buf.identity(raw))
    assert b.text == "工业和信息化部表示，随着算力需求增长，我国数据中心规模持续扩大。" * 40
    check_map(b, raw)


def test_hongkong_region():
    raw = "香港特區政府公布，港元存款增加，立法會通過撥款。"
    info = norm_script.analyse(raw)
    assert norm_script.detect_region(info.plain(raw)) == "hongkong"
    b, config = norm_script.to_simplified(Buf.identity(raw), info)
    assert config == "hk2s" and "特区政府" in b.text


# --- layout: boilerplate -----------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, str]]:
    b = Buf.identity(text)
    lines, cuts = norm_layout.classify_lines(b)
    return [(c.kind, c.rule) for c in cuts]


@pytest.mark.parametrize(
    "line,kind",
    [
        ("首页»财经»经济观察", "breadcrumb"),
        ("当前位置：首页 > 新闻 > 科技", "breadcrumb"),
        ("2025-09-02 08:39:00", "metadata"),
        ("发布时间：2025年9月2日 08:39", "metadata"),
        ("2025/09/02 来源：新华网", "metadata"),
        ("来源:经济日报", "metadata"),
        ("原标题:算力产业量质齐升", "metadata"),
        ("2025年6月2日星期一", "header"),
        ("数字经济数字经济1616", "header"),
        ("第16版：数字经济", "header"),
        ("编辑：李洋组版：沙欣", "byline"),
        ("责任编辑：张三", "byline"),
        ("邮箱：liy@stdaily.com", "byline"),
        ("▶▶王查娜", "byline"),
        ("本报记者 王小明 李华", "byline"),
        ("（新华社北京9月4日电记者周圆、王怡静）", "byline"),
        ("工作人员在机房内巡检。新华社记者郎兵兵摄", "caption"),
        ("2025年11月2日拍摄的计算中心服务器。新华社记者黄博涵摄", "caption"),
        ("图为数据中心机房。", "caption"),
        ("免责声明:本网对文中陈述、观点判断保持中立。", "disclaimer"),
        ("Copyright © 2025 人民网 版权所有", "disclaimer"),
        ("京ICP备12345678号", "disclaimer"),
        ("分享到：微信 微博 QQ", "widget"),
        ("【字体：大 中 小】", "widget"),
        ("新华网 > 正文", "breadcrumb"),
        ("人民日报 2025年06月02日 第 16 版", "header"),
        ("新浪声明：此消息系转载自合作媒体，不代表本网观点。", "disclaimer"),
        ("海量资讯、精准解读，尽在新浪财经APP", "widget"),
        ("（编辑：林家娴）1140904", "byline"),
    ],
)
def test_line_rules(line, kind):
    got = kinds("正文第一段。\n" + line + "\n正文第二段。")
    assert got and got[0][0] == kind, got


@pytest.mark.parametrize(
    "line",
    [
        "截至今年6月底，我国在用算力中心标准机架达1085万架。",
        "记者调研发现，算力正深刻重构各行业。",
        "打印机出货量增长20%。",
        "3版本的系统已经上线。",
        "高速发展",
        "2024年，中国算力产业迎来跨越式发展。",
        "数据来源于工业和信息化部。",
    ],
)
def test_body_lines_kept(line):
    assert kinds("正文第一段。\n" + line + "\n正文第二段。") == []


def test_bare_name_only_after_a_finished_paragraph():
    assert kinds("市场玩家正处于竞争关键变革期。\n孙立彬\n下一篇文章标题") == [("byline", "byline.bare_name")]
    # in the middle of a wrapped paragraph it is text
    assert kinds("市场玩家正处于竞争关键\n孙立彬\n下一篇") == []


def test_related_block():
    text = "正文。\n• 相关阅读\n• 另一篇文章的标题\n人民网北京9月3日电 几年前，一位创作者回到村里...\n时间:09-03\n免责声明:本网保持中立。"
    got = kinds(text)
    assert [k for k, _ in got] == ["related", "related", "related", "related", "disclaimer"]


def test_related_block_ends_at_body_text():
    text = "正文。\n相关新闻\n标题一\n这是一段很长的正文内容，它以句号结束，而且明显不是链接列表中的条目，也不是摘要片段。"
    got = kinds(text)
    assert [k for k, _ in got] == ["related", "related"]


def test_prefix_and_suffix_rules():
    b = Buf.identity("新华社北京9月4日电（记者周圆）截至6月底，机架达1085万架。（完）")
    lines, cuts = norm_layout.classify_lines(b)
    kept = [ln for ln in lines if ln.kept][0]
    assert b.text[kept.start:kept.end] == "截至6月底，机架达1085万架。"
    assert [c.kind for c in cuts] == ["byline", "metadata"]


@pytest.mark.parametrize(
    "line,body",
    [
        ("本报讯（记者 王小明）近日，规模达90.1亿元。", "近日，规模达90.1亿元。"),
        ("本报北京6月1日电 记者从国家数据局获悉：规模达280EFLOPS。", "记者从国家数据局获悉：规模达280EFLOPS。"),
        ("（中央社记者张建中新竹4日电）台积电今天公布营收。", "台积电今天公布营收。"),
        ("中新网9月2日电 据消息，近日发布通知。", "据消息，近日发布通知。"),
    ],
)
def test_dateline_prefixes(line, body):
    b = Buf.identity("标题\n" + line)
    lines, cuts = norm_layout.classify_lines(b)
    kept = [b.text[ln.start:ln.end] for ln in lines if ln.kept]
    assert kept == ["标题", body]
    assert cuts and cuts[0].kind == "byline"


def test_doubled_title():
    b = Buf.identity("全国一体化算力网需努力实现计算互联全国一体化算力网需努力实现计算互联\n正文。")
    lines, cuts = norm_layout.classify_lines(b)
    assert b.text[lines[0].start:lines[0].end] == "全国一体化算力网需努力实现计算互联"
    assert cuts[0].rule == "header.doubled_title"


# --- layout: joining wrapped lines -----------------------------------------------------------


def norm_text(raw: str) -> str:
    return normalize(raw).text


def test_number_and_word_breaks_joined_in_wrapped_text():
    raw = (
        "2024年，中国算力产业迎来跨越式发展，智能算力成为数字经济核心驱动力。据中国信息通信研究院数据，截至2024\n"
        "年6月，中国在用算力中心机架总数超830万架，算力总规模达246EFLOPS每秒百亿亿次浮点运算，位居全球前列\n"
        "。其中，智能算力规模达76EFLOPS，占总算力比例持续攀升。国家发展改革委数据显示，截至202\n"
        "4年6月，“东数西算”工程带动投资超2000亿元，显著提升算力供给能力。例如，英伟达等高性能GP\n"
        "U供应受限，迫使国内企业加速研发自主芯片，华为等国产芯片已取得进展，但在生态上仍需追赶。\n"
    )
    out = norm_text(raw)
    assert "\n" not in out
    assert "截至2024年6月" in out and "前列。其中" in out and "GPU供应" in out


# web text (no column width): lines a page cut inside a sentence run on; headings and finished paragraphs stay apart
WEB_LINE_CASES = [
    pytest.param(  # a rate cut from its change verb (同比增长⏎12.6%); a heading ending with 增长 above a rate stays
        "甲市前三季度出口820.4亿元,同比增长\n12.6%。\n工业生产稳步增长\n5.2%的企业表示乐观。\n",
        ["甲市前三季度出口820.4亿元,同比增长12.6%。", "工业生产稳步增长", "5.2%的企业表示乐观。"],
        id="rate_after_change_verb"),
    pytest.param(  # a page that sets Chinese text with ASCII commas: a line ending with one never ends a paragraph
        "财报显示,今年上半年,\n甲电信营业收入1820亿元,同比增长2.1%。\n下一段。\n",
        ["财报显示,今年上半年,甲电信营业收入1820亿元,同比增长2.1%。", "下一段。"],
        id="ascii_comma"),
    pytest.param(  # a line that stops mid-word after a finished sentence (…。其中乙类设备新⏎⏎增订单…) runs on
        "前三季度新增订单58.2亿元,同比增长约31.5%。其中乙类设备新\n\n增订单40.6亿元。\n\n二、工业生产\n\n全年增加值增长5%。\n",
        ["前三季度新增订单58.2亿元,同比增长约31.5%。其中乙类设备新增订单40.6亿元。", "二、工业生产", "全年增加值增长5%。"],
        id="mid_clause_after_a_sentence"),
    pytest.param(  # paragraphs of about one length that each end a sentence are no column: a headline with no end mark
        # above them stays apart from the paragraph under it (never …仍需时日9月2日晚间)
        "- +1\n青禾储能前三季度利润增近两成,钠电池量产仍需时日\n"
        "9月2日晚间,青禾储能披露2026年半年度报告,今年上半年公司营业收入为412.6亿元,较上年同期增加9.8%;归母净利润为55.3亿元,同比增加18.4%。\n"
        "报告称,上半年青禾储能储能系统、电芯两大产品合计贡献总收入的八成以上,储能系统收入占比升至52.7%,电芯收入占比降至31.2%,两者此消彼长。\n"
        "按地区划分,上半年公司海外收入为140.2亿元,占总收入的34.0%,国内收入同比增长3.3%,海外收入同比增长22.6%,海外业务毛利率高于国内。\n"
        "另外,储能系统毛利率同比上升2.1个百分点至24.8%;电芯毛利率为19.6%,公司整体产能利用率维持在85%左右,较去年同期略有回升。\n",
        ["- +1", "青禾储能前三季度利润增近两成,钠电池量产仍需时日",
         "9月2日晚间,青禾储能披露2026年半年度报告,今年上半年公司营业收入为412.6亿元,较上年同期增加9.8%;归母净利润为55.3亿元,同比增加18.4%。",
         "报告称,上半年青禾储能储能系统、电芯两大产品合计贡献总收入的八成以上,储能系统收入占比升至52.7%,电芯收入占比降至31.2%,两者此消彼长。",
         "按地区划分,上半年公司海外收入为140.2亿元,占总收入的34.0%,国内收入同比增长3.3%,海外收入同比增长22.6%,海外业务毛利率高于国内。",
         "另外,储能系统毛利率同比上升2.1个百分点至24.8%;电芯毛利率为19.6%,公司整体产能利用率维持在85%左右,较去年同期略有回升。"],
        id="paragraphs_of_one_length"),
    pytest.param(  # a line of clauses with no end mark yet (…,采购贸易出口成倍增⏎长,…) runs on
        "在省内主要城市中,甲市外贸增速居前列,民营企业进出口增长近五成,采购贸易出口成倍增\n长,外贸保持稳中提质态势。\n",
        ["在省内主要城市中,甲市外贸增速居前列,民营企业进出口增长近五成,采购贸易出口成倍增长,外贸保持稳中提质态势。"],
        id="clauses_with_no_end"),
]


@pytest.mark.parametrize("raw, paragraphs", WEB_LINE_CASES)
def test_web_lines_cut_inside_a_sentence_run_on(raw, paragraphs):
    assert norm_text(raw).split("\n") == paragraphs


def test_newspaper_column_with_blank_lines():
    raw = (
        "基础底座不断夯实\n\n今年以来，“扩容”频频成为各地算力中心的\n\n关键词。\n\n"
        "截至6月底，我国在用算力中心标准机架达\n\n1085万架，算力总规模位居全球第二。运载力方\n\n"
        "面，规划建设超过250条“东数西算”干线光缆。存\n\n储力方面，存储容量持续增长，存力总规模超过\n\n1680EB。\n\n"
        "在武汉未来科技城，中国电信中部智算中心\n\n完 成 扩 容 300 台 智 算 服 务 器 ，算 力 规 模 超\n\n"
        "2000PFLOPS；在甘肃枢纽庆阳数据中心集群，机\n\n架规模达到3.1万架。\n"
    )
    assert norm_text(raw).split("\n") == [
        "基础底座不断夯实",
        "今年以来，“扩容”频频成为各地算力中心的关键词。",
        "截至6月底，我国在用算力中心标准机架达1085万架，算力总规模位居全球第二。运载力方面，规划建设超过250条“东数西算”干线光缆。存储力方面，存储容量持续增长，存力总规模超过1680EB。",
        "在武汉未来科技城，中国电信中部智算中心完成扩容300台智算服务器，算力规模超2000PFLOPS；在甘肃枢纽庆阳数据中心集群，机架规模达到3.1万架。",
    ]


def test_heading_over_two_lines():
    raw = (
        "重要基础设施。\n\n为全球算力发展\n提供中国经验\n\n随着人工智能技术（AI）的\n\n快速发展，特别是大模型、多模\n\n"
        "态融合等技术的兴起，对算力\n\n的需求呈爆发式增长。梅建平\n\n强调，算力作为人工智能发展\n\n的核心要素之一。\n"
    )
    assert norm_text(raw).split("\n") == [
        "重要基础设施。",
        "为全球算力发展提供中国经验",
        "随着人工智能技术（AI）的快速发展，特别是大模型、多模态融合等技术的兴起，对算力的需求呈爆发式增长。梅建平强调，算力作为人工智能发展的核心要素之一。",
    ]


def test_web_paragraphs_kept():
    raw = "算力产业量质齐升\n\n  智能算力加快增长\n\n  算力即计算能力，是新型生产力。\n\n  当前，算力重要性不断凸显\n\n  推理需求或成为核心驱动力。\n"
    assert norm_text(raw).split("\n") == [
        "算力产业量质齐升",
        "智能算力加快增长",
        "算力即计算能力，是新型生产力。",
        "当前，算力重要性不断凸显",
        "推理需求或成为核心驱动力。",
    ]


def test_number_break_joined_in_web_text():
    raw = "截至今年6月底，在用标准机架达\n\n1085万架。\n\n数据显示，规模达到2024\n年6月的水平，增长1\n5%。"
    assert norm_text(raw).split("\n") == ["截至今年6月底，在用标准机架达1085万架。", "数据显示，规模达到2024年6月的水平，增长15%。"]


def test_numbered_item_after_a_title_is_its_own_line():
    # a title ending in 计 (统计, as in 共计) is no number cut by a wrap: the item 2. starts its line
    raw = "某市8月份电信业务统计\n2.同比：业务收入增加3.1%。\n3.环比：业务收入增加1.2%。"
    assert norm_text(raw).split("\n") == ["某市8月份电信业务统计", "2.同比：业务收入增加3.1%。", "3.环比：业务收入增加1.2%。"]
    assert norm_text("全年合计\n1.5万架。") == "全年合计1.5万架。"  # a decimal after it is still joined


def test_table_rows_split_by_bars_stay_lines():
    # a row of cells split by | is a line of its own: never joined to the next row or to prose
    raw = "某公司公布业绩。\n指标 | 2025Q1 |\n营业收入 | 8.62亿元 |\n净利润 | 2.15亿元 |\n公司计划扩产。"
    assert [line.replace(" ", "") for line in norm_text(raw).split("\n")] == [
        "某公司公布业绩。", "指标|2025Q1|", "营业收入|8.62亿元|", "净利润|2.15亿元|", "公司计划扩产。"]


# --- sentences ---------------------------------------------------------------------------------


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in norm_sentences.sentence_spans(text)]


def test_sentences_basic_and_decimals():
    assert sents("PUE降至1.42。规模达788EFLOPS！增长了吗？是的；很快……然后") == [
        "PUE降至1.42。",
        "规模达788EFLOPS！",
        "增长了吗？",
        "是的；",
        "很快……",
        "然后",
    ]


def test_sentences_quotes_and_brackets():
    text = "他说：“算力即国力。我们要加快。”通过政策（包括补贴。税收）推进。“我国处于关键期。”魏亮说。（详见附件。）后文"
    assert sents(text) == [
        "他说：“算力即国力。我们要加快。”",
        "通过政策（包括补贴。税收）推进。",
        "“我国处于关键期。”",
        "魏亮说。",
        "（详见附件。）",
        "后文",
    ]


def test_unclosed_quote_does_not_swallow_paragraph():
    text = "他说：“算力即国力。" + "这是很长的一句话，" * 40 + "结束。最后一句。"
    out = sents(text)
    assert len(out) >= 3 and out[-1] == "最后一句。"


def test_sentences_per_paragraph():
    text = "标题\n第一句。第二句\n第三句。"
    assert sents(text) == ["标题", "第一句。", "第二句", "第三句。"]


# --- HTML ----------------------------------------------------------------------------------------


HTML = """<!DOCTYPE html><html><head><title>算力产业量质齐升</title>
<style>p { color: red }</style><script>var s = "<p>不是正文。</p>";</script></head>
<body><div class="nav">首页 &raquo; 财经 &raquo; 经济观察</div>
<h1>算力产业量质齐升</h1>
<div class="info">2025-09-02 08:39:00&nbsp;来源：经济日报</div>
<p>&#12288;&#12288;截至今年6月底，我国在用算力中心标准机架达<b>1085</b>万架，
智能算力规模达788&nbsp;EFLOPS。</p><!-- 注释 -->
<p>全国算力中心平均电能利用效率（PUE）降至１．４２。</p>
<p>分享到：微信 微博 QQ</p></body></html>"""


def test_html_detection():
    assert norm_html.looks_like_html(HTML)
    assert not norm_html.looks_like_html("算力 <规模> 达到 a<b 的水平。")


def test_html_document():
    doc = normalize(HTML)
    assert doc.text.split("\n") == [
        "算力产业量质齐升",
        "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788 EFLOPS。",
        "全国算力中心平均电能利用效率（PUE）降至1.42。",
    ]
    assert doc.published is not None and doc.published.isoformat() == "2025-09-02"
    i = doc.text.index("1085万架")
    assert doc.original_slice(i, i + 6) == "1085</b>万架"
    j = doc.text.index("1.42")
    assert doc.original_slice(j, j + 4) == "１．４２"
    assert {r.kind for r in doc.removed} >= {"breadcrumb", "metadata", "widget"}


def test_letter_spaced_lines_close_up_digits_and_latin_too():
    from zhfacts.normalize.normalizer import normalize

    raw = "一 期 项 目 总 投 资 2 8 . 6 亿 元 ， 智 能 算 力 规 模 达 到 1 0 0 0 P F L O P S 。\n算力规模超过1590 EFLOPS，部署 AI 芯片。"
    doc = normalize(raw)
    assert doc.text.split("\n")[0] == "一期项目总投资28.6亿元，智能算力规模达到1000PFLOPS。"
    assert "1590 EFLOPS" in doc.text  # ordinary word spacing is kept
    s = doc.text.index("28.6亿元")
    assert doc.original_slice(s, s + len("28.6亿元")) == "2 8 . 6 亿 元"


def test_letter_spaced_line_cut_inside_a_unit_keeps_the_word_space():
    # a hard wrap inside the unit leaves one Latin letter at the line's end: it is the
    # start of a word (EFLOPS), not letter spacing, so the space before it stays
    from zhfacts.normalize.normalizer import normalize

    raw = "数 据 显 示 ， 该 省 智 能 算 力 规 模 超 过 2470 E\nFLOPS ， 居 全 国 前 列 。"
    doc = normalize(raw)
    assert doc.text == "数据显示，该省智能算力规模超过2470 EFLOPS，居全国前列。"
    spaced = normalize("规 模 达 到 1 0 0 0 P F L O P S 。 总 投 资 3 亿 元 。")
    assert spaced.text == "规模达到1000PFLOPS。总投资3亿元。"


@pytest.mark.parametrize(
    "raw,want",
    [
        ("人口 年末全市户籍人口52.7万人", "人口，年末全市户籍人口52.7万人"),  # a bulletin's section tag
        ("一、综合\n粮食　全年播种面积41.2万亩", "一、综合\n粮食，全年播种面积41.2万亩"),
        ("中新社 临江5月3日电", "中新社 临江5月3日电"),  # an agency's dateline: left to the furniture rules
        ("本报记者 甲乙 丙丁", "本报记者 甲乙 丙丁"),  # a byline
        ("项目 本报告期 上年同期", "项目 本报告期 上年同期"),  # a table's spaced cells
        ("完 成 扩 容 300 台", "完 成 扩 容 300 台"),  # letter-spaced: left to close_letter_spacing
    ],
)
def test_section_tag_space_is_a_clause_boundary(raw, want):
    b = norm_chars.tag_spaces(Buf.identity(raw))
    assert b.text == want
    check_map(b, raw)
