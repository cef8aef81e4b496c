"""The Dask engine: the same study on a two-worker LocalCluster, and what a lost cluster says.

The parity test is the issue's proof: the same data, options and seed give the same chosen
model and the same numbers (every fold score, the curves, the holdout score and interval)
here and spread over Dask's worker processes.
"""

from __future__ import annotations

import builtins
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from diveml.config import Settings
from diveml.exceptions import ClusterError, MissingExtraError
from diveml.study import _dask, list_studies, study
from diveml.study._dask import DaskEngine

pytestmark = pytest.mark.usefixtures("shared_data")


def _numbers(result: dict[str, Any]) -> dict[str, Any]:
    """Everything a study computed, less what only measures time or names the run."""
    curve = dict(result["learning_curve"])
    return {
        "chosen": result["chosen"],
        "selection": result["selection"],
        "ladder": [
            {k: v for k, v in rung.items() if k not in ("fit_seconds", "predict_seconds")}
            for rung in result["ladder"]
        ],
        "learning_curve": curve,
        # times_scored counts the looks at this holdout: the second study is the second look
        "holdout": {k: v for k, v in result["holdout"].items() if k != "times_scored"},
        "sampling": result["sampling"],
        "split": result["split"],
    }


def test_a_study_on_a_two_worker_local_cluster_gives_the_local_numbers(
    tmp_path: Path, settings: Settings
) -> None:
    pytest.importorskip("distributed")
    options: dict[str, Any] = {"folds": 3, "budget": 60, "settings": settings}
    here = study("penguins", "species", out=tmp_path / "local", **options)
    with DaskEngine(workers=2) as engine:
        there = study("penguins", "species", out=tmp_path / "dask", engine=engine, **options)
        assert engine.describe() == {"name": "dask", "workers": 2, "address": None}
    assert [r["status"] for r in here.result["ladder"]] == ["ok"] * 5  # every rung ran
    assert _numbers(there.result) == _numbers(here.result)
    assert there.result["holdout"]["times_scored"] == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_scheduler_at_the_address_names_it_and_leaves_the_study_incomplete(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(_dask, "CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    with (
        pytest.raises(
            ClusterError, match=rf"No Dask scheduler answered at {address} .*dask worker {address}"
        ) as caught,
        DaskEngine(address) as engine,
    ):
        study("penguins", "species", out=tmp_path / "s", settings=settings, engine=engine, budget=1)
    assert caught.value.address == address
    assert "leave out scheduler" in str(caught.value)  # the Python spelling of the option
    [entry] = list_studies(settings)
    assert entry["status"] == "incomplete"
    assert not (tmp_path / "s" / "study.json").exists()


class _DyingFinalFit(DaskEngine):
    """A cluster whose worker process dies (exits) while fitting the final model."""

    def fit(self, pipeline: Any, X: Any, y: Any) -> Any:
        def die(X: Any, y: Any, pipeline: Any) -> Any:
            os._exit(3)  # the worker process ends at once, as a crash or an OOM kill

        return self.map(die, (X, y), [(pipeline,)])[0]


def test_a_worker_dying_mid_study_is_a_clear_error_and_nothing_is_lost(
    tmp_path: Path, settings: Settings
) -> None:
    pytest.importorskip("distributed")
    import dask

    before = study("penguins", "species", out=tmp_path / "before", settings=settings, budget=1)
    # Dask retries a job whose worker died on another worker; here none survives it.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        pytest.raises(
            ClusterError,
            match=r"A worker of the Dask cluster at tcp://127\.0\.0\.1:\d+ died while fitting",
        ) as caught,
        _DyingFinalFit(workers=1) as engine,
    ):
        study("penguins", "species", out=tmp_path / "s", settings=settings, engine=engine, budget=1)
    assert "the ledger keeps it as incomplete" in str(caught.value)
    entries = {e["id"]: e["status"] for e in list_studies(settings)}
    assert entries[before.result["id"]] == "complete"  # the earlier study is untouched
    assert sorted(entries.values()) == ["complete", "incomplete"]
    assert (tmp_path / "before" / "study.json").is_file()


def test_without_dask_the_engine_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'", name="distributed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(MissingExtraError, match=r"Install it with: pip install 'diveml\[dask\]'"):
        DaskEngine().start()
