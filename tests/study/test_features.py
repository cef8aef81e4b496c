"""Free text and dates as features: styles, calendar parts, parsing, and in a study."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diveml.config import Settings
from diveml.study import calendar_features
from diveml.study._features import (
    MAX_TEXT_CHARS,
    as_dates,
    as_text_feature,
    has_time_of_day,
    text_style,
)
from diveml.study._ladder import RUNGS, Encoding, build_pipeline
from tests.study.conftest import quick_study


def test_domains_and_sql_get_character_ngrams_prose_gets_words() -> None:
    assert text_style(pd.Series(["google.com", "xkqjzvw.net", "bbc.co.uk"])) == "char"
    sql = pd.Series(["SELECT * FROM users WHERE id = 1", "' or 1=1 --"])
    assert text_style(sql) == "char"
    prose = pd.Series(
        ["The room was clean and the staff were kind to us.", "Too noisy at night, sadly."]
    )
    assert text_style(prose) == "word"


def test_text_feature_fills_missing_and_cuts_long_text() -> None:
    out = as_text_feature(pd.Series(["a", None, "x" * (MAX_TEXT_CHARS + 5)]))
    assert out.tolist()[:2] == ["a", ""]
    assert len(out.iloc[2]) == MAX_TEXT_CHARS


def test_dates_parse_text_mixed_formats_and_time_zones() -> None:
    parsed = as_dates(pd.Series(["2024-01-31", "31 Jan 2024", None, "not a date"]))
    assert parsed.iloc[0] == pd.Timestamp("2024-01-31")
    assert parsed.iloc[1] == pd.Timestamp("2024-01-31")
    assert parsed.iloc[2:].isna().all()
    aware = pd.Series(
        [pd.Timestamp("2024-03-31 01:30+01:00"), pd.Timestamp("2024-03-31 03:30+02:00")]
    )
    assert as_dates(aware).tolist() == [
        pd.Timestamp("2024-03-31 00:30"),
        pd.Timestamp("2024-03-31 01:30"),
    ]


def test_calendar_features_have_every_part_and_missing_stays_missing() -> None:
    X = pd.DataFrame({"d": pd.to_datetime(["2024-01-31 08:30", None])})
    out = calendar_features(X, hours=["d"])
    assert list(out.columns) == [
        "d__year",
        "d__month",
        "d__day",
        "d__weekday",
        "d__hour",
        "d__elapsed_days",
    ]
    assert out.iloc[0, :5].tolist() == [2024, 1, 31, 2, 8]  # a Wednesday
    assert out.iloc[1].isna().all()
    assert "d__hour" not in calendar_features(X, hours=[]).columns


def test_time_of_day_is_detected() -> None:
    assert not has_time_of_day(pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"])))
    assert has_time_of_day(pd.Series(pd.to_datetime(["2024-01-01 00:00", "2024-02-01 13:00"])))


@pytest.mark.parametrize("rung", RUNGS, ids=lambda r: r.name)
def test_every_rung_fits_text_and_dates(rung: object) -> None:
    rng = np.random.default_rng(0)
    n = 60
    X = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "c": rng.choice(["a", "b"], n).astype(object),
            "t": as_text_feature(pd.Series([f"host{i % 7}.example{i}.com" for i in range(n)])),
            "d": as_dates(pd.Series(pd.date_range("2020-01-01", periods=n, freq="13h"))),
        }
    )
    y = pd.Series(rng.integers(0, 2, n))
    encoding = Encoding(text={"t": "char"}, dates=["d"], hours=["d"])
    pipeline = build_pipeline(rung, "binary", ["x"], ["c"], 0, encoding)
    pipeline.fit(X, y)
    assert pipeline.predict_proba(X).shape == (n, 2)


def test_a_text_only_table_is_studied(tmp_path: Path, settings: Settings) -> None:
    rng = np.random.default_rng(1)
    good = [f"{w}.com" for w in ["google", "wikipedia", "amazon", "github", "python", "news"]]
    rows = [(f"{rng.choice(good)[:-4]}{i}.com", "legit") for i in range(120)]
    rows += [("".join(rng.choice(list("qxzjkvwy"), 14)) + ".net", "dga") for _ in range(60)]
    frame = pd.DataFrame(rows, columns=["domain", "class"])
    r = quick_study(frame, "class", tmp_path / "s", settings, budget=30, folds=3).result
    assert r["features"]["text"] == [
        {
            "column": "domain",
            "style": "char",
            "encoding": "TF-IDF of character n-grams (1 to 4 characters, within words): kept "
            "sparse for the baseline and the linear model, reduced by truncated SVD to 30 "
            "columns for the trees and boosting",
        }
    ]
    assert r["holdout"]["score"] > 0.9
    assert 'TfidfVectorizer(analyzer="char_wb"' in r["reproduce"]["pipeline_code"]
    if r["selection"]["chosen"] == "linear":  # the sparse TF-IDF, no SVD, in the notebook too
        assert "TruncatedSVD" not in r["reproduce"]["pipeline_code"]
        assert "sparse_threshold=1.0" in r["reproduce"]["pipeline_code"]
    report = (tmp_path / "s" / "report.md").read_text(encoding="utf-8")
    assert "free text: TF-IDF of character n-grams" in report


def test_dates_become_calendar_features_and_time_still_holds_out_the_latest(
    tmp_path: Path, settings: Settings
) -> None:
    rng = np.random.default_rng(2)
    n = 200
    frame = pd.DataFrame(
        {
            "opened": pd.date_range("2021-01-01", periods=n, freq="D").strftime("%d/%m/%Y"),
            "x": rng.normal(size=n),
        }
    )
    frame["y"] = (pd.to_datetime(frame["opened"], dayfirst=True).dt.day_of_week >= 5).astype(int)
    frame["seen"] = pd.date_range("2022-01-01", periods=n, freq="h")
    r = quick_study(frame, "y", tmp_path / "s", settings, time="seen").result
    assert r["split"]["strategy"] == "time"
    dates = {d["column"]: d["features"] for d in r["features"]["dates"]}
    assert dates == {
        "opened": [
            "opened__year",
            "opened__month",
            "opened__day",
            "opened__weekday",
            "opened__elapsed_days",
        ]
    }
    assert "opened" not in r["excluded_columns"] and "opened" not in r["features"]["categorical"]
    assert "calendar_features" in r["reproduce"]["pipeline_code"]


def test_the_linear_rung_takes_the_sparse_tfidf_and_the_trees_its_svd() -> None:
    import scipy.sparse

    X = pd.DataFrame(
        {
            "x": np.arange(60.0),
            "t": as_text_feature(pd.Series([f"host{i % 7}.example{i}.com" for i in range(60)])),
        }
    )
    y = pd.Series([0, 1] * 30)
    by_name = {r.name: r for r in RUNGS}
    for name in ("dummy", "linear"):
        pipeline = build_pipeline(by_name[name], "binary", ["x"], [], 0, Encoding(text={"t": "char"}))
        encoded = pipeline.fit(X, y)[0].transform(X)
        # one numeric column plus the n-grams, left sparse (far more than 30 columns)
        assert scipy.sparse.issparse(encoded) and encoded.shape[1] > 31
        assert "svd" not in repr(pipeline[0].transformers)
    for name in ("small_tree", "random_forest", "gradient_boosting"):
        pipeline = build_pipeline(by_name[name], "binary", ["x"], [], 0, Encoding(text={"t": "char"}))
        encoded = pipeline.fit(X, y)[0].transform(X)
        assert not scipy.sparse.issparse(encoded) and encoded.shape[1] == 31


def test_a_text_with_a_tiny_vocabulary_gets_fewer_svd_columns() -> None:
    from diveml.study._features import TEXT_COMPONENTS, text_components

    X = pd.DataFrame(
        {
            "access": as_text_feature(pd.Series(["public final", "public", "private"] * 20)),
            "host": as_text_feature(pd.Series([f"host{i}.example{i % 9}.com" for i in range(60)])),
        }
    )
    counts = text_components(X, {"access": "word", "host": "char"})
    assert counts["host"] == TEXT_COMPONENTS
    assert 1 <= counts["access"] < 4  # 4 terms: the SVD must have fewer components
    y = pd.Series([0, 1] * 30)
    encoding = Encoding(text={"access": "word", "host": "char"}, components=counts)
    pipeline = build_pipeline(RUNGS[1], "binary", [], [], 0, encoding)
    assert pipeline.fit(X, y).predict_proba(X).shape == (60, 2)


def test_long_texts_count_wider_for_the_budget_short_ones_at_least_the_floor() -> None:
    from diveml.study._features import (
        TEXT_BUDGET_WIDTH,
        TEXT_WIDTH_PER_CHAR,
        text_chars,
        text_width,
    )

    X = pd.DataFrame(
        {
            "domain": as_text_feature(pd.Series(["abc.com", "de.org"] * 10)),
            "sql": as_text_feature(pd.Series(["SELECT * FROM t WHERE a = 1 " * 6] * 20)),
        }
    )
    chars = text_chars(X, ["domain", "sql"])
    assert chars["domain"] == pytest.approx(6.5) and chars["sql"] == pytest.approx(168)
    # short strings: the floor; long ones: their mean length times the rate
    assert text_width(["domain"], chars) == TEXT_BUDGET_WIDTH
    assert text_width(["sql"], chars) == round(TEXT_WIDTH_PER_CHAR * 168) > TEXT_BUDGET_WIDTH
    assert text_width(["domain", "sql"]) == 2 * TEXT_BUDGET_WIDTH  # lengths unknown: the floor
