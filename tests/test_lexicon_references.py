"""Each example of doc_types, issuers, relations and places is matched by the patterns built
from that lexicon (reporters-db style data tests)."""

from __future__ import annotations

import pytest

import pipeline
from extractors.jurisdiction import HEADER_UNIT_RE, UNIT_RE, extract_jurisdiction
from extractors.lexicon import load_lexicon
from extractors.reference_context import issuer_after
from extractors.reference_identity import issuer_code
from extractors.references import extract_references, find_references
from pipeline.normalize import match_key


def _cases(name, table=None, field="name"):
    return [pytest.param(e, ex, id=f"{e[field]}:{ex[:30]}") for e in load_lexicon(name, table) for ex in e["examples"]]


@pytest.mark.parametrize(("entry", "example"), _cases("doc_types"))
def test_lexicon_doc_types_examples_are_whole_references(entry, example):
    cands = find_references(example)
    assert [(example[c.start : c.end], c.doc_type) for c in cands] == [(example, entry["name"])]


@pytest.mark.parametrize(("entry", "example"), _cases("issuers", "entries", "code"))
def test_lexicon_issuers_examples_read_as_their_code(entry, example):
    symbol = example.split("/", 1)[1] if "/" in example else example
    if "-" in example.split("/")[0]:  # Party form "34-CT/TW": the symbol is "CT/TW"
        symbol = example.split("-", 1)[1]
    while symbol[:4].isdigit():  # "98/2023/NĐ-CP": skip the year
        symbol = symbol.split("/", 1)[1]
    assert issuer_code(symbol)["code"] == entry["code"]


@pytest.mark.parametrize(("entry", "example"), _cases("relations", None, "relation"))
def test_lexicon_relations_examples_get_their_relation(entry, example):
    before, ref = example.split(" | ")
    text = f"{before} {ref}"
    doc = pipeline.read_document("x.txt", text.encode())
    doc = doc.model_copy(update=extract_jurisdiction(doc))
    refs = [r for r in extract_references(doc)["references"] if r.span[0] >= len(before)]
    assert refs[0].text == ref and refs[0].relation.value == entry["relation"]


@pytest.mark.parametrize(("entry", "example"), _cases("places", "provinces") + _cases("places", "districts"))
def test_lexicon_places_examples_name_their_unit(entry, example):
    cell = " ".join(example.split())
    m = HEADER_UNIT_RE.match(cell) or UNIT_RE.search(cell)
    assert m is not None
    assert match_key(m.group("name")) in {match_key(entry["name"]), *(match_key(a) for a in entry.get("aliases", []))}


@pytest.mark.parametrize("example", [ex for e in load_lexicon("issuers", "issuer_end_words") for ex in e["examples"]])
def test_lexicon_issuer_end_words_end_the_issuer(example):
    issuer, _ = issuer_after("Quyết định số 01/QĐ-UBND " + example, len("Quyết định số 01/QĐ-UBND"))
    assert issuer is not None
    assert example.startswith(f"của {issuer} ") and len(issuer.split()) < len(example.split()) - 1
