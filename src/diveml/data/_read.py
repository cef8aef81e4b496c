"""Read a table from a file, a database, a catalog name or a DataFrame, never changing the input.

Every failure is a :class:`~diveml.exceptions.DataReadError` that names the file and says
what to do. What the reader had to guess (the delimiter, a fallback encoding, a sheet out of
several) is recorded in ``frame.attrs["diveml_read"]`` so the audit can show it as an info
finding.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from diveml.config import Settings, resolve_settings
from diveml.exceptions import (
    DataReadError,
    DatasetNotFoundError,
    InvalidOptionError,
    MissingExtraError,
    did_you_mean,
    option,
    spell,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["READ_NOTES_KEY", "TABLE_SUFFIXES", "check_column_names", "read_table"]

READ_NOTES_KEY = "diveml_read"
"""Key of ``frame.attrs`` holding what the reader guessed: ``{"notes": [str, ...], ...}``."""

_TEXT = (".csv", ".tsv", ".txt", ".tab", ".dat")
_PARQUET = (".parquet", ".pq")
_EXCEL = (".xlsx", ".xlsm", ".xls")
_JSON = (".jsonl", ".ndjson", ".json")
_SQLITE = (".sqlite", ".sqlite3", ".db")
_DUCKDB = (".duckdb",)
_COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zip": "zip"}
TABLE_SUFFIXES = _TEXT + _PARQUET + _EXCEL + _JSON + _SQLITE + _DUCKDB
"""File suffixes :func:`read_table` knows."""

_DELIMITERS = (",", "\t", ";", "|")
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}
_SNIFF_BYTES = 256 * 1024
_SQLITE_MAGIC = b"SQLite format 3\x00"
_FORMATS = "CSV/TSV/TXT, Parquet, Excel (.xlsx), JSON lines, SQLite or DuckDB"


def read_table(
    source: str | Path | Any,
    *,
    table: str | None = None,
    sql: str | None = None,
    settings: Settings | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    encoding: str | None = None,
) -> tuple[pd.DataFrame, str]:
    """Read ``source`` into a new DataFrame and return it with a short display name.

    Parameters
    ----------
    source
        A file (CSV/TSV/TXT with the delimiter sniffed, Parquet, Excel, JSON lines,
        ``.sqlite``/``.db``/``.duckdb``; text tables may be compressed: ``.csv.gz``,
        ``.bz2``, ``.xz``, a one-file ``.zip``), a catalog dataset name such as
        ``"titanic"``, or a pandas or polars DataFrame (copied, never changed). Text that is
        not UTF-8 is read as cp1252 (then latin-1) and the guess is recorded as a note.
    table, sql
        For a database file: the table to read, or a query to run (one of them; a database
        with a single table needs neither). For an Excel file, ``table`` names the sheet.
    settings
        Where catalog datasets are looked up; resolved from the environment when omitted.
    sep, decimal, thousands, encoding
        For a text table: the field separator (sniffed when omitted), the decimal mark and
        the thousands separator of its numbers (local formats such as ``2531,47`` are
        detected when omitted, see :mod:`._numbers`), and its encoding (UTF-8, then cp1252,
        when omitted).

    Returns
    -------
    (frame, name)
        ``name`` is the file name (``"train.csv"``), ``"file.table"`` for a database table,
        the dataset name for a catalog entry, or ``"dataframe"``.

    Raises
    ------
    DataReadError
        The file is missing, a folder, unreadable, binary, empty, has only a header, has
        duplicate or empty column names, or looks read with the wrong delimiter.

    Examples
    --------
    >>> frame, name = read_table("penguins")
    >>> name, frame.shape
    ('penguins', (344, 8))
    """
    text_options = _text_options(sep, decimal, thousands, encoding)
    if table is not None and sql is not None:
        raise InvalidOptionError(
            f"Both a table ({table!r}) and a query ({sql!r}) were given; they are two ways of "
            f"saying what to read. Pass only {option('table', bare=True)} or only {option('sql', bare=True)}."
        )
    if text_options and not isinstance(source, (str, Path)):
        _no_text_options("a DataFrame", text_options)
    if _is_polars(source):
        _no_table_options("a DataFrame", table, sql)
        frame = cast(Any, source).to_pandas()
        return _finish(frame, "polars DataFrame", "dataframe", notes=[]), "dataframe"
    if _is_pandas(source):
        _no_table_options("a DataFrame", table, sql)
        return _finish(cast(Any, source).copy(), "DataFrame", "dataframe", notes=[]), "dataframe"
    if not isinstance(source, (str, Path)):
        raise DataReadError(
            f"Cannot read a table from a {type(source).__name__} ({_short(source)}). Pass a "
            "file path, a catalog dataset name, or a pandas or polars DataFrame."
        )
    if isinstance(source, str) and source.lower().startswith(("http://", "https://", "s3://")):
        raise DataReadError(
            f"{source!r} is an address, not a local file; diveml reads local files only and "
            "never downloads tables it does not know. Download it first, then pass the "
            "file's path."
        )
    path = Path(source).expanduser()
    if not path.exists():
        if isinstance(source, str) and _looks_like_name(source):
            if text_options:
                _no_text_options(f"the catalog dataset {source!r}", text_options)
            return _read_catalog(source, table, sql, settings)
        raise _missing_file(path)
    if path.is_dir():
        raise _folder_error(path)
    frame = _read_file(path, table=table, sql=sql, text_options=text_options)
    return frame, _display_name(path, table, sql)


# --------------------------------------------------------------------------- text options


def _text_options(
    sep: str | None, decimal: str | None, thousands: str | None, encoding: str | None
) -> dict[str, str]:
    """Check the text-table options and return those given (sep, decimal, thousands, encoding)."""
    import codecs

    from diveml.data._numbers import check_number_options

    check_number_options(sep, decimal, thousands)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidOptionError(
                f"{option('encoding', encoding)} is not an encoding Python knows. Pass one such as "
                "'utf-8', 'cp1252', 'latin-1' or 'utf-16'."
            ) from None
    given = {"sep": sep, "decimal": decimal, "thousands": thousands, "encoding": encoding}
    return {key: value for key, value in given.items() if value is not None}


def _no_text_options(what: str, options: dict[str, str]) -> None:
    listed = ", ".join(option(key, bare=True) for key in options)
    raise InvalidOptionError(
        f"{listed} only apply to a text table file (.csv, .tsv, .txt); {what} is not one. "
        f"Leave {listed} out."
    )


# --------------------------------------------------------------------------- sources


def _is_pandas(obj: object) -> bool:
    import pandas as pd

    return isinstance(obj, pd.DataFrame)


def _is_polars(obj: object) -> bool:
    # Checked by module name so polars is never imported unless the user passed one.
    return type(obj).__module__.split(".")[0] == "polars" and hasattr(obj, "to_pandas")


def _short(obj: object) -> str:
    text = repr(obj)
    return text if len(text) <= 60 else text[:57] + "..."


def _looks_like_name(text: str) -> bool:
    return "/" not in text and "\\" not in text and "." not in text


def _no_table_options(what: str, table: str | None, sql: str | None) -> None:
    if table is not None or sql is not None:
        which = option("table" if table is not None else "sql", bare=True)
        raise InvalidOptionError(
            f"{which} only applies to a database file (.sqlite, .db, .duckdb) or, for "
            f"{option('table', bare=True)}, an Excel sheet; {what} has no tables. Leave {which} out."
        )


def _read_catalog(
    name: str, table: str | None, sql: str | None, settings: Settings | None
) -> tuple[pd.DataFrame, str]:
    from diveml.data import load_dataset
    from diveml.data._catalog import catalog

    if name in catalog():
        _no_table_options(f"the catalog dataset {name!r}", table, sql)
    try:
        frame = load_dataset(name, settings=settings or resolve_settings())
    except DatasetNotFoundError:
        names = list(catalog())
        nearby = _nearby_files(Path.cwd(), name)
        hint = did_you_mean(name, names) or nearby
        raise DataReadError(
            f"{name!r} is neither a file nor a catalog dataset.{hint} Pass the path of a "
            "table file, or one of the datasets listed by `diveml data list`."
        ) from None
    return _finish(frame, name, "catalog", notes=[]), name


def _display_name(path: Path, table: str | None, sql: str | None) -> str:
    if path.suffix.lower() in _SQLITE + _DUCKDB:
        if table is not None:
            return f"{path.stem}.{table}"
        if sql is not None:
            return f"{path.stem}.query"
    return path.name


# --------------------------------------------------------------------------- errors


def _nearby_files(folder: Path, name: str) -> str:
    try:
        entries = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    except OSError:
        entries = []
    return did_you_mean(name, entries)


def _missing_file(path: Path) -> DataReadError:
    folder = path.parent if str(path.parent) else Path(".")
    hint = _nearby_files(folder, path.name)
    where = "" if folder.is_dir() else f" (the folder {str(folder)!r} does not exist either)"
    return DataReadError(
        f"The file {str(path)!r} does not exist{where}.{hint} Check the path; it is read "
        f"relative to {str(Path.cwd())!r}."
    )


def _folder_error(path: Path) -> DataReadError:
    try:
        tables = sorted(p.name for p in path.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
    except OSError:
        tables = []
    listed = (
        f" Table files in it: {', '.join(repr(t) for t in tables[:10])}."
        if tables
        else " It holds no table file diveml knows."
    )
    return DataReadError(
        f"{str(path)!r} is a folder, not a table file.{listed} Pass the path of one file "
        f"({_FORMATS})."
    )


# --------------------------------------------------------------------------- files


def _read_file(
    path: Path, *, table: str | None, sql: str | None, text_options: dict[str, str] | None = None
) -> pd.DataFrame:
    # A pipe, /dev/stdin or a process substitution (`<(cat file)`) can be read only once:
    # the second open finds it empty. Such a source is read whole, once, and every reader
    # below works on those bytes; a regular file is read from disk, as often as is fastest.
    stream = not path.is_file()
    try:
        with path.open("rb") as handle:
            head = handle.read() if stream else handle.read(_SNIFF_BYTES)
    except PermissionError:
        raise DataReadError(
            f"The file {str(path)!r} cannot be opened: permission denied. Give yourself read "
            f"permission (e.g. `chmod u+r {path}`) or copy it somewhere you can read."
        ) from None
    except OSError as exc:
        raise DataReadError(
            f"The file {str(path)!r} cannot be read ({exc.strerror or exc}). Check that it is "
            "a regular file on a disk that is available."
        ) from None
    data: bytes | None = None
    if stream:
        data = head = _decompress_stream(path, head)
    suffix = path.suffix.lower()
    compression = None if stream else _COMPRESSIONS.get(suffix)
    if compression is not None:
        # data.csv.gz: the format is the suffix before the compression's.
        suffix = Path(path.stem).suffix.lower() or ".csv"
        kind = "json" if suffix in _JSON else "text"
        if suffix not in _TEXT + _JSON:
            raise DataReadError(
                f"The file {str(path)!r} is compressed ({compression}) but {suffix!r} is not a "
                "text table format diveml reads compressed. Decompress it first, or compress "
                "a .csv, .tsv or .jsonl file."
            )
    else:
        kind = _kind(suffix, head)
    if kind not in {"sqlite", "duckdb", "excel"}:
        _no_table_options(f"the {kind} file {str(path)!r}", table, sql)
    elif kind == "excel" and sql is not None:
        _no_table_options(f"the Excel file {str(path)!r}", None, sql)
    if not head:
        raise DataReadError(
            f"The file {str(path)!r} is empty (0 bytes). Check that it was saved completely, "
            "or point to the right file."
        )
    if text_options and kind != "text":
        _no_text_options(f"the {kind} file {str(path)!r}", text_options)
    if kind == "text":
        return _read_text(path, suffix, data, text_options or {})
    if kind == "parquet":
        return _read_parquet(path, data)
    if kind == "excel":
        return _read_excel(path, sheet=table, data=data)
    if kind == "json":
        return _read_json(path, data)
    if kind == "sqlite":
        return _read_sqlite(path, table=table, sql=sql, data=data)
    return _read_duckdb(path, table=table, sql=sql, data=data)


def _decompress_stream(path: Path, data: bytes) -> bytes:
    """Decompress a piped gzip, bz2 or xz stream (it has no suffix to say so; its bytes do)."""
    import bz2
    import gzip
    import lzma

    for magic, opener, name in (
        (b"\x1f\x8b", gzip.decompress, "gzip"),
        (b"BZh", bz2.decompress, "bz2"),
        (b"\xfd7zXZ\x00", lzma.decompress, "xz"),
    ):
        if data.startswith(magic):
            try:
                return opener(data)
            except (OSError, EOFError, ValueError, lzma.LZMAError) as exc:
                raise DataReadError(
                    f"The stream {str(path)!r} starts like {name} data but could not be "
                    f"decompressed ({exc}). Check that it is complete, or decompress it first."
                ) from None
    return data


def _kind(suffix: str, head: bytes) -> str:
    # The content wins over the suffix for formats with a signature, so "data.db" that is a
    # Parquet file, or a SQLite file without a suffix, is still read correctly.
    if head.startswith(_SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(b"PAR1"):
        return "parquet"
    if suffix in _DUCKDB:
        return "duckdb"
    if head.startswith(b"PK\x03\x04") or suffix in _EXCEL:
        return "excel"
    if suffix in _PARQUET:
        return "parquet"
    if suffix in _SQLITE:
        return "sqlite"
    if suffix in _JSON:
        return "json"
    if suffix not in _TEXT and head.lstrip()[:1] in {b"{", b"["}:
        return "json"  # no suffix says so (a pipe, a file without one): the content does
    return "text"


def _decode(path: Path, data: bytes) -> tuple[str, str, list[str]]:
    """Return (text, encoding, notes); UTF-8 first, then a stated single-byte fallback.

    Falling back (rather than stopping) is deliberate: most non-UTF-8 tables are Windows
    exports in cp1252, where a wrong guess can only garble a few accented letters in text
    cells, whereas stopping would block a learner who has no easy way to re-encode the
    file. The guess is reported as an info finding so it cannot pass unseen.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise DataReadError(
            f"The file {str(path)!r} looks binary (it contains NUL bytes), not a text table. "
            f"diveml reads {_FORMATS}; export the data to one of those, or give the file the "
            "suffix of its real format."
        )
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        position = exc.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = (
            f"{path.name!r} is not valid UTF-8 (first bad byte at position {position}); it "
            f"was read as {encoding}. If accented letters look wrong, re-save the file as "
            "UTF-8."
        )
        return text, encoding, [note]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _sniff_delimiter(text: str, suffix: str) -> str | None:
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if not lines:
        return None
    preferred = "\t" if suffix in {".tsv", ".tab"} else ","
    best: tuple[float, int, int, str] | None = None
    for delimiter in _DELIMITERS:
        if delimiter not in lines[0]:
            continue
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a stray carriage return inside an unquoted field
            continue
        if len(counts) > 1:
            # A last line cut short (e.g. by the sample boundary) should not count against.
            counts = counts[:-1] if len(counts) > 2 else counts
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        consistency = hits / len(counts)
        header_ok = counts[0] == mode
        key = (
            consistency + (0.5 if header_ok else 0),
            int(delimiter == preferred),
            mode,
            delimiter,
        )
        if best is None or key > best:
            best = key
    return best[3] if best is not None else None


def _raw_bytes(path: Path) -> bytes:
    """The file's bytes, decompressed when its suffix says it is compressed."""
    compression = _COMPRESSIONS.get(path.suffix.lower())
    if compression is None:
        return path.read_bytes()
    import bz2
    import gzip
    import lzma
    import zipfile

    try:
        if compression == "gzip":
            return gzip.decompress(path.read_bytes())
        if compression == "bz2":
            return bz2.decompress(path.read_bytes())
        if compression == "xz":
            return lzma.decompress(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if len(names) != 1:
                raise DataReadError(
                    f"The zip file {str(path)!r} holds {len(names)} files; diveml reads a zip "
                    "with exactly one table in it. Extract the table you want first."
                )
            return archive.read(names[0])
    except (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as exc:
        raise DataReadError(
            f"The file {str(path)!r} could not be decompressed as {compression} ({exc}). "
            "Check that it is complete, or decompress it yourself first."
        ) from None


def _decode_as(path: Path, data: bytes, encoding: str) -> tuple[str, str, list[str]]:
    """Decode with the encoding given; a failure names the byte and the fix."""
    try:
        return data.decode(encoding), encoding, []
    except UnicodeDecodeError as exc:
        raise DataReadError(
            f"The file {str(path)!r} is not valid {encoding} ({option('encoding', bare=True)}): byte "
            f"{data[exc.start : exc.start + 1]!r} at position {exc.start} cannot be read. Pass "
            f"the file's real encoding, or leave {option('encoding', bare=True)} out to let diveml "
            "guess."
        ) from None


def _read_text(
    path: Path, suffix: str, data: bytes | None = None, options: dict[str, str] | None = None
) -> pd.DataFrame:
    import pandas as pd

    options = options or {}
    stream = data is not None
    data = data if data is not None else _raw_bytes(path)
    if "encoding" in options:
        text, encoding, notes = _decode_as(path, data, options["encoding"])
    else:
        text, encoding, notes = _decode(path, data)
    if text.isspace() or not text:
        raise DataReadError(
            f"The file {str(path)!r} holds only blank space, no table. Check that it was "
            "saved completely, or point to the right file."
        )
    # The first non-blank line is the header, however long (10,000 names run past any
    # fixed sample); the sniffer then sees it and the lines after it.
    start = len(text) - len(text.lstrip())
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    end = min(ends) if ends else len(text)
    first_line = text[start:end]
    delimiter = (
        options.get("sep") or _sniff_delimiter(text[start : end + _SNIFF_BYTES], suffix) or ","
    )
    if options.get("decimal") == delimiter:
        raise InvalidOptionError(
            f"{option('decimal', delimiter)} is the delimiter that splits the columns of "
            f"{str(path)!r}: one character cannot do both. Pass {option('sep', bare=True)} with "
            f"the real delimiter (e.g. {option('sep', ';')}), or leave "
            f"{option('decimal', bare=True)} out."
        )
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:
        raise DataReadError(
            f"The header row of {str(path)!r} cannot be read ({exc}). Check the file is a "
            "text table with one row of column names first."
        ) from None
    check_column_names([h.strip() for h in header], path.name)
    try:
        # From the file, not the decoded text: pandas' C parser reads a path several times
        # faster than a StringIO (measured: 0.7 s against 2.9 s for 50,000 x 50).
        frame = pd.read_csv(
            io.BytesIO(data) if stream else path,
            sep=delimiter,
            skip_blank_lines=True,
            encoding="utf-8-sig" if encoding == "utf-8" else encoding,
            decimal=options.get("decimal", "."),
            thousands=options.get("thousands"),
        )
    except pd.errors.ParserError as exc:
        raise DataReadError(
            f"The file {str(path)!r} could not be split into columns with the "
            f"{_DELIMITER_NAMES.get(delimiter, 'given')} delimiter {delimiter!r}: "
            f"{' '.join(str(exc).split()).removeprefix('Error tokenizing data. C error: ')}. "
            "Rows must all "
            "have the same number of fields; quote fields that contain the delimiter."
        ) from None
    except pd.errors.EmptyDataError:
        raise DataReadError(f"The file {str(path)!r} has no columns.") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if delimiter != "," and "sep" not in options:
        notes.append(
            f"{path.name!r} was read with the {_DELIMITER_NAMES[delimiter]} delimiter "
            f"{delimiter!r} (sniffed from its first lines)."
        )
    if "decimal" not in options and "thousands" not in options:
        from diveml.data._numbers import read_local_numbers

        frame, number_notes = read_local_numbers(frame, delimiter, path.name)
        notes.extend(number_notes)
    return _finish(frame, path.name, "file", notes=notes, encoding=encoding, delimiter=delimiter)


def _read_parquet(path: Path, data: bytes | None = None) -> pd.DataFrame:
    import pandas as pd

    try:
        frame = pd.read_parquet(io.BytesIO(data) if data is not None else path)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise DataReadError(
            f"The file {str(path)!r} could not be read as Parquet ({type(exc).__name__}: "
            f"{exc}). Check that it is a complete Parquet file, or re-export it."
        ) from None
    check_column_names([str(c) for c in frame.columns], path.name)
    return _finish(frame, path.name, "file", notes=[])


def _read_excel(path: Path, *, sheet: str | None, data: bytes | None = None) -> pd.DataFrame:
    import pandas as pd

    try:
        book = pd.ExcelFile(io.BytesIO(data) if data is not None else path)
    except Exception as exc:  # openpyxl/zipfile raise many types for a file that is not xlsx
        raise DataReadError(
            f"The file {str(path)!r} could not be opened as an Excel workbook "
            f"({type(exc).__name__}: {exc}). Save it as .xlsx, or export it to CSV."
        ) from None
    with book:
        sheets = [str(s) for s in book.sheet_names]
        notes: list[str] = []
        if sheet is None:
            sheet = sheets[0]
            if len(sheets) > 1:
                notes.append(
                    f"{path.name!r} has {len(sheets)} sheets; the first, {sheet!r}, was read. "
                    f"Pass {option('table', 'SHEET')} to read another."
                )
        elif sheet not in sheets:
            raise DataReadError(
                f"The workbook {str(path)!r} has no sheet {sheet!r}.{did_you_mean(sheet, sheets)}"
                f" Its sheets are: {', '.join(repr(s) for s in sheets)}. Pass one of them to "
                f"{option('table', bare=True)}."
            )
        header = pd.read_excel(book, sheet_name=sheet, header=None, nrows=1)
        if header.empty:
            raise DataReadError(
                f"The sheet {sheet!r} of {str(path)!r} is empty. Pass {option('table', bare=True)} with a sheet "
                f"that holds the table (sheets: {', '.join(repr(s) for s in sheets)})."
            )
        names = ["" if pd.isna(v) else str(v).strip() for v in header.iloc[0]]
        check_column_names(names, f"{path.name} (sheet {sheet!r})")
        frame = pd.read_excel(book, sheet_name=sheet)
    frame.columns = [str(c).strip() for c in frame.columns]
    return _finish(frame, path.name, "file", notes=notes)


def _read_json(path: Path, data: bytes | None = None) -> pd.DataFrame:
    import pandas as pd

    text, encoding, notes = _decode(path, data if data is not None else _raw_bytes(path))
    stripped = text.lstrip()
    if not stripped:
        raise DataReadError(
            f"The file {str(path)!r} holds only blank space, no table. Check that it was "
            "saved completely, or point to the right file."
        )
    lines = not stripped.startswith("[")
    try:
        frame = pd.read_json(io.StringIO(text), lines=lines, orient="records")
    except ValueError as exc:
        shape = "one JSON object per line" if lines else "a JSON array of objects"
        raise DataReadError(
            f"The file {str(path)!r} could not be read as {shape} ({exc}). Each record "
            'must look like {"column": value, ...}; check for a truncated or extra line.'
        ) from None
    check_column_names([str(c) for c in frame.columns], path.name)
    return _finish(frame, path.name, "file", notes=notes, encoding=encoding)


def _query_for(path: Path, tables: list[str], table: str | None, sql: str | None) -> str:
    """Return the query that reads ``table`` (or the only table), or ``sql`` as given."""
    if sql is not None:
        if not _has_statement(sql):
            example = f"SELECT * FROM {tables[0]!r}".replace("'", '"') if tables else "SELECT ..."
            raise InvalidOptionError(
                f"{option('sql', sql)} holds no query. {option('sql', bare=True)} must be a query "
                f"that returns a table, such as {option('sql', example)}; or pass "
                f"{option('table', 'NAME')} to read a whole table."
            )
        return sql
    if table is None:
        if len(tables) != 1:
            raise _tables_error(path, None, tables)
        table = tables[0]
    if table not in tables:
        raise _tables_error(path, table, tables)
    # Quote the name as SQL does: a double quote inside it is doubled.
    return f'SELECT * FROM "{table.replace(chr(34), chr(34) * 2)}"'


_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?(\*/|$)", re.DOTALL)


def _has_statement(sql: str) -> bool:
    """Return False for a query that is only blank space, comments and semicolons."""
    return bool(_SQL_COMMENT.sub(" ", sql).replace(";", " ").strip())


def _no_table(query: str, path: Path) -> DataReadError:
    return DataReadError(
        f"The query {query!r} on {str(path)!r} returned no table: it is a statement (such as "
        f"CREATE, INSERT or PRAGMA) that gives neither columns nor rows. {option('sql', bare=True)} must be a "
        "query that returns a table, such as a SELECT."
    )


def _tables_error(path: Path, table: str | None, tables: Sequence[str]) -> DataReadError:
    listed = ", ".join(repr(t) for t in tables) if tables else "none"
    if table is None:
        return DataReadError(
            f"The database {str(path)!r} holds {len(tables)} tables ({listed}); say which to "
            f"read with {option('table', 'NAME')}, or pass a query with {option('sql', bare=True)}."
        )
    return DataReadError(
        f"The database {str(path)!r} has no table {table!r}.{did_you_mean(table, tables)} "
        f"Its tables are: {listed}. Pass one of them to {option('table', bare=True)}, or a query to {option('sql', bare=True)}."
    )


def _read_sqlite(
    path: Path, *, table: str | None, sql: str | None, data: bytes | None = None
) -> pd.DataFrame:
    import pandas as pd

    # mode=ro: SQLite then cannot write to the file, even to roll back a journal. With no
    # write-ahead log beside it, immutable=1 as well: a WAL-mode file otherwise gets new
    # -wal and -shm files created (and left) beside it just to be read.
    live_log = Path(f"{path}-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro{'' if live_log else '&immutable=1'}"
    try:
        if data is not None:  # a piped database: opened in memory from the bytes read once
            connection = sqlite3.connect(":memory:")
            connection.deserialize(data)
        else:
            connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DataReadError(
            f"The file {str(path)!r} could not be opened as SQLite ({exc})."
        ) from None
    try:
        try:
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
        except sqlite3.DatabaseError as exc:
            raise DataReadError(
                f"The file {str(path)!r} is not a usable SQLite database ({exc}). Check that "
                "it is complete, or export the table to CSV."
            ) from None
        query = _query_for(path, tables, table, sql)
        try:
            # Run here rather than by pandas.read_sql_query, which fails with a TypeError
            # on a statement that returns no table (CREATE TEMP TABLE ...).
            cursor = connection.execute(query)
            if cursor.description is None:
                raise _no_table(query, path)
            names = [d[0] for d in cursor.description]
            frame = pd.DataFrame.from_records(cursor.fetchall(), columns=names, coerce_float=True)
        except sqlite3.Error as exc:
            raise DataReadError(
                f"The query {query!r} failed on {str(path)!r}: {exc}. Fix the query: {option('sql', bare=True)} "
                "must be one query that returns a table (a SELECT); the tables are: "
                f"{', '.join(repr(t) for t in tables) or 'none'}."
            ) from None
    finally:
        connection.close()
    what = f"table {table!r} of" if sql is None else "the query on"
    return _finish(frame, f"{what} {path.name}", "database", notes=[])


def _read_duckdb(
    path: Path,
    *,
    table: str | None,
    sql: str | None,
    data: bytes | None = None,
    shown: Path | None = None,
) -> pd.DataFrame:
    try:
        import duckdb  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise MissingExtraError(
            "duckdb", "duckdb", f"Reading the DuckDB file {str(path)!r}"
        ) from None
    if data is not None:
        # DuckDB opens databases by path only: a piped one is kept in a temporary file.
        import tempfile

        with tempfile.TemporaryDirectory(prefix="diveml-") as folder:
            copy = Path(folder) / "piped.duckdb"
            copy.write_bytes(data)
            return _read_duckdb(copy, table=table, sql=sql, shown=path)
    file, path = path, shown or path  # open `file`; name `path` in every message
    try:
        connection = duckdb.connect(str(file), read_only=True)
    except Exception as exc:  # duckdb raises its own exception types
        raise DataReadError(
            f"The file {str(path)!r} could not be opened as DuckDB ({exc})."
        ) from None
    try:
        tables = sorted(row[0] for row in connection.execute("SHOW TABLES").fetchall())
        query = _query_for(path, tables, table, sql)
        try:
            # DuckDB answers CREATE or INSERT with a one-row "Count" table, so the kind of
            # statement is asked of its parser before anything runs.
            kinds = [str(s.type).rsplit(".", 1)[-1] for s in duckdb.extract_statements(query)]
            if kinds and kinds[-1] not in {"SELECT", "PRAGMA", "EXPLAIN", "CALL"}:
                raise _no_table(query, path)
            result = connection.execute(query)
            if result.description is None:
                raise _no_table(query, path)
            frame = result.df()
        except DataReadError:
            raise
        except Exception as exc:  # duckdb.Error subclasses
            raise DataReadError(
                f"The query {query!r} failed on {str(path)!r}: {exc}. Fix the query: {option('sql', bare=True)} "
                "must be one query that returns a table (a SELECT); the tables are: "
                f"{', '.join(repr(t) for t in tables) or 'none'}."
            ) from None
    finally:
        connection.close()
    what = f"table {table!r} of" if sql is None else "the query on"
    return _finish(frame, f"{what} {path.name}", "database", notes=[])


# --------------------------------------------------------------------------- checks


def check_column_names(names: Sequence[str], where: str) -> None:
    """Refuse empty and duplicate column names, which would be silently renamed otherwise."""
    empty = [i + 1 for i, name in enumerate(names) if not str(name).strip()]
    if empty:
        positions = ", ".join(str(i) for i in empty[:10])
        raise DataReadError(
            f"{where!r} has {len(empty)} column(s) with an empty name (position {positions} "
            f"of {len(names)}). Give every column a name in the header row; if the first "
            "column is a saved row index, re-save the table without it (pandas: index=False)."
        )
    counts = Counter(str(n).strip() for n in names)
    duplicated = [name for name, count in counts.items() if count > 1]
    if duplicated:
        shown = ", ".join(f"{name!r} ({counts[name]} times)" for name in duplicated[:10])
        raise DataReadError(
            f"{where!r} has duplicate column names: {shown}. Rename them so each column has "
            "its own name."
        )


def _check_delimiter(frame: pd.DataFrame, where: str) -> None:
    if frame.shape[1] != 1:
        return
    name = str(frame.columns[0])
    for delimiter in (";", "\t", "|"):
        if delimiter in name and len(name.split(delimiter)) > 1:
            parts = name.split(delimiter)
            preview = ", ".join(repr(p) for p in parts[:4])
            fix = (
                f"read it with sep={delimiter!r} (pandas.read_csv(..., sep={delimiter!r}))"
                if where == "DataFrame"
                else f"check that every row has the same number of {_DELIMITER_NAMES[delimiter]}s"
            )
            raise DataReadError(
                f"{where!r} was read as a single column named {name!r}, which looks like "
                f"{len(parts)} names ({preview}) joined by the {_DELIMITER_NAMES[delimiter]} "
                f"{delimiter!r}: the wrong delimiter was used. Fix: {fix}."
            )


def _decimals_as_numbers(frame: pd.DataFrame, where: str) -> list[str]:
    """Turn columns of ``decimal.Decimal`` values (money in Parquet, SQL) into floats, in place.

    pandas keeps them as Python objects, which every later step would take for text: a
    column of prices became hundreds of class labels. ``frame`` is already the reader's
    own copy, so the caller's data is not changed. Returns a note naming the columns.
    """
    import decimal

    from pandas.api import types

    converted = []
    for column in frame.columns:
        series = frame[column]
        if not types.is_object_dtype(series.dtype):
            continue
        values = series.dropna()
        if len(values) == 0 or not isinstance(values.iloc[0], decimal.Decimal):
            continue
        if all(isinstance(v, decimal.Decimal) for v in values):
            frame[column] = series.astype(float)
            converted.append(str(column))
    if not converted:
        return []
    listed = ", ".join(repr(c) for c in converted[:10])
    more = f" and {len(converted) - 10} more" if len(converted) > 10 else ""
    return [
        f"{where!r}: the decimal column(s) {listed}{more} were read as numbers (floating "
        "point, exact to about 15 significant digits)."
    ]


def _finish(
    frame: pd.DataFrame,
    where: str,
    origin: str,
    *,
    notes: list[str],
    encoding: str | None = None,
    delimiter: str | None = None,
) -> pd.DataFrame:
    """Check the table is usable, name its columns as strings and record the notes."""
    if frame.shape[1] == 0:
        raise DataReadError(f"{where!r} has no columns. Point to the right table.")
    if origin != "file" or any(not isinstance(c, str) for c in frame.columns):
        names = [str(c) for c in frame.columns]
        check_column_names(names, where)
        if any(not isinstance(c, str) for c in frame.columns):
            frame = frame.copy() if origin == "dataframe" else frame
            frame.columns = names
    _check_delimiter(frame, where)
    if len(frame) == 0:
        raise DataReadError(
            f"{where!r} has a header ({frame.shape[1]} columns: "
            f"{', '.join(repr(str(c)) for c in list(frame.columns)[:5])}) but no rows of data. "
            "Point to the table with the data, or check that it was saved completely."
        )
    notes = list(notes) + _decimals_as_numbers(frame, where)
    frame.attrs[READ_NOTES_KEY] = {
        "source": where,
        "origin": origin,
        "encoding": encoding,
        "delimiter": delimiter,
        "notes": [spell(note) for note in notes],  # option tokens, spelled for the caller
    }
    return frame
