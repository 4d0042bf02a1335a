"""A self-contained HTML page to review extracted facts in their articles.

``zhfacts review OUT.jsonl --sources DIR -o review.html [--golden DIR]`` and
``zhfacts extract ... --html review.html`` write one HTML file, with its CSS and
JS inline (no network), that shows per document:

- the ORIGINAL text (as the spans index it) with every fact's span highlighted,
  one element per fact with a ``data-fact-id`` attribute, coloured by kind;
- boilerplate the normalizer removed (navigation, bylines...) greyed;
- a side table of the facts, sortable by clicking a header, rows with warnings
  first; clicking a row scrolls its highlight into view and flashes it; hovering
  a highlight shows its fields;
- with a golden set: predictions that match no golden fact ("spurious") and
  golden facts no prediction matches ("missed", highlighted at their golden span
  with a ``data-golden-id`` attribute) in their own styles, with a legend.

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
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from zhfacts.contract import FACT_KINDS
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
    marks: list[Mark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_original(path: Path) -> tuple[str, str]:
    """(original text, encoding) as the contract defines it for spans."""
    try:
        from zhfacts.io import read_document
    except ImportError:  # pragma: no cover - until zhfacts.io lands
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read(), "utf-8"
    return read_document(Path(path))


def removed_regions(original: str, *, path: str | None = None) -> tuple[list[tuple[int, int, str]], dict]:
    """Regions of the original the normalizer cut, as (start, end, kind), and document info."""
    try:
        from zhfacts.normalize.normalizer import normalize
    except ImportError:  # pragma: no cover - until zhfacts.normalize lands
        return [], {}
    try:
        try:
            ndoc = normalize(original, path=path)
        except TypeError:  # an older signature without path
            ndoc = normalize(original)
    except Exception:  # noqa: BLE001 - greying is a help, never a reason to fail the page
        return [], {}
    out = []
    for r in getattr(ndoc, "removed", None) or []:
        s, e = int(getattr(r, "start", 0)), int(getattr(r, "end", 0))
        if 0 <= s < e <= len(original):
            out.append((s, e, str(getattr(r, "kind", "removed"))))
    out += markup_regions(original)
    return sorted(out), {"script": getattr(ndoc, "script", "simplified")}


_MARKUP_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)|<[!?/]?[A-Za-z][^<>]*>",
    re.I | re.S)


def markup_regions(original: str) -> list[tuple[int, int, str]]:
    """Tags, comments, scripts and styles of an HTML original, to grey them (not facts' text)."""
    try:
        from zhfacts.normalize.html import looks_like_html
    except ImportError:  # pragma: no cover
        return []
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
    try:
        from zhfacts.evaluate.golden import load_golden
    except ImportError:  # pragma: no cover
        load_golden = None
    if load_golden is not None:
        gs = load_golden(directory)
        recs = gs.records()
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
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in doc.doc)
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
                out.append(_esc(self.t[pos:b], quote=False))
                return
            s, e, k = self.rm[i]
            if s > pos:
                out.append(_esc(self.t[pos:s], quote=False))
                pos = s
            stop = min(e, b)
            out.append(f'<span class="rm" data-removed="{_esc(k)}" title="removed from the body: {_esc(k)}">'
                       f'{_esc(self.t[pos:stop], quote=False)}</span>')
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


_COLUMNS = [  # (key, header, sort type)
    ("n", "#", "num"), ("status", "golden", "str"), ("kind", "kind", "str"), ("text", "text", "str"),
    ("entity", "entity", "str"), ("metric", "metric", "str"), ("value", "value", "num"), ("unit", "unit", "str"),
    ("qualifier", "qual.", "str"), ("date", "date", "str"), ("rule", "rule", "str"),
    ("warnings", "warnings", "str"),
]


def _table(doc: ReviewDoc, golden_mode: bool) -> str:
    cols = [c for c in _COLUMNS if golden_mode or c[0] != "status"]
    head = "".join(f'<th data-type="{t}" title="sort by {_esc(h)}">{_esc(h)}</th>' for _, h, t in cols)
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
            if key == "n":
                val, sortv = ("g" + str(m.idx + 1)) if m.kind == "missed" else str(m.idx + 1), m.start
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
            content = _esc(val)
            if key == "kind" and val in FACT_KINDS:
                content = f'<span class="chip k-{val}">{content}</span>'
            elif key in ("entity", "metric", "rule", "warnings") and val:
                content = f'<div class="cl">{content}</div>'
            cells.append(f'<td data-v="{_esc(str(sortv))}" class="c-{key}">{content}</td>')
        rcls = ["row"]
        if warn:
            rcls.append("has-warn")
        if m.status:
            rcls.append("st-" + m.status)
        body.append(f'<tr class="{" ".join(rcls)}" data-target="{_esc(m.elem_id)}" tabindex="0">{"".join(cells)}</tr>')
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


def render_page(docs: Sequence[ReviewDoc], *, title: str = "zhfacts review", golden_mode: bool = False,
                subtitle: str = "") -> str:
    """The whole page as a string. ``docs`` must have been through :func:`build_doc`."""
    tips: dict[str, dict] = {}
    sections, nav = [], []
    tot = {"docs": len(docs), "facts": 0, "warnings": 0, "bad": 0, "match": 0, "spurious": 0, "missed": 0,
           "errors": 0}
    for di, doc in enumerate(docs):
        st = _doc_stats(doc)
        for k in ("facts", "warnings", "bad", "match", "spurious", "missed"):
            tot[k] += st[k]
        tot["errors"] += 1 if doc.error else 0
        anchor = f"doc-{di}"
        badge = f'{st["facts"]} facts'
        if golden_mode and doc.golden is not None:
            badge += f' · {st["spurious"]} spurious · {st["missed"]} missed'
        if doc.error:
            badge = "error"
        nav.append(f'<li><a href="#{anchor}"{" class=err" if doc.error else ""}>{_esc(doc.doc)}</a> '
                   f'<span class="muted">{_esc(badge)}</span></li>')
        for m in doc.marks:
            tips[m.elem_id] = _tip_data(m)
        meta = []
        if doc.source:
            meta.append(_esc(doc.source))
        if doc.encoding:
            meta.append(_esc(doc.encoding))
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
            body = (f'<div class="doc-body"><div class="text-col"><div class="doc-text" lang="{lang}">{text}</div></div>'
                    f'<aside class="table-col">{_table(doc, golden_mode)}</aside></div>')
        elif doc.records:
            body = f'<div class="doc-body"><div class="text-col"></div><aside class="table-col">{_table(doc, golden_mode)}</aside></div>'
        else:
            body = ""
        sections.append(f'<section class="doc" id="{anchor}"><h2>{_esc(doc.doc)}</h2>'
                        f'<p class="meta">{" · ".join(meta)}</p>{notes}{body}</section>')

    summary = [f'{tot["docs"]} documents', f'{tot["facts"]} facts', f'{tot["warnings"]} with warnings']
    if tot["bad"]:
        summary.append(f'{tot["bad"]} bad spans')
    if tot["errors"]:
        summary.append(f'{tot["errors"]} documents with errors')
    if golden_mode:
        summary += [f'{tot["match"]} matched', f'{tot["spurious"]} spurious', f'{tot["missed"]} missed']
    legend = [
        '<span class="hl k-actual">actual</span>', '<span class="hl k-forecast">forecast</span>',
        '<span class="hl k-target">target</span>', '<span class="hl k-actual warn">warning</span>',
        '<span class="rm">removed boilerplate</span>',
    ]
    if golden_mode:
        legend += ['<span class="hl k-actual spurious">spurious (no golden match)</span>',
                   '<span class="hl k-actual missed">missed golden fact</span>']
    # no "<", ">" or "&" at all inside the script element: nothing there can end or confuse it
    data = json.dumps(tips, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    generated = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="zhfacts review">'
        f'<link rel="icon" href="data:,">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>"
        f'<header class="top"><h1>{_esc(title)}</h1>'
        f'<p class="summary">{" · ".join(summary)}'
        f'{(" · " + _esc(subtitle)) if subtitle else ""} · generated {generated}</p>'
        f'<p class="legend">{" ".join(legend)}</p>'
        f'<p class="help muted">Hover a highlight for its fields; click a table row to jump to it; '
        f'click a column header to sort.</p>'
        f'<nav><ol class="docs">{"".join(nav)}</ol></nav></header>'
        f'<main>{"".join(sections)}</main>'
        f'<div id="zf-tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="zf-data">{data}</script>'
        f"<script>{_JS}</script></body></html>\n"
    )


_CSS = r"""
:root{--fg:#1d1d1f;--muted:#6b6b70;--line:#e3e3e8;--bg:#fbfbfa;
--actual:#dbe9ff;--actual-b:#3b78d8;--forecast:#ffe6bf;--forecast-b:#d98300;--target:#d5f2d8;--target-b:#2a9142;
--other:#eee;--other-b:#888;--warn:#d32020;--spur:#d32020;--miss:#7b3fc4}
*{box-sizing:border-box}
html{scroll-padding-top:12px}
body{margin:0;color:var(--fg);background:var(--bg);
font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Micro Hei","WenQuanYi Zen Hei",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:15px;line-height:1.6}
header.top{padding:16px 24px 8px;border-bottom:1px solid var(--line);background:#fff}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:17px;margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.summary,.meta{margin:2px 0;color:var(--muted)}
.legend{margin:6px 0}.legend>span{margin-right:6px;display:inline-block;padding:0 4px}
.muted{color:var(--muted)}.help{font-size:13px;margin:2px 0}
ol.docs{margin:6px 0 4px;padding-left:22px;columns:3 22em;font-size:13px}
ol.docs a{color:#1f5fbf}ol.docs a.err{color:var(--warn)}
section.doc{padding:14px 24px 24px;border-bottom:1px solid var(--line)}
.meta .w{color:var(--warn)}
.note{color:var(--muted);margin:4px 0}.error{color:var(--warn);font-weight:600;margin:6px 0}
.doc-body{display:grid;grid-template-columns:minmax(0,600px) minmax(0,1fr);gap:20px;align-items:start;margin-top:8px}
.doc-text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;line-height:1.95;
background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;letter-spacing:.02em}
.doc-text:lang(zh-Hant){font-family:"PingFang TC","Microsoft JhengHei","Noto Sans CJK TC","Source Han Sans TC",
"WenQuanYi Micro Hei","WenQuanYi Zen Hei",sans-serif}
aside.table-col{position:sticky;top:0;max-height:100vh;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:6px}
.hl{border-radius:3px;padding:1px 1px;border-bottom:2px solid;-webkit-box-decoration-break:clone;box-decoration-break:clone;
cursor:pointer;color:inherit}
.hl .hl{padding:0;border-bottom-style:double}
.k-actual{background:var(--actual);border-color:var(--actual-b)}
.k-forecast{background:var(--forecast);border-color:var(--forecast-b)}
.k-target{background:var(--target);border-color:var(--target-b)}
.k-other{background:var(--other);border-color:var(--other-b)}
.hl.warn{text-decoration:underline wavy var(--warn);text-decoration-thickness:1.5px;text-underline-offset:4px}
.hl.spurious{outline:2px dashed var(--spur);outline-offset:1px}
.hl.missed{background:repeating-linear-gradient(135deg,#f3ecfc 0 4px,#fff 4px 8px);border:2px dotted var(--miss);border-bottom-width:2px}
.hl.badspan{outline:2px solid var(--warn)}
.hl.empty::before{content:"\2038";color:var(--warn)}
.hl:focus{outline:2px solid #111}
.rm{color:#a3a3a8;background:#f1f1f1}
.rm[data-removed=markup]{background:none;color:#9aa3b5;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8em}
.hl.flash{animation:zf-flash 1.4s ease-out 1}
@keyframes zf-flash{0%,30%{box-shadow:0 0 0 4px #ffcf33;background:#fff1a8}100%{box-shadow:0 0 0 0 transparent}}
table.facts{border-collapse:collapse;width:max-content;min-width:100%;font-size:13px;line-height:1.45}
table.facts th{position:sticky;top:0;background:#f4f4f6;text-align:left;padding:6px 6px;border-bottom:1px solid var(--line);
cursor:pointer;white-space:nowrap;user-select:none;z-index:1}
table.facts th:hover{background:#e9e9ee}
table.facts th[aria-sort=ascending]::after{content:" \25B2";font-size:10px}
table.facts th[aria-sort=descending]::after{content:" \25BC";font-size:10px}
table.facts td{padding:4px 6px;border-bottom:1px solid #f0f0f2;vertical-align:top}
table.facts tr.row{cursor:pointer}
table.facts tr.row:hover{background:#f5f8ff}
table.facts tr.sel{background:#fff4c2 !important}
table.facts tr.has-warn td.c-warnings{color:var(--warn)}
table.facts tr.has-warn{background:#fff6f6}
table.facts tr.st-spurious td.c-status{color:var(--spur);font-weight:600}
table.facts tr.st-missed td.c-status{color:var(--miss);font-weight:600}
td.c-value{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.c-n,td.c-unit,td.c-qualifier,td.c-date,td.c-status,td.c-text{white-space:nowrap}
td.c-entity .cl{max-width:11em}td.c-metric .cl{max-width:13em}td.c-warnings .cl{min-width:12em;max-width:26em}
td.c-rule .cl{max-width:14em;overflow-wrap:anywhere}tr.has-warn td.c-n::after{content:" \26A0";color:var(--warn)}
td.c-rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
.chip{display:inline-block;padding:0 5px;border-radius:8px;border:1px solid;font-size:12px}
#zf-tip{position:fixed;z-index:10;max-width:420px;background:#222;color:#f5f5f5;border-radius:6px;padding:8px 10px;
font-size:13px;line-height:1.5;box-shadow:0 4px 16px rgba(0,0,0,.25);pointer-events:none}
#zf-tip .h{font-weight:600;margin-bottom:2px}
#zf-tip table{border-collapse:collapse}#zf-tip td{padding:0 6px 0 0;vertical-align:top}
#zf-tip td.k{color:#aab}#zf-tip .w{color:#ff9b9b}
@media (max-width:1000px){.doc-body{grid-template-columns:1fr}aside.table-col{position:static;max-height:none}}
@media (prefers-reduced-motion:reduce){.hl.flash{animation:none;box-shadow:0 0 0 3px #ffcf33}}
"""

_JS = r"""
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('zf-data').textContent);
  var tip = document.getElementById('zf-tip');
  var FIELDS = ['entity', 'metric', 'value', 'unit', 'qualifier', 'date', 'kind', 'rule', 'text', 'span',
                'warnings', 'golden', 'problem'];
  var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  function hlOf(node) {
    return node && node.closest ? node.closest('[data-fact-id],[data-golden-id]') : null;
  }
  function showTip(el, x, y) {
    var d = data[el.id];
    if (!d) { return; }
    tip.textContent = '';
    var h = document.createElement('div');
    h.className = 'h';
    h.textContent = d.head;
    tip.appendChild(h);
    var t = document.createElement('table');
    FIELDS.forEach(function (k) {
      if (d[k] === undefined) { return; }
      var tr = t.insertRow(), a = tr.insertCell(), b = tr.insertCell();
      a.className = 'k';
      a.textContent = k;
      var v = d[k];
      if (Array.isArray(v)) { v = k === 'span' ? '[' + v.join(', ') + ']' : v.join('; '); }
      b.textContent = String(v);
      if (k === 'warnings' || k === 'problem') { b.className = 'w'; }
    });
    tip.appendChild(t);
    tip.hidden = false;
    place(x, y);
  }
  function place(x, y) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8);
    var top = y + 18;
    if (top + h > window.innerHeight - 8) { top = Math.max(8, y - h - 12); }
    tip.style.left = Math.max(8, left) + 'px';
    tip.style.top = top + 'px';
  }
  function hideTip() { tip.hidden = true; current = null; }

  var current = null;
  function hover(e) {
    var el = hlOf(e.target);
    if (!el) { current = null; hideTip(); return; }
    if (tip.hidden || el !== current) { current = el; showTip(el, e.clientX, e.clientY); }
    else { place(e.clientX, e.clientY); }
  }
  document.addEventListener('mouseover', hover);
  document.addEventListener('mousemove', hover);
  document.addEventListener('focusin', function (e) {
    var el = hlOf(e.target);
    if (el) { var r = el.getBoundingClientRect(); showTip(el, r.left, r.bottom - 14); } else { hideTip(); }
  });
  window.addEventListener('scroll', hideTip, true);

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth;  // restart the animation
    el.classList.add('flash');
  }
  function select(tr) {
    var prev = document.querySelectorAll('tr.sel');
    for (var i = 0; i < prev.length; i++) { prev[i].classList.remove('sel'); }
    tr.classList.add('sel');
  }
  function go(tr) {
    var el = document.getElementById(tr.getAttribute('data-target'));
    if (!el) { return; }
    select(tr);
    el.scrollIntoView({block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth'});
    flash(el);
  }
  function rowFor(el) {
    return document.querySelector('tr[data-target="' + el.id + '"]');
  }

  var tables = document.querySelectorAll('table.facts');
  Array.prototype.forEach.call(tables, function (table) {
    var tbody = table.tBodies[0];
    tbody.addEventListener('click', function (e) {
      var tr = e.target.closest('tr.row');
      if (tr) { go(tr); }
    });
    tbody.addEventListener('keydown', function (e) {
      var tr = e.target.closest('tr.row');
      if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); go(tr); }
    });
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, col) {
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var num = th.getAttribute('data-type') === 'num';
        var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr.row'));
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute('data-v'), y = b.cells[col].getAttribute('data-v');
          var c;
          if (num) {
            var fx = parseFloat(x), fy = parseFloat(y);
            if (isNaN(fx) && isNaN(fy)) { c = 0; } else if (isNaN(fx)) { c = 1; } else if (isNaN(fy)) { c = -1; }
            else { c = fx - fy; }
            if (isNaN(fx) || isNaN(fy)) { return c; }
          } else {
            c = x.localeCompare(y, 'zh');
          }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });

  document.addEventListener('click', function (e) {
    var el = hlOf(e.target);
    if (!el) { return; }
    var tr = rowFor(el);
    if (!tr) { return; }
    select(tr);
    var box = tr.closest('aside');
    if (box) {
      var rb = tr.getBoundingClientRect(), bb = box.getBoundingClientRect();
      if (rb.top < bb.top + 30 || rb.bottom > bb.bottom) { box.scrollTop += rb.top - bb.top - bb.height / 3; }
    }
  });
})();
"""


# --------------------------------------------------------------------------- entry points


def write_page(docs: Sequence[ReviewDoc], out, *, golden_mode: bool = False, subtitle: str = "") -> Path:
    """Write the page to ``out``: a path, or an :class:`zhfacts.io.OutputFile` checked beforehand."""
    from zhfacts.io import OutputFile

    target = out if isinstance(out, OutputFile) else OutputFile(out, what="review page")
    for d in docs:
        build_doc(d)
    page = render_page(docs, golden_mode=golden_mode, subtitle=subtitle)
    target.write_all(page)
    return Path(target.shown)


def _load_source(doc: ReviewDoc, path: Path) -> None:
    doc.source = str(path)
    try:
        doc.original, doc.encoding = read_original(path)
    except ZhfactsError as exc:
        doc.error = str(exc) if exc.path else f"error[{exc.code}] {path}: {exc.message}"
        return
    except OSError as exc:
        doc.error = f"{path}: cannot read: {exc.strerror or exc}"
        return
    doc.removed, info = removed_regions(doc.original, path=str(path))
    doc.script = info.get("script", "simplified") or "simplified"


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
            try:
                from zhfacts.io import decode_bytes

                dec = decode_bytes(item.data, path=item.path)
                d.original, d.encoding = (dec if isinstance(dec, tuple) else (dec, None))
            except Exception as exc:  # noqa: BLE001
                d.error = f"standard input: {exc}"
            d.source = "standard input"
            if d.original is not None:
                d.removed, info = removed_regions(d.original)
                d.script = info.get("script", "simplified") or "simplified"
        else:
            _load_source(d, Path(item.path))
        docs.append(d)
    return write_page(docs, out)


def _files_in(directory) -> list[str]:
    """The regular files directly inside ``directory`` (none when it cannot be listed)."""
    try:
        with os.scandir(directory) as it:
            return [e.path for e in it if e.is_file()]
    except OSError:
        return []


def cli_review(pred: Path, sources: Path, out: Path, golden: Path | None = None) -> int:
    """``zhfacts review``: 0 when every document could be shown, 1 otherwise."""
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
    notes = []
    if gold is not None:
        for d in gold:
            if d not in preds:
                if find_source(sources, d) is not None:
                    doc_ids.append(d)  # no predictions at all: every golden fact is missed
                else:
                    notes.append(d)
    docs = []
    failed = 0
    for d in doc_ids:
        rd = ReviewDoc(doc=d, records=preds.get(d, []))
        if gold is not None:
            rd.golden = gold.get(d)
        src = find_source(sources, d)
        if src is None:
            rd.error = f"error[E105] {sources}: no source file {d}.* for document {d}"
        else:
            _load_source(rd, src)
        if rd.error:
            failed += 1
            print(rd.error, file=sys.stderr)
        docs.append(rd)
    subtitle = f"predictions {pred}" + (f" · golden {golden}" if golden is not None else "")
    write_page(docs, target, golden_mode=gold is not None, subtitle=subtitle)
    st = {"facts": 0, "bad": 0, "spurious": 0, "missed": 0, "match": 0}
    for d in docs:
        s = _doc_stats(d)
        for k in st:
            st[k] += s[k]
    msg = f"zhfacts review: {len(docs)} documents, {st['facts']} facts"
    if st["bad"]:
        msg += f", {st['bad']} bad spans"
    if gold is not None:
        msg += f", {st['match']} matched, {st['spurious']} spurious, {st['missed']} missed"
        if notes:
            msg += f" ({len(notes)} golden documents without a source in {sources} left out)"
    print(f"{msg} -> {out}", file=sys.stderr)
    return 1 if failed else 0
