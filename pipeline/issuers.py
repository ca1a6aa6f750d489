"""Normalised issuer names: "ỦY BAN NHÂN DÂN / TỈNH BẮC NINH" → "UBND tỉnh Bắc Ninh".

The header keeps the issuer as printed (DocumentMeta.issuer); this short form is what
people type and what the dev-eval gold uses: "UBND tỉnh X", "UBND huyện X", "HĐND tỉnh X",
otherwise the body's name in sentence case with its proper noun capitalised
("Văn phòng Chính phủ", "Bộ Tài chính").
"""

from __future__ import annotations

import re

_COUNCIL_RE = re.compile(r"^(?P<body>[UỦ]Y\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN|UBND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|HĐND)\s+"
                         r"(?P<kind>TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN|TP\.?)\s*(?P<name>.+)$",
                         re.I)  # fmt: skip
#: Bodies whose name after the head word is a proper noun ("Bộ Tài chính", "Sở Nội vụ").
_HEADS = ("văn phòng", "thủ tướng", "bộ", "sở", "ban", "tổng cục", "cục", "chi cục", "phòng", "trung tâm")
_VOWEL_RE = re.compile(r"[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]")
_PROPER = {"chính phủ": "Chính phủ", "quốc hội": "Quốc hội", "trung ương": "Trung ương"}


def normalize_issuer(issuer: str | None) -> str | None:
    """Short conventional form of an issuing body.

    >>> normalize_issuer("ỦY BAN NHÂN DÂN TỈNH BẮC NINH")
    'UBND tỉnh Bắc Ninh'
    >>> normalize_issuer("HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG")
    'HĐND tỉnh Vĩnh Long'
    >>> normalize_issuer("VĂN PHÒNG CHÍNH PHỦ")
    'Văn phòng Chính phủ'
    >>> normalize_issuer("bộ tài chính")
    'Bộ Tài chính'
    """
    if not issuer:
        return None
    name = " ".join(issuer.split())
    m = _COUNCIL_RE.match(name)
    if m:
        body = "HĐND" if m.group("body").upper().startswith(("H",)) else "UBND"
        kind = " ".join(m.group("kind").lower().split()).rstrip(".")
        kind = "thành phố" if kind == "tp" else kind
        place = _title_case(m.group("name"))
        if kind == "thành phố" and place == "Hồ Chí Minh":
            kind = "Thành phố"
        return f"{body} {kind} {place}"
    low = name.lower()
    for proper, form in _PROPER.items():
        if low == proper:
            return form
    for head in _HEADS:
        if low.startswith(head + " "):
            rest = low[len(head) + 1 :]
            if rest in _PROPER:
                return f"{head.capitalize()} {_PROPER[rest]}"
            rest = " ".join(_keep_acronyms(name.split()[len(head.split()) :], rest.split()))
            return f"{head.capitalize()} {rest[:1].upper()}{rest[1:]}"
    return name[:1].upper() + name[1:].lower()


def _keep_acronyms(original: list[str], lowered: list[str]) -> list[str]:
    """'PHÒNG NCKSTTHC' → 'Phòng NCKSTTHC': a caps word without a vowel is an acronym."""
    return [o if o.isupper() and not _VOWEL_RE.search(o) else w for o, w in zip(original, lowered, strict=False)]


def _title_case(words: str) -> str:
    """'BẮC NINH' → 'Bắc Ninh' (place names capitalise every syllable)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())
