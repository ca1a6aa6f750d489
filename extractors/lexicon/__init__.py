"""Lexicon loader: read a YAML data table from this folder, check it, cache it.

Each file holds one or more *tables* (top-level keys whose value is a list of entries);
``entries`` is the conventional name when a file has a single table. Entries are mappings;
every entry of a table carries ``examples`` (real strings the patterns built from it must
match: each area's lexicon test runs them), as reporters-db does for its data files.

A bad file fails loudly at load with :class:`~pipeline.errors.LexiconError` naming the file
and the entry, so an archivist who edits a table learns what to fix without reading code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import LexiconError

LEXICON_DIR = Path(__file__).resolve().parent
#: Keys that are file-level metadata, never tables.
META_KEYS = frozenset({"source", "version", "description", "notes"})

__all__ = ["LEXICON_DIR", "LexiconError", "lexicon_path", "load_lexicon", "load_lexicon_file", "read_lexicon"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def lexicon_path(name: str) -> Path:
    """Path of lexicon ``name`` ('doc_types' or 'doc_types.yaml')."""
    stem = name[:-5] if name.endswith(".yaml") else name
    return LEXICON_DIR / f"{stem}.yaml"


def read_lexicon(path: Path) -> dict[str, Any]:
    """Read and validate one lexicon file (uncached; tests point it at their own files)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe subclass)
    except FileNotFoundError as e:
        raise LexiconError(f"{path.name}: no such lexicon file") from e
    except yaml.YAMLError as e:
        raise LexiconError(f"{path.name}: invalid YAML: {e}") from e
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: top level must be a mapping of tables")
    for table, entries in data.items():
        if table in META_KEYS:
            continue
        if isinstance(entries, list):
            _validate_table(path.name, table, entries)
    return data


@cache
def load_lexicon_file(name: str) -> dict[str, Any]:
    """Load a whole lexicon file of this folder as a mapping, every table validated (cached)."""
    return read_lexicon(lexicon_path(name))


@cache
def _load_table(name: str, table: str | None) -> tuple[dict[str, Any], ...]:
    data = load_lexicon_file(name)
    fname = lexicon_path(name).name
    if table is None:
        tables = [k for k, v in data.items() if k not in META_KEYS and isinstance(v, list)]
        if "entries" in data:
            table = "entries"
        elif len(tables) == 1:
            table = tables[0]
        else:
            raise LexiconError(f"{fname}: several tables {tables}; say which one")
    if table not in data or not isinstance(data[table], list):
        raise LexiconError(f"{fname}: no table {table!r}")
    return tuple(data[table])


def load_lexicon(name: str, table: str | None = None, *, required: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Entries of one table of lexicon ``name``; ``required`` keys are checked on each entry.

    >>> [e["name"] for e in load_lexicon("doc_types")][:2]
    ['Bộ luật', 'Luật']
    """
    entries = _load_table(name, table)
    for i, entry in enumerate(entries):
        missing = [k for k in required if k not in entry]
        if missing:
            raise LexiconError(f"{lexicon_path(name).name}: entry {_label(entry, i)} lacks {', '.join(missing)}")
    return [dict(e) for e in entries]


def _label(entry: Any, index: int) -> str:
    if isinstance(entry, dict):
        for k in ("name", "key", "code", "canonical", "relation", "id"):
            if k in entry:
                return f"#{index} ({k}={entry[k]!r})"
    return f"#{index}"


def _validate_table(fname: str, table: str, entries: list[Any]) -> None:
    """Every entry is a mapping; `examples`, where present, is a non-empty list of strings."""
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise LexiconError(f"{fname}: {table} entry #{i} is not a mapping")
        if "examples" in entry:
            ex = entry["examples"]
            if not isinstance(ex, list) or not ex or not all(isinstance(s, str) and s.strip() for s in ex):
                raise LexiconError(f"{fname}: {table} entry {_label(entry, i)}: examples must be non-empty strings")
