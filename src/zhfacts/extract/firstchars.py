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
        parsed = _p.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return None
        items, empty = _first(parsed.data)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if empty:
        return None
    return "[" + "".join(items) + "]" if items else "(?!)"
