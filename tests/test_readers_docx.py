""".docx reader: real documents against hand-checked text, plus one small package per Word feature.

Real files: the five seeds (plain and styled) against their .txt; seed 001's footnotes;
seed 004's letterhead table; corpus-wild 04 (Word automatic numbering; expected markers
checked against LibreOffice's rendering of the file, which agrees on all 208 lines), 06
(the "DỰ THẢO" text box stored twice) and 07 (a header laid out with spaces and tabs).
"""

from __future__ import annotations

import re

import pytest
from rapidfuzz.distance import Indel

import pipeline.readers.docx as docx_reader
from pipeline import read_document
from pipeline.readers.docx_numbering import format_number
from schemas import BlockKind, ExtractedDocument, TextSource
from tests.conftest import FIXTURES, SAMPLES, seed_path
from tests.fixtures.docx.builder import docx_bytes, part_xml

DOCX = FIXTURES / "docx"
_WS_RE = re.compile(r"\s+")
SYMBOL_DOT = "\uf0b7"  # the Symbol-font bullet Word writes as lvlText
#: Footnote blocks per seed, counted by hand from the superscript paragraphs of each .txt.
SEED_FOOTNOTES = {0: 1, 1: 20, 2: 1, 3: 0, 4: 0}


def _collapse(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def _key(text: str) -> str:
    """Whitespace-free form: the .txt writes '⁶Tính' where Word prints '⁶ Tính'."""
    return _WS_RE.sub("", text)


def _read(path) -> ExtractedDocument:
    doc = read_document(path)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    return doc


def _notes(doc: ExtractedDocument) -> list:
    return [b for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]


# ---------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("styled", [False, True], ids=["plain", "styled"])
@pytest.mark.parametrize("seed", range(5))
def test_readers_docx_seed_text_matches_txt(seed: int, styled: bool) -> None:
    """Body vs body and footnotes vs footnotes agree with the .txt at >= 0.99."""
    path = SAMPLES / "styled" / seed_path(seed, "docx").name if styled else seed_path(seed, "docx")
    doc, txt = _read(path), read_document(seed_path(seed, "txt"))
    assert len(_notes(doc)) == SEED_FOOTNOTES[seed]
    note_lines = [line for b in _notes(doc) for line in b.text.split("\n")]
    keys = {_key(line) for line in note_lines}
    txt_notes = [b.text for b in txt.blocks if _key(b.text) in keys]
    assert len(txt_notes) == len(note_lines)  # every footnote paragraph is in the .txt, once
    body = _collapse(" ".join(b.text for b in doc.blocks if b.kind is not BlockKind.FOOTNOTE))
    txt_body = _collapse(" ".join(b.text for b in txt.blocks if _key(b.text) not in keys))
    assert Indel.normalized_similarity(body, txt_body) >= 0.99
    assert Indel.normalized_similarity(_collapse(" ".join(note_lines)), _collapse(" ".join(txt_notes))) >= 0.99


def test_readers_docx_seed001_footnotes() -> None:
    doc = _read(seed_path(1, "docx"))
    notes = {b.footnote_id: b for b in _notes(doc)}
    assert list(notes) == [str(n) for n in range(1, 21)]
    assert notes["15"].text == "¹⁵ Trong đó có 02 đơn/02 vụ khiếu nại, đã giải quyết đạt 100%."
    assert notes["16"].text == "¹⁶ 01 người chưa kê khai do ốm nặng dài ngày."
    assert notes["19"].text == notes["20"].text.replace("²⁰", "¹⁹") == "¹⁹ Đoàn TNCS Hồ Chí Minh huyện Ba Tơ."
    first = notes["1"].text.split("\n")
    assert len(first) == 10
    assert first[0].startswith("¹ + Hướng dẫn số 01/HD-UBND ngày 26/01/2024 về khen thưởng thành tích")
    assert first[-1] == (
        "+ Công văn số 1202/UBND ngày 05/6/2024 lấy ý kiến tham gia góp ý dự thảo Quyết định "
        "của UBND tỉnh ban hành Quy chế Thi đua, khen thưởng."
    )
    # the note follows the paragraph citing it, whose mark is superscript (no digit glued to "bản")
    citing = doc.blocks[notes["1"].index - 1]
    assert citing.text == "UBND huyện đã tập trung quán triệt và triển khai thực hiện tốt các văn bản¹."
    assert citing.note_refs == ["1"] and citing.kind is BlockKind.PARAGRAPH
    assert doc.blocks[notes["20"].index - 4].note_refs == ["17", "18", "19", "20"]
    # no footnote text inside a body block
    body = [b.text for b in doc.blocks if b.kind is not BlockKind.FOOTNOTE]
    for note in notes.values():
        for line in note.text.split("\n"):
            words = line.lstrip("⁰¹²³⁴⁵⁶⁷⁸⁹ ")
            assert not any(words in text for text in body), words


def test_readers_docx_seed004_letterhead_table() -> None:
    doc = _read(seed_path(4, "docx"))
    left, right, first = doc.blocks[:3]
    assert (left.kind, left.table, left.row, left.col) == (BlockKind.TABLE_CELL, 0, 0, 0)
    assert left.text == "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN\nSố: /UBND\nV/v đăng ký giao ước\nthi đua năm 2024"
    assert (right.table, right.row, right.col) == (0, 0, 1)
    assert (
        right.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBình Sơn, ngày tháng năm 2024"
    )
    assert first.paragraph == 0 and first.text.startswith("Kính gửi: UBND huyện Mộ Đức (Cụm trưởng")
    by_text = {b.text: b.style for b in doc.blocks}
    heading = by_text["I. MỤC TIÊU CHUNG"]
    assert heading.bold and heading.all_caps and heading.style_name == "Body Text" and heading.font_size == 14
    assert by_text["Nơi nhận:"].bold and by_text["Nơi nhận:"].italic
    assert by_text["- Như trên;"].font_size == 11 and not by_text["- Như trên;"].bold
    assert by_text["Nguyễn Tường Duy"].bold and by_text["Nguyễn Tường Duy"].alignment == "center"
    assert by_text["CHỦ TỊCH"].font_name == "Times New Roman"


# ---------------------------------------------------------------------- corpus-wild


def test_readers_docx_autonumbering_rendered() -> None:
    """corpus-wild 04: 76 paragraphs numbered only through numbering.xml."""
    doc = _read(DOCX / "04_ld-dieu-le-hoi-thien-nguyen-2025-autonum.docx")
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 75  # 76 numbered paragraphs, one is also a heading ("3. Nhiệm vụ của Đại hội:")
    text = [b.text for b in doc.blocks]
    start = text.index("Điều 3. Địa vị pháp lý, trụ sở")
    assert text[start + 1].startswith("1. Hội có tư cách pháp nhân, con dấu, tài khoản riêng;")
    assert text[start + 2] == "2. Trụ sở của Hội đặt tại Phường Phan Thiết, tỉnh Lâm Đồng."
    start = text.index("3. Nhiệm vụ của Đại hội:")
    assert [t[:40] for t in text[start + 1 : start + 9]] == [
        "a) Thảo luận và thông qua Báo cáo tổng k",
        "b) Thảo luận và thông qua Điều lệ; Điều ",
        "c) Thảo luận, góp ý kiến vào Báo cáo kiể",
        "d) Thảo luận và quyết định những vấn đề ",
        "đ) Bầu Ban Chấp hành, Ban Kiểm tra.",  # typed by hand: Word's letters skip "đ"
        "e) Thông qua nghị quyết Đại hội.",  # automatic again: Word counts a, b, c, d, e
        "g) Các nội dung khác (nếu có).",  # typed
        "4. Nguyên tắc biểu quyết tại Đại hội:",  # the outer list continues
    ]
    kinds = [b.kind for b in doc.blocks[start + 4 : start + 9]]
    assert kinds == [BlockKind.LIST_ITEM, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM] + [
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
    ]
    assert "10. Báo cáo trực tiếp với Chủ tịch Hội." in text
    assert text[text.index("10. Báo cáo trực tiếp với Chủ tịch Hội.") + 1].startswith("11. Chịu trách nhiệm")


def test_readers_docx_text_box_read_once() -> None:
    """corpus-wild 06: the 'DỰ THẢO' box exists as a wps shape and as its VML fallback."""
    doc = _read(DOCX / "06_bt-du-thao-qd-dieu-le-cau-long-2025.docx")
    assert doc.text.count("DỰ THẢO") == 1
    cell, box = doc.blocks[0], doc.blocks[1]
    assert cell.text == "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: /QĐ-UBND"
    assert box.text == "DỰ THẢO" and box.kind is BlockKind.PARAGRAPH and (box.table, box.row, box.col) == (0, 0, 0)


def test_readers_docx_header_built_from_spaces() -> None:
    """corpus-wild 07: two header columns typed on shared lines with spaces and tabs; no tables."""
    doc = _read(DOCX / "07_bt-vpub-phieu-trinh-doan-luat-su-2025.docx")
    assert [b.text for b in doc.blocks[:4]] == [
        "VĂN PHÒNG UBND TỈNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHÒNG NCKSTTHC Độc lập - Tự do - Hạnh phúc",
        "Bình Thuận, ngày 20 tháng 5 năm 2025",
        "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC",
    ]
    assert [b.paragraph for b in doc.blocks[:4]] == [0, 1, 3, 5]
    assert doc.blocks[0].style.style_name == "heading 1" and doc.blocks[0].kind is BlockKind.HEADING
    assert not any(b.kind is BlockKind.TABLE_CELL for b in doc.blocks)
    # page header/footer parts ("BM01/VPUB-QT 7.0", "Lần ban hành: 04") are not body text
    assert "VPUB-QT" not in doc.text and "Lần ban hành" not in doc.text


# ----------------------------------------------------------- one feature per package


def _p(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _num_p(text: str, num: int, ilvl: int = 0) -> str:
    return _p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def _texts(data: bytes, tmp_path, name: str = "f.docx") -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    return [b.text for b in _read(path).blocks]


def test_readers_docx_numbering_levels_restart(tmp_path) -> None:
    """I. / 1. / 1.1. / a): deeper levels restart after a higher one."""
    levels = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.") + _lvl(2, "decimal", "%2.%3.")
    levels += _lvl(3, "lowerLetter", "%4)")
    numbering = part_xml(
        "numbering",
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    )
    body = "".join(
        _num_p(t, 1, lvl)
        for t, lvl in [("MỤC TIÊU", 0), ("Chung", 1), ("Kinh tế", 2), ("Xã hội", 2), ("x", 3), ("y", 3)]
        + [("Cụ thể", 1), ("NHIỆM VỤ", 0), ("Trọng tâm", 1), ("Nông nghiệp", 2)]
    )
    assert _texts(docx_bytes(body, numbering=numbering), tmp_path) == [
        "I. MỤC TIÊU", "1. Chung", "1.1. Kinh tế", "1.2. Xã hội", "a) x", "b) y", "2. Cụ thể",
        "II. NHIỆM VỤ", "1. Trọng tâm", "1.1. Nông nghiệp",
    ]  # fmt: skip


def test_readers_docx_numbering_shared_abstract_and_overrides(tmp_path) -> None:
    """Two w:num on one abstractNum continue each other; a startOverride restarts (Word's rule)."""
    numbering = part_xml(
        "numbering",
        f'<w:abstractNum w:abstractNumId="4">{_lvl(0, "decimal", "(%1)")}</w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>'
        '<w:num w:numId="7"><w:abstractNumId w:val="4"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        f'<w:abstractNum w:abstractNumId="8">{_lvl(0, "lowerLetter", "%1)", start=25)}'
        f"{_lvl(1, 'bullet', SYMBOL_DOT)}{_lvl(2, 'bullet', '+')}</w:abstractNum>"
        '<w:num w:numId="9"><w:abstractNumId w:val="8"/></w:num>',
    )
    body = _num_p("a", 5) + _num_p("b", 5) + _num_p("c", 6) + _num_p("d", 7) + _num_p("", 7) + _num_p("f", 7)
    body += _p("g", '<w:numPr><w:numId w:val="0"/></w:numPr>')
    body += _num_p("y", 9) + _num_p("z", 9) + _num_p("aa", 9) + _num_p("dot", 9, 1) + _num_p("plus", 9, 2)
    assert _texts(docx_bytes(body, numbering=numbering), tmp_path) == [
        "(1) a", "(2) b", "(3) c", "(1) d", "(3) f", "g",  # the empty item counts, as Word shows "(2)"
        "y) y", "z) z", "aa) aa", "- dot", "+ plus",
    ]  # fmt: skip


def test_readers_docx_numbering_through_style(tmp_path) -> None:
    """A 'Heading 1' style that numbers itself 'Điều 1.', 'Điều 2.' (style-level numPr)."""
    styles = part_xml(
        "styles",
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>',
    )
    numbering = part_xml(
        "numbering",
        f'<w:abstractNum w:abstractNumId="2">{_lvl(0, "decimal", "Điều %1.")}</w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
    )
    heading = '<w:pStyle w:val="Heading1"/>'
    body = _p("QUY CHẾ", '<w:pStyle w:val="Title"/>') + _p("Phạm vi", heading) + _p("Đối tượng", heading)
    path = tmp_path / "style.docx"
    path.write_bytes(docx_bytes(body, styles=styles, numbering=numbering))
    blocks = _read(path).blocks
    assert [(b.text, b.kind, b.style.heading_level, b.style.bold) for b in blocks] == [
        ("QUY CHẾ", BlockKind.HEADING, 0, False),
        ("Điều 1. Phạm vi", BlockKind.HEADING, 1, True),
        ("Điều 2. Đối tượng", BlockKind.HEADING, 1, True),
    ]
    assert blocks[0].style.alignment == "center" and blocks[0].style.style_name == "Title"


def test_readers_docx_format_number() -> None:
    cases = [(1, "upperRoman", "I"), (14, "lowerRoman", "xiv"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa")]
    cases += [(3, "upperLetter", "C"), (7, "decimalZero", "07"), (12, "decimal", "12"), (5, "cardinalText", "5")]
    assert [format_number(n, fmt) for n, fmt, _ in cases] == [want for _, _, want in cases]


def test_readers_docx_runs_as_displayed(tmp_path) -> None:
    """Line breaks, tabs, caps, hidden text, tracked changes and field codes, as Word shows them."""
    body = (
        "<w:p><w:r><w:t>Số:</w:t><w:tab/><w:t>12/KH-UBND</w:t><w:br/><w:t>V/v kế hoạch</w:t></w:r>"
        "<w:r><w:rPr><w:caps/></w:rPr><w:t> năm 2024</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
        "<w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del><w:ins><w:r><w:t> (mới)</w:t></w:r></w:ins>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t> trang 3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:t> 2024</w:t><w:noBreakHyphen/><w:t>2025</w:t></w:r></w:p>"
    )
    assert _texts(docx_bytes(body), tmp_path) == ["Số: 12/KH-UBND\nV/v kế hoạch NĂM 2024 (mới) trang 3 2024-2025"]


def test_readers_docx_text_box_choice_not_fallback(tmp_path) -> None:
    box = "<w:txbxContent>" + _p("DỰ THẢO") + "</w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>Số: /QĐ-UBND</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + _p("QUYẾT ĐỊNH")
    )
    assert _texts(docx_bytes(body), tmp_path) == ["Số: /QĐ-UBND", "DỰ THẢO", "QUYẾT ĐỊNH"]


def test_readers_docx_merged_cells_once(tmp_path) -> None:
    def tc(text: str, pr: str = "") -> str:
        return f"<w:tc><w:tcPr>{pr}</w:tcPr>{_p(text) if text else '<w:p/>'}</w:tc>"

    rows = [
        tc("A", '<w:gridSpan w:val="2"/>') + tc("B"),
        tc("C", '<w:vMerge w:val="restart"/>') + tc("D") + tc("E"),
        tc("", "<w:vMerge/>") + tc("D2") + tc("E2"),
    ]
    body = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>" + _p("Sau bảng")
    path = tmp_path / "table.docx"
    path.write_bytes(docx_bytes(body))
    blocks = _read(path).blocks
    assert [(b.text, b.table, b.row, b.col) for b in blocks] == [
        ("A", 0, 0, 0), ("B", 0, 0, 2), ("C", 0, 1, 0), ("D", 0, 1, 1), ("E", 0, 1, 2),
        ("D2", 0, 2, 1), ("E2", 0, 2, 2), ("Sau bảng", None, None, None),
    ]  # fmt: skip
    assert blocks[-1].paragraph == 0


def test_readers_docx_footnote_in_table_cell(tmp_path) -> None:
    footnotes = part_xml(
        "footnotes",
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo Quyết định số 5/QĐ-UBND.</w:t></w:r></w:p></w:footnote>',
    )
    cell = "<w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r><w:r><w:footnoteReference w:id='7'/></w:r></w:p></w:tc>"
    body = f"<w:tbl><w:tr>{cell}<w:tc>{_p('95%')}</w:tc></w:tr></w:tbl>"
    path = tmp_path / "note.docx"
    path.write_bytes(docx_bytes(body, footnotes=footnotes))
    blocks = _read(path).blocks
    assert [(b.kind, b.text, b.note_refs, b.footnote_id) for b in blocks] == [
        (BlockKind.TABLE_CELL, "Chỉ tiêu¹", ["1"], None),
        (BlockKind.FOOTNOTE, "¹ Theo Quyết định số 5/QĐ-UBND.", [], "1"),
        (BlockKind.TABLE_CELL, "95%", [], None),
    ]


def test_readers_docx_endnotes_at_the_end(tmp_path) -> None:
    """Endnotes (rare in office files) come after the body, ids 'e1'…, with no mark in the text."""
    endnotes = part_xml(
        "endnotes",
        '<w:endnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        '<w:endnote w:id="3"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>Nguồn: Cục Thống kê.</w:t></w:r></w:p></w:endnote>',
    )
    body = "<w:p><w:r><w:t>Dân số 60 nghìn người</w:t></w:r><w:r><w:endnoteReference w:id='3'/></w:r></w:p>" + _p(
        "Hết."
    )
    path = tmp_path / "endnote.docx"
    path.write_bytes(docx_bytes(body, endnotes=endnotes))
    blocks = _read(path).blocks
    assert [(b.kind, b.text, b.note_refs, b.footnote_id) for b in blocks] == [
        (BlockKind.PARAGRAPH, "Dân số 60 nghìn người", ["e1"], None),
        (BlockKind.PARAGRAPH, "Hết.", [], None),
        (BlockKind.FOOTNOTE, "Nguồn: Cục Thống kê.", [], "e1"),
    ]


def test_readers_docx_content_controls_and_links(tmp_path) -> None:
    """Block-level content controls are looked through; links and smart tags keep their text."""
    body = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        + _p("Kính gửi: UBND huyện")
        + "<w:tbl><w:tr><w:tc>"
        + _p("Ô 1")
        + "</w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>"
        "<w:p><w:hyperlink><w:r><w:t>Quyết định số 12</w:t></w:r></w:hyperlink>"
        "<w:smartTag><w:r><w:t xml:space='preserve'> tỉnh Quảng Ngãi</w:t></w:r></w:smartTag>"
        "<w:sdt><w:sdtContent><w:r><w:t>.</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    path = tmp_path / "sdt.docx"
    path.write_bytes(docx_bytes(body))
    blocks = _read(path).blocks
    assert [(b.text, b.paragraph, b.table) for b in blocks] == [
        ("Kính gửi: UBND huyện", 0, None),
        ("Ô 1", None, 0),
        ("Quyết định số 12 tỉnh Quảng Ngãi.", 1, None),
    ]


def test_readers_docx_legacy_runs_real_converter(tmp_path) -> None:
    """TCVN3 (.VnTime, capitals font .VnTimeH) and VNI runs come out as Unicode; split runs join first."""

    def run(text: str, font: str) -> str:
        return f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'

    body = (
        f"<w:p>{run('ñy ban nh©n d©n', '.VnTimeH')}</w:p>"
        f"<w:p>{run('Céng hßa x· héi chñ nghÜa ViÖt Nam', '.VnTime')}</w:p>"
        f"<w:p>{run('COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'VNI-Times')}</w:p>"
        f"<w:p>{run('Ñoäc la', 'VNI-Times')}{run('äp', 'VNI-Times')}</w:p>"  # VNI 'aä' (ậ) split across runs
    )
    path = tmp_path / "legacy-real.docx"
    path.write_bytes(docx_bytes(body))
    doc = _read(path)
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập",
    ]
    assert {(c.kind, c.blocks) for c in doc.conversions} == {("tcvn3", 2), ("vni", 2)}


def test_readers_docx_legacy_runs_converted(tmp_path, monkeypatch) -> None:
    """Runs in a TCVN3 font go through convert_legacy; Unicode runs in Times New Roman do not."""
    calls: list[tuple[str, str | None]] = []

    def fake_convert(text: str, font: str | None) -> tuple[str, str | None]:
        calls.append((text, font))
        return ("Cộng hòa", "tcvn3") if text == "Céng hßa" else (text, None)

    monkeypatch.setattr(docx_reader, "convert_legacy", fake_convert)
    legacy = '<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'
    unicode = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
    body = _p("Céng hßa", rpr=legacy) + _p("Cộng hòa xã hội", rpr=unicode) + _p("Hµ Néi", rpr=unicode)
    path = tmp_path / "legacy.docx"
    path.write_bytes(docx_bytes(body))
    doc = _read(path)
    assert calls == [("Céng hßa", ".VnTime"), ("Hµ Néi", "Times New Roman")]  # "µ" looks legacy too
    assert [(b.text, b.source) for b in doc.blocks] == [
        ("Cộng hòa", TextSource.CONVERTED),
        ("Cộng hòa xã hội", TextSource.NATIVE),
        ("Hµ Néi", TextSource.NATIVE),
    ]
    assert [(c.kind, c.blocks) for c in doc.conversions] == [("tcvn3", 1)]
