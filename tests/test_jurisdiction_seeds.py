"""Jurisdiction of the five seeds (read by hand) and of header forms from other documents."""

from __future__ import annotations

import pytest

import pipeline
from extractors.jurisdiction import infer_jurisdiction, own_issuer
from tests.conftest import seed_path


@pytest.mark.parametrize(
    ("seed", "province", "district", "commune", "level"),
    [
        (0, "Quảng Ngãi", "Ba Tơ", None, "huyện"),  # no header; "huyện Ba Tơ", "tỉnh Quảng Ngãi" in the body
        (1, "Quảng Ngãi", "Ba Tơ", None, "huyện"),  # "Huyện Ba Tơ là huyện vùng cao … của tỉnh Quảng Ngãi"
        (2, "Quảng Ngãi", "Ba Tơ", None, "huyện"),
        # "Cẩm Lĩnh, ngày …", "Ủy ban nhân dân xã ban hành"; the text names neither district nor
        # province (two xã Cẩm Lĩnh exist: Ba Vì, Hà Nội and Cẩm Xuyên, Hà Tĩnh), so none is guessed.
        (3, None, None, "Cẩm Lĩnh", "xã"),
        (4, "Quảng Ngãi", "Bình Sơn", None, "huyện"),  # header "ỦY BAN NHÂN DÂN / HUYỆN BÌNH SƠN"
    ],
)
def test_jurisdiction_seeds(seed, province, district, commune, level):
    j = infer_jurisdiction(pipeline.parse(seed_path(seed)))
    assert (j.province, j.district, j.commune, j.level) == (province, district, commune, level)
    assert j.evidence


def test_jurisdiction_seed004_evidence_and_own_issuer():
    j = infer_jurisdiction(pipeline.parse(seed_path(4)))
    assert j.evidence[0] == "header: 'HUYỆN BÌNH SƠN'"
    assert own_issuer(j) == "UBND huyện Bình Sơn"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND TỈNH QUẢNG NGÃI\nSỞ NỘI VỤ\nSố: 15/QĐ-SNV\nQUYẾT ĐỊNH", ("Quảng Ngãi", None, None, "tỉnh")),
        ("**ỦY BAN NHÂN\nDÂN**\n**TỈNH VĨNH LONG**\n|\nSố:\n2682/QĐ-UBND\nVỀ VIỆC … CẤP\nXÃ MỚI BAN HÀNH", ("Vĩnh Long", None, None, "tỉnh")),
        ("ủy Ban Nhân Dân \t Cộng hòa xã hội chủ nghĩa việt nam\nthành phố cần thơ \t Độc lập - Tự do - Hạnh phúc\n  Số: 256 /2004/QĐ-UB",
         ("Cần Thơ", None, None, "tỉnh")),
        ("ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH PHƯỚC Độc lập - Tự do - Hạnh phúc\nSố: 991/QĐ-UBND",
         ("Bình Phước", None, None, "tỉnh")),
        ("UBND HUYỆN BA TƠ\nSố: 12/KH-UBND\nKẾ HOẠCH", ("Quảng Ngãi", "Ba Tơ", None, "huyện")),
        ("**THỦ TƯỚNG CHÍNH\nPHỦ**\n-------\nSố: 2553/QĐ-TTg", (None, None, None, "trung ương")),
        ("VĂN PHÒNG CHÍNH PHỦ\nSố: 623/TB-VPCP\nTHÔNG BÁO\nKết luận … tại buổi làm việc với lãnh đạo tỉnh Đắk Lắk; tỉnh Đắk Lắk cần",
         ("Đắk Lắk", None, None, "trung ương")),
    ],
    ids=["province-agency", "tvpl-markdown", "2004-lowercase-tabs", "collapsed-columns", "district-header", "central", "central-about-province"],
)  # fmt: skip
def test_jurisdiction_headers(text, expected):
    j = infer_jurisdiction(pipeline.read_document("x.txt", text.encode()))
    assert (j.province, j.district, j.commune, j.level) == expected
