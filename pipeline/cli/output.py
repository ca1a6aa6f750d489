"""Printing helpers shared by CLI commands: one-line errors, tables, JSON and CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()
console_err = Console(stderr=True)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def fail_line(err: Exception) -> None:
    """Print a user-facing error as one line on stderr: 'Lỗi: <path>: <reason>'."""
    console_err.print(f"[red]Lỗi:[/red] {err}", highlight=False, markup=True, soft_wrap=True)


def emit_rows(
    rows: Sequence[dict[str, Any]], fmt: OutputFormat, title: str | None = None, columns: Iterable[str] | None = None
) -> None:
    """Print rows as a rich table, a JSON array or CSV (same columns in every format)."""
    cols = list(columns) if columns is not None else (list(rows[0].keys()) if rows else [])
    if fmt == OutputFormat.JSON:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == OutputFormat.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _cell(r.get(k)) for k in cols})
        return
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    console.print(table)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(_cell(x) for x in v)
    return str(v)
