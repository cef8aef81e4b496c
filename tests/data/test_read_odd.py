"""Valid but unusual inputs: piped data read once, decimal columns, queries that return no table."""

from __future__ import annotations

import decimal
import gzip
import io
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diveml.data import read_table
from diveml.exceptions import DataReadError, InvalidOptionError

FRAME = pd.DataFrame({"x": np.arange(400) * 0.5, "c": ["a", "b"] * 200, "y": [0, 1] * 200})


@contextmanager
def piped(data: bytes) -> Iterator[str]:
    """Yield a /dev/fd path of a pipe fed ``data``: readable once, like `<(cat file)`."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        with os.fdopen(write_end, "wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        yield f"/dev/fd/{read_end}"
    finally:
        writer.join(timeout=10)
        os.close(read_end)


def _csv() -> bytes:
    # Larger than the 256 KiB the reader sniffs first, so a second read would miss rows.
    big = pd.concat([FRAME] * 100, ignore_index=True)
    return big.to_csv(index=False).encode()


def _bytes_of(writer: str) -> bytes:
    buffer = io.BytesIO()
    if writer == "parquet":
        FRAME.to_parquet(buffer, index=False)
    elif writer == "jsonl":
        buffer.write(FRAME.to_json(orient="records", lines=True).encode())
    elif writer == "tsv":
        buffer.write(FRAME.to_csv(index=False, sep="\t").encode())
    elif writer == "csv.gz":
        buffer.write(gzip.compress(FRAME.to_csv(index=False).encode()))
    elif writer == "xlsx":
        FRAME.to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_a_piped_csv_larger_than_the_sniffed_head_is_read_whole() -> None:
    data = _csv()
    assert len(data) > 256 * 1024
    with piped(data) as path:
        frame, _ = read_table(path)
    assert frame.shape == (len(FRAME) * 100, 3)
    assert list(frame.columns) == ["x", "c", "y"]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
@pytest.mark.parametrize("kind", ["parquet", "jsonl", "tsv", "csv.gz", "xlsx"])
def test_every_format_can_come_through_a_pipe(kind: str) -> None:
    with piped(_bytes_of(kind)) as path:
        frame, _ = read_table(path)
    assert frame.shape == FRAME.shape
    assert frame["y"].tolist() == FRAME["y"].tolist()


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_a_piped_sqlite_database_is_read_in_memory(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with sqlite3.connect(db) as connection:
        FRAME.to_sql("rows", connection, index=False)
    with piped(db.read_bytes()) as path:
        frame, _ = read_table(path)
    assert frame.shape == FRAME.shape


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_an_empty_pipe_says_the_input_is_empty() -> None:
    with (
        piped(b"") as path,
        pytest.raises(DataReadError, match=r"is empty \(0 bytes\)"),
    ):
        read_table(path)


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_a_broken_piped_gzip_is_explained() -> None:
    with (
        piped(gzip.compress(b"a,b\n1,2\n")[:12]) as path,
        pytest.raises(DataReadError, match=r"starts like gzip data but could not be decompressed"),
    ):
        read_table(path)


# --------------------------------------------------------------------------- decimals


def _decimal_parquet(path: Path, with_missing: bool = False) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    prices = [decimal.Decimal(f"{100 + i}.{i % 100:02d}") for i in range(300)]
    if with_missing:
        prices[3] = None  # type: ignore[call-overload]
    table = pa.table(
        {
            "price": pa.array(prices, pa.decimal128(10, 2)),
            "tax": pa.array([decimal.Decimal("0.20")] * 300, pa.decimal128(4, 2)),
            "label": ["a", "b", "c"] * 100,
        }
    )
    pq.write_table(table, path)
    return path


@pytest.mark.parametrize("with_missing", [False, True])
def test_parquet_decimal_columns_are_read_as_numbers(tmp_path: Path, with_missing: bool) -> None:
    frame, _ = read_table(_decimal_parquet(tmp_path / "money.parquet", with_missing))
    assert frame["price"].dtype == "float64" and frame["tax"].dtype == "float64"
    assert frame["price"].iloc[1] == pytest.approx(101.01)
    assert frame["price"].isna().sum() == int(with_missing)
    notes = frame.attrs["diveml_read"]["notes"]
    assert any("decimal column(s) 'price', 'tax' were read as numbers" in n for n in notes)


def test_a_decimal_target_is_a_regression(tmp_path: Path) -> None:
    from diveml.audit import audit

    frame, _ = read_table(_decimal_parquet(tmp_path / "money.parquet"))
    assert audit(frame, "price").task == "regression"


def test_decimals_in_a_dataframe_are_converted_on_a_copy() -> None:
    given = pd.DataFrame({"amount": [decimal.Decimal("1.5"), decimal.Decimal("2.25"), None]})
    frame, _ = read_table(given)
    assert frame["amount"].dtype == "float64"
    assert isinstance(given["amount"].iloc[0], decimal.Decimal)  # the caller's frame is intact


def test_a_column_that_mixes_decimals_and_text_is_left_as_it_is() -> None:
    given = pd.DataFrame({"mixed": [decimal.Decimal("1.5"), "n/a", decimal.Decimal("2")]})
    frame, _ = read_table(given)
    assert frame["mixed"].dtype == object


def test_sqlite_decimal_and_duckdb_decimal_columns_are_numbers(tmp_path: Path) -> None:
    db = tmp_path / "money.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE t (price DECIMAL(10, 2), label TEXT)")
        connection.executemany("INSERT INTO t VALUES (?, ?)", [("12.50", "a"), ("3.10", "b")])
    frame, _ = read_table(db)
    assert pd.api.types.is_float_dtype(frame["price"])


# --------------------------------------------------------------------------- --sql


@pytest.fixture
def database(tmp_path: Path) -> Path:
    db = tmp_path / "shop.sqlite"
    with sqlite3.connect(db) as connection:
        FRAME.to_sql("rows", connection, index=False)
    return db


@pytest.mark.parametrize("sql", ["", "   ", "\n\t", ";", " ; ;", "-- just a comment", "/* */"])
def test_an_empty_query_says_it_must_return_a_table(database: Path, sql: str) -> None:
    with pytest.raises(
        InvalidOptionError,
        match=r"holds no query\. --sql must be a query that returns a table, such as "
        r"--sql 'SELECT \* FROM \"rows\"'",
    ):
        read_table(database, sql=sql)


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TEMP TABLE q AS SELECT * FROM rows",
        "CREATE TEMP VIEW v AS SELECT 1",
        "BEGIN",
    ],
)
def test_a_statement_that_returns_no_table_is_explained(database: Path, sql: str) -> None:
    before = database.read_bytes()
    with pytest.raises(
        DataReadError, match=r"returned no table: .* --sql must be a query that returns a table"
    ):
        read_table(database, sql=sql)
    assert database.read_bytes() == before


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO rows VALUES (1, 'a', 0)",
        "DROP TABLE rows",
        "PRAGMA user_version = 3",
        "SELECT 1; SELECT 2",
    ],
)
def test_a_statement_that_fails_says_what_sql_must_be(database: Path, sql: str) -> None:
    before = database.read_bytes()
    with pytest.raises(DataReadError, match=r"failed on .* --sql must be one query that returns"):
        read_table(database, sql=sql)
    assert database.read_bytes() == before


def test_a_query_with_no_rows_says_so(database: Path) -> None:
    with pytest.raises(DataReadError, match=r"has a header \(3 columns.*but no rows of data"):
        read_table(database, sql="SELECT * FROM rows WHERE 0")


def test_a_query_with_a_trailing_comment_still_runs(database: Path) -> None:
    frame, _ = read_table(database, sql="SELECT x, y FROM rows -- the two columns")
    assert frame.shape == (len(FRAME), 2)


def test_duckdb_statements_that_return_no_table_are_explained(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "shop.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE rows AS SELECT 1 AS x, 2 AS y")
    with pytest.raises(InvalidOptionError, match="holds no query"):
        read_table(path, sql="  ")
    for statement in ("CREATE TEMP TABLE q AS SELECT 1 AS z", "INSERT INTO rows VALUES (3, 4)"):
        with pytest.raises(DataReadError, match="returned no table: it is a statement"):
            read_table(path, sql=statement)
    assert read_table(path, sql="FROM rows")[0].shape == (1, 2)
