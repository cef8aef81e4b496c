"""The study protocol end to end, on real data."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import diveml
from diveml.config import Settings
from diveml.data import load_dataset
from diveml.exceptions import ColumnNotFoundError, InvalidOptionError, StudyError
from diveml.state import Database
from diveml.study import Study, list_studies, study
from diveml.study._ladder import RUNGS, build_pipeline

from .conftest import quick_study

pytestmark = pytest.mark.usefixtures("shared_data")

FIXED_KEYS = {
    "diveml_version",
    "task",
    "metric",
    "seed",
    "excluded_columns",
    "chosen",
    "ladder",
    "holdout",
    "learning_curve",
    "audit",
}


def test_study_json_has_the_interface_keys(penguins_study: Study) -> None:
    r = json.loads((penguins_study.out_dir / "study.json").read_text())
    assert r == penguins_study.result
    assert set(r) >= FIXED_KEYS
    assert r["task"] == "multiclass" and r["metric"] == "balanced_accuracy"
    assert set(r["chosen"]) >= {"name", "cv_mean", "cv_std"}
    for rung in r["ladder"]:
        assert {"name", "cv_mean", "cv_std", "fit_seconds"} <= set(rung)
    assert [rung["name"] for rung in r["ladder"]] == [rung.name for rung in RUNGS]
    assert set(r["holdout"]) >= {"score", "ci_low", "ci_high", "rows", "times_scored"}
    assert r["holdout"]["ci_low"] <= r["holdout"]["score"] <= r["holdout"]["ci_high"]
    assert set(r["learning_curve"]) >= {"sizes", "scores", "verdict"}
    assert r["learning_curve"]["sizes"] == sorted(r["learning_curve"]["sizes"])
    for finding in r["audit"]["findings"]:
        assert finding["severity"] in {"info", "warning", "error"}


def test_every_rung_records_spread_and_times(penguins_study: Study) -> None:
    for rung in penguins_study.result["ladder"]:
        assert rung["status"] == "ok"
        assert len(rung["cv_scores"]) == 3
        assert rung["cv_std"] == pytest.approx(np.std(rung["cv_scores"], ddof=1))
        assert rung["fit_seconds"] > 0 and rung["predict_seconds"] > 0


def test_artifacts_are_written(penguins_study: Study) -> None:
    for name in ("study.json", "model.skops", "holdout_predictions.csv"):
        assert (penguins_study.out_dir / name).is_file()
    sha = hashlib.sha256((penguins_study.out_dir / "model.skops").read_bytes()).hexdigest()
    assert penguins_study.result["model"]["sha256"] == sha


def test_holdout_predictions_match_the_reported_score(penguins_study: Study) -> None:
    from sklearn.metrics import balanced_accuracy_score

    table = pd.read_csv(penguins_study.out_dir / "holdout_predictions.csv")
    r = penguins_study.result
    assert len(table) == r["holdout"]["rows"] == r["split"]["holdout_rows"]
    assert list(table["row"]) == sorted(table["row"])
    assert {f"proba_{c}" for c in ("Adelie", "Chinstrap", "Gentoo")} <= set(table.columns)
    score = balanced_accuracy_score(table["actual"], table["prediction"])
    assert score == pytest.approx(r["holdout"]["score"])


def test_holdout_is_stratified_and_locked(penguins_study: Study) -> None:
    penguins = load_dataset("penguins")
    table = pd.read_csv(penguins_study.out_dir / "holdout_predictions.csv")
    held = penguins.iloc[table["row"]]["species"].value_counts(normalize=True)
    whole = penguins["species"].value_counts(normalize=True)
    assert (held - whole).abs().max() < 0.03
    assert penguins_study.result["split"]["strategy"] == "stratified"


def test_study_is_registered_complete(penguins_study: Study, module_settings: Settings) -> None:
    rows = [r for r in list_studies(module_settings) if r["id"] == penguins_study.result["id"]]
    assert rows[0]["status"] == "complete"
    assert rows[0]["chosen"] == penguins_study.result["chosen"]["name"]
    assert rows[0]["holdout_score"] == pytest.approx(penguins_study.result["holdout"]["score"])


def test_reproduce_code_gives_the_same_split_and_score(penguins_study: Study) -> None:
    from sklearn.metrics import get_scorer

    r = penguins_study.result
    namespace: dict[str, Any] = {}
    for key in ("load_code", "split_code", "pipeline_code"):
        exec(r["reproduce"][key], namespace)
    table = pd.read_csv(penguins_study.out_dir / "holdout_predictions.csv")
    assert sorted(namespace["X_test"].index) == list(table["row"])  # no row lacks a target
    model = namespace["model"].fit(namespace["X_train"], namespace["y_train"])
    score = get_scorer(r["metric"])(model, namespace["X_test"], namespace["y_test"])
    assert score == pytest.approx(r["holdout"]["score"])


def test_pipeline_code_builds_the_studied_pipeline(penguins_study: Study) -> None:
    namespace: dict[str, Any] = {}
    exec(penguins_study.result["reproduce"]["pipeline_code"], namespace)
    fitted = penguins_study.pipeline_.get_params(deep=True)
    fresh = namespace["model"].get_params(deep=True)
    assert fresh.keys() == fitted.keys()
    assert {k: repr(v) for k, v in fresh.items() if not hasattr(v, "fit")} == {
        k: repr(v) for k, v in fitted.items() if not hasattr(v, "fit")
    }


def test_diagnostics_for_classification(penguins_study: Study) -> None:
    diag = penguins_study.result["diagnostics"]
    matrix = np.array(diag["confusion_matrix"]["matrix"])
    assert matrix.sum() == penguins_study.result["holdout"]["rows"]
    assert diag["permutation_importance"]
    assert {s["column"] for s in diag["segments"]} <= {"island", "sex"}
    assert len(diag["worst_rows"]) == 10
    assert diag["residuals"] is None  # every field is written; null where it does not apply


def test_study_repr_and_html(penguins_study: Study) -> None:
    assert "species" in repr(penguins_study)
    assert penguins_study.result["selection"]["explanation"] in penguins_study._repr_html_()


def test_diveml_study_is_callable_from_the_package(tmp_path: Path, settings: Settings) -> None:
    result = diveml.study(
        "iris", target="species", out=tmp_path / "s", budget=0.01, settings=settings
    )
    assert isinstance(result, Study)
    import diveml.study as module

    assert callable(module)


def test_binary_study_has_curves_and_other_metrics(tmp_path: Path, settings: Settings) -> None:
    r = quick_study("titanic", "survived", tmp_path / "t", settings).result
    assert r["task"] == "binary" and r["metric"] == "roc_auc"
    assert {"accuracy", "f1", "log_loss"} <= set(r["holdout"]["other_metrics"])
    diag = r["diagnostics"]
    assert len(diag["roc_curve"]["fpr"]) <= 200
    assert diag["roc_curve"]["auc"] == pytest.approx(r["holdout"]["score"])
    assert {"pr_curve", "calibration"} <= set(diag)
    assert "name" not in r["excluded_columns"]  # free text, modelled as such
    assert [t["column"] for t in r["features"]["text"]] == ["name"]
    assert [x["status"] for x in r["ladder"]][2:] == ["skipped"] * 3
    assert "budget" in r["ladder"][2]["note"]


def test_regression_study_has_residuals(tmp_path: Path, settings: Settings) -> None:
    r = quick_study("diabetes", "progression", tmp_path / "d", settings).result
    assert r["task"] == "regression" and r["metric"] == "r2"
    assert {"rmse", "mae"} <= set(r["holdout"]["other_metrics"])
    assert r["split"]["strategy"] == "random"
    assert r["diagnostics"]["residuals"] and r["diagnostics"]["confusion_matrix"] is None


@pytest.mark.slow  # several studies or fits: seconds each on two cores
def test_holdout_times_scored_counts_earlier_studies(tmp_path: Path, settings: Settings) -> None:
    first = quick_study("iris", "species", tmp_path / "a", settings).result
    second = quick_study("iris", "species", tmp_path / "b", settings).result
    other_seed = quick_study("iris", "species", tmp_path / "c", settings, seed=1).result
    assert first["holdout"]["times_scored"] == 1
    assert second["holdout"]["times_scored"] == 2
    assert other_seed["holdout"]["times_scored"] == 1
    assert first["split"]["holdout_fingerprint"] == second["split"]["holdout_fingerprint"]
    listed = {row["id"]: row["times_scored"] for row in list_studies(settings)}
    assert listed[first["id"]] == 1 and listed[second["id"]] == 2


@pytest.mark.slow  # several studies or fits: seconds each on two cores
@pytest.mark.parametrize("stage", ["ladder", "holdout", "artifacts"])
def test_interrupted_study_stays_incomplete(tmp_path: Path, settings: Settings, stage: str) -> None:
    done = quick_study("iris", "species", tmp_path / "done", settings).result

    def interrupt(current: str, detail: str) -> None:
        if current == stage:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        quick_study("iris", "species", tmp_path / "cut", settings, progress=interrupt)
    rows = {row["id"]: row for row in list_studies(settings)}
    assert len(rows) == 2
    assert rows[done["id"]]["status"] == "complete"
    (cut,) = [row for row in rows.values() if row["id"] != done["id"]]
    assert cut["status"] == "incomplete" and cut["chosen"] is None
    assert cut["finished_at"] is not None
    # An incomplete study does not count as a look at the holdout.
    again = quick_study("iris", "species", tmp_path / "again", settings).result
    assert again["holdout"]["times_scored"] == 2


def test_time_split_holds_out_the_latest_rows(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("diabetes")
    frame["visit"] = pd.date_range("2020-01-01", periods=len(frame), freq="D").astype(str)
    frame = frame.sample(frac=1.0, random_state=0).reset_index(drop=True)
    s = quick_study(frame, "progression", tmp_path / "t", settings, time="visit")
    held = pd.read_csv(s.out_dir / "holdout_predictions.csv")["row"]
    cutoff = pd.to_datetime(frame["visit"]).drop(held).max()
    assert (pd.to_datetime(frame.loc[held, "visit"]) > cutoff).all()
    assert s.result["split"]["strategy"] == "time" and s.result["split"]["cv"] == "TimeSeriesSplit"
    assert "visit" not in s.result["features"]["categorical"]


def test_group_split_keeps_groups_apart(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("penguins")
    frame["nest"] = (np.arange(len(frame)) // 4).astype(str)
    s = quick_study(frame, "species", tmp_path / "g", settings, group="nest")
    held = set(pd.read_csv(s.out_dir / "holdout_predictions.csv")["row"])
    held_groups = set(frame.loc[list(held), "nest"])
    train_groups = set(frame.drop(index=list(held))["nest"])
    assert not held_groups & train_groups
    assert s.result["split"]["strategy"] == "grouped"
    groups = len(held_groups)
    # whole groups were drawn, so the interval resamples whole groups
    assert s.result["holdout"]["ci_method"].startswith(
        f"percentile bootstrap over the {groups} groups of the holdout's {len(held)} rows"
    )


def test_copies_of_a_row_land_together_and_count_as_one_draw(
    tmp_path: Path, settings: Settings
) -> None:
    frame = load_dataset("penguins").dropna().sample(60, random_state=0)
    copies = pd.concat([frame] * 5, ignore_index=True)  # every row five times
    s = quick_study(copies, "species", tmp_path / "c", settings)
    held = pd.read_csv(s.out_dir / "holdout_predictions.csv")["row"]
    distinct = copies.loc[held].drop_duplicates()
    # copies share their draw, so they fall on one side; only where the holdout's size cuts
    # through a set of copies (at most one set per class) do some fall on each side ...
    straddling = distinct.merge(copies.drop(index=held).drop_duplicates(), how="inner")
    assert len(straddling) <= copies["species"].nunique()
    # ... and the interval counts the distinct rows, not the 5 copies of each
    method = s.result["holdout"]["ci_method"]
    if s.result["holdout"]["score"] < 1:
        assert method.startswith(
            f"percentile bootstrap over the {len(distinct)} distinct rows of the holdout's "
            f"{len(held)} rows"
        )
    else:  # no error: the rule of three counts each set of copies once, too
        assert "each set of rows drawn together counted once (the rule of three)" in method


def test_drop_and_keep(tmp_path: Path, settings: Settings) -> None:
    r = quick_study(
        "titanic", "survived", tmp_path / "k", settings, drop=["age"], keep=["name"]
    ).result
    assert "age" in r["excluded_columns"] and "age" not in r["features"]["numeric"]
    assert "name" in [t["column"] for t in r["features"]["text"]]  # --keep keeps its kind
    assert "name" not in r["excluded_columns"]


def test_input_file_is_never_modified(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "penguins.csv"
    load_dataset("penguins").to_csv(path, index=False)
    before = path.read_bytes()
    quick_study(path, "species", tmp_path / "s", settings)
    assert path.read_bytes() == before


def test_input_frame_is_never_modified(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("penguins")
    frame.loc[0, "bill_length_mm"] = np.inf
    copy = frame.copy()
    s = quick_study(frame, "species", tmp_path / "s", settings)
    pd.testing.assert_frame_equal(frame, copy)
    assert (s.out_dir / "data.parquet").is_file()


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"target": "Species"}, ColumnNotFoundError, r"target 'Species'.*Did you mean 'species'\?"),
        ({"drop": ["islnd"]}, ColumnNotFoundError, r"The drop 'islnd'.*Did you mean 'island'"),
        ({"keep": ["x"]}, ColumnNotFoundError, r"The keep 'x' is not a column"),
        ({"group": "nest"}, ColumnNotFoundError, r"The group 'nest' is not a column"),
        ({"time": "when"}, ColumnNotFoundError, r"The time 'when' is not a column"),
        (
            {"task": "regression"},
            InvalidOptionError,
            r"'regression' needs a numeric target.*'Adelie'.*task='binary' or task='multiclass'",
        ),
        (
            {"task": "binary"},
            InvalidOptionError,
            r"'binary' needs a target with 2 values, but 'species' has 3.*task='multiclass'",
        ),
        (
            {"target": "sex", "task": "multiclass"},
            InvalidOptionError,
            r"'multiclass' needs a target with 3 or more values.*task='binary'",
        ),
        (
            {"metric": "r2"},
            InvalidOptionError,
            r"'r2' is a regression metric, but this study is multiclass",
        ),
        (
            {"time": "island"},
            InvalidOptionError,
            r"time='island' must hold dates or numbers.*such as 'Torgersen'.*pandas.to_datetime",
        ),
        (
            {"group": "island", "folds": 5},
            InvalidOptionError,
            r"group='island' has only 3 distinct value.*folds=",
        ),
        (
            # Only Dream has Chinstraps and only Biscoe Gentoos: either in the holdout
            # takes a whole class away from training.
            {"group": "island", "folds": 2},
            InvalidOptionError,
            r"holdout groups .* hold rows of class .* which no training row has",
        ),
    ],
)
def test_study_error_bad_input(
    tmp_path: Path, settings: Settings, options: dict[str, Any], error: type, match: str
) -> None:
    options = {"target": "species", **options}
    target = options.pop("target")
    with pytest.raises(error, match=match):
        quick_study("penguins", target, tmp_path / "s", settings, **options)
    assert not (tmp_path / "s" / "study.json").exists()


def test_study_error_too_few_rows(tmp_path: Path, settings: Settings) -> None:
    frame = load_dataset("iris").groupby("species").head(5)
    with pytest.raises(
        StudyError, match=r"15 rows with a target.*need at least 13 rows.*lower folds"
    ):
        quick_study(frame, "species", tmp_path / "s", settings, holdout=0.1)


def test_study_error_out_already_holds_a_study(tmp_path: Path, settings: Settings) -> None:
    quick_study("iris", "species", tmp_path / "s", settings)
    with pytest.raises(InvalidOptionError, match=r"already holds a study.*Choose another folder"):
        quick_study("iris", "species", tmp_path / "s", settings)


def test_study_error_positive_label_metric(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(
        InvalidOptionError, match=r"'f1' needs the positive class labelled 1.*f1_macro"
    ):
        quick_study("breast_cancer", "diagnosis", tmp_path / "s", settings, metric="f1")


def test_default_out_dir_is_under_studies_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIVEML_STUDIES_DIR", str(tmp_path / "studies"))
    s = study("iris", "species", budget=0.01)
    assert s.out_dir.parent == tmp_path / "studies"
    assert s.out_dir.name.startswith("iris-")
    assert s.result["id"] == s.out_dir.name


def test_ledger_database_is_the_settings_one(tmp_path: Path, settings: Settings) -> None:
    quick_study("iris", "species", tmp_path / "s", settings)
    with Database(settings.database_path) as db:
        (row,) = db.query("SELECT status, data_fingerprint FROM studies")
    assert row["status"] == "complete" and len(row["data_fingerprint"]) == 64


def _without_timings(result: dict[str, Any]) -> dict[str, Any]:
    result = json.loads(json.dumps(result))
    for key in ("id", "created_at", "timings"):
        result.pop(key)
    # skops writes object ids and zip times into the file, so its sha256 differs run to run.
    result["model"].pop("sha256")
    for rung in result["ladder"]:
        rung["fit_seconds"] = rung["predict_seconds"] = None
    return result


@pytest.mark.slow
def test_same_data_and_seed_give_the_same_study_json(tmp_path: Path) -> None:
    from diveml.config import resolve_settings

    results = []
    for run in ("one", "two"):
        home = tmp_path / run
        s = study(
            "penguins",
            "species",
            out=home / "study",
            settings=resolve_settings({"DIVEML_HOME": str(home), "DIVEML_OFFLINE": "1"}),
            folds=3,
            budget=600,
        )
        results.append(_without_timings(s.result))
    assert results[0] == results[1]


@pytest.mark.slow
def test_linear_is_chosen_when_boosting_is_no_better(tmp_path: Path, settings: Settings) -> None:
    r = study(
        "breast_cancer", "diagnosis", out=tmp_path / "b", settings=settings, budget=600
    ).result
    ladder = {rung["name"]: rung for rung in r["ladder"]}
    assert ladder["gradient_boosting"]["status"] == "ok"
    assert r["chosen"]["name"] == "linear"
    assert "not reliably better than linear model" in r["selection"]["explanation"] or (
        r["selection"]["best"] == "linear"
    )


@pytest.mark.slow
def test_boosting_is_chosen_when_it_is_clearly_better(tmp_path: Path, settings: Settings) -> None:
    # Real measurements (breast cancer cell nuclei), with a target that is a smooth,
    # non-monotonic sum over six of them: a line, a small tree and a forest that sees a few
    # columns per split all fall clearly short of gradient boosting.
    frame = load_dataset("breast_cancer").drop(columns="diagnosis")
    z = (frame - frame.mean()) / frame.std()
    frame["response"] = sum(np.sin(2 * z[c]) for c in frame.columns[:6])
    r = study(frame, "response", out=tmp_path / "x", settings=settings, budget=600).result
    assert r["selection"]["best"] == "gradient_boosting"
    assert r["chosen"]["name"] == "gradient_boosting"
    comparisons = {c["name"]: c for c in r["selection"]["comparisons"]}
    assert not comparisons["random_forest"]["indistinguishable"]
    assert all(s is not None and math.isfinite(s) for s in r["learning_curve"]["scores"])


def test_build_pipeline_preprocesses_inside(settings: Settings) -> None:
    pipeline = build_pipeline(RUNGS[1], "binary", ["a"], ["b"], seed=0)
    assert [name for name, _ in pipeline.steps] == ["preprocess", "model"]
    onehot = pipeline.named_steps["preprocess"].transformers[1][1].named_steps["onehot"]
    assert onehot.handle_unknown == "ignore" and onehot.min_frequency == 5


def test_a_sampled_final_fit_is_said_in_the_report(penguins_study: Study) -> None:
    # The decision itself is unit-tested in test_budget.py; here, that the report says it.
    import dataclasses

    from diveml.report import build_report
    from diveml.study._budget import sampling_note

    r = penguins_study.result_
    train = r.split.train_rows
    sampled = dataclasses.replace(
        r.sampling,
        final_fit_rows=100,
        note=sampling_note(train, train, train, 100, r.split.strategy),
    )
    assert "fitted on a stratified random sample of 100" in sampled.note
    assert "raise the budget" in sampled.note
    html = build_report(dataclasses.replace(r, sampling=sampled)).html()
    assert f"refit on 100 of the {train:,}" in html


def test_final_fit_uses_every_row_when_it_is_cheap(tmp_path: Path, settings: Settings) -> None:
    s = quick_study("titanic", "survived", tmp_path / "t", settings)
    assert s.result["sampling"]["final_fit_rows"] == s.result["split"]["train_rows"]
    assert "final model was fitted on all" in s.result["sampling"]["note"]


def test_categories_with_many_values_are_target_encoded(tmp_path: Path, settings: Settings) -> None:
    # 200 values of `shop`, each with its own effect: one-hot capped at 30 columns would
    # lose most of them; target encoding keeps them, and the notebook code shows it.
    rng = np.random.default_rng(0)
    n = 3000
    shop = rng.integers(0, 200, n)
    effect = rng.normal(size=200)
    frame = pd.DataFrame(
        {
            "shop": [f"s{i}" for i in shop],
            "colour": rng.choice(["red", "green", "blue"], n),
            "x": rng.normal(size=n),
        }
    )
    # whole numbers, like prices: scikit-learn alone would take them for 1,162 classes
    sales = 300 * effect[shop] + 100 * frame["x"] + rng.normal(scale=30, size=n)
    frame["sales"] = sales.round()
    s = quick_study(frame, "sales", tmp_path / "m", settings, budget=600)
    r = s.result
    assert r["features"]["target_encoded"] == ["shop"]
    assert (
        'TargetEncoder(target_type="continuous", cv=KFold(5, shuffle=True, random_state=0))'
        in (r["reproduce"]["pipeline_code"])
    )
    assert "many_valued_columns = ['shop']" in r["reproduce"]["pipeline_code"]
    linear = next(x for x in r["ladder"] if x["name"] == "linear")
    assert linear["cv_mean"] > 0.9  # one-hot capped at 30 values: 5-fold r2 0.25 here
    # the model file holds the encoder and loads back
    from diveml.study._model import load_model

    pipeline, _ = load_model(s.out_dir / "model.skops")
    assert len(pipeline.predict(frame.drop(columns="sales").head())) == 5
    assert "were target encoded rather than one-hot encoded: <code>shop</code>" in (
        s.report_path.read_text()
    )


def test_the_notebook_loads_its_table_from_its_own_folder(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder is moved and the original file deleted: the notebook's first cell must
    # still load the table, from the copy the study put beside it.
    source = tmp_path / "in" / "penguins.csv"
    source.parent.mkdir()
    load_dataset("penguins").to_csv(source, index=False)
    s = quick_study(source, "species", tmp_path / "study", settings)
    assert (s.out_dir / "data.csv").read_bytes() == source.read_bytes()
    moved = tmp_path / "sent" / "study"
    moved.parent.mkdir()
    s.out_dir.rename(moved)
    source.unlink()
    monkeypatch.chdir(moved)
    namespace: dict[str, Any] = {}
    exec(s.result["reproduce"]["load_code"], namespace)
    assert namespace["df"].shape == load_dataset("penguins").shape
