"""Regexes for movements (phong trào thi đua) and awards (khen thưởng), compiled once.

Word lists come from extractors/lexicon/awards.yaml. Text is normalised: quotes are '"',
markdown emphasis is gone, line breaks may sit inside a sentence.
"""

from __future__ import annotations

import re

from extractors.lexicon import load_lexicon
from extractors.patterns import both_cases, trie_alternation, word_start

FORMS = load_lexicon("awards", "forms", required=("canonical", "aliases", "recipient", "level", "examples"))
LEVELS = load_lexicon("awards", "levels", required=("level", "words", "examples"))
LAUNCHERS = load_lexicon("awards", "launchers", required=("name", "words", "examples"))


#: alias (whitespace-collapsed, lower case) -> form entry
FORM_BY_ALIAS = {" ".join(a.split()).lower(): f for f in FORMS for a in f["aliases"]}
#: Each alias as written plus with its first letter in the other case ("Giấy khen", "giấy
#: khen"): matching stays case-sensitive, which keeps the scan fast (re.I disables the
#: literal-prefix search and made this pattern the slowest of all).
_FORM_VARIANTS = sorted({*both_cases(FORM_BY_ALIAS), *(a for f in FORMS for a in f["aliases"])})

#: A movement named in quotes right after its cue: 'phong trào thi đua "Dân vận khéo"',
#: 'các phong trào thi đua do Thủ tướng Chính phủ phát động như: "A"; "B"' (seeds 001, 002, 004).
#: ``by`` is who launched it when the cue says so ("do … phát động", "của tỉnh").
MOVEMENT_CUE_RE = re.compile(
    r"(?P<cue>" + word_start(both_cases([r"phong\s+trào(?:\s+thi\s+đua)?", r"cuộc\s+vận\s+động"])) + ")"
    r"(?:\s+(?:do\s+(?P<by>[^\".:;\n]{2,60}?)\s+phát\s+động|của\s+(?P<of>[^\".:;\n]{2,40}?)))?"
    r"(?:\s+(?:như|gồm|sau))?\s*:?\s*\""
)
#: The next quoted name in a list: '"A"; "B", "C" và "D"'.
NEXT_QUOTE_RE = re.compile(r"\s*[;,]\s*(?:và\s+)?\"|\s+và\s+\"")
#: A quoted name: up to the closing quote on the same line, at most 200 characters.
QUOTED_RE = re.compile(r"(?P<name>[^\"\n]{3,200})\"")
#: Who launched it, written after the name: '"…" do Thủ tướng Chính phủ, tỉnh phát động'.
LAUNCHED_AFTER_RE = re.compile(r"\s*do\s+(?P<by>[^\".;\n]{2,60}?)\s+phát\s+động")
#: A heading that sets the launcher of the movements below it (seed 001 "2.1. Kết quả thực
#: hiện các phong trào thi đua do Thủ tướng Chính phủ phát động").
LAUNCH_HEADING_RE = re.compile(r"phong\s+trào[^\n]{0,40}?do\s+(?P<by>[^\".;\n]{2,60}?)\s+phát\s+động", re.I)
#: Period after or inside a name: "giai đoạn 2021-2025", "giai đoạn 2023 - 2030", "năm 2024".
PERIOD_RE = re.compile(r"giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}|năm\s+\d{4}(?!\s*[-–/]\s*\d)")

#: A granted award with counts: "UBND huyện khen thưởng cho 12 tập thể và 11 cá nhân",
#: "Huyện ủy khen cho 07 tập thể và 04 cá nhân", "UBND tỉnh khen cho 01 hộ gia đình".
#: Every granter opens with a literal ("(?:Chủ tịch )?(?:UBND|…)" did not): re then jumps
#: from capital to capital instead of trying the pattern everywhere (1.07 → 0.07 ms/doc).
_LOCAL_BODY = r"\s+(?:tỉnh|huyện|xã|thành\s+phố|thị\s+xã)(?:\s+[A-ZĐ]\w*)*"
GRANT_RE = re.compile(
    rf"(?P<granter>Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân){_LOCAL_BODY}|UBND{_LOCAL_BODY}"
    rf"|Ủy\s+ban\s+nhân\s+dân{_LOCAL_BODY}|Huyện\s+ủy|Tỉnh\s+ủy|Thủ\s+tướng\s+Chính\s+phủ|Chủ\s+tịch\s+nước)"
    r"\s+(?:đã\s+)?(?P<verb>khen\s+thưởng|khen|tặng\s+thưởng|tặng)\s+(?:cho\s+)?"
    r"(?P<counts>\d+\s+(?:tập\s+thể|cá\s+nhân|hộ\s+gia\s+đình|hộ)(?:\s*(?:,|và)\s*\d+\s+(?:tập\s+thể|cá\s+nhân|hộ\s+gia\s+đình|hộ))*)"
)
#: One count inside a GRANT_RE or tally: "12 tập thể", "11 cá nhân", "13 hộ gia đình".
COUNT_RE = re.compile(r"(?P<n>\d+)\s+(?P<who>tập\s+thể|cá\s+nhân|hộ\s+gia\s+đình|hộ|người)(?!\w)")
#: The decision an award was given in: "(tại Quyết định số 3618/QĐ-UBND ngày 26/11/2024)",
#: also two decisions joined by "và" (seed 001 "… số 28/QĐ-UBND … và Quyết định số 60/QĐ-UBND …").
DECISION_RE = re.compile(
    r"(?P<decision>Quyết\s+định\s+số\s+(?P<number>\d+)\s*/\s*(?P<symbol>[\wĐđ]+(?:-[\wĐđ]+)*)"
    r"(?:\s*,?\s*ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4}))?)"
)
#: "Cấp tỉnh:" / "+ Cấp huyện:" lines that set the level of the tallies after them (seed 001).
LEVEL_LINE_RE = re.compile(r"(?<!\w)Cấp\s+(?P<level>Nhà\s+nước|nhà\s+nước|Trung\s+ương|tỉnh|huyện|xã)\s*:", re.I)
#: Tallies. Number first: "02 Cờ", "05 Bằng khen cho tập thể", "01 Danh hiệu tập thể lao động
#: xuất sắc". Form first: "Giấy khen cá nhân: 258 người", "tập thể LĐTT: 43", "cá nhân LĐTT 897
#: người", "Chiến sỹ thi đua cơ sở: 129 người" (seed 001). Two patterns, forms as a factored
#: trie: one alternation of ~50 multi-word forms tried at every position is 30x slower.
_FORM_TRIE = trie_alternation(_FORM_VARIANTS)
_FORM_END = r"(?:(?!\w)|(?=[\u00b9\u00b2\u00b3\u2070-\u2079]))"
#: A form named anywhere, with or without a count ("Cờ thi đua của Ủy ban nhân dân tỉnh").
FORM_RE = re.compile(r"(?P<form>" + _FORM_TRIE + ")" + _FORM_END)
TALLY_NUM_RE = re.compile(
    r"(?<![\w/,.])(?P<n1>\d+)\s+(?P<form>" + _FORM_TRIE + ")" + _FORM_END
    + r"(?:\s+(?:cho\s+)?(?P<who1>tập\s+thể|cá\s+nhân))?"
)  # fmt: skip
TALLY_FORM_RE = re.compile(
    r"(?P<form2>" + _FORM_TRIE + ")" + _FORM_END
    + r"(?:\s+(?P<who2>tập\s+thể|cá\s+nhân))?\s*:?\s*(?P<n2>\d+)(?![\d/%,.]\d)"
)  # fmt: skip
#: "Khen thưởng chuyên đề: 208 tập thể; 258 cá nhân", "Khen thưởng đột xuất: 21 cá nhân, 04 tập thể".
KIND_TALLY_RE = re.compile(
    r"(?P<form>[Kk]hen\s+thưởng\s+(?:chuyên\s+đề|đột\s+xuất|thường\s+xuyên))\s*:\s*"
    r"(?P<counts>\d+\s+(?:tập\s+thể|cá\s+nhân)(?:\s*[;,]\s*\d+\s+(?:tập\s+thể|cá\s+nhân))?)"
)
