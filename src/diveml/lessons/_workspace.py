"""Copy a lesson notebook into the learner's workspace, and open it in Jupyter."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

from diveml.config import Settings, resolve_settings
from diveml.exceptions import LessonError
from diveml.lessons._registry import get_lesson
from diveml.lessons._source import render

__all__ = ["JupyterLaunch", "LessonCopy", "copy_lesson", "open_in_jupyter"]


@dataclasses.dataclass(frozen=True)
class LessonCopy:
    """Where the learner's copy of a lesson is, and whether it was there already.

    ``existing`` is True when ``path`` is the learner's earlier copy (opened, not
    rewritten); ``kept`` lists the earlier copies a fresh copy left alone.
    """

    lesson: str
    path: Path
    kept: tuple[Path, ...]
    existing: bool = False


def _copies(folder: Path, stem: str) -> list[Path]:
    """The learner's copies of a lesson: ``<id>.ipynb``, ``<id>-2.ipynb``, ... in order."""
    found = []
    first = folder / f"{stem}.ipynb"
    if first.exists():
        found.append(first)
    numbered = []
    for path in folder.glob(f"{stem}-*.ipynb"):
        suffix = path.stem[len(stem) + 1 :]
        if suffix.isdigit():
            numbered.append((int(suffix), path))
    return found + [p for _, p in sorted(numbered)]


def _free_name(folder: Path, stem: str) -> tuple[Path, tuple[Path, ...]]:
    kept = tuple(_copies(folder, stem))
    if not kept:
        return folder / f"{stem}.ipynb", ()
    number = 2
    while (folder / f"{stem}-{number}.ipynb").exists():
        number += 1
    return folder / f"{stem}-{number}.ipynb", kept


def copy_lesson(
    lesson: str,
    workspace: str | Path | None = None,
    *,
    settings: Settings | None = None,
    fresh: bool = False,
) -> LessonCopy:
    """Return the learner's copy of ``lesson`` in the workspace, making one if there is none.

    When a copy exists already (your work), it is returned as it is (the one changed
    last, if there are several) and nothing is written. With ``fresh=True`` a new blank
    copy is written beside it, ``<id>-2.ipynb`` (then ``-3`` and so on); nothing is ever
    overwritten.
    """
    import nbformat

    settings = settings or resolve_settings()
    found = get_lesson(lesson)
    folder = Path(workspace) if workspace is not None else settings.workspace
    if folder.exists() and not folder.is_dir():
        raise LessonError(
            f"The workspace {str(folder)!r} is a file, not a folder. Pass --workspace with a "
            "folder, or set DIVEML_WORKSPACE."
        )
    if not fresh and folder.is_dir():
        earlier = _copies(folder, found.id)
        if earlier:
            latest = max(earlier, key=lambda p: p.stat().st_mtime)
            return LessonCopy(found.id, latest, tuple(p for p in earlier if p != latest), True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LessonError(
            f"Cannot create the workspace folder {str(folder)!r} ({exc.strerror}). Pass "
            "--workspace with a folder you can write to, or set DIVEML_WORKSPACE."
        ) from exc
    path, kept = _free_name(folder, found.id)
    notebook = render(found, "starter")
    # "x" mode: if another process created the file a moment ago, fail rather than overwrite.
    try:
        with path.open("x", encoding="utf-8") as handle:
            nbformat.write(notebook, handle)
    except OSError as exc:
        raise LessonError(
            f"Cannot write {str(path)!r} ({exc.strerror}). Pass --workspace with a folder "
            "you can write to."
        ) from exc
    return LessonCopy(found.id, path, kept)


@dataclasses.dataclass(frozen=True)
class JupyterLaunch:
    """A Jupyter server started on a notebook: the command, its log, and its address."""

    command: list[str]
    log: Path
    url: str | None  # None when Jupyter had not printed its address yet


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``command`` detached from this process, its output to ``log`` (a test seam)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=os.name != "nt",
        )


_URL = re.compile(r"https?://(?:localhost|127\.0\.0\.1|\[::1\]|[\w.-]+):\d+/\S*")


def _find_url(text: str) -> str | None:
    urls = _URL.findall(text)
    with_token = [u for u in urls if "token=" in u]
    return (with_token or urls or [None])[0]


def open_in_jupyter(
    path: Path, *, log_dir: Path | None = None, wait: float = 30.0
) -> JupyterLaunch:
    """Start Jupyter on ``path`` in the background and wait for the address it serves.

    Jupyter's output is kept in a log file (never thrown away); its address, with the
    login token, is read from there. As root (containers, cloud notebooks) Jupyter
    refuses to start unless told ``--allow-root``, so that is passed. If Jupyter stops
    at once, the error says why, from its own output.
    """
    import time

    command = [sys.executable, "-m", "notebook", str(path)]
    if _is_root():
        command.append("--allow-root")
    folder = log_dir or resolve_settings().home / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / f"jupyter-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        log.touch()
    except OSError:
        import tempfile

        log = Path(tempfile.mkstemp(prefix="diveml-jupyter-", suffix=".log")[1])
    try:
        process = _spawn(command, log)
    except OSError as exc:
        raise LessonError(
            f"Could not start Jupyter ({exc}). Open {str(path)!r} yourself with "
            f"`jupyter notebook {path}`, or run `diveml doctor`."
        ) from exc
    deadline = time.monotonic() + wait
    while True:
        text = log.read_text(encoding="utf-8", errors="replace")
        url = _find_url(text)
        if url is not None:
            return JupyterLaunch(command, log, url)
        if process.poll() is not None:
            tail = "\n".join(text.strip().splitlines()[-8:]) or "(it printed nothing)"
            raise LessonError(
                f"Jupyter stopped at once (exit code {process.returncode}). What it said:\n"
                f"{tail}\nIts whole output is in {log}. Run `diveml doctor` to check the "
                f"install, or open {str(path)!r} with a Jupyter you already use."
            )
        if time.monotonic() > deadline:
            return JupyterLaunch(command, log, None)
        time.sleep(0.25)
