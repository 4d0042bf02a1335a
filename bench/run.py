#!/usr/bin/env python
"""zhfacts benchmark: cold start, throughput, peak memory, JioNLP baseline, batch scaling.

    python bench/run.py            # full run (>= 5 MB corpus), writes bench/RESULTS.md + bench/results.json
    python bench/run.py --quick    # smoke run on a small corpus, writes to a temporary directory

Every measurement runs in its own subprocess, so imports never leak from one to
another. The harness never depends on what the pipeline returns: a failing or
missing extractor is reported as such, with its error, and the rest goes on.
See bench/README.md for what each figure means.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (BENCH, ROOT, CpuWatch, corpus_stats, wait_for_idle, env_for_subprocess, fmt_rate, machine_facts,  # noqa: E402
                     median, package_versions, repeat_to_size, run_json_subprocess, seed_documents)

COLD_ARTICLE = "seeds/004_3e2fbe985caf42ae.txt"
HEAVY_MODULES = {
    # module: first-use statement run after the import (None: import only)
    "zhfacts": None,
    "spacy": "spacy.blank('zh')",
    "jieba": "jieba.initialize()",
    "rjieba": "rjieba.tag('我国已建成万卡智算集群42个')",
    "opencc": "opencc.OpenCC('t2s').convert('工業和信息化部')",
    "cn2an": "cn2an.cn2an('一千五百九十', 'smart')",
    "rich": "__import__('rich.console').console.Console()",
    "typer": None,
    "regex": "regex.compile(r'\\p{Han}+').findall('算力规模')",
    "yaml": None,
    "rapidfuzz": None,
    "charset_normalizer": None,
    "jionlp": None,
}
VERSIONS = ["zhfacts", "jieba", "rjieba", "spacy", "OpenCC", "cn2an", "regex", "rich", "typer",
            "rapidfuzz", "charset-normalizer", "PyYAML", "jionlp", "jiojio", "pyinstrument"]


def venv_script(name: str) -> str:
    cand = Path(sys.executable).parent / name
    return str(cand) if cand.exists() else (shutil.which(name) or name)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _count(result) -> int:
    try:
        return len(result)
    except TypeError:
        return 0


# =========================================================================== workers
# Run as ``python bench/run.py --worker NAME --corpus FILE``; print one JSON line.

def _timed_pass(docs, fn, budget: float, slices: int) -> dict:
    """Call ``fn(doc)`` on every document, in ``slices`` consecutive slices, within ``budget`` s.

    Only documents that returned count as characters done; the time of those that
    raised is still spent, so failures can only lower the rate, never raise it.
    """
    n = len(docs)
    bounds = [round(i * n / slices) for i in range(slices + 1)]
    slice_rates, done_chars, items, errors, first_error, attempted = [], 0, 0, 0, None, 0
    spent = 0.0
    truncated = False
    c0 = time.process_time()
    for k in range(slices):
        chars = 0
        t0 = time.perf_counter()
        for d in docs[bounds[k]:bounds[k + 1]]:
            attempted += 1
            try:
                items += fn(d)
                chars += len(d["text"])
            except Exception as exc:  # noqa: BLE001 - reported, never fatal
                errors += 1
                first_error = first_error or f"{d['doc']}: {type(exc).__name__}: {exc}"[:300]
            if spent + time.perf_counter() - t0 > budget:
                truncated = True
                break
        el = time.perf_counter() - t0
        spent += el
        done_chars += chars
        if el > 0 and chars:
            slice_rates.append(chars / el)
        if truncated:
            break
    cpu = time.process_time() - c0
    return {"chars": done_chars, "seconds": spent, "cpu_seconds": cpu,
            "chars_per_s": done_chars / spent if spent and done_chars else None,
            "chars_per_cpu_s": done_chars / cpu if cpu and done_chars else None,
            "slice_chars_per_s": slice_rates, "median_slice_chars_per_s": median(slice_rates),
            "documents": attempted, "items": items, "errors": errors, "first_error": first_error,
            "truncated": truncated}


def worker_lib(corpus: list[dict], seeds: list[dict], budget: float, slices: int) -> dict:
    out: dict = {}
    t0 = time.perf_counter()
    try:
        import zhfacts
    except Exception as exc:  # noqa: BLE001
        return {"status": "unavailable", "error": f"import zhfacts: {type(exc).__name__}: {exc}"}
    out["import_s"] = time.perf_counter() - t0
    api = zhfacts.extract  # the public function, captured before the first call (see below)

    def fn(d):
        return _count(api(d["text"], doc=d["doc"], published=d["published"]))

    # First call: the lazy imports, dictionaries and compiled rules load here.
    t0 = time.perf_counter()
    try:
        fn(seeds[0])
    except Exception as exc:  # noqa: BLE001
        return {**out, "status": "unavailable", "error": f"zhfacts.extract: {type(exc).__name__}: {exc}"[:400],
                "peak_rss_mb": _rss_mb()}
    out["first_call_s"] = time.perf_counter() - t0
    warm_errors = 0
    for d in seeds:  # warm-up round
        try:
            fn(d)
        except Exception:  # noqa: BLE001
            warm_errors += 1
    out["rss_after_warmup_mb"] = _rss_mb()
    if not callable(getattr(zhfacts, "extract", None)):
        out["warning"] = ("after the first call, `zhfacts.extract` is no longer the function but the submodule "
                          f"{getattr(zhfacts.extract, '__name__', '?')} (importing a submodule rebinds the package "
                          "attribute of the same name), so a second `zhfacts.extract(...)` raises TypeError; "
                          "the benchmark calls the function captured at import")
    out.update(_timed_pass(corpus, fn, budget, slices))
    out["facts"] = out.pop("items")
    out["warmup_errors"] = warm_errors
    out["peak_rss_mb"] = _rss_mb()
    out["status"] = "ok" if not out["errors"] else "errors"
    return out


def worker_jionlp(corpus: list[dict], seeds: list[dict], budget: float, slices: int) -> dict:
    import datetime as dt
    import io
    import logging
    from contextlib import redirect_stdout

    out: dict = {}
    t0 = time.perf_counter()
    try:
        with redirect_stdout(io.StringIO()):  # its import banner
            import jionlp as jio
    except Exception as exc:  # noqa: BLE001
        return {"status": "unavailable", "error": f"import jionlp: {type(exc).__name__}: {exc}"}
    out["import_s"] = time.perf_counter() - t0
    out["version"] = getattr(jio, "__version__", None)
    # JioNLP logs a traceback for every time string it cannot parse; its own
    # traceback.format_exc() still runs (part of its cost), only the write is skipped.
    logging.disable(logging.CRITICAL)
    default_base = dt.datetime(2025, 9, 1).timestamp()
    split = {"money_s": 0.0, "time_s": 0.0, "money": 0, "time": 0}

    def fn(d):
        base = dt.datetime.fromisoformat(d["published"]).timestamp() if d["published"] else default_base
        a = time.perf_counter()
        money = jio.ner.extract_money(d["text"])
        b = time.perf_counter()
        times = jio.ner.extract_time(d["text"], time_base=base)
        c = time.perf_counter()
        split["money_s"] += b - a
        split["time_s"] += c - b
        split["money"] += len(money)
        split["time"] += len(times)
        return len(money) + len(times)

    t0 = time.perf_counter()
    fn(seeds[0])
    out["first_call_s"] = time.perf_counter() - t0
    for d in seeds:
        fn(d)
    out["rss_after_warmup_mb"] = _rss_mb()
    for k in split:
        split[k] = 0 if isinstance(split[k], int) else 0.0
    out.update(_timed_pass(corpus, fn, budget, slices))
    out["entities"] = out.pop("items")
    out["money_chars_per_s"] = out["chars"] / split["money_s"] if split["money_s"] else None
    out["time_chars_per_s"] = out["chars"] / split["time_s"] if split["time_s"] else None
    out["money_found"], out["time_found"] = split["money"], split["time"]
    out["peak_rss_mb"] = _rss_mb()
    out["status"] = "ok" if not out["errors"] else "errors"
    return out


def worker_profile(corpus: list[dict], seeds: list[dict], budget: float, out_path: str) -> dict:
    try:
        import zhfacts
        from pyinstrument import Profiler
    except Exception as exc:  # noqa: BLE001
        return {"status": "unavailable", "error": f"{type(exc).__name__}: {exc}"}
    api = zhfacts.extract  # captured before the first call: see worker_lib
    try:
        for d in seeds:
            api(d["text"], doc=d["doc"], published=d["published"])
    except Exception as exc:  # noqa: BLE001
        return {"status": "unavailable", "error": f"zhfacts.extract: {type(exc).__name__}: {exc}"[:400]}
    prof = Profiler(interval=0.0005)
    chars = 0
    prof.start()
    t0 = time.perf_counter()
    for d in corpus:
        try:
            api(d["text"], doc=d["doc"], published=d["published"])
        except Exception:  # noqa: BLE001
            pass
        chars += len(d["text"])
        if time.perf_counter() - t0 > budget:
            break
    prof.stop()
    text = prof.output_text(unicode=True, color=False, show_all=False)
    Path(out_path).write_text(f"# pyinstrument profile of zhfacts.extract over {chars:,} characters "
                              f"(warm; interval 0.5 ms)\n\n{text}", encoding="utf-8")
    return {"status": "ok", "chars": chars, "path": out_path}


def worker_import(module: str, first_use: str | None) -> dict:
    t0 = time.perf_counter()
    mod = __import__(module)
    t1 = time.perf_counter()
    res = {"module": module, "import_s": t1 - t0}
    if first_use:
        import contextlib
        import io

        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            eval(first_use, {module.split(".")[0]: mod, "__import__": __import__})  # noqa: S307 - our own constant
        res["first_use_s"] = time.perf_counter() - t1
    res["rss_mb"] = _rss_mb()
    return res


# =========================================================================== parent side

def timed_runs(cmd: list[str], runs: int, warmup: int = 1, timeout: float = 120) -> dict:
    """Wall time of a whole process, ``warmup`` untimed runs (the first is kept apart) then ``runs``;
    beside it the process's CPU time (user + sys), which other processes on the machine disturb less."""
    import resource

    env = env_for_subprocess()
    first = None
    times, cpus = [], []
    rc = None
    err = ""
    for i in range(warmup + runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=str(ROOT))
            rc = p.returncode
            err = p.stderr
        except subprocess.TimeoutExpired:
            return {"cmd": shlex.join(cmd), "error": f"timed out after {timeout} s"}
        el = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i == 0:
            first = el
        if i >= warmup:
            times.append(el)
            cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    res = {"cmd": shlex.join(cmd), "runs": times, "median_s": median(times), "min_s": min(times),
           "first_run_s": first, "returncode": rc, "cpu_runs": cpus, "cpu_median_s": median(cpus)}
    if rc:
        res["error"] = " | ".join(err.strip().splitlines()[-3:])[:400]
    return res


IMPORTTIME_RE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s+)(\S+)")


def parse_importtime(stderr: str) -> list[dict]:
    rows = []
    for line in stderr.splitlines():
        m = IMPORTTIME_RE.match(line)
        if m:
            rows.append({"self_us": int(m.group(1)), "cum_us": int(m.group(2)),
                         "depth": (len(m.group(3)) - 1) // 2, "module": m.group(4)})
    return rows


def importtime_report(label: str, cmd: list[str]) -> tuple[str, dict]:
    env = env_for_subprocess()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env, cwd=str(ROOT))
    rows = parse_importtime(p.stderr)
    total = sum(r["self_us"] for r in rows)
    top_level = sorted((r for r in rows if r["depth"] == 0), key=lambda r: -r["cum_us"])
    by_cum = sorted(rows, key=lambda r: -r["cum_us"])
    by_self = sorted(rows, key=lambda r: -r["self_us"])
    named = {}
    for r in rows:
        root = r["module"].split(".")[0]
        if r["module"] == root and root in HEAVY_MODULES:
            named[root] = r["cum_us"] / 1e6
    lines = [f"## {label}", f"$ {_short(shlex.join(cmd))}", f"exit {p.returncode}; {len(rows)} modules; "
             f"sum of self times {total / 1e6:.3f} s", "",
             "Top-level imports by cumulative time (s):"]
    lines += [f"  {r['cum_us'] / 1e6:8.3f}  {r['module']}" for r in top_level[:25]]
    lines += ["", "Heaviest modules by cumulative time (s), any depth:"]
    lines += [f"  {r['cum_us'] / 1e6:8.3f}  {'  ' * min(r['depth'], 8)}{r['module']}" for r in by_cum[:40]]
    lines += ["", "Heaviest modules by self time (s):"]
    lines += [f"  {r['self_us'] / 1e6:8.3f}  {r['module']}" for r in by_self[:20]]
    lines.append("")
    summary = {"cmd": shlex.join(cmd), "returncode": p.returncode, "modules": len(rows),
               "sum_self_s": total / 1e6, "named_cum_s": named,
               "top_level": [(r["module"], r["cum_us"] / 1e6) for r in top_level[:15]]}
    return "\n".join(lines), summary


def cold_start(args, out_dir: Path, results: dict) -> None:
    py = sys.executable
    zh = venv_script("zhfacts")
    n = args.cold_runs
    cs = {}
    cs["python_pass"] = timed_runs([py, "-c", "pass"], n)
    cs["import_zhfacts"] = timed_runs([py, "-c", "import zhfacts"], n)
    cs["zhfacts_help"] = timed_runs([zh, "--help"], n)
    cs["zhfacts_extract"] = timed_runs([zh, "extract", COLD_ARTICLE, "-o", "/dev/null", "--quiet"], n)
    for k, v in cs.items():
        print(f"  cold {k:18s} " + (v.get("error") or "") + (f" median {v['median_s']:.3f} s, min {v['min_s']:.3f} s"
                                                          if v.get("median_s") is not None else ""),
              file=sys.stderr, flush=True)
    results["cold_start"] = cs

    imports = {}
    env = env_for_subprocess()
    for mod, use in HEAVY_MODULES.items():
        runs = []
        for _ in range(args.import_runs):
            wargs = [py, __file__, "--worker", "import", "--module", mod]
            if use:
                wargs += ["--first-use", use]
            r = run_json_subprocess(wargs, timeout=120, env=env)
            if "error" in r:
                runs = r
                break
            runs.append(r)
        if isinstance(runs, dict):
            imports[mod] = runs
        else:
            imports[mod] = {"import_s": median([r["import_s"] for r in runs]),
                            "first_use_s": median([r["first_use_s"] for r in runs]) if use else None,
                            "first_use": use, "rss_mb": median([r["rss_mb"] for r in runs]), "runs": len(runs)}
    results["imports"] = imports

    texts, summaries = [], {}
    for label, cmd in [("import zhfacts", [py, "-X", "importtime", "-c", "import zhfacts"]),
                       ("zhfacts extract (whole CLI run on one short article)",
                        [py, "-X", "importtime", zh, "extract", COLD_ARTICLE, "-o", "/dev/null", "--quiet"])]:
        t, s = importtime_report(label, cmd)
        texts.append(t)
        summaries[label] = s
    header = ("# python -X importtime, produced by bench/run.py\n"
              "# Cumulative = the module and everything it imported first. Times of one run, not medians.\n\n")
    (out_dir / "IMPORTTIME.txt").write_text(header + "\n".join(texts), encoding="utf-8")
    results["importtime"] = summaries


def write_corpus_files(docs: list[dict], directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (directory / f"{d['doc']}.txt").write_text(d["text"], encoding="utf-8")


def batch_runs(args, batch_docs: list[dict], tmp: Path, results: dict) -> None:
    zh = venv_script("zhfacts")
    bdir = tmp / "batch"
    write_corpus_files(batch_docs, bdir)
    st = corpus_stats(batch_docs)
    res = {"corpus": st, "runs": {}}
    env = env_for_subprocess()
    for w in (1, 2):
        outf = tmp / f"out_w{w}.jsonl"
        times, cpu_times, rc, err = [], [], None, None
        spent = 0.0
        while len(times) < args.batch_reps and (not times or spent < args.batch_budget):
            if outf.exists():
                outf.unlink()
            ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            try:
                p = subprocess.run([zh, "extract", str(bdir), "-o", str(outf), "--quiet", "--workers", str(w)],
                                   capture_output=True, text=True, timeout=args.batch_budget * 3 + 60,
                                   env=env, cwd=str(ROOT))
            except subprocess.TimeoutExpired:
                err = "timed out"
                break
            el = time.perf_counter() - t0
            ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and its (joined) workers
            cpu_times.append(ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime)
            rc = p.returncode
            errlines = [ln for ln in p.stderr.splitlines() if ln.startswith("error")]
            if rc not in (0, 1):  # 1: some documents failed (each reported); anything else: the run failed
                err = " | ".join(p.stderr.strip().splitlines()[-3:])[:400]
                break
            if errlines:
                err = f"{len(errlines)} document error(s), first: {errlines[0][:300]}"
            times.append(el)
            spent += el
        r = {"returncode": rc, "runs_s": times, "cpu_s": cpu_times}
        if cpu_times:
            r["median_cpu_s"] = median(cpu_times)
        if err:
            r["error"] = err
        if times:
            r["median_s"] = median(times)
            r["chars_per_s"] = st["chars"] / r["median_s"]
        if outf.exists() and times:
            data = outf.read_bytes()
            r["output_sha256"] = hashlib.sha256(data).hexdigest()
            r["output_lines"] = data.count(b"\n")
        res["runs"][w] = r
        print(f"  batch --workers {w}: exit {rc}, " + (f"median {r['median_s']:.2f} s, {fmt_rate(r['chars_per_s'])} "
                                                       f"chars/s " if times else "") + (err or ""),
              file=sys.stderr, flush=True)
    r1, r2 = res["runs"].get(1, {}), res["runs"].get(2, {})
    if r1.get("median_s") and r2.get("median_s"):
        res["scaling"] = r1["median_s"] / r2["median_s"]
    if r1.get("median_cpu_s") and r2.get("median_cpu_s"):
        # Work the second worker adds (start-up, imports, pickling): with two free cores the
        # scaling can at best be 2 x cpu(1) / cpu(2), whatever else runs on the machine now.
        res["cpu_ratio"] = r2["median_cpu_s"] / r1["median_cpu_s"]
        res["scaling_bound_idle"] = 2 * r1["median_cpu_s"] / r2["median_cpu_s"]
    if r1.get("output_sha256") and r2.get("output_sha256"):
        res["same_output"] = r1["output_sha256"] == r2["output_sha256"]
    results["batch"] = res


# =========================================================================== report

def _disturbance(oc, where: str) -> str:
    if not oc or oc.get("others_share") is None:
        return ""
    return (f"Other processes used {oc['others_share']:.0%} of the machine's CPU {where} "
            f"({oc['others_core_s']} of {oc['capacity_core_s']} core-seconds; this benchmark used {oc['own_core_s']}).")


def _short(cmd: str) -> str:
    return cmd.replace(sys.executable, "python").replace(str(Path(sys.executable).parent) + "/", "")


def _s(x, nd=3):
    return "n/a" if x is None else f"{x:.{nd}f}"


def write_results(results: dict, out_dir: Path) -> None:
    (out_dir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    m, v = results["machine"], results["versions"]
    lib, jio = results.get("library", {}), results.get("jionlp", {})
    cs = results.get("cold_start", {})
    batch = results.get("batch", {})
    ratio = results.get("ratio_zhfacts_over_jionlp")
    provisional = lib.get("status") != "ok" or any(
        r.get("error") for r in [cs.get("zhfacts_extract", {})] + list(batch.get("runs", {}).values()))
    L = ["# zhfacts benchmark results", ""]
    if provisional:
        L += ["> **Provisional.** Parts of the pipeline failed or are missing in this run "
              "(see *Errors and warnings* below); their figures are n/a or measure an incomplete pipeline.", ""]
    oc = results.get("others_cpu") or {}
    if (oc.get("others_share") or 0) > 0.25:
        L += [f"> **Disturbed run.** Other processes used {oc['others_share']:.0%} of the CPU while this ran, so "
              "the absolute rates are low and the batch scaling cannot reach 2 (there was no free second core). "
              "Compare ratios, or re-run on an idle machine.", ""]
    L += [f"Produced by `{results['command']}` (from the repository root) on {m['date']}, "
          f"commit {m['git_commit'] or 'unknown'}; the whole run took {results['total_s']:.0f} s. Load average "
          f"(1, 5, 15 min) {m['loadavg_at_start']} at the start, {results['loadavg_at_end']} at the end "
          "(2 cores: above ~0.5 at the start, something else was running). "
          + _disturbance(results.get("others_cpu"), "over the whole run") + "", "",
          "## Summary", "",
          "| figure | value | target |", "| --- | ---: | --- |"]
    ce = cs.get("zhfacts_extract", {})
    L.append(f"| cold start: `zhfacts extract {COLD_ARTICLE} -o /dev/null --quiet`, median (min) of "
             f"{len(ce.get('runs', []))}; CPU median | {_s(ce.get('median_s'))} s ({_s(ce.get('min_s'))} s); "
             f"CPU {_s(ce.get('cpu_median_s'))} s{' — failed' if ce.get('error') else ''} | < 1 s |")
    iz = cs.get("import_zhfacts", {})
    L.append(f"| `python -c 'import zhfacts'`, median (min) | {_s(iz.get('median_s'))} s ({_s(iz.get('min_s'))} s) | |")
    pp = cs.get("python_pass", {})
    L.append(f"| `python -c pass` (interpreter alone), median | {_s(pp.get('median_s'))} s | |")
    lib_err = f" ({lib['errors']} of {lib['documents']} documents failed)" if lib.get("errors") else ""
    L.append(f"| zhfacts library throughput (`zhfacts.extract` per document, warm) | "
             f"**{fmt_rate(lib.get('chars_per_s'))} chars/s**{lib_err} | ≥ 3 × JioNLP |")
    L.append(f"| JioNLP `extract_money` + `extract_time` on the same documents | "
             f"**{fmt_rate(jio.get('chars_per_s'))} chars/s** | baseline |")
    L.append(f"| same, per CPU-second of the measuring process (less sensitive to other processes) | "
             f"zhfacts {fmt_rate(lib.get('chars_per_cpu_s'))}, JioNLP {fmt_rate(jio.get('chars_per_cpu_s'))} | |")
    L.append(f"| ratio zhfacts / JioNLP, wall time (per CPU-second: {_s(results.get('ratio_cpu'), 2)}; best slice "
             f"against best slice: {_s(results.get('ratio_best_slices'), 2)}) | **{_s(ratio, 2)}** | ≥ 3 |")
    L.append(f"| peak RSS of the library run (whole process) | {_s(lib.get('peak_rss_mb'), 0)} MB | |")
    L.append(f"| peak RSS of the JioNLP run | {_s(jio.get('peak_rss_mb'), 0)} MB | |")
    b1, b2 = batch.get("runs", {}).get(1, {}), batch.get("runs", {}).get(2, {})
    L.append(f"| batch CLI `--workers 1` (whole process, directory of files) | {fmt_rate(b1.get('chars_per_s'))} chars/s | |")
    L.append(f"| batch CLI `--workers 2` | {fmt_rate(b2.get('chars_per_s'))} chars/s | |")
    bo = (batch.get("others_cpu") or {}).get("others_share")
    L.append(f"| scaling workers 2 / 1 | {_s(batch.get('scaling'), 2)}"
             f"{f' (others used {bo:.0%} of the CPU meanwhile)' if bo is not None else ''} | near 2 |")
    L.append(f"| CPU time (user+sys, CLI and workers) `--workers 1` / `2`; bound on the scaling with two free "
             f"cores, 2 × CPU(1) / CPU(2) | {_s(b1.get('median_cpu_s'), 1)} s / {_s(b2.get('median_cpu_s'), 1)} s; "
             f"bound {_s(batch.get('scaling_bound_idle'), 2)} | near 2 |")
    L.append(f"| same output bytes with 1 and 2 workers | {batch.get('same_output', 'n/a')} "
             f"({b1.get('output_lines', 'n/a')} lines; exit {b1.get('returncode')} / {b2.get('returncode')}) | True |")
    L.append("")

    c, bc = results["corpus"], batch.get("corpus", {})
    L += ["## Corpus", "",
          f"The {c['seeds']} seed articles repeated as separate documents: **{c['documents']} documents, "
          f"{c['chars']:,} characters, {c['bytes']:,} bytes** (UTF-8). Library and JioNLP runs: one warm-up "
          f"round over the seeds, then the corpus in {results['slices']} consecutive slices; the rate is "
          f"all characters / all seconds, and the median of the slice rates is shown beside it. "
          f"Publication dates from `golden/docs.tsv` where known. Batch runs: the first "
          f"{bc.get('documents', 'n/a')} documents ({bc.get('chars', 0):,} characters) written as files "
          f"into one directory.", ""]

    def detail(name, r):
        if not r:
            return [f"| {name} | not run | | | | | | | |"]
        if r.get("status") == "unavailable" or (r.get("error") and not r.get("chars")):
            return [f"| {name} | unavailable: {r.get('error')} | | | | | | | |"]
        best = max(r.get("slice_chars_per_s") or [0]) or None
        return [f"| {name} | {fmt_rate(r.get('chars_per_s'))} | {fmt_rate(r.get('median_slice_chars_per_s'))} / "
                f"{fmt_rate(best)} "
                f"| {r.get('chars', 0):,} in {_s(r.get('seconds'), 1)} s{' (budget hit)' if r.get('truncated') else ''} "
                f"| {_s(r.get('import_s'))} / {_s(r.get('first_call_s'))} | {_s(r.get('rss_after_warmup_mb'), 0)} / "
                f"{_s(r.get('peak_rss_mb'), 0)} | {r.get('errors', 0)} of {r.get('documents', 'n/a')} | "
                f"{r.get('facts', r.get('entities', 'n/a'))} | "
                f"{_s((r.get('others_cpu') or {}).get('others_share'), 2)} |"]

    L += ["## Throughput", "",
          "| run | chars/s | slice chars/s, median / best | characters timed | import s / first call s "
          "| RSS after warm-up / peak MB | errors | facts (entities) | others' CPU share |",
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    L += detail("zhfacts.extract", lib)
    L += detail("JioNLP money + time", jio)
    if jio.get("money_chars_per_s"):
        L += ["", f"JioNLP split: `extract_money` {fmt_rate(jio['money_chars_per_s'])} chars/s "
              f"({jio.get('money_found')} amounts), `extract_time` {fmt_rate(jio['time_chars_per_s'])} chars/s "
              f"({jio.get('time_found')} expressions); JioNLP {jio.get('version')}."]
    L.append("")

    L += ["## Cold start", "", "Whole processes, wall time and CPU time (user + sys: less disturbed by other "
          "processes); one untimed warm-up run first (it fills the OS page "
          "cache and any on-disk cache), shown apart as *first run*. "
          + _disturbance(results.get("cold_start_others_cpu"), "during these runs"), "",
          "| command | median s | min s | CPU median s | first run s | exit |",
          "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for k, r in cs.items():
        L.append(f"| `{_short(r.get('cmd', k))}` "
                 f"| {_s(r.get('median_s'))} | {_s(r.get('min_s'))} | {_s(r.get('cpu_median_s'))} "
                 f"| {_s(r.get('first_run_s'))} | {r.get('returncode', r.get('error'))} |")
    L += ["", "Heavy imports, each alone in a fresh interpreter (median of "
          f"{results['args']['import_runs']}); *first use* is the call after the import that loads "
          "dictionaries or models; *cumulative in CLI run* is the `-X importtime` figure inside a whole "
          "`zhfacts extract` run (blank: not imported by it).", "",
          "| module | import s | first use s | first use | RSS MB | cumulative in CLI run s |",
          "| --- | ---: | ---: | --- | ---: | ---: |"]
    cli_named = {}
    for s in results.get("importtime", {}).values():
        if "extract" in s["cmd"]:
            cli_named = s["named_cum_s"]
    for mod, r in results.get("imports", {}).items():
        if "error" in r:
            L.append(f"| {mod} | failed: {r['error'][:120]} | | | | |")
            continue
        L.append(f"| {mod} | {_s(r['import_s'])} | {_s(r.get('first_use_s'))} | "
                 f"{('`' + r['first_use'] + '`') if r.get('first_use') else ''} | {_s(r['rss_mb'], 0)} | "
                 f"{_s(cli_named.get(mod)) if mod in cli_named else ''} |")
    L += ["", "`python -X importtime` top entries: [IMPORTTIME.txt](IMPORTTIME.txt).", ""]
    for s in results.get("importtime", {}).values():
        L.append(f"- `{_short(s['cmd'])}`: exit {s['returncode']}, {s['modules']} modules, "
                 f"top level: " + ", ".join(f"{mname} {t:.3f} s" for mname, t in s["top_level"][:8]))
    L.append("")
    if results.get("profile"):
        p = results["profile"]
        L += ["## Profile", "", (f"pyinstrument profile of the warm library run: [PROFILE.txt](PROFILE.txt) "
                                 f"({p.get('chars', 0):,} characters)." if p.get("status") == "ok"
                                 else f"Profile not taken: {p.get('error')}"), ""]
        pc = results.get("profile_cold") or {}
        L += [("pyinstrument profile of one whole cold-start run (`zhfacts extract` on the short article; "
               "the profiler slows it down, read it for proportions): [PROFILE_COLD.txt](PROFILE_COLD.txt)."
               if pc.get("status") == "ok" else f"Cold-start profile failed: {pc}"), ""]

    errs = []
    if lib.get("warning"):
        errs.append(f"- library (warning): {lib['warning']}")
    for name, r in [("library", lib), ("JioNLP", jio)]:
        if r.get("error"):
            errs.append(f"- {name}: {r['error']}")
        if r.get("first_error"):
            errs.append(f"- {name}: {r['errors']} document(s) raised; first: {r['first_error']}")
    for k, r in cs.items():
        if r.get("error"):
            errs.append(f"- cold start `{k}`: {r['error']}")
    for w, r in batch.get("runs", {}).items():
        if r.get("error"):
            errs.append(f"- batch --workers {w}: {r['error']}")
    if errs:
        L += ["## Errors and warnings", ""] + errs + [""]

    L += ["## Machine and versions", "",
          f"- CPU: {m['cpu_model']}, {m['nproc']} cores (`nproc`), {m['threads_per_core']} thread(s) per core, "
          f"hypervisor {m['hypervisor'] or 'none'}; memory {m['mem_total_gib']} GiB",
          f"- OS: {m['os']}",
          f"- Python {m['python']} ({m['python_impl']}), `{results['python']}`",
          "- Packages: " + ", ".join(f"{k} {x}" for k, x in v.items() if x), ""]
    (out_dir / "RESULTS.md").write_text("\n".join(L), encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small corpus, few runs; writes to a temporary directory")
    ap.add_argument("--corpus-mb", type=float, help="library/JioNLP corpus size, MB of UTF-8 (default 5; quick 0.3)")
    ap.add_argument("--batch-mb", type=float, help="batch CLI corpus size (default 2; quick 0.2)")
    ap.add_argument("--cold-runs", type=int, help="timed runs per cold-start command (default 7; quick 3)")
    ap.add_argument("--import-runs", type=int, help="fresh interpreters per heavy import (default 3; quick 1)")
    ap.add_argument("--budget", type=float, help="seconds at most per throughput run (default 75; quick 15)")
    ap.add_argument("--batch-budget", type=float, help="seconds per worker setting before stopping repeats "
                                                       "(default 30; quick 10)")
    ap.add_argument("--batch-reps", type=int, default=3, help="batch runs per worker setting at most (default 3)")
    ap.add_argument("--wait-idle", type=float, help="wait up to this many seconds for the other processes to "
                                                    "calm down before measuring (default 60; quick 0)")
    ap.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profile")
    ap.add_argument("--out-dir", type=Path, help="where RESULTS.md, results.json, IMPORTTIME.txt go "
                                                 "(default bench/; quick: a temporary directory)")
    # internal: measuring subprocesses
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--module", help=argparse.SUPPRESS)
    ap.add_argument("--first-use", help=argparse.SUPPRESS)
    ap.add_argument("--slices", type=int, default=5, help=argparse.SUPPRESS)
    ap.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        if args.worker == "import":
            res = worker_import(args.module, args.first_use)
        else:
            data = json.loads(Path(args.corpus).read_text(encoding="utf-8"))
            if args.worker == "lib":
                res = worker_lib(data["docs"], data["seeds"], args.budget, args.slices)
            elif args.worker == "jionlp":
                res = worker_jionlp(data["docs"], data["seeds"], args.budget, args.slices)
            elif args.worker == "profile":
                res = worker_profile(data["docs"], data["seeds"], args.budget, args.profile_out)
            else:
                raise SystemExit(f"unknown worker {args.worker}")
        print(json.dumps(res, ensure_ascii=False))
        return 0

    q = args.quick
    args.corpus_mb = args.corpus_mb or (0.3 if q else 5.0)
    args.batch_mb = args.batch_mb or (0.2 if q else 2.0)
    args.cold_runs = args.cold_runs or (3 if q else 7)
    args.import_runs = args.import_runs or (1 if q else 3)
    args.budget = args.budget or (15.0 if q else 75.0)
    args.batch_budget = args.batch_budget or (10.0 if q else 30.0)
    if args.wait_idle is None:
        args.wait_idle = 0.0 if q else 60.0
    out_dir = args.out_dir or (Path(tempfile.mkdtemp(prefix="zhfacts-bench-")) if q else BENCH)
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.wait_idle:
        print(f"waiting up to {args.wait_idle:.0f} s for an idle machine", file=sys.stderr, flush=True)
        waited = wait_for_idle(args.wait_idle)
    else:
        waited = 0.0
    whole = CpuWatch()
    start = time.perf_counter()
    command = "python bench/run.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))

    seeds = seed_documents()
    docs = repeat_to_size(seeds, int(args.corpus_mb * 1_000_000))
    stats = corpus_stats(docs)
    results = {"command": command, "python": sys.executable, "machine": machine_facts(),
               "versions": package_versions(VERSIONS), "args": {k: (str(x) if isinstance(x, Path) else x)
                                                                for k, x in vars(args).items()},
               "corpus": {**stats, "seeds": len(seeds)}, "slices": args.slices}
    print(f"corpus: {stats['documents']} documents, {stats['chars']:,} chars, {stats['bytes']:,} bytes",
          file=sys.stderr, flush=True)
    env = env_for_subprocess()
    with tempfile.TemporaryDirectory(prefix="zhfacts-bench-") as tmpd:
        tmp = Path(tmpd)
        cf = tmp / "corpus.json"
        cf.write_text(json.dumps({"docs": docs, "seeds": seeds}, ensure_ascii=False), encoding="utf-8")

        print("(a) cold start", file=sys.stderr, flush=True)
        cw = CpuWatch()
        cold_start(args, out_dir, results)
        results["cold_start_others_cpu"] = cw.result()

        print("(b, c) library throughput and peak memory", file=sys.stderr, flush=True)
        common = ["--corpus", str(cf), "--budget", str(args.budget), "--slices", str(args.slices)]
        cw = CpuWatch()
        lib = run_json_subprocess([sys.executable, __file__, "--worker", "lib", *common],
                                  timeout=args.budget * 2 + 300, env=env)
        lib["others_cpu"] = cw.result()
        results["library"] = lib
        print(f"  library: {lib.get('error') or fmt_rate(lib.get('chars_per_s')) + ' chars/s'}", file=sys.stderr)

        print("(d) JioNLP baseline", file=sys.stderr, flush=True)
        cw = CpuWatch()
        jio = run_json_subprocess([sys.executable, __file__, "--worker", "jionlp", *common],
                                  timeout=args.budget * 2 + 300, env=env)
        jio["others_cpu"] = cw.result()
        results["jionlp"] = jio
        print(f"  JioNLP: {jio.get('error') or fmt_rate(jio.get('chars_per_s')) + ' chars/s'}", file=sys.stderr)
        if lib.get("chars_per_s") and jio.get("chars_per_s"):
            results["ratio_zhfacts_over_jionlp"] = lib["chars_per_s"] / jio["chars_per_s"]
        if lib.get("chars_per_cpu_s") and jio.get("chars_per_cpu_s"):
            results["ratio_cpu"] = lib["chars_per_cpu_s"] / jio["chars_per_cpu_s"]
        if lib.get("slice_chars_per_s") and jio.get("slice_chars_per_s"):
            results["ratio_best_slices"] = max(lib["slice_chars_per_s"]) / max(jio["slice_chars_per_s"])

        print("(b) batch CLI, --workers 1 and 2", file=sys.stderr, flush=True)
        bdocs = repeat_to_size(seeds, int(args.batch_mb * 1_000_000))
        cw = CpuWatch()
        batch_runs(args, bdocs, tmp, results)
        results["batch"]["others_cpu"] = cw.result()

        if not args.no_profile:
            print("profile (pyinstrument)", file=sys.stderr, flush=True)
            results["profile"] = run_json_subprocess(
                [sys.executable, __file__, "--worker", "profile", "--corpus", str(cf),
                 "--budget", str(min(args.budget, 10.0)), "--profile-out", str(out_dir / "PROFILE.txt")],
                timeout=300, env=env)
            cold_prof = out_dir / "PROFILE_COLD.txt"
            try:
                p = subprocess.run([sys.executable, "-m", "pyinstrument", "-i", "0.001", "-r", "text", "-p", "unicode=true",
                                    "-o", str(cold_prof), venv_script("zhfacts"), "extract", COLD_ARTICLE,
                                    "-o", "/dev/null", "--quiet"], capture_output=True, text=True, timeout=120,
                                   env=env, cwd=str(ROOT))
                results["profile_cold"] = {"status": "ok" if p.returncode == 0 and cold_prof.exists() else "failed",
                                           "returncode": p.returncode, "stderr": p.stderr[-300:]}
            except subprocess.TimeoutExpired:
                results["profile_cold"] = {"status": "failed", "error": "timed out"}
    results["total_s"] = time.perf_counter() - start
    results["waited_for_idle_s"] = round(waited, 1)
    results["others_cpu"] = whole.result()
    results["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_results(results, out_dir)
    print(f"wrote {out_dir / 'RESULTS.md'} and results.json ({results['total_s']:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
