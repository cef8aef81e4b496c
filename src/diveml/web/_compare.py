"""Compare two studies and keep only what differs (MLflow users asked for exactly this)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

__all__ = ["Comparison", "compare", "flatten"]

# Parts of study.json that always differ or are too long to compare as values: the code a
# study writes out, file paths, and the rows behind its plots.
_SKIP = (
    "reproduce",
    "artifacts",
    "diagnostics.worst_rows",
    "diagnostics.segments",
    "learning_curve.train_scores",
    "id",
    "created_at",
)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "—" if math.isnan(value) else f"{value:.4g}"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(_show(v) for v in value) if value else "(none)"
    return str(value)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts to ``a.b.c`` keys; lists of named dicts are keyed by name."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(v, dict) and "name" in v for v in value)
    ):
        for item in value:
            named = {k: v for k, v in item.items() if k != "name"}
            out.update(flatten(named, f"{prefix}.{item['name']}"))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{i}]"))
    else:
        out[prefix] = value
    return out


@dataclasses.dataclass(frozen=True)
class Comparison:
    """The differing fields of two studies, and how many were equal or hidden."""

    rows: list[tuple[str, str, str]]
    equal: int
    timing: int
    missing_result: list[str]


# What a reader compares first: what went in (options, data), then what came out.
_FIRST = (
    "settings",
    "seed",
    "data",
    "target",
    "task",
    "metric",
    "split",
    "ledger",
    "chosen",
    "holdout",
    "selection",
    "ladder",
    "learning_curve",
)


def _order(key: str) -> tuple[int, str]:
    head = key.split(".")[0].split("[")[0]
    return (_FIRST.index(head) if head in _FIRST else len(_FIRST), key)


def _skipped(key: str) -> bool:
    return any(key == s or key.startswith(f"{s}.") or key.startswith(f"{s}[") for s in _SKIP)


def compare(a: dict[str, Any], b: dict[str, Any]) -> Comparison:
    """Compare two ``get_study`` records (ledger row plus ``result``), field by field."""
    flat: list[dict[str, str]] = []
    missing = []
    timing_keys: set[str] = set()
    for record in (a, b):
        result = record.get("result")
        if not isinstance(result, dict):
            missing.append(str(record.get("id")))
            result = {}
        ledger = {
            f"ledger.{k}": v
            for k, v in record.items()
            if k not in {"result", "id", "created_at", "finished_at", "out_dir"}
        }
        fields = {}
        for key, value in {**ledger, **flatten(result)}.items():
            if _skipped(key):
                continue
            if "seconds" in key or key.startswith("timings"):  # times: counted, not shown
                timing_keys.add(key)
                continue
            fields[key] = _show(value)
        flat.append(fields)
    keys = sorted(set(flat[0]) | set(flat[1]), key=_order)
    rows = []
    equal = 0
    for key in keys:
        left, right = flat[0].get(key, "(absent)"), flat[1].get(key, "(absent)")
        if left == right:
            equal += 1
        else:
            rows.append((key, left, right))
    return Comparison(rows, equal, len(timing_keys), missing)
