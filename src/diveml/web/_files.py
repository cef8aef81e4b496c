"""Which files the dashboard may serve: a study's own artifacts, inside its own folder.

A request names a study (by its ledger id) and an artifact file name; nothing else on disk
can be asked for. The name must be one of the artifacts a study writes, and the file,
with every symlink resolved, must still lie inside the study's folder and inside one of
the served roots (the studies folder, the workspace, ``DIVEML_HOME``, or the folder the
ledger recorded for that study). Anything else is "not found", never an error that says
what exists.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["artifact_names", "inside", "safe_artifact"]


def artifact_names() -> dict[str, str]:
    """Return the files a study writes, by their name in ``study.json`` (``report_html``...)."""
    from diveml.study import ARTIFACTS

    return dict(ARTIFACTS)


def inside(path: Path, folder: Path) -> bool:
    """Return True when ``path`` (already resolved) is ``folder`` or lies under it."""
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def safe_artifact(out_dir: str | None, name: str, roots: list[Path]) -> Path | None:
    """Return the artifact ``name`` of the study folder ``out_dir``, or None if not servable."""
    if not out_dir or name not in artifact_names().values():
        return None
    # The allow-list already rules out "..", "/", "%2e" and the like; these checks keep the
    # rule true should the list ever grow a sub-folder.
    if "/" in name or "\\" in name or "\x00" in name or name.startswith("."):
        return None
    folder = Path(out_dir)
    try:
        folder = folder.resolve(strict=True)
        path = (folder / name).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    if not path.is_file() or not inside(path, folder):
        return None
    if not any(inside(path, root) for root in roots):
        return None
    return path
