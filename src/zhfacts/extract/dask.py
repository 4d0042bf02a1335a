"""Extraction over a Dask cluster (``zhfacts extract --dask ADDRESS``).

For corpora beyond one machine: the documents are cut into partitions of
consecutive documents, a :mod:`dask.bag` maps extraction over them on the
cluster's workers (``dask.distributed``; install ``zhfacts[dask]``), and each
partition writes its records as one JSONL part file
(``part-<first document index>.jsonl``) in a parts directory.  The client then
merges the parts in input order, so the output is byte-identical to
``--workers 1``; a document that fails is reported as in a local batch
(``error[CODE] path: message``), and a partition whose task is lost (a worker
killed on it) is reported as errors for its documents, never fatal.

The workers read the input files and write the parts themselves: on a real
cluster both must be on storage every worker and the client see under the same
paths (a shared file system).  Python::

    from zhfacts.extract.dask import extract_bag
    result = extract_bag(["corpus/"], "facts.jsonl", scheduler="tcp://10.0.0.5:8786")
    result.facts, result.errors
"""
from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from typing import Iterator, Sequence

from zhfacts.errors import DocError, UsageError
from zhfacts.extract.batch import BatchResult, DocInput, DocResult, RecordWriter, expand_inputs, process_one

#: Partitions per worker thread of the cluster: enough to balance the load, few
#: enough that a task (and its part file) holds many documents.
PARTITIONS_PER_THREAD = 4
#: A partition never holds more documents than this (parts stay small, output flows).
MAX_PARTITION_DOCS = 500
#: How long to try reaching the scheduler.
CONNECT_TIMEOUT = "20s"


def _client(scheduler):
    """A ``dask.distributed.Client`` for ``scheduler`` (an address or a Client)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'zhfacts[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), True
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def _extract_partition(chunk: list[tuple[int, DocInput]], parts_dir: str, engine: str | None):
    """On a worker: extract the documents of one partition into its part file.
    Returns the part's path and, per document, (index, error, batch counts,
    number of lines, seconds, review page info)."""
    if engine:
        os.environ["ZHFACTS_ENGINE"] = engine
    path = os.path.join(parts_dir, f"part-{chunk[0][0]:09d}.jsonl")
    meta = []
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".tmp", dir=parts_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for i, item in chunk:
                res = process_one(i, item)  # a failing document becomes its error, the others go on
                res.serialize()
                fh.write(res.jsonl)
                meta.append((i, res.error, res.counts, res.jsonl.count("\n"), res.seconds, res.review))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path, meta


def partition(items: Sequence[DocInput], threads: int, size: int | None = None) -> list[list[tuple[int, DocInput]]]:
    """Consecutive documents (with their input index) in partitions."""
    n = len(items)
    size = size or max(1, min(MAX_PARTITION_DOCS, math.ceil(n / max(1, threads * PARTITIONS_PER_THREAD))))
    indexed = list(enumerate(items))
    return [indexed[s:s + size] for s in range(0, n, size)]


def iter_results(items: Sequence[DocInput], scheduler, *, parts_dir: str | os.PathLike | None = None,
                 partition_size: int | None = None, keep_parts: bool = False,
                 engine: str | None = None, timeout: float | None = None) -> Iterator[DocResult]:
    """One :class:`~zhfacts.extract.batch.DocResult` per input, in input order, computed on
    the Dask cluster at ``scheduler`` (an address such as ``tcp://host:8786``, or a Client).

    The results carry their records as JSONL (read from the part files), so a
    :class:`~zhfacts.extract.batch.RecordWriter` copies them out as they are;
    ``parts_dir`` is where a temporary directory of part files is made (it must
    be shared with the workers; default: the system's temporary directory), kept
    afterwards with ``keep_parts``.
    """
    items = list(items)
    if not items:
        return
    client, own = _client(scheduler)
    parts = None
    try:
        import dask.bag as db

        threads = sum(client.nthreads().values()) or 1
        chunks = partition(items, threads, partition_size)
        if parts_dir is not None:
            os.makedirs(parts_dir, exist_ok=True)
        parts = tempfile.mkdtemp(prefix="zhfacts-parts-", dir=parts_dir)
        bag = db.from_sequence(chunks, npartitions=len(chunks)).map(_extract_partition, parts, engine)
        futures = client.compute(bag.to_delayed())  # one task per partition, in order
        for chunk, fut in zip(chunks, futures):
            try:
                ((path, meta),) = fut.result(timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - a lost task fails its documents, not the batch
                for i, item in chunk:
                    yield DocResult(i, item, [], DocError.from_exc(
                        item.path, RuntimeError(f"the Dask task of this document failed ({type(exc).__name__}: {exc})")))
                continue
            fut.release()
            with open(path, encoding="utf-8", newline="\n") as fh:
                for i, error, counts, nlines, seconds, review in meta:
                    jsonl = "".join(fh.readline() for _ in range(nlines))
                    yield DocResult.packed(i, items[i], jsonl, counts, error, seconds, review)
            if not keep_parts:
                os.unlink(path)
    finally:
        if own:
            client.close()
        if parts is not None and not keep_parts:
            shutil.rmtree(parts, ignore_errors=True)


def extract_bag(paths_or_inputs, out, *, scheduler, published: str | None = None, manifest=None,
                **options) -> BatchResult:
    """Extract ``paths_or_inputs`` (files, directories, or DocInput items; with
    ``manifest`` a TSV of ``path<TAB>published``) on the Dask cluster at
    ``scheduler`` and write their records, in input order, to the JSONL file
    ``out`` (written to a temporary file renamed into place).  Per-document
    errors are in the returned :class:`~zhfacts.extract.batch.BatchResult`.
    ``options`` go to :func:`iter_results` (``parts_dir``, ``partition_size``,
    ``keep_parts``, ``engine``, ``timeout``)."""
    from zhfacts.io import OutputFile

    items = [x for x in paths_or_inputs if isinstance(x, DocInput)]
    loose = [str(x) for x in paths_or_inputs if not isinstance(x, DocInput)]
    if loose or manifest is not None:
        items += expand_inputs(loose, published=published, manifest=manifest)
    if not items:
        raise UsageError("no documents to extract")
    output = OutputFile(out, protect=[it.path for it in items if it.data is None], what="output")
    result = BatchResult()
    t0 = time.perf_counter()
    stream = output.open()
    try:
        writer = RecordWriter(stream)
        for res in iter_results(items, scheduler, **options):
            writer.write_result(res)
            result.add(res)
    except BaseException:
        output.discard()
        raise
    result.seconds = time.perf_counter() - t0
    output.commit()
    return result
