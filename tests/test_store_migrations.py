"""Schema migrations: from an empty database and from the previous revision, on both backends."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Date, DateTime, MetaData, inspect

from pipeline import store
from pipeline.store import migrate, models
from schemas import ExtractedDocument
from tests import store_factories
from tests.conftest import FIXTURES

ARCHIVE_0002 = FIXTURES / "store" / "archive-0002.json.gz"  # made by fixtures/store/make_archive_0002.py
EXPECTED_TABLES = {t.name for t in models.Base.metadata.sorted_tables} | {"alembic_version"}

fresh_url = store_factories.fresh_url  # a shared fixture (tests/store_factories.py)


def test_store_upgrade_from_empty_reaches_head(fresh_url):
    assert migrate.upgrade(fresh_url) == "0003" == migrate.head_revision()
    engine = store.make_engine(fresh_url)
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    engine.dispose()


def test_store_upgrade_is_idempotent(fresh_url):
    migrate.upgrade(fresh_url)
    assert migrate.upgrade(fresh_url) == "0003"


@pytest.mark.parametrize("start", ["0001", "0002"])
def test_store_upgrade_in_place_keeps_every_document(fresh_url, start):
    """An archive written at 0001/0002 (rows in tests/fixtures/store) upgrades to head: each
    document reads back exactly as it was loaded, is searchable, and the queries that use
    the new tables (names, stub counts) answer as on a fresh archive."""
    archive = json.loads(gzip.decompress(ARCHIVE_0002.read_bytes()))
    assert migrate.upgrade(fresh_url, start) == start
    engine = store.make_engine(fresh_url)
    _insert_rows(engine, archive["tables"])
    assert migrate.upgrade(engine) == migrate.head_revision()
    with engine.connect() as conn:
        for expected in archive["documents"]:
            assert store.get_document(conn, expected["id"]) == ExtractedDocument.model_validate(expected)
        found = [r["path"].rsplit("/", 1)[-1][:3] for r in store.search(conn, "ho ngheo")]
        giuong = store.targets(conn, where="Ba Tơ", indicator="giường bệnh")
        noi_vu = store.assignments(conn, agency="Phòng Nội vụ")
        missing = {r["key"]: r["citing_documents"] for r in store.missing(conn, limit=None)}
        ct34 = {r["path"].rsplit("/", 1)[-1][:3]: r["sentence"] for r in store.cited_by(conn, "Chỉ thị 34-CT/TW")}
    engine.dispose()
    assert found[0] == "001" and sorted(found) == ["000", "001", "002", "004"]
    assert [(r["year"], r["value"]) for r in giuong] == [(2021, "19.3"), (2024, "19.6")]
    assert [(r["role"], r["agency"]) for r in noi_vu] == [("lead", "Phòng Nội vụ")]
    assert missing[store_factories.CT34_KEY] == 3  # seeds 001, 002 and 004 cite Chỉ thị 34-CT/TW
    assert sorted(ct34) == ["001", "002", "004"]
    assert ct34["004"] == (
        "a) Tiếp tục thực hiện tốt Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới"
        " công tác thi đua, khen thưởng;"
    )


def _insert_rows(engine, tables: dict[str, list[dict]]) -> None:
    """Insert JSON rows into the reflected tables, turning ISO text back into dates."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            rows = tables.get(table.name)
            if rows:
                conn.execute(table.insert(), [_typed(table, row) for row in rows])


def _typed(table, row: dict) -> dict:
    out = {}
    for key, value in row.items():
        kind = table.c[key].type
        if value is not None and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def test_store_models_match_migrations(fresh_url):
    """The tables the code declares are exactly what the migrations build (no drift)."""
    migrate.upgrade(fresh_url)
    engine = store.make_engine(fresh_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _declared_only})
        diffs = compare_metadata(ctx, models.Base.metadata)
    engine.dispose()
    assert diffs == []


def _declared_only(obj, name, type_, reflected, compare_to):
    """Ignore what lives outside the models: FTS5 shadow tables, the tsvector column and its index."""
    if type_ == "table" and (name.startswith("chunks_fts") or name == "alembic_version"):
        return False
    return name not in ("tsv", "ix_chunks_tsv")
