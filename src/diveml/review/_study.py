"""Review a study folder against the four rubrics, and look for selection leaks in the ledger.

Each rubric item (``criteria/*.toml``) gets one status:

- ``pass`` / ``fail`` / ``partial``: judged from the study's numbers, its files, a refit and a
  round trip through the saved model, with the evidence;
- ``needs_person``: a machine can gather evidence, a person must decide;
- ``not_assessable_offline``: production or process; never counted as passed.

The ML Test Score is computed the paper's way (1 point for an automated test that passes,
0.5 for one judged by hand and documented, the minimum over the four sections) next to the
share of its tests one offline study lets anyone judge.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from diveml import __version__
from diveml.config import Settings
from diveml.exceptions import StudyResultError
from diveml.review._studyio import StudyFolder, load_study
from diveml.study._result import Importance, RungScore, Segment, StudyResult, load_result
from diveml.study._strategies import STRATEGIES, SplitStrategy

__all__ = ["RUBRICS", "criteria", "review_study"]

RUBRICS = ("ml-test-score", "overfitting", "technical-debt", "rules-of-ml")
STATUSES = ("pass", "fail", "partial", "needs_person", "not_assessable_offline")
BENCHMARKS = {
    "iris",
    "titanic",
    "penguins",
    "boston",
    "mnist",
    "adult",
    "wine",
    "diabetes",
    "breast_cancer",
    "california_housing",
    "digits",
    "mtcars",
    "tips",
    "diamonds",
}
SENSITIVE = re.compile(
    r"(^|_)(sex|gender|age|race|ethnic\w*|religion|nationality|disab\w*)($|_)", re.I
)
PERSONAL = re.compile(
    r"(^|_)(id|name|email|e_mail|phone|address|ssn|birth\w*|zip|postcode)($|_)", re.I
)
MODEL_OUTPUT = re.compile(r"(^|_)(pred|prediction|score|prob|proba|estimate)s?($|_)", re.I)
# A slice "fails" when its score is this far under the overall holdout score and it has at
# least MIN_SLICE_ROWS rows (a smaller slice's score is too noisy to call).
SLICE_GAP = 0.1
MIN_SLICE_ROWS = 20
REFIT_SECONDS_LIMIT = 120.0


@cache
def criteria(rubric: str) -> dict[str, Any]:
    """Return one rubric's data file (``criteria/<rubric>.toml``)."""
    text = resources.files("diveml.review").joinpath(f"criteria/{rubric}.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass
class Verdict:
    status: str
    evidence: str
    automated: bool = True  # judged by this review's code (counts 1 in the ML Test Score)


@dataclass
class Context:
    """What the checks read: the study, its files, the ledger, and lazily computed checks."""

    folder: StudyFolder
    settings: Settings
    refit: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def r(self) -> StudyResult:
        return self.folder.result

    @property
    def path(self) -> Path:
        return self.folder.path

    @property
    def strategy(self) -> SplitStrategy:
        """The split strategy the study's holdout was drawn by."""
        return STRATEGIES[self.r.split.strategy]

    @property
    def chosen_rung(self) -> RungScore | None:
        """The ladder's row of the chosen model."""
        return next((row for row in self.r.ladder if row.name == self.r.chosen.name), None)

    @cached_property
    def predictions(self) -> Any:
        import pandas as pd

        file = self.path / self.r.artifacts.holdout_predictions
        if not file.is_file():
            return None
        try:
            return pd.read_csv(file)
        except Exception:
            return None

    @cached_property
    def model_file(self) -> Path:
        return self.path / self.r.model.file

    @cached_property
    def raw(self) -> tuple[Any, str | None]:
        """The table as the study read it, or None and why not."""
        from diveml.study._bigtable import read_study_table
        from diveml.study._engine import LocalEngine
        from diveml.study._split import fingerprint_frame

        source = self.r.data.source
        given = dict(self.r.data.read_with or {})
        where = (given.pop("table", None), given.pop("sql", None))
        try:
            # read as the study read it: with its options, and a table too big to load
            # drawn to the same rows from the same seed (what the fingerprint was taken of)
            frame, _, _ = read_study_table(
                source, self.r.target, self.r.seed, where, given, self.settings, LocalEngine()
            )
        except Exception as exc:
            return None, f"the table {source!r} cannot be read again ({exc})"
        if fingerprint_frame(frame) != self.r.data.fingerprint:
            return None, (
                f"the table {source!r} has changed since the study (its fingerprint differs)"
            )
        return frame, None

    @cached_property
    def round_trip(self) -> tuple[Verdict, Any]:
        """Raw rows → saved model file → predict, compared with holdout_predictions.csv."""
        import numpy as np

        from diveml.study import predict

        preds = self.predictions
        if preds is None:
            return Verdict("fail", "holdout_predictions.csv is missing or unreadable."), None
        frame, why = self.raw
        if frame is None:
            return Verdict("partial", f"Not checked: {why}."), None
        try:
            again = predict(
                self.model_file, frame.iloc[preds["row"].to_numpy()], settings=self.settings
            )
        except Exception as exc:
            return Verdict("fail", f"predict on the raw holdout rows failed: {exc}"), None
        same = _same_predictions(again["prediction"], preds["prediction"], self.r.task)
        proba_cols = [c for c in preds.columns if c.startswith("proba_")]
        worst = 0.0
        for c in proba_cols:
            if c in again:
                worst = max(
                    worst,
                    float(np.max(np.abs(again[c].to_numpy(float) - preds[c].to_numpy(float)))),
                )
        n = len(preds)
        if same.all() and worst <= 1e-9:
            return Verdict(
                "pass",
                f"The saved model file, applied to the {n} raw holdout rows "
                "re-read from the table, reproduces every holdout prediction"
                + (f" (largest probability difference {worst:.1e})." if proba_cols else "."),
            ), again
        return Verdict(
            "fail",
            f"{int((~same).sum())} of {n} holdout predictions differ when the "
            f"saved model is applied to the raw rows (largest probability difference "
            f"{worst:.3g}).",
        ), again

    @cached_property
    def refit_check(self) -> Verdict:
        """Refit the saved pipeline's specification with the same seed; same predictions?"""
        blocked = self._refit_blocked()
        if blocked is not None:
            return blocked
        frame, why = self.raw
        if frame is None:
            return Verdict("partial", f"Not checked: {why}.")
        try:
            refitted = self._refit(frame)
        except Exception as exc:
            return Verdict("partial", f"The refit could not be run: {type(exc).__name__}: {exc}.")
        if isinstance(refitted, Verdict):
            return refitted
        a, b, train_rows = refitted
        differ = int((~_same_predictions(a, b, self.r.task)).sum())
        if differ == 0:
            return Verdict(
                "pass",
                f"Redrawing the split with seed {self.r.seed} gives the recorded "
                f"holdout rows, and refitting the model on the {train_rows} "
                f"training rows gives the same {len(a)} holdout predictions.",
            )
        return Verdict(
            "fail",
            f"Refitting with the same seed changes {differ} of {len(a)} holdout predictions.",
        )

    def _refit_blocked(self) -> Verdict | None:
        """Why the refit is not run (turned off, a sampled fit, too slow), or None."""
        if not self.refit:
            return Verdict(
                "needs_person",
                "Not checked: the refit was turned off (--no-refit).",
                automated=False,
            )
        if self.r.sampling.final_fit_rows != self.r.split.train_rows:
            return Verdict(
                "partial",
                "The final model was fitted on a sample of the training "
                "rows; the refit check needs the full training rows.",
            )
        rung = self.chosen_rung
        fit_seconds = (rung.fit_seconds if rung is not None else None) or 0.0
        if fit_seconds > REFIT_SECONDS_LIMIT:
            return Verdict(
                "partial",
                f"Not refitted: one fit took {fit_seconds:.0f} s, over the "
                f"review's {REFIT_SECONDS_LIMIT:.0f} s limit.",
            )
        return None

    def _refit(self, frame: Any) -> Verdict | tuple[Any, Any, int]:
        """Redraw the split from the recorded options and refit a clone of the saved model.

        Returns (the clone's holdout predictions, the saved model's, the training rows), or
        a failing verdict when the redrawn holdout is not the recorded one.
        """
        from sklearn.base import clone

        from diveml.study import load_model
        from diveml.study._split import Columns, lock_holdout, prepare

        r, s, feats = self.r, self.r.settings, self.r.features
        columns = Columns(
            r.target,
            r.task,
            list(feats.numeric),
            list(feats.categorical),
            text=[t.column for t in feats.text],
            dates=[d.column for d in feats.dates],
        )
        prepared = prepare(frame, columns, s.group, s.time)
        split = lock_holdout(prepared, r.task, s.holdout, s.folds, r.seed)
        pipeline, meta = load_model(self.model_file)
        cols = list(meta.get("columns") or prepared.X.columns)
        X, y = prepared.X[cols], prepared.y
        rows = sorted(prepared.positions[split.test].tolist())
        recorded = sorted(self.predictions["row"].tolist()) if self.predictions is not None else []
        if recorded and rows != recorded:
            return Verdict(
                "fail",
                "Redrawing the split with the recorded seed and options "
                "does not give the recorded holdout rows.",
            )
        twin = clone(pipeline).fit(X.iloc[split.train], y.iloc[split.train])
        return (
            twin.predict(X.iloc[split.test]),
            pipeline.predict(X.iloc[split.test]),
            len(split.train),
        )

    # -- ledger
    @cached_property
    def same_holdout(self) -> list[dict[str, Any]]:
        fp = self.r.split.holdout_fingerprint
        return [
            s
            for s in self.folder.ledger
            if s.get("holdout_fingerprint") == fp and s.get("status") == "complete"
        ]

    @cached_property
    def same_data(self) -> list[dict[str, Any]]:
        fp = self.r.data.fingerprint
        return [s for s in self.folder.ledger if s.get("data_fingerprint") == fp]


def _same_predictions(a: Any, b: Any, task: str) -> Any:
    """Per row, whether two predictions agree: as text, or within 1e-9 for a regression."""
    import numpy as np

    if task == "regression":
        return np.isclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-9, atol=1e-9)
    return np.asarray(a).astype(str) == np.asarray(b).astype(str)


def _rung_seconds(c: Context) -> tuple[float | None, float | None]:
    """The chosen model's mean fit and predict seconds per fold, from the ladder."""
    rung = c.chosen_rung
    return (None, None) if rung is None else (rung.fit_seconds, rung.predict_seconds)


def _has_dates(r: StudyResult) -> bool:
    """Whether the table had a date column (typed so by the audit, or made into features)."""
    return (
        "datetime" in r.audit.column_types.values()
        or bool(r.features.dates)
        or any(re.search(r"datetime|date column", f.message.lower()) for f in r.audit.findings)
    )


def _fmt(x: Any) -> str:
    return "n/a" if x is None else f"{x:.4g}" if isinstance(x, float) else str(x)


# --- the checks, by (rubric, id) ------------------------------------------------------------

Check = Callable[[Context], Verdict]
CHECKS: dict[tuple[str, str], Check] = {}


def check(rubric: str, *ids: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        for item in ids:
            CHECKS[(rubric, item)] = fn
        return fn

    return register


@check("ml-test-score", "data-1")
def _schema(c: Context) -> Verdict:
    cols = c.r.model.columns
    if not cols:
        return Verdict("fail", "The model file records no input columns.")
    verdict, _ = c.round_trip
    gate = (
        "and predict checks new rows against them (the holdout rows passed that check)"
        if verdict.status == "pass"
        else "and predict checks new rows against them"
    )
    return Verdict(
        "pass",
        f"The model file records its {len(cols)} input columns " + gate + ".",
    )


def _importance(c: Context) -> list[Importance]:
    return list(c.r.diagnostics.permutation_importance)


@check("ml-test-score", "data-2")
@check("technical-debt", "underutilised-features")
@check("rules-of-ml", "rule-22")
def _features(c: Context) -> Verdict:
    imp = _importance(c)
    if not imp:
        return Verdict("partial", "No permutation importance was recorded for this study.")
    # 2 standard deviations of the permutation repeats: an interval that reaches 0 means the
    # column's contribution cannot be told from none.
    weak = [
        f"{i.column!r} ({i.mean:.3g} ± {2 * i.std:.2g})" for i in imp if i.mean - 2 * i.std <= 0
    ]
    if not weak:
        return Verdict(
            "pass",
            f"All {len(imp)} features' permutation importance on the holdout "
            "is above zero by more than twice its spread.",
        )
    return Verdict(
        "fail" if len(weak) > len(imp) / 2 else "partial",
        f"{len(weak)} of {len(imp)} features add nothing measurable (permutation "
        f"importance on the holdout, mean ± 2 sd, reaches zero): {', '.join(weak[:8])}.",
    )


@check("ml-test-score", "data-3")
def _cost(c: Context) -> Verdict:
    fit, predict = _rung_seconds(c)
    return Verdict(
        "needs_person",
        f"Evidence: the chosen model fits in "
        f"{_fmt(fit)} s and predicts in "
        f"{_fmt(predict)} s; the cost of collecting each feature "
        "is not in the data.",
        automated=False,
    )


@check("ml-test-score", "data-4")
def _meta(c: Context) -> Verdict:
    cols = c.r.model.columns
    flagged = [col for col in cols if PERSONAL.search(str(col))]
    if flagged:
        return Verdict(
            "partial",
            f"Features whose names look like identifiers or personal "
            f"data: {', '.join(map(repr, flagged))}. Decide whether they are allowed.",
            automated=False,
        )
    return Verdict(
        "needs_person",
        f"No feature name looks like an identifier or personal data "
        f"among {len(cols)}; the requirements themselves are the team's.",
        automated=False,
    )


@check("ml-test-score", "model-1")
def _checked_in(c: Context) -> Verdict:
    p = c.path.resolve()
    in_git = any((parent / ".git").exists() for parent in [p, *p.parents])
    if in_git:
        return Verdict(
            "needs_person",
            "The study folder is inside a git repository; whether "
            "study.json is committed and was reviewed is for a person to confirm.",
            automated=False,
        )
    return Verdict(
        "fail",
        "The study folder is not inside a version-controlled folder (no "
        ".git above it), so its specification is not checked in.",
    )


@check("ml-test-score", "model-3")
def _tuned(c: Context) -> Verdict:
    skipped = [row.name for row in c.r.ladder if row.status != "ok"]
    fitted = [row.name for row in c.r.ladder if row.cv_mean is not None]
    if not skipped:
        return Verdict(
            "pass",
            f"Every rung of the ladder ({', '.join(fitted)}) was fitted and "
            "scored with cross-validation.",
        )
    return Verdict(
        "partial",
        f"{len(skipped)} rung(s) were not fitted ({', '.join(skipped)}): "
        f"only {', '.join(fitted) or 'none'} competed.",
    )


@check("ml-test-score", "model-4")
def _stale(c: Context) -> Verdict:
    if c.strategy.holdout_is_later:
        return Verdict(
            "partial",
            "The holdout is the latest rows (a time split), so its score "
            "says how the model does on later data; decay over longer gaps is not "
            "measured.",
            automated=False,
        )
    return Verdict(
        "needs_person",
        "No time split: how fast the model goes stale cannot be judged from this study.",
        automated=False,
    )


@check("ml-test-score", "model-5")
@check("rules-of-ml", "rule-4")
def _simpler(c: Context) -> Verdict:
    sel = c.r.selection
    if not sel.chosen:
        return Verdict("fail", "The study records no chosen model.")
    base = c.r.holdout.baseline_score
    return Verdict(
        "pass", f"{sel.explanation} The dummy baseline scores {_fmt(base)} on the holdout."
    )


def _segments(c: Context) -> list[Segment]:
    return list(c.r.diagnostics.segments)


@check("ml-test-score", "model-6")
def _slices(c: Context) -> Verdict:
    segs = _segments(c)
    overall = c.r.holdout.score
    if not segs or overall is None:
        return Verdict("partial", "No per-slice scores were recorded (no categorical column).")
    metric = c.r.metric
    scored = [(s, s.score) for s in segs if s.score is not None]
    bad = [
        (s, score)
        for s, score in scored
        if s.rows >= MIN_SLICE_ROWS and score < overall - SLICE_GAP
    ]
    small = [s for s in segs if s.rows < MIN_SLICE_ROWS]
    if not scored:
        return Verdict("partial", "No slice of the holdout could be scored.")
    worst, low = min(scored, key=lambda pair: pair[1])
    text = (
        f"Holdout {metric} {overall:.3f} overall; worst slice {worst.column}="
        f"{worst.value!r} scores {low:.3f} on {worst.rows} rows"
    )
    if bad:
        names = ", ".join(
            f"{s.column}={s.value!r} ({score:.3f}, {s.rows} rows)" for s, score in bad[:5]
        )
        return Verdict("fail", f"{text}. Slices more than {SLICE_GAP} below overall: {names}.")
    note = (
        f" ({len(small)} slices have fewer than {MIN_SLICE_ROWS} rows and are not judged)"
        if (small)
        else ""
    )
    return Verdict(
        "pass",
        f"{text}; no slice with {MIN_SLICE_ROWS}+ rows is more than "
        f"{SLICE_GAP} below overall{note}.",
    )


@check("ml-test-score", "model-7")
def _inclusion(c: Context) -> Verdict:
    segs = [s for s in _segments(c) if SENSITIVE.search(s.column)]
    if not segs:
        return Verdict(
            "needs_person",
            "No column that looks like a sensitive attribute has "
            "per-slice scores; name the sensitive columns to compare.",
            automated=False,
        )
    text = "; ".join(f"{s.column}={s.value!r}: {_fmt(s.score)} ({s.rows} rows)" for s in segs[:8])
    return Verdict(
        "needs_person",
        f"Scores by sensitive-looking columns: {text}. Whether the "
        "differences are acceptable is a person's judgement.",
        automated=False,
    )


@check("ml-test-score", "infra-1")
def _reproducible(c: Context) -> Verdict:
    return c.refit_check


@check("ml-test-score", "infra-3")
@check("rules-of-ml", "rule-5")
def _integration(c: Context) -> Verdict:
    return c.round_trip[0]


@check("ml-test-score", "infra-4")
@check("rules-of-ml", "rule-1")
def _gate(c: Context) -> Verdict:
    h = c.r.holdout
    low, high, base = h.ci_low, h.ci_high, h.baseline_score
    if h.score is None or low is None or high is None or base is None:
        return Verdict("partial", "The holdout interval or the baseline score is missing.")
    text = (
        f"Holdout {c.r.metric} {h.score:.4g} (95% interval {low:.4g} to "
        f"{high:.4g}, {h.ci_method}); dummy baseline {base:.4g}"
    )
    if low > base:
        return Verdict("pass", f"{text}: the whole interval is above the baseline.")
    return Verdict(
        "fail", f"{text}: the interval reaches the baseline, so the model is not shown to beat it."
    )


@check("ml-test-score", "infra-5")
def _debuggable(c: Context) -> Verdict:
    worst = c.r.diagnostics.worst_rows
    return Verdict(
        "needs_person",
        f"The saved pipeline loads and applies to single rows; the "
        f"study lists the {len(worst)} holdout rows with the largest errors to step "
        "through.",
        automated=False,
    )


@check("ml-test-score", "infra-7")
def _rollback(c: Context) -> Verdict:
    n = len(c.same_data)
    return Verdict(
        "not_assessable_offline",
        f"Production serving is not seen. Evidence: the "
        f"ledger holds {n} studies of this table, each with its model file.",
        automated=False,
    )


@check("ml-test-score", "monitoring-1")
def _deps(c: Context) -> Verdict:
    return Verdict(
        "partial",
        f"The study records diveml {c.r.diveml_version} and the data "
        f"fingerprint {c.r.data.fingerprint[:12]}…; no notification "
        "process is seen.",
        automated=False,
    )


@check("ml-test-score", "monitoring-2")
def _invariants(c: Context) -> Verdict:
    verdict, _ = c.round_trip
    if verdict.status == "pass":
        return Verdict(
            "partial",
            "The raw holdout rows pass the model's column and type check "
            "in predict; serving inputs are not seen offline.",
        )
    return Verdict("partial", f"Not shown: {verdict.evidence}")


@check("ml-test-score", "monitoring-3")
@check("rules-of-ml", "rule-29")
def _skew(c: Context) -> Verdict:
    verdict, _ = c.round_trip
    if verdict.status == "pass":
        return Verdict(
            "pass",
            "The saved pipeline, applied to the raw "
            "rows, gives the predictions computed during the study: features are "
            "computed by one piece of code for training and serving.",
        )
    return Verdict(verdict.status, verdict.evidence)


@check("ml-test-score", "monitoring-5")
def _stable(c: Context) -> Verdict:
    import numpy as np

    preds = c.predictions
    if preds is None:
        return Verdict("fail", "holdout_predictions.csv is missing, so stability is not shown.")
    problems = []
    proba = [col for col in preds.columns if col.startswith("proba_")]
    if c.r.task == "regression":
        values = preds["prediction"].to_numpy(float)
        if not np.isfinite(values).all():
            problems.append(f"{int((~np.isfinite(values)).sum())} predictions are NaN or infinite")
    elif preds["prediction"].isna().any():
        problems.append("some predictions are missing")
    for col in proba:
        v = preds[col].to_numpy(float)
        if not np.isfinite(v).all() or (v < 0).any() or (v > 1).any():
            problems.append(f"{col} has values outside [0, 1] or not finite")
    if proba:
        sums = preds[proba].sum(axis=1).to_numpy(float)
        if not np.allclose(sums, 1, atol=1e-6):
            problems.append("class probabilities do not sum to 1 on every row")
    if problems:
        return Verdict("fail", "; ".join(problems) + ".")
    return Verdict(
        "pass",
        f"All {len(preds)} holdout predictions are finite"
        + (" and every probability is in [0, 1], summing to 1." if proba else "."),
    )


@check("ml-test-score", "monitoring-6")
def _speed(c: Context) -> Verdict:
    fit, predict = _rung_seconds(c)
    return Verdict(
        "partial",
        f"The chosen model fitted in {_fmt(fit)} s and "
        f"predicted in {_fmt(predict)} s; serving is not seen.",
        automated=False,
    )


@check("ml-test-score", "monitoring-7")
def _quality(c: Context) -> Verdict:
    earlier = [
        s
        for s in c.same_data
        if s.get("id") != c.r.id
        and s.get("holdout_score") is not None
        and s.get("metric") == c.r.metric
    ]
    if not c.folder.ledger_row:
        return Verdict(
            "partial",
            "This study is not in the ledger, so earlier runs cannot be compared.",
            automated=False,
        )
    if not earlier:
        return Verdict(
            "partial",
            "No earlier complete study of this table with the same metric "
            "to compare with; served quality is not seen offline.",
            automated=False,
        )
    scores = ", ".join(f"{s['id']}: {s['holdout_score']:.4g}" for s in earlier[:5])
    return Verdict(
        "partial",
        f"Earlier studies of this table (same metric): {scores}; this one "
        f"{_fmt(c.r.holdout.score)}. Served quality is not seen offline.",
        automated=False,
    )


# --- overfitting (Langford) ---


@check("overfitting", "traditional")
def _traditional(c: Context) -> Verdict:
    h = c.r.holdout
    rows, cols = c.r.split.train_rows, len(c.r.model.columns)
    text = (
        f"Chosen model: CV {c.r.metric} {_fmt(c.r.chosen.cv_mean)}, holdout {_fmt(h.score)}; "
        f"{rows} training rows for {cols} features. {h.gap_message}"
    )
    return Verdict("fail" if h.gap_flag else "pass", text)


@check("overfitting", "parameter-tweak")
def _tweak(c: Context) -> Verdict:
    return _selection_verdict(c)


@check("overfitting", "brittle-measure")
def _brittle(c: Context) -> Verdict:
    h = c.r.holdout
    rows = h.rows
    width = (h.ci_high or 0) - (h.ci_low or 0)
    problems = []
    if rows < 50:
        problems.append(f"the holdout has only {rows} rows")
    if c.r.task != "regression":
        preds = c.predictions
        if preds is not None:
            rarest = preds["actual"].value_counts().min()
            if rarest < 10:
                problems.append(f"the rarest class has {rarest} holdout rows")
    text = f"Holdout of {rows} rows; 95% interval width {width:.3g}"
    if problems:
        return Verdict("fail", f"{text}: {'; '.join(problems)}, too few to rank models by.")
    return Verdict(
        "pass", f"{text}; the measure is the study's declared scorer, not leave-one-out."
    )


@check("overfitting", "bad-statistics")
def _stats(c: Context) -> Verdict:
    method = c.r.holdout.ci_method
    rule = c.r.selection.rule
    ok = "bootstrap" in method.lower()
    corrected = "corrected" in rule.lower()
    text = f"Holdout interval: {method or 'none'}. Model comparison: {rule or 'none'}."
    return Verdict("pass" if ok and corrected else "partial", text)


@check("overfitting", "choice-of-measure")
@check("rules-of-ml", "rule-2")
def _measure(c: Context) -> Verdict:
    metrics = {s.get("metric") for s in c.same_holdout}
    others = sorted(c.r.holdout.other_metrics)
    if not c.folder.ledger_row:
        return Verdict(
            "partial",
            f"The metric {c.r.metric!r} is recorded, but this study is "
            "not in the ledger, so other metrics tried on its holdout are unknown.",
        )
    if len(metrics) > 1:
        return Verdict(
            "fail",
            f"The same holdout was scored with {len(metrics)} metrics "
            f"({', '.join(sorted(map(str, metrics)))}) across studies: the one "
            "reported may be the one that looked best.",
        )
    return Verdict(
        "pass",
        f"The metric {c.r.metric!r} was set before fitting; the other "
        f"metrics are reported beside it ({', '.join(others)}); no other metric was "
        "tried on this holdout.",
    )


@check("overfitting", "incomplete-prediction")
def _complete(c: Context) -> Verdict:
    preds = c.predictions
    rows = c.r.holdout.rows
    if preds is None:
        return Verdict("fail", "holdout_predictions.csv is missing.")
    if len(preds) != rows or preds["prediction"].isna().any():
        return Verdict("fail", f"{len(preds)} predictions for {rows} holdout rows.")
    return Verdict("pass", f"Every one of the {rows} holdout rows has a prediction.")


@check("overfitting", "human-loop")
def _human(c: Context) -> Verdict:
    n = len(c.same_data)
    return Verdict(
        "needs_person",
        f"The ledger holds {n} studies of this table; what a person "
        "looked at outside diveml is not seen.",
        automated=False,
    )


@check("overfitting", "dataset-selection")
def _datasets(c: Context) -> Verdict:
    names = sorted({str(s.get("data_name")) for s in c.folder.ledger})
    return Verdict(
        "needs_person",
        f"The ledger holds studies of {len(names)} tables "
        f"({', '.join(names[:10])}); if this one is reported alone, say so.",
        automated=False,
    )


@check("overfitting", "reprobleming")
@check("rules-of-ml", "rule-33")
def _reproblem(c: Context) -> Verdict:
    strategy = c.r.split.strategy
    dated = _has_dates(c.r)
    targets = {(s.get("target"), s.get("task")) for s in c.same_data}
    if len(targets) > 1:
        return Verdict(
            "fail",
            f"Studies of this table used {len(targets)} target/task pairs "
            f"({sorted(map(str, targets))}): the problem was changed between runs.",
        )
    if c.strategy.holdout_is_later:
        return Verdict("pass", f"The holdout is the latest rows ({c.strategy.short}).")
    if dated:
        return Verdict(
            "fail",
            f"The table has date columns but the split is {strategy!r}: "
            "the model is tested on rows from before some of its training rows.",
        )
    return Verdict(
        "pass",
        f"No date column was found, the split is {strategy!r}, and the "
        "target was not changed across studies of this table.",
    )


@check("overfitting", "old-datasets")
def _old(c: Context) -> Verdict:
    name = c.r.data.name.lower()
    stem = Path(name).stem
    if stem in BENCHMARKS:
        return Verdict(
            "partial",
            f"{stem!r} is a community benchmark: methods and habits "
            "have been tuned to it for years; try a fresh table too.",
        )
    return Verdict("pass", f"{name!r} is not one of the well-known benchmark tables.")


# --- technical debt ---


@check("technical-debt", "unstable-inputs")
def _unstable(c: Context) -> Verdict:
    frame, why = c.raw
    if frame is None:
        return Verdict("partial", f"The input changed or cannot be re-read: {why}.")
    return Verdict("pass", "The table re-read now has the fingerprint recorded in the study.")


@check("technical-debt", "correction-cascade")
def _cascade(c: Context) -> Verdict:
    cols = [col for col in c.r.model.columns if MODEL_OUTPUT.search(col)]
    if cols:
        return Verdict(
            "partial",
            f"Features that look like another model's output: {', '.join(map(repr, cols))}.",
            automated=False,
        )
    return Verdict("pass", "No feature name looks like another model's prediction or score.")


@check("technical-debt", "pipeline-jungle")
@check("technical-debt", "configuration-debt")
def _glue(c: Context) -> Verdict:
    verdict, _ = c.round_trip
    code = [f.name for f in dataclasses.fields(c.r.reproduce)]
    if verdict.status == "pass":
        return Verdict(
            "pass",
            "One saved pipeline takes raw rows to predictions; study.json "
            f"records every option, seed {c.r.seed} and the code to redo it "
            f"({', '.join(sorted(code))}).",
        )
    return Verdict(
        "partial", f"Options are recorded, but the round trip was not shown: {verdict.evidence}"
    )


@check("technical-debt", "fixed-thresholds")
def _threshold(c: Context) -> Verdict:
    return Verdict(
        "needs_person",
        "The study reports probabilities and its scorer's own "
        "decision rule; a threshold set by hand later is not seen.",
        automated=False,
    )


@check("rules-of-ml", "rule-14")
def _interpretable(c: Context) -> Verdict:
    fitted = [row.name for row in c.r.ladder if row.cv_mean is not None]
    simple = [n for n in fitted if n in ("linear", "small_tree")]
    if simple:
        return Verdict(
            "pass", f"Interpretable rungs were fitted and compared: {', '.join(simple)}."
        )
    return Verdict("fail", "No interpretable rung (linear model, small tree) was fitted.")


@check("rules-of-ml", "rule-24")
def _delta(c: Context) -> Verdict:
    sel = c.r.selection
    chosen = next((x for x in sel.comparisons if x.name == sel.chosen), None)
    if chosen is None:
        return Verdict("partial", "No model comparison was recorded.")
    best, p = sel.best, chosen.p_value
    return Verdict(
        "pass",
        f"The chosen model is {chosen.mean_diff:.4g} below the best "
        f"({best}) in CV mean"
        + (f", one-sided p = {p:.2g} (corrected paired t-test)." if p is not None else "."),
    )


# --- selection leaks from the ledger ---


def _selection_verdict(c: Context) -> Verdict:
    if not c.folder.ledger_row:
        return Verdict(
            "partial",
            f"This study ({c.r.id}) is not in the ledger "
            f"({c.folder.database}), so how often its holdout was looked at is "
            "unknown. Review it with the DIVEML_HOME that ran it.",
            automated=False,
        )
    n = len(c.same_holdout)
    if n <= 1:
        return Verdict("pass", "The holdout was scored once, by this study.")
    return Verdict(
        "fail",
        f"The same holdout rows were scored by {n} complete studies: "
        "every look after the first lets choices follow the holdout.",
    )


def _look_result(c: Context, look: dict[str, Any]) -> StudyResult | None:
    """The study result of one look at the holdout: this study's, or read from its folder."""
    if look.get("id") == c.r.id:
        return c.r
    folder = look.get("out_dir")
    if not folder:
        return None
    try:
        return load_result(Path(folder))
    except StudyResultError:  # moved, deleted or unreadable: its options are unknown
        return None


def _changed_options(c: Context, looks: list[dict[str, Any]]) -> str:
    """Which options differed between the studies that looked at the same holdout."""
    seen: dict[str, set[str]] = {}
    for look in looks:
        result = _look_result(c, look)
        if result is None:
            continue
        options = {
            **dataclasses.asdict(result.settings),
            "metric": result.metric,
            "seed": result.seed,
        }
        for key, value in options.items():
            seen.setdefault(key, set()).add(json.dumps(value, sort_keys=True, default=str))
    return "; ".join(f"{k} ({', '.join(sorted(v))})" for k, v in sorted(seen.items()) if len(v) > 1)


def selection_leaks(c: Context) -> list[dict[str, Any]]:
    """What the ledger shows about looks at this study's holdout and its data."""
    out: list[dict[str, Any]] = []
    if not c.folder.ledger_row:
        return [
            {
                "kind": "no-ledger-entry",
                "severity": "info",
                "message": f"The study {c.r.id} is not in the ledger at "
                f"{c.folder.database}; the selection checks need it. Review the "
                "folder with the DIVEML_HOME (or --home) that ran the study.",
            }
        ]
    looks = sorted(c.same_holdout, key=lambda s: str(s.get("created_at")))
    if len(looks) > 1:
        listing = "; ".join(
            f"{s['id']} at {s.get('created_at')} ({s.get('metric')}: "
            f"{_fmt(s.get('holdout_score'))})"
            for s in looks[:8]
        )
        scores = [s["holdout_score"] for s in looks if s.get("holdout_score") is not None]
        spread = (
            f" The scores range {min(scores):.4g} to {max(scores):.4g}; the best of "
            f"{len(scores)} looks overstates what a single look would give."
            if len(scores) > 1
            else ""
        )
        changed = _changed_options(c, looks)
        if changed:
            spread += f" Between the looks these changed: {changed}."
        out.append(
            {
                "kind": "holdout-scored-repeatedly",
                "severity": "error",
                "message": f"The same holdout was scored {len(looks)} times: {listing}." + spread,
            }
        )
        metrics = sorted({str(s.get("metric")) for s in looks})
        if len(metrics) > 1:
            out.append(
                {
                    "kind": "metrics-tried-on-holdout",
                    "severity": "error",
                    "message": f"Different metrics were tried on this holdout "
                    f"({', '.join(metrics)}): the one reported may be the one "
                    "that looked best.",
                }
            )
    same_data = [s for s in c.same_data if s.get("status") == "complete"]
    holdouts = {s.get("holdout_fingerprint") for s in same_data}
    if len(holdouts) > 1:
        out.append(
            {
                "kind": "variants-after-holdout",
                "severity": "warning",
                "message": f"{len(same_data)} complete studies of this table drew "
                f"{len(holdouts)} different holdouts (other seeds or options): "
                "if the options changed after seeing holdout scores, every "
                "holdout was seen by the choice.",
            }
        )
    studied = sorted(
        {
            str(s.get("data_name"))
            for s in c.folder.ledger
            if s.get("status") == "complete" and s.get("target") == c.r.target
        }
    )
    if len(studied) > 1:
        out.append(
            {
                "kind": "dataset-chosen-among-several",
                "severity": "warning",
                "message": f"Studies with the target {c.r.target!r} ran on "
                f"{len(studied)} tables ({', '.join(studied[:6])}); report them "
                "all, not only the best.",
            }
        )
    return out


def _default(item: dict[str, Any]) -> Verdict:
    if item["offline"] == "human":
        return Verdict("not_assessable_offline", item["checks"], automated=False)
    return Verdict("needs_person", item["checks"], automated=False)


def ml_test_score(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The paper's score (1 automated pass, 0.5 judged by hand, min of sections) and coverage."""
    sections: dict[str, float] = {}
    judged = 0
    total = 0
    for item in items:
        if item["rubric"] != "ml-test-score":
            continue
        total += 1
        section = item["id"].split("-")[0]
        points = 0.0
        if item["status"] == "pass":
            points = 1.0 if item["automated"] else 0.5
        sections[section] = sections.get(section, 0.0) + points
        if item["status"] in ("pass", "fail", "partial") and item["automated"]:
            judged += 1
    return {
        "score": min(sections.values()) if sections else 0.0,
        "sections": sections,
        "rule": "1 point per test that passes here by an automated check, 0.5 per test run by "
        "hand and documented; the score is the minimum of the four section sums "
        "(Breck et al. 2017)",
        "judged_offline": judged,
        "tests": total,
        "coverage": round(judged / total, 3) if total else 0.0,
    }


def review_study(path: Path, settings: Settings, *, refit: bool = True) -> dict[str, Any]:
    """Review the study folder ``path`` and return the review as JSON-ready data."""
    folder = load_study(path, settings)
    ctx = Context(folder, settings, refit=refit)
    items: list[dict[str, Any]] = []
    for rubric in RUBRICS:
        spec = criteria(rubric)
        for item in spec["items"]:
            fn = CHECKS.get((rubric, item["id"]))
            verdict = fn(ctx) if fn is not None else _default(item)
            status = verdict.status
            assert status in STATUSES, status
            items.append(
                {
                    "rubric": rubric,
                    "id": item["id"],
                    "title": item["title"],
                    "section": item["section"],
                    "source": spec["source"],
                    "status": status,
                    "evidence": verdict.evidence,
                    "fix": item["fix"],
                    "checks": item["checks"],
                    "automated": verdict.automated and fn is not None,
                }
            )
    score = ml_test_score(items)
    counts = {s: sum(i["status"] == s for i in items) for s in STATUSES}
    r = folder.result
    return {
        "kind": "study",
        "path": str(path),
        "study_id": r.id,
        "diveml_version": __version__,
        "study_diveml_version": r.diveml_version,
        "data": r.data.name,
        "target": r.target,
        "metric": r.metric,
        "holdout": {
            k: getattr(r.holdout, k) for k in ("score", "ci_low", "ci_high", "rows", "times_scored")
        },
        "in_ledger": folder.ledger_row is not None,
        "items": items,
        "summary": counts,
        "ml_test_score": score,
        "score": score["score"],
        "coverage": score["coverage"],
        "selection": selection_leaks(ctx),
    }
