"""Full-text search over chunks (SQLite FTS5 / PostgreSQL unaccent + tsvector) and query indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The indexed text is ``chunks.folded`` (lowercase, no diacritics, đ → d): FTS5's
``remove_diacritics 2`` does not fold "đ", and folding in one place keeps both backends'
answers identical. Existing chunks are indexed during the upgrade.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SQLITE = [
    "CREATE VIRTUAL TABLE chunks_fts USING fts5(folded, content='chunks', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER chunks_fts_ai AFTER INSERT ON chunks BEGIN "
    "INSERT INTO chunks_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER chunks_fts_ad AFTER DELETE ON chunks BEGIN "
    "INSERT INTO chunks_fts(chunks_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER chunks_fts_au AFTER UPDATE ON chunks BEGIN "
    "INSERT INTO chunks_fts(chunks_fts, rowid, folded) VALUES ('delete', old.id, old.folded); "
    "INSERT INTO chunks_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')",
]
_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE chunks ADD COLUMN tsv tsvector",
    "CREATE FUNCTION vanban_chunks_tsv() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "NEW.tsv := to_tsvector('simple', unaccent(coalesce(NEW.folded, ''))); RETURN NEW; END $$",
    "CREATE TRIGGER chunks_tsv BEFORE INSERT OR UPDATE OF folded ON chunks "
    "FOR EACH ROW EXECUTE FUNCTION vanban_chunks_tsv()",
    "UPDATE chunks SET tsv = to_tsvector('simple', unaccent(coalesce(folded, '')))",
    "CREATE INDEX ix_chunks_tsv ON chunks USING GIN (tsv)",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _POSTGRES:
        op.execute(statement)
    op.create_index("ix_documents_type_where", "documents", ["doc_type", "where_key"])
    op.create_index("ix_documents_place_key", "documents", ["place_key"])
    op.create_index("ix_citations_cited_place", "citations", ["cited_place", "doc_type"])
    op.create_index("ix_citations_status_stub", "citations", ["status", "stub_key", "document_id"])


def downgrade() -> None:
    op.drop_index("ix_citations_status_stub", table_name="citations")
    op.drop_index("ix_citations_cited_place", table_name="citations")
    op.drop_index("ix_documents_place_key", table_name="documents")
    op.drop_index("ix_documents_type_where", table_name="documents")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("chunks_fts_ai", "chunks_fts_ad", "chunks_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS chunks_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS chunks_tsv ON chunks")
        op.execute("DROP FUNCTION IF EXISTS vanban_chunks_tsv()")
        op.execute("DROP INDEX IF EXISTS ix_chunks_tsv")
        op.execute("ALTER TABLE chunks DROP COLUMN IF EXISTS tsv")
