"""Load an ExtractedDocument: one transaction per document, keyed by its content hash.

Re-loading the same bytes changes nothing; the same path with new bytes becomes a new
version linked by ``version_of``. Every row of a document (and the resolution of its
citations) is written in one transaction, so a failure leaves no half-document.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from pipeline.store import models as m
from pipeline.store import resolve
from pipeline.store.chunks import document_chunks
from pipeline.store.keys import (
    fold,
    issuer_key,
    issuer_place,
    norm_number,
    norm_symbol,
    type_key,
    where_key,
    year_from_subject,
)
from schemas import ExtractedDocument


@dataclass(frozen=True)
class LoadResult:
    """What loading one document did: status is imported | unchanged | new-version."""

    document_id: str
    status: str
    version_of: str | None = None


def load_document(engine: Engine, doc: ExtractedDocument, *, resolve_citations: bool = True) -> LoadResult:
    """Write ``doc`` and its items in one transaction (nothing if its hash is already stored)."""
    try:
        with engine.begin() as conn:
            return _load(conn, doc, resolve_citations)
    except IntegrityError:
        # a concurrent loader stored the same bytes first: that is "unchanged", not an error
        with engine.connect() as conn:
            if conn.scalar(select(m.Document.id).where(m.Document.id == doc.id)):
                return LoadResult(doc.id, "unchanged")
        raise


def is_loaded(engine: Engine, document_id: str) -> bool:
    """True when a document with this content hash is stored (bulk import skips it unparsed)."""
    with engine.connect() as conn:
        return conn.scalar(select(m.Document.id).where(m.Document.id == document_id)) is not None


def _load(conn: Connection, doc: ExtractedDocument, resolve_citations: bool) -> LoadResult:
    if conn.scalar(select(m.Document.id).where(m.Document.id == doc.id)):
        return LoadResult(doc.id, "unchanged")
    previous = conn.scalar(
        select(m.Document.id).where(m.Document.path == doc.source_path, m.Document.is_latest).limit(1)
    )
    if previous:
        conn.execute(update(m.Document).where(m.Document.id == previous).values(is_latest=False))
    conn.execute(insert(m.Document), [_document_row(doc, previous)])
    identity = header_identity(doc)
    if identity:
        conn.execute(insert(m.Identity), [identity])
    _insert(conn, m.Section, [_section_row(doc.id, s) for s in doc.sections])
    _insert(conn, m.Chunk, [{"document_id": doc.id, **c} for c in document_chunks(doc)])
    _insert(conn, m.Quantity, [_quantity_row(doc.id, i, q) for i, q in enumerate(doc.quantities)])
    _insert(conn, m.Target, [_target_row(doc.id, i, t) for i, t in enumerate(doc.targets)])
    _insert_assignments(conn, doc)
    _insert(conn, m.AgencyMention, [_agency_row(doc.id, i, a) for i, a in enumerate(doc.agencies)])
    _insert(conn, m.Movement, [_movement_row(doc.id, i, x) for i, x in enumerate(doc.movements)])
    _insert(conn, m.Award, [_award_row(doc.id, i, a) for i, a in enumerate(doc.awards)])
    place = _place_key(doc)
    _insert(conn, m.Citation, [_citation_row(doc.id, i, r, place) for i, r in enumerate(doc.references)])
    if resolve_citations:
        resolve.resolve_document(conn, doc.id)
    return LoadResult(doc.id, "new-version" if previous else "imported", previous)


def _insert(conn: Connection, model: type[m.Base], rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(model), rows)


def document_year(doc: ExtractedDocument) -> int | None:
    """Issue year, else the partial date's year, else the year the subject names."""
    meta = doc.meta
    if meta.issue_date:
        return meta.issue_date.year
    if meta.issue_date_parts and meta.issue_date_parts.year:
        return meta.issue_date_parts.year
    return year_from_subject(meta.subject)


def header_identity(doc: ExtractedDocument) -> dict | None:
    """The identity row a numbered header gives ('Số: 104/KH-UBND'); drafts have none."""
    number, symbol = norm_number(doc.meta.number), norm_symbol(doc.meta.symbol)
    if not (number and symbol):
        return None
    year = document_year(doc)
    issuer = issuer_key(doc.meta.issuer)
    return {
        "document_id": doc.id,
        "source": "header",
        "key": identity_key(doc.meta.doc_type, number, symbol, year, issuer),
        "doc_type": doc.meta.doc_type,
        "number_norm": number,
        "symbol": symbol,
        "year": year,
        "issuer_key": issuer,
        "confidence": 1.0,
    }


def identity_key(doc_type: str | None, number: str, symbol: str, year: int | None, issuer: str | None) -> str:
    """A readable identity string ('ke hoach|104|KH-UBND|2024|ubnd huyen ba to')."""
    return "|".join([type_key(doc_type) or "", number, symbol, str(year or ""), issuer or ""])


def _document_row(doc: ExtractedDocument, previous: str | None) -> dict:
    meta, jur = doc.meta, doc.jurisdiction
    return {
        "id": doc.id,
        "path": doc.source_path,
        "format": doc.format,
        "size_bytes": doc.size_bytes,
        "pages": doc.pages,
        "schema_version": doc.schema_version,
        "version_of": previous,
        "is_latest": True,
        "doc_type": meta.doc_type,
        "number": meta.number,
        "symbol": norm_symbol(meta.symbol),
        "issue_date": meta.issue_date,
        "year": document_year(doc),
        "issuer": meta.issuer,
        "place": meta.place,
        "subject": meta.subject,
        "signer_name": meta.signer_name,
        "signer_title": meta.signer_title,
        "province": jur.province,
        "district": jur.district,
        "commune": jur.commune,
        "level": jur.level,
        "where_key": where_key(jur.commune, jur.district, jur.province),
        "place_key": _place_key(doc),
        "text": doc.text,
        "meta": meta.model_dump(mode="json"),
        "jurisdiction": jur.model_dump(mode="json"),
        "blocks": [b.model_dump(mode="json", exclude_defaults=True) for b in doc.blocks],
        "conversions": [c.model_dump(mode="json") for c in doc.conversions],
        "problems": [p.model_dump(mode="json") for p in doc.problems],
        "extractors": dict(doc.extractors),
    }


def _section_row(doc_id: str, s) -> dict:
    return {
        "document_id": doc_id,
        "section_id": s.id,
        "parent": s.parent,
        "path": s.path,
        "marker": s.marker,
        "kind": str(s.kind),
        "role": s.role,
        "level": s.level,
        "title": s.title,
        "heading_start": s.heading_span[0],
        "heading_end": s.heading_span[1],
        "body_start": s.body_span[0],
        "body_end": s.body_span[1],
        "block": s.block,
    }


def _item_row(doc_id: str, ordinal: int, item) -> dict:
    return {
        "document_id": doc_id,
        "ordinal": ordinal,
        "text": item.text,
        "span_start": item.span[0],
        "span_end": item.span[1],
        "block": item.block,
        "page": item.page,
        "section": item.section,
        "extractor": item.extractor,
        "data": item.model_dump(mode="json"),
    }


def _dec(value) -> str | None:
    return None if value is None else str(value)


def _quantity_row(doc_id: str, i: int, q) -> dict:
    return _item_row(doc_id, i, q) | {
        "kind": str(q.kind),
        "value": _dec(q.value),
        "value_max": _dec(q.value_max),
        "unit": q.unit,
        "unit_canonical": q.unit_canonical,
        "value_canonical": _dec(q.value_canonical),
        "comparator": str(q.comparator),
    }


def _target_row(doc_id: str, i: int, t) -> dict:
    return _item_row(doc_id, i, t) | {
        "indicator": t.indicator,
        "indicator_key": t.indicator_key,
        "indicator_folded": " ".join(fold(t.indicator).split()),
        "role": str(t.role),
        "year": t.year,
        "value": _dec(t.value),
        "value_max": _dec(t.value_max),
        "unit": t.unit,
        "unit_canonical": t.unit_canonical,
        "value_canonical": _dec(t.value_canonical),
        "comparator": str(t.comparator),
        "direction": t.direction,
        "period": t.period,
        "scope": t.scope,
    }


def _insert_assignments(conn: Connection, doc: ExtractedDocument) -> None:
    """Assignments, then one row per agency they name (lead or cooperating) for --agency."""
    if not doc.assignments:
        return
    rows = []
    for i, a in enumerate(doc.assignments):
        rows.append(
            _item_row(doc.id, i, a)
            | {
                "lead": a.lead,
                "lead_canonical": a.lead_canonical,
                "cooperating": list(a.cooperating),
                "deadline": a.deadline,
                "deadline_date": a.deadline_date,
                "task": a.task,
            }
        )
    ids = conn.execute(insert(m.Assignment).returning(m.Assignment.id, sort_by_parameter_order=True), rows)
    agencies = []
    for assignment_id, a in zip(ids.scalars(), doc.assignments, strict=True):
        for role, name in _agencies_of(a):
            agencies.append(
                {
                    "assignment_id": assignment_id,
                    "document_id": doc.id,
                    "role": role,
                    "name": name,
                    "folded": fold(name),
                }
            )
    _insert(conn, m.AssignmentAgency, agencies)


def _agencies_of(a) -> list[tuple[str, str]]:
    """(role, name) pairs: canonical names when known, raw otherwise, without duplicates."""
    out: list[tuple[str, str]] = []
    for role, names in (
        ("lead", [a.lead, a.lead_canonical]),
        ("cooperating", [*a.cooperating, *a.cooperating_canonical]),
    ):
        for name in names:
            if name and (role, name) not in out:
                out.append((role, name))
    return out


def _agency_row(doc_id: str, i: int, a) -> dict:
    return _item_row(doc_id, i, a) | {"canonical": a.canonical, "agency_id": a.agency_id}


def _movement_row(doc_id: str, i: int, x) -> dict:
    return _item_row(doc_id, i, x) | {"name": x.name, "launched_by": x.launched_by, "period": x.period}


def _award_row(doc_id: str, i: int, a) -> dict:
    return _item_row(doc_id, i, a) | {
        "level": a.level,
        "form": a.form,
        "collectives": a.collectives,
        "individuals": a.individuals,
        "decision": a.decision,
        "year": a.year,
    }


def _place_key(doc: ExtractedDocument) -> str | None:
    """The document's most specific place, folded ('ba to')."""
    jur = doc.jurisdiction
    place = jur.commune or jur.district or jur.province
    return fold(place) if place else None


def _citation_row(doc_id: str, i: int, r, citing_place: str | None) -> dict:
    ikey = issuer_key(r.issuer_resolved or r.issuer)
    return _item_row(doc_id, i, r) | {
        "doc_type": r.doc_type,
        "number": r.number,
        "number_norm": norm_number(r.number),
        "symbol": norm_symbol(r.symbol),
        "year": r.year or (r.date.year if r.date else None),
        "symbol_year": r.year,
        "date": r.date,
        "issuer": r.issuer,
        "issuer_resolved": r.issuer_resolved,
        "issuer_key": ikey,
        "cited_place": issuer_place(ikey) if ikey else citing_place,
        "subject": r.subject,
        "name": r.name,
        "relation": str(r.relation),
        "key": r.key,
        "status": "pending",
    }
