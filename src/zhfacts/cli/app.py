"""The typer application: global options, error handling, and the command modules.

Every command lives in its own module of :mod:`zhfacts.cli` and only parses
arguments, calls the library and formats what it returns: all terminal output
of zhfacts is here. A :class:`~zhfacts.errors.ZhfactsError` (a user error: bad
option, missing file, broken rule file...) is shown as ``error[CODE] ...`` on
stderr with exit code 2, never as a traceback.
"""
from __future__ import annotations

import functools
import sys
from typing import Callable, Optional

import typer

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings=CONTEXT,
                  help="Numeric facts from Chinese news articles.", rich_markup_mode=None)
golden_app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings=CONTEXT,
                         help="Golden-set tools: check, add corrections, import a Label Studio export.",
                         rich_markup_mode=None)
app.add_typer(golden_app, name="golden")

#: Exit code of a user error (bad option, unreadable input, broken rule file).
USAGE_EXIT = 2


def fail(exc: BaseException) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(code=USAGE_EXIT)


def user_errors(fn: Callable) -> Callable:
    """Run a command body; a :class:`ZhfactsError` becomes its message and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from zhfacts.errors import ZhfactsError

        try:
            return fn(*args, **kwargs)
        except ZhfactsError as exc:
            fail(exc)

    return wrapper


def _version(value: bool) -> None:
    if value:
        from zhfacts import __version__

        typer.echo(f"zhfacts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                 help="Print the version and exit.")) -> None:
    """Numeric facts from Chinese news articles."""


def main() -> None:  # console script and ``python -m zhfacts``
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)


from zhfacts.cli import eval as _eval, export as _export, extract as _extract, golden as _golden  # noqa: E402,F401
from zhfacts.cli import normalize as _normalize, review as _review  # noqa: E402,F401
