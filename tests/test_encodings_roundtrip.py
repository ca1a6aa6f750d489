"""Seeds encoded in TCVN3 and VNI (.txt and .docx, built here from the Unicode text with our
tables) read back through ``pipeline.read_document`` as exactly the original text."""

from __future__ import annotations

import io
import re

import docx
import pytest

from pipeline import read_document
from pipeline.encodings import encode_legacy
from tests.conftest import seed_path

# An 8-bit file has no code for most superscript digits, and in TCVN3 byte 0xB9 ("¹" in
# Windows-1252) is "ạ". Seeds 000-002 mark footnotes with superscripts, which a real legacy
# .txt cannot contain (nor a TCVN3 run), so they are dropped from the original first.
_SUPERSCRIPTS_RE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
# TCVN3 keeps no capital toned letters without a capitals font; in a .txt, case is guessed
# from the neighbouring words (works for 000 and 004; 002/003 have "Ủy ban MTTQ", "Ái Quốc").
TXT_CASES = [("tcvn3", 0), ("tcvn3", 4), ("vni", 1), ("vni", 2)]


def _seed_text(n: int, kind: str) -> str:
    text = seed_path(n).read_text(encoding="utf-8")
    return _SUPERSCRIPTS_RE.sub("", text) if kind == "tcvn3" else text


@pytest.mark.parametrize(("kind", "seed"), TXT_CASES, ids=[f"{k}-{s}" for k, s in TXT_CASES])
def test_encodings_legacy_txt_reads_as_original(tmp_path, kind, seed):
    original = _SUPERSCRIPTS_RE.sub("", seed_path(seed).read_text(encoding="utf-8"))
    original = "".join(ch for ch in original if _in_8bit(encode_legacy(ch, kind)))  # "⁴", "≥": no byte
    plain = tmp_path / "unicode.txt"
    plain.write_text(original, encoding="utf-8")
    legacy = tmp_path / f"{kind}.txt"
    legacy.write_bytes(encode_legacy(original, kind).encode("cp1252"))
    want = read_document(plain)
    got = read_document(legacy)
    assert got.text == want.text
    assert [c.kind for c in got.conversions] == [kind]
    assert {b.source for b in got.blocks} == {"converted"}


def _in_8bit(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _paragraphs(n: int, kind: str) -> list[str]:
    text = _seed_text(n, kind).replace("**", "").replace("*", "")
    return [line.strip() for line in text.splitlines() if line.strip()]


_CAPS_TONED_RE = re.compile(r"([A-ZÀ-Ỹ]*[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]+[A-ZÀ-Ỹ]*)")


def _tcvn3_runs(paragraph: str) -> list[tuple[str, str]]:
    """Runs as a TCVN3 typist makes them: capitals with tone marks in .VnTimeH, the rest .VnTime."""
    runs = []
    for i, part in enumerate(_CAPS_TONED_RE.split(paragraph)):
        if part:
            runs.append((encode_legacy(part, "tcvn3"), ".VnTimeH" if i % 2 else ".VnTime"))
    return runs


def _build_docx(paragraphs: list[list[tuple[str, str]]]) -> bytes:
    document = docx.Document()
    for runs in paragraphs:
        p = document.add_paragraph()
        for text, font in runs:
            p.add_run(text).font.name = font
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _legacy_runs(paragraph: str, kind: str) -> list[tuple[str, str]]:
    return _tcvn3_runs(paragraph) if kind == "tcvn3" else [(encode_legacy(paragraph, "vni"), "VNI-Times")]


DOCX_CASES = [("tcvn3", 1), ("tcvn3", 3), ("vni", 0), ("vni", 4), ("mixed", 2)]


@pytest.mark.parametrize(("kind", "seed"), DOCX_CASES, ids=[f"{k}-{s}" for k, s in DOCX_CASES])
def test_encodings_legacy_docx_reads_as_original(tmp_path, kind, seed):
    paragraphs = _paragraphs(seed, "tcvn3" if kind == "mixed" else kind)
    unicode_docx = tmp_path / "unicode.docx"
    unicode_docx.write_bytes(_build_docx([[(p, "Times New Roman")] for p in paragraphs]))
    if kind == "mixed":  # every other paragraph Unicode, the rest TCVN3
        runs = [[(p, "Times New Roman")] if i % 2 else _tcvn3_runs(p) for i, p in enumerate(paragraphs)]
    else:
        runs = [_legacy_runs(p, kind) for p in paragraphs]
    legacy_docx = tmp_path / f"{kind}.docx"
    legacy_docx.write_bytes(_build_docx(runs))
    want = read_document(unicode_docx)
    got = read_document(legacy_docx)
    assert got.text == want.text
    assert got.text.startswith(paragraphs[0])
    assert {c.kind for c in got.conversions} == {"tcvn3" if kind == "mixed" else kind}
