"""Line structure: page furniture and boilerplate out, wrapped lines joined into paragraphs.

Two steps on the character-normalized buffer (Simplified, half-width, spaces
next to CJK closed):

:func:`classify_lines`
    Each line is stripped and matched against ``rules/normalize/boilerplate.yaml``:
    whole lines (breadcrumbs, metadata, newspaper headers and running heads,
    editor / e-mail / author lines, captions, disclaimers, widgets), related-article
    blocks (a heading line, then item lines: bullets, truncated snippets, dates,
    short titles), a doubled title (``XX`` -> ``X``), and prefixes / suffixes of
    body lines (datelines ``新华社北京9月4日电（记者…）``, ``本报讯``, source notes
    ``（综编自…）``). Removed pieces become :class:`Cut` records.

:func:`assemble`
    Decides for every pair of consecutive kept lines whether the second
    continues the first (join, no separator; a space only between two Latin
    words or numbers when the break had one) or starts a new paragraph (one
    ``\\n``). Always joined, in any layout: a break inside a number (``202⏎4年``,
    ``截至2024⏎年``), after a word that needs a number (``达⏎⏎1085万架``), a line
    starting with a character that cannot begin a line (``，。、）”%``), a line
    ending with an opening bracket or leaving a book title / parenthesis open.
    In web text also a line ending with a comma or a function word (的 和 在…)
    or followed by one starting with a particle (的 了 地…).
    In hard-wrapped text (most lines about one column width, detected from the
    distribution of line widths; 002, and 000 / 003 with a blank line after every
    line) a line continues unless it ends a sentence (``。！？…`` and closing
    quotes) or is a heading: a short line without sentence punctuation at the
    start of a paragraph. A heading printed over two adjacent short lines in a
    blank-line layout (``为全球算力发展⏎提供中国经验``) is one heading. Lines far
    longer than the column (titles) and doubled titles stand alone. A removed
    line is a paragraph boundary, except running heads and captions (they may
    sit inside a paragraph). Web-style text (one paragraph per line: 001, 004)
    keeps its lines.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from zhfacts.normalize import guard as norm_guard
from zhfacts import cache as disk_cache
from zhfacts.normalize import tables as norm_rules
from zhfacts.normalize.offsets import Buf, LazyPattern, apply_edits, offsets

REGION_KINDS = {"breadcrumb", "metadata", "related", "disclaimer", "byline", "header", "caption", "widget"}
TRANSPARENT_KINDS = {"header", "caption"}

PARA_END_RE = LazyPattern(r"(?:[。！？!?]|…|\.\.\.)[”’」』）)》】〉\"'\]]*$")
PARA_CLOSERS = "”’」』）)》】〉\"']"  # what may follow a sentence's terminator (also extract.facts)
_PARA_ENDS = ("。", "！", "？", "!", "?", "…", "...")


def _para_end(s: str) -> bool:
    """``PARA_END_RE.search(s)`` for a line ``s`` (no line break): sentence end, then closing marks."""
    return s.rstrip(PARA_CLOSERS).endswith(_PARA_ENDS)


def _after_end_fn(text: str, ln):
    return lambda: _para_end(text[ln.start:ln.end])


NO_LINE_START = set("，。、；：！？）」』”’》〉】%‰,;:!?)]…")
OPENERS = set("（(「『“‘《〈【[")
_HEADING_FORBIDDEN = frozenset("，,；;。")
# the document's first line may be its headline with a comma in it (甲公司上半年营收超五千亿,5G用户近六亿创新高)
_TITLE_FORBIDDEN = frozenset("；;。")
_DIGIT_FOLLOWERS = set("年月日时分秒万亿千百十个台架家张条项名人元倍%.")
# characters after which a number must follow: a line ending with one never ends a paragraph
_BEFORE_NUMBER = set("达超约为至到逾近共计及和与或比较由从过于占")
# a change's verb at a line's end and a rate at the next line's start (同比增长⏎28.3%。): one sentence cut by
# the page, never a heading (工业生产稳步增长) and a paragraph of its own (no paragraph opens with a bare rate)
_CHANGE_END = ("增长", "下降", "增加", "减少", "提高", "降低", "上升", "回落", "提升", "分别增长", "分别下降")
_RATE_START = re.compile(r"\d+(?:\.\d+)?(?:%|％|个百分点)(?:[。；;，,、]|$)")
_CLAUSE_MARK = re.compile(r"[，,；;]")  # (a sentence under way: a heading has none)
#: a numbered item at the head of a line (2.与上年…, 3、…): never a number cut by a wrap
_ITEM_START = re.compile(r"\d{1,2}[.、](?!\d)")


@dataclass
class Cut:
    """A piece of the buffer removed from the body (buffer coordinates)."""

    start: int
    end: int
    kind: str
    rule: str


@dataclass(slots=True)  # one per line of the input: no per-instance dict
class Line:
    raw_start: int
    raw_end: int
    start: int  # kept content (stripped, prefixes/suffixes removed)
    end: int
    kind: str | None = None  # set when the whole line is removed
    rule: str | None = None
    standalone: bool = False
    width: int = 0  # display width of the original line (letter spacing included)
    cwidth: int = 0  # display width of the normalized line (spaces closed)
    chars: int = 0  # characters of the normalized line

    @property
    def blank(self) -> bool:
        return self.kind is None and self.start >= self.end

    @property
    def kept(self) -> bool:
        return self.kind is None and self.start < self.end


def _finder(chars):
    """The characters of a line that are in ``chars`` (a dict's keys): ``findall`` of their class (stdlib
    engine: a plain class), with repeats; for a line longer than _LONG_LINE, each of them once (findall
    would list a new string object per occurrence, Han characters not being shared: over 100 MB for a
    one-line 10 MB document).  Callers only OR the characters' bits, which repeats do not change."""
    if not chars:
        return lambda s: []
    findall = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]").findall
    keys = chars.keys()

    def find(line: str):
        return findall(line) if len(line) <= _LONG_LINE else keys & set(line)

    return find


_LONG_LINE = 10_000


class _GuardIndex:
    """Candidate rules of a line (bit ``i``: rule ``i``) from its characters and length.

    Each rule has up to three character conditions (:func:`zhfacts.normalize.guard.guard`),
    the rarest first, a longest line, and the characters a line may start and
    end with. Condition ``j`` of rule ``i`` is bit ``j * n + i``; a rule with
    fewer conditions repeats its last one. The first conditions are looked up
    for every line (one scan for the indexed characters, usually finding few);
    length, first and last character then cut the candidates down (a few dict
    lookups); the other conditions are looked at only when some rule is left
    that has them. A rule without a condition is always a candidate for it.
    """

    def __init__(self, guards: list):
        """``guards``: ``(conditions, max_len, first, last)`` per rule (see
        :class:`zhfacts.normalize.guard.Guard`), ``max_len`` a huge number when unlimited."""
        n = self.n = len(guards)
        idx0: dict[str, int] = {}  # first conditions (bits 0..n-1)
        idx12: dict[str, int] = {}  # second and third conditions (bits n..3n-1)
        always0 = digit0 = always12 = digit12 = 0
        checked = 0
        # first / last characters: (index, rules without the condition, rules whose set has \d)
        self.edges = []
        for pos in (2, 3):
            idx: dict[str, int] = {}
            free = digit = 0
            for i, g in enumerate(guards):
                chars = g[pos]
                if chars is None:
                    free |= 1 << i
                    continue
                for c in chars:
                    if c == norm_guard.DIGIT:
                        digit |= 1 << i
                    else:
                        idx[c] = idx.get(c, 0) | (1 << i)
            self.edges.append((idx, free, free | digit))
        for i, (needs, *_rest) in enumerate(guards):
            if not needs:
                always0 |= 1 << i
                always12 |= (1 << (n + i)) | (1 << (2 * n + i))
                continue
            for c in needs[0]:
                if c == norm_guard.DIGIT:
                    digit0 |= 1 << i
                else:
                    idx0[c] = idx0.get(c, 0) | (1 << i)
            if len(needs) == 1:
                always12 |= (1 << (n + i)) | (1 << (2 * n + i))
                continue
            checked |= 1 << i
            for j in (1, 2):
                bit = 1 << (j * n + i)
                for c in needs[min(j, len(needs) - 1)]:
                    if c == norm_guard.DIGIT:
                        digit12 |= bit
                    else:
                        idx12[c] = idx12.get(c, 0) | bit
        self.index, self.index12 = idx0, idx12
        self.always, self.always_digits = always0, always0 | digit0
        self.always12, self.always12_digits = always12, always12 | digit12
        self.checked = checked  # rules with more than one condition
        self.max_lens = [g[1] for g in guards]
        finite = [m for m in self.max_lens if m < 1 << 30]
        self.cap = max(finite) + 1 if finite else 0
        self._by_len: dict[int, int] = {}

    @cached_property
    def find_keys(self):
        """The characters of a line that are in :attr:`index` (see :func:`_finder`)."""
        return _finder(self.index)

    @cached_property
    def find_keys12(self):
        """The characters of a line that are in :attr:`index12` (see :func:`_finder`)."""
        return _finder(self.index12)

    def by_len(self, length: int) -> int:
        """Bit mask of the rules that allow a line of ``length`` characters."""
        k = length if length < self.cap else self.cap
        m = self._by_len.get(k)
        if m is None:
            m = 0
            for i, max_len in enumerate(self.max_lens):
                if k <= max_len:
                    m |= 1 << i
            self._by_len[k] = m
        return m

    def check_more(self, mask: int, line: str, other_digits: bool) -> int:
        """``mask`` without the rules whose second or third condition ``line`` fails."""
        y = self.always12_digits if other_digits else self.always12
        index = self.index12
        for c in self.find_keys12(line):
            y |= index[c]
        n = self.n
        return mask & (y >> n) & (y >> (n + n))

    def by_edges(self, line: str, other_digits: bool) -> int:
        """Bit mask of the rules that allow the first and last characters of ``line``."""
        if not line:
            return -1
        (fi, ff, ffd), (li, lf, lfd) = self.edges
        m = fi.get(line[0], 0) | (ffd if other_digits else ff)
        if line[-1] != "\n":  # ($ matches before a final line break too)
            m &= li.get(line[-1], 0) | (lfd if other_digits else lf)
        return m

    def candidates(self, line: str, other_digits: bool = True) -> int:
        """The rules ``line`` may match (the others cannot); ``other_digits``: the
        line may hold decimal digits other than 0-9."""
        x = self.always_digits if other_digits else self.always
        index = self.index
        for c in self.find_keys(line):
            x |= index[c]
        if x:
            x &= self.by_len(len(line)) & self.by_edges(line, other_digits)
            if x & self.checked:
                x = self.check_more(x, line, other_digits)
        return x


class RuleSet:
    """Rules tried in order (``first``): length limit and context first, then the regex.

    Prefilter (:mod:`zhfacts.normalize.guard`): every pattern comes with necessary
    conditions worked out from its text (characters a matching line must
    contain, a longest matching line), indexed by :class:`_GuardIndex`. A rule
    is tried only on the lines that meet them: a body line costs one scan for
    the indexed characters and a few bit operations instead of fifty regex
    calls. A pattern known to compile may come as a
    :class:`~zhfacts.normalize.offsets.LazyPattern` (see :mod:`zhfacts.normalize.tables`): it
    is compiled when a line first gets to it.
    """

    def __init__(self, rules: list):
        self.rules = rules
        # [rule, bound matcher (bound on first use: the pattern may compile lazily),
        #  max_len (the rule's and the guard's) or a huge number, context]
        self._fast = []
        self.guards = []
        for r in rules:
            g = norm_guard.guard(r[2].pattern, bool(r[5]))
            max_len = r[3] or 1 << 30
            if g.max_len is not None:
                max_len = min(max_len, g.max_len)
            self._fast.append([r, None, max_len, r[4]])
            self.guards.append((g.chars, max_len, g.first, g.last))
        self._index = _GuardIndex(self.guards)

    def candidates(self, line: str, other_digits: bool = True) -> int:
        """Bit mask of the rules whose conditions ``line`` meets (the others cannot
        match it); ``other_digits``: the line may hold decimal digits other than 0-9."""
        return self._index.candidates(line, other_digits)

    def first(self, line: str, index: int, top_lines: int, after_end, skip=None, chars=None, mask=None):
        """``(rule, match)`` of the first rule that applies to ``line``, or ``(None, None)``.

        ``after_end`` is a bool, or a function computing it (called only when a
        rule needs it); ``mask`` is :meth:`candidates` of the line when the
        caller has it (``chars`` is not used any more).
        """
        n = len(line)
        if mask is None:
            mask = self._index.candidates(line, norm_guard.OTHER_DIGIT_RE.search(line) is not None)
        fast = self._fast
        while mask:
            low = mask & -mask
            mask ^= low
            entry = fast[low.bit_length() - 1]
            r, find, max_len, context = entry
            if n > max_len:
                continue
            if context is not None:
                if context == "top" and index >= top_lines:
                    continue
                if context == "after_end":
                    if callable(after_end):
                        after_end = after_end()
                    if not after_end:
                        continue
            if find is None:
                pat = r[2]
                if isinstance(pat, LazyPattern):
                    pat = pat.compiled()
                find = entry[1] = pat.match if r[5] else pat.search
            m = find(line)
            if m and not (skip and skip(r, line)):
                return r, m
        return None, None


@dataclass
class BoilerplateRules:
    top_lines: int
    line_rules: RuleSet
    prefix_rules: RuleSet
    suffix_rules: RuleSet
    related_start: RuleSet
    related_item: RuleSet
    not_names: frozenset = field(default_factory=frozenset)
    trailing: "Trailing | None" = None  # a headerless block of other articles' headlines at the end

    def prefilter(self) -> "_Prefilter":
        """The combined prefilter of the rule sets tried on every line (built once)."""
        pre = self.__dict__.get("_prefilter")
        if pre is None:
            pre = self.__dict__["_prefilter"] = _Prefilter(self)
        return pre


class _Prefilter(_GuardIndex):
    """One index over ``related_start``, ``line_rules``, ``prefix_rules`` and ``suffix_rules``
    (in this order, at ``offsets``): a line's candidate rules of all four sets at once."""

    def __init__(self, rules: BoilerplateRules):
        sets = (rules.related_start, rules.line_rules, rules.prefix_rules, rules.suffix_rules)
        self.offsets = []
        guards = []
        for rs in sets:
            self.offsets.append(len(guards))
            guards.extend(rs.guards)
        self.offsets.append(len(guards))
        super().__init__(guards)


@dataclass(frozen=True)
class Trailing:
    """boilerplate.yaml ``related.trailing``: the lines a page ends with when they are other articles' headlines
    (a portal's list with no heading): at least ``min_lines`` short lines (``max_chars``), none a sentence of the body
    (no 。, no clause's end, no list item: ``not_line``), after a body of ``min_body`` characters or more that
    at least ``share`` of them share almost no words with (Han bigrams, at most ``max_overlap`` of a line's)."""
    rule: str
    min_lines: int
    max_chars: int
    min_body: int
    max_overlap: float
    share: float
    not_line: "regex.Pattern"


_HAN_RUN = regex.compile(r"\p{Han}{2,}")


def _bigrams(text: str) -> set[str]:
    return {w[i:i + 2] for w in _HAN_RUN.findall(text) for i in range(len(w) - 1)}


def _trailing_headlines(text: str, lines: list[Line], cuts: list[Cut], t: Trailing) -> None:
    """Cut the block of other articles' headlines a page ends with (``t``, boilerplate.yaml related.trailing)."""
    block: list[Line] = []
    for line in reversed(lines):
        if line.kind is not None or line.start >= line.end:
            continue  # (a blank line, or a line cut already: page furniture between the headlines)
        content = text[line.start:line.end]
        if len(content) > t.max_chars or t.not_line.search(content):
            break
        block.append(line)
    if len(block) < t.min_lines:
        return
    first = block[-1].start
    body = "".join(text[ln.start:ln.end] for ln in lines if ln.kind is None and ln.end <= first)
    if len(body) < t.min_body:
        return
    known = _bigrams(body)
    unrelated = 0
    for line in block:
        words = _bigrams(text[line.start:line.end])
        if not words or len(words & known) <= t.max_overlap * len(words):
            unrelated += 1
    if unrelated >= t.share * len(block):
        for line in block:
            _remove(line, cuts, "related", t.rule)


@lru_cache(maxsize=1)
def load_boilerplate() -> BoilerplateRules:
    """The compiled rules of ``boilerplate.yaml`` (names from ``names.yaml``)."""
    from zhfacts.errors import RuleError

    name = "boilerplate.yaml"
    data = norm_rules.load(name)
    surnames = norm_rules.str_list("names.yaml", "surnames")
    compound = norm_rules.str_list("names.yaml", "compound_surnames")
    not_names = frozenset(norm_rules.load("names.yaml").get("not_names") or [])
    placeholders = {
        "surname": "|".join(map(regex.escape, surnames)),
        "compound_surname": "|".join(map(regex.escape, compound)),
    }
    related = data.get("related") or {}
    if not isinstance(related, dict):
        raise RuleError(f"rule file {name}: 'related' must be a mapping with 'start' and 'item'")

    def entries(key):
        if key.startswith("related."):
            sub = key.split(".", 1)[1]
            raw = related.get(sub)
            return norm_rules.pattern_rules(name, key, REGION_KINDS, placeholders, entries=raw)
        return norm_rules.pattern_rules(name, key, REGION_KINDS, placeholders)

    def expand(items):
        out = []
        for rid, kind, pat, entry in items:
            context = entry.get("context")
            if context not in (None, "top", "after_end"):
                raise RuleError(f"rule file {name}: entry {rid!r}: unknown context {context!r}")
            max_len = entry.get("max_len")
            if max_len is not None and not isinstance(max_len, int):
                raise RuleError(f"rule file {name}: entry {rid!r}: max_len must be an integer")
            examples = entry.get("examples", [])
            if not isinstance(examples, list) or not all(
                    isinstance(x, dict) and isinstance(x.get("text"), str) and isinstance(x.get("removed"), list)
                    and all(isinstance(t, str) for t in x["removed"]) for x in examples):
                raise RuleError(f"rule file {name}: entry {rid!r}: examples must be a list of "
                                "{text: ..., removed: [the text of each region cut, [] for none]}")
            anchored = pat.pattern.startswith("^") and "|^" not in pat.pattern and "|" not in _top_level(pat.pattern)
            out.append((rid, kind, pat, max_len, context, anchored))
        return RuleSet(out)

    trailing = related.get("trailing")
    if trailing is not None:
        keys = {"id": str, "min_lines": int, "max_chars": int, "min_body": int, "max_overlap": (int, float),
                "share": (int, float), "not_line": str}
        for k, typ in keys.items():
            if not isinstance(trailing, dict) or not isinstance(trailing.get(k), typ) or isinstance(trailing.get(k), bool):
                raise RuleError(f"rule file {name}: related.trailing.{k}: missing or not {getattr(typ, '__name__', 'a number')}")
        try:
            not_line = regex.compile(trailing["not_line"])
        except regex.error as exc:
            raise RuleError(f"rule file {name}: related.trailing.not_line: invalid regex: {exc}") from None
        trailing = Trailing(trailing["id"], trailing["min_lines"], trailing["max_chars"], trailing["min_body"],
                            float(trailing["max_overlap"]), float(trailing["share"]), not_line)
    rules = BoilerplateRules(
        top_lines=int(data.get("top_lines", 12)),
        line_rules=expand(entries("line_rules")),
        prefix_rules=expand(entries("prefix_rules")),
        suffix_rules=expand(entries("suffix_rules")),
        related_start=expand(entries("related.start")),
        related_item=expand(entries("related.item")),
        not_names=not_names,
        trailing=trailing,
    )
    disk_cache.flush()  # patterns known to compile, guards: for the next process
    return rules


def _top_level(pattern: str) -> str:
    """``pattern`` with bracketed and parenthesized parts blanked (to find top-level ``|``)."""
    out = []
    depth = 0
    in_class = False
    esc = False
    for ch in pattern:
        if esc:
            esc = False
            out.append(" ")
            continue
        if ch == "\\":
            esc = True
            out.append(" ")
            continue
        if in_class:
            in_class = ch != "]"
            out.append(" ")
            continue
        if ch == "[":
            in_class = True
            out.append(" ")
        elif ch == "(":
            depth += 1
            out.append(" ")
        elif ch == ")":
            depth -= 1
            out.append(" ")
        else:
            out.append(ch if depth == 0 else " ")
    return "".join(out)


_DOUBLED_SPACED_RE = LazyPattern(r"(.{4,}?)[ \t]+\1")


_SENTENCE_END = frozenset("。！？!?；;…")


def _doubled(line: str) -> int:
    """Length of the first copy when ``line`` is one text written twice (>= 4 chars each), else 0."""
    n = len(line)
    if n >= 8 and n % 2 == 0 and line[: n // 2] == line[n // 2:]:
        return n // 2
    if 9 <= n <= 160:
        m = _DOUBLED_SPACED_RE.fullmatch(line) if (" " in line or "\t" in line) else None
        if m:
            return len(m.group(1))
    return 0


def _remove(line: Line, cuts: list, kind: str, rid: str) -> None:
    line.kind, line.rule = kind, rid
    cuts.append(Cut(line.start, line.end, kind, rid))


def classify_lines(buf: Buf, rules: BoilerplateRules | None = None, chars=None) -> tuple[list[Line], list[Cut]]:
    """Lines of ``buf`` and the pieces cut from them (see the module doc).

    ``chars``: when the caller knows them, characters that include every
    character of ``buf.text`` (they only spare a scan of the text).
    """
    rules = rules or load_boilerplate()
    text = buf.text
    lines: list[Line] = []
    cuts: list[Cut] = []

    in_related = False
    nonblank_index = -1
    last_kept: Line | None = None
    top = rules.top_lines
    not_names = rules.not_names
    top_titles: set[str] = set()
    related_item, related_start = rules.related_item, rules.related_start
    line_rules, prefix_rules, suffix_rules = rules.line_rules, rules.prefix_rules, rules.suffix_rules

    def skip_names(r, content):
        return r[0] == "byline.bare_name" and content in not_names

    pre = rules.prefilter()
    other_digits = norm_guard.OTHER_DIGIT_RE.search("".join(chars) if chars is not None else text) is not None
    o_line, o_pre, o_suf, o_end = pre.offsets[1:]
    k_rs, k_line, k_pre, k_suf = (1 << o_line) - 1, (1 << (o_pre - o_line)) - 1, (1 << (o_suf - o_pre)) - 1, (1 << (o_end - o_suf)) - 1

    pos = 0
    for raw in text.split("\n"):
        e = pos + len(raw)
        st = raw.lstrip(" \t")
        if not st:
            lines.append(Line(pos, e, e, e))
            pos = e + 1
            continue
        ls = e - len(st)
        content = st.rstrip(" \t")
        n = len(content)
        line = Line(pos, e, ls, ls + n)
        lines.append(line)
        pos = e + 1

        nonblank_index += 1
        mask = pre.candidates(content, other_digits)
        if in_related or mask:
            # does the previous kept line end a paragraph (worked out only when a rule asks)
            after_end = True if last_kept is None else _after_end_fn(text, last_kept)
            if in_related:
                hit, _ = related_item.first(content, nonblank_index, top, after_end)
                if hit:
                    dis, _ = line_rules.first(content, nonblank_index, top, after_end,
                                              mask=(mask >> o_line) & k_line)
                    if dis is None or dis[1] != "disclaimer":
                        _remove(line, cuts, "related", hit[0])
                        last_kept = None
                        continue
                in_related = False
            if mask & k_rs:
                hit, _ = related_start.first(content, nonblank_index, top, after_end, mask=mask & k_rs)
                if hit:
                    _remove(line, cuts, "related", hit[0])
                    in_related = True
                    last_kept = None
                    continue
            m = (mask >> o_line) & k_line
            if m:
                hit, _ = line_rules.first(content, nonblank_index, top, after_end, skip_names, mask=m)
                if hit:
                    _remove(line, cuts, hit[1], hit[0])
                    if hit[1] not in TRANSPARENT_KINDS:
                        last_kept = None  # a paragraph starts after a byline / metadata block
                    continue
        if nonblank_index < top and content in top_titles and len(content) > _CELL_TITLE:
            # a title repeated near the top (HTML <title> and <h1>, page header and body; a cell as short as a
            # table's sub-head, 本期⏎同比%⏎本期⏎同比%, repeats under each group head: no title)
            _remove(line, cuts, "header", "header.repeated_title")
            continue
        # _doubled(content), called only where it can find something
        if n >= 8 and ((not n & 1 and content[: n >> 1] == content[n >> 1:])
                       or (n <= 160 and (" " in content or "\t" in content))):
            half = _doubled(content)
            if half and content[:half].rstrip()[-1:] in _SENTENCE_END:
                half = 0  # a sentence said twice is text, not a doubled title: both copies stay
            if half:
                second = line.start + half
                while second < line.end and text[second] in " \t":
                    second += 1
                cuts.append(Cut(second, line.end, "header", "header.doubled_title"))
                line.end = line.start + half
                line.standalone = True
                last_kept = line
                top_titles.add(content[:half])
                continue
        seg = content
        if mask and (mask >> o_pre) & (k_pre | (k_suf << (o_suf - o_pre))):
            m_pre = (mask >> o_pre) & k_pre
            m_suf = (mask >> o_suf) & k_suf
            trimmed: list[Cut] = []
            # prefixes (datelines: distinctive enough to be looked for on every line) and suffixes
            while line.start < line.end and m_pre:
                r, m = prefix_rules.first(seg, nonblank_index, top, after_end, mask=m_pre)
                if r is None or m.end() == 0:
                    break
                trimmed.append(Cut(line.start, line.start + m.end(), r[1], r[0]))
                line.start += m.end()
                seg = text[line.start:line.end]
                m_pre = prefix_rules.candidates(seg, other_digits)
                m_suf = suffix_rules.candidates(seg, other_digits)
            while line.start < line.end and m_suf:
                r, m = suffix_rules.first(seg, nonblank_index, top, after_end, mask=m_suf)
                if r is None or m.start() == m.end():
                    break
                trimmed.append(Cut(line.start + m.start(), line.end, r[1], r[0]))
                line.end = line.start + m.start()
                while line.end > line.start and text[line.end - 1] in " \t":
                    line.end -= 1
                seg = text[line.start:line.end]
                m_suf = suffix_rules.candidates(seg, other_digits)
            if line.start >= line.end:
                # the whole line went as prefixes / suffixes: one removed line of the first cut's kind
                trimmed.sort(key=lambda c: c.start)
                line.start, line.end = trimmed[0].start, max(c.end for c in trimmed)
                _remove(line, cuts, trimmed[0].kind, trimmed[0].rule)
                last_kept = None
                continue
            cuts.extend(trimmed)
        last_kept = line
        if nonblank_index < top and len(seg) <= 80 and not _para_end(seg):
            top_titles.add(seg)
    if rules.trailing is not None:
        _trailing_headlines(text, lines, cuts, rules.trailing)
    cuts.sort(key=lambda c: c.start)
    return lines, cuts


# --- assembling paragraphs ----------------------------------------------------------------


def _wrapped(values: list[int], ends: list[bool]) -> tuple[bool, float, float]:
    """Is this hard-wrapped text: ``(wrapped, column width, tightness)``.

    ``values``: line widths; ``ends``: whether each line ends a sentence. Wrapped
    when most lines are about one width (the 80th percentile), or when the lines
    that do not end a sentence (wrap candidates) cluster at one width that is
    also about the widest text width (in web text such lines are short headings).
    ``tightness`` (the share of lines in the cluster) tells which width measure
    (display columns or characters) the text was wrapped by.
    """
    ws = [v for v in values if v >= 4]
    if len(ws) < 3:
        return False, 0.0, 0.0
    cont = [v for v, e in zip(values, ends) if v >= 4 and not e]
    ws.sort()
    w = ws[int(0.8 * (len(ws) - 1))]
    # the values within [0.8 w, 1.1 w]
    frac = (bisect_right(ws, 1.1 * w) - bisect_left(ws, 0.8 * w)) / len(ws)
    # (lines of one width that each end a sentence are paragraphs of about one length, no column: a wrap cuts
    # most of the lines it fills mid-sentence)
    full = [e for v, e in zip(values, ends) if 0.8 * w <= v <= 1.1 * w]
    if len(ws) >= 5 and w <= 240 and frac >= 0.5 and full.count(False) >= _WRAP_OPEN_SHARE * len(full):
        return True, float(w), frac
    if len(cont) >= 2:
        cont.sort()
        wc = cont[int(0.8 * (len(cont) - 1))]
        cluster = bisect_right(cont, 1.1 * wc) - bisect_left(cont, 0.85 * wc)
        if wc <= 240 and cluster >= 2 and cluster >= 0.25 * len(ws) and wc >= 0.7 * w:
            return True, float(wc), cluster / len(cont)
    return False, float(w), 0.0


_WRAP_OPEN_SHARE = 0.5  # the lines of a column's width a hard wrap leaves open (not ending a sentence), at least
_NO_PARA_END = set("，,、的在和与及对将把被从向是等为并或而其之")  # (ASCII commas too: pages that set Chinese text with them)
_NO_PARA_START = set("的了地得着么吗呢吧")
# a line that stops mid-clause: a sentence ended on it and another begun (a clause, then two or more characters
# after its comma; or five or more with no comma), or three clauses and no end mark at all
_MID_CLAUSE = re.compile(r"[。！？；][^。！？；：:\s]*[，,][^。！？；，,：:\s]{2,}$|[。！？；][^。！？；，,：:\s]{5,}$"
                         r"|^[^。！？；：:\s]{6,}[，,][^。！？；：:\s]{6,}[，,][^。！？；，,：:\s]{3,}$")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _open_bracket(s: str) -> bool:
    """``s`` leaves a book title or a parenthesis open (they never span paragraphs)."""
    return s.count("《") > s.count("》") or s.count("（") > s.count("）") or s.count("(") > s.count(")")


_TAIL_UNIT = regex.compile(r"\d\s?[十百千万亿兆]*\s?([A-Za-z]*)$")
_CLAUSE_CLOSERS = "，。；、：:;,.)）"
_HEAD_LATIN = regex.compile(r"[A-Za-z]+")
_UNIT_FORMS: dict[int, tuple[frozenset, frozenset]] = {}


def _unit_forms() -> tuple[frozenset, frozenset]:
    """The units of rules/units.yaml written in Latin letters (EFLOPS, PB, MW) and in Chinese (架, 平方米)."""
    from zhfacts.rules import load_rules

    raw = load_rules().raw
    forms = _UNIT_FORMS.get(id(raw))
    if forms is None:
        every = [f for e in raw["units"]["units"] for f in e["forms"]]
        forms = (frozenset(f for f in every if f.isascii() and f.isalpha()), frozenset(f for f in every if not f.isascii()))
        _UNIT_FORMS.clear()
        _UNIT_FORMS[id(raw)] = forms
    return forms


def _unit_split(a: str, b: str) -> bool:
    """380EF⏎LOPS, 50P⏎B, 380⏎EFLOPS: a unit after a number cut by a hard line break,
    where the joined letters are a known unit (a short text has no column width to tell)."""
    t = _TAIL_UNIT.search(a)
    if t is None:
        return False
    h = _HEAD_LATIN.match(b)
    if h is not None:
        return (t.group(1) + h.group()) in _unit_forms()[0]
    # 1085万⏎架。: a Chinese unit alone at the head of the next line, closing its clause
    return not t.group(1) and any(b.startswith(f) and (len(b) == len(f) or b[len(f)] in _CLAUSE_CLOSERS)
                                  for f in _unit_forms()[1])


@lru_cache(maxsize=1)
def row_starts() -> "regex.Pattern":
    """One pattern of ``layout.yaml`` ``row_starts``: a line that begins a table's row, its
    column headers or a list's item, a paragraph of its own however the text around it is wrapped."""
    rules = norm_rules.pattern_rules("layout.yaml", "row_starts", {"row", "header", "item"})
    return regex.compile("|".join(f"(?:{pat.pattern})" for _, _, pat, _ in rules))


# a figure alone, its multiplier and a short unit with it (17.2, -3.7%, 26084吨, 37亿): a table's cell
_NUMBER_CELL = regex.compile(r"[+\-−－]?\d[\d,]*(?:\.\d+)?(?:%|[十百千万亿]{0,2}[\p{Han}A-Za-z]{0,3})")
_PERIOD_CELL = regex.compile(r"\d{2,4}年度?|\d{1,2}月份?|\d{4}\s?[QH][1-4]")  # a column's period head (102年, 2024Q3)


_MIN_CELLS = 6  # the fewest cell lines in a row that may be a flattened table


def _cell_spans(kinds: list[str | None]):
    """(start, end) of each run of at least :data:`_MIN_CELLS` consecutive cell lines (kinds not None)."""
    i, n = 0, len(kinds)
    while i < n:
        if kinds[i] is None:
            i += 1
            continue
        j = i
        while j < n and kinds[j] is not None:
            j += 1
        if j - i >= _MIN_CELLS:
            yield i, j
        i = j


def _cell_runs(segs: list[str]) -> list[bool]:
    """Per line, whether it is a cell of a table flattened one cell a line: a run of six short lines or more
    (layout.yaml flattened_tables ``max_cell``), three of them figures (15, 41,181.5, -3.7%).  A column's wrap
    never leaves a run of lines that short, nor a figure alone on a line."""
    kinds = _cell_kinds(segs, _flattened_rule()[2])
    out = [False] * len(segs)
    for i, j in _cell_spans(kinds):
        if kinds[i:j].count("num") >= 3:
            out[i:j] = [True] * (j - i)
    return out


def _number_break(a: str, b: str, wrapped: bool) -> bool:
    x, y = a[-1], b[0]
    if not wrapped and _unit_split(a, b):
        return True
    if x.isdigit() and (y.isdigit() or y in _DIGIT_FOLLOWERS):
        return True
    if x == "." and len(a) > 1 and a[-2].isdigit() and y.isdigit():
        return True
    if wrapped and x.isascii() and x.isalpha() and y.isascii() and y.isalpha():
        return True
    if x in _BEFORE_NUMBER and y.isdigit() and not _ITEM_START.match(b):  # 达⏎1085万架
        return True  # (but 统计⏎2.与上年…: a numbered item starts its own line)
    return False


def _printed(text: str, ln: Line) -> tuple[int, int]:
    """The extent of ``ln`` as printed: its kept text with any prefix or suffix cut off it, spaces at its ends left out."""
    a, b = ln.raw_start, ln.raw_end
    while a < ln.start and text[a].isspace():
        a += 1
    while b > ln.end and text[b - 1].isspace():
        b -= 1
    return a, b


def assemble(buf: Buf, lines: list[Line], original: str | None = None, *, use_original_width: bool = True) -> tuple[Buf, dict]:
    """Join wrapped lines and drop blank / removed lines; paragraphs are separated by one ``\\n``."""
    text = buf.text
    kept = [ln for ln in lines if ln.kind is None and ln.start < ln.end]
    info = {"wrapped": False, "column": 0.0, "headings": 0}
    if not kept:
        return Buf("", [], []), info
    S, E = buf.starts, buf.ends
    segs = [text[ln.start:ln.end] for ln in kept]  # the kept lines' text
    # the width of each line as it was printed, a prefix or suffix cut off it included (a wire's credit before a
    # column's first line: 《某社31日专讯》甲银行公布…业绩,纯⏎利为x亿元 is wrapped at the full line's width)
    spans = [_printed(text, ln) for ln in kept]
    nchars = [b - a for a, b in spans]
    # the width of each line, normalized and original (letter spacing counts)
    cws = [n + (len(text[a:b].encode("utf-8", "surrogatepass")) - n) // 2 for (a, b), n in zip(spans, nchars)]
    if use_original_width and original is not None:
        ochars, ows = [], []
        for a, b in spans:  # (one original line at a time: not a second copy of the text)
            o = original[S[a]:E[b - 1]]
            ochars.append(len(o))
            ows.append(len(o) + (len(o.encode("utf-8", "surrogatepass")) - len(o)) // 2)
    else:
        ochars, ows = nchars, cws
    for ln, cw, n, w in zip(kept, cws, nchars, ows):
        ln.cwidth, ln.chars, ln.width = cw, n, w
    ends = [s.rstrip(PARA_CLOSERS).endswith(_PARA_ENDS) for s in segs]  # (PARA_END_RE)
    wrapped_w, col_w, tight_w = _wrapped(cws, ends)
    wrapped_c, col_c, tight_c = _wrapped(nchars, ends)
    wrapped = wrapped_w or wrapped_c
    by_chars = wrapped_c and (not wrapped_w or tight_c > tight_w)
    info["wrapped"], info["column"] = wrapped, (col_c if by_chars else col_w)
    info["measure"] = "chars" if by_chars else "columns"

    # gaps between consecutive kept lines (gap k: between kept[k] and kept[k + 1])
    n = len(kept)
    gap_blank = [False] * n
    gap_boundary = [False] * n
    k = -1
    for ln in lines:
        if ln.kind is None:
            if ln.start < ln.end:
                k += 1
            elif 0 <= k < n - 1:
                gap_blank[k] = True
        elif 0 <= k < n - 1 and ln.kind not in TRANSPARENT_KINDS:
            gap_boundary[k] = True
    blank_layout = n > 1 and sum(gap_blank[: n - 1]) >= 0.5 * (n - 1)

    # widths in the measure the text was wrapped by: original (letter spacing
    # counts) and normalized
    if by_chars:
        widths, cwidths, col_w = ochars, nchars, col_c
    else:
        widths, cwidths = ows, cws

    def local(k: int, ws: list[int] = widths) -> float:
        near = [ws[j] for j in range(max(0, k - 4), min(n, k + 5)) if j != k and not kept[j].standalone]
        if not near:
            return float(ws[k])
        near.sort()
        return float(near[len(near) // 2])

    if wrapped:
        # lines far wider than the column around them (titles) stand alone
        limit = 1.3 * col_w
        for k, ln in enumerate(kept):
            if cwidths[k] > limit and cwidths[k] > 1.5 * max(local(k, cwidths), 1.0):
                ln.standalone = True

    def heading_like(k: int) -> bool:
        s = segs[k]
        # the original width (letter spacing counts) against the normalized widths around
        return (
            len(s) >= 2
            and (_TITLE_FORBIDDEN if k == 0 else _HEADING_FORBIDDEN).isdisjoint(s)
            and widths[k] < 0.75 * local(k, cwidths)
            and not _open_bracket(s)
            and s.count("“") <= s.count("”")
        )

    def run_ok(k: int) -> bool:
        # kept[k] (a heading line) and kept[k+1] adjacent, kept[k+1] short and then a blank / end
        if not blank_layout or gap_blank[k] or gap_boundary[k] or not heading_like(k + 1):
            return False
        if ends[k]:
            return False
        return k + 1 == n - 1 or gap_blank[k + 1] or gap_boundary[k + 1]

    rows = row_starts()
    in_table = _cell_runs(segs)
    joins = [False] * n
    mode = "start"
    run = 0
    for k in range(n - 1):
        a, b = kept[k], kept[k + 1]
        sa, sb = segs[k], segs[k + 1]
        j = False
        new_mode = "para"
        if (gap_boundary[k] or rows.match(sb) or (sa[-1] == "|" and rows.match(sa))
                or sa.count("|") >= 2 or sb.count("|") >= 2 or (in_table[k] and in_table[k + 1])):
            # (a table's row or its column headers: layout.yaml; a pipe row ends with its last cell;
            # a row of cells split by | is never joined to the line before or after it; nor are the cells of a
            # table flattened one cell a line, 项目⏎2022年⏎…⏎装机容量(MW)⏎1,210.5⏎1,305.2: no words or numbers cut by a wrap)
            j = False
        elif (sb[0] in NO_LINE_START or sa[-1] in OPENERS
              # (digits across a blank line only from a line filling the column: 占比衝6成5⏎⏎2025/11/13
              # is a short headline and its dateline, not a number cut by a wrap)
              or ((sa[-1].isascii() or sa[-1].isdigit() or sa[-1] in _BEFORE_NUMBER or sa[-1] in "十百千万亿兆")
                  and not (gap_blank[k] and sa[-1].isdigit() and sb[0].isdigit()
                           and not (wrapped and cwidths[k] >= 0.9 * col_w))
                  and _number_break(sa, sb, wrapped))
              or (("《" in sa or "（" in sa or "(" in sa) and _open_bracket(sa))
              or (sa.endswith(_CHANGE_END) and _RATE_START.match(sb) and _CLAUSE_MARK.search(sa))):
            j = True
        elif a.standalone or b.standalone:
            j = False
        elif not wrapped:
            # web text: a paragraph never ends with a comma or a function word,
            # and never starts with a particle (的 了 地 得 着); a line of sentences that stops on a Han character
            # mid-clause (…同比增长约52.0%。其中甲设备新⏎⏎增订单…) runs on into the next line's Han text
            j = sa[-1] in _NO_PARA_END or sb[0] in _NO_PARA_START or (
                _is_han(sa[-1]) and _is_han(sb[0]) and _MID_CLAUSE.search(sa) is not None)
        elif mode == "heading":
            j = run < 3 and run_ok(k)
            new_mode = "heading"
        elif ends[k]:
            j = False
        elif mode == "start" and heading_like(k):
            info["headings"] += 1
            j = run_ok(k)
            new_mode = "heading"
        else:
            j = True
        joins[k] = j
        if j:
            run = run + 1 if new_mode == "heading" else 0
            mode = new_mode
        else:
            mode, run = "start", 0

    # the result: the kept lines, each gap removed, or one \n (a new paragraph: the
    # line break's own), or one space (a join between Latin words or numbers where
    # the break had a space or tab: that character's place)
    if n == 1 and kept[0].start == 0 and kept[0].end == len(text):
        return buf, info  # nothing to remove
    parts: list[str] = []
    ns, ne = offsets(), offsets()
    for k in range(n):
        a = kept[k]
        parts.append(segs[k])
        ns += S[a.start:a.end]
        ne += E[a.start:a.end]
        if k == n - 1:
            break
        gs, ge = a.end, kept[k + 1].start
        if joins[k]:
            x, y = text[gs - 1], text[ge]
            if x.isascii() and x.isalnum() and y.isascii() and y.isalnum():
                if text[gs] in " \t":  # the line had a trailing space
                    sp = gs
                elif text[ge - 1] in " \t":  # the next line had a leading space
                    sp = ge - 1
                else:
                    continue
                parts.append(" ")
                ns.append(S[sp])
                ne.append(E[sp])
        else:
            nl = text.index("\n", gs, ge)
            parts.append("\n")
            ns.append(S[nl])
            ne.append(E[nl])
    return Buf("".join(parts), ns, ne), info


# -- tables flattened one cell a line
# A table a page lost its grid from prints each cell on a line of its own: the header's cells, then each row's
# label and its figures (项目⏎2022年⏎2023年⏎装机容量(MW)⏎1,210.5⏎1,305.2…; 城市⏎企业数⏎营业收入⏎…⏎本期⏎同比%⏎…⏎
# 甲市⏎120⏎35210⏎12.5…).  Such a run becomes a pipe table, one line a row, which
# zhfacts.extract.filings reads as any other: a header line made of the column heads (a two-level header's group and
# sub-head joined: 营业收入同比(%); the caption's unit, 单位:万元, added to a head with none), each row's
# cells joined by pipes (the cells keep their exact place in the original).  layout.yaml ``flattened_tables``.
_UNIT_CELL = regex.compile(r"[(（]\s*[^()（）\s]{1,8}\s*[)）]")  # a head's unit on a line of its own: ( % ), (平方呎)
# a group head that is a period (9月, 1—9月, 2024年, 本期): the header writes it on a line over its measures
_PERIOD_GROUP = regex.compile(r"(?:(?:19|20)\d{2}年)?(?:\d{1,2}\s?[—\-–~至]\s?)?\d{1,2}月份?|(?:19|20)\d{2}年度?|本期|本月|累计|上年同期")
_TITLE_LINES = 2  # short lines before a flattened table's heads that may be its title, not heads
_CELL_TITLE = 6  # a line this short repeated near the top is a table's sub-head, no title said twice
_CLAUSE_PUNCT = frozenset("，,；;。、")
_WRAPPED_UNIT_START = frozenset("亿万千百元倍年月日%个台家人股")  # (a line opening so follows a wrapped figure)
_CELL_PUNCT = frozenset("。，；;！？!?：:|")
_DASH_CELL = regex.compile(r"[-—–/]{1,3}")  # an empty cell (—, --)


def _cell_kinds(lines: list[str], max_cell: int) -> list[str | None]:
    """Per line, :func:`_cell_kind`; but a figure whose next line opens with its unit or multiplier and goes on
    with a clause (…售价⏎12.5⏎元，较上月…: a hard-wrapped sentence) is no cell, nor is that line."""
    kinds = [_cell_kind(x, max_cell) for x in lines]
    for i in range(len(lines) - 1):
        nxt = lines[i + 1].strip()
        if kinds[i] == "num" and nxt[:1] in _WRAPPED_UNIT_START and (len(nxt) <= 2 or not _CLAUSE_PUNCT.isdisjoint(nxt)):
            kinds[i] = kinds[i + 1] = None  # (…⏎2.1⏎百货店: a table's next label, no unit)
    return kinds


def _cell_kind(line: str, max_cell: int) -> str | None:
    """'num' (a figure or an empty cell's dash), 'head' (a short label: a row's name, a column's head) or None
    (a line of one character, 年 or 亿 of a wrapped sentence; a line ending with a list's comma, 亿、)."""
    s = line.strip()
    if s in ("|", "｜"):
        return "sep"  # (a pipe table's cells broken onto lines: the pipe between them)
    if _DASH_CELL.fullmatch(s):
        return "num"  # (an empty cell)
    if len(s) < 2 and not s[:1].isdigit():
        return None
    if s[-1] in "、,，":
        return None
    if _NUMBER_CELL.fullmatch(s) and not _PERIOD_CELL.fullmatch(s):
        return "num"  # (2024年, 102年: a column's period, a head)
    if len(s) <= max_cell and _CELL_PUNCT.isdisjoint(s[3:] if s.startswith(("其中:", "其中：")) else s):
        return "head"  # (其中:谷物, a part's row)
    return None


def _column_heads(heads: list[str], k: int) -> tuple[str, list[tuple[str | None, str]]] | None:
    """(the corner cell, the ``k`` column heads) of a flattened table's header cells, or None: one head a column,
    after the corner (the rows' own head) or without it; or two levels, group heads then the sub-heads that repeat
    under each (营业收入、利润⏎本期、同比%、本期、同比%: each group's sub-heads,
    some repeats the page lost counted from the rows' width).  Each column as (its group head or None, its head)."""
    if len(heads) == k + 1:
        return heads[0], [(None, h) for h in heads[1:]]
    if len(heads) == k:
        return "", [(None, h) for h in heads]
    for m in (2, 3):
        pat = heads[-m:]
        g = 1
        while len(heads) >= (g + 1) * m and heads[len(heads) - (g + 1) * m:len(heads) - g * m] == pat:
            g += 1
        if g < 2:
            continue
        rest = heads[:len(heads) - g * m]
        for corner in (1, 0):  # (with the rows' own head first, else without)
            # singles + groups * m == k, singles + groups == len(rest) - corner
            groups, r = divmod(k - (len(rest) - corner), m - 1)
            if r or groups < g or groups > len(rest) - corner:
                continue
            singles = rest[corner:len(rest) - groups]
            cols = [(None, h) for h in singles] + [(grp, sub) for grp in rest[len(rest) - groups:] for sub in pat]
            if len(cols) == k:
                return (rest[0] if corner else ""), cols
    return None


def _head_cell(head: str, unit: str | None, count_words: tuple[str, ...]) -> str:
    """A column head as the pipe table's header writes it: a trailing % as a bracketed unit (同比增减% ->
    同比增减(%)), the caption's unit added to a head that has none and counts nothing (企业数 keeps none)."""
    h = head.replace(" ", "")
    if h.endswith("%") and not h.endswith(("(%)", "（%）")):
        return h[:-1] + "(%)"
    if unit and not h.endswith((")", "）")) and not _PERIOD_CELL.fullmatch(h) and not any(w in h for w in count_words):
        return f"{h}({unit})"
    return h


@lru_cache(maxsize=1)
def _flattened_rule() -> tuple[str, "regex.Pattern", int, int, tuple[str, ...], "regex.Pattern"]:
    from zhfacts.errors import RuleError

    (rid, _kind, pat, entry), = norm_rules.pattern_rules("layout.yaml", "flattened_tables", {"table"})
    for key in ("max_cell", "min_rows"):
        if not isinstance(entry.get(key), int) or entry[key] < 1:
            raise RuleError(f"rule file layout.yaml: flattened_tables entry {rid!r}: {key} must be a positive integer")
    words = entry.get("count_words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise RuleError(f"rule file layout.yaml: flattened_tables entry {rid!r}: count_words must be a list of words")
    try:
        unit_cell = regex.compile(entry["unit_cell"])
    except (KeyError, TypeError, regex.error) as e:
        raise RuleError(f"rule file layout.yaml: flattened_tables entry {rid!r}: unit_cell must be a regex ({e})") from None
    return rid, pat, entry["max_cell"], entry["min_rows"], tuple(words), unit_cell


def pipe_flattened(buf: Buf) -> Buf:
    """Every table of ``buf`` flattened one cell a line, as a pipe table (see above); other text untouched."""
    text = buf.text
    if text.count("\n") < 8:
        return buf
    _rid, caption_rx, max_cell, min_rows, count_words, unit_cell = _flattened_rule()
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    kinds = _cell_kinds([line for _, _, line in lines], max_cell)
    edits: list = []
    for i, j in _cell_spans(kinds):
        while j - i >= _MIN_CELLS:  # (one run may hold two tables, 甲类产品产量…⏎乙类产品⏎2024年…)
            more, i = _table_edits(text, lines, kinds, (i, j), (caption_rx, min_rows, count_words, unit_cell))
            edits += more
    if not edits:
        return buf
    edits.sort(key=lambda ed: (ed[0], ed[1]))
    if any(b[0] < a[1] for a, b in zip(edits, edits[1:])):
        return buf  # (never: the tables' edits are disjoint; a text that made them overlap keeps its lines)
    return apply_edits(buf, edits)


def _table_edits(text: str, lines: list, kinds: list, run: tuple[int, int], rule: tuple) -> tuple[list, int]:
    """The edits that make the first table of the cell lines of ``run`` a pipe table (none when they make no
    table) and the line where the rest of the run begins.  A lone pipe's line between cells (a pipe table with
    its cells broken onto lines: 指标⏎|⏎9月⏎|…) only separates them."""
    caption_rx, min_rows, count_words, unit_cell = rule
    cells = [x for x in range(*run) if kinds[x] != "sep"]
    kind = [kinds[x] for x in cells]
    text_of = [lines[x][2].strip() for x in cells]
    n = len(cells)

    def row_at(p: int) -> int | None:
        """Where the row whose label is cell ``p`` ends (its label, a unit cell if any, its figures), or None."""
        if kind[p] != "head":
            return None
        q = p + 1
        if q + 1 < n and kind[q] == "head" and unit_cell.fullmatch(text_of[q]) and kind[q + 1] == "num":
            q += 1  # (软件业务收入⏎亿元⏎137276: a unit column's cell)
        if q >= n or kind[q] != "num":
            return None
        while q < n and kind[q] == "num":
            q += 1
        return q

    rows, sections, p = [], [], 0
    while p < n:  # a row: its label, then its figures
        q = row_at(p)
        if q is not None:
            rows.append((p, q))
            p = q
        elif rows and p + 1 < n and row_at(p + 1) is not None:
            sections.append(p)  # (按经营地分, a section's title between the rows: a row of the table still)
            p += 1
        elif rows:
            break  # (a label with no figures after the rows: the table ended)
        else:
            p += 1
    end = cells[rows[-1][1] - 1] + 1 if rows else run[1]
    if len(rows) < min_rows:
        return [], end
    widths = [b - a - 1 for a, b in rows]
    k = max(set(widths), key=widths.count)
    labels = [text_of[a] for a, _ in rows]
    if k < 1 or widths.count(k) < min_rows or len(set(labels)) < len(labels):
        return [], end  # (a label that recurs, 住宅 in every row: the rows hold more text cells than a label)
    first = rows[0][0]
    top = max((h + 1 for h in range(first) if kind[h] == "num"), default=0)  # (the header: heads only)
    heads, head_at = [], []
    for h in range(top, first):  # (a bracketed unit on a line of its own, 按年变动⏎( % ): the head before it)
        if heads and _UNIT_CELL.fullmatch(text_of[h]):
            heads[-1] += text_of[h].replace(" ", "")
        else:
            heads.append(text_of[h])
            head_at.append(h)
    found = None
    for drop in range(min(len(heads), _TITLE_LINES) + 1):  # (a title line or two before the heads: none of them)
        cols = _column_heads(heads[drop:], k) if len(heads) - drop >= k else None
        if cols is not None:
            found = (drop, cols)
            break
    if found is None:
        return [], end
    drop, (corner, cols) = found
    h0 = head_at[drop] if drop < len(heads) else first  # (the header's first cell; none: the first row)
    line0 = cells[h0]
    caption = caption_rx.search(text, lines[max(0, line0 - 3)][0], lines[line0][0]) if line0 > 0 else None
    unit = caption.group("unit") if caption is not None else None
    edits = []
    if h0 < first:
        if any(g is not None for g, _ in cols) and all(g is None or _PERIOD_GROUP.fullmatch(g) for g, _ in cols):
            # (9月⏎1—9月 over 绝对量(亿元)⏎同比增长(%): the periods on a line over the measures, as
            # zhfacts.extract.filings reads a monthly release's header)
            header = " | ".join([corner or "项目"] + [g if g is not None else h for g, h in cols]) + " |\n | " \
                + " | ".join("" if g is None else _head_cell(h, unit, count_words) for g, h in cols) + " |"
        else:
            header = " | ".join([corner or "项目"] + [_head_cell((g or "") + h, unit, count_words) for g, h in cols]) + " |"
        edits.append((lines[cells[h0]][0], lines[cells[first - 1]][1], header))
    for p in sections:
        if p > rows[-1][0]:
            break
        edits.append((lines[cells[p]][1], lines[cells[p]][1], " |"))
    for a, b in rows:
        if b - a - 1 != k:
            continue  # (a row missing a cell: its figures cannot be placed in their columns)
        for y in range(a, b - 1):
            edits.append((lines[cells[y]][1], lines[cells[y + 1]][0], " | "))
        edits.append((lines[cells[b - 1]][1], lines[cells[b - 1]][1], " |"))
    return edits, end


# -- a markdown table run into one line
# A page that lost a markdown table's line breaks keeps its pipes: 预测表|项目|2019A|2020E| |:--|:--| |主营收入|12|14| |…
# (each row's closing pipe, a space, the next row's opening pipe).  Where the rule row (|:--|:--|) shows it, each
# "| |" between rows is a line break again, and a title run into the header (预测表|项目|…) is cut off it when the
# header has one cell more than the rule row has columns.
_RULE_ROW = regex.compile(r"\|(?:\s?:?-{2,}:?\s?\|){2,}")
_ROW_BREAK = regex.compile(r"(?<=\|)[ \t\u3000]+(?=\|)")


def split_pipe_rows(buf: Buf) -> Buf:
    """Every markdown table of ``buf`` run into one line, a line a row again (see above); other text untouched."""
    text = buf.text
    if "--" not in text or "|" not in text:
        return buf  # (no rule row: |---|, |:--|)
    edits, pos = [], 0
    for line in text.split("\n"):
        rule = _RULE_ROW.search(line) if line.count("|") >= 8 else None
        if rule is not None:
            breaks = [m for m in _ROW_BREAK.finditer(line) if m.start() >= 1]
            if breaks and breaks[0].start() < rule.start():
                cols = rule.group().count("|") - 1
                first = line.index("|")
                head = line[:breaks[0].start()].split("|")
                if sum(1 for c in head if c.strip()) == cols + 1 and first > 0:
                    edits.append((pos + first, pos + first, "\n"))  # (预测表|项目|…: the title, then the header)
                edits += [(pos + m.start(), pos + m.end(), "\n") for m in breaks]
        pos += len(line) + 1
    return apply_edits(buf, edits) if edits else buf


@lru_cache(maxsize=1)
def _figure_cell() -> "regex.Pattern":
    (_rid, _kind, pat, _entry), = norm_rules.pattern_rules("layout.yaml", "wrapped_headers", {"header"})
    return pat


def _pipe_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    if cells and not cells[0] and line.lstrip().startswith("|"):
        cells = cells[1:]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def join_wrapped_headers(buf: Buf) -> Buf:
    """A pipe table's header wrapped over lines (layout.yaml ``wrapped_headers``), one line again: the line breaks
    inside it become spaces (one character for one: the offsets hold)."""
    text = buf.text
    if text.count("|") < 6:
        return buf
    figure = _figure_cell()
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    cells = [_pipe_cells(line) if "|" in line else None for line in lines]

    def no_figure(k: int) -> bool:
        return cells[k] is not None and bool(cells[k]) and not any(figure.fullmatch(c) for c in cells[k])

    edits, i = [], 0
    while i < len(lines) - 2:
        if not (no_figure(i) and len(cells[i]) >= 2 and no_figure(i + 1)):
            i += 1
            continue
        j, total = i + 1, len(cells[i])
        while j < len(lines) and no_figure(j) and len(cells[j]) <= 3:
            total += len(cells[j])
            j += 1
        row = cells[j] if j < len(lines) else None
        if row is not None and any(figure.fullmatch(c) for c in row) and len(row) == total:
            edits += [(starts[k] - 1, starts[k], " ") for k in range(i + 1, j)]  # (the break before each wrapped line)
        i = j
    return apply_edits(buf, edits) if edits else buf
