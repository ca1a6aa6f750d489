"""Placeholder: legacy Vietnamese encodings (TCVN3, VNI) → Unicode (work in progress).

Contract: ``convert_legacy(text, font=None) -> (text, kind)`` where ``kind`` is
``"tcvn3"``, ``"vni"`` or ``None`` when nothing was converted.
"""

from __future__ import annotations


def convert_legacy(text: str, font: str | None = None) -> tuple[str, str | None]:
    return text, None
