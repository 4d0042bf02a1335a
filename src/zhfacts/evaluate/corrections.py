"""Growing a golden set: reviewed facts in, golden files out.

:func:`add_corrections` is ``zhfacts golden add CORRECTIONS.jsonl``: the
corrections (contract records, as the review page exports them) are checked
against the contract and their spans against the source article, then merged
into the golden set. Nothing is written when any record fails the check.

:func:`write_docs` is the writer shared with the Label Studio import: each
document's ``<doc>.jsonl`` (records in contract key order, sorted by span) and
its ``docs.tsv`` row; a document new to the set gets its article copied into
``sources/`` next to the golden files, so that the set stays self-contained.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zhfacts.errors import GoldenError, UsageError

#: Keys a golden record keeps (the contract's, minus the extractor's own sentence/rule/warnings).
GOLDEN_DROP = ("sentence", "rule", "warnings")
SOURCES_DIR = "sources"


def golden_record(rec: dict) -> dict:
    """``rec`` as a golden record: contract key order, without sentence, rule and warnings
    (unknown keys are kept, for the contract check to name)."""
    from zhfacts.contract import ordered

    return ordered({k: v for k, v in rec.items() if k not in GOLDEN_DROP})


def _span_key(rec: dict):
    span = rec.get("span")
    return tuple(span) if isinstance(span, list) else ()


@dataclass
class DocChange:
    doc: str
    added: int = 0
    replaced: int = 0
    kept: int = 0
    new: bool = False  # the document is new to the golden set
    source: str = ""
    published: str | None = None
    published_from: str = ""  # given | docs.tsv | detected | none


@dataclass
class WriteResult:
    directory: Path
    docs: list[DocChange] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for c in self.docs:
            what = f"{c.added} written, {c.replaced} replaced, {c.kept} kept"
            if c.new:
                what += f"; new document, article {c.source}, published {c.published or 'unknown'} ({c.published_from})"
            out.append(f"{c.doc}: {what}")
        return out

    def summary(self) -> str:
        n = len(self.docs)
        added = sum(c.added for c in self.docs)
        return (f"{n} document{'' if n == 1 else 's'}, {added} fact{'' if added == 1 else 's'} written, "
                f"{sum(c.replaced for c in self.docs)} replaced")


def read_corrections(path: str | Path) -> dict[str, list[dict]]:
    """doc -> records of a corrections JSONL file (errors name the file and line)."""
    from zhfacts.evaluate.scoring import read_predictions

    out: dict[str, list[dict]] = {}
    for rec in read_predictions(path):
        out.setdefault(rec["doc"], []).append(rec)
    return out


def _write_text(path: Path, text: str) -> None:
    from zhfacts.io import OutputFile

    OutputFile(path, what="golden file").write_all(text)


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@dataclass
class NewDoc:
    """Where a document new to the golden set comes from."""

    original: str  # the article's original text (spans index it)
    published: str | None
    published_from: str
    source: Path | None = None  # a file to copy in, byte for byte
    name: str = ""  # file name under sources/

    def data(self) -> bytes:
        return Path(self.source).read_bytes() if self.source is not None else self.original.encode("utf-8")


def write_docs(directory: Path, records: dict[str, list[dict]], new_docs: dict[str, NewDoc], *,
               replace: bool = False) -> WriteResult:
    """Check, then merge ``records`` (doc -> golden records) into the golden set at ``directory``.

    A document already in the set keeps its article and date; a record replaces
    the set's records with the same span (``replace=True``: the document's
    records are exactly ``records[doc]``). A document in ``new_docs`` gets its
    article copied to ``sources/`` and a ``docs.tsv`` row. Raises
    :class:`GoldenError` naming every problem, before anything is written.
    """
    from zhfacts.evaluate.golden import TSV_NAME, load_golden, record_problems

    directory = Path(directory)
    gs = load_golden(directory) if directory.is_dir() else None
    problems: list[str] = []
    merged: dict[str, list[dict]] = {}
    result = WriteResult(directory)
    for doc, recs in records.items():
        g = gs.docs.get(doc) if gs is not None else None
        change = DocChange(doc)
        if g is not None and g.source is not None:
            original = g.original
            change.source, change.published, change.published_from = str(g.source), g.published, "docs.tsv"
        elif doc in new_docs:
            nd = new_docs[doc]
            original = nd.original
            change.new = True
            change.source = f"{SOURCES_DIR}/{nd.name}"
            copy = directory / SOURCES_DIR / nd.name
            if copy.exists() and copy.read_bytes() != nd.data():
                problems.append(f"{doc}: {copy} exists with other content (another document's article?)")
            change.published, change.published_from = nd.published, nd.published_from
        else:
            problems.append(f"{doc}: no source article for a document new to the golden set")
            continue
        if original is None:
            problems.append(f"{doc}: the article {change.source} cannot be read")
            continue
        recs = [golden_record(r) for r in recs]
        for i, rec in enumerate(recs, start=1):
            for key, msg, level in record_problems(rec, original=original, doc=doc):
                if level == "error":
                    problems.append(f"{doc} record {i}: {key + ': ' if key else ''}{msg}")
        existing = list(g.records) if g is not None and g.records is not None else []
        spans = {_span_key(r) for r in recs}
        kept = [] if replace else [r for r in existing if _span_key(r) not in spans]
        change.added, change.replaced, change.kept = len(recs), len(existing) - len(kept), len(kept)
        out = sorted(kept + recs, key=lambda r: (_span_key(r) or (1 << 62,))[0])
        merged[doc] = out
        result.docs.append(change)
    if problems:
        shown = "\n".join(problems[:30]) + (f"\n... and {len(problems) - 30} more" if len(problems) > 30 else "")
        raise GoldenError(f"{len(problems)} problem(s), nothing written:\n{shown}", path=str(directory))

    from zhfacts.io import OutputFile

    rows = []
    for change in result.docs:
        if change.new:
            nd = new_docs[change.doc]
            copy = directory / SOURCES_DIR / nd.name
            if not copy.exists():
                OutputFile(copy, what="article copy", binary=True).write_all(nd.data())
            rows.append(f"{change.doc}\t{SOURCES_DIR}/{nd.name}\t{change.published or ''}\t"
                        f"added by zhfacts; publication date {change.published_from}")
        _write_text(directory / f"{change.doc}.jsonl", _jsonl(merged[change.doc]))
    if rows:
        tsv = directory / TSV_NAME
        text = tsv.read_text(encoding="utf-8-sig") if tsv.exists() else "doc\tpath\tpublished\tevidence\n"
        if text and not text.endswith("\n"):
            text += "\n"
        _write_text(tsv, text + "".join(r + "\n" for r in rows))
    return result


def detect_published(original: str) -> str | None:
    from zhfacts.normalize.normalizer import normalize

    pub = normalize(original).published
    return pub.isoformat() if pub is not None else None


def add_corrections(corrections: str | Path, golden: str | Path, *, sources: str | Path | None = None,
                    published: str | None = None) -> WriteResult:
    """``zhfacts golden add``: merge the corrections file into the golden set at ``golden``."""
    from zhfacts.contract import parse_published
    from zhfacts.io import read_document
    from zhfacts.review.page import find_source

    date = parse_published(published, where="--published")
    published = date.isoformat() if date else None
    records = read_corrections(corrections)
    if not records:
        raise UsageError("no records in the corrections file", path=str(corrections))
    golden = Path(golden)
    known = set()
    if golden.is_dir():
        from zhfacts.evaluate.golden import load_golden

        known = {d for d, g in load_golden(golden).docs.items() if g.source is not None}
    new_docs: dict[str, NewDoc] = {}
    for doc in records:
        if doc in known:
            continue
        if sources is None:
            raise UsageError(f"{doc} is new to {golden}: give --sources DIR with its article")
        src = find_source(Path(sources), doc)
        if src is None:
            raise UsageError(f"no source article {doc}.* for document {doc}", path=str(sources))
        original, _ = read_document(src)
        pub, how = (published, "given") if published else (detect_published(original), "detected")
        new_docs[doc] = NewDoc(original, pub, how if pub else "none found", source=src, name=src.name)
    return write_docs(golden, records, new_docs)
