"""Plain text and light markdown (.txt, .md): encoding detection, paragraph blocks.

A block is a run of non-blank lines (a paragraph); line breaks inside it are kept, since
headers put one field per line and legal texts wrap sentences by hand.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from pipeline.encodings import convert_legacy
from pipeline.errors import CorruptFileError, EmptyDocumentError
from pipeline.readers.base import RawBlock, ReadResult
from schemas import Conversion, Style, TextSource

_PARA_RE = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_BOLD_BLOCK_RE = re.compile(r"^\s*\*\*[^*].*\*\*\s*$", re.S)
#: Share of NUL bytes above which a BOM-less file is taken for UTF-16.
UTF16_NUL_SHARE = 0.2


def decode_bytes(path: str | Path, data: bytes) -> tuple[str, Conversion | None]:
    """Decode text bytes: UTF-8 (BOM or not), UTF-16 (BOM or NUL-heavy), else Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(path, data, "utf-16"), Conversion(kind="utf-16")
    sample = data[:4096]
    if sample and sample.count(0) / len(sample) > UTF16_NUL_SHARE:
        enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _decode(path, data, enc), Conversion(kind="utf-16", detail=enc)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise CorruptFileError(path, "binary data, not text")
    return data.decode("cp1258", errors="replace"), Conversion(kind="windows-1258")


def _decode(path: str | Path, data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise CorruptFileError(path, f"not valid {enc} text at byte {e.start}") from e


def read_text(path: str | Path, data: bytes) -> ReadResult:
    """Read a .txt/.md file into paragraph blocks with line numbers and source offsets."""
    text, conv = decode_bytes(path, data)
    text, legacy = _convert_legacy_text(data, text, conv)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[RawBlock] = []
    line = 1
    last = 0
    for m in _PARA_RE.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        para = m.group().rstrip("\n")
        style = Style(bold=True) if _BOLD_BLOCK_RE.match(para) else None
        source = TextSource.CONVERTED if legacy else TextSource.NATIVE
        blocks.append(RawBlock(text=para, style=style, source=source, line=line, src_start=m.start()))
    if not blocks:
        raise EmptyDocumentError(path, "no text")
    fmt = "md" if str(path).lower().endswith(".md") else "txt"
    if legacy:
        conv = Conversion(kind=legacy, detail="detected in text", blocks=len(blocks))
    return ReadResult(format=fmt, blocks=blocks, markdown=True, conversions=[conv] if conv else [])


def _convert_legacy_text(data: bytes, text: str, conv: Conversion | None) -> tuple[str, str | None]:
    """Convert TCVN3/VNI text to Unicode; (text, kind) with kind None when it is not legacy.

    Legacy bytes are not UTF-8, so ``decode_bytes`` read them as Windows-1258; the tables
    are written for the Windows-1252 view (as Word and PDF hand legacy text over), so such
    files are re-read that way first. Offsets (``src_start``) then refer to the converted text.
    """
    if conv is not None and conv.kind == "windows-1258":
        text1252 = data.decode("cp1252", errors="replace")
        out, kind = convert_legacy(text1252)
        if kind:
            return out, kind
    return convert_legacy(text)
