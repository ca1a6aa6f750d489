"""Throughput of the full pipeline (read + extract + load into SQLite): serial vs Prefect vs Dask.

Builds a corpus of N files from the samples (mixed .txt/.docx/.pdf, varied so every hash
differs without changing the text), then runs each mode in a fresh subprocess so peak RSS
is its own. Called by ``python -m pipeline.bench flows [--n 100 2000]``.
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
MODES = ["serial", "serial-2proc", "prefect-local", "prefect-dask"]


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
    if mode.startswith("serial"):
        api.prepare(db_url)
        cands = [importer.hash_file(p) for p in files]
        batches = importer.batched(cands, 16)
        if mode == "serial-2proc":
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(workers) as pool:
                list(pool.map(_import_batch, [db_url] * len(batches), batches))
        else:
            for batch in batches:
                _import_batch(db_url, batch)
        api.resolve_pending(db_url)
        summary = {"imported": len(files)}
    else:
        from flows import import_archive as ia
        from flows.runtime import prefect_runtime

        runner = ia.make_task_runner("dask" if mode == "prefect-dask" else "local", workers)
        with prefect_runtime():
            t = time.perf_counter()  # exclude the one-off server start
            summary = ia.import_archive.with_options(task_runner=runner)([str(corpus)], db_url)
    secs = time.perf_counter() - t
    rss = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    )
    return {"mode": mode, "docs": len(files), "imported": summary.get("imported"), "seconds": round(secs, 2),
            "docs_per_s": round(len(files) / secs, 2), "mb_per_s": round(n_bytes / 1e6 / secs, 3),
            "peak_rss_mb": round(rss / 1024, 1), "workers": workers}  # fmt: skip


def _import_batch(db_url: str, batch: list) -> dict:
    """What a Prefect import task does, without Prefect: read, extract, load (no resolution)."""
    from pipeline import importer
    from pipeline.store import api

    return api.load_outcomes(db_url, importer.process_batch(batch), resolve=False)


def bench_flows(sizes: list[int], modes: list[str] | None = None) -> list[dict]:
    """Each mode at each size, each in its own subprocess with a fresh SQLite database."""
    rows = []
    workers = os.cpu_count() or 1
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
        try:
            corpus = tmp / "corpus"
            build_corpus(corpus, n)
            for mode in modes or MODES:
                db = f"sqlite:///{tmp / (mode + '.db')}"
                cmd = [sys.executable, "-m", "flows.bench", mode, str(corpus), db, str(workers)]
                res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
                if res.returncode != 0:
                    rows.append({"mode": mode, "docs": n, "error": res.stderr.strip().splitlines()[-1:]})
                    continue
                rows.append({**json.loads(res.stdout.strip().splitlines()[-1]), "stage": f"import N={n}"})
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return rows


if __name__ == "__main__":
    mode, corpus, db_url, workers = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    print(json.dumps(run_mode(mode, corpus, db_url, workers)))
