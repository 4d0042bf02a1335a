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

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter

import regex

from zhfacts.extract.entities import _MODIFIER_DE, CLASS_JOINERS, GROUP_COUNT, Candidate, NameRules, industry_words, \
    whole_rank_pattern
from zhfacts.extract.dates import small_int
from zhfacts.extract.firstchars import ClausePattern, stdlib_first
from zhfacts.extract.lists import FIGURE_BRACKET as _FIG_BR, ListReader
from zhfacts.normalize.guard import excluded, guard
from zhfacts.rules import Rules

# the features the code computes: rules/attribution.yaml may weigh only these
FEATURES = ("same_clause", "earlier_clause", "clause_distance", "order", "carried_subject", "earlier_sentence",
            "sentence_distance", "unnamed_far", "source", "in_title", "frame", "listed", "modifier",
            "bracket_example", "in_metric", "trade_partner", "agent", "antecedent", "list_slot", "bracket_owner",
            "contrasted_class", "segment_place", "baseline", "quote_speaker", "superseded", "described", "recipient",
            "cause", "site_before", "world_setting", "frame_scope", "winning",
            "winner_ref", "scene", "class_share", "enumerated", "topic_frame")
DEFAULT_WARNING = "entity not stated: document default"
CARRIED_COMPANY_WARNING = "entity not stated: the company an earlier paragraph is about"  # (pipeline: several companies)
TRACKER_WARNING = "entity not stated: the world market a tracker cited above reports"
INTRO_WARNING = "entity not stated: the holder of the line that introduces this list"  # (pipeline: …其中：⏎甲6216亿元；)
# the piece's 全市/全县/全省 refer to a place its text never names (a local site's release: the place is in its address)
UNNAMED_PLACE_WARNING = "entity not stated: the piece's {scope} refers to a place the text does not name"
UNNAMED_COMPANY_WARNING = "entity not stated: the piece's 公司 refers to a company the text does not name"
_TIME_LEADS = ("", "截至", "截止", "到")  # what may stand before a time opening a sentence (截至6月末)
_CLAUSE_OPENERS = "，,；;"  # (what ends the clause before a name that opens the next)
_FLAGS = ("source", "in_title", "frame", "listed", "modifier", "cause")
# (如甲、乙) in brackets, or 包括甲、乙及丙在内 (the members a count includes): examples, never holders
# (以甲、乙等为代表的…, 以甲为首的…: the examples of a class, as in brackets)
EXAMPLE_BRACKET = stdlib_first(r"[（(](?:如|例如|比如|包括|含)[^（()）]{1,40}[)）]|包括[^，,。；;：:（()）]{2,40}?在内"
                               r"|以[^，,。；;：:（()）]{2,40}?为(?:代表|首|龙头)的")
_OPEN = "（("
_LAST_BRACKET_OR_STOP = regex.compile(r"(?r)[（(）)，。；]")
# 甲、乙等国产服务器; 甲和乙5号机房及丙、丁等项目 (a numbered building after the first name, 和/及/与 joining too)
_EXAMPLE_LIST = stdlib_first(r"(?:\d+号[^，,。；;、和及与等]{0,4})?(?:[、和及与][^，,。；;、和及与等]{1,14})*等(?![待级同于])")
# …甲集团乙工厂改造及丙升级等12个项目: a name inside the first example of a class its clause then counts
_WHOLE_COUNT = regex.compile(r"(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})(?:个|家|只|项|座|所)")  # (等3家公司: the list counted)
_EXAMPLE_COUNTED = regex.compile(r"[^，,。；;、：:]{0,20}?等(?:\d+|[一二三四五六七八九十两]+)(?:个|家|项|批|座|条)")
# 在甲项目预算编列部分，/ 在乙业务方面，: a frame that names the part of a report its clause turns to
_TOPIC_FRAME_END = regex.compile(r"[^，,。；;：:]{0,8}?(?:部分|方面)[，,：:]")
_CLAUSE_END = regex.compile(r"[，,；;：:。！？!?]")
_LAST_CLAUSE_MARK = regex.compile(r"(?r)[，,；;：:]\s*")  # (the last clause break before a value, and its spaces)
# 在甲地|的采用率达58%: a framed place, 的, then its quantity's figure in the same clause
_POINTING = frozenset("其该此")  # (其在甲地的…: the holder before it)
_OWN_FIGURE_AFTER = regex.compile(r"的[^，,；;：:。！？!?]{1,12}?[\d０-９]")
_SENTENCE_END = regex.compile(r"[。！？!?]")
_BASELINE_OPENERS = ("比", "较", "相比", "相较")  # (比甲、乙分别高出x、y: a comparison's baselines open here)
# (增速比|甲和乙分别高出x、y: the opener inside the list's first item, after the subject's quantity; no 占比, 比重, 同比)
_BASELINE_INSIDE = regex.compile(r"(?<![占对环同相类无好])(?:比|较)(?![重例率较上去前同])")
# two names each followed by a bracket with a figure: 甲（增长64%）和乙（增长112%）
# (a bracket with a word and a figure: 增长64%; a bare figure, 即时通讯（97.2%）, is a class's share, no holder's)
_BRACKET_PAIR = regex.compile(r"(?P<n>[\p{Han}A-Za-z]{2,10})[（(](?=[^（()）]*(?!倍)\p{Han})[^（()）]*\d[^（()）]*[)）](?:和|与|及|、)"
                              r"(?P<n>[\p{Han}A-Za-z]{2,10})[（(](?=[^（()）]*(?!倍)\p{Han})[^（()）]*\d[^（()）]*[)）]")
# (a bracket of a bare multiple, 甲产品(1.2倍)、乙产品(1.5倍), is an item's figure in a breakdown, no pair of holders)
# 与乙合计占 after a name: the names of a list that share a trade's share (甲与乙合计占总出口比重)
_BRACKET_PAIR_NEEDS = guard(_BRACKET_PAIR.pattern, False)  # (what a sentence holding a pair holds)
_SHARE_OF_TRADE = stdlib_first(r"(?:[与和及、]\p{Han}{1,6}?)*(?:合计|合共|合|共)占")
# 甲占11.6%居第三: a place with its own share right after 占 holds it (美国占总出口比重: a word of the metric)
_OWN_SHARE = regex.compile(r"占(?:约|近|逾|超过|超)?[\d一二两三四五六七八九十]")
_FORMER_LATTER = regex.compile(r"前者|后者")
_ROUTE = regex.compile(r"(?:至|到|对|往|向|与|和|比|从)$")
# a list item's own figure after its name (留宿旅客x亿元及不过夜旅客y亿元的总消费分别…): no part of the name
_ITEM_FIGURE = regex.compile(r"(?<=\p{Han}{2})\d[\d,.]*\s*[万亿千百]*[\p{Han}%]{0,3}$")
# 在全球已发布的N个…中: a value inside a frame 在X…中 counts X's whole (the text after the value)
_FRAME_SCOPE_END = regex.compile(r"[\p{Han}A-Za-z]{0,8}?中(?![心国东部央期旬间标])")
# the items of an enumeration (甲市、乙市两个节点): names with no digit, inside one clause
_ENUM_ITEM = regex.compile(r"[\p{Han}A-Za-z·]{2,12}")
_NAME_CHAR = regex.compile(r"[\p{Han}A-Za-z]")
_BRACKET_END = regex.compile(r"[（()），,。；;]")
_ENUM_STOPS = "，,；;：:。！？!?\n“”（()）"
_token_start = itemgetter(2)  # a jieba token (word, tag, start, end)
_END = itemgetter(1)  # a span (start, end)
_START = attrgetter("start")  # a candidate


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


# the words between a scope word and the facility suffix it opens (我州|绿色算力|示范园区): Han characters only
_NAME_RUN = regex.compile(r"\p{Han}*")
_SCOPED_NAME_GAP = 12


@dataclass(frozen=True)
class AttributionRules:
    weights: dict[str, float]
    default_score: float
    metric_words: tuple[str, ...]
    metric_not: tuple[str, ...]  # 第三季度: a time that starts with a rank word (第三)
    metric_before: tuple[str, ...]  # 占全国, 贡献全球: a place after these is inside the metric
    rank_before: tuple[str, ...]  # 是全省…最大的, 重夺中国…第一, 位居全国…首位: a place after these, before a rank word
    rank_rx: "regex.Pattern" = field(repr=False)
    # 建成全球规模最大的5G网络: a place right before a superlative scopes the rank (in_metric ``rank_after``)
    rank_after_rx: "regex.Pattern" = field(repr=False)
    # “5G+工业互联网”项目超过8000个。: a count right after a project's or facility's name, ending its clause, counts
    # that class (in_metric ``counted_after``): the name is the metric's, not a holder
    counted_after_rx: "regex.Pattern" = field(repr=False)
    whole_share_rx: "regex.Pattern" = field(repr=False)  # 全球|销量占比: a whole's share (in_metric ``whole_share_after``)
    # 香港及中国台湾旅客: a place, more places, then the visitors they send (metrics.yaml list_origin_heads): each place
    # is the visitors' origin, a class of the metric
    origin_list_rx: "regex.Pattern" = field(repr=False)
    index_endings: tuple[str, ...]  # 恒生指数: an index holds no amount of money (in_metric ``index_endings``)
    class_endings: tuple[str, ...]  # 不过夜旅客: a class of people a place counts (in_metric ``class_endings``)
    share_class_after: tuple[str, ...]  # A股|股价: a company's share class (in_metric ``share_class_after``)
    money_only: frozenset[str]  # 外资, 投信: holders of amounts of money only (in_metric ``money_only``)
    partner_before: tuple[str, ...]
    partner_frame_after: tuple[str, ...]
    partner_frame_trade: tuple[str, ...]
    partner_after: tuple[str, ...]
    partner_direct: tuple[str, ...]  # 美国订单: a place right before these is the partner, with no cue
    partner_share_rx: "regex.Pattern" = field(repr=False)  # 美国占台湾总出口比重: a place taking a share of another's trade
    partner_change_before: tuple[str, ...]  # 对: with these cues a change word marks a partner too
    partner_change: tuple[str, ...]  # 对甲增8%, 对甲、乙分别减
    partner_marks: tuple[str, ...]  # 接自, 输往: a place right after one is a partner, whatever follows
    partner_roles: tuple[str, ...]  # (成为最大)出超国, 出口市场: a place its clause calls so is a partner
    short_partner_rx: "regex.Pattern" = field(repr=False)  # 对美出超: a partner by one character, its group p
    short_partners: dict[str, str] = field(repr=False)  # 美 -> 美国
    partner_context: tuple[str, ...]  # 主要供应地中, 主要市场: a place after these in the sentence is a partner
    partner_context_investing: tuple[str, ...]  # 投资, 公司: ... unless its sentence measures investment or firms
    partner_ranked_after: tuple[str, ...]  # 居次, 居首: a place ranked after the context its paragraph named
    goods_rx: "regex.Pattern" = field(repr=False)  # 整体出口货值, 进口货值: the trade a frame names
    frame_cue_rx: "regex.Pattern" = field(repr=False)  # 输往, 来自, 对: the partner cue of a trade frame
    change_nouns: dict = field(repr=False)  # 升 -> 升幅: the noun of a bracket's change word
    change_word_rx: "regex.Pattern" = field(repr=False)  # any of change_nouns' words (…均上升：甲（x%）、乙（y%）)
    # 对甲、乙与丙分别增: a list of partners after a cue, distributed (groups cue, items, goods, pred)
    partner_each_rx: "regex.Pattern" = field(repr=False)
    role_nouns: dict = field(repr=False)  # 出超国 -> 出超: the trade a partner's role names
    main_rx: "regex.Pattern" = field(repr=False)  # 以甲为大宗 at a clause's end (group p: the partner)
    share_item_rx: "regex.Pattern" = field(repr=False)  # (其次为)乙占 before a share (group p: the place)
    partner_trade_rx: "regex.Pattern" = field(repr=False)  # 对甲出口值: a cue, a partner and a trade
    compared_list_rx: "regex.Pattern" = field(repr=False)  # 领先甲、乙 / 对甲、乙 ending a phrase: a compared list
    role_rx: "regex.Pattern" = field(repr=False)  # any role of role_nouns
    baseline_before: tuple[str, ...]
    baseline_periods: tuple[str, ...]  # 高出[同期]全国…: the period between a baseline's cue and its name
    benchmark_before: tuple[str, ...]  # 同期全国…: a whole beside the piece's place, never a carried subject
    benchmark_after: tuple[str, ...]  # 全国|则为…: a whole (in_metric ``wholes``) the sentence contrasts
    agent_verbs: tuple[str, ...]
    antecedent_cues: tuple[str, ...]
    not_pronoun: tuple[str, ...]
    antecedent_lead_ins: tuple[str, ...]  # 数据显示其…: what shows the figure before the pronoun (metrics.yaml statement_lead_ins)
    speaker_cues: tuple[str, ...]  # 公司/集团 opening a clause after 甲…表示: the speaker's organisation
    first_person: tuple[str, ...]  # 我们: a quotation speaking for the speaker's organisation
    maker_before: tuple[str, ...]  # 由甲与乙共同打造: a maker is no antecedent of 其
    shown_rx: "regex.Pattern" = field(repr=False)  # 展出X (at the end of a clause): X is what 其 refers to
    speech_rx: "regex.Pattern" = field(repr=False)  # 说, 表示: the verb after a quotation's speaker
    demonstrative_rx: "regex.Pattern" = field(repr=False)  # 这家企业, 该中心, 这座园区
    joiners: frozenset[str]  # metrics.yaml list_joiners: 18毫秒、21毫秒和26毫秒
    list_gap: "regex.Pattern" = field(repr=False)  # between two names of a list: 、 or 甲（增长3%）和
    partner_list: "regex.Pattern" = field(repr=False)  # 对甲、乙 / 来自甲及乙: a later item of a partner list
    class_rx: "regex.Pattern" = field(repr=False)
    # 其中, 当中 opening a clause (metrics.yaml part_cues): the classes after it are parts of a whole named before
    part_rx: "regex.Pattern" = field(repr=False)
    counted_rx: "regex.Pattern" = field(repr=False)
    ranked_rx: "regex.Pattern" = field(repr=False)  # 甲新城是全省…最集中的区域之一
    place_before: "regex.Pattern" = field(repr=False)  # 全省 before a counted class
    place_words: tuple[str, ...] = ()  # 全省, 全市…: a class right after one is the place's (contrasted_class place_words)
    class_head_words: frozenset = frozenset()  # 企业, 厂商…: a class's heads alone (contrasted_class heads)
    customer_after: tuple[str, ...] = ()  # 客户…: a class right before one is a company's customers (contrasted_class)
    class_not_openers: tuple[str, ...] = ()  # 全年培育企业…: a time opening the words, a verb and its object after it
    whole_places: frozenset[str] = frozenset()  # segment_place never applies to these (中国, 全球)
    whole_results: tuple[str, ...] = ()  # ... unless the company's own results follow (全球销售收入)
    self_places: tuple[str, ...] = ()  # 本港, 全港: the territory the piece is written in, never a segment (segment_place)
    # 香港的能源业务: a place with 的 and a business after it is the company's segment still (segment_place segment_words)
    segment_after_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    industry_after_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 台湾|半导体产业: the place's
    # 全球|智能手机出货量 in a company's results: the company's own shipments of a product, worldwide (its segment)
    whole_own_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    whole_own_places: frozenset = frozenset()  # (全球: the world alone; 中国智能手机出货量 in a results piece stays the market's)
    whole_own_sources: tuple[str, ...] = ()  # (据某机构统计，全球…出货量: the market's, as a source reports it)
    business_after_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 本港|能源业务: a segment
    # (两家省属企业及[甲公司]: a counted class of firms, then a name joined to it; a gazetteer group joined to a
    # company is one joint holder instead: entities._merge_joined_group)
    class_joined_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 全国, 全球: wholes; a place that is none of them right before 占比/比重 (我国占比达x) holds its own share
    wholes: frozenset[str] = frozenset()
    segment_frames: tuple[str, ...] = ()  # 公司在香港的…: a place after one of these is the company's segment even before 的
    org_heads: frozenset[str] = frozenset()  # 企业, 公司: a demonstrative with one stands for an organisation
    country_heads: frozenset[str] = frozenset()  # 国: a demonstrative with one (该国) stands for a country
    no_countries: frozenset[str] = frozenset()  # places no 该国 stands for: provinces, cities, counties, the world
    site_heads: tuple[str, ...] = ()  # 该住宅地 -> the nearest site named before (…住宅官地, …地皮)
    site_pronoun_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 该地 (not 该地区)
    site_of_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 乙街的土地: a site (x, h)
    product_end_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # …服务器: a product class ends it
    site_cue_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 标价, 成交价: a land sale's figure
    within: tuple[str, ...] = ()  # 集群内: the head before it stands for the named whole
    # (any of ``agent_verbs``, as one search: read per candidate)
    agent_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    party_before: tuple[str, ...] = ()  # 批予甲, 售予乙: the grantee or buyer of the deal
    own_report_cues: frozenset = frozenset()  # 发布 before the company's own report (三季报): no agent
    # 集团已着手建设甲IDC第二期: a builder's verb right before the named facility it builds (agent ``builds``)
    build_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 远高于乙的5%: the text between a baseline and a figure of its own (baseline ``own_figure``)
    baseline_own_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 高于全国18.1个的平均值: what follows a baseline's own figure written right after it (baseline ``own_figure_after``)
    baseline_own_after_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 是乙的3倍, 接近甲与乙之和的1.3倍: a multiple's baseline, the text right after it (baseline ``multiple_after``)
    baseline_multiple_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    winner_ref_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 中标公司, 中标者: the winner
    described_types: frozenset[str] = frozenset()  # 总面积…的甲用地: the kinds of name a value after 的 describes
    described_gap: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    allocation_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 预留(约): an allocation's verb
    recipient_cues: tuple[str, ...] = ()  # 予, 让, 提升: what introduces an allocation's recipient
    recipient_before: tuple[str, ...] = ()  # 向甲注资: a recipient before the verb
    allocation_verbs: tuple[str, ...] = ()
    spend_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 发债(约): a spending verb
    spenders: dict = field(default_factory=dict, repr=False)  # region -> (its place, its government)
    spend_reach: int = 0  # how far before a value its spending verb may stand (the longest verb + 2)
    spend_origins: tuple[str, ...] = ()  # 从甲基金转拨: the word before the fund an amount comes from
    # 甲市、乙市、丙市3个节点: a count of the names listed right before it, then a class noun (group n: the count)
    enumeration_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 东部地区占全国…的x: a place's share of the whole it is part of (in_metric ``wholes``) is its own
    part_of_whole_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    whole_rank_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 全国排第13位: a rank's whole
    whole_rank_before: tuple[str, ...] = ()  # 位居|全国…首位: a whole after a verb of ranking
    # 承载了|全国|1/9的用户, 链接|全国|120多万家企业: a whole between a verb and its object's figure scopes the object
    whole_object_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    breakdown_openers: tuple[str, ...] = ()  # 分领域看，…: a sentence breaking the whole down (superseded ``breakdown_openers``)
    # 完成甲基地及乙基地建设: a name after a verb opening its clause is the verb's object (superseded ``object_verbs``)
    object_open_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # (鼓励甲云扩大布局，…收入增长x: the one a clause's opening verb supports holds nothing of the later clauses)
    beneficiary_open_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 36家光模块企业营收合计x: a clause opening with a counted group of firms (superseded ``counted_group_open``)
    counted_group_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 工信部数据显示，…: a reporting body's report opens a new subject (superseded ``agency_report``)
    agency_report: bool = False
    budget_holders: frozenset[str] = frozenset()  # 經濟部: holders of their own budgets only (in_metric ``budget_holders``)
    budget_words: tuple[str, ...] = ()  # 预算, 经费, 编列: what a ministry's own figure is (in_metric ``budget_words``)
    class_open_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 传统数据中心楼底高…: a class opens
    # 影响全球成长, 全球需求疲弱: the world as the setting of an earlier sentence (a world word before one of
    # its nouns), no subject that sentence passes on
    setting_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    class_setting_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    # 歐洲地區元月接單x, 日本元月接單y: a place before a month and the orders it placed (trade_partner orders_after)
    partner_orders_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    partner_orders_later_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)
    orders_holders: frozenset[str] = frozenset()  # (台灣11月外銷訂單: the place that takes the orders, no partner)
    org_ranked: tuple[str, ...] = ()  # (戴尔排名第三，…: a company before its rank is ranked, it holds)
    driven_openers: tuple[str, ...] = ()  # (…，带动乙类指数上涨x: the clause measures what the clause before drove)
    cause_subject_rx: "regex.Pattern" = field(default=regex.compile("(?!)"), repr=False)  # 因甲大涨: a name after 因


_SENTENCE_REST = regex.compile(r"[^。！？!?\n]{0,60}")  # (the rest of a sentence a partner is read in, bounded)
_PARTNER_OF = regex.compile(r"(?:[与和及、]\p{Han}{1,6}?)*的[\d０-９]")  # 对中国与香港的26.6%: a partner's figure

#: jieba's tags of the words of a kind of thing (轻型|汽车: a distinguishing word and common nouns), never of a name
_CLASS_TAGS = frozenset(("b", "n", "vn", "a", "an"))


def _overlaps(s: int, e: int, cands) -> bool:
    """Does the half-open span [s, e) overlap any of ``cands``?"""
    return any(c.start < e and s < c.end for c in cands)


def _any_of(words: tuple[str, ...]) -> "regex.Pattern":
    """A pattern that finds any of ``words`` in a text (``any(w in text for w in words)``)."""
    return regex.compile("|".join(map(regex.escape, words)) or "(?!)")


def attribution_rules(rules: Rules) -> AttributionRules:
    data = rules.raw["attribution"]
    by_feature = {e["feature"]: e for e in data["features"]}

    def words(feature: str, key: str = "cues") -> tuple[str, ...]:
        return tuple(sorted(by_feature.get(feature, {}).get(key, []), key=len, reverse=True))

    heads = "|".join(regex.escape(h) for h in words("contrasted_class", "heads")) or "(?!)"
    places = "|".join(regex.escape(h) for h in words("contrasted_class", "place_words")) or "(?!)"
    rank = "|".join(regex.escape(h) for h in words("in_metric", "rank_words")) or "(?!)"
    joiners = frozenset(rules.raw["metrics"]["list_joiners"])
    alt = lambda ws: "|".join(map(regex.escape, ws)) or "(?!)"  # noqa: E731 - ws longest first
    short_partners = dict(by_feature.get("trade_partner", {}).get("short_partners", {}))  # (美 -> 美国)
    # a trade partner's cue (对, 输往, 来自) and the trades (出口货值, 进口): the trade metrics' patterns
    cue_alt = alt(words("trade_partner", "marks") + words("trade_partner", "change_before"))
    goods_alt = alt(words("trade_partner", "goods"))
    return AttributionRules(
        weights={e["feature"]: float(e["weight"]) for e in data["features"]},
        default_score=float(data["default_score"]),
        metric_words=words("in_metric"),
        metric_not=words("in_metric", "not_cues"),
        metric_before=words("in_metric", "cues_before"),
        rank_before=words("in_metric", "rank_before") + words("in_metric", "whole_rank_before"),
        part_of_whole_rx=regex.compile("占(?:据|有)?了?(?:" + ("|".join(map(regex.escape, words("in_metric", "wholes"))) or "(?!)") + ")"),
        class_open_rx=stdlib_first(r"[^，,；;。：:]{0,12}?(?:" + alt(words("superseded", "class_heads")) + ")(?!"
                                    + alt(words("superseded", "class_not_before")) + ")"),
        whole_rank_rx=stdlib_first(whole_rank_pattern(rules)),
        whole_rank_before=words("in_metric", "whole_rank_before"),
        whole_object_rx=regex.compile("(?:" + alt(words("in_metric", "whole_object_before")) + ")了?(?:"
                                      + alt(words("in_metric", "wholes")) + r")(?=[约近逾超]?\d|[一二两三四五六七八九十百千]+(?:分之|成))"),
        breakdown_openers=words("superseded", "breakdown_openers"),
        counted_group_rx=regex.compile(by_feature.get("superseded", {}).get("counted_group_open") or "(?!)"),
        object_open_rx=regex.compile(r"[\s\-•·－—]*(?:已|正|已经|正在|并|还|也|同时|相继|陆续|先后|加快|全力|积极)?(?:"
                                     + alt(words("superseded", "object_verbs")) + ")了?"),
        beneficiary_open_rx=regex.compile(r"\s*(?:大力|积极|继续|全力|加快|重点|着力)?(?:"
                                          + alt(words("superseded", "beneficiary_verbs")) + ")"),
        agency_report=bool(by_feature.get("superseded", {}).get("agency_report")),
        rank_rx=regex.compile("|".join(map(regex.escape, words("in_metric", "rank_words"))) or "(?!)"),
        rank_after_rx=stdlib_first(by_feature.get("in_metric", {}).get("rank_after", "(?!)")),
        counted_after_rx=regex.compile(by_feature.get("in_metric", {}).get("counted_after", "(?!)")),
        whole_share_rx=regex.compile(by_feature.get("in_metric", {}).get("whole_share_after", "(?!)")),
        # (中国内地(x元)及香港(y元)旅客: each place's own figure in brackets before the visitors)
        origin_list_rx=regex.compile(r"(?:" + _FIG_BR + r")?(?:(?:(?:" + alt(sorted(joiners, key=len, reverse=True)) + r")\p{Han}{1,6}?(?:"
                                     + _FIG_BR + r")?)+|" + _FIG_BR + ")(?:"
                                     + alt(sorted(rules.raw["metrics"]["list_origin_heads"], key=len, reverse=True)) + ")"),
        index_endings=tuple(words("in_metric", "index_endings")),
        class_endings=tuple(words("in_metric", "class_endings")),
        share_class_after=tuple(words("in_metric", "share_class_after")),
        money_only=frozenset(words("in_metric", "money_only")),
        budget_holders=frozenset(words("in_metric", "budget_holders")),
        budget_words=words("in_metric", "budget_words"),
        partner_before=words("trade_partner", "cues_before"),
        partner_frame_after=words("trade_partner", "frame_after"),
        partner_frame_trade=words("trade_partner", "frame_trade"),
        partner_after=words("trade_partner", "cues_after"),
        partner_change_before=words("trade_partner", "change_before"),
        partner_change=words("trade_partner", "change_after"),
        partner_marks=words("trade_partner", "marks"),
        partner_roles=words("trade_partner", "roles"),
        short_partner_rx=regex.compile("(?:" + alt(words("trade_partner", "short_partner_before")) + ")(?P<p>"
                                       + alt(tuple(short_partners)) + ")(?=" + alt(words("trade_partner", "cues_after")) + ")"),
        short_partners=short_partners,
        partner_context=words("trade_partner", "context"),
        partner_context_investing=words("trade_partner", "context_investing"),
        partner_ranked_after=tuple(words("trade_partner", "ranked_after")),
        partner_direct=words("trade_partner", "direct_after"),
        partner_share_rx=regex.compile(by_feature.get("trade_partner", {}).get("share_of") or "(?!)"),
        partner_orders_rx=regex.compile(by_feature.get("trade_partner", {}).get("orders_after") or "(?!)"),
        partner_orders_later_rx=regex.compile(by_feature.get("trade_partner", {}).get("orders_later") or "(?!)"),
        orders_holders=frozenset(words("trade_partner", "orders_holders")),
        goods_rx=regex.compile(goods_alt),
        frame_cue_rx=regex.compile(cue_alt),
        change_nouns=dict(by_feature.get("trade_partner", {}).get("change_nouns", {})),
        change_word_rx=regex.compile(alt(sorted(by_feature.get("trade_partner", {}).get("change_nouns", {}), key=len, reverse=True))),
        partner_each_rx=regex.compile(
            # (对应, 对比, 对于, 对外: words, no partner's cue)
            "(?<![针相面绝反核])(?P<cue>{c})(?!应|比|于|外|照|标|接|冲|称)(?P<items>[^，,；;。（()）]+?)(?P<goods>{g})?(?:{e})(?P<pred>\\p{{Han}}{{0,4}})$".format(
                c=cue_alt, g=goods_alt, e=alt(words("trade_partner", "each")))),
        role_nouns=dict(by_feature.get("trade_partner", {}).get("role_nouns", {})),
        compared_list_rx=regex.compile(f"(?:{cue_alt}|{alt(words('baseline', 'cues_before'))})"
                                       r"[^、，,；;]{1,6}(?:、[^、，,；;]{1,6})+$"),
        partner_trade_rx=regex.compile(f"(?:{cue_alt})\\p{{Han}}{{1,8}}?(?:{goods_alt})"),
        main_rx=stdlib_first(f"以(?P<p>\\p{{Han}}{{1,8}}?)(?:{alt(words('trade_partner', 'main'))})(?=[，,；;])"),
        share_item_rx=regex.compile(f"(?:{alt(words('trade_partner', 'next'))})?(?P<p>[\\p{{Han}}、]{{0,10}}?)占"
                                    "(?:约|近|逾|超过)?"),
        role_rx=stdlib_first(_any_of(tuple(sorted(by_feature.get("trade_partner", {}).get("role_nouns", {}), key=len,
                                                  reverse=True))).pattern),
        baseline_before=words("baseline", "cues_before"),
        baseline_periods=words("baseline", "periods_between"),
        benchmark_before=words("baseline", "benchmark_before"),
        benchmark_after=tuple(words("baseline", "benchmark_after")),
        agent_verbs=words("agent"),
        agent_rx=stdlib_first(_any_of(words("agent")).pattern),
        party_before=words("agent", "cues_before"),
        own_report_cues=frozenset(words("agent", "own_report_cues")),
        baseline_own_rx=regex.compile(by_feature.get("baseline", {}).get("own_figure", "(?!)")),
        baseline_own_after_rx=regex.compile(by_feature.get("baseline", {}).get("own_figure_after", "(?!)")),
        baseline_multiple_rx=regex.compile(by_feature.get("baseline", {}).get("multiple_after", "(?!)")),
        # (甲与乙合作建置「X」, 甲联合乙建成X: the partner named between the builder and its verb builds too)
        build_rx=regex.compile(r"(?:(?:与|和|同)[^，,；;。：:]{1,8}?(?:合作|携手|联手|共同)|(?:联合|携手|联手|会同)"
                               r"[^，,；;。：:]{1,10}?)?(?:在[^，,；;。：:]{2,10}?)?[^，,；;。：:]{0,4}?(?:"
                               + _any_of(words("agent", "builds")).pattern + r")的?[「“『\"]?"),
        winner_ref_rx=_any_of(words("agent", "winner_refs")),
        described_types=frozenset(by_feature.get("described", {}).get("types", [])),
        described_gap=regex.compile(by_feature.get("described", {}).get("gap", "(?!)")),
        allocation_rx=regex.compile("(?:" + _any_of(words("recipient", "verbs")).pattern + r")\p{Han}{0,2}$"),
        recipient_cues=words("recipient"),
        recipient_before=words("recipient", "cues_before"),
        allocation_verbs=words("recipient", "verbs"),
        spend_rx=regex.compile("(?:" + _any_of(words("recipient", "spend_verbs")).pattern + r")\p{Han}{0,2}$"),
        spenders={r: (e["place"], e["government"]) for r, e in by_feature.get("recipient", {}).get("spenders", {}).items()},
        spend_reach=max(map(len, words("recipient", "spend_verbs")), default=0) + 2,
        spend_origins=tuple(words("recipient", "origins")),
        enumeration_rx=stdlib_first(r"(?<!\d)(?P<n>\d{{1,2}}|[两二三四五六七八九十])(?:{m})(?=\p{{Han}})".format(
            m=_any_of(words("enumerated", "measures")).pattern)),
        setting_rx=regex.compile("(?:{p})(?:{b})(?:{n})".format(p=_any_of(words("world_setting", "places")).pattern,
                                                               b=by_feature.get("world_setting", {}).get("between", ""),
                                                               n=_any_of(words("world_setting", "nouns")).pattern)),
        class_setting_rx=_any_of(words("world_setting", "class_nouns")),  # (中国品牌: a class, no subject later)
        driven_openers=words("cause", "driven_openers"),
        org_ranked=words("in_metric", "org_ranked"),
        cause_subject_rx=regex.compile(f"(?:{alt(words('cause', 'cause_subject_before'))})$"),
        antecedent_cues=words("antecedent"),
        not_pronoun=words("antecedent", "not_pronoun"),
        antecedent_lead_ins=tuple(rules.raw["metrics"]["statement_lead_ins"]),
        speaker_cues=words("antecedent", "speaker_cues"),
        first_person=words("quote_speaker", "first_person"),
        maker_before=words("antecedent", "not_after"),
        shown_rx=regex.compile("(?:" + ("|".join(map(regex.escape, words("antecedent", "object_verbs"))) or "(?!)")
                               + r")了?(?P<obj>[\p{Han}A-Za-z0-9]{2,14})$"),
        speech_rx=regex.compile("(?:" + ("|".join(map(regex.escape, words("quote_speaker", "speech_verbs"))) or "(?!)") + ")[。，,]"),
        org_heads=frozenset(words("antecedent", "demonstrative_org_heads")),
        country_heads=frozenset(words("antecedent", "demonstrative_country_heads")),
        no_countries=frozenset(e["name"] for e in rules.raw["entities"]["entities"]
                               if e["id"].startswith(("ent.province", "ent.city", "ent.county", "ent.sar")))
        | {rules.raw["entities"].get("global_lead", {}).get("holder")},
        site_heads=words("antecedent", "site_heads"),
        site_pronoun_rx=regex.compile(by_feature.get("antecedent", {}).get("site_pronoun", "(?!)")),
        site_of_rx=regex.compile(by_feature.get("antecedent", {}).get("site_of", "(?!)")),
        product_end_rx=regex.compile("(?:" + _any_of(tuple(sorted((w for e in data.get("names", [])
                                                                  for w in e.get("product_classes", [])),
                                                                 key=len, reverse=True))).pattern + ")$"),
        site_cue_rx=_any_of(words("site_before")),
        within=words("antecedent", "within"),
        demonstrative_rx=regex.compile("(?:{d})(?P<h>{h}|{n})|(?:{dd})(?P<desc>[^，,。；;、：:“”]{{1,12}}?的)(?P<h>{h})"
                                       "|(?P<h>{h})(?:{c})".format(
            d="|".join(map(regex.escape, words("antecedent", "demonstratives"))) or "(?!)",
            dd="|".join(map(regex.escape, words("antecedent", "described_demonstratives"))) or "(?!)",
            h="|".join(map(regex.escape, words("antecedent", "demonstrative_heads"))) or "(?!)",
            n="|".join(map(regex.escape, words("antecedent", "demonstrative_country_heads"))) or "(?!)",  # (国内: no 国)
            c="|".join(map(regex.escape, words("antecedent", "within"))) or "(?!)")),
        joiners=joiners,
        whole_places=frozenset(by_feature.get("segment_place", {}).get("except", [])),
        whole_results=words("segment_place", "except_not_before"),
        self_places=words("segment_place", "self_words"),
        wholes=frozenset(words("in_metric", "wholes")),
        class_joined_rx=regex.compile(GROUP_COUNT + r"\p{Han}{0,8}?(?:" + heads + ")(?:以)?(?:" + "|".join(CLASS_JOINERS) + ")$"),
        segment_frames=words("segment_place", "frames"),
        segment_after_rx=regex.compile(r"的\p{Han}{0,4}?(?:" + alt(words("segment_place", "segment_words")) + ")"),
        business_after_rx=regex.compile(r"的?\p{Han}{0,4}?(?:" + alt(words("segment_place", "segment_words")) + ")"),
        industry_after_rx=regex.compile(r"\p{Han}{0,6}?(?:" + alt(words("segment_place", "industry_words")) + ")"),
        whole_own_places=frozenset(words("segment_place", "whole_own_places")),
        whole_own_sources=words("segment_place", "whole_own_not_after"),
        whole_own_rx=regex.compile(r"\p{Han}{0,6}?(?:" + alt(words("segment_place", "whole_own_after")) + ")")
        if words("segment_place", "whole_own_after") else regex.compile("(?!)"),
        list_gap=regex.compile(r"^(?:[（(][^（()）]{0,30}[)）])?(?:"
                               + "|".join(map(regex.escape, sorted(joiners, key=len, reverse=True))) + ")$"),
        # (never 进出口, the whole trade, nor across a colon: 外贸进出口主要特点：甲、乙、丙三市… are no partners)
        partner_list=regex.compile("(?<!进)(?P<cue>" + "|".join(map(regex.escape, words("trade_partner", "cues_before")
                                                                       + words("trade_partner", "marks")))
                                   + r")(?:[^，,。；;：:、及和与（(]{1,12}(?:[（(][^（()）]{1,16}[)）])?[、及和与])+$"),  # (产自甲(x)及乙: a figure in brackets after an item)
        # a class of organisations at the start of a clause: 国有企业, 白牌厂商
        part_rx=regex.compile("(?:^|(?<=[，,；;：:。！？\n]))(?:" + _any_of(tuple(rules.raw["metrics"]["part_cues"])).pattern + ")"),
        # (而私营企业…: a conjunction opening the clause is no part of the class)
        class_rx=ClausePattern(regex.compile(rf"(?:^|(?<=[，,；;：:。]))(?:(?:其中|同时|另外)[，,]?|而|但)?(?P<c>\p{{Han}}{{1,10}}?(?:{heads}))(?=[^，,；;。]*\d)")),
        # a counted class as a clause's subject: (全省)3家基础电信企业完成…收入
        ranked_rx=ClausePattern(regex.compile(rf"(?:^|(?<=[，,。；;：:]))(?P<x>\p{{Han}}{{2,10}}?)(?:是|为|成为)(?:{places})"
                                              rf"[^，,。；;]{{0,12}}?(?:{rank})")),
        # (a few firms opening the clause, after a place's scope word at most: not 已在187家医疗机构使用)
        # (4大CSP业者, 四大云厂商: the big ones counted with 大, a Latin word among them)
        counted_rx=regex.compile(rf"(?:^|(?<=[，,；;：:。]))(?:其中[，,]?)?(?:{places})?[一二两三四五六七八九\d]大"
                                 rf"(?P<c>[\p{{Han}}A-Za-z]{{1,8}}?(?:{heads}))"),
        place_words=words("contrasted_class", "place_words"),
        class_head_words=frozenset(words("contrasted_class", "heads")),
        customer_after=words("contrasted_class", "customer_after"),
        class_not_openers=words("contrasted_class", "not_openers"),
        place_before=regex.compile("(?:" + places
                                   + r")[^，,；;：:。]{0,2}?(?:[一二两三四五六七八九十\d]+)$"),
    )


# (and the figure before a revision: 5.54%（原为5.45%）, 1.08%（原统计为1.12%）, 5.27%（4.84%）)
_GLOSS_OPEN = regex.compile(r"[（(](?:约|约为|约是|约合|相当于|即|折合|合|原(?:统计|先|估计?|预估|预测|本)?为?(?=[\d约])"
                            r"|(?=[-+]?\d[\d.,]*\s?[%％]\s?[)）]))")


def closed_gloss(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The glossing brackets (（约是甲的1.6倍）, （相当于…）, （约合…）) that open and close in text[lo:hi]: a name
    inside one glosses the figure before it and holds nothing after it."""
    out = []
    for m in _GLOSS_OPEN.finditer(text, lo, hi):
        close = min((i for i in (text.find("）", m.end(), hi), text.find(")", m.end(), hi)) if i >= 0), default=-1)
        if close >= 0:
            out.append((m.start(), close))
    return out


# (我国占比达x, 北美市场占比达x: a part's share of a whole named before, its own; 全球市场份额 is the whole's: in_metric)
_SHARE_WORDS = ("占比", "比重", "市场占比", "市场份额", "市场占有率")


def clause_at(clauses: list[tuple[int, int]], pos: int) -> int | None:
    """The index of the first clause of ``clauses`` holding ``pos`` (a <= pos <= b), or None: by
    bisection, as the clauses (facts.clauses_of's) are in text order, their starts and ends rising."""
    i = bisect_left(clauses, pos, key=_END)
    return i if i < len(clauses) and clauses[i][0] <= pos else None


class Attributor:
    def __init__(self, rules: Rules):
        self.ar = attribution_rules(rules)
        # 高于甲的x、乙的y: the later names of a list after a comparison's cue (:meth:`compared`)
        # (高于甲工业和乙同行业平均水平x和y: a later item after another joiner too, with no figure between the cue and it)
        self.list_joiners = tuple(sorted(self.ar.joiners, key=len, reverse=True))  # (metrics.yaml list_joiners)
        self.baseline_list_rx = regex.compile(
            "(?:" + "|".join(map(regex.escape, self.ar.baseline_before)) + r")(?:[^，,；;。]*、|[^\d，,；;。]{1,12}(?:"
            + "|".join(map(regex.escape, (j for j in self.list_joiners if j != "、"))) + "))$")
        self.rank_holder_rx = regex.compile(rules.raw["metrics"]["rank_frame"]["holder"])
        self.rank_opener_rx = regex.compile(rules.raw["metrics"]["rank_frame"]["opener"])  # (甲排名第四，市场份额…)
        self.names = NameRules(rules)
        self.partner_list_needs = guard(self.ar.partner_list.pattern, False)  # (what the text before a listed partner holds)
        # (_partner: the cues in their order, read once; the role and context words in one pattern each, found
        # where ``any(w in text for w in words)`` finds one: rules.py allows no empty word)
        self.partner_cues = self.ar.partner_marks + self.ar.partner_before
        self.partner_roles_rx = stdlib_first(_any_of(self.ar.partner_roles).pattern)
        self.partner_context_rx = stdlib_first(_any_of(self.ar.partner_context).pattern)
        # (the place may be the first of two ranked together: 中国大陆及香港居次)
        self.partner_ranked_rx = regex.compile(r"(?:[及与和、]\p{Han}{1,6}?)?(?:" + _any_of(self.ar.partner_ranked_after).pattern + ")")
        # (对X方面，…出口…: a trade word later in the sentence makes the frame a trade's partner)
        self.partner_frame_trade_rx = regex.compile(
            r"[^。！？!?\n]*?(?:" + "|".join(map(regex.escape, self.ar.partner_frame_trade)) + ")" if self.ar.partner_frame_trade else "(?!)")
        self.lists = ListReader(rules, self.names)  # lists that distribute: their items, holders or metric parts
        # names joined by list joiners (甲、乙和丙): what a bracket of appositions holds
        self._bracket_names_rx = regex.compile(r"{i}(?:(?:{j}){i})*".format(i=_ENUM_ITEM.pattern, j=self.lists.split_rx.pattern))
        # 電子業今年營收…, IC設計業產值…, IC製造業為…: an industry opening a clause with its results, or a figure
        # (attribution.yaml attr.name.industry_subject)
        names = rules.raw["attribution"].get("names", [])
        endings, self.industry_not = industry_words(rules)
        subj = rules.raw["entities"].get("results_subject", {})
        results = subj.get("words", []) + [w for e in names for w in e.get("metric_words", [])]
        self.industry_rx = regex.compile(
            r"(?:^|(?<=[，,；;。：:\s]))(?P<ind>[\p{{Han}}A-Za-z0-9]{{0,8}}?(?:{e}))(?:{t}){{0,3}}(?:{w}|为|达到|达)".format(
                e=_any_of(tuple(sorted(endings, key=len, reverse=True))).pattern,
                t="|".join(subj.get("times", [])) or "(?!)",
                w=_any_of(tuple(sorted(set(results), key=len, reverse=True))).pattern))
        self.sample_rx = regex.compile(rules.raw["entities"].get("sample_frame") or "(?!)")  # (entities.yaml sample_frame)
        # 台電尖峰負載…: an operator's figures of the system it runs hold for its place (attr.name.grid_operator):
        # operator -> (system words, its own words)
        self.system_operators = {op: (tuple(e.get("system_metrics", [])), tuple(e.get("own_metrics", [])))
                                 for e in names for op in e.get("operators", [])}

    # ------------------------------------------------------------- candidates
    def class_candidates(self, text: str, sentences: list[tuple[int, int]], si: int, known: list[Candidate],
                         tokens) -> list[Candidate]:
        """Classes of organisations in sentence ``si`` that hold values of their own: contrasted
        with another class in the sentences around it (其中，国有企业…；民营企业…) or introduced
        with examples (白牌厂商（如甲、乙）).  Only the neighbouring sentences decide, so a
        window of a long paragraph decides as the whole paragraph does."""
        lo, hi = sentences[max(0, si - 1)][0], sentences[min(len(sentences) - 1, si + 1)][1]
        found = []
        placed: set[str] = set()
        starts = verbs = None
        for m in self.ar.class_rx.finditer(text, lo, hi):
            if starts is None:  # (read at the first class found: most windows have none)
                # only the tokens starting in [lo, hi) can start or hold a class found there
                # (tokens are in text order: a slice, not the whole paragraph's per sentence)
                near = tokens[bisect_left(tokens, lo, key=_token_start):bisect_left(tokens, hi, key=_token_start)] if tokens else ()
                starts = {s for _, _, s, _ in near}
                verbs = [(s, e) for _, t, s, e in near if t[:1] == "v" and t != "vn"]
            s, e = m.span("c")
            if (tokens is not None and s not in starts) or any(a == s or (s <= a < e and a - s < 2) for a, _ in verbs) \
                    or text.startswith(self.ar.class_not_openers, s):
                continue  # 惠及中小企业: a verb and its object, not a class (全年培育企业…: a time, then a verb and its object)
            if any(k.start == e and k.type == "ORG" and k.named for k in known):
                continue  # 网络设备龙头企业甲乙: the class describes the company named right after it, which holds
            if text.startswith(self.ar.customer_after, e):
                continue  # 大型企业客户业务收入: a company's customers of that class, a segment of its business
            if text.startswith(self.ar.place_words, s):
                # 全市规模以上民营工业企业增加值…: the place's class, the place holds (contract 1a); it still contrasts
                # the classes beside it, but not itself named again without its place (全国规模以上工业企业…。规模以上工业企业…)
                placed.add(text[s:e][next(len(w) for w in self.ar.place_words if text.startswith(w, s)):])
                continue
            place = next((k for k in known if k.start == s and k.type == "GPE" and k.end < e - 1 and not k.scope_word), None)
            if place is not None and text[place.end:e] in self.ar.class_head_words:
                continue  # 台湾厂商: the place's firms, no class of their own (the place holds)
            if place is not None:
                s = place.end  # 甲省民营企业…。同期，甲省外商投资企业…: the class its place's name opens (the place's own
                # classes contrasted: each holds; one class of two places, 甲省电子企业…乙省电子企业, contrasts nothing)
            found.append((s, e, EXAMPLE_BRACKET.match(text, e) is not None))
        a, b = sentences[si]
        names = {text[s:e] for s, e, _ in found} | placed  # (the whole a 其中 divides still contrasts its parts)
        if found:
            found = self._without_whole(text, found, lo, hi)
        out = [Candidate(s, e, text[s:e], "CLASS", "class") for s, e, ex in found
               if a <= s < b and (ex or len(names) >= 2) and not _overlaps(s, e, (
                   k for k in known if not (s <= k.start and k.end <= e and k.origin in ("suffix", "tag"))))]
        for m in self.sample_rx.finditer(text, a, b):  # 在20家算力相关企业中，有11家…: the sample holds its members' counts
            if not _overlaps(m.start("name"), m.end("name"), (c for c in known + out if c.named)):
                out.append(Candidate(m.start("name"), m.end("name"), m.group("name"), "CLASS", "class"))
        for m in self.ar.counted_rx.finditer(text, a, b):  # 3家基础电信企业: a class the sentence counts holds
            s, e = m.span("c")
            if text[s - 1] == "大":
                s -= 2  # 四大云厂商, 4大CSP业者: the big ones counted are the group's name
            if self.ar.place_before.search(text, m.start(), text.rfind("家", m.start(), s)):
                continue  # 全省三家基础电信企业的用户总数: the place's total, the place holds
            same = next((c for c in known if c.start == s and c.end == e), None)
            if same is not None:
                same.origin = "class"  # (a gazetteer class: this document's candidate, marked as counted)
            elif not _overlaps(s, e, (c for c in known + out if c.named)):
                out.append(Candidate(s, e, text[s:e], "CLASS", "class"))
        return out

    def _without_whole(self, text: str, found: list, lo: int, hi: int) -> list:
        """The classes of ``found`` less the whole a later 其中 divides (信息通信企业数量达x。其中，民营企业占比y，
        外资企业数量增长z): a class before a part cue (metrics.yaml ``part_cues``) that opens a later clause naming
        other classes is the subject of a total (its place holds, the class is the metric's), not a contrasted class."""
        parts = [m.end() for m in self.ar.part_rx.finditer(text, lo, hi)]
        if not parts:
            return found

        def after_part(s: int) -> int | None:  # the part cue of s's sentence before it, if any
            p = max((p for p in parts if p <= s), default=None)
            return p if p is not None and not _SENTENCE_END.search(text, p, s) else None

        out = []
        for s, e, ex in found:
            if after_part(s) is None and any(
                    p > s and text[s2:e2] != text[s:e] and after_part(s2) == p for p in parts for s2, e2, _ in found):
                continue  # (the whole a later 其中 divides)
            out.append((s, e, ex))
        return out

    def ranked_candidates(self, text: str, sent: tuple[int, int], known: list[Candidate]) -> list[Candidate]:
        """甲新城是全省数据中心最集中的区域之一: what a sentence ranks within its place is a holder
        (a candidate even when no gazetteer or suffix knows its name)."""
        out = []
        for m in self.ar.ranked_rx.finditer(text, *sent):
            s, e = m.span("x")
            if not _overlaps(s, e, known):
                out.append(Candidate(s, e, m.group("x"), "GPE" if m.group("x")[-1] in "区城市县镇" else "FAC", "ranked"))
        for m in itertools.chain(self.rank_holder_rx.finditer(text, *sent),  # 乙以x%的份额居首 (metrics.yaml rank_frame
                                 self.rank_opener_rx.finditer(text, *sent)):  # holder; 甲排名第四，市场份额…: opener)
            x = self.names.strip_leading(m.group("x"))
            s, e = m.end("x") - len(x), m.end("x")
            if len(x) >= 2 and not self.names.no_name(x) and not _overlaps(s, e, known + out) \
                    and not x.endswith(self.lists.class_heads) and not self.lists.joiners.intersection(x) and "、" not in x:
                # (光学产品以x稳居…首位: a class of goods is part of the metric, no holder)
                out.append(Candidate(s, e, x, "ORG", "ranked"))
        return out

    def demonstrative_candidates(self, text: str, sent: tuple[int, int], known: list[Candidate],
                                 site_before: Candidate | None = None) -> list[Candidate]:
        """这家企业, 该中心, 这座园区, 集群内 in sentence ``sent``: the nearest named holder before it with
        the same head noun in its name (该中心 -> 青川智算中心), for an organisation's head
        (这家企业) else the nearest organisation, for a site's head (该住宅地) the nearest site, else
        ``site_before`` (the last one an earlier paragraph named), as a candidate where the phrase stands."""
        out = []
        for m in self.ar.site_of_rx.finditer(text, *sent):  # 至于乙街的土地…: the site 乙街土地
            s, e = m.span("x")[0], m.end()
            if not _overlaps(s, e, (c for c in known if c.named and c.type != "GPE")):
                out.append(Candidate(s, e, m.group("x") + m.group("h"), "FAC", "site"))
                for c in known:
                    if s <= c.start and c.end <= e:
                        c.modifier = True  # (乙街 of 乙街的土地: a part of the site's name, no holder of its own)
        for m in self.ar.demonstrative_rx.finditer(text, *sent):
            s, e = m.span()
            if m.group("desc"):  # 这家脱胎于甲公司的企业: the name the description holds is no holder of its own
                if _overlaps(m.start("h"), e, (c for c in known if c.named)):
                    continue
                for c in known:
                    if m.start("desc") <= c.start and c.end <= m.end("desc"):
                        c.modifier = True
            elif _overlaps(s, e, (c for c in known if c.named)):
                continue
            if m.group().endswith(self.ar.within):  # 集群内数据中心: 集群内 is no part of a name
                e = s + len(m.group("h"))
            before = [c for c in known if c.end <= s and c.named and not c.in_title and c.type != "CLASS"]
            ref = next((c for c in reversed(before) if m.group("h") in c.name), None) \
                if m.group("h") not in self.ar.country_heads else None  # (该国: no 德国 for its 国)
            if ref is None and m.group("h") in self.ar.site_heads:  # 该住宅地: the nearest site, whatever its head
                ref = next((c for c in reversed(before) if self.is_site(c)), site_before)
            if ref is None and m.group("h") in self.ar.org_heads:  # 这家企业: the nearest organisation
                ref = next((c for c in reversed(before) if not c.source and c.type == "ORG"), None)
            if ref is None and m.group("h") in self.ar.country_heads:  # 该国: the nearest country, also one a
                # reporting body names (a place the gazetteer does not know, 以色列, may be one; a province never is)
                ref = next((c for c in reversed(before) if c.type == "GPE" and not c.scope_word
                            and c.name not in self.ar.no_countries), None)
            if ref is not None:  # (该公司承建的甲数据中心一期: the facility after 的 holds, as after a name)
                mod = _MODIFIER_DE.match(text, e)
                out.append(Candidate(s, e, ref.name, ref.type, "demonstrative", modifier=mod is not None and any(
                    o.start == mod.end() and o.named for o in known)))
        for m in self.ar.site_pronoun_rx.finditer(text, *sent):  # 该地: the nearest site named before
            s, e = m.span()
            if not _overlaps(s, e, known):
                ref = next((c for c in reversed(known) if c.end <= s and self.is_site(c)), site_before)
                if ref is not None:
                    out.append(Candidate(s, e, ref.name, ref.type, "demonstrative"))
        for m in _FORMER_LATTER.finditer(text, *sent):  # 甲、乙等项目进展较快，前者…，后者…
            chain: list[Candidate] = []
            for c in (c for c in known if sent[0] <= c.start and c.end <= m.start() and c.named):
                if chain and not self.ar.list_gap.match(text[chain[-1].end:c.start]):
                    chain = []
                chain.append(c)
            if len(chain) >= 2:
                ref = chain[0] if m.group() == "前者" else chain[-1]
                stop = _CLAUSE_END.search(text, ref.end)
                if self._partner(ref, text, stop.start() if stop else len(text)):
                    continue  # (对甲、乙出口均创新高，其中前者…: a trade's partner, no holder where 前者 stands either)
                out.append(Candidate(m.start(), m.end(), ref.name, ref.type, "demonstrative"))
        return out

    def winner_candidates(self, text: str, known: list[Candidate], winner_before: Candidate | None) -> list[Candidate]:
        """中标公司, 中标者 in a paragraph: the winner of the tender named before it (else ``winner_before``, the
        last an earlier paragraph named), as a candidate where the word stands, in every sentence (a sentence
        with no figure may pass it on: 中标者作出多项承诺，…；首3年投资…)."""
        out = []
        for m in self.ar.winner_ref_rx.finditer(text):
            s, e = m.span()
            ref = next((c for c in reversed(known) if c.end <= s and self.is_winner(c, text)), winner_before)
            same = [c for c in known if c.start < e and s < c.end]
            if ref is None or any(c.named and not c.scope_word and (c.start, c.end) != (s, e) for c in same):
                continue  # (the 公司 of 中标公司 read as the piece's company is the word, no name of its own)
            for c in same:  # (a suffix read 中标公司 as a company or a class: it stands for the winner)
                c.name, c.type, c.origin, c.named = ref.name, ref.type, "winner", True
                c.place_class = c.bare_class = False
            if not same:
                out.append(Candidate(s, e, ref.name, ref.type, "winner"))
        return out

    def is_winner(self, c: Candidate, text: str) -> bool:
        """The winner of a tender or grant (由甲公司以5亿元投得, 批予甲公司, 甲公司投得): what 中标公司 stands for."""
        if not c.named or c.type != "ORG" or c.source or c.origin == "winner":
            return False
        before = text[max(0, c.start - 4):c.start]
        return before.endswith(self.ar.party_before) or self.names.winner_verb_rx.match(text, c.end) is not None \
            or self._won_by(text, c)

    def _won_by(self, text: str, c: Candidate) -> bool:
        """由甲集团以12亿元夺地, 由甲置业伙拍乙集团…，力压其余财团夺标: ``c`` after a winner's cue (由, a few
        characters before it in its clause: a name the finder starts late) with a winner's verb later in its sentence."""
        return self.names.winner_cue_rx.search(text, max(0, c.start - 12), c.start) is not None \
            and self._wins_later(text, c.end)

    def winner_verb_after(self, text: str, at: int):
        """The first winner's verb after ``at`` in its sentence (由甲财团以16亿元，力压其余财团[夺标]), or None."""
        end = _SENTENCE_END.search(text, at)
        return self.names.winner_verb_rx.search(text, at, end.start() if end else len(text))

    def _wins_later(self, text: str, at: int) -> bool:
        """Whether a winner's verb follows ``at`` in its sentence."""
        return self.winner_verb_after(text, at) is not None

    def is_site(self, c: Candidate) -> bool:
        """A named site or land parcel (…住宅官地, …物流地, …地皮): what 该住宅地 may stand for."""
        return c.named and c.type == "FAC" and c.name.endswith(self.ar.site_heads)

    # ------------------------------------------------------------- features
    def _role_parts(self, c: Candidate, text: str, clause_end: int) -> tuple[dict[str, float], bool, dict[str, float]]:
        """The role features of candidate ``c`` in a clause ending at ``clause_end`` that do not
        depend on the value: (the features before ``agent``, whether a party's or winner's cue
        makes ``c`` an agent, the features after it); :meth:`_with_agent` completes them for a value."""
        f: dict[str, float] = {k: 1.0 for k in _FLAGS if getattr(c, k)}
        ar = self.ar
        after = text[c.end:c.end + 10]
        share = _SHARE_OF_TRADE.match(text, c.end, clause_end)  # (甲与乙合计占总出口比重: a partner list's share)
        own_share = c.type == "GPE" and after.startswith(_SHARE_WORDS) and text[c.start:c.end] not in ar.wholes
        if own_share:
            pass  # 我国占比达x: the part holds its own share
        elif c.type != "GPE" and c.name.endswith(ar.class_endings):
            f["in_metric"] = 1.0  # 不过夜旅客(x人次): a class of the people the piece's place counts
        elif c.type == "MARKET" and text.startswith(ar.share_class_after, c.end):
            f["in_metric"] = 1.0  # A股股价, A股市值: the company's share class, no market's figures
        elif c.type == "ORG" and text[max(0, c.start - 2):c.start] in ar.wholes:
            f["in_metric"] = 1.0  # 全省基础电信企业电话用户总数: the firms of a whole place together, the place holds
        elif self._class_joined(c, text):
            f["in_metric"] = 1.0  # 两家省属企业及甲公司的投资总额: a name joined to a counted class, and the class joined
            # to it, are the whole industry's: no holder (the place holds; a gazetteer group and a company joined to it
            # are one joint holder: entities._merge_joined_group)
        elif (after.startswith(ar.metric_words) and not after.startswith(ar.metric_not)
              and c.name not in ar.money_only and not (c.type == "ORG" and after.startswith(ar.org_ranked))
              and not (c.type == "ORG" and (c.scope_word and after.startswith(self.names.scope_business_heads)
                                            or after.startswith(self.names.business_heads_tuple)))) \
                or text.endswith(ar.metric_before, 0, c.start) \
                or (((after.startswith("占") and not _OWN_SHARE.match(after) and c.type != "ORG"
                      and not (c.type == "GPE" and ar.part_of_whole_rx.match(after)))
                     or (share and ar.goods_rx.search(text, share.end(), clause_end)))
                    and any(w in text[c.end:clause_end] for w in ar.metric_words)):
            f["in_metric"] = 1.0  # 全球占比, 占全国, 贡献全球…的收入, 美国占总出口比重 (a company before 占
            # holds its own share: 甲公司占有6.6%的份额)
        elif text[c.start:c.end] in ar.wholes and any(
                m.end() == c.end for m in ar.whole_object_rx.finditer(text, max(0, c.start - 8), min(len(text), c.end + 3))):
            f["in_metric"] = 1.0  # 承载了全国1/9的用户, 链接全国120多万家企业: the whole scopes the object counted, the
            # clause's subject holds
        elif ar.whole_rank_rx.match(text, c.start) or (text[c.start:c.end] in ar.wholes and (
                ar.whole_share_rx.match(text, c.end, clause_end) or text.endswith(ar.whole_rank_before, 0, c.start))):
            f["in_metric"] = 1.0  # （全国排第13位）, 居全省第二, 全球销量占比, 位居全国…首位: the whole a rank or a share
            # is of, no holder
        elif c.type == "GPE" and ((text.endswith(ar.rank_before, 0, c.start)
                                   and ar.rank_rx.search(text, c.end, clause_end))  # (为甲公司最主要的收入来源: the company owns it)
                                  or ar.rank_after_rx.match(text, c.end, clause_end)):
            f["in_metric"] = 1.0  # 甲中心是全省规模最大的智算中心, 建成全球最大的5G网络: the place is the rank's scope
        elif c.type == "FAC" and ar.counted_after_rx.match(text, c.end, clause_end):
            f["in_metric"] = 1.0  # “5G+工业互联网”项目超过8000个: the class of projects counted, no holder
        elif c.type == "GPE" and ar.origin_list_rx.match(text, c.end, clause_end):
            f["in_metric"] = 1.0  # 香港及中国台湾旅客: the first of the places the visitors come from
        gap = next((len(p) for p in ar.baseline_periods if text.endswith(p, 0, c.start)), 0)
        before = text[max(0, c.start - gap - 4):c.start - gap]  # (高出同期|中国: the cue before the period)
        if self._partner(c, text, clause_end):
            f["trade_partner"] = 1.0
        if before.endswith(ar.baseline_before) or (before.endswith(self.list_joiners) and self.baseline_list_rx.search(
                text, max(0, c.start - 16), c.start) is not None) or ar.baseline_multiple_rx.match(text, c.end, clause_end):
            f["baseline"] = 1.0  # 比东部地区低40%: the baseline of a comparison; 分别比全国、全省高x、y: each of its list;
            # 是乙地的3倍: what a multiple is of
        tail: dict[str, float] = {}
        for m in EXAMPLE_BRACKET.finditer(text, max(0, c.start - 40), min(len(text), c.end + 40)):
            if m.start() < c.start and c.end <= m.end():
                tail["bracket_example"] = 1.0
        if text[c.start - 1:c.start] == "在" and _TOPIC_FRAME_END.match(text, c.end):
            tail["topic_frame"] = 1.0  # 而在主要施政项目预算编列部分，…: the part of a report the clause turns to, no holder
        if _EXAMPLE_LIST.match(text, c.end) or _EXAMPLE_COUNTED.match(text, c.end):
            tail["bracket_example"] = 1.0  # 甲、乙等国产服务器: examples of a class hold nothing (完工投产甲集团乙工厂改造等
            # 12个项目: the named example of a counted class neither)
        elif self._apposition(c, text):
            tail["bracket_example"] = 1.0  # 建设国家顶级节点（甲灾备节点）: names alone in brackets after a class noun
            # are its apposition (examples of the class), not the clause's subject
        if self._enumerated(c, text, clause_end):
            f["enumerated"] = 1.0  # 甲市、乙市两个灾备节点: items of a counted class hold nothing, carry nothing
        # (出让…: the seller; 批予甲公司: the grantee; 由甲集团于5月以12亿元夺地: the winner, not the site won)
        party = before.endswith(ar.party_before) or self._won_by(text, c)
        if c.origin == "winner":
            tail["winner_ref"] = 1.0  # (中标者拟发展甲园区的…总楼面面积: the facility its clause names)
            if self._wins_later(text, c.end):
                tail["winning"] = 1.0  # 中标公司最终以x投得: the price it pays is the site's
        return f, party, tail

    @staticmethod
    def _time_opens(para, text: str, first: int, last: int) -> bool:
        """One of the sentences ``first``..``last`` of ``para`` opens on a time of its own (截至6月末，…; 前11个月，…)."""
        opens = {a + len(text[a:b]) - len(text[a:b].lstrip()) for a, b in para.sentences[max(0, first):last + 1]}
        return any(not d.role and any(text[o:d.start] in _TIME_LEADS for o in opens if o <= d.start <= o + 2)
                   for d in para.dates)

    def _class_joined(self, c: Candidate, text: str) -> bool:
        """两家省属企业及[甲公司] / [两家省属企业]及甲公司: a name joined to a counted class of firms, or the class
        joined to a name (the whole industry together: neither holds)."""
        ar = self.ar
        before, after = text[c.start - 1:c.start], text[c.end:c.end + 2]
        if before not in CLASS_JOINERS and after[:1] not in CLASS_JOINERS and after[1:] not in CLASS_JOINERS:
            return False  # (the pattern ends with a joiner, 以及 too: none stands next to the name)
        return ar.class_joined_rx.search(text, max(0, c.start - 20), c.start) is not None \
            or any(ar.class_joined_rx.search(text, max(0, c.start - 4), c.end + k) for k in (1, 2))

    def _apposition(self, c: Candidate, text: str) -> bool:
        """国家顶级节点（甲灾备节点）, 两个灾备节点（甲、乙）, 星岳科技（XingYue）: ``c`` stands in a bracket right after a
        word (no space, no figure before it) that holds only names joined by list joiners (no figure, no cue)."""
        o = _LAST_BRACKET_OR_STOP.search(text, max(0, c.start - 40), c.start)
        if o is None or text[o.start()] not in _OPEN or o.start() < 1 or not _NAME_CHAR.match(text, o.start() - 1):
            return False
        close = _BRACKET_END.search(text, c.end, c.end + 40)
        return close is not None and text[close.start()] in "）)" \
            and self._bracket_names_rx.fullmatch(text, o.end(), close.start()) is not None

    def _enumerated(self, c: Candidate, text: str, clause_end: int) -> bool:
        """甲市、乙市、丙市3个国家节点 / 以及丁市和戊市两个灾备节点: ``c`` is one of the n items joined by list
        joiners right before a count of n and its class noun (attribution.yaml ``enumerated``): the items
        are the counted class itself, not holders of its count nor of what follows."""
        m = self.ar.enumeration_rx.search(text, c.end, clause_end)
        items = self.enumeration(text, m.start()) if m is not None else None
        return items is not None and (c.start, c.end) in items

    def enumeration(self, text: str, at: int) -> list[tuple[int, int]] | None:
        """The spans of the n items joined by list joiners right before a count of n at ``at`` and its class noun
        (甲市、乙市和丙市[3个]节点), else None: the items are the counted class, its noun names the metric."""
        m = self.ar.enumeration_rx.match(text, at)
        if m is None:
            return None
        n = int(m.group("n")) if m.group("n").isdigit() else self.lists.total_count(m.group("n"))
        stop = max([text.rfind(p, 0, at) for p in _ENUM_STOPS] + [-1]) + 1
        start, pieces = stop, []
        for j in self.lists.split_rx.finditer(text, stop, at):
            pieces.append((start, j.start()))
            start = j.end()
        pieces.append((start, at))
        items = pieces[-n:]
        if n < 2 or len(pieces) < n or not all(_ENUM_ITEM.fullmatch(text, a, b) for a, b in items):
            return None
        return items

    def _with_agent(self, parts, c: Candidate, text: str, v_start: int, clause_end: int) -> dict[str, float]:
        """The features of :meth:`_role_parts` (a new dict), with ``agent`` read in the window the value bounds."""
        head, party, tail = parts
        f = dict(head)
        window = text[c.end:min(clause_end, v_start, c.end + 8)]
        cue = self.ar.agent_rx.search(window)
        if cue is not None and cue.group() in self.ar.own_report_cues \
                and self.names.own_report_rx.search(text, c.end + cue.end(), min(clause_end, c.end + cue.end() + 16)):
            cue = None  # (甲科技发布年报: the company publishing its own report reports its own figures, no agent)
        if not self.is_site(c) and (party or cue is not None or self.names.winner_verb_rx.search(window)):
            f["agent"] = 1.0  # (出让…: the seller; 批予甲公司: the grantee; 甲集团投得乙住宅地: the winner; 该幅用地以
            # 招标方式出售: a site is what is sold, never the seller nor the winner)
        f.update(tail)
        return f

    def _role_of(self, memo: dict, c: Candidate, text: str, v_start: int, clause_end: int) -> dict[str, float]:
        """The role features of ``c`` for the value at ``v_start``: :meth:`_role_parts`, read once per candidate and clause end in a paragraph (``memo``,
        the paragraph's own); the value only bounds the agent's window, read once per end of that window.
        A new dict, as the caller adds to it."""
        parts = self._parts_of(memo, c, text, clause_end)
        key = (id(c), c.origin, clause_end, min(clause_end, v_start, c.end + 8))  # (the agent's window: the value bounds it)
        hit = memo.get(key)
        if hit is None:  # (``c`` is kept alive by its _parts_of entry)
            hit = memo[key] = self._with_agent(parts, c, text, v_start, clause_end)
        return dict(hit)

    def _parts_of(self, memo: dict, c: Candidate, text: str, clause_end: int):
        """:meth:`_role_parts` of ``c`` in the clause ending at ``clause_end``, kept in ``memo`` (the paragraph's)."""
        key = (id(c), c.origin, clause_end)
        hit = memo.get(key)
        if hit is None:  # (the candidate is kept in the memo: its id is not reused meanwhile)
            hit = memo[key] = (c, self._role_parts(c, text, clause_end))
        return hit[1]

    def _partner(self, c: Candidate, text: str, clause_end: int) -> bool:
        """Whether ``c`` is the partner of a trade the text reports for its holder (contract 1a:
        台湾对美国出口占比 -> 台湾): right after a cue (对美国出口, 接自日本, 输往内地), an item of
        a list after one (对韩国、东协分别增), a place its clause calls a partner (成为最大出超国),
        or a place after a trade-partner frame in its sentence (主要供应地中，尤其是甲地（升9%））."""
        ar = self.ar
        after = text[c.end:min(clause_end, c.end + 16)]
        before = text[max(0, c.start - 4):c.start]
        cues = self.partner_cues
        cue = next((w for w in cues if before.endswith(w) or (c.origin == "list" and text.startswith(w, c.start))), None) \
            if c.origin == "list" or before.endswith(cues) else None
        cue = cue or None  # ("": none)
        head = text[max(0, c.start - 40):c.start]
        if cue is None and not excluded(self.partner_list_needs, head):  # (most names end no list after a cue)
            # (the cue nearest the item, the longest there: 以接自甲增5亿美元、乙 -> 接自)
            listed = max(ar.partner_list.finditer(head, overlapped=True),
                         key=lambda m: (m.end("cue"), -m.start()), default=None)
            cue = listed.group("cue") if listed else None  # (对韩国、东协分别…: a list read with its cue)
        if cue is not None and (cue in ar.partner_marks or any(w in after for w in ar.partner_after)
                                or (cue in ar.partner_change_before and any(w in after for w in ar.partner_change))
                                or (cue in ar.partner_change_before and _PARTNER_OF.match(after))):
            return True  # (高于对中国与香港的26.6%: the partner's share, its trade named before)
        role = self.partner_roles_rx.search(text, c.end, clause_end)
        if role is not None and not any(w in text[c.end:role.start()] for w in self.partner_cues):
            return True  # (甲、乙是本市前两大贸易市场: partners; 丙对前三大贸易市场甲、乙…: 丙 trades with them)
        if cue in ar.partner_change_before and text.startswith(ar.partner_frame_after, c.end) \
                and self.partner_frame_trade_rx.match(text, c.end):
            return True  # 对东协方面，9月出口金额达x: the partner the trade sentence turns to
        share = ar.partner_share_rx.match(text, c.end, c.end + 24)  # (丙盟，在乙地總出口中的比重: past the clause's comma)
        if c.type == "GPE" and (after.startswith(ar.partner_direct) or share
                                or (ar.partner_orders_rx.match(text, c.end, c.end + 16) and c.name not in ar.orders_holders)):
            return True  # 美國訂單逾…: the orders from a place (a headline names no cue); 美国占台湾总出口比重: its share
        if c.type == "ORG" and share:
            return True  # 丙盟，在乙地總出口中的比重…: a bloc's share of another's trade
        if c.type == "GPE" and c.name not in ar.orders_holders:
            end = _SENTENCE_REST.match(text, c.end).end()
            if ar.partner_orders_later_rx.match(text, c.end, end):
                return True  # 甲地区则表现强劲，元月接单x: the orders its sentence says the place placed
            surface, at = text[c.start:c.end], c.end
            while (at := text.find(surface, at, end)) >= 0:
                if text.endswith(self.partner_cues, max(0, at - 4), at):
                    return True  # 甲地方面，前2月对甲地出口x: the place its sentence names again as a trade's partner
                at += 1
        if c.type != "GPE" and c.origin != "list":  # (甲公司 after 主要市场中 may hold its own share)
            return False
        head = text[max(0, c.start - 120):c.start]
        sentence_head = head[max(head.rfind("。"), head.rfind("！"), head.rfind("？")) + 1:]
        context = self.partner_context_rx.search(sentence_head)
        if context is not None:
            # (从来源地看，甲国、乙国的对华投资各增…: investors, no trade's partners)
            measured = sentence_head[context.end():] + text[c.start:_SENTENCE_REST.match(text, c.end).end()]
            return not (any(w in measured for w in ar.partner_context_investing)
                        and not any(w in measured for w in ar.partner_frame_trade))
        # 按主要接单地区观察，美国居首…。中国大陆及香港居次，订单x: a place ranked right after the context its
        # paragraph named before is one of the partners it ranks
        return self.partner_ranked_rx.match(text, c.end) is not None and self.partner_context_rx.search(
            text, max(0, c.start - 300), c.start) is not None

    def score(self, s: Scored) -> Scored:
        s.score = sum(self.ar.weights.get(k, 0.0) * x for k, x in s.features.items())
        return s

    def trade_chains(self, para, sent: tuple[int, int], si: int, values: list, state: dict):
        """The chains of a trade's partners in sentence ``si`` (lists.py :meth:`ListReader.trade_chains`),
        read once per sentence (``state`` is the paragraph's own)."""
        memo = state.setdefault("trade_chains", {})
        if sent not in memo:
            memo[sent] = self.lists.trade_chains(para.text, values, sent, self.trade_scope(para, sent, si))
        return memo[sent]

    @staticmethod
    def trade_scope(para, sent: tuple[int, int], si: int) -> int:
        """Where the text that may name the trade of a chain in sentence ``si`` begins: the two
        sentences before it (…外销订单x。累计…接单增加；以接自甲增y、乙增z: a ； ends a sentence)."""
        return min(para.sentences[max(0, si - 2)][0], sent[0]) if para.sentences else sent[0]

    def choose(self, v, para, sent: tuple[int, int], si: int, clauses: list[tuple[int, int]], state: dict,
               right_after, values: list) -> tuple[Candidate | None, str | None, list[Scored]]:
        """The holder of value ``v``: (candidate or None for the document default, warning, every scored option)."""
        text = para.text
        glossed = [g for g in state.get("glosses", ()) if g[1] < v.qual_start]  # (the sentence's, closed before v)

        def holds(c: Candidate) -> bool:  # (a counted class, 4大CSP业者, holds though a value counts it; so does a
            # group of organisations the gazetteer knows: 3家基础电信企业)
            return c.end <= v.qual_start and (c.origin == "class" or (c.origin == "gazetteer" and c.type == "ORG")
                                              or not right_after(c)) and not (
                glossed and any(a < c.start and c.end <= b for a, b in glossed))  # (…（约是台湾年用电量1.6倍）、占全球x)

        self._bracket_pairs(para, sent)  # (may add the names of 甲（…）和乙（…） to para.cands)
        read = para.cands
        cands = [c for c in read if holds(c)]
        slots = self._list_slots(v, para, sent, values, cands)  # (may add the names of a list to para.cands)
        if para.cands is not read:  # (names are added by a new list, never in place)
            cands = [c for c in para.cands if holds(c)]
        ci = clause_at(clauses, v.start)
        ca, cb = clauses[ci]
        owner = self._bracket_owner(v, text, cands)
        shown = self._shown_object(text, sent, ca, v.qual_start, para)  # 展出X，其…: X (added to the candidates)
        if shown is not None:
            cands = [c for c in para.cands if holds(c)]
        antecedent = shown or self._antecedent(text, ca, v.qual_start, cands) or self._speaker(text, sent, ca, v.qual_start, cands)
        options: list[Scored] = []
        per_clause: dict[int, int] = {}
        lo_sent = para.sentences[max(0, si - 2)][0] if para.sentences else sent[0]
        roles = state.setdefault("roles", {})  # (the paragraph's: a candidate's role in a clause, read once)
        partners = state.setdefault("partners", {}).get(si)  # (the chains' items of a sentence: read once per sentence)
        if partners is None:
            partners = state["partners"][si] = [
                ab for j in range(max(0, si - 2), si) for ch in self.trade_chains(para, para.sentences[j], j, values, state)
                for ab in ch.items] + [ab for ch in self.trade_chains(para, sent, si, values, state) for ab in ch.items]
        openers = None
        # a class noun opening the value's clause (传统数据中心楼底高6米): a new subject, so a company named or carried
        # from an earlier sentence holds nothing here; the piece's place does (contract 1a: the class is the metric's)
        def opens_class(a: int, b: int) -> bool:
            m = self.ar.class_open_rx.match(text, a, b)
            return m is not None and not any(o.named and a <= o.start < m.end() and not self._class_joined(o, text)
                                             for o in cands)
        class_opens = opens_class(ca, v.start)
        if not class_opens and self.ar.agency_report:
            # 工信部数据显示，…x: a reporting body's report in the value's sentence before it (a source, never a holder; its
            # name ends as sources attr.source.agency ``reporters`` say) is about its own place, a new subject: no company
            # an earlier sentence named or carried holds there (superseded agency_report)
            class_opens = any(c.source and sent[0] <= c.start and c.end <= v.qual_start and self.names.reporter_rx.search(c.name)
                              for c in para.cands)
            if class_opens:
                state["agency_sentence"] = sent[0]  # (the piece's place, not the company running on: industry_place)
        breakdown = text.startswith(self.ar.breakdown_openers, sent[0])
        if not class_opens and ci > 0:
            # (…，比上年末净增x: a later clause of a sentence whose subject clause opens with the class joined to a
            # name; only the sentence's own clauses and names are read: a long paragraph stays linear)
            joined = [o for o in cands if sent[0] <= o.start < ca and self._class_joined(o, text)]
            k0 = clause_at(clauses, sent[0])
            class_opens = bool(joined) and any(
                opens_class(a, b) for a, b in clauses[(k0 or 0):ci] if any(a <= o.start and o.end <= b for o in joined))
        facilities = [o for o in cands if o.named and o.type == "FAC"]  # (a phase built: read once per value)
        for c in cands:
            if c.start >= sent[0]:
                k = clause_at(clauses, c.start)
                k = ci if k is None else k
                f = self._role_of(roles, c, text, v.start, clauses[k][1])
                if any(c.end < o.start <= min(c.end + 20, clauses[k][1]) and self.ar.build_rx.fullmatch(text, c.end, o.start)
                       for o in facilities):
                    f["agent"] = 1.0  # 集团已着手建设甲IDC第二期，将增加…楼面面积: the phase built holds, not its builder
                if not c.named and (k != ci or f or c.place_class or c.bare_class or (c.type == "FAC" and any(
                        o.named and o.usable and o.type == "ORG" and sent[0] <= o.start and o.end <= ca for o in cands))):
                    f["unnamed_far"] = 1.0  # a class noun holds only a value of its own clause, as its subject
                    # (…，成熟算力中心上架率超过x after 甲公司累计交付…: a class of the facilities of a company its sentence
                    # names before is the company's, part of the metric)
                    # (新区数据中心, 全国数据中心: a class of the place's facilities, the place holds;
                    # 新建数据中心, 部分新建智算中心: a bare class noun is part of the metric, contract 1a)
                if k < ci and c.frame and c.named and text.startswith("在", clauses[k][0]) \
                        and clauses[k][0] + 1 == c.start and _CLAUSE_END.match(text, c.end) \
                        and not any(o.named and c.end <= o.start < v.start for o in cands):
                    f["scene"] = 1.0  # 在甲数据中心，…，A区3栋机楼已交付: a clause that only sets the scene names the holder
                    # (of a sentence naming nobody after it: 在甲基地，乙集团工程师介绍，… -> 乙集团's)
                if "frame" in f and c.type == "GPE" and text[c.start - 1:c.start] == "在" \
                        and _OWN_FIGURE_AFTER.match(text, c.end, clauses[k][1]) \
                        and text[c.start - 2:c.start - 1] not in _POINTING \
                        and not any(o.named and ((clauses[k][0] <= o.start < c.start)
                                                 or (o.type == "ORG" and not o.source and sent[0] <= o.start < c.start))
                                    for o in cands):
                    del f["frame"]  # 生成式AI在甲地的采用率达x(，较去年提高y): the place whose rate it is, when no
                    # name opens its clause before it, no firm its sentence names before (甲，…在乙国的市场份额为x:
                    # the firm's share there) and no 其 points back (其在乙国的市占率; 公司在甲地的机柜: the company's)
                if k == ci:
                    f["same_clause"] = 1.0
                    if "baseline" in f and not self.ar.baseline_multiple_rx.match(text, c.end, cb) and (
                            self.ar.baseline_own_rx.fullmatch(text, c.end, v.qual_start) or (
                            not text[c.end:v.qual_start].strip() and self.ar.baseline_own_after_rx.match(text, v.end))):
                        del f["baseline"]  # 远高于乙的5%至7%: the baseline's own figure (低于 is no frame's 于)
                        f.pop("frame", None)
                    w = next((w for w in values if w is not v and c.end <= w.start and w.end <= v.start), None)
                    if w is not None and any(o.named and o.usable and w.end <= o.start < v.start for o in cands):
                        f["superseded"] = 1.0  # 甲下跌5%、乙小涨3%: another name with its own figure came between
                else:
                    f["earlier_clause"] = 1.0
                    f["clause_distance"] = float(ci - k)
                    if self.ar.beneficiary_open_rx.fullmatch(text, clauses[k][0], c.start):
                        f["superseded"] = 1.0  # 鼓励甲云扩大布局，…收入增长x: the supported one holds its clause only
                    if (c.type == "INDEX" and not self.names.index_move_rx.search(text, clauses[ci][0], v.start)) \
                            or (ci - k >= 2 and self._shareholder(c, text)):
                        f["superseded"] = 1.0  # 主要股东为甲集团，持股x，每股净值y: the stake (the clause after it) is its only;
                        # 深证成指为x，年内股价高/低为y: an index holds its level and move, no later clause's figure
                    if self.ar.setting_rx.match(text, c.start) \
                            and not any(clauses[k][0] <= w.start < clauses[k][1] for w in values) \
                            and not self.names.analyst_any_rx.search(text, sent[0], c.start):
                        # 全球经济复苏步调偏缓，…，4月出口x: a clause of no figure set the scene (据Omdia报告，尽管全球经济
                        # 不景气，…出货量x: a tracker of the world's markets reports the world's)
                        f["world_setting"] = 1.0
                    if openers is None:  # (the clauses a subject opens, read once per value: not per candidate)
                        at = {a: j for j, (a, _) in enumerate(clauses)}
                        openers = {at[o.start] for o in cands if o.start in at and self._subject_like(o, text)
                                   and "trade_partner" not in self._parts_of(roles, o, text, clauses[at[o.start]][1])[0]}
                        # (美国成为最大出超国: a partner opens no subject's clause; its role features say so)
                    if any(k < j < ci for j in openers):
                        f["superseded"] = 1.0  # 甲宣布…，乙、丙也要…，…出超二千亿美元: another subject came between
                    elif text.startswith(self.ar.driven_openers, clauses[k][0]) and c.start > clauses[k][0] \
                            and any(text.startswith(self.names.cause_before_words, clauses[j][0]) for j in range(k + 1, ci)):
                        # 甲受惠…，带动乙新平台出货增加，加上…，营收x: what one of a list of drivers drives holds its clause
                        # only (带动甲地银行调低利率，新做按揭利率…: the driven place, with no further driver, holds on)
                        f["superseded"] = 1.0
                    elif (ci - k == 1 and text.startswith(self.ar.driven_openers, clauses[ci][0])) \
                            or self.ar.cause_subject_rx.search(text, max(0, c.start - 2), c.start):
                        # (甲，售价明显成长，推升营收至x: the subject of the whole chain, before its cause, holds)
                        f["superseded"] = 1.0  # 因甲大涨，带动乙类指数上涨x: the clause measures what 甲 drove; a
                        # cause (因甲大涨) holds its own clause only
                why = None
            elif c.start >= lo_sent and c.named and c.usable and not c.local:  # (工信部…。: its own sentence only)
                k = -1 - next((i for i, s in enumerate(para.sentences) if s[0] <= c.start < s[1]), 0)
                m = _CLAUSE_END.search(text, c.end)
                f = self._role_of(roles, c, text, v.start, m.start() if m else len(text))
                f["earlier_sentence"] = 1.0
                f["sentence_distance"] = float(si + k + 1)
                if (class_opens and c.type == "ORG") or c.type == "INDEX" or self._shareholder(c, text) \
                        or (breakdown and (c.origin == "list" or text[c.start - 1:c.start] == "、"
                                           or text.startswith("、", c.end))):  # (…、丙4市…x。分领域看，…: the whole's)
                    f["superseded"] = 1.0
                elif self._opened_after(c, para.sentences[-1 - k][1], cands, text):
                    f["superseded"] = 1.0  # 甲启动…，乙、丙开通…。[…x]: a later clause of its sentence had a subject of its own
                elif c.joint and self._time_opens(para, text, -k, si):
                    f["superseded"] = 1.0  # 三家基础电信企业及中国广电的用户…。其中，5G用户…: theirs; a later sentence
                    # opening on a time of its own (截至6月末，5G基站总数…) is the bulletin's next statistic, the place's
                if self.ar.setting_rx.match(text, c.start) or (c.type == "GPE" and self.ar.class_setting_rx.match(text, c.end)):
                    f["world_setting"] = 1.0  # (…仍影响全球成长。…零售业营业额…: the world was a setting; 中国品牌: a class)
                if self.ar.cause_subject_rx.search(text, max(0, c.start - 2), c.start):
                    f["superseded"] = 1.0  # 市场因甲大涨x，…。…总成交金额: the cause held its own clause only
                if self.ar.object_open_rx.match(text, max(text.rfind(p, 0, c.start) for p in "，,；;。：:\n-]") + 1, c.start):
                    f["superseded"] = 1.0  # 完成甲基地产能建设。研发费用x: the object of a verb opening its clause (or a
                    # digest's bullet, - 完成…) is no subject the later sentences carry
                why = "entity carried from an earlier sentence"
            else:
                continue
            if any(a <= c.start < b for a, b in partners):
                f["trade_partner"] = 1.0  # 输往甲地上升5%、乙地上升3%: a chain's item is a partner (lists.py)
            f["order"] = float(per_clause.get(k, 0))
            per_clause[k] = per_clause.get(k, 0) + 1
            if v.unit_kind == "currency" and c.name.endswith(self.ar.index_endings):
                f["in_metric"] = 1.0  # 恒指收报…，全日主板成交额x亿元: an index holds its level and moves, never money
            elif c.name in self.ar.money_only and (v.unit_kind != "currency" or "成交" in text[
                    max(text.rfind(p, 0, v.start) for p in "，,；;。") + 1:v.start]):
                f["in_metric"] = 1.0  # 外资累计买超甲2.1万张: the shares are the stock's, the investors hold money only;
                # and never the market's turnover (三大法人…都站在买方，…成交量缩减至x亿元)
            elif c.type == "GPE" and text[c.start] in "我本" and text[c.start:c.end] in self.lists.scope_words and any(
                    o.origin == "suffix" and o.type in ("FAC", "GPE") and c.end <= o.start <= c.end + _SCOPED_NAME_GAP
                    and _NAME_RUN.fullmatch(text, c.end, o.start) for o in cands):
                f["in_metric"] = 1.0  # 我州绿色算力示范园区: the scope word opens a facility's name, the facility holds
                # (全省在建数据中心48个: all the province's, a class; the province holds)
            elif c.name in self.ar.budget_holders and not any(w in text[sent[0]:cb] for w in self.ar.budget_words):
                f["source"] = 1.0  # 經濟部掌握外商來台投資案25家: a ministry reports its country's figures, it holds
                # its own budget only
            people = c.type != "GPE" and c.name.endswith(self.ar.class_endings)  # (不过夜旅客(x人次): a class counted)
            if slots.get(id(c)) == "metric" or people:
                f["in_metric"] = 1.0  # 运营商和金融行业分别占…: a class item names the metric (lists.py)
            elif slots.get(id(c)) and "trade_partner" not in f:  # (对甲、乙分别增…: partners, the holder trades)
                f["list_slot"] = 1.0
                f.pop("listed", None)
                f.pop("enumerated", None)  # (甲、乙两个园区分别达…: a counted list that distributes)
            origin = c.type == "GPE" and "in_metric" in f and self.ar.origin_list_rx.match(text, c.end, cb) is not None
            if c is owner and "trade_partner" not in f and not people and not origin:
                # (尤其是甲地（升9%）: a partner's change, the holder's trade; 香港(x元)旅客: the visitors' origin)
                f["bracket_owner"] = 1.0
            if c is antecedent:
                f["antecedent"] = 1.0
                if c.source and c.type == "ORG" and not self.names.reporter_rx.search(c.name) \
                        and not self.names.analyst_rx.search(c.name):  # (a consultancy's 其: what it studies, not its own)
                    f.pop("source")  # 甲公司总裁某某表示，公司…: the speaker's organisation, not a source
                    # (国家统计局新闻发言人某某表示: a reporting body's spokesman reports, the body holds nothing)
            if c.origin == "class" and "earlier_sentence" in f:
                continue  # a class holds the values of its own sentence (分经济类型看，…私营企业增长x。分行业看，…: the place's)
            if c.origin == "class":
                f["contrasted_class"] = 1.0
                if slots.get(id(c)) != "metric":
                    f.pop("in_metric", None)  # 其中，民营企业占比超过90%: a contrasted class's own share
            if k == ci and text[max(0, c.start - 1):c.start].endswith(self.ar.recipient_before) \
                    and text.startswith(self.ar.allocation_verbs, c.end):
                f["recipient"] = 1.0  # 向甲计划注资15亿元: the recipient, not a frame
                f.pop("frame", None)
            if state.get("company_doc") and c.type == "GPE" and (c.name not in self.ar.whole_places
                                                                 or text.startswith(self.ar.whole_results, c.end)
                                                                 or ((c.name in self.ar.whole_own_places
                                                                      or text[c.start:c.end] in self.ar.whole_own_places)
                                                                     and self.ar.whole_own_rx.match(text, c.end) and not any(
                                                                     w in text[sent[0]:c.start] for w in self.ar.whole_own_sources))) \
                    and not (text.startswith("的", c.end) and not text[max(0, c.start - 2):c.start].endswith(self.ar.segment_frames)
                             and not self.ar.segment_after_rx.match(text, c.end)) \
                    and not self.ar.industry_after_rx.match(text, c.end) \
                    and not (text.startswith(self.ar.self_places, c.start)  # (本港…IPO集资额; 本港能源业务 is one)
                             and not self.ar.business_after_rx.match(text, c.end)):  # (台湾半导体产业产值: the place's industry)
                f["segment_place"] = 1.0  # 香港已投入服务的机柜 in a company's results: its segment
            if why is None and not f.keys().isdisjoint(_FLAGS) and not f.keys() & {"list_slot", "bracket_owner"}:
                why = "entity taken from a source or frame phrase"
            if c.scope_word and state.get("companies"):
                c = self._company_meant(c, state, para.cands)  # 公司 in a piece about several companies: the one discussed
            options.append(self.score(Scored(c.name, c, f, why=why)))
        after = self._after_value(v, text, ca, cb, para.cands)  # 总面积…的甲用地, 预留…予乙: a name after the value
        if after is not None:
            c, feature = after
            options.append(self.score(Scored(c.name, c, {feature: 1.0})))
        scope = self._frame_scope(v, text, ca, cb, cands)
        if scope is not None:
            options.append(self.score(Scored(scope.name, scope, {"frame_scope": 1.0})))
        whole = self._class_share(v, text, sent[0], cands)
        if whole is not None:  # (a candidate of no place in the text: the metric keeps 占全球…比重)
            options.append(self.score(Scored(whole.name, Candidate(-1, -1, whole.name, whole.type, "share"),
                                             {"class_share": 1.0})))
        speaker = self._quote_speaker(text, v.start, para.cands)
        if speaker is not None:
            options.append(self.score(Scored(speaker.name, speaker, {"quote_speaker": 1.0},
                                             why="entity taken from the speaker of a quotation")))
        site = para.site_before
        if site is not None and self.ar.site_cue_rx.search(text, sent[0], cb):  # (有关标书的标价为…: the site sold)
            options.append(self.score(Scored(site.name, Candidate(-1, -1, site.name, site.type, "site"), {"site_before": 1.0},
                                             why="entity carried from a site an earlier paragraph named")))
        subj = state.get("subject")
        if subj is not None and state["sent_index"] - subj[1] <= 2 and not (class_opens and subj[0].type == "ORG") \
                and not (breakdown and subj[0].origin == "list") \
                and not (subj[0].joint and self._time_opens(para, text, subj[1] + 1, si)):
            options.append(self.score(Scored(subj[0].name, subj[0], {"carried_subject": 1.0},
                                             why="entity carried from an earlier sentence")))
        partners = {self.ar.short_partners[m.group("p")] for m in self.ar.short_partner_rx.finditer(text, ca, v.start)}
        # (…预估今年对美出超: 美国 is the partner, never the holder, also as a subject carried from before)
        best = max((o for o in options if o.name not in partners), key=lambda s: s.score, default=None)  # (the first
        # of equal scores: leftmost)
        if best is not None and best.cand is antecedent and antecedent is not None and antecedent.source:
            state["subject"] = (antecedent, si)  # (the later clauses of the speaker's sentence carry it)
        if best is None or best.score <= self.ar.default_score:
            return None, DEFAULT_WARNING, options
        return best.cand, best.why, options

    def compared(self, text: str, c: Candidate, clause_start: int) -> bool:
        """Whether ``c`` is the baseline of a comparison, alone or in a list after its cue (高于甲的x、乙的y:
        乙), or a whole set beside the subject (同期全国…, 全国则为…): the one compared with, never the sentence's
        subject that later sentences carry."""
        before = text[max(clause_start, c.start - 24):c.start]
        return before.endswith(self.ar.baseline_before) or before.endswith(self.ar.benchmark_before) or (
            before.endswith(self.list_joiners) and self.baseline_list_rx.search(before) is not None) or (
            text[c.start:c.end] in self.ar.wholes and text.startswith(self.ar.benchmark_after, c.end))

    @staticmethod
    def _company_meant(c: Candidate, state: dict, cands: list[Candidate]) -> Candidate:
        """公司 in a piece about several companies (``state["companies"]``) stands for the company its
        sentences are about: the nearest organisation its paragraph names before it when that is one
        of them (another organisation: the piece's company); with none named before, the subject
        carried from the sentences before, else the company the paragraphs before ended with
        (``state["held"]``), else the piece's company."""
        companies = state["companies"]
        subsidiaries = state.get("subsidiaries", ())  # (旗下子公司乙: the piece's 公司 never stands for its subsidiary)
        org = next((o for o in reversed(cands) if o.end <= c.start and o.named and o.type == "ORG" and not o.scope_word
                    and not (o.listed or o.frame or o.source) and o.name not in subsidiaries), None)
        # (公司成为甲、乙等企业的伙伴, 2016年在甲交所上市: an item of a list, a frame's or a source's name is no company meant)
        subj = state.get("subject")
        if org is not None:
            name = org.name if org.name in companies and c.name not in org.name else c.name  # (大厂甲 is 甲)
        elif subj is not None and subj[0].name in companies:
            name = subj[0].name
        else:  # (the paragraphs before on a subsidiary of the piece's company: 公司 is still the piece's)
            name = state["held"] if state["held"] in companies and state["held"] not in subsidiaries else c.name
        return c if name == c.name else replace(c, name=name)

    def spender(self, v, text: str, sent: tuple[int, int], clause: tuple[int, int], ent: Candidate | None,
                default: str, region: str | None) -> str:
        """政府将发债9000亿元, 从外汇基金转拨1500亿元: an amount a spending verb introduces with no
        recipient named in its sentence is held by the government that spends it (attribution.yaml
        ``recipient`` ``spenders``), not by its place, a holder carried from an earlier sentence nor the fund
        it comes from (从甲基金: ``origins``)."""
        entity = ent.name if ent is not None else default
        place, government = self.ar.spenders.get(region, (None, None))
        if place is None or (entity != place and ent is not None and ent.start >= sent[0]
                             and not text.endswith(self.ar.spend_origins, sent[0], ent.start)) \
                or not self.ar.spend_rx.search(text, max(clause[0], v.qual_start - self.ar.spend_reach), v.qual_start):
            return entity
        return government

    def industry_place(self, v, text: str, sent: tuple[int, int], ent: Candidate | None, entity: str,
                       place: str | None, agency: bool = False) -> str:
        """電子業今年營收年增12%, 半導體產業營收達…: a value whose sentence opens a clause with an industry and its
        results before it, no name after the industry: the place holds (contract 1a), not a company named or carried
        before; a place named or carried before stays (attribution.yaml attr.name.industry_subject).  So does a
        value whose clause opens with a counted group of firms (36家光模块企业营收合计x: superseded counted_group_open),
        and one a reporting body's report in its sentence gives (``agency``: 工信部数据显示，…x, superseded
        agency_report) that its sentence names no holder of."""
        if place is None or entity == place or (ent is not None and ent.type == "GPE"):
            return entity  # (a place named or carried before holds its industry's figures)
        if agency and (ent is None or ent.start < sent[0]):
            return place
        mark = _LAST_CLAUSE_MARK.search(text, sent[0], v.qual_start)
        ca = mark.end() if mark is not None else sent[0]
        group = self.ar.counted_group_rx.match(text, ca)
        if group is not None and "分别" not in text[sent[0]:ca] \
                and (ent is None or ent.start < ca or (ent.scope_word and ent.end <= group.end())):
            return place  # 36家光模块企业营收合计x: a counted group of firms opens the clause (its 公司 no company's),
            # the piece's place holds
        m = None
        for m in self.industry_rx.finditer(text, sent[0], v.qual_start):
            pass
        if m is None or m.group("ind").endswith(self.industry_not) or (ent is not None and ent.start >= m.start()):
            return entity
        return place

    def system_place(self, entity: str, metric: str, place: str | None) -> str:
        """台電尖峰負載x萬瓩，備轉容量率為y: an operator's figures of the system it runs (attribution.yaml
        ``operators``, ``system_metrics``) are the place's, the piece's place holds them; its own accounts (营收,
        亏损: ``own_metrics``) stay its own."""
        words = self.system_operators.get(entity) if place is not None else None
        if words is None or not any(w in metric for w in words[0]) or any(w in metric for w in words[1]):
            return entity  # (同意资料中心用电量: what it approves or sells stays its own)
        return place

    # ------------------------------------------------------------- structure
    def _after_value(self, v, text: str, ca: int, cb: int, cands: list[Candidate]) -> tuple[Candidate, str] | None:
        """A holder named after its value in the value's clause: the site, facility or scheme the value
        describes (总面积8.6万平方呎的甲用地, 30亿元的「乙计划」: ``described``), or the recipient of an
        allocation (预留2亿元予甲, 预留6亿元让甲推行「乙计划」: the last name, ``recipient``)."""
        ar = self.ar
        after = [c for c in cands if v.end <= c.start and c.end <= cb and c.named and not (c.source or c.in_title)]
        if not after:
            return None
        first = after[0]
        programme = first.name.endswith(self.names.programme_heads)
        if (first.type in ar.described_types or programme) and not first.common and (ar.described_gap.match(text[v.end:first.start]) or (
                programme and first.start == v.end and v.unit_kind == "currency")):
            return first, "described"  # (30亿元资助计划: an amount right before a programme is its size)
        gap = text[v.end:after[-1].start]
        if ar.allocation_rx.search(text, ca, v.qual_start) and gap.startswith(ar.recipient_cues) \
                and not _CLAUSE_END.search(gap):
            return after[-1], "recipient"
        return None

    def _class_share(self, v, text: str, lo: int, cands: list[Candidate]) -> Candidate | None:
        """AI服务器占全球整体服务器比重约16.2%，2027年可望达到21.5%: the whole world (or country) after 占 in the
        value's sentence (from ``lo``), a product class before 占 its clause's subject: the whole holds the share
        (its words stay the metric's)."""
        c = next((c for c in reversed(cands) if lo <= c.start and c.end <= v.qual_start and c.name in self.ar.whole_places
                  and text.startswith("占", c.start - 1)), None)
        if c is None:
            return None
        head = max([text.rfind(p, lo, c.start) for p in "，,；;：:"] + [lo - 1]) + 1
        return c if self.ar.product_end_rx.search(text, head, c.start - 1) else None

    @staticmethod
    def _frame_scope(v, text: str, ca: int, cb: int, cands: list[Candidate]) -> Candidate | None:
        """在全球已发布的N个…中: the place of a frame 在X…中 around the value in its clause holds
        it (X's whole), while the clause's subject before the frame keeps its own figures."""
        frame = next((c for c in reversed(cands) if ca < c.start and c.end <= v.qual_start and c.named), None)
        if frame is None or text[frame.start - 1] != "在" or v.qual_start - frame.end > 12 \
                or _CLAUSE_END.search(text, frame.end, v.qual_start) or not _FRAME_SCOPE_END.match(text, v.end, cb):
            return None
        return frame

    def _list_slots(self, v, para, sent, values, cands) -> dict[int, bool | str]:
        """甲、乙…分别为x、y / 甲（…）和乙（…）以x和y…: the k-th of n joined values goes to
        the k-th of a chain of n holders before the first value; the items of a list of
        classes (运营商和金融行业分别占…) are marked "metric"."""
        text = para.text
        group, v = self.lists.group_of(text, values, v, sent)
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
        # (the comparison's baselines are read before the list's names become candidates: 比全市和全国分别高x、y names
        # no holder 比全市 for the sentences after it)
        head = lp.spans[0][0] if lp is not None else chain[0].start if chain else None
        if lp is not None and (inside := [m for m in _BASELINE_INSIDE.finditer(text, lp.spans[0][0] + 1, lp.spans[0][1])]) \
                and inside[-1].end() < lp.spans[0][1]:
            # 增速比全市和全国分别高出x、y: the subject's quantity and the cue open the first item, the rest are baselines
            spans = [(inside[-1].end(), lp.spans[0][1]), *lp.spans[1:]]
            return {id(c): "metric" for c in [*cands, *chain] if any(c.start < b and a < c.end for a, b in spans)}
        if head is not None and (text[max(sent[0], head - 2):head].endswith(_BASELINE_OPENERS)
                                 or text.startswith(_BASELINE_OPENERS, head)):
            # 比东部、中部和东北地区分别高出x、y、z: the comparison's baselines, no holders (the subject before holds)
            spans = lp.spans if lp is not None else [(c.start, c.end) for c in chain]
            return {id(c): "metric" for c in [*cands, *chain] if any(c.start < b and a < c.end for a, b in spans)}
        if lp is not None and (len(chain) != len(group) or [c.start for c in chain] != [a for a, _ in lp.spans]
                               or any(len(c.name) < len(x) for c, x in zip(chain, lp.names))):
            chain = self._named_list(para, lp)
        if chain and text.startswith("等", chain[-1].end) and not self._counted_whole(text, chain[-1].end + 1, len(chain)):
            return {}  # NPU、ASIC等加速服务器增速分别为…: examples of a class, the metric distributes (甲、乙、丙等3家公司
            # …分别为x、y、z: the whole list counted, each item holds its value)
        if len(chain) != len(group) or _ROUTE.search(text, sent[0], chain[0].start):
            return {}  # (中卫至北京、上海的时延分别为…: destinations of a route do not hold the values)
        return {id(chain[group.index(v)]): True}

    @staticmethod
    def _counted_whole(text: str, at: int, n: int) -> bool:
        """甲、乙、丙等[3家]公司: the count right after 等 at ``at`` is the list's own length ``n``."""
        m = _WHOLE_COUNT.match(text, at)
        return m is not None and small_int(m.group("n")) == n

    def _named_list(self, para, lp) -> list[Candidate]:
        """甲、乙和丙分别以x、y和z…: the names listed before 分别 (lists.py), as candidates of
        the paragraph, even when no gazetteer or suffix knows them (东、中部地区 -> 东部地区)."""
        out, text = [], para.text
        for (s, e), name in zip(lp.spans, lp.names):
            bare = self.names.strip_leading(name)  # (之后再是DELL、浪潮…: the first item starts after the cue)
            if bare != name and len(bare) >= 2:
                s, name = s + len(name) - len(bare), bare
            figure = _ITEM_FIGURE.search(name)
            if figure is not None:
                e, name = e - len(name) + figure.start(), name[:figure.start()]
            if self.names.no_name(name):
                return []  # (云计算和大数据收入增速分别…: a metric is no holder; 第1、2季: nor a date)
            same = next((c for c in para.cands if c.start == s and (c.name == name or (c.end == e and text[s:e] == name))), None) \
                or next((c for c in para.cands if c.named and c.origin != "list" and s < c.start and c.end == e), None)
            # (代工厂甲与乙…分别: the name a description opens the item with is the item)
            if same is not None and not same.named and not (same.bare_class or same.place_class):
                # 星澜科技、云岫智能…分别以: a short name the suffix alone found (no class words in it) is a
                # name as an item of a list of holders
                same = replace(same, named=True, origin="list")
            out.append(same or Candidate(s, e, name, "ORG", "list"))
        promoted = {(c.start, c.end) for c in out if c.origin == "list"}
        para.cands = sorted({id(c): c for c in para.cands + out
                             if c in out or c.named or (c.start, c.end) not in promoted}.values(), key=lambda c: c.start)
        return out

    def _bracket_pairs(self, para, sent) -> None:
        """甲（增长64%）和乙（增长112%）: each name before a bracket with a figure is a candidate,
        even when no gazetteer or suffix knows it (unless a metric word is in it: 收入（增长5%）)."""
        if sent in para.bracketed:
            return  # (the candidates only grow: a second reading of the sentence adds nothing)
        para.bracketed.add(sent)
        text = para.text
        if excluded(_BRACKET_PAIR_NEEDS, text[sent[0]:sent[1]]):
            return  # (most sentences hold no bracket: no pair to read)
        for m in _BRACKET_PAIR.finditer(text, sent[0], sent[1]):
            if self.names.class_intro_rx.search(text, sent[0], m.end("n")) is not None:
                continue  # (升幅较大的类别为甲（上升x%）、乙（…）: the categories of a breakdown, no holders)
            new = []
            for s, e in m.spans("n"):
                s = e - len(self.names.strip_leading(text[s:e]))  # (尤其是甲地（升9%）: the name starts after the cue)
                if e - s < 2 or self.names.no_name(text[s:e]) or _overlaps(s, e, para.cands):
                    continue
                tokens = para.tokens or ()
                k = bisect_left(tokens, s, key=itemgetter(2))  # (the item's tokens: no scan from the start)
                toks = list(itertools.takewhile(lambda t: t[3] <= e, tokens[k:]))
                if toks and all(t[1] in _CLASS_TAGS for t in toks) and any(t[1] == "b" for t in toks):
                    continue  # 轻型汽车（x辆）、重型电单车（y辆）: a kind (区别词 + common noun) a statistic counts, no holder
                new.append(Candidate(s, e, text[s:e], "ORG", "list"))
            if new:
                para.cands = sorted(para.cands + new, key=lambda c: c.start)

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

    def _shown_object(self, text: str, sent, clause_start: int, v_start: int, para) -> Candidate | None:
        """甲公司首次展出乙超节点样机，其算力总规模达…: 其 opening the clause refers to what the clause
        before shows or launches, not to its maker (a candidate made of the object's words)."""
        if not text.startswith(self.ar.antecedent_cues, clause_start) or text.startswith(self.ar.not_pronoun, clause_start) \
                or clause_start <= sent[0]:
            return None
        m = self.ar.shown_rx.search(text, sent[0], clause_start - 1)
        if m is None or self.names.metric_only(m.group("obj")) or m.group("obj").endswith("报告") \
                or self.names.own_report_rx.search(m.group("obj")):
            return None  # (甲发布2025年半年度报告，其收入…: a report released is no holder, 其 is the company)
        s, e = m.span("obj")
        same = next((c for c in para.cands if c.start == s and c.end == e), None)
        if same is None:
            same = Candidate(s, e, m.group("obj"), "PRODUCT", "demonstrative")
            para.cands = sorted(para.cands + [same], key=lambda c: c.start)
        return same

    def _shareholder(self, c: Candidate, text: str) -> bool:
        """A company named as another's shareholder (主要股东为甲集团): no subject beyond its own clause."""
        return c.type == "ORG" and self.names.shareholder_before_rx.search(text, max(0, c.start - 6), c.start) is not None

    def _opened_after(self, c: Candidate, sent_end: int, cands: list[Candidate], text: str) -> bool:
        """Whether a later clause of ``c``'s sentence (ending at ``sent_end``) opens with another name of its kind
        as its subject (甲市启动…，乙市、丙市开通…): ``c`` then holds its own clauses only, nothing of a later
        sentence (a company's clause in a place's sentence leaves the place the subject: 临江市…，丙公司…)."""
        # (the candidates are in text order: only those between ``c`` and its sentence's end are read)
        return any(text[o.start - 1] in _CLAUSE_OPENERS and o.name != c.name and o.type == c.type
                   and self._subject_like(o, text)
                   for o in cands[bisect_right(cands, c.end, key=_START):bisect_left(cands, sent_end, key=_START)])

    def _subject_like(self, c: Candidate, text: str) -> bool:
        """A name that can open a clause as its subject (not a source, a frame, a word of a metric)."""
        return c.named and not (c.source or c.frame or c.in_title) and not text.startswith(self.ar.metric_words, c.end) \
            and not (text[c.start:c.end] in self.ar.wholes and self.ar.whole_share_rx.match(text, c.end)) \
            and not (c.type == "MARKET" and text.startswith(self.ar.share_class_after, c.end)) \
            and c.type != "INDEX"  # (全球销量占比, A股市值; 深证成指为x: an index opens no subject's clause)

    def _quote_speaker(self, text: str, at: int, cands: list[Candidate]) -> Candidate | None:
        """“我们的单机柜功率密度…。”甲新区管委会副主任某某说: in a quotation that speaks as 我们,
        the organisation of the speaker named right after it holds the figures."""
        open_ = text.rfind("“", 0, at)
        if open_ < 0 or text.find("”", open_, at) >= 0:
            return None
        close = text.find("”", at)
        if close < 0 or not any(w in text[open_:at] for w in self.ar.first_person):
            return None
        end = text.find("。", close)
        end = len(text) if end < 0 else end
        for c in cands:
            if close < c.start < min(end, close + 4) and c.named and text[c.start:c.end] not in self.ar.speaker_cues \
                    and self.ar.speech_rx.search(text, c.end, min(end + 1, c.end + 16)):
                return c
        return None

    def _speaker(self, text: str, sent, clause_start: int, v_start: int, cands: list[Candidate]) -> Candidate | None:
        """甲公司行政总裁某某表示，公司现时营运3座数据中心: 公司 opening the clause is the organisation
        of the speaker named before it in the sentence."""
        if not text.startswith(self.ar.speaker_cues, clause_start, v_start) or text.startswith(self.ar.not_pronoun, clause_start):
            return None  # (其中 refers to nothing)
        before = [c for c in cands if sent[0] <= c.start and c.end <= clause_start and c.named and c.source and c.type == "ORG"]
        return before[-1] if before else None

    def _antecedent(self, text: str, clause_start: int, v_start: int, cands: list[Candidate]) -> Candidate | None:
        """其算力总规模达…: the nearest named candidate before the pronoun that opens the clause
        (not the makers of 由甲与乙共同打造: 其 refers to what they made)."""
        lead = next((w for w in self.ar.antecedent_lead_ins if text.startswith(w, clause_start, v_start)), "")
        at = clause_start + len(lead)  # (数据显示其营收…: the pronoun after what shows the figure)
        if not text.startswith(self.ar.antecedent_cues, at, v_start) or text.startswith(self.ar.not_pronoun, at):
            return None  # (其中…, 该季度…: no pronoun)
        before = [c for c in cands if c.end <= clause_start and c.named and not c.source and not c.in_title
                  and not text[max(0, c.start - 1):c.start] in self.ar.maker_before
                  and not self.ar.whole_rank_rx.match(text, c.start)]  # (…（全国排第13位）。其中…: the rank's whole is no antecedent)
        return before[-1] if before else None
