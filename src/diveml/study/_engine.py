"""The engine seam: where the protocol's fits run.

The ladder's cross-validation, the learning curves and the final fit all go through an
:class:`Engine`. :class:`LocalEngine` runs them in this process, one core, as scikit-learn
does, or in a few worker processes (``jobs``); :class:`~diveml.study._dask.DaskEngine`
runs them on a Dask cluster. An engine only runs fits: every decision (rows, rungs, folds)
is made before, from the budget plan, so any engine gives the same study.

An engine that runs fits elsewhere cuts the work into independent jobs, one per fold of a
rung and one per (fold, training size) of a learning curve, each a plain scikit-learn fit
on the rows the folds name. The jobs' results come back in the order they were made
(never the order they finished), and are put together exactly as scikit-learn's
``cross_validate`` and ``learning_curve`` would have: the numbers are the same whichever
engine ran them and however the jobs were scheduled (a test compares them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, Protocol

import numpy as np
import pandas as pd

from diveml.exceptions import InvalidOptionError, did_you_mean
from diveml.study._curve import FRACTIONS, curve_section, learning_curve_section
from diveml.study._ladder import Rung, RungResult, _likely_cause, _short, run_rung
from diveml.study._threads import caught_warnings, thread_map

__all__ = ["AUTO_WORK_SECONDS", "ENGINES", "Engine", "FoldEngine", "LocalEngine", "open_engine"]

# jobs="auto": two worker processes when the budget plan estimates the ladder at this many
# seconds or more, one below it. Starting two loky workers and sending them the table cost
# about 5 CPU-s and a few seconds of wall on penguins (study CPU 10.8 -> 15.7 s, wall 74 ->
# 90 s at load 14, bench/RESULTS.md), more than a small table's fits take. Measured: randhie
# (ladder estimated at 19.5 s) went from 193 to 157 s of wall with two; on default (10.3 s)
# an earlier rule that also counted a learning curve took two and was no faster.
AUTO_WORK_SECONDS = 15.0
AUTO_MAX_JOBS = 2

Data = tuple[pd.DataFrame, pd.Series, pd.Series | None]
Kind = Literal["threads", "processes"]


class Engine(Protocol):
    """Runs the fits of a study."""

    def cross_validate(
        self, rung: Rung, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> RungResult:
        """Cross-validate ``pipeline`` on ``data`` (features, target, groups)."""
        ...

    def learning_curve(
        self, name: str, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> dict[str, Any]:
        """Return the ``learning_curve`` section for ``pipeline`` on ``data``."""
        ...

    def fit(self, pipeline: Any, X: pd.DataFrame, y: pd.Series) -> Any:
        """Fit ``pipeline`` on every given row and return it."""
        ...


@dataclasses.dataclass(frozen=True)
class FoldScore:
    """What one fold of a rung gave: its score, timings, warnings and any error."""

    score: float
    fit_seconds: float
    score_seconds: float
    notes: tuple[str, ...]
    error: str = ""


def fit_fold(
    pipeline: Any,
    X: pd.DataFrame,
    y: pd.Series,
    scoring: str,
    train: np.ndarray,
    test: np.ndarray,
) -> FoldScore:
    """Fit ``pipeline`` on the ``train`` rows and score it on the ``test`` rows (one job).

    scikit-learn's own ``cross_validate`` on this one fold: the same clone, fit and scorer
    as the local engine's call over every fold.
    """
    from sklearn.model_selection import cross_validate

    with caught_warnings("always") as caught:
        try:
            out = cross_validate(
                pipeline, X, y, cv=[(train, test)], scoring=scoring, error_score=np.nan
            )
        except ValueError as exc:  # the fit (or the scoring) failed on this fold
            error = _short(f"{type(exc).__name__}: {exc}")
            return FoldScore(math.nan, math.nan, math.nan, (), error)
    notes = tuple(sorted({_short(f"{w.category.__name__}: {w.message}") for w in caught}))
    return FoldScore(
        float(out["test_score"][0]), float(out["fit_time"][0]), float(out["score_time"][0]), notes
    )


def _fit_fold_of(
    X: pd.DataFrame,
    y: pd.Series,
    scoring: str,
    pipeline: Any,
    train: np.ndarray,
    test: np.ndarray,
) -> FoldScore:
    """:func:`fit_fold` with the pipeline as part of the job (folds of several rungs)."""
    return fit_fold(pipeline, X, y, scoring, train, test)


def merge_folds(rung: Rung, folds: Sequence[FoldScore], scoring: str) -> RungResult:
    """Put a rung's folds together as :func:`~diveml.study._ladder.run_rung` does."""
    errors = [f.error for f in folds if f.error]
    if len(errors) == len(folds):  # no fold could be fitted at all
        return RungResult(rung, "failed", note=errors[0])
    scores = np.array([f.score for f in folds], dtype=float)
    notes = sorted({note for f in folds for note in f.notes})
    if not np.all(np.isfinite(scores)):
        failed = int(np.sum(~np.isfinite(scores)))
        reason = next(
            (n for n in [*notes, *errors] if "FitFailed" in n or "score" in n.lower()), ""
        )
        return RungResult(
            rung,
            "failed",
            note=_short(
                f"{failed} of {len(scores)} folds could not be fitted or scored"
                f"{_likely_cause(scoring)}. {reason}"
            ),
        )
    ok = [f for f in folds if not f.error]
    return RungResult(
        rung,
        "ok",
        scores=[float(s) for s in scores],
        fit_seconds=float(np.mean([f.fit_seconds for f in ok])),
        predict_seconds=float(np.mean([f.score_seconds for f in ok])),
        note="; ".join(notes[:2]),
    )


def curve_point(
    pipeline: Any,
    X: pd.DataFrame,
    y: pd.Series,
    scoring: str,
    train: np.ndarray,
    test: np.ndarray,
) -> tuple[float, float]:
    """Fit on ``train`` (the first rows of a fold); return (training, validation) scores.

    One point of scikit-learn's ``learning_curve`` with ``shuffle=False``: a fresh clone
    fitted on the first ``n`` training rows of the fold, scored by the same scorer on
    those rows and on the fold's validation rows; a failed fit scores NaN.
    """
    from sklearn.base import clone
    from sklearn.metrics import check_scoring

    model = clone(pipeline)
    scorer = check_scoring(model, scoring=scoring)
    X_train, y_train = X.iloc[train], y.iloc[train]
    with caught_warnings("ignore"):
        try:
            model.fit(X_train, y_train)
            on_train = float(scorer(model, X_train, y_train))
            on_test = float(scorer(model, X.iloc[test], y.iloc[test]))
        except Exception:  # error_score=nan, as the local engine's learning_curve
            return math.nan, math.nan
    return on_train, on_test


def curve_sizes(fractions: Sequence[float], largest: int) -> np.ndarray:
    """The training sizes scikit-learn's ``learning_curve`` makes of ``fractions``.

    Shares of the first fold's training rows, at least one row, without repeats.
    """
    sizes = (np.asarray(fractions, dtype=float) * largest).astype(int)
    return np.unique(np.clip(sizes, 1, largest))


def fit_pipeline(X: pd.DataFrame, y: pd.Series, pipeline: Any) -> Any:
    """Fit ``pipeline`` on every row given and return it (one job)."""
    return pipeline.fit(X, y)


Mapper = Callable[[Callable[..., Any], Sequence[Any], Sequence[tuple[Any, ...]]], list[Any]]


class FoldEngine:
    """An engine that runs its fits as independent jobs; subclasses say where (``map``).

    ``map(function, shared, jobs)`` must return ``[function(*shared, *job) for job in
    jobs]``, in that order, however the jobs were spread.
    """

    def map(
        self, function: Callable[..., Any], shared: Sequence[Any], jobs: Sequence[tuple[Any, ...]]
    ) -> list[Any]:
        raise NotImplementedError

    def cross_validate(
        self, rung: Rung, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> RungResult:
        X, y, groups = data
        splits = [(np.asarray(a), np.asarray(b)) for a, b in cv.split(X, y, groups)]
        folds = self.map(fit_fold, (pipeline, X, y, scoring), splits)
        return merge_folds(rung, folds, scoring)

    def learning_curve(
        self, name: str, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> dict[str, Any]:
        return curve_section(name, *self.curve_scores(pipeline, data, cv, scoring))

    def curve_scores(
        self, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The sizes and the (sizes x folds) training and validation scores, point by point."""
        X, y, groups = data
        splits = [(np.asarray(a), np.asarray(b)) for a, b in cv.split(X, y, groups)]
        sizes = curve_sizes(FRACTIONS, len(splits[0][0]))
        jobs = [(train[:n], test) for train, test in splits for n in sizes]
        points = self.map(curve_point, (pipeline, X, y, scoring), jobs)
        # (sizes x folds), as scikit-learn's learning_curve returns them
        train_scores = np.array([p[0] for p in points]).reshape(len(splits), len(sizes)).T
        test_scores = np.array([p[1] for p in points]).reshape(len(splits), len(sizes)).T
        return sizes, train_scores, test_scores

    def fit(self, pipeline: Any, X: pd.DataFrame, y: pd.Series) -> Any:
        return self.map(fit_pipeline, (X, y), [(pipeline,)])[0]


def _cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS and Windows


def auto_jobs(work_seconds: float, cores: int) -> tuple[int, Kind, str]:
    """How ``jobs="auto"`` runs the fits of a ladder estimated at ``work_seconds``.

    Returns the number of workers, whether they are threads of this process or worker
    processes, and the reason in words, for study.json. Only the plan's estimate and the
    cores decide it, never the machine's load, so the same table and options on the same
    machine always pick the same; and any choice gives the same numbers.
    """
    if cores < 2:
        return 1, "threads", "jobs=auto: 1 process (this machine has 1 core)."
    workers = min(cores, AUTO_MAX_JOBS)
    if work_seconds < AUTO_WORK_SECONDS:
        # Two threads of this process were measured slower, not faster, on small tables on
        # an idle 2-core machine (bench/ab.py run 20261201T211213: study wall +6 to +16% and
        # CPU up to +57% on penguins, titanic, default): their fits are mostly Python that
        # holds the GIL. So a small table stays in one thread; LocalEngine(threads=2) is
        # still there for a caller who wants it, with the same numbers.
        return (
            1,
            "threads",
            (
                f"jobs=auto: 1 process (the budget plan estimated the ladder at "
                f"{work_seconds:.0f} s, under {AUTO_WORK_SECONDS:.0f} s: worker processes "
                "would cost more to start than they save, and two threads were measured "
                "slower on such tables)."
            ),
        )
    return (
        workers,
        "processes",
        (
            f"jobs=auto: {workers} processes (the budget plan estimated the ladder at "
            f"{work_seconds:.0f} s, at least {AUTO_WORK_SECONDS:.0f} s)."
        ),
    )


class LocalEngine(FoldEngine):
    """Runs every fit on this machine: here, on ``threads`` threads, or in ``jobs`` processes.

    With ``jobs=1`` and ``threads=1`` the fits run in this process, one after another,
    through scikit-learn's ``cross_validate`` and ``learning_curve`` (``n_jobs=1``). With
    ``threads`` above 1 the folds and curve points are spread over that many threads of
    this process (:mod:`._threads`: one OpenMP thread each, each job's warnings its own);
    with ``jobs`` above 1 over that many worker processes (joblib's loky backend, one
    thread each). Either way they are collected in order: the same numbers, sooner on a
    machine with spare cores. ``jobs="auto"`` waits for the study's budget plan
    (:meth:`settle`): 2 processes when its estimate of the ladder is large, else 1
    (:func:`auto_jobs`; threads are chosen only by a caller who asks for them).
    """

    def __init__(self, jobs: int | Literal["auto"] = 1, threads: int = 1) -> None:
        for option, value in (("jobs", jobs), ("threads", threads)):
            if option == "jobs" and value == "auto":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidOptionError(
                    f"«{option}={value!r}» must be 1 or more (the worker "
                    f"{'processes' if option == 'jobs' else 'threads'} that run the fits)"
                    + (
                        ", or 'auto' (from the budget plan's estimate of the fits)."
                        if option == "jobs"
                        else "."
                    ),
                    option=option,
                    value=value,
                    allowed="an integer of at least 1" + (", or auto" if option == "jobs" else ""),
                )
        if jobs != "auto" and jobs > 1 and threads > 1:
            raise InvalidOptionError(
                f"«jobs={jobs!r}» and «threads={threads!r}»: the fits run either in worker "
                "processes or on threads of this process. Give one of them.",
                option="threads",
                value=threads,
            )
        self.auto = jobs == "auto"
        self.jobs = 1 if jobs == "auto" else jobs
        self.threads = threads
        self.note = ""

    def settle(self, work_seconds: float) -> None:
        """Called by the study with the plan's estimate of the ladder, before the first fit."""
        if self.auto:
            workers, kind, self.note = auto_jobs(work_seconds, _cores())
            self.jobs, self.threads = (workers, 1) if kind == "processes" else (1, workers)

    def describe(self) -> dict[str, Any]:
        """The engine, for study.json (``workers``: threads or processes, the note says which)."""
        workers = max(self.jobs, self.threads)
        described: dict[str, Any] = {"name": "local", "workers": workers, "address": None}
        if self.note:
            described["note"] = self.note
        return described

    def map(
        self, function: Callable[..., Any], shared: Sequence[Any], jobs: Sequence[tuple[Any, ...]]
    ) -> list[Any]:
        if len(jobs) == 1 or max(self.jobs, self.threads) == 1:
            return [function(*shared, *job) for job in jobs]
        if self.threads > 1:
            return thread_map(function, shared, jobs, self.threads)
        from joblib import Parallel, delayed, parallel_config

        # One thread per worker: the fits are the same single-threaded fits as here.
        with parallel_config(backend="loky", inner_max_num_threads=1):
            return list(Parallel(n_jobs=self.jobs)(delayed(function)(*shared, *j) for j in jobs))

    def cross_validate(
        self, rung: Rung, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> RungResult:
        if self.jobs > 1:
            return super().cross_validate(rung, pipeline, data, cv, scoring)
        if self.threads > 1:
            spread = super().cross_validate(rung, pipeline, data, cv, scoring)
            if spread.status == "ok":
                return spread
            # A fold failed: again in one go, so that the rung says why in scikit-learn's
            # own words (its warning counts the failed fits over all the folds).
        X, y, groups = data
        return run_rung(rung, pipeline, X, y, cv, groups, scoring)

    def cross_validate_rungs(
        self, rungs: Sequence[tuple[Rung, Any]], data: Data, cv: Any, scoring: str
    ) -> list[RungResult]:
        """Cross-validate each (rung, pipeline), as :meth:`cross_validate` one by one would.

        On threads, every fold of every rung is one job of a single map, so a thread that
        finishes a rung's last fold starts the next rung's first instead of waiting for
        the other thread (five folds on two threads leave one idle for the last fold).
        """
        if self.threads == 1 or not rungs:
            return [self.cross_validate(rung, p, data, cv, scoring) for rung, p in rungs]
        X, y, groups = data
        splits = [(np.asarray(a), np.asarray(b)) for a, b in cv.split(X, y, groups)]
        jobs = [(p, train, test) for _, p in rungs for train, test in splits]
        folds = thread_map(_fit_fold_of, (X, y, scoring), jobs, self.threads)
        results = []
        for index, (rung, pipeline) in enumerate(rungs):
            mine = folds[index * len(splits) : (index + 1) * len(splits)]
            merged = merge_folds(rung, mine, scoring)
            if merged.status != "ok":  # in one go, for scikit-learn's wording of the failure
                merged = run_rung(rung, pipeline, X, y, cv, groups, scoring)
            results.append(merged)
        return results

    def learning_curve(
        self, name: str, pipeline: Any, data: Data, cv: Any, scoring: str
    ) -> dict[str, Any]:
        if self.jobs > 1:
            return super().learning_curve(name, pipeline, data, cv, scoring)
        if self.threads > 1:
            scores = self.curve_scores(pipeline, data, cv, scoring)
            if all(np.all(np.isfinite(s)) for s in scores[1:]):
                return curve_section(name, *scores)
            # A point failed: again in one go, as scikit-learn's learning_curve handles it.
        X, y, groups = data
        return learning_curve_section(name, pipeline, X, y, cv, groups, scoring)

    def fit(self, pipeline: Any, X: pd.DataFrame, y: pd.Series) -> Any:
        return pipeline.fit(X, y)


ENGINES = ("local", "dask")


@contextlib.contextmanager
def open_engine(
    name: str = "local", scheduler: str | None = None, jobs: int | Literal["auto"] | None = None
) -> Iterator[Engine]:
    """Yield the engine ``name`` names, started, and stop it afterwards.

    ``"local"`` runs the fits on this machine in ``jobs`` processes (default ``"auto"``:
    1, this one, or 2 when the budget plan's estimate of the fits is large);
    ``"dask"`` on a Dask cluster: the one at ``scheduler``, or else a LocalCluster of
    ``jobs`` workers started for the block and shut down after it. A ``scheduler`` alone
    means ``"dask"``.
    """
    if name not in ENGINES:
        raise InvalidOptionError(
            f"«engine={name!r}» is not an engine. Choose 'local' (this machine) or 'dask' "
            f"(a Dask cluster).{did_you_mean(name, ENGINES)}",
            option="engine",
            value=name,
            allowed="local, dask",
        )
    if name == "local" and scheduler is not None:
        raise InvalidOptionError(
            f"«scheduler={scheduler!r}» is the address of a Dask cluster, and "
            "«engine='local'» runs the fits on this machine. Use «engine='dask'» with it, "
            "or leave «scheduler» out.",
            option="scheduler",
            value=scheduler,
        )
    if name == "local":
        # "auto" by default: on randhie (15,000 rows, the ladder estimated at 19.5 s) two
        # processes took the study from 193 to 157 s of wall at load 13, with the same
        # numbers; small tables stay in one process (bench/RESULTS.md).
        yield LocalEngine("auto" if jobs is None else jobs)
        return
    if jobs == "auto":
        raise InvalidOptionError(
            "«jobs='auto'» is for «engine='local'». A Dask cluster takes a number of "
            "workers («jobs=2») or leave «jobs» out.",
            option="jobs",
            value=jobs,
        )
    if scheduler is not None and jobs is not None:
        raise InvalidOptionError(
            f"«jobs={jobs!r}» sets the workers of a local Dask cluster, and «scheduler» "
            "names a cluster that has its own. Leave one of them out.",
            option="jobs",
            value=jobs,
        )
    from diveml.study._dask import DaskEngine

    with DaskEngine(scheduler, workers=jobs) as engine:
        yield engine
