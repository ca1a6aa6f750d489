"""Movements and awards in the seeds, hand-checked against samples/00[0-4]_*.txt."""

from __future__ import annotations

import pytest

from extractors.awards import extract
from pipeline import process
from tests.conftest import seed_path


@pytest.fixture(scope="module")
def seed001():
    doc = process(seed_path(1, "txt"), extractors=["jurisdiction", "references", "awards"])
    for item in (*doc.awards, *doc.movements):
        assert doc.text[item.span[0] : item.span[1]] == item.text
    return doc


# seed 001 (báo cáo tổng kết thi đua 2024): every grant with counts and the decision cited
GRANTS = [
    # (granted_by, level, collectives, individuals, households, decision_text, movement)
    ("UBND tỉnh", "tỉnh", None, None, 1, "Quyết định số 1028/QĐ-UBND ngày 16/8/2024",
     "Cả nước chung sức xây dựng nông thôn mới"),
    ("UBND huyện", "huyện", None, None, 13, "Quyết định số 4418/QĐ-UBND ngày 31/12/2024",
     "Cả nước chung sức xây dựng nông thôn mới"),
    ("UBND huyện", "huyện", 12, 11, None, "Quyết định số 3618/QĐ-UBND ngày 26/11/2024",
     "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau"),
    ("UBND huyện", "huyện", 11, 8, None, "Quyết định số 164/QĐ-UBND ngày 12/02/2025", "Đẩy mạnh Cải cách hành chính"),
    ("UBND tỉnh", "tỉnh", 1, 1, None, "Quyết định số 628/QĐ-UBND ngày 27/5/2024",
     "Học tập và làm theo tư tưởng, đạo đức và phong cách Hồ Chí Minh giai đoạn 2021 -2023"),
    ("Huyện ủy", "huyện", 7, 4, None, None,
     "Học tập và làm theo tư tưởng, đạo đức và phong cách Hồ Chí Minh giai đoạn 2021 -2023"),
    ("UBND huyện", "huyện", 8, 8, None,
     "Quyết định số 28/QĐ-UBND ngày 09/01/2025 và Quyết định số 60/QĐ-UBND ngày 17/01/2025", None),
]  # fmt: skip


def test_awards_seed001_grants(seed001):
    grants = [a for a in seed001.awards if a.granted_by]
    got = [(a.granted_by, a.level, a.collectives, a.individuals, a.households, a.decision_text, a.movement)
           for a in grants]  # fmt: skip
    assert got == GRANTS
    # "Phòng Văn hóa và Thông tin đang đề nghị UBND huyện khen cho 05 tập thể …" is a proposal
    assert not any(a.collectives == 5 and a.individuals == 7 for a in grants)


def test_awards_seed001_grant_text_and_decision_key(seed001):
    a = next(a for a in seed001.awards if a.collectives == 12)
    assert (
        a.text == "UBND huyện khen thưởng cho 12 tập thể và 11 cá nhân (tại Quyết định số 3618/QĐ-UBND ngày 26/11/2024)"
    )
    assert a.year == 2024
    ref = next(r for r in seed001.references if r.number == "3618")
    assert a.decision == ref.key  # the references extractor's identity key for that decision


# seed 001 "4. Công tác khen thưởng": "+ Cấp tỉnh: 02 Cờ¹⁷, 05 Bằng khen cho tập thể …; 01 Bằng khen
# cho tập thể …; 01 Danh hiệu tập thể lao động xuất sắc" and two "→ Khen thưởng thường xuyên …" lines
TALLIES = [
    ("02 Cờ", "tỉnh", "Cờ thi đua", 2, None),
    ("05 Bằng khen cho tập thể", "tỉnh", "Bằng khen", 5, None),
    ("01 Bằng khen cho tập thể", "tỉnh", "Bằng khen", 1, None),
    ("01 Danh hiệu tập thể lao động xuất sắc", "tỉnh", "Tập thể lao động xuất sắc", 1, None),
    ("cá nhân LĐTT 897", "huyện", "Lao động tiên tiến", None, 897),
    ("tập thể LĐTT: 43", "huyện", "Tập thể lao động tiên tiến", 43, None),
    ("Giấy khen cá nhân: 258", "huyện", "Giấy khen", None, 258),
    ("Giấy khen tập thể: 39", "huyện", "Giấy khen", 39, None),
    ("Chiến sỹ thi đua cơ sở: 129", "huyện", "Chiến sĩ thi đua cơ sở", None, 129),
    ("cá nhân LĐTT 188", "huyện", "Lao động tiên tiến", None, 188),
    ("tập thể LĐTT: 38", "huyện", "Tập thể lao động tiên tiến", 38, None),
    ("Giấy khen cá nhân: 59", "huyện", "Giấy khen", None, 59),
    ("Giấy khen tập thể: 31", "huyện", "Giấy khen", 31, None),
    ("Chiến sỹ thi đua cơ sở: 03", "huyện", "Chiến sĩ thi đua cơ sở", None, 3),
]


def test_awards_seed001_tallies_by_level(seed001):
    levelled = [(a.text, a.level, a.form, a.collectives, a.individuals)
                for a in seed001.awards if a.level and not a.granted_by]  # fmt: skip
    assert levelled == TALLIES


def test_awards_seed001_huyen_totals_add_up(seed001):
    """The huyện level of 2023-2024: LĐTT 897+188 people, Giấy khen 258+59 people, 39+31 units."""
    huyen = [a for a in seed001.awards if a.level == "huyện" and not a.granted_by]
    by_form: dict[str, tuple[int, int]] = {}
    for a in huyen:
        c, i = by_form.get(a.form, (0, 0))
        by_form[a.form] = (c + (a.collectives or 0), i + (a.individuals or 0))
    assert by_form["Lao động tiên tiến"] == (0, 1085)
    assert by_form["Giấy khen"] == (70, 317)
    assert by_form["Chiến sĩ thi đua cơ sở"] == (0, 132)


def test_awards_seed001_movements(seed001):
    launched = {(m.name, m.launcher) for m in seed001.movements}
    assert ("Cả nước chung sức xây dựng nông thôn mới", "Thủ tướng Chính phủ") in launched
    assert ("Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau", "Thủ tướng Chính phủ") in launched
    assert ("Dân vận khéo", "tỉnh") in launched
    assert ("Đẩy mạnh cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2021 - 2025", "tỉnh") in launched
    first = next(m for m in seed001.movements if m.launched_by == "Thủ tướng Chính phủ, tỉnh")
    assert first.name == "Cả nước chung sức xây dựng nông thôn mới"  # '… do Thủ tướng Chính phủ, tỉnh phát động'
    ba_to = next(m for m in seed001.movements if m.name == "Ba Tơ vì người nghèo - Không để ai bị bỏ lại phía sau")
    assert ba_to.period == "giai đoạn 2021 - 2025"


def test_awards_seed002_movements_launched_by_prime_minister():
    doc = process(seed_path(2, "txt"), extractors=["awards"])
    by_pm = [m.name for m in doc.movements if m.launched_by == "Thủ tướng Chính phủ"]
    assert by_pm == [
        "Cả nước chung sức xây dựng nông thôn mới",
        "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau",
        "Doanh nghiệp Việt Nam hội nhập và phát triển",
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    ]
    assert {"Thi đua quyết thắng", "Toàn dân đoàn kết xây dựng đời sống văn hóa"} <= {m.name for m in doc.movements}
    assert doc.awards == []  # a plan: no award was given


def test_awards_seed004_movements_by_level():
    doc = process(seed_path(4, "txt"), extractors=["awards"])
    got = {m.name: m.launcher for m in doc.movements}
    assert got["Vì người nghèo - Không để ai bị bỏ lại phía sau"] == "Thủ tướng Chính phủ"
    assert got["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"] == "tỉnh"
    assert got["Thi đua quyết thắng"] is None


def test_awards_seed000_movements_with_period():
    doc = process(seed_path(0, "txt"), extractors=["awards"])
    assert [(m.name, m.period) for m in doc.movements] == [
        ("Quảng Ngãi chung sức xây dựng nông thôn mới", None),
        ("Ba Tơ vì người nghèo - Không để ai bị bỏ lại phía sau", "giai đoạn 2021-2025"),
        ("Ba Tơ chung sức xây dựng nông thôn mới", "giai đoạn 2021-2025"),
    ]
    assert extract(doc)["awards"] == []
