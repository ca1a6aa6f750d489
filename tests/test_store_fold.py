"""The store's folding key (search index, names): one character for one, diacritics gone."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.store.keys import fold


def _fold_plainly(text: str) -> str:
    """The definition: each precomposed Latin letter to its base letter, đ to d, lowercase."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)).lower()
        latin = 0x00C0 <= ord(ch) < 0x0250 or 0x1E00 <= ord(ch) < 0x1F00
        out.append(base if latin and len(base) == 1 and base != ch else ch)
    folded = "".join(out).lower()
    return folded if len(folded) == len(text) else text.lower()


# Vietnamese letters, ASCII, letters the table leaves alone (Greek, CJK, past its end), İ (longer lower case).
_TEXT = st.text(alphabet="aĐđỆệƯưỷÀÝ Hộ nghèo.ΆΩ中\u1f00\u2126\u0130ÿŸ", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_fold_is_the_per_character_definition(text):
    assert fold(text) == _fold_plainly(text)


def test_fold_keeps_the_length_of_vietnamese_text():
    text = "Ủy ban nhân dân tỉnh Đắk Lắk: hộ nghèo giảm 2,5%"
    assert fold(text) == "uy ban nhan dan tinh dak lak: ho ngheo giam 2,5%"
    assert len(fold(text)) == len(text)
