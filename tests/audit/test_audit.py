"""audit(): options, the result's shape, determinism and wide tables."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import diveml.audit
from diveml.audit import AuditResult, Finding, audit
from diveml.data import load_dataset
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError

from .conftest import codes, finding


def test_public_names_are_sorted_and_importable() -> None:
    # ruff's order (RUF022): CONSTANTS, then Classes, then functions, each alphabetical
    names = diveml.audit.__all__
    assert names == sorted(names, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in diveml.audit.__all__:
        assert hasattr(diveml.audit, name)


def test_result_to_dict_is_plain_json(table: pd.DataFrame) -> None:
    table["row"] = np.arange(len(table))
    result = audit(table, "y")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["task"] == "binary"
    assert data["excluded"] == {"row": "looks like a row identifier"}
    assert data["exclusions"] == [
        {"column": "row", "code": "id_like", "reason": "looks like a row identifier"}
    ]
    assert data["feature_types"] == {"x1": "numeric", "x2": "numeric", "colour": "categorical"}
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "column", "message", "fix"}
    assert first["severity"] in {"info", "warning", "error"}


def test_findings_are_ordered_most_severe_first() -> None:
    frame = load_dataset("titanic")
    frame["leak"] = frame["survived"].map({0: "died", 1: "lived"})
    result = audit(frame, "survived")
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity] for f in result.findings]
    assert ranks == sorted(ranks)
    assert result.findings[0] == Finding(
        result.findings[0].code, "error", "leak", result.findings[0].message, result.findings[0].fix
    )


def test_same_table_and_seed_give_the_same_audit() -> None:
    frame = load_dataset("penguins")
    first, second = audit(frame, "species", seed=3), audit(frame, "species", seed=3)
    assert first.to_dict() == second.to_dict()


def test_audit_does_not_change_the_frame() -> None:
    frame = load_dataset("titanic")
    before = frame.copy()
    audit(frame, "survived", drop=["name"])
    pd.testing.assert_frame_equal(frame, before)


def test_drop_removes_columns(table: pd.DataFrame) -> None:
    result = audit(table, "y", drop=["x2", "colour"])
    assert list(result.feature_types) == ["x1"]
    assert result.excluded == {"x2": "named in --drop", "colour": "named in --drop"}
    assert (
        "Left out because you passed --drop: 'x2', 'colour'." in finding(result, "dropped").message
    )


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"drop": ["colur"]},
            ColumnNotFoundError,
            r"The --drop column 'colur' is not a column of this table\. Did you mean 'colour'\?",
        ),
        (
            {"keep": ["X1"]},
            ColumnNotFoundError,
            r"The --keep column 'X1' is not a column.*Did you mean 'x1'\?",
        ),
        (
            {"group": "colr"},
            ColumnNotFoundError,
            r"The --group column 'colr' .*Did you mean 'colour'\?",
        ),
        (
            {"time": "when"},
            ColumnNotFoundError,
            r"The --time column 'when' is not a column.*The columns are: 'x1', 'x2', 'colour', 'y'",
        ),
        (
            {"drop": ["y"]},
            InvalidOptionError,
            r"--drop 'y' names the target.*Remove 'y' from --drop",
        ),
        (
            {"keep": ["x1"], "drop": ["x1"]},
            InvalidOptionError,
            r"'x1' is named in both --keep and --drop",
        ),
        ({"group": "y"}, InvalidOptionError, r"--group y is the target"),
        (
            {"time": "colour"},
            InvalidOptionError,
            r"--time colour must hold dates or numbers.*pandas\.to_datetime",
        ),
        ({"folds": 1}, InvalidOptionError, r"--folds 1 is too few.*--folds 5"),
    ],
)
def test_bad_options_are_refused(
    table: pd.DataFrame, options: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        audit(table, "y", **options)  # type: ignore[arg-type]


def test_keep_overrides_an_exclusion(table: pd.DataFrame) -> None:
    table["constant"] = 1
    assert "constant" in audit(table, "y").excluded
    result = audit(table, "y", keep=["constant"])
    assert "constant" not in result.excluded
    assert "constant" in result.feature_types


def test_group_column_is_not_a_feature(table: pd.DataFrame) -> None:
    table["family"] = np.repeat(np.arange(60), 5)
    result = audit(table, "y", group="family")
    assert result.exclusion_codes["family"] == "group_column"
    assert "family" not in result.feature_types
    assert "family" in audit(table, "y", group="family", keep=["family"]).feature_types


@pytest.mark.slow
def test_ten_thousand_columns_are_audited() -> None:
    rng = np.random.default_rng(0)
    rows, columns = 300, 10_000
    frame = pd.DataFrame(
        rng.normal(size=(rows, columns)), columns=[f"f{i}" for i in range(columns)]
    )
    frame["f17"] = np.nan
    frame["leak"] = np.arange(rows) % 2 * 5.0 + rng.normal(0, 0.1, rows)
    frame["y"] = np.where(np.arange(rows) % 2 == 1, "a", "b")
    result = audit(frame, "y")
    assert isinstance(result, AuditResult)
    assert "leak" in result.excluded
    assert "f17" in result.excluded
    assert "wide_table" in codes(result)
    assert "more_columns_than_rows" in codes(result)
    assert len(result.feature_types) == columns - 1


def test_nested_values_are_audited_as_text() -> None:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "nested": [{"a": i % 3} for i in range(100)],
            "pair": [[i % 2, 1] for i in range(100)],
            "x": rng.normal(size=100),
            "y": rng.choice(["a", "b"], 100),
        }
    )
    result = audit(frame, "y")
    assert result.feature_types["nested"] == "categorical"
    assert isinstance(frame.loc[0, "pair"], list)  # the caller's frame is unchanged


def test_every_finding_code_in_the_source_is_listed_in_checks() -> None:
    import re
    from pathlib import Path

    from diveml.audit import CHECKS

    source = "\n".join(p.read_text() for p in Path(diveml.audit.__file__).parent.glob("_*.py"))
    emitted = set(re.findall(r'(?:ctx\.add(?:_each)?\(|Finding\()\s*"([a-z_]+)"', source))
    emitted |= {"date_as_text", "date_column", "group_column", "time_column"}
    assert emitted <= set(CHECKS), emitted - set(CHECKS)
    assert len(emitted) > 20


def test_frame_with_duplicate_or_numeric_names_passed_directly() -> None:
    from diveml.exceptions import DataReadError

    rng = np.random.default_rng(0)
    frame = pd.DataFrame(rng.normal(size=(50, 2)))
    frame["y"] = rng.choice(["a", "b"], 50)
    assert set(audit(frame, "y").feature_types) == {"0", "1"}
    with pytest.raises(DataReadError, match=r"duplicate column names: 'x' \(2 times\)"):
        audit(pd.DataFrame([[1, 2, "a"]] * 20, columns=["x", "x", "y"]), "y")


def test_group_with_too_few_groups_is_refused(table: pd.DataFrame) -> None:
    table["site"] = np.resize(["north", "south", "east"], len(table))
    with pytest.raises(
        InvalidOptionError,
        match=r"--group site has only 3 distinct value\(s\); a grouped split needs at least 6.*--folds 2",
    ):
        audit(table, "y", group="site")
    assert audit(table, "y", group="site", folds=2).exclusion_codes["site"] == "group_column"
