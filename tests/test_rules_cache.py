"""The extraction rules and cn2an's readings in the on-disk cache (issue 9, cold start):
the same rules and numbers as without it, an edited rule file validated again (E200),
a damaged cache ignored, an unwritable cache directory no error, ``ZHFACTS_RULES``
still the one place the rules come from, and processes writing the cache at once."""
from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

from zhfacts import cache as disk_cache
from zhfacts import rules as zrules
from zhfacts.errors import RuleError
from zhfacts.extract import numerals
from zhfacts.rules import load_rules, rules_dir


def _fresh():
    """This process's state as in a new process (the cache file is read again)."""
    disk_cache.reset()
    zrules._load.cache_clear()
    numerals.parse_numeral.cache_clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("ZHFACTS_CACHE_DIR", str(d))
    monkeypatch.delenv("ZHFACTS_NO_CACHE", raising=False)
    _fresh()
    yield d
    monkeypatch.undo()
    _fresh()


@pytest.fixture
def rules_copy(tmp_path):
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    return d


def _rules_from_yaml(directory) -> zrules.Rules:
    os.environ["ZHFACTS_NO_CACHE"] = "1"
    try:
        _fresh()
        return load_rules(directory)
    finally:
        del os.environ["ZHFACTS_NO_CACHE"]
        _fresh()


def test_rules_from_the_cache_are_the_rules_from_yaml(cache_dir, rules_copy):
    first = load_rules(rules_copy)  # parsed, validated and stored
    assert (cache_dir / disk_cache.FILE_NAME).is_file()
    _fresh()
    cached = load_rules(rules_copy)
    assert disk_cache.get("rules", zrules._digest(rules_copy)) is not None
    reference = _rules_from_yaml(rules_copy)
    assert cached.raw == first.raw == reference.raw
    assert cached.examples == reference.examples and cached.ids == reference.ids
    assert cached.directory == rules_copy
    # YAML dates come back as dates (marshal stores none)
    published = [ex["published"] for e in cached.raw["units"]["units"] for ex in e.get("examples", [])
                 if "published" in ex]
    assert published and all(isinstance(p, datetime.date) for p in published)


def test_an_edited_rule_file_is_validated_again(cache_dir, rules_copy):
    load_rules(rules_copy)
    p = rules_copy / "units.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("  - id: unit.eflops\n    unit: EFLOPS\n",
                                                       "  - id: unit.eflops\n    unit_: EFLOPS\n", 1),
                 encoding="utf-8")
    _fresh()
    with pytest.raises(RuleError) as exc:
        load_rules(rules_copy)
    assert exc.value.code == "E200"
    assert "units.yaml: units[0] (id unit.eflops): missing key 'unit'" in str(exc.value)


def test_zhfacts_rules_redirects_the_cached_rules(cache_dir, rules_copy, monkeypatch):
    package = load_rules()  # the package's rules, cached
    p = rules_copy / "numerals.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "\nan_edit: 1\n", encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_RULES", str(rules_copy))
    _fresh()
    redirected = load_rules()
    assert redirected.directory == rules_copy and redirected.raw["numerals"]["an_edit"] == 1
    assert "an_edit" not in package.raw["numerals"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "directory"])
def test_a_damaged_cache_is_ignored(cache_dir, rules_copy, damage, capsys):
    reference = _rules_from_yaml(rules_copy)
    load_rules(rules_copy)
    f = cache_dir / disk_cache.FILE_NAME
    if damage == "garbage":
        f.write_bytes(bytes(range(256)) * 8)
    elif damage == "truncated":
        f.write_bytes(f.read_bytes()[:-100])
    else:
        f.unlink()
        f.mkdir()
    _fresh()
    rules = load_rules(rules_copy)
    assert rules.raw == reference.raw and rules.examples == reference.examples
    assert numerals.parse_numeral("三千零五") == Decimal(3005)
    if damage != "directory":
        assert capsys.readouterr().err.count("damaged cache") == 1


def test_an_unwritable_cache_directory_is_no_error(tmp_path, monkeypatch, rules_copy):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("ZHFACTS_CACHE_DIR", str(blocker / "cache"))  # (no directory can be made there)
    _fresh()
    try:
        assert load_rules(rules_copy).raw == _rules_from_yaml(rules_copy).raw
        assert numerals.parse_numeral("两千三百") == Decimal(2300)
        assert not (blocker / "cache").exists()
    finally:
        monkeypatch.undo()
        _fresh()


def test_cn2an_readings_come_from_the_cache(cache_dir):
    texts = ["三千五百", "百", "一千零二十四", "十二"]
    values = [numerals.parse_numeral(t) for t in texts]
    assert values == [Decimal(3500), Decimal(100), Decimal(1024), Decimal(12)]
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        numerals.parse_numeral("十百")
    stamp = numerals._cn2an_stamp()
    assert disk_cache.get("cn2an", (stamp, "三千五百")) == (3500,)
    # a reading cn2an refused is kept as such, and refused again without cn2an
    assert disk_cache.get("cn2an", (stamp, "十百"))[0][0] == "raised"
    # a new process reads them without importing cn2an (once this one wrote them: at the latest when it exits)
    disk_cache.flush()
    code = ("import sys; from zhfacts.extract.numerals import parse_numeral as p; "
            f"print([str(p(t)) for t in {texts!r}], 'cn2an' in sys.modules)")
    env = {**os.environ, "ZHFACTS_CACHE_DIR": str(cache_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["['3500',", "'100',", "'1024',", "'12']", "False"]


def test_new_readings_are_written_once_not_per_numeral(cache_dir):
    """A document's new numerals do not each rewrite the whole cache file: the readings wait for the next
    flush (the next document's, or the process's exit) and are all in it then."""
    disk_cache.flush()
    files = lambda: sorted(p.name for p in cache_dir.rglob("*") if p.is_file())  # noqa: E731
    before = {p: p.stat().st_mtime_ns for p in cache_dir.rglob("*") if p.is_file()}
    for t in ("四千七百", "八百零六", "六千零九"):
        numerals.parse_numeral(t)
    assert {p: p.stat().st_mtime_ns for p in cache_dir.rglob("*") if p.is_file()} == before
    disk_cache.flush()
    assert files()
    disk_cache.reset()  # (read back from the file, as a new process would)
    stamp = numerals._cn2an_stamp()
    assert [disk_cache.get("cn2an", (stamp, t)) for t in ("四千七百", "八百零六", "六千零九")] == [(4700,), (806,), (6009,)]


def test_cn2an_readings_follow_the_installed_cn2an(cache_dir, monkeypatch):
    numerals.parse_numeral("三千五百")
    monkeypatch.setattr(numerals, "_cn2an_stamp", lambda: ("another", "cn2an"))
    numerals.parse_numeral.cache_clear()
    assert disk_cache.get("cn2an", (("another", "cn2an"), "三千五百")) is None
    assert numerals.parse_numeral("三千五百") == Decimal(3500)  # read by cn2an again
    assert disk_cache.get("cn2an", (("another", "cn2an"), "三千五百")) == (3500,)


def test_processes_writing_the_cache_at_once(tmp_path):
    """Three processes start on an empty cache together: all give the facts of a run
    without cache, and the file they leave is whole."""
    code = ("import json, zhfacts; print(json.dumps(zhfacts.extract("
            "'截至今年6月底，全省建成智算中心十二个，机架三千五百架。', doc='x', published='2025-09-02'), "
            "ensure_ascii=False, sort_keys=True))")
    base = {k: v for k, v in os.environ.items() if not k.startswith("ZHFACTS_")}
    reference = subprocess.run([sys.executable, "-c", code], env={**base, "ZHFACTS_NO_CACHE": "1"},
                               capture_output=True, text=True, timeout=300)
    assert reference.returncode == 0, reference.stderr
    env = {**base, "ZHFACTS_CACHE_DIR": str(tmp_path)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    assert all(o == reference.stdout for o, _ in outs)
    assert json.loads(reference.stdout)  # (facts, not an empty list)
    assert not [e for _, e in outs if "damaged" in e]
    data = disk_cache.decode(str(tmp_path / disk_cache.FILE_NAME))
    assert data is not None and data["rules"] and data["cn2an"] and data["regex"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_compiled_patterns_rebuilt_from_the_cache_match_as_compiled_ones(cache_dir):
    import regex

    from zhfacts.extract.dates import expanded_patterns
    from zhfacts.extract.firstchars import _first_class, first_class

    patterns = [p for _, _, p in expanded_patterns(load_rules().raw["dates"])]
    text = "截至2024年6月底，前7个月，二〇二四年一至十月，民国112年，去年同期，今年上半年增长3.5%。"
    fresh = [regex.compile(p) for p in patterns]
    for p in patterns:
        disk_cache.compiled(p)
        first_class(p)
    disk_cache.flush()
    _fresh()
    assert all(isinstance(disk_cache.get("regex", (p, 0, int(regex.DEFAULT_VERSION))), tuple) for p in patterns)
    for p, f in zip(patterns, fresh):
        rebuilt = disk_cache.compiled(p)
        assert rebuilt is not f and (rebuilt.pattern, rebuilt.flags, rebuilt.groupindex) == (f.pattern, f.flags,
                                                                                              f.groupindex)
        assert [m.span() + (m.groupdict(),) for m in rebuilt.finditer(text)] == \
               [m.span() + (m.groupdict(),) for m in f.finditer(text)]
        assert first_class(p) == _first_class(p)
    # what the constructor refuses is compiled as ever
    disk_cache.put("regex", ("(a)b", 0, int(regex.DEFAULT_VERSION)), ("(a)b", "not", "arguments"))
    assert disk_cache.compiled("(a)b").match("ab").group(1) == "a"
