"""Read a stored document back as the ExtractedDocument that was loaded (round trip)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from pipeline.store import models as m
from pipeline.store import payload
from schemas import ExtractedDocument


def get_document(conn: Connection, document_id: str) -> ExtractedDocument | None:
    """The document as loaded, items in their original order (None if not stored)."""
    blob = conn.scalar(select(m.Document.payload).where(m.Document.id == document_id))
    return None if blob is None else payload.decode(blob)
