"""Movements (phong trào thi đua) and awards (khen thưởng) with counts and the decision cited.

Movements are quoted names after a cue ("phong trào thi đua "Dân vận khéo"", lists after
"… do Thủ tướng Chính phủ phát động như:"); who launched them comes from the cue, from
"do … phát động" after the name, or from the heading above ("2.1. … phong trào thi đua do
Thủ tướng Chính phủ phát động"). Awards come in two shapes: grants ("UBND huyện khen thưởng
cho 12 tập thể và 11 cá nhân (tại Quyết định số 3618/QĐ-UBND ngày 26/11/2024)") and tallies
under a level line ("Cấp tỉnh: 02 Cờ; 05 Bằng khen cho tập thể …").
"""

from __future__ import annotations

import bisect
import re

from extractors.agencies import Locator
from extractors.base import Extractor
from extractors.patterns.awards import (
    COUNT_RE,
    DECISION_RE,
    FORM_BY_ALIAS,
    GRANT_RE,
    KIND_TALLY_RE,
    LAUNCH_HEADING_RE,
    LAUNCHED_AFTER_RE,
    LAUNCHERS,
    LEVEL_LINE_RE,
    LEVELS,
    MOVEMENT_CUE_RE,
    NEXT_QUOTE_RE,
    PERIOD_RE,
    QUOTED_RE,
    TALLY_FORM_RE,
    TALLY_NUM_RE,
)
from schemas import Award, ExtractedDocument, Movement

VERSION = "awards.v1"
#: How far after a movement name its launcher or period may be written.
AFTER_NAME_CHARS = 80
#: Blocks opening with a footnote mark repeat the body's tallies: skipped for tallies.
_FOOTNOTE_RE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]")
#: Cheap prefilter before the tally pattern: a block must name some form.
_TALLY_HINT_RE = re.compile(r"khen|cờ|chiến s|lđtt|lao động|huân chương|kỷ niệm chương")
_HEADING_RE = re.compile(r"^(?:[IVXL]+\.|\d+(?:\.\d+)*\.?)\s")
_WORD_LEVEL = {" ".join(w.split()).lower(): e["level"] for e in LEVELS for w in e["words"]}
_LAUNCHER = {" ".join(w.split()).lower(): e["name"] for e in LAUNCHERS for w in e["words"]}


def extract(doc: ExtractedDocument) -> dict:
    """Fill ``movements`` and ``awards`` for one document."""
    loc = Locator(doc)
    movements = _movements(doc, loc)
    return {"movements": movements, "awards": _awards(doc, loc, movements)}


EXTRACTOR = Extractor(
    name="awards", version=VERSION, provides=("movements", "awards"), extract=extract, requires=("references",)
)


# --------------------------------------------------------------------------- movements


def _movements(doc: ExtractedDocument, loc: Locator) -> list[Movement]:
    text = doc.text
    heading_by: list[tuple[int, str | None]] = []  # (offset, launcher) set by headings
    for b in doc.blocks:
        if _HEADING_RE.match(b.text) and len(b.text) < 200:
            m = LAUNCH_HEADING_RE.search(b.text)
            heading_by.append((b.start, " ".join(m.group("by").split()) if m else None))
    heading_starts = [h[0] for h in heading_by]
    out: list[Movement] = []
    for cue in MOVEMENT_CUE_RE.finditer(text):
        by = cue.group("by") or cue.group("of")
        pos = cue.end()
        while True:
            q = QUOTED_RE.match(text, pos)
            if not q:
                break
            out.append(_movement(doc, loc, q, by, heading_by, heading_starts))
            nxt = NEXT_QUOTE_RE.match(text, q.end())
            if not nxt:
                break
            pos = nxt.end()
    return out


def _movement(doc, loc, q: re.Match, by: str | None, heading_by, heading_starts) -> Movement:  # noqa: ANN001
    text = doc.text
    name = " ".join(q.group("name").split()).strip(" *,;")
    after = text[q.end() : q.end() + AFTER_NAME_CHARS]
    if by is None:
        m = LAUNCHED_AFTER_RE.match(after)
        if m:
            by = m.group("by")
    if by is None and heading_starts:
        i = bisect.bisect_right(heading_starts, q.start()) - 1
        by = heading_by[i][1] if i >= 0 else None
    by = " ".join(by.split()) if by else None
    period = PERIOD_RE.search(name) or PERIOD_RE.match(after.lstrip(" ,"))
    start, end = q.start() - 1, q.end()  # the quotes are part of the mention
    return Movement(
        text=text[start:end],
        span=(start, end),
        **loc.provenance(start),
        name=name,
        launched_by=by,
        launcher=_launcher(by),
        period=" ".join(period.group().split()) if period else None,
    )


def _launcher(by: str | None) -> str | None:
    """Canonical launcher of the first body named ("Thủ tướng Chính phủ, tỉnh" → Thủ tướng …)."""
    if not by:
        return None
    first = re.split(r"\s*,\s*|\s+và\s+", by)[0].lower()
    return _LAUNCHER.get(first) or _LAUNCHER.get(first.split()[-1]) if first else None


# --------------------------------------------------------------------------- awards


def _awards(doc: ExtractedDocument, loc: Locator, movements: list[Movement]) -> list[Award]:
    out = [_grant(doc, loc, m, movements) for m in GRANT_RE.finditer(doc.text) if not _proposed(doc.text, m)]
    out += _tallies(doc, loc)
    return sorted(out, key=lambda a: a.span)


def _proposed(text: str, m: re.Match) -> bool:
    """ "… đang đề nghị UBND huyện khen cho 05 tập thể" is a proposal, not an award."""
    return bool(re.search(r"đề\s+nghị\s*$", text[max(0, m.start() - 15) : m.start()]))


def _grant(doc: ExtractedDocument, loc: Locator, m: re.Match, movements: list[Movement]) -> Award:
    text = doc.text
    granter = " ".join(m.group("granter").split())
    counts = _counts(m.group("counts"))
    sentence_end = re.compile(r"\.(?=\s|$)|\n").search(text, m.end())
    stop = sentence_end.start() if sentence_end else len(text)
    tail = text[m.end() : stop]
    decisions = list(DECISION_RE.finditer(tail))
    end = m.end()
    if decisions:
        close = text.find(")", m.end() + decisions[-1].end(), stop)
        end = close + 1 if close != -1 else m.end() + decisions[-1].end()
    first = decisions[0] if decisions else None
    dec_text = " và ".join(" ".join(d.group("decision").split()) for d in decisions) or None
    return Award(
        text=text[m.start() : end],
        span=(m.start(), end),
        **loc.provenance(m.start()),
        level=_level_of(granter),
        form=None,
        granted_by=granter,
        collectives=counts.get("tập thể"),
        individuals=counts.get("cá nhân"),
        households=counts.get("hộ gia đình", counts.get("hộ")),
        decision=_decision_key(doc, m.end() + first.start(), first) if first else None,
        decision_text=dec_text,
        year=int(first.group("y")) if first and first.group("y") else None,
        movement=_movement_before(doc, movements, m.start()),
    )


def _counts(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in COUNT_RE.finditer(text):
        who = " ".join(c.group("who").split())
        out[who] = out.get(who, 0) + int(c.group("n"))
    return out


def _level_of(granter: str) -> str | None:
    low = granter.lower()
    if low in _WORD_LEVEL:
        return _WORD_LEVEL[low]
    for word in ("xã", "huyện", "tỉnh", "thị xã", "thành phố"):
        if re.search(rf"(?<!\w){word}(?!\w)", low):
            return {"thị xã": "huyện", "thành phố": "tỉnh"}.get(word, word)
    return "nhà nước" if "thủ tướng" in low or "chủ tịch nước" in low else None


def _decision_key(doc: ExtractedDocument, offset: int, d: re.Match) -> str:
    """Identity key of the decision: the references extractor's key for that span if it ran,
    else one built with the same function (issuer unresolved)."""
    for r in doc.references:
        if r.span[0] <= offset < r.span[1]:
            return r.key
    from extractors.reference_identity import reference_key

    date = f"{d.group('y')}-{int(d.group('m')):02d}-{int(d.group('d')):02d}" if d.group("y") else None
    return reference_key("Quyết định", d.group("number"), d.group("symbol"), None, date_iso=date)


def _movement_before(doc: ExtractedDocument, movements: list[Movement], offset: int) -> str | None:
    """The movement named in the same block just before an award ("Kết quả khen thưởng trong
    phong trào thi đua "X": UBND huyện khen thưởng …"), or in the lead-in block above it."""
    near = [m for m in movements if m.span[1] <= offset and offset - m.span[1] < 400]
    return near[-1].name if near else None


def _tallies(doc: ExtractedDocument, loc: Locator) -> list[Award]:
    """Tallies in award passages: blocks that speak of khen thưởng or carry a "Cấp …:" line,
    and the "→ …" / "+ …" lines that follow a level line."""
    out: list[Award] = []
    level: str | None = None
    for b in doc.blocks:
        low = b.text.lower()
        marks = _level_marks(b.text) if "cấp" in low else []  # the case-insensitive scan is slow: only where it can hit
        continued = level is not None and b.text.startswith(("→", "+", "-"))
        if not marks and not continued:
            level = None
        current = level
        if marks:
            level = marks[-1][1]
        if _FOOTNOTE_RE.match(b.text) or not (marks or continued or "khen" in low) or not _TALLY_HINT_RE.search(low):
            continue
        tallies = (*TALLY_NUM_RE.finditer(b.text), *TALLY_FORM_RE.finditer(b.text), *KIND_TALLY_RE.finditer(b.text))
        for m in sorted(tallies, key=lambda m: m.start()):
            here = [lv for pos, lv in marks if pos < m.start()]
            out.append(_tally(doc, loc, b.start, m, here[-1] if here else current))
    return out


def _level_marks(text: str) -> list[tuple[int, str]]:
    """Where "Cấp tỉnh:" lines set a level in ``text``, and the level."""
    return [(m.start(), _norm_level(m.group("level"))) for m in LEVEL_LINE_RE.finditer(text)]


def _norm_level(word: str) -> str:
    w = " ".join(word.split()).lower()
    return "nhà nước" if w in ("nhà nước", "trung ương") else w


def _tally(doc: ExtractedDocument, loc: Locator, base: int, m: re.Match, level: str | None) -> Award:
    groups = m.groupdict()
    if "counts" in groups:  # "Khen thưởng chuyên đề: 208 tập thể; 258 cá nhân"
        counts = _counts(m.group("counts"))
        form, coll, ind = " ".join(m.group("form").split()), counts.get("tập thể"), counts.get("cá nhân")
    else:
        raw_form = groups.get("form") or groups.get("form2")
        entry = FORM_BY_ALIAS[" ".join(raw_form.split()).lower()]
        n = int(groups.get("n1") or groups.get("n2"))
        who = " ".join((groups.get("who1") or groups.get("who2") or entry["recipient"] or "").split()).lower() or None
        form = entry["canonical"]
        coll, ind = (n, None) if who == "tập thể" else (None, n) if who == "cá nhân" else (None, None)
        level = level or entry["level"]
    start, end = base + m.start(), base + m.end()
    return Award(
        text=doc.text[start:end],
        span=(start, end),
        **loc.provenance(start),
        level=level,
        form=form,
        collectives=coll,
        individuals=ind,
    )
