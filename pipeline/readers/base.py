"""What every reader returns: raw blocks in reading order, before normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import BlockKind, Conversion, Problem, Style, TextSource


@dataclass(slots=True)
class RawBlock:
    """A block as the reader found it; ``pipeline.assemble`` normalises and locates it."""

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    style: Style | None = None
    source: TextSource = TextSource.NATIVE
    line: int | None = None  # .txt
    src_start: int | None = None  # .txt: offset in the decoded source
    paragraph: int | None = None  # .docx
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None  # .pdf
    bbox: tuple[float, float, float, float] | None = None
    footnote_id: str | None = None
    note_refs: list[str] = field(default_factory=list)
    ocr_confidence: float | None = None


@dataclass(slots=True)
class ReadResult:
    """Reader output: blocks plus what the reader learned about the file."""

    format: str
    blocks: list[RawBlock]
    pages: int | None = None
    markdown: bool = False  # strip markdown emphasis while normalising
    conversions: list[Conversion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
