"""Segmentation: header / body / closing zones and the flat section tree.

``segment(doc)`` reads the header zone at the top (pipeline/header.py), the closing zone
after the body (pipeline/closing.py), and builds the section tree of what lies between
(pipeline/sections.py); text after the signature (an attached Điều lệ, Quy chế or phụ lục)
gets a second tree whose paths start with "A1/". It depends only on the text, its line breaks and light style hints
(Word heading styles, bold), so .txt, .docx and .pdf documents segment alike.
``section_path_at(doc, offset)`` gives extractors the section path of any offset.
"""

from __future__ import annotations

import bisect

from pipeline.closing import parse_closing
from pipeline.header import parse_header
from pipeline.lines import build_lines
from pipeline.sections import build_sections
from schemas import DocumentMeta, ExtractedDocument, Section

__all__ = ["section_at", "section_path_at", "segment"]

#: Path prefix of sections found after the signature (an attached document or phụ lục).
ATTACHMENT_ROOT = "A1"


def segment(doc: ExtractedDocument) -> ExtractedDocument:
    """Return a copy of ``doc`` with meta (header + closing fields), sections and problems."""
    lines = build_lines(doc)
    if not lines:
        return doc
    head = parse_header(doc.text, lines, doc.blocks)
    body_lo = head.end
    closing = parse_closing(doc.text, lines, body_lo)
    body_hi = closing.first if closing.first is not None else len(lines)
    sections, problems = build_sections(lines, body_lo, body_hi, doc.blocks)
    if closing.last is not None and closing.last + 1 < len(lines):
        # an attached document after the signature (Điều lệ, Quy chế, phụ lục) gets its own tree
        more, more_problems = build_sections(
            lines, closing.last + 1, len(lines), doc.blocks, len(sections), ATTACHMENT_ROOT
        )
        sections += more
        problems += more_problems
    fields = {**head.fields, **closing.fields}
    if head.used:
        fields["header_span"] = (lines[min(head.used)].start, lines[head.end - 1].end)
    if body_hi > body_lo:
        fields["body_span"] = (lines[body_lo].start, lines[body_hi - 1].end)
    if closing.first is not None:
        fields["closing_span"] = (lines[closing.first].start, lines[closing.last].end)
    return doc.model_copy(
        update={
            "meta": DocumentMeta(**fields),
            "sections": sections,
            "problems": [*doc.problems, *head.problems, *problems],
        }
    )


def section_at(doc: ExtractedDocument, offset: int) -> Section | None:
    """The deepest section whose body_span contains ``offset`` (None outside every section)."""
    sections = doc.sections
    if not sections:
        return None
    starts = [s.body_span[0] for s in sections]
    i = bisect.bisect_right(starts, offset) - 1
    s = sections[i] if i >= 0 else None
    while s is not None and not (s.body_span[0] <= offset < s.body_span[1]):
        s = sections[s.parent] if s.parent is not None else None
    return s


def section_path_at(doc: ExtractedDocument, offset: int) -> str | None:
    """Path ("III/2/2.1") of the deepest section containing ``offset``, for Provenance.section."""
    from pipeline.locate import Locator

    return Locator(doc).section_of(offset)  # extractors build one Locator per document instead
