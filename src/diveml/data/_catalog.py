"""The dataset catalog: entries read from ``catalog.toml``."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any, Literal

from diveml.exceptions import DatasetError, DatasetNotFoundError

__all__ = ["DataFile", "Dataset", "catalog", "get_dataset"]

Task = Literal["binary", "multiclass", "regression", "images"]
_TASKS = ("binary", "multiclass", "regression", "images")
_LOADERS = ("sklearn", "palmerpenguins", "bokeh", "statsmodels", "skimage_lfw", "fetched")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REQUIRED = (
    "title",
    "description",
    "task",
    "target",
    "rows",
    "columns",
    "source",
    "licence",
    "loader",
)


@dataclasses.dataclass(frozen=True)
class DataFile:
    """One file of a fetched dataset: where it comes from and its published sha256."""

    name: str
    url: str
    sha256: str


@dataclasses.dataclass(frozen=True)
class Dataset:
    """One catalog entry."""

    name: str
    title: str
    description: str
    task: Task
    target: str
    rows: int
    columns: int
    source: str
    licence: str
    loader: str
    options: dict[str, Any] = dataclasses.field(default_factory=dict)
    files: tuple[DataFile, ...] = ()

    @property
    def fetched(self) -> bool:
        """True when the data is downloaded from its source rather than shipped by a package."""
        return self.loader == "fetched"

    @property
    def folder(self) -> str:
        """The folder name its files have under a data directory or the cache."""
        return str(self.options.get("folder", self.name))

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as plain data (for JSON output)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "task": self.task,
            "target": self.target,
            "rows": self.rows,
            "columns": self.columns,
            "source": self.source,
            "licence": self.licence,
            "fetched": self.fetched,
            "files": [dataclasses.asdict(f) for f in self.files],
        }


def _parse(name: str, table: dict[str, Any]) -> Dataset:
    missing = [k for k in _REQUIRED if k not in table]
    if missing:
        raise DatasetError(f"Catalog entry {name!r} lacks {', '.join(missing)}; fix catalog.toml.")
    if table["task"] not in _TASKS:
        raise DatasetError(
            f"Catalog entry {name!r} has task {table['task']!r}; use one of {_TASKS}."
        )
    if table["loader"] not in _LOADERS:
        raise DatasetError(
            f"Catalog entry {name!r} has loader {table['loader']!r}; use one of {_LOADERS}."
        )
    files = tuple(DataFile(**f) for f in table.get("files", ()))
    if "manifest" in table:
        files += _manifest_files(name, table)
    options = {k: v for k, v in table.items() if k not in _REQUIRED and k != "files"}
    fields = {k: table[k] for k in _REQUIRED}
    return Dataset(name=name, options=options, files=files, **fields)


def _manifest_files(name: str, table: dict[str, Any]) -> tuple[DataFile, ...]:
    """Read the files of an entry with too many to list in catalog.toml from its manifest.

    A manifest (``manifests/<file>``) has one line per file: its path under the dataset's
    folder, a tab, its sha256. Its URL is the entry's ``base_url`` followed by that path.
    """
    base_url = table.get("base_url")
    if not isinstance(base_url, str) or not base_url.startswith("https://"):
        raise DatasetError(
            f"Catalog entry {name!r} has a manifest but base_url {base_url!r}; give the "
            "https:// address its file paths are appended to, in catalog.toml."
        )
    manifest = str(table["manifest"])
    text = resources.files("diveml.data").joinpath("manifests", manifest).read_text("utf-8")
    files: list[DataFile] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        path = parts[0]
        unsafe = path.startswith("/") or ".." in path.split("/")
        if len(parts) != 2 or not _SHA256.match(parts[1]) or unsafe:
            raise DatasetError(
                f"Line {number} of manifest {manifest!r} (catalog entry {name!r}) is {line!r}; "
                "each line must be a relative path, a tab, and a 64-digit sha256."
            )
        files.append(DataFile(name=path, url=base_url + path, sha256=parts[1]))
    return tuple(files)


@cache
def catalog() -> dict[str, Dataset]:
    """Return every catalog entry by name, in the file's order."""
    text = resources.files("diveml.data").joinpath("catalog.toml").read_text(encoding="utf-8")
    return {name: _parse(name, table) for name, table in tomllib.loads(text).items()}


def get_dataset(name: str) -> Dataset:
    """Return the catalog entry called ``name``; a near miss gets a suggestion."""
    entries = catalog()
    if name in entries:
        return entries[name]
    raise DatasetNotFoundError(name, entries)
