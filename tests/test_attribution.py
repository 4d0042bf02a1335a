"""Attribution and metric quality (issue 10): every record on the seeds and the
devsets has a real metric; --explain adds the scored candidates, and only then."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app
from zhfacts.contract import RECORD_KEYS

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [p for d in ("seeds", "devset", "devset2") for p in sorted((ROOT / d).glob("*.txt"))]
_WORD = regex.compile(r"[\p{Han}A-Za-z]")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [f for p in ARTICLES for f in zhfacts.extract.extract_file(p)]


def test_no_empty_or_punctuation_metric(records):
    assert len(records) > 250
    from zhfacts.rules import load_rules

    not_metrics = set(load_rules().raw["metrics"]["lone_words"])
    bad = [(r["doc"], r["text"], r["metric"]) for r in records
           if not _WORD.search(r["metric"]) or r["metric"] in not_metrics]
    assert bad == []


def test_explain_only_when_asked():
    text = "其中，国有企业算力投资增长近2倍；民营企业算力投资增长近1倍。"
    plain = zhfacts.extract(text, doc="x")
    explained = zhfacts.extract(text, doc="x", explain=True)
    assert all(list(r) == [k for k in RECORD_KEYS if k in r] for r in plain)
    assert [{k: v for k, v in r.items() if k != "explain"} for r in explained] == plain
    why = explained[0]["explain"]
    assert why["chosen"] == "国有企业"
    best = max(why["candidates"], key=lambda c: c["score"])
    assert best["entity"] == "国有企业" and best["features"]["contrasted_class"] == 1.0
    s, e = best["at"]
    assert text[s:e] == "国有企业"


def test_cli_explain(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("星图研究院数据显示，临江市数据中心机架规模达3000架。\n", encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(app, ["extract", str(src), "-q"])
    explained = runner.invoke(app, ["extract", str(src), "-q", "--explain"])
    assert plain.exit_code == 0 and explained.exit_code == 0
    (p,) = [json.loads(x) for x in plain.stdout.splitlines() if x.strip()]
    (e,) = [json.loads(x) for x in explained.stdout.splitlines() if x.strip()]
    assert "explain" not in p and e.pop("explain")["chosen"] == "临江市"
    assert e == p


def test_bad_trade_partner_words_name_file_key_and_entry(tmp_path, monkeypatch):
    """The trade partner's word lists (marks, roles, context, change_*) are checked on load (E200)."""
    import shutil

    from zhfacts.errors import RuleError
    from zhfacts.rules import load_rules, rules_dir

    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    monkeypatch.setenv("ZHFACTS_NO_CACHE", "1")
    path = d / "attribution.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    marks: [接自,"
    assert old in text
    path.write_text(text.replace(old, "    marks: [7, 接自,", 1), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules(d)
    assert exc.value.code == "E200" and "attribution.yaml" in str(exc.value) and "marks" in str(exc.value)


@pytest.mark.parametrize("old, new, key", [
    ("change_nouns: {升: 升幅,", "change_nouns: {升: [升幅],", "change_nouns"),
    ("role_nouns: {出超国: 出超,", "role_nouns: {出超国: 7,", "role_nouns"),
    ("    goods: [整体出口货值,", "    goods: [3, 整体出口货值,", "goods"),
])
def test_bad_trade_goods_and_nouns_name_file_key_and_entry(tmp_path, monkeypatch, old, new, key):
    """The trade's goods and the nouns of change and role words are checked on load (E200)."""
    import shutil

    from zhfacts.errors import RuleError
    from zhfacts.rules import load_rules, rules_dir

    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    monkeypatch.setenv("ZHFACTS_NO_CACHE", "1")
    path = d / "attribution.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rules(d)
    msg = str(exc.value)
    assert exc.value.code == "E200" and "attribution.yaml" in msg and key in msg and "attr.role.trade_partner" in msg
