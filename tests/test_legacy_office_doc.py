""".doc and .rtf through LibreOffice: a .doc made from seed 004 at test time, bad .doc files."""

from __future__ import annotations

import struct
import subprocess

import pytest
from rapidfuzz.distance import Indel

from pipeline import read_document
from pipeline.errors import CorruptFileError, EncryptedFileError, MissingToolError
from pipeline.readers import legacy_office
from pipeline.readers.ole import OleDirectory
from tests.conftest import seed_path


def _soffice_convert(src, fmt, out_dir):
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(out_dir / 'profile').as_uri()}", "--headless",
         "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out_dir / f"{src.stem}.{fmt}"


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory):
    """Seed 004's .docx saved by LibreOffice as Word 97-2003 .doc."""
    return _soffice_convert(seed_path(4, "docx"), "doc", tmp_path_factory.mktemp("doc"))


def test_legacy_office_doc_reads_like_docx(seed_doc):
    doc = read_document(seed_doc)
    want = read_document(seed_path(4, "docx"))
    assert doc.format == "doc"
    assert [c.kind for c in doc.conversions][:1] == ["libreoffice"]
    assert {b.source for b in doc.blocks} == {"converted"}
    assert Indel.normalized_similarity(want.text, doc.text) >= 0.99
    assert doc.text.startswith("ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN")


def test_legacy_office_rtf_reads(tmp_path):
    rtf = _soffice_convert(seed_path(4, "docx"), "rtf", tmp_path)
    doc = read_document(rtf)
    assert doc.format == "rtf"
    assert Indel.normalized_similarity(read_document(seed_path(4, "docx")).text, doc.text) >= 0.99


def test_legacy_office_encrypted_doc_refused(seed_doc, tmp_path):
    data = bytearray(seed_doc.read_bytes())
    ole = OleDirectory(seed_doc, bytes(data))
    start, _size = ole.entries["WordDocument"]
    fib = (start + 1) * ole.sector_size + 0x0A  # FIB flags; bit 8 is fEncrypted
    flags = struct.unpack_from("<H", data, fib)[0]
    struct.pack_into("<H", data, fib, flags | 0x0100)
    locked = tmp_path / "locked.doc"
    locked.write_bytes(bytes(data))
    with pytest.raises(EncryptedFileError):
        read_document(locked)


def test_legacy_office_garbage_rtf_is_corrupt(tmp_path):
    junk = tmp_path / "junk.rtf"
    junk.write_bytes(b"{\\rtf1" + bytes(range(256)) * 8)
    with pytest.raises(CorruptFileError):
        legacy_office.read_legacy_office(junk, junk.read_bytes(), "rtf")


def test_legacy_office_missing_soffice_says_how_to_install(monkeypatch, seed_doc):
    monkeypatch.setattr(legacy_office.shutil, "which", lambda name: None)
    with pytest.raises(MissingToolError, match="apt-get install libreoffice-writer-nogui"):
        legacy_office.read_legacy_office(seed_doc, seed_doc.read_bytes(), "doc")
