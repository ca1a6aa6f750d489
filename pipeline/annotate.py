"""An annotated HTML view of a document: every extracted item highlighted at its span.

Uses spaCy's displaCy in manual mode (no model needed), so an auditor can read the
document with references, targets, assignments, movements and awards marked in place.
"""

from __future__ import annotations

from schemas import ExtractedDocument

#: label -> (document field, colour)
LAYERS = {
    "REF": ("references", "#a0c4ff"),
    "TARGET": ("targets", "#caffbf"),
    "ASSIGN": ("assignments", "#ffd6a5"),
    "MOVEMENT": ("movements", "#ffc6ff"),
    "AWARD": ("awards", "#fdffb6"),
}


def annotation_spans(doc: ExtractedDocument, layers: list[str] | None = None) -> list[dict]:
    """Non-overlapping spans for displaCy (earlier layers win where items overlap)."""
    chosen = layers or list(LAYERS)
    spans: list[dict] = []
    for label in chosen:
        field, _ = LAYERS[label]
        for item in getattr(doc, field):
            s, e = item.span
            if any(s < x["end"] and x["start"] < e for x in spans):
                continue
            spans.append({"start": s, "end": e, "label": label})
    return sorted(spans, key=lambda x: x["start"])


def render_html(doc: ExtractedDocument, layers: list[str] | None = None) -> str:
    """A standalone HTML page with the document text and its highlighted items."""
    from spacy import displacy

    data = {"text": doc.text, "ents": annotation_spans(doc, layers), "title": doc.meta.subject or doc.source_path}
    colors = {label: colour for label, (_, colour) in LAYERS.items()}
    return displacy.render(data, style="ent", manual=True, page=True, options={"colors": colors})
