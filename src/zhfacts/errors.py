"""All zhfacts errors, each with a stable code.

The CLI shows them as ``error[CODE] path: message`` and exits non-zero; a batch
records the error for the failing document and goes on with the others.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# line breaks and other control characters in a file name would let it forge lines
# of the error report (a name with "\nerror[E101] x: ..." in it)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path) -> str:
    """``path`` for a one-line message: control characters escaped (\\n, \\x1b, \\u2028)."""
    text = str(path)
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class ZhfactsError(Exception):
    """Base class. ``code`` is stable and documented in README.md."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:  # pragma: no cover - trivial
        where = f"{shown_path(self.path)}: " if self.path else ""
        return f"error[{self.code}] {where}{self.message}"


class InputError(ZhfactsError):
    """A document cannot be read as text (missing, empty, binary, undecodable, too large)."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"


class MissingInput(InputError):
    code = "E105"


class OverBudget(InputError):
    """A document took longer than the per-document time budget (``--timeout``)."""

    code = "E106"


class RuleError(ZhfactsError):
    """A rule file is invalid; the message names file, key and entry."""

    code = "E200"


class GoldenError(ZhfactsError):
    """A golden file breaks the contract; the message names file, line and key."""

    code = "E300"


class UsageError(ZhfactsError):
    """Bad command-line arguments or option values (dates, manifests)."""

    code = "E400"


class OutputError(ZhfactsError):
    """An output file cannot be written (bad directory, not a regular file, disk full)."""

    code = "E410"


class OutputClash(OutputError):
    """An output path is the same file as an input, the manifest, the predictions, a source or another output."""

    code = "E411"


class ReadError(ZhfactsError):
    """A prediction (JSONL) file cannot be read or breaks the contract; names file and line."""

    code = "E310"


@dataclass
class DocError:
    """One failed document in a batch: kept, reported, never dropped."""

    path: str
    code: str
    message: str

    @classmethod
    def from_exc(cls, path: str, exc: BaseException) -> "DocError":
        if isinstance(exc, ZhfactsError):
            return cls(path, exc.code, exc.message)
        return cls(path, "E999", f"{type(exc).__name__}: {exc}")

    def __str__(self) -> str:
        return f"error[{self.code}] {shown_path(self.path)}: {self.message}"
