"""``diveml doctor``: check the environment."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from diveml.cli._app import app, get_settings
from diveml.cli._console import console


@app.command(rich_help_panel="Explore")
def doctor(
    ctx: typer.Context,
    kernel: Annotated[
        bool, typer.Option("--kernel/--no-kernel", help="Start a Jupyter kernel to prove it runs.")
    ] = True,
) -> None:
    """Check Python, packages, Jupyter, the state folder and the data cache."""
    from diveml.doctor import doctor as run_checks

    checks = run_checks(get_settings(ctx), kernel=kernel)
    table = Table(title="diveml doctor")
    table.add_column("check")
    table.add_column("status")
    table.add_column("found")
    table.add_column("fix")
    for check in checks:
        status = "[green]ok[/]" if check.ok else "[red]FAIL[/]"
        table.add_row(check.name, status, check.detail, check.fix)
    console.print(table)
    failed = [c.name for c in checks if not c.ok]
    if failed:
        console.print(
            f"[red]{len(failed)} check(s) failed:[/] {', '.join(failed)}. "
            "Apply the fixes above and run `diveml doctor` again."
        )
        raise typer.Exit(1)
    console.print("[green]Everything diveml needs is in place.[/]")
