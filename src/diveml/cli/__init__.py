"""The ``diveml`` command: a thin Typer layer over the public Python API.

Nothing in diveml imports this package; each command parses its arguments and calls
one library function.
"""

from __future__ import annotations

from diveml.cli._app import app, main

__all__ = ["app", "main"]
