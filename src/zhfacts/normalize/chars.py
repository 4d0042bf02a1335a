"""Character-level normalization steps, each ``Buf -> Buf`` with an exact offset map.

- :func:`unify_line_ends`: ``\\r\\n``, ``\\r`` and Unicode line separators -> ``\\n``
  (the ``\\n`` of a ``\\r\\n`` maps to both original characters);
- :func:`drop_invisible`: zero-width characters, soft hyphens, stray control characters;
- :func:`to_halfwidth`: full-width digits, letters, ``％`` and number punctuation
  (``１．６万亿`` -> ``1.6万亿``); other Chinese punctuation is kept; exotic spaces -> ``' '``, exotic dashes
  -> the dashes the rules write (``1―5月`` -> ``1—5月``);
- :func:`drop_pinyin_glosses`: ``工業(yè)和`` -> ``工業和`` without touching real
  parentheses (``(PUE)``, ``(Frontier)``, ``(1次/秒)``, ``(武汉)``);
- :func:`drop_stray_commas`: a comma doubled before another mark (``东盟,、中东`` -> ``东盟、中东``);
- :func:`drop_emphasis_marks`: a page's markdown emphasis (``**甲乙枢纽**的机架`` -> ``甲乙枢纽的机架``);
- :func:`close_spaces`: spaces next to a CJK character or CJK punctuation are
  removed (``完 成 扩 容 300 台`` -> ``完成扩容300台``); other runs of spaces become
  one space (``1590 EFLOPS`` stays). Spaces at line edges are left to the layout step.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from zhfacts.normalize.offsets import Buf, LazyPattern, apply_edits, delete_spans, offsets, sub

# Characters that "belong to" Chinese text: next to one of them a space is noise.
WIDE = (
    r"\p{Han}\u3001-\u303f\u3040-\u30ff\u31f0-\u31ff\uff01-\uff60\uffe0-\uffe6"
    r"\u2010-\u2027\u2030-\u205e\u00b7\u00ab\u00bb\u2190-\u21ff\u2460-\u24ff\u25a0-\u27bf\ufe30-\ufe4f"
)

_LINE_END_RE = LazyPattern(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE_RE = LazyPattern(r"[\u200b-\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\x00-\x08\x0e-\x1f\x7f]+")


# The same patterns for the stdlib engine, which scans plain character classes
# faster: used to skip a step when the text has nothing for it.
_LINE_END_ANY = re.compile(_LINE_END_RE.pattern)
_INVISIBLE_ANY = re.compile(_INVISIBLE_RE.pattern)


def unify_line_ends(buf: Buf) -> Buf:
    if not _LINE_END_ANY.search(buf.text):
        return buf
    return sub(buf, _LINE_END_RE, "\n")


def drop_invisible(buf: Buf) -> Buf:
    if not _INVISIBLE_ANY.search(buf.text):
        return buf
    return sub(buf, _INVISIBLE_RE, "")


# --- full width -> half width ----------------------------------------------------------

_ALWAYS = {0xFF05: "%", 0xFE6A: "%"}  # ％ and the small percent sign ﹪
for _o in range(0xFF10, 0xFF1A):  # digits
    _ALWAYS[_o] = chr(_o - 0xFEE0)
for _o in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # letters
    _ALWAYS[_o] = chr(_o - 0xFEE0)
for _o in (0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x09):
    _ALWAYS[_o] = " "
# dashes of other code points read as the ones the rules write (1―5月, 1‒5月: a month range; 〜 the wave dash)
_ALWAYS.update({0x2015: "—", 0x2012: "–", 0x2010: "-", 0x2011: "-", 0xFE63: "-", 0x301C: "～"})
# the list comma as some Malaysian and Hong Kong pages type it (雪兰莪丶柔佛: the radical 丶; ﹑ the small form): 、
_ALWAYS.update({0x4E36: "、", 0xFE51: "、"})
_ALWAYS_TABLE = {k: v for k, v in _ALWAYS.items()}

# Number punctuation, converted only inside numbers / alphanumeric tokens.
_CONTEXT_RE = LazyPattern(
    r"(?<=[0-9A-Za-z])[．﹒／＠：](?=[0-9A-Za-z])"  # 1．6, 1383﹒73 (small full stop), km／h, a＠b.c, 08：39
    r"|[＋－](?=[0-9])"  # ＋5, －3
    r"|(?<=[0-9])－"  # 5－15
    r"|(?<=[0-9])[仟佰](?=[0-9万萬亿億元])"  # 218億5仟萬元: the banker's 千/百 (_PLACE_NEXT)
    r"|(?<=[0-9])[·・‧](?=[0-9]+[%％])"  # 1·8%: a middle dot between the digits of a percentage is its point
)
_CONTEXT_MAP = {"．": ".", "\ufe52": ".", "·": ".", "・": ".", "‧": ".", "／": "/", "＠": "@", "：": ":", "＋": "+", "－": "-", "仟": "千", "佰": "百"}
# the banker's place characters between a digit and the next place of an amount (218億5仟萬元, 3佰萬): 千, 百
_PLACE_NEXT = frozenset("0123456789万萬亿億元")


_ALWAYS_RE = LazyPattern("[" + "".join(regex.escape(chr(k)) for k in sorted(_ALWAYS_TABLE)) + "]")
_ALWAYS_ANY = re.compile(_ALWAYS_RE.pattern)
_ALWAYS_CHARS = {chr(k): v for k, v in _ALWAYS_TABLE.items()}
_CONTEXT_CAND = re.compile("[．\ufe52／＠：＋－仟佰·・‧]")
_PERCENT_DIGITS = re.compile(r"[0-9]+[%％]")  # (1·8%; 5·12 and 3·15 are days, never decimals)
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")


def _context_fix(text: str) -> str:
    """``_CONTEXT_RE.sub(...)``: the number punctuation between ASCII letters / digits
    (．／＠：), before a digit (＋－) or after one (－) made half-width, the banker's 仟/佰 after
    a digit (218億5仟萬元) read as 千/百, and a middle dot between the digits of a percentage (1·8%) read
    as its decimal point; the candidates found by one scan, their context checked here."""
    hits = None
    n = len(text)
    for m in _CONTEXT_CAND.finditer(text):
        p = m.start()
        c = text[p]
        nxt = text[p + 1] if p + 1 < n else ""
        prv = text[p - 1] if p else ""
        if c == "＋":
            ok = nxt in _DIGITS
        elif c == "－":
            ok = nxt in _DIGITS or prv in _DIGITS
        elif c in "仟佰":
            ok = prv in _DIGITS and nxt in _PLACE_NEXT
        elif c in "·・‧":
            ok = prv in _DIGITS and _PERCENT_DIGITS.match(text, p + 1) is not None
        else:
            ok = prv in _ALNUM and nxt in _ALNUM
        if ok:
            if hits is None:
                hits = []
            hits.append(p)
    if hits is None:
        return text
    parts = []
    pos = 0
    for p in hits:
        parts.append(text[pos:p])
        parts.append(_CONTEXT_MAP[text[p]])
        pos = p + 1
    parts.append(text[pos:])
    return "".join(parts)


# Any character that unify_line_ends, drop_invisible or the table part of
# to_halfwidth acts on (one scan tells that a text needs none of them).
_ANY_FIX = re.compile(
    "[" + _LINE_END_RE.pattern.split("|", 1)[1][1:-1] + _INVISIBLE_RE.pattern[1:-2] + _ALWAYS_RE.pattern[1:-1] + "]"
)


_SURROGATE_ANY = re.compile("[\ud800-\udfff]")


def fix_chars(buf: Buf) -> Buf:
    """``to_halfwidth(drop_invisible(unify_line_ends(buf)))``, with one scan for the usual
    text that has no line break but ``\\n``, no invisible and no full-width character."""
    if _SURROGATE_ANY.search(buf.text):
        # a lone surrogate (a str decoded with surrogateescape, a cut UTF-16 pair) reads as U+FFFD,
        # one character for one: no later step can encode it
        buf = Buf(_SURROGATE_ANY.sub("\ufffd", buf.text), buf.starts, buf.ends)
    if _ANY_FIX.search(buf.text):
        return to_halfwidth(drop_invisible(unify_line_ends(buf)))
    # only the number punctuation of to_halfwidth is left to do
    text = _context_fix(buf.text)
    if text == buf.text:
        return buf
    return Buf(text, buf.starts, buf.ends)


def to_halfwidth(buf: Buf) -> Buf:
    text = buf.text
    if _ALWAYS_ANY.search(text):
        # text.translate(_ALWAYS_TABLE), one for one: the offsets stay
        text = _ALWAYS_ANY.sub(lambda m: _ALWAYS_CHARS[m.group()], text)
    # sub(buf, _CONTEXT_RE, ..., charwise=True): one for one, the offsets stay
    text = _context_fix(text)
    if text == buf.text:
        return buf
    return Buf(text, buf.starts, buf.ends)


# --- pinyin glosses ---------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_DETONE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ", "aaaaeeeeiiiioooouuuuüüüünnnm")
_SYLLABLE_RE = LazyPattern(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ing"
    r"|ua|uo|ui|un|üe|ue|ve|ün|vn|a|o|e|ê|i|u|ü|v)"
    r"|ng|hm|m|n|r"
)
_GLOSS_RE = LazyPattern(
    r"(?<=[\p{Han}?\ufffd]) ?[(（【] ?([a-zêü" + _TONED + r"]{1,6}(?:[ '][a-zêü" + _TONED + r"]{1,6}){0,3}) ?[)）】]"
)


_SYL_SPLIT_RE = LazyPattern(r"[ ']")


@lru_cache(maxsize=4096)
def _is_pinyin(s: str, *, need_tone: bool) -> bool:
    if need_tone and not any(c in _TONED for c in s):
        return False
    for syl in _SYL_SPLIT_RE.split(s):
        if not _SYLLABLE_RE.fullmatch(syl.translate(_DETONE)):
            return False
    return True


# an opening parenthesis (or 【: 光伏【guāng】) followed by what can start a gloss (pinyin letters: not "(PUE)")
_PAREN_ANY = re.compile("[(（【](?= ?[a-zêü" + _TONED + "])")


def _gloss_matches(text: str) -> list:
    """``list(_GLOSS_RE.finditer(text))``, trying only where a match can start:
    at an opening parenthesis, or at a space right before one."""
    out = []
    end = 0
    match = _GLOSS_RE.match
    for p in _PAREN_ANY.finditer(text):
        p = p.start()
        if p < end:
            continue
        m = None
        if p - 1 >= end and text[p - 1] == " ":
            m = match(text, p - 1)
        if m is None:
            m = match(text, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


_PINYIN_MEMO: dict[tuple[str, bool], bool] = {}


def _pinyin(s: str, need_tone: bool) -> bool:
    """``_is_pinyin(s, need_tone=need_tone)``, remembered (a plain dict: cheaper per call)."""
    r = _PINYIN_MEMO.get((s, need_tone))
    if r is None:
        if len(_PINYIN_MEMO) > 8192:
            _PINYIN_MEMO.clear()
        r = _PINYIN_MEMO[(s, need_tone)] = _is_pinyin(s, need_tone=need_tone)
    return r


def drop_pinyin_glosses(buf: Buf) -> Buf:
    """Remove ``(pinyin)`` glosses written right after a character.

    A gloss needs a tone mark (``(yè)``), unless the text already has at least
    three toned glosses: then a toneless syllable after a Han character
    (``(de)``) goes too. Capitalised or non-syllable words never match.
    """
    text = buf.text
    # a gloss starts at an opening parenthesis followed by a pinyin letter: with
    # none there is nothing to look for; with many, one scan finds them best
    n_open = len(_PAREN_ANY.findall(text))
    if not n_open:
        return buf
    matches = list(_GLOSS_RE.finditer(text)) if n_open > 8 else _gloss_matches(text)
    if not matches:
        return buf
    words = [m.group(1) for m in matches]
    toned = sum(1 for w in words if _pinyin(w, True))
    need_tone = toned < 3  # allow toneless syllables when three glosses have tones
    spans = [m.span() for m, w in zip(matches, words) if _pinyin(w, need_tone)]
    if not spans:
        return buf
    return delete_spans(buf, spans)


# a comma a mirror site doubles before another mark (统计,,1-4月, 东盟,、中东, 第6位,。): no mark of its own
_STRAY_COMMA = re.compile(r"[,，](?=[,，、。；;：:])")


def drop_stray_commas(buf: Buf) -> Buf:
    """Remove a comma written right before another clause mark (``统计,,1-4月`` -> ``统计,1-4月``,
    ``东盟,、中东`` -> ``东盟、中东``, ``第6位,。`` -> ``第6位。``): a copy's doubled punctuation, which would
    otherwise end a list or a clause that the text continues."""
    text = buf.text
    if ",," not in text and "，，" not in text and not _STRAY_COMMA.search(text):
        return buf
    spans = [m.span() for m in _STRAY_COMMA.finditer(text)]
    return delete_spans(buf, spans) if spans else buf


# markdown emphasis a research portal or a chatbot's summary leaves in its text (**甲乙枢纽**的机架数量…都在**15%以上**):
# two or more asterisks run together are no character of the sentence (a lone * marks a footnote and stays)
_EMPHASIS = re.compile(r"\*{2,}")


def drop_emphasis_marks(buf: Buf) -> Buf:
    """Remove markdown emphasis marks (``**``, ``***``) so that a name or a quantity they wrap reads as the text
    (``**甲乙与丙丁枢纽**的机架数量`` -> ``甲乙与丙丁枢纽的机架数量``); a single ``*`` (a footnote) stays."""
    if "**" not in buf.text:
        return buf
    return delete_spans(buf, [m.span() for m in _EMPHASIS.finditer(buf.text)])


# --- spaces -----------------------------------------------------------------------------

_SPACE_RUN_RE = LazyPattern(r"(?<=[^\n ])( +)(?=[^\n ])")
_WIDE_CHAR_RE = LazyPattern(f"[{WIDE}]")


_SPACES_ANY = re.compile(" +")
_FLATTENED_END = frozenset("。！？")  # a sentence's end before spaces and a new sentence: a paragraph break
_CLOSE_QUOTE = frozenset("”」』")
_FLATTENED_BREAK = re.compile(r"(?:(?<=[。！？])|(?<=[。！？][”」』])) (?=[^\s])")
_SPACED_END = re.compile(r"[。！？] (?=\S)")  # a sentence's end set apart by a space
_TIGHT_END = re.compile(r"[。！？](?=[^\s”」』])")  # ... and one run on into the next sentence


_SPACED_PAIR = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")


def _letter_spaced(text: str, a: int, b: int) -> bool:
    """Whether the line text[a:b] is letter-spaced (算 力 发 展): Han characters set one space apart at least
    three times and for a tenth of its length; its spaces after an end mark are no paragraph breaks."""
    pairs = len(_SPACED_PAIR.findall(text, a, b))
    return pairs >= 3 and pairs * 10 >= b - a


def break_flattened(buf: Buf) -> Buf:
    """One space left after a sentence's end (:func:`close_spaces`) becomes a line break: the paragraph
    a repost flattened into spaces (…取得显著成效。 数据资源开发…) is a paragraph again."""
    if " " not in buf.text:
        return buf
    # (one space for one line break: the offset maps stay; no list of the text's characters, which
    # holds an object of about 80 bytes per Han character: 300 MB for a 10 MB document)
    # A line that sets every sentence end it has apart with a space, twice or more (…增长38.4%。 服务收入…。 净亏损…),
    # writes its sentences so: one paragraph, its spaces no breaks (a flattened repost ends its paragraphs so and
    # runs its sentences on within them)
    lines = buf.text.split("\n")
    for i, line in enumerate(lines):
        if " " in line and not (len(_SPACED_END.findall(line)) >= 2 and _TIGHT_END.search(line) is None):
            lines[i] = _FLATTENED_BREAK.sub("\n", line)
    text = "\n".join(lines)
    return Buf(text, buf.starts, buf.ends) if text != buf.text else buf


_WIDE_CACHE: dict[str, bool] = {}


def _is_wide(ch: str) -> bool:
    """``bool(_WIDE_CHAR_RE.match(ch))``, remembered per character."""
    w = _WIDE_CACHE.get(ch)
    if w is None:
        if len(_WIDE_CACHE) > 65536:
            _WIDE_CACHE.clear()
        w = _WIDE_CACHE[ch] = _WIDE_CHAR_RE.match(ch) is not None
    return w


_SINGLE_GAP = re.compile(r"(?<=[^\s]) (?=[^\s])")
_LETTER_SPACED_MIN = 8  # non-space characters on a line before it can count as letter-spaced


def _word_space(line: str, g: int) -> bool:
    """In a letter-spaced line, the space at ``g`` between two runs of Latin letters or
    digits that were not spaced themselves (``1590 EF`` of ``超 过 1590 EF``) is a word
    space of the original text, not letter spacing. A run cut by the line's end
    (``超 过 1590 E⏎FLOPS``: a hard wrap inside the unit) or begun at the line's start
    counts as unspaced, since its other part is on the next or previous line."""
    a = line.rfind(" ", 0, g) + 1
    b = line.find(" ", g + 1)
    left, right = line[a:g], line[g + 1:] if b < 0 else line[g + 1:b]
    return ((len(left) > 1 or a == 0) and (len(right) > 1 or b < 0) and len(left) + len(right) > 2
            and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum())


def close_letter_spacing(buf: Buf) -> Buf:
    """A line typed with a space after every character (``2 8 . 6 亿 元``,
    ``P F L O P S``: PDF copies) has all its single spaces removed, Latin and digits
    included; lines with ordinary word spaces (``1590 EFLOPS``) are left alone.
    A line counts as letter-spaced when single spaces separate at least 70 % of its
    neighbouring characters."""
    text = buf.text
    if " " not in text:
        return buf
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        spaces = line.count(" ")
        kept = len(line) - spaces
        # (each gap is one of the line's spaces: a line with too few is not searched)
        if kept >= _LETTER_SPACED_MIN and spaces and spaces >= 0.7 * (kept - 1):
            gaps = [m.start() for m in _SINGLE_GAP.finditer(line)]
            if len(gaps) >= 0.7 * (kept - 1):
                spans.extend((pos + g, pos + g + 1) for g in gaps if not _word_space(line, g))
        pos += len(line) + 1
    return delete_spans(buf, spans) if spans else buf


_HEADLINE_MAX = 60  # (a first line longer than this, or with a sentence's end, is a lead, no headline)
# (between two phrases of two or more Han characters each: not 2025年06月02日 第 16 版, a newspaper's header)
_HEADLINE_GAP = re.compile(r"(?<=[\u4e00-\u9fff]{2}) (?=[\u4e00-\u9fff]{2})")
_BLANK = re.compile(r"\s*")


def headline_phrases(buf: Buf, furniture=lambda line: False) -> Buf:
    """A headline set in phrases one space apart (营收续创高 乙科去年全年营收破1.2兆元, the Hong Kong and Taiwanese
    press's way): each space between two Han phrases (two characters or more each) of the document's first
    line becomes a comma, the clause boundary it marks, instead of being closed up (:func:`close_spaces` would
    glue 创高 to the name);
    a line with a sentence's end, longer than a headline, that ``furniture(line)`` says page furniture
    cuts (a byline: 某报记者 甲乙 临江报道), or over a line of spaced cells (a table's header) is left alone."""
    text = buf.text
    start = _BLANK.match(text).end()
    end = text.find("\n", start) % (len(text) + 1)
    if end - start > 2 * _HEADLINE_MAX:
        return buf  # (no slice of a long line: a 10 MB document of one line is read once)
    line = text[start:end].rstrip()
    if " " not in line or len(line) > _HEADLINE_MAX or any(ch in line for ch in "。！？!?"):
        return buf
    gaps = [start + m.start() for m in _HEADLINE_GAP.finditer(line)]
    ns = _BLANK.match(text, end).end()  # the next line (counted in place: no copy of the rest)
    if not gaps or furniture(line) or text.count(" ", ns, text.find("\n", ns) % (len(text) + 1)) >= 2:
        return buf  # (项目 本报告期 上年同期 over rows of spaced cells: a table's header, no headline)
    # each space dropped, a comma inserted in its place: the comma maps to an empty range of the original (it
    # writes none), never to the space
    return apply_edits(buf, [e for g in gaps for e in ((g, g + 1, ""), (g + 1, g + 1, "，"))])


# a bulletin's section tag at a line's start, a space, then its sentence (人口 年末全市户籍人口…, 粮食 全年
# 播种面积…): two to four Han characters, spaces, then two Han characters (never letter-spaced text: its first two
# characters stand apart)
# (never an agency's dateline, 中新社 临江5月3日电: a place and a day after the space; nor a byline's credit,
# 本报记者 张三: a reporter's or an editor's title before it)
_LINE_TAG = regex.compile(r"(?m)^[ \u3000]*(\p{Han}{2,4})(?<!记者|通讯员|编辑|作者|来源|摄影|摄)([ \u3000]+)(?=\p{Han}{2})"
                          r"(?!\p{Han}{2,8}?\s?\d{1,2}\s?月)")
_SPACE_RUN = regex.compile(r"[ \u3000]+")


def tag_spaces(buf: Buf) -> Buf:
    """The space after a bulletin's section tag at a line's start (粮食 全年播种面积…) is a clause boundary, a comma
    written in its place (the comma maps to no original character), not a space :func:`close_spaces` would close up
    (粮食全年…: the tag glued to the sentence's first word).  Letter-spaced lines and lines of spaced cells are left
    alone."""
    text = buf.text
    if " " not in text and "\u3000" not in text:
        return buf
    edits = []
    for m in _LINE_TAG.finditer(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        b = len(text) if b < 0 else b
        if _letter_spaced(text, a, b) or _SPACE_RUN.search(text, m.end(2), b) is not None:
            continue  # (项目 本报告期 上年同期: a table's spaced cells, no tag and its sentence)
        g, h = m.span(2)
        edits += [(g, h, ""), (h, h, "，")]
    return apply_edits(buf, edits) if edits else buf


_DIGIT_AFTER_POINT = re.compile(r" *\d")  # (after 11 . : the fraction's first digit, past spaces)
_DIGIT_BEFORE_POINT = re.compile(r"\d *\Z")  # (before . 8: the whole part's last digit, past spaces)


def _line_ordinal(text: str, point: int) -> bool:
    """Whether the ``.`` at ``point`` follows an item's number at a line's start (``1. 2030年…``,
    ``2. 106年…``: a list's mark and the item's first figure, never one decimal number)."""
    i = point
    while i > 0 and text[i - 1].isdigit() and point - i < 3:
        i -= 1
    if not 1 <= point - i <= 2 or (i > 0 and text[i - 1].isdigit()):
        return False
    while i > 0 and text[i - 1] in " \t\u3000":
        i -= 1
    return i == 0 or text[i - 1] == "\n"


def close_spaces(buf: Buf) -> Buf:
    """Remove interior spaces next to CJK; collapse the others to one space; spaces between a sentence's
    end (。！？) and the next sentence become one space, which :func:`break_flattened` makes a line break
    once page furniture is cut (a paragraph a repost flattened)."""
    text = buf.text
    if " " not in text:
        return buf
    wide = _WIDE_CACHE.get
    n = len(text)
    S, E = buf.starts, buf.ends
    parts: list[str] = []
    ns, ne = offsets(), offsets()
    line = [-1, -1, False]  # (the line last read: start, end, letter-spaced; runs come in order, each line is read once)

    def line_spaced(at: int) -> bool:
        if not line[0] <= at < line[1]:
            a = text.rfind("\n", max(0, line[1]), at) + 1  # (from the last line's end on: its newline or none)
            b = text.find("\n", at)
            b = n if b < 0 else b
            line[:] = [a, b, _letter_spaced(text, a, b)]
        return line[2]
    pos = 0
    # the matches of _SPACE_RUN_RE: whole runs of spaces with a character other
    # than a line break on both sides; each removed, or replaced by one space (mapped
    # to the whole run)
    for s, e in [m.span() for m in _SPACES_ANY.finditer(text)]:
        if s == 0 or e == n:
            continue
        a, b = text[s - 1], text[e]
        if a == "\n" or b == "\n":
            continue
        wa, wb = wide(a), wide(b)
        if wa is None:
            wa = _is_wide(a)
        if wb is None:
            wb = _is_wide(b)
        if wa or wb:
            # a sentence's end, spaces, then the next sentence: a paragraph break a repost flattened
            # into spaces (…取得显著成效。 数据资源开发…; Chinese text sets no space after 。)
            # (not letter-spaced text, 增 长 。 记 者 / 超 45。 然 而: in the original the end mark follows its
            # sentence with no gap, and the next sentence's first two characters stand together)
            keep = 2 if (wb or b.isalnum()) and s > 1 and e + 1 < n and not text[s - 2].isspace() and text[e + 1] != " " \
                and S[e + 1] == E[e] and S[s - 1] == E[s - 2] \
                and (a in _FLATTENED_END or (a in _CLOSE_QUOTE and s > 2 and text[s - 2] in _FLATTENED_END)) \
                and not line_spaced(s) else 0
        elif (a.isdigit() and b == "." and _DIGIT_AFTER_POINT.match(text, e + 1)) \
                or (a == "." and b.isdigit() and _DIGIT_BEFORE_POINT.search(text, max(0, s - 12), s - 1)
                    and not _line_ordinal(text, s - 1)):
            keep = 0  # 11 . 8%, 546 . 5亿元: a decimal point a typesetter spaced out joins its digits again
        elif e - s > 1:
            keep = 1
        else:
            continue
        # apply_edits(buf, [..., (s, e, "" or " "), ...]): a replacing space maps to the run
        if pos < s:
            parts.append(text[pos:s])
            ns += S[pos:s]
            ne += E[pos:s]
        if keep:
            parts.append(" ")  # (a sentence's end: one space, made a line break after the layout step)
            ns.append(S[s])
            ne.append(E[e - 1])
        pos = e
    if not parts and pos == 0:
        return buf
    if pos < n:
        parts.append(text[pos:])
        ns += S[pos:]
        ne += E[pos:]
    return Buf("".join(parts), ns, ne)
