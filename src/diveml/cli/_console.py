"""The consoles every command prints to, and how a DivemlError is shown."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

__all__ = ["console", "err_console", "print_error"]

# Rich reads sys.stdout/sys.stderr at write time, so test runners that swap them
# still capture everything.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_error(message: str, hint: str | None = None) -> None:
    """Show a user's mistake as a short red panel on stderr, without a traceback."""
    body = Text(message)
    if hint:
        body.append(f"\n{hint}", style="dim")
    err_console.print(Panel(body, title="Error", title_align="left", border_style="red"))
