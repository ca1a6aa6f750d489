"""`python -m pipeline.cli` is the same as the `vanban` command."""

from pipeline.cli import main

main()
