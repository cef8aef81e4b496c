"""The Dask engine: the study's fits spread over the workers of a Dask cluster.

The jobs are those of every :class:`~diveml.study._engine.FoldEngine` (a fold of a rung, a
point of a learning curve, a final fit), submitted with ``distributed`` futures and
gathered in the order they were made, so the numbers never depend on which worker ran
what, or when. The table is sent to the cluster once per call (``scatter``) and the jobs
name it by its future.

``DaskEngine()`` starts a :class:`distributed.LocalCluster` on this machine (worker
processes, one thread each) and closes it with the engine; ``DaskEngine("tcp://HOST:PORT")``
uses a cluster already running there (``dask scheduler`` and ``dask worker``). Dask is an
extra (``pip install 'diveml[dask]'``), imported only when an engine starts.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from diveml.exceptions import ClusterError, InvalidOptionError, MissingExtraError, option
from diveml.study._engine import FoldEngine

__all__ = ["CONNECT_TIMEOUT", "DaskEngine", "import_distributed"]

# Seconds to wait for a scheduler to answer before saying that none is there.
CONNECT_TIMEOUT = 10
# A LocalCluster's workers by default: the cores of this machine, at most 4 (one thread each).
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))


def import_distributed() -> Any:
    """Return the ``distributed`` module, or say how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError(
            exc.name or "distributed",
            "dask",
            f"Running a study on Dask ({option('engine', 'dask')})",
        ) from None
    return distributed


class DaskEngine(FoldEngine):
    """Runs the study's fits on a Dask cluster: a local one, or the one at ``scheduler``.

    It starts (the local cluster, or the connection) on its first fit, and stops with
    :meth:`close` or at the end of a ``with`` block.
    """

    reads_in_parallel = True
    """A big table is read in parts on the cluster (``_bigtable.py``)."""

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None) -> None:
        if scheduler is not None and not scheduler.strip():
            raise InvalidOptionError(
                "«scheduler=''» is empty. Give the scheduler's address, such as "
                "tcp://127.0.0.1:8786, or leave it out to start a local cluster.",
                option="scheduler",
                value=scheduler,
            )
        if workers is not None and workers < 1:
            raise InvalidOptionError(
                f"«workers={workers!r}» must be 1 or more (the local cluster's worker processes).",
                option="workers",
                value=workers,
            )
        self.scheduler = scheduler
        self.workers = workers or DEFAULT_WORKERS
        self._client: Any = None
        self._cluster: Any = None
        self._scattered: list[tuple[Any, Any]] = []
        self._quiet: contextlib.ExitStack | None = None

    # -- the cluster's life ---------------------------------------------------------------

    @property
    def address(self) -> str:
        """The scheduler's address (a local cluster's once it has started)."""
        if self._cluster is not None:
            return str(self._cluster.scheduler_address)
        return self.scheduler or "a local cluster"

    def start(self) -> DaskEngine:
        """Start the local cluster, or connect to the scheduler; return the engine."""
        if self._client is not None:
            return self
        distributed = import_distributed()
        self._quiet = self._quiet or _quiet_logs()
        if self.scheduler is None:
            self._cluster = distributed.LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = distributed.Client(self._cluster)
            return self
        try:
            self._client = distributed.Client(self.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"No Dask scheduler answered at {self.scheduler} within {CONNECT_TIMEOUT} s "
                f"({_reason(exc)}). Start one there with `dask scheduler` and at least one "
                f"`dask worker {self.scheduler}`, check the address (tcp://HOST:PORT), or "
                "leave out «scheduler» to run the study on a local cluster.",
                address=self.scheduler,
            ) from None
        return self

    def close(self) -> None:
        """Disconnect, and shut the local cluster down if this engine started it."""
        self._scattered.clear()
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        # A cluster that already went away cannot be closed cleanly; there is nothing
        # left to free then, so its errors are not the user's concern.
        for thing in (client, cluster):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()
        quiet, self._quiet = self._quiet, None
        if quiet is not None:
            quiet.close()

    def __enter__(self) -> DaskEngine:
        # Started by the first fit, inside the study: a cluster that cannot be reached
        # then leaves the study in the ledger as incomplete, as any failure mid-study.
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def describe(self) -> dict[str, Any]:
        """The engine, for study.json: where the fits ran and on how many workers."""
        workers = None
        if self._client is not None:
            try:
                workers = len(self._client.scheduler_info().get("workers", {}))
            except Exception:  # a lost scheduler: say nothing rather than guess
                workers = None
        return {
            "name": "dask",
            "workers": workers,
            "address": self.scheduler,  # None: a LocalCluster this engine started
        }

    # -- the jobs -------------------------------------------------------------------------

    def _share(self, thing: Any) -> Any:
        """Send a table to the cluster once; later calls with the same object reuse it."""
        for known, future in self._scattered:
            if known is thing:
                return future
        future = self._client.scatter(thing, broadcast=False, hash=False)
        self._scattered.append((thing, future))
        del self._scattered[:-4]  # the ladder's rows, the curve's, the final fit's
        return future

    def map(
        self, function: Callable[..., Any], shared: Sequence[Any], jobs: Sequence[tuple[Any, ...]]
    ) -> list[Any]:
        self.start()
        distributed = import_distributed()
        from distributed.comm.core import CommClosedError
        from distributed.scheduler import KilledWorker

        try:
            handles = [self._share(s) if _large(s) else s for s in shared]
            futures = [self._client.submit(function, *handles, *job, pure=False) for job in jobs]
            # gather returns the results in the order of the futures, whatever the order
            # in which the workers finished them.
            return list(self._client.gather(futures))
        except KilledWorker as exc:
            raise ClusterError(
                f"A worker of the Dask cluster at {self.address} died while fitting "
                f"({_reason(exc)}), and so did the workers Dask retried the fit on. The "
                "study stopped; the ledger keeps it as incomplete and every earlier study "
                "is untouched. Check the workers' logs and memory (a worker that runs out "
                "of memory is killed), give them more, or run with «engine='local'».",
                address=self.address,
            ) from None
        except (
            CommClosedError,
            OSError,
            TimeoutError,
            distributed.TimeoutError,
            asyncio.CancelledError,
            concurrent.futures.CancelledError,
        ) as exc:
            raise ClusterError(
                f"The connection to the Dask scheduler at {self.address} was lost while "
                f"fitting ({_reason(exc)}). The study stopped; the ledger keeps it as "
                "incomplete and every earlier study is untouched. Check that the scheduler "
                "and its workers are still running, then run the study again.",
                address=self.address,
            ) from None


# Loggers of Dask that print to the terminal while a cluster or connection is open.
_DASK_LOGGERS = ("distributed", "tornado", "asyncio")


def _quiet_logs() -> contextlib.ExitStack:
    """Keep Dask's own log lines (tracebacks of reconnect attempts) off the user's terminal.

    A lost scheduler makes ``distributed.client`` log ERROR tracebacks of its reconnect
    loop; the study already raises a :class:`ClusterError` that says what happened and
    what to do, so those lines would only bury it. The levels come back on :meth:`close`.
    """
    stack = contextlib.ExitStack()
    # Dask sets levels on child loggers too (``distributed.client``), so each is quieted.
    names = [
        name
        for name in list(logging.root.manager.loggerDict)
        if name.split(".")[0] in _DASK_LOGGERS
    ]
    for name in sorted({*_DASK_LOGGERS, *names}):
        logger = logging.getLogger(name)
        stack.callback(logger.setLevel, logger.level)
        logger.setLevel(logging.CRITICAL)
    return stack


def _large(thing: Any) -> bool:
    """Tables are sent once and named by their future; small things travel with each job."""
    import pandas as pd

    return isinstance(thing, pd.DataFrame | pd.Series)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
