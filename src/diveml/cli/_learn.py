"""``diveml learn``, ``diveml progress``, ``diveml check``, ``diveml grade``: the lessons."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from diveml.cli._app import app, get_settings
from diveml.cli._console import console

if TYPE_CHECKING:
    from diveml.lessons import NotebookReport

_STYLE = {
    "not_attempted": "dim",
    "incorrect": "yellow",
    "raised": "red",
    "correct": "green",
    "checker_bug": "magenta",
}


@app.command(rich_help_panel="Learn")
def learn(
    ctx: typer.Context,
    lesson: Annotated[
        str | None,
        typer.Argument(help="A lesson's number, id or name; leave out to see the path."),
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", help="Folder for your lesson notebooks \\[env: DIVEML_WORKSPACE]."
        ),
    ] = None,
    open_: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the notebook in Jupyter.")
    ] = True,
) -> None:
    """Show the path of lessons, or copy one into your workspace and open it in Jupyter."""
    from diveml.lessons import copy_lesson, lesson_progress, open_in_jupyter

    settings = get_settings(ctx)
    if lesson is None:
        table = Table(title="The diveml path", caption="Start one with: diveml learn NUMBER")
        for column in ("#", "lesson", "minutes", "progress"):
            table.add_column(column)
        for item in lesson_progress(settings):
            done = f"{item.solved}/{len(item.exercises)} solved"
            style = {"done": "green", "in progress": "yellow"}.get(item.status, "dim")
            table.add_row(
                str(int(item.lesson[:2])),
                f"{item.title}  [dim]({item.lesson})[/]",
                str(item.minutes),
                f"[{style}]{item.status}[/]: {done}",
            )
        console.print(table)
        return
    copied = copy_lesson(lesson, workspace, settings=settings)
    if copied.kept:
        earlier = ", ".join(str(p) for p in copied.kept)
        console.print(
            f"Your earlier {'copy is' if len(copied.kept) == 1 else 'copies are'} kept, "
            f"untouched: {earlier}\n"
            f"To go on with your work, open {copied.kept[0]}\n"
            f"A fresh copy is at: [bold]{copied.path}[/]",
            soft_wrap=True,  # paths stay on one line so they can be copied
        )
    else:
        console.print(f"Lesson copied to: [bold]{copied.path}[/]", soft_wrap=True)
    if open_:
        open_in_jupyter(copied.path)
        console.print(
            "Jupyter is starting in the background and will open in your browser. "
            f"If it does not, run: {_jupyter()} notebook {copied.path}",
            soft_wrap=True,
        )
    else:
        console.print(f"Open it with: {_jupyter()} notebook {copied.path}", soft_wrap=True)
    _going_further(copied.lesson)


def _going_further(lesson_id: str) -> None:
    """Point at the curated next steps for this lesson (the guide's reading list)."""
    from diveml.lessons import get_lesson
    from diveml.resources import find_resources

    found = find_resources(lesson=lesson_id)
    if found:
        number = get_lesson(lesson_id).number
        console.print(
            f"[dim]When you are done, {len(found)} things to read or try next: "
            f"diveml resources --lesson {number}[/]"
        )


def _jupyter() -> str:
    """Return how to call the jupyter that sits beside this Python (the venv's, if any)."""
    import shutil
    import sys

    beside = Path(sys.executable).with_name("jupyter")
    if beside.exists() and shutil.which("jupyter") != str(beside):
        return str(beside)  # the venv is not activated: a bare `jupyter` would not be found
    return "jupyter"


@app.command(rich_help_panel="Learn")
def progress(ctx: typer.Context) -> None:
    """Show your progress on every lesson, flagging help from hints or solutions."""
    from diveml.lessons import lesson_progress
    from diveml.lessons._model import outcome_label

    table = Table(title="Your progress", caption="Progress is kept on this computer only.")
    for column in ("lesson", "exercise", "status", "attempts", "help used"):
        table.add_column(column, no_wrap=column in {"lesson", "exercise"})
    any_rows = False
    for item in lesson_progress(get_settings(ctx)):
        if not item.rows:
            continue
        any_rows = True
        for name in item.exercises:
            row = item.rows.get(name)
            if row is None:
                table.add_row(item.lesson, name, "[dim]not checked[/]", "0", "")
                continue
            status = "[green]solved[/]" if row.solved else outcome_label(row.outcome)
            help_used = []
            if row.hints_used:
                help_used.append(f"{row.hints_used} hint{'s' if row.hints_used > 1 else ''}")
            if row.solution_viewed:
                help_used.append("viewed solution")
            table.add_row(item.lesson, name, status, str(row.attempts), ", ".join(help_used))
    if not any_rows:
        console.print("No progress yet. Start the first lesson with: diveml learn 0")
        return
    console.print(table)


def _print_report(report: NotebookReport) -> None:
    from diveml.lessons._model import outcome_label

    console.print(
        f"[bold]{report.path}[/]: lesson {report.lesson}, "
        f"{report.correct}/{len(report.results)} correct ({report.seconds:.0f} s)"
    )
    for note in report.notes:
        console.print(f"  [dim]note: {escape(note)}[/]")
    table = Table(show_header=True)
    for column in ("exercise", "outcome", "feedback"):
        table.add_column(column)
    for r in report.results:
        style = _STYLE.get(r.outcome, "")
        # Feedback quotes learners' code and errors ("a dtyped [float64] array"): escape it,
        # or Rich would read the brackets as markup and drop them.
        table.add_row(r.exercise, f"[{style}]{outcome_label(r.outcome)}[/]", escape(r.feedback))
    console.print(table)
    for error in report.cell_errors:
        console.print(f"  [red]{escape(error)}[/]")


@app.command(rich_help_panel="Learn")
def check(
    notebook: Annotated[Path, typer.Argument(help="A lesson notebook (.ipynb).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    timeout: Annotated[int, typer.Option(min=1, help="Seconds allowed per cell.")] = 600,
) -> None:
    """Run a lesson notebook headless and report every exercise (the file is not changed)."""
    from diveml.lessons import check_notebook

    report = check_notebook(notebook, timeout=timeout)
    if as_json:
        console.print_json(json.dumps(report.to_dict()))
        return
    _print_report(report)


@app.command(rich_help_panel="Learn")
def grade(
    folder: Annotated[Path, typer.Argument(help="A folder of submitted lesson notebooks.")],
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per notebook and exercise.")
    ] = None,
    timeout: Annotated[int, typer.Option(min=1, help="Seconds allowed per cell.")] = 600,
) -> None:
    """Check every lesson notebook in a folder: a teacher's summary table, optionally a CSV."""
    from diveml.lessons import grade_folder, write_grades_csv

    reports = grade_folder(folder, timeout=timeout)
    table = Table(title=f"Grades for {folder}")
    for column in (
        "notebook",
        "lesson",
        "correct",
        "not attempted",
        "incorrect",
        "raised",
        "notes",
    ):
        table.add_column(column, no_wrap=column in {"notebook", "lesson"})
    for report in reports:
        counts = report.counts()
        table.add_row(
            str(Path(report.path).relative_to(folder)),
            report.lesson[:2] or "-",
            f"{report.correct}/{len(report.results)}",
            str(counts.get("not_attempted", 0)),
            str(counts.get("incorrect", 0)),
            str(counts.get("raised", 0)),
            ("unreadable" if not report.results else "")
            + (f"{len(report.cell_errors)} other cells raised" if report.cell_errors else ""),
        )
    console.print(table)
    for report in reports:
        for note in report.notes:
            console.print(f"[dim]{report.path}: {note}[/]")
    if csv_file is not None:
        console.print(f"Wrote {write_grades_csv(reports, csv_file)}")
