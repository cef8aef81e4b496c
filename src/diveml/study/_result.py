"""What a study produces: :class:`StudyResult`, the typed content of ``study.json``.

Every reader of a study (the report, the notebook export, ``diveml studies show``, the
benchmark, and the review and dashboard to come) goes through these types instead of
re-learning a dict by its keys. The types are the one definition of the format:

- :meth:`StudyResult.to_dict` gives the JSON data written to ``study.json``;
- :func:`load_result` / :meth:`StudyResult.from_dict` read it back, checking every field
  against these types and raising :class:`~diveml.exceptions.StudyResultError` that names
  the file, the field and what to do;
- :func:`json_schema` is the JSON Schema generated from the same types (``diveml schema
  study``), and :func:`fields_markdown` the reference page ``docs/study-json.md``.

Each field's docstring is its documentation in the schema and on that page. Adding a field
means adding it here (with a default, so files written before still load), filling it in
the protocol, and showing it in the report if a reader should see it.

Why pydantic for the checking and the schema: it is already installed with Typer, it reads
plain frozen dataclasses (no base class to inherit) with their attribute docstrings, and it
generates the schema and validates against it from one definition, where a hand-written
walker would be a second copy of the format to keep right. It is imported only when a
result is loaded or a schema asked for, so ``import diveml`` stays light.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, dataclass_transform

import numpy as np

from diveml.exceptions import StudyResultError

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "ARTIFACTS",
    "FORMAT",
    "FORMAT_VERSION",
    "Artifacts",
    "BudgetPlan",
    "Calibration",
    "Chosen",
    "Comparison",
    "ConfusionMatrix",
    "CurveLine",
    "DataInfo",
    "DateFeature",
    "Diagnostics",
    "Exclusion",
    "Features",
    "FindingRecord",
    "Holdout",
    "Importance",
    "LearningCurve",
    "ModelInfo",
    "PrCurve",
    "Reproduce",
    "Residuals",
    "RocCurve",
    "RungScore",
    "Sampling",
    "Segment",
    "Selection",
    "SplitInfo",
    "StudyAudit",
    "StudyResult",
    "StudySettings",
    "TextFeature",
    "Timings",
    "WorstRow",
    "fields_markdown",
    "json_schema",
    "load_result",
]

FORMAT = "diveml-study"
# Raise on a change that makes an older reader misread a file (a field renamed, removed or
# given another meaning); a new field with a default does not need it.
FORMAT_VERSION = 1

Task = Literal["binary", "multiclass", "regression"]
Strategy = Literal["stratified", "random", "grouped", "time"]
Severity = Literal["info", "warning", "error"]
ColumnKind = Literal["numeric", "categorical", "text", "datetime", "boolean"]
# A class label or a target value as JSON keeps it: text, a number or a boolean.
Label = str | int | float | bool | None

# Unknown keys are refused (a typo or a file of another shape must not pass silently) and
# the attribute docstrings below become the schema's descriptions.
_CONFIG: Any = {"extra": "forbid", "strict": True, "use_attribute_docstrings": True}


_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def _record(cls: type[_T]) -> type[_T]:
    """Make ``cls`` a frozen dataclass that pydantic checks strictly (see ``_CONFIG``)."""
    cls.__pydantic_config__ = _CONFIG  # type: ignore[attr-defined]
    return dataclasses.dataclass(frozen=True)(cls)


@_record
class DataInfo:
    """The table the study read."""

    name: str
    """A short name: the dataset name, or the file name without its folder."""
    source: str
    """What was passed as ``data``: a dataset name, a path, or the name given to a DataFrame."""
    rows: int
    """Rows as read, before rows without a target were dropped."""
    columns: int
    """Columns as read, the target included."""
    fingerprint: str
    """SHA-256 of the table's content; the same table gives the same fingerprint."""
    rows_without_target: int
    """Rows dropped because their target was missing."""
    read_with: dict[str, str] | None = None
    """The reading options given (``table``, ``sql``, ``sep``, ``decimal``, ``thousands``,
    ``encoding``), so that the table can be read again as the study read it; None if none."""


@_record
class StudySettings:
    """The options the study ran with (its defaults filled in)."""

    holdout: float
    """Share of rows locked away and scored once at the end."""
    folds: int
    """Cross-validation folds on the other rows."""
    group: str | None
    """Column of groups (no group on both sides of a split), or null."""
    time: str | None
    """Column of times (the holdout is the most recent rows), or null."""
    budget: float
    """Seconds the study aimed to finish in."""
    drop: tuple[str, ...]
    """Columns the user asked never to use."""
    keep: tuple[str, ...]
    """Columns the user asked to use even when the audit would exclude them."""


@_record
class Exclusion:
    """A column left out of the features, and why."""

    column: str
    """The column's name."""
    code: str
    """A finding code or ``dropped`` / ``<kind>_not_modelled``: why, for programs."""
    reason: str
    """Why, in words."""


@_record
class TextFeature:
    """A free-text column and how its text was encoded inside each pipeline."""

    column: str
    """The column's name."""
    style: Literal["char", "word"]
    """``char``: character n-grams (short strings, code); ``word``: words (prose)."""
    encoding: str
    """The encoding, in words (TF-IDF, then a truncated SVD to a few dense columns)."""


@_record
class DateFeature:
    """A date column and the calendar features made of it inside each pipeline."""

    column: str
    """The column's name."""
    features: tuple[str, ...]
    """The features' names: ``<column>__year``, ``__month``, ``__day``, ``__weekday``,
    ``__hour`` (only when the column has times of day) and ``__elapsed_days``."""


@_record
class Features:
    """The columns the pipelines learn from, by how they are encoded."""

    numeric: tuple[str, ...]
    """Numbers: median imputation, then scaling."""
    categorical: tuple[str, ...]
    """Categories: one-hot encoded, or target encoded when listed in ``target_encoded``."""
    target_encoded: tuple[str, ...]
    """Categorical columns with too many values for one-hot, target encoded instead."""
    text: tuple[TextFeature, ...] = ()
    """Free-text columns, each encoded as TF-IDF of n-grams inside the pipeline."""
    dates: tuple[DateFeature, ...] = ()
    """Date columns (or text read as dates), each made into calendar features."""


@_record
class FindingRecord:
    """One thing the audit noticed (``diveml.audit.Finding`` as data)."""

    code: str
    """What kind of finding (see ``diveml.audit.CHECKS``)."""
    severity: Severity
    """How much it would hurt the study if nobody acted on it."""
    column: str | None
    """The column it is about, or null for the whole table."""
    message: str
    """What was noticed, in words."""
    fix: str
    """What to do about it."""


@_record
class StudyAudit:
    """The audit of the table for the target (``diveml.audit.AuditResult`` as data)."""

    task: Task
    """The task the audit found (given, or inferred from the target)."""
    target: str
    """The target column."""
    findings: tuple[FindingRecord, ...]
    """Everything noticed, most severe first."""
    excluded: dict[str, str]
    """The columns the audit excluded, each with the reason."""
    exclusions: tuple[Exclusion, ...]
    """The same exclusions with their codes."""
    feature_types: dict[str, ColumnKind]
    """The type of each column that remained a feature."""
    column_types: dict[str, ColumnKind]
    """The type of every column but the target, excluded ones included."""
    target_missing_rows: int
    """Rows whose target is missing."""
    classes: dict[str, int]
    """For classification, each class with its row count, most frequent first."""


@_record
class SplitInfo:
    """How the holdout was locked and the other rows cross-validated."""

    strategy: Strategy
    """``stratified``, ``random``, ``grouped`` or ``time``."""
    train_rows: int
    """Rows left for cross-validation and the final fit."""
    holdout_rows: int
    """Rows locked away."""
    holdout_fingerprint: str
    """SHA-256 of the table and the holdout rows: the same holdout gives the same value."""
    cv: str
    """The scikit-learn splitter's class name."""
    folds: int
    """Number of folds."""
    rows_drawn: str | None = None
    """How the holdout, fold and sample rows were drawn (a hash of each row and the seed)."""


@_record
class RungScore:
    """One rung of the ladder, cross-validated (or skipped, or failed)."""

    name: str
    """The rung's short name (``dummy``, ``linear``, ...)."""
    label: str
    """The rung in words."""
    complexity: int
    """Its place on the ladder: 0 is the baseline, higher is more complex."""
    cv_mean: float | None
    """Mean of the fold scores (null unless ``status`` is ``ok``)."""
    cv_std: float | None
    """Sample standard deviation of the fold scores."""
    cv_scores: tuple[float, ...]
    """The score of each fold, in fold order."""
    fit_seconds: float | None
    """Mean fit time per fold."""
    predict_seconds: float | None
    """Mean scoring time per fold."""
    status: Literal["ok", "failed", "skipped"]
    """``ok``, ``failed`` (the note says why) or ``skipped`` (by the budget plan)."""
    note: str
    """Warnings raised while fitting, or why it failed or was skipped."""


@_record
class Comparison:
    """One rung compared with the best, fold by fold."""

    name: str
    """The rung compared."""
    mean_diff: float
    """Best rung's mean score minus this rung's."""
    p_value: float | None
    """One-sided p-value that the best is better (null for the best itself)."""
    standard_error: float
    """The larger of the two rungs' standard errors: the one-standard-error tolerance."""
    within_one_se: bool
    """Whether ``mean_diff`` is within that tolerance."""
    indistinguishable: bool
    """Whether both checks call this rung as good as the best."""


@_record
class Selection:
    """How the model was chosen: the simplest rung not reliably worse than the best."""

    rule: str
    """The rule in words."""
    alpha: float
    """The test's level."""
    best_standard_error: float
    """The best rung's standard error."""
    best: str
    """The rung with the best mean score."""
    chosen: str
    """The rung chosen."""
    explanation: str
    """Why it was chosen, in words."""
    comparisons: tuple[Comparison, ...]
    """Each rung that ran, simplest first, compared with the best."""


@_record
class Chosen:
    """The chosen rung and its cross-validated score."""

    name: str
    """The rung's short name."""
    label: str
    """The rung in words."""
    cv_mean: float | None
    """Its mean fold score."""
    cv_std: float | None
    """Its fold spread."""


@_record
class CurveLine:
    """One model's learning curve (used for the best model beside the chosen one)."""

    model: str
    """The rung's short name."""
    sizes: tuple[int, ...]
    """Training rows at each point."""
    scores: tuple[float | None, ...]
    """Mean validation score at each size."""
    scores_std: tuple[float | None, ...]
    """Fold spread of the validation score at each size."""
    verdict: str
    """Whether more rows would help, in words."""
    verdict_code: Literal["more_data_helps", "plateau", "unclear"]
    """The verdict, for programs."""


@_record
class LearningCurve:
    """The chosen model's learning curve and the verdict on more data."""

    model: str
    """The rung's short name."""
    sizes: tuple[int, ...]
    """Training rows at each point."""
    scores: tuple[float | None, ...]
    """Mean validation score at each size."""
    scores_std: tuple[float | None, ...]
    """Fold spread of the validation score at each size."""
    train_scores: tuple[float | None, ...]
    """Mean score on the training rows at each size."""
    verdict: str
    """Whether more rows would help, in words."""
    verdict_code: Literal["more_data_helps", "plateau", "unclear", "not_drawn"]
    """The verdict, for programs; ``not_drawn`` when the budget plan left the curve out
    (``verdict`` then says why and which budget would draw it)."""
    verdict_rule: str
    """The rule the verdict follows."""
    best: CurveLine | None = None
    """The best model's curve when it is not the chosen one (null if not drawn)."""
    best_note: str | None = None
    """Why the best model's curve was not drawn, when it was not."""


@_record
class Holdout:
    """The one look at the locked rows."""

    score: float | None
    """The chosen model's score on the holdout (null if it could not be computed)."""
    ci_low: float | None
    """Lower end of the 95% interval."""
    ci_high: float | None
    """Upper end of the 95% interval."""
    ci_method: str
    """How the interval was computed."""
    rows: int
    """Holdout rows."""
    times_scored: int
    """How many complete studies have scored this very holdout, this one included."""
    baseline_score: float | None
    """The baseline's score on the same rows."""
    expected_low: float | None
    """Lower end of the range the cross-validation led one to expect."""
    expected_high: float | None
    """Upper end of that range."""
    gap_rule: str
    """How the expected range is computed."""
    gap_flag: bool
    """Whether the holdout score falls outside the expected range."""
    gap_message: str
    """What the comparison means, in words."""
    other_metrics: dict[str, float | None]
    """Other metrics on the same predictions, by name."""


@_record
class ConfusionMatrix:
    """Counts of actual (rows) against predicted (columns) classes."""

    labels: tuple[Label, ...]
    """The classes, in the order of the rows and columns."""
    matrix: tuple[tuple[int, ...], ...]
    """The counts."""


@_record
class RocCurve:
    """The ROC curve of a binary study (thinned to at most a few hundred points)."""

    fpr: tuple[float, ...]
    """False positive rates."""
    tpr: tuple[float, ...]
    """True positive rates."""
    auc: float
    """Area under the curve."""
    positive: Label
    """The class counted as positive."""


@_record
class PrCurve:
    """The precision-recall curve of a binary study."""

    precision: tuple[float, ...]
    """Precision at each threshold."""
    recall: tuple[float, ...]
    """Recall at each threshold."""
    average_precision: float
    """Average precision."""
    positive: Label
    """The class counted as positive."""


@_record
class Calibration:
    """Predicted probability against observed frequency, in quantile bins."""

    prob_pred: tuple[float, ...]
    """Mean predicted probability in each bin."""
    prob_true: tuple[float, ...]
    """Observed share of positives in each bin."""


@_record
class Residuals:
    """A regression's residuals against its predictions (a sample, sorted by prediction)."""

    predicted: tuple[float, ...]
    """Predicted values."""
    residual: tuple[float, ...]
    """Actual minus predicted."""
    holdout_rows: int | None = None
    """Holdout rows the points were drawn from (every k-th by prediction, plus the ten
    largest residuals)."""


@_record
class Importance:
    """Permutation importance of one column on the holdout."""

    column: str
    """The column."""
    mean: float
    """Mean drop in score when the column is shuffled."""
    std: float
    """Spread of that drop over the repeats."""


@_record
class Segment:
    """The holdout score within one value of a categorical column."""

    column: str
    """The column."""
    value: str
    """The value."""
    rows: int
    """Holdout rows with that value."""
    score: float | None
    """The score on those rows (null if it cannot be computed)."""


@_record
class WorstRow:
    """One of the holdout rows the model got most wrong."""

    row: int
    """Its row number in the table as read (0-based)."""
    actual: Label
    """The true target."""
    predicted: Label
    """The prediction."""
    error: float
    """1 - probability of the true class (classification) or the absolute error."""


@_record
class Diagnostics:
    """Where the chosen model is wrong, on the holdout."""

    permutation_importance: tuple[Importance, ...] = ()
    """The columns that matter most, largest first (at most 25)."""
    permutation_importance_note: str | None = None
    """Why only some columns (or none) were measured, when the budget did not allow all."""
    segments: tuple[Segment, ...] = ()
    """The score within each value of up to three categorical columns."""
    worst_rows: tuple[WorstRow, ...] = ()
    """The ten rows with the largest error."""
    confusion_matrix: ConfusionMatrix | None = None
    """Classification only."""
    roc_curve: RocCurve | None = None
    """Binary only."""
    pr_curve: PrCurve | None = None
    """Binary only."""
    calibration: Calibration | None = None
    """Binary only."""
    residuals: Residuals | None = None
    """Regression only."""
    importance_rows: int | None = None
    """Holdout rows the permutation importance was computed on (at most 1,000, a seeded
    sample)."""
    importance_repeats: int | None = None
    """Times each column was shuffled."""


@_record
class Timings:
    """How long the study took, in seconds: with the rungs' fit and predict seconds, the
    only part of study.json that changes from run to run with the same inputs."""

    total_seconds: float
    """From the start to study.json written (the report is written after)."""
    stages: dict[str, float]
    """Each stage's own duration, by stage name, in the order they ran."""
    over_budget: bool = False
    """Whether the study took longer than its budget."""
    note: str = ""
    """The time against the budget, in words."""


@_record
class BudgetPlan:
    """The decisions the time budget forced, and the estimates they were made from.

    Every number here comes from the table's size, its encoded width and a fixed cost per
    rung, never from a clock, so the same data, options and seed give the same plan (and
    the same study) on an idle machine and on a busy one."""

    budget: float
    """The budget, in seconds."""
    encoded_width: int
    """Columns the preprocessing makes of the table."""
    ladder_rows: int
    """Training rows the ladder cross-validates (all of them, or the most the budget affords)."""
    rung_seconds: dict[str, float]
    """Each rung's estimated cross-validation time on those rows."""
    skipped_rungs: tuple[str, ...]
    """Rungs left out because the ladder's estimate passed its share of the budget."""
    curve_seconds: float
    """The learning curves' estimated time."""
    final_fit_seconds: float
    """The estimated time of a final fit on every training row."""
    estimated_seconds: float
    """The plan's estimate of the whole study: the fits and the reserve."""
    cost_model: str
    """The per-rung cost model the estimates come from, in words."""
    reserved_seconds: float = 0.0
    """Estimated seconds of the steps that are not fits (audit, diagnostics, writing the
    model and the report), set aside from the budget before the fits share it."""
    fitting_seconds: float = 0.0
    """The seconds the fits (ladder, learning curves, final fit) shared: the budget less
    the reserve and the importance's share, and never under a fifth of the budget."""
    curve_drawn: bool = True
    """Whether the chosen model's learning curve was drawn: it is left out when, even on its
    fewest rows, its estimate passes what the plan left for it (and 2 s)."""
    curve_estimate_seconds: float | None = None
    """The chosen model's learning curve's estimated seconds, on the rows it was (or would
    have been) drawn on."""
    curve_room_seconds: float | None = None
    """The seconds the plan left for that curve."""


@_record
class Sampling:
    """How many training rows each step used (fewer than all when the budget is short)."""

    ladder_rows: int
    """Rows the ladder was cross-validated on."""
    learning_curve_rows: int
    """Rows the learning curve was drawn on."""
    final_fit_rows: int
    """Rows the final model was fitted on."""
    final_fit_estimate_seconds: float
    """The estimated time of a final fit on every training row."""
    note: str
    """The sampling, in words."""


@_record
class Reproduce:
    """Code that redoes the study's data loading, split and pipeline (the notebook's cells)."""

    load_code: str
    """Loads the table into ``df``."""
    split_code: str
    """Splits ``df`` into ``X_train, X_test, y_train, y_test`` exactly as the study did."""
    pipeline_code: str
    """Builds the chosen (unfitted) pipeline as ``model``."""


@_record
class ModelInfo:
    """The saved model file."""

    file: str
    """Its file name in the study folder."""
    sha256: str
    """SHA-256 of the file, checked when it is loaded."""
    format: Literal["skops"]
    """The file format."""
    classes: tuple[Label, ...]
    """The classes the model predicts (empty for a regression)."""
    columns: tuple[str, ...]
    """The columns the model expects, in order."""


@_record
class Artifacts:
    """The files of a study folder, by key."""

    report_html: str = "report.html"
    """The report, as a web page."""
    report_md: str = "report.md"
    """The report, as Markdown."""
    study_json: str = "study.json"
    """This result."""
    model: str = "model.skops"
    """The final model."""
    holdout_predictions: str = "holdout_predictions.csv"
    """Each holdout row's prediction (and class probabilities)."""
    notebook: str = "study.ipynb"
    """A notebook that redoes the study with scikit-learn."""


#: The artifact file names, by key: the one table the protocol and the report share.
ARTIFACTS: dict[str, str] = dataclasses.asdict(Artifacts())


@_record
class MostCommon:
    """A column's most frequent value over every row of a big table."""

    value: str
    """The value, as text."""
    rows: int
    """Rows that hold it."""


@_record
class WholeColumn:
    """One column of a big table, counted on every row."""

    missing: int
    """Missing values."""
    distinct: int | None
    """Distinct values other than missing; None for more than ``distinct_cap``."""
    most_common: MostCommon | None
    """The most frequent value; None where ``distinct`` is."""
    min: float | None
    """The smallest finite value of a number column (None for other columns)."""
    max: float | None
    """The largest finite value of a number column (None for other columns)."""
    infinite: int | None
    """Infinite values of a number column (None for other columns)."""


@_record
class WholeTable:
    """What was counted on every row of a big table (not only on the drawn sample)."""

    missing: dict[str, int]
    """Missing values of each column."""
    target: dict[str, int | float | None]
    """The target's rows per class, or (a number target) its min, max and mean."""
    duplicate_rows: int | None = None
    """Rows that repeat an earlier row (by row hash), over the whole table."""
    distinct_cap: int | None = None
    """Distinct values are counted exactly up to this many per column."""
    constant_columns: list[str] | None = None
    """Columns with at most one distinct value (missing aside) over the whole table."""
    columns: dict[str, WholeColumn] | None = None
    """Each column's counts over the whole table."""


@_record
class TableInfo:
    """A table too big to load: how it was read, and the hash-drawn rows the study used."""

    rows: int
    """Rows of the whole table."""
    drawn_rows: int
    """Rows drawn for the study (everything but ``whole_table`` was computed on them)."""
    study_rows: int
    """The most rows a study loads; bigger tables are sampled to about this many."""
    how_read: str
    """How the table was read: in parts, in parallel on Dask or one after the other."""
    how_drawn: str
    """How the rows were drawn, in words."""
    whole_table: WholeTable
    """Counted on every row."""
    on_the_sample: str
    """The steps that ran on the drawn rows."""


@_record
class EngineInfo:
    """Where the study's fits ran."""

    name: Literal["local", "dask"]
    """``local`` (this machine) or ``dask`` (a Dask cluster)."""
    workers: int | None
    """Processes or threads that ran the fits (the note says which for ``jobs="auto"``; a Dask cluster's workers when the study ended)."""
    address: str | None
    """The Dask scheduler's address, or null for this machine or a local cluster."""
    note: str = ""
    """How the workers were chosen (threads of the study's process or worker processes, and how many), for ``jobs="auto"`` (empty otherwise)."""


@_record
class StudyResult:
    """One finished study: everything ``study.json`` holds."""

    format: Literal["diveml-study"]
    """Always ``diveml-study``: what kind of file this is."""
    format_version: int
    """The version of this layout; a reader refuses a version it does not know."""
    diveml_version: str
    """The diveml version that ran the study."""
    id: str
    """The study's id in the ledger (``diveml studies``)."""
    status: Literal["complete"]
    """A study.json is written only for a complete study."""
    created_at: str
    """When the study started (ISO 8601, UTC)."""
    data: DataInfo
    """The table."""
    target: str
    """The column predicted."""
    task: Task
    """``binary``, ``multiclass`` or ``regression``."""
    metric: str
    """The scikit-learn scorer name every score is in (larger is better)."""
    seed: int
    """The seed of the split, folds, models and bootstrap."""
    settings: StudySettings
    """The options."""
    excluded_columns: tuple[str, ...]
    """The names of the columns left out (details in ``exclusions``)."""
    exclusions: tuple[Exclusion, ...]
    """Each column left out, and why."""
    features: Features
    """The columns learnt from."""
    audit: StudyAudit
    """The audit."""
    split: SplitInfo
    """The holdout and the folds."""
    ladder: tuple[RungScore, ...]
    """Every rung, simplest first."""
    selection: Selection
    """How the model was chosen."""
    chosen: Chosen
    """The chosen model."""
    learning_curve: LearningCurve
    """The chosen model's learning curve."""
    holdout: Holdout
    """The holdout score."""
    diagnostics: Diagnostics
    """Where the model is wrong."""
    timings: Timings
    """How long it took."""
    sampling: Sampling
    """The rows each step used."""
    reproduce: Reproduce
    """Code to redo it."""
    model: ModelInfo
    """The model file."""
    artifacts: Artifacts
    """The files written."""
    budget_plan: BudgetPlan | None = None
    """The decisions the budget forced, and the estimates they were made from."""
    engine: EngineInfo | None = None
    """Where the fits ran (the numbers do not depend on it)."""
    table: TableInfo | None = None
    """For a table too big to load: how it was read and sampled (absent otherwise)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON data: what is written to ``study.json``."""
        return _plain(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "the study result") -> StudyResult:
        """Check ``data`` (the JSON content of a study.json) and return it typed.

        Raises :class:`~diveml.exceptions.StudyResultError` naming ``source``, the field
        and what to do, for another kind of file, another format version or a wrong field.
        """
        data = _check_format(data, source)
        from pydantic import ValidationError

        try:
            return _adapter(described=False).validate_json(
                json.dumps(_plain(data), allow_nan=False)
            )
        except ValidationError as exc:
            raise StudyResultError(_describe(exc, source, data)) from None


def _plain(value: Any) -> Any:
    """Return ``value`` as plain JSON data: tuples as lists, numpy unwrapped, NaN as null."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


_RERUN = (
    "Run the study again with this version of diveml (`diveml study`, or `diveml.study(...)` "
    "in Python) to get a study.json it can read"
)


def _check_format(data: Any, source: str) -> Mapping[str, Any]:
    """Return ``data`` once it is known to be a study result of this format (or the same
    layout written before study.json had a format version); raise otherwise."""
    if not isinstance(data, Mapping):
        raise StudyResultError(
            f"{source} is not a diveml study result: it holds a {type(data).__name__}, not a "
            f"JSON object. {_RERUN}."
        )
    kind, version = data.get("format"), data.get("format_version")
    if kind is None and "diveml_version" in data and "ladder" in data:
        # diveml 0.1.0 wrote this very layout without naming it: read it as version 1.
        return {"format": FORMAT, "format_version": FORMAT_VERSION, **data}
    if kind != FORMAT:
        raise StudyResultError(
            f"{source} is not a diveml study result (its 'format' is {kind!r}, not "
            f"{FORMAT!r}). Pass the study.json of a study folder."
        )
    if version != FORMAT_VERSION:
        newer = isinstance(version, int) and version > FORMAT_VERSION
        raise StudyResultError(
            f"{source} has format version {version!r}; this diveml reads version "
            f"{FORMAT_VERSION}. "
            + (
                "It was written by a newer diveml: upgrade diveml (pip install -U diveml) to "
                "read it."
                if newer
                else f"{_RERUN}."
            )
        )
    return data


def _describe(exc: Any, source: str, data: Mapping[str, Any]) -> str:
    errors = exc.errors(include_url=False)
    shown = []
    for error in errors[:3]:
        path = ".".join(str(part) for part in error["loc"]) or "(top level)"
        if error["type"] == "unexpected_keyword_argument":
            shown.append(f"{path!r} is not a field of this format")
        elif error["type"] in {"missing", "missing_keyword_argument"}:
            shown.append(f"{path!r} is missing")
        else:
            shown.append(f"{path!r}: {error['msg'].lower()} (got {error.get('input')!r:.60})")
    more = f" (and {len(errors) - 3} more problems)" if len(errors) > 3 else ""
    written = (
        f", written by diveml {data.get('diveml_version')}," if "diveml_version" in data else ""
    )
    return (
        f"{source}{written} does not have the shape of a diveml study result (format "
        f"{FORMAT_VERSION}): "
        f"{'; '.join(shown)}{more}. If the file was edited by hand, restore it; otherwise "
        f"{_RERUN[0].lower()}{_RERUN[1:]}."
    )


@cache
def _adapter(described: bool = True) -> TypeAdapter[StudyResult]:
    """The pydantic adapter of a study result; ``described=False`` for checking one only.

    The fields' docstrings are read from this module's source for the schema's
    descriptions, which costs about 0.45 CPU-s per process (measured: building the
    adapter took 0.53 CPU-s with them, 0.10 without); checking a result needs none.
    """
    from pydantic import TypeAdapter

    if described:
        return TypeAdapter(StudyResult)
    _CONFIG["use_attribute_docstrings"] = False  # every record shares this one dict
    try:
        return TypeAdapter(StudyResult)
    finally:
        _CONFIG["use_attribute_docstrings"] = True


def load_result(path: str | Path) -> StudyResult:
    """Read a study.json (or a study folder) and return its :class:`StudyResult`."""
    path = Path(path)
    if path.is_dir():
        path = path / ARTIFACTS["study_json"]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StudyResultError(
            f"There is no study result at {str(path)!r}. Pass a study folder or its study.json "
            "(`diveml studies` lists them)."
        ) from None
    except OSError as exc:
        raise StudyResultError(f"Cannot read {str(path)!r} ({exc.strerror}).") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise StudyResultError(
            f"{str(path)!r} is not valid JSON ({exc}). If it was edited by hand, restore it; "
            f"otherwise {_RERUN[0].lower()}{_RERUN[1:]}."
        ) from None
    return StudyResult.from_dict(data, source=repr(str(path)))


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of ``study.json``, generated from :class:`StudyResult`."""
    schema = _adapter().json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:{FORMAT}:{FORMAT_VERSION}",
        **schema,
    }


def fields_markdown() -> str:
    """Return the reference page of every study.json field (``docs/study-json.md``).

    It is written from :func:`json_schema`, so the page, the schema and the types cannot
    disagree.
    """
    schema = json_schema()
    definitions = schema["$defs"]
    lines = [
        "# study.json, field by field",
        "",
        "<!-- Generated by `diveml schema study --markdown` from src/diveml/study/_result.py; "
        "tests/study/test_result.py checks that it is current. -->",
        "",
        f"A study writes its whole result to `study.json` (format `{FORMAT}`, version "
        f"{FORMAT_VERSION}). `diveml schema study` prints its JSON Schema; in Python, "
        "`diveml.study.load_result(path)` reads a study folder or file back as typed records, "
        "checking every field. Numbers that could not be computed are `null`.",
        "",
    ]
    queue: list[tuple[str, dict[str, Any]]] = [("study.json", schema)]
    seen: set[str] = set()
    while queue:
        where, entry = queue.pop(0)
        name = entry.get("title", "StudyResult")
        if name in seen:
            continue
        seen.add(name)
        lines += [f"## {name}", "", f"At `{where}`. {_words_of(entry)}", ""]
        lines += ["| field | type | meaning |", "| --- | --- | --- |"]
        required = set(entry.get("required", []))
        for field, prop in entry.get("properties", {}).items():
            kind = _type_words(prop)
            if field not in required:
                kind += " (optional)"
            lines.append(f"| `{field}` | {kind} | {_words_of(prop)} |")
            path = where if where != "study.json" else ""
            for ref in _refs(prop):
                queue.append((f"{path}.{field}".lstrip("."), definitions[ref]))
        lines.append("")
    return "\n".join(lines)


def _words_of(entry: Mapping[str, Any]) -> str:
    return " ".join(str(entry.get("description", "")).split()).replace("|", "\\|")


_JSON_WORDS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true/false",
    "null": "null",
}


def _type_words(prop: Mapping[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        return " or ".join(_type_words(p) for p in prop["anyOf"])
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{json.dumps(v)}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type_words(prop.get('items', {}))}"
    if kind == "object":
        return f"map of text to {_type_words(prop.get('additionalProperties', {}))}"
    return _JSON_WORDS.get(str(kind), "any value")


def _refs(prop: Mapping[str, Any]) -> list[str]:
    found: list[str] = []
    if "$ref" in prop:
        found.append(prop["$ref"].rsplit("/", 1)[-1])
    for key in ("anyOf", "items", "additionalProperties"):
        value = prop.get(key)
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, Mapping):
                found += _refs(part)
    return found
