"""Batch engine behind ``zhfacts extract``: many documents in, records out.

The engine is a library so that the CLI stays thin and benchmarks reuse it::

    from zhfacts.extract.batch import expand_inputs, run_batch
    result = run_batch(expand_inputs(["seeds/"]), workers=2)
    result.facts, result.errors, result.seconds

- :func:`expand_inputs` turns command-line paths (files, directories, ``-``)
  and an optional manifest into :class:`DocInput` items, in a stable order.
- :func:`iter_results` processes them, in-process (``workers=1``) or in a
  :class:`~concurrent.futures.ProcessPoolExecutor` with chunks, and yields one
  :class:`DocResult` per input **in input order**, as soon as the results up to
  it are ready, so the writer can write incrementally.
- :func:`run_batch` consumes :func:`iter_results`, hands each result to an
  optional sink and returns a :class:`BatchResult` summary.
- :class:`RecordWriter` writes records as JSONL or CSV; the ``zhfacts extract``
  command around all this (progress bar, errors on stderr, summary line, exit
  code) is :mod:`zhfacts.cli.extract`.

A document that fails never stops the batch: it becomes a
:class:`~zhfacts.errors.DocError` (``error[CODE] path: message``) and the exit
code is 1 at the end. Nothing is dropped: every input yields records or an error.
"""
from __future__ import annotations

import csv
import json
import math
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TextIO

from zhfacts.contract import RECORD_KEYS, ordered, parse_published
from zhfacts.errors import DocError, MissingInput, OverBudget, UsageError
from zhfacts.io import json_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - (concurrent.futures.process imports multiprocessing: only for a pool)
    from concurrent.futures import ProcessPoolExecutor

#: File name suffixes a directory argument expands to.
DOC_SUFFIXES = (".txt", ".html", ".htm")

#: CSV columns: the contract's, span split in two, warnings joined with "; ".
_SPAN = RECORD_KEYS.index("span")
CSV_COLUMNS = RECORD_KEYS[:_SPAN] + ("span_start", "span_end") + RECORD_KEYS[_SPAN + 1:]

STDIN_DOC = "stdin"


# --------------------------------------------------------------------------- inputs


@dataclass
class DocInput:
    """One document to process.

    ``path`` is shown in errors (as the user wrote it, or joined to the
    directory it came from; ``-`` for standard input). ``data`` holds the raw
    bytes of standard input; files are read by the worker.
    """

    path: str
    doc: str
    published: str | None = None
    data: bytes | None = None
    review: bool = False  # also keep what the review page shows of the normalized document
    timeout: float | None = None  # seconds this document may take (None: no limit); E106 beyond
    max_bytes: int | None = None  # size budget in bytes (None: the reader's limit); E104 beyond


def record_line(rec: dict) -> str:
    """One record as its JSONL line (contract key order): the only place records are serialized."""
    return json_line(ordered(rec))


@dataclass
class DocResult:
    index: int
    input: DocInput
    records: list[dict] = field(default_factory=list)
    error: DocError | None = None
    seconds: float = 0.0
    # The records as JSONL, made once where they were found (a worker): they travel
    # to the parent as one string, which the JSONL writer copies out as it is; the
    # dicts are decoded again only if someone reads ``records`` (CSV, review page).
    jsonl: str | None = None
    counts: tuple[int, ...] | None = None  # _counts of the records, kept with the JSONL
    review: dict | None = None  # zhfacts.review.page.page_info of the document, when its input asked

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def packed(cls, index: int, item: DocInput, jsonl: str, counts: tuple[int, ...], error: DocError | None = None,
               seconds: float = 0.0, review: dict | None = None) -> "DocResult":
        """A result holding its records as JSONL only (decoded if ``records`` is read)."""
        res = cls(index, item, [], error, seconds, jsonl, counts, review)
        del res.__dict__["records"]
        return res

    def serialize(self) -> None:
        if self.jsonl is None:
            self.jsonl = "".join(map(record_line, self.records))
        if self.counts is None:
            self.counts = _counts(self.records)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if state.get("jsonl") is not None:
            state.pop("records", None)  # sent as the JSONL text
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):  # only for attributes not set: the records of an unpickled result
        if name == "records" and self.__dict__.get("jsonl") is not None:
            recs = [json.loads(line) for line in self.jsonl.split("\n") if line]
            self.__dict__["records"] = recs
            return recs
        raise AttributeError(name)


def _counts(records: list[dict]) -> tuple[int, int, int, int]:
    """What a batch counts of a document's records: facts, facts with a warning, and
    whether its publication year was inferred or it has no publication date (0 or 1)."""
    doc_warnings = [w for w in (records[0].get("warnings") or ()) if w.startswith("document: ")] if records else []
    return (len(records), sum(1 for r in records if r.get("warnings")),
            int(any(w.startswith("document: publication year") for w in doc_warnings)),
            int(any(w.startswith("document: no publication date") for w in doc_warnings)))


@dataclass
class BatchResult:
    documents: int = 0
    facts: int = 0
    with_warnings: int = 0  # facts with at least one warning (as the review page counts them)
    year_inferred: int = 0  # documents whose publication year was inferred, not written
    undated: int = 0  # documents with no publication date
    errors: list[DocError] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    results: list[DocResult] = field(default_factory=list)  # filled when keep=True

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.errors else 0

    def add(self, res: DocResult) -> None:
        self.documents += 1
        facts, with_warnings, year_inferred, undated = res.counts if res.counts is not None else _counts(res.records)
        self.facts += facts
        self.with_warnings += with_warnings
        self.year_inferred += year_inferred
        self.undated += undated
        if res.error is not None:
            self.errors.append(res.error)


def check_date(value: str | None, *, where: str = "--published") -> str | None:
    """``value`` as ``YYYY-MM-DD`` (None when empty), parsed by :func:`zhfacts.contract.parse_published`."""
    date = parse_published(value, where=where)
    return date.isoformat() if date else None


def read_manifest(manifest: Path) -> dict[str, str | None]:
    """Resolved path -> publication date, from a TSV with header ``path<TAB>published``.

    Extra columns are allowed (``golden/docs.tsv`` works as a manifest); paths
    are relative to the manifest's directory. Errors name the file and line.
    """
    manifest = Path(manifest)
    try:
        raw = manifest.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read manifest: {exc.strerror or exc}", path=str(manifest)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("manifest is not UTF-8", path=str(manifest)) from None
    lines = text.splitlines()
    if not lines:
        raise UsageError("manifest is empty (expected a header path<TAB>published)", path=str(manifest))
    header = [h.strip() for h in lines[0].split("\t")]
    if "path" not in header or "published" not in header:
        raise UsageError(f"manifest header must name the columns path and published (tab-separated), got {lines[0]!r}",
                         path=str(manifest))
    ip, id_ = header.index("path"), header.index("published")
    base = manifest.parent
    out: dict[str, str | None] = {}
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) <= ip or not cols[ip].strip():
            raise UsageError(f"line {lineno}: no path", path=str(manifest))
        date = cols[id_].strip() if len(cols) > id_ else ""
        date = check_date(date, where=f"{manifest}:{lineno}")
        p = cols[ip].strip()
        out[_key(base / p)] = date
    return out


def _key(p: Path) -> str:
    return os.path.normcase(os.path.abspath(p))


def _manifest_paths(manifest: Path, dates: dict[str, str | None]) -> list[str]:
    """The manifest's documents as display paths (relative to the cwd when possible)."""
    out = []
    cwd = os.getcwd()
    for key in dates:
        try:
            rel = os.path.relpath(key, cwd)
        except ValueError:  # other drive (Windows)
            rel = key
        out.append(key if rel.startswith("..") else rel)
    return out


@dataclass
class Expanded:
    inputs: list[DocInput]
    skipped: list[str]  # directory entries that are not documents (reported, not processed)
    empty_dirs: list[str] = field(default_factory=list)  # directories without any document
    notes: list[str] = field(default_factory=list)  # duplicate inputs dropped, doc ids made unique


def dedupe(inputs: list[DocInput]) -> tuple[list[DocInput], list[str]]:
    """One document per file and one file per doc id.

    The same file reached twice (given twice, or through a directory too) is
    processed once; two different files with one doc id (``a/x.txt`` and
    ``b/x.txt``, or ``x.txt`` and ``x.html``) keep the first id and the later
    ones get ``x-2``, ``x-3``... Every change is returned as a note to show the user.
    """
    out: list[DocInput] = []
    notes: list[str] = []
    seen_files: dict[str, str] = {}
    ids: dict[str, str] = {}
    for item in inputs:
        if item.data is None:
            key = _key(Path(item.path))
            if key in seen_files:
                notes.append(f"{item.path}: the same file as {seen_files[key]}, extracted once")
                continue
            seen_files[key] = item.path
        doc = item.doc
        if doc in ids:
            n = 2
            while f"{doc}-{n}" in ids:
                n += 1
            item.doc = f"{doc}-{n}"
            notes.append(f"{item.path}: doc id {doc!r} is already {ids[doc]}; this document is {item.doc!r}")
        ids[item.doc] = item.path
        out.append(item)
    return out, notes


def expand_inputs(paths: Sequence[str | os.PathLike], *, published: str | None = None,
                  manifest: Path | None = None, stdin: TextIO | None = None) -> list[DocInput]:
    """Documents for ``paths``; see :func:`expand` (this drops the skipped list)."""
    return expand(paths, published=published, manifest=manifest, stdin=stdin).inputs


def expand(paths: Sequence[str | os.PathLike], *, published: str | None = None,
           manifest: Path | None = None, stdin: TextIO | None = None) -> Expanded:
    """Expand command-line paths into documents.

    - a file is one document (doc id: its name without extension);
    - a directory is every ``*.txt``, ``*.html`` and ``*.htm`` directly inside, sorted by name;
      other entries are listed in ``skipped``;
    - ``-`` is standard input (doc id ``stdin``), read now;
    - a path that does not exist is still a document: it fails with E105, so it
      is reported and counted, never dropped.

    ``published`` applies to every document; a ``manifest`` (TSV
    ``path<TAB>published``) overrides it per document. With no ``paths``, the
    manifest's documents are the batch.
    """
    published = check_date(published)
    dates = read_manifest(manifest) if manifest is not None else {}
    paths = [str(p) for p in paths]
    if not paths:
        if manifest is None:
            raise UsageError("no input: give files, directories, - or --manifest")
        paths = _manifest_paths(manifest, dates)

    inputs: list[DocInput] = []
    skipped: list[str] = []
    empty_dirs: list[str] = []
    stdin_used = False

    def add_file(p: Path, shown: str) -> None:
        inputs.append(DocInput(path=shown, doc=p.stem, published=dates.get(_key(p), published)))

    for raw in paths:
        if raw == "-":
            if stdin_used:
                raise UsageError("standard input (-) given more than once")
            stdin_used = True
            stream = stdin if stdin is not None else sys.stdin
            buf = getattr(stream, "buffer", None)
            data = buf.read() if buf is not None else stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            inputs.append(DocInput(path="-", doc=STDIN_DOC, published=published, data=data))
            continue
        p = Path(raw)
        if p.is_dir():
            try:
                entries = sorted(p.iterdir(), key=lambda e: e.name)
            except OSError:  # unlistable: the directory itself fails (E105, named), the batch goes on
                add_file(p, raw)
                continue
            before = len(inputs)
            for e in entries:
                if e.is_file() and e.suffix.lower() in DOC_SUFFIXES:
                    add_file(e, os.path.join(raw, e.name))
                else:
                    skipped.append(os.path.join(raw, e.name) + ("/" if e.is_dir() else ""))
            if len(inputs) == before:
                empty_dirs.append(raw)
        else:
            add_file(p, raw)  # missing files fail later with E105, in order
    inputs, notes = dedupe(inputs)
    return Expanded(inputs, skipped, empty_dirs, notes)


# --------------------------------------------------------------------------- processing


class Extracted(list):
    """A processor's records, with the review page's view of the document (``item.review``)."""

    review: dict | None = None


def extract_input(item: DocInput) -> list[dict]:
    """Records of one document (the default processor); raises on failure."""
    from zhfacts.extract.extractor import extract_normalized

    if item.data is not None:
        from zhfacts.io import decode_bytes

        text, _ = decode_bytes(item.data, path=item.path)
        ndoc, records = extract_normalized(text, doc=item.doc, published=item.published)
    else:
        ndoc, records = extract_normalized(path=item.path, doc=item.doc, published=item.published)
    out = Extracted(records)
    if item.review:  # the page needs the normalized document: kept now rather than normalized again
        from zhfacts.review.page import page_info

        out.review = page_info(ndoc)
    return out


Processor = Callable[[DocInput], list]


#: Default per-document budgets of ``zhfacts extract`` (``--timeout``, ``--max-bytes``).
DEFAULT_TIMEOUT = 60.0


class _Expired(OverBudget):
    """Raised asynchronously (with no arguments) in a document's thread when its time
    budget is spent (:class:`_time_budget` off the main thread), which names the budget."""

    def __init__(self):
        super().__init__("took longer than its time budget (--timeout); skipped")


class _time_budget:
    """Raise :class:`~zhfacts.errors.OverBudget` in this thread when ``seconds`` pass.

    In the main thread (the batch process, a worker process): a real-time interval
    timer (SIGALRM), which interrupts Python code and the regex engines alike.  In
    any other thread (a Dask worker's task thread, an application's thread pool),
    where no signal arrives: a watchdog timer raises an exception in the document's
    thread (``PyThreadState_SetAsyncExc``), which stops Python code at its next
    bytecode; one long call into C (a single regex match) finishes first.

    Either way the expiry is raised again every ``REPEAT`` seconds until the document
    has left the budget: code that catches every exception (a library's, a numeral
    parser's fallback) may swallow one raise, never all of them.
    """

    REPEAT = 0.25

    def __init__(self, seconds: float | None, path: str):
        self.seconds, self.path, self.old = seconds, path, None
        self.watchdog = None

    def _over(self):
        return OverBudget(f"took longer than the time budget of {self.seconds:g} s (--timeout); skipped",
                          path=self.path)

    def _expired(self, signum, frame):
        raise self._over()

    def __enter__(self):
        import signal
        import threading

        if not (self.seconds and self.seconds > 0):
            return self
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.old = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, self.REPEAT)
        else:
            self.watchdog = _Watchdog(threading.get_ident(), self.seconds, self.REPEAT)
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.old is not None:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
            self.old = None
        if self.watchdog is not None:
            fired = self.watchdog.stop()
            self.watchdog = None
            if fired or (exc_type is not None and issubclass(exc_type, _Expired)):
                raise self._over() from None
        return False


class _Watchdog:
    """Raises :class:`_Expired` in thread ``ident`` after ``seconds``, and again every ``repeat``
    seconds, until stopped."""

    def __init__(self, ident: int, seconds: float, repeat: float):
        import threading

        self.ident, self.fired, self.lock = ident, False, threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(seconds, repeat), daemon=True)
        self.thread.start()

    def _run(self, seconds: float, repeat: float):
        wait = seconds
        while not self.stopped.wait(wait):
            with self.lock:
                if self.stopped.is_set():
                    return  # stopped in time
                self.fired = True
                _async_raise(self.ident, _Expired)
            wait = repeat

    def stop(self) -> bool:
        """Stop the watchdog; whether it fired (an exception not yet raised is withdrawn)."""
        with self.lock:
            self.stopped.set()
            if self.fired:
                _async_raise(self.ident, None)  # (raised already, or withdrawn here)
            return self.fired


def _async_raise(ident: int, exc_type) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(exc_type) if exc_type else None)


def _check_size(item: DocInput) -> None:
    if not item.max_bytes:
        return
    from zhfacts.errors import InputTooLarge

    size = len(item.data) if item.data is not None else os.stat(item.path).st_size
    if size > item.max_bytes:
        raise InputTooLarge(f"{size} bytes is over the size budget of {item.max_bytes} bytes (--max-bytes)",
                            path=item.path)


def process_one(index: int, item: DocInput, processor: Processor | None = None) -> DocResult:
    """Run ``processor`` on one document; any exception becomes the document's error.

    The document's records must serialize (a value the JSON writer cannot write
    fails this document, never the writer and the rest of the batch).
    """
    t0 = time.perf_counter()
    try:
        if item.data is None and not os.path.lexists(item.path):
            raise MissingInput("no such file", path=item.path)
        if item.data is None and os.path.isdir(item.path):
            try:
                os.listdir(item.path)
                why = "a directory, not a document"
            except OSError as exc:
                why = f"cannot list the directory: {exc.strerror or exc}"
            raise MissingInput(why, path=item.path)
        _check_size(item)
        with _time_budget(item.timeout, item.path):
            out = (processor or extract_input)(item)
            records, review, err = list(out), getattr(out, "review", None), None
            jsonl = "".join(map(record_line, records))  # serialized once, here (a record that cannot be fails its document)
    except Exception as exc:  # noqa: BLE001 - one document must never stop the batch
        records, review, err, jsonl = [], None, DocError.from_exc(item.path, exc), None
    res = DocResult(index, item, records, err, time.perf_counter() - t0, review=review, jsonl=jsonl)
    res.serialize()  # (the counts; an error's empty JSONL)
    return res


def _run_chunk(chunk: list[tuple[int, DocInput]], processor: Processor | None) -> list[DocResult]:
    """A worker's task: the documents' results, their records serialized here (not in the parent)."""
    out = [process_one(i, item, processor) for i, item in chunk]
    for res in out:
        res.serialize()
    return out


def _worker_init(warm: bool = False) -> None:  # pragma: no cover - runs in the workers
    import signal

    # The parent handles Ctrl-C (keeps what is written, stops the pool); workers must not
    # die half-way with a traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        warm_up()  # a worker that did not inherit the loaded rules (spawn) loads them once, here


#: Below this many bytes of input in all (about a third of a second of work on one
#: core) a process pool costs more than it gains: the batch runs in this process.
POOL_MIN_BYTES = 200_000


def _input_bytes(item: DocInput) -> int:
    if item.data is not None:
        return len(item.data)
    try:
        return os.stat(item.path).st_size
    except OSError:
        return 0  # fails on its own later (E105)


def plan_workers(items: Sequence[DocInput], workers: int, processor: Processor | None = None) -> int:
    """How many worker processes pay for ``items``: 1 (in-process) for a single
    document or, with the default extractor, less than POOL_MIN_BYTES of input;
    never more workers than documents.  A custom ``processor`` gets what was asked."""
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    workers = min(workers, len(items))
    if workers <= 1 or processor is not None:
        return max(workers, 1)
    total = 0
    for item in items:
        total += _input_bytes(item)
        if total >= POOL_MIN_BYTES:
            return workers
    return 1


def default_chunksize(n: int, workers: int) -> int:
    """Chunks small enough to balance the load and keep output flowing, big enough to amortize IPC.

    A news article takes tens of milliseconds, its records a fraction of one to
    pass back: a few documents per task keep the overhead small and the output
    steady (the first records are written as soon as the first chunk is done).
    """
    return max(1, min(4, math.ceil(n / (workers * 8))))


def _mp_context():
    import multiprocessing as mp

    # fork shares the already-imported modules (and any loaded resources) with the
    # workers; elsewhere (macOS, Windows) the platform default.
    if "fork" in mp.get_all_start_methods() and sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context()


WARM_UP_TEXT = "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。"


def warm_up() -> None:
    """Load the extractor's models and rules in this process (errors are left to the documents)."""
    try:
        from zhfacts.extract.extractor import extract

        extract(WARM_UP_TEXT, doc="warm-up")
    except Exception:  # noqa: BLE001 - a broken extractor fails each document with its own error
        pass


class _Pool:
    """A process pool that can be rebuilt when a worker dies.

    With ``warm`` (the default extractor) the parent loads the extractor once
    before forking, so the workers start with it loaded (shared copy-on-write)
    instead of each loading its own: less CPU and memory per worker.
    """

    def __init__(self, workers: int, *, warm: bool = False):
        self.workers = workers
        self.warm = warm
        self.executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            ctx = _mp_context()
            inherit = ctx.get_start_method() == "fork"
            if self.warm and inherit:
                warm_up()  # once, in the parent: the forked workers share it
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_worker_init,
                                                initargs=(self.warm and not inherit,))
            self.warm = self.warm and not inherit
        return self.executor

    def start(self) -> None:
        """Launch the workers now (before any progress-bar thread exists, for a clean fork)."""
        self.get().submit(int).result()

    def reset(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self, *, cancel: bool = False) -> None:
        """Shut the pool down; ``cancel`` (an interrupted batch) also stops the running workers."""
        if self.executor is not None:
            procs = list((getattr(self.executor, "_processes", None) or {}).values()) if cancel else []
            self.executor.shutdown(wait=not cancel, cancel_futures=cancel)
            for proc in procs:  # no public API before Python 3.14 (terminate_workers)
                try:
                    if proc.is_alive():
                        proc.terminate()
                except Exception:  # noqa: BLE001 - already gone
                    pass
            self.executor = None


def iter_results(inputs: Iterable[DocInput], *, workers: int = 1, chunksize: int | None = None,
                 processor: Processor | None = None, pool: _Pool | None = None) -> Iterator[DocResult]:
    """One :class:`DocResult` per input, in input order, yielded as soon as possible.

    ``workers=1`` (or a single document) runs in this process. Otherwise documents
    go to a process pool in chunks; at most ``2 * workers`` chunks are in flight,
    so memory stays bounded and finished results are written while others run.
    A worker that dies takes only its own documents down: they are retried alone
    and, if they kill a worker again, reported as errors.
    ``processor`` (a picklable function ``DocInput -> records``) replaces the
    extractor, for tests and benchmarks.
    """
    items = list(inputs)
    if pool is None:
        workers = plan_workers(items, workers, processor)
    elif workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    if workers == 1 or len(items) <= 1:
        for i, item in enumerate(items):
            yield process_one(i, item, processor)
        return

    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    workers = min(workers, len(items))
    cs = chunksize or default_chunksize(len(items), workers)
    queue: deque[list[int]] = deque([list(range(s, min(s + cs, len(items))))
                                     for s in range(0, len(items), cs)])
    # Documents that were in flight when a worker died: one of them killed it. They
    # are rerun one at a time, alone in the pool, so the culprit is the one that
    # kills a worker again and the others are not blamed.
    suspects: deque[int] = deque()
    own_pool = pool is None
    pool = pool or _Pool(workers, warm=processor is None)
    pending: dict = {}  # future -> list of indices
    ready: dict[int, DocResult] = {}
    next_out = 0
    max_inflight = 2 * workers

    def died(i: int, exc: BaseException) -> DocResult:
        return DocResult(i, items[i], [], DocError.from_exc(
            items[i].path, RuntimeError(f"the worker process died while processing this document ({exc})")))

    try:
        while next_out < len(items):
            if suspects:
                i = suspects.popleft()
                fut = pool.get().submit(_run_chunk, [(i, items[i])], processor)
                try:
                    ready[i] = fut.result()[0]
                except BrokenProcessPool as exc:
                    ready[i] = died(i, exc)
                    pool.reset()
                except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                    ready[i] = DocResult(i, items[i], [], DocError.from_exc(items[i].path, exc))
            else:
                while queue and len(pending) < max_inflight:
                    idxs = queue.popleft()
                    fut = pool.get().submit(_run_chunk, [(i, items[i]) for i in idxs], processor)
                    pending[fut] = idxs
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    idxs = pending.pop(fut)
                    try:
                        for res in fut.result():
                            ready[res.index] = res
                    except BrokenProcessPool:
                        broken = True
                        suspects.extend(idxs)
                    except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                        for i in idxs:
                            ready[i] = DocResult(i, items[i], [], DocError.from_exc(items[i].path, exc))
                if broken:
                    # every chunk still in flight went down with the pool
                    for fut, idxs in list(pending.items()):
                        pending.pop(fut)
                        suspects.extend(idxs)
                    suspects = deque(sorted(suspects))
                    pool.reset()
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
    finally:
        if own_pool:
            pool.close(cancel=next_out < len(items))


def run_batch(inputs: Iterable[DocInput | str | os.PathLike], *, workers: int = 1,
              chunksize: int | None = None, sink: Callable[[DocResult], None] | None = None,
              keep: bool = False, processor: Processor | None = None,
              published: str | None = None) -> BatchResult:
    """Process ``inputs`` and return the summary.

    Items may be :class:`DocInput` or paths (expanded like the command line).
    ``sink`` receives every :class:`DocResult` in input order (write it there);
    ``keep=True`` also keeps them in ``BatchResult.results``.
    """
    items: list[DocInput] = []
    loose: list[str] = []
    for it in inputs:
        if isinstance(it, DocInput):
            if loose:
                items.extend(expand_inputs(loose, published=published))
                loose = []
            items.append(it)
        else:
            loose.append(str(it))
    if loose:
        items.extend(expand_inputs(loose, published=published))

    result = BatchResult()
    t0 = time.perf_counter()
    try:
        for res in iter_results(items, workers=workers, chunksize=chunksize, processor=processor):
            result.add(res)
            if keep:
                result.results.append(res)
            if sink is not None:
                sink(res)
    finally:
        result.seconds = time.perf_counter() - t0
    return result


# --------------------------------------------------------------------------- writers


def _csv_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return str(v)


def csv_row(rec: dict) -> list[str]:
    span = rec.get("span") or [None, None]
    row = []
    for col in CSV_COLUMNS:
        if col == "span_start":
            row.append(_csv_value(span[0]))
        elif col == "span_end":
            row.append(_csv_value(span[1] if len(span) > 1 else None))
        elif col == "warnings":
            row.append("; ".join(str(w) for w in (rec.get("warnings") or ())))
        else:
            row.append(_csv_value(rec.get(col)))
    return row


class RecordWriter:
    """Writes records as they come and flushes after each document."""

    def __init__(self, stream: TextIO, fmt: str = "jsonl"):
        if fmt not in ("jsonl", "csv"):
            raise UsageError(f"--format must be jsonl or csv, got {fmt!r}")
        self.stream = stream
        self.fmt = fmt
        self._csv = None
        if fmt == "csv":
            self._csv = csv.writer(stream)
            self._csv.writerow(CSV_COLUMNS)
            stream.flush()

    def write_doc(self, records: Iterable[dict]) -> None:
        for rec in records:
            if self._csv is not None:
                self._csv.writerow(csv_row(rec))
            else:
                self.stream.write(record_line(rec))
        self.stream.flush()

    def write_result(self, res: DocResult) -> None:
        """A document's records; JSONL a worker already made is written as it is."""
        if self._csv is None and res.jsonl is not None:
            self.stream.write(res.jsonl)
            self.stream.flush()
        else:
            self.write_doc(res.records)
