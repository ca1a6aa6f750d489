"""Surface forms of references (case table) and the things that must not be references.

Rows are real strings from the seeds, /work/shared/dev-eval and vn-document-format.md §4.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline
from extractors.jurisdiction import extract_jurisdiction
from extractors.references import extract_references
from pipeline.errors import InputError

D = dt.date


def refs_in(text: str):
    doc = pipeline.read_document("case.txt", text.encode("utf-8"))
    doc = doc.model_copy(update=extract_jurisdiction(doc))
    refs = extract_references(doc)["references"]
    for r in refs:
        assert doc.text[r.span[0] : r.span[1]] == r.text
    return refs


def ref(text, doc_type, number, symbol, year=None, date=None):
    return (text, doc_type, number, symbol, year, date)


def _rows(refs):
    return [(r.text, r.doc_type, r.number, r.symbol, r.year, r.date) for r in refs]


FORMS = [
    pytest.param("Căn cứ Quyết định 05/2024/QĐ-UBND ngày 24/01/2024 của UBND tỉnh Quảng Ngãi;",
                 [ref("Quyết định 05/2024/QĐ-UBND ngày 24/01/2024", "Quyết định", "05", "QĐ-UBND", 2024, D(2024, 1, 24))],
                 id="so-omitted"),
    pytest.param("Thực hiện công văn số 351/UBND - NV ngày 25/01/2024 của UBND huyện về việc xây dựng",
                 [ref("công văn số 351/UBND - NV ngày 25/01/2024", "Công văn", "351", "UBND-NV", None, D(2024, 1, 25))],
                 id="spaces-around-hyphen"),
    pytest.param("Xét đề nghị tại Tờ trình số 127/TTr - HĐQT ngày 30 tháng 9 năm 2025",
                 [ref("Tờ trình số 127/TTr - HĐQT ngày 30 tháng 9 năm 2025", "Tờ trình", "127", "TTr-HĐQT", None, D(2025, 9, 30))],
                 id="long-date-spaced-symbol"),
    pytest.param("Căn cứ Nghị định số 145/2020/NĐ-CP ngày 14 tháng\n12 năm 2020 của Chính phủ",
                 [ref("Nghị định số 145/2020/NĐ-CP ngày 14 tháng\n12 năm 2020", "Nghị định", "145", "NĐ-CP", 2020, D(2020, 12, 14))],
                 id="line-break-in-date"),
    pytest.param("Căn cứ Nghị định số\n45/2017/NĐ-CP ngày 21/4/2017 của Chính phủ",
                 [ref("Nghị định số\n45/2017/NĐ-CP ngày 21/4/2017", "Nghị định", "45", "NĐ-CP", 2017, D(2017, 4, 21))],
                 id="line-break-after-so"),
    pytest.param("(tại Quyết định số 28/QĐ-UBND ngày 09/01/2025 và Quyết định số 60/QĐ-UBND ngày 17/01/2025).",
                 [ref("Quyết định số 28/QĐ-UBND ngày 09/01/2025", "Quyết định", "28", "QĐ-UBND", None, D(2025, 1, 9)),
                  ref("Quyết định số 60/QĐ-UBND ngày 17/01/2025", "Quyết định", "60", "QĐ-UBND", None, D(2025, 1, 17))],
                 id="list-two-typed"),
    pytest.param("các Thông báo kết luận số\n49/TB-VPCP ngày 07 tháng 02 năm 2024 và số 160/TB-VPCP ngày 24 tháng 4 năm 2023 của Văn phòng Chính phủ",
                 [ref("Thông báo kết luận số\n49/TB-VPCP ngày 07 tháng 02 năm 2024", "Thông báo", "49", "TB-VPCP", None, D(2024, 2, 7)),
                  ref("số 160/TB-VPCP ngày 24 tháng 4 năm 2023", "Thông báo", "160", "TB-VPCP", None, D(2023, 4, 24))],
                 id="list-second-from-so"),
    pytest.param("các Quyết định số 2344/QĐ-BGDDT, 1766/QĐ-BGDĐT, 1195/QĐ-BGDĐT và 1709/QĐ-BGDĐT",
                 [ref("Quyết định số 2344/QĐ-BGDDT", "Quyết định", "2344", "QĐ-BGDDT"),
                  ref("1766/QĐ-BGDĐT", "Quyết định", "1766", "QĐ-BGDĐT"),
                  ref("1195/QĐ-BGDĐT", "Quyết định", "1195", "QĐ-BGDĐT"),
                  ref("1709/QĐ-BGDĐT", "Quyết định", "1709", "QĐ-BGDĐT")],
                 id="list-without-so"),
    pytest.param("các Quyết định số 12, 13/QĐ-UBND ngày 05/01/2024",
                 [ref("Quyết định số 12", "Quyết định", "12", "QĐ-UBND"),
                  ref("13/QĐ-UBND ngày 05/01/2024", "Quyết định", "13", "QĐ-UBND", None, D(2024, 1, 5))],
                 id="elliptic-list"),
    pytest.param("Quyết định số 596-QĐ/TU, ngày 17-6-2022 của Ban Thường vụ Tỉnh ủy",
                 [ref("Quyết định số 596-QĐ/TU, ngày 17-6-2022", "Quyết định", "596", "QĐ/TU", None, D(2022, 6, 17))],
                 id="party-hyphen-date"),
    pytest.param("triển khai Nghị quyết số 57- NQ/TW của Bộ Chính trị",
                 [ref("Nghị quyết số 57- NQ/TW", "Nghị quyết", "57", "NQ/TW")], id="party-stray-space"),
    pytest.param("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                 [ref("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "Luật", None, None, None, D(2015, 6, 19))],
                 id="law-name-date"),
    pytest.param("theo quy định của Luật NSNN năm\n2025.", [ref("Luật NSNN năm\n2025", "Luật", None, None)], id="law-name-year"),
    pytest.param("Căn cứ Luật Đấu thầu số\n22/2023/QH15;", [ref("Luật Đấu thầu số\n22/2023/QH15", "Luật", "22", "QH15", 2023)],
                 id="law-name-number"),
    pytest.param("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014;",
                 [ref("Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014", "Luật", None, None, None, D(2014, 6, 13))],
                 id="amending-law"),
    pytest.param("theo văn bản số 9720/NHCS-KHNV\nngày 31 tháng 10 năm 2025",
                 [ref("văn bản số 9720/NHCS-KHNV\nngày 31 tháng 10 năm 2025", "Công văn", "9720", "NHCS-KHNV", None, D(2025, 10, 31))],
                 id="van-ban-so"),
    pytest.param("thực hiện QĐ 1772/QĐ-UBND của UBND tỉnh", [ref("QĐ 1772/QĐ-UBND", "Quyết định", "1772", "QĐ-UBND")],
                 id="type-abbreviation"),
    pytest.param("Quyết định số: 135/QĐ/UBND, ngày 10/01/2008",
                 [ref("Quyết định số: 135/QĐ/UBND, ngày 10/01/2008", "Quyết định", "135", "QĐ/UBND", None, D(2008, 1, 10))],
                 id="colon-and-old-slash-symbol"),
    pytest.param("Nghị quyết số 09/2026NQ-HĐND", [ref("Nghị quyết số 09/2026NQ-HĐND", "Nghị quyết", "09", "NQ-HĐND", 2026)],
                 id="missing-slash"),
    pytest.param("Kế hoạch hành động số 328-KH/TU ngày\n24/4/2025",
                 [ref("Kế hoạch hành động số 328-KH/TU ngày\n24/4/2025", "Kế hoạch", "328", "KH/TU", None, D(2025, 4, 24))],
                 id="qualified-type"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_references_forms(text, expected):
    assert _rows(refs_in(text)) == expected


NOT_REFERENCES = [
    pytest.param("Năm 2023, điểm thi đua của huyện xếp thứ 05/06 huyện, đạt tổng số 857,4 điểm", id="rank"),
    pytest.param("tổng số nhà hoàn thành 553/553 nhà; 93/10.345 học sinh", id="ratios"),
    pytest.param("Hội nghị ngày 20/01/2023 tại hội trường; trước ngày 31/12/2024", id="dates"),
    pytest.param("Điện thoại: 0255.3822.123; Fax: 0255-3822-124", id="phone"),
    pytest.param("thu tiền sử dụng đất được giao dự toán là 20.000 triệu đồng", id="money"),
    pytest.param("giai đoạn 2021-2025, Kế hoạch 5 năm (2021-2025), năm học 2021 - 2022", id="periods"),
    pytest.param("theo Mẫu số 22 tại Điều 3. Tiêu chí 4.6; Đề án số 06 của Chính phủ", id="markers-and-programmes"),
    pytest.param("Số: /UBND\nV/v đăng ký giao ước", id="blank-own-number"),
    pytest.param("Tổ chức thực hiện tốt Luật thi đua, khen thưởng, Nghị định của Chính phủ, các văn bản chỉ đạo "
                 "của Trung ương, của tỉnh, của Cụm về công tác thi đua, khen thưởng năm 2024", id="bare-law-name"),
    pytest.param("UBND TỈNH QUẢNG BÌNH\nSỞ NỘI VỤ\nSố: 15/QĐ-SNV\nQUYẾT ĐỊNH\nĐiều 1. Ban hành kèm theo Quyết định này.\n"
                 "(Kèm theo Quyết định số 15/QĐ-SNV ngày 05/3/2020)", id="own-number"),
    pytest.param("phòng, chống dịch COVID-19 và cúm A/H5N1", id="disease-codes"),
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_references_not_references(text):
    assert refs_in(text) == []


def test_references_shared_issuer_after_list():
    refs = refs_in("các Nghị định số\n178/2024/NĐ-CP và Nghị định số 67/2025/NĐ-CP của Chính phủ;")
    assert [r.issuer for r in refs] == ["Chính phủ", "Chính phủ"]


def test_references_issuer_stated_before():
    refs = refs_in("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 536/TTr-STC ngày 13 tháng 11 năm 2025.")
    assert refs[0].issuer == "Giám đốc Sở Tài chính"
    assert refs[0].issuer_resolution == "as-written (issuer stated before)"


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;", "căn cứ"),
        ("Thực hiện Kế hoạch số 31-KH/TU ngày 16/3/2021 của Ban Thường vụ Tỉnh ủy", "thực hiện"),
        ("Điều 2. Bãi bỏ Quyết định số 1029/QĐ-UBND ngày 25 tháng 6 năm 2024 của Chủ tịch UBND tỉnh.", "bãi bỏ"),
        ("Kế hoạch này thay thế Kế hoạch số 076/KH-UBND ngày 30/8/2025 của UBND tỉnh.", "thay thế"),
        ("Sửa đổi, bổ sung một số điều của Quyết định số 05/2024/QĐ-UBND ngày 24/01/2024", "sửa đổi, bổ sung"),
        ("được HĐND tỉnh bổ sung tại Nghị quyết số 27/2023/NQ-HĐND nên", "dẫn chiếu"),
        (
            "UBND huyện khen thưởng cho 12 tập thể và 11 cá nhân (tại Quyết định số 3618/QĐ-UBND ngày 26/11/2024).",
            "khen thưởng tại",
        ),
        ("Đính chính Quyết định số 12/QĐ-UBND ngày 05/01/2024 như sau", "đính chính"),
        ("theo quy định mới tại Quyết định 37/QĐ-UBND của UBND tỉnh", "dẫn chiếu"),
    ],
)
def test_references_relation_from_cue(text, relation):
    assert [r.relation.value for r in refs_in(text)] == [relation]


def test_references_in_footnote():
    text = (
        "triển khai các văn bản¹.\n¹ Bám sát nhiệm vụ tại Kế hoạch số 10/KH-UBND ngày 19/01/2023 của Chủ tịch UBND tỉnh"
    )
    (r,) = refs_in(text)
    assert r.in_footnote and r.issuer == "Chủ tịch UBND tỉnh"


_FRAGMENTS = st.sampled_from(
    ["Quyết định", "số", " số ", "01/QĐ-UBND", "34-CT/TW", "98/2023/NĐ-CP", "ngày", " ngày 20/01/2023", "tháng", "năm",
     "của", " của UBND tỉnh", "Luật", "Luật Thi đua, khen thưởng", " và ", ", ", "; ", "\n", "(tại ", ")", "Căn cứ ",
     "/", "-", "12", "2024", "¹ ", "về việc ", "Số: ", "UBND", "Kèm theo ", "các ", "Kế hoạch: Số "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join))
def test_references_never_raise_and_spans_slice(text):
    try:
        doc = pipeline.read_document("x.txt", text.encode("utf-8", "surrogatepass"))
    except (InputError, UnicodeEncodeError):
        return
    doc = doc.model_copy(update=extract_jurisdiction(doc))
    for r in extract_references(doc)["references"]:
        assert doc.text[r.span[0] : r.span[1]] == r.text
        assert r.key
