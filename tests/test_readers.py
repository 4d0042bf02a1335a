"""Readers of JSONL (predictions and golden files): lines end at \\n only, every
error names file and line with an E-code, and `eval --pred` checks records by the
contract (issue 12 item 5)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app
from zhfacts.errors import ReadError
from zhfacts.evaluate.golden import load_golden
from zhfacts.evaluate.scoring import read_predictions
from zhfacts.extract.batch import RecordWriter

ROOT = Path(__file__).resolve().parents[1]
SEPARATORS = "\u2028\u2029\u0085\x1c\x1d\x1e\x0b\x0c"


def record(**kw) -> dict:
    rec = {"doc": "d1", "entity": "中国", "metric": "机架", "value": 10850000, "unit": "架", "qualifier": "=",
           "date": "2025-06", "kind": "actual", "span": [10, 16], "text": "1085万架",
           "sentence": f"截至6月底{SEPARATORS}机架达1085万架。"}
    rec.update(kw)
    return rec


def run_cli(args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_own_output_with_line_separators_reads_back(tmp_path):
    buf = io.StringIO()
    RecordWriter(buf, "jsonl").write_doc([record(), record(value=788, unit="EFLOPS")])
    text = buf.getvalue()
    assert "\u2028" not in text and "\u2029" not in text  # escaped by the writer
    p = tmp_path / "preds.jsonl"
    p.write_text(text, encoding="utf-8")
    recs = read_predictions(p)
    assert [r["sentence"] for r in recs] == [record()["sentence"]] * 2


def test_raw_separators_inside_strings_are_not_line_ends(tmp_path):
    p = tmp_path / "preds.jsonl"
    p.write_text("\n".join(json.dumps(record(), ensure_ascii=False) for _ in range(3)) + "\n", encoding="utf-8")
    assert "\u2028" in p.read_text(encoding="utf-8")
    assert len(read_predictions(p)) == 3


@pytest.mark.parametrize("line, message", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"doc": "d1", "value": ' + "9" * 5000 + "}", "invalid JSON"),
    ("{not json", "invalid JSON"),
    ('["a list"]', "expected a JSON object"),
    (json.dumps(record(value="12")), "value:"),
    (json.dumps(record(span=[16, 10])), "span:"),
    (json.dumps(record(qualifier="about")), "qualifier:"),
    (json.dumps({k: v for k, v in record().items() if k != "kind"}), "kind: missing required key"),
])
def test_every_malformed_prediction_names_file_and_line(tmp_path, line, message):
    p = tmp_path / "preds.jsonl"
    p.write_text(json.dumps(record()) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ReadError) as exc:
        read_predictions(p)
    assert exc.value.code == "E310"
    assert f"{p}:2:" in exc.value.message and message in exc.value.message


def test_extra_keys_are_tolerated(tmp_path):
    p = tmp_path / "preds.jsonl"
    p.write_text(json.dumps(record(explain={"candidates": []}, warnings=["w"])) + "\n", encoding="utf-8")
    assert len(read_predictions(p)) == 1


def test_eval_pred_with_malformed_records_is_a_coded_error(tmp_path):
    p = tmp_path / "preds.jsonl"
    p.write_text(json.dumps(record(value="12")) + "\n", encoding="utf-8")
    r = run_cli(["eval", "--golden", ROOT / "golden", "--pred", p])
    assert r.exit_code == 2
    assert "error[E310]" in r.stderr and f"{p}:1: value:" in r.stderr


@pytest.mark.parametrize("command", ["eval", "review"])
def test_a_directory_named_jsonl_is_a_coded_error(tmp_path, command):
    d = tmp_path / "preds.jsonl"
    d.mkdir()
    args = (["eval", "--golden", ROOT / "golden", "--pred", d] if command == "eval"
            else ["review", d, "--sources", tmp_path, "-o", tmp_path / "r.html"])
    r = run_cli(args)
    assert r.exit_code == 2 and "error[E310]" in r.stderr and "directory" in r.stderr


def test_golden_reader_names_file_and_line_with_a_code(tmp_path):
    g = tmp_path / "g"
    g.mkdir()
    (g / "a.txt").write_text("截至6月底，机架达1085万架。\n", encoding="utf-8")
    (g / "docs.tsv").write_text("doc\tpath\tpublished\tevidence\nd1\ta.txt\t2025-09-02\t\n", encoding="utf-8")
    (g / "d1.jsonl").write_text(json.dumps(record()) + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    (g / "sub.jsonl").mkdir()  # a directory named *.jsonl
    problems = [str(p) for p in load_golden(g).problems if p.level == "error"]
    assert any(p.startswith("error[E300]") and "d1.jsonl:2:" in p and "nested too deeply" in p for p in problems)
    assert any(p.startswith("error[E300]") and "sub.jsonl" in p and "directory" in p for p in problems)
    r = run_cli(["golden", "check", g])
    assert r.exit_code == 1 and "Traceback" not in r.output
