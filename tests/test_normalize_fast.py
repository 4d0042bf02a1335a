"""The normalizer's fast paths give exactly what the straightforward code gives.

Each optimisation of the normalizer (issue: speed) is checked against a
reference: the earlier, plain implementation kept here (``_ref_*``), on the
seeds and on generated input (hypothesis). Covered: the boilerplate prefilter
(:mod:`zhfacts.normalize.guard`: a rule skipped on a line can never match it), the
rule sets' first match, character steps (half-width, spaces, pinyin glosses),
sentences, wrap detection, the decoder's plausibility score, YAML loading with
libyaml and the on-disk rules cache (lazy compiling must not let a bad pattern
through). No timing here: speed is measured by ``bench/normalizer_speed.py``.
"""
from __future__ import annotations

import os
import shutil
from bisect import bisect_left
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhfacts import cache as disk_cache
from zhfacts import io as zio
from zhfacts.normalize import chars as norm_chars
from zhfacts.normalize import guard as norm_guard
from zhfacts.normalize import layout as norm_layout
from zhfacts.normalize import tables as norm_rules
from zhfacts.normalize import script as norm_script
from zhfacts.normalize import sentences as norm_sentences
from zhfacts.errors import RuleError
from zhfacts.rules import rules_dir
from zhfacts.normalize.offsets import Buf, LazyPattern, apply_edits, delete_spans, sub
from zhfacts.normalize.normalizer import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SETTINGS = settings(
    max_examples=int(os.environ.get("ZHFACTS_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Lines of the kind the boilerplate rules are written for (and near misses).
BOILERPLATE = [
    "编辑：李洋", "责任编辑：王明", "（责任编辑：杨光宇）", "（編輯：林家嫻）1140904", "组版：沙欣", "邮箱：liy@stdaily.com",
    "记者 张三 摄", "新华社记者郎兵兵摄", "（记者 张三 摄）", "新华社发", "图为会场", "图片来源：网络", "图1：示意", "资料图",
    "2025年6月2日星期一", "2025年6月2日 星期二", "人民日报 2025年06月02日 第 16 版", "第16版", "A03版", "版次：A03",
    "数字经济数字经济1616", "数字经济 1616", "16 数字经济", "2025-09-02 08:39:00", "发布时间：2025/09/02",
    "2025-09-02 来源：经济日报", "2025年9月2日 08:39", "来源：新华网", "作者：王查娜", "原标题：算力", "文/王明", "（完）",
    "新华社北京9月4日电（记者周圆、王怡静）", "本报北京6月1日讯", "中新网9月2日电", "本报讯", "（本报记者 张三）",
    "（中央社记者张建中新竹4日电）", "（综编自新华社、北京日报等）", "（来源：人民网）", "（新华社北京9月4日电记者周圆）",
    "相关阅读", "相关新闻：", "【延伸阅读】", "• 某某新闻标题", "- 另一条", "标题……", "2025-09-01", "9月1日",
    "首页 > 财经 > 正文", "首页»新闻»正文", "新华网 > 正文", "当前位置：首页 > 新闻", "a > b > c > d",
    "分享到：", "分享 微信 微博 QQ", "点赞 12 收藏", "扫一扫", "打印本页", "关闭窗口", "返回顶部", "字号：大 中 小",
    "【大】【中】【小】", "尽在新浪财经APP", "下载人民日报客户端", "关注公众号", "版权所有", "Copyright © 2025",
    "京ICP备12345号", "本网转载", "凡本网注明", "免责声明：", "新浪声明：此消息系转载", "特别提示：",
    "联系电话：010-12345678", "▶▶ 王查娜", "王明", "欧阳明", "万亿", "孙立彬", "大 中 小", "(c) 2024 Example",
    "数据 数据 12 12", "٣ 数字经济 ٣", "数字经济٣٣", "数字经济 ١٦١٦",
]
LINE_ALPHABET = sorted(set("".join(BOILERPLATE) + "０１٣ \t，。：:()（）【】[]…..-/|»>→完终"))


def _seed_lines() -> list[str]:
    out = []
    for p in SEEDS:
        for raw in p.read_text(encoding="utf-8-sig").split("\n"):
            s = raw.strip(" \t")
            if s:
                out.append(s)
    return out


def _all_rule_sets():
    r = norm_layout.load_boilerplate()
    return [r.related_start, r.line_rules, r.prefix_rules, r.suffix_rules, r.related_item]


def _matches(rule, line):
    pat = rule[2]
    return pat.match(line) if rule[5] else pat.search(line)


def _admitted(rule, line) -> bool:
    """Does the prefilter let ``rule`` be tried on ``line``?"""
    g = norm_guard.guard(rule[2].pattern, bool(rule[5]))
    if g.max_len is not None and len(line) > g.max_len:
        return False
    other_digits = bool(regex.search(r"[^\D0-9]", line))
    for need in g.chars:
        if norm_guard.DIGIT in need and other_digits:
            continue
        if need.isdisjoint(line):
            return False
    for edge, ch in ((g.first, line[:1]), (g.last, "" if line.endswith("\n") else line[-1:])):
        if edge is None or not ch or (norm_guard.DIGIT in edge and other_digits):
            continue
        if ch not in edge:
            return False
    return True


# --- the prefilter never hides a match -------------------------------------------------


def test_guard_admits_every_match_on_seeds_and_boilerplate():
    lines = _seed_lines() + BOILERPLATE
    matched = 0
    for rs in _all_rule_sets():
        for rule in rs.rules:
            for line in lines:
                if _matches(rule, line):
                    matched += 1
                    assert _admitted(rule, line), (rule[0], line)
    assert matched > 50  # the lines do exercise the rules


@SETTINGS
@given(st.lists(st.sampled_from(LINE_ALPHABET + BOILERPLATE), min_size=1, max_size=12).map("".join))
def test_guard_admits_every_match_generated(line):
    for rs in _all_rule_sets():
        for rule in rs.rules:
            if _matches(rule, line):
                assert _admitted(rule, line), (rule[0], line)


def _ref_first(rs, line, index, top_lines, after_end, skip=None):
    """RuleSet.first without a prefilter: every rule in order."""
    for r in rs.rules:
        rid, kind, pat, max_len, context, anchored = r
        if max_len and len(line) > max_len:
            continue
        if context == "top" and index >= top_lines:
            continue
        if context == "after_end" and not after_end:
            continue
        m = pat.match(line) if anchored else pat.search(line)
        if m and not (skip and skip(r, line)):
            return r, m
    return None, None


@SETTINGS
@given(
    st.lists(st.sampled_from(LINE_ALPHABET + BOILERPLATE), min_size=1, max_size=10).map("".join),
    st.integers(0, 20),
    st.booleans(),
)
def test_first_equals_trying_every_rule(line, index, after_end):
    for rs in _all_rule_sets():
        got = rs.first(line, index, 12, after_end)
        want = _ref_first(rs, line, index, 12, after_end)
        assert (got[0] and got[0][0], got[1] and got[1].span()) == (want[0] and want[0][0], want[1] and want[1].span())
        # after_end given as a function (worked out on demand) gives the same
        got2 = rs.first(line, index, 12, lambda: after_end)
        assert (got2[0] and got2[0][0]) == (want[0] and want[0][0])


def test_first_on_seed_lines_equals_trying_every_rule():
    for line in _seed_lines() + BOILERPLATE:
        for rs in _all_rule_sets():
            for index, after_end in ((0, True), (30, False)):
                got = rs.first(line, index, 12, after_end)
                want = _ref_first(rs, line, index, 12, after_end)
                assert (got[0] and got[0][0]) == (want[0] and want[0][0]), line


@pytest.mark.parametrize(
    "pattern, anchored, first, last",
    [
        (r"^(?:首页|主页)[:：]?\s*[»>]", True, {"首", "主"}, None),
        (r"^\d{4}年\d{1,2}月\d{1,2}日$", True, set("0123456789") | {norm_guard.DIGIT}, {"日"}),
        (r"(?:摄|供图)[)）]?$", False, None, {"摄", "图", ")", "）"}),
        (r"^[\p{Han}]{2,4}(?P<n>\d{1,3})(?P=n)?$", True, None, set("0123456789") | {norm_guard.DIGIT}),
        (r"^.{2,40}(?<![。！？!?.])$", True, None, None),
        (r"^a?$", True, None, None),  # can match the empty line
        (r"^(?P<t>ab)(?P=t)\s*$", True, {"a"}, {"b"} | set(norm_guard._whitespace())),
    ],
)
def test_guard_first_last(pattern, anchored, first, last):
    regex.compile(pattern)
    g = norm_guard._analyse(pattern, anchored)
    assert (None if g.first is None else set(g.first)) == first
    assert (None if g.last is None else set(g.last)) == last


def test_whitespace_is_what_regex_matches():
    allc = "".join(chr(o) for o in range(0x110000) if not 0xD800 <= o < 0xE000)
    assert set(regex.findall(r"\s", allc)) == set(norm_guard._whitespace())


@pytest.mark.parametrize(
    "pattern, anchored, chars, max_len",
    [
        (r"^(?:首页|主页)[:：]?\s*[»>]", True, [{"首", "主"}, {"页"}, {"»", ">"}], None),
        (r"^\d{4}年\d{1,2}月\d{1,2}日$", True, [{"年"}, {"月"}, {"日"}], 11),
        (r"^(?:王|李)[\p{Han}]{1,2}$", True, [{"王", "李"}], 3),
        (r"(?:摄|供图)\s*[)）]?$", False, [{"摄", "供"}], None),
        (r"^[\p{Han}]{2,4}\s*(?P<n>\d{1,3})(?P=n)$", True, [set("0123456789") | {norm_guard.DIGIT}], None),
        (r"^.{2,40}(?<![。！？!?.])$", True, [], 40),
        (r"(?i)abc", False, [], None),  # inline flags: not analysed
        (r"(a)\1", False, [], None),  # numbered reference: not analysed
        (r"[[:alpha:]]x", False, [], None),  # nested set: not analysed
        (r"a{,3}b", False, [{"b"}], None),
        (r"(?=.*(?:分享|点赞))(?:分享|点赞|\d)+$", False, [{"分", "点"}, {"享", "赞"}], None),
    ],
)
def test_guard_conditions(pattern, anchored, chars, max_len):
    regex.compile(pattern)  # the cases are valid patterns
    g = norm_guard._analyse(pattern, anchored)
    assert g.max_len == max_len
    got = [set(c) for c in g.chars]
    for need in chars:  # each expected condition is there (the rarest ones are kept)
        assert need in got or not got, (need, got)
    if not chars:
        assert got == []


def test_guard_parse_rejects_unknown_syntax():
    for p in (r"(?P>x)", r"\K", r"(?(1)a|b)", r"a{x}", r"\L<words>", r"(?#c)"):
        with pytest.raises(ValueError):
            norm_guard.parse(p)


# --- character steps ---------------------------------------------------------------------


def _ref_to_halfwidth(buf):
    if norm_chars._ALWAYS_RE.search(buf.text):
        from zhfacts.normalize.offsets import translate

        buf = translate(buf, norm_chars._ALWAYS_TABLE)
    return sub(buf, norm_chars._CONTEXT_RE, lambda m: norm_chars._CONTEXT_MAP[m.group()], charwise=True)


def _ref_close_spaces(buf):
    text = buf.text
    wide = norm_chars._WIDE_CHAR_RE.match

    def repl(m):
        s, e = m.start(), m.end()
        if wide(text, s - 1) or wide(text, e):
            # (a sentence's end, spaces, the next sentence: one space, a paragraph break after the layout step)
            end = text[s - 1] in "。！？" or (text[s - 1] in "”」』" and s > 1 and text[s - 2] in "。！？")
            joined = s > 1 and e + 1 < len(text) and not text[s - 2].isspace() and text[e + 1] != " " \
                and buf.starts[e + 1] == buf.ends[e] and buf.starts[s - 1] == buf.ends[s - 2]
            return " " if end and joined and (wide(text, e) or text[e].isalnum()) and not norm_chars._letter_spaced(text, text.rfind("\n", 0, s) + 1, (text + "\n").find("\n", s)) else ""
        return " " if e - s > 1 else None

    return sub(buf, norm_chars._SPACE_RUN_RE, repl)


def _ref_drop_glosses(buf):
    matches = list(norm_chars._GLOSS_RE.finditer(buf.text))
    if not matches:
        return buf
    toned = sum(1 for m in matches if norm_chars._is_pinyin(m.group(1), need_tone=True))
    edits = [(m.start(), m.end(), "") for m in matches if norm_chars._is_pinyin(m.group(1), need_tone=toned < 3)]
    return apply_edits(buf, edits) if edits else buf


def _same(a, b):
    return (a.text, a.starts, a.ends) == (b.text, b.starts, b.ends)


CHAR_TEXT = st.text(
    alphabet=st.sampled_from(list("中国年 a1Z．／＠：＋－仟佰萬元１２Ａ\u3000\t\u00a0 (（)）yèdegōngshù '?\ufffd\n。，-")),
    max_size=40,
)


def _buf(text: str) -> Buf:
    return Buf(text, [2 * i for i in range(len(text))], [2 * i + 1 for i in range(len(text))])


@SETTINGS
@given(CHAR_TEXT)
def test_char_steps_equal_reference(text):
    b = _buf(text)
    assert _same(norm_chars.to_halfwidth(b), _ref_to_halfwidth(b))
    assert _same(norm_chars.close_spaces(b), _ref_close_spaces(b))
    assert (norm_chars.close_spaces(b) is b) == (_ref_close_spaces(b) is b)
    assert _same(norm_chars.drop_pinyin_glosses(b), _ref_drop_glosses(b))
    assert [m.span() for m in norm_chars._gloss_matches(text)] == [m.span() for m in norm_chars._GLOSS_RE.finditer(text)]


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("0123456789aZ．／＠：＋－仟佰億 中-.\r\n\u2028\u200b\x0b\u3000\t１Ａ％")), max_size=30))
def test_fix_chars_equals_the_three_steps(text):
    b = _buf(text)
    want = _ref_to_halfwidth(norm_chars.drop_invisible(norm_chars.unify_line_ends(b)))
    assert _same(norm_chars.fix_chars(b), want)
    assert _same(norm_chars.to_halfwidth(b), _ref_to_halfwidth(b))
    assert norm_chars._context_fix(text) == norm_chars._CONTEXT_RE.sub(lambda m: norm_chars._CONTEXT_MAP[m.group()], text)


def test_bankers_place_characters_read_in_amounts():
    # 仟/佰 between a digit and the next place of an amount are 千/百, one character for one; elsewhere kept
    for text, want in (("营业利益218億5仟萬元", "营业利益218億5千萬元"), ("净利85億2佰萬元", "净利85億2百萬元"),
                       ("伍仟元", "伍仟元"), ("仟佰", "仟佰"), ("5仟人", "5仟人")):
        out = norm_chars.to_halfwidth(_buf(text))
        assert out.text == want and len(out.starts) == len(text)


def test_char_steps_on_seeds_equal_reference():
    for p in SEEDS:
        b = Buf.identity(p.read_text(encoding="utf-8-sig"))
        assert _same(norm_chars.to_halfwidth(b), _ref_to_halfwidth(b))
        assert _same(norm_chars.close_spaces(b), _ref_close_spaces(b))
        assert _same(norm_chars.drop_pinyin_glosses(b), _ref_drop_glosses(b))
        want = _ref_to_halfwidth(norm_chars.drop_invisible(norm_chars.unify_line_ends(b)))
        assert _same(norm_chars.fix_chars(b), want)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 5)), max_size=6), st.text(max_size=30))
def test_delete_spans_equals_apply_edits(raw, text):
    spans, pos = [], 0
    for a, k in sorted(raw):
        s = max(a, pos)
        e = min(s + k, len(text))
        if s <= len(text):
            spans.append((s, e))
            pos = e
    b = _buf(text)
    assert _same(delete_spans(b, spans), apply_edits(b, [(s, e, "") for s, e in spans]))


def test_identity_map():
    for n in (0, 1, 5, 4096, 5000, (1 << 18) - 1, (1 << 18) + 3):
        b = Buf.identity("x" * n)
        assert list(b.starts) == list(range(n)) and list(b.ends) == list(range(1, n + 1))
    b1, b2 = Buf.identity("abc"), Buf.identity("abc")
    b1.starts.append(99)  # maps are never shared between documents
    assert list(b2.starts) == [0, 1, 2]


def test_offset_maps_are_machine_integers():
    """4 bytes a character, not a Python int each; lists given to a Buf are converted."""
    b = apply_edits(Buf.identity("ab cd"), [(2, 3, "")])
    assert b.starts.typecode == b.ends.typecode == "i" and b.starts.itemsize == 4
    assert Buf("xy", [0, 1], [1, 2]).starts.typecode == "i"


def test_lazy_pattern():
    lp = LazyPattern(r"a(b)", regex.I)
    assert lp.pattern == r"a(b)" and lp._compiled is None
    assert lp.search("xAB").span() == (1, 3)
    assert lp.compiled() is lp.compiled()


# --- sentences, layout, script -------------------------------------------------------------

MAX_ENCLOSED = norm_sentences.MAX_ENCLOSED


def _ref_enclosed(text, s, e):
    stack, pairs = [], []
    for m in norm_sentences._SPECIAL_RE.finditer(text, s, e):
        ch, p = m.group(), m.start()
        if ch == '"':
            if stack and stack[-1][0] == '"':
                o = stack.pop()[1]
                if p - o <= MAX_ENCLOSED:
                    pairs.append((o, p))
            else:
                stack.append((ch, p))
        elif ch in norm_sentences.PAIRS:
            stack.append((ch, p))
        elif ch in norm_sentences._CLOSE_TO_OPEN:
            want = norm_sentences._CLOSE_TO_OPEN[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    o = stack[k][1]
                    del stack[k:]
                    if p - o <= MAX_ENCLOSED:
                        pairs.append((o, p))
                    break
    return pairs


def _ref_sentence_spans(text, paragraphs=None):
    if paragraphs is None:
        paragraphs = norm_sentences.paragraph_spans(text)
    out = []
    for ps, pe in paragraphs:
        outer, start = None, ps
        for x in sorted({m.end() for m in norm_sentences._TERM_RUN_RE.finditer(text, ps, pe)}
                        | {x for m in norm_sentences._CITE_END_RE.finditer(text, ps, pe)
                           for x in ((m.start("head"), m.end("head")) if m.group("head") else (m.end(),))}):
            if outer is None:
                outer = norm_sentences._outer(_ref_enclosed(text, ps, pe))
            k = bisect_left(outer[0], x) - 1
            if k >= 0 and x <= outer[1][k]:
                continue
            if x > start:
                out.append((start, x))
                start = x
        if start < pe:
            out.append((start, pe))
    return out


# single characters and the pieces of a citation run and a dash bullet
SENT_TEXT = st.lists(st.sampled_from(list("。！？!?；;…“”‘’「」『』（）()【】《》〈〉［］\"'中a1\n\n") + ["[1]", "- ", "-", " ", "ab- "]),
                     max_size=40).map("".join)


@SETTINGS
@given(SENT_TEXT, st.lists(st.integers(0, 60), max_size=4))
def test_sentence_spans_equal_reference(text, cuts):
    assert norm_sentences.sentence_spans(text) == _ref_sentence_spans(text)
    assert norm_sentences._enclosed(text, 0, len(text)) == _ref_enclosed(text, 0, len(text))
    # paragraphs that are not whole lines take the per-paragraph path
    bounds = sorted(min(c, len(text)) for c in cuts)
    paras = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    assert norm_sentences.sentence_spans(text, paras) == _ref_sentence_spans(text, paras)


def test_citation_runs_end_sentences():
    """A summarised page's citation run ends a statement before a dash bullet or a heading and its dash."""
    def pieces(t):
        return [t[a:b] for a, b in norm_sentences.sentence_spans(t)]
    assert pieces("甲市数据中心机架达1.2万架[2][5]产业布局- 2024年全球市场规模为8.8亿美元") == [
        "甲市数据中心机架达1.2万架[2][5]", "产业布局", "- 2024年全球市场规模为8.8亿美元"]
    assert pieces("收入同比增长21.5% [1] - 三季度毛利率为30.2%") == ["收入同比增长21.5% [1] ", "- 三季度毛利率为30.2%"]
    assert pieces("毛利率提升0.8个百分点[3] -预计全年收入为12.5亿元") == ["毛利率提升0.8个百分点[3] ", "-预计全年收入为12.5亿元"]
    # a footnote inside a statement, a range written with a dash, a dash with no citation before it: one sentence
    for t in ("据某机构[3]统计，出货量为120万台", "净利润为93.5亿元- 98.5亿元", "产能规划- 2026年投产"):
        assert pieces(t) == [t]


def test_sentence_spans_on_seeds_equal_reference():
    for p in SEEDS:
        doc = normalize(p.read_text(encoding="utf-8-sig"))
        assert norm_sentences.sentence_spans(doc.text, doc.paragraphs) == _ref_sentence_spans(doc.text, doc.paragraphs)


def _ref_wrapped(values, ends):
    pairs = [(v, e) for v, e in zip(values, ends) if v >= 4]
    if len(pairs) < 3:
        return False, 0.0, 0.0
    ws = sorted(v for v, _ in pairs)
    w = ws[int(0.8 * (len(ws) - 1))]
    frac = sum(1 for v in ws if 0.8 * w <= v <= 1.1 * w) / len(ws)
    full = [e for v, e in pairs if 0.8 * w <= v <= 1.1 * w]  # (a column's lines: at least half of them left open)
    if len(ws) >= 5 and w <= 240 and frac >= 0.5 and sum(not e for e in full) >= 0.5 * len(full):
        return True, float(w), frac
    cont = sorted(v for v, e in pairs if not e)
    if len(cont) >= 2:
        wc = cont[int(0.8 * (len(cont) - 1))]
        cluster = sum(1 for v in cont if 0.85 * wc <= v <= 1.1 * wc)
        if wc <= 240 and cluster >= 2 and cluster >= 0.25 * len(pairs) and wc >= 0.7 * w:
            return True, float(wc), cluster / len(cont)
    return False, float(w), 0.0


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from([0, 3, 4, 5, 10, 17, 20, 21, 22, 24, 25, 30, 200, 241]), st.booleans()), max_size=14))
def test_wrapped_equals_reference(rows):
    values, ends = [v for v, _ in rows], [e for _, e in rows]
    assert norm_layout._wrapped(values, ends) == _ref_wrapped(values, ends)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("。！？!?….”’」』）)》】〉\"'][\\a中 ")), max_size=10))
def test_para_end_equals_regex(s):
    assert norm_layout._para_end(s) == bool(norm_layout.PARA_END_RE.search(s))


def test_region_and_cues_with_character_sets():
    for p in SEEDS:
        t = p.read_text(encoding="utf-8-sig")
        info = norm_script.analyse(t)
        plain = info.plain(t)
        assert info.plain_chars() == set(plain)
        assert norm_script.detect_region(plain, info.plain_chars()) == norm_script.detect_region(plain)
        found = {k: [c for c in cues if c in plain] for k, cues in norm_script._cues().items()}
        assert norm_script.find_cues(plain, set(plain)) == norm_script.find_cues(plain) == found
        han = len(regex.findall(r"\p{Han}", t[: norm_script._SAMPLE]))
        assert info.han == han


def test_lines_with_finds_every_line_holding_the_characters():
    text = "甲乙\n\n丙為\n丁\n為為戊\n"
    assert norm_script._lines_with(text, {"為"}) == [(4, "丙為"), (9, "為為戊")]
    assert norm_script._lines_with(text, set()) == []


# --- decoding ----------------------------------------------------------------------------


def _ref_plausibility(text):
    sample = text[:4000]
    if not sample:
        return 0.0
    neutral = simp = trad = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x80 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027:
            neutral += 1
        elif 0x4E00 <= o <= 0x9FFF:
            try:
                b = ch.encode("gb2312")
                if 0xB0 <= b[0] <= 0xD7:
                    simp += 1
            except UnicodeEncodeError:
                pass
            try:
                b = ch.encode("big5")
                if 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E:
                    trad += 1
            except UnicodeEncodeError:
                pass
    return (neutral + max(simp, trad)) / len(sample)


@SETTINGS
@given(st.text(max_size=300))
def test_plausibility_equals_reference(text):
    assert zio._plausibility(text) == _ref_plausibility(text)


def test_plausibility_on_seeds_equals_reference():
    for p in SEEDS:
        t = p.read_text(encoding="utf-8-sig")
        assert zio._plausibility(t) == _ref_plausibility(t)


# --- rule loading: libyaml, the on-disk cache ----------------------------------------------


def test_libyaml_loads_the_rule_files_like_the_pure_loader():
    yaml = pytest.importorskip("yaml")
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    for f in sorted(Path(norm_rules.rules_dir()).glob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.safe_load(text), f.name
        assert norm_rules.load(f.name) == yaml.safe_load(text)


def _reset_rule_state():
    disk_cache.reset()
    norm_rules.load.cache_clear()
    norm_rules._rules_dir_str.cache_clear()
    norm_guard.guard.cache_clear()
    norm_layout.load_boilerplate.cache_clear()
    norm_layout._flattened_rule.cache_clear()
    norm_script._settings.cache_clear()
    norm_script._cues.cache_clear()
    norm_script._cue_sets.cache_clear()
    norm_script._table.cache_clear()


@pytest.fixture
def fresh_rules(monkeypatch, tmp_path):
    """Rule loading as in a new process, with the cache in ``tmp_path / "cache"``."""
    monkeypatch.setenv("ZHFACTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ZHFACTS_NO_CACHE", raising=False)
    _reset_rule_state()
    yield tmp_path
    monkeypatch.undo()
    _reset_rule_state()


def _outputs():
    return [normalize(p.read_text(encoding="utf-8-sig")).to_json() for p in SEEDS]


def test_rules_cache_gives_the_same_results(fresh_rules, monkeypatch):
    first = _outputs()  # fills the cache
    cache_file = Path(disk_cache.path())
    assert cache_file.parent == fresh_rules / "cache" and cache_file.is_file()
    _reset_rule_state()
    rules = norm_layout.load_boilerplate()  # "a new process": patterns known to compile come lazily
    assert any(isinstance(r[2], LazyPattern) for r in rules.line_rules.rules)
    assert _outputs() == first
    monkeypatch.setenv("ZHFACTS_NO_CACHE", "1")
    _reset_rule_state()
    rules = norm_layout.load_boilerplate()
    assert not any(isinstance(r[2], LazyPattern) for r in rules.line_rules.rules)
    assert _outputs() == first


def test_rules_cache_never_lets_a_bad_pattern_through(fresh_rules, monkeypatch):
    norm_layout.load_boilerplate()  # the good patterns are now known to compile
    rules_copy = fresh_rules / "rules"
    shutil.copytree(rules_dir(), rules_copy)
    f = rules_copy / "normalize" / "boilerplate.yaml"
    text = f.read_text(encoding="utf-8")
    good = "pattern: '^[【\\[]?(?:来源"
    assert good in text
    f.write_text(text.replace(good, "pattern: '^[【\\[]?((?:来源", 1), encoding="utf-8")  # an unclosed group
    monkeypatch.setenv("ZHFACTS_RULES", str(rules_copy))
    _reset_rule_state()
    with pytest.raises(RuleError, match="metadata.keyed.*bad regex"):
        norm_layout.load_boilerplate()


def _edited_rules(tmp: Path, monkeypatch, name: str, old: str, new: str) -> Path:
    """A copy of the rules with ``old`` replaced by ``new`` in normalize/``name``, in use from now on."""
    rules_copy = tmp / "rules"
    shutil.copytree(rules_dir(), rules_copy)
    f = rules_copy / "normalize" / name
    f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_RULES", str(rules_copy))
    _reset_rule_state()
    return rules_copy


def test_a_key_written_twice_in_a_normalize_rule_is_an_error(fresh_rules, monkeypatch):
    # YAML keeps the second of two equal keys silently: a second kind: of a rule would replace the first unseen
    _edited_rules(fresh_rules, monkeypatch, "boilerplate.yaml", "top_lines: 12", "top_lines: 12\ntop_lines: 7")
    with pytest.raises(RuleError, match="duplicate key 'top_lines'"):
        norm_layout.load_boilerplate()


def test_a_bad_trailing_headlines_entry_names_its_key(fresh_rules, monkeypatch):
    # boilerplate.yaml related.trailing is validated on load: a word where a number belongs, a regex that fails
    _edited_rules(fresh_rules, monkeypatch, "boilerplate.yaml", "    min_body: 300\n", "    min_body: many\n")
    with pytest.raises(RuleError, match="boilerplate.yaml: related.trailing.min_body"):
        norm_layout.load_boilerplate()
    monkeypatch.delenv("ZHFACTS_RULES")  # (the next copy is of the project's rules again)
    _edited_rules(fresh_rules / "b", monkeypatch, "boilerplate.yaml", "    not_line: '。|", "    not_line: '(。|")
    with pytest.raises(RuleError, match="related.trailing.not_line: invalid regex"):
        norm_layout.load_boilerplate()


def test_rules_cache_follows_edited_files(fresh_rules, monkeypatch):
    norm_layout.load_boilerplate()
    _edited_rules(fresh_rules, monkeypatch, "boilerplate.yaml", "top_lines: 12", "top_lines: 7")
    assert norm_layout.load_boilerplate().top_lines == 7


def test_rules_cache_dropped_when_stale_or_broken(fresh_rules):
    norm_layout.load_boilerplate()
    cache_file = Path(disk_cache.path())
    cache_file.write_bytes(b"not marshal data")
    _reset_rule_state()
    rules = norm_layout.load_boilerplate()  # a broken cache is ignored (and rewritten)
    assert not any(isinstance(r[2], LazyPattern) for r in rules.line_rules.rules)
    data = disk_cache.decode(str(cache_file))
    assert data is not None  # rewritten
    data["env"] = ("another", "environment")
    cache_file.write_bytes(disk_cache.encode(data))
    _reset_rule_state()
    rules = norm_layout.load_boilerplate()  # written by another regex / PyYAML / code version: not used
    assert not any(isinstance(r[2], LazyPattern) for r in rules.line_rules.rules)


@pytest.mark.parametrize("old, new, message", [
    ("    min_rows: 2\n", "    min_rows: two\n", "flattened_tables entry 'layout.table.flattened': min_rows must be a positive integer"),
    ("    count_words: [数]", "    count_words: [\"\"]", "flattened_tables entry 'layout.table.flattened': count_words must be a list"),
    ("    pattern: '单位\\s?[:：]", "    pattern: '(单位\\s?[:：]", "flattened_tables"),
    ("    unit_cell: '[千万亿]", "    unit_cell: '([千万亿]", "flattened_tables entry 'layout.table.flattened': unit_cell must be a regex"),
])
def test_flattened_table_rule_is_checked_on_load(fresh_rules, monkeypatch, old, new, message):
    """layout.yaml flattened_tables: a bad setting is named at load, with its file, key and entry."""
    _edited_rules(fresh_rules, monkeypatch, "layout.yaml", old, new)
    with pytest.raises(RuleError, match=regex.escape(message)):
        norm_layout._flattened_rule()


def test_number_chars_are_checked_on_load(fresh_rules, monkeypatch):
    """script.yaml number_chars: an entry of two characters is named at load."""
    _edited_rules(fresh_rules, monkeypatch, "script.yaml", "number_chars: [億,", "number_chars: [億萬,")
    with pytest.raises(RuleError, match="script.yaml: key 'number_chars' entry '億萬'"):
        norm_script._settings()


def test_bad_yaml_message_unchanged(fresh_rules, monkeypatch):
    rules_copy = fresh_rules / "rules"
    shutil.copytree(rules_dir(), rules_copy)
    (rules_copy / "normalize" / "script.yaml").write_text("not_evidence: [a, b\n", encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_RULES", str(rules_copy))
    _reset_rule_state()
    with pytest.raises(RuleError) as exc:
        norm_rules.load("script.yaml")
    msg = str(exc.value)
    assert "is not valid YAML" in msg and str(rules_copy / "normalize" / "script.yaml") in msg and "line" in msg
    (rules_copy / "normalize" / "names.yaml").unlink()
    with pytest.raises(RuleError, match="names.yaml is missing"):
        norm_rules.load("names.yaml")
