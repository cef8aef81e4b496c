"""Lesson 12, Java class files: JSON into a table, a leaky column, a grouped split.

The data is catalog entry ``java_classes`` (1,020 JSON documents from ClickSecurity's
data_hacking, each verified by its sha256). References are rebuilt here from the files on
the learner's machine; the grouped-split check re-runs the learner's own splitter on the
lesson's model and data, so any splitter that keeps groups together is accepted.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from diveml.lessons.authoring import Check, Lesson, Wrong

if TYPE_CHECKING:
    import pandas as pd

lesson = Lesson(
    id="12-java-class-files",
    title="Java class files",
    minutes=30,
    summary=(
        "Flatten 1,020 JSON reports on Java class files with json_normalize, find the leaky "
        "column, and see a random split flatter a model that a grouped split exposes."
    ),
)

JAVA = "characteristics.java."
# Columns the rest of the lesson reads from `table`.
NEEDED = (
    "metadata.file_size",
    "metadata.entropy",
    "metadata.file_name",
    JAVA + "class_name",
    JAVA + "method_names",
    JAVA + "const_pool_count",
)


@functools.cache
def _docs() -> tuple[Any, ...]:
    import json

    from diveml.data import dataset_files

    return tuple(
        json.loads(p.read_text(encoding="utf-8")) for p in dataset_files("java_classes").values()
    )


@functools.cache
def _table() -> pd.DataFrame:
    import pandas as pd

    return pd.json_normalize(list(_docs()), max_level=2)


def _series(check: Check, name: str) -> pd.Series:
    import pandas as pd

    value = check.get(name, (pd.Series, list), what="a pandas Series, one value per class")
    series = pd.Series(value).reset_index(drop=True)
    check.expect(
        len(series) == len(_docs()),
        f"`{name}` has {len(series):,} values, but there are {len(_docs()):,} classes: one "
        "value per row of `table`.",
    )
    return series


# --------------------------------------------------------------------------- exercise 1


@lesson.exercise(
    hints=[
        "`pd.json_normalize(docs, ...)` takes the whole list of documents.",
        "`pd.json_normalize(docs, max_level=2)`",
    ],
    wrong=[
        Wrong("table = pd.DataFrame(docs)", message="holds dictionaries"),
        Wrong("table = pd.json_normalize(docs, max_level=1)", message="holds dictionaries"),
        Wrong("table = pd.json_normalize(docs, max_level=2, sep='_')", message="joined with"),
        Wrong("table = pd.json_normalize(docs[0], max_level=2)", message="one row per document"),
    ],
)
def flatten(check: Check) -> str:
    """Set `table` to `docs` flattened with `pd.json_normalize`, two levels deep."""
    import pandas as pd

    table = check.get("table", pd.DataFrame, what="a DataFrame made by pd.json_normalize")
    docs = _docs()
    check.expect(
        len(table) == len(docs),
        f"`table` has {len(table):,} rows, but there are {len(docs):,} documents: pass the "
        "whole list `docs`, which makes one row per document.",
    )
    nested = [c for c in table.columns if table[c].map(lambda v: isinstance(v, dict)).all()]
    if nested:
        check.fail(
            f"The column `{nested[0]}` holds dictionaries: that level was not flattened. "
            "`pd.DataFrame` (or a small `max_level`) stops too early; use "
            "`pd.json_normalize(docs, max_level=2)`."
        )
    missing = [c for c in NEEDED if c not in table.columns]

    # Another `sep` keeps the pieces of each name but joins them differently.
    def pieces(name: object) -> str:
        return "".join(ch for ch in str(name) if ch.isalnum())

    if missing and {pieces(c) for c in missing} <= {pieces(c) for c in table.columns}:
        check.fail(
            f"`table` has no column `{missing[0]}`: the names were joined with another "
            "separator. Keep the default, a dot (`sep='.'`), which the rest of the lesson uses."
        )
    check.expect(
        not missing,
        f"`table` has no column `{missing[0] if missing else ''}`; flatten `docs` with "
        "`pd.json_normalize(docs, max_level=2)`.",
    )
    reference = _table()
    for column in NEEDED:
        check.expect(
            table[column].reset_index(drop=True).astype(str).equals(reference[column].astype(str)),
            f"`table[{column!r}]` is not in the order of `docs`: keep one row per document, "
            "in order.",
        )
    return f"{len(table):,} rows, {table.shape[1]} columns, one per field."


# --------------------------------------------------------------------------- exercise 2


@lesson.exercise(
    hints=[
        "`methods.str.len()` gives each list's length, and NaN where the document had no list.",
        "A class with no method list has 0 methods: `.fillna(0)`.",
    ],
    wrong=[
        Wrong("n_methods = methods.str.len()", message="still NaN"),
        Wrong("n_methods = methods.map(len)", outcome="raised", message="TypeError"),
        Wrong("n_methods = methods.count()", message="single number"),
        Wrong("n_methods = methods.map(str).str.len()", message="characters"),
    ],
)
def count_methods(check: Check) -> str:
    """Set `n_methods` to the number of method names of each class (0 where there is none)."""
    import numbers

    import numpy as np

    if isinstance(check.get("n_methods"), (numbers.Number, np.number)):
        check.fail(
            "`n_methods` is a single number: `.count()` counts the rows that have a list. We "
            "need one number per class: the length of its list, `.str.len()`."
        )
    got = _series(check, "n_methods")
    lists = _table()[JAVA + "method_names"]
    expected = lists.str.len().fillna(0)
    holes = int(got.isna().sum())
    if holes:
        check.fail(
            f"{holes} values of `n_methods` are still NaN: the classes whose document lists no "
            "methods. A random forest cannot use NaN, and there the right count is 0: "
            "`.fillna(0)`."
        )
    if check.close(got.to_numpy(dtype=float), lists.map(str).str.len().to_numpy(dtype=float)):
        check.fail(
            "`n_methods` counts the characters of each list written as text, not its items. "
            "`.str.len()` on the lists themselves counts the items."
        )
    if set(np.unique(got.to_numpy(dtype=float))) <= {0.0, 1.0} and expected.max() > 1:
        check.fail(
            "`n_methods` holds only 0s and 1s: whether each class has a list, not how long "
            "it is. Count the items of each list (`.str.len()`), then fill the missing "
            "ones with 0."
        )
    check.expect(
        check.close(got.to_numpy(dtype=float), expected.to_numpy(dtype=float)),
        "`n_methods` is not the number of items in each class's `method_names` list "
        f"(its first values are {got.head(3).tolist()}).",
    )
    return f"Between {int(got.min())} and {int(got.max())} methods per class."


# --------------------------------------------------------------------------- exercise 3


@lesson.exercise(
    hints=[
        "Look at the first values of each text column, benign against malicious: which one "
        "spells out the folder the file came from?",
        "It is under `metadata.` and it is a path.",
    ],
    wrong=[
        Wrong('leaky_column = "label"', message="not a column of `table`"),
        Wrong('leaky_column = "metadata.sha256"', message="says nothing about"),
        Wrong('leaky_column = "characteristics.java.class_name"', message="a property of the"),
        Wrong("leaky_column = table['metadata.file_name']", message="the column's name"),
    ],
)
def leaky_column(check: Check) -> str:
    """Set `leaky_column` to the name of the column whose values contain the label."""
    import pandas as pd

    if isinstance(check.get("leaky_column"), pd.Series):
        check.fail(
            "`leaky_column` is the whole column; give the column's name, a string, as "
            "`table.columns` lists it."
        )
    name = check.get("leaky_column", str, what="a column name, in quotes")
    table = _table()
    check.expect(
        name in table.columns,
        f"{name!r} is not a column of `table`. (The labels come from the folders, in "
        "`labels`; look for a column of `table` that repeats them.)",
    )
    if name == "metadata.file_name":
        return (
            "Its values start with the folder, java_clean/ or java_malicious/: the label "
            "in other words. A model would score perfectly with it and learn nothing."
        )
    if table[name].nunique() == len(table):
        check.fail(
            f"`{name}` has a different value for every file: it identifies a file but says "
            "nothing about its class. Look for values that repeat the folder name."
        )
    if name == JAVA + "class_name":
        check.fail(
            "The class name is a strong clue, but it is a property of the class itself: a new "
            "file has one too. A leaky column holds something a new file would not have; "
            "look for one that spells out the folder."
        )
    check.fail(f"`{name}` does not contain the label; look for the folder names in the values.")


# --------------------------------------------------------------------------- exercise 4


def _library(names: pd.Series) -> pd.Series:
    return names.str.split("/").str[:2].str.join("/")


@lesson.exercise(
    hints=[
        '`class_name.str.split("/")` gives each name as a list of parts.',
        '`.str[:2]` keeps the first two parts of each list; `.str.join("/")` glues them.',
    ],
    wrong=[
        Wrong('library = class_name.str.split("/").str[0]', message="first part alone"),
        Wrong('library = class_name.str.rsplit("/", n=1).str[0]', message="whole package"),
        Wrong('library = class_name.str.split("/").str[:2]', message="lists"),
        Wrong("library = class_name.str[:2]", message="first two characters"),
    ],
)
def library(check: Check) -> str:
    """Set `library` to the first two parts of each class name, joined with `/`."""
    got = _series(check, "library")
    names = _table()[JAVA + "class_name"]
    if got.map(lambda v: isinstance(v, list)).any():
        check.fail(
            "The values of `library` are lists of parts: glue each back into one name with "
            '`.str.join("/")`.'
        )
    got_list = got.tolist()
    if got_list == _library(names).tolist():
        return f"{got.nunique()} libraries (or class names, for classes in no package)."
    if got_list == names.str[:2].tolist():
        check.fail(
            "`library` holds the first two characters of each name (`.str[:2]` on text "
            "slices characters). Split the names first, then slice the list of parts."
        )
    if got_list == names.str.split("/").str[0].tolist():
        check.fail(
            "`library` holds the first part alone (`org`, `com`): that lumps Apache, Google "
            "and thousands of others together. The first two parts name the organisation."
        )
    if got_list == names.str.rsplit("/", n=1).str[0].tolist():
        check.fail(
            "`library` holds the whole package (`com/google/common/collect`). One library "
            "has many packages, and its classes are alike across them: keep the first two "
            "parts, so that all of a library's classes form one group."
        )
    check.fail('`library` is not the first two parts of each class name, joined with "/".')


# --------------------------------------------------------------------------- exercise 5


@lesson.exercise(
    hints=[
        "`library_test.isin(library_train)` is True for each test class whose library is "
        "among the training classes' libraries.",
        "The mean of True/False values is the share of True.",
    ],
    wrong=[
        Wrong("seen_share = library_test.isin(library_train).sum()", message="a count"),
        Wrong("seen_share = library_train.isin(library_test).mean()", message="the other way"),
        Wrong(
            "seen_share = len(set(library_test) & set(library_train)) / library_test.nunique()",
            message="share of libraries",
        ),
        Wrong(
            "seen_share = (library_test == library_train).mean()",
            outcome="raised",
            message="identically-labeled",
        ),
    ],
)
def seen_share(check: Check) -> str:
    """Set `seen_share` to the share of test classes whose library is also in training."""
    import numbers

    import numpy as np

    value = check.get("seen_share", (numbers.Real, np.floating), what="a number from 0 to 1")
    train = check.get("library_train")
    test = check.get("library_test")
    expected = float(test.isin(train).mean())
    if check.close(value, expected):
        return f"{value:.0%} of the test classes have a sibling from their library in training."
    if check.close(value, float(test.isin(train).sum())):
        check.fail("`seen_share` is a count; divide by the number of test classes (`.mean()`).")
    if check.close(value, float(train.isin(test).mean())):
        check.fail(
            "`seen_share` asks the question the other way round: of the training classes, "
            "which have a library in the test rows. Ask it of `library_test`."
        )
    libraries = set(test)
    if check.close(value, len(libraries & set(train)) / len(libraries)):
        check.fail(
            "`seen_share` is a share of libraries, each counted once. The question is about "
            "classes: a big library with many test classes counts once per class."
        )
    if check.close(value, 100 * expected):
        check.fail(
            f"`seen_share` is {value:.3g}: a percentage. Give the share as a fraction "
            "between 0 and 1 (leave out the `100 *`)."
        )
    if check.close(value, 1 - expected):
        check.fail(
            "`seen_share` is the share of test classes whose library is not in training: "
            "the `~` turned the question round. Keep the classes that are found."
        )
    check.fail(
        f"`seen_share` is {value:.3g}, which is not the share of `library_test` values "
        "found in `library_train`."
    )


# --------------------------------------------------------------------------- exercise 6

_GROUP_SPLITTERS = (
    "GroupKFold",
    "StratifiedGroupKFold",
    "GroupShuffleSplit",
    "LeaveOneGroupOut",
    "LeavePGroupsOut",
)


@lesson.exercise(
    hints=[
        "`cross_val_score(model, X, y, cv=..., groups=...)`: the splitter goes in `cv`, the "
        "group of each row in `groups`.",
        "`cross_val_score(names_model, names_text, labels, cv=grouped_cv, groups=library)`",
    ],
    wrong=[
        Wrong(
            "grouped_cv = GroupKFold(n_splits=5)\n"
            "grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv)",
            outcome="raised",
            message="groups",
        ),
        Wrong(
            "grouped_cv = random_cv\n"
            "grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv, "
            "groups=library)",
            message="does not keep groups together",
        ),
        Wrong(
            "grouped_cv = GroupKFold(n_splits=5)\n"
            "grouped_scores = cross_val_score(names_model, names_text, labels, cv=grouped_cv, "
            "groups=class_name)",
            message="the class names",
        ),
        Wrong(
            "grouped_cv = GroupKFold(n_splits=5)\n"
            "grouped_scores = cross_val_score(forest, features, labels, cv=grouped_cv, "
            "groups=library)",
            message="`names_model`",
        ),
    ],
)
def grouped_split(check: Check) -> str:
    """Set `grouped_cv` to a `GroupKFold(5)` and `grouped_scores` to `names_model`'s scores with it."""
    import numpy as np
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    cv = check.get("grouped_cv", what="a splitter, such as GroupKFold(n_splits=5)")
    scores = np.asarray(check.get("grouped_scores", what="the scores cross_val_score returns"))
    check.expect(
        scores.ndim == 1 and len(scores) > 1,
        "`grouped_scores` should be the array of fold scores that `cross_val_score` returns.",
    )
    if type(cv).__name__ not in _GROUP_SPLITTERS:
        check.fail(
            f"`grouped_cv` is a {type(cv).__name__}, which does not keep groups together: it "
            "deals rows into folds and ignores `groups`. Use `GroupKFold(n_splits=5)`.",
            reason=(
                "With rows dealt at random, classes of one library land on both sides, and "
                "the score measures recognising a library already seen."
            ),
        )
    model = check.get("names_model")
    X, y = check.get("names_text"), check.get("labels")
    library, names = check.get("library"), check.get("class_name")

    def scored(estimator: Any, features: Any, groups: Any) -> np.ndarray:
        return check.call(cross_val_score, clone(estimator), features, y, cv=cv, groups=groups)

    if check.close(scores, scored(model, X, library)):
        return (
            f"Mean accuracy on held-out libraries: {scores.mean():.3f}, lowest fold "
            f"{scores.min():.3f}."
        )
    if check.close(scores, scored(model, X, names)):
        check.fail(
            "The groups are the class names: nearly every class is its own group, so classes "
            "of one library still land on both sides. Group by `library`."
        )
    original = check.has("forest") and check.has("features")
    if original and check.close(
        scores, scored(check.get("forest"), check.get("features"), library)
    ):
        check.fail(
            "These are the scores of `forest` on the original features. The exercise is "
            "about `names_model` on `names_text`: the model that can recognise libraries."
        )
    check.fail(
        "`grouped_scores` are not `cross_val_score(names_model, names_text, labels, "
        "cv=grouped_cv, groups=library)`."
    )
