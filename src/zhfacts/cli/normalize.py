"""``zhfacts normalize FILE|-``: the clean Simplified text (or its JSON view)."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from zhfacts.cli.app import app, user_errors
from zhfacts.contract import PUBLISHED_FORMAT


@app.command()
@user_errors
def normalize(
    file: str = typer.Argument(..., help="Article file (any common encoding, *.txt or *.html), or - for standard input."),
    json_out: bool = typer.Option(False, "--json", help="Print text, publication date, removed regions and offset map as JSON."),
    published: Optional[str] = typer.Option(None, help=f"Publication date {PUBLISHED_FORMAT} (overrides detection)."),
) -> None:
    """Print the normalized (clean, Simplified) text of FILE."""
    from zhfacts.normalize.normalizer import normalize as normalize_text, normalize_file
    from zhfacts.contract import parse_published

    pub = parse_published(published, where="--published")
    if file == "-":
        from zhfacts.io import decode_bytes

        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        original, encoding = decode_bytes(data, path="-")
        doc = normalize_text(original, published=pub)
        doc.encoding = encoding
    else:
        doc = normalize_file(file, published=pub)
    if json_out:
        typer.echo(json.dumps(doc.to_json(), ensure_ascii=False))
    else:
        typer.echo(doc.text)
