"""Shared fixtures: every test runs with its own DIVEML_HOME, offline."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from diveml.config import Settings, resolve_settings

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def shared_data_dir() -> Path | None:
    """Return the folder of real data files (../shared/data), or None when absent."""
    configured = os.environ.get("DIVEML_DATA_DIRS", "").split(os.pathsep)[0]
    for candidate in (Path(configured) if configured else None, _SHARED):
        if candidate is not None and candidate.is_dir():
            return candidate
    return None


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point DIVEML_HOME at a fresh folder and forbid downloads, for every test."""
    home = tmp_path_factory.mktemp("diveml-home")
    monkeypatch.setenv("DIVEML_HOME", str(home))
    monkeypatch.setenv("DIVEML_OFFLINE", "1")
    monkeypatch.setenv("DIVEML_CONFIG", str(home / "no-config.toml"))
    shared = shared_data_dir()
    if shared is not None:
        monkeypatch.setenv("DIVEML_DATA_DIRS", str(shared))
    else:
        monkeypatch.delenv("DIVEML_DATA_DIRS", raising=False)
    return home


# Folders whose study.json is broken on purpose (to test the errors) have this in their name.
NOT_A_STUDY = "not-a-study"


@pytest.fixture(scope="session", autouse=True)
def _every_study_json_matches_the_schema(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """After the tests, check every study.json they wrote against the published JSON Schema.

    The schema is generated from the types (``diveml schema study``); checking the files
    with jsonschema, an implementation independent of the one that generated it, catches a
    producer, a schema or a type that drifted from the other two.
    """
    yield
    import jsonschema

    from diveml.study import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())
    problems = []
    for path in sorted(tmp_path_factory.getbasetemp().rglob("study.json")):
        if NOT_A_STUDY in str(path):
            continue
        for error in validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))):
            problems.append(f"{path}: {error.json_path}: {error.message[:200]}")
    assert not problems, "study.json files that do not match the schema:\n" + "\n".join(
        problems[:20]
    )


@pytest.fixture
def settings(_isolated_home: Path) -> Settings:
    """Settings resolved from the isolated test environment."""
    return resolve_settings()


@pytest.fixture
def shared_data() -> Path:
    """The real data files; skips the test when ../shared/data is not beside the checkout."""
    folder = shared_data_dir()
    if folder is None:
        pytest.skip("../shared/data is not beside this checkout")
    return folder
