"""Time expressions: find spans (``find_dates``), then resolve them (``resolve``).

Finding and resolving are separate: a :class:`DateMention` records the rule and
the captured groups; :func:`resolve` turns it into a contract date string
against the publication date and the paragraph's running date.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import bisect
from dataclasses import dataclass, replace

import re

import regex

from zhfacts.extract.entities import last_match
from zhfacts.extract.filings import line_cells, table_runs, title_row
from zhfacts.extract.firstchars import first_class, stdlib_as_written, stdlib_first
from zhfacts.cache import compiled
from zhfacts.extract.numerals import number_value
from zhfacts.normalize.guard import DIGIT, DIGIT_RE, condition_class, match_conditions
from zhfacts.rules import Rules

_CN_SMALL = {"元": 1, "首": 1, "次": 2, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1, "次年": 1, "翌年": 1,
        "隔年": 1, "后年": 2, "年内": 0}
_REL_WORDS = tuple(_REL)  # (今年第二季: a quarter with its year written)
#: counted from the year in play, not from the publication year: "the year before" (a bulletin's
#: 比上年, 由上年的15.6%) and "the year after" (2024年签约，次年投产)
_IN_PLAY = ("上年", "上一年", "次年", "翌年", "隔年")
_PAIRS = {"今明": (0, 1), "明后": (1, 2), "去今": (-1, 0)}  # 今明两年: this year and next


def small_int(text: str) -> int:
    """12, 十二, 二十七 (a Chinese day) as an int."""
    if text.isdigit():
        return int(text)
    return _CN_SMALL.get(text) or int(number_value(text))


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    rule: str
    resolve: str
    groups: tuple  # ((name, value), ...)
    # "" a date that governs what follows; "baseline" (较2021年, 是去年同期的1.8倍) or
    # "start" (由2022年的1.48降至1.31): it dates only a figure it introduces itself; "name"
    # (举行2024年三季度…活动): part of an event's name, it dates nothing
    role: str = ""
    # where a figure the mention introduces would start (after 的, 预测的, ...: dates.yaml scope_gap); -1: it
    # introduces none (a difference from it follows, 比上年同期高出2.3个百分点: dates.yaml difference_after)
    scope: int = -1
    # the figure it introduces is an estimate made then (较1月概估数的x): its year counts from the
    # publication date, not from the year the paragraph runs on
    estimate: bool = False

    def group(self, name: str):
        for k, v in self.groups:
            if k == name:
                return v
        return None


def _newlines(text: str):
    """The offsets of the line breaks of ``text`` (where its paragraphs start, one after each)."""
    i = text.find("\n")
    while i >= 0:
        yield i
        i = text.find("\n", i + 1)


def written_year(g) -> int | None:
    """The year a mention writes, Gregorian: 2024, 二〇二四, 民国112 (2023), 一一四 (2025)."""
    if g("y"):
        return int(g("y"))
    if g("cy"):
        return int(number_value(g("cy").replace("0", "〇")))  # (二０二六: a zero written as a digit among the numerals)
    if g("cyy"):  # 一六年 (Hong Kong and Macau): 2016; 九八年: 1998
        n = int(number_value(g("cyy")))
        return 2000 + n if n < 50 else 1900 + n
    roc = g("ry") or g("ty")
    if roc:
        return 1911 + int(number_value(roc))
    if g("yy"):
        return 2000 + int(g("yy"))  # (a broker's 25年收入: 2025)
    bracketed = g("by")  # 去（114）年, 今（2026）年: the year in brackets, ROC or Gregorian
    if bracketed:
        y = int(bracketed) if bracketed.isdigit() else int(number_value(bracketed))
        return y if y >= 1000 else 1911 + y
    return None


def year_int(text: str) -> int:
    """A year written in digits or in Chinese digits (二○二六, 二零三零) as an int."""
    return int(text) if text.isdigit() else int(number_value(text))


def span_years(group) -> tuple[int, int]:
    """The first and last year of a span of years (2025-2027年, 二○二六年至二○三○年; a broker's 22-27年: 2022, 2027;
    Taiwan's 105年至110年: 2016, 2021)."""
    if group("s1"):
        return 2000 + int(group("s1")), 2000 + int(group("s2"))
    if group("r2"):
        return 1911 + int(group("ty")), 1911 + int(group("r2"))  # (ROC years: 105年至110年)
    return year_int(group("y1")), year_int(group("y2"))


def expanded_patterns(data: dict) -> list[tuple[str, str, str]]:
    """``(id, resolver, pattern)`` of each rule of ``dates.yaml``, ``{Y}``, ``{M}``, ``{D}`` and ``{FY}``
    replaced by the file's ``year``, ``month``, ``day`` and ``fiscal_year`` (what the finder compiles
    and validation checks)."""
    year, month = data.get("year", "(?P<y>(?:19|20)\\d{2})"), data.get("month", "(?:1[0-2]|0?[1-9])")
    fiscal = data.get("fiscal_year", "(?!)")
    figure, day = data.get("figure", "(?!)"), data.get("day", "(?:3[01]|[12]\\d|0?[1-9])")
    return [(e["id"], e["resolve"], e["pattern"].replace("{FY}", fiscal).replace("{Y}", year).replace("{M}", month)
             .replace("{D}", day).replace("{V}", figure)) for e in data["dates"]]


#: At a character at most this many rules can start with, they are tried without the
#: scan's filter (one match of the alternation of every rule costs about as much as eight rules).
_FEW_RULES = 8


def _unnamed(pattern: str) -> str:
    """``pattern`` with its named groups made plain groups (the scan's alternation repeats names)."""
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


class DateFinder:
    def __init__(self, rules: Rules):
        patterns = expanded_patterns(rules.raw["dates"])
        # (each rule by the standard library's engine where it reads the rule as regex does: a
        # rule tried at a hit costs half as much there, firstchars.stdlib)
        self.entries = [(rid, res, stdlib_first(p)) for rid, res, p in patterns]
        # One alternation for a fast scan (the stdlib engine, group names dropped:
        # it scans this kind of alternation several times faster); each rule's own
        # pattern is then tried at a hit.
        scan = "|".join(f"(?:{p})" for _, _, p in patterns)
        try:
            self.scan = re.compile(_unnamed(scan))
        except re.error:
            self.scan = regex.compile(scan)
        self.patterns = [p for _, _, p in patterns]
        # The characters a date can start with: the scan jumps between them (most
        # of a text starts none), and at a hit only the rules that can start with
        # its character are tried.  None: unknown, every position / rule is tried.
        first = first_class(self.scan.pattern) if isinstance(self.scan, re.Pattern) else None
        self.first = re.compile(first) if first else None
        self.entry_first = [first_class(p) for _, _, p in patterns]
        self.entry_first = [re.compile(f) if f else None for f in self.entry_first]
        # a hit's first character and the text's region -> the rules that may start with
        # it there (filled as they come: a function of the rules alone, the same for every document)
        self.by_char: dict[tuple[str, str], list] = {}
        # a hit's character -> the scan's branches that may start with it, in one alternation: where
        # the scan filters a hit (more than _FEW_RULES rules), it matches there exactly when the scan does
        # (a branch that cannot start with the character matches nowhere it stands)
        self.filters: dict[str, re.Pattern] = {}
        # what a rule's match holds and how long it can be (normalize/guard.py); for a hit's character
        # and region, a character class every rule tried there needs within so many characters of the
        # hit (:meth:`_gate`; filled with :attr:`by_char`): where it finds none, no rule is tried
        self.entry_needs = [match_conditions(p) for _, _, p in patterns]
        self.gates: dict[tuple[str, str], tuple | None] = {}
        # region -> a hit's character -> (its rules, its gate's class and length or None, its filter or None):
        # what the scan reads at each hit, in one lookup (:meth:`_spot`, filled as they come like :attr:`by_char`)
        self.spots: dict[str, dict[str, tuple]] = {}
        self.list_joiners = frozenset(rules.raw["metrics"]["list_joiners"])  # (what joins a list's items: a list of dates)
        data = rules.raw["dates"]
        self.baseline_rx = stdlib_first(data["baseline_before"])
        self.baseline_after_rx = stdlib_first(data["baseline_after"]) if data.get("baseline_after") else None
        self.recovery_rx = compiled(data["recovery_level"]) if data.get("recovery_level") else None
        self.start_rx = stdlib_first(data["start_before"]) if data.get("start_before") else None
        self.since_rx = stdlib_first(data["since_after"]) if data.get("since_after") else None
        self.since_end_rx = stdlib_first(f"(?:{data['since_after']})$") if data.get("since_after") else None
        # 2025年以来最大: a since-phrase before a superlative is a baseline wherever it stands
        self.superlative_rx = stdlib_first(data["since_superlative"]) if data.get("since_superlative") else None
        from zhfacts.extract.values import currency_alternation

        # (较去年同期之港币10.1亿元: {CUR}, a currency written before the figure)
        self.gap_rx = regex.compile(data.get("scope_gap", "(?:的|之)?").replace("{CUR}", currency_alternation(rules)))
        # 增速超过上年同期3.7个百分点: a figure in points right after a baseline is the difference from it (dates.yaml
        # difference_after)
        self.difference_rx = regex.compile(data["difference_after"]) if data.get("difference_after") else None
        # a results lead's 全年业绩 published up to this month is the year before's (dates.yaml annual_results_by)
        self.annual_results_by = int(data.get("annual_results_by", 0))
        self.annual_results_rx = regex.compile(data.get("annual_results", "(?!)"))
        # what stands between a contrast's period and its own figure (dates.yaml contrast_own: 而第二季的升幅为x)
        self.contrast_own_rx = stdlib_first(data["contrast_own"]) if data.get("contrast_own") else None
        self.estimate_rx = stdlib_first(data["estimate_made"]) if data.get("estimate_made") else None
        # 举行2024年三季度重大项目集中开工活动: a date inside an event's name (dates.yaml event_name, event_before)
        self.event_rx = stdlib_first(data["event_name"]) if data.get("event_name") else None
        self.event_before_rx = stdlib_first(data["event_before"]) if data.get("event_before") else None
        # 受基金年底调仓影响: a date inside a cause's frame (dates.yaml cause_before, cause_after)
        self.cause_before_rx = stdlib_first(data["cause_before"]) if data.get("cause_before") else None
        self.cause_after_rx = stdlib_first(data["cause_after"]) if data.get("cause_after") else None
        self.cause_open_rx = stdlib_first(data["cause_open"]) if data.get("cause_open") else None
        self.fiscal_quarter_rx = regex.compile(data["fiscal_quarter_after"]) if data.get("fiscal_quarter_after") else None
        # 新华社北京9月20日电 (a byline cut from the body): the day of a 当天 no written day precedes (dates.yaml dateline)
        self.dateline_rx = regex.compile(data["dateline"]) if data.get("dateline") else None
        # a colon line's date dates the bullet items below it (dates.yaml list_intro, list_item)
        self.list_intro_rx = regex.compile(data["list_intro"]) if data.get("list_intro") else None
        self.list_item_rx = regex.compile(data["list_item"]) if data.get("list_item") else None
        # a bullet line that opens a list with no colon line above it (dates.yaml list_opener)
        self.list_opener_rx = regex.compile(data["list_opener"]) if data.get("list_opener") else None
        # 排名如下：⏎从销售量维度看…: a line that announces what follows governs the next paragraph, marked or not
        self.list_intro_next_rx = regex.compile(data["list_intro_next"]) if data.get("list_intro_next") else None
        # …增长5.2%；⏎社会消费品零售总额…: a paragraph that ends inside its sentence goes on in the next (clause_continues)
        self.clause_continues_rx = regex.compile(data["clause_continues"]) if data.get("clause_continues") else None
        # 第三季度主要财务指标：⏎净收入为…: a short heading line's period dates its section (dates.yaml section_heading)
        self.section_heading_rx = regex.compile(data["section_heading"]) if data.get("section_heading") else None
        self.section_heading_period_rx = regex.compile(data.get("section_heading_period") or "(?!)")
        self.section_heading_max = int(data.get("section_heading_max", 0))
        self.figure_rx = stdlib_first(data["figure"]) if data.get("figure") else None
        self.roles = {e["id"]: e.get("role", "") for e in data["dates"]}
        # 尾盘, 盘中 (dates.yaml's intraday rules): a document that writes one reads its days (the trading day before)
        self.intraday_rx = regex.compile("|".join(f"(?:{p})" for _, r, p in expanded_patterns(data) if r == "intraday")
                                         or "(?!)")
        self.report_title_rx = regex.compile(data["report_title"]) if data.get("report_title") else None
        self.report_lead_rx = regex.compile(data["report_lead"]) if data.get("report_lead") else None
        self.full_year_lead_rx = regex.compile(data["full_year_lead"]) if data.get("full_year_lead") else None
        self.report_cue_rx = regex.compile(data.get("report_cue") or "(?!)")
        self.report_release_rx = regex.compile(data.get("report_release") or "(?!)")
        self.results_cue_rx = regex.compile(data.get("results_cue") or "(?!)")  # (a results piece: its lead's period)
        self.results_preview_rx = regex.compile(data.get("results_preview") or "(?!)")  # (…业绩预告: a forecast period)
        # (…算力行动方案: a plan's headline; kinds.yaml plan_title)
        self.plan_title_rx = regex.compile(rules.raw["kinds"].get("plan_title") or "(?!)")
        self.results_year_rx = regex.compile(data.get("results_year") or "(?!)")  # (公布去年业绩: that year)
        self.year_gloss_rx = regex.compile(data.get("this_year_gloss") or "(?!)")  # (今(2022)年: an undated piece's year)
        self.year_month_rx = regex.compile(data.get("this_year_month") or "(?!)")  # (2022年1月底 … 今年1月底)
        self.relative_month_rx = regex.compile(data.get("relative_month") or "(?!)")
        # 去年同期为x: what may stand between a same-period baseline and its own figure (dates.yaml same_period_own)
        self.own_figure_rx = stdlib_first(data["same_period_own"]) if data.get("same_period_own") else regex.compile("(?!)")
        # 上季度为x: what stands between a previous quarter and its own figure (dates.yaml prev_quarter_own)
        self.prev_quarter_own_rx = regex.compile(data.get("prev_quarter_own") or "(?!)")
        # a quarter written with its year (2025年第四季): a bare 第四季 later in the document is that year's
        self.quarter_cue = regex.compile(data["written_quarter"]) if data.get("written_quarter") else None
        self.recalled_rx = regex.compile(data.get("recalled_quarter") or "(?!)")  # (上一次…是在2016年Q3: a past quarter)
        fqm = data.get("fiscal_quarter_months")
        self.fiscal_quarter_months_rx = regex.compile(fqm) if fqm else None
        self.regions = {e["id"]: e.get("region") for e in data["dates"]}
        self.table_year_rx = regex.compile(data["table_year"]) if data.get("table_year") else None
        self.table_end_rx = regex.compile(data.get("table_end_head") or "(?!)")
        self.table_prior_rx = regex.compile(data.get("table_prior_head") or "(?!)")
        self.table_end_units = frozenset(data.get("table_end_units") or ())
        self.table_forecast_marks = data.get("table_forecast_marks", "")

    def learn_document(self, text: str, headline: tuple[int, int] | None, published: _dt.date | None,
                       region: str, cut: tuple[str, ...] = ()) -> DocDates:
        """The document's :class:`DocDates`: the one past year its headline names (not a
        target; else the year before publication its first body paragraph opens with: :meth:`_lead_year`),
        the one reporting period it names, the Hong Kong fiscal year the text
        names and the days it writes (for 当天); ``cut``: the bylines normalization cut from the body,
        whose dateline (新华社北京9月20日电: dates.yaml dateline) gives the day of a 当天 no written day precedes."""
        from zhfacts.normalize.pubdate import year_mentions

        year = period = None
        lead_only = False
        own_year = False  # (an undated piece that glosses its own year: 今(2022)年 dates its 今年 and 去年)
        memo: dict = {}

        def found_in(a: int, b: int) -> list[DateMention]:  # (a span read once: the headline, the lead, the whole)
            if (a, b) not in memo:
                memo[a, b] = self.find(text[a:b], region=region)
            return memo[a, b]

        if headline:
            h = text[headline[0]:headline[1]]
            found = [dm for dm in found_in(*headline) if not dm.role]
            years = {written_year(dm.group) for dm in found}
            years -= {None} | {y for y, forward in year_mentions(h) if forward}
            # (a recent year only: 创2012年以来新高 in a 2025 headline is a record's baseline, no year reported on)
            if len(years) == 1 and (published is None or published.year - _REPORT_LAG <= min(years) < published.year):
                year = min(years)
            elif not years and published is not None and {dm.group("rel") for dm in found if dm.resolve == "rel_year"} == {"去年"}:
                year = published.year - 1  # (甲地去年GDP增长x: a report on last year, its later 全年 that year)
            periods = {resolve(dm, published, year, None, DocDates(year)) for dm in found
                       if RESOLVERS[dm.resolve].shape in _PERIODS}
            if len(periods) == 1:
                period = periods.pop()
        titled = False  # (the period a filing's title names, not the headline's)
        if period is None and self.report_title_rx is not None:
            # a filing whose headline names no period (证券代码:…): its own title does (2025年第三季度报告); so does
            # the title of the filing a news piece opens on (…披露《2024年年度业绩预告》)
            m = self.report_title_rx.search(text, 0, 400)
            if m is not None and not self.report_cue_rx.search(text, 0, 400) \
                    and not self.report_release_rx.search(text, max(0, m.start() - 8), m.start()):
                m = None
            if m is not None:
                q = m.group("q")
                period = (f"{m.group('y')}-Q{small_int(q)}" if q else f"{m.group('y')}-H1" if m.group("h")
                          else m.group("y"))
                titled = True
        # a headline's bare 中期 (丙讯通中期盈利微升) is the first half only until the first sentence writes out
        # another (截至去年底止，中期盈利…: the half ending in December)
        interim_only = period is not None and headline is not None and not titled and all(
            RESOLVERS[dm.resolve].shape == "interim" for dm in found if RESOLVERS[dm.resolve].shape in _PERIODS)
        if (period is None or interim_only) and self.results_cue_rx.search(text, 0, 600):
            headline_period, period = period, None
            # a results piece whose headline names no period: the one its first sentence reports (甲公布，截至2025年6月
            # 30日止六个月…): what 期内 and 去年同期 refer to in later paragraphs
            from zhfacts.normalize.structure import lead_sentence

            a, b = lead_sentence(text, headline)
            found = [dm for dm in found_in(a, b) if not dm.role]
            # (截至今年6月底止，全年…: 全年 is the twelve months the mention before it ends, no second period)
            found = [dm for i, dm in enumerate(found) if not (
                i and RESOLVERS[dm.resolve].shape == "full_year" and dm.start - found[i - 1].end <= 1
                and RESOLVERS[found[i - 1].resolve].shape == "months_ending")]
            # (an undated piece: a part of a year takes the year the lead writes before it, 公布2024年中期业绩)
            running, dated = year, []
            for dm in found:
                if published is None and year is None and RESOLVERS[dm.resolve].shape == "year":
                    running = written_year(dm.group)
                dated.append((dm, RESOLVERS[dm.resolve].shape, resolve(dm, published, running, None, DocDates(year))))
            periods = {d for dm, shape, d in dated if shape in _PERIODS + _LEAD_PERIODS
                       or (shape == "year" and self.results_year_rx.match(text, a + dm.end))}
            # 截至去年12月底止中期业绩…派中期息: a bare 中期 is the half the sentence writes out, no second period
            written = {d for dm, shape, d in dated if shape in _PERIODS + _LEAD_PERIODS and dm.resolve != "interim"}
            periods.discard(None)  # (an undated piece's year-less 上半年 beside its 2024年中期: no second period)
            written.discard(None)
            if len(periods) == 1 or len(written) == 1:
                period = (periods if len(periods) == 1 else written).pop()
            if period is None and published is not None and published.month <= self.annual_results_by \
                    and self.annual_results_rx.search(text, a, b):
                # 公布…全年业绩 early in a year (dates.yaml annual_results_by): last year's results
                period = f"{published.year - 1:04d}"
            period = period or headline_period
        if year is None and published is not None:
            lead = self._lead_year(text, headline)  # 2020年，全市经济…: a bulletin on the year before publication
            year = lead if lead == published.year - 1 else None
            if year is None and published.month <= 6:
                year = self._section_year(text, published.year - 1) or self._full_year_lead(text, headline, published.year - 1)
        elif year is None:
            # no publication date and no year in the headline: the one year the lead sentence writes (2023年是…的重要一年。
            # 全年全市…) is the year of the piece's 全年 (its year-less months stay undated: golden/README)
            from zhfacts.normalize.structure import lead_sentence

            a, b = lead_sentence(text, headline)
            lead_years = {written_year(dm.group) for dm in found_in(a, b) if not dm.role}
            opened = self.report_lead_rx.match(text, a, b) if self.report_lead_rx is not None else None
            opened = written_year(opened.groupdict().get) if opened else None  # (2023年是…的重要一年: the report year)
            lead_years -= {None} | {y for y, forward in year_mentions(text[a:b]) if forward and y != opened}
            year = lead_years.pop() if len(lead_years) == 1 else None
            lead_only = year is not None
        if published is None:
            # an undated piece that glosses its own year (今(2022)年…, 2022年1月底…今年1月底): what its 今年 means
            glossed = {int(y) if len(y) == 4 else 1911 + int(y) for y in
                       (m.group("y") for m in self.year_gloss_rx.finditer(text))}
            if not glossed:
                relative = {int(m.group("mm")) for m in self.relative_month_rx.finditer(text)}
                glossed = {int(m.group("yy")) for m in self.year_month_rx.finditer(text) if int(m.group("mm")) in relative}
            if len(glossed) == 1 and (year is None or lead_only or year in glossed):
                year, own_year = glossed.pop(), True
        month = self._reported_month(found_in, text, headline, published)
        # the whole text is read again only when it says 年度 (Hong Kong) or 当天
        fiscal_cue = region == "hongkong" and "年度" in text
        day_cue = any(w in text for w in _DAY_CUES) or self.intraday_rx.search(text) is not None
        quarter_cue = self.quarter_cue is not None and self.quarter_cue.search(text) is not None
        # (同期，…, 季内…: the period an earlier paragraph reports, date.report_period)
        period_cue = "同期" in text or "季内" in text
        whole = found_in(0, len(text)) if fiscal_cue or day_cue or quarter_cue or period_cue else []
        now = _this_fiscal(published, NO_DOC_DATES)
        named = [_fiscal_start(dm.group) if dm.group("fy1") else now
                 for dm in whole if fiscal_cue and dm.resolve in FISCAL + ("this_fiscal_year", "fiscal_months")]
        # (the financial year the piece is about: with a publication date, the one nearest the current one, the later
        # of two as near, so that 2021/22年度 recalled in a 2025 piece is no 本财政年度; else the first it names)
        fiscal = min((y for y in named if y is not None), key=lambda y: (abs(y - now), -y), default=None) \
            if now is not None else next(iter(named), None)
        days = tuple((dm.start, d) for dm in whole if day_cue and not dm.role
                     and RESOLVERS[dm.resolve].shape == "day" and (d := resolve(dm, published, None)))
        # (截至2024年9月30日第二财季: the calendar quarter ending then, written with its year, and the fiscal quarter)
        ending = [(dm.start, int(d[:4]), int(d[-1]), small_int(dm.group("qtr")[1])) for dm in whole
                  if quarter_cue and not dm.role and RESOLVERS[dm.resolve].shape == "months_ending" and dm.group("qtr")
                  and written_year(dm.group) is not None and (d := resolve(dm, published, None))
                  and _QUARTER_RX.fullmatch(d)]
        quarters = tuple(sorted(
            [(dm.start, y, small_int(dm.group("q")), written is not None) for dm in whole
             if quarter_cue and not dm.role and RESOLVERS[dm.resolve].shape == "quarter" and dm.group("q")
             and not self.recalled_rx.search(text, max(0, dm.start - 20), dm.start)
             and (y := (written := written_year(dm.group))
                  or (_base_year(dm, published, None) if dm.group("rel") and published else None)) is not None]
            + [(s, y, q, True) for s, y, q, _ in ending]))
        fiscal_anchor = (ending[0][3], ending[0][1], ending[0][2], False) if ending else None
        if fiscal_anchor is None:  # (2018/19财年第一季度 → 2018-Q2: a company fiscal quarter written with its year)
            fyq = next(((small_int(dm.group("q")) if dm.group("q") else 1, d) for dm in whole
                        if quarter_cue and not dm.role and dm.resolve == "company_fy_quarter"
                        and (d := resolve(dm, published, None)) and _QUARTER_RX.fullmatch(d)), None)
            if fyq is not None:
                fiscal_anchor = (fyq[0], int(fyq[1][:4]), int(fyq[1][-1]), False)
        if fiscal_anchor is None and self.fiscal_quarter_months_rx is not None:
            # 第二财季(2022年7月-9月): the fiscal quarter and the months it runs (dates.yaml fiscal_quarter_months)
            m = self.fiscal_quarter_months_rx.search(text)
            if m is not None and 1 <= (last := small_int(m.group("m2"))) <= 12:
                fiscal_anchor = (small_int(m.group("q")), int(m.group("y")), (last - 1) // 3 + 1, True)
        # every reporting period the piece writes (a span of months, a quarter, a half), in order: what a later 同期
        # opening a clause refers to (not a month or a now: 当前…。⏎同期，…仪式举行 is "meanwhile")
        periods = tuple((dm.start, d) for dm in whole if period_cue and not dm.role and dm.resolve != "report_period"
                        and RESOLVERS[dm.resolve].shape in _PERIODS
                        and (d := resolve(dm, published, None)))
        months = tuple((dm.start, d) for dm in whole if day_cue and not dm.role
                       and RESOLVERS[dm.resolve].shape == "month" and written_year(dm.group) is not None
                       and (d := resolve(dm, published, None)))
        dateline = None
        if day_cue and self.dateline_rx is not None:
            dateline = next((d for t in cut if self.dateline_rx.search(t) for dm in self.find(t, region=region)
                             if not dm.role and RESOLVERS[dm.resolve].shape == "day"
                             and (d := resolve(dm, published, None))), None)
        preview = period is not None and self.results_preview_rx.search(text, 0, 600) is not None
        plan = headline is not None and self.plan_title_rx.search(text, *headline) is not None
        results = period is not None and self.results_cue_rx.search(text, 0, 600) is not None
        doc = DocDates(year, fiscal, period, days, quarters=quarters, months=months, periods=periods, own_year=own_year,
                       dateline=dateline, month=month, preview=preview, fiscal_anchor=fiscal_anchor, results=results,
                       plan=plan)
        tables = self._tables(text, published, doc, region) if "|" in text else ()
        return replace(doc, tables=tables) if tables else doc

    def _reported_month(self, found_in, text: str, headline: tuple[int, int] | None,
                        published: _dt.date | None) -> str | None:
        """The one month the headline, else the first sentence, reports (12月份景气概况, 2025年11月出口…) with its
        year or by the publication date: the month a 较上月 with no month running compares with.
        ``found_in(a, b)``: the date mentions of text[a:b] (:meth:`learn_document`'s, each span read once)."""
        from zhfacts.normalize.structure import lead_sentence

        for a, b in ([headline] if headline else []) + [lead_sentence(text, headline)]:
            months = {d for dm in found_in(a, b) if not dm.role
                      and RESOLVERS[dm.resolve].shape == "month" and (d := resolve(dm, published, None))}
            if len(months) == 1:
                return months.pop()
        return None

    def _lead_year(self, text: str, headline: tuple[int, int] | None) -> int | None:
        """The year the body's first paragraph opens with (dates.yaml ``report_lead``: 2020年，… /
        2020年以来，…): the paragraph holding the lead (structure.lead_sentence, the first sentence after the
        headline; lines before it with no sentence end, an issuing body's name or a date line, are passed
        over); None when it opens otherwise."""
        from zhfacts.normalize.structure import lead_sentence

        start, end = lead_sentence(text, headline)
        if self.report_lead_rx is None or end == len(text):
            return None
        m = self.report_lead_rx.match(text, max(start, text.rfind("\n", 0, end) + 1), end)
        return written_year(m.groupdict().get) if m is not None else None

    def _full_year_lead(self, text: str, headline: tuple[int, int] | None, last_year: int) -> int | None:
        """The year before publication when the body's first paragraph reports that whole year (累计2025年全年，…;
        dates.yaml ``full_year_lead``): the year of a later paragraph's bare 全年; else None."""
        from zhfacts.normalize.structure import lead_sentence

        if self.full_year_lead_rx is None:
            return None
        start, end = lead_sentence(text, headline)
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        years = {written_year(m.groupdict().get) for m in self.full_year_lead_rx.finditer(text, start, para_end)}
        return last_year if years == {last_year} else None

    def _section_year(self, text: str, last_year: int) -> int | None:
        """A bulletin's section that opens with the year before publication (一、交通⏎年末…⏎二、邮电⏎2023年，完成…):
        that year, when every paragraph opening with a year (dates.yaml ``report_lead``) opens with it; else None."""
        if self.report_lead_rx is None:
            return None
        years = {written_year(m.groupdict().get) for m in (self.report_lead_rx.match(text, i + 1)
                                                          for i in _newlines(text)) if m is not None}
        return last_year if years == {last_year} else None

    def _tables(self, text: str, published, doc: DocDates, region: str) -> tuple:
        """(start, end, columns) of each table (a run of lines with two or more |) whose first line,
        its header, dates a column (指标 | 2025Q1 | 同比变化, 2025E | 2026E): ``columns`` has each
        column's (date, forecast), date None where it names none; start and end enclose the rows
        below the header."""
        out = []
        for (hs, he), *rows in table_runs(text):
            read = [self._header_cell(text[a:b], published, doc, region) for a, b in _cells(text, hs, he)]
            title = self._title_date(text, hs, published, doc, region)
            if title is not None:
                # 2024年1-7月某省通信业主要指标完成情况 over 指标名称 | 单位 | 本月底到达 |: the title's period dates
                # every column whose header writes no date of its own (本月底 is the title's month, not publication's)
                # (去年同期累计: the title's period a year before, dates.yaml table_prior_head)
                read = [r if r[0] and any(ch.isdigit() for ch in text[a:b])
                        else (_year_before(title) if self.table_prior_rx.search(text, a, b) else title, False)
                        for r, (a, b) in zip(read, _cells(text, hs, he))]
            if any(d for d, _ in read):
                # a column whose header says it holds the period's end (本月底到达, 期末): a count there is a stock, of
                # the period's last month (dates.yaml table_end_head, table_end_units)
                ends = tuple(bool(self.table_end_rx.search(text, a, b)) for a, b in _cells(text, hs, he))
                out.append((rows[0][0], rows[-1][1], tuple(read), ends))
        return tuple(out)

    def _title_date(self, text: str, hs: int, published, doc: DocDates, region: str) -> str | None:
        """The one date the line right above a table's header writes with its year (its title: 2024年1-7月…
        主要指标完成情况), or None."""
        if hs < 2:
            return None
        ls = text.rfind("\n", 0, hs - 1) + 1
        line = text[ls:hs - 1]
        if "|" in line and title_row(line):
            line = line_cells(line)[0]  # (表一 2021年一季度…主要指标| ||||: a title the page put in the table's first row)
        if "|" in line or len(line) > 60:
            return None
        found = [dm for dm in self.find(line, region=region) if not dm.role and written_year(dm.group) is not None]
        return resolve(found[0], published, None, None, doc) if len(found) == 1 else None

    def _header_cell(self, cell: str, published, doc: DocDates, region: str) -> tuple[str | None, bool]:
        """(date, forecast) of a table's header cell: a year alone with a report's mark (2025E, 2024A:
        dates.yaml table_year; a mark of table_forecast_marks makes the column a forecast) or a date
        mention (2025Q1, 2024年); (None, False) when it names none."""
        m = self.table_year_rx.fullmatch(cell.strip()) if self.table_year_rx is not None else None
        if m is not None:
            return m.group("y"), bool(m.group("mark") and m.group("mark") in self.table_forecast_marks)
        found = [dm for dm in self.find(cell, region=region) if not dm.role]
        return (resolve(found[0], published, None, None, doc) if found else None), False

    def find(self, text: str, skip: list[tuple[int, int]] = (), region: str = "mainland") -> list[DateMention]:
        """Date mentions of ``text``; a bare ROC year (113年, 一一四年) only in Taiwanese text."""
        out: list[DateMention] = []
        pos = 0
        by_char, first = self.by_char, self.first
        spots = self.spots.get(region)
        if spots is None:
            spots = self.spots.setdefault(region, {})
        while True:
            # the scan (all the rules in one alternation) only filters: where it fails no rule
            # matches; at a character few rules can start with, trying them is cheaper than it
            if first is not None:
                f = first.search(text, pos)
                if not f:
                    break
                at = f.start()
                spot = spots.get(text[at])
                if spot is None:
                    spot = spots[text[at]] = self._spot(text[at], region)
                entries, gate, width, filtered = spot
                if (gate is not None and gate.search(text, at, at + width) is None) or (
                        filtered is not None and not filtered.match(text, at)):
                    pos = at + 1
                    continue
            else:
                m = self.scan.search(text, pos)
                if not m:
                    break
                at = m.start()
                entries = by_char.get((text[at], region))
                if entries is None:
                    entries = self._entries_for(text[at], region)
            best = None
            for rid, res, rx in entries:
                mm = rx.match(text, at)
                if mm and (best is None or mm.end() > best[2].end()):
                    best = (rid, res, mm)
            if best is None:
                pos = at + 1
                continue
            rid, res, mm = best
            s, e = mm.start(), mm.end()
            # 100年 in mainland text is a duration, not the ROC year 2011; 一二年 no 2012 outside Hong Kong and Macau
            if any(g in mm.re.groupindex and mm.group(g) and region != r for g, r in REGION_YEARS):
                pos = at + 1
                continue
            if s > 0 and text[s - 1] == "加" and text.startswith("上", s):
                pos = at + 1  # 加上年底旺季效应: 加上 (plus), then 年底, not 上年底 (last year's end)
                continue
            if not any(a <= s < b for a, b in skip) and not _glued_digit(text, s, e):
                groups = tuple((k, v) for k, v in mm.groupdict().items() if v is not None)
                scope = self.gap_rx.match(text, e).end()
                # (去年同期为x, 上季度为x: a baseline with its own figure, dated and nothing after it; 上季收入x is
                # the piece's own quarter)
                own = self.own_figure_rx.match(text, e) if res in ("same_period_last_year", "same_period") else \
                    self.prev_quarter_own_rx.match(text, e) if res == "next_quarter" and text[s] in "上前" else None
                if own is not None:
                    scope = own.end()  # 去年同期为x / 去年同期亏损x: the baseline's own figure, dated and nothing after it
                elif self.roles[rid] == "baseline" and res != "same_period" and self.contrast_own_rx is not None \
                        and (c := self.contrast_own_rx.match(text, e)) is not None and c.end() > e:
                    scope = c.end()  # 而第二季的升幅为x, 而第二季升x: the contrast's own figure (较2023年同期上升x: the
                    # running period's change)
                # a rule's own role (由/从 right before a figure starts a change), else its context's
                # (去年同期 with no figure of its own, 因去年同期基期较高: a baseline still, contract section 1 -- it
                # dates nothing after it)
                role = "name" if self.recovery_rx is not None and self.recovery_rx.match(text, e) \
                    else "baseline" if own is not None or res == "same_period_last_year" \
                    else self.roles[rid] or self._role(text, s, e, scope, res)
                # (恢复至2018年(同期)的x%: the level a recovery is measured against dates nothing, the share is now's)
                estimate = self.estimate_rx is not None and self.estimate_rx.search(text, e, scope) is not None
                if role == "baseline" and scope == e and self.difference_rx is not None and self.difference_rx.match(text, e):
                    scope = -1  # 增速超过上年同期3.7个百分点: the difference is the running period's; the baseline dates nothing
                out.append(DateMention(s, e, rid, res, groups, role, scope, estimate))
            pos = max(e, at + 1)
        for i in range(1, len(out)):
            a, b = out[i - 1], out[i]
            if a.role == "baseline" and not b.role and text[a.end:b.start] in self.list_joiners:
                out[i] = replace(b, role="baseline")  # (分别比一季度、上半年、三季度提升x、y、z: every item of the list)
        return out

    def _spot(self, c: str, region: str) -> tuple:
        """(the rules that may start with ``c`` in ``region``'s text, the class and length of their gate or
        None, the scan's filter where it filters a hit or None): what :meth:`find` reads at a hit of ``c``."""
        entries = self.by_char.get((c, region))
        if entries is None:
            entries = self._entries_for(c, region)
        gate = self.gates.get((c, region))
        return (entries, *(gate if gate is not None else (None, 0)),
                self.filters[c] if len(entries) > _FEW_RULES else None)

    def _entries_for(self, c: str, region: str) -> list:
        """The rules that may start with character ``c`` in ``region``'s text, in rule order
        (本年度 is the Hong Kong fiscal year only in Hong Kong text); kept in :attr:`by_char`."""
        chosen = [i for i, (en, fc) in enumerate(zip(self.entries, self.entry_first))
                  if (fc is None or fc.match(c)) and self.regions[en[0]] in (None, region)]
        self.gates[c, region] = self._gate(c, [self.entry_needs[i] for i in chosen])
        if len(chosen) > _FEW_RULES and c not in self.filters and isinstance(self.scan, re.Pattern):
            self.filters[c] = stdlib_as_written(_unnamed("|".join(
                f"(?:{p})" for p, fc in zip(self.patterns, self.entry_first) if fc is None or fc.match(c))))
        entries = self.by_char[c, region] = [self.entries[i] for i in chosen]
        return entries

    @staticmethod
    def _gate(c: str, needs: list) -> tuple | None:
        """(a character class, a length): of each rule (``needs``: their :func:`match_conditions`),
        the rarest set of characters its match holds one of, other than a set ``c`` is in (a match
        starting with ``c`` holds that one anyway), all in one class, and the longest match.  None
        when a rule has no such set."""
        chars: set[str] = set()
        width = 0
        for need in needs:
            sets = need[0] if need is not None else ()
            found = next((x for x in sets if c not in x and not (DIGIT in x and DIGIT_RE.match(c))), None)
            if found is None:
                return None
            chars |= found
            width = max(width, need[1])
        if not chars:
            return None
        return stdlib_first(condition_class(chars)), width

    def _role(self, text: str, s: int, e: int, scope: int, res: str = "") -> str:
        """"baseline", "start", "name" or "" for the date mention text[s:e] (see :class:`DateMention`);
        ``scope``: where a figure it introduces would start; ``res``: its resolver (a month or a day
        before an event's noun says when it is held, 2024年9月…年会上: no part of its name)."""
        if (self.event_before_rx is not None and self.event_before_rx.search(text[max(0, s - 3):s])) or (
                self.event_rx is not None and res in RESOLVERS and RESOLVERS[res].shape not in ("month", "day")
                and self.event_rx.match(text, e)):
            return "name"  # 举行2024年三季度重大项目集中开工活动: part of an event's name, no date
        if (self.cause_before_rx is not None and self.cause_after_rx is not None and self.cause_before_rx.search(
                text[max(0, s - 12):s]) and self.cause_after_rx.match(text, e)) or (
                self.cause_open_rx is not None and self.cause_open_rx.search(text[max(0, s - 12):s])
                and not _FIGURE_IN_CLAUSE.match(text, e)):
            return "name"  # 受基金年底调仓影响: when the cause acted, no date of the figures after it
            # (由于台积电本季美元财测达成率已逾七成: a cause with its own figure is that figure's date)
        if self.fiscal_quarter_rx is not None and res == "rel_quarter" and not text.startswith(_REL_WORDS, s) \
                and self.fiscal_quarter_rx.search(text, max(0, s - 60), s):
            return "name"  # 截至9月30日止三个月…，第二季度收入…: the company's own quarter number, the months date it
        if self.baseline_rx.search(text[max(0, s - 8):s]) or (
                self.baseline_after_rx is not None and self.baseline_after_rx.match(text, e)):
            return "baseline"  # 比上年末净增39.1万个, 是去年同期的1.8倍, 超越去年全年
        if self.since_rx is not None:
            since = self.since_rx.match(text, e)
            if since and not _clause_initial(text, s):
                return "baseline"  # 成为2019年以来增速最高的季度 (but 2023年以来，全省… dates what follows)
            # 今年以来最大的一宗 (以来 inside the mention or after it): measured against, not dated
            end = since.end() if since else (e if self.since_end_rx.search(text, s, e) else -1)
            if end >= 0 and self.superlative_rx is not None and self.superlative_rx.match(text, end):
                return "baseline"
        if s > 0 and text[s - 1] in "，," and (m := _RESTATED.match(text, e)) is not None \
                and m.group("q") in text[max(text.rfind("，", 0, s - 1), text.rfind("。", 0, s - 1), text.rfind(",", 0, s - 1)) + 1:s - 1]:
            return "start"  # 经营亏损为x，上年同季的经营亏损为y。毛利为z: the period compared with restates its own
            # figure of the quantity the clause before measured; the date that governed before still dates z
        if self.start_rx is not None and self.start_rx.search(text[max(0, s - 2):s]) and (
                self.figure_rx is None or self.figure_rx.match(text, scope)):
            return "start"  # 由2022年的1.48下降至1.31 (but 从去年的预算中拨出60亿元: a date of what follows)
        return ""


_RESTATED = regex.compile(r"(?:同期)?的(?P<q>\p{Han}{2,8}?)(?:为|是|达|录得)")  # (，上年同季的[经营亏损]为y)
_FIGURE_IN_CLAUSE = regex.compile(r"[^，,。；;！？!?\n]{0,30}?(?:[\d０-９]|[一二三四五六七八九十两]成)")
_CLAUSE_MARKS = frozenset("，,。；;：:！!？?、（(）)“”\"\n \u3000")


def _clause_initial(text: str, s: int) -> bool:
    """Whether position ``s`` opens a clause (after 自/从 at most): 2023年以来，… but not 成为2019年以来…"""
    if s > 0 and text[s - 1] in "自从":
        s -= 1
    return s == 0 or text[s - 1] in _CLAUSE_MARKS


_NUMERAL_CHARS = frozenset("0123456789〇○零一二两三四五六七八九十百")


def _glued_digit(text: str, s: int, e: int) -> bool:
    """12月 inside 2012月? A date must not start inside a longer number (4.全年, an item's number, is none; nor
    does 157.二零二四／二五年度, a paragraph's number before a year in Chinese digits, which no number continues)."""
    return s > 0 and (text[s - 1].isdigit() and text[s] in _NUMERAL_CHARS or text[s - 1] == "." and text[s].isdigit())


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


_PERIOD_RX = regex.compile(r"(?P<y>(?:19|20)\d{2})(?:-Q(?P<q>[1-4])|-H(?P<h>[12])|-(?P<m>\d{2}))?(?:/(?:19|20)\d{2}-(?P<m2>\d{2}))?")


def _report_part(period: str | None, end: bool) -> str | None:
    """Of a reporting period (2025-Q3, 2025-H1, 2025, 2025-01/2025-09): its last month
    (``end``: 本报告期末 -> 2025-09; a whole year's end is the year, as 年末), or the months
    from the year's start to it (年初至报告期末 -> 2025-01/2025-09; a half, a first quarter or a
    whole year is written so: 2025-H1, 2025-Q1, 2025)."""
    m = _PERIOD_RX.fullmatch(period or "")
    if m is None:
        return None
    y = int(m.group("y"))
    last = (int(m.group("q")) * 3 if m.group("q") else int(m.group("h")) * 6 if m.group("h")
            else int(m.group("m2") or m.group("m")) if m.group("m2") or m.group("m") else 12)
    if last == 12:
        return f"{y:04d}"
    if end:
        return _ym(y, last)
    return {3: f"{y:04d}-Q1", 6: f"{y:04d}-H1"}.get(last) or f"{_ym(y, 1)}/{_ym(y, last)}"


#: The named groups of a written year (:func:`written_year` reads the one that matched);
#: ``"year"`` in a resolver's groups means one of them.
YEAR_GROUPS = ("y", "cy", "cyy", "ry", "ty", "by")
# the year groups read only in one region's text (ROC years in Taiwan, two Chinese digits in Hong Kong and Macau)
REGION_YEARS = (("ty", "taiwan"), ("cyy", "hongkong"))


@dataclass(frozen=True)
class Resolver:
    """What a resolver makes of a mention: the shape of its result and the named
    groups it reads (``groups`` must be captured by the rule's pattern, ``optional``
    may be). An absolute form (y_half: 2024下半年) and its relative twin
    (rel_half: 今年下半年) share one shape."""

    shape: str
    groups: tuple = ()
    optional: tuple = ()

    def check(self, names) -> str | None:
        """Why a pattern with the named groups ``names`` does not fit this resolver, or None."""
        names = set(names)
        missing = [g for g in self.groups if not (names & set(YEAR_GROUPS) if g == "year" else g in names)]
        if missing:
            return f"reads the named group(s) {', '.join(missing)}, which the pattern lacks"
        known = {x for g in self.groups + self.optional for x in (YEAR_GROUPS if g == "year" else (g,))}
        unknown = sorted(names - known)
        if unknown:
            return f"does not read the named group(s) {', '.join(unknown)} (it reads {', '.join(sorted(known)) or 'none'})"
        return None


#: Every resolver a rule in ``dates.yaml`` may name; rule validation
#: (:mod:`zhfacts.rules`) checks each rule's resolver and named groups against it.
RESOLVERS = {
    "ymd": Resolver("day", ("year", "m", "d")),
    "rel_month_day": Resolver("day", ("m", "d"), ("rel", "fwd")),  # (3月1日起: from that day on, this year's)
    "ym": Resolver("month", ("year", "m")),
    "rel_month": Resolver("month", ("m",), ("rel", "year")),  # (a year written or not: （一一四年九月…）, （9月…）)
    "month_from": Resolver("month", ("m", "fwd")),  # 自10月起: from that month on, this year's (never last year's)
    "y": Resolver("year", ("year",)),
    "short_year": Resolver("year", ("yy",)),  # 25年收入, 从25年的x (a broker's two-digit year): 2025
    "rel_year": Resolver("year", ("rel",)),
    "year_end": Resolver("year", (), ("rel",)),  # 年末, 年底: the running year's end (a report's year, undated too)
    "y_half": Resolver("half", ("year", "h")),
    "rel_half": Resolver("half", ("h",), ("rel",)),
    "y_quarter": Resolver("quarter", ("year", "q")),
    "rel_quarter": Resolver("quarter", ("q",), ("rel",)),
    "quarter_end": Resolver("quarter_end", ("q",), ("rel", "year")),  # 三季度末, 2025年二季度末: the quarter's last month
    "y_first_months": Resolver("first_months", ("year", "n")),
    "y_range_first_months": Resolver("first_months", ("y1", "y2", "n")),
    "y_start_to_now": Resolver("to_now", ("year",)),
    "y_until_now": Resolver("until_now", ("year",)),  # 2023年至今: that year to the publication month
    "rel_first_months": Resolver("first_months", ("n",), ("rel",)),
    "recent_months": Resolver("months_ending", ("n",)),  # 与先前三个月比较: the n months ending with the running month
    "y_first_quarters": Resolver("first_quarters", ("year", "n")),
    "rel_first_quarters": Resolver("first_quarters", ("n",), ("rel",)),
    "rel_month_range": Resolver("month_range", ("m1", "m2"), ("rel",)),
    "y_month_range": Resolver("month_range", ("year", "m1", "m2")),  # 2022年10月至12月
    "month_pair": Resolver("month_range", ("m1", "m2"), ("rel",)),  # 10月及11月: a range as a whole, a list with 分别
    "y_range": Resolver("year_range", ("y1", "y2")),
    "short_y_range": Resolver("year_range", ("s1", "s2")),  # 22-27年复合增速 (a broker's two-digit years): 2022/2027
    "roc_y_range": Resolver("year_range", ("ty", "r2")),  # 105年至110年 (Taiwanese text): 2016/2021
    "y_range_to_month": Resolver("year_to_month", ("y1", "year", "m")),  # 2013年至2022年11月
    "ym_range": Resolver("ym_range", ("year", "m", "y2", "m2")),  # 二零二三年十二月至二零二四年二月
    "rel_ym_range": Resolver("rel_ym_range", ("rel", "m", "rel2", "m2")),  # 去年10月至今年9月
    "rel_y_range": Resolver("rel_y_range", ("rel", "y2")),  # 今年至2030年
    "year_start_to_day": Resolver("year_start_to_day", ("m", "d"), ("rel",)),  # 由年初至12月29日止
    "plan_period": Resolver("plan_period", ("plan",), ("end", "n")),
    "next_years": Resolver("next_years", ("n",), ("n2",)),  # (未来8年至12年: n2, the later bound)
    "y_months_ending": Resolver("months_ending", ("m", "n"), ("year", "rel", "half", "qtr")),
    "now": Resolver("now"),
    "this_quarter": Resolver("this_quarter"),
    "that_quarter": Resolver("this_quarter"),
    "reported_quarter": Resolver("this_quarter"),
    "single_quarter": Resolver("this_quarter"),
    "company_fiscal_quarter": Resolver("company_fiscal_quarter", ("q",)),  # 第四财季, after 截至…第二财季
    "today": Resolver("today"),
    "intraday": Resolver("today"),
    "same_period_last_year": Resolver("same_period_last_year"),
    "same_period": Resolver("same_period", (), ("year", "rel", "m", "d")),
    "full_year": Resolver("full_year", (), ("fc", "mv", "rs")),
    "report_period": Resolver("report_period", (), ("yr", "rp")),
    "report_to_date": Resolver("report_to_date"),
    "report_end": Resolver("report_end"),
    "year_list": Resolver("year_list", ("y1", "y2"), ("ym",)),
    "y_quarter_list": Resolver("quarter_list", ("year", "q1", "q2"), ("q3", "q4")),  # (2024Q1/Q2/Q3/Q4: up to four)
    "quarter_list": Resolver("quarter_list", ("q1", "q2"), ("q3", "q4")),  # (一、二、三季度: the year in force)
    "y_quarter_range": Resolver("quarter_list", ("year", "q1", "q2"), ("yy",)),  # (25年Q1-Q3: one span, never a list)
    "rel_year_list": Resolver("year_list", ("pair",)),
    "prev_month": Resolver("month"),
    "same_month": Resolver("month"),
    "running_month": Resolver("month", (), ("q",)),  # 当月, 与上年同月/同季比较
    "that_day": Resolver("that_day"),
    "paren_day": Resolver("day", ("d",)),
    "this_month_day": Resolver("day", ("d",)),  # 本月5日: that day of the publication month
    "weekday_day": Resolver("day", ("d",)),
    "next_quarter": Resolver("quarter", ("dir",)),
    "short_period": Resolver("quarter", ("yy",), ("q", "h")),
    "yesterday": Resolver("day"),
    "weekday": Resolver("day", ("wd",), ("last", "this")),
    "week": Resolver("day_range", ("wk",)),
    "week_from_sunday": Resolver("day_range", ("wk",)),
    "ymd_range": Resolver("day_range", ("m", "d1", "d2"), ("year", "rel", "m2", "y2")),
    "day_range": Resolver("day_range", ("d1", "d2"), ("now",)),
    "past_years": Resolver("past_years", ("n",)),
    "recent_years": Resolver("recent_years", ("n",)),  # 近五年来: the n years ending with the publication year
    "past_year": Resolver("past_year"),  # 一年来, 过去一年
    "interim": Resolver("interim"),
    "fiscal_year": Resolver("fiscal_year", ("fy1", "fy2"), ("fyc",)),  # (fyc: a company's 财年)
    "fiscal_quarter": Resolver("fiscal_quarter", ("q",), ("fy1", "fy2", "fyc")),
    # 2021/22财年第一财季, 2022/23财年首季 (a company's): the calendar quarter of the reading that ended last before publication
    "company_fy_quarter": Resolver("company_fy_quarter", ("fy1", "fy2"), ("q", "first")),
    "fiscal_half": Resolver("fiscal_half", ("fy1", "fy2", "h"), ("fyc",)),
    "fiscal_months": Resolver("fiscal_months", ("n",), ("fy1", "fy2", "fyc")),
    "this_fiscal_year": Resolver("this_fiscal_year", (), ("nx", "pv")),
    "none": Resolver("none"),
}

#: Resolvers that write a Hong Kong fiscal year (April to March); one such mention
#: makes the document's bare quarters (第四季) fiscal quarters.
FISCAL = ("fiscal_year", "fiscal_quarter")


@dataclass(frozen=True)
class DocDates:
    """What the whole document says about time, learned once before its paragraphs
    (:meth:`DateFinder.learn_document`); it belongs to that document's run only.

    ``year``: the year a retrospective report is about, from its headline
    (2024年…统计公报 published in 2025; with no year in the headline, the year its first body
    paragraph opens with, 2024年，… in a piece published in 2025): the year of 全年, 年末 and year-less months
    where no date of the paragraph governs; in an undated piece the year its lead writes (the year of its 全年
    only) or the year it glosses (``own_year``: of its 今年 too). ``fiscal``: the first year of the Hong Kong fiscal year the document
    names (二〇二五至二六年度 -> 2025), which makes its bare quarters fiscal ones.
    ``period``: the reporting period its headline names (一季度…, 上半年营收…, 中期纯利…),
    what 报告期内 and a 去年同期 with no date of its paragraph refer to."""

    year: int | None = None
    fiscal: int | None = None
    period: str | None = None  # the one part of a year the headline names (上半年营收…): the reporting period
    # (offset in the normalized text, date) of each day the document writes (9月15日), in order, and
    # the offset of the paragraph being read: 当天 in a later paragraph is the last day before it
    days: tuple = ()
    offset: int = 0
    # (offset, year, quarter, written) of each quarter the document writes with its year (2025年第四季; written
    # False: of 今年/去年, 今年第三季度), in order
    quarters: tuple = ()
    # (offset, date) of each month the document writes with its year (2026年1月份), in order
    months: tuple = ()
    periods: tuple = ()  # (offset, date) of each reporting period the piece writes, in order (for 同期，…)
    # (fiscal quarter, year, calendar quarter, as months) of the first company fiscal quarter the piece dates by the
    # day it ends (截至2024年9月30日第二财季: 2, 2024, 3, False) or by its months (第二财季(2022年7月-9月): …, True):
    # what its other fiscal quarters (第四财季) are
    fiscal_anchor: tuple | None = None
    # (start, end, columns: (date, forecast) each, ends: whether each column holds the period's end) of each table
    # whose header dates its columns (DateFinder._tables)
    tables: tuple = ()
    # the one month the headline or first sentence reports (12月份景气概况): what 较上月 compares with
    month: str | None = None
    # the day of the story's dateline (新华社北京9月20日电, cut from the body): 当天 where no day is written before it
    dateline: str | None = None
    # the piece previews its ``period`` (业绩预告: dates.yaml results_preview): the bounds of its ranges are forecasts
    preview: bool = False
    # an undated piece that glosses its own year (今(2022)年, 2022年1月底…今年1月底): the gloss defines what its 今年 and
    # 去年 mean (a year-less month or quarter elsewhere stays null: golden/README)
    own_year: bool = False
    # a results piece (dates.yaml results_cue in its opening): its own half or quarter written without a year is the
    # period it reports, in an undated piece too (golden/README: 期内); a statistics release's year-less ones are not
    results: bool = False
    # the headline names a plan (…算力行动方案, 三年行动计划: kinds.yaml plan_title): its later-dated figures with no cue
    # of their own are the plan's targets
    plan: bool = False

    def at(self, offset: int) -> "DocDates":
        """This document's dates, read from the paragraph at ``offset`` of the normalized text."""
        return replace(self, offset=offset) if self.days or self.quarters or self.months or self.tables \
            or self.periods else self

    def table_cell(self, text: str, pos: int) -> tuple[str | None, bool]:
        """(date, forecast) of a table's cell at ``pos`` of ``text`` (the paragraph read from
        :attr:`offset`, one row): its column's (2025E: a forecast), or the header's one date when it
        names one (指标 | 2025Q1 | 同比变化: every cell of a row is the quarter's); (None, False) outside
        a table."""
        at = self.offset + pos
        for start, end, columns, _ in self.tables:
            if start <= at <= end:
                col = text.count("|", text.rfind("\n", 0, pos) + 1, pos)
                named = {d for d, _ in columns if d}
                if len(named) == 1:
                    return named.pop(), False
                return columns[col] if col < len(columns) else (None, False)
        return None, False

    def table_end(self, text: str, pos: int) -> bool:
        """Whether the table cell at ``pos`` stands in a row of a table that has a period's-end column (本月底到达):
        the row then counts a stock of the period's last month."""
        at = self.offset + pos
        return any(start <= at <= end and any(ends) for start, end, _, ends in self.tables)

    def period_before(self, pos: int) -> str | None:
        """The last reporting period the piece wrote before ``pos`` (a span of months, a quarter, a half)."""
        k = bisect.bisect_left(self.periods, (self.offset + pos,))
        return self.periods[k - 1][1] if k else None

    def month_before(self, pos: int) -> str | None:
        k = bisect.bisect_left(self.months, (self.offset + pos,))
        return self.months[k - 1][1] if k else None

    def quarter_year(self, pos: int, q: int) -> int | None:
        """The year of the last quarter ``q`` the document wrote with its year before ``pos``."""
        k = bisect.bisect_left(self.quarters, (self.offset + pos,))
        return next((y for _, y, qq, written in reversed(self.quarters[:k]) if qq == q and written), None)

    def day_before(self, pos: int) -> str | None:
        k = bisect.bisect_left(self.days, (self.offset + pos,))
        return self.days[k - 1][1] if k else None

    def quarter_before(self, pos: int, relative: bool = False) -> str | None:
        """The last quarter the document wrote with its year before ``pos`` (2025-Q3); with ``relative``, a
        quarter of 今年/去年 (今年第三季度) counts too."""
        k = bisect.bisect_left(self.quarters, (self.offset + pos,))
        return next((f"{y:04d}-Q{q}" for _, y, q, written in reversed(self.quarters[:k]) if written or relative), None)


NO_DOC_DATES = DocDates()
#: The shapes of a reporting period (a part of a year) that a headline may name.
_QUARTER_RX = regex.compile(r"((?:19|20)\d{2})-Q([1-4])")  # (a quarter date: its year, its number)
_YM_RX = regex.compile(r"((?:19|20)\d{2})-(\d{2})")  # (a month date: its year, its month)
#: Words that make the whole text worth reading for the days and months it writes with their year (当天, 当月…)
_DAY_CUES = ("当天", "当日", "同日", "同月", "当月", "该月")
_PERIODS = ("half", "quarter", "first_months", "first_quarters", "months_ending", "month_range", "interim")
_LEAD_PERIODS = ("full_year", "fiscal_year")  # (截至…止全年 / 年度: a results piece's first sentence names its year too)


def _fiscal_start(g) -> int:
    """The first year of a written fiscal year: 2025/26, 25/26, 二〇二五至二六, 2025-2026."""
    y = int(g("fy1")) if g("fy1").isdigit() else int(number_value(g("fy1")))
    return 2000 + y if y < 100 else y


def fiscal_year(y: int) -> str:
    """The Hong Kong fiscal year starting in April of ``y``: 2025 -> 2025-04/2026-03."""
    return f"{_ym(y, 4)}/{_ym(y + 1, 3)}"


def _fiscal_quarter(y: int, q: int) -> str:
    """Quarter ``q`` of the fiscal year starting in April of ``y`` as a calendar quarter
    (the fourth is January to March of the next year)."""
    return f"{y + 1:04d}-Q1" if q == 4 else f"{y:04d}-Q{q + 1}"


def _fiscal_half(y: int, second: bool, published: _dt.date | None) -> str:
    """A half of a company's fiscal year starting in ``y`` (2024/25财年上半年), which ends in June or
    in March: the one of the two readings that ended last before the publication month (an
    interim report follows its half), else the earlier one."""
    k0 = y * 12 + (6 if second else 0)  # months since year 0, 0-based: January of y (July for 下半年)
    ends = [(k0 + 6, k0 + 11), (k0 + 3, k0 + 8)]  # (first, last month) of the half: a year from July, from April
    done = [(a, b) for a, b in ends if published is None or b < published.year * 12 + published.month - 1]
    a, b = max(done, key=lambda e: e[1]) if done else ends[1]
    return f"{_ym(a // 12, a % 12 + 1)}/{_ym(b // 12, b % 12 + 1)}"


def _company_fy_quarter(y: int, n: int, published: _dt.date | None) -> str:
    """Quarter ``n`` of a company's fiscal year starting in ``y`` (2021/22财年第一财季), which starts in April or in
    July: the calendar quarter of the reading that ended last before the publication month (results follow their
    quarter), else the April one."""
    firsts = [y * 12 + 3 + (n - 1) * 3, y * 12 + 6 + (n - 1) * 3]  # first month (0-based since year 0): April, July
    done = [k for k in firsts if published is None or k + 2 < published.year * 12 + published.month - 1]
    k = max(done) if done else firsts[0]
    return f"{k // 12:04d}-Q{k % 12 // 3 + 1}"


def _this_fiscal(published: _dt.date | None, doc: DocDates) -> int | None:
    if doc.fiscal is not None:
        return doc.fiscal
    if published is None:
        return None
    return published.year if published.month >= 4 else published.year - 1


def _base_year(dm: DateMention, published: _dt.date | None, context_year: int | None,
               doc: DocDates = NO_DOC_DATES) -> int | None:
    """The year of a mention: written (2024年), relative (今年, 去年) to the publication
    date (in an undated piece: to the year it glosses, 今(2022)年, else none), else the paragraph's running
    year; in an undated piece no other year (golden/README), but a report's 全年 is its headline's year;
    else the headline's year of a retrospective report, else the publication year (a month later
    than the publication month is last year's: 11月底, 前11个月 in a January article)."""
    g = dm.group
    written = written_year(g)
    if written is not None:
        return written
    if g("rel"):
        in_play = context_year if context_year is not None else doc.year
        if g("rel") in _IN_PLAY and in_play is not None:
            return in_play + _REL[g("rel")]
        if published:
            return published.year + _REL[g("rel")]
        # (no publication date: a relative year dates nothing its paragraph does not write, unless the piece glosses it)
        return doc.year + _REL[g("rel")] if doc.year is not None and doc.own_year else None
    if context_year is not None:
        return context_year
    if not published and doc.results and doc.period and doc.period[:4].isdigit() and dm.resolve != "report_period" \
            and RESOLVERS[dm.resolve].shape in ("half", "quarter", "first_quarters", "interim") \
            and resolve(dm, published, int(doc.period[:4]), None, doc) == doc.period:
        # an undated results piece's own half or quarter written without its year (甲讯通公布2024年中期业绩。…上半年资本开支
        # x): the period the piece reports, as its 期内 (golden/README); another part of a year, or a year-less month
        # range (分领域看，1-12月), stays null
        return int(doc.period[:4])
    if not published and RESOLVERS[dm.resolve].shape != "full_year" and dm.resolve != "year_end":
        # golden/README: a year-less month is null in an undated piece unless its paragraph writes the year (全年 and
        # 年末 in a report its headline dates, 2019年某县统计公报, are still that year: the report's period)
        return None
    if doc.year is not None:
        return doc.year
    if not published:
        return None
    m = g("m") or g("m2") or (g("n") if RESOLVERS[dm.resolve].shape == "first_months" else None)  # (前11个月 too)
    if g("fwd") is not None:
        return published.year  # (自10月起 in September: the coming October)
    return published.year - 1 if m and small_int(m) > published.month else published.year


def resolve(dm: DateMention, published: _dt.date | None, context_year: int | None,
            context_date: str | None = None, doc: DocDates = NO_DOC_DATES) -> str | None:
    """The contract date of ``dm``; None when it dates nothing or cannot be resolved."""
    g = dm.group
    shape = RESOLVERS[dm.resolve].shape  # rule validation admits only these names
    if shape == "none":
        return None
    if shape == "fiscal_year":
        y = _fiscal_start(g)
        end = g("fy2")
        if end and end.isdigit() and len(end) == 4 and int(end) - y > 1:
            return f"{y:04d}/{int(end):04d}"  # 2020-2024财年: a span of years, not the one fiscal year 2020/21
        if (own := _company_year(doc)) is not None:
            # (截至六月底全年… earlier in the piece: its financial years run July to June)
            return f"{_ym(y, int(own[5:7]))}/{_ym(y + 1, int(own[-2:]))}"
        if not g("fyc"):
            # 2025/26年度, 二〇二三至二四财政年度 (the Hong Kong government's): April to March, as its quarters
            # (_fiscal_quarter) are
            return f"{_ym(y, 4)}/{_ym(y + 1, 3)}"
        # a company's 2025/26财年 with no months the piece states: the two years as written (an interval of
        # years, as 2020-2024年 is)
        return f"{y:04d}/{y + 1:04d}"
    if dm.resolve == "y_range_first_months":  # 2018年至2020年首8个月: from January of the first year
        return f"{_ym(year_int(g('y1')), 1)}/{_ym(year_int(g('y2')), small_int(g('n')))}"
    if shape in ("to_now", "until_now"):  # 自2020年初至今: from January of that year; 2023年至今: from that year;
        y = written_year(g)  # to the publication month
        if published is None or y > published.year:
            return None
        if shape == "until_now" and y == published.year:
            return f"{y:04d}"
        return f"{_ym(y, 1) if shape == 'to_now' else f'{y:04d}'}/{_ym(published.year, published.month)}"
    if dm.resolve == "recent_months":  # 与先前三个月比较: the latest n months, ending with the month in force
        # (or with the months in force: 截至十一月底的三个月，与先前三个月比较)
        end = context_date.rpartition("/")[2] if context_date else None
        if not (end and _MONTH_RX.match(end)):
            return None
        return _months_ending(int(end[:4]), int(end[5:7]), small_int(g("n")))
    if shape == "fiscal_half":
        return _fiscal_half(_fiscal_start(g), g("h") == "下", published)
    if shape == "company_fy_quarter":
        return _company_fy_quarter(_fiscal_start(g), 1 if g("first") is not None else small_int(g("q")), published)
    if shape == "company_fiscal_quarter":  # 第四财季 in a piece on its second (截至9月30日第二财季): two quarters on
        if doc.fiscal_anchor is None:
            return None
        n, y, q, months = doc.fiscal_anchor
        k = y * 4 + q - 1 + small_int(g("q")) - n
        if months:  # (第二财季(2022年7月-9月): its months, as the piece writes them)
            return f"{_ym(k // 4, k % 4 * 3 + 1)}/{_ym(k // 4, k % 4 * 3 + 3)}"
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if shape == "fiscal_quarter":
        y = _fiscal_start(g) if g("fy1") else _this_fiscal(published, doc)
        return _fiscal_quarter(y, small_int(g("q"))) if y is not None else None
    if shape == "fiscal_months":  # 本财政年度首3个月: from April of the fiscal year
        y = _fiscal_start(g) if g("fy1") else _this_fiscal(published, doc)
        n = small_int(g("n"))
        if y is None or not 1 <= n <= 12:
            return None
        last = y * 12 + 3 + n - 1  # months since year 0, 0-based
        return f"{_ym(y, 4)}/{_ym(last // 12, last % 12 + 1)}"
    if shape == "this_fiscal_year":
        if g("nx") is None and (own := _company_year(doc)) is not None:
            # 截至6月底止全年业绩…本年度: the company's financial year, not the government's (its 上财年: not known)
            return own if g("pv") is None else None
        y = _this_fiscal(published, doc)
        return fiscal_year(y + (1 if g("nx") is not None else -1 if g("pv") is not None else 0)) if y is not None else None
    if shape == "full_year" and context_date and _fiscal_running(context_date, doc):
        return context_date  # 以本年度计，…全年…: the fiscal year stays
    if shape == "full_year" and not written_year(g) and not g("rel") and doc.period and len(doc.period) == 4 \
            and (context_date[:4] > doc.period if context_date and len(context_date) >= 7
                 else context_date is None and published is not None and int(doc.period) < published.year):
        return doc.period  # (1月27日，甲披露《2024年年度业绩预告》…全年营收: the year reported, not the dateline's)
    if shape == "full_year" and not written_year(g) and not g("rel") and _twelve_months(context_date or doc.period):
        return context_date if _twelve_months(context_date) else doc.period  # 截至8月底止全年业绩…全年派息: that financial year
    if shape == "year_range":
        y1, y2 = span_years(g)
        return f"{y1:04d}/{y2:04d}" if y1 < y2 or not g("s1") else None
    if shape == "ym_range":
        y1, y2, m1, m2 = written_year(g), year_int(g("y2")), small_int(g("m")), small_int(g("m2"))
        return f"{_ym(y1, m1)}/{_ym(y2, m2)}" if (y1, m1) <= (y2, m2) else None
    if shape == "year_start_to_day":
        y = _base_year(dm, published, context_year, doc)
        return _day_range(y, 1, 1, y, small_int(g("m")), small_int(g("d"))) if y is not None else None
    if shape == "rel_ym_range":
        y1 = _base_year(dm, published, context_year, doc)
        if y1 is None:
            return None
        y2, m1, m2 = y1 - _REL[g("rel")] + _REL[g("rel2")], small_int(g("m")), small_int(g("m2"))
        return f"{_ym(y1, m1)}/{_ym(y2, m2)}" if (y1, m1) < (y2, m2) else None
    if shape == "rel_y_range":
        y1 = _base_year(dm, published, context_year, doc)
        y2 = year_int(g("y2"))
        return f"{y1:04d}/{y2:04d}" if y1 is not None and y1 < y2 else None
    if shape == "year_to_month":
        y1, y2 = year_int(g("y1")), written_year(g)
        return f"{y1:04d}/{_ym(y2, small_int(g('m')))}" if y1 <= y2 else None
    if shape == "plan_period":  # the n-th five-year plan (n >= 4 run back to back from 1971)
        first = 1971 + 5 * (10 + small_int(g("plan")) - 4)
        if g("n"):  # “十四五”前4年: its first n years
            return f"{first:04d}/{first + small_int(g('n')) - 1:04d}"
        return f"{first + 4:04d}" if g("end") else f"{first:04d}/{first + 4:04d}"
    if shape == "now":
        return _ym(published.year, published.month) if published else None
    if shape == "this_quarter":
        if context_date and _QUARTER_RX.fullmatch(context_date):
            return context_date  # 2025年第三季度…本季度: the quarter the paragraph reports
        if dm.resolve == "single_quarter":  # 12月出口x，单季出口y: the quarter the month in force ends; with no month
            # in force the date in force stays
            m = _YM_RX.fullmatch(context_date or "")
            return _months_ending(int(m[1]), int(m[2]), 3) if m and int(m[2]) % 3 == 0 else context_date
        now = f"{published.year:04d}-Q{(published.month - 1) // 3 + 1}" if published else None
        # else the quarter an earlier paragraph reports (a quarter's report published after it)
        before = doc.quarter_before(dm.start)
        if dm.resolve == "that_quarter":  # 该季度 with no quarter written: the date in force stays, else the
            # quarter an earlier paragraph names (今年第三季度…。⏎ 该季度…) or the headline reports
            return before or context_date or doc.quarter_before(dm.start, relative=True) or (
                doc.period if doc.period and _QUARTER_RX.fullmatch(doc.period) else None)
        if not before and dm.resolve == "reported_quarter":  # (公布第三季度业绩…。⏎在本财季，…: the quarter the piece
            # reports, its year unwritten; a bare 本季 may be the quarter going on, a guidance's)
            before = doc.quarter_before(dm.start, relative=True) or (
                doc.period if doc.period and _QUARTER_RX.fullmatch(doc.period) else None)
        return before if before and (now is None or before <= now) else now
    if shape == "today":
        if dm.resolve == "intraday" and context_date and len(context_date) == 10:
            return context_date  # 昨（11）日…盘中: the trading day the paragraph runs on
        if dm.resolve == "intraday" and doc.day_before(dm.start):
            return doc.day_before(dm.start)  # 昨（3）日…。⏎…尾盘: the trading day an earlier paragraph wrote
        return published.isoformat() if published else None
    if shape == "same_period_last_year":
        period = context_date or doc.period  # 去年同期: the running period (else the headline's), a year earlier
        if period:
            return _year_before(period)
        return f"{published.year - 1:04d}" if published else None
    if shape == "same_period":  # （二零二四年：…）: the running period (else the headline's) in the year written
        if g("m") and g("d"):
            year = _base_year(dm, published, context_year, doc)
            return f"{_ym(year, small_int(g('m')))}-{small_int(g('d')):02d}" if year is not None else None
        year = written_year(g)
        if year is None:  # （去年同期：…）: the year before the running period's
            in_play = year_of(context_date) or doc.year or (published.year if published else None)
            year = in_play - 1 if in_play is not None else None
        if year is None:
            return None
        period = context_date or doc.period
        if period is None or _MONTH_RX.match(period):
            return f"{year:04d}"  # (a day or a month running: the comparative's year)
        shift = year - year_of(period)
        return regex.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group()) + shift), period)
    if shape == "report_period":  # (同期， in a monthly release: the month its headline or first sentence reports;
        # else, in a trade release, the period an earlier paragraph wrote last: 前5个月…。⏎同期，…)
        period = context_date or doc.period or doc.month or doc.period_before(dm.start)
        if g("rp") and doc.period and doc.results:
            period = doc.period  # (…在2024年全球排名第一。…报告期内…: the report's period, not a year a ranking runs on)
        if g("yr") and period is not None and _SUB_YEAR.fullmatch(period):
            return period[:4]  # (年内 in a piece on the fourth quarter's results: the whole year)
        return period
    if shape in ("report_to_date", "report_end"):  # 年初至报告期末, 本报告期末 (a filing's columns)
        period = doc.period or context_date or (f"{doc.year:04d}" if doc.year is not None else None)
        return _report_part(period, shape == "report_end")
    if shape == "that_day":  # 当天: the day the paragraph runs on, else the last day written before
        if context_date and len(context_date) == 10:
            return context_date
        return doc.day_before(dm.start) or doc.dateline  # (else the dateline's day: 新华社北京9月20日电…当天)
    if shape == "year_list":
        years = list_years(dm, published)
        return f"{min(years):04d}/{max(years):04d}" if years else None  # (2024年、2023年: the years' span either way)
    if shape == "quarter_list":  # 第1、2季 governing as a whole: from the first quarter's first month to the last's end
        y = written_year(g) or context_year or (published.year if published else None)  # (一、二季度: the year in force)
        if y is None:
            return None
        last = next(g(q) for q in ("q4", "q3", "q2") if g(q))
        return f"{_ym(y, small_int(g('q1')) * 3 - 2)}/{_ym(y, small_int(last) * 3)}"
    if dm.resolve == "this_month_day":  # 本月5日: that day of the publication month, before or after publication
        d = small_int(g("d"))
        if published is None or not 1 <= d <= calendar.monthrange(published.year, published.month)[1]:
            return None
        return f"{published.year:04d}-{published.month:02d}-{d:02d}"
    if dm.resolve in ("paren_day", "yesterday", "weekday_day"):
        return _day_near(published, small_int(g("d")) if g("d") else None, dm.resolve == "weekday_day")
    if dm.resolve == "weekday":
        return _weekday_before(published, g("wd"), g("last") is not None, g("this") is not None)
    if dm.resolve in ("week", "week_from_sunday"):
        return _trading_week(published, g("wk") == "上", dm.resolve == "week_from_sunday")
    if dm.resolve == "day_range":  # 1日至24日: the running month (本月, else none: the publication month)
        month = context_date[:7] if context_date and not g("now") and _MONTH_RX.match(context_date) else None
        if month is None and published is None:
            return None
        y, m = (int(month[:4]), int(month[5:7])) if month else (published.year, published.month)
        return _day_range(y, m, small_int(g("d1")), y, m, small_int(g("d2")))
    if shape == "past_years":  # 过去四年: the n whole years before the publication year
        return f"{published.year - small_int(g('n')):04d}/{published.year - 1:04d}" if published else None
    if shape == "past_year":  # 一年来 in a review published by March (a work report): the year before; else unknown
        return f"{published.year - 1:04d}" if published and published.month <= 3 else None
    if shape == "recent_years":  # 近五年来: the n years ending with the publication year
        return f"{published.year - small_int(g('n')) + 1:04d}/{published.year:04d}" if published else None
    if dm.resolve == "short_period":  # 4Q24, 1H25 (market news): a quarter or half of 20yy
        return f"20{g('yy')}-Q{g('q')}" if g("q") else f"20{g('yy')}-H{g('h')}"
    if dm.resolve == "next_quarter":  # 上季 / 下季: the quarter before / after the publication's
        running = _QUARTER_RX.fullmatch(context_date or "")
        if dm.role and g("dir") in ("上", "前") and running:
            # 较上一季x (a comparison's baseline or start) in a paragraph on a quarter: the quarter before it
            k = int(running.group(1)) * 4 + int(running.group(2)) - 2
            return f"{k // 4:04d}-Q{k % 4 + 1}"
        if not published:
            return None
        k = published.year * 4 + (published.month - 1) // 3 + (1 if g("dir") in ("下", "新") else -1)
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if dm.resolve == "same_month":  # 今年与2025年同月比较: the month the document reports, this year
        month = doc.month_before(dm.start)
        if published is None:
            return month
        return f"{published.year:04d}-{month[5:7]}" if month else f"{published.year:04d}"
    if dm.resolve == "running_month":
        # 当月 / 该月, 与上年同月比较: the month its paragraph runs on, else the last one the piece wrote with its year,
        # else the month it reports; 与上年同季比较 (group q): the running quarter, else the last one it reported
        if g("q"):
            return context_date if context_date and _QUARTER_RX.fullmatch(context_date) \
                else doc.quarter_before(dm.start, relative=True)
        month = next((d for d in (context_date, doc.month_before(dm.start), doc.month) if d and _MONTH_RX.match(d)), None)
        return month[:7] if month else None
    if dm.resolve == "prev_month":
        # 较上月 / 由上月x增为y (a comparison's baseline or start): the month before the month reported (the
        # running month, else the piece's period); 上月 on its own: the month before the publication month
        reported = context_date if context_date and _MONTH_RX.match(context_date) else doc.month
        if dm.role and reported and _MONTH_RX.match(reported):
            return _ym(*_month_before(int(reported[:4]), int(reported[5:7])))
        return _ym(*_month_before(published.year, published.month)) if published else None
    if shape == "full_year" and context_date is None and context_year is None and doc.year is None:
        # 全年 with no year in play: all year round (全年自然冷却时间), not a date; but 预估全年 is this year
        # (预估全年, and a market's 全年累升: this year)
        if published and g("rs") is not None and published.month > 6:
            return f"{published.year:04d}"  # 全年营收有望… in the second half: this year's (its results come next year)
        if published and g("rs") is not None and g("fc") is None and published.month <= 3:
            return f"{published.year - 1:04d}"  # 全年营收2.12兆 in the first quarter: last year's results, just reported
        if published and g("fc") is None and published.month <= 2:
            # 全年累升, 全年都攀升 in January or February: no year of this one is over yet (a forecast cue: this year)
            return f"{published.year - 1:04d}"
        return f"{published.year:04d}" if (g("fc") is not None or g("mv") is not None) and published else None
    if shape == "next_years" and g("n2"):  # 未来8年至12年: from the n-th to the n2-th year after this one
        return f"{published.year + small_int(g('n')):04d}/{published.year + small_int(g('n2')):04d}" if published else None
    if shape == "next_years":
        return f"{published.year:04d}/{published.year + small_int(g('n')) - 1:04d}" if published else None
    if shape == "quarter" and doc.fiscal_anchor is not None and not doc.fiscal_anchor[3] and written_year(g) is None \
            and not g("rel") and small_int(g("q")) == doc.fiscal_anchor[0]:
        return f"{doc.fiscal_anchor[1]:04d}-Q{doc.fiscal_anchor[2]}"  # 2018/19财年Q1…，Q1营收: that fiscal quarter
    if shape == "quarter" and doc.fiscal is not None and written_year(g) is None and not g("rel"):
        return _fiscal_quarter(doc.fiscal, small_int(g("q")))  # 第四季 in a document about 二〇二五至二六年度
    # (a day of the publication month in force, 昨日股价…。第四季收入…, is no year for a quarter either)
    day_now = bool(context_date and published and len(context_date) == 10
                   and context_date.startswith(_ym(published.year, published.month)))
    if shape == "quarter" and (context_year is None or day_now) and written_year(g) is None and not g("rel"):
        q = small_int(g("q"))
        y = doc.quarter_year(dm.start, q)  # 2025年第四季财报…(a later paragraph) 第四季单季: 2025's
        if y is None and published and doc.year is None and q - (published.month - 1) // 3 >= 3:
            y = published.year - 1  # 第四季 in a first-quarter article: last year's results
        if y is not None:
            return f"{y:04d}-Q{q}"
    if shape == "first_quarters" and context_year is None and written_year(g) is None and not g("rel"):
        n = small_int(g("n")) if g("n") else 1
        y = doc.quarter_year(dm.start, n)  # 2025年三季报…(a later paragraph) 前三季度: 2025's first three quarters
        if y is not None:
            return f"{y:04d}-Q1" if n == 1 else f"{_ym(y, 1)}/{_ym(y, 3 * n)}"
    if day_now:
        # 今（9）日公布12月出口: a day of the publication month is no year for a later month
        # (目前…预计12月投产 keeps its year)
        context_year = None
    if (shape == "first_quarters" and context_date and _fiscal_running(context_date, doc)
            and written_year(g) is None and not g("rel")):
        # 2025至2026年度首三季: the fiscal year's first quarters (April to December)
        k = int(context_date[:4]) * 12 + 3 + 3 * (small_int(g("n")) if g("n") else 1) - 1  # their last month, 0-based
        return f"{_ym(int(context_date[:4]), 4)}/{_ym(k // 12, k % 12 + 1)}" if g("n") else _fiscal_quarter(int(context_date[:4]), 1)
    if shape == "interim" and context_date and _is_half(context_date):
        return context_date  # 截至12月底止六个月中期业绩: the half the sentence names
    if shape == "interim" and context_year is None and doc.period and _is_half(doc.period):
        return doc.period  # 派中期息 in a piece on an interim ending in December (截至去年底止，中期盈利…): that half
    if shape == "interim" and context_year is None and doc.year is None and published:
        # 中期业绩: the first half of the year (of the previous year before July)
        return f"{published.year if published.month >= 7 else published.year - 1:04d}-H1"
    year = _base_year(dm, published, context_year, doc)
    if year is None:
        return None
    if shape in ("year", "full_year"):
        return f"{year:04d}"
    if shape == "interim":
        return f"{year:04d}-H1"
    if shape == "month":
        return _ym(year, small_int(g("m")))
    if shape == "day":
        m, d = small_int(g("m")), small_int(g("d"))
        if not 1 <= m <= 12:
            return None
        # a day its month lacks (4月31日, a misprint): the month, never an impossible date
        return f"{_ym(year, m)}-{d:02d}" if 1 <= d <= calendar.monthrange(year, m)[1] else _ym(year, m)
    if shape == "half":
        return f"{year:04d}-H{2 if g('h') in ('下', '2') else 1}"  # 上半年, 首半年 (Hong Kong), H1: H1
    if shape == "day_range":  # 1月1日至1月24日 (12月25日至1月5日 runs into the next year)
        m1, m2 = small_int(g("m")), small_int(g("m2") or g("m"))
        y2 = int(g("y2")) if g("y2") else year + (m2 < m1)
        return _day_range(year, m1, small_int(g("d1")), y2, m2, small_int(g("d2")))
    if shape == "quarter":
        return f"{year:04d}-Q{small_int(g('q'))}"
    if shape == "quarter_end":
        return _ym(year, 3 * small_int(g("q")))
    if shape == "first_months":
        return f"{_ym(year, 1)}/{_ym(year, small_int(g('n')))}"
    if shape == "months_ending":  # 止六个月; 止中期 / 止半年度: six; 止年度 / 止全年: twelve; 截至去年底止: December
        n = 6 if g("half") else 3 if g("qtr") else small_int(g("n")) if g("n") else 12  # (止的季度: three)
        return _months_ending(year, small_int(g("m")) if g("m") else 12, n)
    if shape == "first_quarters":  # 前三季; 首季: the first quarter
        n = small_int(g("n")) if g("n") else 1
        return f"{year:04d}-Q1" if n == 1 else f"{_ym(year, 1)}/{_ym(year, 3 * n)}"
    m1, m2 = small_int(g("m1")), small_int(g("m2"))  # month_range (1月至12月 too: the months as written)
    return f"{_ym(year, m1)}/{_ym(year, m2)}"


#: how many years before its publication a retrospective report's headline year may lie (统计公报 of 2023 published
#: in 2025); an older year in a headline is a record's baseline or a history
_REPORT_LAG = 2

_FISCAL_RX = regex.compile(r"\d{4}-04/\d{4}-03")
_YEAR_PAIR_RX = regex.compile(r"(\d{4})/(\d{4})")


def _fiscal_running(date: str, doc: DocDates) -> bool:
    """Whether the running ``date`` is a Hong Kong fiscal year: its months (2025-04/2026-03), or its two years as
    written (2025/2026) in a piece that names that fiscal year."""
    if _FISCAL_RX.fullmatch(date):
        return True
    pair = _YEAR_PAIR_RX.fullmatch(date)
    return pair is not None and int(pair.group(2)) == int(pair.group(1)) + 1 and doc.fiscal == int(pair.group(1))
_INTERVAL_RX = regex.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")


def _twelve_months(period: str | None) -> bool:
    """Whether ``period`` is a financial year of twelve months not a calendar year (2017-09/2018-08)."""
    m = _INTERVAL_RX.fullmatch(period or "")
    return m is not None and (int(m[3]) * 12 + int(m[4])) - (int(m[1]) * 12 + int(m[2])) == 11


def _company_year(doc: DocDates) -> str | None:
    """The piece's reporting period when it is a company's financial year not running from January
    (截至6月底止全年 -> 2022-07/2023-06), else None."""
    return doc.period if _twelve_months(doc.period) and doc.period[5:7] != "01" else None


_HALF_RX = regex.compile(r"-H[12]$")


def _is_half(period: str) -> bool:
    """A half year: 2025-H1, or six months of a company's own half (2019-09/2020-02: 截至2月底止半年)."""
    if _HALF_RX.search(period):
        return True
    m = _INTERVAL_RX.fullmatch(period)
    return m is not None and (int(m[3]) * 12 + int(m[4])) - (int(m[1]) * 12 + int(m[2])) == 5
_MONTH_RX = regex.compile(r"\d{4}-\d{2}(?:-\d{2})?$")  # a running date that names a month (or a day)
#: 周四 / 星期日 -> Python's weekday number
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def advance(running: str | None, dm: DateMention, published, doc: DocDates = NO_DOC_DATES) -> str | None:
    """The paragraph's running date after date mention ``dm``: a baseline or the start of
    a change leaves it (contract section 1)."""
    if dm.role:
        return running
    return resolve(dm, published, _running_year(running), running, doc)


def _running_year(running: str | None) -> int | None:
    """The year a running date puts in play for a year-less mention after it: none for a span of
    years (预计2026-2027年将迎来…。三季度末…: the quarter is no year of the span's)."""
    span = _YEAR_SPAN.fullmatch(running or "")
    return None if span is not None and span.group(1) != span.group(2) else year_of(running)


def scoped_date(text: str, dm: DateMention | None, value_start: int, unit: str, running: str | None,
                published, doc: DocDates = NO_DOC_DATES, change_end=None, change_from=None, revision=None) -> str | None:
    """The date of a value right after a baseline or a change's start (较2021年的150万平方呎,
    由2021年的1.48, 从60个月: none): that date; the running date otherwise.  A multiple
    (是去年同期的1.8倍) compares with the baseline and keeps the running date.  Under a span of
    years (2018-2023年…由x增长至y) an undated change runs across it: x is the first year's, y (what
    ``change_end``, dates.yaml, matches between x and y) the last year's; after a point-to-point frame
    (从2013年底到…: ``change_from``, dates.yaml change_from_point) x is the first point's."""
    if dm is None or not dm.role or dm.role == "name" or unit == "倍" or dm.scope < 0:
        return running  # (scope -1: the mention introduces no figure, 比上年同期高出2.3个百分点: DateFinder.find)
    span = _YEAR_SPAN.fullmatch(running or "") if dm.role == "start" and dm.resolve == "none" else None
    if value_start != dm.scope and _JOINED_FIGURES.fullmatch(text, dm.scope, value_start) is not None:
        value_start = dm.scope  # (从2017年的3.38亿元、1.11亿元增长至…: the joined figures it introduces, each)
    if value_start != dm.scope:
        # 2018-2023年…由x增长至y: the change's end is the last year's
        if span is not None and change_end is not None and change_end.fullmatch(text, dm.scope, value_start):
            return span.group(2)
        return running
    if span is not None:  # (and its start the first year's; a revision, 从接近48%上调至53%, runs across no span)
        return span.group(1) if change_end is None or change_end.match(text, dm.scope + 1) else running
    if dm.role == "start" and dm.resolve == "none" and revision is not None and revision.match(text, dm.scope) is not None:
        return running  # 今年经济成长率由x上修至y: an estimate revised, both of the running period (dates.yaml revision_after)
    if dm.role == "start" and dm.resolve == "none" and change_from is not None:
        # 从2013年底到今年6月底，…由x增加到y: x is the first point's (dates.yaml change_from_point)
        stop = max(text.rfind(c, 0, dm.start) for c in "。！？!?\n") + 1  # (；between changes under one frame)
        point = last_match(change_from, text, stop, dm.start)
        if point is not None:
            return point.group("y1")
    if dm.estimate:
        return resolve(dm, published, None, None, doc)
    return resolve(dm, published, _running_year(running), running, doc)


def _cells(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of the table line text[s:e], split at |."""
    out, a = [], s
    for k in range(s, e):
        if text[k] == "|":
            out.append((a, k))
            a = k + 1
    out.append((a, e))
    return out


_YEAR_SPAN = regex.compile(r"((?:19|20)\d{2})/((?:19|20)\d{2})")
# figures joined into one group right after a baseline or a change's start (3.38亿元、1.11亿元): each is introduced by it
_JOINED_FIGURES = regex.compile(r"(?:[约近逾超]?\d[\d.,]*\s?[万亿千百]*[^\d、，,。；;：:\s]{0,3}\s?[、和及与])+")


_SUB_YEAR = regex.compile(r"(?:19|20)\d{2}-(?:Q[1-4]|H[12]|\d{2})")  # a quarter, a half or a month of one year


def range_listed_date(text: str, dm: DateMention | None, i: int, values, joiners, published=None) -> str | None:
    """2025-2027年营收分别为x、y、z: the k-th value of a list of as many values as the span (or a list of years:
    2031E/2032E…, yoy+x/+y) has years (after the span, joined by ``joiners``: metrics.yaml list_joiners)
    takes the k-th year; None for any other value."""
    shape = RESOLVERS[dm.resolve].shape if dm is not None and not dm.role else None
    if shape == "year_list":
        years = list_years(dm, published)
    elif shape == "year_range":
        y1, y2 = span_years(dm.group)
        years = list(range(y1, y2 + 1))
    else:
        return None
    n = len(years)

    def joined(j: int) -> bool:  # values j and j + 1 are neighbours in one list (x%/+y%: a sign between)
        return text[values[j].end:values[j + 1].qual_start].rstrip("+＋ ") in joiners

    a = i
    while a > 0 and values[a - 1].start >= dm.end and joined(a - 1):
        a -= 1
    b = i
    while b + 1 < len(values) and joined(b):
        b += 1
    if not 2 <= n <= 6 or b - a + 1 != n or values[a].start < dm.end:
        return None
    return f"{years[i - a]:04d}"


def _day_range(y1: int, m1: int, d1: int, y2: int, m2: int, d2: int) -> str | None:
    """The interval of days y1-m1-d1 to y2-m2-d2; None when a day does not exist or the end is first."""
    try:
        a, b = _dt.date(y1, m1, d1), _dt.date(y2, m2, d2)
    except ValueError:
        return None
    if not a < b:
        return None
    if a.year == b.year and (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return f"{a.year:04d}"  # 2025年1月1日至2025年12月31日: the year (readers keep other day spans as written)
    return f"{a.isoformat()}/{b.isoformat()}"


def _weekday_before(published: _dt.date | None, wd: str, last_week: bool = False, this_week: bool = False) -> str | None:
    """周四 in market news: the last such weekday on or before the publication day;
    上周四: that weekday of the week before the publication's; 本周五: that weekday of the publication's week
    (Monday to Sunday), before or after the publication day."""
    if not published:
        return None
    if this_week:
        return (published + _dt.timedelta(days=_WEEKDAYS[wd] - published.weekday())).isoformat()
    if last_week:
        return (published - _dt.timedelta(days=published.weekday() + 7 - _WEEKDAYS[wd])).isoformat()
    return (published - _dt.timedelta(days=(published.weekday() - _WEEKDAYS[wd]) % 7)).isoformat()


def _trading_week(published: _dt.date | None, last: bool, from_sunday: bool) -> str | None:
    """本周 / 上周 in market news: Monday to Friday of the publication's week (up to the publication day), or of
    the week before; a week starts on Monday, or on Sunday (``from_sunday``: Taiwan and Hong Kong, where a Sunday
    piece's 上周 is the week just ended)."""
    if not published:
        return None
    back = (published.weekday() + 1) % 7 - 1 if from_sunday else published.weekday()  # days back to its Monday
    monday = published - _dt.timedelta(days=back + (7 if last else 0))
    friday = monday + _dt.timedelta(days=4)
    if not last:
        friday = min(friday, published)
    if friday < monday:
        return None  # (a Sunday piece's 本周: a week not begun)
    return f"{monday.isoformat()}/{friday.isoformat()}" if friday > monday else monday.isoformat()


def _month_before(y: int, m: int) -> tuple[int, int]:
    k = y * 12 + m - 2  # months since year 0 of the month before, 0-based
    return k // 12, k % 12 + 1


def _day_near(published: _dt.date | None, day: int | None, either_way: bool = False) -> str | None:
    """Day ``day`` of the publication month (of the month before when later than the
    publication day: 昨（30）日 on 1 December); ``None``: the day before publication (昨日).
    ``either_way`` (周四(18日), maybe still to come): the day of that number nearest the
    publication day, before or after it."""
    if not published:
        return None
    if day is None:
        return (published - _dt.timedelta(days=1)).isoformat()
    y, m = published.year, published.month
    if either_way:
        k = y * 12 + m - 1  # months since year 0 of the publication month, 0-based
        near = []
        for kk in (k - 1, k, k + 1):
            try:
                near.append(_dt.date(kk // 12, kk % 12 + 1, day))
            except ValueError:
                pass
        return min(near, key=lambda d: abs(d - published)).isoformat() if near else None
    if day > published.day:
        y, m = _month_before(y, m)
    try:
        return _dt.date(y, m, day).isoformat()
    except ValueError:
        return None


def list_years(dm: DateMention, published) -> list[int]:
    """The years of a list (2024、2025年; 今明两年), in order; [] when they cannot be resolved."""
    g = dm.group
    if g("pair"):
        return [published.year + k for k in _PAIRS[g("pair")]] if published else []
    return [y if (y := year_int(g(k))) >= 1000 else 1911 + y for k in ("y1", "ym", "y2") if g(k)]  # (107、108年: ROC years)


def listed_date(text: str, dm: DateMention | None, value_start: int, value_starts, published,
                whole=None, in_force: str | None = None) -> str | None:
    """今明年…分别达A、B / 2025年第1、2季…分别为A、B / 10月及11月…分别为A、B: the k-th value after
    分别 takes the k-th year, quarter or month of the list that governs it (with no 分别, when its sentence holds
    as many values after the list as it has items: 2025年第1、2季…修正为A及B); a value in brackets right after
    one (A（原为C）) glosses it and takes its item.  None when ``dm`` is no such list or no such values follow it,
    or when, with no 分别, ``whole`` (dates.yaml list_whole_after) matches right after the list (2022年、2023年期间:
    one span).  ``value_starts``: where each value of the paragraph starts."""
    shape = RESOLVERS[dm.resolve].shape if dm is not None and not dm.role else None
    if (shape not in ("year_list", "quarter_list") or dm.resolve == "y_quarter_range") \
            and (dm is None or dm.role or dm.resolve != "month_pair"):
        return None  # (a range of quarters, 25年Q1-Q3, is one span: no list its values take items of)
    if dm.resolve == "month_pair":
        items = (resolve(dm, published, None) or "").split("/")
    elif shape == "year_list":
        items = [f"{y:04d}" for y in list_years(dm, published)]
    else:
        # (一、二、三季度 with no year: the year of the date in force, ``in_force``, else the publication's)
        y = written_year(dm.group) or (int(in_force[:4]) if in_force and in_force[:4].isdigit() else None) \
            or (published.year if published else None)
        if y is None:
            return None
        items = [f"{y:04d}-Q{small_int(dm.group(q))}" for q in ("q1", "q2", "q3", "q4") if dm.group(q)]
    stop = _SENTENCE_END.search(text, dm.end)
    stop = stop.start() if stop else len(text)
    inside = [m.span() for m in _GLOSS.finditer(text, dm.end, stop)]  # (A（原为C）: C glosses A)
    k = text.rfind("分别", dm.end, value_start)
    own = [s for s in value_starts if max(k, dm.end) <= s < stop and not any(a < s < b for a, b in inside)]
    if k < 0 and (len(own) != len(items) or dm.resolve == "month_pair"
                  or (whole is not None and whole.match(text, dm.end) is not None)):
        return None  # (4月及5月合计…上升4.7%，较第一季7.6%: two months as a whole with no 分别)
    i = sum(1 for s in own if s < value_start) - (value_start not in own)
    return items[i] if 0 <= i < len(items) else None


_SENTENCE_END = regex.compile(r"[。；;！？!?\n]")
_GLOSS = regex.compile(r"[（(][^（()）]{0,24}[)）]")


def _months_ending(year: int, month: int, n: int) -> str:
    """The n months ending with ``month`` of ``year`` (截至2025年6月30日止六个月: a reporting
    period): a half, a quarter or a year when it is one, else an interval of months."""
    if n == 6 and month in (6, 12):
        return f"{year:04d}-H{month // 6}"
    if n == 3 and month % 3 == 0:
        return f"{year:04d}-Q{month // 3}"
    if n == 12 and month == 12:
        return f"{year:04d}"
    start = year * 12 + month - n  # months since year 0, of the first month, 0-based
    return f"{_ym(start // 12, start % 12 + 1)}/{_ym(year, month)}"


def _year_before(date: str) -> str:
    """``date`` a year earlier (2021-Q1 -> 2020-Q1, 2024-01/2024-09 -> 2023-01/2023-09)."""
    return regex.sub(r"(?<!\d)(\d{4})(?!\d)", lambda m: str(int(m.group(1)) - 1), date)


def year_of(date: str | None) -> int | None:
    """The (last) year a resolved date refers to: '2020/2024' -> 2024, '2025-06' -> 2025."""
    if not date:
        return None
    last = date.split("/")[-1]
    return int(last[:4])


def _date_bound(date: str | None, end: bool) -> tuple[int, int] | None:
    """(year, month) at the start (or the ``end``) of a resolved date."""
    if not date:
        return None
    part = date.split("/")[-1 if end else 0]
    y, rest = int(part[:4]), part[5:]
    if not rest:
        return (y, 12 if end else 1)
    if rest.startswith("H"):
        return (y, (6 if rest == "H1" else 12) - (0 if end else 5))
    if rest.startswith("Q"):
        return (y, 3 * int(rest[1]) - (0 if end else 2))
    return (y, int(rest[:2]))


def date_end(date: str | None) -> tuple[int, int] | None:
    """(year, month) at the end of a resolved date (2025-Q4 -> (2025, 12), 2025-01/2025-07 -> (2025, 7))."""
    return _date_bound(date, True)


def date_start(date: str | None) -> tuple[int, int] | None:
    """(year, month) at the start of a resolved date: a value dated after the
    publication month is a forecast unless a cue says target."""
    return _date_bound(date, False)
