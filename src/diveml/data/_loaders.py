"""Build a pandas DataFrame for each kind of catalog entry.

Each loader turns one source's native form into one table whose target column has the
catalog's name and, for classification, readable labels (``setosa``, not ``0``): learners
read these tables, so names beat codes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from diveml.config import Settings
from diveml.data._catalog import Dataset
from diveml.data._fetch import fetch_files

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["build_frame"]


def _pixel_names(height: int, width: int) -> list[str]:
    return [f"pixel_{r}_{c}" for r in range(height) for c in range(width)]


def _sklearn(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    import sklearn.datasets

    bunch = getattr(sklearn.datasets, dataset.options["function"])(as_frame=True)
    frame = bunch.frame.copy()
    if dataset.name == "digits":
        frame.columns = [*_pixel_names(8, 8), "target"]
    target = frame.pop("target")
    names = getattr(bunch, "target_names", None)
    if dataset.task in {"binary", "multiclass"} and names is not None and dataset.name != "digits":
        target = target.map(dict(enumerate(str(n) for n in names)))
    frame[dataset.target] = target
    return frame


def _palmerpenguins(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    import palmerpenguins

    return palmerpenguins.load_penguins()


def _bokeh(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    module = importlib.import_module(f"bokeh_sampledata.{dataset.options['module']}")
    return module.data.copy()


def _statsmodels(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    module = importlib.import_module(f"statsmodels.datasets.{dataset.options['module']}")
    frame = module.load_pandas().data.copy()
    target = dataset.target
    if dataset.task == "binary" and frame[target].dropna().isin([0, 1]).all():
        frame[target] = frame[target].astype(int)
    return frame


def _skimage_lfw(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    from skimage import data

    images = data.lfw_subset()
    count, height, width = images.shape
    frame = pd.DataFrame(images.reshape(count, -1), columns=_pixel_names(height, width))
    # scikit-image documents the subset as the 100 faces followed by 100 non-faces.
    frame[dataset.target] = np.where(np.arange(count) < count // 2, "face", "non-face")
    return frame


def _fetched(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    import pandas as pd

    paths = fetch_files(dataset, settings)
    builder = dataset.options["builder"]
    if builder == "csv":
        return pd.read_csv(
            paths[dataset.options["main_file"]], na_values=dataset.options.get("na_values")
        )
    if builder == "dga":
        return _dga_frame(paths)
    if builder == "sql_injection":
        return _sql_frame(paths)
    if builder == "java_classes":
        return _java_frame(paths)
    raise AssertionError(f"unknown builder {builder!r} in catalog.toml")  # a catalog bug


def _dga_frame(paths: dict[str, Path]) -> pd.DataFrame:
    import pandas as pd

    alexa = pd.read_csv(paths["alexa_100k.csv"], names=["rank", "domain"], header=None)
    dga = pd.read_csv(paths["dga_domains.txt"], names=["domain"], header=None)
    dga["domain"] = dga["domain"].str.strip().str.lower()
    return pd.concat(
        [alexa[["domain"]].assign(**{"class": "legit"}), dga.assign(**{"class": "dga"})],
        ignore_index=True,
    )


def _sql_frame(paths: dict[str, Path]) -> pd.DataFrame:
    import pandas as pd

    rows: list[tuple[str, str]] = []
    for name in sorted(paths):
        text = paths[name].read_text(encoding="utf-8", errors="replace")
        label = "legit" if name == "legit.txt" else "malicious"
        rows += [(line, label) for line in text.splitlines() if line.strip()]
    return pd.DataFrame(rows, columns=["raw_sql", "type"])


def _java_frame(paths: dict[str, Path]) -> pd.DataFrame:
    """One row per class file: its JSON fields flattened, lists as space-separated text.

    Nested objects deeper than ``section.java.field`` (the string analysis, whose keys are
    strings found in the class, not field names) are left out: as columns they would be
    hundreds of near-empty ones named after code. Lesson 12 reads the JSON itself.
    """
    import json

    import pandas as pd

    names = sorted(paths)
    documents = [json.loads(paths[name].read_text(encoding="utf-8")) for name in names]
    frame = pd.json_normalize(documents, max_level=2)
    nested = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, dict)).any()]
    frame = frame.drop(columns=nested)
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list)).any():
            frame[column] = frame[column].map(
                lambda v: " ".join(map(str, v)) if isinstance(v, list) else v
            )
    frame.insert(0, "file", names)
    frame["label"] = ["benign" if name.startswith("clean/") else "malicious" for name in names]
    return frame


_BUILDERS: dict[str, Callable[[Dataset, Settings], pd.DataFrame]] = {
    "sklearn": _sklearn,
    "palmerpenguins": _palmerpenguins,
    "bokeh": _bokeh,
    "statsmodels": _statsmodels,
    "skimage_lfw": _skimage_lfw,
    "fetched": _fetched,
}


def build_frame(dataset: Dataset, settings: Settings) -> pd.DataFrame:
    """Return the dataset as one DataFrame, target column included."""
    return _BUILDERS[dataset.loader](dataset, settings)
