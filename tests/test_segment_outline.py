"""Section trees of the seeds in every format equal the hand-written outlines."""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from pipeline import parse
from pipeline.segment import section_at, section_path_at
from schemas import Section, SectionKind
from tests.conftest import FIXTURES, SAMPLES, SEEDS, seed_path

OUTLINES = yaml.safe_load((FIXTURES / "segment" / "outlines.yaml").read_text(encoding="utf-8"))
FORMATS = ["txt", "docx", "styled", "pdf"]
MARKED = {SectionKind.PART, SectionKind.ARTICLE, SectionKind.ROMAN, SectionKind.ARABIC, SectionKind.MULTI,
          SectionKind.LETTER, SectionKind.PAREN}  # fmt: skip


@cache
def parsed(n: int, fmt: str):
    path = SAMPLES / "styled" / f"{SEEDS[n]}.docx" if fmt == "styled" else seed_path(n, fmt)
    return parse(path)


def _matches(expected: list, got: tuple) -> bool:
    path, role, title = expected
    if title.endswith("…"):
        return (path, role) == got[:2] and got[2].startswith(title[:-1])
    return (path, role, title) == got


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("n", range(5), ids=[f"seed{n:03d}" for n in range(5)])
def test_segment_outline_matches_hand_written(n: int, fmt: str) -> None:
    doc = parsed(n, fmt)
    got = [(s.path, s.role, s.title) for s in doc.sections if s.kind in MARKED]
    expected = OUTLINES[f"{n:03d}"]
    assert [g[0] for g in got] == [e[0] for e in expected]
    bad = [(e, g) for e, g in zip(expected, got, strict=True) if not _matches(e, g)]
    assert bad == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_segment_outline_seed004_targets_are_list_items(fmt: str) -> None:
    """The twenty "- (n) …;" targets of seed 004 stay list items inside section II/2."""
    doc = parsed(4, fmt)
    assert not [s for s in doc.sections if s.kind == SectionKind.PAREN]
    target = doc.text.index("(7) Tỷ lệ che phủ rừng")
    assert section_path_at(doc, target) == "II/2"
    assert section_at(doc, target).title == "Các chỉ tiêu thi đua chủ yếu"


@pytest.mark.parametrize("n", range(5))
def test_segment_outline_spans_and_tree_are_consistent(n: int) -> None:
    doc = parsed(n, "txt")
    body = doc.meta.body_span
    for s in doc.sections:
        start, end = s.heading_span
        assert doc.text[start:end].startswith(s.marker.split()[0])
        assert s.body_span[0] == start and s.heading_span[1] <= s.body_span[1]
        assert body[0] <= start and s.body_span[1] <= body[1]
        if s.parent is not None:
            parent = doc.sections[s.parent]
            assert s.id in parent.children and s.level == parent.level + 1
            assert parent.body_span[0] < start and s.body_span[1] <= parent.body_span[1]
            assert s.path.startswith(parent.path + "/")


def test_segment_outline_section_path_at_offsets() -> None:
    doc = parsed(0, "txt")
    assert section_path_at(doc, doc.text.index("Năm 2023, điểm thi đua của huyện xếp thứ")) == "II/2/2.1"
    assert section_path_at(doc, doc.text.index("Phòng Văn hóa và Thông tin.")) == "III/2/2.1"
    assert section_path_at(doc, doc.text.index("UBND huyện ban hành kế hoạch")) is None  # preamble
    assert section_path_at(doc, doc.text.index("Phạm Xuân Vinh")) is None  # closing


def test_segment_outline_item_heading_span_is_its_first_clause() -> None:
    """A long numbered task paragraph (seed 001 Phần II) is an item; its heading span is the clause that names it."""
    doc = parsed(1, "txt")
    item = next(s for s in doc.sections if s.path == "Phần II/I/1")
    assert item.role == "item" and item.children == []
    start, end = item.heading_span
    assert doc.text[start:end] == "1. " + item.title
    assert doc.text[end] == ":"


@pytest.mark.parametrize("n", range(5))
def test_segment_outline_sections_validate(n: int) -> None:
    """Every section round-trips through its JSON form (the contract the store loads)."""
    for s in parsed(n, "txt").sections:
        assert Section.model_validate(s.model_dump()) == s
