"""URL-level store verbs for flows/ and the CLI: each opens what it needs and maps errors.

Database trouble that may pass (locked, connection refused, serialization failure)
becomes ``TransientStoreError`` so Prefect tasks retry it; other database errors become
``StoreError`` with one readable line. Loading is idempotent, so a retried batch is safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from pipeline.errors import StoreError, TransientStoreError
from pipeline.store import db, exports, load, resolve, runs
from pipeline.store import models as m
from pipeline.store.db import make_engine, resolve_url, writing
from pipeline.store.migrate import ensure_schema

#: Hashes checked per query by ``known_hashes`` (bound-parameter limits).
HASH_BATCH = 500
#: Pauses before retrying a transaction that failed transiently.
RETRY_DELAYS_S = (0.5, 2.0, 5.0)

T = TypeVar("T")
#: LoadResult.status -> the import summary's counter.
_SUMMARY_KEY = {"imported": "imported", "unchanged": "unchanged", "new-version": "new_versions"}


#: One engine (connection pool) per URL and process: engines are meant to live long.
_ENGINES: dict[str, Engine] = {}


def engine_for(url: str | None = None) -> Engine:
    """The engine for ``url``, created once per process with the schema brought to head."""
    resolved = resolve_url(url)
    engine = _ENGINES.get(resolved)
    if engine is None:
        engine = make_engine(resolved)
        with translate_errors(engine):
            ensure_schema(engine)
        _ENGINES[resolved] = engine
    return engine


def close_all() -> None:
    """Dispose every engine (tests that drop databases, process shutdown)."""
    while _ENGINES:
        _ENGINES.popitem()[1].dispose()


@contextmanager
def translate_errors(engine: Engine | None = None) -> Iterator[None]:
    """Turn SQLAlchemy exceptions into StoreError / TransientStoreError (one line each)."""
    where = engine.url.render_as_string(hide_password=True) if engine is not None else "database"
    try:
        yield
    except OperationalError as e:
        raise TransientStoreError(f"{where}: {_first_line(e)}") from e
    except DBAPIError as e:
        if getattr(e.orig, "sqlstate", None) in ("40001", "40P01"):  # serialization failure, deadlock
            raise TransientStoreError(f"{where}: {_first_line(e)}") from e
        raise StoreError(f"{where}: {_first_line(e)}") from e
    except SQLAlchemyError as e:
        raise StoreError(f"{where}: {_first_line(e)}") from e


def _first_line(e: Exception) -> str:
    text = str(getattr(e, "orig", None) or e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


@contextmanager
def reading(url: str | None = None) -> Iterator[Connection]:
    """A connection for queries, with database errors translated."""
    engine = engine_for(url)
    with translate_errors(engine), engine.connect() as conn:
        yield conn


def prepare(url: str | None = None) -> None:
    """Create or upgrade the schema before an import."""
    engine_for(url)


def known_hashes(url: str | None, hashes: list[str]) -> set[str]:
    """Which of these content hashes are already archived (checked before parsing)."""
    found: set[str] = set()
    with reading(url) as conn:
        for i in range(0, len(hashes), HASH_BATCH):
            chunk = hashes[i : i + HASH_BATCH]
            found.update(conn.scalars(select(m.Document.id).where(m.Document.id.in_(chunk))))
    return found


def load_outcomes(url: str | None, outcomes: Iterable, *, resolve: bool = True) -> dict[str, int]:
    """Load parsed documents (one transaction each) and quarantine the rest; returns counts.

    ``outcomes`` are ``pipeline.importer.Outcome``: a document, or a reason it was refused
    (a generator's are loaded one by one as it yields them).
    With ``resolve=False`` references wait for ``resolve_pending`` (bulk imports). A
    transaction that fails for a passing reason is retried on its own, a few times.
    """
    engine = engine_for(url)
    counts = {"imported": 0, "unchanged": 0, "new_versions": 0, "quarantined": 0, "failed": 0}
    for o in outcomes:
        if o.document is not None:
            result = _retrying(engine, lambda d=o.document: load.load_document(engine, d, resolve_citations=resolve))
            counts[_SUMMARY_KEY[result.status]] += 1
        else:
            _retrying(
                engine, lambda o=o: runs.record_quarantine(engine, o.path, o.sha256, o.reason or "failed", o.detail)
            )
            counts["failed" if o.failed else "quarantined"] += 1
    return counts


def _retrying(engine: Engine, fn: Callable[[], T]) -> T:
    """Run one transaction, again after a pause when it failed transiently (lock, lost connection)."""
    for delay in (*RETRY_DELAYS_S, None):
        try:
            with translate_errors(engine):
                return fn()
        except TransientStoreError:
            if delay is None:
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def known_bad_hashes(url: str | None, hashes: list[str]) -> dict[str, str]:
    """Hashes quarantined before for a reason that will not change ({hash: reason})."""
    found: dict[str, str] = {}
    with reading(url) as conn:
        for i in range(0, len(hashes), HASH_BATCH):
            found.update(runs.deterministic_quarantine(conn, hashes[i : i + HASH_BATCH]))
    return found


def record_quarantine(url: str | None, path: str, file_hash: str, reason: str, detail: str | None = None) -> None:
    """Record (again) a file refused for ``reason``."""
    engine = engine_for(url)
    with translate_errors(engine):
        runs.record_quarantine(engine, path, file_hash, reason, detail)


def resolve_pending(url: str | None = None) -> dict[str, int]:
    """Resolve the references of documents loaded with ``resolve=False``; counts per outcome."""
    engine = engine_for(url)
    with translate_errors(engine):
        return resolve.resolve_pending(engine)


def reference_statuses(url: str | None, document_ids: list[str]) -> dict[str, int]:
    """How the references of these documents were resolved: {status: count}."""
    counts: dict[str, int] = {}
    with reading(url) as conn:
        for i in range(0, len(document_ids), HASH_BATCH):
            chunk = document_ids[i : i + HASH_BATCH]
            for status, n in conn.execute(
                select(m.Citation.status, func.count())
                .where(m.Citation.document_id.in_(chunk))
                .group_by(m.Citation.status)
            ):
                counts[status] = counts.get(status, 0) + n
    return dict(sorted(counts.items()))


def refresh_statistics(url: str | None = None) -> None:
    """Let the query planner see the archive as it is now (after a bulk import)."""
    engine = engine_for(url)
    with translate_errors(engine):
        db.refresh_statistics(engine)


def load_documents(url: str | None, documents: list) -> list[load.LoadResult]:
    """Load ExtractedDocuments one transaction each (the CLI's ``vanban load``)."""
    engine = engine_for(url)
    with translate_errors(engine):
        return [load.load_document(engine, d) for d in documents]


def record_run(url: str | None, roots: list[str], summary: dict) -> int:
    """Store one import run's summary; returns its id."""
    engine = engine_for(url)
    columns = ("found", "imported", "unchanged", "new_versions", "quarantined", "failed", "seconds")
    with translate_errors(engine):
        run_id = runs.start_run(engine, roots)
        runs.finish_run(engine, run_id, **{k: summary[k] for k in columns if k in summary},
                        detail={k: v for k, v in summary.items() if k not in columns})  # fmt: skip
    return run_id


def resolve_all(url: str | None = None, *, only_open: bool = True) -> dict[str, int]:
    """Re-run reference resolution over the archive; returns counts per outcome."""
    engine = engine_for(url)
    with translate_errors(engine), writing(engine) as conn:
        return resolve.resolve_all(conn, only_open=only_open)


def export(url: str | None, what: str, fmt: str, dest: Path) -> Path:
    """Write an export table (targets, references, assignments) to ``dest``."""
    with reading(url) as conn:
        exports.export(conn, what, fmt, dest)
    return Path(dest)


def quarantine_rows(url: str | None = None) -> list[dict]:
    """Quarantined files with reasons, most recent first."""
    with reading(url) as conn:
        return runs.quarantined(conn)
