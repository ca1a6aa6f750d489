"""Section-level chunks of a document's text: the unit full-text search indexes and ranks."""

from __future__ import annotations

import bisect

from pipeline.store.keys import fold
from schemas import ExtractedDocument

#: Without a section tree, text is cut at block boundaries into chunks of about this size.
FALLBACK_CHUNK_CHARS = 1500


def document_chunks(doc: ExtractedDocument) -> list[dict]:
    """Cut the text at every section heading: (section path, start, end, folded).

    Text before the first heading (the header, the preamble) is one chunk with no section.
    """
    cuts = _cuts(doc)
    starts = sorted(cuts)
    chunks = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(doc.text)
        text = doc.text[start:end]
        if text.strip():
            chunks.append({"section": cuts[start], "start": start, "end": end, "folded": fold(text)})
    return chunks


def _cuts(doc: ExtractedDocument) -> dict[int, str | None]:
    """Offsets where a chunk starts, with the section path it belongs to."""
    cuts: dict[int, str | None] = {0: None}
    if doc.sections:
        for s in sorted(doc.sections, key=lambda s: (s.heading_span[0], s.level)):
            cuts[s.heading_span[0]] = s.path  # deepest section starting here wins
        return cuts
    last = 0
    block_starts = [b.start for b in doc.blocks]
    while True:
        i = bisect.bisect_left(block_starts, last + FALLBACK_CHUNK_CHARS)
        if i >= len(block_starts):
            return cuts
        last = block_starts[i]
        cuts[last] = None
