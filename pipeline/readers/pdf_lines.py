"""Text runs → lines → segments, with superscript note markers picked out.

A *line* is every run sharing a baseline; a *segment* is a piece of a line separated from
the next by a gap wider than a column gutter (the two halves of a header table). Footnote
reference markers are small raised digits: they are cut out of the text and kept as
``NOTE_MARK`` placeholders, so the paragraph builder can either drop them (a known footnote)
or put the digits back (m², a plain number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.pdf_objects import Run

#: Runs whose baselines differ by less than this share of the font size share a line.
BASELINE_TOLERANCE = 0.6
#: A run no larger than this share of the line's size, raised above it, is a superscript.
SUPERSCRIPT_SIZE = 0.8
#: A horizontal gap wider than this many font sizes splits a line into segments.
GUTTER_GAP = 2.0
#: A gap wider than this share of the font size between runs is a space.
SPACE_GAP = 0.2
#: A gap wider than this share of the font size is a space whatever pdfium says.
WIDE_GAP = 0.6
#: Placeholder around a superscript marker inside line text: \ue000 + digits + \ue001.
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
NOTE_MARK_RE = re.compile("\ue000([^\ue001]*)\ue001")
_SUPERSCRIPT_TEXT_RE = re.compile(r"\s*\d{1,3}(?:\s*,\s*\d{1,3})*\s*")


@dataclass(slots=True)
class Segment:
    """A horizontal piece of a line, in one column."""

    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    text: str
    size: float
    bold: bool
    italic: bool
    font: str
    hidden: bool
    converted: bool = False
    marks: list[str] = field(default_factory=list)  # superscript markers, in order
    parts: list[tuple[Run, bool]] = field(default_factory=list, repr=False)  # (run, superscript)
    page: int = 0
    region: int = -1  # column region id on its page (-1 = main flow)
    col: int = 0

    @property
    def lead_mark(self) -> str | None:
        """The marker the segment starts with (a footnote's own number), if any."""
        m = NOTE_MARK_RE.match(self.text)
        return m.group(1) if m else None


def build_lines(runs: list[Run]) -> list[list[Segment]]:
    """Group runs into lines (top to bottom), each a list of segments (left to right)."""
    order = sorted(range(len(runs)), key=lambda i: runs[i].baseline)
    groups: list[list[int]] = []
    anchor = size = 0.0
    for i in order:
        r = runs[i]
        if groups and abs(r.baseline - anchor) <= BASELINE_TOLERANCE * max(size, r.size):
            groups[-1].append(i)
            if r.size > size:  # anchor on the biggest run: superscripts sit above it
                anchor, size = r.baseline, r.size
            continue
        groups.append([i])
        anchor, size = r.baseline, r.size
    return [_segments([runs[i] for i in g]) for g in groups]


def _segments(runs: list[Run]) -> list[Segment]:
    ordered = sorted(runs, key=lambda r: r.x0)
    main_size = _dominant(runs, lambda r: r.size)
    main_base = _dominant(runs, lambda r: round(r.baseline, 0))
    out: list[Segment] = []
    parts: list[tuple[Run, bool]] = []
    prev: Run | None = None
    for r in ordered:
        if prev is not None and _duplicate(prev, r):
            continue  # fake bold: the same text printed twice, shifted a hair
        sup = (
            r.size <= SUPERSCRIPT_SIZE * main_size
            and r.baseline < main_base - 0.15 * main_size
            and _SUPERSCRIPT_TEXT_RE.fullmatch(r.text) is not None
        )
        if parts and r.x0 - parts[-1][0].x1 > GUTTER_GAP * max(main_size, 1.0):
            out.append(make_segment(parts, main_size))
            parts = []
        parts.append((r, sup))
        prev = r
    if parts:
        out.append(make_segment(parts, main_size))
    return out


def make_segment(parts: list[tuple[Run, bool]], main_size: float) -> Segment:
    """Join (run, is_superscript) pairs, left to right, into one segment."""
    text: list[str] = []
    marks: list[str] = []
    last_x1: float | None = None
    after_mark = False
    for r, sup in parts:
        piece = r.text
        if sup:
            mark = re.sub(r"\s+", "", piece)
            marks.append(mark)
            piece = f"{NOTE_OPEN}{mark}{NOTE_CLOSE}"
        elif (
            last_x1 is not None
            and _spaced(r, r.x0 - last_x1, main_size, after_mark)
            and text
            and not text[-1].endswith(" ")
            and not piece.startswith(" ")
        ):
            text.append(" ")
        text.append(piece)
        last_x1 = r.x1
        after_mark = sup
    body = [r for r, sup in parts if not sup] or [r for r, _s in parts]
    chars = sum(len(r.text) for r in body) or 1
    bold = sum(len(r.text) for r in body if r.bold) / chars >= 0.8
    italic = sum(len(r.text) for r in body if r.italic) / chars >= 0.8
    return Segment(
        x0=min(r.x0 for r, _s in parts),
        top=min(r.top for r in body),
        x1=max(r.x1 for r, _s in parts),
        bottom=max(r.bottom for r in body),
        baseline=_dominant(body, lambda r: r.baseline),
        text=re.sub(r"[ \t\u00a0]+", " ", "".join(text)).strip(),
        size=_dominant(body, lambda r: r.size),
        bold=bold,
        italic=italic,
        font=_dominant(body, lambda r: r.font),
        hidden=all(r.hidden for r in body),
        converted=any(r.converted for r, _s in parts),
        marks=marks,
        parts=parts,
    )


def _spaced(r: Run, gap: float, size: float, after_mark: bool) -> bool:
    """A space before run ``r``: pdfium's verdict when known, else the gap; wide gaps always.

    After a superscript pdfium's verdict concerns the marker, not the word before it.
    """
    if gap > WIDE_GAP * size:
        return True
    if r.space_before is not None and not after_mark:
        return r.space_before
    return gap > SPACE_GAP * size


def _duplicate(a: Run, b: Run) -> bool:
    return a.text == b.text and abs(a.x0 - b.x0) < 1.5 and abs(a.baseline - b.baseline) < 1.5


def _dominant(runs: list[Run], key):
    """The value of ``key`` carried by the most characters."""
    if len(runs) == 1:
        return key(runs[0])
    weights: dict = {}
    for r in runs:
        k = key(r)
        weights[k] = weights.get(k, 0) + len(r.text)
    return max(weights, key=weights.__getitem__)


def strip_marks(text: str) -> str:
    """Line text with superscript placeholders removed (for matching and statistics)."""
    return NOTE_MARK_RE.sub("", text)
