"""Thin typer CLI: parse arguments, call one function, format the result.

Each command's body belongs to the module it calls; errors are
:class:`zhfacts.errors.ZhfactsError` and exit non-zero with a clear message.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from zhfacts.contract import PUBLISHED_FORMAT

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Numeric facts from Chinese news articles.")
golden_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Golden-set tools.")
app.add_typer(golden_app, name="golden")


def _fail(exc: BaseException) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(code=2)


@app.command()
def normalize(
    file: Path = typer.Argument(..., help="Article file (any common encoding)."),
    json_out: bool = typer.Option(False, "--json", help="Print text, publication date, removed regions and offset map as JSON."),
    published: Optional[str] = typer.Option(None, help=f"Publication date {PUBLISHED_FORMAT} (overrides detection)."),
) -> None:
    """Print the normalized (clean, Simplified) text of FILE."""
    from zhfacts.errors import ZhfactsError
    from zhfacts.normalize.normalizer import cli_normalize

    try:
        typer.echo(cli_normalize(file, json_out=json_out, published=published), nl=False)
    except ZhfactsError as exc:
        _fail(exc)


@app.command()
def extract(
    paths: Optional[List[str]] = typer.Argument(None, help="Files, directories (every *.txt inside) or - for standard input; none with --manifest."),
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="Output file (default: standard output)."),
    published: Optional[str] = typer.Option(None, help=f"Publication date {PUBLISHED_FORMAT} for every document."),
    manifest: Optional[Path] = typer.Option(None, help="TSV with header path<TAB>published."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
    workers: int = typer.Option(1, help="Worker processes for batches."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    html: Optional[Path] = typer.Option(None, help="Also write a self-contained HTML review page."),
    engine: Optional[str] = typer.Option(None, help="fast (default) or spacy: the same facts either way."),
    timeout: float = typer.Option(60.0, help="Seconds one document may take (0: no limit); a document over it fails with E106 and the batch goes on."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Size budget per document in bytes (default: 20 MB); a larger one fails with E104."),
) -> None:
    """Extract facts from articles and write one JSON record per fact."""
    from zhfacts.extract.batch import cli_extract
    from zhfacts.errors import ZhfactsError

    if engine:
        import os

        os.environ["ZHFACTS_ENGINE"] = engine  # read by every process of the batch, workers included
    try:
        code = cli_extract(paths or [], out=out, published=published, manifest=manifest, fmt=fmt,
                           workers=workers, quiet=quiet, html=html, timeout=timeout, max_bytes=max_bytes)
    except ZhfactsError as exc:
        _fail(exc)
    raise typer.Exit(code=code)


@app.command("eval")
def eval_(
    golden: Path = typer.Option(Path("golden"), help="Golden directory."),
    pred: Optional[Path] = typer.Option(None, help="Prediction JSONL (default: run the extractor)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit non-zero when strict F1 is below this."),
) -> None:
    """Score the extractor (or a prediction file) against the golden set."""
    from zhfacts.errors import ZhfactsError
    from zhfacts.evaluate.scoring import cli_eval

    try:
        code = cli_eval(golden=golden, pred=pred, json_out=json_out, min_f1=min_f1)
    except ZhfactsError as exc:
        _fail(exc)
    raise typer.Exit(code=code)


@golden_app.command("check")
def golden_check(directory: Path = typer.Argument(Path("golden"), help="Golden directory.")) -> None:
    """Check every golden record against the contract."""
    from zhfacts.errors import ZhfactsError
    from zhfacts.evaluate.golden import cli_check

    try:
        code = cli_check(directory)
    except ZhfactsError as exc:
        _fail(exc)
    raise typer.Exit(code=code)


@app.command()
def review(
    pred: Path = typer.Argument(..., help="Prediction JSONL written by `zhfacts extract`."),
    sources: Path = typer.Option(..., help="Directory with the source articles."),
    out: Path = typer.Option(Path("review.html"), "-o", "--out", help="HTML file to write."),
    golden: Optional[Path] = typer.Option(None, help="Golden directory: mark misses and spurious facts."),
) -> None:
    """Write a self-contained HTML page to review extracted facts in their articles."""
    from zhfacts.errors import ZhfactsError
    from zhfacts.review.page import cli_review

    try:
        code = cli_review(pred, sources=sources, out=out, golden=golden)
    except ZhfactsError as exc:
        _fail(exc)
    raise typer.Exit(code=code)


def main() -> None:  # console script
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
