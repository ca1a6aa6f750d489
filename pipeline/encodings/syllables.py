"""How Vietnamese a text looks: the share of its words that are valid Vietnamese syllables.

Used to decide whether a text is legacy-encoded (TCVN3/VNI garbage such as "Céng hßa" or
"COÄNG HOAØ" is full of impossible syllables), and by the PDF triage to spot broken text
layers. A syllable is valid when, after removing its tone mark, it is an initial consonant
plus a known rhyme, and a stop final (c, ch, p, t) carries only the sắc or nặng tone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Combining tone marks (NFD): huyền, sắc, hỏi, ngã, nặng.
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
_STOP_TONES = {"", "\u0301", "\u0323"}  # tones a syllable ending in c/ch/p/t may carry

# Initials, longest first; "gi" and "qu" take the glide as part of the initial.
_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
# Nucleus (with glides) and final, written without tone marks; permissive on purpose:
# the aim is telling Vietnamese from mojibake, not spell-checking.
_RHYME = (
    r"(?:"
    r"(?:oai|oay|oao|oeo|uây|uôi|ươi|ươu|iêu|yêu|uyê|uya|uyu|uơ|ươ|uô|uâ|uê|uy|ua|ưa|iê|yê|ia"
    r"|oa|oă|oe|oo|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu"
    r"|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
    r"(?:ch|nh|ng|c|m|n|p|t)?"
    r")"
)
_SYLLABLE_RE = re.compile(_INITIAL + _RHYME)
_STOP_FINAL_RE = re.compile(r"(?:c|ch|p|t)$")
# Words: runs of letters (digits and underscores excluded), including legacy-encoding debris
# such as "¸" or "§" that sits inside words of TCVN3 text.
_WORD_WITH_DEBRIS_RE = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7\u2212\u2219])+")
_VIET_MARKED_RE = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True when ``word`` is a well-formed Vietnamese syllable (any case, any tone).

    >>> [is_valid_syllable(w) for w in ("nghiệp", "Cộng", "hßa", "HOAØ", "tốt", "tồt")]
    [True, True, False, False, True, False]
    """
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in nfd if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONE_MARKS))
    if not _SYLLABLE_RE.fullmatch(base):
        return False
    tone = tones[0] if tones else ""
    return not (_STOP_FINAL_RE.search(base) and tone not in _STOP_TONES)


def valid_syllable_share(text: str) -> float:
    """Share (0..1) of the words in ``text`` that are valid Vietnamese syllables; 0.0 if no words.

    Clean Vietnamese prose scores about 0.9-0.97 (abbreviations such as UBND count as invalid);
    TCVN3/VNI read as Windows-1252 scores below 0.6.

    >>> valid_syllable_share("Cộng hòa xã hội chủ nghĩa Việt Nam")
    1.0
    >>> valid_syllable_share("Céng hßa x· héi chñ nghÜa ViÖt Nam") < 0.5
    True
    """
    words = _WORD_WITH_DEBRIS_RE.findall(text)
    if not words:
        return 0.0
    return sum(map(is_valid_syllable, words)) / len(words)


def diacritic_share(text: str) -> float:
    """Share (0..1) of the words that carry a non-ASCII letter; Vietnamese prose scores ~0.7.

    A text layer without diacritics ("UY BAN NHAN DAN", a bad OCR layer) scores near 0 while
    its syllables still look valid, so the PDF triage needs both figures.

    >>> diacritic_share("UY BAN NHAN DAN TINH DONG NAI")
    0.0
    """
    words = _WORD_WITH_DEBRIS_RE.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words if _VIET_MARKED_RE.search(w)) / len(words)
