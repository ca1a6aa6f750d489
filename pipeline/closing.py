"""The closing zone: "Nơi nhận" list, signature block (authority form, title, signer), "./.".

ND30 puts "Nơi nhận:" bottom left and the signature bottom right (ô 7, 9b); Word files
make them two cells of one table row, .txt and markdown put one after the other, old .doc
transcripts interleave the two columns line by line. Lines (and column cells) after the
body are therefore classified one by one: a bullet is a recipient, "TM./KT./TL./TUQ./Q."
opens the signature, a caps title line or a known title is the signer's title, and the
last name-like line is the signer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lines import Line
from pipeline.sections import match_marker
from pipeline.segment_patterns import (
    AUTHORITY_RE,
    BULLET_RE,
    END_MARK_RE,
    LOWER_RE,
    MOTTO_RE,
    NAME_RE,
    NOI_NHAN_RE,
    SIGN_STAMP_RE,
    TAGLINE_RE,
    TITLE_LINE_RE,
)
from schemas import Recipient

#: How far after "Nơi nhận" (or the end marker) the signature may sit.
MAX_CLOSING_LINES = 60
#: A cell longer than this that is not a recipient is body text, not part of the closing.
MAX_CLOSING_CELL_CHARS = 100
#: Without "Nơi nhận" or "./.", look for a signature in this many last lines.
TAIL_LINES = 25
_FORMS = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q.", "T/M": "T/M", "K/T": "K/T", "T/L": "T/L"}


@dataclass
class Closing:
    """DocumentMeta fields of the closing zone and the lines it spans."""

    fields: dict = field(default_factory=dict)
    first: int | None = None  # index of the first closing line
    last: int | None = None


def parse_closing(text: str, lines: list[Line], lo: int) -> Closing:
    """Find "Nơi nhận" and the signature after line ``lo`` (the body start)."""
    out = Closing()
    noi = next(
        (
            i
            for i in range(lo, len(lines))
            if ("nhận" in lines[i].text or "NHẬN" in lines[i].text) and _has_noi_nhan(lines[i])
        ),
        None,
    )
    end_mark = _last_end_mark(lines, lo, noi if noi is not None else len(lines))
    if noi is not None:
        start = end_mark + 1 if end_mark is not None and 0 < noi - end_mark <= 6 else noi
        _scan(text, lines, start, min(len(lines), start + MAX_CLOSING_LINES), out)
    else:
        start = _tail_signature(lines, max(lo, (end_mark + 1) if end_mark is not None else len(lines) - TAIL_LINES))
        if start is not None:
            _scan(text, lines, start, min(len(lines), start + MAX_CLOSING_LINES), out)
    out.fields["end_marker"] = (
        END_MARK_RE.search(text, 0, lines[out.first].start if out.first is not None else len(text)) is not None
    )
    return out


def _has_noi_nhan(line: Line) -> bool:
    return any(NOI_NHAN_RE.match(c) for _, _, c in line.cell_texts())


def _ends_closing(cell: str) -> bool:
    """A letterhead, a numbered heading or a running paragraph: no longer the closing zone."""
    return len(cell) > MAX_CLOSING_CELL_CHARS or bool(
        MOTTO_RE.search(cell) or TAGLINE_RE.search(cell) or match_marker(cell)
    )


def _tail_signature(lines: list[Line], lo: int) -> int | None:
    """Without "Nơi nhận": the first line of a signature block (authority/title lines above a name)."""
    for i in range(len(lines) - 1, lo - 1, -1):
        last_cell = lines[i].cell_texts()[-1][2]
        if not NAME_RE.match(last_cell) or match_marker(last_cell):
            continue
        k, start = i - 1, None
        while k >= lo and i - k <= 6:
            cell = lines[k].cell_texts()[-1][2]
            if AUTHORITY_RE.match(cell) or TITLE_LINE_RE.match(cell):
                start = k
            elif not (SIGN_STAMP_RE.match(cell) or _caps(cell)):
                break
            k -= 1
        if start is not None:
            return start
    return None


def _caps(cell: str) -> bool:
    return 4 <= len(cell) <= 60 and not LOWER_RE.search(cell) and re.search(r"[A-ZĐ]", cell) is not None


def _last_end_mark(lines: list[Line], lo: int, hi: int) -> int | None:
    for i in range(hi - 1, lo - 1, -1):
        if END_MARK_RE.search(lines[i].text):
            return i
    return None


@dataclass
class _Scan:
    """What the closing scan has collected so far (see ``_scan``)."""

    text: str
    recipients: list[list[int]] = field(default_factory=list)  # [start, end] spans in doc.text
    authorities: list[tuple[str, str]] = field(default_factory=list)  # (form, body)
    titles: list[str] = field(default_factory=list)
    name: str | None = None
    in_list: bool = False  # inside the "Nơi nhận" list (a first-column line may continue an entry)
    seen_noi: bool = False
    last_kind: str = ""

    def take(self, kind: str, cell: str, col: int, s: int, e: int) -> str:
        """Record one classified cell; returns its kind (a caps line may join the authority)."""
        if kind == "noi":
            self.in_list = self.seen_noi = True
            m = NOI_NHAN_RE.match(cell)
            rest = cell[m.end() :]
            if rest.strip() and BULLET_RE.match(rest.strip()):
                self.recipients.append([s + m.end() + len(rest) - len(rest.lstrip()), e])
            return kind
        if kind == "recipient":
            self.recipients.append([s, e])
            return kind
        if kind == "continuation":
            self.recipients[-1][1] = e
            return kind
        if kind != "stamp":
            self.in_list = self.in_list and col > 0  # a signature cell in the first column ends the list
        if kind == "authority":
            m = AUTHORITY_RE.match(cell)
            form = (m.group("form") or m.group("form2")).upper()
            self.authorities.append((_FORMS.get(form, form), (m.group("body") or m.group("body2")).strip()))
        elif kind == "caps" and self.last_kind == "authority" and self.authorities and not TITLE_LINE_RE.match(cell):
            form, body = self.authorities[-1]  # a wrapped authority line: "TM. ỦY BAN NHÂN" / "DÂN"
            self.authorities[-1] = (form, f"{body} {cell}")
            kind = "authority"
        elif kind in ("caps", "title"):
            self.titles.append(cell)
        elif kind == "name" and (self.authorities or self.titles or self.name is None):
            self.name = cell
        return kind

    def fields(self) -> dict:
        f: dict = {}
        if self.recipients:
            f["recipients"] = [r for r in (_recipient(self.text, a, b) for a, b in self.recipients) if r is not None]
        if self.titles:
            f["signer_title"] = " ".join(self.titles[-1].split()).rstrip(" ,")
        if self.authorities:
            f["signer_authority"] = self.authorities[-1][0]
            outer = next((b for fm, b in self.authorities if fm in ("TM.", "T/M")), self.authorities[-1][1])
            f["signer_on_behalf_of"] = " ".join(outer.split()).rstrip(" ,")
        if self.name:
            f["signer_name"] = _undouble(self.name)
        return f


def _scan(text: str, lines: list[Line], lo: int, hi: int, out: Closing) -> None:
    """Classify each cell of lines[lo:hi] as recipient, authority, title, stamp or name."""
    acc = _Scan(text)
    used: list[int] = []
    for i in range(lo, hi):
        if MOTTO_RE.search(lines[i].text) or TAGLINE_RE.search(lines[i].text):
            break  # the letterhead of an attached document
        over = False
        for col, (s, e, cell) in enumerate(lines[i].cell_texts()):
            kind = _classify(cell, acc.in_list and col == 0, acc.seen_noi, acc.recipients, text)
            if acc.name is not None and kind in ("authority", "title", "caps"):
                kind = "other"  # a letterhead or heading after the signer: an attached document
            if kind == "other":
                over = acc.name is not None or _ends_closing(cell)
                if over:
                    break  # the closing is over (appendix, attached document)
                continue
            acc.last_kind = acc.take(kind, cell, col, s, e)
            used.append(i)
        if over:
            break
    if used:
        out.first, out.last = min(used), max(used)
        out.fields.update(acc.fields())


def _classify(cell: str, in_list: bool, seen_noi: bool, recipients: list[list[int]], text: str) -> str:
    """One of noi, recipient, continuation, authority, title, caps, stamp, name, other.

    Once "Nơi nhận" was seen every bullet is a recipient, even when signature cells of the
    other column come in between (old .doc layouts interleave the two columns line by line);
    only a first-column cell can continue a wrapped recipient.
    """
    if NOI_NHAN_RE.match(cell):
        return "noi"
    if MOTTO_RE.search(cell) or TAGLINE_RE.search(cell):
        return "other"  # the letterhead of an attached document: the closing is over
    if BULLET_RE.match(cell):
        return "recipient" if seen_noi else "other"
    if AUTHORITY_RE.match(cell):
        return "authority"
    if SIGN_STAMP_RE.match(cell):
        return "stamp"
    if TITLE_LINE_RE.match(cell):
        return "title"
    if in_list and recipients and _continues(cell, text[recipients[-1][1] - 1]):
        return "continuation"
    if NAME_RE.match(cell) and not match_marker(cell):
        return "name"
    if _caps(cell):
        return "caps"
    return "other"


def _continues(cell: str, prev_end: str) -> bool:
    """A wrapped recipient: the previous entry did not end with ';' or '.', or this starts lower-case."""
    return prev_end not in ";." or cell[:1].islower()


def _recipient(text: str, a: int, b: int) -> Recipient | None:
    """Recipient text without the bullet and the closing ';' or '.', span exact."""
    raw = text[a:b]
    s = a + len(raw) - len(raw.lstrip("-+•* "))
    e = b - (len(raw) - len(raw.rstrip(" ;.,")))
    if e <= s:
        return None
    return Recipient(text=text[s:e], span=(s, e))


def _undouble(name: str) -> str:
    """'Phạm Xuân Vinh Phạm Xuân Vinh' (a name printed twice, joined by a reader) → once."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name
