"""Stage 4, review: fact records and their sources in, one self-contained HTML page out.

Front door: :func:`write_review` (the page is built in :mod:`.page`).
"""
from __future__ import annotations


def write_review(pred, sources, out, golden=None) -> int:
    """Write the review page for the predictions file ``pred`` (see ``zhfacts review``)."""
    from zhfacts.review.page import cli_review

    return cli_review(pred, sources, out, golden)
