"""Fixtures for study tests: quick studies (tiny budget) and one full study shared per module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from diveml.config import Settings, resolve_settings
from diveml.study import Study, study

# A budget this small skips every rung after the linear model: the protocol still runs end
# to end (holdout, curve, bootstrap, diagnostics, artifacts, ledger) in a couple of seconds.
QUICK = 0.01


def quick_study(data: Any, target: str, out: Path, settings: Settings, **options: Any) -> Study:
    """Run a study with the tiny budget unless the test sets another."""
    options.setdefault("budget", QUICK)
    return study(data, target, out=out, settings=settings, **options)


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp("study-home")
    env = {
        "DIVEML_HOME": str(home),
        "DIVEML_OFFLINE": "1",
        "DIVEML_CONFIG": str(home / "no-config.toml"),
        "DIVEML_DATA_DIRS": os.environ.get("DIVEML_DATA_DIRS", ""),
    }
    return resolve_settings(env)


@pytest.fixture(scope="module")
def penguins_study(module_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Study:
    """A full study (every rung) of the penguins, shared by the tests of a module."""
    out = tmp_path_factory.mktemp("penguins") / "study"
    return study("penguins", "species", out=out, settings=module_settings, folds=3, budget=60)
