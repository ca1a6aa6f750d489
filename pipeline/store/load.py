"""Load an ExtractedDocument: one transaction per document, keyed by its content hash.

Re-loading the same bytes changes nothing; the same path with new bytes becomes a new
version linked by ``version_of``. Every row of a document (and the resolution of its
citations) is written in one transaction, so a failure leaves no half-document.

Bulk imports load with ``resolve_citations=False``: the document is marked
``resolution_pending`` and ``resolve.resolve_pending`` settles such documents after the
import, in batches and in id order. That is faster, right with several loaders at once (a
loader cannot see what another has not committed yet), and gives the same answers
whichever worker finished first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from pipeline.store import models as m
from pipeline.store import payload, resolve
from pipeline.store.bulk import insert_rows
from pipeline.store.chunks import document_chunks
from pipeline.store.db import writing
from pipeline.store.keys import (
    fold,
    fold_words,
    issuer_key,
    issuer_place,
    norm_number,
    norm_symbol,
    type_key,
    where_key,
    year_from_subject,
)
from pipeline.store.names import name_ids
from pipeline.store.sentences import citing_sentence
from schemas import ExtractedDocument


@dataclass(frozen=True)
class LoadResult:
    """What loading one document did: status is imported | unchanged | new-version."""

    document_id: str
    status: str
    version_of: str | None = None


def load_document(engine: Engine, doc: ExtractedDocument, *, resolve_citations: bool = True) -> LoadResult:
    """Write ``doc`` and its items in one transaction (nothing if its hash is already stored).

    Rows are built before the transaction opens, so the write lock (SQLite has one per
    database) is held only while they are written.
    """
    rows = prepare_rows(doc)
    try:
        with writing(engine) as conn:
            return _load(conn, rows, resolve_citations)
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


@dataclass
class DocumentRows:
    """Every row of one document, ready to insert except for ids the database hands out."""

    document: dict
    identity: dict | None
    plain: list[tuple[type[m.Base], list[dict]]]  # tables whose rows need no ids
    targets: list[tuple[str, dict]]  # (folded indicator name, row without its name id)
    assignments: list[dict]
    agencies: list[list[tuple[str, str]]]  # per assignment: (role, name)
    citations: list[dict]


def prepare_rows(doc: ExtractedDocument) -> DocumentRows:
    """All rows of ``doc`` (pure: no database), the CPU-heavy half of loading."""
    place = _place_key(doc)
    return DocumentRows(
        document=_document_row(doc),
        identity=header_identity(doc),
        plain=[
            (m.Section, [_section_row(doc.id, s) for s in doc.sections]),
            (m.Chunk, [{"document_id": doc.id, **c} for c in document_chunks(doc)]),
            (m.Quantity, [_quantity_row(doc.id, i, q) for i, q in enumerate(doc.quantities)]),
            (m.AgencyMention, [_agency_row(doc.id, i, a) for i, a in enumerate(doc.agencies)]),
            (m.Movement, [_movement_row(doc.id, i, x) for i, x in enumerate(doc.movements)]),
            (m.Award, [_award_row(doc.id, i, a) for i, a in enumerate(doc.awards)]),
        ],
        targets=[(" ".join(fold_words(t.indicator)), _target_row(doc.id, i, t)) for i, t in enumerate(doc.targets)],
        assignments=[_assignment_row(doc.id, i, a) for i, a in enumerate(doc.assignments)],
        agencies=[_agencies_of(a) for a in doc.assignments],
        citations=[_citation_row(doc, i, r, place) for i, r in enumerate(doc.references)],
    )


def _load(conn: Connection, rows: DocumentRows, resolve_citations: bool) -> LoadResult:
    doc_id, path = rows.document["id"], rows.document["path"]
    if conn.scalar(select(m.Document.id).where(m.Document.id == doc_id)):
        return LoadResult(doc_id, "unchanged")
    previous = conn.scalar(select(m.Document.id).where(m.Document.path == path, m.Document.is_latest).limit(1))
    if previous:
        conn.execute(update(m.Document).where(m.Document.id == previous).values(is_latest=False))
    document = rows.document | {"version_of": previous, "resolution_pending": not resolve_citations}
    conn.execute(insert(m.Document), [document])
    if rows.identity:
        conn.execute(insert(m.Identity), [rows.identity])
    for model, table_rows in rows.plain:
        insert_rows(conn, model, table_rows)
    _insert_targets(conn, rows.targets)
    _insert_assignments(conn, rows)
    insert_rows(conn, m.Citation, rows.citations)
    if resolve_citations:
        resolve.resolve_document(conn, doc_id)
    return LoadResult(doc_id, "new-version" if previous else "imported", previous)


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


def _document_row(doc: ExtractedDocument) -> dict:
    meta, jur = doc.meta, doc.jurisdiction
    return {
        "id": doc.id,
        "path": doc.source_path,
        "format": doc.format,
        "size_bytes": doc.size_bytes,
        "pages": doc.pages,
        "schema_version": doc.schema_version,
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
        "payload": payload.encode(doc),
        "meta": meta.model_dump(mode="json"),
        "jurisdiction": jur.model_dump(mode="json"),
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


def _insert_targets(conn: Connection, rows: list[tuple[str, dict]]) -> None:
    """Targets, each pointing at its folded indicator name (for --indicator)."""
    if not rows:
        return
    ids = name_ids(conn, m.IndicatorName, {name for name, _ in rows})
    insert_rows(conn, m.Target, [row | {"indicator_name_id": ids[name]} for name, row in rows])


def _target_row(doc_id: str, i: int, t) -> dict:
    return _item_row(doc_id, i, t) | {
        "indicator": t.indicator,
        "indicator_key": t.indicator_key,
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


def _assignment_row(doc_id: str, i: int, a) -> dict:
    return _item_row(doc_id, i, a) | {
        "lead": a.lead,
        "lead_canonical": a.lead_canonical,
        "cooperating": list(a.cooperating),
        "deadline": a.deadline,
        "deadline_date": a.deadline_date,
        "task": a.task,
    }


def _insert_assignments(conn: Connection, rows: DocumentRows) -> None:
    """Assignments, then one row per agency they name (lead or cooperating) for --agency."""
    if not rows.assignments:
        return
    ids = conn.execute(insert(m.Assignment).returning(m.Assignment.id, sort_by_parameter_order=True), rows.assignments)
    doc_id = rows.document["id"]
    named = [(assignment_id, role, name) for assignment_id, agencies in zip(ids.scalars(), rows.agencies, strict=True)
             for role, name in agencies]  # fmt: skip
    name_id = name_ids(conn, m.AgencyName, {_agency_folded(name) for _, _, name in named})
    agencies = [
        {"assignment_id": assignment_id, "document_id": doc_id, "role": role, "name": name,
         "agency_name_id": name_id[_agency_folded(name)]}
        for assignment_id, role, name in named
    ]  # fmt: skip
    insert_rows(conn, m.AssignmentAgency, agencies)


def _agency_folded(name: str) -> str:
    return " ".join(fold_words(name))


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


def _citation_row(doc: ExtractedDocument, i: int, r, citing_place: str | None) -> dict:
    ikey = issuer_key(r.issuer_resolved or r.issuer)
    return _item_row(doc.id, i, r) | {
        "sentence": citing_sentence(doc.text, *r.span),
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
