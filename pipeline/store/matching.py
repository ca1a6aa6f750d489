"""Pure matching rules for reference resolution (no SQL): identity and subject scores.

A citation is compared with *identity rows* (a number and symbol a document is known by)
and with *unnumbered copies* (drafts: "Số: /KH-UBND"). Both arrive as plain rows fetched
in batches by ``resolve.py``; everything here is a function of those rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from pipeline.store.keys import fold, is_global_symbol, issuer_key, norm_symbol, type_key

#: Subject similarity (0–1) below which an unnumbered copy is not a candidate at all.
MIN_SUBJECT_SIMILARITY = 0.75
#: A cited subject shorter than this ("thực hiện") says too little to identify a document.
MIN_SUBJECT_WORDS = 5
#: Overall score a subject match needs to count as a candidate.
MIN_SUBJECT_SCORE = 0.70
#: The best candidate must lead the next by this much to be resolved, not ambiguous.
MIN_LEAD = 0.05
#: Confidence of a number match when the citation names no issuer and the jurisdiction differs.
OTHER_JURISDICTION_CONFIDENCE = 0.6
#: Weights of the subject-match score (they sum to 1).
WEIGHTS = {"subject": 0.55, "place": 0.15, "date": 0.15, "symbol": 0.15}
_W_SUBJECT, _W_PLACE, _W_DATE, _W_SYMBOL = (WEIGHTS[k] for k in ("subject", "place", "date", "symbol"))


@dataclass(frozen=True)
class Candidate:
    document_id: str
    score: float
    method: str  # number | alias | subject
    copy_of: tuple | None = None  # ``same_document`` of the archived file: equal keys, one document


def decide(candidates: list[Candidate]) -> tuple[str, list[Candidate]]:
    """(status, ranked candidates): resolved when one leads clearly, else ambiguous.

    Candidates within MIN_LEAD of the best that are copies of the same document (a plan
    archived as .docx and .pdf) do not make it ambiguous: the first by id is chosen and
    the others stay ranked beside it.
    """
    if not candidates:
        return "unmatched", []
    ranked = sorted(candidates, key=lambda c: (-c.score, c.document_id))
    best = ranked[0]
    rivals = [c for c in ranked[1:] if best.score - c.score < MIN_LEAD]
    decided = all(c.copy_of is not None and c.copy_of == best.copy_of for c in rivals)
    return ("resolved" if decided else "ambiguous"), ranked


def same_document(doc_type: str | None, subject: str | None, issue_date, year: int | None, place: str | None):
    """What archived files of one document share: type, subject, date (or year) and place.

    None when the subject is unknown: such files cannot be told to be copies.
    """
    if not subject:
        return None
    return (type_key(doc_type), folded_subject(subject), issue_date, year, place)


def issuers_agree(a: str, b: str) -> bool:
    """Issuer keys agree when one names the other ('ubnd huyen ba to' ⊇ 'ubnd huyen')."""
    return a == b or a in b or b in a


def match_identity(cit, identities: list, citing_where: str | None) -> list[Candidate]:
    """Documents known by the cited number + symbol, filtered by year, type and issuer."""
    cited_type, cited_issuer = type_key(cit.doc_type), cit.issuer_key
    global_symbol = is_global_symbol(cit.symbol, cit.symbol_year)
    found: dict[str, Candidate] = {}
    for row in identities:
        if row.document_id == cit.document_id:
            continue
        if cit.year and row.year and cit.year != row.year:
            continue
        if cited_type and row.doc_type and type_key(row.doc_type) != cited_type:
            continue
        score = row.confidence
        if not global_symbol:
            if cited_issuer and row.issuer_key and not issuers_agree(cited_issuer, row.issuer_key):
                continue
            if not cited_issuer and citing_where and row.where_key and row.where_key != citing_where:
                score = min(score, OTHER_JURISDICTION_CONFIDENCE)
        method = "number" if row.source == "header" else "alias"
        if row.document_id not in found or found[row.document_id].score < score:
            copy_of = same_document(row.doc_doc_type, row.doc_subject, row.doc_issue_date, row.doc_year, row.doc_place)
            found[row.document_id] = Candidate(row.document_id, score, method, copy_of)
    return list(found.values())


def subject_usable(subject: str | None) -> bool:
    """Whether a cited subject is long enough to identify a document by."""
    return bool(subject) and len(subject.split()) >= MIN_SUBJECT_WORDS


@lru_cache(maxsize=4096)  # subjects are folded once per batch, compared many times
def folded_subject(subject: str) -> str:
    """The form subjects are compared in (accents and case aside)."""
    return fold(subject)


def similar_subjects(cited_subject: str, subjects: list[str]) -> list[tuple[str, float]]:
    """The folded ``subjects`` at least MIN_SUBJECT_SIMILARITY like the cited one, with their similarity.

    One call into rapidfuzz's C++ loop instead of a Python loop over every candidate: an
    archive may hold hundreds of unnumbered copies from one place.
    """
    found = process.extract(
        folded_subject(cited_subject), subjects, scorer=fuzz.token_set_ratio,
        score_cutoff=MIN_SUBJECT_SIMILARITY * 100, limit=None,
    )  # fmt: skip
    return [(subject, score / 100) for subject, score, _ in found]


def match_subject(
    cit, copies: Mapping[str, list], citing_where: str | None, taken: set[str] = frozenset()
) -> list[Candidate]:
    """Unnumbered copies scored on subject, place, date and symbol.

    ``copies`` groups the candidate copies by folded subject; ``taken`` are copies that just
    learnt their number (they are no longer unnumbered). Copies alike in everything scored
    (the same draft saved as .docx, .pdf and a scan) are scored once.
    """
    if not (cit.doc_type and subject_usable(cit.subject)):
        return []
    cited_type = type_key(cit.doc_type)
    out = []
    for folded, subject in similar_subjects(cit.subject, list(copies)):
        scores: dict[tuple, float | None] = {}
        for doc in copies[folded]:
            if doc.id == cit.document_id or doc.id in taken:
                continue
            alike = (doc.doc_type, doc.year, doc.place_key, doc.where_key, doc.symbol, doc.issue_date)
            if alike not in scores:
                scores[alike] = _subject_score(cit, cited_type, doc, subject, citing_where)
            score = scores[alike]
            if score is not None:
                copy_of = same_document(doc.doc_type, doc.subject, doc.issue_date, doc.year, doc.place_key)
                out.append(Candidate(doc.id, score, "subject", copy_of))
    return out


def _subject_score(cit, cited_type: str, doc, subject: float, citing_where: str | None) -> float | None:
    """The score of one copy whose subject is ``subject`` like the cited one; None below the bar.

    Reads only the copy's type, year, place, symbol and date (``match_subject`` scores
    copies alike in these once).
    """
    if doc.doc_type and type_key(doc.doc_type) != cited_type:
        return None
    if cit.year and doc.year and abs(cit.year - doc.year) > 1:
        return None
    place = place_score(doc, citing_where, cit.issuer_key)
    symbol = symbol_score(cit.symbol, doc.symbol)
    if not (place and symbol):  # another place, or another symbol: not this document
        return None
    score = _W_SUBJECT * subject + _W_PLACE * place + _W_DATE * date_score(cit, doc) + _W_SYMBOL * symbol
    return score if score >= MIN_SUBJECT_SCORE else None


def names_place(issuer: str, place: str) -> bool:
    """Whole-word containment: 'ba to' is in 'ubnd huyen ba to', not in 'ubnd huyen ba tong'."""
    return f" {place} " in f" {issuer} "


def place_score(doc, citing_where: str | None, cited_issuer: str | None) -> float:
    """1 when the archived copy belongs where the citation says, 0 when it plainly does not.

    With a named issuer ("UBND huyện Ba Tơ") the copy's most specific place must appear in
    it; without one, the cited document is taken to be the citing document's own place.
    """
    if cited_issuer:
        if doc.place_key:
            return 1.0 if names_place(cited_issuer, doc.place_key) else 0.0
        return 0.5
    if doc.where_key and citing_where:
        return 1.0 if doc.where_key == citing_where else 0.0
    return 0.5


def date_score(cit, doc) -> float:
    if cit.date and doc.issue_date:
        if cit.date == doc.issue_date:
            return 1.0
        return 0.7 if (cit.date.year, cit.date.month) == (doc.issue_date.year, doc.issue_date.month) else 0.1
    if cit.year and doc.year:
        return 0.6 if cit.year == doc.year else 0.3
    return 0.4


@lru_cache(maxsize=4096)  # a pure function of two short strings, called per candidate
def symbol_score(cited: str | None, archived: str | None) -> float:
    """Same symbol 1, unknown on either side 0.5, different 0 (rules the candidate out)."""
    if not cited or not archived:
        return 0.5
    return 1.0 if norm_symbol(cited) == norm_symbol(archived) else 0.0


def same_stub(cit, stubs: list):
    """The stub already standing for this citation's document, if any.

    Keys differ when citations say more or less ("Chỉ thị 34-CT/TW" with and without its
    date), so numbered citations are matched on number + symbol + compatible year/issuer.
    """
    for stub in stubs:
        if stub.key == cit.key:
            return stub
    if not (cit.number_norm and cit.symbol):
        return None
    global_symbol = is_global_symbol(cit.symbol, cit.symbol_year)
    for stub in sorted(stubs, key=lambda s: s.key):
        if (stub.number_norm, stub.symbol) != (cit.number_norm, cit.symbol):
            continue
        if cit.year and stub.year and cit.year != stub.year:
            continue
        stub_issuer = issuer_key(stub.issuer)
        if not global_symbol and cit.issuer_key and stub_issuer and not issuers_agree(cit.issuer_key, stub_issuer):
            continue
        return stub
    return None
