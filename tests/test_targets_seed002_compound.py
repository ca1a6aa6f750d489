"""Seed 002 'Chỉ tiêu thi đua': compound bullets yield one target per component.

Hand-checked against samples/002_*.txt lines 53-70.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_targets_seed004_list import extract

D = Decimal


@pytest.fixture(scope="module")
def doc002():
    return extract(2)


def rows(doc, first_indicator_word: str):
    return [
        (t.indicator, t.value, t.value_max, t.unit, t.comparator.value)
        for t in doc.targets
        if t.indicator.startswith(first_indicator_word)
    ]


def test_targets_seed002_economic_structure_split(doc002):
    assert rows(doc002, "Cơ cấu kinh tế") == [
        ("Cơ cấu kinh tế - Nông nghiệp", D(55), D(56), "%", "range"),
        ("Cơ cấu kinh tế - Công nghiệp - Xây dựng", D(29), D(30), "%", "range"),
        ("Cơ cấu kinh tế - Thương mại - Dịch vụ", D(15), D(16), "%", "range"),
    ]


def test_targets_seed002_main_products_split(doc002):
    got = [
        (t.indicator.removeprefix("Các sản phẩm chủ yếu - "), t.value, t.unit)
        for t in doc002.targets
        if t.indicator.startswith("Các sản phẩm chủ yếu")
    ]
    assert got == [
        ("Sản lượng lúa", D(29835), "tấn"),
        ("sản lượng ngô", D(570), "tấn"),
        ("đàn trâu", D(28500), "con"),
        ("đàn bò", D(6000), "con"),
        ("đàn heo", D(35250), "con"),
        ("đàn dê", D(950), "con"),
        ("sản lượng thịt heo xuất chuồng", D(3500), "tấn"),
        ("sản lượng thủy sản nuôi trồng", D(150), "tấn"),
        ("diện tích nuôi trồng", D(245), "ha"),
    ]


def test_targets_seed002_spans_slice_back(doc002):
    for t in doc002.targets:
        assert doc002.text[t.span[0] : t.span[1]] == t.text
        assert t.span[0] <= t.quantity_span[0] < t.quantity_span[1] <= t.span[1]


def test_targets_seed002_beds_key_despite_misspelling(doc002):
    """The source writes 'giường bệnh/lạ dân'; the key reads 'vạn dân' so timelines match seed 001."""
    (beds,) = [t for t in doc002.targets if t.unit == "giường"]
    assert (beds.value, beds.indicator) == (D("19.3"), "Số giường bệnh/lạ dân")
    assert beds.indicator_key == "số giường bệnh/vạn dân"
    assert beds.year == 2021


def test_targets_seed002_other_rows(doc002):
    by_indicator = {t.indicator: t for t in doc002.targets}
    assert by_indicator["Tỷ lệ hộ sử dụng điện"].value == D(98)
    assert by_indicator["Tỷ lệ độ che phủ rừng"].value == D("67.1")
    poor = by_indicator["Tỷ lệ hộ nghèo"]
    assert (poor.value, poor.value_max, poor.direction) == (D(4), D(6), "giảm")
    growth = [t for t in doc002.targets if t.indicator.startswith("Tổng sản giá trị sản xuất")]
    assert [(t.value, t.value_max) for t in growth] == [(D(8), D(9)), (D(6), D(7))]
    assert all(t.year == 2021 for t in growth)  # "(so sánh giá năm 2010)" is a price base, not the year
