"""The on-disk cache can never crash or change a run (issue 12 item 2), and script
detection works with no Han characters and no cache (item 4).

Each case runs in a fresh process with its own cache directory: the cache is read
once per process.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhfacts import cache as disk_cache

CACHE_NAME = disk_cache.FILE_NAME

TEXT = "截至今年6月底，我国在用算力中心标准机架达1085万架，智能算力规模达788EFLOPS。據統計，臺灣伺服器出貨量達120萬台。"
SCRIPT = ("import json, sys, zhfacts; "
          "recs = [zhfacts.extract(t, doc='x', published='2025-09-02') for t in sys.argv[1:]]; "
          "print(json.dumps(recs, ensure_ascii=False, sort_keys=True))")


def run(cache_dir: Path | None, *texts: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHFACTS_")}
    if cache_dir is None:
        env["ZHFACTS_NO_CACHE"] = "1"
    else:
        env["ZHFACTS_CACHE_DIR"] = str(cache_dir)
    return subprocess.run([sys.executable, "-c", SCRIPT, *(texts or [TEXT])], env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def reference() -> str:
    r = run(None)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def good_cache(tmp_path_factory, reference) -> bytes:
    d = tmp_path_factory.mktemp("cache")
    r = run(d)
    assert r.returncode == 0 and r.stdout == reference, r.stderr
    return (d / CACHE_NAME).read_bytes()


def _flip_inside_payload(blob: bytes) -> bytes:
    """A change that still parses: a rule file's cached data made invalid (the header, if any, kept)."""
    import marshal

    start = blob.index(b"\n") + 1 + 4 + 32 if blob.startswith(b"zhfacts-cache\n") else 0
    data = marshal.loads(blob[start:])
    for key in list(data["yaml"]):
        data["yaml"][key] = {"broken": 1}  # a correct rule file would be blamed with E200
    return blob[:start] + marshal.dumps(data)


@pytest.mark.parametrize("damage", ["truncated-13", "bit-flip-that-parses", "garbage", "directory"])
def test_a_damaged_cache_is_ignored_reported_once_and_rebuilt(tmp_path, reference, good_cache, damage):
    path = tmp_path / CACHE_NAME
    if damage == "truncated-13":
        path.write_bytes(good_cache[:13])
    elif damage == "bit-flip-that-parses":
        path.write_bytes(_flip_inside_payload(good_cache))
    elif damage == "garbage":
        path.write_bytes(bytes(range(256)) * 40)
    else:
        path.mkdir()
    r = run(tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == reference  # same facts as without any cache
    assert "E200" not in r.stderr
    if damage != "directory":
        assert r.stderr.count("damaged cache") == 1
    if damage == "bit-flip-that-parses":
        # rebuilt: the next run reads it silently, with the same facts
        again = run(tmp_path)
        assert again.returncode == 0 and again.stdout == reference and "damaged" not in again.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_cache_file_is_versioned_and_checksummed(good_cache):
    import hashlib

    head = len(disk_cache.MAGIC)
    assert good_cache.startswith(disk_cache.MAGIC)
    assert int.from_bytes(good_cache[head:head + 4], "big") == disk_cache.VERSION
    assert good_cache[head + 4:head + 36] == hashlib.sha256(good_cache[head + 36:]).digest()


def test_no_han_characters_with_a_cold_cache(tmp_path):
    """A document without Han characters used to fail with E999 KeyError: 't2s' on a cold cache."""
    texts = ["Revenue grew 12% to 5 million dollars in 2024.", "12345 67890", "!!! ??? ..."]
    r = run(tmp_path, *texts)
    assert r.returncode == 0, r.stderr
    assert [type(x) for x in json.loads(r.stdout)] == [list, list, list]


def test_what_a_run_adds_is_saved_after_an_html_page(tmp_path):
    """A pattern compiled with an enum flag (regex.I, the HTML step's) was stored under a key marshal cannot
    write: every later write of the file failed silently, so nothing a run added after an HTML page was saved,
    and each document paid for a full failed write."""
    page = "<html><body><p>截至今年6月底，我国在用算力中心标准机架达1085万架。</p></body></html>"
    r = run(tmp_path, page, "某公司营收三十九亿元，员工四千二百人。")
    assert r.returncode == 0, r.stderr
    data = disk_cache.decode(str(tmp_path / CACHE_NAME))
    assert data is not None, (sorted(p.name for p in tmp_path.iterdir()), r.stderr)
    assert any(key[1] == "三十九" for key in data["cn2an"])  # (a reading made after the HTML page)
    assert all(type(key[1]) is int for key in data["regex"])


def test_an_entry_marshal_cannot_write_is_not_stored(tmp_path, monkeypatch):
    import enum

    class Flag(enum.IntFlag):
        X = 2

    monkeypatch.setenv("ZHFACTS_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ZHFACTS_NO_CACHE", raising=False)
    disk_cache.reset()
    try:
        disk_cache.put("regex", ("p", Flag.X, 0), (1,))
        disk_cache.put("regex", ("p", 2, 0), (1,))
        disk_cache.flush()
        data = disk_cache.decode(str(tmp_path / CACHE_NAME))
        assert data is not None and list(data["regex"]) == [("p", 2, 0)]
    finally:
        disk_cache.reset()
