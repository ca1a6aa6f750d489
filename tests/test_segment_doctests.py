"""The small format functions of segmentation carry doctests; run them."""

from __future__ import annotations

import doctest

import pytest

from pipeline import header, issuers, sections


@pytest.mark.parametrize("module", [header, issuers, sections], ids=lambda m: m.__name__)
def test_segment_doctests(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
