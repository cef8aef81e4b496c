"""``diveml review PATH``: review a study folder, a notebook or a script."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from diveml.cli._app import app, get_settings
from diveml.cli._console import console


@app.command(rich_help_panel="Study")
def review(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            help="A study folder (with study.json), a notebook (.ipynb) or a script (.py).",
            show_default=False,
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the review as one JSON object on stdout.")
    ] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the review as Markdown (for a post).")
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the review as a self-contained HTML page."),
    ] = None,
    run: Annotated[
        bool,
        typer.Option(
            "--run/--no-run",
            help="Notebook: also run a copy with scikit-learn instrumented (run-time provenance).",
        ),
    ] = True,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Notebook: seconds the whole run may take.")
    ] = 120,
    refit: Annotated[
        bool,
        typer.Option("--refit/--no-refit", help="Study: refit the model to check reproducibility."),
    ] = True,
) -> None:
    """Review a study against four rubrics, or a notebook for leaks; change nothing.

    A study folder gets every ML Test Score test, Langford's overfitting methods, Sculley's
    technical debts and the Rules of ML (pass, fail, partial, needs_person or
    not_assessable_offline, with evidence and fix), the paper's score with the share of
    tests judged offline, and the selection leaks the ledger shows. A notebook or script
    gets findings (preprocessing, overlap and multi-test leaks, target among the features,
    dated or grouped rows split at random, fold spread shown as an interval, metric chosen
    after the results), each with its cell, line, fix and lesson. Exit code 0 whatever is
    found; 1 for a path that cannot be reviewed.
    """
    from diveml.review import review as run_review

    result = run_review(path, run=run, timeout=timeout, refit=refit, settings=get_settings(ctx))
    if html is not None:
        result.write_html(html)
    if as_json:
        sys.stdout.write(result.to_json())
        return
    if markdown:
        sys.stdout.write(result.markdown())
        return
    result.print(console)
    if html is not None:
        console.print(f"HTML review written to {html}", highlight=False)
