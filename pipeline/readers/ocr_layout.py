"""Turn Tesseract TSV (word boxes) into paragraph blocks with bbox and confidence.

Tesseract's own paragraphs often glue a short heading to the paragraph below it, so a
paragraph is also split after a line that stops well short of the right margin and before
a line that is indented like a first line. Lines are joined with a space: administrative
text is justified prose, and Vietnamese does not hyphenate words across lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.base import RawBlock
from pipeline.readers.ocr_fixes import fix_identifiers
from pipeline.readers.ocr_words import fix_diacritics
from schemas import BlockKind, TextSource

#: A line ending this many line-heights before the paragraph's right edge ends the paragraph.
SHORT_LINE_GAP = 2.5
#: A line starting this many line-heights right of the paragraph's left edge starts a new one.
INDENT_GAP = 1.0
#: A paragraph at the foot of a page whose words are this much smaller than the body's is a footnote.
FOOTNOTE_HEIGHT_RATIO = 0.86
#: Bare page numbers in the top or bottom band of this share of the page height are dropped.
PAGE_NUMBER_BAND = 0.08
#: Words below this confidence (0-100) that contain no letter or digit are specks, not text.
SPECK_CONF = 30.0


@dataclass(slots=True)
class _Line:
    words: list[str] = field(default_factory=list)
    confs: list[float] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)
    left: int = 1 << 30
    top: int = 1 << 30
    right: int = 0
    bottom: int = 0

    def add(self, text: str, conf: float, left: int, top: int, width: int, height: int) -> None:
        self.words.append(text)
        self.confs.append(conf)
        self.heights.append(height)
        self.left = min(self.left, left)
        self.top = min(self.top, top)
        self.right = max(self.right, left + width)
        self.bottom = max(self.bottom, top + height)

    @property
    def height(self) -> int:
        return max(1, self.bottom - self.top)


@dataclass(slots=True)
class OcrPage:
    """One OCRed page: its blocks, each block's median word height and the page height (points)."""

    blocks: list[RawBlock]
    word_heights: list[float]
    height: float


def page_from_tsv(tsv: str, page: int, scale: float) -> OcrPage:
    """Paragraph blocks of one page from Tesseract TSV; bbox in PDF points, top-left origin.

    ``scale`` converts pixels to points (72 / dpi). ``ocr_confidence`` is the mean word
    confidence, 0..1.
    """
    paragraphs, page_height = _paragraph_lines(tsv)
    blocks: list[RawBlock] = []
    heights: list[float] = []
    for lines in paragraphs:
        for group in _split_paragraph(lines):
            words = [w for ln in group for w in ln.words]
            confs = [c for ln in group for c in ln.confs]
            text = fix_identifiers(" ".join(fix_diacritics(words, confs)))
            bbox = (
                round(min(ln.left for ln in group) * scale, 1),
                round(min(ln.top for ln in group) * scale, 1),
                round(max(ln.right for ln in group) * scale, 1),
                round(max(ln.bottom for ln in group) * scale, 1),
            )
            blocks.append(
                RawBlock(
                    text=text,
                    source=TextSource.OCR,
                    page=page,
                    bbox=bbox,
                    ocr_confidence=round(sum(confs) / len(confs) / 100, 3),
                )
            )
            word_heights = sorted(h for ln in group for h in ln.heights)
            heights.append(word_heights[len(word_heights) // 4] * scale)  # lower quartile: fewest diacritics
    return OcrPage(blocks, heights, page_height * scale)


_PAGE_NUMBER_RE = re.compile(r"^[\W_]*\d{1,4}[\W_]*$")


def finish_pages(pages: list[OcrPage]) -> None:
    """Drop bare page numbers and mark footnotes (small print at the foot of a page), in place.

    The body's word height is the median over all pages OCRed together; footnotes are the
    run of paragraphs at the bottom of a page printed clearly smaller than that.
    """
    all_heights = sorted(h for p in pages for h in p.word_heights)
    body = all_heights[len(all_heights) // 2] if all_heights else 0
    for p in pages:
        band = PAGE_NUMBER_BAND * p.height
        keep = [
            i
            for i, b in enumerate(p.blocks)
            if not (_PAGE_NUMBER_RE.match(b.text) and (b.bbox[1] < band or b.bbox[3] > p.height - band))
        ]
        p.blocks = [p.blocks[i] for i in keep]
        p.word_heights = [p.word_heights[i] for i in keep]
        for i in range(len(p.blocks) - 1, 0, -1):
            if p.word_heights[i] >= FOOTNOTE_HEIGHT_RATIO * body:
                break
            p.blocks[i].kind = BlockKind.FOOTNOTE


def _paragraph_lines(tsv: str) -> tuple[list[list[_Line]], int]:
    """Group TSV word rows into Tesseract paragraphs of lines (reading order); also the page height."""
    paragraphs: dict[tuple[int, int], dict[int, _Line]] = {}
    page_height = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "1":
            page_height = int(cols[9])
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        conf = float(cols[10])
        if conf < SPECK_CONF and not any(ch.isalnum() for ch in text):
            continue
        key = (int(cols[2]), int(cols[3]))
        line = paragraphs.setdefault(key, {}).setdefault(int(cols[4]), _Line())
        line.add(text, conf, int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
    return [list(lines.values()) for lines in paragraphs.values() if lines], page_height


def _split_paragraph(lines: list[_Line]) -> list[list[_Line]]:
    """Split a Tesseract paragraph after short lines and before indented first lines."""
    if len(lines) < 2:
        return [lines]
    left = min(ln.left for ln in lines)
    right = max(ln.right for ln in lines)
    height = sorted(ln.height for ln in lines)[len(lines) // 2]
    groups: list[list[_Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:], strict=False):
        short = right - prev.right > SHORT_LINE_GAP * height
        indented = line.left - left > INDENT_GAP * height and prev.left - left <= INDENT_GAP * height
        if short or indented:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
