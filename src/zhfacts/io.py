"""Reading article files: bytes -> text with the detected encoding.

The decoded text is the ORIGINAL of the fact contract (``shared/spec/facts.md``
section 2): the file's bytes decoded with their detected encoding, a BOM
dropped, line ends untouched (``\\r\\n`` stays two characters).

Detection order (:func:`decode_bytes`):

1. size limit, then byte-order marks (UTF-8, UTF-32, UTF-16);
2. known binary signatures (PDF, images, archives, executables), NUL bytes and
   control-character density -> :class:`BinaryInput` (UTF-16 without a BOM is
   recognised by its NUL pattern first);
3. strict UTF-8: by far the most common encoding, and detectors misjudge short
   texts;
4. the Chinese legacy encodings that decode strictly (GB18030, which covers
   GBK and GB2312; Big5 as cp950, then Big5-HKSCS), ranked by charset-normalizer
   restricted to those candidates, with a plausibility score as fallback;
5. nothing fits -> :class:`DecodeError`.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from zhfacts.errors import BinaryInput, DecodeError, EmptyInput, InputTooLarge, MissingInput

#: Largest accepted document, in bytes.
MAX_BYTES = 20 * 1024 * 1024

#: Share of control bytes (other than tab, newline, carriage return, form feed
#: and escape) above which a file is binary.
CONTROL_DENSITY = 0.02

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Python codec -> the name reported in ``NormalizedDoc.encoding``.
_REPORTED = {
    "utf-8-sig": "utf-8-sig",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
}

_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", None),  # checked together with the NUL test (plain text may start with MZ)
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
)

# Candidate legacy encodings, in order of preference on a tie.
_LEGACY = ("gb18030", "cp950", "big5hkscs")
_REPORT_LEGACY = {"gb18030": "gb18030", "cp950": "big5", "big5hkscs": "big5hkscs"}

_CONTROL_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_WS_ONLY_RE = re.compile(r"[\s\u3000\ufeff\u200b]*")


def _where(path) -> str | None:
    return str(path) if path is not None else None


def _check_signature(data: bytes, path) -> None:
    for sig, what in _SIGNATURES:
        if what and data.startswith(sig):
            raise BinaryInput(f"binary input: looks like {what}, not a text article", path=_where(path))


def _check_binary(data: bytes, path) -> None:
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryInput("binary input: contains NUL bytes (not a text article)", path=_where(path))
    controls = len(_CONTROL_RE.findall(head))
    if head and controls / len(head) > CONTROL_DENSITY:
        raise BinaryInput(
            f"binary input: {controls} control bytes in the first {len(head)} bytes (not a text article)",
            path=_where(path),
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """Codec name when ``data`` looks like UTF-16 without a BOM (NULs on one side)."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    else:
        # mostly-CJK text has few NULs (only its ASCII characters have one), so the
        # NULs do not decide: the side that reads as Chinese does
        best = None
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            score = _plausibility(text) if "\x00" not in text else 0.0
            if score >= 0.8 and (best is None or score > best[0]):
                best = (score, codec)
        return best[1] if best else None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return codec


def _plausibility(text: str) -> float:
    """How much ``text`` reads like Chinese (0..1, higher is better), on a sample.

    Han characters count when they are common characters of ONE script: the
    share of GB2312 level-1 characters (the 3,755 most frequent Simplified ones)
    or of Big5 level-1 characters (the 5,401 frequent Traditional ones),
    whichever is higher; ASCII and CJK punctuation count as well. Text decoded
    with the wrong legacy encoding turns into rare characters of mixed
    scripts, kana or symbols.
    """
    sample = text[:4000]
    if not sample:
        return 0.0
    from collections import Counter

    neutral = simp = trad = 0
    # each distinct character classified once, counted as often as it occurs
    for ch, k in Counter(sample).items():
        o = ord(ch)
        if o < 0x80 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x2027:
            neutral += k
        elif 0x4E00 <= o <= 0x9FFF:
            try:
                b = ch.encode("gb2312")
                if 0xB0 <= b[0] <= 0xD7:
                    simp += k
            except UnicodeEncodeError:
                pass
            try:
                b = ch.encode("big5")
                if 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E:
                    trad += k
            except UnicodeEncodeError:
                pass
    return (neutral + max(simp, trad)) / len(sample)


def _decode_legacy(data: bytes, path) -> tuple[str, str]:
    decoded: dict[str, str] = {}
    for codec in _LEGACY:
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise DecodeError(
            "cannot decode: not valid UTF-8, UTF-16 (BOM), GB18030/GBK or Big5",
            path=_where(path),
        )
    if len(decoded) == 1:
        codec = next(iter(decoded))
        return decoded[codec], _REPORT_LEGACY[codec]
    # Big5-HKSCS only matters when cp950 failed.
    if "cp950" in decoded:
        decoded.pop("big5hkscs", None)
    # The plausibility score decides; on a near tie charset-normalizer (restricted
    # to the candidates that decode) decides for texts long enough for it, and
    # GB18030 (the common encoding of Simplified news) wins for short ones.
    scores = {c: _plausibility(t) for c, t in decoded.items()}
    ranked = sorted(decoded, key=lambda c: (-scores[c], _LEGACY.index(c)))
    choice = ranked[0]
    tied = [c for c in ranked if scores[c] >= scores[choice] - 0.02]
    if len(tied) > 1 and len(data) >= 64:
        try:
            import charset_normalizer

            best = charset_normalizer.from_bytes(data, cp_isolation=tied).best()
        except Exception:  # pragma: no cover - detector failure: keep the score's choice
            best = None
        if best is not None:
            name = best.encoding.replace("_", "").replace("-", "").lower()
            for codec in tied:
                if codec.replace("_", "").replace("-", "").lower() == name or (name == "big5" and codec == "cp950"):
                    choice = codec
                    break
    return decoded[choice], _REPORT_LEGACY[choice]


def decode_bytes(data: bytes, path=None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` with any BOM dropped, line ends untouched.

    Raises :class:`InputTooLarge`, :class:`EmptyInput`, :class:`BinaryInput` or
    :class:`DecodeError` (each with a message naming the problem).
    """
    if len(data) > MAX_BYTES:
        raise InputTooLarge(
            f"input of {len(data)} bytes is larger than the limit of {MAX_BYTES} bytes", path=_where(path)
        )
    if not data:
        raise EmptyInput("empty input", path=_where(path))
    text = None
    encoding = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"cannot decode as {_REPORTED.get(codec, codec)} (it starts with that BOM): {exc.reason} at byte {exc.start + len(bom)}",
                    path=_where(path),
                ) from None
            encoding = _REPORTED.get(codec, codec)
            break
    if text is None:
        _check_signature(data, path)
        codec16 = _utf16_without_bom(data) if b"\x00" in data[:8192] else None
        if codec16:
            text = data.decode(codec16)
            encoding = codec16
        else:
            _check_binary(data, path)
            try:
                text = data.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                text, encoding = _decode_legacy(data, path)
            else:
                # a few GB bytes can be valid UTF-8 by chance (太原 -> '̫ԭ'): implausible
                # UTF-8 gives way to a legacy decoding that reads as Chinese
                if len(data) < 4096 and _plausibility(text) < 0.5:
                    try:
                        alt, alt_enc = _decode_legacy(data, path)
                    except DecodeError:
                        alt = None
                    if alt is not None and _plausibility(alt) > _plausibility(text) + 0.3:
                        text, encoding = alt, alt_enc
    if _WS_ONLY_RE.fullmatch(text):
        raise EmptyInput("input has no text (empty or only whitespace)", path=_where(path))
    if "\x00" in text:
        raise BinaryInput("binary input: decoded text contains NUL characters", path=_where(path))
    return text, encoding


def read_document(path) -> tuple[str, str]:
    """Read the file at ``path``: ``(original text, encoding)``.

    Raises :class:`MissingInput` when the file does not exist (or is not a
    regular file), and the errors of :func:`decode_bytes`.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise MissingInput("no such file", path=str(path)) from None
    except OSError as exc:
        raise MissingInput(f"cannot access file: {exc.strerror or exc}", path=str(path)) from None
    if not p.is_file():
        raise MissingInput("not a regular file", path=str(path))
    if st.st_size > MAX_BYTES:
        raise InputTooLarge(
            f"file of {st.st_size} bytes is larger than the limit of {MAX_BYTES} bytes", path=str(path)
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise MissingInput(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    return decode_bytes(data, path=str(path))


def read_json(path, what: str):
    """The JSON value in the file at ``path`` (UTF-8, a BOM allowed); a missing or
    unreadable file is a :class:`~zhfacts.errors.UsageError` naming ``what`` it should be."""
    import json

    from zhfacts.errors import UsageError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError(f"{what} not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read the {what} (JSON): {exc}", path=str(path)) from None


def jsonl_lines(raw: str):
    """``(line number, record or None, error or None)`` for each non-blank line of JSONL text."""
    import json

    # lines end at \n only: U+2028, U+2029, U+0085 and other separators str.splitlines
    # breaks at are ordinary characters inside a JSON string
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield lineno, None, f"invalid JSON: {exc.msg} (column {exc.colno})"
        except RecursionError:
            yield lineno, None, "invalid JSON: nested too deeply"
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield lineno, None, f"invalid JSON: {exc}"


def json_line(rec) -> str:
    """One JSONL line for ``rec`` (UTF-8 text; U+2028 and U+2029 escaped, so that no
    reader that breaks lines at them, JavaScript's included, splits a record)."""
    import json

    return json.dumps(rec, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


# --------------------------------------------------------------------------- writing outputs
#
# Every file zhfacts writes (extract -o and --html, review -o) goes through
# :class:`OutputFile`: the target is checked before any document is read, the
# content goes to a unique temporary file in the target's directory, and only a
# finished output is renamed into place. A failure leaves the previous file as it
# was; an interrupted run keeps what it wrote under ``<target>.partial``.


def _file_id(path: str):
    """(device, inode) of the file ``path`` names (links followed), or None."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _is_devnull(path: str) -> bool:
    a, b = _file_id(path), _file_id(os.devnull)
    return a is not None and a == b


class OutputFile:
    """One output file, written atomically.

    ``target`` None or ``-`` is standard output (written directly). Any other
    target is resolved (a symlink is followed, so the link stays a link) and
    refused with :class:`~zhfacts.errors.OutputClash` when it is the same file
    (device and inode, hard and symbolic links included) as one of ``protect``
    (inputs, manifest, predictions, sources, the other outputs), or with
    :class:`~zhfacts.errors.OutputError` when it exists and is not a regular
    file (``os.devnull`` is accepted and written directly) or its directory
    cannot be made. Checking happens in the constructor, before any work.
    """

    def __init__(self, target, *, protect=(), what: str = "output", binary: bool = False,
                 newline: str | None = "\n"):
        from zhfacts.errors import OutputClash, OutputError

        self.what = what
        self.binary = binary
        self.newline = newline
        self.stream = None
        self.tmp: str | None = None
        self.shown = None if target is None else str(target)
        self.stdout = target is None or str(target) == "-"
        self.direct = False
        self._wrapper = False
        if self.stdout:
            self.path = None
            return
        shown = self.shown
        real = os.path.realpath(os.fspath(target))
        self.path = real
        for p in protect:
            if p is None or str(p) == "-" or _is_devnull(real):  # a sink is never a clash
                continue
            p = os.fspath(p)
            same = False
            own, other = _file_id(real), _file_id(p)
            if own is not None and own == other:
                same = True
            elif own is None and os.path.normcase(real) == os.path.normcase(os.path.realpath(p)):
                same = True  # two outputs that do not exist yet
            if same:
                raise OutputClash(f"{what} would overwrite {p} (the same file): choose another path",
                                  path=shown)
        if os.path.lexists(real):
            import stat

            try:
                st = os.stat(real)
            except OSError as exc:
                raise OutputError(f"cannot write {what}: {exc.strerror or exc}", path=shown) from None
            if stat.S_ISDIR(st.st_mode):
                raise OutputError(f"cannot write {what}: it is a directory", path=shown)
            if not stat.S_ISREG(st.st_mode):
                if _is_devnull(real):
                    self.direct = True
                    return
                raise OutputError(f"cannot write {what}: not a regular file (a device, FIFO or socket)",
                                  path=shown)
        parent = os.path.dirname(real) or "."
        up = parent
        while not os.path.lexists(up) and os.path.dirname(up) != up:
            up = os.path.dirname(up)
        if not os.path.isdir(up):
            raise OutputError(f"cannot write {what}: {up} is not a directory", path=shown)
        try:
            os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot write {what}: cannot create its directory {parent}: "
                              f"{exc.strerror or exc}", path=shown) from None
        if not os.path.isdir(parent):
            raise OutputError(f"cannot write {what}: {parent} is not a directory", path=shown)
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write {what}: no permission to write in {parent}", path=shown)

    # -- writing

    def open(self):
        """The stream to write to (text, UTF-8, unless ``binary``)."""
        import io as _io
        import sys
        import tempfile

        from zhfacts.errors import OutputError

        if self.stdout:
            sys.stdout.flush()
            buf = getattr(sys.stdout, "buffer", None)
            if buf is None or self.binary:  # a test runner's StringIO
                self.stream = buf if self.binary else sys.stdout
            else:
                self.stream = _io.TextIOWrapper(buf, encoding="utf-8", newline=self.newline,
                                                write_through=True)
                self._wrapper = True
            return self.stream
        try:
            if self.direct:
                fh = open(self.path, "wb")
            else:
                fd, self.tmp = tempfile.mkstemp(prefix="." + os.path.basename(self.path) + ".",
                                                suffix=".tmp", dir=os.path.dirname(self.path))
                fh = os.fdopen(fd, "wb")
        except OSError as exc:
            raise OutputError(f"cannot write {self.what}: {exc.strerror or exc}", path=self.shown) from None
        self.stream = fh if self.binary else _io.TextIOWrapper(fh, encoding="utf-8", newline=self.newline)
        return self.stream

    def _close_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is None:
            return
        if self.stdout:
            stream.flush()
            if self._wrapper:  # leave sys.stdout's buffer open
                stream.detach()
            return
        stream.close()

    def commit(self) -> None:
        """Finish: rename the temporary file into place (its mode like a new file's, or the old one's)."""
        from zhfacts.errors import OutputError

        try:
            self._close_stream()
            if self.tmp is None:
                return
            try:
                mode = os.stat(self.path).st_mode & 0o7777
            except OSError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self.tmp, mode)
            os.replace(self.tmp, self.path)
            self.tmp = None
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {self.what}: {exc.strerror or exc}", path=self.shown) from None

    def discard(self, *, keep_partial: bool = False) -> str | None:
        """Abandon the output: the target is left as it was. With ``keep_partial`` what was
        written is kept as ``<target>.partial`` (its path is returned)."""
        try:
            self._close_stream()
        except OSError:
            pass
        tmp, self.tmp = self.tmp, None
        if tmp is None:
            return None
        if keep_partial:
            partial = self.path + ".partial"
            try:
                os.replace(tmp, partial)
                return partial
            except OSError:
                pass
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None

    def write_all(self, content) -> None:
        """Write ``content`` (str, or bytes when ``binary``) and commit."""
        from zhfacts.errors import OutputError

        try:
            self.open().write(content)
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {self.what}: {exc.strerror or exc}", path=self.shown) from None
        except BaseException:
            self.discard()
            raise
        self.commit()
