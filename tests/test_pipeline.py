"""The two engines (fast, and the spaCy Language) give identical facts, and the
spaCy pipeline exposes its steps as spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from zhfacts.extract.extractor import extract_file
from zhfacts.normalize.normalizer import normalize
from zhfacts.extract.pipeline import facts_from_doc, get_nlp, run_spacy
from zhfacts.rules import load_rules

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_engines_agree_on_the_seeds(seed):
    assert extract_file(seed, engine="fast") == extract_file(seed, engine="spacy")


def test_engines_agree_on_every_rule_example():
    for ex in load_rules().examples:
        doc = normalize(ex.text)
        assert facts_from_doc(doc, doc="x", engine="fast") == facts_from_doc(doc, doc="x", engine="spacy"), ex.text


def test_spacy_pipeline_components_and_spans():
    nlp = get_nlp()
    assert nlp.pipe_names == ["entity_ruler", "zhfacts_dates", "zhfacts_values", "zhfacts_entities", "zhfacts_facts"]
    ndoc = normalize("截至6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。", published=None)
    (doc,) = list(run_spacy(ndoc, nlp))
    assert [s.text for s in doc.spans["values"]] == ["1085万架", "788EFLOPS"]
    assert [s.text for s in doc.spans["dates"]] == ["6月底"]
    assert "我国" in [e.text for e in doc.ents]
    assert [f["value"] for f in doc.user_data["facts"]] == [10850000, 788]


def test_unknown_engine_is_a_usage_error():
    from zhfacts.errors import UsageError

    with pytest.raises(UsageError):
        facts_from_doc(normalize("达到10个。"), doc="x", engine="nope")
