"""``diveml choose``, ``diveml resources`` and ``diveml serve``: the Explore job."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from diveml.cli._app import app, get_settings
from diveml.cli._console import console, err_console

if TYPE_CHECKING:
    from diveml.chooser import Choice
    from diveml.resources import Resource

_PANEL = "Explore"


@app.command(rich_help_panel=_PANEL)
def choose(
    ctx: typer.Context,
    data: Annotated[
        str,
        typer.Argument(help="A file, or a dataset name from `diveml data list`."),
    ],
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            "-t",
            help="The column to predict (default: the dataset's default target, for a name "
            "from `diveml data list`).",
        ),
    ] = None,
    table: Annotated[
        str | None, typer.Option(help="The table to read from a SQLite/DuckDB file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Walk scikit-learn's estimator cheat-sheet with your table's own numbers."""
    from diveml.chooser import choose as run_choose

    choice = run_choose(data, target, table=table, settings=get_settings(ctx))
    if as_json:
        console.print_json(json.dumps(choice.to_dict()))
        return
    _print_choice(choice)


def _print_choice(choice: Choice) -> None:
    from diveml.chooser import SHEET_URL
    from diveml.lessons import get_lesson

    f = choice.facts
    kinds = ", ".join(f"{n} {kind}" for kind, n in f.feature_kinds.items())
    console.print(
        f"[bold]{escape(f.name)}[/]: {f.rows:,} rows, {f.features:,} feature columns"
        + (f" ({escape(kinds)})" if kinds else ""),
        soft_wrap=True,
    )
    if f.target:
        console.print(f"Predicting {escape(repr(f.target))}: a {f.task} task ({f.task_reason}).")
    console.print(f"\nThe scikit-learn cheat-sheet ({SHEET_URL}), with your numbers:")
    for step in choice.steps:
        lead = "  [dim]not working?[/] " if step.after_not_working else "  "
        if step.kind == "question":
            colour = "green" if step.answer == "yes" else "yellow"
            console.print(
                f"{lead}{step.text} [{colour}]{step.answer}[/]: {escape(step.evidence)}",
                soft_wrap=True,
            )
            continue
        names = ", ".join(e.rsplit(".", 1)[-1] for e in step.estimators)
        console.print(f"{lead}[bold]-> {escape(step.text)}[/]" + (f" ({names})" if names else ""))
        if step.dated:
            console.print(f"       [yellow]dated:[/] {escape(step.dated)}", soft_wrap=True)
        console.print(f"       [cyan]what the study does:[/] {escape(step.study)}", soft_wrap=True)
    for note in choice.notes:
        console.print(f"\n[dim]{escape(note)}[/]", soft_wrap=True)
    if choice.command:
        console.print(f"\nTry them, honestly: [bold]{escape(choice.command)}[/]", soft_wrap=True)
    if choice.lessons:
        console.print("The lessons that explain them:")
        for lesson_id in choice.lessons:
            lesson = get_lesson(lesson_id)
            console.print(f"  {lesson.title} ({lesson.id}): diveml learn {lesson.number}")


@app.command(rich_help_panel=_PANEL)
def resources(
    topic: Annotated[
        str | None,
        typer.Argument(help="A topic (pandas, leakage, ...) or a kind (course, podcast, help)."),
    ] = None,
    lesson: Annotated[
        str | None, typer.Option("--lesson", "-l", help="Only what goes with this lesson.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """The guide's next steps: courses, books, papers, podcasts, help, cheat sheets."""
    from diveml.resources import KINDS, find_resources, topics

    found = find_resources(topic, lesson=lesson)
    if as_json:
        console.print_json(json.dumps([r.to_dict() for r in found]))
        return
    if not found:
        console.print(
            "Nothing matches both. Try the topic alone, or one of: " + ", ".join(topics())
        )
        return
    for kind in KINDS:
        group = [r for r in found if r.kind == kind]
        if group:
            console.print(f"\n[bold underline]{kind.replace('-', ' ')}[/]")
        for r in group:
            _print_resource(r)
    console.print(
        f"\n[dim]{len(found)} shown. Links are listed, never opened or fetched by diveml. "
        "Filter: diveml resources TOPIC, or --lesson N.[/]"
    )


def _print_resource(r: Resource) -> None:
    console.print(f"  [bold]{escape(r.title)}[/]  [dim]{r.level}, {r.cost}[/]", soft_wrap=True)
    if r.url:
        console.print(f"    {r.url}", soft_wrap=True, highlight=False)
    console.print(f"    {escape(r.why)}", soft_wrap=True)
    if r.note:
        console.print(f"    [yellow]{escape(r.note)}[/]", soft_wrap=True)


@app.command(rich_help_panel=_PANEL)
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8765,
    host: Annotated[
        str,
        typer.Option(help="Address to bind; anything but 127.0.0.1 exposes your studies."),
    ] = "127.0.0.1",
    open_: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the dashboard in your browser.")
    ] = True,
) -> None:
    """A local dashboard: your path, progress, studies, reports, datasets, next steps."""
    from diveml.exceptions import MissingExtraError

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(exc.name or "starlette", "web", "The dashboard") from None
    from diveml.web import is_loopback, run_server

    if not is_loopback(host):
        err_console.print(
            f"[bold yellow]Warning:[/] binding to {host!r} lets other machines on the network "
            "read your studies and lesson progress. Use the default 127.0.0.1 unless you mean it."
        )
    run_server(
        get_settings(ctx),
        host=host,
        port=port,
        open_browser=open_,
        announce=lambda url: console.print(
            f"diveml dashboard at [bold]{url}[/]  (Ctrl-C to stop)", soft_wrap=True
        ),
    )
