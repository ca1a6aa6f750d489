"""References: every citation of another document, with its parts, issuer, relation and key.

Find → describe → resolve, as eyecite does: candidates come from the number/symbol cores and
law names (:mod:`extractors.patterns.references`), each is widened to its type word and date
(the span convention of /work/shared/dev-eval: type word through number and date, "của …"
outside, list items after the first from "số"), then described (issuer, subject, relation)
and keyed (:mod:`extractors.reference_identity`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractors.base import Extractor
from extractors.jurisdiction import infer_jurisdiction, own_issuer
from extractors.patterns import references as P
from extractors.patterns.dates import date_from_groups
from extractors.reference_context import (
    footnote_blocks,
    issuer_after,
    issuer_before,
    line_is_note,
    relation_for,
    subject_after,
)
from extractors.reference_identity import canonical_issuer, key_parts, resolve_issuer, symbol_key
from pipeline.locate import Locator
from schemas import ExtractedDocument, Jurisdiction, Reference, Relation

__all__ = ["EXTRACTOR", "extract_references", "find_references"]

#: How far back from a number/symbol the type word may start ("Chương trình hành động\nsố ").
TYPE_LOOKBACK = 80
#: Characters of the document start searched for its own "Số: …" line.
HEADER_CHARS = 2500
_SENTENCE_END_RE = re.compile(r"\.(?:\s|$)|\n\s*[-+•]")
_KEM_THEO_RE = re.compile(r"(?i:kèm\s+theo)\s*$")


class _BlockIndex:
    """``block_at`` with the block starts computed once per document (bisect per lookup)."""

    def __init__(self, doc: ExtractedDocument) -> None:
        self.blocks = doc.blocks
        self.starts = [b.start for b in doc.blocks]

    def at(self, offset: int):  # noqa: ANN201 (Block | None)
        if not self.blocks:
            return None
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        b = self.blocks[i]
        if offset >= b.end and i + 1 < len(self.blocks):
            return self.blocks[i + 1]
        return b


@dataclass
class _Cand:
    """A reference being built: where it is and what the text says about it."""

    start: int
    end: int
    doc_type: str | None = None
    doc_type_raw: str | None = None
    number: str | None = None
    year: int | None = None
    symbol: str | None = None
    symbol_raw: str | None = None
    party: bool = False
    name: str | None = None
    date_raw: str | None = None
    date_iso: object = None
    law_year: int | None = None
    extra: dict = field(default_factory=dict)


def find_references(text: str) -> list[_Cand]:
    """Reference candidates in ``text`` (spans and parts only), in text order, no overlaps."""
    if not P.PREFILTER_RE.search(text):
        return []
    laws = _laws(text)
    cands: list[_Cand] = []
    li = 0
    for m in P.NUMSYM_RE.finditer(text):
        while li < len(laws) and laws[li].end <= m.start():
            cands.append(laws[li])
            li += 1
        if li < len(laws) and laws[li].start <= m.start() < laws[li].end:
            continue  # the number of a law cited by name ("Luật Đấu thầu số 22/2023/QH15")
        cands.extend(_core(text, m, cands[-1] if cands else None))
    cands.extend(laws[li:])
    return cands


def _laws(text: str) -> list[_Cand]:
    """Laws cited by name: LAW_RE tried only where a law word stands (a literal scan is fast)."""
    out: list[_Cand] = []
    end = 0
    for w in P.LAW_WORD_RE.finditer(text):
        if w.start() < end:
            continue
        m = P.LAW_RE.match(text, w.start())
        if m is not None:
            out.append(_law(m))
            end = m.end()
    return out


def _law(m: re.Match[str]) -> _Cand:
    ltype = " ".join(m.group("ltype").split())
    c = _Cand(m.start(), m.end(), doc_type=ltype, doc_type_raw=m.group("ltype"))
    c.name = f"{ltype} {' '.join(m.group('lname').split())}"
    if m.group("lnum"):
        c.number, c.year = m.group("lnum"), int(m.group("lyear"))
        c.symbol_raw = m.group("lsym")
        c.symbol = re.sub(r"\s+", "", c.symbol_raw)
        c.date_iso = date_from_groups(m, "n") if m.group("nd") or m.group("ndl") else None
    elif m.group("ld") or m.group("ldl"):
        c.date_iso = date_from_groups(m, "l")
    else:
        c.law_year = int(m.group("lyear_only"))
    date_m = re.search(r"(?i:ngày)\s*\d.*$", m.group(), re.S)
    c.date_raw = date_m.group() if date_m and c.date_iso else None
    return c


def _core(text: str, m: re.Match[str], prev: _Cand | None) -> list[_Cand]:
    """A number/symbol core widened to its type word (and the bare numbers of an elliptic
    list before it); empty when it is no reference."""
    s = m.start()
    lo = max(0, s - TYPE_LOOKBACK)
    tb = P.TYPE_BEFORE_RE.search(text, lo, s)
    elided: list[_Cand] = []
    if tb is not None:
        entry = P.type_entry(tb.group("type"))
        start, doc_type, raw = tb.start(), entry["name"], " ".join(tb.group("type").split())
    elif (el := P.ELLIPSIS_BEFORE_RE.search(text, lo, s)) is not None and (prev is None or prev.end <= el.start()):
        entry = P.type_entry(el.group("type"))
        elided = _elided(el, entry["name"])
        start, doc_type, raw = s, entry["name"], None
    else:
        if prev is None or prev.doc_type is None or _SENTENCE_END_RE.search(text, prev.end, s):
            return []
        so = P.BARE_SO_BEFORE_RE.search(text, max(0, s - 12), s)
        gap_end = so.start() if so else s
        if so is None and not P.LIST_GAP_RE.fullmatch(text, prev.end, gap_end):
            return []  # a bare number/symbol only counts right after a list item
        if so is not None and not re.search(r"(?:[,;:]|và|hoặc)\s*$", text[max(prev.end, gap_end - 8) : gap_end]):
            return []
        start, doc_type, raw = (so.start() if so else s), prev.doc_type, None
    party = m.group("pnum") is not None
    sym_raw = m.group("psym") if party else m.group("sym")
    c = _Cand(start, m.end(), doc_type=doc_type, doc_type_raw=raw, party=party)
    c.number = m.group("pnum") if party else m.group("num")
    c.year = None if party or not m.group("year") else int(m.group("year"))
    c.symbol_raw, c.symbol = sym_raw, re.sub(r"\s+", "", sym_raw)
    d = P.DATE_TAIL_RE.match(text, m.end())
    if d is not None:
        c.end = d.end()
        c.date_iso = date_from_groups(d, "t")
        c.date_raw = text[d.start() : d.end()].lstrip(" ,\n")
        c.date_raw = c.date_raw[c.date_raw.lower().find("ngày") :] if "ngày" in c.date_raw.lower() else c.date_raw
    if c.date_iso is None and c.date_raw:
        c.extra["bad_date"] = True
    for e in elided:
        e.party, e.symbol_raw, e.symbol, e.year = c.party, c.symbol_raw, c.symbol, c.year
    return [*elided, c]


def _elided(el: re.Match[str], doc_type: str) -> list[_Cand]:
    """The bare numbers of "Quyết định số 12, 13/QĐ-UBND": the first spans from the type word."""
    out = []
    for i, n in enumerate(re.finditer(r"\d{1,5}", el.group("nums"))):
        s, e = el.start("nums") + n.start(), el.start("nums") + n.end()
        c = _Cand(el.start() if i == 0 else s, e, doc_type=doc_type, number=n.group())
        c.doc_type_raw = " ".join(el.group("type").split()) if i == 0 else None
        out.append(c)
    return out


def _own_number(doc: ExtractedDocument) -> tuple[str, str] | None:
    if doc.meta.number and doc.meta.symbol:
        return doc.meta.number.lstrip("0"), symbol_key(doc.meta.symbol)
    m = P.HEADER_NUMBER_RE.search(doc.text, 0, min(len(doc.text), HEADER_CHARS))
    if m is None:
        return None
    party = m.group("pnum") is not None
    num = m.group("pnum") if party else m.group("num")
    return num.lstrip("0"), symbol_key(m.group("psym") if party else m.group("sym"))


def _is_own(doc: ExtractedDocument, c: _Cand, own: tuple[str, str] | None, issuer: str | None) -> bool:
    if own is None or c.number is None:
        return False
    if (c.number.lstrip("0"), symbol_key(c.symbol)) != own:
        return False
    return issuer is None or bool(_KEM_THEO_RE.search(doc.text, max(0, c.start - 20), c.start))


def _chains(text: str, cands: list[_Cand]) -> list[int]:
    """Index of the first item of the list each candidate belongs to (shared 'của …')."""
    heads = []
    for i, c in enumerate(cands):
        if i and P.LIST_GAP_RE.fullmatch(text, cands[i - 1].end, c.start) and "của" not in cands[i - 1].extra:
            heads.append(heads[-1])
        else:
            heads.append(i)
    return heads


def extract_references(doc: ExtractedDocument) -> dict:
    """Extractor entry point: ``{"references": [Reference, …]}`` in text order."""
    text = doc.text
    cands = find_references(text)
    if not cands:
        return {"references": []}
    juris = doc.jurisdiction if _known(doc.jurisdiction) else infer_jurisdiction(doc)
    citing = own_issuer(juris) or (canonical_issuer(doc.meta.issuer) if doc.meta.issuer else None)
    own = _own_number(doc)
    notes = footnote_blocks(doc)
    index = _BlockIndex(doc)
    loc = Locator(doc)
    for c in cands:
        block = index.at(c.end - 1)
        c.extra["limit"] = block.end if block else len(text)
        c.extra["issuer"], c.extra["tail"] = issuer_after(text, c.end, c.extra["limit"])
        if c.extra["issuer"]:
            c.extra["của"] = True
    heads = _chains(text, cands)
    for i, c in enumerate(cands):  # a "của …" after the last item of a list goes to every item
        if c.extra["issuer"] is None:
            j = i
            while j + 1 < len(cands) and heads[j + 1] == heads[i] and cands[j + 1].extra["issuer"] is None:
                j += 1
            if j + 1 < len(cands) and heads[j + 1] == heads[i]:
                c.extra["issuer"] = cands[j + 1].extra["issuer"]
                c.extra["shared"] = True
    refs: list[Reference] = []
    prev: tuple[_Cand, Relation, str | None] | None = None
    for i, c in enumerate(cands):
        issuer, how_before = c.extra["issuer"], None
        if issuer is None:
            issuer = issuer_before(text, c.start)
            if issuer is None and i and heads[i] == heads[i - 1] and cands[i - 1].extra.get("before"):
                issuer = cands[i - 1].extra["before"]  # "đề nghị của X tại Tờ trình … và văn bản …"
            how_before = "stated before" if issuer else None
            c.extra["before"] = issuer
        if _is_own(doc, c, own, issuer):
            continue
        subject, tail_end = subject_after(text, c.extra["tail"], c.extra["limit"])
        block = index.at(c.start)
        floor = block.start if block else 0
        same_block = prev is not None and prev[0].start >= floor
        if same_block:
            floor = max(floor, prev[0].extra["tail_end"])
        relation, cue = relation_for(text, c.start, floor, (prev[1], prev[2], prev[0].start) if same_block else None)
        c.extra["tail_end"] = tail_end
        prev = (c, relation, cue)
        c.extra["section"] = loc.section_of(c.start)
        refs.append(_reference(doc, c, block, (issuer, how_before, subject, relation, cue), juris, citing, notes))
    return {"references": refs}


def _known(j: Jurisdiction) -> bool:
    return bool(j.province or j.district or j.commune or j.level)


def _reference(doc, c, block, described, juris, citing, notes) -> Reference:  # noqa: ANN001
    issuer, how_before, subject, relation, cue = described
    resolved, how = resolve_issuer(issuer, c.symbol, juris, citing)
    if how_before and how != "unresolved":
        how = f"{how} (issuer stated before)"
    year_for_key = c.year or (c.date_iso.year if c.date_iso else c.law_year)
    context = (citing or "") if how == "unresolved" else None
    parts = key_parts(c.doc_type, c.number, c.symbol, year_for_key, resolved or (canonical_issuer(issuer) if issuer else None),
                      date_iso=c.date_iso.isoformat() if c.date_iso else None, name=c.name,
                      issuer_how=how, context=context)  # fmt: skip
    return Reference(
        text=doc.text[c.start : c.end],
        span=(c.start, c.end),
        block=block.index if block else None,
        page=block.page if block else None,
        section=c.extra["section"],
        doc_type=c.doc_type,
        doc_type_raw=c.doc_type_raw,
        number=c.number,
        year=c.year,
        symbol=c.symbol,
        symbol_raw=c.symbol_raw,
        party=c.party,
        name=c.name,
        date=c.date_iso,
        date_raw=c.date_raw,
        issuer=issuer,
        issuer_resolved=resolved,
        issuer_resolution=how,
        subject=subject,
        relation=relation,
        cue=cue,
        key=parts.key(),
        in_footnote=bool(block is not None and block.index in notes) or line_is_note(doc.text, c.start),
    )


EXTRACTOR = Extractor(
    name="references",
    version="references.v1",
    provides=("references",),
    extract=extract_references,
    requires=("jurisdiction",),
)
