"""Attribution: which candidate holds a value, as an explicit, scored decision.

Every candidate holder of a value gets features (where it stands: the value's
clause, an earlier clause, an earlier sentence, the carried subject; what it
does there: source, frame, list item, bracketed example, part of a metric,
trade partner, agent; structure that names it: an antecedent of 其, a slot of a
list that distributes, the owner of a bracketed value, a contrasted class).
Its score is the sum of feature value x weight, weights from
``rules/attribution.yaml``; the best score wins over the document's default
holder, which scores ``default_score``.  :class:`Scored` records explain the
choice (``zhfacts extract --explain``).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter

import regex

from zhfacts.extract.entities import Candidate, NameRules
from zhfacts.extract.lists import ListReader
from zhfacts.rules import Rules

# the features the code computes: rules/attribution.yaml may weigh only these
FEATURES = ("same_clause", "earlier_clause", "clause_distance", "order", "carried_subject", "earlier_sentence",
            "sentence_distance", "unnamed_far", "source", "in_title", "frame", "listed", "modifier",
            "bracket_example", "in_metric", "trade_partner", "agent", "antecedent", "list_slot", "bracket_owner",
            "contrasted_class")
_FLAGS = ("source", "in_title", "frame", "listed", "modifier")
EXAMPLE_BRACKET = regex.compile(r"[（(](?:如|例如|比如|包括|含)[^（()）]{1,40}[)）]")
_OPEN = "（("
_LAST_BRACKET_OR_STOP = regex.compile(r"(?r)[（(）)，。；]")
_EXAMPLE_LIST = regex.compile(r"(?:、[^，,。；;、等]{1,12})*等")
_CLAUSE_END = regex.compile(r"[，,；;：:。！？!?]")
_ROUTE = regex.compile(r"(?:至|到|对|往|向|与|和|比|从)$")
_token_start = itemgetter(2)  # a jieba token (word, tag, start, end)


@dataclass
class Scored:
    """One candidate holder of a value, with its features and score."""

    name: str
    cand: Candidate | None
    features: dict[str, float]
    score: float = 0.0
    why: str | None = None  # the warning a choice of this candidate carries

    def to_json(self, base: int) -> dict:
        out: dict = {"entity": self.name, "score": round(self.score, 2), "features": self.features}
        if self.cand is not None:
            out["at"] = [base + self.cand.start, base + self.cand.end]
        return out


@dataclass(frozen=True)
class AttributionRules:
    weights: dict[str, float]
    default_score: float
    metric_words: tuple[str, ...]
    partner_before: tuple[str, ...]
    partner_after: tuple[str, ...]
    agent_verbs: tuple[str, ...]
    antecedent_cues: tuple[str, ...]
    joiners: frozenset[str]  # metrics.yaml list_joiners: 18毫秒、21毫秒和26毫秒
    list_gap: "regex.Pattern" = field(repr=False)  # between two names of a list: 、 or 甲（增长3%）和
    partner_list: "regex.Pattern" = field(repr=False)  # 对甲、乙 / 来自甲及乙: a later item of a partner list
    class_rx: "regex.Pattern" = field(repr=False)


def attribution_rules(rules: Rules) -> AttributionRules:
    data = rules.raw["attribution"]
    by_feature = {e["feature"]: e for e in data["features"]}

    def words(feature: str, key: str = "cues") -> tuple[str, ...]:
        return tuple(sorted(by_feature.get(feature, {}).get(key, []), key=len, reverse=True))

    heads = "|".join(regex.escape(h) for h in words("contrasted_class", "heads")) or "(?!)"
    joiners = frozenset(rules.raw["metrics"]["list_joiners"])
    return AttributionRules(
        weights={e["feature"]: float(e["weight"]) for e in data["features"]},
        default_score=float(data["default_score"]),
        metric_words=words("in_metric"),
        partner_before=words("trade_partner", "cues_before"),
        partner_after=words("trade_partner", "cues_after"),
        agent_verbs=words("agent"),
        antecedent_cues=words("antecedent"),
        joiners=joiners,
        list_gap=regex.compile(r"^(?:[（(][^（()）]{0,30}[)）])?(?:"
                               + "|".join(map(regex.escape, sorted(joiners, key=len, reverse=True))) + ")$"),
        partner_list=regex.compile("(?:" + "|".join(map(regex.escape, words("trade_partner", "cues_before")))
                                   + ")[^，,。；;]{0,8}[、及和与]$"),
        # a class of organisations at the start of a clause: 国有企业, 白牌厂商
        class_rx=regex.compile(rf"(?:^|(?<=[，,；;：:。]))(?:其中[，,]?)?(?P<c>\p{{Han}}{{1,5}}?(?:{heads}))(?=[^，,；;。]*\d)"),
    )


class Attributor:
    def __init__(self, rules: Rules):
        self.ar = attribution_rules(rules)
        self.lists = ListReader(rules)  # lists that distribute: their items, holders or metric parts
        self.names = NameRules(rules)

    # ------------------------------------------------------------- candidates
    def class_candidates(self, text: str, sentences: list[tuple[int, int]], si: int, known: list[Candidate],
                         tokens) -> list[Candidate]:
        """Classes of organisations in sentence ``si`` that hold values of their own: contrasted
        with another class in the sentences around it (其中，国有企业…；民营企业…) or introduced
        with examples (白牌厂商（如甲、乙）).  Only the neighbouring sentences decide, so a
        window of a long paragraph decides as the whole paragraph does."""
        lo, hi = sentences[max(0, si - 1)][0], sentences[min(len(sentences) - 1, si + 1)][1]
        # only the tokens starting in [lo, hi) can start or hold a class found there
        # (tokens are in text order: a slice, not the whole paragraph's per sentence)
        near = tokens[bisect_left(tokens, lo, key=_token_start):bisect_left(tokens, hi, key=_token_start)] if tokens else ()
        starts = {s for _, _, s, _ in near}
        verbs = [(s, e) for _, t, s, e in near if t[:1] == "v" and t != "vn"]
        found = []
        for m in self.ar.class_rx.finditer(text, lo, hi):
            s, e = m.span("c")
            if (tokens is not None and s not in starts) or any(s <= a < e for a, _ in verbs):
                continue  # 惠及中小企业: a verb and its object, not a class
            found.append((s, e, EXAMPLE_BRACKET.match(text, e) is not None))
        names = {text[s:e] for s, e, _ in found}
        a, b = sentences[si]
        return [Candidate(s, e, text[s:e], "CLASS", "class") for s, e, ex in found
                if a <= s < b and (ex or len(names) >= 2) and not any(c.start < e and s < c.end for c in known)]

    # ------------------------------------------------------------- features
    def _role(self, c: Candidate, text: str, v_start: int, clause_end: int) -> dict[str, float]:
        f: dict[str, float] = {k: 1.0 for k in _FLAGS if getattr(c, k)}
        ar = self.ar
        after = text[c.end:c.end + 10]
        if after.startswith(ar.metric_words) or text[max(0, c.start - 1):c.start] == "占" \
                or (after.startswith("占") and any(w in text[c.end:clause_end] for w in ar.metric_words)):
            f["in_metric"] = 1.0  # 全球占比, 占全国, 美国占总出口比重
        before = text[max(0, c.start - 4):c.start]
        if (before.endswith(ar.partner_before) or ar.partner_list.search(text[max(0, c.start - 10):c.start])) \
                and any(w in after for w in ar.partner_after):
            f["trade_partner"] = 1.0
        own_clause_end = min(clause_end, v_start)
        rest = text[c.end:own_clause_end]
        if any(w in rest[:8] for w in ar.agent_verbs):
            f["agent"] = 1.0
        for m in EXAMPLE_BRACKET.finditer(text, max(0, c.start - 40), min(len(text), c.end + 40)):
            if m.start() < c.start and c.end <= m.end():
                f["bracket_example"] = 1.0
        if _EXAMPLE_LIST.match(text, c.end):
            f["bracket_example"] = 1.0  # 甲、乙等国产服务器: examples of a class hold nothing
        return f

    def score(self, s: Scored) -> Scored:
        s.score = sum(self.ar.weights.get(k, 0.0) * x for k, x in s.features.items())
        return s

    def choose(self, v, para, sent: tuple[int, int], si: int, clauses: list[tuple[int, int]], state: dict,
               right_after, values: list) -> tuple[Candidate | None, str | None, list[Scored]]:
        """The holder of value ``v``: (candidate or None for the document default, warning, every scored option)."""
        text = para.text
        cands = [c for c in para.cands if c.end <= v.qual_start and not right_after(c)]
        slots = self._list_slots(v, para, sent, values, cands)  # (may add the names of a list to para.cands)
        cands = [c for c in para.cands if c.end <= v.qual_start and not right_after(c)]
        ci = next(i for i, (a, b) in enumerate(clauses) if a <= v.start <= b)
        ca, cb = clauses[ci]
        owner = self._bracket_owner(v, text, cands)
        antecedent = self._antecedent(text, ca, v.qual_start, cands)
        options: list[Scored] = []
        per_clause: dict[int, int] = {}
        lo_sent = para.sentences[max(0, si - 2)][0] if para.sentences else sent[0]
        for c in cands:
            if c.start >= sent[0]:
                k = next((i for i, (a, b) in enumerate(clauses) if a <= c.start <= b), ci)
                f = self._role(c, text, v.start, clauses[k][1])
                if not c.named and (k != ci or f or c.place_class or c.bare_class):
                    f["unnamed_far"] = 1.0  # a class noun holds only a value of its own clause, as its subject
                    # (新区数据中心, 全国数据中心: a class of the place's facilities, the place holds;
                    # 新建数据中心, 部分新建智算中心: a bare class noun is part of the metric, contract 1a)
                if k == ci:
                    f["same_clause"] = 1.0
                else:
                    f["earlier_clause"] = 1.0
                    f["clause_distance"] = float(ci - k)
                why = None
            elif c.start >= lo_sent and c.named and c.usable:
                k = -1 - next((i for i, s in enumerate(para.sentences) if s[0] <= c.start < s[1]), 0)
                m = _CLAUSE_END.search(text, c.end)
                f = self._role(c, text, v.start, m.start() if m else len(text))
                f["earlier_sentence"] = 1.0
                f["sentence_distance"] = float(si + k + 1)
                why = "entity carried from an earlier sentence"
            else:
                continue
            f["order"] = float(per_clause.get(k, 0))
            per_clause[k] = per_clause.get(k, 0) + 1
            if slots.get(id(c)) == "metric":
                f["in_metric"] = 1.0  # 运营商和金融行业分别占…: a class item names the metric (lists.py)
            elif slots.get(id(c)):
                f["list_slot"] = 1.0
                f.pop("listed", None)
            if c is owner:
                f["bracket_owner"] = 1.0
            if c is antecedent:
                f["antecedent"] = 1.0
            if c.origin == "class":
                f["contrasted_class"] = 1.0
            if why is None and any(k in f for k in _FLAGS) and not f.keys() & {"list_slot", "bracket_owner"}:
                why = "entity taken from a source or frame phrase"
            options.append(self.score(Scored(c.name, c, f, why=why)))
        subj = state.get("subject")
        if subj is not None and state["sent_index"] - subj[1] <= 2:
            options.append(self.score(Scored(subj[0].name, subj[0], {"carried_subject": 1.0},
                                             why="entity carried from an earlier sentence")))
        best = max(options, key=lambda s: s.score, default=None)  # the first of equal scores: leftmost
        if best is None or best.score <= self.ar.default_score:
            return None, "entity not stated: document default", options
        return best.cand, best.why, options

    # ------------------------------------------------------------- structure
    def _list_slots(self, v, para, sent, values, cands) -> dict[int, bool | str]:
        """甲、乙…分别为x、y / 甲（…）和乙（…）以x和y…: the k-th of n joined values goes to
        the k-th of a chain of n holders before the first value; the items of a list of
        classes (运营商和金融行业分别占…) are marked "metric"."""
        text = para.text
        group = self.lists.group(text, values, v, sent)
        if len(group) < 2:
            return {}
        first = group[0].qual_start
        lp = self.lists.parse(text, sent[0], first, len(group), para.tokens, cands)
        if lp is not None and lp.role == "metric":
            return {id(c): "metric" for c in cands if any(a <= c.start < b for a, b in lp.spans)}
        if lp is not None and lp.role == "route":
            return {}  # (中卫至北京、上海的时延分别为…: destinations of a route do not hold the values)
        chain: list[Candidate] = []
        for c in sorted((c for c in cands if sent[0] <= c.start and c.end <= first), key=lambda c: c.start):
            if chain and not self.ar.list_gap.match(text[chain[-1].end:c.start]):
                chain = []
            chain.append(c)
        if lp is not None and (len(chain) != len(group) or [c.start for c in chain] != [a for a, _ in lp.spans]
                               or any(len(c.name) < len(x) for c, x in zip(chain, lp.names))):
            chain = self._named_list(para, lp)
        if chain and text.startswith("等", chain[-1].end):
            return {}  # NPU、ASIC等加速服务器增速分别为…: examples of a class, the metric distributes
        if len(chain) != len(group) or _ROUTE.search(text, sent[0], chain[0].start):
            return {}  # (中卫至北京、上海的时延分别为…: destinations of a route do not hold the values)
        return {id(chain[group.index(v)]): True}

    def _named_list(self, para, lp) -> list[Candidate]:
        """甲、乙和丙分别以x、y和z…: the names listed before 分别 (lists.py), as candidates of
        the paragraph, even when no gazetteer or suffix knows them (东、中部地区 -> 东部地区)."""
        out, text = [], para.text
        for (s, e), name in zip(lp.spans, lp.names):
            if self.names.metric_only(name):
                return []  # (云计算和大数据收入增速分别…: a metric is no holder)
            same = next((c for c in para.cands if c.start == s and (c.name == name or (c.end == e and text[s:e] == name))), None)
            out.append(same or Candidate(s, e, name, "ORG", "list"))
        para.cands = sorted({id(c): c for c in para.cands + out}.values(), key=lambda c: c.start)
        return out

    @staticmethod
    def _bracket_owner(v, text: str, cands: list[Candidate]) -> Candidate | None:
        """甲公司（增长21%）: the name right before the bracket that holds the value."""
        m = _LAST_BRACKET_OR_STOP.search(text, 0, v.qual_start)  # (a reverse search: the nearest before the value)
        if m is None or text[m.start()] not in _OPEN:
            return None
        k = m.start()
        return next((c for c in cands if c.end == k), None)

    def chain_end(self, ent: Candidate, text: str, cands: list[Candidate], limit: int) -> int:
        """Where the list the holder ``ent`` starts ends (甲、乙两地…): the metric begins there."""
        end = ent.end
        for c in sorted((c for c in cands if c.start >= ent.end and c.end <= limit), key=lambda c: c.start):
            if not self.ar.list_gap.match(text[end:c.start]):
                break
            end = c.end
        return end

    def _antecedent(self, text: str, clause_start: int, v_start: int, cands: list[Candidate]) -> Candidate | None:
        """其算力总规模达…: the nearest named candidate before the pronoun that opens the clause."""
        head = text[clause_start:v_start]
        cue = next((w for w in self.ar.antecedent_cues if head.startswith(w)), None)
        if cue is None:
            return None
        before = [c for c in cands if c.end <= clause_start and c.named and not c.source and not c.in_title]
        return before[-1] if before else None
