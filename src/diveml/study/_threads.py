"""Fits on a few threads of this process, each warning kept with the fit that raised it.

Starting worker processes costs a small table more than its fits take (each re-imports
scikit-learn, about 2.5 CPU-s), but the costly parts of scikit-learn's fits (tree building,
histogram gradient boosting, the linear solvers) release the GIL, so two threads of this
process already use two cores, with nothing to start and nothing to send.

Two things are process-wide that a fit expects to be its own, and :func:`thread_map`
takes care of both:

- **OpenMP threads.** ``threadpool_limits(1)`` in the study's thread sets the limit of that
  thread only (libgomp keeps it per thread); a new thread would start with every core, so
  two gradient-boosting fits would run four OpenMP threads on two cores, and a sum split
  over a different number of threads can round differently. Each worker thread limits
  itself to one OpenMP thread before its first fit: the same single-threaded fits as in
  the study's own thread.
- **Warnings.** ``warnings.catch_warnings`` changes the module's global state, so two
  threads that each enter it interleave their filters and lose each other's records. While
  a :func:`thread_map` runs, the study's thread holds one ``catch_warnings`` for all of
  them, and :func:`caught_warnings` (what a job uses instead of ``catch_warnings``) only
  names the list of the job running in its thread; every warning goes to that list, so a
  job records exactly what it would have recorded alone.

The results come back in the order the jobs were given, whatever order they finished in.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

__all__ = ["caught_warnings", "thread_map"]

_job = threading.local()  # .log: the running job's warnings (None: ignore them)
_routing = threading.Event()  # set while a thread_map's catch_warnings is in place
_map_lock = threading.Lock()  # one thread_map at a time: the routing is process-wide


@contextlib.contextmanager
def caught_warnings(action: Literal["always", "ignore"]) -> Iterator[list[Any]]:
    """``catch_warnings(record=True)`` with ``simplefilter(action)``, safe in a worker thread.

    Yields the list the warnings raised inside go to (empty with ``"ignore"``). Outside a
    :func:`thread_map`, it is exactly ``catch_warnings``; inside one, it touches no global
    state.
    """
    if not _routing.is_set():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter(action)
            yield caught
        return
    mine: list[Any] = []
    _job.log = mine if action == "always" else None
    try:
        yield mine
    finally:
        _job.log = None


def _route(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """``warnings.showwarning`` during a thread_map: to the running job's list, or nowhere."""
    log = getattr(_job, "log", None)
    if log is not None:
        log.append(warnings.WarningMessage(message, category, filename, lineno, file, line))


def _one_openmp_thread() -> None:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped,unused-ignore]

    # Not a context: the limit stays for the worker thread's life (it ends with the map).
    threadpool_limits(1, user_api="openmp")


def thread_map(
    function: Callable[..., Any],
    shared: Sequence[Any],
    jobs: Sequence[tuple[Any, ...]],
    threads: int,
) -> list[Any]:
    """``[function(*shared, *job) for job in jobs]``, run on ``threads`` worker threads.

    An exception in a job is raised here, as the plain loop would raise it.
    """
    with _map_lock, warnings.catch_warnings():
        # Every filter decision is left to the jobs' caught_warnings (a warning outside a
        # job, in a thread of someone else's, is dropped for the map's short life).
        warnings.simplefilter("always")
        warnings.showwarning = _route
        _routing.set()
        try:
            with ThreadPoolExecutor(threads, initializer=_one_openmp_thread) as pool:
                futures = [pool.submit(function, *shared, *job) for job in jobs]
                return [future.result() for future in futures]
        finally:
            _routing.clear()
