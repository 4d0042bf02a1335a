"""Stage 1, normalize: raw bytes or text in, clean Simplified text with an offset map out.

Front door: :func:`normalize` (steps in :mod:`.normalizer`; offset buffer in
:mod:`.offsets`; characters, script, HTML, layout and boilerplate, sentences,
publication date in their own modules; rule data in ``rules/normalize/``).
"""
from __future__ import annotations

from zhfacts import _stage


def normalize(text, *, published=None, path=None):
    """Normalize ``text`` (str or bytes) into a :class:`~zhfacts.normalize.doc.NormalizedDoc`."""
    from zhfacts.normalize.normalizer import normalize as _normalize

    return _normalize(text, published=published, path=path)


_stage.make_callable(__name__)
