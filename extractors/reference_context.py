"""What the words around a reference say: issuer ("của …"), subject ("về việc …"), relation
(the cue phrase before it) and whether it sits in a footnote.

Each reader works on a short window next to the reference, so the cost stays proportional
to the number of references, not to the document.
"""

from __future__ import annotations

import re

from extractors.lexicon import load_lexicon
from extractors.patterns import references as P
from schemas import ExtractedDocument, Relation

__all__ = ["footnote_blocks", "issuer_after", "issuer_before", "line_is_note", "relation_for", "subject_after"]

#: Longest issuer, in words ("Ban Chấp hành Trung ương Đảng khóa XIII").
ISSUER_MAX_WORDS = 16
#: Longest subject kept, in characters (a trích yếu is one sentence).
SUBJECT_MAX = 300
#: How far back a relation cue is searched.
CUE_WINDOW = 300

_OF_RE = re.compile(r"\s?,?\s*(?:của|cua|do)\s+")
#: Lower-case words (and two-word verbs) that end an issuer (issuers.yaml issuer_end_words).
_END_WORDS = [w for e in load_lexicon("issuers", "issuer_end_words") for w in e["words"]]
_STOP = frozenset(w for w in _END_WORDS if " " not in w)
_STOP2 = frozenset(tuple(w.split()) for w in _END_WORDS if " " in w)
# Lower-case words that end an issuer unless the next word keeps a unit name going.
_STOP_UNLESS = {"thành": ("phố", "ủy", "uỷ")}
_TITLE_AFTER_COMMA = ("Chủ nhiệm", "Trưởng ban", "Chủ tịch")
# Joint Party issuers: "của Bộ Chính trị, Ban Bí thư".
_JOINT_AFTER_COMMA = ("Ban Bí thư", "Ban Chấp hành Trung ương")
_TITLES = frozenset(t["title"] for t in load_lexicon("issuers", "titles"))
_SUBJECT_STOP_RE = re.compile(
    r";|\.(?=\s|$)|\n\s*\n|\n(?=\s*[-+•*]\s)|[()]"
    r"|,\s+(?=(?:UBND|HĐND|Ủy ban|Uỷ ban|Hội đồng|Sở|Phòng|Ban|Bộ|Huyện|Tỉnh|Xã)\s)"  # "…, UBND huyện đã …"
)
_TRAILING_RE = re.compile(r"(?:[\s,;:\"'*-]|\b(?:và|hoặc|tại|theo)\b)+$")
# After a type word, what makes it a reference: "số …" or a number, maybe after a qualifier
# ("Kế hoạch hành động số …").
_AFTER_TYPE_RE = re.compile(rf"(?:\s+[{P.LOWER}]+){{0,3}}?\s*(?:(?i:số)|\d)")
_CLAUSE_END_RE = re.compile(r";|\.\s")
_SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_NOTE_START_RE = re.compile(rf"^[ \t]*(?:[{_SUPERSCRIPT}]+|\[\d{{1,3}}\])", re.M)


def issuer_after(text: str, pos: int, limit: int | None = None) -> tuple[str | None, int]:
    """The body in "của …" right after ``pos``: (issuer as written, end offset) or (None, pos).

    ``limit`` (the end of the block) keeps the issuer inside its paragraph or table cell.
    """
    limit = min(len(text), limit if limit is not None else len(text))
    m = _OF_RE.match(text, pos, limit)
    if m is None:
        return None, pos
    toks = list(P.TOKEN_RE.finditer(text, m.end(), min(limit, m.end() + 220)))
    words: list[str] = []
    end = pos
    for i, t in enumerate(toks):
        tok = t.group()
        nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
        if tok == ",":  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" (one person, two titles)
            after = text[t.end() : t.end() + 16].lstrip()
            if (" ".join(words) in _TITLES and after.startswith(_TITLE_AFTER_COMMA)) or after.startswith(
                _JOINT_AFTER_COMMA
            ):
                words.append(",")
                continue
            break
        rest = text[t.end() : t.end() + 40]
        if tok in ';.:()"' or len(words) >= ISSUER_MAX_WORDS or _stops(tok, nxt, words, rest):
            break
        words.append(tok)
        end = t.end()
    if not words or not words[0][:1].isupper():
        return None, pos
    return " ".join(words).replace(" ,", ","), end


def _stops(tok: str, nxt: str, words: list[str], rest: str) -> bool:
    """Whether ``tok`` (followed by ``nxt``, then the text ``rest``) ends the issuer."""
    low = tok.lower()
    if not tok[:1].isalpha():
        return tok not in ("-", "&")
    if low in ("số", "năm", "ngày") and (nxt[:1].isdigit() or nxt == ":"):
        return True
    if tok[:1].islower() and (low in _STOP or (low, nxt.lower()) in _STOP2):
        return True
    if low in _STOP_UNLESS and tok[:1].islower():
        return nxt.lower() not in _STOP_UNLESS[low]
    if low in ("và", "&"):  # "Bộ Kế hoạch và Đầu tư" goes on; "… và Quyết định số" does not
        return not nxt[:1].isupper() or _opens_reference(rest)
    return bool(words and tok[:1].isupper() and _opens_reference(tok + rest))


def _opens_reference(text: str) -> bool:
    """'Quyết định số 12…', 'Nghị định 98/…': a type word followed by "số" or a number."""
    text = text.lstrip()
    m = P.TYPE_WORD_RE.match(text)
    return m is not None and _AFTER_TYPE_RE.match(text, m.end()) is not None


def issuer_before(text: str, start: int) -> str | None:
    """Issuer stated before the reference ("đề nghị của Sở X tại Tờ trình số …"), or None."""
    m = P.PRE_ISSUER_RE.search(text, max(0, start - 160), start)
    if m is None:
        return None
    issuer = m.group("of") or m.group("by") or m.group("agent")
    issuer = " ".join(issuer.split())
    return issuer if issuer[:1].isupper() and len(issuer.split()) <= ISSUER_MAX_WORDS else None


def subject_after(text: str, pos: int, limit: int | None = None) -> tuple[str | None, int]:
    """Subject after ``pos`` ("về việc X", "ban hành X"): (subject, end) or (None, pos)."""
    m = P.SUBJECT_RE.match(text, pos)
    if m is None:
        return None, pos
    stop = min(len(text), m.end() + SUBJECT_MAX, limit or len(text))
    e = _SUBJECT_STOP_RE.search(text, m.end(), stop)
    end = e.start() if e else stop
    nxt = P.NUMSYM_RE.search(text, m.end(), end)
    if nxt is not None:  # never run into the next reference
        tb = P.TYPE_BEFORE_RE.search(text, max(m.end(), nxt.start() - 80), nxt.start())
        end = tb.start() if tb else nxt.start()
    body = " ".join(text[m.start("cue") : end].split())
    body = _TRAILING_RE.sub("", body)
    if body.lower().startswith("về việc ") or body.lower().startswith("về "):
        body = body.split(" ", 2 if body.lower().startswith("về việc") else 1)[-1]
    return (body or None), end


def relation_for(
    text: str, start: int, floor: int, prev: tuple[Relation, str | None, int] | None
) -> tuple[Relation, str | None]:
    """Relation from the nearest valid cue in the clause before ``start``; lists inherit."""
    lo = max(floor, start - CUE_WINDOW)
    last_end = None
    for m in _CLAUSE_END_RE.finditer(text, lo, start):
        last_end = m.end()
    ws = last_end if last_end is not None else lo
    entries = P.relation_entries()
    for m in reversed(list(P.RELATION_CUE_RE.finditer(text, ws, start))):
        e = entries[int(m.lastgroup[1:])]
        between = text[m.end() : start]
        if e.get("adjacent") and len(between) > e.get("gap", 30):
            continue
        if e.get("ends_with") and not re.search(rf"(?:{e['ends_with']})\s*$", between):
            continue
        if e.get("not_ends_with") and re.search(rf"(?:{e['not_ends_with']})\s*$", between):
            continue
        return Relation(e["relation"]), " ".join(m.group().split())
    if prev is not None and not re.search(r"\.(?:\s|$)", text[prev[2] : start]):
        return prev[0], prev[1]
    return Relation.DAN_CHIEU, None


def footnote_blocks(doc: ExtractedDocument) -> set[int]:
    """Indexes of footnote blocks: reader-marked, or opening with a note mark ('¹ …', '[2] …').

    A note that opens a bullet list ("¹ + Hướng dẫn số …") goes on over the following blocks
    with the same bullet (seed 001); a block that starts in lower case right after a note
    continues it across a page break.
    """
    notes: set[int] = set()
    bullet = None
    for b in doc.blocks:
        m = _NOTE_START_RE.match(b.text)
        if b.kind == "footnote" or m:
            notes.add(b.index)
            rest = b.text[m.end() :].lstrip() if m else ""
            bullet = rest[:1] if rest[:1] in "+-•" and rest[:1] else None
        elif b.index - 1 in notes and (b.text[:1].islower() or (bullet and b.text.startswith(bullet + " "))):
            notes.add(b.index)
        else:
            bullet = None
    return notes


def line_is_note(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` opens with a note mark ('¹ …') inside a block."""
    start = text.rfind("\n", 0, offset) + 1
    return bool(_NOTE_START_RE.match(text, start, offset))
