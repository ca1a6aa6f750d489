"""Normalisation keeps the text faithful and every offset mappable back to the source."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import fold_diacritics, match_key, name_key, normalize_text

CASES = [
    pytest.param("Ho\u0300a Bi\u0300nh", "Hòa Bình", id="decomposed-nfc"),
    pytest.param("Qua\u0309ng Nga\u0303i", "Quảng Ngãi", id="decomposed-hook-tilde"),
    pytest.param("số\u00a001/QĐ-UBND", "số 01/QĐ-UBND", id="nbsp"),
    pytest.param("Ba\u200b Tơ\ufeff", "Ba Tơ", id="zero-width"),
    pytest.param("\u201cCả nước chung sức\u201d", '"Cả nước chung sức"', id="curly-quotes"),
    pytest.param("Bà Rịa \u2013 Vũng Tàu", "Bà Rịa - Vũng Tàu", id="en-dash"),
    pytest.param("\u00d0ảng bộ", "Đảng bộ", id="eth-for-dj"),
    pytest.param("ngày   tháng\t3", "ngày tháng 3", id="space-runs"),
    pytest.param("dòng một   \n\n  dòng hai", "dòng một\ndòng hai", id="blank-lines"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_text_cases(raw: str, expected: str) -> None:
    assert normalize_text(raw)[0] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**I. MỤC ĐÍCH, YÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("xếp thứ hạng từ **03/06** huyện", "xếp thứ hạng từ 03/06 huyện"),
        ("*Ghi chú:* số liệu", "Ghi chú: số liệu"),
        ("* gạch đầu dòng giữ nguyên", "* gạch đầu dòng giữ nguyên"),
        ("5 * 3 = 15", "5 * 3 = 15"),
    ],
)
def test_normalize_markdown_emphasis(raw: str, expected: str) -> None:
    assert normalize_text(raw, markdown=True)[0] == expected


def test_normalize_offsets_map_back_to_source() -> None:
    raw = "**Căn cứ**  Quyết\u00a0định số   01/QĐ-UBND ngày 20/01/2023"
    out, omap = normalize_text(raw, markdown=True)
    i = out.index("01/QĐ-UBND")
    j = omap.to_source(i)
    assert raw[j : j + len("01/QĐ-UBND")] == "01/QĐ-UBND"
    assert omap.to_output(raw.index("Quyết")) == out.index("Quyết")


@given(st.text(alphabet=st.sampled_from(list("aăâoơ *\u00a0\u200b\u0300\u0301\n\u201cđĐ-–x1"))))
def test_normalize_is_nfc_and_maps_every_offset(raw: str) -> None:
    out, omap = normalize_text(raw, markdown=True)
    assert unicodedata.is_normalized("NFC", out)
    for i in range(len(out) + 1):
        assert 0 <= omap.to_source(i) <= len(raw)


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("raw", ["\u0323\u0958", "x \u0300\u0958  y", "\u0301\u2126"])
def test_normalize_stops_on_text_it_cannot_compose(raw: str, markdown: bool) -> None:
    """A mark with no letter before it beside a composition-excluded letter: this recursed
    until RecursionError (found by the segmentation property test). Nothing is lost."""
    text, omap = normalize_text(raw, markdown=markdown)
    assert unicodedata.normalize("NFC", text) == unicodedata.normalize(
        "NFC", " ".join(raw.split(" ")).replace("  ", " ")
    )
    assert all(0 <= omap.to_source(i) <= len(raw) for i in range(len(text) + 1))


def test_match_key_unifies_tone_placement_and_case() -> None:
    assert match_key("Hoà Bình") == match_key("HÒA  BÌNH")
    assert match_key("Thuý") == match_key("thúy")
    assert match_key("hoàng") != match_key("hòang")  # tone before a final consonant is not moved


def test_fold_diacritics_and_name_key() -> None:
    assert fold_diacritics("Hộ nghèo Đắk Lắk") == "Ho ngheo Dak Lak"
    assert name_key("Phòng Lao động - Thương binh và Xã hội.") == "phòng lao động thương binh và xã hội"
