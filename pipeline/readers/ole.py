"""Just enough of the OLE compound file format (CFB) to tell what an OLE file is.

Sniffing needs the stream names only: a password-protected .docx/.xlsx is *not* a zip but a
CFB holding ``EncryptionInfo`` and ``EncryptedPackage`` streams; a Word 97-2003 file holds
``WordDocument`` (whose header carries an "encrypted" flag); Excel holds ``Workbook``.
Reading the directory chain costs well under a millisecond and never inflates anything.
"""

from __future__ import annotations

import struct
from pathlib import Path

from pipeline.errors import CorruptFileError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_DIFAT_ENTRIES = 109
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
_DIR_ENTRY = 128
#: WordDocument FIB: bit 8 of the 16-bit flags at offset 0x0A is fEncrypted.
_FIB_FLAGS_OFFSET = 0x0A
_FIB_ENCRYPTED = 0x0100


class OleDirectory:
    """Stream names (and start sectors) from a CFB file's directory."""

    def __init__(self, path: str | Path, data: bytes) -> None:
        self.path = path
        self.data = data
        if len(data) < 512 or not data.startswith(OLE_MAGIC):
            raise CorruptFileError(path, "truncated OLE compound file header")
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise CorruptFileError(path, f"OLE compound file with sector shift {shift}")
        self.sector_size = 1 << shift
        self.mini_cutoff = struct.unpack_from("<I", data, 0x38)[0]
        self._fat = self._read_fat()
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        self.entries: dict[str, tuple[int, int]] = {}
        for sector in self._chain(first_dir):
            self._read_dir_sector(sector)

    def _sector(self, n: int) -> bytes:
        start = (n + 1) * self.sector_size
        if n > _MAX_SECTOR or start + self.sector_size > len(self.data):
            raise CorruptFileError(self.path, "OLE compound file is truncated (sector beyond end of file)")
        return self.data[start : start + self.sector_size]

    def _read_fat(self) -> list[int]:
        n_fat = struct.unpack_from("<I", self.data, 0x2C)[0]
        fat_sectors = [s for s in struct.unpack_from(f"<{_HEADER_DIFAT_ENTRIES}I", self.data, 0x4C) if s <= _MAX_SECTOR]
        difat = struct.unpack_from("<I", self.data, 0x44)[0]
        per_sector = self.sector_size // 4
        seen = 0
        while difat <= _MAX_SECTOR and len(fat_sectors) < n_fat:
            seen += 1
            if seen > len(self.data) // self.sector_size:
                raise CorruptFileError(self.path, "OLE DIFAT chain loops")
            entries = struct.unpack(f"<{per_sector}I", self._sector(difat))
            fat_sectors += [s for s in entries[:-1] if s <= _MAX_SECTOR]
            difat = entries[-1]
        fat: list[int] = []
        for s in fat_sectors[:n_fat]:
            fat += struct.unpack(f"<{per_sector}I", self._sector(s))
        return fat

    def _chain(self, start: int) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector != _END_OF_CHAIN:
            if sector > _MAX_SECTOR or sector >= len(self._fat) or len(chain) > len(self._fat):
                raise CorruptFileError(self.path, "OLE sector chain is broken")
            chain.append(sector)
            sector = self._fat[sector]
        return chain

    def _read_dir_sector(self, sector: int) -> None:
        raw = self._sector(sector)
        for off in range(0, len(raw), _DIR_ENTRY):
            name_len, kind = struct.unpack_from("<HB", raw, off + 0x40)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = raw[off : off + name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", raw, off + 0x74)
            if self.sector_size == 512:  # version 3 files may leave garbage in the high word
                size &= 0xFFFFFFFF
            self.entries[name] = (start, size)

    def word_encrypted(self) -> bool:
        """True when the WordDocument stream's FIB says the document is encrypted."""
        start, size = self.entries.get("WordDocument", (_END_OF_CHAIN, 0))
        if size < self.mini_cutoff or start > _MAX_SECTOR:
            return False
        flags = struct.unpack_from("<H", self._sector(start), _FIB_FLAGS_OFFSET)[0]
        return bool(flags & _FIB_ENCRYPTED)
