"""Run the doctests of the quantities, targets and indicators modules (parse_number's separator cases)."""

from __future__ import annotations

import doctest

import pytest

from extractors import indicators, quantities, targets


@pytest.mark.parametrize("module", [quantities, targets, indicators], ids=lambda m: m.__name__)
def test_quantities_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
