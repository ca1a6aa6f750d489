"""Seed 000 (Kế hoạch, UBND huyện Ba Tơ), section III: every assignment, hand-checked.

Read from samples/000_*.txt: each chỉ tiêu lists task bullets, then "+ Cơ quan chủ trì tham
mưu: …", "+ Cơ quan phối hợp: …", "+ Thời gian thực hiện: Thường xuyên, cung cấp tài liệu
minh chứng trước ngày 31/12/2024." The labels govern every bullet since the previous label
group, so a bullet shares them with its neighbours (2.1 bullets 3-6, 2.2 bullets 1-2 and
3-4, all seven bullets of 2.3). A joint lead list gives the first body as lead and the
others, then the "phối hợp" bodies, as cooperating.
"""

from __future__ import annotations

import pytest

from extractors.agencies import extract
from pipeline import parse
from tests.conftest import seed_path

DL = "2024-12-31"
HCSN_XA = ["Các cơ quan hành chính - sự nghiệp", "UBND các xã, thị trấn"]
SIX_PHONG = [
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Dân tộc",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Y tế",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Lao động - Thương binh và Xã hội",
    "Trung tâm Truyền thông - Văn hóa - Thể thao",
    "Hạt Kiểm lâm huyện",
]
NV_23 = ["Phòng Lao động - Thương binh và Xã hội", "Phòng Nông nghiệp và Phát triển nông thôn",
         "Các cơ quan, ban ngành, đơn vị", "UBND các xã, thị trấn"]  # fmt: skip
LAST_LABEL = "Thời gian thực hiện: Thường xuyên, cung cấp tài liệu minh chứng trước ngày 31/12/2024."

# (section, span text starts with, span text ends with, lead, cooperating)
EXPECTED = [
    ("III/2/2.1", "- Thực hiện chỉ tiêu tổng giá trị sản xuất", LAST_LABEL, "Phòng Tài chính và Kế hoạch", HCSN_XA),
    ("III/2/2.1", "- Tích cực xây dựng cơ quan văn hoá", LAST_LABEL, "Phòng Văn hóa và Thông tin", HCSN_XA),
    ("III/2/2.1", "- Thực hiện tốt công tác quản lý tài nguyên", "vượt chỉ tiêu tỉnh giao.",
     "Phòng Tài nguyên và Môi trường", SIX_PHONG + HCSN_XA),
    ("III/2/2.1", "- Giảm số người sinh con thứ 3", "so với năm trước.", "Phòng Tài nguyên và Môi trường",
     SIX_PHONG + HCSN_XA),
    ("III/2/2.1", "- Huyện tham gia đầy đủ các hoạt động", "giải nhất, nhì, ba toàn đoàn.",
     "Phòng Tài nguyên và Môi trường", SIX_PHONG + HCSN_XA),
    ("III/2/2.1", "- Đưa các tiêu chí về xây dựng nông thôn mới", LAST_LABEL, "Phòng Tài nguyên và Môi trường",
     SIX_PHONG + HCSN_XA),
    ("III/2/2.1", "- Đảm bảo an ninh, chính trị", LAST_LABEL, "Công an huyện",
     ["Thanh tra huyện", "các cơ quan hành chính - sự nghiệp", "UBND các xã, thị trấn"]),
    ("III/2/2.1", "- Nâng cao chỉ số Công tác cải cách hành chính", LAST_LABEL, "Phòng Nội vụ",
     ["Văn phòng HĐND và UBND huyện", "các cơ quan hành chính - sự nghiệp", "UBND các xã, thị trấn"]),
    ("III/2/2.1", "- Công tác quân sự địa phương", LAST_LABEL, "Ban Chỉ huy Quân sự huyện", ["UBND các xã, thị trấn"]),
    ("III/2/2.2", "- Tổ chức nghiên cứu, học tập", "bị xử phạt hành chính.", "Phòng Nội vụ",
     ["Các cơ quan, ban ngành, đơn vị", "UBND các xã, thị trấn"]),
    ("III/2/2.2", '- Thực hiện tốt việc đẩy mạnh "Học tập', LAST_LABEL, "Phòng Nội vụ",
     ["Các cơ quan, ban ngành, đơn vị", "UBND các xã, thị trấn"]),
    ("III/2/2.2", "- Xây dựng chương trình hành động", "các văn bản thi hành luật.", "Thanh tra huyện", HCSN_XA),
    ("III/2/2.2", "- Giải quyết đơn thư khiếu nại", LAST_LABEL, "Thanh tra huyện", HCSN_XA),
    ("III/2/2.2", "- Xây dựng, củng cố tổ chức Đảng", LAST_LABEL, "Phòng Nội vụ",
     ["Ban Tổ chức Huyện ủy", "các cơ quan, ban ngành, đơn vị", "UBND các xã, thị trấn"]),
    ("III/2/2.2", "- Xây dựng tổ chức đoàn thể vững mạnh", "về UBND huyện qua Phòng Nội vụ).", "Phòng Nội vụ",
     ["Các tổ chức chính trị - xã hội huyện", "Liên đoàn Lao động huyện"]),
    ("III/2/2.3", "- Tham mưu, chỉ đạo chính quyền địa phương", "phát động các phong trào thi đua.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "-Thực hiện tốt việc xây dựng, ban hành Quy chế", "lĩnh vực thi đua, khen thưởng.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "- Tổ chức, triển khai các phong trào thi đua", "theo chỉ thị của UBND tỉnh.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "- Thực hiện công tác kiểm tra, xây dựng", "mô hình phát triển kinh tế đột phá.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "- Triển khai và thực hiện các quy định", "làm công tác thi đua, khen thưởng.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "- Đầu năm phát động và triển khai", "bộ tiêu chí nông thôn mới kịp thời.", "Phòng Nội vụ", NV_23),
    ("III/2/2.3", "- Thực hiện tốt chế độ hội họp", LAST_LABEL, "Phòng Nội vụ", NV_23),
]  # fmt: skip


@pytest.fixture(scope="module")
def section_iii():
    doc = parse(seed_path(0, "txt"))
    found = [a for a in extract(doc)["assignments"] if (a.section or "").startswith("III")]
    return doc, found


def test_agencies_seed000_section_iii_count(section_iii):
    _, found = section_iii
    assert len(found) == len(EXPECTED)


@pytest.mark.parametrize("i", range(len(EXPECTED)), ids=[f"{e[0]}:{e[1][2:32]}" for e in EXPECTED])
def test_agencies_seed000_section_iii_item(section_iii, i):
    doc, found = section_iii
    section, head, tail, lead, coop = EXPECTED[i]
    a = found[i]
    assert doc.text[a.span[0] : a.span[1]] == a.text
    assert a.text.startswith(head) and a.text.endswith(tail)
    assert a.section == section
    assert a.lead == lead
    assert a.cooperating == coop
    assert a.deadline == DL and str(a.deadline_date) == DL
    assert a.deadline_raw == "Thường xuyên, cung cấp tài liệu minh chứng trước ngày 31/12/2024"


def test_agencies_seed000_label_group_exact_span(section_iii):
    """The first assignment: its bullet and the three label lines after it, exactly."""
    _, found = section_iii
    assert found[0].text == (
        "- Thực hiện chỉ tiêu tổng giá trị sản xuất cả năm đạt và vượt mức so với kế hoạch, tỷ lệ % thu ngân "
        "so với tỉnh giao phải đạt và vượt kế hoạch.\n"
        "+ Cơ quan chủ trì tham mưu: Phòng Tài chính và Kế hoạch.\n"
        "+ Cơ quan phối hợp: Các cơ quan hành chính - sự nghiệp và UBND các xã, thị trấn.\n"
        "+ Thời gian thực hiện: Thường xuyên, cung cấp tài liệu minh chứng trước ngày 31/12/2024."
    )
    assert found[0].lead_canonical == "Phòng Tài chính - Kế hoạch"
    assert found[0].cooperating_canonical == ["Các cơ quan hành chính - sự nghiệp", "Ủy ban nhân dân xã"]


def test_agencies_seed000_other_sections():
    """Section II's "Trách nhiệm cơ quan chủ trì tham mưu: X" and "Giao X …"; section V's
    agency headings ("2. Phòng Nội vụ") and the closing "Yêu cầu thủ trưởng …"."""
    doc = parse(seed_path(0, "txt"))
    got = [(a.section.split("/")[0], a.lead) for a in extract(doc)["assignments"] if not a.section.startswith("III")]
    assert ("II", "Trung tâm Y tế huyện Ba Tơ") in got
    assert ("II", "Lao động - Thương binh và Xã hội") in got  # written without "Phòng" in the source
    assert ("II", "Phòng Lao động - Thương binh Xã hội") in got  # "Giao Phòng Lao động - Thương binh Xã hội …"
    assert ("V", "Thủ trưởng các cơ quan, đơn vị") in got
    assert ("V", "Phòng Nội vụ") in got
    assert ("V", "thủ trưởng các cơ quan, đơn vị") in got


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_agencies_seed000_same_in_other_formats(fmt):
    """The .docx and .pdf copies give the same section III assignments as the .txt."""
    doc = parse(seed_path(0, fmt))
    found = [a for a in extract(doc)["assignments"] if (a.section or "").startswith("III")]
    assert [(a.lead, a.cooperating, a.deadline) for a in found] == [(e[3], e[4], DL) for e in EXPECTED]
    for a in found:
        assert doc.text[a.span[0] : a.span[1]] == a.text
