"""The offset-mapped buffer every normalization step transforms.

A :class:`Buf` is a text plus, for each of its characters, the half-open range
of the ORIGINAL text it came from (``starts[i]``, ``ends[i]``). A step never
touches the arrays directly: it lists edits ``(start, end, replacement)`` on the
current text and :func:`apply_edits` composes them with the existing map, so a
pipeline of steps keeps the map exact.

Mapping of a replacement:

- ``charwise=True`` and the same length as the replaced range: character ``k``
  of the replacement maps to the range of replaced character ``k`` (full-width
  to half-width, Traditional to Simplified one for one);
- otherwise every replacement character maps to the whole replaced range
  (``記憶體`` -> ``内存``: both characters map to the three source characters);
- an insertion (empty replaced range) maps to an empty range at its place.

Invariants (checked by the tests): ``starts`` and ``ends`` are non-decreasing
and ``starts[i] <= ends[i]``, so ``(starts[s], ends[e-1])`` is the exact
original source of ``text[s:e]``.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass

import regex

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable, Iterable


#: The offset maps are machine integers (4 bytes a character), not lists of Python ints
#: (36 bytes a character): a 10 MB document's maps take tens of MB, not hundreds.
OFFSET_TYPE = "i"


def offsets(values=()) -> array:
    """An offset map (an ``array`` of OFFSET_TYPE) holding ``values``."""
    return values if isinstance(values, array) and values.typecode == OFFSET_TYPE else array(OFFSET_TYPE, values)


@dataclass
class Buf:
    text: str
    starts: array  # of OFFSET_TYPE; lists are converted
    ends: array

    def __post_init__(self):
        self.starts = offsets(self.starts)
        self.ends = offsets(self.ends)

    @classmethod
    def identity(cls, text: str) -> "Buf":
        n = len(text)
        starts = array(OFFSET_TYPE, range(n))
        ends = starts[1:]  # (a copy of starts shifted by one: no second pass over a range)
        if n:
            ends.append(n)
        return cls(text, starts, ends)

    def orig_range(self, s: int, e: int) -> tuple[int, int]:
        """Original half-open range of ``text[s:e]`` (empty span: its place)."""
        if s >= e:
            if s < len(self.starts):
                p = self.starts[s]
            elif self.ends:
                p = self.ends[-1]
            else:
                p = 0
            return p, p
        return self.starts[s], self.ends[e - 1]


class LazyPattern:
    """A regex compiled on first use, so that importing a module compiles nothing
    it may not need; ``pattern`` and ``flags`` are there without compiling, and
    every other attribute (``search``, ``finditer``...) is the compiled pattern's."""

    __slots__ = ("pattern", "flags", "_engine", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, engine=regex):
        self.pattern = pattern
        self.flags = flags
        self._engine = engine
        self._compiled = None

    def compiled(self):
        c = self._compiled
        if c is None:
            if self._engine is regex:
                from zhfacts.cache import compiled  # (an earlier process's compilation, when it has one)

                c = self._compiled = compiled(self.pattern, self.flags)
            else:
                c = self._compiled = self._engine.compile(self.pattern, self.flags)
        return c

    def __getattr__(self, name):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


# An edit: (start, end, replacement, charwise)
Edit = tuple


def apply_edits(buf: Buf, edits: Iterable[Edit]) -> Buf:
    """Apply non-overlapping edits sorted by position; return a new :class:`Buf`."""
    text, S, E = buf.text, buf.starts, buf.ends
    n = len(text)
    parts: list[str] = []
    ns, ne = offsets(), offsets()
    append = parts.append
    pos = 0
    changed = False
    for ed in edits:
        if len(ed) > 3:
            s, e, rep, charwise = ed[0], ed[1], ed[2], ed[3]
        else:
            s, e, rep = ed[0], ed[1], ed[2]
            charwise = False
        if s < pos or e < s or e > n:
            raise ValueError(f"bad edit ({s}, {e}) at position {pos} of {n}")
        changed = True
        if pos < s:
            append(text[pos:s])
            ns += S[pos:s]
            ne += E[pos:s]
        if rep:
            k = len(rep)
            if charwise and k == e - s:
                ns += S[s:e]
                ne += E[s:e]
            elif s < e:
                ns += offsets((S[s],)) * k
                ne += offsets((E[e - 1],)) * k
            else:
                if s < n:
                    p = S[s]
                elif n:
                    p = E[n - 1]
                else:
                    p = 0
                ns += offsets((p,)) * k
                ne += offsets((p,)) * k
            append(rep)
        pos = e
    if not changed:
        return buf
    if pos < n:
        append(text[pos:])
        ns += S[pos:]
        ne += E[pos:]
    return Buf("".join(parts), ns, ne)


def delete_spans(buf: Buf, spans) -> Buf:
    """Delete sorted, non-overlapping ``(start, end)`` spans."""
    return apply_edits(buf, ((s, e, "") for s, e in spans))


def sub(buf: Buf, pattern, repl: str | Callable, *, charwise: bool = False, flags: int = 0) -> Buf:
    """Regex substitution on a :class:`Buf`.

    ``repl`` is a string (no group references) or a function of the match
    returning the replacement, or ``None`` to leave that match unchanged.
    """
    if isinstance(pattern, str):
        pattern = regex.compile(pattern, flags)
    edits = []
    for m in pattern.finditer(buf.text):
        if callable(repl):
            r = repl(m)
            if r is None or r == m.group():
                continue
        else:
            r = repl
            if r == m.group():
                continue
        edits.append((m.start(), m.end(), r, charwise))
    return apply_edits(buf, edits) if edits else buf


def translate(buf: Buf, table: dict) -> Buf:
    """One-for-one character translation (``str.translate`` table of single characters)."""
    new = buf.text.translate(table)
    if new == buf.text:
        return buf
    if len(new) != len(buf.text):  # pragma: no cover - guarded by the callers' tables
        raise ValueError("translate table must map one character to one character")
    return Buf(new, buf.starts, buf.ends)
