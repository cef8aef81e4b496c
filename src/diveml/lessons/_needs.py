"""Make sure a lesson's fetched data is on this machine before its first cell that needs it.

A lesson on data that no package ships calls ``need_data("dga_domains")`` in its first code
cell. When the files are there (a data directory or the cache) it says so in one line. When
they are not, it downloads them unless diveml is set to work offline; when that is not
possible it shows, in that first cell, exactly what to run, instead of a traceback in some
later cell. In Jupyter it also makes any later diveml error show as its message alone: a
learner whose data is missing should read the fix, not a stack of library frames.
"""

from __future__ import annotations

import sys
from typing import Any

from diveml.lessons._handles import _ipython, _Shown, show

__all__ = ["need_data"]


def need_data(*names: str) -> bool:
    """Check that the fetched datasets ``names`` are here (fetching them if allowed).

    Returns True when every file is on this machine and verified; otherwise shows what to
    run and returns False. Never raises for missing or damaged data.
    """
    from diveml.config import resolve_settings
    from diveml.data import dataset_info, fetch_dataset, is_available
    from diveml.exceptions import DivemlError

    _quiet_diveml_errors()
    settings = resolve_settings()
    problems: list[str] = []
    ready: list[str] = []
    for name in names:
        try:
            dataset = dataset_info(name)
            if not is_available(name, settings) and settings.offline:
                problems.append(
                    f"- `{name}` ({dataset.title}) is not on this machine yet, and diveml is "
                    "set to work offline."
                )
                continue
            fetch_dataset(name, settings=settings)  # downloads only what is missing
        except DivemlError as error:
            problems.append(f"- `{name}`: {error}")
            continue
        count = len(dataset.files)
        ready.append(f"{name} ({count:,} file{'s' if count != 1 else ''})")
    if not problems:
        print(f"Data ready, every file checked against its published sha256: {', '.join(ready)}.")
        return True
    commands = "\n".join(f"`diveml data fetch {name}`" for name in names)
    show(
        _Shown(
            "This lesson's data is not on this machine yet",
            "\n".join(problems)
            + "\n\nIn a terminal, on a machine with internet access, run:\n\n"
            + commands
            + "\n\nthen restart the kernel and run this notebook again from the top. "
            "(Already have the files? Put their folder in the DIVEML_DATA_DIRS environment "
            "variable.) The cells below need this data, so until then they stop with a "
            "short message, not a traceback.",
            colour="#b45309",
        )
    )
    return False


def _quiet_diveml_errors() -> None:
    """In IPython, show a ``DivemlError`` as its message, without the traceback."""
    shell = _ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return
    from diveml.exceptions import DivemlError

    shell.set_custom_exc((DivemlError,), _show_error)


def _show_error(
    shell: Any, etype: type[BaseException], value: BaseException, tb: Any, tb_offset: Any = None
) -> list[str]:
    """IPython's custom-exception hook: one readable line, no stack of frames."""
    message = f"{etype.__name__}: {value}"
    print(message, file=sys.stderr)
    return [message]
