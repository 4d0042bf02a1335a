"""Fact assembly: tie each value mention to its entity, metric, date and kind.

Works paragraph by paragraph over the normalized text:
- date: the contract's convention, a running date per paragraph (a date governs
  the values after it in its sentence and then the later values of its
  paragraph until another date appears; never values before it);
- entity: a scored choice among the candidate holders (:mod:`.attribution`,
  weights in rules/attribution.yaml), else the document's default (warning);
- metric: the phrase between the entity (or clause start) and the predicate,
  plus the noun a measure word counts (300台智算服务器) or a 的-phrase (36%的年复合增长率);
  a lone verb or cue word (metrics.yaml lone_words) is carried from the value before;
- kind: target and forecast cues of rules/kinds.yaml, else a date after publication.
"""
from __future__ import annotations

import datetime as _dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import attrgetter, itemgetter

import regex

from zhfacts.cache import compiled  # (the largest patterns: rebuilt from the on-disk cache)
from zhfacts.extract.attribution import EXAMPLE_BRACKET as _EXAMPLE_BRACKET, clause_at, closed_gloss
from zhfacts.extract.filings import cell_metric, first_cell, line_cells, table_row
from zhfacts.extract.dates import (NO_DOC_DATES, DateMention, DocDates, advance, date_end, date_start, listed_date,
                                   range_listed_date, scoped_date)
from zhfacts.extract.entities import NAME_TAGS as _NAME_TAGS, QUOTE_MARKS, Candidate, EntityFinder, last_match as _last
from zhfacts.extract.numerals import to_json_number
from zhfacts.extract.firstchars import stdlib_first
from zhfacts.extract.lists import CHANGE_BASES, clause_start as _clause_start
from zhfacts.normalize.guard import DIGIT_RE, excluded
from zhfacts.normalize.layout import PARA_CLOSERS
from zhfacts.rules import Rules
from zhfacts.extract.values import ValueMention, declaration_patterns

# a comma between digits in thousands (5,000元) cuts no clause
# (港股收官 | 恒指…: a title's bar too, and a dash between clauses, …颇为亮眼——实现营收x; a label's colon right
# before its amount, 总投资:60000万元, joins the label to it)
_CLAUSE_SEP = regex.compile(r"[，；;|｜]|——|[：:](?!\s?[约近逾超]?\d+(?:[.,]\d+)*\s?[万亿]?(?:元|万元|亿元|%|个|家|台|套|吨|亩))"
                            r"|,(?!(?<=\d,)\d{3}(?!\d))")
_CHENG_WORD = regex.compile(r"^(?:近|约|超|逾|不足|将近)?[一二三四五六七八九两]成(?:以上|左右|多)?$")
_value_start = attrgetter("start")
_PHRASE_DASH = regex.compile(r"^.*\p{Han}[-—–](?=[\p{Han}A-Za-z])")  # (a list's dash between phrases: the last one)
# a note's or a source's reference mark (第二产业[2]增加值, …增长9.5% [2][4] - 经调整利润): no part of a metric
_REFERENCE_MARK = regex.compile(r"[\[［][0-9０-９]{1,2}[\]］]")
_COPULAS = frozenset(("为", "达", "达到", "是", "录得"))  # (经济成长为x: the copula after the change word)
_MULTIPLE_DIGITS = frozenset("一二两三四五六七八九十")
_CLAUSE_WORDS = 12  # characters of a clause's words, taken as a metric when no quantity is found (to their word's end)
_CLIP_SLACK = 3  # characters past _CLAUSE_WORDS at most, to end the word they cut
_token_end = itemgetter(3)  # a jieba token (word, tag, start, end); tokens tile the text in order
_QUOTES = "“”\"'‘’「」『』"
_EDGE_MARKS = " ，,、：:/／" + _QUOTES  # (stripped off both ends of a metric's phrase: Assembler._strip; the slashes left of a list of dates)
_POST_STOP = set("，。；：、！？,.;:!?（）()《》 \n的和与及或等在为是将已")
_BRACKETED = regex.compile(r"[（(][^（()）]*[)）]")
_PLACEHOLDER = "数值"  # the metric of a figure nothing in its text names (no words, no unit noun)
# (2030年之前, 2027年前投入: the deadline a date ends with; never 前沿, 前十, 前三季度)
_DEADLINE_TAIL = regex.compile(r"之前|以前|前(?=[，,、投建完实达累新将要全基])")
_BARE_BRACKET = regex.compile(r"[（(]\s?\Z")  # (a figure alone in a bracket: 智能电视(94.1%))
_ATTRIBUTIVE_AMOUNT = regex.compile(r"的\s?(?:港币|港元|人民币|美元|新台币)?\s?$")  # 在…上的(港币)x亿元[预算]: before its noun
_MODEL_CODE = regex.compile(r"[A-Za-z]+\d|\d[A-Za-z]")  # GB300, 5G: a model or a code, no comparison's term
# a bracket that glosses a word of a metric (its Chinese name, a stock code); an abbreviation (PUE) may name it
_GLOSS = stdlib_first(r"[（(](?![A-Za-z][A-Za-z0-9/&.-]{0,9}[)）])[^（()）]*[)）]")
_WORDLIKE = stdlib_first(r"[\p{Han}A-Za-z]+")
_CHANGE_START = stdlib_first(r"(?:由|从)(?:[^，,。；;由从]{0,12}?的)?\s?$")  # 将由x提升至y: x starts the change
_LATIN_NAME_AFTER = regex.compile(r"^\s?[（(][A-Za-z][A-Za-z0-9 .&\-]*[)）]")
_TERM_MAX = 12  # the longest term before a rate (十二个月期, 100年期) a search looks back for
_PHRASE = regex.compile(r"[\p{Han}A-Za-z0-9]+")
_COUNT = regex.compile(r"(?<![A-Za-z0-9.])\d+(?![A-Za-z0-9.])")  # a number of its own (9个月), not a model's (5G, x86)
_NUMBERISH = regex.compile(r"[0-9.]+|[零〇一二两三四五六七八九十百千万亿]+(?=[个台家张亿万元%])")
_RATE_UNITS = ("%", "pp", "倍")
_CLOSE_RX = stdlib_first(r"[）)]")
_FROM = regex.compile(r"[从由]")
_BRACKET_CLAUSE = regex.compile(r"[，,、；;]")
_HAN_WORD = regex.compile(r"\p{Han}{1,4}")
_UNIT_GLOSS = stdlib_first(r"[（(][A-Za-z\p{Han}]{1,6}[)）](?=\p{Han})")  # 4.1吉瓦(GW)电力容量
_GLOSS_BEFORE = regex.compile(r"[（(][^（()）\d]{1,10}[)）]$")
_ITEM_BOUNDARY = regex.compile(r"(?r)[，,、；;：:。）)]")
_POST_STOP_TAGS = {"l", "i", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "x", "m", "f"}

# items a list names between two holders the entity finder knows (、某某、): short names, each after a 、
_UNNAMED_ITEMS = regex.compile(r"(?:、\p{Han}{2,4})+、")
_START = attrgetter("start")  # (a mention's start: the key values are sorted by)


@dataclass
class MetricRules:
    predicates: list[str]
    verb_predicates: set[str]
    growth_predicates: set[str]
    strip_leading: list[str]
    strip_trailing: list[str]
    canonical: dict[str, str]
    percent_cues: list[str]
    post_stop: set[str]
    rate_words: set[str]
    bounded: list[tuple[list[str], float, float, str | None, str]]  # (names, lo, hi, repair, id)
    not_metric: "regex.Pattern"  # cut from a metric: comparison baselines, time frames
    currency_end: "regex.Pattern"  # a currency form at the end of a metric (units.yaml)
    list_joiners: frozenset[str]
    lone_words: frozenset[str]  # never a metric on their own (续, 力争, 公布)
    list_tail_by_predicate: dict[str, str]  # 运营商和金融行业分别占…: the noun 占 stands for (占比)
    lone_rx: "regex.Pattern"  # never a metric either: 扬升至, 拉高至, 估计到, a single character
    by_value_cues: tuple[str, ...]  # 以 before a value: the verb after it names the amount (以5亿元中标)
    keep_trailing: tuple[str, ...]  # nouns ending with a strip_trailing word (产能, 性能)
    keep_leading: tuple[str, ...]  # words beginning with a strip_leading word (其余, 其他)
    qualifier_words: tuple[str, ...]  # words ending with a qualifier character (出超, 入超)
    object_verb: "regex.Pattern"  # 上调其目标价至: a verb whose object is the quantity
    fragments: tuple  # (pattern, keep_object): a verb, adverb or preposition run that names no quantity (仅次于, 于…签订)
    # (verb, noun, unit kinds or None): 终场收在1,050元 -> 收盘价, 预留3亿元 -> 预留款项 (longest verb first)
    verb_nouns: tuple[tuple[str, str, frozenset | None, bool], ...]  # (verb, noun, unit kinds, the verb alone only)
    interleaved_cues: tuple[str, ...]  # 依序为甲x、乙y: each item names its value within the metric
    change_tail: "regex.Pattern"  # the change word ending a metric (收入按年增长): cut for the quantity itself
    change_to: tuple[str, ...]  # 增长14%[至]14.7亿: what leads from a change to the amount it reached
    topic_heads: tuple[str, ...]  # words that make a phrase a metric (topic_heads, attribution.yaml names.metric_words)
    by_value_names: dict[str, str]  # 以12.4亿元[批出] -> 成交价: the quantity a deal's verb stands for
    deadline: "regex.Pattern"  # 42个月内[开始营运]: the event a span of time runs to (nonfacts.yaml deadline)
    table_changes: dict[str, str]  # a filing row's change cell: 比上年同期[减少] -> 同比[减少] (filings.py)
    date_frame: "regex.Pattern"  # 于[2024年3月]以…: a preposition before a cut date, cut with it
    cue_cut: "regex.Pattern"  # 统计处表示[外销]: a speaker's or forecaster's word, the metric follows the last one
    part_cues: tuple[str, ...]  # 其中…: a clause about a part of the quantity before (its metric is carried to no later holder)
    pronouns: tuple[str, ...]  # 其[收入]: a word pointing back at the class the clause before names (subject_before)
    referent: "regex.Pattern"  # 增长最快的是[乙类系统]: the noun such a word points back to, at the end of the clause before
    segment: "regex.Pattern"  # 全球[服务器市场]进入…: the market or segment the clause before is about
    subject_heads: frozenset[str]  # 收入, 销售额: a generic quantity that takes that segment
    causes: tuple[str, ...]  # 因…成长: a clause before that says why names no quantity that changed (changed_before)
    comparison_gap: "regex.Pattern"  # 比[乙增速]高: a gap to another quantity, after a change
    gap_words: dict[str, str]  # 高 -> 高于
    topic_frame: "regex.Pattern"  # 在[品牌营收]方面: a frame around the quantity a clause before names (_topic)
    change_abbrev: "regex.Pattern"  # (YoY+55%): a change written as an abbreviation and its sign
    change_abbrevs: dict[str, str]  # yoy+ -> 同比增长
    by_value_rank: "regex.Pattern"  # 以x[稳居接单金额首位]: the quantity a rank after the value names
    by_value_noun: "regex.Pattern"  # 以x[归母净利润]，成为…: the quantity named right after the value
    share_cue: "regex.Pattern"  # 占[移动基站总数]的x: a share with no subject of its own takes the quantity before it
    share_words: tuple[str, ...]  # 占比, 比重: the share's rate word (5G基站占…，占比提高: 5G基站占比)
    share_drop: tuple[str, ...]  # 总数: a count word of the quantity before, no part of the share's subject
    rank_after: "regex.Pattern"  # 以x[的份额居首] / 以x、y[位列前三]: a rank after a value names no quantity (rank_frame)
    rank_topic: "regex.Pattern"  # [在甲领域]，…以x位列: the topic a ranking is in, opening its sentence
    rank_nouns: dict[str, str]  # 件 -> 件数: the count word of a ranked value's unit when nothing names the quantity
    class_frames: tuple[str, ...]  # 需求[结构]中, 下游[应用]中: a frame that splits a whole into classes (class_share)
    class_share: "regex.Pattern"  # 甲（[占比]x%）/ 甲[占]x%: what stands between a class and its share
    class_lead: "regex.Pattern"  # [其次是]乙（y%）[和]丙（z%）: words before an item, no part of it
    group_total: "regex.Pattern"  # [甲、乙、丙三家|前三名][合计]占x%: a total of a group as written (group_total)
    group_nouns: dict[str, str]  # 占 -> 份额: the total's noun after its cue (合计份额)
    total_word: str  # 合计: what a total's metric begins with, whatever its cue (合共, 共计)
    change_from: "regex.Pattern"  # 占比由[2018年的]x / 范围由[原本]x: the start of a change (metrics.yaml change_from)
    change_heads: tuple[str, ...]  # 资本支出[预估范围]由…: a range's word cut from a change's metric
    # 固定利率[三年期]1.65%: a term written right before its rate names it within the metric (nonfacts.yaml tenor)
    tenor: "regex.Pattern | None" = None
    # 电信业务收入稳步提升，[累计完成]x: a clause of only a verb takes the topic of the clause before (topic_before)
    topic_verbs: frozenset[str] = frozenset()
    # PUE达到[平均]x、[最低]y: the statistic words of a quantity before its figure (metrics.yaml statistic_words)
    statistic_words: tuple[str, ...] = ()
    # 测评结果显示，…: a clause before the value that ends with a source's verb names no quantity (metrics.yaml source_end)
    source_end: "regex.Pattern" = regex.compile("(?!)")
    # 分 -> 得分: the quantity a unit names when nothing in the text names one (metrics.yaml unit_nouns)
    unit_nouns: dict = field(default_factory=dict)
    # 甲 40.6%; 乙(12款, 32.1%): a holder's percentage with no words of its own (metrics.yaml bare_share)
    bare_share: dict = field(default_factory=dict)
    object_marker: "regex.Pattern" = regex.compile("(?!)")  # 该项目将[PUE]压降至x (metrics.yaml object_markers)
    # 将|由x增至y: an adverb or a modal before the 由/从 that opens a change's clause (metrics.yaml change_from leads)
    change_leads: tuple[str, ...] = ()
    # 用户[数] / …用户[规模]: the quantity word ending a short count and the topic it repeats (topic_before)
    quantity_words: tuple[str, ...] = ()
    short_max: int = 0  # the longest short count that takes the topic's words
    # 甲芯（1234）升5.7%，报65.5元: a listed company's move and price (metrics.yaml stock_quote)
    quote_move: "regex.Pattern" = regex.compile("(?!)")
    quote_moves: dict = field(default_factory=dict)
    quote_price: "regex.Pattern" = regex.compile("(?!)")
    quote_word: str = ""
    quote_closes: tuple[str, ...] = ()  # 收盘跌x%报y点: the close a bare 报 reports (metrics.yaml stock_quote closes)
    stock_code_rx: "regex.Pattern" = regex.compile("(?!)")
    amount_heads: tuple[str, ...] = ()  # 股东应占盈利，按年增x: a noun clause naming the amount that changed
    topic_max: int = 12  # the longest topic a clause before gives (topic_before max_chars)
    # 第四季营收以美金计，预计落在x至y: a currency the quantity is stated in, ending the clause before (topic_before basis)
    topic_basis: "regex.Pattern" = regex.compile("(?!)")
    # 连续13个月高于临界点, 连升3日: a streak's length (metrics.yaml streak): the words before its count, and its units
    streak_before: "regex.Pattern" = regex.compile("(?!)")
    streak_units: frozenset = frozenset()
    # 市占率持续攀升，[由上季的]x提高至y: a change's start opening its clause names no quantity (topic_before frame)
    change_opening: "regex.Pattern" = regex.compile("(?!)")
    # 较去年同期之港币x: a clause that only introduces a comparison's own figure (metrics.yaml baseline_figure)
    baseline_figure: "regex.Pattern" = regex.compile("(?!)")
    # 新增x家，累计拥有y家: a running total's cue in a clause with no quantity of its own, and the flow word of the
    # quantity it carries (metrics.yaml cumulative_cue, cumulative_flow): the total is 累计 + the quantity
    cumulative_cue: "regex.Pattern" = regex.compile("(?!)")
    cumulative_flow: "regex.Pattern" = regex.compile("(?!)")
    # 从甲年的x，到乙年的y，5年间，[我国甲类贸易额]增长了z倍: a later clause of the sentence naming the
    # quantity whose change the figures span (metrics.yaml span_summary: group noun, before the change's verb)
    span_summary: "regex.Pattern" = regex.compile("(?!)")
    # 有近八成受访企业完成AI导入: the people or firms a share counts, right after it (metrics.yaml share_people)
    share_people: "regex.Pattern" = regex.compile("(?!)")
    # metrics.yaml amount_after: an amount right before the quantity it measures (完成38亿元固定资产投资, 吸引520亿令吉投资)
    amount_after: "regex.Pattern" = regex.compile("(?!)")
    amount_verbs: tuple[str, ...] = ()
    amount_after_keep: tuple[str, ...] = ()
    # 确保x亿元[5G建设资金]到位: after a duty's or a raising's verb, the fund named after the amount (amount_after funds)
    funds_after: "regex.Pattern" = regex.compile("(?!)")
    funds_verbs: tuple[str, ...] = ()
    # 一座[计划总投资]x的中心: a count of one thing before the quantity opens no metric (metrics.yaml one_thing)
    one_thing: "regex.Pattern" = regex.compile("(?!)")
    # 有9家[企业]营收上升: a count of firms of a class (metrics.yaml firm_count)
    firm_count: "regex.Pattern" = regex.compile("(?!)")
    # 总投资80亿元的[算力中心]: a thing the amount describes after 的, no quantity's noun (metrics.yaml described_thing)
    described_thing: "regex.Pattern" = regex.compile("(?!)")
    # 在甲类订单回升的带动下: a frame of what drove a figure (metrics.yaml circumstance; in not_metric too)
    circumstance: "regex.Pattern" = regex.compile("(?!)")
    post_stop_openers: tuple[str, ...] = ()  # 的机会很大, 的可能性: a judgement of the figure after it (metrics.yaml)
    flow_reaches: frozenset = frozenset()  # 新增x达y: the words between a flow and the total it brought (metrics.yaml)
    # 甲业(+6.1%), 甲国(升28.0%): a bracket a value is the change of (metrics.yaml bracket_change): the change word or
    # sign right after its opening, what each sign stands for, and the words that open a list of such items (为, 有)
    bracket_change: "regex.Pattern" = regex.compile("(?!)")
    bracket_signs: dict = field(default_factory=dict)
    bracket_list_open: "regex.Pattern" = regex.compile("(?!)")
    # 甲产品(1.2倍)、乙产品(94.1%)等产品产量增长较快: what the words after the list's 等 sum up (metrics.yaml bracket_change
    # summary, read right after a bare bracketed figure; group quantity)
    bracket_summary: "regex.Pattern" = regex.compile("(?!)")
    # 九成地区、八成行业…实现同比增长: what a list of shares of groups goes on with after its last group (share_list_verbs)
    share_verbs: tuple[str, ...] = ()
    # [增速]比上半年提高x opening a sentence: the growth of the previous sentence's quantity (rate_opening)
    opening_rates: tuple[str, ...] = ()
    # •净收入, ·毛利率, - 净利润: a list item's bullet mark (metrics.yaml item_marks), never part of a metric
    # a figure written with a minus sign (归母净利润-y亿元, 同比增长-x%): its magnitude, the direction in the metric
    # (metrics.yaml negative_value: change endings and their opposite word, loss and outflow words, levels kept signed)
    negative_changes: tuple = ()
    negative_loss: tuple = ()
    negative_outflow: tuple = ()
    negative_levels: tuple = ()
    negative_words: dict = field(default_factory=dict)
    item_marks: str = ""
    strip_counts: str = ""  # 3家[基础电信企业…]: a count of a class's firms, cut from a metric's start
    date_names: dict = field(default_factory=dict)  # date rule id -> the nouns a mention of it opens the name of (中期[息])
    # 買超/賣超 N張: qualifier rules whose words are also the quantity's verb (qualifiers.yaml ``in_metric``)
    qual_in_metric: frozenset = frozenset()
    # 外資今天買超甲2萬張: a verb before the holder that names what the value right after the holder measures
    # (metrics.yaml verb_before_holder); its group ``verb`` ends the metric
    verb_before_holder: "regex.Pattern" = regex.compile("(?!)")
    # metrics.yaml segment_carry: a sentence's first metric naming a segment, a later generic one, what is no segment
    segment_first: "regex.Pattern" = regex.compile("(?!)")
    segment_bare: "regex.Pattern" = regex.compile("(?!)")
    not_segment: "regex.Pattern" = regex.compile("(?!)")
    percent_nouns: tuple[str, ...] = ()  # metrics.yaml percent_nouns: 以7.2%[市占率]: a share's noun with no 的
    # metrics.yaml modifier_measures: a figure's measure that makes it part of the noun after a count (两座[110千伏变电站])
    modifier_measures: frozenset = frozenset()
    # metrics.yaml line_label: a line's opening label and colon (台式机：…) names the class of its metrics
    line_label: "regex.Pattern" = regex.compile("(?!)")
    not_label: "regex.Pattern" = regex.compile("(?!)")
    # metrics.yaml compared_list: 增速分别超出工业、高技术制造业x和y: the quantity, the comparison, the baselines listed
    compared_list: "regex.Pattern" = regex.compile("(?!)")
    # metrics.yaml item_changes: 降幅分别比1-4月份收窄x、y: the changes of the quantities its sentence named before
    item_changes: "regex.Pattern" = regex.compile("(?!)")
    # metrics.yaml topic_tails: 5G渗透率[表现不佳]: a judgement after the noun a topic clause names (_topic)
    topic_tails: tuple[str, ...] = ()

    def is_change(self, word: str) -> bool:
        """Whether ``word`` is a change word alone (增长, 年增, 按年大幅增长, 按季升): a growth predicate or a change
        with its period and adverb (change_tail)."""
        return word in self.growth_predicates or self.change_tail.fullmatch(word) is not None

    def __post_init__(self):
        alt = lambda ws: "|".join(regex.escape(w) for w in ws)  # noqa: E731 - ws are longest first
        self.noun_heads = tuple(sorted(set(self.rate_words) | set(self.topic_heads), key=len, reverse=True))
        self.growth_lead = tuple(sorted(self.growth_predicates, key=len, reverse=True)) + ("同比", "环比", "按年", "较", "比")
        # (tried on every phrase a metric is cut from: the stdlib engine's per-call cost is half)
        self.predicate_end = stdlib_first(f"(?:{alt(self.predicates)})$")
        self.change_start = regex.compile(f"(?:{alt(sorted((p for p in self.predicates if p.endswith(('至', '到'))), key=len, reverse=True))})")
        self.joiner_split = regex.compile(alt(sorted(self.list_joiners, key=len, reverse=True)) or "(?!)")  # (compared_list)
        self.trailing_end = stdlib_first(f"(?:{alt(self.strip_trailing)})$")
        self.leading_start = stdlib_first(f"(?:{alt(self.strip_leading)})" + (f"|(?:{self.strip_counts})" if self.strip_counts else ""))
        self.rate_by_len = sorted(self.rate_words, key=len, reverse=True)
        self.total_heads = tuple(sorted(set(self.group_nouns) | set(self.group_nouns.values()), key=len, reverse=True))
        self.total_preds = {""} | {p for p in self.predicates if len(p) <= 3 and not p.endswith(tuple(self.growth_predicates))}
        self.opening_marks = "）)" + self.item_marks  # (stripped off a metric's phrase's start: Assembler._strip)
        # verb_nouns looked up per metric: a verb alone -> its (noun, unit kinds) in rule order; the verbs a phrase
        # may end with (one endswith rules out most phrases before the rules are tried in order)
        self.alone_nouns: dict[str, list] = {}
        for w, n, kinds, alone in self.verb_nouns:
            if alone:
                self.alone_nouns.setdefault(w, []).append((n, kinds))
        self.verb_noun_ends = tuple(w for w, _, _, alone in self.verb_nouns if not alone)


def metric_rules(rules: Rules) -> MetricRules:
    m = rules.raw["metrics"]
    amount = m.get("amount_after") or {}  # (完成x亿元[固定资产投资]: amount_after's pattern, verbs and keep)
    canonical, bounded, cues = {}, [], []
    for e in m["metrics"]:
        names = [e["name"], *e.get("aliases", [])] if e["name"] else []
        for a in e.get("aliases", []):
            canonical[a] = e["name"]
        cues.extend(e.get("percent_cues", []))
        if e.get("range") and names:
            bounded.append((names, float(e["range"][0]), float(e["range"][1]), e.get("repair"), e["id"]))
    by_len = lambda ws: sorted(set(ws), key=len, reverse=True)  # noqa: E731
    # (分区域看，甲地增长x: a breakdown's opener is no part of a member's metric; attribution.yaml superseded)
    breakdown_openers = [w for f in rules.raw["attribution"]["features"] if f["feature"] == "superseded"
                         for w in f.get("breakdown_openers", [])]
    currencies = [f for e in rules.raw["units"]["units"] if e["kind"] == "currency" for f in e["forms"] if f != "元"]
    not_metric = compiled(f"(?:{m['comparison_baseline']})|(?:{rules.raw['nonfacts']['time_frame']})"
                          + (f"|(?:{rules.raw['nonfacts']['streak']})" if rules.raw["nonfacts"].get("streak") else "")
                          + (f"|(?:{m['stock_code']})" if m.get("stock_code") else "")
                          + (f"|(?:{m['circumstance']})" if m.get("circumstance") else "")
                          + (f"|(?:{m['price_basis']['pattern']})" if m.get("price_basis") else "")
                          + "".join(f"|(?:{p})" for _, p in declaration_patterns(rules)))  # (人民币，下同)
    return MetricRules(by_len(m["predicates"]), set(m["verb_predicates"]), set(m["growth_predicates"]),
                       by_len(m["strip_leading"] + m["statement_lead_ins"] + breakdown_openers), by_len(m["strip_trailing"]),
                       canonical, by_len(cues),
                       set(m.get("post_stop", [])), set(m.get("rate_words", [])), bounded, not_metric,
                       stdlib_first("(?:" + "|".join(map(regex.escape, by_len(currencies))) + r")\Z"),
                       frozenset(m["list_joiners"]), frozenset(m["lone_words"]), dict(m["list_tail_by_predicate"]),
                       stdlib_first(m["lone_pattern"]), tuple(m["by_value_cues"]), tuple(m["keep_trailing"]),
                       tuple(m["keep_leading"]),
                       tuple(m["qualifier_words"]),
                       stdlib_first("(?:" + "|".join(map(regex.escape, by_len(m["object_verbs"]))) + ")(?:其|该|了)?"),
                       tuple((regex.compile(e["pattern"]), bool(e.get("keep_object"))) for e in m["fragments"]),
                       tuple(sorted(((w, e["noun"], frozenset(e["unit_kinds"]) if "unit_kinds" in e else None,
                                      bool(e.get("alone")))
                                     for e in m["verb_nouns"] for w in e["verbs"]),
                                    key=lambda p: len(p[0]), reverse=True)),
                       tuple(by_len(m["interleaved_cues"])), regex.compile(m["change_tail"]), tuple(m["change_to"]),
                       tuple(by_len([*m["topic_heads"], *(w for e in rules.raw["attribution"]["names"]
                                                           for w in e.get("metric_words", ()))])),
                       dict(m.get("by_value_names", {})),
                       regex.compile(r"(?:之内|以内|内)(?P<event>" + rules.raw["nonfacts"]["deadline"] + ")"),
                       dict(sorted(((k, v) for e in m.get("table_rows", []) for k, v in e.get("changes", {}).items()),
                                   key=lambda kv: -len(kv[0]))),
                       regex.compile(m["date_frame"]),
                       regex.compile("|".join(f"(?:{e['pattern']})" for e in m["cue_cuts"])),
                       tuple(m["part_cues"]), tuple(m["subject_before"]["pronouns"]),
                       regex.compile(m["subject_before"]["referent"]), regex.compile(m["subject_before"]["segment"]),
                       frozenset(m["subject_before"]["heads"]), tuple(m["subject_before"]["causes"]),
                       regex.compile(m["comparison_gap"]["pattern"]), dict(m["comparison_gap"]["words"]),
                       regex.compile(m["topic_frame"]), regex.compile(m["change_abbrev"]), {k.lower(): v for k, v in m["change_abbrevs"].items()},
                       regex.compile(m["by_value_rank"]),
                       regex.compile(m.get("by_value_noun") or "(?!)"),
                       regex.compile(m["share"]["cue"]), tuple(m["share"]["words"]), tuple(m["share"]["drop"]),
                       regex.compile(m["rank_frame"]["after"]), regex.compile(m["rank_frame"]["topic"]),
                       dict(m["rank_frame"]["nouns"]), tuple(m["class_share"]["frames"]),
                       regex.compile(r"(?P<item>[\p{Han}A-Za-z0-9]{1,12}?)(?P<share>" + m["class_share"]["share"] + r")$"),
                       regex.compile("^(?:" + "|".join(map(regex.escape, by_len(m["class_share"]["lead"]))) + ")+"),
                       stdlib_first(m["group_total"]["pattern"]),
                       dict(sorted(m["group_total"]["nouns"].items(), key=lambda kv: -len(kv[0]))),
                       m["group_total"]["word"],
                       stdlib_first(m["change_from"]["pattern"]), tuple(by_len(m["change_from"]["heads"])),
                       tenor=regex.compile(rules.raw["nonfacts"]["tenor"]),
                       topic_verbs=frozenset(m["topic_before"]["verbs"]),
                       change_leads=tuple(by_len(m["change_from"].get("leads") or ())),
                       statistic_words=tuple(by_len(m.get("statistic_words") or ())),
                       source_end=regex.compile(m.get("source_end") or "(?!)"),
                       unit_nouns=dict(m.get("unit_nouns") or {}),
                       bare_share=dict((m.get("bare_share") or {}).get("nouns") or {}),
                       object_marker=regex.compile(m.get("object_markers") or "(?!)"),
                       quantity_words=tuple(by_len(m["topic_before"]["quantity_words"])),
                       short_max=int(m["topic_before"]["short_max"]),
                       amount_heads=tuple(by_len(m["topic_before"].get("amounts") or ())),
                       quote_move=regex.compile(m["stock_quote"]["move"]) if "stock_quote" in m else regex.compile("(?!)"),
                       quote_moves=dict((m.get("stock_quote") or {}).get("moves") or {}),
                       quote_price=regex.compile(m["stock_quote"]["price"]) if "stock_quote" in m else regex.compile("(?!)"),
                       quote_word=(m.get("stock_quote") or {}).get("word", ""),
                       quote_closes=tuple((m.get("stock_quote") or {}).get("closes") or ()),
                       stock_code_rx=regex.compile(r"\s?(?:" + m["stock_code"] + ")") if m.get("stock_code") else regex.compile("(?!)"),
                       topic_max=int(m["topic_before"]["max_chars"]),
                       streak_before=regex.compile(f"(?:{m['streak']['before']})$") if m.get("streak") else regex.compile("(?!)"),
                       streak_units=frozenset((m.get("streak") or {}).get("units") or ()),
                       topic_basis=regex.compile(f"(?:{m['topic_before']['basis']})$" if m["topic_before"].get("basis") else "(?!)"),
                       change_opening=regex.compile(m["topic_before"].get("frame") or "(?!)"),
                       baseline_figure=regex.compile(m.get("baseline_figure") or "(?!)"),
                       cumulative_cue=regex.compile(m.get("cumulative_cue") or "(?!)"),
                       cumulative_flow=regex.compile(m.get("cumulative_flow") or "(?!)"),
                       span_summary=regex.compile(m.get("span_summary") or "(?!)"),
                       share_people=regex.compile(m.get("share_people") or "(?!)"),
                       described_thing=regex.compile(m.get("described_thing") or "(?!)"),
                       firm_count=regex.compile(m.get("firm_count") or "(?!)"),
                       one_thing=regex.compile(m.get("one_thing") or "(?!)"),
                       amount_after=regex.compile(amount.get("pattern") or "(?!)"),
                       amount_verbs=tuple(sorted(amount.get("verbs") or (), key=len, reverse=True)),
                       amount_after_keep=tuple(amount.get("keep") or ()),
                       funds_after=regex.compile((amount.get("funds") or {}).get("pattern") or "(?!)"),
                       circumstance=compiled(m.get("circumstance") or "(?!)"),
                       funds_verbs=tuple(by_len((amount.get("funds") or {}).get("verbs") or ())),
                       post_stop_openers=tuple(m.get("post_stop_openers") or ()),
                       flow_reaches=frozenset(m.get("flow_reaches") or ()),
                       bracket_change=regex.compile("[（(]\\s?(?P<chg>{})\\s?\\Z".format("|".join(map(regex.escape, by_len(
                           [*m["bracket_change"]["words"], *m["bracket_change"]["signs"]]))))),
                       bracket_signs=dict(m["bracket_change"]["signs"]),
                       bracket_list_open=regex.compile("|".join(map(regex.escape, m["bracket_change"]["list_opens"]))),
                       bracket_summary=regex.compile(m["bracket_change"].get("summary") or "(?!)"),
                       share_verbs=tuple(by_len(m["share_list_verbs"])),
                       opening_rates=tuple(by_len(m["rate_opening"]["words"])),
                       item_marks=(m.get("item_marks") or {}).get("marks", ""),
                       strip_counts=m.get("strip_counts", ""),
                       # (a rule's words that keep its date in the name after it; in_name: any word, "" prefixes all)
                       date_names={e["id"]: ("",) if e.get("in_name") else tuple(e["in_name_before"])
                                   for e in rules.raw["dates"]["dates"] if e.get("in_name_before") or e.get("in_name")},
                       qual_in_metric=frozenset(e["id"] for e in rules.raw["qualifiers"]["qualifiers"] if e.get("in_metric")),
                       verb_before_holder=regex.compile(f"(?:{m['verb_before_holder']['pattern']})\\Z") if m.get("verb_before_holder")
                       else regex.compile("(?!)"),
                       segment_first=stdlib_first((m.get("segment_carry") or {}).get("first") or "(?!)"),
                       segment_bare=regex.compile((m.get("segment_carry") or {}).get("bare") or "(?!)"),
                       not_segment=regex.compile((m.get("segment_carry") or {}).get("not_segment") or "(?!)"),
                       percent_nouns=tuple(sorted(m.get("percent_nouns") or (), key=len, reverse=True)),
                       modifier_measures=frozenset(m.get("modifier_measures") or ()),
                       line_label=stdlib_first((m.get("line_label") or {}).get("pattern") or "(?!)"),
                       not_label=regex.compile((m.get("line_label") or {}).get("not_label") or "(?!)"),
                       compared_list=regex.compile((m.get("compared_list") or {}).get("pattern") or "(?!)"),
                       item_changes=regex.compile((m.get("item_changes") or {}).get("pattern") or "(?!)"),
                       topic_tails=tuple(by_len(m.get("topic_tails", []))),
                       negative_changes=tuple(sorted((m.get("negative_value") or {}).get("changes", {}).items(),
                                                     key=lambda kv: -len(kv[0]))),
                       negative_loss=tuple((m.get("negative_value") or {}).get("loss", ())),
                       negative_outflow=tuple((m.get("negative_value") or {}).get("outflow", ())),
                       negative_levels=tuple((m.get("negative_value") or {}).get("levels", ())),
                       negative_words=dict((m.get("negative_value") or {}).get("words", {})))


@dataclass
class KindRules:
    target: "regex.Pattern"
    forecast: "regex.Pattern"
    # (kind, pattern with group y) of kinds.yaml paragraph_frame: 计划提出，到2025年… governs the later
    # cue-less sentences of its paragraph whose values it still dates
    frames: tuple = ()
    # 提前完成了…目标 (kinds.yaml reached): a goal reached, no cue of a later clause's figures
    reached: "regex.Pattern | None" = None


def kind_rules(rules: Rules) -> KindRules:
    """One alternation per kind: a single search answers whether any cue is present."""
    t, f = [], []
    for e in rules.raw["kinds"]["kinds"]:
        (t if e["kind"] == "target" else f).extend(e["cues"])
    frames = tuple((e["kind"], compiled(e["paragraph_frame"])) for e in rules.raw["kinds"]["kinds"] if e.get("paragraph_frame"))
    reached = next((compiled(e["reached"]) for e in rules.raw["kinds"]["kinds"] if e.get("reached")), None)
    return KindRules(compiled("|".join(f"(?:{c})" for c in t)), compiled("|".join(f"(?:{c})" for c in f)), frames, reached)


@dataclass
class Para:
    """One paragraph of the normalized text, with its local analyses (offsets local)."""

    start: int
    text: str
    sentences: list[tuple[int, int]]
    dates: list[DateMention]
    values: list[ValueMention]
    cands: list[Candidate]
    titles: list[tuple[int, int]] = field(default_factory=list)
    tokens: list | None = None
    # A window of a long paragraph (pipeline.windows): facts come only from the
    # sentences ``emit`` [lo, hi) (the others are context), ``sent_base`` is the
    # index of its first sentence in the paragraph, and ``carry`` (one dict shared
    # by the windows of a paragraph) passes the running state on to the next window.
    emit: tuple[int, int] | None = None
    sent_base: int = 0
    carry: dict | None = None
    # the sentences whose 甲（…）和乙（…） names were already added to ``cands`` (attribution)
    bracketed: set[tuple[int, int]] = field(default_factory=set)
    # the last site an earlier paragraph named (该住宅地 in a paragraph that names none: pipeline.assemble)
    site_before: Candidate | None = None
    # the last winner of a tender an earlier paragraph named (中标公司 in a paragraph that names none)
    winner_before: Candidate | None = None
    # the metric of the last figure an earlier paragraph gave (分地区看，… breaks that whole down: pipeline.assemble)
    whole_metric: str | None = None


_CHAIN_TAIL = regex.compile(r"\s?[)）]\s?的?")  # (甲(x)及乙(y)|的进口货值: the closing bracket of a chain's last item)


def _list_continues(text: str, prev_end: int, start: int, joiners) -> bool:
    return text[prev_end:start] in joiners


_advance = advance  # the running date after a date mention (dates.advance)


def _right_after(text: str, start: int, value_ends: set[int]) -> bool:
    p = start
    while p > 0 and text[p - 1] in " 余多“”":
        p -= 1
    return p in value_ends or any(start - k in value_ends for k in range(1, 4) if text[start - k:start] in ("个", "家", "座", "所", "台"))




def _unbalanced_quotes(s: str) -> bool:
    """Whether ``s`` opens more or fewer quotations than it closes (counted without a generator: read per phrase)."""
    return s.count("“") + s.count("「") + s.count("『") != s.count("”") + s.count("」") + s.count("』")


_CLAUSE_MARK = regex.compile(r"[，,；;]")  # (item_changes: the earlier changes stand in clauses of their own)
# (item_changes: the periods a clause compares with, no word of the metric it builds: 降幅比1-4月份收窄 -> 降幅比收窄)
_PERIOD_WORDS = regex.compile(r"[\d０-９]+[-—~～至到]?[\d０-９]*月份?|[一二三四]季度|上半年|下半年|前三季度")
_CHANGE_GAP = regex.compile(r"[至到升降增减涨跌]")  # (从x%跃升至y%: one share's change, no next item)
_RANGE_JOIN = regex.compile(r"\s?[-—–~～至到]\s?")  # (4.9%-5.5%: a range's two bounds)
_SHARE_AFTER = regex.compile(r"(?:占比|占|比重|份额)(?:为|达)?\s?[\d０-９]")  # 甲地占比x%: a class's own share
_ITEM_NUMBER = regex.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,2})[.．、](?![\d０-９])\s?(?=\p{Han})")


def within_sentence(metric: str) -> str:
    """A metric never spans a sentence's end: the words after the last 。/！/？ in it, when two or more follow
    (…稳居世界第二。数字经济占GDP的比重 -> 数字经济占GDP的比重)."""
    end_mark = max(metric.rfind("。"), metric.rfind("！"), metric.rfind("？"))
    return metric[end_mark + 1:] if 0 <= end_mark < len(metric) - 2 else metric


def clauses_of(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clauses of text[s:e]; a separator inside a bracket that closes before ``e`` cuts none
    (EBITDA（扣除利息、税项、折旧及摊销前盈利）按年升3%)."""
    out, last = [], s
    # (the brackets opened so far are counted as the separators go by, and the last closing bracket is
    # found once: linear in the sentence, which may be a whole scraped page with no 。)
    opened, at = 0, s
    last_close = max(text.rfind("）", s, e), text.rfind(")", s, e))
    for m in _CLAUSE_SEP.finditer(text, s, e):
        p = m.start()
        seg = text[at:p]
        opened += seg.count("（") + seg.count("(") - seg.count("）") - seg.count(")")
        at = p
        if opened > 0 and last_close >= p:  # inside a bracket opened after s and closed before e
            continue
        out.append((last, p))
        last = m.end()
    out.append((last, e))
    return out


class Assembler:
    def __init__(self, rules: Rules, entity_finder: EntityFinder):
        from zhfacts.extract.attribution import Attributor

        self.mr = metric_rules(rules)
        self.kr = kind_rules(rules)
        self.ef = entity_finder
        self.attributor = Attributor(rules)
        from zhfacts.normalize import tables

        self.surnames = frozenset(tables.str_list("names.yaml", "surnames"))  # (normalize/names.yaml, validated)
        self._joiners = tuple(sorted(self.mr.list_joiners, key=len, reverse=True))
        end = rules.raw["dates"].get("change_end")
        self.change_end = regex.compile(end) if end else None  # (dates.scoped_date)
        whole = rules.raw["dates"].get("list_whole_after")
        self.list_whole = regex.compile(whole) if whole else None  # (dates.listed_date)
        point = rules.raw["dates"].get("change_from_point")
        self.change_from = regex.compile(point) if point else None  # (dates.scoped_date)
        revision = rules.raw["dates"].get("revision_after")
        self.revision = regex.compile(revision) if revision else None  # (dates.scoped_date: 由x上修至y)
        # | 2024 | 1,234.56 |: a row's first cell that is a year alone (dates.yaml table_year) dates its cells
        year = rules.raw["dates"].get("table_year")
        self.table_year = regex.compile(year) if year else None
        self.table_end_units = frozenset(rules.raw["dates"].get("table_end_units") or ())  # (a stock's count units)

    # ---------------------------------------------------------------- metric
    def _strip(self, s: str) -> tuple[str, list[str]]:
        """Trim predicates and adverbs off the end and function words off the start,
        until nothing changes; returns the phrase and the predicates trimmed."""
        mr = self.mr
        stripped: list[str] = []
        while s:
            before = s
            s = s.strip(_EDGE_MARKS).lstrip(mr.opening_marks).rstrip("（(")
            if "[" in s or "［" in s:
                s = _REFERENCE_MARK.sub("", s).lstrip("-–—")  # ([2][4]-经调整利润: the bullet after the marks opens it)
            if _unbalanced_quotes(s):
                s = QUOTE_MARKS.sub("", s)  # 5G+工业互联网”项目: a quotation cut at its start keeps no mark
            if s[:1] in "（(" and not any(c in s for c in "）)"):
                s = s[1:]  # 1,000 kW(即1 MW): an open bracket glosses the value before
            close = _CLOSE_RX.search(s)
            if close and not any(c in s[:close.start()] for c in "（("):
                s = s[close.end():]  # GDP（国内[生产毛额）规模]: the phrase began inside a gloss
            dash = _PHRASE_DASH.search(s)
            if dash:
                s = s[dash.end():]  # 进入规模落地阶段-公司营收: a dash between phrases ends the one before
            item = _ITEM_NUMBER.match(s)
            if item:
                s = s[item.end():]  # 2.工业生产增加: an item's number (a release's list) opens no metric
            m = mr.predicate_end.search(s)
            if m:
                cut = m.start()
                cut = next((cut - k + len(w) for w in mr.keep_trailing for k in range(1, len(w))
                            if s.startswith(w, cut - k)), cut)  # (总市|占达: 市占, a noun the predicate's 占 ends)
                stripped.append(s[cut:])
                s = s[:cut]
            m = mr.trailing_end.search(s)
            if m and not s.endswith(mr.keep_trailing):  # (产能, 性能: a noun, not 能 before a verb)
                s = s[: m.start()]
            m = mr.leading_start.match(s)
            if m and not s.startswith(mr.keep_leading):
                s = s[m.end():]
            if s == before:
                break
        return s, stripped

    def _post_noun(self, para: Para, v: ValueMention, duration: bool = False, loose: bool = False) -> tuple[str, bool]:
        """The noun right after the value: 300台[智算服务器], 36%的[年复合增长率], 1ms[时延]; for
        joined values (7.5%和6.1%的[市占率]) the noun after the last of them; ``duration``: a
        duration's too (签订长达12年[租约], when nothing before it names the quantity); ``loose``: after
        any unit (所有乡镇及95%以上[行政村]: nothing before the value names it)."""
        t = para.text
        # (the nearest later value first: most values are joined to none, and then no sort is needed)
        nearest = min((o for o in para.values if o.start >= v.end), key=_value_start, default=None)
        if nearest is not None and t[v.end:nearest.qual_start] in self.mr.list_joiners:
            later = [o for o in para.values if o.start >= v.end]
            later.sort(key=_value_start)
            for o in later:
                if t[v.end:o.qual_start] not in self.mr.list_joiners:
                    break
                v = o
        p = v.end
        via_de = False
        while p < len(t) and t[p] == " ":
            p += 1
        for w in ("以上", "以下", "左右", "以内", "上下"):
            if t.startswith(w, p):
                p += len(w)
        gloss = _UNIT_GLOSS.match(t, p)
        if gloss:  # 4.1吉瓦(GW)[电力容量]: a bracket glossing the unit is no end of the noun after it
            p = gloss.end()
        if t.startswith("的", p):
            p += 1
            via_de = True
            if any(c.start == p and c.type == "FAC" for c in para.cands) \
                    or (v.unit_kind == "currency" and self.mr.described_thing.match(t, p)):
                return "", False  # 算力规模x的[低碳数据产业基地], 总投资x的[算力中心]: the facility described, no quantity's noun
        elif v.unit_kind == "percent" and t.startswith(self.mr.percent_nouns, p) \
                and (noun := next((w for w in self.mr.percent_nouns if t.startswith(w, p)), None)):
            return noun, False  # 以7.2%与6.5%[市占率]并列第一: a share's noun with no 的
        elif not loose and (v.unit_kind in ("currency", "percent", "multiple") or not v.unit
                            or (v.unit_kind == "duration" and not duration)):
            return "", False
        out: list[str] = []
        inq = False
        toks = para.tokens
        # tokens are in text order: start at the first one ending after p (no rescan from the start)
        for i in range(bisect_right(toks, p, key=_token_end), len(toks)):
            w, tag, s, e = toks[i]
            if s < p:  # a token straddling the unit (台智算): its part after the unit
                w, tag = t[p:e], "n"
            if w in ("“", "「", "『", '"'):
                if out and not inq:
                    break
                inq = True
                continue
            if w in ("”", "」", "』"):
                if not inq:
                    break
                inq = False
                continue
            if not out and w in self.mr.change_to:
                break  # 减少约2,300人|至291万人: the amount the change reached comes next, no noun
            if not out and w.isdigit() and i + 1 < len(toks) and toks[i + 1][0] in self.mr.modifier_measures \
                    and toks[i + 1][2] == e:
                out.append(w)  # 两座[110千伏变电站], 两栋[17层双子塔楼]: a figure and its measure that qualify the noun
                continue
            if w[0] in _POST_STOP or (tag in _POST_STOP_TAGS and not (
                    not out and tag in ("m", "q", "t", "f") and not w[0].isdigit())) \
                    and not (out and out[-1].isdigit() and w in self.mr.modifier_measures):
                break  # (36%的[年]复合增长率: a first 年/月 after 的 belongs to the noun)
            if tag in ("v", "vd") and not out and not via_de and (
                    v.unit_kind == "symbol" or w.endswith(("至", "到")) or self.mr.change_start.match(t, s) is not None):
                break  # 2.3万Gbps|提升到…, 由5万人|增至…, 由25万站|调升至…: the next clause's verb (a measure word counts a
                # noun: 4个采用…方案)
            if tag == "a" and out and "".join(out).endswith(self.mr.noun_heads):
                break  # 3.1%的增幅|大, 的占比|高: an adjective after the quantity's word is the clause's predicate
            if tag in ("v", "vd") and out and not (i + 1 < len(toks) and toks[i + 1][1][:1] == "n"
                                                    and toks[i + 1][1] not in _NAME_TAGS):
                break  # 开发者|提供了: the verb of the clause (复合增长率: a verb before a noun stays; 成为|中国: a name's verb)
            out.append(w)
            if sum(map(len, out)) >= 12:
                break
        if out and not via_de and t.startswith(("至", "到"), p + sum(map(len, out))):
            return "", False  # 40 kW[拉高]至130 kW: the verb of a change, no noun
        return "".join(out), via_de

    def _verb_after(self, para: Para, v: ValueMention) -> str:
        """The word of the deal right after a value (以5.2亿元[中标], [易手]), if one follows."""
        toks = para.tokens or ()
        i = bisect_right(toks, v.end, key=_token_end)  # the first token ending after the value's end
        if i < len(toks) and toks[i][2] < v.end:
            i += 1  # (a token across the value's end is no word after it)
        if i >= len(toks):
            return ""
        w, tag, s, _ = toks[i]
        return w if s == v.end and len(w) >= 2 and tag in ("v", "vn", "n") else ""

    def _won_after(self, t: str, v: ValueMention) -> str:
        """A land sale's verb later in the value's sentence (以x从政府[投得]…, 以x，力压其余n个财团[夺标]),
        if one stands there."""
        m = self.attributor.winner_verb_after(t, v.end)
        return m.group() if m and m.group() in self.mr.by_value_names else ""

    def _object(self, para: Para, raw: str, fragment, left: int, v: ValueMention) -> str:
        """The other term of a comparison (低于[市场预期]的8%); '' when it names a holder, a date or nothing."""
        if any(left <= c.start < v.qual_start for c in para.cands):
            return ""  # 远高于乙公司的5%: a name, the value is that holder's
        obj = fragment[0].sub("", raw, count=1).removesuffix("的").strip(_QUOTES)
        return obj if self.is_metric(obj) and not _MODEL_CODE.search(obj) else ""  # (高于GB300的5%: a model)

    def _cut(self, t: str, para: Para, a: int, b: int) -> str:
        """t[a:b] with its date phrases and titles cut out (a space for each); a date that opens a noun's name
        (中期息: dates.yaml ``in_name_before``) stays."""
        names = self.mr.date_names
        for d in para.dates:  # a date phrase that runs into the span (截至今年9月底止，[第二财季]…): its rest is cut too
            if d.start < a < d.end <= b and not (d.rule in names and t.startswith(names[d.rule], d.end)):
                a = d.end
        raw = t[a:b]
        for d in para.dates:
            if a <= d.start and d.end <= b and not (d.rule in names and t.startswith(names[d.rule], d.end)):
                # (2030年之前投入x: the deadline's 之前/以前/前 goes with the date it ends, no part of the quantity)
                tail = _DEADLINE_TAIL.match(t, d.end) if t[d.end - 1] in "年月" else None
                end = tail.end() if tail is not None and tail.end() <= b else d.end
                raw = raw.replace(t[d.start:end], " ")
        for x, y in para.titles:
            if a <= x and y <= b:
                raw = raw.replace(t[x:y], " ")
        return raw

    def _common_noun(self, w: str) -> bool:
        """Whether jieba reads ``w`` (two or three characters) as common nouns only, no name the gazetteer knows
        (摩托车, 打印机, 铝材: a product; 新疆, 甲市: a place, 浪潮: a company)."""
        if len(w) < 2 or w in self.ef.alias_to:
            return False
        tags = [t for _, t, _, _ in self.ef.tag(w)]
        return bool(tags) and all(t in ("n", "vn", "ng", "nz", "j") for t in tags)

    def _noun_first(self, words: str) -> bool:
        """Whether ``words`` open with a noun (a Latin name counts: PUE), not a verb, a preposition or an adverb."""
        if words[:1].isascii() and words[:1].isalpha():
            return True
        tags = self.ef.tag(words)
        return bool(tags) and tags[0][1][:1] == "n"

    def _unsigned(self, value, metric: str, unit_kind: str | None, unit: str):
        """A figure written with a minus sign as the contract keeps it: its magnitude, the direction in the metric
        (同比增长-x% -> 同比下降 x; 归母净利润-y亿元 -> 归母净利润亏损 y亿元; 现金流净额-z亿元 -> 净流出);
        a level that may be negative (毛利率-x%) and what names no direction keep the sign."""
        turned = self._negated(metric, unit_kind, unit)
        return (value, metric) if turned is None else (-value, turned)

    def _negated(self, metric: str, unit_kind: str | None, unit: str) -> str | None:
        """The metric of a figure below zero with its direction in words (metrics.yaml negative_value), or None
        where the figure keeps its sign (a level such as 毛利率, what names no direction)."""
        mr = self.mr
        if unit in ("%", "pp", "") or unit_kind == "percent":
            for ending, opposite in mr.negative_changes:
                if metric.endswith(ending):
                    return metric[:len(metric) - len(ending)] + opposite
            if metric.endswith(mr.negative_levels):
                return None  # (毛利率-x%: a level below zero)
            return metric + mr.negative_words.get("change", "下降") if unit == "%" else None
        if unit_kind == "currency":
            if any(w in metric for w in mr.negative_outflow):
                return metric + mr.negative_words.get("outflow", "净流出")
            if any(w in metric for w in mr.negative_loss):
                return metric + mr.negative_words.get("loss", "亏损")
        return None

    def _bracketed_item(self, t: str, v: ValueMention) -> str | None:
        """The item a bracket right after it gives a change of, in a list of such items (行业主要有甲业(+6.1%)、乙业(+2.5%);
        装货国家为甲国(升28.0%)及乙国(升15.3%)): the item with the bracket's change word (a sign: the word it stands for,
        metrics.yaml bracket_change), else None.  The item runs from the list's last closing bracket (or the word that
        opens the list: 为, 有, a colon) to the bracket; a bracket that closes after more than the value glosses
        something else."""
        m = self.mr.bracket_change.search(t, max(0, v.start - 6), v.start)
        summary = None
        if m is None and (m := _BARE_BRACKET.search(t, max(0, v.start - 2), v.start)) is not None:
            # 甲产品(1.2倍)、乙产品(94.1%)等产品产量增长较快: a bare figure whose list the words after 等 sum up
            # (metrics.yaml bracket_change summary); else a share in brackets (华为(11%)) or a baseline's figure
            summary = self.mr.bracket_summary.match(t, v.end)
            if summary is None:
                return None
        if m is None or not t[v.end:v.end + 2].lstrip().startswith((")", "）")):
            return None  # (华为(11%): a share in brackets, no change; 比上年全年(5.3%): a baseline's figure)
        seg = t[max(0, m.start() - 40):m.start()]
        seg = seg[max(seg.rfind(c) for c in "。；;\n") + 1:]  # (the item's own sentence only)
        k = max(seg.rfind(")"), seg.rfind("）"))
        item = (seg[k + 1:] if k >= 0 else self.mr.bracket_list_open.split(seg)[-1]).lstrip("，, ")
        item = item[next((len(j) for j in self._joiners if item.startswith(j)), 0):].strip()  # (、乙业, 以及丙业)
        if not 2 <= len(item) <= 30 or any(ch.isdigit() or ch in "。；;" for ch in item):
            return None
        if summary is not None:
            return item + summary.group("quantity")
        return item + self.mr.bracket_signs.get(m.group("chg"), m.group("chg"))

    def _share_item(self, t: str, v: ValueMention, clause: tuple[int, int], values) -> str | None:
        """A list of shares of groups (九成地区、八成行业、近六成产品实现同比增长): the group right after ``v`` (成 values
        only) and the predicate the last group is followed by (地区实现同比增长), when its clause lists two or more; else
        None (a single share keeps the clause's words)."""
        if v.rule != "value.cheng":
            return None
        shares = [o for o in values if o.rule == "value.cheng" and clause[0] <= o.start < clause[1]]
        if len(shares) < 2 or not all(t[a.end:b.qual_start].endswith("、") for a, b in zip(shares, shares[1:])):
            return None
        last = shares[-1]
        rest = t[last.end:clause[1]]
        at = next((i for i in range(1, len(rest)) if rest.startswith(self.mr.share_verbs, i)), None)
        if at is None:
            return None
        pred = rest[at:].rstrip("，,。；;、 ")
        group = rest[:at] if v is last else t[v.end:next(o.qual_start for o in shares if o.start > v.start)].rstrip("、")
        if not 1 <= len(group) <= 8 or not group.isalpha() or not pred:
            return None
        return group + pred

    def _interleaved(self, t: str, clause: tuple[int, int], v: ValueMention, values) -> tuple[int, str] | None:
        """占比依序为甲32%、乙24%、丙19%: (where the cue starts, the item naming ``v``), when ``v``
        follows such a cue in its clause and a short item stands right before it."""
        cue_at, cue_end = -1, -1
        for c in self.mr.interleaved_cues:
            i = t.rfind(c, clause[0], v.qual_start)
            if i > cue_at:
                cue_at, cue_end = i, i + len(c)
        if cue_at < 0:
            return self._term_item(t, clause, v, values)
        start = max([o.end for o in values if cue_end <= o.start and o.end <= v.qual_start] + [cue_end])
        item = t[start:v.qual_start].strip(" ，,")
        for j in self._joiners:
            if item.startswith(j):
                item = item[len(j):]
                break
        return (cue_at, item) if 0 < len(item) <= 8 and _WORDLIKE.fullmatch(item) else None

    def _term_item(self, t: str, clause: tuple[int, int], v: ValueMention, values) -> tuple[int, str] | None:
        """固定利率三年期1.65%、五年期1.68%: (where the first term of the list starts, the term naming
        ``v``) when a term (nonfacts.yaml tenor) stands right before ``v``, after the clause's start,
        the words before it, or the value before it and a list joiner; the words before the first
        term name the rate they share."""
        tenor = self.mr.tenor
        if tenor is None:
            return None

        def term_before(pos: int) -> "regex.Match | None":  # a term ending right at pos (a short one)
            return next((m for m in tenor.finditer(t, max(clause[0], pos - _TERM_MAX), pos) if m.end() == pos), None)

        m = term_before(v.qual_start)
        if m is None:
            return None  # (most values: one short search)
        item, first = m.group(), m.start()
        k = next((i for i, o in enumerate(values) if o is v), None)
        while k:  # back over the list: each member right after a joiner, its own term before it
            prev = values[k - 1]
            if prev.end > first or prev.start < clause[0] or t[prev.end:first] not in self.mr.list_joiners:
                break
            m = term_before(prev.qual_start)
            if m is None:
                break
            first, k = m.start(), k - 1
        return first, item

    def metric(self, v: ValueMention, para: Para, ent: Candidate | None, clause: tuple[int, int], prev_metric: str | None,
               tail: int | None = None, opening: str | None = None):
        """``tail``: where the words the items of a list share begin (甲、乙两市[投资]分别为…); ``opening``: the
        quantity whose change the previous sentence ended with, when the value's clause opens its sentence
        (…增长6.2%。[增速]比上半年提高x: metrics.yaml rate_opening)."""
        t = para.text
        if v.unit in self.mr.streak_units and (streak := self.mr.streak_before.search(t, max(clause[0], v.start - 4), v.start)):
            metric, quantity = self._streak(t, para, v, clause, ent, streak, prev_metric)
            return metric, "", "", quantity or prev_metric or ""  # (…连续5个交易日买超，累计买超x: 外资买超 goes on)
        left = clause[0]
        if tail is not None and clause[0] <= tail <= v.qual_start:
            left = tail
        elif ent is not None and clause[0] <= ent.start and ent.end <= v.qual_start:
            # (台股大盘上涨: a market's name is the metric's, its place holds)
            left = ent.start if ent.keeps_words else self.attributor.chain_end(ent, t, para.cands, v.qual_start)
        head_left = left
        before = None
        for o in para.values:  # a value earlier in the clause: the phrase starts after it
            if left <= o.start and o.end <= v.qual_start and o is not v:
                left, before = o.end, o
        if before is not None:  # 有12个[海底光缆系统]和19个…: the noun the value before counts is its own
            noun = self._post_noun(para, before)[0]
            if noun and t.startswith(noun, left) and t[left + len(noun):v.qual_start] in self.mr.list_joiners:
                left = v.qual_start
            gloss = _BRACKETED.match(t, left, v.qual_start)
            if gloss:  # 150 MW(兆瓦)扩增至…: a bracket right after a value glosses it, names nothing after it
                left = gloss.end()
        item = self._interleaved(t, clause, v, para.values)
        if item is not None:  # 占比依序为甲32%、乙24%: the item names its value, the words before the cue the rest
            head = self._strip(self.mr.not_metric.sub("", self._cut(t, para, head_left, item[0]).replace(" ", "")))[0]
            metric = item[1] + head
            return metric, "", "", metric
        bracketed = self._bracketed_item(t, v)
        if bracketed is not None:  # 韩国(升28.0%)、新加坡(升15.3%): the item before the bracket and its change
            return bracketed, "", "", bracketed
        share = self._share_item(t, v, clause, para.values)
        if share is not None:  # 九成地区、八成行业实现同比增长: each share's group and what the list's groups do
            return share, "", "", share
        cut = self._cut(t, para, left, v.qual_start)
        if v.qual_rule in self.mr.qual_in_metric:
            cut += t[v.qual_start:v.start].strip()  # (遭外资卖超1万张: 卖超 is the quantity's verb too)
        elif not cut.strip() and v.qual_start < v.start - 1 and self.mr.change_tail.fullmatch(t, v.start - 1, v.start):
            cut = t[v.start - 1]  # (约减9.6%: the change a qualifier word ends with, qualifiers.yaml 约减, is the clause's)
        elif not cut.strip() and ent is not None and clause[0] <= ent.start < v.start \
                and (verb := self.mr.verb_before_holder.search(t, clause[0], ent.start)) is not None:
            cut = self._cut(t, para, clause[0], verb.end("verb"))  # 外资今天买超[甲]2万张: 外资买超
        raw = self.mr.date_frame.sub("", cut)  # (于[2024年3月]以总代价: 总代价)
        if not v.unit and raw.endswith("至") and v.rule == "value.bare" and not self.mr.predicate_end.search(raw):
            raw = raw[:-1]  # (工业生产指数至x: the level a bare head reaches, metrics.yaml bare.index; 至 is no part of it)
        alone = next((n for n, kinds in self.mr.alone_nouns.get(raw.strip(" ，,、"), ())
                      if kinds is None or v.unit_kind in kinds), None)
        if alone:
            return alone, "", "", alone  # 终场大涨228点、[收]27,793点: the verb alone names the quantity (收盘)
        quote = self._quote(t, para, ent, clause, v, raw, prev_metric)
        if quote:  # 甲芯（1234）跌3.25%，报214.6元: the share price's move and the price
            return quote, "", "", quote
        change = self.mr.change_from.search(raw.replace(" ", ""))
        lead = t[left:v.qual_start].lstrip()
        adverb = next((w for w in self.mr.change_leads if lead.startswith(w)), "")  # (…数目，[将]由x增至y)
        change_start = cut.replace(" ", "")
        change_start = change_start.removeprefix(adverb).lstrip("由从") if adverb else change_start  # (将由现时的: 由 is the change's)
        opens = left == clause[0] and lead[len(adverb):][:1] in ("由", "从") and not change_start.strip("的")
        if opens and (span := self._clause_before(para, v, clause)):
            # …曾使用互联网的百分比，由2020年的x上升至…: a clause that opens with the change measures the
            # quantity the clause before names
            a = max([span[0]] + [c.end for c in para.cands if span[0] <= c.start and c.end <= span[1]])
            raw = self._cut(t, para, a, span[1]).replace(" ", "")
        elif change:
            raw = raw.replace(" ", "")[:change.start()]  # 占比由2018年的9.2%…: the metric stands before 由/从
            head = next((w for w in self.mr.change_heads if raw.endswith(w) and len(raw) > len(w)), "") \
                if v.range_role is not None else ""
            raw = raw[:len(raw) - len(head)]  # 资本支出预估范围由原本x至y: the quantity, not its range
        raw = _EXAMPLE_BRACKET.sub(" ", raw)  # 白牌厂商（如甲、乙）出货量: the examples are no part of it
        if left > clause[0] and ent is not None and left == ent.end:
            raw = _LATIN_NAME_AFTER.sub("", raw, count=1)  # 中芯国际（SMIC）市占率: the holder's Latin name, no part of it
        raw = _GLOSS.sub("", raw)  # GDP（国内生产毛额）规模, EBITDA（扣除…）按年升: a gloss, no part of it
        opened = max(raw.rfind("（"), raw.rfind("("))
        if opened >= 0 and not _CLOSE_RX.search(raw, opened):
            # 保四无虞（2024为4.3%）: a bracket the value stands in begins its phrase; a bracket of the value alone
            # after a class of people counts them (不过夜旅客(x人次)及留宿旅客(y人次)…: attribution.yaml class_endings)
            noun = raw[:opened].lstrip(" )）、，,及和与").strip() if opened == len(raw.rstrip(" ")) - 1 else ""
            # (so does a figure alone in brackets after the quantity's name: 物价指数(101.62), 零售业(3.15万): numerals.yaml
            # bare_bracketed)
            # (and a rate alone in brackets after its own name: 失业率(x%)及就业不足率(y%); a count after the noun it counts:
            # 常住劳动力(x万人)和就业人数(y万人), metrics.yaml topic_heads)
            raw = noun if regex.fullmatch(r"\p{Han}{2,10}", noun) and (
                noun.endswith(self.attributor.ar.class_endings) or not v.unit
                or (v.unit_kind == "percent" and noun.endswith(("率", *self.mr.noun_heads)))
                or (v.unit_kind != "percent" and noun.endswith(self.mr.topic_heads))) else raw[opened + 1:]
        if raw in self.mr.list_joiners:
            raw = ""
        if raw.endswith("等") or self.attributor.enumeration(t, v.start) is not None:
            raw = ""  # 长沙人工智能创新中心等7家, 甲市和乙市两个节点: an enumeration, the noun after the unit names it
        if "、" in raw and not self.attributor.ar.compared_list_rx.search(raw):
            # (对美出口领先甲、乙约4.3%: a list of partners or baselines stays whole)
            # a list before the number: keep its last item unless it is a short
            # name of the list (完成山西、辽宁…新疆10个省份 -> 省份 names it)
            raw = raw[raw.rfind("、") + 1:] if not raw.endswith("、") else ""
            if len(raw) <= 3 and not self.mr.is_change(raw) and not raw.endswith(self.mr.noun_heads) \
                    and raw not in self.mr.statistic_words and not self._common_noun(raw):
                raw = ""  # (月增x、[年增]y: a change, no list item; 营收x、[毛利率]y: each item names its own quantity;
                # 生产汽车x万辆、[摩托车]y万辆: a product, a common noun, names its own figure)
        raw = self.mr.currency_end.sub("", self.mr.not_metric.sub("", raw.replace(" ", "")))
        gap = self.mr.comparison_gap.fullmatch(raw) if v.unit in ("pp", "%") and prev_metric else None
        if gap:  # 总量同比增长x，比[乙]增速高y个百分点: the gap between the change before and the other's
            changed = self._unchanged(prev_metric)
            metric = changed + ("增速" if changed != prev_metric else "") + \
                self.mr.gap_words[gap.group("dir")] + gap.group("other")
            return metric, "", "", prev_metric
        rate = next((w for w in self.mr.opening_rates if raw.startswith(w)), "") \
            if gap is None and opening and not prev_metric and v.unit in ("pp", "%") else ""
        if rate and (gap := self.mr.comparison_gap.fullmatch(raw, len(rate))):
            # 电信业务收入x，增长y。[增速比全国高]z: the gap between that growth and the other's (rate_opening)
            return opening + rate + self.mr.gap_words[gap.group("dir")] + gap.group("other"), "", "", opening + rate
        abbrev = self.mr.change_abbrev.search(raw)
        if abbrev is not None and (abbrev.group("abbr").isascii() or abbrev.group("sign") or v.value < 0):
            # 营业收入40.26亿元(QoQ+31%), 出货量x（同比+12.2%）: the change of the quantity before, named in full (同比﹣15.5%:
            # the minus is the value's own, a negative 同比增长)
            sign = "-" if abbrev.group("sign") and abbrev.group("sign") != "+" else "+"  # (﹣, −, －: a minus too)
            change = self.mr.change_abbrevs[abbrev.group("abbr").lower() + sign]
            return (prev_metric or "") + change, "", "", prev_metric or change
        cue = _last(self.mr.cue_cut, raw, 0, len(raw))
        if cue is not None and (cue.end() == len(raw) or self.is_metric(self._strip(raw[cue.end():])[0])):
            raw = raw[cue.end():]  # 统计处表示[外销]: the source and its word are no part of the metric (预计|增至: kept)
        pre, stripped = self._strip(raw)
        if pre.startswith("了") and not pre.startswith("了解"):
            pre = pre[1:]  # 公布了[总额]x的补贴资金: the aspect particle of a verb cut before it opens no noun
        stat = next((w for w in self.mr.statistic_words if pre.endswith(w)), "")
        if stat and len(pre) > len(stat):
            quantity, said = self._strip(pre[:-len(stat)])
            if said and quantity:
                pre = stat + quantity  # PUE达到[平均]x: the statistic of the quantity (平均PUE), the predicate cut
        elif stat and not stripped and prev_metric and cut.lstrip().startswith("、"):  # (…平均x、[最低]y: the same
            # quantity's other statistic)
            pre = stat + next((prev_metric[len(w):] for w in self.mr.statistic_words if prev_metric.startswith(w)), prev_metric)
        marked = _last(self.mr.object_marker, pre, 0, len(pre)) if stripped else None
        if marked is not None and self._noun_first(pre[marked.end():]) and self.is_metric(pre[marked.end():]):
            pre = pre[marked.end():]  # 该项目将[PUE]压降至x: the object the marker moves before the verb (将较…, 将在…: a modal)
        joined = pre.endswith(self._joiners) and not pre.endswith(self.mr.keep_trailing)  # (总和, 普及: a noun)
        if joined:
            pre = ""  # 所有乡镇及[95%以上行政村]: the item before the joiner is another's, not this value's
        noun = next((n for w, n, kinds, alone in self.mr.verb_nouns
                     if not alone and pre.endswith(w) and (kinds is None or v.unit_kind in kinds)), None) \
            if pre.endswith(self.mr.verb_noun_ends) else None
        fragment = None if noun or not pre else next(
            ((rx, keep) for rx, keep in self.mr.fragments if rx.search(raw)), None)
        if noun:
            pre = noun  # 股价终场收在1,050元: the verb names the quantity (收盘价)
        elif fragment:
            # 仅次于…的27%, 于…与乙签订…: no quantity named; the noun after, else carried (低于[市场预期]的8%:
            # the other term of a comparison, unless a name, follows the carried quantity)
            obj = self._object(para, raw, fragment, left, v) if fragment[1] else ""
            pre, stripped = "", []
            if obj:  # (优于第2季EPS x after 每股纯益（EPS）: the same quantity, named once)
                metric = prev_metric if prev_metric and obj in prev_metric else (prev_metric or "") + obj
                return metric, "", "", prev_metric or obj
        if pre and not noun and not fragment and (subject := self._subject_before(para, v, clause, raw, pre)):
            pre = subject + pre  # 全球甲市场进入…，[收入]创下…; 增长最快的是乙类系统，其[收入]…
        elif pre and not noun and not fragment and (count := self._count_before(para, v, clause, pre)):
            pre = count  # 固定宽带接入用户规模增长明显，9月末，[用户数]达到x: 固定宽带接入用户数
        if pre in self.mr.share_words and prev_metric and (at := self.mr.share_cue.search(prev_metric)) \
                and at.start() > 0 and not prev_metric.endswith(self.mr.share_words):
            pre = prev_metric[:at.start()] + pre  # 5G基站占移动基站总数的x，[占比]提高y: the subject's share (5G基站占比)
        elif opening and not prev_metric and self._unchanged(pre) in self.mr.opening_rates:
            pre = opening + pre  # 电信业务收入x，增长y。[增速]比上半年提高z / [增幅回落]z: 电信业务收入增速
        elif pre in self.mr.rate_words and prev_metric:
            # 新兴业务收入达到3206亿元，增速为8.7% (外销占比…，占比由…: the rate word once)
            pre = (prev_metric if prev_metric.endswith(pre) else self._unchanged(prev_metric) + pre)  # (进口升，…升幅: 进口升幅)
        post, via_de = self._post_noun(para, v, duration=fragment is not None, loose=joined) \
            if v.range_role != "low" else ("", False)
        high = None
        if v.range_role == "low":  # (每年达到120亿至180亿元的[经济贡献]: the noun after the upper bound)
            high = min((o for o in para.values if o.range_role == "high" and o.start >= v.end), key=_value_start, default=None)
            post, via_de = self._post_noun(para, high) if high is not None and high.start <= clause[1] else ("", False)
        if ent is not None and ent.start >= v.end:
            post = ""  # 总面积8.6万平方呎的[甲用地]: the name after the value holds it, no part of the metric
            if ent.start == v.end:
                pre = t[ent.start:ent.end]  # 推出30亿元[资助计划]: the programme's size, named by its word
            elif (won := self.mr.by_value_names.get(t[v.end:ent.start].removesuffix("的"))) is not None:
                pre = won  # 12亿[夺]甲住宅地, 以12亿[投得]的乙物流地: the price of the site won
        # (a range's lower bound: the event after its upper one, 在12至24个月内[交付])
        deadline = self.mr.deadline.match(t, (high or v).end) if v.unit_kind == "duration" else None
        if deadline:
            pre, post = "", deadline.group("event") + "期限"  # 在42个月内[开始营运]: the time to the event
        post = post.strip(_QUOTES)
        if post in self.mr.post_stop or post.startswith(self.mr.post_stop_openers):
            post = ""  # (…2成的机会很大: a judgement of the figure, no quantity)
        # 分别增长: 增长; 增长了: 增长
        pred = self.attributor.lists.cue_rx.sub("", stripped[0]).removesuffix("了") if stripped else ""
        if len(stripped) > 1 and pred in _COPULAS and stripped[1] in self.mr.growth_predicates:
            pred = stripped[1]  # 经济成长[为]7.71%, 收入增长[达]5%: the change the copula states
        rank = self.mr.by_value_rank.match(t, v.end) if raw.endswith(self.mr.by_value_cues) else None
        if rank:  # 甲类产品以x稳居[接单金额]首位: the quantity ranked (of the class before 以)
            post = rank.group("noun") or prev_metric or ""  # (以x排名第二 after 营业收入最高的是…: the quantity before)
        elif not post and raw.endswith(self.mr.by_value_cues) and not pre.endswith(self.mr.noun_heads) \
                and (deal := self._verb_after(para, v) or next(
                (w for w in self.mr.by_value_names if t.startswith(w, v.end)), "")  # (夺地: no word of its own)
                or self._won_after(t, v)):  # (以x从政府[投得]: the verb later in the clause)
            pre, post = "", self.mr.by_value_names.get(deal, deal)  # 甲公司以5.2亿元[中标] / 以3.1亿元[易手]
        elif not post and raw.endswith(self.mr.by_value_cues) and not pre.endswith(self.mr.noun_heads) \
                and (named := self.mr.by_value_noun.match(t, v.end)) is not None \
                and self.is_metric(named.group("noun")):
            post = named.group("noun")  # 乙科技则以x[归母净利润]，成为…: the quantity the amount measures, named after it
        m = self.mr.object_verb.search(pre)
        if m and m.end() < len(pre):
            pre = pre[m.end():].rstrip("至到")  # 上调其[目标价]至15元: the object of the verb is the quantity
        if v.unit_kind == "currency" and (m := self.mr.one_thing.search(pre)) and m.end() < len(pre):
            pre = pre[m.end():]  # 开发区一座[计划总投资]x的算力中心: the thing counted is described, no part of the quantity
        growth = pred in self.mr.growth_predicates and v.unit_kind != "duration"
        # (减少52亿元, 电话线路减少9539条: a change of an amount or a count keeps its direction, contract 1)
        verb = next((p for p in stripped if p in self.mr.verb_predicates), "")  # 两市投资分别为: 投资
        if verb and pre and not post and pre + verb in raw and not (verb in self.mr.topic_verbs and raw.endswith(verb)):
            pre += verb  # 总投资约270亿元, 累计完成固定资产投资128亿元: the verb ends the noun
        if not post and v.unit_kind == "currency" and (not pre or pre.endswith(self.mr.amount_verbs) or raw.endswith(self.mr.amount_verbs)) \
                and (after := self.mr.amount_after.match(t, v.end)) is not None:
            # 完成38亿元[固定资产投资], 吸引了520亿令吉[数据中心相关投资]: the quantity the amount measures after it; the
            # verb before names none (a count's verb, 新增/累计, stays: metrics.yaml amount_after keep)
            keep = next((w for w in self.mr.amount_after_keep if raw.endswith(w)), "")
            pre, post, verb = "", keep + after.group("noun"), ""
        elif not post and v.unit_kind == "currency" and (raw.replace(" ", "").endswith(self.mr.funds_verbs)
                                                         or _ATTRIBUTIVE_AMOUNT.search(t, max(0, v.qual_start - 5), v.qual_start)) \
                and (after := self.mr.funds_after.match(t, v.end)) is not None:
            pre, post, verb = "", after.group("noun"), ""  # 确保x亿元[5G建设资金]到位, 需提交x亿元[保证金]; 在…上的x亿元[预算]
        # 电信业务收入稳步提升，[累计完成]x: a clause of only a verb measures the quantity the clause before says
        # changed (metrics.yaml topic_before; contract 1a: never the verb)
        topic = self._changed_before(para, v, clause, topic=True) \
            if not pre and not post and not growth and (raw in self.mr.topic_verbs or self.mr.change_opening.fullmatch(
                t, clause[0], v.qual_start) or (stripped and stripped[-1] in self.mr.topic_verbs
                                             and not self.attributor.lists.cue_rx.search(raw))) else ""  # (预计[落在]; never 分别达)
        if topic:
            metric = topic
        elif post:
            head = pre if pre not in self.mr.lone_words else ""  # (凭借x的[出货量]: the means is no part of it)
            metric = (head or verb) + post
        elif pre:
            metric = pre + pred if growth else pre
            if v.unit == "%" and pred in self.mr.list_tail_by_predicate and not pre.endswith(self.mr.noun_heads):
                metric = pre + self.mr.list_tail_by_predicate[pred]  # 本体制造占x% -> 本体制造占比 (never a bare class)
        elif growth and (changed := self._changed_before(para, v, clause)):
            # 全省甲业务量明显提升，增长x: the clause before names the quantity that changed
            metric = changed + pred
            prev_metric = changed
        elif pred in self.mr.growth_predicates and prev_metric and v.unit not in _RATE_UNITS \
                and (amount := self._without_rate(prev_metric)) != prev_metric:
            # 外销订单金额达x亿美元，占比y%，和上年相较增加z亿美元: the amount's change, not the share's
            metric, prev_metric, growth = amount + pred, amount, True  # (增幅w after it: the amount's)
        elif growth:
            # 智能算力规模达76EFLOPS，同比增长65% (…增长3%，仅增长2%: the change word once)
            metric = (prev_metric or "") + ("" if prev_metric and prev_metric.endswith(pred) else pred)
        elif verb:
            metric = verb
        else:  # (…保四无虞（2024为4.3%）: the quantity the sentence named before the bracket)
            metric = self._bracket_topic(para, v, clause, prev_metric) or prev_metric or ""
        metric = metric.strip(_QUOTES + " ")
        if pre and prev_metric and self.mr.share_cue.match(metric) and not self.mr.share_cue.match(prev_metric):
            metric = self._share_subject(prev_metric) + metric  # 5G基站总数达x，[占移动基站总数]的y: 5G基站占…
        metric = self.mr.canonical.get(metric, metric)
        return metric, raw, pred, (prev_metric if growth and not pre else metric)

    def _streak(self, t: str, para: Para, v: ValueMention, clause: tuple[int, int], ent: Candidate | None, streak,
                prev_metric: str | None) -> tuple[str, str]:
        """The metric of a streak's length (外销订单…、连续十个月正成长 -> 外销订单连续正成长; 一个月拆息连升3日 ->
        一个月拆息连升; metrics.yaml streak): the quantity its clause names before the streak (else the quantity
        the sentence measured before it), the streak's words, and what the streak keeps doing after the count
        (正成长, 高于临界点, 站稳…大关: up to a figure)."""
        left = ent.end if ent is not None and clause[0] <= ent.start and ent.end <= streak.start() else clause[0]
        left = max([left] + [o.end for o in para.values if left <= o.start and o.end <= streak.start()])  # (年增x、连续…)
        pre = _STREAK_OPENER.sub("", self.mr.not_metric.sub("", self._cut(t, para, left, streak.start()).replace(" ", "")).strip(
            "、，,").rstrip("也亦均皆都已并且"))  # (而且是连续第二年上升, 更是连续第3个月: the opener is no part of it)
        if not pre and prev_metric:
            pre = self._unchanged(prev_metric)
        after = _STREAK_AFTER.match(t, v.end, clause[1])
        done = after.group() if after else ""
        # (and the quantity the streak is of, for the values after it: 外资…买超)
        later = any(v.end <= o.start < clause[1] for o in para.values)  # (连续第3个月站上500亿美元: that figure is the quantity's)
        return pre + streak.group().replace("第", "") + done, (pre if later else pre + done if pre and done else "")

    def _quote(self, t: str, para: Para, ent: Candidate | None, clause: tuple[int, int], v: ValueMention,
               raw: str, prev_metric: str | None) -> str:
        """A market report's stock line (metrics.yaml stock_quote): 股价跌幅 for a percentage whose clause
        is a listed company (a stock code after its name) and a move; 股价 for an amount of money whose
        clause is only 报 right after such a move; '' otherwise."""
        def words() -> str:  # (read only for a value either case can hold: most are neither)
            return self.mr.not_metric.sub("", raw).replace(" ", "")
        index = ent is not None and ent.type == "INDEX" and clause[0] <= ent.start < v.start
        if v.unit == "%" or (v.unit == "点" and index):
            m = self.mr.quote_move.match(words())  # (read once for the three cases a move names)
            if m is not None and index:
                return self.mr.quote_moves[m.group("dir")]  # 科技指数升逾4%, 恒指跌224点: the index's move (升幅, 跌幅)
            if m is not None and m.groupdict().get("ref"):
                return self.mr.quote_word + self.mr.quote_moves[m.group("dir")]  # 该股大涨x: the stock named last, its move
            if m is not None and ent is not None and ent.type == "ORG" and clause[0] <= ent.start < v.start:
                coded = self.mr.stock_code_rx.match(t, ent.end)
                if (coded and coded.end() <= v.qual_start) or ent.origin == "gazetteer":
                    # (小米集团升逾12%: a company the gazetteer or the piece's market report knows, with a move and nothing else)
                    return self.mr.quote_word + self.mr.quote_moves[m.group("dir")]
        if v.unit_kind == "currency" and prev_metric and prev_metric.startswith(self.mr.quote_word) \
                and prev_metric != self.mr.quote_word and self.mr.quote_price.match(words()):
            return self.mr.quote_word
        return ""

    def _unchanged(self, metric: str) -> str:
        """The quantity a change's metric measures: its change word and an adverb before it cut
        (收入则暴涨 -> 收入; a predicate stays: 研发投入同比增长 -> 研发投入)."""
        q = self.mr.change_tail.sub("", metric)
        m = self.mr.trailing_end.search(q)
        return q[:m.start()] if m and not q.endswith(self.mr.keep_trailing) else q

    def _without_rate(self, metric: str) -> str:
        """``metric`` without the rate word that ends it (外销订单金额占比 -> 外销订单金额)."""
        w = next((w for w in self.mr.rate_by_len if metric.endswith(w) and len(metric) > len(w)), "")
        return metric[:len(metric) - len(w)] if w else metric

    def _share_subject(self, quantity: str) -> str:
        """The subject of a share stated right after its quantity (5G基站总数净增 -> 5G基站): the quantity
        without its change word, its rate word and a count word (metrics.yaml share.drop)."""
        q = self._unchanged(self._without_rate(quantity))
        for w in self.mr.share_drop:
            if q.endswith(w) and len(q) > len(w):
                q = q[:-len(w)]
                break
        return q if self.is_metric(q) and not self.mr.share_cue.search(q) else ""

    def _topic(self, para: Para, v: ValueMention, clause: tuple[int, int]) -> str:
        """丙公司预期第四季营收，若以…汇率假设，约会落在…: the nearest earlier clause of the sentence, with no
        value in it, that ends with a metric word (metrics.yaml topic_heads, attribution.yaml names.metric_words)
        names the quantity; for a value whose clause names nothing (2021年为x) an aspect too (客房均价方面)."""
        t = para.text
        sent = next((s for s in para.sentences if s[0] <= v.start < s[1]), None)
        if sent is None or clause[0] <= sent[0]:
            return ""
        for a, b in reversed(clauses_of(t, sent[0], max(sent[0], clause[0] - 1))):
            if any(a <= o.start < b for o in para.values):
                return ""
            # after a holder that is no place (全球交换机市场收入: a place before the metric stays with it)
            a = max([a] + [c.end for c in para.cands if a <= c.start and c.end <= b and c.type != "GPE"])
            words = self._strip(self.mr.not_metric.sub("", self._cut(t, para, a, b).replace(" ", "")))[0]
            tail = next((w for w in self.mr.topic_tails if words.endswith(w)), "")
            words = words[:len(words) - len(tail)] if tail else words  # (5G渗透率表现不佳: the noun judged)
            frame = self.mr.topic_frame.fullmatch(words)  # (在品牌营收方面，甲公司2月为x: 品牌营收)
            # (客房均价方面，2021年为x: the aspect names the quantity of a clause that names none)
            aspect = frame is not None and words.endswith("方面") and _bare_clause(para, clause)
            words = frame.group("noun") if frame else words
            if (aspect or words.endswith(self.mr.topic_heads)) and self.is_metric(words):
                return words
        return ""

    def _bracket_topic(self, para: Para, v: ValueMention, clause: tuple[int, int], prev_metric: str | None = None) -> str:
        """…首度公布经济成长率预测，…保四无虞（2024为4.3%）: a value in an open bracket that only dates it (a date
        and 为) restates the quantity its sentence names last before the bracket (a phrase ending with a metric
        word, metrics.yaml topic_heads), not the last figure of another quantity.  The phrase is a few words
        before its head; when the quantity before the bracket (``prev_metric``, its own brackets dropped) ends
        with them, that whole quantity (调整后息税折旧摊销前利润为x（2019年第三季度：y）, not 旧摊销前利润)."""
        t = para.text
        opened = max(t.rfind("（", clause[0], v.qual_start), t.rfind("(", clause[0], v.qual_start))
        sent = next((s for s in para.sentences if s[0] <= v.start < s[1]), None)
        if opened < 0 or sent is None or _CLOSE_RX.search(t, opened, v.qual_start):
            return ""
        inside = t[opened + 1:v.qual_start]
        dated = [d for d in para.dates if opened < d.start and d.end <= v.qual_start]
        for d in dated:
            inside = inside.replace(t[d.start:d.end], "")
        if not dated or inside.strip(" 为是：:"):
            return ""  # (约合…, 中间值约…: the bracket names its own words; no date: no restatement)
        best = ""
        for a, b in clauses_of(t, sent[0], opened):
            hits = [(t.rfind(h, a, b) + len(h), len(h)) for h in self.mr.topic_heads if t.rfind(h, a, b) >= 0]
            if not hits:
                continue
            end, n = max(hits)  # (the last head of the clause, the longest there)
            # (a few words before the head, after any name or date and any speaker's word: 公布台湾[经济成长率])
            lo = max([a, end - n - 4] + [o.end for o in (*para.cands, *para.dates) if o.end <= end - n])
            words = t[lo:end].replace(" ", "")
            cue = _last(self.mr.cue_cut, words, 0, len(words))
            words = self._strip(words[cue.end():] if cue is not None else words)[0]
            if self.is_metric(words):
                best = words
        whole = _BRACKETED.sub("", prev_metric or "")
        return whole if best and len(whole) > len(best) and whole.endswith(best) else best

    def _clause_before(self, para: Para, v: ValueMention, clause: tuple[int, int],
                       skip_dates: bool = False) -> tuple[int, int] | None:
        """The clause right before the value's in its sentence, when it holds no value (else None);
        ``skip_dates``: clauses that hold only a date (…增长明显，[9月末]，用户数达到x) are passed over."""
        t = para.text
        sent = next((s for s in para.sentences if s[0] <= v.start < s[1]), None)
        if sent is None or clause[0] <= sent[0]:
            return None
        # (the clauses of a window before the value's clause, not of the whole sentence: a sentence of
        # 100k characters with no 。 stays linear; a clause longer than the window reads the sentence)
        lo = max(sent[0], clause[0] - _CLAUSE_WINDOW)
        found = clauses_of(t, lo, max(lo, clause[0] - 1))
        if len(found) == 1 and lo > sent[0]:
            found = clauses_of(t, sent[0], max(sent[0], clause[0] - 1))
        k = len(found) - 1
        while skip_dates and k > 0 and not self._cut(t, para, *found[k]).strip():
            k -= 1
        a, b = found[k]
        return None if any(a <= o.start < b for o in para.values) else (a, b)

    def _subject_before(self, para: Para, v: ValueMention, clause: tuple[int, int], raw: str, pre: str) -> str:
        """The class or segment that the clause before makes the subject, for a metric that names only a
        generic quantity (contract 1a: a market, a product class or a segment is part of the metric):
        增长最快的是乙类系统，其[收入]… (the noun a 其 points back to), 全球甲市场进入…状态，[收入]创下…
        (a market the clause before is about, when the metric is a bare head of metrics.yaml subject_heads)."""
        raw = raw.replace(" ", "")
        pronoun = raw.startswith(self.mr.pronouns) and not raw.startswith(self.mr.keep_leading + self.mr.part_cues)
        if not pronoun and pre not in self.mr.subject_heads:
            return ""
        span = self._clause_before(para, v, clause)
        if span is None:
            return ""
        a, b = span
        a = max([a] + [c.end for c in para.cands if a <= c.start and c.end <= b])  # (全球|服务器市场: the holder)
        if any(a <= c.start < b for c in para.cands):
            return ""  # (是甲公司，其收入: 其 is the holder's, attribution's business)
        words = self._cut(para.text, para, a, b).replace(" ", "")
        m = (self.mr.referent if pronoun else self.mr.segment).search(words)
        noun = m.group("noun") if m else ""
        return noun if noun and not pre.startswith(noun) and self.is_metric(noun) else ""

    def _changed_before(self, para: Para, v: ValueMention, clause: tuple[int, int], topic: bool = False) -> str:
        """全省甲业务量明显提升，增长x: the clause right before the value's (in its sentence, with no
        value) that says a quantity changed (it ends with a change word) names the quantity ('' when none);
        ``topic``: for metrics.yaml topic_before (a clause holding only a date between is passed over, the
        quantity may be as long as its max_chars)."""
        span = self._clause_before(para, v, clause, skip_dates=topic)
        if span is None:
            return ""
        a, b = span
        a = max([a] + [c.end for c in para.cands if a <= c.start and c.end <= b])  # (全国|移动短信业务量: the holder)
        cut = self.mr.date_frame.sub("", self._cut(para.text, para, a, b))  # (截至[六月底]全年…盈利: the frame too)
        cut = cut.replace(" ", "")
        framed = self.mr.circumstance.search(cut) is not None  # (…售电量在甲类订单回升的带动下，增加x)
        words, stripped = self._strip(self.mr.not_metric.sub("", cut))
        basis = self.mr.topic_basis.search(words) if topic and not stripped else None
        if basis is not None and basis.start() >= 2:
            return words[:basis.start()] if self.is_metric(words[:basis.start()]) else ""  # (营收以美金计，预计落在…)
        cause = min((i for i in (words.find(c) for c in self.mr.causes) if i >= 0), default=-1)
        if cause >= 0:  # 乙业因丙产品持续成长，年增x / 乙业受惠于…扩产，年增x: the subject before the cause
            words = words[:cause]
            frame = words.rfind("在")  # (数据中心的售电量在…需求增长的带动下，增加x: the frame 在…带动下 opens at 在)
            words = self._strip(words[:frame] if frame >= 2 else words)[0].removesuffix("的")
        elif framed and not stripped:
            words = words.removesuffix("的")  # 数据中心的售电量[在…带动下]，增加x: the quantity the frame followed
        elif not stripped and not topic and words.endswith(self.mr.amount_heads):
            pass  # 股东应占盈利，按年增x: a clause that only names an amount names what changed
        elif not stripped or stripped[0] not in self.mr.growth_predicates:
            return ""
        if not 2 <= len(words) <= (self.mr.topic_max if topic else 12) or _COUNT.search(words):
            return ""  # (连续9个月年增: a count of months)
        return words if self.is_metric(words) and _PHRASE.fullmatch(words) else ""

    def _count_before(self, para: Para, v: ValueMention, clause: tuple[int, int], pre: str) -> str:
        """固定宽带接入用户规模增长明显，9月末，[用户数]达到x: a short count (at most metrics.yaml topic_before
        short_max characters, ending with a quantity word) whose stem (用户) ends the quantity the clause
        before says changed, before that one's quantity word (…接入用户规模), names that quantity's count:
        the topic's stem and the count's word (…接入用户数); '' otherwise."""
        word = next((w for w in self.mr.quantity_words if pre.endswith(w)), "")
        stem = pre[:len(pre) - len(word)]
        if not word or len(pre) > self.mr.short_max or len(stem) < 2 or not _WORDLIKE.fullmatch(stem):
            return ""
        topic = self._changed_before(para, v, clause, topic=True)
        tword = next((w for w in self.mr.quantity_words if topic.endswith(w)), "")
        tstem = topic[:len(topic) - len(tword)]
        return tstem + word if tword and len(tstem) > len(stem) and tstem.endswith(stem) else ""

    def _opening(self, para: Para, si: int, sent: tuple[int, int], clause: tuple[int, int], last: dict | None,
                 prev_metric: str | None) -> str | None:
        """The quantity whose change the previous sentence of the paragraph stated last (电信业务收入x，增长y。),
        when the value's clause opens its sentence (only a date before it) and no value before it in the
        sentence names one: for a bare rate word opening it (metrics.yaml rate_opening)."""
        if prev_metric or last is None or si == 0:
            return None
        before = para.sentences[si - 1]
        if not before[0] <= last["local_span"][0] < before[1] or not self.mr.change_tail.search(last["metric"]):
            return None
        if clause[0] > sent[0] and self._cut(para.text, para, sent[0], clause[0]).strip(" ，,"):
            return None
        q = self._unchanged(last["metric"])
        return q if q != last["metric"] and self.is_metric(q) else None

    def _reached(self, t: str, last: dict, v: ValueMention) -> str:
        """收入按年增长14%至14.7亿港元: an amount right after a change (a rate, then 至) is the quantity
        that changed: the metric of the change without its change word ('' when it is no such amount)."""
        a = last["local_span"][1]
        joined = t[a:v.qual_start].strip(" ，,") if a <= v.qual_start else None
        if joined in self.mr.flow_reaches and last["unit"] == v.unit \
                and (flow := self.mr.cumulative_flow.search(last["metric"])) is not None:
            # 运营容量新增约x兆瓦达y兆瓦, 用户净增120万户达3.2亿户: the total the flow brought the quantity to
            quantity = self._strip(last["metric"][:flow.start()] + last["metric"][flow.end():])[0]
            return quantity if self.is_metric(quantity) else ""
        same_unit = (joined in self.mr.flow_reaches or joined in self.mr.change_to) and last.get("unit") == v.unit \
            and v.unit not in _RATE_UNITS and self.mr.change_tail.search(last.get("metric") or "")
        # (常住人口增加1.2万人，达到320万人, 电话线路减少x条至y条: the count the change brought the quantity to)
        if not same_unit and not (a <= v.qual_start and t[a:v.qual_start] in self.mr.change_to
                                  and (last["unit"] in _RATE_UNITS and v.unit not in _RATE_UNITS
                                       or last["unit"] == "pp" and v.unit == "%")):  # (份额跌1.2个百分点至31.5%: the share)
            return ""
        quantity = self._strip(self.mr.change_tail.sub("", last["metric"]))[0]  # (收入则减: 收入)
        return quantity if quantity != last["metric"] and self.is_metric(quantity) else ""

    def bracket_trade(self, v: ValueMention, para: Para, ent: Candidate | None, sent: tuple[int, int]) -> str | None:
        """输往主要目的地的整体出口货值录得升幅，尤其是甲地（升9%）、乙地（升5%）; 主要货品类别的进口货值…，
        尤其是「丙类货品」（增30亿元，升5%）: a value in a bracket after an item of a sentence that
        names a trade (rules/attribution.yaml trade_partner ``goods``) measures that trade with the
        item: 输往甲地的整体出口货值升幅, 丙类货品进口货值增 (the partner or the class in the metric,
        contract 1a).  None when the item holds the value itself or no trade is named."""
        ar, t = self.attributor.ar, para.text
        open_ = max(t.rfind("（", sent[0], v.qual_start), t.rfind("(", sent[0], v.qual_start))
        if open_ < 0 or _CLOSE_RX.search(t, open_, v.qual_start):
            return None
        word = _BRACKET_CLAUSE.split(t[open_ + 1:v.qual_start])[-1]  # (增30亿元，升5%: 升)
        if not word and (colon := max(t.rfind("：", sent[0], open_), t.rfind(":", sent[0], open_))) >= 0:
            # (…整体出口价格均上升：甲地（13.4%）、乙地（10.5%）: the change the list's colon line names)
            shared = _last(ar.change_word_rx, t, _clause_start(t, sent[0], colon), colon)
            word = shared.group() if shared is not None and shared.end() == colon else ""
        if not _HAN_WORD.fullmatch(word):
            return None
        end = open_
        gloss = _GLOSS_BEFORE.search(t, sent[0], end)  # 中国内地（内地）（升9%）: the gloss is no item
        if gloss:
            end = gloss.start()
        if t[end - 1:end] == "」":  # 「电动机械、仪器及零件」: a quoted class, its 、 inside
            start = t.rfind("「", sent[0], end)
            item = t[start + 1:end - 1] if start >= 0 else ""
        else:
            b = _ITEM_BOUNDARY.search(t, sent[0], end)
            item = t[b.end() if b else sent[0]:end]
            while True:  # (和尤其是甲地: joiners and cue words before the item)
                shorter = self.attributor.names.strip_leading(item)
                shorter = shorter[len(next((j for j in self._joiners if shorter.startswith(j)), "")):]
                if shorter == item:
                    break
                item = shorter
            start = end - len(item)
        if not 2 <= len(item) <= 24 or DIGIT_RE.search(item) or ar.goods_rx.search(item) \
                or (ent is not None and start <= ent.start < end):
            return None
        cue = ar.frame_cue_rx.match(item)  # 当中输往甲地（升9%）: the item names its own cue
        if cue:
            cue, item = cue.group(), item[cue.end():]
        goods = _last(ar.goods_rx, t, sent[0], start)  # (the nearest trade named before the item)
        if goods is not None and cue is None:
            cue = _last(ar.frame_cue_rx, t, _clause_start(t, sent[0], goods.start()), goods.start())
            cue = cue.group() if cue else None
        goods = goods or ar.goods_rx.search(t, v.end, sent[1])  # 来自甲地（跌9%）的进口货值
        if goods is None or len(item) < 2:
            return None
        return (f"{cue}{item}的" if cue else item) + goods.group() + ar.change_nouns.get(word, word)

    def trade_chain(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int], si: int,
                    state: dict) -> str | None:
        """输往甲地上升5%、乙地上升3%及丙地上升1% / 以接自甲国增4亿美元、乙地增3亿美元: a value of a chain of
        partners (lists.py) measures the trade with its item: the item's cue (or the first item's,
        or the frame's: 来自…的进口货值，尤其是甲地上升), the item, the trade the item names, else the
        nearest one named before (in the sentence, else the two before) and the change
        (输往乙地的整体出口货值上升, contract 1a).  None when ``v`` is in no chain."""
        ar, t = self.attributor.ar, para.text
        chain = next((ch for ch in self.attributor.trade_chains(para, sent, si, values, state) if v.start in ch.starts), None)
        if chain is None:
            return None
        k = chain.at(v.start)
        a, b = chain.items[k]
        item, cue, verb = t[a:b], chain.cues[k], chain.verbs[k]
        own = ar.goods_rx.match(t, b, v.qual_start) or ar.goods_rx.match(t, b + 1, v.qual_start)
        if own is not None:  # (输往甲地的整体出口货值上升5%、…: the item names its trade)
            return t[a - len(cue):own.end()] + verb
        lo = self.attributor.trade_scope(para, sent, si)
        first = chain.items[0][0]
        last = next((w for w in values if w.start == chain.starts[-1]), None)
        tail = _CHAIN_TAIL.match(t, last.end) if last is not None else None
        # (产自甲(x亿元)及乙(y亿元)的进口货值: the trade named right after the chain's last bracket is every item's)
        goods = (ar.goods_rx.match(t, tail.end()) if tail is not None else None) \
            or _last(ar.goods_rx, t, sent[0], first) or _last(ar.goods_rx, t, lo, sent[0])
        if goods is not None and not cue:
            frame = _last(ar.frame_cue_rx, t, _clause_start(t, lo, goods.start()), goods.start())
            cue = frame.group() if frame else ""
        if goods is None:
            return cue + item + verb  # (接自甲国增: no trade named, the cue names it)
        return (f"{cue}{item}的" if cue else item) + goods.group() + verb

    def partner_list(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int]) -> str | None:
        """对甲、乙与丙分别增x、y、z / 对甲、乙各年增x、y: a list of partners after a cue, distributed
        over the joined values: the k-th value's metric is the cue, the k-th partner, the trade the
        sentence names and the change (对甲出口增; rules/attribution.yaml trade_partner ``each``).
        The items are split at 、 first (中国大陆与香港 is one partner when the count says so)."""
        ar, t = self.attributor.ar, para.text
        group = self.attributor.lists.group(t, values, v, sent)
        if len(group) < 2:
            return None
        first = group[0].qual_start
        m = ar.partner_each_rx.search(t, _clause_start(t, sent[0], first), first)
        if m is None:
            return None
        items = m.group("items").split("、")
        if len(items) != len(group):
            items = self.attributor.lists.split_rx.split(m.group("items"))
        if len(items) != len(group) or not all(0 < len(x) <= 8 and "的" not in x for x in items):
            return None  # (对外开放的甲和乙分别…: no list of partners)
        goods = m.group("goods")
        if goods is None:  # (the trade the paragraph named before: 对美国出口年增…，对甲、乙分别增)
            named = _last(ar.goods_rx, t, 0, m.start())
            goods = named.group() if named else ""
        pred = m.group("pred")  # (分别增: 增 stays, 分别为: 为 goes)
        pred = "" if pred in self.mr.predicates and pred not in self.mr.growth_predicates else pred
        return m.group("cue") + items[group.index(v)] + goods + pred

    def partner_role(self, v: ValueMention, para: Para, sent: tuple[int, int]) -> str | None:
        """美国首度取代甲地成为最大出超国，达x: the value of a partner's role is the reporter's trade
        with that partner (对美国出超; rules/attribution.yaml trade_partner ``role_nouns``)."""
        ar, t = self.attributor.ar, para.text
        role = _last(ar.role_rx, t, sent[0], v.qual_start)  # (the nearest role before the value)
        between = t[role.end():v.qual_start].lstrip("，,") if role else None
        if between is None or (between and between not in self.mr.predicates):  # (成为最大出超国，达x)
            return None
        clause = _clause_start(t, sent[0], role.start())
        partner = next((c for c in para.cands if clause <= c.start and c.end <= role.start() and c.type == "GPE"), None)
        if partner is None:
            return None
        return "对" + partner.name + ar.role_nouns[role.group()]

    def partner_share(self, v: ValueMention, para: Para, sent: tuple[int, int], clause: tuple[int, int]) -> str | None:
        """服务器出口以甲为大宗，占比达x / …，占x，其次为乙占y: a share after the trade's main partner
        (trade_partner ``main``) is that partner's share of the trade (服务器出口甲占比), and a later
        place with its own share in the sentence (其次为乙占y; ``next``) is that place's (服务器出口乙占比);
        the holder before the trade (临江市服务器出口…) is no part of it."""
        ar, t = self.attributor.ar, para.text
        if clause[0] <= sent[0]:
            return None
        m = _last(ar.main_rx, t, sent[0], clause[0])
        if m is None:
            return None
        head = t[clause[0]:v.qual_start]
        rate = next((w for w in self.mr.rate_words if head.startswith(w)), None)
        item = ar.share_item_rx.fullmatch(head) if rate is None else None
        if rate is None and item is None:
            return None
        start = _clause_start(t, sent[0], m.start())
        start = max([c.end for c in para.cands if start <= c.start and c.end <= m.start()] + [start])
        partner = m.group("p") if rate is not None or not item.group("p") else item.group("p")
        return t[start:m.start()] + partner + (rate or "占比")

    def partner_clause(self, v: ValueMention, para: Para, sent: tuple[int, int], clause: tuple[int, int],
                       values: list) -> str | None:
        """对欧洲出口值创单月最佳，增x: a clause of a change word alone after a clause that names a
        trade with a partner and no value: the change of that trade (对欧洲出口值增)."""
        t = para.text
        word = t[clause[0]:v.qual_start].strip()
        if clause[0] <= sent[0] or not word or not (word in self.mr.lone_words or word in self.mr.growth_predicates):
            return None
        start = _clause_start(t, sent[0], clause[0] - 1)
        if any(start <= o.start < clause[0] for o in values):
            return None
        m = self.attributor.ar.partner_trade_rx.search(t, start, clause[0] - 1)
        return m.group() + word if m else None

    def rank_metric(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int],
                    prev_metric: str | None) -> str | None:
        """在甲领域，乙、丙分别以x件、y件位列前三 / 在甲市场上，乙以x%的份额居首: a value after 以 that a rank
        follows (metrics.yaml rank_frame ``after``) measures the noun after 的 (份额), else the quantity named
        before in the sentence, else its unit's count word (件数), in the topic of a frame opening the sentence
        (甲领域, 甲市场): 甲市场份额, 甲领域件数.  None when no rank follows."""
        t = para.text
        if not t.endswith(self.mr.by_value_cues, sent[0], v.qual_start):
            return None
        group = self.attributor.lists.group(t, values, v, sent)
        rank = self.mr.rank_after.match(t, (group[-1] if group else v).end, sent[1])
        if rank is None:
            return None
        first = clauses_of(t, *sent)[0]
        topic = ""
        if first[1] < v.qual_start and not any(first[0] <= o.start < first[1] for o in values):
            words = self._cut(t, para, first[0], first[1]).strip(" ，,：:")
            words = self.attributor.lists.openers.sub("", words, count=1) if self.attributor.lists.openers.match(words) else words
            frame = self.mr.rank_topic.fullmatch(words)
            topic = self._strip(frame.group("noun"))[0] if frame else ""
        noun = rank.group("noun") or ""
        if not noun and prev_metric and self.is_metric(prev_metric):
            # (…以x%的份额居首，乙、丙分别以y、z紧随其后: the share named before; a group's total 合计 is no member's)
            noun = prev_metric.replace(self.mr.total_word, "", 1) if len(prev_metric) > len(self.mr.total_word) + 1 else prev_metric
        noun = noun or self.mr.rank_nouns.get(v.unit, "")
        if not noun and not topic:
            return None
        if topic and noun.startswith(topic):
            return noun
        k = next((k for k in range(min(len(topic), len(noun)), 0, -1) if topic.endswith(noun[:k])), 0)
        return topic + noun[k:]  # (在甲市场上…的市场份额: 甲市场份额, the shared word once)

    def class_share(self, v: ValueMention, para: Para, sent: tuple[int, int], clause: tuple[int, int]) -> tuple[str, int, int, int] | None:
        """需求结构中，甲（占比x%）、乙（y%） / 下游应用中甲占x%，乙y%: in a sentence whose frame splits a whole into
        classes (metrics.yaml class_share ``frames``), a percentage right after an item (a bracket or a share word
        between them at most) is the class's share: (item + 占比, the item's span, where the frame's word
        stands: a holder named before it keeps the shares).  None when the item is a name
        (a place or a company holds its own share), a metric or a change."""
        if v.unit != "%" or self._interleaved(para.text, clause, v, para.values) is not None:
            return None  # (占比依序为甲x、乙y: the interleaved items name their values)
        t = para.text
        found = [(i, i + len(w)) for w in self.mr.class_frames if (i := t.rfind(w, sent[0], v.qual_start)) >= 0]
        if not found:
            return None
        first, frame = min(i for i, _ in found), max(e for _, e in found)
        after = regex.match(r"(?:中|上|里|方面|来看|看)?[，,]?", t[frame:v.qual_start])
        a0 = frame + after.end()
        a = max([a0, clause[0]] + [t.rfind(p, sent[0], v.qual_start) + 1 for p in "，,；;、)）"]
                + [o.end for o in para.values if a0 <= o.end <= v.qual_start and o is not v and o.unit == "%"
                   and not _CHANGE_GAP.search(t, o.end, v.qual_start)])
        # (按地区分类:甲地占比x% 乙地y%: the share before parts the items of a bullet's list, spaces or none)
        m = self.mr.class_share.fullmatch(t, a, v.qual_start)
        if m is None:
            return None
        item = self.mr.class_lead.sub("", self.attributor.names.strip_leading(m.group("item")))
        s, e = m.end("item") - len(item), m.end("item")
        if len(item) < 2 or DIGIT_RE.search(item) or self.attributor.names.no_name(item) \
                or any(w in item for w in self.mr.growth_predicates) or item.endswith(tuple(self.mr.rate_words)) \
                or self.mr.change_tail.search(item) \
                or any(c.named and c.origin != "list" and c.type not in ("GPE", "CLASS") and s <= c.start < e for c in para.cands):
            return None  # (a company holds its own share; a region or a class of firms a breakdown splits is a class)
        return item + "占比", s, e, first

    def joint_share(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int]) -> Candidate | None:
        """甲、乙和丙…占据了x的市场份额 / 甲、乙、丙的市占率介于x至y之间: a share after a list of companies, the only
        figure after the list in its sentence (a range's two bounds one), with no list cue (分别, 均) and a share's word
        (group_total's, total_heads) between or right after, is the list's together, as written (metrics.yaml
        joint_share)."""
        if v.unit != "%":
            return None
        t, lists = para.text, self.attributor.lists
        orgs = [c for c in para.cands if c.named and c.type == "ORG" and sent[0] <= c.start and c.end <= v.qual_start]
        if not orgs:
            return None
        # the runs of items joined to one another (浪潮、华为和曙光: jieba's nouns beside a company the text names)
        spans = {c.start: c.end for c in orgs}
        for w, tag, a, b in para.tokens or ():
            if sent[0] <= a and b <= v.qual_start and len(w) > 1 and (tag[:1] == "n" or tag == "eng"):
                spans.setdefault(a, b)
        runs: list[list[tuple[int, int]]] = []
        for a in sorted(spans):
            if runs and a < runs[-1][-1][1]:
                continue  # (a token inside a name)
            if runs and t[runs[-1][-1][1]:a] in lists.joiners:
                runs[-1].append((a, spans[a]))
            else:
                runs.append([(a, spans[a])])
        best = next((r for r in reversed(runs) if len(r) > 1 and any(r[0][0] <= c.start and c.end <= r[-1][1] for c in orgs)),
                    None)
        if best is None:
            return None
        s, e = best[0][0], best[-1][1]
        between = t[e:v.qual_start]
        if between.startswith("等") or lists.spread_rx.search(between) \
                or not any(w in between or t.startswith(w, v.end) or t.startswith("的" + w, v.end) for w in self.mr.total_heads):
            return None
        if any(e <= o.start and o.end <= v.start and not _RANGE_JOIN.fullmatch(t, o.end, v.qual_start)
               for o in values if o is not v) or any(c.named and e < c.start < v.qual_start for c in para.cands):
            return None  # (another figure or another name between: 甲和乙并列第三，乙占有x的份额)
        return Candidate(s, e, t[s:e], "ORG", "list")

    def bound_list(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int], clause: tuple[int, int],
                   lists: dict) -> Candidate | None:
        """甲、乙和丙的营业收入均超过百亿元(，分别达到x、y、z): a bound all the holders of a list share (metrics.yaml
        list_shared_bounds, right before the value) is the list's, as written (contract 1a: the holders together). The
        list is the one the values after it distribute over (lists.py), else two or more named holders joined one after
        another in the clause before the bound."""
        lr, t = self.attributor.lists, para.text
        bound = None
        for m in lr.shared_bound_rx.finditer(t, clause[0], v.start):
            bound = m
        if bound is None:
            return self._counted_group(v, para, values, clause)
        if bound.end() < v.qual_start:
            return None
        span = None
        later = next((w for w in values if v.end <= w.start < sent[1]), None)
        if later is not None:
            lp = self._list_of(para, later, values, sent, lists)[0]
            if lp is not None and lp.role != "metric" and clause[0] <= lp.spans[0][0] and lp.spans[-1][1] <= bound.start():
                span = (lp.spans[0][0], lp.spans[-1][1])
        if span is None:
            # (the holders' run nearest the bound in its sentence: 甲、乙两市出口占比过半，出口均超x)
            run: list = []
            for c in para.cands:
                if not (sent[0] <= c.start and c.end <= bound.start()) or not c.named or c.origin == "list" \
                        or c.source or c.cause:
                    continue
                if c.type not in ("ORG", "GPE", "FAC"):
                    run = []
                elif run and t[run[-1].end:c.start] in self.mr.list_joiners:
                    run.append(c)
                else:
                    run = [c]
            if len(run) >= 2:
                span = (run[0].start, run[-1].end)
        if span is None:
            return None
        return Candidate(span[0], span[1], t[span[0]:span[1]], "ORG", "list")

    def _counted_group(self, v: ValueMention, para: Para, values: list, clause: tuple[int, int]) -> Candidate | None:
        """甲、乙…丙4市完成投资占年度计划的x以上: named holders joined one after another and counted right after the
        last (metrics.yaml list_group_count), the only figure of the clause after them: the list holds it together, as
        written (nothing distributes it: no 分别, 各)."""
        t, run = para.text, []
        if self.attributor.lists.group_count_rx.search(t, clause[0], v.start) is None:
            return None  # (read first: the clause's own words, no scan of the paragraph's values or names)
        if bisect_left(values, clause[1], key=_START) - bisect_left(values, clause[0], key=_START) != 1:
            return None
        for c in para.cands:
            if not (clause[0] <= c.start and c.end <= v.start) or not c.named or c.origin == "list" or c.source:
                continue
            gap = t[run[-1].end:c.start] if run else ""
            if c.type not in ("ORG", "GPE"):
                run = []
            elif run and (gap in self.mr.list_joiners or _UNNAMED_ITEMS.fullmatch(gap)):
                run.append(c)  # (甲、某某、乙: an item the gazetteer missed between two it knows)
            else:
                run = [c]
        if len(run) < 2 or self.attributor.lists.group_count_rx.match(t, run[-1].end, v.start) is None:
            return None
        return Candidate(run[0].start, run[-1].end, t[run[0].start:run[-1].end], "ORG", "list")

    def group_total(self, v: ValueMention, para: Para, clause: tuple[int, int]) -> tuple[Candidate, str] | None:
        """甲、乙、丙三家合计占x%的市场份额 / 前三名合计份额达x%: a total opening its clause after a group (metrics.yaml
        group_total) is the group's, as written (a candidate added to the paragraph, so that the clauses after it
        may carry it), its metric 合计 and the total's noun (合计份额, 合计占比, 合计市场份额)."""
        t = para.text
        a = next((d.end for d in para.dates if d.start == clause[0]), clause[0])  # (2024年甲、乙三家合计…)
        m = self.mr.group_total.match(t, a, v.qual_start)
        if m is None:
            return None
        s, e = m.span("g")
        if m.group("n") is None and (any(self.attributor.names.no_name(x) for x in self.attributor.lists.split_rx.split(t[s:e]))
                                     or any(c.type == "GPE" and s <= c.start < e for c in para.cands)):
            return None  # (营业收入和净利润合计…: quantities; 中国大陆与香港合计占总出口比重: a trade's partners)
        group = next((c for c in para.cands if c.start == s and c.end == e), None)
        if group is None:
            group = Candidate(s, e, t[s:e], "ORG", "list")
            para.cands = sorted(para.cands + [group], key=lambda c: c.start)
        if m.group("m"):  # (甲、乙2026年研发投入合计为x: the quantity written before the cue, then 合计)
            words = self._cut(t, para, *m.span("m")).strip()  # (its year cut as every date phrase is)
            if self.is_metric(words):
                return group, words + self.mr.total_word
        return group, self.total_metric(v, para, t[m.end():v.qual_start])

    def total_metric(self, v: ValueMention, para: Para, rest: str, named: bool = True) -> str | None:
        """合计占x%的市场份额 / 合计份额达x% / 合计营收x亿元: the metric of a total, 合计 and the noun after its cue
        (``rest``: the words from the cue to the value; metrics.yaml group_total ``nouns``: 占 -> 份额); when
        they name none (合计逾x), the noun after the value, else the unit's count word; None then unless ``named``."""
        rest = _FROM.split(rest, 1)[0]  # (合计占比从去年同期的x提升至y: the change's start is no part of it)
        key = next((k for k in self.mr.group_nouns if rest.startswith(k) and rest[len(k):] in self.mr.total_preds), None)
        if key is not None:  # (合计占全行业的x: no bare share, the words name it)
            post = self._post_noun(para, v)[0] if rest == key else ""
            return self.mr.total_word + (post if post and post.endswith(self.mr.group_nouns[key]) else self.mr.group_nouns[key])
        if not named:
            return None
        noun = self.mr.currency_end.sub("", self._strip(self.mr.not_metric.sub("", rest))[0])
        return self.mr.total_word + (noun if self.is_metric(noun) else self.mr.rank_nouns.get(v.unit, ""))

    def _as_total(self, metric: str) -> str:
        """The metric of a total of the shares that ``metric`` measures each: 合计 before its last share word
        (metrics.yaml group_total nouns: 甲市场的占有率 -> 甲市场的合计占有率); any other metric unchanged."""
        hits = [(i + len(w), -i) for w in self.mr.total_heads if (i := metric.rfind(w)) >= 0]
        if not hits:
            return metric  # (甲、乙两市机架分别达x、y，合计z: the count keeps its name, 机架)
        at = -max(hits)[1]  # (the head that ends last, the longest of those: 市占率, not 占)
        return metric[:at] + self.mr.total_word + metric[at:]

    def _total_group(self, para: Para, sent: tuple[int, int], clause: tuple[int, int], n: int) -> Candidate | None:
        """甲以x居首，乙和丙分别占y、z，三者合共占w: the ``n`` holders the sentence names before the total's clause
        (its last ``n`` named ones, distinct), as one group 甲、乙、丙; None when it names fewer."""
        names: list[Candidate] = []
        for c in para.cands:
            if sent[0] <= c.start and c.end <= clause[0] and (c.named or not (c.bare_class or c.place_class)) \
                    and not (c.source or c.in_title or c.cause) and c.type != "GPE" \
                    and all(c.name != o.name and not (o.start <= c.start < o.end) for o in names):
                names.append(c)
        if n < 2 or len(names) < n:
            return None
        names = names[-n:]
        return Candidate(names[0].start, names[-1].end, "、".join(c.name for c in names), "ORG", "list")

    def _after_joiner(self, t: str, prev_end: int, start: int, metric: str | None) -> str | None:
        """``metric`` without the list joiner that opens it when the text from the value before
        (ending at ``prev_end``) to this one (at ``start``) opens with that joiner: 采矿业增长3.1%及电力业下降
        -> 电力业下降 (a joiner between two items is no part of the second one's metric; 以及 whose 以
        the metric finder cut already: 及)."""
        gap = t[prev_end:start].lstrip(")）] ")
        if gap.startswith(self.attributor.lists.after_quals):
            return metric  # (500Mbps及以上接入速率的用户: a qualifier, no joiner)
        j = next((j for j in self._joiners if gap.startswith(j)), "") if gap.startswith(self._joiners) else ""
        j = next((j[i:] for i in range(len(j)) if metric and metric.startswith(j[i:])), None)  # (以及: 以 cut already)
        if j is None or len(metric) <= len(j):
            return metric
        return metric[len(j):]

    def is_metric(self, metric: str) -> bool:
        """A usable metric: a phrase with a word in it, not a lone verb or a cue word."""
        return bool(_WORDLIKE.search(metric)) and metric not in self.mr.lone_words and not self.mr.lone_rx.fullmatch(metric) \
            and not self._person(metric)

    def _person(self, words: str) -> bool:
        """Whether ``words`` is one person's name to jieba (陈茂波预计…: the speaker, never a metric); two
        characters are too often a word jieba reads as a name (毛利: gross profit), and so is a common noun after a
        surname's character (毛利润)."""
        if not 3 <= len(words) <= 4 or words[0] not in self.surnames:
            return False  # (美元兑: jieba reads many a 3-character run as a name; a common surname first)
        tagged = self.ef.tag(words)
        if len(tagged) != 1 or tagged[0][1] != "nr":
            return False
        rest = self.ef.tag(words[1:])  # (毛利润: a surname's character before a common noun, 利润, is no name)
        return not (len(words) == 3 and len(rest) == 1 and rest[0][1] == "n")

    def carried_metric(self, para: Para, v: ValueMention, clause, prev_metric, last, found: str, warnings,
                       by_unit: dict) -> str:
        """The clause gave no metric (续升至76.5%, 升2.1%): the metric of the quantity it restates
        (the paragraph's last value in the same unit; for a change word alone, the quantity of its
        last change with that word), else of the value before it in the sentence or paragraph, else
        the words of the clause itself."""
        sent0 = next((a for a, b in para.sentences if a <= v.start < b), clause[0])
        if found and v.unit in ("点", "%", "") and any(c.type == "INDEX" and sent0 <= c.start < v.start for c in para.cands):
            # (沪综指报3843.6点，涨43.25点，或1.14%; 科指升156点，报6323点: an index's level and move, its name before;
            # 恒生指数报25999: a level written with no 点)
            if v.unit in ("点", "") and self.mr.quote_price.match(found):
                # the level it closed at, as written (报, 收报); a bare 报 after 收盘/收市 in its clause (收盘跌0.18%报
                # 3812.83点): the close it reports
                close = next((w for w in self.mr.quote_closes if w in para.text[clause[0]:v.start]), None)
                return close if found == "报" and close else found
            if (m := self.mr.quote_move.match(found)) is not None:
                return self.mr.quote_moves[m.group("dir")]
        if v.unit_kind == "percent" and self.mr.share_people.match(para.text, v.end, clause[1]) is not None:
            # 已有近八成受访企业完成AI技术导入: the people or firms counted and what they do, after the share
            words = self._phrase_metric(_without_values(para.text, v.end, clause[1], para.values + para.dates))
            if len(words) >= 2 and self.is_metric(words):
                return words
        same = by_unit.get(v.unit)
        head = self._colon_head(para, clause)
        if head:
            # 貨幣總計數M1B變動率：由上月的4.88%增為4.9%: the heading of the line names the quantity, the change
            # between the two values is its own level (no change word)
            warnings.append(f"metric from the line's heading ({found or 'none found'})")
            return head
        # (同比微降x, 大降y: a change word alone, with its adverb)
        if found[:1] in "较比" and self.mr.change_tail.fullmatch(found[1:]) is not None:
            found = found[1:]  # (较上季暴增x: the baseline cut, 较暴增 -> the change 暴增 of the quantity before)
        change = self.mr.is_change(found)
        # 除税前溢利x，[升]y: the quantity before in the sentence; 美国服务器收入同比增长x，其中…；加拿大[增长]y: the
        # quantity the last change measured (never a part's); either with this change word
        # (…的修订估计，较去年同月上升x: the quantity the clause right before names comes first)
        for m in (self._changed_before(para, v, clause), prev_metric, by_unit.get(("change", v.unit))) if change else ():
            m = self._unchanged(m or "")
            if self.is_metric(m):
                warnings.append(f"metric carried from the value before ({found})")
                return m + found
        t = para.text
        whole = last["metric"] if last else para.whole_metric
        if change and whole and t.startswith(self.attributor.ar.breakdown_openers, sent0):
            # 分地区看，甲市增长x: a breakdown of the whole the figure before measured, the quantity that changed
            m = self._unchanged(whole)
            if self.is_metric(m) and m != whole:
                warnings.append(f"metric carried from the whole broken down ({found})")
                return m + found
        lo = max([clause[0]] + [c.end for c in para.cands if clause[0] <= c.start and c.end <= v.qual_start])
        # 甲x、乙y和丙z: each holder written right before its own figure; the next holder begins its own item, no word
        # of this value's clause
        own = next((c for c in para.cands if c.named and c.end == lo and v.qual_start - lo <= 2), None)
        first = next((c for c in para.cands if c.named and clause[0] <= c.start and c.end <= v.qual_start), None)
        start, upto = v.end, clause[1]
        bracketed = any(ch in t[lo:v.qual_start] for ch in "（(")
        if own is not None and bracketed and v.unit_kind == "percent":
            # 主要出口至甲(42%)、乙(15%)及丙(11%): each partner's share of the trade the words before the first name
            intro = t[clause[0]:first.start] if first is not None else ""
            mark = next((w for w in self.attributor.ar.partner_marks if intro.endswith(w)), None)
            if mark is not None:
                return mark + own.name + "占比"
        if own is not None and not (bracketed and v.unit_kind == "percent"):  # (出口至甲(42%)、乙(15%): shares, 占比)
            at = v.end + (1 if bracketed and t[v.end:v.end + 1] in "）)" else 0)
            if at > v.end and t[at:at + 1] not in "，,；;。":
                start = at  # (…及乙(y)旅客的人均消费: the last item's words after its bracket)
            while (nxt := next((c for c in para.cands if c.named and at <= c.start < clause[1]), None)) is not None \
                    and t[at:nxt.start].strip() in self.mr.list_joiners:
                if not bracketed:
                    upto = nxt.start  # (甲x、乙y: the next holder's item is no word of this value's clause)
                    break
                item = next((w for w in para.values if nxt.end <= w.start and w.qual_start - nxt.end <= 2), None)
                if item is None or not t[nxt.end:item.qual_start].strip().startswith(("（", "(")):
                    break
                # (甲(x)及乙(y)旅客的人均消费: the words after the last item are what every item's figure measures)
                at = start = item.end + (1 if t[item.end:item.end + 1] in "）)" else 0)
        if start > v.end:  # (…旅客的人均消费|按年分别下跌: the shared words end where the items' change begins)
            stop = self.attributor.lists.shared_stops.search(t, start, upto)
            upto = stop.start() if stop is not None else upto
        after = _BRACKETED.sub("", _without_values(t, start, upto, para.values + para.dates))  # (约合860亿元人民币): a gloss
        if start > v.end and after.startswith(self.attributor.lists.origin_heads):
            # (甲地(x元)及乙地(y元)旅客的人均消费: visitors from the item, the item in the metric; no quantity carried)
            origin = self._phrase_metric(own.name + after)
            if self.is_metric(origin):
                return origin
        for m in (self._bracket_topic(para, v, clause, prev_metric), self._topic(para, v, clause), same, prev_metric,
                  last["metric"] if last else None):
            if m and self.is_metric(m):
                warnings.append(f"metric carried from the value before ({found or 'none found'})")
                if self.mr.cumulative_cue.search(para.text, clause[0], v.qual_start) \
                        and (flow := self.mr.cumulative_flow.match(m)) is not None and flow.end() < len(m):
                    return "累计" + m[flow.end():]  # 新增x家，累计拥有y家: the running total of the quantity
                return m + found if change and not m.endswith(found) else m  # (PMI…，较7月略减x: the topic's change)
        # (、2020年为y: the later items' dates are no words of the clause either)
        after = after.lstrip(" 和及与、")  # (分别上升x和y: the joiner of a list of values is no word of the clause)
        plain = _BRACKETED.sub("", self.mr.date_frame.sub("", _without_values(t, lo, v.qual_start, para.values + para.dates)))  # (在[2021年]: no 在年; 每股盈余(EPS): a gloss)
        words = self._phrase_metric(plain + after)  # (分别达x亿美元、y亿美元: no 亿美元; 甲信息同比下滑x: no 甲信息)
        words = "" if len(words) < 2 or not self.is_metric(words) else words  # (112年为…: 年 alone; 扬升至)
        warnings.append(f"metric not found: the clause's words instead ({found or 'none found'})")
        if not words and own is not None and not bracketed and own is first and first.start > clause[0]:
            # 前五大企业营收依序为甲x、乙y: the words before the list's first holder name its quantity
            intro = _BRACKETED.sub("", self.mr.date_frame.sub("", _without_values(t, clause[0], first.start, para.values + para.dates)))
            intro = self._phrase_metric(intro)
            words = intro if len(intro) >= 2 and self.is_metric(intro) else ""
        if not words and own is not None and not bracketed and own is first:
            words = self.mr.list_tail_by_predicate.get("".join(_WORDLIKE.findall(plain)), "")  # (其中甲占x、乙占y: 占比)
        if not words:  # the clause before: 营业收入首次突破万亿元，达到10382亿元
            ps = max(t.rfind(c, 0, max(0, clause[0] - 1)) for c in "，,；;：:。") + 1
            before = self.mr.not_metric.sub(" ", _BRACKETED.sub("", t[ps:max(ps, clause[0] - 1)]))  # (连升3日: a streak, no part of it)
            for d in para.dates:  # (今年第二季度全球…: a date is no part of the carried phrase)
                if ps <= d.start and d.end <= clause[0] - 1:
                    before = before.replace(t[d.start:d.end], " ")
            raw_before = self._numbers_out("".join(_WORDLIKE.findall(before)))
            before_words = self._strip(raw_before)[0]
            if raw_before.endswith(("中", "里")) and len(before_words) > 3:
                # a frame (…重点监测的核心指标中，九成以上…): its head noun ends it, after a long phrase's last 的
                before_words = before_words.removesuffix("中").removesuffix("里")
                head = before_words.rsplit("的", 1)[-1] if len(before_words) > 12 else before_words
                words = self._noun_phrase(head[-12:] if len(head) >= 2 else before_words[-12:])
            else:
                words = self._noun_phrase(self._clip(before_words))
            if self.mr.source_end.search(words):
                words = ""  # (测评结果显示，…为x分: a source's clause names no quantity)
            elif words and change and found not in words:
                words += found  # (甲市场：同比增长x: the change of what the clause before names, its change word kept)
        if not words and change:
            written = "".join(_WORDLIKE.findall(plain)).replace("了", "")
            words = written if len(written) > len(found) and written.endswith(found) else ""  # (甲同比下滑x: 同比下滑)
            # (公司表示，按年增长x: nothing names the quantity, the change word as written)
            words = words or (found if len(found) > 1 and self.mr.change_tail.fullmatch(found) else "")
        if not words and clause[1] < len(t) and t[clause[1]] in "，,":
            # 分别以x和y，[取得]中频谱…: nothing before the values, the next clause's words up to its first figure
            nxt = _CLAUSE_SEP.search(t, clause[1] + 1)
            stop = next((o.qual_start for o in para.values if clause[1] < o.start), len(t))
            ahead = t[clause[1] + 1:min(nxt.start() if nxt else len(t), stop)]
            ahead = ahead[:next((i for i, ch in enumerate(ahead) if ch.isdigit()), len(ahead))]
            words = self._phrase_metric(ahead)
            words = words if len(words) >= 2 and self.is_metric(words) else ""
        if not words:
            words = self._span_summary(para, v, clause)
        return words or self.mr.unit_nouns.get(v.unit, _PLACEHOLDER)  # (…分别为x分: a score, 得分)

    def _span_summary(self, para: Para, v: ValueMention, clause) -> str:
        """从甲年的x，到乙年的y，5年间，我国甲类贸易额增长了z倍: the quantity a later clause of the
        value's sentence names before the change its figures span (metrics.yaml span_summary), past the clauses
        that hold figures or a time only; "" when none does."""
        t = para.text
        end = next((b for a, b in para.sentences if a <= v.start < b), len(t))
        pos = clause[1]
        while pos < end:
            nxt = _CLAUSE_SEP.search(t, pos + 1, end)
            stop = nxt.start() if nxt else end
            m = self.mr.span_summary.match(t, pos + 1, stop)
            if m is not None and not any(pos < o.start < m.end() for o in para.values):
                a = m.start("noun")
                a = max([a] + [c.end for c in para.cands if c.start == a and c.end < m.end("noun")])  # (我国…: its holder)
                noun = self._phrase_metric(t[a:m.end("noun")])
                if len(noun) >= 2 and self.is_metric(noun):
                    return noun
            pos = stop
        return ""

    def _numbers_out(self, words: str) -> str:
        """``words`` without their numbers, but for a term that names a rate (一个月拆息: nonfacts.yaml tenor)."""
        if self.mr.tenor is None:
            return _NUMBERISH.sub("", words)
        out, p = [], 0
        for m in self.mr.tenor.finditer(words):
            out += [_NUMBERISH.sub("", words[p:m.start()]), m.group()]
            p = m.end()
        return "".join(out) + _NUMBERISH.sub("", words[p:])

    def _colon_head(self, para: Para, clause) -> str | None:
        """The heading of a line ``X：由…`` (a bullet of a statistics release) when the value's clause is the
        first after the colon and opens a change (由/从): X, a phrase of 2 to 20 characters naming a quantity;
        or the clause before a comma that is nothing but such a phrase (甲类进口值变动率，由上月x增为y: a
        monthly release's indicator, then its change)."""
        t = para.text
        a = clause[0]
        if a < 2 or not t.startswith(("由", "从"), a) or t.startswith("由于", a):
            return None
        if t[a - 1] in "：:":
            line = t.rfind("\n", 0, a) + 1
        elif t[a - 1] in "，," and t.startswith("由", a):
            line = max(t.rfind(c, 0, a - 1) for c in "\n。；;！？") + 1
        else:
            return None
        head = t[line:a - 1].replace(" ", "")
        if not 2 <= len(head) <= 20 or _CLAUSE_SEP.search(head) or not self.is_metric(head):
            return None
        return head

    def _phrase_metric(self, raw: str) -> str:
        """The words of a stretch of text taken as a metric: its word characters without figures, stripped of cue
        words at both ends (:meth:`_strip`), clipped (:meth:`_clip`) and cut after its last quantity word."""
        return self._noun_phrase(self._clip(self._strip(self._numbers_out("".join(_WORDLIKE.findall(raw))))[0]))

    def _clip(self, words: str, limit: int = _CLAUSE_WORDS) -> str:
        """The first ``limit`` characters of a clause's words taken as a metric, to the end of the word of jieba's
        they end in (有网友认同生成式AI具未来|发展性: no half of 未来), a few characters more at most."""
        if len(words) <= limit:
            return words
        end = min((e for _, _, _, e in self.ef.tag(words) if e >= limit), default=limit)
        return words[:end] if end - limit <= _CLIP_SLACK else words[:limit]

    def _noun_phrase(self, words: str) -> str:
        """Clause words taken as a metric, cut after the last quantity word in them (metrics.yaml rate_words,
        topic_heads): 甲行业占比最高 -> 甲行业占比, 乙占比首度超越丙 -> 乙占比 (contract 1a: a noun phrase, no
        verb or rank after it); a change after it stays (收入同比增长)."""
        end = max((i + len(h) for h in self.mr.noun_heads if (i := words.rfind(h)) >= 0), default=-1)
        if end <= 0 or end == len(words):
            return words
        rest = words[end:]
        if self.mr.change_tail.search(rest) or rest.startswith(self.mr.growth_lead) or rest.startswith(self.mr.noun_heads):
            return words
        return words[:end]

    # ---------------------------------------------------------------- repairs
    def repair(self, v: ValueMention, metric: str, raw_pre: str, pred: str, warnings: list[str]) -> tuple[Decimal, str]:
        value, unit = v.value, v.unit
        bounded = self._bounded(metric) if unit == "" else None  # (only a bare number is bounded)
        if unit == "" and v.rule == "value.bare" and bounded is None and not v.has_mult \
                and not (raw_pre + pred).rstrip().endswith(("至", "到")):
            # (增长至10.32亿: a level reached, with its multiplier, is no rate)
            tail = raw_pre[-10:] + pred
            cue = next((c for c in self.mr.percent_cues if c in tail), None)
            if cue:
                unit = "%"
                warnings.append(f"unit lost: a bare number after {cue} read as a percent")
        if bounded is not None and unit == "":
            names, lo, hi, repair, rid = bounded
            f = float(value)
            if not lo <= f <= hi:
                if repair == "decimal" and lo <= f / 10 <= hi:
                    warnings.append(f"implausible {names[0]} {to_json_number(value)}: decimal point restored")
                    value = value / 10
                else:
                    warnings.append(f"implausible {names[0]} {to_json_number(value)} (expected {lo}-{hi})")
        if unit == "%" and value > 100 and any(c in metric for c in ("占比", "比重", "比例", "份额", "利用率", "使用率", "率")):
            warnings.append(f"implausible share {to_json_number(value)}%")
        elif unit == "%" and value > 300:
            warnings.append(f"implausible growth {to_json_number(value)}%: check the decimal point")
        return value, unit

    def _bounded(self, metric: str):
        for b in self.mr.bounded:
            if any(n and n in metric for n in b[0]):
                return b
        return None

    def _firm_count(self, para: Para, v, sent: tuple[int, int]) -> bool:
        """有9家企业营收上升 / …，占比为45%: ``v`` counts firms of a class (a firm's class word right after a count
        in 家, metrics.yaml firm_count) or is the share such a count in its sentence makes."""
        t = para.text
        if v.unit == "家":
            return self.mr.firm_count.match(t, v.end) is not None
        if v.unit != "%" or "占" not in t[max(sent[0], v.qual_start - 8):v.qual_start]:
            return False
        prev = max((o for o in para.values if sent[0] <= o.start < v.start and o.unit in ("家", "%")), key=_value_start, default=None)
        return prev is not None and prev.unit == "家" and self.mr.firm_count.match(t, prev.end) is not None

    # ---------------------------------------------------------------- kind
    def kind(self, para: Para, v: ValueMention, sent: tuple[int, int], clause: tuple[int, int], date: str | None,
             published: _dt.date | None, forecast_dates: tuple = (), listed_forecast: bool = False,
             preview: str | None = None, plan: bool = False) -> str:
        """``forecast_dates``: the dates of the forecasts stated before the value in its sentence;
        ``listed_forecast``: an earlier item of a list joined by semicolons is a forecast of the value's date;
        ``preview``: the period a results preview (业绩预告) estimates, whose ranges are forecasts; ``plan``: the
        document is a plan (its headline names one), whose later-dated figures with no cue are its targets."""
        t = para.text
        if _CHANGE_START.search(t, max(clause[0], v.qual_start - 16), v.qual_start):
            return "actual"  # 今年内将由1,300 PFLOPS提升至3,000: where a change starts is the state now
        before = t[sent[0]:v.start]
        after = t[v.end:clause[1]]
        for a, b in para.titles:
            if sent[0] <= a < v.start:
                before = before.replace(t[a:b], " ")
        if self.kr.reached is not None and "目标" in before:
            before = self.kr.reached.sub(" ", before)  # (提前实现了…目标，x: a goal reached, no target of x)
        if not excluded(self.attributor.names.exclusion_needs, before):  # (除甲、乙两家将于11月初披露业绩外，…: a cue inside what is set aside dates nothing outside)
            before = self.attributor.names.exclusion_rx.sub(" ", before)
        # the value's own clause decides first (深圳计划打造…品牌，预计拉动…3000亿元: forecast)
        own = t[clause[0]:v.start] + " " + after
        for text in (own, before):
            if self.kr.target.search(text):
                return "target"
            if self.kr.forecast.search(text):
                if text is before and self._reported_before(date, published, forecast_dates):
                    return "actual"
                return "forecast"
        if listed_forecast and date is not None:
            return "forecast"  # 公司预计净利润x；营业收入y；…: the items of one forecast, dated alike
        if preview is not None and v.range_role is not None and date == preview:
            return "forecast"  # 业绩预告 … 净利润盈利1.4亿元~1.5亿元: the preview's estimate (dates.yaml results_preview)
        if date is not None and len(date) == 4:
            # 计划提出，到2025年，计算力方面…。运载力方面，…: a plan's (or a forecast's) year opened earlier in the
            # paragraph still dates this cue-less sentence's value: the plan's kind (kinds.yaml paragraph_frame)
            for kind, rx in self.kr.frames:
                if any(m.group("y") == date for m in rx.finditer(t, 0, sent[0])):
                    return kind
        start = date_start(date)
        if start and published and start > (published.year, published.month):
            return "target" if plan else "forecast"
        return "actual"

    def _stock_row(self, text: str, pos: int) -> bool:
        """Whether the table row around ``pos`` counts a stock: a cell that is a count's unit (万户, 公里, 部/百人;
        dates.yaml table_end_units, after a multiplier), not an amount of money or a flow."""
        a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
        return any(c.lstrip("万亿千百") in self.table_end_units for c in line_cells(text[a:b if b >= 0 else len(text)]))

    def _line_label(self, para: Para) -> str | None:
        """The class a line's opening label names (metrics.yaml line_label: 台式机（含台式工作站）：…), None for
        a line that opens otherwise or whose label is a holder, a speaker's word, a time or a connective."""
        if para.sent_base:
            return None  # (a later window of a long paragraph: its line opened in the first)
        m = self.mr.line_label.match(para.text)
        if m is None or self.mr.not_label.search(m.group("label")):
            return None
        if any(c.start < m.end("label") and c.named for c in para.cands):
            return None  # (中际旭创：营收…: a holder's label)
        if self.attributor.names.reporter_rx.search(m.group("label")) and not m.group("label").endswith(("事业部", "业务部")):
            return None  # (某部统计处：今年外销订单…: the reporting body that states the figures, no class of them)
        return m.group("label")

    def _segment(self, metric: str, base: str, segment: str | None, first: bool) -> tuple[str, str, str | None]:
        """(metric, base, segment) after metrics.yaml segment_carry: the first value of a sentence naming a
        segment's quantity (光通信收发模块实现收入) opens it (its verb cut); a later value whose metric is only a
        generic quantity (毛利率, 库存量同比增加) is the segment's."""
        mr = self.mr
        if first:
            m = mr.segment_first.match(base or metric)
            if m is None or mr.not_segment.search(m.group("seg")):
                return metric, base, None
            segment = m.group("seg")
            if m.group("verb"):
                cut = segment + m.group("verb")
                metric, base = (x.replace(cut, segment, 1) if x else x for x in (metric, base))
            return metric, base, segment
        if segment is None:
            return metric, base, None
        if metric.startswith(segment):
            return metric.replace(segment + "实现", segment, 1), (base or "").replace(segment + "实现", segment, 1) or base, segment
        if mr.segment_bare.match(metric):
            return segment + metric, (segment + base) if base and mr.segment_bare.match(base) else base, segment
        return metric, base, segment

    @staticmethod
    def _listed_forecast(para: Para, si: int, date: str | None, out: list) -> bool:
        """Whether a sentence that follows a semicolon (公司预计净利润亏损x至y；营业收入z至w。) continues a
        forecast: a value of the earlier sentences its semicolons join to it is a forecast dated ``date``."""
        if date is None:
            return False
        k = si
        while k > 0 and para.text[para.sentences[k - 1][0]:para.sentences[k - 1][1]].rstrip().endswith(("；", ";")):
            k -= 1
        if k == si:
            return False
        a, b = para.sentences[k][0], para.sentences[si][0]
        for f in reversed(out):  # (in text order: read back to the list's first sentence only)
            if f["local_span"][0] < a:
                return False
            if f["kind"] == "forecast" and f["date"] == date and f["local_span"][0] < b:
                return True
        return False

    @staticmethod
    def _reported_before(date: str | None, published: _dt.date | None, forecast_dates) -> bool:
        """预估第一季毛利率x，…第四季毛利率为y: a value whose own clause has no cue, dated a period that
        ended before publication and before the period a forecast earlier in its sentence is dated, is
        that earlier period's reported figure (kinds.yaml kind.forecast), not a forecast."""
        end = date_end(date)
        if end is None or published is None or end >= (published.year, published.month):
            return False
        return any((s := date_start(d)) is not None and s > end for d in forecast_dates)

    def _words_not_qualifiers(self, para: Para, values: list) -> None:
        """出超171亿美元, 入超: a qualifier (超) that ends a word of ``qualifier_words`` is no
        qualifier, the word is the metric (these mentions are this paragraph's own)."""
        t = para.text
        for v in values:
            if v.qual_start < v.start and any(t.startswith(w, v.start - len(w)) and v.start - len(w) < v.qual_start
                                              for w in self.mr.qualifier_words):
                v.qual_start, v.qualifier, v.qual_rule = v.start, "=", None

    def compared_list(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int]) -> str | None:
        """增速分别超出工业、高技术制造业5.6和1.0个百分点 / 分别比同期工业、高技术制造业低x和y: the k-th of n joined
        values compares the quantity with the k-th of the n baselines listed after 分别 and the comparison
        (metrics.yaml compared_list): 增速超出工业, 增速比同期高技术制造业低."""
        group = self.attributor.lists.group(para.text, values, v, sent)
        if len(group) < 2:
            return None
        t, first = para.text, group[0].qual_start
        a = max([t.rfind(p, sent[0], first) for p in "，,；;：:"] + [sent[0] - 1]) + 1
        m = self.mr.compared_list.fullmatch(t, a, first)
        if m is None:
            return None
        items = [x for x in self.mr.joiner_split.split(m.group("items")) if x]
        if len(items) != len(group):
            return None
        return m.group("head") + m.group("cmp") + items[group.index(v)] + (m.group("tail") or "")

    def item_changes(self, v: ValueMention, para: Para, values: list, sent: tuple[int, int], out: list) -> str | None:
        """…A下降x%，B下降y%，降幅分别比1-4月份收窄a、b (metrics.yaml item_changes): the k-th of n joined values
        in a clause that names no items of its own is the change of the k-th of the last n percentages its sentence
        stated before that clause; returns that quantity's name (A, without its change word), else None."""
        if "分别" not in para.text[sent[0]:v.qual_start]:
            return None  # (the cheap test first: most values have no 分别 before them)
        group = self.attributor.lists.group(para.text, values, v, sent)
        n = len(group)
        if n < 2:
            return None
        t, first = para.text, group[0].qual_start
        a = max([t.rfind(p, sent[0], first) for p in "，,；;"] + [sent[0] - 1]) + 1
        if "分别" not in t[a:first] or not self.mr.item_changes.fullmatch(t, a, first):
            return None
        earlier = [r for r in out if sent[0] <= r["local_span"][0] and r["local_span"][1] <= a and r["unit"] == "%"]
        if len(earlier) < n:
            return None
        earlier = earlier[-n:]
        if any(not _CLAUSE_MARK.search(t, x["local_span"][1], y["local_span"][0]) for x, y in zip(earlier, earlier[1:])):
            return None  # (教育、卫生投资分别增长x、y，比1-4月份分别加快a、b: one clause's list, which names them itself)
        base = earlier[group.index(v)]["metric"]
        while (cut := next((w for w in self.mr.growth_lead if base.endswith(w) and len(base) > len(w)), None)) is not None:
            base = base[:-len(cut)]  # (基础设施投资下降, 业务量同比增长: the quantity, its change word and basis off)
        words = self.mr.date_frame.sub("", t[a:first]).replace("分别", "").replace(" ", "")
        words = _PERIOD_WORDS.sub("", words)
        return base + words if self.is_metric(base) else None

    def _list_of(self, para: Para, v: ValueMention, values: list, sent: tuple[int, int], memo: dict):
        """The list that distributes over ``v``'s group of joined values, ``v``'s place in it and
        the group's key (its first value's start: two groups may share one list)."""
        lr = self.attributor.lists
        group, v = lr.group_of(para.text, values, v, sent)  # (a value in a bracket goes with the one before it)
        if len(group) < 2:
            return None, 0, None
        key = group[0].start
        if key not in memo:
            memo[key] = lr.parse(para.text, sent[0], group[0].qual_start, len(group), para.tokens, para.cands)
        return memo[key], group.index(v), key

    def _numeral_is_number(self, para: Para, v: ValueMention) -> bool:
        """A Chinese numeral counts only where jieba-rs reads a numeral there (m/mq):
        九天大模型 (t), 三甲医院 (b), 八大枢纽 (j) are words, not amounts.  The lower bound of
        a range, either bound, is one whatever the tags (三至五成: jieba-rs reads 有三至 as one word; 提前二至三年,
        百分之卅四至卅六: the range was joined in values.py only with the upper bound's unit)."""
        if para.text[v.start].isdigit() or v.rule not in ("value.chinese", "value.cheng", "value.range"):
            return True
        if v.range_role is not None:
            return True
        if v.unit_kind == "symbol" and para.text[v.end - 2:v.end].isascii() and para.text[v.end - 2:v.end].isalpha():
            return True  # 五MW, 三GW: a Chinese numeral right before a unit's Latin symbol is a number (not 五W原则)
        # 增加一倍 / 增长三倍 (jieba-rs reads the verb and the multiple as one phrase, l):
        # a digit numeral before 倍 is a multiple; an idiom's 百倍/千倍 (信心百倍) has none
        if v.unit == "倍" and para.text[v.start] in _MULTIPLE_DIGITS:
            return True
        if v.has_mult and v.unit_kind == "currency":
            return True  # 一兆元, 两万亿元: an amount of money (jieba-rs may read 一兆 as a name)
        if para.text[v.end - 1] in "%％":
            return True  # 年减十％: a numeral before a percent sign is a number (jieba-rs may read 增十 as one verb)
        toks = para.tokens  # tagged by the entities step (every paragraph with a value)
        i = bisect_right(toks, v.start, key=_token_end)  # the first token ending after the value's start
        if i < len(toks) and toks[i][2] <= v.start:
            w, tag = toks[i][0], toks[i][1]
            # 三成 / 近三成 (m) is a number; 九天 (t), 三甲 (b), 八大 (j) are words
            if tag == "i" and v.has_mult and w == para.text[v.start:v.end]:
                return True  # 两万人: jieba-rs's dictionary reads a round count as an idiom; it is the whole value
            return tag in ("m", "mq", "q") or bool(v.rule == "value.cheng" and _CHENG_WORD.match(w))
        return False

    # ---------------------------------------------------------------- main
    def facts(self, para: Para, published: _dt.date | None, default_entity: str,
              doc_dates: DocDates | None = None, company_doc: bool = False, region: str | None = None,
              companies: frozenset[str] = frozenset(), place: str | None = None,
              listed: str | None = None, subsidiaries: frozenset[str] = frozenset()) -> list[dict]:
        """``company_doc``: the piece is about the company ``default_entity`` (its places are its segments);
        ``region``: the document's (mainland, taiwan, hongkong); ``place``: the place the piece is about (an
        industry's holder); ``listed``: the date a colon line gives the list this paragraph is an item of
        (the paragraph starts with it in force: pipeline.Components._colon_list)."""
        doc_dates = doc_dates or NO_DOC_DATES
        out: list[dict] = []
        signed: list[tuple[dict, str | None]] = []  # (records of a figure written with a minus sign)
        carry = para.carry if para.carry is not None else {}
        lo, hi = para.emit or (0, len(para.sentences))
        # a window starts with the state the previous window of its paragraph left
        # (dates and values up to the end of its previous sentence were taken there)
        first = para.sentences[lo - 1][1] if lo > 0 else 0
        dates = [d for d in sorted(para.dates, key=lambda d: d.start) if d.start >= first]
        di = 0
        running: str | None = carry["running"] if "running" in carry else listed
        state: dict = {"subject": _carried_in(carry.get("subject"), para), "sent_index": 0, "company_doc": company_doc,
                       "companies": companies, "held": default_entity, "subsidiaries": subsidiaries}
        member_saved = None  # the subject a member (其中甲…；) stands in for until its full stop
        values = [v for v in sorted(para.values, key=lambda v: v.start) if v.start >= first and self._numeral_is_number(para, v)]
        self._words_not_qualifiers(para, values)
        counted = {o.end for o in para.values}
        value_starts = [o.start for o in values]  # (listed_date's, the same for every value)
        after_value: dict[int, bool] = {}  # a candidate's start -> right after a value (this paragraph's)

        def right_after(c) -> bool:
            hit = after_value.get(c.start)
            if hit is None:
                hit = after_value[c.start] = _right_after(para.text, c.start, counted)
            return hit
        if won := self.attributor.winner_candidates(para.text, para.cands, para.winner_before):  # 中标公司: the winner
            para.cands = sorted(para.cands + won, key=lambda c: c.start)
        row = table_row(para.text)  # a filing table's row: its name is its cells' metric (filings.py)
        if row is not None and row.pipe and any(c.start < row.start and c.named for c in para.cands):
            row = None  # 甲市 | 15.2% | 3.1% |: a pipe row a holder names is read as prose
        vi = 0
        lists: dict = {}  # the list before each group of joined values (lists.py), parsed once
        tails: dict = {}  # a list of classes -> the metric words its items share
        # unit -> the metric of the paragraph's last value in it (("change", unit): of its last change)
        by_unit: dict = dict(carry.get("by_unit") or {})
        prior = _carried_in(carry.get("last"), para)  # the last fact of the previous window
        label = self._line_label(para)  # 台式机（含台式工作站）：出货x: the class the line's metrics name
        for si in range(lo, hi):
            sent = para.sentences[si]
            state["sent_index"] = si
            if vi < len(values) and values[vi].start < sent[1]:
                clauses = clauses_of(para.text, *sent)  # (only a sentence with a value is read)
                state["glosses"] = glosses = closed_gloss(para.text, *sent)  # (read once per sentence: choose reads it too)
                extra = self.attributor.class_candidates(para.text, para.sentences, si, para.cands, para.tokens)
                extra += self.attributor.demonstrative_candidates(para.text, sent, para.cands, para.site_before)
                extra += self.attributor.ranked_candidates(para.text, sent, para.cands + extra)
                if extra:
                    # a contrasted class (国有控股企业) holds, not a name the suffixes found inside it (国有控股)
                    inner = [c for c in para.cands if c.origin in ("suffix", "tag") and any(
                        x.type == "CLASS" and x.start <= c.start and c.end <= x.end and (x.start, x.end) != (c.start, c.end)
                        for x in extra)]
                    para.cands = sorted([c for c in para.cands if c not in inner] + extra, key=lambda c: c.start)
            prev_metric = None
            prev_ent = None
            sent_subject = None
            segment = None  # the segment the sentence's first value measures (metrics.yaml segment_carry)
            while vi < len(values) and values[vi].start < sent[1]:
                v = values[vi]
                vi += 1
                while di < len(dates) and dates[di].end <= v.start:
                    running = _advance(running, dates[di], published, doc_dates)
                    di += 1
                # a candidate right after a value is the thing it counts (20多家[公共智算中心]), not a holder
                ent, why, options = self.attributor.choose(
                    v, para, sent, si, clauses, state, right_after, values)
                ci = clause_at(clauses, v.start)
                clause = clauses[ci] if ci is not None else sent
                lp, k, key = self._list_of(para, v, values, sent, lists)
                total = self.attributor.lists.total_of(para.text, clause, v.qual_start, [
                    lists[g] for g in sorted(lists, reverse=True) if sent[0] <= g < clause[0]]) if lp is None else None
                cue = self.attributor.lists.total_cue_rx.match(para.text, clause[0], v.qual_start) if lp is None else None
                classes = next((lists[g] for g in sorted(lists, reverse=True) if sent[0] <= g < clause[0]
                                and lists[g] is not None), None) if cue is not None else None
                if total is None and classes is not None and classes.role == "metric" \
                        and self.attributor.lists.total_count(cue.group("cue")) == len(classes.names):
                    # (集成电路、新型显示和智能终端分别实现营收…，三者合计占全行业的x: the classes' total, the place's)
                    total, ent = (classes.spans[0][0], classes.spans[-1][1]), None
                elif total is None and cue is not None:  # (甲以x居首，乙和丙分别占y、z，三者合共占w: the three named)
                    grouped = self._total_group(para, sent, clause, self.attributor.lists.total_count(cue.group("cue")))
                    total = (grouped.start, grouped.end) if grouped is not None else None
                    ent = grouped or ent
                elif total is not None:  # (甲、乙、丙三家分别占x、y、z，合计w: the whole list holds w)
                    ent, why = Candidate(*total, para.text[total[0]:total[1]], "ORG", "list"), None
                elif lp is None and (shared := self.bound_list(v, para, values, sent, clause, lists)) is not None:
                    ent, why = shared, None  # (甲、乙和丙的营业收入均超过x，分别达到…: the list holds the bound they share)
                elif lp is None and (joint := self.joint_share(v, para, values, sent)) is not None:
                    ent, why = joint, None  # (甲、乙和丙稳居前三位，占据了x以上的市场份额: the three together)
                warnings: list[str] = list(v.warnings)
                if why:
                    warnings.append(why)
                last = out[-1] if out else prior
                traded = self.bracket_trade(v, para, ent, sent) or self.partner_list(v, para, values, sent) \
                    or self.trade_chain(v, para, values, sent, si, state) or self.partner_role(v, para, sent) \
                    or self.partner_share(v, para, sent, clause) \
                    or self.partner_clause(v, para, sent, clause, values)
                if row is not None and v.start >= row.start and not (row.pipe and v.column is not None):
                    # 营业收入(元): -本报告期:x,比上年同期减少y%: the filing company's, the row's name (and change)
                    ent, metric, raw, pred = None, cell_metric(para.text, row, v.start, self.mr.table_changes), "", ""
                    if row.pipe and v.start and para.text[v.start - 1] in "-−－":
                        # 营业收入同比增长 | -12.08% |: a cell's minus sign before its figure, the fall in the metric
                        metric = self._negated(metric, v.unit_kind, v.unit) or metric
                    base = metric
                elif v.column is not None:
                    # | 2024年 | 1,234.56 | 11.57 |: the column's name (filings.Columns); the holder as for prose
                    metric, raw, pred = v.column, "", ""
                    base = metric
                elif traded:  # 尤其是甲地（升9%）, 对甲、乙分别增x、y, 甲成为最大出超国: the trade with the partner
                    metric, raw, pred, base = traded, "", "", traded
                elif (compared := self.compared_list(v, para, values, sent)) is not None:
                    metric, raw, pred, base = compared, "", "", compared  # 增速分别超出工业、高技术制造业x和y
                elif (item := self.item_changes(v, para, values, sent, out)) is not None:
                    metric, raw, pred, base = item, "", "", item  # A下降x，B下降y，降幅分别比1-4月份收窄a、b: A降幅比收窄
                elif lp is not None and lp.role == "metric":
                    # 运营商和金融行业分别占…: each item names its value's metric, the tail is shared
                    if key not in tails:
                        found, raw, pred, _ = self.metric(v, para, ent, clause, None, lp.tail_start)
                        # (营业收入和净利润分别增长x和y: a change word alone is the tail: 营业收入增长)
                        found = (found if self.is_metric(found) or self.mr.is_change(found) else "") \
                            or self.mr.list_tail_by_predicate.get(pred, "")
                        # (甲与乙产品接单明显成长，9月分别达x及y: an earlier clause's list brings its shared words)
                        shared = lp.shared(para.text, self.attributor.lists.shared_stops) if lp.tail_end <= clause[0] else ""
                        tails[key] = shared + found if not found.startswith(shared) else found
                    raw, pred = "", ""
                    # (销售费用、研发费用分别为…: an item that ends with the shared words names them once)
                    metric = base = lp.names[k] if tails[key] and lp.names[k].endswith(tails[key]) else lp.names[k] + tails[key]
                    if lp.names[k] in CHANGE_BASES and prev_metric and not prev_metric.startswith(CHANGE_BASES) \
                            and last and last["local_span"][0] >= sent[0]:
                        # 单季营收968亿元，同比、环比分别增长9%、7%: the changes of the quantity before in its sentence
                        metric, base = prev_metric + metric, prev_metric
                elif v.range_role == "high" and last and last["local_span"][1] <= v.start:
                    metric, raw, pred, base = last["metric"], "", "", prev_metric  # the upper bound shares the lower's
                    ent = prev_ent
                elif last and _list_continues(para.text, last["local_span"][1], v.start, self.mr.list_joiners) and prev_metric:
                    metric, raw, pred, base = last["metric"], "", "", prev_metric  # 18毫秒、21毫秒和26毫秒
                elif last and prev_metric and last["local_span"][0] >= sent[0] \
                        and self.mr.baseline_figure.fullmatch(para.text, clause[0], v.qual_start):
                    metric, raw, pred, base = prev_metric, "", "", prev_metric  # 较去年同期之港币x: the compared quantity
                elif last and (reached := self._reached(para.text, last, v)):
                    metric, raw, pred, base = reached, "", "", reached  # 收入按年增长14%至14.7亿港元: the amount reached
                elif total is not None and ent is None and cue is not None:  # (the classes as written and the total)
                    metric = base = para.text[total[0]:total[1]] + self.total_metric(v, para, para.text[cue.end("cue"):v.qual_start])
                    raw, pred = "", ""
                elif total is not None and (summed := self.total_metric(v, para, para.text[cue.end("cue"):v.qual_start],
                                                                        named=False)) is not None:
                    metric, raw, pred, base = summed, "", "", summed  # (…，三者合共占近五成: 合计份额)
                elif (ranked := self.rank_metric(v, para, values, sent, prev_metric)) is not None:
                    metric, raw, pred, base = ranked, "", "", ranked  # 在甲领域，乙以x件位列前三: 甲领域件数
                elif total is None and (grouped := self.group_total(v, para, clause)) is not None:
                    (ent, metric), raw, pred, base = grouped, "", "", grouped[1]  # 甲、乙、丙三家合计占x%: the group's
                    warnings = list(v.warnings)
                elif (shared := self.class_share(v, para, sent, clause)) is not None:
                    # 需求结构中，甲（占比x%）、乙（y%）: the class's share, the place (not the class) holds it
                    metric, raw, pred, base = shared[0], "", "", shared[0]
                    if ent is not None and (ent.start < shared[2] and shared[1] < ent.end
                                            or ent.type != "GPE" and not (sent[0] <= ent.start and ent.end <= shared[3])
                                            or sent[0] <= shared[3] <= ent.start < shared[1]
                                            and _SHARE_AFTER.match(para.text, ent.end) is not None):
                        ent = None  # (甲公司收入结构中，…: a holder named before the frame keeps its classes' shares; a
                        # place after the frame with its own share right after it, 按地区分类，甲地占比x%、乙地y%, is an
                        # earlier class, no holder of the next; 以地区划分，甲区有x伙落成、占y%: the district's own)
                else:
                    metric, raw, pred, base = self.metric(v, para, ent, clause, prev_metric,
                                                          lp.tail_start if lp is not None and k == 0 else None,
                                                          self._opening(para, si, sent, clause, last, prev_metric))
                    if last and last["local_span"][1] <= v.qual_start:  # (…6.2%、及电力业下降1.2%: 电力业下降)
                        metric, base = (self._after_joiner(para.text, last["local_span"][1], v.qual_start, m)
                                        for m in (metric, base))
                if total is not None and metric and cue is not None and cue.group("cue") in metric:
                    metric = base = metric.replace(cue.group("cue"), self.mr.total_word, 1)  # (三者合共占市场: 合计占市场)
                elif total is not None and metric and self.mr.total_word not in metric:
                    metric = base = self._as_total(metric)  # (…占有率分别为x、y、z，合计逾w: …合计占有率)
                if ent is not None and metric and ent.type in ("GPE", "ORG") and clause[0] <= ent.start < v.qual_start:
                    # (其次为美国占x、德国y: the holder's own name opens no metric of its; 占 alone or nothing left carries)
                    surface = para.text[ent.start:ent.end]
                    for name in (surface, ent.name):
                        if name and metric.startswith(name):
                            metric = metric[len(name):]
                            base = base[len(name):] if base and base.startswith(name) else base
                            break
                usable = self.is_metric(metric)  # (read once: the metric is not changed below)
                if not usable:
                    metric = base = self.carried_metric(para, v, clause, prev_metric, last, metric, warnings, by_unit)
                    if metric == _PLACEHOLDER and v.unit == "%" and ent is not None and ent.named \
                            and clause[0] <= ent.start < v.qual_start and ent.type in self.mr.bare_share \
                            and not _HAN_WORD.search(_without_values(para.text, ent.end, v.qual_start, para.values)):
                        # (1) 甲 40.6%, 乙(12款，30.5%): a firm's share of the market, a place's of the whole (甲跌超4%:
                        # a move, words of its own)
                        metric = base = self.mr.bare_share[ent.type]
                    usable = self.is_metric(metric)
                if usable and not any(a < v.start < b for a, b in glosses) and not (
                        ent is not None and clause[0] <= ent.start < v.start and prev_metric is not None):
                    # (…收入x，其中天翼云收入y: a holder named in the clause measures its own quantity)
                    metric, base, segment = self._segment(metric, base, segment, prev_metric is None)
                if usable and label and not metric.startswith(label):
                    metric, base = label + metric, (label + base) if base and not base.startswith(label) else base
                value, unit = self.repair(v, metric, raw, pred, warnings)
                date = scoped_date(para.text, dates[di - 1] if di else None, v.qual_start, unit, running, published,
                                   doc_dates, self.change_end, self.change_from, self.revision)
                date = listed_date(para.text, dates[di - 1] if di else None, v.start, value_starts, published,
                                   self.list_whole, date) \
                    or range_listed_date(para.text, dates[di - 1] if di else None, vi - 1, values, self.mr.list_joiners,
                                         published) \
                    or date
                column_forecast = False
                if date is None and v.column is not None and self.table_year is not None:
                    year = self.table_year.fullmatch(first_cell(para.text, v.start))  # the row's name: its year
                    date = year.group("y") if year else None
                if date is None and doc_dates.tables:  # a table's row: its header dates the column
                    date, column_forecast = doc_dates.table_cell(para.text, v.start)
                    if date and "/" in date and doc_dates.table_end(para.text, v.start) and self._stock_row(para.text, v.start):
                        date = date.split("/")[1]  # 全省电话用户 | 万户 | 4859.7 (本月底到达): the period's last month
                if date and published is None and doc_dates.own_year and date.startswith(str(doc_dates.year)) \
                        and str(doc_dates.year) not in para.text[sent[0]:sent[1]]:
                    # (a year-less date is null in an undated piece unless its paragraph writes the year: golden/README;
                    # the 今年 of a piece that glosses it, 今(2022)年, is read as the gloss says; the sentence is read,
                    # never the paragraph, which a long one's windows cut)
                    warnings.append(f"no publication date: 今年 read as {doc_dates.year}, the year the piece glosses")
                kind = self.kind(para, v, sent, clause, date, published,
                                 tuple(f["date"] for f in out if f["kind"] == "forecast" and f["date"]
                                       and sent[0] <= f["local_span"][0] < v.start),
                                 self._listed_forecast(para, si, date, out),
                                 doc_dates.period if doc_dates.preview else None, doc_dates.plan)
                if column_forecast and kind == "actual":  # 2025E: the column's mark says forecast
                    kind = "forecast"
                entity = self.attributor.spender(v, para.text, sent, clause, ent, default_entity, region)
                entity = self.attributor.industry_place(v, para.text, sent, ent, entity, place,
                                                        state.get("agency_sentence") == sent[0])  # (電子業營收…)
                entity = self.attributor.system_place(entity, metric, place)  # (台電尖峰負載…: the place's)
                if ent is not None and ent.points_index and entity == ent.name and (v.unit == "点" or (
                        v.unit == "%" and para.text[max(0, v.start - 4):v.start].replace(" ", "").endswith("点或"))):
                    entity = ent.points_index  # 港股重上22000点, 大市高开257点: the benchmark index's points
                parent = self.ef.parent_of.get(entity)
                if parent is not None:
                    # 其中天翼云收入x亿元: a company's business line is a segment of it, part of the metric, and the
                    # company holds (contract 1a); a later clause naming no holder is the company's too
                    if ent is not None and clause[0] <= ent.start < v.start and ent.name == entity \
                            and not metric.startswith(entity):
                        metric = entity + metric
                    entity = parent
                metric = within_sentence(metric)
                if v.part is not None:  # (三次产业结构为5.2:44.3:50.5: 三次产业结构第二产业 for the second part)
                    # (the sectors the words list: metrics.yaml list_collectives, as a list's items read them)
                    sectors = next((ns for w, ns in self.attributor.lists.collectives.items() if w in metric), None)
                    if sectors is not None and v.part < len(sectors):
                        metric += sectors[v.part]
                if "分别" in metric and len(bare := metric.replace("分别", "")) >= 2:
                    metric = bare  # (教育投资比分别加快: the list's adverb names nothing)
                if place and entity != place and (ent is None or (ent.type == "ORG" and ent.start < sent[0])) \
                        and self._firm_count(para, v, sent):
                    entity = place  # 有9家企业营收上升，占比为45%: a count of firms (or its share) measures the class,
                    # whose place holds, never a firm an earlier sentence or paragraph named (contract 1a)
                out.append({
                    "entity": entity, "metric": metric, "value": value, "unit": unit,
                    "qualifier": v.qualifier, "date": date, "kind": kind,
                    "local_span": (v.start, v.end), "sentence_span": sent,
                    "rule": v.rule if not v.unit_rule else f"{v.rule}:{v.unit_rule}",
                    "warnings": warnings,
                    "explain": {"chosen": entity, "candidates": options},
                })
                if isinstance(value, (int, float, Decimal)) and value < 0 and v.range_role is None:
                    signed.append((out[-1], v.unit_kind))  # (turned once every value has its metric: unsigned_all)
                glossing = any(a < v.start < b for a, b in glosses)
                if usable and not glossing and not para.text.startswith(self.mr.part_cues, clause[0]):
                    # (其中高速交换机销售额猛增x: a part's metric is carried to no later holder)
                    by_unit[unit] = metric
                    if self.mr.change_tail.search(metric):
                        by_unit[("change", unit)] = metric
                if not glossing:  # (x（约是甲年用电量的1.6倍）、占全球y: the gloss's quantity is not the sentence's)
                    prev_metric = base or prev_metric
                prev_ent = ent
                if ent is not None and not (sent[0] <= ent.start < sent[1]
                                            and (self.attributor.compared(para.text, ent, clause[0])
                                                 or self.attributor.ar.cause_subject_rx.search(
                                                     para.text, max(0, ent.start - 2), ent.start))):
                    sent_subject = ent  # (高于甲的x: the one compared with is no subject for the sentences after;
                    # nor 因甲大涨x: a cause holds its own clause only)
            while di < len(dates) and dates[di].start < sent[1]:
                running = _advance(running, dates[di], published, doc_dates)
                di += 1
            semi = para.text[sent[0]:sent[1]].rstrip().rstrip(PARA_CLOSERS).endswith(("；", ";"))
            if sent_subject is not None and sent_subject.named and not sent_subject.member and not sent_subject.local \
                    and sent_subject.origin != "class" and sent_subject.type != "INDEX":  # (an index holds its own clauses)
                state["subject"] = (sent_subject, si)  # (其中甲…: a member does not carry beyond its sentence; nor does 工信部…,
                # nor a class the sentence contrasts: 分经济类型看，…外商投资企业增长x。分三大门类看，采矿业…: the place's)
                member_saved = None
            elif sent_subject is not None and sent_subject.named and sent_subject.member and semi \
                    and sent_subject.origin in ("gazetteer", "suffix"):  # (其中城镇人口x；男性y: no holder's name, none carried)
                # 其中甲…月增x；第3季营收y: a member carries over a semicolon to the end of its full stop's sentence
                member_saved = (state["subject"],) if member_saved is None else member_saved
                state["subject"] = (sent_subject, si)
            elif member_saved is not None and not semi:
                state["subject"], member_saved = member_saved[0], None
        if para.carry is not None:
            carry["running"] = running
            carry["subject"] = _carried_out(state["subject"], para)
            carry["last"] = _carried_out(out[-1] if out else prior, para)
            carry["by_unit"] = by_unit
        for rec, unit_kind in signed:  # (a later value carries the metric as written: 增幅分别为x、-y和z)
            rec["value"], rec["metric"] = self._unsigned(rec["value"], rec["metric"], unit_kind, rec["unit"])
        return out


_STREAK_OPENER = regex.compile(r"^(?:而且|并且|并|且|更|亦|也|还|则|已)*(?:是|为)?")
_STREAK_AFTER = regex.compile(r"[\p{Han}A-Za-z]{1,8}?(?=[\d０-９]|[一二三四五六七八九十百千万亿两]{2}|[，,。；;、)）]|$)|[\p{Han}A-Za-z]{1,8}")  # (高于临界点, 保四, 站稳|600亿)
_CLAUSE_WINDOW = 400  # characters before a clause searched for the clause before it (Assembler._clause_before)


_COPULAS = frozenset("是为则而达约")  # (the text is Simplified by then)


def _bare_clause(para: Para, clause: tuple[int, int]) -> bool:
    """Whether a clause says nothing but its dates and figures (2021年为x, 而2024年则为y): no word of its own
    beyond a copula."""
    words = "".join(_WORDLIKE.findall(_without_values(para.text, clause[0], clause[1], para.values + para.dates)))
    return sum(1 for ch in words if ch not in _COPULAS) == 0


def _without_values(t: str, a: int, b: int, values) -> str:
    """t[a:b] with every value mention in it (number, multiplier and unit) left out."""
    out, p = [], a
    for o in sorted((o for o in values if a <= o.start and o.end <= b), key=lambda o: o.start):
        if o.start >= p:
            out.append(t[p:o.start])
            p = o.end
    out.append(t[p:b])
    return " ".join(out)


def _carried_out(item, para: Para):
    """A window's subject ``(candidate, sentence index)`` or last fact, in paragraph
    coordinates (offsets and sentence indices of the whole paragraph)."""
    return _shift(item, para.start, para.sent_base)


def _carried_in(item, para: Para):
    """The inverse of :func:`_carried_out`: window coordinates."""
    return _shift(item, -para.start, -para.sent_base)


def _shift(item, by: int, sents: int):
    if item is None:
        return None
    if isinstance(item, dict):  # a fact: only its span and metric are read across windows
        a, b = item["local_span"]
        return {"local_span": (a + by, b + by), "metric": item["metric"]}
    cand, si = item
    return replace(cand, start=cand.start + by, end=cand.end + by), si + sents
