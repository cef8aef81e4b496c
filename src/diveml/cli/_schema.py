"""``diveml schema``: the formats diveml writes, as JSON Schema (or their reference page)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from diveml.cli._app import app


class _Format(StrEnum):
    study = "study"


@app.command(rich_help_panel="Study")
def schema(
    kind: Annotated[
        _Format, typer.Argument(help="Which file: study (study.json).")
    ] = _Format.study,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Print the field-by-field reference page instead."),
    ] = False,
) -> None:
    """Print the JSON Schema of study.json, generated from the types a study produces."""
    from diveml.study._result import fields_markdown, json_schema

    # Plain print, not the Rich console: the output is data for other programs.
    print(fields_markdown() if markdown else json.dumps(json_schema(), indent=2))
