"""Shared helpers of the benchmark scripts (not part of the zhfacts package).

Everything here is standard library only, so that the measuring subprocesses
import nothing they are not measuring.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SEEDS = ROOT / "seeds"
GOLDEN_DOCS = ROOT / "golden" / "docs.tsv"


def seed_documents() -> list[dict]:
    """The seed articles: ``{"doc", "path", "text", "published"}``, in name order.

    ``text`` is the file decoded as UTF-8 (BOM dropped); ``published`` comes
    from ``golden/docs.tsv`` where the golden set states it, else ``None``.
    """
    published: dict[str, str | None] = {}
    if GOLDEN_DOCS.exists():
        with GOLDEN_DOCS.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                published[row.get("doc", "")] = (row.get("published") or "").strip() or None
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_bytes().decode("utf-8-sig")
        docs.append({"doc": path.stem, "path": str(path), "text": text,
                     "published": published.get(path.stem)})
    if not docs:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return docs


def repeat_to_size(docs: list[dict], min_bytes: int) -> list[dict]:
    """Whole rounds of ``docs`` repeated until their UTF-8 size reaches ``min_bytes``.

    Each copy is a separate document (``<doc>_r<round>``), the way users batch articles.
    """
    out: list[dict] = []
    total = 0
    rnd = 0
    while total < min_bytes:
        for d in docs:
            out.append({**d, "doc": f"{d['doc']}_r{rnd:04d}"})
            total += len(d["text"].encode("utf-8"))
        rnd += 1
    return out


def corpus_stats(docs: list[dict]) -> dict:
    return {"documents": len(docs),
            "chars": sum(len(d["text"]) for d in docs),
            "bytes": sum(len(d["text"].encode("utf-8")) for d in docs)}


def median(xs):
    return statistics.median(xs) if xs else None


def run_json_subprocess(args: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run ``args``; its last stdout line is a JSON object. Errors become ``{"error": ...}``."""
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              env=env, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        return {"error": f"exit {proc.returncode}: " + " | ".join(tail)}
    try:
        return json.loads(lines[-1])
    except json.JSONDecodeError as exc:
        return {"error": f"bad JSON from subprocess: {exc}"}


def package_versions(names: list[str]) -> dict[str, str | None]:
    from importlib import metadata

    out = {}
    for n in names:
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            out[n] = None
    return out


def machine_facts() -> dict:
    def sh(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:  # noqa: BLE001 - facts are best effort
            return ""

    lscpu = {}
    for line in sh(["lscpu"]).splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            lscpu[k.strip()] = v.strip()
    mem_kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = bool(sh(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src", "rules"]))
    return {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": sh(["nproc"]),
        "cpu_model": lscpu.get("Model name"),
        "cpus": lscpu.get("CPU(s)"),
        "threads_per_core": lscpu.get("Thread(s) per core"),
        "hypervisor": lscpu.get("Hypervisor vendor"),
        "mem_total_gib": round(mem_kb / 1048576, 1) if mem_kb else None,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "python_impl": platform.python_implementation(),
        "git_commit": commit + ("+dirty(src/rules)" if dirty and commit else ""),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def fmt_rate(x) -> str:
    if x is None:
        return "n/a"
    if x >= 1e6:
        return f"{x / 1e6:.2f}M"
    if x >= 1e3:
        return f"{x / 1e3:.0f}k"
    return f"{x:.0f}"


PYCACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhfacts-bench" / "pycache"


def env_for_subprocess() -> dict:
    """The measured processes' environment: bytecode cached, as after a normal install.

    This workplace sets PYTHONDONTWRITEBYTECODE, which makes every process
    recompile the editable package's sources; a user's install has .pyc files.
    The caches go to PYCACHE (PYTHONPYCACHEPREFIX), never into the source tree.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])  # guest time is already counted in user
    return total - idle, total


class CpuWatch:
    """How much CPU did *other* processes use while we measured? (the disturbance)"""

    def __init__(self):
        import resource

        self._res = resource
        self.t0 = _cpu_jiffies()
        self.own0 = self._own()

    def _own(self) -> float:
        r = self._res
        s, c = r.getrusage(r.RUSAGE_SELF), r.getrusage(r.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    def result(self) -> dict:
        hz = os.sysconf("SC_CLK_TCK")
        busy1, total1 = _cpu_jiffies()
        busy = (busy1 - self.t0[0]) / hz
        capacity = (total1 - self.t0[1]) / hz  # core-seconds available
        own = self._own() - self.own0
        others = max(0.0, busy - own)
        return {"machine_busy_core_s": round(busy, 1), "own_core_s": round(own, 1),
                "others_core_s": round(others, 1), "capacity_core_s": round(capacity, 1),
                "others_share": round(others / capacity, 3) if capacity else None}


def wait_for_idle(max_wait: float, threshold: float = 0.15, stable: int = 5) -> float:
    """Wait (at most ``max_wait`` s) until the machine's busy share stays below ``threshold``
    for ``stable`` consecutive seconds. Returns the seconds waited."""
    import time

    start = time.monotonic()
    calm = 0
    prev = _cpu_jiffies()
    while time.monotonic() - start < max_wait and calm < stable:
        time.sleep(1)
        cur = _cpu_jiffies()
        db, dt = cur[0] - prev[0], cur[1] - prev[1]
        prev = cur
        calm = calm + 1 if dt and db / dt < threshold else 0
    return time.monotonic() - start
