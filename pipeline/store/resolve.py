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
batches (one document's, or ``BATCH`` at a time): a handful of queries per batch, the rules
themselves in ``matching.py``. Each batch also recounts the stubs it touched, so
``missing`` reads ranked counts instead of grouping every unmatched citation.

Bulk imports load documents unresolved (``resolution_pending``) and call
``resolve_pending`` once at the end: their own citations first, then the open citations
elsewhere that the new documents may answer, a few hundred documents per transaction.
"""

from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import SimpleNamespace

from sqlalchemy import Connection, Engine, and_, bindparam, delete, distinct, func, insert, or_, select, update

from pipeline.store import matching
from pipeline.store import models as m
from pipeline.store.db import writing
from pipeline.store.keys import type_key

#: Citations resolved per batch (one read of the candidate copies, identities and stubs
#: serves the whole batch). 500 -> 5,000 took settling 2,000 documents (48,800 citations)
#: from 9.4 to 6.3 s with the same outcomes. IN lists this long need SQLite >= 3.32.
BATCH = 5000
#: Pending documents settled per transaction by ``resolve_pending``.
PENDING_DOCUMENTS_PER_TRANSACTION = 200
#: Longest place name, in words, looked for inside a cited issuer ("ubnd huyen ba to").
MAX_PLACE_WORDS = 6

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
#: Rows as named tuples: a SQLAlchemy Row's attribute costs ~0.25 us, a named tuple's
#: ~0.04, and settling 2,000 documents reads attributes of citations and copies millions
#: of times (with the scoring of alike copies once: 4.8 -> 3.4 s).
_CitationRow = namedtuple("_CitationRow", [c.key for c in _CITATION_COLUMNS])
_CopyRow = namedtuple("_CopyRow", [c.key for c in _COPY_COLUMNS])
#: The order citations are resolved in: citing document (content hash), then position.
#: Not row ids: those follow load order, which depends on which worker finished first, and
#: the first citation of a missing document names its stub ("34-CT/TW" cited with and
#: without a year must end at the same stub whichever is loaded first).
_DOCUMENT_ORDER = (m.Citation.document_id, m.Citation.span_start, m.Citation.id)
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
    query = select(*_CITATION_COLUMNS).where(m.Citation.document_id == document_id).order_by(*_DOCUMENT_ORDER)
    cits = list(map(_CitationRow._make, conn.execute(query).all()))
    counts = resolve_citations(conn, cits)
    return counts + _resolve_ids(conn, _citations_answerable_by(conn, [document_id]))


def resolve_all(conn: Connection, *, only_open: bool = True) -> dict[str, int]:
    """Re-run resolution over the archive (all citations, or only unresolved ones)."""
    query = select(m.Citation.id).order_by(*_DOCUMENT_ORDER)
    if only_open:
        query = query.where(m.Citation.status != "resolved")
    counts = _resolve_ids(conn, conn.scalars(query).all())
    refresh_stub_counts(conn)
    return dict(counts)


def resolve_pending(engine: Engine) -> dict[str, int]:
    """Settle every document loaded with ``resolution_pending``; returns counts per status.

    Runs in transactions of a few hundred documents: a crash keeps what was settled, and
    the rest stays pending for the next call.
    """
    with engine.connect() as conn:
        pending = conn.scalars(select(m.Document.id).where(m.Document.resolution_pending).order_by(m.Document.id)).all()
    counts: Counter = Counter()
    for i in range(0, len(pending), PENDING_DOCUMENTS_PER_TRANSACTION):
        with writing(engine) as conn:
            counts += _settle(conn, pending[i : i + PENDING_DOCUMENTS_PER_TRANSACTION])
    return dict(counts)


def _settle(conn: Connection, document_ids: list[str]) -> Counter:
    """Resolve these documents' citations, then those elsewhere they may answer; clear the flag."""
    own = conn.scalars(
        select(m.Citation.id).where(m.Citation.document_id.in_(document_ids)).order_by(*_DOCUMENT_ORDER)
    ).all()
    counts = _resolve_ids(conn, own)
    counts += _resolve_ids(conn, _citations_answerable_by(conn, document_ids))
    conn.execute(update(m.Document).where(m.Document.id.in_(document_ids)).values(resolution_pending=False))
    return counts


def _resolve_ids(conn: Connection, ids: list[int]) -> Counter:
    """Resolve these citations in their given order, ``BATCH`` at a time."""
    counts: Counter = Counter()
    for i in range(0, len(ids), BATCH):
        counts += resolve_citations(conn, _fetch(conn, ids[i : i + BATCH]))
    return counts


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
    copies = _CopyIndex(_copies(conn, cits, where))
    stubs = _stubs(conn, cits)
    updates, candidate_rows = [], []
    for cit in cits:
        citing_where = where.get(cit.document_id)
        found = matching.match_identity(cit, identities.get((cit.number_norm, cit.symbol), []), citing_where)
        if not found:
            found = matching.match_subject(cit, copies.for_citation(cit, citing_where), citing_where, copies.taken)
        status, ranked = matching.decide(found)
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
            identity = _teach_identity(conn, cit, best, where, copies.by_id[best.document_id])
            if identity is not None:
                identities.setdefault((cit.number_norm, cit.symbol), []).append(identity)
            copies.taken.add(best.document_id)  # it has a number now
    conn.execute(delete(m.CitationCandidate).where(m.CitationCandidate.citation_id.in_([c.id for c in cits])))
    conn.execute(_UPDATE_CITATION, updates)
    if candidate_rows:
        conn.execute(insert(m.CitationCandidate), candidate_rows)
    refresh_stub_counts(conn, {c.stub_key for c in cits} | {u["sk"] for u in updates})
    return statuses


def refresh_stub_counts(conn: Connection, keys: set[str | None] | None = None) -> None:
    """Recount the unmatched citations (and their documents) of these stubs, or of all."""
    unmatched = and_(m.Citation.stub_key == m.Stub.key, m.Citation.status == "unmatched")
    stmt = update(m.Stub).values(
        citations=select(func.count()).where(unmatched).scalar_subquery(),
        citing_documents=select(func.count(distinct(m.Citation.document_id))).where(unmatched).scalar_subquery(),
    )
    if keys is None:
        conn.execute(stmt)
        return
    keys = sorted(k for k in keys if k)
    for i in range(0, len(keys), BATCH):
        conn.execute(stmt.where(m.Stub.key.in_(keys[i : i + BATCH])))


def _fetch(conn: Connection, ids: list[int]) -> list:
    """The citations' columns, in the order of ``ids``."""
    query = select(*_CITATION_COLUMNS).where(m.Citation.id.in_(ids))
    rows = {r.id: r for r in map(_CitationRow._make, conn.execute(query).all())}
    return [rows[i] for i in ids if i in rows]


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
            # what tells copies of one document apart from different documents (matching.same_document)
            m.Document.doc_type.label("doc_doc_type"),
            m.Document.subject.label("doc_subject"),
            m.Document.issue_date.label("doc_issue_date"),
            m.Document.year.label("doc_year"),
            m.Document.place_key.label("doc_place"),
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
    """Unnumbered archived documents that could answer the batch's citations by subject.

    Only copies whose place could score above zero (``matching.place_score``) are read: the
    place must be named in the cited issuer, or be the citing document's own when no issuer
    is cited; copies with no known place always qualify. That keeps the candidate set to
    one jurisdiction's drafts however large the archive grows.
    """
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
    places: set[str] = set()
    wheres: set[str] = set()
    for c in usable:
        if c.issuer_key:
            places.update(_word_runs(c.issuer_key))
        elif where.get(c.document_id):
            wheres.add(where[c.document_id])
        else:  # neither issuer nor a place of its own: any copy may be it
            return list(map(_CopyRow._make, conn.execute(query).all()))
    query = query.where(
        or_(m.Document.place_key.is_(None), m.Document.place_key.in_(places), m.Document.where_key.in_(wheres))
    )
    return list(map(_CopyRow._make, conn.execute(query).all()))


class _CopyIndex:
    """A batch's unnumbered copies grouped by place and type, then by folded subject.

    Each citation scores only the copies of its own place and type (or of none known), and
    compares its subject once per distinct subject: thousands of drafts may share a handful
    of subjects, and most citations name another type of document than the drafts'.
    """

    def __init__(self, rows: list) -> None:
        self.by_id = {r.id: r for r in rows}
        self.groups: dict[tuple, dict[str, list]] = {}  # ((scope, key), type) -> {subject: copies}
        self.taken: set[str] = set()  # resolved by subject in this batch: they have a number now
        for r in rows:
            if not r.subject:
                continue
            subject, kind = matching.folded_subject(r.subject), type_key(r.doc_type)
            scopes = [("all", None)]
            scopes += [("place", r.place_key), ("where", r.where_key)] if r.place_key else [("placeless", None)]
            for scope in scopes:
                self.groups.setdefault((scope, kind), {}).setdefault(subject, []).append(r)

    def for_citation(self, cit, citing_where: str | None) -> Mapping[str, list]:
        """The copies ``matching.place_score`` would not rule out for this citation, by subject."""
        if not (cit.doc_type and matching.subject_usable(cit.subject)):
            return {}
        if cit.issuer_key:
            scopes = _place_scopes(cit.issuer_key)
        elif citing_where:
            scopes = [("where", citing_where), ("placeless", None)]
        else:
            scopes = [("all", None)]
        kinds = (type_key(cit.doc_type), None)
        return _merged([self.groups.get((scope, kind)) for scope in scopes for kind in kinds])


def _merged(groups: list[dict[str, list] | None]) -> Mapping[str, list]:
    groups = [g for g in groups if g]
    if len(groups) <= 1:
        return groups[0] if groups else {}
    return _MergedGroups(groups)


class _MergedGroups(Mapping):
    """Several groups read as one, without copying: most citations only compare subjects
    (the keys), and copying every group's lists for each of them took 0.2 s of settling
    2,000 documents."""

    def __init__(self, groups: list[dict[str, list]]) -> None:
        self.groups = groups

    def __getitem__(self, subject: str) -> list:
        rows = [row for group in self.groups for row in group.get(subject, ())]
        if not rows:
            raise KeyError(subject)
        return rows

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(subject for group in self.groups for subject in group))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@lru_cache(maxsize=4096)  # a few dozen issuers, asked once per citation that names one
def _place_scopes(issuer_key: str) -> tuple[tuple[str, str | None], ...]:
    """The copy groups a citation naming this issuer reads: its places, and copies of none."""
    return (*(("place", run) for run in sorted(_word_runs(issuer_key))), ("placeless", None))


@lru_cache(maxsize=4096)
def _word_runs(key: str) -> frozenset[str]:
    """Every run of up to MAX_PLACE_WORDS consecutive words: the places a key could name.

    >>> sorted(_word_runs("ubnd ba to"))
    ['ba', 'ba to', 'to', 'ubnd', 'ubnd ba', 'ubnd ba to']
    """
    words = key.split()
    return frozenset(
        " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + MAX_PLACE_WORDS) + 1)
    )


def _teach_identity(conn: Connection, cit, best: matching.Candidate, where: dict, copy) -> SimpleNamespace | None:
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
    return SimpleNamespace(**row, where_key=where.get(best.document_id), doc_doc_type=copy.doc_type,
                           doc_subject=copy.subject, doc_issue_date=copy.issue_date, doc_year=copy.year,
                           doc_place=copy.place_key)  # fmt: skip


class _StubIndex:
    """Stubs by key and by number + symbol: the only ones ``matching.same_stub`` can pick."""

    def __init__(self, rows: list[SimpleNamespace]) -> None:
        self.by_key: dict[str, SimpleNamespace] = {}
        self.by_number: dict[tuple[str, str], list[SimpleNamespace]] = {}
        for row in rows:
            self.add(row)

    def add(self, stub: SimpleNamespace) -> None:
        self.by_key[stub.key] = stub
        if stub.number_norm and stub.symbol:
            self.by_number.setdefault((stub.number_norm, stub.symbol), []).append(stub)

    def candidates(self, cit) -> list[SimpleNamespace]:
        same_key = [self.by_key[cit.key]] if cit.key in self.by_key else []
        return same_key + self.by_number.get((cit.number_norm, cit.symbol), [])


def _stubs(conn: Connection, cits: list) -> _StubIndex:
    """Stubs the batch's citations might point at (by key, or by number)."""
    keys = {c.key for c in cits}
    numbers = {c.number_norm for c in cits if c.number_norm}
    rows = conn.execute(select(m.Stub).where(or_(m.Stub.key.in_(keys), m.Stub.number_norm.in_(numbers)))).all()
    return _StubIndex([SimpleNamespace(**row._asdict()) for row in rows])


def _stub_for(conn: Connection, cit, stubs: _StubIndex) -> str:
    """Create or enrich the stub for an unmatched citation; returns its key."""
    stub = matching.same_stub(cit, stubs.candidates(cit))
    fields = {f: getattr(cit, f) for f in _STUB_FIELDS if f != "issuer"} | {"issuer": cit.issuer_resolved or cit.issuer}
    if stub is None:
        conn.execute(insert(m.Stub), [{"key": cit.key, **fields}])
        stubs.add(SimpleNamespace(key=cit.key, **fields))
        return cit.key
    missing = {k: v for k, v in fields.items() if v is not None and getattr(stub, k) is None}
    if missing:
        conn.execute(update(m.Stub).where(m.Stub.key == stub.key).values(**missing))
        for k, v in missing.items():
            setattr(stub, k, v)
        if "number_norm" in missing or "symbol" in missing:
            stubs.add(stub)  # now findable by number
    return stub.key


def _citations_answerable_by(conn: Connection, document_ids: list[str]) -> list[int]:
    """Ids of open citations in settled documents that any of these documents may answer,
    in ``_DOCUMENT_ORDER`` (the keys come with the ids, so no second query sorts them).

    By number: the documents' identities. By subject, for unnumbered documents: citations of
    the same type and place (others wait for ``vanban resolve``). Citations of documents
    still pending are left to their own turn.
    """
    citing = select(m.Document.id).where(m.Document.id == m.Citation.document_id, m.Document.resolution_pending)
    open_ = and_(m.Citation.status != "resolved", m.Citation.document_id.not_in(document_ids), ~citing.exists())
    keys: set[tuple] = set(
        map(
            tuple,
            conn.execute(
                select(*_DOCUMENT_ORDER)
                .join(
                    m.Identity,
                    and_(m.Identity.number_norm == m.Citation.number_norm, m.Identity.symbol == m.Citation.symbol),
                )
                .where(m.Identity.document_id.in_(document_ids), open_)
            ),
        )
    )
    unnumbered = conn.execute(
        select(m.Document.doc_type, m.Document.year, m.Document.subject, m.Document.place_key).where(
            m.Document.id.in_(document_ids), m.Document.number.is_(None), m.Document.doc_type.is_not(None),
            m.Document.subject.is_not(None), m.Document.place_key.is_not(None))
    ).all()  # fmt: skip
    groups: dict[tuple[str, str], list] = {}
    for doc in unnumbered:
        groups.setdefault((doc.place_key, doc.doc_type), []).append(doc)
    for (place, doc_type), docs in groups.items():
        keys |= _answerable_by_subject(conn, open_, place, doc_type, docs)
    return [key[-1] for key in sorted(keys)]


def _answerable_by_subject(conn: Connection, open_, place: str, doc_type: str, docs: list) -> set[tuple]:
    """Open citations of this type and place whose subject (and year) fits one of ``docs``."""
    query = select(*_DOCUMENT_ORDER, m.Citation.subject, m.Citation.year).where(
        open_, m.Citation.cited_place == place, m.Citation.doc_type == doc_type
    )
    years = [d.year for d in docs]
    if all(years):
        query = query.where(or_(m.Citation.year.is_(None), m.Citation.year.between(min(years) - 1, max(years) + 1)))
    subjects: dict[str, list[int | None]] = {}
    for d in docs:
        subjects.setdefault(matching.folded_subject(d.subject), []).append(d.year)
    fits: dict[str, set[int | None]] = {}  # cited subject -> years of the documents it is like
    keys: set[tuple] = set()
    for *key, subject, year in conn.execute(query).all():
        if not matching.subject_usable(subject):
            continue
        if subject not in fits:
            similar = matching.similar_subjects(subject, list(subjects))
            fits[subject] = {y for folded, _ in similar for y in subjects[folded]}
        if any(y is None or year is None or abs(y - year) <= 1 for y in fits[subject]):
            keys.add(tuple(key))
    return keys
