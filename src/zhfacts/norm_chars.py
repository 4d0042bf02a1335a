"""Character-level normalization steps, each ``Buf -> Buf`` with an exact offset map.

- :func:`unify_line_ends`: ``\\r\\n``, ``\\r`` and Unicode line separators -> ``\\n``
  (the ``\\n`` of a ``\\r\\n`` maps to both original characters);
- :func:`drop_invisible`: zero-width characters, soft hyphens, stray control characters;
- :func:`to_halfwidth`: full-width digits, letters, ``％`` and number punctuation
  (``１．６万亿`` -> ``1.6万亿``); other Chinese punctuation is kept; exotic spaces -> ``' '``;
- :func:`drop_pinyin_glosses`: ``工業(yè)和`` -> ``工業和`` without touching real
  parentheses (``(PUE)``, ``(Frontier)``, ``(1次/秒)``, ``(武汉)``);
- :func:`close_spaces`: spaces next to a CJK character or CJK punctuation are
  removed (``完 成 扩 容 300 台`` -> ``完成扩容300台``); other runs of spaces become
  one space (``1590 EFLOPS`` stays). Spaces at line edges are left to the layout step.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .norm_map import Buf, sub, translate

# Characters that "belong to" Chinese text: next to one of them a space is noise.
WIDE = (
    r"\p{Han}\u3001-\u303f\u3040-\u30ff\u31f0-\u31ff\uff01-\uff60\uffe0-\uffe6"
    r"\u2010-\u2027\u2030-\u205e\u00b7\u00ab\u00bb\u2190-\u21ff\u2460-\u24ff\u25a0-\u27bf\ufe30-\ufe4f"
)

_LINE_END_RE = regex.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE_RE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\x00-\x08\x0e-\x1f\x7f]+")


def unify_line_ends(buf: Buf) -> Buf:
    return sub(buf, _LINE_END_RE, "\n")


def drop_invisible(buf: Buf) -> Buf:
    return sub(buf, _INVISIBLE_RE, "")


# --- full width -> half width ----------------------------------------------------------

_ALWAYS = {0xFF05: "%"}
for _o in range(0xFF10, 0xFF1A):  # digits
    _ALWAYS[_o] = chr(_o - 0xFEE0)
for _o in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # letters
    _ALWAYS[_o] = chr(_o - 0xFEE0)
for _o in (0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x09):
    _ALWAYS[_o] = " "
_ALWAYS_TABLE = {k: v for k, v in _ALWAYS.items()}

# Number punctuation, converted only inside numbers / alphanumeric tokens.
_CONTEXT_RE = regex.compile(
    r"(?<=[0-9A-Za-z])[．／＠：](?=[0-9A-Za-z])"  # 1．6, km／h, a＠b.c, 08：39
    r"|[＋－](?=[0-9])"  # ＋5, －3
    r"|(?<=[0-9])－"  # 5－15
)
_CONTEXT_MAP = {"．": ".", "／": "/", "＠": "@", "：": ":", "＋": "+", "－": "-"}


_ALWAYS_RE = regex.compile("[" + "".join(regex.escape(chr(k)) for k in sorted(_ALWAYS_TABLE)) + "]")


def to_halfwidth(buf: Buf) -> Buf:
    if _ALWAYS_RE.search(buf.text):
        buf = translate(buf, _ALWAYS_TABLE)
    return sub(buf, _CONTEXT_RE, lambda m: _CONTEXT_MAP[m.group()], charwise=True)


# --- pinyin glosses ---------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_DETONE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_SYLLABLE_RE = regex.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ing"
    r"|ua|uo|ui|un|üe|ue|ve|ün|vn|a|o|e|ê|i|u|ü|v)"
    r"|ng|hm|m|n|r"
)
_GLOSS_RE = regex.compile(
    r"(?<=[\p{Han}?\ufffd]) ?[(（] ?([a-zêü" + _TONED + r"]{1,6}(?:[ '][a-zêü" + _TONED + r"]{1,6}){0,3}) ?[)）]"
)


_SYL_SPLIT_RE = regex.compile(r"[ ']")


@lru_cache(maxsize=4096)
def _is_pinyin(s: str, *, need_tone: bool) -> bool:
    if need_tone and not any(c in _TONED for c in s):
        return False
    for syl in _SYL_SPLIT_RE.split(s):
        if not _SYLLABLE_RE.fullmatch(syl.translate(_DETONE)):
            return False
    return True


def drop_pinyin_glosses(buf: Buf) -> Buf:
    """Remove ``(pinyin)`` glosses written right after a character.

    A gloss needs a tone mark (``(yè)``), unless the text already has at least
    three toned glosses: then a toneless syllable after a Han character
    (``(de)``) goes too. Capitalised or non-syllable words never match.
    """
    matches = list(_GLOSS_RE.finditer(buf.text))
    if not matches:
        return buf
    toned = sum(1 for m in matches if _is_pinyin(m.group(1), need_tone=True))
    allow_toneless = toned >= 3
    edits = []
    for m in matches:
        if _is_pinyin(m.group(1), need_tone=not allow_toneless):
            edits.append((m.start(), m.end(), ""))
    if not edits:
        return buf
    from .norm_map import apply_edits

    return apply_edits(buf, edits)


# --- spaces -----------------------------------------------------------------------------

_SPACE_RUN_RE = regex.compile(r"(?<=[^\n ])( +)(?=[^\n ])")
_WIDE_CHAR_RE = regex.compile(f"[{WIDE}]")


def close_spaces(buf: Buf) -> Buf:
    """Remove interior spaces next to CJK; collapse the others to one space."""
    text = buf.text
    wide = _WIDE_CHAR_RE.match

    def repl(m):
        s, e = m.start(), m.end()
        if wide(text, s - 1) or wide(text, e):
            return ""
        return " " if e - s > 1 else None

    return sub(buf, _SPACE_RUN_RE, repl)
