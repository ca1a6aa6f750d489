"""Every reference of seeds 000 and 004, listed by hand from reading the texts; seed 001 counted
and a third of its references listed. Fields: span text, type, number, symbol, date, issuer."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

import pipeline
from tests.conftest import seed_path

D = dt.date


@cache
def _refs(seed: int):
    doc = pipeline.process(seed_path(seed), extractors=["jurisdiction", "references"])
    return doc, doc.references


def _row(r):
    return (r.text, r.doc_type, r.number, r.symbol, r.date, r.issuer)


# Seed 000 (Kế hoạch, UBND huyện Ba Tơ; the copy has no header). Not references: "Biên bản Hội
# nghị tổng kết …" (no number), "Luật Phòng, chống tham nhũng" (bare name), "chỉ thị của UBND tỉnh".
SEED_000 = [
    ("Quyết định số 01/QĐ-UBND ngày 20/01/2023", "Quyết định", "01", "QĐ-UBND", D(2023, 1, 20), "Cụm thi đua các huyện Miền núi và Hải đảo"),
    ("Quyết định số 01/QĐ-UBND ngày 20/01/2023", "Quyết định", "01", "QĐ-UBND", D(2023, 1, 20), "Cụm thi đua các huyện Miền núi và Hải đảo"),
    ("Tờ trình số 76/TTr-UBND ngày 20/6/2023", "Tờ trình", "76", "TTr-UBND", D(2023, 6, 20), "UBND huyện"),
    ("Nghị quyết số 27/2023/NQ-HĐND", "Nghị quyết", "27", "NQ-HĐND", None, "HĐND tỉnh"),  # "được HĐND tỉnh bổ sung tại"
    ("Quyết định số 1252/QĐ-UBND", "Quyết định", "1252", "QĐ-UBND", None, "UBND tỉnh"),
    ("Quyết định số 389/QĐ-UBND ngày 27/11/2023", "Quyết định", "389", "QĐ-UBND", D(2023, 11, 27), "UBND huyện"),
    ("Quyết định số 1367/QĐ-UBND ngày 12/12/2022", "Quyết định", "1367", "QĐ-UBND", D(2022, 12, 12), "UBND tỉnh Quảng Ngãi"),
    ("Nghị quyết số 123/NQ-HĐND ngày 15/12/2023", "Nghị quyết", "123", "NQ-HĐND", D(2023, 12, 15), "Hội đồng nhân dân huyện"),
    ("Quyết định số 466/QĐ-UBND ngày 20/12/2023", "Quyết định", "466", "QĐ-UBND", D(2023, 12, 20), "UBND huyện"),
    ("Kế hoạch số 10/KH-UBND ngày 19/01/2023", "Kế hoạch", "10", "KH-UBND", D(2023, 1, 19), "Chủ tịch UBND tỉnh"),
]  # fmt: skip

# Seed 004 (công văn đăng ký giao ước thi đua, UBND huyện Bình Sơn). Not references: "Số: /UBND"
# (its own blank number), "Nghị quyết Đại hội …" (unnumbered), "Đề án số 06 của Chính phủ"
# (a programme name, no symbol), "Luật thi đua, khen thưởng, Nghị định của Chính phủ …" (no date).
SEED_004 = [
    ("Luật Thi đua, khen thưởng ngày 15/6/2022", "Luật", None, None, D(2022, 6, 15), None),
    ("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", "Nghị định", "98", "NĐ-CP", D(2023, 12, 31), "Chính phủ"),
    ("Quyết định 05/2024/QĐ-UBND ngày 24/01/2024", "Quyết định", "05", "QĐ-UBND", D(2024, 1, 24), "UBND tỉnh Quảng Ngãi"),
    ("Nghị quyết số 47/NQ-HĐND ngày 15/12/2023", "Nghị quyết", "47", "NQ-HĐND", D(2023, 12, 15), "Hội đồng nhân dân huyện"),
    ("Quyết định số 2157/QĐ-UBND ngày 18/12/2023", "Quyết định", "2157", "QĐ-UBND", D(2023, 12, 18), "UBND huyện"),
    ("Kế hoạch số 37/KH-UBND ngày 21/02/2024", "Kế hoạch", "37", "KH-UBND", D(2024, 2, 21), "UBND huyện"),
    ("Chỉ thị số 34-CT/TW ngày 07/4/2014", "Chỉ thị", "34", "CT/TW", D(2014, 4, 7), "Bộ Chính trị"),
    ("Chỉ thị số 19/CT-TTg ngày 16/7/2021", "Chỉ thị", "19", "CT-TTg", D(2021, 7, 16), "Thủ tướng Chính phủ"),
    ("Chỉ thị số 14/CT-UBND ngày 06/8/2021", "Chỉ thị", "14", "CT-UBND", D(2021, 8, 6), "Chủ tịch UBND tỉnh"),
    ("Nghị quyết số 29-NQ/TW ngày 04/11/2013", "Nghị quyết", "29", "NQ/TW", D(2013, 11, 4), "Ban Chấp hành Trung ương khóa XI"),
]  # fmt: skip


@pytest.mark.parametrize(("seed", "expected"), [(0, SEED_000), (4, SEED_004)], ids=["seed000", "seed004"])
def test_references_seeds_listed_exactly(seed, expected):
    doc, refs = _refs(seed)
    assert [_row(r) for r in refs] == expected
    for r in refs:
        assert doc.text[r.span[0] : r.span[1]] == r.text


def test_references_seed000_resolution_relation_and_footnote():
    _, refs = _refs(0)
    assert [r.issuer_resolved for r in refs] == [
        "Cụm thi đua các huyện Miền núi và Hải đảo", "Cụm thi đua các huyện Miền núi và Hải đảo",
        "UBND huyện Ba Tơ", "HĐND tỉnh Quảng Ngãi", "UBND tỉnh Quảng Ngãi", "UBND huyện Ba Tơ",
        "UBND tỉnh Quảng Ngãi", "HĐND huyện Ba Tơ", "UBND huyện Ba Tơ", "Chủ tịch UBND tỉnh Quảng Ngãi",
    ]  # fmt: skip
    assert [r.relation.value for r in refs] == [
        "căn cứ", "thực hiện", "dẫn chiếu", "dẫn chiếu", "dẫn chiếu", "dẫn chiếu", "căn cứ", "căn cứ", "căn cứ", "dẫn chiếu",
    ]  # fmt: skip
    assert [r.in_footnote for r in refs] == [False] * 9 + [True]
    assert refs[0].key == "QĐ|1|QĐ-UBND|2023|cum-thi-dua-cac-huyen-mien-nui-va-hai-dao"
    assert refs[0].subject == ("ban hành Quy chế hoạt động của Cụm thi đua các huyện Miền núi và Hải đảo năm 2022")
    assert refs[9].key == "KH|10|KH-UBND|2023|ubnd-tinh-quang-ngai"
    assert refs[3].issuer_resolution == "jurisdiction:province (issuer stated before)"


def test_references_seed004_keys_subjects_and_relations():
    _, refs = _refs(4)
    assert [r.key for r in refs] == [
        "LUAT|||2022|2022-06-15",
        "NĐ|98|NĐ-CP|2023|",
        "QĐ|5|QĐ-UBND|2024|ubnd-tinh-quang-ngai",
        "NQ|47|NQ-HĐND|2023|hdnd-huyen-binh-son",
        "QĐ|2157|QĐ-UBND|2023|ubnd-huyen-binh-son",
        "KH|37|KH-UBND|2024|ubnd-huyen-binh-son",
        "CT|34|CT/TW|2014|",
        "CT|19|CT-TTG|2021|",
        "CT|14|CT-UBND|2021|ubnd-tinh-quang-ngai",
        "NQ|29|NQ/TW|2013|",
    ]
    assert [r.relation.value for r in refs[:3]] == ["căn cứ"] * 3
    assert [r.relation.value for r in refs[6:]] == ["thực hiện"] * 4  # "Tiếp tục thực hiện tốt …; …; …"
    assert refs[1].subject == "quy định chi tiết thi hành một số điều của Luật thi đua, khen thưởng"
    assert refs[4].subject == "giao kế hoạch phát triển kinh tế - xã hội năm 2024"
    assert refs[6].subject == "tiếp tục đổi mới công tác thi đua, khen thưởng"
    assert refs[0].name == "Luật Thi đua, khen thưởng"
    assert refs[6].party and not refs[7].party
    assert refs[2].year == 2024 and refs[1].year == 2023 and refs[4].year is None


# Seed 001 (Báo cáo tổng kết thi đua 2024, UBND huyện Ba Tơ): 89 references; every 3rd listed.
SEED_001_THIRD = [
    ("Công văn số 128/BTĐKT-THHC ngày 17/10/2024", "Công văn", "128", "BTĐKT-THHC", D(2024, 10, 17), "Ban Thi đua - Khen thưởng tỉnh"),
    ("Hướng dẫn số 02/HD-UBND ngày 19/9/2024", "Hướng dẫn", "02", "HD-UBND", D(2024, 9, 19), None),
    ("Kế hoạch số 182/KH-UBND ngày 17/9/2024", "Kế hoạch", "182", "KH-UBND", D(2024, 9, 17), None),
    ("Luật Thi đua khen thưởng năm 2022", "Luật", None, None, None, None),
    ("Công văn số 1202/UBND ngày 05/6/2024", "Công văn", "1202", "UBND", D(2024, 6, 5), None),
    ("Kế hoạch số 104/KH-UBND ngày 26/4/2024", "Kế hoạch", "104", "KH-UBND", D(2024, 4, 26), None),
    ("số 179/KH-UBND ngày 09/9/2024", "Kế hoạch", "179", "KH-UBND", D(2024, 9, 9), None),
    ("Công văn số 1194/UBND ngày 22/4/2024", "Công văn", "1194", "UBND", D(2024, 4, 22), None),
    ("Công văn số 1186/UBND ngày 03/6/2024", "Công văn", "1186", "UBND", D(2024, 6, 3), None),
    ("Kế hoạch số 94/KH-UBND ngày 19/4/2024", "Kế hoạch", "94", "KH-UBND", D(2024, 4, 19), None),
    ("Quyết định số 3618/QĐ-UBND ngày 26/11/2024", "Quyết định", "3618", "QĐ-UBND", D(2024, 11, 26), "UBND huyện"),
    ("Quyết định số 3076/QĐ-UBND ngày 04/10/2024", "Quyết định", "3076", "QĐ-UBND", D(2024, 10, 4), None),
    ("Kế hoạch số 171/KH-UBND ngày 26/8/2024", "Kế hoạch", "171", "KH-UBND", D(2024, 8, 26), None),
    ("Hướng dẫn số 01/HD-UBND ngày 26/01/2024", "Hướng dẫn", "01", "HD-UBND", D(2024, 1, 26), None),
    ("Công văn số 1291-CV/HU ngày 12/11/2024", "Công văn", "1291", "CV/HU", D(2024, 11, 12), None),
    ("Kế hoạch số 61/KH-UBND ngày 07/7/2020", "Kế hoạch", "61", "KH-UBND", D(2020, 7, 7), "UBND huyện"),
    ("Kế hoạch số 03-KH/BCĐ ngày 21/11/2024", "Kế hoạch", "03", "KH/BCĐ", D(2024, 11, 21), "Ban Chỉ đạo"),
    ("Báo cáo số 07-BC/BCĐ ngày 09/01/2024", "Báo cáo", "07", "BC/BCĐ", D(2024, 1, 9), None),
    ("Kế hoạch số 22/KH-UBND ngày 29/01/2024", "Kế hoạch", "22", "KH-UBND", D(2024, 1, 29), None),
    ("Quyết định số 3690/QĐ-UBND ngày 20/12/2023", "Quyết định", "3690", "QĐ-UBND", D(2023, 12, 20), None),
    ("Quyết định số 486/QĐ-UBND ngày 26/02/2024", "Quyết định", "486", "QĐ-UBND", D(2024, 2, 26), "UBND huyện"),
    ("Quyết định số 3691/QĐ-UBND ngày 20/12/2023", "Quyết định", "3691", "QĐ-UBND", D(2023, 12, 20), "UBND huyện"),
    ("Kế hoạch số 173/KH-UBND ngày 09/10/2023", "Kế hoạch", "173", "KH-UBND", D(2023, 10, 9), None),
    ("Quyết định số 60/QĐ-UBND ngày 17/01/2025", "Quyết định", "60", "QĐ-UBND", D(2025, 1, 17), "UBND huyện"),
    ("Kế hoạch số 44/KH-UBND ngày 08/3/2024", "Kế hoạch", "44", "KH-UBND", D(2024, 3, 8), None),
    ("Công văn số 796/UBND ngày 22/4/2024", "Công văn", "796", "UBND", D(2024, 4, 22), None),
    ("Kế hoạch số 68/KH-UBND ngày 22/3/2023", "Kế hoạch", "68", "KH-UBND", D(2023, 3, 22), "Ủy ban nhân dân tỉnh"),
    ("Chỉ thị số 19/CT-TTg ngày 16/7/2021", "Chỉ thị", "19", "CT-TTg", D(2021, 7, 16), "Thủ tướng Chính phủ"),
    ("Luật Thi đua, Khen thưởng ngày 15/6/2022", "Luật", None, None, D(2022, 6, 15), None),
    ("Chỉ thị 19/CT-TTg ngày 16/7/2021", "Chỉ thị", "19", "CT-TTg", D(2021, 7, 16), "Thủ tướng Chính phủ"),
]  # fmt: skip


def test_references_seed001_count_and_every_third():
    doc, refs = _refs(1)
    assert len(refs) == 89
    assert [_row(r) for r in refs[::3]] == SEED_001_THIRD
    assert all(doc.text[r.span[0] : r.span[1]] == r.text for r in refs)


def test_references_seed001_cites_seed000_by_its_key():
    """001 cites "Kế hoạch số 104/KH-UBND ngày 26/4/2024 về việc khắc phục …" = seed 000 (issue 4)."""
    _, refs = _refs(1)
    r = next(r for r in refs if r.number == "104")
    assert r.key == "KH|104|KH-UBND|2024|ubnd-huyen-ba-to"
    assert r.issuer is None and r.issuer_resolution == "citing-issuer"
    assert r.subject == "khắc phục, cải thiện và nâng cao điểm thi đua miền núi và hải đảo năm 2024"
    assert r.in_footnote


def test_references_seed001_list_items_and_award_decisions():
    _, refs = _refs(1)
    by_text = {r.text: r for r in refs}
    assert by_text["Kế hoạch: Số 17/KH-UBND ngày 25/01/2024"].doc_type == "Kế hoạch"
    assert by_text["số 179/KH-UBND ngày 09/9/2024"].doc_type == "Kế hoạch"
    award = by_text["Quyết định số 3618/QĐ-UBND ngày 26/11/2024"]  # "khen thưởng cho 12 tập thể … (tại …"
    assert award.relation.value == "khen thưởng tại"
    assert award.issuer_resolved == "UBND huyện Ba Tơ"
    split = by_text["Chỉ thị số 14/CT-\nUBND ngày 06/8/2021"]  # symbol broken by a page break
    assert split.symbol == "CT-UBND" and split.issuer == "Chủ tịch UBND tỉnh"
    party = by_text["Kế hoạch số 31-KH/TU ngày 16/3/2021"]
    assert party.issuer_resolved == "Ban Thường vụ Tỉnh ủy Quảng Ngãi" and party.party


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_references_seeds_same_in_every_format(seed, fmt):
    """The .docx and .pdf copies yield the same references (key and words) and footnote marks."""

    def view(doc):
        return sorted((r.key, " ".join(r.text.split()), r.in_footnote) for r in doc.references)

    txt = pipeline.process(seed_path(seed), extractors=["jurisdiction", "references"])
    other = pipeline.process(seed_path(seed, fmt), extractors=["jurisdiction", "references"])
    assert view(other) == view(txt)
    assert all(other.text[r.span[0] : r.span[1]] == r.text for r in other.references)
