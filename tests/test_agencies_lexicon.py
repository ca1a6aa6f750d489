"""agencies.yaml: every example is found by the matcher built from it; no alias is ambiguous."""

from __future__ import annotations

import pytest

from extractors.agency_names import is_agency_subject, parse_bodies, subject_end
from extractors.gazetteer import find_agencies, fold, gazetteer, load_agency_lexicon
from tests.conftest import seed_path

LEX = load_agency_lexicon()
ENTRIES = LEX["agencies"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["canonical"] for e in ENTRIES])
def test_agencies_lexicon_examples_match(entry):
    for example in entry["examples"]:
        hits = find_agencies(example)
        assert entry["canonical"] in [h.canonical for h in hits], example


def test_agencies_lexicon_aliases_unambiguous():
    seen: dict[str, str] = {}
    for e in ENTRIES:
        for name in {e["canonical"], *e["aliases"], *e["abbreviations"]}:
            key = " ".join(fold(name).split())
            assert seen.setdefault(key, e["canonical"]) == e["canonical"], f"{name}: {seen[key]} / {e['canonical']}"


def test_agencies_lexicon_levels():
    assert {e["level"] for e in ENTRIES} <= {"trung ương", "tỉnh", "huyện", "xã", "any"}


@pytest.mark.parametrize("example", [x for e in LEX["heads"] for x in e["examples"]])
def test_agencies_lexicon_heads(example):
    start = example.index(next(w for w in ("Sở", "Các", "Thủ", "tỉnh") if w in example))
    assert is_agency_subject(example, start)


@pytest.mark.parametrize("example", [x for e in LEX["verbs"] for x in e["examples"]])
def test_agencies_lexicon_verbs(example):
    end, verb = subject_end(example, 0)
    assert verb is not None and example[end:].startswith(verb.split()[0])


@pytest.mark.parametrize("entry", LEX["list_heads"], ids=[e["plural"] for e in LEX["list_heads"]])
def test_agencies_lexicon_list_heads(entry):
    for example in entry["examples"]:
        parsed = parse_bodies(example, 0)
        assert parsed is not None and len(parsed[1]) >= 2
        assert all(name.startswith(entry["head"]) for name in parsed[1])


def test_agencies_lexicon_abbreviations_examples():
    for a in LEX["abbreviations"]:
        assert all(a["short"] in x for x in a["examples"])


@pytest.mark.parametrize("seed", range(5))
def test_agencies_lexicon_fast_path_equals_phrasematcher(seed):
    """The dictionary walk used on the hot path finds exactly what spaCy's PhraseMatcher finds."""
    text = seed_path(seed, "txt").read_text(encoding="utf-8")
    g = gazetteer()
    assert g.find(text) == g.find_with_matcher(text)
