"""Never lose a user's file (issue 12 item 1, issue 13's output-path items).

Every output (extract -o and --html, review -o) goes through one helper,
:class:`zhfacts.io.OutputFile`: it is refused when it is the same file as an
input, the manifest, the predictions, a source or the other output (inode, not
string), refused when it exists and is not a regular file, and written to a
unique temporary file renamed into place only on success.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app
from zhfacts.extract import batch
from zhfacts.cli.extract import run_extract as cli_extract

ARTICLE = "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。\n"


def run_cli(args: list[str], **kw):
    # catch_exceptions=False: a traceback fails the test instead of passing as an exit code
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("1085", "1200"), encoding="utf-8")
    return tmp_path


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else os.readlink(p).encode())
            for p in d.iterdir() if not p.is_dir() or p.is_symlink()}


def assert_refused(r, code: str):
    assert r.exit_code == 2, r.output
    assert f"error[{code}]" in r.stderr
    assert "Traceback" not in r.output


def test_output_symlink_to_an_input_is_refused(work):
    os.symlink("a.txt", work / "link.jsonl")
    before = snapshot(work)
    assert_refused(run_cli(["extract", "a.txt", "-o", "link.jsonl"]), "E411")
    assert snapshot(work) == before


def test_output_hard_link_to_an_input_is_refused(work):
    os.link(work / "a.txt", work / "hard.jsonl")
    before = snapshot(work)
    assert_refused(run_cli(["extract", "a.txt", "-o", "hard.jsonl"]), "E411")
    assert snapshot(work) == before


@pytest.mark.parametrize("html", ["a.txt", "out.jsonl", "docs.tsv", "./sub/../a.txt"])
def test_html_onto_an_input_the_output_or_the_manifest_is_refused(work, html):
    (work / "docs.tsv").write_text("path\tpublished\na.txt\t2025-09-02\n", encoding="utf-8")
    (work / "sub").mkdir()
    before = snapshot(work)
    assert_refused(run_cli(["extract", "--manifest", "docs.tsv", "-o", "out.jsonl", "--html", html]), "E411")
    assert snapshot(work) == before


def test_review_output_onto_the_predictions_or_a_source_is_refused(work):
    assert run_cli(["extract", "a.txt", "-o", "preds.jsonl", "-q"]).exit_code == 0
    os.symlink("a.txt", work / "alias.html")
    before = snapshot(work)
    for target in ("preds.jsonl", "a.txt", "alias.html"):
        assert_refused(run_cli(["review", "preds.jsonl", "--sources", ".", "-o", target]), "E411")
    assert snapshot(work) == before


def test_failed_run_keeps_the_previous_output(work):
    out = work / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    r = run_cli(["extract", "mistyped.txt", "-o", out])
    assert r.exit_code == 1 and "error[E105] mistyped.txt" in r.stderr
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt", "out.jsonl"]


def test_interrupted_run_keeps_the_previous_output_and_a_partial_file(work, monkeypatch):
    out = work / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    real = batch.extract_input
    calls = []

    def interrupt_second(item):
        calls.append(item.doc)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(item)

    monkeypatch.setattr(batch, "extract_input", interrupt_second)
    assert cli_extract(["a.txt", "b.txt"], out=out, quiet=True) == 130
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    partial = [json.loads(x) for x in (work / "out.jsonl.partial").read_text(encoding="utf-8").splitlines()]
    assert partial and {r["doc"] for r in partial} == {"a"}
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


def test_successful_run_replaces_the_output_and_leaves_no_temporary_file(work):
    out = work / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o640)
    assert run_cli(["extract", "a.txt", "-o", out, "--html", "page.html", "-q"]).exit_code == 0
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {r["value"] for r in recs} == {10850000, 788}
    assert (work / "page.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(out).st_mode & 0o777 == 0o640  # the replaced file keeps its permissions
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt", "out.jsonl", "page.html"]


def test_a_symlinked_output_stays_a_symlink(work):
    (work / "real").mkdir()
    os.symlink("real/page.html", work / "page.html")
    assert run_cli(["extract", "a.txt", "-o", "out.jsonl", "--html", "page.html", "-q"]).exit_code == 0
    assert os.path.islink(work / "page.html")
    assert (work / "real" / "page.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_fifo_target_is_refused_not_replaced(work):
    os.mkfifo(work / "pipe.html")
    assert_refused(run_cli(["extract", "a.txt", "-o", "out.jsonl", "--html", "pipe.html"]), "E410")
    assert (work / "pipe.html").is_fifo()
    assert not (work / "out.jsonl").exists()  # checked before any document is read


def test_dev_null_is_a_valid_sink(work):
    # (--html is tested through the helper: the old code, as root, replaced /dev/null with a file)
    from zhfacts.io import OutputFile

    r = run_cli(["extract", "a.txt", "-o", os.devnull, "-q"])
    assert r.exit_code == 0, r.output
    OutputFile(os.devnull, protect=[os.devnull], what="review page").write_all("<!DOCTYPE html>")
    assert not os.path.isfile(os.devnull)


@pytest.mark.parametrize("args", [
    ["extract", "a.txt", "-o", "/proc/nope/x.jsonl"],
    ["extract", "a.txt", "-o", "/dev/full"],
    ["extract", "a.txt", "-o", "out.jsonl", "--html", "a.txt/x.html"],
    ["review", "a.txt", "--sources", ".", "-o", "a.txt/r.html"],
    ["extract", "a.txt", "-o", "."],
])
def test_bad_output_paths_are_a_coded_error(work, args):
    before = snapshot(work)
    assert_refused(run_cli(args), "E410")
    assert snapshot(work) == before


def test_disk_full_while_writing_keeps_the_previous_file(work, monkeypatch):
    from zhfacts.errors import OutputError
    from zhfacts.io import OutputFile

    out = work / "page.html"
    out.write_text("previous", encoding="utf-8")
    target = OutputFile(out, what="review page")
    stream = target.open()
    stream.write("partial")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OutputError) as exc:
        target.commit()
    assert exc.value.code == "E410" and "No space left" in exc.value.message
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in work.iterdir()) == ["a.txt", "b.txt", "page.html"]
