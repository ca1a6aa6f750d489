"""The lexicon loader: valid files load; bad files fail at load, naming file and entry."""

from __future__ import annotations

import pytest

from extractors.lexicon import LEXICON_DIR, load_lexicon, read_lexicon
from pipeline.errors import LexiconError


def test_lexicon_loader_reads_every_shipped_file():
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        assert isinstance(read_lexicon(path), dict), path.name


def test_lexicon_loader_single_table_and_required_keys():
    names = [e["name"] for e in load_lexicon("doc_types", required=("name", "key", "examples"))]
    assert names[:3] == ["Bộ luật", "Luật", "Pháp lệnh"]
    assert len(names) == len(set(names))
    with pytest.raises(LexiconError, match=r"doc_types.yaml: entry #0 \(name='Bộ luật'\) lacks colour"):
        load_lexicon("doc_types", required=("colour",))


def test_lexicon_loader_needs_a_table_name_when_several():
    with pytest.raises(LexiconError, match="several tables"):
        load_lexicon("places")
    assert load_lexicon("places", "districts")[0]["name"] == "Ba Tơ"
    assert load_lexicon("issuers")[0]["code"] == "CP"  # "entries" is the default table


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "entries:\n  - {name: A, examples: [a]}\n  - {name: B, examples: []}\n",
            r"bad.yaml: entries entry #1 \(name='B'\): examples",
        ),
        ("entries:\n  - {name: A, name: B, examples: [a]}\n", "duplicate key 'name'"),
        ("entries:\n  - just a string\n", r"entries entry #0 is not a mapping"),
        ("- a\n- b\n", "top level must be a mapping"),
        ("entries: [\n", "invalid YAML"),
    ],
    ids=["empty-examples", "duplicate-key", "entry-not-mapping", "not-a-mapping", "broken-yaml"],
)
def test_lexicon_loader_rejects_bad_files(tmp_path, body, message):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        read_lexicon(path)


def test_lexicon_loader_missing_file():
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon("no_such_table")
