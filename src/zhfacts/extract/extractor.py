"""Public extraction entry points: text or file in, contract records out."""
from __future__ import annotations

from pathlib import Path

from zhfacts.contract import parse_published


def extract(text, *, doc: str, published=None, engine: str | None = None, explain: bool | None = None) -> list[dict]:
    """Facts of one document. ``text`` is the original (str, or bytes to decode).
    ``engine``: "fast" (default) or "spacy"; both give the same facts.  ``explain``: add
    each record's attribution candidates and scores under the extra key ``explain``."""
    return extract_normalized(text, doc=doc, published=published, engine=engine, explain=explain)[1]


def extract_file(path, *, doc: str | None = None, published=None, engine: str | None = None,
                 explain: bool | None = None) -> list[dict]:
    """Facts of the file at ``path``; ``doc`` defaults to the file name without extension."""
    return extract_normalized(path=path, doc=doc, published=published, engine=engine, explain=explain)[1]


def extract_normalized(text=None, *, path=None, doc: str | None = None, published=None, engine: str | None = None,
                       explain: bool | None = None):
    """``(normalized document, records)`` of ``text`` or of the file at ``path`` (read with
    :func:`zhfacts.io.read_document`): for callers that show the document too (the review page)."""
    from zhfacts.normalize.normalizer import normalize
    from zhfacts.extract.pipeline import facts_from_doc

    published = parse_published(published)
    if path is not None:
        from zhfacts.io import read_document

        path = Path(path)
        original, encoding = read_document(path)
        ndoc = normalize(original, published=published, path=str(path))
        ndoc.encoding = encoding
        doc = doc or path.stem
    else:
        ndoc = normalize(text, published=published)
    return ndoc, facts_from_doc(ndoc, doc=doc, engine=engine, explain=explain)
