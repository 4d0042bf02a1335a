"""Shared fixtures: where the repository's seeds and golden set live."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Under CI the property tests replay a fixed set of examples (derandomized, no
# example database), so a landing never depends on the luck of the draw; on a
# developer's machine they keep searching (ZHFACTS_HYPOTHESIS_EXAMPLES=2000 for a
# longer hunt) and a failure found there becomes an explicit @example.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "golden"
BUILD = ROOT / "build"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def build_dir() -> Path:
    BUILD.mkdir(exist_ok=True)
    return BUILD


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The seed articles, sorted by name."""
    return sorted(SEEDS.glob("*.txt"))


def seed_path(prefix: str) -> Path:
    """The seed whose name starts with ``prefix`` (e.g. ``"004"``)."""
    found = sorted(SEEDS.glob(f"{prefix}*.txt"))
    assert found, f"no seed {prefix}* in {SEEDS}"
    return found[0]
