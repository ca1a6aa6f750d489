"""Case table for quantity parsing: Vietnamese numbers, units, ranges, ratios, comparators.

Development rows come from the seeds and issue 3; negative rows are numbers that are not
quantities (dates, document numbers, years, phone numbers, article and section numbers).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.quantities import find_quantities, parse_number

D = Decimal


def q(surface, value, unit=None, comparator="eq", kind=None, value_max=None, denominator=None):
    """Expected quantity (factory, as eyecite's test_factories)."""
    return {
        "surface": surface,
        "value": D(value),
        "unit": unit,
        "comparator": comparator,
        "kind": kind,
        "value_max": None if value_max is None else D(value_max),
        "denominator": None if denominator is None else D(denominator),
    }


NUMBERS = [
    pytest.param("2.308,61", "2308.61", id="thousands-dot-decimal-comma"),
    pytest.param("72,072", "72.072", id="bare-comma-is-decimal"),
    pytest.param("1.200", "1200", id="dot-three-digits-is-thousands"),
    pytest.param("20.000", "20000", id="twenty-thousand"),
    pytest.param("10.367,700", "10367.700", id="trailing-zero-kept"),
    pytest.param("328.782,902", "328782.902", id="two-groups"),
    pytest.param("0.59", "0.59", id="dot-two-digits-is-decimal"),
    pytest.param("70.43", "70.43", id="seed000-score"),
    pytest.param("01", "1", id="leading-zero"),
    pytest.param("2.482.200.000", "2482200000", id="money-in-dong"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_quantities_parse_number(text, expected):
    assert parse_number(text) == D(expected)


DEVELOPMENT = [
    pytest.param(
        "ước đạt: 2.308,61 tỷ đồng", [q("2.308,61 tỷ đồng", "2308.61", "tỷ đồng", kind="money")], id="money-billion"
    ),
    pytest.param(
        "Thực hiện năm 2023: 72,072 tỷ đồng (94,34%)",
        [q("72,072 tỷ đồng", "72.072", "tỷ đồng", kind="money"), q("94,34%", "94.34", "%", kind="percent")],
        id="seed000-actual-and-percent",
    ),
    pytest.param(
        "giải quyết việc làm khoảng 1.600 người",
        [q("1.600 người", "1600", "người", "approx", "number")],
        id="approx-people",
    ),
    pytest.param(
        "thu tiền sử dụng đất được giao dự toán là 20.000 triệu đồng",
        [q("20.000 triệu đồng", "20000", "triệu đồng", kind="money")],
        id="million-dong",
    ),
    pytest.param("tăng khoảng 8-9%", [q("8-9%", "8", "%", "range", "range", "9")], id="range-percent"),
    pytest.param(
        "thu ngân sách: 19 đến 20 tỷ đồng",
        [q("19 đến 20 tỷ đồng", "19", "tỷ đồng", "range", "range", "20")],
        id="range-den",
    ),
    pytest.param(
        "Thu nhập bình quân đầu người: 56 - 57 triệu đồng/người/năm",
        [q("56 - 57 triệu đồng/người/năm", "56", "triệu đồng/người/năm", "range", "range", "57")],
        id="range-per-head",
    ),
    pytest.param("Chăn nuôi tăng từ 10 - 11%", [q("10 - 11%", "10", "%", "range", "range", "11")], id="range-spaced"),
    pytest.param(
        "có từ 3 đến 4 cán bộ", [q("3 đến 4 cán bộ", "3", "cán bộ", "range", "range", "4")], id="range-tu-den"
    ),
    pytest.param("tăng 1%-1,5%", [q("1%-1,5%", "1", "%", "range", "range", "1.5")], id="range-unit-both-ends"),
    pytest.param("xếp thứ 05/06 huyện", [q("05/06 huyện", "5", "huyện", kind="rank", denominator="6")], id="rank"),
    pytest.param("xếp hạng **03/06** huyện", [q("03/06", "3", kind="rank", denominator="6")], id="rank-bold"),
    pytest.param(
        "tổng số nhà hoàn thành 553/553 nhà",
        [q("553/553 nhà", "553", "nhà", kind="ratio", denominator="553")],
        id="ratio",
    ),
    pytest.param(
        "93/10.345 học sinh",
        [q("93/10.345 học sinh", "93", "học sinh", kind="ratio", denominator="10345")],
        id="ratio-thousands",
    ),
    pytest.param("(17) Xã vững mạnh: >80%", [q("80%", "80", "%", "gt", "percent")], id="gt-symbol"),
    pytest.param("dưới 10 tiêu chí", [q("10 tiêu chí", "10", "tiêu chí", "lt")], id="lt-word"),
    pytest.param("đạt trên 90%", [q("90%", "90", "%", "gt", "percent")], id="gt-word"),
    pytest.param("Mức tăng trưởng 10% trở lên", [q("10%", "10", "%", "gte", "percent")], id="gte-after"),
    pytest.param("ít nhất 10% đội ngũ", [q("10%", "10", "%", "gte", "percent")], id="gte-at-least"),
    pytest.param("cắt giảm tối thiểu 30% thời gian", [q("30%", "30", "%", "gte", "percent")], id="gte-minimum"),
    pytest.param(
        "không quá 09 tháng/năm học", [q("09 tháng/năm học", "9", "tháng/năm học", "lte", "duration")], id="lte-rate"
    ),
    pytest.param("tối đa 5 ngày", [q("5 ngày", "5", "ngày", "lte", "duration")], id="lte-maximum"),
    pytest.param("đạt và vượt 100%", [q("100%", "100", "%", "gte", "percent")], id="gte-dat-va-vuot"),
    pytest.param("12,11 tiêu chí/xã", [q("12,11 tiêu chí/xã", "12.11", "tiêu chí/xã")], id="per-commune"),
    pytest.param("Số giường bệnh/vạn dân là 19,6 giường", [q("19,6 giường", "19.6", "giường")], id="beds"),
    pytest.param(
        "36,4 triệu/người/năm", [q("36,4 triệu/người/năm", "36.4", "triệu/người/năm", kind="money")], id="scale-no-unit"
    ),
    pytest.param(
        "6,6%/năm (0,55%/tháng)",
        [q("6,6%/năm", "6.6", "%/năm", kind="percent"), q("0,55%/tháng", "0.55", "%/tháng", kind="percent")],
        id="interest-rates",
    ),
    pytest.param(
        "23 ca sinh/1.000 phụ nữ", [q("23 ca sinh/1.000 phụ nữ", "23", "ca sinh/1.000 phụ nữ")], id="per-thousand"
    ),
    pytest.param("đạt 100,34 % KH", [q("100,34 %", "100.34", "%", kind="percent")], id="spaced-percent"),
    pytest.param("2,6 tỷ USD", [q("2,6 tỷ USD", "2.6", "tỷ USD", kind="money")], id="usd"),
    pytest.param("717.130 m2 đất", [q("717.130 m2", "717130", "m2")], id="square-metres"),
    pytest.param("Có ít nhất một\ncơ sở y tế", [q("một\ncơ sở", "1", "cơ sở", "gte")], id="word-number"),
    pytest.param(
        "560 tỷ đồng/690 tỷ đồng",
        [q("560 tỷ đồng", "560", "tỷ đồng", kind="money"), q("690 tỷ đồng", "690", "tỷ đồng", kind="money")],
        id="actual-over-plan",
    ),
    pytest.param(
        "Phạt tiền từ 8.000.000 đồng đến 10.000.000 đồng",
        [q("8.000.000 đồng đến 10.000.000 đồng", "8000000", "đồng", "range", "range", "10000000")],
        id="range-unit-repeated",
    ),
    pytest.param("19,3 giường/vạn dân", [q("19,3 giường/vạn dân", "19.3", "giường/vạn dân")], id="beds-per-10k"),
    pytest.param("7 bác sỹ/vạn dân", [q("7 bác sỹ/vạn dân", "7", "bác sỹ/vạn dân")], id="doctors-per-10k"),
    pytest.param("2.543 m² đất", [q("2.543 m²", "2543", "m²")], id="square-metres-sign"),
    pytest.param("cách trung tâm 60 km", [q("60 km", "60", "km")], id="km"),
    pytest.param(
        "6.197 hộ, 20.340 khẩu", [q("6.197 hộ", "6197", "hộ"), q("20.340 khẩu", "20340", "khẩu")], id="households"
    ),
    pytest.param("đã giải quyết: 22.340 hồ sơ", [q("22.340 hồ sơ", "22340", "hồ sơ")], id="files"),
    pytest.param("07 vụ TNGT", [q("07 vụ", "7", "vụ")], id="cases"),
    pytest.param("giá trị 1,4 triệu USD", [q("1,4 triệu USD", "1.4", "triệu USD", kind="money")], id="million-usd"),
    pytest.param("Tổng điểm: 70.43 (điểm cao nhất)", [q("70.43", "70.43", kind="number")], id="bare-number"),
]


@pytest.mark.parametrize(("text", "expected"), DEVELOPMENT)
def test_quantities_case_table(text, expected):
    found = find_quantities(text)
    got = [
        {
            "surface": text[f.start : f.end],
            "value": f.value,
            "unit": f.unit,
            "comparator": f.comparator.value,
            "kind": f.kind.value,
            "value_max": f.value_max,
            "denominator": f.denominator,
        }
        for f in found
    ]
    for e in expected:
        if e["kind"] is None:
            e["kind"] = "number"
    assert got == expected


NOT_QUANTITIES = [
    pytest.param("Quyết định số 01/QĐ-UBND ngày 20/01/2023", id="document-number-and-date"),
    pytest.param("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023", id="normative-number"),
    pytest.param("Chỉ thị số 34-CT/TW ngày 07/4/2014", id="party-number"),
    pytest.param("Công văn số 351/UBND - NV", id="spaced-symbol"),
    pytest.param("năm 2024", id="year"),
    pytest.param("giai đoạn 2021-2025", id="period"),
    pytest.param("ngày 20 tháng 01 năm 2023", id="date-in-words"),
    pytest.param("trước ngày 15/6", id="day-month"),
    pytest.param("trong tháng 12/2025", id="month-year"),
    pytest.param("(03/02/1930 - 03/02/2024)", id="date-range"),
    pytest.param("Điều 5, khoản 2, điểm a", id="article-clause"),
    pytest.param("Tiêu chí 5: Địa phương", id="criterion-number"),
    pytest.param("cơn bão số 13", id="storm-number"),
    pytest.param("Quốc lộ 14", id="road"),
    pytest.param("- (1) Tổng giá trị", id="list-marker"),
    pytest.param("2.1. Kết quả", id="section-marker"),
    pytest.param("trạm 5G và 3G/4G", id="identifiers"),
    pytest.param("ĐT: 0255.3822.123", id="phone-dotted"),
    pytest.param("hotline 0912345678", id="phone"),
    pytest.param("thông suốt 24/7", id="around-the-clock"),
    pytest.param("Luật số 47/2019/QH14", id="law-number"),
    pytest.param("Quyết định 192/2002", id="number-over-year"),
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_quantities_negative_cases(text):
    assert [text[f.start : f.end] for f in find_quantities(text)] == []


def test_quantities_money_canonical_in_dong():
    (f,) = find_quantities("20.000 triệu đồng")
    assert f.unit_canonical == "đồng"
    assert f.value_canonical == D("20000000000")
    (g,) = find_quantities("76,4 tỉ đồng")
    assert g.value_canonical == D("76400000000.0")


def test_quantities_values_are_decimal():
    assert all(isinstance(f.value, Decimal) for f in find_quantities("2.308,61 tỷ đồng; 8-9%; 03/06"))
