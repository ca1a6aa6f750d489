"""`vanban import` (bulk, via Prefect) and `vanban quarantine`."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path

import typer

from pipeline.cli.output import OutputFormat, console, console_err, emit_rows, fail_line
from pipeline.errors import VanbanError


class Runner(StrEnum):
    LOCAL = "local"
    THREADS = "threads"
    DASK = "dask"


def register(app: typer.Typer) -> None:
    app.command("import")(import_cli)
    app.command("quarantine")(quarantine_cli)


def import_cli(
    paths: list[Path] = typer.Argument(..., exists=True, help="Files or folders to import (recursive)."),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: $VANBAN_DB_URL or sqlite:///vanban.db)."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="Parallel workers (default: cores)."),
    runner: Runner = typer.Option(Runner.LOCAL, "--runner", help="local (process pool) | threads | dask"),
    dask_address: str | None = typer.Option(None, "--dask-address", help="tcp://host:port of a Dask scheduler."),
    include: list[str] | None = typer.Option(None, "--include", help="Only files matching this glob (repeatable)."),
    exclude: list[str] | None = typer.Option(None, "--exclude", help="Skip files matching this glob (repeatable)."),
    batch_size: int | None = typer.Option(None, "--batch", min=1, help="Files per task (default: by count and cores)."),
    timeout: float = typer.Option(300, "--timeout", help="Seconds allowed per file before it is quarantined."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", "-f", help="Summary as table | json | csv."),
) -> None:
    """Import an archive: read, extract and load every file; bad files go to quarantine.

    Re-running is idempotent (files already imported are skipped by content hash).
    Exit status is 0 when the run completed, even if some files were quarantined.

    Example: vanban import /archive/2024 --exclude "*/nhap/*" --workers 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from flows import import_archive as ia
    from flows.runtime import prefect_runtime
    from pipeline.store.db import resolve_url

    url = resolve_url(db)
    task_runner = ia.make_task_runner("dask" if runner == Runner.DASK else "local", workers, dask_address,
                                      processes=runner != Runner.THREADS)  # fmt: skip
    started = time.perf_counter()
    progress = Progress(
        TextColumn("[bold]import[/bold]"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("quarantined {task.fields[quarantined]}"),
        TimeRemainingColumn(), console=console_err, transient=True,
    )  # fmt: skip
    bar = progress.add_task("files", total=None, rate=0.0, quarantined=0)

    def hook(p: dict) -> None:
        elapsed = max(time.perf_counter() - started, 1e-6)
        progress.update(bar, total=p["total"], completed=p["done"], rate=p["done"] / elapsed,
                        quarantined=p["quarantined"])  # fmt: skip

    ia.PROGRESS_HOOK = hook
    try:
        with prefect_runtime(), progress:
            flow = ia.import_archive.with_options(task_runner=task_runner)
            summary = flow([str(p) for p in paths], url, include=include or [], exclude=exclude or [],
                           batch_size=batch_size, timeout=timeout)  # fmt: skip
    except VanbanError as e:
        fail_line(e)
        raise typer.Exit(1) from e
    finally:
        ia.PROGRESS_HOOK = None
    errors = summary.pop("errors", None)
    if fmt == OutputFormat.TABLE:  # one measure a line: ten columns do not fit a terminal
        rows = [{"measure": k.replace("_", " "), "value": _shown(v)} for k, v in summary.items()]
        emit_rows(rows, fmt, title="import summary", columns=["measure", "value"])
    else:
        emit_rows([summary], fmt, title="import summary")
    if errors and fmt == OutputFormat.TABLE:
        for line in errors:
            console_err.print(f"[yellow]quarantined[/yellow] {line}", highlight=False)


def _shown(value) -> str:
    """{'resolved': 5, 'unmatched': 572} -> 'resolved 5, unmatched 572'."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
    return str(value)


def quarantine_cli(
    db: str | None = typer.Option(None, "--db", help="Database URL."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", "-f"),
) -> None:
    """List quarantined files with the reason (unsupported, corrupt, encrypted, empty, too-large…).

    Example: vanban quarantine --format csv > quarantine.csv
    """
    from pipeline.store import api

    try:
        rows = api.quarantine_rows(db)
    except VanbanError as e:
        fail_line(e)
        raise typer.Exit(1) from e
    if not rows and fmt == OutputFormat.TABLE:
        console.print("no quarantined files")
        return
    emit_rows(rows, fmt, title="quarantine")
