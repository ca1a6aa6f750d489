"""Indicator names for targets: the words that say what a figure measures.

"Cơ cấu kinh tế: Nông nghiệp: 55-56%" → "Cơ cấu kinh tế - Nông nghiệp"; "Giữ vững 100% thôn
văn hóa" → "thôn văn hóa"; "…, trong đó: Nông nghiệp ước đạt: 1.100,76" → "Tổng giá trị sản
xuất - Nông nghiệp". ``indicator_key`` is the cross-document match key ("giường bệnh/lạ dân"
in seed 002 and "giường bệnh/vạn dân" in seed 001 share one key; so do OCR's "chỉ thường
xuyên" and the printed "chi thường xuyên", through the lexicon's ``key_terms``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from extractors.patterns import targets as P
from pipeline.normalize import fold_diacritics, name_key
from schemas.items import Quantity, QuantityKind, Target

_COMPONENT_WORDS = 8  # a "label:" of at most this many words is a component of a compound target
#: An indicator of at most this many words before the figure is only a verb: look after it.
SHORT_NAME_WORDS = 3
#: A compound target's head ("Cơ cấu kinh tế") is at most this long.
HEAD_WORDS = 12
#: Words taken after a count to name it ("05 trường đạt chuẩn Quốc gia" → "Số trường đạt chuẩn Quốc gia").
AFTER_NAME_WORDS = 8


class ClauseLike(Protocol):
    start: int
    end: int
    unit_start: int


@dataclass
class Totals:
    """What a "trong đó:" breakdown needs: the open total per list item, each name's first unit."""

    open: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # list item -> (total, unit)
    first_unit: dict[str, str | None] = field(default_factory=dict)  # indicator -> unit of its first figure


def indicator_name(
    text: str, q: Quantity, left: str, clause: ClauseLike, prev: Target | None, prev_unit: Target | None
) -> str:
    """The name before the figure; compound 'Head: Part: figure' gives 'Head - Part'.

    When the words before are only a verb ("Giữ vững 100% thôn văn hóa", "xây dựng thêm
    05 trường đạt chuẩn"), the noun phrase after the figure names it.
    """
    if prev is not None and (P.PLAN_AFTER_RE.match(left) or P.CHANGE_AFTER_RE.match(left)):
        left = left.split(",", 1)[1] if "," in left else ""  # "…, đạt 105% dự toán tỉnh giao, bằng 98%"
    raw = [p for p in left.split(":")[-3:] if not P.TOPIC_RE.match(p)]  # "Về văn hóa:" is a topic
    parts = [_clean(p) for p in raw]
    parts = [p for p in parts if p and not P.ROLE_LABEL_RE.match(p)]
    own = parts[-1] if parts else ""
    if len(own.split()) <= SHORT_NAME_WORDS and not P.LABEL_COLON_RE.search(left):
        named = _noun_after(text, q)
        if named:
            return named
    head = None
    if own and len(own.split()) <= _COMPONENT_WORDS:
        head = parts[-2] if len(parts) >= 2 else _unit_head(text, clause.unit_start, q.span[0])
    if head and len(head.split()) <= HEAD_WORDS and head != own:
        return f"{head} - {own}"
    if own:
        return own
    for p in (prev, prev_unit):
        if p is not None:
            return p.indicator
    return _clean(text[clause.unit_start : clause.start]) or ""


def breakdown_name(
    left: str, item: int, before: Target | None, indicator: str, canonical: str | None, totals: Totals
) -> str:
    """'Tổng X ước đạt …, trong đó: Nông nghiệp …: 1.100,76' names the part 'Tổng X - Nông nghiệp'.

    The parts share the total's unit; a named figure in another unit ends the breakdown
    ("…: 270 tấn; thu ngân sách: 19 đến 20 tỷ đồng" is not a part of the tonnage).
    """
    if before is not None and P.BREAKDOWN_RE.search(left):
        total = before.indicator.split(" - ")[0]
        totals.open[item] = (total, totals.first_unit.get(total, before.unit_canonical))
    parent = totals.open.get(item)
    if not parent or not indicator or indicator.startswith(parent[0]):
        return indicator
    if canonical != parent[1]:
        del totals.open[item]
        return indicator
    if len(indicator.split()) <= _COMPONENT_WORDS and (P.LABEL_COLON_RE.search(left) or P.BREAKDOWN_RE.search(left)):
        return f"{parent[0]} - {indicator}"
    return indicator


def _noun_after(text: str, q: Quantity) -> str | None:
    """The noun phrase a figure opens: '95% hộ đạt gia đình văn hóa', '05 trường đạt chuẩn'."""
    if q.kind is QuantityKind.PERCENT:
        m = P.PERCENT_NOUN_RE.match(text, q.span[1], q.span[1] + 130)
        return (_clean(m.group("phrase")) or None) if m else None
    if q.unit and q.kind is QuantityKind.NUMBER and "/" not in q.unit:
        m = P.PERCENT_NOUN_RE.match(text, q.span[1], q.span[1] + 130)
        words = _clean(m.group("phrase")).split()[:AFTER_NAME_WORDS] if m else []
        return f"Số {q.unit} {' '.join(words)}" if words else None
    return None


def _unit_head(text: str, unit_start: int, at: int) -> str | None:
    """'Head: Part: figure; Part: figure' — a list item's head is shared by all its parts."""
    if text.count(":", unit_start, at) < 2:
        return None
    colon = text.index(":", unit_start, at)
    first = text[unit_start:colon]
    second = text[colon + 1 : text.index(":", colon + 1, at)]
    if P.TOPIC_RE.match(first) or P.DIGIT_RE.search(second):
        return None  # "Số giường bệnh/vạn dân: 19,3 giường; số bác sỹ/vạn dân: 7" is two items, not a head
    head = _clean(first)
    return head if head and not P.ROLE_LABEL_RE.match(head) else None


def _clean(s: str) -> str:
    s = P.NOISE_RE.sub(" ", s).strip()
    m = P.MARKER_RE.match(s)
    if m:
        s = s[m.end() :]
    prev = None
    while prev != s:
        prev = s
        s = P.TRIM_END_RE.sub("", s).strip()
        s = P.TRIM_START_RE.sub("", s).strip()
    if s.count("(") > s.count(")"):
        s = s[: s.rindex("(")].strip()
    return s


def indicator_key(indicator: str) -> str | None:
    """Match key of the indicator's head noun phrase, for cross-document timelines.

    >>> indicator_key("Số giường bệnh/lạ dân")
    'số giường bệnh/vạn dân'
    >>> indicator_key("Tỷ lệ hộ nghèo đến cuối năm 2024")
    'tỷ lệ hộ nghèo'
    >>> indicator_key("Chỉ trả trợ cấp") == indicator_key("Chi trả trợ cấp")
    True
    """
    s = indicator
    for wrong, right in P.KEY_FIXES:
        s = wrong.sub(right, s)
    s = P.KEY_DROP_RE.sub("", s)
    key = _restore_terms(P.SLASH_RE.sub("/", name_key(s)))
    return key or None


def _restore_terms(key: str) -> str:
    """Spell the lexicon's indicator terms in a key as the lexicon does, whatever marks they had.

    A one-mark slip (OCR's "chỉ" for "chi", "tống" for "tổng") then keys like the printed
    term; folding keeps the length of precomposed text, so offsets carry over.

    >>> _restore_terms("chỉ thường xuyên ngân sách huyện")
    'chi thường xuyên ngân sách huyện'
    >>> _restore_terms("tống số lượt tiếp công dân")
    'tổng số lượt tiếp công dân'
    """
    folded = fold_diacritics(key)
    if len(folded) != len(key):
        return key
    return "".join(_splice(key, folded))


def _splice(key: str, folded: str) -> Iterator[str]:
    """The key's pieces, each term found in its folded twin replaced by the lexicon's spelling."""
    at = 0
    for m in P.KEY_TERM_RE.finditer(folded):
        yield key[at : m.start()]
        yield P.KEY_TERMS[m.group()]
        at = m.end()
    yield key[at:]
