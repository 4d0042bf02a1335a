"""Bad input (issue 4 item 4), with the real reader, normalizer and extractor.

Every file is built in tmp_path from a seed. For each: a bad document gets an
error naming the file and the reason; a good one gives exactly the records it
gives alone (the GBK copy of a seed the same as the UTF-8 one), with spans into
its decoded original; nothing is dropped; the exit code says whether any failed.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.extract.batch import DocInput, run_batch
from zhfacts.cli import app
from zhfacts.io import MAX_BYTES, read_document

from conftest import seed_path

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa" * 20


# --------------------------------------------------------------------------- helpers

def alone(path: Path, **kw) -> tuple[list[dict], object]:
    """(records, error) of one document processed on its own."""
    res = run_batch([DocInput(str(path), path.stem, kw.get("published"))], keep=True)
    r = res.results[0]
    return r.records, r.error


def without(records: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys} for r in records]


def assert_spans_valid(path: Path, records: list[dict]) -> str:
    original, _ = read_document(path)
    for r in records:
        s, e = r["span"]
        assert 0 <= s <= e <= len(original)
        assert original[s:e] == r["text"], (path.name, r)
    return original


def write_encoded(tmp_path: Path, name: str, seed: Path, codec: str) -> tuple[Path, Path]:
    """The seed encoded with ``codec`` (characters it cannot encode replaced), and its
    UTF-8 twin: the same text, so both must give the same records."""
    text = seed.read_text(encoding="utf-8")
    data = text.encode(codec, errors="replace")
    twin_text = data.decode(codec)
    if twin_text.startswith("\ufeff"):  # codecs that write a BOM (utf-16)
        twin_text = twin_text[1:]
    path = tmp_path / name
    path.write_bytes(data)
    twin = tmp_path / f"twin_{Path(name).stem}.txt"
    twin.write_bytes(twin_text.encode("utf-8"))
    return path, twin


@pytest.fixture(scope="module")
def seed_records():
    """Records of each seed as it is, keyed by seed prefix (computed once)."""
    cache: dict[str, list[dict]] = {}

    def get(prefix: str) -> list[dict]:
        if prefix not in cache:
            recs, err = alone(seed_path(prefix))
            assert err is None, err
            cache[prefix] = recs
        return cache[prefix]

    return get


# --------------------------------------------------------------------------- bad files

@pytest.mark.parametrize("content, code, reason", [
    (b"", "E101", "empty"),
    (b" \r\n\t\xe3\x80\x80\n", "E101", "no text"),           # whitespace and an ideographic space only
    (PNG, "E102", "PNG"),
    (bytes(range(256)) * 8, "E102", "binary"),                   # NUL and control bytes
])
def test_bad_file_error_names_file_and_reason(tmp_path, content, code, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    recs, err = alone(path)
    assert recs == []
    assert err is not None and err.code == code
    assert err.path == str(path)
    assert reason in err.message
    assert str(err).startswith(f"error[{code}] {path}: ")


def test_too_large_file_is_refused_by_name(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: instant, and refused before it is read
    recs, err = alone(path)
    assert recs == [] and err.code == "E104"
    assert err.path == str(path) and "larger than the limit" in err.message


def test_undecodable_file(tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_bytes("正文".encode("utf-8") + b"\xff\xfe\xfa\xfb\x81\x30" * 40)
    recs, err = alone(path)
    assert recs == [] and err is not None
    assert err.code in ("E102", "E103") and err.path == str(path)


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("codec, prefix, name", [
    ("gbk", "000", "gbk_000.txt"),        # every character of seed 000 is in GBK
    ("gbk", "001", "gbk_001.txt"),        # a few symbols (•, nbsp, ») are not: replaced in both copies
    ("gb18030", "001", "gb18030_001.txt"),
    ("big5", "004", "big5_004.txt"),      # the Traditional seed (its pinyin tone marks are not in Big5)
    ("utf-16", "001", "utf16_001.txt"),   # with a BOM
    # without a BOM:
    ("utf-16-le", "001", "utf16le_001.txt"),  # no BOM: the side that reads as Chinese decides
    ("utf-16-be", "002", "utf16be_002.txt"),
])
def test_encodings_give_the_same_records_as_utf8(tmp_path, seed_records, codec, prefix, name):
    path, twin = write_encoded(tmp_path, name, seed_path(prefix), codec)
    original, encoding = read_document(path)
    assert original == twin.read_text(encoding="utf-8")
    recs, err = alone(path)
    assert err is None, err
    twin_recs, twin_err = alone(twin)
    assert twin_err is None
    assert recs, f"no facts from {name}"
    assert without(recs, "doc") == without(twin_recs, "doc")
    assert_spans_valid(path, recs)
    if original == seed_path(prefix).read_text(encoding="utf-8"):
        assert without(recs, "doc") == without(seed_records(prefix), "doc")


def test_utf8_bom_is_dropped_and_offsets_do_not_move(tmp_path, seed_records):
    seed = seed_path("001")
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    recs, err = alone(path)
    assert err is None
    assert without(recs, "doc") == without(seed_records("001"), "doc")
    assert_spans_valid(path, recs)


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_crlf_line_ends_count_as_two_characters(tmp_path, seed_records, prefix):
    seed = seed_path(prefix)
    text = seed.read_text(encoding="utf-8")
    assert "\r" not in text
    path = tmp_path / f"crlf_{prefix}.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    recs, err = alone(path)
    assert err is None
    base = seed_records(prefix)
    assert without(recs, "doc", "span", "text") == without(base, "doc", "span", "text")
    original = assert_spans_valid(path, recs)
    assert "\r\n" in original
    for r, b in zip(recs, base):
        assert r["text"].replace("\r\n", "\n") == b["text"]
        # the span moved right by the number of line ends before it
        assert r["span"][0] == b["span"][0] + text.count("\n", 0, b["span"][0])


def test_html_tags_stripped_offsets_into_the_original_html(tmp_path, seed_records):
    import html as _html

    seed = seed_path("001")
    paras = [p for p in seed.read_text(encoding="utf-8").split("\n")]
    body = "\n".join(f"<p class=\"p\">{_html.escape(p, quote=False)}</p>" if p.strip() else "" for p in paras)
    page = ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
            "<title>算力产业量质齐升</title>\n<style>p { margin: 0 }</style>\n"
            "<script>var views = \"阅读量达9999万次\";</script>\n</head>\n<body>\n"
            f"{body}\n</body></html>\n")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    recs, err = alone(path)
    assert err is None, err
    original = assert_spans_valid(path, recs)
    assert original == page
    assert not any("<" in r["text"] or ">" in r["text"] for r in recs)
    assert not any(r["value"] == 99990000 for r in recs)  # nothing from <script>
    key = lambda r: (r["value"], r["unit"], r["qualifier"], r["text"], r["kind"])  # noqa: E731
    assert Counter(map(key, recs)) == Counter(map(key, seed_records("001")))


#: Seconds the 10 MB document may take. Generous for an extractor linear in the input; it
#: turns a hang (quadratic work) into a failure that says so instead of a stuck suite.
TEN_MB_BUDGET = float(os.environ.get("ZHFACTS_10MB_BUDGET", "240"))


def _ten_mb_child(path: str, first_len: int, conn) -> None:  # runs in a forked process
    try:
        recs, err = alone(Path(path))
        original, _ = read_document(Path(path))
        bad = [r for r in recs if original[r["span"][0]:r["span"][1]] != r["text"]][:5]
        first = [r for r in recs if r["span"][1] <= first_len]
        conn.send((str(err) if err else None, len(recs), bad, first))
    except BaseException as exc:  # noqa: BLE001
        conn.send((f"{type(exc).__name__}: {exc}", 0, [], []))
    finally:
        conn.close()


def test_ten_megabyte_file(tmp_path, seed_records):
    """A 10 MB article (a seed repeated) is read and extracted; a test that it works, not a timing."""
    import multiprocessing as mp

    seed = seed_path("001")  # the seed the extractor reads fastest
    text = seed.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    copies = 10 * 1024 * 1024 // len(text.encode("utf-8")) + 1
    path = tmp_path / "big.txt"
    path.write_text(text * copies, encoding="utf-8")
    assert 10 * 1024 * 1024 <= path.stat().st_size < MAX_BYTES
    expected_first = without(seed_records("001"), "doc")

    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_ten_mb_child, args=(str(path), len(text), send))
    proc.start()
    send.close()
    try:
        if not recv.poll(TEN_MB_BUDGET):
            pytest.fail(f"extracting a 10 MB document ({copies} copies of seed 001) did not finish in "
                        f"{TEN_MB_BUDGET:.0f} s: work grows faster than the input somewhere")
        err, n, bad, first = recv.recv()
    finally:
        proc.kill()
        proc.join()
    assert err is None, err
    assert n >= copies
    assert bad == []
    # the first copy reads like the seed alone
    assert without(first, "doc") == expected_first


# --------------------------------------------------------------------------- a directory mixing them

def build_mix(d: Path) -> dict[str, str | None]:
    """File name -> expected error code (None: good)."""
    d.mkdir()
    expected: dict[str, str | None] = {}
    (d / "a_empty.txt").write_bytes(b"")
    expected["a_empty.txt"] = "E101"
    (d / "b_binary.txt").write_bytes(PNG)
    expected["b_binary.txt"] = "E102"
    for codec, prefix, name in [("gbk", "000", "c_gbk.txt"), ("big5", "004", "d_big5.txt"),
                                ("utf-16", "001", "e_utf16.txt")]:
        data = seed_path(prefix).read_text(encoding="utf-8").encode(codec, errors="replace")
        (d / name).write_bytes(data)
        expected[name] = None
    (d / "f_crlf.txt").write_bytes(seed_path("003").read_bytes().replace(b"\n", b"\r\n"))
    expected["f_crlf.txt"] = None
    (d / "g_bom.txt").write_bytes(b"\xef\xbb\xbf" + seed_path("002").read_bytes())
    expected["g_bom.txt"] = None
    (d / "h_page.html").write_text("<html><head><title>t</title></head><body><p>截至今年6月底，我国在用算力中心"
                                   "标准机架达<b>1085万架</b>，智能算力规模达788EFLOPS。</p></body></html>",
                                   encoding="utf-8")
    expected["h_page.html"] = None
    (d / "i_utf8.txt").write_bytes(seed_path("001").read_bytes())
    expected["i_utf8.txt"] = None
    (d / "notes.md").write_text("not a document", encoding="utf-8")  # skipped and reported
    return expected


@pytest.mark.parametrize("workers", ["1", "2"])
def test_directory_mixing_them(tmp_path, workers):
    d = tmp_path / "mix"
    expected = build_mix(d)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(app, ["extract", str(d), str(missing), "-o", str(out), "--workers", workers],
                           catch_exceptions=False)
    assert r.exit_code == 1
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_doc: dict[str, list[dict]] = {}
    for x in recs:
        by_doc.setdefault(x["doc"], []).append(x)
    errors = [line for line in r.stderr.splitlines() if line.startswith("error[")]

    expected[missing.name] = "E105"
    for name, code in expected.items():
        path = missing if name == missing.name else d / name
        stem = Path(name).stem
        if code is None:
            alone_recs, err = alone(path)
            assert err is None
            assert by_doc.get(stem, []) == alone_recs, name  # exactly the records it gives alone
            assert alone_recs, f"{name} gave no facts"
            assert_spans_valid(path, by_doc[stem])
        else:
            assert stem not in by_doc
            line = [e for e in errors if f" {path}: " in e]
            assert len(line) == 1, (name, errors)
            assert line[0].startswith(f"error[{code}] {path}: ")
    # nothing dropped, nothing invented: every input is records or an error
    assert set(by_doc) | {Path(e.split("] ", 1)[1].split(": ", 1)[0]).stem for e in errors} == \
        {Path(n).stem for n in expected}
    assert len(errors) == sum(1 for c in expected.values() if c)
    assert "skipped 1 entries" in r.stderr and "notes.md" in r.stderr
    summary = r.stderr.strip().splitlines()[-1]
    assert f"{len(expected)} documents" in summary and f"{len(errors)} errors" in summary
    # records come in input order (sorted directory, then the missing file)
    order = [x["doc"] for x in recs]
    assert order == sorted(order)


def test_good_directory_exits_zero(tmp_path):
    d = tmp_path / "good"
    d.mkdir()
    for p in (seed_path("001"), seed_path("004")):
        (d / p.name).write_bytes(p.read_bytes())
    (d / "gbk.txt").write_bytes(seed_path("000").read_text(encoding="utf-8").encode("gbk"))
    r = CliRunner().invoke(app, ["extract", str(d), "-q", "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""


def test_gbk_on_standard_input(seed_records):
    data = seed_path("000").read_text(encoding="utf-8").encode("gbk")
    r = CliRunner().invoke(app, ["extract", "-", "-q"], input=data)
    assert r.exit_code == 0, r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert {x["doc"] for x in recs} == {"stdin"}
    assert without(recs, "doc") == without(seed_records("000"), "doc")


def test_binary_on_standard_input_is_named():
    r = CliRunner().invoke(app, ["extract", "-", "-q"], input=PNG)
    assert r.exit_code == 1
    assert r.stderr.startswith("error[E102] -: ")
