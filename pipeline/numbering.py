"""Ordinals of section markers and the numbering problems between siblings.

"III." is 3, "đ)" is 5 (office letter order: a b c d đ e g h …), "PHẦN THỨ HAI" is 2. A
marker that repeats, goes back or skips is kept as written and reported as a Problem.
"""

from __future__ import annotations

from schemas import Problem, Section, SectionKind

#: Office letter order for "a) b) …" (ND30: đ after d, g after e; no ă â ê ô ơ ư).
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split(" ")  # noqa: SIM905
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_VI_NUMBERS = {"nhất": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
               "chín": 9, "mười": 10}  # fmt: skip


def numbering_problem(
    kind: SectionKind, marker: str, section: Section, prev: int | None, ordinal: int | None
) -> Problem | None:
    """section.gap / section.repeat / section.regression between siblings (never renumbered)."""
    if ordinal is None:
        return None
    if prev is None:
        if ordinal == 1:
            return None
        code, what = "section.gap", f"starts at {marker.strip()}"
    elif ordinal == prev:
        code, what = "section.repeat", f"{marker.strip()} repeats the previous marker"
    elif ordinal < prev:
        code, what = "section.regression", f"{marker.strip()} comes after a higher number"
    elif ordinal > prev + 1 and not _optional_skip(kind, prev, ordinal):
        code, what = "section.gap", f"{marker.strip()} skips after ordinal {prev}"
    else:
        return None
    return Problem(code=code, stage="segment", message=f"{what} at {section.path} (kept as written)",
                   span=section.heading_span)  # fmt: skip


def _optional_skip(kind: SectionKind, prev: int, ordinal: int) -> bool:
    """'d)' → 'e)' skips 'đ)', which many offices do not use."""
    return kind in (SectionKind.LETTER, SectionKind.PAREN) and LETTERS[prev - 1 : prev] == ["d"] and ordinal == prev + 2


def ordinal_of(kind: SectionKind, value: str) -> int | None:
    """1-based position of a marker value in its numbering system (None when unknown)."""
    if kind in (SectionKind.ROMAN, SectionKind.PART) and value.isupper() and value.isalpha():
        roman = roman_value(value)
        if roman is not None:
            return roman
    if value.isdigit():
        return int(value)
    if kind == SectionKind.MULTI:
        return int(value.rsplit(".", 1)[-1])
    low = value.lower()
    if low in _VI_NUMBERS:
        return _VI_NUMBERS[low]
    if low in LETTERS:
        return LETTERS.index(low) + 1
    return None


def roman_value(value: str) -> int | None:
    """Integer of a well-formed Roman numeral (I … XXXIX), else None."""
    total, prev = 0, 0
    for ch in reversed(value):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if 0 < total < 40 and _to_roman(total) == value else None


def _to_roman(n: int) -> str:
    out = ""
    for v, s in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out
