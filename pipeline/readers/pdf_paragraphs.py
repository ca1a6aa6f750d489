"""Ordered lines → paragraph blocks, footnote blocks and table-row blocks.

A paragraph ends where the style changes (bold, size), the line gap widens, the next
line is indented (first-line indent) or the current line stops short of the right margin
although the next word would have fitted (a hard break). Centred lines of one style (a
title wrapped onto two lines) stay together; lines of a header/signature column stay in
one block per style, joined with newlines. A paragraph that runs to the bottom of a page
continues on the next page unless the next page starts indented or with a new sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.base import RawBlock
from pipeline.readers.pdf_layout import Metrics
from pipeline.readers.pdf_lines import NOTE_MARK_RE, Segment
from schemas import BlockKind, Style, TextSource

#: Lines further apart than this many pitches start a new paragraph.
PARAGRAPH_GAP = 1.35
#: Centred lines of one style closer than this many pitches are one title.
TITLE_GAP = 1.15
#: A line starting this many font sizes right of the margin is indented.
INDENT = 0.8
#: Average glyph width as a share of the font size (Times-like faces), to test whether the
#: next line's first word would have fitted on the current line.
GLYPH_WIDTH = 0.5
#: A centred line's middle lies within this share of the text width from the centre.
CENTRE_TOLERANCE = 0.06
_SENTENCE_END_RE = re.compile(r"[.:;!?…]\W*$")
# The first unit the next line could have broken at: a lone dash travels with its word.
_FIRST_WORD_RE = re.compile(r"\S\s+\S+|\S+")
# A line ending in a hyphen glued to the word before it ("số 19/CT-"): a code split in two.
_CODE_HYPHEN_RE = re.compile(r"\S-$")


@dataclass(slots=True)
class TableItem:
    """A ruled table found by pdfplumber on one page."""

    page: int
    top: float
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    index: int = 0
    first_row: int = 0  # rows already seen when the table runs on from the previous page
    cells: list[list[tuple[float, float, float, float] | None]] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    lines: list[Segment] = field(default_factory=list)
    joiners: list[str] = field(default_factory=list)

    def text(self) -> str:
        out = [self.lines[0].text]
        for j, seg in zip(self.joiners, self.lines[1:], strict=True):
            out += [j, seg.text]
        return "".join(out)


def build_blocks(flow: list[Segment | TableItem], m: Metrics, note_ids: set[str]) -> list[RawBlock]:
    """Turn the document's ordered body items into paragraph and table-row blocks."""
    blocks: list[RawBlock] = []
    para: _Para | None = None
    for item in flow:
        if isinstance(item, TableItem):
            if para:
                blocks.append(_para_block(para, m, note_ids))
                para = None
            blocks += _table_blocks(item)
            continue
        if para is not None:
            joiner = _joiner(para.lines[-1], item, m)
            if joiner is not None:
                para.lines.append(item)
                para.joiners.append(joiner)
                continue
            blocks.append(_para_block(para, m, note_ids))
        para = _Para([item])
    if para:
        blocks.append(_para_block(para, m, note_ids))
    return blocks


def _joiner(a: Segment, b: Segment, m: Metrics) -> str | None:
    """How line ``b`` continues the paragraph ending with ``a``: ' ', '\\n', or None (new one)."""
    if a.region != b.region or a.col != b.col or a.bold != b.bold or abs(a.size - b.size) > 0.6:
        return None
    if a.hidden != b.hidden or (a.page != b.page and (a.region >= 0 or b.region >= 0)):
        return None
    if a.page != b.page:
        return _glue(a) if _continues_on_next_page(a, b, m) else None
    gap = b.baseline - a.baseline
    if gap <= 0 or gap > PARAGRAPH_GAP * m.pitch_for(max(a.size, b.size)):
        return None
    if a.region >= 0:
        return "\n"
    if _centred(b, m):
        # a centred title wrapped: the next word would not have fitted on the line above
        wrapped = _centred(a, m) or abs(a.x0 - m.left) < b.size
        fits = (a.x1 - a.x0) + _first_word_width(b) < m.right - m.left
        if wrapped and not fits and not a.text.endswith("."):
            return _glue(a)
        # a title broken by hand (seed 003): kept together when set as tight as a paragraph
        tight = gap <= TITLE_GAP * m.pitch_for(max(a.size, b.size))
        return "\n" if _centred(a, m) and tight else None
    if _short(a, b, m) or b.x0 > m.left + INDENT * b.size:
        return None
    return _glue(a)


def _glue(a: Segment) -> str:
    """Join without a space after a hyphen glued to a code split at the line end (19/CT-TTg)."""
    return "" if _CODE_HYPHEN_RE.search(a.text) else " "


def _first_word_width(b: Segment) -> float:
    word = _FIRST_WORD_RE.match(NOTE_MARK_RE.sub("", b.text))
    return (len(word.group()) + 1 if word else 2) * GLYPH_WIDTH * b.size


def _continues_on_next_page(a: Segment, b: Segment, m: Metrics) -> bool:
    if _short(a, b, m) or b.x0 > m.left + INDENT * b.size:
        return False
    return not (_SENTENCE_END_RE.search(a.text) and b.text[:1].isupper())


def _centred(s: Segment, m: Metrics) -> bool:
    """A line set in the middle: inset from both margins, its middle on the text centre."""
    inset = s.x0 > m.left + s.size and s.x1 < m.right - s.size
    return inset and abs((s.x0 + s.x1) / 2 - m.centre) < CENTRE_TOLERANCE * (m.right - m.left)


def _short(a: Segment, b: Segment, m: Metrics) -> bool:
    """True when ``a`` ends a hard line: ``b``'s first word would have fitted after it."""
    return a.x1 + _first_word_width(b) < m.right


def _resolve_marks(text: str, note_ids: set[str], refs: list[str]) -> str:
    def repl(mt: re.Match) -> str:
        mark = mt.group(1)
        if mark in note_ids:
            refs.append(mark)
            return ""
        return mark

    return NOTE_MARK_RE.sub(repl, text)


def _source(lines: list[Segment]) -> TextSource:
    if any(s.hidden for s in lines):
        return TextSource.OCR
    if any(s.converted for s in lines):
        return TextSource.CONVERTED
    return TextSource.NATIVE


def _style(lines: list[Segment], m: Metrics) -> Style:
    first = lines[0]
    centred = all(_centred(s, m) and s.x0 > m.left + s.size for s in lines[-1:]) and first.region < 0
    return Style(
        bold=first.bold,
        italic=sum(s.italic for s in lines) * 2 > len(lines),
        font_size=first.size,
        font_name=first.font or None,
        alignment="center" if centred else None,
    )


def _para_block(p: _Para, m: Metrics, note_ids: set[str]) -> RawBlock:
    refs: list[str] = []
    text = _resolve_marks(p.text(), note_ids, refs)
    page = p.lines[0].page
    on_page = [s for s in p.lines if s.page == page]
    return RawBlock(
        text=text,
        kind=BlockKind.PARAGRAPH,
        style=_style(p.lines, m),
        source=_source(p.lines),
        page=page,
        bbox=_bbox(on_page),
        note_refs=list(dict.fromkeys(refs)),
    )


def _bbox(segs: list[Segment]) -> tuple[float, float, float, float]:
    return (
        round(min(s.x0 for s in segs), 1),
        round(min(s.top for s in segs), 1),
        round(max(s.x1 for s in segs), 1),
        round(max(s.bottom for s in segs), 1),
    )


def _table_blocks(t: TableItem) -> list[RawBlock]:
    out = []
    for r, row in enumerate(t.rows):
        cells = [re.sub(r"\s+", " ", c or "").strip() for c in row]
        if not any(cells):
            continue
        out.append(
            RawBlock(
                text=" | ".join(cells),
                kind=BlockKind.TABLE_ROW,
                page=t.page,
                bbox=_row_box(t, r),
                table=t.index,
                row=t.first_row + r,
            )
        )
    return out


def _row_box(t: TableItem, r: int) -> tuple[float, float, float, float]:
    boxes = [c for c in (t.cells[r] if r < len(t.cells) else []) if c]
    if not boxes:
        return tuple(round(v, 1) for v in t.bbox)
    return (
        round(min(b[0] for b in boxes), 1),
        round(min(b[1] for b in boxes), 1),
        round(max(b[2] for b in boxes), 1),
        round(max(b[3] for b in boxes), 1),
    )


def footnote_blocks(pages: list[list[list[Segment]]], m: Metrics) -> list[RawBlock]:
    """Footnote areas (one list of lines per page) → one FOOTNOTE block per note.

    A note starts at a line led by a raised number; an area that starts without one
    continues the previous page's last note.
    """
    notes: list[tuple[str, list[Segment], list[str]]] = []
    for lines in pages:
        for line in lines:
            seg = line[0] if len(line) == 1 else _join_line(line)
            mark = seg.lead_mark
            if mark is not None:
                seg.text = NOTE_MARK_RE.sub("", seg.text, count=1).lstrip()
                notes.append((mark, [seg], []))
            elif notes:
                prev = notes[-1][1][-1]
                notes[-1][2].append(" " if not _short(prev, seg, m) else "\n")
                notes[-1][1].append(seg)
            else:
                notes.append(("", [seg], []))
    out = []
    for mark, segs, joiners in notes:
        p = _Para(segs, joiners)
        refs: list[str] = []
        text = _resolve_marks(p.text(), set(), refs)
        page = segs[0].page
        out.append(
            RawBlock(
                text=text,
                kind=BlockKind.FOOTNOTE,
                style=Style(font_size=segs[0].size, italic=segs[0].italic or None),
                source=_source(segs),
                page=page,
                bbox=_bbox([s for s in segs if s.page == page]),
                footnote_id=mark or None,
            )
        )
    return out


def _join_line(line: list[Segment]) -> Segment:
    from pipeline.readers.pdf_lines import make_segment

    seg = make_segment([p for s in line for p in s.parts], line[0].size)
    seg.page = line[0].page
    return seg
