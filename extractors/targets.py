"""Placeholder: replaced by the targets extractor (work in progress)."""

from extractors.base import Extractor

EXTRACTOR = Extractor(name="targets", version="targets.v0", provides=(), extract=lambda doc: {})
