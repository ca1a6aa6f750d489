"""Text normalisation with an offset map, and ``match_key`` for comparisons.

The stored text stays faithful to the source: NFC, one kind of space, one kind of quote
and dash, no zero-width debris, markdown emphasis dropped for .txt/.md. Every length
change is recorded as an anchor so spans in the normalised text map back to the source
(eyecite ``SpanUpdater``). Tone-mark placement ("hoà"/"hòa") is *not* changed in the
text; ``match_key`` unifies it for comparisons only.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# One pass, one regex: each alternative is a kind of debris with its own replacement.
_SPACES = r"\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
_DEBRIS = (
    r"(?P<comb>[^\u200b-\u200d\u2060\ufeff\u00ad\x00-\x1f\x7f][\u0300-\u036f]+)"  # base letter + combining marks (decomposed input) -> NFC
    r"|(?P<zw>[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f])"  # zero-width, soft hyphen, C0 controls -> ""
    r"|(?P<nl>[ " + _SPACES + r"]*\n[ " + _SPACES + r"\n]*)"  # blank lines, edge spaces -> one newline
    r"|(?P<sp>[ " + _SPACES + r"]{2,}|[" + _SPACES + r"])"  # space runs, odd spaces -> one space
    r"|(?P<ch>[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b"
    r"\u2013\u2014\u2012\u2015\u2010\u2011\u2212\u00d0\u00f0])"  # quotes, dashes, Eth -> one form
)
# Markdown emphasis as the seeds carry it ("**I. MỤC ĐÍCH**", "*Ghi chú*"); a bullet "* " stays.
_MD = r"|(?P<md>\*\*+|__(?=\S)|(?<=\S)__|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*]))"
_DEBRIS_RE = re.compile(_DEBRIS)
_MD_EMPHASIS_RE = re.compile(_DEBRIS + _MD)
_CHAR_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u00d0": "\u0110", "\u00f0": "\u0111",  # Icelandic Eth typed for Vietnamese Đ/đ
}  # fmt: skip
#: Does a block need the debris pass? A character to replace, or two of space/newline in a
#: row ("  ", " \n", "\n ", "\n\n"). One opening class lets re skip to candidates.
_NEEDS_WORK_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0300-\u036f\u200b-\u200d\u2060\ufeff\u00ad\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
    r"\u201c-\u201f\u00ab\u00bb\u2018\u2019\u2013\u2014\u2012\u2015\u2010\u2011\u2212\u00d0\u00f0*_ \n]"
    r"(?:(?<![ \n])|[ \n])"  # the character is one to replace, or a space/newline with another after it
)


@dataclass
class OffsetMap:
    """Anchors (out_offset, src_offset) at each point where lengths diverge.

    Between anchors, offsets advance together. An empty map is the identity.
    """

    anchors: list[tuple[int, int]] = field(default_factory=list)

    def to_source(self, pos: int) -> int:
        """Map an offset in the normalised text to the source text."""
        if not self.anchors:
            return pos
        i = bisect.bisect_right(self.anchors, (pos, float("inf"))) - 1
        if i < 0:
            return pos
        out, src = self.anchors[i]
        return src + (pos - out)

    def to_output(self, pos: int) -> int:
        """Map a source offset to the normalised text (deleted chars map to the next kept one)."""
        if not self.anchors:
            return pos
        srcs = [s for _, s in self.anchors]
        i = bisect.bisect_right(srcs, pos) - 1
        if i < 0:
            return pos
        out, src = self.anchors[i]
        nxt_out = self.anchors[i + 1][0] if i + 1 < len(self.anchors) else None
        res = out + (pos - src)
        return min(res, nxt_out) if nxt_out is not None else res


def normalize_text(text: str, *, markdown: bool = False) -> tuple[str, OffsetMap]:
    """Normalise one block of text; returns the text and its offset map to the input.

    >>> normalize_text("Ho\u0300a  \u201cB\u00ecnh\u201d")[0]
    'Hòa "Bình"'
    >>> normalize_text("**I. MỤC ĐÍCH**", markdown=True)[0]
    'I. MỤC ĐÍCH'
    """
    if not _NEEDS_WORK_RE.search(text):
        return text, OffsetMap()
    pattern = _MD_EMPHASIS_RE if markdown else _DEBRIS_RE
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    out_len = 0
    last = 0
    for m in pattern.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "comb":
            rep = unicodedata.normalize("NFC", m.group())
        elif kind == "ch":
            rep = _CHAR_MAP[m.group()]
        elif kind == "sp":
            rep = " "
        elif kind == "nl":
            rep = "\n"
        else:  # zw, md
            rep = ""
        if s > last:
            out.append(text[last:s])
            out_len += s - last
        out.append(rep)
        if len(rep) != e - s:
            # anchor at the start of the replacement and right after it
            anchors.append((out_len, s))
            out_len += len(rep)
            anchors.append((out_len, e))
        else:
            out_len += len(rep)
        last = e
    out.append(text[last:])
    result = "".join(out)
    omap = OffsetMap(_dedupe(anchors))
    if result != text and not unicodedata.is_normalized("NFC", result):
        # rare: removing debris brought a combining mark next to its letter ("a\u200b\u0300").
        # Only a changed text can compose further: a mark with no letter before it, or a
        # composition-excluded letter ("\u0958"), stays as it is (it looped forever before).
        result2, omap2 = normalize_text(result)
        return result2, _compose(omap2, omap)
    return result, omap


def _compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map of applying ``inner`` then ``outer``: output offsets → original source."""
    points = {o: inner.to_source(s) for o, s in outer.anchors}
    for o1, s1 in inner.anchors:
        points.setdefault(outer.to_output(o1), s1)
    return OffsetMap(sorted(points.items()))


def _dedupe(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    res: list[tuple[int, int]] = []
    for a in anchors:
        if res and res[-1][0] == a[0]:
            res[-1] = a
        else:
            res.append(a)
    return res


# ---------------------------------------------------------------------------
# match keys: comparisons only, never stored as the document text

# Old ("hoà", "thuý") vs new ("hòa", "thúy") tone placement on oa/oe/uy: move the mark.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_TONE_RE = re.compile(r"([oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u0300-\u036f])")
_WS_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s%/]+")


def match_key(text: str) -> str:
    """Case-folded, tone-placement-unified, whitespace-collapsed key for comparing names.

    >>> match_key("Hoà  Bình") == match_key("HÒA BÌNH")
    True
    """
    nfd = unicodedata.normalize("NFD", text.replace("\u00d0", "Đ").replace("\u00f0", "đ"))
    nfd = _OLD_TONE_RE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), nfd)
    s = unicodedata.normalize("NFC", nfd).casefold()
    return _WS_RE.sub(" ", s).strip()


def fold_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (đ → d): for search that works with or without accents.

    >>> fold_diacritics("Hộ nghèo Đắk Lắk")
    'Ho ngheo Dak Lak'
    """
    nfd = unicodedata.normalize("NFD", text)
    s = "".join(c for c in nfd if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "D")


def name_key(text: str) -> str:
    """Loose key for names: match_key, punctuation dropped (keeps '/' and '%')."""
    return _WS_RE.sub(" ", _PUNCT_RE.sub(" ", match_key(text))).strip()
