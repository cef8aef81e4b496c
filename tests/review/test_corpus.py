"""Precision and recall of the notebook review on the labelled corpus (tests/review/corpus).

Each corpus file's first line lists the finding codes a careful reviewer expects
(``# expect: clean`` for a correct notebook that looks like a leaky one). The corpus has
leaky notebooks in many styles (pipelines, manual loops, helper functions, pandas-heavy
code) and clean look-alikes that tempt false alarms. These tests read the code only
(static analysis); test_runtime.py runs some of them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from diveml.review._source import read_source
from diveml.review._static import analyse

CORPUS = Path(__file__).parent / "corpus"
KINDS = (
    "preprocessing-leak",
    "overlap-leak",
    "multi-test-leak",
    "target-in-features",
    "random-split-of-dated-rows",
    "group-split-row-by-row",
    "cv-spread-as-interval",
    "metric-chosen-after-results",
)


def expected(path: Path) -> set[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:"), f"{path.name} has no '# expect:' label"
    return set(first.split(":", 1)[1].split()) - {"clean"}


def found(path: Path) -> set[str]:
    return {f.code for f in analyse(read_source(path)) if f.code in KINDS}


def corpus_scores() -> dict[str, dict[str, float]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("*.py")):
        exp, got = expected(path), found(path)
        for code in got & exp:
            tp[code] += 1
        for code in got - exp:
            fp[code] += 1
        for code in exp - got:
            fn[code] += 1
    out = {}
    for code in KINDS:
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 1.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 1.0
        out[code] = {"precision": p, "recall": r, "support": tp[code] + fn[code]}
    return out


def test_corpus_has_every_kind_and_clean_look_alikes() -> None:
    labels = [expected(p) for p in CORPUS.glob("*.py")]
    for code in KINDS:
        assert sum(code in lab for lab in labels) >= 2, code
    assert sum(not lab for lab in labels) >= 15
    # The three leak kinds of Yang et al. each have several styles.
    for code in KINDS[:3]:
        assert sum(code in lab for lab in labels) >= 6, code


@pytest.mark.parametrize("code", KINDS)
def test_recall_and_precision_per_kind(code: str) -> None:
    score = corpus_scores()[code]
    assert score["recall"] >= 0.9, score
    assert score["precision"] >= 0.95, score


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*clean_*.py")), ids=lambda p: p.stem)
def test_no_false_alarm_on_a_clean_notebook(path: Path) -> None:
    assert found(path) == set()


def test_findings_name_the_variables_and_the_line() -> None:
    findings = analyse(read_source(CORPUS / "leak_pre_scaler_before_split.py"))
    leak = next(f for f in findings if f.code == "preprocessing-leak")
    assert "`scaler`" in leak.message and "`X`" in leak.message and "`X_test`" in leak.message
    assert leak.cell is None  # a .py script has no cells in the contract
    text = (CORPUS / "leak_pre_scaler_before_split.py").read_text().splitlines()
    assert "fit_transform" in text[leak.line - 1]
    assert leak.fix and leak.lesson


# A metric picked from scores computed through a loop variable: each turn calls another
# metric function (lesson 19's method 2 written with a loop instead of a dict literal).
CHOSEN_THROUGH_A_LOOP = {
    "leak_metric_dict_comprehension": "max(scores, key=scores.get)",
    "leak_metric_loop_into_dict": "max(scores, key=scores.get)",
    "leak_metric_loop_pairs_list": "max(results, key=lambda t: t[1])",
    "leak_metric_loop_argmax": "funcs[int(np.argmax(values))]",
    "leak_metric_listcomp_sorted": "sorted([(f(y_test, pred), name)",
    "leak_metric_sorted_items": "sorted(scores.items()",
}


@pytest.mark.parametrize(("name", "choice"), CHOSEN_THROUGH_A_LOOP.items())
def test_a_metric_chosen_among_scores_made_in_a_loop_is_found(name: str, choice: str) -> None:
    path = CORPUS / f"{name}.py"
    findings = [f for f in analyse(read_source(path)) if f.code == "metric-chosen-after-results"]
    assert len(findings) == 1, findings
    line = path.read_text(encoding="utf-8").splitlines()[findings[0].line - 1]
    assert choice in line, line


@pytest.mark.parametrize(
    "name", ["clean_metrics_dict_comprehension_all_reported", "clean_metrics_loop_sorted_names"]
)
def test_scores_of_every_metric_made_in_a_loop_and_all_reported_are_not_flagged(
    name: str,
) -> None:
    assert found(CORPUS / f"{name}.py") == set()


def test_a_line_with_two_fitted_steps_names_the_same_one_every_run() -> None:
    # `(X - X.mean(axis=0)) / X.std(axis=0)` fits two statistics on one line; the finding
    # names the first in a fixed order (it followed a set's order, which varied run to run).
    (leak,) = analyse(read_source(CORPUS / "leak_pre_manual_standardise_slice.py"))
    assert leak.code == "preprocessing-leak"
    assert leak.message.startswith("the mean of `X` is fitted on `X` (line 14)")
