"""Exact numeral resolution: Arabic and Chinese numerals, multipliers, 成 and 百分之.

Values are :class:`decimal.Decimal` throughout: 16.4亿 is 1640000000 exactly
(float-based parsers give 1639999999.9999998).  cn2an parses pure Chinese
integer numerals (三十五万, 两千三百万, 一万零十二); the multiplier chain
(万, 亿, 万亿, 亿亿, 百亿 ...) is applied here with Decimal arithmetic.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

MULTIPLIERS = {"十": Decimal(10), "百": Decimal(100), "千": Decimal(1000),
               "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM_CHARS = "".join(CN_DIGITS) + "十百千万亿"


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
        return Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise ValueError(f"not an Arabic number: {text!r}") from None


@lru_cache(maxsize=4096)
def chinese_value(text: str) -> Decimal:
    """A Chinese numeral (三十五万, 两千三百万, 一万零十二, 百亿, 六, 十) as an exact Decimal."""
    if not text or any(ch not in CN_NUM_CHARS and ch != "点" for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    # Digit strings such as 二〇二五 (no unit characters) read digit by digit.
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    # cn2an wants an explicit leading digit (一百亿, not 百亿) and does not
    # parse 亿亿; split the chain so each part stays in its grammar.
    if "亿亿" in text:
        head, _, tail = text.partition("亿亿")
        if tail:  # 亿亿亿, 一亿亿五千: a chain we cannot read is no value (never a wrong one)
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return chinese_value(head or "一") * Decimal(10) ** 16
    if text[0] in "十百千万亿" and text != "十" and not text.startswith("十"):
        text = "一" + text
    import cn2an  # imported lazily: it is slow to import

    try:
        value = cn2an.cn2an(text, "strict")
    except Exception:  # noqa: BLE001 - cn2an raises KeyError, IndexError... on odd strings
        try:
            value = cn2an.cn2an(text, "normal")
        except Exception as exc:  # noqa: BLE001 - (亿一, 万十五, 百千十六): not a numeral we can read
            raise ValueError(f"not a Chinese numeral: {text!r} ({type(exc).__name__})") from None
    if isinstance(value, float):
        # cn2an returns floats for decimals (三点五): go through repr, never binary.
        return Decimal(repr(value))
    return Decimal(int(value))


def number_value(number: str, multiplier: str = "") -> Decimal:
    """Resolve a number token (Arabic or Chinese) and an optional multiplier chain."""
    if not number:
        base = Decimal(1)
    elif number[0].isdigit():
        base = arabic_value(number)
    else:
        base = chinese_value(number)
    return base * multiplier_value(multiplier) if multiplier else base


def to_json_number(value: Decimal):
    """An int when integral, else a float from the shortest exact decimal string."""
    value = value.normalize() if value == value.to_integral_value() else value
    if value == value.to_integral_value():
        return int(value)
    return float(format(value, "f"))
