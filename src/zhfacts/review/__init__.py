"""Stage 4, review: fact records and their sources in, one self-contained HTML page out.

Front door: :func:`write_review` (the page is built in :mod:`.page`, its CSS
and JS are ``page.css`` and ``page.js`` next to it); the Label Studio
interchange is :mod:`.labelstudio`.
"""
from __future__ import annotations


def write_review(pred, sources, out, golden=None):
    """Write the review page for the predictions file ``pred`` (see ``zhfacts review``);
    returns a :class:`~zhfacts.review.page.ReviewReport`."""
    from zhfacts.review.page import write_review as _write_review

    return _write_review(pred, sources, out, golden)
