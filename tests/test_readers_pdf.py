"""PDF reader: seeds against their .txt, footnotes, page furniture, layout, triage, errors.

Expected strings were read off the seed PDFs and the fixtures by eye (pdftoppm renders).
"""

from __future__ import annotations

import re

import pytest
from rapidfuzz.distance import Indel

from pipeline import read_document
from pipeline.errors import CorruptFileError, EmptyDocumentError, EncryptedFileError, MissingToolError
from pipeline.normalize import normalize_text
from pipeline.readers import ocr
from pipeline.readers.base import RawBlock
from pipeline.readers.pdf import read_pdf
from pipeline.readers.pdf_triage import is_syllable, layer_stats
from schemas import BlockKind, TextSource
from tests.conftest import FIXTURES, seed_path

PDF_FIXTURES = FIXTURES / "pdf"
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_LEAD_SUP_RE = re.compile(f"^[{_SUP}]+")


def _split_seed_txt(text: str) -> tuple[str, str]:
    """(body, footnotes) of a seed .txt, where a note is a paragraph led by a superscript.

    Seed 001's first two notes are lists: their "+ …" paragraphs belong to the note.
    """
    body, notes = [], []
    in_list_note = False
    for para in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if not para:
            continue
        if _LEAD_SUP_RE.match(para):
            notes.append(_LEAD_SUP_RE.sub("", para).strip())
            in_list_note = notes[-1].startswith("+")
        elif in_list_note and para.startswith("+"):
            notes[-1] += " " + para
        else:
            in_list_note = False
            body.append(para)
    return " ".join(body), " ".join(notes)


def _norm(text: str) -> str:
    """Compare words only: no superscript markers, markdown, or layout whitespace."""
    text = normalize_text(re.sub(f"[{_SUP}]", "", text), markdown=True)[0]
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed001():
    return read_document(seed_path(1, "pdf"))


def _body(doc) -> list[str]:
    return [b.text for b in doc.blocks if b.kind != BlockKind.FOOTNOTE]


def _notes(doc) -> dict[str, str]:
    return {b.footnote_id: b.text for b in doc.blocks if b.kind == BlockKind.FOOTNOTE}


@pytest.mark.parametrize("seed", range(5), ids=[f"seed00{i}" for i in range(5)])
def test_readers_pdf_seed_text_matches_txt(seed):
    body, notes = _split_seed_txt(seed_path(seed, "txt").read_text(encoding="utf-8"))
    doc = read_document(seed_path(seed, "pdf"))
    got_body = " ".join(_body(doc))
    got_notes = " ".join(b.text for b in doc.blocks if b.kind == BlockKind.FOOTNOTE)
    assert Indel.normalized_similarity(_norm(body), _norm(got_body)) >= 0.99
    assert Indel.normalized_similarity(_norm(notes), _norm(got_notes)) >= 0.99
    assert doc.format == "pdf" and all(b.source == TextSource.NATIVE for b in doc.blocks)


def test_readers_pdf_seed001_footnotes_are_footnote_blocks(seed001):
    notes = _notes(seed001)
    assert list(notes) == [str(i) for i in range(1, 21)]
    assert notes["6"].startswith("Tính đến nay, toàn huyện đã thu nhận 58.380 hồ sơ cấp Căn cước")
    assert notes["10"].startswith("Tổ chức 1.825 ca tuần tra, kiểm soát giao thông, có 5.725 lượt CBCS tham gia")
    assert notes["17"] == "Nhân dân và cán bộ xã: Ba Vinh, Ba Tiêu."
    # a list footnote keeps its items; the first item follows the marker
    assert notes["2"].startswith("+ Kế hoạch số 43/KH-UBND ngày 01/3/2024 về tổ chức Hội nghị tổng kết")
    assert "+ Kế hoạch số 104/KH-UBND ngày 26/4/2024" in notes["2"]
    body = "\n".join(_body(seed001))
    for probe in ("58.380 hồ sơ cấp Căn cước", "1.825 ca tuần tra", "Ba Vinh, Ba Tiêu", "Kế hoạch số 43/KH-UBND"):
        assert probe not in body


def test_readers_pdf_seed001_sentences_across_page_breaks_stay_whole(seed001):
    body = _body(seed001)
    straddling = [
        # p8 -> p9, footnotes 3 and 4 at the bottom of p8, marker 5 on p9
        "thực hiện công tác dân vận gắn với những nhiệm vụ chính trị. Qua đó, nâng cao nhận thức của đội ngũ",
        # p16 -> p17, footnotes 10-12 at the bottom of p16
        "Hoàn thành việc sắp xếp cán bộ, công chức xã Ba Chùa (cũ). Trình các Sở cho ý kiến về Đề án giải thể",
        # p9 -> p10, footnote 5 at the bottom of p9
        "Công văn số 22/UBND ngày 08/01/2024 triển khai, quán triệt và thực hiện Quy định trách nhiệm",
    ]
    for sentence in straddling:
        assert sum(sentence in t for t in body) == 1, sentence


def test_readers_pdf_seed001_note_markers_leave_body_words(seed001):
    def starting(prefix):
        return next(b for b in seed001.blocks if b.text.startswith(prefix))

    block = starting("UBND huyện đã tập trung quán triệt")
    assert block.text == "UBND huyện đã tập trung quán triệt và triển khai thực hiện tốt các văn bản."
    assert block.note_refs == ["1"]
    assert starting("Công tác điều động, luân chuyển, bổ nhiệm").note_refs == ["11", "12"]
    assert 'phía sau" : UBND' not in seed001.text  # no stray space where a marker was


def test_readers_pdf_page_numbers_dropped(seed001):
    assert seed001.pages == 25
    assert not [b.text for b in seed001.blocks if re.fullmatch(r"\d{1,3}", b.text)]
    pages = [b.page for b in seed001.blocks if b.kind != BlockKind.FOOTNOTE]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 25


def test_readers_pdf_blocks_carry_page_bbox_and_style(seed001):
    for b in seed001.blocks:
        x0, top, x1, bottom = b.bbox
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842, b
    heading = next(b for b in seed001.blocks if b.text == "II. KẾT QUẢ THỰC HIỆN")
    assert heading.style.bold and heading.style.font_size == 14.0 and heading.page == 2


def test_readers_pdf_header_columns_read_one_after_the_other():
    doc = read_document(seed_path(4, "pdf"))
    assert [b.text for b in doc.blocks[:5]] == [
        "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN",
        "Số: /UBND\nV/v đăng ký giao ước\nthi đua năm 2024",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Bình Sơn, ngày tháng năm 2024",
        "Kính gửi: UBND huyện Mộ Đức (Cụm trưởng Cụm thi đua các huyện đồng bằng, thị xã và thành phố "
        "thuộc tỉnh Quảng Ngãi).",
    ]
    assert [b.style.bold for b in doc.blocks[:4]] == [True, False, True, False]
    assert doc.blocks[3].style.italic


def test_readers_pdf_wrapped_titles_kept_together(seed001):
    texts = _body(seed001)
    assert "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2024" in texts
    assert "Phần I" in texts  # set apart by a wider gap: its own block
    assert (
        "Tổng kết công tác thi đua, khen thưởng năm 2024 và phương hướng, nhiệm vụ năm 2025 "
        "(Phục vụ tại Hội nghị tổng kết)" in texts
    )
    doc = read_document(seed_path(3, "pdf"))
    assert "Tổ chức phong trào thi đua thực hiện nhiệm vụ phát triển\nkinh tế - xã hội năm 2024" in _body(doc)


def test_readers_pdf_code_split_at_line_end_rejoined():
    doc = read_document(seed_path(4, "pdf"))
    assert "Chỉ thị số 19/CT-TTg" in doc.text


def test_readers_pdf_ruled_table_rows():
    doc = read_document(PDF_FIXTURES / "table_page.pdf")
    rows = [b for b in doc.blocks if b.kind == BlockKind.TABLE_ROW]
    assert [(b.table, b.row) for b in rows] == [(0, 0), (0, 1), (0, 2), (0, 3)]
    assert rows[0].text == (
        "TT | Mã | Nhiệm vụ | Sản phẩm đầu ra | Phân nhóm | Khung điểm tối đa | Chấm điểm | Hệ số quy đổi | "
        "Diễn giải mô tả công việc"
    )
    assert rows[3].text == (
        "5 | CH.KH.05 | Mức 5 | Kỳ đánh giá | 3 | - | 100 | 20 | Công việc xử lý trên hệ thống điện tử: hệ thống "
        "theo dõi, giám sát tiến độ các dự án đầu tư; hệ thống thông tin quốc gia về đầu tư công; hệ thống kinh tế - xã hội"
    )
    assert rows[1].text.startswith("3 | CH.KH.03 | Mức 3 | Vụ việc/ Hồ sơ | 2 | - | 20 | 4 | Xây dựng nội dung")


@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("Nghiêng", True),
        ("hoạch", True),
        ("quyết", True),
        ("thưởng", True),
        ("khuya", True),
        ("giữ", True),
        ("NHAN", True),  # a valid syllable without its marks: caught by the diacritic share
        ("UBND", False),
        ("cqng", False),
        ("thdng", False),
        ("hoàt", False),  # a stop final takes only the sắc or nặng tone
        ("B¸o", False),  # TCVN3 bytes read as Latin-1
    ],
)
def test_readers_pdf_syllable_validator(word, valid):
    assert is_syllable(word) is valid


def test_readers_pdf_layer_stats_flag_lost_diacritics_and_garbage():
    no_marks = "UY BAN NHAN DAN TINH DONG NAI CONG HOA XA HOI CHU NGHIA VIET NAM Doc lap Tu do Hanh phuc " * 3
    assert "without Vietnamese diacritics" in layer_stats(no_marks).problem()
    tcvn3 = "B¸o c¸o vÒ t×nh h×nh s¶n xuÊt kinh doanh ngµnh c«ng nghiÖp th¸ng 02 n¨m 2007 cña Thñ t−íng " * 3
    assert "valid Vietnamese syllables" in layer_stats(tcvn3).problem()
    good = seed_path(0, "txt").read_text(encoding="utf-8")[:3000]
    assert layer_stats(good).problem() is None


def _fake_ocr(calls):
    def ocr_pdf_pages(path, data, pages):
        calls.append(pages)
        return {n: [RawBlock(text=f"trang {n} nhận dạng", page=n, source=TextSource.OCR)] for n in pages}

    return ocr_pdf_pages


def test_readers_pdf_triage_sends_scan_and_cid_pages_to_ocr(monkeypatch):
    calls: list[list[int]] = []
    monkeypatch.setattr(ocr, "ocr_pdf_pages", _fake_ocr(calls))
    scan = read_pdf("scan_page.pdf", (PDF_FIXTURES / "scan_page.pdf").read_bytes())
    assert [(p.code, p.page, p.message) for p in scan.problems] == [
        ("pdf.needs_ocr", 1, "no text layer (image-only page)")
    ]
    garbage = read_pdf("cid_garbage.pdf", (PDF_FIXTURES / "cid_garbage.pdf").read_bytes())
    assert [(p.code, p.page) for p in garbage.problems] == [("pdf.needs_ocr", 1)]
    assert "(cid:N)" in garbage.problems[0].message
    assert [b.text for b in garbage.blocks] == ["trang 1 nhận dạng"]
    assert calls == [[1], [1]]


def test_readers_pdf_broken_invisible_ocr_layer_is_redone(monkeypatch):
    calls: list[list[int]] = []
    monkeypatch.setattr(ocr, "ocr_pdf_pages", _fake_ocr(calls))
    result = read_pdf("broken.pdf", (PDF_FIXTURES / "broken_ocr_layer.pdf").read_bytes())
    assert calls == [[1]]
    assert result.problems[0].message.startswith("invisible OCR layer unusable")
    assert all("ngey" not in b.text for b in result.blocks)  # the garbled layer is not passed off as text


def test_readers_pdf_mixed_pages_merged_in_page_order(monkeypatch):
    calls: list[list[int]] = []
    monkeypatch.setattr(ocr, "ocr_pdf_pages", _fake_ocr(calls))
    result = read_pdf("mixed.pdf", (PDF_FIXTURES / "text_then_scan.pdf").read_bytes())
    assert calls == [[2]]
    assert result.blocks[0].text.startswith("Tổ chức triển khai thực hiện tốt Luật thi đua, khen thưởng")
    assert result.blocks[-1].text == "trang 2 nhận dạng" and result.blocks[-1].page == 2
    assert {b.page for b in result.blocks[:-1]} == {1}


def _no_tesseract(path, data, pages):
    raise MissingToolError("OCR needs Tesseract, which is not installed")


def test_readers_pdf_missing_ocr_keeps_text_pages(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_pdf_pages", _no_tesseract)
    result = read_pdf("mixed.pdf", (PDF_FIXTURES / "text_then_scan.pdf").read_bytes())
    assert [(p.code, p.page) for p in result.problems] == [("pdf.needs_ocr", 2), ("pdf.ocr_unavailable", None)]
    assert result.blocks[-1].text == "Nguyễn Tường Duy"


def test_readers_pdf_missing_ocr_on_scan_is_one_line_error(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_pdf_pages", _no_tesseract)
    with pytest.raises(MissingToolError) as err:
        read_pdf("scan.pdf", (PDF_FIXTURES / "scan_page.pdf").read_bytes())
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("scan.pdf: no page has a usable text layer (no text layer (image-only page)")
    assert "Tesseract" in message


def test_readers_pdf_tcvn3_text_layer_converted():
    result = read_pdf("tcvn3.pdf", (PDF_FIXTURES / "tcvn3_page.pdf").read_bytes())
    assert [c.kind for c in result.conversions] == ["tcvn3"]
    texts = [b.text for b in result.blocks]
    assert "của Thủ tướng Chính phủ số 115/2004/QĐ-TTg" in texts
    assert "Quỹ bảo lãnh tín dụng cho doanh nghiệp nhỏ và vừa" in texts
    assert result.blocks[1].source == TextSource.CONVERTED
    assert not result.problems


def test_readers_pdf_encrypted():
    with pytest.raises(EncryptedFileError, match="password-protected"):
        read_document(PDF_FIXTURES / "encrypted.pdf")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda data: data[: len(data) // 3], id="truncated"),
        pytest.param(lambda data: b"%PDF-1.4\n" + bytes(range(256)) * 20, id="random-bytes-with-header"),
    ],
)
def test_readers_pdf_corrupt(make):
    data = make(seed_path(4, "pdf").read_bytes())
    with pytest.raises(CorruptFileError, match="not a readable PDF") as err:
        read_pdf("bad.pdf", data)
    assert err.value.__cause__ is not None


def test_readers_pdf_random_bytes_named_pdf(tmp_path):
    bad = tmp_path / "random.pdf"
    bad.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CorruptFileError):
        read_document(bad)


@pytest.mark.parametrize(("name", "detail"), [("no_pages.pdf", "no pages"), ("blank.pdf", "no text and no images")])
def test_readers_pdf_empty(name, detail):
    with pytest.raises(EmptyDocumentError, match=detail):
        read_pdf(name, (PDF_FIXTURES / name).read_bytes())


def _run(x0, baseline, text, size=13.0, bold=False):
    from pipeline.readers.pdf_objects import Run

    width = len(text) * 0.5 * size
    return Run(
        x0, baseline - size * 0.75, x0 + width, baseline + size * 0.2, baseline, text, size, "", bold, False, False
    )


def test_readers_pdf_signature_columns_not_interleaved():
    """Corpus-wild 20's closing: a long "Nơi nhận" item runs past the middle of the gap."""
    from pipeline.readers.pdf_layout import Metrics, order_lines
    from pipeline.readers.pdf_lines import build_lines
    from pipeline.readers.pdf_paragraphs import build_blocks

    runs = [
        _run(85, 100, "Nơi nhận:", 12, bold=True),
        _run(400, 100, "CHỦ TỊCH", 14, bold=True),
        _run(85, 114, "- Thường trực Đảng ủy thị trấn;", 11),
        _run(85, 127, "- Các cơ quan, ban, ngành, đoàn thể thị trấn;", 11),  # ends at x=332 > gap middle
        _run(85, 140, "- Lưu: VT.", 11),
        _run(380, 190, "Nguyễn Xuân Quang", 14, bold=True),
    ]
    m = Metrics(size=14.0, left=85.0, right=540.0, pitch=18.0)
    lines = build_lines(runs)
    for line in lines:
        for seg in line:
            seg.page = 1
    blocks = build_blocks(order_lines(lines, m, 1), m, set())
    assert [b.text for b in blocks] == [
        "Nơi nhận:",
        "- Thường trực Đảng ủy thị trấn;\n- Các cơ quan, ban, ngành, đoàn thể thị trấn;\n- Lưu: VT.",
        "CHỦ TỊCH",
        "Nguyễn Xuân Quang",
    ]


def test_readers_pdf_word_table_cells_keep_words_whole():
    """Corpus-wild 34 p16: pdfium's page text breaks lines inside "Nghị"; geometry decides."""
    doc = read_document(PDF_FIXTURES / "landscape_table_page.pdf")
    assert [b.text for b in doc.blocks] == [
        "4 | Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Lâm nghiệp | Chương III | | | |",
        "5 | Nghị định số 83/2020/NĐ-CP ngày 15/7/2020 sửa đổi, bổ sung một số điều của Nghị định số "
        "156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật Lâm "
        "nghiệp. | Chương III | | | |",
        "6 | Nghị định số 01/2017/NĐ-CP ngày 06/01/2017 của Chính phủ sửa đổi, bổ sung một số nghị định quy "
        "định chi tiết thi hành Luật đất đai | Toàn bộ văn bản | | | |",
    ]
    assert {(b.kind, b.table, b.page) for b in doc.blocks} == {(BlockKind.TABLE_ROW, 0, 1)}
