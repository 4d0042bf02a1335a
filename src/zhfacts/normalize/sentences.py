"""Paragraph and sentence ranges of the normalized text.

Paragraphs are the ``\\n``-separated lines of the normalized text. Sentences
end after a run of terminators (``。！？!?；;`` and ``…``), with closing quotes
and brackets right after the run kept in the sentence (``“算力即国力。”``), and
at the paragraph end. A terminator inside a bracket or quote that is still open
does not end the sentence, unless the closing mark comes right after it; a
bracket or quote that does not close within :data:`MAX_ENCLOSED` characters of
its paragraph is ignored, so an unclosed quote cannot swallow the paragraph.
Decimal points never split (``.`` is not a terminator). A summarised page's statements
end with a run of bracketed citation numbers instead (``…研究工作[2][5]市场规模- 2024年…``,
``…增长12.1% [1] - 三季度…``): such a run ends a sentence when a dash bullet, or a short
heading and its dash, comes next (the heading is a sentence of its own).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from zhfacts.normalize.offsets import LazyPattern

MAX_ENCLOSED = 300
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "《": "》", "〈": "〉", "［": "］"}
_CLOSE_TO_OPEN = {v: k for k, v in PAIRS.items()}
_SPECIAL_RE = LazyPattern(r"[。！？!?；;…“”‘’「」『』（）()【】《》〈〉［］\"]")
# the characters of _SPECIAL_RE that _enclosed acts on (terminators pass through it)
_BRACKET_RE = re.compile(r"[“”‘’「」『』（）()【】《》〈〉［］\"]")
_OPENERS = frozenset(PAIRS) | {'"'}
_OPEN_RE = re.compile("[" + "".join(sorted(_OPENERS)).replace("[", "\\[").replace("]", "\\]").replace('"', '"') + "]")
_NO_PAIRS: tuple[list[int], list[int]] = ([], [])
_TERM_RUN_RE = LazyPattern(r"[。！？!?；;…]+[”’」』）)》】〉\"'］]*")
_TERM_RUN_FAST = re.compile(_TERM_RUN_RE.pattern)  # the same, stdlib engine (cheaper per call)
# (the dash of a bullet before its statement: a space, a character or a figure after it, the space next to a
# character closed by normalize)
_CITE_END_RE = LazyPattern(r"(?:\[\d{1,3}\])+ ?(?:(?=-[ \p{Han}A-Za-z\d])|(?P<head>[\p{Han}A-Za-z]{2,16})(?=- ?[\p{Han}A-Za-z\d]))")


def _cite_ends(m) -> tuple[int, ...]:
    """The sentence ends of a citation run: after it, and after the heading it is followed by."""
    return (m.start("head"), m.end("head")) if m.group("head") else (m.end(),)


def split_ends(text: str, s: int = 0, e: int | None = None) -> list[int]:
    """Where a sentence may end in ``text[s:e]``: after a run of terminators or a citation run."""
    e = len(text) if e is None else e
    ends = [m.end() for m in _TERM_RUN_FAST.finditer(text, s, e)]
    if text.find("[", s, e) >= 0:  # (no copy of the text: this runs on every document)
        cites = [x for m in _CITE_END_RE.finditer(text, s, e) for x in _cite_ends(m)]
        if cites:
            ends = sorted(set(ends).union(cites))
    return ends


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _enclosed(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Matched bracket / quote pairs ``(open, close)`` of ``text[s:e]`` (bounded length)."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for m in _BRACKET_RE.finditer(text, s, e):
        ch = m.group()
        p = m.start()
        if ch == '"':
            if stack and stack[-1][0] == '"':
                o = stack.pop()[1]
                if p - o <= MAX_ENCLOSED:
                    pairs.append((o, p))
            else:
                stack.append((ch, p))
        elif ch in PAIRS:
            stack.append((ch, p))
        elif stack:  # a closing mark (nothing to close on an empty stack)
            want = _CLOSE_TO_OPEN[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    o = stack[k][1]
                    del stack[k:]
                    if p - o <= MAX_ENCLOSED:
                        pairs.append((o, p))
                    break
    return pairs


def _outer(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of the pairs' spans as sorted disjoint ``(opens, closes)``."""
    opens: list[int] = []
    closes: list[int] = []
    for o, c in sorted(pairs):
        if closes and o <= closes[-1]:
            closes[-1] = max(closes[-1], c)
        else:
            opens.append(o)
            closes.append(c)
    return opens, closes


def sentence_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    n = len(text)
    if all((ps == 0 or text[ps - 1] == "\n") and (pe == n or text[pe] == "\n") for ps, pe in paragraphs):
        # whole lines: a run of terminators never crosses a line break, so one scan
        # of the text finds the runs of every paragraph
        runs = split_ends(text)
        ends_of = _runs_by_line(runs, paragraphs)
    else:
        ends_of = None
    out = []
    opens = None  # where a bracket or quote may open (worked out when first needed)
    for i, (ps, pe) in enumerate(paragraphs):
        outer = None
        start = ps
        xs = ends_of[i] if ends_of is not None else split_ends(text, ps, pe)
        for x in xs:
            if x == pe:
                # a split at the paragraph end or none: the same sentences either way
                break
            if outer is None:
                if opens is None:
                    opens = [m.start() for m in _OPEN_RE.finditer(text)]
                k = bisect_left(opens, ps)
                if k < len(opens) and opens[k] < pe:
                    outer = _outer(_enclosed(text, ps, pe))
                else:
                    outer = _NO_PAIRS  # nothing opens in this paragraph: no pair
            # x is a split point unless it lies inside a still-open pair (open < x <= close)
            k = bisect_left(outer[0], x) - 1
            if k >= 0 and x <= outer[1][k]:
                continue
            if x > start:
                out.append((start, x))
                start = x
        if start < pe:
            out.append((start, pe))
    return out


def _runs_by_line(ends: list[int], paragraphs) -> list[list[int]]:
    """The run ends ``ends`` (sorted) that fall in each paragraph ``(ps, pe]`` (whole lines)."""
    out = []
    for ps, pe in paragraphs:
        lo = bisect_left(ends, ps + 1)
        hi = bisect_left(ends, pe + 1)
        out.append(ends[lo:hi])
    return out
