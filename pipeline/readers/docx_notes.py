"""Footnotes and endnotes: which note a reference points to and the mark Word prints for it.

Word numbers footnotes 1, 2, 3… in the order they are first referenced in the text, not by
their XML ids (seed 001's first footnote has ``w:id="20"`` and prints as ¹). The mark goes
into the body text as superscript digits ("văn bản¹."), which is what the reader sees,
what the .txt and PDF versions carry, and never merges with a real number (``\\d`` does
not match "¹"). Endnotes are rare in Vietnamese office files; they are read at the end of
the document with ids "e1", "e2"… and leave no mark in the body.
"""

from __future__ import annotations

from lxml import etree

from pipeline.readers import docx_ns as ns
from pipeline.readers.docx_numbering import format_number

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SKIPPED_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


def _index(root: etree._Element | None, tag: str) -> dict[str, etree._Element]:
    if root is None:
        return {}
    return {el.get(ns.ID, ""): el for el in root.iter(tag) if el.get(ns.TYPE) not in _SKIPPED_TYPES}


class Notes:
    """Note bodies by id, and the marks assigned to them as the text references them."""

    def __init__(self, footnotes: etree._Element | None, endnotes: etree._Element | None, body: etree._Element) -> None:
        self.footnotes = _index(footnotes, ns.w("footnote"))
        self.endnotes = _index(endnotes, ns.w("endnote"))
        self.fmt, self.start = _footnote_numbering(body)
        self.marks: dict[tuple[str, str], str] = {}  # (kind, xml id) -> mark
        self._count = {"f": 0, "e": 0}

    def mark(self, kind: str, note_id: str) -> tuple[str, bool] | None:
        """(mark, first_time) for a reference of ``kind`` 'f' or 'e'; None when the note is missing."""
        notes = self.footnotes if kind == "f" else self.endnotes
        if note_id not in notes:
            return None
        key = (kind, note_id)
        if key in self.marks:
            return self.marks[key], False
        n = self._count[kind] + (self.start if kind == "f" else 1)
        self._count[kind] += 1
        mark = format_number(n, self.fmt) if kind == "f" else f"e{n}"
        self.marks[key] = mark
        return mark, True

    def element(self, kind: str, note_id: str) -> etree._Element:
        return (self.footnotes if kind == "f" else self.endnotes)[note_id]


def superscript(mark: str) -> str:
    """How a footnote mark prints in running text.

    >>> superscript("12")
    '¹²'
    """
    return mark.translate(SUPERSCRIPT)


def _footnote_numbering(body: etree._Element) -> tuple[str, int]:
    """Footnote number format and start from the document's last section properties."""
    sect = body.find(ns.SECT_PR)
    pr = sect.find(ns.w("footnotePr")) if sect is not None else None
    if pr is None:
        return "decimal", 1
    fmt_el, start_el = pr.find(ns.w("numFmt")), pr.find(ns.w("numStart"))
    fmt = fmt_el.get(ns.VAL, "decimal") if fmt_el is not None else "decimal"
    try:
        start = int(start_el.get(ns.VAL, "1")) if start_el is not None else 1
    except ValueError:
        start = 1
    return fmt, start
