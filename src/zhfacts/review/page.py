"""A self-contained HTML page to review extracted facts in their articles.

``zhfacts review OUT.jsonl --sources DIR -o review.html [--golden DIR]`` and
``zhfacts extract ... --html review.html`` write one HTML file, with its CSS and
JS inline (no network; the sources are ``page.css`` and ``page.js`` next to
this module), that shows per document:

- the ORIGINAL text (as the spans index it) with every fact's span highlighted,
  one element per fact with a ``data-fact-id`` attribute, coloured by kind;
- boilerplate the normalizer removed (navigation, bylines...) greyed;
- a side table of the facts, sortable by clicking a header, rows with warnings
  first; clicking a row scrolls its highlight into view and flashes it; hovering
  a highlight shows its fields;
- with a golden set: predictions that match no golden fact ("spurious") and
  golden facts no prediction matches ("missed", highlighted at their golden span
  with a ``data-golden-id`` attribute) in their own styles, with a legend;
- a toggle to the normalized text, and an index that marks the documents with
  warnings and can show only those.

The page is also where a reviewer corrects the facts: accept, reject or edit
each one (entity, metric, value, unit, qualifier, date, kind), add a missed one
by selecting its figure in the original text, and export the result as contract
JSONL for ``zhfacts golden add``. Selection offsets are exact in the original:
every carriage return is written as ``&#13;`` (the HTML parser would fold a
literal CR LF into LF) and the script counts characters, not UTF-16 units.
The review is kept in the browser's localStorage under a per-page id.

Spans that cross each other cannot both be one element around their exact
text: the later one is clipped to the end of the earlier one (the tooltip and
the table show it). A span that does not fit the original, or whose text is not
``original[s:e]``, is drawn where it says and flagged "bad span".
"""
from __future__ import annotations

import bisect
import datetime as _dt
import html as _html
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from zhfacts.contract import FACT_KINDS, QUALIFIERS
from zhfacts.errors import UsageError, ZhfactsError

SOURCE_SUFFIXES = (".txt", ".html", ".htm")

# --------------------------------------------------------------------------- data


@dataclass
class Mark:
    """One highlight: a prediction (``kind='fact'``) or a missed golden fact (``'missed'``)."""

    kind: str  # fact | missed
    idx: int  # index among the document's predictions / golden records
    elem_id: str  # HTML id
    data_id: str  # value of data-fact-id / data-golden-id
    rec: dict
    start: int
    end: int
    status: str = ""  # "" (no golden) | match | spurious | optional | missed
    bad_span: str = ""  # why the span does not fit, or ""
    clipped: bool = False
    golden: dict | None = None  # the matched golden record, if any
    why: str = ""  # for spurious / missed: why the closest candidate did not match

    @property
    def warnings(self) -> list[str]:
        w = self.rec.get("warnings") or []
        return [str(x) for x in w] if isinstance(w, list) else [str(w)]


@dataclass
class ReviewDoc:
    doc: str
    original: str | None = None
    source: str | None = None
    encoding: str | None = None
    records: list[dict] = field(default_factory=list)
    removed: list[tuple[int, int, str]] = field(default_factory=list)
    golden: list[dict] | None = None  # None: no golden for this document
    error: str | None = None  # why the document cannot be shown / was not processed
    script: str = "simplified"
    normalized: str | None = None  # the normalized text, for the page's original/normalized toggle
    published: str | None = None  # the publication date the normalizer found (YYYY-MM-DD)
    marks: list[Mark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_original(path: Path) -> tuple[str, str]:
    """(original text, encoding) as the contract defines it for spans."""
    from zhfacts.io import read_document

    return read_document(Path(path))


def page_info(ndoc) -> dict:
    """What the page shows of a normalized document: the regions of the original the
    normalizer cut (and HTML markup) as ``removed`` (start, end, kind), the script,
    the normalized text and the publication date."""
    original = ndoc.original
    removed = [(r.start, r.end, r.kind) for r in ndoc.removed if 0 <= r.start < r.end <= len(original)]
    return {"removed": sorted(removed + markup_regions(original)), "script": ndoc.script, "text": ndoc.text,
            "published": ndoc.published.isoformat() if ndoc.published else None}


def removed_regions(original: str, *, path: str | None = None) -> tuple[list[tuple[int, int, str]], dict]:
    """Regions of the original the normalizer cut, as (start, end, kind), and document info."""
    from zhfacts.normalize.normalizer import normalize

    try:
        info = page_info(normalize(original, path=path))
    except Exception:  # noqa: BLE001 - greying is a help, never a reason to fail the page
        return [], {}
    return info.pop("removed"), info


_MARKUP_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)|<[!?/]?[A-Za-z][^<>]*>",
    re.I | re.S)


def markup_regions(original: str) -> list[tuple[int, int, str]]:
    """Tags, comments, scripts and styles of an HTML original, to grey them (not facts' text)."""
    from zhfacts.normalize.html import looks_like_html

    if not looks_like_html(original):
        return []
    return [(m.start(), m.end(), "markup") for m in _MARKUP_RE.finditer(original)]


def load_predictions(path: Path) -> dict[str, list[dict]]:
    """doc -> records, in file order (read by the scorer's reader: errors name the file and line)."""
    from zhfacts.evaluate.scoring import read_predictions

    out: dict[str, list[dict]] = {}
    for rec in read_predictions(path):
        out.setdefault(rec["doc"], []).append(rec)
    return out


def find_source(sources: Path, doc: str) -> Path | None:
    """``sources/<doc>.*``: .txt first, then .html, .htm, then any other suffix."""
    cands = [p for p in Path(sources).glob(f"{_glob_escape(doc)}.*") if p.is_file() and p.stem == doc]
    if not cands:
        return None

    def rank(p: Path):
        suf = p.suffix.lower()
        return (SOURCE_SUFFIXES.index(suf) if suf in SOURCE_SUFFIXES else len(SOURCE_SUFFIXES), p.name)

    return sorted(cands, key=rank)[0]


def _glob_escape(s: str) -> str:
    import glob

    return glob.escape(s)


def load_golden_records(directory: Path) -> dict[str, list[dict]]:
    """doc -> golden records of a golden directory (``<doc>.jsonl`` files)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"golden directory not found: {directory}")
    from zhfacts.evaluate.golden import load_golden

    recs = load_golden(directory).records()
    if recs:
        return recs
    out: dict[str, list[dict]] = {}
    for p in sorted(directory.glob("*.jsonl")):
        out[p.stem] = [r for recs in load_predictions(p).values() for r in recs]
    return out


# --------------------------------------------------------------------------- golden pairing


@dataclass
class Pairing:
    """The strict pairing of one document, from :func:`zhfacts.evaluate.scoring.evaluate`."""

    pairs: dict[int, int]  # golden index -> prediction index (optional golden facts included)
    miss_differs: dict[int, str]  # golden index -> why the closest prediction did not match
    spur_differs: dict[int, str]  # prediction index -> why the closest golden fact did not match


def pair_golden(doc: str, golden: list[dict], preds: list[dict], original: str | None = None) -> Pairing:
    """Pair predictions and golden facts exactly as ``zhfacts eval`` does (contract section 3)."""
    from zhfacts.evaluate.scoring import evaluate

    res = evaluate({doc: golden}, {doc: preds}, docs=[doc],
                   originals={doc: original} if original is not None else None)
    pairs = dict(res.per_doc[doc].matches["strict"])

    def why(differs, closest) -> str:
        if closest is None:
            return ""
        if differs:
            return "closest has the same value and unit; differs in " + ", ".join(differs)
        return "closest has the same value and unit"

    return Pairing(
        pairs=pairs,
        miss_differs={m.index: why(m.differs, m.closest) for m in res.misses if m.doc == doc},
        spur_differs={sp.index: why(sp.differs, sp.closest) for sp in res.spurious if sp.doc == doc},
    )


# --------------------------------------------------------------------------- building


def _span_of(rec: dict, n: int) -> tuple[int, int, str]:
    """(start, end, problem) of a record's span, clamped into [0, n]."""
    span = rec.get("span")
    if not (isinstance(span, (list, tuple)) and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
        return 0, 0, f"span {span!r} is not [start, end]"
    s, e = span
    problem = ""
    if not 0 <= s <= e <= n:
        problem = f"span [{s}, {e}] outside the original (length {n})"
        s = min(max(s, 0), n)
        e = min(max(e, s), n)
    return s, e, problem


def build_doc(doc: ReviewDoc) -> ReviewDoc:
    """Fill ``doc.marks``: one per prediction, plus one per missed golden fact."""
    n = len(doc.original or "")
    pairing = Pairing({}, {}, {})
    if doc.golden is not None:
        pairing = pair_golden(doc.doc, doc.golden, doc.records, doc.original)
    gold_of = {pi: gi for gi, pi in pairing.pairs.items()}
    matched_g = set(pairing.pairs)
    # one id per document id: every character but letters, digits and - is escaped, _ included
    # (a b and a_b must not share ids)
    safe = "".join(c if c.isalnum() or c == "-" else f"_{ord(c):x}_" for c in doc.doc)
    marks: list[Mark] = []
    for i, rec in enumerate(doc.records):
        s, e, problem = _span_of(rec, n)
        if not problem and doc.original is not None and doc.original[s:e] != rec.get("text"):
            problem = f"original[{s}:{e}] is {doc.original[s:e]!r}, not the record's text {rec.get('text')!r}"
        status = ""
        g = None
        if doc.golden is not None:
            if i in gold_of:
                g = doc.golden[gold_of[i]]
                status = "optional" if g.get("optional") else "match"
            else:
                status = "spurious"
        marks.append(Mark("fact", i, f"{safe}-f{i}", f"{doc.doc}:{i}", rec, s, e, status, problem, golden=g,
                          why=pairing.spur_differs.get(i, "")))
    if doc.golden is not None:
        for j, g in enumerate(doc.golden):
            if j in matched_g or g.get("optional"):
                continue
            s, e, problem = _span_of(g, n)
            if not problem and doc.original is not None and doc.original[s:e] != g.get("text"):
                problem = f"golden span text mismatch: original[{s}:{e}] is {doc.original[s:e]!r}"
            marks.append(Mark("missed", j, f"{safe}-g{j}", f"{doc.doc}:g{j}", g, s, e, "missed", problem,
                              why=pairing.miss_differs.get(j, "")))
    doc.marks = marks
    # document-level warnings (no publication date, a year only inferred) ride on every
    # record: say them once, at the top of the document
    for rec in doc.records[:1]:
        doc.notes.extend(w for w in rec.get("warnings") or () if str(w).startswith("document: ") and w not in doc.notes)
    return doc


# --------------------------------------------------------------------------- rendering

_esc = _html.escape


def _esc_text(t: str) -> str:
    """Text of the original for the page. A carriage return is written as ``&#13;``:
    the HTML parser turns a literal CR LF into LF, which would shift every offset
    the page computes from a selection (spans count ``\\r\\n`` as two characters)."""
    return _esc(t, quote=False).replace("\r", "&#13;")


def _fmt_value(v) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if v is None else str(v)
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        v = int(v)
    if abs(v) >= 1e15:
        return f"{v:.6g}"
    if isinstance(v, int):
        return f"{v:,}"
    return f"{v:,.10g}" if abs(v) >= 1000 else repr(v)


def _mark_classes(m: Mark) -> str:
    kind = m.rec.get("kind")
    cls = ["hl", f"k-{kind}" if kind in FACT_KINDS else "k-other"]
    if m.kind == "missed":
        cls.append("missed")
    elif m.status:
        cls.append(m.status)
    if m.warnings:
        cls.append("warn")
    if m.bad_span:
        cls.append("badspan")
    if m.clipped:
        cls.append("clipped")
    if m.start == m.end:
        cls.append("empty")
    return " ".join(cls)


class _TextRenderer:
    """Escaped original text with removed regions greyed and marks as nested elements."""

    def __init__(self, original: str, removed: Sequence[tuple[int, int, str]]):
        self.t = original
        # flatten overlapping regions into disjoint labelled pieces: a boilerplate kind
        # (byline, breadcrumb...) wins over HTML markup, then the alphabetically first
        events: list[tuple[int, int, str]] = []
        for s, e, k in removed:
            if s < e:
                events.append((s, 1, k))
                events.append((e, -1, k))
        events.sort(key=lambda x: (x[0], x[1]))
        active: dict[str, int] = {}
        merged: list[list] = []
        for i, (pos, delta, k) in enumerate(events):
            active[k] = active.get(k, 0) + delta
            if not active[k]:
                del active[k]
            nxt = events[i + 1][0] if i + 1 < len(events) else pos
            if nxt <= pos or not active:
                continue
            label = min(active, key=lambda x: (x == "markup", x))
            if merged and merged[-1][1] == pos and merged[-1][2] == label:
                merged[-1][1] = nxt
            else:
                merged.append([pos, nxt, label])
        self.rm = merged
        self.rm_starts = [r[0] for r in merged]

    def run(self, a: int, b: int, out: list[str]) -> None:
        """original[a:b], greying the parts inside removed regions."""
        if a >= b:
            return
        i = max(0, bisect.bisect_right(self.rm_starts, a) - 1)
        pos = a
        while pos < b:
            while i < len(self.rm) and self.rm[i][1] <= pos:
                i += 1
            if i >= len(self.rm) or self.rm[i][0] >= b:
                out.append(_esc_text(self.t[pos:b]))
                return
            s, e, k = self.rm[i]
            if s > pos:
                out.append(_esc_text(self.t[pos:s]))
                pos = s
            stop = min(e, b)
            out.append(f'<span class="rm" data-removed="{_esc(k)}" title="removed from the body: {_esc(k)}">'
                       f'{_esc_text(self.t[pos:stop])}</span>')
            pos = stop

    def render(self, marks: list[Mark]) -> str:
        # nest: sort by start, longer first; a mark crossing its enclosing one is clipped to it
        order = sorted(marks, key=lambda m: (m.start, -m.end, m.kind != "fact", m.idx))
        roots: list = []  # tree nodes: [mark, start, end, children]
        stack: list = []
        for m in order:
            s, e = m.start, m.end
            # pop what cannot contain m: ended before s, ends at s, or is empty
            while stack and (stack[-1][2] < s or (stack[-1][2] == s and (stack[-1][1] < s or e > s))
                             or stack[-1][1] == stack[-1][2]):
                stack.pop()
            if stack and e > stack[-1][2]:
                e = stack[-1][2]
                m.clipped = True
            node = [m, s, e, []]
            (stack[-1][3] if stack else roots).append(node)
            stack.append(node)
        out: list[str] = []
        self._emit(roots, 0, len(self.t), out)
        return "".join(out)

    def _emit(self, nodes: list, a: int, b: int, out: list[str]) -> None:
        pos = a
        for m, s, e, children in nodes:
            self.run(pos, s, out)
            attr = "data-golden-id" if m.kind == "missed" else "data-fact-id"
            out.append(f'<mark id="{_esc(m.elem_id)}" class="{_mark_classes(m)}" {attr}="{_esc(m.data_id)}" tabindex="0">')
            self._emit(children, s, e, out)
            out.append("</mark>")
            pos = max(pos, e)
        self.run(pos, b, out)


def _tip_data(m: Mark) -> dict:
    r = m.rec
    d = {
        "head": ("missed golden fact" if m.kind == "missed" else f"fact #{m.idx + 1}"),
        "entity": r.get("entity"), "metric": r.get("metric"),
        "value": _fmt_value(r.get("value")), "unit": r.get("unit"), "qualifier": r.get("qualifier"),
        "date": r.get("date"), "kind": r.get("kind"), "rule": r.get("rule"),
        "text": r.get("text"), "span": r.get("span"),
        "warnings": m.warnings,
    }
    if m.status:
        d["golden"] = {"match": "matches a golden fact", "optional": "matches an optional golden fact",
                       "spurious": "spurious: matches no golden fact",
                       "missed": "missed: no prediction matches it"}[m.status]
    if m.why:
        d["golden"] += f" ({m.why})"
    if m.golden is not None:
        diffs = [f"{k} {m.golden.get(k)!s}" for k in ("qualifier", "kind") if m.golden.get(k) != r.get(k)]
        if diffs:
            d["golden"] += " (golden: " + ", ".join(diffs) + ")"
    if m.bad_span:
        d["problem"] = "bad span: " + m.bad_span
    elif m.clipped:
        d["problem"] = "span crosses another highlight: drawn clipped"
    return {k: v for k, v in d.items() if v not in (None, "", [])}


#: Fields a reviewer can edit (contract section 2), in the order the editor shows them.
EDIT_FIELDS = ("entity", "metric", "value", "unit", "qualifier", "date", "kind")

_COLUMNS = [  # (key, header, sort type); the rule is in the tooltip
    ("n", "#", "num"), ("review", "review", "str"), ("status", "golden", "str"), ("kind", "kind", "str"),
    ("text", "text", "str"), ("entity", "entity", "str"), ("metric", "metric", "str"), ("value", "value", "num"),
    ("unit", "unit", "str"), ("qualifier", "qual.", "str"), ("date", "date", "str"), ("warnings", "warnings", "str"),
]

_REVIEW_CELL = ('<button type="button" class="rv acc" title="accept this fact" aria-label="accept">\u2713</button>'
                '<button type="button" class="rv rej" title="reject this fact" aria-label="reject">\u2717</button>'
                '<button type="button" class="rv edit" title="edit its fields" aria-label="edit">\u270e</button>')


def _table(doc: ReviewDoc, golden_mode: bool) -> str:
    cols = [c for c in _COLUMNS if golden_mode or c[0] != "status"]
    head = "".join(f'<th data-type="{t}" data-key="{k}" title="sort by {_esc(h)}">{_esc(h)}</th>' for k, h, t in cols)
    # warnings (and span problems) first, then by position in the text
    rows = sorted(doc.marks, key=lambda m: (not (m.warnings or m.bad_span), m.start, m.end, m.kind, m.idx))
    body = []
    for m in rows:
        r = m.rec
        warn = list(m.warnings)
        if m.bad_span:
            warn.append("bad span: " + m.bad_span)
        cells = []
        for key, _, typ in cols:
            content = None
            if key == "n":
                val, sortv = ("g" + str(m.idx + 1)) if m.kind == "missed" else str(m.idx + 1), m.start
            elif key == "review":
                val, sortv, content = "", "pending", _REVIEW_CELL
            elif key == "status":
                val, sortv = m.status, m.status
            elif key == "value":
                v = r.get("value")
                val = _fmt_value(v)
                sortv = v if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            elif key == "warnings":
                val = "; ".join(warn)
                sortv = ("0" if warn else "1") + val
            else:
                v = r.get(key)
                val = "" if v is None else str(v)
                sortv = val
            if content is None:
                content = _esc(val)
                if key == "kind" and val in FACT_KINDS:
                    content = f'<span class="chip k-{val}">{content}</span>'
                elif key == "date" and val:
                    content = f'<div class="cl">{content.replace("/", "/<wbr>")}</div>'
                elif key in ("entity", "metric", "warnings") and val:
                    content = f'<div class="cl">{content}</div>'
            cells.append(f'<td data-v="{_esc(str(sortv))}" class="c-{key}">{content}</td>')
        rcls = ["row"]
        if warn:
            rcls.append("has-warn")
        if m.status:
            rcls.append("st-" + m.status)
        body.append(f'<tr class="{" ".join(rcls)}" data-target="{_esc(m.elem_id)}" data-review="pending" '
                    f'tabindex="0">{"".join(cells)}</tr>')
    if not body:
        body.append(f'<tr class="none"><td colspan="{len(cols)}">no facts</td></tr>')
    return (f'<table class="facts"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _doc_stats(doc: ReviewDoc) -> dict:
    facts = [m for m in doc.marks if m.kind == "fact"]
    return {
        "facts": len(facts),
        "warnings": sum(1 for m in facts if m.warnings),
        "bad": sum(1 for m in doc.marks if m.bad_span),
        "match": sum(1 for m in facts if m.status in ("match", "optional")),
        "spurious": sum(1 for m in facts if m.status == "spurious"),
        "missed": sum(1 for m in doc.marks if m.kind == "missed"),
    }


def _asset(name: str) -> str:
    """The page's CSS or JS, shipped as package data next to this module."""
    from importlib.resources import files

    return files("zhfacts.review").joinpath(name).read_text(encoding="utf-8")


def _json_for_script(obj) -> str:
    # no "<", ">" or "&" at all inside the script element: nothing there can end or confuse it
    return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _record_data(m: Mark) -> dict:
    """The fact as the page edits and exports it: the contract fields, span and text."""
    r = m.rec
    out = {k: r.get(k) for k in EDIT_FIELDS}
    out.update(span=r.get("span"), text=r.get("text"))
    return out


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render_page(docs: Sequence[ReviewDoc], *, title: str = "zhfacts review", golden_mode: bool = False,
                subtitle: str = "") -> str:
    """The whole page as a string. ``docs`` must have been through :func:`build_doc`."""
    tips: dict[str, dict] = {}
    records: dict[str, dict] = {}
    doc_info: dict[str, dict] = {}
    sections, nav = [], []
    tot = {"docs": len(docs), "facts": 0, "warnings": 0, "bad": 0, "match": 0, "spurious": 0, "missed": 0,
           "errors": 0, "warn_docs": 0}
    for di, doc in enumerate(docs):
        st = _doc_stats(doc)
        for k in ("facts", "warnings", "bad", "match", "spurious", "missed"):
            tot[k] += st[k]
        tot["errors"] += 1 if doc.error else 0
        has_warn = bool(st["warnings"] or st["bad"])
        tot["warn_docs"] += has_warn
        anchor = f"doc-{di}"
        doc_info[anchor] = {"doc": doc.doc, "published": doc.published}
        badge = _n(st["facts"], "fact")
        if golden_mode and doc.golden is not None:
            badge += f' · {st["spurious"]} spurious · {st["missed"]} missed'
        if doc.error:
            badge = "error"
        warn_badge = f' <span class="wbadge" title="facts with warnings">\u26a0 {st["warnings"]}</span>' if st["warnings"] else ""
        flags = " ".join(x for x in ("has-warn" if has_warn else "", "err" if doc.error else "") if x)
        nav.append(f'<li class="{flags}" data-doc="{anchor}"><a href="#{anchor}"{" class=err" if doc.error else ""}>'
                   f'{_esc(doc.doc)}</a> <span class="muted">{_esc(badge)}</span>{warn_badge}</li>')
        for m in doc.marks:
            tips[m.elem_id] = _tip_data(m)
            records[m.elem_id] = _record_data(m)
        meta = []
        if doc.source:
            meta.append(_esc(doc.source))
        if doc.encoding:
            meta.append(_esc(doc.encoding))
        if doc.published:
            meta.append(f"published {_esc(doc.published)}")
        meta.append(_esc(badge))
        if st["warnings"]:
            meta.append(f'<span class="w">{st["warnings"]} with warnings</span>')
        if st["bad"]:
            meta.append(f'<span class="w">{st["bad"]} bad spans</span>')
        if doc.golden is None and golden_mode:
            meta.append("no golden file")
        notes = "".join(f'<p class="note">{_esc(n)}</p>' for n in doc.notes)
        if doc.error:
            notes += f'<p class="error">{_esc(doc.error)}</p>'
        if doc.original is not None:
            lang = "zh-Hant" if doc.script == "traditional" else "zh-Hans"
            text = _TextRenderer(doc.original, doc.removed).render(doc.marks)
            toggle = norm = ""
            if doc.normalized is not None:
                toggle = ('<p class="views"><button type="button" class="toggle-text" aria-pressed="false" '
                          'title="switch between the original text (spans index it) and the normalized text">'
                          'show normalized text</button> <button type="button" class="accept-all" '
                          'title="accept every fact of this document not yet reviewed">accept the rest</button></p>')
                norm = f'<div class="doc-text norm" lang="zh-Hans" hidden>{_esc_text(doc.normalized)}</div>'
            body = (f'<div class="doc-body"><div class="text-col">{toggle}'
                    f'<div class="doc-text orig" lang="{lang}" title="select a figure to add a missed fact">{text}</div>'
                    f'{norm}</div><aside class="table-col">{_table(doc, golden_mode)}</aside></div>')
        elif doc.records:
            body = f'<div class="doc-body"><div class="text-col"></div><aside class="table-col">{_table(doc, golden_mode)}</aside></div>'
        else:
            body = ""
        sections.append(f'<section class="doc{" has-warn" if has_warn else ""}" id="{anchor}" data-doc="{_esc(doc.doc)}">'
                        f'<h2>{_esc(doc.doc)}</h2><p class="meta">{" · ".join(meta)}</p>{notes}{body}</section>')

    summary = [_n(tot["docs"], "document"), _n(tot["facts"], "fact"), f'{tot["warnings"]} with warnings']
    if tot["bad"]:
        summary.append(f'{tot["bad"]} bad spans')
    if tot["errors"]:
        summary.append(f'{_n(tot["errors"], "document")} with errors')
    if golden_mode:
        summary += [f'{tot["match"]} matched', f'{tot["spurious"]} spurious', f'{tot["missed"]} missed']
    legend = [
        '<span class="hl k-actual">actual</span>', '<span class="hl k-forecast">forecast</span>',
        '<span class="hl k-target">target</span>', '<span class="hl k-actual warn">warning</span>',
        '<span class="rm">removed boilerplate</span>', '<span class="hl k-actual rv-rejected">rejected</span>',
        '<span class="hl k-actual added">added by you</span>',
    ]
    if golden_mode:
        legend += ['<span class="hl k-actual spurious">spurious (no golden match)</span>',
                   '<span class="hl k-actual missed">missed golden fact</span>']
    generated = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    editor = "".join(
        f'<label>{k}<select name="{k}">{"".join(f"<option>{_esc(o)}</option>" for o in opts)}</select></label>'
        if opts else f'<label>{k}<input name="{k}" autocomplete="off"></label>'
        for k, opts in (("entity", None), ("metric", None), ("value", None), ("unit", None),
                        ("qualifier", QUALIFIERS), ("date", None), ("kind", FACT_KINDS)))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="zhfacts review">'
        f'<link rel="icon" href="data:,">'
        f"<title>{_esc(title)}</title><style>{_asset('page.css')}</style></head>"
        f'<body data-page="{uuid.uuid4().hex}">'
        f'<header class="top"><h1>{_esc(title)}</h1>'
        f'<p class="summary">{" · ".join(summary)}'
        f'{(" · " + _esc(subtitle)) if subtitle else ""} · generated {generated}</p>'
        f'<p class="legend">{" ".join(legend)}</p>'
        f'<p class="help muted">Hover a highlight for its fields; click a table row to jump to it; '
        f'click a column header to sort. Review: \u2713 accept, \u2717 reject, \u270e edit a fact; select a figure '
        f'in the text to add a missed one; then export the corrections and run '
        f'<code>zhfacts golden add corrections.jsonl --sources DIR</code>.</p>'
        f'<p class="tools"><button type="button" id="zf-export">export corrections</button> '
        f'<span id="zf-count" class="muted">0 reviewed</span> '
        f'<label class="filter"><input type="checkbox" id="zf-only-warn"> only documents with warnings '
        f'({tot["warn_docs"]} of {tot["docs"]})</label></p>'
        f'<div id="zf-export-box" hidden><p class="muted">Contract JSONL of the accepted, edited and added facts '
        f'(also downloaded as corrections.jsonl):</p><textarea id="zf-export-text" readonly rows="6"></textarea></div>'
        f'<nav><ol class="docs">{"".join(nav)}</ol></nav></header>'
        f'<main>{"".join(sections)}</main>'
        f'<div id="zf-tip" role="tooltip" hidden></div>'
        f'<button type="button" id="zf-add" hidden>add fact</button>'
        f'<dialog id="zf-editor"><form method="dialog"><h3 id="zf-editor-title">fact</h3>'
        f'<p class="span-line">text <code id="zf-ed-text"></code> span <code id="zf-ed-span"></code></p>'
        f'{editor}<p id="zf-ed-error" class="w"></p>'
        f'<p><button type="button" id="zf-ed-save">save</button> <button type="button" id="zf-ed-cancel">cancel</button></p>'
        f'</form></dialog>'
        f'<script type="application/json" id="zf-data">{_json_for_script(tips)}</script>'
        f'<script type="application/json" id="zf-records">{_json_for_script(records)}</script>'
        f'<script type="application/json" id="zf-docs">{_json_for_script(doc_info)}</script>'
        f"<script>{_asset('page.js')}</script></body></html>\n"
    )


# --------------------------------------------------------------------------- entry points


def write_page(docs: Sequence[ReviewDoc], out, *, golden_mode: bool = False, subtitle: str = "") -> Path:
    """Write the page to ``out``: a path, or an :class:`zhfacts.io.OutputFile` checked beforehand."""
    from zhfacts.io import OutputFile

    target = out if isinstance(out, OutputFile) else OutputFile(out, what="review page")
    for d in docs:
        build_doc(d)
    target.write_all(render_page(docs, golden_mode=golden_mode, subtitle=subtitle))
    return Path(target.shown)


def _fill(doc: ReviewDoc, original: str, path: str | None = None, info: dict | None = None) -> None:
    """``doc`` from its original; ``info`` (:func:`page_info`) when the caller normalized it already."""
    doc.original = original
    if info is not None:
        info = dict(info)
        doc.removed = info.pop("removed")
    else:
        doc.removed, info = removed_regions(original, path=path)
    doc.script = info.get("script", "simplified") or "simplified"
    doc.normalized = info.get("text")
    doc.published = info.get("published")


def _load_source(doc: ReviewDoc, path: Path, info: dict | None = None) -> None:
    doc.source = str(path)
    try:
        original, doc.encoding = read_original(path)
    except ZhfactsError as exc:
        doc.error = str(exc) if exc.path else f"error[{exc.code}] {path}: {exc.message}"
        return
    except OSError as exc:
        doc.error = f"{path}: cannot read: {exc.strerror or exc}"
        return
    _fill(doc, original, str(path), info)


def write_review_for_results(results: Iterable, out: Path) -> Path:
    """The page for a finished batch (``zhfacts extract --html``): every document, failed ones too."""
    docs = []
    for res in results:
        item = res.input
        d = ReviewDoc(doc=item.doc, records=list(res.records))
        if res.error is not None:
            d.error = str(res.error)
            d.source = item.path
        elif item.data is not None:
            d.source = "standard input"
            try:
                from zhfacts.io import decode_bytes

                original, d.encoding = decode_bytes(item.data, path=item.path)
            except Exception as exc:  # noqa: BLE001
                d.error = f"standard input: {exc}"
            else:
                _fill(d, original, info=res.review)
        else:
            _load_source(d, Path(item.path), res.review)
        docs.append(d)
    return write_page(docs, out)


def _files_in(directory) -> list[str]:
    """The regular files directly inside ``directory`` (none when it cannot be listed)."""
    try:
        with os.scandir(directory) as it:
            return [e.path for e in it if e.is_file()]
    except OSError:
        return []


@dataclass
class ReviewReport:
    """What :func:`write_review` wrote: the documents (errors included) and the totals."""

    out: Path
    docs: list[ReviewDoc]
    golden_mode: bool
    left_out: list[str] = field(default_factory=list)  # golden documents without a source

    @property
    def errors(self) -> list[str]:
        return [d.error for d in self.docs if d.error]

    def totals(self) -> dict:
        st = {"facts": 0, "warnings": 0, "bad": 0, "spurious": 0, "missed": 0, "match": 0}
        for d in self.docs:
            s = _doc_stats(d)
            for k in st:
                st[k] += s[k]
        return st


def write_review(pred: Path, sources: Path, out: Path, golden: Path | None = None) -> ReviewReport:
    """The review page of the predictions file ``pred`` over the articles in ``sources``
    (``zhfacts review``); a document whose source cannot be read is shown with its error."""
    from zhfacts.io import OutputFile

    sources = Path(sources)
    if not sources.is_dir():
        raise UsageError(f"--sources must be a directory, got {sources}")
    # checked before anything is read: never onto the predictions, a source or a golden file
    protect = [pred] + _files_in(sources) + (_files_in(golden) if golden is not None else [])
    target = OutputFile(out, protect=protect, what="review page")
    preds = load_predictions(pred)
    gold = load_golden_records(golden) if golden is not None else None

    doc_ids = list(preds)
    left_out = []
    if gold is not None:
        for d in gold:
            if d not in preds:
                if find_source(sources, d) is not None:
                    doc_ids.append(d)  # no predictions at all: every golden fact is missed
                else:
                    left_out.append(d)
    docs = []
    for d in doc_ids:
        rd = ReviewDoc(doc=d, records=preds.get(d, []))
        if gold is not None:
            rd.golden = gold.get(d)
        src = find_source(sources, d)
        if src is None:
            rd.error = f"error[E105] {sources}: no source file {d}.* for document {d}"
        else:
            _load_source(rd, src)
        docs.append(rd)
    subtitle = f"predictions {pred}" + (f" · golden {golden}" if golden is not None else "")
    write_page(docs, target, golden_mode=gold is not None, subtitle=subtitle)
    return ReviewReport(Path(out), docs, gold is not None, left_out)
