"""Reading documents: encodings, BOMs, line ends, and the input errors."""
from __future__ import annotations

import pytest

from zhfacts import io as zio
from zhfacts.errors import BinaryInput, DecodeError, EmptyInput, InputTooLarge, MissingInput
from zhfacts.io import decode_bytes, read_document

SIMPLIFIED = "截至今年6月底，我国在用算力中心标准机架达1085万架。\r\n智能算力规模达788EFLOPS。\n"
TRADITIONAL = "台灣的伺服器與資料中心產業持續成長，記憶體價格上漲。\n"


def test_utf8_plain_and_line_ends_untouched(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SIMPLIFIED.encode("utf-8"))
    text, enc = read_document(p)
    assert text == SIMPLIFIED  # \r\n kept: no newline translation
    assert enc == "utf-8"


def test_utf8_bom_dropped(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"))
    text, enc = read_document(p)
    assert text == SIMPLIFIED
    assert enc == "utf-8-sig"


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(codec, bom):
    text, enc = decode_bytes(bom + SIMPLIFIED.encode(codec))
    assert text == SIMPLIFIED
    assert enc == "utf-16"


def test_utf16_without_bom_recognised():
    data = ("abc 数据中心 " * 20).encode("utf-16-le")
    text, enc = decode_bytes(data)
    assert text.startswith("abc 数据中心")
    assert enc == "utf-16-le"


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family(codec):
    text, enc = decode_bytes(SIMPLIFIED.encode(codec))
    assert text == SIMPLIFIED
    assert enc == "gb18030"


def test_big5():
    text, enc = decode_bytes(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert enc == "big5"


@pytest.mark.parametrize(
    "sample,codec,expected",
    [("数据中心", "gb18030", "gb18030"), ("资料", "gb18030", "gb18030"), ("資料中心", "big5", "big5"), ("台灣的記憶體價格上漲", "big5", "big5")],
)
def test_short_texts_detected(sample, codec, expected):
    text, enc = decode_bytes(sample.encode(codec))
    assert (text, enc) == (sample, expected)


def test_utf8_tried_first_even_when_short():
    # a few UTF-8 bytes are also valid GB18030: strict UTF-8 wins
    text, enc = decode_bytes("算力".encode("utf-8"))
    assert (text, enc) == ("算力", "utf-8")


def test_missing_file(tmp_path):
    with pytest.raises(MissingInput) as exc:
        read_document(tmp_path / "nope.txt")
    assert "nope.txt" in str(exc.value)
    assert exc.value.code == "E105"


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(MissingInput):
        read_document(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", "\u3000\u3000\n".encode("utf-8"), b"\xef\xbb\xbf"])
def test_empty_or_whitespace(tmp_path, data):
    p = tmp_path / "e.txt"
    p.write_bytes(data)
    with pytest.raises(EmptyInput) as exc:
        read_document(p)
    assert exc.value.path == str(p)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04" + b"\x14\x00" * 10,
        "数据".encode() + b"\x00\x01\x02abc\x00",
        bytes(range(1, 9)) * 40 + "正文".encode(),
    ],
)
def test_binary(data):
    with pytest.raises(BinaryInput):
        decode_bytes(data, path="x.bin")


def test_undecodable():
    data = "正文".encode("utf-8") + b" \xff\xfe\xff more \xff"
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data, path="bad.txt")
    assert "UTF-8" in exc.value.message and exc.value.path == "bad.txt"


def test_bad_bom_payload():
    with pytest.raises(DecodeError):
        decode_bytes(b"\xef\xbb\xbf" + b"\xff\xfe\xfd abc")


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(zio, "MAX_BYTES", 100)
    p = tmp_path / "big.txt"
    p.write_bytes(("数据" * 100).encode("utf-8"))
    with pytest.raises(InputTooLarge) as exc:
        read_document(p)
    assert "100" in exc.value.message
    with pytest.raises(InputTooLarge):
        decode_bytes(b"a" * 101)


def test_default_limit_is_20_mb():
    assert zio.MAX_BYTES == 20 * 1024 * 1024
