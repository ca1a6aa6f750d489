"""Placeholder: replaced by the quantities extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="quantities", version="quantities.v0", provides=(), extract=lambda doc: {})
