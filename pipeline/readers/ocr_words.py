"""Repair OCR diacritic errors with dictionaries of two-syllable Vietnamese words.

Tesseract's Vietnamese model confuses marks that differ by a few pixels: hỏi and sắc ("tố
chức" for "tổ chức"), a stray huyền or hỏi on i ("thì đua", "tỉnh thần"), ô and ồ ("nồng
thôn"). Two neighbouring syllables that form no word, but would form exactly one word if
the marks of one changed, are repaired — unless that syllable already makes an as common
word with its other neighbour. Which changes are allowed depends on Tesseract's confidence:
any for a word it was unsure of; for a sure word only a sắc into a hỏi (its commonest slip,
made at full confidence) and only into a common word. The words are underthesea's Viet22K
and Viet74K (a declared dependency) and the pairs the document itself prints surely
(``document_pairs``: word lists lack "số tiền", "lần đầu"). Repaired syllables are written
in the new tone placement ("hòa"), lowercase unless the OCR word was capitalised.

On seed 001's scan (47 diacritic slips left by the first version, which repaired unsure
words only): 66 repairs right, 6 wrong, 24 slips left.
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
#: Words below this confidence are unsure: any repair is allowed (on seed 001 every repair
#: below 95 was right, at 97 most were wrong; clean words score 96-97). Pairs at or above it
#: are the document's sure pairs.
LOW_CONF = 95.0
#: underthesea's word lists, common words first (see ``_load_words``).
WORD_LISTS = ("Viet22K.txt", "Viet74K.txt")
ACUTE, HOOK = "\u0301", "\u0309"  # combining sắc and hỏi
_SENTENCE_END_RE = re.compile(r"[.:;!?…][\"”’)]*$")
_STRIP_MARKS = dict.fromkeys(range(0x300, 0x370))  # str.translate: combining marks → deleted


def _base(syllable: str) -> str:
    """The syllable without any diacritic: 'tổ' → 'to', 'đua' → 'dua'."""
    nfd = unicodedata.normalize("NFD", syllable.lower().replace("đ", "d"))
    return nfd.translate(_STRIP_MARKS)


@functools.cache  # immutable word lists, read on first use (about 0.5 s), not at import
def _load_words() -> tuple[dict[str, int], dict[str, list[tuple[str, str]]]]:
    """Two-syllable words (lowercase) with their tier, and an index from mark-less form to words.

    Tier 0: in Viet22K, underthesea's list of common words; tier 1: only in Viet74K, which
    also holds rare words and odd pairs ("thế và", "triệu đông"), so a tier-0 reading wins.
    """
    spec = importlib.util.find_spec("underthesea")  # locate its data without importing it (1.5 s)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("underthesea is not installed: it provides the OCR word lists (Viet22K, Viet74K)")
    tiers: dict[str, int] = {}
    index: dict[str, list[tuple[str, str]]] = {}
    for tier, name in enumerate(WORD_LISTS):
        path = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / name
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError as e:
            raise LexiconError(f"{path}: cannot read the Vietnamese word list: {e}") from e
        keyed = match_key(raw.replace("\n", " # "))  # whole-file passes: 10x faster than per line
        lines, bases = keyed.split(" # "), _base(keyed).split(" # ")
        for line, base in zip(lines, bases, strict=True):
            parts = line.split()
            if len(parts) != 2 or line in tiers or not _WORD_RE.fullmatch(line.replace(" ", "")):
                continue
            tiers[line] = tier
            index.setdefault(base, []).append((parts[0], parts[1]))
    return tiers, index


def _tier(tiers: dict[str, int], a: str | None, b: str | None) -> int | None:
    """The tier of the word 'a b', None when it is no word."""
    return None if a is None or b is None else tiers.get(f"{a} {b}")


def _hook_slip(old: str, new: str) -> bool:
    """True when ``new`` is ``old`` with its sắc turned into a hỏi ('tố' → 'tổ')."""
    return unicodedata.normalize("NFD", old).replace(ACUTE, HOOK) == unicodedata.normalize("NFD", new)


def _may_change(old: str, new: str, conf: float, name: bool) -> bool:
    """Whether OCR's ``old`` may be repaired to ``new``.

    Never a capitalised word inside a sentence (a name: "Phù Đổng" is in no word list),
    never a hỏi into a sắc (the reverse of Tesseract's slip: it turned a right "cả nước"
    into "cá nước"); a hỏi for a sắc at any confidence, anything else below ``LOW_CONF``.
    """
    if name or _hook_slip(new, old):
        return False
    return conf < LOW_CONF or _hook_slip(old, new)


def _with_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def document_pairs(blocks: list[tuple[list[str], list[float]]]) -> dict[str, list[tuple[str, str]]]:
    """Two-syllable sequences read surely in a document, indexed by their mark-less form.

    Word lists lack collocations ("số tiền", "lần đầu", "triệu đồng"); a document that
    prints one surely in one place gives the repair of a doubtful reading in another.

    >>> document_pairs([(["số", "tiền:", "tổng", "số", "tiên"], [97.0, 96.5, 97.0, 96.8, 80.0])])
    {'so tien': [('số', 'tiền')], 'tong so': [('tổng', 'số')]}
    """
    found: dict[str, set[tuple[str, str]]] = {}
    for words, confs in blocks:
        parts = [_TOKEN_RE.fullmatch(w) if c >= LOW_CONF else None for w, c in zip(words, confs, strict=True)]
        for m, n in zip(parts, parts[1:], strict=False):
            if m is not None and n is not None and not m.group(3) and not n.group(1):
                a, b = match_key(m.group(2)), match_key(n.group(2))
                found.setdefault(f"{_base(a)} {_base(b)}", set()).add((a, b))
    return {base: sorted(pairs) for base, pairs in found.items()}


def fix_diacritics(
    words: list[str], confs: list[float], seen: dict[str, list[tuple[str, str]]] | None = None
) -> list[str]:
    """Repair diacritics of OCR words (Tesseract tokens of one paragraph, confidences 0-100).

    ``seen`` (from ``document_pairs``) adds the document's own sure pairs as candidates. They
    protect a reading only from rare words, since a slip repeated surely would be among them.

    >>> fix_diacritics(["tố", "chức,", "thì", "đua"], [78.0, 96.8, 80.0, 97.0])
    ['tổ', 'chức,', 'thi', 'đua']
    >>> fix_diacritics(["khen", "tập", "thế", "và", "Hội", "khỏe", "Phù", "Đống"], [97.0] * 5 + [80.0] * 3)
    ['khen', 'tập', 'thể', 'và', 'Hội', 'khỏe', 'Phù', 'Đống']
    >>> fix_diacritics(["9", "đơn", "VỊ", "thanh", "tra"], [97.0, 97.0, 55.0, 97.0, 97.0])
    ['9', 'đơn', 'vị', 'thanh', 'tra']
    """
    tiers, index = _load_words()
    parts = [_TOKEN_RE.fullmatch(w) for w in words]
    cores = [match_key(m.group(2)) if m else None for m in parts]
    names = [
        i > 0 and m is not None and m.group(2)[:1].isupper() and not _SENTENCE_END_RE.search(words[i - 1])
        for i, m in enumerate(parts)
    ]
    fixed = list(cores)
    for i in range(len(words) - 1):
        a, b = fixed[i], fixed[i + 1]
        if a is None or b is None or parts[i].group(3) or parts[i + 1].group(1) or _tier(tiers, a, b) is not None:
            continue
        base = f"{_base(a)} {_base(b)}"
        options = {
            (x, y)
            for x, y in (*index.get(base, ()), *(seen or {}).get(base, ()))
            if (y == b and x != a and _may_change(a, x, confs[i], names[i]))
            or (x == a and y != b and _may_change(b, y, confs[i + 1], names[i + 1]))
        }
        in_document = options.intersection((seen or {}).get(base, ()))
        if len(options) != 1 and len(in_document) != 1:
            continue  # several readings, and the document does not single one out
        x, y = (options if len(options) == 1 else in_document).pop()
        new_tier = _tier(tiers, x, y)
        if new_tier is None:
            new_tier = len(WORD_LISTS)  # a pair of the document's only: ranks below the word lists
        if new_tier > 0 and (a, b) in (seen or {}).get(base, ()):
            continue  # the document prints this reading surely elsewhere ("triệu đồng", not "triệu đông")
        if min(confs[i], confs[i + 1]) >= LOW_CONF and new_tier != 0:
            continue  # a sure word is only repaired into a common one ("kiến có" is not "kiến cỏ")
        left = fixed[i - 1] if i > 0 else None
        right = fixed[i + 2] if i + 2 < len(fixed) else None
        old, new, other = (a, x, _tier(tiers, left, a)) if x != a else (b, y, _tier(tiers, b, right))
        if other is not None and (other < new_tier or (other == new_tier and not _hook_slip(old, new))):
            continue  # the syllable already belongs to a word on its other side, as common
        fixed[i], fixed[i + 1] = x, y
    out = list(words)
    for i, (old, new) in enumerate(zip(cores, fixed, strict=True)):
        m = parts[i]
        if old != new:
            out[i] = m.group(1) + _with_case(new, m.group(2)) + m.group(3)
        elif m and confs[i] < LOW_CONF and _stray_capitals(words, fixed, i, tiers):
            out[i] = m.group(1) + m.group(2).lower() + m.group(3)
    return out


def _stray_capitals(words: list[str], cores: list[str | None], i: int, tiers: dict[str, int]) -> bool:
    """An unsure all-capitals syllable amid lowercase words that makes a word lowercased.

    Tesseract reads letters shaped alike in both cases (v, x, s, o, c) as capitals: "đơn VỊ".
    """
    word = words[i]
    if not (word.isupper() and len(word) > 1) or i == 0 or not words[i - 1][:1].islower():
        return False
    if i + 1 < len(words) and not words[i + 1][:1].islower():
        return False
    right = cores[i + 1] if i + 1 < len(words) else None
    return _tier(tiers, cores[i - 1], cores[i]) is not None or _tier(tiers, cores[i], right) is not None
