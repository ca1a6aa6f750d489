"""Placeholder: replaced by the awards extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="awards", version="awards.v0", provides=(), extract=lambda doc: {})
