"""Every command that writes where the user says checks the path first, in one message shape.

``predict --out``, ``data export``, ``grade --csv`` and ``study --out``: a folder where a
file is asked, a path under a regular file, a missing folder, an input as the output; and
``study --out`` over a user's own files of artifact names.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diveml.cli import app

from ..conftest import NOT_A_STUDY

pytestmark = pytest.mark.usefixtures("shared_data")

ROWS = "bill_length_mm,bill_depth_mm,species\n39.1,18.7,Adelie\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    for border in "│╭╮╰╯─":
        text = text.replace(border, " ")
    return " ".join(text.split())


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """A model file and a data file (contents never read: the path check comes first)."""
    model = tmp_path / "model.skops"
    model.write_bytes(b"not read")
    data = tmp_path / "new.csv"
    data.write_text(ROWS)
    return model, data


def _refused(code: int, stdout: str, stderr: str, *parts: str) -> None:
    assert code == 1, stdout
    # The panel wraps long paths anywhere, so the words are compared without spaces.
    text = flat(stderr).replace(" ", "")
    for part in parts:
        assert part.replace(" ", "") in text, flat(stderr)
    assert "Traceback" not in stderr + stdout


# --------------------------------------------------------------------------- predict --out


def _spelled(tmp_path: Path, data: Path, how: str) -> str:
    if how == "same":
        return str(data)
    if how == "dot":
        return f"{tmp_path}/./{data.name}"
    if how == "dotdot":
        (tmp_path / "sub").mkdir()
        return f"{tmp_path}/sub/../{data.name}"
    if how == "symlink":
        (tmp_path / "link.csv").symlink_to(data)
        return str(tmp_path / "link.csv")
    os.link(data, tmp_path / "hard.csv")
    return str(tmp_path / "hard.csv")


@pytest.mark.parametrize("how", ["same", "dot", "dotdot", "symlink", "hardlink"])
def test_predict_out_equal_to_the_data_is_refused_and_the_data_kept(
    tmp_path: Path, inputs: tuple[Path, Path], how: str
) -> None:
    model, data = inputs
    out = _spelled(tmp_path, data, how)
    code, stdout, stderr = run("predict", str(model), str(data), "--out", out)
    _refused(code, stdout, stderr, "Cannot write --out", "is the same file as the DATA")
    assert data.read_text() == ROWS


def test_predict_out_relative_to_the_working_folder_is_refused(
    tmp_path: Path, inputs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    model, data = inputs
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run("predict", str(model), str(data), "--out", "new.csv")
    _refused(code, stdout, stderr, "same file as the DATA")
    assert data.read_text() == ROWS


def test_predict_out_equal_to_the_model_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "model.csv"  # a model saved under a .csv name is still an input
    model.write_bytes(b"model bytes")
    code, stdout, stderr = run("predict", str(model), "penguins", "--out", str(model))
    _refused(code, stdout, stderr, "same file as the MODEL")
    assert model.read_bytes() == b"model bytes"


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "it is a folder, and a file name is needed here"),
        ("new.csv/p.csv", "is a file, not a folder, so nothing can be created under it"),
        ("missing/p.csv", "the folder"),
    ],
)
def test_predict_bad_out_paths_are_explained_before_any_work(
    tmp_path: Path, inputs: tuple[Path, Path], out: str, message: str
) -> None:
    (tmp_path / "d.csv").mkdir()
    model, data = inputs
    code, stdout, stderr = run("predict", str(model), str(data), "--out", str(tmp_path / out))
    # The model file is not a model at all: the path was refused before it was opened.
    _refused(code, stdout, stderr, "Cannot write --out", message)


def test_predict_out_of_a_folder_named_like_a_csv(
    tmp_path: Path, inputs: tuple[Path, Path]
) -> None:
    (tmp_path / "d.csv").mkdir()
    model, data = inputs
    code, stdout, stderr = run("predict", str(model), str(data), "--out", str(tmp_path / "d.csv"))
    _refused(code, stdout, stderr, "d.csv': it is a folder")


# --------------------------------------------------------------------------- data export


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("folder.csv", "Cannot write FILE"),
        ("taken.csv/iris.csv", "taken.csv' is a file, not a folder"),
        ("nowhere/iris.csv", "nowhere' does not exist"),
    ],
)
def test_export_bad_paths_are_explained(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "taken.csv").write_text("mine")
    code, stdout, stderr = run("data", "export", "iris", str(tmp_path / target))
    _refused(code, stdout, stderr, message)
    assert (tmp_path / "taken.csv").read_text() == "mine"


def test_export_to_a_folder_says_a_file_is_needed(tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    code, stdout, stderr = run("data", "export", "iris", str(tmp_path / "folder.csv"))
    _refused(code, stdout, stderr, "it is a folder, and a file name is needed here")


def test_export_force_replaces_through_a_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "iris.csv"
    path.write_text("old")
    code, _, stderr = run("data", "export", "iris", str(path), "--force")
    assert code == 0, stderr
    assert path.read_text().startswith("sepal")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iris.csv"]


# --------------------------------------------------------------------------- grade --csv


@pytest.fixture
def no_grading(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record any grading run: a bad --csv must be refused before it."""
    import diveml.lessons

    calls: list[Path] = []
    monkeypatch.setattr(diveml.lessons, "grade_folder", lambda folder, **_: calls.append(folder))
    return calls


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("out", "it is a folder, and a file name is needed here"),
        ("taken.txt/grades.csv", "taken.txt' is a file, not a folder"),
        ("nowhere/grades.csv", "nowhere' does not exist"),
    ],
)
def test_grade_csv_is_checked_before_any_notebook_runs(
    tmp_path: Path, no_grading: list[Path], csv: str, message: str
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "taken.txt").write_text("x")
    submissions = tmp_path / "subs"
    submissions.mkdir()
    code, stdout, stderr = run("grade", str(submissions), "--csv", str(tmp_path / csv))
    _refused(code, stdout, stderr, "Cannot write --csv", message)
    assert no_grading == []


def test_grade_csv_that_is_a_submission_is_refused(tmp_path: Path, no_grading: list[Path]) -> None:
    submissions = tmp_path / "subs"
    submissions.mkdir()
    notebook = submissions / "ana.ipynb"
    notebook.write_text("{}")
    code, stdout, stderr = run("grade", str(submissions), "--csv", str(notebook))
    _refused(code, stdout, stderr, "same file as the input")
    assert notebook.read_text() == "{}" and no_grading == []


# --------------------------------------------------------------------------- study --out


@pytest.mark.parametrize("names", [["report.html"], ["model.skops", "report.md"], ["study.ipynb"]])
def test_study_out_with_the_users_own_artifact_named_files_is_refused(
    tmp_path: Path, names: list[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    for name in names:
        (out / name).write_text("my own work")
    code, stdout, stderr = run("study", "iris", "--target", "species", "--out", str(out))
    quoted = [repr(name) for name in names]
    _refused(code, stdout, stderr, "it already holds ", *quoted, "pass --force to replace them")
    assert all((out / name).read_text() == "my own work" for name in names)


def test_study_out_force_replaces_them(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "report.html").write_text("my own work")
    (out / "notes.txt").write_text("kept")
    code, _, stderr = run(
        "study", "iris", "--target", "species", "--out", str(out), "--budget", "0.01", "--force"
    )
    assert code == 0, stderr
    assert "my own work" not in (out / "report.html").read_text()
    assert (out / "notes.txt").read_text() == "kept"


def test_study_out_holding_the_data_under_an_artifact_name_is_refused_even_with_force(
    tmp_path: Path,
) -> None:
    out = tmp_path / "s"
    out.mkdir()
    data = out / "holdout_predictions.csv"
    data.write_text(ROWS * 3)
    code, stdout, stderr = run(
        "study", str(data), "--target", "species", "--out", str(out), "--force"
    )
    _refused(code, stdout, stderr, "the DATA", "which this command would replace")
    assert data.read_text() == ROWS * 3


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("rows.csv", "it is a file, and a folder is needed here"),
        ("rows.csv/study", "rows.csv' is a file, not a folder"),
    ],
)
def test_study_bad_out_paths_share_the_shape(tmp_path: Path, out: str, message: str) -> None:
    (tmp_path / "rows.csv").write_text(ROWS)
    code, stdout, stderr = run("study", "iris", "--target", "species", "--out", str(tmp_path / out))
    _refused(code, stdout, stderr, "Cannot write --out", message)


def test_study_out_holding_a_study_is_refused_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / NOT_A_STUDY  # the suite checks every study.json it finds otherwise
    out.mkdir()
    (out / "study.json").write_text("{}")
    code, stdout, stderr = run("study", "iris", "--target", "species", "--out", str(out), "--force")
    _refused(code, stdout, stderr, "already holds a study (study.json)")
    assert (out / "study.json").read_text() == "{}"
