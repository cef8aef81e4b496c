"""bench/report.py: the copy-free and coverage sections of RESULTS.md, from runs.csv rows."""

from __future__ import annotations

import pandas as pd

import report


def _ok() -> pd.DataFrame:
    rows = [
        # an older row: no copy-free columns
        {"dataset": "old", "contender": "diveml", "ci_low": 0.4, "ci_high": 0.6},
        {"dataset": "dup", "contender": "diveml", "ci_low": 0.1, "ci_high": 0.2},
        {"dataset": "dup", "contender": "sklearn_hgb", "kept_back_new": 0.12, "new_rows": 60},
    ]
    frame = pd.DataFrame(rows)
    frame.loc[1, ["kept_back_new", "new_rows", "ci_covers_new"]] = [0.15, 60, "True"]
    base = {"task": "regression", "metric": "r2", "train_rows": 600, "test_rows": 200}
    base |= {"reported": 0.3, "gap": 0.0, "wall_s": 1.0, "cpu_s": 1.0, "peak_rss_mb": 1.0}
    base |= {"load_avg": 1.0}
    frame = frame.assign(**base, kept_back=[0.5, 0.3, 0.29], holdout_score=[0.5, 0.15, None])
    frame["ci_covers"] = ["True", "False", None]
    return report.numeric(frame)


def test_copy_free_section_puts_each_contenders_copy_free_score_beside_its_plain_one() -> None:
    lines = "\n".join(report.copy_free_section(_ok())).splitlines()
    table = [line for line in lines if line.startswith("| dup")]
    assert table == ["| dup | r2 | 200 | 60 | 0.150 | 0.300 | 0.120 | 0.290 |"]
    assert not any(line.startswith("| old") for line in lines)


def test_coverage_section_lists_every_diveml_row_with_an_interval() -> None:
    lines = "\n".join(report.coverage_section(_ok())).splitlines()
    rows = [line for line in lines if line.startswith(("| dup", "| old"))]
    assert [r.split(" | ")[0] for r in rows] == ["| dup", "| old"]
    assert "| False | 1.000 |" in rows[0]  # 0.3 lies one interval width above 0.1–0.2


def test_the_target_line_compares_observed_with_expected_coverage() -> None:
    lines = report.targets(_ok())
    plain = next(line for line in lines if line.startswith("- CI coverage of the kept-back"))
    assert "contains it on 1 of 2 tables (50%; target ≥ 90%: misses)" in plain
    assert "Missed: dup." in plain
