"""Entity candidates: gazetteer (spaCy EntityRuler), suffix patterns extended
over jieba-rs tokens, and jieba's ns/nt tags as the statistical fallback.

Each candidate carries flags the fact assembler uses to pick a value's holder:
``source`` (工业和信息化部数据显示, 魏亮表示), ``frame`` (在武汉, 据IDC),
``listed`` (an item of an enumeration A、B、C), ``generic`` (部分新建智算中心),
``modifier`` (鹏城实验室牵头的中国算力网: the head after 的 holds the value).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import bisect
import re
import threading

import regex

from zhfacts.extract.firstchars import ClausePattern, JumpPattern, Literals, stdlib_first
from zhfacts.normalize.guard import excluded, guard, lacks
from zhfacts.normalize.script import straddle_words
from zhfacts.normalize.structure import lead_sentence as _lead
from zhfacts.rules import Rules

_PUNCT = set("，。；：、！？,.;:!?（）()《》“”\"'‘’「」『』【】[]—…·\n |｜丨")  # (快看 | 甲电信: a title's bar ends a name)
# (g: a rare character jieba tags alone, 浈|江产业园: part of a name)
_NOUNISH = {"a", "n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "ng", "j", "eng", "f", "k", "b", "an", "vn", "s", "g"}
_NAMED_TAGS = {"ns", "nt", "nz", "nrt", "nr", "j", "eng"}  # (nr: jieba reads 秦岭 in 秦岭智算中心 as a person)
_HAN = regex.compile(r"\p{Han}")
_SENTENCE_OR_CLAUSE_END = re.compile(r"[，。；！？,;!?]")
_SENTENCE_OR_LINE_END = re.compile(r"[。！？!?\n]")
_CLOSE_AT = regex.compile(r"[（(][^（()）]{1,8}[)）]")  # a short bracket at the start of the words
_COUNT_DIGITS, _COUNT_MEASURES = r"[\d零〇○一二两三四五六七八九十百千万亿]", r"[间家个座所项批层栋幢台套]"
_COUNTED = regex.compile(_COUNT_DIGITS + _COUNT_MEASURES)  # a count's measure word
_COUNT_OPENING = regex.compile(f"{_COUNT_DIGITS}+(?={_COUNT_MEASURES})")  # (…, a count of them)
_OPEN_BRACKET_END = regex.compile(r"[（(][^（()）]*\Z")  # (a bracket still open where the words end)
_CITY_SUFFIXES = ("市", "县")
# a county's name: two or three characters before 县 that are no scope word's or a larger place's ending
_COUNTY_NAME = regex.compile(r"(?<![全我本该各每市区州省县度年月、和与及个])[^\P{Han}从在于对向由据把到至经将为是的全我本该各每两几]"
                             r"[^\P{Han}从在于对向由据把到至经将为是的了]??[^\P{Han}全我本该各每市区州省个些乡了着过得]县(?![城域级委长区市])")
# (完成了县十八届人大…: a verb's particle before 县 is no county's name)
_PLACE_ENDS = frozenset("省市县区镇乡")  # the last character of a place's name (a token of three or more)
_NOTE_REACH = 40  # the longest incorporation note read back from a stock code (于甲地注册成立之有限责任公司)
_LIST_DASHES = ("-", "—", "–")  # (a dash between phrases: 投资评级-报告公司)
_NAME_RUN = regex.compile(r"[\p{Han}A-Za-z0-9（）()·]+")  # (a registered name's characters, no break)
_LEGAL_REACH = 24  # (乙丙数据科技有限公司: a registered name's length after its place)
_SIBLINGS = 3  # county-level places of one city a piece lists: its 全市 is that city's (no county-level city's)
# the scope a county-level place's own 全区/全县/全市 is (全区 is scope_aliases' province), by its last character
_COUNTY_SCOPE = {"区": "province", "县": "county", "旗": "county", "市": "city"}
_NARROWER = {"province": 1, "city": 2, "county": 3}  # of adjacent places in a headline, the narrower holds
_COUNTY_SUFFIX = regex.compile(r"(?:新区|自治县|自治旗|[区县市旗])$")  # a county's stem: 浦东新区 -> 浦东


def _aside(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] stands in a short bracket (…平板新机(多数在中国)上市: an aside)."""
    opened = max(text.rfind("（", max(0, s - 12), s), text.rfind("(", max(0, s - 12), s))
    if opened < 0 or max(text.rfind("）", opened, s), text.rfind(")", opened, s)) >= 0:
        return False
    return any(0 <= text.find(b, e, e + 12) for b in "）)")


def _place_token(w: str) -> bool:
    """A token of three or more characters ending like a place (甲乙区, 临山县): a place's name to jieba or not."""
    return len(w) >= 3 and w[-1] in _PLACE_ENDS

# (a short frame before the subject: 近日，/ 9月3日，/ 2024年9月3日晚间，)
_LEAD_OPENING = regex.compile(r"\s*(?:(?:近日|日前|近期|今年以来|昨日|今日|昨天|今天|(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日"
                              r"(?:晚间|晚|早间|上午|下午|午间|盘中|收盘后)?)[，,]\s*)?"
                              r"(?:作为[^，,。；;\n]{2,40}?[，,]\s*)?")  # (作为…的领军企业，甲…: an apposition before the subject)
_LIST_OR_OF = frozenset("、的和与及等")
_CONNECTIVES = frozenset(("", "而", "但", "且", "则", "其中", "另外", "同时", "此外", "不过"))  # (before a clause's subject)
_HAN2 = regex.compile(r"\p{Han}{2}")  # two Han characters (a firm's short name before 科技)
_ITEM_MARK = stdlib_first(r"[●•◆■▪▸►○◎※★☆◇□▲△▶]+\s?")  # a list item's bullet before a name
_DESCRIBED_SUBJECT = re.compile(r"(?:^|[，。；：\n,;:])(?!根据|据|按照|依据)[^，。；：、\n,;:的与和及对向]{2,14}的$")  # (作为龙头的甲…)
_CLAUSE_BREAK = re.compile(r"[，。；：、“”「」『』\n,;:]|——|—|－－")  # (龙头企业——甲集团: a dash sets off the name)
_UNIT_TAGS = _NAMED_TAGS | {"n", "ng"}  # the words of a unit's name after its owner (乙/nr 数科/n)
# jieba's tags of a name: a place, a person (nrfg, nrt: a foreign or transliterated one), an organisation, another name
NAME_TAGS = frozenset(("ns", "nr", "nt", "nrt", "nz", "nrfg"))
_FUNCTION_TAGS = frozenset("vdcrp")  # jieba's verbs (v, vn, vd), adverbs, conjunctions, pronouns, prepositions
_MODIFIER_DE = re.compile(r"[^，。；：、“”《》\s]{0,5}的")
# a name introduced with its Latin name: 数据中心营运商港湾数码（HarbourByte）
_LATIN_NAME = regex.compile(r"[（(][A-Z][a-z][A-Za-z0-9&.\- ]{1,30}[)）]")  # (not an acronym: DOU, EPS)
# a facility's acronym in brackets after its name: 青湾港人工智能超算中心（QAIC）
_ACRONYM = regex.compile(r"[（(](?P<abbr>[A-Z]{2,8})[)）]")
_NAME_START = regex.compile(r"(?r)[的在于、和与及，。；：！？“”「」,;:\s]")
_HEADLINE_FACILITY = regex.compile(r"(\p{Han}{4,16})[：:]")  # 甲移动乙地南区枢纽中心：… (a facility before the colon)
# (a place's bulletin: 甲乙县2019年国民经济和社会发展统计公报 -- a county or city before the year it reports on)
_COLUMN_MARK = regex.compile(r"\s*[|｜丨]\s*")  # (某网即时:快讯|…: the bar after a column's label)
_HEADLINE_SUBJECT = regex.compile(
    r"\s*(?:(\p{Han}{2,6})[：:]|(?:(?:19|20)\d\d年)?(?:\d{1,2}\s?[-—–~至]\s?\d{1,2}月份?|[一二三四1-4]季度|上半年|前三季度)?"
    r"(?![全我本该各份])(\p{Han}{2,4}(?:新区|自治州|地区(?!生产总值))|\p{Han}{2,3}[市县区镇乡]"
    r"(?=(?:19|20)\d\d年|[一二三四1-4]季度|上半年|下半年|前三季度|全年|经济|规上|国民经济)))")
# (甲县2019年…, 2024年甲区经济运行情况, 甲镇一季度规上工业产值…: a place's own name, then its period or its economy;
# 地区生产总值 is the GDP, no 地区's: 实现地区生产总值x names no place)
_MAINLAND = "中国"  # the mainland's holder (the country's name in the gazetteer)
_REGION_HOLDER = {"taiwan": "台湾", "hongkong": "香港"}  # else _MAINLAND
_MAINLAND_REPORT_LEAD = 300  # characters of a piece its mainland body's report is looked for in (entities.yaml mainland_report)
_SCOPE_TYPES = {"company": "ORG", "project": "FAC"}  # what a scope word stands for (else a place)
_PERIOD_BEFORE = regex.compile(r"[\d一二三四五六七八九十〇○零]\s?(?:年度?|季度?|月份?|财年)\Z")  # (2024年公司营收: a period, no name)
UNNAMED_COMPANY = "公司"  # the holder of a piece whose company is never named (its scope word itself)
_PROVINCE_FRAME_USES = 2  # 全省/我省 this often and no 全市: the piece is the province's, whatever city its lead names
_UNNAMED_COMPANY_USES = 3  # 公司 standing for a company the piece never names, this often: it holds the figures
_LATE_NAME = 300  # a company named once, after this many characters and after 公司 stood for the piece's: a side mention
_CLOSERS = {")": "(", "）": "（", "”": "“", "」": "「", "』": "『"}


def _clause_len(text: str) -> int:
    """How far ``text`` runs before its first clause or sentence break."""
    m = _SENTENCE_OR_CLAUSE_END.search(text)
    return m.start() if m else len(text)


_RJIEBA_LOCK = threading.Lock()


def _rjieba():
    """rjieba's extension module, which holds ``Jieba``.

    ``import rjieba`` builds a default ``Jieba`` (its whole dictionary: 0.15 s, a
    sixth of a short run) that zhfacts never uses. While the package is not
    imported, its extension module is loaded alone (registered under its own
    name, so a later ``import rjieba`` reuses it); anything unexpected falls back
    to the plain import.
    """
    import sys

    with _RJIEBA_LOCK:
        mod = sys.modules.get("rjieba.rjieba")
        if mod is None and "rjieba" not in sys.modules:
            try:
                mod = _extension_alone("rjieba", "rjieba")
            except ImportError:
                mod = None
        if mod is None:
            import rjieba as mod
        return mod


def _extension_alone(package: str, name: str):
    """The extension module ``package.name`` loaded without running ``package/__init__.py``, or None."""
    import importlib.machinery
    import importlib.util
    import os
    import sys

    spec = importlib.util.find_spec(package)  # (a top-level package is found, not imported)
    for d in (spec.submodule_search_locations or []) if spec else []:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(d, name + suffix)
            if os.path.isfile(path):
                full = f"{package}.{name}"
                loader = importlib.machinery.ExtensionFileLoader(full, path)
                mod = importlib.util.module_from_spec(importlib.util.spec_from_file_location(full, path, loader=loader))
                sys.modules[full] = mod  # (an extension module initializes once per process)
                loader.exec_module(mod)
                return mod
    return None


@dataclass
class DocContext:
    """What one document teaches the steps, learned once before its paragraphs
    (:meth:`EntityFinder.learn_document`).  It belongs to that document's run
    only: cached finders hold compiled rules and never per-document state, so
    ``extract`` is safe to call from many threads."""

    region: str
    # the holder the region stands for (_REGION_HOLDER, else 中国), or Macau's in a Traditional piece that names Macau more than
    # Hong Kong (entities.yaml macau_piece): 澳门; its bare 元 is then the pataca (money_region "macau")
    home: str = ""
    money_region: str = ""
    # the region's name overrides (我国/全国 -> 台湾 in Taiwanese text), without 全国/国内 in a Taiwanese piece reporting
    # a mainland national body's statistics (entities.yaml mainland_report)
    overrides: dict = field(default_factory=dict)
    abbr: dict[str, str] = field(default_factory=dict)  # 简称 -> full name (以下简称“…”)
    scope: dict[str, str] = field(default_factory=dict)  # province/city/company/hongkong -> holder
    scope_uses: dict[str, int] = field(default_factory=dict)  # how often 全省/我市/公司/本港 occur
    subject: str | None = None  # the place or company the headline names first
    # the subject is a results summary's one company, which it may name only late (entities.yaml results_piece): it
    # holds the paragraphs before its first name too
    named_late: bool = False
    # the world's holder (全球) in a mainland piece about worldwide markets that names the country less often than the
    # world (entities.yaml global_lead.piece): the default holder in place of the country
    world: str = ""
    in_headline: set[str] = field(default_factory=set)  # scope holders its headline names
    defined: set[str] = field(default_factory=set)  # companies it defines (stock code, 以下简称)
    cores: set[str] = field(default_factory=set)  # short forms cut from a defined name (联网 of 中国联网集团)
    hits: list[tuple[int, int, str]] = field(default_factory=list)  # gazetteer scan of the document
    hit_starts: list[int] = field(default_factory=list)
    # abbreviations used only where a word starts (no Han character before: 中移动, never 其中移动电话)
    word_only: set[str] = field(default_factory=set)
    # a company a results piece names by its name with a company ending (腾讯控股 for the gazetteer's 腾讯): its records
    # name it so (a name less an ending, 新意网 for 新意网集团, takes the gazetteer's full name: one name per company)
    named_as: dict[str, str] = field(default_factory=dict)
    # the companies the piece names as its company's subsidiaries (旗下核心子公司乙集团): a 公司 after a paragraph on one of
    # them is still the piece's company (an owner link before its name: attribution.yaml names owner_links)
    subsidiaries: frozenset = frozenset()


_SHARE_WORD_ENDS = frozenset("份东票价权息")  # 股份, 股东, 股票, 股价, 股权, 股息: 股 opens a word there
_CODE_AFTER = regex.compile(r"\s?[（(][0-9A-Za-z.\s]{2,14}[)）]")  # a stock code's bracket right after a name

_FRAME_JOINERS = ("及", "和", "与", "、")  # (the joiners of two places in one frame: 在甲地及乙地)
CLASS_JOINERS = ("及", "和", "与")  # what joins a name to a counted class or group (三家基础电信企业及中国广电; 以及 ends with 及)


def _opening_spans(headline: tuple[int, int] | None, lead_start: int, lead_end: int) -> list[tuple[int, int]]:
    """The spans a piece opens with, in order: its headline (when it has one) and its first sentence."""
    return ([headline] if headline else []) + [(lead_start, lead_end)]


@dataclass
class Candidate:
    start: int
    end: int
    name: str  # canonical
    type: str
    origin: str  # gazetteer | suffix | tag
    named: bool = True
    source: bool = False
    frame: bool = False
    listed: bool = False
    modifier: bool = False
    in_title: bool = False
    place_class: bool = False  # 新区数据中心, 全国数据中心: a class of a place's facilities
    bare_class: bool = False  # 新建数据中心, 部分新建智算中心: a class noun naming no place or name
    member: bool = False  # 其中甲…: one member of a whole named before; it holds its sentence's values only
    cause: bool = False  # 甲驱动下, 乙效应: the cause a clause names, never a holder
    scope_word: bool = False  # 公司, 全省, 本港: a word standing for the document's company or place
    keeps_words: bool = False  # 台股 -> 台湾: a market whose place holds; its own words open the metric (contract 1a)
    points_index: str | None = None  # 港股重上22000点: the index a market's points are (entities.yaml points_index)
    local: bool = False  # 工信部培育…: a government body holds what its own sentence says it did, no later sentence's figures
    common: bool = False  # 绿色算力产业基地: a facility named by dictionary nouns alone, a description of one, no name
    joint: bool = False  # 三家基础电信企业及中国广电: a counted group with a company joined, one holder (_merge_joined_group)

    @property
    def usable(self) -> bool:
        return not (self.source or self.frame or self.listed or self.modifier or self.in_title or self.member or self.cause)


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def whole_rank_pattern(rules: Rules) -> str:
    """全国排第13位, 全国首个: a whole right before a rank's word scopes the rank (attribution.yaml in_metric ``wholes``
    and ``whole_rank_after``): the one pattern attribution's features and the headline's subject read."""
    in_metric = next((f for f in rules.raw["attribution"]["features"] if f["feature"] == "in_metric"), {})
    return f"(?:{_alternation(in_metric.get('wholes', []))})(?:{_alternation(in_metric.get('whole_rank_after', []))})"


class NameRules:
    """Where names stop and what no name is (rules/attribution.yaml ``sources`` and ``names``):
    the cue words a name never starts with, names that are only a metric, an industry or a
    product class, and the reporting bodies and outlets that are sources, never holders."""

    def __init__(self, rules: Rules):
        data = rules.raw["attribution"]

        def words(section: str, key: str) -> list[str]:
            return [w for e in data.get(section, []) for w in e.get(key, [])]

        # 根据/依据/按照 (a source's frame): no name starts with one, and a place after one is no piece's subject
        self.source_frames = tuple(words("names", "source_frames"))
        self.leading_cues = frozenset(words("names", "cues") + list(self.source_frames))
        self.facility_heads = tuple(sorted(words("names", "heads"), key=len, reverse=True))
        self.programme_heads = tuple(sorted(words("names", "quoted_heads"), key=len, reverse=True))
        self.member_cues = tuple(words("names", "member_cues"))
        # 升幅较大的类别为甲（上升x%）、乙（…）: the categories of a breakdown, no holders (attr.name.class_intro)
        self.class_intro_rx = regex.compile(_alternation(words("names", "class_intros")))
        # 全球智能终端博览会, 中国算力大会组委会: a place opening an event's name is part of that name, no holder
        events = _alternation(words("names", "event_heads")) if words("names", "event_heads") else "(?!)"
        self.event_rx = stdlib_first(rf"[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?(?:{events})")
        # 工信部“绽放杯”5G应用征集大赛: a body organising an event (its name quoted in the title) is part of that title
        self.organiser_event_rx = regex.compile(rf"[“”\"「」『』\u4e00-\u9fffA-Za-z0-9]{{0,16}}?(?:{events})")
        self.event_heads = tuple(words("names", "event_heads"))  # (2025中国国际…博览会: one event, never a class)
        self.event_bodies = tuple(words("names", "event_bodies"))  # (…博览会组委会召开…: its organisers, who report)
        # 获评国家某某示范县, 创建全国某某示范区: a place opening the title a place is awarded (``award_before``
        # right before it, ``award_heads`` ending the title) is part of that title, no holder
        self.award_before = tuple(words("names", "award_before"))
        self.award_rx = stdlib_first(rf"[\u4e00-\u9fff]{{0,10}}?(?:{_alternation(words('names', 'award_heads'))})"
                                     if words("names", "award_heads") else "(?!)")
        # 科技革命浪潮: a candidate right before one of these heads is their modifier, no name
        # (and the shapes of modifier_head_patterns: 集群间… is a relation between the members, no holder)
        self.modifier_head_rx = regex.compile("|".join(
            [f"(?:{_alternation(words('names', 'modifier_heads'))})"] + [f"(?:{p})" for p in words("names", "modifier_head_patterns")]))
        # 中国特色社会主义, 对甲省的重要指示: any name before one of these, the gazetteer's too (``place_modifier_heads``)
        # (and the shapes of place_modifier_patterns: 中国外贸强市甲市, a class of places the place after it is in)
        self.place_modifier_rx = stdlib_first("|".join([_alternation(words("names", "place_modifier_heads"))]
                                                       + [f"(?:{p})" for p in words("names", "place_modifier_patterns")]))
        # 其全球销售收入: a place right after one of these is the reach of the pronoun's holder (``possessive_before``,
        # not after ``possessive_not``: 尤其美国…)
        self.possessive_before = tuple(words("names", "possessive_before"))
        # 甲数据业务已覆盖…: a company before what its own business reaches (``business_heads``) stays its holder (中国业务:
        # a place's name before it is a segment's reach; 中国电信业务收入: the country's telecom business, no company's)
        self.business_heads_tuple = tuple(sorted(words("names", "business_heads"), key=len, reverse=True))
        # 公司业务以云服务为主…: the piece's company (a scope word) before its business, any of it (``scope_business_heads``)
        self.scope_business_heads = tuple(sorted(words("names", "scope_business_heads"), key=len, reverse=True))
        # 在北京举行的…发布会: the verbs after the place where an event is held (``venue_after``): no piece's subject
        self.venue_after = tuple(sorted(words("names", "venue_after"), key=len, reverse=True))
        # 国内运营商业务收入 in a piece about a company: the market of one of its segments (``segment_places`` before
        # ``segment_after``), no holder
        self.segment_places = frozenset(words("names", "segment_places"))
        self.segment_after_rx = next((regex.compile(e["segment_after"]) for e in data.get("names", []) if e.get("segment_after")),
                                     None)
        self.possessive_not = tuple(words("names", "possessive_not"))
        # 苹果供应链龙头企业乙: a company right before one of these describes another firm (``company_modifier_heads``)
        self.company_modifier_rx = stdlib_first(_alternation(words("names", "company_modifier_heads")))
        # 采用甲芯片的服务器: a company whose component a product uses (``component_after``), after a verb of a means
        # (entities.yaml product_models means_cues, the cues of a model's means)
        means = (rules.raw.get("entities", {}).get("product_models") or {}).get("means_cues", [])
        self.component_before_rx = regex.compile(rf"(?:{_alternation(means)})$" if means else "(?!)")
        self.component_after_rx = regex.compile(next((e["component_after"] for e in data.get("names", [])
                                                      if "component_after" in e), "(?!)"))
        # 由甲设计院和乙工程局承建的项目: the builders a 由 frame names describe what they build (``builder_after``)
        self.builder_after_rx = next((regex.compile(e["builder_after"]) for e in data.get("names", []) if e.get("builder_after")),
                                     None)
        # 甲集团旗下乙: the owner of the unit named after it (attribution.yaml names ``owner_links``)
        self.owner_rx = stdlib_first(rf"(?:{_alternation(words('names', 'owner_links'))})")
        self.owner_end_rx = stdlib_first(rf"(?:{_alternation(words('names', 'owner_links'))})$")  # (海外子公司乙)
        self.owner_link_len = max(map(len, words("names", "owner_links")), default=0)
        # 主要股东为甲集团: a shareholder, who holds its own clause's stake only (attribution.yaml names ``shareholder_before``)
        self.shareholder_before_rx = stdlib_first(rf"(?:{_alternation(words('names', 'shareholder_before'))})$")
        # 恒指收报x点，跌y点: the words of a clause that tells an index's move (attribution.yaml names ``index_moves``)
        self.index_move_rx = regex.compile(_alternation(words('names', 'index_moves')) or "(?!)")
        # 甲驱动下, 乙的带动下: a cause, a frame (attribution.yaml names ``cause_cues``)
        self.cause_rx = stdlib_first(rf"的?(?:{_alternation(words('names', 'cause_cues'))})")
        # 受惠于甲, 得益于乙: a cause before the name (attribution.yaml names ``cause_before``)
        # (距离甲机场x公里: the place a distance is measured to, attribution.yaml names ``destination_before``)
        before = words("names", "cause_before") + words("names", "destination_before")
        self.cause_before_rx = stdlib_first(rf"(?:{_alternation(before)})$")
        self.cause_before_words = tuple(words("names", "cause_before"))  # (加上…: a further driver opening a clause)
        self.route_to = tuple(words("names", "route_to"))  # (甲集群到乙集群时延x: the route's end, no holder)
        self.route_from_heads = tuple(words("names", "route_from_heads"))
        self.circumstance_rx = regex.compile(r"(?:^|(?<=[，,。；;：:\s]))(?:" + _alternation(words("names", "circumstance_openers"))
                                             + r")[^，,。；;：:\n]+")  # (随着甲出现，…: a scene's clause, no holder in it)
        self.listing_frame_rx = regex.compile(next((e["listing_frame"] for e in data.get("names", []) if e.get("listing_frame")),
                                                   "(?!)"))  # (在深交所上市的: a venue)
        self.cause_before_len = max(map(len, before), default=0)
        # 带动GB300机柜出货: a product a driver's verb introduces (attribution.yaml names ``model_cause_before``)
        self.model_cause_before = tuple(words("names", "model_cause_before"))
        # 受全球…影响: a name inside the frame (attribution.yaml names ``cause_frame_before``/``_after``),
        # its closing word in the name's own clause
        # (受到对等关税、中国产能外溢效应所压抑: the frame may open a list the name is an item of)
        # (受子公司甲产品价格下行影响: the name's owner word after the frame's opening, cause_frame_owners)
        self.cause_frame_before_rx = stdlib_first(
            rf"(?:{_alternation(words('names', 'cause_frame_before'))})(?:{_alternation(words('names', 'cause_frame_owners'))})?"
            rf"(?:[^，,。；;！？\n、]{{1,10}}[、和及与])*[“「\"『]?$")  # (因“甲计划”完结而: a quoted name too)
        self.cause_frame_before_len = max(map(len, words("names", "cause_frame_before")), default=0) + 34
        self.cause_frame_after_rx = regex.compile(
            rf"[^，,。；;！？\n]{{0,24}}?(?:{_alternation(words('names', 'cause_frame_after'))})")
        # 全球企业对…的采购带动了乙的增长: a figureless sentence whose subject drives another's figures (attribution.yaml
        # names ``driver_verbs``): its subject is a cause, no holder carried to the sentences after it
        self.driver_rx = regex.compile(rf"[^，,。；;！？\n\d]{{0,24}}?(?:{_alternation(words('names', 'driver_verbs'))})[^。；;！？!?\n\d]*(?:[。；;！？!?\n]|$)") \
            if words("names", "driver_verbs") else None
        # 除甲、乙两家…外: what a sentence sets aside (attribution.yaml names ``exclusion_frame``)
        self.exclusion_rx = regex.compile(next((e["exclusion_frame"] for e in data.get("names", []) if "exclusion_frame" in e), "(?!)"))
        self.exclusion_needs = guard(self.exclusion_rx.pattern, False)  # (what a sentence setting something aside holds)
        # 在本轮招标的甲服务器中份额: a name inside a scope (attribution.yaml names ``scope_frame``)
        scope = next((e["scope_frame"] for e in data.get("names", []) if "scope_frame" in e), {"before": "(?!)", "after": "(?!)"})
        self.scope_before_rx, self.scope_after_rx = stdlib_first(scope["before"]), regex.compile(scope["after"])
        # 考虑到…全球和本地情况的最新发展: a name inside what a forecast weighs (``weighed_before``/``_after``)
        self.weighed_before_rx = stdlib_first(rf"(?:{_alternation(words('names', 'weighed_before'))})[^，,。；;！？\n]{{0,20}}$")
        self.weighed_after_rx = regex.compile(
            rf"[^，,。；;！？\n]{{0,16}}?(?:{_alternation(words('names', 'weighed_after'))})")
        # 显示器, 法说会: a word that holds a source cue (显示, 说) but reports nothing; matched at a cue's
        # start whatever the cue's place in the word (法说会: the 说 after 法 is inside it)
        self.own_report_rx = regex.compile(_alternation(words("sources", "own_reports")) or "(?!)")  # (甲法说会资料显示)
        self.not_cue_rx = regex.compile("|".join(
            (f"(?<={regex.escape(w[:i])})" if i else "") + regex.escape(w[i:])
            for w in sorted(words("sources", "words"), key=len, reverse=True) for i in range(len(w))) or "(?!)")
        # 甲环球中心便宣称使用了30亿元兴建…: a cue right before one of these (attribution.yaml sources ``own_spending``)
        # is the name's claim about what it spends itself: no source
        own_time = next((e["own_time"] for e in data["sources"] if e.get("own_time")), "(?!)")
        self.own_spending_rx = regex.compile(rf"(?:{_alternation(words('sources', 'own_spending'))})"
                                             rf"|\s?(?:{own_time})\s?(?:{_alternation(words('sources', 'own_results')) or '(?!)'})")
        # 简称: a cue after one of these is part of another word (a lookbehind before the cues)
        self.not_cue_before = "".join(f"(?<!{regex.escape(w)})" for w in words("sources", "not_after"))
        self.agent_verbs = frozenset(w for e in data["features"] if e.get("feature") == "agent"
                                     for w in e.get("cues", []) + e.get("cues_before", []) + e.get("winner_verbs", [])
                                     + e.get("builds", []))
        # (出让, 批予, 投得, 承建: never inside a name)
        agent = next((e for e in data["features"] if e.get("feature") == "agent"), {})
        # 由甲置业（1234）于5月以8亿元夺地: the winner of a land sale (the agent feature's winner words): the cue
        # before the winner (由), the verb after it (夺地, 投得); read here for the entity finder and attribution
        self.winner_before = tuple(sorted(agent.get("winner_before", []), key=len, reverse=True))
        self.winner_cue_rx = stdlib_first(r"(?:{})[^，。；！？,;!?]{{0,10}}$".format(_alternation(self.winner_before)))
        self.winner_verb_rx = regex.compile(_alternation(agent.get("winner_verbs", [])))
        self.winner_verb_len = max(map(len, agent.get("winner_verbs", [])), default=0)
        # 对美出口占比… in a headline: a place after a trade-partner cue (the trade_partner feature's
        # cues_before and marks, the words attribution reads) is no subject
        partner = [w for e in data["features"] if e.get("feature") == "trade_partner"
                   for key in ("cues_before", "marks") for w in e.get(key, [])]
        self.partner_cue_len = max(map(len, partner), default=0)
        self.partner_before_rx = regex.compile(rf"(?:{_alternation(partner)})$")
        # 美國訂單…, 美國市場增64% in a headline about orders or exports: a place right before the orders it places
        # (the feature's direct_after), or before 市场 in a headline that names a trade (its goods), is no subject
        trade = next((e for e in data["features"] if e.get("feature") == "trade_partner"), {})
        self.partner_after_rx = regex.compile(_alternation(trade.get("direct_after", [])) or "(?!)")
        self.trade_rx = regex.compile(_alternation(trade.get("goods", [])) or "(?!)")
        # (stripped from a whole token only when two characters or more: 约旦, 近江 are names)
        self.leading_rx = regex.compile(rf"^(?:{_alternation(w for w in self.leading_cues if len(w) >= 2)})+")
        self.leading_before_rx = stdlib_first(rf"(?:{_alternation(w for w in self.leading_cues if len(w) >= 2)})$")
        self.leading_any_rx = regex.compile(rf"(?:{_alternation(w for w in self.leading_cues if len(w) >= 2)})")
        self.leading_cue_len = max(map(len, self.leading_cues), default=0)
        self.metric_rx = stdlib_first(rf"(?:{_alternation(words('names', 'metric_words'))})"
                                      rf"|(?:{_alternation(words('names', 'class_endings'))})$"
                                      rf"|^(?:{_alternation(words('names', 'product_classes') + words('names', 'segments') + words('names', 'area_classes'))})$")
        # (a metric word ending a bracketed term's Chinese: 资本支出（CapEx） names no one; 沪硅产业 does)
        self.metric_end_rx = stdlib_first(rf"(?:{_alternation(words('names', 'metric_words'))})$")
        shapes = words("names", "forbidden_shapes")  # 计114年第1, 2季…: a date or an ordinal is no name nor list item
        # (合并营收: a results term is no name, though an item of a list of quantities: ``name_only_shapes``)
        self.forbidden_rx = regex.compile("|".join(f"(?:{p})" for p in shapes + words("names", "name_only_shapes")) or "(?!)")
        self.list_forbidden_rx = regex.compile("|".join(f"(?:{p})" for p in shapes) or "(?!)")
        agency = next((e for e in data.get("sources", []) if "reporters" in e), {})
        self.reporter_rx = stdlib_first(rf"(?:{_alternation(agency.get('reporters', []))})$")
        self.reporter_cue_rx = regex.compile(rf"^[^，。；！？,;!?“”《》]{{0,12}}?(?:{_alternation(agency.get('cues', []))})"
                                             + (r"|^[：:]" if agency.get("colon") else ""))
        analyst = next((e for e in data.get("sources", []) if "analysts" in e), {})
        analysts = _alternation(analyst.get('analysts', []) + analyst.get('analyst_endings', []))
        self.analyst_rx = stdlib_first(rf"(?:{analysts})$")  # (IDC, 集邦: never holders)
        self.analyst_any_rx = regex.compile(rf"(?:{analysts})")  # (据Omdia报告…: one cited)
        outlet = next((e for e in data.get("sources", []) if "outlets" in e), {})
        self.outlet_rx = stdlib_first(rf"(?:{_alternation(outlet.get('outlets', []))})$")
        self.outlet_cue_rx = regex.compile(rf"^\s*(?:{_alternation(outlet.get('cues', []))})")
        # a name an outlet's name goes on after (香港|商报, 美国|商业资讯): a part of the outlet's name, never a holder
        self.outlet_name_rx = regex.compile(rf"^(?:{_alternation(outlet['outlets'])})") if outlet.get("outlets") \
            else regex.compile("(?!)")

    def metric_only(self, name: str) -> bool:
        """出货量, 大数据收入同比增速, 计算机制造业, 笔电, 流动通讯, 核心商业区: a metric, an industry, a product
        class, a business segment or a class of areas."""
        return self.metric_rx.search(name) is not None

    def no_name(self, name: str) -> bool:
        """A metric (:meth:`metric_only`) or a shape no holder has: a date or an ordinal in it
        (计114年第1, 2季经济成长率: the pieces of a date list, rules ``forbidden_shapes``)."""
        return self.metric_rx.search(name) is not None or self.forbidden_rx.search(name) is not None

    def strip_leading(self, name: str) -> str:
        """其中云计算 -> 云计算, 今年全球 -> 全球: the name without the cue words before it."""
        m = self.leading_rx.match(name)
        return name[m.end():] if m else name

    def cut_by_cue(self, text: str, start: int, surface: str) -> bool:
        """Whether a short gazetteer name at ``start`` begins inside a cue word (其中移动电话用户: 其中 +
        移动, never 中移动): its first character ends the cue."""
        return len(surface) <= 3 and start > 0 and self.ends_with_cue(text, start + 1)

    def winner(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] is the winner of a tender or a sale (由甲置业（1234）于5月以8亿元夺地):
        a winner's cue shortly before it, a winner's verb within 24 characters of its clause after it."""
        if self.winner_cue_rx.search(text, max(0, start - 12), start) is None:
            return False
        m = self.winner_verb_rx.search(text, end, end + 24 + self.winner_verb_len)
        return m is not None and m.start() - end <= 24 and _SENTENCE_OR_CLAUSE_END.search(text, end, m.start()) is None

    def after_owner_link(self, text: str, at: int) -> bool:
        """Whether an owner link (旗下, 控股子公司: attribution.yaml names ``owner_links``) ends right at ``at``: the name
        there is a unit of the owner before it."""
        return self.owner_end_rx.search(text, max(0, at - self.owner_link_len), at) is not None

    def ends_with_cue(self, text: str, at: int) -> bool:
        """Whether ``text`` just before ``at`` is a cue word a name never starts with (期内集团: "the group")."""
        return self.leading_before_rx.search(text, max(0, at - self.leading_cue_len), at) is not None

    def is_source(self, surface: str, name: str, typ: str, after: str) -> bool:
        """A reporting body that publishes (商务部发布数据, 主计总处预估, 国家统计局：…) or an outlet
        in a credit (东川日报报业集团全媒体记者, 东川日报报道): a source, never a holder."""
        if any(self.reporter_rx.search(n) for n in (surface, name)) and self.reporter_cue_rx.match(after):
            return True
        if any(self.outlet_rx.search(n) or self.analyst_rx.search(n) for n in (surface, name)):
            return True  # (an outlet in a credit; a market-research firm reports the market's figures)
        if self.outlet_name_rx.match(after):
            return True  # (美国商业资讯, 香港商报网讯: the place an outlet is named after)
        return typ != "GPE" and self.outlet_cue_rx.match(after) is not None


class EntityFinder:
    def __init__(self, rules: Rules):
        self.names = NameRules(rules)
        ent = rules.raw["entities"]
        self.region_overrides = ent.get("region_overrides", {})
        self.suffixes = sorted(((s, e["type"]) for e in ent["suffixes"] for s in e["suffixes"]), key=lambda t: -len(t[0]))
        # the zones whose names may hold words of their own between their place and suffix (甲市火炬开发区)
        self.zone_suffixes = frozenset(s for e in ent["suffixes"] for s in e.get("zone_suffixes", []))
        self.zone_suffix_tuple = tuple(self.zone_suffixes)  # (one str.endswith for all of them)
        # (麻埠镇, 甲岙村: one word ending so is a place only when jieba reads it as a name; 行政村, 建制镇 are classes)
        self.named_token_suffixes = frozenset(s for e in ent["suffixes"] for s in e.get("named_token_suffixes", []))
        self.lead_parks = tuple(ent.get("lead_parks", []))  # (甲科学园区 opening the lead: the piece's subject)
        self.benchmark_before = tuple(ent.get("benchmark_before", []))  # (对标上海: a benchmark, no subject)
        self.suffix_type = {}
        for s, typ in self.suffixes:
            self.suffix_type.setdefault(s, typ)
        self.suffix_lengths = sorted({len(s) for s in self.suffix_type}, reverse=True)
        # 星岳科技有限公司项目: words a suffix's name never has right before the suffix (a company's project)
        self.mute_suffixes = tuple(s for e in ent["suffixes"] if e.get("never_source") for s in e["suffixes"])  # (项目)
        self.suffix_not_after = {s: tuple(e["not_after"]) for e in ent["suffixes"] if e.get("not_after") for s in e["suffixes"]}
        # 须予注意项目 (notable items of an account): stems that make a suffix's word a term, no name
        self.suffix_not_stems = {s: frozenset(e["not_stems"]) for e in ent["suffixes"] if e.get("not_stems") for s in e["suffixes"]}
        self.suffix_not_before = {s: tuple(e["not_before"]) for e in ent["suffixes"] if e.get("not_before") for s in e["suffixes"]}
        # what a project builds (基础设施): after a name and a word of its own it ends the project's name, no class word
        self.suffix_works = {s: frozenset(e["works_words"]) for e in ent["suffixes"] if e.get("works_words") for s in e["suffixes"]}
        # a site's name (ent.suffix.site): the street words inside it (海角道: jieba reads 道 as a measure
        # word), the joiners of a junction's two streets, and the nickname and second street its name drops
        site = next((e for e in ent["suffixes"] if e.get("site_names")), {}).get("site_names", {})
        self.site_suffixes = frozenset(s for e in ent["suffixes"] if e.get("site_names") for s in e["suffixes"])
        self.site_suffix_tuple = tuple(self.site_suffixes)
        self.street_words = frozenset(site.get("street_words", []))
        self.site_measures = frozenset(site.get("measure_words", []))
        self.lot_words = frozenset(site.get("lot_words", []))
        self.junction_joiners = frozenset(site.get("junction_joiners", []))
        self.junction_ahead_rx = regex.compile(site.get("junction_ahead", "(?!)"))
        self.site_drop_rx = [regex.compile(p) for p in site.get("drop", [])]
        self.suffix_last_chars = {s[-1] for s in self.suffix_type}
        # suffixes whose unnamed uses are no candidates at all (城域节点: a role, not a class that holds)
        self.named_only = frozenset(s for e in ent["suffixes"] if e.get("named_only") for s in e["suffixes"])
        # a name its amount describes, whatever jieba makes of it (投资1.4亿元的甲县乙中心项目: entities.yaml ``described``)
        self.described_names = [(regex.compile(e["described"]), e["type"]) for e in ent["suffixes"] if e.get("described")]
        self.source_gap_max = ent.get("source_gap_max", 12)  # (a speaker's title and name between a name and its cue)
        source = (r"^(?P<gap>[^，。；：！？,;:!?“”《》]{0," + str(self.source_gap_max) + r"}?)(?!" + self.names.not_cue_rx.pattern + ")" + self.names.not_cue_before + "(?:"
                  + "|".join(regex.escape(w) for w in sorted(ent["source_cues"], key=len, reverse=True)) + ")")
        self.source_rx = stdlib_first(source)  # (matched on the few characters after a name)
        # (the text after a name a cue may end in: the gap, then the longest cue)
        self.source_window = self.source_gap_max + max(map(len, ent["source_cues"]))
        self.source_needs = guard(source, True).chars  # (the text after a name lacking one: no cue)
        self.source_words = frozenset(ent["source_cues"])  # (某人表示|集团: a verb of saying is never inside a name)
        self.place_forecast_cues = tuple(ent.get("place_forecast_cues", ()))  # (西欧预计将占到…: the place's own figure)
        self.source_gap_value_rx = regex.compile(ent.get("source_gap_value", "(?!)"))  # (临江市共有164家公司披露)
        self.street_after_rx = regex.compile(ent.get("street_after") or "(?!)")  # (厦门路东: a street, entities.yaml)
        # 我代表甲区人民政府向大会作工作报告: the place whose government reports (entities.yaml government_report, group place)
        self.government_report_rx = regex.compile(ent.get("government_report") or "(?!)")
        # 三季度末|公司: the last character of a point in time, never a name's first (entities.yaml period_point)
        self.period_point_rx = regex.compile(ent.get("period_point") or "(?!)")
        # 10个以上数据要素产业园: a count right before a facility's or a firm's kind (entities.yaml counted_before)
        self.counted_before_rx = regex.compile(ent.get("counted_before") or "(?!)")
        # 在数字经济大省甲省，上半年全省…: a paragraph opening on a place (entities.yaml paragraph_place): its 全省/全市
        self.paragraph_place_before_rx = regex.compile(ent.get("paragraph_place", {}).get("before") or "(?!)")
        self.paragraph_place_after_rx = regex.compile(ent.get("paragraph_place", {}).get("after") or "(?!)")
        # 甲、乙与丙发布…财报: the words joining a list of companies (metrics.yaml list_joiners, longest first)
        self.list_joiners = tuple(sorted(rules.raw["metrics"]["list_joiners"], key=len, reverse=True))
        # 该项目, 本项目 (not the bare 项目 of scope_aliases project): what refers back to a project named before
        self.project_refs_rx = regex.compile("|".join(regex.escape(w) for w in ent.get("scope_aliases", {}).get("project", [])
                                                      if len(w) > 2) or "(?!)")
        # 某局公布，…: the clause a facility opens after a reporter's verb (entities.yaml ``company_says`` and ``reported_verbs``)
        self.reported_rx = regex.compile(r"^\p{{Han}}{{0,12}}?(?:{})[，,：:]$".format(
            _alternation(ent.get("company_says", []) + ent.get("reported_verbs", [])) or "(?!)"))
        # (中华电信指出; 甲通讯2025年预计…: a time before its verb; 甲移动在港交所公告称: where it files, then its notice)
        venues = "|".join((ent.get("results_subject") or {}).get("venues", [])) or "(?!)"
        self.company_says_rx = regex.compile("(?:{})?(?:{})?(?:{})?(?:{})".format(
            ent.get("company_says_time") or "(?!)", venues, ent.get("company_says_notice") or "(?!)",
            _alternation(ent.get("company_says", [])) or "(?!)"))
        def titled_says(titles, gap: int) -> str:
            """A title of ``titles``, then within ``gap`` characters of one clause a verb of saying (a regex's text)."""
            return "(?:{})[^，,。；;：:！？!?“”「」]{{0,{}}}?(?:{})".format(
                _alternation(titles) or "(?!)", gap, _alternation(ent.get("company_says", [])) or "(?!)")

        officer_gap = int(ent.get("officer_gap", 20))
        self.officer_says_rx = regex.compile(titled_says(ent.get("company_officers", []), officer_gap))  # (甲电子董事长王大明昨（12日）表示)
        self.place_head_says_rx = regex.compile(  # (臺東縣長某某表示: the county speaks)
            titled_says(ent.get("place_officers", []), int(ent.get("place_officer_gap", 10))))
        # an officer's title right after a name, then a verb of saying (检测厂甲康董事长某某表示): the words before the
        # title, whose ending is a company the piece names again (entities.yaml officer_company)
        oc = ent.get("officer_company") or {}
        self.officer_name_rx = regex.compile(r"(?:^|(?<=[，,。；;：:！？!?\n（(」”\s]))(?P<lead>\p{Han}{2,14}?)(?="
                                             + titled_says(oc.get("titles", []), officer_gap) + ")")
        self.officer_company_min = int(oc.get("min_count", 0))
        self.officer_company_not = tuple(oc.get("not_starts", ()))  # (国家电投, 国家电网: a state body or firm the gazetteer has)
        self.frames = sorted(ent["frame_prefixes"], key=len, reverse=True)
        self.frame_set = frozenset(self.frames)  # (a token is one: a set look-up, not a list scan)
        self.frame_tuple = tuple(self.frames)  # (a name after one: one endswith)
        self.generic = sorted(ent["generic_prefixes"], key=len, reverse=True)
        self.generic_tuple = tuple(self.generic)  # (a named-only suffix after one: a class, 在建项目, 骨干节点)
        # 甲地数据中心集群 … 甲地集群: the kinds of a cluster a place's short form refers to (cluster_references)
        kinds = _alternation(ent.get("cluster_heads", []))
        self.cluster_rx = regex.compile(r"(?P<place>\p{Han}{2,5}?)(?:" + kinds + ")集群") if ent.get("cluster_heads") else None
        # 中心, 实验室, 项目: heads any two words may open (数算展示中心), no park's name (樱桃数据谷); events too
        self.plain_heads = tuple(ent.get("plain_heads", [])) + self.names.event_heads
        self.facility_kinds = frozenset(ent.get("facility_kinds", []))  # 数据(智算)中心: a kind in brackets, no name
        self.alias_to: dict[str, tuple[str, str]] = {}
        self._segmented: set[str] = set()  # the aliases jieba-rs's dictionary gets (not those of segment: false)
        # a stock market or index (台股, 恒指): its place holds what it measures, its name stays in the metric
        self.market_place = {e["name"]: e["place"] for e in ent["entities"] if e["type"] == "MARKET" and e.get("place")}
        # 港股重上22000点: a market's points are its benchmark index's (entities.yaml points_index)
        self.points_index = {e["name"]: e["points_index"] for e in ent["entities"] if e["type"] == "MARKET" and e.get("points_index")}
        # a company's business line or brand (天翼云 of 中国电信): a segment of the company, which holds, the line
        # naming the metric (天翼云收入 -> 中国电信, contract 1a)
        self.parent_of = {e["name"]: e["parent"] for e in ent["entities"] if e.get("parent")}
        # an industry's word (电子零组件业, 半导体产业): no company
        self.industry_endings, industry_not = industry_words(rules)
        self.industry_not = industry_not + tuple(ent.get("company_endings", ()))  # (青禾置业: a company)
        for e in ent["entities"]:
            for a in e["aliases"]:
                self.alias_to[a] = (e["name"], e["type"])
                if e.get("segment", True):
                    self._segmented.add(a)
        self.pronouns = set(ent["pronouns"])
        self.statistical_scopes = tuple(ent["statistical_scopes"])  # 规模以上…企业（简称…）: a class, no holder
        # companies by their first and last characters, for a short form before a stock code (中移动（09999）)
        self.abbreviable: dict[tuple[str, str], set[str]] = {}
        self.abbr_min = (ent.get("coded_abbreviation") or {}).get("min_chars", 0)
        self.listing_max = (ent.get("coded_listing") or {}).get("max_chars", 0)
        op = ent.get("outlet_place") or {}
        self.portals = dict(op.get("portals") or {})  # 大河网 -> 河南: a provincial portal named for no place
        pc = ent.get("province_cities") or {}
        self.province_min_cities = pc.get("min_cities", 0)
        self.city_province = {city: prov for prov, cities in (pc.get("provinces") or {}).items() for city in cities}
        def after_place(key: str):  # (亳州晚报社, 巴中市人民政府: the words after a place that name its outlet, its issuer)
            return regex.compile(r"[市省]?(?:" + "|".join(map(regex.escape, sorted(op.get(key, []), key=len, reverse=True)))
                                 + ")" if op.get(key) else "(?!)")

        self.outlet_after_rx = after_place("outlets")
        self.issuer_after_rx = after_place("issuers")  # (来源：甲市人民政府办公室: a local government's own release)
        self.dateline_after_rx = regex.compile(op.get("dateline_after") or "(?!)")  # (本报长治5月6日讯)
        for a, (name, typ) in self.alias_to.items():
            if self.abbr_min and typ == "ORG" and len(a) > self.abbr_min:
                self.abbreviable.setdefault((a[0], a[-1]), set()).add(a)
        # a municipality (北京, 上海: a province-level city): its 全市 is the municipality, not a district of it
        self.municipalities = frozenset(e["name"] for e in ent["entities"] if e.get("municipality"))
        # the county-level places (entities.yaml counties: 甲区, 乙县, 丙市) -> their city (None: a name of two)
        self.county_city = {e["name"]: e.get("city") for e in ent["entities"] if e["id"].startswith("ent.county.")}
        self.counties = frozenset(self.county_city)
        # counties of two characters (洋县): a name only after no character of a longer word (entities.yaml two_char)
        self.two_char_counties = frozenset(e["name"] for e in ent["entities"] if e.get("two_char"))
        self.two_char_after = frozenset((ent.get("counties") or {}).get("two_char_after", ()))  # (在洋县, 的洋县)
        # the words after a place's last character that make it no place's end (市场, 市值, 市占: entities.yaml
        # counties not_before): for the places a suffix finds too (六家陆企总市占达x: no 陆企总市)
        self.place_end_not_before = {k: tuple(v) for k, v in (ent.get("counties") or {}).get("not_before", {}).items()}
        # an alias that names its entity only in one region's text (entities.yaml region: 科技园 in Hong Kong)
        self.alias_region = {a: e["region"] for e in ent["entities"] if e.get("region") for a in e["aliases"]}
        # 中环, 金钟: a district holds its own sentence's figures only (entities.yaml ``local``)
        self.local_names = frozenset(e["name"] for e in ent["entities"] if e.get("local"))
        # an alias that is another word's start before these (台湾大 before 学: 台湾大学; entities.yaml not_before)
        self.alias_not_before = {a: tuple(e["not_before"]) for e in ent["entities"] if e.get("not_before")
                                 for a in e["aliases"]}
        # document scope: which gazetteer names count towards a piece's province/city/company
        self.alias_scope = {}
        for e in ent["entities"]:
            scope = ("province" if e["id"].startswith("ent.province") else "city" if e["id"].startswith("ent.city")
                     else ("city" if e["name"].endswith("市") else "county") if e["id"].startswith("ent.county")
                     else "sar" if e["id"].startswith("ent.sar")
                     else "company" if e["type"] == "ORG" and not e["name"].endswith(("部", "局", "委员会", "院", "办公室", "中心", "园区"))
                     else None)
            for a in e["aliases"]:
                self.alias_scope.setdefault(a, (e["name"], e["type"], scope))
        # a province's or a city's canonical name -> its scope (what its 全省/我市 refer to)
        self.place_scope = {name: scope for name, _, scope in self.alias_scope.values() if scope in ("province", "city")}
        # a results piece's words (entities.yaml results_piece: 营收, 净亏损, 毛利率 …) and how many different ones make one
        rp = ent.get("results_piece") or {}
        self.results_piece_rx = regex.compile(_alternation(rp["words"])) if rp.get("words") else None
        self.results_piece_min = int(rp.get("min", 0))
        # the countries other than China (据越南统计总局…，越南的进口金额…: a foreign piece's first sentence names its
        # country); never the world (全球) nor a region's own holder (台湾)
        self.foreign_countries = frozenset(e["name"] for e in ent["entities"] if e["id"].startswith("ent.country.")
                                           and e["name"] not in (_MAINLAND, *_REGION_HOLDER.values())) \
            - {(ent.get("global_lead") or {}).get("holder")}
        # a group of firms a place right before it makes the place's (江苏基础电信企业: 江苏 holds, the group is in the
        # metric; entities.yaml place_holds)
        self.place_held = frozenset(e["name"] for e in ent["entities"] if e.get("place_holds"))
        # several firms the gazetteer names as one (三大运营商): never the one company a piece's 公司 stands for
        self.groups = frozenset(e["name"] for e in ent["entities"] if e.get("group"))
        # the nation's statistical groupings (东部地区): never a headline's subject (entities.yaml grouping)
        self.groupings = frozenset(e["name"] for e in ent["entities"] if e.get("grouping"))
        # the gazetteer's names as one alternation, the longest first: its scan, and its match at a name's start
        self.alias_scan = Literals(sorted(self.alias_scope, key=len, reverse=True))
        self._alias_by_first: dict[str, list[str]] = {}
        for a in sorted(self.alias_scope, key=len, reverse=True):
            self._alias_by_first.setdefault(a[0], []).append(a)
        self.scope_words = ent.get("scope_aliases", {})
        # 全州/我州: a prefecture's own words (an autonomous prefecture: 甘孜州 … 我州), never a city's (在成都举办…: no 州)
        self.prefecture_words = tuple(w for w in self.scope_words.get("city", []) if w.endswith("州"))
        self.city_words = tuple(w for w in self.scope_words.get("city", []) if not w.endswith("州"))
        self.province_words = tuple(w for w in self.scope_words.get("province", []) if w.endswith("省"))  # (全省, 我省)
        self.prefectures = frozenset(e["name"] for e in ent["entities"] if e.get("type") == "GPE"
                                     and any(a.endswith("自治州") for a in e.get("aliases", [])))
        self.headline_labels = frozenset(ent.get("headline_labels", []))  # 发布主题:… (a release form's label, no subject)
        # (核心观点 - 甲科技…: a label and its colon or dash before a lead's subject)
        self.lead_label_rx = regex.compile("(?:" + "|".join(map(regex.escape, sorted(self.headline_labels, key=len, reverse=True)))
                                           + r")\s?[-:：]?\s?") if self.headline_labels else None
        seg = ent.get("segment_groups", {})  # a company's business group named 集团 (ISG基础设施方案集团): a segment
        self.segment_group_suffixes = tuple(seg.get("suffixes", []))
        self.segment_group_words = tuple(seg.get("words", []))
        # (全市场, 全区域: a whole market or area, never the city's or the district's word; entities.yaml scope_not_before)
        not_before = "".join(re.escape(w) for w in ent.get("scope_not_before", []))
        self.scope_rx = {k: re.compile("(?:" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True)) + ")"
                                       + (f"(?![{not_before}])" if not_before else ""))
                         for k, ws in self.scope_words.items()}
        compared = ent.get("scope_compared") or {}
        self.scope_compared_before_rx = regex.compile(f"(?:{compared['before']})$" if compared.get("before") else "(?!)")
        self.scope_compared_after_rx = regex.compile(compared.get("after") or "(?!)")
        self.scope_class_before_rx = regex.compile(compared.get("class_before") or "(?!)")  # (上市柜公司: a class of firms)
        self.company_rx = regex.compile(r"(?:公司|集团|银行)$")
        self.country_aliases = {a for e in ent["entities"] if e["id"].startswith("ent.country") for a in e["aliases"]}
        self.scope_prefixes = {w for ws in self.scope_words.values() for w in ws}
        not_after = ent.get("scope_not_after", [])  # 子公司, 上市公司: no scope word
        self.scope_not_after_rx = regex.compile(rf"(?:{_alternation(not_after)})$")
        self.scope_not_after_len = max(map(len, not_after), default=0)
        self.province_prefix_rx = regex.compile(ent.get("province_prefix") or "(?!)")  # (省重点项目: the province's own)
        self.class_prefixes = set(self.country_aliases | {w for ws in self.scope_words.values() for w in ws}
                                     | {"各地", "各省", "各市"})
        self.class_prefix_tuple = tuple(self.class_prefixes)  # (one startswith tells whether any of them opens a word)
        self.quoted_cues = ent.get("quoted_name_cues", [])
        self.quoted_heads = tuple(sorted(ent.get("quoted_name_heads", []), key=len, reverse=True))
        # a lead about a worldwide market (全球服务器市场收入…, 全球交换机出货量…): the piece holds 全球
        glob = ent.get("global_lead", {})
        # (形成全球最大的…市场: a world scoping a superlative, attribution.yaml in_metric ``rank_after``, leads no
        # worldwide piece)
        rank_after = next((f.get("rank_after") for f in rules.raw["attribution"]["features"]
                           if f["feature"] == "in_metric" and f.get("rank_after")), "(?!)")
        self.global_lead_rx = regex.compile(
            "(?:{})(?!{})[^，,。；;：:]{{0,12}}?(?:{})".format(
                "|".join(map(regex.escape, glob.get("places", []))) or "(?!)", rank_after,
                "|".join(map(regex.escape, glob.get("words", []))) or "(?!)")) if glob else None
        self.global_holder = glob.get("holder")
        self.whole_rank_rx = regex.compile(whole_rank_pattern(rules))  # 全国首个…: a rank's scope, no headline's subject
        # a first line that is a local body alone (甲乙区统计局): that place's release (entities.yaml bureau_line)
        bureau = ent.get("bureau_line") or {}
        self.bureau_line_rx = regex.compile(r"\s*(?P<place>\p{{Han}}{{2,8}}?[{}])(?:{})[ \t\u3000]*(?:\n|$)".format(
            "".join(bureau.get("wider", {})) or "省", _alternation(bureau.get("bodies", [])) or "(?!)")) if bureau else None
        self.bureau_wider = {k: regex.compile(_alternation(v)) for k, v in bureau.get("wider", {}).items()}
        self.bureau_wider_max = int(bureau.get("wider_max", 2))
        self.global_tracker_rx = regex.compile("|".join(map(regex.escape, sorted(glob.get("trackers", []), key=len, reverse=True)))) \
            if glob.get("trackers") else None
        # a piece about worldwide markets (its world named more often than its country: entities.yaml global_lead.piece)
        piece = glob.get("piece") or {}
        self.world_piece_min = int(piece.get("min", 0))
        self.world_rx = regex.compile(_alternation(glob.get("places", []))) if piece else None
        self.world_home_rx = regex.compile(_alternation(piece.get("home", []))) if piece else None
        self.world_before_rx = regex.compile(f"(?:{piece.get('compared_before') or '(?!)'})$") if piece else None
        self.world_after_rx = regex.compile(piece.get("compared_after") or "(?!)") if piece else None
        # a clause that opens with a company reporting its results (甲科技4月28日发布一季报, 宏硕今（9）日公布…,
        # 纬邦11月合并营收…): the company reporting (group ``announce``: it announces a report)
        subj = ent.get("results_subject", {})
        alt = lambda ps: "|".join(sorted(ps, key=len, reverse=True)) or "(?!)"  # noqa: E731 - patterns
        # 甲乙三季报营收…: the report a headline names after its company (results_subject report_tails), no part of its name
        self.report_tail_rx = regex.compile(f"(?:{_alternation(subj.get('report_tails', []))})$")
        # 青禾電, 星岳光電, 晶宇科技-KY: an unknown name with a company's ending (results_subject company_marks)
        marks = subj.get("company_marks", {})
        listed = regex.escape(marks["listed"]) if marks.get("listed") else "(?!)"
        lo, hi = marks.get("stem_chars", [2, 4])
        self.company_mark_rx = regex.compile(r"(?P<stem>\p{{Han}}{{{lo},{hi}}}?)(?P<ending>{e})".format(
            lo=lo, hi=hi, e=_alternation(marks.get("endings", [])) if marks.get("endings") else "(?!)"))
        self.company_mark_not = frozenset(marks.get("not_stems", []))
        desc = ent.get("company_descriptor", {})  # 网通大厂甲乙: a description before a company's name
        self.descriptor_rx = regex.compile(_alternation(desc.get("heads", [])))
        self.descriptor_end_rx = regex.compile(f"(?:{_alternation(desc.get('heads', []))})$")
        self.descriptor_min = desc.get("min_name", 2)
        # 美国云端服务供应商: a description or a company's kind after its country, right before its name
        self.kind_rx = regex.compile(r"\p{Han}{0,8}?(?:" + _alternation(desc.get("heads", []) + desc.get("kinds", [])) + ")")
        movers = ent.get("stock_movers", {})  # 甲明生物業績後升近12%: a stock a market report moves
        self.mover_rx = regex.compile(movers["pattern"]) if movers.get("pattern") else None
        self.mover_market = regex.compile(_alternation(movers.get("market_cues", [])) or "(?!)")
        self.mover_not = frozenset(movers.get("not_names", []))
        self.mover_not_endings = tuple(movers.get("not_endings", []))
        self.mover_not_inside = regex.compile(_alternation(movers.get("not_inside", [])) or "(?!)")
        # a government body's name ends with one of these (工业和信息化部, 国家发展和改革委员会): it carries to no later sentence
        self.body_endings = tuple(ent.get("body_endings", []))
        members = ent.get("company_members", {})  # 甲硅微、乙丙产业等企业: the items of a list of firms are companies
        item = "(?:{})".format(members.get("item", "(?!)"))
        self.member_rxs = [regex.compile(p.replace("{items}", f"{item}(?:、{item})+").replace(
            "{classes}", _alternation(members.get("classes", []))))
                           for p in members.get("patterns", [])]
        self.results_subject_rx = regex.compile(
            r"(?:^|(?<=[。；！？\n，、,：:\s与及]))(?:\p{{Han}}{{0,8}}?(?:{heads}))?(?P<name>(?:\p{{Han}}{{2,8}}?(?:{endings})?|[A-Z][A-Za-z]{{2,12}}))(?P<listed>{listed})?"
            r"(?P<code>{codes})?(?P<de>的)?(?:{times}|{verbs}){{0,4}}(?:{venues})?(?:(?P<announce>{announces})|(?:{words}))".format(
                codes=r"[（(][0-9A-Z.\-]{2,10}[)）]", endings=_alternation(ent.get("company_endings", [])),
                heads=_alternation(desc.get("heads", [])),
                times="|".join(subj.get("times", []) + [regex.escape(w) for w in subj.get("adverbs", [])]) or "(?!)",
                verbs=alt(subj.get("verbs", [])),
                announces=alt(subj.get("announces", [])), words=alt(subj.get("words", [])), listed=listed,
                venues=alt(subj.get("venues", []))))
        self.results_subject_scan = ClausePattern(self.results_subject_rx)  # (tried where a match's words can stand)
        self.results_not_prefixes = tuple(subj.get("not_names", []))  # (str.startswith takes a tuple)
        self.results_not_names = frozenset(subj.get("not_names", []) + subj.get("adverbs", []))  # (…企业密集发布: no 密集)
        self.results_time_rx = regex.compile("|".join(subj.get("times", [])) or "(?!)")  # (昨日广达: a time, then the name)
        # a run of them and nothing else (2025Q3 before 公司, 2023年前三季度 before a lead's place): a time, no name
        self.results_times_rx = regex.compile("(?:" + self.results_time_rx.pattern + r")(?:\s?(?:" + self.results_time_rx.pattern + "))*")
        self.filing_subject_rx = regex.compile(ent.get("filing_subject", "(?!)"))
        self.lead_intro_rx = regex.compile(ent.get("lead_company_intro", "(?!)"))  # (甲是全球最大的…厂商 in the lead)
        self.lead_role_endings = tuple(ent.get("lead_intro_role_endings", ()))  # (操盘者是一家…企业: a role, no name)
        # (a market report's 该股: the stock named last, each time another; no use of an unnamed company's 公司)
        self.scope_stock_words = tuple(ent.get("scope_stock_words", []))
        # (例如，甲信息（000977）的营收…: a firm given as an example, no company the piece is about)
        self.example_open_rx = regex.compile(rf"(?:{_alternation(ent.get('example_openers', []))})[，,：:]?\s*$")
        macau = ent.get("macau_piece") or {}
        self.macau_cues, self.macau_rivals = tuple(macau.get("cues", ())), tuple(macau.get("rivals", ()))
        self.macau_own_cues = tuple(macau.get("own_cues", ()))
        self.macau_lead_bodies, self.macau_lead_chars = tuple(macau.get("lead_bodies", ())), int(macau.get("lead_chars", 0))
        self.macau_listed_rx = regex.compile(macau.get("listed_code", "(?!)"))
        homes = ent.get("overseas_homes") or {}
        self.overseas_rivals = tuple(homes.get("rivals", ()))
        self.overseas_self = tuple(homes.get("self_words", ()))
        forms = {e["name"]: tuple(e["aliases"]) for e in ent["entities"]}  # (新加坡, 狮城, 星国: the gazetteer's forms)
        self.overseas_homes = [(c["name"], c["money"], forms.get(c["name"], (c["name"],)) + tuple(c.get("also", ())),
                                tuple(c["own"])) for c in homes.get("countries", ())]
        mainland = ent.get("mainland_report") or {}
        self.mainland_body_rx = stdlib_first(_alternation(mainland.get("bodies", [])) if mainland.get("bodies") else "(?!)")
        self.mainland_report_keep = frozenset(mainland.get("keep", ()))
        self.mainland_qualifiers = tuple(mainland.get("qualified_before", ()))  # (大陆全国…: the mainland's whole)
        # units.yaml's Latin units (MW, PB, EFLOPS) but the letters that also name a technology (5G) or a multiple (x)
        self.latin_units = frozenset(f for e in rules.raw["units"]["units"] for f in e["forms"]
                                     if f.isascii() and f.isalpha() and f not in ("G", "X", "x"))
        self.short_code_rx = regex.compile(ent.get("short_stock_code", "(?!)"))  # 滙豐控股(005): after a known company
        models = ent.get("product_models", {})
        self.model_rx = JumpPattern(regex.compile(models.get("pattern", "(?!)")))  # (opens with an optional 白牌)
        self.model_stop = frozenset(models.get("not_models", []))
        # HKT Enterprise Solutions, Pivotal Technologies: a Latin name with a company's ending
        self.latin_company_rx = regex.compile(r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9&\-]*\s){{1,3}}(?:{})(?![A-Za-z0-9])".format(
            _alternation(ent.get("latin_company_endings", []))))
        # a bracket that introduces a listed company: its stock code (metrics.yaml stock_code: 乙科（1234）,
        # 甲电讯（00887.HK）) or its definition as the piece's "the company" (entities.yaml company_definition:
        # 甲控股有限公司（「本公司」，股份代号：0887）)
        definition = (ent.get("company_definition") or {}).get("pattern", "(?!)").replace(
            "{self}", _alternation(self.scope_words.get("company", [])))
        self.company_bracket_rx = regex.compile(
            f"(?:{rules.raw['metrics'].get('stock_code', '(?!)')})|(?P<definition>{definition})")
        # the note of where a listed company is incorporated, between its name and its code or definition
        # (甲半导体有限公司（于甲地注册成立之有限责任公司）（股票代码：1234）: entities.yaml company_definition incorporation)
        self.incorporation_rx = regex.compile(
            "(?:" + ((ent.get("company_definition") or {}).get("incorporation") or "(?!)") + r")\s*\Z")
        endings = ent.get("company_endings", ["公司"])
        self.company_ending_rx = regex.compile(rf"(?:{_alternation(endings)})$")
        self.part_cues = tuple(rules.raw["metrics"].get("part_cues", ()))  # 其中, 当中 (metrics.yaml)
        self.place_markets = tuple(ent.get("place_markets", ()))  # 美国|市场 (entities.yaml place_markets)
        # a firm's name a piece opens with: a stem, then a company ending (甲库科技), never a preposition before it nor
        # an industry's word after it (科技行业, 电子产业)
        self.lead_firm_rx = regex.compile(rf"(?![由在据对从为与和经将把被向于])(?P<stem>\p{{Han}}{{2,6}}?)(?P<suffix>"
                                          rf"{_alternation(endings)})(?!\p{{Han}}{{0,2}}(?:行业|产业|板块|领域|企业))")
        self.model_means_rx = regex.compile(rf"(?:{_alternation(models.get('means_cues', []))})")
        self.intro_rx = ClausePattern(regex.compile(r"(?:^|(?<=[，,。；;的]))(?P<name>\p{{Han}}{{2,6}}?)(?:{})".format(
            "|".join(map(regex.escape, sorted(ent.get("introduction_cues", []), key=len, reverse=True))) or "(?!)")))
        self.quoted_rx = regex.compile(r"[“「\"](?P<name>[\p{Han}A-Za-z·]{2,14})[”」\"]")  # (over 8: a programme's name)
        self.quoted_code_rx = regex.compile(ent.get("quoted_code", "(?!)"))  # (，「HKG8」分为…: a facility's or product's code)
        self.abbr_rx = regex.compile(
            r"[（(](?:以下)?(?:简称|下称)[“「\"]?(?P<abbr>[^”」\"）)，,]{2,12})[”」\"]?(?:[，,][^（()）]{0,24})?[）)]")
        self.tag_stoplist = set(ent.get("tag_stoplist", []))
        self.class_heads = frozenset(ent.get("class_heads", []))
        self.sar_class_heads = frozenset(ent.get("sar_class_heads", []))  # (澳门银行: the territory's banks)
        self.sar_names = frozenset(e["name"] for e in ent["entities"] if e["id"].startswith("ent.sar."))
        self.bare_scope = frozenset(ent.get("bare_scope", []))
        self.glued_prefixes = frozenset(ent.get("glued_prefixes", []))
        self.glued_markers = frozenset(ent.get("glued_markers", []))  # (受美中|贸易战: entities.yaml glued_markers)
        self.legal_endings = tuple(ent.get("legal_endings", []))  # (…科技有限公司: entities.yaml legal_endings)
        self.legal_ending_rx = regex.compile(_alternation(self.legal_endings))
        phase = ent.get("facility_phase", {})
        self.phase_rx = regex.compile(phase.get("pattern", "(?!)"))  # 一期, 第二期, （一期）
        self.phase_brackets_rx = regex.compile(phase.get("brackets", "(?!)"))
        self._jieba = None
        self._jieba_lock = threading.Lock()
        self._lexicon = [(w["word"], w["tag"]) for w in rules.raw["lexicon"]["words"]]
        # (jieba-rs keeps the tag of a word its dictionary has: the lexicon's tag is applied as the words are read)
        self._lexicon_tags = dict(self._lexicon)
        # the words a name never starts inside, by their last character (平台 before 台中: region_cues.yaml straddle_words)
        self.straddles: dict[str, tuple[str, ...]] = {}
        for w in straddle_words():
            self.straddles[w[-1]] = self.straddles.get(w[-1], ()) + (w,)

    def lead_alias(self, s: str) -> str | None:
        """The gazetteer name ``s`` starts with, the longest, that is not before a word it must not be before
        (entities.yaml not_before): the alternation's match, trying only the names of its first character."""
        for a in self._alias_by_first.get(s[:1], ()):
            if s.startswith(a) and not s.startswith(self.alias_not_before.get(a, ()), len(a)):
                return a
        return None

    def keep_hit(self, text: str, end: int, alias: str, region: str) -> bool:
        """Whether the gazetteer's ``alias`` found in ``text`` up to ``end`` names its entity there: an alias of one
        region's text (科技园: Hong Kong's parks corporation only in Hong Kong text) and one that is another word's
        start (台湾大 before 学) name nothing elsewhere."""
        return self.alias_region.get(alias, region) == region and not text.startswith(
            self.alias_not_before.get(alias, ()), end)

    def _kept_hit(self, text: str, hit: tuple[int, int, str], region: str) -> tuple[int, int, str] | None:
        """``hit`` if it names its entity there (:meth:`keep_hit`), else the longest shorter alias at its start
        that does (台湾大型: 台湾), else None."""
        s, e, alias = hit
        while not self.keep_hit(text, e, alias, region):
            alias = next((alias[:n] for n in range(len(alias) - 1, 1, -1) if alias[:n] in self.alias_scope), None)
            if alias is None:
                return None
            e = s + len(alias)
        if len(alias) == 2 and self._inside_word(text, s, e, self.alias_scope[alias][1] == "ORG"):
            return None  # 提高通关, 算力成为, 加上海外, 超越南韩: a two-character name read inside another word
        if alias in self.two_char_counties and s > 0 and _HAN.match(text, s - 1) \
                and text[s - 1] not in self.two_char_after and not self._place_before(text, s):
            return None  # 示范县, 禄丰县's 丰县: a county of two characters only after a mark, a particle or a place
        if any(text.startswith(w, s + 1 - len(w)) for w in self.straddles.get(text[s], ())):
            return None  # 平台中包含: no 台中 across 平台 (region_cues.yaml straddle_words)
        if self.alias_scope[alias][1] == "GPE" and self.street_after_rx.match(text, e):
            return None  # 位于…厦门路东: a street named after the place (entities.yaml street_after)
        return s, e, alias

    def _place_before(self, text: str, s: int) -> bool:
        """Whether a place of the gazetteer (a city, a province) ends right at ``s`` (平顶山郏县, 临沂市费县)."""
        return any(self.alias_scope.get(text[max(0, s - k):s], ("", "", ""))[1] == "GPE"
                   or self.alias_scope.get(text[max(0, s - k):s - 1], ("", "", ""))[1] == "GPE" and text[s - 1] in "市省"
                   for k in range(2, 6))

    def _inside_word(self, text: str, s: int, e: int, company: bool) -> bool:
        """Whether jieba reads ``text[s:e]``'s first character as the inside of a word that starts before it:
        for a company's name, any common word (提高|通关: no 高通; a name's word, ns/nr/nt/nz, does not count);
        for a place or a market, a verb, adverb, pronoun, conjunction or preposition (加上|海外: no 上海; 其中|国家:
        no 中国), as a place's name often ends a longer name or noun (面向全国, 月台湾: jieba's errors)."""
        if s == 0 or not _HAN.match(text, s - 1):
            return False
        at = max(0, s - 3)
        for _, t, ws, we in self.tag(text[at:e + 1]):
            if at + ws < s < at + we:
                return t not in NAME_TAGS if company else t[:1] in _FUNCTION_TAGS
            if at + we > s:
                break
        return False

    def kept_ruler_hit(self, text: str, s: int, e: int, alias: str, name: str, label: str, region: str):
        """An EntityRuler match as (start, end, alias, canonical name, type) after :meth:`_kept_hit` (the spaCy
        engine's filter, the same as the fast engine's scan); None when it names nothing there."""
        kept = self._kept_hit(text, (s, e, alias), region)
        if kept is None or kept[2] == alias:
            return None if kept is None else (s, e, alias, name, label)
        n, typ, _ = self.alias_scope[kept[2]]
        return kept[0], kept[1], kept[2], n, typ

    # jieba-rs with the domain lexicon, created lazily (only sentences with values are tagged)
    @property
    def jieba(self):
        if self._jieba is None:
            with self._jieba_lock:  # built once, completely, before any thread uses it
                if self._jieba is None:
                    j = _rjieba().Jieba()
                    for w, t in self._lexicon:
                        j.add_word(w, 100000, t)
                    for alias, (_, typ) in self.alias_to.items():
                        if len(alias) >= 2 and not alias.isascii() and alias in self._segmented:
                            j.add_word(alias, 50000, "nt" if typ != "GPE" else "ns")
                    self._jieba = j
        return self._jieba

    def tag(self, text: str) -> list[tuple[str, str, int, int]]:
        out: list[tuple[str, str, int, int]] = []
        add = out.append
        e = 0
        tags = self._lexicon_tags
        for w, t in self.jieba.tag(text):  # HMM on: with it off, unknown names split (devset strict 0.82 -> 0.78)
            s, e = e, e + len(w)  # (one pass: the offsets as the words are read)
            add((w, tags.get(w, t), s, e))
        return out

    def canonical(self, surface: str, over: dict) -> str:
        """``surface``'s name: the document's override (DocContext.overrides: 全国 -> 台湾), else the gazetteer's."""
        if surface in over:
            return over[surface]
        hit = self.alias_to.get(surface)
        return hit[0] if hit else surface

    def candidates(self, text: str, ruler_spans: list[tuple[int, int, str, str, str]], ctx: DocContext,
                   titles: list[tuple[int, int]], tokens=None) -> list[Candidate]:
        """Candidates in ``text`` (a paragraph of the document ``ctx`` describes).  ``ruler_spans``:
        (start, end, surface, name, type) from the EntityRuler.  ``tokens``: jieba tags of ``text``
        (computed when None)."""
        cands: list[Candidate] = []
        over = ctx.overrides
        for s, e, surface, name, typ in ruler_spans:
            if self.names.cut_by_cue(text, s, surface):
                continue
            # (a stock market, 台股: its place holds its own sentence's points only, never carried further;
            # the market's name opens the metric: 台股大盘上涨 -> 台湾)
            place = self.market_place.get(name) if typ == "MARKET" else None
            # (大陆全国铁路: the mainland's 全国, not the Taiwanese piece's override)
            qualified = surface in over and self.mainland_qualifiers and text.endswith(self.mainland_qualifiers, max(0, s - 4), s)
            cands.append(Candidate(s, e, place or (name if qualified else over.get(surface, name)), typ, "gazetteer", member=typ == "MARKET",
                                   keeps_words=place is not None, points_index=self.points_index.get(name) if place else None))
        if tokens is None:
            tokens = self.tag(text)
        for c in self._suffix_candidates(text, tokens, cands):
            if self.period_point_rx.match(text, c.start):
                # 三季度末|公司存货: the point in time's last character is no part of a name (公司 alone is the scope's)
                c.start, c.name = c.start + 1, c.name[1:]
                if c.name in self.suffix_type:
                    continue
            cands.append(c)
        cands.extend(self._tag_candidates(tokens, cands))
        cands.extend(self._quoted_names(text))
        cands.extend(self._models(text))
        cands.extend(Candidate(m.start("name"), m.end("name"), m.group("name"), typ, "suffix")
                     for rx, typ in self.described_names for m in rx.finditer(text))
        unit = self.company_document(ctx)  # (in a piece about another company: a unit of it, its sentence only)
        cands.extend(Candidate(m.start(), m.end(), m.group(), "ORG", "quoted", member=unit)
                     for m in self.latin_company_rx.finditer(text))
        cands.extend(self._introduced_here(text))
        cands.extend(self._owned_units(text, tokens))
        # (控股子公司, 全资子公司: a link word alone is no name: the unit after it is)
        cands = [c for c in cands if not (c.origin == "suffix" and self.names.owner_rx.fullmatch(c.name))]
        scoped = self._scope_candidates(text, ctx)
        cands.extend(scoped)
        projects = {id(c) for c in scoped if c.type == "FAC"}  # 该项目, 项目: the lead's project
        for s, e, full in _abbreviation_uses(text, ctx):
            if text[s:e] in ctx.cores and s > 0 and regex.match(r"\p{Han}", text[s - 1]) \
                    and not self.names.ends_with_cue(text, s):
                continue  # 互联网 is no use of the short form 联网 (期内联网, 其中联网 are)
            typ = "GPE" if full in self.counties or full.endswith(self.zone_suffix_tuple) else "FAC" if self._facility(full) else "ORG"
            cands.append(Candidate(s, e, full, typ, "gazetteer"))
        for c in cands:
            if c.type == "ORG" and c.origin not in ("gazetteer", "tag") and c.name == text[c.start:c.end]:
                k = self.described(c.name)
                if k:  # 服务器代工大厂乙科技: the company holds, not its description
                    c.start, c.name = c.start + k, self.alias_to.get(c.name[k:], (c.name[k:],))[0]
        named_at = {c.start for c in cands}
        cands = [c for c in cands if not (c.type == "ORG" and self.names.company_modifier_rx.match(text, c.end))
                 and not (c.type == "ORG" and self.names.component_after_rx.match(text, c.end) is not None
                          and self.names.component_before_rx.search(text, max(0, c.start - 4), c.start) is not None)
                 and not (self.names.place_modifier_rx.match(text, c.end) is not None
                          and not (c.type == "ORG" and (c.scope_word or text.startswith(self.names.business_heads_tuple, c.end)))) and (
            c.origin == "gazetteer" or not (  # (苹果供应链: another firm's description)
                self.names.no_name(c.name) or self.names.modifier_head_rx.match(text, c.end)  # (科技革命浪潮)
                or (c.end in named_at and self.descriptor_end_rx.search(c.name))))]  # (龙头公司|甲杰科技: its description)
        for c in cands:
            mark = _ITEM_MARK.match(text, c.start, c.end)
            if mark and c.name.startswith(mark.group()):  # ●航空、航天器…: a list's bullet is no part of a name
                c.start, c.name = mark.end(), c.name[len(mark.group()):]
                if c.origin == "suffix" and c.name in self.suffix_type:
                    c.name = ""  # (●航空: the suffix alone after its bullet, no name)
        cands = [c for c in cands if c.start < c.end and c.name]
        for c in cands:
            if c.origin == "suffix" and c.type in ("FAC", "ORG") and c.named \
                    and self.counted_before_rx.search(text, max(0, c.start - 10), c.start):
                c.named, c.bare_class = False, True  # 10个以上数据要素产业园: a counted kind, no facility's name
        cands = _resolve_overlaps(cands)
        if "company" in ctx.scope and self.names.segment_after_rx is not None:
            for c in cands:  # (kept as a candidate, so no shorter name forms inside the segment's words)
                if c.type == "GPE" and text[c.start:c.end] in self.names.segment_places \
                        and self.names.segment_after_rx.match(text, c.end):
                    c.cause = True  # 国内运营商业务收入 in a company's piece: the segment's market, no holder
        cands = _merge_places(cands, text)
        cands = _merge_slashed(cands, text)
        cands = self._merge_joined_group(cands, text)
        cands = [_with_counted_class(c, text) for c in cands]
        set_aside = [] if excluded(self.names.exclusion_needs, text) else [m.span() for m in self.names.exclusion_rx.finditer(text)]
        # 随着国产大模型甲出现，…: a clause of no figure that a circumstance's word opens sets the scene, no holder
        set_aside += [m.span() for m in self.names.circumstance_rx.finditer(text) if not _DIGIT.search(m.group())]
        set_aside += [m.span() for m in self.names.listing_frame_rx.finditer(text)]  # (在深交所、港交所上市的: venues)
        for c in cands:
            self._flag(c, text, cands, titles)
            if c.name in self.local_names or (c.name.endswith("区") and c.name[:-1] in self.local_names) or (
                    c.origin == "gazetteer" and c.type == "ORG" and c.name.endswith(self.body_endings)):
                c.local = True  # (工信部…。前三季度，技术改造投资增长x: the country's figure, not the ministry's)
            if any(a <= c.start and c.end <= b for a, b in set_aside):
                c.cause = True  # 除甲芯公司、乙芯国际两家…外: set aside, no holder
            if c.source and c.type == "ORG" and not self.names.reporter_rx.search(c.name) and (
                    c.name in ctx.defined or (c.origin == "gazetteer" and self._company_speaks(text, c))):
                c.source = False  # 甲表示，笔电出货…: the piece's own company speaks of its own figures
                # (中华电信指出，…ARPU提升至582元: a company the gazetteer knows, right before its verb of saying)
            elif c.source and c.type == "GPE" and self.place_head_says_rx.match(text, c.end) is not None:
                c.source = False  # 臺東縣長某某表示，遊客人數增加…: the county's head speaks of its figures
        if projects:
            self._projects_meant(cands, projects)
        self._paragraph_place(text, cands, scoped)
        self._companies_meant(text, cands, ctx)
        for c in cands:
            if c.source and c.type == "FAC" and (id(c) in projects or self.is_project(c.name)):
                c.source = False  # 该项目一期预计明年投产: a project reports nothing, its own forecast
        orgs = sorted((c for c in cands if c.type == "ORG"), key=lambda c: -c.start)
        for i, c in enumerate(orgs):  # (from the last item back: a list of any length)
            o = next((o for o in orgs[i + 1:] if o.end <= c.start), None)
            if c.source and o is not None and not o.source and text.startswith("、", o.end) \
                    and c.start - o.end <= _LIST_ITEM_GAP and not _SENTENCE_OR_CLAUSE_END.search(text, o.end, c.start):
                o.source = True  # 甲公司、乙公司总裁某某说: the speaker's employers, both of them sources
        return cands

    def _paragraph_place(self, text: str, cands: list[Candidate], scoped: list[Candidate]) -> None:
        """A paragraph that opens on a province or a city the gazetteer knows (在数字经济大省甲省，…; 甲市方面，…:
        entities.yaml ``paragraph_place``) is that place's: its 全省/全市 (``scoped``) refer to it, not to the piece's
        place (a round-up of several provinces, one paragraph each)."""
        opener = next((c for c in cands if c.origin == "gazetteer" and c.type == "GPE" and c.name in self.place_scope
                       and self.paragraph_place_before_rx.fullmatch(text, 0, c.start)
                       and self.paragraph_place_after_rx.match(text, c.end)), None)
        if opener is None:
            return
        level = "city" if opener.name in self.municipalities else self.place_scope[opener.name]
        words = self.scope_words.get(level, ())
        for c in scoped:
            if c.start > opener.end and text[c.start:c.end] in words:
                c.name = opener.name

    def _company_speaks(self, text: str, c: Candidate) -> bool:
        """A company the gazetteer knows (no market-research firm, outlet or reporting body) right before a verb of
        saying (中华电信指出，…), or one of its officers (中华电信董事长某某表示): it states its own figures."""
        known = self.alias_scope.get(text[c.start:c.end])
        return bool(known) and known[2] == "company" and self.speaks_at(text, c.end) \
            and not self.names.is_source(text[c.start:c.end], c.name, c.type, "")

    def speaks_at(self, text: str, at: int) -> bool:
        """Whether a verb of saying follows ``at`` (指出, 表示: entities.yaml ``company_says``), itself or after one of
        the company's officers (董事长王大明昨日表示: ``company_officers``)."""
        return self.company_says_rx.match(text, at) is not None or self.officer_says_rx.match(text, at) is not None

    def is_project(self, name: str) -> bool:
        """临江云谷项目, 青川数据中心一期: a project's name (a suffix that never reports, entities.yaml
        ``never_source``, or a facility's phase at its end)."""
        return name.endswith(self.mute_suffixes) or any(m.end() == len(name) for m in self.phase_rx.finditer(name))

    def _zone_place(self, tokens, text: str, k: int) -> int | None:
        """The token of the place a zone's name opens when up to four words of its own stand between the
        place and the zone's suffix starting at token ``k`` (甲市|火炬|开发区), else None."""
        for j in range(k - 1, max(-1, k - 6), -1):
            w, t, _, _ = tokens[j]
            if len(w) >= 2 and (t == "ns" or self.alias_to.get(w, ("", ""))[1] == "GPE"):
                if j < k - 1 and j > 0 and tokens[j - 1][1] == "j" and len(tokens[j - 1][0]) == 1:
                    return j - 1  # 川|西北|生态|示范区: a province's one-character short name opens the region's
                return j if j < k - 1 else None
            if t not in ("n", "nz", "vn", "b") or len(w) < 2 or w in self.frame_set or w in self.pronouns:
                return None
        return None

    def _suffix_candidates(self, text, tokens, known) -> list[Candidate]:
        out = []
        last = self.suffix_last_chars
        for i, (w, t, s, e) in enumerate(tokens):
            if w[-1] not in last:
                continue
            suf = None
            for n in self.suffix_lengths:  # longest suffix first, one dict look-up per length
                if len(w) >= n and w[-n:] in self.suffix_type:
                    suf = (w[-n:], self.suffix_type[w[-n:]])
                    break
            if not suf:
                continue
            longer = next((suf[0] + text[e:e + k] for k in (1, 2) if suf[0] + text[e:e + k] in self.suffix_type), None)
            if longer is not None and suf[1] == "ORG":
                if self.suffix_type[longer] != "FAC":
                    continue  # 新田|科技|城及: jieba split a longer ending (科技城) after a company's (科技): no company ends there
                suf, e = (longer, "FAC"), e + len(longer) - len(suf[0])  # (the site that ending names: 青田科技城)
            if suf[1] == "GPE":
                if text.startswith(self.place_end_not_before.get(w[-1], ()), e):
                    continue  # (陆企总市|占: 市占, a market share; no place ends there)
                # 西宁|经济|技术开发区, 临江|高新技术|产业|开发区: a longer suffix jieba split, then the place before it
                k = next((j for j in range(max(0, i - 3), i) if self.suffix_type.get(text[tokens[j][2]:e]) == "GPE"), i)
                if k < i or w == suf[0]:
                    if k > 0 and len(tokens[k - 1][0]) >= 2 and (
                            tokens[k - 1][1] == "ns" or self.alias_to.get(tokens[k - 1][0], ("", ""))[1] == "GPE"
                            or (tokens[k - 1][1] in ("nr", "nrt") and k == i and suf[0] in _CITY_SUFFIXES)):
                        # (玉环|市: jieba reads a city's name as a person's; a lone 市 after it is no 市长)
                        out.append(Candidate(tokens[k - 1][2], e, text[tokens[k - 1][2]:e], "GPE", "suffix"))  # 临江/县
                    elif text[tokens[k][2]:e] in self.zone_suffixes:
                        p = self._zone_place(tokens, text, k)
                        if p is not None:  # 甲市|火炬|开发区, 甲市|航空港|经济|综合|实验区: the zone's own words after its place
                            out.append(Candidate(tokens[p][2], e, text[tokens[p][2]:e], "GPE", "suffix"))
                # 宿州市, 安徽省: the token itself; adjacent places are merged later (重灾区, 商业区: no place; 居五县之首:
                # a count of places, no place)
                elif len(w) >= len(suf[0]) + 2 and w not in self.tag_stoplist \
                        and (suf[0] not in self.named_token_suffixes or t in ("nr", "ns", "nrt")) \
                        and not (w not in self.alias_to and _COUNTED_PLACES.fullmatch(w, 0, len(w) - len(suf[0]))):
                    a = s
                    if t != "ns" and i > 0 and tokens[i - 1][3] == s and tokens[i - 1][1] == "ns" and len(tokens[i - 1][0]) >= 2 \
                            and tokens[i - 1][0][-1] not in _CITY_SUFFIXES and self.jieba.has_word(w):
                        a = tokens[i - 1][2]  # 成都平原|经济区, 川南|经济区: a region's name before a common word for an area
                        # (临江市|青禾区: a city's district, its own name)
                    out.append(Candidate(a, e, text[a:e], "GPE", "suffix"))
                continue
            # extend left over noun-ish tokens, bracketed or quoted parts included:
            # 国家网安基地(武汉)算力中心, 青岛“海之心”人工智能计算中心
            j = i - 1
            start = s
            named = False
            kinds = ""  # (the bracket of another kind of the facility: 数据(智算)中心)
            while j >= 0:
                wj, tj, sj, ej = tokens[j]
                if s - sj > 20:
                    break
                if wj in _CLOSERS:
                    k = j - 1
                    while k >= 0 and tokens[k][0] != _CLOSERS[wj] and j - k < 8:
                        k -= 1
                    if k >= 0 and tokens[k][0] == _CLOSERS[wj] and k < j - 1 and suf[1] == "FAC" and wj not in ")）" \
                            and (k == 0 or tokens[k - 1][1] in ("v", "vn") or tokens[k - 1][0] in _PUNCT):
                        start, named, j = tokens[k][2], True, -1  # 建置「AI Factory」超级算力中心: the quoted name is the facility's
                        # (not a bracket: 【某台讯】(某社记者甲乙城24日电)甲乙科学园区…, a byline's, closes before the name)
                        break
                    if k < 1 or tokens[k][0] != _CLOSERS[wj] or k == j - 1 or tokens[k - 1][1] not in _NOUNISH \
                            or tokens[k - 1][0] in _PUNCT:
                        break  # a leading quote (“东数西算”甘肃枢纽…) is not part of the name
                    inner = text[tokens[k][3]:sj]  # (数据(智算)中心: another kind of the same facility, no name)
                    alt = (inner + w) in self.suffix_type or (inner + suf[0]) in self.suffix_type or inner in self.facility_kinds
                    if alt:
                        kinds = text[tokens[k][2]:ej]  # (its brackets are no part of a name: 大型数据(智算)中心 is a class)
                    start, named, j = tokens[k][2], named or not alt, k - 1
                    continue
                if (tj == "nr" or (tj == "n" and not self.jieba.has_word(wj))) and len(wj) >= 3 and wj[0] in self.glued_prefixes:
                    start, named = sj + 1, True  # 由星岳|集团: jieba glued the preposition to an unknown name (以青禾|科技公司:
                    # tagged n, a word the dictionary lacks)
                    break
                if len(wj) >= 3 and wj[0] in "年月" and sj > 0 and text[sj - 1].isdigit():
                    start, named = sj + 1, True  # 2024|年星川|集团: jieba glued a date's 年 to an unknown name
                    break
                if self._measured(tokens, j):
                    break  # 可建80MW数据中心, 80 MW 数据中心: a value's unit before the facility's kind is no part of a name
                latin_gap = wj == " " and j > 0 and tokens[j - 1][1] == "eng" == tokens[j + 1][1]  # NOVA IDC: one name
                if (wj in _PUNCT and not latin_gap) or wj in self.pronouns or wj[:1] in self.pronouns and tj not in _NAMED_TAGS \
                        or (wj in self.names.agent_verbs and len(wj) >= 2) \
                        or wj in self.frame_set or wj in self.names.leading_cues or wj[-1] == "的" \
                        or (len(wj) == 1 and self.names.leading_before_rx.search(text, max(0, ej - self.names.leading_cue_len), ej)):
                    break  # (其中云计算, 力争新建数据中心, 发展|成数据中心: a name never starts with a cue word, nor holds a
                    # word jieba glued to 的 (截|标的|将军澳数据中心: the particle before the name); 关乎|我下|一步科技:
                    # nor holds a word a pronoun opens; 甲公司|新建|乙中心: nor an agent's verb, whatever jieba tags it)
                if tj in _NOUNISH or (tj == "x" and (wj.strip() or latin_gap)):
                    pass
                elif tj in ("v", "vn") and len(wj) >= 2 and j > 0 and tokens[j - 1][1] in _NOUNISH and (
                        j + 1 == i or tokens[j + 1][1] in _NAMED_TAGS) \
                        and not (j + 1 == i and tj == "v" and suf[1] == "ORG" and not text.endswith(self.legal_endings, 0, e)) \
                        and tokens[j - 1][0] not in self.names.leading_cues \
                        and wj not in self.source_words \
                        and tokens[j - 1][0] not in self.alias_to:  # (台湾大哥大|受到|电信: a whole name, then its verb)
                    pass  # 国家先进计算太原中心, 长沙人工智能创新中心: a verb inside a name (出让, 收购, agent verbs, broke above;
                    # never a verb right before a company's ending with no legal ending after it: 力谷|创新|科技, I&T)
                elif tj == "l" and suf[1] == "FAC" and j > 0 and tokens[j - 1][1] in _NAMED_TAGS and tokens[j + 1][1] in _NOUNISH:
                    pass  # 甲乙区|一体化|数据中心: a set phrase jieba reads as one (一体化) between a place and the facility's kind
                elif suf[1] == "ORG" and len(wj) >= 2 and tj[:1] not in "pcurx" and j > 0 \
                        and (text.endswith(self.legal_endings, 0, e) or not self.jieba.has_word(wj)) \
                        and (tokens[j - 1][1] == "ns" or _place_token(tokens[j - 1][0])) and wj not in self.alias_to:
                    pass  # 西藏|宁算|科技集团有限公司: a registered name's brand between its place and its trade, whatever jieba tags it
                    # (绵阳|集拓|电子公司: a word the dictionary lacks is a brand before a plain 公司 too; 甲地|支持|科技公司: no)
                elif tj in ("m", "eng") and wj[:1].isdigit() and j > 0 and tokens[j - 1][0].endswith("第"):
                    pass  # 将军澳第87区数据中心用地, 青川第4C区用地: an ordinal inside a site's name
                elif wj == "第" and j + 1 < i and tokens[j + 1][0][:1].isdigit():
                    pass
                elif tj == "zg" and len(wj) == 1 and j > 0 and tokens[j - 1][1] in _NAMED_TAGS:
                    pass  # 青山/湾 住宅地: the last character of a place's name, split off by jieba
                elif suf[0] in self.site_suffixes and j > 0 and (
                        tokens[j - 1][1] in _NOUNISH or tokens[j - 1][0] in self.street_words) and (
                        wj in self.street_words or wj in self.site_measures
                        or (wj in self.junction_joiners and self.junction_ahead_rx.match(text, ej))):
                    pass  # 海角/道 住宅地; 甲街与乙道交界住宅地; 甲道一幅工业地皮: a street, a junction, a count
                elif suf[0] in self.site_suffixes and wj in self.lot_words and j > 1 and tokens[j - 1][0][:1].isdigit() \
                        and tokens[j - 2][0].endswith("第"):
                    pass  # 甲市地段第600号用地: the lot's number
                else:
                    break
                start = sj
                if tj in _NAMED_TAGS or wj in self.alias_to or tj == "x" or _place_token(wj):
                    named = True  # (甲乙区|电子信息|产业园|基础设施|项目: a district jieba tags n names it too)
                j -= 1
            first = j + 1  # the first token of the name
            if suf[1] == "FAC" and first + 1 < i and tokens[first][1] in ("v", "vn") \
                    and tokens[first + 1][1] in _NAMED_TAGS:
                start = tokens[first + 1][2]  # 拟发展|青岭数据园区: the verb before a site's name is no part of it
            while first + 1 < i and first > 0 and tokens[first - 1][1] == "m" and tokens[first][2] == start \
                    and tokens[first][1] not in _NAMED_TAGS and tokens[first][0] not in self.alias_to \
                    and not _place_token(tokens[first][0]):
                first += 1  # 投资5亿多元|招商引资|甲乙区…项目 (a headline's two phrases): the words right after a figure
                start = tokens[first][2]  # are its clause's, no part of the name
            if start == s and w == suf[0]:
                continue  # a bare 智算中心 / 公司: no name
            counted = False
            numeral = _COUNT_OPENING.match(text, start, s)
            if numeral is not None:
                start = numeral.end()  # 六|所国家工程技术研究中心: the count that opens the words, before its measure word
            while start < s and _COUNTED.match(text, max(0, start - 1)):
                start, counted = start + 1, True  # 培育500间创科公司: the measure word after a count is no part of a name
            if counted and s - start < 2:
                continue  # 一栋16层|大数据中心楼: a count's measure word jieba glued to one character, then the kind: no name
            dash = max(text.rfind(d, start, s) for d in _LIST_DASHES)
            if dash > start and _HAN.match(text, dash - 1) and _HAN.match(text, dash + 1):
                start = dash + 1  # (投资评级-报告公司: a dash between words ends the words before it; 晶宇科技-KY is a name)
            while start < s and not (text[start].isalnum() or text[start] in _NAME_OPENERS):
                start += 1  # ([2] -公司持股…: a bullet's dash or a mark opens no name)
            label = self.lead_label_rx.match(text, start, s) if self.lead_label_rx is not None else None
            if label is not None:
                start = label.end()  # (文章核心观点 公司依托…, the space lost: a summary's label is no part of a name)
            if start == s and w == suf[0]:
                continue  # (what was left: the bare 公司)
            surface = text[start:e]
            prefix = surface[: len(surface) - len(suf[0])]
            # (the last time written with figures in the words: 华中期货公司 holds no 中期)
            last_time = next((m for m in reversed(list(self.results_time_rx.finditer(prefix)))
                              if any(ch.isdigit() for ch in m.group())), None)
            if last_time is not None and _OPEN_BRACKET_END.search(prefix, 0, last_time.start()) \
                    and prefix[last_time.end():].lstrip()[:1] in (")", "）"):
                last_time = None  # 甲采购项目(2025年-2027年)项目: a period in brackets glosses the name, ends nothing
            if last_time is not None and 0 < last_time.end() < len(prefix) and last_time.start() > 0:
                # 投控第3季|通讯占比: a period inside the words before the suffix ends what came before; the name, if
                # any, starts after it (a period alone before the suffix: no name, results_times_rx below)
                start += last_time.end()
                surface = text[start:e]
                prefix = surface[: len(surface) - len(suf[0])]
            elif last_time is not None and last_time.start() > 0 and last_time.end() == len(prefix):
                continue  # (投控第3季|通讯: the suffix right after a period is a segment's word, no name)
            if kinds:
                prefix = prefix.replace(kinds, "")
            if text.startswith(self.suffix_not_before.get(suf[0], ()), e):
                continue  # 基础电信|企业: the word describes a class of firms, no name
            stems = self.suffix_not_stems.get(suf[0], ())
            if prefix in stems or (stems and self._strip_generic(prefix) in stems) \
                    or self.results_times_rx.fullmatch(prefix.strip()):
                continue  # 须予注意项目: an accounting term, no project; 2025Q3公司: a period, then the scope word
            if suf[0] in self.segment_group_suffixes and any(w in prefix for w in self.segment_group_words) \
                    and surface not in self.alias_to:
                continue  # ISG基础设施方案集团, 云智能集团: a company's business group, a segment (its company holds)
            if prefix.endswith(self.suffix_not_after.get(suf[0], ())) \
                    or (suf[0] in self.named_only and prefix.endswith(self.generic_tuple)
                        and not (named and self._named_facility_before(prefix, suf[0]))):
                continue  # 星岳科技有限公司项目: the company's project; 临江新区在建项目: a class of the place's
                # (甲乙区电子信息产业园基础设施项目: a named facility's works are one project)
            if suf[0].isascii() and not prefix.isascii():
                continue  # NOVA IDC names a data centre; 传统IDC, 第三方IDC are a business line
            # generic: prefix made of class words only (部分新建, 骨干节点型, 全国)
            rest = self._strip_generic(prefix)
            # an organisation's name before 公司/集团/科技 is a name even when jieba knows none of it
            named = named or (suf[1] in ("ORG", "FAC") and len(rest) >= 3 and suf[0] not in self.named_only)
            # 甲乙科技: two characters no dictionary knows as a word (jieba's HMM made them) are a firm's name,
            # never a field (金融科技, 信息科技 are words)
            named = named or (suf[1] == "ORG" and len(rest) == 2 and _HAN2.fullmatch(rest) is not None
                              and suf[0] not in self.named_only and not self.jieba.has_word(rest))
            # 樱桃|数据谷, 江北|信息港: a word of two characters, a place's name or any other, before a park's suffix
            # that is no class of a place's facilities (class_heads: 临江数据中心 is the place's data centres) names one
            # park, whatever jieba makes of it; never a kind of computing (算力产业园: facility_kinds), a plain head
            # any words may open (展示中心: entities.yaml plain_heads) or a site (同类用地)
            named = named or (suf[1] == "FAC" and suf[0] not in self.class_heads and suf[0] not in self.named_only
                              and not suf[0].endswith(self.plain_heads) and suf[0] not in self.site_suffixes
                              and _HAN2.fullmatch(rest) is not None and rest not in self.facility_kinds)
            generic = not named or rest == ""
            # the longest gazetteer name the prefix starts with (中国电信, not 中国)
            lead = self.lead_alias(prefix) or (next((w for w in self.class_prefixes if prefix.startswith(w)), None)
                                               if prefix.startswith(self.class_prefix_tuple) else None)
            if lead in self.class_prefixes or (prefix in self.alias_to and suf[0] in self.class_heads):
                generic = True  # 中国智算中心, 全国新建大型以上数据中心, 香港数据中心: a class of facilities
            elif lead and suf[0] in self.class_heads and self.alias_to.get(lead, ("", ""))[1] == "GPE" \
                    and self._generic_only(prefix[len(lead):]):
                generic = True  # 成都上市公司: a class of the place's firms, the place holds (contract 1a)
            elif prefix == lead and suf[0] in self.sar_class_heads and self.alias_to.get(lead, ("", ""))[0] in self.sar_names:
                generic = True  # 澳门银行发出的信用卡: the territory's banks, the territory holds (澳门商业银行: a bank)
            if rest and surface.endswith(self.names.facility_heads) and lead not in self.class_prefixes:
                generic = False  # 临江超算中心, 数码港人工智能超算中心: one facility, not a class
            elif generic and suf[0].endswith(self.names.event_heads) and len(rest) >= 4 and not self._generic_only(rest) \
                    and not text.startswith(self.names.event_bodies, e):
                generic = False  # 2025中国国际算力应用博览会: an event a country's name opens is one event, no class
            if generic and suf[1] == "FAC" and lead and lead not in self.class_prefixes and prefix in self.alias_to \
                    and self.alias_to[prefix][1] == "GPE" and self.phase_rx.match(text, e):
                generic = False  # 甲县数据中心二期: a phase names one facility, not the place's class of them
            if generic and suf[0] in self.named_only:
                continue
            name = QUOTE_MARKS.sub("", surface) if surface[:1] in _OPEN_QUOTES else surface  # (「AI Factory」超级算力中心)
            if not generic and suf[1] == "FAC":
                phase = self.phase_rx.match(text, e)  # 云栖湖数据中心一期: the phase is part of the facility's name
                if phase:
                    e = phase.end()
                    surface = text[start:e]  # (项目（一期）: the name drops the phase's brackets)
                    name = surface[:len(surface) - len(phase.group())] + self.phase_brackets_rx.sub("", phase.group())
            if suf[0] in self.site_suffixes and not generic:
                for rx in self.site_drop_rx:  # 青衣「巨无霸」物流地 -> 青衣物流地: a nickname, a junction's second street
                    cut = rx.sub("", name)
                    name = cut if len(cut) > len(suf[0]) else name
            out.append(Candidate(start, e, name, suf[1], "suffix", named=not generic,
                                 place_class=generic and lead in self.scope_prefixes,
                                 bare_class=generic and lead is None and rest == "",
                                 common=not generic and suf[1] == "FAC" and self._common_nouns(rest)))
        return out

    def _models(self, text: str) -> list[Candidate]:
        """GB300 NVL72, 白牌GB200 NVL72, 甲Pro: a product model (entities.yaml ``product_models``) holds
        what its sentence measures of it (contract 1a); right after a company's name it is that
        company's product (英伟达H100)."""
        out = []
        for m in self.model_rx.finditer(text):
            s = m.start()
            clause = _CLAUSE_BREAK.split(text[max(0, s - 20):s])[-1]
            if m.group("model") in self.model_stop or self.model_means_rx.search(clause):
                continue
            owner = next((s - n for n in range(min(s, 8), 1, -1) if text[s - n:s] in self.alias_to
                          and self.alias_to[text[s - n:s]][1] == "ORG"), None)
            if owner is not None:
                out.append(Candidate(owner, m.end(), self.alias_to[text[owner:s]][0] + text[s:m.end()], "PRODUCT", "quoted"))
            else:
                out.append(Candidate(s, m.end(), text[s:m.end()], "PRODUCT", "quoted"))
        return out

    def _introduced_here(self, text: str) -> list[Candidate]:
        """彼时的甲信息还是一家互联网企业: a name the sentence introduces as a company (for 这家企业 after it)."""
        return [Candidate(m.start("name"), m.end("name"), m.group("name"), "ORG", "quoted")
                for m in self.intro_rx.finditer(text) if m.group("name") not in self.tag_stoplist]

    def _owned_units(self, text: str, tokens) -> list[Candidate]:
        """甲集团旗下乙数科, 海外子公司乙国际: the unit an owner link introduces (attribution.yaml names
        ``owner_links``) is a name even when no gazetteer or suffix knows it: the nouns after the
        link, the first of them a name to jieba (乙/nr 数科/n), up to a verb, an adverb or a time; or a
        word jieba does not know followed by a company's ending (附属公司港青/a 电力/n: entities.yaml
        ``company_endings``)."""
        out = []
        starts = [t[2] for t in tokens]
        for m in self.names.owner_rx.finditer(text):
            known = self.lead_alias(text[m.end():m.end() + 24])
            if known is not None and self.alias_to[known][1] == "ORG":
                # 控股子公司乙华三营业收入: a company the gazetteer knows after the link, whatever jieba cuts it into
                out.append(Candidate(m.end(), m.end() + len(known), self.alias_to[known][0], "ORG", "quoted"))
                continue
            i = bisect.bisect_left(starts, m.end())
            if i >= len(tokens) or tokens[i][2] != m.end():
                continue
            if tokens[i][1] not in _NAMED_TAGS | {"nrfg"} and not (
                    tokens[i][1] in _NOUNISH and len(tokens[i][0]) >= 2 and self._short_form(tokens[i][0])
                    and i + 1 < len(tokens) and not self._short_form(tokens[i + 1][0])):
                continue
            j = i
            while j + 1 < len(tokens) and tokens[j + 1][1] in _UNIT_TAGS and tokens[j + 1][3] - m.end() <= 10 \
                    and not self.company_ending_rx.search(tokens[j][0]):
                j += 1  # (up to a company's ending: 乙丙电力售电量 -> 乙丙电力)
            name = text[m.end():tokens[j][3]]
            if len(name) >= 2 and not self.names.no_name(name) and name not in self.tag_stoplist:
                out.append(Candidate(m.end(), tokens[j][3], self.alias_to.get(name, (name,))[0], "ORG", "quoted"))
        return out

    def _quoted_names(self, text: str) -> list[Candidate]:
        """超级计算机“前沿”(Frontier), 推出的“粤医智影”: a quoted name introduced as one."""
        out = []
        for m in self.quoted_rx.finditer(text):
            s, e = m.start("name"), m.end("name")
            before = text[max(0, m.start() - 6):m.start()]
            after = text[m.end():m.end() + 2]
            head = next((h for h in self.quoted_heads if text.startswith(h, m.end())), None)
            if head is not None and len(m.group("name")) <= 8:  # 「青鸟通」平台: the name with its head
                out.append(Candidate(s, m.end() + len(head), m.group("name") + head, "NAME", "quoted"))
                continue
            if len(m.group("name")) > 8 and not m.group("name").endswith(self.names.programme_heads):
                continue
            if after[:1] in ("(", "（") or any(before.endswith(c) for c in self.quoted_cues) \
                    or m.group("name").endswith(self.names.programme_heads):  # 「青川人工智能资助计划」
                out.append(Candidate(s, e, m.group("name"), "NAME", "quoted"))
        for m in self.quoted_code_rx.finditer(text):  # ，「HKG8」分为4至5个发展阶段: a coded name opening its clause
            out.append(Candidate(m.start("name"), m.end("name"), m.group("name"), "NAME", "quoted"))
        return out

    def learn_document(self, text: str, region: str, headline: tuple[int, int] | None = None,
                       credits: tuple[str, ...] = ()) -> DocContext:
        """Document-level knowledge, learned once per document before its paragraphs:
        the abbreviations it defines, and the scope its 全省/我市/公司/本港 refer to (the
        place or company its headline names first, else the one it names most; where the text names
        no such place, the place of the local outlet its cut credits name: ``credits``, Simplified)."""
        ctx = DocContext(region, abbr=self.abbreviations(text))
        macau = (region == "hongkong" and self.macau_piece(text)) or (region == "mainland" and self.macau_own(text))
        ctx.home, ctx.money_region = ("澳门", "macau") if macau else (_REGION_HOLDER.get(region, _MAINLAND), region)
        ctx.overrides = self.region_overrides.get(region, {})
        if (region == "taiwan" or (region == "hongkong" and not macau)) \
                and self.mainland_body_rx.search(text, 0, _MAINLAND_REPORT_LEAD) is not None:
            # 據中國國家統計局公布，前5月全國…: the mainland body's 全国 is the mainland's, and so are the figures that
            # name no holder, in renminbi (某署發布上半年進出口總值x兆元); a Hong Kong piece on such a report too
            ctx.overrides = {k: v for k, v in ctx.overrides.items() if k in self.mainland_report_keep}
            ctx.home, ctx.money_region = _MAINLAND, "mainland"
        # (a piece in Traditional script is that country's own only where it says 我国/本国/全国 too: a Taiwanese piece
        # on a firm's Malaysian subsidiary stays Taiwan's, its bare 元 the new Taiwan dollar)
        overseas = None if macau or (region != "mainland" and not any(w in text for w in self.overseas_self)) \
            else self.overseas_home(text, credits)
        if overseas is not None:  # (早报讯 我国上月的工业产值…: Singapore's 我国, its bare 元 the Singapore dollar)
            ctx.home, ctx.money_region = overseas
            ctx.overrides = {w: ctx.home for w in self.overseas_self}
        lead_names: dict = {}  # (the suffix names of the headline and the lead, read once: _lead_suffixes)
        counts: dict[str, dict[str, int]] = {"province": {}, "city": {}, "county": {}, "sar": {}, "company": {}}
        # one leftmost-longest scan of the gazetteer over the document: it counts the
        # scope and is the fast engine's EntityRuler (see gazetteer_hits)
        ctx.hits = self.alias_scan.scan(text)
        if self.alias_region or self.alias_not_before:
            ctx.hits = [k for h in ctx.hits if (k := self._kept_hit(text, h, region)) is not None]
        ctx.hit_starts = [h[0] for h in ctx.hits]
        first: dict[str, int] = {}  # a name -> where the document first names it
        stems_seen: set[str] = set()
        for s, e, alias in ctx.hits:
            name, typ, scope = self.alias_scope[alias]
            if scope and not self.names.cut_by_cue(text, s, alias) and not self._benchmark(text, 0, s) \
                    and not (typ == "GPE" and self.names.place_modifier_rx.match(text, e) is not None):
                # (对标上海: a benchmark; 苏州市级示范车间, 中国式现代化: a level or a doctrine, no scope's place)
                counts[scope][name] = counts[scope].get(name, 0) + 1
                first.setdefault(name, s)
            if name in self.counties and name not in stems_seen:
                # 浦东新区 … 浦东计划…: a county the piece names in full is named by its stem too (no gazetteer name)
                stems_seen.add(name)
                stem = _COUNTY_SUFFIX.sub("", name)
                if len(stem) >= 2 and stem not in self.alias_scope and text.count(stem) > text.count(name):
                    ctx.abbr[stem] = name
        lead_start, lead_end = _lead(text, headline)
        body = len(text) - len(text[lead_start:].lstrip())  # (the body's first paragraph: where a piece codes its company)
        first_para_end = text.find("\n", body) % (len(text) + 1)
        for full in ctx.abbr.values():
            if self.company_rx.search(full) and not self.names.analyst_rx.search(full):  # (a consultancy studies others)
                # the company the piece defines; one it defines after its first paragraph is a side mention
                # (…的头部公司甲集成电路(上海)股份有限公司(下称“甲股份”) in a piece on a whole industry)
                early = 0 <= text.find(full) < max(lead_end, first_para_end)
                counts["company"][full] = counts["company"].get(full, 0) + (10 if early else 2)
                ctx.defined.add(full)
        lead_company = None
        for name, at in self.listed_companies(text, ctx):  # 甲数智（600000.SH）: a listed company the piece is about
            close = _CLOSE_BRACKET.search(text, at)
            # (电信三雄中华电信（2412）、台湾大、远传: the first of a list whose other firms have no code is one of
            # several firms the piece mentions; 甲（300308.SZ）与乙（300502.SZ）: two companies the piece reports on)
            listed_with_others = (close is not None and text[close.end():close.end() + 1] in "、及和与"
                                  and _CODED_NEXT.match(text, close.end()) is None) \
                or self.example_open_rx.search(text, max(0, at - 6), at) is not None  # (例如，甲（000977）…: an example)
            if lead_company is None and lead_start <= at < lead_end and not listed_with_others:
                lead_company = name  # 宏达通讯（1234）公布全年业绩: the first sentence names the piece's company
                # (电信三雄中华电信（2412）、台湾大、远传…: the first of a list is no piece's company)
            at_head = headline is not None and text.startswith(name, headline[0])
            # (a code after the lead is a side mention: 台积电（2330） in a piece on another chip designer)
            weight = 20 if at_head else 10 if at < max(lead_end, first_para_end) and not listed_with_others else 2
            counts["company"][name] = counts["company"].get(name, 0) + weight
            if not listed_with_others or at_head:
                ctx.defined.add(name)  # (the first of a coded list is one of several firms, no company the piece defines)
            if at_head:
                ctx.in_headline.add(name)
        filing = self.filing_subject_rx.search(text, 0, lead_end)  # 证券简称:甲科技: the filing's company
        if filing is not None and lead_company is None:
            lead_company = name = filing.group("name")
            counts["company"][name] = counts["company"].get(name, 0) + 20
            ctx.defined.add(name)
            if name not in self.alias_to:
                self._register(name, text, ctx)
        intro = self.lead_intro_rx.search(text, lead_start, lead_end) if lead_company is None else None
        if intro is not None and self._lead_introduced(intro.group("name")):
            # 甲乙技术是国内领先的笔电代工厂商，…: the company the first sentence introduces is the piece's
            lead_company = name = intro.group("name")
            counts["company"][name] = counts["company"].get(name, 0) + 20
            ctx.defined.add(name)
            if name not in self.alias_to:
                self._register(name, text, ctx)
        self.introduced_names(text, ctx)
        self.facility_acronyms(text, ctx)
        self.programme_references(text, ctx)
        self.cluster_references(text, ctx)
        self.zone_references(text, ctx, headline[0] if headline else 0, lead_end, lead_names)
        for name, in_head, full_form in self.results_subjects(text, headline):
            if full_form is not None:
                ctx.named_as.setdefault(name, full_form)  # 腾讯控股发布…财报: the company as the piece reports it
            name = ctx.abbr.get(name, name)  # (恒曜云 after 恒曜云科技控股（1234）: the full name)
            whole = next((d for d in sorted(ctx.defined, key=len) if name in d and name != d), None)
            if whole is not None and name not in self.alias_to:
                ctx.abbr.setdefault(name, whole)  # 联网第四季营收 after 中国联网集团（01288）: a short form of it
                ctx.cores.add(name)
                name = whole
            ctx.defined.add(name)
            if name not in self.alias_to:
                self._register(name, text, ctx)
            if in_head:
                counts["company"][name] = counts["company"].get(name, 0) + 10
                ctx.in_headline.add(name)
            elif lead_company is None and name not in self.scope_prefixes and not name.endswith("政府") \
                    and (at := text.find(name, lead_start, lead_end)) >= 0 \
                    and self.example_open_rx.search(text, max(0, at - 6), at) is None:
                lead_company = name  # 宏达通讯昨日公布…业绩: the first sentence reports the piece's company's results
                counts["company"][name] = counts["company"].get(name, 0) + 10
        for name in self.member_companies(text):
            ctx.defined.add(name)
            self._register(name, text, ctx)
        ctx.subsidiaries = frozenset(self.alias_scope[alias][0] for s, _, alias in ctx.hits
                                     if self.alias_scope[alias][1] == "ORG" and self.names.after_owner_link(text, s))
        for name in self.stock_movers(text):
            self._register(name, text, ctx)
        for name in self.officer_companies(text):
            self._register(name, text, ctx)  # (检测厂甲康董事长某某表示，…甲康营收…: the company its officer speaks for)
        named = None  # 云南：绿色算力规模跃居西部前列 -- the headline's subject before its colon
        head_place = False
        if headline:
            hs, he = headline
            m = _HEADLINE_SUBJECT.match(text, hs, he)
            label = self.lead_label_rx.match(text, m.end(), he) if m is not None and m.group(1) and self.lead_label_rx else None
            if label is not None and text[label.end() - 1:label.end()] not in "-:：" and _COLUMN_MARK.match(text, label.end()):
                m = _HEADLINE_SUBJECT.match(text, _COLUMN_MARK.match(text, label.end()).end(), he)  # 某网即时:快讯|…: a
                # column's name and its label, the subject after them
            elif m is not None and m.group(1) and (m.group(1) in self.headline_labels
                                                   or [t for _, t, _, _ in self.tag(m.group(1))] == ["nr"]):
                m = _HEADLINE_SUBJECT.match(text, m.end(), he)  # 发布主题:甲区2025年上半年…: a form's label, the subject after it
                # (谢东：渝中区规上…: a speaker's name before the colon, the place after it)
            named = (m.group(1) or m.group(2)) if m else None
            head_place = m is not None and m.group(2) is not None  # (a place's own name, no colon: 甲县2019年…)
            if named and self.names.reporter_rx.search(named):
                named = None  # 株洲市统计局：… -- a reporting body is no subject (the place it names is)

            last_end = -1
            head_subject = ctx.subject
            head_places: set[str] = set()  # the places the headline names apart (not 宁夏中卫's pair)
            over = ctx.overrides  # (國內生產毛額 in a Taiwanese headline: 台湾's)
            for s, e, alias in ctx.hits:
                name, typ, scope = self.alias_scope[alias]
                name = over.get(alias, name)
                if hs <= s and e <= he and (scope or typ == "GPE") and name not in self.local_names \
                        and name not in self.groupings and not self.whole_rank_rx.match(text, s) \
                        and not self.names.partner_before_rx.search(text, max(hs, s - self.names.partner_cue_len), s) \
                        and not self._headline_partner(text, e, hs, he):
                    # (对美出口占比…: a trade partner is no subject; 宁夏中卫：… -- of adjacent places the last)
                    if ctx.subject is None or (s == last_end and typ == "GPE" and _NARROWER.get(scope, 0)
                                               >= _NARROWER.get(self.alias_scope.get(ctx.subject, ("", "", ""))[2], 0)):
                        ctx.subject = name  # (宁夏中卫: the city; 策勒县天津工业园区: the county, 天津 is the park's)
                    if typ == "GPE" and s != last_end and name != self.global_holder:
                        head_places.add(name)  # (中国稳居全球第一大…市场: the world is the frame of a rank, no other place)
                    last_end = e
                if hs <= s and e <= he and scope:
                    counts[scope][name] = counts[scope].get(name, 0) + 10  # the headline names the subject
                    ctx.in_headline.add(name)
                    if alias == named and name not in self.counties:
                        named = None  # (a county-level place stays: its 全区/全县 below)
            if head_subject is None and (named is None or head_place) and len(head_places) > 1 and ctx.subject in head_places:
                ctx.subject = None  # 东部地区…增长 中部地区增势领先: a headline comparing places is about none of them
            head_companies = {over.get(alias, self.alias_scope[alias][0]) for s, e, alias in ctx.hits
                              if hs <= s and e <= he and self.alias_scope[alias][2] == "company"}
            if head_subject is None and len(head_companies) > 1:
                # 5G频谱拍卖完成 甲移动、乙电讯占最多: a headline naming several companies is about none of them
                ctx.in_headline -= head_companies
                if ctx.subject in head_companies:
                    ctx.subject = None
        prefecture_only = any(w in text for w in self.prefecture_words) and not any(w in text for w in self.city_words)
        province_words = any(w in text for w in self.province_words)
        for scope, by_name in counts.items():
            if by_name and scope == "city" and prefecture_only:
                by_name = {k: n for k, n in by_name.items() if k in self.prefectures}  # (我州 … 在成都召开: the prefecture's, no 成都's)
            if by_name and scope == "province" and province_words:
                by_name = {k: n for k, n in by_name.items() if k not in self.municipalities}  # (全省…, 北京 in passing:
                # a municipality has no 全省)
            if by_name:
                # (of equal counts the one named first: the piece's subject, not a customer it lists later)
                ctx.scope[scope] = max(by_name.items(), key=lambda kv: (kv[1], -first.get(kv[0], len(text))))[0]
        parent = self.county_city.get(ctx.scope.get("city"))
        if parent and ctx.scope["city"] not in ctx.in_headline and len(
                {n for n in counts["city"].keys() | counts["county"].keys() if self.county_city.get(n) == parent}) >= _SIBLINGS:
            ctx.scope["city"] = parent  # 全市… with 诸暨市, 嵊州市, 柯桥区… listed: their city's 全市, no county-level city's
        if counts["company"].get(ctx.scope.get("company"), 0) == 1:
            at = first.get(ctx.scope["company"], len(text))
            if at > _LATE_NAME and self.scope_rx["company"].search(text, 0, at):
                del ctx.scope["company"]  # (a broker note's 公司 never named, a customer named once later: no referent)
        if region == "hongkong" or "本港" in text or "特区政府" in text:
            ctx.scope["hongkong"] = ctx.home if region == "hongkong" else "香港"  # (本澳, 特区政府 in a Macau piece: 澳门)
        # (位列全省第4位, 高出全省平均水平: a scope word a rank or a comparison names is no use of it)
        ctx.scope_uses = {scope: sum(1 for m in rx.finditer(text) if not self._compared_scope(text, m.start(), m.end())
                                     and not (scope != "company" and self.scope_not_after_rx.search(
                                         text, max(0, m.start() - self.scope_not_after_len), m.start())))
                          for scope, rx in self.scope_rx.items()}  # (高新区: no use of 新区; entities.yaml scope_not_after)
        if not any(ctx.scope_uses.get(k) for k in ("county", "city", "province")) and region == "mainland":
            # (记者从省发展改革委了解到，…省重点项目…: a piece with no scope word refers to its province by 省 alone)
            ctx.scope_uses["province"] = sum(1 for _ in self.province_prefix_rx.finditer(text))
        if region == "mainland" and self.world_rx is not None and self._world_piece(text):
            ctx.world = self.global_holder
        if region == "mainland" and "company" not in ctx.scope \
                and ctx.scope_uses.get("company", 0) - sum(map(text.count, self.scope_stock_words)) >= _UNNAMED_COMPANY_USES \
                and not ctx.scope and max(ctx.scope_uses.get(k, 0) for k in ("county", "city", "province")) < 2:
            ctx.scope["company"] = UNNAMED_COMPANY  # (a broker note's excerpt that never names its company: 公司 holds)
        if ctx.scope.get("province") in self.municipalities and ctx.scope.get("city") not in ctx.in_headline:
            ctx.scope["city"] = ctx.scope["province"]  # 北京…，全市数字经济增加值…: Beijing's, not 朝阳's (a district)
        wider = ctx.scope.get("province")
        if credits and "city" not in ctx.scope and "county" not in ctx.scope and ("province" not in ctx.scope or (
                ctx.scope_uses.get("city") or ctx.scope_uses.get("county"))):
            for key in ("county", "city", "province"):  # (来源:甲乙县统计局 … 全县…: that county)
                outlet = (self._outlet_place(credits, key) or self._outlet_place(credits, key, self.issuer_after_rx)) \
                    if ctx.scope_uses.get(key) and key not in ctx.scope else None
                if outlet and wider is not None and self._province_of(outlet) != wider:
                    outlet = None  # (the province the text names is another's: the outlet's city is no 全市 of it)
                if outlet:  # 全市… in a piece of 亳州新闻网讯 / 版权均属亳州晚报社 / 信息来源：甲市发展和改革委员会: that city
                    ctx.scope[key] = outlet  # (…江苏省级平台, 来源:太仓日报: 我市 is 太仓, inside the province named)
                    break
        if credits and ctx.scope_uses.get("province") and region == "mainland":
            self._dateline_province(credits, ctx, counts)
        if credits and not ctx.scope and not any(ctx.scope_uses.values()) and not any(
                self.alias_scope[alias][1] == "GPE" for _, _, alias in ctx.hits):
            for key in ("city", "province"):
                issuer = self._outlet_place(credits, key, self.issuer_after_rx)
                if issuer:  # 来源：巴中市人民政府办公室, a text that names no place: that place's release
                    ctx.subject = issuer
                    break
        if "province" not in ctx.scope and ctx.scope_uses.get("province") and region not in ("hongkong", "taiwan"):
            province = self._province_of_cities(text, ctx)
            if province:  # 全省… in a piece that names only cities of one province (甲、乙等市州): that province
                ctx.scope["province"] = province
        project = self._lead_project(text, headline, lead_end, lead_names)
        if project is not None:
            ctx.scope["project"] = project  # 该项目, 本项目, 项目: the project the lead names
        if ctx.subject in self.counties and ctx.scope_uses.get("province") and not ctx.scope_uses.get("county") \
                and "province" not in ctx.scope and all(self._names_reporter(text, e) for s, e, alias in ctx.hits
                                                        if self.alias_scope[alias][0] == ctx.subject):
            # 发布机构:甲县统计局 … 全省工业… (a county bureau reposting its province's release): 全省 is the
            # county's province (entities.yaml province_cities), the piece's subject
            city = self.county_city.get(ctx.subject)
            province = city if city in self.municipalities else self.city_province.get(city)
            if province:
                ctx.scope["province"] = ctx.subject = province
        if ctx.subject is None and lead_company is not None:
            ctx.subject = lead_company  # no place in the headline, a listed company in the first sentence
        if ctx.subject is None and region != "hongkong":  # (Hong Kong pieces code their companies)
            opener = self._lead_company(text, ctx, lead_start, lead_end)
            if opener is not None:  # 甲芯国际日前公布的财务报告显示，…: the company the piece opens with (Hong Kong
                # pieces name theirs with a stock code: lead_company)
                ctx.subject = opener
                ctx.scope.setdefault("company", opener)
        if ctx.subject is None:
            # (a piece about a project; 聯發科技預期，在…GB10專案…帶動下: the company's piece)
            ctx.subject = self._lead_facility(text, ctx, lead_start, lead_end) or (
                project and (self._company_before(text, ctx, project, lead_start, lead_end) or project)) \
                or self._opening_facility(text, headline, lead_start, lead_end, lead_names) \
                or self._opening_park(text, ctx, headline, lead_start, lead_end)
        if ctx.subject is None and self.global_lead_rx is not None:
            # no place in the headline: a headline or first sentence about a worldwide market
            if self.global_lead_rx.search(text, 0, min(lead_end, 400)):
                ctx.subject = self.global_holder
        if ctx.subject is None and self.global_tracker_rx is not None and region not in ("hongkong", "taiwan"):
            # 根据TrendForce最新报告，预计DRAM收入…: a worldwide tracker cited first, no place before its figures
            m = self.global_tracker_rx.search(text, 0, min(lead_end, 400))
            stop = m and _SENTENCE_OR_LINE_END.search(text, m.end())
            stop = stop.start() if stop else len(text)
            if m and not any(self.alias_scope[alias][1] == "GPE" and not _aside(text, hs, he)  # (…平板新机(多数在中国)…: an aside)
                             for hs, he, alias in ctx.hits[:bisect.bisect_left(ctx.hit_starts, stop)]):
                ctx.subject = self.global_holder
        if ctx.subject is None and (headline is None or not any(
                headline[0] <= s and e <= headline[1] for s, e, _ in ctx.hits)):
            # (近年来，庆阳市大力推动…: contract 1a; also below a headline that names no place nor company: “算力券”来了！
            # 全国首个…政策印发 / 成都出台…)
            ctx.subject = self._lead_place(text, ctx, lead_start, lead_end)
        if ctx.subject is None and (gov := self.government_report_rx.search(text, 0, _GOVERNMENT_REPORT_WINDOW)) is not None \
                and self.alias_scope.get(gov.group("place"), ("", ""))[1] == "GPE":
            # 我代表甲区人民政府向大会作工作报告: a government's work report is about its place
            ctx.subject = ctx.overrides.get(gov.group("place"), self.alias_scope[gov.group("place")][0])
        if ctx.subject is None and not any(k in ctx.scope for k in ("province", "city")):
            ctx.subject = self._bureau_place(text, ctx.overrides) or None  # 甲乙区统计局 as the first line: its release
        ranked = sorted(counts["company"].items(), key=lambda kv: -kv[1])
        one = len(ranked) == 1 or (len(ranked) == 2 and ranked[1][1] == 1 and ranked[0][1] >= 3)
        if ctx.subject is None and ranked and one and not any(
                k in ctx.scope or ctx.scope_uses.get(k) for k in ("province", "city", "county")) \
                and self.results_piece_rx is not None and len(set(self.results_piece_rx.findall(text))) >= self.results_piece_min:
            # 核心财务表现 - 营收x … 净亏损y … 毛利率z … 甲来品牌…: a results summary that names one company, late or
            # once, or one three times or more beside one other named once (its parent or a customer), and no place is that
            # company's (contract 1a: the document is about one company)
            ctx.subject, ctx.named_late = ranked[0][0], True
        if headline and (fac := _HEADLINE_FACILITY.match(text, headline[0], headline[1])) is not None \
                and self._facility(fac.group(1)) and not self.names.no_name(fac.group(1)) \
                and self.names.strip_leading(fac.group(1)) == fac.group(1) and fac.group(1) in text[headline[1]:]:
            # 甲移动乙地南区枢纽中心：这里正在…: a facility the headline opens with (and the body names) is the subject,
            # not the place inside its name
            ctx.subject = fac.group(1)
            ctx.in_headline.add(fac.group(1))
        elif headline and (ctx.subject in self.place_scope or ctx.subject in _REGION_HOLDER.values()) \
                and (fac := self._opening_facility(text, headline, headline[1], headline[1], lead_names)) is not None \
                and fac.startswith(text[headline[0]:headline[0] + len(ctx.subject)]):
            ctx.subject = fac  # 甲地国际机场12月客运量…: the facility the headline opens with, not the place inside its name
            ctx.in_headline.add(fac)
        if "county" not in ctx.scope and ctx.scope_uses.get("county") and (named is None or not named.endswith("县")):
            county = self._county_of(text)
            if county is not None:  # 全县/我县… in a piece that names one county (the gazetteer knows few): that county
                ctx.scope["county"] = county
        if named and head_place and named not in self.alias_scope and not any(
                ctx.scope_uses.get(k) for k in ("province", "city", "county")) and text.count(named, headline[1]) >= 1:
            ctx.subject = named  # 甲镇一季度规上工业产值…, 甲镇… in the body: the town's piece (no 全镇 to refer to it)
            ctx.in_headline.add(named)
        county = named and self.alias_scope.get(named, ("",))[0] in self.counties
        if named and (named not in self.alias_scope or county):
            # a county-level place or one the gazetteer does not know: 全省 (全区)/全市/全县 refer to it (a district,
            # county or county-level city of the gazetteer the headline names: its 全区/全县/全市, not its city's)
            for scope in ("province", "city", "county"):
                if ctx.scope_uses.get(scope) and (scope not in ctx.scope or named.startswith(ctx.scope[scope])
                                                  or (head_place and ctx.scope[scope] not in ctx.in_headline)
                                                  or county and _COUNTY_SCOPE.get(named[-1]) == scope):
                    # (a place the headline opens with, not the city of a party committee the body names)
                    ctx.scope[scope] = named  # (X新区 in the headline, not the city X)
                    ctx.subject = named
                    ctx.in_headline.add(named)
                    break
        county = ctx.scope.get("county")
        if "city" not in ctx.scope and ctx.scope_uses.get("city") and county in self.counties \
                and _COUNTY_SCOPE.get(county[-1]) != "city" and (parent := self.county_city.get(county)):
            ctx.scope["city"] = parent  # 我市… with 甲区 named in passing: a district or a county is no 市, its city's 我市
        if county in self.counties and (own := _COUNTY_SCOPE.get(county[-1])) and own != "county" \
                and own not in ctx.scope and ctx.scope_uses.get(own) and not ctx.scope_uses.get("county"):
            ctx.scope[own] = county  # (西山区 named in the body, 全区 all along: the district's 全区, no province's)
        level = self.place_scope.get(ctx.subject)
        if level in ("province", "city") and ctx.scope_uses.get(level) and ctx.scope.get(level) != ctx.subject \
                and ctx.scope.get(level) not in ctx.in_headline:
            # 张家口市被授予…，我市数字经济…: 我市 is the city the piece is about, not one it names more often (北京)
            ctx.scope[level] = ctx.subject
        province = self.city_province.get(ctx.subject) if level == "city" else None
        if province and ctx.scope_uses.get("province") and ctx.scope.get("province") not in (province, None) \
                and ctx.scope.get("province") not in ctx.in_headline:
            ctx.scope["province"] = province  # (…成为全省数字经济发展布局的重点区域: the city's province, 河北)
        if level == "city" and ctx.subject not in ctx.in_headline and not ctx.scope_uses.get("city") \
                and ctx.scope_uses.get("province", 0) >= _PROVINCE_FRAME_USES and ctx.scope.get("province") == province:
            ctx.subject = province  # (a lead naming 甲市 in a piece that says 全省/我省 throughout and never 全市: the province's)
        return ctx

    def _province_of(self, place: str) -> str | None:
        """The province of a city or a county-level place of the gazetteer (太仓市 -> 苏州 -> 江苏), else None."""
        name = self.alias_scope.get(place, (place,))[0]
        city = self.county_city.get(name, name)
        return self.city_province.get(city)

    def _bureau_place(self, text: str, over: dict) -> str | None:
        """The place of a local body that is the document's first line alone (甲乙区统计局), when the body names
        it again and reports no wider place (entities.yaml bureau_line), else None."""
        m = self.bureau_line_rx.match(text) if self.bureau_line_rx is not None else None
        if m is None:
            return None
        place = m.group("place")
        if text.count(place, m.end()) < 1 or self.names.no_name(place) \
                or len(self.bureau_wider[place[-1]].findall(text)) > self.bureau_wider_max:
            return None
        return self.canonical(place, over)

    def _county_of(self, text: str) -> str | None:
        """The one county a piece names (甲乙县, at least twice, or once before its first 全县/我县) whose 全县/我县
        refer to it, else None (two counties named: no county of the piece)."""
        counts: dict[str, int] = {}
        first_scope = (m.start() if (m := self.scope_rx["county"].search(text)) else len(text))
        early = set()
        for m in _COUNTY_NAME.finditer(text):
            name = m.group()
            counts[name] = counts.get(name, 0) + 1
            if m.start() < first_scope:
                early.add(name)
        named = [n for n, k in counts.items() if k >= 2 or n in early]
        return named[0] if len(named) == 1 else None

    def _lead_place(self, text: str, ctx: DocContext, start: int, end: int) -> str | None:
        """A piece with no headline whose first sentence opens a clause with a province or city (近年来，庆阳市大力
        推动…) or a foreign country it names twice, not as a trade's partner (据乙国统计总局…，乙国的进口金额…): that
        place is what the piece is about (contract 1a: its first sentence names it), else None."""
        lead = [hit for hit in ctx.hits[bisect.bisect_left(ctx.hit_starts, start):] if hit[0] < end]
        # (a trade's partner, 对美国外销: NameRules.partner_before_rx; 乙国进口金额 is the country's own trade)
        named = [self.alias_scope[alias][0] for s, e, alias in lead
                 if not self.names.partner_before_rx.search(text, max(start, s - self.names.partner_cue_len), s)]
        inner = {s: (e2, alias2) for (s, e, alias), (s2, e2, alias2) in zip(lead, lead[1:])
                 if s2 == e and self.city_province.get(self.alias_scope[alias2][0]) == self.alias_scope[alias][0]}
        for s, e, alias in lead:
            if s in inner:
                e, alias = inner[s]  # 甲省乙市政府…: the city its province's name opens is the place, from where they start
            if self.alias_scope[alias][2] not in ("province", "city", "county", "sar") and not (
                    self.alias_scope[alias][0] in self.foreign_countries and named.count(self.alias_scope[alias][0]) >= 2):
                continue  # (a foreign country: named again in the sentence, not as a trade's partner; 美国占总出口比重, a
                # market of the piece's own trade, names it once)
            if self._names_reporter(text, e):
                continue  # 记者从太原海关获悉，…山西省…: the place of a reporting body is no subject
            if self._opens_legal_name(text, e):
                continue  # 某日，甲省乙丙数据科技有限公司公布年报: the place opening a company's legal name is no subject
            if self.dateline_after_rx.match(text, e):
                continue  # 某网广州11月26日讯 据…，广东…: a dateline's city is where the story is told, no subject
            if text[s - 1:s] == "在" and text.startswith(self.names.venue_after, e):
                continue  # 某负责人在甲地召开的…大会上介绍，我国…: where an event is held is no subject
            if text[max(start, s - 2):s].endswith(self.names.source_frames):
                continue  # 根据广东省…核算结果，…深圳…: the place of a source is no subject
            if self._benchmark(text, start, s):
                continue  # …为目标，对标上海，…: the benchmark compared with is no subject
            gap = text[max(start, s - 8):s]
            cut = max(gap.rfind(c) for c in "，,：:；;")
            wide = text[max(start, s - 16):s]
            opening = wide[max(wide.rfind(c) for c in "，,：:；;") + 1:]
            if s - start <= 8 and cut < 0 or 0 <= cut and len(gap) - cut - 1 <= 2 \
                    or (opening and len(opening) < len(wide) and self.results_times_rx.fullmatch(opening)):
                # (…核算结果，2023年前三季度深圳地区生产总值为…: a time before it opens the clause too)
                # (at the clause's start, at most a word before it; 我国 in Taiwanese text: 台湾)
                return ctx.overrides.get(alias, self.alias_scope[alias][0])
            return None
        return None

    def _opens_legal_name(self, text: str, e: int) -> bool:
        """Whether the place ending at ``e`` opens a company's registered name: a legal ending (entities.yaml
        legal_endings: 股份有限公司, 有限公司…) within the name's reach after it, with no break between."""
        m = _NAME_RUN.match(text, e, e + _LEGAL_REACH)
        return m is not None and self.legal_ending_rx.search(text, e + 1, m.end()) is not None

    def _benchmark(self, text: str, start: int, s: int) -> bool:
        """Whether the place at ``s`` is what the text benchmarks against (对标上海: entities.yaml benchmark_before),
        reading no further back than ``start``."""
        return bool(self.benchmark_before) and text[max(start, s - 2):s].endswith(self.benchmark_before)

    def _names_reporter(self, text: str, e: int) -> bool:
        """Whether the place ending at ``e`` opens the name of a reporting body (甲海关, 乙统计局); 各 after it
        (甲区各级各部门) counts the place's own departments, no body named."""
        return not text.startswith("各", e) and any(self.names.reporter_rx.search(text, e, e + k) for k in range(1, 5))

    def _province_of_cities(self, text: str, ctx: DocContext) -> str | None:
        """The province whose cities a piece names (at least min_cities distinct ones, and twice as many as of any
        other province: entities.yaml province_cities), else the province of the one city it names when that city
        names the body that reports the figures (据甲海关统计，我省…), else None."""
        cities: dict[str, set[str]] = {}
        bodies = set()
        for _, e, alias in ctx.hits:
            name = self.alias_scope[alias][0]
            if name in self.city_province:
                cities.setdefault(self.city_province[name], set()).add(name)
                if self._names_reporter(text, e):
                    bodies.add(self.city_province[name])
        if len(cities) == 1 and bodies == set(cities):
            return bodies.pop()
        ranked = sorted((len(v) for v in cities.values()), reverse=True) + [0]
        if not cities or ranked[0] < max(2, self.province_min_cities) or ranked[0] < 2 * ranked[1]:
            return None
        return max(cities, key=lambda p: len(cities[p]))

    def _dateline_province(self, credits: tuple[str, ...], ctx: DocContext, counts: dict) -> None:
        """全省/我省 of a piece whose dateline names a city (本报长治5月6日讯): that city's province, unless the
        headline names a province or the text names another one more than once (大同—北京 in passing is no scope;
        nor is a municipality, which has no 全省, however often it is named)."""
        current = ctx.scope.get("province")
        if current is not None and (current in ctx.in_headline or counts["province"].get(current, 0) > 1
                                    and current not in self.municipalities):
            return
        province = self.city_province.get(self._dateline_city(credits)) \
            or self._outlet_place(credits, "province", self.dateline_after_rx)  # (本报南宁讯 names no city)
        if province:
            ctx.scope["province"] = province

    def _dateline_city(self, credits: tuple[str, ...]) -> str | None:
        """The one city of province_cities (the gazetteer need not know it) a dateline in ``credits`` names
        (本报长治8月13日讯), else None."""
        found = set()
        for credit in credits:
            for m in self.dateline_after_rx.finditer(credit):
                head = credit[max(0, m.start() - 5):m.start()].removesuffix("市")
                found.update(c for c in self.city_province if head.endswith(c))
        return found.pop() if len(found) == 1 else None

    def _outlet_place(self, credits: tuple[str, ...], scope: str, after_rx=None) -> str | None:
        """The one place of kind ``scope`` (city, province) that local outlets in ``credits`` are named after
        (亳州晚报社, 亳州新闻网讯: entities.yaml outlet_place), or with ``after_rx`` the issuers (巴中市人民政府),
        else None."""
        found = set()
        for credit in credits:
            if scope == "province" and after_rx is None:
                found.update(p for w, p in self.portals.items() if w in credit)  # (来源：大河网: 河南)
            for s, e, alias in self.alias_scan.scan(credit):
                name, _, kind = self.alias_scope[alias]
                # (a province-level city's outlets and bureaus for its 全市: 北京统计局)
                if (kind == scope or (scope == "city" and name in self.municipalities)) \
                        and (after_rx or self.outlet_after_rx).match(credit, e):
                    found.add(name)
        return found.pop() if len(found) == 1 else None

    def _lead_company(self, text: str, ctx: DocContext, start: int, end: int) -> str | None:
        """A piece whose first sentence opens with a company as its subject (甲芯国际日前公布的财务报告显示，…;
        乙库科技公布三季报：…), after at most a label (核心观点 - ) and a short frame (近日，): that company is what the piece is
        about (contract 1a: its headline or first sentence names it), else None.  Never a market tracker, an
        outlet or a reporting body, nor the first of a list (甲、乙…) or a modifier (甲的…)."""
        label = self.lead_label_rx.match(text, start, end) if self.lead_label_rx is not None else None
        m = _LEAD_OPENING.match(text, label.end() if label else start, end)
        at = m.end() if m else start
        i = bisect.bisect_left(ctx.hit_starts, at)
        name, e = None, at
        if i < len(ctx.hits) and ctx.hits[i][0] == at and self.alias_scope[ctx.hits[i][2]][2] == "company":
            name, e = self.alias_scope[ctx.hits[i][2]][0], ctx.hits[i][1]
        else:
            firm = self.lead_firm_rx.match(text, at, end)
            if firm is not None:
                stem = firm.group("stem")
                words = self.tag(stem)  # (受惠新兴科技: a verb or a class word is no firm's name)
                if (len(stem) >= 3 or not self.jieba.has_word(stem)) and not any(
                        t[:1] in "vdpcur" or w in self.generic for w, t, _, _ in words):
                    name, e = stem + firm.group("suffix"), firm.end()  # (two characters: a name no dictionary knows)
        if name is None or text[e:e + 1] in _LIST_OR_OF or self.names.analyst_rx.search(name) \
                or self.names.outlet_rx.search(name) or self.names.reporter_rx.search(name) or self.names.no_name(name):
            return None
        if self.officer_says_rx.match(text, e, end) is not None:
            return name  # 甲电子董事长王大明昨日于法说会表示，…: the company speaks through its officer
        nxt = self.tag(text[e:e + 6])[:1]  # (甲电信工会…, 甲电信董事长: a noun after the name, no subject of the piece)
        if nxt and nxt[0][1][:1] in ("n", "v") and nxt[0][1] not in ("v", "vn", "vd") and not nxt[0][0][:1].isdigit():
            return None
        return name

    def _lead_facility(self, text: str, ctx: DocContext, start: int, end: int) -> str | None:
        """投资52亿元的甲算力中心项目（以下简称甲项目）一期开工: a facility or project the first sentence
        defines is what the piece is about (its 项目投产后… figures); its full name is a candidate too."""
        for m in self.abbr_rx.finditer(text, start, end):
            full = ctx.abbr.get(m.group("abbr"))
            if full and self._facility(full):
                ctx.abbr.setdefault(full, full)
                return full
        return None

    def _lead_suffixes(self, text: str, a: int, b: int, memo: dict) -> list[Candidate]:
        """The suffix names of text[a:b] (a headline, a lead), offsets relative to ``a``; ``memo`` is the
        document's own (learn_document), so that each span is segmented once."""
        if (a, b) not in memo:
            seg = text[a:b]
            memo[a, b] = self._suffix_candidates(seg, self.tag(seg), [])
        return memo[a, b]

    def _opening_facility(self, text: str, headline: tuple[int, int] | None, lead_start: int, lead_end: int,
                          memo: dict) -> str | None:
        """甲地国际机场12月客运量…, 某局公布，甲地国际机场去年接待…: a named facility the headline or the first
        sentence opens with (at its start, or right after a reporting verb's comma) is what the piece is about,
        when the text names it again after that headline or sentence (by its kind at least: 机场); else None."""
        sites = self.site_suffix_tuple
        for a, b in _opening_spans(headline, lead_start, lead_end):
            seg, rest = text[a:b], text[b:]
            for c in self._lead_suffixes(text, a, b, memo):
                if not (c.named and c.type == "FAC") or self.is_project(c.name) or c.name.endswith(sites) \
                        or seg.startswith(sites, c.end):
                    continue  # (a project's name: _lead_project; 甲数据园区用地: a site sold, the programme's place holds)
                head = next((c.name[-n:] for n in self.suffix_lengths if self.suffix_type.get(c.name[-n:]) == "FAC"), c.name)
                if (c.start == 0 or self.reported_rx.search(seg, 0, c.start)) and head in rest:
                    return c.name  # (…。2025年12月，机场接待…: the body names it again, by its kind at least)
                break  # (only the facility that opens it)
        return None

    def _opening_park(self, text: str, ctx: DocContext, headline: tuple[int, int] | None, lead_start: int,
                      lead_end: int) -> str | None:
        """甲科营运45周年，…：a park the gazetteer knows (entities.yaml lead_parks) that the headline or the first
        sentence opens with and the text names again after it is what the piece is about; else None."""
        if not self.lead_parks:
            return None
        for a, b in _opening_spans(headline, lead_start, lead_end):
            i = bisect.bisect_left(ctx.hit_starts, a)
            if i == len(ctx.hits) or ctx.hits[i][0] != a:
                continue
            name = self.alias_scope[ctx.hits[i][2]][0]
            if name.endswith(self.lead_parks) and any(
                    self.alias_scope[alias][0] == name for _, _, alias in ctx.hits[bisect.bisect_left(ctx.hit_starts, b):]):
                return name
        return None

    def _company_before(self, text: str, ctx: DocContext, name: str, start: int, end: int) -> str | None:
        """The first gazetteer company the first sentence (text[start:end]) names before ``name``, or None."""
        at = text.find(name, start, end)
        if at < 0:
            return None
        return next((self.alias_scope[alias][0] for s, e, alias in
                     ctx.hits[bisect.bisect_left(ctx.hit_starts, start):bisect.bisect_left(ctx.hit_starts, at)]
                     if e <= at and self.alias_scope[alias][2] == "company"), None)

    def _lead_project(self, text: str, headline: tuple[int, int] | None, lead_end: int, memo: dict) -> str | None:
        """项目名称：甲项目, 由乙公司投资建设的甲项目…, 乙公司承建的甲数据中心一期…: the first project (a named
        facility with 项目 or a phase in its name) the headline or the first sentence names, or None."""
        a = headline[0] if headline else 0
        facilities: list[str] = []
        for c in self._lead_suffixes(text, a, lead_end, memo):
            if c.named and c.type == "FAC" \
                    and not text[max(0, a + c.start - 3):a + c.start].rstrip("，, ").endswith(self.part_cues) \
                    and not self.counted_before_rx.search(text, max(0, a + c.start - 10), a + c.start):
                # (…完成投资x，其中房地产开发项目…: a part of the whole the sentence reports, no subject; 实施1250个智能化
                # 改造项目: a counted kind, entities.yaml counted_before, no project the lead names either)
                if self.is_project(c.name):
                    return c.name
                facilities.append(c.name)
        if facilities and self.project_refs_rx.search(text, lead_end) is not None:
            # 甲超算中心在助力…。本项目…: the facility the lead names (the one the piece writes most) is the project its
            # 本项目/该项目 refer to
            return max(reversed(facilities), key=text.count)  # (of equal counts the later: 建设甲中心…，乙中心…)
        return None

    def _named_facility_before(self, prefix: str, suffix: str) -> bool:
        """甲区电子信息产业园|基础设施: the prefix is a facility's name and a class word of its works; 甲乙临江智能算力|
        基础设施 before 项目: a name and a word of its own before the works its suffix builds (entities.yaml
        ``works_words``), not a place alone (临江基础设施项目: a class of the place's projects)."""
        g = next((g for g in self.generic_tuple if prefix.endswith(g)), "")
        if not g:
            return False
        head = prefix[:-len(g)]
        if g in self.suffix_works.get(suffix, ()):
            own = head[len(self.lead_alias(head) or ""):]
            return len(own) >= 2 and not self._generic_only(own)
        return len(prefix) > len(g) + 2 and self._facility(head)

    def _facility(self, name: str) -> bool:
        """甲算力中心, 甲算力中心项目: a facility's name (its ending is a facility's suffix), a project of one too."""
        core = name.removesuffix("项目").removesuffix("工程")
        return any(self.suffix_type.get(core[-n:]) == "FAC" for n in self.suffix_lengths if len(core) > n)

    def _legal_tail(self, text: str, s: int, name: str) -> bool:
        """Whether ``name`` at ``s`` begins inside a legal ending (entities.yaml legal_endings) that the text before it
        began (甲科技股|份有限公司: jieba's cut, never a name of its own)."""
        return any(text.endswith(e[:k], 0, s) and name.startswith(e[k:]) for e in self.legal_endings for k in range(1, len(e)))

    def results_subjects(self, text: str, headline: tuple[int, int] | None) -> list[tuple[str, bool, str | None]]:
        """Companies a clause opens with to report their results (甲科技4月28日发布一季报, 宏硕今（9）日公布…,
        纬邦11月合并营收…, X全年纯利…; entities.yaml ``results_subject``), each with whether the headline
        names it and the fuller form the piece reports a gazetteer company under (腾讯控股), if any.  An
        unknown name counts when the headline names it, a stock code follows it, it
        recurs, or it announces its results in the body's first sentence; never a cue word, a time,
        a verb, a pronoun, a metric (整体营收, 公司全年纯利) or a shape no holder has (二零二五年中期业绩: a
        date, attribution.yaml ``forbidden_shapes``)."""
        out: dict[str, bool] = {}
        full: dict[str, str] = {}  # a gazetteer company -> the fuller form the piece reports it under (腾讯控股)
        hs, he = headline if headline else (-1, -1)
        lead_start, lead_end = _lead(text, headline)
        for m in self.results_subject_scan.finditer(text):
            raw = m.group("name")
            if self._legal_tail(text, m.start("name"), raw):
                continue  # (广东甲乙科技股|份有限公司发布年报: the end of a legal name jieba cut, no name; the suffix finds it)
            if (tail := self.report_tail_rx.search(raw)) is not None and tail.start() >= 2:
                raw = raw[:tail.start()]  # (甲乙三季报营收x: the company, then the report it files)
            t = self.results_times_rx.match(raw)
            if t is not None and t.end() < len(raw) and lead_start <= m.start() < lead_end \
                    and self.alias_scope.get(raw[t.end():], ("", "", ""))[2] == "company":
                # 三季度甲软件实现营收… in the first sentence: a time opening the clause, then a company the gazetteer
                # knows (期内乙子公司实现营收… later in the piece: a part of the piece's company, no subject of its own)
                raw = raw[t.end():]
            name = self.alias_to.get(raw, (raw,))[0]
            if (name in self.results_not_names or self.names.strip_leading(name) != name or self.results_time_rx.match(name)
                    or "的" in name  # (数字产品制造业的营业收入: a modifier, no company)
                    or (len(name) <= 3 and ((tags := self.tag(name))[0][1][:1] == "t" or tags[-1][1][:1] in "tf"))
                    # (会前公布…财报, 会前先公布, 盘后公布: a time)
                    or (name.endswith(self.industry_endings) and not name.endswith(self.industry_not)
                        or self.names.metric_only(name)) and m.group("announce") is None  # (某硅产业发布年度报告:
                    # an industry or a metric files no report: a company named so)
                    or name.startswith(self.results_not_prefixes) or self.names.forbidden_rx.search(name) is not None
                    or self.names.reporter_rx.search(name) or self.names.outlet_rx.search(name)):
                continue
            in_head = hs <= m.start() < he
            known = self.alias_scope.get(raw)
            if known and known[2] != "company":
                continue  # a place or a body (臨江市11月營收…: the place's)
            if m.group("de") and not known:
                continue  # (甲公司的中期盈利: a company the gazetteer knows only; 全行业的营收 is no company's)
            if not known and (lead_alias := self.lead_alias(name)):
                inner = self._legal_name_company(name, lead_alias)
                if inner is None:
                    continue  # 纬创十一月…: a known name and what follows it is no new name
                if inner == lead_alias:
                    full.setdefault(self.alias_scope[inner][0], name)  # 腾讯控股: the piece's full form of 腾讯
                known = self.alias_scope[inner]  # 广东甲乙数据科技股份有限公司: the company it names
                name = known[0]
            if not known and self._function_word(name):
                continue  # …，带动全年营收…, …，公布第3季营收…: a verb opening the clause, no name
            coded = m.group("code") is not None  # 宏硕（3712）去年营收…: a stock code makes it a company
            short = self.company_ending_rx.sub("", raw)  # (宏硕电脑 … 宏硕: its short form recurs)
            lead = m.group("announce") is not None and lead_start <= m.start() < lead_end  # (发布一季报 in the first sentence)
            marked = not known and (m.group("listed") is not None or self._company_marked(raw))
            if known or in_head or coded or lead or marked \
                    or text.count(short if len(short) >= 2 else raw) >= 2:
                if m.group("listed") and not known:
                    name += m.group("listed")  # 晶宇科技-KY: the mark is part of the listed name
                out[name] = out.get(name, False) or in_head
                if known and m.group("announce") is not None:
                    for other in self._joined_companies(text, m.start()):  # (甲与乙纷纷发布…财报: 甲 reports too)
                        out[other] = out.get(other, False) or in_head
        return [(name, in_head, full.get(name)) for name, in_head in out.items()]

    def _joined_companies(self, text: str, at: int) -> list[str]:
        """The gazetteer companies a list joins to the company at ``at`` (甲、乙与丙发布…财报: 甲, 乙 before 丙), nearest
        first; none when what stands before ``at`` is no joiner right after a company's name."""
        out = []
        while (joiner := next((j for j in self.list_joiners if text.endswith(j, 0, at)), None)) is not None:
            end = at - len(joiner)  # (the longest gazetteer name ending right before the joiner)
            hit = next((text[end - n:end] for n in range(min(end, _JOINED_NAME_MAX), 1, -1)
                        if text[end - n:end] in self.alias_scope), None)
            if hit is None or self.alias_scope[hit][2] != "company":
                break
            out.append(self.alias_scope[hit][0])
            at = end - len(hit)
        return out

    def _legal_name_company(self, name: str, lead: str) -> str | None:
        """广东甲乙数据科技股份有限公司 (a place, then a known company, then a legal ending), 腾讯控股 (a known
        company and a company's ending, 控股/集团): that company's gazetteer name; None for any other name opening
        with a known name."""
        if self.alias_scope[lead][2] == "company" and self.company_ending_rx.fullmatch(name, len(lead)):
            return lead
        if self.alias_scope[lead][1] != "GPE" or not self.company_ending_rx.search(name):
            return None
        at = len(lead)
        for _, e, alias in self.alias_scan.scan(name[at:]):
            if self.alias_scope[alias][1] == "ORG" and not name.startswith(self.alias_not_before.get(alias, ()), at + e):
                return alias
        return None

    def member_companies(self, text: str) -> list[str]:
        """The unknown companies a sentence lists as members of a class of firms (甲硅微、乙丙产业等企业;
        以甲孚通信、乙桥科技为代表的龙头企业; entities.yaml ``company_members``): items jieba reads a name in,
        never a place alone, a known name of another kind, a cue or a verb, nor common nouns only."""
        out: list[str] = []
        for rx in self.member_rxs:
            for m in rx.finditer(text):
                for k, item in enumerate(m.group("items").split("、")):
                    name = self.names.strip_leading(item)
                    if k == 0 and name[:1] in self.names.leading_cues and len(name) > 3:
                        name = name[1:]  # (而甲硅微、…: a one-character opener before the first item)
                    if self.descriptor_rx.search(name):  # (光模块厂商甲乙光电: the name after the description)
                        name = name[last_match(self.descriptor_rx, name).end():]
                    if len(name) < 3 or name in out or name in self.alias_to or name in self.results_not_names \
                            or self.names.forbidden_rx.search(name) or self._function_word(name):
                        continue  # (an industry's ending is no bar here: 乙丙产业 is listed among firms)
                    words = self.tag(name)
                    han = [t for w, t, _, _ in words if not w.isascii()]
                    if not han or not any(t[:2] in _NAMED_TAGS or t == "x" for t in han) \
                            or (len(words) == 1 and words[0][1] == "ns"):
                        continue  # AI芯片, 国有企业: common nouns; 西安: a place
                    out.append(name)
        return out

    def officer_companies(self, text: str) -> list[str]:
        """The unknown companies whose officers speak (半导体检测厂甲康董事长某某表示): the longest ending of two to
        four characters of the words before the title that the piece writes at least ``min_count`` times
        (甲康, not 检测厂甲康), never a known name, a place, a cue or a function word, nor common nouns only."""
        if not self.officer_company_min:
            return []
        out: list[str] = []
        for m in self.officer_name_rx.finditer(text):
            lead = m.group("lead")
            name = next((lead[-k:] for k in range(min(4, len(lead)), 1, -1)
                         if text.count(lead[-k:]) >= self.officer_company_min), None)
            if name is not None and len(lead) > len(name) and text.count(lead[-len(name) - 1:]) == text.count(name):
                continue  # (科技创新园: 技创新园 is always the end of a longer name, no name of its own)
            if name is None or name in out or name in self.alias_to or name in self.results_not_names \
                    or name.startswith(self.officer_company_not) \
                    or self.names.forbidden_rx.search(name) or self._function_word(name, verbs=False):
                continue
            words = self.tag(name)
            if all(t in ("n", "vn", "ng", "v", "a", "ns", "m", "q", "t") for _, t, _, _ in words):
                continue  # (公司, 集团: common nouns; 台湾: a place; 世界先进财务长 … 先进制程: an adjective)
            out.append(name)
        return out

    def stock_movers(self, text: str) -> list[str]:
        """The unknown stocks a market report moves (甲明生物業績後升近12%, 表現最差的乙踏跌逾7%; entities.yaml
        ``stock_movers``): only in a piece that reports a market, never a time, an index, the market, a
        known name of another kind, a cue, a verb or a metric's words."""
        if self.mover_rx is None or self.mover_market.search(text) is None:
            return []
        out: list[str] = []
        for m in self.mover_rx.finditer(text):
            name = self.names.strip_leading(m.group("name"))
            if len(name) < 2 or name in out or name in self.alias_to or name in self.mover_not \
                    or name.endswith(self.mover_not_endings) or self.mover_not_inside.search(name) \
                    or name.startswith(self.results_not_prefixes) \
                    or self.results_time_rx.search(name) or self.names.no_name(name) or self._function_word(name, verbs=False) \
                    or self.lead_alias(name):
                continue  # (股价昨日急挫: a time inside the words, no name; 腾讯早段: a known name and a time; 安踏 is no verb)
            out.append(name)
        return out

    def _company_marked(self, name: str) -> bool:
        """青禾电, 星岳光电, 临江精密: a stem and a company's ending (entities.yaml results_subject
        ``company_marks``), the stem no industry's word (消费电子, 功率半导体) and the ending a word of its
        own to jieba (光伏发电: 发电 is one word, no name and 电)."""
        m = self.company_mark_rx.fullmatch(name)
        if m is None or m.group("stem") in self.company_mark_not:
            return False
        return any(s == m.start("ending") for _, _, s, _ in self.tag(name))

    def _function_word(self, name: str, verbs: bool = True) -> bool:
        """Whether jieba reads ``name`` as one verb, adverb, conjunction, pronoun or preposition
        (带动, 公布, 随后), or as words opening with a preposition or a conjunction (以美元计, 若以) or, with
        ``verbs``, a one-character verb (占总营业额: 占 opens a share, no name): a phrase that opens a clause,
        never a company's name."""
        words = self.tag(name)
        tags = _FUNCTION_TAGS if verbs else _FUNCTION_TAGS - {"v"}  # (a stock's name jieba reads as a verb: 安踏)
        return bool(words) and ((len(words) == 1 and words[0][1][:1] in tags) or words[0][1] in ("p", "c")
                                or (verbs and len(words) > 1 and len(words[0][0]) == 1 and words[0][1] == "v"))

    def listed_companies(self, text: str, ctx: DocContext) -> list[tuple[str, int]]:
        """Names a stock code introduces (乙科（1234）, 甲数智（600000.SH））: every later use
        of the name, or of it without its 科技/控股/集团 ending, names the company (added to
        ``ctx.abbr``).  The name is the ending of the words before the code that recurs most
        (count x length): 服务器代工大厂乙科（1234） -> 乙科; a gazetteer company before the code is
        that company.  Returns (name, where its code stands)."""
        out = []
        for m in self.company_bracket_rx.finditer(text):
            at = m.start()
            note = self.incorporation_rx.search(text, max(0, at - _NOTE_REACH), at)
            if note is not None:
                at = note.start()  # (甲有限公司（于甲地注册成立…）（股票代码：1234）: the name before the note)
            best = self._known_company_before(ctx, at)  # 香港电讯（6823）: a gazetteer company, whole
            if best is None:  # (a definition follows a full legal name: 甲乙丙环球电讯控股有限公司（「本公司」）)
                best = self._introduced(text, at, ctx, reach=24 if m.group("definition") else 12,
                                        listing=not m.group("definition"))
            if best is not None and not self.names.winner(text, m.start(), m.end()):
                out.append((best, m.start()))  # (a land sale's winner is no subject of the piece)
        for m in self.short_code_rx.finditer(text):  # 滙豐控股(005): a short code after a gazetteer company only
            best = self._known_company_before(ctx, m.start())
            if best is not None and not self.names.winner(text, m.start(), m.end()):
                out.append((best, m.start()))
        out.sort(key=lambda x: x[1])
        return out

    def _known_company_before(self, ctx: DocContext, at: int) -> str | None:
        """The gazetteer company whose name ends right before ``at`` (a stock code's bracket), if any."""
        i = bisect.bisect_left(ctx.hit_starts, at) - 1
        if i >= 0 and ctx.hits[i][1] == at:
            name, _, scope = self.alias_scope[ctx.hits[i][2]]
            if scope == "company":
                return name
        return None

    def introduced_names(self, text: str, ctx: DocContext) -> None:
        """Names introduced with their Latin name (营运商港湾数码（HarbourByte）, 云峰数据（CloudPeak））:
        every later use names the organisation (added to ``ctx.abbr``; no document default)."""
        for m in _LATIN_NAME.finditer(text):
            self._introduced(text, m.start(), ctx, longest=True)

    def facility_acronyms(self, text: str, ctx: DocContext) -> None:
        """A facility's acronym in brackets after its name (青湾港人工智能超算中心（QAIC））: every later
        use of the acronym names the facility (added to ``ctx.abbr``)."""
        for m in _ACRONYM.finditer(text):
            cut = _NAME_START.search(text, max(0, m.start() - 30), m.start())
            full = text[cut.end() if cut else max(0, m.start() - 30):m.start()]
            typ = next((self.suffix_type[full[-n:]] for n in self.suffix_lengths if full[-n:] in self.suffix_type), None)
            if typ == "FAC" and len(full) >= 4 and text.find(m.group("abbr"), m.end()) >= 0:
                ctx.abbr.setdefault(m.group("abbr"), full)

    def zone_references(self, text: str, ctx: DocContext, start: int, end: int, memo: dict) -> None:
        """甲市火炬开发区 in the headline or the first sentence, a bare 火炬开发区 after: the zone named with its place
        there is what the short form refers to (added to ``ctx.abbr``), when the short form has four characters or
        more, no gazetteer knows it and the text uses it again after that sentence."""
        for c in self._lead_suffixes(text, start, end, memo):
            tail = next((c.name[-n:] for n in self.suffix_lengths if c.name[-n:] in self.zone_suffixes), None)
            if c.type != "GPE" or tail is None:
                continue
            for n in range(len(c.name) - len(tail) - 2, 1, -1):  # the place the zone's name opens with
                head, short = c.name[:n], c.name[n:]
                if self.alias_to.get(head, ("", ""))[1] == "GPE" and len(short) >= 4 and short not in self.alias_to \
                        and text.find(short, end) >= 0:
                    ctx.abbr.setdefault(short, c.name)
                    break

    def _route_end(self, c: Candidate, text: str, cands: list[Candidate]) -> bool:
        """甲集群到[乙集群]网络时延x, …，到[乙集群]3毫秒: the end of a route (attribution.yaml names ``route_to``), right
        after another name or opening a clause."""
        word = next((w for w in self.names.route_to if text.endswith(w, 0, c.start)), None)
        if word is None:
            return False
        at = c.start - len(word)
        return at == 0 or text[at - 1] in "，,；;：:\n" or text.endswith(self.names.route_from_heads, 0, at) \
            or any(o.end == at for o in cands if o is not c)

    def _merge_joined_group(self, cands: list[Candidate], text: str) -> list[Candidate]:
        """三家基础电信企业及中国广电, 三大运营商和中国铁塔: a counted group of operators (entities.yaml ``group``) with a
        company joined to it is one joint holder, named as written from the count on (every reader of the ministry's
        releases wrote it so); the group scoped by a place (全省三家基础电信企业及…) stays the place's."""
        out: list[Candidate] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev is not None and prev.name in self.groups and c.type == "ORG" and c.named \
                    and text[prev.end:c.start].removeprefix("以") in CLASS_JOINERS:
                count = _GROUP_COUNT.search(text, max(0, prev.start - 4), prev.start)
                start = count.start() if count is not None else prev.start
                if (count is not None or _GROUP_COUNT.search(text, prev.start, prev.start + 2)) \
                        and not text.endswith(self.class_prefix_tuple, max(0, start - 3), start) \
                        and not (len(out) > 1 and out[-2].type == "GPE" and out[-2].end == start):
                    out[-1] = Candidate(start, c.end, text[start:c.end], "ORG", prev.origin, joint=True)
                    continue
            out.append(c)
        return out

    def cluster_references(self, text: str, ctx: DocContext) -> None:
        """临川数据中心集群 … 临川集群: where a piece names a place's cluster of one kind (entities.yaml
        ``cluster_heads``), the place with 集群 alone refers to it (added to ``ctx.abbr``)."""
        if self.cluster_rx is None or "集群" not in text:
            return
        for m in self.cluster_rx.finditer(text):
            place = next((m.group("place")[k:] for k in range(len(m.group("place")) - 1)
                          if self.alias_to.get(m.group("place")[k:], ("", ""))[1] == "GPE"), None)
            if place is not None and place + "集群" in text:
                ctx.abbr.setdefault(place + "集群", place + m.group()[len(m.group("place")):])

    def programme_references(self, text: str, ctx: DocContext) -> None:
        """「青川人工智能资助计划」 and, elsewhere, a bare 资助计划: where a piece names one programme
        with a head of four characters or more, the bare head refers to it (added to ``ctx.abbr``)."""
        names = {m.group("name") for m in self.quoted_rx.finditer(text)}
        for head in self.names.programme_heads:
            full = {n for n in names if n.endswith(head) and n != head}
            if len(head) >= 4 and len(full) == 1 and text.count(head) > text.count(next(iter(full))):
                ctx.abbr.setdefault(head, full.pop())

    def _introduced(self, text: str, at: int, ctx: DocContext, longest: bool = False, reach: int = 12,
                    listing: bool = False) -> str | None:
        """The name a bracket at ``at`` introduces: the ending of the words before it that recurs
        most (count x length; 服务器代工大厂乙科（1234） -> 乙科), added to ``ctx.abbr``; with
        ``longest``, the longest ending of three characters or more that recurs most
        (业者云峰数据（CloudPeak） -> 云峰数据, not 数据)."""
        pieces = _CLAUSE_BREAK.split(text[max(0, at - reach):at])
        # (「神仙股」恒腾网络(00136): a quote before the name closes other words; 「甲科」(1234): the quoted name)
        window = (pieces[-1].strip() or (pieces[-2].strip() if len(pieces) > 1 and text[at - 1:at] in "」』" else ""))
        for rx in (self.names.leading_any_rx, self.names.owner_rx):
            cue = last_match(rx, window)  # 受惠于甲电子（2388）, 甲集团旗下乙（6669）: the name starts after the cue
            window = window[cue.end():] if cue else window
        if window[:1] in self.glued_prefixes and (len(window) >= 4 or len(window) == 3 and len(self.tag(window)[0][0]) == 1):
            # 由临岸置业（1234）, 与丙展（0099）: a preposition that opens the clause is no part of the name (of three
            # characters, one jieba does not read as the start of a word: 由于 is no preposition and a name)
            window = window[1:]
        tail = _NAME_OPENER.split(window)[-1]
        if len(tail) >= 2:
            window = tail  # 个别股份如金矿股紫金矿业（2899）, 市场焦点的老铺黄金（6181）: no name holds 的/如 or a class's 股
        desc = self.described(window)
        window = window[desc:]  # 甲供应链龙头企业乙精密（002999）: the name, past the words that describe it
        k = next((k for k in range(len(window) - 1) if window[k:] in self.alias_to), len(window))
        abbreviated = self._abbreviated(window, k)
        if abbreviated is not None:  # 中移动（09999）: a gazetteer company's abbreviation, as a word only
            short, name = abbreviated
            ctx.abbr.setdefault(short, name)
            ctx.word_only.add(short)
            return name
        best, score = None, 0
        if k < len(window):  # 香港电讯(6823): a company the gazetteer knows (never its ending 电讯)
            known = self.alias_to[window[k:]]
            if known[1] == "ORG":
                return known[0]
            if not (listing and k >= 2 and known[1] == "GPE" and _HAN2.fullmatch(window[:k]) is not None
                    and not self._common_noun(window[:k])):
                return None
            best = window  # 甲达中国（01977）: a listed company named for its market, the place its name ends with
        for k in range(len(window) - (3 if longest else 1)) if best is None else ():
            cand = window[k:]
            if cand in self.suffix_type or self._common_noun(cand):
                continue  # 宏达通讯（1234）: a name's ending (通讯, 科技, 信息) is no name of its own
            bare = self._short_form(cand)
            if not bare or bare in self.suffix_type or bare in self.scope_prefixes:
                continue  # 集团有限公司, 置业集团有限公司: endings only, or a name's ending before them (its 集团 is "the group")
            short = self.company_ending_rx.sub("", cand)
            n = _free_count(text, cand, ctx) + (_free_count(text, short, ctx) if short != cand and len(short) >= 2 else 0)
            if n >= 2 and (n > score if longest else n * len(cand) > score):  # 丙云科技控股 (once) + 丙云 (often)
                best, score = cand, (n if longest else n * len(cand))
        if best is None and listing and self._listed_name(text, at, window):
            best = window  # 金矿股偏软，青金（2899）跌…: a short name filling its clause (entities.yaml coded_listing; before
            # jieba's reading of a part of it: 药明康德, not the person's name 康德)
        if best is None and listing and desc and _SHORT_LISTED.fullmatch(window):
            best = window  # PCB大厂丙鼎（1234）: what follows the words describing it, up to the code, is the name, known or not
        if best is None and listing and _LATIN_LISTED.fullmatch(window):
            best = window  # ，ASMPT(00522)升3.46%: a Latin name filling its clause before the code
        elif best is None and not longest:
            best = self._tagged_name(window)  # 星岳信息（688001）, named once: the name jieba reads before the code
        if best is None or best in self.alias_to or self.names.metric_end_rx.search(best) or self.names.no_name(best) \
                or not (regex.fullmatch(r"(?:\*ST|[A-Z]{1,4})?\p{Han}{2,}[A-Za-z0-9]*", best) or _LATIN_LISTED.fullmatch(best)):
            return None  # (MI能源（01555）: a few capitals before the name are part of it, *ST甲乙 a special-treatment
            # stock's mark too; 资本支出（CapEx）: a metric with its English term, no name)
        n = text.count(best)
        full = best
        while n >= 2 and len(full) < len(window) and text.count(window[-len(full) - 1:]) == n:
            full = window[-len(full) - 1:]  # 中国联网集团 wherever 联网集团 stands: the full name, not its tail
        if full != best and self.names.strip_leading(full) == full and not self.names.no_name(full):
            best = full
        self._register(best, text, ctx)
        return best

    def _listed_name(self, text: str, at: int, window: str) -> bool:
        """Whether ``window`` (the words before a stock code at ``at``) is a whole clause of two to
        entities.yaml ``coded_listing.max_chars`` Han characters, no name ending (科技), no word no name has
        and not opening with a place."""
        start = at - len(window)
        return 2 <= len(window) <= self.listing_max and regex.fullmatch(r"(?:[A-Z]{1,4})?\p{Han}+", window) is not None \
            and (start == 0 or _CLAUSE_BREAK.match(text, start - 1) is not None or text[start - 1] in "及和与"
                 or self.names.leading_before_rx.search(text[max(0, start - self.names.leading_cue_len):start])) \
            and window not in self.suffix_type and not self.names.no_name(window) \
            and not any(self.alias_to.get(window[:k], ("", ""))[1] == "GPE" and len(window) - k < 2
                        for k in range(2, len(window) + 1))
        # (紫金, 招金: nouns to jieba, names here; 香港讯: a place and a word, no name of its own; 山东墨龙: a place
        # and a name of two characters or more, the company's; MI能源: capitals before the name)

    def _strip_generic(self, words: str) -> str:
        """``words`` without the generic prefixes it opens with (部分新建数据 -> 数据; entities.yaml generic_prefixes),
        a bracket holding only such words among them (纳管新设（扩建）: another stage of the same class)."""
        changed = True
        while changed and words:
            changed = False
            # (a word that opens with none of them is left as it is by the loop: most are)
            for g in self.generic if words.startswith(self.generic_tuple) else ():
                if words.startswith(g):
                    words = words[len(g):]
                    changed = True
            if words[:1] in "（(" and (close := _CLOSE_AT.match(words)) is not None \
                    and self._generic_only(words[1:close.end() - 1]):
                words = words[close.end():]
                changed = True
        return words

    def _headline_partner(self, text: str, e: int, hs: int, he: int) -> bool:
        """元月外銷訂單統計 美國市場增64%: a place ending at ``e`` in the headline ``[hs, he)`` right before the
        orders it places (美國訂單), or before 市场 in a headline that names a trade, is the trade's partner."""
        return bool(self.names.partner_after_rx.match(text, e)) or (
            text.startswith("市场", e) and self.names.trade_rx.search(text, hs, he) is not None)

    def _generic_only(self, words: str) -> bool:
        """Whether ``words`` is made of generic prefixes alone (上市, 新建大型), and not empty."""
        return bool(words) and not self._strip_generic(words)

    def described(self, name: str) -> int:
        """Where a company's own name starts in ``name`` after a description of it (网通大厂甲乙 -> 4,
        光模块厂商甲乙光电 -> 5; entities.yaml ``company_descriptor``), else 0: after the last head word
        followed by a name of its own (at least ``min_name`` characters, more than a company's ending,
        no suffix alone: 中国企业联合会 stays whole)."""
        at = 0
        for m in self.descriptor_rx.finditer(name):
            rest = name[m.end():]
            if m.group().endswith("股") and rest[:1] in _SHARE_WORD_ENDS:
                continue  # (科技股份有限公司: 股份 is a word, no 科技股 before a name)
            if len(rest) >= self.descriptor_min and self._short_form(rest) and not (
                    self._common_noun(rest) and self.jieba.has_word(rest)):
                at = m.end()  # (联合会 in 中国企业联合会 is a noun, no company's name; PCB大厂丙鼎: a name jieba's
                # HMM guessed a noun, no word it knows)
        return at

    def _short_form(self, name: str) -> str:
        """``name`` without its company endings (entities.yaml ``company_endings``), however many it
        stacks: 丁卯置业集团有限公司 -> 丁卯置业; 集团有限公司 -> '' (no name before the endings)."""
        short = self.company_ending_rx.sub("", name)
        while short != name:
            name, short = short, self.company_ending_rx.sub("", short)
        return short

    def _common_nouns(self, words: str) -> bool:
        """Whether jieba reads ``words`` as common nouns its dictionary knows, and nothing else (算力产业: no name)."""
        return all(t in ("n", "vn") and self.jieba.has_word(w) for w, t, *_ in self.tag(words))

    def _common_noun(self, word: str) -> bool:
        """Whether jieba reads ``word`` as one common noun (信息, 数据): a tail many names share."""
        words = self.tag(word)
        return len(words) == 1 and words[0][1] in ("n", "vn", "ng")

    def _tagged_name(self, window: str) -> str | None:
        """The end of ``window`` from its last word jieba reads as a name, with only nouns after it
        (星岳/nr 信息/n -> 星岳信息; 服务器代工大厂乙科/nz -> 乙科), else None.  A name's ending alone
        (通讯/nz, 电讯控股) is no name: the noun before it joins (乙甲/n 通讯/nz -> 乙甲通讯)."""
        words = self.tag(window)
        for k in range(len(words) - 1, -1, -1):
            if words[k][1] in _NAMED_TAGS and words[k][1] != "ns":  # (香港讯: a place and a noun, no name)
                while k > 0 and words[k - 1][1] in _UNIT_TAGS and (
                        window[words[k][2]:] in self.suffix_type or not self._short_form(window[words[k][2]:])):
                    k -= 1
                return window[words[k][2]:]
            if words[k][1] not in _UNIT_TAGS:
                return None
        return None

    def _abbreviated(self, window: str, known: int) -> tuple[str, str] | None:
        """The one gazetteer company whose name (an alias) ``window`` ends with an abbreviation of:
        the same first and last characters, the others kept in order (中移动 of 中国移动), at least
        entities.yaml ``coded_abbreviation.min_chars`` characters; the longest ending first, longer
        than the gazetteer name ``window[known:]`` (中电信, not its ending 电信).  Returns (the short
        form, the company)."""
        for k in range(min(known, len(window) - self.abbr_min + 1) if self.abbr_min else 0):
            short = window[k:]
            if self.company_ending_rx.search(short):
                continue  # 香港公司（1234）: a generic ending abbreviates no one company
            found = {self.alias_to[a][0] for a in self.abbreviable.get((short[0], short[-1]), ())
                     if len(a) > len(short) and _in_order(short, a)}
            if len(found) == 1:
                return short, found.pop()
            if found:
                return None  # the abbreviation of two companies: none
        return None

    def _measured(self, tokens, j: int) -> bool:
        """Whether token ``j`` is a value's unit: a number glued to a Latin unit (80MW, 1000P: units.yaml forms; 5G is a
        technology's name) or a Latin unit right after a number token (80 MW)."""
        w = tokens[j][0]
        m = _GLUED_MEASURE.fullmatch(w)
        if m is not None:
            return m.group(1) in self.latin_units
        if w not in self.latin_units:
            return False
        k = j - 1
        while k >= 0 and tokens[k][0] == " ":
            k -= 1
        return k >= 0 and tokens[k][0][:1].isdigit()

    def overseas_home(self, text: str, credits: tuple[str, ...] = ()) -> tuple[str, str] | None:
        """The country (and its money's region) of an overseas Chinese outlet's piece about it (entities.yaml
        overseas_homes): one of its own words, it or they named twice at least (its name once at least, or three own
        words; its name not as a trade's partner), more often than China, Hong Kong, Taiwan and Macau together and than
        any other such country.  ``credits``: the credits the normalizer cut (早报讯), whose own words count too."""
        scores = []
        partner, reach = self.names.partner_before_rx, self.names.partner_cue_len
        for name, money, names, own in self.overseas_homes:
            # (我国对新加坡出口…: a trade's partner is no home)
            n = sum(1 for w in names for m in regex.finditer(regex.escape(w), text)
                    if not partner.search(text, max(0, m.start() - reach), m.start()))
            o = sum(t.count(w) for t in (text, *credits) for w in own)
            scores.append((n + o, n, o, name, money))
        if not scores:
            return None
        scores.sort(reverse=True)
        total, n, o, name, money = scores[0]
        if o < 1 or total < 2 or (n < 1 and o < 3) or (len(scores) > 1 and scores[1][0] >= total) \
                or total <= sum(text.count(w) for w in self.overseas_rivals):
            return None
        return name, money

    def macau_own(self, text: str) -> bool:
        """Whether a Simplified piece is Macau's own: two or more of entities.yaml macau_piece ``own_cues`` (本澳, 澳门元,
        统计暨普查局) and Macau named more often than Hong Kong, or one of Macau's own bodies in its lead
        (``lead_bodies``: 统计暨普查局公布…)."""
        return ((self._own_cues(text) >= 2 and self._macau_named_more(text)) or self._macau_lead_body(text)) \
            and not self._hk_listed(text)

    def macau_piece(self, text: str) -> bool:
        """Whether a piece the region cues read as Hong Kong's is Macau's: it names Macau more often than Hong Kong
        (entities.yaml macau_piece: 澳门, 本澳, 澳门元 against 香港, 本港, 港元), or it has one of Macau's own words
        (本澳, 统计暨普查局: a Macau release counting Hong Kong visitors names Hong Kong more)."""
        return (self._own_cues(text) >= 1 or self._macau_named_more(text) or self._macau_lead_body(text)) \
            and not self._hk_listed(text)

    def _macau_lead_body(self, text: str) -> bool:
        return any(w in text[:self.macau_lead_chars] for w in self.macau_lead_bodies)  # (博彩监察协调局公布…)

    def _own_cues(self, text: str) -> int:
        return sum(text.count(w) for w in self.macau_own_cues)

    def _macau_named_more(self, text: str) -> bool:
        return sum(text.count(w) for w in self.macau_cues) > sum(text.count(w) for w in self.macau_rivals)

    def _hk_listed(self, text: str) -> bool:
        return self.macau_listed_rx.search(text) is not None  # (某娱乐（0027）公布…: a Hong Kong-listed company's piece)

    def _lead_introduced(self, name: str) -> bool:
        """Whether ``name`` (before 是…厂商 in the lead) can be a company: no place, no cue or function word,
        no metric, no scope word (公司是…)."""
        known = self.alias_scope.get(name)
        if known is not None:
            return known[2] == "company"
        return not (self.names.no_name(name) or self.names.strip_leading(name) != name or name in self.tag_stoplist
                    or name in self.pronouns or name in self.scope_prefixes or self._function_word(name)
                    or any(t[:1] in "trmfq" for _, t, _, _ in self.tag(name))  # (目前是…, 这是…: a time, a pronoun)
                    or (name.endswith(self.lead_role_endings)  # (操盘者, 运营方: a verb's doer, a role)
                        and all(t[:1] == "v" for _, t, _, _ in self.tag(name[:-1]))))

    def _register(self, name: str, text: str, ctx: DocContext) -> None:
        """``name`` names a company everywhere in the piece, and so does its short form (宏硕电脑 …
        宏硕: without a company ending of entities.yaml ``company_endings``) where the short form
        is the more frequent and no gazetteer name."""
        ctx.abbr.setdefault(name, name)
        short = self.company_ending_rx.sub("", name)
        if len(short) >= 2 and short != name and short not in self.alias_to and text.count(short) > text.count(name):
            ctx.abbr.setdefault(short, name)

    def gazetteer_hits(self, ctx: DocContext, start: int, end: int) -> list[tuple[int, int, str, str, str]]:
        """Gazetteer hits of the document inside ``[start, end)``, offsets relative to
        ``start``: (start, end, surface, canonical name, type)."""
        hits = ctx.hits
        out = []
        for i in range(bisect.bisect_left(ctx.hit_starts, start), len(hits)):  # no copy of the rest
            s, e, alias = hits[i]
            if e > end:
                break
            name, typ, _ = self.alias_scope[alias]
            out.append((s - start, e - start, alias, name, typ))
        return out

    @staticmethod
    def default_entity(ctx: DocContext) -> str:
        """The holder of a value nothing in its paragraph names (contract 1a): the place or
        company a piece is about.  First a scope its 全省/我市/公司/本港 refer to that the
        headline names; then the headline's own subject (研调：明年全球AI服务器出货…); then a
        company the piece defines (stock code, 以下简称) or the unnamed 公司 of a piece that never names
        its company; then the place whose scope words it uses most; else the country.  A company the piece merely mentions is no default: one
        公司 in a feature about many firms refers to whichever comes before it."""
        used = [k for k in ("company", "city", "county", "province", "hongkong") if k in ctx.scope and ctx.scope_uses.get(k, 0) >= 1]
        for key in used:
            if ctx.scope[key] in ctx.in_headline:
                return ctx.scope[key]
        company = ctx.scope.get("company")
        if company in ctx.in_headline and company in ctx.defined:
            return company  # 甲通（0899）全年多赚…: a listed company its headline names, 公司 or no 公司
        if ctx.subject:
            return ctx.subject
        if company == UNNAMED_COMPANY:
            return company  # (a broker note that never names its company: its 公司 holds what no sentence names)
        if "company" in used and ctx.scope["company"] in ctx.defined and len(ctx.defined) < 3:
            return ctx.scope["company"]  # (a market report defining many listed companies is about none of them)
        places = sorted((k for k in used if k != "company"), key=lambda k: -ctx.scope_uses[k])  # (stable: city first)
        if places:
            return ctx.scope[places[0]]
        # the document's region (normalize's decision; Macau's in a Macau piece), or the world in a piece about its markets
        return ctx.world or ctx.home

    def cites_tracker(self, text: str, cands: list[Candidate], ctx: DocContext, default: str) -> bool:
        """Whether a paragraph whose default holder is its region's (a piece, or a part of one, about no place or
        company of its own) cites a worldwide market tracker (某机构LightCounting报告显示…: entities.yaml
        global_lead.trackers) and names no place (but in an aside: 平板新机(多数在中国)上市): its figures nothing
        else holds are the world's, and those of the paragraphs after it that name no holder (contract 1a: a
        subject carries until another holder is named)."""
        return (self.global_tracker_rx is not None and ctx.region not in ("hongkong", "taiwan")
                and default == ctx.home
                and self.global_tracker_rx.search(text) is not None
                and not any(c.type == "GPE" and not c.source and not _aside(text, c.start, c.end) for c in cands))

    def first_named(self, text: str, name: str, ctx: DocContext) -> int:
        """Where ``text`` first names the company ``name``: as written, in a form the gazetteer knows (港交所) or an
        abbreviation the piece defines; 0 when it is named in none of these ways (no part of the piece is before it)."""
        forms = {name, ctx.named_as.get(name)} | {short for short, full in ctx.abbr.items() if full == name}
        found = [at for form in forms if form and (at := text.find(form)) >= 0]
        hit = next((s for s, _, alias in ctx.hits if self.alias_scope[alias][0] == name), None)
        return min(found + ([hit] if hit is not None else []), default=0)

    def _compared_scope(self, text: str, s: int, e: int) -> bool:
        """Whether the scope word text[s:e] is what a rank or a comparison is made against (位居全省前列, 全省第4位,
        高出全省平均水平, 占全市比重: entities.yaml scope_compared), or a class of firms a word before it makes
        (上市柜公司, 131家公司), not the place or company the piece refers to."""
        return self.scope_compared_before_rx.search(text, max(0, s - 4), s) is not None \
            or self.scope_compared_after_rx.match(text, e) is not None \
            or self.scope_class_before_rx.search(text, max(0, s - 6), s) is not None

    def _world_piece(self, text: str) -> bool:
        """Whether a mainland piece is about worldwide markets: it names the world (全球, 全世界) at least
        ``global_lead.piece.min`` times, not as what a rank or a share is made against (位居全球第一, 全球占比), and
        more often than its country (中国, 我国, 国内, 全国: ``home``)."""
        world = sum(1 for m in self.world_rx.finditer(text)
                    if not self.world_before_rx.search(text, max(0, m.start() - 3), m.start())
                    and not self.world_after_rx.match(text, m.end()))
        return world >= self.world_piece_min and world > len(self.world_home_rx.findall(text))

    def unnamed_scope(self, ctx: DocContext, default: str, text: str) -> str | None:
        """The scope word (全县, 全市, 全省) a piece uses most when its default holder is only its region's (the text names
        no place it refers to: a local site's release), else None."""
        if default != ctx.home:
            return None
        used = [(ctx.scope_uses.get(k, 0), k) for k in ("county", "city", "province") if k not in ctx.scope]
        n, key = max(used, default=(0, ""))
        if n < 2:
            return None
        return max(self.scope_words[key], key=text.count)  # (the word the piece writes most: 全区, not 全省)

    @staticmethod
    def place_entity(ctx: DocContext) -> str:
        """The place a piece is about (the city, province or territory its 全市/全省/本港 refer to, else its
        region's holder): the holder of an industry's figures in a piece about companies (contract 1a)."""
        for key in ("city", "county", "province", "hongkong"):
            if key in ctx.scope and ctx.scope_uses.get(key, 0) >= 1:
                return ctx.scope[key]
        return ctx.home

    @classmethod
    def reporting_companies(cls, ctx: DocContext) -> frozenset[str]:
        """The companies a piece about several companies reports on (two or more it defines: stock
        codes, results clauses, 以下简称; or one it defines in a piece whose default holder is another: 电信三雄…，
        甲电信（12日）公布…), else none: a piece about one company or none has one default."""
        if len(ctx.defined) >= 2 or (ctx.defined and cls.default_entity(ctx) not in ctx.defined):
            return frozenset(ctx.defined)
        return frozenset()

    @classmethod
    def company_document(cls, ctx: DocContext) -> bool:
        """Whether the piece is about one company (its default holder is that company)."""
        return "company" in ctx.scope and cls.default_entity(ctx) == ctx.scope["company"]

    def _scope_candidates(self, text: str, ctx: DocContext) -> list[Candidate]:
        out = []
        for key, rx in self.scope_rx.items():
            if key not in ctx.scope:
                continue
            for m in rx.finditer(text):
                if self.scope_not_after_rx.search(text, max(0, m.start() - self.scope_not_after_len), m.start()):
                    continue  # 子公司, 上市公司 ...
                if m.group() in self.bare_scope and m.start() > 0 and regex.match(r"\p{Han}", text[m.start() - 1]) \
                        and not self.names.ends_with_cue(text, m.start()) \
                        and not (key == "company" and _PERIOD_BEFORE.search(text, max(0, m.start() - 8), m.start())):
                    continue  # 中国移动集团, 某某新区: a name's ending, not "the group", "the new area" (期内集团, 2024年公司 are)
                if key == "company" and m.start() > 0 and regex.match(r"\p{Han}", text[m.start() - 1]) \
                        and regex.match(r"[A-Za-z]", text[m.end():m.end() + 1]):
                    continue  # 科技公司Bluewave: a class before the name it introduces, not "the company"
                out.append(Candidate(m.start(), m.end(), ctx.scope[key], _SCOPE_TYPES.get(key, "GPE"), "gazetteer",
                                     scope_word=key == "company"))
        return out

    def _projects_meant(self, cands: list[Candidate], scoped: set[int]) -> None:
        """该项目, 项目 standing for the lead's project (``scoped``: their ids): the nearest project or facility
        its paragraph names before it, if any (青川数据中心二期也已开工，项目总投资…: that one), never a site that
        only frames the scene (在甲园区西部云基地，乙介绍，项目一期…: the lead's project)."""
        last = None
        for c in cands:
            if id(c) in scoped:
                if last is not None:
                    c.name = last
            elif c.named and c.type == "FAC" and not (c.source or c.in_title) \
                    and not (c.frame and not self.is_project(c.name)):
                last = c.name

    def _companies_meant(self, text: str, cands: list[Candidate], ctx: DocContext) -> None:
        """公司 standing for the firm its own sentence named before it (其中,甲移动表现稳健,公司上半年营收…:
        甲移动), not the piece's company or class: the nearest such firm, no sentence break between; in a piece
        about no company or about several as one (三大运营商), the nearest such firm of the paragraph
        (甲联通上半年营收创新高。公司实现营业收入…); never an item of a list (公司成为甲、乙等企业的伙伴，公司实现…)."""
        last = None
        prev_end = 0
        own = ctx.scope.get("company")
        whole = own is None or own in self.groups
        for c in cands:
            if c.scope_word and c.type == "ORG":
                if last is not None and (whole or _SENTENCE_OR_LINE_END.search(text, last.end, c.start) is None):
                    c.name = last.name
                continue
            brk = _CLAUSE_BREAK.search(text, max(0, c.start - 3), c.start)  # (its clause's subject: 其中,甲…; never 与甲…)
            described = _DESCRIBED_SUBJECT.search(text, max(0, c.start - 16), c.start)
            opens = c.start == 0 or (brk is not None and text[brk.end():c.start] in _CONNECTIVES) \
                or (described is not None and prev_end <= described.start())
            # (主打增程车型的甲汽车公布的数据显示，公司…: a description with 的 before the clause's subject; never a
            # name another one's phrase describes: 根据乙集团发布的甲交所公告)
            prev_end = c.end
            if opens and c.type == "ORG" and c.named and not (c.source or c.in_title or c.cause or c.local or c.modifier
                                                               or c.frame or c.listed) \
                    and not self.names.after_owner_link(text, c.start) \
                    and not self.names.reporter_rx.search(c.name) and (
                        c.origin == "suffix" or (self.alias_scope.get(text[c.start:c.end]) or ("", "", ""))[2] == "company"):
                last = c

    def abbreviations(self, text: str) -> dict[str, str]:
        """X（以下简称“Y”）: Y names X in the rest of the document."""
        abbr = {}
        for m in self.abbr_rx.finditer(text):
            full = _CLAUSE_BREAK.split(text[max(0, m.start() - 40):m.start()])[-1]
            for f in self.frames:
                if full.startswith(f):
                    full = full[len(f):]
            if 2 <= len(full) - full.rfind("的") - 1:
                full = full[full.rfind("的") + 1:]  # 投资52亿元的甲项目（以下简称…）: the name, not what describes it
            full = _after_closed(full)  # (…(下称“甲”)和乙科技(北京)股份有限公司(下称“乙”): the second name alone)
            full = full[self.described(full):]  # 头部公司甲集成电路股份有限公司: the name after its description
            bare = full[next((len(w) for w in self.class_prefix_tuple if full.startswith(w)), 0):]  # (我国|规模以上…)
            if full.endswith(self.industry_endings) and not full.endswith(self.industry_not) \
                    or full.startswith(self.statistical_scopes) or bare.startswith(self.statistical_scopes):
                continue  # 我国软件和信息技术服务业（以下简称软件业）: an industry, no holder (its place holds); nor
                # 规模以上互联网企业（简称…）: a class of enterprises by size (entities.yaml statistical_scopes)
            if full.endswith(("》", "〉")):
                continue  # 《…发展规划》（下称“规划”）: a document's title, no holder
            if self.names.no_name(self.names.strip_leading(full)) or self.source_gap_value_rx.search(full):
                continue  # 全社会消费品零售总额（以下简称“社零额”）: a metric's short name, no holder (计划投资金额约为x亿元
                # （以下简称“首期”）: a figure, no name)
            if 2 <= len(full) <= 30 and full != m.group("abbr"):
                abbr[m.group("abbr")] = full
        return abbr

    def _tag_candidates(self, tokens, known) -> list[Candidate]:
        out = []
        for w, t, s, e in tokens:
            # jieba's ns/nt are noisy on news text (深度/ns, 大关/ns, 联合体/nt): keep
            # places that look like places and organisation names of some length
            if ((t == "ns" and len(w) >= 3) or (t == "nt" and len(w) >= 4)) \
                    and not (w in self.tag_stoplist or w in self.pronouns):
                bare = self.names.strip_leading(w)  # 其中华北 -> 华北
                if bare[:1] in self.glued_markers and bare not in self.alias_to:
                    bare = bare[1:]  # 受美中|贸易战: a cause's or a source's marker jieba glued to the words after it
                if len(bare) < 2:
                    continue
                s += len(w) - len(bare)
                market = next((m for m in self.place_markets if bare.endswith(m) and len(bare) > len(m)), None)
                place = bare[:-len(market)] if market else None
                if place and self.alias_to.get(place, ("", ""))[1] == "GPE":
                    # 美国市场PC发货量 (a word jieba glues): the market's place holds, 市场 opens the metric (contract 1a)
                    out.append(Candidate(s, s + len(place), self.alias_to[place][0], "GPE", "tag"))
                    continue
                out.append(Candidate(s, e, self.alias_to.get(bare, (bare,))[0], "GPE" if t == "ns" else "ORG", "tag"))
        return out

    def _flag(self, c: Candidate, text: str, cands: list[Candidate], titles):
        if any(a <= c.start and c.end <= b for a, b in titles) or (c.type == "GPE" and self.names.event_rx.match(text, c.end)) \
                or (c.type == "GPE" and text.endswith(self.names.award_before, 0, c.start) and self.names.award_rx.match(text, c.end)) \
                or (c.type == "ORG" and self.names.reporter_rx.search(c.name) and text[c.end:c.end + 1] in "“\"「『"
                    and self.names.organiser_event_rx.match(text, c.end)):
            c.in_title = True  # (a title's name, or a place opening an event's or an award's: 全球智能终端博览会, 获评全国…示范区)
        before = text[max(0, c.start - 3):c.start]
        if before.endswith(self.names.member_cues) or before[-1:] in ("，", ",") and before[:-1].endswith(self.names.member_cues):
            c.member = True  # (其中甲…, 其中，甲…)
        if before.endswith(self.frame_tuple):
            c.frame = True
        elif before[-1:] in _FRAME_JOINERS and any(o.frame and o.end == c.start - 1 and o.type == c.type for o in cands):
            c.frame = True  # 在甲地及乙地营运…: the second place of a framed pair is in the frame too
        elif self.names.scope_before_rx.search(text, max(0, c.start - 16), c.start) and self.names.scope_after_rx.match(text, c.end):
            c.frame = True  # 在本轮招标的甲服务器中份额为x: the pool the share is taken in
        if self.names.cause_rx.match(text, c.end) \
                or self.names.cause_before_rx.search(text, max(0, c.start - self.names.cause_before_len), c.start) \
                or (self.names.cause_frame_before_rx.search(text, max(0, c.start - self.names.cause_frame_before_len), c.start)
                    and self.names.cause_frame_after_rx.match(text, c.end)) \
                or (self.names.weighed_before_rx.search(text, max(0, c.start - 24), c.start)
                    and self.names.weighed_after_rx.match(text, c.end)) \
                or (self.names.driver_rx is not None and self.names.driver_rx.match(text, c.end)) \
                or self._route_end(c, text, cands):
            c.cause = True
        elif c.type == "PRODUCT" and text[max(0, c.start - 3):c.start].endswith(self.names.model_cause_before):
            c.cause = True  # (带动GB300机柜出货，…公告营收: a product the company's sales grow by, no holder)
        after = text[c.end:c.end + self.source_window]
        if after[:1] in "（(" and (close := _CLOSE_BRACKET.search(text, c.end, c.end + 24)) is not None \
                and _HAN_NAME.fullmatch(text, c.end + 1, close.start()):
            # 某党校(某学院)某教研部教授某某认为: the name's other Chinese name skipped (a Latin name or a stock code in the
            # bracket stays: 甲数据（CloudPeak）首席运营官某某说, the company's own figures)
            after = text[close.end():close.end() + self.source_window]
        cue = None if lacks(after, self.source_needs) else self.source_rx.match(after)
        if cue is not None and c.type == "GPE" and text[c.start:c.end] not in self.scope_prefixes and not cue.group("gap") \
                and cue.group().startswith(self.place_forecast_cues):
            cue = None  # 东盟预计将占到12%以上: what is expected of the place, its own figure (全区预计…: the piece's)
        if (cue is not None and not self.names.own_spending_rx.match(text, c.end + cue.end())
                and not self.names.metric_rx.search(cue.group("gap")) and not self.source_gap_value_rx.search(cue.group("gap"))
                and not (c.type == "ORG" and self.names.own_report_rx.search(after, 0, _clause_len(after)))) \
                or self.names.is_source(text[c.start:c.end], c.name, c.type, after):
            c.source = True  # (甲便宣称使用了30亿元兴建…: what 甲 spends itself; 甲营收预计达…: a metric between
            # the name and the cue, its own forecast: no source)
        if (c.start > 0 and text[c.start - 1] == "、") or text[c.end:c.end + 1] == "、":
            c.listed = _OWN_FIGURE.match(text, c.end) is None  # (甲下跌5%、乙小涨3%: each item states its own)
        # modifier: X牵头的Y / X建设的Y, where Y is another named candidate
        code = _CODE_AFTER.match(text, c.end)  # (甲集团(01234.HK)旗下乙云: the owner's stock code skipped)
        owner_after = text[code.end():code.end() + self.source_window] if code is not None else after
        m = _MODIFIER_DE.match(owner_after) or self.names.owner_rx.match(owner_after)  # (甲集团旗下乙: 乙 holds)
        base = code.end() if code is not None and m else c.end
        nxt = base + m.end() if m else c.end if self.names.owner_end_rx.search(c.name) else None
        if self.names.builder_after_rx is not None and _BUILDER_BEFORE.search(text, max(0, c.start - 24), c.start) \
                and self.names.builder_after_rx.match(text, c.end):
            c.modifier = True  # 由甲设计院和乙工程局承建的（一期）项目: the builders, no holders; what they build holds
        if c.type == "GPE" and text.endswith(self.names.possessive_before, 0, c.start) \
                and not text.endswith(self.names.possessive_not, 0, c.start):
            c.modifier = True  # 其全球销售收入: the reach of what 其's holder counts
        if c.type == "MARKET" and any(o.end == c.start and o.type == "ORG" and o.named for o in cands):
            c.modifier = True  # 甲通讯港股跌x, 乙公司A股: the company's shares where they list, no market's figure
        if c.type == "ORG" and c.name in self.place_held and any(o.end == c.start and o.type == "GPE" for o in cands):
            c.modifier = True  # 全省基础电信企业: the place holds, the group is what its metric counts
        if c.type == "GPE" and any(o.start == c.end and o.type == "ORG" and o.origin == "gazetteer"
                                   and (self.alias_scope.get(text[o.start:o.end]) or ("", "", ""))[2] == "company"
                                   and o.name not in self.place_held for o in cands):
            c.modifier = True  # 中国中芯国际（SMIC）, 韩国三星电子的市占率: a company's country before its name holds nothing
        elif c.type == "GPE" and (d := self.kind_rx.match(text, c.end)) is not None and any(
                o.start == _after_dash(text, d.end()) and o.type == "ORG" and o.named for o in cands):
            c.modifier = True  # 美国云端服务供应商GMI Cloud (…厂商--甲电: a dash between): the company's country and kind hold nothing
        elif nxt is not None:  # (海外子公司乙: a class of units before the unit's name)
            owned = m is not None and _MODIFIER_DE.match(owner_after) is None  # (公司控股子公司乙营业收入: 乙 holds its metric)
            if any(o.start == nxt and o.named and (owned or not self.names.metric_rx.match(text, o.end)) for o in cands if o is not c):
                c.modifier = True  # (甲在用机架数的全国占比: 全国 opens a metric, it is no head)


# 由 right before a name, or before the list whose joiner stands right before it (由甲和乙承建的…)
_BUILDER_BEFORE = regex.compile(r"由(?:[^，。；：:,;\s由]{2,20}[和与及、])?$")
_GOVERNMENT_REPORT_WINDOW = 300  # (the report's opening lines: 各位代表：⏎现在，我代表…作报告)
_JOINED_NAME_MAX = 12  # (the longest gazetteer name read before a joiner)
_LIST_ITEM_GAP = 4  # (甲公司、临|江乙公司: the most characters between one listed name and the next one's start)


_DASH_AFTER = regex.compile(r"\s?(?:" + "|".join(regex.escape(d) + "{1,2}" for d in _LIST_DASHES + ("－", "─")) + r")\s?")


def _after_dash(text: str, at: int) -> int:
    """Where the text after a dash at ``at`` starts (台湾晶片厂商--台积电: the name after the description's dash), else ``at``."""
    m = _DASH_AFTER.match(text, at)
    return m.end() if m else at


def last_match(rx, t: str, a: int = 0, b: int | None = None):
    """The last match of ``rx`` in t[a:b], or None."""
    m = None
    for m in rx.finditer(t, a, len(t) if b is None else b):
        pass
    return m


def _free_count(text: str, word: str, ctx: DocContext) -> int:
    """How often ``word`` stands in ``text`` outside a longer gazetteer name (信息 inside 浪潮信息 is no
    use of a company 星岳信息's ending)."""
    n, at = 0, text.find(word)
    while at >= 0:
        i = bisect.bisect_right(ctx.hit_starts, at) - 1
        if i < 0 or ctx.hits[i][1] < at + len(word) or ctx.hits[i][1] - ctx.hits[i][0] <= len(word):
            n += 1
        at = text.find(word, at + len(word))
    return n


def _in_order(short: str, name: str) -> bool:
    """Whether the characters of ``short`` occur in ``name`` in order (中移动 in 中国移动)."""
    it = iter(name)
    return all(ch in it for ch in short)


def _after_closed(words: str) -> str:
    """``words`` after its last closing bracket or quote that nothing in it opens, and after a joining word
    right behind it: ``)和乙科技(北京)股份有限公司`` -> ``乙科技(北京)股份有限公司``."""
    depth, start = 0, 0
    for i, ch in enumerate(words):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                depth, start = 0, i + 1
        elif ch in "”」』":
            start = i + 1
    return words[start:].lstrip("和与及并、")


_COUNTED_PLACES = regex.compile(r"[居列位在占等各]?[一二两三四五六七八九十]+")  # (居五|县, 各两|区: a count, no name)


_GLUED_MEASURE = regex.compile(r"\d[\d.,]*([A-Za-z]+)")  # (80MW, 1000P: jieba's one token for a value and its unit)


def _abbreviation_uses(text: str, ctx: DocContext):
    for abbr, full in ctx.abbr.items():
        rest = full[len(abbr):] if full.startswith(abbr) else ""  # (宜都 of 宜都市: 宜都市委 is no use of 宜都)
        start = text.find(abbr)
        while start >= 0:
            if not (abbr in ctx.word_only and start > 0 and _HAN.match(text[start - 1])) \
                    and not (rest and text.startswith(rest, start + len(abbr))):
                yield start, start + len(abbr), full
            start = text.find(abbr, start + len(abbr))


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Longest span wins; on equal spans gazetteer beats suffix beats tag; a generic
    suffix match never hides a named entity it contains."""
    rank = {"gazetteer": 0, "quoted": 1, "suffix": 2, "tag": 3}
    named = [c for c in cands if c.named]
    generic = [c for c in cands if not c.named]
    named.sort(key=lambda c: (-(c.end - c.start), rank[c.origin], c.start))
    kept: list[Candidate] = []
    for c in named:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    for g in sorted(generic, key=lambda c: -(c.end - c.start)):
        if all(g.end <= k.start or k.end <= g.start for k in kept):
            kept.append(g)
    kept.sort(key=lambda c: c.start)
    return kept


# an item of a 、 list followed by its own verb and figure before the next item (甲下跌近5%、乙小涨3%)
_LATIN_LISTED = regex.compile(r"[A-Z][A-Za-z0-9&]{2,11}")  # (ASMPT(00522): a listed company's Latin name)
_OWN_FIGURE = regex.compile(r"[^、，,。；;（(]{0,8}?(?:\d|[零〇一二两三四五六七八九十廿卅][零〇一二两三四五六七八九十廿卅百千万亿点])")  # (投信卖超八十四亿元)
_COUNTED_ACRONYM = regex.compile(r"[两二三四五六七八九十]大[A-Z]{2,6}")


def industry_words(rules: Rules) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(endings, not_words) of an industry's word (电子业, 半导体产业; not 营业, 企业): attribution.yaml
    attr.name.industry_subject."""
    ind = next((e for e in rules.raw["attribution"].get("names", []) if "not_words" in e and "endings" in e), {})
    return tuple(ind.get("endings", ())), tuple(ind.get("not_words", ()))


_OPEN_QUOTES = "「“『\""
_NAME_OPENERS = _OPEN_QUOTES + "《〈（('"  # marks a quoted or bracketed name may open with ([2] -公司: a dash opens none)
QUOTE_MARKS = regex.compile("[「」“”『』\"]")  # (facts.py: a metric cut inside a quotation drops them)
_CLOSE_BRACKET = regex.compile(r"[)）]")
_HAN_NAME = regex.compile(r"\p{Han}{2,16}")
_SHORT_LISTED = regex.compile(r"\p{Han}{2,6}")  # (a listed company's short name after the words describing it)
_CODED_NEXT = regex.compile(r"[、及和与][^，。；、（(]{1,12}?[（(][0-9A-Z.\-]{3,12}[)）]")  # (…、乙（300502.SZ）: the next item coded too)
_NAME_OPENER = regex.compile(r"的|如|例如|比如|包括|(?<![控持入参])股(?![份有东票本权])")  # (what no listed company's name holds: the words before it are no part)


def _with_counted_class(c: Candidate, text: str) -> Candidate:
    """北美四大CSP: a place with a counted class of firms after it names that group, the holder."""
    m = _COUNTED_ACRONYM.match(text, c.end) if c.type == "GPE" else None
    if m is None:
        return c
    return Candidate(c.start, m.end(), text[c.start:m.end()], "ORG", c.origin)


_DIGIT = regex.compile(r"[\d一二三四五六七八九十百千万亿两]")  # (a clause holding a figure, 随着甲营收增长3%: not set aside)
GROUP_COUNT = r"[一二两三四五六七八九十\d]+[家大]"  # the count before a group of firms (三家, 3家, 三大): also attribution's
_GROUP_COUNT = regex.compile(GROUP_COUNT + "$")


def _merge_slashed(cands: list[Candidate], text: str) -> list[Candidate]:
    """HPE/新华三: two organisations joined by a slash are one joint holder, named as written (a vendor that
    market research reports under both names)."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.type == c.type == "ORG" and text[prev.end:c.start] in ("/", "／"):
            out[-1] = Candidate(prev.start, c.end, text[prev.start:c.end].replace("／", "/"), "ORG", prev.origin)
            continue
        out.append(c)
    return out


def _merge_places(cands: list[Candidate], text: str) -> list[Candidate]:
    """Adjacent places (贵州贵阳, 安徽省宿州市): the last, most specific, names the holder."""
    out: list[Candidate] = []
    for c in cands:
        if out and out[-1].type == "GPE" and c.type == "GPE" and out[-1].end == c.start:
            prev = out.pop()
            c = Candidate(prev.start, c.end, c.name, "GPE", c.origin, named=True)
        out.append(c)
    return out


def short_company_names(names: set[str], text: str, endings: tuple[str, ...]) -> dict[str, str]:
    """One name per company (contract section 2): a holder written with a generic company word (甲维科公司, entities.yaml
    ``generic_company_endings``) whose stem the piece also writes alone (甲维科年报…) -> the stem; others unchanged."""
    out = {}
    for name in names:
        end = next((e for e in endings if name.endswith(e) and len(name) - len(e) >= 2), None)
        if end is None:
            continue
        stem = name[:-len(end)]
        at = text.find(stem)
        while at >= 0 and text.startswith(end, at + len(stem)):
            at = text.find(stem, at + 1)
        if at >= 0:
            out[name] = stem
    return out
