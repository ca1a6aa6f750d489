"""Open an OOXML (.docx) package safely: guards run before any member is inflated.

A .docx is a zip of XML parts. Two classic attacks ride on that: a zip bomb (a small file
whose members inflate to gigabytes) and XML entity expansion ("billion laughs"). Sizes and
compression ratios are checked from the zip directory before anything is read; each member
is then inflated in chunks and never beyond its declared size (a lying header fails its
CRC check instead). XML parts are refused outright when they carry a DTD,
because WordprocessingML never needs one, and are parsed with entity resolution, network
access and DTD loading off.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from pipeline.errors import CorruptFileError, EncryptedFileError, HostileFileError, UnsupportedFormatError

#: Refuse packages whose members inflate to more than this in total (a long report is < 5 MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: Refuse a big member that inflates more than this many times its compressed size.
MAX_COMPRESSION_RATIO = 100
#: Members smaller than this may compress as well as they like (tiny repetitive XML is normal).
RATIO_MIN_MEMBER_BYTES = 2 * 1024 * 1024
#: Members are inflated this much at a time (never more than the declared size in total).
READ_CHUNK_BYTES = 1024 * 1024
#: Refuse archives with absurd member counts (each costs a directory entry and a lookup).
MAX_MEMBERS = 10_000

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT_REL = "/officeDocument"
# A DTD in any encoding the XML spec allows for a part (UTF-8, UTF-16 LE/BE).
_DTD_NEEDLES = tuple(
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)
# Packages that are zips but not Word documents, recognised by a part they always have.
_OTHER_PACKAGES = {
    "xl/workbook.xml": "an Excel .xlsx workbook",
    "ppt/presentation.xml": "a PowerPoint .pptx presentation",
    "content.xml": "an OpenDocument file (.odt/.ods)",
}


class SafeZip:
    """A zip archive checked against bombs, with DTD-free XML parsing of its parts."""

    def __init__(self, path: str | Path, data: bytes) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as e:
            raise CorruptFileError(path, f"not a readable zip archive ({_one_line(e)})") from e
        self._check_sizes(infos)
        self.names = {info.filename for info in infos}

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        """Refuse bombs from the directory alone: member count, total size, per-member ratio."""
        if len(infos) > MAX_MEMBERS:
            raise HostileFileError(self.path, f"zip has {len(infos)} members (limit {MAX_MEMBERS})")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedFileError(self.path, f"zip member '{info.filename}' is password-protected")
            total += info.file_size
            if total > MAX_UNCOMPRESSED_BYTES:
                raise HostileFileError(
                    self.path, f"zip inflates to over {MAX_UNCOMPRESSED_BYTES // 1_048_576} MB (possible zip bomb)"
                )
            if info.file_size >= RATIO_MIN_MEMBER_BYTES:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_COMPRESSION_RATIO:
                    raise HostileFileError(
                        self.path,
                        f"zip member '{info.filename}' inflates {ratio:.0f}x (limit {MAX_COMPRESSION_RATIO}x; possible zip bomb)",
                    )

    def read(self, name: str) -> bytes | None:
        """Bytes of a member, or None when absent; damaged data is a CorruptFileError."""
        if name not in self.names:
            return None
        try:
            with self._zip.open(name) as member:
                # chunked: zipfile inflates a whole read() before cutting it to the declared
                # size, so one read() of a member whose header lies could inflate gigabytes
                chunks = list(iter(lambda: member.read(READ_CHUNK_BYTES), b""))
            return b"".join(chunks)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as e:
            raise CorruptFileError(self.path, f"zip member '{name}' is damaged ({_one_line(e)})") from e
        except NotImplementedError as e:  # e.g. an unsupported compression method
            raise UnsupportedFormatError(self.path, f"zip member '{name}': {e}") from e

    def xml(self, name: str) -> etree._Element | None:
        """Parse a member as XML (None when absent); DTDs and entities are refused."""
        blob = self.read(name)
        if blob is None:
            return None
        return parse_xml(self.path, name, blob)

    def relationships(self, source: str) -> dict[str, str]:
        """Map relationship type suffix (e.g. '/styles') to the resolved part name for a source part."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found: dict[str, str] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            rtype = rel.get("Type", "")
            target = rel.get("Target", "")
            suffix = rtype[rtype.rfind("/") :]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found.setdefault(suffix, part)
        return found

    def main_document(self) -> str:
        """Name of the main WordprocessingML part, or UnsupportedFormatError for other zips."""
        target = self.relationships("").get(OFFICE_DOCUMENT_REL)
        for part, what in _OTHER_PACKAGES.items():
            if target == part or (part in self.names and "word/document.xml" not in self.names):
                raise UnsupportedFormatError(self.path, f"{what}, not a Word .docx")
        if target and target in self.names:
            return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise UnsupportedFormatError(self.path, "a zip archive that is not a Word .docx (no word/document.xml)")


def parse_xml(path: str | Path, name: str, blob: bytes) -> etree._Element:
    """Parse one package part; a DTD or entity declaration is a HostileFileError."""
    for needle in _DTD_NEEDLES:
        if needle in blob:
            raise HostileFileError(path, f"part '{name}' declares a DTD/entities (XML entity expansion refused)")
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as e:
        raise CorruptFileError(path, f"part '{name}' is not well-formed XML ({_one_line(e)})") from e


def _one_line(error: Exception) -> str:
    """A library message squeezed onto one line (error messages must stay one line)."""
    return " ".join(str(error).split())[:200]
