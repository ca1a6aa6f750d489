"""Data tests: units.yaml and indicators.yaml are well formed and every example matches.

Each lexicon entry carries real example strings; the patterns built from the entry must
find them (reporters-db tests.py habit), so an archivist can extend the tables safely.
"""

from __future__ import annotations

import re

import pytest

from extractors.patterns import quantities as PQ
from extractors.patterns import targets as PT
from extractors.quantities import find_quantities

UNITS = PQ.UNITS
CUES = PQ.CUES


def test_quantities_lexicon_entries_have_source_and_examples():
    tables = [
        UNITS["scales"],
        UNITS["units"],
        *(CUES[k] for k in ("comparators_before", "comparators_after", "roles", "directions", "key_fixes")),
    ]
    for table in tables:
        for entry in table:
            assert entry.get("source"), entry
            assert entry.get("examples"), entry
    for key in (
        "label_words",
        "indicator_trim",
        "descriptive",
        "report_sections",
        "plan_sections",
        "descriptive_sections",
    ):
        assert CUES[key]["forms"] and CUES[key]["source"] and CUES[key]["examples"], key


def test_quantities_lexicon_no_duplicate_unit_forms():
    forms = [str(f).casefold() for u in UNITS["units"] for f in u["forms"]]
    assert len(forms) == len(set(forms)), sorted({f for f in forms if forms.count(f) > 1})


@pytest.mark.parametrize("entry", UNITS["units"], ids=lambda u: u["canonical"])
def test_quantities_lexicon_unit_examples(entry):
    for example in entry["examples"]:
        canon = [f.unit_canonical for f in find_quantities(example)]
        assert any(c and c.split("/")[0] == entry["canonical"] for c in canon), (example, canon)


@pytest.mark.parametrize("entry", UNITS["scales"], ids=lambda s: s["name"])
def test_quantities_lexicon_scale_examples(entry):
    forms = [str(f) for f in entry["forms"]]
    for example in entry["examples"]:
        units = [f.unit or "" for f in find_quantities(example)]
        assert any(u.split()[0] in forms for u in units if u), (example, units)


def test_quantities_lexicon_denominator_examples():
    for example in UNITS["denominators"]["examples"]:
        assert any("/" in (f.unit or "") for f in find_quantities(example)), example


def test_quantities_lexicon_word_number_examples():
    for example in UNITS["word_numbers"]["examples"]:
        assert [f.value_text for f in find_quantities(example)] != [], example


@pytest.mark.parametrize(
    "entry", CUES["comparators_before"] + CUES["comparators_after"], ids=lambda c: c["code"] + ":" + c["forms"][0]
)
def test_quantities_lexicon_comparator_examples(entry):
    for example in entry["examples"]:
        assert entry["code"] in [f.comparator.value for f in find_quantities(example)], example


def test_quantities_lexicon_label_examples_are_not_quantities():
    for example in CUES["label_words"]["examples"]:
        assert find_quantities(example) == [], example


def _forms_re(forms) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + PQ.alternation(forms) + r")(?!\w)", re.IGNORECASE)


@pytest.mark.parametrize(
    "entry",
    CUES["roles"] + CUES["directions"],
    ids=lambda e: e.get("role") or e.get("direction"),
)
def test_quantities_lexicon_cue_examples(entry):
    pattern = _forms_re(entry["forms"])
    for example in entry["examples"]:
        assert pattern.search(example), example


def test_quantities_lexicon_section_examples():
    for key, pattern in (
        ("report_sections", PT.REPORT_TITLE_RE),
        ("plan_sections", PT.PLAN_TITLE_RE),
        ("descriptive_sections", PT.DESCRIPTIVE_TITLE_RE),
        ("descriptive", PT.DESCRIPTIVE_RE),
    ):
        for example in CUES[key]["examples"]:
            assert pattern.search(example), (key, example)


def test_quantities_lexicon_key_fix_examples():
    for fix in CUES["key_fixes"]:
        for example in fix["examples"]:
            assert fix["wrong"].casefold() in example.casefold()
