"""Publication date of a document.

Sources, in order of trust (the first that yields a valid date wins):

1. ``metadata``: a metadata line cut from the body with a full date
   (``2025-09-02 08:39:00``, ``发布时间：2025年9月2日``, ``2025/09/02 来源：…``);
   after the header, a Taiwanese ROC date in a metadata or editor line
   (``民国114年9月4日``, the code ``1140904`` after ``（編輯：…）``) counts as metadata too;
2. ``header``: a newspaper page header (``2025年6月2日星期一``; a weekday that
   does not match the date adds a warning);
3. ``dateline``: an agency / newspaper dateline (``新华社北京9月4日电``, ``本报北京6月1日讯``):
   month and day from the dateline; the year from the dateline when it has one,
   otherwise from the text (:func:`year_from_text`);
4. ``lead_day``: with none of the above, a paragraph near the start that opens on a day
   with no year and a comma (``10月22日，中国电信公布…``, ``8月26日晚，…发布…``,
   ``5月17日是…``): the news reports that day, as a dateline would; the year from the
   text as for a dateline, said in a warning.

``--published YYYY-MM-DD`` overrides all of them (source ``override``). Dates
of events in the text (``2026年1月21日举行的发布会``) and captions are never
used: with none of the sources above the date is ``None`` and a warning says so,
so that relative dates (今年, 截至6月底) stay unresolved rather than guessed.

Year heuristic for a dateline without a year: collect the four-digit years the
body mentions; drop those in forward-looking context (``到2028年``, ``预计2025年``,
``2030年前``, ``力争``, ``目标``, ``将``, or such a cue later in the year's own
clause: ``2030年全国算力规模将超过…``); the publication year is the LATEST
remaining year (an article reports on its own year and earlier ones), or the year after
it when the body reports a month, quarter or second half of that year ending after the
day's month (a dateline ``1月30日电`` over ``2025年10月至12月``: 2026). A target
year is never taken: when every mention is forward-looking, or none is made, the
date stays unknown, with a warning. An inferred year is said in a warning too
(the extractor copies document warnings into every record).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from zhfacts.normalize.offsets import LazyPattern

_FULL_DATE_RES = [
    LazyPattern(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
    LazyPattern(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"),
]
_WEEKDAY_RE = LazyPattern(r"(?:星期|周|礼拜)([一二三四五六日天])")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# (the month and day in Arabic or Chinese numerals: 新华社北京9月4日电, 某社临江七月九日电; a year in either)
_DATELINE_RE = LazyPattern(
    r"(?:(?P<y>(?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3})\s*年\s*)?(?<![\d一二三四五六七八九十])"
    r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?P<d>\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日\s*(?:电|讯|消息)"
)


def _small_number(s: str) -> int:
    """An Arabic or Chinese-numeral month, day or year as written in a dateline (9, 二十二, 二〇〇五): the
    project's one numeral reader (extract.numerals, a leaf module) for the Chinese ones."""
    if s.isdigit():
        return int(s)
    from zhfacts.extract.numerals import number_value

    return int(number_value(s))


_YEAR_RE = LazyPattern(r"(?<![\d.])((?:19|20)\d\d)(?![\d.%])")
_FORWARD_BEFORE_RE = LazyPattern(
    r"(?:到|预计|预期|预测|力争|计划|目标|展望|将于|将在|将|有望|迈向|面向|至)\s*(?:\d{4}\s*[-—–~～至到]\s*)?$"
)
# (2030年前: before 2030; 2024年前三季度: the first quarters of 2024, a past period)
_FORWARD_AFTER_RE = LazyPattern(r"^\s*年?\s*(?:前(?![一二三两四五六七八九十\d]{1,2}个?[季月])|以前|之前|将|有望|或将|预计|目标|要|力争|远景)")
# a forward cue later in the year's clause: 2030年，… no; 2030年全国算力规模将超过… yes
_FORWARD_CLAUSE_RE = LazyPattern(r"[^，,。；;！？\n]{0,30}?(?:将|预计|预期|有望|力争|目标|计划|规划|可望|或将)")


# a paragraph opening on a day with no year (source 4, ``lead_day``)
_LEAD_DAY_RE = LazyPattern(
    r"(?:^|\n)[ \t\u3000]*(?:本报讯|本刊讯|讯)?[ \t\u3000]*(?:[（(][^（()）\n]{0,30}[)）])?[ \t\u3000]*(?:截至|截止)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日"
    r"(?:晚间|晚上|晚|早间|早上|上午|中午|下午|午间|凌晨)?\s*(?:[,，]|是)"
)
_LEAD_DAY_REACH = 600  # characters of the body a lead day is looked for in


@dataclass
class PubDate:
    date: _dt.date | None
    source: str | None = None
    evidence: str | None = None
    warnings: list[str] = field(default_factory=list)


def _valid(y: int, m: int, d: int) -> _dt.date | None:
    if not 1990 <= y <= 2100:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


_ROC_CODE_RE = LazyPattern(r"(?<!\d)(1[01]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_ROC_DATE_RE = LazyPattern(r"民国\s*(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def roc_date(text: str) -> _dt.date | None:
    """A Taiwanese (Republic of China) date: ``民国114年9月4日`` or a trailing code ``1140904``."""
    m = _ROC_DATE_RE.search(text)
    if m:
        return _valid(1911 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _ROC_CODE_RE.search(text)
    if m:
        return _valid(1911 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def full_date(text: str) -> _dt.date | None:
    """The first full date (year, month, day) written in ``text``."""
    best = None
    for rx in _FULL_DATE_RES:
        for m in rx.finditer(text):
            d = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d)
                break
    return best[1] if best else None


_UNTIL_END_RE = LazyPattern(r"截[至止]\s*$")
_RANGE_END_RE = LazyPattern(r"\d{4}\s*年?\s*[-—–~～至到]\s*$")
_UNIT_AFTER = set("%％.个台架万亿千百张条家项名人元倍")


def year_mentions(body: str) -> list[tuple[int, bool]]:
    """``(year, forward_looking)`` for each four-digit year ``body`` mentions.

    A year is 19xx / 20xx followed by 年, a range mark, or a name
    (``2025中国算力大会``, ``《2025运力发展报告》``); not a quantity (``2000PFLOPS``,
    ``2000亿元``). Forward-looking: after 到 / 预计 / 力争 / 目标 / 将 / 有望 ... (but
    not 截至), or before 年前 / 将 / 有望; the end of a range takes its start's status.
    """
    out: list[tuple[int, bool]] = []
    for m in _YEAR_RE.finditer(body):
        after = body[m.end():m.end() + 8]
        nxt = after[:1]
        if nxt and (nxt in _UNIT_AFTER or (nxt.isascii() and nxt.isalpha())):
            continue
        before = body[max(0, m.start() - 8):m.start()]
        if out and _RANGE_END_RE.search(before):
            forward = out[-1][1]
        else:
            forward = bool(_FORWARD_BEFORE_RE.search(before)) and not _UNTIL_END_RE.search(before)
            forward = forward or bool(_FORWARD_AFTER_RE.match(after))
            forward = forward or bool(_FORWARD_CLAUSE_RE.match(body, m.end(), m.end() + 40))
        out.append((int(m.group(1)), forward))
    return out


def year_from_text(body: str) -> tuple[int | None, str]:
    """The publication year suggested by the years ``body`` mentions (see the module doc)."""
    mentions = year_mentions(body)
    if not mentions:
        return None, "no year mentioned"
    past = sorted({y for y, f in mentions if not f})
    if past:
        y = past[-1]
        return y, f"latest year mentioned outside forward-looking context: {y} (years: {', '.join(map(str, past))})"
    fwd = sorted({y for y, _ in mentions})
    return None, f"only target or forecast years mentioned ({', '.join(map(str, fwd))}), never a publication year"


# a year's month, the end of its month range, its quarter or its second half (2025年10月至12月, 2025年第四季度)
_YEAR_PERIOD_RE = LazyPattern(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*年\s*(?:(?P<m>\d{1,2})\s*月?(?:\s*(?:[-—–~～至到]|份至)\s*(?P<m2>\d{1,2})\s*月)?"
    r"|第?(?P<q>[一二三四1-4])\s*季|(?P<h2>下半年))")


def _last_reported_month(body: str, year: int) -> int:
    """The latest month of ``year`` that ``body`` reports on outside forward-looking context (2025年10月至12月
    本地居民失业率…: 12), 0 for none: a piece cannot report a period that has not ended by its day."""
    last = 0
    for m in _YEAR_PERIOD_RE.finditer(body):
        if int(m["y"]) != year or _FORWARD_BEFORE_RE.search(body[max(0, m.start() - 8):m.start()]) \
                or _FORWARD_CLAUSE_RE.match(body, m.end(), m.end() + 40):
            continue
        if m["m"]:
            month = int(m["m2"] or m["m"])  # (the end of a month range)
        elif m["q"]:
            month = 3 * _small_number(m["q"])  # (第4季, 第四季: its last month)
        else:
            month = 12  # (下半年)
        last = max(last, month if 1 <= month <= 12 else 0)
    return last


def _inferred_year(body: str, month: int) -> tuple[int | None, str]:
    """The year of a day written without one: the latest year the body reports on, or the year after it when the
    body reports a month of that year after the day's month (a dateline 1月30日 over 2025年10月至12月的失业率)."""
    year, why = year_from_text(body)
    if year is not None and _last_reported_month(body, year) > month:
        return year + 1, f"{why}; it reports a period of {year} ending after month {month}: the year after"
    return year, why


def find_published(candidates: list[tuple[str, str]], body: str) -> PubDate:
    """Publication date from removed pieces ``(kind, normalized text)`` and the body text."""
    warnings: list[str] = []
    for kind in ("metadata", "header"):
        for k, text in candidates:
            if k != kind:
                continue
            d = full_date(text)
            if d is None:
                continue
            if kind == "header":
                w = _WEEKDAY_RE.search(text)
                if w and _WEEKDAYS[w.group(1)] != d.weekday():
                    warnings.append(f"newspaper header {text!r}: the weekday does not match {d.isoformat()}")
            return PubDate(d, kind, text, warnings)
    for k, text in candidates:
        if k in ("byline", "metadata", "header"):
            d = roc_date(text)
            if d:
                return PubDate(d, "metadata", text, warnings)
    for k, text in candidates:
        if k not in ("byline", "metadata", "header"):
            continue
        m = _DATELINE_RE.search(text)
        if not m:
            continue
        month, day = _small_number(m["m"]), _small_number(m["d"])
        if m["y"]:
            d = _valid(_small_number(m["y"]), month, day)
            if d:
                return PubDate(d, "dateline", text, warnings)
            continue
        year, why = _inferred_year(body, month)
        if year is None:
            warnings.append(f"dateline {m.group()!r} has no year ({why}): publication date unknown")
            continue
        d = _valid(year, month, day)
        if d:
            warnings.append(f"publication year {year} inferred, not written: dateline {m.group()!r} has no year; {why}")
            return PubDate(d, "dateline", f"{text} (year: {why})", warnings)
    m = _LEAD_DAY_RE.search(body, 0, _LEAD_DAY_REACH)
    if m:  # 10月22日，中国电信公布前三季度财报: a paragraph opening on the day it reports, as a dateline would
        year, why = _inferred_year(body, int(m["m"]))
        d = _valid(year, int(m["m"]), int(m["d"])) if year else None
        if d:
            warnings.append(f"publication year {year} inferred, not written: no dateline, the day a paragraph opens with "
                            f"({m.group().strip()!r}) taken as the publication day; {why}")
            return PubDate(d, "lead_day", f"{m.group().strip()} (year: {why})", warnings)
    warnings.append(
        "no publication date found (no metadata line, newspaper header or dateline): relative dates stay unresolved"
    )
    return PubDate(None, None, None, warnings)
