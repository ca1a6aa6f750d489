"""Distinct folded names (indicators, agencies) shared by many rows, looked up by id.

"--indicator 'giường bệnh'" is a substring match, which no index serves: scanning the few
thousand distinct names and then fetching targets by indexed id keeps it fast at any
archive size, where scanning every target row grows with the archive.
"""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from pipeline.store import models as m

NameModel = type[m.IndicatorName] | type[m.AgencyName]


def name_ids(conn: Connection, model: NameModel, names: set[str]) -> dict[str, int]:
    """Ids of ``names`` in ``model``'s table, inserting the new ones (safe under concurrency)."""
    if not names:
        return {}
    found = dict(conn.execute(select(model.folded, model.id).where(model.folded.in_(names))).all())
    new = sorted(names - found.keys())
    if new:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        # a concurrent loader may add the same name: its row wins, ours is skipped
        conn.execute(
            dialect.insert(model).on_conflict_do_nothing(index_elements=["folded"]), [{"folded": n} for n in new]
        )
        found.update(conn.execute(select(model.folded, model.id).where(model.folded.in_(new))).all())
    return found


def matching_ids(conn: Connection, model: NameModel, pattern: str) -> list[int]:
    """Ids of the names matching a LIKE pattern ('%giuong benh%')."""
    return list(conn.scalars(select(model.id).where(model.folded.like(pattern))))
