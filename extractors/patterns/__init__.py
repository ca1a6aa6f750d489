"""Compiled regexes of the extractors, one module per extractor, built from the lexicons."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_alternation(words: Iterable[str], *, lower: bool = False, tails: dict[str, str] | None = None) -> str:
    r"""A regex matching any of ``words``, factored into a prefix trie; spaces match ``\s+``.

    It matches what the longest-first list ``w1|w2|…`` matches: of two literals matching at
    one place the shorter is a prefix of the longer, and the trie tries the longer first.
    Python's ``re`` tries list alternatives one by one at every candidate position; with
    the ~200 unit forms that made the quantity scan 2.3× slower (10.0 → 4.4 ms on seed 001).
    ``lower`` folds case first, for IGNORECASE patterns ("Tỷ" and "tỷ" are one branch, so a
    longer "tỷ đồng" is never shadowed by its differently-cased prefix). ``tails`` gives a
    word the pattern that must follow it (tried after the longer words it is a prefix of).

    >>> trie_alternation(["triệu", "tỷ  đồng", "Tỷ", "%"], lower=True)
    '(?:%|t(?:riệu|ỷ(?:\\s+đồng)?))'
    """
    tails = tails or {}
    root: dict = {}
    for w in words:
        node = root
        for tok in re.findall(r"\s+|\S", " ".join(str(w).split())):
            node = node.setdefault(tok.lower() if lower else tok, {})
        node[""] = tails.get(w, "")
    return _trie_regex(root)


def _trie_regex(node: dict) -> str:
    alts = [(r"\s+" if k.isspace() else re.escape(k)) + _trie_regex(node[k]) for k in sorted(node) if k]
    end = node.get("")
    if end:  # the word's own tail, after the longer words
        alts.append(end)
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if end == "" else body


_META = frozenset("\\.^$*+?{}[]|()")


def word_start(alternatives: Iterable[str], not_after: str = r"\w") -> str:
    r"""``(?<!\w)(?:a|b|…)`` written so that ``re`` can jump to the alternatives' first letters.

    ``re`` skips ahead through a text only when a pattern opens with a literal, or with
    alternatives that each open with one; a leading look-behind hides them, and the whole
    pattern is then tried at every position of a 60 KB text. Here each alternative (a
    regex opening with a literal character) carries the look-behind after that character:
    ``X(?<!\wX)rest`` is ``(?<!\w)Xrest``. ``not_after`` is one character class. Case-
    sensitive patterns only (under IGNORECASE ``re`` does not skip on cased letters).

    >>> word_start(["UBND", "của"])
    '(?:U(?<!\\wU)BND|c(?<!\\wc)ủa)'
    """
    out = []
    for alt in alternatives:
        first = alt[:1]
        if not first or first in _META:
            raise ValueError(f"an alternative must open with a literal character: {alt!r}")
        out.append(f"{first}(?<!{not_after}{first}){alt[1:]}")
    return "(?:" + "|".join(out) + ")"


def both_cases(alternatives: Iterable[str]) -> list[str]:
    """Each alternative with its first letter in lower and in upper case ("giao", "Giao").

    Spelled out rather than ``[Gg]iao``: alternatives opening with literals let ``re``
    jump to their first letters (see ``word_start``).

    >>> both_cases(["giao", "đề nghị"])
    ['giao', 'Giao', 'đề nghị', 'Đề nghị']
    """
    return [v for alt in alternatives for v in dict.fromkeys((alt[:1].lower() + alt[1:], alt[:1].upper() + alt[1:]))]
