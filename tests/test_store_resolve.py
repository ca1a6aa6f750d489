"""Reference resolution: by number, by subject for unnumbered copies, stubs, ambiguity."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline import store
from pipeline.store import models, resolve
from schemas import DocumentMeta, ExtractedDocument, Jurisdiction
from tests import store_factories
from tests.store_factories import BA_TO, BINH_SON, SEED_FACTORIES, seed0, seed1

fresh_url = store_factories.fresh_url  # a shared fixture (tests/store_factories.py)


@pytest.fixture
def engine(fresh_url):
    engine = store.connect(fresh_url)
    yield engine
    engine.dispose()


def archived(path: str, text: str, jurisdiction=BA_TO, **meta) -> ExtractedDocument:
    """An archived document with only a header (what resolution looks at)."""
    return ExtractedDocument(
        id=hashlib.sha256((path + text).encode()).hexdigest(),
        source_path=path,
        format="txt",
        size_bytes=len(text.encode()),
        text=text,
        meta=DocumentMeta(**meta),
        jurisdiction=jurisdiction,
    )


def citation(engine, doc_id: str, number: str) -> dict:
    with engine.connect() as conn:
        row = conn.execute(
            select(models.Citation).where(models.Citation.document_id == doc_id, models.Citation.number == number)
        ).one()
    return row._asdict()


def missing_keys(engine) -> list[str]:
    with engine.connect() as conn:
        return [(r["doc_type"], r["number"], r["symbol"]) for r in store.missing(conn)]


def test_store_resolve_plan_104_to_unnumbered_seed_000(engine):
    s0, s1 = seed0(), seed1()
    for d in (s0, s1):
        store.load_document(engine, d)
    c = citation(engine, s1.id, "104")
    assert (c["status"], c["resolved_doc_id"], c["method"]) == ("resolved", s0.id, "subject")
    assert 0.8 < c["confidence"] < 1
    with engine.connect() as conn:
        doc = conn.execute(select(models.Document).where(models.Document.id == s0.id)).one()
        ident = conn.execute(select(models.Identity).where(models.Identity.document_id == s0.id)).one()
    # the archive learnt that seed 000 is Kế hoạch 104/KH-UBND of 26/4/2024
    assert (doc.number, doc.assigned_number, doc.assigned_symbol, doc.assigned_date) == (
        None, "104", "KH-UBND", dt.date(2024, 4, 26))  # fmt: skip
    assert (ident.source, ident.number_norm, ident.symbol, ident.citation_id) == ("citation", "104", "KH-UBND", c["id"])


def test_store_resolve_when_the_cited_document_arrives_later(engine):
    s0, s1 = seed0(), seed1()
    store.load_document(engine, s1)
    assert citation(engine, s1.id, "104")["status"] == "unmatched"
    assert ("Kế hoạch", "104", "KH-UBND") in missing_keys(engine)
    store.load_document(engine, s0)
    assert citation(engine, s1.id, "104")["resolved_doc_id"] == s0.id
    assert ("Kế hoạch", "104", "KH-UBND") not in missing_keys(engine)


def test_store_resolve_learnt_number_serves_later_citations(engine):
    s0, s1 = seed0(), seed1()
    store.load_document(engine, s0)
    store.load_document(engine, s1)
    later = seed1().model_copy(update={"id": "e" * 64, "source_path": "/archive/bao_cao_ban_sao.txt"})
    later.references[1].subject = None  # a bare "Kế hoạch số 104/KH-UBND": only the number is left
    store.load_document(engine, later)
    c = citation(engine, later.id, "104")
    assert (c["status"], c["resolved_doc_id"], c["method"]) == ("resolved", s0.id, "alias")


def test_store_resolve_stub_satisfied_by_numbered_header(engine):
    s0 = seed0()
    store.load_document(engine, s0)
    assert ("Quyết định", "01", "QĐ-UBND") in missing_keys(engine)
    qd = archived(
        "/archive/qd_01_cum_thi_dua.txt", "QUYẾT ĐỊNH Ban hành Quy chế hoạt động…", doc_type="Quyết định",
        number="01", symbol="QĐ-UBND", issue_date=dt.date(2023, 1, 20),
        issuer="Cụm thi đua các huyện Miền núi và Hải đảo",
    )  # fmt: skip
    store.load_document(engine, qd)
    c = citation(engine, s0.id, "01")
    assert (c["status"], c["resolved_doc_id"], c["method"], c["confidence"]) == ("resolved", qd.id, "number", 1.0)
    assert ("Quyết định", "01", "QĐ-UBND") not in missing_keys(engine)


def test_store_resolve_same_number_from_another_issuer_is_not_a_match(engine):
    s0 = seed0()
    store.load_document(engine, s0)
    other = archived("/archive/binh_son_qd_01.txt", "QUYẾT ĐỊNH …", BINH_SON, doc_type="Quyết định", number="01",
                     symbol="QĐ-UBND", issue_date=dt.date(2023, 1, 20), issuer="UBND huyện Bình Sơn")  # fmt: skip
    store.load_document(engine, other)
    assert citation(engine, s0.id, "01")["status"] == "unmatched"


def test_store_resolve_party_symbol_needs_no_issuer(engine):
    docs = [f() for f in SEED_FACTORIES]
    for d in docs:
        store.load_document(engine, d)
    ct = archived("/archive/ct_34.txt", "CHỈ THỊ về tiếp tục đổi mới công tác thi đua, khen thưởng", Jurisdiction(),
                  doc_type="Chỉ thị", number="34", symbol="CT/TW", issue_date=dt.date(2014, 4, 7),
                  issuer="BAN CHẤP HÀNH TRUNG ƯƠNG")  # fmt: skip
    store.load_document(engine, ct)
    with engine.connect() as conn:
        rows = store.cited_by(conn, "Chỉ thị 34-CT/TW")
    assert [(Path(r["path"]).name[:3], r["status"]) for r in rows] == [
        (n, "resolved") for n in ("001", "002", "003", "004")
    ]


def test_store_resolve_copies_of_one_document_resolve_to_the_first(engine):
    """The same plan archived twice (say .docx and .pdf): one document, so not ambiguous."""
    s0, s1 = seed0(), seed1()
    twin = s0.model_copy(update={"id": "d" * 64, "source_path": "/archive/ke_hoach_ban_sao.txt"})
    for d in (s0, twin, s1):
        store.load_document(engine, d)
    c = citation(engine, s1.id, "104")
    first, second = sorted([s0.id, twin.id])
    assert (c["status"], c["resolved_doc_id"], c["method"]) == ("resolved", first, "subject")
    assert _ranked(engine, c["id"]) == [(1, first), (2, second)]  # the other copy stays listed


def test_store_resolve_two_alike_documents_are_ambiguous(engine):
    """Two different plans whose subjects both fit the citation equally: keep both, ranked."""
    s0, s1 = seed0(), seed1()
    other = s0.model_copy(update={"id": "d" * 64, "source_path": "/archive/ke_hoach_khac.txt",
                                  "meta": s0.meta.model_copy(update={"subject": s0.meta.subject + " lần 2"})})  # fmt: skip
    for d in (s0, other, s1):
        store.load_document(engine, d)
    c = citation(engine, s1.id, "104")
    assert (c["status"], c["resolved_doc_id"]) == ("ambiguous", None)
    assert _ranked(engine, c["id"]) == sorted([(1, min(s0.id, other.id)), (2, max(s0.id, other.id))])
    with engine.connect() as conn:
        learnt = conn.execute(select(models.Document.assigned_number).where(models.Document.id == s0.id)).scalar()
    assert learnt is None  # nothing is learnt from an undecided match


def _ranked(engine, citation_id: int) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return conn.execute(
            select(models.CitationCandidate.rank, models.CitationCandidate.document_id)
            .where(models.CitationCandidate.citation_id == citation_id)
            .order_by(models.CitationCandidate.rank)
        ).all()


def test_store_resolve_short_subject_is_not_evidence(engine):
    s0, s1 = seed0(), seed1()
    s1.references[1].subject = "thực hiện"
    for d in (s0, s1):
        store.load_document(engine, d)
    assert citation(engine, s1.id, "104")["status"] == "unmatched"


def test_store_resolve_all_citations_of_one_document_share_a_stub(engine):
    for f in SEED_FACTORIES:
        store.load_document(engine, f())
    with engine.connect() as conn:
        rows = store.missing(conn)
    first = rows[0]
    # seed 003 cites "Chỉ thị 34-CT/TW" without a date; it is the same missing document
    assert (first["number"], first["symbol"], first["citations"], first["citing_documents"]) == ("34", "CT/TW", 4, 4)
    assert sum(1 for r in rows if r["symbol"] == "CT/TW") == 1


def _outcomes(engine) -> list[tuple]:
    with engine.connect() as conn:
        citations = conn.execute(
            select(models.Citation.document_id, models.Citation.key, models.Citation.status,
                   models.Citation.resolved_doc_id, models.Citation.confidence, models.Citation.stub_key)
            .order_by(models.Citation.document_id, models.Citation.span_start)
        ).all()  # fmt: skip
        stubs = conn.execute(
            select(models.Stub.key, models.Stub.citations, models.Stub.citing_documents).order_by(models.Stub.key)
        ).all()
        learnt = conn.execute(select(models.Document.id, models.Document.assigned_number)).all()
    return [tuple(r) for r in citations] + [tuple(r) for r in stubs] + sorted(tuple(r) for r in learnt)


def test_store_resolve_outcomes_depend_on_neither_batch_size_nor_load_order(fresh_url, tmp_path, monkeypatch):
    """Settling citations one per batch or all in one batch, with documents loaded in either
    order (as parallel workers finish), gives the same archive. Seed 003 cites Chỉ thị 34-CT/TW
    without a year and the others with one: they must end at the same stub either way."""
    s0 = seed0()
    twin = s0.model_copy(update={"id": "d" * 64, "source_path": "/archive/ke_hoach_ban_sao.txt"})
    docs = [_year_in_key(f()) for f in SEED_FACTORIES] + [twin]
    backend = "sqlite" if fresh_url.startswith("sqlite") else "postgresql"
    results = []
    seed3_first = [docs[3], *docs[:3], *docs[4:]]  # the yearless citation loaded (and numbered) first
    for batch, order in ((1, docs), (resolve.BATCH, docs), (resolve.BATCH, seed3_first)):
        monkeypatch.setattr(resolve, "BATCH", batch)
        with store_factories.fresh_database(backend, tmp_path) as url:
            engine = store.connect(url)
            for d in order:
                store.load_document(engine, d, resolve_citations=False)
            counts = resolve.resolve_pending(engine)
            results.append((counts, _outcomes(engine)))
            engine.dispose()
    counts, outcomes = results[0]
    assert counts == {"resolved": 1, "unmatched": 10}  # 001 -> 000; the rest point at stubs
    assert (min(s0.id, twin.id), "104") in outcomes  # the first copy learnt its number
    assert results[1] == results[0]
    assert results[2] == results[0]


def _year_in_key(doc: ExtractedDocument) -> ExtractedDocument:
    """Key dated citations of Chỉ thị 34 as the reference extractor does (the year is in it)."""
    for r in doc.references:
        if r.key == store_factories.CT34_KEY and r.date:
            r.key = "CT|34|CT/TW|2014|tw"
    return doc
