"""The extraction pipeline.

Four steps, each driven by rules/ data and independent of any NLP framework:

1. dates      time expressions (rules/dates.yaml)
2. values     value mentions: numbers, multipliers, qualifiers, units, vetoes
3. entities   gazetteer hits + suffix patterns extended over jieba-rs tokens
               + jieba-rs ns/nt tags (the statistical NER signal)
4. facts      ties each value to its entity, metric, date and kind

Finding (steps 1-3) is separate from resolving (dates.resolve,
numerals.number_value, facts.Assembler).  Two engines run the same steps:

- ``engine="spacy"``: a ``spacy.blank("zh")`` Language with character tokens
  (every character offset is a token boundary, so regex spans map to spaCy
  spans exactly), an ``entity_ruler`` holding the gazetteer, and one custom
  component per step writing ``doc.spans["dates" | "values" |
  "entity_candidates"]`` and ``doc.user_data["facts"]`` (:func:`build_nlp`).
- ``engine="fast"`` (the default): the same steps with the gazetteer matched by
  one leftmost-longest regex alternation over the whole document (made once per
  document by ``EntityFinder.learn_document``, kept on its ``DocContext``), the EntityRuler's semantics on
  character tokens.  It never imports spaCy, whose import alone takes 0.5 to
  0.9 s of the 1 s cold-start budget (bench/RESULTS.md).
tests/test_pipeline.py holds the two engines to identical facts.
"""
from __future__ import annotations

import bisect
import os
from functools import lru_cache
from pathlib import Path

import regex

from zhfacts import cache as disk_cache
from zhfacts.contract import RECORD_KEYS
from zhfacts.normalize.doc import NormalizedDoc
from zhfacts.normalize.structure import headline
from zhfacts.normalize.sentences import paragraph_spans, sentence_spans
from zhfacts.extract.numerals import to_json_number
from zhfacts.rules import Rules

# A paragraph can hold a value only if it has a digit, 百分之, or a Chinese numeral before a
# multiplier, 成, 半, 余/多 or the first character of a unit (units.yaml: ValueFinder.may_hold):
# others are skipped.
ENGINES = ("fast", "spacy")
CHUNK_CHARS = 200_000  # a spaCy Doc per chunk of whole paragraphs: bounded memory, no max_length limit
# A paragraph longer than WINDOW_CHARS (web scrapes often have no line break at
# all) is analysed in windows of whole sentences: about WINDOW_CORE characters
# whose facts are emitted, with at least WINDOW_CONTEXT characters (and two
# sentences) of context on each side, so every look-around of the steps sees the
# same text as in the whole paragraph; the running state is carried from one
# window to the next (facts.Para.carry).  Per-value work is then bounded by the
# window, so time is linear in the paragraph's length, with identical facts.
WINDOW_CHARS = 4000
WINDOW_CORE = 2000
WINDOW_CONTEXT = 300
# jieba-rs segments runs of these characters as blocks: a window must begin and
# end next to another character for its tokens to be the paragraph's tokens
_JIEBA_BLOCK = regex.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


class Components:
    """Compiled rules and finders shared by both engines."""

    def __init__(self, rules: Rules):
        from zhfacts.extract.dates import DateFinder
        from zhfacts.extract.entities import EntityFinder
        from zhfacts.extract.facts import Assembler
        from zhfacts.extract.values import ValueFinder

        self.rules = rules
        self.dates = DateFinder(rules)
        self.values = ValueFinder(rules)
        self.entities = EntityFinder(rules)
        self.assembler = Assembler(rules, self.entities)
        self.gazetteer = [(alias, e["name"], e["type"]) for e in rules.raw["entities"]["entities"] for alias in e["aliases"]]
        # a line that is a company's name and its stock code alone (甲源(3371)), a flattened table's row heading: the
        # company holds the figures of the line right after it (metrics.yaml stock_code)
        self.name_line_rx = regex.compile(r"(?P<name>[\p{Han}A-Za-z][\p{Han}A-Za-z\-]{1,15}?)\s?(?:"
                                          + (rules.raw["metrics"].get("stock_code") or "(?!)") + ")")
        disk_cache.flush()  # (patterns compiled for these rules, for the next process)

    def _section_company(self, text: str) -> str | None:
        """The company a section's label line names (晶澳科技：, (1)甲创(300999.SZ); :data:`_SECTION_LABEL`), else None."""
        m = _SECTION_LABEL.fullmatch(text) if len(text) <= _NAME_LINE_MAX else None
        hit = self.entities.alias_to.get(m.group("name")) if m is not None else None
        if hit is None and m is not None and m.group("code"):
            return m.group("name")  # (a listed company by its stock code, one the gazetteer lacks)
        return hit[0] if hit is not None and hit[1] == "ORG" else None

    # -- the steps -----------------------------------------------------------
    def find_dates(self, st: "_State") -> None:
        for p in st.paras:
            # (titles, and what a metric never keeps, as a time of day: cut from the metric as a date is)
            p.titles = sorted([(m.start(), m.end()) for m in self.values.title_rx.finditer(p.text)] + self.values.cut_spans(p.text))
            named = [(m.start(), m.end()) for m in self.values.named_title_rx.finditer(p.text)]  # (its years: no dates)
            p.dates = self.dates.find(p.text, skip=sorted(p.titles + named) if named else p.titles, region=st.ndoc.region)

    def find_values(self, st: "_State") -> None:
        for p in st.paras:
            masked = [(d.start, d.end) for d in p.dates]
            off = st.base + p.start
            lo = bisect.bisect_left(st.ctx.hit_starts, off)
            masked += [(hs - off, he - off) for hs, he, alias in st.ctx.hits[lo:bisect.bisect_left(st.ctx.hit_starts, off + len(p.text))]
                       if he <= off + len(p.text) and any(ch.isdigit() for ch in alias)]  # (104人力银行: a name, no 104 人)
            masked.sort()
            ends = [b for _, b in p.sentences]

            def sentence_of(pos, p=p, ends=ends):
                k = bisect.bisect_right(ends, pos)  # the first sentence ending after pos
                if k < len(ends) and p.sentences[k][0] <= pos:
                    return p.text[slice(*p.sentences[k])]
                return p.text

            declared = st.declared.at(st.base + p.start) if st.declared else None
            p.values = self.values.find(p.text, masked, sentence_of, st.ctx.money_region, declared)

    def find_entities(self, st: "_State", gazetteer_hits) -> None:
        """``gazetteer_hits(p)``: (start, end, surface, name, type) of paragraph p, local offsets."""
        ef = self.entities
        scope = st.ctx.scope  # (the document's own: per-document state, never shared)
        # a piece whose lead names no project: its 该项目/项目 in a later paragraph stand for the project an earlier
        # paragraph named last (青川云计算中心项目…。⏎项目建成后，年产值…), carried from paragraph to paragraph
        lead_project = st.running.setdefault("lead_project", "project" in scope)
        for p in st.paras:
            if not p.values:
                continue  # only paragraphs with values need candidates (and jieba tags)
            if not lead_project:
                if st.running.get("project"):
                    scope["project"] = st.running["project"]
                else:
                    scope.pop("project", None)
            p.tokens = ef.tag(p.text)
            p.cands = ef.candidates(p.text, gazetteer_hits(p), st.ctx, p.titles, p.tokens)
            for c in p.cands:
                c.name = ef.canonical(c.name, st.ctx.overrides)
            if not lead_project:
                named = [c for c in p.cands if c.named and c.type == "FAC" and not (c.source or c.in_title)
                         and ef.is_project(c.name)]
                if named:
                    st.running["project"] = named[-1].name

    def assemble(self, st: "_State", explain: bool = True) -> list[dict]:
        """The paragraphs' facts; without ``explain`` their candidate lists are dropped
        at once (they are most of a fact's memory)."""
        from zhfacts.extract.attribution import CARRIED_COMPANY_WARNING, DEFAULT_WARNING, INTRO_WARNING, \
            TRACKER_WARNING, UNNAMED_COMPANY_WARNING, UNNAMED_PLACE_WARNING
        from zhfacts.extract.entities import UNNAMED_COMPANY

        default = self.entities.default_entity(st.ctx)
        # 全县… in a piece whose text names no county: its figures are held by that word (全县, 全市), never the
        # country's, and the record says so
        unnamed = self.entities.unnamed_scope(st.ctx, default, st.ndoc.text)
        unnamed_warning = UNNAMED_PLACE_WARNING.format(scope=unnamed) if unnamed else None
        # a piece about several companies: a paragraph that names no holder is about the company the
        # paragraphs before it ended with (contract 1a: a subject carries until another holder is named)
        companies = self.entities.reporting_companies(st.ctx)
        # the place the piece is about: the holder of an industry's figures (電子業營收…), never a company
        place = default if not (default in companies or default in st.ctx.defined or default == st.ctx.scope.get("company")) \
            else self.entities.place_entity(st.ctx)
        facts = []
        base = st.base
        # where the piece first names the company it is about (None: its default is no such company); once per
        # document, not per paragraph
        if "first_named" not in st.running:
            st.running["first_named"] = self.entities.first_named(st.ndoc.text, default, st.ctx) \
                if default == st.ctx.scope.get("company") and default != place and not st.ctx.named_late else None
        first_named = st.running["first_named"]
        is_site = self.assembler.attributor.is_site
        is_winner = self.assembler.attributor.is_winner
        # a piece whose headline and context name no holder but whose first sentence's figures a named company,
        # park or facility holds (受惠于…，甲科学园区全年营运再创新高，营业额达x): that holder is the piece's
        # (contract 1a: its first sentence names it), for the paragraphs after it that name none
        if "lead" not in st.running:  # (None once the lead's first fact is read, or when the piece has its holder)
            from zhfacts.normalize.structure import lead_sentence

            st.running["lead"] = lead_sentence(st.ndoc.text, headline(st.ndoc)) \
                if default == st.ctx.home and not companies else None
        default, place = st.running.get("lead_holder") or (default, place)  # (a later chunk of the piece)
        for p in st.paras:
            p.site_before = st.running.get("site")  # 该住宅地 in a later paragraph: the last site named
            st.running["site"] = next((c for c in reversed(p.cands) if is_site(c)), p.site_before)
            p.winner_before = st.running.get("winner")  # 中标公司 in a later paragraph: the last winner named
            p.whole_metric = st.running.get("metric")  # (分地区看，…: the whole an earlier paragraph measured, broken down)
            st.running["winner"] = next((c for c in reversed(p.cands) if is_winner(c, p.text)), p.winner_before)
            dd = st.doc_dates.at(base + p.start) if st.doc_dates else None
            listed = self._colon_list(st, p, dd)  # (the date a colon line above gives its bullet items)
            section = self._section_date(st, p, dd)
            if listed is None:
                listed = section  # (第三季度主要财务指标：⏎净收入为…: the heading's period)
            else:
                st.running["heading"] = None  # (业绩摘要：⏎• …: the line opened a list, whose end ends it)
            here_default = default
            if first_named is not None and base + p.start > 0 and base + p.start + len(p.text) <= first_named:
                # a company the piece first names further on holds nothing of the paragraphs before it (its
                # headline, the first paragraph, may name it in a short form: the piece's)
                here_default = place
            # (a lead with no figure of its own may cite the tracker: 据DSCC称，…销量创下了历史新高。⏎…增长了215%)
            if self.entities.cites_tracker(p.text, p.cands, st.ctx, here_default):
                st.running["tracker"] = True  # (某机构LightCounting报告显示，…: the world's figures, here and after)
            elif st.running.get("tracker") and any(c.named and c.usable and c.type in ("GPE", "ORG") for c in p.cands):
                st.running["tracker"] = False  # (a holder named: the world's figures end)
            name_line, st.running["name_line"] = st.running.get("name_line"), None
            if not p.values and p.carry is None:
                m = self.name_line_rx.fullmatch(p.text.strip()) if len(p.text) <= _NAME_LINE_MAX else None
                if m is not None:
                    st.running["name_line"] = (base + p.start + len(p.text), m.group("name"))
                section = self._section_company(p.text)
                if section is not None:
                    st.running["section"] = section  # (甲科技：⏎…公司收入x: the section's company, until the next)
                continue  # (a window without values still passes its paragraph's state on)
            sentence: dict = {}  # one string per sentence, shared by its facts
            here = len(facts)
            held = st.running.get("company") or (self.entities.global_holder if st.running.get("tracker") else here_default)
            section = st.running.get("section")
            if section is not None:
                held = section  # a company's section (a line of its name and a colon): its paragraphs and their 公司
                for c in p.cands:
                    if c.scope_word:
                        c.name = section
            if name_line is not None and name_line[0] + 1 == base + p.start:
                held = self.entities.canonical(name_line[1], st.ctx.overrides)  # (甲源(3371)⏎招股价:…: its row)
            if p.carry is not None:  # (a window: the default its paragraph began with)
                held = p.carry.setdefault("default", held)
            introduced = self._introduced(st, p)
            if introduced is not None:
                held = introduced  # (…市场规模达950亿元。其中：⏎甲类市场610亿元；: the items are its holder's)
            for f in self.assembler.facts(p, st.ndoc.published, held, dd,
                                          self.entities.company_document(st.ctx), st.ndoc.region, companies, place,
                                          listed, st.ctx.subsidiaries):
                s, e = f.pop("local_span")
                ss, se = f.pop("sentence_span")
                f["norm_span"] = (st.base + p.start + s, st.base + p.start + e)
                f["sentence"] = sentence.get((ss, se)) or sentence.setdefault((ss, se), p.text[ss:se].strip())
                if unnamed_warning and f["entity"] == held == here_default and DEFAULT_WARNING in f["warnings"]:
                    f["warnings"] = [unnamed_warning if w == DEFAULT_WARNING else w for w in f["warnings"]]
                    if st.ndoc.region == "mainland":  # (全市: the city the piece is about, unnamed -- never the
                        f["entity"] = unnamed  # country's figure; Hong Kong's and Taiwan's words mean the territory)
                if f["entity"] == st.ctx.scope.get("company") == UNNAMED_COMPANY and UNNAMED_COMPANY_WARNING not in f["warnings"]:
                    f["warnings"].append(UNNAMED_COMPANY_WARNING)  # (a broker note's excerpt that never names its company)
                if held != here_default and f["entity"] == held:  # (the running company or tracker, not the default)
                    why = INTRO_WARNING if held == introduced else \
                        CARRIED_COMPANY_WARNING if held == st.running.get("company") else TRACKER_WARNING
                    f["warnings"] = [why if w == DEFAULT_WARNING else w for w in f["warnings"]]
                if explain:
                    ex = f["explain"]
                    ex["candidates"] = [o.to_json(base + p.start) for o in ex["candidates"]]
                else:
                    del f["explain"]
                facts.append(f)
            if len(facts) > here:
                st.running["metric"] = facts[-1]["metric"]
            if companies and len(facts) > here:
                last = facts[-1]["entity"]
                st.running["company"] = last if last in companies else None
            end = st.base + p.start + len(p.text)
            if st.running["lead"] is not None and len(facts) > here:
                lead = self._lead_holder(st, facts[here], end, place)
                st.running["lead"] = None
                if lead is not None:  # (the paragraphs after the lead: here_default)
                    default, place = st.running["lead_holder"] = lead
            if p.text.rstrip().endswith(_INTRO_ENDS) and len(facts) > here:
                st.running["intro"] = (end, facts[-1]["entity"])  # a line ending with a colon after its figures
            elif introduced is not None and p.text.rstrip().endswith(_ITEM_ENDS):
                st.running["intro"] = (end, introduced)  # (an item ending with ；: the list goes on)
        if st.ctx.named_as:  # (腾讯控股发布…财报: the holder as the results piece names it, not the gazetteer's 腾讯)
            for f in facts:
                f["entity"] = st.ctx.named_as.get(f["entity"], f["entity"])
        return facts

    def _lead_holder(self, st: "_State", first: dict, para_end: int, place: str) -> tuple[str, str] | None:
        """(default, place) of the paragraphs after the lead when the piece's first fact (in the paragraph
        ``para_end`` closes) names a company, park or facility there itself (no default, no carried holder: no
        warning on the entity) and the fact lies in the first sentence, or the first sentence names that holder
        too (某上市公司甲发布一季度业绩。甲一季度营收为x); a park or facility is the place of its industries'
        figures as well (积体电路产业营业额 of a science park), a company is not; a place (据某统计网消息，1-11月，
        甲省固定资产投资增长x) only when the fact stands in the lead itself (never the headline's: a trade partner's),
        and it is both; never the region or the world (the default already, or a whole); else None."""
        name = first["entity"]
        a, b = st.running["lead"]
        typ = (self.entities.alias_to.get(name) or ("", ""))[1]
        if any(w.startswith("entity") for w in first["warnings"]) or typ not in ("ORG", "FAC", "GPE") \
                or name in (st.ctx.home, st.ctx.world, self.entities.global_holder):
            return None
        if typ == "GPE":  # (a place: its figure in the lead itself, never the headline's: 美國市場增54% is a partner's)
            return (name, name) if a <= first["norm_span"][0] < b else None
        if first["norm_span"][0] < b or (a <= first["norm_span"][0] < para_end and name in st.ndoc.text[a:b]):
            return name, name if typ == "FAC" or name.endswith(self.entities.lead_parks) else place
        return None

    @staticmethod
    def _introduced(st: "_State", p) -> str | None:
        """The holder a list's items take from the line that introduces them: a paragraph right after
        one that ends with a colon after figures of its own (…规模达950亿元，同比增长12.5%。其中：), or
        after an earlier item of its list ending with ；, a short one (an item, not a new passage); None
        for any other paragraph.  The items' own named holders still win (it only replaces the default)."""
        intro = st.running.get("intro")
        if intro is None:
            return None
        start = st.base + p.start
        if intro[0] <= start and len(p.text) <= _LIST_LINE_MAX and not st.ndoc.text[intro[0]:start].strip():
            return intro[1]
        st.running["intro"] = None
        return None

    def _colon_list(self, st: "_State", p, dd) -> str | None:
        """The date a list's items take from the colon line that introduces them (dates.yaml list_intro,
        list_item: 2025年第三季度业绩摘要：⏎• 净收入为…⏎• 毛利率为…): for a paragraph that opens with a
        bullet mark right after such a line (or after items of its list), the date that governed at the
        list's last line; None for any other paragraph.  Keeps st.running["list"] (where the list's last
        line ends, the date in force there) up to date."""
        finder = self.dates
        if finder.list_intro_rx is None or finder.list_item_rx is None:
            return None
        text, start, end = st.ndoc.text, st.base + p.start, st.base + p.start + len(p.text)
        last = st.running.get("list")
        listed = None
        if last is not None and finder.list_item_rx.match(p.text) and last[0] <= start:
            gap = text[last[0]:start]  # (lines between with no value are items too, else the list has ended)
            if len(gap) < 2000 and all(not ln.strip() or finder.list_item_rx.match(ln) for ln in gap.split("\n")):
                listed = last[1]
        elif last is not None and last[2] and last[0] <= start and not text[last[0]:start].strip():
            listed = last[1]  # 排名如下：⏎从销售量维度看，…: the paragraph right after a line announcing it
        tail = max(0, len(p.text) - 16)
        intro = finder.list_intro_rx.search(p.text, tail) is not None  # (its last characters)
        # (…增长5.2%；⏎社会消费品零售总额…: a paragraph ending inside its sentence goes on in the next; not an item of
        # a list a colon line opened, 各国纷纷…：⏎甲国2025年初启动…；⏎乙国追加…；: each item is dated by its own words)
        inside = finder.clause_continues_rx is not None and finder.clause_continues_rx.search(p.text, tail) is not None
        items = st.running.get("colon_items", False)  # (a colon line, then items ending inside their sentence, before it)
        st.running["colon_items"] = p.text.rstrip().endswith(_INTRO_ENDS) or (items and inside)
        continues = inside and not items
        intro = intro or continues
        if listed is None and not intro and finder.list_opener_rx is not None and finder.list_opener_rx.match(p.text):
            intro = True  # (* 九月份的合约总值…⏎* 上述合约中…: a bulleted line opens a list its later items continue)
        if listed is None and not intro:
            st.running["list"] = None  # (a line that opens with no mark ends the list)
            return None
        running = _date_after(st, p, dd, listed)
        announces = continues or (intro and finder.list_intro_next_rx is not None
                                  and finder.list_intro_next_rx.search(p.text, tail) is not None)
        st.running["list"] = (end, running, announces) if running is not None else None
        return listed

    def _section_date(self, st: "_State", p, dd) -> str | None:
        """The date a section's heading gives the paragraphs after it (dates.yaml section_heading: a short line with
        no figure that writes a period, 第三季度主要财务指标：⏎净收入为…⏎服务收入为…), None where no heading is in
        force.  A heading-like line with no period (运营指标：) ends the section; the piece's headline opens none.
        Keeps st.running["heading"] up to date."""
        finder = self.dates
        if finder.section_heading_rx is None:
            return None
        text = p.text.strip()
        if p.values or p.carry is not None or not text or len(text) > finder.section_heading_max \
                or finder.section_heading_rx.search(text) is None:
            return st.running.get("heading")
        if "headline" not in st.running:
            st.running["headline"] = headline(st.ndoc)  # (read once per document, at its first heading-like line)
        head = st.running["headline"]
        if head is not None and st.base + p.start < head[1]:
            return None  # (the headline: its period is the piece's, dated by its own rules)
        # (a year alone or a day: no section's period)
        st.running["heading"] = _date_after(st, p, dd) if finder.section_heading_period_rx.search(text) else None
        return None


def _date_after(st: "_State", p, dd, running: str | None = None) -> str | None:
    """The running date at the end of paragraph ``p`` that starts with ``running``: each of its date mentions in order
    (dates.advance; a baseline or a change's start leaves it)."""
    from zhfacts.extract.dates import NO_DOC_DATES, advance

    for d in sorted(p.dates, key=lambda d: d.start):
        running = advance(running, d, st.ndoc.published, dd or NO_DOC_DATES)
    return running


_INTRO_ENDS = ("：", ":")
_NAME_LINE_MAX = 40  # (a company's name and its stock code alone: a short line; a long one is never read for it)
# a line that is a company's name the gazetteer knows and a colon (晶澳科技：), a section's label in a piece
# reviewing several companies: the company its paragraphs and their 公司 are about, until the next such line
_SECTION_LABEL = regex.compile(r"\s*(?P<name>[\p{Han}A-Za-z]{2,12})\s?[:：]\s*"
                               # (（1）甲创(300308.SZ): a numbered heading of a company and its stock code, no colon)
                               r"|\s*(?:[（(]?[0-9一二三四五六七八九十]{1,2}[)）、.．]\s*)?(?P<name>[\p{Han}A-Za-z]{2,12})"
                               r"\s?(?P<code>[（(][0-9]{4,6}(?:\.[A-Z]{2})?[)）])\s*[:：]?\s*")
_ITEM_ENDS = ("；", ";")
_LIST_LINE_MAX = 120  # (an item of a list is a line, not a passage)


class _State:
    """Per-chunk working state shared by the steps; ``ctx`` is the document's
    :class:`~zhfacts.extract.entities.DocContext` (never stored on a cached object)."""

    def __init__(self, ndoc: NormalizedDoc, ctx, paras: list[tuple[int, int]], base: int, *, built=None,
                 doc_dates=None, running=None, declared=None):
        self.ndoc = ndoc
        # what one chunk passes on to the next of its document (this document's run only): the last site named
        self.running = {} if running is None else running
        self.ctx = ctx
        self.doc_dates = doc_dates  # dates.DocDates: the headline's year, the fiscal year
        self.declared = declared  # values.Declared: the currencies the document declares (人民币，下同)
        self.base = base  # offset of this chunk in ndoc.text
        self.paras = list(_paras(ndoc, paras, base)) if built is None else built


def _paras(ndoc: NormalizedDoc, paras: list[tuple[int, int]], base: int):
    """The facts.Para of each paragraph, or of each window of a long one, in order."""
    from zhfacts.extract.facts import Para

    text = ndoc.text
    sents = ndoc.sentences  # sorted, tiling the paragraphs
    k = bisect.bisect_left(sents, (paras[0][0], -1)) if sents else 0
    for ps, pe in paras:
        ptext = text[ps:pe]
        while k < len(sents) and sents[k][1] <= ps:
            k += 1
        local = []
        j = k
        while j < len(sents) and sents[j][0] < pe:
            a, b = sents[j]
            if min(b, pe) > max(a, ps):
                local.append((max(a, ps) - ps, min(b, pe) - ps))
            j += 1
        sentences = local or sentence_spans(ptext)
        if len(ptext) <= WINDOW_CHARS:
            yield Para(ps - base, ptext, sentences, [], [], [])
            continue
        carry: dict = {}
        for a, b, lo, hi in windows(ptext, sentences):
            ws = sentences[a:b]
            off = ws[0][0]
            yield Para(ps - base + off, ptext[off:ws[-1][1]], [(x - off, y - off) for x, y in ws],
                       [], [], [], emit=(lo - a, hi - a), sent_base=a, carry=carry)


def windows(text: str, sents: list[tuple[int, int]]):
    """Windows over the sentences of a long paragraph: ``(a, b, lo, hi)``, the
    window holds sentences [a, b) and emits the facts of [lo, hi); the emitted
    ranges tile all sentences in order."""
    n = len(sents)

    def safe(pos: int) -> bool:  # a window may begin or end at pos
        return pos <= 0 or pos >= len(text) or not (_JIEBA_BLOCK.match(text, pos - 1) and _JIEBA_BLOCK.match(text, pos))

    lo = 0
    while lo < n:
        hi = lo + 1
        while hi < n and sents[hi][1] - sents[lo][0] <= WINDOW_CORE:
            hi += 1
        a = max(0, lo - 2)
        while a > 0 and (sents[lo][0] - sents[a][0] < WINDOW_CONTEXT or not safe(sents[a][0])):
            a -= 1
        b = min(n, hi + 2)
        while b < n and (sents[b - 1][1] - sents[hi - 1][1] < WINDOW_CONTEXT or not safe(sents[b - 1][1])):
            b += 1
        yield a, b, lo, hi
        lo = hi


def chunks(ndoc: NormalizedDoc, may_hold: "regex.Pattern"):
    """Runs of consecutive paragraphs that may hold a value (``may_hold``: ValueFinder.may_hold),
    at most CHUNK_CHARS each (a longer paragraph stands alone).  Paragraphs with no numeral are skipped, but a short
    line that ends with a colon (it may introduce a list and date its items)."""
    paras = ndoc.paragraphs or paragraph_spans(ndoc.text)
    text = ndoc.text
    group: list[tuple[int, int]] = []
    for p in paras:
        if not may_hold.search(text, p[0], p[1]) and not (
                p[1] - p[0] <= 80 and text[p[0]:p[1]].rstrip().endswith(("：", ":"))):
            # (a short line ending with a colon stays: it may date the list below it, 该季度出货情况：)
            if group:
                yield group
                group = []
            continue
        if group and (p[1] - group[0][0] > CHUNK_CHARS or text[group[-1][1]:p[0]].strip()):
            yield group
            group = []
        group.append(p)
    if group:
        yield group


# ---------------------------------------------------------------------- spaCy engine
def build_nlp(rules: Rules):
    """A spaCy Language running the pipeline: blank Chinese, character tokens."""
    import spacy

    _register_factories()
    nlp = spacy.blank("zh")  # the default Chinese segmenter of a blank pipeline is characters
    comps = Components(rules)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns([{"label": typ, "pattern": alias, "id": name} for alias, name, typ in comps.gazetteer])
    for name in ("zhfacts_dates", "zhfacts_values", "zhfacts_entities", "zhfacts_facts"):
        nlp.add_pipe(name)
        nlp.get_pipe(name).components = comps
    return nlp


_REGISTERED = False


def _register_factories():
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language

    def _span(doc, s: int, e: int, label: str):
        return doc.char_span(s, e, label=label, alignment_mode="expand")

    def ruler_hits(doc, region: str, finder):
        # (an alias of one region's text only, 科技园 in Hong Kong, or another word's start, 台湾大型: as the fast
        # engine's scan filters them, EntityFinder.kept_hit)
        ents = [k for e in doc.ents if (k := finder.kept_ruler_hit(doc.text, e.start_char, e.end_char, e.text,
                                                                      e.ent_id_, e.label_, region)) is not None]
        starts = [x[0] for x in ents]

        def hits(p):
            pe = p.start + len(p.text)
            out = []
            for i in range(bisect.bisect_left(starts, p.start), len(ents)):
                s, e, t, n, l = ents[i]
                if s >= pe:
                    break
                if e <= pe:
                    out.append((s - p.start, e - p.start, t, n, l))
            return out

        return hits

    def run_facts(comps, st, doc):
        doc.user_data["facts"] = comps.assemble(st)

    # name: (run the step on the chunk, doc.spans key, the Para attribute it fills, span label)
    steps = {
        "zhfacts_dates": (lambda c, st, doc: c.find_dates(st), "dates", "dates", lambda d: d.rule),
        "zhfacts_values": (lambda c, st, doc: c.find_values(st), "values", "values", lambda v: v.rule),
        "zhfacts_entities": (lambda c, st, doc: c.find_entities(st, ruler_hits(doc, st.ctx.region, c.entities)),
                             "entity_candidates", "cands",
                             lambda c: c.type),
        "zhfacts_facts": (run_facts, None, None, None),
    }

    class StepComponent:
        """One pipeline step as a spaCy component; what it found is exposed as doc.spans[key]."""

        components: Components

        def __init__(self, name, run, key, attr, label):
            self.name, self.run, self.key, self.attr, self.label = name, run, key, attr, label

        def __call__(self, doc):
            st: _State | None = doc.user_data.get("zhfacts")
            if st is None:
                from zhfacts.errors import UsageError

                raise UsageError("the spaCy engine's steps run on the chunks run_spacy prepares; "
                                 "for a spaCy pipeline over any text use zhfacts.spacy_pipeline()")
            self.run(self.components, st, doc)
            if self.key:
                spans = [_span(doc, p.start + x.start, p.start + x.end, self.label(x))
                         for p in st.paras for x in getattr(p, self.attr) if _emitted(p, x.start)]
                doc.spans[self.key] = [sp for sp in spans if sp is not None]
            return doc

    for step_name, spec in steps.items():
        Language.factory(step_name, func=lambda nlp, name, spec=spec: StepComponent(name, *spec))
    _REGISTERED = True


def _emitted(p, pos: int) -> bool:
    """Whether position ``pos`` of Para ``p`` is its own (not the context of a window)."""
    if p.emit is None:
        return True
    lo, hi = p.emit
    return (p.sentences[lo - 1][1] if lo > 0 else 0) <= pos < (p.sentences[hi - 1][1] if hi < len(p.sentences) else len(p.text))


def run_spacy(ndoc: NormalizedDoc, nlp):
    """Yield one spaCy Doc per chunk, with doc.spans and doc.user_data['facts'] set."""
    comps = nlp.get_pipe("zhfacts_facts").components
    ctx = comps.entities.learn_document(ndoc.text, ndoc.region, headline(ndoc), _credits(ndoc))
    doc_dates = comps.dates.learn_document(ndoc.text, headline(ndoc), ndoc.published, ndoc.region, _bylines(ndoc))
    declared = comps.values.learn_document(ndoc.text, ndoc.region)
    running: dict = {}  # (the document's: passed from one chunk to the next)
    for group in chunks(ndoc, comps.values.may_hold):
        base, end = group[0][0], group[-1][1]
        # the tokenizer directly: a chunk may exceed nlp.max_length (one long paragraph), and
        # raising that limit would write to the shared Language from this document's run
        doc = nlp.tokenizer(ndoc.text[base:end])
        doc.user_data["zhfacts"] = _State(ndoc, ctx, group, base, doc_dates=doc_dates, running=running,
                                          declared=declared)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        yield doc


def _credits(ndoc: NormalizedDoc) -> tuple[str, ...]:
    """The credits, disclaimers and page furniture normalization cut, in Simplified script and without their
    pinyin glosses (甲州新闻网讯, 版权均属甲州晚报社所有, 文章来源:甲市统(tǒng)计局): where a local piece names its city
    only there."""
    cut = tuple(r.text for r in ndoc.removed if r.kind in ("byline", "disclaimer", "metadata", "header"))
    if any("(" in t or "（" in t or "【" in t for t in cut):
        from zhfacts.normalize.chars import drop_pinyin_glosses
        from zhfacts.normalize.offsets import Buf

        cut = tuple(drop_pinyin_glosses(Buf.identity(t)).text for t in cut)
    if cut and ndoc.script == "traditional":
        from zhfacts.normalize.script import converter

        convert = converter("t2s")
        cut = tuple(convert.convert(t) for t in cut)
    return cut


def _bylines(ndoc: NormalizedDoc) -> tuple[str, ...]:
    """The bylines normalization cut from the body (a dateline among them: 新华社北京9月20日电)."""
    return tuple(r.text for r in ndoc.removed if r.kind == "byline")


# ---------------------------------------------------------------------- fast engine
def run_fast(ndoc: NormalizedDoc, comps: Components, explain: bool = True) -> list[dict]:
    ctx = comps.entities.learn_document(ndoc.text, ndoc.region, headline(ndoc), _credits(ndoc))
    doc_dates = comps.dates.learn_document(ndoc.text, headline(ndoc), ndoc.published, ndoc.region, _bylines(ndoc))
    declared = comps.values.learn_document(ndoc.text, ndoc.region)
    facts: list[dict] = []
    running: dict = {}  # (the document's: passed from one paragraph to the next)
    for group in chunks(ndoc, comps.values.may_hold):
        base = group[0][0]
        # all four steps one paragraph (or window) at a time: its tokens and
        # candidates are dropped before the next one is made (memory bounded by a window)
        for para in _paras(ndoc, group, base):
            st = _State(ndoc, ctx, group, base, built=[para], doc_dates=doc_dates, running=running,
                        declared=declared)
            comps.find_dates(st)
            comps.find_values(st)
            comps.find_entities(st, lambda p: comps.entities.gazetteer_hits(ctx, base + p.start, base + p.start + len(p.text)))
            facts.extend(comps.assemble(st, explain))
    return facts


# ---------------------------------------------------------------------- entry points
_KEY_CACHE: dict = {}
_KEY_TTL = 1.0  # seconds: rule files are stat'ed at most once a second, not once per document


def _rules_key(rules_directory=None) -> tuple[str, tuple]:
    """(directory, signature of its files): a changed rule file gives a new key, so
    the compiled rules are rebuilt (within a second of the change)."""
    import time

    from zhfacts.rules import RULES_ENV, _signature, rules_dir

    now = time.monotonic()
    cache_key = (rules_directory, os.environ.get(RULES_ENV))
    hit = _KEY_CACHE.get(cache_key)
    if hit and now - hit[0] < _KEY_TTL:
        return hit[1]
    d = Path(rules_directory) if rules_directory else rules_dir()
    key = (str(d.resolve()), _signature(d))
    _KEY_CACHE[cache_key] = (now, key)
    return key


def _one_company_name(raw: list[dict], text: str) -> None:
    """甲维科公司 … 甲维科年报: the holder a piece writes both ways gets its short name in every fact."""
    from zhfacts.extract.entities import short_company_names
    from zhfacts.rules import _load

    endings = tuple(_load(*_rules_key()).raw["entities"].get("generic_company_endings", ()))
    short = short_company_names({f["entity"] for f in raw}, text, endings) if endings else {}
    for f in raw:
        f["entity"] = short.get(f["entity"], f["entity"])


@lru_cache(maxsize=4)
def _components(directory: str, signature: tuple) -> Components:
    from zhfacts.rules import _load

    return Components(_load(directory, signature))


@lru_cache(maxsize=4)
def _nlp(directory: str, signature: tuple):
    from zhfacts.rules import _load

    return build_nlp(_load(directory, signature))


def get_nlp(rules_directory=None):
    """The spaCy pipeline for the current rules (rebuilt when a rule file changes)."""
    return _nlp(*_rules_key(rules_directory))


def default_engine() -> str:
    engine = os.environ.get("ZHFACTS_ENGINE", "fast")
    if engine not in ENGINES:
        from zhfacts.errors import UsageError

        raise UsageError(f"ZHFACTS_ENGINE={engine!r}: choose one of {', '.join(ENGINES)}")
    return engine


def prepare(engine: str | None = None) -> str:
    """Check the engine and load the rules now, so that a bad engine or a broken rule
    file is one error before any document is read (not one per document). Returns the engine."""
    engine = engine or default_engine()
    if engine not in ENGINES:
        from zhfacts.errors import UsageError

        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "spacy":
        get_nlp()
    else:
        _components(*_rules_key())
    return engine


def explain_default() -> bool:
    """``ZHFACTS_EXPLAIN=1`` (set by ``zhfacts extract --explain`` for every process of a batch)."""
    return os.environ.get("ZHFACTS_EXPLAIN", "") not in ("", "0")


def facts_from_doc(ndoc: NormalizedDoc, *, doc: str, engine: str | None = None, explain: bool | None = None) -> list[dict]:
    """Contract records (section 2) for one normalized document.  With ``explain``, each
    record gets one more key, ``explain``: every candidate holder of its value with its
    features and score (offsets ``at`` into the original), and the holder chosen."""
    engine = engine or default_engine()
    explain = explain_default() if explain is None else explain
    if engine == "spacy":
        raw = [f for sdoc in run_spacy(ndoc, get_nlp()) for f in sdoc.user_data["facts"]]
    elif engine == "fast":
        raw = run_fast(ndoc, _components(*_rules_key()), explain)
    else:
        from zhfacts.errors import UsageError

        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    _one_company_name(raw, ndoc.text)
    # document-level doubts (no publication date, a year only inferred) go with every
    # record, so that they reach the JSONL, the summary count and the review page
    doc_warnings = [f"document: {w}" for w in ndoc.warnings]
    for i, f in enumerate(raw):  # each raw fact replaced by its record (not both lists at once)
        s, e = f.pop("norm_span")
        os_, oe = ndoc.to_original(s, e)
        f["warnings"] = f["warnings"] + doc_warnings
        rec = {"doc": doc, **f, "value": to_json_number(f["value"]), "span": [os_, oe], "text": ndoc.original[os_:oe]}
        if not rec["warnings"]:
            rec.pop("warnings")
        why = rec.pop("explain", None)
        rec = {k: rec[k] for k in RECORD_KEYS if k in rec}
        if explain:
            for c in why["candidates"]:
                if "at" in c:
                    c["at"] = list(ndoc.to_original(*c["at"]))
            rec["explain"] = why
        raw[i] = rec
    return raw
