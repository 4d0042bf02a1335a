"""Data types shared by the normalizer and the extractor.

A :class:`NormalizedDoc` keeps the original text intact and maps every
character of the clean, Simplified text back to the original: spans are
half-open on both sides, so ``doc.to_original(s, e)`` gives ``(os, oe)`` with
``doc.original[os:oe]`` the exact source of ``doc.text[s:e]``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    """A region of the ORIGINAL text cut from the body (navigation, byline...)."""

    start: int
    end: int
    kind: str  # breadcrumb | metadata | related | disclaimer | byline | header | caption | widget
    text: str
    rule: str = ""  # id of the rule in rules/normalize/boilerplate.yaml that cut it

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text, "rule": self.rule}


@dataclass
class NormalizedDoc:
    original: str
    text: str
    # starts[i], ends[i]: the original half-open range that produced text[i].
    # A character the normalizer inserted maps to an empty range at its place.
    starts: "array[int]"  # (offsets.OFFSET_TYPE: machine integers, 4 bytes a character)
    ends: "array[int]"
    published: _dt.date | None = None
    published_source: str | None = None  # "metadata" | "dateline" | "header" | "override" | ...
    script: str = "simplified"  # detected script of the original: simplified | traditional
    region: str = "mainland"  # mainland | taiwan | hongkong: decides what 我国 means
    region_evidence: dict | None = None  # the decision: reason, each region's score, the top cues
    encoding: str = "utf-8"
    removed: list[Region] = field(default_factory=list)
    # half-open ranges in `text`
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``text[start:end]`` to the original."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_slice(self, start: int, end: int) -> str:
        os_, oe = self.to_original(start, end)
        return self.original[os_:oe]

    def to_json(self) -> dict:
        from zhfacts.normalize import structure

        return {
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "script": self.script,
            "region": self.region,
            "region_evidence": self.region_evidence,
            "encoding": self.encoding,
            "removed": [r.to_json() for r in self.removed],
            "structure": [b.to_json() for b in structure.blocks(self)],
            "paragraphs": [list(p) for p in self.paragraphs],
            "sentences": [list(s) for s in self.sentences],
            "offsets": {"starts": list(self.starts), "ends": list(self.ends)},
            "warnings": self.warnings,
        }
