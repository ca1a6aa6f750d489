"""Turn Tesseract TSV (word boxes) into paragraph blocks with bbox and confidence.

Tesseract's own paragraphs often glue a short heading to the paragraph below it, so a
paragraph is also split after a line that stops well short of the right margin and before
a line that is indented like a first line. Lines are joined with a space: administrative
text is justified prose, and Vietnamese does not hyphenate words across lines. A paragraph
that fills the last line of a page goes on with the first one of the next page, as in
``pdf_paragraphs``. Footnote numbers printed small and raised (Tesseract reads "¹³" as
"*3", "¹¹" as "*ˆ") become superscript digits, or nothing when no digit was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.base import RawBlock
from pipeline.readers.ocr_fixes import fix_identifiers, fix_units
from pipeline.readers.ocr_words import document_pairs, fix_diacritics
from schemas import BlockKind, TextSource

#: A line ending this many line-heights before the paragraph's right edge ends the paragraph.
SHORT_LINE_GAP = 2.5
#: A line starting this many line-heights right of the paragraph's left edge starts a new one.
INDENT_GAP = 1.0
#: Text margins are line-edge quartiles (robust to a stray wide line) from this many lines up.
MARGIN_MIN_LINES = 8
#: A paragraph at the foot of a page whose words are this much smaller than the body's is a footnote.
FOOTNOTE_HEIGHT_RATIO = 0.86
#: Bare page numbers in the top or bottom band of this share of the page height are dropped.
PAGE_NUMBER_BAND = 0.08
#: Words below this confidence (0-100) that contain no letter or digit are specks, not text.
SPECK_CONF = 30.0
#: A word at most this share of its line's height whose foot is raised by at least
#: ``NOTE_MARK_RAISE`` line heights above the line's foot is a footnote number (superscript).
NOTE_MARK_HEIGHT = 0.75
NOTE_MARK_RAISE = 0.4
#: A raised mark without a digit is taken for a note number only below this confidence (not "“").
NOTE_MARK_CONF = 50.0

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# What Tesseract makes of a small raised number: digits, quotes, stars, carets, "!", "?", "°".
_NOTE_MARK_RE = re.compile(r"[\d*'\"“”‘’°^ˆ!?.,:;Pp]{1,4}")
_SENTENCE_END_RE = re.compile(r"[.:;!?…][\"”’)]*$")


@dataclass(slots=True)
class _Line:
    words: list[str] = field(default_factory=list)
    confs: list[float] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)
    bottoms: list[int] = field(default_factory=list)
    left: int = 1 << 30
    top: int = 1 << 30
    right: int = 0
    bottom: int = 0

    def add(self, text: str, conf: float, left: int, top: int, width: int, height: int) -> None:
        self.words.append(text)
        self.confs.append(conf)
        self.heights.append(height)
        self.bottoms.append(top + height)
        self.left = min(self.left, left)
        self.top = min(self.top, top)
        self.right = max(self.right, left + width)
        self.bottom = max(self.bottom, top + height)

    @property
    def height(self) -> int:
        return max(1, self.bottom - self.top)

    def mark_notes(self) -> None:
        """Turn small raised footnote numbers into superscripts glued to the word before."""
        if len(self.words) < 2:
            return
        size = sorted(self.heights)[len(self.heights) // 2]
        foot = sorted(self.bottoms)[len(self.bottoms) // 2]
        keep: list[int] = []
        words: list[str] = []
        for i, (text, conf) in enumerate(zip(self.words, self.confs, strict=True)):
            small = self.heights[i] <= NOTE_MARK_HEIGHT * size and self.bottoms[i] <= foot - NOTE_MARK_RAISE * size
            digits = "".join(ch for ch in text if ch.isdigit())
            if not (small and _NOTE_MARK_RE.fullmatch(text) and (digits or conf < NOTE_MARK_CONF)):
                keep.append(i)
                words.append(text)
            elif words:
                words[-1] += digits.translate(_SUPERSCRIPT)
            elif digits:
                keep.append(i)
                words.append(digits.translate(_SUPERSCRIPT))
        self.words = words
        self.confs = [self.confs[i] for i in keep]
        self.heights = [self.heights[i] for i in keep]
        self.bottoms = [self.bottoms[i] for i in keep]


@dataclass(slots=True)
class OcrPage:
    """One OCRed page: its blocks, each block's median word height and the page height (points).

    ``open_ends`` says, per block, whether its last line runs to the right margin,
    ``flush_starts`` whether its first line starts at the left margin (no indent), and
    ``tokens`` holds its OCR words with their confidences until ``finish_pages`` repairs them.
    """

    blocks: list[RawBlock]
    word_heights: list[float]
    height: float
    open_ends: list[bool] = field(default_factory=list)
    flush_starts: list[bool] = field(default_factory=list)
    tokens: list[tuple[list[str], list[float]]] = field(default_factory=list)


def page_from_tsv(tsv: str, page: int, scale: float) -> OcrPage:
    """Paragraph blocks of one page from Tesseract TSV; bbox in PDF points, top-left origin.

    ``scale`` converts pixels to points (72 / dpi). ``ocr_confidence`` is the mean word
    confidence, 0..1. The text is as Tesseract read it until ``finish_pages``.
    """
    paragraphs, (page_width, page_height) = _paragraph_lines(tsv)
    all_lines = [ln for lines in paragraphs for ln in lines]
    margin_left, margin_right = _margins(all_lines, page_width)
    blocks: list[RawBlock] = []
    heights: list[float] = []
    open_ends: list[bool] = []
    flush_starts: list[bool] = []
    tokens: list[tuple[list[str], list[float]]] = []
    for lines in paragraphs:
        for ln in lines:
            ln.mark_notes()
        for group in _split_paragraph(lines):
            if not any(ln.words for ln in group):
                continue
            words = [w for ln in group for w in ln.words]
            confs = [c for ln in group for c in ln.confs]
            tokens.append((words, confs))
            text = " ".join(words)
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
            first, last = group[0], group[-1]
            open_ends.append(margin_right - last.right <= SHORT_LINE_GAP * last.height)
            flush_starts.append(first.left - margin_left <= INDENT_GAP * first.height)
    return OcrPage(blocks, heights, page_height * scale, open_ends, flush_starts, tokens)


def _margins(lines: list[_Line], page_width: int) -> tuple[int, int]:
    """Left and right edges of the text: quartiles of the line edges.

    A page of few lines says little about its measure: the right margin is then taken as
    wide as the left one, unless a line runs further.
    """
    if not lines:
        return 0, page_width
    lefts, rights = sorted(ln.left for ln in lines), sorted(ln.right for ln in lines)
    if len(lines) < MARGIN_MIN_LINES:
        return lefts[0], max(rights[-1], page_width - lefts[0])
    return lefts[(len(lefts) - 1) // 4], rights[3 * (len(rights) - 1) // 4]


_PAGE_NUMBER_RE = re.compile(r"^[\W_]*\d{1,4}[\W_]*$")


def finish_pages(pages: list[OcrPage], numbers: list[int] | None = None) -> None:
    """Repair words, drop page numbers, mark footnotes, join paragraphs across page breaks; in place.

    Diacritics are repaired with the word pairs read surely anywhere in the pages as extra
    vocabulary (``ocr_words.document_pairs``). The body's word height is the median over all
    pages OCRed together; footnotes are the run of paragraphs at the bottom of a page printed
    clearly smaller than that. ``numbers`` are the pages' numbers (consecutive pages only are
    joined); default 1, 2, 3…
    """
    seen = document_pairs([t for p in pages for t in p.tokens])
    for p in pages:
        for block, (words, confs) in zip(p.blocks, p.tokens, strict=True):
            block.text = fix_units(fix_identifiers(" ".join(fix_diacritics(words, confs, seen))))
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
        p.open_ends = [p.open_ends[i] for i in keep]
        p.flush_starts = [p.flush_starts[i] for i in keep]
        p.tokens = [p.tokens[i] for i in keep]
        for i in range(len(p.blocks) - 1, 0, -1):
            if p.word_heights[i] >= FOOTNOTE_HEIGHT_RATIO * body:
                break
            p.blocks[i].kind = BlockKind.FOOTNOTE
    numbers = numbers or list(range(1, len(pages) + 1))
    for i in range(len(pages) - 1):
        if numbers[i + 1] == numbers[i] + 1:
            _join_across_break(pages[i], pages[i + 1])


def _join_across_break(p: OcrPage, q: OcrPage) -> None:
    """Append page ``q``'s first paragraph to page ``p``'s last body paragraph when it goes on.

    It goes on when the last line fills the measure, the next page's first line is not
    indented, and it is not a new sentence (a sentence end followed by a capital).
    """
    body = [i for i, b in enumerate(p.blocks) if b.kind != BlockKind.FOOTNOTE]
    if not body or not q.blocks or q.blocks[0].kind == BlockKind.FOOTNOTE:
        return
    i = body[-1]
    a, b = p.blocks[i], q.blocks[0]
    if not (p.open_ends[i] and q.flush_starts[0]) or (_SENTENCE_END_RE.search(a.text) and b.text[:1].isupper()):
        return
    weight_a, weight_b = len(a.text), len(b.text)
    a.ocr_confidence = round((a.ocr_confidence * weight_a + b.ocr_confidence * weight_b) / (weight_a + weight_b), 3)
    a.text = f"{a.text} {b.text}"
    p.open_ends[i] = q.open_ends[0]
    for seq in (q.blocks, q.word_heights, q.open_ends, q.flush_starts, q.tokens):
        del seq[0]


def _paragraph_lines(tsv: str) -> tuple[list[list[_Line]], tuple[int, int]]:
    """Group TSV word rows into Tesseract paragraphs of lines (reading order); also the page size."""
    paragraphs: dict[tuple[int, int], dict[int, _Line]] = {}
    page_width = page_height = 0
    for row in tsv.splitlines():  # a header row, if any, matches no level
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "1":
            page_width, page_height = int(cols[8]), int(cols[9])
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
    return [list(lines.values()) for lines in paragraphs.values() if lines], (page_width, page_height)


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
