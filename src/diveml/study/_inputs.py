"""Where the study gets ``read_table`` and ``audit`` (kept as one seam for tests)."""

from __future__ import annotations

from diveml.audit import audit
from diveml.data import read_table

__all__ = ["audit", "read_table"]
