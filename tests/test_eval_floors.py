"""CI floors: `zhfacts eval` on every annotated set, checked and scored.

- golden/: the five seeds the rules were written from;
- devset/: eight held-out articles in other outlets' styles (devset/README.md);
- devset2/: sixteen articles in the structures of the genres users read,
  mainland, Taiwanese and Hong Kong, written by one annotator and annotated by
  another, never tuned sentence by sentence (devset2/README.md).

A floor is the F1 the extractor reached when it was last raised, rounded down.
Floors only ever go UP: raise one when a change improves the score; never lower
one to let a regression pass (a golden file re-aligned with the contract is
answered by the extractor, not by the floor).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhfacts.cli import app

ROOT = Path(__file__).resolve().parents[1]

# set, documents, strict F1 floor, value F1 floor (measured when raised: strict / value)
SETS = [
    ("golden", 5, 0.94, 0.99),    # 0.944 / 1.000
    ("devset", 8, 0.91, 0.99),    # 0.911 / 1.000
    ("devset2", 16, 0.89, 0.99),  # 0.891 / 0.993
]


@pytest.mark.parametrize("name,docs", [(s[0], s[1]) for s in SETS])
def test_set_passes_the_golden_check(name, docs):
    directory = ROOT / name
    assert (directory / "docs.tsv").is_file() and len(list(directory.glob("*.jsonl"))) == docs, f"{name}/ lost files"
    result = CliRunner().invoke(app, ["golden", "check", str(directory)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name,strict_floor,value_floor", [(s[0], s[2], s[3]) for s in SETS])
def test_eval_meets_the_floor(name, strict_floor, value_floor):
    result = CliRunner().invoke(app, ["eval", "--golden", str(ROOT / name), "--json"])
    assert result.exit_code in (0, 1), result.output
    obj = json.loads(result.stdout)
    assert obj["errors"] == [], f"the extractor failed: {obj['errors']}"
    assert obj["span_errors"] == 0, json.dumps(obj["span_error_details"], ensure_ascii=False, indent=1)
    assert obj["strict"]["f1"] >= strict_floor, (
        f"{name}: strict F1 {obj['strict']['f1']:.4f} fell below the floor {strict_floor} "
        f"(value+date {obj['value+date']['f1']:.4f}, value {obj['value']['f1']:.4f})"
    )
    assert obj["value"]["f1"] >= value_floor, f"{name}: value F1 {obj['value']['f1']:.4f} fell below {value_floor}"
