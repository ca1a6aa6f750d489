"""Readers: one module per format, each ``read_x(path, data) -> ReadResult``.

``read_any`` picks the reader from the file's magic bytes first and its suffix second,
so a renamed file is read for what it is (or refused for what it is).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    HostileFileError,
    UnsupportedFormatError,
)
from pipeline.readers.base import RawBlock, ReadResult
from pipeline.readers.ole import OLE_MAGIC

#: Files above this size are refused before any parsing (a plan or report is rarely > 50 MB).
MAX_FILE_BYTES = 200 * 1024 * 1024

# Word's other "Save as" outputs that offices keep under a .doc name (lower-cased first 2 KB).
_SAVED_AS_WORD = (
    (b'progid="word.document"', "a Word 2003 XML document"),
    (b"mime-version:", "a single-file web page (.mht)"),
    (b"<html", "an HTML page"),
)
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf", ".doc", ".rtf"}


def sniff_format(path: str | Path, data: bytes) -> str:
    """Return 'txt' | 'md' | 'docx' | 'pdf' | 'doc' | 'rtf' or raise a typed InputError."""
    suffix = Path(path).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise HostileFileError(
            path, f"file is {len(data) // 1_048_576} MB, over the {MAX_FILE_BYTES // 1_048_576} MB limit"
        )
    if not data or (not data[:65536].strip() and not data.strip()):
        raise EmptyDocumentError(path, "empty file")
    head = data[:8]
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header (corpus-wild 21 has 21 bytes)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        # part names sit in the local headers (start) and the central directory (end)
        if suffix in {".docx", ".docm", ".dotx"} or b"word/" in data[:65536] or b"word/" in data[-65536:]:
            return "docx"
        raise UnsupportedFormatError(path, "a zip archive that is not a Word .docx")
    if head.startswith(b"PK\x05\x06"):
        raise EmptyDocumentError(path, "an empty zip archive")
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path, data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if suffix in {".pdf", ".docx", ".doc", ".rtf"}:
        lead = data[:2048].lower()
        for needle, what in _SAVED_AS_WORD:
            if needle in lead:
                raise UnsupportedFormatError(path, f"{what} with a {suffix} name; open it in Word and save as .docx")
        raise CorruptFileError(path, f"not a valid {suffix[1:]} file (unrecognised content)")
    if suffix in TEXT_SUFFIXES:
        return "md" if suffix != ".txt" else "txt"
    raise UnsupportedFormatError(path, f"unsupported file type '{suffix or '(none)'}'")


def _sniff_ole(path: str | Path, data: bytes) -> str:
    """An OLE compound file: Word 97-2003 ('doc'), or an encrypted OOXML/Word file, or other Office."""
    from pipeline.readers.ole import OleDirectory

    ole = OleDirectory(path, data)
    streams = ole.entries
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise EncryptedFileError(path, "password-protected Office document (encrypted package)")
    if "WordDocument" in streams:
        if ole.word_encrypted():
            raise EncryptedFileError(path, "password-protected Word 97-2003 document")
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        raise UnsupportedFormatError(path, "an Excel 97-2003 workbook, not a document")
    if "PowerPoint Document" in streams:
        raise UnsupportedFormatError(path, "a PowerPoint 97-2003 presentation, not a document")
    raise UnsupportedFormatError(path, "an OLE compound file that is not a Word document")


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
