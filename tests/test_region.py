"""The region of a document (normalize/script.py region_decision, rules/normalize/region_cues.yaml)
and what follows from it: the currency of a bare 元, the default holder, 我国 / 本港 / 國內."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app
from zhfacts.errors import RuleError
from zhfacts.normalize import script as norm_script
from zhfacts.normalize import tables as norm_rules
from zhfacts.rules import rules_dir


def _clear():
    norm_rules._rules_dir_str.cache_clear()
    norm_rules.load.cache_clear()
    norm_script._table.cache_clear()
    norm_script._cues.cache_clear()
    norm_script._cue_sets.cache_clear()


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    monkeypatch.setenv("ZHFACTS_RULES", str(d))
    monkeypatch.setenv("ZHFACTS_NO_CACHE", "1")
    _clear()
    yield d / "normalize" / "region_cues.yaml"
    monkeypatch.undo()
    _clear()


@pytest.mark.parametrize("old, new, message", [
    ("    weight: 3\n", "    weight: heavy\n", "region_cues.yaml: cues[0] (id region.taiwan.institution).weight: must be a positive number"),
    ("    region: taiwan\n", "    region: macau\n", "region_cues.yaml: cues[0] (id region.taiwan.institution).region: must be one of"),
    ("    kind: institution\n", "    kind: rumour\n", "region_cues.yaml: cues[0] (id region.taiwan.institution).kind"),
    ("  lead_factor: 2\n", "  lead_factor: [2]\n", "region_cues.yaml: settings.lead_factor: must be a number"),
    ("  traditional: hongkong\n", "  traditional: nowhere\n", "region_cues.yaml: default.traditional: must be one of"),
    ("id: region.taiwan.currency", "id: region.taiwan.institution", "region_cues.yaml: cues[1] (id region.taiwan.institution): duplicate id"),
    ("      - '一一", "      - '(一一", "region_cues.yaml: cues[8] (id region.taiwan.roc_year).patterns[1]: bad regex"),
    ("words: [新台币, 台币]", "words: [新台币, 台币, 行政院]", "'行政院' is already a cue of region.taiwan.institution"),
    ("listing_only: [region.hongkong.market,", "listing_only: [region.hongkong.markets,",
     "region_cues.yaml: settings.listing_only: names no cue group: region.hongkong.markets"),
    ("straddle_words: [平台,", "straddle_words: [台,", "region_cues.yaml: settings.straddle_words: '台': a word of two characters"),
    ("    not_after: [中国]\n", "    not_after: 中国\n",
     "region_cues.yaml: cues[2] (id region.taiwan.place).not_after: must be a list of non-empty strings"),
])
def test_bad_region_cues_name_file_key_and_entry(rules_copy, old, new, message):
    text = rules_copy.read_text(encoding="utf-8")
    assert old in text
    rules_copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        zhfacts.normalize("本港數據中心需求殷切。")
    assert exc.value.code == "E200" and message in str(exc.value)


def test_no_cue_and_ties_are_decided_by_the_script():
    simplified = norm_script.region_decision("这家企业今年收入增长。", script="simplified")
    assert (simplified.region, simplified.reason) == ("mainland", "no cue")
    traditional = norm_script.region_decision("这家企业今年收入增长。", script="traditional")
    assert (traditional.region, traditional.reason) == ("hongkong", "no cue")


def test_partner_and_list_places_count_less_than_the_region():
    d = norm_script.region_decision("经济部指出，输往香港、新加坡的出口增加，对香港出超扩大。", script="traditional")
    assert d.region == "taiwan" and d.scores["hongkong"] == 0
    listed = norm_script.region_decision("出口市场包括日本、香港及韩国。", script="traditional")
    assert [c[3] for c in listed.cues if c[0] == "香港"] == [1.0]  # lead 2 x listed 0.5


def test_headline_cues_count_double_and_one_cue_word_at_most_max_count_times():
    far = "。" * 200
    d = norm_script.region_decision("立法会" + far + "立法会立法会立法会立法会", script="traditional")
    assert [(c[0], c[3], c[4]) for c in d.cues] == [("立法会", 3 * (2 + 1 + 1), 3)]


def test_normalize_json_reports_the_region_and_its_cues(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("特區政府今日公布，本港上月出口按年上升，港元匯價穩定。\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["normalize", str(p), "--json"], catch_exceptions=False)
    data = json.loads(r.stdout)
    assert data["region"] == "hongkong"
    ev = data["region_evidence"]
    assert ev["region"] == "hongkong" and ev["reason"] == "score" and ev["scores"]["hongkong"] > ev["scores"]["taiwan"]
    assert {c["cue"] for c in ev["cues"]} >= {"特区政府", "本港", "港元"}
    assert all(c["region"] == "hongkong" and c["rule"].startswith("region.hongkong.") for c in ev["cues"])


def _facts(text):
    return [(f["entity"], f["value"], f["unit"]) for f in zhfacts.extract(text, doc="x", published="2025-09-01")]


def test_the_region_decides_the_currency_of_a_bare_yuan_and_the_default_holder():
    # Hong Kong: a bare 元 is 港元 and the default holder 香港, even with a mainland body quoted once;
    # money the government spends with no recipient named is its own (attribution.yaml recipient.spenders)
    hk = "特區政府新聞稿\n財政司司長表示，國務院支持本港發展創科，政府將撥款2億元推動數據中心發展，數據中心收入約3億元。"
    assert _facts(hk) == [("香港特区政府", 200000000, "港元"), ("香港", 300000000, "港元")]
    # Taiwan: 新台币, 我國 and 國內 are Taiwan
    tw = "經濟部統計處今天公布，我國上月資訊產品產值達1200億元，國內伺服器出貨年增三成。"
    got = _facts(tw)
    assert got[0] == ("台湾", 120000000000, "新台币") and all(e == "台湾" for e, _, _ in got)
    # mainland text in Traditional script stays mainland: 元 is the renminbi
    ml = "工業和信息化部介紹，國家數據局部署，我國數字經濟核心產業增加值達5億元。"
    assert _facts(ml) == [("中国", 500000000, "元")]


def test_hongkong_text_our_country_is_china_and_bengang_is_hongkong():
    got = _facts("本港數據中心樓面面積達120萬平方米；特區政府指出，我國數據中心機架達800萬架。")
    assert got[0][0] == "香港" and got[1][0] == "中国"


def test_a_hong_kong_listing_alone_makes_no_simplified_piece_hong_kongs():
    """港元 prices and a stock code (settings.listing_only) say where a company is listed, not where the piece is
    from: a Simplified piece with nothing else from Hong Kong stays the mainland's; one more Hong Kong cue, or a
    Traditional character, and the listing counts again."""
    text = "某证券发布研报指，甲云(03999.HK)四季度收入同比+62%至7.2亿元；目标价9.8港元，当前股价5.9港元。"
    assert zhfacts.normalize(text).region == "mainland"
    assert zhfacts.normalize(text + "本港数据中心需求殷切。").region == "hongkong"
    assert zhfacts.normalize(text.replace("收入", "營收")).region == "hongkong"
