"""Store commands: load, resolve, query (cites, cited-by, missing, graph, targets,
assignments, search), export and migrate. They parse arguments, call pipeline.store, print."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import typer

from pipeline.cli.output import OutputFormat, console, console_err, emit_rows, fail_line
from pipeline.errors import VanbanError

DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite file (default: $VANBAN_DB_URL or vanban.db).")
FORMAT_OPTION = typer.Option(OutputFormat.TABLE, "--format", "-f", help="table | json | csv")


class GraphFormat(StrEnum):
    GRAPHML = "graphml"
    DOT = "dot"


class GraphView(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    GRAPHML = "graphml"
    DOT = "dot"


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


class ExportWhat(StrEnum):
    TARGETS = "targets"
    REFERENCES = "references"
    ASSIGNMENTS = "assignments"


def register(app: typer.Typer) -> None:
    app.command("load")(load_cli)
    app.command("resolve")(resolve_cli)
    app.command("cites")(cites_cli)
    app.command("cited-by")(cited_by_cli)
    app.command("missing")(missing_cli)
    app.command("graph")(graph_cli)
    app.command("export-graph")(export_graph_cli)
    app.command("targets")(targets_cli)
    app.command("assignments")(assignments_cli)
    app.command("search")(search_cli)
    app.command("export")(export_cli)
    db_app = typer.Typer(help="Database schema: upgrade, show the revision.", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade_cli)
    db_app.command("current")(db_current_cli)
    app.add_typer(db_app, name="db")


def _run(fn: Callable[[], object]):
    """Call the library; a VanbanError becomes one line on stderr and exit status 1."""
    try:
        return fn()
    except VanbanError as e:
        fail_line(e)
        raise typer.Exit(1) from e


def _query(db: str | None, fn: Callable) -> list[dict]:
    from pipeline.store import api

    def run():
        with api.reading(db) as conn:
            return fn(conn)

    return _run(run)


def _page(db: str | None, fn: Callable, limit: int) -> list[dict]:
    """The first ``limit`` rows of a list query (0: all), saying on stderr when there are more."""
    if limit <= 0:
        return _query(db, lambda c: fn(c, None))
    rows = _query(db, lambda c: fn(c, limit + 1))
    if len(rows) > limit:
        console_err.print(f"first {limit} rows shown; --limit 0 for all", highlight=False)
    return rows[:limit]


def _limit_option(default: int, what: str):
    return typer.Option(default, "--limit", "-n", min=0, help=f"Show at most this many {what} (0: all).")


def _emit(rows: list[dict], fmt: OutputFormat, title: str, table_columns: list[str], empty: str) -> None:
    """Tables show the columns a person reads; JSON and CSV carry every column."""
    if fmt == OutputFormat.TABLE:
        if not rows:
            console.print(empty)
            return
        emit_rows(
            [{k: _short(k, r.get(k)) for k in table_columns} for r in rows], fmt, title=title, columns=table_columns
        )
    else:
        emit_rows(rows, fmt, title=title)


def _short(column: str, value):
    if column in ("document_id", "target") and isinstance(value, str):
        return value[:12]
    if column in ("path", "target_path") and isinstance(value, str):
        return Path(value).name
    if column == "cited_by" and isinstance(value, list):
        return [Path(v).name for v in value]
    return value


def load_cli(
    paths: list[Path] = typer.Argument(..., help="Documents to read and extract, or ExtractedDocument .json/.jsonl."),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Read, extract and load files into the archive (one transaction per document).

    Loading the same bytes again changes nothing; a changed file at the same path becomes a
    new version. References are resolved as documents arrive.

    Example: vanban load samples/*.txt --db archive.db
    """
    from pipeline import process
    from pipeline.store import api
    from schemas import ExtractedDocument

    rows, failed = [], 0
    for path in paths:
        try:
            if path.suffix in (".json", ".jsonl"):
                lines = (
                    path.read_text(encoding="utf-8").splitlines()
                    if path.suffix == ".jsonl"
                    else [path.read_text(encoding="utf-8")]
                )
                docs = [ExtractedDocument.model_validate_json(line) for line in lines if line.strip()]
            else:
                docs = [process(path)]
            for result in api.load_documents(db, docs):
                rows.append({"path": str(path), "status": result.status, "document_id": result.document_id,
                             "version_of": result.version_of})  # fmt: skip
        except VanbanError as e:
            fail_line(e)
            failed += 1
        except ValueError as e:  # pydantic ValidationError on a bad .json
            fail_line(VanbanError(f"{path}: not an ExtractedDocument ({str(e).splitlines()[0]})"))
            failed += 1
    _emit(rows, fmt, "loaded", ["path", "status", "document_id", "version_of"], "nothing loaded")
    if failed:
        console_err.print(f"{failed} of {len(paths)} file(s) failed")
        raise typer.Exit(1)


def resolve_cli(
    all_: bool = typer.Option(False, "--all", help="Re-resolve every reference, not only open ones."),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Re-run reference resolution over the archive (e.g. after a bulk import).

    Example: vanban resolve --all
    """
    from pipeline.store import api

    counts = _run(lambda: api.resolve_all(db, only_open=not all_))
    rows = [{"status": k, "references": v} for k, v in sorted(counts.items())]
    _emit(rows, fmt, "resolution", ["status", "references"], "no references to resolve")


def cites_cli(
    document: str = typer.Argument(..., help="Document id (or prefix), path, file name or number/symbol."),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """What a document relies on, grouped by relation, each resolved or marked missing.

    Example: vanban cites 001_4ac327585f95c1a6.txt
    """
    from pipeline.store import queries

    rows = _query(db, lambda c: queries.cites(c, document))
    cols = ["relation", "reference", "status", "target_path", "stub", "method", "confidence"]
    _emit(rows, fmt, f"cited by {document}", cols, "no references")


def cited_by_cli(
    reference: str = typer.Argument(..., help='The cited document as people write it: "Chỉ thị 34-CT/TW".'),
    limit: int = _limit_option(100, "citations"),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Documents citing a given document, with the citing sentence.

    Example: vanban cited-by "QĐ 01/QĐ-UBND 2023"
    """
    from pipeline.store import queries

    rows = _page(db, lambda c, n: queries.cited_by(c, reference, limit=n), limit)
    _emit(rows, fmt, f"citing {reference}", ["path", "relation", "status", "sentence"], "no document cites it")


def missing_cli(
    limit: int = _limit_option(50, "missing documents, most-cited first"),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Cited documents absent from the archive, most-cited first (the archivist's shopping list).

    Example: vanban missing --limit 0 --format csv > to_collect.csv
    """
    from pipeline.store import queries

    rows = _page(db, lambda c, n: queries.missing(c, limit=n), limit)
    cols = ["doc_type", "number", "symbol", "date", "issuer", "subject", "citing_documents", "cited_by"]
    _emit(rows, fmt, "missing documents", cols, "nothing is missing")


def graph_cli(
    document: str = typer.Argument(..., help="Document id (or prefix), path or file name."),
    depth: int = typer.Option(1, "--depth", "-d", min=1, help="How many citation steps to follow."),
    db: str | None = DB_OPTION,
    fmt: GraphView = typer.Option(GraphView.TABLE, "--format", "-f", help="table | json | csv | graphml | dot"),
) -> None:
    """The citation graph around a document (edges as a table, or GraphML / DOT).

    Example: vanban graph 001_4ac327585f95c1a6.txt --depth 2 --format dot | dot -Tsvg > g.svg
    """
    from pipeline.store import graph

    g = _query(db, lambda c: graph.neighbourhood(c, document, depth=depth))
    _print_graph(g, fmt)


def _print_graph(g: dict, fmt: GraphView) -> None:
    from pipeline.store import graph

    if fmt == GraphView.GRAPHML:
        sys.stdout.write(graph.to_graphml(g))
    elif fmt == GraphView.DOT:
        sys.stdout.write(graph.to_dot(g))
    elif fmt == GraphView.JSON:
        sys.stdout.write(json.dumps(g, ensure_ascii=False, indent=1) + "\n")
    else:
        labels = {n["id"]: n["label"] for n in g["nodes"]}
        rows = [{"from": labels.get(e["source"], e["source"]), "relation": e["relation"],
                 "to": labels.get(e["target"], e["target"]), "status": e["status"]} for e in g["edges"]]  # fmt: skip
        _emit(rows, OutputFormat(fmt.value), "citations", ["from", "relation", "to", "status"], "no citations")


def export_graph_cli(
    fmt: GraphFormat = typer.Option(GraphFormat.GRAPHML, "--format", "-f", help="graphml | dot"),
    out: Path | None = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    db: str | None = DB_OPTION,
) -> None:
    """Export the whole citation graph (documents, missing documents, citations).

    Example: vanban export-graph --format graphml --out citations.graphml
    """
    from pipeline.store import graph

    g = _query(db, graph.whole_graph)
    text = graph.to_graphml(g) if fmt == GraphFormat.GRAPHML else graph.to_dot(g)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console_err.print(f"{len(g['nodes'])} nodes, {len(g['edges'])} edges → {out}")


def targets_cli(
    where: str | None = typer.Option(None, "--where", "-w", help='Jurisdiction, e.g. "Ba Tơ" (accents optional).'),
    indicator: str | None = typer.Option(None, "--indicator", "-i", help='Indicator words, e.g. "hộ nghèo".'),
    limit: int = _limit_option(200, "targets, earliest year first"),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """A timeline of targets and reported figures for one indicator, plan beside actual.

    Example: vanban targets --where "Ba Tơ" --indicator "giường bệnh"
    """
    from pipeline.store import queries

    rows = _page(db, lambda c, n: queries.targets(c, where=where, indicator=indicator, limit=n), limit)
    cols = ["year", "role", "indicator", "comparator", "value", "value_max", "unit", "jurisdiction", "path"]
    _emit(rows, fmt, f"targets: {indicator or 'all'} in {where or 'all places'}", cols, "no targets found")


def assignments_cli(
    agency: str = typer.Option(..., "--agency", "-a", help='Agency name, e.g. "Phòng Nội vụ".'),
    where: str | None = typer.Option(None, "--where", "-w", help='Only documents of this jurisdiction ("Ba Tơ").'),
    limit: int = _limit_option(100, "assignments"),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """What an agency was assigned (as lead or cooperating), with deadlines.

    Example: vanban assignments --agency "Phòng Nội vụ"
    """
    from pipeline.store import queries

    rows = _page(db, lambda c, n: queries.assignments(c, agency=agency, where=where, limit=n), limit)
    _emit(rows, fmt, f"assignments: {agency}", ["role", "agency", "task", "deadline", "path"], "no assignments found")


def search_cli(
    query: str = typer.Argument(..., help="Words to find, with or without diacritics."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Documents to show."),
    db: str | None = DB_OPTION,
    fmt: OutputFormat = FORMAT_OPTION,
) -> None:
    """Full-text search, with or without diacritics: documents, section path and snippet.

    Example: vanban search "ho ngheo"
    """
    from pipeline.store.search import search

    rows = _query(db, lambda c: search(c, query, limit=limit))
    _emit(rows, fmt, f"search: {query}", ["rank", "path", "mentions", "section", "snippet"], "no matches")


def export_cli(
    what: ExportWhat = typer.Argument(..., help="targets | references | assignments"),
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="csv | json | parquet"),
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    db: str | None = DB_OPTION,
) -> None:
    """Export a table for scoring tools, with stable documented columns.

    Example: vanban export targets --format parquet --out targets.parquet
    """
    from pipeline.store import exports

    n = _query(db, lambda c: exports.export(c, what.value, fmt.value, out))
    console_err.print(f"{n} rows → {out}")


def db_upgrade_cli(
    revision: str = typer.Option("head", "--revision", help="Target revision (default: the newest)."),
    db: str | None = DB_OPTION,
) -> None:
    """Create or upgrade the database schema in place (Alembic migrations).

    Example: vanban db upgrade --db postgresql://user@host/vanban
    """
    from pipeline.store import api, migrate

    reached = _run(lambda: _translated(db, lambda: migrate.upgrade(db, revision)))
    console.print(f"database at revision {reached}")
    api.close_all()


def db_current_cli(db: str | None = DB_OPTION) -> None:
    """Show the schema revision of the database and the newest one this vanban ships.

    Example: vanban db current --db archive.db
    """
    from pipeline.store import migrate
    from pipeline.store.db import make_engine

    def current():
        engine = make_engine(db)
        try:
            return migrate.current_revision(engine)
        finally:
            engine.dispose()

    rev = _run(lambda: _translated(db, current))
    console.print(f"database: {rev or 'empty'}; newest: {migrate.head_revision()}")


def _translated(db: str | None, fn: Callable):
    from pipeline.store.api import translate_errors

    with translate_errors():
        return fn()
