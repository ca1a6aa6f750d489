"""Subject matching scores copies alike in every scored field once, and reads merged copy
groups without copying them: both must give exactly what scoring every copy gives."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.store import matching, resolve

Cit = namedtuple("Cit", "document_id doc_type subject symbol year date issuer_key")
SUBJECTS = [
    "kế hoạch triển khai phong trào thi đua năm 2024",
    "kế hoạch triển khai phong trào thi đua năm 2023",
    "báo cáo kết quả thực hiện nhiệm vụ năm 2024",
]

# small pools, so that copies alike in all but one scored field are common
copies_st = st.lists(
    st.builds(
        resolve._CopyRow,
        id=st.sampled_from([f"d{i}" for i in range(12)]),
        doc_type=st.sampled_from([None, "Kế hoạch", "Báo cáo"]),
        subject=st.sampled_from(SUBJECTS),
        symbol=st.sampled_from([None, "KH-UBND", "BC-UBND"]),
        year=st.sampled_from([None, 2023, 2024]),
        issue_date=st.sampled_from([None, dt.date(2024, 1, 9), dt.date(2024, 1, 20), dt.date(2023, 5, 2)]),
        place_key=st.sampled_from([None, "ba to", "binh son"]),
        where_key=st.sampled_from([None, "quang ngai/ba to", "quang ngai/binh son"]),
    ),
    max_size=40,
)
cit_st = st.builds(
    Cit,
    document_id=st.sampled_from(["d0", "citing"]),
    doc_type=st.just("Kế hoạch"),
    subject=st.sampled_from(SUBJECTS[:2]),
    symbol=st.sampled_from([None, "KH-UBND"]),
    year=st.sampled_from([None, 2024]),
    date=st.sampled_from([None, dt.date(2024, 1, 9)]),
    issuer_key=st.sampled_from([None, "ubnd huyen ba to"]),
)


def _each_scored(cit, copies, citing_where, taken):
    """match_subject as it was: every copy scored on its own."""
    out = []
    for folded, subject in matching.similar_subjects(cit.subject, list(copies)):
        for doc in copies[folded]:
            if doc.id == cit.document_id or doc.id in taken:
                continue
            score = matching._subject_score(cit, matching.type_key(cit.doc_type), doc, subject, citing_where)
            if score is not None:
                copy_of = matching.same_document(doc.doc_type, doc.subject, doc.issue_date, doc.year, doc.place_key)
                out.append(matching.Candidate(doc.id, score, "subject", copy_of))
    return out


def _by_subject(rows):
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(matching.folded_subject(r.subject), []).append(r)
    return groups


_DRAFT = resolve._CopyRow("d1", "Kế hoạch", SUBJECTS[0], None, 2024, dt.date(2024, 1, 9), "ba to", "quang ngai/ba to")


@settings(max_examples=400, deadline=None)
@given(copies_st, cit_st, st.sampled_from([None, "quang ngai/ba to"]), st.sets(st.sampled_from(["d1", "d2"])))
@example(  # two drafts alike but for their date: 0.925 and 0.79, not one score twice
    [_DRAFT, _DRAFT._replace(id="d3", issue_date=dt.date(2023, 5, 2))],
    Cit("citing", "Kế hoạch", SUBJECTS[0], None, 2024, dt.date(2024, 1, 9), "ubnd huyen ba to"),
    None,
    set(),
)
def test_match_subject_equals_scoring_every_copy(rows, cit, citing_where, taken):
    copies = _by_subject(rows)
    assert matching.match_subject(cit, copies, citing_where, taken) == _each_scored(cit, copies, citing_where, taken)


@settings(max_examples=200, deadline=None)
@given(st.lists(copies_st, max_size=4))
def test_merged_groups_read_like_one_merged_dict(groups_rows):
    groups = [_by_subject(rows) for rows in groups_rows]
    eager: dict[str, list] = {}
    for g in groups:
        for subject, rows in g.items():
            eager.setdefault(subject, []).extend(rows)
    merged = resolve._merged(groups)
    assert list(merged) == list(eager) and len(merged) == len(eager)
    assert {s: merged[s] for s in merged} == eager
