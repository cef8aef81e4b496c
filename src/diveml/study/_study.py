"""The study protocol, end to end: the ten steps of DESIGN.md, one call each.

read -> audit -> lock the holdout -> climb the ladder -> select -> learning curve ->
final fit and holdout -> diagnose -> ledger -> artifacts. Each step is a small function in
the module of its concept; this module only puts them in order and assembles the
:class:`~diveml.study.StudyResult`.
"""

from __future__ import annotations

import dataclasses
import re
import time as _time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml import __version__
from diveml.config import Settings, resolve_settings
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError, option, spell
from diveml.outputs import check_folder, make_folder
from diveml.study import _ledger
from diveml.study._artifacts import write_data_copy, write_predictions, write_result
from diveml.study._budget import (
    RUNG_COSTS,
    CurvePlan,
    Plan,
    budget_to_draw_curve,
    curve_room,
    curve_seconds,
    final_rows,
    fit_seconds,
    fitting_budget,
    ladder_rows,
    plan_curve,
    plan_ladder,
    reserved_seconds,
    sampling_note,
)
from diveml.study._climb import climb
from diveml.study._columns import (
    FeatureChoice,
    check_positive_label,
    check_task,
    choose_features,
)
from diveml.study._curve import learning_curves, not_drawn_section
from diveml.study._design import Design, design
from diveml.study._engine import Engine, LocalEngine
from diveml.study._evaluate import Holdout, diagnostics
from diveml.study._features import features_record
from diveml.study._holdout import Final, fit_final, score_holdout
from diveml.study._ladder import RUNGS, Rung, pipeline_code
from diveml.study._model import save_model
from diveml.study._novelty import training_profile
from diveml.study._options import StudyOptions, check_metric, check_options
from diveml.study._reproduce import Columns, HoldoutSpec, data_copy_name, load_code, split_code
from diveml.study._result import ARTIFACTS, FORMAT, FORMAT_VERSION, StudyResult
from diveml.study._run import Clock, Progress, Run
from diveml.study._select import select
from diveml.study._split import (
    Prepared,
    Split,
    fingerprint_frame,
    holdout_fingerprint,
    lock_holdout,
    prepare,
    rows_drawn,
)

__all__ = ["ARTIFACTS", "Progress", "Runner", "Study", "StudyRequest", "run_study", "study"]

# Categorical columns with at most this many values are shown segment by segment.
MAX_SEGMENT_VALUES = 12


class Study:
    """A finished study: its numbers, fitted model, folder and report.

    ``result_`` is the typed :class:`~diveml.study.StudyResult`; ``result`` is the same as
    plain data, exactly the content of study.json. ``pipeline_`` is the chosen scikit-learn
    pipeline, fitted on every training row (a sample when the budget is short).
    """

    submission: Any = None  # a _submission.Submission when the study was given ``test``

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
    clock: Clock | None = None,
    engine: Engine | None = None,
) -> Study:
    """Run an honest practice study of ``data`` predicting ``target``; return the result.

    This is the keyword front of :func:`run_study`: it checks the options in one pass
    (:class:`~diveml.study._options.StudyOptions`) and hands a :class:`StudyRequest` (what
    to study) and a :class:`Runner` (how to run it) to the protocol.

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
        Seconds the study aims to finish in. Big tables are sampled for the ladder, the
        learning curve and (far beyond the budget) the final fit, and costly rungs are left
        out, all decided before fitting from the table's size and a fixed cost per rung, so
        the same inputs give the same study on a busy machine as on an idle one
        (``budget_plan`` in study.json). A run that takes longer than the budget says so.
    drop, keep
        Columns never to use; columns to use even when the audit would exclude them.
    out
        The folder for the artifacts (default ``<studies_dir>/<name>-<timestamp>/``). It is
        checked before the data is read: a folder that holds a study is refused, and one
        that holds other files with an artifact's name is refused unless ``force``.
    sep, decimal, thousands, encoding
        How to read a text table (and ``test``): see :func:`diveml.data.read_table`.
    test, ids, proba
        A Kaggle-style unlabelled TEST table (file or DataFrame) with TRAIN's columns less
        the target: once the study is done, its chosen model predicts the TEST rows into
        ``submission.csv`` (the ``ids`` columns and the target: class labels, or the
        probabilities with ``proba``). TEST rows have no labels, so they are never scored.
    progress
        Called as ``progress(stage, detail)`` as the study goes.
    clock
        Returns seconds (default :func:`time.perf_counter`); it only measures the timings.
    engine
        Runs the fits (default :class:`~diveml.study._engine.LocalEngine`, this process).

    Examples
    --------
    >>> import diveml
    >>> s = diveml.study("penguins", target="species", out=tmp / "penguins")  # doctest: +SKIP
    >>> s.result["chosen"]["name"]  # doctest: +SKIP
    'linear'
    """
    request = StudyRequest(
        data=data,
        target=target,
        options=check_options(
            target=target,
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
        ),
        reading=_Reading(
            (table, sql),
            {"sep": sep, "decimal": decimal, "thousands": thousands, "encoding": encoding},
        ),
        out=out,
        force=force,
        test=test,
        ids=tuple(ids),
        proba=proba,
    )
    return run_study(request, Runner(settings, progress, clock, engine))


@dataclasses.dataclass(frozen=True)
class StudyRequest:
    """What a study is asked to do: the data, the target, the checked options, the outputs."""

    data: Any
    target: str
    options: StudyOptions
    reading: _Reading
    out: str | Path | None = None
    force: bool = False
    test: Any = None
    ids: tuple[str, ...] = ()
    proba: bool = False


@dataclasses.dataclass(frozen=True)
class Runner:
    """How a study runs, not what it computes: settings, progress, clock and engine."""

    settings: Settings | None = None
    progress: Progress | None = None
    clock: Clock | None = None
    engine: Engine | None = None


def run_study(request: StudyRequest, runner: Runner = Runner()) -> Study:
    """Run the study ``request`` (options already checked) with ``runner``; see :func:`study`."""
    out_path = _check_out(request.out, request.data, request.force)
    run = Run(runner.progress, runner.clock or _time.perf_counter)
    settings = runner.settings or resolve_settings()
    engine = runner.engine or LocalEngine()
    setup = _prepare(
        run,
        request.data,
        request.target,
        request.options,
        request.reading,
        out_path,
        settings,
        engine,
    )
    ids, proba = request.ids, request.proba
    submission = _read_test(setup, request.test, ids, proba, settings, request.reading.options)
    # Created only once the inputs (the TEST table too) are known to be usable.
    make_folder(setup.out_dir, option="out")
    with _ledger.entry(setup.settings, setup.registration()):
        result, model = _protocol(run, setup, engine)
        from diveml.report import build_report

        with run.stage("report", "writing report.html, report.md and study.ipynb"):
            rendered = build_report(result)
            rendered.write(setup.out_dir)
        _ledger.finish(setup.settings, setup.study_id, result.chosen.name, result.holdout.score)
    finished = Study(result, model, setup.out_dir, rendered)
    if submission is not None:
        _write_submission(run, finished, setup, submission, ids, proba)
    run.say("done", str(setup.out_dir / ARTIFACTS["report_html"]))
    return finished


@dataclasses.dataclass(frozen=True)
class _Reading:
    """How to read the table: ``source`` is (table, sql) for a database file."""

    source: tuple[str | None, str | None]
    options: dict[str, Any]

    def given(self) -> dict[str, str]:
        """The options set (not left to detection), by ``read_table``'s parameter names."""
        table, sql = self.source
        named = {"table": table, "sql": sql, **self.options}
        return {key: str(value) for key, value in named.items() if value is not None}


@dataclasses.dataclass(frozen=True)
class _Setup:
    """Steps 1 to 3 done: the table read and audited, the features chosen, the holdout locked."""

    data: Any
    frame: pd.DataFrame
    name: str
    reading: _Reading
    target: str
    task: str
    metric: str
    options: StudyOptions
    audited: Any
    features: FeatureChoice
    prepared: Prepared
    split: Split
    settings: Settings
    fingerprints: tuple[str, str]  # data, holdout
    study_id: str
    created_at: str
    out_dir: Path
    table: dict[str, Any] | None = None  # a big table's hash-drawn sample (_bigtable.py)

    def registration(self) -> _ledger.Registration:
        """What the ledger records of this study when it starts."""
        return _ledger.Registration(
            study_id=self.study_id,
            created_at=self.created_at,
            data_name=self.name,
            data_fingerprint=self.fingerprints[0],
            holdout_fingerprint=self.fingerprints[1],
            target=self.target,
            task=self.task,
            metric=self.metric,
            out_dir=self.out_dir.resolve(),
        )


def _prepare(
    run: Run,
    data: Any,
    target: str,
    options: StudyOptions,
    reading: _Reading,
    out: Path | None,
    settings: Settings,
    engine: Engine,
) -> _Setup:
    """Steps 1-3: read the table, audit it, choose the features, lock the holdout."""
    from diveml.audit import audit
    from diveml.study._bigtable import read_study_table

    with run.stage("read", str(data) if not isinstance(data, pd.DataFrame) else "DataFrame"):
        frame, name, drawn = read_study_table(
            data, target, options.seed, reading.source, reading.options, settings, engine
        )
        _check_columns(frame, target, options)
        check_task(frame[target], options.task, target)
    with run.stage("audit", f"{len(frame):,} rows x {len(frame.columns)} columns"):
        audited = audit(
            frame,
            target,
            task=options.task,
            folds=options.folds,
            group=options.group,
            time=options.time,
            keep=list(options.keep),
            drop=list(options.drop),
            seed=options.seed,
        )
        task = options.task or audited.task
        metric = check_metric(options.metric, task)
        features = choose_features(frame, audited, target, options)
        columns = Columns(
            target, task, features.numeric, features.categorical, features.text, features.dates
        )
        prepared = prepare(frame, columns, options.group, options.time)
        check_positive_label(prepared.y, task, metric, target)
    with run.stage("split", f"locking {options.holdout:.0%} of the rows as the holdout"):
        split = lock_holdout(prepared, task, options.holdout, options.folds, options.seed)
        data_fp = fingerprint_frame(frame)
        study_id, created_at, out_dir = _new_id(name, settings, out)
    return _Setup(
        data,
        frame,
        name,
        reading,
        target,
        task,
        metric,
        options,
        audited,
        features,
        prepared,
        split,
        settings,
        (data_fp, holdout_fingerprint(data_fp, prepared, split)),
        study_id,
        created_at,
        out_dir,
        drawn,
    )


def _check_columns(frame: pd.DataFrame, target: str, options: StudyOptions) -> None:
    columns = [str(c) for c in frame.columns]
    for given, column in (("target", target), ("group", options.group), ("time", options.time)):
        if column is not None and column not in frame.columns:
            raise ColumnNotFoundError(column, columns, option=option(given, bare=True))
    for given, names in (("drop", options.drop), ("keep", options.keep)):
        for column in names:
            if column not in frame.columns:
                raise ColumnNotFoundError(column, columns, option=option(given, bare=True))


def _check_out(out: str | Path | None, data: Any, force: bool) -> Path | None:
    """Refuse an ``out`` folder the study cannot or must not write, before any work."""
    if out is None:
        return None
    out_path = Path(out)
    if (out_path / ARTIFACTS["study_json"]).is_file():
        raise InvalidOptionError(
            f"{option('out', str(out_path))} already holds a study (study.json); it was left "
            "as it is. Choose another folder.",
            option="out",
            value=str(out_path),
        )
    writes = list(ARTIFACTS.values()) + (["data.parquet"] if isinstance(data, pd.DataFrame) else [])
    if isinstance(data, (str, Path)):
        writes.append(data_copy_name(Path(data)))
    inputs = [("DATA", data)] if isinstance(data, (str, Path)) else []
    return check_folder(out_path, option="out", writes=writes, inputs=inputs, force=force)


def _read_test(
    setup: _Setup,
    test: Any,
    ids: Sequence[str],
    proba: bool,
    settings: Settings,
    read_options: dict[str, Any],
) -> tuple[pd.DataFrame, str, list[str]] | None:
    """Read and check a ``test`` table before anything is fitted (a mistake fails fast)."""
    from diveml.data import read_table
    from diveml.study._submission import check_test

    if test is None:
        if ids or proba:
            given = option("ids" if ids else "proba", bare=True)
            raise InvalidOptionError(
                f"{given} goes with {option('test', 'TEST')} (the unlabelled table to predict); "
                f"without {option('test', bare=True)} there is nothing to write a submission "
                f"for. Add {option('test', bare=True)}, or leave {given} out (for new rows, "
                f"predict with {option('ids', ['COL'])} to carry ids)."
            )
        return None
    test_frame, test_name = read_table(test, settings=settings, **read_options)
    columns = [str(c) for c in setup.frame.columns]
    notes = check_test(
        columns, test_frame, test_name, setup.target, ids, proba=proba, task=setup.options.task
    )
    return test_frame, test_name, notes


def _write_submission(
    run: Run,
    finished: Study,
    setup: _Setup,
    submission: tuple[pd.DataFrame, str, list[str]],
    ids: Sequence[str],
    proba: bool,
) -> None:
    """After the study: its chosen model predicts the unlabelled TEST rows."""
    from diveml.study._model import load_model
    from diveml.study._submission import write_submission

    test_frame, test_name, notes = submission
    run.say("submission", f"predicting the {len(test_frame):,} unlabelled TEST rows")
    _, meta = load_model(setup.out_dir / ARTIFACTS["model"])
    columns = [str(c) for c in setup.frame.columns]
    finished.submission = write_submission(
        finished.pipeline_,
        meta,
        columns,
        test_frame,
        test_name,
        list(ids),
        setup.out_dir,
        proba=proba,
    )
    finished.submission.notes[:0] = [n for n in notes if n not in finished.submission.notes]


def _protocol(run: Run, setup: _Setup, engine: Engine) -> tuple[StudyResult, Any]:
    """Steps 4 to 10, after the holdout is locked and the study registered."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped,unused-ignore]

    options = setup.options
    d = design(setup.prepared, setup.split, setup.task, setup.metric, options.folds, options.seed)
    train = setup.split.train
    # The fits share what the steps that are not fits (audit, diagnostics, files) leave.
    reserved = reserved_seconds(len(setup.frame), len(setup.frame.columns))
    budget = fitting_budget(options.budget, reserved)
    lad = d.sample(train, ladder_rows(budget, d.width))
    plan = plan_ladder([(r.name, r.complexity) for r in RUNGS], len(lad), d.width, d.folds, budget)
    # Each running rung's learning curve is planned now, before any fit: the one chosen is
    # drawn, or left out when even its fewest rows would overrun what the plan leaves it.
    room = curve_room(budget, plan.ladder_seconds)
    curves = {name: plan_curve(name, len(lad), d.width, d.folds, room) for name in plan.run}
    settle = getattr(engine, "settle", None)
    if settle is not None:  # jobs="auto" picks its processes from the plan, before any fit
        drawn = [c.seconds for c in curves.values() if c.drawn]
        settle(plan.ladder_seconds + max(drawn, default=0.0))
    parts: dict[str, Any] = {}
    with threadpool_limits(1):
        with run.stage("ladder"):
            parts["ladder"] = climb(d, lad, plan, engine, run, budget)
        with run.stage("select", "comparing rungs fold by fold"):
            n = len(lad)
            folds = options.folds
            parts["selection"] = select(
                parts["ladder"], n_train=n * (folds - 1) / folds, n_test=n / folds
            )
        chosen = _rung(parts["selection"]["chosen"])
        with run.stage("learning curve", chosen.label):
            budgets = (options.budget, reserved, budget)
            curve_at, spent = _curves(
                d, lad, plan, curves[chosen.name], chosen, parts, engine, budgets
            )
        with run.stage("final fit"):
            final = _final_fit(run, d, chosen, len(lad), spent, engine, budget)
        with run.stage("holdout", f"scoring {len(setup.split.test):,} locked rows once"):
            chosen_row = next(r for r in parts["ladder"] if r["name"] == chosen.name)
            times = _ledger.times_scored(setup.settings, setup.fingerprints[1], setup.study_id)
            sampled = len(lad) < len(train) and len(final.rows) == len(train)
            parts["holdout"], predictions = score_holdout(d, final, chosen_row, sampled, times)
        with run.stage("diagnostics", "confusion, curves, importance, segments, worst rows"):
            parts["diagnostics"] = _diagnose(d, final, predictions, options.budget)
    with run.stage("artifacts", str(setup.out_dir)):
        parts["model"] = _save_model(setup, d, final)
        test_rows = setup.prepared.positions[setup.split.test]
        write_predictions(setup.out_dir, test_rows, predictions, setup.task)
        # a big table's drawn rows are what the notebook needs (not the whole file)
        kept = setup.data if setup.table is None else setup.frame
        write_data_copy(setup.out_dir, kept, setup.frame)
    describe = getattr(engine, "describe", None)
    if describe is not None:
        parts["engine"] = describe()
    parts["budget_plan"] = _plan_record(
        d, plan, curves[chosen.name], spent, len(train), (options.budget, reserved)
    )
    parts["sampling"] = _sampling(d, lad, curve_at, final, chosen)
    if setup.table is not None:
        parts["table"] = setup.table
        parts["sampling"]["note"] = f"{_drawn_note(setup.table)} {parts['sampling']['note']}"
    result = _assemble(setup, d, chosen, parts, run)
    write_result(setup.out_dir, result)
    return result, final.model


def _rung(name: str) -> Rung:
    return next(r for r in RUNGS if r.name == name)


def _curves(
    d: Design,
    lad: np.ndarray,
    plan: Plan,
    curve: CurvePlan,
    chosen: Rung,
    parts: dict[str, Any],
    engine: Engine,
    budgets: tuple[float, float, float],
) -> tuple[np.ndarray, float]:
    """Step 6: the learning curves, on as many ladder rows as the plan affords.

    ``curve`` is the chosen rung's curve as planned before any fit; ``budgets`` are the
    study's budget, the reserve and the fits' share. Returns the rows the curves used
    (none when the plan left the curve out) and the plan's estimate of the time spent so far.
    """
    folds, width = d.folds, d.width
    spent = plan.ladder_seconds
    if not curve.drawn:
        parts["learning_curve"] = not_drawn_section(chosen.name, _not_drawn(d, curve, budgets))
        return lad[:0], spent
    rows = lad if curve.rows >= len(lad) else d.sample(lad, curve.rows)
    spent += curve.seconds
    budget = budgets[2]
    best_name = parts["selection"].get("best")
    best: Rung | None = None
    note: str | None = None
    if best_name and best_name != chosen.name:
        estimate = curve_seconds(best_name, len(rows), width, folds)
        left = budget - spent
        if estimate > 0.8 * left:
            note = (
                f"The learning curve of the best-scoring model ({_rung(best_name).label}) was "
                f"not drawn: the budget plan estimated it at {estimate:.0f} s, and "
                f"{max(left, 0):.0f} s of the budget were left for it."
            )
        else:
            best = _rung(best_name)
            spent += estimate
    parts["learning_curve"] = learning_curves(d, rows, chosen, best, note, engine)
    return rows, spent


def _not_drawn(d: Design, curve: CurvePlan, budgets: tuple[float, float, float]) -> str:
    """Say that the learning curve was not drawn, why, and which budget would draw it."""
    budget, reserved, _ = budgets
    rungs = [(r.name, r.complexity) for r in RUNGS]
    train = len(d.split.train)
    enough = budget_to_draw_curve(budget, reserved, train, (d.width, d.folds), rungs, curve.rung)
    how = (
        f"a budget of about {enough:,} s would draw it ({option('budget', enough)})"
        if enough is not None
        else f"no budget {option('budget', bare=True)} allows would draw it on this table"
    )
    return spell(
        f"not drawn: the budget plan, made before fitting, estimated it at {curve.seconds:.1f} s "
        f"even on its fewest rows ({curve.fits} fits of {curve.rows:,} rows or fewer, on "
        f"{d.width:,} encoded columns), and left {curve.room:.1f} s for it; so whether more "
        f"data would help was not measured. {how[0].upper()}{how[1:]}."
    )


def _final_fit(
    run: Run, d: Design, chosen: Rung, at_least: int, spent: float, engine: Engine, budget: float
) -> Final:
    """Step 7: fit the chosen model on every training row, unless that overruns by far."""
    train = d.split.train
    n = final_rows(chosen.name, len(train), at_least, d.width, budget, spent)
    rows = train if n >= len(train) else d.sample(train, n)
    if len(rows) < len(train):
        estimate = fit_seconds(chosen.name, len(train), d.width)
        run.say(
            "final fit",
            f"{chosen.label} on {len(rows):,} of the {len(train):,} training rows (all would "
            f"take about {estimate:.0f} s; raise the budget to use them)",
        )
    else:
        run.say("final fit", f"{chosen.label} on all {len(train):,} training rows")
    return fit_final(d, chosen, rows, engine)


def _diagnose(d: Design, final: Final, predictions: Any, budget: float) -> dict[str, Any]:
    """Step 8: where the model is wrong on the holdout."""
    X_train, _, _ = d.rows(final.rows)
    X_test, _, _ = d.rows(d.split.test)
    segments = [
        c for c in d.prepared.categorical if 2 <= X_train[c].nunique() <= MAX_SEGMENT_VALUES
    ][:3]
    holdout = Holdout(
        d.task, d.metric, predictions, final.model, X_test, d.prepared.positions[d.split.test]
    )
    return diagnostics(holdout, segments, d.seed, budget=budget)


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _save_model(setup: _Setup, d: Design, final: Final) -> dict[str, Any]:
    """Write model.skops; return the ``model`` section."""
    columns = list(d.prepared.X.columns)
    classes = [] if d.task == "regression" else [_plain(c) for c in final.model.classes_]
    dtypes = setup.frame.dtypes  # once: a column lookup each costs a second on 3,000 columns
    meta = {
        "study_id": setup.study_id,
        "task": d.task,
        "target": setup.target,
        "metric": d.metric,
        "columns": columns,
        "numeric": d.prepared.numeric,
        "categorical": d.prepared.categorical,
        "text": list(d.text),
        "dates": d.dates,
        "dtypes": {c: str(dtypes[c]) for c in columns},
        "classes": classes,
        "trained_rows": len(d.split.train),
        # the categories and numeric ranges predict compares new rows with (_novelty.py)
        "profile": training_profile(
            d.rows(final.rows)[0], d.prepared.numeric, d.prepared.categorical
        ),
    }
    sha = save_model(final.model, setup.out_dir / ARTIFACTS["model"], meta)
    return {
        "file": ARTIFACTS["model"],
        "sha256": sha,
        "format": "skops",
        "classes": classes,
        "columns": columns,
    }


def _plan_record(
    d: Design, plan: Plan, curve: CurvePlan, spent: float, train: int, budgets: tuple[float, float]
) -> dict[str, Any]:
    """The ``budget_plan`` section: the estimates the budget's decisions were made from.

    ``budgets`` is the study's budget and the seconds reserved for the steps that are not
    fits; the fits shared the rest (:func:`fitting_budget`).
    """
    budget, reserved = budgets
    final = fit_seconds(curve.rung, train, d.width)
    return {
        "budget": budget,
        "reserved_seconds": round(reserved, 3),
        "fitting_seconds": round(fitting_budget(budget, reserved), 3),
        "encoded_width": d.width,
        "ladder_rows": plan.rows,
        "rung_seconds": dict(plan.seconds),
        "skipped_rungs": list(plan.skipped),
        "curve_seconds": round(spent - plan.ladder_seconds, 3),
        "curve_drawn": curve.drawn,
        "curve_estimate_seconds": curve.seconds,
        "curve_room_seconds": curve.room,
        "final_fit_seconds": round(final, 3),
        "estimated_seconds": round(spent + final + reserved, 3),
        "cost_model": "one fold of a rung on R rows of W encoded columns takes fixed + R x "
        "per_row + R x W x per_cell + W x per_column seconds: "
        + ", ".join(
            f"{k} {c.fixed:g} + R x {c.per_row:.2g} + RW x {c.per_cell:.2g} + W x "
            f"{c.per_column:.2g}"
            for k, c in RUNG_COSTS.items()
        )
        + "; the steps that are not fits are reserved_seconds",
    }


def _sampling(
    d: Design, lad: np.ndarray, curve_at: np.ndarray, final: Final, chosen: Rung
) -> dict[str, Any]:
    train = len(d.split.train)
    return {
        "ladder_rows": len(lad),
        "learning_curve_rows": len(curve_at),
        "final_fit_rows": len(final.rows),
        "final_fit_estimate_seconds": round(fit_seconds(chosen.name, train, d.width), 1),
        "note": sampling_note(train, len(lad), len(curve_at), len(final.rows), d.split.strategy),
    }


def _drawn_note(table: dict[str, Any]) -> str:
    """Say that the study saw a hash-drawn sample of a big table, and what saw every row."""
    whole = table["whole_table"]
    counted = "the target's classes or range"
    if whole.get("columns") is not None:
        constant = whole.get("constant_columns") or []
        counted = (
            f"the duplicate rows ({whole['duplicate_rows']:,}, by row hash), each column's "
            f"missing values, distinct values (exactly up to {whole['distinct_cap']:,}), "
            "most frequent value and, for numbers, range and infinite values (constant "
            f"columns: {', '.join(constant) if constant else 'none'}), and {counted}"
        )
    return (
        f"The table has {table['rows']:,} rows, more than the {table['study_rows']:,} a study "
        f"loads: it was {table['how_read']}, and the study ran on {table['drawn_rows']:,} "
        f"rows drawn by hash ({table['how_drawn']}). Counted on every row: the rows, "
        f"{counted} (study.json: table.whole_table). On the drawn rows: "
        f"{table['on_the_sample']}. Of those drawn rows:"
    )


def _assemble(
    setup: _Setup, d: Design, chosen: Rung, parts: dict[str, Any], run: Run
) -> StudyResult:
    """Put the sections together as the typed result (checked against its types)."""
    options, frame = setup.options, setup.frame
    chosen_row = next(r for r in parts["ladder"] if r["name"] == chosen.name)
    exclusions = setup.features.exclusions
    result = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "diveml_version": __version__,
        "id": setup.study_id,
        "status": "complete",
        "created_at": setup.created_at,
        "data": {
            "name": setup.name,
            "source": setup.name if isinstance(setup.data, pd.DataFrame) else str(setup.data),
            "rows": len(frame),
            "columns": len(frame.columns),
            "fingerprint": setup.fingerprints[0],
            "rows_without_target": setup.prepared.dropped_missing_target,
            "read_with": setup.reading.given() or None,
        },
        "target": setup.target,
        "task": d.task,
        "metric": d.metric,
        "seed": options.seed,
        "settings": _settings(options),
        "excluded_columns": [e["column"] for e in exclusions],
        "exclusions": exclusions,
        "features": {
            "numeric": d.prepared.numeric,
            "categorical": d.prepared.categorical,
            "target_encoded": d.many,
            **features_record(d.text, d.dates, d.hours, d.components),
        },
        "audit": setup.audited.to_dict(),
        "split": {
            "strategy": d.split.strategy,
            "train_rows": len(d.split.train),
            "holdout_rows": len(d.split.test),
            "holdout_fingerprint": setup.fingerprints[1],
            "cv": type(d.cv).__name__,
            "folds": d.folds,
            "rows_drawn": rows_drawn(d.split.strategy),
        },
        "chosen": {
            "name": chosen.name,
            "label": chosen.label,
            "cv_mean": chosen_row["cv_mean"],
            "cv_std": chosen_row["cv_std"],
        },
        "reproduce": _reproduce(setup, d, chosen),
        "artifacts": dict(ARTIFACTS),
        **parts,
    }
    result["timings"] = _timings(run, options.budget, parts["budget_plan"])
    # Checked against the types here, so a producer that drifts from the format fails in
    # the test suite, not in a reader.
    return StudyResult.from_dict(result, source="The study's own result")


def _settings(options: StudyOptions) -> dict[str, Any]:
    return {
        "holdout": options.holdout,
        "folds": options.folds,
        "group": options.group,
        "time": options.time,
        "budget": options.budget,
        "drop": list(options.drop),
        "keep": list(options.keep),
    }


def _timings(run: Run, budget: float, plan: dict[str, Any]) -> dict[str, Any]:
    """The ``timings`` section; a run past its budget says so (the plan was made in advance)."""
    total = run.elapsed()
    over = total > budget
    planned = plan["estimated_seconds"]
    if not over:
        note = f"The study took {total:.1f} s, within its budget of {budget:g} s."
    elif planned > budget:
        note = (
            f"The study took {total:.1f} s, more than its budget of {budget:g} s: even the "
            f"least a study does (a baseline, a linear model, a learning curve, a final fit) "
            f"was estimated at {planned:.1f} s before fitting."
        )
    else:
        note = (
            f"The study took {total:.1f} s, more than its budget of {budget:g} s, although "
            f"the plan made before fitting estimated {planned:.1f} s: this machine was slower "
            "or busier than the one the cost model was measured on. The choices did not "
            "depend on it (the same inputs give the same study on any machine)."
        )
    return {"total_seconds": total, "stages": dict(run.stages), "over_budget": over, "note": note}


def _reproduce(setup: _Setup, d: Design, chosen: Rung) -> dict[str, str]:
    options, frame = setup.options, setup.frame
    time = options.time
    time_is_text = time is not None and not (
        pd.api.types.is_numeric_dtype(frame[time])
        or pd.api.types.is_datetime64_any_dtype(frame[time])
    )
    return {
        "load_code": load_code(
            setup.data, setup.name, *setup.reading.source, drawn=setup.table is not None
        ),
        "split_code": split_code(
            Columns(
                setup.target,
                d.task,
                d.prepared.numeric,
                d.prepared.categorical,
                list(d.text),
                d.dates,
            ),
            HoldoutSpec(
                d.split.strategy, options.holdout, options.seed, options.group, time, time_is_text
            ),
        ),
        "pipeline_code": pipeline_code(
            chosen, d.task, d.prepared.numeric, d.few, options.seed, d.encoding
        ),
    }
