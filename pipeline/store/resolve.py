"""Reference resolution: match each citation to an archived document, or to a stub.

1. By identity: number + symbol (+ year, type, issuer in the citing document's
   jurisdiction unless the symbol is globally unique, e.g. 98/2023/NĐ-CP, 34-CT/TW).
   Identities come from headers and from earlier subject matches.
2. Else, by a scored match against archived copies that carry no number (drafts:
   "Số: /KH-UBND"): type, place, date/year, symbol and subject similarity. A confident
   match teaches the archive the document's number (``assigned_number`` + an identity).
3. Else the citation points at a stub for the missing document (``missing``).

Outcomes are recorded on the citation: status resolved | ambiguous | unmatched, method
number | alias | subject, confidence, and ranked candidates. Citations are resolved in
batches (one document's, or 500 at a time): a handful of queries per batch, the rules
themselves in ``matching.py``.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from pipeline.store import matching
from pipeline.store import models as m

#: Citations resolved per batch by ``resolve_all``.
BATCH = 500

_CITATION_COLUMNS = [
    m.Citation.id, m.Citation.document_id, m.Citation.doc_type, m.Citation.number, m.Citation.number_norm,
    m.Citation.symbol, m.Citation.year, m.Citation.symbol_year, m.Citation.date, m.Citation.issuer,
    m.Citation.issuer_resolved, m.Citation.issuer_key, m.Citation.cited_place, m.Citation.subject, m.Citation.name,
    m.Citation.key, m.Citation.stub_key,
]  # fmt: skip
_COPY_COLUMNS = [
    m.Document.id, m.Document.doc_type, m.Document.subject, m.Document.symbol, m.Document.year,
    m.Document.issue_date, m.Document.place_key, m.Document.where_key,
]  # fmt: skip
_STUB_FIELDS = ("doc_type", "number", "number_norm", "symbol", "year", "date", "issuer", "subject", "name")
_UPDATE_CITATION = (
    update(m.Citation)
    .where(m.Citation.id == bindparam("cid"))
    .values(
        status=bindparam("st"),
        resolved_doc_id=bindparam("rd"),
        method=bindparam("me"),
        confidence=bindparam("co"),
        stub_key=bindparam("sk"),
    )
)


def resolve_document(conn: Connection, document_id: str) -> Counter:
    """Resolve a newly loaded document's citations, then the older ones it may satisfy."""
    cits = conn.execute(select(*_CITATION_COLUMNS).where(m.Citation.document_id == document_id)).all()
    counts = resolve_citations(conn, cits)
    others = _citations_satisfiable_by(conn, document_id)
    if others:
        counts += resolve_citations(conn, _fetch(conn, others))
    return counts


def resolve_all(conn: Connection, *, only_open: bool = True) -> dict[str, int]:
    """Re-run resolution over the archive (all citations, or only unresolved ones)."""
    query = select(m.Citation.id).order_by(m.Citation.id)
    if only_open:
        query = query.where(m.Citation.status != "resolved")
    ids = conn.scalars(query).all()
    counts: Counter = Counter()
    for i in range(0, len(ids), BATCH):
        counts += resolve_citations(conn, _fetch(conn, ids[i : i + BATCH]))
    return dict(counts)


def resolve_citation(conn: Connection, citation_id: int) -> str:
    """Resolve one citation; returns its status."""
    (status,) = resolve_citations(conn, _fetch(conn, [citation_id])).keys()
    return status


def resolve_citations(conn: Connection, cits: list) -> Counter:
    """Resolve a batch of citations and record each outcome; returns counts per status."""
    statuses: Counter = Counter()
    if not cits:
        return statuses
    where = dict(conn.execute(select(m.Document.id, m.Document.where_key).where(
        m.Document.id.in_({c.document_id for c in cits}))).all())  # fmt: skip
    identities = _identities(conn, cits)
    copies = _copies(conn, cits, where)
    stubs = _stubs(conn, cits)
    updates, candidate_rows = [], []
    for cit in cits:
        citing_where = where.get(cit.document_id)
        found = matching.match_identity(cit, identities.get((cit.number_norm, cit.symbol), []), citing_where)
        status, ranked = matching.decide(found or matching.match_subject(cit, copies, citing_where))
        statuses[status] += 1
        if status == "unmatched":
            updates.append({"cid": cit.id, "st": status, "rd": None, "me": None, "co": None,
                            "sk": _stub_for(conn, cit, stubs)})  # fmt: skip
            continue
        best = ranked[0]
        resolved = status == "resolved"
        updates.append({"cid": cit.id, "st": status, "rd": best.document_id if resolved else None, "me": best.method,
                        "co": round(best.score, 3), "sk": None if resolved else cit.stub_key})  # fmt: skip
        candidate_rows += [
            {"citation_id": cit.id, "document_id": c.document_id, "rank": i + 1, "score": round(c.score, 3),
             "method": c.method}
            for i, c in enumerate(ranked[:10])
        ]  # fmt: skip
        if resolved and best.method == "subject":
            identity = _teach_identity(conn, cit, best, where)
            if identity is not None:
                identities.setdefault((cit.number_norm, cit.symbol), []).append(identity)
            copies = [c for c in copies if c.id != best.document_id]  # it has a number now
    conn.execute(delete(m.CitationCandidate).where(m.CitationCandidate.citation_id.in_([c.id for c in cits])))
    conn.execute(_UPDATE_CITATION, updates)
    if candidate_rows:
        conn.execute(insert(m.CitationCandidate), candidate_rows)
    return statuses


def _fetch(conn: Connection, ids: list[int]) -> list:
    return conn.execute(select(*_CITATION_COLUMNS).where(m.Citation.id.in_(ids)).order_by(m.Citation.id)).all()


def _identities(conn: Connection, cits: list) -> dict[tuple[str, str], list]:
    """Identity rows (with the document's place) for every number + symbol the batch cites."""
    pairs = {(c.number_norm, c.symbol) for c in cits if c.number_norm and c.symbol}
    if not pairs:
        return {}
    rows = conn.execute(
        select(
            m.Identity.document_id,
            m.Identity.source,
            m.Identity.doc_type,
            m.Identity.number_norm,
            m.Identity.symbol,
            m.Identity.year,
            m.Identity.issuer_key,
            m.Identity.confidence,
            m.Document.where_key,
        )  # fmt: skip
        .join(m.Document, m.Document.id == m.Identity.document_id)
        .where(m.Identity.number_norm.in_({n for n, _ in pairs}), m.Document.is_latest)
    ).all()
    out: dict[tuple[str, str], list] = {}
    for row in rows:
        if (row.number_norm, row.symbol) in pairs:
            out.setdefault((row.number_norm, row.symbol), []).append(row)
    return out


def _copies(conn: Connection, cits: list, where: dict[str, str | None]) -> list:
    """Unnumbered archived documents that could answer the batch's citations by subject."""
    usable = [c for c in cits if c.doc_type and matching.subject_usable(c.subject)]
    if not usable:
        return []
    query = (
        select(*_COPY_COLUMNS)
        .where(m.Document.number.is_(None), m.Document.assigned_number.is_(None), m.Document.is_latest)
        .where(or_(m.Document.doc_type.is_(None), m.Document.doc_type.in_({c.doc_type for c in usable})))
    )
    years = [c.year for c in usable]
    if all(years):
        query = query.where(or_(m.Document.year.is_(None), m.Document.year.between(min(years) - 1, max(years) + 1)))
    if all(c.cited_place for c in usable):  # every citation says (or implies) where its document is
        places = {c.cited_place for c in usable}
        query = query.where(or_(m.Document.place_key.is_(None), m.Document.place_key.in_(places)))
    return conn.execute(query).all()


def _teach_identity(conn: Connection, cit, best: matching.Candidate, where: dict) -> SimpleNamespace | None:
    """The archived copy had no number: record the one the citation gives it."""
    conn.execute(
        update(m.Document)
        .where(m.Document.id == best.document_id, m.Document.assigned_number.is_(None))
        .values(assigned_number=cit.number, assigned_symbol=cit.symbol, assigned_date=cit.date, assigned_by=cit.id)
    )
    if not (cit.number_norm and cit.symbol):
        return None
    row = {
        "document_id": best.document_id,
        "source": "citation",
        "key": cit.key,
        "doc_type": cit.doc_type,
        "number_norm": cit.number_norm,
        "symbol": cit.symbol,
        "year": cit.year,
        "issuer_key": cit.issuer_key,
        "confidence": round(best.score, 3),
        "citation_id": cit.id,
    }
    conn.execute(insert(m.Identity), [row])
    return SimpleNamespace(**row, where_key=where.get(best.document_id))


def _stubs(conn: Connection, cits: list) -> list[SimpleNamespace]:
    """Stubs the batch's citations might point at (by key, or by number)."""
    keys = {c.key for c in cits}
    numbers = {c.number_norm for c in cits if c.number_norm}
    rows = conn.execute(select(m.Stub).where(or_(m.Stub.key.in_(keys), m.Stub.number_norm.in_(numbers)))).all()
    return [SimpleNamespace(**row._asdict()) for row in rows]


def _stub_for(conn: Connection, cit, stubs: list[SimpleNamespace]) -> str:
    """Create or enrich the stub for an unmatched citation; returns its key."""
    stub = matching.same_stub(cit, stubs)
    fields = {f: getattr(cit, f) for f in _STUB_FIELDS if f != "issuer"} | {"issuer": cit.issuer_resolved or cit.issuer}
    if stub is None:
        conn.execute(insert(m.Stub), [{"key": cit.key, **fields}])
        stubs.append(SimpleNamespace(key=cit.key, **fields))
        return cit.key
    missing = {k: v for k, v in fields.items() if v is not None and getattr(stub, k) is None}
    if missing:
        conn.execute(update(m.Stub).where(m.Stub.key == stub.key).values(**missing))
        for k, v in missing.items():
            setattr(stub, k, v)
    return stub.key


def _citations_satisfiable_by(conn: Connection, document_id: str) -> list[int]:
    """Open citations elsewhere that the new document may answer (by number, or by subject)."""
    doc = conn.execute(
        select(m.Document.number, m.Document.doc_type, m.Document.year, m.Document.subject, m.Document.place_key,
               m.Document.where_key).where(m.Document.id == document_id)
    ).one()  # fmt: skip
    open_ = and_(m.Citation.status != "resolved", m.Citation.document_id != document_id)
    ids: set[int] = set()
    for number, symbol in conn.execute(
        select(m.Identity.number_norm, m.Identity.symbol).where(m.Identity.document_id == document_id)
    ):
        ids.update(conn.scalars(select(m.Citation.id).where(
            open_, m.Citation.number_norm == number, m.Citation.symbol == symbol)))  # fmt: skip
    if doc.number is None and doc.doc_type and doc.subject and doc.place_key:
        # unnumbered: citations of this type and place (others wait for `vanban resolve`)
        query = select(m.Citation.id, m.Citation.subject).where(
            open_, m.Citation.cited_place == doc.place_key, m.Citation.doc_type == doc.doc_type
        )
        if doc.year:
            query = query.where(or_(m.Citation.year.is_(None), m.Citation.year.between(doc.year - 1, doc.year + 1)))
        for citation_id, subject in conn.execute(query):
            if matching.subject_usable(subject) and (
                matching.subject_similarity(subject, doc.subject) >= matching.MIN_SUBJECT_SIMILARITY
            ):
                ids.add(citation_id)
    return sorted(ids)
