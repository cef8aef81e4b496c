"""Every catalog entry loads, with the shape and target the catalog promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.config import Settings
from diveml.data import dataset_info, list_datasets, load_dataset
from diveml.exceptions import DatasetNotFoundError

SHIPPED = [d.name for d in list_datasets() if not d.fetched]
FETCHED = [d.name for d in list_datasets() if d.fetched]


def test_catalog_has_the_datasets_the_product_promises() -> None:
    names = {d.name for d in list_datasets()}
    required = {
        "iris",
        "digits",
        "wine",
        "breast_cancer",
        "diabetes",
        "penguins",
        "titanic",
        "lfw_faces",
        "titanic_kaggle",
        "election_polls",
        "dga_domains",
        "sql_injection",
        "iris_dirty",
        "java_classes",
    }
    assert required <= names
    assert sum(d.loader == "statsmodels" for d in list_datasets()) >= 3


@pytest.mark.parametrize("name", [d.name for d in list_datasets()])
def test_catalog_entry_is_complete(name: str) -> None:
    entry = dataset_info(name)
    for field in (entry.title, entry.description, entry.source, entry.licence, entry.target):
        assert field.strip()
    if entry.fetched:
        assert entry.files and all(
            len(f.sha256) == 64 and f.url.startswith("https://") for f in entry.files
        )


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_dataset_loads_offline_with_catalog_shape(name: str, settings: Settings) -> None:
    entry = dataset_info(name)
    frame = load_dataset(name, settings=settings)
    assert frame.shape == (entry.rows, entry.columns)
    assert entry.target in frame.columns


@pytest.mark.parametrize("name", FETCHED)
def test_fetched_dataset_loads_from_the_data_dirs(
    name: str, settings: Settings, shared_data: Path
) -> None:
    entry = dataset_info(name)
    frame = load_dataset(name, settings=settings)
    assert frame.shape == (entry.rows, entry.columns)
    assert entry.target in frame.columns


def test_classification_targets_have_readable_labels(settings: Settings) -> None:
    assert set(load_dataset("iris", settings=settings)["species"]) == {
        "setosa",
        "versicolor",
        "virginica",
    }
    assert set(load_dataset("breast_cancer", settings=settings)["diagnosis"]) == {
        "malignant",
        "benign",
    }


def test_titanic_has_the_columns_a_newcomer_expects(settings: Settings) -> None:
    frame = load_dataset("titanic", settings=settings)
    assert list(frame.columns) == ["name", "class", "age", "sex", "survived"]


def test_lfw_faces_has_both_classes_in_equal_numbers(settings: Settings) -> None:
    counts = load_dataset("lfw_faces", settings=settings)["is_face"].value_counts()
    assert counts.to_dict() == {"face": 100, "non-face": 100}


def test_unknown_dataset_suggests_the_nearest_name() -> None:
    with pytest.raises(
        DatasetNotFoundError,
        match=r"no dataset called 'pengiuns'\. Did you mean 'penguins'\? Run `diveml data list`",
    ):
        load_dataset("pengiuns")
