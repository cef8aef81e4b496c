"""Numbers written in a local format: decimal commas and thousands separators.

A CSV saved by a spreadsheet in much of Europe separates fields with ``;`` and writes
``2531,47`` for 2531.47 (and sometimes ``1.234,5`` for 1234.5); an English export may write
``1,234,567.89``. pandas reads such columns as text, and the audit would then call a column
of measurements a row identifier. :func:`read_local_numbers` finds the columns whose every
value is a number in one such format and converts them, returning a note per column so the
audit shows what was guessed. Explicit ``decimal`` / ``thousands`` options skip the
guessing (see :func:`check_number_options`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from diveml.exceptions import InvalidOptionError, option

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_number_options", "read_local_numbers"]

_SPACES = "\u00a0\u202f "
# 1.234,56 / 1 234,56 / 2531,47 / 12 (the decimal comma of much of Europe)
_DECIMAL_COMMA = re.compile(rf"[+-]?(\d{{1,3}}([.{_SPACES}]\d{{3}})+|\d+)(,\d+)?")
# 1,234,567.89 / 1,234 (a comma between thousands, a point before decimals)
_THOUSANDS_COMMA = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def check_number_options(sep: str | None, decimal: str | None, thousands: str | None) -> None:
    """Refuse a decimal mark that is also the field separator or the thousands separator."""
    for name, value in (("sep", sep), ("decimal", decimal), ("thousands", thousands)):
        if value is not None and (len(value) != 1 or value in "\r\n\"'"):
            raise InvalidOptionError(
                f"{option(name, value)} must be one character other than a quote or a line break, "
                "such as ';' or ','. Pass one character."
            )
    if decimal is not None and decimal not in ".,":
        raise InvalidOptionError(
            f"{option('decimal', decimal)} is not a decimal mark; numbers are written with '.' or "
            f"','. Pass {option('decimal', ',')} or {option('decimal', '.')}."
        )
    if decimal is not None and sep is not None and decimal == sep:
        raise InvalidOptionError(
            f"{option('decimal', decimal)} is the same character as {option('sep', sep)}: one "
            "character "
            "cannot both split the columns and mark the decimals. A file with decimal commas "
            f"is usually separated by ';': pass {option('sep', ';')} {option('decimal', ',')}."
        )
    if decimal is not None and thousands is not None and decimal == thousands:
        raise InvalidOptionError(
            f"{option('decimal', decimal)} is the same character as "
            f"{option('thousands', thousands)}. Pass two different characters, e.g. "
            f"{option('decimal', ',')} {option('thousands', '.')}."
        )


def _all_match(pattern: re.Pattern[str], texts: pd.Series) -> bool:
    return bool(texts.str.fullmatch(pattern).all())


def _convert(texts: pd.Series, decimal: str) -> pd.Series:
    import pandas as pd

    if decimal == ",":
        cleaned = texts.str.replace(rf"[.{_SPACES}]", "", regex=True).str.replace(",", ".")
    else:
        cleaned = texts.str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned, errors="coerce")


def read_local_numbers(
    frame: pd.DataFrame, delimiter: str | None, where: str
) -> tuple[pd.DataFrame, list[str]]:
    """Convert the text columns of ``frame`` that hold locally formatted numbers.

    A column is converted only when every one of its non-missing values is a number in the
    same format and at least one value shows the format (a comma). ``1,234`` alone could be
    either; it is read as a decimal comma in a ``;``-separated file (the usual pairing) and
    as a thousands comma otherwise. Returns the frame (changed in place, it is the reader's
    own copy) and one note per converted column.
    """
    from pandas.api import types

    notes: list[str] = []
    for column in list(frame.columns):
        series = frame[column]
        if not (types.is_object_dtype(series.dtype) or types.is_string_dtype(series.dtype)):
            continue
        present = series.dropna()
        if len(present) == 0 or not all(isinstance(v, str) for v in present.iloc[:50]):
            continue
        texts = present.astype(str).str.strip()
        if not texts.str.contains(",", regex=False).any():
            continue
        decimal_comma = _all_match(_DECIMAL_COMMA, texts)
        thousands_comma = _all_match(_THOUSANDS_COMMA, texts)
        if decimal_comma and thousands_comma:  # only values like 1,234: either reading fits
            decimal_comma = delimiter == ";"
        elif not (decimal_comma or thousands_comma):
            continue
        mark = "," if decimal_comma else "."
        frame[column] = _convert(series.astype("string").str.strip(), mark).astype(float)
        example = texts[texts.str.contains(",", regex=False)].iloc[0]
        if mark == ",":
            how = "a decimal comma"
            fix = option("decimal", ",")
        else:
            how = "commas between thousands"
            fix = option("thousands", ",")
        notes.append(
            f"Column {column!r} of {where!r} holds numbers written with {how} (e.g. "
            f"{example!r}); it was read as numbers ({example!r} is "
            f"{float(_convert(texts[texts == example].iloc[:1], mark).iloc[0])!r}). If that is "
            f"wrong, pass the right {option('decimal', bare=True)} and {option('thousands', bare=True)}; to say it explicitly, {fix}."
        )
    return frame, notes
