"""The store commands through Typer's CliRunner: output formats, help, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.store_factories import SEED_FACTORIES

runner = CliRunner()
STORE_COMMANDS = [
    ["load"], ["resolve"], ["cites"], ["cited-by"], ["missing"], ["graph"], ["export-graph"], ["targets"],
    ["assignments"], ["search"], ["export"], ["db", "upgrade"], ["db", "current"],
]  # fmt: skip


def cli_app():
    from pipeline.cli import _register, app

    if not app.registered_commands:
        _register()
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """An SQLite archive loaded from hand-built seeds written as ExtractedDocument JSON lines."""
    work = tmp_path_factory.mktemp("cli")
    jsonl = work / "seeds.jsonl"
    jsonl.write_text("".join(f().model_dump_json() + "\n" for f in SEED_FACTORIES), encoding="utf-8")
    url = f"sqlite:///{work / 'archive.db'}"
    result = runner.invoke(cli_app(), ["load", str(jsonl), "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["status"] for r in json.loads(result.stdout)] == ["imported"] * 5
    return url


def invoke(*args: str):
    return runner.invoke(cli_app(), list(args))


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=" ".join)
def test_cli_store_every_command_has_help_with_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example: vanban " in result.stdout
    if command[0] not in ("db", "export-graph"):
        assert "--db" in result.stdout


def test_cli_store_cited_by_formats(db):
    as_json = json.loads(invoke("cited-by", "Chỉ thị 34-CT/TW", "--db", db, "-f", "json").stdout)
    as_csv = list(csv.DictReader(io.StringIO(invoke("cited-by", "Chỉ thị 34-CT/TW", "--db", db, "-f", "csv").stdout)))
    table = invoke("cited-by", "Chỉ thị 34-CT/TW", "--db", db)
    assert [Path(r["path"]).name[:3] for r in as_json] == ["001", "002", "003", "004"]
    assert [r["path"] for r in as_csv] == [r["path"] for r in as_json]
    assert table.exit_code == 0 and "004_89e1df001228f3ec.txt" in table.stdout and "sentence" in table.stdout


def test_cli_store_missing_and_targets(db):
    missing = json.loads(invoke("missing", "--db", db, "-f", "json").stdout)
    assert (missing[0]["number"], missing[0]["citing_documents"]) == ("34", 4)
    timeline = json.loads(
        invoke("targets", "--where", "Ba Tơ", "--indicator", "giuong benh", "--db", db, "-f", "json").stdout
    )
    assert [(r["year"], r["value"]) for r in timeline] == [(2021, "19.3"), (2024, "19.6")]


def test_cli_store_search_and_assignments(db):
    rows = json.loads(invoke("search", "hộ nghèo", "--db", db, "-f", "json").stdout)
    assert Path(rows[0]["path"]).name.startswith("001") and len(rows) == 5
    rows = json.loads(invoke("assignments", "--agency", "Phòng Nội vụ", "--db", db, "-f", "json").stdout)
    assert [(r["role"], r["deadline"]) for r in rows] == [("lead", "2024-12-31")]


def test_cli_store_graph_and_exports(db, tmp_path):
    dot = invoke("graph", "001_4ac327585f95c1a6", "--depth", "1", "--db", db, "-f", "dot")
    assert dot.exit_code == 0 and dot.stdout.count(" -> ") == 3
    out = tmp_path / "g.graphml"
    assert invoke("export-graph", "--format", "graphml", "--out", str(out), "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8").count("<edge ") == 10
    parquet = tmp_path / "targets.parquet"
    result = invoke("export", "targets", "--format", "parquet", "--out", str(parquet), "--db", db)
    assert result.exit_code == 0 and parquet.stat().st_size > 0


def test_cli_store_resolve_and_db_commands(db):
    counts = json.loads(invoke("resolve", "--all", "--db", db, "-f", "json").stdout)
    assert counts == [{"status": "resolved", "references": 1}, {"status": "unmatched", "references": 9}]
    assert "database at revision 0003" in invoke("db", "upgrade", "--db", db).stdout
    assert "database: 0003; newest: 0003" in invoke("db", "current", "--db", db).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cites", "999_no_such_document"], "no document matches '999_no_such_document'"),
        (["cites", "00"], "matches 5 documents"),
        (["search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none"], "127.0.0.1"),
    ],
    ids=["unknown-document", "ambiguous-document", "database-down"],
)
def test_cli_store_errors_are_one_line(db, args, message):
    result = invoke(*args, *([] if "--db" in args else ["--db", db]))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Lỗi:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_store_load_reports_bad_files(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("load", str(bad), str(empty), "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Lỗi:") and "broken.json" in lines[0]
    assert lines[1].startswith("Lỗi:") and "empty.txt" in lines[1]
    assert lines[-1] == "2 of 2 file(s) failed"
