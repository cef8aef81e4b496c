"""Real datasets that work offline, and the cached fetchers for those no package ships.

Examples
--------
>>> from diveml.data import load_dataset
>>> penguins = load_dataset("penguins")
>>> penguins.shape
(344, 8)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from diveml.config import Settings, resolve_settings
from diveml.data._catalog import DataFile, Dataset, catalog, get_dataset
from diveml.data._fetch import candidate_paths, fetch_files, locate_file
from diveml.data._read import TABLE_SUFFIXES, read_table
from diveml.exceptions import DatasetError, InvalidOptionError
from diveml.outputs import check_file, write_file

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXPORT_FORMATS",
    "TABLE_SUFFIXES",
    "DataFile",
    "Dataset",
    "dataset_files",
    "dataset_info",
    "export_dataset",
    "fetch_dataset",
    "is_available",
    "list_datasets",
    "load_dataset",
    "read_table",
]

EXPORT_FORMATS = {
    ".csv": "CSV",
    ".tsv": "TSV",
    ".parquet": "Parquet",
    ".xlsx": "Excel",
    ".jsonl": "JSON lines",
}


def list_datasets() -> list[Dataset]:
    """Return every catalog entry, in catalog order."""
    return list(catalog().values())


def dataset_info(name: str) -> Dataset:
    """Return the catalog entry ``name`` (with a "did you mean" on a typo)."""
    return get_dataset(name)


def is_available(name: str, settings: Settings | None = None) -> bool:
    """Return True when ``name`` can be loaded without a download."""
    dataset = get_dataset(name)
    if not dataset.fetched:
        return True
    settings = settings or resolve_settings()
    return all(locate_file(dataset, f, settings) is not None for f in dataset.files)


def load_dataset(name: str, *, settings: Settings | None = None) -> pd.DataFrame:
    """Return the dataset ``name`` as a DataFrame, target column included.

    Fetched datasets are downloaded on first use into the cache under ``DIVEML_HOME``
    and verified by sha256; after that they load offline.
    """
    dataset = get_dataset(name)
    from diveml.data._loaders import build_frame

    return build_frame(dataset, settings or resolve_settings())


def fetch_dataset(name: str, *, settings: Settings | None = None) -> dict[str, Path]:
    """Download (if needed) and verify the files of a fetched dataset; return their paths."""
    dataset = get_dataset(name)
    if not dataset.fetched:
        raise DatasetError(
            f"The dataset {name!r} ships inside an installed package ({dataset.source}); "
            "there is nothing to fetch. Load it with `diveml data export` or load_dataset()."
        )
    return fetch_files(dataset, settings or resolve_settings())


def dataset_files(name: str, *, settings: Settings | None = None) -> dict[str, Path]:
    """Return the local paths of a fetched dataset's files (fetching them if needed)."""
    return fetch_dataset(name, settings=settings)


def export_dataset(
    name: str, path: str | Path, *, overwrite: bool = False, settings: Settings | None = None
) -> Path:
    """Write the dataset ``name`` to ``path``; the format follows the file's suffix.

    An existing file is never replaced unless ``overwrite`` is true. The path is checked
    (see :mod:`diveml.outputs`) before the dataset is loaded.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        allowed = ", ".join(EXPORT_FORMATS)
        raise InvalidOptionError(
            f"Cannot tell the format of {str(path)!r} from its suffix {suffix!r}. "
            f"Use a file name ending in one of: {allowed}."
        )
    settings = settings or resolve_settings()
    dataset = get_dataset(name)
    # A fetched dataset's own files (in the cache or a data folder) are inputs too:
    # exporting over one would break its checksum for every later study.
    inputs = [
        ("dataset file", place)
        for file in dataset.files
        for place in candidate_paths(dataset, file, settings)
    ]
    path = check_file(path, option="FILE", inputs=inputs, overwrite=overwrite)
    frame = load_dataset(name, settings=settings)
    writers: dict[str, Callable[[Path], object]] = {
        ".csv": lambda p: frame.to_csv(p, index=False),
        ".tsv": lambda p: frame.to_csv(p, index=False, sep="\t"),
        ".parquet": lambda p: frame.to_parquet(p, index=False),
        ".xlsx": lambda p: frame.to_excel(p, index=False, engine="openpyxl"),
        ".jsonl": lambda p: frame.to_json(p, orient="records", lines=True),
    }
    # Written beside the target and renamed, so an interrupted export never leaves half a file.
    write_file(path, writers[suffix], option="FILE")
    return path
