"""Long paragraphs are analysed in sentence windows (pipeline.windows) with the
running state carried from one window to the next: the facts are exactly those
of the whole paragraph, in both engines, however small the windows."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhfacts.extract.pipeline as pipeline
from zhfacts.extract.pipeline import facts_from_doc, windows
from zhfacts.normalize.sentences import sentence_spans
from zhfacts.normalize.normalizer import normalize

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "devset").glob("*.txt"))]


def _one_paragraph(texts) -> str:
    """A web scrape with no line break: every article run together."""
    return "".join(t.replace("\r", "").replace("\n", "") for t in texts)


def _facts(text, monkeypatch, chars, core, context, engine="fast"):
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", chars)
    monkeypatch.setattr(pipeline, "WINDOW_CORE", core)
    monkeypatch.setattr(pipeline, "WINDOW_CONTEXT", context)
    return facts_from_doc(normalize(text), doc="x", engine=engine)


@pytest.fixture(scope="module")
def whole_paragraph_facts():
    """Facts of the one-paragraph text with windows switched off (the reference)."""
    mp = pytest.MonkeyPatch()
    try:
        return _facts(_one_paragraph(TEXTS), mp, 10**9, 10**9, 0)
    finally:
        mp.undo()


@pytest.mark.parametrize("chars,core,context", [(4000, 2000, 300), (300, 120, 40)], ids=["default", "tiny"])
def test_windows_give_the_facts_of_the_whole_paragraph(whole_paragraph_facts, monkeypatch, chars, core, context):
    got = _facts(_one_paragraph(TEXTS), monkeypatch, chars, core, context)
    assert len(got) > 200
    assert got == whole_paragraph_facts


def test_spacy_engine_windows_agree(whole_paragraph_facts, monkeypatch):
    assert _facts(_one_paragraph(TEXTS), monkeypatch, 300, 120, 40, engine="spacy") == whole_paragraph_facts


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_tiny_windows_change_no_fact_of_an_article(monkeypatch, i):
    """Ordinary paragraphs cut into windows of a few sentences: the same facts."""
    ref = _facts(TEXTS[i], monkeypatch, 10**9, 10**9, 0)
    assert _facts(TEXTS[i], monkeypatch, 60, 30, 20) == ref


def test_windows_tile_the_sentences_and_keep_jieba_blocks_whole():
    text = _one_paragraph(TEXTS)
    sents = sentence_spans(text)
    ws = list(windows(text, sents))
    assert len(ws) > 5
    assert [lo for _, _, lo, _ in ws] == [0] + [hi for _, _, _, hi in ws[:-1]]
    assert ws[-1][3] == len(sents)
    for a, b, lo, hi in ws:
        assert a <= lo - min(lo, 2) and hi + min(len(sents) - hi, 2) <= b
        start, end = sents[a][0], sents[b - 1][1]
        for pos in (start, end):  # never between two characters jieba-rs would segment together
            assert pos in (0, len(text)) or not (pipeline._JIEBA_BLOCK.match(text, pos - 1) and pipeline._JIEBA_BLOCK.match(text, pos))
