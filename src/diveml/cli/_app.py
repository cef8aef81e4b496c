"""The root ``diveml`` command, its global options and its error handling."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from diveml import __version__
from diveml.cli._console import console, print_error
from diveml.config import Settings, resolve_settings
from diveml.exceptions import DivemlError, InvalidOptionError, speaking

__all__ = ["app", "get_settings", "main"]


class _DivemlGroup(TyperGroup):
    """Turn a DivemlError into a message and exit code 1; let real bugs keep their traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            # Every message and finding made below is spelled for the command line
            # (``--holdout 2``); the core writes option tokens, never flags.
            with speaking("cli"):
                return super().invoke(ctx)
        except DivemlError as exc:
            # Only an option's value earns the --help pointer; for a missing file or a
            # typo in a name the message itself carries the fix.
            hint = (
                "Run the command with --help to see its options."
                if isinstance(exc, InvalidOptionError)
                else None
            )
            print_error(exc.render("cli"), hint)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_DivemlGroup,
    name="diveml",
    help=(
        "Learn machine learning by doing, on real data, and keep from fooling yourself.\n\n"
        "Jobs: learn (hands-on lessons), study (an honest practice study of a table) and "
        "explore (the dataset catalog and the environment check)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        console.print(f"diveml {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home", help="Folder for diveml's state and data cache \\[env: DIVEML_HOME]."
        ),
    ] = None,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="Never download data \\[env: DIVEML_OFFLINE]."),
    ] = None,
) -> None:
    ctx.obj = {"home": home, "offline": offline}


def get_settings(ctx: typer.Context) -> Settings:
    """Resolve settings with the global flags of this invocation on top."""
    root = ctx.find_root()
    flags = root.obj or {}
    return resolve_settings(**flags)


def _register() -> None:
    # Each job lives in its own module; importing registers its commands on `app`.
    import diveml.cli._review  # noqa: F401
    from diveml.cli import _data, _doctor, _explore, _learn, _schema, _study  # noqa: F401


_register()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (the ``diveml`` console script)."""
    app(args=argv, prog_name="diveml")
