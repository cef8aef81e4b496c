"""Fetched datasets: found in data dirs or the cache, verified, downloaded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from diveml.config import Settings, resolve_settings
from diveml.data import _fetch, dataset_info, fetch_dataset, is_available, load_dataset
from diveml.data._catalog import DataFile
from diveml.exceptions import ChecksumError, DatasetError, DatasetUnavailableError


def _no_data_dirs(tmp_path: Path, **overrides: object) -> Settings:
    return resolve_settings(home=str(tmp_path / "home"), data_dirs=[], **overrides)  # type: ignore[arg-type]


def test_offline_and_not_cached_says_how_to_get_the_file(tmp_path: Path) -> None:
    settings = _no_data_dirs(tmp_path, offline=True)
    with pytest.raises(
        DatasetUnavailableError,
        match=r"needs the file 'iris-data\.csv', which is not on this machine, and diveml is set to work offline\. "
        r"With internet access run `diveml data fetch iris_dirty`; or download https://\S+ yourself and put it at",
    ):
        load_dataset("iris_dirty", settings=settings)
    assert not is_available("iris_dirty", settings)


def test_download_lands_in_the_cache_and_is_reused(
    tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def fake_download(file: DataFile, target: Path) -> None:  # stands in for the network
        calls.append(file.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_data / "iris_dirty" / file.name, target)

    monkeypatch.setattr(_fetch, "_download", fake_download)
    settings = _no_data_dirs(tmp_path, offline=False)
    paths = fetch_dataset("iris_dirty", settings=settings)
    assert sorted(calls) == ["iris-data-clean.csv", "iris-data.csv"]
    assert all(p.parent == settings.cache_dir / "iris_dirty" for p in paths.values())
    assert load_dataset("iris_dirty", settings=settings).shape == (150, 5)
    assert len(calls) == 2  # the second use reads the cache


def test_failed_download_is_reported_not_raised_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(file: DataFile, target: Path) -> None:
        raise OSError("Network is unreachable")

    monkeypatch.setattr(_fetch, "_download", broken)
    with pytest.raises(
        DatasetUnavailableError,
        match=r"the download failed: Network is unreachable\. With internet access",
    ):
        fetch_dataset("titanic_kaggle", settings=_no_data_dirs(tmp_path, offline=False))


def test_damaged_file_is_named_with_the_fix(tmp_path: Path, shared_data: Path) -> None:
    folder = tmp_path / "data" / "titanic"
    folder.mkdir(parents=True)
    original = (shared_data / "titanic" / "train.csv").read_bytes()
    (folder / "train.csv").write_bytes(original[:-10])  # a truncated copy
    settings = resolve_settings(home=str(tmp_path / "home"), data_dirs=[str(tmp_path / "data")])
    with pytest.raises(
        ChecksumError,
        match=r"train\.csv' does not match its published checksum .* delete it and run `diveml data fetch` again",
    ):
        load_dataset("titanic_kaggle", settings=settings)


def test_fetch_of_a_shipped_dataset_explains_there_is_nothing_to_fetch(settings: Settings) -> None:
    with pytest.raises(
        DatasetError, match=r"'iris' ships inside an installed package .* nothing to fetch"
    ):
        fetch_dataset("iris", settings=settings)


def test_data_dir_files_match_the_provenance_checksums(
    settings: Settings, shared_data: Path
) -> None:
    for name in (
        "titanic_kaggle",
        "election_polls",
        "dga_domains",
        "sql_injection",
        "iris_dirty",
        "java_classes",
    ):
        assert is_available(name, settings), name
        assert dataset_info(name).fetched


def test_long_network_error_is_summarised_with_the_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(file: DataFile, target: Path) -> None:
        raise ConnectionError(
            "HTTPSConnectionPool(host='raw.githubusercontent.com', port=443): Max retries exceeded "
            * 2
        )

    monkeypatch.setattr(_fetch, "_download", unreachable)
    with pytest.raises(
        DatasetUnavailableError,
        match=r"the download from raw\.githubusercontent\.com failed \(ConnectionError; is this machine online\?\)",
    ) as info:
        fetch_dataset("titanic_kaggle", settings=_no_data_dirs(tmp_path, offline=False))
    assert "Max retries" not in str(info.value)
