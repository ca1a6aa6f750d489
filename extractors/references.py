"""Placeholder: replaced by the references extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="references", version="references.v0", provides=(), extract=lambda doc: {})
