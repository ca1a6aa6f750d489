"""The header zone: quốc hiệu, issuing body, "Số: …", place and date, type title, trích yếu, "Kính gửi".

ND30 (Phụ lục I, ô 1–5, 9a) prints these in a two-column table; readers give them to us in
any order within the zone (docx cells left then right, PDF columns interleaved, .doc
transcripts with both columns on one line, TVPL markdown with "|" between cells). So the
zone is read in two passes: first the *title line* (KẾ HOẠCH, QUYẾT ĐỊNH …) splits it into
a letterhead above and the trích yếu below; then the letterhead is searched with
patterns that tolerate wrapped lines, and what no pattern claimed is the issuing body.
A công văn has no title: its letterhead runs to the first body line, and its trích yếu is
the "V/v …" under the number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.issuers import normalize_issuer
from pipeline.lines import Line
from pipeline.sections import match_marker
from pipeline.segment_patterns import (
    AUTHORITY_LINE_RE,
    BARE_DATE_RE,
    BODY_HEAD_RE,
    BODY_START_RE,
    BULLET_RE,
    DATE_LINE_RE,
    KINH_GUI_RE,
    LOWER_RE,
    MOTTO_RE,
    NUMBER_RE,
    PARTY_RE,
    RULE_LINE_RE,
    RUNNING_HEAD_RE,
    STAMP_RE,
    TAGLINE_RE,
    VV_RE,
    doc_titles,
    title_re,
)
from schemas import Block, DateParts, Problem

#: The title must appear within this many lines (a letterhead is never longer).
MAX_HEADER_LINES = 40
#: A line this long that is not a trích yếu is body text.
MAX_HEADER_LINE_CHARS = 220
#: A trích yếu continued in the next block: that block is one line up to this long.
MAX_SUBJECT_LINE_CHARS = 120
_LOCALITY_RE = re.compile(r"^(?:tỉnh|huyện|thành\s+phố|xã|quận|phường|thị\s+xã|thị\s+trấn|TP\.?)\b", re.I)


@dataclass
class Header:
    """What the header zone yielded: DocumentMeta fields, the lines it used, problems."""

    fields: dict = field(default_factory=dict)
    used: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def end(self) -> int:
        """Index of the first body line."""
        return max(self.used) + 1 if self.used else 0


def parse_header(text: str, lines: list[Line], blocks: list[Block]) -> Header:
    """Read the header zone at the top of ``lines`` (see module docstring)."""
    head = Header()
    limit = min(len(lines), MAX_HEADER_LINES)
    title_at, stop = _find_title(lines, limit)
    region_end = title_at if title_at is not None else stop
    _read_letterhead(text, lines, region_end, head)
    if title_at is not None:
        _read_title(lines, title_at, head)
        nxt = _read_subject(lines, title_at + 1, blocks, head)
    else:
        nxt = head.end
    _read_kinh_gui(lines, nxt, head)
    return head


def _find_title(lines: list[Line], limit: int) -> tuple[int | None, int]:
    """(index of the type title line or None, index where the letterhead search must stop)."""
    for i in range(limit):
        t = lines[i].text
        if is_title_line(t):
            return i, i
        if BODY_START_RE.match(t) or match_marker(t) or len(t) > MAX_HEADER_LINE_CHARS or NUMBER_RE.match(t) and i > 25:
            return None, i
    return None, limit


def is_title_line(t: str) -> bool:
    """True for a document-type title line ("KẾ HOẠCH", "QUYẾT ĐỊNH của …"), not "QUYẾT ĐỊNH:"."""
    m = title_re().match(t)
    if not m:
        return False
    kind, extra = m.group("type"), m.group("extra")
    if extra and not extra.isupper():
        return False
    # caps (ND30), or with its issuer / lower-cased / the bare word (old .doc transcripts)
    return kind.isupper() or m.group("of") is not None or t.islower() or not extra


def _read_title(lines: list[Line], i: int, head: Header) -> None:
    m = title_re().match(lines[i].text)
    raw = " ".join(m.group("raw").split())
    key = " ".join(m.group("type").split()).upper()
    canonical = next((c for t, c in doc_titles() if t == key), None)
    head.fields.update(doc_type=canonical, doc_type_raw=raw)
    head.used.add(i)


def _read_subject(lines: list[Line], i: int, blocks: list[Block], head: Header) -> int:
    """Trích yếu: the lines after the title up to the body; returns the next line index.

    It may go on in the next blocks when a PDF reader gives each centred line its own block:
    short lines in the same (bold) style, or a line starting lower-case.
    """
    if i >= len(lines):
        return i
    first = lines[i]
    if _ends_subject(first.text):
        return i
    caps = not LOWER_RE.search(first.text)
    j = i + 1
    while j < len(lines) and lines[j].block == first.block and not _ends_subject(lines[j].text):
        if caps and LOWER_RE.search(lines[j].text):
            break
        j += 1
    while j < len(lines) and lines[j].first_in_block and _continues_subject(lines[j - 1], lines[j], blocks):
        j += 1
    subject = " ".join(" ".join(lines[k].text for k in range(i, j)).split())
    if len(subject) > 2 * MAX_HEADER_LINE_CHARS:
        return i
    head.fields["subject"] = subject
    head.used.update(range(i, j))
    return j


def _continues_subject(prev: Line, line: Line, blocks: list[Block]) -> bool:
    if not line.last_in_block or _ends_subject(line.text) or len(line.text) > MAX_SUBJECT_LINE_CHARS:
        return False
    if line.text[:1].islower() and prev.text[-1:] not in ".:;":
        return True
    a, b = blocks[prev.block].style, blocks[line.block].style
    return bool(a.bold) and bool(b.bold) and a.font_size == b.font_size and a.italic == b.italic


def _ends_subject(t: str) -> bool:
    return bool(BODY_START_RE.match(t) or KINH_GUI_RE.match(t) or t == "Kính" or match_marker(t)
                or AUTHORITY_LINE_RE.match(t) or RULE_LINE_RE.match(t) or BULLET_RE.match(t))  # fmt: skip


def _read_kinh_gui(lines: list[Line], i: int, head: Header) -> None:
    """'Kính gửi: X' or 'Kính gửi:' followed by '- X;' lines (label may wrap: 'Kính\\ngửi:')."""
    while i < len(lines) and RULE_LINE_RE.match(lines[i].text):
        i += 1
    if i >= len(lines):
        return
    t = lines[i].text
    used = [i]
    if t == "Kính" and i + 1 < len(lines) and lines[i + 1].text.startswith("gửi"):
        i += 1
        used.append(i)
        t = "Kính " + lines[i].text
    m = KINH_GUI_RE.match(t)
    if not m:
        return
    entries: list[str] = []
    rest = t[m.end() :].strip()
    if rest:
        entries.append(rest)
    j = i + 1
    while j < len(lines) and j - i < 30:
        nt = lines[j].text
        if BULLET_RE.match(nt):
            entries.append(nt)
        elif entries and lines[j].block == lines[j - 1].block and not BODY_START_RE.match(nt) and not match_marker(nt):
            entries[-1] += " " + nt
        else:
            break
        used.append(j)
        j += 1
    head.fields["addressees"] = [_clean_entry(e) for e in entries if _clean_entry(e)]
    head.used.update(used)


def _clean_entry(e: str) -> str:
    return " ".join(e.lstrip("-+•* ").split()).rstrip(" ;.,")


def _read_letterhead(text: str, lines: list[Line], end: int, head: Header) -> None:
    """Motto, number, date, V/v and issuer from lines[:end] (columns in any order)."""
    if end <= 0:
        return
    lo, hi = lines[0].start, lines[end - 1].end
    region = text[lo:hi]
    claimed: list[tuple[int, int]] = []
    f = head.fields
    for rx, flag in ((MOTTO_RE, "national_motto"), (TAGLINE_RE, None), (PARTY_RE, "party_document")):
        for m in rx.finditer(region):
            claimed.append((lo + m.start(), lo + m.end()))
            if flag:
                f[flag] = True
    number_line = None
    m = NUMBER_RE.search(region)
    if m:
        raw = m.group("raw").rstrip(". ")
        f.update(_number_fields(raw))
        claimed.append((lo + m.start(), lo + m.start("raw") + len(raw)))
        number_line = _line_at(lines, lo + m.start())
    vv_lines = _read_vv(lines, end, claimed, head)
    claimed += [(lines[k].start, lines[k].end) for k in vv_lines]
    _read_date(text, lines, lo, hi, claimed, head)
    for s, e in claimed:
        head.used.update(k for k in range(end) if lines[k].start < e and s < lines[k].end)
    if not claimed:
        return  # no quốc hiệu, number or date: caps lines here are headings, not a letterhead
    stop = number_line if number_line is not None else end
    _read_issuer(lines, stop, claimed, vv_lines, head)


def _number_fields(raw: str) -> dict:
    """Split 'Số' into number / symbol ("15/QĐ-SNV", "/KH-UBND", "21/2025/NQ-HĐND", "12-KH/HU").

    >>> _number_fields("256 /2004/QĐ-UB")["symbol"]
    'QĐ-UB'
    """
    compact = re.sub(r"\s*([/-])\s*", r"\1", raw)
    m = re.match(r"^(?P<number>\d+[a-zA-Z]?)?(?:/(?P<year>(?:19|20)\d{2}))?[/-](?P<symbol>.+)$", compact)
    if not m:
        return {"number_symbol_raw": raw, "number": compact if compact.isdigit() else None}
    return {"number_symbol_raw": raw, "number": m.group("number"), "symbol": m.group("symbol")}


def _read_date(text: str, lines: list[Line], lo: int, hi: int, claimed: list[tuple[int, int]], head: Header) -> None:
    chars = list(text[lo:hi])
    for s, e in claimed:
        for k in range(s - lo, e - lo):
            if chars[k] != "\n":
                chars[k] = " "
    masked = "".join(chars)
    m = DATE_LINE_RE.search(masked) or BARE_DATE_RE.search(masked)
    if not m:
        return
    f = head.fields
    start = m.start()
    if "place" in m.groupdict() and m.group("place"):
        place = m.group("place")
        if "\n" in place and not LOWER_RE.search(place.split("\n")[0]):
            start += place.index("\n") + 1
            place = place.split("\n", 1)[1]
        f["place"] = " ".join(place.split())
    day, month, year = (int(g) if g else None for g in m.group("day", "month", "year"))
    f["issue_date_raw"] = " ".join(m.group("date").split())
    f["issue_date_parts"] = DateParts(year=year, month=month, day=day)
    try:
        f["issue_date"] = dt.date(year, month, day) if day and month and year else None
    except ValueError:
        f["issue_date"] = None
    if f["issue_date"] is None:
        head.problems.append(Problem(code="header.date_incomplete", stage="segment",
                                     message=f"issue date left blank or invalid: {f['issue_date_raw']!r}",
                                     span=(lo + m.start("date"), lo + m.end())))  # fmt: skip
    claimed.append((lo + start, lo + m.end()))


def _read_vv(lines: list[Line], end: int, claimed: list[tuple[int, int]], head: Header) -> set[int]:
    """Công văn trích yếu "V/v …" plus its wrapped lines in the same block."""
    for i in range(end):
        m = VV_RE.match(lines[i].text)
        if not m:
            continue
        parts = [m.group("text")]
        j = i + 1
        while (
            j < end
            and lines[j].block == lines[i].block
            and not _is_claimed(lines[j], claimed)
            and LOWER_RE.search(lines[j].text[:1] or "x")
        ):
            parts.append(lines[j].text)
            j += 1
        head.fields.setdefault("subject", " ".join(" ".join(parts).split()))
        head.fields.setdefault("doc_type", "Công văn")
        head.used.update(range(i, j))
        return set(range(i, j))
    return set()


def _read_issuer(lines: list[Line], stop: int, claimed: list[tuple[int, int]], skip: set[int], head: Header) -> None:
    """Caps lines of the letterhead left unclaimed: parent body above, issuing body below."""
    groups: list[list[str]] = []
    for i in range(stop):
        if i in skip:
            continue
        for s, _e, cell in lines[i].cell_texts():
            frag = _unclaimed(cell, s, claimed).strip(" |,")
            if not frag or RULE_LINE_RE.match(frag) or RUNNING_HEAD_RE.match(frag) or STAMP_RE.match(frag):
                continue
            if any(ch.isdigit() for ch in frag):  # reference codes ("XV80"), page numbers
                continue
            caps = not LOWER_RE.search(frag)
            head_word = BODY_HEAD_RE.match(frag) is not None
            if not (caps or head_word or (groups and _LOCALITY_RE.match(frag))) or len(frag) > 80:
                continue
            if head_word and groups and _complete(groups[-1]):
                groups.append([frag])
            elif groups:
                groups[-1].append(frag)
            else:
                groups.append([frag])
            head.used.add(i)
    if not groups:
        return
    issuer = " ".join(groups[-1])
    head.fields["issuer"] = issuer
    head.fields["issuer_normalized"] = normalize_issuer(issuer)
    if len(groups) > 1:
        head.fields["parent_issuer"] = " ".join(" ".join(g) for g in groups[:-1])


def _complete(group: list[str]) -> bool:
    """A body name that can stand alone (so a following head word opens a new body)."""
    name = " ".join(group)
    return len(name.split()) >= 2 and not re.search(r"\b(?:NHÂN|CHÍNH|ỦY|UỶ|HỘI)$", name, re.I)


def _unclaimed(cell: str, start: int, claimed: list[tuple[int, int]]) -> str:
    chars = list(cell)
    for s, e in claimed:
        for k in range(max(s, start), min(e, start + len(cell))):
            chars[k - start] = " "
    return "".join(chars)


def _is_claimed(line: Line, claimed: list[tuple[int, int]]) -> bool:
    return any(s < line.end and line.start < e for s, e in claimed)


def _line_at(lines: list[Line], offset: int) -> int | None:
    return next((k for k, ln in enumerate(lines) if ln.start <= offset <= ln.end), None)
