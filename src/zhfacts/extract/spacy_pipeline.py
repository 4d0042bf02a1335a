"""zhfacts as a spaCy pipeline: ``nlp = zhfacts.spacy_pipeline()``.

The Language is ``spacy.blank("zh")`` (character tokens, so every fact's span
in the original text is a span of tokens) with one component, the registered
factory ``zhfacts`` (``nlp.add_pipe("zhfacts")``). The component normalizes
the doc's text and runs the extraction steps on it, exactly as
:func:`zhfacts.extract` does, and writes:

- ``doc.spans["facts"]``: one span per fact over its value mention (the
  record's ``span``), labelled with its kind (actual, forecast, target);
- on each span, every field of the record as an extension (``span._.entity``,
  ``._.metric``, ``._.value``, ``._.unit``, ``._.qualifier``, ``._.date``,
  ``._.kind``, ``._.sentence``, ``._.rule``, ``._.warnings``) and the whole
  record as ``span._.fact``;
- ``doc._.facts``: the records, in order, as :func:`zhfacts.extract` returns them.

``nlp(text)``, ``nlp.pipe(texts, n_process=2)`` and
``displacy.render(doc, style="span", spans_key="facts")`` work as with any
pipeline. The publication date is ``doc._.published`` when set before the
component runs (``doc = nlp.make_doc(text); doc._.published = "2025-09-02";
nlp(doc)``), else the component's ``published`` setting, else the date found
in the text; the record's ``doc`` is ``doc._.doc_id`` (default ``"doc"``).
Nothing is downloaded: the pipeline has no trained model.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from zhfacts.contract import RECORD_KEYS, parse_published

FACTS_KEY = "facts"
#: The record fields exposed as span extensions (``doc``, ``span`` and ``text`` are the span's own).
SPAN_FIELDS = tuple(k for k in RECORD_KEYS if k not in ("doc", "span", "text"))


def _fact(span) -> dict | None:
    facts = span.doc._.facts or ()
    i = int(span.id_) if span.id_.isdigit() else -1
    return facts[i] if 0 <= i < len(facts) else None


for _name, _default in (("facts", None), ("published", None), ("doc_id", "doc")):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("fact"):
    Span.set_extension("fact", getter=_fact)
for _key in SPAN_FIELDS:
    if not Span.has_extension(_key):
        Span.set_extension(_key, getter=lambda span, key=_key: (_fact(span) or {}).get(key))


class FactsComponent:
    """Facts of the doc's text as ``doc.spans["facts"]`` (see the module doc)."""

    def __init__(self, published: str | None = None):
        self.published = parse_published(published, where="zhfacts component: published")

    def __call__(self, doc):
        from zhfacts.extract.pipeline import facts_from_doc
        from zhfacts.normalize.normalizer import normalize

        published = doc._.published
        published = self.published if published is None else parse_published(published, where="doc._.published")
        records = facts_from_doc(normalize(doc.text, published=published), doc=doc._.doc_id, engine="fast")
        spans = []
        for i, rec in enumerate(records):
            s, e = rec["span"]
            span = doc.char_span(s, e, label=rec["kind"], span_id=str(i), alignment_mode="expand")
            if span is not None:  # always, with character tokens; a coarser tokenizer may merge two facts
                spans.append(span)
        doc._.facts = records
        doc.spans[FACTS_KEY] = spans
        return doc


@Language.factory("zhfacts", default_config={"published": None})
def make_component(nlp: Language, name: str, published: Optional[str]) -> FactsComponent:
    """The ``zhfacts`` factory: registered on import and as a ``spacy_factories`` entry point."""
    return FactsComponent(published)


def spacy_pipeline(published: str | None = None):
    """A blank Chinese spaCy Language with the ``zhfacts`` component (no model download)."""
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("zhfacts", config={"published": published})
    return nlp
