"""Readers: one module per format, each ``read_x(path, data) -> ReadResult``.

``read_any`` picks the reader from the file's magic bytes first and its suffix second,
so a renamed file is read for what it is (or refused for what it is).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CorruptFileError, EmptyDocumentError, HostileFileError, UnsupportedFormatError
from pipeline.readers.base import RawBlock, ReadResult

#: Files above this size are refused before any parsing (a plan or report is rarely > 50 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf", ".doc", ".rtf"}


def sniff_format(path: str | Path, data: bytes) -> str:
    """Return 'txt' | 'md' | 'docx' | 'pdf' | 'doc' | 'rtf' or raise a typed InputError."""
    suffix = Path(path).suffix.lower()
    if not data or not data.strip():
        raise EmptyDocumentError(path, "empty file")
    if len(data) > MAX_FILE_BYTES:
        raise HostileFileError(path, f"file is {len(data) // 1_048_576} MB, over the {MAX_FILE_BYTES // 1_048_576} MB limit")
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in {".docx", ".docm", ".dotx"} or b"word/" in data[:65536]:
            return "docx"
        raise UnsupportedFormatError(path, "a zip archive that is not a Word .docx")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if suffix in {".pdf", ".docx", ".doc", ".rtf"}:
        raise CorruptFileError(path, f"not a valid {suffix[1:]} file (unrecognised content)")
    if suffix in TEXT_SUFFIXES:
        return "md" if suffix != ".txt" else "txt"
    raise UnsupportedFormatError(path, f"unsupported file type '{suffix or '(none)'}'")


def read_any(path: str | Path, data: bytes) -> ReadResult:
    """Read a file of any supported format into raw blocks."""
    fmt = sniff_format(path, data)
    if fmt in {"txt", "md"}:
        from pipeline.readers.text import read_text

        return read_text(path, data)
    if fmt == "docx":
        from pipeline.readers.docx import read_docx

        return read_docx(path, data)
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf

        return read_pdf(path, data)
    from pipeline.readers.legacy_office import read_legacy_office

    return read_legacy_office(path, data, fmt)


__all__ = ["RawBlock", "ReadResult", "read_any", "sniff_format", "SUPPORTED_SUFFIXES"]
