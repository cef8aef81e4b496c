"""`export_dataset` writes readable files and never overwrites by accident."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diveml.config import Settings
from diveml.data import export_dataset
from diveml.exceptions import InvalidOptionError

READERS = {
    ".csv": pd.read_csv,
    ".tsv": lambda p: pd.read_csv(p, sep="\t"),
    ".parquet": pd.read_parquet,
    ".xlsx": pd.read_excel,
    ".jsonl": lambda p: pd.read_json(p, lines=True),
}


@pytest.mark.parametrize("suffix", list(READERS))
def test_export_round_trips_every_format(tmp_path: Path, suffix: str, settings: Settings) -> None:
    path = export_dataset("penguins", tmp_path / f"penguins{suffix}", settings=settings)
    frame = READERS[suffix](path)
    assert frame.shape == (344, 8)
    assert not list(tmp_path.glob(".*partial"))


def test_export_refuses_to_overwrite_and_keeps_the_file(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("precious")
    with pytest.raises(InvalidOptionError, match=r"already exists and was left as it is.*--force"):
        export_dataset("iris", path, settings=settings)
    assert path.read_text() == "precious"
    export_dataset("iris", path, overwrite=True, settings=settings)
    assert len(pd.read_csv(path)) == 150


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "iris.txt",
            r"Cannot tell the format of .* suffix '\.txt'\. Use a file name ending in one of: \.csv",
        ),
        (
            "missing/iris.csv",
            r"Cannot write FILE .*iris\.csv': the folder .*missing' does not exist\. Create",
        ),
    ],
)
def test_export_bad_paths_are_explained(
    tmp_path: Path, name: str, message: str, settings: Settings
) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        export_dataset("iris", tmp_path / name, settings=settings)
