"""Necessary conditions of the boilerplate patterns: a cheap per-line prefilter.

:mod:`zhfacts.norm_layout` tries some fifty line patterns on every line; almost
every body line matches none of them. For each pattern, :func:`guard` works out
from the pattern's text two conditions that EVERY match needs:

- ``chars``: a set of characters at least one of which the line contains
  (e.g. ``{"»", "›", "＞", ">", "→"}`` for a breadcrumb chain): taken from a
  part of the pattern that every match goes through (a literal, a character
  class, or an alternation of such parts), choosing the rarest one;
- ``max_len``: the longest line the pattern can match, when it is matched at
  the start of the line and must end at the line end (``^...$`` with bounded
  repetitions, e.g. a bare two-or-three-character name).

A line failing either condition cannot match the pattern, so the pattern is
not tried there. The analysis is conservative: it understands the regex syntax
the rule files use (literals, escapes, character classes, groups, lookarounds,
alternation, quantifiers, anchors) and gives up (``None``, pattern always
tried) on anything else: inline flags, nested sets, numbered references,
conditionals, unknown escapes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

__all__ = ["Guard", "guard", "parse"]

# Characters frequent in Chinese news text: a condition made of them rules out few
# lines, so a rarer part of the pattern is preferred (speed only, never correctness).
_COMMON = frozenset(
    "，。、：；“”（）《》！？ 0123456789.-%/"
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "理世车算网智万亿元市场企技术务服信息务省项目截至达超约占同比增长规模研究院中心"
)


class Guard(NamedTuple):
    chars: frozenset | None  # a matching line contains at least one of these (None: no condition)
    max_len: int | None  # a matching line is at most this long (None: no condition)


class _Unsupported(Exception):
    pass


# --- parsing --------------------------------------------------------------------------
# Nodes: ("set", frozenset | None)  one character (None: a set not worked out)
#        ("seq", [nodes]) / ("alt", [nodes]) / ("rep", node, min, max or None)
#        ("look", positive, node) zero width / ("ref",) a backreference
#        ("bol",) / ("eol",) / ("zw",) other zero-width assertions

_SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", "f": "\f"}
_MAX_RANGE = 512


class _Parser:
    def __init__(self, pattern: str):
        self.p = pattern
        self.i = 0

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def parse(self):
        node = self.alternation()
        if self.i != len(self.p):
            raise _Unsupported("unbalanced")
        return node

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self):
        items = []
        while self.i < len(self.p) and self.peek() not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return ("seq", items)

    def quantified(self, atom):
        c = self.peek()
        if c in ("*", "+", "?"):
            self.i += 1
            lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{":
            j = self.p.find("}", self.i)
            if j < 0:
                raise _Unsupported("brace")
            lo_s, comma, hi_s = self.p[self.i + 1:j].partition(",")
            if not all(s == "" or (s.isascii() and s.isdigit()) for s in (lo_s, hi_s)):
                raise _Unsupported("brace")
            if not (lo_s if not comma else (lo_s or hi_s)):
                raise _Unsupported("brace")
            lo = int(lo_s) if lo_s else 0
            hi = (int(hi_s) if hi_s else None) if comma else lo
            self.i = j + 1
        else:
            return atom
        if atom[0] in ("bol", "eol", "zw", "look"):
            raise _Unsupported("quantified assertion")
        if self.peek() in ("?", "+"):  # lazy / possessive: the same strings can match
            self.i += 1
        if self.peek() in ("*", "+", "?", "{"):
            raise _Unsupported("stacked quantifier")
        return ("rep", atom, lo, hi)

    def atom(self):
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return ("set", self.char_class())
        if c == "\\":
            return self.escape()
        self.i += 1
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == ".":
            return ("set", None)
        if c in "*+?{)":
            raise _Unsupported("bad atom")
        return ("set", frozenset(c))

    def group(self):
        self.i += 1  # "("
        kind = "group"
        if self.peek() == "?":
            rest = self.p[self.i + 1:self.i + 4]
            if rest.startswith(":") or rest.startswith(">"):
                self.i += 2
            elif rest.startswith("P<") or (rest.startswith("<") and rest[1:2] not in ("=", "!")):
                j = self.p.find(">", self.i)
                if j < 0:
                    raise _Unsupported("group name")
                self.i = j + 1
            elif rest.startswith("P="):
                j = self.p.find(")", self.i)
                if j < 0:
                    raise _Unsupported("reference")
                self.i = j + 1
                return ("ref",)
            elif rest[:1] in ("=", "!"):
                kind = "look+" if rest[0] == "=" else "look-"
                self.i += 2
            elif rest[:2] in ("<=", "<!"):
                kind = "look+" if rest[1] == "=" else "look-"
                self.i += 3
            else:
                raise _Unsupported("group kind")
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unsupported("unclosed group")
        self.i += 1
        if kind == "group":
            return inner
        return ("look", kind == "look+", inner)

    def escape(self):
        self.i += 1
        c = self.peek()
        if not c:
            raise _Unsupported("trailing backslash")
        self.i += 1
        if c in "dDsSwW":
            return ("set", None)
        if c in "pP":
            if self.peek() == "{":
                j = self.p.find("}", self.i)
                if j < 0:
                    raise _Unsupported("property")
                self.i = j + 1
            else:
                self.i += 1
            return ("set", None)
        if c in "bBAZGmM":
            return ("zw",)
        lit = self._escaped_literal(c)
        return ("set", frozenset(lit))

    def _escaped_literal(self, c: str) -> str:
        if c in _SIMPLE_ESC:
            return _SIMPLE_ESC[c]
        if c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            digits = self.p[self.i:self.i + n]
            if len(digits) != n or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise _Unsupported("hex escape")
            self.i += n
            return chr(int(digits, 16))
        if c.isascii() and c.isalnum():
            raise _Unsupported(f"escape \\{c}")
        return c

    def char_class(self) -> frozenset | None:
        self.i += 1  # "["
        negated = False
        if self.peek() == "^":
            negated = True
            self.i += 1
        chars: set[str] = set()
        known = True
        first = True
        while True:
            c = self.peek()
            if not c:
                raise _Unsupported("unclosed class")
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            if c == "[":
                raise _Unsupported("nested set")
            lo, lo_known = self._class_item()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                hi, hi_known = self._class_item()
                if not (lo_known and hi_known and lo is not None and hi is not None):
                    raise _Unsupported("class range")
                if ord(hi) < ord(lo):
                    raise _Unsupported("bad range")
                if ord(hi) - ord(lo) > _MAX_RANGE:
                    known = False
                else:
                    chars.update(chr(o) for o in range(ord(lo), ord(hi) + 1))
                continue
            if not lo_known:
                known = False
            else:
                chars.add(lo)
        if negated or not known:
            return None
        return frozenset(chars)

    def _class_item(self) -> tuple[str | None, bool]:
        c = self.peek()
        self.i += 1
        if c != "\\":
            return c, True
        e = self.peek()
        if not e:
            raise _Unsupported("trailing backslash")
        self.i += 1
        if e in "dDsSwW":
            return None, False
        if e in "pP":
            if self.peek() == "{":
                j = self.p.find("}", self.i)
                if j < 0:
                    raise _Unsupported("property")
                self.i = j + 1
            else:
                self.i += 1
            return None, False
        return self._escaped_literal(e), True


def parse(pattern: str):
    """The syntax tree of ``pattern`` (raises ``ValueError`` on syntax the analysis does not cover)."""
    try:
        return _Parser(pattern).parse()
    except _Unsupported as exc:
        raise ValueError(str(exc)) from None


# --- analysis -------------------------------------------------------------------------


def _cost(chars: frozenset) -> int:
    return sum(20 if c in _COMMON else 1 for c in chars)


def _need(node) -> frozenset | None:
    """Characters one of which every match of ``node`` contains (None: not worked out)."""
    kind = node[0]
    if kind == "set":
        return node[1]
    if kind == "seq":
        best = None
        for item in node[1]:
            n = _need(item)
            if n is not None and (best is None or _cost(n) < _cost(best)):
                best = n
        return best
    if kind == "alt":
        out: set = set()
        for b in node[1]:
            n = _need(b)
            if n is None:
                return None
            out |= n
        return frozenset(out)
    if kind == "rep":
        return _need(node[1]) if node[2] >= 1 else None
    if kind == "look":
        # a positive lookaround matches text of the same line
        return _need(node[2]) if node[1] else None
    return None  # ref, bol, eol, zw


def _max_width(node) -> int | None:
    kind = node[0]
    if kind == "set":
        return 1
    if kind == "seq":
        total = 0
        for item in node[1]:
            w = _max_width(item)
            if w is None:
                return None
            total += w
        return total
    if kind == "alt":
        ws = [_max_width(b) for b in node[1]]
        return None if any(w is None for w in ws) else max(ws)
    if kind == "rep":
        if node[3] is None:
            return None
        w = _max_width(node[1])
        return None if w is None else w * node[3]
    if kind in ("look", "bol", "eol", "zw"):
        return 0
    return None  # ref: as long as its group, not worked out


def _ends_at_eol(node) -> bool:
    """Does every match of ``node`` end with ``$`` (the end of the line)?"""
    kind = node[0]
    if kind == "eol":
        return True
    if kind == "seq":
        items = [it for it in node[1] if it[0] != "look"]
        return bool(items) and _ends_at_eol(items[-1])
    if kind == "alt":
        return all(_ends_at_eol(b) for b in node[1])
    return False


@lru_cache(maxsize=None)
def guard(pattern: str, anchored: bool) -> Guard:
    """Necessary conditions for ``pattern`` to match a line (``anchored``: matched at its start).

    ``Guard(None, None)`` when the pattern uses syntax the analysis does not cover.
    """
    try:
        tree = _Parser(pattern).parse()
    except _Unsupported:
        return Guard(None, None)
    chars = _need(tree)
    max_len = None
    if anchored and _ends_at_eol(tree):
        max_len = _max_width(tree)
    return Guard(chars, max_len)
