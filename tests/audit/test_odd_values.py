"""Valid tables with odd values: times whose UTC offset changes, targets of huge magnitude."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diveml.audit import audit, column_type, parse_dates
from diveml.exceptions import TargetError


def _across_dst(zone: str = "Europe/Paris", rows: int = 200, fmt: str = "iso") -> pd.Series:
    stamps = pd.date_range("2024-03-25", periods=rows, freq="5h", tz=zone)
    if fmt == "iso":
        return pd.Series([s.isoformat() for s in stamps])
    if fmt == "space":
        return pd.Series([s.strftime("%Y-%m-%d %H:%M:%S%z") for s in stamps])
    return pd.Series([s.isoformat().replace("+00:00", "Z") for s in stamps])


def _table(times: pd.Series) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"when": times, "x": rng.normal(size=len(times))})
    frame["y"] = frame["x"] + rng.normal(size=len(times))
    return frame


@pytest.mark.parametrize(
    "times",
    [
        _across_dst(),  # +01:00 then +02:00
        _across_dst("America/New_York"),  # -05:00 then -04:00
        _across_dst(fmt="space"),  # +0100 without a colon
        pd.Series(["2024-01-01T10:00:00Z", "2024-06-01T10:00:00+02:00"] * 50),
        # zoned and naive times mixed
        pd.Series(["2024-01-01 10:00:00", "2024-06-01T10:00:00+02:00"] * 50),
    ],
    ids=["paris", "new-york", "no-colon", "z-and-offset", "naive-and-zoned"],
)
def test_times_with_changing_offsets_are_dates(times: pd.Series) -> None:
    parsed = parse_dates(times)
    assert pd.api.types.is_datetime64_any_dtype(parsed.dtype)
    assert parsed.notna().all()
    assert column_type(times) == "datetime"
    frame = _table(times)
    for time in (None, "when"):  # with and without --time
        result = audit(frame, "y", time=time)
        assert result.column_types["when"] == "datetime"


def test_times_across_dst_keep_their_true_order() -> None:
    # The night the clocks go back: 02:30+02:00 comes before 02:10+01:00, although its
    # local time reads later; read as instants they sort in true order.
    times = pd.Series(["2024-10-27T02:30:00+02:00", "2024-10-27T02:10:00+01:00"])
    parsed = parse_dates(times)
    assert parsed.iloc[0] < parsed.iloc[1]  # 00:30 UTC before 01:10 UTC


def test_naive_times_stay_naive() -> None:
    parsed = parse_dates(pd.Series(["2024-01-01 10:00", "2024-06-01 11:00"]))
    assert getattr(parsed.dt, "tz", None) is None


def test_text_that_is_not_dates_is_missing_not_an_error() -> None:
    parsed = parse_dates(pd.Series(["2024-01-01T10:00:00+01:00", "soon", None]))
    assert parsed.isna().tolist() == [False, True, True]


# --------------------------------------------------------------------------- huge targets


def _numbers(scale: float, rows: int = 300, sign: float = 1.0) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"x": rng.normal(size=rows), "z": rng.normal(size=rows)})
    frame["y"] = sign * (frame["x"] + 3) * scale
    return frame


@pytest.mark.parametrize(
    ("scale", "sign"),
    [(1e300, 1.0), (1e300, -1.0), (1e200, 1.0), (1e160, 1.0), (1e307, 1.0)],
)
def test_a_regression_target_whose_squares_overflow_is_refused_with_a_rescaling_fix(
    scale: float, sign: float
) -> None:
    with pytest.raises(
        TargetError,
        match=r"The regression target 'y' has values as large as .* overflow floating-point "
        r"numbers.*Rescale the target first, e\.g\. divide it by 1e\+\d+ \(df\['y'\] / 1e\+\d+\) "
        r"or predict its logarithm",
    ):
        audit(_numbers(scale, sign=sign), "y")


def test_the_check_fits_the_task_it_was_asked() -> None:
    # the same huge numbers as --task regression are refused; as classes they are labels
    frame = _numbers(1e300)
    with pytest.raises(TargetError, match="regression target"):
        audit(frame, "y", task="regression")
    frame["y"] = np.where(frame["x"] > 0, 1e300, -1e300)
    assert audit(frame, "y").task == "binary"


@pytest.mark.parametrize("scale", [1.0, 1e18, 1e100, 1e140])
def test_large_but_workable_targets_pass(scale: float) -> None:
    assert audit(_numbers(scale), "y").task == "regression"
