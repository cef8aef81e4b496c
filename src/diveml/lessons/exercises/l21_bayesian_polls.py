"""Lesson 21, Bayesian reasoning with polls: a Beta-Binomial update by hand, then PyMC.

The data is FiveThirtyEight's archive of polls (catalog entry ``election_polls``); the
checks rebuild every reference from it: the 2020 presidential polls of Pennsylvania,
oldest first, each poll's Democrats counted from the two-party share, a flat Beta(1, 1)
prior. Only scipy is needed; the lesson's PyMC cells are not checked (PyMC is an extra).
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="21-bayesian-polls",
    title="Bayesian reasoning with polls",
    minutes=25,
    # The guide points to Bayesian methods (and PyMC) after the risks of overfitting.
    path_order=50,
    summary="The 2020 Pennsylvania polls as Bayesian updates: a Beta-Binomial by hand "
    "with scipy, a credible interval, the probability of a lead, the result, then PyMC.",
)

PRIOR = (1, 1)

_COUNTS = (
    "The binomial update needs counts of people: Democrats `k` out of `n` asked, so the "
    "posterior is Beta(a + k, b + n - k)."
)


@functools.cache
def _pa() -> pd.DataFrame:
    import pandas as pd

    from diveml.data import load_dataset

    polls = load_dataset("election_polls")
    pa = polls[
        (polls["type_simple"] == "Pres-G") & (polls["year"] == 2020) & (polls["location"] == "PA")
    ].copy()
    pa["polldate"] = pd.to_datetime(pa["polldate"], format="%m/%d/%Y")
    return pa.sort_values(["polldate", "poll_id"]).reset_index(drop=True)


@functools.cache
def _counts() -> tuple[Any, Any]:
    pa = _pa()
    share = pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])
    n = pa["samplesize"]
    return n, (n * share).round()


def _posterior() -> tuple[float, float]:
    n, k = _counts()
    return float(PRIOR[0] + k.sum()), float(PRIOR[1] + (n - k).sum())


def _number(check: Check, name: str, what: str) -> float:
    return float(check.get(name, numbers.Real, what=what))


# ------------------------------------------------------------------ exercise 1 ---


@lesson.exercise(
    hints=[
        'The two-party share is `pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])`.',
        "Multiply it by `n`, then `.round()`.",
    ],
    wrong=[
        Wrong(
            'dem_count = (n * pa["cand1_pct"] / 100).round()',
            message="two-party share",
        ),
        Wrong(
            'dem_count = n * pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])',
            message="whole number",
        ),
        Wrong(
            'dem_count = (n * pa["cand2_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])).round()',
            message="Republican",
        ),
        Wrong(
            'dem_count = pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])',
            message="share, not a count",
        ),
        Wrong(
            'dem_count = (n * pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])).round().sum()',
            message="one number",
        ),
    ],
)
def dem_count(check: Check) -> str:
    """Set `dem_count` to each poll's number of Democrats (two-party share times `n`)."""
    import numpy as np
    import pandas as pd

    n, expected = _counts()
    pa = _pa()
    value = check.get("dem_count")
    if isinstance(value, numbers.Real):
        check.fail(
            f"`dem_count` is one number ({value!r}); it should hold one count per poll "
            "(a Series with one row per row of `pa`)."
        )
    check.expect(
        isinstance(value, (pd.Series, np.ndarray, list)),
        f"`dem_count` is a {type(value).__name__}; it should be a Series, one count per poll.",
    )
    got = np.asarray(value, dtype=float)
    check.expect(
        got.shape == (len(pa),),
        f"`dem_count` has {got.size} values, but `pa` has {len(pa)} polls: one count per poll.",
    )
    if np.all(got <= 1):
        check.fail(
            "`dem_count` holds a share, not a count of people: multiply by `n`.",
            reason=_COUNTS,
        )
    share = pa["cand1_pct"] / (pa["cand1_pct"] + pa["cand2_pct"])
    if check.close(got, (n * pa["cand1_pct"] / 100).round().to_numpy(), atol=0.5):
        check.fail(
            "`dem_count` uses the Democrat's share of *everyone* asked "
            "(`cand1_pct / 100`). This lesson uses the two-party share: divide by "
            "`cand1_pct + cand2_pct`."
        )
    if check.close(got, (n * (1 - share)).round().to_numpy(), atol=0.5):
        check.fail("`dem_count` counts the Republican's supporters (`cand2`); count `cand1`'s.")
    if check.close(got, (n * share).to_numpy()) and not np.all(got == np.round(got)):
        check.fail(
            "`dem_count` is not a whole number of people: round it with `.round()`.",
        )
    check.expect(
        check.close(got, expected.to_numpy(), atol=0.5),
        "`dem_count` is not `n` times each poll's two-party share for the Democrat, rounded.",
    )
    return f"{int(got.sum()):,} of the {int(n.sum()):,} people asked are for the Democrat."


# ------------------------------------------------------------------ exercise 2 ---


@lesson.exercise(
    hints=[
        "The prior is Beta(1, 1): start from a = 1 and b = 1.",
        "`a_first = 1 + dem_count.iloc[0]`, and `b_first` adds the poll's *other* people.",
    ],
    wrong=[
        Wrong(
            "a_first, b_first = dem_count.iloc[0], n.iloc[0] - dem_count.iloc[0]",
            message="prior",
        ),
        Wrong(
            "a_first, b_first = 1 + dem_count.iloc[0], 1 + n.iloc[0]",
            message="the people who are not for the Democrat",
        ),
        Wrong(
            "a_first, b_first = 1 + n.iloc[0] - dem_count.iloc[0], 1 + dem_count.iloc[0]",
            message="swapped",
        ),
        Wrong(
            "a_first, b_first = 1 + dem_count.iloc[-1], 1 + n.iloc[-1] - dem_count.iloc[-1]",
            message="last poll",
        ),
        Wrong(
            'a_first, b_first = 1 + pa["cand1_pct"].iloc[0], 1 + pa["cand2_pct"].iloc[0]',
            message="percentages",
        ),
    ],
)
def first_update(check: Check) -> str:
    """Set `a_first, b_first` to the posterior's parameters after the first poll."""
    n, k = _counts()
    pa = _pa()
    a = _number(check, "a_first", "a number (the Beta's first parameter)")
    b = _number(check, "b_first", "a number (the Beta's second parameter)")
    k0, n0 = float(k.iloc[0]), float(n.iloc[0])
    if check.close((a, b), (k0, n0 - k0)):
        check.fail(
            "`a_first, b_first` leave out the prior: Beta(1, 1) starts at a = 1, b = 1, and "
            "the poll's counts are added to those.",
        )
    if check.close((a, b), (1 + n0 - k0, 1 + k0)):
        check.fail(
            "`a_first` and `b_first` are swapped: the Democrats go to `a`, the others to `b`."
        )
    if check.close((a, b), (1 + k0, 1 + n0)):
        check.fail(
            "`b_first` adds the whole poll: add only the people who are not for the "
            "Democrat, `n - k`."
        )
    kl, nl = float(k.iloc[-1]), float(n.iloc[-1])
    if check.close((a, b), (1 + kl, 1 + nl - kl)):
        check.fail("`a_first, b_first` use the last poll of `pa`; the first is `.iloc[0]`.")
    if check.close((a, b), (1 + pa["cand1_pct"].iloc[0], 1 + pa["cand2_pct"].iloc[0])):
        check.fail(
            "`a_first, b_first` add the poll's percentages; add counts of people.",
            reason=_COUNTS,
        )
    check.expect(
        check.close((a, b), (1 + k0, 1 + n0 - k0)),
        f"`a_first, b_first` are {a!r}, {b!r}: not Beta(1, 1) updated with the first poll.",
    )
    return f"After one poll of {int(n0)} people the mean belief is {a / (a + b):.3f}."


# ------------------------------------------------------------------ exercise 3 ---


@lesson.exercise(
    hints=[
        "Updating poll after poll adds up the counts: use `.sum()`.",
        "`a_post = 1 + dem_count.sum()`; `b_post` is 1 plus the sum of `n - dem_count`.",
    ],
    wrong=[
        Wrong(
            "a_post, b_post = dem_count.sum(), (n - dem_count).sum()",
            message="prior",
        ),
        Wrong(
            "a_post, b_post = len(pa) + dem_count.sum(), len(pa) + (n - dem_count).sum()",
            message="once per poll",
        ),
        Wrong(
            "a_post, b_post = 1 + dem_count.mean(), 1 + (n - dem_count).mean()",
            message="average",
        ),
        Wrong(
            "a_post, b_post = 1 + dem_count.iloc[-1], 1 + n.iloc[-1] - dem_count.iloc[-1]",
            message="only the last poll",
        ),
    ],
)
def all_polls(check: Check) -> str:
    """Set `a_post, b_post` to the posterior's parameters after every poll."""
    n, k = _counts()
    a = _number(check, "a_post", "a number (the Beta's first parameter)")
    b = _number(check, "b_post", "a number (the Beta's second parameter)")
    ks, others = float(k.sum()), float((n - k).sum())
    if check.close((a, b), (ks, others)):
        check.fail("`a_post, b_post` leave out the prior's 1 and 1.")
    if check.close((a, b), (len(n) + ks, len(n) + others)):
        check.fail(
            "`a_post, b_post` add the prior once per poll. The prior comes once, at the "
            "start; each poll then adds only its own counts."
        )
    if check.close((a, b), (1 + k.mean(), 1 + (n - k).mean())):
        check.fail(
            "`a_post, b_post` use the average poll. Each poll is new evidence: add up all "
            "their counts (`.sum()`)."
        )
    kl, nl = float(k.iloc[-1]), float(n.iloc[-1])
    if check.close((a, b), (1 + kl, 1 + nl - kl)):
        check.fail(
            "`a_post, b_post` use only the last poll: the posterior after all the polls adds "
            "every poll's counts."
        )
    check.expect(
        check.close((a, b), (1 + ks, 1 + others)),
        f"`a_post, b_post` are {a!r}, {b!r}: not Beta(1, 1) updated with every poll.",
    )
    return f"All {len(n)} polls: Beta({a:,.0f}, {b:,.0f})."


# ------------------------------------------------------------------ exercise 4 ---


@lesson.exercise(
    hints=[
        "The mean of Beta(a, b) is a / (a + b).",
        "`stats.beta.ppf([0.025, 0.975], a_post, b_post)` gives both ends at once.",
    ],
    wrong=[
        Wrong(
            "post_mean = a_post / (a_post + b_post)\n"
            "low, high = stats.beta.ppf([0.05, 0.95], a_post, b_post)",
            message="90%",
        ),
        Wrong(
            "post_mean = a_post / b_post\n"
            "low, high = stats.beta.ppf([0.025, 0.975], a_post, b_post)",
            message="a / (a + b)",
        ),
        Wrong(
            "post_mean = a_post / (a_post + b_post)\n"
            "low, high = stats.beta.ppf([0.025, 0.975], a_first, b_first)",
            message="first poll",
        ),
        Wrong(
            "post_mean = a_post / (a_post + b_post)\n"
            "low, high = stats.beta.ppf([0.975, 0.025], a_post, b_post)",
            message="`low` is above `high`",
        ),
        Wrong(
            "post_mean = a_post / (a_post + b_post)\n"
            "low, high = stats.beta.ppf([2.5, 97.5], a_post, b_post)",
            message="not a number",
        ),
    ],
)
def credible_interval(check: Check) -> str:
    """Set `post_mean` and the 95% credible interval `low, high` of the posterior."""
    from scipy import stats

    a, b = _posterior()
    n, k = _counts()
    mean = _number(check, "post_mean", "a number between 0 and 1")
    lo = _number(check, "low", "a number between 0 and 1")
    hi = _number(check, "high", "a number between 0 and 1")
    if "median" in (check.code_for("post_mean") or ""):
        check.fail(
            "`post_mean` is the posterior's median; the task asks for its mean, a / (a + b) "
            "(here they are close, but not the same number)."
        )
    if check.close(mean, a / b):
        check.fail("`post_mean` is a / b; the mean of Beta(a, b) is a / (a + b).")
    check.expect(
        check.close(mean, a / (a + b)),
        f"`post_mean` is {mean!r}, which is not the mean of Beta(`a_post`, `b_post`).",
    )
    if lo != lo or hi != hi:
        check.fail(
            "`low` or `high` is not a number (nan): `ppf` takes shares between 0 and 1, "
            "such as 0.025, not percentages.",
        )
    if lo > hi:
        check.fail("`low` is above `high`: the 2.5% quantile comes first.")
    if check.close((lo, hi), tuple(stats.beta.ppf([0.05, 0.95], a, b))):
        check.fail(
            "`low, high` hold 90% of the belief (the 5% and 95% quantiles). A 95% interval "
            "leaves 2.5% out on each side."
        )
    a1, b1 = PRIOR[0] + float(k.iloc[0]), PRIOR[1] + float(n.iloc[0] - k.iloc[0])
    if check.close((lo, hi), tuple(stats.beta.ppf([0.025, 0.975], a1, b1))):
        check.fail("`low, high` is the interval after the first poll only; use `a_post, b_post`.")
    check.expect(
        check.close((lo, hi), tuple(stats.beta.ppf([0.025, 0.975], a, b))),
        f"`low, high` ({lo!r}, {hi!r}) are not the 2.5% and 97.5% quantiles of the posterior.",
    )
    return f"95% of the belief lies between {lo:.4f} and {hi:.4f}: a very narrow interval."


# ------------------------------------------------------------------ exercise 5 ---


@lesson.exercise(
    hints=[
        "The belief *above* 0.5 is the survival function at 0.5.",
        "`stats.beta.sf(0.5, a_post, b_post)`",
    ],
    wrong=[
        Wrong("p_dem_leads = stats.beta.cdf(0.5, a_post, b_post)", message="below 0.5"),
        Wrong("p_dem_leads = post_mean > 0.5", message="True or False"),
        Wrong("p_dem_leads = post_mean", message="posterior mean"),
        Wrong("p_dem_leads = stats.beta.sf(0.5, a_first, b_first)", message="first poll"),
    ],
)
def lead_probability(check: Check) -> str:
    """Set `p_dem_leads` to the posterior probability that the share is above 0.5."""
    from scipy import stats

    a, b = _posterior()
    n, k = _counts()
    import numpy as np

    value = check.get("p_dem_leads")
    if isinstance(value, (bool, np.bool_)):
        check.fail(
            "`p_dem_leads` is True or False (whether the mean is above 0.5); the task asks "
            "for a probability, the share of the belief above 0.5."
        )
    p = _number(check, "p_dem_leads", "a probability between 0 and 1")
    expected = float(stats.beta.sf(0.5, a, b))
    if check.close(p, expected):
        return f"The model is {p:.4%} sure that the Democrat leads."
    code = check.code_for("p_dem_leads") or ""
    if "pdf" in code or (
        check.close(p, float(stats.beta.pdf(0.5, a, b)), atol=0)
        and not check.close(p, float(stats.beta.cdf(0.5, a, b)), atol=0)
    ):
        check.fail(
            "`p_dem_leads` is the density at 0.5 (`pdf`), how high the curve is there, not a "
            "probability. The belief above 0.5 is `sf`."
        )
    below = float(stats.beta.cdf(0.5, a, b))
    if check.close(p, below, atol=0) or (
        check.close(p, 1 - expected) and not check.close(p, expected)
    ):
        check.fail(
            "`p_dem_leads` is the belief below 0.5 (the `cdf`), the probability that the "
            "Democrat trails. The belief above is `sf`."
        )
    if check.close(p, a / (a + b)):
        check.fail(
            "`p_dem_leads` is the posterior mean share, not a probability of leading: "
            "take the belief above 0.5."
        )
    a1, b1 = PRIOR[0] + float(k.iloc[0]), PRIOR[1] + float(n.iloc[0] - k.iloc[0])
    if check.close(p, float(stats.beta.sf(0.5, a1, b1))):
        check.fail("`p_dem_leads` uses the posterior after the first poll only.")
    check.fail(f"`p_dem_leads` is {p!r}, which is not the posterior's belief above 0.5.")


# ------------------------------------------------------------------ exercise 6 ---


@lesson.exercise(
    hints=[
        '`pa["cand1_actual"].iloc[0]` is the Democrat\'s real percentage; divide it by the '
        "two candidates' together.",
        "`inside = bool(low <= actual_share <= high)`",
    ],
    wrong=[
        Wrong(
            'actual_share = pa["cand1_actual"].iloc[0] / 100\n'
            "inside = bool(low <= actual_share <= high)",
            message="two-party",
        ),
        Wrong(
            'actual_share = pa["cand1_actual"].iloc[0] / (pa["cand1_actual"].iloc[0] + '
            'pa["cand2_actual"].iloc[0]) * 100\ninside = False',
            message="percentage",
        ),
        Wrong(
            'actual_share = pa["cand1_actual"].iloc[0] / (pa["cand1_actual"].iloc[0] + '
            'pa["cand2_actual"].iloc[0])\ninside = True',
            message="`inside`",
        ),
        Wrong(
            "actual_share = post_mean\ninside = True",
            message="your posterior mean",
        ),
        Wrong(
            'actual_share = pa["cand1_actual"] / (pa["cand1_actual"] + pa["cand2_actual"])\n'
            "inside = False",
            message="one number",
        ),
    ],
)
def check_result(check: Check) -> str:
    """Set `actual_share` to the real two-party share and `inside` to whether it is in."""
    import numpy as np
    from scipy import stats

    pa = _pa()
    a, b = _posterior()
    value = check.get("actual_share")
    if not isinstance(value, numbers.Real):
        check.fail(
            f"`actual_share` is a {type(value).__name__}; it should be one number (the "
            "result is the same on every row: take `.iloc[0]`)."
        )
    share = float(value)
    first = pa.iloc[0]
    expected = float(first["cand1_actual"] / (first["cand1_actual"] + first["cand2_actual"]))
    if check.close(share, expected * 100):
        check.fail("`actual_share` looks like a percentage: keep the share between 0 and 1.")
    if check.close(share, float(first["cand1_actual"])):
        check.fail(
            "`actual_share` is the Democrat's percentage of all votes; make it a two-party "
            "share between 0 and 1: divide by `cand1_actual + cand2_actual`."
        )
    if check.close(share, float(first["cand1_actual"]) / 100):
        check.fail(
            "`actual_share` is the Democrat's share of all votes; the polls were counted as "
            "two-party shares, so divide by `cand1_actual + cand2_actual`."
        )
    if check.close(share, a / (a + b)):
        check.fail(
            "`actual_share` is your posterior mean, the forecast. The result is in the "
            "`cand1_actual` and `cand2_actual` columns."
        )
    check.expect(
        check.close(share, expected),
        f"`actual_share` is {share!r}, which is not the Democrat's real two-party share.",
    )
    flag = check.get("inside")
    check.expect(
        isinstance(flag, (bool, np.bool_)),
        f"`inside` is a {type(flag).__name__}; it should be True or False.",
    )
    lo, hi = stats.beta.ppf([0.025, 0.975], a, b)
    truth = bool(lo <= expected <= hi)
    check.expect(
        bool(flag) == truth,
        f"`inside` is {bool(flag)}, but compare `actual_share` with `low` and `high` again.",
    )
    where = "inside" if truth else "outside"
    return f"The result, {expected:.4f}, fell {where} the 95% interval."
