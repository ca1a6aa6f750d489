"""Regexes for targets and reported results, built once from extractors/lexicon/indicators.yaml.

A target is a figure in a clause; these patterns cut clauses, strip list markers, and find
the role, direction, year and period cues around each figure.
"""

from __future__ import annotations

import re

from extractors.patterns.quantities import CUES, alternation
from pipeline.normalize import fold_diacritics, match_key

# Clause ends: ";", a sentence end ". X", a line that opens a new bullet or numbered item,
# a blank line (seed 004's "- (1) …;" list; dev-eval markdown wraps lines mid-sentence,
# so a plain line break that continues in lower case does not end a clause).
CLAUSE_END_RE = re.compile(r";|\.(?=\s)|\.$|\n(?=[ \t]*(?:[-+*•]|\(?\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVX]+\.|\n))|\n\s*\n")
# A list marker or bullet at the start of a clause: "- (1) ", "+ ", "a) ", "2.1. ", "**".
MARKER_RE = re.compile(
    r"[\s*_|]*(?:[-+•]\s*)*[\s*_]*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(\d{1,2}\)\s*|[a-zđ]\)\s)?[\s*_]*"
)

#: Role cue written before a figure (between the previous figure and this one).
ROLE_BEFORE_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<{r['role']}>{alternation(r['forms'])})" for r in CUES["roles"] if r["where"] == "before")
    + r")(?!\w)",
    re.IGNORECASE,
)
#: Role cue right after a figure: "… % kế hoạch", "… % so với cùng kỳ".
CHANGE_AFTER_RE = re.compile(
    r"\s*\(?(?:" + alternation(next(r["forms"] for r in CUES["roles"] if r["role"] == "change")) + r")(?!\w)",
    re.IGNORECASE,
)
PLAN_AFTER_RE = re.compile(
    r"\s*(?:" + alternation(next(r["forms"] for r in CUES["roles"] if r["role"] == "percent_of_plan")) + r")(?!\w)",
    re.IGNORECASE,
)
#: Direction verb (tăng / giảm / giữ vững) right before a figure, only link and bound words
#: between: "giảm còn khoảng 2,14%", "tăng 9,96%", "Giảm 3 tiêu chí" (not "Tốc độ tăng trưởng").
DIRECTION_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<d{i}>{alternation(d['forms'])})" for i, d in enumerate(CUES["directions"]))
    + r")(?:\s*(?:còn|xuống|lên|thêm|khoảng|gần|trên|dưới|ít nhất|tối thiểu|được|đạt|là|ở mức|từ|:))*\s*$",
    re.IGNORECASE,
)
DIRECTIONS = [d["direction"] for d in CUES["directions"]]
#: "ước" anywhere before the figure in its clause part makes it an estimate (approx).
ESTIMATE_RE = re.compile(r"(?<!\w)(?:ước|gần|khoảng)(?!\w)(?!\s+cách)", re.IGNORECASE)
#: Past tense: a reported result, not a goal.
PAST_RE = re.compile(r"(?<!\w)(?:đã|đạt được|thực hiện được|kết quả)(?!\w)", re.IGNORECASE)
#: Edge words stripped from indicator names (role, link and comparator words).
TRIM_END_RE = re.compile(
    r"(?:[\s,:;(\-–*<>=≤≥~]|(?<!\w)(?:" + alternation(CUES["indicator_trim"]["forms"]) + r"))+$", re.IGNORECASE
)
TRIM_START_RE = re.compile(
    r"^(?:[\s,:;)\-–*.]|\([^()]*\)|(?:(?:phấn đấu\s+)?(?:đến|trong|vào|cuối)?\s*năm\s+\d{4})|(?:và|còn|trong đó|cụ thể|bao gồm|gồm|riêng|với|về|phấn đấu|phần đấu|phần đầu|đồng thời)(?!\w))+",
    re.IGNORECASE,
)
#: A role label standing alone before ':' ("Kế hoạch năm 2023", "Thực hiện", "Ước đạt").
ROLE_LABEL_RE = re.compile(
    r"^(?:kế hoạch|KH|thực hiện|dự toán|ước đạt|ước thực hiện|ước|đạt|tăng|giảm|kết quả|tỷ lệ|tỉ lệ|cụ thể"
    r"|bị trừ|trừ|điểm trừ|đạt tổng số|tổng số"
    r"|so với[^:]*|năm|chỉ tiêu)(?:\s+(?:năm\s+)?\d{4})?$",
    re.IGNORECASE,
)
#: Footnote marks, markdown emphasis and parentheticals dropped from indicator names.
NOISE_RE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079*_]+|\s+")
#: Year tied to the figure: "năm 2024", "đến năm 2030", "giai đoạn 2026 - 2030" (its end).
#: Comparison bases ("so với cùng kỳ năm 2023", "giá so sánh năm 2010") and vision horizons
#: ("tầm nhìn đến năm 2045") are not the figure's year.
YEAR_RE = re.compile(
    r"(?<!\w)(?P<skip>(?:so với|so|cùng kỳ|giá so sánh|so sánh giá|tầm nhìn)\s+(?:cùng kỳ\s+|đến\s+)?năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"|(?<!\w)năm\s+(?P<y>(?:19|20)\d{2})(?!\d)"
    r"|giai đoạn\s+(?:19|20)\d{2}\s*-\s*(?P<end>(?:19|20)\d{2})",
    re.IGNORECASE,
)
#: Period: "giai đoạn 2021-2025", "6 tháng đầu năm", "9 tháng năm 2025", "quý III".
PERIOD_RE = re.compile(
    r"giai đoạn\s+\d{4}\s*-\s*\d{4}|\d{1,2}\s+tháng(?:\s+đầu)?\s+năm(?:\s+\d{4})?|quý\s+[IV]+(?:/\d{4})?"
    r"|năm học\s+\d{4}\s*-\s*\d{4}",
    re.IGNORECASE,
)
#: Headings ("II. ĐÁNH GIÁ …", "2.1. Kết quả", "2. Chỉ tiêu thi đua") with their title.
HEADING_RE = re.compile(
    r"^[ \t*_#]*(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[A-Z]|PHẦN\s+\S+)[.)]\s*(?P<title>[^\n]{2,160})$", re.MULTILINE
)
REPORT_TITLE_RE = re.compile(alternation(CUES["report_sections"]["forms"]), re.IGNORECASE)
PLAN_TITLE_RE = re.compile(alternation(CUES["plan_sections"]["forms"]), re.IGNORECASE)
#: Sections that describe the place (area, population, neighbours): their figures are facts.
DESCRIPTIVE_TITLE_RE = re.compile(alternation(CUES["descriptive_sections"]["forms"]), re.IGNORECASE)
#: A figure-less bare number is a score when a score word stands right before it.
SCORE_BEFORE_RE = re.compile(r"điểm(?:\s+trừ)?(?:\s+tiêu chí\s+[\d.]+)?\s*(?:là|:)?\s*$", re.IGNORECASE)
#: "trong 6 huyện", "của 02 dự án": a count that picks out things, not a figure to report.
COUNT_NOT_FIGURE_RE = re.compile(r"(?<!\w)(?:trong|trong số|của|giữa|so với)\s*$", re.IGNORECASE)
#: Spelling slips fixed in indicator keys ("giường bệnh/lạ dân" → "giường bệnh/vạn dân").
KEY_FIXES = [(re.compile(re.escape(k["wrong"]), re.IGNORECASE), k["right"]) for k in CUES["key_fixes"]]
#: Indicator terms by their diacritic-folded form → their spelling in a match key.
KEY_TERMS = {fold_diacritics(match_key(t)): match_key(t) for entry in CUES["key_terms"] for t in entry["terms"]}
#: A key term in a folded key, longest first ("tổng số tiền" before "tổng số").
KEY_TERM_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(KEY_TERMS, key=len, reverse=True)) + r")(?!\w)"
)
#: Leading words that are not part of an indicator's head noun phrase.
KEY_DROP_RE = re.compile(
    r"^(?:(?:và|phấn đấu|phần đấu|phần đầu|tiếp tục|giữ vững|nâng cao|đảm bảo|bảo đảm|giảm|tăng|hạ|đạt|có|thêm)\s+)+"
    r"|\s*\([^)]*\)|\s+(?:đến|vào|trong|cuối|đầu)\s+(?:cuối\s+)?năm\s+\d{4}.*$|\s+năm\s+\d{4}$"
    r"|\s+so\s+(?:với\s+)?(?:năm|cùng kỳ|kế hoạch|KH|dự toán).*$",
    re.IGNORECASE,
)
#: Descriptive facts (area, population) are not results or targets.
DESCRIPTIVE_RE = re.compile(r"(?<!\w)(?:" + alternation(CUES["descriptive"]["forms"]) + r")(?!\w)", re.IGNORECASE)
#: Unambiguous bound words anywhere before the figure in its clause part ("ít nhất vào năm 2025 đạt 40%").
BOUND_RE = re.compile(
    r"(?<!\w)(?:(?P<gte>ít nhất|tối thiểu)|(?P<lte>tối đa|không quá|không vượt quá))(?!\w)", re.IGNORECASE
)
#: A bare number that inherits its neighbour's unit: named before, closed after
#: (dev-eval 014 "hết hiệu lực 727, còn hiệu lực thi hành 318", "nghỉ việc: 134)").
LABEL_END_RE = re.compile(r"[^\W\d_]{2,}\s*:?\s*$")
BARE_CLOSE_RE = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$|\s+và\s)")
#: "từ 18 phòng xuống còn 13 ban": the figure before "xuống/lên" is a baseline.
BASELINE_AFTER_RE = re.compile(
    r"(?:\s*\([^()]*\))?[^\d;]{0,30}?(?<!\w)(?:xuống|lên)(?:\s+(?:còn|mức|đến))?\s+\d", re.IGNORECASE
)
#: What follows a percentage when it names its own indicator ("100% thôn văn hóa", "95% hộ …").
PERCENT_NOUN_RE = re.compile(
    r"\s*(?!(?:so|kế hoạch|KH|dự toán|chỉ tiêu|trở|theo|trên|tổng|của|năm|vốn|GDP|GRDP)(?!\w))"
    r"(?P<phrase>[^\W\d_][^;.:\n\d()]{2,120}?)\s*(?=[;.:()]|\n|,\s|\s(?:và|đạt|được)\s+\d|\s\d|$)",
    re.IGNORECASE,
)
#: The words before a figure end in a label colon ("VNPT: 25 trạm", "đàn trâu: 28.500 con").
LABEL_COLON_RE = re.compile(r":[\s*_]*(?:khoảng|gần|trên|dưới|ít nhất|đạt|là|>|<)?\s*$", re.IGNORECASE)
#: The word right after a figure (a ratio's counted noun).
NEXT_WORD_RE = re.compile(
    r"[ \t]+(?!(?:cho|của|và|là|đạt|được|trên|dưới|với|tại|trong|theo|so|từ|đến)(?!\w))"
    r"([^\W\d_]{2,}(?:[ \t\n]+[a-zà-ỹđ]{2,})?)(?=[\s,;.]|$)",
    re.IGNORECASE,
)
#: Only an opening parenthesis between two figures: "72,072 tỷ đồng (94,34%)".
PAREN_ONLY_RE = re.compile(r"\s*\(\s*$")
#: A topic label ("- Về phát triển kinh tế:") groups targets; it is not part of their names.
TOPIC_RE = re.compile(r"[\s\-+*•]*(?:về|lĩnh vực|đối với)\s", re.IGNORECASE)
#: "bác sĩ/ vạn dân" and "bác sĩ/vạn dân" are one key.
SLASH_RE = re.compile(r"\s*/\s*")
#: A "Thực hiện (năm 2023):" label right before a figure reports an actual value (seed 000).
ACTUAL_LABEL_RE = re.compile(
    r"(?:^|[;:,.(]\s*)thực hiện(?:\s+(?:năm|cả năm|tháng|quý|đến)[^:;,]{0,20})?\s*:?\s*(?:là|đạt|được)?\s*$",
    re.IGNORECASE,
)
#: A figure with its own verb ("chiếm 34,86%") does not share the "ước" of the figure before it.
OWN_VERB_RE = re.compile(r"(?<!\w)(?:chiếm|đạt|bằng|là|tăng|giảm|vượt|thực hiện)(?!\w)", re.IGNORECASE)
DIGIT_RE = re.compile(r"\d")
#: "…, trong đó: Nông nghiệp …": what follows breaks the figure before it down.
BREAKDOWN_RE = re.compile(r"(?<!\w)(?:trong đó|bao gồm|cụ thể)\s*:", re.IGNORECASE)
