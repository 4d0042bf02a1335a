"""``zhfacts export --format label-studio``: facts as Label Studio tasks with pre-annotations."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from zhfacts.cli.app import app, user_errors
from zhfacts.errors import UsageError


@app.command()
@user_errors
def export(
    pred: Optional[Path] = typer.Argument(None, help="Prediction JSONL written by `zhfacts extract` (or give --golden)."),
    fmt: str = typer.Option(..., "--format", metavar="[label-studio]", help="Export format: label-studio."),
    sources: Optional[Path] = typer.Option(None, help="Directory with the source articles of PRED."),
    golden: Optional[Path] = typer.Option(None, help="Export this golden set instead of a prediction file."),
    out: Path = typer.Option(Path("tasks.json"), "-o", "--out",
                             help="Tasks JSON to write; the labelling config goes next to it (*.label_config.xml)."),
) -> None:
    """Write Label Studio tasks: each article with its facts as pre-annotations (spans labelled
    with their kind, the other fields per region); read them back with `zhfacts golden import`."""
    from zhfacts.io import OutputFile
    from zhfacts.review.labelstudio import config, tasks

    if fmt.lower() != "label-studio":
        raise UsageError(f"--format must be label-studio, got {fmt!r}")
    conf = out.with_name(out.stem + ".label_config.xml")
    tasks_file = OutputFile(out, protect=[pred], what="tasks")  # checked before anything is read
    config_file = OutputFile(conf, protect=[out, pred], what="labelling config")
    docs = _golden_docs(golden) if golden is not None else _prediction_docs(pred, sources)
    result = tasks(docs)
    tasks_file.write_all(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    config_file.write_all(config())
    n = sum(len(d[3]) for d in docs)
    typer.echo(f"zhfacts export: {len(docs)} document{'' if len(docs) == 1 else 's'}, {n} facts -> {out} "
               f"(labelling config: {conf})", err=True)


def _golden_docs(golden: Path):
    from zhfacts.evaluate.golden import load_checked

    gs = load_checked(golden)
    return [(d, g.original, g.published, g.records) for d, g in gs.annotated.items()]


def _prediction_docs(pred: Path | None, sources: Path | None):
    from zhfacts.evaluate.corrections import detect_published
    from zhfacts.io import read_document
    from zhfacts.review.page import find_source, load_predictions

    if pred is None:
        raise UsageError("give a prediction file (PRED.jsonl with --sources DIR) or --golden DIR")
    if sources is None or not Path(sources).is_dir():
        raise UsageError("--sources DIR (the directory with the articles) is required with a prediction file")
    docs = []
    for doc, recs in load_predictions(pred).items():
        src = find_source(sources, doc)
        if src is None:
            raise UsageError(f"no source article {doc}.* for document {doc}", path=str(sources))
        original, _ = read_document(src)
        docs.append((doc, original, detect_published(original), recs))
    return docs
