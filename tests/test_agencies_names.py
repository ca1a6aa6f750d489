"""Agency names: shared-head list expansion, joint subjects, canonical forms (case tables)."""

from __future__ import annotations

import pytest

from extractors.agency_names import parse_bodies, parse_label_value
from extractors.gazetteer import canonicalize, find_agencies

# (text, expected bodies) — shared-head lists are expanded, own-head items kept
EXPANSION = [
    pytest.param(
        "Các Phòng: Tài nguyên và Môi trường, Kinh tế và Hạ tầng, Dân tộc, Nông nghiệp và Phát triển nông thôn, "
        "Y tế, Giáo dục và Đào tạo, Lao động - Thương binh và Xã hội; Trung tâm Truyền thông - Văn hóa - Thể thao; "
        "Hạt Kiểm lâm huyện.",
        ["Phòng Tài nguyên và Môi trường", "Phòng Kinh tế và Hạ tầng", "Phòng Dân tộc",
         "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Y tế", "Phòng Giáo dục và Đào tạo",
         "Phòng Lao động - Thương binh và Xã hội", "Trung tâm Truyền thông - Văn hóa - Thể thao",
         "Hạt Kiểm lâm huyện"],
        id="seed000-cac-phong",
    ),
    pytest.param(
        "Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp\nvà Môi trường, Văn hóa, Thể thao và Du lịch, Công "
        "Thương, Giáo dục và Đào tạo,\nNgoại giao, Tập đoàn Điện lực Việt Nam theo chức năng",
        ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Nông nghiệp và Môi trường", "Bộ Văn hóa, Thể thao và Du lịch",
         "Bộ Công Thương", "Bộ Giáo dục và Đào tạo", "Bộ Ngoại giao", "Tập đoàn Điện lực Việt Nam"],
        id="deveval006-cac-bo-co-quan",
    ),
    pytest.param(
        "Sở Giáo\ndục và Đào tạo và Sở Y tế chủ trì, phối hợp", ["Sở Giáo dục và Đào tạo", "Sở Y tế"], id="joint-va"
    ),
    pytest.param(
        "Chánh Văn phòng\nỦy ban nhân dân tỉnh, Giám đốc Sở Tài chính, Thủ trưởng các Sở, ban, ngành tỉnh;\n"
        "Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu và các tổ chức, cá nhân có liên quan chịu trách nhiệm",
        ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Tài chính", "Thủ trưởng các Sở, ban, ngành tỉnh",
         "Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu", "các tổ chức, cá nhân có liên quan"],
        id="execution-clause",
    ),
    pytest.param(
        "Các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, đặc khu xây dựng dự toán",
        ["Các sở, ban, ngành, đoàn thể Thành phố", "Ủy ban nhân dân phường, xã, đặc khu"],
        id="collective-then-ubnd",
    ),
    pytest.param(
        "Văn phòng HĐND và UBND huyện, các cơ quan hành chính - sự nghiệp và UBND các xã, thị trấn.",
        ["Văn phòng HĐND và UBND huyện", "các cơ quan hành chính - sự nghiệp", "UBND các xã, thị trấn"],
        id="known-name-with-va",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "bodies"), EXPANSION)
def test_agencies_names_expansion(text, bodies):
    parsed = parse_bodies(text, 0)
    assert parsed is not None
    assert parsed[1] == bodies


def test_agencies_names_label_value_keeps_collective():
    """A label value opening with "Các …" is one collective (dev-eval 001 convention)."""
    assert parse_label_value("Các\nSở, ngành, đơn vị, UBND cấp xã.") == ["Các Sở, ngành, đơn vị, UBND cấp xã"]
    assert parse_label_value("Báo\nvà Phát thanh, Truyền hình tỉnh; Sở Tư pháp, các cơ quan, đơn vị, địa phương.") == [
        "Báo và Phát thanh, Truyền hình tỉnh", "Sở Tư pháp", "các cơ quan, đơn vị, địa phương"]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["Các chỉ tiêu chủ yếu", "Phòng ngừa, ứng phó với bạo lực", "Bộ nhận diện và các thông điệp",
     "Lãnh đạo, chỉ đạo thực hiện công tác thi đua", "Ban hành văn bản", "Hội nghị tổng kết"],
)  # fmt: skip
def test_agencies_names_not_agencies(text):
    assert parse_bodies(text, 0) is None


# (as written, canonical) — abbreviations and spellings seen in the seeds and dev-eval texts
CANONICAL = [
    ("UBND huyện", "Ủy ban nhân dân huyện"),
    ("Ủy ban nhân dân huyện", "Ủy ban nhân dân huyện"),
    ("UBND tỉnh Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội"),
    ("Phòng LĐTB&XH", "Phòng Lao động - Thương binh và Xã hội"),
    ("Phòng Lao động - Thương binh Xã hội", "Phòng Lao động - Thương binh và Xã hội"),
    ("Phòng Văn hoá và Thông tin", "Phòng Văn hóa và Thông tin"),
    ("Phòng Tài chính và Kế hoạch", "Phòng Tài chính - Kế hoạch"),
    ("Công an huyện", "Công an huyện"),
    ("Ban CHQS huyện", "Ban Chỉ huy Quân sự huyện"),
    ("Ban Chỉ huy Quân sự huyện", "Ban Chỉ huy Quân sự huyện"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Uỷ ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Đoàn TNCS HCM", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Đoàn TNCS Hồ Chí Minh huyện Ba Tơ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện Ba Tơ"),
    ("Hội LHPN", "Hội Liên hiệp Phụ nữ"),
    ("Hội LHPN huyện", "Hội Liên hiệp Phụ nữ huyện"),
    ("Văn phòng HĐND và UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở Tư\npháp.", "Sở Tư pháp"),
    ("UBND các xã, thị trấn", "Ủy ban nhân dân xã"),
    ("HĐND tỉnh Vĩnh Long", "Hội đồng nhân dân tỉnh Vĩnh Long"),
    ("Trung tâm Y tế huyện Ba Tơ", "Trung tâm Y tế huyện Ba Tơ"),  # not in the gazetteer: kept
]


@pytest.mark.parametrize(("raw", "canonical"), CANONICAL, ids=[c[0] for c in CANONICAL])
def test_agencies_names_canonical(raw, canonical):
    assert canonicalize(raw) == canonical


def test_agencies_names_matches_keep_raw_text():
    text = "Phòng LĐ-TB&XH, UBND huyện Ba Tơ (Đoàn TNCS HCM) và Sở Tư\npháp; QĐ-UBND, NĐ-CP"
    hits = find_agencies(text)
    assert [(text[h.start : h.end], h.canonical) for h in hits] == [
        ("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội"),
        ("UBND huyện", "Ủy ban nhân dân huyện"),
        ("Đoàn TNCS HCM", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        ("Sở Tư\npháp", "Sở Tư pháp"),
    ]
