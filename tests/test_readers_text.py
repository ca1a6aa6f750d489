"""The .txt reader: encodings, paragraph blocks, markdown emphasis, offsets back to the file."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from pipeline import read_document
from pipeline.errors import CorruptFileError, EmptyDocumentError
from pipeline.normalize import OffsetMap, normalize_text
from tests.conftest import SEEDS, seed_path


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 stores tone marks as combining bytes after a (possibly precomposed) vowel."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
            out += (base + "".join(c for c in nfd if c in TONES)).encode("cp1258")
    return bytes(out)


TONES = "\u0300\u0301\u0303\u0309\u0323"
SAMPLE = "ỦY BAN NHÂN DÂN\nHUYỆN BA TƠ\n\nSố: 104/KH-UBND\n\nCăn cứ Quyết định số 01/QĐ-UBND ngày 20/01/2023;\n"


@pytest.mark.parametrize(
    ("data", "conversion"),
    [
        (SAMPLE.encode("utf-8"), None),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), None),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16"),
        (encode_cp1258(SAMPLE), "windows-1258"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-nobom", "cp1258"],
)
def test_readers_text_detects_encoding(tmp_path, data: bytes, conversion: str | None) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    doc = read_document(p)
    assert doc.text == "ỦY BAN NHÂN DÂN\nHUYỆN BA TƠ\nSố: 104/KH-UBND\nCăn cứ Quyết định số 01/QĐ-UBND ngày 20/01/2023;"
    assert [c.kind for c in doc.conversions] == ([conversion] if conversion else [])
    assert [b.line for b in doc.blocks] == [1, 4, 6]


@pytest.mark.parametrize("seed", SEEDS)
def test_readers_text_blocks_map_back_to_source(seed: str) -> None:
    path = seed_path(seed)
    src = path.read_text(encoding="utf-8")
    doc = read_document(path)
    assert "**" not in doc.text
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        omap = OffsetMap(block.offset_map or [])
        for i, ch in enumerate(block.text):
            src_ch = src[block.src_start + omap.to_source(i)]
            assert normalize_text(src_ch)[0] == ch, (block.index, i)  # quotes/dashes unified


def test_readers_text_bold_paragraph_is_a_style_hint() -> None:
    doc = read_document(seed_path(4))
    first = doc.blocks[0]
    assert first.text == "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN"
    assert first.style.bold is True


def test_readers_text_rejects_empty_and_binary(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    with pytest.raises(EmptyDocumentError, match="empty.txt"):
        read_document(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x00\x81\x00garbage\x00\x9f" * 3)
    with pytest.raises((CorruptFileError, EmptyDocumentError)):
        read_document(binary)
