"""Seed 004: the numbered list of twenty chỉ tiêu thi đua, each with value, unit and comparator.

Expected rows were read off samples/004_*.txt lines 63-83 ("- (1) Tổng giá trị sản xuất
khoảng 25.242 tỷ đồng;" … "- (20) Cấp giấy chứng nhận … khoảng 2.000 giấy.").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors import quantities, targets
from pipeline import read_document
from tests.conftest import seed_path

EXPECTED = [  # (item, value, unit, comparator, indicator starts with)
    (1, "25242", "tỷ đồng", "approx", "Tổng giá trị sản xuất"),
    (2, "10.7", "%", "approx", "Tốc độ tăng trưởng giá trị sản xuất"),
    (3, "623.17", "tỷ đồng", "eq", "Tổng thu ngân sách trên địa bàn"),
    (4, "917.57", "tỷ đồng", "eq", "Tổng chi ngân sách trên địa bàn"),
    (5, "72939", "tấn", "approx", "Sản lượng lương thực cây có hạt"),
    (6, "34993", "tấn", "approx", "Sản lượng khai thác hải sản"),
    (7, "35.58", "%", "approx", "Tỷ lệ che phủ rừng"),
    (8, "1600", "người", "approx", "Giải quyết việc làm"),
    (9, "50", "%", "approx", "Tỷ lệ lao động qua đào tạo"),
    (10, "2.14", "%", "approx", "Tỷ lệ hộ nghèo"),
    (11, "1", "trường", "eq", "Số trường đạt chuẩn Quốc gia"),
    (12, "0.79", "%", "eq", "Tốc độ tăng dân số tự nhiên"),
    (13, "6", "%", "eq", "Tỷ lệ trẻ em <5 tuổi bị suy dinh dưỡng"),
    (14, "1", "xã", "eq", "Số xã đạt chuẩn nông thôn mới nâng cao"),
    (15, "94", "%", "eq", "Tỷ lệ gia đình văn hóa"),
    (16, "100", "%", "eq", "Giao quân"),
    (17, "80", "%", "gt", "Xã, thị trấn vững mạnh về quốc phòng, an ninh"),
    (18, "3", "tiêu chí", "eq", "giảm tiêu chí tai nạn giao thông"),
    (19, "85", "%", "gt", "Tỷ lệ giải quyết các vụ khiếu nại, tố cáo thuộc thẩm quyền"),
    (20, "2000", "giấy", "approx", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
]


def extract(seed: int):
    doc = read_document(seed_path(seed))
    for ex in (quantities.EXTRACTOR, targets.EXTRACTOR):
        doc = doc.model_copy(update=ex.extract(doc))
    return doc


@pytest.fixture(scope="module")
def doc004():
    return extract(4)


def marker_before(doc, t) -> str:
    """The list marker right before a target's clause ('(1)'): the span starts after it."""
    return doc.text[: t.span[0]].rstrip().rsplit(" ", 1)[-1]


def test_targets_seed004_exactly_the_twenty(doc004):
    assert [marker_before(doc004, t) for t in doc004.targets] == [f"({n})" for n, *_ in EXPECTED]


@pytest.mark.parametrize(
    ("n", "value", "unit", "comparator", "indicator"), EXPECTED, ids=[f"({r[0]})" for r in EXPECTED]
)
def test_targets_seed004_item(doc004, n, value, unit, comparator, indicator):
    t = doc004.targets[n - 1]
    assert marker_before(doc004, t) == f"({n})"
    assert (t.value, t.unit, t.comparator.value) == (Decimal(value), unit, comparator)
    assert t.indicator.startswith(indicator)
    assert t.role.value == "target"
    assert t.year == 2024
    assert doc004.text[t.span[0] : t.span[1]] == t.text
    qs, qe = t.quantity_span
    assert t.span[0] <= qs < qe <= t.span[1]


def test_targets_seed004_directions(doc004):
    by_item = {n: t for (n, *_), t in zip(EXPECTED, doc004.targets, strict=True)}
    assert by_item[10].direction == "giảm"  # "giảm còn khoảng 2,14%"
    assert by_item[18].direction == "giảm"  # "Giảm 3 tiêu chí"
    assert by_item[1].direction is None


def test_targets_seed004_money_in_dong(doc004):
    assert doc004.targets[0].value_canonical == Decimal("25242000000000")
    assert doc004.targets[0].unit_canonical == "đồng"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_targets_seed004_same_twenty_in_every_format(fmt):
    doc = read_document(seed_path(4, fmt))
    for ex in (quantities.EXTRACTOR, targets.EXTRACTOR):
        doc = doc.model_copy(update=ex.extract(doc))
    got = [(t.value, t.unit, t.comparator.value) for t in doc.targets]
    assert got == [(Decimal(v), u, c) for _, v, u, c, _ in EXPECTED]
