"""The time budget's decisions, made before fitting from counted work, never from a clock.

A study on a busy machine must give the same answer as on an idle one, so nothing here
reads the time. Every decision the budget forces (rows sampled for the ladder, the learning
curves and the final fit; rungs left out; the best model's curve drawn or not) is made from
an *estimate* of its cost: the rows and the encoded width of the table, times a fixed cost
per rung (:data:`RUNG_COSTS`). The estimates and the decisions are recorded in study.json
(``budget_plan``); what the run then really took is in ``timings``, and a run that took
longer than the budget says so in the terminal, the report and study.json.

The cost model: one fold of rung ``r`` (a fit on ``rows`` training rows of ``width``
encoded columns, then its predictions) takes ``fixed + rows * per_row + rows * width *
per_cell + width * per_column`` seconds. The per-column term is the preprocessing's cost
per column whatever the rows (scikit-learn looks each named column up; every step loops
over the columns), which is what made a 3,000-column table of 50 rows overrun its budget
many times over. The constants were fitted to CPU-time measurements of every rung on one
core (``bench/budget_calibration.py``; bench/BUDGET.md):
fast machines finish early, slow ones late, but the same inputs always make the same
choices. The steps that are not fits (audit, diagnostics, writing the model and the
report) get their own estimate (:func:`reserved_seconds`), set aside before the fits
share the rest (:func:`fitting_budget`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from diveml.study._curve import FRACTIONS

__all__ = [
    "CELLS_PER_SECOND",
    "CURVE_MIN_SECONDS",
    "RUNG_COSTS",
    "Cost",
    "CurvePlan",
    "Plan",
    "budget_to_draw_curve",
    "curve_plan_at",
    "curve_rows",
    "curve_seconds",
    "final_rows",
    "fit_seconds",
    "fitting_budget",
    "ladder_rows",
    "plan_curve",
    "plan_ladder",
    "reserved_seconds",
    "sampling_note",
]

# How many table cells (rows x encoded columns) the ladder may cross-validate per second of
# budget: at 5,000 the 50,000 x 50 benchmark table's ladder takes about a quarter of a
# 120 s budget, leaving room for the learning curve, the final fit and the rest.
CELLS_PER_SECOND = 5000
# The ladder's costly rungs are left out when the ladder's estimate would pass this share.
LADDER_SHARE = 0.5
# The learning curves shrink their rows so that the estimate ends by this share.
CURVE_SHARE = 0.8
# The final fit may always use at least this share of the budget, even once it is spent...
FINAL_SHARE = 0.25
# ... and never less than this: a final fit this short is always made on every row.
FINAL_MIN_SECONDS = 5.0
# Rungs of lower complexity always run: a study needs a baseline and a first model.
ALWAYS_RUN = 2
# A learning curve estimated at no more than this is drawn whatever is left of the budget
# (as the final fit keeps FINAL_MIN_SECONDS): on a narrow table its 25 small fits take a
# second or two even when the budget is tiny. A costlier curve that does not fit what the
# plan left for it, even on its fewest rows, is not drawn (plan_curve): on a table of
# 3,000 columns each of its fits costs a fifth of a second whatever its rows, and the
# curve alone was 6.8 CPU-s of a 15 s budget (bench/BUDGET.md).
CURVE_MIN_SECONDS = 2.0


@dataclasses.dataclass(frozen=True)
class Cost:
    """What one fold of a rung costs, in seconds: fixed, per row, per cell, per column."""

    fixed: float
    per_row: float
    per_cell: float
    per_column: float

    def seconds(self, rows: float, width: int) -> float:
        """The estimated seconds of one fit and its predictions on ``rows`` x ``width``."""
        width = max(width, 1)
        return self.fixed + rows * (self.per_row + width * self.per_cell) + width * self.per_column

    def rows_for(self, seconds: float, width: int) -> float:
        """The rows one fit may have to take at most ``seconds`` (0 if even none fits)."""
        width = max(width, 1)
        left = seconds - self.fixed - width * self.per_column
        return max(left, 0.0) / (self.per_row + width * self.per_cell)


# CPU seconds of one fold (fit, then predictions on the validation and training rows),
# fitted by bench/budget_calibration.py to 11 table shapes from 500 x 10 to 8,000 x 100
# and 200 x 3,000 (bench/results/budget_calibration.csv). Worst relative error of the fit:
# 19% (dummy, linear), 24% (tree), 54% (forest), 75% (boosting, whose binning is not
# linear in the rows); bench/BUDGET.md.
RUNG_COSTS: dict[str, Cost] = {
    "dummy": Cost(0.0609, 1.27e-06, 1.52e-07, 4.74e-05),
    "linear": Cost(0.0375, 1.97e-06, 1.18e-07, 4.72e-05),
    "small_tree": Cost(0.0249, 1.06e-05, 4.61e-07, 5.88e-05),
    "random_forest": Cost(0.158, 0.000299, 1.21e-06, 1.65e-05),
    "gradient_boosting": Cost(0.185, 0.0, 2.64e-06, 0.00024),
}


def fit_seconds(rung: str, rows: float, width: int) -> float:
    """Return the estimated seconds of one fit of ``rung`` on ``rows`` rows."""
    return RUNG_COSTS[rung].seconds(rows, width)


# The steps that are not fits, fixed, per table cell and per column (CPU seconds of a
# fresh process, measured by bench/wide_budget.py on 500 x 10, 3,000 x 50, 20,000 x 20,
# 200 x 1,000 and 50 x 3,000, each within 0.3 s; bench/BUDGET.md): the imports, the
# report's plots and the result's checking cost about 2.4 s on any table, the audit and
# the diagnostics read every cell, the model file and the report list every column.
# Importance has its own share.
RESERVE_FIXED = 2.4
RESERVE_PER_CELL = 7e-6
RESERVE_PER_COLUMN = 1e-3
# Past the largest table those shapes cover (400,000 cells), a cell costs far less: the
# audit and the diagnostics work on samples and whole-column operations. The 2,000,921
# drawn rows x 21 columns of bench's synthetic_10m (42 million cells) took 18.7 s for
# audit, split, holdout, diagnostics and artifacts on a quiet machine (bench/results/
# scale.csv, 2026-12-01T18:35), about 4e-7 s a cell beyond the first 400,000; the per-cell
# cost above, carried that far, reserved 297 s and left the ladder 3,529 rows.
RESERVE_CALIBRATED_CELLS = 400_000
RESERVE_PER_CELL_BEYOND = 5e-7
# What the fits keep at the least, however large the reserve: a study needs its ladder.
MIN_FITTING_SHARE = 0.2


def reserved_seconds(rows: int, columns: int) -> float:
    """Return the estimated seconds of the steps that are not fits, for the whole table."""
    cells = rows * columns
    near = min(cells, RESERVE_CALIBRATED_CELLS) * RESERVE_PER_CELL
    beyond = max(cells - RESERVE_CALIBRATED_CELLS, 0) * RESERVE_PER_CELL_BEYOND
    return RESERVE_FIXED + near + beyond + columns * RESERVE_PER_COLUMN


def fitting_budget(budget: float, reserved: float) -> float:
    """Return the seconds the fits (ladder, curves, final fit) may share."""
    from diveml.study._importance import MIN_SECONDS, SHARE

    importance = max(SHARE * budget, MIN_SECONDS)
    return max(budget - reserved - importance, MIN_FITTING_SHARE * budget)


def ladder_rows(budget: float, width: int) -> int:
    """Return how many training rows the ladder may cross-validate within ``budget``."""
    return max(500, int(min(budget * CELLS_PER_SECOND / max(width, 10), 1e12)))


def cv_seconds(rung: str, rows: int, width: int, folds: int) -> float:
    """Return the estimated seconds of cross-validating ``rung`` on ``rows`` rows."""
    return folds * fit_seconds(rung, rows * (folds - 1) / folds, width)


def curve_seconds(rung: str, rows: int, width: int, folds: int) -> float:
    """Return the estimated seconds of ``rung``'s learning curve on ``rows`` rows.

    One fit per size and fold, each scored on its validation and its own training rows,
    which is what one fold of the cost model measures.
    """
    train = rows * (folds - 1) / folds
    return folds * sum(fit_seconds(rung, train * f, width) for f in FRACTIONS)


@dataclasses.dataclass(frozen=True)
class Plan:
    """The ladder's share of the plan: which rungs run, on how many rows, at what cost."""

    rows: int
    run: tuple[str, ...]
    skipped: tuple[str, ...]
    seconds: dict[str, float]

    @property
    def ladder_seconds(self) -> float:
        """The estimated seconds of the rungs that run."""
        return sum(self.seconds[name] for name in self.run)


def plan_ladder(
    rungs: Sequence[tuple[str, int]], rows: int, width: int, folds: int, budget: float
) -> Plan:
    """Decide which rungs (``(name, complexity)``, simplest first) the budget lets run.

    A rung of complexity :data:`ALWAYS_RUN` or more is left out when the ladder's estimate,
    up to and including it, passes :data:`LADDER_SHARE` of the budget; the rungs after it
    are left out too, since they cost more.
    """
    seconds = {name: round(cv_seconds(name, rows, width, folds), 3) for name, _ in rungs}
    run: list[str] = []
    skipped: list[str] = []
    total = 0.0
    for name, complexity in rungs:
        total += seconds[name]
        if complexity >= ALWAYS_RUN and (skipped or total > LADDER_SHARE * budget):
            skipped.append(name)
        else:
            run.append(name)
    return Plan(rows, tuple(run), tuple(skipped), seconds)


def curve_rows(rung: str, rows: int, width: int, folds: int, room: float) -> int:
    """Return the rows for ``rung``'s learning curve so that its estimate fits ``room``."""
    estimate = curve_seconds(rung, rows, width, folds)
    if estimate <= room:
        return rows
    cost = RUNG_COSTS[rung]
    fixed = folds * len(FRACTIONS) * (cost.fixed + max(width, 1) * cost.per_column)
    variable = estimate - fixed
    share = max(room - fixed, 0.0) / variable if variable > 0 else 1.0
    return min(rows, max(int(rows * share), 20 * folds))


@dataclasses.dataclass(frozen=True)
class CurvePlan:
    """The plan of one rung's learning curve: on how many rows, at what estimated cost."""

    rung: str
    rows: int
    """Ladder rows the curve is drawn on (its fewest, when even those do not fit)."""
    seconds: float
    """Its estimated seconds on those rows."""
    room: float
    """The seconds the plan left for it."""
    fits: int
    """Fits it makes (sizes x folds)."""

    @property
    def drawn(self) -> bool:
        """Whether the curve is drawn: it fits its room, or costs CURVE_MIN_SECONDS at most."""
        return self.seconds <= max(self.room, CURVE_MIN_SECONDS) + 1e-9


def plan_curve(rung: str, rows: int, width: int, folds: int, room: float) -> CurvePlan:
    """Plan ``rung``'s learning curve on at most ``rows`` ladder rows within ``room`` seconds."""
    n = curve_rows(rung, rows, width, folds, room)
    seconds = curve_seconds(rung, n, width, folds)
    return CurvePlan(rung, n, round(seconds, 3), round(room, 3), folds * len(FRACTIONS))


def curve_plan_at(
    budget: float,
    reserved: float,
    train: int,
    shape: tuple[int, int],
    rungs: Sequence[tuple[str, int]],
    rung: str,
) -> CurvePlan | None:
    """The plan of ``rung``'s curve in a study of ``budget`` seconds (None if it is left out)."""
    width, folds = shape
    fitting = fitting_budget(budget, reserved)
    plan = plan_ladder(rungs, min(train, ladder_rows(fitting, width)), width, folds, fitting)
    if rung not in plan.run:
        return None
    return plan_curve(rung, plan.rows, width, folds, curve_room(fitting, plan.ladder_seconds))


def budget_to_draw_curve(
    budget: float,
    reserved: float,
    train: int,
    shape: tuple[int, int],
    rungs: Sequence[tuple[str, int]],
    rung: str,
) -> int | None:
    """Return the smallest whole budget (seconds) whose plan would draw ``rung``'s curve.

    ``shape`` is (encoded width, folds). Found by doubling, then halving the interval, on
    the same pure plan the study makes (no clock), so the advice is the same on any
    machine; None when no budget up to a week would draw it.
    """
    from diveml.study._options import MAX_BUDGET

    def drawn(candidate: float) -> bool:
        plan = curve_plan_at(candidate, reserved, train, shape, rungs, rung)
        return plan is not None and plan.drawn

    # whole seconds: ``low`` is never drawn (a budget no larger than the one given), ``high``
    # always is; the plan is taken to draw more as the budget grows
    low, high = math.floor(budget), max(math.ceil(budget), 1)
    while not drawn(high):
        if high >= MAX_BUDGET:
            return None
        low, high = high, int(min(2 * high, MAX_BUDGET))
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if drawn(middle) else (middle, high)
    return high


def curve_room(budget: float, spent: float) -> float:
    """Return the seconds the learning curves may take after ``spent`` estimated seconds."""
    return max(CURVE_SHARE * budget - spent, 0.1 * budget)


def final_rows(
    rung: str, train: int, at_least: int, width: int, budget: float, spent: float
) -> int:
    """Return the rows of the final fit: every training row unless that would overrun by far.

    The final fit may take what the plan left of the budget, :data:`FINAL_SHARE` of it or
    :data:`FINAL_MIN_SECONDS`, whichever is most. On the 6.7-million-row benchmark table an
    uncapped final fit alone ran for half an hour against a 120 s budget.
    """
    allowance = max(budget - spent, FINAL_SHARE * budget, FINAL_MIN_SECONDS)
    estimate = fit_seconds(rung, train, width)
    if estimate <= allowance or train <= at_least:
        return train
    affordable = RUNG_COSTS[rung].rows_for(allowance, width)
    return int(min(train, max(math.floor(affordable), at_least)))


def sampling_note(train: int, ladder: int, curve: int, final: int, strategy: str) -> str:
    """Say in words how many training rows each step used, and how they were drawn."""
    from diveml.study._strategies import STRATEGIES

    how = STRATEGIES[strategy].sample_words
    if ladder == train and curve == train and final == train:
        return f"No sampling: every one of the {train:,} training rows was used at every step."
    parts = []
    if ladder < train:
        parts.append(
            f"the ladder was cross-validated on {how} of {ladder:,} of the {train:,} training "
            "rows, to stay within the budget"
        )
    if curve == 0:
        parts.append("the learning curve was not drawn (the budget could not afford it)")
    elif curve < ladder:
        of = "those rows" if ladder < train else f"the {train:,} training rows"
        parts.append(f"the learning curve used {curve:,} of {of}")
    if final < train:
        parts.append(
            f"the final model was fitted on {how} of {final:,} of the {train:,} training rows "
            "(fitting all of them would have overrun the budget; raise the budget to use them)"
        )
    else:
        parts.append(f"the final model was fitted on all {train:,} training rows")
    return "; ".join(parts).capitalize() + "."
