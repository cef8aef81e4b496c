"""Free text and dates as features: which columns are which, and how each is encoded.

Numbers and categories are encoded by :mod:`._ladder`'s ColumnTransformer. This module adds
the two kinds of column a first study used to leave out:

* **Text** (many distinct values, longer than a category's): TF-IDF of character n-grams
  for short strings with little prose (domain names, SQL statements, codes), of words for
  prose. The baseline and the linear model take the sparse TF-IDF matrix as it is; the
  trees and boosting take it reduced by a truncated SVD to :data:`TEXT_COMPONENTS` dense
  columns (histogram gradient boosting refuses sparse input, and trees on thousands of
  sparse columns would crawl). Measured with 5-fold CV ROC AUC (bench/encoders/README.md):
  on sql_injection every variant scores 0.999+; on a 20,000-row sample of dga_domains the
  sparse TF-IDF with logistic regression gives 0.992, the 30 SVD columns 0.943 with
  logistic regression and 0.978 with gradient boosting, so each kind of model gets the
  encoding it is best with (:data:`~diveml.study._ladder.SPARSE_TEXT_RUNGS`); 100 SVD
  columns instead of 30 gained 0.003 for 1.5 times the fit time.
* **Dates** (a datetime column, or text that parses as dates): calendar features (year,
  month, day of month, day of week, hour when the column has times of day, and the elapsed
  days since 1970), never a category of unique values.

Both encoders are stateless per row or learnt inside the pipeline, so cross-validation fits
them on the training folds only. Dates are parsed once, when the table is prepared
(:func:`as_dates`), because parsing text dates row by row in every fold would cost more
than the models.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd

__all__ = [
    "CALENDAR_PARTS",
    "MAX_TEXT_CHARS",
    "TEXT_COMPONENTS",
    "TextStyle",
    "as_dates",
    "as_number",
    "as_text",
    "as_text_feature",
    "calendar_features",
    "date_width",
    "describe_text",
    "features_record",
    "has_time_of_day",
    "text_chars",
    "text_components",
    "text_style",
    "text_styles",
    "text_width",
]

TextStyle = Literal["char", "word"]

# Dense columns each text column becomes (truncated SVD of its TF-IDF). 30 is skrub's
# StringEncoder default too; on dga_domains 100 components gained 0.003 ROC AUC for 1.5
# times the fit time (module docstring).
TEXT_COMPONENTS = 30
# The width the budget's row sampling counts for each text column (see text_width): at
# least TEXT_BUDGET_WIDTH, and TEXT_WIDTH_PER_CHAR per character of its mean length.
TEXT_BUDGET_WIDTH = 80
TEXT_WIDTH_PER_CHAR = 0.8
# Longer texts are cut to their first MAX_TEXT_CHARS characters (10,000; the audit notes
# it): a column of 1 MB strings would otherwise make every fold's TF-IDF take minutes and
# gigabytes for little gain.
MAX_TEXT_CHARS = 10_000
# Prose: most values have several words, and most of their space-separated tokens are
# words as prose writes them (letters, lower case after the first, perhaps an apostrophe
# and a punctuation mark). Anything else (domains, SQL with its SELECT, *, = and quotes,
# file paths, codes) gets character n-grams, which also catch the spelling inside a token.
# A first rule on the share of letters took sql_injection for prose (its statements are
# mostly letters and spaces); the token rule does not.
PROSE_MIN_WORDS = 5
PROSE_MIN_WORD_SHARE = 0.75
_PROSE_WORD = re.compile(r"[\"(]?[^\W\d_][^\W\d_A-Z']*('[^\W\d_]+)?[.,;:!?)\"]*")
_SAMPLE = 2000

# The calendar parts of a date column, in order; "hour" only for columns with times of day.
CALENDAR_PARTS = ("year", "month", "day", "weekday", "hour", "elapsed_days")
_EPOCH = np.datetime64("1970-01-01T00:00:00", "s")


def _sample(series: pd.Series) -> list[str]:
    values = series.dropna()
    if len(values) > _SAMPLE:
        values = values.iloc[np.linspace(0, len(values) - 1, _SAMPLE).astype(int)]
    return [str(v) for v in values]


def text_style(series: pd.Series) -> TextStyle:
    """Return ``"word"`` for a column of prose, ``"char"`` for short strings and code."""
    texts = [t for t in _sample(series) if t]
    if not texts:
        return "char"
    tokens = [t.split() for t in texts]
    words = np.median([len(t) for t in tokens])
    flat = [token for row in tokens for token in row]
    share = sum(_PROSE_WORD.fullmatch(token) is not None for token in flat) / max(len(flat), 1)
    return "word" if words >= PROSE_MIN_WORDS and share >= PROSE_MIN_WORD_SHARE else "char"


def text_styles(X: pd.DataFrame, text: Sequence[str]) -> dict[str, TextStyle]:
    """Return each text column's style, decided on the rows given (the training rows)."""
    return {column: text_style(X[column]) for column in text}


def text_components(X: pd.DataFrame, text: Mapping[str, str]) -> dict[str, int]:
    """Return how many SVD columns each text column gets: TEXT_COMPONENTS, or fewer.

    A truncated SVD needs fewer components than the TF-IDF has terms. A short text with a
    small vocabulary (an access modifier such as "public final", a MIME type) has fewer
    than 31 terms, and the SVD would fail in every fold; such a column gets a third of the
    terms its training rows have (a cross-validation fold holds most of those rows, so most
    of the terms), and at least one.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    from diveml.study._ladder import TFIDF_KWARGS

    counts: dict[str, int] = {}
    for column, style in text.items():
        try:
            vectorizer = TfidfVectorizer(**TFIDF_KWARGS[style]).fit(X[column])
            terms = len(vectorizer.vocabulary_)
        except ValueError:  # every text empty: no vocabulary at all
            terms = 0
        counts[column] = max(1, min(TEXT_COMPONENTS, terms // 3))
    return counts


def text_width(
    text: Mapping[str, str] | Sequence[str], chars: Mapping[str, float] | None = None
) -> int:
    """Return the width the budget counts for the text columns (more than the 30 they make).

    The budget's row sampling assumes a cost per table cell; a text column costs far more
    than its 30 output columns, because every rung refits the TF-IDF (and the trees the
    SVD) in every fold. On dga_domains, counting 30 let the ladder sample 20,000 rows, and
    the baseline and the linear model alone (whose fit is mostly the text encoding) then
    spent the ladder's share of the default budget, so the trees and boosting were skipped;
    counting TEXT_BUDGET_WIDTH per column samples about 7,500 rows and lets every rung run.
    The TF-IDF's cost grows with the characters of a row (1.5 microseconds a character on
    top of 30 per row, measured on sql_injection and dga_domains), so a column of long texts
    counts TEXT_WIDTH_PER_CHAR per character of its mean length when that is more:
    sql_injection's statements (151 characters) count 121 and its ladder samples a third
    fewer rows, where 80 made its study overrun the 120 s budget (168 CPU-s,
    bench/encoders/README.md). ``chars`` is each column's mean length on the training rows.
    """
    chars = chars or {}
    return sum(
        max(TEXT_BUDGET_WIDTH, round(TEXT_WIDTH_PER_CHAR * chars.get(column, 0.0)))
        for column in text
    )


def text_chars(X: pd.DataFrame, text: Sequence[str]) -> dict[str, float]:
    """Return each text column's mean length in characters on the rows of ``X``."""
    return {
        column: float(X[column].astype(str).str.len().mean()) if len(X) else 0.0 for column in text
    }


def as_text(column: pd.Series) -> pd.Series:
    """Return a column as Python strings, with every kind of missing value as ``np.nan``."""
    return column.astype(str).astype(object).where(column.notna(), np.nan)


def as_number(column: pd.Series) -> pd.Series:
    """Return a column as floats, infinities turned into missing values."""
    # numpy, not Series.replace: replace costs about a millisecond a column, which was
    # most of a 3,000-column table's preparation (2.8 of 3.6 CPU-s, bench/BUDGET.md).
    values = column.astype(float).to_numpy(copy=True)
    values[np.isinf(values)] = np.nan
    return pd.Series(values, index=column.index, name=column.name)


def as_text_feature(column: pd.Series) -> pd.Series:
    """Return a text column as strings: missing text is empty, long text is cut.

    The TF-IDF encoder takes one string per row and refuses missing values; an empty text
    is what a missing one means to it (no n-grams).
    """
    text = column.astype(str).astype(object).where(column.notna(), "")
    return text.str.slice(0, MAX_TEXT_CHARS).astype(object)


def as_dates(column: pd.Series) -> pd.Series:
    """Return a column as naive datetimes in UTC; values that are not dates become NaT.

    Text is parsed with one format inferred from the values first (fast); when that leaves
    more than a tenth of the values unread, each value is parsed on its own (slower, but it
    reads columns that mix formats).
    """
    if isinstance(column.dtype, pd.PeriodDtype):
        column = column.dt.to_timestamp()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        parsed = pd.to_datetime(column, utc=True)
    else:
        present = column.notna()
        text = column.astype(str).where(present, None)
        try:
            parsed = pd.to_datetime(text, errors="coerce", utc=True)
        except (ValueError, TypeError):
            parsed = pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns, UTC]")
        if int((parsed.isna() & present).sum()) > 0.1 * max(int(present.sum()), 1):
            parsed = pd.to_datetime(text, errors="coerce", utc=True, format="mixed")
    return pd.Series(parsed.dt.tz_convert(None), index=column.index, name=column.name)


def has_time_of_day(column: pd.Series) -> bool:
    """Return True when some (parsed) date in the column has a time other than midnight."""
    values = column.dropna()
    if len(values) == 0:
        return False
    return bool((values != values.dt.normalize()).any())


def calendar_features(X: pd.DataFrame, hours: Sequence[str] = ()) -> pd.DataFrame:
    """Return the calendar features of each date column of ``X`` (datetime64 columns).

    Year, month, day of month, day of week (Monday is 0), the hour for the columns named in
    ``hours``, and the elapsed days since 1970-01-01 (which lets a model follow a trend).
    A missing date gives missing features, which the pipeline's imputer fills.

    Examples
    --------
    >>> X = pd.DataFrame({"d": pd.to_datetime(["2024-01-31 08:30", None])})
    >>> calendar_features(X, hours=["d"]).iloc[0].tolist()
    [2024.0, 1.0, 31.0, 2.0, 8.0, 19753.354166666668]
    """
    out: dict[str, pd.Series] = {}
    for column in X.columns:
        values = pd.to_datetime(X[column])
        parts = values.dt
        out[f"{column}__year"] = parts.year.astype(float)
        out[f"{column}__month"] = parts.month.astype(float)
        out[f"{column}__day"] = parts.day.astype(float)
        out[f"{column}__weekday"] = parts.day_of_week.astype(float)
        if column in hours:
            out[f"{column}__hour"] = parts.hour.astype(float)
        seconds = (values.to_numpy(dtype="datetime64[s]") - _EPOCH).astype(float)
        seconds[values.isna().to_numpy()] = np.nan
        out[f"{column}__elapsed_days"] = pd.Series(seconds / 86400.0, index=X.index)
    return pd.DataFrame(out, index=X.index)


def date_width(dates: Sequence[str], hours: Sequence[str]) -> int:
    """Return how many columns :func:`calendar_features` makes."""
    return (len(CALENDAR_PARTS) - 1) * len(dates) + len([c for c in dates if c in hours])


def describe_text(style: str, components: int = TEXT_COMPONENTS) -> str:
    """Return, in words, how a text column of ``style`` is encoded."""
    how = (
        "character n-grams (1 to 4 characters, within words)"
        if style == "char"
        else "words and word pairs"
    )
    return (
        f"TF-IDF of {how}: kept sparse for the baseline and the linear model, reduced by "
        f"truncated SVD to {components} columns for the trees and boosting"
    )


def features_record(
    text: Mapping[str, str],
    dates: Sequence[str],
    hours: Sequence[str],
    components: Mapping[str, int] | None = None,
) -> dict[str, list[dict[str, object]]]:
    """Return the study.json record of the text and date columns and how each was encoded."""
    components = components or {}
    return {
        "text": [
            {
                "column": column,
                "style": style,
                "encoding": describe_text(style, components.get(column, TEXT_COMPONENTS)),
            }
            for column, style in text.items()
        ],
        "dates": [
            {
                "column": column,
                "features": [
                    f"{column}__{part}"
                    for part in CALENDAR_PARTS
                    if part != "hour" or column in hours
                ],
            }
            for column in dates
        ],
    }
