"""Time expressions: find spans (``find_dates``), then resolve them (``resolve``).

Finding and resolving are separate: a :class:`DateMention` records the rule and
the captured groups; :func:`resolve` turns it into a contract date string
against the publication date and the paragraph's running date.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

import re

import regex

from zhfacts.extract.numerals import number_value
from zhfacts.rules import Rules

_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_REL = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}


def small_int(text: str) -> int:
    return int(text) if text.isdigit() else _CN_SMALL[text]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    rule: str
    resolve: str
    groups: tuple  # ((name, value), ...)

    def group(self, name: str):
        for k, v in self.groups:
            if k == name:
                return v
        return None


def written_year(g) -> int | None:
    """The year a mention writes, Gregorian: 2024, 二〇二四, 民国112 (2023), 一一四 (2025)."""
    if g("y"):
        return int(g("y"))
    if g("cy"):
        return int(number_value(g("cy")))
    roc = g("ry") or g("ty")
    if roc:
        return 1911 + int(number_value(roc))
    return None


class DateFinder:
    def __init__(self, rules: Rules):
        data = rules.raw["dates"]
        year, month = data.get("year", "(?P<y>(?:19|20)\\d{2})"), data.get("month", "(?:1[0-2]|0?[1-9])")
        patterns = [(e["id"], e["resolve"], e["pattern"].replace("{Y}", year).replace("{M}", month))
                    for e in data["dates"]]
        self.entries = [(rid, res, regex.compile(p)) for rid, res, p in patterns]
        # One alternation for a fast scan (the stdlib engine, group names dropped:
        # it scans this kind of alternation several times faster); each rule's own
        # pattern is then tried at a hit.
        scan = "|".join(f"(?:{p})" for _, _, p in patterns)
        try:
            self.scan = re.compile(regex.sub(r"\(\?P<\w+>", "(?:", scan))
        except re.error:
            self.scan = regex.compile(scan)
        self.baseline_rx = regex.compile(r"(?:比|较|同比|相比|相较|与|和|跟)(?:于)?$")

    def find(self, text: str, skip: list[tuple[int, int]] = (), region: str = "mainland") -> list[DateMention]:
        """Date mentions of ``text``; a bare ROC year (113年, 一一四年) only in Taiwanese text."""
        out: list[DateMention] = []
        pos = 0
        while True:
            m = self.scan.search(text, pos)
            if not m:
                break
            best = None
            for rid, res, rx in self.entries:
                mm = rx.match(text, m.start())
                if mm and (best is None or mm.end() > best[2].end()):
                    best = (rid, res, mm)
            rid, res, mm = best
            s, e = mm.start(), mm.end()
            if mm.group("ty") if "ty" in mm.re.groupindex else None:
                if region != "taiwan":
                    pos = m.start() + 1  # 100年 in mainland text is a duration, not the ROC year 2011
                    continue
            if not any(a <= s < b for a, b in skip) and not _glued_digit(text, s, e):
                groups = tuple((k, v) for k, v in mm.groupdict().items() if v is not None)
                if self.baseline_rx.search(text[max(0, s - 3):s]):
                    # 比上年末净增39.1万个: a comparison baseline, not the date of the value
                    res = "baseline"
                out.append(DateMention(s, e, rid, res, groups))
            pos = max(e, m.start() + 1)
        return out


def _glued_digit(text: str, s: int, e: int) -> bool:
    """12月 inside 2012月? A date must not start inside a longer number."""
    return s > 0 and (text[s - 1].isdigit() or text[s - 1] == ".")


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


# The shape of each resolver's result, once its year is known: an absolute form
# (y_half: 2024下半年) and its relative twin (rel_half: 今年下半年) share one shape.
_SHAPES = {
    "ymd": "day", "rel_month_day": "day", "ym": "month", "rel_month": "month", "y": "year", "rel_year": "year",
    "y_half": "half", "rel_half": "half", "y_quarter": "quarter", "rel_quarter": "quarter",
    "y_first_months": "first_months", "rel_first_months": "first_months",
    "y_first_quarters": "first_quarters", "rel_first_quarters": "first_quarters", "rel_month_range": "month_range",
}


def _base_year(dm: DateMention, published: _dt.date | None, context_year: int | None) -> int | None:
    """The year of a mention: written (2024年), relative (今年, 去年) to the publication
    date, else the paragraph's running year, else the publication year (a month later
    than the publication month is last year's: 11月底 in a January article)."""
    g = dm.group
    written = written_year(g)
    if written is not None:
        return written
    if g("rel"):
        return published.year + _REL[g("rel")] if published else None
    if context_year is not None:
        return context_year
    if not published:
        return None
    m = g("m") or g("m2")
    return published.year - 1 if m and small_int(m) > published.month else published.year


def resolve(dm: DateMention, published: _dt.date | None, context_year: int | None,
            context_date: str | None = None) -> str | None:
    """The contract date of ``dm``; None when it dates nothing or cannot be resolved."""
    g = dm.group
    r = dm.resolve
    if r == "baseline":
        raise ValueError("a comparison baseline has no date of its own")
    if r == "none":
        return None
    if r == "y_range":
        return f"{int(g('y1')):04d}/{int(g('y2')):04d}"
    if r == "now":
        return _ym(published.year, published.month) if published else None
    if r == "today":
        return published.isoformat() if published else None
    if r == "same_period_last_year":
        if context_date:
            return regex.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group()) - 1), context_date)
        return f"{published.year - 1:04d}" if published else None
    if r == "next_years":
        return f"{published.year:04d}/{published.year + small_int(g('n')) - 1:04d}" if published else None
    shape = _SHAPES.get(r)
    if shape is None:
        raise ValueError(f"unknown date resolver {r!r} (rule {dm.rule})")
    year = _base_year(dm, published, context_year)
    if year is None:
        return None
    if shape == "year":
        return f"{year:04d}"
    if shape == "month":
        return _ym(year, small_int(g("m")))
    if shape == "day":
        return f"{_ym(year, small_int(g('m')))}-{int(g('d')):02d}"
    if shape == "half":
        return f"{year:04d}-H{1 if g('h') == '上' else 2}"
    if shape == "quarter":
        return f"{year:04d}-Q{small_int(g('q'))}"
    if shape == "first_months":
        return f"{_ym(year, 1)}/{_ym(year, small_int(g('n')))}"
    if shape == "first_quarters":
        return f"{_ym(year, 1)}/{_ym(year, 3 * small_int(g('n')))}"
    return f"{_ym(year, small_int(g('m1')))}/{_ym(year, small_int(g('m2')))}"  # month_range


def year_of(date: str | None) -> int | None:
    """The (last) year a resolved date refers to: '2020/2024' -> 2024, '2025-06' -> 2025."""
    if not date:
        return None
    last = date.split("/")[-1]
    return int(last[:4])


def date_start(date: str | None) -> tuple[int, int] | None:
    """(year, month) at the start of a resolved date: a value dated after the
    publication month is a forecast unless a cue says target."""
    if not date:
        return None
    first = date.split("/")[0]
    y = int(first[:4])
    rest = first[5:]
    if not rest:
        return (y, 1)
    if rest.startswith("H"):
        return (y, 1 if rest == "H1" else 7)
    if rest.startswith("Q"):
        return (y, 3 * int(rest[1]) - 2)
    return (y, int(rest[:2]))


@lru_cache(maxsize=2)
def date_finder(rules_key: int, rules: Rules) -> DateFinder:  # pragma: no cover - trivial cache
    return DateFinder(rules)
