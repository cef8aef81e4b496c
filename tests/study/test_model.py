"""The model file: safe to load, refused when foreign or altered; predict checks columns."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diveml.config import Settings
from diveml.data import load_dataset
from diveml.exceptions import ColumnMismatchError, InvalidOptionError, ModelFileError
from diveml.study import Study, load_model, predict
from diveml.study._ladder import RUNGS, build_pipeline
from diveml.study._model import save_model

from .conftest import quick_study

pytestmark = pytest.mark.usefixtures("shared_data")


@pytest.fixture(scope="module")
def titanic_study(module_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Study:
    out = tmp_path_factory.mktemp("titanic") / "study"
    return quick_study("titanic", "survived", out, module_settings)


@pytest.fixture
def model_copy(titanic_study: Study, tmp_path: Path) -> Path:
    """The model file alone in a folder of its own (no study.json beside it)."""
    path = tmp_path / "model.skops"
    path.write_bytes((titanic_study.out_dir / "model.skops").read_bytes())
    return path


def test_predict_keeps_row_order_and_adds_probabilities(
    titanic_study: Study, tmp_path: Path
) -> None:
    frame = load_dataset("titanic").iloc[::-1].head(50)
    out = tmp_path / "predictions.csv"
    result = predict(titanic_study.out_dir / "model.skops", frame, out=out)
    written = pd.read_csv(out)
    assert list(written.columns) == ["prediction", "proba_0", "proba_1"]
    assert len(written) == 50
    np.testing.assert_allclose(written["proba_0"] + written["proba_1"], 1.0)
    X = frame.drop(columns=["survived"])  # the name is modelled as free text
    expected = titanic_study.pipeline_.predict_proba(X.assign(age=X["age"].astype(float)))[:, 1]
    np.testing.assert_allclose(result["proba_1"], expected)


def test_predict_agrees_with_holdout_predictions(titanic_study: Study) -> None:
    held = pd.read_csv(titanic_study.out_dir / "holdout_predictions.csv")
    frame = load_dataset("titanic").iloc[held["row"]]
    result = predict(titanic_study.out_dir / "model.skops", frame)
    np.testing.assert_allclose(result["proba_1"].to_numpy(), held["proba_1"].to_numpy())


def test_model_metadata(titanic_study: Study) -> None:
    _, meta = load_model(titanic_study.out_dir / "model.skops")
    assert meta["columns"] == titanic_study.result["model"]["columns"]
    assert meta["classes"] == [0, 1] and meta["task"] == "binary"
    assert set(meta["dtypes"]) == set(meta["columns"])


def test_predict_error_missing_columns_shows_a_diff(titanic_study: Study) -> None:
    frame = load_dataset("titanic").rename(columns={"age": "Age"})
    with pytest.raises(
        ColumnMismatchError,
        match=r"lacks 1 of the columns.*missing: \['age'\]; not used by the model: .*'Age'.*rename",
    ):
        predict(titanic_study.out_dir / "model.skops", frame)


def test_predict_error_text_in_a_numeric_column(titanic_study: Study) -> None:
    frame = load_dataset("titanic").head(5).astype({"age": object})
    frame.loc[2, "age"] = "about forty"
    with pytest.raises(ColumnMismatchError, match=r"'age' held numbers in training.*'about forty'"):
        predict(titanic_study.out_dir / "model.skops", frame)


def test_predict_accepts_numbers_written_as_text(titanic_study: Study) -> None:
    frame = load_dataset("titanic").head(5)
    as_text = frame.assign(age=frame["age"].astype(str).replace("nan", ""))
    np.testing.assert_allclose(
        predict(titanic_study.out_dir / "model.skops", as_text)["proba_1"],
        predict(titanic_study.out_dir / "model.skops", frame)["proba_1"],
    )


def test_predict_error_altered_payload(model_copy: Path) -> None:
    import skops.io

    outer = skops.io.load(model_copy, trusted=[])
    payload = bytearray(outer["payload"])
    payload[len(payload) // 2] ^= 0xFF
    outer["payload"] = bytes(payload)
    skops.io.dump(outer, model_copy)
    with pytest.raises(
        ModelFileError, match=r"was altered after it was saved.*run the study again"
    ):
        load_model(model_copy)


def test_predict_error_file_differs_from_study_json(titanic_study: Study, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "model.skops").write_bytes((titanic_study.out_dir / "model.skops").read_bytes())
    record = json.loads((titanic_study.out_dir / "study.json").read_text())
    record["model"]["sha256"] = "0" * 64
    (folder / "study.json").write_text(json.dumps(record))
    with pytest.raises(
        ModelFileError, match=r"does not have the sha256 recorded in the study.json"
    ):
        load_model(folder / "model.skops")


def test_predict_error_other_version(model_copy: Path) -> None:
    import skops.io

    outer = skops.io.load(model_copy, trusted=[])
    outer["diveml_version"] = "0.0.1"
    skops.io.dump(outer, model_copy)
    with pytest.raises(ModelFileError, match=r"made by diveml '0\.0\.1'.*diveml==0\.0\.1"):
        load_model(model_copy)


def test_predict_error_skops_file_that_is_not_diveml(tmp_path: Path) -> None:
    import skops.io

    path = tmp_path / "other.skops"
    skops.io.dump({"hello": [1, 2]}, path)
    with pytest.raises(ModelFileError, match=r"is a skops file but not a diveml model"):
        load_model(path)


def test_predict_error_untrusted_type_is_never_loaded(tmp_path: Path) -> None:
    import skops.io
    from sklearn.preprocessing import FunctionTransformer

    path = tmp_path / "evil.skops"
    # os.getcwd is harmless, but skops does not trust it; no such file may be loaded.
    skops.io.dump({"format": "diveml-model", "f": FunctionTransformer(os.getcwd)}, path)
    with pytest.raises(ModelFileError, match=r"asks to load types a diveml model never has"):
        load_model(path)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_predict_error_not_a_model_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.skops"
    path.write_bytes(content)
    with pytest.raises(
        ModelFileError,
        match=r"is damaged, was changed after it was saved, or is not a skops model file.*It was not loaded",
    ):
        load_model(path)


def test_predict_error_pickle_is_refused(tmp_path: Path) -> None:
    import pickle

    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ModelFileError, match=r"is not a skops model file"):
        load_model(path)
    assert not zipfile.is_zipfile(path)


def test_predict_error_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"does not exist.*diveml studies"):
        load_model(tmp_path / "nope.skops")


def test_predict_error_out_not_csv(titanic_study: Study, tmp_path: Path) -> None:
    with pytest.raises(InvalidOptionError, match=r"out=.* is not a \.csv file name"):
        predict(titanic_study.out_dir / "model.skops", "titanic", out=tmp_path / "p.xlsx")


@pytest.mark.slow  # several studies or fits: seconds each on two cores
@pytest.mark.parametrize("task", ["multiclass", "regression"])
def test_every_rung_saves_and_loads_with_trusted_types_only(tmp_path: Path, task: str) -> None:
    rng = np.random.default_rng(0)
    X = pd.DataFrame({"a": rng.normal(size=60), "b": rng.choice(["x", "y"], 60)})
    y = rng.normal(size=60) if task == "regression" else rng.choice(["p", "q", "r"], 60)
    for rung in RUNGS:
        pipeline = build_pipeline(rung, task, ["a"], ["b"], seed=0).fit(X, y)
        path = tmp_path / f"{rung.name}.skops"
        save_model(pipeline, path, {"task": task})
        loaded, meta = load_model(path)
        np.testing.assert_array_equal(loaded.predict(X), pipeline.predict(X))
        assert meta == {"task": task}


@pytest.mark.parametrize(
    ("meta", "message"),
    [("{not json", r"has metadata that is not JSON"), (["a", "list"], r"has no metadata")],
)
def test_predict_error_metadata_not_a_json_object(
    model_copy: Path, meta: object, message: str
) -> None:
    # The metadata is one JSON string (format 2): text that is not JSON, or no object at
    # all, is refused with the file named, never a raw json or KeyError.
    import skops.io

    outer = skops.io.load(model_copy, trusted=[])
    assert isinstance(outer["meta"], str) and json.loads(outer["meta"])["columns"]
    outer["meta"] = meta
    skops.io.dump(outer, model_copy)
    with pytest.raises(ModelFileError, match=message + r".*run the study again"):
        load_model(model_copy)
