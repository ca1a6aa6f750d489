"""Loading: exact round trip, idempotent re-import, versions, and all-or-nothing documents."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import pipeline
from pipeline import store
from pipeline.store import load, models
from pipeline.store.keys import fold
from tests import store_factories
from tests.conftest import seed_path
from tests.store_factories import SEED_FACTORIES, seed0, seed1, seed2

fresh_url = store_factories.fresh_url  # a shared fixture (tests/store_factories.py)


@pytest.fixture
def engine(fresh_url):
    engine = store.connect(fresh_url)
    yield engine
    engine.dispose()


def test_store_load_round_trips_the_document(engine):
    doc = seed1()
    store.load_document(engine, doc)
    with engine.connect() as conn:
        back = store.get_document(conn, doc.id)
    assert back == doc
    ref = back.references[1]
    assert (
        back.text[ref.span[0] : ref.span[1]]
        == ref.text
        == (
            "Kế hoạch số 104/KH-UBND ngày 26/4/2024 về việc khắc phục, cải thiện và nâng cao điểm thi đua"
            " miền núi và hải đảo năm 2024"
        )
    )


def test_store_reimport_changes_no_row(engine):
    docs = [f() for f in SEED_FACTORIES]
    first = [store.load_document(engine, d).status for d in docs]
    with engine.connect() as conn:
        before = store.counts(conn)
    again = [store.load_document(engine, d).status for d in docs]
    with engine.connect() as conn:
        after = store.counts(conn)
    assert first == ["imported"] * 5
    assert again == ["unchanged"] * 5
    assert after == before
    assert before["documents"] == 5 and before["citations"] == 10 and before["targets"] == 2


def test_store_changed_file_at_same_path_is_a_new_version(engine):
    old = seed2()
    new = old.model_copy(update={"id": "f" * 64, "text": old.text + "\nBổ sung."})
    store.load_document(engine, old)
    result = store.load_document(engine, new)
    assert (result.status, result.version_of) == ("new-version", old.id)
    with engine.connect() as conn:
        rows = conn.execute(select(models.Document.id, models.Document.version_of).order_by(models.Document.id)).all()
    assert sorted(rows) == sorted([(old.id, None), (new.id, old.id)])


def test_store_crash_mid_document_leaves_nothing(engine, monkeypatch):
    """Documents, sections, chunks and targets are written before assignments: fail there."""
    store.load_document(engine, seed1())
    with engine.connect() as conn:
        before = store.counts(conn)

    def crash(conn, doc):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(load, "_insert_assignments", crash)
    doc = seed0()
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.load_document(engine, doc)
    with engine.connect() as conn:
        assert store.counts(conn) == before
        assert conn.scalar(select(models.Document.id).where(models.Document.id == doc.id)) is None
    monkeypatch.undo()
    assert store.load_document(engine, doc).status == "imported"


def test_store_chunks_cut_the_text_at_section_headings(engine):
    doc = pipeline.parse(seed_path(0))
    store.load_document(engine, doc)
    with engine.connect() as conn:
        rows = conn.execute(
            select(models.Chunk.section, models.Chunk.start, models.Chunk.end, models.Chunk.folded).order_by(
                models.Chunk.start
            )
        ).all()
    chunks = [(c.section, doc.text[c.start : c.end]) for c in rows]
    assert all(fold(text) == c.folded for (_, text), c in zip(chunks, rows, strict=True))
    assert "".join(text for _, text in chunks) == doc.text
    # seed 000: the preamble, then "I. MỤC ĐÍCH, YÊU CẦU" and its "1. Mục đích"
    assert [(section, text.split("\n")[0]) for section, text in chunks[:3]] == [
        (None, "KẾ HOẠCH"),
        ("I", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("I/1", "1. Mục đích"),
    ]
    assert len(chunks) == len(doc.sections) + 1
