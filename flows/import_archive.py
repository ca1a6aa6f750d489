"""Prefect flows for bulk work: import an archive, re-resolve references, export.

The flow bodies read like a table of contents: discover → skip known hashes → read,
extract and load in batches (bounded concurrency on the chosen task runner, one
transaction per document, written by the worker that parsed it) → resolve references of
the new documents → summarise. Parsing and loading live in ``pipeline``; nothing here
inspects a document's content. The database is the only state workers share.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.futures import as_completed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from pipeline import importer
from pipeline.errors import TransientStoreError
from pipeline.importer import BatchReport, Candidate, ImportSummary


def make_task_runner(runner: str = "local", workers: int | None = None, dask_address: str | None = None,
                     processes: bool = True) -> TaskRunner:  # fmt: skip
    """Local process (or thread) pool sized to the cores, or an existing Dask cluster.

    Processes even for one worker: parsing is CPU-bound (threads share one core through
    the GIL), and the per-file timeout needs a process's main thread (SIGALRM), which
    thread pools and Dask's worker threads do not offer.
    """
    workers = workers or os.cpu_count() or 1
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                              "preload": ["flows.dask_worker"], "config": _local_worker_config()})  # fmt: skip
    if processes:
        return ProcessPoolTaskRunner(max_workers=workers, initializer=importer.prepare_worker)
    return ThreadPoolTaskRunner(max_workers=workers)


def _local_worker_config() -> dict:
    """Dask's configuration for the workers of our own local cluster, without its profiler.

    Each worker samples every thread's stack every 10 ms for the dashboard's profile; on
    two cores that took ~3.5 % of an import (33.1 vs 34.3 s for 600 files, twice each).
    The nanny merges this dict shallowly over the defaults, so it is a whole copy.
    """
    import dask

    config = copy.deepcopy(dask.config.config)
    config.setdefault("distributed", {}).setdefault("worker", {}).setdefault("profile", {})["enabled"] = False
    return config


@task(name="hash-files")
def hash_files(paths: list[str]) -> list[Candidate]:
    return [importer.hash_file(p) for p in paths]


@task(name="known-hashes", retries=3, retry_delay_seconds=[1, 4, 10],
      retry_condition_fn=lambda t, r, s: _is_transient(s))  # fmt: skip
def known_hashes(db_url: str, hashes: list[str]) -> tuple[set[str], dict[str, str]]:
    """Hashes already archived, and hashes already quarantined for a reason that will not change."""
    from pipeline.store import api

    return api.known_hashes(db_url, hashes), api.known_bad_hashes(db_url, hashes)


@task(name="import-batch", retries=3, retry_delay_seconds=[1, 4, 10],
      retry_condition_fn=lambda t, r, s: _is_transient(s))  # fmt: skip
def import_batch(db_url: str, batch: list[Candidate], timeout: float | None) -> BatchReport:
    """Read, extract and load a batch where it runs: only counts travel back, never documents.

    Loading leaves resolution to ``resolve_new`` (several workers may load at once, and
    none can see what another has not committed yet).
    """
    return importer.import_batch(db_url, batch, timeout)


@task(name="resolve-new", retries=3, retry_delay_seconds=[1, 4, 10],
      retry_condition_fn=lambda t, r, s: _is_transient(s))  # fmt: skip
def resolve_new(db_url: str) -> dict[str, int]:
    """Resolve the references of every document loaded but not yet resolved.

    Once, after every batch is in: documents are settled in id order, so the answers
    depend on what the archive holds, not on which worker finished first (resolving while
    workers still load would let an unnumbered copy learn its number from whichever
    citation happened to be settled first).
    """
    from pipeline.store import api

    return api.resolve_pending(db_url)


@task(name="refresh-statistics")
def refresh_statistics(db_url: str) -> None:
    from pipeline.store import api

    api.refresh_statistics(db_url)


def _is_transient(state) -> bool:
    try:
        state.result()
    except TransientStoreError:
        return True
    except Exception:  # noqa: BLE001 - anything else is not worth retrying
        return False
    return False


@flow(name="import-archive", log_prints=False)
def import_archive(paths: list[str], db_url: str, include: list[str] | None = None,
                   exclude: list[str] | None = None, batch_size: int | None = None,
                   timeout: float | None = importer.DEFAULT_FILE_TIMEOUT_S) -> dict:  # fmt: skip
    """Import every supported file under ``paths`` into ``db_url``; returns the summary.

    ``batch_size`` files go to each task (default: ``importer.plan_batches`` for the cores).
    """
    from pipeline.store import api

    started = time.perf_counter()
    api.prepare(db_url)
    files = importer.discover(paths, include or [], exclude or [])
    summary = ImportSummary(found=len(files))
    candidates = hash_files([str(p) for p in files])
    known, bad = known_hashes(db_url, [c.sha256 for c in candidates])
    todo, seen = [], set()
    for c in candidates:
        if c.sha256 in known or c.sha256 in seen:  # already archived, or a duplicate in this run
            summary.unchanged += 1
        elif c.sha256 in bad:  # refused before for a reason that does not change: not parsed again
            api.record_quarantine(db_url, c.path, c.sha256, bad[c.sha256])
            summary.quarantined += 1
            summary.errors.append(f"{c.path}: {bad[c.sha256]} (quarantined before)")
        else:
            seen.add(c.sha256)
            todo.append(c)
    _report(summary, total=len(files))
    batches = importer.plan_batches(todo, os.cpu_count() or 1, batch_size)
    futures = [import_batch.submit(db_url, b, timeout) for b in batches]
    for fut in as_completed(futures):
        summary.add(fut.result())
        _report(summary, total=len(files))
    resolve_new(db_url)  # this run's documents, and whatever an interrupted run left pending
    refresh_statistics(db_url)
    summary.references = api.reference_statuses(db_url, summary.documents)
    summary.seconds = time.perf_counter() - started
    api.record_run(db_url, [str(p) for p in paths], summary.as_dict())
    return {**summary.as_dict(), "errors": summary.errors}


#: Set by the CLI to drive its progress bar (a flow parameter must be JSON-serialisable).
PROGRESS_HOOK: Callable[[dict], None] | None = None


def _report(summary: ImportSummary, total: int) -> None:
    progress = PROGRESS_HOOK
    if progress is not None:
        done = summary.imported + summary.unchanged + summary.new_versions + summary.quarantined + summary.failed
        progress({"done": done, "total": total, "quarantined": summary.quarantined})


@flow(name="resolve-references", log_prints=False)
def resolve_references(db_url: str) -> dict:
    """Re-run reference resolution over the whole archive (after a large import)."""
    from pipeline.store import api

    return api.resolve_all(db_url)


@flow(name="export", log_prints=False)
def export(db_url: str, what: str, format: str, dest: str) -> str:
    """Export targets, references or assignments for scoring tools (CSV, JSON, Parquet)."""
    from pipeline.store import api

    return str(api.export(db_url, what, format, Path(dest)))
