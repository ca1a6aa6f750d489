"""Page layout: running headers/footers, footnote areas, two-column regions, reading order.

Works on the lines from ``pdf_lines``. Office PDFs put a page number at the top centre
from page 2 (the seeds) or at the bottom; a few repeat a header line on every page. Word
and LibreOffice draw a short rule above the footnotes (seed 001); the notes are set
smaller and start with a raised number. Headers (issuer | quốc hiệu) and signature
blocks are borderless two-column tables: each column is read top to bottom, left first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.readers.pdf_lines import Segment, make_segment, strip_marks

#: Top and bottom share of the page where page numbers and running lines live.
MARGIN_ZONE = 0.12
#: A line in the margin zone repeated on at least this share of pages is furniture.
REPEAT_SHARE = 0.5
# "2", "- 2 -", "Trang 2", "2/10": a page number standing alone.
PAGE_NUMBER_RE = re.compile(r"(?i)^\s*(?:trang\s*)?[-–(]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–)]?\s*$")
_DIGITS_RE = re.compile(r"\d+")
#: Footnote separator: a rule starting near the left margin, this long (pt) at most
#: a share of the text width, in the lower part of the page.
SEPARATOR_MIN_LEN = 30.0
SEPARATOR_MAX_SHARE = 0.6
SEPARATOR_MIN_Y = 0.3
#: Footnote text is set at most this share of the body size.
FOOTNOTE_SIZE = 0.92
#: Single-column lines join a column region when closer than this many line pitches.
REGION_GAP = 1.8
#: A run gap this many font sizes wide may be cut to split a line at a column gutter.
SPLIT_GAP = 1.0


@dataclass(slots=True)
class Metrics:
    """Document-wide typography, measured on the body text."""

    size: float
    left: float
    right: float
    pitch: float  # baseline distance between lines of a body paragraph

    def pitch_for(self, size: float) -> float:
        return self.pitch * max(size, 1.0) / max(self.size, 1.0)

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def measure(pages: list[list[list[Segment]]], width: float) -> Metrics:
    """Body size, margins and line pitch: the values carried by the most characters."""
    sizes: Counter = Counter()
    for lines in pages:
        for line in lines:
            for seg in line:
                sizes[seg.size] += len(seg.text)
    if not sizes:
        return Metrics(size=12.0, left=72.0, right=width - 72.0, pitch=15.0)
    size = sizes.most_common(1)[0][0]
    lefts: list[float] = []
    rights: list[float] = []
    pitches: Counter = Counter()
    for lines in pages:
        prev = None
        for line in lines:
            body = [s for s in line if abs(s.size - size) < 0.6]
            if len(body) != 1 or len(line) != 1:
                prev = None
                continue
            seg = body[0]
            lefts.append(seg.x0)
            rights.append(seg.x1)
            if prev is not None:
                pitches[round(seg.baseline - prev.baseline, 1)] += 1
            prev = seg
    # the text block's edges: most lines start at the left edge and run to the right one,
    # but first lines are indented and last lines short, so take robust percentiles
    lefts.sort()
    rights.sort()
    left = lefts[int(len(lefts) * 0.1)] if lefts else 72.0
    right = rights[int(len(rights) * 0.9)] if rights else width - 72.0
    plausible = [(p, n) for p, n in pitches.items() if size * 0.9 < p < size * 2.5]
    pitch = max(plausible, key=lambda pn: pn[1])[0] if plausible else size * 1.25
    return Metrics(size=size, left=left, right=right, pitch=pitch)


def drop_furniture(pages: list[list[list[Segment]]], heights: list[float]) -> list[list[list[Segment]]]:
    """Remove page numbers and running header/footer lines from every page."""
    keyed: Counter = Counter()
    for lines, h in zip(pages, heights, strict=True):
        keyed.update({_key(line) for line in lines if _in_margin(line, h)})
    n = len(pages)
    repeated = {k for k, c in keyed.items() if n >= 3 and c >= max(3, REPEAT_SHARE * n)}
    out = []
    for lines, h in zip(pages, heights, strict=True):
        kept = []
        for i, line in enumerate(lines):
            edge = i < 2 or i >= len(lines) - 2
            if edge and _in_margin(line, h) and (_is_page_number(line) or _key(line) in repeated):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _line_text(line: list[Segment]) -> str:
    return " ".join(strip_marks(s.text) for s in line)


def _key(line: list[Segment]) -> str:
    return _DIGITS_RE.sub("#", _line_text(line)).strip().lower()


def _in_margin(line: list[Segment], height: float) -> bool:
    top = min(s.top for s in line)
    bottom = max(s.bottom for s in line)
    return bottom < MARGIN_ZONE * height or top > (1 - MARGIN_ZONE) * height


def _is_page_number(line: list[Segment]) -> bool:
    return PAGE_NUMBER_RE.match(_line_text(line)) is not None


def split_footnotes(
    lines: list[list[Segment]], hrules: list[tuple[float, float, float]], height: float, m: Metrics
) -> tuple[list[list[Segment]], list[list[Segment]]]:
    """Split a page's lines into (body, footnote area), top to bottom."""
    cut = _separator_y(lines, hrules, height, m)
    if cut is None:
        cut = _marked_small_tail(lines, m)
    if cut is None:
        return lines, []
    body = [ln for ln in lines if min(s.top for s in ln) < cut]
    notes = [ln for ln in lines if min(s.top for s in ln) >= cut]
    return body, notes


def _small(line: list[Segment], m: Metrics) -> bool:
    return all(s.size <= FOOTNOTE_SIZE * m.size for s in line)


def _separator_y(lines, hrules, height: float, m: Metrics) -> float | None:
    width = m.right - m.left
    for x0, y, x1 in sorted(hrules, key=lambda r: r[1]):
        if y < SEPARATOR_MIN_Y * height or not (SEPARATOR_MIN_LEN <= x1 - x0 <= SEPARATOR_MAX_SHARE * width):
            continue
        if abs(x0 - m.left) > 2 * m.size:
            continue
        below = [ln for ln in lines if min(s.top for s in ln) >= y]
        if below and all(_small(ln, m) for ln in below) and _starts_with_mark(below[0]):
            return y
        if below and all(_small(ln, m) for ln in below) and len(below) >= 1 and not _is_page_number(below[0]):
            return y  # a note continued from the previous page starts without a marker
    return None


def _starts_with_mark(line: list[Segment]) -> bool:
    return line[0].lead_mark is not None


def _marked_small_tail(lines: list[list[Segment]], m: Metrics) -> float | None:
    """Without a rule: the trailing run of small lines, if it starts with a raised number."""
    i = len(lines)
    while i > 0 and _small(lines[i - 1], m):
        i -= 1
    for j in range(i, len(lines)):
        if _starts_with_mark(lines[j]):
            return min(s.top for s in lines[j])
    return None


def order_lines(lines: list[list[Segment]], m: Metrics, page: int) -> list[Segment]:
    """Reading order for a page's body lines: two-column regions column by column."""
    out: list[Segment] = []
    i = floor = 0
    region = 0
    while i < len(lines):
        if len(lines[i]) < 2:
            seg = _merge(lines[i], m)
            seg.page = page
            out.append(seg)
            i += 1
            continue
        start, end, gutter = _region(lines, i, m, floor)
        # lines already emitted above the seed that belong to the region come back out
        del out[len(out) - (i - start) :]
        cols: list[list[Segment]] = [[], []]
        for line in lines[start:end]:
            for seg in _split_at(line, gutter, m):
                seg.page, seg.region = page, region
                seg.col = 1 if seg.x0 > gutter else 0
                cols[seg.col].append(seg)
        for col in cols:
            out.extend(_merge_same_line(col, m))
        region += 1
        i = floor = end
    return out


def _region(lines: list[list[Segment]], seed: int, m: Metrics, floor: int) -> tuple[int, int, float]:
    """Extent [start, end) of the column region around ``lines[seed]`` and its gutter x.

    The gutter is the middle of the seed line's widest gap; a segment starting right of
    it belongs to the right column.
    """
    gaps = [(a.x1, b.x0) for a, b in zip(lines[seed], lines[seed][1:], strict=False)]
    left_end, right_start = max(gaps, key=lambda g: g[1] - g[0])
    gutter = (left_end + right_start) / 2

    def fits(line: list[Segment], neighbour: list[Segment]) -> bool:
        gap = abs(line[0].baseline - neighbour[0].baseline)
        if gap > REGION_GAP * m.pitch_for(max(s.size for s in line)):
            return False
        if len(line) >= 2:
            return True
        seg = line[0]
        # a left-column line may run past the gap's middle (long "Nơi nhận" items) but
        # stops short of where the right column starts
        left = seg.x1 < right_start - 0.3 * seg.size
        return left or seg.x0 > gutter or _cut_index(seg, gutter, m) is not None

    end = seed + 1
    while end < len(lines) and fits(lines[end], lines[end - 1]):
        end += 1
    start = seed
    while start > floor and len(lines[start - 1]) == 1 and fits(lines[start - 1], lines[start]):
        start -= 1
    return start, end, gutter


def _cut_index(seg: Segment, gutter: float, m: Metrics) -> int | None:
    """Index in ``seg.parts`` where a wide run gap spans the gutter, if any."""
    for k in range(1, len(seg.parts)):
        a, b = seg.parts[k - 1][0], seg.parts[k][0]
        if a.x1 <= gutter + m.size and b.x0 >= gutter - m.size and b.x0 - a.x1 >= SPLIT_GAP * seg.size:
            return k
    return None


def _split_at(line: list[Segment], gutter: float, m: Metrics) -> list[Segment]:
    out = []
    for seg in line:
        if seg.x0 < gutter < seg.x1:
            k = _cut_index(seg, gutter, m)
            if k is not None:
                out.append(make_segment(seg.parts[:k], seg.size))
                out.append(make_segment(seg.parts[k:], seg.size))
                continue
        out.append(seg)
    return out


def _merge_same_line(col: list[Segment], m: Metrics) -> list[Segment]:
    """Segments of one column that share a line (a date with blanks) become one."""
    out: list[Segment] = []
    for seg in col:
        if out and abs(out[-1].baseline - seg.baseline) < 0.5 * seg.size:
            merged = make_segment(out[-1].parts + seg.parts, m.size)
            merged.page, merged.region, merged.col = seg.page, seg.region, seg.col
            out[-1] = merged
        else:
            out.append(seg)
    return out


def _merge(line: list[Segment], m: Metrics) -> Segment:
    if len(line) == 1:
        return line[0]
    return make_segment([p for s in line for p in s.parts], m.size)
