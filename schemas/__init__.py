"""Pydantic models only: the JSON contract between stages, the store and scoring tools."""

from schemas.common import SCHEMA_VERSION, CharSpan, Problem, Provenance, Span, TextSource
from schemas.document import (
    Block,
    BlockKind,
    DateParts,
    DocumentMeta,
    Jurisdiction,
    Recipient,
    Section,
    SectionKind,
    Style,
)
from schemas.extracted import Conversion, ExtractedDocument
from schemas.items import (
    AgencyMention,
    Assignment,
    Award,
    Comparator,
    Movement,
    Quantity,
    QuantityKind,
    Reference,
    Relation,
    Role,
    Target,
)

__all__ = [
    "SCHEMA_VERSION",
    "AgencyMention",
    "Assignment",
    "Award",
    "Block",
    "BlockKind",
    "CharSpan",
    "Comparator",
    "Conversion",
    "DateParts",
    "DocumentMeta",
    "ExtractedDocument",
    "Jurisdiction",
    "Movement",
    "Problem",
    "Provenance",
    "Quantity",
    "QuantityKind",
    "Recipient",
    "Reference",
    "Relation",
    "Role",
    "Section",
    "SectionKind",
    "Span",
    "Style",
    "Target",
    "TextSource",
]
