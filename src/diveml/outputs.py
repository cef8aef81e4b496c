"""Check, then write, every file and folder diveml writes for a user.

Every command that writes where the user said (``predict --out``, ``data export``,
``grade --csv``, ``study --out``) checks the path here before any work is done, and writes
through here, so that:

- a bad path gets one message shape, naming the option and the path, saying what is wrong
  and what to do: ``Cannot write out 'x.csv': <why>. <fix>`` (``--out`` on the command
  line: ``option`` is the Python keyword, spelled per front end; see
  :func:`diveml.exceptions.spell`) (an
  :class:`~diveml.exceptions.OutputPathError`);
- an input is never overwritten: an output that is the same file as an input (through a
  symlink, a hard link, ``./`` or ``..``) is refused, whatever the flags;
- a file is written to a temporary name in the same folder and renamed over the target
  (``os.replace``), so an interrupted write never leaves half a file, and a failure of the
  disk itself (full, read-only) is reported in the same shape.

Examples
--------
>>> from diveml.outputs import check_file, write_text
>>> path = check_file(tmp / "notes.txt", option="out")  # doctest: +SKIP
>>> write_text(path, "hello", option="out")  # doctest: +SKIP
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from diveml.exceptions import OutputPathError
from diveml.exceptions import option as token

__all__ = ["check_file", "check_folder", "make_folder", "write_file", "write_text"]

PathLike = str | os.PathLike[str]


def _refuse(option: str, path: Path, reason: str, fix: str) -> OutputPathError:
    # A keyword (``out``) is a token the front end spells (``--out`` on the command line);
    # a positional argument's name (``FILE``) is written as it is.
    named = token(option, bare=True) if option.isidentifier() and option.islower() else option
    return OutputPathError(
        f"Cannot write {named} {str(path)!r}: {reason}. {fix}", option=option, path=str(path)
    )


def _existing_ancestor(path: Path) -> Path:
    """Return the nearest ancestor of ``path`` that exists (as a file or a folder)."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            return parent
    return Path(path.anchor or ".")


def _check_folders_above(path: Path, option: str, *, need_parent: bool) -> None:
    """Refuse a path under a regular file, or (for a file) whose folder does not exist."""
    parent = path.parent
    ancestor = _existing_ancestor(path)
    if not ancestor.is_dir():
        raise _refuse(
            option,
            path,
            f"{str(ancestor)!r} is a file, not a folder, so nothing can be created under it",
            "Choose a path whose folders are folders.",
        )
    if need_parent and ancestor != parent and not parent.is_dir():
        raise _refuse(
            option,
            path,
            f"the folder {str(parent)!r} does not exist",
            "Create that folder first, or choose another path.",
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise _refuse(
            option,
            path,
            f"the folder {str(ancestor)!r} is read-only for you",
            "Choose a folder you can write to.",
        )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (or cannot be looked at): not the same
        return False


def _as_inputs(inputs: Iterable[PathLike | tuple[str, PathLike]]) -> list[tuple[str, Path]]:
    named = []
    for item in inputs:
        label, value = item if isinstance(item, tuple) else ("input", item)
        named.append((label, Path(value).expanduser()))
    return named


def check_file(
    path: PathLike,
    *,
    option: str,
    inputs: Iterable[PathLike | tuple[str, PathLike]] = (),
    overwrite: bool = True,
) -> Path:
    """Return ``path`` as a Path once it is fit to be written as a file; refuse it otherwise.

    Parameters
    ----------
    path
        Where the file is to be written.
    option
        How the user named it (the keyword ``"out"``, ``"csv"``, or a positional ``"FILE"``),
        for the message.
    inputs
        Files the same command reads, plain or as ``(label, path)`` pairs such as
        ``("DATA", "rows.csv")``: an output that is one of them is refused.
    overwrite
        Whether an existing file may be replaced; when false, one is refused with a
        pointer to ``force``.

    Raises
    ------
    OutputPathError
        The path is a folder, lies under a regular file or in a folder that does not
        exist, is read-only, is one of the inputs, or exists and ``overwrite`` is false.
    """
    target = Path(path).expanduser()
    try:
        _no_nul(target)
        return _check_file(target, option, _as_inputs(inputs), overwrite)
    except OutputPathError:  # a ValueError too, and already in shape
        raise
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte: the OS cannot look
        raise _refuse(option, target, _probe_reason(exc), "Choose another path.") from exc


def _no_nul(path: Path) -> None:
    # pathlib answers "does not exist" for such a name; only opening it fails.
    if "\x00" in str(path):
        raise ValueError("embedded null byte")


def _probe_reason(exc: OSError | ValueError) -> str:
    if isinstance(exc, OSError):
        return _os_reason(exc)
    return "the path cannot name a file (it holds a NUL character)"


def _check_file(target: Path, option: str, inputs: list[tuple[str, Path]], overwrite: bool) -> Path:
    if target.is_dir():
        raise _refuse(
            option,
            target,
            "it is a folder, and a file name is needed here",
            f"Pass the path of a file, such as {str(target / ('output' + _suffix(option)))!r}.",
        )
    for label, source in inputs:
        if source.is_file() and _same_file(target, source):
            raise _refuse(
                option,
                target,
                f"it is the same file as the {label} {str(source)!r}, which writing there "
                "would destroy; inputs are never overwritten",
                "Choose another file name for the output.",
            )
    _check_folders_above(target, option, need_parent=True)
    if target.exists() and not target.is_file():
        return target  # a device or a pipe (/dev/stdout): written straight into, see write_file
    if target.exists() or target.is_symlink():
        if not overwrite:
            raise _refuse(
                option,
                target,
                "the file already exists and was left as it is",
                f"Choose another name, or pass {token('force', True)} to replace it.",
            )
        if target.exists() and not os.access(target, os.W_OK):
            raise _refuse(
                option,
                target,
                "the file is read-only, so it was left as it is",
                "Choose another name, or make it writable first.",
            )
    return target


def _suffix(option: str) -> str:
    return ".csv" if option in {"out", "csv"} else ""


def check_folder(
    path: PathLike,
    *,
    option: str,
    writes: Iterable[str] = (),
    inputs: Iterable[PathLike | tuple[str, PathLike]] = (),
    force: bool = False,
) -> Path:
    """Return ``path`` once it is fit to receive the files ``writes``; refuse it otherwise.

    A folder that does not exist yet is fine (:func:`make_folder` creates it). An existing
    one that already holds files named in ``writes`` is refused, naming each file, unless
    ``force`` is true; one of ``inputs`` under such a name is refused even then.

    Raises
    ------
    OutputPathError
        The path is a file, lies under a regular file, is read-only, or holds files it
        would replace.
    """
    folder = Path(path).expanduser()
    try:
        _no_nul(folder)
        return _check_folder(folder, option, list(writes), _as_inputs(inputs), force)
    except OutputPathError:
        raise
    except (OSError, ValueError) as exc:
        raise _refuse(option, folder, _probe_reason(exc), "Choose another folder.") from exc


def _check_folder(
    folder: Path, option: str, writes: list[str], inputs: list[tuple[str, Path]], force: bool
) -> Path:
    if folder.exists() and not folder.is_dir():
        raise _refuse(
            option,
            folder,
            "it is a file, and a folder is needed here",
            "Pass the path of a folder (a new one is created).",
        )
    _check_folders_above(folder, option, need_parent=False)
    if not folder.is_dir():
        return folder
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _refuse(
            option, folder, "the folder is read-only for you", "Choose a folder you can write to."
        )
    names = list(dict.fromkeys(writes))
    present = [name for name in names if (folder / name).exists() or (folder / name).is_symlink()]
    for label, source in inputs:
        hit = next((n for n in present if _same_file(folder / n, source)), None)
        if hit is not None:
            raise _refuse(
                option,
                folder,
                f"the {label} {str(source)!r} is its {hit!r}, which this command would replace",
                "Choose another folder for the output, or move the input out of it.",
            )
    if present and not force:
        listed = ", ".join(repr(name) for name in present)
        raise _refuse(
            option,
            folder,
            f"it already holds {listed}, which this command would replace; they were left "
            "as they are",
            f"Choose another folder, move those files, or pass {token('force', True)} to replace "
            "them.",
        )
    return folder


def make_folder(path: PathLike, *, option: str) -> Path:
    """Create the folder ``path`` (and its parents) if needed; refuse it in the same shape."""
    folder = Path(path).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(option, folder, _os_reason(exc), "Choose a folder you can write to.") from exc
    return folder


def _os_reason(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EISDIR: "it is a folder",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENOENT: "a folder on the path does not exist",
        errno.ENAMETOOLONG: "the name is too long",
    }
    return reasons.get(exc.errno or -1, exc.strerror or type(exc).__name__)


def write_file(path: PathLike, write: Callable[[Path], object], *, option: str) -> Path:
    """Write a file atomically: ``write(temporary)`` in the same folder, then a rename.

    ``write`` is given a path to create (e.g. ``frame.to_csv``). The temporary file is made
    with ordinary permissions (not ``mkstemp``'s owner-only ones), so the result has the
    permissions of any file the user creates. A disk that refuses the write is an
    :class:`~diveml.exceptions.OutputPathError`; the earlier file, if any, is untouched.
    """
    target = Path(path).expanduser()
    if target.exists() and not target.is_file():
        # A device or a pipe (/dev/stdout, a named pipe) cannot be replaced by a rename, and
        # must not be: it is written straight into.
        try:
            write(target)
        except OSError as exc:
            raise _refuse(option, target, _os_reason(exc), "Choose a file to write to.") from exc
        return target
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        write(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise _refuse(
            option, target, _os_reason(exc), "Choose a place you can write to, with room left."
        ) from exc
    finally:
        temporary.unlink(missing_ok=True)
    return target


def write_text(path: PathLike, text: str, *, option: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically; see :func:`write_file`."""

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)

    return write_file(path, write, option=option)
