"""Paragraph and sentence ranges of the normalized text.

Paragraphs are the ``\\n``-separated lines of the normalized text. Sentences
end after a run of terminators (``。！？!?；;`` and ``…``), with closing quotes
and brackets right after the run kept in the sentence (``“算力即国力。”``), and
at the paragraph end. A terminator inside a bracket or quote that is still open
does not end the sentence, unless the closing mark comes right after it; a
bracket or quote that does not close within :data:`MAX_ENCLOSED` characters of
its paragraph is ignored, so an unclosed quote cannot swallow the paragraph.
Decimal points never split (``.`` is not a terminator).
"""
from __future__ import annotations

from bisect import bisect_left

import regex

MAX_ENCLOSED = 300
TERMINATORS = "。！？!?；;…"
CLOSERS = "”’」』）)》】〉\"'］"
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "《": "》", "〈": "〉", "［": "］"}
_CLOSE_TO_OPEN = {v: k for k, v in PAIRS.items()}
_SPECIAL_RE = regex.compile(r"[。！？!?；;…“”‘’「」『』（）()【】《》〈〉［］\"]")
_TERM_RUN_RE = regex.compile(r"[。！？!?；;…]+[”’」』）)》】〉\"'］]*")


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
    for m in _SPECIAL_RE.finditer(text, s, e):
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
        elif ch in _CLOSE_TO_OPEN:
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
    out = []
    for ps, pe in paragraphs:
        outer = None
        start = ps
        for m in _TERM_RUN_RE.finditer(text, ps, pe):
            x = m.end()
            if outer is None:
                outer = _outer(_enclosed(text, ps, pe))
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
