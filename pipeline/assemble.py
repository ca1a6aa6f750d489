"""Normalise reader blocks and join them into the document text, keeping offsets.

Blocks are joined with a single newline; each block records its ``[start, end)`` in the
text, so any character span maps back to a page, paragraph, table cell or line.
"""

from __future__ import annotations

import bisect
import re

from pipeline.normalize import normalize_text
from pipeline.readers.base import RawBlock, ReadResult
from schemas import Block, Style

BLOCK_SEPARATOR = "\n"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_EDGE_WS_RE = re.compile(rf"^[\s{_INVISIBLE}]+|[\s{_INVISIBLE}]+$")


def assemble(result: ReadResult) -> tuple[str, list[Block]]:
    """Return (text, blocks) for a reader result; empty blocks are dropped."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for raw in result.blocks:
        block = _locate(raw, result.markdown, pos, len(blocks))
        if block is None:
            continue
        if blocks:
            parts.append(BLOCK_SEPARATOR)
            pos += len(BLOCK_SEPARATOR)
            block.start += len(BLOCK_SEPARATOR)
            block.end += len(BLOCK_SEPARATOR)
        parts.append(block.text)
        pos = block.end
        blocks.append(block)
    return "".join(parts), blocks


def _locate(raw: RawBlock, markdown: bool, pos: int, index: int) -> Block | None:
    text, lead = _strip_edges(raw.text)
    if not text:
        return None
    norm, omap = normalize_text(text, markdown=markdown)
    stripped = norm.strip()
    if not stripped:
        return None
    k = len(norm) - len(norm.lstrip())
    norm = stripped
    style = raw.style or Style()
    anchors = None
    if omap.anchors or lead or k:
        anchors = [(0, omap.to_source(k) + lead)]
        anchors += [(o - k, s + lead) for o, s in omap.anchors if o - k > 0]
    return Block(
        index=index,
        kind=raw.kind,
        text=norm,
        start=pos,
        end=pos + len(norm),
        style=style,
        source=raw.source,
        line=raw.line,
        src_start=raw.src_start,
        offset_map=anchors,
        paragraph=raw.paragraph,
        table=raw.table,
        row=raw.row,
        col=raw.col,
        page=raw.page,
        bbox=raw.bbox,
        footnote_id=raw.footnote_id,
        note_refs=list(raw.note_refs),
        ocr_confidence=raw.ocr_confidence,
    )


def _strip_edges(text: str) -> tuple[str, int]:
    """``text`` without white space and invisible marks at either end, and how many led.

    ``str.strip`` does it in C; the regex (whose ``…$`` branch is tried at every position)
    is needed only when an invisible mark sits next to the stripped text.
    """
    stripped = text.strip()
    if stripped[:1] in _INVISIBLE or stripped[-1:] in _INVISIBLE:  # '' is in every string
        m = _EDGE_WS_RE.match(text)
        return _EDGE_WS_RE.sub("", text), m.end() if m else 0
    return stripped, len(text) - len(text.lstrip())


def block_at(blocks: list[Block], offset: int) -> Block | None:
    """The block containing ``offset`` (or the next one when it falls on a separator)."""
    if not blocks:
        return None
    starts = [b.start for b in blocks]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return blocks[0]
    b = blocks[i]
    if offset >= b.end and i + 1 < len(blocks):
        return blocks[i + 1]
    return b
