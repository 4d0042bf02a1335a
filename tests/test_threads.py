"""extract is safe to call from many threads: per-document state lives in the
document's own context, never on the cached finders (issue 9, item 1)."""
from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import zhfacts

ROOT = Path(__file__).resolve().parents[1]


def _articles() -> list[tuple[str, str, str | None]]:
    """(doc id, text, publication date) of every seed and devset article."""
    out = []
    for folder, manifest in (("seeds", ROOT / "golden" / "docs.tsv"), ("devset", ROOT / "devset" / "docs.tsv")):
        with manifest.open(encoding="utf-8") as fh:
            published = {row["doc"]: row["published"] or None for row in csv.DictReader(fh, delimiter="\t")}
        for path in sorted((ROOT / folder).glob("*.txt")):
            out.append((path.stem, path.read_text(encoding="utf-8"), published.get(path.stem)))
    return out


@pytest.mark.parametrize("engine", ["fast", "spacy"])
def test_threaded_extract_equals_sequential(engine):
    articles = _articles()
    assert len(articles) >= 13 and sum(a[2] is not None for a in articles) >= 10  # the manifests were read
    run = lambda a: zhfacts.extract(a[1], doc=a[0], published=a[2], engine=engine)  # noqa: E731
    sequential = [run(a) for a in articles]
    jobs = articles * 3  # interleave each document with the others several times
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(run, jobs))
    for i, facts in enumerate(threaded):
        assert facts == sequential[i % len(articles)], articles[i % len(articles)][0]
