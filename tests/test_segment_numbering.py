"""Numbering gaps, repeats and regressions are kept as written and reported; nesting rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.assemble import assemble
from pipeline.readers.base import RawBlock, ReadResult
from pipeline.sections import match_marker
from pipeline.segment import segment
from schemas import ExtractedDocument, SectionKind
from tests.test_segment_outline import parsed


def doc_of(*paragraphs: str) -> ExtractedDocument:
    text, blocks = assemble(ReadResult(format="txt", blocks=[RawBlock(text=p) for p in paragraphs]))
    return segment(ExtractedDocument(id="x", source_path="x.txt", format="txt", size_bytes=len(text), text=text,
                                     blocks=blocks))  # fmt: skip


def test_segment_numbering_seed000_gap_iii_to_v() -> None:
    doc = parsed(0, "txt")
    gaps = [p for p in doc.problems if p.code == "section.gap"]
    assert [doc.text[p.span[0] : p.span[1]] for p in gaps] == ["V. TỔ CHỨC THỰC HIỆN"]
    assert [s.marker for s in doc.sections if s.level == 1] == ["I.", "II.", "III.", "V."]


def test_segment_numbering_seed004_repeated_letter_kept() -> None:
    doc = parsed(4, "txt")
    repeats = [p for p in doc.problems if p.code == "section.repeat"]
    assert len(repeats) == 1
    assert doc.text[repeats[0].span[0] :].startswith("d) Tiếp tục đẩy mạnh cải cách công vụ")
    assert [s.marker for s in doc.sections if s.path.startswith("II/1/")] == [
        "a)",
        "b)",
        "c)",
        "d)",
        "d)",
        "e)",
        "g)",
        "h)",
    ]


def test_segment_numbering_regression_and_office_letters() -> None:
    doc = doc_of("I. MỘT", "1. Một", "3. Ba", "2. Hai", "a) một", "b) hai", "c) ba", "d) bốn", "e) năm", "g) sáu")
    assert [p.code for p in doc.problems] == ["section.gap", "section.regression"]  # d) → e) → g) is fine


def test_segment_numbering_reused_style_nests() -> None:
    """'1.' restarting under a letter opens a deeper level instead of closing the letter's parent."""
    doc = doc_of("I. MỘT", "1. Mục một", "a) Điểm a", "1. Ý một", "2. Ý hai", "b) Điểm b", "2. Mục hai")
    assert [s.path for s in doc.sections] == ["I", "I/1", "I/1/a", "I/1/a/1", "I/1/a/2", "I/1/b", "I/2"]
    assert doc.problems == []


def test_segment_numbering_heading_wrapped_and_title_on_next_block() -> None:
    doc = doc_of(
        "Phần I",
        "KẾT QUẢ THỰC HIỆN",
        "I. ĐÁNH GIÁ, PHÂN TÍCH KẾT QUẢ NĂM\n2023 CỦA UBND HUYỆN",
        "1. Kết quả",
        "Nội dung.",
    )
    assert [(s.path, s.title) for s in doc.sections] == [
        ("Phần I", "KẾT QUẢ THỰC HIỆN"),
        ("Phần I/I", "ĐÁNH GIÁ, PHÂN TÍCH KẾT QUẢ NĂM 2023 CỦA UBND HUYỆN"),
        ("Phần I/I/1", "Kết quả"),
    ]


@pytest.mark.parametrize(
    ("line", "kind", "marker"),
    [
        ("PHẦN THỨ NHẤT", SectionKind.PART, "PHẦN THỨ NHẤT"),
        ("Chương II. QUY ĐỊNH CHUNG", SectionKind.PART, "Chương II"),
        ("Điều 1. Phạm vi", SectionKind.ARTICLE, "Điều 1."),
        ("2.1.3. Chi tiết", SectionKind.MULTI, "2.1.3."),
        ("đ) Kết quả", SectionKind.LETTER, "đ)"),
        ("(12) Tỷ lệ", SectionKind.PAREN, "(12)"),
        ("IV- NHIỆM VỤ", SectionKind.ROMAN, "IV-"),
    ],
)
def test_segment_numbering_markers(line: str, kind: SectionKind, marker: str) -> None:
    found = match_marker(line)
    assert found is not None and found[0] == kind and found[1] == marker


@pytest.mark.parametrize(
    "line", ["V/v đăng ký giao ước", "2.308,61 tỷ đồng", "2025. Tổ chức", "- (1) Tổng giá trị", "IIII. Sai"]
)
def test_segment_numbering_not_markers(line: str) -> None:
    assert match_marker(line) is None


_LINE = st.one_of(
    st.sampled_from(["I. MỤC ĐÍCH", "1. Mục đích", "2.1. Kết quả", "a) Nội dung;", "(1) Chỉ tiêu", "- gạch đầu dòng",
                     "Phần II", "Điều 3.", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An", "Số: /UBND",
                     "KẾ HOẠCH", "Hà Nội, ngày   tháng 3 năm 2024", "V/v báo cáo", "Kính gửi: UBND tỉnh", "./."]),
    st.text(min_size=1, max_size=40),
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_LINE, min_size=1, max_size=4).map("\n".join), min_size=1, max_size=12))
def test_segment_numbering_never_raises_and_spans_hold(paragraphs: list[str]) -> None:
    """Any text segments without error; every section and zone span lies inside the text, in order."""
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        return
    doc = doc_of(*paragraphs)
    n = len(doc.text)
    for s in doc.sections:
        assert 0 <= s.heading_span[0] <= s.heading_span[1] <= n
        assert s.body_span[0] == s.heading_span[0] <= s.body_span[1] <= n
    for span in (doc.meta.header_span, doc.meta.body_span, doc.meta.closing_span):
        assert span is None or 0 <= span[0] <= span[1] <= n
    for r in doc.meta.recipients:
        assert doc.text[r.span[0] : r.span[1]] == r.text
