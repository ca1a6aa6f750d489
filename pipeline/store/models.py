"""Tables (SQLAlchemy 2.x declarative): one row per document, one table per item kind.

Every item table keeps the columns queries filter on and the span back into
``documents.text``. The whole ExtractedDocument is kept once, compressed, in
``documents.payload``, so a document round-trips exactly (``fetch.get_document``) even
when the schema grows fields the tables lack, without a JSON copy of every item (0003:
that copy was 90 % of an archive's bytes and half of its load time).
Exact decimals are stored as text ("2308.61"): neither SQLite nor JSON keeps a Decimal.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Document(Base):
    """An archived document, keyed by the sha256 of its bytes; ``version_of`` links versions."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(Text, index=True)
    format: Mapped[str] = mapped_column(String(16))
    size_bytes: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int | None] = mapped_column(Integer)
    schema_version: Mapped[str] = mapped_column(String(16))
    version_of: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True, doc="False once a newer version is loaded")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # header (thể thức) fields, flattened for queries
    doc_type: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(32))
    symbol: Mapped[str | None] = mapped_column(String(64))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer, doc="issue year, else the year the subject names")
    issuer: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str | None] = mapped_column(Text)
    signer_title: Mapped[str | None] = mapped_column(Text)
    # jurisdiction; where_key is " commune district province " folded, for --where
    province: Mapped[str | None] = mapped_column(String(128))
    district: Mapped[str | None] = mapped_column(String(128))
    commune: Mapped[str | None] = mapped_column(String(128))
    level: Mapped[str | None] = mapped_column(String(32))
    where_key: Mapped[str | None] = mapped_column(Text)
    place_key: Mapped[str | None] = mapped_column(Text, doc="the most specific place, folded ('ba to')")
    # identity learnt from a citation when the archived copy has no number (drafts)
    assigned_number: Mapped[str | None] = mapped_column(String(32))
    assigned_symbol: Mapped[str | None] = mapped_column(String(64))
    assigned_date: Mapped[dt.date | None] = mapped_column(Date)
    assigned_by: Mapped[int | None] = mapped_column(Integer, doc="citations.id that taught the number")
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary, doc="the ExtractedDocument, JSON, zlib (payload.py)")
    resolution_pending: Mapped[bool] = mapped_column(
        Boolean, default=False, doc="loaded without resolving its citations (bulk import resolves at the end)"
    )
    meta: Mapped[dict] = mapped_column(JSON)
    jurisdiction: Mapped[dict] = mapped_column(JSON)
    conversions: Mapped[list] = mapped_column(JSON)
    problems: Mapped[list] = mapped_column(JSON)
    extractors: Mapped[dict] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_documents_type_year", "doc_type", "year"),
        Index("ix_documents_type_where", "doc_type", "where_key"),  # 0002
        Index("ix_documents_place_key", "place_key"),  # 0002
        Index("ix_documents_where_key", "where_key"),  # 0003: unnumbered copies by place
        Index("ix_documents_resolution_pending", "resolution_pending"),  # 0003
    )


class Identity(Base):
    """A way to name a document: its own header number, or one a citation taught us."""

    __tablename__ = "identities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16), doc="header | citation")
    key: Mapped[str] = mapped_column(Text, index=True)
    doc_type: Mapped[str | None] = mapped_column(String(64))
    number_norm: Mapped[str] = mapped_column(String(32))
    symbol: Mapped[str] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    issuer_key: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    citation_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_identities_number_symbol", "number_norm", "symbol"),)


class Section(Base):
    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(Integer)
    parent: Mapped[int | None] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    marker: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    heading_start: Mapped[int] = mapped_column(Integer)
    heading_end: Mapped[int] = mapped_column(Integer)
    body_start: Mapped[int] = mapped_column(Integer)
    body_end: Mapped[int] = mapped_column(Integer)
    block: Mapped[int | None] = mapped_column(Integer)


class Chunk(Base):
    """A section-level stretch of text for full-text search; ``folded`` has no diacritics.

    The accented words are ``documents.text[start:end]`` (folding keeps offsets).
    """

    __tablename__ = "chunks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    section: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    folded: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_chunks_id_document", "id", "document_id"),)  # 0003: search groups by document


class Stub(Base):
    """A cited document absent from the archive: what the citations say about it."""

    __tablename__ = "stubs"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    doc_type: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(32))
    number_norm: Mapped[str | None] = mapped_column(String(32))
    symbol: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    # kept by resolution (0003): unmatched citations pointing here, and their documents
    citations: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    citing_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        Index("ix_stubs_number_symbol", "number_norm", "symbol"),
        Index("ix_stubs_rank", "citing_documents", "citations"),  # 0003: `missing`, most-cited first
    )


class _Item:
    """Columns every extracted item has: owner, order, exact words, span, location, JSON."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    block: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    extractor: Mapped[str | None] = mapped_column(String(32))


class Citation(_Item, Base):
    """A reference from a document to another, and where resolution led it."""

    __tablename__ = "citations"
    doc_type: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(32))
    number_norm: Mapped[str | None] = mapped_column(String(32))
    symbol: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer, doc="symbol year, else the date's year")
    symbol_year: Mapped[int | None] = mapped_column(Integer, doc="the year inside the symbol (98/2023/NĐ-CP)")
    date: Mapped[dt.date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(Text)
    issuer_resolved: Mapped[str | None] = mapped_column(Text)
    issuer_key: Mapped[str | None] = mapped_column(Text, doc="keys.issuer_key of the resolved (or written) issuer")
    cited_place: Mapped[str | None] = mapped_column(Text, doc="place the cited document belongs to, folded")
    subject: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(32))
    sentence: Mapped[str | None] = mapped_column(Text, doc="the citing sentence (sentences.py), for cited-by")
    key: Mapped[str] = mapped_column(Text, index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    resolved_doc_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    method: Mapped[str | None] = mapped_column(String(16))
    confidence: Mapped[float | None] = mapped_column(Float)
    stub_key: Mapped[str | None] = mapped_column(ForeignKey("stubs.key", ondelete="SET NULL"), index=True)

    __table_args__ = (
        Index("ix_citations_number_symbol", "number_norm", "symbol"),
        Index("ix_citations_status_stub", "status", "stub_key", "document_id"),  # 0002: `missing`
        Index("ix_citations_cited_place", "cited_place", "doc_type"),  # 0002: late arrivals
    )


class CitationCandidate(Base):
    """A ranked candidate for an ambiguous (or resolved) citation."""

    __tablename__ = "citation_candidates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    citation_id: Mapped[int] = mapped_column(ForeignKey("citations.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16))


class Quantity(_Item, Base):
    __tablename__ = "quantities"
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    value_max: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))
    unit_canonical: Mapped[str | None] = mapped_column(String(64))
    value_canonical: Mapped[str | None] = mapped_column(String(64))
    comparator: Mapped[str] = mapped_column(String(16))


class IndicatorName(Base):
    """A distinct indicator name, folded: --indicator scans these few rows, not every target."""

    __tablename__ = "indicator_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    folded: Mapped[str] = mapped_column(Text, unique=True)


class Target(_Item, Base):
    """A chỉ tiêu or a reported figure; ``indicator_name_id`` serves --indicator matching."""

    __tablename__ = "targets"
    indicator: Mapped[str] = mapped_column(Text)
    indicator_key: Mapped[str | None] = mapped_column(Text)
    indicator_name_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_names.id", name="fk_targets_indicator_name_id"), index=True
    )
    role: Mapped[str] = mapped_column(String(32))
    year: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(String(64))
    value_max: Mapped[str | None] = mapped_column(String(64))
    unit: Mapped[str | None] = mapped_column(String(64))
    unit_canonical: Mapped[str | None] = mapped_column(String(64))
    value_canonical: Mapped[str | None] = mapped_column(String(64))
    comparator: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str | None] = mapped_column(String(16))
    period: Mapped[str | None] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(Text)


class Assignment(_Item, Base):
    __tablename__ = "assignments"
    lead: Mapped[str | None] = mapped_column(Text)
    lead_canonical: Mapped[str | None] = mapped_column(Text)
    cooperating: Mapped[list] = mapped_column(JSON)
    deadline: Mapped[str | None] = mapped_column(Text)
    deadline_date: Mapped[dt.date | None] = mapped_column(Date)
    task: Mapped[str | None] = mapped_column(Text)


class AgencyName(Base):
    """A distinct agency name, folded: --agency scans these few rows, not every assignment."""

    __tablename__ = "agency_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    folded: Mapped[str] = mapped_column(Text, unique=True)


class AssignmentAgency(Base):
    """One agency named by an assignment, as lead or cooperating (for --agency)."""

    __tablename__ = "assignment_agencies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), doc="lead | cooperating")
    name: Mapped[str] = mapped_column(Text)
    agency_name_id: Mapped[int] = mapped_column(
        ForeignKey("agency_names.id", name="fk_assignment_agencies_agency_name_id"), index=True
    )


class AgencyMention(_Item, Base):
    __tablename__ = "agency_mentions"
    canonical: Mapped[str] = mapped_column(Text)
    agency_id: Mapped[str | None] = mapped_column(String(128))


class Movement(_Item, Base):
    __tablename__ = "movements"
    name: Mapped[str] = mapped_column(Text)
    launched_by: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(Text)


class Award(_Item, Base):
    __tablename__ = "awards"
    level: Mapped[str | None] = mapped_column(String(32))
    form: Mapped[str | None] = mapped_column(Text)
    collectives: Mapped[int | None] = mapped_column(Integer)
    individuals: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)


class Quarantine(Base):
    """A file that could not be imported: bad input is recorded, never retried."""

    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    path: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    times_seen: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (UniqueConstraint("path", "hash", name="uq_quarantine_path_hash"),)


class ImportRun(Base):
    """One bulk import: what it found and did (filled by flows/)."""

    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")
    roots: Mapped[list] = mapped_column(JSON, default=list)
    found: Mapped[int] = mapped_column(Integer, default=0)
    imported: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    new_versions: Mapped[int] = mapped_column(Integer, default=0)
    quarantined: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float | None] = mapped_column(Float)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


ITEM_TABLES = (Citation, Quantity, Target, Assignment, AgencyMention, Movement, Award)
