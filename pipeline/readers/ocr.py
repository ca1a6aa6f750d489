"""OCR of PDF pages with Tesseract's Vietnamese model, pages in parallel.

Contract: ``ocr_pdf_pages(path, data, pages) -> dict[int, list[RawBlock]]`` for 1-based page
numbers; raises ``MissingToolError`` (with the install command) when Tesseract or its
``vie`` model is absent. Each page is rendered with pypdfium2 at ``OCR_DPI`` (diacritics
need it: at 200 dpi the dot below and the hook above start to vanish), piped to a
``tesseract`` process as PGM, and read back as TSV (word boxes with confidences).

Speed: one Tesseract process per page with ``OMP_THREAD_LIMIT=1``; Tesseract's own OpenMP
threads make it 6x *slower* on a 2-core machine, so parallelism comes from running
``os.cpu_count()`` pages at once. At most that many rendered pages are held in memory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
#: Seconds allowed for one page before Tesseract is killed.
PAGE_TIMEOUT_S = 180
TESSERACT_LANG = "vie"
# --oem 1: LSTM engine only; invert detection off (scans are dark on light; saves ~5 %).
TESSERACT_ARGS = ("--oem", "1", "--psm", "3", "-c", "tessedit_do_invert=0")
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
    workers = max(1, min(len(pages), os.cpu_count() or 1))
    # Rendering is not thread-safe in pdfium: render here, one page ahead of each worker.
    slots = threading.BoundedSemaphore(workers + 1)
    results: dict[int, OcrPage] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {}
            for page_no in pages:
                if not 1 <= page_no <= len(pdf):
                    raise ValueError(f"{path}: page {page_no} out of range 1..{len(pdf)}")
                slots.acquire()
                image, scale = _render(pdf, page_no)
                fut = pool.submit(_run_tesseract, tesseract, image, path, page_no)
                fut.add_done_callback(lambda _f: slots.release())
                futures[page_no] = (fut, scale)
            for page_no, (fut, scale) in futures.items():
                results[page_no] = page_from_tsv(fut.result(), page_no, scale)
    finally:
        pdf.close()
    finish_pages(list(results.values()))
    return {page_no: page.blocks for page_no, page in results.items()}


def ocr_conversion(pages: list[int]) -> Conversion:
    """The Conversion record a reader adds when it used OCR on ``pages``."""
    return Conversion(kind="ocr", detail=f"tesseract {TESSERACT_LANG} {OCR_DPI} dpi, pages {_ranges(pages)}")


def _render(pdf, page_no: int) -> tuple[bytes, float]:
    """Render one page as 8-bit grey PGM bytes; returns (image, points per pixel)."""
    page = pdf[page_no - 1]
    try:
        w, h = page.get_size()
        dpi = OCR_DPI
        if (w * dpi / 72) * (h * dpi / 72) > MAX_PAGE_PIXELS:
            dpi = int(72 * (MAX_PAGE_PIXELS / (w * h)) ** 0.5)
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil()
        header = f"P5 {image.width} {image.height} 255\n".encode()
        return header + image.tobytes(), 72 / dpi
    finally:
        page.close()


def _run_tesseract(tesseract: str, image: bytes, path: str | Path, page_no: int) -> str:
    """Run one Tesseract process on a PGM image and return its TSV output."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = [tesseract, "stdin", "stdout", "-l", TESSERACT_LANG, "--dpi", str(OCR_DPI), *TESSERACT_ARGS, "tsv"]
    try:
        proc = subprocess.run(cmd, input=image, capture_output=True, env=env, timeout=PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as e:
        raise CorruptFileError(path, f"OCR of page {page_no} took over {PAGE_TIMEOUT_S} s") from e
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFileError(path, f"OCR of page {page_no} failed: {err[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


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
