"""Ruled tables: pdfplumber's table finder fed with the rules pdfium already found.

pdfplumber parses a page ~50x slower than pdfium. Its lattice logic (snap, join,
intersections, cells) only needs edges, so it runs on pdfium's *visible* rules with the
"explicit" strategy and never parses the page itself; cell text comes from pdfium's runs.
Only pages with enough long rules are searched (a cheap check). Word draws the grid of
a borderless layout table in white (corpus-wild 21): those rules are dropped upstream.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from pdfplumber.table import TableFinder

from pipeline.readers.pdf_lines import build_lines, strip_marks
from pipeline.readers.pdf_objects import PageContent, Run
from pipeline.readers.pdf_paragraphs import TableItem

#: Rules shorter than this (pt) are underlines or glyph parts, not table borders.
MIN_RULE = 15.0
#: A page needs this many long horizontal and vertical rules to be worth a table search.
MIN_HRULES = 3
MIN_VRULES = 2


@dataclass(slots=True)
class _PageFrame:
    """What pdfplumber's TableFinder reads from a page under the explicit strategy."""

    bbox: tuple[float, float, float, float]


def has_rulings(page: PageContent) -> bool:
    """Cheap test: does the page draw enough long lines to hold a ruled table?"""
    h = sum(1 for x0, _y, x1 in page.hrules if x1 - x0 >= MIN_RULE)
    v = sum(1 for _x, y0, y1 in page.vrules if y1 - y0 >= MIN_RULE)
    return h >= MIN_HRULES and v >= MIN_VRULES


def find_tables(pages: list[PageContent]) -> dict[int, list[TableItem]]:
    """Tables per page number (cell boxes, row by row), for pages with rulings only."""
    found: dict[int, list[TableItem]] = {}
    index = -1
    prev: TableItem | None = None
    for page in pages:
        if not has_rulings(page):
            continue
        items = []
        for t in sorted(_tables(page), key=lambda t: t.bbox[1]):
            cells = [list(r.cells) for r in t.rows]
            if len(cells) < 2 and all(len(r) < 2 for r in cells):
                continue  # a framed paragraph, not a table
            items.append(TableItem(page=page.number, top=t.bbox[1], bbox=tuple(t.bbox), rows=[], cells=cells))
        for k, item in enumerate(items):
            # a table running on from the previous page keeps its index and row count
            if k == 0 and prev is not None and prev.page == page.number - 1 and _same_shape(prev, item):
                item.first_row = prev.first_row + len(prev.cells)
            else:
                index += 1
            item.index = index
            prev = item
        found[page.number] = items
    return found


def _tables(page: PageContent):
    h = [_edge(x0, y, x1, y) for x0, y, x1 in page.hrules if x1 - x0 >= MIN_RULE]
    v = [_edge(x, y0, x, y1) for x, y0, y1 in page.vrules if y1 - y0 >= MIN_RULE]
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": v,
        "explicit_horizontal_lines": h,
    }
    return TableFinder(_PageFrame((0.0, 0.0, page.width, page.height)), settings).tables


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _same_shape(a: TableItem, b: TableItem) -> bool:
    return bool(a.cells and b.cells) and len(a.cells[-1]) == len(b.cells[0])


def fill_rows(item: TableItem, runs: list[Run]) -> None:
    """Cell text from pdfium's runs (its spacing is better than pdfminer's on Excel prints)."""
    item.rows = []
    by_y = sorted(runs, key=lambda r: r.top + r.bottom)
    keys = [r.top + r.bottom for r in by_y]
    for row in item.cells:
        boxes = [b for b in row if b]
        if not boxes:
            item.rows.append(["" for _ in row])
            continue
        # the row's horizontal band first (bisect on the runs' doubled centre y), then cells
        lo = bisect.bisect_left(keys, 2 * min(b[1] for b in boxes) - 2)
        hi = bisect.bisect_right(keys, 2 * max(b[3] for b in boxes) + 2)
        band = by_y[lo:hi]
        texts = []
        for box in row:
            inside = [r for r in band if box is not None and _centre_in(r, box)]
            lines = build_lines(inside)
            texts.append(" ".join(strip_marks(s.text) for line in lines for s in line))
        item.rows.append(texts)


def _centre_in(r: Run, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (r.x0 + r.x1) / 2, (r.top + r.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1
