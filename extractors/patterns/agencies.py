"""Regexes for agencies and assignments, compiled once; word lists come from agencies.yaml.

Text is the normalised document text: markdown emphasis is gone, but hard line breaks inside
a paragraph remain ("Sở Tư\\npháp"), so every space in a pattern is ``\\s+``.
"""

from __future__ import annotations

import re

from extractors.gazetteer import lexicon_words, load_agency_lexicon
from extractors.patterns import both_cases, trie_alternation

_LEX = load_agency_lexicon()
_HEADS = lexicon_words(_LEX, "heads")


#: A word that opens an agency name ("Sở", "Phòng", "UBND", "Các", "Thủ trưởng"…), as written.
HEAD_RE = re.compile(r"(?:" + trie_alternation(_HEADS) + r")(?!\w)")

#: Capitalised heads (or "các"/"tất cả các"): where a list of bodies may be split into names.
SPLIT_HEAD_RE = re.compile(
    r"(?:"
    + trie_alternation(
        [
            h
            for h in _HEADS
            if h[0].isupper() or h.startswith(("các", "tất cả", "ủy ban", "thủ trưởng", "giám đốc", "chủ tịch"))
        ]
    )
    + r")(?!\w)"
)

#: A lower-case predicate word: ends an agency subject ("Sở Tài chính | chủ trì, …").
VERB_RE = re.compile(r"(?<!\w)(?:" + trie_alternation(lexicon_words(_LEX, "verbs")) + r")(?!\w)")

#: Predicates that make "<agency> <verb> …" a task (reports' "UBND huyện khen thưởng" is not).
TASK_VERBS = frozenset(
    [
        "chủ trì",
        "phối hợp",
        "chịu trách nhiệm",
        "có trách nhiệm",
        "có nhiệm vụ",
        "khẩn trương",
        "tiếp tục",
        "cần",
        "phải",
        "tăng cường",
        "kiện toàn",
        "xây dựng",
        "đăng tải",
        "gửi",
        "tổ chức",
        "thực hiện",
        "tham mưu",
        "triển khai",
        "nghiên cứu",
        "đề xuất",
        "chọn",
        "tổng hợp",
        "tạo điều kiện",
        "ưu tiên",
        "căn cứ",
        "chỉ đạo",
        "theo dõi",
        "hướng dẫn",
        "rà soát",
        "bố trí",
        "chủ động",
        "quan tâm",
        "tích cực",
        "đôn đốc",
        "kiểm tra",
        "cung cấp",
        "trình",
        "hoàn thiện",
        "hoàn thành",
        "thẩm định",
        "giám sát",
        "theo chức năng",
        "trong phạm vi",
        "tuyên truyền",
        "dự thảo",
        "soạn thảo",
        "nghiêm túc",
    ]
)

#: Predicates strong enough to make a clause opening after a comma a task
#: ("Đối với …, Bảo hiểm xã hội Việt Nam khẩn trương …", "đồng thời, ngành Thuế phối hợp …").
COMMA_VERBS = frozenset(
    ["chủ trì", "phối hợp", "chịu trách nhiệm", "có trách nhiệm", "có nhiệm vụ", "khẩn trương", "cần", "phải"]
)

#: Predicates that make even a generic head a body: "Cơ sở khám bệnh, chữa bệnh chịu trách nhiệm".
STRONG_VERBS = frozenset(["chủ trì", "chịu trách nhiệm", "có trách nhiệm", "có nhiệm vụ"])

#: A comma that may open a clause: "…, các cơ quan, đơn vị, địa phương phối hợp …".
COMMA_START_RE = re.compile(r",\s+")

#: Honorifics before an execution clause's addressees: "Các ông (bà) Chánh văn phòng UBND tỉnh".
HONORIFIC_RE = re.compile(r"(?:[Cc]ác\s+)?[Ôô]ng\s*\(\s*bà\s*\)\s+|(?:[Cc]ác\s+)?[Ôô]ng,?\s+[Bb]à\s+")

#: Shared-head lists: "Các Phòng: Tài nguyên và Môi trường, …" (seed 000), "Các Bộ, cơ quan:
#: Tài chính, Xây dựng, …" (dev-eval 006). ``plural`` is the lead-in, ``head`` the shared word.
LIST_HEADS = {" ".join(e["plural"].split()).lower(): e["head"] for e in _LEX["list_heads"]}
LIST_HEAD_RE = re.compile(
    r"(?P<plural>" + trie_alternation([e["plural"] for e in _LEX["list_heads"]], lower=True) + r")\s*:\s*",
    re.IGNORECASE,
)

#: Block markers: "III.", "2.", "2.1.", "V.1.", "a)", "(1)", "-", "+", "→" (with the title after).
MARKER_RE = re.compile(
    r"(?P<marker>(?P<article>Điều\s+\d+[.:]?)|(?P<roman>[IVXL]+\.(?:\d+\.)*)|(?P<multi>\d+(?:\.\d+)+\.?)|(?P<arabic>\d+[.)])"
    r"|(?P<letter>[a-zđ]\))|(?P<paren>\(\d+\))|(?P<bullet>[-+•→*](?:\s*[-+•→*])*))\s*"
)

#: Label lines of task tables (seed 000 III, dev-eval 001/003/014):
#: "+ Cơ quan chủ trì tham mưu: X", "Trách nhiệm cơ quan chủ trì tham mưu: X",
#: "- Đơn vị chủ trì thực hiện: X", "Cơ quan thực hiện: X chủ trì, phối hợp với Y",
#: "Các cơ quan phối hợp: A, B", "Thời gian thực hiện: Thường xuyên, … trước ngày 31/12/2024".
LABEL_RE = re.compile(
    r"^[ \t]*(?:[-+•→*][ \t]*)*(?P<label>"
    r"(?P<lead>(?:trách\s+nhiệm\s+)?(?:cơ\s+quan|đơn\s+vị)\s+(?:chủ\s+trì|thực\s+hiện|tham\s+mưu)[^:]{0,45}?)"
    r"|(?P<coop>(?:các\s+)?(?:cơ\s+quan|đơn\s+vị)\s+phối\s+hợp[^:]{0,25}?)"
    r"|(?P<time>thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành|báo\s+cáo))?)"
    r")\s*:[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)

#: Clause-opening cues that name the addressee next: "Giao X …", "Đề nghị X …", "yêu cầu X …".
#: "được giao", "đã giao", "đang đề nghị" are not cues (past, passive, pending): see
#: NOT_BEFORE_CUE_RE (a literal-first pattern scans much faster than one opening with
#: look-behinds).
CUE_RE = re.compile(r"(?P<cue>" + "|".join(both_cases([r"giao", r"đề\s+nghị", r"yêu\s+cầu"])) + r")\s+")
#: What may not stand right before a cue (checked on the 6 characters before it).
NOT_BEFORE_CUE_RE = re.compile(r"(?:\w|(?<!\w)(?:được|đã|đang)\s)$")

#: Where a clause may start inside a block: after ". ", "; ", ": " or at a bulleted line
#: (lines wrap mid-sentence, so a bare line break is no clause start).
CLAUSE_START_RE = re.compile(r"(?<=[.;:!?])\s+(?:[-+•→*]\s*)?|\n[ \t]*[-+•→*][ \t]*")

#: Partners: "phối hợp (chặt chẽ) (với|cùng) X" (the list is parsed by the subject parser).
COOP_RE = re.compile(r"[Pp]hối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng))?\s+")

#: A past-tense marker right after a subject: "Ngành Thuế đã tập trung …" is a report, no task.
PAST_RE = re.compile(r"\s*(?:đã|đang|vẫn|chưa|luôn|đều|được|bị)(?!\w)")

#: A calendar date, "31/12/2024", "31-12-2024", "15 tháng 12 năm 2025".
DATE_RE = re.compile(r"(?P<d>\d{1,2})\s*(?:[/.-]|\s+tháng\s+)(?P<m>\d{1,2})\s*(?:[/.-]|\s+năm\s+)(?P<y>\d{4})(?!\d)")

#: A deadline phrase in a task sentence: "trước ngày 15/12/2025", "xong trước ngày 01 tháng 5
#: năm 2026", "trong tháng 12/2025", "đến hết quý II/2004", "Trước ngày 15/12 hàng năm".
DEADLINE_RE = re.compile(
    r"(?P<phrase>(?:xong\s+|hoàn\s+thành\s+|chậm\s+nhất\s+|hạn\s+chót\s+)?"
    r"(?:[Tt]rước|[Tt]rong|[Đđ]ến\s+hết|[Đđ]ến|[Tt]ừ)\s+"
    r"(?:ngày\s+\d{1,2}(?:\s*/\s*|\s+tháng\s+)\d{1,2}(?:(?:\s*/\s*|\s+năm\s+)\d{4}|\s+hàng\s+năm|\s+hằng\s+năm)"
    r"|tháng\s+\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|quý\s+[IV]+(?:\s*/\s*|\s+năm\s+)\d{4}|năm\s+\d{4}))"
)

#: Parenthetical remarks inside agency lists: "Phòng Nội vụ (Phòng trao chung toàn huyện)".
PAREN_RE = re.compile(r"\([^()]*\)")

#: A collective subject: "Các sở, ban, ngành …", "Thủ trưởng các cơ quan …", "tất cả các Sở …".
COLLECTIVE_RE = re.compile(
    r"(?:[Tt]ất\s+cả\s+)?(?:(?:[Tt]hủ\s+trưởng|[Gg]iám\s+đốc|[Cc]hủ\s+tịch|[Ll]ãnh\s+đạo)\s+)?[Cc]ác\s+"
    r"(?:[Ss]ở|[Bb]an|[Nn]gành|[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Pp]hòng|[Bb]ộ|[Hh]ội|[Dd]oanh\s+nghiệp|[Đđ]ịa\s+phương"
    r"|[Tt]ổ\s+chức|[Cc]hủ\s+đầu\s+tư|[Xx]ã|[Hh]uyện|[Qq]uận|[Tt]rường|[Ủủ]y\s+ban|UBND|[Nn]hà\s+mạng"
    r"|[Tt]hành\s+viên|[Đđ]oàn\s+thể|[Tt]ập\s+thể|[Tt]hủ\s+trưởng|[Gg]iám\s+đốc|[Cc]hủ\s+tịch|[Bb]ộ\s+trưởng)(?!\w)"
)

#: A time cell of a task table: "0,25 ngày làm việc", "01 ngày làm việc", "Thường xuyên".
TIME_CELL_RE = re.compile(
    r"\d+(?:,\d+)?\s*(?:ngày|giờ|tháng|tuần)|[Tt]hường\s+xuyên|[Hh][àằ]ng\s+(?:năm|quý|tháng)|[Qq]uý\s+[IV]+|trước\s+ngày"
)
