"""The entity alias table (data in ``rules/aliases.yaml``).

Contract section 2 asks for canonical entities (我国/全国/国内 -> 中国, full
names rather than abbreviations) and section 3 rule 4 compares entities "after
the alias table". The table itself is data: this module only loads and checks
it and maps a name to its canonical form.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping

from zhfacts.errors import RuleError
from zhfacts.rules import read_yaml, rules_path



def parse_aliases(data, *, source: str = "aliases.yaml") -> dict[str, str]:
    """Turn the YAML structure ``{entities: {canonical: [alias, ...]}}`` into alias -> canonical.

    Every canonical name maps to itself. Raises :class:`RuleError` naming the
    file and key for a malformed table or an alias listed under two names.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("entities"), Mapping):
        raise RuleError("expected a mapping with key 'entities' (canonical name -> list of aliases)", path=source)
    table: dict[str, str] = {}
    for canonical, aliases in data["entities"].items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise RuleError(f"entities: canonical name {canonical!r} is not a non-empty string", path=source)
        canonical = canonical.strip()
        if aliases is None:
            aliases = []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise RuleError(f"entities.{canonical}: expected a list of non-empty strings", path=source)
        for name in [canonical, *aliases]:
            name = name.strip()
            previous = table.get(name)
            if previous is not None and previous != canonical:
                raise RuleError(
                    f"entities.{canonical}: alias {name!r} is already listed under {previous!r}", path=source
                )
            table[name] = canonical
    return table


@lru_cache(maxsize=8)
def _load(path: str) -> dict[str, str]:
    return parse_aliases(read_yaml(path), source=path)


def load_aliases(path: str | Path | None = None) -> dict[str, str]:
    """The alias -> canonical table from ``path`` (default ``aliases.yaml`` in the rules directory); cached."""
    return dict(_load(str(path or rules_path("aliases.yaml"))))


def canonical_entity(name: str | None, table: Mapping[str, str] | None = None) -> str:
    """``name`` stripped and mapped through the alias table (unchanged when not listed)."""
    if table is None:
        table = _load(rules_path("aliases.yaml"))
    name = (name or "").strip()
    return table.get(name, name)
