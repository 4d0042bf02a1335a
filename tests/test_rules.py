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
    facts = zhfacts.extract(example.text, doc="example", published=example.published or DEFAULT_PUBLISHED)
    got = [{k: f.get(k) for k in exp} for f, exp in zip(facts, example.expect)]
    assert len(facts) == len(example.expect), (
        f"{example.file} {example.rule_id}: expected {len(example.expect)} facts, got {len(facts)}: "
        + "; ".join(f"{f['text']}={f['value']}{f['unit']} [{f['entity']}|{f['metric']}|{f['date']}|{f['kind']}]" for f in facts))
    for g, exp in zip(got, example.expect):
        for key, want in exp.items():
            want = str(want) if key == "date" and want is not None else want
            assert _close(g[key], want), f"{example.file} {example.rule_id}: {key} = {g[key]!r}, expected {want!r}"


def test_every_rule_entry_has_an_id_and_examples_exist():
    assert len(RULES.ids) > 50
    assert len(RULES.examples) > 100


@pytest.mark.parametrize("mutation, message", [
    (("units.yaml", "    unit: EFLOPS\n", "    unitx: EFLOPS\n"), "units.yaml: units[0] (id unit.eflops): missing key 'unit'"),
    (("dates.yaml", "resolve: ymd", "resolve: bogus"), "dates.yaml: dates[0] (id date.ymd).resolve"),
    (("qualifiers.yaml", 'qualifier: ">"', 'qualifier: "!"'), "qualifiers.yaml: qualifiers[0] (id qual.gt.before).qualifier"),
    (("nonfacts.yaml", "pattern: '《[^《》]{0,80}》'", "pattern: '《[^《》'"), "nonfacts.yaml: vetoes[0] (id nonfact.title).pattern: invalid regex"),
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
