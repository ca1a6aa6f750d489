"""Shared building blocks: character spans, provenance, problems, labels.

Every extracted item carries a ``span`` ([start, end) into ``ExtractedDocument.text``)
plus the block, page and section path it sits in, so an auditor can go from any row to
the exact words (docling-core ``ProvenanceItem.charspan``; eyecite spans).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

#: [start, end) character offsets into ``ExtractedDocument.text`` (JSON: ``[start, end]``).
CharSpan = Annotated[tuple[int, int], Field(description="[start, end) into the document text")]


class Strict(BaseModel):
    """Base for all models: unknown fields are an error, so the JSON contract stays stable."""

    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)


class Span(Strict):
    """A located stretch of text: offsets plus where it came from in the source file."""

    start: int
    end: int
    page: int | None = Field(None, description="1-based PDF page, when the source has pages")
    block: int | None = Field(None, description="index into ExtractedDocument.blocks")


class Provenance(Strict):
    """Mixin fields every extracted item carries (flattened for easy tables/exports)."""

    text: str = Field(description="the exact source words: doc.text[span[0]:span[1]]")
    span: CharSpan
    block: int | None = None
    page: int | None = None
    section: str | None = Field(None, description="section path the item sits in, e.g. 'III/2/2.1'")


class TextSource(StrEnum):
    """How a block's text was obtained."""

    NATIVE = "native"  # text layer / XML / plain text as stored
    CONVERTED = "converted"  # legacy encoding (TCVN3/VNI) converted to Unicode, or via LibreOffice
    OCR = "ocr"  # recognised from an image


class Problem(Strict):
    """A non-fatal finding (numbering gap, unparsed date, page flagged for OCR…)."""

    code: str = Field(description="short stable code, e.g. 'section.gap', 'pdf.needs_ocr'")
    stage: str = Field(description="reader | normalize | segment | <extractor name>")
    message: str
    span: CharSpan | None = None
    page: int | None = None
