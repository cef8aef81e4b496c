"""`diveml.outputs`: every bad output path is refused in one shape; writes are atomic."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from diveml.exceptions import InvalidOptionError, OutputPathError, speaking
from diveml.outputs import check_file, check_folder, make_folder, write_file, write_text

from .conftest import NOT_A_STUDY

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(autouse=True)
def _cli_spelling() -> Iterator[None]:
    """Spell the option as the command line does (``--out``), the wording these tests pin.

    ``tests/test_option_spelling.py`` checks the Python wording (``out``) of the same errors.
    """
    with speaking("cli"):
        yield


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n")
    return path


# --------------------------------------------------------------------------- check_file


def test_a_good_file_path_is_returned(tmp_path: Path) -> None:
    assert check_file(tmp_path / "new.csv", option="out") == tmp_path / "new.csv"


def test_an_output_error_is_an_option_error_with_fields(tmp_path: Path) -> None:
    with pytest.raises(OutputPathError) as caught:
        check_file(tmp_path, option="csv")
    assert isinstance(caught.value, InvalidOptionError)
    assert caught.value.option == "csv" and caught.value.path == str(tmp_path)


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        # a folder where a file is asked for (also one with a file-like name)
        (".", r"it is a folder, and a file name is needed here\. Pass the path of a file"),
        ("dir.csv", r"it is a folder, and a file name is needed here"),
        # under a regular file, directly or deeper
        ("rows.csv/out.csv", r"'.*rows\.csv' is a file, not a folder, so nothing can be created"),
        ("rows.csv/a/b/out.csv", r"'.*rows\.csv' is a file, not a folder"),
        # missing folder, one level or several
        ("nowhere/out.csv", r"the folder '.*nowhere' does not exist\. Create that folder first"),
        ("no/where/out.csv", r"the folder '.*where' does not exist"),
    ],
)
def test_bad_file_paths_get_one_message_shape(
    tmp_path: Path, a_file: Path, relative: str, message: str
) -> None:
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(OutputPathError, match=rf"^Cannot write --out '.*': .*{message}"):
        check_file(tmp_path / relative, option="out")


def test_a_missing_file_under_a_missing_folder_under_a_file_names_the_file(
    tmp_path: Path, a_file: Path
) -> None:
    with pytest.raises(OutputPathError, match=r"rows\.csv' is a file"):
        check_file(a_file / "x" / "y" / "z.csv", option="out")


def _spellings(a_file: Path, tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(a_file)
    hard = tmp_path / "hard.csv"
    os.link(a_file, hard)
    return {
        "the same spelling": a_file,
        "dot slash": Path(f"{tmp_path}/./rows.csv"),
        "dot dot": tmp_path / "sub" / ".." / "rows.csv",
        "a symlink": link,
        "a hard link": hard,
    }


@pytest.mark.parametrize(
    "spelling", ["the same spelling", "dot slash", "dot dot", "a symlink", "a hard link"]
)
def test_an_output_that_is_an_input_is_refused_however_spelled(
    tmp_path: Path, a_file: Path, spelling: str
) -> None:
    output = _spellings(a_file, tmp_path)[spelling]
    with pytest.raises(
        OutputPathError,
        match=r"it is the same file as the DATA '.*rows\.csv', which writing there would "
        r"destroy; inputs are never overwritten\. Choose another file name",
    ):
        check_file(output, option="out", inputs=[("DATA", a_file)])
    assert a_file.read_text() == "a,b\n1,2\n"


def test_an_input_symlink_is_followed_to_its_file(tmp_path: Path, a_file: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(a_file)
    with pytest.raises(OutputPathError, match="same file as the MODEL"):
        check_file(a_file, option="out", inputs=[("MODEL", link)])


def test_a_relative_output_matches_an_absolute_input(
    tmp_path: Path, a_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputPathError, match="same file as the input"):
        check_file("rows.csv", option="out", inputs=[a_file])


def test_inputs_that_are_not_files_are_ignored(tmp_path: Path) -> None:
    # a catalog name, or a path that does not exist, cannot be overwritten
    assert check_file(tmp_path / "p.csv", option="out", inputs=["titanic", tmp_path / "nope"])


def test_an_existing_file_is_refused_without_overwrite(a_file: Path) -> None:
    with pytest.raises(
        OutputPathError, match=r"already exists and was left as it is\. .*pass --force"
    ):
        check_file(a_file, option="FILE", overwrite=False)
    assert check_file(a_file, option="FILE") == a_file


@pytest.mark.skipif(ROOT, reason="root can write anywhere")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputPathError, match=r"the folder '.*locked' is read-only for you"):
            check_file(folder / "out.csv", option="out")
    finally:
        folder.chmod(0o755)


def test_a_folder_access_says_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores permissions, so the refusal is simulated where the check asks the OS.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputPathError, match=r"^Cannot write --csv .*is read-only for you\."):
        check_file(tmp_path / "g.csv", option="csv")


def test_a_read_only_file_is_refused(a_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != a_file and real(path, mode))
    with pytest.raises(OutputPathError, match=r"the file is read-only, so it was left as it is"):
        check_file(a_file, option="out")


# --------------------------------------------------------------------------- check_folder


ARTIFACTS = ["report.html", "study.json", "model.skops"]


def test_a_new_or_empty_folder_is_fine(tmp_path: Path) -> None:
    assert check_folder(tmp_path / "new" / "deeper", option="out", writes=ARTIFACTS)
    assert check_folder(tmp_path, option="out", writes=ARTIFACTS) == tmp_path


def test_a_folder_with_files_of_artifact_names_is_refused_naming_them(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text("my own report")
    (tmp_path / "model.skops").write_text("mine")
    (tmp_path / "notes.txt").write_text("not an artifact")
    with pytest.raises(
        OutputPathError,
        match=r"it already holds 'report\.html', 'model\.skops', which this command would "
        r"replace; they were left as they are\. .*pass --force to replace them",
    ):
        check_folder(tmp_path, option="out", writes=ARTIFACTS)
    assert (tmp_path / "report.html").read_text() == "my own report"
    assert check_folder(tmp_path, option="out", writes=ARTIFACTS, force=True) == tmp_path


def test_an_artifact_name_that_is_a_folder_or_link_counts(tmp_path: Path) -> None:
    folder = tmp_path / NOT_A_STUDY  # the suite checks every study.json it finds otherwise
    folder.mkdir()
    (folder / "study.json").mkdir()
    (folder / "model.skops").symlink_to(folder / "gone")
    with pytest.raises(OutputPathError, match=r"'study\.json', 'model\.skops'"):
        check_folder(folder, option="out", writes=ARTIFACTS)


def test_an_input_under_an_artifact_name_is_refused_even_with_force(tmp_path: Path) -> None:
    data = tmp_path / "report.html"
    data.write_text("<table>")
    with pytest.raises(
        OutputPathError, match=r"the DATA '.*report\.html' is its 'report\.html', which this"
    ):
        check_folder(tmp_path, option="out", writes=ARTIFACTS, inputs=[("DATA", data)], force=True)


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("rows.csv", r"it is a file, and a folder is needed here"),
        ("rows.csv/study", r"'.*rows\.csv' is a file, not a folder"),
        ("rows.csv/a/b", r"'.*rows\.csv' is a file, not a folder"),
    ],
)
def test_bad_folder_paths_get_the_same_shape(
    tmp_path: Path, a_file: Path, relative: str, message: str
) -> None:
    shape = rf"^Cannot write --out '.*': {message}.*\. (Choose|Pass) "
    with pytest.raises(OutputPathError, match=shape):
        check_folder(tmp_path / relative, option="out")


def test_make_folder_creates_parents_and_explains_a_failure(tmp_path: Path, a_file: Path) -> None:
    assert make_folder(tmp_path / "a" / "b", option="out").is_dir()
    with pytest.raises(
        OutputPathError, match=r"^Cannot write --out '.*x': a part of the path is a file"
    ):
        make_folder(a_file / "x", option="out")


# --------------------------------------------------------------------------- writing


def test_write_text_replaces_atomically_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    write_text(path, "new\n", option="out")
    assert path.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failed_write_keeps_the_earlier_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("earlier")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_file(path, half_then_fail, option="out")
    assert path.read_text() == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_a_disk_that_refuses_the_write_is_explained(tmp_path: Path, code: int, reason: str) -> None:
    def refuse(temporary: Path) -> None:
        raise OSError(code, os.strerror(code))

    with pytest.raises(OutputPathError, match=rf"^Cannot write --csv '.*g\.csv': {reason}\. "):
        write_file(tmp_path / "g.csv", refuse, option="csv")
    assert not list(tmp_path.iterdir())


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    path = write_text(tmp_path / "r.md", "x", option="out")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------- odd paths


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("x" * 5000 + ".csv", "the name is too long"),
        ("bad\x00name.csv", r"the path cannot name a file \(it holds a NUL character\)"),
    ],
)
def test_a_path_the_os_cannot_look_at_is_refused_in_the_same_shape(
    tmp_path: Path, name: str, reason: str
) -> None:
    with pytest.raises(OutputPathError, match=rf"^Cannot write --out '.*': {reason}"):
        check_file(tmp_path / name, option="out")
    with pytest.raises(OutputPathError, match=rf"^Cannot write --out '.*': {reason}"):
        check_folder(tmp_path / name, option="out")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_written_straight_into_not_replaced() -> None:
    path = check_file("/dev/null", option="out")
    write_text(path, "rows\n", option="out")
    assert Path("/dev/null").is_char_device()


def test_a_named_pipe_is_written_into(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_text(check_file(fifo, option="out"), "a,b\n", option="out")
    reader.join(timeout=10)
    assert received == ["a,b\n"] and fifo.is_fifo()


def test_a_pipe_as_input_is_not_taken_for_the_output(tmp_path: Path) -> None:
    # /dev/stdin and /dev/stdout can be the same terminal; only regular files are guarded.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert check_file(tmp_path / "p.csv", option="out", inputs=[("DATA", fifo)])
