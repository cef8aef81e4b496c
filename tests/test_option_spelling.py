"""The core writes options as tokens; each front end reads its own spelling.

A Python caller reads ``drop=['x2']``, a command-line user ``--drop x2``, for the same
finding or error: the audit, the readers, the output checks and the submission checks
never write a flag themselves. Each case is run under both fronts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diveml.audit import audit
from diveml.data import read_table
from diveml.exceptions import DivemlError, InvalidOptionError, option, speaking, spell
from diveml.outputs import check_file, check_folder
from diveml.study._submission import check_ids, check_test


def _table() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 200
    x2 = rng.normal(size=n)
    x2[: n // 2 + 30] = np.nan  # heavily missing: the fix says how to drop it
    return pd.DataFrame(
        {
            "x1": rng.normal(size=n),
            "x2": x2,
            "row": np.arange(n),  # an identifier: the fix says how to keep it
            "y": rng.choice(["a", "b"], size=n),
        }
    )


def _fixes() -> str:
    return " ".join(f.fix + " " + f.message for f in audit(_table(), "y").findings)


@pytest.mark.parametrize(
    ("front", "expected", "absent"),
    [
        ("python", ["drop=['x2']", "keep=['row']"], "--"),
        ("cli", ["--drop x2", "--keep row"], "drop=["),
    ],
)
def test_audit_findings_are_spelled_for_the_front_that_asked(
    front: str, expected: list[str], absent: str
) -> None:
    with speaking(front):  # type: ignore[arg-type]
        text = _fixes()
    for words in expected:
        assert words in text
    assert absent not in text and "«" not in text


def _too_few_folds() -> None:
    audit(_table(), "y", folds=1)


def _bad_decimal(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    read_table(path, decimal="x")


def _existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("x\n", encoding="utf-8")
    check_file(path, option="out", overwrite=False)


def _folder_with_artifacts(tmp_path: Path) -> None:
    (tmp_path / "report.html").write_text("mine", encoding="utf-8")
    check_folder(tmp_path, option="out", writes=["report.html"])


def _repeated_ids(tmp_path: Path) -> None:
    check_ids(pd.DataFrame({"key": [1, 1, 2]}), ["key"], "test.csv")


def _test_without_ids(tmp_path: Path) -> None:
    check_test(["x", "y"], pd.DataFrame({"x": [1]}), "test.csv", "y", [], proba=False, task=None)


def _csv(tmp_path: Path, text: str = "a,b\n1,2\n") -> Path:
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _decimal_is_sep(tmp_path: Path) -> None:
    read_table(_csv(tmp_path), sep=",", decimal=",")


def _decimal_is_the_sniffed_delimiter(tmp_path: Path) -> None:
    read_table(_csv(tmp_path), decimal=",")


def _decimal_is_thousands(tmp_path: Path) -> None:
    read_table(_csv(tmp_path), decimal=",", thousands=",")


def _unknown_encoding(tmp_path: Path) -> None:
    read_table(_csv(tmp_path), encoding="klingon")


def _text_options_on_a_dataframe(tmp_path: Path) -> None:
    read_table(pd.DataFrame({"a": [1]}), sep=";", decimal=",")


def _proba_on_a_regression(tmp_path: Path) -> None:
    check_test(
        ["x", "y"], pd.DataFrame({"x": [1]}), "test.csv", "y", ["x"], proba=True, task="regression"
    )


def _id_not_in_test(tmp_path: Path) -> None:
    check_ids(pd.DataFrame({"x": [1]}), ["key"], "test.csv")


def _wrong_target(tmp_path: Path) -> None:
    from diveml.chooser import choose

    path = tmp_path / "t.csv"
    pd.DataFrame({"price": [1, 2], "size": [3, 4]}).to_csv(path, index=False)
    choose(str(path), target="prise")


CASES: list[tuple[Callable[..., None], str, str]] = [
    (lambda tmp: _too_few_folds(), "folds=1 is too few", "--folds 1 is too few"),
    (_bad_decimal, "decimal='x' is not a decimal mark", "--decimal x is not a decimal mark"),
    (_existing_file, "Choose another name, or pass force=True", "or pass --force to replace"),
    (_existing_file, "Cannot write out '", "Cannot write --out '"),
    (_folder_with_artifacts, "or pass force=True to replace them", "or pass --force to replace"),
    (_repeated_ids, "ids=['key'] does not identify", "--id key does not identify"),
    (_test_without_ids, "test needs ids=['COLUMN']", "--test needs --id COLUMN"),
    (
        _decimal_is_sep,
        "decimal=',' is the same character as sep=','",
        "--decimal ',' is the same character as --sep ','",
    ),
    (
        _decimal_is_the_sniffed_delimiter,
        "decimal=',' is the delimiter that splits the columns",
        "--decimal ',' is the delimiter that splits the columns",
    ),
    (_decimal_is_the_sniffed_delimiter, "Pass sep with", "Pass --sep with"),
    (
        _decimal_is_thousands,
        "decimal=',' is the same character as thousands=','",
        "--decimal ',' is the same character as --thousands ','",
    ),
    (
        _unknown_encoding,
        "encoding='klingon' is not an encoding",
        "--encoding klingon is not an encoding",
    ),
    (
        _text_options_on_a_dataframe,
        "sep, decimal only apply to a text table file",
        "--sep, --decimal only apply to a text table file",
    ),
    (_proba_on_a_regression, "Leave proba out.", "Leave --proba out."),
    (_id_not_in_test, "The ids column of 'test.csv'", "The --id column of 'test.csv'"),
    (_wrong_target, "The target 'prise' is not a column", "The --target 'prise' is not a column"),
]


@pytest.mark.parametrize(
    ("front", "expected"), [("python", "pass target='COLUMN'"), ("cli", "pass --target COLUMN")]
)
def test_the_chooser_asks_for_a_target_in_the_front_ends_spelling(
    front: str, expected: str, tmp_path: Path
) -> None:
    from diveml.chooser import choose

    path = tmp_path / "t.csv"
    pd.DataFrame({"a": range(40), "b": [i % 3 for i in range(40)]}).to_csv(path, index=False)
    with speaking(front):  # type: ignore[arg-type]
        notes = " ".join(choose(str(path)).notes)
    assert expected in notes and "«" not in notes


@pytest.mark.parametrize(("make", "python", "cli"), CASES)
def test_errors_read_each_front_ends_spelling(
    make: Callable[[Path], None], python: str, cli: str, tmp_path: Path
) -> None:
    with pytest.raises(DivemlError) as caught:
        make(tmp_path)
    assert python in str(caught.value)
    assert cli in caught.value.render("cli")
    assert "«" not in str(caught.value) and "«" not in caught.value.render("cli")


def test_an_error_made_under_the_cli_reads_as_the_cli_everywhere(tmp_path: Path) -> None:
    # str() of an error follows the front being served, so a message embedded in another
    # (a grading outcome, a log line) reads the same as the panel.
    with speaking("cli"), pytest.raises(InvalidOptionError) as caught:
        _too_few_folds()
    with speaking("cli"):
        assert "--folds 1 is too few" in str(caught.value)
    assert "folds=1 is too few" in str(caught.value)


@pytest.mark.parametrize(
    ("token", "python", "cli"),
    [
        (option("ids", ["PassengerId"]), "ids=['PassengerId']", "--id PassengerId"),
        (option("decimal", ","), "decimal=','", "--decimal ','"),
        (option("sep", "\t"), "sep='\\t'", "--sep '\\t'"),
        (option("force", True), "force=True", "--force"),
        (option("drop", ["a b", "c"]), "drop=['a b', 'c']", "--drop 'a b' --drop c"),
        (option("keep", bare=True), "keep", "--keep"),
    ],
)
def test_a_token_reads_as_python_or_as_a_flag(token: str, python: str, cli: str) -> None:
    assert spell(token, "python") == python
    assert spell(token, "cli") == cli


@pytest.mark.parametrize(
    ("front", "expected", "absent"),
    [
        ("python", "to say it explicitly, decimal=','", "--"),
        ("cli", "explicitly, --decimal ','", "decimal="),
    ],
)
def test_the_note_on_a_detected_decimal_comma_is_spelled_for_the_front(
    front: str, expected: str, absent: str, tmp_path: Path
) -> None:
    from diveml.data._read import READ_NOTES_KEY

    path = tmp_path / "prices.csv"
    path.write_text("item;price\na;2531,47\nb;12,5\nc;3,75\n", encoding="utf-8")
    with speaking(front):  # type: ignore[arg-type]
        frame, _ = read_table(path)
    notes = " ".join(frame.attrs[READ_NOTES_KEY]["notes"])
    assert frame["price"].tolist() == [2531.47, 12.5, 3.75]
    assert expected in notes and "«" not in notes
    assert absent not in notes.split("If that is wrong")[1]
