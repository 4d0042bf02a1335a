"""Stage 2, extract: a normalized document in, contract fact records out.

Front door: :func:`extract` (and :func:`extract_file`); the steps are
:mod:`.pipeline` (dates, values, entities, facts), batches of files are
:mod:`.batch`.
"""
from __future__ import annotations

from zhfacts import _stage


def extract(text, *, doc, published=None, engine=None, explain=None):
    """Extract fact records (dicts in contract key order) from ``text``.

    ``engine`` is "fast" (the default, no spaCy import) or "spacy" (the same
    steps as a spaCy Language); both give identical records.  ``explain=True`` adds
    the key ``explain`` (the holder's candidates, features and scores) to each record."""
    from zhfacts.extract.extractor import extract as _extract

    return _extract(text, doc=doc, published=published, engine=engine, explain=explain)


def extract_file(path, *, doc=None, published=None, engine=None, explain=None):
    """Facts of the file at ``path``; ``doc`` defaults to the file name without extension."""
    from zhfacts.extract.extractor import extract_file as _extract_file

    return _extract_file(path, doc=doc, published=published, engine=engine, explain=explain)


_stage.make_callable(__name__)
