"""Saved evaluation runs and their comparison: what a rule change gained and lost.

``zhfacts eval --save-run RUN.json`` stores :func:`run_record` of a run;
``zhfacts eval --baseline RUN.json`` compares the current run with it
(:func:`compare`): per view the F1 delta overall and per document, the golden
facts matched now and not before (gained) or before and not now (lost), and the
predictions that became or stopped being spurious.

Facts are identified across runs by what they say and where, not by their
position in a list: a golden fact by (doc, span, text, value, unit, date), a
prediction by (doc, span, value, unit, date, entity, metric).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zhfacts.errors import UsageError

FORMAT = "zhfacts-run/1"
_GOLD_KEYS = ("doc", "span", "text", "value", "unit", "date")
_PRED_KEYS = ("doc", "span", "value", "unit", "date", "entity", "metric")


def _key(rec: dict, keys) -> str:
    return json.dumps([rec.get(k) for k in keys], ensure_ascii=False)


def describe(rec: dict) -> str:
    """One line for a fact: ``doc [s, e] 'text': entity | metric | q value unit | date | kind``."""
    value = rec.get("value")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    unit = rec.get("unit") or ""
    return (f"{rec.get('doc')} {rec.get('span')} {rec.get('text')!r}: {rec.get('entity')} | {rec.get('metric')} | "
            f"{rec.get('qualifier', '')} {value} {unit}".rstrip()
            + f" | {rec.get('date')} | {rec.get('kind')}")


def run_record(run) -> dict:
    """A JSON-able summary of an :class:`~zhfacts.evaluate.scoring.EvalRun` for ``--save-run``."""
    from zhfacts.evaluate.scoring import VIEWS

    res = run.result
    golden = run.golden.records()
    matched: dict[str, dict[str, str]] = {v: {} for v in VIEWS}
    spurious: dict[str, dict[str, str]] = {v: {} for v in VIEWS}
    for doc, dr in res.per_doc.items():
        golds = golden.get(doc, [])
        preds = run.predictions.get(doc, [])
        for view in VIEWS:
            m = dr.matches[view]
            for gi in m:
                g = {"doc": doc, **golds[gi]}
                if not g.get("optional"):
                    matched[view][_key(g, _GOLD_KEYS)] = describe(g)
            used = set(m.values())
            for pi, p in enumerate(preds):
                if pi not in used:
                    p = {"doc": doc, **p}
                    spurious[view][_key(p, _PRED_KEYS)] = describe(p)
    return {
        "format": FORMAT,
        "golden": str(run.golden.directory),
        "source": run.source,
        "views": {v: res.views[v].to_json() for v in VIEWS},
        "per_doc": {d: {v: r.views[v].to_json() for v in VIEWS} for d, r in res.per_doc.items()},
        "matched": matched,
        "spurious": spurious,
    }


def save_run(run, target) -> None:
    """Write :func:`run_record` of ``run`` to ``target``: a path, or a :class:`zhfacts.io.OutputFile` checked beforehand."""
    from zhfacts.io import OutputFile

    out = target if isinstance(target, OutputFile) else OutputFile(target, what="run")
    out.write_all(json.dumps(run_record(run), ensure_ascii=False, indent=1) + "\n")


def load_run(path: str | Path) -> dict:
    from zhfacts.io import read_json

    data = read_json(path, "baseline run")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError(f"not a run saved by `zhfacts eval --save-run` (format {FORMAT})", path=str(path))
    return data


@dataclass
class ViewDelta:
    view: str
    f1_before: float
    f1_after: float
    gained: list[str] = field(default_factory=list)  # golden facts matched now, not in the baseline
    lost: list[str] = field(default_factory=list)  # golden facts matched in the baseline, not now
    new_spurious: list[str] = field(default_factory=list)
    fixed_spurious: list[str] = field(default_factory=list)

    @property
    def delta(self) -> float:
        return self.f1_after - self.f1_before


@dataclass
class DocDelta:
    doc: str
    f1_before: dict[str, float | None]  # view -> F1 (None: the document was not in that run)
    f1_after: dict[str, float | None]


@dataclass
class Comparison:
    baseline: str
    views: dict[str, ViewDelta]
    docs: list[DocDelta]

    @property
    def changed(self) -> bool:
        return any(v.gained or v.lost or v.new_spurious or v.fixed_spurious or abs(v.delta) > 1e-12
                   for v in self.views.values())

    def to_json(self) -> dict:
        return {
            "baseline": self.baseline,
            "views": {v: {"f1_before": d.f1_before, "f1_after": d.f1_after, "delta": d.delta, "gained": d.gained,
                          "lost": d.lost, "new_spurious": d.new_spurious, "fixed_spurious": d.fixed_spurious}
                      for v, d in self.views.items()},
            "per_doc": {d.doc: {"f1_before": d.f1_before, "f1_after": d.f1_after} for d in self.docs},
        }


def compare(baseline: dict, current: dict, *, name: str = "") -> Comparison:
    """What changed from ``baseline`` to ``current`` (both :func:`run_record` dicts)."""
    from zhfacts.evaluate.scoring import VIEWS

    views = {}
    for v in VIEWS:
        b_m, c_m = baseline["matched"].get(v, {}), current["matched"].get(v, {})
        b_s, c_s = baseline["spurious"].get(v, {}), current["spurious"].get(v, {})
        views[v] = ViewDelta(
            v, baseline["views"][v]["f1"], current["views"][v]["f1"],
            gained=[c_m[k] for k in c_m if k not in b_m], lost=[b_m[k] for k in b_m if k not in c_m],
            new_spurious=[c_s[k] for k in c_s if k not in b_s], fixed_spurious=[b_s[k] for k in b_s if k not in c_s])
    docs = []
    for d in list(current["per_doc"]) + [d for d in baseline["per_doc"] if d not in current["per_doc"]]:
        before, after = baseline["per_doc"].get(d), current["per_doc"].get(d)
        docs.append(DocDelta(d, {v: before[v]["f1"] if before else None for v in VIEWS},
                             {v: after[v]["f1"] if after else None for v in VIEWS}))
    return Comparison(name, views, docs)
