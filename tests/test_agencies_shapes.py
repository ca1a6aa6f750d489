"""Assignment shapes beyond seed 000, as short real passages (dev-eval texts, abridged).

Each row: the passage, then the expected (lead, cooperating, deadline) of every assignment in
reading order. The passages are copied from /work/shared/dev-eval corpus files (named in the
id) and cut to the sentences that matter.
"""

from __future__ import annotations

import pytest

from extractors.agencies import extract
from extractors.task_rows import parse_deadline
from pipeline import parse


def _assignments(tmp_path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse(path)
    found = extract(doc)["assignments"]
    for a in found:
        assert doc.text[a.span[0] : a.span[1]] == a.text
    return [(a.lead, a.cooperating, a.deadline) for a in found]


SHAPES = [
    pytest.param(
        "- Cơ quan thực hiện: Sở Nội\nvụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân\n"
        "dân phường, xã, đặc khu, báo, đài và các đơn vị có liên quan.",
        [("Sở Nội vụ", ["các sở, ban, ngành, đoàn thể Thành phố", "Ủy ban nhân dân phường, xã, đặc khu", "báo, đài",
                        "các đơn vị có liên quan"], None)],
        id="003-co-quan-thuc-hien",
    ),
    pytest.param(
        "- Cơ quan thực hiện: Sở Y tế\nchủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố và các đơn vị có\n"
        "liên quan.",
        [("Sở Y tế", ["các sở, ban, ngành, đoàn thể Thành phố", "các đơn vị có liên quan"], None)],
        id="003-co-quan-thuc-hien-so-y-te",
    ),
    pytest.param(
        "2. Sở\nKhoa học và Công nghệ\n\na) Bám sát các nhiệm vụ, chỉ tiêu của tỉnh.\n\n"
        "b) Chủ trì, phối hợp với Văn phòng UBND tỉnh triển khai tích hợp, kết nối các thông tin.",
        [("Sở Khoa học và Công nghệ", [], None), ("Sở Khoa học và Công nghệ", ["Văn phòng UBND tỉnh"], None)],
        id="007-agency-heading-items",
    ),
    pytest.param(
        "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Y tế nghiên cứu tổng hợp chung kiến nghị của các địa phương.",
        [("Bộ Tài chính", ["Bộ Y tế"], None)],
        id="006-giao-chu-tri",
    ),
    pytest.param(
        "Giao Bộ Giáo dục và Đào tạo, Bộ Y tế nghiên cứu các kiến nghị của tỉnh Điện Biên, báo cáo Thủ tướng "
        "Chính phủ trước ngày 15 tháng 12 năm 2025.",
        [("Bộ Giáo dục và Đào tạo", ["Bộ Y tế"], "2025-12-15")],
        id="006-joint-giao-deadline",
    ),
    pytest.param(
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Thường trực Hội đồng nhân dân tỉnh giám sát "
        "việc thực hiện Nghị quyết.",
        [("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ["Thường trực Hội đồng nhân dân tỉnh"], None)],
        id="010-de-nghi",
    ),
    pytest.param(
        "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính và các tổ chức, cá nhân có liên quan chịu "
        "trách nhiệm thi hành Quyết định này.",
        [("Chánh Văn phòng Ủy ban nhân dân tỉnh", ["Giám đốc Sở Tài chính", "các tổ chức, cá nhân có liên quan"],
          None)],
        id="008-execution-clause",
    ),
    pytest.param(
        "2. Đối với các chi phí vượt tổng mức thanh toán, Bảo hiểm xã hội Việt Nam khẩn trương tổ chức thực hiện "
        "thanh toán.",
        [("Bảo hiểm xã hội Việt Nam", [], None)],
        id="012-after-comma",
    ),
    pytest.param(
        "|\nSTT\n|\nNội dung công việc\n|\nPhân công nhiệm vụ\n|\nThời gian thực hiện\n|\n|\nBước 1\n|\n"
        "Hướng dẫn, tiếp nhận hồ sơ\n|\nTrung tâm Phục vụ hành chính công cấp xã\n|\n0,25 ngày làm việc\n|",
        [("Trung tâm Phục vụ hành chính công cấp xã", [], "0,25 ngày làm việc")],
        id="009-table-row",
    ),
    pytest.param(
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Rà soát hồ sơ minh chứng | Phòng Nội vụ | Văn phòng HĐND và UBND huyện | Trước ngày 31/12/2024 |\n"
        "| 2 | Tuyên truyền | Phòng Văn hóa và Thông tin; Trung tâm Truyền thông - Văn hóa - Thể thao | "
        "UBND các xã, thị trấn | Thường xuyên |",
        [("Phòng Nội vụ", ["Văn phòng HĐND và UBND huyện"], "2024-12-31"),
         ("Phòng Văn hóa và Thông tin", ["Trung tâm Truyền thông - Văn hóa - Thể thao", "UBND các xã, thị trấn"],
          "Thường xuyên")],
        id="assignment-table-with-header (layout of a phụ lục phân công; bodies from seed 000)",
    ),
    pytest.param(
        "- Triển khai đồng bộ các biện pháp quản lý thuế; đồng thời, ngành Thuế phối hợp chặt chẽ với các ngành, "
        "các cấp thực hiện chống thất thu thuế.",
        [("ngành Thuế", ["các ngành, các cấp"], None)],
        id="004-ngành-after-comma",
    ),
    pytest.param(
        "BÁO CÁO\n\nI. KẾT QUẢ\n\nUBND huyện ban hành Kế hoạch số 17/KH-UBND. Các cơ quan, đơn vị tổ chức thực "
        "hiện tốt. Ngành Thuế đã tập trung chống thất thu.\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n\n"
        "Các cơ quan, đơn vị tiếp tục triển khai thực hiện tốt các phong trào thi đua.",
        [("Các cơ quan, đơn vị", [], None)],
        id="report-results-are-not-tasks",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_agencies_shapes(tmp_path, text, expected):
    assert _assignments(tmp_path, text) == expected


DEADLINES = [
    ("Thường xuyên, cung cấp tài liệu minh chứng trước ngày 31/12/2024", "2024-12-31"),
    ("Thường xuyên", "Thường xuyên"),
    ("Quý II/2024", "Quý II/2024"),
    ("Tháng 12/2025", "Tháng 12/2025"),
    ("trước ngày 15 tháng 12 năm 2025", "2025-12-15"),
    ("Từ 01/7/2025", "Từ 01/7/2025"),  # a start date: the wording is kept
    ("Trước ngày 15/12 hàng năm", "Trước ngày 15/12 hàng năm"),
    ("trước ngày 31/02/2024", "trước ngày 31/02/2024"),  # no such date
]


@pytest.mark.parametrize(("raw", "expected"), DEADLINES, ids=[d[0] for d in DEADLINES])
def test_agencies_shapes_deadline(raw, expected):
    assert parse_deadline(raw)[0] == expected


def test_agencies_shapes_docx_assignment_table(tmp_path):
    """A .docx phụ lục phân công (one TABLE_CELL block per cell): the header maps the columns,
    and the header cells themselves ("Cơ quan chủ trì") are no assignment."""
    import docx

    d = docx.Document()
    d.add_paragraph("PHỤ LỤC PHÂN CÔNG")
    rows = [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["1", "Rà soát hồ sơ minh chứng", "Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Trước ngày 31/12/2024"],
        ["2", "Tuyên truyền", "Phòng Văn hóa và Thông tin", "UBND các xã, thị trấn", "Thường xuyên"],
    ]
    table = d.add_table(rows=3, cols=5)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    path = tmp_path / "phu_luc.docx"
    d.save(path)
    doc = parse(path)
    got = [(a.lead, a.cooperating, a.deadline) for a in extract(doc)["assignments"]]
    assert got == [
        ("Phòng Nội vụ", ["Văn phòng HĐND và UBND huyện"], "2024-12-31"),
        ("Phòng Văn hóa và Thông tin", ["UBND các xã, thị trấn"], "Thường xuyên"),
    ]
