"""Loading the normalizer's data files (``rules/normalize/*.yaml``).

The directory is ``normalize/`` in the rules directory (:func:`zhfacts.rules.rules_path`:
``$ZHFACTS_RULES`` or the package's ``rules/``). Every file is validated on load; a bad
entry raises :class:`zhfacts.errors.RuleError` naming file, key and entry.

Cold start: the on-disk cache (:mod:`zhfacts.cache`) keeps the data parsed
from each YAML text (looked up by the whole text, so an edited file is parsed
again), the patterns known to compile (those are compiled on first use instead
of on load: a pattern not known to compile is still compiled, and rejected, on
load) and the prefilter conditions of :mod:`zhfacts.normalize.guard`.
"""
from __future__ import annotations

import marshal
import os
import re
from functools import lru_cache

import regex

from zhfacts import cache
from zhfacts.errors import RuleError
from zhfacts.rules import rules_path, strict_loader
from zhfacts.normalize.offsets import LazyPattern

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path


def rules_dir() -> "Path":
    from pathlib import Path

    d = _rules_dir_str()
    if d is None:
        raise RuleError(f"normalizer rules not found (looked in: {rules_path('normalize')})")
    return Path(d)


@lru_cache(maxsize=1)
def _rules_dir_str() -> str | None:
    """:func:`rules_dir` without pathlib (cheaper to import), or None when none exists."""
    d = rules_path("normalize")
    return d if os.path.isdir(d) else None


# What PyYAML's pure-Python reader rejects (yaml.reader.Reader.NON_PRINTABLE), and a BOM:
# such files are read by the pure-Python loader, for its exact behaviour and messages.
_YAML_PURE_ONLY = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]|\ufeff")


def _load_pure(name: str) -> dict:
    """The original loading: pathlib path, pure-Python ``yaml.safe_load`` (its messages)."""
    import yaml

    path = rules_dir() / name
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=strict_loader(pure=True))  # (a key written twice: an error, not dropped)
    except FileNotFoundError:
        raise RuleError(f"rule file {path} is missing") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"rule file {path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"rule file {path}: the top level must be a mapping")
    return data


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed YAML file ``name`` (e.g. ``"boilerplate.yaml"``), cached.

    Parsed with libyaml (``yaml.CSafeLoader``) when PyYAML has it: the same data
    as the pure-Python loader, ten times faster. Anything unusual (a missing
    directory or file, a read error, characters the pure loader rejects, a
    YAML error, a top level that is not a mapping) goes through the
    pure-Python path, which gives the same results and messages as before.
    """
    d = _rules_dir_str()
    if d is None:
        return _load_pure(name)
    try:
        with open(os.path.join(d, name), encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeError):
        return _load_pure(name)
    if cache.path():
        cached = cache.get("yaml", text)
        if isinstance(cached, dict):
            return cached  # parsed by an earlier process (no PyYAML import needed)
    import yaml

    if getattr(yaml, "CSafeLoader", None) is None:
        return _load_pure(name)
    loader = strict_loader()
    if _YAML_PURE_ONLY.search(text):
        return _load_pure(name)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError:
        return _load_pure(name)
    if not isinstance(data, dict):
        return _load_pure(name)
    try:
        marshal.dumps(data)  # (YAML timestamps, for one, cannot be stored)
    except ValueError:
        return data
    if cache.path():
        cache.put("yaml", text, data)
        cache.flush()
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

    ``compiled`` is a :class:`~zhfacts.normalize.offsets.LazyPattern` (compiled on first use)
    when the pattern is known to compile (see the module doc).

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
        out.append((rid, kind, _rule_pattern(name, key, rid, pattern), entry))
    return out


def _rule_pattern(name: str, key: str, entry_id: str, pattern):
    """:func:`compile_pattern`, or, for a pattern an earlier process compiled (on-disk
    cache), a :class:`~zhfacts.normalize.offsets.LazyPattern` compiled on first use."""
    if isinstance(pattern, str) and pattern and cache.path():
        version = int(regex.DEFAULT_VERSION)
        if cache.get("valid", (pattern, version)):
            return LazyPattern(pattern, version)
        compiled = compile_pattern(name, key, entry_id, pattern)
        cache.put("valid", (pattern, version), True)
        return compiled
    return compile_pattern(name, key, entry_id, pattern)
