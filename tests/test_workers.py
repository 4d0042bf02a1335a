"""The worker machinery: records serialized once in the workers, the pool only
when the input is big enough to gain, rules loaded once per worker."""
from __future__ import annotations

import pickle

from zhfacts.extract import batch
from zhfacts.extract.batch import DocInput, DocResult, RecordWriter, plan_workers, record_line


def _files(tmp_path, sizes):
    out = []
    for i, n in enumerate(sizes):
        p = tmp_path / f"d{i}.txt"
        p.write_bytes(b"x" * n)
        out.append(DocInput(str(p), p.stem))
    return out


def test_small_batches_stay_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "POOL_MIN_BYTES", 1000)
    assert plan_workers(_files(tmp_path, [100] * 5), 2) == 1
    assert plan_workers(_files(tmp_path, [300] * 4), 2) == 2  # 1200 bytes: the pool pays
    assert plan_workers(_files(tmp_path, [5000]), 4) == 1  # one document: in-process
    assert plan_workers([DocInput("-", "stdin", data=b"y" * 2000)] * 3, 8) == 3  # never more workers than documents
    assert plan_workers(_files(tmp_path, [1]) * 3, 2, processor=len) == 2  # a custom processor: as asked


def test_a_worker_result_travels_as_its_jsonl_and_decodes_on_demand():
    recs = [{"value": 1.5, "doc": "a", "warnings": ["w1", "w2"]}, {"doc": "a", "value": 3}]
    res = DocResult(0, DocInput("a.txt", "a"), recs)
    res.serialize()
    assert res.jsonl == "".join(map(record_line, recs)) and res.counts == (2, 1, 0, 0)
    back = pickle.loads(pickle.dumps(res))
    assert "records" not in back.__dict__  # only the JSONL string was sent
    assert back.jsonl == res.jsonl and back.counts == (2, 1, 0, 0)
    assert back.records == [{"doc": "a", "value": 1.5, "warnings": ["w1", "w2"]}, {"doc": "a", "value": 3}]


def test_the_writer_copies_worker_jsonl_and_serializes_the_rest(tmp_path):
    import io

    recs = [{"doc": "a", "value": 2}]
    packed = DocResult.packed(0, DocInput("a.txt", "a"), "PRESERIALIZED\n", (1, 0, 0, 0))
    plain = DocResult(1, DocInput("b.txt", "b"), recs)
    buf = io.StringIO()
    w = RecordWriter(buf)
    w.write_result(packed)
    w.write_result(plain)
    assert buf.getvalue() == "PRESERIALIZED\n" + record_line(recs[0])


def test_workers_that_cannot_inherit_the_rules_load_them_once(monkeypatch):
    import signal

    calls = []
    monkeypatch.setattr(batch, "warm_up", lambda: calls.append(1))
    before = signal.getsignal(signal.SIGINT)
    try:
        batch._worker_init(True)
        batch._worker_init(False)
    finally:
        signal.signal(signal.SIGINT, before)  # (the initializer makes a worker ignore Ctrl-C)
    assert calls == [1]
