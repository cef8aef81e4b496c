"""``check_notebook`` and ``grade_folder``: learner notebooks run headless."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from diveml import __version__
from diveml.exceptions import LessonNotebookError
from diveml.lessons import check_notebook, get_lesson, grade_folder, render, write_grades_csv
from diveml.lessons._runner import NotebookReport

ANSWERS = {
    "first_answer": "answer = 6 * 7",
    "count_rows": "n_flowers = len(flowers.columns)",
    "mean_petal": "mean_petal = petal_lenghts.mean()",
    "to_inches": "def cm_to_inches(cm):\n    return cm / inch",
}


def _learner_notebook(folder: Path, name: str = "mine.ipynb") -> Path:
    notebook = render(get_lesson(0), "starter")
    for cell in notebook.cells:
        if cell.metadata.get("exercise") in ANSWERS:
            cell.source = ANSWERS[cell.metadata["exercise"]]
    path = folder / name
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def learner_report(tmp_path_factory: pytest.TempPathFactory) -> NotebookReport:
    return check_notebook(_learner_notebook(tmp_path_factory.mktemp("learner")))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("exercise", "outcome", "words"),
    [
        ("first_answer", "correct", "six times seven"),
        ("count_rows", "incorrect", "counts the columns"),
        ("mean_petal", "raised", "NameError: name 'petal_lenghts' is not defined"),
        ("long_petals", "not_attempted", "still the placeholder"),
        ("to_inches", "raised", "line 2 in cm_to_inches: return cm / inch"),
    ],
)
def test_check_notebook_reports_every_exercise(
    learner_report: NotebookReport, exercise: str, outcome: str, words: str
) -> None:
    result = {r.exercise: r for r in learner_report.results}[exercise]
    assert result.outcome == outcome
    assert words in result.feedback


@pytest.mark.slow
def test_check_notebook_leaves_the_file_and_progress_alone(
    learner_report: NotebookReport, tmp_path: Path
) -> None:
    from diveml.lessons import read_progress

    path = Path(learner_report.path)
    before = path.read_bytes()
    assert learner_report.correct == 1
    assert path.read_bytes() == before
    assert read_progress() == []


@pytest.mark.slow
def test_grade_folder_reports_each_notebook_and_writes_csv(tmp_path: Path) -> None:
    _learner_notebook(tmp_path, "alice.ipynb")
    (tmp_path / "bob.ipynb").write_text("{}", encoding="utf-8")
    reports = grade_folder(tmp_path)
    assert [Path(r.path).name for r in reports] == ["alice.ipynb", "bob.ipynb"]
    assert reports[0].correct == 1
    assert "is not a readable Jupyter notebook" in reports[1].notes[0]
    rows = list(csv.DictReader(write_grades_csv(reports, tmp_path / "g.csv").open()))
    assert len(rows) == len(get_lesson(0).exercises) + 1
    assert rows[-1]["outcome"] == "unreadable"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alice.ipynb", "bob.ipynb", "g.csv"]


def test_check_notebook_refuses_a_notebook_that_is_not_a_lesson(tmp_path: Path) -> None:
    path = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), path)
    with pytest.raises(LessonNotebookError, match=r"not a diveml lesson notebook.*diveml learn"):
        check_notebook(path)


def test_notebook_from_an_older_version_with_other_exercises_is_refused(tmp_path: Path) -> None:
    notebook = render(get_lesson(0))
    notebook.metadata["diveml"]["version"] = "0.0.1"
    notebook.metadata["diveml"]["exercises"] = ["first_answer", "an_old_exercise"]
    path = tmp_path / "old.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(
        LessonNotebookError,
        match=rf"made by diveml 0\.0\.1 .* this diveml {__version__} .*diveml learn 00-how-this-works",
    ):
        check_notebook(path)


@pytest.mark.parametrize(
    ("name", "words"), [("missing.ipynb", "There is no notebook at"), ("", "is not a folder")]
)
def test_missing_paths_are_named(tmp_path: Path, name: str, words: str) -> None:
    with pytest.raises(LessonNotebookError, match=words):
        if name:
            check_notebook(tmp_path / name)
        else:
            grade_folder(tmp_path / "nope")


def test_notebook_from_an_older_version_with_the_same_exercises_gets_a_note(
    tmp_path: Path,
) -> None:
    from diveml.lessons._runner import _lesson_of

    notebook = render(get_lesson(0))
    notebook.metadata["diveml"]["version"] = "0.0.1"
    lesson, notes = _lesson_of(notebook, tmp_path / "old.ipynb")
    assert lesson.id == "00-how-this-works"
    assert notes == [
        f"made by diveml 0.0.1, checked with {__version__}; the exercises are the same"
    ]


def _notebook_with(folder: Path, name: str, lesson: int, answers: dict[str, str]) -> Path:
    """A solution-mode notebook of ``lesson`` with some exercise cells replaced."""
    notebook = render(get_lesson(lesson), "solution")
    for cell in notebook.cells:
        if cell.metadata.get("exercise") in answers:
            cell.source = answers[cell.metadata["exercise"]]
    path = folder / name
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_one_students_files_never_satisfy_anothers_check(tmp_path: Path) -> None:
    # alice saves her model; bob only names the file. Graded together, in this order,
    # bob must not pass on alice's file, and nothing lands beside the submissions.
    _notebook_with(tmp_path, "a-alice.ipynb", 1, {})
    _notebook_with(tmp_path, "b-bob.ipynb", 1, {"save_model": 'model_file = "digits-model.skops"'})
    alice, bob = grade_folder(tmp_path)
    assert alice.complete
    saved = {r.exercise: r for r in bob.results}["save_model"]
    assert saved.outcome == "incorrect" and "There is no file" in saved.feedback
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-alice.ipynb", "b-bob.ipynb"]


def _kernels_of_this_process() -> list[str]:
    """Command lines of live kernel processes started by this test process."""
    import os

    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and "ipykernel" in cmdline:
            found.append(cmdline)
    return found


@pytest.mark.slow
def test_a_hanging_or_dying_notebook_is_an_outcome_and_the_others_are_graded(
    tmp_path: Path,
) -> None:
    _notebook_with(tmp_path, "a-hangs.ipynb", 0, {"count_rows": "import time\ntime.sleep(120)"})
    _notebook_with(tmp_path, "b-exits.ipynb", 0, {"mean_petal": "import os\nos._exit(3)"})
    _notebook_with(tmp_path, "c-good.ipynb", 0, {})
    hangs, exits, good = grade_folder(tmp_path, timeout=20)
    assert good.complete
    for report, exercise, words in (
        (hangs, "count_rows", "ran longer than the 20 s allowed per cell"),
        (exits, "mean_petal", "ended the Python kernel"),
    ):
        assert report.stopped is not None and words in report.stopped
        results = {r.exercise: r for r in report.results}
        # Checks that ran before the cell keep their outcome; the cell's exercise says why.
        assert results["first_answer"].outcome == "correct"
        assert results[exercise].outcome == "raised"
        assert words in results[exercise].feedback and "cell " in results[exercise].feedback
        assert "Not checked: the run stopped because cell" in results["to_inches"].feedback
    assert _kernels_of_this_process() == []


@pytest.mark.slow
def test_a_notebook_filling_its_folder_with_small_files_is_stopped(tmp_path: Path) -> None:
    # Each file is far below the per-file cap; together they pass the folder cap.
    fill = (
        "import os\nos.makedirs('junk', exist_ok=True)\n"
        "for i in range(400):\n"
        "    with open(f'junk/{i}.bin', 'wb') as out:\n"
        "        out.write(b'x' * 2**18)\n"
        "import time\ntime.sleep(5)"
    )
    _notebook_with(tmp_path, "a-fills.ipynb", 0, {"mean_petal": fill})
    _notebook_with(tmp_path, "b-good.ipynb", 0, {})
    fills, good = grade_folder(tmp_path, timeout=60, folder_limit=20 * 2**20)
    assert good.complete
    assert fills.stopped is not None and "wrote more than 20 MiB into its folder" in fills.stopped
    results = {r.exercise: r for r in fills.results}
    assert results["first_answer"].outcome == "correct"
    assert results["mean_petal"].outcome == "raised"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-fills.ipynb", "b-good.ipynb"]
    assert _kernels_of_this_process() == []


@pytest.mark.parametrize(
    "meta",
    ["00-how-this-works", {"lesson": 0}, {"lesson": "00-how-this-works", "exercises": "a,b"}],
)
def test_diveml_metadata_of_the_wrong_type_is_named(tmp_path: Path, meta: object) -> None:
    notebook = render(get_lesson(0))
    notebook.metadata["diveml"] = meta
    path = tmp_path / "odd.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(LessonNotebookError, match=r"'diveml' metadata entry that diveml cannot"):
        check_notebook(path)


def test_a_notebook_for_a_lesson_this_diveml_lacks_is_named(tmp_path: Path) -> None:
    notebook = render(get_lesson(0))
    notebook.metadata["diveml"]["lesson"] = "77-not-here"
    path = tmp_path / "odd.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(LessonNotebookError, match=r"made for lesson '77-not-here'.*diveml learn"):
        check_notebook(path)


def test_a_plain_notebook_is_graded_as_not_a_lesson(tmp_path: Path) -> None:
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "plain.ipynb")
    (report,) = grade_folder(tmp_path)
    assert report.kind == "not a lesson" and not report.complete
    assert "is a Jupyter notebook, but not a diveml lesson" in report.notes[0]


def test_error_text_hides_kernel_file_names_and_keeps_whole_sentences() -> None:
    from diveml.lessons._check import clean_error

    assert clean_error("invalid syntax (2875804307.py, line 3)") == "invalid syntax (line 3)"
    long = "First sentence is here. " * 20 + "And a last one without end"
    cut = clean_error(long)
    assert cut.endswith("here.") and len(cut) <= 300
