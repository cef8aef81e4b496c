"""The engine seam: the same fits cut into jobs give scikit-learn's own numbers.

An engine that runs a rung's folds and a learning curve's points as separate jobs (in
worker processes, or on Dask) must put them together into exactly what one
``cross_validate`` / ``learning_curve`` call gives here, for every kind of split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from diveml.config import Settings
from diveml.exceptions import InvalidOptionError
from diveml.study import _engine
from diveml.study._engine import FoldEngine, LocalEngine, auto_jobs, open_engine
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._split import cv_splitter
from tests.study.conftest import quick_study
from tests.study.test_dask import _numbers


class InOrder(FoldEngine):
    """Runs the jobs here, last first, and hands them back in the order they were made."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def map(
        self, function: Callable[..., Any], shared: Sequence[Any], jobs: Sequence[tuple[Any, ...]]
    ) -> list[Any]:
        self.calls.append(len(jobs))
        done = {i: function(*shared, *jobs[i]) for i in reversed(range(len(jobs)))}
        return [done[i] for i in range(len(jobs))]


@pytest.fixture(autouse=True)
def _one_openmp_thread() -> Iterator[None]:
    """Run each test's own fits on one OpenMP thread, as the study runs them.

    The protocol holds ``threadpool_limits(1)``; without it a boosting fit in the test's
    thread takes every core, and on a busy machine its OpenMP threads spin (a learning
    curve of 240 rows took 218 s of wall instead of 5).
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped,unused-ignore]

    with threadpool_limits(1):
        yield


def _table(task: str) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    rng = np.random.default_rng(3)
    n = 240
    X = pd.DataFrame(
        {
            "a": rng.normal(size=n),
            "b": rng.normal(size=n),
            "c": rng.choice(["x", "y", "z"], size=n).astype(object),
        }
    )
    signal = X["a"] + 0.5 * X["b"] + rng.normal(scale=0.7, size=n)
    y = pd.Series(np.where(signal > 0, "up", "down")) if task == "binary" else signal
    groups = pd.Series([f"g{i % 30}" for i in range(n)])
    return X, y, groups


CASES = [
    ("binary", "stratified"),
    ("binary", "grouped"),
    ("regression", "random"),
    ("regression", "time"),
]


@pytest.mark.parametrize(("task", "strategy"), CASES)
def test_folds_as_jobs_give_the_scores_of_one_cross_validate(task: str, strategy: str) -> None:
    X, y, groups = _table(task)
    cv = cv_splitter(strategy, task, 4, 7)  # type: ignore[arg-type]
    data = (X, y, groups if strategy == "grouped" else None)
    scoring = "roc_auc" if task == "binary" else "r2"
    jobs = InOrder()
    for rung in RUNGS[:3]:
        pipeline = build_pipeline(rung, task, ["a", "b"], ["c"], 7)
        here = LocalEngine().cross_validate(rung, pipeline, data, cv, scoring)
        spread = jobs.cross_validate(rung, pipeline, data, cv, scoring)
        assert spread.status == here.status == "ok"
        assert spread.scores == here.scores  # exactly, not approximately
        assert spread.note == here.note
    assert jobs.calls == [4, 4, 4]  # one job per fold


@pytest.mark.parametrize(("task", "strategy"), CASES)
def test_curve_points_as_jobs_give_the_learning_curve_of_scikit_learn(
    task: str, strategy: str
) -> None:
    X, y, groups = _table(task)
    cv = cv_splitter(strategy, task, 4, 7)  # type: ignore[arg-type]
    data = (X, y, groups if strategy == "grouped" else None)
    scoring = "roc_auc" if task == "binary" else "r2"
    pipeline = build_pipeline(RUNGS[2], task, ["a", "b"], ["c"], 7)
    here = LocalEngine().learning_curve("small_tree", pipeline, data, cv, scoring)
    jobs = InOrder()
    spread = jobs.learning_curve("small_tree", pipeline, data, cv, scoring)
    assert spread == here
    assert jobs.calls == [4 * len(here["sizes"])]  # one job per fold and size


def _unscorable_fold() -> tuple[pd.DataFrame, pd.Series, Any]:
    """A binary table and two folds, the first of which roc_auc cannot score.

    Every row of the first 60 is "down": a test fold of only those has one class.
    """
    X, y, _ = _table("binary")
    y = y.copy()
    y.iloc[:60] = "down"
    cv = [(np.arange(60, 240), np.arange(60)), (np.arange(0, 180), np.arange(180, 240))]

    class Splits:
        def split(self, X: Any, y: Any, groups: Any) -> Any:
            return iter(cv)

    return X, y, Splits()


def test_a_fold_that_cannot_be_scored_fails_the_rung_with_the_reason() -> None:
    X, y, splits = _unscorable_fold()
    rung = RUNGS[1]
    pipeline = build_pipeline(rung, "binary", ["a", "b"], ["c"], 7)
    result = InOrder().cross_validate(rung, pipeline, (X, y, None), splits, "roc_auc")
    assert result.status == "failed"
    assert "1 of 2 folds could not be fitted or scored" in result.note
    assert "too few rows of a class" in result.note


def test_local_engine_in_two_processes_gives_the_same_numbers() -> None:
    X, y, _ = _table("binary")
    cv = cv_splitter("stratified", "binary", 3, 7)
    rung = RUNGS[1]
    pipeline = build_pipeline(rung, "binary", ["a", "b"], ["c"], 7)
    here = LocalEngine().cross_validate(rung, pipeline, (X, y, None), cv, "roc_auc")
    two = LocalEngine(jobs=2).cross_validate(rung, pipeline, (X, y, None), cv, "roc_auc")
    assert two.scores == here.scores
    fitted = LocalEngine(jobs=2).fit(pipeline, X, y)
    assert np.array_equal(fitted.predict_proba(X), pipeline.fit(X, y).predict_proba(X))


def test_jobs_below_one_is_refused() -> None:
    with pytest.raises(InvalidOptionError, match=r"jobs=0 must be 1 or more"):
        LocalEngine(jobs=0)
    with pytest.raises(InvalidOptionError, match=r"jobs='many' must be 1 or more.*or 'auto'"):
        LocalEngine(jobs="many")  # type: ignore[arg-type]
    with pytest.raises(InvalidOptionError, match=r"threads=0 must be 1 or more .*threads"):
        LocalEngine(threads=0)
    with pytest.raises(InvalidOptionError, match=r"jobs=2 and threads=2: .*Give one of them"):
        LocalEngine(jobs=2, threads=2)


@pytest.mark.parametrize(("task", "strategy"), CASES)
def test_folds_on_threads_give_the_numbers_and_notes_of_one_thread(
    task: str, strategy: str
) -> None:
    X, y, groups = _table(task)
    cv = cv_splitter(strategy, task, 4, 7)  # type: ignore[arg-type]
    data = (X, y, groups if strategy == "grouped" else None)
    scoring = "roc_auc" if task == "binary" else "r2"
    threads = LocalEngine(threads=2)
    for rung in RUNGS:  # the forest and the boosting too: their fits release the GIL
        pipeline = build_pipeline(rung, task, ["a", "b"], ["c"], 7)
        here = LocalEngine().cross_validate(rung, pipeline, data, cv, scoring)
        spread = threads.cross_validate(rung, pipeline, data, cv, scoring)
        assert spread.status == here.status == "ok"
        assert spread.scores == here.scores  # exactly, not approximately
        assert spread.note == here.note


@pytest.mark.parametrize(("task", "strategy"), CASES[:3])
def test_every_rung_in_one_map_gives_each_rung_its_own_numbers_and_notes(
    task: str, strategy: str
) -> None:
    X, y, groups = _table(task)
    cv = cv_splitter(strategy, task, 4, 7)  # type: ignore[arg-type]
    data = (X, y, groups if strategy == "grouped" else None)
    scoring = "roc_auc" if task == "binary" else "r2"
    rungs = [(rung, build_pipeline(rung, task, ["a", "b"], ["c"], 7)) for rung in RUNGS]
    # the linear rung warns on every fold, the others do not
    rungs[1] = (RUNGS[1], rungs[1][1].set_params(model__max_iter=1))
    here = [LocalEngine().cross_validate(r, p, data, cv, scoring) for r, p in rungs]
    together = LocalEngine(threads=2).cross_validate_rungs(rungs, data, cv, scoring)
    assert [r.rung.name for r in together] == [r.name for r in RUNGS]
    assert [(r.status, r.scores, r.note) for r in together] == [
        (r.status, r.scores, r.note) for r in here
    ]
    if task == "binary":
        assert "ConvergenceWarning" in together[1].note
        assert together[2].note == ""


def test_a_warning_on_threads_is_the_note_of_its_own_rung() -> None:
    X, y, _ = _table("binary")
    cv = cv_splitter("stratified", "binary", 4, 7)
    rung = RUNGS[1]
    # one iteration: every fold warns that the solver did not converge
    pipeline = build_pipeline(rung, "binary", ["a", "b"], ["c"], 7).set_params(model__max_iter=1)
    here = LocalEngine().cross_validate(rung, pipeline, (X, y, None), cv, "roc_auc")
    spread = LocalEngine(threads=2).cross_validate(rung, pipeline, (X, y, None), cv, "roc_auc")
    assert "ConvergenceWarning" in here.note
    assert spread.note == here.note
    quiet = build_pipeline(RUNGS[2], "binary", ["a", "b"], ["c"], 7)
    tree = LocalEngine(threads=2).cross_validate(RUNGS[2], quiet, (X, y, None), cv, "roc_auc")
    assert tree.note == ""  # the other rung's warnings did not stay behind


@pytest.mark.parametrize(("task", "strategy"), CASES)
def test_curve_points_on_threads_give_the_learning_curve_of_scikit_learn(
    task: str, strategy: str
) -> None:
    X, y, groups = _table(task)
    cv = cv_splitter(strategy, task, 4, 7)  # type: ignore[arg-type]
    data = (X, y, groups if strategy == "grouped" else None)
    scoring = "roc_auc" if task == "binary" else "r2"
    # the boosting (OpenMP inside) on two of the splitters, to keep the test short
    for rung in (RUNGS[1], RUNGS[4]) if strategy in ("stratified", "random") else RUNGS[1:2]:
        pipeline = build_pipeline(rung, task, ["a", "b"], ["c"], 7)
        here = LocalEngine().learning_curve(rung.name, pipeline, data, cv, scoring)
        spread = LocalEngine(threads=2).learning_curve(rung.name, pipeline, data, cv, scoring)
        assert spread == here


def test_a_fold_that_fails_on_threads_fails_the_rung_as_on_one_thread() -> None:
    X, y, splits = _unscorable_fold()
    rung = RUNGS[1]
    pipeline = build_pipeline(rung, "binary", ["a", "b"], ["c"], 7)
    here = LocalEngine().cross_validate(rung, pipeline, (X, y, None), splits, "roc_auc")
    spread = LocalEngine(threads=2).cross_validate(rung, pipeline, (X, y, None), splits, "roc_auc")
    assert spread.status == here.status == "failed"
    assert spread.note == here.note


def test_auto_takes_two_processes_only_for_large_estimates_and_one_thread_below() -> None:
    assert auto_jobs(10.3, 2) == (
        1,
        "threads",
        "jobs=auto: 1 process (the budget plan estimated the ladder at 10 s, under 15 s: "
        "worker processes would cost more to start than they save, and two threads were "
        "measured slower on such tables).",
    )
    assert auto_jobs(45.0, 2) == (
        2,
        "processes",
        "jobs=auto: 2 processes (the budget plan estimated the ladder at 45 s, at least 15 s).",
    )
    assert auto_jobs(45.0, 16)[:2] == (2, "processes")  # two at most, whatever the machine
    assert auto_jobs(3.0, 16)[:2] == (1, "threads")
    assert auto_jobs(45.0, 1) == (1, "threads", "jobs=auto: 1 process (this machine has 1 core).")


@pytest.mark.usefixtures("shared_data")
def test_two_threads_give_a_whole_study_the_numbers_of_one_and_auto_keeps_one(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = quick_study("penguins", "species", tmp_path / "one", settings, budget=5)
    engine = LocalEngine(threads=2)
    two = quick_study("penguins", "species", tmp_path / "two", settings, budget=5, engine=engine)
    assert two.result["engine"]["workers"] == 2
    monkeypatch.setattr(_engine, "_cores", lambda: 2)  # the same choice on any machine
    auto = LocalEngine(jobs="auto")
    small = quick_study("penguins", "species", tmp_path / "auto", settings, budget=5, engine=auto)
    assert (auto.jobs, auto.threads) == (1, 1)
    assert small.result["engine"]["note"].startswith("jobs=auto: 1 process (the budget plan")
    assert [r["status"] for r in one.result["ladder"]].count("ok") == 3  # a tree as well
    assert _numbers(two.result) == _numbers(one.result)


@pytest.mark.usefixtures("shared_data")
def test_auto_with_two_processes_gives_the_numbers_of_one(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = quick_study("penguins", "species", tmp_path / "one", settings, budget=5)
    monkeypatch.setattr(_engine, "AUTO_WORK_SECONDS", 0.0)  # any estimate is "large"
    monkeypatch.setattr(_engine, "_cores", lambda: 2)
    engine = LocalEngine(jobs="auto")
    two = quick_study("penguins", "species", tmp_path / "two", settings, budget=5, engine=engine)
    assert two.result["engine"]["workers"] == 2
    assert "jobs=auto: 2 processes" in two.result["engine"]["note"]
    assert [r["status"] for r in one.result["ladder"]].count("ok") == 3  # a tree as well
    assert _numbers(two.result) == _numbers(one.result)


def test_auto_is_for_the_local_engine_only() -> None:
    with (
        pytest.raises(InvalidOptionError, match=r"jobs='auto' is for engine='local'"),
        open_engine("dask", jobs="auto"),
    ):
        pass


def test_an_unknown_engine_is_refused_with_the_choices() -> None:
    with (
        pytest.raises(InvalidOptionError, match=r"engine='dusk' is not an engine.*'dask'"),
        open_engine("dusk"),
    ):
        pass


def test_a_scheduler_with_the_local_engine_is_refused() -> None:
    with (
        pytest.raises(InvalidOptionError, match=r"scheduler='tcp://h:1'.*Use engine='dask'"),
        open_engine("local", "tcp://h:1"),
    ):
        pass
