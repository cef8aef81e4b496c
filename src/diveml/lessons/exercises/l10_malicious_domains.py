"""Lesson 10, malicious domains: string features, an n-gram leak avoided, false alarms.

The data is catalog entry ``dga_domains`` (Alexa's top domains and DGA-generated ones, from
ClickSecurity's data_hacking). The references are rebuilt here from the data on the
learner's machine; where a check needs the lesson's own model (its predictions), it uses
the notebook's ``test``/``predicted``/``model`` so that the learner is judged against what
they see.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="10-malicious-domains",
    title="Malicious domains",
    minutes=30,
    summary=(
        "Tell generated malware domains from real ones with length, entropy and character "
        "n-grams; avoid the original's n-gram leak, count false alarms, score new names."
    ),
)

LEGIT_SAMPLE = 10_000
TEST_SHARE = 0.25
# Strings whose entropy the checks compute: no repeat, repeats, one letter, a long random one.
ENTROPY_CASES = ("abab", "aaaa", "google", "facebook", "xcaywkeyptvcvcrkmzrpvjbobgy", "a")

LEAK = (
    "The n-gram counts are learned from data, like a model's weights. Counting the n-grams "
    "of test names too means each legitimate test name's own pieces were counted: it looks "
    "familiar to the model because it *is* one of the names counted, and the test score "
    "comes out better than it would on new names."
)


@functools.cache
def _domains() -> pd.DataFrame:
    from diveml.data import load_dataset

    return load_dataset("dga_domains")


def _name_of(domains: pd.Series) -> pd.Series:
    return domains.str.split(".").str[0]


@functools.cache
def _split() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The notebook's sample and split, rebuilt: (train, test)."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    domains = _domains().copy()
    domains["name"] = _name_of(domains["domain"])
    unique = domains.drop_duplicates("name")
    data = pd.concat(
        [
            unique[unique["class"] == "legit"].sample(LEGIT_SAMPLE, random_state=0),
            unique[unique["class"] == "dga"],
        ],
        ignore_index=True,
    )
    train, test = train_test_split(
        data, test_size=TEST_SHARE, stratify=data["class"], random_state=0
    )
    return train, test


def _entropy(text: str) -> float:
    import math
    from collections import Counter

    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())


def _values(value: Any) -> list[Any]:
    """A learner's column of values as a plain list (Series, list, array, Index)."""
    return list(value.tolist() if hasattr(value, "tolist") else value)


# --------------------------------------------------------------------------- exercise 1


def _judge_names(check: Check, name: str, got: list[Any], domains: pd.Series) -> None:
    """Fail with the misconception when ``got`` are not the names of ``domains``."""
    check.expect(
        len(got) == len(domains),
        f"`{name}` has {len(got):,} values, but there are {len(domains):,} domains: make one "
        "name per domain, in the same order.",
    )
    if got and isinstance(got[0], list):
        check.fail(
            f"Each value of `{name}` is a list of pieces ({got[0]!r}): `.str.split('.')` cuts "
            "the domain, then `.str[0]` takes the first piece of each."
        )
    expected = _name_of(domains).tolist()
    if got == expected:
        return
    if got == domains.str.split(".").str[-1].tolist():
        check.fail(
            f"`{name}` holds the suffixes (like {got[0]!r}): `.str[-1]` takes the last piece, "
            "the top-level domain, which real and generated names share. Take the first "
            "piece, `.str[0]`."
        )
    if got == domains.str.strip(".com").tolist():
        check.fail(
            f"`.str.strip('.com')` does not remove the text '.com': it removes any of the "
            "characters '.', 'c', 'o' and 'm' from both ends, so 'comcast.com' loses its "
            f"'com' at the front too, and '.ru' is left alone. Split `{name}` at the dots "
            "instead."
        )
    dotted = [str(v) for v in got if "." in str(v)]
    if dotted:
        check.fail(
            f"Some values of `{name}` still contain a dot ({dotted[0]!r}): only '.com' was "
            "removed, or nothing was. Domains end in many suffixes (.ru, .org, .co.uk): "
            "keep the part before the first dot."
        )
    wrong = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
    check.fail(
        f"Value {wrong} of `{name}` is {got[wrong]!r}; for the domain "
        f"{domains.iloc[wrong]!r} it should be the part before the first dot."
    )


@lesson.exercise(
    hints=[
        '`domains["domain"].str.split(".")` turns each domain into a list of pieces.',
        "Add `.str[0]` to keep the first piece of each list.",
    ],
    wrong=[
        Wrong('names = domains["domain"].str.split(".").str[-1]', message="the top-level domain"),
        Wrong('names = domains["domain"].str.strip(".com")', message="any of the characters"),
        Wrong('names = domains["domain"].str.replace(".com", "")', message="still contain a dot"),
        Wrong('names = domains["domain"].str.split(".")', message="is a list of pieces"),
        Wrong('names = domains["domain"].head(100).str.split(".").str[0]', message="100 values"),
    ],
)
def extract_names(check: Check) -> str:
    """Set `names` to the part of each domain before its first dot."""
    import pandas as pd

    names = check.get("names", (pd.Series, list), what="a pandas Series, one name per domain")
    _judge_names(check, "names", _values(names), _domains()["domain"])
    return "One name per domain, suffix removed."


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "Inside the function: `counts = Counter(text)` and `n = len(text)`; each character's "
        "share is `count / n`.",
        "Sum `p * math.log2(p)` over `counts.values()` (each distinct character once), and "
        "return minus that sum.",
        "`return -sum(c / n * math.log2(c / n) for c in counts.values())`",
    ],
    wrong=[
        Wrong(
            "def entropy(text):\n    n = len(text)\n"
            "    return -sum(c / n * math.log(c / n) for c in Counter(text).values())",
            message="natural logarithm",
        ),
        Wrong(
            "def entropy(text):\n    n = len(text)\n"
            "    return sum(c / n * math.log2(c / n) for c in Counter(text).values())",
            message="minus sign",
        ),
        Wrong(
            "def entropy(text):\n    counts = Counter(text)\n    n = len(counts)\n"
            "    return -sum(c / n * math.log2(c / n) for c in counts.values())",
            message="number of distinct characters",
        ),
        Wrong(
            "def entropy(text):\n    counts = Counter(text)\n    n = len(text)\n"
            "    return -sum(counts[ch] / n * math.log2(counts[ch] / n) for ch in text)",
            message="once per occurrence",
        ),
        Wrong(
            "def entropy(text):\n    n = len(text)\n"
            "    print(-sum(c / n * math.log2(c / n) for c in Counter(text).values()))",
            message="returns None",
        ),
        Wrong("entropy = 2.0", message="should be a function"),
    ],
)
def entropy(check: Check) -> str:
    """Write `entropy(text)`: the Shannon entropy of the characters of `text`, in bits."""
    import math
    from collections import Counter

    func = check.get("entropy", what="a function, made with `def entropy(text):`")
    check.expect(callable(func), "`entropy` should be a function, made with `def entropy(text):`.")
    unsure: str | None = None
    for text in ENTROPY_CASES:
        value = check.call(func, text)
        expected = _entropy(text)
        check.expect(
            value is not None,
            f"`entropy({text!r})` returns None: the function computes but does not `return`.",
        )
        check.expect(
            isinstance(value, (int, float)) or hasattr(value, "__float__"),
            f"`entropy({text!r})` returned {type(value).__name__}; it should return a number.",
        )
        value = float(value)
        if check.close(value, expected):
            continue
        counts = Counter(text)
        if check.close(value, expected * math.log(2)):
            check.fail(
                f"`entropy({text!r})` is {value:.3f}: that is with the natural logarithm "
                "(`math.log`), which measures in 'nats'. Bits need the base-2 logarithm, "
                "`math.log2`."
            )
        if check.close(value, -expected):
            check.fail(
                f"`entropy({text!r})` is {value:.3f}, below zero. A share is at most 1, so its "
                "logarithm is zero or negative: the formula has a minus sign in front of the "
                "sum to make the entropy positive."
            )
        distinct = len(counts)
        if check.close(
            value, -sum(c / distinct * math.log2(c / distinct) for c in counts.values())
        ):
            check.fail(
                f"`entropy({text!r})` divides the counts by the number of distinct characters. "
                "A character's share is its count divided by the length of the text, so "
                "that the shares add up to 1."
            )
        n = len(text)
        per_position = -sum(counts[ch] / n * math.log2(counts[ch] / n) for ch in text)
        unweighted = -sum(math.log2(c / n) for c in counts.values())
        if check.close(per_position, unweighted) and check.close(value, unweighted):
            unsure = text  # the two mistakes agree on this text ('abab'); the next one tells
            continue
        if check.close(value, unweighted):
            check.fail(
                f"`entropy({text!r})` adds up the logarithms of the shares without weighting "
                "them: each character's term is its probability (its share of the text) times "
                "the logarithm of that probability, `p * log2(p)`, so that rare characters "
                "count for little."
            )
        if check.close(value, -sum(c * math.log2(c) for c in counts.values())):
            check.fail(
                f"`entropy({text!r})` works with the counts themselves. The formula needs each "
                "character's probability, its share of the text: its count divided by "
                "`len(text)`, between 0 and 1, all adding up to 1."
            )
        if check.close(value, per_position):
            check.fail(
                f"`entropy({text!r})` adds a term once per occurrence of each character, so a "
                "repeated letter counts several times. Sum over the distinct characters "
                "(`counts.values()`), once each."
            )
        check.fail(
            f"`entropy({text!r})` returned {value:.3f}; check it by hand on 'abab' (1 bit) and "
            "'aaaa' (0 bits)."
        )
    check.expect(
        unsure is None,
        f"`entropy({unsure!r})` is not right, though every other test string is: check it by "
        "hand ('abab' has two characters, each with probability 1/2: 1 bit).",
    )
    return "Right on every test string, from 'aaaa' (0 bits) to a long random one."


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        "Two conditions: rows of `train` (not `data`, not `domains`), and only the "
        "legitimate ones.",
        '`train.loc[train["class"] == "legit", "name"]`',
    ],
    wrong=[
        Wrong(
            'legit_names = domains.loc[domains["class"] == "legit", "domain"]',
            message="every legitimate domain",
        ),
        Wrong('legit_names = data.loc[data["class"] == "legit", "name"]', message="the test rows"),
        Wrong('legit_names = train["name"]', message="generated names too"),
        Wrong('legit_names = test.loc[test["class"] == "legit", "name"]', message="only test rows"),
    ],
)
def legit_names(check: Check) -> str:
    """Set `legit_names` to the names of the legitimate training rows (n-grams come from these)."""
    import pandas as pd

    value = check.get("legit_names", (pd.Series, list), what="a pandas Series of names")
    train, test = _split()
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value.dtype):
        check.fail(
            f"`legit_names` is a column of True/False ({len(value):,} values, one per training "
            "row): the mask says *which* rows are legitimate. Use it to pick their names: "
            '`train.loc[mask, "name"]`.'
        )
    got = sorted(map(str, _values(value)))
    expected = sorted(train.loc[train["class"] == "legit", "name"])
    if got == expected:
        return (
            f"{len(got):,} names to count n-grams from, none of them a test row: the test "
            "names will be new to the counts, as real new names are."
        )
    legit = _domains()["class"] == "legit"
    if len(got) >= legit.sum():
        check.fail(
            f"`legit_names` holds every legitimate domain ({len(got):,}), as the original "
            "notebook did: the test rows' names are among them.",
            reason=LEAK,
        )
    test_legit = set(test.loc[test["class"] == "legit", "name"])
    if set(got) <= test_legit:
        check.fail(
            "`legit_names` holds only test rows. The test rows are kept out of everything "
            "that learns; take the legitimate rows of `train`."
        )
    if set(got) & test_legit:
        check.fail("`legit_names` includes names of the test rows.", reason=LEAK)
    if set(got) & set(train.loc[train["class"] == "dga", "name"]):
        check.fail(
            "`legit_names` includes generated names too. The score says how much a name looks "
            "like the names people choose: count n-grams of the legitimate rows only, or "
            "generated pieces will look familiar."
        )
    check.fail(
        f"`legit_names` has {len(got):,} names, which are not the names of the legitimate "
        'rows of `train`. Filter `train` with `train["class"] == "legit"`.'
    )


# --------------------------------------------------------------------------- exercise 4


def _test_and_predicted(check: Check) -> tuple[pd.DataFrame, Any]:
    import numpy as np
    import pandas as pd

    test = check.get("test", pd.DataFrame, what="the lesson's test rows (run the cells above)")
    predicted = np.asarray(check.get("predicted", what="the model's predictions"))
    check.expect(
        len(predicted) == len(test),
        "`predicted` no longer matches `test` row for row. Run the cells from the random "
        "forest down again.",
    )
    return test, predicted


@lesson.exercise(
    hints=[
        "Two conditions joined with `&`, each in parentheses: the true class is `legit`, "
        "and the prediction is `dga`.",
        '`test[(test["class"] == "legit") & (predicted == "dga")]`',
    ],
    wrong=[
        Wrong('false_alarms = test[predicted == "dga"]', message="really are generated"),
        Wrong(
            'false_alarms = test[(test["class"] == "legit") & (predicted == "legit")]',
            message="the model got right",
        ),
        Wrong(
            'false_alarms = test[(test["class"] == "dga") & (predicted == "legit")]',
            message="false negatives",
        ),
        Wrong(
            'false_alarms = train[(train["class"] == "legit") & (model.predict(X_train) == "dga")]',
            message="training rows",
        ),
        Wrong(
            'false_alarms = test[test["class"] == "legit" & predicted == "dga"]',
            outcome="raised",
            message="TypeError",
        ),
    ],
)
def false_alarms(check: Check) -> str:
    """Set `false_alarms` to the legitimate test rows that the model predicted as `dga`."""
    import pandas as pd

    value = check.get("false_alarms", pd.DataFrame, what="a DataFrame: rows of `test`")
    test, predicted = _test_and_predicted(check)
    is_legit = (test["class"] == "legit").to_numpy()
    as_dga = predicted == "dga"
    got = set(value.index)
    if check.has("train") and got and got <= set(check.get("train").index):
        check.fail(
            "`false_alarms` are training rows.",
            reason=(
                "A random forest knows its training rows almost by heart, so it makes few "
                "mistakes on them; that says nothing about new names. Take the rows of `test`."
            ),
        )
    if got == set(test.index[is_legit & as_dga]):
        return f"{len(got)} legitimate test names were flagged as generated."
    if got == set(test.index[as_dga]):
        check.fail(
            "`false_alarms` holds every row predicted `dga`, including names that really are "
            "generated: those are hits, not false alarms. Also require "
            '`test["class"] == "legit"`.'
        )
    if got == set(test.index[is_legit & ~as_dga]):
        check.fail(
            "`false_alarms` are the legitimate names the model got right. A false alarm is "
            "a legitimate name predicted as `dga`."
        )
    if got == set(test.index[~is_legit & ~as_dga]):
        check.fail(
            "`false_alarms` are generated names predicted `legit`: those are false negatives "
            "(threats let through). A false alarm is the opposite: legitimate, predicted `dga`."
        )
    if got == set(test.index[is_legit | as_dga]):
        check.fail(
            f"`false_alarms` has {len(value)} rows: every legitimate row *or* every row "
            "predicted `dga`. `|` means or; a false alarm must meet both conditions at once, "
            "which is `&` (and)."
        )
    if got == set(test.index[test["class"].to_numpy() != predicted]):
        check.fail(
            f"`false_alarms` holds every mistake ({len(value)} rows), of both kinds: generated "
            "names let through as well as legitimate names flagged. A false alarm is only "
            "the second kind: the true class is `legit` *and* the prediction is `dga`."
        )
    check.fail(
        f"`false_alarms` has {len(value)} rows, which are not the legitimate test rows "
        "predicted `dga`. Two conditions must both hold: one on the true class, one on the "
        "prediction."
    )


# --------------------------------------------------------------------------- exercise 5


@lesson.exercise(
    hints=[
        "A rate out of the legitimate names: (false alarms) / (legitimate test rows).",
        '`len(false_alarms) / (test["class"] == "legit").sum()`',
    ],
    wrong=[
        Wrong("false_alarm_rate = len(false_alarms) / len(test)", message="every test row"),
        Wrong(
            'false_alarm_rate = len(false_alarms) / (predicted == "dga").sum()',
            message="share of the alarms",
        ),
        Wrong("false_alarm_rate = 1 - model.score(X_test, y_test)", message="both kinds"),
        Wrong(
            'false_alarm_rate = 100 * len(false_alarms) / (test["class"] == "legit").sum()',
            message="percentage",
        ),
    ],
)
def false_alarm_rate(check: Check) -> str:
    """Set `false_alarm_rate` to the share of legitimate test names flagged as `dga`."""
    import numbers

    import numpy as np

    value = check.get("false_alarm_rate", (numbers.Real, np.floating), what="a number")
    test, predicted = _test_and_predicted(check)
    is_legit = (test["class"] == "legit").to_numpy()
    alarms = int((is_legit & (predicted == "dga")).sum())
    expected = alarms / int(is_legit.sum())
    if check.close(value, expected):
        return (
            f"{value:.4f}: about one legitimate name in {round(1 / value):,} is flagged."
            if value
            else "0: no legitimate test name was flagged."
        )
    if check.close(value, 100 * expected):
        check.fail("`false_alarm_rate` looks like a percentage: give it as a fraction (0 to 1).")
    if check.close(value, alarms / len(test)):
        check.fail(
            "`false_alarm_rate` divides by every test row. The false-positive rate is out of "
            "the legitimate names only: they are the ones that can raise a false alarm."
        )
    flagged = int((predicted == "dga").sum())
    if flagged and check.close(value, alarms / flagged):
        check.fail(
            "`false_alarm_rate` is the share of the alarms that were false (out of all names "
            "flagged). That is another useful number, the *false discovery rate*; the "
            "false-positive rate is out of the legitimate names."
        )
    if check.close(value, float(np.mean(predicted != test["class"].to_numpy()))):
        check.fail(
            "`false_alarm_rate` is the error rate, 1 - accuracy: it counts both kinds of "
            "error. Count only legitimate names flagged as `dga`, out of the legitimate names."
        )
    if value > 1 and check.close(value, alarms):
        check.fail(
            f"`false_alarm_rate` is {value:g}: the number of false alarms, a count. A rate is "
            "a share: divide it by the number of legitimate test rows."
        )
    if value > 1 and alarms and check.close(value, int(is_legit.sum()) / alarms):
        check.fail(
            f"`false_alarm_rate` is {value:.1f}, above 1: the division is upside down. Put "
            "the false alarms on top and the legitimate test rows below."
        )
    if check.close(value, float(np.mean(predicted == "dga"))):
        check.fail(
            "`false_alarm_rate` is the share of every test row predicted `dga`, hits "
            "included. Count only the false alarms, and divide by the legitimate test rows."
        )
    if check.has("train"):
        train = check.get("train")
        if "class" in getattr(train, "columns", ()):
            legit_train = int((train["class"] == "legit").sum())
            if legit_train and check.close(value, alarms / legit_train):
                check.fail(
                    "`false_alarm_rate` divides by the legitimate training rows. The false "
                    "alarms are test rows: divide by the legitimate rows of `test`."
                )
    check.fail(
        f"`false_alarm_rate` is {value:.4g}, which is not the share of legitimate test names "
        "that were flagged as `dga`."
    )


# --------------------------------------------------------------------------- exercise 6


@functools.cache
def _raw_new() -> tuple[str, ...]:
    from diveml.data import dataset_files

    path = dataset_files("dga_domains")["urls_to_evaluate.txt"]
    return tuple(path.read_text(encoding="utf-8").splitlines())


@lesson.exercise(
    hints=[
        "Chain the string methods on `raw`: `.str.strip()`, `.str.lower()`, then split at "
        "the dots and keep the first piece, as in exercise 1.",
        "`new_predictions = model.predict(features(new_names))`",
    ],
    wrong=[
        Wrong(
            "new_names = raw\nnew_predictions = model.predict(features(raw))",
            message="still contain a dot",
        ),
        Wrong(
            'new_names = raw.str.strip().str.lower().str.split(".").str[0]\n'
            "new_predictions = model.predict_proba(features(new_names))",
            message="probabilities",
        ),
        Wrong(
            'new_names = raw.str.strip().str.lower().str.split(".").str[0]\n'
            "new_predictions = predicted",
            message="the test rows",
        ),
        Wrong(
            'new_names = raw.str.strip().str.lower().str.split(".").str[0]\n'
            "new_predictions = model.predict(features(raw))",
            message="were not made from `new_names`",
        ),
    ],
)
def score_new_names(check: Check) -> str:
    """Clean the 200 unlabelled names into `new_names`; predict them into `new_predictions`."""
    import numpy as np
    import pandas as pd
    from sklearn.base import BaseEstimator

    names = check.get("new_names", (pd.Series, list), what="a pandas Series of names")
    raw = pd.Series(_raw_new())
    _judge_names(check, "new_names", _values(names), raw.str.strip().str.lower())
    value = np.asarray(check.get("new_predictions", what="the model's predicted classes"))
    if value.ndim == 2:
        check.fail(
            "`new_predictions` has two columns: these are probabilities (`predict_proba`), "
            "one per class. Use `model.predict` for the predicted class of each name."
        )
    check.expect(
        len(value) == len(raw),
        f"`new_predictions` has {len(value):,} values, but there are {len(raw)} new names: "
        "those are the predictions for the test rows. Predict `features(new_names)`.",
    )
    model = check.get("model", BaseEstimator, what="the lesson's random forest")
    make = check.get("features", what="the lesson's `features` function")
    expected = check.call(model.predict, check.call(make, pd.Series(_values(names))))
    check.expect(
        list(value) == list(expected),
        "`new_predictions` were not made from `new_names` as they are (from `raw`?). The "
        "model learned from names without suffixes, spaces or paths; a name with its "
        "'.com' is longer and has other n-grams, so its features mean something else. "
        "Predict `features(new_names)` with `model.predict`.",
    )
    flagged = int((value == "dga").sum())
    return f"{flagged} of the {len(value)} names look generated to the model."
