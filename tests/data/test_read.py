"""read_table: every supported source, and a clear error for every bad one."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diveml.data import read_table
from diveml.data._read import READ_NOTES_KEY
from diveml.exceptions import DataReadError, InvalidOptionError, MissingExtraError

SMALL = pd.DataFrame(
    {
        "age": [22.0, 38.0, 26.0, 35.0],
        "sex": ["male", "female", "female", "male"],
        "fare": [7.25, 71.28, 7.92, 53.1],
        "survived": [0, 1, 1, 1],
    }
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _sqlite(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    with sqlite3.connect(path) as connection:
        for name, frame in tables.items():
            frame.to_sql(name, connection, index=False)
    connection.close()
    return path


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("name", "delimiter"),
    [
        ("data.csv", ","),
        ("data.csv", ";"),
        ("data.tsv", "\t"),
        ("data.txt", "\t"),
        ("data.txt", "|"),
        ("data.dat", ";"),
    ],
)
def test_read_text_sniffs_the_delimiter(tmp_path: Path, name: str, delimiter: str) -> None:
    path = tmp_path / name
    SMALL.to_csv(path, sep=delimiter, index=False)
    frame, shown = read_table(path)
    assert shown == name
    assert list(frame.columns) == list(SMALL.columns)
    pd.testing.assert_frame_equal(frame, SMALL, check_dtype=False)
    assert frame.attrs[READ_NOTES_KEY]["delimiter"] == delimiter


def test_read_text_keeps_quoted_delimiters_inside_fields(tmp_path: Path) -> None:
    path = _write(tmp_path / "q.csv", 'name,city\n"Smith, Ann",Oslo\n"Lee, Bo",Rome\n')
    frame, _ = read_table(path)
    assert frame["name"].tolist() == ["Smith, Ann", "Lee, Bo"]


def test_read_text_semicolon_with_decimal_commas_is_not_split_on_commas(tmp_path: Path) -> None:
    path = _write(tmp_path / "eu.csv", "a;b;c\n1,5;2,0;x\n3,5;4,0;y\n5,5;6,0;z\n")
    frame, _ = read_table(path)
    assert list(frame.columns) == ["a", "b", "c"]


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx", ".jsonl"])
def test_read_binary_and_json_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    if suffix == ".parquet":
        SMALL.to_parquet(path, index=False)
    elif suffix == ".xlsx":
        SMALL.to_excel(path, index=False)
    else:
        SMALL.to_json(path, orient="records", lines=True)
    frame, shown = read_table(path)
    assert shown == path.name
    pd.testing.assert_frame_equal(frame, SMALL, check_dtype=False)


def test_read_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    SMALL.to_json(path, orient="records")
    frame, _ = read_table(path)
    assert frame.shape == SMALL.shape


def test_read_excel_sheet_by_table(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as writer:
        SMALL.to_excel(writer, sheet_name="first", index=False)
        SMALL.head(2).to_excel(writer, sheet_name="second", index=False)
    frame, _ = read_table(path)
    assert len(frame) == 4
    assert "2 sheets" in frame.attrs[READ_NOTES_KEY]["notes"][0]
    frame, _ = read_table(path, table="second")
    assert len(frame) == 2
    with pytest.raises(DataReadError, match=r"no sheet 'secnd'.*Did you mean 'second'.*--table"):
        read_table(path, table="secnd")


def test_read_sqlite_table_and_query(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "db.sqlite", {"passengers": SMALL, "other": SMALL.head(1)})
    frame, shown = read_table(path, table="passengers")
    assert shown == "db.passengers"
    pd.testing.assert_frame_equal(frame, SMALL, check_dtype=False)
    frame, shown = read_table(path, sql="SELECT age, survived FROM passengers WHERE age > 30")
    assert shown == "db.query"
    assert frame.shape == (2, 2)


def test_read_sqlite_with_one_table_needs_no_table_option(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "one.db", {"only": SMALL})
    frame, _ = read_table(path)
    assert frame.shape == SMALL.shape


def test_read_sqlite_missing_table_lists_the_tables(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "db.sqlite", {"passengers": SMALL, "crew": SMALL})
    with pytest.raises(
        DataReadError,
        match=r"has no table 'pasengers'\. Did you mean 'passengers'\?.*'crew', 'passengers'.*--table",
    ):
        read_table(path, table="pasengers")
    with pytest.raises(
        DataReadError, match=r"holds 2 tables \('crew', 'passengers'\).*--table NAME"
    ):
        read_table(path)


def test_read_sqlite_bad_query_names_the_query_and_tables(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "db.sqlite", {"passengers": SMALL})
    with pytest.raises(
        DataReadError, match=r"The query 'SELECT nope FROM passengers' failed.*Fix the query"
    ):
        read_table(path, sql="SELECT nope FROM passengers")


def test_read_duckdb_without_the_package_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb now raises ImportError
    path = _write(tmp_path / "data.duckdb", "not really duckdb")
    with pytest.raises(MissingExtraError, match=r"DuckDB file .*pip install 'diveml\[duckdb\]'"):
        read_table(path, table="t")


def test_read_duckdb_table_when_installed(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "data.duckdb"
    connection = duckdb.connect(str(path))
    connection.register("small", SMALL)
    connection.execute("CREATE TABLE t AS SELECT * FROM small")
    connection.close()
    before = _sha256(path)
    frame, shown = read_table(path, table="t")
    assert shown == "data.t"
    assert frame.shape == SMALL.shape
    frame, _ = read_table(path, sql="SELECT age FROM t WHERE survived = 1")
    assert len(frame) == 3
    with pytest.raises(DataReadError, match=r"has no table 'tt'\. Did you mean 't'\?"):
        read_table(path, table="tt")
    assert _sha256(path) == before


def test_read_catalog_name(settings: object) -> None:
    frame, shown = read_table("titanic")
    assert shown == "titanic"
    assert "survived" in frame.columns


def test_read_dataframe_returns_a_copy() -> None:
    original = SMALL.copy()
    frame, shown = read_table(original)
    assert shown == "dataframe"
    frame.loc[0, "age"] = -1.0
    pd.testing.assert_frame_equal(original, SMALL)


def test_read_dataframe_names_columns_as_strings() -> None:
    frame, _ = read_table(pd.DataFrame(np.arange(6).reshape(3, 2)))
    assert list(frame.columns) == ["0", "1"]


def test_read_polars_dataframe() -> None:
    polars = pytest.importorskip("polars")
    frame, shown = read_table(polars.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    assert shown == "dataframe"
    assert frame.shape == (2, 2)


def test_read_polars_like_object_through_to_pandas() -> None:
    class FakePolarsFrame:  # what read_table relies on: the module name and to_pandas()
        __module__ = "polars.dataframe.frame"

        def to_pandas(self) -> pd.DataFrame:
            return SMALL.copy()

    frame, shown = read_table(FakePolarsFrame())
    assert shown == "dataframe"
    pd.testing.assert_frame_equal(frame, SMALL)


def test_read_utf16_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path / "wide.csv", "name,city\nZoë,Köln\n", encoding="utf-16")
    frame, _ = read_table(path)
    assert frame.loc[0, "city"] == "Köln"


def test_read_non_utf8_falls_back_and_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "win.csv", "name,city\nRené,Besançon\nAnn,Oslo\n", encoding="cp1252")
    frame, _ = read_table(path)
    assert frame.loc[0, "city"] == "Besançon"
    info = frame.attrs[READ_NOTES_KEY]
    assert info["encoding"] == "cp1252"
    assert "not valid UTF-8" in info["notes"][0]
    assert "re-save the file as UTF-8" in info["notes"][0]


# --------------------------------------------------------------------------- bad input


def test_missing_file_suggests_a_similar_name(tmp_path: Path) -> None:
    SMALL.to_csv(tmp_path / "train.csv", index=False)
    with pytest.raises(
        DataReadError, match=r"'.*trian\.csv' does not exist\. Did you mean 'train\.csv'\?"
    ):
        read_table(tmp_path / "trian.csv")


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataReadError, match=r"the folder '.*nowhere' does not exist either"):
        read_table(tmp_path / "nowhere" / "x.csv")


def test_unknown_name_is_neither_file_nor_dataset() -> None:
    with pytest.raises(
        DataReadError,
        match=r"'titanc' is neither a file nor a catalog dataset\. Did you mean 'titanic'",
    ):
        read_table("titanc")


def test_folder_is_refused_with_its_table_files(tmp_path: Path) -> None:
    SMALL.to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(
        DataReadError, match=r"is a folder, not a table file\. Table files in it: 'a\.csv'"
    ):
        read_table(tmp_path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataReadError, match=r"looks binary.*export the data"):
        read_table(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.csv"
    SMALL.to_csv(path, index=False)
    path.chmod(0)
    try:
        with pytest.raises(DataReadError, match=r"permission denied.*chmod u\+r"):
            read_table(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", "", r"is empty \(0 bytes\)"),
        ("blank.csv", "\n\n  \n", r"holds only blank space"),
        (
            "header.csv",
            "age,sex,survived\n",
            r"has a header \(3 columns: 'age', 'sex', 'survived'\) but no rows",
        ),
        ("dup.csv", "a,b,a\n1,2,3\n", r"duplicate column names: 'a' \(2 times\)\. Rename them"),
        ("noname.csv", "a,,c\n1,2,3\n", r"1 column\(s\) with an empty name \(position 2 of 3\)"),
        ("index.csv", ",a\n0,1\n1,2\n", r"empty name.*index=False"),
        (
            "ragged.csv",
            "a,b\n1,2\n3,4,5,6\n",
            r"could not be split into columns.*same number of fields",
        ),
        (
            "semi.csv",
            "a;b;c\n1\n2\n3\n",
            r"single column named 'a;b;c'.*semicolon ';': the wrong delimiter",
        ),
        ("empty.jsonl", "", r"is empty"),
        ("broken.jsonl", '{"a": 1}\n{"a": \n', r"could not be read as one JSON object per line"),
        ("header.tsv", "a\tb\n", r"but no rows of data"),
    ],
)
def test_bad_text_files_get_a_clear_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = _write(tmp_path / name, content)
    with pytest.raises(DataReadError, match=message):
        read_table(path)


def test_json_lines_with_an_empty_key_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "rows.jsonl", '{"a": 1, "": 2}\n{"a": 3, "": 4}\n')
    with pytest.raises(
        DataReadError, match=r"1 column\(s\) with an empty name \(position 2 of 2\)"
    ):
        read_table(path)


def test_corrupt_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1" + b"\x00garbage" * 10)
    with pytest.raises(DataReadError, match=r"could not be read as Parquet.*re-export it"):
        read_table(path)


def test_not_an_excel_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "fake.xlsx", "a,b\n1,2\n")
    with pytest.raises(
        DataReadError, match=r"could not be opened as an Excel workbook.*Save it as \.xlsx"
    ):
        read_table(path)


def test_excel_duplicate_headers_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.xlsx"
    pd.DataFrame([[1, 2]], columns=["x", "x"]).to_excel(path, index=False)
    with pytest.raises(DataReadError, match=r"duplicate column names: 'x' \(2 times\)"):
        read_table(path)


def test_empty_sqlite_table_is_refused(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "db.sqlite", {"t": SMALL.head(0)})
    with pytest.raises(DataReadError, match=r"has a header \(4 columns.*but no rows of data"):
        read_table(path, table="t")


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame([[1, 2]], columns=["a", "a"]), r"duplicate column names: 'a'"),
        (pd.DataFrame([[1, 2]], columns=["a", " "]), r"column\(s\) with an empty name"),
        (pd.DataFrame({"a": []}), r"but no rows of data"),
        (pd.DataFrame(), r"has no columns"),
        (
            pd.DataFrame({"a;b;c": ["1;2;3"]}),
            r"wrong delimiter was used\. Fix: read it with sep=';'",
        ),
    ],
)
def test_bad_dataframes_get_a_clear_error(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(DataReadError, match=message):
        read_table(frame)


def test_table_and_sql_together_are_refused(tmp_path: Path) -> None:
    path = _sqlite(tmp_path / "db.sqlite", {"t": SMALL})
    with pytest.raises(InvalidOptionError, match=r"Pass only --table or only --sql"):
        read_table(path, table="t", sql="SELECT 1")


def test_table_option_on_a_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    SMALL.to_csv(path, index=False)
    with pytest.raises(
        InvalidOptionError, match=r"--table only applies to a database file.*Leave --table out"
    ):
        read_table(path, table="t")


def test_unsupported_object_is_refused() -> None:
    with pytest.raises(DataReadError, match=r"Cannot read a table from a list.*Pass a file path"):
        read_table([1, 2, 3])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- never modified


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".parquet", ".xlsx", ".jsonl", ".sqlite"])
def test_input_file_is_never_modified(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    if suffix == ".csv":
        SMALL.to_csv(path, index=False)
    elif suffix == ".tsv":
        SMALL.to_csv(path, sep="\t", index=False)
    elif suffix == ".parquet":
        SMALL.to_parquet(path)
    elif suffix == ".xlsx":
        SMALL.to_excel(path, index=False)
    elif suffix == ".jsonl":
        SMALL.to_json(path, orient="records", lines=True)
    else:
        _sqlite(path, {"t": SMALL})
    before = _sha256(path)
    mtime = path.stat().st_mtime_ns
    siblings = sorted(p.name for p in tmp_path.iterdir())
    frame, _ = read_table(path)
    frame.iloc[0, 0] = None
    assert _sha256(path) == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings


def test_bad_input_files_are_not_modified_either(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", "a,b,a\n1,2,3\n")
    before = _sha256(path)
    with pytest.raises(DataReadError):
        read_table(path)
    assert _sha256(path) == before


def test_read_a_header_longer_than_the_sniffing_sample(tmp_path: Path) -> None:
    names = [f"a_rather_long_column_name_{i:05d}" for i in range(12_000)]
    path = tmp_path / "wide.csv"
    path.write_text(";".join(names) + "\n" + ";".join("1" for _ in names) + "\n", encoding="utf-8")
    assert len(names[0]) * len(names) > 256 * 1024
    frame, _ = read_table(path)
    assert frame.shape == (1, 12_000)


def test_table_option_on_a_catalog_name_is_refused() -> None:
    with pytest.raises(
        InvalidOptionError, match=r"--table only applies.*catalog dataset 'titanic' has no tables"
    ):
        read_table("titanic", table="passengers")


@pytest.mark.parametrize("suffix", [".csv.gz", ".tsv.bz2", ".csv.xz", ".csv.zip", ".jsonl.gz"])
def test_read_compressed_text_tables(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"data{suffix}"
    if ".jsonl" in suffix:
        SMALL.to_json(path, orient="records", lines=True)
    else:
        SMALL.to_csv(path, sep="\t" if ".tsv" in suffix else ",", index=False)
    before = _sha256(path)
    frame, shown = read_table(path)
    assert shown == path.name
    pd.testing.assert_frame_equal(frame, SMALL, check_dtype=False)
    assert _sha256(path) == before


def test_broken_compressed_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.csv.gz", "this is not gzip")
    with pytest.raises(
        DataReadError, match=r"could not be decompressed as gzip.*decompress it yourself"
    ):
        read_table(path)


def test_an_address_is_refused_with_the_fix() -> None:
    with pytest.raises(DataReadError, match=r"is an address, not a local file.*Download it first"):
        read_table("https://example.org/data.csv")


def test_permission_error_is_explained_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.csv"
    SMALL.to_csv(path, index=False)
    original = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(
        DataReadError, match=r"'.*locked\.csv' cannot be opened: permission denied.*chmod u\+r"
    ):
        read_table(path)


def test_read_wal_mode_sqlite_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    SMALL.to_sql("t", connection, index=False)
    connection.commit()
    connection.close()
    before = (_sha256(path), sorted(p.name for p in tmp_path.iterdir()))
    frame, _ = read_table(path)
    assert frame.shape == SMALL.shape
    assert (_sha256(path), sorted(p.name for p in tmp_path.iterdir())) == before
