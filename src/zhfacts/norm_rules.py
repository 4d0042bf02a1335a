"""Loading the normalizer's data files (``rules/normalize/*.yaml``).

The directory is looked up in this order: ``$ZHFACTS_NORMALIZE_RULES``, a
``rules/normalize`` directory shipped inside the package, the repository's
``rules/normalize`` (editable install). Every file is validated on load; a bad
entry raises :class:`zhfacts.errors.RuleError` naming file, key and entry.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import regex

from .errors import RuleError


def rules_dir() -> Path:
    env = os.environ.get("ZHFACTS_NORMALIZE_RULES")
    candidates = []
    if env:
        candidates.append(Path(env))
    here = Path(__file__).resolve().parent
    candidates.append(here / "rules" / "normalize")
    candidates.append(here.parent.parent / "rules" / "normalize")
    for c in candidates:
        if c.is_dir():
            return c
    raise RuleError(f"normalizer rules not found (looked in: {', '.join(str(c) for c in candidates)})")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML file ``name`` (e.g. ``"boilerplate.yaml"``), cached."""
    import yaml

    path = rules_dir() / name
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError:
        raise RuleError(f"rule file {path} is missing") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"rule file {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"rule file {path}: the top level must be a mapping")
    return data


def str_list(name: str, key: str) -> list[str]:
    data = load(name)
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"rule file {name}: key {key!r} must be a list of non-empty strings")
    return value


def compile_pattern(name: str, key: str, entry_id: str, pattern) -> "regex.Pattern":
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(f"rule file {name}: {key} entry {entry_id!r}: 'pattern' must be a non-empty string")
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise RuleError(f"rule file {name}: {key} entry {entry_id!r}: bad regex: {exc}") from None


def pattern_rules(
    name: str, key: str, kinds: set[str], placeholders: dict[str, str] | None = None, entries=None
) -> list[tuple[str, str, "regex.Pattern", dict]]:
    """Entries ``{id, kind, pattern, ...}`` of list ``key``: ``(id, kind, compiled, entry)``.

    ``placeholders`` maps ``{name}`` markers in patterns to regex text;
    ``entries`` gives the list directly (for nested keys).
    """
    if entries is None:
        entries = load(name).get(key)
    if not isinstance(entries, list):
        raise RuleError(f"rule file {name}: key {key!r} must be a list of rules")
    out = []
    seen = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise RuleError(f"rule file {name}: {key} entry #{i} must be a mapping")
        rid = entry.get("id")
        if not isinstance(rid, str) or not rid:
            raise RuleError(f"rule file {name}: {key} entry #{i} has no 'id'")
        if rid in seen:
            raise RuleError(f"rule file {name}: {key} entry {rid!r}: duplicate id")
        seen.add(rid)
        kind = entry.get("kind")
        if kind not in kinds:
            raise RuleError(f"rule file {name}: {key} entry {rid!r}: kind {kind!r} not one of {sorted(kinds)}")
        pattern = entry.get("pattern")
        if placeholders and isinstance(pattern, str):
            for ph, value in placeholders.items():
                pattern = pattern.replace("{" + ph + "}", value)
        out.append((rid, kind, compile_pattern(name, key, rid, pattern), entry))
    return out
