"""Provenance lookups for one document: which block, page and section an offset falls in.

Built once per document (bisect tables), shared by every extractor and by
``pipeline.segment.section_path_at``, so all items agree on where they sit.
"""

from __future__ import annotations

import bisect

from schemas import Block, ExtractedDocument


class Locator:
    """Block and section of an offset, with the lookup tables built once per document."""

    def __init__(self, doc: ExtractedDocument) -> None:
        self.doc = doc
        self.starts = [b.start for b in doc.blocks]
        self.section_starts = [s.body_span[0] for s in doc.sections]

    def block_of(self, offset: int) -> Block | None:
        """The block starting at or before ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.doc.blocks[max(i, 0)] if self.doc.blocks else None

    def section_of(self, offset: int) -> str | None:
        """Path of the deepest section whose body_span contains ``offset`` (None outside all)."""
        sections = self.doc.sections
        i = bisect.bisect_right(self.section_starts, offset) - 1
        s = sections[i] if i >= 0 else None
        while s is not None and not (s.body_span[0] <= offset < s.body_span[1]):
            s = sections[s.parent] if s.parent is not None else None
        return s.path if s else None

    # short aliases kept for the quantities/targets call sites
    block = block_of
    section = section_of

    def provenance(self, start: int) -> dict:
        """block / page / section fields for an item starting at ``start``."""
        b = self.block_of(start)
        return {"block": b.index if b else None, "page": b.page if b else None, "section": self.section_of(start)}
