"""Necessary conditions of the boilerplate patterns: a cheap per-line prefilter.

:mod:`zhfacts.normalize.layout` tries some fifty line patterns on every line; almost
every body line matches none of them. For each pattern, :func:`guard` works out
from the pattern's text conditions that EVERY match needs:

- ``chars``: sets of characters the line contains at least one character of
  each (e.g. ``{"»", "›", "＞", ">", "→"}`` for a breadcrumb chain; ``年``,
  ``月`` and ``日`` for a dated header): taken from parts of the pattern every
  match goes through (a literal, a character class, or an alternation of such
  parts), the rarest first;
- ``max_len``: the longest line the pattern can match, when it is matched at
  the start of the line and must end at the line end (``^...$`` with bounded
  repetitions, e.g. a bare two-or-three-character name);
- ``first`` / ``last``: the characters the line can start with (a pattern
  matched at the start of the line) and end with (a pattern ending with ``$``),
  e.g. a caption must end with ``摄``, ``图``, ``）`` or a space.

A line failing any condition cannot match the pattern, so the pattern is not
tried there. The analysis is conservative: it understands the regex syntax the
rule files use (literals, escapes, character classes, ``\\d`` (see
:data:`DIGIT`) and ``\\s``, groups, named backreferences, lookarounds,
alternation, quantifiers, anchors) and gives up (no condition, the pattern
always tried) on anything else: inline flags, nested sets, numbered
references, conditionals, unknown escapes. The tests check on generated lines
that a skipped pattern never matches.
"""
from __future__ import annotations

from collections import namedtuple
from functools import lru_cache

import regex

__all__ = ["DIGIT", "DIGIT_RE", "OTHER_DIGIT_RE", "Guard", "condition_class", "guard", "lacks", "match_conditions", "parse"]

# How often a character turns up in ordinary text, to prefer conditions on rare
# ones (speed only, never correctness): punctuation and digits of Chinese text,
# and the 800 most frequent Han characters (by the word frequencies of jieba's
# dictionary), the first 300 of them most frequent.
_PUNCT = frozenset("，。、：；“”（）《》！？ 0123456789.-%/:()")
_HAN_TOP = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部"
    "能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山"
    "水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向"
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首"
    "共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增"
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英克士尔让拉思根格造较际亲单朝红"
    "型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源"
    "息语股铁断派速怎需片爱律纪支早况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚"
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗"
    "章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印亿沙母酒助闻超审待压升送监策略限竟香配藏"
    "敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎"
    "讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶"
)
_HAN_300 = frozenset(_HAN_TOP[:300])
_HAN_800 = frozenset(_HAN_TOP)


#: Stands for "any character ``\\d`` matches" in a condition, next to the ASCII digits:
#: ``\\d`` also matches the decimal digits of other scripts, which a caller either
#: finds absent from a text (then the ASCII digits decide) or treats as present.
DIGIT = "\\d"
_DIGITS = frozenset("0123456789") | {DIGIT}
#: Finds a digit (``\\d``): the one compiled pattern for "is there a number here".
DIGIT_RE = regex.compile(r"\d")
#: Finds a ``\\d`` beyond the ASCII digits: where one occurs, DIGIT counts as present.
OTHER_DIGIT_RE = regex.compile(r"[^\D0-9]")


#: ``chars``: frozensets, a matching line contains a character of each (empty: no
#: condition); ``max_len``: a matching line is at most this long (None: no condition).
#: ``first`` / ``last``: the characters a matching line can start / end with (None:
#: no condition; ``last`` is not checked on a line ending with a line break).
Guard = namedtuple("Guard", ["chars", "max_len", "first", "last"], defaults=(None, None))


class _Unsupported(Exception):
    pass


# --- parsing --------------------------------------------------------------------------
# Nodes: ("set", frozenset | None)  one character (None: a set not worked out)
#        ("seq", [nodes]) / ("alt", [nodes]) / ("rep", node, min, max or None)
#        ("look", positive, node) zero width / ("ref", group node or None) a backreference
#        (to a named group closed before it: the same text as that group matched)
#        ("bol",) / ("eol",) / ("zw",) other zero-width assertions

_SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\r", "f": "\f"}
_MAX_RANGE = 512
_MAX_NEEDS = 3  # conditions kept per pattern (the rarest)


class _Parser:
    def __init__(self, pattern: str):
        self.p = pattern
        self.i = 0
        self.groups: dict[str, object] = {}  # named groups closed so far

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
        p, n = self.p, len(self.p)
        while self.i < n and p[self.i] not in "|)":
            atom = self.atom()
            items.append(self.quantified(atom))
        return ("seq", items)

    def quantified(self, atom):
        c = self.p[self.i:self.i + 1]
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
        c = self.p[self.i:self.i + 1]
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
                kind = "named"
                name = self.p[self.p.index("<", self.i) + 1:j]
                self.i = j + 1
            elif rest.startswith("P="):
                j = self.p.find(")", self.i)
                if j < 0:
                    raise _Unsupported("reference")
                name = self.p[self.i + 3:j]
                self.i = j + 1
                return ("ref", self.groups.get(name))
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
        if kind == "named":
            self.groups[name] = inner
            return inner
        if kind == "group":
            return inner
        return ("look", kind == "look+", inner)

    def escape(self):
        self.i += 1
        c = self.peek()
        if not c:
            raise _Unsupported("trailing backslash")
        self.i += 1
        if c == "d":
            return ("set", _DIGITS)
        if c == "s":
            return ("set", _whitespace())
        if c in "DSwW":
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
                if not (lo_known and hi_known and isinstance(lo, str) and isinstance(hi, str)):
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
            elif isinstance(lo, frozenset):  # \d, \s
                chars |= lo
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
        if e == "d":
            return _DIGITS, True
        if e == "s":
            return _whitespace(), True
        if e in "DSwW":
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


def _char_cost(c: str) -> int:
    if c in _PUNCT or c in _HAN_300:
        return 20
    if c in _HAN_800:
        return 8
    if "A" <= c <= "Z":  # frequent in Chinese tech news too (AI, GPU, EFLOPS)
        return 8
    if "a" <= c <= "z":
        return 3
    return 1


def _cost(chars: frozenset) -> int:
    return sum(map(_char_cost, chars))


def _order(chars: frozenset):
    return _cost(chars), len(chars), min(chars)


def _needs(node) -> list[frozenset]:
    """Character sets every match of ``node`` contains a character of (each of them)."""
    kind = node[0]
    if kind == "set":
        return [node[1]] if node[1] is not None else []
    if kind == "seq":
        out = []
        for item in node[1]:
            out.extend(_needs(item))
        return out
    if kind == "alt":
        # the k-th rarest condition of each branch, united: a match goes through one branch
        per_branch = []
        for b in node[1]:
            n = _needs(b)
            if len(n) > 1:
                n = sorted(set(n), key=_order)
            if not n:
                return []
            per_branch.append(n)
        # (a branch with fewer conditions repeats its last one)
        depth = min(max(len(n) for n in per_branch), _MAX_NEEDS)
        return [frozenset().union(*(n[min(k, len(n) - 1)] for n in per_branch)) for k in range(depth)]
    if kind == "rep":
        return _needs(node[1]) if node[2] >= 1 else []
    if kind == "look":
        # a positive lookaround matches text of the same line
        return _needs(node[2]) if node[1] else []
    return []  # ref, bol, eol, zw


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
    if kind == "ref" and node[1] is not None:
        return _max_width(node[1])  # the same text as its group
    return None


@lru_cache(maxsize=1)
def _whitespace() -> frozenset:
    """The characters ``\\s`` matches: Unicode White_Space, all of them up to U+3000
    (checked over all of Unicode by the tests)."""
    import regex

    return frozenset(regex.findall(r"\s", "".join(map(chr, range(0x3001)))))


def _nullable(node) -> bool:
    """Can ``node`` match the empty string?"""
    kind = node[0]
    if kind == "set":
        return False
    if kind == "seq":
        return all(_nullable(it) for it in node[1])
    if kind == "alt":
        return any(_nullable(b) for b in node[1])
    if kind == "rep":
        return node[2] == 0 or _nullable(node[1])
    if kind == "ref" and node[1] is not None:
        return _nullable(node[1])
    return True  # look, bol, eol, zw; an unresolved reference


def _edge(node, last: bool) -> frozenset | None:
    """The characters a non-empty match of ``node`` can start (``last``: end) with; None: any."""
    kind = node[0]
    if kind == "set":
        return node[1]
    if kind == "seq":
        out: set = set()
        for item in reversed(node[1]) if last else node[1]:
            e = _edge(item, last)
            if e is None:
                return None
            out |= e
            if not _nullable(item):
                break
        return frozenset(out)
    if kind == "alt":
        out = set()
        for b in node[1]:
            e = _edge(b, last)
            if e is None:
                return None
            out |= e
        return frozenset(out)
    if kind == "rep":
        return frozenset() if node[3] == 0 else _edge(node[1], last)
    if kind == "ref":
        return None if node[1] is None else _edge(node[1], last)
    return frozenset()  # zero width: look, bol, eol, zw


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

    ``Guard((), None)`` when the pattern uses syntax the analysis does not cover.
    Kept in the on-disk cache (:mod:`zhfacts.cache`, which is dropped whenever this
    file changes).
    """
    return Guard(*_cached((pattern, anchored), lambda: tuple(_analyse(pattern, anchored))))


def _cached(key, analyse):
    """``analyse()``, kept in the on-disk cache's ``guard`` section under ``key``."""
    from zhfacts import cache

    use_cache = cache.path() is not None
    if use_cache:
        hit = cache.get("guard", key)
        if hit is not None:
            return hit
    out = analyse()
    if use_cache:
        cache.put("guard", key, out)
    return out


def _analyse(pattern: str, anchored: bool) -> Guard:
    try:
        tree = _Parser(pattern).parse()
    except _Unsupported:
        return Guard((), None)
    needs = sorted(set(_needs(tree)), key=_order)
    chars = tuple(needs[:_MAX_NEEDS])
    max_len = first = last = None
    at_eol = _ends_at_eol(tree)
    if anchored and at_eol:
        max_len = _max_width(tree)
    if not _nullable(tree):  # a match is not empty: it has a first and a last character
        if anchored:
            first = _edge(tree, False)
        if at_eol:
            last = _edge(tree, True)
    return Guard(chars, max_len, first, last)


def match_conditions(pattern: str) -> tuple[tuple[frozenset, ...], int] | None:
    """Conditions on the text a match of ``pattern`` spans: (character sets it holds a character
    of each, the rarest first; its greatest length).  Lookarounds, which test text outside the
    match, are left out.  None when the analysis does not cover the pattern's syntax, a match may
    be empty or its length has no bound.  Kept in the on-disk cache, as :func:`guard`."""
    found = _cached((pattern, "match"), lambda: _match_conditions(pattern) or ())
    return found or None


def _match_conditions(pattern: str):
    try:
        tree = _drop_looks(_Parser(pattern).parse())
    except _Unsupported:
        return None
    width = _max_width(tree)
    if width is None or _nullable(tree):
        return None
    return tuple(sorted(set(_needs(tree)), key=_order)[:_MAX_NEEDS]), width


def lacks(text: str, chars) -> bool:
    """Whether ``text`` lacks every character of one of the sets ``chars`` (a :class:`Guard`'s):
    then the pattern they were worked out from matches nowhere in it."""
    # (each set looks through the text itself, stopping at its first character there: no set of the text
    # is built, and the sets after the first one it lacks are not read)
    other = None
    for s in chars:
        if s.isdisjoint(text):
            if DIGIT in s:
                if other is None:  # (a digit of another script: what DIGIT stands for, read only where a set needs it)
                    other = OTHER_DIGIT_RE.search(text) is not None
                if other:
                    continue
            return True
    return False


def excluded(g: Guard, text: str) -> bool:
    """Whether a search (not anchored) for the pattern ``g`` was worked out from finds nothing in
    ``text``: it lacks a character every match holds, or the pattern ends with ``$`` and ``text``
    ends with none of the characters a match can end with (``$`` matches before a final line
    break too: such a text is not tested on its end)."""
    last = g.last
    if last is not None and text and text[-1] != "\n" and text[-1] not in last \
            and not (DIGIT in last and DIGIT_RE.match(text[-1])):
        return True
    return lacks(text, g.chars)


def condition_class(chars) -> str:
    """A character class (pattern text) matching the characters of a condition set (:data:`DIGIT`: ``\\d``)."""
    return "[" + "".join(r"\d" if c == DIGIT else regex.escape(c) for c in sorted(chars)) + "]"


def _drop_looks(node):
    """``node`` with every lookaround made a bare zero-width assertion."""
    kind = node[0]
    if kind == "look":
        return ("zw",)
    if kind in ("seq", "alt"):
        return (kind, [_drop_looks(n) for n in node[1]])
    if kind == "rep":
        return ("rep", _drop_looks(node[1]), node[2], node[3])
    if kind == "ref" and node[1] is not None:
        return ("ref", _drop_looks(node[1]))
    return node
