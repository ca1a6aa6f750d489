"""Patterns rewritten so that ``re`` can skip ahead match exactly what their plain forms match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.patterns import both_cases, word_start
from pipeline.assemble import _EDGE_WS_RE, _strip_edges
from pipeline.normalize import _NEEDS_WORK_RE

# Few letters, so alternatives share first letters and texts hold them after letters, spaces
# and punctuation alike.
_ALPHABET = "aAcCđĐủ /-."
_ALT = st.text(alphabet="aAcCđĐủ", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALT, min_size=1, max_size=6), st.text(alphabet=_ALPHABET, max_size=40),
       st.sampled_from([r"\w", r"[\w/.-]"]))  # fmt: skip
def test_word_start_matches_the_leading_look_behind_form(alts, text, not_after):
    fast = re.compile(word_start([re.escape(a) for a in alts], not_after=not_after))
    plain = re.compile(f"(?<!{not_after})(?:" + "|".join(re.escape(a) for a in alts) + ")")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_word_start_refuses_an_alternative_without_a_literal_first_character():
    with pytest.raises(ValueError, match="literal"):
        word_start(["UBND", r"\d+"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALT, min_size=1, max_size=4), st.text(alphabet=_ALPHABET, max_size=40))
def test_both_cases_matches_a_first_letter_class(alts, text):
    spelled = re.compile("|".join(both_cases(re.escape(a) for a in alts)))
    classed = re.compile("|".join(f"[{a[0].lower()}{a[0].upper()}]{re.escape(a[1:])}" for a in alts))
    assert [m.span() for m in spelled.finditer(text)] == [m.span() for m in classed.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \t\n\u00a0\u3000\u200b\u00ad\ufeff", max_size=20))
def test_strip_edges_agrees_with_the_regex(text):
    """Block edges: white space and invisible marks in any mix, leading count included."""
    m = _EDGE_WS_RE.match(text)
    assert _strip_edges(text) == (_EDGE_WS_RE.sub("", text), m.end() if m else 0)


#: The plain form of normalize's gate: a character to replace, or a pair of spaces/newlines.
_NEEDS_WORK_PLAIN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0300-\u036f\u200b-\u200d\u2060\ufeff\u00ad\t\u00a0\u2000-\u200a\u202f\u205f\u3000"
    r"\u201c-\u201f\u00ab\u00bb\u2018\u2019\u2013\u2014\u2012\u2015\u2010\u2011\u2212\u00d0\u00f0*_]"
    r"| {2}| \n|\n[ \n]"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab  \n\n\t*_\u201c\u0300.", max_size=12))
def test_normalize_gate_agrees_with_its_plain_form(text):
    assert bool(_NEEDS_WORK_RE.search(text)) == bool(_NEEDS_WORK_PLAIN.search(text))
