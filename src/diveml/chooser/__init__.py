"""Choose an estimator: scikit-learn's algorithm cheat-sheet, walked with your own table.

The sheet's decision tree is data (``cheatsheet.toml`` in this package): questions such as
"more than 50 samples?" are answered with the table's own numbers, and the walk ends at the
estimators the sheet recommends, with what ``diveml study`` does instead where the sheet's
advice has dated, the command that runs the study and the lessons that explain the models.

Examples
--------
>>> from diveml.chooser import choose
>>> choose("titanic").recommended[0].title
'Linear SVC'
"""

from __future__ import annotations

from diveml.chooser._choose import SHEET_URL, Choice, Facts, Step, choose, sheet

__all__ = ["SHEET_URL", "Choice", "Facts", "Step", "choose", "sheet"]
