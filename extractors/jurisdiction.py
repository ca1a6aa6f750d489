"""Placeholder: replaced by the jurisdiction extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="jurisdiction", version="jurisdiction.v0", provides=(), extract=lambda doc: {})
