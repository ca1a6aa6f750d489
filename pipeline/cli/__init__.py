"""The ``vanban`` command line: each module registers its commands; they only parse and print."""

from __future__ import annotations

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import typer  # noqa: E402

app = typer.Typer(
    name="vanban",
    help="Turn Vietnamese administrative documents into structured, traceable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from pipeline.cli import eval_cmd, extract_cmd, import_cmd, store_cmd

    for module in (extract_cmd, store_cmd, eval_cmd, import_cmd):
        module.register(app)


def main() -> None:
    _register()
    app()
