"""``diveml study``, ``diveml predict`` and ``diveml studies``: the Study job."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.table import Table

from diveml.cli._app import app, get_settings
from diveml.cli._console import console
from diveml.exceptions import spell
from diveml.study._options import OPTIONS

if TYPE_CHECKING:
    from diveml.study import StudyResult

_PANEL = "Study"


@app.command(rich_help_panel=_PANEL)
def study(
    ctx: typer.Context,
    data: Annotated[
        str,
        typer.Argument(
            help="A file (CSV/TSV, Parquet, Excel, JSON lines, .sqlite/.duckdb) or a dataset "
            "name from `diveml data list`."
        ),
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
    out: Annotated[
        Path | None,
        typer.Option(help="Folder for the artifacts (default: diveml-studies/NAME-TIMESTAMP)."),
    ] = None,
    task: Annotated[str | None, typer.Option(help=OPTIONS["task"].help)] = OPTIONS["task"].default,
    metric: Annotated[str | None, typer.Option(help=OPTIONS["metric"].help)] = OPTIONS[
        "metric"
    ].default,
    holdout: Annotated[float, typer.Option(help=OPTIONS["holdout"].help)] = OPTIONS[
        "holdout"
    ].default,
    folds: Annotated[int, typer.Option(help=OPTIONS["folds"].help)] = OPTIONS["folds"].default,
    group: Annotated[str | None, typer.Option(help=OPTIONS["group"].help)] = OPTIONS[
        "group"
    ].default,
    time_: Annotated[str | None, typer.Option("--time", help=OPTIONS["time"].help)] = OPTIONS[
        "time"
    ].default,
    seed: Annotated[int, typer.Option(help=OPTIONS["seed"].help)] = OPTIONS["seed"].default,
    budget: Annotated[float, typer.Option(help=OPTIONS["budget"].help)] = OPTIONS["budget"].default,
    drop: Annotated[list[str] | None, typer.Option("--drop", help=OPTIONS["drop"].help)] = None,
    keep: Annotated[list[str] | None, typer.Option("--keep", help=OPTIONS["keep"].help)] = None,
    table: Annotated[
        str | None, typer.Option(help="The table to read from a SQLite/DuckDB file.")
    ] = None,
    sql: Annotated[
        str | None, typer.Option(help="A query to read from a SQLite/DuckDB file.")
    ] = None,
    sep: Annotated[
        str | None, typer.Option(help="Field separator of a text table (default: sniffed).")
    ] = None,
    decimal: Annotated[
        str | None,
        typer.Option(help="Decimal mark of its numbers, '.' or ',' (default: detected)."),
    ] = None,
    thousands: Annotated[
        str | None,
        typer.Option(help="Thousands separator of its numbers (default: detected)."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding (default: UTF-8, else cp1252).")
    ] = None,
    test: Annotated[
        str | None,
        typer.Option(
            help="An unlabelled TEST table (Kaggle style): its predictions go to "
            "submission.csv; it is never scored."
        ),
    ] = None,
    id_: Annotated[
        list[str] | None,
        typer.Option("--id", help="The TEST table's id column, kept in submission.csv."),
    ] = None,
    proba: Annotated[
        bool, typer.Option(help="Write probabilities to submission.csv, not class labels.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            help="Where the fits run: 'local' (this machine) or 'dask' (a Dask cluster: a "
            "local one started for the study, or the one at --scheduler; needs "
            "pip install 'diveml\\[dask]'). Same data, options and seed: same numbers on both."
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="The address of a running Dask scheduler (tcp://HOST:PORT, started with "
            "`dask scheduler`); implies --engine dask."
        ),
    ] = None,
    jobs: Annotated[
        str | None,
        typer.Option(
            help="Processes that run the fits: worker processes on this machine for "
            "--engine local (a number, or 'auto': 2 processes when the budget plan estimates "
            "the ladder at 15 s or more, else 1; 1 on a one-core machine; the numbers are the "
            "same either way), or the workers of "
            "the local Dask cluster (default: auto for local; for dask, the cores, at most 4)."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace files in --out that have an artifact's name (report.html, ...); "
            "a folder that holds a study is never replaced.",
        ),
    ] = False,
) -> None:
    """Run an honest practice study of a table: audit, holdout, ladder, report."""
    from diveml.cli._startup import skip_scipy_doc_tables

    skip_scipy_doc_tables()  # before scikit-learn imports scipy
    from diveml.study import study as run_study
    from diveml.study._engine import open_engine

    settings = get_settings(ctx)
    if scheduler is not None and engine == "local":
        engine = "dask"  # an address means a cluster; --engine local with one is refused
    target = target or _default_target(data)
    with _stage_lines() as progress, open_engine(engine, scheduler, _jobs(jobs)) as runner:
        result = run_study(
            data,
            target,
            task=task,
            metric=metric,
            holdout=holdout,
            folds=folds,
            group=group,
            time=time_,
            seed=seed,
            budget=budget,
            drop=drop or (),
            keep=keep or (),
            out=out,
            table=table,
            sql=sql,
            settings=settings,
            progress=progress,
            sep=sep,
            decimal=decimal,
            thousands=thousands,
            encoding=encoding,
            test=test,
            ids=id_ or (),
            proba=proba,
            force=force,
            engine=runner,
        )
    _summary(result.result_, result.out_dir)
    if result.submission is not None:
        _submission(result.submission.to_dict(), result.submission.path)


@contextlib.contextmanager
def _stage_lines() -> Iterator[Callable[[str, str], None]]:
    """Show the study's progress: a live bar, and one line per finished stage.

    Yields the ``progress(stage, detail)`` callback the study calls.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    current: list[tuple[str, float]] = []  # the stage running, and when it began
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.fields[stage]}[/]"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task_id = bar.add_task("starting", stage="study", total=None)

        def progress(stage: str, detail: str) -> None:
            bar.update(task_id, description=spell(detail, "cli"), stage=stage)
            # One line per finished stage stays on screen (and in a log), with that stage's
            # own duration; the live bar shows the rest.
            if current and current[-1][0] == stage:
                return
            now = time.perf_counter()
            if current:
                name, began = current[-1]
                bar.console.print(f"{name:<15}[dim]{now - began:7.1f} s[/]")
            current.append((stage, now))

        yield progress


def _jobs(text: str | None) -> int | Literal["auto"] | None:
    """--jobs as the engine takes it: a whole number, 'auto', or nothing (the default)."""
    if text is None or text.strip().lower() == "auto":
        return None if text is None else "auto"
    try:
        return int(text)
    except ValueError:
        from diveml.exceptions import InvalidOptionError

        raise InvalidOptionError(
            f"«jobs={text!r}» is not a number of processes. Give a whole number (--jobs 2) "
            "or --jobs auto.",
            option="jobs",
            value=text,
            allowed="an integer of at least 1, or auto",
        ) from None


def _submission(s: dict[str, Any], path: Path) -> None:
    for note in s["notes"]:
        console.print(f"[yellow]{note}[/]")
    _novelties(s["novelties"])
    console.print(
        f"Submission: [bold]{path}[/] ({s['rows']:,} rows; columns {', '.join(s['columns'])})."
    )
    console.print(s["why_not_scored"])


def _novelties(novelties: list[dict[str, Any]]) -> None:
    """Say what the model never saw in training, one line per column."""
    for novelty in novelties:
        console.print(f"[yellow]{novelty['message']}[/]")


def _default_target(data: str) -> str:
    """Return the catalog's default target for a dataset name; otherwise ask for --target."""
    from diveml.data import list_datasets
    from diveml.exceptions import InvalidOptionError

    names = {d.name: d.target for d in list_datasets()}
    if data in names and not Path(data).exists():
        console.print(f"Predicting {names[data]!r}, the default target of {data!r} (--target).")
        return names[data]
    raise InvalidOptionError(
        f"Say which column of {data!r} to predict with --target COLUMN "
        "(only datasets from `diveml data list` have a default target)."
    )


def _findings(r: StudyResult) -> None:
    """Print the audit's warnings and errors: the reader should see them before any score."""
    findings = r.audit.findings
    serious = [f for f in findings if f.severity in {"warning", "error"}]
    if not serious:
        n = len(findings)
        console.print(f"Audit: no warnings ({n} note{'' if n == 1 else 's'} in the report).")
        return
    counted = f"{len(serious)} warning{'s' if len(serious) != 1 else ''} or error"
    table = Table(title=f"Audit: {counted} (all {len(findings)} findings are in the report)")
    table.add_column("severity", no_wrap=True)
    table.add_column("column", no_wrap=True)
    table.add_column("finding")
    for f in serious:
        style = "red" if f.severity == "error" else "yellow"
        table.add_row(f"[{style}]{f.severity}[/]", f.column or "", f.message)
    console.print(table)


def _num(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _summary(r: StudyResult, out_dir: Path) -> None:
    _findings(r)
    table = Table(title=f"{r.data.name}: predict {r.target!r} ({r.task}, {r.metric})")
    for column in ("rung", "CV mean", "CV std", "fit s", "status"):
        table.add_column(column, justify="left" if column in {"rung", "status"} else "right")
    for rung in r.ladder:
        mark = " <- chosen" if rung.name == r.chosen.name else ""
        table.add_row(
            rung.label,
            _num(rung.cv_mean),
            _num(rung.cv_std),
            _num(rung.fit_seconds),
            rung.status + mark,
        )
    console.print(table)
    if r.excluded_columns:
        console.print("Excluded: " + "; ".join(f"{e.column} ({e.reason})" for e in r.exclusions))
    console.print(r.selection.explanation)
    h = r.holdout
    console.print(
        f"Holdout {r.metric}: [bold]{_num(h.score)}[/] (95% CI {_num(h.ci_low)} to "
        f"{_num(h.ci_high)}, {h.rows:,} rows; baseline {_num(h.baseline_score)})"
    )
    if h.gap_flag:
        console.print(f"[yellow]{h.gap_message}[/]")
    if h.times_scored > 1:
        console.print(
            f"[yellow]This holdout has now been scored {h.times_scored} times; each look "
            "makes its score a little less trustworthy.[/]"
        )
    curve_rows, train = r.sampling.learning_curve_rows, r.split.train_rows
    drawn = (
        f" (drawn from {curve_rows:,} of the {train:,} training rows)"
        if 0 < curve_rows < train
        else ""
    )
    console.print(f"Learning curve: {r.learning_curve.verdict}{drawn}")
    style = "yellow" if r.timings.over_budget else "default"
    took = r.timings.note or f"Took {r.timings.total_seconds:.1f} s."
    console.print(f"[{style}]{took}[/] {r.sampling.note}")
    report = out_dir / r.artifacts.report_html
    where = report if report.exists() else out_dir / r.artifacts.study_json
    console.print(f"Report: [bold]{where}[/]")


@app.command(rich_help_panel=_PANEL)
def predict(
    ctx: typer.Context,
    model: Annotated[Path, typer.Argument(help="A model.skops written by `diveml study`.")],
    data: Annotated[str, typer.Argument(help="A file of new rows, or a dataset name.")],
    out: Annotated[Path, typer.Option(help="The CSV file to write the predictions to.")],
    table: Annotated[
        str | None, typer.Option(help="The table to read from a SQLite/DuckDB file.")
    ] = None,
    sql: Annotated[
        str | None, typer.Option(help="A query to read from a SQLite/DuckDB file.")
    ] = None,
    id_: Annotated[
        list[str] | None,
        typer.Option("--id", help="An id column to copy into the output (repeatable)."),
    ] = None,
    sep: Annotated[str | None, typer.Option(help="Field separator of a text table.")] = None,
    decimal: Annotated[str | None, typer.Option(help="Decimal mark of its numbers.")] = None,
    thousands: Annotated[
        str | None, typer.Option(help="Thousands separator of its numbers.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding.")] = None,
) -> None:
    """Apply a saved model to new rows; columns and types are checked first."""
    from diveml.cli._startup import skip_scipy_doc_tables

    skip_scipy_doc_tables()  # before scikit-learn imports scipy
    from diveml.study import predict as run_predict

    result = run_predict(
        model,
        data,
        out=out,
        table=table,
        sql=sql,
        settings=get_settings(ctx),
        ids=id_ or (),
        sep=sep,
        decimal=decimal,
        thousands=thousands,
        encoding=encoding,
    )
    novelties = result.attrs.get("novelties", [])
    _novelties(novelties)
    where = " (the column 'unseen' marks the rows above)" if novelties else ""
    console.print(f"Wrote {len(result):,} predictions to {out}{where}")


studies_app = typer.Typer(
    help="The study ledger: every study, and how often each holdout was scored.",
    invoke_without_command=True,
)
app.add_typer(studies_app, name="studies", rich_help_panel=_PANEL)


@studies_app.callback()
def studies(
    ctx: typer.Context,
    latest: Annotated[
        bool,
        typer.Option(
            "--latest",
            help="Print only the folder of the newest complete study (of --data, if given), "
            'for use in other commands: diveml predict "$(diveml studies --latest)/model.skops" ...',
        ),
    ] = False,
    data: Annotated[
        str | None, typer.Option("--data", help="Only the studies of this data name.")
    ] = None,
) -> None:
    """List every study in the ledger, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    from diveml.exceptions import InvalidOptionError
    from diveml.study import list_studies

    rows = [r for r in list_studies(get_settings(ctx)) if data is None or r["data_name"] == data]
    if latest:
        done = [r for r in rows if r["status"] == "complete" and r["out_dir"]]
        if not done:
            raise InvalidOptionError(
                "There is no complete study"
                + (f" of {data!r}" if data else "")
                + " in the ledger yet. Run one with: diveml study DATA --target COLUMN"
            )
        # Plain print, not the console: the path must not be wrapped or styled.
        print(done[0]["out_dir"])
        return
    if not rows:
        console.print("No studies yet. Run one with: diveml study titanic --target survived")
        return
    # The id already carries the date and time, so no "when" column: the table must fit
    # 80 columns with the id whole, since the id is what `studies show` takes.
    table = Table(title="studies", caption="scored: how many complete studies scored this holdout")
    table.add_column("id", no_wrap=True, min_width=max(len(row["id"]) for row in rows))
    for column in ("data", "target", "metric", "chosen", "holdout", "scored"):
        # fold, not an ellipsis: at 80 columns a long name wraps inside its cell, whole.
        table.add_column(
            column,
            justify="right" if column in {"holdout", "scored"} else "left",
            overflow="fold",
        )
    for row in rows:
        complete = row["status"] == "complete"
        table.add_row(
            row["id"],
            row["data_name"],
            row["target"],
            row["metric"] or "",
            row["chosen"] or "",
            _num(row["holdout_score"]) if complete else row["status"],
            str(row["times_scored"]) if complete else "",
        )
    console.print(table)


@studies_app.command("show")
def show(
    ctx: typer.Context,
    study_id: Annotated[
        str, typer.Argument(metavar="ID", help="A study id from `diveml studies`.")
    ],
) -> None:
    """Show one study: its ledger entry and, if its folder remains, its summary."""
    from diveml.study import get_study, load_result

    row = get_study(study_id, get_settings(ctx), read_result=False)
    console.print(f"[bold]{row['id']}[/]  {row['status']}  created {row['created_at']}")
    console.print(f"data {row['data_name']!r}  target {row['target']!r}  folder {row['out_dir']}")
    folder = Path(row["out_dir"]) if row["out_dir"] else None
    if folder is not None and (folder / "study.json").is_file():
        # The ledger entry is printed first, so a study.json that cannot be read (another
        # format version, edited by hand) still shows what the ledger knows.
        _summary(load_result(folder), folder)
    elif row["status"] != "complete":
        console.print("This study did not finish (interrupted or failed); it has no results.")
    else:
        console.print("Its folder or study.json is gone; only the ledger entry remains.")
