"""Prefect flows for bulk work: import an archive, re-resolve references, export.

The flow bodies read like a table of contents: discover → skip known hashes → parse in
batches (bounded concurrency on the chosen task runner) → load one transaction per
document → summarise. Parsing and loading live in ``pipeline``; nothing here inspects a
document's content.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from pipeline import importer
from pipeline.errors import TransientStoreError
from pipeline.importer import Candidate, ImportSummary, Outcome

#: Files per parse task: large enough to amortise Prefect's per-task cost (~20 ms),
#: small enough to keep every worker busy and the progress bar moving.
DEFAULT_BATCH = 16


def make_task_runner(runner: str = "local", workers: int | None = None, dask_address: str | None = None,
                     processes: bool = True) -> TaskRunner:  # fmt: skip
    """Local process (or thread) pool sized to the cores, or an existing Dask cluster."""
    workers = workers or os.cpu_count() or 1
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    if processes and workers > 1:
        return ProcessPoolTaskRunner(max_workers=workers)
    return ThreadPoolTaskRunner(max_workers=workers)


@task(name="hash-files")
def hash_files(paths: list[str]) -> list[Candidate]:
    return [importer.hash_file(p) for p in paths]


@task(name="known-hashes", retries=3, retry_delay_seconds=[1, 4, 10],
      retry_condition_fn=lambda t, r, s: _is_transient(s))  # fmt: skip
def known_hashes(db_url: str, hashes: list[str]) -> set[str]:
    from pipeline.store import api

    return api.known_hashes(db_url, hashes)


@task(name="parse-batch")
def parse_batch(batch: list[Candidate], timeout: float | None) -> list[Outcome]:
    return importer.process_batch(batch, timeout)


@task(name="load-batch", retries=3, retry_delay_seconds=[1, 4, 10],
      retry_condition_fn=lambda t, r, s: _is_transient(s))  # fmt: skip
def load_batch(db_url: str, outcomes: list[Outcome]) -> dict[str, int]:
    """Load parsed documents (one transaction each) and record quarantined files."""
    from pipeline.store import api

    return api.load_outcomes(db_url, outcomes)


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
                   exclude: list[str] | None = None, batch_size: int = DEFAULT_BATCH,
                   timeout: float | None = importer.DEFAULT_FILE_TIMEOUT_S) -> dict:  # fmt: skip
    """Import every supported file under ``paths`` into ``db_url``; returns the summary."""
    from pipeline.store import api

    started = time.perf_counter()
    api.prepare(db_url)
    files = importer.discover(paths, include or [], exclude or [])
    summary = ImportSummary(found=len(files))
    candidates = hash_files([str(p) for p in files])
    known = known_hashes(db_url, [c.sha256 for c in candidates])
    todo = []
    seen: set[str] = set()
    for c in candidates:
        if c.sha256 in known or c.sha256 in seen:  # already archived, or a duplicate in this run
            summary.unchanged += 1
        else:
            seen.add(c.sha256)
            todo.append(c)
    _report(summary, total=len(files))
    futures = [parse_batch.submit(b, timeout) for b in importer.batched(todo, batch_size)]
    for fut in futures:
        outcomes = fut.result()
        counts = load_batch(db_url, outcomes)
        for key, n in counts.items():
            setattr(summary, key, getattr(summary, key) + n)
        summary.bytes += sum(o.size for o in outcomes if o.document is not None)
        summary.errors += [f"{o.path}: {o.reason}: {o.detail}" for o in outcomes if o.reason]
        _report(summary, total=len(files))
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
