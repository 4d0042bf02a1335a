"""Public extraction entry points: text or file in, contract records out."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path


def _as_date(published) -> _dt.date | None:
    if published is None or isinstance(published, _dt.date):
        return published
    from zhfacts.errors import UsageError

    try:
        return _dt.date.fromisoformat(str(published))
    except ValueError:
        raise UsageError(f"publication date {published!r} is not YYYY-MM-DD") from None


def extract(text, *, doc: str, published=None, engine: str | None = None) -> list[dict]:
    """Facts of one document. ``text`` is the original (str, or bytes to decode).
    ``engine``: "fast" (default) or "spacy"; both give the same facts."""
    from zhfacts.normalize.normalizer import normalize
    from zhfacts.extract.pipeline import facts_from_doc

    ndoc = normalize(text, published=_as_date(published))
    return facts_from_doc(ndoc, doc=doc, engine=engine)


def extract_file(path, *, doc: str | None = None, published=None, engine: str | None = None) -> list[dict]:
    """Facts of the file at ``path``; ``doc`` defaults to the file name without extension."""
    from zhfacts.io import read_document
    from zhfacts.normalize.normalizer import normalize
    from zhfacts.extract.pipeline import facts_from_doc

    path = Path(path)
    original, encoding = read_document(path)
    ndoc = normalize(original, published=_as_date(published), path=str(path))
    ndoc.encoding = encoding
    return facts_from_doc(ndoc, doc=doc or path.stem, engine=engine)
