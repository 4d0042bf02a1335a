"""Interchange with Label Studio: facts out as pre-annotated tasks, annotations back in as golden JSONL.

:func:`tasks` turns fact records and their articles into Label Studio tasks
(the "Basic Label Studio JSON format" with a ``predictions`` list): one task per
document, ``data.text`` the ORIGINAL text (spans index it), one region per
fact, labelled with its kind, and the other fields as per-region attributes
(``TextArea``/``Choices`` results with ``perRegion``, sharing the region's id).
The matching labelling configuration is ``label_studio.xml`` (package data,
:func:`config`). :func:`read_export` reads a Label Studio JSON export back
into contract records; ``zhfacts golden import`` writes them as a golden set.

Label Studio counts text offsets in JavaScript string units (UTF-16 code
units); the contract counts characters. Both directions convert, so a
character outside the Basic Multilingual Plane (CJK extension B, emoji)
before a span does not shift it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from zhfacts.errors import GoldenError, UsageError

TEXT_FIELDS = ("entity", "metric", "value", "unit", "date")  # per-region TextArea
CHOICE_FIELDS = ("qualifier", "optional")  # per-region Choices
LABEL_FROM = "fact"
TO_NAME = "text"


def config() -> str:
    """The Label Studio labelling configuration (XML) the tasks are written for."""
    from importlib.resources import files

    return files("zhfacts.review").joinpath("label_studio.xml").read_text(encoding="utf-8")


def _utf16_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-16 offset of character i (len(text) + 1 entries)."""
    out = [0]
    n = 0
    for ch in text:
        n += 2 if ord(ch) > 0xFFFF else 1
        out.append(n)
    return out


def _region(rid: str, s: int, e: int, typ: str, from_name: str, value: dict) -> dict:
    return {"id": rid, "from_name": from_name, "to_name": TO_NAME, "type": typ,
            "value": {"start": s, "end": e, **value}}


def regions(records: list[dict], original: str) -> list[dict]:
    """The ``result`` list of one task: a labelled region per record plus its fields."""
    u16 = _utf16_offsets(original)
    out = []
    for i, rec in enumerate(records):
        span = rec.get("span")
        if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] <= span[1] <= len(original)):
            raise UsageError(f"{rec.get('doc')}: record {i + 1}: span {span!r} is not inside the article")
        s, e = u16[span[0]], u16[span[1]]
        rid = f"f{i + 1}"
        out.append(_region(rid, s, e, "labels", LABEL_FROM, {"text": original[span[0]:span[1]],
                                                             "labels": [rec.get("kind", "actual")]}))
        for key in TEXT_FIELDS:
            v = rec.get(key)
            if v is None or v == "":
                continue  # null date, unit "": no result (read back as null and "")
            out.append(_region(rid, s, e, "textarea", key, {"text": [json.dumps(v) if key == "value" else str(v)]}))
        if rec.get("metric_alt"):
            out.append(_region(rid, s, e, "textarea", "metric_alt", {"text": [str(a) for a in rec["metric_alt"]]}))
        if rec.get("qualifier") is not None:
            out.append(_region(rid, s, e, "choices", "qualifier", {"choices": [rec["qualifier"]]}))
        if rec.get("optional") is True:
            out.append(_region(rid, s, e, "choices", "optional", {"choices": ["optional"]}))
    return out


def tasks(docs: list[tuple[str, str, str | None, list[dict]]], *, model_version: str = "") -> list[dict]:
    """Label Studio tasks for ``docs``: (doc id, original text, publication date or None, records)."""
    if not model_version:
        from zhfacts import __version__

        model_version = f"zhfacts {__version__}"
    out = []
    for doc, original, published, records in docs:
        out.append({"data": {"text": original, "doc": doc, "published": published or ""},
                    "predictions": [{"model_version": model_version, "result": regions(records, original)}]})
    return out


@dataclass
class ImportedDoc:
    doc: str
    original: str
    published: str | None
    records: list[dict] = field(default_factory=list)


def _annotation(task: dict) -> dict | None:
    """The task's latest annotation that was not cancelled (None: not annotated)."""
    anns = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if not anns:
        return None
    return max(enumerate(anns), key=lambda ia: (str(ia[1].get("updated_at") or ia[1].get("created_at") or ""), ia[0]))[1]


def _record(doc: str, original: str, chars: dict[int, int], parts: list[dict], where: str) -> dict:
    label = next((p for p in parts if p.get("type") == "labels"), None)
    if label is None:
        raise GoldenError(f"{where}: region has fields but no labelled span")
    v = label.get("value") or {}
    try:
        s, e = chars[int(v["start"])], chars[int(v["end"])]
    except (KeyError, TypeError, ValueError):
        raise GoldenError(f"{where}: span {v.get('start')!r}-{v.get('end')!r} is not at a character "
                          f"boundary of the task's text") from None
    labels = v.get("labels") or []
    rec: dict = {"doc": doc, "entity": "", "metric": "", "value": None, "unit": "", "qualifier": None,
                 "date": None, "kind": labels[0] if labels else None, "span": [s, e], "text": original[s:e]}
    for p in parts:
        name, val = p.get("from_name"), p.get("value") or {}
        if p.get("type") == "textarea":
            texts = [t for t in (val.get("text") or []) if isinstance(t, str)]
            if name == "metric_alt":
                rec["metric_alt"] = [t.strip() for t in texts if t.strip()]
            elif name in TEXT_FIELDS and texts:
                t = texts[-1].strip()
                if name == "value":
                    try:
                        rec["value"] = json.loads(t.replace(",", ""))
                    except json.JSONDecodeError:
                        raise GoldenError(f"{where}: value {t!r} is not a number") from None
                else:
                    rec[name] = t if (t or name == "unit") else None
        elif p.get("type") == "choices":
            choices = val.get("choices") or []
            if name == "qualifier" and choices:
                rec["qualifier"] = choices[0]
            elif name == "optional" and "optional" in choices:
                rec["optional"] = True
    if "metric_alt" in rec and not rec["metric_alt"]:
        del rec["metric_alt"]
    return rec


def read_export(path: str | Path) -> tuple[list[ImportedDoc], list[str]]:
    """Documents and records of a Label Studio JSON export, and notes (tasks left out)."""
    from zhfacts.io import read_json

    path = Path(path)
    data = read_json(path, "Label Studio export")
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise UsageError("a Label Studio JSON export is a list of tasks", path=str(path))
    docs, notes = [], []
    for ti, task in enumerate(data, start=1):
        where = f"{path}: task {ti}"
        d = task.get("data") if isinstance(task, dict) else None
        if not isinstance(d, dict) or not isinstance(d.get("text"), str) or not isinstance(d.get("doc"), str):
            raise UsageError(f"task {ti}: data.text and data.doc (strings) are required", path=str(path))
        doc, original = d["doc"], d["text"]
        ann = _annotation(task)
        if ann is None:
            notes.append(f"{doc}: task {ti} has no annotation that was not cancelled, left out")
            continue
        u16 = _utf16_offsets(original)
        chars = {u: i for i, u in enumerate(u16)}
        groups: dict[str, list[dict]] = {}
        for r in ann.get("result") or []:
            if isinstance(r, dict) and r.get("to_name", TO_NAME) == TO_NAME:
                groups.setdefault(str(r.get("id")), []).append(r)
        recs = [_record(doc, original, chars, parts, f"{where} region {rid}") for rid, parts in groups.items()]
        docs.append(ImportedDoc(doc, original, d.get("published") or None, recs))
    return docs, notes


@dataclass
class ImportResult:
    written: object  # zhfacts.evaluate.corrections.WriteResult
    notes: list[str]

    def lines(self) -> list[str]:
        return [f"note: {n}" for n in self.notes] + self.written.lines()

    def summary(self) -> str:
        return self.written.summary()


def import_export(path: str | Path, golden: str | Path) -> ImportResult:
    """``zhfacts golden import``: the export's documents become the golden set's records for
    them (checked against the contract first; nothing is written on a problem)."""
    from zhfacts.evaluate.corrections import NewDoc, write_docs

    docs, notes = read_export(path)
    new = {d.doc: NewDoc(d.original, d.published, "Label Studio task" if d.published else "none given",
                         name=f"{d.doc}.txt") for d in docs}
    written = write_docs(Path(golden), {d.doc: d.records for d in docs}, new, replace=True)
    return ImportResult(written, notes)
