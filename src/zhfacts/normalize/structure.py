"""The document model: what each part of an article is, before extraction.

:func:`blocks` labels every kept paragraph (``headline``, ``lead`` -- a summary
or the first body paragraph --, ``body``) and every removed region (its kind
refined by the rule that cut it: ``dateline``, ``byline``, ``editor``,
``caption``, and the page furniture kinds), in the order they stand in the
original.  Later steps use where a name stands: a headline names the
document's subject (``全省``/``公司`` refer to it), a byline or a dateline never
holds a value (they are cut from the body).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from zhfacts.normalize.doc import NormalizedDoc

BLOCK_KINDS = ("headline", "lead", "body", "dateline", "byline", "editor", "caption", "breadcrumb", "metadata",
               "related", "disclaimer", "header", "widget")
_SUMMARY = regex.compile(r"^[【\[]?(?:摘要|内容摘要|导读|内容提要|核心提示|编者按)[】\]]?\s*[:：]?")
# (a headline may end on its own ！ or ？, 台湾人才缺口创历史新高！, 有多少企业拥抱了？: a line ending so with no other
# sentence end inside stays a headline)
_SENTENCE_END = regex.compile(r"[。；;…]\s*[”’」』）)]*$|[。！？!?；;][^。！？!?；;]*[！？!?]\s*[”’」』）)]*$")
_NAVIGATION = regex.compile(r"首页|当前位置|您的位置")
_SEPARATORS = regex.compile(r"[|｜›»>]")
_SITE_SUFFIX = regex.compile(r"\s*[|｜_]\s*[^|｜_，,。]{1,10}$")  # a web title's site or column after it
HEADLINE_MAX = 48  # characters (a financial site's headline runs to about 45 with its commas)
HEADLINE_MIN = 8  # characters: a longer first line is a paragraph, not a headline
# a first line that shares fewer of its character pairs than this with the rest of the page is a stray title (a
# page's unrelated SEO title, 某市中考志愿何时填报, above a piece on phone shipments), not the piece's headline;
# judged only for a line of at least HEADLINE_PAIRS_MIN pairs of Han characters above a text of at least
# HEADLINE_REST_MIN characters (a short note shares few words with any headline)
HEADLINE_SHARED_MIN = 0.15
HEADLINE_PAIRS_MIN = 6
HEADLINE_REST_MIN = 150
_HAN_RUN = regex.compile(r"\p{Han}{2,}")


@dataclass(frozen=True)
class Block:
    """One part of the article: ``start``/``end`` half-open in the ORIGINAL text;
    ``text_span`` the same part in the normalized text, None when it was removed."""

    kind: str
    start: int
    end: int
    text_span: tuple[int, int] | None = None

    def to_json(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end,
                "text_span": list(self.text_span) if self.text_span else None}


def _removed_kind(kind: str, rule: str) -> str:
    if rule.startswith("dateline.") or rule == "byline.dateline_paren":
        return "dateline"
    if rule == "byline.editor" or rule.startswith("source.editor"):
        return "editor"
    return kind


# a line that is a full date and words with no figure (2023年5月15日 重要通告 港股直击): the page's furniture
_DATED_FURNITURE = regex.compile(r"\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})[^\d]*$")


def _headline_index(doc: NormalizedDoc) -> int | None:
    """The headline: the first paragraph that is not navigation (网首页|新闻|本地) or a short
    line of furniture, if it is short, has no sentence end and more paragraphs follow."""
    return _headline_scan(doc)[0]


def _headline_scan(doc: NormalizedDoc) -> tuple[int | None, int | None]:
    """(the headline's paragraph index, where a stray title before it ends): :func:`_headline_index`."""
    stray = None
    for i, (s, e) in enumerate(doc.paragraphs[:4]):
        text = doc.text[s:e].strip()
        if _NAVIGATION.search(text) or len(_SEPARATORS.findall(text)) >= 2 or len(text) < HEADLINE_MIN \
                or _DATED_FURNITURE.match(text):
            continue  # navigation, or page furniture such as 订阅电子报登录 / 2023年5月15日重要通告港股直击
        title = _SITE_SUFFIX.sub("", text)  # 寒武纪Q3营收…增持 | 财报见闻: the column's name is no part of it
        if i + 1 < len(doc.paragraphs) and len(title) <= HEADLINE_MAX and not _SENTENCE_END.search(title):
            if _stray_title(title, doc.text[e:]):
                stray = e
                continue  # (the page's title of another story: no headline of this one)
            return i, stray
        return None, stray
    return None, stray


def _pairs(text: str) -> set[str]:
    return {run[k:k + 2] for run in _HAN_RUN.findall(text) for k in range(len(run) - 1)}


def _stray_title(title: str, rest: str) -> bool:
    """Whether a first line shares almost none of its pairs of Han characters with the text after it."""
    pairs = _pairs(title)
    if len(pairs) < HEADLINE_PAIRS_MIN or len(rest) < HEADLINE_REST_MIN:
        return False
    return sum(1 for p in pairs if p in rest) < HEADLINE_SHARED_MIN * len(pairs)


def blocks(doc: NormalizedDoc) -> list[Block]:
    """Every part of ``doc``, kept and removed, in original order."""
    out = [Block(_removed_kind(r.kind, r.rule), r.start, r.end) for r in doc.removed]
    lead_done = False
    head = _headline_index(doc)
    for i, (s, e) in enumerate(doc.paragraphs):
        text = doc.text[s:e].strip()
        if not text:
            continue
        if head is not None and i < head:
            kind = "breadcrumb"  # navigation the normalizer kept
        elif i == head:
            kind = "headline"
        elif _SUMMARY.match(text) or not lead_done:
            kind, lead_done = "lead", True
        else:
            kind = "body"
        os_, oe = doc.to_original(s, e)
        out.append(Block(kind, os_, oe, (s, e)))
    out.sort(key=lambda b: (b.start, b.end))
    return out


def headline(doc: NormalizedDoc) -> tuple[int, int] | None:
    """The headline's span in the normalized text, if the article starts with one; after a stray title (a
    page's title of another story) with no headline after it, an empty span where that title ends (the piece's
    lead starts after it, and it names no subject)."""
    i, stray = _headline_scan(doc)
    return doc.paragraphs[i] if i is not None else (stray, stray) if stray is not None else None


_LABEL_LINES = regex.compile(r"(?:\s*\p{Han}{1,4}[ \t\u3000]*\n)+")  # 快讯, 独家: a label line before the lead


def lead_sentence(text: str, headline: tuple[int, int] | None) -> tuple[int, int]:
    """Where the body's first sentence (the lead) stands in ``text``: after the headline and any label
    line of a few characters (快讯), to its first 。 (the end of ``text`` when there is none)."""
    start = headline[1] if headline else 0
    label = _LABEL_LINES.match(text, start)
    if label is not None and label.end() < len(text):
        start = label.end()
    end = text.find("。", start)
    return start, len(text) if end < 0 else end
