"""Step 4: climb the ladder, simplest rung first, as the budget plan allows."""

from __future__ import annotations

from typing import Any

import numpy as np

from diveml.exceptions import StudyError
from diveml.study._budget import Plan
from diveml.study._design import Design
from diveml.study._engine import Engine
from diveml.study._ladder import RUNGS, Rung
from diveml.study._run import Run

__all__ = ["climb"]


def _skipped(rung: Rung, plan: Plan, budget: float) -> dict[str, Any]:
    return {
        "name": rung.name,
        "label": rung.label,
        "complexity": rung.complexity,
        "cv_mean": None,
        "cv_std": None,
        "cv_scores": [],
        "fit_seconds": None,
        "predict_seconds": None,
        "status": "skipped",
        "note": f"left out by the budget plan: cross-validating it was estimated at "
        f"{plan.seconds[rung.name]:.1f} s, more than the ladder's share of the {budget:g} s "
        "budget allows (raise the budget to run it)",
    }


def climb(
    design: Design, rows: np.ndarray, plan: Plan, engine: Engine, run: Run, budget: float
) -> list[dict[str, Any]]:
    """Cross-validate every rung the plan runs, on ``rows``; return the ladder."""
    data = design.rows(rows)
    ladder: list[dict[str, Any]] = []
    together = getattr(engine, "cross_validate_rungs", None)
    if together is not None and getattr(engine, "threads", 1) > 1:
        # every fold of every rung in one map (see LocalEngine.cross_validate_rungs)
        running = [r for r in RUNGS if r.name not in plan.skipped]
        for rung in RUNGS:
            if rung.name in plan.skipped:
                run.say("ladder", f"{rung.label}: left out by the budget plan")
        run.say(
            "ladder",
            f"{', '.join(r.name for r in running)} ({design.folds}-fold cross-validation on "
            f"{len(rows):,} rows, {engine.threads} threads)",  # type: ignore[attr-defined]
        )
        done = together([(r, design.make(r)) for r in running], data, design.cv, design.metric)
        by_name = {result.rung.name: result.to_dict() for result in done}
        ladder = [by_name.get(r.name) or _skipped(r, plan, budget) for r in RUNGS]
    else:
        for rung in RUNGS:
            if rung.name in plan.skipped:
                run.say("ladder", f"{rung.label}: left out by the budget plan")
                ladder.append(_skipped(rung, plan, budget))
                continue
            run.say(
                "ladder",
                f"{rung.label} ({design.folds}-fold cross-validation on {len(rows):,} rows)",
            )
            result = engine.cross_validate(rung, design.make(rung), data, design.cv, design.metric)
            ladder.append(result.to_dict())
    ok = [r for r in ladder if r["status"] == "ok"]
    if ladder[0]["status"] != "ok" or not any(r["name"] != "dummy" for r in ok):
        raise StudyError(_failure(ladder, design))
    return ladder


def _failure(ladder: list[dict[str, Any]], design: Design) -> str:
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
        if design.task == "regression"
        else "With few rows per class, lower «folds» or pick «metric='accuracy'»."
    )
    return (
        f"Cross-validation could not score the models with {design.metric!r} ({reasons}). {advice}"
    )
