"""Repairs of OCR damage to document numbers (số/ký hiệu), applied to each OCR paragraph.

Two failures matter, because a damaged symbol breaks every reference to the document:

- a space inside the symbol: Tesseract joins a symbol broken at a line end ("Số 17/KH-" +
  "UBND") with a space, and sometimes reads one after a hyphen inside a line;
- a long dash read as two, which splits names such as "Ban Thi đua - Khen thưởng";
- a wrong character inside a code: "/" read as a letter ("123/HD/NN" → "123/HDANN"), "Đ"
  read as "D" ("QD-UBND"), "O" as "0". A code part is changed only when it is not a known
  code and exactly one single-character repair turns it into known codes.

Also a unit's raised ² read as "?" ("2.543 m? đất"): no word ends in "m?" after a figure.

Known codes are the type codes of ``extractors/lexicon/doc_types.yaml`` and the issuer codes
of ``extractors/lexicon/issuers.yaml`` (data files only; no extractor code is imported).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from pipeline.errors import LexiconError

_LEXICON_DIR = Path(__file__).resolve().parents[2] / "extractors" / "lexicon"
# Characters OCR reads in place of "/" inside a code ("HDANN" for "HD/NN").
_SLASH_LOOKALIKES = "AIJl17"
# Single-character confusions inside codes: what was read → what it may have been.
_CONFUSIONS = {"D": "Đ", "0": "O", "1": "I", "l": "I", "I": "T", "8": "B", "5": "S"}
# "17/KH- UBND", "02-QĐ/ BCĐ": number, codes, a hyphen or slash, a space, more codes.
_SPLIT_SYMBOL_RE = re.compile(
    r"(?P<head>\b\d{1,5}(?:/\d{4})?[/-][A-ZĐ][A-ZĐa-z&]*(?:[/-][A-ZĐ&][A-ZĐa-z&]*)*[/-]) (?P<tail>[A-ZĐ]{2,})"
)
# A symbol: number, optional year, separator, code parts joined by "-" or "/"; code
# characters are letters (OCR debris such as "Œ" included), digits and "&".
_SYMBOL_RE = re.compile(r"\b(?P<num>\d{1,5}(?:/\d{4})?[/-])(?P<code>[A-ZĐ0-9][\w&]*(?:[/-][A-ZĐ0-9&][\w&]*)*)")
# A long dash read as two ("Ban Thi đua -- Khen thưởng") or as dash + em dash.
_DOUBLE_DASH_RE = re.compile(r"(?<=\s)[-–—]{2,}(?=\s)")
_PARTS_RE = re.compile(r"[/-]")
# "2.543 m? đất", "18.000 km?": a square unit after a figure whose ² came out as "?".
_SQUARE_UNIT_RE = re.compile(r"(?<=\d)(?P<unit>\s?k?m)\?(?=[\s,.;:)]|$)")


def _load_codes() -> frozenset[str]:
    """Type and issuer codes from the lexicon files, upper-cased."""
    codes: set[str] = set()
    try:
        types = yaml.safe_load((_LEXICON_DIR / "doc_types.yaml").read_text(encoding="utf-8"))
        issuers = yaml.safe_load((_LEXICON_DIR / "issuers.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise LexiconError(f"{_LEXICON_DIR}: cannot load doc_types.yaml / issuers.yaml: {e}") from e
    for entry in types["entries"]:
        codes.update(entry.get("codes") or [])
    for entry in issuers["entries"]:
        if "code" in entry:
            codes.add(entry["code"])
    return frozenset(c.upper() for c in codes)


KNOWN_CODES = _load_codes()


def fix_identifiers(text: str) -> str:
    """Undo OCR damage inside document symbols (spaces, one wrong character).

    >>> fix_identifiers("Kế hoạch: Số 17/KH- UBND ngày 25/01/2024")
    'Kế hoạch: Số 17/KH-UBND ngày 25/01/2024'
    >>> fix_identifiers("Quyết định số 12/QD-UBND và 2789-QĐ/HU")
    'Quyết định số 12/QĐ-UBND và 2789-QĐ/HU'
    >>> fix_identifiers("Hướng dẫn số 123/HDAUBND, 02/HD-DUBND")
    'Hướng dẫn số 123/HD/UBND, 02/HD-UBND'
    >>> fix_identifiers("Quyết định số 02-QĐĐ/BCŒĐ, Chỉ thị số 19/CI-TTg của Ban Thi đua -- Khen thưởng")
    'Quyết định số 02-QĐ/BCĐ, Chỉ thị số 19/CT-TTg của Ban Thi đua - Khen thưởng'
    """
    if "/" not in text and "-" not in text:
        return text
    text = _DOUBLE_DASH_RE.sub("-", text)
    text = _SPLIT_SYMBOL_RE.sub(r"\g<head>\g<tail>", text)
    return _SYMBOL_RE.sub(_fix_symbol, text)


def fix_units(text: str) -> str:
    """Restore a square unit's ² that OCR read as "?".

    >>> fix_units("hiến đất: 2.543 m? đất để làm đường; Có phải 2 m?")
    'hiến đất: 2.543 m² đất để làm đường; Có phải 2 m²'
    """
    return _SQUARE_UNIT_RE.sub(r"\g<unit>²", text) if "?" in text else text


def _known(part: str) -> bool:
    return part.upper() in KNOWN_CODES or bool(re.fullmatch(r"(?:QH|UBTVQH)\d*", part))


def _fix_symbol(m: re.Match[str]) -> str:
    code = m.group("code")
    parts = _PARTS_RE.split(code)
    if all(_known(p) for p in parts):
        return m.group()
    seps = _PARTS_RE.findall(code) + [""]
    out = []
    for part, sep in zip(parts, seps, strict=True):
        out.append((part if _known(part) else _repair(part)) + sep)
    return m.group("num") + "".join(out)


def _repair(part: str) -> str:
    """The unique one-character repair of ``part`` into known codes, else ``part`` unchanged."""
    candidates = set()
    for i, ch in enumerate(part):
        if ch in _SLASH_LOOKALIKES and 0 < i < len(part) - 1 and _known(part[:i]) and _known(part[i + 1 :]):
            candidates.add(f"{part[:i]}/{part[i + 1 :]}")
        if len(part) >= 3 and _known(part[:i] + part[i + 1 :]):
            candidates.add(part[:i] + part[i + 1 :])  # a speck or a doubled letter: "DUBND", "QĐĐ"
        alt = _CONFUSIONS.get(ch)
        if alt and _known(part[:i] + alt + part[i + 1 :]):
            candidates.add(part[:i] + alt + part[i + 1 :])
    return candidates.pop() if len(candidates) == 1 else part
