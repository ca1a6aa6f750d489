"""The store's small format functions carry doctests (keys, URLs, queries, labels): run them."""

from __future__ import annotations

import doctest

import pytest

from pipeline.store import db, graph, keys, refquery, resolve, sentences


@pytest.mark.parametrize("module", [db, graph, keys, refquery, resolve, sentences], ids=lambda m: m.__name__)
def test_store_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
