"""`diveml.doctor()` checks the environment and proposes fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from diveml.config import Settings, resolve_settings
from diveml.doctor import _check_package, doctor


def test_doctor_passes_in_the_test_environment(settings: Settings) -> None:
    checks = doctor(settings, kernel=False)
    failed = [c for c in checks if not c.ok]
    assert failed == []
    assert {"Python", "pandas", "scikit-learn", "DIVEML_HOME", "State database", "Data cache"} <= {
        c.name for c in checks
    }


@pytest.mark.slow
def test_doctor_starts_a_real_jupyter_kernel(settings: Settings) -> None:
    kernel = next(c for c in doctor(settings, kernel=True) if c.name == "Jupyter kernel")
    assert kernel.ok, kernel.detail


def test_missing_package_gets_an_install_line() -> None:
    check = _check_package("surely-not-installed-pkg", "1.0", "testing")
    assert not check.ok
    assert check.fix == "pip install 'surely-not-installed-pkg>=1.0'"


def test_corrupt_database_fails_its_check_with_a_fix(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "diveml.sqlite").write_bytes(b"garbage" * 500)
    checks = {c.name: c for c in doctor(resolve_settings(home=str(home)), kernel=False)}
    assert not checks["State database"].ok
    assert "Move aside" in checks["State database"].fix
