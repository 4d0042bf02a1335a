"""Numerals: our exact reading checked against cn2an (the oracle for plain Chinese
integers), the forms cn2an gets wrong, and no numeral ever crashing a document."""
from __future__ import annotations

import os
from decimal import Decimal

import cn2an
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhfacts
from zhfacts.extract.numerals import CN_NUM_CHARS, DECIMAL_MARKS, parse_numeral

SETTINGS = settings(max_examples=int(os.environ.get("ZHFACTS_HYPOTHESIS_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.integers(min_value=0, max_value=10 ** 16 - 1))
def test_chinese_integers_read_as_cn2an_writes_them(n):
    assert parse_numeral(cn2an.an2cn(n)) == n


@SETTINGS
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9999),
       st.sampled_from(["万", "亿"]))
def test_compound_amounts_are_one_value(hi, lo, big):
    # 1亿5000万: the larger section, then the smaller one
    small = {"万": "", "亿": "万"}[big]
    text = f"{hi}{big}{lo}{small}" if lo else f"{hi}{big}"
    expected = hi * (10 ** 8 if big == "亿" else 10 ** 4) + lo * (10 ** 4 if big == "亿" else 1)
    assert parse_numeral(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("零十二", "12"),            # cn2an: KeyError in normal mode
    ("九○○·三", "900.3"),       # cn2an strict rejects ○
    ("卅二·六", "32.6"),         # cn2an strict rejects 卅
    ("十六点四亿", "1640000000"),  # cn2an gives a float
    ("4兆3,106亿", "4310600000000"),
    ("2万5千亿", "2500000000000"),
    ("六五二八·四亿", "652840000000"),
    ("二〇二四", "2024"),
])
def test_forms_cn2an_gets_wrong_are_exact(text, expected):
    value = parse_numeral(text)
    assert isinstance(value, Decimal) and value == Decimal(expected)


@SETTINGS
@given(st.text(alphabet=CN_NUM_CHARS + DECIMAL_MARKS + "0123456789,", min_size=1, max_size=12))
def test_any_numeral_string_is_a_value_or_a_value_error(text):
    try:
        assert isinstance(parse_numeral(text), Decimal)
    except ValueError:
        pass


@SETTINGS
@given(st.text(alphabet=CN_NUM_CHARS + DECIMAL_MARKS + "0123456789,元%倍个年月兆瓦", min_size=1, max_size=16))
def test_no_numeral_crashes_a_document(text):
    for rec in zhfacts.extract(f"该项目规模达{text}。", doc="n", published="2025-09-01"):
        assert isinstance(rec["value"], (int, float))
