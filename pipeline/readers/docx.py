"""Word .docx reader: body paragraphs and tables in document order, numbering, footnotes, text boxes.

The package is opened by ``safe_zip`` (zip-bomb and entity guards) and its XML walked with
lxml directly. python-docx is not used at read time: opening a package through it costs
about twice as much (it parses every part) and its objects expose none of what matters
here (rendered numbering, footnotes, text boxes, style inheritance).

Block layout (what later stages can rely on):

- body paragraphs in order; ``paragraph`` is the 0-based index among body-level paragraphs
  (block-level content controls included), empty ones counted;
- one TABLE_CELL block per table cell (``table``/``row``/``col``; ``col`` is the grid
  column, merged cells appear once); nested tables are flattened into their cell's text;
- a footnote becomes one FOOTNOTE block placed right after the block that first references
  it, so it falls inside the citing section; ``footnote_id`` is the printed mark ("1"), the
  referencing block lists it in ``note_refs`` and carries the mark as "¹";
- a text box becomes its own block after the paragraph (or cell) it is anchored in; of an
  ``mc:AlternateContent`` pair only the Choice is read, so a box is never read twice;
- page headers and footers are not read: they repeat on every page and are not body text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lxml import etree

from pipeline.encodings import convert_legacy
from pipeline.errors import CorruptFileError, EmptyDocumentError, UnsupportedFormatError
from pipeline.readers import docx_ns as ns
from pipeline.readers.base import RawBlock, ReadResult
from pipeline.readers.docx_notes import Notes
from pipeline.readers.docx_numbering import Numbering
from pipeline.readers.docx_runs import RunReader, TextStats
from pipeline.readers.docx_styles import StyleSheet
from pipeline.readers.safe_zip import SafeZip, parse_xml
from schemas import BlockKind, Conversion, Problem, TextSource

_WRAPPERS = {ns.SDT, ns.CUSTOM_XML}  # block-level containers whose content is ordinary blocks
_DROPPED = (ns.MC_FALLBACK, ns.DEL, ns.MOVE_FROM)
_ALT_CHUNK = ns.w("altChunk")


def read_docx(path: str | Path, data: bytes) -> ReadResult:
    """Read a .docx into raw blocks; bad packages raise the matching InputError."""
    pkg = SafeZip(path, data)
    main = pkg.main_document()
    rels = pkg.relationships(main)
    blob = pkg.read(main) or b""
    root = parse_xml(path, main, blob)
    body = root.find(ns.BODY)
    if body is None:
        if root.tag.startswith(f"{{{ns.STRICT_W_NS}}}"):
            raise UnsupportedFormatError(path, "Strict Open XML .docx; save it as a normal Word document")
        raise CorruptFileError(path, f"'{main}' has no document body")
    styles = StyleSheet.from_parts(_part(pkg, rels, "/styles"), _part(pkg, rels, "/theme"))
    # numbering.xml is often large and unused (templates ship it): parse it only when something numbers
    numbered = b"numPr" in blob or any(s.num_id for s in styles.styles.values())
    style_nums = {sid: s.num_id for sid, s in styles.styles.items() if s.kind == "numbering" and s.num_id}
    numbering = Numbering(_part(pkg, rels, "/numbering") if numbered else None, style_nums)
    footnotes, endnotes = _part(pkg, rels, "/footnotes"), _part(pkg, rels, "/endnotes")
    notes = Notes(footnotes, endnotes, body)
    boxes = _prepare(body)
    for part in (footnotes, endnotes):
        if part is not None:
            _prepare(part)  # boxes inside notes are dropped with their fallbacks, never merged into note text
    reader = _BodyReader(RunReader(styles, numbering, notes, convert_legacy, boxes))
    reader.read_body(body)
    reader.emit_endnotes()
    if not any(b.text.strip() for b in reader.blocks):
        raise EmptyDocumentError(path, "the document body has no text")
    conversions = [Conversion(kind=kind, detail="docx runs", blocks=n) for kind, n in sorted(reader.converted.items())]
    return ReadResult(format="docx", blocks=reader.blocks, conversions=conversions, problems=reader.problems)


def _part(pkg: SafeZip, rels: dict[str, str], rel_type: str) -> etree._Element | None:
    name = rels.get(rel_type)
    return pkg.xml(name) if name else None


def _prepare(root: etree._Element) -> dict[etree._Element, list[etree._Element]]:
    """Drop what Word does not show, detach text boxes; returns {anchor paragraph: boxes}.

    Fallbacks of ``mc:AlternateContent`` (the VML copy of a DrawingML shape), deleted and
    moved-away text go. Text boxes are cut out of their anchor paragraph so its text stays
    clean, and are read as blocks of their own.
    """
    for el in list(root.iter(*_DROPPED)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    anchors: dict[etree._Element, list[etree._Element]] = {}
    for box in list(root.iter(ns.TXBX_CONTENT)):
        anchor = box.getparent()
        while anchor is not None and anchor.tag != ns.P:
            anchor = anchor.getparent()
        if anchor is not None:
            anchors.setdefault(anchor, []).append(box)
    for boxes in anchors.values():
        for box in boxes:
            box.getparent().remove(box)
    return anchors


class _BodyReader:
    """Walks block-level content and turns it into RawBlocks."""

    def __init__(self, runs: RunReader) -> None:
        self.runs = runs
        self.blocks: list[RawBlock] = []
        self.problems: list[Problem] = []
        self.converted: Counter[str] = Counter()
        self.paragraph_index = -1
        self.table_index = -1
        self._endnotes: list[tuple[str, str, str]] = []

    def read_body(self, container: etree._Element) -> None:
        for child in container:
            tag = child.tag
            if tag == ns.P:
                self.paragraph_index += 1
                self._paragraph(child)
            elif tag == ns.TBL:
                self._table(child)
            elif tag in _WRAPPERS:
                content = child.find(ns.SDT_CONTENT) if tag == ns.SDT else child
                if content is not None:
                    self.read_body(content)
            elif tag == _ALT_CHUNK:
                self.problems.append(
                    Problem(code="docx.alt_chunk", stage="reader", message="embedded alternative-format chunk not read")
                )

    def _paragraph(self, p: etree._Element) -> None:
        stats = TextStats()
        para = self.runs.paragraph(p, stats)
        props = para.props
        kind = BlockKind.PARAGRAPH
        if props.heading_level is not None:
            kind = BlockKind.HEADING
        elif para.numbered:
            kind = BlockKind.LIST_ITEM
        self._emit(RawBlock(text=para.text, kind=kind, paragraph=self.paragraph_index), stats, props, para.refs)
        self._after(para.notes, para.boxes, {"paragraph": self.paragraph_index})

    def _table(self, tbl: etree._Element) -> None:
        self.table_index += 1
        where = {"table": self.table_index}
        for r, tr in enumerate(_children(tbl, ns.TR)):
            col = _grid_before(tr)
            for tc in _children(tr, ns.TC):
                span, hidden = _cell_layout(tc)
                if not hidden:
                    self._cell(tc, {**where, "row": r, "col": col})
                col += span

    def _cell(self, tc: etree._Element, where: dict) -> None:
        stats = TextStats()
        lines: list[str] = []
        notes: list[tuple[str, str, str]] = []
        refs: list[str] = []
        boxes: list[etree._Element] = []
        first_props = None
        for p in _cell_paragraphs(tc):
            para = self.runs.paragraph(p, stats)
            first_props = first_props or para.props
            lines.append(para.text)
            notes += para.notes
            refs += para.refs
            boxes += para.boxes
        block = RawBlock(text="\n".join(lines), kind=BlockKind.TABLE_CELL, **where)
        self._emit(block, stats, first_props, refs)
        self._after(notes, boxes, where)

    def _emit(self, block: RawBlock, stats: TextStats, props, refs: list[str]) -> None:
        if not block.text.strip():
            return
        block.style = stats.style(props, block.text)
        block.note_refs = refs
        if stats.kinds:
            block.source = TextSource.CONVERTED
            self.converted.update(stats.kinds)
        self.blocks.append(block)

    def _after(self, notes: list[tuple[str, str, str]], boxes: list[etree._Element], where: dict) -> None:
        """Footnotes first referenced by the block just emitted, then its text boxes."""
        for kind, note_id, mark in notes:
            if kind == "e":
                self._endnotes.append((kind, note_id, mark))
            else:
                self._note(kind, note_id, mark)
        for box in boxes:
            stats = TextStats()
            inner_notes: list[tuple[str, str, str]] = []
            lines = []
            for p in _cell_paragraphs(box):
                para = self.runs.paragraph(p, stats)
                lines.append(para.text)
                inner_notes += para.notes
            self._emit(RawBlock(text="\n".join(lines), **where), stats, None, [])
            for kind, note_id, mark in inner_notes:
                self._note(kind, note_id, mark)

    def _note(self, kind: str, note_id: str, mark: str) -> None:
        stats = TextStats()
        lines = []
        props = None
        for p in _cell_paragraphs(self.runs.notes.element(kind, note_id)):
            para = self.runs.paragraph(p, stats, note_mark=mark)
            props = props or para.props
            lines.append(para.text)
        self._emit(RawBlock(text="\n".join(lines), kind=BlockKind.FOOTNOTE, footnote_id=mark), stats, props, [])

    def emit_endnotes(self) -> None:
        for kind, note_id, mark in self._endnotes:
            self._note(kind, note_id, mark)


def _children(parent: etree._Element, tag: str):
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            content = child.find(ns.SDT_CONTENT) if child.tag == ns.SDT else child
            if content is not None:
                yield from _children(content, tag)


def _cell_paragraphs(container: etree._Element):
    """Paragraphs of a cell, note or text box in order, nested tables flattened row by row."""
    for child in container:
        tag = child.tag
        if tag == ns.P:
            yield child
        elif tag == ns.TBL:
            for tr in _children(child, ns.TR):
                for tc in _children(tr, ns.TC):
                    if not _cell_layout(tc)[1]:
                        yield from _cell_paragraphs(tc)
        elif tag in _WRAPPERS:
            content = child.find(ns.SDT_CONTENT) if tag == ns.SDT else child
            if content is not None:
                yield from _cell_paragraphs(content)


def _grid_before(tr: etree._Element) -> int:
    trpr = tr.find(ns.TRPR)
    el = trpr.find(ns.GRID_BEFORE) if trpr is not None else None
    return _int(el.get(ns.VAL)) if el is not None else 0


def _cell_layout(tc: etree._Element) -> tuple[int, bool]:
    """(grid columns spanned, continuation of a merge) for a ``w:tc``."""
    tcpr = tc.find(ns.TCPR)
    if tcpr is None:
        return 1, False
    span_el = tcpr.find(ns.GRID_SPAN)
    span = max(_int(span_el.get(ns.VAL)), 1) if span_el is not None else 1
    for merge_tag in (ns.VMERGE, ns.HMERGE):
        merge = tcpr.find(merge_tag)
        if merge is not None and merge.get(ns.VAL) != "restart":
            return span, True
    return span, False


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
