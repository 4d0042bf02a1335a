"""Scoring against the golden set: contract (shared/spec/facts.md) section 3.

:func:`evaluate` is the library function; :func:`evaluate_dir` runs the
extractor (or reads a prediction file) on a golden directory and scores it;
:mod:`zhfacts.cli.eval` (``zhfacts eval``) only formats the result.

Matching, per document and per view:

- a prediction and a golden fact may pair when the view's rules hold
  (value: rules 1-2, value+date: 1-3, strict: 1-5 of section 3);
- the pairing is one-to-one and maximum. Among the maximum pairings the one
  chosen first matches as many non-optional golden facts as possible, then as
  many predictions as possible (a prediction matched to an optional golden fact
  is neither a TP nor an FP), then the smallest total span distance, so that a
  figure stated twice pairs with the nearer mention. It is an exact
  maximum-weight assignment (Hungarian algorithm) on each connected component
  of the pair graph, never greedy;
- TP = pairs with non-optional golden facts; FP = predictions left unpaired;
  FN = non-optional golden facts left unpaired; P, R, F1 micro-averaged.

Zero denominators: P = TP/(TP+FP) and R = TP/(TP+FN) are 1.0 when their
denominator is 0 AND nothing at all is wrong (TP = FP = FN = 0: no golden fact,
no prediction), else 0.0; F1 is 0.0 when P + R = 0. Qualifier and kind accuracy
are None (JSON null) when there is no strict match.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from rapidfuzz import fuzz

from zhfacts.contract import canonical_unit
from zhfacts.evaluate.aliases import canonical_entity, load_aliases
from zhfacts.errors import DocError, UsageError
from zhfacts.io import jsonl_lines

VIEWS = ("strict", "value+date", "value")
REL_TOL = 1e-6
ENTITY_RATIO = 80
ENTITY_CONTAIN_MIN = 4
METRIC_PARTIAL_RATIO = 60

# --------------------------------------------------------------------------- field rules

def _number(x) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def value_equal(a, b) -> bool:
    """Rule 1: equal within a relative tolerance of 1e-6 (so 0 only equals 0)."""
    a, b = _number(a), _number(b)
    if a is None or b is None:
        return False
    return a == b or math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)


def unit_equal(a, b) -> bool:
    """Rule 2: equal after the unit equivalences and case folding."""
    return canonical_unit(a) == canonical_unit(b)


def date_equal(a, b) -> bool:
    """Rule 3: equal strings, or both null."""
    return a == b and (a is None or isinstance(a, str))


def entity_equal(a, b, aliases: Mapping[str, str] | None = None) -> bool:
    """Rule 4 on the canonical forms (alias table applied to both sides):
    equal, or ``fuzz.ratio`` >= 80, or one contains the other and the shorter
    has at least 4 characters."""
    a = canonical_entity(a if isinstance(a, str) else "", aliases)
    b = canonical_entity(b if isinstance(b, str) else "", aliases)
    if a == b:
        return True
    if not a or not b:
        return False
    if fuzz.ratio(a, b) >= ENTITY_RATIO:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= ENTITY_CONTAIN_MIN and short in long_


def metric_equal(pred_metric, golden: Mapping) -> bool:
    """Rule 5: ``fuzz.partial_ratio`` >= 60 against the golden ``metric`` or any ``metric_alt``."""
    pm = pred_metric if isinstance(pred_metric, str) else ""
    names = [golden.get("metric")] + list(golden.get("metric_alt") or [])
    return any(isinstance(n, str) and fuzz.partial_ratio(pm, n) >= METRIC_PARTIAL_RATIO for n in names)


def rule_results(pred: Mapping, gold: Mapping, aliases: Mapping[str, str] | None = None) -> dict[str, bool]:
    """Each rule of section 3 for one (prediction, golden) pair."""
    return {
        "value": value_equal(pred.get("value"), gold.get("value")),
        "unit": unit_equal(pred.get("unit"), gold.get("unit")),
        "date": date_equal(pred.get("date"), gold.get("date")),
        "entity": entity_equal(pred.get("entity"), gold.get("entity"), aliases),
        "metric": metric_equal(pred.get("metric"), gold),
    }


def allowed_views(pred: Mapping, gold: Mapping, aliases: Mapping[str, str] | None = None) -> set[str]:
    """The views in which the pair may match (empty unless value and unit agree)."""
    if not (value_equal(pred.get("value"), gold.get("value")) and unit_equal(pred.get("unit"), gold.get("unit"))):
        return set()
    views = {"value"}
    if date_equal(pred.get("date"), gold.get("date")):
        views.add("value+date")
        if entity_equal(pred.get("entity"), gold.get("entity"), aliases) and metric_equal(pred.get("metric"), gold):
            views.add("strict")
    return views


# --------------------------------------------------------------------------- matching

def _hungarian(cost: list[list[int]]) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out


_DIST_CAP = 10**9


def _span_distance(a, b) -> int:
    sa, sb = a.get("span"), b.get("span")
    try:
        d = abs(int(sa[0]) - int(sb[0])) + abs(int(sa[1]) - int(sb[1]))
    except (TypeError, ValueError, IndexError, KeyError):
        return _DIST_CAP
    return min(d, _DIST_CAP)


def max_matching(edges: Iterable[tuple[int, int]], required: Mapping[int, bool] | None = None,
                 distance: Mapping[tuple[int, int], int] | None = None) -> dict[int, int]:
    """Maximum one-to-one matching of golden indices to prediction indices.

    ``edges`` are the allowed (golden, prediction) pairs. Lexicographic
    objective: most golden facts with ``required[g]`` true, then most pairs,
    then the smallest total ``distance``. Returns golden -> prediction.
    """
    edges = sorted(set(edges))
    if not edges:
        return {}
    required = required or {}
    distance = distance or {}
    # Connected components (union-find over "g<i>" / "p<j>" nodes).
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, p in edges:
        ra, rb = find(("g", g)), find(("p", p))
        if ra != rb:
            parent[ra] = rb
    components: dict = {}
    for g, p in edges:
        components.setdefault(find(("g", g)), []).append((g, p))
    result: dict[int, int] = {}
    for comp in components.values():
        gs = sorted({g for g, _ in comp})
        ps = sorted({p for _, p in comp})
        if len(comp) == 1:
            result[comp[0][0]] = comp[0][1]
            continue
        k = min(len(gs), len(ps))
        c2 = _DIST_CAP * (k + 1)
        c1 = c2 * (k + 1)
        weight = {(g, p): c1 * bool(required.get(g, True)) + c2 - min(distance.get((g, p), 0), _DIST_CAP)
                  for g, p in comp}
        transpose = len(gs) > len(ps)
        rows, cols = (ps, gs) if transpose else (gs, ps)
        cost = []
        for r in rows:
            line = []
            for c in cols:
                key = (c, r) if transpose else (r, c)
                line.append(-weight[key] if key in weight else 0)
            cost.append(line)
        for ri, ci in enumerate(_hungarian(cost)):
            r, c = rows[ri], cols[ci]
            key = (c, r) if transpose else (r, c)
            if key in weight:
                result[key[0]] = key[1]
    return result


# --------------------------------------------------------------------------- results

@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        d = self.tp + self.fp
        return self.tp / d if d else (1.0 if self.fn == 0 else 0.0)

    @property
    def r(self) -> float:
        d = self.tp + self.fn
        return self.tp / d if d else (1.0 if self.fp == 0 else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: "Scores") -> "Scores":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def to_json(self) -> dict:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Miss:
    """A non-optional golden fact the strict view did not match."""

    doc: str
    index: int  # position in the document's golden list
    golden: dict
    context: str  # its sentence, or the original text around its span
    closest: dict | None = None  # the nearest prediction with equal value and unit, if any
    closest_index: int | None = None
    differs: list[str] = field(default_factory=list)  # fields that kept `closest` from matching

    def to_json(self) -> dict:
        return {"doc": self.doc, "index": self.index, "golden": self.golden, "context": self.context,
                "closest": self.closest, "differs": self.differs}


@dataclass
class Spurious:
    """A prediction the strict view matched with no golden fact (optional ones included)."""

    doc: str
    index: int  # position in the document's prediction list
    prediction: dict
    context: str
    closest: dict | None = None  # the nearest golden fact with equal value and unit, if any
    closest_index: int | None = None
    differs: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"doc": self.doc, "index": self.index, "prediction": self.prediction, "context": self.context,
                "closest": self.closest, "differs": self.differs}


@dataclass
class SpanError:
    doc: str
    index: int
    span: object
    text: object
    actual: str | None  # original[span[0]:span[1]], None when the span is unusable
    message: str

    def to_json(self) -> dict:
        return {"doc": self.doc, "index": self.index, "span": self.span, "text": self.text,
                "actual": self.actual, "message": self.message}


@dataclass
class DocScores:
    doc: str
    n_golden: int  # non-optional golden facts
    n_optional: int
    n_pred: int
    views: dict[str, Scores]
    matches: dict[str, dict[int, int]]  # view -> golden index -> prediction index (optional ones included)
    qualifier: Accuracy
    kind: Accuracy
    span_errors: int = 0

    def to_json(self) -> dict:
        out = {"n_golden": self.n_golden, "n_optional": self.n_optional, "n_pred": self.n_pred}
        out.update({v: self.views[v].to_json() for v in VIEWS})
        out.update({"qualifier_accuracy": self.qualifier.value, "kind_accuracy": self.kind.value,
                    "span_errors": self.span_errors})
        return out


@dataclass
class EvalResult:
    views: dict[str, Scores]
    per_doc: dict[str, DocScores]
    qualifier: Accuracy
    kind: Accuracy
    misses: list[Miss]
    spurious: list[Spurious]
    span_errors: list[SpanError]
    ignored_predictions: int = 0  # predictions for documents outside the golden set

    @property
    def strict(self) -> Scores:
        return self.views["strict"]

    @property
    def qualifier_accuracy(self) -> float | None:
        return self.qualifier.value

    @property
    def kind_accuracy(self) -> float | None:
        return self.kind.value

    def to_json(self) -> dict:
        out: dict = {v: self.views[v].to_json() for v in VIEWS}
        out["per_doc"] = {d: r.to_json() for d, r in self.per_doc.items()}
        out["qualifier_accuracy"] = self.qualifier.value
        out["kind_accuracy"] = self.kind.value
        out["misses"] = [m.to_json() for m in self.misses]
        out["spurious"] = [s.to_json() for s in self.spurious]
        out["span_errors"] = len(self.span_errors)
        out["span_error_details"] = [e.to_json() for e in self.span_errors]
        out["n_docs"] = len(self.per_doc)
        out["n_golden"] = sum(r.n_golden for r in self.per_doc.values())
        out["n_optional"] = sum(r.n_optional for r in self.per_doc.values())
        out["n_pred"] = sum(r.n_pred for r in self.per_doc.values())
        out["ignored_predictions"] = self.ignored_predictions
        return out


# --------------------------------------------------------------------------- evaluate

def _group(records, what: str) -> dict[str, list[dict]]:
    if isinstance(records, Mapping):
        return {str(d): list(rs or []) for d, rs in records.items()}
    out: dict[str, list[dict]] = {}
    for i, rec in enumerate(records):
        if not isinstance(rec, Mapping) or not isinstance(rec.get("doc"), str):
            raise UsageError(f"{what} record {i} has no string 'doc' key")
        out.setdefault(rec["doc"], []).append(rec)
    return out


def context_around(original: str | None, span, width: int = 30) -> str:
    """``original`` around ``span`` with the mention in 【】 and line breaks shown as ⏎."""
    try:
        s, e = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return ""
    if original is None or not 0 <= s <= e <= len(original):
        return ""
    snippet = original[max(0, s - width):s] + "【" + original[s:e] + "】" + original[e:e + width]
    return snippet.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def _context(rec: Mapping, original: str | None) -> str:
    sentence = rec.get("sentence")
    if isinstance(sentence, str) and sentence.strip():
        return sentence.strip()
    return context_around(original, rec.get("span"))


def _span_error(rec: Mapping, original: str) -> tuple[str | None, str] | None:
    span, text = rec.get("span"), rec.get("text")
    if not (isinstance(span, (list, tuple)) and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
        return None, f"span {span!r} is not [start, end]"
    s, e = span
    if not 0 <= s <= e <= len(original):
        return None, f"span {list(span)} outside the text (length {len(original)})"
    actual = original[s:e]
    if actual != text:
        return actual, f"text {text!r} != original[{s}:{e}] {actual!r}"
    return None


def _closest(i: int, candidates: Iterable[int], partner: int | None, rules, dist) -> int | None:
    if partner is not None:
        return partner
    best = None
    for j in candidates:
        if rules(i, j) is not None and (best is None or dist(i, j) < dist(i, best)):
            best = j
    return best


def evaluate(golden, predictions, *, originals: Mapping[str, str] | None = None,
             docs: Iterable[str] | None = None, aliases: Mapping[str, str] | None = None) -> EvalResult:
    """Score ``predictions`` against ``golden`` by contract section 3.

    ``golden`` and ``predictions``: a list of records (each with a ``doc`` key)
    or a mapping doc -> records. The scored documents are ``docs`` if given,
    else every document of ``golden`` (a mapping may list documents with no
    fact); predictions for other documents are ignored and counted.
    ``originals`` (doc -> original text) enables the span check and the
    context shown for golden facts without ``sentence``. ``aliases`` is an
    alias -> canonical table (default ``rules/aliases.yaml``).
    """
    gold_by_doc = _group(golden, "golden")
    pred_by_doc = _group(predictions, "prediction")
    originals = originals or {}
    if aliases is None:
        aliases = load_aliases()
    doc_ids = list(docs) if docs is not None else list(gold_by_doc)
    scored = set(doc_ids)
    ignored = sum(len(rs) for d, rs in pred_by_doc.items() if d not in scored)

    totals = {v: Scores() for v in VIEWS}
    q_all, k_all = Accuracy(), Accuracy()
    per_doc: dict[str, DocScores] = {}
    misses: list[Miss] = []
    spurious: list[Spurious] = []
    span_errors: list[SpanError] = []

    for doc in doc_ids:
        golds = gold_by_doc.get(doc, [])
        preds = pred_by_doc.get(doc, [])
        original = originals.get(doc)
        optional = [g.get("optional") is True for g in golds]
        required = {gi: not o for gi, o in enumerate(optional)}

        # Rules for every pair whose value and unit agree (the only pairs any view allows).
        pair_views: dict[tuple[int, int], set[str]] = {}
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                views = allowed_views(p, g, aliases)
                if views:
                    pair_views[(gi, pi)] = views
        dist = {key: _span_distance(golds[key[0]], preds[key[1]]) for key in pair_views}

        doc_views: dict[str, Scores] = {}
        matches: dict[str, dict[int, int]] = {}
        for view in VIEWS:
            m = max_matching((k for k, vs in pair_views.items() if view in vs), required, dist)
            matches[view] = m
            tp = sum(1 for gi in m if required[gi])
            doc_views[view] = Scores(tp=tp, fp=len(preds) - len(m), fn=sum(required.values()) - tp)
            totals[view] += doc_views[view]

        q, k = Accuracy(), Accuracy()
        for gi, pi in matches["strict"].items():
            if required[gi]:
                q.total += 1
                k.total += 1
                q.correct += preds[pi].get("qualifier") == golds[gi].get("qualifier")
                k.correct += preds[pi].get("kind") == golds[gi].get("kind")
        q_all.correct += q.correct
        q_all.total += q.total
        k_all.correct += k.correct
        k_all.total += k.total

        def differs(gi: int, pi: int) -> list[str]:
            res = rule_results(preds[pi], golds[gi], aliases)
            return [f for f in ("date", "entity", "metric") if not res[f]]

        strict, value_m = matches["strict"], matches["value"]
        value_inv = {pi: gi for gi, pi in value_m.items()}
        for gi, g in enumerate(golds):
            if optional[gi] or gi in strict:
                continue
            pi = _closest(gi, range(len(preds)), value_m.get(gi),
                          lambda a, b: pair_views.get((a, b)), lambda a, b: dist.get((a, b), _DIST_CAP))
            misses.append(Miss(doc, gi, g, _context(g, original),
                               closest=preds[pi] if pi is not None else None, closest_index=pi,
                               differs=differs(gi, pi) if pi is not None else []))
        matched_preds = set(strict.values())
        for pi, p in enumerate(preds):
            if pi in matched_preds:
                continue
            gi = _closest(pi, range(len(golds)), value_inv.get(pi),
                          lambda a, b: pair_views.get((b, a)), lambda a, b: dist.get((b, a), _DIST_CAP))
            spurious.append(Spurious(doc, pi, p, _context(p, original),
                                     closest=golds[gi] if gi is not None else None, closest_index=gi,
                                     differs=differs(gi, pi) if gi is not None else []))

        n_span = 0
        if original is not None:
            for pi, p in enumerate(preds):
                bad = _span_error(p, original)
                if bad is not None:
                    n_span += 1
                    span_errors.append(SpanError(doc, pi, p.get("span"), p.get("text"), bad[0], bad[1]))

        per_doc[doc] = DocScores(doc=doc, n_golden=sum(required.values()), n_optional=sum(optional),
                                 n_pred=len(preds), views=doc_views, matches=matches, qualifier=q, kind=k,
                                 span_errors=n_span)

    return EvalResult(views=totals, per_doc=per_doc, qualifier=q_all, kind=k_all, misses=misses,
                      spurious=spurious, span_errors=span_errors, ignored_predictions=ignored)


# --------------------------------------------------------------------------- directory runs

@dataclass
class EvalRun:
    """:func:`evaluate_dir`'s result: the scores plus what happened around them."""

    result: EvalResult
    golden: object  # zhfacts.evaluate.golden.GoldenSet
    source: str  # "extractor" or the prediction file
    errors: list[DocError] = field(default_factory=list)  # documents the extractor failed on
    notes: list[str] = field(default_factory=list)
    predictions: dict[str, list[dict]] = field(default_factory=dict)  # doc -> the scored predictions


#: Problems of a prediction record that do not stop scoring it: extra keys (``explain``)
#: and key order are the writer's business; warnings are not errors.
_PRED_TOLERATED = ("unknown key", "key order")


def read_predictions(path: str | Path) -> list[dict]:
    """Records of a prediction JSONL file, each checked by the contract.

    Any problem raises :class:`~zhfacts.errors.ReadError` (E310) naming the file,
    the line and the key: a file that cannot be read (missing, a directory, not
    UTF-8), a line that is not JSON (nested too deeply, a number too long), a
    record that breaks the contract (missing keys, wrong types, bad spans).
    """
    from zhfacts.errors import ReadError
    from zhfacts.evaluate.golden import record_problems

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReadError("prediction file not found", path=str(path)) from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a prediction file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 (byte {exc.start})", path=str(path)) from None
    except OSError as exc:
        raise ReadError(f"cannot read prediction file: {exc.strerror or exc}", path=str(path)) from None
    out = []
    problems = []
    for lineno, rec, error in jsonl_lines(raw):
        if error:
            problems.append(f"{path}:{lineno}: {error}")
            continue
        found = [(k, m) for k, m, level in record_problems(rec)
                 if level == "error" and not m.startswith(_PRED_TOLERATED)]
        if found:
            problems += [f"{path}:{lineno}:" + (f" {k}:" if k else "") + f" {m}" for k, m in found]
            continue
        out.append(rec)
    if problems:
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ReadError(f"{len(problems)} problem(s) in the predictions:\n" + "\n".join(problems[:20]) + more,
                        path=str(path))
    return out


def evaluate_dir(golden_dir: str | Path, pred: str | Path | None = None) -> EvalRun:
    """Score the extractor (``pred`` None) or a prediction file on a golden directory.

    The golden set must pass ``zhfacts golden check`` (else :class:`GoldenError`).
    Documents listed in docs.tsv without a golden file yet are skipped (noted).
    """
    from zhfacts.evaluate.golden import load_checked

    gs = load_checked(golden_dir)
    docs = gs.annotated
    notes = [f"{d}: no golden file yet, not scored" for d, g in gs.docs.items() if not g.annotated]
    errors: list[DocError] = []
    if pred is None:
        from zhfacts.extract.extractor import extract_file

        preds: dict[str, list[dict]] = {}
        for doc, g in docs.items():
            try:
                preds[doc] = list(extract_file(g.source, doc=doc, published=g.published))
            except Exception as exc:  # reported, scored as no predictions, exit non-zero
                errors.append(DocError.from_exc(str(g.source), exc))
                preds[doc] = []
        source = "extractor"
    else:
        preds = read_predictions(pred)
        source = str(pred)
    result = evaluate(gs.records(), preds, originals=gs.originals(), docs=list(docs))
    if result.ignored_predictions:
        notes.append(f"{result.ignored_predictions} prediction(s) for documents outside the golden set ignored")
    if not isinstance(preds, dict):
        preds = _group(preds, "prediction")
    return EvalRun(result=result, golden=gs, source=source, errors=errors, notes=notes, predictions=preds)
