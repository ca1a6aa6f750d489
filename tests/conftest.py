"""The one global conftest: paths to the bundled samples and small shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = [
    "000_20de11045f7a5cf5",
    "001_4ac327585f95c1a6",
    "002_a065fc618cec6285",
    "003_cc48267418a95475",
    "004_89e1df001228f3ec",
]


def seed_path(seed: str | int, fmt: str = "txt") -> Path:
    """Path of a bundled seed in one format: seed_path(4, 'docx')."""
    stem = SEEDS[seed] if isinstance(seed, int) else seed
    return SAMPLES / f"{stem}.{fmt}"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
