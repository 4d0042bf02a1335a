"""The first-character classes that let the date scan skip positions (extract/firstchars.py):
every match starts with a character of the class, and an uncertain pattern gets none."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from zhfacts.extract.dates import DateFinder, expanded_patterns
from zhfacts.extract.firstchars import first_class
from zhfacts.rules import load_rules


@pytest.mark.parametrize("pattern, cls", [
    ("今年", "[今]"),
    ("(?:19|20)\\d{2}年", "[12]"),
    ("(?P<rel>今年|去年)?前(?P<n>[2-9])个月", "[今去前]"),
    ("(?<![\\d.])1[01]\\d年", "[1]"),
    ("\\d+%", "[\\d]"),
    ("(?!)", "(?!)"),
    ("a(?!)|b", "[ab]"),
])
def test_first_class(pattern, cls):
    assert first_class(pattern) == cls


@pytest.mark.parametrize("pattern", [
    "年?",  # may match the empty string
    "[^年]月",  # a negated class
    ".月",
    "(?i)q1",  # case folding
    "(?:今)*",
    "\\p{Han}年",  # not the standard library's syntax
    "(?>x)y",  # an atomic group
])
def test_uncertain_patterns_get_no_class(pattern):
    assert first_class(pattern) is None


_PATTERNS = expanded_patterns(load_rules().raw["dates"])
_ALPHABET = "今去年上下半季度第一二三四十12390月日号截至目前本近 ，。%亿元"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_class_holds_the_first_character_of_every_date_match(text):
    for _, _, p in _PATTERNS:
        cls = first_class(p)
        if cls is None:
            continue
        rx, first = re.compile(p), re.compile(cls)
        for i in range(len(text)):
            if rx.match(text, i):
                assert first.match(text, i), (p, text, i)


_FINDER = DateFinder(load_rules())
_PLAIN = DateFinder(load_rules())  # every position and every rule tried, as before the classes
_PLAIN.first = None
_PLAIN.entry_first = [None] * len(_PLAIN.entries)


def test_the_date_rules_have_classes():
    assert _FINDER.first is not None and any(_FINDER.entry_first)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_date_scan_with_and_without_the_class_agree(text):
    assert _FINDER.find(text) == _PLAIN.find(text)
