"""Benchmark: docs/s, pages/s, MB/s and peak memory per stage, on the bundled samples.

Not a test: speed is measured here and reported, never asserted in CI.

    python -m pipeline.bench                 # read/segment per format + every extractor
    python -m pipeline.bench --repeat 20 --json bench.json
    python -m pipeline.bench store --n 10000 --postgres postgresql://postgres@127.0.0.1/vanban_bench
                                             # load N documents, query latency (SQLite, PostgreSQL)
    python -m pipeline.bench flows --n 100 2000 --workers 1 2 --formats txt docx
                                             # serial loop vs process pool vs Prefect vs Prefect+Dask

Each stage runs on one core in this process. Peak memory is the tracemalloc peak of a
separate pass over the same inputs (so timing is not slowed by tracing).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: Documents loaded by the load stage (copies of the seeds, varied so each is new).
LOAD_DOCS = 200


def _measure(fn: Callable[[Any], Any], inputs: list[Any], repeat: int) -> tuple[float, float]:
    """Seconds per full pass (best of ``repeat``) and tracemalloc peak MB of one pass."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for x in inputs:
            fn(x)
        best = min(best, time.perf_counter() - t)
    tracemalloc.start()
    for x in inputs:
        fn(x)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return best, peak


def _row(stage: str, fmt: str, n_docs: int, n_pages: int, n_bytes: int, secs: float, peak: float | None) -> dict:
    return {
        "stage": stage,
        "format": fmt,
        "docs": n_docs,
        "docs_per_s": round(n_docs / secs, 1),
        "pages_per_s": round(n_pages / secs, 1) if n_pages else None,
        "mb_per_s": round(n_bytes / 1e6 / secs, 2),
        "ms_per_doc": round(1000 * secs / n_docs, 2),
        "peak_mb": round(peak, 1) if peak is not None else None,
    }


def bench_pipeline(repeat: int) -> list[dict]:
    """Per format: read (+normalise), segment; then each extractor on the .txt seeds' text."""
    from extractors import extractors
    from pipeline import read_document
    from pipeline.segment import segment

    rows: list[dict] = []
    for fmt in ("txt", "docx", "pdf"):
        paths = sorted(p for p in SAMPLES.glob(f"*.{fmt}") if ".scanned." not in p.name)
        blobs = [(p, p.read_bytes()) for p in paths]
        n_bytes = sum(len(b) for _, b in blobs)
        docs = [read_document(p, b) for p, b in blobs]
        pages = sum(d.pages or 0 for d in docs)
        secs, peak = _measure(lambda pb: read_document(*pb), blobs, repeat)
        rows.append(_row("read+normalise", fmt, len(blobs), pages, n_bytes, secs, peak))
        secs, peak = _measure(segment, docs, repeat)
        rows.append(_row("segment", fmt, len(docs), pages, n_bytes, secs, peak))
        secs, peak = _measure(lambda pb: segment(read_document(*pb)), blobs, repeat)
        rows.append(_row("read+normalise+segment", fmt, len(blobs), pages, n_bytes, secs, peak))
    txt_docs = [segment(read_document(p)) for p in sorted(SAMPLES.glob("*.txt"))]
    text_bytes = sum(len(d.text.encode("utf-8")) for d in txt_docs)
    total = 0.0
    prepared = txt_docs
    for ex in extractors():
        # each extractor sees the fields earlier ones produced, as in run_extractors
        secs, peak = _measure(ex.extract, prepared, repeat)
        total += secs
        rows.append(_row(f"extract:{ex.name}", "text", len(prepared), 0, text_bytes, secs, peak))
        prepared = [d.model_copy(update=ex.extract(d)) for d in prepared]
    rows.append(_row("extract:all", "text", len(txt_docs), 0, text_bytes, total, 0.0))
    return rows + bench_load(prepared)


def bench_load(docs: list, n: int = LOAD_DOCS) -> list[dict]:
    """Loading ``n`` varied copies of the extracted seeds into a new SQLite file, then resolving."""
    import tempfile

    from pipeline.store import load_document, make_engine, upgrade
    from pipeline.store.bench import varied_corpus
    from pipeline.store.resolve import resolve_pending

    copies = list(varied_corpus(docs, n))
    n_bytes = sum(len(d.text.encode("utf-8")) for d in copies)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        engine = make_engine(url)
        t = time.perf_counter()
        for doc in copies:
            load_document(engine, doc, resolve_citations=False)
        loaded = time.perf_counter() - t
        t = time.perf_counter()
        resolve_pending(engine)
        resolved = time.perf_counter() - t
        engine.dispose()
    return [
        _row("load (SQLite, a transaction per doc)", "text", n, 0, n_bytes, loaded, None),
        _row("resolve references", "text", n, 0, n_bytes, resolved, None),
    ]


def _print_table(rows: list[dict]) -> None:
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r.get(c, "") if r.get(c) is not None else "-").ljust(widths[c]) for c in cols))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="pipeline", choices=["pipeline", "store", "flows"])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per stage (best is kept)")
    parser.add_argument("--n", type=int, nargs="*", help="corpus sizes for store/flows benchmarks")
    parser.add_argument("--workers", type=int, nargs="*", help="flows: worker counts to compare (default: cores)")
    parser.add_argument("--formats", nargs="*", default=["txt", "docx", "pdf"], help="flows: corpus formats")
    parser.add_argument("--postgres", help="store: URL of a scratch PostgreSQL database (its tables are wiped)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    print(f"# vanban bench: {args.what} · cores={os.cpu_count()} · python {sys.version.split()[0]}")
    if args.what == "pipeline":
        rows = bench_pipeline(args.repeat)
    elif args.what == "store":
        from pipeline.store.bench import bench_store

        rows = bench_store(args.n or [10_000], args.postgres)
    else:
        from flows.bench import bench_flows

        rows = bench_flows(args.n or [100, 2000], args.workers, tuple(args.formats))
    _print_table(rows)
    print(f"# process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
