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

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from zhfacts import cache as disk_cache
from zhfacts.errors import RuleError
from zhfacts.normalize import tables as norm_rules
from zhfacts.normalize.offsets import Buf, LazyPattern, apply_edits

_HAN_RE = regex.compile(r"\p{Han}")
_SAMPLE = 200_000
_CHAR_CACHE: dict[str, dict[str, str]] = {}
_CHANGED: dict[str, set[str]] = {}  # per config: the cached characters it converts
_HAN_RUN_RE = LazyPattern(r"\p{Han}+")


@lru_cache(maxsize=None)
def converter(config: str):
    """A cached OpenCC converter; ``config`` without ``.json`` (``t2s``, ``tw2sp``...)."""
    import opencc  # lazy: the import loads dictionaries

    available = {c.removesuffix(".json") for c in getattr(opencc, "CONFIGS", [])}
    if available and config not in available:
        raise ValueError(f"OpenCC config {config!r} not available (have: {sorted(available)})")
    return opencc.OpenCC(config)


def char_map(chars, config: str = "t2s") -> dict[str, str]:
    """Character-by-character conversion of ``chars`` (one OpenCC call for the new ones)."""
    cache = _CHAR_CACHE.setdefault(config, {})
    new = [c for c in chars if c not in cache]
    if new:
        _convert_new(new, config)
    return {c: cache[c] for c in chars}


def _convert_new(new: list, config: str) -> None:
    """Fill the caches for the characters ``new`` (not converted before)."""
    cache = _CHAR_CACHE.setdefault(config, {})
    changed = _CHANGED.setdefault(config, set())
    out = converter(config).convert("\n".join(new)).split("\n")
    if len(out) != len(new):  # pragma: no cover - OpenCC never merges across newlines
        out = [converter(config).convert(c) for c in new]
    for c, o in zip(new, out):
        o = o if len(o) == 1 else c
        cache[c] = o
        if o != c:
            changed.add(c)


def _changed_chars(chars: set, config: str = "t2s") -> set:
    """The characters of the set ``chars`` that ``config`` converts (``char_map(c) != c``).

    The character table of earlier processes comes from the on-disk cache of
    :mod:`zhfacts.normalize.tables` (recorded OpenCC output, for the installed
    OpenCC's files): a text whose characters are all in it needs no OpenCC.
    """
    cache = _CHAR_CACHE.setdefault(config, {})
    if config not in _DISK_LOADED:
        _DISK_LOADED.add(config)
        _load_char_table(config)
    new = chars.difference(cache)
    if new:
        _convert_new(sorted(new), config)
        _save_char_table(config)
    return chars & _CHANGED.setdefault(config, set())


_SEEN: set[str] = set()  # characters whose t2s conversion is cached, or that are not Han


def _changed_in(uniq: set) -> set:
    """The Han characters of the set ``uniq`` that t2s converts: ``_changed_chars`` of its
    Han characters, with only the characters not met before looked at one by one."""
    config = "t2s"
    if config not in _DISK_LOADED:
        _DISK_LOADED.add(config)
        _load_char_table(config)
        _SEEN.update(_CHAR_CACHE.get(config, ()))
    unknown = uniq - _SEEN
    if unknown:
        han = set(_HAN_RE.findall("".join(unknown)))
        if han:
            _changed_chars(han, config)
        if len(_SEEN) > 200_000:  # (bounded: all of Unicode would not fit the purpose)
            _SEEN.clear()
            _SEEN.update(_CHAR_CACHE.get(config, ()))
        _SEEN.update(unknown)
    changed = uniq & _CHANGED.setdefault(config, set())
    if changed:  # (char_map may have been asked about characters that are not Han)
        changed = set(_HAN_RE.findall("".join(changed)))
    return changed


_DISK_LOADED: set[str] = set()
_TABLE_LIMIT = 60_000  # characters kept on disk per config


def _opencc_stamp():
    """The installed OpenCC's files (module and dictionaries), found without importing it."""
    import os

    return disk_cache.package_stamp("opencc", ("", "clib", os.path.join("clib", "share", "opencc")),
                                    (".py", ".so", ".pyd", ".json", ".ocd2", ".txt"))


def _load_char_table(config: str) -> None:
    if disk_cache.path() is None:
        return
    stamp = _opencc_stamp()
    if stamp is None:
        return
    table = disk_cache.get("opencc", (config, stamp))
    if not isinstance(table, dict):
        return
    cache = _CHAR_CACHE.setdefault(config, {})
    changed = _CHANGED.setdefault(config, set())
    for c, o in table.items():
        if c not in cache:
            cache[c] = o
            if o != c:
                changed.add(c)


_SAVE_EVERY = 60.0  # seconds: a long run writes its new characters now and then, not per text
_last_save: dict[str, float] = {}


def _save_char_table(config: str) -> None:
    import time

    if disk_cache.path() is None:
        return
    now = time.monotonic()
    if config in _last_save and now - _last_save[config] < _SAVE_EVERY:
        return
    _last_save[config] = now
    cache = _CHAR_CACHE.get(config) or {}
    if len(cache) > _TABLE_LIMIT:
        return
    stamp = _opencc_stamp()
    if stamp is None:
        return
    disk_cache.put("opencc", (config, stamp), dict(cache))
    disk_cache.flush()


@lru_cache(maxsize=1)
def _settings():
    data = norm_rules.load("script.yaml")
    return {
        "not_evidence": frozenset(norm_rules.str_list("script.yaml", "not_evidence")),
        "preserve": frozenset(norm_rules.str_list("script.yaml", "preserve")),
        "phrase_keep": {
            cfg: LazyPattern("|".join(sorted(map(regex.escape, words), key=len, reverse=True)))
            for cfg, words in (data.get("phrase_keep") or {}).items()
            if words
        },
        "min_trad_chars": int(data.get("min_trad_chars", 3)),
        "min_trad_ratio": float(data.get("min_trad_ratio", 0.05)),
        "line_min_trad_chars": int(data.get("line_min_trad_chars", 2)),
        "line_min_trad_ratio": float(data.get("line_min_trad_ratio", 0.1)),
        "number_chars": _number_chars(data),
    }


def _number_chars(data: dict) -> frozenset:
    """script.yaml ``number_chars``: single characters, each one OpenCC's t2s changes."""
    chars = norm_rules.str_list("script.yaml", "number_chars") if "number_chars" in data else []
    for c in chars:
        if len(c) != 1:
            raise RuleError(f"rule file script.yaml: key 'number_chars' entry {c!r}: must be one character")
    return frozenset(chars)


class ScriptInfo:
    """Result of :func:`analyse`: the script, a char-level t2s table and Traditional-only chars."""

    def __init__(self, text: str):
        cfg = _settings()
        self._text = text
        self._chars = uniq = set(text)
        self._changed = changed = _changed_in(uniq)
        cache = _CHAR_CACHE.setdefault("t2s", {})  # (empty for a text without Han characters)
        self.table = {ord(c): cache[c] for c in changed}
        self.trad_chars = frozenset(changed.difference(cfg["not_evidence"]))
        sample = self._sample = text[:_SAMPLE]  # counts on a sample: the decision needs no more
        self.trad = sum(sample.count(c) for c in self.trad_chars)
        self.traditional = self.trad >= cfg["min_trad_chars"] and self.trad >= cfg["min_trad_ratio"] * max(self.han, 1)

    @cached_property
    def han(self) -> int:
        """Han characters in the (sample of the) text."""
        return sum(map(len, _HAN_RUN_RE.findall(self._sample)))

    def plain_chars(self) -> set:
        """``set(self.plain(text))`` for the analysed ``text`` (from its set of characters)."""
        if not self.trad_chars:
            return self._chars
        p = self.__dict__.get("_plain_chars")
        if p is None:
            # the table maps exactly the text's characters in _changed
            p = self._plain_chars = (self._chars - self._changed) | set(self.table.values())
        return p

    @property
    def script(self) -> str:
        return "traditional" if self.traditional else "simplified"

    def plain(self, text: str) -> str:
        """Character-level Simplified form of ``text`` (for cue matching)."""
        if not self.trad_chars:
            return text  # only characters shared with Simplified text: nothing to map
        if text is getattr(self, "_text", None):
            p = self.__dict__.get("_plain")
            if p is None:
                p = self._plain = text.translate(self.table)
            return p
        return text.translate(self.table)


def analyse(text: str) -> ScriptInfo:
    return ScriptInfo(text)


_REGIONS = ("mainland", "taiwan", "hongkong")
_SCRIPTS = ("simplified", "traditional")
_CUE_KINDS = {"institution", "currency", "place", "usage", "calendar", "vocab", "company", "glyph"}
_CUE_KEYS = {"id", "region", "kind", "weight", "words", "patterns", "match", "script", "max_count", "examples", "not_after",
             "gazetteer"}


def _gazetteer_cities() -> tuple[str, ...]:
    """The mainland cities' names with 市 (宜昌市, 广州市) from the gazetteer (entities.yaml ent.city.*): the one list of
    them, read from the rules already loaded for extraction (load_rules caches them)."""
    from zhfacts.rules import load_rules

    ents = load_rules().raw["entities"]["entities"]
    return tuple(sorted({a for e in ents if e["id"].startswith("ent.city.") for a in e["aliases"] if a.endswith("市")}))


@dataclass(frozen=True)
class _CueGroup:
    id: str
    region: str
    kind: str
    weight: float
    max_count: int
    original: bool  # matched against the characters as written, not the Simplified mapping
    script: str | None
    words: tuple
    patterns: tuple
    written: bool = False  # ... before the reading aids were dropped (pinyin glosses: match: written)
    not_after: tuple = ()  # a cue right after one of these words is no evidence (中国台湾: another region's name for it)


@dataclass(frozen=True)
class _CueTable:
    groups: tuple
    settings: dict
    prior: dict
    default: dict
    tie_order: dict
    vocab: tuple  # taiwan_vocab: selects OpenCC's tw2sp
    plain_words: dict  # script (or None) -> ((word, its characters, group), ...), longest word first


def _fail(where: str, why: str):
    raise RuleError(f"rule file region_cues.yaml: {where}: {why}")


def _number(where: str, v, *, positive: bool = False) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (positive and v <= 0):
        _fail(where, f"must be a {'positive ' if positive else ''}number, not {v!r}")
    return float(v)


def _words(where: str, v) -> tuple:
    if not isinstance(v, list) or not all(isinstance(w, str) and w for w in v):
        _fail(where, "must be a list of non-empty strings")
    return tuple(v)


def _by_script(data: dict, key: str, check) -> dict:
    v = data.get(key)
    if not isinstance(v, dict) or set(v) != set(_SCRIPTS):
        _fail(key, f"must be a mapping with exactly the keys {list(_SCRIPTS)}")
    return {sc: check(f"{key}.{sc}", v[sc]) for sc in _SCRIPTS}


def _prior(where: str, v) -> dict:
    if not isinstance(v, dict) or not set(v) <= set(_REGIONS):
        _fail(where, f"must be a mapping region -> number (regions {list(_REGIONS)})")
    return {r: _number(f"{where}.{r}", n) for r, n in v.items()}


def _region(where: str, v) -> str:
    if v not in _REGIONS:
        _fail(where, f"must be one of {list(_REGIONS)}, not {v!r}")
    return v


def _order(where: str, v) -> tuple:
    if not isinstance(v, list) or sorted(v) != sorted(_REGIONS):
        _fail(where, f"must list each of {list(_REGIONS)} once")
    return tuple(v)


def _examples(where: str, v) -> list:
    if not isinstance(v, list) or not v:
        _fail(where, "must be a non-empty list of {text, region}")
    for k, ex in enumerate(v):
        if not isinstance(ex, dict) or set(ex) != {"text", "region"} or not isinstance(ex["text"], str) or not ex["text"]:
            _fail(f"{where}[{k}]", "must be a mapping {text: non-empty string, region: ...}")
        _region(f"{where}[{k}].region", ex["region"])
    return v


def straddle_words() -> tuple[str, ...]:
    """region_cues.yaml's straddle_words: the words a place's name never starts inside (平台 before 台中)."""
    return tuple(_table().settings["straddle_words"])


@lru_cache(maxsize=1)
def _table() -> _CueTable:
    """``region_cues.yaml``, validated: a bad entry is E200 naming the key and the entry."""
    data = norm_rules.load("region_cues.yaml")
    st = data.get("settings")
    if not isinstance(st, dict):
        _fail("settings", "must be a mapping")
    settings = {}
    for key in ("lead_chars", "lead_factor", "max_count", "partner_factor", "listed_factor", "min_score"):
        settings[key] = _number(f"settings.{key}", st.get(key))
    for key in ("partner_before", "list_marks", "outlet_after"):
        settings[key] = tuple(sorted(_words(f"settings.{key}", st.get(key)), key=len, reverse=True))
    settings["listing_only"] = frozenset(_words("settings.listing_only", st.get("listing_only", [])))
    settings["straddle_words"] = _words("settings.straddle_words", st.get("straddle_words", []))
    for w in settings["straddle_words"]:
        if len(w) < 2:
            _fail("settings.straddle_words", f"{w!r}: a word of two characters or more")
    prior = _by_script(data, "prior", _prior)
    default = _by_script(data, "default", _region)
    tie_order = _by_script(data, "tie_order", _order)
    vocab = _words("taiwan_vocab", data.get("taiwan_vocab"))
    entries = data.get("cues")
    if not isinstance(entries, list) or not entries:
        _fail("cues", "must be a non-empty list of cue groups")
    groups, seen = [], set()
    for i, e in enumerate(entries):
        if not isinstance(e, dict):
            _fail(f"cues[{i}]", "must be a mapping")
        gid = e.get("id")
        if not isinstance(gid, str) or not gid:
            _fail(f"cues[{i}]", "has no 'id'")
        where = f"cues[{i}] (id {gid})"
        if gid in seen:
            _fail(where, "duplicate id")
        seen.add(gid)
        unknown = set(e) - _CUE_KEYS
        if unknown:
            _fail(where, f"unknown keys {sorted(unknown)}")
        if e.get("kind") not in _CUE_KINDS:
            _fail(f"{where}.kind", f"must be one of {sorted(_CUE_KINDS)}, not {e.get('kind')!r}")
        if e.get("match", "plain") not in ("plain", "original", "written"):
            _fail(f"{where}.match", "must be 'plain', 'original' or 'written'")
        if e.get("script") is not None and e["script"] not in _SCRIPTS:
            _fail(f"{where}.script", f"must be one of {list(_SCRIPTS)}")
        words = _words(f"{where}.words", e["words"]) if "words" in e else ()
        if "gazetteer" in e:
            if e["gazetteer"] != "cities":
                _fail(f"{where}.gazetteer", "must be 'cities' (the gazetteer's mainland cities named with 市)")
            taken = {w for g in groups for w in g.words}
            words = tuple(w for w in _gazetteer_cities() if w not in taken and w not in words)
        patterns = []
        for k, pat in enumerate(_words(f"{where}.patterns", e["patterns"]) if "patterns" in e else ()):
            try:
                patterns.append(regex.compile(pat))
            except regex.error as exc:
                _fail(f"{where}.patterns[{k}]", f"bad regex: {exc}")
        if not words and not patterns:
            _fail(where, "needs 'words' or 'patterns'")
        _examples(f"{where}.examples", e.get("examples"))
        mc = _number(f"{where}.max_count", e.get("max_count", settings["max_count"]), positive=True)
        groups.append(_CueGroup(gid, _region(f"{where}.region", e.get("region")), e["kind"],
                                _number(f"{where}.weight", e.get("weight"), positive=True), int(mc),
                                e.get("match") in ("original", "written"), e.get("script"),
                                tuple(sorted(words, key=len, reverse=True)), tuple(patterns), e.get("match") == "written",
                                tuple(_words(f"{where}.not_after", e["not_after"])) if "not_after" in e else ()))
    plain_words = {
        sc: tuple(sorted(((w, frozenset(w), g) for g in groups if not g.original and g.script in (None, sc)
                          for w in g.words), key=lambda wg: -len(wg[0])))
        for sc in (None, *_SCRIPTS)}
    for sc in (None, *_SCRIPTS):  # a word in two groups would count for the first only
        owner: dict[str, str] = {}
        for w, _, g in plain_words[sc]:
            if owner.setdefault(w, g.id) != g.id:
                _fail(f"cues (id {g.id}).words", f"{w!r} is already a cue of {owner[w]}")
    vocab = tuple((w, frozenset(w)) for w in vocab)
    unknown = settings["listing_only"] - {g.id for g in groups}
    if unknown:
        _fail("settings.listing_only", f"names no cue group: {', '.join(sorted(unknown))}")
    return _CueTable(tuple(groups), settings, prior, default, tie_order, vocab, plain_words)


@lru_cache(maxsize=1)
def _cues():
    """The cue words matched on the Simplified mapping, by key: ``taiwan_vocab`` and each region."""
    t = _table()
    out = {"taiwan_vocab": [w for w, _ in t.vocab]}
    for r in ("taiwan", "hongkong", "mainland"):
        out[r] = [w for g in t.groups if g.region == r and not g.original for w in g.words]
    return out


@lru_cache(maxsize=1)
def _cue_sets():
    return {key: [(c, frozenset(c)) for c in cues] for key, cues in _cues().items()}


def find_cues(plain: str, chars: set | None = None) -> dict[str, list[str]]:
    """Cue words of each list of :func:`_cues` found in ``plain`` (char-level Simplified text).

    ``chars``, when given, is ``set(plain)``: a cue with a character missing
    from it is not looked for.
    """
    if chars is None:
        return {key: [c for c in cues if c in plain] for key, cues in _cues().items()}
    return {key: [c for c, cs in cues if cs <= chars and c in plain] for key, cues in _cue_sets().items()}


@dataclass(frozen=True)
class RegionDecision:
    """The region of a document and why: each region's score and the cues that made it."""

    region: str
    scores: dict  # region -> prior + cues
    cues: tuple  # (cue, region, rule id, points, occurrences counted), highest points first
    reason: str  # "score", "tie", "no cue", "below min_score"
    vocab: bool = False  # Taiwan vocabulary present (OpenCC's tw2sp)

    def to_json(self, top: int = 6) -> dict:
        return {
            "region": self.region,
            "reason": self.reason,
            "scores": {r: round(v, 2) for r, v in self.scores.items()},
            "cues": [{"cue": c, "region": r, "rule": rid, "points": round(p, 2), "count": n}
                     for c, r, rid, p, n in self.cues[:top]],
        }


def _occurrences(text: str, word: str, limit: int):
    p = text.find(word, 0, limit)
    while p >= 0:
        yield p
        p = text.find(word, p + len(word), limit)


def region_decision(plain: str, chars: set | None = None, original: str | None = None,
                    script: str | None = None, written: str | None = None) -> RegionDecision:
    """The region of a document: weighted cues of each region over the whole text
    (``region_cues.yaml``; see its header for the scoring and the decision).

    ``plain``: the character-level Simplified mapping of the text; ``original``: the
    text as written, the same length (the ``match: original`` cues, Hong Kong and
    Taiwan character forms; skipped when None); ``written``: the text before its reading aids were dropped (the
    ``match: written`` cues, pinyin glosses; else ``original``); ``script``: ``simplified`` or
    ``traditional`` (its prior, default and tie order; None: neutral, mainland by
    default); ``chars``: ``set(plain)`` when the caller has it.
    """
    t = _table()
    st = t.settings
    limit = min(len(plain), _SAMPLE)
    lead = st["lead_chars"]
    partner, marks, outlet = st["partner_before"], st["list_marks"], st["outlet_after"]
    covered = bytearray()  # characters a longer cue word took (台湾地区 holds 台湾)
    points: dict[tuple, list] = {}

    def factor(g: _CueGroup, text: str, s: int, e: int) -> float:
        f = st["lead_factor"] if s < lead else 1.0
        if g.not_after and text[max(0, s - 4):s].endswith(g.not_after):
            return 0.0
        if g.kind == "place":
            before = text[max(0, s - 4):s]
            if before.endswith(partner) or text.startswith(outlet, e):
                f *= st["partner_factor"]  # (香港商报: an outlet's name tells where it is, not where its story is)
            elif before.endswith(marks) or text.startswith(marks, e):
                f *= st["listed_factor"]
        return f

    straddles = st["straddle_words"]

    def straddled(s: int, e: int) -> bool:  # (平台电子: 台电 only inside 平台 and 电子)
        for x in straddles:
            lo = max(0, s - len(x) + 1)
            if any(p < s < p + len(x) or p < e < p + len(x)
                   for p in (lo + q for q in _occurrences(plain[lo:e + len(x) - 1], x, len(plain)))):
                return True
        return False

    for w, ws, g in t.plain_words.get(script, t.plain_words[None]):
        if chars is not None and not ws <= chars:
            continue
        for s in _occurrences(plain, w, limit):
            e = s + len(w)
            if covered and any(covered[s:e]) or straddled(s, e):
                continue
            if not covered:
                covered = bytearray(limit)
            covered[s:e] = b"\x01" * len(w)
            points.setdefault((w, g.id), [g]).append(factor(g, plain, s, e))
    for g in t.groups:
        if g.script not in (None, script):
            continue
        text = (written if written is not None else original) if g.written else original if g.original else plain
        if text is None:
            continue
        if g.original:
            for w in g.words:
                for s in _occurrences(text, w, limit):
                    points.setdefault((w, g.id), [g]).append(factor(g, text, s, s + len(w)))
        for rx in g.patterns:  # a pattern is one cue, named by its first match
            first = None
            for m in rx.finditer(text, 0, limit):
                first = first or m.group()
                points.setdefault((first, g.id), [g]).append(factor(g, text, m.start(), m.end()))
    raw = dict.fromkeys(_REGIONS, 0.0)
    found = []
    for (w, gid), (g, *fs) in points.items():
        fs.sort(reverse=True)
        p = g.weight * sum(fs[:g.max_count])
        if p > 0:
            raw[g.region] += p
            found.append((w, g.region, gid, p, min(len(fs), g.max_count)))
    found.sort(key=lambda c: (-c[3], c[0]))
    if script == "simplified" and st["listing_only"] and (original is None or original[:limit] == plain[:limit]):
        # (a mainland piece on a Hong Kong-listed company, no Traditional character in it: its 港元 price and stock
        # code alone make no region)
        for r in {c[1] for c in found if c[2] in st["listing_only"]}:
            if not any(c[1] == r and c[2] not in st["listing_only"] for c in found):
                raw[r] = 0.0
    vocab = any(w in plain for w, ws in t.vocab if chars is None or ws <= chars)
    default = t.default.get(script, "mainland")
    order = t.tie_order.get(script, ("mainland", "hongkong", "taiwan"))
    if not any(raw.values()):
        return RegionDecision(default, raw, (), "no cue", vocab)
    prior = t.prior.get(script, {})
    scores = {r: raw[r] + prior.get(r, 0.0) for r in _REGIONS}
    # a region other than the default needs min_score of evidence
    eligible = [r for r in _REGIONS if r == default or raw[r] >= st["min_score"]]
    best = max(scores[r] for r in eligible)
    tied = [r for r in order if r in eligible and scores[r] == best]
    reason = "tie" if len(tied) > 1 else "score"
    if len(eligible) == 1 and any(raw[r] for r in _REGIONS if r != default):
        reason = "below min_score"
    return RegionDecision(tied[0], scores, tuple(found), reason, vocab)


def detect_region(plain: str, chars: set | None = None, original: str | None = None,
                  script: str | None = None) -> str:
    """``mainland``, ``taiwan`` or ``hongkong``: :func:`region_decision`'s region."""
    return region_decision(plain, chars, original, script).region


def choose_config(decision: RegionDecision) -> str:
    """``tw2sp`` with Taiwan vocabulary, ``hk2s`` for Hong Kong text, else ``tw2s``.

    ``tw2s`` rather than plain ``t2s`` by default: Traditional news text (also
    mainland text in Traditional script, seed 004) writes the particle 着 as 著,
    which ``t2s`` leaves alone (影響著 -> 影响著) and ``tw2s`` converts (影响着).
    """
    if decision.vocab:
        return "tw2sp"
    if decision.region == "hongkong":
        return "hk2s"
    return "tw2s"


_CHUNK = 200
_CHUNK_END_RE = LazyPattern(r"[，。！？；：,;!?、]+")


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


def _lines_with(text: str, chars) -> list[tuple[int, str]]:
    """``(offset, line)`` of the lines of ``text`` holding one of ``chars`` (in order)."""
    spans = list(_line_spans(text))
    starts = [off for off, _ in spans]
    hit = set()
    for c in chars:
        p = text.find(c)
        while p >= 0:
            k = bisect_right(starts, p) - 1
            hit.add(k)
            off, line = spans[k]
            p = text.find(c, off + len(line))
    return [spans[k] for k in sorted(hit)]


def _groups(ref: str, out: str) -> list[tuple[int, int, int, int, bool]]:
    """Aligned blocks ``(i1, i2, j1, j2, same_length_inside)`` of ``ref`` -> ``out``.

    difflib's opcodes, with a phrase change kept whole: a one-character equal
    run between two changes joins them (伺服器 -> 服务器 is one
    block, not 伺 deleted + 服 + 务 inserted), and a lone insertion joins the
    block before it (or after it at the start).
    """
    import difflib  # lazy: only phrase conversions that change length need it

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
            if preserve and not preserve.isdisjoint(s_seg):
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
    if info.traditional or cfg["line_min_trad_chars"] < 1:
        spans = _line_spans(text)
    else:
        # only the lines holding a Traditional-only character can qualify
        spans = _lines_with(text, trad)
    for off, line in spans:
        if not line:
            continue
        if info.traditional:
            if _HAN_RE.search(line):
                targets.append((off, line))
            continue
        n_trad = sum(map(line.count, trad))  # characters of the line in trad
        if n_trad >= cfg["line_min_trad_chars"]:
            n_han = sum(map(len, _HAN_RUN_RE.findall(line)))  # runs, not one string per character: lean on long lines
            if n_trad >= cfg["line_min_trad_ratio"] * max(n_han, 1):
                targets.append((off, line))
    number_edits = [] if info.traditional else _number_char_edits(text, info, cfg["number_chars"], targets)
    if not targets:
        return (apply_edits(buf, number_edits), None) if number_edits else (buf, None)
    targets = [piece for off, line in targets for piece in _chunks(off, line)]
    if config is None:
        plain_chars = info.plain_chars() if text == getattr(info, "_text", None) else None
        config = choose_config(region_decision(info.plain(text), plain_chars, text, info.script))
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
    # the char-by-char conversion of each line: a slice of the analysed text's plain form
    plain = info.plain(text) if text is getattr(info, "_text", None) else None
    edits = []
    for (off, line), out in zip(targets, outs):
        if out == line:
            continue
        ref = plain[off:off + len(line)] if plain is not None else line.translate(info.table)
        edits.extend(_align_edits(line, out, ref, off, preserve))
    if number_edits:
        edits = sorted(edits + number_edits)
    return apply_edits(buf, edits), config


def _number_char_edits(text: str, info: ScriptInfo, number_chars: frozenset, lines: list) -> list:
    """One-character edits for the numeral and measure characters (script.yaml ``number_chars``:
    億 -> 亿) outside the ``lines`` converted whole, in a document left Simplified."""
    present = number_chars.intersection(info.trad_chars)
    if not present:
        return []
    converted = [(off, off + len(line)) for off, line in lines]
    starts = [a for a, _ in converted]
    edits = []
    for m in regex.finditer("[" + "".join(sorted(present)) + "]", text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < converted[k][1]:
            continue  # its line is converted whole
        edits.append((m.start(), m.end(), info.table[ord(m.group())], True))
    return edits
