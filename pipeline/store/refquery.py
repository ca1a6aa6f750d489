"""Human input naming a document ("QĐ 01/QĐ-UBND 2023", "Chỉ thị 34-CT/TW") → identity parts.

Uses the references extractor's ``parse_reference_query`` (extractors/reference_identity.py) (one
grammar for citations and queries); this module's small parser is the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.store.keys import norm_number, norm_symbol

# "01/QĐ-UBND", "98/2023/NĐ-CP", "34-CT/TW" (Party: number joined by a hyphen), "351/UBND - NV"
_NUMBER_SYMBOL_RE = re.compile(
    r"(?P<number>\d+)\s*(?:/\s*(?P<year>(?:19|20)\d\d)\s*)?[/-]\s*"
    r"(?P<symbol>[A-ZĐ][A-Za-zĐđ0-9&.]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&.]*)*)"
)
# a trailing or leading four-digit year outside the symbol: "QĐ 01/QĐ-UBND 2023"
_YEAR_RE = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")


@dataclass(frozen=True)
class RefQuery:
    """What a person typed, as comparable parts (None where not given)."""

    text: str
    number: str | None = None
    symbol: str | None = None
    year: int | None = None
    name: str | None = None


def parse_query(text: str) -> RefQuery:
    """Parse a reference typed by a person.

    >>> parse_query("QĐ 01/QĐ-UBND 2023")
    RefQuery(text='QĐ 01/QĐ-UBND 2023', number='1', symbol='QĐ-UBND', year=2023, name=None)
    >>> parse_query("Chỉ thị 34-CT/TW").symbol
    'CT/TW'
    >>> parse_query("Nghị định 98/2023/NĐ-CP").year
    2023
    """
    parsed = _extractor_parse(text)
    if parsed is not None:
        return parsed
    m = _NUMBER_SYMBOL_RE.search(text)
    if not m:
        return RefQuery(text=text, name=text.strip() or None)
    year = m.group("year")
    if year is None:
        rest = text[: m.start()] + " " + text[m.end() :]
        y = _YEAR_RE.search(rest)
        year = y.group("year") if y else None
    return RefQuery(
        text=text,
        number=norm_number(m.group("number")),
        symbol=norm_symbol(m.group("symbol")),
        year=int(year) if year else None,
    )


def _extractor_parse(text: str) -> RefQuery | None:
    """The extractor's parser, when it exists and finds a number and symbol in the text."""
    try:
        from extractors.reference_identity import parse_reference_query
    except ImportError:
        return None
    parts = parse_reference_query(text)
    number, symbol = norm_number(parts.number or None), norm_symbol(parts.symbol or None)
    if not (number and symbol):
        return None
    year = str(parts.year or "")
    return RefQuery(text=text, number=number, symbol=symbol, year=int(year) if year.isdigit() else None)
