"""Where the study gets ``read_table`` and ``audit`` (the study-audit helper's work).

TEMPORARY: falls back to :mod:`._standin` until ``diveml.data.read_table`` and
``diveml.audit`` exist; then this module shrinks to two imports.
"""

from __future__ import annotations

try:
    from diveml.data import read_table  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # pragma: no cover - until the study-audit branch is merged
    from diveml.study._standin import read_table

try:
    from diveml.audit import audit  # type: ignore[attr-defined,import-not-found,unused-ignore]
except ImportError:  # pragma: no cover
    from diveml.study._standin import audit

__all__ = ["audit", "read_table"]
