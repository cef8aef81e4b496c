"""A diveml home with real studies in it, shared by the dashboard's tests.

Two real studies of one CSV file whose name and column names are hostile HTML, with the
same seed (so the second scores the same holdout: two holdout looks) and different folds
(so a comparison has something to show). They take ~30 s together, so they are made once
per session; every test here is in the xdist group "web" so one worker makes them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from diveml.config import Settings

HOSTILE_COLUMN = "<script>alert('column')</script>"
HOSTILE_FILE = "<img src=x onerror=alert(2)>.csv"
HOSTILE_NOTEBOOK = "00-how-this-works-<img src=x onerror=alert(1)>.ipynb"


@dataclasses.dataclass(frozen=True)
class Home:
    """Where the shared state lives, and the two studies' ids."""

    settings: Settings
    env: dict[str, str]
    first: str
    second: str
    outside: Path  # a folder no page may serve from


@pytest.fixture(scope="session")
def web_home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    from sklearn.datasets import load_iris

    import diveml
    from diveml.lessons import get_lesson
    from diveml.lessons._progress import record_check, record_hint
    from diveml.lessons._workspace import copy_lesson

    root = tmp_path_factory.mktemp("web-home")
    settings = Settings(
        home=root / "home", studies_dir=root / "studies", workspace=root / "workspace"
    )
    frame = load_iris(as_frame=True).frame.rename(columns={"petal width (cm)": HOSTILE_COLUMN})
    data = root / "data" / HOSTILE_FILE
    data.parent.mkdir()
    frame.to_csv(data, index=False)
    first = diveml.study(str(data), "target", seed=0, budget=30, settings=settings)
    second = diveml.study(str(data), "target", seed=0, folds=3, budget=30, settings=settings)
    # Some progress on the path: one exercise of lesson 0 solved, one of lesson 1 tried
    # with a hint (names from the registry, so renaming an exercise cannot break this).
    zero, one = get_lesson(0), get_lesson(1)
    record_check(zero.id, next(iter(zero.exercises)), "correct", settings)
    tried = list(one.exercises)[1]
    record_check(one.id, tried, "incorrect", settings)
    record_hint(one.id, tried, 1, settings)
    copy_lesson("00-how-this-works", settings=settings)
    (settings.workspace / HOSTILE_NOTEBOOK).write_text("{}", encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE", encoding="utf-8")
    env = {
        "DIVEML_HOME": str(settings.home),
        "DIVEML_STUDIES_DIR": str(settings.studies_dir),
        "DIVEML_WORKSPACE": str(settings.workspace),
    }
    return Home(settings, env, first.result["id"], second.result["id"], outside)
