"""Properties (hypothesis): quantities and targets never raise and every span slices back."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import quantities, targets
from extractors.quantities import find_quantities, parse_number
from pipeline import read_document
from pipeline.errors import EmptyDocumentError

# Pieces that make number-like text: digits, separators, units, cue words, Vietnamese letters.
PIECES = st.sampled_from(
    [
        "0", "1", "2", "9", "03", "2024", "12.345", "2.308,61", "72,072", ".", ",", "/", "-", " ", "\n", "%",
        " tỷ đồng", " triệu", " người", " ha", " m2", "/năm", "/người", " đến ", " khoảng ", " trên ", "<", ">",
        " trở lên", " ngày ", " tháng ", " năm ", "Điều ", "số ", "QĐ-UBND", "(1) ", "- ", ";", ":", "ít nhất một ",
        " đạt ", " ước đạt ", " kế hoạch", " so với cùng kỳ", "Tỷ lệ hộ nghèo", "Cơ cấu kinh tế: ", "**", "đ", "ư",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES | st.text(max_size=4), max_size=40).map("".join)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_quantities_never_raise_and_spans_slice_back(text):
    for f in find_quantities(text):
        assert 0 <= f.start < f.end <= len(text)
        assert isinstance(f.value, Decimal)
        if f.value_text.replace("\n", " ").split()[0][0].isdigit():
            assert text[f.start : f.end].startswith(f.value_text.split("/")[0].split()[0][:1])


@given(st.from_regex(r"\d{1,3}(\.\d{3}){0,3}(,\d{1,4})?", fullmatch=True))
def test_quantities_parse_number_roundtrip(raw):
    value = parse_number(raw)
    integral, _, frac = raw.partition(",")
    assert value == Decimal(integral.replace(".", "") + ("." + frac if frac else ""))


@given(TEXTS)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_targets_never_raise_and_spans_slice_back(text):
    try:
        doc = read_document("h.txt", text.encode("utf-8"))
    except EmptyDocumentError:
        return
    doc = doc.model_copy(update=quantities.EXTRACTOR.extract(doc))
    for q in doc.quantities:
        assert doc.text[q.span[0] : q.span[1]] == q.text
    for t in targets.EXTRACTOR.extract(doc)["targets"]:
        assert doc.text[t.span[0] : t.span[1]] == t.text
        assert t.span[0] <= t.quantity_span[0] < t.quantity_span[1] <= t.span[1]


def test_targets_clause_window_is_bounded():
    """Text without punctuation is one huge clause: each target's span stays near its figure
    (bounded work per figure, so 20,000 figures in 260 KB take seconds, not minutes)."""
    from extractors.targets import CLAUSE_REACH

    doc = read_document("long.txt", ("Tỷ lệ hộ nghèo đạt 5% và " * 2000).encode("utf-8"))
    doc = doc.model_copy(update=quantities.EXTRACTOR.extract(doc))
    found = targets.EXTRACTOR.extract(doc)["targets"]
    assert len(found) == 2000
    assert all(t.span[1] - t.span[0] <= 2 * CLAUSE_REACH + 10 for t in found)
    assert all(doc.text[t.span[0] : t.span[1]] == t.text for t in found)
    assert {t.indicator for t in found[1:]} == {"Tỷ lệ hộ nghèo"}
