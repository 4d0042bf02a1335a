"""The normalizer: an article's original text -> clean Simplified body text + offset map.

:func:`normalize` runs a pipeline of small steps; each transforms an offset-mapped
buffer (:class:`zhfacts.normalize.offsets.Buf`), so every character of the result maps
back to the original range it came from (``doc.to_original(s, e)``):

1. HTML input: tags, scripts and styles out, entities decoded (:mod:`.norm_html`);
2. line ends unified (``\\r\\n`` -> ``\\n``, mapped to both characters), invisible
   characters dropped, full-width digits / letters / number punctuation to
   half-width, pinyin glosses removed (:mod:`.norm_chars`);
3. Traditional -> Simplified when, and only where, the text is Traditional;
   script and region detected (:mod:`.norm_script`);
4. spaces next to CJK closed up (:func:`.norm_chars.close_spaces`), except a headline's phrase spaces, which
   become commas (:func:`.norm_chars.headline_phrases`: 营收续创高 乙科… -> 营收续创高，乙科…);
5. page furniture and boilerplate cut, reported as removed regions in original
   offsets; wrapped lines joined into logical paragraphs (:mod:`.norm_layout`);
6. publication date (:mod:`.pubdate`), paragraphs and sentences (:mod:`.norm_sentences`).

The result's ``text`` holds one paragraph per line, separated by exactly one
``\\n``, with no other line breaks, no spaces next to CJK characters, numbers
never broken, half-width digits and Simplified script.
"""
from __future__ import annotations

import datetime as _dt

from zhfacts import cache as disk_cache
from zhfacts.contract import parse_published
from zhfacts.normalize.doc import NormalizedDoc, Region
from zhfacts.normalize.chars import break_flattened, close_letter_spacing, close_spaces, drop_invisible, drop_emphasis_marks, drop_pinyin_glosses, drop_stray_commas, fix_chars, headline_phrases, tag_spaces, to_halfwidth, unify_line_ends  # noqa: F401
from zhfacts.normalize.offsets import Buf
from zhfacts.normalize.pubdate import find_published

__all__ = ["normalize", "normalize_file"]


def _regions(original: str, buf: Buf, cuts) -> list[Region]:
    out = []
    for c in cuts:
        os_, oe = buf.orig_range(c.start, c.end)
        out.append(Region(os_, oe, c.kind, original[os_:oe], c.rule))
    out.sort(key=lambda r: (r.start, r.end))
    return out


def _furniture(line: str) -> bool:
    """Whether page furniture cuts ``line`` (a byline, a newspaper's header), its spaces closed as the layout step
    reads it."""
    from zhfacts.normalize import layout as norm_layout

    return bool(norm_layout.classify_lines(close_spaces(Buf.identity(line)))[1])


def normalize(text: str | bytes, *, published: _dt.date | str | None = None, path: str | None = None) -> NormalizedDoc:
    """Normalize one article. ``text`` is the original (str, or bytes decoded with :func:`zhfacts.io.decode_bytes`)."""
    from zhfacts.normalize import html as norm_html
    from zhfacts.normalize import layout as norm_layout
    from zhfacts.normalize import script as norm_script
    from zhfacts.normalize import sentences as norm_sentences

    encoding = "utf-8"
    if isinstance(text, (bytes, bytearray)):
        from zhfacts.io import decode_bytes

        original, encoding = decode_bytes(bytes(text), path=path)
    else:
        original = text
    override = parse_published(published)
    warnings: list[str] = []

    buf = Buf.identity(original)
    is_html = norm_html.looks_like_html(original)
    if is_html:
        buf = norm_html.strip_html(buf)
    buf = fix_chars(buf)  # unify_line_ends, drop_invisible, to_halfwidth
    written = buf.text
    buf = drop_pinyin_glosses(buf)
    buf = drop_stray_commas(buf)  # (统计,,1-4月, 东盟,、中东: a copy's doubled marks)
    buf = drop_emphasis_marks(buf)  # (**甲乙枢纽**的机架…: a page's markdown emphasis)

    info = norm_script.analyse(buf.text)
    plain = info.plain(buf.text)
    decision = norm_script.region_decision(plain, info.plain_chars(), buf.text, info.script,
                                           written if len(written) != len(buf.text) else None)
    analysed = buf
    buf, config = norm_script.to_simplified(buf, info, norm_script.choose_config(decision))
    # the text's characters, unless conversion brought new ones (closing spaces adds none)
    chars = info._chars if buf is analysed else None
    script = info.script
    del analysed, plain, info  # earlier generations of the text: peak memory is a few copies, not all

    buf = close_letter_spacing(buf)
    buf = headline_phrases(buf, _furniture)  # (营收续创高 乙科…: the headline's phrase spaces are clause boundaries)
    buf = tag_spaces(buf)  # (粮食 全年播种面积…: a bulletin's section tag, then its sentence)
    buf = close_spaces(buf)

    lines, cuts = norm_layout.classify_lines(buf, chars=chars)
    removed = _regions(original, buf, cuts)
    candidates = [(c.kind, buf.text[c.start:c.end]) for c in cuts]
    buf, layout = norm_layout.assemble(buf, lines, original, use_original_width=not is_html)
    buf = break_flattened(buf)  # (…成效。 数据资源…: a flattened paragraph break, after the furniture is cut)
    buf = norm_layout.split_pipe_rows(buf)  # (a markdown table run into one line: a line a row again)
    buf = norm_layout.pipe_flattened(buf)  # (a table printed one cell a line: a pipe table, one line a row)
    buf = norm_layout.join_wrapped_headers(buf)  # (地区 | 甲量(万户) |⏎甲收入 (万元) |: a header a page wrapped)

    if override is not None:
        pub_date, pub_source = override, "override"
    else:
        pd = find_published(candidates, buf.text)
        pub_date, pub_source = pd.date, pd.source
        warnings.extend(pd.warnings)
    if not buf.text:
        warnings.append("no body text left after removing boilerplate")

    paragraphs = norm_sentences.paragraph_spans(buf.text)
    sentences = norm_sentences.sentence_spans(buf.text, paragraphs)
    doc = NormalizedDoc(
        original=original,
        text=buf.text,
        starts=buf.starts,
        ends=buf.ends,
        published=pub_date,
        published_source=pub_source,
        script=script,
        region=decision.region,
        region_evidence=decision.to_json(),
        encoding=encoding,
        removed=removed,
        paragraphs=paragraphs,
        sentences=sentences,
        warnings=warnings,
    )
    disk_cache.flush(every=disk_cache.BATCH_FLUSH_SECONDS)  # (what this document compiled, for the next process)
    return doc


def normalize_file(path, *, published=None) -> NormalizedDoc:
    """Read ``path`` (any supported encoding) and normalize it."""
    from zhfacts.io import read_document

    original, encoding = read_document(path)
    doc = normalize(original, published=published, path=str(path))
    doc.encoding = encoding
    return doc
