"""Targets in short real passages (copied from the dev-eval set) match its hand-made gold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extractors import quantities, targets
from pipeline import read_document
from tests.conftest import FIXTURES

SNIPPETS = yaml.safe_load((FIXTURES / "targets" / "dev_snippets.yaml").read_text(encoding="utf-8"))


def run(text: str):
    doc = read_document(Path("snippet.txt"), text.encode("utf-8"))
    for ex in (quantities.EXTRACTOR, targets.EXTRACTOR):
        doc = doc.model_copy(update=ex.extract(doc))
    return doc


def num(v):
    return None if v is None else Decimal(str(v))


@pytest.mark.parametrize("case", SNIPPETS, ids=[c["id"] for c in SNIPPETS])
def test_targets_dev_snippet(case):
    doc = run(case["text"])
    got = [(t.value, t.value_max, t.unit, t.comparator.value, t.role.value) for t in doc.targets]
    expected = [(num(v), num(vmax), unit, cmp, role) for v, vmax, unit, cmp, role in case["targets"]]
    assert got == expected
    for t in doc.targets:
        assert doc.text[t.span[0] : t.span[1]] == t.text
