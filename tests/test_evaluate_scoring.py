"""The evaluation harness scores by the dev-eval conventions and diffs two runs."""

from __future__ import annotations

import json
from decimal import Decimal

from pipeline import read_document
from pipeline.evaluate import diff_reports, evaluate, lead_key, reference_identity, score_document, source_span
from schemas import Assignment, Reference, Target

SOURCE = (
    "**KẾ HOẠCH**\n\nCăn cứ Quyết định số 01/QĐ-UBND ngày 20/01/2023 của Cụm thi đua;\n"
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;\n\n"
    "Tỷ lệ hộ nghèo giảm  còn 3,5%.\n\n"
    "Giao Phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND và UBND huyện.\n"
)
GOLD = {
    "meta": {"doc_type": "Kế hoạch", "number": None},
    "references": [
        {"text": "Quyết định số 01/QĐ-UBND ngày 20/01/2023", "doc_type": "Quyết định", "number": "01",
         "year": None, "symbol": "QĐ-UBND", "date": "2023-01-20", "count": 1},
        {"text": "Luật Thi đua, khen thưởng ngày 15/6/2022", "doc_type": "Luật", "number": None, "year": None,
         "symbol": None, "date": "2022-06-15", "count": 1},
    ],
    "targets": [{"text": "Tỷ lệ hộ nghèo giảm  còn 3,5%", "value": 3.5, "value_max": None, "unit": "%"}],
    "assignments": [{"text": "Giao Phòng Nội vụ chủ trì", "lead": "Phòng Nội vụ", "cooperating": [],
                     "block": [SOURCE.index("Giao"), len(SOURCE) - 1]}],
}  # fmt: skip


def _doc(tmp_path):
    p = tmp_path / "k.txt"
    p.write_text(SOURCE, encoding="utf-8")
    return read_document(p)


def _span(doc, needle: str) -> tuple[int, int]:
    i = doc.text.index(needle)
    return i, i + len(needle)


def test_evaluate_source_span_maps_through_markdown_and_spaces(tmp_path) -> None:
    doc = _doc(tmp_path)
    s, e = source_span(doc, _span(doc, "còn 3,5%"))
    assert SOURCE[s:e] == "còn 3,5%"
    s, e = source_span(doc, _span(doc, "giảm còn"))  # the double space was collapsed in doc.text
    assert SOURCE[s:e] == "giảm  còn"


def test_evaluate_scores_references_targets_assignments(tmp_path) -> None:
    doc = _doc(tmp_path)
    ref_text = "Quyết định số 01/QĐ-UBND ngày 20/01/2023"
    doc.references = [
        Reference(text=ref_text, span=_span(doc, ref_text), doc_type="Quyết định", number="01",
                  symbol="QĐ-UBND", key="k1"),
        Reference(text="Cụm thi đua", span=_span(doc, "Cụm thi đua"), doc_type="Quyết định", number="99",
                  symbol="QĐ-X", key="k2"),
    ]  # fmt: skip
    doc.targets = [
        Target(text="hộ nghèo giảm còn 3,5%", span=_span(doc, "hộ nghèo giảm còn 3,5%"), indicator="hộ nghèo",
               value=Decimal("3.5"), unit="%"),
    ]  # fmt: skip
    doc.assignments = [
        Assignment(text="Giao Phòng Nội vụ chủ trì", span=_span(doc, "Giao Phòng Nội vụ chủ trì"),
                   lead="Phòng Nội vụ"),
    ]  # fmt: skip
    scores = score_document(doc, GOLD, SOURCE)
    refs = scores["references"]
    assert (refs.tp, refs.fp, refs.fn) == (1, 1, 1)  # the law is missed, the bogus one is extra
    assert (scores["targets"].tp, scores["targets"].fp, scores["targets"].fn) == (1, 0, 0)
    assert (scores["assignments"].tp, scores["assignments"].fn) == (1, 0)
    assert scores["meta.number"].tp == 1  # both blank
    assert scores["meta.doc_type"].fn == 1  # nothing segmented in this bare document


def test_evaluate_identity_and_lead_normalisation() -> None:
    assert reference_identity("01", "QĐ - UBND", None, "Quyết định", None) == reference_identity(
        "1", "qđ-ubnd", None, None, "2023-01-20"
    )
    assert reference_identity(None, None, None, "Luật", "2022-06-15")[0] == "d"
    assert lead_key("Giao Ủy ban nhân dân huyện") == lead_key("UBND huyện")
    assert lead_key("Giám đốc Sở Tài chính") == lead_key("Sở Tài chính")


def test_evaluate_corpus_and_differential_report(tmp_path) -> None:
    gold_dir, corpus_dir = tmp_path / "gold", tmp_path / "corpus"
    gold_dir.mkdir()
    corpus_dir.mkdir()
    (corpus_dir / "k.txt").write_text(SOURCE, encoding="utf-8")
    (gold_dir / "k.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    report = evaluate(gold_dir, corpus_dir)
    assert set(report["documents"]) == {"k"}
    assert report["fields"]["references"]["tp"] + report["fields"]["references"]["fn"] == 2
    worse = json.loads(json.dumps(report))
    worse["fields"]["references"]["misses"] = ["k: something lost"]
    worse["fields"]["references"]["f1"] = 0.0
    rows = {r["field"]: r for r in diff_reports(worse, report)}
    assert rows["references"]["gained"] == ["k: something lost"]
    assert rows["references"]["delta"] == report["fields"]["references"]["f1"]
