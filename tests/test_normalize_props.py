"""Property tests (hypothesis): the offset map, repairing broken inputs, idempotence."""
from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhfacts.normalize import script as norm_script
from zhfacts.normalize.normalizer import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TERM_RE = regex.compile(r"(?:[。！？!?]|…|\.\.\.)[”’」』）)》】〉\"'\]]*$")
HAN_SPACE_RE = regex.compile(r"\p{Han} | \p{Han}")
FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%"}
# ZHFACTS_HYPOTHESIS_EXAMPLES=2000 for a longer hunt
SETTINGS = settings(
    max_examples=int(os.environ.get("ZHFACTS_HYPOTHESIS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@lru_cache(maxsize=None)
def seed_doc(i: int):
    return normalize(SEEDS[i].read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _char_variants(ch: str) -> frozenset:
    """What one original character may become: itself, half-width, Simplified."""
    out = {ch, unicodedata.normalize("NFKC", ch)}
    for cfg in ("t2s", "tw2s", "tw2sp", "hk2s"):
        out.add(norm_script.converter(cfg).convert(ch))
    return frozenset(out)


def check_doc_map(doc) -> None:
    n, m = len(doc.text), len(doc.original)
    assert len(doc.starts) == len(doc.ends) == n
    prev_s = prev_e = 0
    for i in range(n):
        s, e = doc.starts[i], doc.ends[i]
        assert 0 <= s <= e <= m
        assert s >= prev_s and e >= prev_e
        prev_s, prev_e = s, e
        ch = doc.text[i]
        o = doc.original[s:e]
        if len(o) == 1 and ch not in "\n ":
            assert ch in _char_variants(o), (i, ch, o)
        elif ch == "\n":
            # a line break of the original, or the spaces a repost left where it flattened a paragraph break
            # (…成效。 数据…: spaces right after an end mark)
            flattened = o and not o.strip() and s > 0 and doc.original[s - 1] in "。！？”」』"
            assert "\n" in o or "\r" in o or "<" in o or "\u2028" in o or flattened, (i, o)
        elif ch == " ":
            assert o and not o.strip() or "&" in o or "<" in o, (i, o)


def check_text(doc) -> None:
    t = doc.text
    assert "\n\n" not in t and not t.startswith("\n") and not t.endswith("\n")
    assert not HAN_SPACE_RE.search(t)
    assert [t[s:e] for s, e in doc.paragraphs] == [p for p in t.split("\n") if p]
    covered = "".join(t[s:e] for s, e in doc.sentences)
    assert covered == t.replace("\n", "")
    for r in doc.removed:
        assert doc.original[r.start:r.end] == r.text


# --- the offset map on the seeds ------------------------------------------------------------


@SETTINGS
@given(i=st.integers(0, len(SEEDS) - 1), a=st.floats(0, 1), b=st.floats(0, 1), c=st.floats(0, 1), d=st.floats(0, 1))
def test_seed_spans_map_back(i, a, b, c, d):
    doc = seed_doc(i)
    n = len(doc.text)
    s, e = sorted((int(a * n), int(b * n)))
    os_, oe = doc.to_original(s, e)
    assert 0 <= os_ <= oe <= len(doc.original)
    if s < e:
        assert os_ == doc.starts[s] and oe == doc.ends[e - 1]
    # a sub-span maps inside the span (monotone map)
    s2, e2 = sorted((s + int(c * (e - s)), s + int(d * (e - s))))
    os2, oe2 = doc.to_original(s2, e2)
    assert os2 <= oe2
    if s2 < e2:
        assert os_ <= os2 <= oe2 <= oe
    # every character of the span comes from its original range
    for k in range(s, e):
        o = doc.original[doc.starts[k]:doc.ends[k]]
        ch = doc.text[k]
        if len(o) == 1 and ch not in "\n ":
            assert ch in _char_variants(o)


def test_seed_maps_whole():
    for i in range(len(SEEDS)):
        doc = seed_doc(i)
        check_doc_map(doc)
        check_text(doc)


def test_unchanged_chars_equal_original():
    for i in range(len(SEEDS)):
        doc = seed_doc(i)
        same = sum(1 for k, ch in enumerate(doc.text) if doc.original[doc.starts[k]:doc.ends[k]] == ch)
        assert same >= 0.5 * len(doc.text)


# --- random broken inputs normalize back to the clean text -------------------------------------


@lru_cache(maxsize=None)
def clean_paragraphs(i: int) -> list[str]:
    doc = seed_doc(i)
    return [p for p in doc.text.split("\n") if len(p) > 15 and TERM_RE.search(p)]


def wrap(par: str, width: int) -> list[str]:
    """Cut ``par`` every ``width`` characters (inside words and numbers too), never
    right after a sentence end inside the paragraph (that is a paragraph end by design)."""
    lines, i = [], 0
    while i < len(par):
        j = min(len(par), i + width)
        while j < len(par) and j - i > 1 and TERM_RE.search(par[i:j]):
            j -= 1
        lines.append(par[i:j])
        i = j
    return lines


def letter_space(line: str) -> str:
    return regex.sub(r"(?<=[\p{Han}，。、；：])(?=[\p{Han}\d，。、；：])|(?<=\d)(?=\p{Han})", " ", line)


def full_width(line: str, rnd) -> str:
    line = regex.sub(r"(?<=\d)\.(?=\d)", lambda m: "．" if rnd.random() < 0.5 else ".", line)
    return "".join(FULLWIDTH[c] if c in FULLWIDTH and rnd.random() < 0.4 else c for c in line)


@st.composite
def broken_docs(draw):
    i = draw(st.integers(0, len(SEEDS) - 1))
    paras = clean_paragraphs(i)
    k = draw(st.integers(1, min(6, len(paras))))
    start = draw(st.integers(0, len(paras) - k))
    chosen = paras[start:start + k]
    # at least two wrapped lines: with a single line break a document cannot tell a
    # wrapped paragraph from a heading followed by its paragraph
    width = draw(st.integers(min(12, max(len(p) for p in chosen) // 3), 45))
    width = min(width, max(len(p) for p in chosen) // 3)
    blank = draw(st.booleans())
    crlf = draw(st.booleans())
    rnd = draw(st.randoms(use_true_random=False))
    lines = []
    for p in chosen:
        for n, line in enumerate(wrap(p, width)):
            if rnd.random() < 0.25:
                line = letter_space(line)
            if rnd.random() < 0.5:
                line = full_width(line, rnd)
            if n == 0 and rnd.random() < 0.3:  # paragraph indentation
                line = rnd.choice([" ", "  ", "\u3000\u3000", "\t"]) + line
            lines.append(line)
    nl = "\r\n" if crlf else "\n"
    return (nl + nl if blank else nl).join(lines) + nl, "\n".join(chosen)


@SETTINGS
@given(broken_docs())
def test_broken_inputs_repaired(case):
    raw, clean = case
    doc = normalize(raw)
    assert doc.text == clean
    check_doc_map(doc)
    check_text(doc)


@SETTINGS
@given(broken_docs())
def test_idempotent_on_broken_inputs(case):
    raw, _ = case
    once = normalize(raw).text
    assert normalize(once).text == once


# --- arbitrary text: no crash, invariants hold -------------------------------------------------

ALPHABET = st.sampled_from(
    list("算力规模达万亿架台中国數據處理發業國的，。、；：！？“”（）《》…—")
    + list("0123456789.%ABCDEFGHpuePFLOPS")
    + list("０１２．％ＡＢ")
    + [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u3000", "(yè)", "(IDC)", "新华社记者张三摄", "2025年6月2日星期一"]
)


@SETTINGS
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_arbitrary_text(raw):
    doc = normalize(raw)
    check_doc_map(doc)
    check_text(doc)
    again = normalize(doc.text)
    check_text(again)
