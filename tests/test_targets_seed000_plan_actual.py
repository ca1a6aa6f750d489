"""Seed 000: plan versus actual, criterion scores, deductions and ranks — and its own arithmetic.

Hand-checked against samples/000_*.txt section II ("Kế hoạch năm 2023: 76,4 tỷ đồng; Thực
hiện năm 2023: 72,072 tỷ đồng (94,34%), bị trừ 2 điểm", "xếp thứ 05/06 huyện, đạt tổng số
857,4 điểm", "Kế hoạch: 80 người; Thực hiện: 17 người, tỷ lệ 21,3%") and the goal
"xếp hạng 03/06 huyện".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.test_targets_seed004_list import extract

D = Decimal


@pytest.fixture(scope="module")
def doc000():
    return extract(0)


def find(doc, role: str, value: str, unit: str | None = None):
    hits = [t for t in doc.targets if t.role.value == role and t.value == D(value) and (unit is None or t.unit == unit)]
    assert hits, f"no {role} {value} {unit}"
    return hits[0]


def pct(part: Decimal, whole: Decimal, places: str) -> Decimal:
    return (part / whole * 100).quantize(D(places), rounding=ROUND_HALF_UP)


def test_targets_seed000_budget_plan_versus_actual(doc000):
    plan = find(doc000, "plan", "76.4", "tỷ đồng")
    actual = find(doc000, "actual", "72.072", "tỷ đồng")
    share = find(doc000, "percent_of_plan", "94.34", "%")
    assert plan.indicator == actual.indicator == share.indicator
    assert plan.indicator.startswith("Tỷ lệ % tăng hoặc giảm thu ngân sách")
    assert (plan.year, actual.year) == (2023, 2023)
    assert actual.text == "Thực hiện năm 2023: 72,072 tỷ đồng (94,34%), bị trừ 2 điểm"
    assert plan.value_canonical == D("76400000000.0")


def test_targets_seed000_checks_its_own_arithmetic(doc000):
    """The document states plan 76,4, actual 72,072 and 94,34%: the extracted numbers agree."""
    plan = find(doc000, "plan", "76.4", "tỷ đồng").value
    actual = find(doc000, "actual", "72.072", "tỷ đồng").value
    share = find(doc000, "percent_of_plan", "94.34", "%").value
    assert pct(actual, plan, "0.01") == share
    # Tiêu chí 4.8: "Kế hoạch: 80 người; Thực hiện: 17 người, tỷ lệ 21,3%"
    assert pct(find(doc000, "actual", "17", "người").value, find(doc000, "plan", "80", "người").value, "0.1") == D(
        "21.3"
    )
    # Tiêu chí 4.6: "93/10.345 học sinh; tỉ lệ 0,9%"
    dropouts = find(doc000, "actual", "93", "học sinh")
    assert pct(dropouts.value, dropouts.denominator, "0.1") == find(doc000, "actual", "0.9", "%").value


def test_targets_seed000_scores_and_deductions(doc000):
    assert find(doc000, "deduction", "2", "điểm").text.endswith("bị trừ 2 điểm")
    assert find(doc000, "score", "58.49", "điểm").year == 2023  # "Năm 2023: … đạt 58,49 điểm"
    assert find(doc000, "score", "857.4", "điểm").year == 2023
    assert find(doc000, "deduction", "0.64", "điểm").text.startswith(
        "Đánh giá, phân tích: Tiêu chí này bị trừ 0,64 điểm"
    )
    assert find(doc000, "score", "13.85", "điểm")
    assert find(doc000, "score", "59.32", "điểm").text.startswith("Tổng điểm Tiêu chí 2: 59,32")
    assert find(doc000, "deduction", "0.59", "điểm").text == "Điểm trừ 0.59"
    assert find(doc000, "score", "70.43", "điểm").text.startswith("Tổng điểm: 70.43")


def test_targets_seed000_ranks(doc000):
    ranks = [(t.value, t.denominator, t.year) for t in doc000.targets if t.role.value == "rank"]
    assert ranks == [(D(3), D(6), 2024), (D(5), D(6), 2023), (D(3), D(6), 2024)]
    actual_rank = [t for t in doc000.targets if t.role.value == "rank"][1]
    assert actual_rank.text.startswith("Năm 2023, điểm thi đua của huyện xếp thứ 05/06 huyện")


def test_targets_seed000_spans_slice_back(doc000):
    for t in doc000.targets:
        assert doc000.text[t.span[0] : t.span[1]] == t.text
        qs, qe = t.quantity_span
        assert t.span[0] <= qs < qe <= t.span[1]
