"""The model file (skops, never a bare pickle) and applying it to new rows.

File layout: a skops file holding a plain dict of builtins only::

    {"format": "diveml-model", "format_version": 1, "diveml_version": "...",
     "meta": "<JSON text: columns, types, classes, task, target, study id...>",
     "payload": <bytes: skops file of the fitted Pipeline>, "payload_sha256": "..."}

Loading checks, in order, before any estimator is rebuilt: the outer file holds builtins
only (nothing to trust), it says it is a diveml model of this diveml version, and the
payload's sha256 matches the one recorded at save time (an edited or damaged model is
refused). The payload is then loaded trusting only the types in :data:`TRUSTED_TYPES`, a
fixed list in this file, never the types the file itself asks for. The sha256 of the whole
file is also written to study.json; when that file sits beside the model, it is checked too.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypedDict, Unpack

import numpy as np
import pandas as pd

from diveml import __version__
from diveml.exceptions import ColumnMismatchError, DataReadError, InvalidOptionError, ModelFileError
from diveml.outputs import check_file, write_file
from diveml.study import _skops

__all__ = ["FORMAT", "TRUSTED_TYPES", "file_sha256", "load_model", "predict", "save_model"]

FORMAT = "diveml-model"
# 2: the metadata is one JSON string, not a dict. skops writes every list item and dict
# entry of a dict as an object of its own schema, so the metadata of a 3,000-column table
# (columns, types, the training profile) cost 0.8 CPU-s to write; one string costs nothing.
FORMAT_VERSION = 2
# The only types beyond the default trust (builtins, numpy arrays and, inside
# _skops.diveml_trust(), the scikit-learn classes in _skops.PIPELINE_CLASSES) that the
# ladder's pipelines contain.
TRUSTED_TYPES = (
    "numpy.dtype",
    "sklearn.tree._tree.Tree",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
    "sklearn._loss.link.IdentityLink",
    "sklearn._loss.link.LogitLink",
    "sklearn._loss.link.MultinomialLogit",
    "sklearn._loss.loss.HalfBinomialLoss",
    "sklearn._loss.loss.HalfMultinomialLoss",
    "sklearn._loss.loss.HalfSquaredError",
    "sklearn._loss.link.Interval",
    # the target encoder keeps the splitter of its internal cross-fitting
    "sklearn.model_selection._split.KFold",
    "sklearn.model_selection._split.StratifiedKFold",
    # the date branch's FunctionTransformer calls this diveml function (our own code)
    "diveml.study._features.calendar_features",
    # gradient boosting with native categories keeps a preprocessor that calls
    # scikit-learn's check_array through functools.partial; skops checks the wrapped
    # function against this list (plus numpy's and scipy's ufuncs), and _check_partials
    # refuses, before anything is loaded, a partial that wraps anything but check_array
    "functools.partial",
    "sklearn.utils.validation.check_array",
)


def file_sha256(path: Path) -> str:
    """Return the sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(pipeline: Any, path: Path, meta: dict[str, Any]) -> str:
    """Write ``pipeline`` and ``meta`` to ``path`` atomically; return the file's sha256."""
    skops_io = _skops.skops_io()
    payload = skops_io.dumps(pipeline)
    with _skops.diveml_trust(_skops.schema_type_names(_skops.read_schema(payload))):
        untrusted = set(skops_io.get_untrusted_types(data=payload)) - set(TRUSTED_TYPES)
    if untrusted:  # a new scikit-learn release added a type: a diveml bug, not the user's
        raise AssertionError(f"the model holds types diveml does not trust: {sorted(untrusted)}")
    outer = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "diveml_version": __version__,
        "meta": json.dumps(meta),
        "payload": payload,
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    write_file(path, lambda temporary: skops_io.dump(outer, temporary), option="out")
    return file_sha256(path)


def _refuse(path: Path, why: str) -> ModelFileError:
    return ModelFileError(
        f"The file {str(path)!r} {why} It was not loaded. Use the model.skops that "
        "`diveml study` wrote, or run the study again to make a new one."
    )


def load_model(path: str | Path) -> tuple[Any, dict[str, Any]]:
    """Return (fitted pipeline, metadata) from a diveml model file, after every check."""
    return _load_model(Path(path), _skops.skops_io())


def _load_model(path: Path, skops_io: Any) -> tuple[Any, dict[str, Any]]:
    if not path.is_file():
        raise ModelFileError(
            f"The model file {str(path)!r} does not exist. Pass the model.skops in a study's "
            "folder (`diveml studies` lists them)."
        )
    # Read once: the checks, the sha256 and the load all look at these bytes, so the file
    # cannot change between the check and the load.
    data = path.read_bytes()
    try:
        with _skops.diveml_trust():
            untrusted = skops_io.get_untrusted_types(data=data) if data else []
            if untrusted:
                raise _refuse(path, f"asks to load types a diveml model never has ({untrusted}).")
            outer = skops_io.loads(data, trusted=[])
    except ModelFileError:
        raise
    except Exception as exc:  # skops raises many kinds on a file that is not its format
        raise _refuse(
            path,
            "is damaged, was changed after it was saved, or is not a skops model file "
            f"({type(exc).__name__}: {exc}).",
        ) from exc
    if not isinstance(outer, dict) or outer.get("format") != FORMAT:
        raise _refuse(path, "is a skops file but not a diveml model.")
    if outer.get("diveml_version") != __version__:
        raise ModelFileError(
            f"The model file {str(path)!r} was made by diveml {outer.get('diveml_version')!r}; "
            f"this is diveml {__version__!r}, and models are only loaded by the version that "
            "made them. Run the study again with this version, or install "
            f"diveml=={outer.get('diveml_version')} to use it."
        )
    payload = outer.get("payload")
    if not isinstance(payload, bytes) or hashlib.sha256(payload).hexdigest() != outer.get(
        "payload_sha256"
    ):
        raise _refuse(path, "was altered after it was saved (its sha256 does not match).")
    sidecar = path.with_name("study.json")
    if sidecar.is_file():
        try:
            recorded = json.loads(sidecar.read_text(encoding="utf-8")).get("model", {})
        except (ValueError, OSError):
            recorded = {}
        expected = recorded.get("sha256") if isinstance(recorded, dict) else None
        if (
            expected
            and recorded.get("file") == path.name
            and expected != hashlib.sha256(data).hexdigest()
        ):
            raise _refuse(
                path,
                "does not have the sha256 recorded in the study.json beside it; it was "
                "altered or replaced.",
            )
    try:
        schema = _skops.read_schema(payload)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refuse(path, f"has a damaged model inside ({type(exc).__name__}: {exc}).") from exc
    _check_partials(path, schema)
    # Only the scikit-learn modules of the classes this file names are imported (a linear
    # model does not import sklearn.ensemble), and only diveml's own classes are trusted.
    with _skops.diveml_trust(_skops.schema_type_names(schema)):
        untrusted_inner = set(skops_io.get_untrusted_types(data=payload)) - set(TRUSTED_TYPES)
        if untrusted_inner:
            raise _refuse(path, f"holds types diveml does not trust ({sorted(untrusted_inner)}).")
        pipeline = skops_io.loads(payload, trusted=list(TRUSTED_TYPES))
    return pipeline, _meta(path, outer.get("meta"))


# What a functools.partial in a diveml model may wrap: scikit-learn's check_array (kept by
# histogram gradient boosting with native categories), nothing else.
PARTIAL_WRAPS = "sklearn.utils.validation.check_array"


def _partials(node: Any) -> Iterator[dict[str, Any]]:
    """Every node of a skops schema that is a functools.partial, however it is loaded."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("__module__") == "functools" and item.get("__class__") == "partial":
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _check_partials(path: Path, schema: Any) -> None:
    """Refuse a payload whose functools.partial wraps anything but :data:`PARTIAL_WRAPS`.

    skops checks a partial's function against the trusted list too, but it also trusts
    numpy's and scipy's ufuncs by default, and a trusted partial is trusted everywhere in
    the file; diveml's models hold one kind of partial only, so nothing else is let through,
    whatever a later change adds to :data:`TRUSTED_TYPES`. Read from the schema, before
    any object is built.
    """
    for node in _partials(schema):
        content = node.get("content")
        func = content.get("func") if isinstance(content, dict) else None
        wrapped = (
            f"{func.get('__module__')}.{func.get('__class__')}"
            if isinstance(func, dict)
            else repr(func)
        )
        loads_as_function = isinstance(func, dict) and func.get("__loader__") == "FunctionNode"
        if (
            node.get("__loader__") != "PartialNode"
            or not loads_as_function
            or (wrapped != PARTIAL_WRAPS)
        ):
            raise _refuse(
                path,
                f"holds a functools.partial that wraps {wrapped}; a diveml model wraps only "
                "scikit-learn's check_array that way.",
            )


def _meta(path: Path, meta: Any) -> dict[str, Any]:
    """The metadata of the model file: JSON text (format 2) or a dict (format 1)."""
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except ValueError as exc:
            raise _refuse(path, f"has metadata that is not JSON ({exc}).") from exc
    if not isinstance(meta, dict):
        raise _refuse(path, "has no metadata (the columns and task it was trained on).")
    return dict(meta)


def _column_diff(expected: list[str], given: list[str]) -> str:
    missing = [c for c in expected if c not in given]
    extra = [c for c in given if c not in expected]
    return f"missing: {missing!r}; not used by the model: {extra!r}"


def check_columns(frame: pd.DataFrame, meta: dict[str, Any], source: str) -> pd.DataFrame:
    """Return the model's input columns from ``frame``, converted as in training."""
    from diveml.study._features import as_dates, as_text_feature
    from diveml.study._split import as_number, as_text

    numeric: list[str] = meta["numeric"]
    text: list[str] = meta.get("text", [])
    dates: list[str] = meta.get("dates", [])
    expected = [c for c in meta["columns"]]
    given = [str(c) for c in frame.columns]
    missing = [c for c in expected if c not in given]
    if missing:
        raise ColumnMismatchError(
            f"The data {source!r} lacks {len(missing)} of the columns the model was trained on: "
            f"{_column_diff(expected, given)}. Add the missing columns (they may be empty), "
            "or rename them to match."
        )
    # Columns are gathered in a dict and joined once (not inserted one by one, which
    # makes pandas warn about fragmentation on a wide table).
    built: dict[str, pd.Series] = {}
    for column in expected:
        series = frame[column]
        if column in numeric:
            if not (pd.api.types.is_numeric_dtype(series) or series.isna().all()):
                converted = pd.to_numeric(series, errors="coerce")
                bad = series[converted.isna() & series.notna()]
                if len(bad):
                    raise ColumnMismatchError(
                        f"The column {column!r} held numbers in training, but in {source!r} it "
                        f"has text such as {bad.iloc[0]!r}. Fix those values, or leave them "
                        "empty."
                    )
                series = converted
            built[column] = as_number(series)
        elif column in text:
            built[column] = as_text_feature(series)
        elif column in dates:
            built[column] = as_dates(series)
        else:
            built[column] = as_text(series)
    X = pd.DataFrame(built, index=frame.index)
    return X


class TextReading(TypedDict, total=False):
    """How to read a text table: :func:`diveml.data.read_table`'s options of that name."""

    sep: str | None
    decimal: str | None
    thousands: str | None
    encoding: str | None


def predict(
    model_path: str | Path,
    data: Any,
    *,
    out: str | Path | None = None,
    table: str | None = None,
    sql: str | None = None,
    settings: Any = None,
    ids: Sequence[str] = (),
    **text: Unpack[TextReading],
) -> pd.DataFrame:
    """Apply a saved diveml model to new rows; return (and optionally write) the predictions.

    The result has the input's rows in their order: the ``ids`` columns first (copied from
    the data, so the predictions can be joined back), a ``prediction`` column and, for a
    classifier, one ``proba_<class>`` column per class. What the model never saw in
    training (a category, a number far outside the training range) is named in
    ``result.attrs["novelties"]`` and, row by row, in an ``unseen`` column. ``sep``,
    ``decimal``, ``thousands`` and ``encoding`` say how to read a text table
    (:func:`diveml.data.read_table`).
    """
    unknown = sorted(set(text) - set(TextReading.__annotations__))
    if unknown:  # as Python words it for a keyword a function does not take
        raise TypeError(f"predict() got an unexpected keyword argument {unknown[0]!r}")
    from diveml.data import read_table
    from diveml.study._novelty import find_novelties, novelty_column
    from diveml.study._submission import check_ids

    if out is not None:
        # Checked before the model is loaded or a row is read: a bad ``out`` costs nothing,
        # and predictions never replace the rows (or the model) they came from.
        inputs: list[tuple[str, str | Path]] = [("MODEL", model_path)]
        if isinstance(data, (str, Path)):
            inputs.append(("DATA", data))
        out = check_file(out, option="out", inputs=inputs)
        if out.suffix.lower() != ".csv" and not (out.exists() and not out.is_file()):
            raise InvalidOptionError(
                f"«out={str(out)!r}» is not a .csv file name. Pass e.g. «out='predictions.csv'»."
            )
    pipeline, meta = load_model(model_path)
    frame, name = read_table(
        data,
        table=table,
        sql=sql,
        settings=settings,
        **text,
    )
    if len(frame) == 0:
        raise DataReadError(f"The data {name!r} has no rows to predict. Pass a table with rows.")
    check_ids(frame, list(ids), name)
    X = check_columns(frame, meta, name)
    result = frame[list(ids)].reset_index(drop=True).copy()
    result["prediction"] = pipeline.predict(X)
    if meta["task"] != "regression":
        proba = pipeline.predict_proba(X)
        for index, label in enumerate(pipeline.classes_):
            result[f"proba_{label}"] = proba[:, index]
    novelties = find_novelties(X, meta)
    flags = novelty_column(X, novelties)
    if flags is not None:
        result["unseen"] = flags.to_numpy()
    result.index = np.arange(len(result))
    result.attrs["novelties"] = [n.to_dict() for n in novelties]
    if out is not None:
        write_file(out, lambda path: result.to_csv(path, index=False), option="out")
    return result
