"""The store: SQLAlchemy tables, Alembic migrations, loading, resolution, queries, exports.

Nothing else in vanban writes SQL. Typical use::

    engine = connect()                       # vanban.db, or --db / VANBAN_DB_URL
    load_document(engine, process(path))     # one transaction per document
    with engine.connect() as conn:
        rows = cited_by(conn, "Chỉ thị 34-CT/TW")
"""

from __future__ import annotations

from sqlalchemy import Engine

from pipeline.store.db import DEFAULT_URL, make_engine, resolve_url
from pipeline.store.exports import export, export_rows
from pipeline.store.fetch import get_document
from pipeline.store.graph import neighbourhood, to_dot, to_graphml, whole_graph
from pipeline.store.load import LoadResult, is_loaded, load_document
from pipeline.store.migrate import current_revision, ensure_schema, head_revision, upgrade
from pipeline.store.queries import assignments, cited_by, cites, counts, find_document, missing, targets
from pipeline.store.resolve import resolve_all
from pipeline.store.runs import finish_run, quarantined, record_quarantine, start_run
from pipeline.store.search import search


def connect(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``url`` (default: vanban.db), upgraded to the current schema."""
    engine = make_engine(url)
    if migrate:
        ensure_schema(engine)
    return engine


__all__ = [
    "DEFAULT_URL",
    "LoadResult",
    "assignments",
    "cited_by",
    "cites",
    "connect",
    "counts",
    "current_revision",
    "ensure_schema",
    "export",
    "export_rows",
    "find_document",
    "finish_run",
    "get_document",
    "head_revision",
    "is_loaded",
    "load_document",
    "make_engine",
    "missing",
    "neighbourhood",
    "quarantined",
    "record_quarantine",
    "resolve_all",
    "resolve_url",
    "search",
    "start_run",
    "targets",
    "to_dot",
    "to_graphml",
    "upgrade",
    "whole_graph",
]
