"""The consoles every command prints to, and how a DivemlError is shown."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

__all__ = ["console", "err_console", "print_error"]


class _Console(Console):
    """A Rich console that reads its size (``COLUMNS``, ``LINES``, the terminal) each time
    it prints.

    Rich fixes a console's width when the console is made if ``COLUMNS`` is set then, and
    these consoles are made once, at import. Whatever ``COLUMNS`` said at that moment (the
    80 of an earlier test's ``CliRunner`` env, a CI shell's value) would then win over the
    value of every later command in the same process; read at print time, each command gets
    the width of its own environment.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # None makes Rich's ``size`` look at the terminal and the environment again on
        # every call instead of returning the width it saw above.
        self._width = None
        self._height = None


# Rich reads sys.stdout/sys.stderr at write time, so test runners that swap them
# still capture everything.
console = _Console(highlight=False)
err_console = _Console(stderr=True, highlight=False)


def print_error(message: str, hint: str | None = None) -> None:
    """Show a user's mistake as a short red panel on stderr, without a traceback."""
    body = Text(message)
    if hint:
        body.append(f"\n{hint}", style="dim")
    err_console.print(Panel(body, title="Error", title_align="left", border_style="red"))
