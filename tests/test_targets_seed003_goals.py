"""Seed 003 'Mục tiêu cụ thể': ranges, lower bounds and per-year rates.

Hand-checked against samples/003_*.txt lines 41-43.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_targets_seed004_list import extract

D = Decimal


@pytest.fixture(scope="module")
def doc003():
    return extract(3)


def row(doc, value: str, unit: str, value_max: str | None = None):
    top = None if value_max is None else D(value_max)
    hits = [t for t in doc.targets if t.value == D(value) and t.unit == unit and t.value_max == top]
    assert len(hits) == 1, hits
    t = hits[0]
    return t.value_max, t.comparator.value, t.role.value


def test_targets_seed003_specific_goals(doc003):
    assert row(doc003, "10", "%") == (None, "gte", "target")  # "Mức tăng trưởng giá trị sản xuất 10% trở lên"
    assert row(doc003, "2350", "tấn") == (None, "eq", "target")
    assert row(doc003, "2205", "tấn") == (None, "eq", "target")
    assert row(doc003, "10", "%", "11") == (D(11), "range", "target")  # "Chăn nuôi tăng từ 10 - 11%"
    assert row(doc003, "19", "tỷ đồng", "20") == (D(20), "range", "target")  # "thu ngân sách: 19 đến 20 tỷ đồng"
    assert row(doc003, "12", "tỷ đồng", "13") == (D(13), "range", "target")
    assert row(doc003, "56", "triệu đồng/người/năm", "57") == (D(57), "range", "target")
    assert row(doc003, "300", "lao động", "350") == (D(350), "range", "target")
    assert row(doc003, "60", "người", "70") == (D(70), "range", "target")  # "từ 60 - 70 người"
    assert row(doc003, "0.5", "%/năm") == (None, "eq", "target")


def test_targets_seed003_indicators(doc003):
    names = {t.indicator for t in doc003.targets}
    assert "Thu nhập bình quân đầu người" in names
    assert "thôn văn hóa" in names  # "Giữ vững 100% thôn văn hóa": the figure opens its indicator
    assert "hộ đạt gia đình văn hóa" in names
    assert all(t.year == 2024 for t in doc003.targets)


def test_targets_seed003_spans_slice_back(doc003):
    for t in doc003.targets:
        assert doc003.text[t.span[0] : t.span[1]] == t.text
