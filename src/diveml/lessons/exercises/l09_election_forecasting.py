"""Lesson 9, election forecasting: weighted poll averages, house effects, an honest spread.

The data is FiveThirtyEight's archive of polls with their results (catalog entry
``election_polls``). The checks rebuild every reference from that file with their own
code: the presidential races before 2020 are the history, the 2020 races the forecast.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

lesson = Lesson(
    id="09-election-forecasting",
    title="Election forecasting",
    minutes=30,
    summary=(
        "FiveThirtyEight's polls: averages weighted by size and age, pollsters' house "
        "effects, the spread of averages around results, and a 2020 forecast checked "
        "against what happened."
    ),
)

HALF_LIFE = 7  # days: a poll's weight halves every week
MIN_POLLS = 10  # a house effect is used only for pollsters with this many past polls
FORECAST_YEAR = 2020

RESULT_LEAK = (
    "That column was computed from the result of the election, which nobody knows when the "
    "polls are taken: a forecast built on it looks perfect and forecasts nothing."
)


@functools.cache
def _pres_cached() -> pd.DataFrame:
    import pandas as pd

    from diveml.data import load_dataset

    polls = load_dataset("election_polls")
    pres = polls[polls["type_simple"] == "Pres-G"].copy()
    for column in ("polldate", "electiondate"):
        pres[column] = pd.to_datetime(pres[column], format="%m/%d/%Y")
    pres["days_before"] = (pres["electiondate"] - pres["polldate"]).dt.days
    return pres


def _pres() -> pd.DataFrame:
    return _pres_cached().copy()


def _weights(race: pd.DataFrame) -> Any:
    import numpy as np

    return np.sqrt(race["samplesize"]) * 0.5 ** (race["days_before"] / HALF_LIFE)


def _average(race: pd.DataFrame) -> float:
    import numpy as np

    return float(np.average(race["margin_poll"], weights=_weights(race)))


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    rows = {
        race_id: {"average": _average(group), "actual": float(group["margin_actual"].iloc[0])}
        for race_id, group in frame.groupby("race_id")
    }
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


@functools.cache
def _history_table() -> pd.DataFrame:
    pres = _pres()
    return _table(pres[pres["year"] < FORECAST_YEAR])


def _house_effect_of(history: pd.DataFrame) -> pd.Series:
    race_mean = history.groupby("race_id")["margin_poll"].transform("mean")
    return (history["margin_poll"] - race_mean).groupby(history["pollster"]).mean()


@functools.cache
def _house_effect() -> pd.Series:
    pres = _pres()
    return _house_effect_of(pres[pres["year"] < FORECAST_YEAR])


def _error_sd() -> float:
    table = _history_table()
    return float((table["average"] - table["actual"]).std())


@functools.cache
def _forecast() -> pd.DataFrame:
    return _forecast_from(_pres())


def _forecast_from(pres: pd.DataFrame) -> pd.DataFrame:
    """The forecast table: 2020 polls corrected by earlier house effects, averaged."""
    history = pres[pres["year"] < FORECAST_YEAR]
    upcoming = pres[pres["year"] == FORECAST_YEAR].copy()
    counts = history.groupby("pollster").size()
    effect = _house_effect_of(history)
    usable = effect[counts.reindex(effect.index) >= MIN_POLLS]
    upcoming["margin_poll"] = upcoming["margin_poll"] - upcoming["pollster"].map(usable).fillna(0)
    return _table(upcoming).rename(columns={"average": "margin"})


def _numbers(check: Check, name: str, size: int, what: str) -> np.ndarray:
    import numpy as np

    value = check.get(name)
    try:
        numbers = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        check.fail(f"`{name}` should hold numbers: {what}.")
    check.expect(
        numbers.size == size,
        f"`{name}` has {numbers.size} values; it should have {size}, {what}.",
    )
    return numbers


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        'Subtract the earlier date from the later one: `pres["electiondate"] - pres["polldate"]`.',
        "The result is a column of time differences; `.dt.days` gives each as a number of days.",
        'Then remove the `#` in front of `pres["days_before"] = days_before` and run the cell.',
    ],
    wrong=[
        Wrong(
            'days_before = (pres["polldate"] - pres["electiondate"]).dt.days\n'
            'pres["days_before"] = days_before',
            message="negative",
        ),
        Wrong(
            'days_before = (pres["electiondate"] - pres["polldate"]).dt.seconds\n'
            'pres["days_before"] = days_before',
            message="`.dt.seconds`",
        ),
        Wrong(
            'days_before = pres["electiondate"].dt.day - pres["polldate"].dt.day\n'
            'pres["days_before"] = days_before',
            message="day of the month",
        ),
        Wrong(
            'days_before = (pres["electiondate"] - pres["polldate"]).dt.days',
            message="not yet a column of `pres`",
        ),
    ],
)
def days_before(check: Check) -> str:
    """Set `days_before` (and the column `pres["days_before"]`): each poll's age in days."""
    import numpy as np
    import pandas as pd

    reference = _pres()
    expected = reference["days_before"].to_numpy(float)
    raw = check.get("days_before")
    dtype = getattr(raw, "dtype", None)
    if dtype is not None and pd.api.types.is_timedelta64_dtype(dtype):
        check.fail(
            "`days_before` holds time differences (like `35 days 00:00:00`), not numbers. "
            "The weights of the next exercise need plain numbers: take `.dt.days` of the "
            "difference."
        )
    values = _numbers(check, "days_before", len(reference), "one per poll of `pres`")
    if check.close(values, expected / 7):
        check.fail(
            "`days_before` counts weeks, not days: each value is the number of days divided "
            "by 7. Keep it in days; the next exercise divides by 7 itself, inside the weight."
        )
    if check.close(values, -expected):
        check.fail(
            "`days_before` is negative for every poll: the subtraction is the wrong way "
            "round. The election comes after the poll: `electiondate - polldate`."
        )
    if np.all(values == 0):
        check.fail(
            "`days_before` is 0 for every poll. `.dt.seconds` is only the seconds part "
            "of each difference (0 here, as the dates have no time of day); `.dt.days` "
            "counts the whole days."
        )
    if check.close(values, (reference["electiondate"].dt.day - reference["polldate"].dt.day)):
        check.fail(
            "`days_before` subtracts the day of the month of the two dates, which goes "
            "wrong whenever the poll was taken in the month before the election (it comes "
            "out negative). Subtract the dates themselves, then take `.dt.days`."
        )
    check.expect(
        check.close(values, expected),
        "`days_before` is not the number of whole days from each poll to its election "
        f"(its first values are {values[:3].tolist()}). Subtract the poll date from the "
        "election date and count the days of each difference.",
    )
    pres = check.get("pres", pd.DataFrame, what="the table of presidential polls")
    check.expect(
        "days_before" in pres.columns,
        "`days_before` is right, but it is not yet a column of `pres`: remove the `#` in "
        'front of `pres["days_before"] = days_before` and run the cell.',
    )
    check.expect(
        check.close(pres["days_before"].to_numpy(float), expected),
        '`pres["days_before"]` is not the same as `days_before`; assign it again.',
    )
    return (
        f"Polls from {int(expected.min())} to {int(expected.max())} days before their "
        f"election; half were taken within {np.median(expected):.0f} days of it."
    )


# --------------------------------------------------------------------------- exercise 2


def _sample_races() -> list[pd.DataFrame]:
    """A few races with many polls, one with a single poll, one with a huge poll."""
    pres = _pres()
    by_race = dict(list(pres.groupby("race_id")))
    sizes = pres.groupby("race_id").size()
    chosen = [*sizes.sort_values().index[-3:], sizes.idxmin()]
    biggest = pres["samplesize"].to_numpy().argmax()
    chosen.append(pres["race_id"].iloc[biggest])
    return [by_race[race_id] for race_id in dict.fromkeys(chosen)]


@lesson.exercise(
    hints=[
        'Compute the weights first: `np.sqrt(race["samplesize"]) * 0.5 ** '
        '(race["days_before"] / 7)`, one per poll.',
        '`np.average(race["margin_poll"], weights=weights)` is the weighted average.',
        "Use `margin_poll` only: the `margin_actual` column is the result itself.",
    ],
    wrong=[
        Wrong(
            'def poll_average(race):\n    return race["margin_poll"].mean()',
            message="a plain average",
        ),
        Wrong(
            "def poll_average(race):\n"
            '    weights = race["samplesize"] * 0.5 ** (race["days_before"] / 7)\n'
            '    return np.average(race["margin_poll"], weights=weights)',
            message="square root",
        ),
        Wrong(
            "def poll_average(race):\n"
            '    weights = np.sqrt(race["samplesize"]) * 0.5 ** (race["days_before"] / 7)\n'
            '    return (weights * race["margin_poll"]).sum()',
            message="Divide by the sum of the weights",
        ),
        Wrong(
            "def poll_average(race):\n"
            '    weights = np.sqrt(race["samplesize"]) * 2 ** (race["days_before"] / 7)\n'
            '    return np.average(race["margin_poll"], weights=weights)',
            message="older polls count more",
        ),
        Wrong(
            "def poll_average(race):\n"
            '    weights = np.sqrt(race["samplesize"]) * 0.5 ** (race["days_before"] / 7)\n'
            '    return np.average(race["margin_actual"], weights=weights)',
            message="computed from the result",
        ),
    ],
)
def poll_average(check: Check) -> str:
    """Write `poll_average(race)`: the polls' margin, weighted by size (square root) and age."""
    import numbers

    import numpy as np

    func = check.get("poll_average", what="a function (`def poll_average(race):`)")
    check.expect(callable(func), "`poll_average` should be a function: `def poll_average(race):`.")
    for race in _sample_races():
        got = check.call(func, race.copy())
        check.expect(
            isinstance(got, (numbers.Real, np.number)) and not isinstance(got, bool),
            f"`poll_average` returns a {type(got).__name__}; it should return one number.",
        )
        value = float(got)
        expected = _average(race)
        if check.close(value, expected):
            continue
        where = f"For the {race['race'].iloc[0]} polls, `poll_average` gives {value:.2f}"
        if check.close(value, race["margin_actual"].iloc[0]):
            check.fail(
                f"{where}: the result, not the polls. `margin_actual` was computed from "
                "the result; average `margin_poll`.",
                reason=RESULT_LEAK,
            )
        if check.close(value, race["margin_poll"].mean()):
            check.fail(
                f"{where}: a plain average, every poll counted the same. Weight each poll "
                "by `np.sqrt(samplesize) * 0.5 ** (days_before / 7)`."
            )
        by_n = race["samplesize"] * 0.5 ** (race["days_before"] / HALF_LIFE)
        if check.close(value, np.average(race["margin_poll"], weights=by_n)):
            check.fail(
                f"{where}: weighted by the sample size itself. Use its square root: "
                "otherwise one huge online poll outweighs dozens of others.",
                reason="Sampling error shrinks like one over the square root of the sample "
                "size, and the other errors of a poll do not shrink at all.",
            )
        if check.close(value, float((_weights(race) * race["margin_poll"]).sum())):
            check.fail(
                f"{where}: a weighted sum, not an average. Divide by the sum of the weights "
                "(or use `np.average(..., weights=...)`)."
            )
        daily = np.sqrt(race["samplesize"]) * 0.5 ** race["days_before"]
        if len(race) > 1 and check.close(value, np.average(race["margin_poll"], weights=daily)):
            check.fail(
                f"{where}: the age factor `0.5 ** days_before` halves a poll's weight every "
                "*day*, so a poll a month old counts for almost nothing. Divide the days by "
                "7 inside the power: the weight should halve once a week."
            )
        size_only = np.sqrt(race["samplesize"])
        if len(race) > 1 and check.close(value, np.average(race["margin_poll"], weights=size_only)):
            check.fail(
                f"{where}: weighted by size only. A poll from months ago counts as much as "
                "one from last week; multiply by the age factor `0.5 ** (days_before / 7)` too."
            )
        rooted = np.sqrt(race["samplesize"] * 0.5 ** (race["days_before"] / HALF_LIFE))
        if len(race) > 1 and check.close(value, np.average(race["margin_poll"], weights=rooted)):
            check.fail(
                f"{where}: the square root is taken of the age factor too, so weights halve "
                "every two weeks instead of every week. Take the square root of "
                "`samplesize` only, then multiply."
            )
        older = np.sqrt(race["samplesize"]) * 2.0 ** (race["days_before"] / HALF_LIFE)
        if check.close(value, np.average(race["margin_poll"], weights=older)):
            check.fail(
                f"{where}: with these weights older polls count more. `0.5 ** (days / 7)` "
                "halves a poll's weight for each week of age."
            )
        check.fail(
            f"{where}, which matches no weighting of `margin_poll` the check knows. Each "
            "poll's weight is the square root of its size times a factor that halves with "
            "each week of age; the answer is the weighted average."
        )
    return "Your average matches on races with many polls, with one poll, and with a huge poll."


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        '`history.groupby("race_id")["margin_poll"].transform("mean")` gives each poll the '
        "mean of its own race.",
        'Subtract it from `history["margin_poll"]`, then `.groupby(history["pollster"]).mean()`.',
    ],
    wrong=[
        Wrong(
            'relative = history["margin_poll"] - history["margin_poll"].mean()\n'
            'house_effect = relative.groupby(history["pollster"]).mean()',
            message="mean of its own race",
        ),
        Wrong(
            'relative = history["margin_poll"] - history["margin_actual"]\n'
            'house_effect = relative.groupby(history["pollster"]).mean()',
            message="the result",
        ),
        Wrong(
            'relative = history["margin_poll"] - history.groupby("race_id")["margin_poll"].mean()\n'
            'house_effect = relative.groupby(history["pollster"]).mean()',
            message='transform("mean")',
        ),
        Wrong(
            'race_mean = history.groupby("race_id")["margin_poll"].transform("mean")\n'
            'house_effect = (race_mean - history["margin_poll"]).groupby(history["pollster"]).mean()',
            message="sign",
        ),
    ],
)
def house_effect(check: Check) -> str:
    """Set `house_effect`: each pollster's mean lean against the other polls of its races."""
    import pandas as pd

    effect = check.get("house_effect", pd.Series, what="a Series indexed by pollster")
    expected = _house_effect()
    values = pd.to_numeric(effect, errors="coerce")
    pres = _pres()
    history = pres[pres["year"] < FORECAST_YEAR]
    if effect.index.name == "race_id" or set(map(str, effect.index)) == set(
        history["race_id"].astype(str)
    ):
        check.fail(
            "`house_effect` has one value per race, not per pollster: the last `groupby` "
            'should group by `history["pollster"]`, so that each pollster gets the mean of '
            "its own polls' leans."
        )
    if values.isna().mean() > 0.5:
        check.fail(
            "`house_effect` is mostly NaN. Subtracting `groupby(...).mean()` lines the race "
            "means up by race id against the polls' row numbers, which do not match. "
            '`transform("mean")` gives each poll its race mean on its own row.'
        )
    check.expect(
        set(map(str, effect.index)) == set(expected.index),
        f"`house_effect` should have one value per pollster of `history` ({len(expected)}); "
        f"it has {len(effect)}, indexed by {effect.index.name or 'something else'!r}.",
    )
    values = values.reindex(expected.index)
    if check.close(values.to_numpy(float), -expected.to_numpy(float)):
        check.fail(
            "`house_effect` has the right sizes with the wrong sign: subtract the race mean "
            "from the poll, not the other way round, so that a pollster who shows the "
            "Democrat ahead of the others gets a positive effect."
        )
    raw = history.groupby("pollster")["margin_poll"].mean().reindex(expected.index)
    if check.close(values.to_numpy(float), raw.to_numpy(float)):
        check.fail(
            "`house_effect` is each pollster's plain mean margin. That mixes the lean of the "
            "pollster with the lean of the states it polls: subtract from each poll the mean "
            "of its own race first, then average per pollster.",
            reason="A pollster that mostly polls Democratic states would look Democratic "
            "when it is only polling those states.",
        )
    relative = history["margin_poll"] - history.groupby("race_id")["margin_poll"].transform("mean")
    summed = relative.groupby(history["pollster"]).sum().reindex(expected.index)
    if check.close(values.to_numpy(float), summed.to_numpy(float)):
        check.fail(
            "`house_effect` adds up the leans with `.sum()`, so a pollster with many polls "
            "gets a big effect just for polling a lot. Take the `.mean()` per pollster: its "
            "typical lean per poll."
        )
    overall = (history["margin_poll"] - history["margin_poll"].mean()).groupby(history["pollster"])
    if check.close(values.to_numpy(float), overall.mean().reindex(expected.index).to_numpy(float)):
        check.fail(
            "`house_effect` compares each poll with the mean of *all* polls. Compare it with "
            "the mean of its own race.",
            reason="A pollster that mostly polls Democratic states would look Democratic "
            "when it is only polling those states.",
        )
    bias = (history["margin_poll"] - history["margin_actual"]).groupby(history["pollster"])
    if check.close(values.to_numpy(float), bias.mean().reindex(expected.index).to_numpy(float)):
        check.fail(
            "`house_effect` compares each poll with the result. That measures the "
            "pollster's error (538's `bias`), which includes every year's industry-wide "
            "miss; a house effect is the lean against the other polls of the same race.",
            reason=RESULT_LEAK,
        )
    check.expect(
        check.close(values.to_numpy(float), expected.to_numpy(float)),
        "`house_effect` has one value per pollster, but not the right ones. For each poll, "
        "take how far its margin is from the mean margin of its own race; then average "
        "those leans per pollster.",
    )
    counts = history.groupby("pollster").size()
    return f"{int((counts >= MIN_POLLS).sum())} pollsters have at least {MIN_POLLS} polls."


# --------------------------------------------------------------------------- exercise 4


@lesson.exercise(
    hints=[
        '`history_races["average"] - history_races["actual"]` is one miss per race.',
        "`.std()` gives the standard deviation of a column.",
    ],
    wrong=[
        Wrong(
            'error_sd = (history_races["average"] - history_races["actual"]).mean()',
            message="the mean miss",
        ),
        Wrong(
            'error_sd = (history_races["average"] - history_races["actual"]).abs().mean()',
            message="mean absolute miss",
        ),
        Wrong(
            'error_sd = (history["margin_poll"] - history["margin_actual"]).std()',
            message="single polls",
        ),
    ],
)
def error_sd(check: Check) -> str:
    """Set `error_sd`: the standard deviation of (average - actual) over the past races."""
    import numbers

    import numpy as np

    value = float(check.get("error_sd", (numbers.Real, np.number), what="a number"))
    table = _history_table()
    miss = table["average"] - table["actual"]
    if check.close(value, float(miss.std()), rtol=1e-3):
        return (
            f"Past averages missed their results by about {value:.1f} points (one standard "
            f"deviation), over {len(table)} races."
        )
    if check.close(value, float(miss.std(ddof=0)), rtol=1e-3):
        return f"{value:.2f} points (numpy's standard deviation; pandas' differs a little)."
    if check.close(value, float(miss.mean()), rtol=1e-3):
        check.fail(
            "`error_sd` is the mean miss: how far averages lean one way overall. The "
            "uncertainty is how widely the misses spread: their standard deviation, `.std()`."
        )
    if check.close(value, float(miss.abs().mean()), rtol=1e-3):
        check.fail(
            "`error_sd` is the mean absolute miss. It measures spread too, but the normal "
            "curve of the next exercise needs the standard deviation, `.std()`."
        )
    if check.close(value, float(miss.var()), rtol=1e-3):
        check.fail(
            f"`error_sd` is {value:.1f}: the variance of the misses, in squared points. "
            "The normal curve needs the standard deviation, its square root, in points "
            "like the margins: `.std()`."
        )
    if check.close(value, float((miss**2).mean()), rtol=1e-3):
        check.fail(
            "`error_sd` is the mean squared miss, in squared points. Its square root would "
            "be in points, but it also counts the overall lean; the spread of the misses "
            "is their standard deviation, `.std()`."
        )
    if check.close(value, float(table["average"].std()), rtol=1e-3):
        check.fail(
            "`error_sd` is the spread of the poll averages themselves: how different the "
            "races are, not how far the averages missed. Subtract `actual` from `average` "
            "first, then take the spread of those misses."
        )
    pres = _pres()
    history = pres[pres["year"] < FORECAST_YEAR]
    single = float((history["margin_poll"] - history["margin_actual"]).std())
    if check.close(value, single, rtol=1e-3):
        check.fail(
            "`error_sd` is the spread of single polls around the results. The forecast is "
            "made from poll averages, so measure how far averages missed: the misses of "
            "`history_races`, one per race."
        )
    check.fail(
        f"`error_sd` is {value:.3g}, which is none of the spreads the check knows. It "
        "should be the standard deviation of the misses of `history_races`: one miss per "
        "race, the average minus the actual margin."
    )


# --------------------------------------------------------------------------- exercise 5


@lesson.exercise(
    hints=[
        'Divide each forecast margin by `error_sd`: `forecast["margin"] / error_sd`.',
        "`norm.cdf(z)` is the chance that a standard normal value is below z; the chance "
        "the true margin is above 0 is `norm.cdf(margin / error_sd)`.",
    ],
    wrong=[
        Wrong(
            'dem_win = norm.cdf(-forecast["margin"] / error_sd)',
            message="the Republican",
        ),
        Wrong(
            'dem_win = (forecast["margin"] > 0).astype(float)',
            message="certain",
        ),
        Wrong('dem_win = norm.cdf(forecast["margin"])', message="`error_sd`"),
    ],
)
def win_probability(check: Check) -> str:
    """Set `dem_win`: the probability that the Democrat wins each race of `forecast`."""
    import numpy as np
    from scipy.stats import norm

    forecast = _forecast()
    probability = _numbers(check, "dem_win", len(forecast), "one probability per race")
    expected = norm.cdf(forecast["margin"].to_numpy() / _error_sd())
    if check.close(probability, expected, rtol=1e-4, atol=1e-6):
        likely = int(np.sum(probability > 0.5))
        return f"The Democrat is more likely than not to win {likely} of {len(forecast)} races."
    if check.close(probability, 1 - expected, rtol=1e-4, atol=1e-6):
        check.fail(
            "`dem_win` is the Republican's chance: the margins are Democrat minus "
            "Republican, so the Democrat wins when the margin is above 0, with chance "
            '`norm.cdf(forecast["margin"] / error_sd)`.'
        )
    if set(np.unique(probability)) <= {0.0, 1.0}:
        check.fail(
            "`dem_win` is only 0s and 1s: certain every time. A lead of one point is not a "
            "sure win when averages miss by several; let `norm.cdf` turn each margin into a "
            "probability."
        )
    margin = forecast["margin"].to_numpy()
    if check.close(probability, 100 * expected, rtol=1e-4, atol=1e-6):
        check.fail(
            "`dem_win` is in percent (values up to 100). Give probabilities between 0 and 1: "
            "leave out the `100 *`."
        )
    if check.close(probability, norm.pdf(margin / _error_sd()), rtol=1e-4, atol=1e-6):
        check.fail(
            "`dem_win` uses `norm.pdf`, the height of the bell curve at each point. The "
            "chance of a value below a point is the area under the curve up to it: "
            "`norm.cdf`."
        )
    if check.close(probability, norm.cdf(margin * _error_sd()), rtol=1e-4, atol=1e-6):
        check.fail(
            "`dem_win` multiplies the margin by `error_sd`. To say how many typical misses "
            "the lead is worth, divide by `error_sd`: a 5-point lead with misses of 5 "
            "points is one standard deviation."
        )
    check.expect(
        not check.close(probability, norm.cdf(margin), rtol=1e-4),
        "`dem_win` treats a one-point lead as one standard deviation: divide the margin by "
        "`error_sd` first.",
    )
    check.fail(
        "`dem_win` does not match the chance that a normal variable centred on each "
        "forecast margin, with spread `error_sd`, is above 0. Turn each margin into a "
        "number of standard deviations, then into a probability with `norm.cdf`."
    )


# --------------------------------------------------------------------------- exercise 6


@lesson.exercise(
    hints=[
        '`(forecast["actual"] - forecast["margin"]).abs()` is how far each result landed '
        "from its forecast.",
        "Compare it with `norm.ppf(0.9) * error_sd`, then take `.mean()` of the True/False "
        "column: the share of True.",
    ],
    wrong=[
        Wrong(
            "half_width = 1.96 * error_sd\n"
            'inside_80 = float(((forecast["actual"] - forecast["margin"]).abs() '
            "<= half_width).mean())",
            message="95% range",
        ),
        Wrong(
            "half_width = norm.ppf(0.9) * error_sd\n"
            'inside_80 = int(((forecast["actual"] - forecast["margin"]).abs() '
            "<= half_width).sum())",
            message="a count",
        ),
        Wrong(
            "half_width = norm.ppf(0.8) * error_sd\n"
            'inside_80 = float(((forecast["actual"] - forecast["margin"]).abs() '
            "<= half_width).mean())",
            message="`norm.ppf(0.8)`",
        ),
    ],
)
def inside_80(check: Check) -> str:
    """Set `inside_80`: the share of 2020 results inside the forecast's 80% range."""
    import numbers

    import numpy as np
    from scipy.stats import norm

    value = float(check.get("inside_80", (numbers.Real, np.number), what="a share"))
    forecast = _forecast()
    distance = (forecast["actual"] - forecast["margin"]).abs()
    sd = _error_sd()

    def share(z: float) -> float:
        return float((distance <= z * sd).mean())

    expected = share(norm.ppf(0.9))
    if check.close(value, expected):
        return f"{value:.0%} of the {len(forecast)} results fell inside ranges that claimed 80%."
    if value > 1 and check.close(value, expected * len(forecast)):
        check.fail(
            f"`inside_80` is {value:g}: a count of races. Give the share, between 0 and 1: "
            "`.mean()` of the True/False column instead of `.sum()`."
        )
    if not check.close(expected, share(1.96)) and check.close(value, share(1.96)):
        check.fail(
            "`inside_80` uses 1.96 standard deviations: that is the 95% range. An 80% range "
            "leaves 10% out on each side: `norm.ppf(0.9)`."
        )
    signed = forecast["actual"] - forecast["margin"]
    if not check.close(expected, float((signed <= norm.ppf(0.9) * sd).mean())) and check.close(
        value, float((signed <= norm.ppf(0.9) * sd).mean())
    ):
        check.fail(
            "`inside_80` counts results that landed below the top of the range, even far "
            "below its bottom. A result can miss on both sides: compare the distance "
            "`.abs()` of each miss with the half-width."
        )
    if not check.close(expected, float((distance <= norm.ppf(0.9)).mean())) and check.close(
        value, float((distance <= norm.ppf(0.9)).mean())
    ):
        check.fail(
            "`inside_80`'s half-width is `norm.ppf(0.9)` points, about 1.3: that is in "
            "standard deviations. Multiply by `error_sd` to turn it into points."
        )
    if not check.close(expected, share(1.0)) and check.close(value, share(1.0)):
        check.fail(
            "`inside_80` uses one standard deviation each side: a normal variable lands "
            "there about 68% of the time, not 80%. The 80% range leaves 10% out on each "
            "side: `norm.ppf(0.9)` standard deviations."
        )
    if check.close(value, share(norm.ppf(0.8))):
        check.fail(
            "`inside_80` uses `norm.ppf(0.8)`, which leaves 20% out on *each* side: a 60% "
            "range. An 80% range leaves 10% on each side: `norm.ppf(0.9)`."
        )
    check.fail(
        f"`inside_80` is {value:.3g}, which is not the share of 2020 races whose result "
        "landed within the 80% range around the forecast margin (that range is the margin "
        "plus or minus `norm.ppf(0.9)` times `error_sd`)."
    )
