"""Lesson 2, "What is a model?": a split by hand, a decision tree, depth and overfitting.

Every reference is computed here from a fresh copy of the penguins table, never read from
the learner's notebook, and never shown to the learner.
"""

from __future__ import annotations

import functools
import numbers
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="02-what-is-a-model",
    title="What is a model?",
    minutes=20,
    summary=(
        "A visual introduction with decision trees on the Palmer penguins: pick a split by "
        "hand, let a tree find it, watch the boundary change with depth."
    ),
)

MEASUREMENTS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
BILLS = ["bill_length_mm", "bill_depth_mm"]
DEPTHS = range(1, 9)
# A hand-picked split passes when it is this close to the best single split's accuracy:
# close enough to be read off the histogram, far enough to need the right region.
THRESHOLD_SLACK = 0.03
NEW_PENGUIN = {"bill_length_mm": 50.0, "bill_depth_mm": 15.0}


@functools.cache
def _penguins() -> pd.DataFrame:
    """The lesson's table: every penguin with all four measurements."""
    from diveml.data import load_dataset

    return load_dataset("penguins").dropna(subset=MEASUREMENTS)


def _rule_accuracy(threshold: float) -> float:
    frame = _penguins()
    said = frame["flipper_length_mm"] > threshold
    return float((said == (frame["species"] == "Gentoo")).mean())


@functools.cache
def _best_rule_accuracy() -> float:
    """The accuracy of the best threshold: try every midpoint between observed lengths."""
    import numpy as np

    lengths = np.unique(_penguins()["flipper_length_mm"].to_numpy())
    return max(_rule_accuracy(float(t)) for t in (lengths[:-1] + lengths[1:]) / 2)


@functools.cache
def _reference_tree(depth: int) -> Any:
    from sklearn.tree import DecisionTreeClassifier

    frame = _penguins()
    return DecisionTreeClassifier(max_depth=depth, random_state=0).fit(
        frame[BILLS], frame["species"]
    )


@functools.cache
def _reference_stump_threshold() -> float:
    from sklearn.tree import DecisionTreeClassifier

    frame = _penguins()
    stump = DecisionTreeClassifier(max_depth=1).fit(
        frame[["flipper_length_mm"]], frame["species"] == "Gentoo"
    )
    return float(stump.tree_.threshold[0])


def _penguin_count(count: int, kind: str) -> str:
    return f"{count} {kind} penguin{'' if count == 1 else 's'}"


def _kind_name(value: object) -> str:
    names = {"ndarray": "numpy array", "Series": "pandas Series"}
    return names.get(type(value).__name__, type(value).__name__)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@lesson.exercise(
    hints=[
        "Look at the histogram: where do the green bars (Gentoo) start, and where do the "
        "orange and purple bars end?",
        "Pick a length in the narrow gap between the other two species' longest flippers and "
        "the Gentoo penguins' shortest. The axis is in millimetres.",
    ],
    wrong=[
        Wrong("flipper_threshold = 190", message="Move it up"),
        Wrong("flipper_threshold = 20.6", message="centimetres"),
        Wrong("flipper_threshold = '206'", message="`flipper_threshold` is a str"),
        Wrong("flipper_threshold = 300", message="longer than every flipper"),
    ],
)
def flipper_threshold(check: Check) -> str:
    """Set `flipper_threshold` to the flipper length (mm) that best separates Gentoo penguins."""
    value = check.get("flipper_threshold", numbers.Real, what="a number of millimetres")
    check.expect(
        not isinstance(value, bool), "`flipper_threshold` should be a number, not True or False."
    )
    lengths = _penguins()["flipper_length_mm"]
    shortest, longest = float(lengths.min()), float(lengths.max())
    if value < shortest and shortest <= value * 10 <= longest:
        check.fail(
            f"`flipper_threshold` is {value}: that looks like centimetres, but the table "
            "is in millimetres. Read the number off the plot's axis.",
            reason="The column name `flipper_length_mm` says its unit: millimetres.",
        )
    if value < shortest:
        check.fail(
            f"`flipper_threshold` is {value}, shorter than every flipper in the table, so the "
            "rule calls every penguin Gentoo. Read a length off the plot's axis."
        )
    if value >= longest:
        check.fail(
            f"`flipper_threshold` is {value}, longer than every flipper in the table, so the "
            "rule calls no penguin Gentoo. Read a length off the plot's axis."
        )
    accuracy = _rule_accuracy(float(value))
    if accuracy >= _best_rule_accuracy() - THRESHOLD_SLACK:
        return (
            f"A split at {value} mm gets {accuracy:.1%} of the penguins right. "
            "Next, see how your rule scores, step by step."
        )
    frame = _penguins()
    said = frame["flipper_length_mm"] > value
    gentoo = frame["species"] == "Gentoo"
    false_alarms = int((said & ~gentoo).sum())
    missed = int((~said & gentoo).sum())
    direction = (
        "Move it up, towards where the green bars start."
        if false_alarms > missed
        else "Move it down, towards where the orange and purple bars end."
    )
    check.fail(
        f"A split at {value} mm calls {_penguin_count(false_alarms, 'Adelie or Chinstrap')} "
        f"Gentoo and misses {_penguin_count(missed, 'Gentoo')}; a better split exists. "
        f"{direction}"
    )


@lesson.exercise(
    hints=[
        "Follow the example with 200 mm, but use `flipper_threshold` instead of 200.",
        "First `said_gentoo = penguins['flipper_length_mm'] > flipper_threshold`, then compare "
        "it with `is_gentoo` and take the `.mean()` of the comparison.",
    ],
    wrong=[
        Wrong(
            "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
            "hand_accuracy = (said_gentoo == is_gentoo).sum()",
            message="a count of penguins",
        ),
        Wrong(
            "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
            "hand_accuracy = said_gentoo.mean()",
            message="the share of penguins your rule calls Gentoo",
        ),
        Wrong("hand_accuracy = right_200.mean()", message="the example rule"),
        Wrong(
            "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
            "hand_accuracy = round((said_gentoo == is_gentoo).mean(), 2)",
            message="rounded",
        ),
        Wrong(
            "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
            "hand_accuracy = 100 * (said_gentoo == is_gentoo).mean()",
            message="a percentage",
        ),
    ],
)
def hand_accuracy(check: Check) -> str:
    """Set `hand_accuracy` to the accuracy (0 to 1) of your rule on every penguin."""
    value = check.get("hand_accuracy", numbers.Real, what="a single number between 0 and 1")
    threshold = check.namespace.get("flipper_threshold")
    if not _is_number(threshold):
        check.fail(
            "Set `flipper_threshold` to a number in exercise 1 first: `hand_accuracy` is the "
            "accuracy of the rule with that threshold."
        )
    frame = _penguins()
    said = frame["flipper_length_mm"] > threshold
    right = said == (frame["species"] == "Gentoo")
    accuracy = float(right.mean())
    if check.close(value, accuracy):
        return "That is the accuracy of your rule: the share of penguins it gets right."
    if check.close(value, int(right.sum())):
        check.fail(
            f"`hand_accuracy` is {value}: that is a count of penguins, not a share. Divide by "
            "the number of penguins, or use `.mean()` instead of `.sum()`."
        )
    if check.close(value, 100 * accuracy):
        check.fail(
            f"`hand_accuracy` is {value}: that looks like a percentage. Give the share as a "
            "number between 0 and 1 (drop the `* 100`)."
        )
    if check.close(value, float(said.mean())):
        check.fail(
            "`hand_accuracy` is the share of penguins your rule calls Gentoo, not the share "
            "it gets right. Compare the rule's answers with `is_gentoo` first.",
            reason="Accuracy counts a penguin when the rule's answer equals the truth.",
        )
    if abs(value - accuracy) <= 0.0051:
        check.fail(
            f"`hand_accuracy` is {value}: close, but rounded. Keep the full value (round only "
            "when you print it)."
        )
    if check.close(value, _rule_accuracy(200.0)):
        check.fail(
            "`hand_accuracy` is the accuracy of the example rule with 200 mm. Use your own "
            "`flipper_threshold`."
        )
    check.fail(
        f"`hand_accuracy` is {value}, which is not the share of penguins that the rule "
        '"longer than `flipper_threshold` means Gentoo" gets right.'
    )


@lesson.exercise(
    hints=[
        "Create the model with `DecisionTreeClassifier(max_depth=1)`, then call its `.fit` "
        "method with the features and the labels.",
        "`stump = DecisionTreeClassifier(max_depth=1).fit(X_flipper, y_gentoo)`",
    ],
    wrong=[
        Wrong("stump = DecisionTreeClassifier(max_depth=1)", message="has not been fitted yet"),
        Wrong(
            "stump = DecisionTreeClassifier().fit(X_flipper, y_gentoo)",
            message="max_depth=1",
        ),
        Wrong(
            "stump = DecisionTreeClassifier(max_depth=1).fit(X_flipper, penguins['species'])",
            message="`y_gentoo`",
        ),
        Wrong(
            "stump = DecisionTreeClassifier(max_depth=1).fit(penguins[['body_mass_g']], y_gentoo)",
            message="`X_flipper`",
        ),
    ],
)
def stump(check: Check) -> str:
    """Fit a one-split `DecisionTreeClassifier` called `stump` on `X_flipper` and `y_gentoo`."""
    from sklearn.tree import DecisionTreeClassifier

    model = check.fitted("stump", DecisionTreeClassifier)
    names = getattr(model, "feature_names_in_", None)
    if names is None or list(names) != ["flipper_length_mm"]:
        used = "unnamed columns" if names is None else ", ".join(map(str, names))
        check.fail(
            f"`stump` was fitted on {used}. Fit it on `X_flipper`, the flipper length alone."
        )
    # y_gentoo as True/False, or the same as 0/1: either is "Gentoo or not".
    labels = sorted(str(c) for c in model.classes_)
    if labels not in (["False", "True"], ["0", "1"]):
        check.fail(
            f"`stump` learned to answer {', '.join(labels)}. Fit it on `y_gentoo`, which is "
            "True for Gentoo and False for the rest."
        )
    if check.has("X_flipper") and check.has("y_gentoo"):
        import numpy as np

        said = np.asarray(check.call(model.predict, check.namespace["X_flipper"])).astype(bool)
        truth = np.asarray(check.namespace["y_gentoo"]).astype(bool)
        if said.shape == truth.shape and (said != truth).mean() > 0.5:
            check.fail(
                "`stump` answers True for the penguins that are *not* Gentoo: it learned "
                "flipped labels. Fit it on `y_gentoo` itself, True for Gentoo."
            )
    if model.get_depth() != 1:
        check.fail(
            f"`stump` asks {model.get_depth()} questions in a row; a stump asks one. Create "
            "it with `DecisionTreeClassifier(max_depth=1)`."
        )
    check.expect(
        check.close(model.tree_.threshold[0], _reference_stump_threshold()),
        "`stump` splits somewhere else than a stump fitted on every penguin in `X_flipper` "
        "and `y_gentoo`. Fit it on those two, unchanged.",
    )
    return "The tree tried every threshold and kept the best. Run the next cell to see it."


def _check_bill_table(check: Check) -> None:
    import pandas as pd

    reference = _penguins()
    value = check.get("X_bill")
    if isinstance(value, pd.Series):
        check.fail(
            "`X_bill` is a Series: a single column. Put a list of the two column names in the "
            "brackets: `penguins[['bill_length_mm', 'bill_depth_mm']]`.",
            reason="Features are always a table (one column per feature), even with one.",
        )
    if not isinstance(value, pd.DataFrame):
        check.wrong_kind("X_bill", value, "a pandas DataFrame")
    columns = list(map(str, value.columns))
    if "species" in columns:
        check.fail(
            "`X_bill` contains the `species` column: the answer itself. The features must be "
            "only what you can measure: bill length and bill depth.",
            reason="A model given the answer as an input learns nothing useful.",
        )
    if columns == BILLS[::-1]:
        check.fail(
            "`X_bill` has the right columns in the wrong order: put `bill_length_mm` first, "
            "then `bill_depth_mm`."
        )
    if columns != BILLS:
        check.fail(
            f"`X_bill` has the columns {columns}; it should have exactly `bill_length_mm` and "
            "`bill_depth_mm`."
        )
    check.expect(
        len(value) == len(reference),
        f"`X_bill` has {len(value)} rows; it should have one per penguin in `penguins`.",
    )


def _check_species_labels(check: Check) -> None:
    import pandas as pd

    reference = _penguins()["species"]
    labels = check.get("y_species", pd.Series, what="a pandas Series (one column)")
    if labels.dtype == bool:
        check.fail(
            "`y_species` is True/False, like `y_gentoo`. This time the tree must name all "
            "three species: use the `species` column itself."
        )
    check.expect(
        len(labels) == len(reference) and list(labels) == list(reference),
        "`y_species` is not the `species` column of `penguins`.",
    )


@lesson.exercise(
    hints=[
        "Two pairs of brackets select a table of columns: `penguins[['a', 'b']]`. One pair "
        "with one name selects a single column: `penguins['species']`.",
        "Fit as for the stump: `DecisionTreeClassifier(max_depth=2, random_state=0)"
        ".fit(X_bill, y_species)`.",
    ],
    wrong=[
        Wrong(
            "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
            "y_species = penguins['species']\n"
            "tree2 = DecisionTreeClassifier(random_state=0).fit(X_bill, y_species)",
            message="max_depth=2",
        ),
        Wrong(
            "X_bill = penguins['bill_length_mm']\ny_species = penguins['species']\ntree2 = ...",
            message="`X_bill` is a Series",
        ),
        Wrong(
            "X_bill = penguins[['bill_length_mm', 'bill_depth_mm', 'species']]\n"
            "y_species = penguins['species']\ntree2 = ...",
            message="the answer itself",
        ),
        Wrong(
            "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
            "y_species = y_gentoo\n"
            "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_bill, y_species)",
            message="all three species",
        ),
        Wrong(
            "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
            "y_species = penguins['species']\n"
            "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0)",
            message="has not been fitted yet",
        ),
    ],
)
def tree2(check: Check) -> str:
    """Fit `tree2`, a depth-2 tree, on `X_bill` (bill length and depth) and `y_species`."""
    from sklearn.tree import DecisionTreeClassifier

    _check_bill_table(check)
    _check_species_labels(check)
    model = check.fitted("tree2", DecisionTreeClassifier)
    if model.max_depth != 2:
        check.fail(
            f"`tree2` was created with max_depth={model.max_depth!r}. Create it with "
            "`max_depth=2` (and `random_state=0`)."
        )
    names = list(map(str, getattr(model, "feature_names_in_", [])))
    if names != BILLS:
        check.fail("`tree2` was not fitted on `X_bill`. Fit it with `.fit(X_bill, y_species)`.")
    features = _penguins()[BILLS]
    same = (model.predict(features) == _reference_tree(2).predict(features)).all()
    check.expect(
        same,
        "`tree2` answers differently from a depth-2 tree with `random_state=0` fitted on "
        "`X_bill` and `y_species`. Did you fit it on those, with `random_state=0`?",
    )
    return "Two questions in a row, three species. Run the next cells to see the boundary."


@lesson.exercise(
    hints=[
        "`tree2.predict(new_penguin)` returns an array with one answer per row of `new_penguin`.",
        "There is only one row, so take the first (and only) answer with `[0]`.",
    ],
    wrong=[
        Wrong("new_penguin_species = tree2.predict(new_penguin)", message="`[0]`"),
        Wrong(
            "new_penguin_species = tree2.predict(\n"
            "    pd.DataFrame({'bill_length_mm': [15.0], 'bill_depth_mm': [50.0]})\n"
            ")[0]",
            message="swapped",
        ),
        Wrong("new_penguin_species = 'Gentoo'", message="you typed it in"),
        Wrong("new_penguin_species = 'Chinstrap'", message="`tree2` answers otherwise"),
    ],
)
def new_penguin_species(check: Check) -> str:
    """Set `new_penguin_species` to `tree2`'s answer for a bill 50 mm long and 15 mm deep."""
    import numpy as np
    import pandas as pd

    value = check.get("new_penguin_species")
    if isinstance(value, (np.ndarray, pd.Series, list, tuple)):
        check.fail(
            f"`new_penguin_species` is a {_kind_name(value)} holding "
            f"{'one answer' if len(value) == 1 else f'{len(value)} answers'}, not a single "
            "string. Take the answer out with `[0]`.",
            reason="`predict` always returns one answer per row, even for a single row.",
        )
    if not isinstance(value, str):
        check.fail(
            f"`new_penguin_species` is a {type(value).__name__}; it should be a species "
            "name, a string such as 'Adelie'."
        )
    tree = _reference_tree(2)
    expected = str(tree.predict(pd.DataFrame([NEW_PENGUIN]))[0])
    if value == expected and check.typed_in("new_penguin_species"):
        check.fail(
            "`new_penguin_species` names the right species, but you typed it in. Let the "
            "model answer: `tree2.predict(new_penguin)[0]`."
        )
    if value == expected:
        return f"`tree2` says {value}. Look for the point (50, 15) on the plot above."
    species = sorted(map(str, tree.classes_))
    if value not in species:
        check.fail(
            f"`new_penguin_species` is {value!r}, which is not one of the species: "
            f"{', '.join(species)}. Ask `tree2.predict` rather than typing a name."
        )
    swapped = pd.DataFrame(
        [
            {
                "bill_length_mm": NEW_PENGUIN["bill_depth_mm"],
                "bill_depth_mm": NEW_PENGUIN["bill_length_mm"],
            }
        ]
    )
    if value == str(tree.predict(swapped)[0]):
        check.fail(
            f"`new_penguin_species` is {value!r}: the answer for a bill 15 mm long and 50 mm "
            "deep. The two measurements are swapped; use `new_penguin`, whose columns are "
            "named, so they cannot get mixed up."
        )
    check.fail(
        f"`new_penguin_species` is {value!r}, but `tree2` answers otherwise for this penguin. "
        "Ask `tree2.predict(new_penguin)` rather than reading the plot."
    )


@lesson.exercise(
    hints=[
        "Start with an empty dictionary, `train_accuracy_by_depth = {}`, and loop with "
        "`for depth in range(1, 9):`.",
        "Inside the loop: create and fit `model = DecisionTreeClassifier(max_depth=depth, "
        "random_state=0).fit(X_bill, y_species)`, then store "
        "`train_accuracy_by_depth[depth] = model.score(X_bill, y_species)`.",
    ],
    wrong=[
        Wrong(
            "train_accuracy_by_depth = {depth: tree2.score(X_bill, y_species) "
            "for depth in range(1, 9)}",
            message="all the same",
        ),
        Wrong(
            "train_accuracy_by_depth = {}\n"
            "for depth in range(1, 8):\n"
            "    model = DecisionTreeClassifier(max_depth=depth, random_state=0)"
            ".fit(X_bill, y_species)\n"
            "    train_accuracy_by_depth[depth] = model.score(X_bill, y_species)",
            message="stops before 8",
        ),
        Wrong(
            "train_accuracy_by_depth = {depth: DecisionTreeClassifier(max_depth=depth, "
            "random_state=0).fit(X_bill, y_species) for depth in range(1, 9)}",
            message="`.score(X_bill, y_species)`",
        ),
    ],
)
def train_accuracy_by_depth(check: Check) -> str:
    """Map each depth 1 to 8 to the training accuracy of a tree of that depth."""
    scores = check.get("train_accuracy_by_depth", dict, what="a dictionary {depth: accuracy}")
    keys = sorted(scores)
    wanted = list(DEPTHS)
    if keys == wanted[:-1]:
        check.fail(
            "`train_accuracy_by_depth` has the depths 1 to 7: `range(1, 8)` stops before 8. "
            "Use `range(1, 9)`."
        )
    check.expect(
        keys == wanted,
        f"`train_accuracy_by_depth` has the keys {keys}; it should have the depths 1 to 8.",
    )
    for depth in wanted:
        if not _is_number(scores[depth]):
            check.fail(
                f"`train_accuracy_by_depth[{depth}]` is a {type(scores[depth]).__name__}; it "
                "should be an accuracy, a number. Call `.score(X_bill, y_species)` on the "
                "fitted model."
            )
    if len({float(scores[d]) for d in wanted}) == 1:
        check.fail(
            "The eight accuracies are all the same, so every depth was scored with one tree. "
            "Create and fit a new `DecisionTreeClassifier(max_depth=depth, random_state=0)` "
            "inside the loop."
        )
    features, labels = _penguins()[BILLS], _penguins()["species"]
    for depth in wanted:
        expected = _reference_tree(depth).score(features, labels)
        check.expect(
            check.close(scores[depth], expected, atol=1e-9),
            f"The accuracy for depth {depth} is not what a tree of that depth with "
            "`random_state=0`, fitted on `X_bill` and `y_species`, scores on those same "
            "penguins.",
        )
    return "The deeper the tree, the more training penguins it gets right. Plot it below."
