"""The golden set: load it, check it against the contract (shared/spec/facts.md).

A golden directory holds ``docs.tsv`` (header ``doc, path, published,
evidence``; ``path`` is the source article relative to the directory) and one
``<doc>.jsonl`` per annotated document. :func:`load_golden` reads both and
checks every record; ``zhfacts golden check`` is :mod:`zhfacts.cli.golden`.

Every problem names its file, line and key (``golden/x.jsonl:12: span: ...``).
Errors break the contract; warnings break only the golden README's
conventions (sorting, a qualifier word inside ``text``...) and never fail.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from zhfacts.contract import (FACT_KINDS, GOLDEN_KEYS, QUALIFIERS, REQUIRED_KEYS, date_error, parse_published,
                              published_error)
from zhfacts.errors import GoldenError, UsageError, ZhfactsError
from zhfacts.io import jsonl_lines

TSV_NAME = "docs.tsv"
TSV_REQUIRED = ("doc", "path", "published")



@lru_cache(maxsize=1)
def _qualifier_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Qualifier words written before and after a number (``rules/qualifiers.yaml``)."""
    from zhfacts.rules import load_rules

    entries = load_rules().raw["qualifiers"]["qualifiers"]
    words = {pos: tuple(w for e in entries if e["position"] == pos for w in e["words"]) for pos in ("before", "after")}
    return words["before"], words["after"]


# --------------------------------------------------------------------------- data types

@dataclass(frozen=True)
class Problem:
    """One finding of the check: ``file:line: key: message``."""

    file: str
    line: int | None
    key: str | None
    message: str
    level: str = "error"  # error | warning

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.key}:" if self.key else ""
        if self.level == "error":
            return f"error[E300] {where}:{key} {self.message}"
        return f"{where}:{key} warning: {self.message}"


@dataclass
class GoldenDoc:
    doc: str
    source: Path | None = None  # the article, resolved from docs.tsv `path`
    published: str | None = None  # YYYY-MM-DD or None when docs.tsv leaves it empty
    evidence: str = ""
    file: Path | None = None  # <doc>.jsonl; None while not annotated yet
    records: list[dict] | None = None  # None while not annotated yet
    lines: list[int] = field(default_factory=list)  # line number of each record
    original: str | None = None  # original text of the article (None when unreadable)

    @property
    def annotated(self) -> bool:
        return self.records is not None

    @property
    def n_optional(self) -> int:
        return sum(1 for r in self.records or () if r.get("optional") is True)


@dataclass
class GoldenSet:
    directory: Path
    docs: dict[str, GoldenDoc] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def annotated(self) -> dict[str, GoldenDoc]:
        """The documents that have a golden file, in docs.tsv order."""
        return {d: g for d, g in self.docs.items() if g.annotated}

    def records(self) -> dict[str, list[dict]]:
        return {d: list(g.records) for d, g in self.annotated.items()}

    def originals(self) -> dict[str, str]:
        return {d: g.original for d, g in self.annotated.items() if g.original is not None}


# --------------------------------------------------------------------------- reading

def read_original(path: str | Path) -> str:
    """The original text of an article, as the contract defines it for spans
    (detected encoding, BOM dropped, line ends untouched): ``zhfacts.io.read_document``."""
    from zhfacts.io import read_document

    return read_document(Path(path))[0]


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x) -> bool:
    return (isinstance(x, (int, float)) and not isinstance(x, bool)) and math.isfinite(x)


def _nearest_occurrence(original: str, text: str, near: int) -> tuple[int, int] | None:
    if not text:
        return None
    best = None
    i = original.find(text)
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = original.find(text, i + 1)
    return None if best is None else (best, best + len(text))


def record_problems(rec, *, original: str | None = None, doc: str | None = None) -> list[tuple[str | None, str, str]]:
    """Check one golden record; returns ``(key, message, level)`` triples.

    ``original`` enables the span check; ``doc`` is the id the record must carry
    (the file stem).
    """
    out: list[tuple[str | None, str, str]] = []

    def err(key, msg, level="error"):
        out.append((key, msg, level))

    if not isinstance(rec, dict):
        err(None, f"expected a JSON object, got {type(rec).__name__}")
        return out
    for key in REQUIRED_KEYS:
        if key not in rec:
            err(key, "missing required key")
    for key in rec:
        if key not in GOLDEN_KEYS:
            err(key, f"unknown key (contract keys: {', '.join(GOLDEN_KEYS)})")
    known = [k for k in rec if k in GOLDEN_KEYS]
    for a, b in zip(known, known[1:]):
        if GOLDEN_KEYS.index(a) > GOLDEN_KEYS.index(b):
            err(b, f"key order: {b!r} comes after {a!r}; contract order is {', '.join(GOLDEN_KEYS)}")
            break

    if "doc" in rec:
        if not isinstance(rec["doc"], str):
            err("doc", "expected a string")
        elif doc is not None and rec["doc"] != doc:
            err("doc", f"{rec['doc']!r} is not the file's document id {doc!r}")
    for key in ("entity", "metric", "text"):
        if key in rec and not (isinstance(rec[key], str) and rec[key].strip()):
            err(key, "expected a non-empty string")
    if "metric_alt" in rec:
        alt = rec["metric_alt"]
        if not (isinstance(alt, list) and alt and all(isinstance(a, str) and a.strip() for a in alt)):
            err("metric_alt", "expected a non-empty list of non-empty strings")
    if "value" in rec and not _is_number(rec["value"]):
        err("value", f"expected a finite number, got {rec['value']!r}")
    if "unit" in rec and not isinstance(rec["unit"], str):
        err("unit", f"expected a string (\"\" when the value has none), got {rec['unit']!r}")
    if "qualifier" in rec and rec["qualifier"] not in QUALIFIERS:
        err("qualifier", f"{rec['qualifier']!r} is not one of {' '.join(QUALIFIERS)}")
    if "date" in rec:
        msg = date_error(rec["date"])
        if msg:
            err("date", msg)
    if "kind" in rec and rec["kind"] not in FACT_KINDS:
        err("kind", f"{rec['kind']!r} is not one of {', '.join(FACT_KINDS)}")
    for key in ("sentence", "rule"):
        if key in rec and not isinstance(rec[key], str):
            err(key, "expected a string")
    if "warnings" in rec and not (isinstance(rec["warnings"], list) and all(isinstance(w, str) for w in rec["warnings"])):
        err("warnings", "expected a list of strings")
    if "optional" in rec and not isinstance(rec["optional"], bool):
        err("optional", f"expected true or false, got {rec['optional']!r}")

    if "span" in rec:
        span = rec["span"]
        if not (isinstance(span, list) and len(span) == 2 and all(_is_int(x) for x in span)):
            err("span", f"expected [start, end] (two integers), got {span!r}")
        elif not 0 <= span[0] < span[1]:
            err("span", f"{span}: expected 0 <= start < end")
        elif original is not None:
            s, e = span
            if e > len(original):
                err("span", f"{span}: end beyond the text (length {len(original)})")
            elif isinstance(rec.get("text"), str) and original[s:e] != rec["text"]:
                hint = ""
                near = _nearest_occurrence(original, rec["text"], s)
                if near:
                    hint = f"; {rec['text']!r} is at [{near[0]}, {near[1]}]"
                err("text", f"{rec['text']!r} != original[{s}:{e}] {original[s:e]!r}{hint}")
    text = rec.get("text")
    if isinstance(text, str) and text:
        before, after = _qualifier_words()
        if text.startswith(before) or text.endswith(after):
            err("text", f"{text!r} seems to include a qualifier word (the span covers number, multiplier and unit only)", "warning")
        if text.rstrip().endswith((")", "）")):
            err("text", f"{text!r} seems to include a bracketed abbreviation", "warning")
    return out


def _read_tsv(gs: GoldenSet, tsv: Path) -> None:
    name = str(tsv)
    try:
        raw = tsv.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        gs.problems.append(Problem(name, None, None, "missing: every golden directory needs docs.tsv"))
        return
    lines = raw.splitlines()
    if not lines:
        gs.problems.append(Problem(name, 1, None, "empty file: expected a header doc<TAB>path<TAB>published<TAB>evidence"))
        return
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in TSV_REQUIRED if c not in header]
    if missing:
        for c in missing:
            gs.problems.append(Problem(name, 1, c, f"missing column (header is {' | '.join(header)})"))
        return
    col = {c: header.index(c) for c in header}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        doc = cells[col["doc"]].strip()
        if not doc:
            gs.problems.append(Problem(name, lineno, "doc", "empty document id"))
            continue
        if doc in gs.docs:
            gs.problems.append(Problem(name, lineno, "doc", f"{doc!r} listed twice"))
            continue
        published = cells[col["published"]].strip()
        msg = published_error(published)
        if msg:
            gs.problems.append(Problem(name, lineno, "published", msg))
        g = GoldenDoc(doc=doc, published=None if msg or not published else parse_published(published).isoformat(),
                      evidence=cells[col["evidence"]].strip() if "evidence" in col else "")
        path = cells[col["path"]].strip()
        if not path:
            gs.problems.append(Problem(name, lineno, "path", "empty path"))
        else:
            source = Path(os.path.normpath(gs.directory / path))
            g.source = source
            if not source.is_file():
                gs.problems.append(Problem(name, lineno, "path", f"{path}: no such file"))
            else:
                try:
                    g.original = read_original(source)
                except (ZhfactsError, OSError, UnicodeDecodeError) as exc:
                    gs.problems.append(Problem(name, lineno, "path", f"{path}: cannot read: {exc}"))
        gs.docs[doc] = g


def _read_jsonl(gs: GoldenSet, path: Path) -> None:
    name = str(path)
    doc = path.stem
    g = gs.docs.get(doc)
    if g is None:
        gs.problems.append(Problem(name, None, "doc", f"document {doc!r} has no row in {TSV_NAME}"))
        g = GoldenDoc(doc=doc)
        orphan = True
    else:
        orphan = False
    g.file = path
    g.records = []
    g.lines = []
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        gs.problems.append(Problem(name, None, None, f"not UTF-8: {exc}"))
        return
    except IsADirectoryError:
        gs.problems.append(Problem(name, None, None, "is a directory, not a golden file"))
        return
    except OSError as exc:
        gs.problems.append(Problem(name, None, None, f"cannot read: {exc.strerror or exc}"))
        return
    if raw.startswith("\ufeff"):
        gs.problems.append(Problem(name, 1, None, "starts with a byte-order mark (write plain UTF-8)", "warning"))
        raw = raw[1:]
    for lineno, rec, error in jsonl_lines(raw):
        if error:
            gs.problems.append(Problem(name, lineno, None, error))
            continue
        for key, msg, level in record_problems(rec, original=g.original, doc=doc):
            gs.problems.append(Problem(name, lineno, key, msg, level))
        if isinstance(rec, dict):
            g.records.append(rec)
            g.lines.append(lineno)
    # Conventions of golden/README.md: warnings only.
    starts = [(r.get("span") or [None])[0] for r in g.records]
    for i in range(1, len(starts)):
        a, b = starts[i - 1], starts[i]
        if _is_int(a) and _is_int(b) and b < a:
            gs.problems.append(Problem(name, g.lines[i], "span", f"records not sorted by span[0] ({b} after {a})", "warning"))
            break
    seen: dict[tuple, int] = {}
    for rec, lineno in zip(g.records, g.lines):
        span, value = rec.get("span"), rec.get("value")
        if isinstance(span, list) and _is_number(value):
            key = (tuple(x for x in span if _is_int(x)), float(value), rec.get("qualifier"))
            if key in seen:
                gs.problems.append(Problem(name, lineno, "span", f"same span, value and qualifier as line {seen[key]}", "warning"))
            else:
                seen[key] = lineno
    if orphan:
        g.records = None  # cannot be scored without its docs.tsv row; reported above


def load_golden(directory: str | Path) -> GoldenSet:
    """Read and check a golden directory; problems are collected, never raised.

    Raises :class:`UsageError` only when ``directory`` is not a directory.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"golden directory not found: {directory}")
    gs = GoldenSet(directory=directory)
    _read_tsv(gs, directory / TSV_NAME)
    files = sorted(directory.glob("*.jsonl"))
    for path in files:
        _read_jsonl(gs, path)
    for doc, g in gs.docs.items():
        if g.file is None:
            gs.problems.append(Problem(str(directory / TSV_NAME), None, "doc", f"{doc}: no golden file {doc}.jsonl yet", "warning"))
    if not files:
        gs.problems.append(Problem(str(directory), None, None, "no golden files (*.jsonl)"))
    return gs


def load_checked(directory: str | Path) -> GoldenSet:
    """:func:`load_golden`, raising :class:`GoldenError` when the set has errors (used by ``eval``)."""
    gs = load_golden(directory)
    errors = gs.errors
    if errors:
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise GoldenError(
            f"the golden set has {len(errors)} error(s); run `zhfacts golden check {directory}`:\n{shown}{more}",
            path=str(directory),
        )
    return gs
