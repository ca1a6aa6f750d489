"""Placeholder: replaced by the agencies extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="agencies", version="agencies.v0", provides=(), extract=lambda doc: {})
