"""The JSON contract: one ``ExtractedDocument`` per input file."""

from __future__ import annotations

from pydantic import Field

from schemas.common import SCHEMA_VERSION, Problem, Strict
from schemas.document import Block, DocumentMeta, Jurisdiction, Section
from schemas.items import AgencyMention, Assignment, Award, Movement, Quantity, Reference, Target


class Conversion(Strict):
    """A transformation applied to reach Unicode text (recorded so nothing is silent)."""

    kind: str = Field(description="tcvn3 | vni | windows-1258 | utf-16 | libreoffice | ocr")
    detail: str | None = None
    blocks: int | None = Field(None, description="how many blocks it touched")


class ExtractedDocument(Strict):
    """A document as read, segmented and extracted. ``id`` is the sha256 of the file bytes."""

    schema_version: str = SCHEMA_VERSION
    id: str
    source_path: str
    format: str = Field(description="txt | md | docx | pdf | doc | rtf")
    size_bytes: int
    pages: int | None = None
    text: str
    blocks: list[Block] = Field(default_factory=list)
    conversions: list[Conversion] = Field(default_factory=list)
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sections: list[Section] = Field(default_factory=list)
    jurisdiction: Jurisdiction = Field(default_factory=Jurisdiction)
    references: list[Reference] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    agencies: list[AgencyMention] = Field(default_factory=list)
    movements: list[Movement] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    extractors: dict[str, str] = Field(default_factory=dict, description="name -> version that ran")
