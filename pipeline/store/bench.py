"""Store benchmark: load N documents into SQLite and PostgreSQL, then time every query.

The five seeds are read and extracted once; copies are varied cheaply (content hash, path,
a line of text, and the place: every block of 50 documents is another district, so
reference resolution faces realistic candidate sets instead of thousands of twins).
Loading is timed as ``vanban import`` does it: one transaction per document, then one
resolution pass over the new documents (``resolve.resolve_pending``). Queries are timed
as the CLI runs them (its default page size) and for every row.

    python -m pipeline.store.bench --n 10000 --sqlite /tmp/bench.db \\
        --postgres postgresql://postgres@127.0.0.1:5432/vanban_bench --json bench-store.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, text

from pipeline.store import exports, graph, queries, resolve
from pipeline.store.api import close_all
from pipeline.store.db import make_engine, refresh_statistics
from pipeline.store.load import load_document
from pipeline.store.migrate import upgrade
from pipeline.store.search import search as full_text_search
from schemas import ExtractedDocument

#: Documents per simulated district (ten copies of each seed).
DOCS_PER_PLACE = 50
#: Each query is run this many times; the median is reported.
QUERY_REPEAT = 5


def seed_documents(samples: Path) -> list[ExtractedDocument]:
    """The five seeds (.txt), read and extracted once."""
    from pipeline import process

    return [process(p) for p in sorted(samples.glob("00[0-4]_*.txt"))]


def varied_corpus(seeds: list[ExtractedDocument], n: int) -> Iterator[ExtractedDocument]:
    """``n`` distinct documents: seed copies with their own hash, path, text tail and place."""
    for i in range(n):
        base = seeds[i % len(seeds)]
        block = i // DOCS_PER_PLACE
        yield _vary(base, i, block)


def _vary(base: ExtractedDocument, i: int, block: int) -> ExtractedDocument:
    def place(name: str | None) -> str | None:
        return name if name is None or block == 0 else f"{name} {block}"

    jur = base.jurisdiction
    jurisdiction = jur.model_copy(update={"district": place(jur.district), "commune": place(jur.commune)})
    references = base.references
    if block and jur.district:
        references = [
            r.model_copy(update={"issuer_resolved": r.issuer_resolved.replace(jur.district, place(jur.district))})
            if r.issuer_resolved and jur.district in r.issuer_resolved
            else r
            for r in base.references
        ]
    tail = f"\n[bench copy {i}]"
    return base.model_copy(
        update={
            "id": hashlib.sha256(f"{base.id}:{i}".encode()).hexdigest(),
            "source_path": f"/bench/place-{block:04d}/{i:06d}_{Path(base.source_path).name}",
            "text": base.text + tail,
            "size_bytes": base.size_bytes + len(tail.encode()),
            "jurisdiction": jurisdiction,
            "references": references,
        }
    )


def load_corpus(url: str, docs: Iterator[ExtractedDocument], n: int, progress: bool = True) -> dict:
    """Load into a fresh schema, then resolve; returns seconds and docs/s of each step."""
    upgrade(url)
    engine = make_engine(url)
    started = time.perf_counter()
    for k, doc in enumerate(docs, 1):
        load_document(engine, doc, resolve_citations=False)
        if progress and k % 1000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {k} docs, {k / elapsed:.0f} docs/s", flush=True)
    loaded = time.perf_counter() - started
    outcomes = resolve.resolve_pending(engine)
    refresh_statistics(engine)  # as the import flow does
    total = time.perf_counter() - started
    size = _database_mb(engine)
    engine.dispose()
    return {"documents": n, "load_s": round(loaded, 1), "resolve_s": round(total - loaded, 1),
            "seconds": round(total, 1), "docs_per_s": round(n / total, 1), "database_mb": size,
            "references": outcomes}  # fmt: skip


def _database_mb(engine: Engine) -> float:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            size = conn.execute(text("PRAGMA page_count")).scalar() * conn.execute(text("PRAGMA page_size")).scalar()
        else:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return round(size / 1e6, 1)


def query_suite(sample_doc: str) -> dict[str, Callable]:
    """The issue's queries at archive scale: as the CLI runs them (its default page), and whole."""
    return {
        "cites DOC": lambda c: queries.cites(c, sample_doc),
        "cited-by 'Chỉ thị 34-CT/TW' (first 100, CLI default)": lambda c: queries.cited_by(
            c, "Chỉ thị 34-CT/TW", limit=101
        ),
        "cited-by 'Chỉ thị 34-CT/TW' (all rows)": lambda c: queries.cited_by(c, "Chỉ thị 34-CT/TW"),
        "cited-by 'Kế hoạch 104/KH-UBND 2024'": lambda c: queries.cited_by(c, "Kế hoạch 104/KH-UBND 2024", limit=101),
        "missing (top 50, CLI default)": lambda c: queries.missing(c, limit=51),
        "missing (all rows)": lambda c: queries.missing(c, limit=None),
        "graph DOC --depth 2": lambda c: graph.neighbourhood(c, sample_doc, depth=2),
        "targets --where 'Ba Tơ' --indicator 'giường bệnh'": lambda c: queries.targets(
            c, where="Ba Tơ", indicator="giường bệnh", limit=201
        ),
        "targets --indicator 'hộ nghèo' (first 200, CLI default)": lambda c: queries.targets(
            c, indicator="hộ nghèo", limit=201
        ),
        "targets --indicator 'hộ nghèo' (all rows)": lambda c: queries.targets(c, indicator="hộ nghèo"),
        "assignments --agency 'Phòng Nội vụ' --where 'Ba Tơ'": lambda c: queries.assignments(
            c, agency="Phòng Nội vụ", where="Ba Tơ", limit=101
        ),
        "assignments --agency 'Phòng Nội vụ' (first 100, CLI default)": lambda c: queries.assignments(
            c, agency="Phòng Nội vụ", limit=101
        ),
        "assignments --agency 'Phòng Nội vụ' (all rows)": lambda c: queries.assignments(c, agency="Phòng Nội vụ"),
        "search 'ho ngheo' (top 20)": lambda c: full_text_search(c, "ho ngheo"),
        "search 'cải cách hành chính' (top 20)": lambda c: full_text_search(c, "cải cách hành chính"),
    }


def time_queries(url: str, sample_doc: str) -> list[dict]:
    """Median latency (ms) of each query, and how many rows it returned."""
    engine = make_engine(url)
    out = []
    with engine.connect() as conn:
        for name, fn in query_suite(sample_doc).items():
            times, result = [], None
            for _ in range(QUERY_REPEAT):
                t = time.perf_counter()
                result = fn(conn)
                times.append((time.perf_counter() - t) * 1000)
            rows = len(result["edges"]) if isinstance(result, dict) else len(result)
            out.append({"query": name, "ms": round(statistics.median(times), 1), "rows": rows})
        for fmt in ("csv", "parquet"):
            with tempfile.TemporaryDirectory() as tmp:
                t = time.perf_counter()
                n = exports.export(conn, "targets", fmt, Path(tmp) / f"targets.{fmt}")
                ms = round((time.perf_counter() - t) * 1000, 1)
            out.append({"query": f"export targets --format {fmt} (all rows, streamed)", "ms": ms, "rows": n})
    engine.dispose()
    return out


def run(url: str, seeds: list[ExtractedDocument], n: int) -> dict:
    """Load ``n`` varied documents into ``url`` (an empty database) and time the queries."""
    loading = load_corpus(url, varied_corpus(seeds, n), n)
    sample = next(d for d in varied_corpus(seeds, n) if Path(d.source_path).name.startswith("000006_001"))
    result = {"url": url.split("@")[-1], "load": loading, "queries": time_queries(url, sample.id)}
    close_all()
    return result


def bench_store(sizes: list[int], postgres: str | None = None) -> list[dict]:
    """Rows for ``python -m pipeline.bench store``: SQLite (a temporary file) and PostgreSQL.

    ``postgres`` names a scratch database: its public schema is dropped and rebuilt.
    """
    seeds = seed_documents(Path(__file__).resolve().parents[2] / "samples")
    rows = []
    for n in sizes:
        targets = [("sqlite", f"sqlite:///{Path(tempfile.mkdtemp(prefix='vanban-store-')) / 'bench.db'}")]
        if postgres:
            _wipe(postgres)
            targets.append(("postgresql", postgres))
        for backend, url in targets:
            result = run(url, seeds, n)
            load = result["load"]
            stage = f"store N={n} {backend}"
            rows.append({"stage": stage, "measure": "load + resolve", "docs_per_s": load["docs_per_s"],
                         "seconds": load["seconds"], "database_mb": load["database_mb"]})  # fmt: skip
            rows += [
                {"stage": stage, "measure": q["query"], "ms": q["ms"], "rows": q["rows"]} for q in result["queries"]
            ]
            if backend == "sqlite":
                Path(url.removeprefix("sqlite:///")).unlink()
    return rows


def _wipe(url: str) -> None:
    """Empty a scratch PostgreSQL database (the benchmark loads into a fresh schema)."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _print(result: dict) -> None:
    load = result["load"]
    print(f"\n{result['url']}: {load['documents']} docs in {load['seconds']} s = {load['docs_per_s']} docs/s "
          f"(load {load['load_s']} s + resolve {load['resolve_s']} s), {load['database_mb']} MB; "
          f"references {load['references']}")  # fmt: skip
    for q in result["queries"]:
        print(f"  {q['ms']:>9.1f} ms  {q['rows']:>6} rows  {q['query']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--samples", type=Path, default=Path(__file__).resolve().parents[2] / "samples")
    parser.add_argument("--sqlite", help="path of a new SQLite file (must not exist)")
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    seeds = seed_documents(args.samples)
    results = []
    if args.sqlite:
        if Path(args.sqlite).exists():
            parser.error(f"{args.sqlite} exists: give a new file")
        results.append(run(f"sqlite:///{args.sqlite}", seeds, args.n))
        _print(results[-1])
    if args.postgres:
        results.append(run(args.postgres, seeds, args.n))
        _print(results[-1])
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
