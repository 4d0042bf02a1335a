"""Loading the normalizer's data files (``rules/normalize/*.yaml``).

The directory is ``normalize/`` in the rules directory (:func:`zhfacts.rules.rules_path`:
``$ZHFACTS_RULES`` or the package's ``rules/``). Every file is validated on load; a bad
entry raises :class:`zhfacts.errors.RuleError` naming file, key and entry.

Cold start: a small on-disk cache (``$ZHFACTS_CACHE_DIR``, else
``$XDG_CACHE_HOME/zhfacts`` or ``~/.cache/zhfacts``; ``ZHFACTS_NO_CACHE=1``
turns it off) keeps what loading works out and a later process can reuse
exactly (versioned, checksummed, written atomically; a damaged file is
ignored, reported once on stderr and rebuilt): the data parsed from each YAML text (looked up by the whole text, so
an edited file is parsed again), the patterns known to compile (those are
compiled on first use instead of on load: a pattern not known to compile is
still compiled, and rejected, on load) and the prefilter conditions of
:mod:`zhfacts.normalize.guard`. It is dropped whole when Python, the regex module,
PyYAML or the code that fills it (this module, ``norm_guard.py``) changes.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
from functools import lru_cache

import regex

from zhfacts.errors import RuleError
from zhfacts.rules import rules_path
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
            data = yaml.safe_load(fh)
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
    if _cache_file():
        cached = cache_get("yaml", text)
        if isinstance(cached, dict):
            return cached  # parsed by an earlier process (no PyYAML import needed)
    import yaml

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return _load_pure(name)
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
    if _cache_file():
        cache_put("yaml", text, data)
        cache_flush()
    return data


# --- on-disk cache ----------------------------------------------------------------

_CACHE_VERSION = 2
_CACHE_LIMITS = {"yaml": 64, "valid": 8192, "guard": 8192, "opencc": 4}
_cache: dict | None = None
_cache_dirty = False


def _stamp(path: str):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_mtime_ns, st.st_size)


def _yaml_stamp():
    """The files of the PyYAML package ``import yaml`` finds (without importing it)."""
    for entry in sys.path:
        d = os.path.join(entry or ".", "yaml")
        if os.path.isfile(os.path.join(d, "__init__.py")):
            try:
                names = sorted(os.listdir(d))
            except OSError:
                return None
            return tuple(_stamp(os.path.join(d, f)) for f in names if f.endswith((".py", ".so", ".pyd")))
    return None


def _cache_file() -> str | None:
    if os.environ.get("ZHFACTS_NO_CACHE"):
        return None
    base = os.environ.get("ZHFACTS_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME")
        if not xdg:
            home = os.path.expanduser("~")
            if not os.path.isabs(home):  # no home directory: no cache
                return None
            xdg = os.path.join(home, ".cache")
        base = os.path.join(xdg, "zhfacts")
    return os.path.join(base, "normalize-rules-v2.cache")  # (not the old marshal file)


def _cache_env() -> tuple:
    here = os.path.dirname(os.path.abspath(__file__))
    return (
        _CACHE_VERSION,
        sys.version,
        regex.__version__,
        _stamp(os.path.join(here, "tables.py")),
        _stamp(os.path.join(here, "guard.py")),
        _yaml_stamp(),
    )


_CACHE_MAGIC = b"zhfacts-cache\n"
_reported = False


def _cache_damaged(path: str, why: str) -> None:
    """Report a damaged cache once per process; it is ignored and rewritten on the next flush."""
    global _reported, _cache_dirty
    _cache_dirty = True
    if not _reported:
        _reported = True
        print(f"zhfacts: note: ignoring the damaged cache {path} ({why}); it is rebuilt",
              file=sys.stderr, flush=True)


def _read_cache(path: str):
    """The cache stored at ``path``, or None (missing, stale, damaged: never an exception).

    The file is ``_CACHE_MAGIC``, the format version (4 bytes), the SHA-256 of the
    payload and the payload (marshal). ``marshal.loads`` runs only on a payload
    whose checksum matches, so a truncated or bit-flipped file cannot reach it.
    """
    try:
        with open(path, "rb") as fh:
            blob = fh.read(64 * 1024 * 1024 + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _cache_damaged(path, f"cannot read it: {exc.strerror or exc}")
        return None
    head = len(_CACHE_MAGIC) + 4 + 32
    if len(blob) < head or not blob.startswith(_CACHE_MAGIC):
        _cache_damaged(path, "not a zhfacts cache file")
        return None
    version = int.from_bytes(blob[len(_CACHE_MAGIC):len(_CACHE_MAGIC) + 4], "big")
    if version != _CACHE_VERSION:
        return None  # another zhfacts version's cache: silently replaced
    import hashlib

    digest, payload = blob[head - 32:head], blob[head:]
    if hashlib.sha256(payload).digest() != digest:
        _cache_damaged(path, "checksum mismatch")
        return None
    try:
        data = marshal.loads(payload)
    except Exception as exc:  # noqa: BLE001 - a cache is never a reason to fail
        _cache_damaged(path, f"{type(exc).__name__}")
        return None
    if not (isinstance(data, dict) and all(isinstance(data.get(k), dict) for k in _CACHE_LIMITS)):
        _cache_damaged(path, "unexpected content")
        return None
    return data


def encode_cache(data: dict) -> bytes:
    """The bytes of a cache file holding ``data`` (see :func:`_read_cache`)."""
    import hashlib

    payload = marshal.dumps(data)
    return _CACHE_MAGIC + _CACHE_VERSION.to_bytes(4, "big") + hashlib.sha256(payload).digest() + payload


def decode_cache(path: str):
    """The data of the cache file ``path``, or None when it is missing, stale or damaged."""
    return _read_cache(path)


def _cache_sections() -> dict:
    global _cache
    if _cache is None:
        _cache = {"env": _cache_env(), **{k: {} for k in _CACHE_LIMITS}}
        path = _cache_file()
        data = _read_cache(path) if path else None
        if data is not None and data.get("env") == _cache["env"]:
            _cache = data
    return _cache


def cache_get(section: str, key):
    """The value stored under ``key`` in ``section`` of the on-disk cache, or None."""
    return _cache_sections()[section].get(key)


def cache_put(section: str, key, value) -> None:
    """Store ``value`` (marshal-able) under ``key``; written out by :func:`cache_flush`."""
    global _cache_dirty
    sec = _cache_sections()[section]
    if len(sec) >= _CACHE_LIMITS[section]:
        sec.clear()
    sec[key] = value
    _cache_dirty = True


def cache_flush() -> None:
    """Write the cache if something was added (atomically; any failure is ignored)."""
    global _cache_dirty
    if not _cache_dirty or _cache is None:
        return
    _cache_dirty = False
    path = _cache_file()
    if not path:
        return
    tmp = None
    try:
        import tempfile

        blob = encode_cache(_cache)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".normalize-rules.", suffix=".tmp", dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


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
    if isinstance(pattern, str) and pattern and _cache_file():
        version = int(regex.DEFAULT_VERSION)
        if cache_get("valid", (pattern, version)):
            return LazyPattern(pattern, version)
        compiled = compile_pattern(name, key, entry_id, pattern)
        cache_put("valid", (pattern, version), True)
        return compiled
    return compile_pattern(name, key, entry_id, pattern)
