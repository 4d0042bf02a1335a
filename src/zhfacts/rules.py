"""Rule files: where they are, load, validate.

Every rule file lives under one directory: ``$ZHFACTS_RULES`` if set, else the
``rules/`` shipped with the package. The extraction rules (``*.yaml``) are
loaded and validated here (:func:`load_rules`), the normalizer's
(``normalize/*.yaml``) by :mod:`zhfacts.normalize.tables` and the scorer's
alias table (``aliases.yaml``) by :mod:`zhfacts.evaluate.aliases`, all from
:func:`rules_path` and with errors in one form (E200, naming file, key and
entry). Validation also checks what the code expects of the data: a date rule's
resolver must be one :mod:`zhfacts.extract.dates` implements and its pattern
must capture the named groups that resolver reads.

The extraction rules are cached in memory per process and keyed on the files'
sizes and mtimes, so an edited rule file is picked up by the next
:func:`load_rules` call; parsed and validated, they are also kept in the
on-disk cache (:mod:`zhfacts.cache`) under a digest of the files' bytes, so a
new process skips the YAML parse and the validation of unchanged rules.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from zhfacts.contract import FACT_KINDS, QUALIFIERS, date_error, published_error, unit_form_error
from zhfacts.errors import RuleError

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

RULE_FILES = ("units", "qualifiers", "dates", "kinds", "entities", "metrics", "nonfacts", "lexicon", "numerals",
              "attribution")
#: The one environment variable that points zhfacts at another rules directory.
RULES_ENV = "ZHFACTS_RULES"


def rules_path(*parts: str) -> str:
    """A path under the rules directory (``rules_path("normalize", "script.yaml")``); no pathlib, cheap."""
    base = os.environ.get(RULES_ENV) or os.path.join(os.path.dirname(os.path.realpath(__file__)), "rules")
    return os.path.join(base, *parts)


def rules_dir() -> Path:
    """``$ZHFACTS_RULES`` if set, else the ``rules/`` shipped with the package."""
    from pathlib import Path

    return Path(rules_path())


@lru_cache(maxsize=2)
def strict_loader(pure: bool = False):
    """libyaml's safe loader (the pure-Python one with ``pure`` or without libyaml) that refuses a key written
    twice in one mapping: YAML keeps the last silently, so a second ``examples:`` of an entry would drop the
    first's examples unseen.  Every rule file is read with it (normalize's tables too)."""
    import yaml

    base = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):
        pass

    def mapping(loader, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        return loader.construct_mapping(node, deep=deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    return Loader


def read_yaml(path: Path | str):
    """The data of one rule file (libyaml when available); E200 naming the file when it is no YAML."""
    from pathlib import Path

    import yaml

    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=strict_loader())
    except FileNotFoundError:
        raise RuleError(f"{path.name}: rule file missing from {path.parent}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path.name}: not valid YAML: {exc}") from None


@dataclass
class Example:
    rule_id: str
    file: str
    text: str
    expect: list[dict]
    published: str | None = None


@dataclass
class Rules:
    directory: Path
    raw: dict[str, object]
    examples: list[Example] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # rule id -> file


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name

    def fail(self, where: str, msg: str):
        raise RuleError(f"{self.name}: {where}: {msg}")

    def entries(self, data, key: str) -> list[dict]:
        if not isinstance(data, dict) or key not in data:
            self.fail(key, f"missing top-level key {key!r}")
        items = data[key]
        if not isinstance(items, list):
            self.fail(key, "must be a list of entries")
        for i, entry in enumerate(items):
            if not isinstance(entry, dict):
                self.fail(f"{key}[{i}]", "entry must be a mapping")
        return items

    def pattern(self, data, key: str) -> str:
        """The top-level regex ``key`` of the file (required)."""
        import regex

        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, str) or not value:
            self.fail(key, "missing or not a regex string")
        try:
            regex.compile(value)
        except regex.error as exc:
            self.fail(key, f"invalid regex {value!r}: {exc}")
        return value

    def where(self, key: str, i: int, entry: dict) -> str:
        return f"{key}[{i}] (id {entry.get('id', '?')})"

    def require(self, key: str, i: int, entry: dict, field_: str, typ):
        if field_ not in entry:
            self.fail(self.where(key, i, entry), f"missing key {field_!r}")
        if not isinstance(entry[field_], typ):
            self.fail(self.where(key, i, entry) + f".{field_}", f"must be {getattr(typ, '__name__', typ)}")
        return entry[field_]

    def words(self, key, i, entry, field_):
        words = self.require(key, i, entry, field_, list)
        if not words or not all(isinstance(w, str) and w for w in words):
            self.fail(self.where(key, i, entry) + f".{field_}", "must be a non-empty list of non-empty strings")
        return words

    def word_lists(self, data, section: str, keys: tuple[str, ...]) -> None:
        """The top-level mapping ``section`` holds each of ``keys`` as a non-empty list of words."""
        e = data[section]
        for key in keys:
            if not isinstance(e, dict) or not isinstance(e.get(key), list) or not e[key] \
                    or not all(isinstance(w, str) and w for w in e[key]):
                self.fail(f"{section}.{key}", "must be a non-empty list of words")

    def regex(self, key, i, entry, field_, pattern):
        import regex

        try:
            regex.compile(pattern)
        except regex.error as exc:
            self.fail(self.where(key, i, entry) + f".{field_}", f"invalid regex {pattern!r}: {exc}")

    def examples(self, key, i, entry, out: list[Example]):
        exs = entry.get("examples", [])
        if not isinstance(exs, list):
            self.fail(self.where(key, i, entry) + ".examples", "must be a list")
        for j, ex in enumerate(exs):
            w = self.where(key, i, entry) + f".examples[{j}]"
            if not isinstance(ex, dict) or not isinstance(ex.get("text"), str):
                self.fail(w, "an example needs a 'text' string")
            expect = ex.get("expect")
            if not isinstance(expect, list) or not all(isinstance(e, dict) for e in expect):
                self.fail(w, "'expect' must be a list of expected facts ([] for a negative example)")
            for e in expect:
                if "qualifier" in e and e["qualifier"] not in QUALIFIERS:
                    self.fail(w, f"qualifier {e['qualifier']!r} not in {list(QUALIFIERS)}")
                if "kind" in e and e["kind"] not in FACT_KINDS:
                    self.fail(w, f"kind {e['kind']!r} not in {list(FACT_KINDS)}")
                date = e.get("date")
                if date_error(date.isoformat() if hasattr(date, "isoformat") else date):
                    self.fail(w, f"date: {date_error(date)}")
                if isinstance(e.get("unit"), str) and unit_form_error(e["unit"]):
                    self.fail(w, f"unit: {unit_form_error(e['unit'])}")
            pub = ex.get("published")
            # published: none — an example read as a document that states no publication date
            if pub != "none" and published_error(pub):
                self.fail(w + ".published", published_error(pub))
            out.append(Example(entry.get("id", f"{key}[{i}]"), self.name, ex["text"], expect,
                               str(pub) if pub is not None else None))


def _validate(name: str, path: Path, data, examples: list[Example], ids: dict[str, str]):
    c = _Checker(path)

    def common(key, i, e):
        rid = c.require(key, i, e, "id", str)
        if rid in ids:
            c.fail(c.where(key, i, e), f"duplicate id (also in {ids[rid]})")
        ids[rid] = path.name
        c.examples(key, i, e, examples)

    def pattern_entry(key: str, groups: str) -> None:
        """The optional top-level mapping ``key`` of one rule: id, pattern (``groups``) and examples."""
        if key not in data:
            return
        e = data[key]
        if not isinstance(e, dict) or "pattern" not in e:
            c.fail(key, f"must be a mapping with id, pattern ({groups}) and examples")
        common(key, 0, e)
        c.pattern({f"{key}.pattern": e.get("pattern")}, f"{key}.pattern")

    if name == "units":
        pattern_entry("counted_in", "group 1: the currency")
        pattern_entry("per_before", "group per: what the figure is per")
        pattern_entry("renminbi_piece", "an amount written in renminbi")
        if "renminbi_piece" in data:
            e = data["renminbi_piece"]
            c.regex("renminbi_piece", 0, e, "unless", c.require("renminbi_piece", 0, e, "unless", str))
            if "bare_before" in e:
                c.regex("renminbi_piece", 0, e, "bare_before", c.require("renminbi_piece", 0, e, "bare_before", str))
            regions = e.get("regions")
            if not (isinstance(regions, list) and regions and all(r in ("mainland", "taiwan", "hongkong") for r in regions)):
                c.fail(c.where("renminbi_piece", 0, e) + ".regions", "must be a list of mainland, taiwan or hongkong")
        for i, e in enumerate(c.entries(data, "units")):
            common("units", i, e)
            unit = c.require("units", i, e, "unit", str)
            if unit_form_error(unit):
                c.fail(c.where("units", i, e) + ".unit", unit_form_error(unit))
            c.words("units", i, e, "forms")
            if e.get("kind") not in {"symbol", "measure", "currency", "duration", "percent", "multiple"}:
                c.fail(c.where("units", i, e) + ".kind", "must be symbol|measure|currency|duration|percent|multiple")
            for key in ("context", "not_before"):
                if key in e:
                    c.regex("units", i, e, key, e[key])
            if "fraction_of" in e and (not isinstance(e["fraction_of"], int) or isinstance(e["fraction_of"], bool)
                                       or e["fraction_of"] < 2):
                c.fail(c.where("units", i, e) + ".fraction_of", "must be a whole number above 1")
            if not isinstance(e.get("renminbi_unit", ""), str) or e.get("renminbi_unit") == "":
                c.fail(c.where("units", i, e) + ".renminbi_unit", "must be a unit")
            if not isinstance(e.get("as_written", False), bool):
                c.fail(c.where("units", i, e) + ".as_written", "must be true or false")
            if not isinstance(e.get("per_price", True), bool):
                c.fail(c.where("units", i, e) + ".per_price", "must be true or false")
            if "before" in e:
                c.words("units", i, e, "before")
            if not isinstance(e.get("by_region", {}), dict):
                c.fail(c.where("units", i, e) + ".by_region", "must be a mapping region -> unit")
            for key in ("implied_by", "implied_by_comparison", "quantity_currency", "price_per"):
                if key in e:
                    c.regex("units", i, e, key, e[key])
            if "price_topic" in e:  # (住宅電價平均2.89元: an electricity price, per 度)
                t = e["price_topic"]
                if not isinstance(t, dict) or not isinstance(t.get("per"), str) or not isinstance(t.get("window"), int) \
                        or not isinstance(t.get("max"), (int, float)):
                    c.fail(c.where("units", i, e) + ".price_topic", "must be a mapping with regions, pattern, per, window and max")
                c.words("units", i, t, "regions")
                c.regex("units", i, e, "price_topic.pattern", c.require("units", i, t, "pattern", str))
        if "declared_amount" in data:
            e = data["declared_amount"]
            if not isinstance(e, dict):
                c.fail("declared_amount", "must be a mapping with id, unless_bare_head and examples")
            common("declared_amount", 0, e)
            if not isinstance(e.get("unless_bare_head", ""), str):
                c.fail(c.where("declared_amount", 0, e) + ".unless_bare_head", "must be the id of a metrics.yaml bare_heads entry")
            if "unless_before" in e:
                c.regex("declared_amount", 0, e, "unless_before", e["unless_before"])
        if "noun_units" in data:
            e = data["noun_units"]
            if not isinstance(e, dict):
                c.fail("noun_units", "must be a mapping with id, pattern and examples")
            common("noun_units", 0, e)
            pattern = c.require("noun_units", 0, e, "pattern", str)
            c.regex("noun_units", 0, e, "pattern", pattern)
            if "after" in e:
                c.regex("noun_units", 0, e, "after", e["after"])
                if "(?P<u>" not in e["after"]:
                    c.fail(c.where("noun_units", 0, e) + ".after", "must capture the unit as (?P<u>...)")
            if "(?P<u>" not in pattern:
                c.fail(c.where("noun_units", 0, e) + ".pattern", "must capture the unit as (?P<u>...)")
        if "per_symbols" in data:
            e = data["per_symbols"]
            if not isinstance(e, dict):
                c.fail("per_symbols", "must be a mapping with id, symbols and examples")
            common("per_symbols", 0, e)
            sym = e.get("symbols")
            if not isinstance(sym, dict) or not sym or not all(
                    isinstance(k, str) and k and isinstance(v, str) and v.isascii() and v for k, v in sym.items()):
                c.fail(c.where("per_symbols", 0, e) + ".symbols", "must map written units to their ASCII symbols")
        if "currency_codes" in data and (not isinstance(data["currency_codes"], list) or not all(
                isinstance(w, str) and len(w) == 3 and w.isascii() and w.isupper() for w in data["currency_codes"])):
            c.fail("currency_codes", "must be a list of three-letter ISO 4217 codes")
        for i, e in enumerate(data.get("measure_words") or ()):
            common("measure_words", i, e)
            c.words("measure_words", i, e, "words")
            c.words("measure_words", i, e, "units")
        for i, e in enumerate(data.get("declarations") or ()):
            common("declarations", i, e)
            pattern = c.require("declarations", i, e, "pattern", str)
            c.regex("declarations", i, e, "pattern", pattern.replace("{CUR}", "人民币"))
            if "(?P<cur>" not in pattern:
                c.fail(c.where("declarations", i, e) + ".pattern", "must capture the currency as (?P<cur>...)")
            if e.get("scope", "document") not in ("document", "paragraph"):
                c.fail(c.where("declarations", i, e) + ".scope", "must be document|paragraph")
    elif name == "qualifiers":
        for i, e in enumerate(c.entries(data, "qualifiers")):
            common("qualifiers", i, e)
            if e.get("qualifier") not in QUALIFIERS:
                c.fail(c.where("qualifiers", i, e) + ".qualifier", f"must be one of {list(QUALIFIERS)}")
            if e.get("position") not in {"before", "infix", "after"}:
                c.fail(c.where("qualifiers", i, e) + ".position", "must be before|infix|after")
            c.words("qualifiers", i, e, "words")
            if "not_before" in e:
                if e.get("position") != "infix":
                    c.fail(c.where("qualifiers", i, e) + ".not_before", "only an infix word has one")
                c.regex("qualifiers", i, e, "not_before", e["not_before"])
            if "not_after" in e:
                if e.get("position") != "before":
                    c.fail(c.where("qualifiers", i, e) + ".not_after", "only a before word has one")
                c.words("qualifiers", i, e, "not_after")
            if "in_metric" in e and not isinstance(e["in_metric"], bool):
                c.fail(c.where("qualifiers", i, e) + ".in_metric", "must be true or false")
    elif name == "dates":
        import re

        import regex

        from zhfacts.extract.dates import RESOLVERS, _unnamed, expanded_patterns  # what the code implements and reads

        for key in ("year", "month", "day", "fiscal_year", "figure"):
            if key in data and not isinstance(data[key], str):
                c.fail(key, "must be a regex string")
        c.pattern(data, "baseline_before")
        for key in ("baseline_after", "recovery_level", "start_before", "since_after", "since_superlative", "scope_gap", "figure",
                    "written_quarter", "recalled_quarter", "estimate_made", "report_title", "report_cue", "report_release", "results_cue", "results_preview", "results_year", "same_period_own", "prev_quarter_own", "contrast_own", "annual_results", "report_lead", "full_year_lead", "change_end", "change_from_point", "revision_after", "difference_after",
                    "table_year", "event_name", "event_before", "cause_before", "cause_after", "cause_open", "list_intro", "list_item", "list_opener", "list_intro_next", "clause_continues", "section_heading", "section_heading_period", "dateline", "this_year_gloss", "this_year_month", "relative_month", "fiscal_quarter_after",
                    "fiscal_quarter_months", "table_end_head", "table_prior_head"):
            if key in data:
                c.pattern(data, key)
        if "change_from_point" in data and "y1" not in regex.compile(data["change_from_point"]).groupindex:
            c.fail("change_from_point", "must have a group y1 (the first point's year)")
        if "table_end_units" in data and (not isinstance(data["table_end_units"], list)
                                          or not all(isinstance(w, str) and w for w in data["table_end_units"])):
            c.fail("table_end_units", "must be a list of units")
        if "section_heading_max" in data and not (isinstance(data["section_heading_max"], int) and data["section_heading_max"] > 0):
            c.fail("section_heading_max", "must be a positive number of characters")
        if "annual_results_by" in data and not (isinstance(data["annual_results_by"], int) and 0 <= data["annual_results_by"] <= 12):
            c.fail("annual_results_by", "must be a month number (0 to 12)")
        if "table_forecast_marks" in data:
            if not isinstance(data["table_forecast_marks"], str):
                c.fail("table_forecast_marks", "must be a string of marks (EF)")
            elif "mark" not in regex.compile(data.get("table_year", "")).groupindex:
                c.fail("table_year", "must have a group mark when table_forecast_marks is given")
        entries = c.entries(data, "dates")
        for i, e in enumerate(entries):
            common("dates", i, e)
            c.require("dates", i, e, "pattern", str)
            if e.get("resolve") not in RESOLVERS:
                c.fail(c.where("dates", i, e) + ".resolve", f"must be one of {sorted(RESOLVERS)}")
            if e.get("role", "") not in ("", "baseline", "start"):
                c.fail(c.where("dates", i, e) + ".role", "must be baseline|start (or absent)")
            if "in_name_before" in e:
                c.words("dates", i, e, "in_name_before")
            if not isinstance(e.get("in_name", False), bool):
                c.fail(c.where("dates", i, e) + ".in_name", "must be true or false")
            if e.get("region") not in (None, "mainland", "taiwan", "hongkong"):
                c.fail(c.where("dates", i, e) + ".region", "must be mainland|taiwan|hongkong (or absent)")
        for i, (e, (_, resolve, pattern)) in enumerate(zip(entries, expanded_patterns(data))):
            c.regex("dates", i, e, "pattern", pattern)
            try:  # (the date scan reads every rule in one alternation of the standard library's engine)
                re.compile(_unnamed(pattern))
            except re.error as err:
                c.fail(c.where("dates", i, e) + ".pattern",
                       f"the standard library's engine cannot read it ({err}): the date scan reads every rule in one "
                       "such alternation (a look-behind of several widths: look back at a fixed width, or match the cue)")
            why = RESOLVERS[resolve].check(regex.compile(pattern).groupindex)
            if why:
                c.fail(c.where("dates", i, e) + ".pattern", f"resolver {resolve!r} {why}")
    elif name == "kinds":
        for i, e in enumerate(c.entries(data, "kinds")):
            common("kinds", i, e)
            if e.get("kind") not in FACT_KINDS[1:]:
                c.fail(c.where("kinds", i, e) + ".kind", f"must be one of {list(FACT_KINDS[1:])}")
            for p in c.words("kinds", i, e, "cues"):
                c.regex("kinds", i, e, "cues", p)
            if "reached" in e:
                c.regex("kinds", i, e, "reached", e["reached"])
            if "paragraph_frame" in e:
                c.regex("kinds", i, e, "paragraph_frame", e["paragraph_frame"])
                if "(?P<y>" not in str(e["paragraph_frame"]):
                    c.fail(c.where("kinds", i, e) + ".paragraph_frame", "must capture the year as the named group y")
        if "plan_title" in data:  # (…行动方案: a plan's headline)
            c.pattern(data, "plan_title")
    elif name == "entities":
        for i, e in enumerate(c.entries(data, "entities")):
            common("entities", i, e)
            c.require("entities", i, e, "name", str)
            c.require("entities", i, e, "type", str)
            c.words("entities", i, e, "aliases")
            if "segment" in e and not isinstance(e["segment"], bool):
                c.fail(c.where("entities", i, e) + ".segment", "must be true or false")
            if "parent" in e and not (isinstance(e["parent"], str) and e["parent"]):
                c.fail(c.where("entities", i, e) + ".parent", "must be the name of the company the line belongs to")
            for key in ("place_holds", "group", "local", "grouping"):
                if key in e and not isinstance(e[key], bool):
                    c.fail(c.where("entities", i, e) + f".{key}", "must be true or false")
            if "municipality" in e and not isinstance(e["municipality"], bool):
                c.fail(c.where("entities", i, e) + ".municipality", "must be true or false")
            if "region" in e and e["region"] not in ("mainland", "taiwan", "hongkong"):
                c.fail(c.where("entities", i, e) + ".region", "must be mainland, taiwan or hongkong")
            if "not_before" in e:
                c.words("entities", i, e, "not_before")
            if "regional_aliases" in e:  # 国泰 names 国泰航空 in Hong Kong text only
                ra = e["regional_aliases"]
                if not isinstance(ra, dict) or not set(ra) <= {"mainland", "taiwan", "hongkong"} or not all(
                        isinstance(ws, list) and ws and all(isinstance(w, str) and w for w in ws) for ws in ra.values()):
                    c.fail(c.where("entities", i, e) + ".regional_aliases",
                           "must map mainland, taiwan or hongkong to a list of aliases")
        for i, e in enumerate(c.entries(data, "suffixes")):
            common("suffixes", i, e)
            c.require("suffixes", i, e, "type", str)
            c.words("suffixes", i, e, "suffixes")
            for key in ("zone_suffixes", "named_token_suffixes"):
                if key in e:
                    c.words("suffixes", i, e, key)
                    if not set(e[key]) <= set(e.get("suffixes") or ()):
                        c.fail(c.where("suffixes", i, e) + f".{key}", "must be suffixes of the entry")
            for key in ("named_only", "never_source"):
                if not isinstance(e.get(key, False), bool):
                    c.fail(c.where("suffixes", i, e) + f".{key}", "must be true or false")
            for key in ("not_after", "not_before", "not_stems", "works_words"):
                if key in e:
                    c.words("suffixes", i, e, key)
            if "described" in e:  # (投资1.4亿元的甲县乙中心项目: a name its amount describes)
                c.regex("suffixes", i, e, "described", c.require("suffixes", i, e, "described", str))
            if "site_names" in e:  # 青衣「巨无霸」物流地: the shape of a site's name
                site = e["site_names"]
                if not isinstance(site, dict):
                    c.fail(c.where("suffixes", i, e) + ".site_names", "must be a mapping")
                for k in ("street_words", "measure_words", "lot_words", "junction_joiners", "drop"):
                    c.words("suffixes", i, site, k)
                for j, p in enumerate(site["drop"] + [c.require("suffixes", i, site, "junction_ahead", str)]):
                    c.regex("suffixes", i, e, f"site_names.drop[{j}]" if j < len(site["drop"]) else "site_names.junction_ahead", p)
        for key in ("source_cues", "place_forecast_cues", "frame_prefixes", "generic_prefixes", "pronouns", "class_heads", "bare_scope", "glued_prefixes",
                    "statistical_scopes"):
            if not isinstance(data.get(key), list):
                c.fail(key, "must be a list of words")
        for key in ("cluster_heads", "plain_heads"):
            if key in data:
                c.words(key, 0, data, key)
        for key, default in (("source_gap_max", 12), ("place_officer_gap", 10), ("officer_gap", 20)):
            gap = data.get(key, default)
            if not isinstance(gap, int) or isinstance(gap, bool) or not 1 <= gap <= 30:
                c.fail(key, "must be an integer from 1 to 30")
        if "officer_company" in data:  # (半导体检测厂甲康董事长某某表示: the unknown company its officer speaks for)
            e = data["officer_company"]
            if not isinstance(e, dict) or not isinstance(e.get("min_count"), int) or isinstance(e.get("min_count"), bool) \
                    or not 2 <= e["min_count"] <= 10:
                c.fail("officer_company", "must be a mapping with titles, min_count (an integer from 2 to 10) and not_starts")
            for key in ("titles", "not_starts"):
                if not isinstance(e.get(key), list) or not all(isinstance(w, str) and w for w in e[key]):
                    c.fail(f"officer_company.{key}", "must be a list of words")
        for key in ("company_says", "reported_verbs", "lead_parks", "benchmark_before", "glued_markers", "legal_endings", "generic_company_endings", "place_markets",
                    "sar_class_heads", "place_officers", "scope_not_before", "lead_intro_role_endings", "example_openers",
                    "scope_stock_words"):
            if not isinstance(data.get(key, []), list) or not all(isinstance(w, str) and w for w in data.get(key, [])):
                c.fail(key, "must be a list of words")
        for key, size in (("coded_abbreviation", "min_chars"), ("coded_listing", "max_chars")):
            if key not in data:
                continue
            e = data[key]
            if not isinstance(e, dict):
                c.fail(key, f"must be a mapping with id, {size} and examples")
            common(key, 0, e)
            if not isinstance(e.get(size), int) or e[size] < 2:
                c.fail(c.where(key, 0, e) + f".{size}", "must be an integer of at least 2")
        if "outlet_place" in data:
            e = data["outlet_place"]
            if not isinstance(e, dict):
                c.fail("outlet_place", "must be a mapping with id, outlets and examples")
            common("outlet_place", 0, e)
            c.words("outlet_place", 0, e, "outlets")
            if "dateline_after" in e:
                if not isinstance(e["dateline_after"], str) or not e["dateline_after"]:
                    c.fail(c.where("outlet_place", 0, e) + ".dateline_after", "must be a regex string")
                c.regex("outlet_place", 0, e, "dateline_after", e["dateline_after"])
            portals = e.get("portals", {})
            if not isinstance(portals, dict) or not all(isinstance(k, str) and k and isinstance(v, str) and v
                                                        for k, v in portals.items()):
                c.fail(c.where("outlet_place", 0, e) + ".portals", "must be a mapping portal -> province")
        if "results_piece" in data:  # 核心财务表现 - 收入…净亏损…: a results summary's own words
            e = data["results_piece"]
            if not isinstance(e, dict):
                c.fail("results_piece", "must be a mapping with id, words, min and examples")
            common("results_piece", 0, e)
            c.words("results_piece", 0, e, "words")
            if not (isinstance(e.get("min"), int) and not isinstance(e.get("min"), bool) and e["min"] >= 1):
                c.fail(c.where("results_piece", 0, e) + ".min", "must be a whole number of 1 or more")
        if "scope_compared" in data:  # 位居全省前列: a scope word a rank or a comparison names
            e = data["scope_compared"]
            if not isinstance(e, dict) or not set(e) <= {"before", "after", "class_before"}:
                c.fail("scope_compared", "must be a mapping with before, after and class_before (regexes)")
            for key in ("before", "after", "class_before"):
                if isinstance(e, dict) and key in e:
                    c.pattern({f"scope_compared.{key}": e[key]}, f"scope_compared.{key}")
        if "global_lead" in data:  # a lead about a worldwide market, or citing a worldwide tracker: 全球's piece
            e = data["global_lead"]
            if not isinstance(e, dict) or not isinstance(e.get("holder"), str) or not e["holder"]:
                c.fail("global_lead", "must be a mapping with holder, places, words and trackers")
            for key in ("places", "words", "trackers"):
                if key in e and (not isinstance(e[key], list) or not all(isinstance(w, str) and w for w in e[key])):
                    c.fail(f"global_lead.{key}", "must be a list of non-empty strings")
            if isinstance(e, dict) and "piece" in e:  # a piece about worldwide markets: the world named more than the country
                piece = e["piece"]
                if not isinstance(piece, dict) or not isinstance(piece.get("min"), int) or piece["min"] < 1:
                    c.fail("global_lead.piece.min", "must be a positive number of mentions")
                else:
                    c.word_lists({"global_lead.piece": piece}, "global_lead.piece", ("home",))
                    for key in ("compared_before", "compared_after"):
                        if key in piece:
                            c.pattern({f"global_lead.piece.{key}": piece[key]}, f"global_lead.piece.{key}")
        if "mainland_report" in data:  # the mainland bodies whose report makes a Taiwanese piece's 全国 the mainland's
            c.word_lists(data, "mainland_report", ("bodies", "keep", "qualified_before"))
        if "overseas_homes" in data:  # an overseas outlet's own country: its words, its money's region
            c.word_lists(data, "overseas_homes", ("rivals", "self_words"))
            countries = data["overseas_homes"].get("countries") if isinstance(data["overseas_homes"], dict) else None
            countries_named = {x["name"] for x in data.get("entities", []) if isinstance(x, dict) and "name" in x}
            for i, e in enumerate(countries if isinstance(countries, list) and countries else [None]):
                if not isinstance(e, dict) or not all(isinstance(e.get(k), str) and e[k] for k in ("name", "money")) \
                        or not all(isinstance(e.get(k, [] if k == "also" else None), list)
                                   and (e.get(k) or k == "also") and all(isinstance(w, str) and w for w in e.get(k, []))
                                   for k in ("own", "also")):
                    c.fail(f"overseas_homes.countries[{i}]", "must be a mapping with name, money, the word list own "
                                                             "(and also, the forms the gazetteer lacks)")
                elif e["name"] not in countries_named:
                    c.fail(f"overseas_homes.countries[{i}]", f"{e['name']!r} is no name of the gazetteer (entities)")
        if "macau_piece" in data:  # the cues that make a Hong Kong-read piece Macau's, and Hong Kong's rivals
            c.word_lists(data, "macau_piece", ("cues", "rivals", "own_cues", "lead_bodies"))
            e = data["macau_piece"]
            if not isinstance(e.get("lead_chars"), int) or e["lead_chars"] < 1:
                c.fail("macau_piece.lead_chars", "must be a positive number of characters")
            if isinstance(e, dict) and "listed_code" in e:
                c.pattern(e, "listed_code")
        # the gazetteer's names (and all the forms of each) -> their entry's id: what province_cities and counties name
        named = [x for x in data.get("entities", []) if isinstance(x, dict) and "name" in x]
        id_of_name = {x["name"]: x.get("id") for x in named}
        id_of_form = {a: x.get("id") for x in named for a in (x.get("aliases") or [])} | id_of_name
        if "province_cities" in data:  # a province's cities (甲、乙等市州): 全省 of a piece naming only them
            e = data["province_cities"]
            if not isinstance(e, dict):
                c.fail("province_cities", "must be a mapping with id, min_cities, provinces and examples")
            common("province_cities", 0, e)
            if not isinstance(e.get("min_cities"), int) or e["min_cities"] < 2:
                c.fail(c.where("province_cities", 0, e) + ".min_cities", "must be an integer of at least 2")
            known = id_of_name
            provinces = e.get("provinces")
            if not isinstance(provinces, dict) or not provinces:
                c.fail(c.where("province_cities", 0, e) + ".provinces", "must be a mapping province -> list of cities")
            seen = {}
            for prov, cities in provinces.items():
                where = c.where("province_cities", 0, e) + f".provinces.{prov}"
                if not str(known.get(prov, "")).startswith("ent.province."):
                    c.fail(where, "is no province of the gazetteer (entities)")
                if not isinstance(cities, list) or not cities:
                    c.fail(where, "must be a list of cities")
                for city in cities:
                    if not str(known.get(city, "")).startswith("ent.city."):
                        c.fail(where, f"{city!r} is no city of the gazetteer (entities)")
                    if city in seen:
                        c.fail(where, f"{city!r} is listed under {seen[city]} too")
                    seen[city] = prov
        if "counties" in data:  # county-level places by their city (甲区, 乙县, 丙市): entries of the gazetteer
            e = data["counties"]
            if not isinstance(e, dict):
                c.fail("counties", "must be a mapping with id, not_before, cities and examples")
            common("counties", 0, e)
            where = c.where("counties", 0, e)
            endings = e.get("not_before")
            if not isinstance(endings, dict) or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, list)
                                                        and all(isinstance(w, str) and w for w in v)
                                                        for k, v in endings.items()):
                c.fail(where + ".not_before", "must be a mapping last character -> list of words")
            known = id_of_form
            cities = e.get("cities")
            if not isinstance(cities, dict) or not cities:
                c.fail(where + ".cities", "must be a mapping city -> list of county-level names")
            for city, names in cities.items():
                at = f"{where}.cities.{city}"
                if not str(known.get(city, "")).startswith(("ent.city.", "ent.province.")):
                    c.fail(at, "is no city or province of the gazetteer (entities)")
                if not isinstance(names, list) or not names:
                    c.fail(at, "must be a list of county-level names")
                for n in names:
                    if not isinstance(n, str) or len(n) < 3 or n[-1] not in endings:
                        c.fail(at, f"{n!r} must be a full name of three or more characters ending in one of "
                                   f"{''.join(endings)}")
                    if n in known:
                        c.fail(at, f"{n!r} is a name of the gazetteer's {known[n]} already")
                    if names.count(n) > 1:
                        c.fail(at, f"{n!r} is listed twice")
            after = e.get("two_char_after", [])
            if not isinstance(after, list) or not all(isinstance(w, str) and len(w) == 1 for w in after):
                c.fail(where + ".two_char_after", "must be a list of single characters")
            two = e.get("two_char", {})
            if not isinstance(two, dict):
                c.fail(where + ".two_char", "must be a mapping city -> list of two-character county names")
            for city, names in two.items():
                at = f"{where}.two_char.{city}"
                if not str(known.get(city, "")).startswith(("ent.city.", "ent.province.")):
                    c.fail(at, "is no city or province of the gazetteer (entities)")
                for n in names if isinstance(names, list) else [None]:
                    if not isinstance(n, str) or len(n) != 2 or n[-1] != "县" or n in known:
                        c.fail(at, f"{n!r} must be a county's name of two characters ending in 县, no gazetteer name")
            listed = {n for names in cities.values() for n in names}
            stems = e.get("city_stems", [])
            if not isinstance(stems, list):
                c.fail(where + ".city_stems", "must be a list of the stems of county-level cities (义乌 for 义乌市)")
            for st in stems:
                if not isinstance(st, str) or len(st) < 2 or st + "市" not in listed:
                    c.fail(where + ".city_stems", f"{st!r} is no stem of a county-level city the table lists (…市)")
                if st in known or st in listed:
                    c.fail(where + ".city_stems", f"{st!r} is a name of the gazetteer already")
        if "company_definition" in data:
            e = data["company_definition"]
            if not isinstance(e, dict):
                c.fail("company_definition", "must be a mapping with id, pattern and examples")
            common("company_definition", 0, e)
            selfs = "|".join(data.get("scope_aliases", {}).get("company", [])) or "(?!)"
            c.pattern({"company_definition.pattern": str(e.get("pattern", "")).replace("{self}", selfs)},
                      "company_definition.pattern")
            if "incorporation" in e:  # (于甲地注册成立之有限责任公司: the note between a name and its code)
                c.regex("company_definition", 0, e, "incorporation",
                        c.require("company_definition", 0, e, "incorporation", str))
        if "facility_phase" in data:  # 一期, （一期）: a phase after a facility's name, part of it
            e = data["facility_phase"]
            if not isinstance(e, dict):
                c.fail("facility_phase", "must be a mapping with id, pattern, brackets and examples")
            common("facility_phase", 0, e)
            for key in ("pattern", "brackets"):
                c.regex("facility_phase", 0, e, key, c.require("facility_phase", 0, e, key, str))
        if "company_descriptor" in data:  # 网通大厂甲乙: a description before a company's name
            e = data["company_descriptor"]
            if not isinstance(e, dict):
                c.fail("company_descriptor", "must be a mapping with id, heads, kinds, min_name and examples")
            common("company_descriptor", 0, e)
            c.words("company_descriptor", 0, e, "heads")
            c.words("company_descriptor", 0, e, "kinds")  # (供应商: a kind of firm, no description of one)
            if not isinstance(e.get("min_name"), int) or e["min_name"] < 1:
                c.fail(c.where("company_descriptor", 0, e) + ".min_name", "must be a positive integer")
        if "company_members" in data:  # 甲硅微、乙丙产业等企业: the items of a list of firms
            e = data["company_members"]
            if not isinstance(e, dict):
                c.fail("company_members", "must be a mapping with id, item, classes, patterns and examples")
            common("company_members", 0, e)
            c.words("company_members", 0, e, "classes")
            item = c.require("company_members", 0, e, "item", str)
            c.regex("company_members", 0, e, "item", item)
            for j, p in enumerate(c.require("company_members", 0, e, "patterns", list)):
                if "{items}" not in str(p):
                    c.fail(c.where("company_members", 0, e) + f".patterns[{j}]", "must contain {items}")
                c.regex("company_members", 0, e, f"patterns[{j}]", str(p).replace("{items}", item).replace("{classes}", "企业"))
        if "stock_movers" in data:  # 甲明生物業績後升近12%: a stock a market report moves
            e = data["stock_movers"]
            if not isinstance(e, dict):
                c.fail("stock_movers", "must be a mapping with id, market_cues, pattern, not_names, not_endings and examples")
            common("stock_movers", 0, e)
            for key in ("market_cues", "not_names", "not_endings", "not_inside"):
                c.words("stock_movers", 0, e, key)
            c.regex("stock_movers", 0, e, "pattern", c.require("stock_movers", 0, e, "pattern", str))
        subj = data.get("results_subject", {})
        for key in ("times", "announces", "venues"):  # (patterns of the results_subject clause)
            for j, p in enumerate(subj.get(key) or ()):
                c.regex("results_subject", 0, subj, f"{key}[{j}]", p)
        for key in ("verbs", "adverbs", "report_tails"):
            if key in subj:
                c.words("results_subject", 0, subj, key)
        marks = subj.get("company_marks")
        if marks is not None:  # 青禾電, 晶宇科技-KY: an unknown name with a company's ending
            if not isinstance(marks, dict):
                c.fail("results_subject.company_marks", "must be a mapping with id, endings, stem_chars and examples")
            common("results_subject.company_marks", 0, marks)
            c.words("results_subject.company_marks", 0, marks, "endings")
            c.words("results_subject.company_marks", 0, marks, "not_stems")
            span = marks.get("stem_chars")
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) for n in span) and 1 <= span[0] <= span[1]):
                c.fail(c.where("results_subject.company_marks", 0, marks) + ".stem_chars", "must be [min, max] characters")
        if not isinstance(data.get("region_overrides", {}), dict):
            c.fail("region_overrides", "must be a mapping region -> {alias: entity}")
        # patterns inside mappings (results_subject times/words, product_models pattern), named by their path
        nested = [(f"results_subject.{k}[{j}]", p) for k in ("times", "announces", "words")
                  for j, p in enumerate(data.get("results_subject", {}).get(k, []))]
        if "product_models" in data:
            nested.append(("product_models.pattern", data["product_models"].get("pattern")))
            means = data["product_models"].get("means_cues", [])  # (凭借A100…, 采用甲芯片…: a model's or a part's means)
            if not isinstance(means, list) or not all(isinstance(w, str) and w for w in means):
                c.fail("product_models.means_cues", "must be a list of words")
        if "paragraph_place" in data:
            pp = data["paragraph_place"]
            if not isinstance(pp, dict) or set(pp) != {"before", "after"}:
                c.fail("paragraph_place", "must be a mapping with before and after (two regexes)")
            nested.extend((f"paragraph_place.{k}", pp[k]) for k in ("before", "after"))
        for key in ("filing_subject", "lead_company_intro", "sample_frame", "source_gap_value", "quoted_code", "short_stock_code", "company_says_time", "company_says_notice", "street_after", "government_report", "counted_before", "period_point", "province_prefix"):
            if key in data:
                nested.append((key, data[key]))
        for where, p in nested:
            c.pattern({where: p}, where)
    elif name == "metrics":
        c.pattern(data, "comparison_baseline")
        if "baseline_figure" in data:
            c.pattern(data, "baseline_figure")
        if "stock_code" in data:
            c.pattern(data, "stock_code")
        if "circumstance" in data:
            c.pattern(data, "circumstance")
        c.pattern(data, "lone_pattern")
        if "strip_counts" in data:
            c.pattern(data, "strip_counts")
        for key in ("cumulative_cue", "cumulative_flow", "span_summary", "share_people", "list_opener_times", "list_rank", "list_group_count",
                    "described_thing", "one_thing", "firm_count"):
            if key in data:
                c.pattern(data, key)
        if "amount_after" in data:  # (完成38亿元固定资产投资: the quantity after the amount)
            aa = data["amount_after"]
            if not isinstance(aa, dict) or set(aa) - {"funds"} != {"pattern", "verbs", "keep"}:
                c.fail("amount_after", "must be a mapping with pattern, verbs and keep (and funds)")
            funds = aa.get("funds", {"pattern": "(?!)", "verbs": []})
            if not isinstance(funds, dict) or set(funds) != {"pattern", "verbs"}:
                c.fail("amount_after.funds", "must be a mapping with pattern and verbs")
            c.pattern({"amount_after.funds.pattern": funds["pattern"]}, "amount_after.funds.pattern")
            if not isinstance(funds["verbs"], list) or not all(isinstance(w, str) and w for w in funds["verbs"]):
                c.fail("amount_after.funds.verbs", "must be a list of words")
            c.pattern({"amount_after.pattern": aa["pattern"]}, "amount_after.pattern")
            for k in ("verbs", "keep"):
                if not isinstance(aa[k], list) or not all(isinstance(w, str) and w for w in aa[k]):
                    c.fail(f"amount_after.{k}", "must be a list of words")
        nv = data.get("negative_value")  # 归母净利润-y亿元: the direction words a minus sign turns into
        if nv is not None:
            ok = isinstance(nv, dict) and isinstance(nv.get("changes"), dict) and isinstance(nv.get("words"), dict) \
                and all(isinstance(k, str) and k and isinstance(v, str) and v
                        for d in (nv["changes"], nv["words"]) for k, v in d.items()) \
                and all(isinstance(nv.get(k), list) and all(isinstance(w, str) and w for w in nv[k])
                        for k in ("levels", "loss", "outflow"))
            if not ok:
                c.fail("negative_value", "must be a mapping of changes (ending: word), levels, loss and outflow (lists of "
                                         "words) and words (change, loss, outflow: word)")
        bc = data.get("bracket_change")  # 甲业(+6.1%): a bracket's change words, its signs, a list's openers
        if not isinstance(bc, dict) or not isinstance(bc.get("words"), list) or not isinstance(bc.get("list_opens"), list) \
                or not isinstance(bc.get("signs"), dict) or not all(isinstance(w, str) and w for w in
                                                                     [*bc["words"], *bc["list_opens"], *bc["signs"], *bc["signs"].values()]):
            c.fail("bracket_change", "must be a mapping of words (a list), signs (sign: word) and list_opens (a list)")
        if isinstance(bc, dict) and "summary" in bc:
            c.pattern({"bracket_change.summary": bc["summary"]}, "bracket_change.summary")
        for key in ("predicates", "verb_predicates", "growth_predicates", "strip_leading", "strip_trailing",
                    "list_joiners", "list_copulas", "lone_words", "list_cues", "list_class_heads", "list_holder_heads",
                    "list_origin_heads", "list_openers", "list_shared_bounds",
                    "list_shared_quantities", "list_goods_verbs", "share_list_verbs", "statement_lead_ins",
                    "list_shared_stops", "list_total_cues", "by_value_cues", "change_verbs",
                    "keep_trailing", "keep_leading", "qualifier_words", "object_verbs"):
            if not isinstance(data.get(key), list) or not all(isinstance(w, str) for w in data[key]):
                c.fail(key, "must be a list of words")
        for key in ("post_stop", "post_stop_openers", "flow_reaches", "list_bound_cues", "topic_tails", "predicate_particles",
                    "statistic_words"):  # (optional lists: 大关, 机会…)
            if key in data and (not isinstance(data[key], list) or not all(isinstance(w, str) and w for w in data[key])):
                c.fail(key, "must be a list of words")
        if "list_class_frames" in data and (not isinstance(data["list_class_frames"], list)
                                            or not all(isinstance(w, str) and w for w in data["list_class_frames"])):
            c.fail("list_class_frames", "must be a list of words")
        for key in ("percent_nouns", "modifier_measures"):
            if key in data and (not isinstance(data[key], list) or not all(isinstance(w, str) and w for w in data[key])):
                c.fail(key, "must be a list of words")
        for key, fields in (("segment_carry", ("first", "bare", "not_segment")), ("line_label", ("pattern", "not_label")),
                            ("compared_list", ("pattern",)), ("item_changes", ("pattern",))):
            if key in data:  # (each: an id, examples and its patterns)
                if not isinstance(data[key], dict):
                    c.fail(key, "must be a mapping with id, examples and its patterns")
                common(key, 0, data[key])
                for field_ in fields:
                    c.pattern({f"{key}.{field_}": data[key].get(field_)}, f"{key}.{field_}")
        if "price_basis" in data:
            pb = data["price_basis"]
            if not isinstance(pb, dict):
                c.fail("price_basis", "must be a mapping with id, examples and pattern")
            common("price_basis", 0, pb)
            c.pattern({"price_basis.pattern": pb.get("pattern")}, "price_basis.pattern")
        if "item_marks" in data:
            im = data["item_marks"]
            if not isinstance(im, dict) or not isinstance(im.get("marks"), str) or not im["marks"] \
                    or any(ch.isalnum() or ch.isspace() for ch in im["marks"]):
                c.fail("item_marks", "must be a mapping with id, examples and marks (a string of bullet marks, "
                       "no letters, digits or spaces)")
            common("item_marks", 0, im)
        if not isinstance(data.get("by_value_names", {}), dict):
            c.fail("by_value_names", "must be a mapping verb -> noun")
        for i, e in enumerate(data.get("table_rows", [])):
            common("table_rows", i, e)
            if not isinstance(e.get("changes", {}), dict):
                c.fail(c.where("table_rows", i, e) + ".changes", "must be a mapping comparison -> its name in a metric")
            if "change_heads" in e:
                c.words("table_rows", i, e, "change_heads")
        if not isinstance(data.get("list_tail_by_predicate"), dict):
            c.fail("list_tail_by_predicate", "must be a mapping predicate -> noun")
        for key in ("list_collectives", "list_collective_holders"):
            collectives = data.get(key, {})
            if not isinstance(collectives, dict) or not all(
                    isinstance(w, str) and isinstance(items, list) and len(items) > 1 and all(isinstance(x, str) and x for x in items)
                    for w, items in collectives.items()):
                c.fail(key, "must be a mapping word -> list of at least two item names")
        c.pattern(data, "change_tail")
        for key in ("interleaved_cues", "change_to", "topic_heads", "part_cues"):
            if not isinstance(data.get(key), list) or not all(isinstance(w, str) and w for w in data[key]):
                c.fail(key, "must be a list of words")
        for i, e in enumerate(data.get("bare_heads", [])):
            common("bare_heads", i, e)
            c.regex("bare_heads", i, e, "pattern", c.require("bare_heads", i, e, "pattern", str))
            if not isinstance(e.get("multiplier", False), bool):
                c.fail(c.where("bare_heads", i, e) + ".multiplier", "must be true or false")
        for i, e in enumerate(c.entries(data, "fragments")):
            common("fragments", i, e)
            c.regex("fragments", i, e, "pattern", c.require("fragments", i, e, "pattern", str))
            if not isinstance(e.get("keep_object", False), bool):
                c.fail(c.where("fragments", i, e) + ".keep_object", "must be true or false")
        for i, e in enumerate(c.entries(data, "verb_nouns")):
            common("verb_nouns", i, e)
            c.words("verb_nouns", i, e, "verbs")
            c.require("verb_nouns", i, e, "noun", str)
            if "unit_kinds" in e:
                c.words("verb_nouns", i, e, "unit_kinds")
            if not isinstance(e.get("alone", False), bool):
                c.fail(c.where("verb_nouns", i, e) + ".alone", "must be true or false")
        c.pattern(data, "date_frame")
        c.pattern(data, "change_abbrev")
        c.pattern(data, "topic_frame")
        gap = data.get("comparison_gap")
        if not isinstance(gap, dict) or not isinstance(gap.get("words"), dict):
            c.fail("comparison_gap", "must be a mapping with pattern and words (direction -> its word)")
        c.pattern({"comparison_gap.pattern": gap.get("pattern")}, "comparison_gap.pattern")
        c.pattern(data, "by_value_rank")
        if "object_markers" in data:
            c.pattern(data, "object_markers")
        if "source_end" in data:
            c.pattern(data, "source_end")
        if "unit_nouns" in data and (not isinstance(data["unit_nouns"], dict) or not all(
                isinstance(k, str) and k and isinstance(v, str) and v for k, v in data["unit_nouns"].items())):
            c.fail("unit_nouns", "must be a mapping unit -> noun")
        if "bare_share" in data:
            bs = data["bare_share"]
            if not isinstance(bs, dict):
                c.fail("bare_share", "must be a mapping with id, examples, nouns")
            common("bare_share", 0, bs)
            if not isinstance(bs.get("nouns"), dict) or not all(
                    k in ("ORG", "GPE") and isinstance(v, str) and v for k, v in bs["nouns"].items()):
                c.fail("bare_share.nouns", "must map ORG or GPE to a noun")
        if "by_value_noun" in data:
            c.pattern(data, "by_value_noun")
            import regex

            if "noun" not in regex.compile(data["by_value_noun"]).groupindex:
                c.fail("by_value_noun", "must have a group noun (the quantity named after the value)")
        for top, patterns, maps in (("rank_frame", ("after", "topic", "holder"), ("nouns",)),
                                    ("class_share", ("share",), ()), ("group_total", ("pattern",), ("nouns",))):
            sub = data.get(top)
            if not isinstance(sub, dict):
                c.fail(top, "must be a mapping with id, examples, " + ", ".join(patterns + maps))
            common(top, 0, sub)
            for key in patterns:
                c.pattern({f"{top}.{key}": sub.get(key)}, f"{top}.{key}")
            for key in maps:
                if not isinstance(sub.get(key), dict) or not all(isinstance(w, str) and w for w in sub[key].values()):
                    c.fail(f"{top}.{key}", "must be a mapping word -> noun")
        for key in ("frames", "lead"):
            if not isinstance(data["class_share"].get(key), list) or not all(isinstance(w, str) and w for w in data["class_share"][key]):
                c.fail(f"class_share.{key}", "must be a list of words")
        if not isinstance(data.get("change_abbrevs"), dict) or not all(
                isinstance(k, str) and isinstance(w, str) and w for k, w in data["change_abbrevs"].items()):
            c.fail("change_abbrevs", "must be a mapping abbreviation and sign -> change words")
        for top, patterns, lists in (("subject_before", ("referent", "segment"), ("pronouns", "heads", "causes")),
                                     ("share", ("cue",), ("words", "drop"))):
            sub = data.get(top)
            if not isinstance(sub, dict):
                c.fail(top, f"must be a mapping with {', '.join(patterns + lists)}")
            for key in patterns:
                c.pattern({f"{top}.{key}": sub.get(key)}, f"{top}.{key}")
            for key in lists:
                if not isinstance(sub.get(key), list) or not all(isinstance(w, str) and w for w in sub[key]):
                    c.fail(f"{top}.{key}", "must be a list of words")
        for top, lists in (("topic_before", ("verbs", "quantity_words")), ("rate_opening", ("words",)), ("joint_share", ())):
            sub = data.get(top)
            if not isinstance(sub, dict):
                c.fail(top, f"must be a mapping with id, examples, {', '.join(lists)}")
            common(top, 0, sub)
            for key in lists:
                if not isinstance(sub.get(key), list) or not all(isinstance(w, str) and w for w in sub[key]):
                    c.fail(f"{top}.{key}", "must be a list of words")
        tb = data["topic_before"]
        for key in ("short_max", "max_chars"):
            if not isinstance(tb.get(key), int) or tb[key] < 2:
                c.fail(f"topic_before.{key}", "must be an integer of at least 2")
        if "frame" in tb:
            c.pattern({"topic_before.frame": tb["frame"]}, "topic_before.frame")
        if "amounts" in tb and (not isinstance(tb["amounts"], list) or not all(isinstance(w, str) and w for w in tb["amounts"])):
            c.fail("topic_before.amounts", "must be a list of words")
        pattern_entry("verb_before_holder", "a group verb")
        if "stock_quote" in data:
            sq = data["stock_quote"]
            if not isinstance(sq, dict):
                c.fail("stock_quote", "must be a mapping with id, examples, move, moves, price, word")
            common("stock_quote", 0, sq)
            for key in ("move", "price"):
                c.pattern({f"stock_quote.{key}": sq.get(key)}, f"stock_quote.{key}")
            moves = sq.get("moves")
            if not isinstance(moves, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in moves.items()):
                c.fail("stock_quote.moves", "must map each move word (the move pattern's group dir) to its word")
            dirs = sq["move"].split("(?P<dir>", 1)[-1].split(")", 1)[0].split("|")  # (the group's words)
            missing = [w for w in dirs if isinstance(moves, dict) and w not in moves]
            if missing:
                c.fail("stock_quote.moves", f"has no word for the move(s) {', '.join(missing)}")
            if not isinstance(sq.get("word"), str) or not sq["word"]:
                c.fail("stock_quote.word", "must be a word")
            if "closes" in sq:
                c.words("stock_quote", 0, sq, "closes")
        cf = data.get("change_from")
        if not isinstance(cf, dict):
            c.fail("change_from", "must be a mapping with id, examples, pattern, heads")
        common("change_from", 0, cf)
        c.pattern({"change_from.pattern": cf.get("pattern")}, "change_from.pattern")
        if not isinstance(cf.get("heads"), list) or not all(isinstance(w, str) and w for w in cf["heads"]):
            c.fail("change_from.heads", "must be a list of words")
        if "leads" in cf and (not isinstance(cf["leads"], list) or not all(isinstance(w, str) and w for w in cf["leads"])):
            c.fail("change_from.leads", "must be a list of words")
        if "streak" in data:  # 连续13个月高于临界点: a streak's length
            st = data["streak"]
            if not isinstance(st, dict):
                c.fail("streak", "must be a mapping with id, before, units and examples")
            common("streak", 0, st)
            c.regex("streak", 0, st, "before", c.require("streak", 0, st, "before", str))
            c.words("streak", 0, st, "units")
        for i, e in enumerate(c.entries(data, "cue_cuts")):
            common("cue_cuts", i, e)
            c.regex("cue_cuts", i, e, "pattern", c.require("cue_cuts", i, e, "pattern", str))
        for i, e in enumerate(c.entries(data, "metrics")):
            common("metrics", i, e)
            c.require("metrics", i, e, "name", str)
            rng = e.get("range")
            if rng is not None and not (isinstance(rng, list) and len(rng) == 2
                                        and all(isinstance(x, (int, float)) for x in rng) and rng[0] <= rng[1]):
                c.fail(c.where("metrics", i, e) + ".range", "must be [low, high] numbers")
            if e.get("repair") not in (None, "decimal"):
                c.fail(c.where("metrics", i, e) + ".repair", "must be 'decimal' or absent")
    elif name == "nonfacts":
        c.pattern(data, "title")
        if "named_title" in data:  # (“甲公司2021年至2022年…集中采购”: a named title whose years date nothing)
            c.pattern(data, "named_title")
        c.pattern(data, "time_frame")
        c.pattern(data, "deadline")
        c.pattern(data, "tenor")
        c.pattern(data, "streak")
        for i, e in enumerate(c.entries(data, "vetoes")):
            common("vetoes", i, e)
            c.regex("vetoes", i, e, "pattern", c.require("vetoes", i, e, "pattern", str))
            if "unless_after" in e:
                c.regex("vetoes", i, e, "unless_after", e["unless_after"])
            for key in ("cut_from_metric", "ends_number"):
                if not isinstance(e.get(key, False), bool):
                    c.fail(c.where("vetoes", i, e) + "." + key, "must be true or false")
    elif name == "numerals":
        c.pattern(data, "round_passed_before")
        c.pattern(data, "round_passed_after")
        c.pattern(data, "bare_list_before")
        c.pattern(data, "bare_completed_before")
        c.pattern(data, "bare_bracketed_before")
        c.pattern(data, "bare_bracketed_after")
        c.pattern(data, "change_to_level")
        c.pattern(data, "slash_fraction_before")
        c.pattern(data, "slash_fraction_after")
        c.pattern(data, "glued_metric")
        c.pattern(data, "cheng_copula_before")
        c.pattern(data, "ratio_before")
        if "ratio_parts_before" in data:
            c.pattern(data, "ratio_parts_before")
        if not isinstance(data.get("change_to_level_ratio"), (int, float)) or data["change_to_level_ratio"] <= 1:
            c.fail("change_to_level_ratio", "must be a number above 1")
        for i, e in enumerate(c.entries(data, "numerals")):
            common("numerals", i, e)
            c.require("numerals", i, e, "reading", str)
    elif name == "attribution":
        from zhfacts.extract.attribution import FEATURES

        if not isinstance(data, dict) or not isinstance(data.get("default_score"), (int, float)):
            c.fail("default_score", "must be a number")
        for i, e in enumerate(c.entries(data, "documents")):
            common("documents", i, e)
        for key, lists in (("sources", ("reporters", "cues", "outlets", "analysts", "analyst_endings", "words", "not_after", "own_reports",
                                        "own_spending", "own_results")),
                           ("names", ("cues", "metric_words", "class_endings", "product_classes", "segments", "heads", "quoted_heads",
                                      "member_cues", "event_heads", "award_before", "award_heads", "class_intros", "modifier_heads", "place_modifier_heads", "possessive_before", "possessive_not", "company_modifier_heads", "business_heads", "scope_business_heads", "segment_places", "venue_after", "cause_cues", "cause_before", "destination_before", "cause_frame_before",
                                      "cause_frame_after", "cause_frame_owners", "operators", "system_metrics", "own_metrics", "weighed_before", "weighed_after", "owner_links",
                                      "shareholder_before", "index_moves", "circumstance_openers", "route_to", "route_from_heads"))):
            for i, e in enumerate(c.entries(data, key)):
                common(key, i, e)
                for field_ in lists:
                    if field_ in e:
                        c.words(key, i, e, field_)
                if key == "sources" and "own_time" in e:  # (公司预估明年上半年录得…: the period of its own forecast)
                    c.regex(key, i, e, "own_time", c.require(key, i, e, "own_time", str))
                for frame in ("exclusion_frame", "listing_frame"):  # (除…外: set aside; 在深交所上市的: a venue)
                    if key == "names" and frame in e:
                        c.regex(key, i, e, frame, c.require(key, i, e, frame, str))
                if key == "names" and "builder_after" in e:  # (由甲设计院和乙工程局承建的…: the builders' verb)
                    c.regex(key, i, e, "builder_after", c.require(key, i, e, "builder_after", str))
                if key == "names" and "scope_frame" in e:  # (在本轮招标的甲服务器中: a pool a share is taken in)
                    sf = e["scope_frame"]
                    if not isinstance(sf, dict) or set(sf) != {"before", "after"} or not all(isinstance(v, str) for v in sf.values()):
                        c.fail(c.where(key, i, e) + ".scope_frame", "must be a mapping with before and after (two regexes)")
                    for k in ("before", "after"):
                        c.regex(key, i, e, f"scope_frame.{k}", sf[k])
                if key == "names" and "segment_after" in e:  # (国内运营商业务收入: a company's segment)
                    c.regex(key, i, e, "segment_after", c.require(key, i, e, "segment_after", str))
                if key == "names" and "component_after" in e:  # (采用甲芯片的服务器: a part's supplier)
                    c.regex(key, i, e, "component_after", c.require(key, i, e, "component_after", str))
                for regex_key in ("forbidden_shapes", "name_only_shapes", "modifier_head_patterns", "place_modifier_patterns"):  # (regexes)
                    if key == "names" and regex_key in e:
                        for pattern in c.words(key, i, e, regex_key):
                            c.regex(key, i, e, regex_key, pattern)
        seen = set()
        for i, e in enumerate(c.entries(data, "features")):
            common("features", i, e)
            feat = e.get("feature")
            if feat not in FEATURES:
                c.fail(c.where("features", i, e) + ".feature", f"must be one of {list(FEATURES)}")
            if feat in seen:
                c.fail(c.where("features", i, e) + ".feature", f"{feat!r} weighed twice")
            seen.add(feat)
            if not isinstance(e.get("weight"), (int, float)) or isinstance(e.get("weight"), bool):
                c.fail(c.where("features", i, e) + ".weight", "must be a number")
            for key in ("cues", "cues_before", "cues_after", "heads", "change_before", "change_after", "marks",
                        "roles", "context", "goods", "each", "main", "next", "not_cues", "chain_openers", "direct_after",
                        "chain_verbs", "spend_verbs", "origins", "ranked_after", "winner_refs", "own_report_cues", "winner_verbs", "winner_before", "places", "nouns",
                        "builds", "rank_before", "rank_words", "wholes", "whole_rank_after", "whole_rank_before", "whole_object_before", "object_verbs", "beneficiary_verbs", "frames", "class_heads", "class_not_before", "breakdown_openers",
                        "index_endings", "segment_words", "money_only", "budget_holders", "budget_words", "org_ranked", "driven_openers", "cause_subject_before",
                        "orders_holders", "except", "except_not_before", "benchmark_before", "benchmark_after",
                        "class_endings", "periods_between",
                        "share_class_after", "self_words", "context_investing", "demonstratives", "demonstrative_heads",
                        "demonstrative_org_heads", "demonstrative_country_heads", "customer_after"):
                if key in e:
                    c.words("features", i, e, key)
            for key in ("own_figure", "own_figure_after", "multiple_after", "share_of", "counted_after", "orders_after", "orders_later", "whole_share_after",
                        "counted_group_open", "between"):  # (regexes: a baseline's own figure after it; a share
                # of another's trade; a count right after a project's name that ends its clause; a counted group of firms)
                if key in e:
                    c.regex("features", i, e, key, c.require("features", i, e, key, str))
            if not isinstance(e.get("agency_report", False), bool):
                c.fail(c.where("features", i, e) + ".agency_report", "must be true or false")
            spenders = e.get("spenders", {})  # region -> {place, government}
            if not isinstance(spenders, dict) or not all(
                    isinstance(v, dict) and all(isinstance(v.get(k), str) and v.get(k) for k in ("place", "government"))
                    for v in spenders.values()):
                c.fail(c.where("features", i, e) + ".spenders", "must be a mapping region -> {place, government}")
            for key in ("change_nouns", "role_nouns", "chain_signs"):
                nouns = e.get(key, {})
                if not isinstance(nouns, dict) or not all(isinstance(k, str) and k and isinstance(v, str) and v
                                                          for k, v in nouns.items()):
                    c.fail(c.where("features", i, e) + f".{key}", "must be a mapping word -> noun")
    elif name == "lexicon":
        for i, e in enumerate(c.entries(data, "words")):
            c.require("words", i, e, "word", str)
            c.require("words", i, e, "tag", str)


def _signature(directory: Path) -> tuple:
    sig = []
    for name in RULE_FILES:
        p = directory / f"{name}.yaml"
        try:
            st = p.stat()
            sig.append((name, st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            sig.append((name, None, None))
    return tuple(sig)


def _county_entries(data: dict) -> None:
    """Add entities.yaml's counties to its gazetteer: one GPE entry a name (id ``ent.county.<name>``, matched
    as written, never given to jieba; a name of two cities once, with no city), with its city and the words
    after it that make it no name there (``not_before`` by its last character)."""
    table = data.get("counties")
    if not table:
        return
    cities: dict[str, list[str]] = {}
    for city, names in table["cities"].items():
        for n in names:
            cities.setdefault(n, []).append(city)
    stems = {st + "市": st for st in table.get("city_stems", ())}  # (义乌 for 义乌市)
    for n, of in cities.items():
        data["entities"].append({"id": f"ent.county.{n}", "name": n, "type": "GPE", "segment": False,
                                 "aliases": [n, stems[n]] if n in stems else [n],
                                 "not_before": list(table["not_before"].get(n[-1], [])), "examples": [],
                                 "city": of[0] if len(of) == 1 else None})
    for city, names in (table.get("two_char") or {}).items():  # (洋县, 费县: a name only where no word runs into it)
        for n in names:
            data["entities"].append({"id": f"ent.county.{n}", "name": n, "type": "GPE", "segment": False, "aliases": [n],
                                     "not_before": list(table["not_before"].get(n[-1], [])), "examples": [],
                                     "city": city, "two_char": True})


def _regional_entries(data: dict) -> None:
    """An entity's ``regional_aliases`` (国泰航空: {hongkong: [国泰]}) as an entry of their own for each region (id
    ``<id>.<region>``, the entity's other keys, that region only): the gazetteer reads a regional alias as it reads
    an entry's ``region``."""
    for e in list(data.get("entities") or ()):
        for region, aliases in (e.get("regional_aliases") or {}).items():
            data["entities"].append({**{k: v for k, v in e.items() if k not in ("id", "aliases", "examples", "regional_aliases")},
                                     "id": f"{e['id']}.{region}", "region": region, "aliases": list(aliases), "examples": []})


@lru_cache(maxsize=4)
def _load(directory: str, signature: tuple) -> Rules:
    from pathlib import Path

    d = Path(directory)
    key = _digest(d)
    hit = _from_cache(key) if key else None
    if hit is not None:
        return Rules(d, *hit)
    raw: dict[str, object] = {}
    examples: list[Example] = []
    ids: dict[str, str] = {}
    for name in RULE_FILES:
        path = d / f"{name}.yaml"
        data = read_yaml(path)
        _validate(name, path, data, examples, ids)
        if name == "entities":
            _county_entries(data)
            _regional_entries(data)
        raw[name] = data
    if key:
        _to_cache(key, raw, examples, ids)
    return Rules(d, raw, examples, ids)


# --- the parsed and validated rules in the on-disk cache (zhfacts.cache) ---------
# Looked up by a digest of every rule file's bytes: an edited file is parsed and
# validated again (E200 as ever); the cache is dropped whole when the code that
# validates changes. Marshal stores no dates (YAML timestamps): each is kept as its
# place and ISO text beside the data and put back on the way out.

def _digest(directory: Path) -> str | None:
    """SHA-256 of the rule files' names and bytes, or None (cache off, a file unreadable)."""
    from zhfacts import cache

    if cache.path() is None:
        return None
    import hashlib

    h = hashlib.sha256()
    for name in RULE_FILES:
        try:
            with open(directory / f"{name}.yaml", "rb") as fh:
                blob = fh.read()
        except OSError:
            return None  # (the normal load reports it)
        h.update(f"{name}\0{len(blob)}\0".encode())
        h.update(blob)
    return h.hexdigest()


def _dates_out(node, where: tuple, dates: list) -> None:
    """Replace every date in ``node`` (dicts and lists) by its ISO text, noting its place in ``dates``."""
    import datetime

    items = node.items() if isinstance(node, dict) else enumerate(node)
    for k, v in items:
        if isinstance(v, (dict, list)):
            _dates_out(v, where + (k,), dates)
        elif isinstance(v, (datetime.date, datetime.datetime)):
            dates.append((where + (k,), type(v).__name__, v.isoformat()))
            node[k] = v.isoformat()


def _to_cache(key: str, raw: dict, examples: list[Example], ids: dict[str, str]) -> None:
    import copy
    import marshal

    from zhfacts import cache

    payload = copy.deepcopy([raw, [[e.rule_id, e.file, e.text, e.expect, e.published] for e in examples], ids])
    dates: list = []
    _dates_out(payload, (), dates)
    try:
        blob = marshal.dumps(payload + [dates])
    except ValueError:
        return  # (something else marshal cannot store: loaded normally next time)
    cache.put("rules", key, blob)  # (bytes: every process and call unpacks its own copy)
    cache.flush()


def _from_cache(key: str):
    """``(raw, examples, ids)`` of the rules with this digest from the on-disk cache, or None."""
    import marshal

    from zhfacts import cache

    blob = cache.get("rules", key)
    if not isinstance(blob, bytes):
        return None
    try:
        raw, examples, ids, dates = marshal.loads(blob)
        top = [raw, examples, ids]
        if dates:
            import datetime

            for where, typ, iso in dates:
                node = top
                for k in where[:-1]:
                    node = node[k]
                node[where[-1]] = getattr(datetime, typ).fromisoformat(iso)
        return raw, [Example(*e) for e in examples], ids
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, EOFError):
        return None  # (not what this code writes: loaded normally)


def load_rules(directory: Path | str | None = None) -> Rules:
    from pathlib import Path

    d = Path(directory) if directory else rules_dir()
    return _load(str(d.resolve()), _signature(d))
