"""The extractor contract: a pure function of the document, registered once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from schemas import ExtractedDocument


@dataclass(frozen=True)
class Extractor:
    """``extract(doc)`` returns ``{field: value}`` updates for ExtractedDocument.

    ``requires`` names the fields it reads that other extractors fill (run order check).
    """

    name: str
    version: str
    provides: tuple[str, ...]
    extract: Callable[[ExtractedDocument], dict[str, Any]]
    requires: tuple[str, ...] = ()
