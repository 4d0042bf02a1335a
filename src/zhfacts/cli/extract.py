"""``zhfacts extract``: the batch of :mod:`zhfacts.extract.batch` with a progress bar,
errors on stderr as they happen, a summary line and an exit code."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from zhfacts.cli.app import app, user_errors
from zhfacts.contract import PUBLISHED_FORMAT
from zhfacts.errors import DocError, OutputError, UsageError
from zhfacts.extract.batch import DEFAULT_TIMEOUT


@app.command()
@user_errors
def extract(
    paths: Optional[List[str]] = typer.Argument(
        None, help="Files, directories (every *.txt, *.html and *.htm directly inside) or - for standard input; "
                   "none with --manifest."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="Output file (default: standard output)."),
    published: Optional[str] = typer.Option(None, help=f"Publication date {PUBLISHED_FORMAT} for every document."),
    manifest: Optional[Path] = typer.Option(None, help="TSV with header path<TAB>published (golden/docs.tsv works)."),
    fmt: str = typer.Option("jsonl", "--format", metavar="[jsonl|csv]", help="Output format: jsonl or csv."),
    workers: int = typer.Option(1, help="Worker processes for batches (at least 1)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, notes or summary (errors still shown)."),
    html: Optional[Path] = typer.Option(None, help="Also write a self-contained HTML review page (e.g. review.html)."),
    engine: Optional[str] = typer.Option(None, metavar="[fast|spacy]",
                                         help="Extraction engine: fast (default) or spacy; the same facts either way."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, help="Seconds one document may take (0: no limit); a document "
                                                         "over it fails with E106 and the batch goes on."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Size budget per document in bytes "
                                                                      "(default: 20 MB); a larger one fails with E104."),
    explain: bool = typer.Option(False, "--explain",
                                 help="Add to each record the key 'explain': its holder's candidates, features and scores."),
) -> None:
    """Extract facts from articles and write one JSON record (or CSV row) per fact."""
    before = os.environ.get("ZHFACTS_EXPLAIN")
    if explain:
        os.environ["ZHFACTS_EXPLAIN"] = "1"  # read by every process of the batch, workers included
    try:
        code = run_extract(paths or [], out=out, published=published, manifest=manifest, fmt=fmt,
                           workers=workers, quiet=quiet, html=html, engine=engine, timeout=timeout,
                           max_bytes=max_bytes)
    finally:
        if explain and before is None:
            os.environ.pop("ZHFACTS_EXPLAIN", None)
    raise typer.Exit(code=code)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _count(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(result) -> str:
    """``5 documents, 101 facts (12 with warnings), 0 errors in 0.80 s``: facts with
    warnings are counted as the review page counts them."""
    line = (f"{_count(result.documents, 'document')}, {_count(result.facts, 'fact')} "
            f"({result.with_warnings} with warnings), {_count(len(result.errors), 'error')} "
            f"in {result.seconds:.2f} s")
    if result.year_inferred or result.undated:  # document-level warnings, said once per document
        line += "; publication date: " + ", ".join(
            part for part in (f"year inferred in {_count(result.year_inferred, 'document')}" if result.year_inferred else "",
                              f"unknown in {_count(result.undated, 'document')}" if result.undated else "") if part)
    if result.interrupted:
        line += " (interrupted)"
    return line


class _Reporter:
    """stderr output: errors as they happen, a rich progress bar when useful, notes."""

    def __init__(self, total: int, *, quiet: bool, records_to_terminal: bool = False):
        self.quiet = quiet
        self.progress = None
        self.task = None
        self.console = None
        # no bar when the records themselves are printed on the terminal: it would tear them
        interactive = (_isatty(sys.stderr) and not records_to_terminal and os.environ.get("TERM") != "dumb")
        if not quiet and interactive and total > 1:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self.console = Console(stderr=True)
            self.progress = Progress(
                TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
                TextColumn("docs"), TextColumn("{task.fields[facts]} facts"),
                TextColumn("[red]{task.fields[errors]} errors"), TimeElapsedColumn(), TimeRemainingColumn(),
                console=self.console, transient=True,
            )
            self.task = self.progress.add_task("extract", total=total, facts=0, errors=0)

    def __enter__(self) -> "_Reporter":
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

    def _print(self, text: str, style: str | None = None) -> None:
        if self.console is not None:
            self.console.print(text, markup=False, highlight=False, style=style, soft_wrap=True)
        else:
            print(text, file=sys.stderr, flush=True)

    def error(self, err: DocError) -> None:
        self._print(str(err), "red")

    def note(self, text: str) -> None:
        if not self.quiet:
            self._print(text)

    def update(self, result) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=result.documents, facts=result.facts,
                                 errors=len(result.errors))


def run_extract(paths: list[str], out: Path | None = None, published: str | None = None,
                manifest: Path | None = None, fmt: str = "jsonl", workers: int = 1,
                quiet: bool = False, html: Path | None = None, engine: str | None = None,
                timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = None) -> int:
    """The command's body: the exit code (0 ok, 1 some document failed, 130 interrupted).

    Every option is checked (and the rules loaded) before any document is read:
    a usage error raises :class:`UsageError` once, a broken rule file :class:`RuleError` once.
    """
    from zhfacts.extract.batch import BatchResult, RecordWriter, _Pool, expand, iter_results

    fmt = (fmt or "jsonl").lower()
    if fmt not in ("jsonl", "csv"):
        raise UsageError(f"--format must be jsonl or csv, got {fmt!r}")
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    from zhfacts.extract.pipeline import ENGINES, prepare

    if engine is not None:
        if engine not in ENGINES:
            raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
        os.environ["ZHFACTS_ENGINE"] = engine  # read by every process of the batch, workers included
    if timeout is not None and timeout < 0:
        raise UsageError(f"--timeout must be 0 (no limit) or more seconds, got {timeout:g}")
    if max_bytes is not None and max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, got {max_bytes}")
    expanded = expand(paths or [], published=published, manifest=manifest)
    items = expanded.inputs
    for it in items:  # the budgets travel with each document (to the workers too)
        it.timeout, it.max_bytes = (timeout or None), max_bytes
    if not items:
        where = ", ".join(expanded.empty_dirs) or "the arguments"
        raise UsageError(f"no documents (*.txt, *.html, *.htm) in {where}")
    prepare()  # bad engine, broken rule file: one error now, not one per document
    from zhfacts.io import OutputFile

    # outputs checked before any document is read: never onto an input, the manifest or each other
    sources = [it.path for it in items if it.data is None] + ([manifest] if manifest is not None else [])
    page = OutputFile(html, protect=sources + [out], what="review page") if html is not None else None
    output = OutputFile(out, protect=sources + [html], what="output", newline="" if fmt == "csv" else "\n")

    if html is not None:
        for it in items:
            it.review = True  # the page reuses each document's normalization
    pool = _Pool(min(workers, len(items)), warm=True) if workers > 1 and len(items) > 1 else None
    result = BatchResult()
    kept = []
    stream = output.open()
    try:
        writer = RecordWriter(stream, fmt)
        if pool is not None:
            pool.start()  # before the progress bar's thread exists: a clean fork
        t0 = time.perf_counter()
        to_stdout = out is None or str(out) == "-"
        with _Reporter(len(items), quiet=quiet, records_to_terminal=to_stdout and _isatty(sys.stdout)) as rep:
            for d in expanded.empty_dirs:
                rep.note(f"note: no documents (*.txt, *.html, *.htm) in {d}")
            if expanded.skipped:
                shown = ", ".join(expanded.skipped[:5]) + (" ..." if len(expanded.skipped) > 5 else "")
                rep.note(f"note: skipped {len(expanded.skipped)} entries that are not "
                         f"*.txt/*.html/*.htm: {shown}")
            for note in expanded.notes:
                print(f"warning: {note}", file=sys.stderr, flush=True)
            try:
                for res in iter_results(items, workers=workers, pool=pool):
                    writer.write_doc(res.records)
                    result.add(res)
                    if html is not None:
                        kept.append(res)
                    if res.error is not None:
                        rep.error(res.error)
                    rep.update(result)
            except KeyboardInterrupt:
                result.interrupted = True
            finally:
                result.seconds = time.perf_counter() - t0
    except BaseException as exc:
        output.discard()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write output: {exc.strerror or exc}", path=str(out)) from None
        raise
    finally:
        if pool is not None:
            pool.close(cancel=result.interrupted)
    if result.interrupted:
        partial = output.discard(keep_partial=True)
        if partial:
            print(f"zhfacts extract: interrupted; {out} left as it was, the partial output is in {partial}",
                  file=sys.stderr, flush=True)
    elif output.path is not None and result.documents and len(result.errors) == result.documents:
        output.discard()  # a mistyped path must not replace a previous complete output with nothing
        print(f"zhfacts extract: every document failed; {out} left as it was", file=sys.stderr, flush=True)
    else:
        output.commit()

    code = result.exit_code
    if page is not None and not result.interrupted:
        from zhfacts.review.page import write_review_for_results

        try:
            write_review_for_results(kept, page)
        except Exception as exc:  # noqa: BLE001 - the records are written; report and fail
            print(str(DocError.from_exc(str(html), exc)), file=sys.stderr)
            code = code or 1
    if not quiet:
        msg = f"zhfacts extract: {summary(result)}"
        if out is not None and str(out) != "-":
            msg += f" -> {out}"
        if html is not None and not result.interrupted:
            msg += f" (review: {html})"
        print(msg, file=sys.stderr, flush=True)
    return code
