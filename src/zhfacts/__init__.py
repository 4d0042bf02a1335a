"""zhfacts: numeric facts (entity, metric, value, date) from Chinese news articles.

The pipeline is one subpackage per stage, each with one front door:
``normalize`` -> ``extract`` -> ``evaluate``, plus ``review`` and ``cli``.
The stage subpackages are callable as their front-door functions and import
their work lazily, so ``import zhfacts`` stays cheap:

- ``zhfacts.normalize(text)`` -- clean Simplified text plus an offset map to the original.
- ``zhfacts.extract(text, doc=...)`` -- fact records per ``shared/spec/facts.md``.
- ``zhfacts.evaluate(golden, predictions)`` -- precision, recall and F1 against a golden set.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["normalize", "extract", "evaluate", "__version__"]

from zhfacts import evaluate, extract, normalize  # noqa: E402  (callable stage subpackages)
