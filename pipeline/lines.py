"""Lines of the document text with their block, for segmentation.

Segmentation works on lines, not blocks: a .txt paragraph keeps its hard line breaks (a
header puts one field per line, a "Nơi nhận" list one recipient per line), a .docx header
cell holds issuer, number and "V/v" as lines of one block. Each line also knows its
*column gaps*: places where normalisation collapsed a long run of spaces or tabs, which is
how old .doc transcripts lay out two header columns on one line ("ỦY BAN NHÂN DÂN <tabs>
CỘNG HOÀ …"). The gaps are read back from the block's offset map, so the stored text stays
untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas import Block, BlockKind, ExtractedDocument

#: A collapsed run of at least this many source characters marks a column gap.
COLUMN_GAP_CHARS = 4


@dataclass(slots=True)
class Line:
    """One line of ``doc.text``: ``[start, end)`` offsets, its block, and column cells."""

    start: int
    end: int
    text: str
    block: int  # index into doc.blocks
    first_in_block: bool
    last_in_block: bool
    cells: list[tuple[int, int]] = field(default_factory=list)  # [start, end) per column

    def cell_texts(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of each column cell; the whole line when it has one column."""
        if not self.cells:
            return [(self.start, self.end, self.text)]
        off = self.start
        return [(s, e, self.text[s - off : e - off]) for s, e in self.cells]


def build_lines(doc: ExtractedDocument) -> list[Line]:
    """Split every non-footnote block into lines with offsets and column cells."""
    lines: list[Line] = []
    append = lines.append
    footnote = BlockKind.FOOTNOTE
    for block in doc.blocks:
        if block.kind == footnote:
            continue
        first = len(lines)
        pos, index = block.start, block.index
        # normalisation already trimmed spaces around line breaks, so parts need no strip
        for part in block.text.split("\n"):
            if part:
                append(Line(pos, pos + len(part), part, index, False, False))
            pos += len(part) + 1
        if len(lines) > first:
            lines[first].first_in_block = True
            lines[-1].last_in_block = True
            if block.offset_map:
                _add_cells(lines, first, [block.start + g for g in _column_gaps(block)])
    return lines


def _add_cells(lines: list[Line], first: int, gaps: list[int]) -> None:
    """Give lines[first:] their column cells from the block's gap offsets (both sorted)."""
    g = 0
    for line in lines[first:]:
        while g < len(gaps) and gaps[g] <= line.start:
            g += 1
        inner = []
        while g < len(gaps) and gaps[g] < line.end - 1:
            inner.append(gaps[g])
            g += 1
        if inner:
            line.cells = _split_cells(line.start, line.end, inner)


def _column_gaps(block: Block) -> list[int]:
    """Block offsets of single spaces that replaced a long run of source whitespace."""
    anchors = block.offset_map
    if not anchors:
        return []
    gaps = []
    text = block.text
    for (o1, s1), (o2, s2) in zip(anchors, anchors[1:], strict=False):
        if o2 - o1 == 1 and s2 - s1 >= COLUMN_GAP_CHARS and 0 <= o1 < len(text) and text[o1] == " ":
            gaps.append(o1)
    return gaps


def _split_cells(start: int, end: int, gaps: list[int]) -> list[tuple[int, int]]:
    cells = []
    s = start
    for g in gaps:
        if g > s:
            cells.append((s, g))
        s = g + 1
    if s < end:
        cells.append((s, end))
    return cells
