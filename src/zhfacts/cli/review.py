"""``zhfacts review``: write the review page and say what is on it."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from zhfacts.cli.app import app, user_errors


@app.command()
@user_errors
def review(
    pred: Path = typer.Argument(..., help="Prediction JSONL written by `zhfacts extract`."),
    sources: Path = typer.Option(..., help="Directory with the source articles (*.txt, *.html, *.htm)."),
    out: Path = typer.Option(Path("review.html"), "-o", "--out", help="HTML file to write."),
    golden: Optional[Path] = typer.Option(None, help="Golden directory: mark misses and spurious facts."),
) -> None:
    """Write a self-contained HTML page to review (accept, reject, edit, add) extracted facts in their articles."""
    raise typer.Exit(code=run_review(pred, sources, out, golden))


def run_review(pred: Path, sources: Path, out: Path, golden: Path | None = None) -> int:
    """0 when every document could be shown, 1 otherwise."""
    from zhfacts.review.page import write_review

    report = write_review(pred, sources, out, golden)
    for err in report.errors:
        print(err, file=sys.stderr)
    st = report.totals()
    n = len(report.docs)
    msg = f"zhfacts review: {n} document{'' if n == 1 else 's'}, {st['facts']} facts ({st['warnings']} with warnings)"
    if st["bad"]:
        msg += f", {st['bad']} bad spans"
    if report.golden_mode:
        msg += f", {st['match']} matched, {st['spurious']} spurious, {st['missed']} missed"
        if report.left_out:
            msg += f" ({len(report.left_out)} golden documents without a source in {sources} left out)"
    print(f"{msg} -> {out}", file=sys.stderr)
    return 1 if report.errors else 0
