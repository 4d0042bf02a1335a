"""The command line: a thin typer app (:mod:`.app`); ``zhfacts`` runs :func:`main`."""
from __future__ import annotations

from zhfacts.cli.app import app, main

__all__ = ["app", "main"]
