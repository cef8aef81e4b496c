"""The path `diveml learn` shows follows the guide's order, not the ids' order."""

from __future__ import annotations

import re

from diveml.lessons import Lesson, all_lessons

# The guide: get your feet wet, play to learn (Olson's iris, then the other notebooks),
# Domingos' lessons, pandas. Later lessons may be added anywhere; these keep their order.
GUIDE_ORDER = [
    "00-how-this-works",
    "01-get-your-feet-wet",
    "02-what-is-a-model",
    "06-a-first-full-workflow",
    "07-eigenfaces",
    "08-titanic-competition",
    "09-election-forecasting",
    "05-generalization",
    "13-three-choices",
    "14-overfitting-faces",
    "15-high-dimensions",
    "16-feature-engineering-and-more-data",
    "17-many-models-simplicity-causation",
    "03-pandas-1",
    "04-pandas-ii",
    "18-a-bridge-to-deep-learning",
]


def test_the_path_lists_the_lessons_in_the_guides_order() -> None:
    ids = [lesson.id for lesson in all_lessons()]
    assert [i for i in ids if i in GUIDE_ORDER] == GUIDE_ORDER


def test_the_play_to_learn_lessons_come_before_domingos_lessons() -> None:
    ids = [lesson.id for lesson in all_lessons()]
    play = [i for i in ids if 6 <= int(i[:2]) <= 12]
    assert max(ids.index(i) for i in play) < ids.index("05-generalization")


def test_a_lesson_without_a_path_order_sits_at_its_number() -> None:
    assert Lesson(id="42-an-example", title="x", minutes=20).path_position == 42
    placed = Lesson(id="42-an-example", title="x", minutes=20, path_order=7)
    assert placed.path_position == 7


def test_learn_lists_the_path_in_that_order_with_minutes() -> None:
    from typer.testing import CliRunner

    from diveml.cli import app

    result = CliRunner().invoke(app, ["learn"], env={"COLUMNS": "200"})
    shown = result.stdout
    assert result.exit_code == 0, shown
    # Read the order from the "#" column: a number never wraps, while a long title or id
    # can wrap inside its cell when the table is narrow (in one xdist worker of a CI run
    # the console was 80 columns wide whatever COLUMNS said).
    numbers = [int(m) for m in re.findall(r"^│ (\d+) +│", shown, flags=re.MULTILINE)]
    wanted = [int(lesson_id[:2]) for lesson_id in GUIDE_ORDER]
    assert [n for n in numbers if n in wanted] == wanted, shown
    assert "minutes" in shown
