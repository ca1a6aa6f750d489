"""Bad and hostile inputs: each gives the right InputError, fast, in one line, without memory blow-up."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest

from pipeline import read_document
from pipeline.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    HostileFileError,
    InputError,
    UnsupportedFormatError,
)
from pipeline.readers import sniff_format
from tests.conftest import FIXTURES, seed_path
from tests.fixtures.docx.builder import (
    CONTENT_TYPES,
    ROOT_RELS,
    deflated,
    document_xml,
    docx_bytes,
    ole_file,
    part_xml,
    raw_zip,
    word97_fib,
    zeros_bomb,
)

#: Every refusal must come back within this many seconds (the brief's bound).
MAX_SECONDS = 2.0
#: ... and allocate at most this much beyond the input bytes.
MAX_PEAK_BYTES = 40 * 1024 * 1024

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + f']><w:document xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def _refused(path: Path, data: bytes, error: type[InputError]) -> InputError:
    """Read ``data`` as ``path``; assert the error type, speed, memory and a one-line message."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(error) as info:
            read_document(path, data)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert elapsed < MAX_SECONDS, f"took {elapsed:.2f}s"
    assert peak < MAX_PEAK_BYTES, f"peak {peak / 1e6:.0f} MB"
    assert "\n" not in message and message.startswith(str(path))
    return info.value


def _docx_with(name: str, data: bytes) -> bytes:
    """The seed 004 package with one member replaced."""
    import zipfile
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(seed_path(4, "docx")) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, data if item.filename == name else src.read(item.filename))
    return out.getvalue()


def test_readers_errors_empty_file(tmp_path: Path) -> None:
    err = _refused(tmp_path / "rỗng.docx", b"", EmptyDocumentError)
    assert err.reason == "empty"


def test_readers_errors_random_bytes_named_docx(tmp_path: Path) -> None:
    _refused(tmp_path / "random.docx", os.urandom(4096).replace(b"PK", b"pk"), CorruptFileError)


def test_readers_errors_truncated_docx(tmp_path: Path) -> None:
    data = seed_path(4, "docx").read_bytes()
    err = _refused(tmp_path / "truncated.docx", data[: len(data) // 2], CorruptFileError)
    assert "zip" in err.detail


def test_readers_errors_damaged_member(tmp_path: Path) -> None:
    """Directory intact, document.xml's deflate stream garbled: a CRC or inflate error, reported."""
    deflate, crc, size = deflated(document_xml("<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p>" * 50).encode())
    garbled = deflate[:10] + bytes(b ^ 0x5A for b in deflate[10:40]) + deflate[40:]
    members = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES.encode())),
        ("_rels/.rels", *deflated(ROOT_RELS.encode())),
        ("word/document.xml", garbled, crc, size),
    ]
    _refused(tmp_path / "damaged.docx", raw_zip(members), CorruptFileError)


def test_readers_errors_zip_bomb_named_docx(tmp_path: Path) -> None:
    """1 GiB of zeros as word/document.xml (about 1 MB on disk): refused from the zip directory."""
    bomb = zeros_bomb(1024)
    data = raw_zip(
        [
            ("[Content_Types].xml", *deflated(CONTENT_TYPES.encode())),
            ("_rels/.rels", *deflated(ROOT_RELS.encode())),
            ("word/document.xml", *bomb),
        ]
    )
    assert len(data) < 2 * 1024 * 1024
    err = _refused(tmp_path / "bomb.docx", data, HostileFileError)
    assert "zip bomb" in err.detail


def test_readers_errors_zip_bomb_under_total_limit_by_ratio(tmp_path: Path) -> None:
    """150 MiB of zeros stays under the 200 MB total but inflates ~1000x: refused by ratio."""
    data = raw_zip([("word/document.xml", *zeros_bomb(150))])
    err = _refused(tmp_path / "ratio.docx", data, HostileFileError)
    assert "inflates" in err.detail


def test_readers_errors_zip_member_lying_about_its_size(tmp_path: Path) -> None:
    """Header says 2 KB, data inflates to 64 MiB: reading stops at 2 KB and fails the CRC check."""
    stream, _, _ = zeros_bomb(64)
    members = [
        ("[Content_Types].xml", *deflated(CONTENT_TYPES.encode())),
        ("_rels/.rels", *deflated(ROOT_RELS.encode())),
        ("word/document.xml", stream, 0, 2048),
    ]
    _refused(tmp_path / "liar.docx", raw_zip(members), CorruptFileError)


@pytest.mark.parametrize(
    ("part", "payload"),
    [
        ("word/document.xml", BILLION_LAUGHS.encode()),
        ("word/document.xml", XXE.encode()),
        ("word/document.xml", BILLION_LAUGHS.encode("utf-16")),
        ("word/styles.xml", BILLION_LAUGHS.replace("w:document", "w:styles").encode()),
    ],
    ids=["billion-laughs", "external-entity", "billion-laughs-utf16", "entities-in-styles"],
)
def test_readers_errors_xml_entities(tmp_path: Path, part: str, payload: bytes) -> None:
    err = _refused(tmp_path / "entities.docx", _docx_with(part, payload), HostileFileError)
    assert "entit" in err.detail


def test_readers_errors_encrypted_docx() -> None:
    """A real password-protected .docx (msoffcrypto-tool, agile encryption, password 'vanban')."""
    path = FIXTURES / "docx" / "encrypted-password-vanban.docx"
    err = _refused(path, path.read_bytes(), EncryptedFileError)
    assert err.reason == "encrypted"


def test_readers_errors_zip_member_password(tmp_path: Path) -> None:
    """Zip-level encryption (general purpose flag bit 0) is also a password problem."""
    data = raw_zip([("word/document.xml", *deflated(b"<x/>"))], flags=0x1)
    _refused(tmp_path / "zipcrypto.docx", data, EncryptedFileError)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (
            {"_rels/.rels": ROOT_RELS.replace("word/document.xml", "xl/workbook.xml"), "xl/workbook.xml": "<w/>"},
            "Excel",
        ),
        ({"ppt/presentation.xml": "<p/>"}, "PowerPoint"),
        ({"notes.txt": "không phải docx"}, "not a Word .docx"),
    ],
    ids=["xlsx", "pptx", "plain-zip"],
)
def test_readers_errors_zip_not_docx(tmp_path: Path, members: dict[str, str], expected: str) -> None:
    data = raw_zip([(name, *deflated(text.encode())) for name, text in members.items()])
    err = _refused(tmp_path / "other.docx", data, UnsupportedFormatError)
    assert expected in err.detail


def test_readers_errors_malformed_xml(tmp_path: Path) -> None:
    data = docx_bytes(document=document_xml("<w:p><w:r><w:t>Số: 12</w:t></w:r>"))
    _refused(tmp_path / "malformed.docx", data, CorruptFileError)


def test_readers_errors_no_body(tmp_path: Path) -> None:
    data = docx_bytes(document=part_xml("document", ""))
    _refused(tmp_path / "nobody.docx", data, CorruptFileError)


def test_readers_errors_body_without_text(tmp_path: Path) -> None:
    data = docx_bytes("<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    _refused(tmp_path / "blank.docx", data, EmptyDocumentError)


@pytest.mark.parametrize(
    ("streams", "error", "expected"),
    [
        ({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x10"}, EncryptedFileError, "encrypted package"),
        ({"WordDocument": word97_fib(encrypted=True)}, EncryptedFileError, "Word 97-2003"),
        ({"Workbook": b"\x09\x08"}, UnsupportedFormatError, "Excel"),
    ],
    ids=["ooxml-encrypted", "word97-encrypted", "xls"],
)
def test_readers_errors_ole_files(
    tmp_path: Path, streams: dict[str, bytes], error: type[InputError], expected: str
) -> None:
    err = _refused(tmp_path / "ole.docx", ole_file(streams), error)
    assert expected in err.detail


def test_readers_errors_ole_word97_is_doc() -> None:
    """An unencrypted Word 97-2003 file is sniffed as 'doc' whatever its name."""
    assert sniff_format("renamed.docx", ole_file({"WordDocument": word97_fib(encrypted=False)})) == "doc"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>QUY\xe1\xba\xbeT \xc4\x90\xe1\xbb\x8aNH',
            "HTML page",
        ),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "web page (.mht)"),
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', "Word 2003 XML"),
    ],
    ids=["html", "mht", "word-2003-xml"],
)
def test_readers_errors_saved_as_web_page(tmp_path: Path, data: bytes, expected: str) -> None:
    err = _refused(tmp_path / "quyet-dinh.doc", data, UnsupportedFormatError)
    assert expected in err.detail
