"""awards.yaml: every example is matched by the pattern built from its table."""

from __future__ import annotations

import pytest

from extractors.patterns.awards import (
    FORM_BY_ALIAS,
    FORM_RE,
    FORMS,
    GRANT_RE,
    LAUNCHERS,
    LEVEL_LINE_RE,
    LEVELS,
    MOVEMENT_CUE_RE,
    TALLY_FORM_RE,
    TALLY_NUM_RE,
)


@pytest.mark.parametrize("entry", FORMS, ids=[f["canonical"] for f in FORMS])
def test_awards_lexicon_forms(entry):
    for example in entry["examples"]:
        m = TALLY_NUM_RE.search(example) or TALLY_FORM_RE.search(example) or FORM_RE.search(example)
        assert m, example
        form = m.groupdict().get("form") or m.groupdict().get("form2")
        assert FORM_BY_ALIAS[" ".join(form.split()).lower()]["canonical"] == entry["canonical"]
    assert entry["recipient"] in (None, "tập thể", "cá nhân")


def test_awards_lexicon_aliases_unambiguous():
    seen: dict[str, str] = {}
    for f in FORMS:
        for a in f["aliases"]:
            assert seen.setdefault(a.lower(), f["canonical"]) == f["canonical"], a


@pytest.mark.parametrize("entry", LEVELS, ids=[e["level"] for e in LEVELS])
def test_awards_lexicon_levels(entry):
    for example in entry["examples"]:
        assert LEVEL_LINE_RE.search(example) or GRANT_RE.search(example), example


@pytest.mark.parametrize("entry", LAUNCHERS, ids=[e["name"] for e in LAUNCHERS])
def test_awards_lexicon_launchers(entry):
    for example in entry["examples"]:
        assert any(w in example for w in entry["words"]), example


@pytest.mark.parametrize(
    "text",
    ['phong trào thi đua "Dân vận khéo"', 'các phong trào thi đua do Thủ tướng Chính phủ phát động như: "A"',
     'Phong trào "Cả nước thi đua xây dựng xã hội học tập"', 'cuộc vận động "Toàn dân đoàn kết"'],
)  # fmt: skip
def test_awards_lexicon_movement_cues(text):
    assert MOVEMENT_CUE_RE.search(text)
