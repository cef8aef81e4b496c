"""The study protocol, end to end: read, audit, lock, climb, choose, curve, score, record."""

from __future__ import annotations

import json
import math
import re
import time as _time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml import __version__
from diveml.config import Settings, resolve_settings
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError, StudyError, option
from diveml.outputs import check_folder, make_folder
from diveml.study import _ledger
from diveml.study._budget import fit_seconds
from diveml.study._curve import FRACTIONS, learning_curve_section
from diveml.study._evaluate import (
    GAP_RULE,
    Predictions,
    bootstrap_ci,
    diagnostics,
    expected_range,
    other_metrics,
    score,
)
from diveml.study._features import (
    date_width,
    features_record,
    has_time_of_day,
    text_components,
    text_styles,
    text_width,
)
from diveml.study._ladder import (
    RUNGS,
    Rung,
    build_pipeline,
    encoded_width,
    many_valued_columns,
    pipeline_code,
    run_rung,
)
from diveml.study._model import save_model
from diveml.study._novelty import training_profile
from diveml.study._options import (
    POSITIVE_LABEL_METRICS,
    TASKS,
    StudyOptions,
    check_metric,
    check_options,
)
from diveml.study._reproduce import load_code, split_code
from diveml.study._result import ARTIFACTS, FORMAT, FORMAT_VERSION, StudyResult
from diveml.study._select import select
from diveml.study._split import (
    cv_splitter,
    fingerprint_frame,
    holdout_fingerprint,
    lock_holdout,
    prepare,
    sample_rows,
)

__all__ = ["ARTIFACTS", "Progress", "Study", "study"]

Progress = Callable[[str, str], None]


# How many table cells (rows x encoded columns) the ladder may cross-validate per second of
# budget. Measured on one core of the 2-core machine the study targets: at 2,500 cells per
# second the 50,000 x 50 benchmark table's ladder took 15 s of a 120 s budget (the random
# forest and gradient boosting dominate); 5,000 aims at about a quarter of the budget for
# the ladder, leaving room for the learning curve, the final fit on every row and the rest.
CELLS_PER_SECOND = 5000
# Later rungs are skipped once the ladder has used this share of the budget.
LADDER_SHARE = 0.5
# The learning curve shrinks its rows to end by this share of the budget.
CURVE_SHARE = 0.8
# The final fit may always use at least this share of the budget, even once it is spent.
FINAL_SHARE = 0.25
# ... and never less than this: a final fit this short is always made on every row.
FINAL_MIN_SECONDS = 5.0
# Categorical columns with at most this many values are shown segment by segment.
MAX_SEGMENT_VALUES = 12


class Study:
    """A finished study: its numbers, fitted model, folder and report.

    ``result_`` is the typed :class:`~diveml.study.StudyResult`; ``result`` is the same as
    plain data, exactly the content of study.json. ``pipeline_`` is the chosen scikit-learn
    pipeline, fitted on every training row (a sample when the budget is short).
    """

    submission: Any = None  # a _submission.Submission when the study was given --test

    def __init__(
        self, result: StudyResult, pipeline: Any, out_dir: Path, report: Any = None
    ) -> None:
        self.result_ = result
        self.result: dict[str, Any] = result.to_dict()
        self.pipeline_ = pipeline
        self.out_dir = out_dir
        self.report = report

    @property
    def report_path(self) -> Path:
        """The HTML report's path (it exists once the report package has written it)."""
        return self.out_dir / ARTIFACTS["report_html"]

    def __repr__(self) -> str:
        r = self.result_
        h = r.holdout
        return (
            f"<Study {r.id!r}: {r.target!r} ({r.task}), chosen {r.chosen.name!r}, holdout "
            f"{r.metric} {_fmt(h.score)} [{_fmt(h.ci_low)}, {_fmt(h.ci_high)}]>"
        )

    def _repr_html_(self) -> str:
        if self.report is not None and hasattr(self.report, "_repr_html_"):
            return str(self.report._repr_html_())
        import html

        r = self.result_
        rows = "".join(
            f"<tr><td>{html.escape(rung.label)}</td><td>{_fmt(rung.cv_mean)}</td>"
            f"<td>{_fmt(rung.cv_std)}</td><td>{html.escape(rung.status)}</td></tr>"
            for rung in r.ladder
        )
        h = r.holdout
        return (
            f"<div><strong>Study {html.escape(r.id)}</strong>: predict "
            f"<code>{html.escape(r.target)}</code> ({r.task}, {r.metric})"
            f"<p>{html.escape(r.selection.explanation)}</p>"
            f"<p>Holdout {r.metric}: {_fmt(h.score)} (95% CI {_fmt(h.ci_low)} to "
            f"{_fmt(h.ci_high)}, {h.rows} rows, scored {h.times_scored} time(s))</p>"
            "<table><tr><th>rung</th><th>CV mean</th><th>CV std</th><th>status</th></tr>"
            f"{rows}</table><p>Folder: {html.escape(str(self.out_dir))}</p></div>"
        )


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _slug(name: str) -> str:
    stem = Path(name).stem if "." in name else name
    return re.sub(r"[^A-Za-z0-9_]+", "-", stem).strip("-").lower() or "data"


def _write_atomic(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _check_task(y: pd.Series, task: str | None, target: str) -> None:
    """Refuse a ``task`` that the target's values cannot support."""
    if task is None:
        return
    values = y.dropna()
    distinct = values.nunique()
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if task == "regression" and not numeric:
        example = values.iloc[0] if len(values) else None
        raise InvalidOptionError(
            f"«task='regression'» needs a numeric target, but {target!r} holds values such as "
            f"{example!r}. Pass «task='binary'» or «task='multiclass'», or leave «task» out.",
            option="task",
            value=task,
        )
    if task == "binary" and distinct != 2:
        raise InvalidOptionError(
            f"«task='binary'» needs a target with 2 values, but {target!r} has {distinct}. "
            "Pass «task='multiclass'» (or «task='regression'» for a numeric target), or leave "
            "«task» out.",
            option="task",
            value=task,
        )
    if task == "multiclass" and distinct <= 2:
        raise InvalidOptionError(
            f"«task='multiclass'» needs a target with 3 or more values, but {target!r} has "
            f"{distinct}. Pass «task='binary'», or leave «task» out.",
            option="task",
            value=task,
        )


def _check_out(out: str | Path | None, data: Any, force: bool) -> Path | None:
    """Refuse an ``--out`` folder the study cannot or must not write, before any work."""
    if out is None:
        return None
    out_path = Path(out)
    if (out_path / ARTIFACTS["study_json"]).is_file():
        raise InvalidOptionError(
            f"--out {str(out_path)!r} already holds a study (study.json); it was left as it is. "
            "Choose another folder."
        )
    writes = list(ARTIFACTS.values()) + (["data.parquet"] if isinstance(data, pd.DataFrame) else [])
    inputs = [("DATA", data)] if isinstance(data, (str, Path)) else []
    return check_folder(out_path, option="--out", writes=writes, inputs=inputs, force=force)


def _new_id(name: str, settings: Settings, out: Path | None) -> tuple[str, str, Path]:
    created = _ledger.now()
    stamp = created[:19].replace("-", "").replace(":", "").replace("T", "-")
    base = f"{_slug(name)}-{stamp}"
    study_id, number = base, 1
    while _ledger.exists(settings, study_id) or (
        out is None and (settings.studies_dir / study_id).exists()
    ):
        number += 1
        study_id = f"{base}-{number}"
    return study_id, created, (out if out is not None else settings.studies_dir / study_id)


def study(
    data: Any,
    target: str,
    *,
    task: str | None = StudyOptions.task,
    metric: str | None = StudyOptions.metric,
    holdout: float = StudyOptions.holdout,
    folds: int = StudyOptions.folds,
    group: str | None = StudyOptions.group,
    time: str | None = StudyOptions.time,
    seed: int = StudyOptions.seed,
    budget: float = StudyOptions.budget,
    drop: Sequence[str] = StudyOptions.drop,
    keep: Sequence[str] = StudyOptions.keep,
    out: str | Path | None = None,
    table: str | None = None,
    sql: str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    thousands: str | None = None,
    encoding: str | None = None,
    test: Any = None,
    ids: Sequence[str] = (),
    proba: bool = False,
    force: bool = False,
) -> Study:
    """Run an honest practice study of ``data`` predicting ``target``; return the result.

    Parameters
    ----------
    data
        A file (CSV/TSV, Parquet, Excel, JSON lines, SQLite/DuckDB with ``table`` or
        ``sql``), a catalog dataset name, or a DataFrame. It is never modified.
    target
        The column to predict.
    task
        ``"binary"``, ``"multiclass"`` or ``"regression"``; inferred from the target if left out.
    metric
        A scikit-learn scorer name; by default ``roc_auc`` (binary), ``balanced_accuracy``
        (multiclass) or ``r2`` (regression).
    holdout
        The share of rows locked away before anything is fitted, scored once at the end.
    folds
        Cross-validation folds on the other rows.
    group, time
        A column of groups (no group on both sides of the holdout) or of times (the holdout
        is the most recent rows).
    seed
        Seeds the holdout, the folds, the models and the bootstrap: same seed, same numbers.
    budget
        Seconds the study aims to finish in; big tables are sampled for the ladder and the
        learning curve, and later rungs are skipped with a note when it runs out. It is
        wall-clock time checked between steps, so one rung can overshoot it, and on a busy
        machine a rung that ran before may be skipped (the note says so).
    drop, keep
        Columns never to use; columns to use even when the audit would exclude them.
    out
        The folder for the artifacts (default ``<studies_dir>/<name>-<timestamp>/``). It is
        checked before the data is read: a folder that holds a study is refused, and one
        that holds other files with an artifact's name is refused unless ``force``.
    progress
        Called as ``progress(stage, detail)`` as the study goes.
    sep, decimal, thousands, encoding
        How to read a text table (and ``test``): see :func:`diveml.data.read_table`.
    test, ids, proba
        A Kaggle-style unlabelled TEST table (file or DataFrame) with TRAIN's columns less
        the target: once the study is done, its chosen model predicts the TEST rows into
        ``submission.csv`` (the ``ids`` columns and the target: class labels, or the
        probabilities with ``proba``). TEST rows have no labels, so they are never scored.

    Examples
    --------
    >>> import diveml
    >>> s = diveml.study("penguins", target="species", out=tmp / "penguins")  # doctest: +SKIP
    >>> s.result["chosen"]["name"]  # doctest: +SKIP
    'linear'
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped,unused-ignore]

    from diveml.study._inputs import audit, read_table

    options = check_options(
        task=task,
        metric=metric,
        holdout=holdout,
        folds=folds,
        seed=seed,
        budget=budget,
        drop=drop,
        keep=keep,
        group=group,
        time=time,
        target=target,
    )
    out_path = _check_out(out, data, force)
    drop, keep = list(options.drop), list(options.keep)
    settings = settings or resolve_settings()
    report = progress or (lambda stage, detail: None)
    started = _time.perf_counter()
    stages: dict[str, float] = {}
    mark = [started]

    def stage_done(name: str) -> None:
        now = _time.perf_counter()
        stages[name] = round(now - mark[0], 3)
        mark[0] = now

    report("read", str(data) if not isinstance(data, pd.DataFrame) else "DataFrame")
    read_options = {"sep": sep, "decimal": decimal, "thousands": thousands, "encoding": encoding}
    frame, name = read_table(data, table=table, sql=sql, settings=settings, **read_options)
    test_frame, test_name, test_notes = _read_test(
        frame, target, test, ids, proba, task, settings, read_options
    )
    columns = [str(c) for c in frame.columns]
    for given, column in (("target", target), ("group", group), ("time", time)):
        if column is not None and column not in frame.columns:
            raise ColumnNotFoundError(column, columns, option=option(given, bare=True))
    for given, names in (("drop", drop), ("keep", keep)):
        for column in names:
            if column not in frame.columns:
                raise ColumnNotFoundError(column, columns, option=option(given, bare=True))
    _check_task(frame[target], task, target)
    stage_done("read")

    report("audit", f"{len(frame):,} rows x {len(frame.columns)} columns")
    audited = audit(
        frame,
        target,
        task=task,
        folds=folds,
        group=group,
        time=time,
        keep=keep,
        drop=drop,
        seed=seed,
    )
    task = task or audited.task
    assert task in TASKS
    metric = check_metric(metric, task)
    exclusions: list[dict[str, Any]] = []
    for column in drop:
        exclusions.append(
            {"column": column, "code": "dropped", "reason": "named in the drop option"}
        )
    for column, reason in audited.excluded.items():
        if column not in drop and column not in keep:
            code = getattr(audited, "exclusion_codes", {}).get(column) or next(
                (f.code for f in audited.findings if f.column == column and f.severity == "error"),
                "excluded",
            )
            exclusions.append({"column": column, "code": code, "reason": reason})
    excluded_names = {e["column"] for e in exclusions}
    numeric: list[str] = []
    categorical: list[str] = []
    text: list[str] = []  # free text: TF-IDF inside each pipeline (_features.py)
    dates: list[str] = []  # dates: calendar features inside each pipeline
    for column, kind in audited.feature_types.items():
        if column in excluded_names or column in {target, group, time}:
            continue
        if kind == "numeric":
            numeric.append(column)
        elif kind in {"categorical", "boolean"}:
            categorical.append(column)
        elif kind == "text":
            text.append(column)
        elif kind == "datetime":
            dates.append(column)
    for column in keep:  # keep wins over the audit's exclusions
        if column in text or column in dates:
            continue
        if column not in numeric and column not in categorical and column not in {group, time}:
            known = audited.feature_types.get(column)
            series = frame[column]
            is_number = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(
                series
            )
            if known == "text":
                text.append(column)
            elif known == "datetime":
                dates.append(column)
            else:
                (
                    numeric
                    if (known == "numeric" or (known is None and is_number))
                    else categorical
                ).append(column)
            exclusions = [e for e in exclusions if e["column"] != column]
    if not numeric and not categorical and not text and not dates:
        raise StudyError(
            f"No column is left to learn {target!r} from: every other column was excluded "
            f"({', '.join(repr(e['column']) for e in exclusions) or 'none'}). Name columns to "
            "use anyway with «keep», or add columns."
        )
    prepared = prepare(frame, target, task, numeric, categorical, group, time, text, dates)
    if task == "binary" and metric in POSITIVE_LABEL_METRICS:
        labels = set(prepared.y.unique().tolist())
        if 1 not in labels and True not in labels:
            raise InvalidOptionError(
                f"{option('metric', metric)} needs the positive class labelled 1 or True, but "
                f"{target!r} has the values {sorted(map(str, labels))!r}. Use "
                f"{option('metric', metric + '_macro')}, or {option('metric', 'roc_auc')}.",
                option="metric",
                value=metric,
            )
    stage_done("audit")

    report("split", f"locking {holdout:.0%} of the rows as the holdout")
    split = lock_holdout(prepared, task, holdout, folds, seed)
    data_fp = fingerprint_frame(frame)
    holdout_fp = holdout_fingerprint(data_fp, prepared, split)
    study_id, created_at, out_dir = _new_id(name, settings, out_path)
    make_folder(out_dir, option="--out")
    stage_done("split")
    _ledger.register(
        settings,
        study_id=study_id,
        created_at=created_at,
        data_name=name,
        data_fingerprint=data_fp,
        holdout_fingerprint=holdout_fp,
        target=target,
        task=task,
        metric=metric,
        out_dir=out_dir.resolve(),
    )
    try:
        with threadpool_limits(1):
            result, pipeline = _protocol(
                frame=frame,
                name=name,
                data=data,
                table=table,
                sql=sql,
                target=target,
                task=task,
                metric=metric,
                holdout=holdout,
                folds=folds,
                group=group,
                time=time,
                seed=seed,
                budget=budget,
                drop=drop,
                keep=keep,
                audited=audited,
                exclusions=exclusions,
                prepared=prepared,
                split=split,
                data_fp=data_fp,
                holdout_fp=holdout_fp,
                study_id=study_id,
                created_at=created_at,
                out_dir=out_dir,
                settings=settings,
                report=report,
                started=started,
                stages=stages,
                stage_done=stage_done,
            )
        from diveml.report import build_report

        report("report", "writing report.html, report.md and study.ipynb")
        rendered = build_report(result)
        rendered.write(out_dir)
        _ledger.finish(settings, study_id, result.chosen.name, result.holdout.score)
    except BaseException:
        # Ctrl-C, a full disk or a bug: the study stays "incomplete" in the ledger and
        # every other row is untouched (each ledger write is its own transaction).
        _ledger.mark_failed(settings, study_id)
        raise
    finished = Study(result, pipeline, out_dir, rendered)
    if test_frame is not None:
        from diveml.study._model import load_model
        from diveml.study._submission import write_submission

        report("submission", f"predicting the {len(test_frame):,} unlabelled TEST rows")
        _, meta = load_model(out_dir / ARTIFACTS["model"])
        finished.submission = write_submission(
            pipeline, meta, columns, test_frame, test_name, list(ids), out_dir, proba=proba
        )
        finished.submission.notes[:0] = [
            n for n in test_notes if n not in finished.submission.notes
        ]
    report("done", str(out_dir / ARTIFACTS["report_html"]))
    return finished


def _read_test(
    frame: pd.DataFrame,
    target: str,
    test: Any,
    ids: Sequence[str],
    proba: bool,
    task: str | None,
    settings: Settings,
    read_options: dict[str, Any],
) -> tuple[pd.DataFrame | None, str, list[str]]:
    """Read and check a --test table before anything is fitted (a mistake fails fast)."""
    from diveml.study._inputs import read_table
    from diveml.study._submission import check_test

    if test is None:
        if ids or proba:
            option = "--id" if ids else "--proba"
            raise InvalidOptionError(
                f"{option} goes with --test TEST (the unlabelled table to predict); without "
                f"--test there is nothing to write a submission for. Add --test, or leave "
                f"{option} out (for new rows, `diveml predict MODEL DATA --id COL` carries ids)."
            )
        return None, "", []
    test_frame, test_name = read_table(test, settings=settings, **read_options)
    notes = check_test(
        [str(c) for c in frame.columns], test_frame, test_name, target, ids, proba=proba, task=task
    )
    return test_frame, test_name, notes


def _protocol(
    *,
    frame: pd.DataFrame,
    name: str,
    data: Any,
    table: str | None,
    sql: str | None,
    target: str,
    task: str,
    metric: str,
    holdout: float,
    folds: int,
    group: str | None,
    time: str | None,
    seed: int,
    budget: float,
    drop: list[str],
    keep: list[str],
    audited: Any,
    exclusions: list[dict[str, Any]],
    prepared: Any,
    split: Any,
    data_fp: str,
    holdout_fp: str,
    study_id: str,
    created_at: str,
    out_dir: Path,
    settings: Settings,
    report: Progress,
    started: float,
    stages: dict[str, float],
    stage_done: Callable[[str], None],
) -> tuple[StudyResult, Any]:
    """Steps 4 to 10 of the protocol, after the holdout is locked and the study registered."""
    X, y = prepared.X, prepared.y
    numeric, categorical = prepared.numeric, prepared.categorical
    train = split.train

    def elapsed() -> float:
        return _time.perf_counter() - started

    # Sampling: the ladder cross-validates at most `cap` rows (budget x cells per second,
    # divided by the encoded width), drawn the way the holdout was drawn.
    # Categorical columns with many values (counted on the training rows) are target encoded,
    # the others one-hot encoded; `encoding` is what every pipeline below is built with.
    many = many_valued_columns(X.iloc[train], categorical)
    few = [c for c in categorical if c not in many]
    classes_n = int(y.nunique()) if task != "regression" else 1
    # Text styles and which date columns have times of day: decided on the training rows.
    text = text_styles(X.iloc[train], prepared.text)
    dates = prepared.dates
    hours = [c for c in dates if has_time_of_day(X[c].iloc[train])]
    width = encoded_width(X.iloc[train], numeric, categorical, many, classes_n)
    components = text_components(X.iloc[train], text)
    width += text_width(text) + date_width(dates, hours)

    def make(rung: Rung) -> Any:
        return build_pipeline(rung, task, numeric, few, seed, many, text, dates, hours, components)

    cap = max(500, int(budget * CELLS_PER_SECOND / max(width, 10)))
    ladder_rows = sample_rows(prepared, train, split.strategy, task, cap, seed)
    sampled = len(ladder_rows) < len(train)
    cv = cv_splitter(split.strategy, task, folds, seed)
    groups = prepared.groups
    X_lad, y_lad = X.iloc[ladder_rows], y.iloc[ladder_rows]
    g_lad = groups.iloc[ladder_rows] if groups is not None else None

    ladder: list[dict[str, Any]] = []
    for rung in RUNGS:
        if rung.complexity >= 2 and elapsed() > LADDER_SHARE * budget:
            report("ladder", f"{rung.label}: skipped, budget spent")
            ladder.append(
                {
                    "name": rung.name,
                    "label": rung.label,
                    "complexity": rung.complexity,
                    "cv_mean": None,
                    "cv_std": None,
                    "cv_scores": [],
                    "fit_seconds": None,
                    "predict_seconds": None,
                    "status": "skipped",
                    "note": f"skipped: {elapsed():.0f} s of the {budget:g} s budget were spent "
                    "before this rung (raise the budget to run it)",
                }
            )
            continue
        report(
            "ladder", f"{rung.label} ({folds}-fold cross-validation on {len(ladder_rows):,} rows)"
        )
        pipeline = make(rung)
        ladder.append(run_rung(rung, pipeline, X_lad, y_lad, cv, g_lad, metric).to_dict())
    stage_done("ladder")
    if ladder[0]["status"] != "ok" or not any(
        r["status"] == "ok" for r in ladder if r["name"] != "dummy"
    ):
        # One line per distinct reason: the same failure in every rung is said once.
        by_note: dict[str, list[str]] = {}
        for r in ladder:
            if r["status"] == "failed":
                by_note.setdefault(r["note"], []).append(r["name"])
        reasons = "; ".join(
            f"{'every model' if len(names) == len(ladder) else ', '.join(names)}: {note}"
            for note, names in by_note.items()
        )
        # The advice must fit the task: metric accuracy is refused for a regression.
        advice = (
            "Check the target for extreme or constant values in some folds, or pick "
            "«metric='neg_mean_absolute_error'»."
            if task == "regression"
            else "With few rows per class, lower «folds» or pick «metric='accuracy'»."
        )
        raise StudyError(
            f"Cross-validation could not score the models with {metric!r} ({reasons}). {advice}"
        )

    report("select", "comparing rungs fold by fold")
    n_lad = len(ladder_rows)
    selection = select(ladder, n_train=n_lad * (folds - 1) / folds, n_test=n_lad / folds)
    chosen_rung = next(r for r in RUNGS if r.name == selection["chosen"])
    chosen_row: dict[str, Any] = next(r for r in ladder if r["name"] == chosen_rung.name)
    stage_done("select")

    report("learning curve", chosen_rung.label)
    # The curve refits the chosen model sum(FRACTIONS) times per fold and also scores each
    # fit on its own training rows (hence the factor 2); shrink its rows so it ends by
    # CURVE_SHARE of the budget.
    per_fold = (chosen_row["fit_seconds"] or 0.0) + (chosen_row["predict_seconds"] or 0.0)
    estimate = 2 * per_fold * folds * sum(FRACTIONS)
    room = max(CURVE_SHARE * budget - elapsed(), 0.1 * budget)
    curve_rows = ladder_rows
    if estimate > room:
        wanted = max(int(len(ladder_rows) * room / estimate), 20 * folds)
        curve_rows = sample_rows(prepared, ladder_rows, split.strategy, task, wanted, seed)
    curve = learning_curve_section(
        chosen_rung.name,
        make(chosen_rung),
        X.iloc[curve_rows],
        y.iloc[curve_rows],
        cv,
        groups.iloc[curve_rows] if groups is not None else None,
        metric,
        seed,
    )
    _add_best_curve(
        curve,
        selection,
        ladder,
        chosen_row,
        folds,
        budget - elapsed(),
        lambda rung: learning_curve_section(
            rung.name,
            make(rung),
            X.iloc[curve_rows],
            y.iloc[curve_rows],
            cv,
            groups.iloc[curve_rows] if groups is not None else None,
            metric,
            seed,
        ),
        len(curve_rows) / max(len(ladder_rows), 1),
    )
    stage_done("learning_curve")

    # The final fit uses every training row unless that would overrun the budget by far: its
    # time is estimated from the ladder's fit time, scaled by rows (about linear for these
    # models), and it may take what is left of the budget, FINAL_SHARE of it or
    # FINAL_MIN_SECONDS, whichever is most. On the 6.7-million-row benchmark table an uncapped final fit alone ran for
    # half an hour against a 120 s budget (bench/RESULTS.md).
    # Estimated from counted work (rows x width x the rung's cost), not from the ladder's
    # measured fit time, so that a busy machine makes the same choice as an idle one.
    final_estimate = fit_seconds(chosen_rung.name, len(train), width)
    allowance = max(budget - elapsed(), FINAL_SHARE * budget, FINAL_MIN_SECONDS)
    final_rows = train
    if final_estimate > allowance and len(train) > len(ladder_rows):
        wanted = max(int(len(train) * allowance / final_estimate), len(ladder_rows))
        final_rows = sample_rows(prepared, train, split.strategy, task, wanted, seed)
    if len(final_rows) < len(train):
        report(
            "final fit",
            f"{chosen_rung.label} on {len(final_rows):,} of the {len(train):,} training rows "
            f"(all would take about {final_estimate:.0f} s; raise the budget to use them)",
        )
    else:
        report("final fit", f"{chosen_rung.label} on all {len(train):,} training rows")
    X_train, y_train = X.iloc[final_rows], y.iloc[final_rows]
    X_test, y_test = X.iloc[split.test], y.iloc[split.test]
    final = make(chosen_rung).fit(X_train, y_train)
    baseline = make(RUNGS[0]).fit(X_train, y_train)
    stage_done("final_fit")

    # The one look at the holdout: the chosen model and the baseline, scored once.
    report("holdout", f"scoring {len(split.test):,} locked rows once")
    predictions = Predictions.of(final, X_test, y_test, task)
    holdout_score = score(metric, predictions)
    ci_low, ci_high, ci_method = bootstrap_ci(metric, predictions, seed)
    baseline_score = score(metric, Predictions.of(baseline, X_test, y_test, task))
    expected_low, expected_high = expected_range(
        chosen_row["cv_mean"], chosen_row["cv_std"] or 0.0, folds, ci_low, ci_high
    )
    gap_flag = bool(
        math.isfinite(holdout_score) and not expected_low <= holdout_score <= expected_high
    )
    gap_message = _gap_message(
        holdout_score,
        chosen_row["cv_mean"],
        expected_low,
        expected_high,
        gap_flag,
        sampled and len(final_rows) == len(train),
        split.strategy,
    )
    times = _ledger.times_scored(settings, holdout_fp, study_id)
    stage_done("holdout")

    report("diagnostics", "confusion, curves, importance, segments, worst rows")
    segment_columns = [c for c in categorical if 2 <= X_train[c].nunique() <= MAX_SEGMENT_VALUES][
        :3
    ]
    diag = diagnostics(
        task,
        metric,
        predictions,
        final,
        X_test,
        prepared.positions[split.test],
        segment_columns,
        seed,
    )
    stage_done("diagnostics")

    report("artifacts", str(out_dir))
    classes = [] if task == "regression" else [_plain(c) for c in final.classes_]
    meta = {
        "study_id": study_id,
        "task": task,
        "target": target,
        "metric": metric,
        "columns": list(X.columns),
        "numeric": numeric,
        "categorical": categorical,
        "text": list(text),
        "dates": dates,
        "dtypes": {c: str(frame[c].dtype) for c in X.columns},
        "classes": classes,
        "trained_rows": len(train),
        # the categories and numeric ranges predict compares new rows with (_novelty.py)
        "profile": training_profile(X_train, numeric, categorical),
    }
    model_sha = save_model(final, out_dir / ARTIFACTS["model"], meta)
    _write_holdout_predictions(out_dir, prepared, split, predictions, task)
    if isinstance(data, pd.DataFrame):
        try:
            frame.to_parquet(out_dir / "data.parquet", index=False)
        except (ValueError, TypeError, ImportError):
            pass  # the notebook then says the DataFrame must be supplied by hand
        except Exception as exc:  # pyarrow raises its own ArrowInvalid / ArrowTypeError
            if type(exc).__module__.split(".")[0] != "pyarrow":
                raise

    timings_total = round(elapsed(), 3)
    result: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "diveml_version": __version__,
        "id": study_id,
        "status": "complete",
        "created_at": created_at,
        "data": {
            "name": name,
            "source": name if isinstance(data, pd.DataFrame) else str(data),
            "rows": len(frame),
            "columns": len(frame.columns),
            "fingerprint": data_fp,
            "rows_without_target": prepared.dropped_missing_target,
        },
        "target": target,
        "task": task,
        "metric": metric,
        "seed": seed,
        "settings": {
            "holdout": holdout,
            "folds": folds,
            "group": group,
            "time": time,
            "budget": budget,
            "drop": drop,
            "keep": keep,
        },
        "excluded_columns": [e["column"] for e in exclusions],
        "exclusions": exclusions,
        "features": {
            "numeric": numeric,
            "categorical": categorical,
            "target_encoded": many,
            **features_record(text, dates, hours, components),
        },
        "audit": audited.to_dict(),
        "split": {
            "strategy": split.strategy,
            "train_rows": len(train),
            "holdout_rows": len(split.test),
            "holdout_fingerprint": holdout_fp,
            "cv": type(cv).__name__,
            "folds": folds,
        },
        "ladder": ladder,
        "selection": selection,
        "chosen": {
            "name": chosen_rung.name,
            "label": chosen_rung.label,
            "cv_mean": chosen_row["cv_mean"],
            "cv_std": chosen_row["cv_std"],
        },
        "learning_curve": curve,
        "holdout": {
            "score": holdout_score,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "ci_method": ci_method,
            "rows": len(split.test),
            "times_scored": times,
            "baseline_score": baseline_score,
            "expected_low": expected_low,
            "expected_high": expected_high,
            "gap_rule": GAP_RULE,
            "gap_flag": gap_flag,
            "gap_message": gap_message,
            "other_metrics": other_metrics(task, predictions),
        },
        "diagnostics": diag,
        "timings": {"total_seconds": timings_total, "stages": stages},
        "sampling": {
            "ladder_rows": len(ladder_rows),
            "learning_curve_rows": len(curve_rows),
            "final_fit_rows": len(final_rows),
            "final_fit_estimate_seconds": round(final_estimate, 1),
            "note": _sampling_note(
                len(train), len(ladder_rows), len(curve_rows), len(final_rows), split.strategy
            ),
        },
        "reproduce": {
            "load_code": load_code(data, name, table, sql),
            "split_code": split_code(
                target=target,
                task=task,
                numeric=numeric,
                categorical=categorical,
                text=list(text),
                dates=dates,
                strategy=split.strategy,
                holdout=holdout,
                seed=seed,
                group=group,
                time=time,
                time_is_text=time is not None
                and not (
                    pd.api.types.is_numeric_dtype(frame[time])
                    or pd.api.types.is_datetime64_any_dtype(frame[time])
                ),
            ),
            "pipeline_code": pipeline_code(
                chosen_rung, task, numeric, few, seed, many, text, dates, hours, components
            ),
        },
        "model": {
            "file": ARTIFACTS["model"],
            "sha256": model_sha,
            "format": "skops",
            "classes": classes,
            "columns": list(X.columns),
        },
        "artifacts": dict(ARTIFACTS),
    }
    stage_done("artifacts")
    result["timings"] = {"total_seconds": round(elapsed(), 3), "stages": dict(stages)}
    # Checked against the types here, so a producer that drifts from the format fails in
    # the test suite, not in a reader.
    typed = StudyResult.from_dict(result, source="The study's own result")
    _write_atomic(out_dir / ARTIFACTS["study_json"], json.dumps(typed.to_dict(), indent=2) + "\n")
    return typed, final


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _write_holdout_predictions(
    out_dir: Path, prepared: Any, split: Any, predictions: Predictions, task: str
) -> None:
    table = pd.DataFrame(
        {
            "row": prepared.positions[split.test],
            "actual": predictions.y,
            "prediction": predictions.predicted,
        }
    )
    if task != "regression":
        assert predictions.proba is not None and predictions.classes is not None
        for index, label in enumerate(predictions.classes):
            table[f"proba_{label}"] = predictions.proba[:, index]
    table = table.sort_values("row", kind="stable")
    partial = out_dir / f".{ARTIFACTS['holdout_predictions']}.partial"
    try:
        table.to_csv(partial, index=False)
        partial.replace(out_dir / ARTIFACTS["holdout_predictions"])
    finally:
        partial.unlink(missing_ok=True)


def _gap_message(
    value: float,
    cv_mean: float,
    low: float,
    high: float,
    flag: bool,
    sampled: bool,
    strategy: str,
) -> str:
    if not math.isfinite(value):
        return "The holdout score could not be computed (too few rows of a class in the holdout?)."
    if not flag:
        return (
            f"The holdout score {value:.4g} is within the range the cross-validation estimate "
            f"{cv_mean:.4g} led one to expect ({low:.4g} to {high:.4g})."
        )
    if value < low:
        why = (
            "Possible causes: the model choice fitted the folds' noise, the holdout differs from "
            "the training rows"
            + (" (later in time: drift)" if strategy == "time" else "")
            + ", or leakage inflated the cross-validation."
        )
        return (
            f"The holdout score {value:.4g} is below the range the cross-validation estimate "
            f"{cv_mean:.4g} led one to expect ({low:.4g} to {high:.4g}). {why}"
        )
    more = (
        " The ladder was cross-validated on a sample and the final model on every training "
        "row, which may explain part of it."
        if sampled
        else " A lucky holdout is the likeliest reason; do not read it as a better model."
    )
    return (
        f"The holdout score {value:.4g} is above the range the cross-validation estimate "
        f"{cv_mean:.4g} led one to expect ({low:.4g} to {high:.4g}).{more}"
    )


def _sampling_note(train: int, ladder: int, curve: int, final: int, strategy: str) -> str:
    how = {
        "stratified": "a stratified random sample",
        "random": "a random sample",
        "grouped": "a sample of whole groups",
        "time": "the most recent rows",
    }[strategy]
    if ladder == train and curve == train and final == train:
        return f"No sampling: every one of the {train:,} training rows was used at every step."
    parts = []
    if ladder < train:
        parts.append(
            f"the ladder was cross-validated on {how} of {ladder:,} of the {train:,} training "
            "rows, to stay within the budget"
        )
    if curve < ladder:
        parts.append(f"the learning curve used {curve:,} of those rows")
    if final < train:
        parts.append(
            f"the final model was fitted on {how} of {final:,} of the {train:,} training rows "
            "(fitting all of them would have overrun the budget; raise the budget to use them)"
        )
    else:
        parts.append(f"the final model was fitted on all {train:,} training rows")
    return "; ".join(parts).capitalize() + "."


def _add_best_curve(
    curve: dict[str, Any],
    selection: dict[str, Any],
    ladder: list[dict[str, Any]],
    chosen_row: dict[str, Any],
    folds: int,
    seconds_left: float,
    run_curve: Any,
    row_share: float,
) -> None:
    """Add the best rung's learning curve beside the chosen one's, when they differ.

    DESIGN.md asks for both: if the best (more complex) model's curve still climbs while
    the chosen one's is flat, more data may change which model is worth it. The curve is
    drawn on the same rows as the chosen model's so the two lines compare; it is skipped,
    with a note, when its estimated cost does not fit the time left in the budget.
    """
    best = selection.get("best")
    if not best or best == chosen_row["name"]:
        return
    best_row = next((r for r in ladder if r["name"] == best), None)
    rung = next((r for r in RUNGS if r.name == best), None)
    if best_row is None or rung is None:
        return
    per_fold = (best_row["fit_seconds"] or 0.0) + (best_row["predict_seconds"] or 0.0)
    estimate = 2 * per_fold * folds * sum(FRACTIONS) * row_share
    if estimate > CURVE_SHARE * seconds_left:
        curve["best"] = None
        curve["best_note"] = (
            f"The learning curve of the best-scoring model ({best_row['label']}) was not "
            f"drawn: it would take about {estimate:.0f} s and the budget had "
            f"{max(seconds_left, 0):.0f} s left."
        )
        return
    section = run_curve(rung)
    curve["best"] = {
        key: section[key]
        for key in ("model", "sizes", "scores", "scores_std", "verdict", "verdict_code")
    }
