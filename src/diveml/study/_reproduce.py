"""Plain-Python snippets that redo a study's loading, split and pipeline.

They are what the notebook (study.ipynb) runs, so they must match the study exactly: a test
executes them and checks that the holdout rows and the holdout score come out the same.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from diveml.study._split import Columns

__all__ = ["MAX_COPY_BYTES", "Columns", "HoldoutSpec", "data_copy_name", "load_code", "split_code"]


def load_code(
    source: Any, name: str, table: str | None, sql: str | None, drawn: bool = False
) -> str:
    """Return code defining ``df``, the table as the study read it.

    ``drawn``: the table was too big to load and the study ran on a hash-drawn sample of
    it, saved beside the notebook (``source`` is then that sample).
    """
    import pandas as pd

    if drawn:
        return (
            "import pandas as pd\n\n"
            f"# {name} was too big to load whole: the study ran on the rows it drew by hash\n"
            "# (see study.json, table) and saved them beside this notebook.\n"
            'df = pd.read_parquet("data.parquet")\n'
        )
    if isinstance(source, pd.DataFrame) or type(source).__module__.startswith("polars"):
        return (
            "import pandas as pd\n\n"
            "# The study was given a DataFrame; it saved a copy beside this notebook.\n"
            'df = pd.read_parquet("data.parquet")\n'
        )
    path = Path(str(source))
    if path.suffix == "" and not path.exists():
        return f"from diveml.data import load_dataset\n\ndf = load_dataset({name!r})\n"
    extra = "".join(
        f", {key}={value!r}" for key, value in (("table", table), ("sql", sql)) if value
    )
    local = data_copy_name(path)
    return (
        "from pathlib import Path\n\n"
        "from diveml.data import read_table\n\n"
        "# The study copied the table beside this notebook (when it was small enough), so the\n"
        "# folder runs wherever it is moved; otherwise the table is read where the study found it.\n"
        f"source = Path({local!r}) if Path({local!r}).exists() else Path({str(path.resolve())!r})\n"
        f"df, _ = read_table(source{extra})\n"
    )


# A table file at most this big is copied into the study folder, for the notebook.
MAX_COPY_BYTES = 50_000_000


def data_copy_name(path: Path) -> str:
    """Return the name of the table's copy in the study folder."""
    return f"data{path.suffix.lower()}"


@dataclasses.dataclass(frozen=True)
class HoldoutSpec:
    """How the holdout was locked: the strategy and what it needs."""

    strategy: str
    holdout: float
    seed: int
    group: str | None = None
    time: str | None = None
    time_is_text: bool = False


def split_code(columns: Columns, spec: HoldoutSpec) -> str:
    """Return code turning ``df`` into X_train, X_test, y_train, y_test as the study split it."""
    lines = [*_frame_lines(columns), "", *_split_lines(spec)]
    return "\n".join(lines) + "\n"


def _frame_lines(columns: Columns) -> list[str]:
    """Code making ``X`` and ``y`` of ``df`` as the study prepared them."""
    from diveml.study._features import MAX_TEXT_CHARS

    lines = [
        "import math",
        "",
        "import numpy as np",
        "import pandas as pd",
        "",
        f"target = {columns.target!r}",
        f"numeric_columns = {columns.numeric!r}",
        f"categorical_columns = {columns.categorical!r}",
        "",
        "# Rows without a target cannot be learnt from or scored.",
        "df = df[df[target].notna()].reset_index(drop=True)",
        "# Numbers as floats (infinities become missing values, which the pipeline imputes);",
        "# categories as text, so that a column mixing numbers and words encodes cleanly.",
        "X = pd.DataFrame(index=df.index)",
        "for column in numeric_columns:",
        "    X[column] = df[column].astype(float).replace([np.inf, -np.inf], np.nan)",
        "for column in categorical_columns:",
        "    X[column] = df[column].astype(str).astype(object).where(df[column].notna(), np.nan)",
    ]
    if columns.text:
        lines += [
            f"text_columns = {list(columns.text)!r}",
            f"# Free text as strings: missing text is empty, and texts are cut to {MAX_TEXT_CHARS:,}",
            "# characters so a few huge values cannot dominate the fit time.",
            "for column in text_columns:",
            '    t = df[column].astype(str).astype(object).where(df[column].notna(), "")',
            f"    X[column] = t.str.slice(0, {MAX_TEXT_CHARS}).astype(object)",
        ]
    if columns.dates:
        lines += [
            f"date_columns = {list(columns.dates)!r}",
            "# Dates as datetimes (in UTC, without a time zone); what does not read as a date",
            "# becomes missing. The pipeline turns them into calendar features.",
            "from diveml.study._features import as_dates",
            "",
            "for column in date_columns:",
            "    X[column] = as_dates(df[column])",
        ]
    lines.append("X = X[[c for c in df.columns if c in X.columns]]")
    if columns.task == "regression":
        lines.append("y = df[target].astype(float).replace([np.inf, -np.inf], np.nan)")
    else:
        lines += [
            "y = df[target]",
            "if not (pd.api.types.is_bool_dtype(y) or pd.api.types.is_numeric_dtype(y)):",
            "    y = y.astype(str).astype(object)",
        ]
    return lines


def _split_lines(spec: HoldoutSpec) -> list[str]:
    """Code locking the holdout of ``X`` and ``y`` as the study did (by hash draws)."""
    from diveml.study._draws import draw_key
    from diveml.study._strategies import STRATEGIES

    holdout, seed = spec.holdout, spec.seed
    lines: list[str] = []
    key = draw_key(seed, "holdout")
    lines += [
        "# Rows are drawn by a hash of their values mixed with the seed, not by their order:",
        "# each row's draw is a 64-bit number, and the lowest draws go to the holdout. The same",
        "# table gives the same split however its rows are ordered or partitioned.",
        "row_hash = pd.util.hash_pandas_object(df, index=False).to_numpy(dtype=np.uint64)",
        f"key = np.uint64({key:#x})  # made from seed {seed!r}",
        "draw = pd.util.hash_array(row_hash ^ key)",
        f"holdout = {holdout!r}",
    ]
    lines += STRATEGIES[spec.strategy].code(spec)
    lines += [
        "X_train, X_test = X.iloc[train], X.iloc[test]",
        "y_train, y_test = y.iloc[train], y.iloc[test]",
    ]
    return lines
