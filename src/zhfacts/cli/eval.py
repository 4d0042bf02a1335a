"""``zhfacts eval``: the scores of :func:`zhfacts.evaluate.scoring.evaluate_dir` as tables,
misses and spurious facts; ``--save-run`` / ``--baseline`` show what a change gained and lost."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Mapping, Optional

import typer

from zhfacts.cli.app import app, user_errors
from zhfacts.errors import UsageError


@app.command("eval")
@user_errors
def eval_(
    golden: Path = typer.Option(Path("golden"), help="Golden directory."),
    pred: Optional[Path] = typer.Option(None, help="Prediction JSONL (default: run the extractor)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit non-zero when strict F1 is below this."),
    save_run: Optional[Path] = typer.Option(None, "--save-run", help="Save this run (RUN.json) to compare later runs with."),
    baseline: Optional[Path] = typer.Option(None, "--baseline",
                                            help="A run saved with --save-run: show facts gained and lost and F1 deltas."),
) -> None:
    """Score the extractor (or a prediction file) against the golden set."""
    raise typer.Exit(code=run_eval(golden=golden, pred=pred, json_out=json_out, min_f1=min_f1,
                                   save_run=save_run, baseline=baseline))


def _fmt_value(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
        return str(int(v))
    return str(v)


def _fact(rec: Mapping) -> str:
    unit = rec.get("unit") or ""
    parts = [str(rec.get("entity", "?")), str(rec.get("metric", "?")),
             f"{rec.get('qualifier', '?')} {_fmt_value(rec.get('value'))} {unit}".rstrip(),
             str(rec.get("date")) if rec.get("date") is not None else "null", str(rec.get("kind", "?"))]
    return " | ".join(parts)


def _diff(fields: list[str], a: Mapping, b: Mapping) -> str:
    return "; ".join(f"{f} {a.get(f)!r} vs {b.get(f)!r}" for f in fields)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _f1(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def run_eval(golden: Path, pred: Path | None = None, json_out: bool = False, min_f1: float | None = None,
             save_run: Path | None = None, baseline: Path | None = None) -> int:
    """The command's body: print the report (or one JSON object) and return the exit code:
    1 when strict F1 < ``min_f1`` or the extractor failed on a document, else 0."""
    from zhfacts.evaluate.runs import compare, load_run, run_record, save_run as _save
    from zhfacts.evaluate.scoring import evaluate_dir

    if min_f1 is not None and not (0.0 <= min_f1 <= 1.0):
        raise UsageError(f"--min-f1 must be between 0 and 1, got {min_f1}")
    base = load_run(baseline) if baseline is not None else None
    if save_run is not None:
        from zhfacts.io import OutputFile

        save_run = OutputFile(save_run, protect=[baseline, pred], what="run")  # checked before the run
    if pred is None:
        from zhfacts.extract.pipeline import prepare

        prepare()  # a broken rule file is one error, not one per document and a table of zeros
    run = evaluate_dir(golden, pred)
    res = run.result
    below = min_f1 is not None and res.strict.f1 + 1e-12 < min_f1
    code = 1 if (below or run.errors) else 0
    comparison = compare(base, run_record(run), name=str(baseline)) if base is not None else None
    if save_run is not None:
        _save(run, save_run)

    if json_out:
        obj = res.to_json()
        obj["source"] = run.source
        obj["errors"] = [str(e) for e in run.errors]
        obj["notes"] = run.notes
        if min_f1 is not None:
            obj["min_f1"] = min_f1
            obj["passed"] = not below
        if comparison is not None:
            obj["baseline"] = comparison.to_json()
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return code

    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = max(console.width, 140)

    def say(text: str = "", style: str | None = None) -> None:
        console.print(text, markup=False, style=style)

    from zhfacts.evaluate.scoring import VIEWS

    gs = run.golden
    files = {d: (g.file, g.lines) for d, g in gs.docs.items()}
    js = res.to_json()
    n_docs = js["n_docs"]
    say(f"zhfacts eval: golden {golden}, {n_docs} document{'' if n_docs == 1 else 's'}, {js['n_golden']} golden facts "
        f"(+{js['n_optional']} optional), {js['n_pred']} predictions from {run.source}")
    for note in run.notes:
        say(f"note: {note}", "yellow")
    for err in run.errors:
        say(f"extraction failed: {err}", "red")

    overall = Table(title="Scores (micro-averaged)", title_justify="left")
    for col in ("view", "P", "R", "F1", "TP", "FP", "FN"):
        overall.add_column(col, justify="left" if col == "view" else "right")
    for v in VIEWS:
        s = res.views[v]
        overall.add_row(v, f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    console.print(overall)

    table = Table(title="Per document (strict unless named)", title_justify="left")
    for col in ("doc", "gold", "opt", "pred", "TP", "FP", "FN", "P", "R", "F1", "F1 v+d", "F1 value", "span err"):
        table.add_column(col, justify="left" if col == "doc" else "right")
    for d, r in res.per_doc.items():
        s = r.views["strict"]
        table.add_row(d, str(r.n_golden), str(r.n_optional), str(r.n_pred), str(s.tp), str(s.fp), str(s.fn),
                      f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}", f"{r.views['value+date'].f1:.3f}",
                      f"{r.views['value'].f1:.3f}", str(r.span_errors))
    console.print(table)
    say(f"qualifier accuracy {_pct(res.qualifier.value)} ({res.qualifier.correct}/{res.qualifier.total}), "
        f"kind accuracy {_pct(res.kind.value)} ({res.kind.correct}/{res.kind.total}), over the strict matches")

    say()
    say(f"MISSES ({len(res.misses)}): golden facts the strict view did not match", "bold")
    for m in res.misses:
        file, lines = files.get(m.doc, (None, []))
        where = f"{file}:{lines[m.index]}" if file is not None and m.index < len(lines) else m.doc
        say(f"- {where} {m.golden.get('span')} {m.golden.get('text')!r}: {_fact(m.golden)}", "red")
        say(f"    {'sentence' if m.golden.get('sentence') else 'context'}: {m.context}")
        if m.closest is None:
            say("    no prediction with this value and unit")
        else:
            say(f"    closest prediction: {_fact(m.closest)} {m.closest.get('span')}"
                + (f"  differs: {_diff(m.differs, m.golden, m.closest)}" if m.differs
                   else "  (paired with another golden fact)"), "yellow")
    say()
    say(f"SPURIOUS ({len(res.spurious)}): predictions the strict view did not match", "bold")
    for s in res.spurious:
        rule = s.prediction.get("rule")
        say(f"- {s.doc} {s.prediction.get('span')} {s.prediction.get('text')!r}: {_fact(s.prediction)}"
            + (f"  [rule {rule}]" if rule else ""), "red")
        say(f"    {'sentence' if s.prediction.get('sentence') else 'context'}: {s.context}")
        if s.closest is not None:
            say(f"    closest golden: {_fact(s.closest)} {s.closest.get('span')}"
                + (f"  differs: {_diff(s.differs, s.closest, s.prediction)}" if s.differs
                   else "  (paired with another prediction)"), "yellow")
    if res.span_errors:
        say()
        say(f"SPAN ERRORS ({len(res.span_errors)}): original[span[0]:span[1]] != text", "bold")
        for e in res.span_errors:
            say(f"- {e.doc} prediction {e.index}: {e.message}", "red")
    if comparison is not None:
        _print_comparison(console, say, comparison)
    say()
    s = res.strict
    line = f"strict P {s.p:.3f} R {s.r:.3f} F1 {s.f1:.4f}"
    if comparison is not None:
        line += f" ({comparison.views['strict'].delta:+.4f} against the baseline)"
    if min_f1 is not None:
        line += f" {'<' if below else '>='} --min-f1 {min_f1}: {'FAIL' if below else 'ok'}"
    if save_run is not None:
        line += f"; run saved to {save_run.shown}"
    say(line, "red" if code else "green")
    return code


def _print_comparison(console, say, comparison) -> None:
    from rich.table import Table

    say()
    say(f"AGAINST THE BASELINE {comparison.baseline}", "bold")
    table = Table(title="F1 by view", title_justify="left")
    for col in ("view", "baseline", "now", "delta", "gained", "lost", "new spurious", "fixed spurious"):
        table.add_column(col, justify="left" if col == "view" else "right")
    for v, d in comparison.views.items():
        table.add_row(v, f"{d.f1_before:.3f}", f"{d.f1_after:.3f}", f"{d.delta:+.3f}", str(len(d.gained)),
                      str(len(d.lost)), str(len(d.new_spurious)), str(len(d.fixed_spurious)))
    console.print(table)
    views = list(comparison.views)
    changed = [d for d in comparison.docs if any(d.f1_before[v] != d.f1_after[v] for v in views)]
    if changed:
        table = Table(title="Documents whose F1 changed", title_justify="left")
        table.add_column("doc")
        for v in views:
            table.add_column(f"{v} baseline", justify="right")
            table.add_column(f"{v} now", justify="right")
        for d in changed:
            cells = []
            for v in views:
                cells += [_f1(d.f1_before[v]), _f1(d.f1_after[v])]
            table.add_row(d.doc, *cells)
        console.print(table)
    else:
        say("no document's F1 changed")
    strict = comparison.views["strict"]
    for title, items, style in (("GAINED", strict.gained, "green"), ("LOST", strict.lost, "red"),
                                ("NEW SPURIOUS", strict.new_spurious, "red"),
                                ("FIXED SPURIOUS", strict.fixed_spurious, "green")):
        say(f"{title} ({len(items)}, strict)", "bold")
        for item in items:
            say(f"+ {item}" if style == "green" else f"- {item}", style)
