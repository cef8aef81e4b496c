"""Lesson 3's text and checks rest on facts about the penguins table; these tests keep them true."""

from __future__ import annotations

from pathlib import Path

from diveml.data import export_dataset, load_dataset
from diveml.lessons.exercises import l03_pandas_1 as l03


def test_csv_round_trip_gives_the_reference_table(tmp_path: Path) -> None:
    # The lesson reads the penguins back from a CSV file, and the checks compare the
    # learner's rows with load_dataset's: the two must be the same table.
    import pandas as pd

    frame = pd.read_csv(export_dataset("penguins", tmp_path / "penguins.csv"))
    assert frame.equals(l03._penguins())
    assert frame.dtypes.equals(l03._penguins().dtypes)


def test_penguin_three_is_the_unmeasured_one_the_text_shows() -> None:
    row = load_dataset("penguins").loc[3]
    assert row[["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]].isna().all()


def test_greater_or_equal_is_distinguishable_in_the_dream_filter() -> None:
    # The `>=` misconception is only detectable if some Dream penguin weighs exactly 4000 g.
    frame = l03._penguins()
    assert ((frame["island"] == "Dream") & (frame["body_mass_g"] == 4000)).any()


def test_heaviest_five_ties_do_not_break_the_check() -> None:
    # Two penguins share a body mass among the heaviest five; any tie order must pass.
    from diveml.lessons import get_lesson
    from diveml.lessons._check import evaluate

    frame = l03._penguins()
    exercise = get_lesson("03").exercises["heaviest_five"]
    for kind in ("quicksort", "stable", "mergesort"):
        five = frame.sort_values("body_mass_g", ascending=False, kind=kind).head(5)
        assert evaluate(exercise, {"heaviest_five": five}).outcome == "correct"
    reversed_ties = frame.sort_values(["body_mass_g", "year"], ascending=[False, True]).head(5)
    assert evaluate(exercise, {"heaviest_five": reversed_ties}).outcome == "correct"
