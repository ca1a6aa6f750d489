"""Read a stored document back as the ExtractedDocument that was loaded (round trip)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from pipeline.store import models as m
from schemas import (
    AgencyMention,
    Assignment,
    Award,
    Block,
    Conversion,
    DocumentMeta,
    ExtractedDocument,
    Jurisdiction,
    Movement,
    Problem,
    Quantity,
    Reference,
    Section,
    Target,
)

_ITEMS = {
    "references": (m.Citation, Reference),
    "quantities": (m.Quantity, Quantity),
    "targets": (m.Target, Target),
    "assignments": (m.Assignment, Assignment),
    "agencies": (m.AgencyMention, AgencyMention),
    "movements": (m.Movement, Movement),
    "awards": (m.Award, Award),
}


def get_document(conn: Connection, document_id: str) -> ExtractedDocument | None:
    """The document as loaded, items in their original order (None if not stored)."""
    d = conn.execute(select(m.Document).where(m.Document.id == document_id)).one_or_none()
    if d is None:
        return None
    fields = {}
    for name, (model, schema) in _ITEMS.items():
        rows = conn.scalars(select(model.data).where(model.document_id == document_id).order_by(model.ordinal))
        fields[name] = [schema.model_validate(data) for data in rows]
    return ExtractedDocument(
        schema_version=d.schema_version,
        id=d.id,
        source_path=d.path,
        format=d.format,
        size_bytes=d.size_bytes,
        pages=d.pages,
        text=d.text,
        blocks=[Block.model_validate(b) for b in d.blocks],
        conversions=[Conversion.model_validate(c) for c in d.conversions],
        meta=DocumentMeta.model_validate(d.meta),
        sections=_sections(conn, document_id),
        jurisdiction=Jurisdiction.model_validate(d.jurisdiction),
        problems=[Problem.model_validate(p) for p in d.problems],
        extractors=d.extractors,
        **fields,
    )


def _sections(conn: Connection, document_id: str) -> list[Section]:
    rows = conn.execute(select(m.Section).where(m.Section.document_id == document_id).order_by(m.Section.id)).all()
    children: dict[int, list[int]] = {}
    for r in rows:
        if r.parent is not None:
            children.setdefault(r.parent, []).append(r.section_id)
    return [
        Section(
            id=r.section_id,
            parent=r.parent,
            children=children.get(r.section_id, []),
            path=r.path,
            marker=r.marker,
            kind=r.kind,
            role=r.role,
            level=r.level,
            title=r.title,
            heading_span=(r.heading_start, r.heading_end),
            body_span=(r.body_start, r.body_end),
            block=r.block,
        )
        for r in rows
    ]
