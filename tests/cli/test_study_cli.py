"""``diveml study``, ``diveml predict`` and ``diveml studies`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from diveml.cli import app

pytestmark = pytest.mark.usefixtures("shared_data")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    """The text of a Rich panel, borders removed and lines joined."""
    for border in "│╭╮╰╯─":
        text = text.replace(border, " ")
    return " ".join(text.split())


def test_study_predict_and_studies(tmp_path: Path) -> None:
    out = tmp_path / "titanic"
    code, stdout, stderr = run(
        "study", "titanic", "--target", "survived", "--budget", "0.01", "--out", str(out)
    )
    assert code == 0, stderr
    assert "Report:" in stdout and str(out) in stdout.replace("\n", "")
    assert "Holdout roc_auc" in stdout
    assert (out / "study.json").is_file()

    code, stdout, _ = run("studies")
    assert code == 0 and "titanic-" in stdout and "complete" in stdout
    study_id = next(w for w in stdout.split() if w.startswith("titanic-"))

    code, stdout, _ = run("studies", "show", study_id)
    assert code == 0 and "linear" in stdout and "Holdout" in stdout

    predictions = tmp_path / "predictions.csv"
    code, stdout, stderr = run(
        "predict", str(out / "model.skops"), "titanic", "--out", str(predictions)
    )
    assert code == 0, stderr
    assert "Wrote 1,313 predictions" in stdout
    columns = list(pd.read_csv(predictions).columns)
    assert columns[:3] == ["prediction", "proba_0", "proba_1"]
    # Rows whose values the fitted rows never had (a rare cabin deck, say) are flagged in an
    # `unseen` column, and the terminal says why; which rows those are depends on the draw.
    assert columns[3:] in ([], ["unseen"])
    if columns[3:]:
        assert "never seen in training" in flat(stdout) or "outside the training range" in flat(
            stdout
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--holdout", "1.5"], "--holdout 1.5 is not a fraction between 0 and 1"),
        (["--folds", "1"], "--folds 1 is not a whole number from 2 to 20"),
        (["--budget", "1e306"], "--budget 1e+306 is more than a study can honour"),
        (["--metric", "roc_acu"], "Did you mean 'roc_auc'"),
        (["--task", "multiclass"], "--task multiclass needs a target with 3 or more values"),
        (["--group", "cabin"], "--group 'cabin' is not a column"),
        (["--time", "when"], "--time 'when' is not a column"),
        (["--seed", "-3"], "--seed -3 is not a whole number"),
    ],
)
def test_study_bad_options_give_a_message_not_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, stdout, stderr = run(
        "study", "titanic", "--target", "survived", "--out", str(tmp_path / "s"), *args
    )
    assert code == 1
    assert message in flat(stderr)
    assert "Traceback" not in stderr + stdout


def test_study_target_typo(tmp_path: Path) -> None:
    code, _, stderr = run("study", "titanic", "--target", "Survived", "--out", str(tmp_path))
    assert code == 1
    assert "Did you mean 'survived'?" in flat(stderr)


def test_studies_show_unknown_id() -> None:
    code, _, stderr = run("studies", "show", "nope")
    assert code == 1
    assert "There is no study 'nope' in the ledger" in flat(stderr)


def test_studies_empty_ledger() -> None:
    code, stdout, _ = run("studies")
    assert code == 0 and "No studies yet" in stdout


def test_predict_missing_model(tmp_path: Path) -> None:
    code, _, stderr = run(
        "predict", str(tmp_path / "m.skops"), "titanic", "--out", str(tmp_path / "p.csv")
    )
    assert code == 1 and "does not exist" in stderr


def test_study_of_a_catalog_name_defaults_to_its_target_and_prints_the_audit(
    tmp_path: Path,
) -> None:
    code, stdout, stderr = run("study", "titanic", "--budget", "0.01", "--out", str(tmp_path / "s"))
    assert code == 0, stderr
    assert "Predicting 'survived', the default target of 'titanic'" in stdout
    # The audit is summed up before any score; titanic's unique names are now an info
    # finding (they are modelled as free text), so no warning is left to print.
    text = flat(stdout)
    assert "Audit: no warnings" in text
    assert text.index("Audit: no warnings") < text.index("Holdout roc_auc")


def test_study_of_a_file_without_target_asks_for_one(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    code, _, stderr = run("study", str(path))
    assert code == 1
    assert "Say which column of" in flat(stderr) and "--target COLUMN" in flat(stderr)


def test_error_not_about_an_option_has_no_help_pointer(tmp_path: Path) -> None:
    code, _, stderr = run("study", str(tmp_path / "missing.csv"), "--target", "y")
    assert code == 1
    assert "--help" not in stderr


def test_study_with_test_writes_a_submission_and_says_it_is_not_scored(tmp_path: Path) -> None:
    from tests.conftest import shared_data_dir

    folder = shared_data_dir()
    assert folder is not None
    out = tmp_path / "kaggle"
    code, stdout, stderr = run(
        "study",
        str(folder / "titanic" / "train.csv"),
        "--target",
        "Survived",
        "--test",
        str(folder / "titanic" / "test.csv"),
        "--id",
        "PassengerId",
        "--budget",
        "0.01",
        "--out",
        str(out),
    )
    assert code == 0, stderr
    text = flat(stdout)
    assert "submission.csv (418 rows; columns PassengerId, Survived)" in text
    assert "The TEST rows have no labels, so no score comes from them" in text
    assert list(pd.read_csv(out / "submission.csv").columns) == ["PassengerId", "Survived"]


def test_predict_prints_unseen_categories(tmp_path: Path) -> None:
    out = tmp_path / "s"
    code, _, stderr = run("study", "penguins", "--budget", "0.01", "--out", str(out))
    assert code == 0, stderr
    rows = pd.DataFrame(
        {
            "island": ["Atlantis", "Biscoe"],
            "bill_length_mm": [40.0, 41.0],
            "bill_depth_mm": [18.0, 17.0],
            "flipper_length_mm": [190.0, 9000.0],
            "body_mass_g": [3800.0, 3900.0],
            "sex": ["male", "female"],
            "year": [2008, 2008],
            "tag": ["a", "b"],
        }
    )
    data = tmp_path / "new.csv"
    rows.to_csv(data, index=False)
    code, stdout, stderr = run(
        "predict",
        str(out / "model.skops"),
        str(data),
        "--out",
        str(tmp_path / "p.csv"),
        "--id",
        "tag",
    )
    assert code == 0, stderr
    text = flat(stdout)
    assert "Column 'island': 1 row(s) hold values never seen in training ('Atlantis')" in text
    assert "Column 'flipper_length_mm': 1 row(s) are far outside the training range" in text
    written = pd.read_csv(tmp_path / "p.csv")
    assert written.columns[0] == "tag" and "unseen" in written.columns


def test_schema_prints_the_study_json_schema() -> None:
    import json

    from diveml.study import json_schema

    code, stdout, _ = run("schema", "study")
    assert code == 0
    assert json.loads(stdout) == json_schema()
    code, stdout, _ = run("schema", "study", "--markdown")
    assert code == 0 and stdout.startswith("# study.json, field by field")


def test_studies_show_names_a_study_json_of_another_shape(tmp_path: Path) -> None:
    out = tmp_path / "not-a-study"
    code, _, stderr = run("study", "titanic", "--budget", "0.01", "--out", str(out))
    assert code == 0, stderr
    code, stdout, _ = run("studies")
    study_id = next(w for w in stdout.split() if w.startswith("titanic-"))
    (out / "study.json").write_text('{"format": "diveml-study", "format_version": 7}')
    code, stdout, stderr = run("studies", "show", study_id)
    assert code == 1
    assert study_id in stdout  # the ledger entry is still shown
    assert "format version 7; this diveml reads version 1" in flat(stderr)
    assert "upgrade diveml" in flat(stderr)


def test_studies_latest_prints_the_newest_folder_for_other_commands(tmp_path: Path) -> None:
    code, _, stderr = run("studies", "--latest")
    assert code == 1 and "no complete study" in flat(stderr)
    for name in ("first", "second"):
        code, _, stderr = run("study", "iris", "--budget", "0.01", "--out", str(tmp_path / name))
        assert code == 0, stderr
    code, stdout, _ = run("studies", "--latest", "--data", "iris")
    assert code == 0 and stdout.strip() == str((tmp_path / "second").resolve())
    code, _, stderr = run("studies", "--latest", "--data", "penguins")
    assert code == 1 and "no complete study of 'penguins'" in flat(stderr)
    predictions = tmp_path / "p.csv"
    code, _, stderr = run(
        "predict", f"{stdout.strip()}/model.skops", "iris", "--out", str(predictions)
    )
    assert code == 0, stderr


def test_studies_is_readable_at_80_columns(tmp_path: Path) -> None:
    code, _, stderr = run("study", "penguins", "--budget", "0.01", "--out", str(tmp_path / "p"))
    assert code == 0, stderr
    result = CliRunner().invoke(app, ["studies"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.stdout  # nothing cut short
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
