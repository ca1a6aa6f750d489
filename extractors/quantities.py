"""Quantities: every number with its unit, parsed exactly ('2.308,61 tỷ đồng' → 2308.61 tỷ đồng).

One regex pass finds number-like tokens; dates, document numbers, identifiers, phone
numbers, labels ("Điều 5", "năm 2024") and list markers are dropped. Values are
``decimal.Decimal`` (never float); the number as written stays in ``value_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.base import Extractor
from extractors.patterns import quantities as P
from pipeline.locate import Locator
from schemas import ExtractedDocument
from schemas.items import Comparator, Quantity, QuantityKind

VERSION = "quantities.v1"
#: How far back (characters) to look for a comparator or label word before a figure.
LOOKBACK = 32
_YEARS = range(1900, 2101)
_KIND_BY_UNIT = {
    "money": QuantityKind.MONEY,
    "percent": QuantityKind.PERCENT,
    "duration": QuantityKind.DURATION,
    "age": QuantityKind.AGE,
}
_RANK_BEFORE_RE = re.compile(r"(?:thứ|hạng)\s*(?:từ\s*)?\**\s*$", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")
_PAREN_RE = re.compile(r"\s?\([^()]*\)")


def parse_number(text: str) -> Decimal:
    """Parse a number written the Vietnamese way into an exact Decimal.

    '.' groups thousands and ',' marks decimals; a lone '.' not followed by exactly three
    digits is a decimal point (seed 000 writes "0.59" and "70.43").

    >>> parse_number("2.308,61")
    Decimal('2308.61')
    >>> parse_number("72,072")
    Decimal('72.072')
    >>> parse_number("1.200")
    Decimal('1200')
    >>> parse_number("20.000")
    Decimal('20000')
    >>> parse_number("328.782,902")
    Decimal('328782.902')
    >>> parse_number("0.59")
    Decimal('0.59')
    >>> parse_number("9,0")
    Decimal('9.0')
    >>> parse_number("01")
    Decimal('1')
    """
    s = text.strip().replace(" ", "")
    if "," in s:
        if "." in s and s.index(",") < s.index("."):  # English 1,234.5
            return Decimal(s.replace(",", ""))
        return Decimal(s.replace(".", "").replace(",", "."))
    if "." in s:
        groups = s.split(".")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            return Decimal(s.replace(".", ""))
        return Decimal(s)
    return Decimal(int(s))


@dataclass(slots=True)
class Found:
    """A quantity located in a string (before it becomes a pydantic item)."""

    start: int
    end: int
    value: Decimal
    value_text: str
    kind: QuantityKind
    comparator: Comparator
    value_max: Decimal | None = None
    denominator: Decimal | None = None
    unit: str | None = None
    unit_canonical: str | None = None
    unit_kind: str | None = None
    value_canonical: Decimal | None = None


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text``, in order; spans index ``text``.

    >>> [(f.value, f.unit) for f in find_quantities("Kế hoạch năm 2023: 76,4 tỷ đồng; đạt 94,34%")]
    [(Decimal('76.4'), 'tỷ đồng'), (Decimal('94.34'), '%')]
    """
    out: list[Found] = []
    if P.DIGIT_RE.search(text):
        for m in P.QUANTITY_RE.finditer(text):
            if m.lastgroup in ("date", "monthyear", "docno", "ident", "phone"):
                continue
            found = _build(text, m)
            if found is not None:
                out.append(found)
    words = [_word_number(text, m) for m in P.WORD_NUMBER_RE.finditer(text)]
    if words:
        out = sorted(out + words, key=lambda f: f.start)
    return out


def _word_number(text: str, m: re.Match) -> Found:
    """'ít nhất một cơ sở' → 1 cơ sở (gte)."""
    word = m.group("word")
    found = Found(
        m.start("word"), m.end(), Decimal(P.WORD_VALUES[word.lower()]), word, QuantityKind.NUMBER, Comparator.EQ
    )
    _apply_unit(found, text, m.start("unit"), None, m.group("unit"), None)
    _apply_comparator(found, text)
    return found


def _build(text: str, m: re.Match) -> Found | None:
    g = m.groupdict()
    if g["lo2"] is not None:
        return _unit_range(text, m, g)
    if g["lo"] is not None:
        return _range(text, m, g)
    prefix = "f_" if g["num"] is not None else "s_"
    scale, unit, denoms = g[prefix + "scale"], g[prefix + "unit"], g[prefix + "denoms"]
    tail_start = m.start(prefix + "tail")
    if g["num"] is not None:
        value, den = parse_number(g["num"]), parse_number(g["den"])
        if not (scale or unit) and (int(den) in _YEARS and "." not in g["den"] or den == 0):
            return None  # "192/2002": a citation, not a ratio
        before = text[max(0, m.start() - LOOKBACK) : m.start()]
        kind = QuantityKind.RANK if _RANK_BEFORE_RE.search(before) else QuantityKind.RATIO
        if kind is QuantityKind.RATIO and not (scale or unit) and P.LABEL_BEFORE_RE.search(before):
            return None
        found = Found(m.start(), m.end(), value, g["num"] + "/" + g["den"], kind, Comparator.EQ, denominator=den)
        if not (scale or unit or denoms):
            found.end = m.start("den") + len(g["den"])
    else:
        raw = g["single"]
        value = parse_number(raw)
        end_num = m.start("single") + len(raw)
        if not (scale or unit) and _is_not_a_quantity(text, m.start(), end_num, value, raw):
            return None
        found = Found(m.start(), m.end(), value, raw, QuantityKind.NUMBER, Comparator.EQ)
        if not (scale or unit or denoms):
            found.end = end_num
    _apply_unit(found, text, tail_start, scale, unit, denoms)
    _apply_comparator(found, text)
    return found


def _range(text: str, m: re.Match, g: dict) -> Found | None:
    lo, hi = parse_number(g["lo"]), parse_number(g["hi"])
    unit_here = g["scale"] or g["unit"] or g["lo_unit"]
    if lo >= hi:
        return None
    if not unit_here and int(lo) in _YEARS and int(hi) in _YEARS:
        return None  # "giai đoạn 2021-2025"
    before = text[max(0, m.start() - LOOKBACK) : m.start()]
    if not unit_here and P.LABEL_BEFORE_RE.search(before):
        return None
    found = Found(
        m.start(), m.end(), lo, text[m.start() : m.start("hi") + len(g["hi"])], QuantityKind.RANGE, Comparator.RANGE
    )
    found.value_max = hi
    unit = g["unit"]
    if not (g["scale"] or unit) and g["lo_unit"]:
        unit = g["lo_unit"]
    _apply_unit(found, text, m.start("tail"), g["scale"], unit, g["denoms"])
    if not (g["scale"] or g["unit"] or g["denoms"]):
        found.end = m.start("hi") + len(g["hi"])
    found.kind = QuantityKind.RANGE
    return found


def _unit_range(text: str, m: re.Match, g: dict) -> Found | None:
    """'8.000.000 đồng đến 10.000.000 đồng': both ends carry the unit."""
    lo, hi = parse_number(g["lo2"]), parse_number(g["hi2"])
    if lo >= hi:
        return None
    found = Found(
        m.start(), m.end(), lo, f"{g['lo2']} - {g['hi2']}", QuantityKind.RANGE, Comparator.RANGE, value_max=hi
    )
    unit_text = _SPACES_RE.sub(" ", g["u2"])
    scale, _, unit = (
        unit_text.partition(" ") if unit_text.split(" ", 1)[0].casefold() in P.SCALE_BY_FORM else ("", "", unit_text)
    )
    _apply_unit(found, text, m.start("hi2") + len(g["hi2"]), scale or None, unit, g["d2"])
    found.kind = QuantityKind.RANGE
    return found


def _is_not_a_quantity(text: str, start: int, end: int, value: Decimal, raw: str) -> bool:
    """A bare number (no unit) that is a year, a label's number, a marker or glued to a word."""
    nxt = text[end : end + 1]
    if nxt.isalpha():
        return True  # "5G", "3a": identifiers
    if value == value.to_integral_value() and int(value) in _YEARS and raw.isdigit():
        return True
    before = text[max(0, start - LOOKBACK) : start]
    if P.LABEL_BEFORE_RE.search(before):
        return True
    if (nxt in ").:" or (nxt == "" and not before.strip())) and P.MARKER_RE.search(before):
        return True  # "(1)", "2.1." at the start of a line
    return nxt == ")" and before.endswith("(")


def _apply_unit(found: Found, text: str, at: int, scale: str | None, unit: str | None, denoms: str | None) -> None:
    """Set unit as written (scale word and denominators included) and the canonical value."""
    written = text[at : found.end].strip() if (scale or unit or denoms) else ""
    if not written:
        return
    written = _PAREN_RE.sub("", written)  # "đồng (một trăm sáu mươi ngàn đồng)/trẻ/tháng"
    found.unit = _SPACES_RE.sub(" ", written).replace(" /", "/").replace("/ ", "/")
    factor = P.SCALE_BY_FORM[scale.casefold()] if scale else 1
    entry = P.UNIT_BY_FORM.get(_SPACES_RE.sub(" ", unit).casefold()) if unit else None
    found.unit_kind = entry["kind"] if entry else None
    if entry:
        found.unit_canonical = entry["canonical"] + _denominators(denoms)
        kind = _KIND_BY_UNIT.get(entry["kind"])
        if kind is not None and found.kind in (QuantityKind.NUMBER, QuantityKind.RANGE):
            found.kind = kind if found.kind is QuantityKind.NUMBER or kind is QuantityKind.PERCENT else found.kind
    elif scale and denoms:  # "36,4 triệu/người/năm": money per head
        found.unit_canonical = "đồng" + _denominators(denoms)
        found.kind = QuantityKind.MONEY if found.kind is QuantityKind.NUMBER else found.kind
    if entry or scale:
        found.value_canonical = found.value * factor


def _denominators(denoms: str | None) -> str:
    """'/ người /năm' → '/người/năm'."""
    if not denoms:
        return ""
    denoms = _PAREN_RE.sub("", denoms)
    return "/".join(_SPACES_RE.sub(" ", d).strip() for d in denoms.split("/"))


def _apply_comparator(found: Found, text: str) -> None:
    before = text[max(0, found.start - LOOKBACK) : found.start]
    m = P.COMPARATOR_BEFORE_RE.search(before)
    if m and m.lastgroup != "range":
        found.comparator = Comparator(m.lastgroup)
    m = P.COMPARATOR_AFTER_RE.match(text, found.end, found.end + 24)
    if m:
        found.comparator = Comparator(m.lastgroup)


# ---------------------------------------------------------------------------
# document level


def to_item(doc_text: str, f: Found, loc: Locator) -> Quantity:
    return Quantity(
        text=doc_text[f.start : f.end],
        span=(f.start, f.end),
        **loc.provenance(f.start),
        kind=f.kind,
        value=f.value,
        value_max=f.value_max,
        denominator=f.denominator,
        unit=f.unit,
        unit_canonical=f.unit_canonical,
        value_canonical=f.value_canonical,
        comparator=f.comparator,
        value_text=f.value_text,
    )


def extract_quantities(doc: ExtractedDocument) -> dict[str, list[Quantity]]:
    """Extractor entry point: ``{"quantities": [...]}`` for the whole document text."""
    loc = Locator(doc)
    return {"quantities": [to_item(doc.text, f, loc) for f in find_quantities(doc.text)]}


EXTRACTOR = Extractor(name="quantities", version=VERSION, provides=("quantities",), extract=extract_quantities)
