"""Placeholder: .doc/.rtf through LibreOffice headless (work in progress)."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UnsupportedFormatError
from pipeline.readers.base import ReadResult


def read_legacy_office(path: str | Path, data: bytes, fmt: str) -> ReadResult:
    raise UnsupportedFormatError(path, f".{fmt} files need LibreOffice conversion, not available yet")
