"""How fast is the normalizer alone: warm throughput and cold first call.

Run from the repository root inside the project's virtual environment::

    python bench/normalizer_speed.py                 # about 30 s
    python bench/normalizer_speed.py --rounds 20 --repeats 3 --cold-runs 5

Figures (each measurement in its own fresh process, bytecode cached as after a
normal install: ``PYTHONDONTWRITEBYTECODE`` dropped, ``PYTHONPYCACHEPREFIX``
pointing to ``~/.cache/zhfacts-bench/pycache`` as in ``bench/_common.py``):

- **warm chars/s**: ``zhfacts.normalize.normalizer.normalize(text)`` over the five seeds
  repeated ``--rounds`` times as separate documents, in one process, after one
  untimed round over the seeds (imports, rules, OpenCC loaded there). Median of
  ``--repeats`` passes, by wall time and by CPU time (``time.process_time``,
  which other processes on the machine disturb much less).
- **cold first call (s)**: in a fresh interpreter, the time from before
  ``import zhfacts.normalize.normalizer`` to the return of the first ``normalize`` call
  (imports, rule loading and regex compiling included), for a Simplified seed
  and for the Traditional seed 004 (which needs OpenCC). Median and minimum of
  ``--cold-runs`` processes after one untimed run, which fills the normalizer's
  on-disk rules cache (``zhfacts.normalize.tables``) as a first run after install
  does; then the same with the cache off (``ZHFACTS_NO_CACHE=1``: every
  process parses the YAML and compiles every pattern).

Only the standard library is imported here; the workers import zhfacts.
No timing is asserted anywhere: this script reports, the tests check behaviour.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PYCACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhfacts-bench" / "pycache"


def _env() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_bytes().decode("utf-8-sig")) for p in sorted(SEEDS.glob("*.txt"))]


def worker_warm(rounds: int, repeats: int) -> dict:
    t0 = time.perf_counter()
    from zhfacts.normalize.normalizer import normalize

    seeds = _seed_texts()
    for _, text in seeds:  # warm-up: imports, rules, OpenCC
        normalize(text)
    warmup = time.perf_counter() - t0
    corpus = [text for _ in range(rounds) for _, text in seeds]
    chars = sum(map(len, corpus))
    walls, cpus = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        for text in corpus:
            normalize(text)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return {
        "documents": len(corpus),
        "chars": chars,
        "warmup_s": warmup,
        "wall_s": walls,
        "cpu_s": cpus,
        "chars_per_s_wall": chars / statistics.median(walls),
        "chars_per_s_cpu": chars / statistics.median(cpus),
        "best_chars_per_s": chars / min(cpus),
    }


def worker_cold(seed_prefix: str) -> dict:
    path = next(iter(sorted(SEEDS.glob(seed_prefix + "*.txt"))))
    text = path.read_bytes().decode("utf-8-sig")
    t0 = time.perf_counter()
    from zhfacts.normalize.normalizer import normalize

    t1 = time.perf_counter()
    normalize(text)
    t2 = time.perf_counter()
    return {"seed": path.stem, "import_s": t1 - t0, "first_call_s": t2 - t1, "total_s": t2 - t0,
            "opencc_loaded": "opencc" in sys.modules, "yaml_loaded": "yaml" in sys.modules,
            "charset_normalizer_loaded": "charset_normalizer" in sys.modules}


def _run_worker(args: list[str], extra_env: dict | None = None) -> dict:
    env = _env()
    env.update(extra_env or {})
    proc = subprocess.run([sys.executable, __file__, "--worker", *args], capture_output=True, text=True,
                          env=env, cwd=str(ROOT), timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"worker {args} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(lines[-1])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=40, help="rounds over the seeds per timed pass (40: ~650k chars)")
    ap.add_argument("--repeats", type=int, default=5, help="timed passes (median reported)")
    ap.add_argument("--cold-runs", type=int, default=7, help="fresh processes per cold figure")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object too")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        kind = a.worker[0]
        if kind == "warm":
            out = worker_warm(int(a.worker[1]), int(a.worker[2]))
        else:
            out = worker_cold(a.worker[1])
        print(json.dumps(out))
        return

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    warm = _run_worker(["warm", str(a.rounds), str(a.repeats)])
    print(f"warm: {warm['documents']} documents, {warm['chars']:,} chars per pass, {a.repeats} passes")
    print(f"  chars/s (CPU time, median): {warm['chars_per_s_cpu']:,.0f}")
    print(f"  chars/s (wall time, median): {warm['chars_per_s_wall']:,.0f}")
    print(f"  chars/s (CPU time, best pass): {warm['best_chars_per_s']:,.0f}")
    result = {"warm": warm, "cold": {}}
    for cache, extra in (("rules cache", {}), ("no cache", {"ZHFACTS_NO_CACHE": "1"})):
        for prefix, label in (("001", "Simplified seed 001"), ("004", "Traditional seed 004")):
            _run_worker(["cold", prefix], extra)  # untimed: fills the page, bytecode and rules caches
            runs = [_run_worker(["cold", prefix], extra) for _ in range(a.cold_runs)]
            tot = [r["total_s"] for r in runs]
            imp = [r["import_s"] for r in runs]
            first = [r["first_call_s"] for r in runs]
            r0 = runs[0]
            print(f"cold first call, {label}, {cache} ({a.cold_runs} processes): import + first normalize "
                  f"median {statistics.median(tot):.3f} s, min {min(tot):.3f} s "
                  f"(import {statistics.median(imp):.3f} s, first call {statistics.median(first):.3f} s; "
                  f"loaded: opencc={r0['opencc_loaded']}, yaml={r0['yaml_loaded']}, "
                  f"charset_normalizer={r0['charset_normalizer_loaded']})")
            result["cold"][f"{prefix} {cache}"] = {"median_s": statistics.median(tot), "min_s": min(tot), "runs": runs}
    if a.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
