"""Check that this machine can run diveml, and say how to fix what cannot."""

from __future__ import annotations

import dataclasses
import functools
import importlib.metadata
import sys
import tempfile
from collections.abc import Callable

from diveml.config import Settings, resolve_settings

__all__ = ["Check", "doctor"]

# (distribution, minimum version, why diveml needs it)
_PACKAGES: tuple[tuple[str, str, str], ...] = (
    ("numpy", "1.26", "arrays"),
    ("pandas", "2.2", "tables"),
    ("scikit-learn", "1.9", "models"),
    ("matplotlib", "3.8", "plots"),
    ("skops", "0.10", "safe model files"),
    ("nbclient", "0.10", "running lesson notebooks"),
    ("jupytext", "1.16", "lesson sources"),
    ("notebook", "7.0", "opening lessons in Jupyter"),
)


@dataclasses.dataclass(frozen=True)
class Check:
    """The outcome of one check: what was looked at, what was found, how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, version, "" if ok else "Install Python 3.11 or newer.")


def _check_package(dist: str, minimum: str, purpose: str) -> Check:
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return Check(dist, False, f"not installed ({purpose})", f"pip install '{dist}>={minimum}'")
    ok = _version_tuple(version) >= _version_tuple(minimum)
    fix = "" if ok else f"pip install --upgrade '{dist}>={minimum}'"
    return Check(dist, ok, f"{version} ({purpose})", fix)


def _check_kernel() -> Check:
    fix = "pip install ipykernel && python -m ipykernel install --user"
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError as exc:
        return Check("Jupyter kernel", False, f"cannot import ({exc})", fix)
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("print(6 * 7)"))
    try:
        # log_level=ERROR: see diveml.lessons._runner on ipykernel's loopback TCP warning.
        NotebookClient(
            notebook,
            timeout=60,
            kernel_name="python3",
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        ).execute()
    except Exception as exc:  # any failure to start or run a kernel is the finding itself
        return Check(
            "Jupyter kernel", False, f"did not run code ({type(exc).__name__}: {exc})", fix
        )
    outputs = notebook.cells[0].get("outputs", [])
    text = "".join(o.get("text", "") for o in outputs).strip()
    if text != "42":
        return Check("Jupyter kernel", False, f"ran code but printed {text!r}", fix)
    return Check("Jupyter kernel", True, "python3 kernel started and ran code")


def _check_home(settings: Settings) -> Check:
    fix = "Set DIVEML_HOME to a folder you can write to."
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.home):
            pass
    except OSError as exc:
        return Check("DIVEML_HOME", False, f"{settings.home} is not writable ({exc.strerror})", fix)
    return Check("DIVEML_HOME", True, str(settings.home))


def _check_database(settings: Settings) -> Check:
    from diveml.exceptions import StateError
    from diveml.state import Database

    try:
        with Database(settings.database_path) as db:
            version = db.schema_version
    except StateError as exc:
        return Check("State database", False, str(exc), f"Move aside {settings.database_path}")
    return Check("State database", True, f"{settings.database_path} (schema {version})")


def _check_cache(settings: Settings) -> Check:
    from diveml.data import is_available, list_datasets
    from diveml.exceptions import DatasetError

    fetched = [d for d in list_datasets() if d.fetched]
    ready, broken = [], []
    for dataset in fetched:
        try:
            if is_available(dataset.name, settings):
                ready.append(dataset.name)
        except DatasetError:
            broken.append(dataset.name)
    if broken:
        return Check(
            "Data cache",
            False,
            f"damaged files for {', '.join(broken)}",
            f"diveml data fetch {broken[0]} (after deleting the damaged file)",
        )
    missing = len(fetched) - len(ready)
    detail = f"{len(ready)} of {len(fetched)} downloadable datasets on disk"
    if missing:
        detail += " (the rest download on first use)"
    return Check("Data cache", True, detail)


def doctor(settings: Settings | None = None, *, kernel: bool = True) -> list[Check]:
    """Run every environment check and return the outcomes, failures included.

    Parameters
    ----------
    settings
        Resolved settings; read from the environment when omitted.
    kernel
        Start a Jupyter kernel to prove it runs code (takes a few seconds).
    """
    settings = settings or resolve_settings()
    checks: list[Callable[[], Check]] = [_check_python]
    checks += [functools.partial(_check_package, d, m, p) for d, m, p in _PACKAGES]
    if kernel:
        checks.append(_check_kernel)
    checks += [functools.partial(f, settings) for f in (_check_home, _check_database, _check_cache)]
    return [check() for check in checks]
