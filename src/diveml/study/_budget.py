"""The time budget's decisions, made before fitting from counted work, never from a clock.

A study on a busy machine must give the same answer as on an idle one, so nothing here
reads the time. Every decision the budget forces (rows sampled for the ladder, the learning
curves and the final fit; rungs left out; the best model's curve drawn or not) is made from
an *estimate* of its cost: the rows and the encoded width of the table, times a fixed cost
per rung (:data:`RUNG_COSTS`). The estimates and the decisions are recorded in study.json
(``budget_plan``); what the run then really took is in ``timings``, and a run that took
longer than the budget says so in the terminal, the report and study.json.

The cost model: a fit of rung ``r`` on ``cells`` table cells (rows x encoded columns) takes
``fixed[r] + cells / rate[r]`` seconds. The numbers were measured on one core of the 2-core
machine the study targets (the benchmark's tables, bench/RESULTS.md): fast enough machines
finish early, slow ones late, but the same inputs always make the same choices.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from diveml.study._curve import FRACTIONS

__all__ = [
    "CELLS_PER_SECOND",
    "RUNG_COSTS",
    "Cost",
    "Plan",
    "curve_rows",
    "curve_seconds",
    "final_rows",
    "fit_seconds",
    "ladder_rows",
    "plan_ladder",
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


@dataclasses.dataclass(frozen=True)
class Cost:
    """What one fit of a rung costs: a fixed part (seconds) and cells per second."""

    fixed: float
    rate: float


# Measured on one core of the reference machine, fit and scoring of one fold together.
RUNG_COSTS: dict[str, Cost] = {
    "dummy": Cost(0.01, 5e7),
    "linear": Cost(0.03, 2e6),
    "small_tree": Cost(0.02, 1e6),
    "random_forest": Cost(0.3, 2e5),
    "gradient_boosting": Cost(0.3, 5e5),
}


def fit_seconds(rung: str, rows: float, width: int) -> float:
    """Return the estimated seconds of one fit of ``rung`` on ``rows`` rows."""
    cost = RUNG_COSTS[rung]
    return cost.fixed + rows * max(width, 1) / cost.rate


def ladder_rows(budget: float, width: int) -> int:
    """Return how many training rows the ladder may cross-validate within ``budget``."""
    return max(500, int(min(budget * CELLS_PER_SECOND / max(width, 10), 1e12)))


def cv_seconds(rung: str, rows: int, width: int, folds: int) -> float:
    """Return the estimated seconds of cross-validating ``rung`` on ``rows`` rows."""
    return folds * fit_seconds(rung, rows * (folds - 1) / folds, width)


def curve_seconds(rung: str, rows: int, width: int, folds: int) -> float:
    """Return the estimated seconds of ``rung``'s learning curve on ``rows`` rows.

    One fit per size and fold, each also scored on its own training rows (hence 2).
    """
    train = rows * (folds - 1) / folds
    return 2 * folds * sum(fit_seconds(rung, train * f, width) for f in FRACTIONS)


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
    fixed = 2 * folds * len(FRACTIONS) * RUNG_COSTS[rung].fixed
    variable = estimate - fixed
    share = max(room - fixed, 0.0) / variable if variable > 0 else 1.0
    return min(rows, max(int(rows * share), 20 * folds))


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
    cost = RUNG_COSTS[rung]
    affordable = (allowance - cost.fixed) * cost.rate / max(width, 1)
    return int(min(train, max(math.floor(affordable), at_least)))


def sampling_note(train: int, ladder: int, curve: int, final: int, strategy: str) -> str:
    """Say in words how many training rows each step used, and how they were drawn."""
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
