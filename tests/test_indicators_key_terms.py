"""Indicator keys spell the lexicon's terms one way, whatever marks OCR or a typist gave them."""

from __future__ import annotations

import pytest

from extractors.indicators import indicator_key
from extractors.patterns import targets as P
from extractors.patterns.quantities import CUES
from pipeline.normalize import fold_diacritics, match_key

TERMS = [t for entry in CUES["key_terms"] for t in entry["terms"]]


def test_indicators_key_terms_entries_are_well_formed():
    for entry in CUES["key_terms"]:
        assert entry.get("source") and entry.get("examples"), entry
        for example in entry["examples"]:
            assert P.KEY_TERM_RE.search(fold_diacritics(match_key(example))), example
    assert all(len(t.split()) >= 2 for t in TERMS), "a one-syllable term folds onto other words"
    folded = [fold_diacritics(match_key(t)) for t in TERMS]
    assert len(set(folded)) == len(folded), "two terms share a folded form"


@pytest.mark.parametrize(
    ("slip", "printed"),
    [
        ("chỉ thường xuyên ngân sách địa phương", "chi thường xuyên ngân sách địa phương"),
        ("huyện Ba Tơ thực hiện tiết kiệm chỉ", "huyện Ba Tơ thực hiện tiết kiệm chi"),
        ("Chỉ trả trợ cấp đối với NCC", "Chi trả trợ cấp đối với NCC"),
        ("Tống số lượt tiếp công dân", "Tổng số lượt tiếp công dân"),
        ("bầu cử lần dầu", "bầu cử lần đầu"),
        ("so tien", "số tiền"),
    ],
    ids=["chi-hoi", "chi-end", "chi-tra", "tong-sac", "dau-d", "no-marks"],
)
def test_indicators_key_terms_slip_keys_like_print(slip, printed):
    assert indicator_key(slip) == indicator_key(printed)


def test_indicators_key_terms_leave_other_words_as_written():
    assert indicator_key("Số giường bệnh/vạn dân") == "số giường bệnh/vạn dân"
    assert indicator_key("chỉ tiêu giao") != indicator_key("chi tiêu giao")  # not a lexicon term: two keys
    assert indicator_key("Tỷ lệ hộ nghèo") == "tỷ lệ hộ nghèo"
