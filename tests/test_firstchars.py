"""The first-character classes that let the date scan skip positions (extract/firstchars.py):
every match starts with a character of the class, and an uncertain pattern gets none."""
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from zhfacts.extract.dates import DateFinder, expanded_patterns
from zhfacts.extract.firstchars import first_class
from zhfacts.rules import load_rules


@pytest.mark.parametrize("pattern, cls", [
    ("今年", "[今]"),
    ("(?:19|20)\\d{2}年", "[12]"),
    ("(?P<rel>今年|去年)?前(?P<n>[2-9])个月", "[今去前]"),
    ("(?P<q>[1-4])Q|Q(?P<q>[1-4])", "[1-4Q]"),  # (a group name used twice, as the regex module allows)
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
        rx, first = regex.compile(p), re.compile(cls)  # (the rule as the extractor reads it: a name may be used twice)
        for i in range(len(text)):
            if rx.match(text, i):
                assert first.match(text, i), (p, text, i)


_FINDER = DateFinder(load_rules())
_PLAIN = DateFinder(load_rules())  # every position and every rule tried, as before the classes
_PLAIN.first = None
_PLAIN.entry_first = [None] * len(_PLAIN.entries)


def test_the_date_rules_have_classes():
    # (the scan is the standard library's: a rule it cannot compile, a lookbehind of varying width, sends every
    # date scan to the regex engine with no first-character class, several times slower on a long paragraph)
    assert isinstance(_FINDER.scan, re.Pattern)
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


# ---------------------------------------------------------------- ClausePattern
import regex  # noqa: E402

from zhfacts.extract.firstchars import ClausePattern  # noqa: E402

_ROOT = Path(__file__).resolve().parents[1]

_CLAUSE_OPENING = [
    r"(?:^|(?<=[，。]))(?P<n>[甲乙丙]{1,3}?)(?:公布|营收)",
    r"(?:^|(?<=[，。\n]))(?:其中，?)?(?P<c>[甲乙]{1,2}?(?:企业|厂商))(?=[^，。]*\d)",
    r"(?:^|(?<=[，的]))(?P<x>[甲乙丙]{2,4}?)(?:是|为)[^，。]{0,3}?(?:最大|第一)",
    r"(?:^|(?<=[，。]))\d{1,2}月(?:份)?营收",
]


def test_clause_pattern_reads_its_opening_and_conditions():
    cp = ClausePattern(regex.compile(_CLAUSE_OPENING[0]))
    assert not cp.plain and cp.width == 5 and cp.marks.pattern == "[，。]"
    assert ClausePattern(regex.compile(r"(?<=[，])甲")).plain  # no ^ branch: any other pattern is searched as it is
    assert ClausePattern(regex.compile(r"(?:^|(?<=[，]))甲+")).plain  # no bound on a match's length
    assert ClausePattern(regex.compile(r"(?m)(?:^|(?<=[，]))甲")).plain  # ^ after every line break


@pytest.mark.parametrize("pattern", _CLAUSE_OPENING)
@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet="甲乙丙，。\n的其中公布营收企业厂商是为最大第一月份12", max_size=40),
       cut=st.tuples(st.integers(0, 41), st.integers(0, 41)))
def test_clause_pattern_finds_what_the_pattern_finds(pattern, text, cut):
    rx = regex.compile(pattern)
    cp = ClausePattern(rx)
    assert not cp.plain
    lo, hi = sorted(cut)
    for args in ((), (lo,), (lo, hi)):
        got = [(m.span(), m.groupdict()) for m in cp.finditer(text, *args)]
        want = [(m.span(), m.groupdict()) for m in rx.finditer(text, *args)]
        assert got == want, (pattern, text, args)


def test_clause_patterns_of_the_rules_find_what_they_find():
    """The rules' clause-opening patterns (results subjects, introductions, classes, rankings)
    over the normalized seeds and devsets, whole and in pieces."""
    from zhfacts.extract.pipeline import Components
    from zhfacts.rules import load_rules

    comps = Components(load_rules())
    ef, ar = comps.entities, comps.assembler.attributor.ar
    scans = [ef.results_subject_scan, ef.intro_rx, ar.class_rx, ar.ranked_rx]
    assert not any(cp.plain for cp in scans)
    from zhfacts.normalize import normalize

    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")).text for d in ("seeds", "devset", "devset2")
             for p in sorted((_ROOT / d).glob("*.txt"))]
    found = 0
    for t in texts:
        for cp in scans:
            for args in ((), (len(t) // 3,), (len(t) // 5, len(t) // 2)):
                got = [(m.span(), m.groupdict()) for m in cp.finditer(t, *args)]
                assert got == [(m.span(), m.groupdict()) for m in cp.rx.finditer(t, *args)]
                found += len(got)
    assert found >= 20  # (the patterns do match there)


def test_date_gates_skip_hits_and_find_what_every_rule_finds():
    """A hit whose next characters hold none of what its rules need tries no rule (DateFinder._gate):
    the seeds' and devsets' date mentions are those of the scan that tries every rule."""
    from zhfacts.normalize import normalize

    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for d in ("seeds", "devset", "devset2")
             for p in sorted((_ROOT / d).glob("*.txt"))]
    finder = DateFinder(load_rules())
    for n in texts:
        assert finder.find(n.text, region=n.region) == _PLAIN.find(n.text, region=n.region)
    gates = [g for g in finder.gates.values() if g is not None]
    assert len(gates) > 10
    digits = "".join(c for (c, _), g in finder.gates.items() if g is not None and c.isdigit())
    assert len(set(digits)) >= 5  # (most digits of a text start no date)


# ---------------------------------------------------------------- the stdlib engine (firstchars.stdlib)
@pytest.mark.parametrize("pattern", [
    "\\bQ1",  # \b: each engine's own idea of a word character
    "\\w+年",  # \w: the engines' tables are tens of thousands of characters apart
    "[\\D年]",  # a negated class inside a class
    "(?i)q1",  # inline flags
    "a{e<=1}",  # regex's fuzzy matching (a literal brace for re)
    "\\p{Latin}年",  # not the standard library's syntax (\p{Han} alone is spelled out)
    "\\P{Han}年",
    "(?P<n>1)|(?P<n>2)",  # a group name used twice
    "(?<=年|季度)增",  # a lookbehind of two widths
    "[[:digit:]]",  # a nested set (re warns)
    "(?|(a)|(b))",  # branch reset
    "(?=年)",  # an empty match (the engines step past one differently)
    "年?",
])
def test_stdlib_leaves_to_regex_what_it_may_read_otherwise(pattern):
    from zhfacts.extract.firstchars import stdlib

    assert stdlib(pattern) is None


def test_stdlib_classes_are_the_regex_modules_own():
    """\\d \\s (and their negations) and \\p{Han} are read from the regex module's tables: the two
    engines find the same characters over every code point (their own \\d differ on new digits)."""
    import regex

    from zhfacts.extract.firstchars import stdlib

    every = "".join(map(chr, range(0x110000)))
    for p in ("\\d", "\\s", "\\D", "\\S", "[\\d,.]", "[^年\\s]", "[\\s\\d]", "\\p{Han}", "[\\p{Han}A-Za-z]", "[^\\p{Han}\\d]"):
        runs = f"(?:{p})+"  # (runs of them: a few thousand matches, not a million)
        assert [m.span() for m in stdlib(runs).finditer(every)] == [m.span() for m in regex.finditer(runs, every)], p


_STD_ALPHABET = "今去年上下半季度第一二三四十12390月日号截至目前本近 \u3000\n，。%亿元A_b٣"


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=_STD_ALPHABET, max_size=40))
def test_stdlib_date_rules_match_as_regex_does(text):
    """Each date rule the standard library's engine takes finds the same match and groups as the regex module's."""
    import regex

    from zhfacts.extract.firstchars import stdlib

    for _, _, p in _PATTERNS:
        std = stdlib(p)
        if std is None:
            continue
        rx = regex.compile(p)
        for i in range(len(text) + 1):
            a, b = std.match(text, i), rx.match(text, i)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (p, text, i)


def test_most_date_rules_go_to_the_stdlib_engine():
    from zhfacts.extract.firstchars import stdlib

    assert sum(stdlib(p) is not None for _, _, p in _PATTERNS) >= len(_PATTERNS) * 3 // 4


# ---------------------------------------------------------------- Literals (the gazetteer's scan)
@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(alphabet="中国电信甲乙a ", min_size=1, max_size=4), min_size=1, max_size=8),
       text=st.text(alphabet="中国电信甲乙a b，", max_size=40))
def test_literals_scan_finds_what_the_alternation_finds(words, text):
    from zhfacts.extract.firstchars import Literals

    rx = re.compile("|".join(map(re.escape, words)))
    assert Literals(words).scan(text) == [(m.start(), m.end(), m.group()) for m in rx.finditer(text)]


def test_the_gazetteer_scan_is_the_alias_alternations():
    """The gazetteer's scan is its names' alternation's finditer (the longest first), and its match at a
    name's start (lead_alias) is the alternation's match with each name's not_before as a lookahead."""
    from zhfacts.extract.entities import EntityFinder
    from zhfacts.normalize import normalize

    ef = EntityFinder(load_rules())
    names = sorted(ef.alias_scope, key=len, reverse=True)
    alternation = re.compile("|".join(map(re.escape, names)))
    lookahead = re.compile("|".join(re.escape(a) + (f"(?!{'|'.join(map(re.escape, ef.alias_not_before[a]))})"
                                                    if a in ef.alias_not_before else "") for a in names))
    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")).text for d in ("seeds", "devset", "devset2")
             for p in sorted((_ROOT / d).glob("*.txt"))]
    hits = starts = 0
    for t in texts:
        got = ef.alias_scan.scan(t)
        assert got == [(m.start(), m.end(), m.group()) for m in alternation.finditer(t)]
        hits += len(got)
        for s, _, _ in got:  # (at each name, and a place's name before one of its not_before words)
            for at in (s, s + 1):
                m = lookahead.match(t, at)
                assert ef.lead_alias(t[at:]) == (m.group() if m else None)
                starts += m is not None
    for text in ("江南区域新建基站", "东方市场份额", "萧山区委", "萧山区数字经济"):
        m = lookahead.match(text)
        assert ef.lead_alias(text) == (m.group() if m else None)
    assert hits > 100 and starts > 100 and ef.lead_alias("萧山区数字经济") == "萧山区" and ef.lead_alias("萧山区委") is None


def test_stdlib_patterns_are_what_re_compile_builds():
    """The compiled form kept in the on-disk cache rebuilds the pattern ``re.compile`` builds."""
    from zhfacts.extract.firstchars import stdlib

    for _, _, p in _PATTERNS:
        std = stdlib(p)
        if std is None:
            continue
        again = stdlib(p)  # (the second from what the first kept)
        plain = re.compile(std.pattern)
        for got in (std, again):
            assert (got.pattern, got.flags, got.groups, dict(got.groupindex)) == (
                plain.pattern, plain.flags, plain.groups, dict(plain.groupindex))


def test_date_filters_match_where_the_scan_matches():
    """At a hit whose character more than a few rules can start with, the alternation of the scan's
    branches that can start with it (DateFinder.filters) matches exactly where the whole scan does:
    every position of the seeds and devsets (and of the random texts) starting with such a character."""
    from zhfacts.normalize import normalize

    texts = [normalize(p.read_text(encoding="utf-8", errors="replace")) for d in ("seeds", "devset", "devset2")
             for p in sorted((_ROOT / d).glob("*.txt"))]
    finder = DateFinder(load_rules())
    for n in texts:
        finder.find(n.text, region=n.region)  # (fills the filters of the characters met)
    assert len(finder.filters) >= 10
    tried = 0
    for n in texts:
        for at, c in enumerate(n.text):
            if c in finder.filters:
                assert bool(finder.filters[c].match(n.text, at)) == bool(finder.scan.match(n.text, at)), (c, n.text[at:at + 20])
                tried += 1
    assert tried > 1000


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_date_filters_agree_with_the_scan_on_any_text(text):
    for at, c in enumerate(text):
        if c not in _FINDER.filters:
            _FINDER._entries_for(c, "mainland")
        f = _FINDER.filters.get(c)
        if f is not None:
            assert bool(f.match(text, at)) == bool(_FINDER.scan.match(text, at)), (c, text, at)


# ---------------------------------------------------------------- JumpPattern
from zhfacts.extract.firstchars import JumpPattern  # noqa: E402

_JUMPY = [
    r"(?:白牌)?(?<![A-Za-z0-9])(?P<m>[A-Z]{1,2}\d{2,3})(?:\s?Pro)*(?![A-Za-z0-9])",
    r"(?:甲|乙)?丙+", r"(?<=甲)[A-Z]\d", r"[A-Z]?\d{2}年", r"(?i)[a-z]\d",
]


@pytest.mark.parametrize("pattern", _JUMPY)
@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet="白牌甲乙丙ABab12 Pro年", max_size=40), cut=st.tuples(st.integers(0, 41), st.integers(0, 41)))
def test_jump_pattern_finds_what_the_pattern_finds(pattern, text, cut):
    rx = regex.compile(pattern)
    jp = JumpPattern(rx)
    lo, hi = sorted(cut)
    for args in ((), (lo,), (lo, hi)):
        got = [(m.span(), m.groupdict()) for m in jp.finditer(text, *args)]
        assert got == [(m.span(), m.groupdict()) for m in rx.finditer(text, *args)], (pattern, text, args)


def test_the_product_models_jump():
    """The rules' product model pattern (entities.yaml product_models) jumps between the characters a
    model starts with, and finds in the normalized seeds and devsets what its own scan finds."""
    from zhfacts.extract.entities import EntityFinder
    from zhfacts.normalize import normalize

    jp = EntityFinder(load_rules()).model_rx
    assert jp.jump is not None
    assert JumpPattern(regex.compile("(?i)ab")).jump is None  # (flags: searched as it is)
    found = 0
    for p in sorted(q for d in ("seeds", "devset", "devset2") for q in (_ROOT / d).glob("*.txt")):
        t = normalize(p.read_text(encoding="utf-8", errors="replace")).text
        got = [m.span() for m in jp.finditer(t)]
        assert got == [m.span() for m in jp.rx.finditer(t)]
        found += len(got)
    assert found > 0
