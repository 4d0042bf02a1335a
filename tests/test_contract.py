"""The contract module: one key order, one date grammar, one publication-date parser, one unit table."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zhfacts
from zhfacts import contract
from zhfacts.cli import app
from zhfacts.contract import date_error, ordered, parse_published, published_error
from zhfacts.errors import UsageError

runner = CliRunner()


def test_key_orders():
    assert contract.RECORD_KEYS[:10] == contract.REQUIRED_KEYS
    assert [k for k in contract.GOLDEN_KEYS if k in contract.RECORD_KEYS] == list(contract.RECORD_KEYS)
    rec = {"x": 1, "warnings": [], "text": "1", "doc": "d", "optional": True, "metric_alt": ["a"], "metric": "m"}
    assert list(ordered(rec)) == ["doc", "metric", "metric_alt", "text", "warnings", "optional", "x"]


@pytest.mark.parametrize("value", [
    None, "2025", "2025-06", "2025-06-30", "2024-H1", "2024-H2", "2025-Q1", "2025-Q4",
    "2020/2024", "2025-01/2025-07", "2024-H2/2025-Q1", "2024-02-29", "2025-06/2025",
])
def test_valid_dates(value):
    assert date_error(value) is None


@pytest.mark.parametrize("value", [
    "", "25", "2025-6", "2025-13", "2025-00", "2025-02-30", "2023-02-29", "2025-H3", "2025-Q5", "2025-q1",
    "2025年", "2025-06-30T00:00", "2024/2020", "2025-07/2025-H1", "2020/2022/2024", "2020/", 2025, ["2025"],
])
def test_invalid_dates(value):
    assert date_error(value) is not None


@pytest.mark.parametrize("value,ok", [("", True), ("2025-09-04", True), ("2025-9-4", True),
                                      ("2025-02-30", False), ("2025-09", False),
                                      (" 2025-09-04 ", True), ("20250904", False), ("yesterday", False)])
def test_published(value, ok):
    assert (published_error(value) is None) is ok



def test_parse_published():
    assert parse_published("2025-09-04") == dt.date(2025, 9, 4)
    assert parse_published("2025-9-4") == dt.date(2025, 9, 4)
    assert parse_published(dt.date(2025, 1, 1)) == dt.date(2025, 1, 1)
    assert parse_published(None) is None and parse_published(" ") is None
    for bad in ("2025-02-30", "20250904", "yesterday", "2025/09/04"):
        with pytest.raises(UsageError, match="publication date"):
            parse_published(bad)


def test_every_path_reads_the_publication_date_alike(tmp_path: Path):
    """normalize, extract (library and CLI) and the manifest accept and refuse the same dates."""
    art = tmp_path / "a.txt"
    art.write_text("今年上半年，我国在用算力中心标准机架达1085万架。\n", encoding="utf-8")
    for value, ok in (("2025-9-2", True), ("2025-02-30", False)):
        results = [runner.invoke(app, ["normalize", str(art), "--published", value]).exit_code == 0,
                   runner.invoke(app, ["extract", str(art), "-q", "--published", value]).exit_code == 0]
        manifest = tmp_path / "m.tsv"
        manifest.write_text(f"path\tpublished\na.txt\t{value}\n", encoding="utf-8")
        results.append(runner.invoke(app, ["extract", "--manifest", str(manifest), "-q"]).exit_code == 0)
        for call in (lambda: zhfacts.normalize(art.read_text(), published=value),
                     lambda: zhfacts.extract(art.read_text(), doc="a", published=value)):
            try:
                call()
                results.append(True)
            except UsageError:
                results.append(False)
        assert results == [ok] * 5, value
    recs = zhfacts.extract(art.read_text(), doc="a", published="2025-9-2")
    assert recs[0]["date"] == "2025-H1"


def test_unit_equivalences():
    assert contract.canonical_unit("兆瓦") == contract.canonical_unit("MW") == "mw"
    assert contract.canonical_unit("台币") == "新台币"
    assert contract.unit_form_error("MW") is None and contract.unit_form_error("架") is None
    assert "MW" in contract.unit_form_error("兆瓦")
