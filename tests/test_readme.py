"""The README's commands and Python examples run as written (issue 13 item 4).

Every ```bash and ```python block of README.md is executed from a scratch
directory that holds the repository's seeds/, golden/ and devset/ (so that
out/ is written there, not into the repository); ``.venv/bin/`` is this test's
interpreter's bin directory. Set-up and test commands (venv, pip, pytest,
bench) are the only lines left out: they install or rerun this very suite.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = re.compile(r"python3 -m venv|pip install|-m pytest|bench/run\.py")


def blocks(lang: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "golden", "devset", "rules"):
        if (ROOT / name).exists():
            (d / name).symlink_to(ROOT / name)
    return d


def commands() -> list[str]:
    out = []
    for block in blocks("bash"):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#") and not SKIP.search(line):
                out.append(line)
    return out


def test_readme_has_examples():
    assert len(commands()) >= 4 and blocks("python")


def test_readme_commands_run_as_written(scratch):
    bin_dir = str(Path(sys.executable).parent) + "/"
    env = {**os.environ, "PATH": bin_dir.rstrip("/") + os.pathsep + os.environ.get("PATH", "")}
    for cmd in commands():
        r = subprocess.run(cmd.replace(".venv/bin/", bin_dir), shell=True, cwd=scratch, env=env,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, f"{cmd}\n{r.stderr[-2000:]}"
        assert "Traceback" not in r.stderr, cmd
    assert (scratch / "out" / "seeds.jsonl").stat().st_size > 0
    assert (scratch / "out" / "review.html").exists() and (scratch / "out" / "tasks.json").exists()


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_readme_python_runs_as_written(scratch, index):
    code = blocks("python")[index]
    r = subprocess.run([sys.executable, "-c", code], cwd=scratch, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
