"""Agencies and assignments: who must do what, with whom, by when (chủ trì / phối hợp / thời hạn).

Four shapes, found on the document's blocks (paragraphs; lines inside a block may wrap):

1. label groups: "+ Cơ quan chủ trì tham mưu: X" / "+ Cơ quan phối hợp: A, B" / "+ Thời gian
   thực hiện: …" after the task bullets they govern (seed 000 III, dev-eval 001, 014);
2. agency headings: "2. Sở Khoa học và Công nghệ" followed by items a) b) … (lead from the
   heading; dev-eval 002, 003, 007);
3. cue clauses: "Giao X …", "Đề nghị X …", "… yêu cầu X …";
4. subject clauses: "X chủ trì, phối hợp với Y …", "X chịu trách nhiệm …" (not "X đã …").

Every assignment keeps the lead as written (first-named for joint addressees, the others go
first in ``cooperating``) and a canonical form from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.agency_names import clean_name, is_agency_subject, parse_bodies, parse_label_value, split_bodies
from extractors.assignment_clauses import from_clauses, partners, subject_zones
from extractors.base import Extractor
from extractors.gazetteer import canonicalize, find_agencies, fold
from extractors.patterns import both_cases
from extractors.patterns.agencies import (
    CUE_RE,
    LABEL_RE,
    MARKER_RE,
    TASK_VERBS,
)
from extractors.task_rows import deadline_phrase, parse_deadline, table_rows
from pipeline.locate import Locator
from schemas import AgencyMention, Assignment, BlockKind, ExtractedDocument

VERSION = "agencies.v1"
#: Longest title an agency heading may have ("1. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch …").
MAX_HEADING_CHARS = 160
#: A unit at least this long ends a closing zone (signature blocks are short lines).
MIN_BODY_UNIT_CHARS = 60
#: A heading that names its bodies with a predicate shorter than this is still a title.
MAX_TITLE_LEAD_CHARS = 90
MAX_TITLE_LEAD_WORDS = 14
_TASK_IN_TITLE_RE = re.compile(r"(?<!\w)(?:chủ\s+trì|phối\s+hợp|chịu\s+trách\s+nhiệm|có\s+trách\s+nhiệm)(?!\w)")
#: Marker ranks: a heading governs the blocks after it until a marker of equal or higher rank.
_RANK = {"article": 0, "roman": 1, "arabic": 2, "multi": 3, "letter": 4, "paren": 5, "bullet": 6}
_FOOTNOTE_RE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]")
#: Cheap prefilter for LABEL_RE (case-insensitive, multi-line: slow on every unit). Each
#: alternative opens with a literal so that re can jump to those letters.
_LABEL_HINTS = [
    r"cơ\s+[Qq]uan",
    r"cƠ\s+[Qq]uan",
    r"đơn\s+[Vv]ị",
    r"đƠn\s+[Vv]ị",
    r"thời\s+(?:gian|hạn)",
    r"trách\s+nhiệm",
]
_LABEL_HINT_RE = re.compile("|".join(both_cases(_LABEL_HINTS)) + "|CƠ QUAN|ĐƠN VỊ|THỜI")
_CLOSING_RE = re.compile(r"(?m)^[\s|]*(?:Nơi\s+nhận|TM\.\s|KT\.\s)")
#: A line inside a block that opens with a marker: the block is cut there into units.
_LINE_MARKER_RE = re.compile(r"\n(?=[ \t]*(?:[IVXL]+\.|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)|\(\d+\)|[-+•→*]))")


@dataclass
class _Item:
    """A unit (a block, or a marked line inside a block) seen through its marker.

    Old transcripts put a whole section in one paragraph, one numbered line after another,
    so a block is cut before every line that opens with a marker ("2.1.", "- ", "+ ").
    """

    start: int  # [start, end) in doc.text
    end: int
    text: str
    bold: bool
    kind: str | None  # marker kind: 'roman', 'arabic', 'letter', … or None
    body: int  # offset in text where the words after the marker start
    label: bool = False
    label_at: int = 0  # offset of the first label line in the unit
    heading: bool = False
    agency: list[str] = field(default_factory=list)  # bodies named by an agency heading


def extract(doc: ExtractedDocument) -> dict:
    """Fill ``assignments`` and ``agencies`` (gazetteer mentions) for one document."""
    ctx = _Context(doc)
    items = _units(doc)
    found: dict[int, Assignment] = {}
    labelled = _from_labels(items, ctx)
    covered = {a.span[0] for a in labelled}  # task bullets a label group already assigns
    subject_ok = subject_zones(doc, items)
    clauses = from_clauses([it for it in items if it.start not in covered], ctx, subject_ok)
    rows = [ctx.assignment(r.start, r.end, [r.body], list(r.cooperating), r.time, None) for r in table_rows(doc)]
    for a in (*labelled, *rows, *_from_headings(items, ctx), *clauses):
        found.setdefault(a.span[0], a)
    return {"assignments": sorted(found.values(), key=lambda a: a.span), "agencies": _mentions(doc, ctx)}


EXTRACTOR = Extractor(name="agencies", version=VERSION, provides=("agencies", "assignments"), extract=extract)


# --------------------------------------------------------------------------- context


class _Context(Locator):
    """Per-document lookups plus the Assignment factory."""

    def __init__(self, doc: ExtractedDocument) -> None:
        super().__init__(doc)
        issuer = doc.meta.issuer
        #: the issuing body, folded: "Ủy ban nhân dân tỉnh Cà Mau xây dựng kế hoạch …" in its
        #: own plan is the issuer speaking of itself, not a task it gives (dev-eval 004)
        self.own_issuer = " ".join(fold(canonicalize(issuer)).split()) if issuer else None

    def is_issuer(self, name: str) -> bool:
        return self.own_issuer is not None and " ".join(fold(canonicalize(name)).split()) == self.own_issuer

    def assignment(self, start: int, end: int, names: list[str], coop: list[str], deadline_text: str | None,
                   task: str | None) -> Assignment:  # fmt: skip
        text = self.doc.text
        while end > start and text[end - 1].isspace():
            end -= 1
        block = self.block_of(start)
        lead = names[0] if names else None
        cooperating = list(dict.fromkeys([*names[1:], *coop]))
        deadline, deadline_date = parse_deadline(deadline_text)
        return Assignment(
            text=text[start:end],
            span=(start, end),
            block=block.index if block else None,
            page=block.page if block else None,
            section=self.section_of(start),
            lead=lead,
            lead_canonical=canonicalize(lead) if lead else None,
            cooperating=cooperating,
            cooperating_canonical=[canonicalize(c) for c in cooperating],
            deadline=deadline,
            deadline_date=deadline_date,
            deadline_raw=deadline_text,
            task=" ".join(task.split()) if task else None,
        )


def _mentions(doc: ExtractedDocument, ctx: _Context) -> list[AgencyMention]:
    out = []
    for m in find_agencies(doc.text):
        block = ctx.block_of(m.start)
        out.append(
            AgencyMention(
                text=doc.text[m.start : m.end],
                span=(m.start, m.end),
                block=block.index if block else None,
                page=block.page if block else None,
                section=ctx.section_of(m.start),
                canonical=m.canonical,
                agency_id=m.agency_id,
            )
        )
    return out


# --------------------------------------------------------------------------- blocks


def _units(doc: ExtractedDocument) -> list[_Item]:
    """Body units in reading order; the closing zones (Nơi nhận list, signature) are skipped.

    A closing zone ends at the first long or numbered unit: decisions often attach a
    programme after the signature (dev-eval 014).
    """
    out: list[_Item] = []
    skipping = False
    for b in doc.blocks:
        if b.kind == BlockKind.FOOTNOTE:
            continue
        cuts = [0, *(m.start() + 1 for m in _LINE_MARKER_RE.finditer(b.text)), len(b.text)]
        for a, z in zip(cuts, cuts[1:], strict=False):
            piece = b.text[a:z].rstrip()
            if not piece.strip():
                continue
            item = _classify(b.start + a, piece, bool(b.style.bold) and len(cuts) == 2)
            closing = _CLOSING_RE.search(piece)
            if closing and closing.start() == 0:
                skipping = True
            elif closing:  # "2025.\n|\nNơi nhận:": the body's last words, then the closing
                out.append(item)
                skipping = True
                continue
            elif skipping and (len(piece) >= MIN_BODY_UNIT_CHARS or item.kind in ("roman", "arabic", "multi")):
                skipping = False
            if not skipping:
                out.append(item)
    return out


def _classify(start: int, text: str, bold: bool) -> _Item:
    m = MARKER_RE.match(text)
    kind = next((k for k in _RANK if m and m.group(k)), None) if m and m.group("marker") else None
    # "2024" or "5 người" are not markers: arabic/multi need a following letter, not a digit
    if kind in ("arabic", "multi") and not re.match(r"\s*\D", text[m.end() :] or "x"):
        kind = None
    body = m.end() if kind else 0
    item = _Item(start, start + len(text), text, bold, kind, body)
    lm = LABEL_RE.search(text) if _LABEL_HINT_RE.search(text) else None
    item.label = bool(lm) and (lm.start() == 0 or text.count("\n", 0, lm.start()) <= 1)
    item.label_at = lm.start() if item.label else 0
    title = text[body:]
    short = len(title) <= MAX_HEADING_CHARS and not re.search(r"\.\s+\S", title)
    item.heading = kind in ("roman", "arabic", "multi", "letter") and short or (bold and short)
    if item.heading and not item.label:
        item.agency = _agency_heading(title)
    return item


def _agency_heading(title: str) -> list[str]:
    """Bodies named by a heading like "2. Sở Nội vụ" or "3. Đề nghị Ủy ban MTTQ …" ([] if none).

    A heading is a title, not a sentence, so its whole text up to ':' or '(' is the lead
    ("5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp").
    """
    text = title.strip()
    cue = CUE_RE.match(text)
    if cue:
        text = text[cue.end() :]
    lead_in = text.rstrip().endswith(":")
    text = re.split(r"\s*[:(]", text, maxsplit=1)[0].rstrip(" .")
    if not text or not is_agency_subject(text, 0) or _TASK_IN_TITLE_RE.search(text):
        return []
    parsed = parse_bodies(text, 0, limit=len(text))
    if parsed is None:
        return []
    _, names, verb = parsed
    if re.search(r"\d{4}", text) or len(text.split()) > MAX_TITLE_LEAD_WORDS:
        return []  # names carry no years and are short: "… đăng ký giao ước thi đua năm 2024, …"
    if verb is not None and (cue or lead_in or len(text) > MAX_TITLE_LEAD_CHARS):
        return []  # a sentence ("1. Giao Ủy ban nhân dân tỉnh tổ chức …"), handled as a clause
    return split_bodies(text) if verb is not None else names


# --------------------------------------------------------------------------- 1. label groups


def _from_labels(items: list[_Item], ctx: _Context) -> list[Assignment]:
    """Label groups and the task bullets before them (since the last heading or group)."""
    out: list[Assignment] = []
    pending: list[_Item] = []
    heading: _Item | None = None
    i = 0
    while i < len(items):
        it = items[i]
        if not it.label:
            if it.heading:
                pending, heading = [], it
            elif pending and it.text[:1].islower():  # a paragraph split mid-sentence ("bảo\n\nvệ rừng")
                last = pending[-1]
                pending[-1] = _Item(
                    last.start, it.end, ctx.doc.text[last.start : it.end], last.bold, last.kind, last.body
                )
            elif not _FOOTNOTE_RE.match(it.text):
                pending.append(it)
            i += 1
            continue
        j = i
        while j + 1 < len(items) and (items[j + 1].label or _continues(items[j + 1])):
            j += 1
        if pending and pending[-1].text.rstrip().endswith(":"):
            pending = pending[-1:]  # "- Xác định trách nhiệm …:" is the lead-in the labels answer
        out.extend(_label_group(items[i : j + 1], pending, heading, ctx))
        pending = []
        i = j + 1
    return out


def _continues(it: _Item) -> bool:
    """A stray tail of a wrapped label value ("liên quan.") or a footnote between labels."""
    t = it.text
    return (not it.kind and t[:1].islower() and len(t) < 80) or bool(_FOOTNOTE_RE.match(t))


def _label_group(group: list[_Item], pending: list[_Item], heading: _Item | None, ctx: _Context) -> list[Assignment]:
    lead_val = coop_val = time_val = None
    lead_verb = False
    for it in group:
        text = it.text
        marks = list(LABEL_RE.finditer(text))
        for k, m in enumerate(marks):
            value = text[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(text)]
            if m.group("lead") and lead_val is None:
                lead_val = value
            elif m.group("coop") and coop_val is None:
                coop_val = value
            elif m.group("time") and time_val is None:
                time_val = value
    if lead_val is None or not lead_val.strip():
        return []  # "- Cơ quan thực hiện:" with the bodies in the items below (clauses)
    names, coop = _lead_value(lead_val)
    lead_verb = bool(coop) or "chủ trì" in fold(lead_val)
    if coop_val:
        coop += parse_label_value(coop_val, lead=False)
    deadline = clean_name(time_val) if time_val else None
    start, end = group[0].start, group[-1].end
    if group[0].label_at > 0:  # "2.1. Cải cách thể chế :\n- Cơ quan chủ trì: …" in one block
        first = group[0]
        return [ctx.assignment(start, end, names, coop, deadline, first.text[first.body : first.label_at])]
    if lead_verb or not pending:
        task = heading.text[heading.body :] if heading else None
        return [ctx.assignment(start, end, names, coop, deadline, task)]
    out = []
    for k, p in enumerate(pending):
        stop = end if k == len(pending) - 1 else p.end
        out.append(ctx.assignment(p.start, stop, names, coop, deadline, p.text[p.body :]))
    return out


def _lead_value(value: str) -> tuple[list[str], list[str]]:
    """Lead bodies (and partners) of a lead label: a plain list, or "X chủ trì, phối hợp với Y"."""
    parsed = parse_bodies(value.strip(), 0, limit=len(value))
    if parsed and parsed[2] in TASK_VERBS:
        _, names, _ = parsed
        return names, partners(value)
    return parse_label_value(value), []


# --------------------------------------------------------------------------- 2. agency headings


def _from_headings(items: list[_Item], ctx: _Context) -> list[Assignment]:
    out: list[Assignment] = []
    for i, it in enumerate(items):
        if not it.agency:
            continue
        rank = _RANK[it.kind] if it.kind else 0
        region: list[_Item] = []
        for nxt in items[i + 1 :]:
            if (nxt.kind and _RANK[nxt.kind] <= rank) or nxt.agency or _closing(nxt, ctx):
                break
            if not nxt.kind and any(r.kind for r in region):
                break  # an unnumbered paragraph after the items: the agency block is over
            region.append(nxt)
        if not region:
            region = [it]
        for sub in region:
            text = sub.text
            deadline = deadline_phrase(text)
            out.append(ctx.assignment(sub.start, sub.end, it.agency, partners(text), deadline, text[sub.body :]))
    return out


def _closing(it: _Item, ctx: _Context) -> bool:
    """The closing zone (Nơi nhận, signature) ends every agency block."""
    return bool(_CLOSING_RE.match(it.text))
