"""Assignment clauses: "Giao X …", "Đề nghị X …", "X chủ trì, phối hợp với Y …", "…, X khẩn trương …".

Shapes 3 and 4 of extractors/agencies.py, split out to keep modules small. A clause starts at
a unit's first word, after ". ", "; ", ": " or a bulleted line, or after a comma when a
strong predicate follows ("Đối với …, Bảo hiểm xã hội Việt Nam khẩn trương …").
"""

from __future__ import annotations

import re

from extractors.agency_names import parse_bodies
from extractors.patterns.agencies import (
    CLAUSE_START_RE,
    COMMA_START_RE,
    COMMA_VERBS,
    COOP_RE,
    CUE_RE,
    HEAD_RE,
    HONORIFIC_RE,
    NOT_BEFORE_CUE_RE,
    PAREN_RE,
    STRONG_VERBS,
    TASK_VERBS,
)
from extractors.task_rows import deadline_phrase
from schemas import Assignment, ExtractedDocument

_PLAN_HEADING_RE = re.compile(
    r"PHƯƠNG\s+HƯỚNG|NHIỆM\s+VỤ|GIẢI\s+PHÁP|KIẾN\s+NGHỊ|ĐỀ\s+XUẤT|TỔ\s+CHỨC\s+THỰC\s+HIỆN", re.I
)
#: Adverbial openings after which "…, X <verb>" is the main clause ("Trong thời gian tới, Tỉnh
#: tổ chức thực hiện …" dev-eval 006; "Căn cứ tình hình thực tế, các cơ quan … phối hợp …" 003).
_INTRO_RE = re.compile(
    r"(?:Trong\s+(?:thời\s+gian|năm|quá\s+trình)|Thời\s+gian\s+tới|Năm\s+\d{4}|Đến\s+(?:năm|hết|ngày)|Căn\s+cứ"
    r"|Định\s+kỳ|Trên\s+cơ\s+sở|Để\s|Hằng\s+năm|Hàng\s+năm|Sau\s+khi|Trước\s+ngày|Đồng\s+thời|Bên\s+cạnh\s+đó"
    r"|Ngoài\s+ra|Đối\s+với|Từ\s+nay)"
)
#: Any task predicate after such an opening (a copy, so "is TASK_VERBS" checks do not apply).
_INTRO_VERBS = frozenset(set(TASK_VERBS))
#: Predicates that may end a unit: "3.1. Ban Chỉ đạo … có trách nhiệm:" and items follow.
_LEAD_IN_VERBS = frozenset(["có trách nhiệm", "có nhiệm vụ", "chịu trách nhiệm"])
#: A "+ Sở Xây dựng: …" line names one body, briefly.
MAX_FIELD_NAME_WORDS = 10
_SENTENCE_END_RE = re.compile(r"\.(?=\s|$)|;(?=\s*\n)")


def subject_zones(doc: ExtractedDocument, items: list) -> set[int]:
    """Units where "X <verb> …" clauses count as tasks: all of them, except in a report
    (báo cáo), where only its forward-looking parts count ("PHƯƠNG HƯỚNG, NHIỆM VỤ …",
    "KIẾN NGHỊ", "TỔ CHỨC THỰC HIỆN"); past results there read like tasks without "đã".
    """
    title = (doc.meta.doc_type or "").casefold()
    report = title == "báo cáo" or any(b.text.strip().casefold() == "báo cáo" for b in doc.blocks[:8])
    if not report:
        return {it.start for it in items}
    ok, zone = set(), False
    for it in items:
        if it.kind in ("roman", "article") or (it.heading and it.text.isupper()):
            zone = bool(_PLAN_HEADING_RE.search(it.text))
        if zone:
            ok.add(it.start)
    return ok


def from_clauses(items: list, ctx, subject_ok: set[int]) -> list[Assignment]:
    out: list[Assignment] = []
    for it in items:
        if it.label or it.agency:
            continue
        text, base = it.text, it.start
        inside: list[tuple[int, int]] = partner_spans(text)  # lists no clause may start in
        for cue in CUE_RE.finditer(text, it.body):
            if NOT_BEFORE_CUE_RE.search(text, max(0, cue.start() - 6), cue.start()):
                continue
            parsed = parse_bodies(text, cue.end())
            if parsed and parsed[2] != "là":  # "giao X là cơ quan chủ quản" names, not tasks
                out.append(_clause(ctx, text, base, cue.start(), parsed))
                inside.append((cue.start() - 1, parsed[0]))
        starts = [(it.body, TASK_VERBS), *((cs.end(), TASK_VERBS) for cs in CLAUSE_START_RE.finditer(text, it.body))]
        if it.start not in subject_ok:
            starts = []
        elif "," in text:
            parens = [(m.start(), m.end()) for m in PAREN_RE.finditer(text)]
            opens = sorted(p for p, _ in starts)
            for cs in COMMA_START_RE.finditer(text, it.body):
                if HEAD_RE.match(text, cs.end()) and not any(a < cs.start() < b for a, b in parens):
                    before = max((p for p in opens if p <= cs.start()), default=it.body)
                    starts.append((cs.end(), _INTRO_VERBS if _INTRO_RE.match(text, before) else COMMA_VERBS))
        for pos, verbs in sorted(starts):
            if verbs is TASK_VERBS and pos > it.body and not text[pos : pos + 1].isupper():
                continue
            if any(a < pos < b for a, b in inside):
                continue
            h = HONORIFIC_RE.match(text, pos)
            pos = h.end() if h else pos
            if not HEAD_RE.match(text, pos):
                continue
            parsed = parse_bodies(text, pos) or parse_bodies(text, pos, relaxed=True)
            if not parsed:
                continue
            inside.append((pos, parsed[0]))
            verb = parsed[2]
            after = text[parsed[0] + len(verb or "") : parsed[0] + 60]
            bare = not after.strip(" \n.:;,|") and verb not in _LEAD_IN_VERBS
            if ctx.is_issuer(parsed[1][0]) or bare:
                continue  # the issuer speaking of itself; a bare "Cơ quan chủ trì" (a column title)
            if verb in verbs or _field_line(text, parsed) or (verb in STRONG_VERBS and verbs is TASK_VERBS):
                if verb not in STRONG_VERBS and parse_bodies(text, pos) is None:
                    continue  # a relaxed parse needs a strong predicate
                out.append(_clause(ctx, text, base, pos, parsed))
    return out


def partner_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in COOP_RE.finditer(text):
        parsed = parse_bodies(text, m.end())
        if parsed:
            spans.append((m.start(), parsed[0]))
    return spans


def _field_line(text: str, parsed) -> bool:
    """A bulleted "+ Sở Xây dựng: các lĩnh vực cấp giấy phép xây dựng" line (one named body)."""
    end, names, verb = parsed
    name = names[0] if len(names) == 1 else ""
    short = len(name.split()) <= MAX_FIELD_NAME_WORDS and not any(c.isdigit() for c in name)
    return verb is None and short and text[end : end + 1] == ":" and name[:1].isupper()


def _clause(ctx, text: str, base: int, start: int, parsed) -> Assignment:
    end_subject, names, _ = parsed
    m = _SENTENCE_END_RE.search(text, end_subject)
    end = m.start() if m else len(text)
    clause = text[start:end]
    return ctx.assignment(base + start, base + end, names, partners(text[end_subject:end]),
                          deadline_phrase(clause), clause)  # fmt: skip


def partners(text: str) -> list[str]:
    """Bodies after "phối hợp (với)" in a task text."""
    out: list[str] = []
    for m in COOP_RE.finditer(text):
        parsed = parse_bodies(text, m.end(), soft=True)
        if parsed:
            out.extend(parsed[1])
    return out
