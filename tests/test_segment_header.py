"""Header and closing fields of the seeds (every format) and of small real-layout cases."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from pipeline import parse
from pipeline.assemble import assemble
from pipeline.header import is_title_line
from pipeline.readers.base import RawBlock, ReadResult
from pipeline.readers.text import read_text
from pipeline.segment import segment
from pipeline.segment_patterns import DATA_DIR
from schemas import BlockKind, DateParts, DocumentMeta, ExtractedDocument
from tests.conftest import FIXTURES
from tests.test_segment_outline import FORMATS, parsed

EXPECTED = yaml.safe_load((FIXTURES / "segment" / "header_closing.yaml").read_text(encoding="utf-8"))
FIELDS = ["national_motto", "party_document", "issuer", "issuer_normalized", "parent_issuer", "number", "symbol",
          "number_symbol_raw", "place", "issue_date", "issue_date_raw", "doc_type", "doc_type_raw", "subject",
          "addressees", "signer_name", "signer_title", "signer_authority", "signer_on_behalf_of", "end_marker"]  # fmt: skip


def _expected(seed: str) -> dict:
    exp = {f: DocumentMeta.model_fields[f].default for f in FIELDS if f != "addressees"}
    exp["addressees"] = []
    exp.update({k: v for k, v in EXPECTED[seed].items() if k not in ("recipients", "issue_date_parts")})
    return exp


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("n", range(5), ids=[f"seed{n:03d}" for n in range(5)])
def test_segment_header_and_closing_fields(n: int, fmt: str) -> None:
    doc = parsed(n, fmt)
    seed = f"{n:03d}"
    got = {f: getattr(doc.meta, f) for f in FIELDS}
    assert got == _expected(seed)
    parts = EXPECTED[seed].get("issue_date_parts")
    assert doc.meta.issue_date_parts == (DateParts(year=parts[0], month=parts[1], day=parts[2]) if parts else None)
    assert [r.text for r in doc.meta.recipients] == EXPECTED[seed]["recipients"]
    for r in doc.meta.recipients:
        assert doc.text[r.span[0] : r.span[1]] == r.text


@pytest.mark.parametrize("n", range(5))
def test_segment_header_zones_in_order(n: int) -> None:
    m = parsed(n, "txt").meta
    assert m.header_span[1] < m.body_span[0] < m.body_span[1] < m.closing_span[0] < m.closing_span[1]


def test_segment_header_title_table_examples() -> None:
    data = yaml.safe_load((DATA_DIR / "doc_titles.yaml").read_text(encoding="utf-8"))
    for entry in data["entries"]:
        for example in entry["examples"]:
            assert is_title_line(example), example
    assert not is_title_line("QUYẾT ĐỊNH:")
    assert not is_title_line("Kế hoạch này được triển khai")


def doc_of(*blocks: RawBlock | str) -> ExtractedDocument:
    raws = [b if isinstance(b, RawBlock) else RawBlock(text=b) for b in blocks]
    text, bl = assemble(ReadResult(format="docx", blocks=raws))
    return segment(ExtractedDocument(id="x", source_path="x", format="docx", size_bytes=1, text=text, blocks=bl))


def test_segment_header_table_cells_in_any_order() -> None:
    """ND30 header table: the right cell (motto, date) may come before the left one (issuer, number)."""
    right = RawBlock(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBa Tơ, ngày 26 tháng 4 năm 2024",
                     kind=BlockKind.TABLE_CELL, table=0, row=0, col=1)  # fmt: skip
    left = RawBlock(text="UBND TỈNH QUẢNG NGÃI\nỦY BAN NHÂN DÂN HUYỆN BA TƠ\nSố: 104/KH-UBND",
                    kind=BlockKind.TABLE_CELL, table=0, row=0, col=0)  # fmt: skip
    m = doc_of(right, left, "KẾ HOẠCH", "Khắc phục, cải thiện và nâng cao điểm thi đua năm 2024", "Căn cứ Luật.").meta
    assert (m.issuer, m.parent_issuer, m.issuer_normalized) == (
        "ỦY BAN NHÂN DÂN HUYỆN BA TƠ",
        "UBND TỈNH QUẢNG NGÃI",
        "UBND huyện Ba Tơ",
    )
    assert (m.number, m.symbol, m.place, m.issue_date) == ("104", "KH-UBND", "Ba Tơ", dt.date(2024, 4, 26))
    assert (m.doc_type, m.subject) == ("Kế hoạch", "Khắc phục, cải thiện và nâng cao điểm thi đua năm 2024")


def test_segment_header_party_document() -> None:
    m = doc_of("HUYỆN ỦY BA TƠ\n*\nSố 12-KH/HU", "ĐẢNG CỘNG SẢN VIỆT NAM\nBa Tơ, ngày 05 tháng 3 năm 2024",
               "KẾ HOẠCH", "thực hiện Chỉ thị 34-CT/TW", "I. MỤC ĐÍCH").meta  # fmt: skip
    assert m.party_document and not m.national_motto
    assert (m.issuer, m.number, m.symbol, m.number_symbol_raw) == ("HUYỆN ỦY BA TƠ", "12", "KH/HU", "12-KH/HU")
    assert m.issue_date == dt.date(2024, 3, 5)


def test_segment_header_columns_on_one_line() -> None:
    """2008 .doc transcript (dev-eval 013 layout): both columns on one line, separated by spaces and tabs."""
    raw = ("ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc\n\n"
           "  Số: 991/QĐ-UBND                                           Đồng Xoài, ngày 14 tháng5 năm 2008\n\n"
           "QUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng\n\nỦY BAN NHÂN DÂN TỈNH\n\n"
           "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;\n\nQuyết định này có hiệu lực kể từ ngày ký./.\n\n"
           "Nơi nhận:                                        TM. ỦY BAN NHÂN DÂN TỈNH\n"
           "- Như Điều 3;                                                  CHỦ TỊCH\n"
           "- Lưu: VT.                                                   (Đã ký)\n"
           "                                                             Trương Tấn Thiệu\n")  # fmt: skip
    text, blocks = assemble(read_text("x.txt", raw.encode()))
    m = segment(
        ExtractedDocument(id="x", source_path="x.txt", format="txt", size_bytes=1, text=text, blocks=blocks)
    ).meta
    assert (m.issuer_normalized, m.number_symbol_raw, m.place, m.issue_date) == (
        "UBND tỉnh Bình Phước",
        "991/QĐ-UBND",
        "Đồng Xoài",
        dt.date(2008, 5, 14),
    )
    assert (m.doc_type, m.subject) == ("Quyết định", "Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng")
    assert (m.signer_authority, m.signer_title, m.signer_name) == ("TM.", "CHỦ TỊCH", "Trương Tấn Thiệu")
    assert [r.text for r in m.recipients] == ["Như Điều 3", "Lưu: VT"]


def test_segment_header_signature_chain() -> None:
    m = doc_of("I. NỘI DUNG", "Nội dung./.", "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
               "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn An").meta  # fmt: skip
    assert (m.signer_authority, m.signer_on_behalf_of, m.signer_title, m.signer_name) == (
        "KT.",
        "ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    )
    assert m.end_marker


def test_segment_header_cong_van_addressee_list() -> None:
    """Công văn: "V/v" trích yếu under the number (wrapped), "Kính gửi:" with a '- X;' list."""
    m = doc_of("ỦY BAN NHÂN DÂN\nHUYỆN BA TƠ\nSố: 123/UBND-VP\nV/v triển khai công tác\nthi đua năm 2024",
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBa Tơ, ngày 20 tháng 01 năm 2024",
               "Kính gửi:\n- Các cơ quan, đơn vị;\n- UBND các xã, thị trấn.", "Thực hiện Kế hoạch số 10/KH-UBND.").meta  # fmt: skip
    assert (m.doc_type, m.subject, m.number, m.symbol) == (
        "Công văn",
        "triển khai công tác thi đua năm 2024",
        "123",
        "UBND-VP",
    )
    assert m.addressees == ["Các cơ quan, đơn vị", "UBND các xã, thị trấn"]
    assert m.issue_date == dt.date(2024, 1, 20)


DEV = FIXTURES / "segment" / "dev"
DEV_META = yaml.safe_load((DEV / "meta.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc_id", sorted(DEV_META))
def test_segment_header_real_layouts(doc_id: str) -> None:
    """TVPL markdown, Công báo PDF text and old .doc transcripts (tests/fixtures/segment/dev)."""
    m = parse(DEV / f"{doc_id}.txt").meta
    expected = DEV_META[doc_id]
    got = {k: getattr(m, k) for k in expected}
    assert " ".join(got.pop("subject").split()) == expected.pop("subject")
    assert got == expected
