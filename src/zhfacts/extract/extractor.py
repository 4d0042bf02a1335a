"""Public extraction entry points: text or file in, contract records out."""
from __future__ import annotations

from pathlib import Path

from zhfacts.contract import parse_published


def extract(text, *, doc: str, published=None, engine: str | None = None, explain: bool | None = None) -> list[dict]:
    """Facts of one document. ``text`` is the original (str, or bytes to decode).
    ``engine``: "fast" (default) or "spacy"; both give the same facts.  ``explain``: add
    each record's attribution candidates and scores under the extra key ``explain``."""
    from zhfacts.normalize.normalizer import normalize
    from zhfacts.extract.pipeline import facts_from_doc

    ndoc = normalize(text, published=parse_published(published))
    return facts_from_doc(ndoc, doc=doc, engine=engine, explain=explain)


def extract_file(path, *, doc: str | None = None, published=None, engine: str | None = None,
                 explain: bool | None = None) -> list[dict]:
    """Facts of the file at ``path``; ``doc`` defaults to the file name without extension."""
    from zhfacts.io import read_document
    from zhfacts.normalize.normalizer import normalize
    from zhfacts.extract.pipeline import facts_from_doc

    path = Path(path)
    original, encoding = read_document(path)
    ndoc = normalize(original, published=parse_published(published), path=str(path))
    ndoc.encoding = encoding
    return facts_from_doc(ndoc, doc=doc or path.stem, engine=engine, explain=explain)
