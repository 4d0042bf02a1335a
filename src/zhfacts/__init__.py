"""zhfacts: numeric facts (entity, metric, value, date) from Chinese news articles.

Public API (imported lazily so that ``import zhfacts`` stays cheap).  The
implementing modules are named apart from the functions (normalizer,
extractor, scoring) so that importing them never rebinds these names:

- :func:`normalize` -- clean Simplified text plus an offset map to the original.
- :func:`extract` -- fact records per ``shared/spec/facts.md``.
- :func:`evaluate` -- precision, recall and F1 against a golden set.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["normalize", "extract", "evaluate", "__version__"]


def normalize(text, *, published=None, path=None):
    """Normalize ``text`` (str or bytes); see :mod:`zhfacts.normalizer`."""
    from .normalizer import normalize as _normalize

    return _normalize(text, published=published, path=path)


def extract(text, *, doc, published=None, engine=None):
    """Extract fact records (dicts in contract key order) from ``text``.

    ``engine`` is "fast" (the default, no spaCy import) or "spacy" (the same
    steps as a spaCy Language); both give identical records."""
    from .extractor import extract as _extract

    return _extract(text, doc=doc, published=published, engine=engine)


def evaluate(golden, predictions, **kwargs):
    """Score ``predictions`` against ``golden``; see :mod:`zhfacts.scoring`."""
    from .scoring import evaluate as _evaluate

    return _evaluate(golden, predictions, **kwargs)
