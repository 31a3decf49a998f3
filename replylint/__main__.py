"""`python -m replylint` runs the CLI."""

from .cli import main

main()
