"""Quantities carry block, page and section provenance (Locator: bisect over blocks and sections)."""

from __future__ import annotations

from extractors import quantities
from extractors.quantities import Locator
from pipeline import read_document
from schemas import Section, SectionKind
from tests.conftest import seed_path


def test_quantities_provenance_blocks_slice_back():
    doc = read_document(seed_path(4))
    items = quantities.EXTRACTOR.extract(doc)["quantities"]
    # hand-checked against samples/004_*.txt: "Kế hoạch 5 năm", "03 nhiệm vụ trọng tâm", "6 điều
    # Bác Hồ dạy" come first (numbers without a target unit), then the twenty chỉ tiêu
    assert [q.text for q in items] == [
        "5 năm", "5 năm", "03", "02", "3", "3", "3", "03", "6",
        "25.242 tỷ đồng", "10,7%", "623,17 tỷ đồng", "917,57 tỷ đồng", "72.939 tấn", "34.993 tấn", "35,58%",
        "1.600 người", "50%", "2,14%", "01 trường", "0,79%", "5 tuổi", "6%", "01 xã", "94%", "100%", "80%",
        "3 tiêu chí", "85%", "2.000 giấy",
    ]  # fmt: skip
    for q in items:
        assert doc.text[q.span[0] : q.span[1]] == q.text
        block = doc.blocks[q.block]
        assert block.start <= q.span[0] < block.end


def _section(i, parent, path, level, start, end):
    return Section(
        id=i, parent=parent, path=path, marker=path.rsplit("/", 1)[-1] + ".", kind=SectionKind.ARABIC,
        level=level, title="t", heading_span=(start, start + 1), body_span=(start, end),
    )  # fmt: skip


def test_quantities_provenance_deepest_section():
    doc = read_document(seed_path(4))
    doc = doc.model_copy(
        update={
            "sections": [
                _section(0, None, "II", 1, 100, 900),
                _section(1, 0, "II/1", 2, 120, 400),
                _section(2, 1, "II/1/a", 3, 150, 200),
                _section(3, 0, "II/2", 2, 400, 900),
            ]
        }
    )
    loc = Locator(doc)
    got = [loc.section(o) for o in (50, 100, 130, 160, 200, 399, 400, 899, 900)]
    assert got == [None, "II", "II/1", "II/1/a", "II/1", "II/1", "II/2", "II/2", None]
