"""HTML input: tags, scripts and styles out, entities decoded, offsets kept.

A document is HTML when it starts with ``<!DOCTYPE`` or ``<html`` (after
whitespace), or when it is mostly markup (at least five known tags making up a
fifth of the text). :func:`strip_html` maps every kept character to its place in
the HTML: a decoded entity maps to the whole entity (``&raquo;`` -> ``»``), a
block tag becomes a ``\\n`` mapped to the tag, a run of source whitespace one
space (HTML collapses it; lines come from block tags).
"""
from __future__ import annotations

import regex

from zhfacts.normalize.offsets import Buf, LazyPattern, apply_edits

_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "tbody", "thead",
    "tfoot", "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dd", "dt", "dl",
    "figure", "figcaption", "hr", "title", "form", "option", "main", "address", "caption", "center", "body",
    "html", "head", "details", "summary", "fieldset", "legend", "select", "textarea",
}
_CELL = {"td", "th"}
_KNOWN_RE = LazyPattern(r"<(?:p|div|br|span|a|table|h[1-6]|li|img|script|style|meta|body|head)\b", regex.I)
_TAG_RE = LazyPattern(r"<[A-Za-z/!?][^<>]{0,2000}>")
_TOKEN_RE = LazyPattern(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<drop><(?P<dt>script|style|noscript|template|svg|iframe|object|canvas)\b[^>]*>.*?(?:</(?P=dt)\s*>|\Z))"
    r"|(?P<decl><[!?][^>]*>)"
    r"|(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>)"
    r"|(?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<space>[ \t\r\n\f]+)",
    regex.I | regex.S,
)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head[:1] == "<":  # (lowercasing makes no "<" of another character)
        head = head.lower()
        if head.startswith(("<!doctype", "<html")) or (head.startswith("<?xml") and "<html" in head):
            return True
    sample = text[:200_000]
    if "<" not in sample:  # no tag (and no "<" to start the head with)
        return False
    if not _KNOWN_RE.search(sample):
        return False
    tags = _TAG_RE.findall(sample)
    return len(tags) >= 5 and sum(map(len, tags)) >= 0.2 * len(sample)


def strip_html(buf: Buf) -> Buf:
    import html  # lazy: only HTML input needs the entity tables

    text = buf.text
    edits = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("comment") is not None or m.group("drop") is not None or m.group("decl") is not None:
            edits.append((m.start(), m.end(), ""))
        elif m.group("tag") is not None:
            name = m.group("name").lower()
            if name in _BLOCK:
                edits.append((m.start(), m.end(), "\n"))
            elif name in _CELL:
                edits.append((m.start(), m.end(), " "))
            else:
                edits.append((m.start(), m.end(), ""))
        elif m.group("entity") is not None:
            dec = html.unescape(m.group())
            if dec != m.group():
                edits.append((m.start(), m.end(), dec))
        elif m.group("space") is not None:
            if m.group() != " ":
                edits.append((m.start(), m.end(), " "))
    return apply_edits(buf, edits)
