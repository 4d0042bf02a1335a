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

from .rules import Rules

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


class DateFinder:
    def __init__(self, rules: Rules):
        entries = rules.raw["dates"]["dates"]
        self.entries = [(e["id"], e["resolve"], regex.compile(e["pattern"])) for e in entries]
        # One alternation for a fast scan (the stdlib engine, group names dropped:
        # it scans this kind of alternation several times faster); each rule's own
        # pattern is then tried at a hit.
        scan = "|".join(f"(?:{e['pattern']})" for e in entries)
        try:
            self.scan = re.compile(regex.sub(r"\(\?P<\w+>", "(?:", scan))
        except re.error:
            self.scan = regex.compile(scan)
        self.baseline_rx = regex.compile(r"(?:比|较|同比|相比|相较|与|和|跟)(?:于)?$")

    def find(self, text: str, skip: list[tuple[int, int]] = ()) -> list[DateMention]:
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


def resolve(dm: DateMention, published: _dt.date | None, context_year: int | None,
            context_date: str | None = None) -> str | None:
    """The contract date of ``dm``; None when it dates nothing or cannot be resolved."""
    g = dm.group
    r = dm.resolve
    if r == "baseline":
        raise ValueError("a comparison baseline has no date of its own")
    if r == "none":
        return None
    if r == "ymd":
        return f"{int(g('y')):04d}-{int(g('m')):02d}-{int(g('d')):02d}"
    if r == "ym":
        return _ym(int(g("y")), int(g("m")))
    if r == "y":
        return f"{int(g('y')):04d}"
    if r == "y_half":
        return f"{int(g('y')):04d}-H{1 if g('h') == '上' else 2}"
    if r == "y_quarter":
        return f"{int(g('y')):04d}-Q{small_int(g('q'))}"
    if r == "y_first_months":
        y = int(g("y"))
        return f"{_ym(y, 1)}/{_ym(y, small_int(g('n')))}"
    if r == "y_first_quarters":
        y = int(g("y"))
        return f"{_ym(y, 1)}/{_ym(y, 3 * small_int(g('n')))}"
    if r == "y_range":
        return f"{int(g('y1')):04d}/{int(g('y2')):04d}"
    if r == "now":
        return _ym(published.year, published.month) if published else None
    if r == "same_period_last_year":
        if context_date:
            return regex.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group()) - 1), context_date)
        return f"{published.year - 1:04d}" if published else None
    if r == "today":
        return published.isoformat() if published else None
    if r == "next_years":
        if not published:
            return None
        return f"{published.year:04d}/{published.year + small_int(g('n')) - 1:04d}"
    # Relative forms: the base year from 今年/去年..., else the paragraph's year,
    # else the publication year.
    rel = g("rel")
    if rel:
        if not published:
            return None
        year = published.year + _REL[rel]
    elif r in ("rel_month", "rel_month_day", "rel_month_range"):
        m = small_int(g("m") or g("m2"))
        if context_year is not None:
            year = context_year
        elif published:
            year = published.year if m <= published.month else published.year - 1
        else:
            return None
    else:
        year = context_year if context_year is not None else (published.year if published else None)
        if year is None:
            return None
    if r == "rel_year":
        return f"{year:04d}"
    if r == "rel_half":
        return f"{year:04d}-H{1 if g('h') == '上' else 2}"
    if r == "rel_quarter":
        return f"{year:04d}-Q{small_int(g('q'))}"
    if r == "rel_first_months":
        return f"{_ym(year, 1)}/{_ym(year, small_int(g('n')))}"
    if r == "rel_first_quarters":
        return f"{_ym(year, 1)}/{_ym(year, 3 * small_int(g('n')))}"
    if r == "rel_month":
        return _ym(year, small_int(g("m")))
    if r == "rel_month_range":
        return f"{_ym(year, small_int(g('m1')))}/{_ym(year, small_int(g('m2')))}"
    if r == "rel_month_day":
        return f"{_ym(year, small_int(g('m')))}-{int(g('d')):02d}"
    raise ValueError(f"unknown date resolver {r!r} (rule {dm.rule})")


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
