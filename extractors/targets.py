"""Targets and reported results: indicator + figure + role, one item per figure.

Reads ``doc.quantities``. The document text is cut into clauses (";", sentence ends, list
items, blocks); each figure that can carry an indicator (a unit, a percentage, a rank)
becomes a Target whose ``text``/``span`` is its clause and ``quantity_span`` the figure.
A clause with several figures ("ước đạt 368.000 tấn, đạt 100% kế hoạch, tăng 11,75% so
cùng kỳ") yields one target per figure, all sharing the clause span (dev-eval README).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from extractors.base import Extractor
from extractors.indicators import Totals, breakdown_name, indicator_key, indicator_name
from extractors.patterns import targets as P
from extractors.patterns.quantities import NON_TARGET_UNITS
from extractors.quantities import Locator
from schemas import ExtractedDocument
from schemas.items import Comparator, Quantity, QuantityKind, Role, Target

VERSION = "targets.v1"
#: Characters before a figure searched for its role cue when the clause gives none.
ROLE_WINDOW = 60
#: Units that never make a target on their own (durations, ages).
_NOT_TARGET_KINDS = {QuantityKind.DURATION, QuantityKind.AGE}
#: How far back (characters) in its list item a figure looks for a past-tense verb.
PAST_REACH = 300
#: How far back (characters) in its list item a figure looks for its year.
YEAR_REACH = 400
#: An all-capitals clause at least this long is a title.
TITLE_MIN_CHARS = 12
#: A clause is cut to this many characters on each side of its figure.
CLAUSE_REACH = 600
#: How far back (characters) in its list item a figure looks for a shared head or total.
UNIT_REACH = 1500
#: How far (characters) a heading's year reaches down into its body.
HEADING_REACH = 15000


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    unit_start: int  # start of the list item / paragraph the clause belongs to


def extract_targets(doc: ExtractedDocument) -> dict[str, list[Target]]:
    """Extractor entry point: ``{"targets": [...]}`` built from ``doc.quantities``."""
    if not doc.quantities:
        return {"targets": []}
    text = doc.text
    clauses = _clauses(doc)
    clause_starts = [c.start for c in clauses]
    headings = _headings(text)
    ctx = _DocContext(doc, headings)
    loc = Locator(doc)
    out: list[Target] = []
    prev_in_clause: dict[int, Target] = {}
    prev_in_unit: dict[int, Target] = {}
    totals = Totals()
    for q in doc.quantities:
        ci = bisect.bisect_right(clause_starts, q.span[0]) - 1
        if ci < 0:
            continue
        clause = clauses[ci]
        prev = prev_in_clause.get(ci)
        target = _target(text, q, clause, prev, prev_in_unit.get(clause.unit_start), ctx, loc, totals)
        if target is None:
            continue
        out.append(target)
        pair = _plan_of_pair(q, target)
        if pair is not None:
            out.append(pair)
        prev_in_clause[ci] = target
        prev_in_unit[clause.unit_start] = target
        totals.first_unit.setdefault(target.indicator, target.unit_canonical)
    return {"targets": out}


def _plan_of_pair(q: Quantity, target: Target) -> Target | None:
    """'12.375,3/10.200 triệu đồng' is actual/plan: the part after '/' is a plan value."""
    den = q.denominator
    if q.kind is not QuantityKind.RATIO or den is None:
        return None
    if not (q.value > den or (q.unit_canonical or "") in ("đồng", "USD")):
        return None  # "553/553 nhà", "93/10.345 học sinh": a part of a whole
    if target.role in (Role.TARGET, Role.ESTIMATE):
        target.role = Role.ACTUAL
    canonical = target.value_canonical / q.value * den if target.value_canonical is not None and q.value else None
    update = {"value": den, "denominator": None, "value_canonical": canonical, "role": Role.PLAN}
    return target.model_copy(update=update | {"comparator": Comparator.EQ})


# ---------------------------------------------------------------------------
# clauses and headings


def _clauses(doc: ExtractedDocument) -> list[Clause]:
    """Cut the text into clauses; each knows the list item (unit) it belongs to."""
    text = doc.text
    cuts = {0, len(text)}
    units = {0}
    for b in doc.blocks:
        cuts.update((b.start, b.end))
        units.add(b.start)
    for m in P.CLAUSE_END_RE.finditer(text):
        cuts.add(m.end())
        if "\n" in m.group():
            units.add(m.end())
    ordered = sorted(cuts)
    unit_list = sorted(units)
    out = []
    for s, e in zip(ordered, ordered[1:], strict=False):
        u = unit_list[bisect.bisect_right(unit_list, s) - 1]
        out.append(Clause(s, e, u))
    return out


def _headings(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group("title")) for m in P.HEADING_RE.finditer(text) if len(m.group("title")) < 160]


class _DocContext:
    """What the whole document says about roles and years (headings, title year)."""

    def __init__(self, doc: ExtractedDocument, headings: list[tuple[int, str]]) -> None:
        self.heading_starts = [h[0] for h in headings]
        self.headings = headings
        self.text = doc.text
        title = doc.meta.subject or doc.text[:1500]
        self.year = first_year(title)
        if self.year is None:
            years = Counter(y for y in (_year_of(m) for m in P.YEAR_RE.finditer(doc.text[:3000])) if y)
            self.year = years.most_common(1)[0][0] if years else None
        j = doc.jurisdiction
        self.scope = None
        if j.district:
            self.scope = f"{j.district_kind or 'huyện'} {j.district}"
        elif j.province:
            self.scope = f"tỉnh {j.province}"

    def year_for(self, offset: int, unit_start: int, clause_text: str) -> int | None:
        """The figure's year: its clause, its list item, then the headings above it, the title."""
        y = first_year(clause_text)
        if y is None:
            y = last_year(self.text[max(unit_start, offset - YEAR_REACH) : offset])
        if y is None:
            i = bisect.bisect_right(self.heading_starts, offset) - 1
            while y is None and i >= 0 and offset - self.heading_starts[i] < HEADING_REACH:
                y = first_year(self.headings[i][1])
                i -= 1
        return y if y is not None else self.year

    def descriptive(self, offset: int) -> bool:
        """Under a heading like 'Đặc điểm tình hình' (area, population, neighbours)."""
        i = bisect.bisect_right(self.heading_starts, offset) - 1
        return i >= 0 and bool(P.DESCRIPTIVE_TITLE_RE.search(self.headings[i][1]))

    def default_role(self, offset: int) -> Role:
        """Reported result under a 'Kết quả / Đánh giá' heading, else a target."""
        i = bisect.bisect_right(self.heading_starts, offset) - 1
        while i >= 0:
            title = self.headings[i][1]
            if P.PLAN_TITLE_RE.search(title):
                return Role.TARGET
            if P.REPORT_TITLE_RE.search(title):
                return Role.ACTUAL
            i -= 1
        return Role.TARGET


# ---------------------------------------------------------------------------
# one figure


def _target(
    text: str,
    q: Quantity,
    clause: Clause,
    prev: Target | None,
    prev_unit: Target | None,
    ctx: _DocContext,
    loc: Locator,
    totals: Totals,
) -> Target | None:
    """The target a figure carries, or None when the figure is not a target."""
    qs, qe = q.span
    item = clause.unit_start  # identity of the list item, for breakdowns
    clause = _window(text, clause, qs, qe)
    left_start = max(prev.quantity_span[1], clause.start) if prev is not None and prev.quantity_span else clause.start
    left = text[left_start:qs]
    unit = _unit_for(text, q, left, prev if prev is not None else prev_unit)
    if unit is None or _excluded(text, q, left, clause, ctx):
        return None
    span_s, span_e = _trim_clause(text, clause)
    span_s, span_e = min(span_s, qs), max(span_e, qe)
    indicator = indicator_name(text, q, left, clause, prev, prev_unit)
    indicator = breakdown_name(left, item, prev or prev_unit, indicator, unit[1], totals)
    role = _role(text, q, left, clause.unit_start, ctx, unit[1])
    comparator = _comparator(q, left)
    role, comparator = _relate_to_previous(q, left, prev, role, comparator)
    clause_text = text[span_s:span_e]
    period_m = P.PERIOD_RE.search(clause_text)
    return Target(
        text=clause_text,
        span=(span_s, span_e),
        **loc.provenance(span_s),
        indicator=indicator,
        indicator_key=indicator_key(indicator),
        value=q.value,
        value_max=q.value_max,
        denominator=q.denominator,
        unit=unit[0],
        unit_canonical=unit[1],
        value_canonical=q.value_canonical,
        comparator=comparator,
        role=role,
        direction=_direction(left),
        year=ctx.year_for(qs, clause.unit_start, clause_text),
        period=period_m.group() if period_m else None,
        scope=ctx.scope,
        quantity_span=(qs, qe),
    )


def _unit_for(text: str, q: Quantity, left: str, neighbour: Target | None) -> tuple[str | None, str | None] | None:
    """(unit, canonical) of a target figure; None when the figure cannot carry an indicator."""
    if _is_candidate(q):
        return q.unit, q.unit_canonical
    if q.unit is not None:
        return None
    if q.kind is QuantityKind.RATIO:
        noun = _ratio_noun(text, q)  # "13/20 nguồn thu"
        return (" ".join(noun.split()), None) if noun else None
    if q.kind is not QuantityKind.NUMBER:
        return None
    if P.SCORE_BEFORE_RE.search(left):
        return "điểm", "điểm"  # "Tổng điểm: 70.43"
    if neighbour is not None and neighbour.unit and _labelled(text, left, q.span[1]):
        return neighbour.unit, neighbour.unit_canonical  # "… 1096 văn bản, hết hiệu lực 727"
    return None


def _excluded(text: str, q: Quantity, left: str, clause: Clause, ctx: _DocContext) -> bool:
    """Descriptive facts, titles, and counts that pick things out ("trong 6 huyện")."""
    if P.DESCRIPTIVE_RE.search(left[-ROLE_WINDOW:]) or _is_title(text, clause) or ctx.descriptive(q.span[0]):
        return True
    return (
        q.kind in (QuantityKind.NUMBER, QuantityKind.RATIO)
        and bool(q.unit)
        and bool(P.COUNT_NOT_FIGURE_RE.search(left))
    )


def _comparator(q: Quantity, left: str) -> Comparator:
    if q.value_max is not None:
        return Comparator.RANGE
    if q.comparator is not Comparator.EQ:
        return q.comparator
    bound = P.BOUND_RE.search(left[-ROLE_WINDOW:])  # "ít nhất vào năm 2025 đạt 40%"
    if bound:
        return Comparator(bound.lastgroup)
    return Comparator.APPROX if P.ESTIMATE_RE.search(left) else Comparator.EQ


def _relate_to_previous(
    q: Quantity, left: str, prev: Target | None, role: Role, comparator: Comparator
) -> tuple[Role, Comparator]:
    """Roles that follow from the figure before: actual/plan pairs, (x%) of plan, shared 'ước'."""
    if prev is None:
        return role, comparator
    if left.strip() == "/":  # "560 tỷ đồng/690 tỷ đồng": actual / plan
        if prev.role in (Role.TARGET, Role.ESTIMATE):
            prev.role = Role.ACTUAL
        return Role.PLAN, comparator
    plain = role in (Role.ACTUAL, Role.TARGET, Role.ESTIMATE)
    if (
        q.kind is QuantityKind.PERCENT
        and prev.role in (Role.ACTUAL, Role.ESTIMATE)
        and plain
        and P.PAREN_ONLY_RE.match(left)
    ):
        return Role.PERCENT_OF_PLAN, comparator  # "Thực hiện năm 2023: 72,072 tỷ đồng (94,34%)"
    if prev.role is Role.ESTIMATE and role in (Role.ACTUAL, Role.TARGET) and not P.OWN_VERB_RE.search(left):
        # "ước cả năm có 1.600 doanh nghiệp …, vốn đăng ký 9.700 tỷ đồng"
        return Role.ESTIMATE, Comparator.APPROX if comparator is Comparator.EQ else comparator
    return role, comparator


def _year_of(m: re.Match) -> int | None:
    y = m.group("y") or m.group("end")
    return int(y) if y else None


def first_year(s: str) -> int | None:
    """First year tied to a figure in ``s``.

    >>> first_year("Tăng 9,96% so với cùng kỳ năm 2023; giai đoạn 2026 - 2030, tầm nhìn đến năm 2045")
    2030
    """
    if "19" not in s and "20" not in s:
        return None
    for m in P.YEAR_RE.finditer(s):
        y = _year_of(m)
        if y:
            return y
    return None


def last_year(s: str) -> int | None:
    if "19" not in s and "20" not in s:
        return None
    y = None
    for m in P.YEAR_RE.finditer(s):
        y = _year_of(m) or y
    return y


def _is_candidate(q: Quantity) -> bool:
    """A figure that can carry an indicator: a unit (not a bare duration or age), %, a rank."""
    base = (q.unit_canonical or "").split("/")[0]
    if q.kind in _NOT_TARGET_KINDS or base in NON_TARGET_UNITS:
        return "/" in (q.unit_canonical or "") and q.comparator is not Comparator.EQ  # "không quá 09 tháng/năm học"
    return bool(q.unit) or q.kind in (QuantityKind.PERCENT, QuantityKind.RANK)


def _ratio_noun(text: str, q: Quantity) -> str | None:
    """'13/20 nguồn thu': a ratio names what it counts with the word after it."""
    m = P.NEXT_WORD_RE.match(text, q.span[1])
    return m.group(1) if m else None


def _is_title(text: str, clause: Clause) -> bool:
    """An upper-case clause is a title ('DANH MỤC 01 THỦ TỤC HÀNH CHÍNH'): counts there name things."""
    s = text[clause.start : clause.end]
    return s.isupper() and len(s) >= TITLE_MIN_CHARS


def _labelled(text: str, left: str, end: int) -> bool:
    """A bare number named by the words before it and closed after it ("hết hiệu lực 727,")."""
    return bool(P.LABEL_END_RE.search(left)) and bool(P.BARE_CLOSE_RE.match(text, end))


def _window(text: str, clause: Clause, qs: int, qe: int) -> Clause:
    """The clause cut to CLAUSE_REACH characters around the figure, at word boundaries.

    Text without punctuation would otherwise make one huge clause and quadratic work.
    """
    start, end, unit_start = clause.start, clause.end, clause.unit_start
    if qs - start > CLAUSE_REACH:
        cut = text.find(" ", qs - CLAUSE_REACH, qs)
        start = cut + 1 if cut >= 0 else qs
    if end - qe > CLAUSE_REACH:
        cut = text.rfind(" ", qe, qe + CLAUSE_REACH)
        end = cut if cut >= 0 else qe
    if start == clause.start and end == clause.end and qs - unit_start <= UNIT_REACH:
        return clause
    return Clause(start, end, max(unit_start, min(start, qs - UNIT_REACH)))


def _trim_clause(text: str, clause: Clause) -> tuple[int, int]:
    s, e = clause.start, clause.end
    m = P.MARKER_RE.match(text, s, e)
    if m:
        s = m.end()
    while e > s and text[e - 1] in " \t\n;.,:*_":
        e -= 1
    return s, e


def _role(text: str, q: Quantity, left: str, unit_start: int, ctx: _DocContext, unit_canonical: str | None) -> Role:
    """Role from cues after the figure, then before it, then tense, then the section heading."""
    after = text[q.span[1] : q.span[1] + 60]
    if P.CHANGE_AFTER_RE.match(after):
        return Role.CHANGE
    if P.BASELINE_AFTER_RE.match(after):
        return Role.BASELINE
    if q.kind is QuantityKind.PERCENT and P.PLAN_AFTER_RE.match(after):
        return Role.PERCENT_OF_PLAN
    if q.kind is QuantityKind.RANK:
        return Role.RANK
    window = left[-ROLE_WINDOW:]
    cue = None
    for m in P.ROLE_BEFORE_RE.finditer(window):
        cue = m.lastgroup  # the closest cue wins
    if unit_canonical == "điểm":
        return Role.DEDUCTION if cue == "deduction" else Role.SCORE
    if cue and cue not in ("score", "deduction", "rank"):
        return Role(cue)
    if P.ACTUAL_LABEL_RE.search(window):
        return Role.ACTUAL
    if P.PAST_RE.search(text, max(unit_start, q.span[0] - PAST_REACH), q.span[0]):
        return Role.ACTUAL  # "đã giảm … từ 18 phòng xuống còn 13 ban; … từ 13 phòng xuống còn 11 phòng"
    return ctx.default_role(q.span[0])


def _direction(left: str) -> str | None:
    m = P.DIRECTION_RE.search(left[-ROLE_WINDOW:])
    if m is None:
        return None
    group = next(k for k, v in m.groupdict().items() if v is not None)
    return P.DIRECTIONS[int(group[1:])]


# ---------------------------------------------------------------------------
# indicator names


EXTRACTOR = Extractor(
    name="targets", version=VERSION, provides=("targets",), requires=("quantities",), extract=extract_targets
)
