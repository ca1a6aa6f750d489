"""Properties: the agencies and awards extractors never raise, and every span slices back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import agencies, awards
from pipeline import parse
from pipeline.errors import EmptyDocumentError

PIECES = st.sampled_from([
    "Giao ", "Đề nghị ", "Sở Tư pháp", " chủ trì, phối hợp với ", "Các Phòng: ", "Tài chính, Nội vụ",
    "+ Cơ quan chủ trì tham mưu: ", "+ Cơ quan phối hợp: ", "Thời gian thực hiện: trước ngày 31/12/2024",
    "UBND huyện khen thưởng cho 12 tập thể và 11 cá nhân", " (tại Quyết định số 3618/QĐ-UBND ngày 26/11/2024)",
    'phong trào thi đua "', '"', "; ", ", ", ". ", "\n", "\n\n", "2. ", "a) ", "- ", "|\n", "Cấp tỉnh: ", "02 Cờ",
    "Giấy khen cá nhân: 258 người", "đã ", "(", ")", "Ủy ban MTTQ", "ngành Thuế", "tỉnh",
])  # fmt: skip
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_agencies_properties_never_raise_spans_slice(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("h") / "doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        doc = parse(path)
    except EmptyDocumentError:
        return
    out = agencies.extract(doc)
    doc = doc.model_copy(update=out)
    out.update(awards.extract(doc))
    for field in ("assignments", "agencies", "movements", "awards"):
        for item in out[field]:
            s, e = item.span
            assert 0 <= s <= e <= len(doc.text)
            assert doc.text[s:e] == item.text
