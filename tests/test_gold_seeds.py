"""Consistency checks for the hand-written seed gold in tests/gold/ (dev-eval gold format).

The gold is the yardstick of the extractors, so a typo in it (a span that is not in the text,
a stale mention count, a block that misses its statement) silently corrupts every score.
These checks mirror dev-eval's tools/verify.py, adapted to our paths (samples/<stem>.txt).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEEDS

GOLD_DIR = Path(__file__).resolve().parent / "gold"
META_KEYS = ["doc_type", "number", "symbol", "number_symbol_raw", "issue_date", "place", "issuer", "subject",
             "signer_name", "signer_title"]  # fmt: skip
REF_KEYS = ["doc_type", "number", "year", "symbol", "date", "issuer", "count"]
COMPARATORS = {"approx", "gte", "lte", "gt", "lt", "eq", "range"}
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _spans(text: str, sub: str) -> list[tuple[int, int]]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + len(sub))
    return out


def mention_count(text: str, t: str, all_texts: list[str]) -> int:
    """dev-eval's definition: occurrences of t not nested in an occurrence of a longer annotated text."""
    outer = [sp for u in all_texts if u != t and t in u for sp in _spans(text, u)]
    return sum(1 for a, b in _spans(text, t) if not any(x <= a and b <= y for x, y in outer))


def _iso(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return bool(_ISO_RE.fullmatch(value))


def _load(stem: str) -> tuple[dict, str]:
    gold = json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    with open(SAMPLES / f"{stem}.txt", encoding="utf-8", newline="") as fh:
        return gold, fh.read()


def test_every_seed_has_gold():
    assert sorted(p.stem for p in GOLD_DIR.glob("*.json")) == SEEDS


@pytest.mark.parametrize("stem", SEEDS)
def test_meta_fields(stem):
    gold, text = _load(stem)
    meta = gold["meta"]
    assert list(meta) == META_KEYS
    assert gold["source"]["path"] == f"samples/{stem}.txt"
    if meta["issue_date"] is not None:
        assert _iso(meta["issue_date"])
    if meta["number_symbol_raw"] is not None:
        assert meta["number_symbol_raw"] in text
    assert meta["signer_name"] in text


@pytest.mark.parametrize("stem", SEEDS)
def test_references_are_substrings_with_mention_counts(stem):
    gold, text = _load(stem)
    texts = [r["text"] for r in gold["references"]]
    assert len(set(texts)) == len(texts), "one entry per distinct span text"
    for r in gold["references"]:
        assert all(k in r for k in REF_KEYS), r["text"]
        assert r["text"] in text, r["text"]
        assert r["count"] == mention_count(text, r["text"], texts), r["text"]
        assert r["date"] is None or _iso(r["date"]), r["text"]
        assert r["year"] is None or isinstance(r["year"], int), r["text"]
        if r["number"] is not None:
            assert r["number"] in r["text"]
        if r["symbol"] is not None:
            assert re.sub(r"\s+", "", r["symbol"]).lower() in re.sub(r"\s+", "", r["text"]).lower()


@pytest.mark.parametrize("stem", SEEDS)
def test_targets_are_substrings_with_valid_values(stem):
    gold, text = _load(stem)
    for t in gold["targets"]:
        assert t["text"] in text, t["text"]
        assert t["comparator"] in COMPARATORS, t["text"]
        assert isinstance(t["value"], int | float), t["text"]
        if t["comparator"] == "range":
            assert isinstance(t["value_max"], int | float) and t["value_max"] > t["value"], t["text"]
        else:
            assert t["value_max"] is None, t["text"]
        assert t.get("by_year") is None or isinstance(t["by_year"], int)
    for key in ("targets_not_annotated_ranges", "assignments_not_annotated_ranges"):
        for start, end in gold.get(key, []):
            assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("stem", SEEDS)
def test_assignment_blocks_contain_their_text(stem):
    gold, text = _load(stem)
    for a in gold["assignments"]:
        assert a["lead"], a["text"]
        assert isinstance(a["cooperating"], list)
        start, end = a["block"]
        first = text.find(a["text"])
        assert first >= 0, a["text"]
        assert start <= first and first + len(a["text"]) <= end <= len(text), a["text"][:60]
        deadline = a["deadline"]
        if deadline and _ISO_RE.fullmatch(deadline):
            assert _iso(deadline)


def test_hand_counted_totals():
    """Totals counted by reading (seed 001: every numbered reference incl. footnotes; 89 mentions)."""
    totals = {}
    for stem in SEEDS:
        gold, _ = _load(stem)
        totals[stem[:3]] = (sum(r["count"] for r in gold["references"]), len(gold["targets"]), len(gold["assignments"]))
    assert totals == {
        "000": (10, 47, 21),
        "001": (89, 1, 0),
        "002": (8, 33, 5),
        "003": (5, 25, 7),
        "004": (10, 20, 0),
    }


def test_seed004_twenty_targets_in_order():
    gold, _ = _load("004_89e1df001228f3ec")
    values = [t["value"] for t in gold["targets"]]
    assert values == [25242, 10.7, 623.17, 917.57, 72939, 34993, 35.58, 1600, 50, 2.14, 1, 0.79, 6, 1, 94, 100, 80, 3,
                      85, 2000]  # fmt: skip
