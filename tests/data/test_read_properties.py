"""Random files give a table or a DataReadError, never another exception, never a change."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diveml.data import read_table
from diveml.exceptions import DivemlError

_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "1",
        "2.5",
        "",
        " ",
        ",",
        ";",
        "\t",
        "|",
        '"',
        "\n",
        "\r\n",
        "é",
        "\x00",
        "{",
        "}",
        ":",
        "[",
        "]",
    ]
)
_TEXT = st.lists(_PIECES, max_size=60).map("".join)


@pytest.mark.slow
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.one_of(_TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)),
    suffix=st.sampled_from(
        [".csv", ".tsv", ".txt", ".jsonl", ".json", ".parquet", ".xlsx", ".sqlite", ".csv.gz", ""]
    ),
)
def test_random_files_give_a_table_or_a_read_error(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(content)
    before = hashlib.sha256(content).hexdigest()
    try:
        frame, _ = read_table(path)
    except DivemlError:
        pass
    else:
        assert frame.shape[0] > 0 and frame.shape[1] > 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx", ".sqlite", ".csv.gz", ".jsonl", ".csv"])
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_files_give_a_table_or_a_read_error(
    tmp_path: Path, suffix: str, keep: float
) -> None:
    import sqlite3

    import pandas as pd

    frame = pd.DataFrame({"a": range(200), "b": [f"text {i}" for i in range(200)]})
    whole = tmp_path / f"whole{suffix}"
    if suffix == ".parquet":
        frame.to_parquet(whole)
    elif suffix == ".xlsx":
        frame.to_excel(whole, index=False)
    elif suffix == ".sqlite":
        with sqlite3.connect(whole) as connection:
            frame.to_sql("t", connection, index=False)
        connection.close()
    elif suffix == ".jsonl":
        frame.to_json(whole, orient="records", lines=True)
    else:
        frame.to_csv(whole, index=False)
    data = whole.read_bytes()
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(data[: int(len(data) * keep)])
    with contextlib.suppress(DivemlError):
        read_table(cut)
    assert cut.read_bytes() == data[: int(len(data) * keep)]
