"""`vanban eval`: precision/recall/F1 per field against gold JSON, with a differential report."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from pipeline.cli.output import OutputFormat, console, emit_rows


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cli)


def eval_cli(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of gold *.json files."),
    corpus_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of the documents."),
    previous: Path | None = typer.Option(None, "--previous", "-p", help="A previous run's --out JSON to diff against."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write this run's full results as JSON."),
    only: list[str] | None = typer.Option(None, "--only", help="Score only these document stems."),
    show_misses: bool = typer.Option(False, "--misses", help="List missed gold items and false positives."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", "-f"),
) -> None:
    """Score extraction against gold files (dev-eval format): P/R/F1 per field.

    Example: vanban eval tests/gold samples --out eval.json; then after a change:
    vanban eval tests/gold samples --previous eval.json
    """
    from pipeline.evaluate import diff_reports, evaluate

    report = evaluate(gold_dir, corpus_dir, only=only)
    rows = [{"field": f, "P": v["precision"], "R": v["recall"], "F1": v["f1"], "tp": v["tp"], "fp": v["fp"],
             "fn": v["fn"]} for f, v in sorted(report["fields"].items())]  # fmt: skip
    emit_rows(rows, fmt, title=f"vanban eval: {gold_dir}")
    if show_misses:
        for f, v in sorted(report["fields"].items()):
            for m in v["misses"]:
                console.print(f"[yellow]miss[/yellow] {f}: {m}", highlight=False)
            for m in v["extras"]:
                console.print(f"[magenta]extra[/magenta] {f}: {m}", highlight=False)
    if previous is not None:
        old = json.loads(previous.read_text(encoding="utf-8"))
        diff = diff_reports(old, report)
        drows = [{"field": d["field"], "F1 before": d["f1_old"], "F1 now": d["f1_new"], "Δ": d["delta"],
                  "gained": len(d["gained"]), "lost": len(d["lost"]), "new FP": len(d["new_fp"]),
                  "fixed FP": len(d["fixed_fp"])} for d in diff if d["delta"] or d["gained"] or d["lost"]
                 or d["new_fp"] or d["fixed_fp"]]  # fmt: skip
        emit_rows(drows, fmt, title="gained and lost since the previous run")
        for d in diff:
            for item in d["lost"]:
                console.print(f"[red]lost[/red] {d['field']}: {item}", highlight=False)
            for item in d["gained"]:
                console.print(f"[green]gained[/green] {d['field']}: {item}", highlight=False)
    if out is not None:
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
