"""WordprocessingML tag and attribute names in Clark notation (``{namespace}local``), built once."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def w(local: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{local}"


VAL = w("val")
ID = w("id")
TYPE = w("type")

BODY, P, R, T, TBL, TR, TC = w("body"), w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TCPR, TRPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr")
TAB, PTAB, BR, CR = w("tab"), w("ptab"), w("br"), w("cr")
SYM, NO_BREAK_HYPHEN, SOFT_HYPHEN = w("sym"), w("noBreakHyphen"), w("softHyphen")
FOOTNOTE_REF, ENDNOTE_REF = w("footnoteReference"), w("endnoteReference")
FOOTNOTE_MARK, ENDNOTE_MARK = w("footnoteRef"), w("endnoteRef")
TXBX_CONTENT = w("txbxContent")
DEL, MOVE_FROM = w("del"), w("moveFrom")
SDT, SDT_CONTENT, CUSTOM_XML, SECT_PR = w("sdt"), w("sdtContent"), w("customXml"), w("sectPr")
PSTYLE, RSTYLE, NUMPR, ILVL, NUM_ID = w("pStyle"), w("rStyle"), w("numPr"), w("ilvl"), w("numId")
JC, OUTLINE_LVL = w("jc"), w("outlineLvl")
BOLD, ITALIC, CAPS, VANISH, SZ, RFONTS = w("b"), w("i"), w("caps"), w("vanish"), w("sz"), w("rFonts")
GRID_SPAN, VMERGE, HMERGE, GRID_BEFORE = w("gridSpan"), w("vMerge"), w("hMerge"), w("gridBefore")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
