"""Script detection and Traditional -> Simplified conversion with OpenCC.

Detection counts the Han characters that OpenCC's character table changes
(``t2s``), leaving out characters that are also ordinary in Simplified text
(``rules/normalize/script.yaml``: ``not_evidence``). A document is Traditional
when enough of its characters are Traditional-only; only then is it converted,
so Simplified text comes out character for character unchanged (OpenCC's Taiwan
configurations are known to damage Simplified input: 什么 -> 什幺, 显著 -> 显着).
In a Simplified document a single Traditional line (a quotation) is converted
on its own.

Conversion uses ``tw2sp`` (Taiwan phrases: 伺服器 -> 服务器, 記憶體 -> 内存)
when Taiwan vocabulary is present, ``hk2s`` for Hong Kong text, ``t2s``
otherwise. Phrase conversions may change length; each converted line is
aligned with its character-by-character conversion (difflib), so every output
piece maps to the source characters it came from.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

import regex

from . import norm_rules
from .norm_map import Buf, apply_edits

_HAN_RE = regex.compile(r"\p{Han}")
_SAMPLE = 200_000
_CHAR_CACHE: dict[str, dict[str, str]] = {}


@lru_cache(maxsize=None)
def converter(config: str):
    """A cached OpenCC converter; ``config`` without ``.json`` (``t2s``, ``tw2sp``...)."""
    import opencc  # lazy: the import loads dictionaries

    available = {c.removesuffix(".json") for c in getattr(opencc, "CONFIGS", [])}
    if available and config not in available:
        raise ValueError(f"OpenCC config {config!r} not available (have: {sorted(available)})")
    return opencc.OpenCC(config)


def available_configs() -> set[str]:
    import opencc

    return {c.removesuffix(".json") for c in getattr(opencc, "CONFIGS", [])}


def char_map(chars, config: str = "t2s") -> dict[str, str]:
    """Character-by-character conversion of ``chars`` (one OpenCC call for the new ones)."""
    cache = _CHAR_CACHE.setdefault(config, {})
    new = [c for c in chars if c not in cache]
    if new:
        out = converter(config).convert("\n".join(new)).split("\n")
        if len(out) != len(new):  # pragma: no cover - OpenCC never merges across newlines
            out = [converter(config).convert(c) for c in new]
        for c, o in zip(new, out):
            cache[c] = o if len(o) == 1 else c
    return {c: cache[c] for c in chars}


@lru_cache(maxsize=1)
def _settings():
    data = norm_rules.load("script.yaml")
    return {
        "not_evidence": frozenset(norm_rules.str_list("script.yaml", "not_evidence")),
        "preserve": frozenset(norm_rules.str_list("script.yaml", "preserve")),
        "phrase_keep": {
            cfg: regex.compile("|".join(sorted(map(regex.escape, words), key=len, reverse=True)))
            for cfg, words in (data.get("phrase_keep") or {}).items()
            if words
        },
        "min_trad_chars": int(data.get("min_trad_chars", 3)),
        "min_trad_ratio": float(data.get("min_trad_ratio", 0.05)),
        "line_min_trad_chars": int(data.get("line_min_trad_chars", 2)),
        "line_min_trad_ratio": float(data.get("line_min_trad_ratio", 0.1)),
    }


class ScriptInfo:
    """Result of :func:`analyse`: the script, a char-level t2s table and Traditional-only chars."""

    def __init__(self, text: str):
        cfg = _settings()
        chars = {c for c in set(text) if _HAN_RE.match(c)}
        cmap = char_map(sorted(chars))
        self.table = {ord(c): o for c, o in cmap.items() if o != c}
        self.trad_chars = frozenset(c for c, o in cmap.items() if o != c and c not in cfg["not_evidence"])
        sample = text[:_SAMPLE]  # counts on a sample: the decision needs no more
        if len(sample) < len(text):
            self.han = len(_HAN_RE.findall(sample))
        else:
            self.han = sum(text.count(c) for c in chars) if len(chars) < 400 else len(_HAN_RE.findall(text))
        self.trad = sum(sample.count(c) for c in self.trad_chars)
        self.traditional = self.trad >= cfg["min_trad_chars"] and self.trad >= cfg["min_trad_ratio"] * max(self.han, 1)

    @property
    def script(self) -> str:
        return "traditional" if self.traditional else "simplified"

    def plain(self, text: str) -> str:
        """Character-level Simplified form of ``text`` (for cue matching)."""
        if not self.trad_chars:
            return text  # only characters shared with Simplified text: nothing to map
        return text.translate(self.table)


def analyse(text: str) -> ScriptInfo:
    return ScriptInfo(text)


def detect_script(text: str) -> str:
    """``"traditional"`` or ``"simplified"``."""
    return ScriptInfo(text).script


@lru_cache(maxsize=1)
def _cues():
    name = "region_cues.yaml"
    out = {}
    for key in ("taiwan_vocab", "taiwan", "hongkong", "mainland"):
        out[key] = norm_rules.str_list(name, key)
    return out


def find_cues(plain: str) -> dict[str, list[str]]:
    """Cues of each list found in ``plain`` (char-level Simplified text)."""
    return {key: [c for c in cues if c in plain] for key, cues in _cues().items()}


def detect_region(plain: str) -> str:
    """``mainland``, ``taiwan`` or ``hongkong`` from cue words (see ``region_cues.yaml``)."""
    found = find_cues(plain)
    taiwan = found["taiwan"] or len(found["taiwan_vocab"]) >= 2
    if found["mainland"]:
        return "mainland"
    if taiwan:
        return "taiwan"
    if found["hongkong"]:
        return "hongkong"
    return "mainland"


def choose_config(found: dict[str, list[str]]) -> str:
    """``tw2sp`` with Taiwan vocabulary, ``hk2s`` for Hong Kong text, else ``tw2s``.

    ``tw2s`` rather than plain ``t2s`` by default: Traditional news text (also
    mainland text in Traditional script, seed 004) writes the particle 着 as 著,
    which ``t2s`` leaves alone (影響著 -> 影响著) and ``tw2s`` converts (影响着).
    """
    if found["taiwan_vocab"]:
        return "tw2sp"
    if found["hongkong"] and not found["taiwan"]:
        return "hk2s"
    return "tw2s"


_CHUNK = 200
_CHUNK_END_RE = regex.compile(r"[，。！？；：,;!?、]+")


def _chunks(off: int, line: str):
    """``line`` cut after punctuation into pieces of about :data:`_CHUNK` characters.

    OpenCC phrases never span punctuation, and short pieces keep the alignment
    (difflib, quadratic at worst) cheap on long lines.
    """
    if len(line) <= _CHUNK:
        yield off, line
        return
    start = 0
    for m in _CHUNK_END_RE.finditer(line):
        if m.end() - start >= _CHUNK:
            yield off + start, line[start:m.end()]
            start = m.end()
    if start < len(line):
        yield off + start, line[start:]


def _line_spans(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _groups(ref: str, out: str) -> list[tuple[int, int, int, int, bool]]:
    """Aligned blocks ``(i1, i2, j1, j2, same_length_inside)`` of ``ref`` -> ``out``.

    difflib's opcodes, with a phrase change kept whole: a one-character equal
    run between two changes joins them (伺服器 -> 服务器 is one
    block, not 伺 deleted + 服 + 务 inserted), and a lone insertion joins the
    block before it (or after it at the start).
    """
    ops = difflib.SequenceMatcher(None, ref, out, autojunk=False).get_opcodes()
    n = len(ops)
    absorb = [
        tag == "equal" and i2 - i1 == 1 and 0 < k < n - 1 and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal"
        for k, (tag, i1, i2, _j1, _j2) in enumerate(ops)
    ]
    groups: list[list] = []
    prev_change = False
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        change = tag != "equal" or absorb[k]
        uneven = tag != "equal" and (i2 - i1) != (j2 - j1)
        if change and prev_change and groups:
            g = groups[-1]
            g[1], g[3] = i2, j2
            g[4] = g[4] and not uneven
        else:
            groups.append([i1, i2, j1, j2, not uneven])
        prev_change = change
    # a block with no source characters joins a neighbour
    fixed: list[list] = []
    pending = None
    for g in groups:
        if pending is not None:
            g = [g[0], g[1], pending[2], g[3], False]
            pending = None
        if g[0] == g[1]:
            if fixed:
                f = fixed[-1]
                f[3] = g[3]
                f[4] = False
            else:
                pending = g
            continue
        fixed.append(g)
    if pending is not None and fixed:  # pragma: no cover - output without any source
        fixed[-1][3] = pending[3]
        fixed[-1][4] = False
    return [tuple(g) for g in fixed]


def _align_edits(src: str, out: str, ref: str, off: int, preserve) -> list:
    """Edits turning ``src`` (at ``off``) into ``out``; ``ref`` is src converted char by char."""
    if len(out) == len(src) and out == ref:
        blocks = [(0, len(src), 0, len(out), True)]
    else:
        blocks = _groups(ref, out)
    edits = []
    for i1, i2, j1, j2, even in blocks:
        s_seg, o_seg = src[i1:i2], out[j1:j2]
        if s_seg == o_seg:
            continue
        if even and i2 - i1 == j2 - j1:
            if preserve and any(c in preserve for c in s_seg):
                o_seg = "".join(s if s in preserve else o for s, o in zip(s_seg, o_seg))
                if o_seg == s_seg:
                    continue
            edits.append((off + i1, off + i2, o_seg, True))
        else:
            edits.append((off + i1, off + i2, o_seg, False))
    return edits


def to_simplified(buf: Buf, info: ScriptInfo | None = None, config: str | None = None) -> tuple[Buf, str | None]:
    """Convert the Traditional lines of ``buf``; return ``(buf, config used or None)``."""
    cfg = _settings()
    text = buf.text
    info = info or ScriptInfo(text)
    if not info.trad_chars:
        return buf, None
    trad = info.trad_chars
    targets = []
    for off, line in _line_spans(text):
        if not line:
            continue
        if info.traditional:
            if _HAN_RE.search(line):
                targets.append((off, line))
            continue
        n_trad = sum(1 for c in line if c in trad)
        if n_trad >= cfg["line_min_trad_chars"]:
            n_han = len(_HAN_RE.findall(line))
            if n_trad >= cfg["line_min_trad_ratio"] * max(n_han, 1):
                targets.append((off, line))
    if not targets:
        return buf, None
    targets = [piece for off, line in targets for piece in _chunks(off, line)]
    if config is None:
        config = choose_config(find_cues(info.plain(text)))
    conv = converter(config)
    outs = conv.convert("\n".join(line for _, line in targets)).split("\n")
    if len(outs) != len(targets):  # pragma: no cover
        outs = [conv.convert(line) for _, line in targets]
    keep = cfg["phrase_keep"].get(config)
    if keep is not None:
        # phrases the phrase config gets wrong in news text: converted without phrases
        plain_conv = converter(config.rstrip("p"))
        for k, (_, line) in enumerate(targets):
            if keep.search(line):
                pieces, pos = [], 0
                for m in keep.finditer(line):
                    pieces.append(conv.convert(line[pos:m.start()]) if pos < m.start() else "")
                    pieces.append(plain_conv.convert(m.group()))
                    pos = m.end()
                pieces.append(conv.convert(line[pos:]) if pos < len(line) else "")
                outs[k] = "".join(pieces)
    preserve = cfg["preserve"]
    edits = []
    for (off, line), out in zip(targets, outs):
        if out == line:
            continue
        edits.extend(_align_edits(line, out, line.translate(info.table), off, preserve))
    return apply_edits(buf, edits), config
