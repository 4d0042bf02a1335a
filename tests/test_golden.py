"""`zhfacts golden check` and the golden loader (contract section 2, issue 3)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app
from zhfacts.errors import GoldenError, UsageError
from zhfacts.contract import GOLDEN_KEYS
from zhfacts.cli.golden import run_check as cli_check
from zhfacts.evaluate.golden import load_checked, load_golden

# The line break is \r\n on purpose: it counts as two characters in spans.
ORIGINAL = "算力产业量质齐升\r\n截至今年6月底,我国在用算力中心标准机架达1085万架,智能算力规模达788EFLOPS。\n市场规模约190亿美元。\n"


def _span(text: str, nth: int = 0) -> list[int]:
    i = -1
    for _ in range(nth + 1):
        i = ORIGINAL.index(text, i + 1)
    return [i, i + len(text)]


def fact(text, entity="中国", metric="标准机架", value=10850000, unit="架", qualifier="=", date="2025-06",
         kind="actual", doc="d1", **extra):
    rec = {"doc": doc, "entity": entity, "metric": metric, "value": value, "unit": unit, "qualifier": qualifier,
           "date": date, "kind": kind, "span": _span(text), "text": text}
    rec.update(extra)
    return rec


GOOD = [
    fact("1085万架"),
    fact("788EFLOPS", metric="智能算力规模", value=788, unit="EFLOPS"),
    fact("190亿美元", metric="市场规模", value=19000000000, unit="美元", qualifier="~", date=None, optional=True),
]


def make_dir(tmp_path: Path, records=GOOD, *, tsv: str | None = None, name: str = "d1", lines=None) -> Path:
    gdir = tmp_path / "golden"
    gdir.mkdir(exist_ok=True)
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "d1.txt").write_bytes(ORIGINAL.encode("utf-8"))
    if tsv is None:
        tsv = "doc\tpath\tpublished\tevidence\nd1\t../src/d1.txt\t2025-09-02\tmetadata line\n"
    (gdir / "docs.tsv").write_text(tsv, encoding="utf-8")
    if lines is None:
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (gdir / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return gdir


def problems(gdir: Path, level="error") -> list[str]:
    return [str(p) for p in load_golden(gdir).problems if p.level == level]


def test_span_fixture_counts_crlf_as_two_characters():
    s, e = _span("1085万架")
    assert ORIGINAL[s:e] == "1085万架"
    assert ORIGINAL.index("\r\n") == 8 and ORIGINAL[10] == "截"


def test_valid_directory_passes(tmp_path, capsys):
    gdir = make_dir(tmp_path)
    gs = load_golden(gdir)
    assert gs.errors == []
    assert list(gs.annotated) == ["d1"]
    assert gs.docs["d1"].published == "2025-09-02"
    assert gs.docs["d1"].n_optional == 1
    assert gs.docs["d1"].lines == [1, 2, 3]
    assert gs.originals()["d1"] == ORIGINAL
    assert cli_check(gdir) == 0
    out = capsys.readouterr().out
    assert "1 document, 3 facts (1 optional); 0 error(s)" in out


def test_cli_golden_check_exit_codes(tmp_path):
    runner = CliRunner()
    good = make_dir(tmp_path)
    assert runner.invoke(app, ["golden", "check", str(good)]).exit_code == 0
    bad = make_dir(tmp_path, [fact("1085万架", qualifier="about")])
    result = runner.invoke(app, ["golden", "check", str(bad)])
    assert result.exit_code == 1
    assert "d1.jsonl:1: qualifier:" in result.output


@pytest.mark.parametrize("mutate,key,needle", [
    (lambda r: r.pop("unit"), "unit", "missing required key"),
    (lambda r: r.pop("date"), "date", "missing required key"),
    (lambda r: r.update(qualifier="约"), "qualifier", "not one of"),
    (lambda r: r.update(kind="prediction"), "kind", "not one of"),
    (lambda r: r.update(date="2025-6"), "date", "is not YYYY"),
    (lambda r: r.update(value="788"), "value", "finite number"),
    (lambda r: r.update(value=True), "value", "finite number"),
    (lambda r: r.update(unit=None), "unit", "expected a string"),
    (lambda r: r.update(entity=""), "entity", "non-empty string"),
    (lambda r: r.update(span=[5]), "span", "two integers"),
    (lambda r: r.update(span=[5.0, 9.0]), "span", "two integers"),
    (lambda r: r.update(span=[9, 5]), "span", "start < end"),
    (lambda r: r.update(span=[len(ORIGINAL) - 1, len(ORIGINAL) + 5]), "span", "beyond the text"),
    (lambda r: r.update(span=[r["span"][0] - 2, r["span"][1] - 2]), "text", "is at ["),
    (lambda r: r.update(text="788EFLOP"), "text", "!= original"),
    (lambda r: r.update(doc="d2"), "doc", "not the file's document id"),
    (lambda r: r.update(optional="yes"), "optional", "true or false"),
    (lambda r: r.update(metric_alt="规模"), "metric_alt", "list"),
    (lambda r: r.update(note="hi"), "note", "unknown key"),
])
def test_record_errors_name_file_line_and_key(tmp_path, mutate, key, needle):
    recs = [dict(r) for r in GOOD]
    mutate(recs[1])  # the record on line 2
    gdir = make_dir(tmp_path, recs)
    errs = problems(gdir)
    want = f"error[E300] {gdir / 'd1.jsonl'}:2: {key}:"
    assert any(e.startswith(want) and needle in e for e in errs), errs


def test_key_order(tmp_path):
    rec = fact("1085万架")
    shuffled = {k: rec[k] for k in ["doc", "entity", "metric", "unit", "value", "qualifier", "date", "kind", "span", "text"]}
    gdir = make_dir(tmp_path, [shuffled])
    errs = problems(gdir)
    assert any(":1: value: key order" in e for e in errs), errs
    # metric_alt after metric and optional last are in order
    ok = {**{k: rec[k] for k in ("doc", "entity", "metric")}, "metric_alt": ["机架"],
          **{k: rec[k] for k in GOLDEN_KEYS[4:11]}, "optional": True}
    assert problems(make_dir(tmp_path, [ok])) == []


def test_invalid_json_line(tmp_path):
    lines = [json.dumps(GOOD[0], ensure_ascii=False), "{not json", "", json.dumps(GOOD[1], ensure_ascii=False)]
    gdir = make_dir(tmp_path, lines=lines)
    errs = problems(gdir)
    assert len(errs) == 1 and ":2: invalid JSON" in errs[0]
    assert load_golden(gdir).docs["d1"].lines == [1, 4]


def test_docs_tsv_problems(tmp_path):
    tsv = ("doc\tpath\tpublished\tevidence\n"
           "d1\t../src/d1.txt\t2025/09/02\tx\n"
           "d2\t../src/missing.txt\t\tx\n"
           "d1\t../src/d1.txt\t\tduplicate\n")
    gdir = make_dir(tmp_path, tsv=tsv)
    errs = problems(gdir)
    tsvname = str(gdir / "docs.tsv")
    assert any(e.startswith(f"error[E300] {tsvname}:2: published:") for e in errs), errs
    assert any(e.startswith(f"error[E300] {tsvname}:3: path:") and "no such file" in e for e in errs), errs
    assert any(e.startswith(f"error[E300] {tsvname}:4: doc:") and "twice" in e for e in errs), errs
    warns = problems(gdir, "warning")
    assert any("d2: no golden file" in w for w in warns), warns


def test_docs_tsv_missing_column_and_file(tmp_path):
    gdir = make_dir(tmp_path, tsv="doc\tpublished\nd1\t2025-09-02\n")
    errs = problems(gdir)
    assert any(":1: path: missing column" in e for e in errs), errs
    (gdir / "docs.tsv").unlink()
    errs = problems(gdir)
    assert any("docs.tsv" in e and "missing" in e for e in errs)
    assert any("no row in docs.tsv" in e for e in errs)


def test_golden_file_without_tsv_row(tmp_path):
    gdir = make_dir(tmp_path, [fact("1085万架", doc="zz")], name="zz")
    errs = problems(gdir)
    assert any("zz.jsonl" in e and "doc:" in e and "no row" in e for e in errs), errs


def test_no_golden_files_is_an_error(tmp_path):
    gdir = make_dir(tmp_path)
    (gdir / "d1.jsonl").unlink()
    errs = problems(gdir)
    assert any("no golden files" in e for e in errs)


def test_warnings_do_not_fail(tmp_path, capsys):
    recs = [GOOD[1], GOOD[0], dict(GOOD[0])]  # unsorted, and a duplicate
    gdir = make_dir(tmp_path, recs)
    assert problems(gdir) == []
    warns = problems(gdir, "warning")
    assert any(":2: span: warning: records not sorted" in w for w in warns), warns
    assert any(":3: span: warning: same span" in w for w in warns), warns
    assert cli_check(gdir) == 0


def test_qualifier_word_in_text_is_a_warning(tmp_path):
    rec = fact("190亿美元", metric="市场规模", value=19000000000, unit="美元", date=None)
    rec["span"] = [rec["span"][0] - 1, rec["span"][1]]
    rec["text"] = "约190亿美元"
    gdir = make_dir(tmp_path, [rec])
    assert problems(gdir) == []
    assert any("qualifier word" in w for w in problems(gdir, "warning"))


def test_load_checked_raises_with_locations(tmp_path):
    gdir = make_dir(tmp_path, [fact("1085万架", kind="guess")])
    with pytest.raises(GoldenError) as exc:
        load_checked(gdir)
    assert "d1.jsonl:1: kind:" in str(exc.value)
    assert exc.value.code == "E300"


def test_missing_directory(tmp_path):
    with pytest.raises(UsageError):
        load_golden(tmp_path / "nope")
    result = CliRunner().invoke(app, ["golden", "check", str(tmp_path / "nope")])
    assert result.exit_code == 2
