"""Run every check on a table for one target, before anything is fit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from diveml.audit._columns import COLUMN_CHECKS, ROW_CHECKS
from diveml.audit._context import AuditContext
from diveml.audit._findings import AuditResult, sort_findings
from diveml.audit._leakage import check_leakage
from diveml.audit._profile import profile_columns
from diveml.audit._target import check_target, class_counts
from diveml.audit._types import looks_like_dates, sample_values
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError, option, spell

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["audit"]


def _check_names(
    frame: pd.DataFrame,
    target: str,
    group: str | None,
    time: str | None,
    keep: Sequence[str],
    drop: Sequence[str],
) -> None:
    columns = [str(c) for c in frame.columns]
    if target not in frame.columns:
        raise ColumnNotFoundError(target, columns, option="target")
    for name, given in (("group", group), ("time", time)):
        if given is not None and given not in frame.columns:
            raise ColumnNotFoundError(given, columns, option=f"{option(name, bare=True)} column")
    for which, names in (("keep", keep), ("drop", drop)):
        for name in names:
            if name not in frame.columns:
                raise ColumnNotFoundError(
                    name, columns, option=f"{option(which, bare=True)} column"
                )
            if name == target:
                raise InvalidOptionError(
                    f"{option(which, bare=True)} {name!r} names the target, which is never a feature. "
                    f"Remove {name!r} from {option(which, bare=True)}."
                )
    both = sorted(set(keep) & set(drop))
    if both:
        raise InvalidOptionError(
            f"{', '.join(repr(c) for c in both)} is named in both {option('keep', bare=True)} and "
            f"{option('drop', bare=True)}. Keep it "
            "or drop it, not both."
        )
    if group is not None and group == target:
        raise InvalidOptionError(
            f"{option('group', group)} is the target. Pass a column that says which rows belong "
            "together (a patient, a customer, a race)."
        )
    if time is not None and time == target:
        raise InvalidOptionError(
            f"{option('time', time)} is the target. Pass the column that holds each row's date."
        )


def _hashable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame``, with cells that cannot be hashed (lists, dicts) written as text.

    Counting, grouping and duplicate checks all hash values; a JSON lines file with nested
    records would otherwise fail deep inside pandas. The caller's frame is not changed.
    """
    from pandas.api import types

    replaced: dict[str, pd.Series] = {}
    for name, dtype in zip(frame.columns.tolist(), frame.dtypes.tolist(), strict=True):
        if not types.is_object_dtype(dtype):
            continue
        column = frame[name]
        try:
            column.nunique()
        except TypeError:
            replaced[name] = column.map(lambda v: v if _is_hashable(v) else repr(v))
    if not replaced:
        return frame
    return frame.assign(**replaced)


def _is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _check_group(frame: pd.DataFrame, group: str, folds: int) -> None:
    # The holdout takes some groups and every fold needs its own: folds + 1 at the least.
    groups = int(frame[group].nunique(dropna=False))
    if groups < folds + 1:
        raise InvalidOptionError(
            f"{option('group', group)} has only {groups} distinct value(s); a grouped split needs at "
            f"least {folds + 1} (one or more for the holdout, and one per each of the {folds} "
            "folds). Pass a column that says which rows belong together (a patient, a "
            f"customer), or fewer folds with {option('folds', max(2, groups - 1))}."
        )


def _check_time(frame: pd.DataFrame, time: str) -> None:
    from pandas.api import types

    series = frame[time]
    if types.is_datetime64_any_dtype(series.dtype) or (
        types.is_numeric_dtype(series.dtype) and not types.is_bool_dtype(series.dtype)
    ):
        return
    values = sample_values(series)
    if len(values) and looks_like_dates(values.astype(str)):
        return
    example = f" such as {str(values.iloc[0])!r}" if len(values) else ""
    raise InvalidOptionError(
        f"{option('time', time)} must hold dates or numbers that order the rows in time, but it "
        f"holds values{example} that are not read as dates. Pass the column with each row's "
        "date, or convert it first with pandas.to_datetime."
    )


def audit(
    frame: pd.DataFrame,
    target: str,
    *,
    task: str | None = None,
    folds: int = 5,
    group: str | None = None,
    time: str | None = None,
    keep: Sequence[str] = (),
    drop: Sequence[str] = (),
    seed: int = 0,
) -> AuditResult:
    """Check ``frame`` for predicting ``target`` before anything is fit.

    Parameters
    ----------
    frame
        The whole table, target included (it is not changed).
    target
        The column to predict.
    task
        ``binary``, ``multiclass`` or ``regression``; inferred from the target when omitted.
    folds
        The number of cross-validation folds the study will use (every class needs that
        many rows).
    group, time
        The columns the study splits by; they are checked and left out of the features.
    keep
        Columns to use as features even when a check would leave them out.
    drop
        Columns to leave out whatever the checks say.
    seed
        Seed of the row sample the leakage check uses.

    Returns
    -------
    AuditResult
        The task, the findings (most severe first), the excluded columns with their reasons,
        and the type of each remaining feature.

    Raises
    ------
    ColumnNotFoundError
        ``target``, ``group``, ``time`` or a ``keep``/``drop`` name is not a column.
    TargetError
        The target has one value, is all missing, or has a class with fewer rows than
        ``folds``.

    Examples
    --------
    >>> from diveml.data import load_dataset
    >>> result = audit(load_dataset("titanic"), "survived")
    >>> result.task, result.excluded
    ('binary', {})
    """
    # The audit's matrices are small: one BLAS thread is fastest, and on a busy machine a
    # pool of threads spinning up cost more than the whole audit (measured: ~1 s of 2).
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _audit(frame, target, task, folds, group, time, list(keep), list(drop), seed)


def _audit(
    frame: pd.DataFrame,
    target: str,
    task: str | None,
    folds: int,
    group: str | None,
    time: str | None,
    keep: list[str],
    drop: list[str],
    seed: int,
) -> AuditResult:
    frame = _checked_frame(frame, target, folds, group, time, keep, drop)
    chosen, target_findings, target_missing = check_target(frame, target, task, folds)
    ctx = AuditContext(
        frame=frame,
        target=target,
        task=chosen,
        folds=folds,
        seed=seed,
        keep=frozenset(keep),
        group=group,
        time=time,
    )
    ctx.findings += target_findings
    _exclude_asked_and_split_columns(ctx, drop)
    dropped = set(drop)
    features = [c for c in ctx.columns if c != target and c not in dropped]
    _run_checks(ctx, features, drop)
    return _result(ctx, features, target_missing)


def _checked_frame(
    frame: pd.DataFrame,
    target: str,
    folds: int,
    group: str | None,
    time: str | None,
    keep: list[str],
    drop: list[str],
) -> pd.DataFrame:
    """Check the options and the column names; return the frame ready for the checks."""
    if folds < 2:
        raise InvalidOptionError(
            f"{option('folds', folds)} is too few: cross-validation needs at least 2 folds. "
            f"Pass {option('folds', 5)} (the default) or another number of 2 or more."
        )
    if not frame.columns.is_unique or any(not isinstance(c, str) for c in frame.columns):
        # read_table guarantees unique string names; a frame passed in directly may not.
        from diveml.data._read import check_column_names

        names = [str(c) for c in frame.columns]
        check_column_names(names, "the table")
        frame = frame.set_axis(names, axis=1)
    _check_names(frame, target, group, time, keep, drop)
    frame = _hashable(frame)
    if time is not None:
        _check_time(frame, time)
    if group is not None:
        _check_group(frame, group, folds)
    return frame


def _exclude_asked_and_split_columns(ctx: AuditContext, drop: list[str]) -> None:
    """Leave out the columns named in ``drop`` and those the split is drawn by."""
    for name in drop:
        ctx.excluded[name] = spell(f"named in {option('drop', bare=True)}")
        ctx.exclusion_codes[name] = "dropped"
    for split_column, which in ((ctx.group, "group"), (ctx.time, "time")):
        if split_column is not None and split_column not in drop:
            ctx.add(
                f"{which}_column",
                "info",
                split_column,
                f"Column {split_column!r} decides the split ({option(which, bare=True)}), so it is not used "
                "as a feature.",
                f"Pass {option('keep', [split_column])} to use it as a feature as well.",
                exclude=f"used to split the rows ({option(which, bare=True)})",
            )


def _run_checks(ctx: AuditContext, features: list[str], drop: list[str]) -> None:
    """Profile the feature columns, then run the column, leakage and row checks in order."""
    profile = profile_columns(ctx.frame, features)
    ctx.missing, ctx.unique, ctx.types = profile.missing, profile.unique, profile.types
    ctx.integer_like, ctx.plain_numeric = profile.integer_like, profile.plain_numeric
    ctx.dtypes = dict(zip(ctx.columns, ctx.frame.dtypes.tolist(), strict=True))
    for check in COLUMN_CHECKS:
        check(ctx)
    check_leakage(ctx)
    for check in ROW_CHECKS:
        check(ctx)
    if drop:
        ctx.add(
            "dropped",
            "info",
            None,
            f"Left out because you passed {option('drop', bare=True)}: {', '.join(repr(c) for c in drop)}.",
            "Nothing to do.",
        )


def _result(ctx: AuditContext, features: list[str], target_missing: int) -> AuditResult:
    """The audit's result: the findings, most severe first, and what stays a feature."""
    feature_types = {c: ctx.types[c] for c in features if c not in ctx.excluded or c in ctx.keep}
    classes: dict[str, int] = {}
    if ctx.task != "regression":
        classes = {str(k): int(v) for k, v in class_counts(ctx.frame[ctx.target].dropna()).items()}
    return AuditResult(
        task=ctx.task,
        findings=sort_findings(ctx.findings),
        excluded={c: r for c, r in ctx.excluded.items() if c not in ctx.keep},
        feature_types=feature_types,
        column_types=dict(ctx.types),
        target=ctx.target,
        target_missing_rows=target_missing,
        classes=classes,
        exclusion_codes={c: k for c, k in ctx.exclusion_codes.items() if c not in ctx.keep},
    )
