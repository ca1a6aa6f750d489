"""Auditor queries: what a document relies on, who cites a document, what is missing,
target timelines and agency assignments. Each returns plain dicts (rows) for the CLI."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, case, func, or_, select
from sqlalchemy.orm import aliased

from pipeline.errors import StoreError
from pipeline.store import models as m
from pipeline.store.keys import fold_words, where_pattern
from pipeline.store.names import matching_ids
from pipeline.store.refquery import parse_query
from schemas import Relation

#: Citing documents listed with each missing document (the count says how many in all).
MISSING_CITING_PATHS = 10
_RELATION_ORDER = {r.value: i for i, r in enumerate(Relation)}


def find_document(conn: Connection, ref: str) -> str:
    """A document id from an id, an id prefix, a path, a file name (prefix) or a number.

    Raises StoreError when nothing or several documents match.
    """
    ref = ref.strip()
    attempts = [
        select(m.Document.id).where(m.Document.id == ref),
        select(m.Document.id).where(m.Document.path == ref),
        select(m.Document.id).where(m.Document.id.like(f"{ref}%")) if len(ref) >= 6 else None,
        select(m.Document.id).where(or_(m.Document.path.like(f"%/{ref}"), m.Document.path.like(f"%/{ref}%"))),
    ]
    query = parse_query(ref)
    if query.number and query.symbol:
        attempts.append(
            select(m.Identity.document_id).where(
                m.Identity.number_norm == query.number, m.Identity.symbol == query.symbol
            )
        )
    for attempt in attempts:
        if attempt is None:
            continue
        ids = sorted(set(conn.scalars(attempt.limit(20)).all()))
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise StoreError(
                f"{ref!r} matches {len(ids)} documents ({', '.join(i[:12] for i in ids[:5])}…): be more precise"
            )
    raise StoreError(f"no document matches {ref!r} (give an id, id prefix, path or file name)")


def cites(conn: Connection, document: str) -> list[dict]:
    """What a document relies on, grouped by relation; each resolved, ambiguous or missing."""
    doc_id = find_document(conn, document)
    target = aliased(m.Document)
    rows = conn.execute(
        select(m.Citation, target.path.label("target_path"))
        .outerjoin(target, target.id == m.Citation.resolved_doc_id)
        .where(m.Citation.document_id == doc_id)
        .order_by(m.Citation.ordinal)
    ).all()
    out = [
        {
            "relation": r.relation,
            "reference": r.text,
            "doc_type": r.doc_type,
            "number": r.number,
            "symbol": r.symbol,
            "date": r.date.isoformat() if r.date else None,
            "status": r.status,
            "target": r.resolved_doc_id,
            "target_path": r.target_path,
            "stub": r.stub_key if r.status != "resolved" else None,
            "method": r.method,
            "confidence": r.confidence,
            "section": r.section,
            "span": [r.span_start, r.span_end],
        }
        for r in rows
    ]
    out.sort(key=lambda row: _RELATION_ORDER.get(row["relation"], 99))  # stable: keeps text order
    return out


def cited_by(conn: Connection, reference: str, *, limit: int | None = None) -> list[dict]:
    """Citing documents of a document named by a person, with the citing sentence."""
    query = parse_query(reference)
    chosen = select(m.Citation.id).join(m.Document, m.Document.id == m.Citation.document_id)
    if query.number and query.symbol:
        chosen = chosen.where(m.Citation.number_norm == query.number, m.Citation.symbol == query.symbol)
        if query.year:
            chosen = chosen.where(or_(m.Citation.year.is_(None), m.Citation.year == query.year))
    elif query.name:
        chosen = chosen.where(m.Citation.name.is_not(None))
    else:
        return []
    order = (m.Document.path, m.Citation.document_id, m.Citation.ordinal)
    if limit is not None and query.number:
        chosen = chosen.order_by(*order).limit(limit)
    stmt = (
        select(m.Citation, m.Document.path)
        .join(m.Document, m.Document.id == m.Citation.document_id)
        .where(m.Citation.id.in_(chosen.scalar_subquery()))
        .order_by(*order)
    )
    rows = conn.execute(stmt).all()
    if not (query.number and query.symbol):
        wanted = " ".join(fold_words(query.name or ""))
        rows = [r for r in rows if wanted in " ".join(fold_words(r.name))][:limit]
    return [
        {
            "document_id": r.document_id,
            "path": r.path,
            "relation": r.relation,
            "reference": r.text,
            "date": r.date.isoformat() if r.date else None,
            "status": r.status,
            "sentence": r.sentence,
            "span": [r.span_start, r.span_end],
        }
        for r in rows
    ]


def missing(conn: Connection, *, limit: int | None = 50) -> list[dict]:
    """Cited documents absent from the archive, most-cited first (the shopping list).

    Ranked on the counts resolution keeps on each stub (``resolve.refresh_stub_counts``).
    """
    stmt = (
        select(m.Stub)
        .where(m.Stub.citations > 0)
        .order_by(m.Stub.citing_documents.desc(), m.Stub.citations.desc(), m.Stub.key)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    stubs = conn.execute(stmt).all()
    if not stubs:
        return []
    citing = _citing_paths(conn, [s.key for s in stubs], per_stub=MISSING_CITING_PATHS)
    return [
        {
            "key": s.key,
            "doc_type": s.doc_type,
            "number": s.number,
            "symbol": s.symbol,
            "date": s.date.isoformat() if s.date else None,
            "issuer": s.issuer,
            "subject": s.subject,
            "name": s.name,
            "citations": s.citations,
            "citing_documents": s.citing_documents,
            "cited_by": citing.get(s.key, []),
        }
        for s in stubs
    ]


def _citing_paths(conn: Connection, keys: list[str], *, per_stub: int) -> dict[str, list[str]]:
    """Up to ``per_stub`` paths of documents citing each stub (sorted; the count says how many).

    The documents are the first by id, read straight off the (status, stub_key,
    document_id) index: sorting every citing document by path costs ~10 ms per stub when
    thousands cite it.
    """
    first = (
        select(m.Citation.document_id)
        .where(m.Citation.status == "unmatched", m.Citation.stub_key == bindparam("key"))
        .distinct()
        .order_by(m.Citation.document_id)
        .limit(per_stub)
    )
    citing = {key: list(conn.scalars(first, {"key": key})) for key in keys}
    ids = {i for found in citing.values() for i in found}
    paths = dict(conn.execute(select(m.Document.id, m.Document.path).where(m.Document.id.in_(ids))).all())
    return {key: sorted(paths[i] for i in found) for key, found in citing.items()}


def targets(
    conn: Connection, *, where: str | None = None, indicator: str | None = None, limit: int | None = None
) -> list[dict]:
    """A timeline of targets and reported figures for one indicator in one jurisdiction.

    Indicator words match anywhere in the folded indicator name ("giường bệnh" finds
    "Số giường bệnh/vạn dân"); the distinct names are matched first, then their targets.
    """
    year = func.coalesce(m.Target.year, m.Document.year)
    stmt = select(m.Target, m.Document.path, m.Document.district, m.Document.province, year.label("y")).join(
        m.Document, m.Document.id == m.Target.document_id
    )
    if indicator:
        ids = matching_ids(conn, m.IndicatorName, "%" + " ".join(fold_words(indicator)) + "%")
        if not ids:
            return []
        stmt = stmt.where(m.Target.indicator_name_id.in_(ids))
    if where:
        stmt = stmt.where(m.Document.where_key.like(where_pattern(where)))
    role_order = case({"target": 0, "plan": 1, "baseline": 2}, value=m.Target.role, else_=3)
    stmt = stmt.order_by(year.is_(None), year, role_order, m.Document.path, m.Target.ordinal)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        {
            "year": r.y,
            "role": r.role,
            "indicator": r.indicator,
            "comparator": r.comparator,
            "value": r.value,
            "value_max": r.value_max,
            "unit": r.unit,
            "period": r.period,
            "jurisdiction": ", ".join(p for p in (r.district, r.province) if p) or None,
            "document_id": r.document_id,
            "path": r.path,
            "text": r.text,
            "span": [r.span_start, r.span_end],
        }
        for r in conn.execute(stmt).all()
    ]


def assignments(conn: Connection, *, agency: str, where: str | None = None, limit: int | None = None) -> list[dict]:
    """What an agency was assigned (as lead or cooperating), with deadlines."""
    ids = matching_ids(conn, m.AgencyName, "%" + " ".join(fold_words(agency)) + "%")
    if not ids:
        return []
    stmt = (
        select(m.AssignmentAgency.role, m.AssignmentAgency.name, m.Assignment, m.Document.path)
        .join(m.Assignment, m.Assignment.id == m.AssignmentAgency.assignment_id)
        .join(m.Document, m.Document.id == m.Assignment.document_id)
        .where(m.AssignmentAgency.agency_name_id.in_(ids))
        .order_by(m.Document.path, m.Assignment.ordinal, m.AssignmentAgency.role)
    )
    if where:
        stmt = stmt.where(m.Document.where_key.like(where_pattern(where)))
    if limit is not None:  # raw and canonical names may both match: at most two rows per kept one
        stmt = stmt.limit(2 * limit)
    seen: set[tuple[int, str]] = set()
    out = []
    for r in conn.execute(stmt).all():
        if limit is not None and len(out) >= limit:
            break
        if (r.id, r.role) in seen:  # raw and canonical names both matched
            continue
        seen.add((r.id, r.role))
        out.append(
            {
                "role": r.role,
                "agency": r.name,
                "task": r.task,
                "deadline": r.deadline,
                "lead": r.lead_canonical or r.lead,
                "cooperating": r.cooperating,
                "document_id": r.document_id,
                "path": r.path,
                "section": r.section,
                "span": [r.span_start, r.span_end],
            }
        )
    return out


def counts(conn: Connection) -> dict[str, int]:
    """Rows per table (what a re-import must leave unchanged)."""
    return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in m.Base.metadata.sorted_tables}


__all__ = ["assignments", "cited_by", "cites", "counts", "find_document", "missing", "targets"]
