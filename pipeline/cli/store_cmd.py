"""Placeholder command module (work in progress)."""

import typer


def register(app: typer.Typer) -> None:
    pass
