"""Trie alternations match exactly what longest-first lists of the same words match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.patterns import trie_alternation
from extractors.patterns.quantities import QUANTITY_RE, UNIT_BY_FORM

# Few letters, so words share prefixes and texts contain them; cased and accented.
_WORD = st.text(alphabet="aAbđĐỷỶ ", min_size=1, max_size=6).map(lambda w: " ".join(w.split())).filter(bool)
_NOISE = st.text(alphabet="aAbđĐỷỶ \n.", max_size=4)


@st.composite
def _words_and_text(draw):
    """Words sharing prefixes, and a text made of them (case changed, noise between)."""
    words = draw(st.lists(_WORD, min_size=1, max_size=8))
    words += [w + draw(st.sampled_from([" b", "b", " Đ a"])) for w in words[:2]]  # extensions
    pieces = draw(st.lists(st.one_of(st.sampled_from(words), _NOISE), max_size=8))
    text = " ".join(p.upper() if draw(st.booleans()) else p for p in pieces)
    return words, text


def _longest_first(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(set(words), key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(_words_and_text(), st.booleans(), st.sampled_from(["", r"(?![\wđĐỷỶ])"]))
def test_trie_matches_what_the_longest_first_list_matches(words_text, ignorecase, tail):
    """Without a tail the longest word must win; with one, backtracking into shorter ones."""
    words, text = words_text
    flags = re.IGNORECASE if ignorecase else 0
    trie = re.compile(f"(?:{trie_alternation(words, lower=ignorecase)}){tail}", flags)
    listed = re.compile(f"(?:{_longest_first(words)}){tail}", flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in listed.finditer(text)]


def test_quantity_pattern_takes_the_longest_unit():
    """A unit that extends a shorter one ('triệu đồng' over 'triệu') wins, in any case."""
    assert "triệu đồng" in UNIT_BY_FORM or "đồng" in UNIT_BY_FORM
    m = QUANTITY_RE.search("thu 12,5 Tỷ Đồng/năm")
    assert m.group("single") == "12,5"
    assert " ".join(m.group(0).split()).lower() == "12,5 tỷ đồng/năm"
