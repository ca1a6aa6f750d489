"""The issue's must-shows on the five real seeds, imported through the CLI with the real
extractors: SQLite by default (a vanban.db in the working directory) and PostgreSQL by URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.store import api
from pipeline.store import models as m
from tests.conftest import SEEDS, seed_path
from tests.store_factories import BACKENDS, fresh_database

runner = CliRunner()


def cli_app():
    from pipeline.cli import _register, app

    if not app.registered_commands:
        _register()
    return app


def _seed(path: str) -> str:
    return Path(path).name[:3]


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request, tmp_path_factory):
    """(run, url): seeds loaded with `vanban load samples/*.txt`; run(args) → parsed JSON output."""
    work = tmp_path_factory.mktemp("archive")
    with fresh_database(request.param, work) as url, pytest.MonkeyPatch.context() as mp:
        mp.chdir(work)
        mp.delenv("VANBAN_DB_URL", raising=False)
        db = [] if request.param == "sqlite" else ["--db", url]  # SQLite: the default ./vanban.db
        url = "sqlite:///vanban.db" if request.param == "sqlite" else url

        def run(*args: str):
            result = runner.invoke(cli_app(), [*args, *db, "--format", "json"])
            assert result.exit_code == 0, result.output
            return json.loads(result.stdout)

        loaded = run("load", *(str(seed_path(s)) for s in SEEDS))
        assert [r["status"] for r in loaded] == ["imported"] * 5
        yield run, url


def test_store_seeds_001_cites_000_as_plan_104(archive):
    run, url = archive
    plan = [r for r in run("cites", "001_4ac327585f95c1a6.txt") if r["number"] == "104"]
    assert [(r["symbol"], r["date"], r["status"], r["method"], _seed(r["target_path"])) for r in plan] == [
        ("KH-UBND", "2024-04-26", "resolved", "subject", "000")
    ]
    with api.reading(url) as conn:
        learnt = conn.execute(m.Document.__table__.select().where(m.Document.path == str(seed_path(0)))).one()
    assert (learnt.number, learnt.assigned_number, learnt.assigned_symbol) == (None, "104", "KH-UBND")


def test_store_seeds_cited_by_party_directive_34(archive):
    run, _ = archive
    rows = run("cited-by", "Chỉ thị 34-CT/TW")
    assert [_seed(r["path"]) for r in rows] == ["001", "002", "003", "004"]
    assert all("34-CT/TW" in r["sentence"] for r in rows)


def test_store_seeds_missing_lists_cluster_decision(archive):
    run, _ = archive
    rows = run("missing", "--limit", "0")
    qd = [r for r in rows if (r["number"], r["symbol"]) == ("01", "QĐ-UBND")]
    assert len(qd) == 1
    assert (qd[0]["doc_type"], qd[0]["date"], [_seed(p) for p in qd[0]["cited_by"]]) == (
        "Quyết định", "2023-01-20", ["000"])  # fmt: skip
    assert "Cụm thi đua các huyện Miền núi và Hải đảo" in qd[0]["issuer"]
    assert "104" not in [r["number"] for r in rows]


def test_store_seeds_hospital_beds_timeline(archive):
    run, _ = archive
    rows = run("targets", "--where", "Ba Tơ", "--indicator", "giường bệnh")
    got = [(r["year"], r["value"], r["unit"], _seed(r["path"])) for r in rows]
    plan, actual = (2021, "19.3", "giường", "002"), (2024, "19.6", "giường", "001")
    assert plan in got and actual in got
    assert got.index(plan) < got.index(actual)  # a timeline: the plan first, the report after
    assert rows[got.index(plan)]["text"].startswith("Số giường bệnh/lạ dân")  # the source's typo for "vạn dân"
    assert {r["year"] for r in rows} == {2021, 2024}


def test_store_seeds_search_poor_households(archive):
    run, _ = archive
    rows = run("search", "ho ngheo")
    assert [_seed(r["path"]) for r in rows][0] == "001"
    assert sorted(_seed(r["path"]) for r in rows) == ["000", "001", "002", "003", "004"]


def test_store_seeds_reimport_changes_no_row(archive):
    run, url = archive
    with api.reading(url) as conn:
        from pipeline.store.queries import counts

        before = counts(conn)
    again = run("load", *(str(seed_path(s)) for s in SEEDS))
    assert [r["status"] for r in again] == ["unchanged"] * 5
    with api.reading(url) as conn:
        assert counts(conn) == before


def test_store_seeds_identical_answers_on_both_backends(tmp_path):
    """Every query gives the same rows on SQLite and PostgreSQL for the same archive."""
    import pipeline
    from pipeline import store
    from pipeline.store import exports

    docs = [pipeline.process(seed_path(s)) for s in SEEDS]
    answers = []
    for backend in BACKENDS:
        with fresh_database(backend, tmp_path) as url:
            engine = store.connect(url)
            for d in docs:
                store.load_document(engine, d)
            with engine.connect() as conn:
                answers.append(
                    {
                        "cites": [store.cites(conn, str(seed_path(s))) for s in SEEDS],
                        "cited_by": store.cited_by(conn, "Chỉ thị 34-CT/TW"),
                        "missing": store.missing(conn, limit=None),
                        "targets": store.targets(conn, where="Ba Tơ", indicator="hộ nghèo"),
                        "assignments": store.assignments(conn, agency="Phòng Nội vụ"),
                        "search": store.search(conn, "thi dua khen thuong"),
                        "graph": store.whole_graph(conn),
                        "references": exports.export_rows(conn, "references"),
                    }
                )
            engine.dispose()
    sqlite, postgres = answers
    for key in sqlite:
        assert sqlite[key] == postgres[key], key
    assert len(sqlite["references"]) > 50 and len(sqlite["targets"]) > 0
