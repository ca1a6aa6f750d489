"""Extractors: ``EXTRACTORS`` is the single ordered registry (one line to add one)."""

from __future__ import annotations

from extractors.base import Extractor
from schemas import ExtractedDocument


def _registry() -> list[Extractor]:
    from extractors import agencies, awards, jurisdiction, quantities, references, targets

    return [
        jurisdiction.EXTRACTOR,
        agencies.EXTRACTOR,
        references.EXTRACTOR,
        quantities.EXTRACTOR,
        targets.EXTRACTOR,
        awards.EXTRACTOR,
    ]


_EXTRACTORS: list[Extractor] | None = None


def extractors() -> list[Extractor]:
    """The registry, built on first use (patterns compile once, at import of each module)."""
    global _EXTRACTORS
    if _EXTRACTORS is None:
        _EXTRACTORS = _registry()
    return _EXTRACTORS


def run_extractors(doc: ExtractedDocument, names: list[str] | None = None) -> ExtractedDocument:
    """Run the registered extractors in order; each adds its fields to a copy of ``doc``."""
    update: dict = {}
    versions = dict(doc.extractors)
    for ex in extractors():
        if names is not None and ex.name not in names:
            continue
        current = doc.model_copy(update=update) if update else doc
        update.update(ex.extract(current))
        versions[ex.name] = ex.version
    update["extractors"] = versions
    return doc.model_copy(update=update)
