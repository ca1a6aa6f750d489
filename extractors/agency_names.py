"""Parse lists of bodies out of task text: subjects, label values, shared-head lists.

"Sở Giáo dục và Đào tạo và Sở Y tế chủ trì" → ["Sở Giáo dục và Đào tạo", "Sở Y tế"];
"Các Phòng: Tài nguyên và Môi trường, Kinh tế và Hạ tầng" → ["Phòng Tài nguyên và Môi
trường", "Phòng Kinh tế và Hạ tầng"]. Names are returned as written, whitespace collapsed,
parenthetical remarks dropped; the first one is the lead of a joint assignment.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.gazetteer import find_agencies, fold, gazetteer
from extractors.patterns.agencies import (
    COLLECTIVE_RE,
    HEAD_RE,
    LIST_HEAD_RE,
    LIST_HEADS,
    PAREN_RE,
    SPLIT_HEAD_RE,
    TASK_VERBS,
    VERB_RE,
)

#: Longest subject we look at (a joint address of six ministries is ~250 characters).
MAX_SUBJECT_CHARS = 320
_NOT_PREDICATE_RE = re.compile(r"(?:có\s+liên\s+quan|được\s+phân\s+công)(?!\w)")
_AFTER_CAC_RE = re.compile(r"(?<!\w)các\s+$")  # "các tổ chức chính trị - xã hội": a noun here
_LIST_SEP_RE = re.compile(r"\s*[,;]\s*|\s+và\s+")
_SEP_RE = re.compile(r"\s*[,;]\s*|\s+(?:và|cùng)\s+")
#: Where a subject must end; "Giám đốc: Sở A, Sở B" (dev-eval 013) keeps its colon.
_STOP_RE = re.compile(r"(?<!Giám đốc):|[!?]|\.(?=\s|$)|\n\s*\n")
_TRAIL_RE = re.compile(r"(?:[\s,;:.\-–]|(?<!\w)(?:và|cùng)(?!\w))+$")
#: Lower-case bodies that open a new partner in a list ("…, cơ quan bảo hiểm xã hội").
_GENERIC_BODY_RE = re.compile(
    r"(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|thành\s+viên|đại\s+biểu|Tổ\s+đại\s+biểu|báo|doanh\s+nghiệp)(?!\w)"
)
_NEXT_WORD_RE = re.compile(r"\s+(\w+)")
#: Heads that name a person or a whole body by themselves: no proper name needs to follow.
_TITLE_HEADS = frozenset(
    [
        "thủ trưởng",
        "giám đốc",
        "chủ tịch",
        "chánh văn phòng",
        "chánh thanh tra",
        "thống đốc",
        "bộ trưởng",
        "các bộ trưởng",
        "tổng giám đốc",
        "tỉnh",
        "ngành",
        "ubnd",
        "hđnd",
        "ủy ban nhân dân",
        "huyện ủy",
        "tỉnh ủy",
        "thành ủy",
        "đảng ủy",
        "mttq",
        "bhxh",
        "chính phủ",
        "thủ tướng",
        "thường trực",
        "chủ đầu tư",
        "nhà mạng",
        "ủy ban mặt trận tổ quốc",
    ]
)
#: Titles that are also verbs or common nouns: a capitalised word or "các" must follow.
_GENERIC_TITLE_HEADS = frozenset(["lãnh đạo", "cán bộ", "văn thư", "chỉ huy"])
#: Level words that may follow a generic head: "Công an cấp xã", "Công an huyện".
_LEVEL_WORDS = frozenset(["huyện", "tỉnh", "xã", "cấp", "thành", "quận", "phường", "thị", "các"])
_NOT_NAMES = frozenset({"các", "tất cả các", "và", "cùng"})


@lru_cache(maxsize=256)
def matches_in(text: str) -> tuple:
    """Gazetteer matches in a unit or subject text, computed once per string (the parsers
    ask about the same unit many times; a pure function, so caching is safe)."""
    return tuple(find_agencies(text))


def clean_name(text: str) -> str:
    """Collapse whitespace, drop remarks in parentheses and trailing punctuation."""
    return _TRAIL_RE.sub("", " ".join(PAREN_RE.sub(" ", text).split()))


def is_agency_subject(text: str, pos: int = 0) -> bool:
    """True when ``text[pos:]`` opens with an agency name, not "Các chỉ tiêu …", "Phòng ngừa …".

    Heads that are also common nouns (Phòng, Ban, Bộ, Hội, Cơ sở …) need a capitalised word,
    an abbreviation or a level word next ("Phòng Nội vụ", "Công an cấp xã"), or a gazetteer hit.
    """
    m = HEAD_RE.match(text, pos)
    if not m:
        return False
    head = fold(" ".join(m.group().split()))
    if head in ("các", "tất cả"):
        return bool(COLLECTIVE_RE.match(text, pos)) or _known_at(text, pos)
    if m.group() in ("tỉnh", "ngành"):  # "tỉnh Đắk Lắk", "ngành Thuế"; not "ngành nghề"
        return text[m.end() : m.end() + 2].strip()[:1].isupper()
    if head in _TITLE_HEADS:
        return True
    if head in _GENERIC_TITLE_HEADS:  # "Lãnh đạo UBND cấp xã", not "Lãnh đạo, chỉ đạo …"
        nxt = _NEXT_WORD_RE.match(text, m.end())
        return bool(nxt and (nxt.group(1)[0].isupper() or nxt.group(1) == "các"))
    nxt = _NEXT_WORD_RE.match(text, m.end())
    if nxt and (nxt.group(1)[0].isupper() or fold(nxt.group(1)) in _LEVEL_WORDS):
        return True
    return _known_at(text, pos)


def _known_at(text: str, pos: int) -> bool:
    return any(m.start == pos for m in matches_in(text))


def subject_end(text: str, start: int, limit: int = MAX_SUBJECT_CHARS) -> tuple[int, str | None]:
    """End of the body list opening at ``start`` and the predicate word that ended it (or None).

    The list ends at the first lower-case predicate word ("chủ trì", "phối hợp", "đã" …) that
    is not inside a known agency name, or at ':' / '.' / a blank line.
    """
    stop = min(len(text), start + limit)
    s = _STOP_RE.search(text, start, stop)
    hard = s.start() if s else stop
    protected = [(m.start, m.end) for m in matches_in(text) if m.end > start and m.start < hard]
    depth_ok = _outside_parens(text, start, hard)
    skip_to = start
    for v in VERB_RE.finditer(text, start, hard):
        if v.start() <= skip_to or any(a <= v.start() < b for a, b in protected) or not depth_ok(v.start()):
            continue
        word = " ".join(v.group().split())
        described = _NOT_PREDICATE_RE.match(text, v.start())
        if described:  # "các đơn vị có liên quan", "cán bộ … được phân công" describe the body
            skip_to = described.end()
            continue
        if _AFTER_CAC_RE.search(text, max(start, v.start() - 5), v.start()):
            continue
        if word not in TASK_VERBS and _another_body_follows(text, v.end(), hard):
            continue  # "Giám đốc các ban quản lý rừng, thủ trưởng …": a name, the list goes on
        return v.start(), word
    return hard, None


def _another_body_follows(text: str, pos: int, end: int) -> bool:
    sep = _LIST_SEP_RE.search(text, pos, end)
    if not sep or VERB_RE.search(text, pos, sep.start()) and text[pos : sep.start()].count(" ") > 6:
        return False
    return bool(SPLIT_HEAD_RE.match(text, sep.end()) and is_agency_subject(text, sep.end()))


def _outside_parens(text: str, start: int, end: int):
    spans = [(m.start(), m.end()) for m in PAREN_RE.finditer(text, start, end)]
    return lambda i: not any(a < i < b for a, b in spans)


def split_bodies(subject: str, *, absorb_plural: bool = False, soft: bool = False) -> list[str]:
    """Split a subject into names at separators followed by a capitalised head (or "các").

    With ``absorb_plural`` (label values), a list opening with "Các …" is one collective
    ("Các Sở, ngành, đơn vị, UBND cấp xã"); only ';' splits it. With ``soft`` (partner
    lists), lower-case generic bodies also start a name ("Bảo hiểm xã hội Việt Nam, cơ quan
    bảo hiểm xã hội"; "… Thành phố và đơn vị có liên quan"), except inside a "các …" list.
    """
    subject = PAREN_RE.sub(lambda m: " " * len(m.group()), subject)
    lh = LIST_HEAD_RE.match(subject)
    if lh:
        return expand_shared_head(subject, lh)
    protected = [(m.start, m.end) for m in matches_in(subject)]
    plural = absorb_plural and bool(re.match(r"\s*[Cc]ác\s", subject))
    names, last = [], 0
    for sep in _SEP_RE.finditer(subject):
        if any(a < sep.start() < b for a, b in protected):
            continue
        if plural and ";" not in sep.group():
            continue
        named = SPLIT_HEAD_RE.match(subject, sep.end()) and is_agency_subject(subject, sep.end())
        generic = soft and _GENERIC_BODY_RE.match(subject, sep.end())
        if generic and "và" not in sep.group() and re.match(r"\s*[Cc]ác\s", subject[last:]):
            generic = None  # "các cơ quan, đơn vị, địa phương" is one collective
        if not named and not generic:
            continue
        names.append(subject[last : sep.start()])
        last = sep.end()
    names.append(subject[last:])
    return [n for n in (clean_name(x) for x in names) if n and fold(n) not in _NOT_NAMES]


def expand_shared_head(subject: str, lh: re.Match) -> list[str]:
    """ "Các Bộ, cơ quan: Tài chính, Xây dựng" → ["Bộ Tài chính", "Bộ Xây dựng"].

    Items that carry their own head ("Trung tâm …", "Tập đoàn Điện lực Việt Nam") are kept;
    neighbours are merged when the joined name is a known agency ("Bộ Văn hóa, Thể thao và
    Du lịch").
    """
    head = LIST_HEADS[" ".join(lh.group("plural").split()).lower()]
    items = [clean_name(x) for x in re.split(r"\s*[,;]\s*", subject[lh.end() :])]
    items = [x for x in items if x]
    index = gazetteer().alias_index
    out: list[str] = []
    own_head = False
    i = 0
    while i < len(items):
        item = items[i]
        own_head = own_head or bool(SPLIT_HEAD_RE.match(item) and is_agency_subject(item))
        if own_head:
            out.append(item)
            i += 1
            continue
        if i + 1 < len(items) and " ".join(re.findall(r"\w+|[^\w\s]", fold(f"{head} {item}, {items[i + 1]}"))) in index:
            item = f"{item}, {items[i + 1]}"
            i += 1
        out.append(f"{head} {item}")
        i += 1
    return out


def parse_bodies(
    text: str,
    start: int,
    *,
    absorb_plural: bool = False,
    limit: int = MAX_SUBJECT_CHARS,
    relaxed: bool = False,
    soft: bool = False,
) -> tuple[int, list[str], str | None] | None:
    """Parse the list of bodies opening at ``start``: (end, names, predicate word) or None.

    ``relaxed`` accepts any head word ("Cơ sở khám bệnh, chữa bệnh"); the caller then checks
    that a strong predicate ("chịu trách nhiệm") follows.
    """
    ok = HEAD_RE.match(text, start) if relaxed else is_agency_subject(text, start)
    if not ok and not LIST_HEAD_RE.match(text, start):
        return None
    lh = LIST_HEAD_RE.match(text, start)
    scan_from = lh.end() if lh else start
    end, verb = subject_end(text, scan_from, limit)
    if lh:
        end = max(end, scan_from)
    names = split_bodies(text[start:end], absorb_plural=absorb_plural, soft=soft)
    if not names:
        return None
    return end, names, verb


def parse_label_value(value: str, *, lead: bool = True) -> list[str]:
    """Bodies of a "Cơ quan chủ trì: …" (``lead``) or "Cơ quan phối hợp: …" value (all of it)."""
    return split_bodies(value, absorb_plural=lead)
