"""TCVN3/VNI tables and detection on strings taken from real legacy files (corpus-wild)."""

from __future__ import annotations

import pytest

from pipeline.encodings import (
    convert_legacy,
    detect_legacy,
    diacritic_share,
    encode_legacy,
    legacy_kind_of_font,
    valid_syllable_share,
)
from tests.conftest import SEEDS, seed_path

# (legacy text as read, font, expected Unicode, kind): strings copied from corpus-wild files.
CASES = [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", ".VnTime", "Cộng hòa xã hội chủ nghĩa Việt Nam", "tcvn3"),  # 10 .doc
    ("§éc lËp - Tù do - H¹nh phóc", ".VnTime", "Độc lập - Tự do - Hạnh phúc", "tcvn3"),
    ("quyÕt ®Þnh", ".VnTimeH", "QUYẾT ĐỊNH", "tcvn3"),  # capitals font
    (
        "cña Thñ t−íng ChÝnh phñ sè 115/2004/Q§-TTg",
        "CCBOEA+.VnTime",
        "của Thủ tướng Chính phủ số 115/2004/QĐ-TTg",
        "tcvn3",
    ),  # 31 .pdf
    ("Quü b¶o l∙nh tÝn dông", "CCBOEA+.VnTime,Bold", "Quỹ bảo lãnh tín dụng", "tcvn3"),  # 31: U+2219 for ã
    ("COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "VNI-Times", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "vni"),  # 13 .doc
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "VNI-Helve", "Độc lập - Tự do - Hạnh phúc", "vni"),
    ("Cộng hòa xã hội", ".VnTime", "Cộng hòa xã hội", None),  # Unicode text in a declared legacy font
    ("Bình Sơn", "Times New Roman", "Bình Sơn", None),
]


@pytest.mark.parametrize(("legacy", "font", "expected", "kind"), CASES, ids=[c[2][:20] for c in CASES])
def test_encodings_convert_with_font(legacy, font, expected, kind):
    assert convert_legacy(legacy, font) == (expected, kind)


@pytest.mark.parametrize(("legacy", "font", "expected", "kind"), [c for c in CASES if c[3]], ids=lambda v: str(v)[:15])
def test_encodings_detect_without_font(legacy, font, expected, kind):
    assert detect_legacy(legacy + " " + legacy) == kind


@pytest.mark.parametrize("seed", SEEDS)
def test_encodings_unicode_seed_is_not_legacy(seed):
    text = seed_path(seed).read_text(encoding="utf-8")
    assert detect_legacy(text) is None
    assert convert_legacy(text) == (text, None)


@pytest.mark.parametrize("kind", ["tcvn3", "vni"])
def test_encodings_every_letter_round_trips(kind):
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    toned = "".join(f"{v}{t}" for v in "aăâeêioôơuưy" for t in "\u0300\u0301\u0309\u0303\u0323")
    import unicodedata

    text = unicodedata.normalize("NFC", letters + " " + toned)
    out, got = convert_legacy(encode_legacy(text, kind), ".VnTime" if kind == "tcvn3" else "VNI-Times")
    assert (out, got) == (text, kind)
    upper = text.upper()
    font = ".VnTimeH" if kind == "tcvn3" else "VNI-Times"
    assert convert_legacy(encode_legacy(upper, kind), font) == (upper, kind)


def test_encodings_font_kinds():
    fonts = [".VnTime", ".VnTimeH", ".VnArial NarrowH", "VNI-Times", "VNI-Helve-Condense", "Arial", None]
    assert [legacy_kind_of_font(f) for f in fonts] == ["tcvn3", "tcvn3", "tcvn3", "vni", "vni", None, None]


def test_encodings_syllable_shares():
    seed = seed_path(1).read_text(encoding="utf-8")
    assert valid_syllable_share(seed) > 0.95
    assert valid_syllable_share(encode_legacy(seed, "tcvn3")) < 0.3
    assert valid_syllable_share(encode_legacy(seed, "vni")) < 0.3
    # corpus-wild 19's invisible OCR layer: valid-looking syllables without any diacritics
    assert diacritic_share("UY BAN NHAN DAN TINH DONG NAI CONG HOA XA HOI") == 0.0
    assert diacritic_share(seed) > 0.8
