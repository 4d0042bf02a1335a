"""The command line: a thin typer app, one module per command; ``zhfacts`` runs :func:`main`.

All terminal output lives in this package: the library functions return data
and these modules format it.
"""
from __future__ import annotations

from zhfacts.cli.app import app, main

__all__ = ["app", "main"]
