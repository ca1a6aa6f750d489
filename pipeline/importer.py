"""Library side of bulk import: discover files, hash them, process one file into an outcome.

Flows (``flows/``) only orchestrate these functions; everything here is plain Python,
testable without Prefect. An outcome is either a parsed document or a quarantine record
(bad input is deterministic: never retried).
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import logging
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError, VanbanError
from pipeline.readers import SUPPORTED_SUFFIXES
from schemas import ExtractedDocument

#: A file taking longer than this to read and extract is stopped and quarantined.
DEFAULT_FILE_TIMEOUT_S = 300
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Candidate:
    """A discovered file: path, size and content hash (computed once, before parsing)."""

    path: str
    size: int
    sha256: str


@dataclass
class Outcome:
    """What processing one file produced: a document, or the reason it was quarantined."""

    path: str
    sha256: str
    size: int
    seconds: float
    document: ExtractedDocument | None = None
    reason: str | None = None  # unsupported | corrupt | encrypted | empty | too-large | timeout | missing-tool
    detail: str | None = None
    failed: bool = False  # a defect in vanban (not bad input): counted apart, still recorded


@dataclass
class BatchReport:
    """What importing one batch did: counts, bytes read, problems (small enough to send back)."""

    counts: dict[str, int]  # imported | unchanged | new_versions | quarantined | failed
    bytes: int
    errors: list[str]
    documents: list[str]  # ids of the documents parsed (new, or loaded by an earlier attempt)


@dataclass
class ImportSummary:
    """Counts reported at the end of an import run."""

    found: int = 0
    imported: int = 0
    unchanged: int = 0
    new_versions: int = 0
    quarantined: int = 0
    failed: int = 0
    seconds: float = 0.0
    bytes: int = 0
    references: dict[str, int] = field(default_factory=dict)  # where the new documents' references led
    errors: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids parsed in this run

    def add(self, batch: BatchReport) -> None:
        for key, n in batch.counts.items():
            setattr(self, key, getattr(self, key) + n)
        self.bytes += batch.bytes
        self.errors += batch.errors
        self.documents += batch.documents

    @property
    def docs_per_s(self) -> float:
        done = self.imported + self.new_versions
        return done / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {"found": self.found, "imported": self.imported, "unchanged": self.unchanged,
                "new_versions": self.new_versions, "quarantined": self.quarantined, "failed": self.failed,
                "seconds": round(self.seconds, 2), "docs_per_s": round(self.docs_per_s, 2),
                "mb_per_s": round(self.mb_per_s, 3), "references": dict(sorted(self.references.items()))}  # fmt: skip


def discover(roots: Iterable[str | Path], include: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[Path]:
    """Supported files under ``roots`` (recursive, sorted), never following links out of a root.

    ``include``/``exclude`` are glob patterns matched against the file name and the path
    relative to its root ("*.pdf", "drafts/*").
    """
    include, exclude = list(include), list(exclude)
    found: dict[str, Path] = {}
    for root in roots:
        root = Path(root)
        if root.is_file():
            found.setdefault(str(root.resolve()), root)
            continue
        real_root = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if p.suffix.lower() not in SUPPORTED_SUFFIXES and not include:
                    continue
                real = p.resolve()
                if not real.is_relative_to(real_root) or not real.is_file():
                    continue  # a symlink pointing outside the root, or a broken one
                rel = str(p.relative_to(root))
                if include and not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in include):
                    continue
                if any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in exclude):
                    continue
                found.setdefault(str(real), p)
    return sorted(found.values(), key=str)


def hash_file(path: str | Path) -> Candidate:
    """sha256 of the file's bytes, streamed (a 200 MB scan is not read into memory here)."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return Candidate(path=str(path), size=size, sha256=h.hexdigest())


class FileTimeoutError(InputError):
    code = "E106"
    reason = "timeout"


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise FileTimeoutError after ``seconds`` (SIGALRM; only in a process's main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _alarm(_sig, _frame):
        raise FileTimeoutError(path, f"processing took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def process_candidate(c: Candidate, timeout: float | None = DEFAULT_FILE_TIMEOUT_S) -> Outcome:
    """Read and extract one file; bad input becomes a quarantine outcome, defects propagate."""
    from pipeline import process

    t = time.perf_counter()
    try:
        with time_limit(timeout, c.path):
            data = Path(c.path).read_bytes()
            doc = process(c.path, data)
    except InputError as e:
        return Outcome(c.path, c.sha256, c.size, time.perf_counter() - t, reason=e.reason, detail=e.detail)
    except VanbanError as e:  # a missing system tool: recorded, the run goes on
        return Outcome(c.path, c.sha256, c.size, time.perf_counter() - t, reason="missing-tool", detail=e.message)
    return Outcome(c.path, c.sha256, c.size, time.perf_counter() - t, document=doc)


def iter_outcomes(candidates: Iterable[Candidate], timeout: float | None = DEFAULT_FILE_TIMEOUT_S) -> Iterator[Outcome]:
    """Process files one at a time, yielding each outcome as soon as it is known
    (several per call amortise a task's orchestration overhead).

    A defect on one file must not lose the others: it becomes a ``failed`` outcome with
    the exception text (logged with its traceback), and the batch goes on.
    """
    for c in candidates:
        t = time.perf_counter()
        try:
            outcome = process_candidate(c, timeout)
        except Exception as e:  # noqa: BLE001 - recorded as failed, never silently dropped
            logging.getLogger("vanban.import").exception("defect while processing %s", c.path)
            outcome = Outcome(c.path, c.sha256, c.size, time.perf_counter() - t, reason="internal-error",
                              detail=f"{type(e).__name__}: {e}", failed=True)  # fmt: skip
        yield outcome


def import_batch(
    db_url: str, candidates: list[Candidate], timeout: float | None = DEFAULT_FILE_TIMEOUT_S
) -> BatchReport:
    """Read, extract and load a batch where it runs; only the report travels back.

    Each document is loaded as soon as it is parsed, not after the whole batch. Workers
    given equal batches reached their loading bursts together and then queued on SQLite's
    single writer for every document (median wait 2.1 ms, 4.8 s per worker for 2,000
    files on 2 workers); one load per parse spreads the turns out (median 0.01 ms, 2.0 s):
    51.6 -> 46.6 s. References wait for ``resolve_pending`` (another worker's documents
    are invisible until committed).
    """
    from pipeline.store import api

    report = BatchReport(counts={}, bytes=0, errors=[], documents=[])

    def noted() -> Iterator[Outcome]:  # what the report needs, not the documents themselves
        for outcome in iter_outcomes(candidates, timeout):
            if outcome.document is not None:
                report.bytes += outcome.size
                report.documents.append(outcome.document.id)
            if outcome.reason:
                report.errors.append(f"{outcome.path}: {outcome.reason}: {outcome.detail}")
            yield outcome

    report.counts = api.load_outcomes(db_url, noted(), resolve=False)
    return report


#: Cyclic-GC thresholds for worker processes (Python's default is 700, 10, 10).
WORKER_GC_THRESHOLDS = (10_000, 10, 10)


def prepare_worker() -> None:
    """Once per worker process: build the extractors, then keep the cyclic GC off them.

    A document allocates tens of thousands of short-lived objects (regex matches, pydantic
    items); with Python's default thresholds the collector ran ~850 times per 100 documents
    and each full pass walked the lexicons, patterns and spaCy vocabulary again: 0.58 s of
    9.3 s (measured with ``gc.callbacks``). ``gc.freeze()`` moves what exists after warm-up
    out of the collector's sight and a larger first threshold makes passes rarer: 0.13 s.
    The data has almost no reference cycles (refcounting frees it), so memory is unchanged
    (peak RSS 170 MB either way). Called by the pools and clusters vanban starts, never on
    an existing Dask cluster, whose processes are not ours to tune.
    """
    from extractors import extractors
    from extractors.gazetteer import gazetteer

    extractors()
    gazetteer()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


#: Files per import task, within these bounds: each task costs Prefect ~100-160 ms of
#: orchestration here, so tasks should hold several seconds of work, and the ones left at
#: the end little, so no worker idles long while another finishes (see ``plan_batches``).
#: 128 files take ~6 s; a task holds one document in memory at a time.
MIN_BATCH, MAX_BATCH = 8, 128
#: Each guided batch takes 1 / (GUIDED_SHARE x workers) of the files still unassigned.
GUIDED_SHARE = 2


def plan_batches(items: list, workers: int, size: int | None = None) -> list[list]:
    """Split ``items`` into import tasks: ``size`` each when given, else guided sizes.

    Equal batches leave workers idle at the end while the last one finishes: half a batch
    on average, 1.5-2.0 s of a 2,000-file import on 2 workers (per-worker timelines).
    Guided sizes (OpenMP's ``schedule(guided)``) shrink toward the end instead, so the
    batches still running when the queue empties are small.

    >>> [len(b) for b in plan_batches(list(range(100)), 2)]
    [25, 19, 14, 11, 8, 8, 8, 7]
    >>> [len(b) for b in plan_batches(list(range(20)), 2, size=8)]
    [8, 8, 4]
    """
    out, i = [], 0
    while i < len(items):
        n = size or max(MIN_BATCH, min(MAX_BATCH, -(-(len(items) - i) // (GUIDED_SHARE * max(workers, 1)))))
        out.append(items[i : i + n])
        i += n
    return out
