"""Lessons on fetched data: offline and not cached, the first cell says what to run.

``require_data`` itself is tested in ``test_data.py``; this runs the real first cell of
every lesson that calls it, as a learner without the data would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diveml.exceptions import LessonDataError
from diveml.lessons import all_lessons, get_lesson
from diveml.lessons._source import read_source


def _lessons_needing_data() -> list[str]:
    return [
        lesson.id
        for lesson in all_lessons()
        if any("require_data(" in c.source for c in read_source(lesson) if c.kind == "code")
    ]


def test_the_play_to_learn_lessons_on_fetched_data_are_found() -> None:
    assert {"10-malicious-domains", "11-sql-injection", "12-java-class-files"} <= set(
        _lessons_needing_data()
    )


@pytest.mark.parametrize("lesson_id", _lessons_needing_data())
def test_offline_the_first_cell_names_the_command_to_run(
    lesson_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIVEML_DATA_DIRS", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("DIVEML_OFFLINE", "1")
    monkeypatch.chdir(tmp_path)
    first = next(c for c in read_source(get_lesson(lesson_id)) if c.kind == "code")
    assert "require_data(" in first.source, "require_data must be called in the first code cell"
    from diveml.data import dataset_info

    wanted = re.findall(r'"([a-z0-9_]+)"', re.findall(r"require_data\(([^)]*)\)", first.source)[0])
    fetched = [name for name in wanted if dataset_info(name).fetched]
    code = compile(first.source, f"<{lesson_id} first cell>", "exec")
    if not fetched:  # data shipped inside a package is always there: the cell just runs
        exec(code, {"__name__": "__main__"})
        return
    with pytest.raises(LessonDataError, match=rf"diveml data fetch {fetched[0]}"):
        exec(code, {"__name__": "__main__"})


def test_the_play_to_learn_lessons_follow_lesson_06_on_the_path() -> None:
    order = [lesson.id for lesson in all_lessons()]
    mine = ["10-malicious-domains", "11-sql-injection", "12-java-class-files"]
    positions = [order.index(i) for i in mine]
    assert positions == sorted(positions)
    assert order.index("06-a-first-full-workflow") < positions[0]
    later = [lesson.id for lesson in all_lessons() if lesson.path_position > 12]
    assert all(order.index(i) > positions[-1] for i in later)
