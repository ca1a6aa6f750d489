"""TCVN3 (ABC) and VNI legacy Vietnamese encodings: decode, encode, detect.

Pre-Unicode documents store Vietnamese in 8-bit fonts: TCVN3 gives each lowercase letter
its own byte ("Céng hßa" is "Cộng hòa"); VNI writes a base letter plus a modifier byte
("COÄNG HOAØ" is "CỘNG HOÀ"). Read as Windows-1252 they look like garbage, so every reader
passes suspicious text through ``convert_legacy``. The mapping tables are data files next to
this module (``tcvn3.tsv``, ``vni.tsv``); legacy text is handled as the Unicode characters its
bytes decode to under Windows-1252, which is how Word, LibreOffice and PDF text layers
hand it over.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from pathlib import Path

from pipeline.encodings.syllables import is_valid_syllable

TCVN3 = "tcvn3"
VNI = "vni"
KINDS = (TCVN3, VNI)
_DATA_DIR = Path(__file__).resolve().parent

#: Detection needs at least this many words carrying non-ASCII characters.
MIN_EVIDENCE_WORDS = 2
#: A conversion is accepted when this share of the non-ASCII words become valid syllables …
MIN_CONVERTED_SHARE = 0.7
#: … and the share improves by at least this much over the text as it is.
MIN_SHARE_GAIN = 0.2
#: Detection looks at no more than this many non-ASCII words (long files: the start suffices).
MAX_SAMPLE_WORDS = 600


def _load_table(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """Read ``<name>.tsv`` → (decode map legacy→unicode, encode map unicode→legacy)."""
    decode: dict[str, str] = {}
    encode: dict[str, str] = {}
    path = _DATA_DIR / f"{name}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("unicode\t"):
            continue
        uni, codes, role, *_ = line.split("\t")
        legacy = "".join(chr(int(c, 16)) for c in codes.split())
        decode[legacy] = uni
        if role == "main":
            encode[uni] = legacy
    return decode, encode


_TCVN3_DECODE, _TCVN3_ENCODE = _load_table(TCVN3)
_VNI_DECODE, _VNI_ENCODE = _load_table(VNI)
# VNI modifiers are typed in the case of their base letter; accept the other case too.
for _seq, _uni in list(_VNI_DECODE.items()):
    if len(_seq) == 2:
        _VNI_DECODE.setdefault(_seq[0] + _seq[1].swapcase(), _uni)

_TCVN3_TRANS = str.maketrans(_TCVN3_DECODE)
# TCVN3 has no capitals with tone marks: encode them as the lowercase code (the font carries case).
_TCVN3_ENCODE_TRANS = str.maketrans(
    {**{u.upper(): v for u, v in _TCVN3_ENCODE.items() if u.upper() not in _TCVN3_ENCODE}, **_TCVN3_ENCODE}
)
_VNI_ENCODE_TRANS = str.maketrans(_VNI_ENCODE)
# Longest match first, so "ôù" (ớ) wins over "ô" (ơ) and "oâ" (ô) over "o".
_VNI_RE = re.compile("|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True)))

# Font names: optional PDF subset prefix "ABCDEF+", then ".VnTime…" (TCVN3) or "VNI-Times…" (VNI).
_VNI_FONT_RE = re.compile(r"^(?:[A-Z]{6}\+)?VNI[-_ ]", re.I)
# "VNTime" (no dot, capitals) is how some RTF style sheets name .VnTime (corpus-wild 18);
# the ABC package also shipped fonts named "ABC …" and "TCVN…".
_TCVN3_FONT_RE = re.compile(r"^(?:[A-Z]{6}\+)?(?:\.?[Vv][Nn][A-Za-z]|ABC\b|TCVN)", re.I)
# TCVN3 capitals fonts end in H: ".VnTimeH", ".VnArial NarrowH", "CCBOCO+.VnTimeH,Bold".
_TCVN3_CAPS_FONT_RE = re.compile(r"H(?:[,-](?:Bold|Italic|BoldItalic|Regular|Oblique))*$")

_LOWER_TONED = "".join(u for u, b in _TCVN3_ENCODE.items() if ord(b) >= 0xB5)
_TONED_SET = frozenset(_LOWER_TONED)
# Lines worth a case repair: a capital next to a case-less toned letter ("KÕ HO¹CH", "Sè").
_CASE_CANDIDATE_LINE_RE = re.compile(rf"[A-ZĂÂÊÔƠƯĐ][^\W\d_]*[{_LOWER_TONED}]|[{_LOWER_TONED}][^\W\d_]*[A-Z]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
# A toned letter opening a sentence or a line ("ñy ban" at the start of a paragraph).
_SENTENCE_START_RE = re.compile(rf"(?:^|(?<=[.!?]\s))([\s\"'(“*-]*)([{_LOWER_TONED}])", re.M)
# Names of state bodies are capitalised (NĐ 30/2020, Phụ lục II): "Ủy ban nhân dân".
_UY_BAN_RE = re.compile(r"\bủy ban nhân dân\b")
# Characters no Unicode Vietnamese text needs (Latin-1 symbols and non-Vietnamese letters) but
# TCVN3/VNI text is full of; a text without two of them is not legacy (cheap early exit).
_LEGACY_SIGNATURE_RE = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212\u2219]"
)
_NON_ASCII_WORD_RE = re.compile(r"\S*[^\x00-\x7f]\S*")
_WORD_CHARS_RE = re.compile(r"[^\W\d_]+")
# Characters that prove a text is already Unicode Vietnamese (not in any 8-bit legacy font).
_UNICODE_VIET_RE = re.compile(r"[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def legacy_kind_of_font(font: str | None) -> str | None:
    """'tcvn3' for .Vn* fonts, 'vni' for VNI-* fonts, else None.

    >>> [legacy_kind_of_font(f) for f in (".VnTimeH", "VNI-Times", "CCBOEA+.VnTime", "Times New Roman")]
    ['tcvn3', 'vni', 'tcvn3', None]
    """
    if not font:
        return None
    font = font.strip()
    if _VNI_FONT_RE.match(font):
        return VNI
    if _TCVN3_FONT_RE.match(font):
        return TCVN3
    return None


def decode_legacy(text: str, kind: str) -> str:
    """Map legacy characters to Unicode, without any case repair (NFC)."""
    if kind == TCVN3:
        out = text.translate(_TCVN3_TRANS)
    elif kind == VNI:
        out = _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)
    else:
        raise ValueError(f"unknown legacy encoding {kind!r}")
    return unicodedata.normalize("NFC", out)


def encode_legacy(text: str, kind: str) -> str:
    """Encode Unicode Vietnamese as legacy text (the Windows-1252 view of its bytes).

    TCVN3 cannot store capitals with tone marks; they become the lowercase code, as typed
    in a .VnTimeH run. Used by tests to build legacy files from Unicode seeds.

    >>> encode_legacy("Cộng hòa", "tcvn3"), encode_legacy("CỘNG HOÀ", "vni")
    ('Céng hßa', 'COÄNG HOAØ')
    """
    text = unicodedata.normalize("NFC", text)
    if kind == TCVN3:
        return text.translate(_TCVN3_ENCODE_TRANS)
    if kind == VNI:
        return text.translate(_VNI_ENCODE_TRANS)
    raise ValueError(f"unknown legacy encoding {kind!r}")


def _restore_tcvn3_case(text: str) -> str:
    """Guess capitals that TCVN3 text without fonts lost: all-caps words, sentence starts."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _CASE_CANDIDATE_LINE_RE.search(line):
            lines[i] = _restore_line_caps(line)
    text = _SENTENCE_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), "\n".join(lines))
    return _UY_BAN_RE.sub("Ủy ban nhân dân", text)


def _word_case(word: str) -> str:
    """'C' all capitals (≥ 2), 'A' ambiguous (≤ 1 capital, toned letters), 'L' lowercase present."""
    upper = 0
    for ch in word:
        if ch in _TONED_SET:
            continue
        if ch.islower():
            return "L"
        upper += ch.isupper()
    return "C" if upper >= 2 else "A"


def _restore_line_caps(line: str) -> str:
    """Upper-case capital words and the ambiguous words that stand (space-separated) beside them."""
    words = list(_LETTERS_RE.finditer(line))
    cases = [_word_case(m.group()) for m in words]
    for order in (range(len(words)), range(len(words) - 1, -1, -1)):
        for i in order:
            if cases[i] != "A":
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(words) and cases[j] == "C":
                    lo, hi = sorted((words[i], words[j]), key=lambda m: m.start())
                    if not line[lo.end() : hi.start()].strip():
                        cases[i] = "C"
                        break
    out = list(line)
    for m, case in zip(words, cases, strict=True):
        if case == "C":
            out[m.start() : m.end()] = m.group().upper()
    return "".join(out)


def _share_valid(words: list[str]) -> float:
    letters = [w for word in words for w in _WORD_CHARS_RE.findall(word)]
    return sum(map(is_valid_syllable, letters)) / len(letters) if letters else 0.0


def detect_legacy(text: str) -> str | None:
    """Say whether ``text`` is TCVN3 or VNI read as Windows-1252 (statistically), else None.

    Only words with non-ASCII characters carry evidence; the text is legacy when decoding
    turns them from mostly invalid into mostly valid Vietnamese syllables.

    >>> detect_legacy("Céng hßa x· héi chñ nghÜa ViÖt Nam"), detect_legacy("COÄNG HOAØ XAÕ HOÄI")
    ('tcvn3', 'vni')
    >>> detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam") is None
    True
    """
    sig = _LEGACY_SIGNATURE_RE.search(text)
    if sig is None or _LEGACY_SIGNATURE_RE.search(text, sig.end()) is None:
        return None
    words = [m.group() for m in islice(_NON_ASCII_WORD_RE.finditer(text), MAX_SAMPLE_WORDS)]
    if len(words) < MIN_EVIDENCE_WORDS:
        return None
    if len(_UNICODE_VIET_RE.findall(" ".join(words))) > len(words) // 2:
        return None  # plainly Unicode Vietnamese
    before = _share_valid(words)
    best, best_share = None, 0.0
    for kind in KINDS:
        share = _share_valid([decode_legacy(w, kind) for w in words])
        if share > best_share:
            best, best_share = kind, share
    if best_share >= MIN_CONVERTED_SHARE and best_share - before >= MIN_SHARE_GAIN:
        return best
    return None


def convert_legacy(text: str, font: str | None = None) -> tuple[str, str | None]:
    """Convert TCVN3/VNI text to Unicode NFC; returns (text, kind) with kind None if unchanged.

    With a font name (a .docx run, a PDF text span) the font decides: .Vn* is TCVN3, its
    ...H variants are capitals, VNI-* is VNI, any other font means Unicode. A legacy font
    over text that is already Unicode (declared but unused, common in modern files) is left
    alone. Without a font the text is detected statistically and TCVN3 capitals are guessed.

    >>> convert_legacy("§éc lËp", ".VnTime"), convert_legacy("ñy ban", ".VnTimeH")
    (('Độc lập', 'tcvn3'), ('ỦY BAN', 'tcvn3'))
    """
    if font is not None:
        kind = legacy_kind_of_font(font)
        if kind is None or _UNICODE_VIET_RE.search(text):
            return text, None
        out = decode_legacy(text, kind)
        if kind == TCVN3 and _TCVN3_CAPS_FONT_RE.search(font.strip()):
            out = out.upper()
        if not _plausible(text, out):
            return text, None
    else:
        kind = detect_legacy(text)
        if kind is None:
            return text, None
        out = decode_legacy(text, kind)
        if kind == TCVN3:
            out = _restore_tcvn3_case(out)
    return (out, kind) if out != text else (text, None)


def _plausible(before: str, after: str) -> bool:
    """False when decoding a longer run made it less Vietnamese (Unicode text in a legacy font)."""
    words = _NON_ASCII_WORD_RE.findall(before)
    if len(words) < 3:
        return True
    return _share_valid(_NON_ASCII_WORD_RE.findall(after)) >= _share_valid(words) - 0.1
