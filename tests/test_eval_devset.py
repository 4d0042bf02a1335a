"""Generalization guard: `zhfacts eval` on devset/, articles in other outlets'
styles that the rules were never tuned against fact by fact (devset/README.md).

Floors only ever go up, like tests/test_eval_seeds.py (strict 0.820 and value
0.964 when raised)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zhfacts.cli import app

DEVSET = Path(__file__).resolve().parents[1] / "devset"
FLOOR = 0.80
VALUE_FLOOR = 0.95


def test_devset_passes_the_golden_check():
    result = CliRunner().invoke(app, ["golden", "check", str(DEVSET)])
    assert result.exit_code == 0, result.output


def test_eval_on_devset_meets_the_floor():
    result = CliRunner().invoke(app, ["eval", "--golden", str(DEVSET), "--json"])
    obj = json.loads(result.stdout)
    assert obj["errors"] == [] and obj["span_errors"] == 0
    assert obj["strict"]["f1"] >= FLOOR, f"devset strict F1 {obj['strict']['f1']:.4f} < {FLOOR}"
    assert obj["value"]["f1"] >= VALUE_FLOOR, f"devset value F1 {obj['value']['f1']:.4f} < {VALUE_FLOOR}"
