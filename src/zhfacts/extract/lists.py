"""Lists that distribute: ``甲、乙分别为x、y`` gives the k-th value to the k-th item.

A list of n names before 分别/依次 and a group of n joined values after it
distribute in order (contract section 1a).  The items are either the holders
(places, companies, sites: 东、中、西部地区, 甲、乙两市, 和林格尔集群、乌兰察布集群)
or parts of the metric (industries, product classes, business lines:
运营商和金融行业, 云计算和大数据收入, NPU、ASIC等加速服务器): then the place stays the
holder and each value's metric names its item (contract 1a: a market, industry
or product class is part of the metric).

:class:`ListReader` finds the items, the words the items share (the tail after
the last item: 收入同比增速, 5G基站) and that role; attribution takes the holder
items as list slots, the metric finder prefixes the class items to the tail.
Cues and class words live in ``rules/metrics.yaml`` (``list_cues``,
``list_class_heads``, ``list_holder_heads``).

A trade's partners listed each with its own change, 输往甲地上升5%、乙地上升3%及丙地上升1% /
其中输往甲地(+5%)、乙地(+3%) / 以接自甲国增4亿美元、乙地增3亿美元, are no holders: :meth:`ListReader.trade_chains`
finds such chains (rules/attribution.yaml ``trade_partner``: ``chain_openers``, ``chain_verbs``,
``chain_signs``), attribution takes their items as partners and the metric finder names the trade
with each item (输往乙地的整体出口货值上升).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter

import regex

# jieba's tags of names: an item with one may be a holder (narrower than entities._NAMED_TAGS: an abbreviation, j, or a
# Latin word, eng, names a class as often as a holder: AI芯片, 5G手机)
from zhfacts.extract.entities import NAME_TAGS as _NAME_TAGS
from zhfacts.extract.firstchars import stdlib_first
from zhfacts.extract.numerals import number_value
from zhfacts.normalize.guard import DIGIT_RE

_CLAUSE_SEP = "，,；;：:"
_SENT_END = "。！？!?"
_NOTE = stdlib_first(r"[（(][^（()）\d]{1,12}[)）]")  # a short note in brackets, no figure in it
_FIGURE_NOTE = stdlib_first(r"[（(][^（()）]{1,16}[)）]")  # (512万片): a bracket holding a value attached to the one before
_ADVERBS_BEFORE_CUE = frozenset("则也亦均都还又更")  # (乙则分别…, 丙也分别…: adverbs between the list and its cue)
# a change's basis: between a list and its cue (…产量同比分别增长), or the items of a list of changes (同比、环比分别增长)
CHANGE_BASES = ("同比", "环比", "按年", "按月", "按季")
_BASE_BEFORE_CUE = regex.compile("(?:" + "|".join(CHANGE_BASES) + r"|(?:较|比)(?:上年|去年)(?:同期)?)$")
_COUNTED_IN = regex.compile(r"(?<=[\p{Han}A-Za-z])(?P<n>[两二三四五六七八九十]|(?<!\d)[2-9])(?:个)?(?:行政)?[市省县区地家国](?=\p{Han})")
_LOOKBACK = 4  # clauses searched back for the list a clause's 分别 refers to
_NAME_PART = regex.compile(r"[\p{Han}A-Za-z]{2}")  # (-U(688256.SH): a masked name keeps its code)
_SHARED_MAX = 8  # the words a list's items share after its last item, at most
_ITEM_SLACK = 3  # how much longer than the item before the last item may be, its shared quantity cut off
_ITEM_MAX = 12  # the longest item of a list split at one kind of joiner alone (一般及行政开支, 绝缘电线及类似导体制品)
# 甲、乙两市 / 合肥、芜湖、蚌埠三市 / 甲乙两家: the count of the list and its class (a count of holders)
_ROUTE = regex.compile(r".(?:至|到|往|对)")
_CODE_LIKE = regex.compile(r"[（(]|\d{3,}|\d\.\d")  # 甲(688270.SH): a listed company's code (3D打印设备, 5G手机: terms)
# a brand in Latin letters, capitalised (Rivola和Vexa; Rivola、乙销量), names a holder; an acronym or a product
# (DRAM、NAND Flash, iPhone) does not
_LATIN_NAME = regex.compile(r"[A-Z][a-z]+(?:[ .&-]?[A-Za-z]+)*")
_STOP = regex.compile(r"今年|去年|前|于|在|以|均|共|合计")
_COUNTED = regex.compile(r"^(?P<head>.{1,12}?)(?:[两二三四五六七八九十]|\d{1,2})(?:个)?(?:行政)?(?P<cls>[区市省县地家国者所座])")


@dataclass(frozen=True)
class ListParse:
    """A list before 分别: ``spans`` of its items in the text, ``names`` (the items, a shared
    place word added: 东、中部地区 -> 东部地区, 南、北两区 -> 南区), ``tail_start`` (where the
    words all items share begin), ``tail_end`` (where they end: the cue, or the end of an earlier
    clause whose list a later clause's 分别 takes) and ``role``: "holder", "metric", "route"
    (destinations: no holders) or "" (undecided)."""

    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]
    tail_start: int
    role: str
    tail_end: int

    def shared(self, text: str, stops) -> str:
        """The words the items share, up to the first of ``stops`` (接单|明显成长)."""
        words = text[self.tail_start:self.tail_end]
        m = stops.search(words)
        return words[:m.start()] if m else words


@dataclass(frozen=True)
class TradeChain:
    """Values each after a partner of a trade and its change (输往甲地上升5%、乙地上升3%): per value,
    its start (``starts``), its partner's span (``items``), the partner's cue (``cues``: its own, else
    the first item's, else "") and the change it states (``verbs``: 上升, or a sign's noun: (+5%) -> 升幅)."""

    starts: tuple[int, ...]
    items: tuple[tuple[int, int], ...]
    cues: tuple[str, ...]
    verbs: tuple[str, ...]

    def at(self, start: int) -> int | None:
        """The index of the value that starts at ``start``, or None."""
        return self.starts.index(start) if start in self.starts else None


_START = attrgetter("start")
_BRACKET = regex.compile(r"[（(][^（()）]{1,30}[)）]")


def clause_start(text: str, lo: int, hi: int) -> int:
    """Where the clause that ends at ``hi`` starts (``lo`` at the earliest): after its last separator, never a
    thousands comma (中国内地(2,210元)及香港(960元)…: one clause) nor a comma inside a bracket closed before ``hi``
    (甲地(12.3亿元，澳门元，下同)及乙地…: one clause)."""
    k = hi
    while True:
        at = max([text.rfind(p, lo, k) for p in _CLAUSE_SEP] + [lo - 1])
        if at < lo or text[at] not in ",，":
            return at + 1
        if not (text[at - 1:at].isdigit() and text[at + 1:at + 2].isdigit()):
            opened = max(text.rfind("（", lo, at), text.rfind("(", lo, at))
            if opened < 0 or max(text.rfind("）", opened, at), text.rfind(")", opened, at)) >= 0 \
                    or max(text.find("）", at, hi), text.find(")", at, hi)) < 0:
                return at + 1
        k = at


FIGURE_BRACKET = r"\s?[（(][^（）()]{0,16}\d[^（）()]{0,16}[)）]"  # (1,071元), (+3.2%): a figure's bracket (also attribution's)
_FIGURE_BRACKET = regex.compile(FIGURE_BRACKET)
_QUANTITY_BEFORE = regex.compile(r"\d[^，,；;。]{0,24}[，,；;]\s*[\p{Han}，,]{0,5}$")  # (…下跌14.6%，当中: a figure, then the cue's clause)


def _unbracketed(text: str, a: int, b: int) -> int:
    """The end of item text[a:b] without a bracket that closes it (甲地区（不含乙和丙）, 丁（EMEA）)."""
    m = _BRACKET.search(text, a + 1, b)
    return m.start() if m is not None and m.end() == b else b


class ListReader:
    def __init__(self, rules, names):
        m = rules.raw["metrics"]
        self.forbidden = names.list_forbidden_rx  # 第1、2季: the pieces of a date list are no items
        self.names = names  # (metric_only: 营业收入和净利润 are metrics, no holders)
        # a listed company's code after its name (甲（2269）, 乙科(ABC.US)): metrics.yaml stock_code
        self.code_rx = regex.compile(m.get("stock_code") or "(?!)")
        self.code_tail_rx = regex.compile(f"(?:{m.get('stock_code') or '(?!)'})$")
        by_len = lambda ws: sorted(set(ws), key=len, reverse=True)  # noqa: E731
        self.joiners = frozenset(m["list_joiners"])
        self.part_cues = tuple(m.get("part_cues", ()))
        self.item_marks = (m.get("item_marks") or {}).get("marks", "") + " "  # (- 甲、乙…: a bullet opens no item)
        # qualifiers after a value (及以上, qualifiers.yaml): a joiner that begins one joins no items
        self.after_quals = tuple(w for q in rules.raw["qualifiers"]["qualifiers"] if q.get("position") == "after"
                                 for w in q["words"])
        self.cue_rx = regex.compile("|".join(map(regex.escape, by_len(m["list_cues"]))))
        # 分别, 均: a cue that spreads a figure or a bound over the items (list_cues and list_bound_cues)
        self.spread_rx = regex.compile("|".join(map(regex.escape, by_len(m["list_cues"] + m.get("list_bound_cues", [])))))
        self.class_heads = tuple(by_len(m["list_class_heads"]))
        self.origin_heads = tuple(by_len(m.get("list_origin_heads", [])))  # (香港及台湾旅客分别占…: where visitors come from)
        self.shared_quantities = tuple(by_len(m.get("list_shared_quantities", [])))
        self.goods_verbs = tuple(by_len(m.get("list_goods_verbs", [])))  # (甲、乙分别出口x、y: classes of goods)
        # 全省, 公司 (entities.yaml scope_aliases): a scope word opening the first item is no class the later items share
        self.scope_words = tuple(by_len(w for ws in rules.raw["entities"].get("scope_aliases", {}).values() for w in ws))
        self.holder_heads = regex.compile("(?:" + "|".join(map(regex.escape, by_len(m["list_holder_heads"]))) + ")")
        # 三次产业…分别为x、y、z: one word for its classes (metrics.yaml list_collectives)
        self.collectives = {w: tuple(items) for w, items in m.get("list_collectives", {}).items()}
        self.collective_rx = regex.compile("|".join(map(regex.escape, by_len(self.collectives))) or "(?!)")
        # 四个地区…分别为x、y、z、w: one word for a fixed list of holders (metrics.yaml list_collective_holders)
        self.holder_collectives = {w: tuple(items) for w, items in m.get("list_collective_holders", {}).items()}
        self.holder_collective_rx = regex.compile("|".join(map(regex.escape, by_len(self.holder_collectives))) or "(?!)")
        self.split_rx = regex.compile("|".join(map(regex.escape, by_len(self.joiners))))
        self.joiner_order = tuple(m["list_joiners"])  # (as the rules list them: 、 first)
        # the ways _at_one_joiner splits a list: at one kind of joiner alone, then at every kind but one (甲及乙器件、丙、
        # 丁和戊: 及 inside an item's name), the rarer list joiners skipped first (及 before 和, which ends most lists)
        self.one_joiner_splits = tuple({"only": j} for j in self.joiner_order) \
            + tuple({"skip": j} for j in reversed(self.joiner_order[1:]))
        self.shared_bound_rx = regex.compile("(?:" + "|".join(map(regex.escape, by_len(m["list_shared_bounds"]))) + ")")
        self.rank_rx = regex.compile(m.get("list_rank") or "(?!)")  # (…居全国前5，分别增长: the items' rank, no figure)
        # (甲、乙…丙4市完成投资…x: the holders counted right after their list, metrics.yaml list_group_count)
        self.group_count_rx = regex.compile(m.get("list_group_count") or "(?!)")
        contrasted = next((f for f in rules.raw["attribution"]["features"] if f["feature"] == "contrasted_class"), {})
        # (全省甲、乙普及率…: a place's scope word opens no item, attribution.yaml contrasted_class place_words)
        openers = m["list_openers"] + contrasted.get("place_words", [])
        self.openers = regex.compile("(?:(?:" + "|".join(map(regex.escape, by_len(openers))) + ")[，,]?)+")
        # 甲类企业和乙类企业分别…: classes of organisations the list contrasts hold their figures (contrasted_class heads)
        self.org_heads = tuple(by_len(contrasted.get("heads", [])))
        # (5月中国内地、香港及台湾旅客分别…: a period before a list of the places visitors come from)
        self.opener_times = regex.compile(m["list_opener_times"]) if m.get("list_opener_times") else None
        self.class_frame_rx = regex.compile("|".join(map(regex.escape, by_len(m["class_share"]["frames"]
                                                                             + m.get("list_class_frames", [])))))
        copulas = by_len(m.get("list_copulas", []))
        # (a copula after the last item: what the items are, no part of it -- metrics.yaml list_copulas)
        self.copula_rx = regex.compile("|".join(map(regex.escape, copulas)) or "(?!)")
        # (均 of 人均, 平均 is a word's, no stop: 旅客的人均消费)
        self.shared_stops = regex.compile("|".join("(?<![人平])均" if w == "均" else regex.escape(w)
                                                   for w in by_len(m["list_shared_stops"] + copulas)))
        # 合计w after 甲、乙、丙三家分别占x、y、z: a total of the list (the cue, a predicate at most)
        self.total_cue_rx = stdlib_first("(?P<cue>{t})".format(t="|".join(map(regex.escape, by_len(m["list_total_cues"])))))
        self.total_rx = stdlib_first(r"(?P<cue>{t})\p{{Han}}{{0,2}}".format(t="|".join(map(regex.escape, by_len(m["list_total_cues"])))))
        trade = next((e for e in rules.raw["attribution"]["features"] if e["feature"] == "trade_partner"), {})
        alt = lambda ws: "|".join(map(regex.escape, by_len(ws))) or "(?!)"  # noqa: E731
        self.chain_signs = dict(trade.get("chain_signs", {}))
        self.goods_rx = regex.compile(alt(trade.get("goods", [])))
        self.goods_end_rx = regex.compile(f"(?:{alt(trade.get('goods', []))})$")
        self.chain_context = regex.compile(alt(trade.get("context", []) + trade.get("marks", []) + trade.get("goods", [])))
        cue = alt(trade.get("marks", []) + trade.get("change_before", []))  # an item's partner cue (输往, 接自)
        self.chain_cue = regex.compile(cue)
        # an item: a partner (no digit, no 的), its own trade at most, then its change or a bracket with a sign
        item = (r"(?P<cue>{c})?(?P<item>[\p{{Han}}A-Za-z][\p{{Han}}A-Za-z·]{{0,11}}?)(?P<own>的?(?:{g}))?"
                r"(?:(?P<verb>{v})|[（(](?:(?P<sign>{s})|(?P<bverb>{v}))?)").format(
            c=cue, g=alt(trade.get("goods", [])),
            v=alt(trade.get("chain_verbs", [])), s=alt(list(self.chain_signs)))
        self.chain_first = regex.compile(r"(?:{o})?{i}".format(o=alt(trade.get("chain_openers", [])), i=item))
        self.chain_opener = stdlib_first(alt(trade.get("chain_openers", [])))
        self.chain_next = regex.compile(r"[)）]?\s*(?:{j})\s*(?:{o})?{i}".format(
            j=alt(m["list_joiners"]), o=alt(trade.get("chain_openers", [])), i=item))

    # ----------------------------------------------------------------- groups
    def group(self, text: str, values: list, v, sent: tuple[int, int], notes: bool = False) -> list:
        """The values joined to ``v`` by list joiners in its sentence (3%、5%和8%), in order; with
        ``notes``, past a bracket holding a figure (14.6%(512万片)和12.9%: ``values`` then leaves out
        the figures in such brackets, see :func:`attached`)."""
        # (``values`` are in text order, one per start: found by position, not by
        # comparing dataclasses one by one as ``values.index(v)`` would)
        i = bisect_left(values, v.start, key=_START)
        if i == len(values) or values[i] is not v:
            i = values.index(v)
        j, k = i, i + 1
        while j > 0 and values[j - 1].start >= sent[0] and values[j - 1].end <= values[j].qual_start \
                and self._joined(text[values[j - 1].end:values[j].qual_start], notes):
            j -= 1
        while k < len(values) and values[k].start < sent[1] and values[k - 1].end <= values[k].qual_start \
                and self._joined(text[values[k - 1].end:values[k].qual_start], notes):
            k += 1
        return values[j:k]

    def group_of(self, text: str, values: list, v, sent: tuple[int, int]) -> tuple[list, object]:
        """The group of joined values ``v`` belongs to and ``v``'s member in it: ``v`` itself, or, for a
        value in a bracket right after another (甲和乙分别以14.6%(512万片)和12.9%(457万片)…), the value
        before it, the list then being of the values outside such brackets."""
        group = self.group(text, values, v, sent)
        if len(group) >= 2:
            return group, v
        i = bisect_left(values, v.start, key=_START)  # (by position, as group finds it)
        if i >= len(values) or values[i] is not v:
            i = values.index(v)
        if not attached(text, values, i) and not (i + 1 < len(values) and attached(text, values, i + 1)):
            return group, v  # (no bracketed figure beside it: nothing to regroup)
        while i > 0 and attached(text, values, i):
            i -= 1
        main = [x for k, x in enumerate(values) if not attached(text, values, k)]
        return self.group(text, main, values[i], sent, notes=True), values[i]

    def _joined(self, gap: str, notes: bool = False) -> bool:
        """Whether ``gap`` joins two values of one list: a joiner, after a short bracketed note at most
        (1159.4亿元（人民币，下同）、63.1亿元; with ``notes`` also one holding a figure)."""
        gap = gap.strip()
        if gap in self.joiners:
            return True
        m = (_FIGURE_NOTE if notes else _NOTE).match(gap)
        return m is not None and gap[m.end():].strip() in self.joiners

    def total_of(self, text: str, clause: tuple[int, int], qual_start: int, parsed) -> tuple[int, int] | None:
        """合计w after 甲、乙、丙三家分别占x、y、z in its sentence: the span of the list of holders
        (甲、乙、丙三家) whose total the value at ``qual_start`` is, when its clause opens with a
        total cue; ``parsed``: the lists parsed before it in the sentence, last first."""
        m = self.total_rx.fullmatch(text, clause[0], qual_start)
        if not m:
            return None
        # (an undecided list of names, 甲、乙、丙分别以x、y、z…，合计w, holds too: its items held the values)
        lp = next((lp for lp in parsed if lp is not None and lp.role in ("holder", "")), None)
        n = self.total_count(m.group("cue"))
        if lp is None or (n and n != len(lp.names)):
            return None  # (甲以x居首，乙和丙分别占y、z，三者合共占w: the two listed are not the three)
        return lp.spans[0][0], lp.tail_start

    @staticmethod
    def total_count(cue: str) -> int:
        """The count a total cue names (三者合计 -> 3; 合计 -> 0)."""
        return next((i + 2 for i, d in enumerate("二三四五六七八九") if d in cue), 2 if "两" in cue else 0)

    # ----------------------------------------------------------------- trade chains
    def trade_chains(self, text: str, values: list, sent: tuple[int, int], lo: int) -> tuple[TradeChain, ...]:
        """The chains of partner items in sentence ``sent`` (at least two values each, each after
        its item and change: 尤其是甲地上升5%、乙地上升3%); a chain counts only in a trade: its first
        item has a partner cue (输往, 接自), or the text from ``lo`` (its sentence and the two before)
        names a trade or its partners before it (整体出口货值, 主要供应地, 接单地区)."""
        inside = [v for v in values if sent[0] <= v.start and v.end <= sent[1]]
        if len(inside) < 2:
            return ()  # (a chain holds two values at least)
        out: list[TradeChain] = []
        cur: list = []

        def close():
            if len(cur) >= 2:
                first = cur[0][1]
                if first.group("cue") or self.chain_context.search(text, lo, first.start()):
                    cue = first.group("cue") or ""
                    out.append(TradeChain(tuple(v.start for v, _ in cur), tuple(m.span("item") for _, m in cur),
                                          tuple(m.group("cue") or cue for _, m in cur),
                                          tuple(m.group("verb") or m.group("bverb")
                                                or ("" if m.group("sign") is None and v.unit_kind != "percent"
                                                    else self.chain_signs.get(m.group("sign") or "+", ""))
                                                for v, m in cur)))  # (产自甲(x亿元)及乙(y亿元): amounts, no 升幅)
            cur.clear()
        for i, v in enumerate(inside):
            if cur:
                m = self.chain_next.fullmatch(text, inside[i - 1].end, v.qual_start)
                if m is not None and not self.goods_rx.search(m.group("item")):
                    cur.append((v, m))
                    continue
                close()
            a = clause_start(text, sent[0], v.qual_start)
            m = self._first_item(text, a, v.qual_start)
            if m is not None:
                cur.append((v, m))
        close()
        return tuple(out)

    def _first_item(self, text: str, a: int, b: int):
        """The item that opens a chain in text[a:b]: after the last opener there (尤其是, 以), or a
        clause that opens with its partner cue (输往甲地上升); a clause of a name and a change alone
        (香港出口货值上升) opens none."""
        opener = None
        for opener in self.chain_opener.finditer(text, a, b):
            pass
        m = self.chain_first.fullmatch(text, opener.start() if opener else a, b)
        if m is None or self.goods_rx.search(m.group("item")):
            return None
        # (no opener and no partner cue at the clause's start: the item has neither, unless its change
        # stands in a bracket right after it (此外，甲地(跌9%)、乙地(跌5%)…): a chain still needs a trade
        # named before it, see :meth:`trade_chains`)
        if not (opener or m.group("cue") or (m.group("own") is None and m.group("verb") is None)):
            return None
        return m

    @staticmethod
    def _comma_names(text: str, sent_start: int, comma: int, cands, want: int) -> list[tuple[int, int]]:
        """The names before the comma at ``comma``, each alone between commas (甲市，乙省，|丙省收入分别为…): the
        first items of a list whose joiners are commas, the first of them opening its clause; [] when the
        clauses before hold anything but names or fewer than ``want`` of them."""
        named = {c.end: c for c in cands if c.named and c.origin != "list" and c.type in ("GPE", "ORG")}
        out: list[tuple[int, int]] = []
        while len(out) < want:
            c = named.get(comma)
            if c is None or c.start < sent_start:
                return []
            out.append((c.start, c.end))
            if c.start == sent_start or text[c.start - 1] not in "，,":
                break
            comma = c.start - 1
        a = out[-1][0] if out else sent_start
        if len(out) != want or not (a == sent_start or text[a - 1] in _CLAUSE_SEP):
            return []  # (戴尔和惠普,同比下滑分别是x和y: a name inside its clause opens no comma list)
        return out[::-1]

    # ----------------------------------------------------------------- parse
    def parse(self, text: str, sent_start: int, first: int, n: int, tokens=None, cands=()) -> ListParse | None:
        """The list of ``n`` items before the cue (分别, 依次) that precedes the value at ``first``."""
        if n < 2:
            return None
        cues = list(self.cue_rx.finditer(text, sent_start, first))
        if not cues:
            return None
        cue = cues[-1].start()
        ranked = text.startswith("以", cues[-1].end())  # (甲、乙分别以x、y位列…: a ranking of holders)
        while cue > sent_start and text[cue - 1] in _ADVERBS_BEFORE_CUE:
            cue -= 1  # (营收和净利润则分别…: the adverb is no part of the last item)
        base = _BASE_BEFORE_CUE.search(text, sent_start, cue)
        if base is not None and base.start() > sent_start and text[base.start() - 1] not in "、和及与，,":
            cue = base.start()  # (甲、乙、丙产量同比分别增长…, …产量较上年分别提高: the comparison's basis is no part of
            # the last item; 同比、环比分别 lists them)
        start = clause_start(text, sent_start, cue)
        while start < cue and text[start] in self.item_marks:
            start += 1  # (- 销售费率、管理费率分别…: a bullet's mark is no part of the first item)
        o = self.openers.match(text, start, cue)
        # (当中甲、乙分别减少…: a clause that opens with a part cue lists parts of the quantity before it)
        part_opened = o is not None and o.group().startswith(self.part_cues)
        if o:
            start = o.end()
        ranks = [m for m in self.rank_rx.finditer(text, start, cue) if text.startswith("的", m.end())]
        if ranks:
            start = ranks[-1].end() + 1  # (收入总量居前三位的甲、乙、丙…分别: the rank that picks them, no part of the first)
        # a joiner inside a bracket (甲地区（不含乙和丙）) or a known name (欧洲、中东和非洲) joins no items
        keep = [m.span() for m in _BRACKET.finditer(text, sent_start, first)] \
            + [(c.start, c.end) for c in cands if c.named and c.origin != "list" and sent_start <= c.start < first]
        parts = self._split(text, start, cue, tokens, keep=keep)
        if len(parts) < n and start > sent_start and text[start - 1] in "，,":
            parts = self._comma_names(text, sent_start, start - 1, cands, n - len(parts)) + parts  # 甲市，乙省，丙省收入分别为…
        if len(parts) == 1 and (col := self.collective_rx.search(text, start, cue)) is not None \
                and len(self.collectives[col.group()]) == n:
            return ListParse((col.span(),) * n, self.collectives[col.group()], col.end(), "metric", cue)
        if len(parts) == 1 and (col := self.holder_collective_rx.match(text, start, cue)) is not None \
                and len(self.holder_collectives[col.group()]) == n:
            return ListParse((col.span(),) * n, self.holder_collectives[col.group()], col.end(), "holder", cue)
        if len(parts) > n:  # 光学与精密仪器、电子零组件|出口值 / 销售成本和一般及行政开支: the items split at one
            # kind of joiner alone (、 first) when the count says so
            parts = self._at_one_joiner(text, start, cue, n, tokens, keep) or parts
        if len(parts) == 1 and not any(c.named and c.origin != "list" and start <= c.start < cue for c in cands):
            # 甲、乙两地5G基站分别达…；5G用户分别达x、y / 甲与乙产品接单成长，9月分别达x及y:
            # a clause naming no list of its own takes the list of an earlier clause
            parts, cue = self._earlier(text, start, n, tokens, keep, cands, sent_start) or (parts, cue)
        if len(parts) != n or any(b <= a for a, b in parts):
            return None
        parts = [(a, _unbracketed(text, a, b)) for a, b in parts]  # 甲地区（不含乙）、丙（EMEA）: the names
        route = _ROUTE.search(text, *parts[0])  # 中卫至北京、上海的时延: destinations of a route hold nothing
        parts[0] = self._after_holder(text, parts, cands)
        o = self.openers.match(text, *parts[0])  # (青川科技|去年|营业收入和净利润: the time is no part of it)
        if o and o.end() < parts[0][1]:
            parts[0] = (o.end(), parts[0][1])
        la, lb = parts[-1]
        if (cop := self.copula_rx.search(text, la + 1, lb)) is not None:
            parts[-1] = (la, cop.start())  # 汽车和化工|是…的主要支撑产业: a copula ends the last item, its predicate names nothing
        spans = list(parts)
        names = [text[a:b] for a, b in parts]
        la, lb = parts[-1]
        last = text[la:lb]
        role = ""
        head, suffix, cut_q = len(last), "", False
        counted = _COUNTED.match(last)
        if "等" in last:  # NPU、ASIC等加速服务器: examples of a class
            head = last.index("等")
            role = "metric"
            tail = la + head + 1
        elif counted:  # 甲、乙两市 / 合肥、芜湖、蚌埠三市 / 英硕三家ODM: a count of holders
            head = counted.end("head")
            suffix = counted.group("cls") if counted.group("cls") in "区市省县" else ""
            role = "holder"
            tail = la + counted.end()
        elif "的" in last:  # 上海、广州的网络时延; 甲地和乙地|在用机架的占比: a known name ends the item
            known = next((c for c in cands if c.named and c.origin != "list" and c.start == la and c.end <= la + last.index("的")), None)
            head = known.end - la if known else last.index("的")
            tail = la + head + (0 if known else 1)
        elif (goods := self.goods_end_rx.search(last, 1)) is not None:  # 甲类、乙类产品|出口值: classes of a trade
            head = goods.start()
            role = "metric"
            tail = la + head
        else:
            known = next((c for c in cands if c.named and c.origin != "list" and c.start == la and c.end <= lb), None)
            head, how = (known.end - la, "known") if known else self._align(text, parts[-2], parts[-1], tokens)
            by_tokens, cut_q = how == "tokens", how == "quantity"
            stop = _STOP.search(last, 2, head)  # 乙集群在用标准机架, 丙今年: the item ends there
            if stop:
                head = stop.start()
            tail = la + head
            h = self.holder_heads.match(text, tail, lb)
            if h:  # 东部、中部和西部地区5G基站: a place word all items share
                suffix, tail, role = h.group(), h.end(), "holder"
            elif by_tokens and not (self.opener_times is not None and self.opener_times.match(text, tail, lb)):
                # 存储和安全|业务收入: items that modify a shared noun are classes (甲新材和乙电子|2024年三季报: a
                # period after the last item is no noun they modify; the later rules decide)
                role = "metric"
        spans[-1] = (la, la + head)
        names[-1] = last[:head]
        for i, (x, (a, _)) in enumerate(zip(names, spans)):
            code = self.code_tail_rx.search(x)
            if code is not None and _NAME_PART.search(x, 0, code.start()):  # 惠普(HPQ.US)两家厂商: the name, not its code
                names[i], spans[i] = x[:code.start()], (a, a + code.start())
        if self.opener_times is not None and (t := self.opener_times.match(names[0])) is not None \
                and (t.end() < len(names[0]) - 1 or t.end() < len(names[0])
                     and text.startswith(self.origin_heads, tail if suffix else spans[-1][1])):
            # (the period is no origin; 2024年数据标注、数据交易…产业规模: nor part of the first class)
            names[0], spans[0] = names[0][t.end():], (spans[0][0] + t.end(), spans[0][1])
        if any(not x for x in names) or any(self.forbidden.search(x) for x in names):
            return None
        for i, x in enumerate(names):  # 东、中、西部: 东部, 中部 (one character borrows the next item's)
            nxt = next((y for y in names[i + 1:] if len(y) > 1), "")
            if len(x) == 1 and len(nxt) == 2:
                names[i] = x + nxt[-1]
        h = self.holder_heads.search(names[-1])
        if not suffix and h and h.end() == len(names[-1]):
            suffix, role = h.group(), "holder"  # 西部和东北地区: 西部地区
        unsuffixed = names[:-1] + [names[-1] if names[-1].endswith(suffix) else names[-1] + suffix]  # (as written)
        if suffix:
            # (合肥、芜湖两市: the cities' names as written; 甲洲、乙湾两个行政区: a district's or county's two-character
            # stem takes its ending)
            names = [x if x.endswith(suffix) or (len(x) > 1 and counted and not (len(x) == 2 and suffix in "区县"))
                     else x + suffix for x in names]
        if any(len(x) < 2 for x in names):
            return None
        lead = next((c for c in cands if c.named and c.origin != "list" and spans[0][0] <= c.start
                     and c.end < spans[0][1]), None)
        if not role and lead is not None and (cut_q or any(names[-1].endswith(w) and len(names[-1]) > len(w)
                                                           for w in self.shared_quantities)) \
                and not any(c.named and c.origin != "list" and any(a <= c.start < b for a, b in spans[1:]) for c in cands):
            # 公司销售/管理/研发费用分别为…: the holder opens the first item, the items are classes of its quantity
            a0 = lead.end + text.startswith("的", lead.end)
            spans[0], names[0] = (a0, spans[0][1]), text[a0:spans[0][1]]
        if role != "holder" and any(c.named and c.origin != "list" and any(a <= c.start < b for a, b in spans)
                                    for c in cands):
            role = "holder"  # a name the gazetteer or a suffix knows (甲公司、乙公司等)
        if not role and (all(x.endswith(self.class_heads) for x in names) or all(map(self.names.metric_only, names))):
            role = "metric"  # 运营商和金融行业, 计算机制造业、通信设备制造业; 营业收入和净利润 (metrics)
        if not role and tokens is not None and not _tagged_name(spans, tokens):
            # (nz, a term such as 集成电路 or 区块链, names no one)
            q = next((w for w in self.shared_quantities if names[-1].endswith(w) and len(names[-1]) > len(w) + 1), None)
            after = self.cue_rx.match(text, cue) if cue < len(text) else None
            if q is None and after is not None and text.startswith(self.goods_verbs, after.end()) \
                    and not any(_CODE_LIKE.search(x) for x in names):
                role = "metric"  # 甲类器件、乙类电池和丙分别出口x、y、z: classes of the goods traded
            elif q is not None and not any(_CODE_LIKE.search(x) or _LATIN_NAME.fullmatch(x) for x in names):
                # 服务机器人、电子元件产品|产量分别增长: items naming no one before a shared quantity are classes
                # (甲(688270.SH)、乙(688728.SH)…: listed companies, holders)
                role = "metric"
                names[-1] = names[-1][:-len(q)]
                spans[-1] = (spans[-1][0], spans[-1][1] - len(q))
                tail = spans[-1][1]
            elif cut_q and not any(_CODE_LIKE.search(x) or _LATIN_NAME.fullmatch(x) for x in names):
                role = "metric"  # (扫地机器人、送餐机器人|产量: the quantity already cut off the last item)
        if not role and self.class_frame_rx.search(text, sent_start, spans[0][0]):
            role = "metric"  # 从细分领域看，甲、乙分别…: the parts of a whole a frame splits (metrics.yaml class_share)
        if not role and part_opened and _QUANTITY_BEFORE.search(text, sent_start, spans[0][0]):
            # 本地产品出口(x)下跌y，当中甲类、乙类商品分别减少…: items naming no one after a part cue, in a sentence
            # that gave a quantity its figure, are parts (classes) of it
            role = "metric"
        if role == "metric" and (q := self.names.metric_end_rx.search(names[0])) is not None and q.start() >= 2 \
                and "的" not in names[0][:q.start()] \
                and all(self.names.metric_end_rx.match(x) for x in names[1:]) and not names[0].startswith(self.scope_words) \
                and not any(spans[0][0] <= c.start < spans[0][0] + q.start() for c in cands):
            # 锂电池产能、产量分别…: the first item's class is the later bare quantities' too (锂电池产量)
            names[1:] = [names[0][:q.start()] + x for x in names[1:]]
        after = spans[-1][1]
        if (fig := _FIGURE_BRACKET.match(text, after)) is not None:
            after = fig.end()  # (中国内地(x元)及香港(y元)旅客的…: the last place's own figure before the visitors)
        if text.startswith(self.origin_heads, after) and not suffix:
            role = "metric"  # 香港及中国台湾旅客分别占x、y: the places the visitors come from are classes of them
        elif suffix and not counted and text.startswith(self.origin_heads, tail):
            # 内地、香港及台湾地区旅客分别…: the region word closes the last place, the visitors they send follow
            role, names = "metric", unsuffixed
        if not role and not names[-1].endswith(self.org_heads) and not any(_LATIN_NAME.fullmatch(x) for x in names) \
                and not ranked and not _tagged_name(spans, tokens or ()):
            # items no rule above decided, naming no one (jieba tags no name in them, no Latin brand, no class of
            # organisations, no 分别以…位列 ranking them): parts of a quantity (烟酒、衣履的价格指数; 不过夜旅客及留宿旅客
            # 按年分别增加), no holders
            role = "metric"
        if route:
            role = "route"
        return ListParse(tuple(spans), tuple(names), tail, role, max(cue, tail))

    def _after_holder(self, text: str, parts: list[tuple[int, int]], cands) -> tuple[int, int]:
        """The first item without the place that holds the list (预估台湾|笔电与桌机出货量: 笔电),
        unless every item starts with a place of its own (北京数据中心、上海数据中心) or the place
        and what follows are one name (东部|地区)."""
        (a, b), (a2, b2) = parts[0], parts[1]
        inner = [c for c in cands if c.named and c.origin != "list" and a <= c.start and c.end <= b - 2
                 and (c.type == "GPE" or self.names.metric_only(text[c.end:b])
                      or (c.start == a and c.type == "ORG" and c.origin == "gazetteer"
                          and (o := self.openers.match(text, c.end, b)) is not None and o.end() <= b - 2))]
        # (青川科技|营业收入和净利润; a company the gazetteer knows and a time opening the first item: 甲电信|2025年|合并总营收)
        if not inner or any(c.named and c.start == a2 and c.end < b2 for c in cands):
            return a, b
        end = max(c.end for c in inner)
        if text.startswith("的", end, b - 1):  # 香港的|出口货量及进口货量: the place's, not part of the item
            end += 1
        return (a, b) if self.holder_heads.match(text, end, b) else (end, b)

    def _earlier(self, text: str, start: int, n: int, tokens, keep=(), cands=(), sent_start: int = 0
                 ) -> tuple[list[tuple[int, int]], int] | None:
        """The items of the nearest earlier clause that lists ``n`` of them (up to ``_LOOKBACK``
        clauses back, across at most one sentence end): before its own cue (分别) if it has one,
        else the whole clause when it holds no figure (甲与乙产品接单明显成长); a list whose joiners are commas
        (甲市,乙省,丙省收入分别为x、y、z,分别增长…) counts its names in the clauses before its cue's."""
        e, ends = start - 1, 0
        for _ in range(_LOOKBACK):
            if e < 0:
                return None
            if text[e] in _SENT_END:
                ends += 1
                if ends > 1:
                    return None
            elif text[e] not in _CLAUSE_SEP:
                return None
            a = max(text.rfind(p, 0, e) for p in _CLAUSE_SEP + _SENT_END) + 1
            if self.names.cause_rx.search(text, a, e):
                return None  # (在甲与乙带动下，…: the causes of a clause are no list of its values)
            cues = list(self.cue_rx.finditer(text, a, e))
            b = cues[-1].start() if cues else e
            counted = None if cues else _COUNTED_IN.search(text, a, e)
            if counted is not None and int(number_value(counted.group("n"))) == n \
                    and not DIGIT_RE.search(text, a, counted.start()):
                # (甲、乙、丙三市进出口占比近7成，…，分别进出口x、y、z: the list its count closes, whatever figure of
                # the whole follows it in its clause)
                parts = self._split(text, a, counted.end(), tokens, keep=keep)
                if len(parts) == n:
                    return parts, counted.end()
            if cues or not DIGIT_RE.search(self.rank_rx.sub("", self.code_rx.sub("", text[a:e]))) \
                    or self.shared_bound_rx.search(text, a, e):
                # (甲（2269）、乙（1093）及丙（2359），分别跌…: a stock code is no figure of the clause)
                # (甲、乙、丙3家公司的营业收入均超过百亿元，分别达到…: a bound all items share, their count, no figure of theirs)
                # (甲、乙、丙数字经济规模居全国前3，同比分别增长…: the rank they share, no figure of theirs)
                o = self.openers.match(text, a, b)
                parts = self._split(text, o.end() if o else a, b, tokens, keep=keep)
                if cues and len(parts) < n and a > sent_start and text[a - 1] in "，,":
                    parts = self._comma_names(text, sent_start, a - 1, cands, n - len(parts)) + parts
                if len(parts) > n:  # (销售成本和一般及行政开支，分别…: the items at one kind of joiner)
                    parts = self._at_one_joiner(text, o.end() if o else a, b, n, tokens, keep) or parts
                if len(parts) == n:
                    return parts, b
                if len(parts) > 1:
                    return None  # (a list of another length: no list of these values)
            e = a - 1
        return None

    def _at_one_joiner(self, text: str, a: int, b: int, n: int, tokens, keep=()) -> list[tuple[int, int]] | None:
        """The ``n`` items of text[a:b] split at one kind of joiner alone (、 first: 光学与精密仪器、机械;
        then 和: 销售成本和一般及行政开支), or at every kind but one (甲及乙器件、丙、丁和戊: 及 inside a name), each
        short as a list item is (a clause with its own 与 is none: 乙类因需求保守与竞争压力); None when none gives ``n``."""
        for how in self.one_joiner_splits:
            parts = self._split(text, a, b, tokens, keep=keep, **how)
            # (the last part holds the words the items share too: 电脑及周边产业|营业额衰退)
            if len(parts) == n and all(e - s <= _ITEM_MAX for s, e in parts[:-1]) \
                    and parts[-1][1] - parts[-1][0] <= _ITEM_MAX + _SHARED_MAX:
                return parts
        return None

    def _split(self, text: str, a: int, b: int, tokens, only: str | None = None, keep=(),
               skip: str | None = None) -> list[tuple[int, int]]:
        """The items of text[a:b] between joiners (or the joiner ``only``, or all but ``skip``); a 和 inside a word
        (和林格尔) or inside one of the spans ``keep`` (a bracket, a known name) is no joiner."""
        starts = None
        if tokens:
            starts = {s for _, _, s, _ in tokens}
            ends = {e for _, _, _, e in tokens}
        out, last = [], a
        for m in self.split_rx.finditer(text, a, b):
            if (only is not None and m.group() != only) or m.group() == skip:
                continue
            if m.group() != "、" and starts is not None and not (m.start() in starts and m.end() in ends) \
                    and text[m.start() - 1:m.start()] not in ("）", ")"):
                continue  # (乙（1093）及丙: after a closing bracket the joiner stands between items, however jieba reads it)
            if m.start() < last or text.startswith(self.after_quals, m.start()) \
                    or any(s < m.start() and m.end() < e for s, e in keep):
                continue  # (1000Mbps及以上宽带用户: 及以上 qualifies a threshold, it joins no items)
            out.append((last, m.start()))
            last = m.end()
        out.append((last, b))
        return out

    def _align(self, text: str, prev: tuple[int, int], last: tuple[int, int], tokens) -> tuple[int, str]:
        """Where the last item ends inside ``last`` (the shared tail follows) and how that was found:
        before a quantity all items share (储能电池、便携式打印设备|产量: "quantity", where the item left is
        about as long as the one before), after the suffix it shares with the item before
        (计算机制造业、通信设备制造业|营业收入; 东部、西部|地区: "suffix"), the whole of it when it ends with a
        class word (运营商和金融行业: "whole"), else as many tokens as the item before has
        (云计算和大数据|收入同比增速: "tokens"), else all of it ("whole")."""
        p, w = text[prev[0]:prev[1]], text[last[0]:last[1]]
        q = next((q for q in self.shared_quantities if w.endswith(q) and len(w) > len(q) + 1), None)
        if q is not None and len(w) - len(q) <= len(p) + _ITEM_SLACK:
            return len(w) - len(q), "quantity"
        for k in range(min(len(p), 4), 0, -1):
            if k == 1 and len(p) > 2:
                break
            i = w.find(p[-k:], 1 if k == 1 else 0)
            if i >= 0 and i + k < len(w):
                return i + k, "suffix"
        if w.endswith(self.class_heads) or not tokens:
            return len(w), "whole"
        mine = [e for _, _, s, e in tokens if prev[0] <= s and e <= prev[1]]
        toks = [e for _, _, s, e in tokens if last[0] <= s and e <= last[1]]
        core = min((i for i in (w.find("("), w.find("（")) if i > 0), default=len(w))  # (就业不足率(y%)较上季)
        end = next((x for x, _, s, e in tokens if e == last[0] + core and s >= last[0]), "")
        if end and p.endswith(end) and core > len(end):
            return core, "whole"  # 失业率和就业不足率: the word that ends the last item ends the one before too,
            # each a whole quantity
        if mine and len(toks) > len(mine) and last[1] - toks[len(mine) - 1] >= 3:
            return toks[len(mine) - 1] - last[0], "tokens"
        return len(w), "whole"


def _tagged_name(spans, tokens) -> bool:
    """Whether jieba tags a name (a person, a place, an organisation; nz, a term such as 集成电路, names no
    one) inside one of the items ``spans``."""
    return any(tag in _NAME_TAGS and tag != "nz" and any(a <= s < b for a, b in spans) for _, tag, s, _ in tokens)


def attached(text: str, values: list, i: int) -> bool:
    """Whether ``values[i]`` stands alone in a bracket right after ``values[i - 1]`` (14.6%(512万片)):
    it goes with that value in a list, not as an item of its own."""
    if i == 0:
        return False
    a, b = values[i - 1], values[i]
    return text[a.end:b.qual_start].strip() in ("(", "（") and text[b.end:b.end + 2].strip()[:1] in (")", "）")
