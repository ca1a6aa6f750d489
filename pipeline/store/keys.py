"""Comparison keys the store computes: folded text, numbers, symbols, issuers, places.

Folding is *length-preserving* ("Hộ nghèo" → "ho ngheo", one character for one), so a
match found in folded text points at the same offsets in the original: search snippets
come straight from the stored text on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.normalize import name_key


def _build_fold_table() -> list[str]:
    """Map every precomposed Latin letter to its base letter, lowercased (đ → d).

    A list indexed by code point, not a dict: ``str.translate`` raises and catches a
    KeyError for every character a dict lacks (most of a text), which made folding a 60 KB
    plan take 2.7 ms instead of 1.3. Code points past the end raise IndexError, which
    ``translate`` takes as "leave unchanged", like a missing key.
    """
    table = [chr(cp) for cp in range(0x1F00)]
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return table


_FOLD_TABLE = _build_fold_table()
_WORD_RE = re.compile(r"\w+")
_DASHES_RE = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")
_SLASH_RE = re.compile(r"\s*/\s*")
_YEAR_IN_SUBJECT_RE = re.compile(r"năm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# Long issuer names folded to the abbreviations symbols and citations use.
_ISSUER_ABBREVIATIONS = (
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("thanh pho", "tp"),
)


def fold(text: str) -> str:
    """Lowercase without diacritics, one character per character.

    >>> fold("Hộ nghèo ĐẮK LẮK")
    'ho ngheo dak lak'
    """
    folded = text.translate(_FOLD_TABLE).lower()
    return folded if len(folded) == len(text) else text.lower()


def fold_words(text: str) -> list[str]:
    """The folded words of a query, for full-text matching.

    >>> fold_words("Hộ  nghèo!")
    ['ho', 'ngheo']
    """
    return _WORD_RE.findall(fold(text))


def norm_number(number: str | None) -> str | None:
    """Document number without leading zeros ('01' and '1' are the same number).

    >>> norm_number(" 01"), norm_number("0"), norm_number(None)
    ('1', '0', None)
    """
    if number is None or not number.strip():
        return None
    return number.strip().lstrip("0") or "0"


def norm_symbol(symbol: str | None) -> str | None:
    """Uppercase symbol, no spaces, one hyphen ('UBND - NV' → 'UBND-NV').

    >>> norm_symbol("kh - ubnd"), norm_symbol("QĐ / UBND")
    ('KH-UBND', 'QĐ/UBND')
    """
    if symbol is None or not symbol.strip():
        return None
    s = _SLASH_RE.sub("/", _DASHES_RE.sub("-", symbol.strip()))
    return s.replace(" ", "").upper()


@lru_cache(maxsize=4096)  # a pure function of a short string, called per candidate pair
def type_key(doc_type: str | None) -> str | None:
    """Comparable document-type word ('Kế hoạch', 'KẾ HOẠCH' → 'ke hoach')."""
    return fold(name_key(doc_type)) if doc_type else None


@lru_cache(maxsize=4096)  # a pure function of a short string, called per candidate pair
def issuer_key(issuer: str | None) -> str | None:
    """Comparable issuer ('ỦY BAN NHÂN DÂN HUYỆN BA TƠ' and 'UBND huyện Ba Tơ' agree).

    >>> issuer_key("ỦY BAN NHÂN DÂN HUYỆN BA TƠ") == issuer_key("UBND huyện Ba Tơ")
    True
    """
    if not issuer:
        return None
    key = fold(name_key(issuer))
    for long, short in _ISSUER_ABBREVIATIONS:
        key = key.replace(long, short)
    return " ".join(key.split())


# The place an issuer belongs to: what follows its level word ("ubnd huyen ba to" → "ba to").
_ISSUER_PLACE_RE = re.compile(
    r"\b(?:tinh uy|huyen uy|thanh uy|thi uy|dang uy|tinh|huyen|thi xa|thanh pho|tp|quan|xa|phuong|thi tran)\s+(?P<place>.+)$"
)


def issuer_place(issuer_key: str | None) -> str | None:
    """The place named in an issuer key, for finding citations a new document may answer.

    >>> issuer_place("ubnd huyen ba to"), issuer_place("ban thuong vu tinh uy quang ngai"), issuer_place("chinh phu")
    ('ba to', 'quang ngai', None)
    """
    if not issuer_key:
        return None
    m = _ISSUER_PLACE_RE.search(issuer_key)
    return m.group("place") if m else None


def where_key(commune: str | None, district: str | None, province: str | None) -> str | None:
    """' commune district province ' folded and space-padded, for whole-word --where matching."""
    parts = [p for p in (commune, district, province) if p]
    return f" {' '.join(fold(p) for p in parts)} " if parts else None


def where_pattern(place: str) -> str:
    """A LIKE pattern matching ``place`` as whole words inside a where_key."""
    return f"% {' '.join(fold_words(place))} %"


def year_from_subject(subject: str | None) -> int | None:
    """The year a subject names ('… năm 2024 …'): plans are cited by it when undated.

    >>> year_from_subject("Kế hoạch khắc phục … năm 2024 của UBND huyện")
    2024
    """
    if not subject:
        return None
    m = _YEAR_IN_SUBJECT_RE.search(subject)
    return int(m.group(1)) if m else None


def is_global_symbol(symbol: str | None, year_in_symbol: int | None) -> bool:
    """Numbered normative and Party documents are unique without the issuer's jurisdiction.

    >>> is_global_symbol("CT/TW", None), is_global_symbol("NĐ-CP", 2023), is_global_symbol("QĐ-UBND", None)
    (True, True, False)
    """
    if year_in_symbol is not None or not symbol:
        return year_in_symbol is not None
    s = symbol.upper()
    return s.endswith(("/TW", "-CP", "-TTG", "/QH", "-BCT", "-BTC")) or "/QH" in s or s.startswith("TT-")
