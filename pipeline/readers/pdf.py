"""PDF reader: text layer via pypdfium2, ruled tables via pdfplumber, per-page OCR triage.

pypdfium2 gives the text runs with boxes and fonts (~50x faster than pdfplumber, see
``pdf_objects``); pdfplumber's table finder runs only on pages that have ruling lines.
Each page's text layer is judged (``pdf_triage``); pages without a usable layer go to
``pipeline.readers.ocr`` and their blocks are merged back in page order.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.encodings import convert_legacy
from pipeline.errors import CorruptFileError, EmptyDocumentError, EncryptedFileError, MissingToolError
from pipeline.readers.base import RawBlock, ReadResult
from pipeline.readers.pdf_layout import drop_furniture, measure, order_lines, split_footnotes
from pipeline.readers.pdf_lines import Segment, build_lines
from pipeline.readers.pdf_objects import PageContent, Run, iter_pages
from pipeline.readers.pdf_paragraphs import TableItem, build_blocks, footnote_blocks
from pipeline.readers.pdf_tables import fill_rows, find_tables
from pipeline.readers.pdf_triage import LEGACY_FONT_RE, PageVerdict, triage_page
from schemas import Conversion, Problem, TextSource

#: pdfium's error code for a document that needs a password.
_ERR_PASSWORD = 4
_ENCRYPT_RE = re.compile(rb"/Encrypt\b")


def read_pdf(path: str | Path, data: bytes) -> ReadResult:
    """Read a PDF into paragraph, table-row and footnote blocks with page and bbox."""
    pages = _load(path, data)
    kinds = _convert_legacy(pages)
    verdicts = [_triage(p, kinds) for p in pages]
    problems = [
        Problem(code="pdf.needs_ocr", stage="reader", message=v.reason or "", page=p.number)
        for p, v in zip(pages, verdicts, strict=True)
        if v.needs_ocr
    ]
    text_pages = [p for p, v in zip(pages, verdicts, strict=True) if not v.needs_ocr and not v.blank]
    ocr_pages = [p.number for p, v in zip(pages, verdicts, strict=True) if v.needs_ocr]
    if not text_pages and not ocr_pages:
        raise EmptyDocumentError(path, f"no text and no images on any of its {len(pages)} pages")
    tables = find_tables(text_pages)
    blocks = _text_blocks(text_pages, tables, set(ocr_pages))
    if ocr_pages:
        blocks = _merge_ocr(path, data, blocks, ocr_pages, verdicts, bool(text_pages), problems)
    conversions = [
        Conversion(kind=k, detail=f"pdf text layer ({n} text runs)", blocks=_count_converted(blocks))
        for k, n in kinds.items()
    ]
    if any(b.source == TextSource.OCR for b in blocks):
        from pipeline.readers.ocr import ocr_conversion

        ocr_done = sorted({b.page for b in blocks if b.source == TextSource.OCR and b.page is not None})
        conversions.append(ocr_conversion(ocr_done))
    return ReadResult(format="pdf", blocks=blocks, pages=len(pages), conversions=conversions, problems=problems)


def _load(path: str | Path, data: bytes) -> list[PageContent]:
    """Open the PDF and read every page's objects; pdfium errors become InputErrors."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == _ERR_PASSWORD and _ENCRYPT_RE.search(data):
            raise EncryptedFileError(path, "the PDF is password-protected") from e
        if _count_pages(data) == 0:  # pdfium refuses a page-less PDF with an odd error code
            raise EmptyDocumentError(path, "the PDF has no pages") from e
        raise CorruptFileError(path, f"not a readable PDF ({e})") from e
    try:
        if len(doc) == 0:
            raise EmptyDocumentError(path, "the PDF has no pages")
        return list(iter_pages(doc))
    except pdfium.PdfiumError as e:
        raise CorruptFileError(path, f"damaged PDF page ({e})") from e
    finally:
        doc.close()


def _count_pages(data: bytes) -> int | None:
    """Page count by pdfminer (only on pdfium's failure path), None when unreadable."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException

    try:
        return sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except (PDFException, PSException, ValueError, KeyError, TypeError):
        return None


def _convert_legacy(pages: list[PageContent]) -> Counter:
    """Convert runs set in TCVN3/VNI fonts (.VnTime, VNI-Times) to Unicode, in place."""
    kinds: Counter = Counter()
    for page in pages:
        for run in page.runs:
            if LEGACY_FONT_RE.search(run.font):
                _convert_run(run, run.font, kinds)
    return kinds


def _convert_run(run: Run, font: str | None, kinds: Counter) -> None:
    text, kind = convert_legacy(run.text, font)
    if kind:
        run.text, run.converted = text, True
        kinds[kind] += 1


def _triage(page: PageContent, kinds: Counter) -> PageVerdict:
    """Judge a page; a failing layer without legacy fonts gets a statistical conversion try."""
    verdict = triage_page(page)
    if not verdict.needs_ocr or not page.runs:
        return verdict
    legacy = sorted({r.font for r in page.runs if LEGACY_FONT_RE.search(r.font)})
    if legacy and not any(r.converted for r in page.runs):
        verdict.reason = f"legacy-encoded text layer (fonts {', '.join(legacy[:3])}) not converted; {verdict.reason}"
        return verdict
    if not legacy and "broken" in (verdict.reason or ""):
        trial = Counter()
        saved = [(r, r.text, r.converted) for r in page.runs]
        for r in page.runs:
            _convert_run(r, None, trial)
        retry = triage_page(page)
        if trial and not retry.needs_ocr:
            kinds.update(trial)
            return retry
        for r, text, conv in saved:
            r.text, r.converted = text, conv
    return verdict


def _text_blocks(pages: list[PageContent], tables: dict[int, list[TableItem]], ocr: set[int]) -> list[RawBlock]:
    """Lines → furniture removed → footnotes split → reading order → blocks."""
    all_lines = []
    for page in pages:
        runs = page.runs
        for t in tables.get(page.number, []):
            fill_rows(t, [r for r in runs if _inside(r, t.bbox)])
            runs = [r for r in runs if not _inside(r, t.bbox)]
        lines = build_lines(runs)
        for line in lines:
            for seg in line:
                seg.page = page.number
        all_lines.append(lines)
    if not pages:
        return []
    metrics = measure(all_lines, pages[0].width)
    all_lines = drop_furniture(all_lines, [p.height for p in pages])
    flow: list[Segment | TableItem] = []
    notes = []
    last = 0
    for page, lines in zip(pages, all_lines, strict=True):
        if any(last < n < page.number for n in ocr):
            # an OCR page sits between: a rowless table item ends the paragraph flow here
            flow.append(TableItem(page=page.number, top=0, bbox=(0, 0, 0, 0), rows=[]))
        last = page.number
        body, foot = split_footnotes(lines, page.hrules, page.height, metrics)
        notes.append(foot)
        flow += _with_tables(order_lines(body, metrics, page.number), tables.get(page.number, []))
    note_blocks = footnote_blocks(notes, metrics)
    note_ids = {b.footnote_id for b in note_blocks if b.footnote_id}
    return build_blocks(flow, metrics, note_ids) + note_blocks


def _inside(run: Run, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (run.x0 + run.x1) / 2, (run.top + run.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _with_tables(segs: list[Segment], tables: list[TableItem]) -> list[Segment | TableItem]:
    """Insert each table before the first line below its top edge."""
    out: list[Segment | TableItem] = []
    pending = sorted(tables, key=lambda t: t.top)
    for seg in segs:
        while pending and pending[0].top <= seg.top and seg.region < 0:
            out.append(pending.pop(0))
        out.append(seg)
    return out + pending


def _merge_ocr(
    path: str | Path,
    data: bytes,
    blocks: list[RawBlock],
    ocr_pages: list[int],
    verdicts: list[PageVerdict],
    has_text: bool,
    problems: list[Problem],
) -> list[RawBlock]:
    """OCR the flagged pages and merge their blocks in page order.

    Without OCR a document with some text pages keeps them (and a problem says what is
    missing); a document with none fails with one line naming the cause and the fix.
    """
    from pipeline.readers.ocr import ocr_pdf_pages

    try:
        recognised = ocr_pdf_pages(path, data, ocr_pages)
    except MissingToolError as e:
        if not has_text:
            reasons = Counter(v.reason for v in verdicts if v.needs_ocr)
            why = reasons.most_common(1)[0][0]
            detail = str(e).replace("\n", " ")
            raise MissingToolError(
                f"{path}: no page has a usable text layer ({why}; {len(ocr_pages)} pages need OCR): {detail}"
            ) from e
        problems.append(
            Problem(
                code="pdf.ocr_unavailable",
                stage="reader",
                message=f"pages {ocr_pages} need OCR but it is unavailable: {e}",
            )
        )
        return blocks
    body = [b for b in blocks if b.kind != "footnote"]
    notes = [b for b in blocks if b.kind == "footnote"]
    out: list[RawBlock] = []
    queue = sorted(recognised)
    for b in body:
        while queue and b.page is not None and queue[0] < b.page:
            out += recognised[queue.pop(0)]
        out.append(b)
    for n in queue:
        out += recognised[n]
    for b in out:
        if b.page in recognised and b.source == TextSource.NATIVE:
            b.source = TextSource.OCR
    return out + notes


def _count_converted(blocks: list[RawBlock]) -> int:
    return sum(1 for b in blocks if b.source == TextSource.CONVERTED)


__all__ = ["read_pdf"]
