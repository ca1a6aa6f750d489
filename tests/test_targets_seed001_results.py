"""Seed 001 (a 2024 report): estimates, percent of plan, change versus the same period.

Hand-checked against samples/001_*.txt line 223 ("Tổng giá trị sản xuất (giá so sánh năm
2010)⁷ ước đạt: 2.308,61 tỷ đồng, đạt 100,18% kế hoạch (KH); tăng 9,96% so với cùng kỳ năm
2023, trong đó: Nông nghiệp ước đạt: 1.100,76 tỷ đồng, …") and line 251 ("số giường bệnh/vạn
dân là 19,6 giường, số bác sĩ/ vạn dân là 6,7 bác sĩ").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_targets_seed004_list import extract

D = Decimal


@pytest.fixture(scope="module")
def doc001():
    return extract(1)


def by_value(doc, value: str):
    hits = [t for t in doc.targets if t.value == D(value)]
    assert len(hits) == 1, hits
    return hits[0]


def test_targets_seed001_production_value(doc001):
    total = by_value(doc001, "2308.61")
    share = by_value(doc001, "100.18")
    change = by_value(doc001, "9.96")
    assert (total.role.value, total.comparator.value, total.unit) == ("estimate", "approx", "tỷ đồng")
    assert (share.role.value, share.comparator.value, share.unit) == ("percent_of_plan", "eq", "%")
    assert (change.role.value, change.direction, change.unit) == ("change", "tăng", "%")
    assert total.indicator == share.indicator == change.indicator == "Tổng giá trị sản xuất (giá so sánh năm 2010)"
    assert total.text == share.text  # one clause, two figures
    assert total.year == change.year == 2024  # "so với cùng kỳ năm 2023" is the comparison base


def test_targets_seed001_sector_breakdown(doc001):
    farm = by_value(doc001, "1100.76")
    # "…, trong đó: Nông nghiệp ước đạt: 1.100,76 tỷ đồng": a component of the total
    assert (farm.indicator, farm.role.value) == (
        "Tổng giá trị sản xuất (giá so sánh năm 2010) - Nông nghiệp",
        "estimate",
    )
    assert by_value(doc001, "100.34").role.value == "percent_of_plan"  # "đạt 100,34 % KH"
    assert by_value(doc001, "5.74").role.value == "change"
    industry = by_value(doc001, "845.7")
    assert industry.indicator.endswith("- Công nghiệp - xây dựng")


def test_targets_seed001_beds_match_seed002_key(doc001):
    beds = by_value(doc001, "19.6")
    assert beds.unit == "giường"
    assert beds.indicator_key == "số giường bệnh/vạn dân"  # same key as seed 002's "giường bệnh/lạ dân"
    doctors = by_value(doc001, "6.7")
    assert doctors.indicator_key == "số bác sỹ/vạn dân"


def test_targets_seed001_poverty_estimates(doc001):
    poor = [t for t in doc001.targets if t.value == D("2940")]
    assert {t.unit for t in poor} == {"hộ"}
    assert any(
        t.role.value == "estimate" and t.comparator.value == "approx" for t in poor
    )  # "Ước thực hiện … còn 2.940 hộ"


def test_targets_seed001_no_facts_from_the_description(doc001):
    """Section I.1 'Đặc điểm tình hình' gives distances and neighbours: facts, not results."""
    assert not [t for t in doc001.targets if t.unit == "km"]
    assert not [t for t in doc001.targets if t.text.startswith("Huyện Ba Tơ là huyện vùng cao")]


def test_targets_seed001_spans_slice_back(doc001):
    for t in doc001.targets:
        assert doc001.text[t.span[0] : t.span[1]] == t.text
