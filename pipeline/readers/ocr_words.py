"""Repair OCR diacritic errors with a dictionary of two-syllable Vietnamese words.

Tesseract's Vietnamese model confuses marks that differ by a few pixels: hỏi and sắc ("tố
chức" for "tổ chức"), a stray huyền or hỏi on i ("thì đua", "tỉnh thần"), ô and ồ ("nồng
thôn"). Two neighbouring syllables that form no word, but would form exactly one dictionary
word if the marks of the one Tesseract was unsure of changed, are repaired — unless that
syllable already makes a word with its other neighbour. Repaired syllables are written
in the new tone placement ("hòa"), lowercase unless the OCR word was capitalised. The word list is underthesea's Viet74K
(a declared dependency), loaded once.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

from pipeline.errors import LexiconError
from pipeline.normalize import match_key

_WORD_RE = re.compile(r"[^\W\d_]+")
# An OCR token: leading punctuation, one syllable, trailing punctuation ("“Cả", "chức,").
_TOKEN_RE = re.compile(r"([^\w]*)([^\W\d_]+)([^\w]*)")
#: Only words Tesseract is unsure of are touched: on seed 001 every repair below 95 was right,
#: at 97 most were wrong (clean words score 96-97).
LOW_CONF = 95.0
_STRIP_MARKS = dict.fromkeys(range(0x300, 0x370))  # str.translate: combining marks → deleted


def _base(syllable: str) -> str:
    """The syllable without any diacritic: 'tổ' → 'to', 'đua' → 'dua'."""
    nfd = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    return nfd.translate(_STRIP_MARKS)


@functools.cache  # immutable word list, read on first use (about 0.4 s), not at import
def _load_words() -> tuple[frozenset[str], dict[str, list[tuple[str, str]]]]:
    """Two-syllable words (lowercase) and an index from their mark-less form to the words."""
    spec = importlib.util.find_spec("underthesea")  # locate its data without importing it (1.5 s)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("underthesea is not installed: it provides the OCR word list (Viet74K)")
    path = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / "Viet74K.txt"
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as e:
        raise LexiconError(f"{path}: cannot read the Vietnamese word list: {e}") from e
    keyed = match_key(raw.replace("\n", " # "))  # whole-file passes: 10x faster than per line
    lines, bases = keyed.split(" # "), _base(keyed).split(" # ")
    pairs: set[str] = set()
    index: dict[str, list[tuple[str, str]]] = {}
    for line, base in zip(lines, bases, strict=True):
        parts = line.split()
        if len(parts) != 2 or line in pairs or not _WORD_RE.fullmatch(line.replace(" ", "")):
            continue
        pairs.add(line)
        index.setdefault(base, []).append((parts[0], parts[1]))
    return frozenset(pairs), index


def _is_word(pairs: frozenset[str], a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and f"{a} {b}" in pairs


def _with_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def fix_diacritics(words: list[str], confs: list[float]) -> list[str]:
    """Repair diacritics of low-confidence OCR words (Tesseract tokens, confidences 0-100).

    >>> fix_diacritics(["tố", "chức,", "thì", "đua"], [78.0, 96.8, 80.0, 97.0])
    ['tổ', 'chức,', 'thi', 'đua']
    """
    pairs, index = _load_words()
    parts = [_TOKEN_RE.fullmatch(w) for w in words]
    cores = [match_key(m.group(2)) if m else None for m in parts]
    fixed = list(cores)
    for i in range(len(words) - 1):
        a, b = fixed[i], fixed[i + 1]
        if a is None or b is None or parts[i].group(3) or parts[i + 1].group(1) or _is_word(pairs, a, b):
            continue
        low_a, low_b = confs[i] < LOW_CONF, confs[i + 1] < LOW_CONF
        if not (low_a or low_b):
            continue
        options = {
            (x, y)
            for x, y in index.get(f"{_base(a)} {_base(b)}", ())
            if ((x != a and low_a and y == b) or (y != b and low_b and x == a))
        }
        if len(options) != 1:
            continue
        x, y = options.pop()
        left = fixed[i - 1] if i > 0 else None
        right = fixed[i + 2] if i + 2 < len(fixed) else None
        if (x != a and _is_word(pairs, left, a)) or (y != b and _is_word(pairs, b, right)):
            continue  # the syllable already belongs to a word on its other side
        fixed[i], fixed[i + 1] = x, y
    out = list(words)
    for i, (old, new) in enumerate(zip(cores, fixed, strict=True)):
        if old != new:
            m = parts[i]
            out[i] = m.group(1) + _with_case(new, m.group(2)) + m.group(3)
    return out
