"""Value mentions: find the span of a number with its multiplier, qualifier and
unit (``ValueFinder.find``), and resolve it to an exact Decimal and a canonical
unit.  Which numbers are not facts is decided here too (vetoes from
``rules/nonfacts.yaml`` and the code-level checks listed there).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from itertools import accumulate
from decimal import Decimal

import regex

from zhfacts.cache import compiled  # (the largest patterns: rebuilt from the on-disk cache)
from zhfacts.normalize.guard import DIGIT, OTHER_DIGIT_RE, guard
from zhfacts.extract.filings import cell_index, first_cell, is_cell, pipe_columns, row_metric, table_row
from zhfacts.extract.firstchars import BranchPattern, stdlib_first
from zhfacts.extract.numerals import CN_DIGITS, DECIMAL_MARKS, multiplier_value, number_value
from zhfacts.rules import Rules

_MULT_CHARS = "十百千万亿兆"  # 兆 after a number is 10^12 (Taiwan usage: 1.2兆元); 兆瓦 is a unit
_CN_D = "零〇○一二两三四五六七八九"
_CN_ZERO = ("零", "〇", "○")
_CN_N = _CN_D + "十百千廿卅卌"
_POINT = f"[{DECIMAL_MARKS}]"  # the decimal point of a Chinese numeral: 九○○·三, 二．四五, 三点五
# 1,085 / 16.4 / 2 350 (a space between groups of three: Hong Kong government style)
# 13. 2%: a space a typesetter left after the decimal point of a percentage (never between sentences: 。)
# 2762,854人: a first group of four before one comma group is a separator misplaced (2,762,854), never a year
_AR = r"(?!(?:19|20)\d\d,)\d{4},\d{3}(?![\d,])|\d+\. \d+(?=[%％])|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# a Chinese numeral below 10^4: digits, 十/百/千, 廿/卅/卌, and a fraction after ·/．/./点 (九○○·三)
_CN = rf"[{_CN_N}]+(?:{_POINT}[{_CN_D}]+)?"
_CN_STRUCT = rf"[{_CN_D}]+[十百千廿卅卌][{_CN_N}]*(?:{_POINT}[{_CN_D}]+)?"  # (一万七千四百零三点五六: its fraction too)
_CN_CONT = rf"[{_CN_D}][{_CN_N}]*(?:{_POINT}[{_CN_D}]+)?"  # a section after a multiplier starts with a digit
# A compound amount is one numeral: 1亿5000万, 4兆3,106亿, 2万5千亿, 两万三千; a section after a
# multiplier continues it only when another multiplier follows (or it has 十/百/千 itself), so
# 4万5 stays apart, or when it fills the four places after 万 (3万3,437美元, 2万4500元; in Chinese digits
# written one by one after a Chinese numeral: 十六萬二〇四一 = 162041) or, with a
# measure word right after it, fewer of them (Taiwanese share counts: 3万817张 = 30817), or a zero and one digit
# after a Chinese numeral's multiplier (一万零八元 = 10008).
# The trailing multiplier chain is read by _parse_at (兆瓦 may be a unit).
_CORE = compiled(
    rf"(?P<pct>百分之(?P<pnum>\d+(?:\.\d+)?|(?:(?!百分之)[{_CN_N}])+(?:{_POINT}[{_CN_D}]+)?)|百分(?P<pall>百)(?![分万亿]))"  # (百分之四十九百分之五十一: two; 百分百: 100 %)
    rf"|(?P<frac>(?P<den>\d+|{_CN})分之(?P<fnum>\d+(?:\.\d+)?|{_CN}))"  # 四分之一 = 25 %
    rf"|(?P<num>(?:{_AR}|{_CN}|(?<![\d十百千万亿兆〇○零一二两三四五六七八九廿卅])[万亿兆](?=[万亿兆]*(?:元|倍|美元|港元))|(?<=[破超逾达])[万亿兆](?=[万亿兆]*(?:[，。；,;！!？?、\n）)]|大关|关口|\Z))|(?<=[逾近超破达])万(?=人次|人|名|户|个|家|台|座|架|件|套|辆|项|张|部|亩|吨))(?:[{_MULT_CHARS}]+(?:(?:{_AR})(?=[{_MULT_CHARS}])|(?<=万)(?:\d,\d{{3}}(?:\.\d+)?|\d{{4}}(?:\.\d+)?(?![\d,.年月日])|\d{{2,3}}(?=[张股户个件名位辆元人台]|美元|港元|日元|欧元)|(?<=[{_CN_N}]万)[{_CN_D}]{{4}}(?![{_CN_N}{DECIMAL_MARKS}年月日]))|{_CN_STRUCT}|(?:{_CN_CONT})(?=[{_MULT_CHARS}])|(?<=[{_CN_N}][万亿兆])零[{_CN_D}](?![{_CN_N}{DECIMAL_MARKS}年月日])))*)"
)
_CN_DIGIT_STRING = regex.compile(rf"[{_CN_D}]{{2,}}(?:{_POINT}[{_CN_D}]+)?|[{_CN_D}]{_POINT}[{_CN_D}]+")
_RATIO = regex.compile(r"(?P<a>\d+(?:\.\d+)?)\s?[:：∶]\s?1(?![\d.:：∶])")  # 2.15∶1 (numeral.ratio)
# 5.2:44.3:50.5 (numeral.ratio_parts): a structure's three parts, each a value
_RATIO_PARTS = regex.compile(r"(?P<a>\d+(?:\.\d+)?)\s?[:：∶]\s?(?P<b>\d+(?:\.\d+)?)\s?[:：∶]\s?(?P<c>\d+(?:\.\d+)?)(?![\d.:：∶])")
_LAST_JOINERS = frozenset(("和", "及", "与", "以及"))  # 47.3、51.9及49.6: what joins a list's last member
_MEMBER_JOINERS = _LAST_JOINERS | {"、"}  # 3、5和8家: what joins the members of a list
_SHARED_UNIT_JOINERS = frozenset(("、", "和", "及", "与", "/"))  # 170万、120万台, 1.2/1.5亿元: members sharing a unit
_CONSECUTIVE = regex.compile(r"、(?=\d)")  # 7、8倍: the joiner of a rough range (checked: the upper bound is the next whole number)
_RANGE_SEP = stdlib_first(r"\s?(?:至|到|-|~|—|－|～|–)\s?\+?")  # (-3%至+9%: a plus sign of the upper bound)
_RANGE_AHEAD = stdlib_first(r"[十百千万亿兆]*\s?(?:至|到|-|~|—|－|～|–)\s?[\d零一二两三四五六七八九十廿卅卌]")
# 170万、120万台, 1.2/1.5亿元, 4.6和3.1个百分点: the first member of a list of amounts (kept only if the list's unit
# reaches it: _share_list_units)
_LIST_AHEAD = regex.compile(r"[十百千万亿兆]*\s?、\s?\d|(?<=\.\d+)/[-+]?\d|/[-+]?\d+\.\d|/[-+]?\d+/[-+]?\d(?!\d{3}(?!\d))|(?<=\d)[和及与]\d[\d.]*(?:个?百分点|[%％])")
_HALF_SHARE = regex.compile(r"占[^，。；,;]{0,10}?(?:超过|超|逾|近|约|接近|将近)?\Z")  # 占…一半 (50 %)
_CHENG_STOP = set("为立功本果员熟长就交效品型都绩分色像")
# 六成五万: the digit begins another number; 两成 6月 (a headline's two parts, the space gone): a date
_TENTH_STOP = frozenset(_CN_N + "0123456789.%成万亿兆年月日号")
_VAGUE_PLACE = regex.compile(r"[十百千]万?|万")  # 三亿几千万: the vague place after 几 (qualifiers.yaml qual.gt.infix_ji)
# a rate written with a slash after any unit: 1次/秒, 21.7GB/户·月, 0.32元/千瓦时, 1.2万元/平方米
# (…/亩, 0.15元/W, 0.8元/Wh, 15元/Kg: a price per unit of land, of power, of energy, of weight)
_PER = regex.compile(r"\s?/\s?(户[·・]月|人[·・]月|户/月|千瓦时|kWh|kwh|MWh|GWh|Wh|W|瓦时|瓦|度|平方米|m²|平方呎|亩|秒|分钟|小时|天|月|年|百人|千人|万人|人|户|吨|千克|公斤|[Kk][Gg]|张|卡|台|架|柜|机柜|片|辆)(?![A-Za-z])")
_LATIN = stdlib_first(r"[A-Za-z]")
_HALF_SPAN = regex.compile(r"半(月|小时)")  # 两个半月: a half between the measure word and the span
_MINUS = "-−－﹣"
# where a dash can only be a minus sign (never a range: 20%-30%; 介于-3%至+9%; 同比-6.6%: a change written with its sign)
_BEFORE_MINUS = set("为达是率至到于：:（(，,、比")
# ... and a noun before it (利润总额-38.6亿元, 净利润-2.4亿元: the number as the text signs it), never a numeral, a
# multiplier or a time word, which open a range (三-五年, 1月-5月)
_NO_MINUS_AFTER = set("〇○零一二两三四五六七八九十百千万亿兆年月日季周个")
_AMOUNT_BEFORE = regex.compile(r"\d[^\d，。；：,;:]{0,4}$")  # (3100万元-3900万元: an amount before the dash, a range)
# a minus after a change's abbreviation (同比-6.6%, YoY -25.7%) is the change's direction, not the number's sign
# (metrics.yaml change_abbrev: 同比下降 6.6)
_CHANGE_SIGN_BEFORE = regex.compile(r"(?i)(?:同比|环比|yoy|qoq|mom)\s?$")
_BARE_AMOUNT_END = regex.compile(r"\d[\d.,]*\s?[万亿兆]+\s*[，,]\s*\Z")  # (…约149.74亿，: an amount with no unit ends the clause)
_CLAUSE_MARKS = "，。；：！？,;:!?\n"
_CLAUSE_END = regex.compile(f"[{_CLAUSE_MARKS}]")


# 1/3, 2/3: a fraction with a slash (a single digit over a single digit, no chain, no decimal, no date after it), read
# as one where the words numerals.yaml slash_fraction_before/after stand around it
_SLASH_FRACTION = regex.compile(r"(?<![\d./])(?P<a>[1-9])/(?P<b>[2-9]|10)(?![\d./])")
_SLASH_DATE = regex.compile(r"\d{1,2}/\d{1,2}/(?:19|20)\d{2}|(?:19|20)\d{2}/\d{1,2}/\d{1,2}")  # 11/08/2025, 2025/08/11


def _share_list_qualifiers(text: str, out: list, shared_before: "regex.Pattern") -> None:
    """分别超过x亿元、y亿元和z亿元: a bound written once after a list's cue (``shared_before``: 分别, 均, 都) before the
    first value of a list is every item's; an item with its own qualifier keeps it."""
    shared = None
    for i, v in enumerate(out):
        prev = out[i - 1] if i else None
        if shared is not None and prev is not None and v.range_role is None and v.qualifier == "=" \
                and v.qual_start == v.start and (text[prev.end:v.start] == "、" or text[prev.end:v.start] in _LAST_JOINERS):
            v.qualifier, v.qual_rule = shared
            continue
        shared = (v.qualifier, v.qual_rule) if v.range_role is None and v.qualifier != "=" and v.qual_start < v.start \
            and shared_before.search(text, max(0, v.qual_start - 3), v.qual_start) else None


def _slash_chain(text: str, a: int, b: int) -> bool:
    """Whether the two numbers joined by / in text[a:b] belong to a chain of three or more (30/25/22倍, -0.31/-0.82/+2.60):
    a broker's list, never a fraction nor a date (11/08/2025)."""
    if not (text[max(0, a - 2):a].rstrip("-+").endswith("/") or text.startswith("/", b)):
        return False
    s, e = a, b
    while s > 0 and (text[s - 1].isdigit() or text[s - 1] in "./+-"):
        s -= 1
    while e < len(text) and (text[e].isdigit() or text[e] in "./"):
        e += 1
    return _SLASH_DATE.fullmatch(text, s, e) is None


def _vague_pair(num: str, region: str) -> bool:
    """两三元, 三四家, 五六万: two neighbouring Chinese digits (the second one more) are a rough range, not 23
    (numerals.yaml numeral.vague_pair); in Taiwanese text, where statistics write digits one by one (二三·五), only
    with 两."""
    a, b = (CN_DIGITS.get(ch) for ch in num[:2]) if len(num) >= 2 else (None, None)
    return (a is not None and b is not None and a >= 1 and b == a + 1 and num[0] not in "〇○零"
            and all(ch in "十百千万亿" for ch in num[2:]) and (region != "taiwan" or "两" in num[:2]))


@dataclass
class ValueMention:
    start: int
    end: int
    value: Decimal
    unit: str
    unit_rule: str | None
    unit_kind: str | None
    qualifier: str
    qual_rule: str | None
    qual_start: int  # where the qualifier word before the number starts (== start if none)
    rule: str
    range_role: str | None = None
    has_mult: bool = False
    mult_value: Decimal = Decimal(1)  # the multiplier applied (万 -> 10000), for a bare lower bound
    warnings: list[str] = field(default_factory=list)
    list_only: bool = False  # a bare number kept only as a list member (3.2万、1.1万个) until it shares a unit
    column: str | None = None  # a cell of a table whose header names its column: that name, its metric (filings.Columns)
    part: int | None = None  # a part of a structure's ratio (5.2:44.3:50.5): its place, 0 first (numeral.ratio_parts)


@dataclass
class _Unit:
    form: str
    unit: str
    rule: str
    kind: str
    context: "regex.Pattern | None"
    by_region: dict | None = None  # a bare 元: the currency of the document's region (units.yaml)
    not_before: "regex.Pattern | None" = None  # what may not follow the form (周 of 周年: no unit)


_RENMINBI_AFTER = regex.compile(r"\s?人民币")  # (每股12.37分人民币: the cent of the renminbi)


@dataclass(frozen=True)
class Declared:
    """The currencies a document declares once for the figures after it ((人民币，下同),
    （单位：人民币）, 以下单位均为港元; units.yaml ``declarations``), learned once per document by
    :meth:`ValueFinder.learn_document`; it belongs to that document's run only.  ``spans``:
    (start, end, unit, rule id, where its own words start: the bracket after a figure it
    follows, 人民币310亿元[（下同）]) in the normalized text, in order; ``offset``: where the
    paragraph being read starts."""

    spans: tuple = ()
    offset: int = 0
    # the markdown tables whose header names the quantity and unit of each column (营业收入(元) |
    # 同比增长(%)): filings.Columns, in order
    tables: tuple = ()

    def at(self, offset: int) -> "Declared":
        """These declarations, read from the paragraph at ``offset`` of the normalized text."""
        return replace(self, offset=offset) if self.spans or self.tables else self

    def columns(self, n: int):
        """The filings.Columns of the table whose rows hold the paragraph of length ``n``, or None."""
        return next((t for t in self.tables if t.start <= self.offset and self.offset + n <= t.end), None)

    def unit(self, text: str, end: int) -> str | None:
        """The currency declared for a figure of the paragraph ending at ``end``: the last
        declaration that starts before its end, or right after it (86亿元(人民币，下同))."""
        d = self.governing(text, end)
        return d[2] if d else None

    def governing(self, text: str, end: int) -> tuple | None:
        """The declaration (start, end, unit, rule id) that governs a figure ending at ``end``."""
        if not self.spans:
            return None
        while end < len(text) and text[end] in " \u3000":
            end += 1
        k = bisect_left(self.spans, (self.offset + end + 1,))
        return self.spans[k - 1] if k else None

    def inside(self, text: str) -> list[tuple[int, int]]:
        """The declarations within the paragraph ``text`` (its own offsets): no value is read in
        one ((单位：新台币亿元)) and none is part of a metric."""
        lo, hi = self.offset, self.offset + len(text)
        return [(max(a, lo) - lo, min(b, hi) - lo) for _, b, _, _, a in self.spans if a < hi and b > lo and b > a]


NO_DECLARED = Declared()


def _span_order(d: tuple) -> tuple[int, int]:
    """A declaration's place in the text (a paragraph's end restores a unit that may be None: never compared)."""
    return d[0], d[1]


#: Values of 10**MAX_MAGNITUDE or more are refused: beyond any amount news state
#: (亿亿 is 10**16; the world's computing power is about 10**21 FLOPS).
MAX_MAGNITUDE = 24


class _Refused:
    """What :meth:`ValueFinder._parse_at` returns for an amount beyond :data:`MAX_MAGNITUDE`."""

    __slots__ = ("end",)

    def __init__(self, end: int):
        self.end = end


def currency_alternation(rules: Rules) -> str:
    """``{CUR}`` of a rule file's pattern: any currency name written on its own before a number (the
    ``before`` words of units.yaml, longest first), as one alternation; ``(?!)`` when there is none."""
    words = {f for e in rules.raw["units"]["units"] for f in e.get("before", ())}
    return "|".join(regex.escape(f) for f in sorted(words, key=len, reverse=True)) or "(?!)"


def declaration_patterns(rules: Rules) -> list[tuple[str, str]]:
    """(id, pattern) of units.yaml ``declarations``, {CUR} replaced by any currency name written on
    its own (:func:`currency_alternation`): the values read them (:meth:`ValueFinder.learn_document`)
    and the metrics cut them (a declaration is never part of a metric)."""
    cur = currency_alternation(rules)
    return [(e["id"], e["pattern"].replace("{CUR}", cur)) for e in rules.raw["units"].get("declarations", ())]


class ValueFinder:
    def __init__(self, rules: Rules):
        self.units: list[_Unit] = []
        # units.yaml currency_codes: an ISO code after an amount (8億CAD) names its currency, no other capitals do
        self.currency_code_rx = regex.compile("(?:" + "|".join(rules.raw["units"].get("currency_codes") or ["(?!)"])
                                              + ")(?![A-Za-z])")
        self.currency_before: dict[str, tuple[str, str]] = {}  # a currency written before the number
        self.implied: list[tuple["regex.Pattern", str, dict, str]] = []  # (context, unit, by_region, rule)
        self.compared: list["regex.Pattern"] = []  # 较…约29.9亿: a clause comparing with the amount before it
        # a Hong Kong cent's rule -> the unit of the cent of a company reporting in renminbi (units.yaml renminbi_unit)
        self.renminbi_cents = {e["id"]: e["renminbi_unit"] for e in rules.raw["units"]["units"] if e.get("renminbi_unit")}
        # a fraction's denominator -> the unit it reads as (千分之7.35: 7.35 ‰; units.yaml fraction_of)
        self.fraction_units = {Decimal(e["fraction_of"]): (e["unit"], e["id"], e["kind"])
                               for e in rules.raw["units"]["units"] if e.get("fraction_of")}
        # currencies whose prices readers never write per a unit of sale (每度电122.9仙: 港仙; units.yaml per_price)
        self.no_price_per = frozenset(e["id"] for e in rules.raw["units"]["units"] if e.get("per_price") is False)
        for e in rules.raw["units"]["units"]:
            if e.get("implied_by"):
                self.implied.append((regex.compile(e["implied_by"]), e["unit"], e.get("by_region") or {}, e["id"]))
            if e.get("implied_by_comparison"):
                self.compared.append(regex.compile(e["implied_by_comparison"]))
            ctx = regex.compile(e["context"]) if e.get("context") else None
            nb = regex.compile(e["not_before"]) if e.get("not_before") else None
            for f in e["forms"]:  # (as written: its 个 left out, 125万个标箱 -> 标箱)
                self.units.append(_Unit(f, f.removeprefix("个") if e.get("as_written") else e["unit"], e["id"], e["kind"],
                                        ctx, e.get("by_region"), nb))
            for f in e.get("before", ()):  # (泰铢68.1亿元: a currency kept as written is its own unit before the number too)
                self.currency_before[f] = (f if e.get("as_written") else e["unit"], e["id"])
        # currency declarations: {CUR} is any currency name written on its own (a `before` word)
        cur = currency_alternation(rules) if self.currency_before else ""
        self.declarations = [(rid, regex.compile(p)) for rid, p in declaration_patterns(rules)]
        # (以美元计价，…x亿元: a declaration that governs its own paragraph only, units.yaml ``scope: paragraph``)
        self.paragraph_declarations = frozenset(e["id"] for e in rules.raw["units"].get("declarations", ())
                                                if e.get("scope") == "paragraph")
        rmb = rules.raw["units"].get("renminbi_piece")  # (a Hong Kong or Taiwanese piece on renminbi figures)
        self.renminbi_piece = (rmb["id"], frozenset(rmb["regions"]), regex.compile(rmb["pattern"]), regex.compile(rmb["unless"]),
                               regex.compile(rmb.get("bare_before") or "(?!)")) \
            if rmb else None
        # 19个GB: a measure word between a number and one of these units (units.yaml measure_words)
        self.measure_word_units: dict[str, set[str]] = {}
        for e in rules.raw["units"].get("measure_words", ()):
            for w in e["words"]:
                self.measure_word_units.setdefault(w, set()).update(e["units"])
        # 旅客人次达x万: a count's measure word written before it (units.yaml noun_units)
        nu = rules.raw["units"].get("noun_units")
        self.noun_unit = (nu["id"], regex.compile(nu["pattern"])) if nu else None
        # 共录得x万访港旅客人次: the measure word after the noun the count counts (units.yaml noun_units after)
        self.noun_unit_after = regex.compile(nu["after"]) if nu and nu.get("after") else None
        # a bare amount under a declaration (units.yaml declared_amount): (rule id, the count pattern
        # of metrics.yaml bare_heads it names by id, or None)
        da = rules.raw["units"].get("declared_amount")
        counts = {e["id"]: e["pattern"] for e in rules.raw["metrics"].get("bare_heads", [])}
        self.declared_amount = (da["id"], regex.compile("|".join(
            [f"(?:{counts[da['unless_bare_head']]})"] * bool(da.get("unless_bare_head"))
            + [f"(?:{da['unless_before']})"] * bool(da.get("unless_before"))) or "(?!)")) if da else None
        self.currency_before_rx = stdlib_first("(" + cur + r")\s?\Z") if self.currency_before else None
        # 分别为人民币1,234亿元、1,456亿元及1,678亿元: the currency written before a list's first amount is its later
        # amounts' too (each joined to the one before by 、, 和, 及, 与 or 至)
        amount = r"[约近逾超]?\d[\d,.]*\s?[万亿兆千百]*元"
        self.currency_list_rx = stdlib_first("(" + cur + r")\s?" + amount + r"(?:\s?[、，,和及与至]\s?" + amount + r")*\s?[、，,和及与至]\s?\Z") \
            if self.currency_before else None
        # 29708亿元(人民币): a currency in brackets right after a bare 元 names that figure's currency
        self.currency_bracket_rx = regex.compile(r"\s?[(（](" + cur + r")[)）]") if self.currency_before else None
        # a currency inside the quantity before a bare 元 (第三季美元营收达…亿元: units.yaml quantity_currency)
        qc = [e["quantity_currency"] for e in rules.raw["units"]["units"] if e.get("quantity_currency")]
        self.quantity_currency_rx = regex.compile("|".join(f"(?:{p.replace('{CUR}', cur)})" for p in qc)) \
            if qc and self.currency_before else None
        pb = rules.raw["units"].get("per_before")
        self.per_before_rx = regex.compile(pb["pattern"]) if pb else regex.compile("(?!)")
        # a price's unit of sale named before it (每度2.89元) or by its topic (電價平均2.89元: units.yaml price_per, price_topic)
        pp = [e["price_per"] for e in rules.raw["units"]["units"] if e.get("price_per")]
        self.price_per_rx = regex.compile("|".join(f"(?:{p})" for p in pp)) if pp else None
        self.price_topics = [(frozenset(t["regions"]), regex.compile(t["pattern"]), t["per"], t["window"], Decimal(str(t["max"])))
                             for t in (e.get("price_topic") for e in rules.raw["units"]["units"]) if t]
        # 若以美元计算，第四季营收为337.3亿: the currency a sentence says its amounts are counted in (units.yaml counted_in)
        ci = rules.raw["units"].get("counted_in")
        self.counted_in_rx = regex.compile(ci["pattern"].replace("{CUR}", cur)) if ci and self.currency_before else None
        self.units.sort(key=lambda u: -len(u.form))
        # what a paragraph needs to hold a value (pipeline.chunks skips the others): a digit, 百分之,
        # or a Chinese numeral before a multiplier, 成, 半, an infix word (余/多/几) or the first character of a unit,
        # a Latin one included (五MW, 三GW: a Taiwanese release writes the number in Chinese numerals)
        firsts = "".join(sorted({u.form[0] for u in self.units if not u.form[0].isdigit()} | set("十百千万亿兆成倍半%")))
        infixes = "".join(sorted({w for e in rules.raw["qualifiers"]["qualifiers"] if e["position"] == "infix" for w in e["words"]}))
        self.may_hold = regex.compile(r"\d|分之|[零〇○一二两三四五六七八九十百千万亿兆廿卅卌][" + regex.escape(infixes) + "]?[" + regex.escape(firsts) + "]"
                                      r"|[零〇○一二三四五六七八九][零〇○一二三四五六七八九.·‧・]")
        self.unit_rx = stdlib_first("|".join(regex.escape(u.form) for u in self.units))  # (matched at a position)
        # a money amount that ends a clause (…为31.5亿元，): the currency a comparison after it shares
        self.money_end_rx = regex.compile(r"[0-9〇零一二两三四五六七八九十百千万亿兆](?P<u>{})\s*[，,]\s*\Z".format(
            "|".join(regex.escape(u.form) for u in self.units if u.kind == "currency" and u.context is None)))
        # a rate's unit after its slash or 每 in the contract's symbol (0.35元/千瓦时 -> 元/kWh: units.yaml per_symbols)
        self.per_symbols = dict((rules.raw["units"].get("per_symbols") or {}).get("symbols") or {})
        self.unit_by_form: dict[str, list[_Unit]] = {}
        for u in self.units:
            self.unit_by_form.setdefault(u.form, []).append(u)
        self.units_by_first: dict[str, list[_Unit]] = {}  # unit_at tries only the forms starting at text[pos]
        for u in self.units:
            self.units_by_first.setdefault(u.form[0], []).append(u)
        q = rules.raw["qualifiers"]["qualifiers"]
        self.before = sorted(((w, e["qualifier"], e["id"]) for e in q if e["position"] == "before" for w in e["words"]),
                             key=lambda t: -len(t[0]))
        self.infix = {w: (e["qualifier"], e["id"]) for e in q if e["position"] == "infix" for w in e["words"]}
        # an infix word that begins a word with what follows it (几乎, 几何: no 几 of 十几个)
        self.infix_not_before = {w: regex.compile(e["not_before"]) for e in q
                                 if e["position"] == "infix" and e.get("not_before") for w in e["words"]}
        self.infix_rules = {rid for _, rid in self.infix.values()}
        # a word a before-word ends after one of these characters (合约占, 签约达: no 约 of "about")
        self.before_not_after = {e["id"]: tuple(e["not_after"]) for e in q if e["position"] == "before" and e.get("not_after")}
        self.after = sorted(((w, e["qualifier"], e["id"]) for e in q if e["position"] == "after" for w in e["words"]),
                            key=lambda t: -len(t[0]))
        # the words after a number by their first character (longest first, as above)
        self.after_empty = [t for t in self.after if not t[0]]
        self.after_by_first: dict[str, list[tuple[str, str, str]]] = {}
        for t in self.after:
            if t[0]:
                self.after_by_first.setdefault(t[0][0], []).append(t)
        for k in self.after_by_first:
            self.after_by_first[k] += self.after_empty
        nums = rules.raw["numerals"]  # 突破百万 (numerals.yaml numeral.round_passed)
        self.round_passed_before = regex.compile(nums["round_passed_before"])
        self.round_passed_after = regex.compile(nums["round_passed_after"])
        self.bare_list_before = regex.compile(nums["bare_list_before"])  # 分别为313万和[299.2万] (numeral.bare_list)
        self.bare_completed_before = regex.compile(nums["bare_completed_before"])  # 完成生产总值[56.7亿]， (numeral.bare_completed)
        self.bare_bracketed_before = regex.compile(nums["bare_bracketed_before"])  # 物价指数([101.62]) (numeral.bare_bracketed)
        self.bare_bracketed_after = regex.compile(nums["bare_bracketed_after"])
        # 同比微降0.97%至29.90%: a change and the level it reached, no range (numeral.change_to_level)
        self.change_to_level = regex.compile(nums["change_to_level"])
        self.change_to_level_ratio = Decimal(str(nums["change_to_level_ratio"]))
        # 约1/3的企业: a slash fraction where these stand before or after it (numerals.yaml numeral.fraction)
        self.fraction_before = regex.compile(nums["slash_fraction_before"])
        self.fraction_after = regex.compile(nums["slash_fraction_after"])
        self.glued_metric = regex.compile(nums["glued_metric"])  # EBITDA[18.2亿元] (numeral.glued_metric)
        self.cheng_copula_before = regex.compile(nums["cheng_copula_before"])  # 有[6成]为… (numeral.cheng)
        self.ratio_before = regex.compile(nums["ratio_before"])  # 收入比缩小至[2.15]∶1 (numeral.ratio)
        self.ratio_parts_before = regex.compile(nums.get("ratio_parts_before") or "(?!)")  # 三次产业结构为[5.2:44.3:50.5]
        m = rules.raw["metrics"]
        self.predicates = sorted(set(m["predicates"]), key=len, reverse=True)
        # 分别超过x、y: the cues after which a bound is every item's of the list (metrics.yaml list_cues, list_bound_cues)
        self.shared_qualifier_before = regex.compile(
            "(?:" + "|".join(map(regex.escape, sorted(m["list_cues"] + m.get("list_bound_cues", []), key=len, reverse=True)))
            + r")\s?$")
        self.predicate_set = frozenset(self.predicates)
        # x 降至 y: the value before a change verb is a value even with no unit or predicate (PUE 1.48下降至1.31)
        change_verbs = "|".join(map(regex.escape, sorted(m["change_verbs"], key=len, reverse=True)))
        self.change_after_rx = regex.compile(f"(?:{change_verbs})(?:至|到)")
        # 由上年的x增加到今年的[y]: a change's verb and the words up to the amount it reaches (_implied_currency)
        self.change_to_end_rx = regex.compile(rf"(?:{change_verbs})(?:至|到)[^，,。；;]{{0,12}}\Z")
        # the words before a number by their last character (longest first, as above)
        self.before_by_last: dict[str, list[tuple[str, str, str]]] = {}
        for t in self.before:
            self.before_by_last.setdefault(t[0][-1:], []).append(t)
        self.predicates_by_last: dict[str, list[str]] = {}
        for w in self.predicates:
            self.predicates_by_last.setdefault(w[-1:], []).append(w)
        # 增加了x亿: an aspect particle between a predicate and its amount (metrics.yaml predicate_particles)
        self.predicate_particles = tuple(m.get("predicate_particles", []))
        # (id, pattern, characters every match needs: a text lacking one is not searched, normalize/guard.py)
        # (a pattern A|B is searched one branch at a time: firstchars.BranchPattern)
        self.vetoes = [(e["id"], BranchPattern(e["pattern"], compile=compiled), guard(e["pattern"], False).chars)
                       for e in rules.raw["nonfacts"]["vetoes"]]
        # the vetoes whose matches are cut from a metric as a date is (上午十时三十五分: cut_from_metric)
        self.metric_cuts = [rx for (rid, rx, _), e in zip(self.vetoes, rules.raw["nonfacts"]["vetoes"])
                            if e.get("cut_from_metric")]
        # the same conditions as bits: a character -> the (veto, set) pairs whose set holds it; a veto is
        # searched only when the text's characters hold all of its bits (one look at each character it has)
        self.veto_bits: dict[str, int] = {}
        self.veto_masks = []
        k = 0
        for _, _, needs in self.vetoes:
            mask = 0
            for chars in needs:
                mask |= 1 << k
                for c in chars:
                    self.veto_bits[c] = self.veto_bits.get(c, 0) | 1 << k
                k += 1
            self.veto_masks.append(mask)
        self.veto_chars = frozenset(self.veto_bits)  # (a text's characters are looked up among these)
        # a veto's match followed by its `unless_after` vetoes nothing (在42个月内[开始营运]: a deadline)
        self.veto_unless = {e["id"]: compiled(e["unless_after"]) for e in rules.raw["nonfacts"]["vetoes"]
                            if "unless_after" in e}
        # a veto whose match a number's multiplier or unit may not reach into (附件1千兆城市: `ends_number`)
        self.veto_ends = frozenset(e["id"] for e in rules.raw["nonfacts"]["vetoes"] if e.get("ends_number"))
        # a change column of a table (同比增长(%)) names the change of the column before it (filings.pipe_columns)
        self.change_heads = tuple(w for e in m.get("table_rows", []) for w in e.get("change_heads", []))
        self.unit_heads = tuple(w for e in m.get("table_rows", []) for w in e.get("unit_heads", []))
        self.measure_heads = tuple(w for e in m.get("table_rows", []) for w in e.get("measure_heads", []))
        self.title_rx = regex.compile(rules.raw["nonfacts"]["title"])  # 《...》: a title, never a fact
        # “甲公司2021年至2022年…集中采购第二批次”: a quoted tender's name whose years date nothing after it
        self.named_title_rx = regex.compile(rules.raw["nonfacts"].get("named_title") or "(?!)")
        # 制造业生产指数108.42, 增82%至426万: what before a number makes it a value with no unit
        heads = m.get("bare_heads", [])
        self.bare_head = [compiled(rf"(?:{e['pattern']})\s?\Z") for e in heads if not e.get("multiplier")]
        self.bare_head_mult = [compiled(rf"(?:{e['pattern']})\s?\Z") for e in heads if e.get("multiplier")]

    # -- vetoes -----------------------------------------------------------------
    def veto_spans(self, text: str) -> list[tuple[int, int, str]]:
        out = []
        bits, have = self.veto_bits, 0
        for c in self.veto_chars.intersection(text):  # (only the text's characters some veto needs, found in C)
            have |= bits[c]
        if OTHER_DIGIT_RE.search(text):
            have |= bits.get(DIGIT, 0)  # (a digit of another script: what guard's DIGIT stands for)
        for (rid, rx, _), mask in zip(self.vetoes, self.veto_masks):
            if have & mask != mask:
                continue  # a character every match needs is absent: no match
            unless = self.veto_unless.get(rid)
            for m in rx.finditer(text):
                if unless is not None and unless.match(text, m.end()):
                    continue
                if "v" in m.re.groupindex and m.group("v") is not None:  # (the branch's groups)
                    out.append((m.start("v"), m.end("v"), rid))
                else:
                    out.append((m.start(), m.end(), rid))
        return out

    def cut_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` no metric keeps (nonfacts.yaml ``cut_from_metric``: a time of day)."""
        return [m.span() for rx in self.metric_cuts for m in rx.finditer(text)]

    # -- units ------------------------------------------------------------------
    def unit_at(self, text: str, pos: int, sentence: str) -> _Unit | None:
        m = self.unit_rx.match(text, pos)
        if not m:
            return None
        # the alternation is longest-first, but a shorter form may be the one
        # whose context holds; try the matched length and then shorter ones
        for u in self.units_by_first.get(text[pos], ()):
            if not text.startswith(u.form, pos):
                continue
            end = pos + len(u.form)
            if u.form[-1].isascii() and u.form[-1].isalpha() and end < len(text) and _LATIN.match(text[end]):
                continue  # 5G is no unit G; EFLOPSx is no EFLOPS
            if u.context is not None and not u.context.search(sentence):
                continue
            if u.not_before is not None and u.not_before.match(text, end):
                continue  # 10周年, 12部门: the form is part of a word
            return u
        return None

    def _before_qualifier(self, text: str, s: int):
        t = text[max(0, s - 6):s].rstrip()
        for w, q, rid in self.before_by_last.get(t[-1:], ()):
            if t.endswith(w) and not (rid in self.before_not_after and t[:-len(w)].endswith(self.before_not_after[rid])):
                return q, rid, s - (len(text[max(0, s - 6):s]) - len(t)) - len(w)
        if self.currency_before_rx is not None:
            # 超过新台币500亿元, 约港币30亿元: a currency written between the qualifier and the number
            cur = self.currency_before_rx.search(text, max(0, s - 8), s)
            if cur is not None and cur.start() < s:
                return self._before_qualifier(text, cur.start())
        return None

    def _bare_completed(self, text: str, s: int, end: int, mult: str) -> bool:
        """全县完成生产总值[56.7亿]，: an amount with a multiplier after a verb of completing and the quantity's
        name, ending its clause (numerals.yaml bare_completed_before)."""
        return bool(mult) and (end == len(text) or text[end] in _CLAUSE_MARKS) \
            and self.bare_completed_before.search(text, max(0, s - 16), s) is not None

    def _bare_bracketed(self, text: str, s: int, end: int, core: str, mult: str) -> bool:
        """综合消费物价指数([101.62]), 零售业([3.15万]): a figure with decimals or a multiplier alone in brackets right
        after the quantity's name, its sentence going on after it (numerals.yaml bare_bracketed_before, _after)."""
        return ("." in core or bool(mult)) and text[end:end + 1] in (")", "）") \
            and self.bare_bracketed_after.match(text, end + 1) is not None \
            and self.bare_bracketed_before.search(text, max(0, s - 2), s) is not None

    def _has_predicate_before(self, text: str, s: int) -> bool:
        if self.bare_list_before.search(text, max(0, s - 24), s):
            return True  # 分别为313万和[299.2万]: the next item of a list of bare amounts, as the first is one
        t = text[max(0, s - 8):s].rstrip()
        if any(t.endswith(w) for w, _, _ in self.before_by_last.get(t[-1:], ())):
            return True
        if self._ends_with_predicate(t) or "" in self.predicates_by_last:
            return True
        # (增加到今年的3100万, 升至2021年底的6000亿: the time the predicate reaches stands between it and the amount)
        m = _TIME_BEFORE.search(text, max(0, s - 16), s)
        if m is None:
            return False
        t = text[max(0, m.start() - 8):m.start()].rstrip()
        return bool(t) and self._ends_with_predicate(t)

    def _ends_with_predicate(self, t: str) -> bool:
        """Whether the words ``t`` end with a predicate (metrics.yaml predicates), looked up by their last character."""
        return any(t.endswith(p) for p in self.predicates_by_last.get(t[-1:], ()))

    def _particle_predicate(self, text: str, s: int) -> bool:
        """增加了x亿: a predicate and its aspect particle (metrics.yaml predicate_particles) right before ``s``."""
        t = text[max(0, s - 8):s].rstrip()
        particle = next((x for x in self.predicate_particles if t.endswith(x)), None)
        if particle is None:
            return False
        return self._ends_with_predicate(t[:-len(particle)])

    # -- main -------------------------------------------------------------------
    def find(self, text: str, masked: list[tuple[int, int]], sentence_of,
             region: str = "mainland", declared: Declared | None = None) -> list[ValueMention]:
        """Value mentions in ``text`` (a paragraph).  ``masked``: spans (dates) no
        value may overlap.  ``sentence_of(pos)`` gives the sentence text around pos
        (for context-bound units such as 12E); ``region`` the document's (the
        currency of a bare 元), ``declared`` the currencies the document declares
        (:meth:`learn_document`, positioned at this paragraph), which replace it."""
        if _CORE.search(text) is None:
            return []  # no number at all: nothing to read, so no veto to look for
        declared = declared or NO_DECLARED
        vetoes = self.veto_spans(text)
        vetoed = [(a, b) for a, b, _ in vetoes]
        ends = _Spans([(a, b) for a, b, rid in vetoes if rid in self.veto_ends])
        row = table_row(text)  # 营业收入(元): -本报告期:1,234.56,…: a filing table's row (filings.py)
        blocked = _Spans(masked + vetoed + ([row.bracket] if row is not None and row.bracket else [])
                         + declared.inside(text))
        row_unit = self._row_unit(row.unit, sentence_of(row.start), region) if row is not None and row.unit else None
        # | 2024年 | 1,234.56 | 11.57 |: a row of years (a row whose cells write their units, under a header that
        # names each column's unit, is read by its columns too)
        cols = declared.columns(len(text)) if row is None or row.pipe else None
        out: list[ValueMention] = []
        pos = 0
        n = len(text)
        while pos < n:
            m = _CORE.search(text, pos)
            if not m:
                break
            s = m.start()
            if blocked.overlaps(s, m.end()):
                pos = m.end()
                continue
            frac = _SLASH_FRACTION.match(text, s)
            if frac is not None and not blocked.overlaps(s, frac.end()) and int(frac.group("a")) < int(frac.group("b")) \
                    and (self.fraction_before.search(text, max(0, s - 4), s) or self.fraction_after.match(text, frac.end())):
                # 约1/3的企业, 占比超过2/3: a fraction written with a slash is a percent (as 三分之一 is), not its numerator
                val = Decimal(frac.group("a")) / Decimal(frac.group("b")) * 100
                out.append(self._finish(text, s, frac.end(), val, "%", "unit.percent", "percent", None, "value.fraction"))
                pos = frac.end()
                continue
            parts = _RATIO_PARTS.match(text, s)
            if parts is not None and not blocked.overlaps(s, parts.end()) \
                    and self.ratio_parts_before.search(text, max(0, s - 48), s):
                # 三次产业结构为5.2:44.3:50.5: each part a value, unit "" (numeral.ratio_parts)
                for k, g in enumerate("abc"):
                    vm = self._finish(text, parts.start(g), parts.end(g), Decimal(parts.group(g)), "", None, None, None,
                                      "value.ratio_parts")
                    vm.part = k
                    out.append(vm)
                pos = parts.end()
                continue
            rat = _RATIO.match(text, s)
            if rat is not None and not blocked.overlaps(s, rat.end()) and self.ratio_before.search(text, max(0, s - 18), s):
                # 收入比缩小至2.15∶1: a ratio to one, its first term (numeral.ratio); the 1 is no value
                out.append(self._finish(text, s, rat.end(), Decimal(rat.group("a")), "", None, None, None, "value.ratio"))
                pos = rat.end()
                continue
            if m.group("num") and _vague_pair(m.group("num"), region) and not text.startswith(tuple(DECIMAL_MARKS), m.end()):
                # 两三元: a rough range, its bounds written in one word (the upper one with the unit)
                lo = self._parse_at(text, _CORE.match(text, s, s + 1), sentence_of(s), allow_bare=True, bare_cn=True,
                                    region=region, declared=declared)
                hi = self._parse_at(text, _CORE.match(text, s + 1), sentence_of(s), region=region, declared=declared)
                if isinstance(lo, ValueMention) and isinstance(hi, ValueMention) and hi.unit:
                    lo = self._as_low(lo, hi, m)
                    lo.qualifier, lo.qual_rule = ">=", "value.range"
                    hi.range_role, hi.qualifier, hi.qual_rule, hi.rule = "high", "<=", "value.range", "value.range"
                    out += [lo, hi]
                    pos = hi.end
                    continue
            # the lower bound of a range may stand bare (10万至15万P, 8-12kW)
            lower_of_range = bool(_RANGE_AHEAD.match(text, m.end()))
            # a member of a list (3.2万、1.1万个) may stand bare until the list's unit reaches it; so may its
            # first member (分别出货170万、120万台)
            list_member = bool(out) and (text[out[-1].end:s] == "、" or (
                text[out[-1].end:s].rstrip("-+") == "/" and ("." in text[out[-1].start:m.end()] or _slash_chain(text, out[-1].start, m.end())))
                # (98.21/112.45亿元, PE 30/25/22倍: a broker's list; 1/3 a fraction)
                or (text[out[-1].end:s] in _LAST_JOINERS and text[out[-1].start - 1:out[-1].start] == "、"))  # (47.3、51.9及49.6)
            list_head = not list_member and bool(_LIST_AHEAD.match(text, m.end()))
            col = None
            if cols is not None:
                k = cell_index(text, s)
                if k == 0:
                    pos = m.end()  # the row's name (its year): no value
                    continue
                if k == cols.unit_col:
                    pos = m.end()  # the row's unit cell (亿元, 万户): no value
                    continue
                col = cols.cells[k] if k < len(cols.cells) else None
                if col is not None and (cols.unit_col is not None or cols.metric_rows):
                    col = row_metric(text, cols, k)  # 电信业务收入 | 亿元 | 232 | 3.3 |: the row's metric and unit
                    if col is not None and s and text[s - 1] in _MINUS and "增长" in col[0]:
                        col = (col[0].replace("增长", "下降"), col[1])  # | -36.3 |: a fall, its size (contract: 下降)
            cell = is_cell(text, row, s) or col is not None
            parsed = self._parse_at(text, m, sentence_of(s), allow_bare=lower_of_range or list_member or list_head or cell,
                                    region=region, declared=declared)
            # 提前二至三年, 四十九至五十一%: a Chinese numeral with no unit stands only as the lower
            # bound of a range whose upper bound writes the unit (numerals.yaml numeral.cn_range)
            cn_low_only = False
            if parsed is None and lower_of_range and m.group("num") and not m.group("num")[0].isdigit():
                parsed = self._parse_at(text, m, sentence_of(s), allow_bare=True, bare_cn=True,
                                        region=region, declared=declared)
                cn_low_only = parsed is not None and not isinstance(parsed, _Refused)
            if isinstance(parsed, _Refused):
                pos = parsed.end  # the whole refused amount: no fragment of it (亿亿元) is read again
                continue
            if parsed is None or ends.overlaps(m.end(), parsed.end):
                # (附件1千兆城市: a multiplier or unit read into the span of a veto that ends numbers, 千兆 a network's class)
                pos = m.end()
                continue
            vm = parsed
            if cell and row_unit is not None and vm.rule == "value.bare" and not vm.unit:
                # a cell with no unit of its own: the unit its row's bracket gives (营业收入（万元）)
                unit, unit_rule, unit_kind, mult = row_unit
                vm.value, vm.unit, vm.unit_rule, vm.unit_kind, vm.rule = vm.value * mult, unit, unit_rule, unit_kind, "value.table_row"
            if col is not None:
                # a cell of a column named with its unit (营业收入(元)): the column's name and unit
                unit = self._row_unit(col[1], sentence_of(s), region) if col[1] and vm.rule == "value.bare" and not vm.unit else None
                if unit is not None:
                    vm.value, vm.unit, vm.unit_rule, vm.unit_kind = vm.value * unit[3], unit[0], unit[1], unit[2]
                vm.rule, vm.column = "value.table_column", col[0]
            # ranges: 3至4元, 20%-30%, 4个月到6个月, 3到5万; two consecutive whole numbers joined by 、 before one unit
            # (涨幅超过7、8倍: seven or eight times, a rough range), never in a 分别 list (1、2号 …分别)
            sep = _RANGE_SEP.match(text, vm.end) or (
                _CONSECUTIVE.match(text, vm.end) if not vm.unit and vm.value == vm.value.to_integral_value()
                and "分别" not in sentence_of(s) else None)
            if sep:
                m2 = _CORE.match(text, sep.end())
                if m2 and not blocked.overlaps(m2.start(), m2.end()):
                    hi = self._parse_at(text, m2, sentence_of(m2.start()), allow_bare=True, region=region, declared=declared)
                    if hi is None and vm.rule == "value.percent_cn" and m2.group("num"):
                        # 百分之卅四至卅六: the upper bound without 百分之 takes the percent (numeral.cn_range)
                        hi = self._parse_at(text, m2, sentence_of(m2.start()), allow_bare=True, bare_cn=True,
                                            region=region, declared=declared)
                        if hi is not None and not isinstance(hi, _Refused) and not hi.unit and not hi.has_mult:
                            hi.unit, hi.unit_rule, hi.unit_kind = vm.unit, vm.unit_rule, vm.unit_kind
                    hi = None if isinstance(hi, _Refused) else hi
                    bare_pair = not hi.unit and not vm.unit and (self._has_predicate_before(text, s) or text.startswith("之间", hi.end)) if hi else False
                    # 约346亿～358亿美元: a lower bound whose currency was only the region's takes the
                    # currency the upper bound writes
                    # (订单规模约落在8万至11万柜: a lower bound the clause's money word gave the region's money takes
                    # the upper bound's unit of any kind)
                    implied = (hi is not None and vm.rule == "value.implied_currency" and bool(hi.unit)
                               and (hi.unit_kind == "currency" or hi.has_mult) and hi.rule != "value.implied_currency")
                    # (介于100～200多亿元: an upper bound with 多/余 inside still closes the range)
                    if hi is not None and sep.group() == "、" and (bare_pair or not hi.unit or hi.has_mult
                                                                 or hi.value != vm.value + 1):
                        hi = None  # (3、5家 is a list; only 7、8倍, the next whole number with its unit, is a range)
                    if hi is not None and vm.unit and vm.unit == hi.unit and 0 < vm.value * self.change_to_level_ratio <= hi.value \
                            and self.change_to_level.search(text, max(0, vm.qual_start - 6), vm.qual_start):
                        hi = None  # 同比微降0.97%至29.90%: the change, then the level (numeral.change_to_level)
                    if hi is not None and (not hi.unit or hi.rule == "value.implied_currency") and vm.unit_kind == "currency" \
                            and hi.has_mult and text[vm.end - 1] in "万亿兆" and sep.group() != "、":
                        # 新台币2810亿至2905亿: the currency written before the lower bound is the upper one's too
                        # (not the region's money its clause implies)
                        hi.unit, hi.unit_rule, hi.unit_kind = vm.unit, vm.unit_rule, vm.unit_kind
                        hi.rule = "value.arabic" if hi.rule == "value.implied_currency" else hi.rule
                    if hi is not None and (hi.unit or bare_pair) and (not vm.unit or vm.unit == hi.unit or implied) \
                            and (hi.qualifier == "=" or hi.qual_rule in self.infix_rules
                                 or (hi.qualifier == "~" and hi.qual_start >= hi.start)):
                        # (约3至5亿元左右: an approximation written after the range is the range's, its bounds >= and <=)
                        if implied:
                            vm.unit = ""  # (_as_low gives it the upper bound's)
                        vm = self._as_low(vm, hi, m)
                        hi.range_role, hi.qualifier, hi.qual_rule = "high", "<=", "value.range"
                        hi.rule = "value.range"
                        out.append(vm)
                        out.append(hi)
                        pos = hi.end
                        continue
            if cn_low_only:
                pos = m.end()  # a Chinese numeral kept only as a possible lower bound: no range followed
                continue
            if vm.unit == "" and vm.rule == "value.bare" and lower_of_range and not self._has_predicate_before(text, s):
                # (a bare pair with 之间 was taken above as a range)
                pos = m.end()  # a bare number that was only kept as a possible lower bound
                continue
            if vm.unit == "" and vm.rule != "value.bare":
                pos = m.end()
                continue
            # 分别为1.25、1.31: a bare member after a bare value that stands on its own stands too
            prev_bare = list_member and not out[-1].unit and not out[-1].list_only
            vm.list_only = ((list_member and not prev_bare or list_head) and vm.rule == "value.bare"
                            and not self._has_predicate_before(text, s))
            out.append(vm)
            pos = vm.end
        _share_list_units(text, out, self)
        _share_list_qualifiers(text, out, self.shared_qualifier_before)
        self._renminbi_cents(text, out, declared)
        return [v for i, v in enumerate(out) if not (v.list_only and not v.unit)
                and not self._names_members(text, v, out[i + 1] if i + 1 < len(out) else None, out[i - 1] if i else None)]

    def _renminbi_cents(self, text: str, out: list[ValueMention], declared: Declared) -> None:
        """A payout's 分 read as the Hong Kong cent is the renminbi cent (units.yaml ``renminbi_unit``) when 人民币
        follows it (taken into its span), a declared renminbi governs it, or its paragraph's last amount of money
        before it is in renminbi (盈利96.2亿元人民币…末期息每股11.4分)."""
        last = None  # the unit of the paragraph's last amount of money so far
        for v in out:
            cent = self.renminbi_cents.get(v.unit_rule or "")
            if cent is not None:
                after = _RENMINBI_AFTER.match(text, v.end)
                if after is not None:
                    v.end = after.end()
                if after is not None or declared.unit(text, v.end) == "元" or last == "元":
                    v.unit = cent
                    continue
            if v.unit_kind == "currency":
                last = v.unit

    def _bare_head(self, text: str, s: int, mult: str) -> bool:
        """A word before the number makes it a value with no unit (metrics.yaml ``bare_heads``)."""
        before = text[max(0, s - 8):s]
        return any(rx.search(before) for rx in self.bare_head) or (
            any(ch in "万亿" for ch in mult) and any(rx.search(before) for rx in self.bare_head_mult))

    def _row_unit(self, form: str, sentence: str, region: str) -> tuple[str, str, str, Decimal] | None:
        """(unit, rule, kind, multiplier) of a table row's bracketed unit: 元 (the region's currency),
        万元 (x 10000 元), 元/股 (元: per share is in the metric), %; None when it is no known unit."""
        form = form.split("/")[0]  # (元/股: the row names the share, 基本每股收益)
        k = 0
        while k < len(form) and form[k] in "百千万亿":
            k += 1  # (百万元: 10^6 元)
        u = self.unit_at(form, k, sentence)
        while k > 0 and (u is None or len(u.form) < len(form) - k):
            k -= 1  # (亿千瓦时: 亿, then the unit 千瓦时 whole, never 瓦时 after 亿千)
            u = self.unit_at(form, k, sentence)
        if u is None:
            return None
        unit = u.by_region.get(region, u.unit) if u.kind == "currency" and u.by_region is not None else u.unit
        return unit, u.rule, u.kind, multiplier_value(form[:k]) if k else Decimal(1)

    def _names_members(self, text: str, v: ValueMention, nxt: ValueMention | None,
                       prev: ValueMention | None = None) -> bool:
        """三家基础电信企业的用户总数达18亿户: a small count of firms with no predicate before it,
        in a clause that goes on to state a value (``nxt``, the next one), names the holder; it is not a fact
        (a member of a list of counts, 新增3、5和8家, is one)."""
        if v.unit != "家" or v.value > 10 or v.qualifier != "=" or self._has_predicate_before(text, v.start):
            return False
        if prev is not None and text[prev.end:v.start] in _MEMBER_JOINERS:
            return False
        if nxt is not None and nxt.unit == v.unit and text.startswith("、", v.end):
            return False  # (数据服务2家、智能制造1家: counts of classes listed one after another, each a fact)
        return nxt is not None and not _CLAUSE_END.search(text, v.end, nxt.start)

    def _as_low(self, lo: ValueMention, hi: ValueMention, m) -> ValueMention:
        if not lo.unit:
            lo.unit, lo.unit_rule, lo.unit_kind = hi.unit, hi.unit_rule, hi.unit_kind
        if not lo.has_mult and hi.has_mult:
            # 3到5万: the multiplier of the upper bound applies to the lower one
            lo.value = lo.value * hi.mult_value
        lo.range_role = "low"
        if lo.qualifier in ("=", "~"):
            # 约10亿至12亿元: the approximation is the range's; its bounds are >= and <= (contract section 1)
            lo.qualifier, lo.qual_rule = ">=", "value.range"
        lo.rule = "value.range"
        return lo

    def _parse_at(self, text: str, m, sentence: str, allow_bare: bool = False, bare_cn: bool = False,
                  region: str = "mainland", declared: Declared = NO_DECLARED) -> ValueMention | None:
        """``bare_cn``: a Chinese numeral with no unit is read too (a bound of a range, see find)."""
        s, e = m.start(), m.end()
        n = len(text)
        if m.group("pct"):
            num = m.group("pnum") or "一百"  # (百分百: the whole)
            try:
                val = number_value(num)
            except ValueError:
                return None
            return self._finish(text, s, e, val, "%", "unit.percent", "percent", None, "value.percent_cn")
        if m.group("frac"):
            try:
                den, num = number_value(m.group("den")), number_value(m.group("fnum"))
                if not den or num > den:
                    return None
                val = num / den * 100
            except (ValueError, ArithmeticError):
                return None
            if den in self.fraction_units:  # 千分之7.35: a rate per thousand, as written
                unit, rule, kind = self.fraction_units[den]
                return self._finish(text, s, e, num, unit, rule, kind, None, "value.fraction")
            return self._finish(text, s, e, val, "%", "unit.percent", "percent", None, "value.fraction")
        core = m.group("num")
        arabic = core[0].isdigit()
        round_count = False  # 逾千名, 近千家: a round count after a qualifier (_approx_round)
        digit_string = not arabic and bool(_CN_DIGIT_STRING.fullmatch(core))
        # written as a statistic, never a word: digit by digit, with a decimal point, or 廿/卅/卌 (卅七·九)
        statistic = digit_string or (not arabic and any(ch in DECIMAL_MARKS or ch in "廿卅卌" for ch in core))
        # a number glued to Latin letters is a name or a model (A100, DeepSeek-V3, 5G); a Chinese
        # numeral after one is that only when it is no money amount (EBITDA三百亿: checked below)
        glued = s > 0 and bool(_LATIN.match(text[s - 1]) or (text[s - 1] in "-." and s > 1 and _LATIN.match(text[s - 2])))
        if glued and arabic and self.glued_metric.search(text, max(0, s - 8), s):
            glued = False  # EBITDA18.2亿元: a quantity's abbreviation, no model's name
        if glued and arabic:
            return None
        # 成: 六成 / 6成 -> 60 %, 六成五 -> 65 %
        digit = (int(core) if arabic else CN_DIGITS.get(core)) if len(core) == 1 and not glued else None
        if digit and e < n and text[e] == "成" and (e + 1 >= n or text[e + 1] not in _CHENG_STOP or (
                text[e + 1] == "为" and self.cheng_copula_before.search(text, max(0, s - 3), s))):
            end, tenths = _tenths_after(text, e + 1)
            return self._finish(text, s, end, (digit + tenths) * 10, "%", "unit.percent", "percent", None, "value.cheng")
        # 占…一半: a share of one half is 50 % (占营运电费一半, 占比超过一半); 一半 alone is a word
        if core == "一" and not glued and text.startswith("半", e) and _HALF_SHARE.search(text, max(0, s - 12), s):
            return self._finish(text, s, e + 1, Decimal(50), "%", "unit.percent", "percent", None, "value.half")
        # 三至五成, 3到4成: the lower bound of a range of 成 is 成 too (the range is joined in find)
        sep = _RANGE_SEP.match(text, e) if digit else None
        if sep and sep.end() + 1 < n and text[sep.end() + 1] == "成" and (
                text[sep.end()].isdigit() if arabic else text[sep.end()] in CN_DIGITS):
            return self._finish(text, s, e, Decimal(digit) * 10, "%", "unit.percent", "percent", None, "value.cheng")
        # the multiplier chain after the number; a unit that begins with one of its
        # characters wins over it (60兆伏安 is 60 MVA, 5千瓦 is 5 kW)
        p = e
        if p + 1 < n and text[p] == "个" and text[p + 1] == "亿":
            p += 1  # 总投资达11个亿: the spoken 个 before 亿 (numerals.yaml numeral.spoken_yi)
        # a qualifier between the number and its multiplier: 40余万次, 十多万人 (> 400000, > 100000)
        pre_infix = None
        if p + 1 < n and self._infix_at(text, p) and text[p + 1] in "万亿兆" and self.unit_at(text, p + 1, sentence) is None:
            pre_infix, p = text[p], p + 1
        sp = 1 if p < n and text[p] == " " and p + 1 < n and text[p + 1] in _MULT_CHARS else 0
        k = 0
        while p + sp + k < n and text[p + sp + k] in _MULT_CHARS:
            k += 1
        mult_opts = [(j, sp) for j in range(0, k + 1)] if k else [(0, 0)]
        chosen = None
        for j, sp in mult_opts:
            q = p + (sp if j else 0) + j
            infix = None
            if self._infix_at(text, q):
                infix = text[q]
                q += 1
            q2 = q + 1 if q < n and text[q] == " " else q
            u = self.unit_at(text, q2, sentence)
            if u is None and infix and j and (tail := self._vague_place(text, q, text[q - 1 - j:q - 1])):
                q2 = tail  # 三亿几千万元: the vague smaller place after 几 is no number of its own
                u = self.unit_at(text, q2, sentence)
            if u is not None:
                end = q2 + len(u.form)
                if u.form in self.measure_word_units:  # 19个GB: the unit after the measure word
                    u2 = self.unit_at(text, end, sentence)
                    if u2 is not None and u2.unit in self.measure_word_units[u.form]:
                        u, end = u2, end + len(u2.form)
                chosen = (j, sp if j else 0, infix, u, end)
                break
        if chosen is None:
            # no unit: take the longest multiplier chain
            j, sp = mult_opts[-1]
            q = p + (sp if j else 0) + j
            infix = None
            # (after a multiplier a Chinese numeral takes one too: 六十七亿几, 三亿几千万)
            if self._infix_at(text, q) and (arabic or j):
                infix = text[q]
                q += 1
                if j:
                    q = self._vague_place(text, q, text[q - 1 - j:q - 1]) or q
            chosen = (j, sp if j else 0, infix, None, q)
        j, sp, infix, u, end = chosen
        infix = infix or pre_infix
        mult = text[p + sp:p + sp + j]
        currency = self._currency_before(text, s)
        # 營收破1兆2千億, 工業地38.6億售出, 溢利有六十七億幾: a money word makes a bare amount the region's currency
        implied = (self._implied_currency(text, s, end, core + mult, region, declared)
                   if u is None and currency is None else None)
        if glued and not (currency or implied or (u is not None and u.kind in ("currency", "multiple"))):
            return None  # (EBITDA三百亿 is money, 4G十倍 a multiple; iPhone十七 is a name)
        if not arabic and u is None and currency is None and implied is None and not digit_string:
            passed = self._round_passed(text, s, end, core + mult)
            bare_cn, allow_bare = bare_cn or passed, allow_bare or passed
        else:
            passed = False
        if not arabic:
            if u is None and not digit_string and currency is None and implied is None and not bare_cn:
                return None  # a Chinese numeral with no unit is a word, not a value
            if core in _CN_ZERO and not mult:
                return None  # 零件, 零部件, 零售: a lone zero is the start of a word
            only_mult = all(ch in _MULT_CHARS for ch in core + mult)
            round_count = only_mult and self._approx_round(text, s, core + mult, u)
            if only_mult and not any(ch in "十百千拾佰仟" for ch in core + mult) and not round_count \
                    and not (passed or self.round_passed_before.search(text, max(0, s - 4), s) is not None
                             or self._before_qualifier(text, s) is not None):
                return None  # 单位：亿元, 亿元以上项目, 每万元: a multiplier alone counts nothing (超亿元, 突破兆元 do)
            if only_mult and (u is None or u.kind not in ("currency", "multiple")) and core + mult != "十" and not (pre_infix and core == "十") \
                    and not round_count and implied is None and not passed:
                return None  # 百米外, 万卡: not a stated amount
        if u is None and end < n and _LATIN.match(text[end]) and not any(ch in "万亿兆" for ch in core + mult):
            return None  # 400G端口, 昇腾910B (an amount of 万/亿/兆 is no model name: 營收破1兆2千億AI伺服器…)
        try:
            val = number_value(core, mult)
        except ValueError:
            return None  # not a well-formed numeral: no value rather than a wrong one
        if not val.is_finite() or val.adjusted() >= MAX_MAGNITUDE:
            return _Refused(end)  # 1亿亿亿亿元, 16,000 digits: not a stated amount (and no JSON number)
        if u is None and currency is not None:
            # 新台币500亿, NT$500亿, HK$5亿: the currency is named before the number only
            vm = self._finish(text, s, end, val, currency[0], currency[1], "currency", infix,
                              "value.arabic" if arabic else "value.chinese")
        elif implied:
            vm = self._finish(text, s, end, val, implied[0], implied[1], "currency", infix, "value.implied_currency")
        elif u is None:
            written_number = digit_string and any(ch in DECIMAL_MARKS for ch in core)  # 一三○·一二
            if not (allow_bare or written_number or self._has_predicate_before(text, s) or self.change_after_rx.match(text, end)
                    or (mult and self._particle_predicate(text, s))
                    or self._bare_head(text, s, mult) or self._bare_completed(text, s, end, mult)
                    or self._bare_bracketed(text, s, end, core, mult)):
                return None
            if arabic and len(core) == 4 and core[:2] in ("19", "20") and "." not in core and end < n and not text[end].isascii():
                return None  # a year glued to a name: 2025中国算力大会
            noun = self.noun_unit[1].search(text, max(0, s - 16), s) if self.noun_unit is not None else None
            if noun is None and mult and self.noun_unit_after is not None:
                noun = self.noun_unit_after.match(text, end)  # (x万访港旅客人次: after the noun it counts)
            if noun is not None:  # (过境人次有x万: the measure word the clause wrote before the count)
                vm = self._finish(text, s, end, val, noun.group("u"), self.noun_unit[0], "measure", infix, "value.bare")
            else:
                vm = self._finish(text, s, end, val, "", None, None, infix, "value.bare")
        else:
            unit = u.unit
            rule = ("value.arabic" if arabic else "value.digits" if statistic
                    else "value.round" if round_count else "value.chinese")
            if u.kind == "multiple" and digit and not mult and not infix and end == e + len(u.form):
                # 一倍四 / 两倍三: the digit after 倍 is its tenth (1.4 倍), 一倍半 1.5 倍; not a digit
                # that counts something after it (增长一倍三个月后)
                t_end, tenths = _tenths_after(text, end)
                if tenths and self.unit_at(text, t_end, sentence) is None:
                    val, end, rule = val + tenths, t_end, "value.multiple_tenths"
            elif u.kind == "duration" and not mult and end == e + len(u.form) and text.startswith("半", end) \
                    and text[end + 1:end + 2] not in ("导", "岛") and val == val.to_integral_value():
                val, end, rule = val + Decimal("0.5"), end + 1, "value.duration_half"  # 两年半 (2.5 年)
            elif u.form == "个" and not mult and end == e + 1 and val == val.to_integral_value() \
                    and (half := _HALF_SPAN.match(text, end)) is not None:
                # 两个半月, 三个半小时: the measure word, a half, then the span (2.5 个月, 3.5 个小时)
                val, end, rule = val + Decimal("0.5"), half.end(), "value.duration_half"
                u = next((x for x in self.units if x.form == "个" + half.group(1)), u)  # (个月, 个小时: rare, one scan)
                unit = u.unit
            if u.kind == "currency" and u.by_region is not None:
                # a bare 元: the currency named before the number, else the document's region's
                bracket = self.currency_bracket_rx.match(text, end) if self.currency_bracket_rx is not None else None
                unit = (currency or self._quantity_currency(text, s) or (None,))[0] \
                    or (self.currency_before[bracket.group(1)][0] if bracket else None) \
                    or declared.unit(text, end) or u.by_region.get(region, unit)
            per = _PER.match(text, end) if u.kind not in ("percent", "multiple") else None
            if per:
                per_unit = "kg" if per.group(1).lower() == "kg" else self.per_symbols.get(per.group(1), per.group(1))  # (15元/Kg)
                per_unit = per_unit.replace("・", "·")  # (14.02GB / 户・月: the katakana dot some pages write, spaces round /)
                unit, end = f"{unit}/{per_unit}", per.end()  # 1次/秒, 21.7GB/户·月, 0.32元/千瓦时 (元/kWh)
            elif u.kind == "measure":
                before = self.per_before_rx.search(text, max(0, s - 8), s)
                if before:
                    unit = f"{unit}/{before.group('per')}"  # 每秒102亿亿次, 每百人92.4户 (units.yaml per_before)
            elif u.kind == "currency" and u.rule not in self.no_price_per:
                per = self._price_per(text, s, val, mult, region)
                if per:
                    unit = f"{unit}/{self.per_symbols.get(per, per)}"  # 每度2.89元, 電價平均2.89元 (an electricity price)
            vm = self._finish(text, s, end, val, unit, u.rule, u.kind, infix, rule)
        vm.mult_value = multiplier_value(mult) if mult else Decimal(1)
        vm.has_mult = vm.mult_value != 1
        return vm

    def _infix_at(self, text: str, q: int) -> bool:
        """An infix qualifier word (余, 多, 几: qualifiers.yaml) at ``q``, not the start of a word (几乎)."""
        if q >= len(text) or text[q] not in self.infix:
            return False
        nb = self.infix_not_before.get(text[q])
        return nb is None or not nb.match(text, q + 1)

    @staticmethod
    def _vague_place(text: str, q: int, mult: str) -> int | None:
        """Where 三亿几千万 goes on after 几千万: a place below the multiplier before the infix word
        (亿), left vague by it (qualifiers.yaml qual.gt.infix_ji); None when no such place follows."""
        m = _VAGUE_PLACE.match(text, q)
        if m and mult and multiplier_value(m.group()) < multiplier_value(mult[-1]):
            return m.end()
        return None

    def _round_passed(self, text: str, s: int, end: int, numeral: str) -> bool:
        """突破百万。/ 超过两百万， / 以8月突破百万为目标: a round amount of 万 or more with no unit that a verb of
        passing reaches, ending its clause or before a milestone word (numerals.yaml numeral.round_passed)."""
        return any(ch in "万亿兆" for ch in numeral) \
            and self.round_passed_before.search(text, max(0, s - 4), s) is not None \
            and self.round_passed_after.match(text, end) is not None

    def _approx_round(self, text: str, s: int, numeral: str, u: "_Unit | None") -> bool:
        """逾千名专才, 近千家企业, 过百家: a round 百/千/万 counted by a measure word after a qualifier
        (or 过) is a stated amount; 千家万户 and 百米外, with none, are words."""
        if u is None or u.kind != "measure" or numeral not in ("百", "千", "万", "十万", "百万", "千万", "亿") \
                or text.startswith("千家万户", s):
            return False  # (超万个基站, 达百万个: a round count too; 千家万户 is a word wherever it stands)
        # (过百家; 达百万个, 达到千家: a stated count after 达 too; 企业千余家, 万多家: a round count with its infix 余/多)
        return text[s - 1:s] in ("过", "达") or text[s - 2:s] == "达到" or self._before_qualifier(text, s) is not None \
            or text[s + len(numeral):s + len(numeral) + 1] in ("余", "多")

    def _implied_currency(self, text: str, s: int, end: int, numeral: str, region: str,
                          declared: Declared = NO_DECLARED) -> tuple[str, str] | None:
        """(unit, rule) of an amount with a large multiplier and no unit whose clause names money
        (units.yaml ``implied_by``: 营收, 预算, 售出 ...): the currency of the document's region."""
        if not self.implied or not any(ch in "万亿兆" for ch in numeral):
            return None
        if self.counted_in_rx is not None:
            a = max(text.rfind("。", 0, s), text.rfind("\n", 0, s), s - 40) + 1
            m = self.counted_in_rx.search(text, a, s)  # (若以美元计算，…营收为337.3亿: its sentence's currency)
            if m is not None:
                return self.currency_before[next(g for g in m.groups() if g)]
        start = _clause_back(text, s, 16)
        if (to := self.change_to_end_rx.search(text, start, s)) is not None:
            # 出口总额由上年的不足x亿升至今年的近y亿: the amount a change reaches is the money its start was, the
            # quantity named before the change's 由/从
            wide = _clause_back(text, s, 48)
            if _CHANGE_FROM.search(text, wide, to.start()) is not None:
                start = wide
        after = text[end:end + 4]  # (特别预算 right after the amount)
        cut = min((k for k, ch in enumerate(after) if ch in _CLAUSE_MARKS), default=len(after))
        after = after[:cut]  # (用户突破百万，营收…: the next clause's money word is no word of this amount)
        if self.currency_code_rx.match(after.lstrip(" ")):
            return None  # 8億CAD: a currency code, not the region's money (億AI伺服器 is no code)
        window = text[start:s] + "\0" + after  # \0: no word across the number
        if cell_index(text, s) >= 1:
            # 营业收入 | 3815.40万 | 1.37亿 | 0.89亿 |: a pipe row's cell is in its row's first cell's money
            window = first_cell(text, s) + "\0" + window
        for rx, unit, by_region, rule in self.implied:
            if rx.search(window):
                return declared.unit(text, end) or by_region.get(region, unit), rule
        gov = declared.governing(text, end)
        if gov is not None and gov[2] is not None and self.declared_amount is not None \
                and not self.declared_amount[1].search(text, start, s):
            # 第4季达2.3兆 after (新台币，下同): a document that declares its currency states its bare
            # amounts in it, unless the clause names a count (用户数达1.2亿: metrics.yaml bare.count)
            return gov[2], self.declared_amount[0]
        if start > 0 and any(rx.match(text, start, s) for rx in self.compared):
            # …为31.5亿元，较预测的约29.9亿为高: the amount the comparison is made with names the money
            m = self.money_end_rx.search(text, max(0, start - 24), start)
            u = self.unit_by_form[m.group("u")][0] if m else None
            if u is not None:
                return ((declared.unit(text, end) or u.by_region.get(region, u.unit)) if u.by_region else u.unit), u.rule
            if _BARE_AMOUNT_END.search(text, max(0, start - 24), start):
                # …土地收入约149.74亿，较去年全年约69.82亿(，按年劲增约79.92亿): an amount of a money clause
                # (implied_by) before it, or of the clause before that, itself a comparison's
                prev = _clause_back(text, start - 1, 24)
                if prev > 1 and text[prev - 1] in "，," and any(rx.match(text, prev, start) for rx in self.compared) \
                        and _BARE_AMOUNT_END.search(text, max(0, prev - 24), prev):
                    prev = _clause_back(text, prev - 1, 24)
                for rx, unit, by_region, rule in self.implied:
                    if rx.search(text, prev, start - 1):
                        return declared.unit(text, end) or by_region.get(region, unit), rule
        if start > 1 and text[start - 1] in "，," and self._predicate_only(text, start, s):
            # 期内营业额升两成，有三百二十亿: a clause of nothing but a predicate (metrics.yaml predicates)
            # goes on with the clause before it, whose money word makes the amount money
            prev = _clause_back(text, start - 1, 24)
            for rx, unit, by_region, rule in self.implied:
                if rx.search(text, prev, start - 1):
                    return declared.unit(text, end) or by_region.get(region, unit), rule
        return None

    def _predicate_only(self, text: str, start: int, s: int) -> bool:
        """The clause from ``start`` to the number at ``s`` is one predicate word, past a qualifier (有, 录得约)."""
        b = self._before_qualifier(text, s)
        head = text[start:b[2] if b else s].strip(" \u3000")
        return bool(head) and head in self.predicate_set

    def learn_document(self, text: str, region: str | None = None) -> Declared:
        """The currency declarations of the whole (normalized) document, in order: each
        governs the bare 元 and the unitless money amounts after it (and the figure it
        follows) until another one."""
        spans, local = [], []
        for rid, rx in self.declarations:
            for m in rx.finditer(text):
                own = max(m.group().rfind("("), m.group().rfind("（"), 0)  # (a figure before it is read)
                (local if rid in self.paragraph_declarations else spans).append(
                    (m.start(), m.end(), self.currency_before[m.group("cur")][0], rid, m.start() + own))
        if spans:
            first = min(spans)
            head = text[:max(text.find("\n"), 0)]
            if first[0] > len(head) and any(name in head for name, (unit, _) in self.currency_before.items()
                                             if unit == first[2] and not name.isascii()):
                # 小米季賺7億人幣 (headline) … 單計收入為283億元 … 經調整盈利113.1億元(人民幣，下同): a headline that
                # writes the declared currency makes the body's bare 元 before the declaration that currency too
                spans.append((0, 0, first[2], first[3], 0))
        if self.renminbi_piece is not None and not spans:
            rid, where, written, unless, bare_before = self.renminbi_piece
            first = written.search(text) if region in where else None
            if first is not None and not unless.search(text) and not bare_before.search(text, 0, first.start()):
                spans.append((0, 0, "元", rid, 0))  # (腾讯…赚三百二十几亿元人民币…营业额增至逾一千亿元: renminbi)
        if local:
            # a paragraph's own declaration (以美元计价，…): at its paragraph's end the currency declared before it (or
            # none) governs again (the headline reading above is for the document's declarations only)
            document = sorted(spans, key=_span_order)
            starts = [d[0] for d in document]
            for d in local:
                end = text.find("\n", d[1])
                end = len(text) if end < 0 else end
                k = bisect_left(starts, end + 1)  # (the document's declaration in force at the paragraph's end)
                spans.append(d)
                spans.append((end, end, document[k - 1][2] if k else None, d[3], end))
        tables = pipe_columns(text, self.change_heads, self.unit_heads, self.measure_heads) if "|" in text else ()
        return Declared(tuple(sorted(spans, key=_span_order)), tables=tables) if spans or tables else NO_DECLARED

    def _currency_before(self, text: str, s: int) -> tuple[str, str] | None:
        """(unit, rule) of a currency named right before the number, past a qualifier
        word: 新台币3,200亿元, 新台币约1.2兆元, NT$500亿, 人民币100亿元."""
        if self.currency_before_rx is None:
            return None
        m = self.currency_before_rx.search(text, max(0, s - 12), s)  # (约港币30亿元: the currency right before it)
        if m is None:
            b = self._before_qualifier(text, s)
            m = self.currency_before_rx.search(text, max(0, s - 12), b[2]) if b else None
        if m is None and s > 0 and text[s - 1] in "、，,和及与至 ":
            m = self.currency_list_rx.search(text, max(0, s - 120), s)  # (人民币a亿元、b亿元: the list's)
        return self.currency_before[m.group(1)] if m else None

    def _price_per(self, text: str, s: int, val: Decimal, mult: str, region: str) -> str | None:
        """What a price at ``s`` is per: written before it (每度2.89元, 每度售电成本为3.7989元), or in a region that
        quotes a topic's prices so (電價平均2.89元，仍低於韓國的3.96元: 度), a small amount after the topic's word in its
        sentence (units.yaml ``price_per``, ``price_topic``)."""
        if self.price_per_rx is not None:
            m = self.price_per_rx.search(text, max(0, s - 12), s)
            if m and m.end() == s:
                return m.group("per")
        if mult:
            return None
        for regions, rx, per, window, most in self.price_topics:
            if region in regions and val < most:
                a = max(0, s - window)
                a = max(a, text.rfind("。", a, s) + 1)
                if rx.search(text, a, s):
                    return per
        return None

    def _quantity_currency(self, text: str, s: int) -> tuple[str, str] | None:
        """(unit, rule) of a currency named inside the quantity right before the number, past a
        qualifier word: 第三季美元营收达318… (units.yaml ``quantity_currency``)."""
        if self.quantity_currency_rx is None:
            return None
        low = _RANGE_LOW_BEFORE.search(text, max(0, s - 16), s)
        if low is not None:
            s = low.start()  # the upper bound of a range (318至330亿元): the quantity stands before the lower one
        b = self._before_qualifier(text, s)
        m = self.quantity_currency_rx.search(text, max(0, s - 16), b[2] if b else s)
        if m is None:
            return None
        return self.currency_before.get(next(g for g in m.groups() if g))

    def _finish(self, text, s, end, val, unit, unit_rule, unit_kind, infix, rule) -> ValueMention:
        if s >= 1 and text[s - 1] in _MINUS and _CHANGE_SIGN_BEFORE.search(text, max(0, s - 6), s - 1) is None \
                and (s == 1 or text[s - 2] in _BEFORE_MINUS or (
                "\u4e00" <= text[s - 2] <= "\u9fff" and text[s - 2] not in _NO_MINUS_AFTER
                and _AMOUNT_BEFORE.search(text, max(0, s - 9), s - 1) is None)):
            s, val = s - 1, -val  # 成長率為-1.5%: a minus sign after a predicate is the number's own
        qualifier, qrule, qstart = "=", None, s
        if infix:
            qualifier, qrule = self.infix[infix]
        after = text[end:end + 4].lstrip(" ")
        for w, q, rid in self.after_by_first.get(after[:1], self.after_empty):
            if after.startswith(w):
                qualifier, qrule = q, rid
                break
        else:
            if not infix:
                b = self._before_qualifier(text, s)
                if b:
                    qualifier, qrule, qstart = b
        return ValueMention(s, end, val, unit, unit_rule, unit_kind, qualifier, qrule, qstart, rule)


_RANGE_LOW_BEFORE = regex.compile(r"\d[\d.,]*\s?[万亿]?\s?(?:至|到|-|~|～|—)\s?\Z")


_TIME_BEFORE = regex.compile(r"(?:(?:19|20)\d{2}|[今去明上前本])年(?:底|末|初)?的?\s?\Z")
_CHANGE_FROM = regex.compile(r"[由从][^，,。；;]{0,16}?\d")


def _clause_back(text: str, at: int, reach: int) -> int:
    """Where the clause that ends at ``at`` begins, looking back ``reach`` characters at most (a comma
    between digits, 2,300亿, is a thousands separator, no clause's end)."""
    lo = max(0, at - reach)
    start = lo
    for ch in _CLAUSE_MARKS:
        k = text.rfind(ch, lo, at)
        while ch == "," and k > lo and text[k - 1].isdigit() and k + 1 < len(text) and text[k + 1].isdigit():
            k = text.rfind(ch, lo, k)  # (2,300亿: within a number)
        start = max(start, k + 1)
    return start


def _tenths_after(text: str, end: int) -> tuple[int, Decimal]:
    """A spoken tenth after 成 or 倍 (numerals.yaml numeral.cheng, numeral.multiple_tenths): a digit
    is tenths of it (六成五 = 6.5 成, 一倍四 = 1.4 倍), 半 one half (两成半, 一倍半); not a digit that
    begins another number (六成五万) nor the 半 of a word (成半导体).  (end after it, tenths)."""
    if end < len(text):
        ch = text[end]
        tenth = int(ch) if ch in "0123456789" else CN_DIGITS.get(ch)
        if tenth and text[end + 1:end + 2] not in _TENTH_STOP:
            return end + 1, Decimal(tenth) / 10
        if ch == "半" and text[end + 1:end + 2] not in ("导", "岛"):
            return end + 1, Decimal("0.5")
    return end, Decimal(0)


class _Spans:
    """Spans (possibly overlapping) answering "does one overlap [s, e)?" by bisection:
    sorted by start, with the furthest end reached by each prefix."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e)  # the spans starting before e
        return k > 0 and self.reach[k - 1] > s


_NUMBER_CHARS = "0123456789.,零〇一二两三四五六七八九十百千万亿兆余多 "  # a mention's number, before its unit form


def _share_list_units(text: str, out: list[ValueMention], finder: "ValueFinder") -> None:
    """4.4个和0.8个百分点: in a list joined by 和/、/及, a unit that is the start of the
    next value's unit form (个 of 个百分点) is that unit, written once.  3.2万、1.1万个, 700/1000W:
    bare members with the same multiplier, or none (98.21、112.45、130.07亿元: its multiplier too), share the unit
    written after the last one."""
    for a, b in zip(reversed(out[:-1]), reversed(out[1:])):  # from the end: the unit travels back
        if (not a.unit and a.rule == "value.bare" and b.unit and b.range_role is None
                and text[a.end:b.start].rstrip("-+") in _SHARED_UNIT_JOINERS  # (-0.31/-0.82/+2.60个百分点: signed members)
                and (a.mult_value == b.mult_value or (not a.has_mult and b.has_mult))):
            if not a.has_mult and b.has_mult:  # 98.21、112.45、130.07亿元: the multiplier, written once, too
                a.value, a.mult_value, a.has_mult = a.value * b.mult_value, b.mult_value, True
            a.unit, a.unit_rule, a.unit_kind, a.rule = b.unit, b.unit_rule, b.unit_kind, b.rule
    # from the end too: 2.3个、2.4个、2.6个和3.2个百分点 -- each 个 takes the form the member after it
    # has taken (个百分点), so the unit travels back over the whole list
    form_of = {}  # id of a member -> the unit form it now has (its own, or the one it took)
    for a, b in zip(reversed(out[:-1]), reversed(out[1:])):
        if text[a.end:b.start] in ("和", "、", "及", "与", "，") and a.unit:
            b_form = form_of.get(id(b)) or text[b.start:b.end].lstrip(_NUMBER_CHARS)
            a_form = text[a.start:a.end].lstrip(_NUMBER_CHARS)
            if a_form and b_form.startswith(a_form) and len(b_form) > len(a_form) and b.unit != a.unit:
                a.unit, a.unit_rule, a.unit_kind = b.unit, b.unit_rule, b.unit_kind
                form_of[id(a)] = b_form


