"""The budget's decisions: made from counted work before fitting, the same on any machine."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diveml.config import resolve_settings
from diveml.study import study
from diveml.study._budget import (
    CURVE_MIN_SECONDS,
    FINAL_MIN_SECONDS,
    LADDER_SHARE,
    MIN_FITTING_SHARE,
    RUNG_COSTS,
    budget_to_draw_curve,
    curve_plan_at,
    curve_rows,
    curve_seconds,
    cv_seconds,
    final_rows,
    fit_seconds,
    fitting_budget,
    ladder_rows,
    plan_curve,
    plan_ladder,
    reserved_seconds,
    sampling_note,
)
from diveml.study._ladder import RUNGS

RUNG_LIST = [(r.name, r.complexity) for r in RUNGS]


def test_cost_model_covers_every_rung_and_grows_with_cells() -> None:
    assert set(RUNG_COSTS) == {r.name for r in RUNGS}
    for name in RUNG_COSTS:
        assert 0 < fit_seconds(name, 100, 10) < fit_seconds(name, 10_000, 10)
        assert cv_seconds(name, 1000, 10, 5) == pytest.approx(5 * fit_seconds(name, 800, 10))


def test_a_wide_table_costs_more_per_fit_even_on_few_rows() -> None:
    # The preprocessing's cost per column: 40 rows of 3,000 columns are not cheaper than
    # 4,000 rows of 30, whatever the cells say (this is what overran the budget 30 times).
    for name, cost in RUNG_COSTS.items():
        assert fit_seconds(name, 40, 3000) > cost.fixed
    assert fit_seconds("linear", 40, 3000) > 2 * fit_seconds("linear", 40, 30)
    assert RUNG_COSTS["linear"].rows_for(fit_seconds("linear", 900, 30), 30) == pytest.approx(900)
    assert RUNG_COSTS["linear"].rows_for(0.0, 3000) == 0.0


def test_the_steps_that_are_not_fits_are_set_aside_before_the_fits_share_the_budget() -> None:
    # the same cells: the wide table costs more (every column is listed, looked up, written)
    assert reserved_seconds(50, 3000) > 1.5 * reserved_seconds(3000, 50)
    assert reserved_seconds(20_000, 20) > reserved_seconds(3000, 50)  # and cells count
    # past the calibrated 400,000 cells a cell costs less: 2M rows x 21 columns took 18.7 s
    # of steps that are not fits (bench/results/scale.csv), not the 297 s the near cost gives
    assert 15 < reserved_seconds(2_000_921, 21) < 40
    assert fitting_budget(120, reserved_seconds(1000, 10)) < 120
    # however wide the table, the fits keep a share of the budget to run the ladder in
    assert fitting_budget(15, reserved_seconds(50, 100_000)) == pytest.approx(
        MIN_FITTING_SHARE * 15
    )


def test_a_wide_table_leaves_out_costly_rungs_within_a_short_budget() -> None:
    budget = fitting_budget(15, reserved_seconds(50, 3000))
    plan = plan_ladder(RUNG_LIST, 40, 3006, 5, budget)
    assert plan.run[:2] == ("dummy", "linear")
    assert "gradient_boosting" in plan.skipped
    # the same table, narrow: every rung runs
    assert (
        plan_ladder(RUNG_LIST, 40, 30, 5, fitting_budget(15, reserved_seconds(50, 30))).skipped
        == ()
    )


def test_ladder_rows_scale_with_budget_and_width_and_stay_finite() -> None:
    assert ladder_rows(120, 50) == 12_000
    assert ladder_rows(120, 100) == 6_000
    assert ladder_rows(0.01, 10) == 500  # never fewer than 500
    assert ladder_rows(604_800, 1) > 0  # the largest budget allowed does not overflow


def test_plan_runs_every_rung_when_the_budget_allows() -> None:
    plan = plan_ladder(RUNG_LIST, 1000, 10, 5, 120)
    assert plan.run == tuple(r.name for r in RUNGS) and plan.skipped == ()
    assert plan.ladder_seconds == pytest.approx(sum(plan.seconds.values()))


def test_plan_leaves_out_costly_rungs_but_never_the_baseline_and_linear_model() -> None:
    plan = plan_ladder(RUNG_LIST, 500, 10, 5, 0.01)
    assert plan.run == ("dummy", "linear")
    assert plan.skipped == ("small_tree", "random_forest", "gradient_boosting")


def test_plan_leaves_out_a_rung_once_the_ladder_estimate_passes_its_share() -> None:
    rows, width, folds = 20_000, 40, 5
    cumulative = list(itertools.accumulate(cv_seconds(n, rows, width, folds) for n, _ in RUNG_LIST))
    # a budget between the estimates with and without the forest
    budget = (cumulative[2] + cumulative[3]) / 2 / LADDER_SHARE
    plan = plan_ladder(RUNG_LIST, rows, width, folds, budget)
    assert plan.run == ("dummy", "linear", "small_tree")
    assert plan.skipped == ("random_forest", "gradient_boosting")  # the later one too


def test_curve_rows_shrink_to_fit_the_room() -> None:
    rows, width, folds = 10_000, 50, 5
    assert curve_rows("linear", rows, width, folds, room=1e6) == rows
    fewer = curve_rows("random_forest", rows, width, folds, room=5.0)
    assert 20 * folds <= fewer < rows
    assert curve_seconds("random_forest", fewer, width, folds) <= 5.0 + 1e-9
    assert curve_rows("random_forest", rows, width, folds, room=0.0) == 20 * folds


def test_a_wide_tables_learning_curve_is_left_out_when_even_its_fewest_rows_overrun() -> None:
    # 3,000 encoded columns: each of the 25 fits costs about 0.18 s whatever its rows, so
    # shrinking the rows cannot bring the curve into the room the plan left (1.5 s).
    wide = plan_curve("linear", 40, 3006, 5, room=1.5)
    assert wide.rows == 40 and wide.fits == 25
    assert wide.seconds == pytest.approx(curve_seconds("linear", 40, 3006, 5), abs=1e-3)
    assert wide.seconds > max(wide.room, CURVE_MIN_SECONDS) and not wide.drawn
    # the same rows, narrow: the curve fits its room and is drawn
    assert plan_curve("linear", 40, 30, 5, room=1.5).drawn
    # a curve cheaper than CURVE_MIN_SECONDS is drawn even when the plan left no room
    cheap = plan_curve("linear", 400, 10, 3, room=0.0)
    assert cheap.seconds <= CURVE_MIN_SECONDS and cheap.drawn
    # a costly curve on many rows shrinks its rows to fit, and is drawn
    shrunk = plan_curve("random_forest", 10_000, 50, 5, room=5.0)
    assert shrunk.drawn and shrunk.rows < 10_000 and shrunk.seconds <= 5.0 + 1e-3


def test_the_budget_that_would_draw_the_curve_is_the_smallest_whole_one() -> None:
    rungs, reserved, train, shape = RUNG_LIST, reserved_seconds(50, 3000), 40, (3006, 5)
    at_15 = curve_plan_at(15, reserved, train, shape, rungs, "linear")
    assert at_15 is not None and not at_15.drawn
    enough = budget_to_draw_curve(15, reserved, train, shape, rungs, "linear")
    assert enough is not None and enough > 15
    drawn = curve_plan_at(enough, reserved, train, shape, rungs, "linear")
    assert drawn is not None and drawn.drawn
    short = curve_plan_at(enough - 1, reserved, train, shape, rungs, "linear")
    assert short is None or not short.drawn
    # the same inputs, the same advice: nothing here reads a clock
    assert budget_to_draw_curve(15, reserved, train, shape, rungs, "linear") == enough


def test_final_fit_uses_every_row_unless_it_overruns_by_far() -> None:
    assert final_rows("linear", 10_000, 500, 20, budget=120, spent=30) == 10_000
    # a fit that cannot end within FINAL_MIN_SECONDS even with the whole budget: sampled
    huge = 50_000_000
    rows = final_rows("random_forest", huge, 12_000, 50, budget=1.0, spent=1.0)
    assert 12_000 <= rows < huge
    assert fit_seconds("random_forest", rows, 50) == pytest.approx(FINAL_MIN_SECONDS, rel=1e-3)
    assert final_rows("random_forest", huge, huge, 50, budget=1.0, spent=1.0) == huge


def test_sampling_note_says_every_sample_and_how_it_was_drawn() -> None:
    assert sampling_note(100, 100, 100, 100, "random").startswith("No sampling")
    note = sampling_note(1000, 500, 200, 600, "grouped")
    assert "a sample of whole groups of 500 of the 1,000" in note
    assert "the learning curve used 200 of those rows" in note
    assert "raise the budget" in note and "--" not in note


def _steady_clock(step: float) -> Callable[[], float]:
    """A clock that advances ``step`` seconds at every reading."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


def _without_timings(result: dict[str, Any]) -> dict[str, Any]:
    result = json.loads(json.dumps(result))
    for key in ("id", "created_at", "timings"):
        result.pop(key)
    # skops writes object ids and zip times into the file, so its sha256 differs run to run.
    result["model"].pop("sha256")
    for rung in result["ladder"]:
        rung["fit_seconds"] = rung["predict_seconds"] = None
    return result


@pytest.mark.usefixtures("shared_data")
def test_a_slow_clock_changes_the_timings_and_nothing_else(tmp_path: Path) -> None:
    # Under the slow clock every stage seems to take an hour, far past the budget: were any
    # decision read from the clock, rungs would be left out or rows sampled.
    runs = {}
    for name, step in (("fast", 1e-6), ("slow", 3600.0)):
        s = study(
            "penguins",
            "species",
            out=tmp_path / name / "study",
            # a ledger each, so that neither study counts the other's look at the holdout
            settings=resolve_settings({"DIVEML_HOME": str(tmp_path / name), "DIVEML_OFFLINE": "1"}),
            folds=3,
            budget=30,
            clock=_steady_clock(step),
        )
        runs[name] = s.result
    fast, slow = runs["fast"], runs["slow"]
    assert _without_timings(fast) == _without_timings(slow)
    assert [r["status"] for r in slow["ladder"]] == ["ok"] * len(RUNGS)
    assert not fast["timings"]["over_budget"] and "within its budget" in fast["timings"]["note"]
    assert slow["timings"]["over_budget"]
    assert "more than its budget of 30 s" in slow["timings"]["note"]
    assert "did not depend on it" in slow["timings"]["note"]


def _wide_table(rows: int, columns: int) -> Any:
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, columns))
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(columns)])
    frame["y"] = np.where(X[:, :3].sum(axis=1) + rng.normal(size=rows) > 0, "yes", "no")
    return frame


def test_a_slow_clock_changes_nothing_on_a_wide_table_either(tmp_path: Path) -> None:
    # The wide case: 1,200 columns of 40 rows with a 2 s budget and 5 folds, where the plan leaves out
    # the costly rungs and the learning curve before fitting. Under a clock that makes
    # every stage seem an hour long, the same rungs, rows and curve decision result.
    frame = _wide_table(40, 1200)
    runs = {}
    for name, step in (("fast", 1e-6), ("slow", 3600.0)):
        s = study(
            frame,
            "y",
            out=tmp_path / name / "study",
            settings=resolve_settings({"DIVEML_HOME": str(tmp_path / name), "DIVEML_OFFLINE": "1"}),
            folds=5,
            budget=2,
            clock=_steady_clock(step),
        )
        runs[name] = s.result
    fast, slow = runs["fast"], runs["slow"]
    assert _without_timings(fast) == _without_timings(slow)
    plan = slow["budget_plan"]
    assert plan["skipped_rungs"] and not plan["curve_drawn"]
    assert plan["curve_estimate_seconds"] > max(plan["curve_room_seconds"], CURVE_MIN_SECONDS)
    curve = slow["learning_curve"]
    assert curve["verdict_code"] == "not_drawn" and curve["sizes"] == []
    assert re.search(
        r"^not drawn: the budget plan, made before fitting, estimated it at [\d.]+ s even on "
        r"its fewest rows \(\d+ fits of [\d,]+ rows or fewer, on 1,200 encoded columns\), and "
        r"left [\d.]+ s for it; so whether more data would help was not measured\. A budget "
        r"of about [\d,]+ s would draw it \(budget=\d+\)\.$",
        curve["verdict"],
    ), curve["verdict"]
    assert slow["sampling"]["learning_curve_rows"] == 0
    assert slow["sampling"]["note"].startswith("The learning curve was not drawn (the budget")
