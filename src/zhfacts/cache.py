"""The on-disk cache: what loading works out that a later process can reuse exactly.

One file (``$ZHFACTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/zhfacts`` or
``~/.cache/zhfacts``; ``ZHFACTS_NO_CACHE=1`` turns it off) in sections:

- ``yaml``, ``valid``, ``guard``, ``opencc``: the normalizer's (:mod:`zhfacts.normalize.tables`):
  parsed rule files, patterns known to compile, prefilter conditions, OpenCC readings;
- ``rules``: the extraction rules parsed and validated (:func:`zhfacts.rules.load_rules`),
  looked up by a digest of every rule file's bytes, so an edited file is validated again;
- ``cn2an``: cn2an's readings of structured Chinese integers (:mod:`zhfacts.extract.numerals`),
  looked up by the files of the installed cn2an and proces;
- ``regex``: compiled regex patterns (:func:`compiled`), as the regex module pickles them;
- ``firstchars``: the first-character classes of the date patterns (:mod:`zhfacts.extract.firstchars`).

The file is versioned and checksummed (a damaged one is ignored, reported once on
stderr and rebuilt) and replaced atomically (two processes writing it at once leave
one whole file or the other). It is dropped whole when Python, zhfacts, the regex
module, PyYAML or the code that fills or validates it changes. A directory that
cannot be written is no error: the run goes on without saving.
"""
from __future__ import annotations

import copyreg
import functools
import marshal
import os
import sys
import threading

VERSION = 3
FILE_NAME = f"zhfacts-v{VERSION}.cache"
_LIMITS = {"yaml": 64, "valid": 8192, "guard": 8192, "opencc": 4, "rules": 4, "cn2an": 20_000, "regex": 4096,
           "firstchars": 4096}
MAGIC = b"zhfacts-cache\n"
BATCH_FLUSH_SECONDS = 30.0  # a long run writes what its documents added at most this often (and at exit)
# the code whose results the sections hold: a change to any of them drops the file
_CODE = ("cache.py", "contract.py", "rules.py", os.path.join("normalize", "tables.py"),
         os.path.join("normalize", "guard.py"), os.path.join("extract", "dates.py"),
         os.path.join("extract", "attribution.py"), os.path.join("extract", "firstchars.py"))

_cache: dict | None = None
_dirty = False
_at_exit = False  # (flush registered to run when the process exits)
_reported = False
_written_at = float("-inf")  # (time.monotonic() of the last write, for flush(every=...))
_lock = threading.Lock()


def stamp(path: str):
    """``(path, mtime, size)`` of a file, or None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (path, st.st_mtime_ns, st.st_size)


def package_stamp(name: str, subdirs=("",), suffixes=(".py", ".so", ".pyd")):
    """The files of the package ``import name`` would find (without importing it), or None."""
    for entry in sys.path:
        d = os.path.join(entry or ".", name)
        if os.path.isfile(os.path.join(d, "__init__.py")):
            out = []
            for sub in subdirs:
                try:
                    names = sorted(os.listdir(os.path.join(d, sub)))
                except OSError:
                    if sub:
                        continue
                    return None
                out.extend(stamp(os.path.join(d, sub, f)) for f in names if f.endswith(suffixes))
            return tuple(out)
    return None


def path() -> str | None:
    """The cache file, or None when the cache is off (``ZHFACTS_NO_CACHE``, no home directory)."""
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
    return os.path.join(base, FILE_NAME)


def _env() -> tuple:
    import regex

    from zhfacts import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    return (VERSION, sys.version, __version__, regex.__version__,
            tuple(stamp(os.path.join(here, f)) for f in _CODE), package_stamp("yaml"))


def _damaged(file: str, why: str) -> None:
    """Report a damaged cache once per process; it is ignored and rewritten on the next flush."""
    global _reported, _dirty
    _dirty = True
    if not _reported:
        _reported = True
        print(f"zhfacts: note: ignoring the damaged cache {file} ({why}); it is rebuilt",
              file=sys.stderr, flush=True)


def decode(file: str):
    """The data of the cache file ``file``, or None (missing, stale, damaged: never an exception).

    The file is :data:`MAGIC`, the format version (4 bytes), the SHA-256 of the
    payload and the payload (marshal). ``marshal.loads`` runs only on a payload
    whose checksum matches, so a truncated or bit-flipped file cannot reach it.
    """
    try:
        with open(file, "rb") as fh:
            blob = fh.read(64 * 1024 * 1024 + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _damaged(file, f"cannot read it: {exc.strerror or exc}")
        return None
    head = len(MAGIC) + 4 + 32
    if len(blob) < head or not blob.startswith(MAGIC):
        _damaged(file, "not a zhfacts cache file")
        return None
    if int.from_bytes(blob[len(MAGIC):len(MAGIC) + 4], "big") != VERSION:
        return None  # another zhfacts version's cache: silently replaced
    import hashlib

    digest, payload = blob[head - 32:head], blob[head:]
    if hashlib.sha256(payload).digest() != digest:
        _damaged(file, "checksum mismatch")
        return None
    try:
        data = marshal.loads(payload)
    except Exception as exc:  # noqa: BLE001 - a cache is never a reason to fail
        _damaged(file, f"{type(exc).__name__}")
        return None
    if not (isinstance(data, dict) and all(isinstance(data.get(k, {}), dict) for k in _LIMITS)):
        _damaged(file, "unexpected content")
        return None
    for k in _LIMITS:
        data.setdefault(k, {})  # (a section this code added since)
    return data


def encode(data: dict) -> bytes:
    """The bytes of a cache file holding ``data`` (see :func:`decode`)."""
    import hashlib

    payload = marshal.dumps(data)
    return MAGIC + VERSION.to_bytes(4, "big") + hashlib.sha256(payload).digest() + payload


def _sections() -> dict:
    global _cache
    if _cache is None:
        with _lock:
            if _cache is None:
                fresh = {"env": _env(), **{k: {} for k in _LIMITS}}
                file = path()
                data = decode(file) if file else None
                _cache = data if data is not None and data.get("env") == fresh["env"] else fresh
    return _cache


def get(section: str, key):
    """The value stored under ``key`` in ``section``, or None."""
    return _sections()[section].get(key)


def put(section: str, key, value) -> None:
    """Store ``value`` under ``key``; written out by :func:`flush` (at the latest when the process exits).

    A key or value marshal cannot write (an enum such as ``regex.I`` is not an int to it) is not stored:
    one such entry would make every later write of the file fail.
    """
    global _dirty, _at_exit
    try:
        marshal.dumps((key, value))
    except ValueError:
        return
    sec = _sections()[section]
    with _lock:
        if len(sec) >= _LIMITS[section] and key not in sec:
            sec.clear()
        sec[key] = value
        _dirty = True
        if not _at_exit:
            import atexit

            atexit.register(flush)  # (what the last document added is kept too)
            _at_exit = True


def flush(every: float = 0.0) -> None:
    """Write the cache if something was added (atomically; any failure is ignored).

    ``every``: not if this process wrote it less than that many seconds ago (a batch writes what its
    documents add now and then, and when the process exits, not the whole file after each document).
    """
    global _dirty, _written_at
    import time

    with _lock:
        if not _dirty or _cache is None or time.monotonic() - _written_at < every:
            return
        _dirty = False
        _written_at = time.monotonic()
        file = path()
        if not file:
            return
        tmp = None
        try:
            import tempfile

            blob = encode(_cache)
            os.makedirs(os.path.dirname(file), exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".zhfacts-cache.", suffix=".tmp", dir=os.path.dirname(file))
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, file)  # readers see the old file or the new one, never half of one
            tmp = None
        except (OSError, ValueError):
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


def remembered(section: str, key, compute):
    """``compute()``, kept under ``key`` in ``section`` for the next process (written by
    :func:`flush`); ``compute`` must be a pure function of ``key`` (and of the code and
    libraries that drop the file when they change), its result marshal-able."""
    if path() is None:
        return compute()
    hit = get(section, key)
    if isinstance(hit, tuple) and len(hit) == 1:
        return hit[0]
    value = compute()
    put(section, key, (value,))
    return value


def compiled(pattern: str, flags: int = 0):
    """``regex.compile(pattern, flags)``, rebuilt from the cache when an earlier process compiled it.

    The regex module compiles a pattern in Python (its parser and optimizer: 0.15 s
    for the rules of a run) and pickles a compiled pattern as the arguments of its
    C constructor; those arguments are kept here (``regex`` section, dropped with
    the regex version), so a new process only calls the constructor: the same
    pattern object, built without parsing. Nothing but that constructor is ever
    called on what the file holds.
    """
    import regex

    if path() is None:
        return regex.compile(pattern, flags)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    args = get("regex", key)
    if isinstance(args, tuple):
        try:
            return _regex_constructor()(*args)
        except Exception:  # noqa: BLE001 - (not what this regex writes): compiled below
            pass
    rx = regex.compile(pattern, flags)
    try:
        args = copyreg.dispatch_table[type(rx)](rx)[1]
    except (KeyError, IndexError, TypeError):
        return rx
    put("regex", key, args)
    return rx


@functools.lru_cache(maxsize=1)
def _regex_constructor():
    """The constructor the regex module's pickling of a pattern names (its C ``compile``)."""
    import regex

    return copyreg.dispatch_table[regex.Pattern](regex.compile(""))[0]


def reset() -> None:
    """Forget what this process read, added or reported (the next use reads the file again)."""
    global _cache, _dirty, _reported
    with _lock:
        _cache, _dirty, _reported = None, False, False
