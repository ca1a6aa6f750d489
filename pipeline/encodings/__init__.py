"""Legacy Vietnamese encodings (TCVN3, VNI) → Unicode, and a Vietnamese-syllable gauge.

Contract used by the readers: ``convert_legacy(text, font=None) -> (text, kind)`` where
``kind`` is ``"tcvn3"``, ``"vni"`` or ``None`` when nothing was converted. The .docx reader
calls it per run with the run's font name, the .pdf reader per text span with its font
name, the .txt reader once per file (no font: detected statistically).
"""

from __future__ import annotations

from pipeline.encodings.legacy import (
    KINDS,
    TCVN3,
    VNI,
    convert_legacy,
    decode_legacy,
    detect_legacy,
    encode_legacy,
    legacy_kind_of_font,
)
from pipeline.encodings.syllables import diacritic_share, is_valid_syllable, valid_syllable_share

__all__ = [
    "KINDS",
    "TCVN3",
    "VNI",
    "convert_legacy",
    "decode_legacy",
    "detect_legacy",
    "diacritic_share",
    "encode_legacy",
    "is_valid_syllable",
    "legacy_kind_of_font",
    "valid_syllable_share",
]
