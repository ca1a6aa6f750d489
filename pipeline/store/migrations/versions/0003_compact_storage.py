"""Compact storage and archive-scale query tables.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

- ``documents.payload``: the whole ExtractedDocument once, compressed, replaces the JSON
  copy of every item (``*.data``), the blocks column and the chunk text (90 % of an
  archive's bytes at 0002). Existing documents get their payload built from those columns.
- ``indicator_names`` / ``agency_names``: distinct folded names, so --indicator and
  --agency scan a few thousand names instead of every target or assignment.
- ``stubs.citations`` / ``stubs.citing_documents``: counts kept by resolution, so
  ``missing`` reads a ranked index instead of grouping every unmatched citation.
- ``documents.resolution_pending``: documents a bulk import loaded without resolving yet.
- ``ix_chunks_id_document``: full-text matches find their document without reading chunk rows.
- ``citations.sentence``: the citing sentence, cut at load time, so ``cited-by`` reads no
  document text.
"""

from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# item table -> the ExtractedDocument field its ``data`` column held
_ITEMS = {
    "citations": "references",
    "quantities": "quantities",
    "targets": "targets",
    "assignments": "assignments",
    "agency_mentions": "agencies",
    "movements": "movements",
    "awards": "awards",
}
_SECTION_COLUMNS = "section_id, parent, path, marker, kind, role, level, title, heading_start, heading_end, " \
    "body_start, body_end, block"  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "indicator_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("folded"),
    )
    op.create_table(
        "agency_names",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("folded"),
    )
    op.add_column("documents", sa.Column("payload", sa.LargeBinary(), nullable=True))
    op.add_column("documents", sa.Column("resolution_pending", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("stubs", sa.Column("citations", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("stubs", sa.Column("citing_documents", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("targets", sa.Column("indicator_name_id", sa.Integer(), nullable=True))
    op.add_column("assignment_agencies", sa.Column("agency_name_id", sa.Integer(), nullable=True))
    op.add_column("citations", sa.Column("sentence", sa.Text(), nullable=True))

    _fill_names("targets", "indicator_folded", "indicator_names", "indicator_name_id")
    _fill_names("assignment_agencies", "folded", "agency_names", "agency_name_id")
    op.execute(
        "UPDATE stubs SET citations = (SELECT count(*) FROM citations c WHERE c.stub_key = stubs.key "
        "AND c.status = 'unmatched'), citing_documents = (SELECT count(DISTINCT c.document_id) FROM citations c "
        "WHERE c.stub_key = stubs.key AND c.status = 'unmatched')"
    )
    _fill_payloads()
    _fill_sentences()

    for table in _ITEMS:
        _drop_column(table, "data")
    _drop_column("documents", "blocks")
    _drop_column("chunks", "text")
    _drop_column("targets", "indicator_folded")
    _drop_column("assignment_agencies", "folded")
    _create_foreign_keys()
    op.create_index("ix_targets_indicator_name_id", "targets", ["indicator_name_id"])
    op.create_index("ix_assignment_agencies_agency_name_id", "assignment_agencies", ["agency_name_id"])
    op.create_index("ix_stubs_rank", "stubs", ["citing_documents", "citations"])
    op.create_index("ix_documents_where_key", "documents", ["where_key"])
    op.create_index("ix_documents_resolution_pending", "documents", ["resolution_pending"])
    # search groups thousands of matching chunks by document: read ids off this, not the wide rows
    op.create_index("ix_chunks_id_document", "chunks", ["id", "document_id"])


def _fill_names(table: str, folded_column: str, names_table: str, id_column: str) -> None:
    """Distinct folded names into ``names_table`` (words only, as the loader writes them)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {folded_column} FROM {table}")).all()
    folded = {row_id: " ".join(_words(value)) for row_id, value in rows}
    if not folded:
        return
    bind.execute(
        sa.text(f"INSERT INTO {names_table} (folded) VALUES (:f)"), [{"f": f} for f in sorted(set(folded.values()))]
    )
    ids = dict(bind.execute(sa.text(f"SELECT folded, id FROM {names_table}")).all())
    bind.execute(
        sa.text(f"UPDATE {table} SET {id_column} = :n WHERE id = :i"),
        [{"n": ids[f], "i": row_id} for row_id, f in folded.items()],
    )


def _words(folded: str) -> list[str]:
    import re

    return re.findall(r"\w+", folded)


def _fill_payloads() -> None:
    """Each document's ExtractedDocument JSON, from the columns this revision drops."""
    bind = op.get_bind()
    documents = bind.execute(
        sa.text(
            "SELECT id, path, format, size_bytes, pages, schema_version, text, meta, jurisdiction, blocks, "
            "conversions, problems, extractors FROM documents"
        )
    ).all()
    for d in documents:
        doc = {
            "schema_version": d.schema_version,
            "id": d.id,
            "source_path": d.path,
            "format": d.format,
            "size_bytes": d.size_bytes,
            "pages": d.pages,
            "text": d.text,
            "blocks": _json(d.blocks),
            "conversions": _json(d.conversions),
            "meta": _json(d.meta),
            "sections": _sections(bind, d.id),
            "jurisdiction": _json(d.jurisdiction),
            "problems": _json(d.problems),
            "extractors": _json(d.extractors),
        }
        for table, field in _ITEMS.items():
            rows = bind.execute(
                sa.text(f"SELECT data FROM {table} WHERE document_id = :d ORDER BY ordinal"), {"d": d.id}
            ).scalars()
            doc[field] = [_json(r) for r in rows]
        blob = zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
        bind.execute(sa.text("UPDATE documents SET payload = :p WHERE id = :d"), {"p": blob, "d": d.id})


def _fill_sentences() -> None:
    """Each citation's sentence, cut from its document's text."""
    from pipeline.store.sentences import citing_sentence

    bind = op.get_bind()
    for doc_id, text in bind.execute(sa.text("SELECT id, text FROM documents")).all():
        rows = bind.execute(
            sa.text("SELECT id, span_start, span_end FROM citations WHERE document_id = :d"), {"d": doc_id}
        ).all()
        if rows:
            bind.execute(
                sa.text("UPDATE citations SET sentence = :s WHERE id = :i"),
                [{"s": citing_sentence(text, r.span_start, r.span_end), "i": r.id} for r in rows],
            )


def _sections(bind, document_id: str) -> list[dict]:
    rows = bind.execute(
        sa.text(f"SELECT {_SECTION_COLUMNS} FROM sections WHERE document_id = :d ORDER BY id"), {"d": document_id}
    ).all()
    children: dict[int, list[int]] = {}
    for r in rows:
        if r.parent is not None:
            children.setdefault(r.parent, []).append(r.section_id)
    return [
        {"id": r.section_id, "parent": r.parent, "children": children.get(r.section_id, []), "path": r.path,
         "marker": r.marker, "kind": r.kind, "role": r.role, "level": r.level, "title": r.title,
         "heading_span": [r.heading_start, r.heading_end], "body_span": [r.body_start, r.body_end], "block": r.block}
        for r in rows
    ]  # fmt: skip


def _json(value):
    """JSON columns come back parsed on some drivers and as text on others."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _drop_column(table: str, column: str) -> None:
    """Plain ALTER TABLE … DROP COLUMN: SQLite ≥ 3.35 has it, and a table copy would drop FTS triggers."""
    op.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')


def _create_foreign_keys() -> None:
    """The name ids become required references (a table copy on SQLite; these tables have no triggers)."""
    for table, column, names in (("targets", "indicator_name_id", "indicator_names"),
                                 ("assignment_agencies", "agency_name_id", "agency_names")):  # fmt: skip
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.alter_column(column, existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(f"fk_{table}_{column}", names, [column], ["id"])


def downgrade() -> None:
    raise NotImplementedError("0003 compacts documents into payloads; restore a backup to go back to 0002")
