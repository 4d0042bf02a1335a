"""Exact numeral resolution: Arabic and Chinese numerals, multipliers, compound amounts.

Values are :class:`decimal.Decimal` throughout: 16.4亿 is 1640000000 exactly
(float-based parsers give 1639999999.9999998).

A numeral is read as sections split by the large multipliers 万, 亿 and 兆
(10^12, the Taiwanese 兆 of 1兆2345億元; 兆 as the SI prefix mega is a unit,
decided in values.py before this is called):

- a compound amount is one value: 1亿5000万 -> 150000000, 4兆3,106亿 ->
  4310600000000, and a multiplier after a smaller one multiplies what came
  before: 2万5千亿 -> 2500000000000, 1.2万亿 -> 1200000000000, 102亿亿 -> 1.02e18;
- a section is an Arabic number (1,085 / 16.4, optionally with 十/百/千: 5千),
  a Chinese digit string read digit by digit with ·/．/./点 as the decimal
  point and 〇/○/零 as zero (六五二八·四 -> 6528.4, 九○○·三 -> 900.3,
  二〇二四 -> 2024), or a structured Chinese numeral below 10^4 (三千五百,
  一千零二十四, 廿三, 卅二), which cn2an reads;
- cn2an is used only where it is right: structured integers in strict mode.
  Its known faults are kept out: it raises KeyError on 零十二, rejects 〇 and
  卅/卌 in strict mode, returns floats for decimals and knows no 兆 = 10^12 and
  no mixed Arabic/Chinese chain; any exception it raises becomes ValueError,
  so a numeral never crashes a document (tests/test_numerals.py checks these
  readings against cn2an's an2cn on random integers).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from zhfacts.errors import OverBudget

MULTIPLIERS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000),
               "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}
BIG = {"万": MULTIPLIERS["万"], "亿": MULTIPLIERS["亿"], "兆": MULTIPLIERS["兆"]}
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}  # 廿三 = 23, 卅二 = 32, 卌 = 40
DECIMAL_MARKS = ".·‧・．﹒点"  # ﹒ (U+FE52, small full stop): 八十三﹒四％
CN_NUM_CHARS = "".join(CN_DIGITS) + "十百千万亿兆" + "".join(TENS)
_ARABIC_SECTION = regex.compile(r"(\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d{4},\d{3}|\d+(?:\. ?\d+)?)([十百千]?)")  # (13. 2%, 2762,854: values._AR)
_SPLIT_BIG = regex.compile(r"([万亿兆])")
# Arabic digits with 千/百/十 between them (3千2百, 2千416, 4千6百): each place's digit, the last group filling
# the places left after the smallest unit written (2千416 = 2416; 2千38 and 2千1 are ambiguous: no numeral)
_MIXED_SECTION = regex.compile(r"(?:(?P<k>\d)千)?(?:(?P<h>\d)百)?(?:(?P<t>\d)十)?(?P<r>\d{1,3})?")
_CN2AN_SAFE = str.maketrans({"〇": "零", "○": "零", "两": "二"})  # forms cn2an's strict mode rejects


def multiplier_value(chain: str) -> Decimal:
    """Value of a multiplier chain written after a number: 万 -> 1e4, 万亿 -> 1e12, 百亿亿 -> 1e18."""
    out = Decimal(1)
    for ch in chain:
        try:
            out *= MULTIPLIERS[ch]
        except KeyError:
            raise ValueError(f"not a multiplier: {ch!r} in {chain!r}") from None
    return out


def arabic_value(text: str) -> Decimal:
    """'1,085' -> 1085, '16.4' -> 16.4 (exact)."""
    try:
        return Decimal(text.replace(",", "").replace("，", "").replace(" ", ""))
    except InvalidOperation:
        raise ValueError(f"not an Arabic number: {text!r}") from None


def _digits(text: str) -> str:
    return "".join(str(CN_DIGITS[ch]) for ch in text)


def _structured(text: str) -> Decimal:
    """A Chinese integer below 10^4 with 十/百/千 (三千五百, 十二, 零十二, 百), via cn2an."""
    text = text.lstrip("零〇○")
    if text and text[0] in "百千":
        text = "一" + text  # cn2an wants an explicit leading digit
    if not text:
        raise ValueError("empty numeral")
    value = _cn2an_reading(text.translate(_CN2AN_SAFE))
    if isinstance(value, tuple):  # cn2an raises KeyError, ValueError and others on bad input
        raise ValueError(f"not a Chinese numeral: {text!r} ({value[1]})")
    if not isinstance(value, int) or not 0 <= value < 10000:
        raise ValueError(f"cn2an read {text!r} as {value!r}")
    return Decimal(value)


def _cn2an_reading(text: str):
    """cn2an's strict reading of ``text``: its result, or ``("raised", name of the exception)``.

    Importing cn2an costs 0.3 s (its package compiles some forty regexes, and proces a
    regex of every city name), most of a short run: its readings are kept in the on-disk
    cache (:mod:`zhfacts.cache`) with the files of the installed cn2an and proces, so a
    process imports it only for a numeral no earlier process read.
    """
    from zhfacts.cache import remembered

    stamp = _cn2an_stamp()
    if stamp is None:
        return _cn2an_read(text)
    # (written with the document's other cache entries, and when the process exits: not once per new numeral,
    # which rewrote the whole file each time)
    return remembered("cn2an", (stamp, text), lambda: _cn2an_read(text))


def _cn2an_read(text: str):
    import cn2an

    try:
        return cn2an.cn2an(text, "strict")
    except Exception as exc:  # noqa: BLE001 - any failure is the numeral's, never the document's
        cause = exc
        while cause is not None:  # (the document's time budget ran out inside the call, perhaps re-wrapped
            if isinstance(cause, OverBudget):  # by the library: the document's, never cached as the numeral's)
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        return ("raised", type(exc).__name__)


@lru_cache(maxsize=1)
def _cn2an_stamp():
    from zhfacts import cache

    parts = (cache.package_stamp("cn2an"), cache.package_stamp("proces"))
    return parts if None not in parts else None


def _section(text: str) -> Decimal:
    """One section between large multipliers (see the module doc)."""
    m = _ARABIC_SECTION.fullmatch(text)
    if m:
        return arabic_value(m.group(1)) * (MULTIPLIERS[m.group(2)] if m.group(2) else 1)
    m = _MIXED_SECTION.fullmatch(text)
    if m and (m.group("k") or m.group("h") or m.group("t")) and text[:1].isdigit():
        places = 1 if m.group("t") else 2 if m.group("h") else 3  # digits left after the smallest unit written
        rest = m.group("r") or ""
        if rest and len(rest) != places:
            raise ValueError(f"a place is missing: {text!r}")
        return (int(m.group("k") or 0) * 1000 + int(m.group("h") or 0) * 100 + int(m.group("t") or 0) * 10
                + Decimal(int(rest) if rest else 0))
    for a, b in TENS.items():
        text = text.replace(a, b)
    point = next((i for i, ch in enumerate(text) if ch in DECIMAL_MARKS), None)
    head, frac = (text, "") if point is None else (text[:point], text[point + 1:])
    if point is not None and (not frac or any(ch not in CN_DIGITS for ch in frac)):
        raise ValueError(f"not a decimal fraction: {text!r}")
    if head and all(ch in CN_DIGITS for ch in head):
        whole = Decimal(_digits(head))
    elif head and all(ch in CN_DIGITS or ch in "十百千" for ch in head):
        whole = _structured(head)
    elif not head and frac:
        whole = Decimal(0)
    else:
        raise ValueError(f"not a numeral: {text!r}")
    return whole + (Decimal("0." + _digits(frac)) if frac else 0)


@lru_cache(maxsize=4096)
def parse_numeral(text: str) -> Decimal:
    """A numeral, Arabic, Chinese or mixed, with its multipliers, as an exact Decimal."""
    if not text:
        raise ValueError("empty numeral")
    parts = _SPLIT_BIG.split(text)  # [section, big, section, big, ..., section]
    total, largest = Decimal(0), Decimal(0)
    for i in range(0, len(parts), 2):
        seg = parts[i]
        big = BIG[parts[i + 1]] if i + 1 < len(parts) else None
        value = _section(seg) if seg else None
        if big is None:
            if value is not None:
                if largest and value >= largest:
                    raise ValueError(f"section larger than its place: {text!r}")
                total += value
        elif value is None:
            total = total * big if total else big  # a chain: 万亿, 亿亿; 万 alone is 10^4
        elif big > largest:
            total = (total + value) * big  # 2万5千亿: the larger multiplier scales what came before
        elif big < largest and value * big < largest:
            total += value * big  # 1亿5000万
        else:
            raise ValueError(f"multipliers out of order: {text!r}")
        if big is not None:
            largest = max(largest, big)
    return total


def chinese_value(text: str) -> Decimal:
    """A Chinese numeral (三十五万, 两千三百万, 一万零十二, 百亿, 六, 十, 二〇二四, 九○○·三) as an exact Decimal."""
    if not text or any(ch not in CN_NUM_CHARS and ch not in DECIMAL_MARKS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return parse_numeral(text)


def number_value(number: str, multiplier: str = "") -> Decimal:
    """Resolve a number token (Arabic, Chinese or a compound of both) and an optional multiplier chain."""
    if not number:
        return multiplier_value(multiplier) if multiplier else Decimal(1)
    try:
        return parse_numeral(number + multiplier)
    except ValueError:
        if not multiplier or not any(c in number for c in "万亿兆萬億"):
            raise
        # 3萬2,418.06千瓩 (a Taiwanese table's unit of a thousand kW): the compound amount, then its multiplier
        return parse_numeral(number) * multiplier_value(multiplier)


def to_json_number(value: Decimal):
    """An int when integral, else a float from the shortest exact decimal string."""
    value = value.normalize() if value == value.to_integral_value() else value
    if value == value.to_integral_value():
        return int(value)
    return float(format(value, "f"))
