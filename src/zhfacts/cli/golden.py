"""``zhfacts golden check|add|import``: the golden set's tools."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhfacts.cli.app import golden_app, user_errors
from zhfacts.contract import PUBLISHED_FORMAT


def _console():
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = max(console.width, 140)
    return console


@golden_app.command("check")
@user_errors
def golden_check(directory: Path = typer.Argument(Path("golden"), help="Golden directory.")) -> None:
    """Check every golden record against the contract."""
    raise typer.Exit(code=run_check(directory))


def run_check(directory: Path) -> int:
    """Print every problem, a table of the documents and a summary; 1 when any error."""
    from rich.table import Table

    from zhfacts.evaluate.golden import load_golden

    console = _console()
    gs = load_golden(directory)
    for p in gs.problems:
        console.print(str(p), markup=False, style="red" if p.level == "error" else "yellow")

    table = Table(title=f"golden set {directory}", title_justify="left")
    for col, just in (("doc", "left"), ("published", "left"), ("facts", "right"), ("optional", "right"), ("file", "left")):
        table.add_column(col, justify=just)
    n_docs = n_facts = n_opt = 0
    for doc, g in gs.docs.items():
        if g.annotated:
            n_docs += 1
            n_facts += len(g.records)
            n_opt += g.n_optional
        table.add_row(doc, g.published or "-", str(len(g.records)) if g.annotated else "-",
                      str(g.n_optional) if g.annotated else "-", g.file.name if g.file else "(not annotated yet)")
    if gs.docs:
        console.print(table)
    errors, warnings = gs.errors, gs.warnings
    summary = (f"{n_docs} document{'' if n_docs == 1 else 's'}, {n_facts} facts ({n_opt} optional); "
               f"{len(errors)} error(s), {len(warnings)} warning(s)")
    console.print(summary, markup=False, style="red" if errors else "green")
    return 1 if errors else 0


@golden_app.command("add")
@user_errors
def golden_add(
    corrections: Path = typer.Argument(..., help="Corrections JSONL exported from the review page (contract records)."),
    golden: Path = typer.Option(Path("golden"), help="Golden directory to merge them into (created if missing)."),
    sources: Optional[Path] = typer.Option(None, help="Directory with the source articles of documents new to the golden set."),
    published: Optional[str] = typer.Option(None, help=f"Publication date {PUBLISHED_FORMAT} of new documents "
                                                       "(default: the date the normalizer detects)."),
) -> None:
    """Merge reviewed facts into a golden set: checked against the contract, spans
    against the source; new documents get their article and publication date copied in."""
    from zhfacts.evaluate.corrections import add_corrections

    result = add_corrections(corrections, golden, sources=sources, published=published)
    for line in result.lines():
        typer.echo(line)
    typer.echo(f"zhfacts golden add: {result.summary()} -> {golden}")


@golden_app.command("import")
@user_errors
def golden_import(
    export: Path = typer.Argument(..., help="Label Studio JSON export (tasks written by `zhfacts export --format label-studio`)."),
    golden: Path = typer.Option(Path("golden"), help="Golden directory to write (created if missing)."),
) -> None:
    """Read a Label Studio export back into contract golden JSONL."""
    from zhfacts.review.labelstudio import import_export

    result = import_export(export, golden)
    for line in result.lines():
        typer.echo(line)
    typer.echo(f"zhfacts golden import: {result.summary()} -> {golden}")
