"""Step 10: write the study folder, every file through diveml's one atomic writer.

Each file goes through :func:`diveml.outputs.write_file` (the writer every command's
output uses): a temporary name in the same folder, then a rename over its target, so a
reader (or an interrupted study) never sees half a file, and a full or read-only disk is
reported as an :class:`~diveml.exceptions.OutputPathError` naming ``out``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diveml.outputs import write_file
from diveml.study._evaluate import Predictions
from diveml.study._reproduce import MAX_COPY_BYTES, data_copy_name
from diveml.study._result import ARTIFACTS, StudyResult

__all__ = ["atomic_write", "write_data_copy", "write_predictions", "write_result"]


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write one file of the study folder (``out``) atomically; see :func:`write_file`."""
    write_file(path, write, option="out")


def write_predictions(
    out_dir: Path, positions: np.ndarray, predictions: Predictions, task: str
) -> None:
    """Write each holdout row's prediction (and class probabilities), by row number."""
    table = pd.DataFrame(
        {"row": positions, "actual": predictions.y, "prediction": predictions.predicted}
    )
    if task != "regression":
        assert predictions.proba is not None and predictions.classes is not None
        for index, label in enumerate(predictions.classes):
            table[f"proba_{label}"] = predictions.proba[:, index]
    table = table.sort_values("row", kind="stable")
    atomic_write(out_dir / ARTIFACTS["holdout_predictions"], lambda p: table.to_csv(p, index=False))


def write_data_copy(out_dir: Path, data: Any, frame: pd.DataFrame) -> None:
    """Save the table beside the study, so the notebook runs from the folder alone.

    A DataFrame is saved as data.parquet; a table file of at most ``MAX_COPY_BYTES`` is
    copied as it is (``data.<suffix>``). A catalog dataset needs no copy.
    """
    if isinstance(data, (str, Path)):
        path = Path(data)
        if path.is_file() and path.stat().st_size <= MAX_COPY_BYTES:
            target = out_dir / data_copy_name(path)
            atomic_write(target, lambda p: shutil.copyfile(path, p))
        return
    if not isinstance(data, pd.DataFrame):
        return
    try:
        atomic_write(out_dir / "data.parquet", lambda p: frame.to_parquet(p, index=False))
    except (ValueError, TypeError, ImportError):
        pass  # the notebook then says the DataFrame must be supplied by hand
    except Exception as exc:  # pyarrow raises its own ArrowInvalid / ArrowTypeError
        if type(exc).__module__.split(".")[0] != "pyarrow":
            raise


def write_result(out_dir: Path, result: StudyResult) -> None:
    """Write study.json."""
    text = json.dumps(result.to_dict(), indent=2) + "\n"
    atomic_write(out_dir / ARTIFACTS["study_json"], lambda p: p.write_text(text, "utf-8"))
