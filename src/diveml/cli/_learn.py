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
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Make a new blank copy (NN-name-2.ipynb, ...) even if you have one; "
            "your earlier copies are kept.",
        ),
    ] = False,
) -> None:
    """Show the path of lessons, or open your copy of one in Jupyter (made on first use).

    Running it again opens the copy you already have, as you left it.
    """
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
    copied = copy_lesson(lesson, workspace, settings=settings, fresh=fresh)
    if copied.existing:
        console.print(f"Your copy of this lesson: [bold]{copied.path}[/]", soft_wrap=True)
        if copied.kept:
            others = ", ".join(str(p) for p in copied.kept)
            console.print(f"[dim]Other copies (not opened): {others}[/]", soft_wrap=True)
        console.print(
            "[dim]It opens as you left it. For a new blank copy: "
            f"diveml learn {copied.lesson} --fresh[/]",
            soft_wrap=True,
        )
    elif copied.kept:
        earlier = ", ".join(str(p) for p in copied.kept)
        console.print(
            f"A fresh copy is at: [bold]{copied.path}[/]\n"
            f"Your earlier {'copy is' if len(copied.kept) == 1 else 'copies are'} kept, "
            f"untouched: {earlier}",
            soft_wrap=True,  # paths stay on one line so they can be copied
        )
    else:
        console.print(f"Lesson copied to: [bold]{copied.path}[/]", soft_wrap=True)
    if open_:
        launch = open_in_jupyter(copied.path, log_dir=settings.home / "logs")
        if launch.url:
            console.print(
                f"Jupyter is running. Open this address if no browser window appears:\n"
                f"  {launch.url}\n"
                f"[dim]Its output is in {launch.log}. Stop it with Ctrl+C in its window, or "
                "`jupyter notebook stop`.[/]",
                soft_wrap=True,
            )
        else:
            console.print(
                "Jupyter is still starting; it will open in your browser. Its address, with "
                f"its login token, will be in {launch.log}\n"
                f"If it does not open, run: {_jupyter()} notebook {copied.path}",
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
    # The lesson's number, not its id, so the table reads at 80 columns.
    table.add_column("#", no_wrap=True, justify="right")
    table.add_column("exercise", no_wrap=True, overflow="fold", max_width=28)
    table.add_column("status")
    table.add_column("tries", justify="right", no_wrap=True)
    table.add_column("help used")
    any_rows = False
    for item in lesson_progress(get_settings(ctx)):
        if not item.rows:
            continue
        any_rows = True
        for name in item.exercises:
            row = item.rows.get(name)
            if row is None:
                table.add_row(str(int(item.lesson[:2])), name, "[dim]not checked[/]", "0", "")
                continue
            status = "[green]solved[/]" if row.solved else outcome_label(row.outcome)
            help_used = []
            if row.hints_used:
                help_used.append(f"{row.hints_used} hint{'s' if row.hints_used > 1 else ''}")
            if row.solution_viewed:
                help_used.append("viewed solution")
            table.add_row(
                str(int(item.lesson[:2])), name, status, str(row.attempts), ", ".join(help_used)
            )
    if not any_rows:
        console.print("No progress yet. Start the first lesson with: diveml learn 0")
        return
    console.print(table)


def _print_report(report: NotebookReport) -> None:
    from diveml.lessons._model import outcome_label

    console.print(
        f"[bold]{escape(report.path)}[/]: lesson {report.lesson}, "
        f"{report.correct}/{len(report.results)} correct ({report.seconds:.0f} s)",
        soft_wrap=True,  # the path stays on one line so it can be copied
    )
    for note in report.notes:
        console.print(f"  [dim]note: {escape(note)}[/]")
    if report.stopped:
        console.print(f"  [red]The run stopped: {escape(report.stopped)}.[/]")
    # Exercise and outcome stay on one line each; the feedback wraps, so the table reads
    # at 80 columns.
    table = Table(show_header=True, expand=True)
    table.add_column("exercise", no_wrap=True, overflow="fold", max_width=24)
    table.add_column("outcome", no_wrap=True)
    table.add_column("feedback", ratio=1)
    for r in report.results:
        style = _STYLE.get(r.outcome, "")
        # Feedback quotes learners' code and errors ("a dtyped [float64] array"): escape it,
        # or Rich would read the brackets as markup and drop them.
        table.add_row(r.exercise, f"[{style}]{outcome_label(r.outcome)}[/]", escape(r.feedback))
    console.print(table)
    for error in report.cell_errors:
        console.print(f"  [red]{escape(error)}[/]")


_EXIT_ZERO_HELP = (
    "Exit with code 0 even when not every exercise is correct (the exit code is 1 "
    "otherwise, for scripts and CI)."
)


@app.command(rich_help_panel="Learn")
def check(
    notebook: Annotated[Path, typer.Argument(help="A lesson notebook (.ipynb).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    timeout: Annotated[int, typer.Option(min=1, help="Seconds allowed per cell.")] = 600,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help=_EXIT_ZERO_HELP)] = False,
) -> None:
    """Run a lesson notebook's code headless and report every exercise.

    The notebook runs in a fresh kernel in a temporary folder: the file and its folder are
    left exactly as they were. Exits with code 1 unless every exercise is correct.
    """
    from diveml.lessons import check_notebook

    report = check_notebook(notebook, timeout=timeout)
    if as_json:
        console.print_json(json.dumps(report.to_dict()))
    else:
        _print_report(report)
    if not report.complete and not exit_zero:
        raise typer.Exit(1)


def _grade_note(report: NotebookReport) -> str:
    parts = []
    if not report.results:
        parts.append(report.kind)
    if report.stopped:
        parts.append("stopped early")
    if report.cell_errors:
        n = len(report.cell_errors)
        parts.append(f"{n} other cell{'s' if n > 1 else ''} raised")
    return ", ".join(parts)


@app.command(rich_help_panel="Learn")
def grade(
    folder: Annotated[Path, typer.Argument(help="A folder of submitted lesson notebooks.")],
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Also write one row per notebook and exercise.")
    ] = None,
    timeout: Annotated[int, typer.Option(min=1, help="Seconds allowed per cell.")] = 600,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero",
            help="Exit with code 0 even when a submission is not complete (otherwise 1).",
        ),
    ] = False,
) -> None:
    """Run every lesson notebook in a folder and grade it: a summary table, optionally a CSV.

    Grading runs each student's code: each notebook in a fresh kernel, in a temporary
    folder of its own, so no submission sees another's files, and nothing is written beside
    them. A cell that hangs past --timeout or ends the kernel stops only that notebook.
    Exits with code 1 unless every submission is complete.
    """
    from diveml.lessons import grade_folder, write_grades_csv
    from diveml.outputs import check_file

    if csv_file is not None:  # checked before any notebook runs, not after the grading
        csv_file = check_file(csv_file, option="csv", inputs=sorted(folder.rglob("*.ipynb")))
    console.print(
        f"Running each notebook under {folder} (the students' own code) in a fresh kernel...",
        soft_wrap=True,
    )
    reports = grade_folder(folder, timeout=timeout)
    table = Table(title=f"Grades for {escape(str(folder))}", expand=True)
    table.add_column("notebook", overflow="fold", ratio=2)
    table.add_column("lesson", no_wrap=True)
    table.add_column("correct", no_wrap=True, justify="right")
    table.add_column("not correct", ratio=1, min_width=13)
    table.add_column("notes", min_width=17)
    for report in reports:
        counts = report.counts()
        others = ", ".join(
            f"{counts[key]} {label}"
            for key, label in (
                ("incorrect", "incorrect"),
                ("raised", "raised"),
                ("not_attempted", "not attempted"),
                ("checker_bug", "checker bug"),
            )
            if counts.get(key)
        )
        table.add_row(
            escape(str(Path(report.path).relative_to(folder))),
            report.lesson[:2] or "-",
            f"{report.correct}/{len(report.results)}" if report.results else "-",
            others,
            _grade_note(report),
        )
    console.print(table)
    for report in reports:
        for note in report.notes:
            console.print(f"[dim]{escape(report.path)}: {escape(note)}[/]")
        if report.stopped:
            console.print(f"[red]{escape(report.path)}: stopped: {escape(report.stopped)}[/]")
    if csv_file is not None:
        console.print(f"Wrote {write_grades_csv(reports, csv_file)}", soft_wrap=True)
    if not all(r.complete for r in reports) and not exit_zero:
        raise typer.Exit(1)
