"""What character a match of a regular expression can start with.

A scan for an alternation of many patterns (the date rules) tries every branch
at every position of the text; most positions cannot start any of them.
:func:`first_class` reads a pattern's parse tree (the standard library's own
parser) and returns a character class that every match starts with, so that a
scan can jump from one possible start to the next and try the patterns only
there, finding exactly the same matches.  When the answer is not certain (a
negated class, a pattern that may match the empty string, case folding), it is
``None`` and the caller tries every position, as before.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
               _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = tuple(getattr(_c, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, n))


class _Unknown(Exception):
    pass


def _char(code: int) -> str:
    return re.escape(chr(code))


def _set_items(av) -> list[str]:
    out = []
    for op, arg in av:
        if op is _c.LITERAL:
            out.append(_char(arg))
        elif op is _c.RANGE:
            out.append(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is _c.CATEGORY and arg in _CATEGORIES:
            out.append(_CATEGORIES[arg])
        else:  # NEGATE, a Unicode category, ...: not worth the risk
            raise _Unknown
    return out


def _first(items) -> tuple[list[str], bool]:
    """(class items a match of the sequence ``items`` may start with, whether it may be empty)."""
    out: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            return out + [_char(av)], False
        if op is _c.IN:
            return out + _set_items(av), False
        if op is _c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags & (re.IGNORECASE | re.LOCALE):
                raise _Unknown
            got, empty = _first(sub.data)
        elif op is _c.BRANCH:
            got, empty = [], False
            for alt in av[1]:
                g, e = _first(alt.data)
                got += g
                empty = empty or e
        elif op in _REPEATS:
            lo, _hi, sub = av
            got, empty = _first(sub.data)
            empty = empty or lo == 0
        elif op is _c.ASSERT_NOT and not av[1].data:
            return out, False  # (?!): never matches
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: the next item starts the match
        else:  # a back reference, an atomic group, ANY (.), ...
            raise _Unknown
        out += got
        if not empty:
            return out, False
    return out, True


def first_class(pattern: str) -> str | None:
    """A regular expression of one character (``[...]``) that the first character of
    every match of ``pattern`` matches; ``None`` when that cannot be said for sure.
    ``pattern`` is read with the standard library's syntax (that of ``re``). Kept in
    the on-disk cache (:mod:`zhfacts.cache`): parsing is most of the cost."""
    from zhfacts.cache import remembered

    return remembered("firstchars", pattern, lambda: _first_class(pattern))


def _first_class(pattern: str) -> str | None:
    try:
        try:
            parsed = _p.parse(pattern)
        except re.error:  # (a group name used twice, as the regex module allows: the names tell nothing here)
            parsed = _p.parse(re.sub(r"\(\?P<\w+>", "(?:", pattern))
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        items, empty = _first(parsed.data)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if empty:
        return None
    return "[" + "".join(items) + "]" if items else "(?!)"


# ---------------------------------------------------------------------------
# Scans the regex module makes slow, done as fast with the same matches.
#
# The regex module searches quickly for a pattern whose first character it can
# tell (it jumps to the next possible start), but not for a top-level alternation
# ``A|B`` of such patterns: one branch alone is searched 20-80x faster than the
# two together (a veto of nonfacts.yaml: 30 ms against 0.7 ms over the mixed
# corpus).  :class:`BranchPattern` finds exactly the matches of
# ``pattern.finditer(text, pos, endpos)``: leftmost first, at equal starts the
# earlier branch, each search resuming where the last match ended.

def _top_level_branches(pattern: str) -> list[str] | None:
    """``A|B|C`` -> ``[A, B, C]`` (the bars outside any group or class); None when the
    pattern has one branch or a construct that makes its branches depend on each other
    (a back reference, a conditional, a global inline flag)."""
    if re.search(r"\\[1-9gk]|\(\?\(|\(\?[a-zA-Z]+\)|\(\?\||\(\?R|\(\?&|\(\?P>|\(\?P=", pattern):
        return None
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: to its closing bracket (a ] first in it is a character)
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "[":
                    return None  # (a nested class or set operation: not worth the risk)
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out if len(out) > 1 and depth == 0 else None


class BranchPattern:
    """A top-level alternation ``A|B|…`` searched one branch at a time: at each step
    the leftmost of the branches' next matches (the earlier branch at equal starts),
    as the alternation itself finds it.  A match's ``re`` is its branch's pattern
    (its named groups are that branch's)."""

    def __init__(self, pattern: str, flags: int = 0, compile=None):
        import regex

        compile = compile or regex.compile
        self.pattern = pattern
        self.whole = compile(pattern, flags)
        self.groupindex = self.whole.groupindex
        parts = _top_level_branches(pattern)
        self.branches = [compile(b, flags) for b in parts] if parts else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        if self.branches is None:
            yield from self.whole.finditer(text, pos, endpos)
            return
        end = _end(text, endpos)
        nxt = [b.search(text, pos, end) for b in self.branches]  # each branch's next match from p
        p = pos
        while True:
            best = None
            for k, m in enumerate(nxt):
                if m is not None and m.start() < p:  # (it began inside the last match: search again)
                    m = nxt[k] = self.branches[k].search(text, p, end)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            if best.end() == best.start():  # (an empty match: the plain scan from here on)
                yield from self.whole.finditer(text, best.start(), endpos)
                return
            yield best
            p = best.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return next(self.finditer(text, pos, endpos), None)


# a pattern that opens with (?:^|(?<=[…])): its matches start the text or follow one of those characters
_AFTER_MARKS = re.compile(r"\(\?:\^\|\(\?<=(\[(?:[^\]\\]|\\.)+\])\)\)")


class _Wrapped:
    """A compiled pattern ``rx`` whose ``finditer`` a subclass narrows; its other methods and attributes
    (search, match, pattern, ...) are the pattern's own."""

    rx = None

    def __getattr__(self, name):
        if name == "rx":
            raise AttributeError(name)
        return getattr(self.rx, name)


def _end(text: str, endpos: int | None) -> int:
    """Where a search of ``text`` up to ``endpos`` stops (``finditer``'s reading of it)."""
    return len(text) if endpos is None else max(0, min(endpos, len(text)))


class ClausePattern(_Wrapped):
    """A pattern opening with ``(?:^|(?<=[…]))`` (a match starts the text or follows one of
    those characters, a clause's start), searched only at the starts whose next characters,
    as many as a match can span, hold a character of each set every match holds one of
    (normalize/guard.py :func:`~zhfacts.normalize.guard.match_conditions`): the same matches as
    ``finditer``, without trying the pattern at every clause start; tried there by the standard
    library's engine where it reads the pattern as the regex module does (:func:`stdlib`: a match
    at a given start costs several times less there).  Any other pattern is searched as it is."""

    def __init__(self, rx):
        import regex

        from zhfacts.normalize.guard import condition_class, match_conditions

        self.rx = rx
        opening = _AFTER_MARKS.match(rx.pattern)
        conditions = match_conditions(rx.pattern) if opening and not rx.flags & regex.MULTILINE else None
        self.plain = conditions is None or not conditions[0]
        if not self.plain:
            self.marks = stdlib_first(opening.group(1))
            self.width = conditions[1]
            self.needs = [stdlib_first(condition_class(chars)) for chars in conditions[0]]
            self.at = (stdlib(rx.pattern) if rx.flags == regex.compile("").flags else None) or rx

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = _end(text, endpos)
        if self.plain:
            yield from self.rx.finditer(text, pos, end)
            return
        rarest, others, width = self.needs[0], self.needs[1:], self.width
        if not all(n.search(text, pos, end) for n in others):
            return  # (a character every match holds is absent from the text)
        tried, last = pos, 0  # the clause starts before ``tried`` were read; the last match ended at ``last``
        for a in rarest.finditer(text, pos, end):  # a match holds one of these: it starts at most width - 1 before it
            q = a.start()
            lo = max(tried, q - width + 1)
            tried = q + 1
            starts = [m.end() for m in self.marks.finditer(text, max(lo - 1, 0), q)]  # the clause starts in [lo, q]
            if lo <= 0:
                starts.insert(0, 0)
            for p in starts:
                if p < last:
                    continue  # (inside the last match: finditer goes on from its end)
                if all(n.search(text, p, min(p + width, end)) for n in others):
                    m = self.at.match(text, p, end)
                    if m is not None:
                        yield m
                        last = m.end()


class JumpPattern(_Wrapped):
    """A pattern tried only where a match can start: the scan jumps between the characters
    :func:`first_class` says every match starts with and matches there, finding the same
    matches as ``finditer``.  The regex module skips ahead quickly to a pattern's first
    character, but not past an optional group opening it ((?:白牌)?[A-Z]…: tried at every
    position).  A pattern with flags or no such class is searched as it is."""

    def __init__(self, rx):
        import regex

        self.rx = rx
        first = first_class(rx.pattern) if rx.flags == regex.compile("").flags else None
        self.jump = regex.compile(first) if first else None  # (the pattern's engine reads the class as it)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = _end(text, endpos)
        if self.jump is None:
            yield from self.rx.finditer(text, pos, end)
            return
        search, match = self.jump.search, self.rx.match
        while (hit := search(text, pos, end)) is not None:
            m = match(text, hit.start(), end)
            if m is None:
                pos = hit.start() + 1
            else:  # (never empty: a pattern that may match the empty string has no class)
                yield m
                pos = m.end()


# --------------------------------------------------------------------------- the stdlib engine
# The regex module spends about twice the standard library's time per call on a short
# match (its per-call set-up), which is most of what a rule's pattern costs when it is
# tried at a scan's hits.  :func:`stdlib` compiles a pattern with ``re`` only where both
# engines read it the same way: no flags; \d \s (whose Unicode tables the two engines take
# from different Unicode versions) as the regex module's own classes (:func:`_regex_class`),
# \w \b \B, or \D \S inside a class, left to regex; \p{Han} as the characters of the regex
# module's own Han script table (:func:`_regex_class`); no fuzzy {e<=1}-like braces, no inline
# flags; and what ``re`` refuses or warns about (any other \p{…}, duplicate group names, variable
# lookbehind, nested sets) left to regex.
_BRACES_OK = re.compile(r"\{\d*(?:,\d*)?\}")


def _ranges(codes) -> str:
    """Class items for the sorted code points ``codes``."""
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(_char(codes[i]) if i == j else f"{_char(codes[i])}-{_char(codes[j])}")
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=None)
def _regex_class(escape: str) -> str:
    """Class items matching exactly the characters the regex module's ``\\d``, ``\\s`` or
    ``\\p{Han}`` (``escape``) matches: the standard library's own class plus the characters only
    the regex module's newer Unicode tables hold, when that is all the difference (a category is
    tested in constant time, a long list of ranges one by one), else every range spelled out (the
    standard library has no \\p{…}).  Kept in the on-disk cache, which is dropped with the regex
    module's version."""
    from zhfacts.cache import remembered

    def read() -> str:
        from array import array

        import regex

        every = array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
        theirs = {i for m in regex.finditer(escape + "+", every) for i in range(*m.span())}
        if escape.startswith("\\p"):
            return _ranges(sorted(theirs))
        ours = {i for m in re.finditer(escape + "+", every) for i in range(*m.span())}
        if ours <= theirs:
            return escape + _ranges(sorted(theirs - ours))
        return _ranges(sorted(theirs))

    return remembered("firstchars", ("class", escape), read)


def _for_stdlib(pattern: str) -> str | None:
    """``pattern`` in the standard library's syntax, read as the regex module reads it, or None."""
    out, i, in_class, n = [], 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            if e in "bBwW" or (in_class and e in "DS"):
                return None  # (\w: tens of thousands of characters apart, spelled out they are slow)
            if e == "p" and pattern.startswith("{Han}", i + 2):  # (the regex module's Han script, spelled out)
                han = _regex_class(r"\p{Han}")
                out.append(han if in_class else f"[{han}]")
                i += 7
                continue
            if e in "ds":  # (the regex module's own table, spelled out)
                out.append(_regex_class("\\" + e) if in_class else f"[{_regex_class(chr(92) + e)}]")
            elif e in "DS":
                out.append(f"[^{_regex_class(chr(92) + e.lower())}]")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            if pattern[i:i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i:i + 1] == "]":  # (a ] first in a class is a literal)
                out.append("]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        elif c == "{" and not in_class and not _BRACES_OK.match(pattern, i):
            return None
        elif c == "(" and not in_class and pattern.startswith("(?", i) and not pattern.startswith(
                ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?P<", "(?P=", "(?>"), i):
            return None  # (inline flags, conditionals, regex's own (?|…) and (?V1))
        out.append(c)
        i += 1
    return "".join(out)


def stdlib(pattern: str, flags: int = 0):
    """``pattern`` compiled by the standard library's engine when it finds exactly the
    matches (and groups) the regex module finds (see above), else None.  What ``re``'s
    compiler (Python code) makes of it is kept in the on-disk cache (dropped with the
    Python version), so a new process only calls its C constructor, as for regex patterns."""
    from zhfacts.cache import remembered

    if flags:
        return None
    translated = _for_stdlib(pattern)
    if translated is None:
        return None
    args = remembered("firstchars", ("stdlib", translated), lambda: _stdlib_args(translated))
    if args is None:
        return None
    try:
        import _sre

        return _sre.compile(translated, *args)
    except Exception:  # noqa: BLE001 - (not what this Python's compiler wrote): compiled again
        return re.compile(translated)


def stdlib_as_written(pattern: str):
    """``re.compile(pattern)``: ``pattern`` read by the standard library's engine as it is written
    (not translated as :func:`stdlib` does), what its compiler makes of it kept in the on-disk cache."""
    from zhfacts.cache import remembered

    args = remembered("firstchars", ("re", pattern), lambda: _stdlib_args(pattern))
    if args is not None:
        try:
            import _sre

            return _sre.compile(pattern, *args)
        except Exception:  # noqa: BLE001 - (not what this Python's compiler wrote): compiled again
            pass
    return re.compile(pattern)


def _stdlib_args(translated: str):
    """The arguments of ``_sre.compile`` after ``translated``, as ``re.compile`` passes them,
    or None where the pattern is left to regex."""
    import warnings

    from re import _compiler

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (FutureWarning: a nested set, [[ or --, which regex reads otherwise)
        try:
            parsed = _p.parse(translated)
            # (a pattern that may match the empty string is left to regex: finditer, sub and
            # split step past an empty match differently in the two engines)
            if parsed.getwidth()[0] == 0:
                return None
            code = [int(op) for op in _compiler._code(parsed, 0)]  # (plain ints: the opcodes are an int subclass)
        except (re.error, Warning, RecursionError, OverflowError):  # (a lookbehind of two widths: the compiler's)
            return None
    state = parsed.state
    indexgroup = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return (state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))


def stdlib_first(pattern: str, flags: int = 0):
    """:func:`stdlib` when it can, else the regex module's pattern (:func:`zhfacts.cache.compiled`).
    For patterns tried many times on short stretches (a rule at a scan's hits, a word list at a
    phrase's end): a long scan can be slower on the stdlib engine (measure before using it)."""
    from zhfacts.cache import compiled

    return stdlib(pattern, flags) or compiled(pattern, flags)


class Literals:
    """The scan of an alternation of literal words (``A|B|…``, the words in that order, as
    ``re`` reads it: at the leftmost position where a word starts, the first listed one
    there), without trying every word at every position: the scan jumps between the
    characters a word starts with and tries there only the words its first two characters
    allow (a one-character word, or one whose second character is the text's next), in
    their order.  ``scan(text)``: (start, end, word) of each match, the same as the
    alternation's ``finditer``."""

    def __init__(self, words):
        by_first: dict[str, list[str]] = {}
        for w in words:
            if not w:
                raise ValueError("an empty word matches everywhere")
            by_first.setdefault(w[0], []).append(w)
        self.lone = {c: [w for w in ws if len(w) == 1] for c, ws in by_first.items()}  # (next character none of theirs)
        self.by_two = {c + s: [w for w in ws if len(w) == 1 or w[1] == s]
                       for c, ws in by_first.items() for s in {w[1] for w in ws if len(w) > 1}}
        self.jump = re.compile("[" + "".join(map(re.escape, by_first)) + "]") if by_first else None

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if self.jump is None:
            return out
        search, by_two, lone, starts = self.jump.search, self.by_two, self.lone, text.startswith
        pos = 0
        while (m := search(text, pos)) is not None:
            p = m.start()
            pos = p + 1
            words = by_two.get(text[p:p + 2])
            for w in lone[text[p]] if words is None else words:
                if starts(w, p):
                    out.append((p, p + len(w), w))
                    pos = p + len(w)
                    break
        return out
