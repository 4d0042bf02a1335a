"""Generalization guard on devset2/: articles written in the structures of the
genres users read (statistics bulletins, company results, telecom statistics,
provincial news with byline blocks, vendor shares, Taiwan and Hong Kong news,
features), annotated by reading (devset2/README.md), never tuned sentence by
sentence.

Floors only ever go up (strict 0.634 and value 0.970 when raised)."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from zhfacts.cli import app

DEVSET2 = Path(__file__).resolve().parents[1] / "devset2"
FLOOR = 0.60
VALUE_FLOOR = 0.95


def test_eval_on_devset2_meets_the_floor():
    assert len(list(DEVSET2.glob("*.jsonl"))) >= 16, "devset2/ lost its files"
    result = CliRunner().invoke(app, ["eval", "--golden", str(DEVSET2), "--json"])
    obj = json.loads(result.stdout)
    assert obj["errors"] == [] and obj["span_errors"] == 0
    assert obj["strict"]["f1"] >= FLOOR, f"devset2 strict F1 {obj['strict']['f1']:.4f} < {FLOOR}"
    assert obj["value"]["f1"] >= VALUE_FLOOR, f"devset2 value F1 {obj['value']['f1']:.4f} < {VALUE_FLOOR}"
