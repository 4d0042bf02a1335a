"""zhfacts as a spaCy pipeline: nlp(text), nlp.pipe(n_process=2), span extensions, displaCy."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhfacts

spacy = pytest.importorskip("spacy")

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_dc707ca7db693b8b.txt"
SHORT = "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\n预计2025年市场规模将超过190亿美元。"


@pytest.fixture(scope="module")
def nlp():
    return zhfacts.spacy_pipeline()


def _check(doc, records):
    assert doc._.facts == records
    spans = list(doc.spans["facts"])
    assert len(spans) == len(records) > 0
    for span, rec in zip(spans, records):
        assert (span.start_char, span.end_char) == tuple(rec["span"]) and span.text == rec["text"]
        assert span.label_ == rec["kind"] and span._.fact == rec
        for key in ("entity", "metric", "value", "unit", "qualifier", "date", "kind", "sentence", "rule"):
            assert getattr(span._, key) == rec[key], key
        assert span._.warnings == rec.get("warnings")


def test_nlp_gives_the_facts_of_extract(nlp):
    text = SEED.read_text(encoding="utf-8-sig")
    assert nlp.pipe_names == ["zhfacts"]
    _check(nlp(text), zhfacts.extract(text, doc="doc"))


def test_publication_date_and_doc_id_per_doc(nlp):
    doc = nlp.make_doc(SHORT)
    doc._.published, doc._.doc_id = "2025-9-2", "a1"
    doc = nlp(doc)
    _check(doc, zhfacts.extract(SHORT, doc="a1", published="2025-09-02"))
    assert doc.spans["facts"][0]._.date == "2025-06"
    assert [s.label_ for s in doc.spans["facts"]] == ["actual", "actual", "forecast"]
    fixed = zhfacts.spacy_pipeline(published="2024-09-02")
    other = fixed(SHORT)
    assert other.spans["facts"][0]._.date == "2024-06"


def test_pipe_with_two_processes(nlp):
    texts = [SHORT, "我国智能算力规模达788EFLOPS。", "没有数字。"]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    for text, doc in zip(texts, docs):
        records = zhfacts.extract(text, doc="doc")
        assert doc._.facts == records and len(doc.spans["facts"]) == len(records)
    _check(docs[0], zhfacts.extract(SHORT, doc="doc"))
    assert [len(d.spans["facts"]) for d in docs] == [3, 1, 0]
    assert docs[1].spans["facts"][0]._.value == 788 and docs[1].spans["facts"][0]._.unit == "EFLOPS"


def test_displacy_renders_the_fact_spans(nlp):
    from spacy import displacy

    html = displacy.render(nlp(SHORT), style="span", options={"spans_key": "facts"})
    assert html.startswith('<div class="spans"')
    assert html.count("actual\n") == 2 and html.count("forecast\n") == 1  # one label per fact


def test_registered_factory_on_a_blank_pipeline():
    """``add_pipe("zhfacts")`` in a fresh process that never imported zhfacts (the entry point)."""
    import subprocess
    import sys
    from importlib.metadata import entry_points

    if not any(ep.name == "zhfacts" for ep in entry_points(group="spacy_factories")):
        pytest.skip("installed before the spacy_factories entry point existed: pip install -e . registers it")

    code = ("import spacy; nlp = spacy.blank('zh'); nlp.add_pipe('zhfacts', config={'published': '2025-09-02'}); "
            f"doc = nlp({SHORT!r}); print([s._.value for s in doc.spans['facts']])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[10850000, 788, 19000000000]"


def test_the_engines_language_says_to_use_spacy_pipeline():
    from zhfacts.errors import UsageError
    from zhfacts.extract.pipeline import get_nlp

    with pytest.raises(UsageError, match="zhfacts.spacy_pipeline"):
        get_nlp()("我国智能算力规模达788EFLOPS。")
