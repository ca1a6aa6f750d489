"""Bulk inserts through the driver and the SQLite writer turn: same rows, bounded waits."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time

import pytest
from sqlalchemy import insert, select

from pipeline import store
from pipeline.store import bulk, db, load, models
from tests import store_factories
from tests.store_factories import seed0, seed1

fresh_url = store_factories.fresh_url  # a shared fixture (tests/store_factories.py)

TABLES = [models.Citation, models.Target, models.Section, models.Chunk, models.Quantity, models.AgencyMention]


def _rows(conn, model, doc_id: str) -> list[tuple]:
    cols = [c for c in model.__table__.columns if c.key not in ("id", "document_id")]
    return [tuple(r) for r in conn.execute(select(*cols).where(model.document_id == doc_id).order_by(model.id))]


@pytest.mark.parametrize("factory", [seed0, seed1])
def test_store_bulk_insert_writes_what_sqlalchemy_writes(fresh_url, factory, monkeypatch):
    """Seed 0 cites a dated decision (a Date column), seed 1 has targets (decimals as text)."""
    engine = store.connect(fresh_url)
    fast = factory()
    slow = fast.model_copy(update={"id": "e" * 64, "source_path": fast.source_path + ".copy"})
    store.load_document(engine, fast)
    monkeypatch.setattr(bulk, "_PLANS", {})
    monkeypatch.setattr(bulk, "_plan", lambda *a: None)  # every table through SQLAlchemy's insert
    store.load_document(engine, slow)
    with engine.connect() as conn:
        for model in TABLES:
            assert _rows(conn, model, fast.id) == _rows(conn, model, slow.id), model.__tablename__
        assert _rows(conn, models.Citation, fast.id)  # the comparison saw rows
    engine.dispose()


def test_store_bulk_insert_keeps_python_side_defaults(fresh_url):
    """Citation.status defaults to 'pending' in Python: rows without it must not lose it."""
    engine = store.connect(fresh_url)
    doc = seed0()
    store.load_document(engine, doc, resolve_citations=False)
    rows = [load._citation_row(doc, 100 + i, r, None) for i, r in enumerate(doc.references)]
    for row in rows:
        del row["status"]
    with db.writing(engine) as conn:
        bulk.insert_rows(conn, models.Citation, rows)
    with engine.connect() as conn:
        statuses = conn.scalars(select(models.Citation.status).where(models.Citation.ordinal >= 100)).all()
    assert statuses == ["pending"] * len(rows)
    engine.dispose()


def test_store_bulk_insert_applies_type_processors(fresh_url):
    """A date and a JSON list read back as a Core insert of the same rows reads back."""
    engine = store.connect(fresh_url)
    doc = seed0()
    store.load_document(engine, doc)
    rows = load.prepare_rows(doc)
    assert rows.assignments[0]["cooperating"] and rows.citations[0]["date"] is not None
    with db.writing(engine) as conn:
        bulk.insert_rows(conn, models.Assignment, [r | {"ordinal": 50} for r in rows.assignments])
        conn.execute(insert(models.Assignment), [r | {"ordinal": 60} for r in rows.assignments])
        bulk.insert_rows(conn, models.Citation, [r | {"ordinal": 50} for r in rows.citations])
    with engine.connect() as conn:
        coop = dict(conn.execute(select(models.Assignment.ordinal, models.Assignment.cooperating)
                                 .where(models.Assignment.ordinal >= 50)).all())  # fmt: skip
        date = conn.scalar(select(models.Citation.date).where(models.Citation.ordinal == 50))
    assert coop[50] == coop[60] == rows.assignments[0]["cooperating"]
    assert date == rows.citations[0]["date"]
    engine.dispose()


# --------------------------------------------------------------------------- writer turn


def _hold_turn(url: str, ready, release) -> None:
    engine = store.connect(url)
    with db.writing(engine):
        ready.set()
        release.wait(30)


def _spawn_holder(url: str):
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_turn, args=(url, ready, release))
    proc.start()
    assert ready.wait(60), "the holder never took its turn"
    return proc, release


def _turn_is_free(path: str) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_sqlite_writers_queue_on_the_writer_lock_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store.upgrade(url)
    proc, release = _spawn_holder(url)
    lock = str(tmp_path / "a.db-writer")
    assert not _turn_is_free(lock)  # another process is writing: the turn is taken
    engine = store.connect(url)
    done = threading.Event()

    def write() -> None:
        with db.writing(engine) as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        done.set()

    t = threading.Thread(target=write)
    t.start()
    assert not done.wait(0.5)  # waits for its turn
    release.set()
    assert done.wait(30)
    t.join()
    proc.join(30)
    assert _turn_is_free(lock)
    engine.dispose()


def test_sqlite_writer_turn_is_freed_when_its_holder_is_killed(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    store.upgrade(url)
    proc, _release = _spawn_holder(url)
    proc.kill()  # kill -9 in the middle of a transaction
    proc.join(30)
    engine = store.connect(url)
    started = time.perf_counter()
    with db.writing(engine) as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    assert time.perf_counter() - started < 5
    engine.dispose()


def test_writer_turn_is_reentrant_within_a_thread(tmp_path):
    turn = db.WriterTurn.of(str(tmp_path / "a.db"))
    with turn, turn:
        assert not _turn_is_free(str(tmp_path / "a.db-writer"))
    assert _turn_is_free(str(tmp_path / "a.db-writer"))
