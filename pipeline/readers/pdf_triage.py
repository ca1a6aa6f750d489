"""Per-page triage of a PDF text layer: keep it, or send the page to OCR with a reason.

A text layer can be absent (a scan), broken (unmapped glyphs shown as U+FFFD or
"(cid:N)", diacritics split from their letters), legacy-encoded (TCVN3/VNI fonts such as
.VnTime), or an invisible OCR layer someone else made badly (corpus-wild 19: no
diacritics; 24: garbled). The cheap test that catches most of these is the share of
words that are valid Vietnamese syllables, plus the share that carry a diacritic.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from pipeline.readers.pdf_objects import PageContent

#: Fewer non-space characters than this counts as "no text" on a page.
MIN_TEXT_CHARS = 20
#: A page whose images cover this share and which holds less text than
#: ``SCAN_MAX_CHARS`` is a scan with a stray text line (e-signature stamp).
SCAN_IMAGE_SHARE = 0.5
SCAN_MAX_CHARS = 200
#: More vector paths than this on a page without text: text drawn as outlines.
DRAWN_TEXT_PATHS = 200
#: Word count below which the syllable statistics are not trusted.
MIN_WORDS = 25
#: Valid-syllable share below which a layer is broken (good Vietnamese text: > 0.85).
MIN_VALID_SHARE = 0.65
#: Share of words with a Vietnamese diacritic below which the layer has lost them
#: (running Vietnamese prose: 0.5-0.8).
MIN_DIACRITIC_SHARE = 0.2
#: Share of unmapped glyphs (U+FFFD, (cid:N), private use, controls) that breaks a layer.
MAX_BAD_GLYPH_SHARE = 0.02
#: Share of words with a detached diacritic that breaks a layer.
MAX_SPLIT_SHARE = 0.05

#: Characters of a page sampled for the syllable statistics (a page holds ~2,500).
SAMPLE_CHARS = 1500

# Vietnamese syllable, tone marks removed: onset, then either a nucleus that may take a
# final consonant, or a nucleus ending in a semivowel (no final). Letters only; lowercase.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
_CLOSED = r"(?:uyê|iê|yê|oa|oă|oe|oo|uâ|uê|uy|uô|ươ|[aăâeêioôơuưy])"
_CODA = r"(?:ch|nh|ng|[cmnpt])"
_OPEN = r"(?:iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uyu|uya|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|uơ)"
SYLLABLE_RE = re.compile(rf"{_ONSET}(?:{_CLOSED}(?P<coda>{_CODA})?|{_OPEN})")
# Tone marks as combining characters (grave, acute, tilde, hook above, dot below).
_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_TONE_RE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
# A word: letters only (digits and symbols are not syllables).
_WORD_RE = re.compile(r"[^\W\d_]+")
_DIACRITIC_RE = re.compile("[^a-zA-Z]")
# Glyphs a text layer shows when the font has no usable Unicode mapping.
_BAD_GLYPH_RE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
# A diacritic standing apart from its letter: a combining mark after a space or at the
# start, or a spacing accent (´ ` ˆ ˜ ¨ ˀ ˋ ˊ) touching a letter.
_SPLIT_RE = re.compile(
    r"(?:^|\s)[\u0300-\u036f]|[\u00b4\u0060\u02c6\u02dc\u00a8\u02cb\u02ca\u02c0](?=\w)|(?<=\w)[\u00b4\u02cb\u02ca\u02dc]"
)
# Font names that mean a legacy Vietnamese 8-bit encoding (TCVN3 / VNI).
LEGACY_FONT_RE = re.compile(r"(?i)(?:^|[+,])\.?vn[a-z]|^vni[- ]|vni-")


@functools.lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """True when ``word`` is a well-formed Vietnamese syllable (any case, any tone).

    >>> [is_syllable(w) for w in ["Nghiêng", "hoạch", "quyết", "UBND", "cqng", "thươngt"]]
    [True, True, True, False, False, False]
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = _TONE_RE.findall(decomposed)
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", _TONE_RE.sub("", decomposed))
    m = SYLLABLE_RE.fullmatch(bare)
    if m is None:
        return False
    coda = m.group("coda")
    # a syllable closed by a stop (c, ch, p, t) only takes the sắc or nặng tone
    return not (coda in {"c", "ch", "p", "t"} and tones and _TONES[tones[0]] not in {"sac", "nang"})


@dataclass(slots=True)
class LayerStats:
    """Cheap quality figures for a stretch of text-layer text."""

    chars: int
    words: int
    valid_share: float
    diacritic_share: float
    bad_glyphs: int
    split_marks: int

    def problem(self) -> str | None:
        """The reason this text is unusable, or None when it reads as Vietnamese."""
        if self.chars and self.bad_glyphs / self.chars > MAX_BAD_GLYPH_SHARE:
            return f"broken text layer: {self.bad_glyphs} unmapped glyphs (U+FFFD / (cid:N))"
        if self.words and self.split_marks / self.words > MAX_SPLIT_SHARE:
            return f"broken text layer: {self.split_marks} diacritics split from their letters"
        if self.words >= MIN_WORDS and self.valid_share < MIN_VALID_SHARE:
            return f"broken text layer: only {self.valid_share:.0%} valid Vietnamese syllables"
        if self.words >= MIN_WORDS and self.diacritic_share < MIN_DIACRITIC_SHARE:
            return f"text layer without Vietnamese diacritics ({self.diacritic_share:.0%} of words)"
        return None


def layer_stats(text: str) -> LayerStats:
    """Measure ``text``: valid-syllable share, diacritic share, unmapped and split glyphs."""
    words = _WORD_RE.findall(text, 0, SAMPLE_CHARS)
    # Upper-case words of 2+ letters are mostly abbreviations (UBND, HĐND): not judged.
    judged = [w for w in words if not (w.isupper() and len(w) > 1 and not is_syllable(w))] or words
    valid = sum(1 for w in judged if is_syllable(w))
    marked = sum(1 for w in judged if _DIACRITIC_RE.search(w))
    n = len(judged)
    return LayerStats(
        chars=_count_chars(text),
        words=n,
        valid_share=valid / n if n else 1.0,
        diacritic_share=marked / n if n else 1.0,
        bad_glyphs=len(_BAD_GLYPH_RE.findall(text)),
        split_marks=len(_SPLIT_RE.findall(text)),
    )


def _count_chars(text: str) -> int:
    """Non-space characters."""
    return len("".join(text.split()))


@dataclass(slots=True)
class PageVerdict:
    """The triage outcome for one page."""

    needs_ocr: bool
    reason: str | None = None
    hidden_layer: bool = False  # the usable text is an invisible OCR layer
    blank: bool = False


def triage_page(page: PageContent) -> PageVerdict:
    """Decide whether a page's (possibly converted) text layer is usable."""
    visible = "".join(r.text for r in page.runs if not r.hidden)
    hidden = "".join(r.text for r in page.runs if r.hidden)
    n_visible = _count_chars(visible)
    n_hidden = _count_chars(hidden)
    if n_visible + n_hidden < MIN_TEXT_CHARS:
        if page.image_area > 0.05 or page.paths > DRAWN_TEXT_PATHS:
            return PageVerdict(True, "no text layer (image-only page)")
        return PageVerdict(False, blank=True)
    if n_hidden > n_visible:
        reason = layer_stats(hidden).problem()
        if reason:
            return PageVerdict(True, f"invisible OCR layer unusable: {reason}")
        return PageVerdict(False, hidden_layer=True)
    if page.image_area >= SCAN_IMAGE_SHARE and n_visible < SCAN_MAX_CHARS:
        return PageVerdict(True, f"scanned page: an image with only {n_visible} characters of text")
    reason = layer_stats(visible).problem()
    if reason:
        return PageVerdict(True, reason)
    return PageVerdict(False)
