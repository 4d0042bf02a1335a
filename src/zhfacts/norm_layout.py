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

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import norm_rules
from .norm_map import Buf, apply_edits

KINDS = {"breadcrumb", "metadata", "related", "disclaimer", "byline", "header", "caption", "widget"}
TRANSPARENT_KINDS = {"header", "caption"}

PARA_END_RE = regex.compile(r"(?:[。！？!?]|…|\.\.\.)[”’」』）)》】〉\"'\]]*$")
NO_LINE_START = set("，。、；：！？）」』”’》〉】%‰,;:!?)]…")
OPENERS = set("（(「『“‘《〈【[")
HEADING_FORBIDDEN_RE = regex.compile(r"[，,；;。]")
_DIGIT_FOLLOWERS = set("年月日时分秒万亿千百十个台架家张条项名人元倍%.")
# characters after which a number must follow: a line ending with one never ends a paragraph
_BEFORE_NUMBER = set("达超约为至到逾近共计及和与或比较由从过于占")


def display_width(s: str) -> int:
    """Columns ``s`` takes: 2 per CJK / full-width character, 1 per ASCII character.

    Computed from the UTF-8 length (a 3-byte character counts 2, a 2-byte one
    1.5): exact for Chinese text mixed with ASCII, and fast.
    """
    n = len(s)
    return n + (len(s.encode("utf-8")) - n) // 2


@dataclass
class Cut:
    """A piece of the buffer removed from the body (buffer coordinates)."""

    start: int
    end: int
    kind: str
    rule: str


@dataclass
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


_GROUP_DEF_RE = regex.compile(r"\(\?P<(\w+)>")
_GROUP_REF_RE = regex.compile(r"\(\?P=(\w+)\)")


class RuleSet:
    """Rules tried in order (``first``): length limit and context first, then the regex.

    Prefilter: the anchored rules (``^...``) are also combined into one regex
    matched at the start of the line, so that a body line that no rule can
    match is rejected with one anchored match plus the few unanchored searches.
    """

    def __init__(self, rules: list):
        self.rules = rules
        # (rule, bound matcher, max_len or a huge number, context)
        self._fast = [(r, (r[2].match if r[5] else r[2].search), r[3] or 1 << 30, r[4]) for r in rules]
        anchored = [r for r in rules if r[5]]
        self._unanchored = [(r[2].search, r[3] or 1 << 30) for r in rules if not r[5]]
        self._any_anchored = None
        if anchored:
            parts = []
            for i, r in enumerate(anchored):
                src = _GROUP_DEF_RE.sub(lambda m, i=i: f"(?P<a{i}_{m.group(1)}>", r[2].pattern)
                src = _GROUP_REF_RE.sub(lambda m, i=i: f"(?P=a{i}_{m.group(1)})", src)
                parts.append(f"(?:{src})")
            self._any_anchored = regex.compile("|".join(parts))

    def _maybe(self, line: str) -> bool:
        if self._any_anchored is not None and self._any_anchored.match(line):
            return True
        n = len(line)
        return any(n <= max_len and find(line) for find, max_len in self._unanchored)

    def first(self, line: str, index: int, top_lines: int, after_end: bool, skip=None):
        """``(rule, match)`` of the first rule that applies to ``line``, or ``(None, None)``."""
        if not self._maybe(line):
            return None, None
        n = len(line)
        for r, find, max_len, context in self._fast:
            if n > max_len:
                continue
            if context is not None:
                if context == "top" and index >= top_lines:
                    continue
                if context == "after_end" and not after_end:
                    continue
            m = find(line)
            if m and not (skip and skip(r, line)):
                return r, m
        return None, None


@dataclass
class Rules:
    top_lines: int
    line_rules: RuleSet
    prefix_rules: RuleSet
    suffix_rules: RuleSet
    related_start: RuleSet
    related_item: RuleSet
    not_names: frozenset = field(default_factory=frozenset)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The compiled rules of ``boilerplate.yaml`` (names from ``names.yaml``)."""
    from .errors import RuleError

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
            return norm_rules.pattern_rules(name, key, KINDS, placeholders, entries=raw)
        return norm_rules.pattern_rules(name, key, KINDS, placeholders)

    def expand(items):
        out = []
        for rid, kind, pat, entry in items:
            context = entry.get("context")
            if context not in (None, "top", "after_end"):
                raise RuleError(f"rule file {name}: entry {rid!r}: unknown context {context!r}")
            max_len = entry.get("max_len")
            if max_len is not None and not isinstance(max_len, int):
                raise RuleError(f"rule file {name}: entry {rid!r}: max_len must be an integer")
            anchored = pat.pattern.startswith("^") and "|^" not in pat.pattern and "|" not in _top_level(pat.pattern)
            out.append((rid, kind, pat, max_len, context, anchored))
        return RuleSet(out)

    return Rules(
        top_lines=int(data.get("top_lines", 12)),
        line_rules=expand(entries("line_rules")),
        prefix_rules=expand(entries("prefix_rules")),
        suffix_rules=expand(entries("suffix_rules")),
        related_start=expand(entries("related.start")),
        related_item=expand(entries("related.item")),
        not_names=not_names,
    )


def _applies(rule, line: str, *, index: int, top_lines: int, after_end: bool) -> "regex.Match | None":
    rid, kind, pat, max_len, context, anchored = rule
    if max_len and len(line) > max_len:
        return None
    if context == "top" and index >= top_lines:
        return None
    if context == "after_end" and not after_end:
        return None
    return pat.match(line) if anchored else pat.search(line)


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


_DOUBLED_SPACED_RE = regex.compile(r"(.{4,}?)[ \t]+\1")
_LEAD_WS_RE = regex.compile(r"[ \t]*")


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


def classify_lines(buf: Buf, rules: Rules | None = None) -> tuple[list[Line], list[Cut]]:
    rules = rules or load_rules()
    text = buf.text
    lines: list[Line] = []
    cuts: list[Cut] = []
    pos = 0
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        m = _LEAD_WS_RE.match(raw)
        ls = s + m.end()
        le = e
        while le > ls and text[le - 1] in " \t":
            le -= 1
        lines.append(Line(s, e, ls, le))
        pos = e + 1

    in_related = False
    nonblank_index = -1
    last_kept: Line | None = None
    top = rules.top_lines
    not_names = rules.not_names
    top_titles: set[str] = set()

    def skip_names(r, content):
        return r[0] == "byline.bare_name" and content in not_names

    for line in lines:
        if line.start >= line.end:
            continue
        nonblank_index += 1
        content = text[line.start:line.end]
        after_end = last_kept is None or bool(PARA_END_RE.search(text, last_kept.start, last_kept.end))
        if in_related:
            hit, _ = rules.related_item.first(content, nonblank_index, top, after_end)
            if hit:
                dis, _ = rules.line_rules.first(content, nonblank_index, top, after_end)
                if dis is None or dis[1] != "disclaimer":
                    _remove(line, cuts, "related", hit[0])
                    last_kept = None
                    continue
            in_related = False
        hit, _ = rules.related_start.first(content, nonblank_index, top, after_end)
        if hit:
            _remove(line, cuts, "related", hit[0])
            in_related = True
            last_kept = None
            continue
        hit, _ = rules.line_rules.first(content, nonblank_index, top, after_end, skip_names)
        if hit:
            _remove(line, cuts, hit[1], hit[0])
            if hit[1] not in TRANSPARENT_KINDS:
                last_kept = None  # a paragraph starts after a byline / metadata block
            continue
        if nonblank_index < top and content in top_titles:
            # a title repeated near the top (HTML <title> and <h1>, page header and body)
            _remove(line, cuts, "header", "header.repeated_title")
            continue
        half = _doubled(content)
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
        trimmed: list[Cut] = []
        # prefixes (datelines: distinctive enough to be looked for on every line) and suffixes
        while line.start < line.end:
            r, m = rules.prefix_rules.first(text[line.start:line.end], nonblank_index, top, after_end)
            if r is None or m.end() == 0:
                break
            trimmed.append(Cut(line.start, line.start + m.end(), r[1], r[0]))
            line.start += m.end()
        while line.start < line.end:
            r, m = rules.suffix_rules.first(text[line.start:line.end], nonblank_index, top, after_end)
            if r is None or m.start() == m.end():
                break
            trimmed.append(Cut(line.start + m.start(), line.end, r[1], r[0]))
            line.end = line.start + m.start()
            while line.end > line.start and text[line.end - 1] in " \t":
                line.end -= 1
        if line.start >= line.end:
            # the whole line went as prefixes / suffixes: one removed line of the first cut's kind
            trimmed.sort(key=lambda c: c.start)
            line.start, line.end = trimmed[0].start, max(c.end for c in trimmed)
            _remove(line, cuts, trimmed[0].kind, trimmed[0].rule)
            last_kept = None
            continue
        cuts.extend(trimmed)
        last_kept = line
        kept_content = text[line.start:line.end]
        if nonblank_index < top and len(kept_content) <= 80 and not PARA_END_RE.search(kept_content):
            top_titles.add(kept_content)
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
    pairs = [(v, e) for v, e in zip(values, ends) if v >= 4]
    if len(pairs) < 3:
        return False, 0.0, 0.0
    ws = sorted(v for v, _ in pairs)
    w = ws[int(0.8 * (len(ws) - 1))]
    frac = sum(1 for v in ws if 0.8 * w <= v <= 1.1 * w) / len(ws)
    if len(ws) >= 5 and w <= 240 and frac >= 0.5:
        return True, float(w), frac
    cont = sorted(v for v, e in pairs if not e)
    if len(cont) >= 2:
        wc = cont[int(0.8 * (len(cont) - 1))]
        cluster = sum(1 for v in cont if 0.85 * wc <= v <= 1.1 * wc)
        if wc <= 240 and cluster >= 2 and cluster >= 0.25 * len(pairs) and wc >= 0.7 * w:
            return True, float(wc), cluster / len(cont)
    return False, float(w), 0.0


_NO_PARA_END = set("，、的在和与及对将把被从向是等为并或而其之")
_NO_PARA_START = set("的了地得着么吗呢吧")


def _open_bracket(s: str) -> bool:
    """``s`` leaves a book title or a parenthesis open (they never span paragraphs)."""
    return s.count("《") > s.count("》") or s.count("（") > s.count("）") or s.count("(") > s.count(")")


def _number_break(a: str, b: str, wrapped: bool) -> bool:
    x, y = a[-1], b[0]
    if x.isdigit() and (y.isdigit() or y in _DIGIT_FOLLOWERS):
        return True
    if x == "." and len(a) > 1 and a[-2].isdigit() and y.isdigit():
        return True
    if wrapped and x.isascii() and x.isalpha() and y.isascii() and y.isalpha():
        return True
    if x in _BEFORE_NUMBER and y.isdigit():  # 达⏎1085万架
        return True
    return False


def assemble(buf: Buf, lines: list[Line], original: str | None = None, *, use_original_width: bool = True) -> tuple[Buf, dict]:
    """Join wrapped lines and drop blank / removed lines; paragraphs are separated by one ``\\n``."""
    text = buf.text
    kept = [ln for ln in lines if ln.kept]
    info = {"wrapped": False, "column": 0.0, "headings": 0}
    if not kept:
        return Buf("", [], []), info
    ochars = []
    for ln in kept:
        seg = text[ln.start:ln.end]
        ln.cwidth = display_width(seg)
        ln.chars = len(seg)
        if use_original_width and original is not None:
            oseg = original[buf.starts[ln.start]:buf.ends[ln.end - 1]]
            ln.width = display_width(oseg)
            ochars.append(len(oseg))
        else:
            ln.width = ln.cwidth
            ochars.append(ln.chars)
    ends = [bool(PARA_END_RE.search(text, ln.start, ln.end)) for ln in kept]
    wrapped_w, col_w, tight_w = _wrapped([ln.cwidth for ln in kept], ends)
    wrapped_c, col_c, tight_c = _wrapped([ln.chars for ln in kept], ends)
    wrapped = wrapped_w or wrapped_c
    by_chars = wrapped_c and (not wrapped_w or tight_c > tight_w)
    info["wrapped"], info["column"] = wrapped, (col_c if by_chars else col_w)
    info["measure"] = "chars" if by_chars else "columns"

    # gaps between consecutive kept lines
    idx_of = {id(ln): i for i, ln in enumerate(lines)}
    n = len(kept)
    gap_blank = [False] * n
    gap_boundary = [False] * n
    for k in range(n - 1):
        i0, i1 = idx_of[id(kept[k])], idx_of[id(kept[k + 1])]
        for ln in lines[i0 + 1:i1]:
            if ln.kind is None:
                gap_blank[k] = True
            elif ln.kind not in TRANSPARENT_KINDS:
                gap_boundary[k] = True
    blank_layout = n > 1 and sum(gap_blank[: n - 1]) >= 0.5 * (n - 1)

    # widths in the measure the text was wrapped by: original (letter spacing
    # counts) and normalized
    if by_chars:
        widths, cwidths, col_w = ochars, [ln.chars for ln in kept], col_c
    else:
        widths, cwidths = [ln.width for ln in kept], [ln.cwidth for ln in kept]

    def local(k: int, ws: list[int] = widths) -> float:
        near = [ws[j] for j in range(max(0, k - 4), min(n, k + 5)) if j != k and not kept[j].standalone]
        if not near:
            return float(ws[k])
        near.sort()
        return float(near[len(near) // 2])

    if wrapped:
        # lines far wider than the column around them (titles) stand alone
        for k, ln in enumerate(kept):
            if cwidths[k] > 1.5 * max(local(k, cwidths), 1.0) and cwidths[k] > 1.3 * col_w:
                ln.standalone = True

    def content(ln):
        return text[ln.start:ln.end]

    def heading_like(k: int) -> bool:
        s = content(kept[k])
        # the original width (letter spacing counts) against the normalized widths around
        return (
            len(s) >= 2
            and widths[k] < 0.75 * local(k, cwidths)
            and not HEADING_FORBIDDEN_RE.search(s)
            and not _open_bracket(s)
            and s.count("“") <= s.count("”")
        )

    def run_ok(k: int) -> bool:
        # kept[k] (a heading line) and kept[k+1] adjacent, kept[k+1] short and then a blank / end
        if not blank_layout or gap_blank[k] or gap_boundary[k] or not heading_like(k + 1):
            return False
        if PARA_END_RE.search(content(kept[k])):
            return False
        return k + 1 == n - 1 or gap_blank[k + 1] or gap_boundary[k + 1]

    joins = [False] * n
    mode = "start"
    run = 0
    for k in range(n - 1):
        a, b = kept[k], kept[k + 1]
        sa, sb = content(a), content(b)
        j = False
        new_mode = "para"
        if gap_boundary[k]:
            j = False
        elif sb[0] in NO_LINE_START or _number_break(sa, sb, wrapped) or sa[-1] in OPENERS or _open_bracket(sa):
            j = True
        elif a.standalone or b.standalone:
            j = False
        elif not wrapped:
            # web text: a paragraph never ends with a comma or a function word,
            # and never starts with a particle (的 了 地 得 着)
            j = sa[-1] in _NO_PARA_END or sb[0] in _NO_PARA_START
        elif mode == "heading":
            j = run < 3 and run_ok(k)
            new_mode = "heading"
        elif PARA_END_RE.search(sa):
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

    edits = []
    if kept[0].start > 0:
        edits.append((0, kept[0].start, ""))
    for k in range(n - 1):
        a, b = kept[k], kept[k + 1]
        gs, ge = a.end, b.start
        if joins[k]:
            x, y = text[a.end - 1], text[b.start]
            sp = -1
            if x.isascii() and x.isalnum() and y.isascii() and y.isalnum():
                if text[gs] in " \t":  # the line had a trailing space
                    sp = gs
                elif text[ge - 1] in " \t":  # the next line had a leading space
                    sp = ge - 1
            if sp >= 0:
                if gs < sp:
                    edits.append((gs, sp, ""))
                edits.append((sp, sp + 1, " ", True))
                if sp + 1 < ge:
                    edits.append((sp + 1, ge, ""))
            else:
                edits.append((gs, ge, ""))
        else:
            nl = text.index("\n", gs, ge)
            if gs < nl:
                edits.append((gs, nl, ""))
            if nl + 1 < ge:
                edits.append((nl + 1, ge, ""))
    if kept[-1].end < len(text):
        edits.append((kept[-1].end, len(text), ""))
    return apply_edits(buf, edits), info
