"""Fuzzing the batch CLI with mixed good and bad files (issue 12 item 7).

Bounded: a few examples of a few short documents each, no deadline. Asserted for
every generated batch:

- each good document's facts are exactly those of extracting it alone;
- each bad document has exactly one error line, naming it;
- no file other than the -o and --html outputs changes.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app

SENTENCES = [
    "截至今年{m}月底，我国在用算力中心标准机架达{n}万架。",
    "智能算力规模达{n}EFLOPS，同比增长{p}%。",
    "预计{y}年市场规模将超过{n}亿美元。",
    "该项目总投资{n}亿元，建成后PUE低于1.{p}。",
    "據統計，臺灣伺服器出貨量達{n}萬台。",
]

good_doc = st.lists(
    st.tuples(st.sampled_from(SENTENCES), st.integers(1, 12), st.integers(1, 99999), st.integers(1, 99),
              st.integers(2020, 2030)),
    min_size=1, max_size=4,
).map(lambda parts: "\n".join(s.format(m=m, n=n, p=p, y=y) for s, m, n, p, y in parts) + "\n")

bad_doc = st.sampled_from([
    ("empty", b""),
    ("blank", b" \n\t\n"),
    ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(64))),
    ("nul", b"abc\x00def" * 10),
    ("missing", None),
])


@st.composite
def batches(draw):
    n = draw(st.integers(1, 5))
    docs = []
    for i in range(n):
        if draw(st.booleans()):
            docs.append((f"g{i}", "good", draw(good_doc).encode("utf-8")))
        else:
            kind, data = draw(bad_doc)
            docs.append((f"b{i}", kind, data))
    return docs


def snapshot(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches(), st.booleans())
def test_batch_of_good_and_bad_files(docs, with_html):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        (root / "keep.txt").write_text("不相关的文件", encoding="utf-8")
        paths = []
        for doc, kind, data in docs:
            p = root / "in" / f"{doc}.txt"
            if data is not None:
                p.write_bytes(data)
            paths.append(str(p))
        before = snapshot(root)
        out = root / "out" / "facts.jsonl"
        args = ["extract", *paths, "-o", str(out), "-q"] + (["--html", str(root / "page.html")] if with_html else [])
        r = CliRunner().invoke(app, args, catch_exceptions=False)
        n_bad = sum(kind != "good" for _, kind, _ in docs)
        assert r.exit_code == (1 if n_bad else 0), r.output

        # no file outside the outputs changed
        after = snapshot(root)
        for name in ("out/facts.jsonl", "page.html"):
            after.pop(name, None)
        assert after == before

        errors = [x for x in r.stderr.splitlines() if x.startswith("error[")]
        assert len(errors) == n_bad
        recs = ([json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
                if out.exists() else [])
        if n_bad == len(docs):
            assert not out.exists()  # nothing succeeded: no output replaces anything
        for (doc, kind, data), path in zip(docs, paths):
            mine = [x for x in recs if x["doc"] == doc]
            if kind == "good":
                alone = json.loads(json.dumps(zhfacts.extract(data.decode("utf-8"), doc=doc)))
                assert mine == alone
            else:
                assert not mine
                assert sum(1 for e in errors if f" {path}: " in e) == 1
