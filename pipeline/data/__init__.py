"""Data tables of segmentation (header doc-type titles), shipped as package data."""
