"""Regexes for references to other documents, built once from extractors/lexicon/*.yaml.

The search is core-first, as eyecite finds the reporter before the volume: NUMSYM_RE finds a
number + symbol ("01/QĐ-UBND", "98/2023/NĐ-CP", "34-CT/TW"), which is rare in running text,
then TYPE_BEFORE_RE reads the type word and "số" just before it and DATE_TAIL_RE the date
after it. Laws cited by name (LAW_RE) are found from their type word, which is rare too.
"""

from __future__ import annotations

import re

from extractors.lexicon import load_lexicon
from extractors.patterns.dates import date_fragment

__all__ = [
    "BARE_SO_BEFORE_RE",
    "CODE",
    "DATE_TAIL_RE",
    "ELLIPSIS_BEFORE_RE",
    "HEADER_NUMBER_RE",
    "LAW_RE",
    "LAW_WORD_RE",
    "LIST_GAP_RE",
    "LOWER",
    "UPPER",
    "NUMSYM_RE",
    "PREFILTER_RE",
    "PRE_ISSUER_RE",
    "RELATION_CUE_RE",
    "SUBJECT_RE",
    "TOKEN_RE",
    "TYPE_BEFORE_RE",
    "TYPE_WORD_RE",
    "doc_type_entries",
    "relation_entries",
    "type_entry",
]

LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
UPPER = LOWER.upper()

# One symbol group: capitals, digits, '&', inner '.', and the lower-case letters of mixed-case
# codes (TTr, CTr, TTg, QyĐ, GDTrH, QĐi) but never a lower-case run, so "Ban" is not a code.
CODE = r"[A-ZĐ](?:[A-ZĐ0-9&]|\.(?=[A-ZĐ])|[a-zđy](?=[A-ZĐ0-9/-]|(?!\w)))*(?!\w)"

# State form "01/QĐ-UBND", "98/2023/NĐ-CP", "256 /2004/QĐ-UB", "127/TTr - HĐQT", "27/NQ- TW"
# (vn-document-format §1.3, §4); Party form "34-CT/TW", "57- NQ/TW" (§3.3): hyphen first.
_STATE = (
    r"(?P<num>\d{1,5}[a-z]?)\s?/\s?(?:(?P<year>(?:19|20)\d{2})\s?/?\s?)?"
    rf"(?P<sym>{CODE}(?:\s?[-/]\s?{CODE}|[-/]{CODE})*)"
)
_PARTY = rf"(?P<pnum>\d{{1,5}}[a-z]?)\s?-\s?(?P<psym>{CODE}\s?/\s?{CODE}(?:[-.]{CODE})*)"
NUMSYM_RE = re.compile(rf"(?<![\w/.,-])(?:{_PARTY}|{_STATE})")

# Cheap test that a text can hold a reference at all: a number/symbol core or a law word.
PREFILTER_RE = re.compile(r"\d\s?[/-]\s?[A-ZĐ]|\d/(?:19|20)\d\d|Luật|Bộ luật|Pháp lệnh")

# Date after the symbol: "ngày 20/01/2023", ", ngày 17-6-2022", "ngày 14 tháng\n12 năm 2020".
DATE_TAIL_RE = re.compile(r"\s?,?\s*(?i:ngày)\s*" + date_fragment("t"))


def doc_type_entries() -> list[dict]:
    """doc_types.yaml entries (cached by the loader)."""
    return load_lexicon("doc_types", required=("name", "key", "words", "examples"))


def relation_entries() -> list[dict]:
    """relations.yaml entries (cached by the loader)."""
    return load_lexicon("relations", required=("relation", "cues", "examples"))


def _word_alternatives() -> str:
    words = sorted({w for e in doc_type_entries() for w in e["words"]}, key=len, reverse=True)
    alts = []
    for w in words:
        body = r"\s+".join(re.escape(p) for p in w.split())
        # abbreviations ("QĐ", "KH") must be written in capitals; words in any case
        alts.append(body if w.isupper() else f"(?i:{body})")
    return "|".join(alts)


_TYPE_WORD = _word_alternatives()
# Any type word (human queries: "Chỉ thị 34-CT/TW", "Luật Thi đua, khen thưởng 2022").
TYPE_WORD_RE = re.compile(rf"(?<!\w)(?:{_TYPE_WORD})(?!\w)")
_TYPE_INDEX = {w.casefold(): e for e in doc_type_entries() for w in e["words"]}


def type_entry(word: str) -> dict | None:
    """The doc_types entry of a type word as written ('quyết  định' → Quyết định)."""
    return _TYPE_INDEX.get(" ".join(word.split()).casefold())


# Type word and "số" ending right where a core starts: "Quyết định số ", "Nghị định ",
# "Kế hoạch hành động số\n", "các Kế hoạch: Số ", "Quyết định số: " (seed 001, dev-eval 002).
TYPE_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE_WORD})(?:(?P<qual>(?:\s+(?!của(?!\w))[{LOWER}]+){{1,3}}?)\s+(?=(?i:số)))?"
    rf"\s*:?\s*(?:(?P<so>(?i:số))\s*:?\s*)?$"
)
# Elliptic list before a core: "các Quyết định số 12, 13/QĐ-UBND" (the bare numbers take the
# symbol of the last one; vn-document-format §4).
ELLIPSIS_BEFORE_RE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE_WORD})\s*:?\s*(?:(?i:số)\s*:?\s*)?"
    r"(?P<nums>\d{1,5}(?:\s*,\s*\d{1,5})*)\s*(?:,|\s(?:và|hoặc))\s*$"
)
# A list item that starts at "số": "…; số 137/KH-UBND", "… và số 160/TB-VPCP".
BARE_SO_BEFORE_RE = re.compile(r"(?<!\w)(?P<so>(?i:số))\s*:?\s*$")
# What may separate two items of one list: ", ", "; ", " và ", ", và ", " hoặc ", ", các ".
LIST_GAP_RE = re.compile(r"\s*(?:[,;]\s*)?(?:(?:và|hoặc)\s*)?(?:các\s+)?$")

# Laws cited by name (ND30 Phụ lục I II.6): "Luật Thi đua, khen thưởng ngày 15/6/2022",
# "Luật Đấu thầu số\n22/2023/QH15", "Luật NSNN năm\n2025", "Luật sửa đổi, bổ sung một số điều
# của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014" (dev-eval 004, 008, 010, 012, 015).
# The name never holds 'ngày', 'năm', 'số' (but for "một số điều của"), 'của' or clause words,
# so "Luật thi đua, khen thưởng, Nghị định của Chính phủ … năm 2024" (seed 004) is no citation.
_NAME_STOP = (
    r"(?:ngày|năm|số|của|các|những|về|tại|theo|trong|được|đã|để|cho|khi|nhằm|trên|từ|đến|này|đó|là"
    r"|bị|phải|và\s+các|Nghị\s+định|Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Nghị\s+quyết|Kế\s+hoạch)(?!\w)"
)
_NAME_WORD = rf"(?:một\s+số\s+điều\s+của(?:\s+Bộ)?\s+[Ll]uật|(?!{_NAME_STOP})[^\W\d_]+)"
_LAW_NAME = rf"{_NAME_WORD}(?:(?:\s+|,\s+|\s?-\s?){_NAME_WORD}){{0,24}}?"
# Where a law name may start (a literal scan; LAW_RE is then tried there only).
LAW_WORD_RE = re.compile(r"Bộ\s+luật|Luật|Pháp\s+lệnh")
LAW_RE = re.compile(
    rf"(?<!\w)(?P<ltype>Bộ\s+luật|Luật|Pháp\s+lệnh)\s+(?!sư(?!\w))(?P<lname>{_LAW_NAME})"
    rf"(?:\s*(?P<lso>số)\s*:?\s*(?P<lnum>\d{{1,5}})\s?/\s?(?P<lyear>(?:19|20)\d{{2}})\s?/\s?"
    rf"(?P<lsym>{CODE}(?:-{CODE})*)(?:\s?,?\s*(?i:ngày)\s*{date_fragment('n')})?"
    rf"|\s?,?\s*(?i:ngày)\s*{date_fragment('l')}"
    rf"|\s+(?:năm\s+)?(?P<lyear_only>(?:19|20)\d{{2}})(?![\d/]|[.-]\d))"
)

# Issuer stated before: "Theo đề nghị của Sở Tài chính tại Tờ trình số …", "ý kiến chỉ đạo của
# Ủy ban nhân dân tỉnh tại Chương trình …" (dev-eval 003, 004, 008, 011, 012, 013), "được HĐND
# tỉnh bổ sung tại Nghị quyết …" (seed 000), "UBND huyện khen thưởng … (tại Quyết định …"
# (seed 001). Searched on the ~160 characters before the reference.
_AGENT = r"(?:UBND|HĐND|Ủy\s+ban|Uỷ\s+ban|Hội\s+đồng|Chủ\s+tịch|Thủ\s+tướng|Chính\s+phủ|Bộ|Sở|Ban|Văn\s+phòng)"
PRE_ISSUER_RE = re.compile(
    rf"(?:(?<!\w)của\s+(?P<of>[{UPPER}](?:(?!của\s|được\s)[^;:.()\d]){{1,110}}?)\s+tại\s*$"
    rf"|(?<!\w)được\s+(?P<by>{_AGENT}[^;:.()]{{0,60}}?)\s+[{LOWER}]+(?:\s+[{LOWER}]+)?\s+tại\s*$"
    rf"|(?P<agent>{_AGENT}(?:\s+(?:tỉnh|huyện|xã|thị\s+xã|thành\s+phố))?(?:\s+[A-ZĐ][\w]*){{0,3}})\s+"
    rf"(?:đã\s+)?(?:khen\s+thưởng|khen|tặng)(?!\w)[^;.()]{{0,80}}\(\s*tại\s*$)"
)

# Subject (trích yếu) after the reference or its issuer: "về việc …", "V/v …", "ban hành …", or a
# verb ("Nghị quyết số 09/2003/NQ-CP bổ sung Nghị quyết 16/2000/NQ-CP", dev-eval 014), so that
# the cue inside it does not type the next reference.
SUBJECT_RE = re.compile(
    r"\s*,?\s*(?P<cue>(?i:về\s+việc|v/v|về|ban\s+hành|quy\s+định|phê\s+duyệt|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung"
    r"|thay\s+thế|bãi\s+bỏ|thành\s+lập|phát\s+động|triển\s+khai)(?!\w))\s+"
)

# Words of an issuer ("của Ban Thi đua - Khen thưởng tỉnh"): tokens and single punctuation.
TOKEN_RE = re.compile(r"[^\s,;.:()\"]+|[,;.:()\"]")

# Header "Số: 141/KH-UBND" (the document's own number, never a reference).
HEADER_NUMBER_RE = re.compile(rf"^[ \t]*(?i:số)\s*:?\s*(?:{_PARTY}|{_STATE})", re.M)


def _cue_pattern() -> str:
    parts = []
    for i, e in enumerate(relation_entries()):
        cues = sorted(e["cues"], key=len, reverse=True)
        alt = "|".join(
            r"\s+".join(re.escape(w) for w in c.replace(",", " , ").split()).replace(r"\s+,", r"\s*,") for c in cues
        )
        parts.append(f"(?P<r{i}>{alt})")
    return "|".join(parts)


# Relation cue phrases (relations.yaml), one named group r<i> per relation, case-insensitive.
RELATION_CUE_RE = re.compile(rf"(?<!\w)(?i:{_cue_pattern()})(?!\w)")
