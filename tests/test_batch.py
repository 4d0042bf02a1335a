"""The batch engine and `zhfacts extract` (issue 4 item 3, the CLI part of the
extractor issue, `--workers` of the speed issue).

Most tests replace the extractor with a fake processor (a module-level function,
so worker processes can unpickle it): they test the engine, not the extractor's
current quality. The tests at the end run the real extractor on the seeds.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.extract import batch
from zhfacts.cli.extract import run_extract as cli_extract
from zhfacts.extract.batch import (CSV_COLUMNS, BatchResult, DocInput, RecordWriter, expand,
                           expand_inputs, iter_results, read_manifest, run_batch)
from zhfacts.cli import app
from zhfacts.errors import EmptyInput, UsageError

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- fake extractor

def fake_processor(item: DocInput) -> list[dict]:
    """Records described by the file itself: lines ``facts=N``, ``sleep=S``, ``fail``, ``crash``, ``interrupt``."""
    text = item.data.decode() if item.data is not None else Path(item.path).read_text(encoding="utf-8")
    conf = dict(line.split("=", 1) if "=" in line else (line, "1") for line in text.split() if line)
    if "sleep" in conf:
        time.sleep(float(conf["sleep"]))
    if "fail" in conf:
        raise EmptyInput("empty input (fake)", path=item.path)
    if "crash" in conf:
        os._exit(3)
    if "interrupt" in conf:
        raise KeyboardInterrupt
    n = int(conf.get("facts", 1))
    out = []
    for i in range(n):
        rec = {"warnings": ["w"] if "warn" in conf else [], "rule": "fake", "span": [i, i + 1], "text": "x",
               "doc": item.doc, "entity": "中国", "metric": "规模", "value": i + 0.5 if i % 2 else i,
               "unit": "架", "qualifier": "=", "date": item.published, "kind": "actual", "sentence": "句子。"}
        out.append(rec)
    return out


@pytest.fixture
def fake(monkeypatch):
    """Make the CLI use the fake processor (also in forked workers)."""
    monkeypatch.setattr(batch, "extract_input", fake_processor)


def make_docs(tmp_path: Path, specs: list[str], *, sub: str = "in") -> Path:
    d = tmp_path / sub
    d.mkdir()
    for i, spec in enumerate(specs):
        (d / f"d{i:03d}.txt").write_text(spec, encoding="utf-8")
    return d


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- inputs

def test_directory_expands_to_sorted_documents_and_reports_the_rest(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    for name in ("b.txt", "a.txt", "c.HTML", "d.htm", "notes.md", "img.png"):
        (d / name).write_text("x", encoding="utf-8")
    (d / "sub").mkdir()
    ex = expand([str(d)])
    assert [i.doc for i in ex.inputs] == ["a", "b", "c", "d"]
    assert [Path(i.path).name for i in ex.inputs] == ["a.txt", "b.txt", "c.HTML", "d.htm"]
    assert sorted(Path(s.rstrip("/")).name for s in ex.skipped) == ["img.png", "notes.md", "sub"]


def test_files_keep_command_line_order_and_missing_files_are_inputs(tmp_path):
    (tmp_path / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    items = expand_inputs([str(tmp_path / "z.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "a.txt")])
    assert [i.doc for i in items] == ["z", "missing", "a"]


def test_stdin_is_a_document_named_stdin():
    items = expand_inputs(["-"], published="2025-09-02", stdin=io.TextIOWrapper(io.BytesIO("正文".encode())))
    assert len(items) == 1
    assert (items[0].doc, items[0].path, items[0].published) == ("stdin", "-", "2025-09-02")
    assert items[0].data == "正文".encode()


def test_bad_published_date_is_a_usage_error():
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        expand_inputs(["x.txt"], published="2025/09/02")


def test_manifest_dates_relative_paths_and_extra_columns(tmp_path):
    (tmp_path / "arts").mkdir()
    for n in ("a", "b", "c"):
        (tmp_path / "arts" / f"{n}.txt").write_text("x", encoding="utf-8")
    m = tmp_path / "meta" / "m.tsv"
    m.parent.mkdir()
    m.write_text("doc\tpath\tpublished\tnote\n"
                 "a\t../arts/a.txt\t2025-01-02\tx\n"
                 "b\t../arts/b.txt\t\tno date\n", encoding="utf-8")
    items = expand_inputs([str(tmp_path / "arts")], published="2024-12-31", manifest=m)
    assert [(i.doc, i.published) for i in items] == [("a", "2025-01-02"), ("b", None), ("c", "2024-12-31")]
    # with no paths, the manifest's documents are the batch
    only = expand_inputs([], manifest=m)
    assert [(i.doc, i.published) for i in only] == [("a", "2025-01-02"), ("b", None)]


@pytest.mark.parametrize("content, message", [
    ("path\tdate\nx.txt\t2025-01-01\n", "header"),
    ("path\tpublished\nx.txt\t2025-13-01\n", "m.tsv:2"),
    ("", "empty"),
])
def test_bad_manifest_names_file_and_line(tmp_path, content, message):
    m = tmp_path / "m.tsv"
    m.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as ei:
        read_manifest(m)
    assert message in str(ei.value)
    assert "m.tsv" in str(ei.value)


def test_golden_docs_tsv_works_as_a_manifest(seeds_dir, golden_dir):
    if not (golden_dir / "docs.tsv").is_file():
        pytest.skip("no golden/docs.tsv")
    dates = read_manifest(golden_dir / "docs.tsv")
    items = expand_inputs([str(seeds_dir)], manifest=golden_dir / "docs.tsv")
    by_doc = {i.doc: i.published for i in items}
    assert by_doc["001_dc707ca7db693b8b"] == "2025-09-02"
    assert len(dates) == len(items)


# --------------------------------------------------------------------------- engine

def _specs(n: int) -> list[str]:
    # later documents finish first: completion order is the reverse of input order
    return [f"facts={i % 4} sleep={0.002 * (n - i)}" for i in range(n)]


@pytest.mark.parametrize("workers, chunksize", [(1, None), (2, None), (2, 1), (3, 5)])
def test_results_come_in_input_order(tmp_path, workers, chunksize):
    d = make_docs(tmp_path, _specs(23))
    items = expand_inputs([str(d)])
    got = list(iter_results(items, workers=workers, chunksize=chunksize, processor=fake_processor))
    assert [r.index for r in got] == list(range(23))
    assert [r.input.doc for r in got] == [i.doc for i in items]
    assert [len(r.records) for r in got] == [i % 4 for i in range(23)]


def test_workers_give_the_same_records_as_in_process(tmp_path):
    d = make_docs(tmp_path, _specs(12) + ["fail"])
    one = run_batch([str(d)], workers=1, keep=True, processor=fake_processor)
    two = run_batch([str(d)], workers=2, keep=True, processor=fake_processor)
    assert [r.records for r in one.results] == [r.records for r in two.results]
    assert [str(e) for e in one.errors] == [str(e) for e in two.errors]
    assert (one.documents, one.facts, one.failed) == (two.documents, two.facts, two.failed) == (13, 18, 1)


def test_a_failing_document_becomes_an_error_and_the_batch_goes_on(tmp_path):
    d = make_docs(tmp_path, ["facts=2", "fail", "facts=1"])
    res = run_batch([str(d)], keep=True, processor=fake_processor)
    assert [len(r.records) for r in res.results] == [2, 0, 1]
    assert len(res.errors) == 1
    err = res.errors[0]
    assert err.code == "E101" and err.path.endswith("d001.txt")
    assert str(err) == f"error[E101] {err.path}: empty input (fake)"
    assert res.exit_code == 1


def test_a_crashing_worker_takes_down_only_its_document(tmp_path):
    d = make_docs(tmp_path, ["facts=1"] * 5 + ["crash"] + ["facts=2"] * 5)
    res = run_batch([str(d)], workers=2, chunksize=3, keep=True, processor=fake_processor)
    assert res.documents == 11
    assert [r.index for r in res.results] == list(range(11))
    assert [r.input.doc for r in res.results if r.error] == ["d005"]
    assert "worker process died" in res.errors[0].message
    assert [len(r.records) for r in res.results if not r.error] == [1] * 5 + [2] * 5


def test_run_batch_summary_counts(tmp_path):
    d = make_docs(tmp_path, ["facts=3 warn", "facts=2", "fail"])
    seen = []
    res = run_batch([str(d)], sink=seen.append, processor=fake_processor)
    assert isinstance(res, BatchResult)
    assert [r.input.doc for r in seen] == ["d000", "d001", "d002"]
    assert (res.documents, res.facts, res.with_warnings, res.failed) == (3, 5, 3, 1)
    from zhfacts.cli.extract import summary

    assert summary(res).startswith("3 documents, 5 facts (3 with warnings), 1 error in ")
    assert res.results == []  # keep=False


def test_records_are_written_in_contract_key_order(tmp_path):
    buf = io.StringIO()
    RecordWriter(buf, "jsonl").write_doc(fake_processor(DocInput("-", "x", "2025-01-01", b"facts=2")))
    lines = buf.getvalue().splitlines()
    rec = json.loads(lines[0])
    assert list(rec) == ["doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span",
                         "text", "sentence", "rule", "warnings"]
    assert "中国" in lines[0]  # ensure_ascii=False


def test_csv_rows(tmp_path):
    buf = io.StringIO(newline="")
    w = RecordWriter(buf, "csv")
    recs = fake_processor(DocInput("-", "x", None, b"facts=2 warn"))
    recs[1]["warnings"] = ["a", "b"]
    w.write_doc(recs)
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3
    row = dict(zip(rows[0], rows[2]))
    assert (row["span_start"], row["span_end"], row["warnings"], row["value"], row["date"]) == ("1", "2", "a; b", "1.5", "")
    assert dict(zip(rows[0], rows[1]))["value"] == "0"


# --------------------------------------------------------------------------- CLI

def run_cli(args: list[str], **kw):
    return CliRunner().invoke(app, args, catch_exceptions=False, **kw)


def test_cli_writes_records_errors_summary_and_exit_code(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=2", "fail", "facts=1 warn"])
    out = tmp_path / "out.jsonl"
    r = run_cli(["extract", str(d), "-o", str(out), "--published", "2025-09-02"])
    assert r.exit_code == 1
    recs = read_jsonl(out)
    assert [x["doc"] for x in recs] == ["d000", "d000", "d002"]
    assert {x["date"] for x in recs} == {"2025-09-02"}
    assert f"error[E101] {d / 'd001.txt'}: empty input (fake)" in r.stderr
    summary = r.stderr.strip().splitlines()[-1]
    assert summary.startswith("zhfacts extract: 3 documents, 3 facts (1 with warnings), 1 error in ")
    assert summary.endswith(f" s -> {out}")
    assert "\x1b[" not in r.stderr  # not a terminal: no progress bar


def test_cli_exit_zero_and_quiet(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=2", "facts=1"])
    r = run_cli(["extract", str(d), "--quiet"])
    assert r.exit_code == 0
    assert r.stderr == ""
    assert [json.loads(x)["doc"] for x in r.stdout.splitlines()] == ["d000", "d000", "d001"]


def test_cli_quiet_still_reports_errors(tmp_path, fake):
    d = make_docs(tmp_path, ["fail"])
    r = run_cli(["extract", str(d), "-q", "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 1
    assert r.stderr.startswith("error[E101] ")


def test_cli_missing_file_is_reported_not_dropped(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=1"])
    r = run_cli(["extract", str(d / "d000.txt"), str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 1
    assert f"error[E105] {tmp_path / 'nope.txt'}: " in r.stderr
    assert len(read_jsonl(tmp_path / "o.jsonl")) == 1


def test_cli_csv(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=2", "facts=1"])
    out = tmp_path / "o.csv"
    r = run_cli(["extract", str(d), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [row["doc"] for row in rows] == ["d000", "d000", "d001"]
    assert rows[0]["entity"] == "中国"


def test_cli_workers_output_is_identical(tmp_path, fake):
    d = make_docs(tmp_path, _specs(17) + ["fail"])
    outs = []
    for w in ("1", "2", "4"):
        out = tmp_path / f"o{w}.jsonl"
        r = run_cli(["extract", str(d), "-o", str(out), "--workers", w, "-q"])
        assert r.exit_code == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_cli_stdin(tmp_path, fake):
    r = run_cli(["extract", "-", "-q"], input="facts=2")
    assert r.exit_code == 0
    assert [json.loads(x)["doc"] for x in r.stdout.splitlines()] == ["stdin", "stdin"]


@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "--workers"),
    (["--format", "xml"], "--format"),
    (["--published", "yesterday"], "YYYY-MM-DD"),
])
def test_cli_usage_errors_exit_2(tmp_path, fake, args, message):
    d = make_docs(tmp_path, ["facts=1"])
    r = run_cli(["extract", str(d), *args])
    assert r.exit_code == 2
    assert message in r.stderr and "error[E400]" in r.stderr


def test_output_file_that_is_also_an_input_is_refused(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=1"])
    r = run_cli(["extract", str(d), "-o", str(d / "d000.txt")])
    assert r.exit_code == 2
    assert (d / "d000.txt").read_text() == "facts=1"


def test_interrupted_batch_keeps_what_it_finished(tmp_path, fake):
    d = make_docs(tmp_path, ["facts=2", "facts=1", "interrupt", "facts=5"])
    out = tmp_path / "o.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    code = cli_extract([str(d)], out=out, quiet=True)
    assert code == 130
    # the previous complete output survives; what the interrupted run wrote is kept apart
    assert out.read_text(encoding="utf-8") == "previous\n"
    partial = tmp_path / "o.jsonl.partial"
    assert [x["doc"] for x in read_jsonl(partial)] == ["d000", "d000", "d001"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_is_written_incrementally(tmp_path, monkeypatch):
    """While document k is processed, the records of documents < k are already in the file."""
    d = make_docs(tmp_path, ["facts=1"] * 4)
    out = tmp_path / "o.jsonl"
    seen = []

    def spy(item):
        # the records go to a temporary file beside the output, renamed into place at the end
        tmp = list(tmp_path.glob(".o.jsonl.*.tmp"))
        seen.append(len(read_jsonl(tmp[0])) if len(tmp) == 1 and not out.exists() else None)
        return fake_processor(item)

    monkeypatch.setattr(batch, "extract_input", spy)
    assert cli_extract([str(d)], out=out, quiet=True) == 0
    assert seen == [0, 1, 2, 3]


def test_progress_bar_on_a_terminal(tmp_path):
    """With stderr a terminal the batch shows a rich progress bar; the summary follows."""
    pty = pytest.importorskip("pty")
    d = make_docs(tmp_path, ["facts=1 sleep=0.2"] * 4)
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "from zhfacts.extract import batch; import test_batch\n"
        "from zhfacts.cli.extract import run_extract\n"
        "batch.extract_input = test_batch.fake_processor\n"
        "sys.exit(run_extract([%r], out=__import__('pathlib').Path(%r)))\n"
    ) % (str(Path(__file__).parent), str(d), str(tmp_path / "o.jsonl"))
    master, slave = pty.openpty()
    import subprocess

    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave, env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(master)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "extract" in text and "/4" in text  # the bar: "extract ━━━ 2/4 docs ..."
    assert "4 documents, 4 facts (0 with warnings), 0 errors in" in text


# --------------------------------------------------------------------------- the real extractor

def test_seeds_with_two_workers_equal_one(tmp_path, seeds_dir):
    outs = []
    for w in ("1", "2"):
        out = tmp_path / f"o{w}.jsonl"
        r = run_cli(["extract", str(seeds_dir), "-o", str(out), "--workers", w])
        assert r.exit_code == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    recs = read_jsonl(tmp_path / "o1.jsonl")
    docs = {p.stem for p in seeds_dir.glob("*.txt")}
    assert {x["doc"] for x in recs} <= docs
    for x in recs:
        assert list(x)[:10] == ["doc", "entity", "metric", "value", "unit", "qualifier", "date", "kind", "span",
                                "text"]


def test_stdin_gives_the_same_records_as_the_file(seeds_dir):
    seed = sorted(seeds_dir.glob("*.txt"))[1]
    by_file = run_cli(["extract", str(seed), "-q"])
    by_stdin = run_cli(["extract", "-", "-q"], input=seed.read_bytes())
    assert by_file.exit_code == by_stdin.exit_code == 0
    a = [json.loads(x) for x in by_file.stdout.splitlines()]
    b = [json.loads(x) for x in by_stdin.stdout.splitlines()]
    assert {x["doc"] for x in b} <= {"stdin"}
    assert [{**x, "doc": None} for x in a] == [{**x, "doc": None} for x in b]


def test_extract_html_option_writes_the_review_page(tmp_path, seeds_dir):
    out, page = tmp_path / "o.jsonl", tmp_path / "review.html"
    r = run_cli(["extract", str(seeds_dir), "-o", str(out), "--html", str(page), "-q"])
    assert r.exit_code == 0, r.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count("data-fact-id=") == len(read_jsonl(out))
    for p in seeds_dir.glob("*.txt"):
        assert p.stem in html


def test_no_documents_is_a_usage_error(tmp_path, fake):
    (tmp_path / "empty").mkdir()
    r = run_cli(["extract", str(tmp_path / "empty")])
    assert r.exit_code == 2
    assert "no documents" in r.stderr and str(tmp_path / "empty") in r.stderr


def test_empty_directory_among_others_is_noted(tmp_path, fake):
    (tmp_path / "empty").mkdir()
    d = make_docs(tmp_path, ["facts=1"])
    r = run_cli(["extract", str(tmp_path / "empty"), str(d), "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 0
    assert f"note: no documents (*.txt, *.html, *.htm) in {tmp_path / 'empty'}" in r.stderr
