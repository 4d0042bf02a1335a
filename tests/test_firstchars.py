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


# ---------------------------------------------------------------- BranchPattern
from zhfacts.extract.firstchars import BranchPattern, _top_level_branches  # noqa: E402

_BRANCHY = [
    r"ab|a", r"a|ab", r"(?P<v>\d)年|(?P<v>\d)月", r"[|a]b|c", r"a\|b|c", r"(a|b)c|d", r"x*|y",
    r"(?<![\d.])\d年|年\d", r"(?:在|于)(?P<v>\d{1,2})日|(?<!月)(?P<v>\d{1,2})日(?=起)", r"[^a|]b|a",
    r"(?P<v>一)个|一(?P<w>年)", r"a(?=b)|ab",
]


def test_top_level_branches():
    assert _top_level_branches(r"ab|(c|d)|[|]e") == ["ab", "(c|d)", "[|]e"]
    assert _top_level_branches(r"a\|b") is None  # one branch
    assert _top_level_branches(r"(a)|\1") is None  # a back reference ties the branches
    assert _top_level_branches(r"(?i)a|b") is None  # a global flag
    assert _top_level_branches(r"[[a]]|b") is None  # a nested class


@pytest.mark.parametrize("pattern", _BRANCHY)
@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="ab|cdxy年月日起在于一个1.2", max_size=30), cut=st.tuples(st.integers(0, 31), st.integers(0, 31)))
def test_branch_pattern_finds_what_the_alternation_finds(pattern, text, cut):
    bp = BranchPattern(pattern)
    lo, hi = sorted(cut)
    for args in ((), (lo,), (lo, hi)):
        got = list(bp.finditer(text, *args))
        want = list(bp.whole.finditer(text, *args))
        assert [m.span() for m in got] == [m.span() for m in want], (pattern, text, args)
        for g, w in zip(got, want):  # (a branch's groups: the alternation's that took part)
            assert all(w.group(k) == v for k, v in g.groupdict().items()), (pattern, text, args)
            assert not {k for k, v in w.groupdict().items() if v is not None} - set(g.groupdict())
        first = bp.search(text, *args)
        assert (first.span() if first else None) == (want[0].span() if want else None)
