"""zhfacts: numeric facts (entity, metric, value, date) from Chinese news articles.

The pipeline is one subpackage per stage, each with one front door:
``normalize`` -> ``extract`` -> ``evaluate``, plus ``review`` and ``cli``.
The stage subpackages are callable as their front-door functions and import
their work lazily, so ``import zhfacts`` stays cheap:

- ``zhfacts.normalize(text)`` -- clean Simplified text plus an offset map to the original.
- ``zhfacts.extract(text, doc=...)`` -- fact records per ``shared/spec/facts.md``.
- ``zhfacts.evaluate(golden, predictions)`` -- precision, recall and F1 against a golden set.
- ``zhfacts.spacy_pipeline()`` -- the same facts from a spaCy Language, as ``doc.spans["facts"]``.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["normalize", "extract", "evaluate", "spacy_pipeline", "__version__"]

from zhfacts import evaluate, extract, normalize  # noqa: E402  (callable stage subpackages)


def spacy_pipeline(published=None):
    """``spacy.blank("zh")`` with the ``zhfacts`` component: ``nlp(text).spans["facts"]``
    (see :mod:`zhfacts.extract.spacy_pipeline`)."""
    from zhfacts.extract.spacy_pipeline import spacy_pipeline as _spacy_pipeline

    return _spacy_pipeline(published=published)
