"""A PDF whose page 1 has a text layer (seed 000, page 1) and page 2 is a scan (seed 001, page 2)."""

from __future__ import annotations

from pipeline import read_document
from tests.conftest import FIXTURES

MIXED = FIXTURES / "legacy" / "mixed_text_then_scan.pdf"


def test_ocr_mixed_pdf_reads_both_pages_in_order():
    doc = read_document(MIXED)
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages) and set(pages) == {1, 2}
    assert {b.source for b in doc.blocks if b.page == 1} == {"native"}
    assert {b.source for b in doc.blocks if b.page == 2} == {"ocr"}
    # first words of each page, checked by eye against the two source pages
    assert doc.text.startswith("KẾ HOẠCH\nKhắc phục, cải thiện và nâng cao điểm thi đua Cụm các huyện")
    assert "2.2. Khó khăn" in doc.text
    assert doc.text.index("Khắc phục, cải thiện") < doc.text.index("2.2. Khó khăn")
    assert "Công văn số 1202/UBND ngày 05/6/2024" in doc.text
