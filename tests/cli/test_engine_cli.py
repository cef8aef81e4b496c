"""``diveml study --engine/--scheduler/--jobs``: the choices, and the messages when they fail."""

from __future__ import annotations

import builtins
import json
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from diveml.cli import app
from diveml.study import _dask
from tests.helpers import flat

pytestmark = pytest.mark.usefixtures("shared_data")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, flat(result.stderr)


def test_an_unknown_engine_names_the_choices(tmp_path: Path) -> None:
    code, _, stderr = run("study", "penguins", "--engine", "spark", "--out", str(tmp_path / "s"))
    assert code == 1
    assert "--engine spark is not an engine. Choose 'local' (this machine) or 'dask'" in stderr


def test_jobs_with_a_scheduler_is_refused(tmp_path: Path) -> None:
    code, _, stderr = run(
        "study", "penguins", "--scheduler", "tcp://127.0.0.1:1", "--jobs", "3",
        "--out", str(tmp_path / "s"),
    )  # fmt: skip
    assert code == 1
    assert "--jobs 3 sets the workers of a local Dask cluster" in stderr


def test_the_local_engine_chooses_its_processes_by_default_and_says_how(tmp_path: Path) -> None:
    out = tmp_path / "s"
    code, _, stderr = run("study", "penguins", "--budget", "1", "--out", str(out))
    assert code == 0, stderr
    engine = json.loads((out / "study.json").read_text())["engine"]
    # a small table stays in one process (neither worker processes nor threads pay there)
    assert engine["note"].startswith("jobs=auto: 1 process")


def test_jobs_that_is_not_a_number_or_auto_is_refused(tmp_path: Path) -> None:
    code, _, stderr = run("study", "penguins", "--jobs", "two", "--out", str(tmp_path / "s"))
    assert code == 1
    assert "--jobs two is not a number of processes. Give a whole number (--jobs 2)" in stderr
    assert not (tmp_path / "s").exists()


def test_engine_dask_without_dask_prints_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'", name="distributed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    code, _, stderr = run(
        "study", "penguins", "--engine", "dask", "--budget", "1", "--out", str(tmp_path / "s")
    )
    assert code == 1
    assert "Running a study on Dask (--engine dask) needs the package 'distributed'" in stderr
    assert "Install it with: pip install 'diveml[dask]'" in stderr


def test_no_scheduler_at_the_address_is_said_with_the_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(_dask, "CONNECT_TIMEOUT", 1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    code, _, stderr = run(
        "study", "penguins", "--scheduler", address, "--budget", "1", "--out", str(tmp_path / "s")
    )
    assert code == 1
    assert f"No Dask scheduler answered at {address} within 1 s" in stderr
    assert "or leave out --scheduler to run the study on a local cluster" in stderr
    assert "Traceback" not in stderr


def test_study_on_a_local_dask_cluster_finishes(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "s"
    code, _, stderr = run(
        "study", "penguins", "--engine", "dask", "--jobs", "2", "--budget", "1", "--out", str(out)
    )
    assert code == 0, stderr
    assert (out / "study.json").is_file()
