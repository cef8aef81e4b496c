"""A cluster started with Dask's own commands, as a user would: ``dask scheduler`` and
``dask worker`` in other processes. A study runs on it from the command line, then its
scheduler dies in the middle of a study, and what the user reads is one clear error.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from diveml.cli import app
from diveml.config import Settings
from diveml.exceptions import ClusterError
from diveml.study import list_studies, study
from diveml.study._dask import DaskEngine
from tests.helpers import flat
from tests.study.test_dask import _free_port

pytestmark = [pytest.mark.usefixtures("shared_data"), pytest.mark.slow]


def _dask_command(*args: str) -> subprocess.Popen[bytes]:
    dask = Path(sys.executable).with_name("dask")
    return subprocess.Popen(
        [str(dask), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.fixture
def shell_cluster() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A scheduler and one single-threaded worker, each its own ``dask`` process."""
    pytest.importorskip("distributed")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = _dask_command("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")
    worker = _dask_command(
        "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard"
    )
    try:
        import distributed

        deadline = time.monotonic() + 120
        while True:  # the scheduler takes a few seconds to listen, the worker to join
            try:
                with distributed.Client(address, timeout=5) as client:
                    client.wait_for_workers(1, timeout=max(1.0, deadline - time.monotonic()))
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address, scheduler
    finally:
        for process in (worker, scheduler):
            process.kill()
            process.wait(timeout=30)


class _SchedulerDiesMidStudy(DaskEngine):
    """The cluster's scheduler is killed once the ladder's first batch of fits is back."""

    def __init__(self, address: str, scheduler: subprocess.Popen[bytes]) -> None:
        super().__init__(address)
        self._process = scheduler
        self._calls = 0

    def map(
        self, function: Callable[..., Any], shared: Sequence[Any], jobs: Sequence[tuple[Any, ...]]
    ) -> list[Any]:
        self._calls += 1
        if self._calls == 2:
            self._process.kill()
            self._process.wait(timeout=30)
        return super().map(function, shared, jobs)


def test_a_study_runs_on_a_shell_started_cluster_and_a_lost_scheduler_is_one_clear_error(
    tmp_path: Path,
    settings: Settings,
    shell_cluster: tuple[str, subprocess.Popen[bytes]],
    capfd: pytest.CaptureFixture[str],
) -> None:
    address, scheduler = shell_cluster
    out = tmp_path / "on-the-cluster"
    ran = CliRunner().invoke(
        app,
        ["study", "penguins", "--scheduler", address, "--budget", "1", "--out", str(out)],
        env={"COLUMNS": "200"},
    )
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    engine = json.loads((out / "study.json").read_text())["engine"]
    assert (engine["name"], engine["workers"], engine["address"]) == ("dask", 1, address)

    [(earlier, status)] = [(e["id"], e["status"]) for e in list_studies(settings)]
    assert status == "complete"
    capfd.readouterr()
    with (
        pytest.raises(ClusterError) as caught,
        _SchedulerDiesMidStudy(address, scheduler) as dying,
    ):
        study("penguins", "species", out=tmp_path / "s", settings=settings, engine=dying, budget=1)
    message = flat(str(caught.value))
    assert f"The connection to the Dask scheduler at {address} was lost while fitting" in message
    assert "the ledger keeps it as incomplete" in message
    assert caught.value.address == address
    # Dask's own reconnect tracebacks stay off the terminal: the error above says it all.
    printed = capfd.readouterr()
    assert "Traceback" not in printed.err and "distributed.client" not in printed.err
    entries = {e["id"]: e["status"] for e in list_studies(settings)}
    assert entries[earlier] == "complete"  # the study before it is untouched
    assert sorted(entries.values()) == ["complete", "incomplete"]
    assert (out / "study.json").is_file()
    assert not (tmp_path / "s" / "study.json").exists()
