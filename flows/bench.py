"""Throughput of the full pipeline (read + extract + load into SQLite): serial vs Prefect vs Dask.

Builds a corpus of N files from the samples (mixed .txt/.docx/.pdf by default, varied so
every hash differs without changing the text), then runs each mode in a fresh subprocess
so peak RSS is its own. Every mode does the same work: read, extract and load each file
in the worker that parsed it (no resolution), then one resolution pass at the end.

- ``serial``: a plain loop over the library in one process (no Prefect, no pool);
- ``pool``: a plain ``ProcessPoolExecutor`` running the import task's function;
- ``prefect-local``: the ``import-archive`` flow on its process pool;
- ``prefect-dask``: the same flow on a local ``dask.distributed`` cluster.

Called by ``python -m pipeline.bench flows [--n 100 2000] [--workers 1 2] [--formats txt docx]``.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
MODES = ["serial", "pool", "prefect-local", "prefect-dask"]


def build_corpus(dest: Path, n: int, formats: tuple[str, ...] = ("txt", "docx", "pdf")) -> list[Path]:
    """Write ``n`` files cycling over the seeds and formats; each variant has unique bytes."""
    sources = [p for fmt in formats for p in sorted(SAMPLES.glob(f"*.{fmt}")) if ".scanned." not in p.name]
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        data = src.read_bytes()
        target = dest / f"{i:05d}_{src.name}"
        if src.suffix == ".txt":
            data = data + f"\n\n<!-- bản sao {i} -->\n".encode()
        elif src.suffix == ".pdf":
            data = data + f"\n%vanban-variant {i}\n".encode()  # bytes after %%EOF are ignored
        else:
            data = _vary_docx(data, i)
        target.write_bytes(data)
        out.append(target)
    return out


def _vary_docx(data: bytes, i: int) -> bytes:
    """Re-zip a .docx with a changed core-properties title (same body text, new hash)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            payload = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                payload = payload.replace(b"</cp:coreProperties>", f"<!-- v{i} --></cp:coreProperties>".encode())
            dst.writestr(item, payload)
    return buf.getvalue()


def run_mode(mode: str, corpus: Path, db_url: str, workers: int) -> dict:
    """Import ``corpus`` into ``db_url`` in one mode; returns seconds and counts."""
    from pipeline import importer
    from pipeline.store import api

    files = importer.discover([corpus])
    n_bytes = sum(p.stat().st_size for p in files)
    t = time.perf_counter()
    if mode in ("serial", "pool"):
        api.prepare(db_url)
        cands = [importer.hash_file(p) for p in files]
        batches = importer.plan_batches(cands, workers)
        if mode == "pool":
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(workers, initializer=importer.prepare_worker) as pool:
                reports = list(pool.map(importer.import_batch, [db_url] * len(batches), batches))
        else:
            importer.prepare_worker()
            reports = [importer.import_batch(db_url, batch) for batch in batches]
        api.resolve_pending(db_url)
        imported = sum(r.counts["imported"] for r in reports)
    else:
        from flows import import_archive as ia
        from flows.runtime import prefect_runtime

        runner = ia.make_task_runner("dask" if mode == "prefect-dask" else "local", workers)
        with prefect_runtime():
            t = time.perf_counter()  # exclude the one-off server start
            imported = ia.import_archive.with_options(task_runner=runner)([str(corpus)], db_url)["imported"]
    secs = time.perf_counter() - t
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {"mode": mode, "workers": workers, "docs": len(files), "imported": imported, "seconds": round(secs, 2),
            "docs_per_s": round(len(files) / secs, 2), "mb_per_s": round(n_bytes / 1e6 / secs, 3),
            "peak_rss_mb": round(rss / 1024, 1)}  # fmt: skip


def bench_flows(sizes: list[int], workers: list[int] | None = None, formats: tuple[str, ...] = ("txt", "docx", "pdf"),
                modes: list[str] | None = None) -> list[dict]:  # fmt: skip
    """Each mode at each size and worker count, each in its own subprocess with a fresh SQLite database.

    ``serial`` runs once per size (it has one worker by definition).
    """
    rows = []
    counts = workers or [os.cpu_count() or 1]
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
        try:
            corpus = tmp / "corpus"
            build_corpus(corpus, n, formats)
            runs = [(mode, w) for mode in modes or MODES for w in ([1] if mode == "serial" else counts)]
            for mode, w in runs:
                db = f"sqlite:///{tmp / f'{mode}-{w}.db'}"
                cmd = [sys.executable, "-m", "flows.bench", mode, str(corpus), db, str(w)]
                res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
                stage = f"import N={n} {'+'.join(formats)}"
                if res.returncode != 0:
                    rows.append({"mode": mode, "workers": w, "docs": n, "stage": stage,
                                 "error": res.stderr.strip().splitlines()[-1:]})  # fmt: skip
                    continue
                rows.append({**json.loads(res.stdout.strip().splitlines()[-1]), "stage": stage})
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows + derived(rows)


def derived(rows: list[dict]) -> list[dict]:
    """Scaling from 1 to more workers, and Prefect's cost against the same work without it."""
    speed = {(r["stage"], r["mode"], r["workers"]): r["docs_per_s"] for r in rows if "docs_per_s" in r}
    out = []
    for (stage, mode, w), rate in sorted(speed.items()):
        one = speed.get((stage, mode, 1))
        if w > 1 and one:
            out.append({"stage": stage, "mode": mode, "workers": w, "measure": f"scaling 1→{w} workers",
                        "value": f"{rate / one:.2f}x"})  # fmt: skip
        plain = speed.get((stage, "serial" if w == 1 else "pool", w))
        if mode.startswith("prefect") and plain:
            out.append({"stage": stage, "mode": mode, "workers": w, "measure": "Prefect overhead (time)",
                        "value": f"{plain / rate - 1:+.1%} vs {'serial' if w == 1 else 'pool'}"})  # fmt: skip
    return out


if __name__ == "__main__":
    mode, corpus, db_url, workers = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    print(json.dumps(run_mode(mode, corpus, db_url, workers)))
