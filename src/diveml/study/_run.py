"""What a running study carries from step to step: progress, the clock and stage timings.

The clock only measures (``timings`` in study.json); no decision reads it, which is why
it can be injected: a test runs the same study under a fast and a slow clock and checks
that only the timings differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["STAGES", "Clock", "Progress", "Run"]

Progress = Callable[[str, str], None]
Clock = Callable[[], float]

# The protocol's stages, in order: the names progress reports and timings record.
STAGES = (
    "read",
    "audit",
    "split",
    "ladder",
    "select",
    "learning curve",
    "final fit",
    "holdout",
    "diagnostics",
    "artifacts",
    "report",
)


class Run:
    """One study's run: it tells ``progress`` what is happening and times each stage."""

    def __init__(self, progress: Progress | None = None, clock: Clock = time.perf_counter):
        self._progress = progress
        self._clock = clock
        self._started = clock()
        self.stages: dict[str, float] = {}

    def say(self, stage: str, detail: str) -> None:
        """Tell the caller's progress callback what the study is doing."""
        if self._progress is not None:
            self._progress(stage, detail)

    @contextmanager
    def stage(self, name: str, detail: str = "") -> Iterator[None]:
        """Time one stage (its own duration, not the time since the start)."""
        assert name in STAGES, name
        self.say(name, detail)
        began = self._clock()
        try:
            yield
        finally:
            self.stages[name] = round(self.stages.get(name, 0.0) + self._clock() - began, 3)

    def elapsed(self) -> float:
        """Seconds since the run began (for the timings, never for a decision)."""
        return round(self._clock() - self._started, 3)
