"""Every rule example in rules/*.yaml, run through the public extractor.

A positive example must produce exactly the expected facts (same count, and
each listed key equal, in order); a negative example (``expect: []``) must
produce none.  Also: rule files are validated on load, naming file, key and entry.
"""
from __future__ import annotations

import shutil

import pytest

import zhfacts
from zhfacts.errors import RuleError
from zhfacts.rules import load_rules, rules_dir

RULES = load_rules()
DEFAULT_PUBLISHED = "2025-09-01"


def _close(a, b) -> bool:
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    return a == b


@pytest.mark.parametrize("example", RULES.examples, ids=lambda e: f"{e.rule_id}:{e.text[:24]}")
def test_rule_example(example):
    published = None if example.published == "none" else example.published or DEFAULT_PUBLISHED
    facts = zhfacts.extract(example.text, doc="example", published=published)
    got = [{k: f.get(k) for k in exp} for f, exp in zip(facts, example.expect)]
    assert len(facts) == len(example.expect), (
        f"{example.file} {example.rule_id}: expected {len(example.expect)} facts, got {len(facts)}: "
        + "; ".join(f"{f['text']}={f['value']}{f['unit']} [{f['entity']}|{f['metric']}|{f['date']}|{f['kind']}]" for f in facts))
    for g, exp in zip(got, example.expect):
        for key, want in exp.items():
            want = str(want) if key == "date" and want is not None else want
            assert _close(g[key], want), f"{example.file} {example.rule_id}: {key} = {g[key]!r}, expected {want!r}"


def _boilerplate_rules() -> list[dict]:
    from zhfacts.normalize import tables

    data = tables.load("boilerplate.yaml")
    related = data.get("related") or {}
    return [e for key in ("line_rules", "prefix_rules", "suffix_rules") for e in data[key]] + \
        [e for key in ("start", "item") for e in related.get(key, [])] + \
        ([related["trailing"]] if related.get("trailing") else [])  # (the headerless block: one entry)


BOILERPLATE_EXAMPLES = [(e["id"], ex) for e in _boilerplate_rules() for ex in e.get("examples", [])]


@pytest.mark.parametrize("rule_id, example", BOILERPLATE_EXAMPLES, ids=lambda x: x if isinstance(x, str) else "")
def test_boilerplate_example(rule_id, example):
    """rules/normalize/boilerplate.yaml: exactly the listed regions are cut, a positive example by this rule."""
    removed = zhfacts.normalize(example["text"]).removed
    assert [r.text.strip() for r in removed] == example["removed"], rule_id
    if example["removed"]:
        assert rule_id in {r.rule for r in removed}, f"{rule_id}: cut by {[r.rule for r in removed]}"


def _number_char_examples() -> list[dict]:
    from zhfacts.normalize import tables

    return tables.load("script.yaml").get("number_chars_examples") or []


@pytest.mark.parametrize("example", _number_char_examples(), ids=lambda e: e["text"][:16])
def test_number_chars_example(example):
    """rules/normalize/script.yaml number_chars: in a document left Simplified, 億/萬/個… read as 亿/万/个,
    one character for one (the offsets of everything else unchanged)."""
    doc = zhfacts.normalize(example["text"])
    assert doc.text == example["expect"]
    assert len(doc.text) == len(example["text"])


def test_every_boilerplate_rule_has_a_positive_example():
    missing = [e["id"] for e in _boilerplate_rules() if not any(x["removed"] for x in e.get("examples", []))]
    assert missing == []


def _layout_examples() -> list[tuple[str, dict]]:
    from zhfacts.normalize import tables

    data = tables.load("layout.yaml")
    return [(e["id"], ex) for key in ("row_starts", "flattened_tables", "wrapped_headers") for e in data[key] for ex in e.get("examples", [])]


@pytest.mark.parametrize("rule_id, example", _layout_examples(), ids=lambda x: x if isinstance(x, str) else "")
def test_layout_example(rule_id, example):
    """rules/normalize/layout.yaml: a table's rows (and its headers) are paragraphs of their own; a table flattened
    one cell a line is a pipe table."""
    doc = zhfacts.normalize(example["text"])
    assert [doc.text[s:e] for s, e in doc.paragraphs] == example["paragraphs"], rule_id


def test_every_rule_entry_has_an_id_and_examples_exist():
    assert len(RULES.ids) > 50
    assert len(RULES.examples) > 100


@pytest.mark.parametrize("mutation, message", [
    (("units.yaml", "    unit: EFLOPS\n", "    unitx: EFLOPS\n"), "units.yaml: units[0] (id unit.eflops): missing key 'unit'"),
    (("dates.yaml", "resolve: ymd", "resolve: bogus"), "dates.yaml: dates[0] (id date.ymd).resolve"),
    (("qualifiers.yaml", 'qualifier: ">"', 'qualifier: "!"'), "qualifiers.yaml: qualifiers[0] (id qual.gt.before).qualifier"),
    (("qualifiers.yaml", "not_before: '[乎何]'", "not_before: '[乎何'"), "(id qual.gt.infix_ji).not_before: invalid regex"),
    (("dates.yaml", "(?P<m>", "(?P<month>"),
     "dates.yaml: dates[0] (id date.ymd).pattern: resolver 'ymd' reads the named group(s) m, which the pattern lacks"),
    (("dates.yaml", "resolve: ymd", "resolve: ym"),
     "dates.yaml: dates[0] (id date.ymd).pattern: resolver 'ym' does not read the named group(s) d"),
    # a look-behind of several widths: regex reads it, the date scan's one stdlib alternation cannot (the finder would
    # fall back to one regex alternation in which the rules' numbered references point elsewhere: rules go unread)
    (("dates.yaml", "    pattern: '{Y}年(?P<m>{M})月", "    pattern: '(?<=(?:于|预计))\\s?{Y}年(?P<m>{M})月"),
     "dates.yaml: dates[0] (id date.ymd).pattern: the standard library's engine cannot read it"),
    (("units.yaml", "    unit: MW\n", "    unit: 兆瓦\n"), "units.yaml: units[", ),
    (("units.yaml", "  pattern: '(?P<u>人次)", "  pattern: '(?P<unit>人次)"), "units.yaml: noun_units[0] (id unit.noun_before).pattern: must capture"),
    (("entities.yaml", "(?P<model>[A-Z]", "(?P<model[A-Z]"), "entities.yaml: product_models.pattern: invalid regex"),
    (("nonfacts.yaml", "title: &title '《[^《》]{0,80}》", "title: &title '《[^《》"), "nonfacts.yaml: title: invalid regex"),
    (("nonfacts.yaml", "named_title: &named_title '[“", "named_title: &named_title '([“"), "nonfacts.yaml: named_title"),
    (("attribution.yaml", "    component_after: '(?:芯片", "    component_after: '((?:芯片"), "component_after"),
    (("entities.yaml", "  means_cues: [凭借, ", "  means_cues: [[], "), "entities.yaml: product_models.means_cues: must be a list of words"),
    (("nonfacts.yaml", "id: nonfact.quoted_name\n    pattern: '", "id: nonfact.quoted_name\n    pattern: '(["),
     "nonfacts.yaml: vetoes[2] (id nonfact.quoted_name).pattern: invalid regex"),
    (("metrics.yaml", "list_joiners: [", "list_joinerz: ["), "metrics.yaml: list_joiners: must be a list of words"),
    (("metrics.yaml", "change_verbs: [", "change_verbz: ["), "metrics.yaml: change_verbs: must be a list of words"),
    (("metrics.yaml", "keep_leading: [", "keep_leadinz: ["), "metrics.yaml: keep_leading: must be a list of words"),
    (("metrics.yaml", "date_frame: '", "date_framez: '"), "metrics.yaml: date_frame: missing or not a regex string"),
    (("metrics.yaml", "circumstance: '在[", "circumstance: '(在["), "metrics.yaml: circumstance: invalid regex"),
    (("metrics.yaml", "id: metric.cue.speaker\n    pattern: '(?:", "id: metric.cue.speaker\n    pattern: '((?:"),
     "metrics.yaml: cue_cuts[0] (id metric.cue.speaker).pattern: invalid regex"),
    (("metrics.yaml", "    unit_kinds: [currency]", "    unit_kinds: []"),
     "metrics.yaml: verb_nouns[1] (id metric.verb_noun.reserve).unit_kinds: must be a non-empty list"),
    (("entities.yaml", "class_heads: [", "class_headz: ["), "entities.yaml: class_heads: must be a list of words"),
    (("dates.yaml", "    role: start\n", "    role: begin\n"), "(id date.change_start).role: must be baseline|start"),
    (("dates.yaml", "difference_after: '\\s?(?:", "difference_after: '\\s?((?:"), "dates.yaml: difference_after: invalid regex"),
    (("attribution.yaml", "demonstrative_country_heads: [国]", "demonstrative_country_heads: 国"),
     "(id attr.structure.antecedent).demonstrative_country_heads: must be list"),
    (("nonfacts.yaml", "    ends_number: true", "    ends_number: sometimes"),
     "(id nonfact.gigabit).ends_number: must be true or false"),
    (("attribution.yaml", "    agency_report: true", "    agency_report: [部]"),
     "(id attr.position.superseded).agency_report: must be true or false"),
    (("entities.yaml", "EBITDA, ARPU]\n  min: 3\n", "EBITDA, ARPU]\n  min: four\n"),
     "(id ent.results_piece).min: must be a whole number of 1 or more"),
    (("dates.yaml", "    region: hongkong\n", "    region: macau\n"), "(id date.fiscal_quarter).region: must be"),
    (("units.yaml", "(?P<cur>{CUR})[,，", "(?P<currency>{CUR})[,，"),
     "units.yaml: declarations[0] (id currency.declared.same_below).pattern: must capture the currency"),
    (("units.yaml", "(?:以下同|下同)[)）]'", "(?:以下同|下同[)）]'"),
     "units.yaml: declarations[0] (id currency.declared.same_below).pattern: invalid regex"),
    (("entities.yaml", "  min_chars: 3\n", "  min_chars: three\n"),
     "entities.yaml: coded_abbreviation[0] (id ent.coded_abbreviation).min_chars"),
    (("entities.yaml", "  points_index: 恒生指数\n  region: hongkong\n", "  points_index: 恒生指数\n  region: macau\n"),
     "(id ent.market.hk.大市).region: must be mainland, taiwan or hongkong"),
    (("entities.yaml", "    hongkong: [国泰]\n", "    macau: [国泰]\n"),
     "(id ent.org.hk.国泰航空).regional_aliases: must map mainland, taiwan or hongkong to a list of aliases"),
    (("entities.yaml", "  municipality: true ", "  municipality: yes1 "), "(id ent.province.北京).municipality: must be true or false"),
    (("entities.yaml", "    四川: [成都, ", "    四川: [成都市区, "),
     "(id ent.province_cities).provinces.四川: '成都市区' is no city of the gazetteer"),
    # the county table: a name under a city the gazetteer lacks, a stem without its ending, a name it has already
    (("entities.yaml", "    白山: [临江市, ", "    白山市区: [临江市, "),
     "(id ent.counties).cities.白山市区: is no city or province of the gazetteer"),
    (("entities.yaml", "    白山: [临江市, ", "    白山: [临江, "), "(id ent.counties).cities.白山: '临江' must be a full name"),
    (("entities.yaml", "    白山: [临江市, ", "    白山: [朝阳市, "),
     "(id ent.counties).cities.白山: '朝阳市' is a name of the gazetteer's ent.city.朝阳 already"),
    (("units.yaml", "  unless: '港元|", "  unless: '(港元|"), "(id currency.declared.renminbi_piece).unless: invalid regex"),
    (("dates.yaml", "fiscal_quarter_months: '第(", "fiscal_quarter_months: '(第("), "dates.yaml: fiscal_quarter_months: invalid regex"),
    (("entities.yaml", "  trackers: [TrendForce, ", "  trackers: [\"\", "), "entities.yaml: global_lead.trackers: must be a list"),
    (("entities.yaml", "    min: 2\n    home: [中国", "    min: 0\n    home: [中国"), "entities.yaml: global_lead.piece.min"),
    (("metrics.yaml", "  四个地区: [东部地区, ", "  四个地区: [\"\", "), "metrics.yaml: list_collective_holders: must be a mapping"),
    (("dates.yaml", "clause_continues: '[；", "clause_continues: '([；"), "dates.yaml: clause_continues: invalid regex"),
    (("entities.yaml", "    home: [中国, 我国", "    home: [\"\", 我国"), "entities.yaml: global_lead.piece.home"),
    (("entities.yaml", "    compared_after: '(?:第", "    compared_after: '((?:第"),
     "entities.yaml: global_lead.piece.compared_after: invalid regex"),
    (("entities.yaml", "  max_chars: 4\n", "  max_chars: 1\n"),
     "entities.yaml: coded_listing[0] (id ent.coded_listing).max_chars"),
    (("metrics.yaml", "moves: {升: 升幅, ", "moves: {"), "metrics.yaml: stock_quote.moves: has no word for the move(s) 升"),
    (("metrics.yaml", "  price: '^(?:报|", "  price: '^((?:报|"), "metrics.yaml: stock_quote.price"),
    # a key written twice in one entry (YAML would keep the second silently, dropping the first's examples)
    (("units.yaml", "    kind: measure\n", "    kind: measure\n    kind: measure\n"), "duplicate key 'kind'"),
    (("dates.yaml", "(?P<mark>[AEFP])?", "[AEFP]?"),
     "dates.yaml: table_year: must have a group mark when table_forecast_marks is given"),
    # the top-level rules of one pattern (stop 26): a broken pattern and a missing one are named
    (("units.yaml", "  pattern: '以({CUR})(?:计价", "  pattern: '以(({CUR})(?:计价"), "units.yaml: counted_in.pattern: invalid regex"),
    (("units.yaml", "currency_codes: [USD, ", "currency_codes: [usd, "), "units.yaml: currency_codes: must be a list of three-letter ISO 4217 codes"),
    (("units.yaml", "  symbols: {千瓦时: kWh,", "  symbols: {千瓦时: 千瓦时,"),
     "units.yaml: per_symbols[0] (id unit.per_symbols).symbols: must map written units to their ASCII symbols"),
    (("attribution.yaml", "    destination_before: [距离, 相距, 距, 覆盖, 遍布]", "    destination_before: [距离, '', 距, 覆盖, 遍布]"),
     "attribution.yaml: names[9] (id attr.name.cause).destination_before: must be a non-empty list of non-empty strings"),
    (("attribution.yaml", "    own_report_cues: [发布, 推出]", "    own_report_cues: 发布"), "attribution.yaml: features["),
    # this stop's keys: a company's business heads, a builders' verb pattern and a change's summary clause are named
    (("attribution.yaml", "    business_heads: [业务已, ", "    business_heads: 业务已\n    x: ["),
     "attribution.yaml: names[6] (id attr.name.common_phrase).business_heads: must be list"),
    (("attribution.yaml", "    builder_after: '[^", "    builder_after: '([^"),
     "attribution.yaml: names[6] (id attr.name.common_phrase).builder_after: invalid regex"),
    (("metrics.yaml", "span_summary: '\\s*(?:", "span_summary: '(\\s*(?:"), "metrics.yaml: span_summary"),
    (("metrics.yaml", "post_stop_openers: [机会, ", "post_stop_openers: 机会\nx: ["), "metrics.yaml: post_stop_openers: must be a list of words"),
    (("metrics.yaml", "flow_reaches: [达, ", "flow_reaches: 达\nx: ["), "metrics.yaml: flow_reaches: must be a list of words"),
    (("metrics.yaml", "list_bound_cues: [均, ", "list_bound_cues: [[], "), "metrics.yaml: list_bound_cues: must be a list of words"),
    (("entities.yaml", "street_after: '(?:大道|", "street_after: '((?:大道|"), "entities.yaml: street_after"),
    (("entities.yaml", "government_report: '代表(?P<place>", "government_report: '(代表(?P<place>"), "entities.yaml: government_report"),
    (("metrics.yaml", "  pattern: '(?P<verb>买超", "  patternx: '(?P<verb>买超"),
     "metrics.yaml: verb_before_holder: must be a mapping with id, pattern (a group verb) and examples"),
    (("attribution.yaml", "    money_only: [", "    money_only: "), "attribution.yaml: features["),
    # stop 38's keys: a broken slash-fraction cue and a compared list's pattern are named
    (("numerals.yaml", "slash_fraction_before: '(?:约", "slash_fraction_before: '((?:约"),
     "numerals.yaml: slash_fraction_before: invalid regex"),
    (("metrics.yaml", "  pattern: '(?P<head>[\\p{Han}A-Za-z]{0,10}?)(?:分别", "  pattern: '((?P<head>[\\p{Han}A-Za-z]{0,10}?)(?:分别"),
     "metrics.yaml: compared_list.pattern: invalid regex"),
    (("metrics.yaml", "  pattern: '(?:增速|增幅|降幅|涨幅|跌幅|增长|下降)?(?:分别)?", "  pattern: '((?:增速|增幅|降幅|涨幅|跌幅|增长|下降)?(?:分别)?"),
     "metrics.yaml: item_changes.pattern: invalid regex"),
    # stop 39's keys: a broken glued-metric pattern and a class introduction that is no list of words are named
    (("numerals.yaml", "glued_metric: '(?<![A-Za-z])(?:GDP", "glued_metric: '((?<![A-Za-z])(?:GDP"),
     "numerals.yaml: glued_metric: invalid regex"),
    (("numerals.yaml", "cheng_copula_before: '(?:有", "cheng_copula_before: '((?:有"),
     "numerals.yaml: cheng_copula_before: invalid regex"),
    (("numerals.yaml", "ratio_before: '比", "ratio_before: '(比"), "numerals.yaml: ratio_before: invalid regex"),
    (("dates.yaml", "revision_after: '[", "revision_after: '(["), "dates.yaml: revision_after: invalid regex"),
    (("attribution.yaml", "    class_intros: [类别为, ", "    class_intros: 类别为\n    x: ["), "attribution.yaml: names["),
    (("entities.yaml", "statistical_scopes: [规模以上, ", "statistical_scopes: 规模以上\nx: ["),
     "entities.yaml: statistical_scopes: must be a list of words"),
    (("attribution.yaml", "    operators: [台湾电力公司, ", "    operators: 台湾电力公司\n    x: ["), "attribution.yaml: names["),
    (("attribution.yaml", "    company_modifier_heads: [供应链, ", "    company_modifier_heads: 供应链\n    x: ["), "attribution.yaml: names["),
    (("attribution.yaml", "    place_modifier_heads: [特色社会主义, ", "    place_modifier_heads: [[], "), "attribution.yaml: names["),
    (("attribution.yaml", "    cause_frame_owners: [子公司, ", "    cause_frame_owners: 子公司\n    x: ["), "attribution.yaml: names["),
    # stop 40's keys: a broken pattern of the orders a partner's sentence names, a district's local flag that is no boolean
    (("attribution.yaml", "    orders_later: '[", "    orders_later: '(["), "attribution.yaml: features["),
    (("entities.yaml", "  region: hongkong\n  local: true\n", "  region: hongkong\n  local: yes1\n"),
     "(id ent.district.hk.港岛区).local: must be true or false"),
    (("entities.yaml", "  zone_suffixes: [开发区, ", "  zone_suffixes: [开发园, "), "(id ent.suffix.place).zone_suffixes: must be suffixes"),
    (("entities.yaml", "company_says_time: '(?:", "company_says_time: '((?:"), "entities.yaml: company_says_time"),
    (("entities.yaml", "reported_verbs: [公布, ", "reported_verbs: 公布\nx: ["), "entities.yaml: reported_verbs: must be a list of words"),
    (("entities.yaml", "lead_parks: [科学园区, ", "lead_parks: [1, "), "entities.yaml: lead_parks: must be a list of words"),
    (("units.yaml", "bare_before: '[", "bare_before: '(["), "units.yaml: renminbi_piece[0] (id currency.declared.renminbi_piece).bare_before: invalid regex"),
    (("units.yaml", "  regions: [hongkong, taiwan]\n", "  regions: [hongkong, macau]\n"),
     "units.yaml: renminbi_piece[0] (id currency.declared.renminbi_piece).regions: must be a list of mainland, taiwan or hongkong"),
    # stop 43's keys: a pronoun's place modifier and the lead-ins before a pronoun
    (("attribution.yaml", "    possessive_before: [其]", "    possessive_before: [[]]"), "attribution.yaml: names["),
    (("attribution.yaml", "    possessive_not: [尤其, ", "    possessive_not: [[], "), "attribution.yaml: names["),
    (("metrics.yaml", "statement_lead_ins: [数据显示, ", "statement_lead_ins: [[], "),
     "metrics.yaml: statement_lead_ins: must be a list of words"),
    (("attribution.yaml", "    benchmark_before: [同期]", "    benchmark_before: [[]]"), "attribution.yaml: features["),
    (("attribution.yaml", "    except_not_before: [销售收入, ", "    except_not_before: [[], "), "attribution.yaml: features["),
    (("entities.yaml", "place_forecast_cues: [预计, ", "place_forecast_cues: 预计\nx: ["), "entities.yaml: place_forecast_cues: must be a list of words"),
    (("entities.yaml", "source_gap_max: 16", "source_gap_max: 0"), "entities.yaml: source_gap_max: must be an integer from 1 to 30"),
    (("qualifiers.yaml", "    not_after: [合, 签,", "    not_after: [[], 签,"), "qualifiers.yaml: qualifiers["),
    (("entities.yaml", "lead_company_intro: '(?:", "lead_company_intro: '((?:"), "entities.yaml: lead_company_intro"),
    (("entities.yaml", "  rivals: [香港, 本港, ", "  rivals: [[], 本港, "), "entities.yaml: macau_piece.rivals: must be a non-empty list of words"),
    # stop 44's keys: the people a list of places sends
    (("entities.yaml", "glued_markers: [受, ", "glued_markers: [[], "), "entities.yaml: glued_markers"),
    (("entities.yaml", "legal_endings: [股份有限公司, ", "legal_endings: 股份有限公司\nx: ["), "entities.yaml: legal_endings"),
    (("entities.yaml", "  grouping: true\n", "  grouping: 1\n"), "grouping: must be true or false"),
    # stop 68's keys: what a project builds, the kinds of a place's cluster
    (("entities.yaml", "  works_words: [基础设施]", "  works_words: [[]]"), "works_words"),
    (("entities.yaml", "cluster_heads: [数据中心, ", "cluster_heads: [[], "), "entities.yaml: cluster_heads"),
    (("entities.yaml", "place_markets: [市场, ", "place_markets: [[], "), "entities.yaml: place_markets"),
    (("numerals.yaml", "bare_bracketed_before: '", "bare_bracketed_before: '("), "numerals.yaml: bare_bracketed_before"),
    (("attribution.yaml", "    self_words: [本港, ", "    self_words: [[], "), "attribution.yaml: features["),
    (("attribution.yaml", "    own_metrics: [同意, ", "    own_metrics: [[], "), "attribution.yaml: names["),
    (("attribution.yaml", "    index_moves: [跌, ", "    index_moves: [[], "), "attribution.yaml: names["),
    (("metrics.yaml", "  outflow: [现金流, 现金流量]", "  outflow: 现金流"), "metrics.yaml: negative_value: must be a mapping"),
    (("attribution.yaml", "    shareholder_before: [主要股东为, ", "    shareholder_before: [[], "), "attribution.yaml: names["),
    (("attribution.yaml", "    share_class_after: [股价, ", "    share_class_after: [[], "), "attribution.yaml: features["),
    (("attribution.yaml", "    class_endings: [旅客, ", "    class_endings: [[], "), "attribution.yaml: features["),
    (("attribution.yaml", "    customer_after: [客户, ", "    customer_after: [[], "), "attribution.yaml: features["),
    (("attribution.yaml", "    whole_share_after: '", "    whole_share_after: '("), "attribution.yaml: features["),
    (("dates.yaml", "recovery_level: '(?<=", "recovery_level: '((?<="), "dates.yaml: recovery_level: invalid regex"),
    (("entities.yaml", "  lead_bodies: [统计暨普查局, ", "  lead_bodies: [[], "), "entities.yaml: macau_piece.lead_bodies: must be a non-empty list"),
    (("entities.yaml", "  lead_chars: 200\n", "  lead_chars: many\n"), "entities.yaml: macau_piece.lead_chars: must be a positive number"),
    (("entities.yaml", "sar_class_heads: [银行]", "sar_class_heads: [[]]"), "entities.yaml: sar_class_heads: must be a list of words"),
    (("entities.yaml", "scope_not_before: [场, ", "scope_not_before: [[], "), "entities.yaml: scope_not_before: must be a list of words"),
    (("metrics.yaml", "list_rank: '(?:居", "list_rank: '((?:居"), "metrics.yaml: list_rank: invalid regex"),
    (("attribution.yaml", "    place_modifier_patterns: ['[", "    place_modifier_patterns: ['(["),
     "(id attr.name.common_phrase).place_modifier_patterns: invalid regex"),
    (("entities.yaml", "place_officer_gap: 10\n", "place_officer_gap: 100\n"), "entities.yaml: place_officer_gap: must be an integer from 1 to 30"),
    (("entities.yaml", "  min_count: 3\n  not_starts:", "  min_count: many\n  not_starts:"),
     "entities.yaml: officer_company: must be a mapping with titles, min_count"),
    (("entities.yaml", "  not_starts: [国家, 中国]", "  not_starts: [[]]"), "entities.yaml: officer_company.not_starts: must be a list of words"),
    (("entities.yaml", "company_says_notice: '(?:", "company_says_notice: '((?:"), "entities.yaml: company_says_notice"),
    (("entities.yaml", "place_officers: [长, ", "place_officers: [[], "), "entities.yaml: place_officers: must be a list of words"),
    (("units.yaml", "    fraction_of: 1000\n", "    fraction_of: one\n"), "(id unit.permille).fraction_of: must be a whole number above 1"),
    (("units.yaml", "    renminbi_unit: 分\n", "    renminbi_unit: ''\n"), "(id unit.currency.hk_cent.fen).renminbi_unit: must be a unit"),
    (("entities.yaml", "  incorporation: '\\s*[（(]", "  incorporation: '(\\s*[（(]"),
     "company_definition[0] (id ent.company_definition).incorporation: invalid regex"),
    (("entities.yaml", "      money: singapore\n", "      money: []\n"), "entities.yaml: overseas_homes.countries[0]: must be a mapping with name, money"),
    (("entities.yaml", "    - name: 新加坡\n      money: singapore", "    - name: 甲加坡\n      money: singapore"),
     "entities.yaml: overseas_homes.countries[0]: '甲加坡' is no name of the gazetteer"),
    (("entities.yaml", "  self_words: [我国, ", "  self_words: [[], "), "entities.yaml: overseas_homes.self_words: must be a non-empty list"),
    (("entities.yaml", "  two_char_after: [在, ", "  two_char_after: [在于, "),
     "entities.yaml: counties[0] (id ent.counties).two_char_after: must be a list of single characters"),
    (("entities.yaml", "    汉中: [勉县, 洋县]", "    汉中: [勉县, 洋山县]"),
     "entities.yaml: counties[0] (id ent.counties).two_char.汉中: '洋山县' must be a county's name of two characters"),
    (("entities.yaml", "  city_stems: [万源, ", "  city_stems: [万县, "),
     "entities.yaml: counties[0] (id ent.counties).city_stems: '万县' is no stem of a county-level city"),
    (("metrics.yaml", "list_origin_heads: [旅客, ", "list_origin_heads: [[], "), "metrics.yaml: list_origin_heads: must be a list of words"),
    (("metrics.yaml", "list_opener_times: '(?:", "list_opener_times: '((?:"), "metrics.yaml: list_opener_times"),
    (("dates.yaml", "table_prior_head: '(?:", "table_prior_head: '((?:"), "dates.yaml: table_prior_head"),
    (("units.yaml", "    scope: paragraph\n", "    scope: sentence\n"), "(id currency.declared.priced_in).scope: must be document|paragraph"),
    (("entities.yaml", "  class_before: '(?:", "  class_before: '((?:"), "entities.yaml: scope_compared.class_before"),
    (("entities.yaml", "  listed_code: '[（(]", "  listed_code: '([（(]"), "entities.yaml: listed_code: invalid regex"),
    (("entities.yaml", "  keep: [我国, 本国]", "  keep: []"), "entities.yaml: mainland_report.keep: must be a non-empty list of words"),
    (("entities.yaml", "  grouping: true\n", "  grouping: 1\n"), "(id ent.region.东部地区).grouping: must be true or false"),
    (("attribution.yaml", "    own_time: '(?:", "    own_time: '((?:"), "attribution.yaml: sources[2] (id attr.source.own_spending).own_time: invalid regex"),
    (("attribution.yaml", "    own_results: [实现, ", "    own_results: [[], "), "own_results: must be a non-empty list"),
    (("entities.yaml", "dateline_after: '(?:", "dateline_after: '(?:(("), "entities.yaml: outlet_place[0] (id ent.outlet_place).dateline_after: invalid regex"),
    (("entities.yaml", "benchmark_before: [对标, ", "benchmark_before: [[], "), "entities.yaml: benchmark_before: must be a list of words"),
    (("dates.yaml", "full_year_lead: '(?:", "full_year_lead: '((?:"), "dates.yaml: full_year_lead: invalid regex"),
    # stop 48's key: a veto whose matches a metric never keeps
    (("nonfacts.yaml", "    cut_from_metric: true   # (a time", "    cut_from_metric: 1   # (a time"),
     "(id nonfact.clock_time).cut_from_metric: must be true or false"),
    (("attribution.yaml", "    context_investing: [投资, ", "    context_investing: [[], "), "context_investing"),
    # this stop's keys: a company's segment market, a paragraph opening on a place
    (("attribution.yaml", "    segment_after: '[", "    segment_after: '(["),
     "attribution.yaml: names[6] (id attr.name.common_phrase).segment_after: invalid regex"),
    (("attribution.yaml", "    segment_places: [国内, ", "    segment_places: [[], "), "segment_places"),
    (("entities.yaml", "  before: '\\s*(?:(?:在", "  before: '(\\s*(?:(?:在"), "entities.yaml: paragraph_place.before"),
    (("entities.yaml", "  after: '(?:方面|来看)?", "  afterx: '(?:方面|来看)?"), "paragraph_place: must be a mapping with before and after"),
    (("entities.yaml", "counted_before: '(?<![", "counted_before: '((?<!["), "entities.yaml: counted_before"),
    (("attribution.yaml", "    award_heads: [示范区, ", "    award_heads: [[], "), "award_heads"),
    (("attribution.yaml", "    name_only_shapes: ['^(?:合并", "    name_only_shapes: ['(^(?:合并"), "name_only_shapes"),
    (("attribution.yaml", "    analyst_endings: [咨询顾问股份有限公司, ", "    analyst_endings: [[], "), "analyst_endings"),
    (("numerals.yaml", "ratio_parts_before: '(?:结构", "ratio_parts_before: '((?:结构"), "numerals.yaml: ratio_parts_before"),
    (("metrics.yaml", "  pattern: '(?P<noun>[\\p{Han}A-Za-z0-9]{0,14}?", "  pattern: '((?P<noun>[\\p{Han}A-Za-z0-9]{0,14}?"), "metrics.yaml: amount_after.pattern: invalid regex"),
    (("metrics.yaml", "modifier_measures: [层, ", "modifier_measures: [[], "), "metrics.yaml: modifier_measures: must be a list of words"),
    (("metrics.yaml", "  summary: '\\s?[)）]", "  summary: '(\\s?[)）]"), "metrics.yaml: bracket_change.summary: invalid regex"),
    (("metrics.yaml", "  keep: [新增, 新签]", "  keepx: [新增, 新签]"), "amount_after: must be a mapping with pattern, verbs and keep"),
    (("attribution.yaml", "    own_figure_after: '的?(?:", "    own_figure_after: '(的?(?:"), "own_figure_after"),
    (("metrics.yaml", "  verbs: [完成, 实现, ", "  verbs: [[], 实现, "), "amount_after.verbs: must be a list of words"),
    (("attribution.yaml", "    benchmark_after: [则]", "    benchmark_after: [[]]"), "benchmark_after"),
    (("entities.yaml", "period_point: '(?<=", "period_point: '((?<="), "entities.yaml: period_point"),
    # stop 57's keys: a rank's whole after its verb, a breakdown's openers, a ministry's budget, 省 alone, a counted list
    (("attribution.yaml", "    whole_rank_before: [位居, ", "    whole_rank_before: [[], "), "whole_rank_before"),
    (("attribution.yaml", "    breakdown_openers: [分领域看, ", "    breakdown_openers: [[], "), "breakdown_openers"),
    (("attribution.yaml", "    budget_holders: [数位发展部, ", "    budget_holders: [[], "), "budget_holders"),
    (("entities.yaml", "province_prefix: '(?<=", "province_prefix: '((?<="), "entities.yaml: province_prefix"),
    (("metrics.yaml", "list_group_count: '(?:", "list_group_count: '((?:"), "metrics.yaml: list_group_count"),
    (("entities.yaml", "  report_tails: [一季报, ", "  report_tails: [[], "), "report_tails"),
    (("metrics.yaml", "predicate_particles: [了]", "predicate_particles: 了"), "metrics.yaml: predicate_particles: must be a list of words"),
    (("units.yaml", "  after: '\\p{Han}{2,6}?(?P<u>人次)", "  after: '(\\p{Han}{2,6}?(?P<u>人次)"), "units.yaml: noun_units"),
    (("dates.yaml", "section_heading: '^", "section_heading: '(^"), "dates.yaml: section_heading"),
    (("dates.yaml", "section_heading_max: 30", "section_heading_max: long"), "dates.yaml: section_heading_max"),
    (("metrics.yaml", "  funds:\n    pattern: '(?P<noun>", "  funds:\n    pattern: '((?P<noun>"), "amount_after.funds.pattern"),
    (("metrics.yaml", "  leads: [将, ", "  leads: [[], "), "change_from.leads"),
    (("metrics.yaml", "by_value_noun: '的?(?P<noun>", "by_value_noun: '的?(?P<n>"), "by_value_noun: must have a group noun"),
    (("attribution.yaml", "counted_group_open: '(?:", "counted_group_open: '((?:"), "counted_group_open"),
    (("metrics.yaml", "statistic_words: [平均, ", "statistic_words: [[], "), "statistic_words"),
    (("metrics.yaml", "object_markers: '(?<!", "object_markers: '((?<!"), "object_markers"),
    (("metrics.yaml", "source_end: '(?:", "source_end: '((?:"), "source_end"),
    (("metrics.yaml", "unit_nouns: {分: 得分}", "unit_nouns: {分: [得分]}"), "unit_nouns: must be a mapping unit -> noun"),
    (("kinds.yaml", "plan_title: '(?:", "plan_title: '((?:"), "kinds.yaml: plan_title: invalid regex"),
    (("metrics.yaml", "firm_count: '\\s?(?:", "firm_count: '(\\s?(?:"), "metrics.yaml: firm_count: invalid regex"),
    (("metrics.yaml", "described_thing: '", "described_thing: '("), "metrics.yaml: described_thing: invalid regex"),
    (("metrics.yaml", "one_thing: '", "one_thing: '("), "metrics.yaml: one_thing: invalid regex"),
    (("entities.yaml", "example_openers: [例如, ", "example_openers: [[], "), "entities.yaml: example_openers: must be a list of words"),
    (("entities.yaml", "lead_intro_role_endings: [者, ", "lead_intro_role_endings: ['', "),
     "entities.yaml: lead_intro_role_endings: must be a list of words"),
    (("entities.yaml", "scope_stock_words: [该股]", "scope_stock_words: 该股"), "entities.yaml: scope_stock_words: must be a list of words"),
    (("attribution.yaml", "    route_to: [到]", "    route_to: ['']"), "(id attr.name.cause).route_to"),
    (("attribution.yaml", "    circumstance_openers: [随着, ", "    circumstance_openers: ['', "), "(id attr.name.cause).circumstance_openers"),
    (("attribution.yaml", "    listing_frame: '在", "    listing_frame: '(在"), "(id attr.name.cause).listing_frame: invalid regex"),
    (("attribution.yaml", "    beneficiary_verbs: [支持, ", "    beneficiary_verbs: ['', "), "beneficiary_verbs"),
    (("attribution.yaml", "    exclusion_frame: '除", "    exclusion_frame: '(除"), "(id attr.name.cause).exclusion_frame: invalid regex"),
])
def test_invalid_rule_files_name_file_key_and_entry(tmp_path, mutation, message):
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d, ignore=shutil.ignore_patterns("normalize"))
    fname, old, new = mutation
    p = d / fname
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules(d)
    assert message in str(exc.value)


def test_renamed_date_group_is_an_e200_at_load_not_a_crash_later(tmp_path, monkeypatch):
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    p = d / "dates.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("(?P<rel>", "(?P<relative>", 1), encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_RULES", str(d))
    with pytest.raises(RuleError) as exc:
        zhfacts.extract("今年前7个月，我国智能算力规模达788EFLOPS。", doc="d", published="2025-09-01")
    assert exc.value.code == "E200" and "dates.yaml: dates[" in str(exc.value) and "relative" in str(exc.value)


def test_zhfacts_rules_redirects_every_rule_file(tmp_path, monkeypatch):
    """One variable: the extraction rules, the normalizer's and the alias table all come from it."""
    from zhfacts.evaluate.aliases import load_aliases
    from zhfacts.normalize import tables

    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    (d / "aliases.yaml").write_text("entities:\n  甲公司: [甲]\n", encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_RULES", str(d))
    tables._rules_dir_str.cache_clear()
    try:
        assert load_rules().directory == d
        assert tables.rules_dir() == d / "normalize"
        assert load_aliases() == {"甲公司": "甲公司", "甲": "甲公司"}
    finally:
        monkeypatch.undo()
        tables._rules_dir_str.cache_clear()


def test_duplicate_ids_are_rejected(tmp_path):
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d, ignore=shutil.ignore_patterns("normalize"))
    p = d / "kinds.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("id: kind.forecast", "id: kind.target"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"kinds.yaml: kinds\[1\] \(id kind.target\): duplicate id"):
        load_rules(d)


def test_public_api_survives_importing_the_implementing_modules():
    import zhfacts.extract.extractor  # noqa: F401
    import zhfacts.normalize.normalizer  # noqa: F401
    import zhfacts.evaluate.scoring  # noqa: F401

    for _ in range(2):
        assert callable(zhfacts.normalize) and callable(zhfacts.extract) and callable(zhfacts.evaluate)
        assert zhfacts.extract("我国智能算力规模达788EFLOPS。", doc="d", published="2025-09-01")[0]["value"] == 788


def _region_groups() -> list[dict]:
    from zhfacts.normalize import tables

    return tables.load("region_cues.yaml")["cues"]


REGION_EXAMPLES = [(g["id"], g["region"], ex) for g in _region_groups() for ex in g["examples"]]


@pytest.mark.parametrize("rule_id, group_region, example", REGION_EXAMPLES,
                         ids=lambda x: x if isinstance(x, str) else "")
def test_region_example(rule_id, group_region, example):
    """rules/normalize/region_cues.yaml: the document's region; a positive example counts its group's cues."""
    from zhfacts.normalize import script

    doc = zhfacts.normalize(example["text"])
    assert doc.region == example["region"], f"{rule_id}: {doc.region_evidence}"
    if example["region"] == group_region:
        info = script.analyse(example["text"])
        decision = script.region_decision(info.plain(example["text"]), None, example["text"], info.script)
        assert rule_id in {c[2] for c in decision.cues}, f"{rule_id}: cues {decision.cues}"


def test_every_region_cue_group_has_a_positive_example():
    assert [g["id"] for g in _region_groups() if not any(x["region"] == g["region"] for x in g["examples"])] == []
