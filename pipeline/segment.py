"""Placeholder: header / body / closing zones and the section tree (work in progress)."""

from schemas import ExtractedDocument


def segment(doc: ExtractedDocument) -> ExtractedDocument:
    return doc
