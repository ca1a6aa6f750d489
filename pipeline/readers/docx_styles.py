"""Resolve Word style inheritance: what a paragraph or run *looks like*, not what it says.

Run formatting stacks up as: document defaults < paragraph style chain (``basedOn``) <
character style chain < direct run properties. Paragraph styles also carry alignment,
outline level and list numbering (``numPr``), which is how a "Heading 2" style numbers
itself. Resolved chains are cached per style sheet, i.e. per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from pipeline.readers import docx_ns as ns
from pipeline.readers.docx_ns import A_NS

_FALSE_VALUES = frozenset({"0", "false", "off", "none"})
_TOGGLES = {ns.BOLD: "bold", ns.ITALIC: "italic", ns.CAPS: "caps", ns.VANISH: "vanish"}
_RPR_TAGS = (ns.BOLD, ns.ITALIC, ns.CAPS, ns.VANISH, ns.SZ, ns.RFONTS, ns.RSTYLE)
_ASCII, _HANSI = ns.w("ascii"), ns.w("hAnsi")
_ASCII_THEME, _HANSI_THEME = ns.w("asciiTheme"), ns.w("hAnsiTheme")
_STYLE, _STYLE_ID, _NAME, _BASED_ON, _DEFAULT = (
    ns.w("style"),
    ns.w("styleId"),
    ns.w("name"),
    ns.w("basedOn"),
    ns.w("default"),
)
_HEADING_NAME_RE = re.compile(r"^heading\s*(\d)$", re.I)
_MAX_CHAIN = 20  # basedOn chains deeper than this are cycles or garbage
_JC = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right"}
_JC.update({"both": "justify", "distribute": "justify", "lowKashida": "justify"})
_JC.update({"mediumKashida": "justify", "highKashida": "justify", "thaiDistribute": "justify"})


def parse_rpr(rpr: etree._Element | None, theme_fonts: dict[str, str]) -> dict:
    """Run properties set by one ``w:rPr`` (only those vanban uses), as a partial dict."""
    out: dict = {}
    if rpr is None:
        return out
    for el in rpr.iterchildren(*_RPR_TAGS):
        tag = el.tag
        name = _TOGGLES.get(tag)
        if name is not None:
            out[name] = el.get(ns.VAL) not in _FALSE_VALUES
        elif tag == ns.SZ:
            try:
                out["size"] = int(el.get(ns.VAL, "")) / 2
            except ValueError:
                pass
        elif tag == ns.RFONTS:
            font = el.get(_ASCII) or el.get(_HANSI)
            if not font:
                font = theme_fonts.get(el.get(_ASCII_THEME) or el.get(_HANSI_THEME) or "")
            if font:
                out["font"] = font
        elif tag == ns.RSTYLE:
            out["rstyle"] = el.get(ns.VAL)
    return out


@dataclass(slots=True)
class ParaProps:
    """Paragraph-level properties after resolving the style chain and direct ``w:pPr``."""

    style_id: str | None = None
    style_name: str | None = None
    alignment: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    heading_level: int | None = None


@dataclass(slots=True)
class _Style:
    kind: str
    name: str | None
    based_on: str | None
    rpr: dict
    jc: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


@dataclass
class StyleSheet:
    """Styles of one document, with memoised inheritance chains."""

    styles: dict[str, _Style] = field(default_factory=dict)
    defaults: dict = field(default_factory=dict)
    default_para: str | None = None
    theme_fonts: dict[str, str] = field(default_factory=dict)
    _para_cache: dict = field(default_factory=dict)
    _run_cache: dict = field(default_factory=dict)

    @classmethod
    def from_parts(cls, styles: etree._Element | None, theme: etree._Element | None) -> StyleSheet:
        """Build from the parsed styles and theme parts (either may be missing)."""
        sheet = cls(theme_fonts=_theme_fonts(theme))
        if styles is None:
            return sheet
        rpr_default = styles.find(f"{ns.w('docDefaults')}/{ns.w('rPrDefault')}/{ns.RPR}")
        sheet.defaults = parse_rpr(rpr_default, sheet.theme_fonts)
        for el in styles.iter(_STYLE):
            sid = el.get(_STYLE_ID)
            if not sid:
                continue
            kind = el.get(ns.TYPE, "paragraph")
            name_el, based_el = el.find(_NAME), el.find(_BASED_ON)
            style = _Style(
                kind=kind,
                name=name_el.get(ns.VAL) if name_el is not None else None,
                based_on=based_el.get(ns.VAL) if based_el is not None else None,
                rpr=parse_rpr(el.find(ns.RPR), sheet.theme_fonts),
            )
            _read_ppr(el.find(ns.PPR), style)
            sheet.styles[sid] = style
            if kind == "paragraph" and el.get(_DEFAULT) in {"1", "true", "on"}:
                sheet.default_para = sid
        return sheet

    def _chain(self, sid: str | None) -> list[_Style]:
        """The style and its ancestors, base first."""
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(chain) < _MAX_CHAIN:
            seen.add(sid)
            style = self.styles[sid]
            chain.append(style)
            sid = style.based_on
        return chain[::-1]

    def paragraph(self, ppr: etree._Element | None) -> ParaProps:
        """Resolved paragraph properties for a paragraph's direct ``w:pPr``."""
        direct = _Style(kind="paragraph", name=None, based_on=None, rpr={})
        sid = None
        if ppr is not None:
            pstyle = ppr.find(ns.PSTYLE)
            sid = pstyle.get(ns.VAL) if pstyle is not None else None
            _read_ppr(ppr, direct)
        sid = sid if sid in self.styles else self.default_para
        base = self._para_cache.get(sid)
        if base is None:
            base = self._resolve_para(sid)
            self._para_cache[sid] = base
        if direct.jc is None and direct.num_id is None and direct.ilvl is None and direct.outline is None:
            return base
        props = ParaProps(base.style_id, base.style_name, base.alignment, base.num_id, base.ilvl, base.outline)
        props.heading_level = base.heading_level
        if direct.jc is not None:
            props.alignment = _JC.get(direct.jc, props.alignment)
        if direct.num_id is not None:
            props.num_id, props.ilvl = direct.num_id, direct.ilvl
        elif direct.ilvl is not None:
            props.ilvl = direct.ilvl
        if direct.outline is not None and props.heading_level is None and direct.outline < 9:
            props.heading_level = direct.outline + 1
        return props

    def _resolve_para(self, sid: str | None) -> ParaProps:
        props = ParaProps(style_id=sid, alignment="left")
        for style in self._chain(sid):
            props.style_name = style.name or props.style_name
            props.alignment = _JC.get(style.jc or "", props.alignment)
            if style.num_id is not None:
                props.num_id, props.ilvl = style.num_id, style.ilvl
            elif style.ilvl is not None:
                props.ilvl = style.ilvl
            if style.outline is not None:
                props.outline = style.outline
        name = (props.style_name or "").strip()
        m = _HEADING_NAME_RE.match(name)
        if m:
            props.heading_level = int(m.group(1))
        elif name.lower() == "title":
            props.heading_level = 0
        elif props.outline is not None and props.outline < 9:
            props.heading_level = props.outline + 1
        return props

    def run_base(self, para_style: str | None, char_style: str | None) -> dict:
        """Merged run properties from defaults, paragraph style chain and character style chain."""
        key = (para_style, char_style)
        merged = self._run_cache.get(key)
        if merged is None:
            merged = dict(self.defaults)
            for style in self._chain(para_style):
                merged.update(style.rpr)
            for style in self._chain(char_style):
                merged.update(style.rpr)
            merged.pop("rstyle", None)
            self._run_cache[key] = merged
        return merged


def _read_ppr(ppr: etree._Element | None, into: _Style) -> None:
    if ppr is None:
        return
    for el in ppr:
        tag = el.tag
        if tag == ns.JC:
            into.jc = el.get(ns.VAL)
        elif tag == ns.NUMPR:
            ilvl, num = el.find(ns.ILVL), el.find(ns.NUM_ID)
            if num is not None:
                into.num_id = num.get(ns.VAL)
            if ilvl is not None:
                into.ilvl = _int(ilvl.get(ns.VAL))
        elif tag == ns.OUTLINE_LVL:
            into.outline = _int(el.get(ns.VAL))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Map theme font slots (minorHAnsi, majorAscii…) to typefaces."""
    if theme is None:
        return {}
    fonts: dict[str, str] = {}
    for which in ("major", "minor"):
        latin = theme.find(f".//{{{A_NS}}}{which}Font/{{{A_NS}}}latin")
        face = latin.get("typeface") if latin is not None else None
        if face:
            for slot in ("HAnsi", "Ascii"):
                fonts[which + slot] = face
    return fonts
