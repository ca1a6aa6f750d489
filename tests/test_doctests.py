"""Run the doctests of small format functions (number parsing, keys, normalisation)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "pipeline.normalize",
    "pipeline.store.db",
    "pipeline.importer",
    "pipeline.store.resolve",
    "extractors.reference_identity",
    "extractors.patterns.dates",
    "extractors.lexicon",
    "extractors.patterns",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no doctests"
    assert result.failed == 0
