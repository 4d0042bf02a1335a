"""The command line as a user meets it (issue 13 item 4): --version, -h, python -m zhfacts,
stdin for normalize, options checked once before any document, no traceback for a
user error, duplicate doc ids, help texts and choices, counts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zhfacts
from zhfacts.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[1]


def run(args, **kw):
    return CliRunner().invoke(app, args, catch_exceptions=False, **kw)


def test_version_and_short_help():
    r = run(["--version"])
    assert r.exit_code == 0 and r.stdout.strip() == f"zhfacts {zhfacts.__version__}"
    for args in (["-h"], ["extract", "-h"], ["golden", "add", "-h"]):
        r = run(args)
        assert r.exit_code == 0 and "Usage:" in r.stdout


def test_python_dash_m_zhfacts():
    r = subprocess.run([sys.executable, "-m", "zhfacts", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == f"zhfacts {zhfacts.__version__}"
    r = subprocess.run([sys.executable, "-m", "zhfacts", "extract", "--format", "xml", str(SEED)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "error[E400] --format must be jsonl or csv, got 'xml'" in r.stderr
    assert "Traceback" not in r.stderr


def test_normalize_reads_stdin():
    by_file = run(["normalize", str(SEED)])
    by_stdin = run(["normalize", "-"], input=SEED.read_bytes())
    assert by_file.exit_code == by_stdin.exit_code == 0
    assert by_stdin.stdout == by_file.stdout and by_file.stdout.strip()


def test_help_names_html_and_choices():
    text = " ".join(run(["extract", "-h"]).stdout.split())
    assert "*.html" in text
    assert "[jsonl|csv]" in text and "[fast|spacy]" in text
    assert "[label-studio]" in " ".join(run(["export", "-h"]).stdout.split())


def test_bad_engine_is_one_error_before_any_document(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(5):
        (docs / f"d{i}.txt").write_text("我国在用算力中心标准机架达1085万架。", encoding="utf-8")
    r = run(["extract", str(docs), "--engine", "turbo"])
    assert r.exit_code == 2
    assert r.stderr.count("error[") == 1
    assert "--engine must be one of fast, spacy, got 'turbo'" in r.stderr
    assert "ZHFACTS_ENGINE" not in r.stderr
    assert r.stdout == ""


def _broken_rules(tmp_path) -> Path:
    from zhfacts.rules import rules_dir

    rules = tmp_path / "rules"
    import shutil

    shutil.copytree(rules_dir(), rules)
    (rules / "units.yaml").write_text("units:\n  - id: unit.broken\n", encoding="utf-8")
    return rules


def test_broken_rule_file_is_one_error_for_extract_and_eval(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHFACTS_RULES", str(_broken_rules(tmp_path)))
    r = run(["extract", str(ROOT / "seeds")])
    assert r.exit_code == 2 and r.stderr.count("error[E200]") == 1 and r.stdout == ""
    r = run(["eval", "--golden", str(ROOT / "golden")])
    assert r.exit_code == 2 and r.stderr.count("error[E200]") == 1
    assert r.stdout == ""  # no table of zeros


def test_same_file_twice_is_extracted_once_and_doc_ids_are_unique(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    text = "截至今年6月底，我国在用算力中心标准机架达1085万架。"
    (a / "x.txt").write_text(text, encoding="utf-8")
    (b / "x.txt").write_text(text, encoding="utf-8")
    r = run(["extract", str(a / "x.txt"), str(a), str(b / "x.txt"), "--published", "2025-09-02"])
    assert r.exit_code == 0, r.stderr
    docs = [json.loads(line)["doc"] for line in r.stdout.splitlines()]
    assert docs == ["x", "x-2"]
    assert f"warning: {a}/x.txt: the same file as {a / 'x.txt'}, extracted once" in r.stderr
    assert "doc id 'x' is already" in r.stderr and "'x-2'" in r.stderr


def test_summary_counts_documents_and_facts_with_warnings(tmp_path):
    out = tmp_path / "o.jsonl"
    r = run(["extract", str(SEED), "-o", str(out)])
    assert r.exit_code == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with_warnings = sum(1 for x in recs if x.get("warnings"))
    assert f"zhfacts extract: 1 document, {len(recs)} facts ({with_warnings} with warnings), 0 errors in " in r.stderr


def test_user_errors_have_codes_not_tracebacks(tmp_path):
    for args in (["normalize", str(tmp_path / "missing.txt")], ["eval", "--golden", str(tmp_path / "nope")],
                 ["golden", "add", str(tmp_path / "none.jsonl")], ["golden", "import", str(tmp_path / "none.json")],
                 ["eval", "--baseline", str(tmp_path / "none.json")], ["export", "--format", "csv"],
                 ["eval", "--save-run", "/proc/nope/run.json"]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 2, (args, r.output)
        assert "error[E" in r.stderr and r.exception is None or isinstance(r.exception, SystemExit), args
