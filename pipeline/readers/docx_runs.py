"""Paragraph text from runs: what Word shows, with formatting statistics for style hints.

A paragraph's text is its runs in order: ``w:t`` text, ``w:tab`` as a space, ``w:br`` as
a newline, footnote references as superscript marks, field *results* (never field codes),
insertions kept and deletions dropped (the pre-pass removes ``w:del``). Runs formatted
``w:caps`` are upper-cased as displayed; hidden runs (``w:vanish``) are skipped. Each run
goes through ``convert_legacy`` when its font (``legacy_kind_of_font``: .VnTime, VNI-Times…)
or its characters look like TCVN3/VNI.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from pipeline.encodings import legacy_kind_of_font
from pipeline.readers import docx_ns as ns
from pipeline.readers.docx_notes import Notes, superscript
from pipeline.readers.docx_numbering import Numbering
from pipeline.readers.docx_styles import ParaProps, StyleSheet, parse_rpr
from schemas import Style

# Latin-1 characters Unicode Vietnamese never uses (it uses à á â ã è é ê ì í ò ó ô õ ù ú ý
# and capitals); TCVN3 and VNI text is full of them ("Céng hßa", "COÄNG HOAØ").
_LEGACY_CHAR_RE = re.compile(
    r"[\x80-\x9f\xa1-\xbf\xc4-\xc7\xcb\xce-\xd1\xd6-\xd8\xdb\xdc\xde-\xdf\xe4-\xe7\xeb\xee-\xf1\xf6-\xf8\xfb\xfc\xfe\xff]"
)
# Symbol-font characters (w:sym, private-use code points) that have a plain equivalent.
_SYMBOLS = {"F0B7": "•", "F0A7": "▪", "F0AE": "→", "F0E0": "→", "F0D8": "➢", "F02D": "-", "F02B": "+"}
_CHAR = ns.w("char")
_NOTE_MARK_OF = {ns.FOOTNOTE_MARK: "f", ns.ENDNOTE_MARK: "e"}
_NOTE_REF_OF = {ns.FOOTNOTE_REF: "f", ns.ENDNOTE_REF: "e"}
_CUSTOM_MARK = ns.w("customMarkFollows")

ConvertFn = Callable[[str, str | None], tuple[str, str | None]]


@dataclass(slots=True)
class TextStats:
    """Characters per formatting, accumulated over one block (paragraph, cell or note)."""

    chars: int = 0
    bold: int = 0
    italic: int = 0
    caps: int = 0
    sizes: dict[float, int] = field(default_factory=dict)
    fonts: dict[str, int] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)  # legacy encodings converted

    def style(self, props: ParaProps | None, text: str) -> Style:
        """Style hints for the block: a flag holds when every visible character has it."""
        n = self.chars
        return Style.model_construct(
            bold=(self.bold == n) if n else None,
            italic=(self.italic == n) if n else None,
            all_caps=((self.caps == n) or text.isupper()) if n else None,
            style_name=props.style_name if props else None,
            heading_level=props.heading_level if props else None,
            alignment=props.alignment if props else None,
            font_size=max(self.sizes, key=self.sizes.__getitem__) if self.sizes else None,
            font_name=max(self.fonts, key=self.fonts.__getitem__) if self.fonts else None,
        )


@dataclass(slots=True)
class ParaText:
    """One paragraph as read: text (marker included), properties, notes and boxes found."""

    text: str
    props: ParaProps
    numbered: bool = False
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, xml id, mark) first refs
    refs: list[str] = field(default_factory=list)  # marks referenced (footnote ids of the block)
    boxes: list[etree._Element] = field(default_factory=list)


class RunReader:
    """Reads paragraphs of one document; owns the per-document caches and counters."""

    def __init__(
        self,
        styles: StyleSheet,
        numbering: Numbering,
        notes: Notes,
        convert: ConvertFn,
        boxes: dict[etree._Element, list[etree._Element]],
    ) -> None:
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.convert = convert
        self.boxes = boxes
        self._legacy_font: dict[str | None, bool] = {}
        self._props: dict[tuple[str | None, bytes], dict] = {}

    def paragraph(self, p: etree._Element, stats: TextStats, note_mark: str | None = None) -> ParaText:
        """Read one ``w:p``; ``note_mark`` is printed for ``w:footnoteRef`` inside a note."""
        props = self.styles.paragraph(p.find(ns.PPR))
        para = ParaText(text="", props=props, boxes=self.boxes.get(p, []))
        marker = self._marker(props)
        segments: list[tuple[str, dict | None]] = []  # (run text, run formatting); None = a note mark
        for r in p.iter(ns.R):
            self._run(r, segments, stats, para, note_mark)
        text = self._render(segments, stats)
        if marker and text.strip():
            text = marker + text
            para.numbered = True
        para.text = text
        return para

    def _marker(self, props: ParaProps) -> str | None:
        if not props.num_id or props.num_id == "0":
            return None
        ilvl = props.ilvl
        if ilvl is None:
            ilvl = self.numbering.level_for_style(props.num_id, props.style_id) or 0
        return self.numbering.marker(props.num_id, ilvl)

    def _run(self, r: etree._Element, out: list, stats: TextStats, para: ParaText, note_mark: str | None) -> None:
        run = self._run_props(para.props.style_id, r.find(ns.RPR))
        if run.get("vanish"):
            return
        pieces: list[str] = []
        for ch in r:
            tag = ch.tag
            if tag == ns.T:
                if ch.text:
                    pieces.append(ch.text)
            elif tag == ns.TAB or tag == ns.PTAB:
                pieces.append(" ")
            elif tag == ns.BR or tag == ns.CR:
                pieces.append("\n")
            elif tag in _NOTE_REF_OF:
                self._flush(pieces, run, out, stats)
                self._note_ref(_NOTE_REF_OF[tag], ch, out, para)
            elif tag in _NOTE_MARK_OF:
                if note_mark and not note_mark.startswith("e"):
                    out.append((superscript(note_mark), None))
            elif tag == ns.NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == ns.SOFT_HYPHEN:  # U+00AD: TCVN3's "ư" byte; normalisation drops it elsewhere
                pieces.append("\u00ad")
            elif tag == ns.SYM:
                pieces.append(_SYMBOLS.get((ch.get(_CHAR) or "").upper(), ""))
        self._flush(pieces, run, out, stats)

    def _flush(self, pieces: list[str], run: dict, out: list, stats: TextStats) -> None:
        """Queue a run's text and count its formatting (conversion waits for the neighbours)."""
        if not pieces:
            return
        text = "".join(pieces)
        pieces.clear()
        out.append((text, run))
        n = len(text) - text.count(" ") - text.count("\n")
        if n <= 0:
            return
        stats.chars += n
        if run.get("bold"):
            stats.bold += n
        if run.get("italic"):
            stats.italic += n
        if run.get("caps"):
            stats.caps += n
        size, font = run.get("size"), run.get("font")
        if size:
            stats.sizes[size] = stats.sizes.get(size, 0) + n
        if font:
            stats.fonts[font] = stats.fonts.get(font, 0) + n

    def _render(self, segments: list[tuple[str, dict | None]], stats: TextStats) -> str:
        """Join run texts; neighbouring runs in one legacy font are converted together.

        Word splits runs anywhere (spell-check marks, revisions), and a VNI letter is two
        bytes ("oâ" is "ô"): converting run by run would strand half a letter ("sô" + "û").
        """
        out: list[str] = []
        i = 0
        while i < len(segments):
            text, run = segments[i]
            j = i + 1
            if run is None:
                out.append(text)
                i = j
                continue
            font = run.get("font")
            legacy = self._is_legacy_font(font)
            if legacy:
                while j < len(segments) and segments[j][1] is not None and segments[j][1].get("font") == font:
                    j += 1
                text = "".join(t for t, _ in segments[i:j])
            if legacy or _LEGACY_CHAR_RE.search(text):
                text, kind = self.convert(text, font)
                if kind:
                    stats.kinds.add(kind)
            if all(r.get("caps") for _, r in segments[i:j]):
                text = text.upper()
            out.append(text)
            i = j
        return "".join(out)

    def _run_props(self, style_id: str | None, rpr: etree._Element | None) -> dict:
        """Effective run formatting, memoised on the run's serialised ``w:rPr`` (runs repeat a lot)."""
        key = (style_id, etree.tostring(rpr) if rpr is not None else b"")
        run = self._props.get(key)
        if run is None:
            direct = parse_rpr(rpr, self.styles.theme_fonts)
            run = self.styles.run_base(style_id, direct.pop("rstyle", None))
            if direct:
                run = {**run, **direct}
            self._props[key] = run
        return run

    def _note_ref(self, kind: str, ref: etree._Element, out: list, para: ParaText) -> None:
        note_id = ref.get(ns.ID, "")
        found = self.notes.mark(kind, note_id)
        if found is None:
            return
        mark, first = found
        para.refs.append(mark)
        if first:
            para.notes.append((kind, note_id, mark))
        if kind == "f" and ref.get(_CUSTOM_MARK) not in {"1", "true", "on"}:
            out.append((superscript(mark), None))

    def _is_legacy_font(self, font: str | None) -> bool:
        hit = self._legacy_font.get(font)
        if hit is None:
            hit = legacy_kind_of_font(font) is not None
            self._legacy_font[font] = hit
        return hit
