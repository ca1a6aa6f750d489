"""The parsed document: blocks from a reader, header metadata, the section tree."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from schemas.common import CharSpan, Problem, Strict, TextSource


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # a paragraph the source styles as a heading (Word Heading n)
    LIST_ITEM = "list_item"  # a paragraph with Word automatic numbering (marker rendered)
    TABLE_CELL = "table_cell"
    TABLE_ROW = "table_row"  # pdf tables: one block per row, cells joined with " | "
    FOOTNOTE = "footnote"


class Style(Strict):
    """Style hints where the format has them (None = unknown)."""

    bold: bool | None = None
    italic: bool | None = None
    all_caps: bool | None = None
    style_name: str | None = None  # e.g. "Heading 2"
    heading_level: int | None = None
    alignment: str | None = None  # left | center | right | justify
    font_size: float | None = None  # points
    font_name: str | None = None


class Block(Strict):
    """One unit of reader output, located both in the document text and in the source file."""

    index: int
    kind: BlockKind = BlockKind.PARAGRAPH
    text: str = Field(description="normalised block text == doc.text[start:end]")
    start: int
    end: int
    style: Style = Field(default_factory=Style)
    source: TextSource = TextSource.NATIVE
    # location in the source file (whichever apply to the format)
    line: int | None = Field(None, description=".txt: 1-based line number of the block's first line")
    src_start: int | None = Field(None, description=".txt: offset of the block in the decoded source")
    offset_map: list[tuple[int, int]] | None = Field(
        None,
        description="(block offset, source offset) anchors when normalisation changed lengths",
    )
    paragraph: int | None = Field(None, description=".docx: body paragraph index")
    table: int | None = Field(None, description=".docx/.pdf: table index")
    row: int | None = None
    col: int | None = None
    page: int | None = Field(None, description=".pdf: 1-based page")
    bbox: tuple[float, float, float, float] | None = Field(None, description=".pdf: x0, top, x1, bottom (pt)")
    footnote_id: str | None = Field(None, description="footnote blocks: the note's id/marker")
    note_refs: list[str] = Field(default_factory=list, description="footnote ids referenced from this block")
    ocr_confidence: float | None = None


class SectionKind(StrEnum):
    PART = "part"  # Phần I / PHẦN THỨ NHẤT / Chương I
    ARTICLE = "article"  # Điều 1.
    ROMAN = "roman"  # I.
    ARABIC = "arabic"  # 1.
    MULTI = "multi"  # 2.1. / 2.1.3.
    LETTER = "letter"  # a) … đ)
    PAREN = "paren"  # (1)
    BULLET = "bullet"  # - + * →


class Section(Strict):
    """A node of the body's section tree, stored flat with ``parent`` (loads straight into a table).

    ``role`` tells headings (short titles that open a subtree) from numbered *items*
    (a long numbered paragraph that is a task or target, modelled as a leaf of its parent).
    """

    id: int
    parent: int | None = None
    children: list[int] = Field(default_factory=list)
    path: str = Field(description="e.g. 'III/2/2.1'")
    marker: str = Field(description="marker as written, e.g. 'III.', '2.1.', 'a)', '(1)', '-'")
    kind: SectionKind
    role: str = Field("heading", description="heading | item")
    level: int = Field(description="depth in the tree, 1 = top")
    title: str
    heading_span: CharSpan
    body_span: CharSpan = Field(description="from the heading's start to the end of its subtree")
    block: int | None = None


class DateParts(Strict):
    """A possibly partial date: drafts leave the day (or month) blank ('ngày   tháng 3 năm 2024')."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


class Recipient(Strict):
    text: str
    span: CharSpan | None = None


class DocumentMeta(Strict):
    """Header and closing fields (thể thức per Nghị định 30/2020/NĐ-CP)."""

    national_motto: bool = False  # quốc hiệu / tiêu ngữ present
    party_document: bool = False  # "ĐẢNG CỘNG SẢN VIỆT NAM" header
    issuer: str | None = None
    issuer_normalized: str | None = Field(None, description="short form, e.g. 'UBND tỉnh Bắc Ninh'")
    parent_issuer: str | None = None
    number: str | None = None
    symbol: str | None = None
    number_symbol_raw: str | None = Field(None, description="the 'Số: …' value as written")
    place: str | None = None
    issue_date: date | None = None
    issue_date_parts: DateParts | None = None
    issue_date_raw: str | None = None
    doc_type: str | None = Field(None, description="canonical type word, e.g. 'Kế hoạch'")
    doc_type_raw: str | None = None
    subject: str | None = Field(None, description="trích yếu (or 'V/v …' for công văn)")
    addressees: list[str] = Field(default_factory=list, description="'Kính gửi:' entries")
    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = Field(None, description="TM. | KT. | TL. | TUQ. | Q. …")
    signer_on_behalf_of: str | None = Field(None, description="e.g. 'ỦY BAN NHÂN DÂN' after TM.")
    recipients: list[Recipient] = Field(default_factory=list, description="Nơi nhận entries")
    end_marker: bool = False  # "./." present
    header_span: CharSpan | None = None
    body_span: CharSpan | None = None
    closing_span: CharSpan | None = None


class Jurisdiction(Strict):
    """Where the document belongs (used to resolve 'UBND tỉnh', 'UBND huyện' in citations)."""

    province: str | None = None  # "Quảng Ngãi"
    district: str | None = None  # "Ba Tơ" (huyện / thị xã / thành phố thuộc tỉnh)
    district_kind: str | None = None  # huyện | thị xã | thành phố | quận
    commune: str | None = None  # "Cẩm Lĩnh"
    commune_kind: str | None = None  # xã | phường | thị trấn
    level: str | None = None  # trung ương | tỉnh | huyện | xã
    evidence: list[str] = Field(default_factory=list, description="how each part was inferred")


__all__ = [
    "Block",
    "BlockKind",
    "DateParts",
    "DocumentMeta",
    "Jurisdiction",
    "Problem",
    "Recipient",
    "Section",
    "SectionKind",
    "Style",
    "TextSource",
]
