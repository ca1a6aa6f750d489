"""Bookkeeping for bulk imports: the quarantine of bad files and the import-run log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, insert, select, update

from pipeline.store import models as m
from pipeline.store.db import writing


def record_quarantine(engine: Engine, path: str, file_hash: str, reason: str, detail: str | None = None) -> None:
    """Record (or re-record) a file that cannot be imported; never raises for a repeat."""
    now = dt.datetime.now(dt.UTC)
    with writing(engine) as conn:
        row = conn.execute(
            select(m.Quarantine.id).where(m.Quarantine.path == path, m.Quarantine.hash == file_hash)
        ).one_or_none()
        if row is None:
            conn.execute(
                insert(m.Quarantine),
                [
                    {
                        "path": path,
                        "hash": file_hash,
                        "reason": reason,
                        "detail": detail,
                        "first_seen": now,
                        "last_seen": now,
                    }
                ],
            )
        else:
            conn.execute(
                update(m.Quarantine)
                .where(m.Quarantine.id == row.id)
                .values(reason=reason, detail=detail, last_seen=now, times_seen=m.Quarantine.times_seen + 1)
            )


#: Reasons a file will be refused again, unchanged: such files are not parsed twice.
DETERMINISTIC_REASONS = ("unsupported", "corrupt", "encrypted", "empty", "too-large", "timeout")


def deterministic_quarantine(conn: Connection, hashes: list[str]) -> dict[str, str]:
    """{hash: reason} for these hashes quarantined before for a reason that will not change.

    A missing tool (Tesseract, LibreOffice) or a defect in vanban may be fixed, so those
    files are tried again.
    """
    rows = conn.execute(
        select(m.Quarantine.hash, m.Quarantine.reason).where(
            m.Quarantine.hash.in_(hashes), m.Quarantine.reason.in_(DETERMINISTIC_REASONS)
        )
    )
    return dict(rows.all())


def quarantined(conn: Connection) -> list[dict]:
    """Quarantined files, most recently seen first."""
    rows = conn.execute(select(m.Quarantine).order_by(m.Quarantine.last_seen.desc(), m.Quarantine.path)).all()
    return [
        {
            "path": r.path,
            "hash": r.hash,
            "reason": r.reason,
            "detail": r.detail,
            "first_seen": r.first_seen.isoformat(),
            "last_seen": r.last_seen.isoformat(),
            "times_seen": r.times_seen,
        }
        for r in rows
    ]


def start_run(engine: Engine, roots: list[str]) -> int:
    """Open an import-run record; returns its id."""
    with writing(engine) as conn:
        return conn.execute(
            insert(m.ImportRun).values(roots=list(roots), detail={}).returning(m.ImportRun.id)
        ).scalar_one()


def finish_run(engine: Engine, run_id: int, *, status: str = "completed", **counts) -> None:
    """Close an import-run record with its counts (found, imported, unchanged, …, seconds, detail)."""
    with writing(engine) as conn:
        conn.execute(
            update(m.ImportRun)
            .where(m.ImportRun.id == run_id)
            .values(status=status, finished_at=dt.datetime.now(dt.UTC), **counts)
        )
