"""Stage 3, evaluate: golden facts and predictions in, precision, recall and F1 out.

Front door: :func:`evaluate` (matching and scores in :mod:`.scoring`, golden
files in :mod:`.golden`, the entity alias table in :mod:`.aliases`).
"""
from __future__ import annotations

from zhfacts import _stage


def evaluate(golden, predictions, **kwargs):
    """Score ``predictions`` against ``golden`` (contract section 3)."""
    from zhfacts.evaluate.scoring import evaluate as _evaluate

    return _evaluate(golden, predictions, **kwargs)


_stage.make_callable(__name__)
