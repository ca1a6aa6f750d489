"""OCR of PDF pages with Tesseract's Vietnamese model, pages in parallel.

Contract: ``ocr_pdf_pages(path, data, pages) -> dict[int, list[RawBlock]]`` for 1-based page
numbers; raises ``MissingToolError`` (with the install command) when tesserocr or Tesseract's
``vie`` model is absent. Each page is rendered with pypdfium2 at ``OCR_DPI`` (diacritics
need it: at 270 dpi and below the dot below and the hook above start to vanish), thresholded
to black and white as Tesseract would (Otsu), recognised by Tesseract through tesserocr,
and read back as TSV (word boxes with confidences).

Speed, in CPU seconds per page of seed 001's 25-page scan: 1.41 with one ``tesseract`` 5.3
process per 8-bit grey page; 1.03 with 1-bit pages (1/8 of the bytes, no thresholding left
to do) in batched processes; 0.83 in-process with tesserocr, whose wheel bundles Tesseract
5.5, one API per worker thread so the model is loaded once per worker. The library releases
the GIL while it recognises, so ``os.cpu_count()`` threads read pages in parallel. Its build
has no OpenMP; ``OMP_THREAD_LIMIT=1`` is set anyway for builds that have it (Tesseract's own
threads make it 6x *slower* on a 2-core machine).
"""

from __future__ import annotations

import os
import queue
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
#: Seconds allowed for one page before its recognition is stopped.
PAGE_TIMEOUT_S = 180
TESSERACT_LANG = "vie"
#: Invert detection off (scans are dark on light; saves ~5 %); no fixed-pitch test, which is
#: for typewriter text (saves ~3 %). The engine is the LSTM one, the layout automatic (psm 3).
TESSERACT_VARIABLES = {"tessedit_do_invert": "0", "textord_disable_pitch_test": "1"}
#: Where packages put Tesseract's models (Debian/Ubuntu 5 and 4, Fedora, source builds,
#: Homebrew); ``TESSDATA_PREFIX`` is looked at first.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
INSTALL_HINT = (
    "install Tesseract with its Vietnamese model: `sudo apt-get install tesseract-ocr tesseract-ocr-vie` "
    "(Debian/Ubuntu), `brew install tesseract tesseract-lang` (macOS)"
)


def ocr_pdf_pages(path: str | Path, data: bytes, pages: list[int]) -> dict[int, list[RawBlock]]:
    """OCR the given 1-based pages of a PDF; returns {page: paragraph blocks in reading order}."""
    if not pages:
        return {}
    tesserocr = _import_tesserocr()
    tessdata = _tessdata_dir()
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise CorruptFileError(path, f"PDF cannot be opened for OCR: {e}") from e
    workers = max(1, min(len(pages), os.cpu_count() or 1))
    apis: queue.SimpleQueue = queue.SimpleQueue()
    # Rendering is not thread-safe in pdfium: render here, at most two pages ahead per worker.
    slots = threading.BoundedSemaphore(2 * workers)
    results: dict[int, OcrPage] = {}
    try:
        for _ in range(workers):
            apis.put(_open_api(tesserocr, tessdata))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {}
            for page_no in pages:
                if not 1 <= page_no <= len(pdf):
                    raise ValueError(f"{path}: page {page_no} out of range 1..{len(pdf)}")
                slots.acquire()
                image, dpi = _render(pdf, page_no)
                fut = pool.submit(_recognise, apis, image, dpi, path, page_no)
                fut.add_done_callback(lambda _f: slots.release())
                futures[page_no] = (fut, 72 / dpi)
            for page_no, (fut, scale) in futures.items():
                results[page_no] = page_from_tsv(fut.result(), page_no, scale)
    finally:
        pdf.close()
        while not apis.empty():
            apis.get().End()
    finish_pages([results[p] for p in sorted(results)], sorted(results))
    return {page_no: results[page_no].blocks for page_no in sorted(results)}


def ocr_conversion(pages: list[int]) -> Conversion:
    """The Conversion record a reader adds when it used OCR on ``pages``."""
    return Conversion(kind="ocr", detail=f"tesseract {TESSERACT_LANG} {OCR_DPI} dpi, pages {_ranges(pages)}")


def _render(pdf, page_no: int):
    """Render one page as a black-and-white PIL image; returns (image, dpi)."""
    page = pdf[page_no - 1]
    try:
        w, h = page.get_size()
        dpi = OCR_DPI
        if (w * dpi / 72) * (h * dpi / 72) > MAX_PAGE_PIXELS:
            dpi = int(72 * (MAX_PAGE_PIXELS / (w * h)) ** 0.5)
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        cut = otsu_threshold(image.histogram())
        return image.point([255 if v > cut else 0 for v in range(256)]).convert("1", dither=0), dpi
    finally:
        page.close()


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a 256-bin histogram into ink and paper (Otsu's method).

    Tesseract thresholds the same way by default; doing it here hands it 1-bit pages.

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


def _recognise(apis: queue.SimpleQueue, image, dpi: int, path: str | Path, page_no: int) -> str:
    """Recognise one page with a free API of the pool; returns Tesseract's TSV."""
    api = apis.get()
    try:
        api.SetImage(image)
        api.SetSourceResolution(dpi)
        if not api.Recognize(timeout=PAGE_TIMEOUT_S * 1000):
            raise CorruptFileError(path, f"OCR of page {page_no} failed or took over {PAGE_TIMEOUT_S} s")
        return api.GetTSVText(0)
    except RuntimeError as e:
        raise CorruptFileError(path, f"OCR of page {page_no} failed: {e}") from e
    finally:
        api.Clear()
        apis.put(api)


def _import_tesserocr():
    """The tesserocr module, imported on first use (it loads libtesseract)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read when an OpenMP build of Tesseract loads
    try:
        import tesserocr
    except ImportError as e:
        raise MissingToolError(f"OCR needs the tesserocr package ({e}): `pip install tesserocr`") from e
    return tesserocr


def _open_api(tesserocr, tessdata: str):
    """A Tesseract API with the Vietnamese model loaded and our settings."""
    try:
        api = tesserocr.PyTessBaseAPI(
            path=tessdata, lang=TESSERACT_LANG, oem=tesserocr.OEM.LSTM_ONLY, psm=tesserocr.PSM.AUTO
        )
    except RuntimeError as e:
        raise MissingToolError(
            f"Tesseract cannot load its Vietnamese model from {tessdata} ({e}): {INSTALL_HINT}"
        ) from e
    for name, value in TESSERACT_VARIABLES.items():
        api.SetVariable(name, value)
    return api


def _tessdata_dir() -> str:
    """The folder holding Tesseract's Vietnamese model (``vie.traineddata``)."""
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = [prefix, str(Path(prefix, "tessdata"))] if prefix else []
    for folder in [*candidates, *TESSDATA_DIRS]:
        if Path(folder, f"{TESSERACT_LANG}.traineddata").is_file():
            return folder
    raise MissingToolError(
        f"OCR needs Tesseract's Vietnamese model ('{TESSERACT_LANG}.traineddata'), found neither in "
        f"$TESSDATA_PREFIX nor in {', '.join(TESSDATA_DIRS)}: {INSTALL_HINT}"
    )


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
