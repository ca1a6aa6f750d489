"""`vanban extract` and `vanban schema`: one document at a time, no database, no Prefect."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from pipeline.cli.output import console_err, fail_line
from pipeline.errors import VanbanError


class ExtractFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    MD = "md"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_cli)
    app.command("schema")(schema_cli)
    app.command("annotate")(annotate_cli)


def extract_cli(
    paths: list[Path] = typer.Argument(..., help="Files to read (.txt .md .docx .pdf .doc .rtf)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.JSON, "--format", "-f", help="json | jsonl | md"),
    parse_only: bool = typer.Option(False, "--parse-only", help="Stop after header and sections (no extractors)."),
) -> None:
    """Read documents and print what was found (header, sections, references, targets…).

    Example: vanban extract samples/004_89e1df001228f3ec.txt --format md
    """
    from pipeline import parse, process

    failed = 0
    docs = []
    for path in paths:
        try:
            doc = parse(path) if parse_only else process(path)
        except VanbanError as e:
            fail_line(e)
            failed += 1
            continue
        if fmt == ExtractFormat.JSON and len(paths) == 1:
            sys.stdout.write(doc.model_dump_json(indent=1) + "\n")
        elif fmt in (ExtractFormat.JSON, ExtractFormat.JSONL):
            docs.append(doc)
        else:
            from pipeline.outline import render_outline

            sys.stdout.write(render_outline(doc) + "\n")
    if docs and fmt == ExtractFormat.JSONL:
        for doc in docs:
            sys.stdout.write(doc.model_dump_json() + "\n")
    elif docs:
        sys.stdout.write("[" + ",\n".join(d.model_dump_json(indent=1) for d in docs) + "]\n")
    if failed:
        console_err.print(f"{failed} of {len(paths)} file(s) failed")
        raise typer.Exit(1)


def schema_cli() -> None:
    """Print the JSON Schema of the extraction output (ExtractedDocument).

    Example: vanban schema > vanban.schema.json
    """
    from schemas import ExtractedDocument

    sys.stdout.write(json.dumps(ExtractedDocument.model_json_schema(), ensure_ascii=False, indent=1) + "\n")


def annotate_cli(
    path: Path = typer.Argument(..., help="The document to annotate."),
    out: Path = typer.Option(..., "--out", "-o", help="HTML file to write."),
) -> None:
    """Write an HTML view of a document with references, targets, assignments and awards highlighted.

    Example: vanban annotate samples/001_4ac327585f95c1a6.txt -o 001.html
    """
    from pipeline import process
    from pipeline.annotate import render_html

    try:
        doc = process(path)
    except VanbanError as e:
        fail_line(e)
        raise typer.Exit(1) from e
    out.write_text(render_html(doc), encoding="utf-8")
    console_err.print(f"wrote {out}")
