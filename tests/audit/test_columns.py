"""Column and row checks: each finding with its message and what happens to the column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diveml.audit import audit, column_type
from diveml.data import load_dataset

from .conftest import codes, finding


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([1.5, 2.5, None], "numeric"),
        ([1, 2, 3], "numeric"),
        ([True, False, True], "boolean"),
        (pd.array([True, None, False], dtype="boolean"), "boolean"),
        (np.array([True, False, None], dtype=object), "boolean"),
        (["red", "blue", "red", "red"], "categorical"),
        (pd.Categorical(["a", "b", "a"]), "categorical"),
        (pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]), "datetime"),
        (["2024-01-31", "2024-02-29", "2023-12-01"], "datetime"),
        (["10/13/1998", "11/3/1998", "1/2/2000"], "datetime"),
        (
            [
                "The quick brown fox jumps over the lazy dog",
                "Another long sentence about nothing at all",
            ],
            "text",
        ),
    ],
)
def test_column_type(values: object, kind: str) -> None:
    assert column_type(pd.Series(values)) == kind


def test_years_and_small_numbers_as_text_are_not_dates() -> None:
    assert column_type(pd.Series(["2007", "2008", "2009", "2007"])) != "datetime"


def test_all_missing_column_is_excluded(table: pd.DataFrame) -> None:
    table["empty"] = np.nan
    result = audit(table, "y")
    warning = finding(result, "all_missing", "empty")
    assert warning.severity == "warning"
    assert "no values at all (all 300 rows are missing)" in warning.message
    assert result.excluded["empty"] == "every value is missing"
    assert "empty" not in result.feature_types


def test_heavily_missing_column_is_warned_and_kept(table: pd.DataFrame) -> None:
    table.loc[table.index[:200], "x2"] = np.nan
    result = audit(table, "y")
    warning = finding(result, "heavy_missing", "x2")
    assert warning.severity == "warning"
    assert "67% missing (200 of 300 rows)" in warning.message
    assert "--drop x2" in warning.fix
    assert "x2" in result.feature_types


def test_some_missing_values_are_an_info(table: pd.DataFrame) -> None:
    table.loc[table.index[:30], "x2"] = np.nan
    assert finding(audit(table, "y"), "missing_values", "x2").severity == "info"


def test_duplicate_rows_are_warned(table: pd.DataFrame) -> None:
    doubled = pd.concat([table, table.head(30)], ignore_index=True)
    warning = finding(audit(doubled, "y"), "duplicate_rows")
    assert warning.severity == "warning"
    assert "30 rows (9%) are exact copies" in warning.message
    assert "drop_duplicates" in warning.fix
    # no column could group these rows, so --group is not offered
    assert "--group" not in warning.fix


def test_duplicate_rows_offer_group_only_with_a_column_that_exists(table: pd.DataFrame) -> None:
    table["user_id"] = [i % 40 for i in range(len(table))]
    doubled = pd.concat([table, table.head(30)], ignore_index=True)
    warning = finding(audit(doubled, "y"), "duplicate_rows")
    assert "with --group user_id" in warning.fix


def test_constant_column_is_excluded(table: pd.DataFrame) -> None:
    table["country"] = "NO"
    result = audit(table, "y")
    assert "same value in every row ('NO')" in finding(result, "constant", "country").message
    assert result.exclusion_codes["country"] == "constant"


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("row", lambda n: np.arange(n)),
        ("customer_id", lambda n: np.random.default_rng(0).permutation(n) + 1000),
        ("ticket", lambda n: [f"TK-{i:06d}" for i in np.random.default_rng(1).permutation(n)]),
        ("PassengerId", lambda n: np.arange(1, n + 1)),
    ],
)
def test_id_like_columns_are_excluded(table: pd.DataFrame, name: str, values: object) -> None:
    table[name] = values(len(table))  # type: ignore[operator]
    result = audit(table, "y")
    warning = finding(result, "id_like", name)
    assert "looks like a row identifier" in warning.message
    assert f"--keep {name}" in warning.fix
    assert name in result.excluded


def test_measurements_unique_per_row_are_not_ids(table: pd.DataFrame) -> None:
    table["income"] = np.random.default_rng(3).integers(10_000, 90_000_000, size=len(table))
    assert "id_like" not in codes(audit(table, "y"), "income")


def test_id_like_column_is_kept_when_named_in_keep(table: pd.DataFrame) -> None:
    table["row"] = np.arange(len(table))
    result = audit(table, "y", keep=["row"])
    assert "row" not in result.excluded
    assert result.feature_types["row"] == "numeric"
    assert (
        "stays a feature because you named it in --keep"
        in finding(result, "id_like", "row").message
    )


def test_text_with_a_unique_value_per_row_on_titanic() -> None:
    result = audit(load_dataset("titanic"), "survived")
    warning = finding(result, "unique_text", "name")
    assert "different text in 100% of its rows" in warning.message
    assert "--drop name" in warning.fix
    assert result.feature_types["name"] == "text"


def test_date_given_as_text_suggests_time(table: pd.DataFrame) -> None:
    table["visited"] = pd.date_range("2020-01-01", periods=len(table), freq="D").strftime(
        "%d/%m/%Y"
    )
    result = audit(table, "y")
    warning = finding(result, "date_as_text", "visited")
    assert "holds dates written as text (e.g. '01/01/2020')" in warning.message
    assert "--time visited" in warning.fix
    assert "the study turns them into calendar features" in warning.message
    assert result.feature_types["visited"] == "datetime"


def test_time_column_is_not_a_feature(table: pd.DataFrame) -> None:
    table["visited"] = pd.date_range("2020-01-01", periods=len(table), freq="D").strftime(
        "%Y-%m-%d"
    )
    result = audit(table, "y", time="visited")
    assert "date_as_text" not in codes(result)
    assert result.exclusion_codes["visited"] == "time_column"


def test_infinite_values_are_warned(table: pd.DataFrame) -> None:
    table.loc[[3, 7], "x2"] = [np.inf, -np.inf]
    warning = finding(audit(table, "y"), "infinite_values", "x2")
    assert "2 infinite value(s)" in warning.message
    assert "replace([np.inf, -np.inf], np.nan)" in warning.fix


def test_mixed_python_types_are_warned(table: pd.DataFrame) -> None:
    table["code"] = pd.Series([1, "a", 2.5] * 100, dtype=object)
    warning = finding(audit(table, "y"), "mixed_types", "code")
    assert "mixes kinds of values" in warning.message
    assert "100 number" not in warning.message  # 200 numbers, 100 texts
    assert "200 number, 100 text" in warning.message


def test_numbers_with_placeholder_text_are_warned(table: pd.DataFrame) -> None:
    values = [str(round(v, 2)) for v in table["x2"]]
    values[::10] = ["?"] * len(values[::10])
    table["x2"] = values
    warning = finding(audit(table, "y"), "mixed_types", "x2")
    assert "holds numbers, except 30 of 300 sampled values such as '?'" in warning.message
    assert "na_values=['?']" in warning.fix


def test_read_notes_become_info_findings(tmp_path: object, table: pd.DataFrame) -> None:
    from pathlib import Path

    from diveml.data import read_table

    path = Path(str(tmp_path)) / "t.csv"
    table.to_csv(path, sep=";", index=False)
    frame, _ = read_table(path)
    note = finding(audit(frame, "y"), "read_note")
    assert "semicolon delimiter ';'" in note.message


def test_many_hits_are_summarised_in_one_finding() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({f"empty_{i}": np.nan for i in range(30)}, index=range(100))
    frame["x"] = rng.normal(size=100)
    frame["y"] = rng.choice(["a", "b"], size=100)
    result = audit(frame, "y")
    summary = [f for f in result.findings if f.code == "all_missing"]
    assert len(summary) == 1
    assert summary[0].column is None
    assert summary[0].message.startswith("30 columns: have no values at all")
    assert len([c for c in result.excluded if c.startswith("empty_")]) == 30


def test_a_column_of_1mb_strings_is_noted_and_cut_for_the_models() -> None:
    from diveml.study._features import as_text_feature

    rng = np.random.default_rng(0)
    texts = ["".join(rng.choice(list("abc def"), 50)) + f" {i}" for i in range(40)]
    texts[3] = "x" * 1_000_000
    frame = pd.DataFrame({"body": texts, "y": [0, 1] * 20})
    note = finding(audit(frame, "y"), "long_text", "body")
    assert "holds texts of up to 1,000,000 characters (1 longer than 10,000)" in note.message
    assert "the models read the first 10,000 characters" in note.message
    assert len(as_text_feature(frame["body"]).iloc[3]) == 10_000


def test_a_column_mixing_dates_and_text_names_the_odd_values() -> None:
    days = pd.date_range("2021-01-01", periods=60, freq="D").strftime("%Y-%m-%d").tolist()
    days[5] = days[9] = "unknown"
    frame = pd.DataFrame({"day": days, "y": [0, 1] * 30})
    result = audit(frame, "y")
    assert result.feature_types["day"] == "datetime"
    warning = finding(result, "date_as_text", "day")
    assert "except 2 value(s) that are not dates ('unknown'), which are treated as missing" in (
        warning.message
    )
