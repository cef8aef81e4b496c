"""Checks on the feature columns and rows: one small function per check.

Each check reads the :class:`AuditContext`, adds findings and may exclude columns. They
run in the order of :data:`COLUMN_CHECKS`; later checks skip what earlier ones excluded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from diveml.audit._context import AuditContext
from diveml.audit._types import is_id_name, plain, sample_values, value_kinds
from diveml.exceptions import option

# The models read at most this many characters of each text value; the limit is theirs
# (diveml.study._features), the audit notes it. Defined there so that `diveml predict`,
# which converts text as the models take it, does not import the audit.
from diveml.study._features import MAX_TEXT_CHARS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMN_CHECKS", "ROW_CHECKS"]

HEAVY_MISSING = 0.5
SOME_MISSING = 0.05
MIN_ROWS_FOR_UNIQUE = 20


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.01 else f"{100 * share:.2f}%"


def check_read_notes(ctx: AuditContext) -> None:
    """Show what the reader had to guess (delimiter, encoding, sheet) as info findings."""
    from diveml.data._read import READ_NOTES_KEY

    info = ctx.frame.attrs.get(READ_NOTES_KEY) or {}
    for note in info.get("notes", []):
        ctx.add("read_note", "info", None, note, "Nothing to do if the table looks right.")


def check_all_missing(ctx: AuditContext) -> None:
    """Exclude columns with no values at all."""
    rows = len(ctx.frame)
    empty = [c for c in ctx.candidates() if ctx.missing[c] == rows]
    ctx.add_each(
        "all_missing",
        "warning",
        empty,
        lambda c: (
            f"Column {c!r} has no values at all (all {rows} rows are missing); it is left out."
        ),
        lambda c: (
            f"Check the export that produced the table, or pass {option('drop', [c])} to say so."
        ),
        summary="have no values at all and are left out",
        summary_fix="Check the export that produced the table.",
        exclude=lambda c: "every value is missing",
    )


def check_missing(ctx: AuditContext) -> None:
    """Warn on heavily missing columns, note the others with missing values."""
    rows = len(ctx.frame)
    heavy = [c for c in ctx.candidates() if HEAVY_MISSING * rows <= ctx.missing[c] < rows]
    some = [
        c for c in ctx.candidates() if SOME_MISSING * rows <= ctx.missing[c] < HEAVY_MISSING * rows
    ]

    def message(column: str) -> str:
        return (
            f"Column {column!r} is {_pct(ctx.missing[column] / rows)} missing "
            f"({ctx.missing[column]} of {rows} rows). The study fills the gaps from the "
            "training rows of each fold (median, or a 'missing' category)."
        )

    ctx.add_each(
        "heavy_missing",
        "warning",
        heavy,
        message,
        lambda c: (
            f"Find out why values are missing; if the column is mostly noise, pass {option('drop', [c])}."
        ),
        summary=f"are {_pct(HEAVY_MISSING)} or more missing",
        summary_fix="Find out why values are missing; drop columns that are mostly empty.",
    )
    ctx.add_each(
        "missing_values",
        "info",
        some,
        message,
        lambda c: (
            "Nothing to do unless the rows missing it differ from the others in a way you can explain."
        ),
        summary=f"are {_pct(SOME_MISSING)} to {_pct(HEAVY_MISSING)} missing",
        summary_fix="Nothing to do unless the missing rows differ in a way you can explain.",
    )


def check_constant(ctx: AuditContext) -> None:
    """Exclude columns with a single value: they cannot tell rows apart."""
    rows = len(ctx.frame)
    constant = [c for c in ctx.candidates() if ctx.unique[c] == 1 and ctx.missing[c] == 0]
    ctx.add_each(
        "constant",
        "info",
        constant,
        lambda c: (
            f"Column {c!r} has the same value in every row "
            f"({plain(ctx.frame[c].iloc[0])!r}); it cannot help a prediction and is left out."
        ),
        lambda c: f"Nothing to do; pass {option('keep', [c])} to use it anyway.",
        summary="have the same value in every row and are left out",
        summary_fix="Nothing to do.",
        exclude=lambda c: "same value in every row",
    )
    # One value plus missing cells: only "missing or not" carries information.
    near = [c for c in ctx.candidates() if ctx.unique[c] == 1 and 0 < ctx.missing[c] < rows]
    ctx.add_each(
        "constant_or_missing",
        "info",
        near,
        lambda c: (
            f"Column {c!r} has one value ({plain(sample_values(ctx.frame[c], 1).iloc[0])!r}) where "
            f"it is not missing; only whether it is missing can carry information."
        ),
        lambda c: (
            f"If 'missing or not' is what matters, make it explicit: "
            f"df[{c!r}].notna().astype(int); otherwise pass {option('drop', [c])}."
        ),
        summary="have one value where they are not missing",
        summary_fix="Nothing to do.",
    )


def _whole_numbers(series: pd.Series) -> bool:
    from pandas.api import types

    return types.is_integer_dtype(series.dtype) and not types.is_bool_dtype(series.dtype)


def _id_reason(ctx: AuditContext, column: str) -> str | None:
    """Return why ``column`` looks like a row identifier, or None."""
    rows = len(ctx.frame)
    present = rows - ctx.missing[column]
    if rows < MIN_ROWS_FOR_UNIQUE or present < 0.95 * rows or ctx.unique[column] != present:
        return None
    kind = ctx.types[column]
    if kind == "numeric" and column in ctx.plain_numeric and column not in ctx.integer_like:
        return None  # numbers with decimals are measurements, not identifiers
    series = ctx.frame[column]
    named = is_id_name(column)
    if kind == "numeric" and (column in ctx.integer_like or _whole_numbers(series)):
        values = series.dropna()
        span = float(values.max()) - float(values.min()) + 1
        ordered = values.is_monotonic_increasing or values.is_monotonic_decreasing
        if named or ordered or span <= 2 * present:
            detail = (
                "counts up row by row" if ordered else "is a different whole number in every row"
            )
            return f"{detail}{' and its name says so' if named else ''}"
        return None
    if kind in {"categorical", "text"}:
        texts = sample_values(series).astype(str)
        no_spaces = (~texts.str.contains(r"\s", regex=True)).mean() >= 0.95
        digits = texts.str.contains(r"\d", regex=True).mean()
        same_length = texts.str.len().std() <= 1.0 if len(texts) > 1 else True
        if no_spaces and (named or digits >= 0.9 or (same_length and digits >= 0.5)):
            return "is a different code in every row"
    return None


def check_id_like(ctx: AuditContext) -> None:
    """Exclude row identifiers: unique per row, they can only memorise rows."""
    reasons = {c: r for c in ctx.candidates() if (r := _id_reason(ctx, c)) is not None}
    ctx.add_each(
        "id_like",
        "warning",
        list(reasons),
        lambda c: (
            f"Column {c!r} looks like a row identifier: it {reasons[c]}. A model could only "
            "memorise it, so it is left out."
        ),
        lambda c: f"If {c!r} really measures something, pass {option('keep', [c])}.",
        summary="look like row identifiers (a different value in every row) and are left out",
        summary_fix=f"Pass {option('keep', ['COLUMN'])} for any that really measure something.",
        exclude=lambda c: "looks like a row identifier",
    )


def check_unique_text(ctx: AuditContext) -> None:
    """Note text columns with a different value in every row (free text, not categories)."""
    rows = len(ctx.frame)
    hit = [
        c
        for c in ctx.candidates()
        if ctx.types[c] == "text"
        and rows >= MIN_ROWS_FOR_UNIQUE
        and ctx.unique[c] >= 0.9 * (rows - ctx.missing[c])
    ]
    ctx.add_each(
        "unique_text",
        "info",
        hit,
        lambda c: (
            f"Column {c!r} has a different text in {_pct(ctx.unique[c] / max(rows - ctx.missing[c], 1))} "
            "of its rows, so its values cannot be learned as categories: each one is seen "
            "once. The study models it as free text (TF-IDF of its character n-grams or "
            "words, fitted inside each pipeline)."
        ),
        lambda c: (
            f"Nothing to do if the text of {c!r} may matter; if it is a name or a free "
            f"comment that should not, {option('drop', [c])} says so explicitly."
        ),
        summary="have a different text in (almost) every row",
        summary_fix="Drop the ones that should not matter, or extract the part that does.",
    )


def check_high_cardinality(ctx: AuditContext) -> None:
    """Note categorical columns with very many distinct values."""
    rows = len(ctx.frame)
    hit = [
        c
        for c in ctx.candidates()
        if ctx.types[c] == "categorical" and ctx.unique[c] > max(50, 0.2 * rows)
    ]
    ctx.add_each(
        "high_cardinality",
        "info",
        hit,
        lambda c: (
            f"Column {c!r} has {ctx.unique[c]} distinct values in {rows} rows; most values are "
            "too rare to learn from, so rare values are best grouped together."
        ),
        lambda c: (
            f"Group values into broader categories if you know how; or pass {option('drop', [c])}."
        ),
        summary="have very many distinct values",
        summary_fix="Group values into broader categories where you know how.",
    )


def check_dates_as_text(ctx: AuditContext) -> None:
    """Flag dates written as text, and date columns in general when no time column is given."""
    from pandas.api import types

    for column in ctx.candidates():
        if ctx.types[column] != "datetime" or column == ctx.time:
            continue
        series = ctx.frame[column]
        as_text = not types.is_datetime64_any_dtype(series.dtype)
        example = sample_values(series, 1)
        shown = f" (e.g. {str(example.iloc[0])!r})" if len(example) else ""
        written = "holds dates written as text" if as_text else "holds dates"
        if as_text:
            written += _not_dates(series)
        ctx.add(
            "date_as_text" if as_text else "date_column",
            "warning",
            column,
            f"Column {column!r} {written}{shown}; the study turns them into calendar "
            "features (year, month, day, day of week, hour when there are times, days since "
            "1970). When rows are spread over time, a random split lets rows from the future "
            "help predict the past, which makes scores look better than they will be.",
            f"If you will predict future rows, pass {option('time', column)} so the holdout is the most "
            "recent rows.",
        )


def _not_dates(series: pd.Series) -> str:
    """Say which values of a text date column do not read as dates (they become missing)."""
    from diveml.audit._types import parse_dates

    values = series.dropna().astype(str)
    parsed = parse_dates(values)  # differing UTC offsets (daylight saving) read as UTC
    odd = values[parsed.isna()]
    if len(odd) == 0:
        return ""
    shown = ", ".join(repr(v) for v in odd.value_counts().index[:3])
    return f" except {len(odd)} value(s) that are not dates ({shown}), which are treated as missing"


def check_long_text(ctx: AuditContext) -> None:
    """Note text columns whose values are cut to MAX_TEXT_CHARS characters for the models."""
    for column in ctx.candidates():
        if ctx.types[column] != "text":
            continue
        lengths = ctx.frame[column].dropna().astype(str).str.len()
        longest = int(lengths.max()) if len(lengths) else 0
        if longest > MAX_TEXT_CHARS:
            ctx.add(
                "long_text",
                "info",
                column,
                f"Column {column!r} holds texts of up to {longest:,} characters "
                f"({int((lengths > MAX_TEXT_CHARS).sum())} longer than {MAX_TEXT_CHARS:,}); "
                f"the models read the first {MAX_TEXT_CHARS:,} characters of each, so that a "
                "few huge values cannot take over the fit time and memory.",
                "Nothing to do unless what matters sits at the end of long texts; then "
                "extract that part into a column of its own.",
            )


def check_infinite(ctx: AuditContext) -> None:
    """Warn on infinite values (usually a division by zero upstream)."""
    import pandas as pd
    from pandas.api import types

    floats = [c for c in ctx.candidates() if types.is_float_dtype(ctx.dtypes[c])]
    if not floats:
        return
    block = ctx.frame[floats].to_numpy(dtype=float, na_value=np.nan)
    counts = pd.Series(np.isinf(block).sum(axis=0), index=floats)
    hit = [c for c in floats if counts[c] > 0]
    ctx.add_each(
        "infinite_values",
        "warning",
        hit,
        lambda c: (
            f"Column {c!r} has {counts[c]} infinite value(s) (inf or -inf), usually from a "
            "division by zero; the study treats them as missing."
        ),
        lambda c: (
            f"Fix the computation that produced them, or replace them: "
            f"df[{c!r}].replace([np.inf, -np.inf], np.nan)."
        ),
        summary="have infinite values, treated as missing",
        summary_fix="Fix the computation that produced them, or replace them with missing values.",
    )


def check_mixed_types(ctx: AuditContext) -> None:
    """Warn on columns mixing numbers and text (or other kinds of value)."""
    import pandas as pd
    from pandas.api import types

    for column in ctx.candidates():
        if column in ctx.plain_numeric or ctx.types[column] == "datetime":
            continue
        series = ctx.frame[column]
        if types.is_numeric_dtype(series.dtype):
            continue
        if not (types.is_object_dtype(series.dtype) or types.is_string_dtype(series.dtype)):
            continue
        values = sample_values(series, 2000)
        if len(values) == 0:
            continue
        kinds = (
            value_kinds(values) if types.is_object_dtype(series.dtype) else {"text": len(values)}
        )
        if len(kinds) > 1:
            listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
            ctx.add(
                "mixed_types",
                "warning",
                column,
                f"Column {column!r} mixes kinds of values (in {len(values)} sampled: {listed}); "
                "the study treats every value as text.",
                f"Convert {column!r} to one type before the study, e.g. "
                f"pandas.to_numeric(df[{column!r}], errors='coerce') for numbers.",
            )
            continue
        texts = values.astype(str).str.strip()
        numeric = pd.to_numeric(texts, errors="coerce").notna()
        if 0.5 <= numeric.mean() < 1.0:
            odd = texts[~numeric].value_counts().index[:3]
            shown = ", ".join(repr(v) for v in odd)
            ctx.add(
                "mixed_types",
                "warning",
                column,
                f"Column {column!r} holds numbers, except {int((~numeric).sum())} of "
                f"{len(values)} sampled values such as {shown}; so it was read as text and is "
                "treated as categories.",
                f"Turn those values into empty cells (pandas.read_csv(..., na_values=[{odd[0]!r}])"
                " or edit the file) so the column is read as numbers.",
            )


def _row_keys(frame: pd.DataFrame, seed: int) -> pd.Series:
    """One hash per row; equal rows get equal keys.

    Numeric columns are folded into two random integer combinations of their bit patterns
    (wrapping 64-bit arithmetic, so no overflow, and 10,000 columns cost one product);
    two distinct rows colliding on both is vanishingly unlikely. Other columns are hashed
    by pandas.
    """
    import pandas as pd

    from diveml.audit._profile import plain_numeric

    columns = frame.columns.tolist()
    numeric = plain_numeric(frame, columns)
    numeric_set = set(numeric)
    others = [c for c in columns if c not in numeric_set]
    parts: dict[str, object] = {}
    if numeric:
        block = frame[numeric].to_numpy(dtype=float, na_value=np.nan) + 0.0  # -0.0 -> 0.0
        block[np.isnan(block)] = np.nan  # one bit pattern for every missing value
        bits = np.ascontiguousarray(block).view(np.uint64)
        weights = np.random.default_rng(seed).integers(
            1, 2**63, size=(len(numeric), 2), dtype=np.uint64
        )
        weights |= np.uint64(1)
        keys = bits @ weights
        parts["k0"], parts["k1"] = keys[:, 0], keys[:, 1]
    if others:
        parts["h"] = pd.util.hash_pandas_object(frame[others], index=False).to_numpy()
    return pd.util.hash_pandas_object(pd.DataFrame(parts), index=False)


def check_duplicate_rows(ctx: AuditContext) -> None:
    """Warn on exact duplicate rows: copies can land on both sides of the holdout."""
    rows = len(ctx.frame)
    copies = int(_row_keys(ctx.frame, ctx.seed).duplicated().sum())
    if copies == 0:
        return
    share = copies / rows
    ctx.add(
        "duplicate_rows",
        "warning" if share >= 0.01 else "info",
        None,
        (
            f"{copies} rows ({_pct(share)}) are exact copies of earlier rows."
            if copies > 1
            else f"1 row ({_pct(share)}) is an exact copy of an earlier row."
        )
        + " A copy can land in "
        "the training rows while its twin is in the holdout, which makes scores look better "
        "than they are.",
        _duplicate_fix(ctx),
    )


def _duplicate_fix(ctx: AuditContext) -> str:
    """The fix for duplicate rows: a group split only with a column of this table that could group."""
    fix = "If the copies are data errors, drop them first (df.drop_duplicates())"
    if ctx.group is not None:
        return fix + f"; {option('group', ctx.group)} already keeps each group on one side."
    rows = len(ctx.frame)
    groups = [
        c
        for c in ctx.frame.columns
        if c != ctx.target and is_id_name(str(c)) and 1 < ctx.unique.get(c, 0) < 0.9 * rows
    ]
    if groups:
        return (
            fix + f"; if repeated rows are real, keep each {groups[0]!r} on one side of the "
            f"split with {option('group', groups[0])}."
        )
    return fix + "; if repeated rows are real, the holdout score may be a little optimistic."


def check_wide_table(ctx: AuditContext) -> None:
    """Note tables with very many columns, or more columns than rows."""
    rows, columns = ctx.frame.shape
    if columns >= 1000:
        ctx.add(
            "wide_table",
            "info",
            None,
            f"The table has {columns} columns; checks that fit models (leakage) look at a "
            "sample of rows and the most promising columns only, and the study will be slower.",
            "Drop columns you know are irrelevant to make the study faster.",
        )
    if columns - 1 > rows:
        ctx.add(
            "more_columns_than_rows",
            "warning",
            None,
            f"The table has more feature columns ({columns - 1}) than rows ({rows}); flexible "
            "models will find patterns that are only noise.",
            "Collect more rows, or keep only the columns you have a reason to use.",
        )


COLUMN_CHECKS: tuple[Callable[[AuditContext], None], ...] = (
    check_read_notes,
    check_all_missing,
    check_constant,
    check_id_like,
    check_missing,
    check_mixed_types,
    check_infinite,
    check_dates_as_text,
    check_unique_text,
    check_long_text,
    check_high_cardinality,
)
ROW_CHECKS: tuple[Callable[[AuditContext], None], ...] = (check_duplicate_rows, check_wide_table)
