"""The error hierarchy and its wording helpers."""

from __future__ import annotations

import pytest

from diveml.exceptions import (
    ColumnNotFoundError,
    DatasetNotFoundError,
    DivemlError,
    MissingExtraError,
    did_you_mean,
)


@pytest.mark.parametrize(
    ("value", "choices", "expected"),
    [
        ("survived", ["Survived", "Age"], " Did you mean 'Survived'?"),
        ("titanc", ["titanic", "iris"], " Did you mean 'titanic'?"),
        ("zzz", ["titanic", "iris"], ""),
    ],
)
def test_did_you_mean_suggests_near_names_ignoring_case(
    value: str, choices: list[str], expected: str
) -> None:
    assert did_you_mean(value, choices) == expected


def test_column_not_found_names_column_suggests_and_lists() -> None:
    error = ColumnNotFoundError("survivd", ["Survived", "Age"], option="--target")
    assert isinstance(error, KeyError) and isinstance(error, DivemlError)
    assert str(error) == (
        "The --target 'survivd' is not a column of this table. Did you mean 'Survived'? "
        "The columns are: 'Survived', 'Age'."
    )


def test_column_not_found_shortens_long_column_lists() -> None:
    error = ColumnNotFoundError("x", [f"c{i}" for i in range(30)])
    assert str(error).endswith("'c19' (and 10 more).")


def test_dataset_not_found_message_is_not_quoted_like_a_keyerror() -> None:
    error = DatasetNotFoundError("pengiuns", ["penguins", "iris"])
    assert str(error).startswith("There is no dataset called 'pengiuns'. Did you mean 'penguins'?")


def test_missing_extra_gives_the_install_line() -> None:
    error = MissingExtraError("dask", "dask", "A study on Dask")
    assert isinstance(error, ImportError)
    assert "pip install 'diveml[dask]'" in str(error)


def test_a_diveml_error_shows_in_a_notebook_as_its_message_alone() -> None:
    from diveml.exceptions import DatasetUnavailableError

    try:
        try:
            raise OSError("network unreachable")
        except OSError as cause:
            raise DatasetUnavailableError("Run `diveml data fetch iris_dirty`.") from cause
    except DatasetUnavailableError as exc:
        shown = exc._render_traceback_()
    assert shown == ["DatasetUnavailableError: Run `diveml data fetch iris_dirty`."]
