"""Allow ``python -m diveml``."""

from diveml.cli import main

main()
