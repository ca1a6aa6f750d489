"""OCR of PDF pages with Tesseract's Vietnamese model, pages in parallel.

Contract: ``ocr_pdf_pages(path, data, pages) -> dict[int, list[RawBlock]]`` for 1-based page
numbers; raises ``MissingToolError`` (with the install command) when Tesseract or its
``vie`` model is absent. Each page is rendered with pypdfium2 at ``OCR_DPI`` (diacritics
need it: at 250 dpi and below the dot below and the hook above start to vanish),
thresholded to black and white, written as PBM to a temporary folder, and read back as
TSV (word boxes with confidences).

Speed (CPU seconds per page of Tesseract, seed 001's 25-page scan): 1.45 s for an 8-bit
grey page piped in; 1.06 s now. A 1-bit page is 1/8 of the bytes to read and leaves
Tesseract no thresholding to do (-20 %, same text); the fixed-pitch test is for typewriter
text (-3 %); one ``tesseract`` process reads a list of pages, so the model is loaded once
per run instead of once per page (-5 %). ``OMP_THREAD_LIMIT=1``: Tesseract's own OpenMP
threads make it 6x *slower* on a 2-core machine, so parallelism comes from running
``os.cpu_count()`` processes at once, each on its share of the pages.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.errors import CorruptFileError, MissingToolError
from pipeline.readers.base import RawBlock
from pipeline.readers.ocr_layout import OcrPage, finish_pages, page_from_tsv
from schemas import Conversion

#: Render resolution; 300 dpi is what archive scanners produce and what keeps diacritics.
OCR_DPI = 300
#: Pages larger than this many pixels are rendered at a lower resolution (A3 posters, maps).
MAX_PAGE_PIXELS = 60_000_000
#: Seconds allowed per page of a Tesseract run before it is killed.
PAGE_TIMEOUT_S = 180
#: At most this many pages go to one Tesseract process (bounds the rendered pages on disk).
PAGES_PER_RUN = 16
TESSERACT_LANG = "vie"
# --oem 1: LSTM engine only; invert detection off (scans are dark on light; saves ~5 %);
# no fixed-pitch test (administrative text is proportional; saves ~3 %).
TESSERACT_ARGS = (
    "--oem", "1", "--psm", "3", "-c", "tessedit_do_invert=0", "-c", "textord_disable_pitch_test=1",
)  # fmt: skip
INSTALL_HINT = (
    "install Tesseract with its Vietnamese model: `sudo apt-get install tesseract-ocr tesseract-ocr-vie` "
    "(Debian/Ubuntu), `brew install tesseract tesseract-lang` (macOS)"
)


def ocr_pdf_pages(path: str | Path, data: bytes, pages: list[int]) -> dict[int, list[RawBlock]]:
    """OCR the given 1-based pages of a PDF; returns {page: paragraph blocks in reading order}."""
    if not pages:
        return {}
    tesseract = _tesseract_binary()
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise CorruptFileError(path, f"PDF cannot be opened for OCR: {e}") from e
    for page_no in pages:
        if not 1 <= page_no <= len(pdf):
            raise ValueError(f"{path}: page {page_no} out of range 1..{len(pdf)}")
    workers = max(1, min(len(pages), os.cpu_count() or 1))
    runs = _split_runs(pages, workers)
    # Rendering is not thread-safe in pdfium: render here, one run ahead of each worker.
    slots = threading.BoundedSemaphore(workers + 1)
    results: dict[int, OcrPage] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp, ThreadPoolExecutor(workers) as pool:
            futures = []
            for i, run in enumerate(runs):
                slots.acquire()
                images, scales = [], {}
                for page_no in run:
                    image = Path(tmp, f"p{page_no}.pbm")
                    scales[page_no] = _render(pdf, page_no, image)
                    images.append(image)
                listing = Path(tmp, f"run{i}.txt")
                listing.write_text("\n".join(map(str, images)) + "\n", encoding="utf-8")
                fut = pool.submit(_run_tesseract, tesseract, listing, images, path, run)
                fut.add_done_callback(lambda _f: slots.release())
                futures.append((fut, run, scales))
            for fut, run, scales in futures:
                for page_no, tsv in zip(run, fut.result(), strict=True):
                    results[page_no] = page_from_tsv(tsv, page_no, scales[page_no])
    finally:
        pdf.close()
    finish_pages([results[p] for p in sorted(results)], sorted(results))
    return {page_no: results[page_no].blocks for page_no in sorted(results)}


def ocr_conversion(pages: list[int]) -> Conversion:
    """The Conversion record a reader adds when it used OCR on ``pages``."""
    return Conversion(kind="ocr", detail=f"tesseract {TESSERACT_LANG} {OCR_DPI} dpi, pages {_ranges(pages)}")


def _split_runs(pages: list[int], workers: int) -> list[list[int]]:
    """Consecutive runs of pages, as even as possible, a multiple of ``workers`` when it can be.

    >>> [len(r) for r in _split_runs(list(range(1, 26)), 2)]
    [13, 12]
    >>> [len(r) for r in _split_runs(list(range(1, 41)), 2)]
    [10, 10, 10, 10]
    >>> _split_runs([3], 2)
    [[3]]
    """
    n = min(len(pages), workers * math.ceil(len(pages) / (workers * PAGES_PER_RUN)))
    size, extra = divmod(len(pages), n)
    runs, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        runs.append(pages[start:end])
        start = end
    return runs


def _render(pdf, page_no: int, out: Path) -> float:
    """Render one page as a black-and-white PBM file; returns points per pixel."""
    page = pdf[page_no - 1]
    try:
        w, h = page.get_size()
        dpi = OCR_DPI
        if (w * dpi / 72) * (h * dpi / 72) > MAX_PAGE_PIXELS:
            dpi = int(72 * (MAX_PAGE_PIXELS / (w * h)) ** 0.5)
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        cut = otsu_threshold(image.histogram())
        image.point([255 if v > cut else 0 for v in range(256)]).convert("1", dither=0).save(out, "PPM")
        return 72 / dpi
    finally:
        page.close()


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a 256-bin histogram into ink and paper (Otsu's method).

    Tesseract thresholds the same way by default; doing it here lets it read 1-bit pages.

    >>> otsu_threshold([0] * 40 + [10] + [0] * 160 + [90] + [0] * 54)
    40
    """
    total = sum(histogram)
    sum_all = sum(i * n for i, n in enumerate(histogram))
    best, cut = -1.0, 127
    weight = acc = 0
    for level, count in enumerate(histogram[:255]):
        weight += count
        acc += level * count
        if weight == 0 or weight == total:
            continue
        mean_low, mean_high = acc / weight, (sum_all - acc) / (total - weight)
        between = weight * (total - weight) * (mean_low - mean_high) ** 2
        if between > best:
            best, cut = between, level
    return cut


def _run_tesseract(tesseract: str, listing: Path, images: list[Path], path: str | Path, run: list[int]) -> list[str]:
    """Run one Tesseract process on a list of page images; returns one TSV per page, in order.

    The rendered images are deleted once read, so the temporary folder holds at most the
    runs that are waiting or running.
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = [tesseract, str(listing), "stdout", "-l", TESSERACT_LANG, "--dpi", str(OCR_DPI), *TESSERACT_ARGS, "tsv"]
    where = f"page {run[0]}" if len(run) == 1 else f"pages {_ranges(run)}"
    try:
        proc = subprocess.run(
            cmd, capture_output=True, env=env, timeout=PAGE_TIMEOUT_S * len(run), check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as e:
        raise CorruptFileError(path, f"OCR of {where} took over {PAGE_TIMEOUT_S} s per page") from e
    finally:
        for image in images:
            image.unlink(missing_ok=True)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFileError(path, f"OCR of {where} failed: {err[-1] if err else proc.returncode}")
    return _split_tsv(proc.stdout.decode("utf-8", "replace"), len(run))


def _split_tsv(tsv: str, pages: int) -> list[str]:
    """One TSV (header + rows) per page of a multi-page Tesseract TSV (column 2 is the page).

    >>> _split_tsv("level\\tpage_num\\n1\\t1\\n5\\t1\\n1\\t2\\n", 2)
    ['level\\tpage_num\\n1\\t1\\n5\\t1', 'level\\tpage_num\\n1\\t2']
    """
    lines = tsv.splitlines()
    header, rows = (lines[0], lines[1:]) if lines and lines[0].startswith("level") else ("", lines)
    per_page: list[list[str]] = [[header] for _ in range(pages)]
    for row in rows:
        cols = row.split("\t", 2)
        if len(cols) > 1 and cols[1].isdigit() and 1 <= int(cols[1]) <= pages:
            per_page[int(cols[1]) - 1].append(row)
    return ["\n".join(p) for p in per_page]


def _tesseract_binary() -> str:
    """Path of the tesseract binary, after checking it has the Vietnamese model."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise MissingToolError(f"OCR needs Tesseract, which is not installed: {INSTALL_HINT}")
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise MissingToolError(f"Tesseract at {exe} does not run ({e}): {INSTALL_HINT}") from e
    langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
    if TESSERACT_LANG not in langs:
        raise MissingToolError(f"Tesseract has no Vietnamese model ('{TESSERACT_LANG}'): {INSTALL_HINT}")
    return exe


def _ranges(pages: list[int]) -> str:
    """Compact page list.

    >>> _ranges([1, 2, 3, 7])
    '1-3,7'
    """
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and runs[-1][1] == p - 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
