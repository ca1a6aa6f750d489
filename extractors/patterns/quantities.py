"""Regexes for quantities, built once from extractors/lexicon/units.yaml and indicators.yaml.

Vietnamese writes decimals with ',' and thousands with '.', so "2.308,61" is 2308.61 and
"20.000 triệu" is twenty thousand million; a bare "72,072" is 72.072 (DESIGN.md, Numbers).
"""

from __future__ import annotations

import re
from typing import Any

from extractors.lexicon import load_lexicon_file
from extractors.patterns import trie_alternation


def alternation(forms: list[str]) -> str:
    """Alternation of literal forms for these IGNORECASE patterns (a trie, case folded)."""
    return trie_alternation(forms, lower=True)


UNITS = load_lexicon_file("units")
CUES = load_lexicon_file("indicators")

#: surface form (casefolded) -> unit entry
UNIT_BY_FORM: dict[str, dict[str, Any]] = {str(f).casefold(): u for u in UNITS["units"] for f in u["forms"]}
#: scale word (casefolded) -> factor
SCALE_BY_FORM: dict[str, int] = {str(f).casefold(): s["factor"] for s in UNITS["scales"] for f in s["forms"]}

# A number as written: "2.308,61", "1.200", "72,072", "0.59", "19".
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALE = alternation(list(SCALE_BY_FORM))
_UNIT = alternation(list(UNIT_BY_FORM))
_DENOM = alternation(UNITS["denominators"]["forms"] + list(UNIT_BY_FORM))
# "/người/năm", "/ vạn dân", "/1.000 phụ nữ"
_DENOMS = r"(?:\s?/\s?(?:\d{1,3}(?:\.\d{3})*\s)?(?:" + _DENOM + r")(?!\w))*"
_W = r"(?![^\W\d_])"  # end of a word (a letter may not follow)

# The quantity tail after the number(s): optional scale word, unit, denominators.
_TAIL = (
    r"(?P<tail>\s?(?P<scale>(?:" + _SCALE + r")" + _W + r")?\s?"
    r"(?P<unit>(?:" + _UNIT + r")" + _W + r")?"
    r"(?P<denoms>(?:\s?\([^()\n]{1,60}\)(?=/))?" + _DENOMS + r"))"
)

#: One pass over the text: things that look numeric but are not quantities come first
#: (dates, document numbers, identifiers), then ranges, fractions and single numbers.
QUANTITY_RE = re.compile(
    r"(?=\d)(?<![\w.,])(?<![\d.,]/)(?:"
    # 20/01/2023, 19/8/1945, 31-12-2024 (issue 3: no false positives from dates)
    r"(?P<date>\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}(?!\d)"
    # "20 tháng 01 năm 2023", "01 năm 2023" (the tail of "tháng 01 năm 2023")
    r"|(?:\d{1,2}\s+tháng\s+)?\d{1,2}\s+năm\s+(?:19|20)\d{2}(?!\d))"
    # tháng 12/2025, quý II/2004 handled by the label words; 12/2025 here
    r"|(?P<monthyear>\d{1,2}/(?:19|20)\d{2}(?![\d.,]))"
    # document numbers: 01/QĐ-UBND, 98/2023/NĐ-CP, 34-CT/TW, 351/UBND - NV, 38/CP
    r"|(?-i:(?P<docno>\d+[a-z]?(?:\s?/\s?\d{4})?\s?[/-]\s?[A-ZĐ][A-ZĐ&]*))"
    # identifiers glued to letters: 5G, 3G/4G, 24/7, 1A
    r"|(?-i:(?P<ident>\d+[A-Z](?:/\d+[A-Z])*(?![\w])|24/7))"
    # phone numbers: 0255.3822.123, 0912 345 678
    r"|(?P<phone>0\d{2,3}[.\s]\d{3,4}[.\s]\d{3,4}(?!\d)|0\d{9,10}(?!\d))"
    # ranges with the unit on both ends: "từ 8.000.000 đồng đến 10.000.000 đồng"
    r"|(?P<lo2>" + _NUM + r")\s?(?P<u2>(?:(?:" + _SCALE + r")\s)?(?:" + _UNIT + r")" + _W + r")"
    r"\s*(?:-|đến|tới)\s*(?P<hi2>" + _NUM + r")\s?(?P=u2)" + _W + r"(?P<d2>" + _DENOMS + r")"
    # ranges: 8-9%, 1%-1,5%, 19 đến 20 tỷ đồng, 56 - 57 triệu đồng/người/năm
    r"|(?P<lo>" + _NUM + r")\s?(?P<lo_unit>%)?\s*(?:-|đến|tới|~)\s*(?P<hi>" + _NUM + r")(?![\d/]|[.,]\d)" + _TAIL + r""
    # fractions, ratios, ranks: 03/06, 553/553 nhà, 93/10.345 học sinh, 4/100.000
    r"|(?P<num>" + _NUM + r")\s?/\s?(?P<den>" + _NUM + r")(?![\d/]|[.,]\d)" + _TAIL.replace("?P<", "?P<f_") + r""
    # a single number with its unit
    r"|(?P<single>" + _NUM + r")(?![\d]|[.,]\d)" + _TAIL.replace("?P<", "?P<s_") + r""
    r")",
    re.IGNORECASE,
)

#: Comparator word right before a figure: "khoảng 25.242", "đạt trên 90%", ">80%".
COMPARATOR_BEFORE_RE = re.compile(
    r"(?:^|(?<=[^\w]))(?:"
    + "|".join(f"(?P<{c['code']}>{alternation(c['forms'])})" for c in CUES["comparators_before"])
    + r")\s*(?:là\s+|đạt\s+|:\s*)?$",
    re.IGNORECASE,
)
#: Comparator after a figure and its unit: "10% trở lên".
COMPARATOR_AFTER_RE = re.compile(
    r"\s*(?:" + "|".join(f"(?P<{c['code']}>{alternation(c['forms'])})" for c in CUES["comparators_after"]) + r")(?!\w)",
    re.IGNORECASE,
)
#: A label word right before a number makes it an ordinal/identifier: "Điều 5", "năm 2024".
LABEL_BEFORE_RE = re.compile(
    r"(?<!\w)(?:" + alternation(CUES["label_words"]["forms"]) + r")\s*(?:số\s*)?\(?$",
    re.IGNORECASE,
)
#: A section or list marker: "(1)", "1.", "2.1." at the start of a line or after "- ".
MARKER_RE = re.compile(r"(?:^|\n)[ \t]*(?:[-+*•]\s*)?\(?$")
WORD_VALUES: dict[str, int] = UNITS["word_numbers"]["values"]
#: A number written as a word after a bound word: "ít nhất một cơ sở y tế" (dev-eval 003).
WORD_NUMBER_RE = re.compile(
    r"(?<!\w)(?:" + alternation(UNITS["word_numbers"]["after"]) + r")\s+"
    r"(?P<word>" + alternation(list(WORD_VALUES)) + r")\s+(?P<unit>(?:" + _UNIT + r")" + _W + r")",
    re.IGNORECASE,
)
#: Units that are never a target on their own (durations, ages), by canonical name.
NON_TARGET_UNITS = frozenset(u["canonical"] for u in UNITS["units"] if u["kind"] in ("duration", "age"))
#: Cheap prefilter: no digit, no quantity.
DIGIT_RE = re.compile(r"\d")
