"""Placeholder: OCR of PDF pages with Tesseract (work in progress).

Contract: ``ocr_pdf_pages(path, data, pages) -> dict[int, list[RawBlock]]`` for 1-based page
numbers; raises ``MissingToolError`` when Tesseract is absent.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import MissingToolError
from pipeline.readers.base import RawBlock


def ocr_pdf_pages(path: str | Path, data: bytes, pages: list[int]) -> dict[int, list[RawBlock]]:
    raise MissingToolError(f"{path}: OCR is not available yet (pages {pages} have no usable text layer)")
