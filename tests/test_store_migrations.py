"""Schema migrations: from an empty database and from the previous revision, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from pipeline import store
from pipeline.store import migrate, models
from tests import store_factories
from tests.store_factories import seed0, seed1

EXPECTED_TABLES = {t.name for t in models.Base.metadata.sorted_tables} | {"alembic_version"}

fresh_url = store_factories.fresh_url  # a shared fixture (tests/store_factories.py)


def test_store_upgrade_from_empty_reaches_head(fresh_url):
    assert migrate.upgrade(fresh_url) == "0002" == migrate.head_revision()
    engine = store.make_engine(fresh_url)
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    engine.dispose()


def test_store_upgrade_is_idempotent(fresh_url):
    migrate.upgrade(fresh_url)
    assert migrate.upgrade(fresh_url) == "0002"


def test_store_upgrade_from_previous_revision_indexes_existing_text(fresh_url):
    """An archive at 0001 (no full-text index) keeps its rows and becomes searchable at 0002."""
    assert migrate.upgrade(fresh_url, "0001") == "0001"
    engine = store.make_engine(fresh_url)
    store.load_document(engine, seed0())
    store.load_document(engine, seed1())
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(engine) == "0002"
        found = [r["path"].rsplit("/", 1)[-1][:3] for r in store.search(conn, "ho ngheo")]
    assert found == ["001", "000"]
    engine.dispose()


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
