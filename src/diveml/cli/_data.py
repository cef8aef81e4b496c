"""``diveml data``: the dataset catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from diveml.cli._app import app, get_settings
from diveml.cli._console import console

data_app = typer.Typer(
    help="The catalog of real datasets: list, show, export, fetch.", no_args_is_help=True
)
app.add_typer(data_app, name="data", rich_help_panel="Explore")


def _availability(name: str, ctx: typer.Context) -> str:
    from diveml.data import dataset_info, is_available
    from diveml.exceptions import DatasetError

    if not dataset_info(name).fetched:
        return "package"
    try:
        return "cached" if is_available(name, get_settings(ctx)) else "fetch"
    except DatasetError:
        return "damaged file: run diveml doctor"


@data_app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List every dataset with its task, size and target."""
    from diveml.data import list_datasets

    datasets = list_datasets()
    if as_json:
        rows = [d.to_dict() | {"availability": _availability(d.name, ctx)} for d in datasets]
        console.print_json(json.dumps(rows))
        return
    table = Table(
        title="diveml datasets",
        caption="where: package = ships with an installed package; cached = downloaded; "
        "fetch = downloads on first use. Details: diveml data show NAME",
    )
    # On a narrow terminal the title goes under the name (one column fewer), and every
    # column folds long words instead of cutting them: "pengu…" helps nobody.
    narrow = console.width < _WIDE_ENOUGH
    table.add_column("name" + (" and title" if narrow else ""), overflow="fold", ratio=1)
    table.add_column("task", no_wrap=True)
    table.add_column("rows x cols", no_wrap=True, justify="right")
    table.add_column("target", overflow="fold")
    if not narrow:
        table.add_column("title", ratio=1, overflow="fold")
    table.add_column("where", overflow="fold")
    for d in datasets:
        name = f"{d.name}\n[dim]{escape(d.title)}[/dim]" if narrow else d.name
        cells = [name, d.task, f"{d.rows:,} x {d.columns}", d.target]
        table.add_row(*cells, *([] if narrow else [d.title]), _availability(d.name, ctx))
    console.print(table)


_WIDE_ENOUGH = 110  # below this many columns, `data list` puts each title under its name


_FILES_SHOWN = 10  # java_classes has 1,020 files: list a few, count the rest


@data_app.command()
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A dataset name from `diveml data list`.")],
    rows: Annotated[int, typer.Option(min=0, help="How many first rows to print.")] = 5,
) -> None:
    """Describe one dataset: source, licence, columns, missing values, first rows."""
    from diveml.data import dataset_info, is_available, load_dataset

    dataset = dataset_info(name)
    console.print(f"[bold]{dataset.name}[/] - {dataset.title}")
    console.print(dataset.description)
    console.print(
        f"task: {dataset.task}    default target: {dataset.target!r}    "
        f"shape: {dataset.rows:,} rows x {dataset.columns} columns"
    )
    console.print(f"source: {dataset.source}")
    console.print(f"licence: {dataset.licence}")
    settings = get_settings(ctx)
    if dataset.fetched:
        for f in dataset.files[:_FILES_SHOWN]:
            console.print(f"file: {f.name}  sha256 {f.sha256[:16]}...  from {f.url}")
        if len(dataset.files) > _FILES_SHOWN:
            more = len(dataset.files) - _FILES_SHOWN
            console.print(f"... and {more:,} more files, each verified by its own sha256")
        if not is_available(name, settings):
            console.print(
                f"[yellow]Not downloaded yet.[/] Run `diveml data fetch {name}` "
                "(needs internet once), then show it again to see its columns."
            )
            return
    frame = load_dataset(name, settings=settings)
    table = Table(title="columns")
    for column in ("column", "type", "missing", "distinct"):
        table.add_column(column)
    shown = frame.columns[:40]
    for column in shown:
        series = frame[column]
        table.add_row(
            str(column),
            str(series.dtype),
            f"{int(series.isna().sum()):,}",
            f"{int(series.nunique()):,}",
        )
    console.print(table)
    if len(frame.columns) > len(shown):
        console.print(f"... and {len(frame.columns) - len(shown)} more columns")
    if rows:
        head = Table(title=f"first {min(rows, len(frame))} rows")
        for column in frame.columns[:12]:
            head.add_column(str(column), overflow="ellipsis", max_width=24)
        for record in frame.head(rows).itertuples(index=False):
            # NaN is the one value unequal to itself: show it as an empty cell.
            head.add_row(*("" if value != value else str(value) for value in record[:12]))
        console.print(head)


@data_app.command()
def export(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A dataset name from `diveml data list`.")],
    file: Annotated[
        Path, typer.Argument(help="Where to write: .csv, .tsv, .parquet, .xlsx or .jsonl.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a dataset to a file you can open anywhere."""
    from diveml.data import export_dataset

    path = export_dataset(name, file, overwrite=force, settings=get_settings(ctx))
    console.print(f"Wrote {name} to {path}", soft_wrap=True)


@data_app.command()
def fetch(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(help="Datasets to download.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Fetch every downloadable dataset.")] = False,
) -> None:
    """Download datasets that no package ships into the local cache, checking each sha256."""
    from diveml.data import fetch_dataset, list_datasets
    from diveml.exceptions import InvalidOptionError

    if all_:
        names = [d.name for d in list_datasets() if d.fetched]
    if not names:
        raise InvalidOptionError("Name at least one dataset to fetch, or pass --all.")
    settings = get_settings(ctx)
    for name in names:
        paths = fetch_dataset(name, settings=settings)
        for file, path in paths.items():
            console.print(f"{name}: {file} verified at {path}", soft_wrap=True)
