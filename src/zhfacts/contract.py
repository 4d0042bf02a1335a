"""The fact contract (``shared/spec/facts.md``) in one place.

Record keys and their order, the qualifier and kind enums, the date grammar,
the publication-date format and the unit equivalences. The extractor's
records, the output writers, rule validation, the golden check, the scorer and
the CLI all read them from here; nothing else spells them out.
"""
from __future__ import annotations

import datetime as _dt
import re

#: Section 2: the keys of an extracted record, in the order they are written.
RECORD_KEYS = ("doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind",
               "span", "text", "sentence", "rule", "warnings")
#: Keys every record (and every golden record) must carry.
REQUIRED_KEYS = ("doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span", "text")
#: The golden set's keys: the record's plus ``metric_alt`` after ``metric`` and ``optional`` last.
GOLDEN_KEYS = RECORD_KEYS[:3] + ("metric_alt",) + RECORD_KEYS[3:] + ("optional",)

#: Section 2, ``qualifier``.
QUALIFIERS = ("=", ">", ">=", "<", "<=", "~")
#: Section 2, ``kind`` (fact kinds; boilerplate kinds are the normalizer's ``REGION_KINDS``).
FACT_KINDS = ("actual", "forecast", "target")


def ordered(rec: dict) -> dict:
    """``rec`` with its keys in contract order (golden extras in place, unknown keys kept at the end)."""
    out = {k: rec[k] for k in GOLDEN_KEYS if k in rec}
    if len(out) != len(rec):
        out.update((k, v) for k, v in rec.items() if k not in out)
    return out


# --------------------------------------------------------------------------- dates

#: Section 2, ``date``: one of these, or an interval ``A/B`` of two of them.
DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1/H2 or YYYY-Q1..Q4"
_SINGLE_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-H([12])|-Q([1-4]))?\Z")


def date_bounds(s: str) -> tuple[_dt.date, _dt.date] | str:
    """First and last day of one contract date (not an interval), or why ``s`` is not one."""
    m = _SINGLE_DATE.match(s)
    if not m:
        return f"{s!r} is not {DATE_FORMS}"
    year = int(m.group(1))
    if year < 1:
        return f"{s!r}: year 0000"
    month, day, half, quarter = m.group(2), m.group(3), m.group(4), m.group(5)
    if month is not None:
        mo = int(month)
        if not 1 <= mo <= 12:
            return f"{s!r}: month {month} out of range"
        if day is not None:
            try:
                d = _dt.date(year, mo, int(day))
            except ValueError:
                return f"{s!r}: no such day"
            return d, d
        first = _dt.date(year, mo, 1)
        nxt = _dt.date(year + (mo == 12), mo % 12 + 1, 1)
        return first, nxt - _dt.timedelta(days=1)
    if half is not None:
        return (_dt.date(year, 1, 1), _dt.date(year, 6, 30)) if half == "1" else (_dt.date(year, 7, 1), _dt.date(year, 12, 31))
    if quarter is not None:
        q = int(quarter)
        first = _dt.date(year, 3 * q - 2, 1)
        last = _dt.date(year, 12, 31) if q == 4 else _dt.date(year, 3 * q + 1, 1) - _dt.timedelta(days=1)
        return first, last
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)


def date_error(value) -> str | None:
    """None when ``value`` is a valid contract date (or null), else why it is not.

    Valid: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-H1``/``H2``,
    ``YYYY-Q1``..``Q4`` and an interval ``A/B`` of those where ``A`` does not
    begin after ``B`` ends.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        return f"expected a string or null, got {type(value).__name__}"
    parts = value.split("/")
    if len(parts) > 2:
        return f"{value!r}: an interval has exactly one '/'"
    bounds = [date_bounds(p) for p in parts]
    for b in bounds:
        if isinstance(b, str):
            return b
    if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
        return f"{value!r}: the interval starts after it ends"
    return None


# --------------------------------------------------------------------------- publication date

#: How a publication date is written wherever a user gives one (``--published``,
#: a manifest, golden ``docs.tsv``, the ``published`` argument, a rule example):
#: ``YYYY-MM-DD``, month and day may drop their leading zero (``2025-9-2``).
PUBLISHED_FORMAT = "YYYY-MM-DD"
_PUBLISHED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def published_error(value) -> str | None:
    """None when ``value`` is a publication date (or None/empty: none given), else why it is not."""
    if value is None or isinstance(value, _dt.date):
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _PUBLISHED.fullmatch(s)
    if not m:
        return f"publication date {s!r} is not {PUBLISHED_FORMAT}"
    try:
        _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return f"publication date {s!r}: no such day"
    return None


def parse_published(value, *, where: str | None = None) -> _dt.date | None:
    """The one publication-date parser: a date, None (None or empty), or :class:`~zhfacts.errors.UsageError`.

    ``where`` prefixes the message (``--published``, ``manifest.tsv:3``)."""
    if value is None or isinstance(value, _dt.date):
        return value
    error = published_error(value)
    if error:
        from zhfacts.errors import UsageError

        raise UsageError(f"{where}: {error}" if where else error)
    s = str(value).strip()
    if not s:
        return None
    y, m, d = s.split("-")
    return _dt.date(int(y), int(m), int(d))


# --------------------------------------------------------------------------- units

#: Section 2, unit equivalences: written form (casefolded) -> the form the
#: extractor writes. "E" stands for EFLOPS after a computing-power figure (12E);
#: a bare unit "E" has no other use in the contract, so it is mapped wherever it appears.
UNIT_EQUIVALENCES = {
    "兆瓦": "MW", "千瓦": "kW", "瓦": "W",
    "太字节": "TB", "泽字节": "ZB", "艾字节": "EB",
    "eflops": "EFLOPS", "e": "EFLOPS",
    "人民币": "元", "元人民币": "元", "人民币元": "元",
    "新台币元": "新台币", "台币": "新台币", "港币": "港元",
    "兆瓦时": "MWh", "兆伏安": "MVA",
    "平方米": "m²", "平方呎": "ft²",
}


def canonical_unit(unit) -> str:
    """The unit after the equivalences and case folding (None counts as ""): what scoring compares."""
    u = unit.strip() if isinstance(unit, str) else ""
    u = UNIT_EQUIVALENCES.get(u.casefold(), u)
    return u.casefold()


def unit_form_error(unit: str) -> str | None:
    """None when ``unit`` is written in the form the extractor must write (the right-hand side)."""
    right = UNIT_EQUIVALENCES.get(unit.casefold())
    if right is not None and right != unit:
        return f"write {right!r}, the contract's form of {unit!r}"
    return None
