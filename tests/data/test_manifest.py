"""Datasets whose files are listed in a manifest (java_classes: 1,020 JSON files).

Every one of the files is verified against its own sha256, wherever it is found; one
tampered file is enough for the whole dataset to be refused, with that file named.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from diveml.config import resolve_settings
from diveml.data import _catalog, _fetch, dataset_info, fetch_dataset, is_available, load_dataset
from diveml.data._catalog import DataFile, _manifest_files
from diveml.exceptions import ChecksumError, DatasetError, DatasetUnavailableError

BASE = "https://raw.githubusercontent.com/ClickSecurity/data_hacking/"


def _copy_of_shared(shared_data: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data" / "java_classes"
    shutil.copytree(shared_data / "java_classes", target)
    return target


def test_manifest_lists_every_file_with_its_url_and_checksum() -> None:
    files = dataset_info("java_classes").files
    assert len(files) == 1020
    assert len({f.name for f in files}) == 1020
    assert sum(f.name.startswith("clean/") for f in files) == 500
    assert sum(f.name.startswith("malicious/") for f in files) == 520
    assert all(
        f.url == BASE + "cc828b5051f935aaafdeae0bc9de06e8f2f687db/"
        "java_classification/data/" + f.name
        for f in files
    )


def test_manifest_agrees_with_the_provenance_manifest(shared_data: Path) -> None:
    with (shared_data / "java_classes" / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        published = {row["file"]: row["sha256"] for row in csv.DictReader(handle, delimiter="\t")}
    ours = {f.name: f.sha256 for f in dataset_info("java_classes").files}
    assert ours == published


def test_loads_from_the_data_dirs_one_row_per_file(shared_data: Path) -> None:
    frame = load_dataset("java_classes")
    assert frame.shape == (1020, 25)
    assert frame["label"].value_counts().to_dict() == {"malicious": 520, "benign": 500}
    # Lists became text, nested objects were left out: every cell is a plain value.
    assert not frame.map(lambda v: isinstance(v, (list, dict))).any().any()
    assert frame["characteristics.java.const_pool_count"].dtype.kind == "i"


def test_a_tampered_file_is_refused_and_named(shared_data: Path, tmp_path: Path) -> None:
    folder = _copy_of_shared(shared_data, tmp_path)
    victim = sorted((folder / "malicious").glob("*.results"))[7]
    victim.write_bytes(victim.read_bytes().replace(b'"ACC_SUPER"', b'"ACC_PUBLIC"', 1))
    settings = resolve_settings(home=str(tmp_path / "home"), data_dirs=[str(tmp_path / "data")])
    with pytest.raises(
        ChecksumError,
        match=rf"The file '.*malicious/{victim.name}' does not match its published checksum "
        r"\(sha256 [0-9a-f]{12}\.\.\., expected [0-9a-f]{12}\.\.\.\)\. It is damaged or a "
        r"different version: delete it and run `diveml data fetch` again, or replace it with "
        rf"the file from https://raw\.githubusercontent\.com/\S+/malicious/{victim.name}",
    ):
        load_dataset("java_classes", settings=settings)
    assert (
        victim.read_bytes()
        != (shared_data / "java_classes" / "malicious" / victim.name).read_bytes()
    )


def test_a_missing_file_offline_says_how_to_fetch(shared_data: Path, tmp_path: Path) -> None:
    folder = _copy_of_shared(shared_data, tmp_path)
    gone = sorted((folder / "clean").glob("*.results"))[-1]
    gone.unlink()
    settings = resolve_settings(
        home=str(tmp_path / "home"), data_dirs=[str(tmp_path / "data")], offline=True
    )
    assert not is_available("java_classes", settings)
    with pytest.raises(
        DatasetUnavailableError,
        match=rf"needs the file 'clean/{gone.name}', which is not on this machine, and diveml "
        r"is set to work offline\. With internet access run `diveml data fetch java_classes`",
    ):
        fetch_dataset("java_classes", settings=settings)


def test_download_fetches_only_the_missing_file_and_verifies_it(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy_of_shared(shared_data, tmp_path)
    gone = sorted((folder / "clean").glob("*.results"))[0]
    gone.unlink()
    calls: list[str] = []

    def fake_download(file: DataFile, target: Path) -> None:  # stands in for the network
        calls.append(file.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_data / "java_classes" / file.name, target)

    monkeypatch.setattr(_fetch, "_download", fake_download)
    settings = resolve_settings(
        home=str(tmp_path / "home"), data_dirs=[str(tmp_path / "data")], offline=False
    )
    paths = fetch_dataset("java_classes", settings=settings)
    assert calls == [f"clean/{gone.name}"]
    assert paths[f"clean/{gone.name}"] == settings.cache_dir / "java_classes" / "clean" / gone.name
    assert len(paths) == 1020


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("clean/a.results", "a relative path, a tab, and a 64-digit sha256"),
        ("../escape.results\t" + "0" * 64, "a relative path"),
        ("/etc/passwd\t" + "0" * 64, "a relative path"),
        ("clean/a.results\tnot-a-hash", "64-digit sha256"),
    ],
)
def test_a_malformed_manifest_line_is_a_catalog_error(
    line: str, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    class _Text:
        def joinpath(self, *parts: str) -> _Text:
            return self

        def read_text(self, encoding: str) -> str:
            return f"# a comment\n{line}\n"

    monkeypatch.setattr(_catalog.resources, "files", lambda package: _Text())
    table = {"manifest": "broken.tsv", "base_url": "https://example.org/"}
    with pytest.raises(DatasetError, match=rf"Line 2 of manifest 'broken\.tsv' .*{problem}"):
        _manifest_files("broken", table)


def test_a_manifest_without_an_https_base_url_is_a_catalog_error() -> None:
    with pytest.raises(DatasetError, match=r"has a manifest but base_url None; give the https://"):
        _manifest_files("broken", {"manifest": "java_classes.tsv"})
