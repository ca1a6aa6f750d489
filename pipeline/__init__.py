"""vanban pipeline: ``process(path) -> ExtractedDocument`` is the one entry point.

read → normalise/assemble → segment → extractors. No database, no network, no globals
beyond compiled patterns: safe in a Prefect task, a Dask worker or a notebook.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.assemble import assemble
from pipeline.errors import EmptyDocumentError, InputError, VanbanError
from pipeline.readers import read_any
from schemas import ExtractedDocument

__all__ = ["InputError", "VanbanError", "parse", "process", "read_document"]


def read_document(path: str | Path, data: bytes | None = None) -> ExtractedDocument:
    """Read and normalise a file into an ExtractedDocument with text and blocks only."""
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except IsADirectoryError as e:
            raise InputError(path, "is a directory") from e
        except FileNotFoundError as e:
            raise InputError(path, "no such file") from e
        except PermissionError as e:
            raise InputError(path, "permission denied") from e
    result = read_any(path, data)
    text, blocks = assemble(result)
    if not text.strip():
        raise EmptyDocumentError(path, "no text could be read")
    return ExtractedDocument(
        id=hashlib.sha256(data).hexdigest(),
        source_path=str(path),
        format=result.format,
        size_bytes=len(data),
        pages=result.pages,
        text=text,
        blocks=blocks,
        conversions=result.conversions,
        problems=result.problems,
    )


def parse(path: str | Path, data: bytes | None = None) -> ExtractedDocument:
    """Read, then segment into header / section tree / closing (no extractors)."""
    from pipeline.segment import segment

    doc = read_document(path, data)
    return segment(doc)


def process(path: str | Path, data: bytes | None = None, *, extractors: list[str] | None = None) -> ExtractedDocument:
    """Read, segment and run the extractors (all, or those named) on one file."""
    from extractors import run_extractors

    return run_extractors(parse(path, data), names=extractors)
