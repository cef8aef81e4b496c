"""Reviewing a study folder: every rubric item answered, the score, the ledger, bad input."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import diveml
from diveml.cli import app
from diveml.config import Settings, resolve_settings
from diveml.exceptions import ReviewError
from diveml.review._study import RUBRICS, STATUSES, criteria
from tests.conftest import shared_data_dir
from tests.study.conftest import quick_study

ML_TEST_IDS = [f"{s}-{i}" for s in ("data", "model", "infra", "monitoring") for i in range(1, 8)]


def folder_hashes(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Settings]:
    import os

    home = tmp_path_factory.mktemp("review-home")
    settings = resolve_settings(
        {
            "DIVEML_HOME": str(home),
            "DIVEML_OFFLINE": "1",
            "DIVEML_CONFIG": str(home / "none.toml"),
            "DIVEML_DATA_DIRS": os.environ.get("DIVEML_DATA_DIRS", ""),
        }
    )
    out = tmp_path_factory.mktemp("penguins") / "study"
    quick_study("penguins", "species", out, settings, folds=3)
    return out, settings


def test_every_item_of_every_rubric_is_answered(studied: tuple[Path, Settings]) -> None:
    out, settings = studied
    review = diveml.review(out, settings=settings)
    items = review.items
    mts = [i["id"] for i in items if i["rubric"] == "ml-test-score"]
    assert mts == ML_TEST_IDS
    for rubric in RUBRICS:
        want = [i["id"] for i in criteria(rubric)["items"]]
        assert [i["id"] for i in items if i["rubric"] == rubric] == want
    for item in items:
        assert item["status"] in STATUSES
        assert item["title"] and item["evidence"] and item["fix"]


def test_machine_checks_pass_on_a_fresh_study(studied: tuple[Path, Settings]) -> None:
    out, settings = studied
    by_id = {i["id"]: i for i in diveml.review(out, settings=settings).items}
    # Reproducible refit, raw file → model → predict round trip, numerically stable.
    for item in ("infra-1", "infra-3", "monitoring-5", "data-1"):
        assert by_id[item]["status"] == "pass", by_id[item]
    assert "same 69 holdout predictions" in by_id["infra-1"]["evidence"]
    # Production and process tests are never passed offline.
    for item in ("infra-6", "model-2", "data-5", "monitoring-4"):
        assert by_id[item]["status"] == "not_assessable_offline"


def test_score_is_the_minimum_of_sections_and_coverage_is_reported(
    studied: tuple[Path, Settings],
) -> None:
    out, settings = studied
    data = diveml.review(out, settings=settings).data
    score = data["ml_test_score"]
    expected: dict[str, float] = {}
    judged = 0
    for i in data["items"]:
        if i["rubric"] != "ml-test-score":
            continue
        section = i["id"].split("-")[0]
        points = (1.0 if i["automated"] else 0.5) if i["status"] == "pass" else 0.0
        expected[section] = expected.get(section, 0.0) + points
        judged += i["automated"] and i["status"] in ("pass", "fail", "partial")
    assert score["sections"] == expected
    assert data["score"] == min(expected.values())
    assert score["judged_offline"] == judged and data["coverage"] == round(judged / 28, 3)
    assert 0 < data["coverage"] < 1  # never a flattering "everything checked"


def test_json_contract_and_views(studied: tuple[Path, Settings], tmp_path: Path) -> None:
    out, settings = studied
    result = CliRunner().invoke(
        app, ["--home", str(settings.home), "review", str(out), "--json", "--no-refit"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"items", "score", "coverage"} <= set(data)
    for item in data["items"]:
        assert {"rubric", "id", "title", "status", "evidence", "fix"} <= set(item)
    review = diveml.review(out, settings=settings, refit=False)
    assert "**ML Test Score" in review.markdown()
    page = review.html()
    assert "monitoring-7" in page and "<script" not in page


def test_reviewing_never_changes_the_study(studied: tuple[Path, Settings]) -> None:
    out, settings = studied
    before = folder_hashes(out)
    diveml.review(out, settings=settings)
    assert folder_hashes(out) == before


def test_study_without_ledger_entry_is_reviewed_with_a_note(
    studied: tuple[Path, Settings], settings: Settings
) -> None:
    out, _ = studied  # `settings` is a fresh, empty home: this study is not in its ledger
    review = diveml.review(out, settings=settings, refit=False)
    assert review.data["in_ledger"] is False
    assert review.data["selection"][0]["kind"] == "no-ledger-entry"
    tweak = next(i for i in review.items if i["id"] == "parameter-tweak")
    assert tweak["status"] == "partial" and "not in the ledger" in tweak["evidence"]


def test_same_holdout_scored_twice_and_with_another_metric(
    tmp_path: Path, settings: Settings
) -> None:
    first = quick_study("penguins", "species", tmp_path / "a", settings, folds=3)
    quick_study("penguins", "species", tmp_path / "b", settings, folds=3, metric="accuracy")
    kinds = {
        s["kind"]: s
        for s in diveml.review(first.out_dir, settings=settings, refit=False).data["selection"]
    }
    assert "scored 2 times" in kinds["holdout-scored-repeatedly"]["message"]
    assert "accuracy" in kinds["metrics-tried-on-holdout"]["message"]
    assert "these changed: metric (" in kinds["holdout-scored-repeatedly"]["message"]


def test_altered_predictions_fail_the_round_trip(
    studied: tuple[Path, Settings], tmp_path: Path
) -> None:
    out, settings = studied
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    csv = copy / "holdout_predictions.csv"
    lines = csv.read_text().splitlines()
    row = lines[1].split(",")
    row[2] = "Gentoo" if row[2] != "Gentoo" else "Adelie"
    csv.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n")
    item = next(
        i for i in diveml.review(copy, settings=settings, refit=False).items if i["id"] == "infra-3"
    )
    assert item["status"] == "fail" and "1 of 69 holdout predictions differ" in item["evidence"]


def test_older_study_folder_is_a_clear_error(
    studied: tuple[Path, Settings], tmp_path: Path
) -> None:
    out, settings = studied
    copy = tmp_path / "old-not-a-study"
    shutil.copytree(out, copy)
    data = json.loads((copy / "study.json").read_text())
    del data["holdout"]
    (copy / "study.json").write_text(json.dumps(data))
    with pytest.raises(ReviewError, match=r"(?i)'holdout'.*run the study again"):
        diveml.review(copy, settings=settings)


def test_study_folder_from_another_format_version_is_a_clear_error(
    studied: tuple[Path, Settings], tmp_path: Path
) -> None:
    out, settings = studied
    copy = tmp_path / "future-not-a-study"
    shutil.copytree(out, copy)
    data = json.loads((copy / "study.json").read_text())
    data["format"], data["format_version"] = "diveml-study", 99
    (copy / "study.json").write_text(json.dumps(data))
    with pytest.raises(ReviewError, match=r"format version 99.*upgrade diveml"):
        diveml.review(copy, settings=settings)


def test_folder_without_study_json_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 1
    assert "has no study.json, so it is not a diveml study folder" in result.output


def test_the_study_report_links_its_review(studied: tuple[Path, Settings]) -> None:
    out, _ = studied
    assert 'href="review.html"' in (out / "report.html").read_text()
    assert "diveml review . --html review.html" in (out / "report.md").read_text()


def _inputs_verdict(out: Path, settings: Settings) -> tuple[str, str]:
    """The unstable-inputs check alone: it re-reads the table the study read."""
    from diveml.review._study import Context, _unstable
    from diveml.review._studyio import load_study

    verdict = _unstable(Context(load_study(out, settings), settings, refit=False))
    return verdict.status, verdict.evidence


def test_a_table_read_with_options_is_read_again_with_them(
    tmp_path: Path, settings: Settings
) -> None:
    import sqlite3

    import pandas as pd

    frame = pd.read_csv(shared_data_dir() / "titanic" / "train.csv")
    file = tmp_path / "ship.sqlite"
    with sqlite3.connect(file) as db:  # two tables: read without the query, it is ambiguous
        frame.to_sql("passengers", db, index=False)
        frame.head(5).to_sql("crew", db, index=False)
    query = "SELECT Survived, Pclass, Sex, Age, Fare FROM passengers WHERE Embarked = 'S'"
    out = tmp_path / "study"
    quick_study(file, "Survived", out, settings, sql=query)
    recorded = json.loads((out / "study.json").read_text())["data"]["read_with"]
    assert recorded == {"sql": query}
    assert _inputs_verdict(out, settings) == (
        "pass",
        "The table re-read now has the fingerprint recorded in the study.",
    )
    with sqlite3.connect(file) as db:
        db.execute("UPDATE passengers SET Fare = Fare + 1 WHERE Embarked = 'S'")
    status, evidence = _inputs_verdict(out, settings)
    assert status == "partial" and "has changed since the study" in evidence


def test_a_big_table_is_drawn_again_to_the_same_rows(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diveml.study import _bigtable
    from tests.study.test_bigtable import _parquet

    monkeypatch.setattr(_bigtable, "STUDY_ROWS", 1000)
    _parquet(tmp_path / "big.parquet")
    out = tmp_path / "study"
    quick_study(tmp_path / "big.parquet", "label", out, settings)
    assert json.loads((out / "study.json").read_text())["table"]["rows"] == 3000
    # the fingerprint is of the drawn rows: the whole file read again would not match it
    assert _inputs_verdict(out, settings)[0] == "pass"


def test_a_time_split_is_judged_as_testing_on_later_rows(
    tmp_path: Path, settings: Settings
) -> None:
    # The split strategy's own flag (holdout_is_later), not its name, drives both checks.
    import pandas as pd

    frame = diveml.load_dataset("diabetes")
    frame["visit"] = pd.date_range("2020-01-01", periods=len(frame), freq="D").astype(str)
    out = tmp_path / "t"
    quick_study(frame, "progression", out, settings, time="visit")
    by_id = {i["id"]: i for i in diveml.review(out, settings=settings, refit=False).items}
    assert by_id["model-4"]["status"] == "partial"
    assert "the latest rows (a time split)" in by_id["model-4"]["evidence"]
    reproblem = by_id["reprobleming"]
    assert reproblem["status"] == "pass"
    assert reproblem["evidence"] == "The holdout is the latest rows (a time split)."


def test_a_date_column_under_a_random_split_fails_reprobleming(
    tmp_path: Path, settings: Settings
) -> None:
    import pandas as pd

    frame = diveml.load_dataset("diabetes")
    frame["visit"] = pd.date_range("2020-01-01", periods=len(frame), freq="D")
    out = tmp_path / "r"
    quick_study(frame, "progression", out, settings)
    by_id = {i["id"]: i for i in diveml.review(out, settings=settings, refit=False).items}
    assert by_id["model-4"]["status"] == "needs_person"
    reproblem = by_id["reprobleming"]
    assert reproblem["status"] == "fail" and "split is 'random'" in reproblem["evidence"]
