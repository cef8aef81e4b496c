"""Run-time provenance: a copy of the notebook runs with scikit-learn instrumented."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

import diveml

CORPUS = Path(__file__).parent / "corpus"

pytestmark = pytest.mark.slow  # each test starts a Jupyter kernel


def notebook(path: Path, *sources: str) -> Path:
    cells = [nbformat.v4.new_markdown_cell("a learner's notebook")]
    cells += [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


# A leak static analysis cannot see: the data reaches the scaler through a dict lookup of a
# computed key, which the static reading does not follow.
HIDDEN = """\
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
X, y = load_breast_cancer(return_X_y=True)
store = {"raw" + "_" + "all": X}
scaled = StandardScaler().fit_transform(store["raw_all"])
Xtr, Xte, ytr, yte = train_test_split(scaled, y, random_state=0)
print(LogisticRegression(max_iter=2000).fit(Xtr, ytr).score(Xte, yte))
"""


def test_run_time_finds_a_leak_static_reading_misses_and_names_its_cell(tmp_path: Path) -> None:
    nb = notebook(tmp_path / "hidden.ipynb", HIDDEN)
    static = diveml.review(nb, run=False)
    assert "preprocessing-leak" not in {f["code"] for f in static.findings}
    review = diveml.review(nb, timeout=90)
    assert review.data["run"]["status"] == "ok"
    leak = next(f for f in review.findings if f["code"] == "preprocessing-leak")
    assert leak["evidence"] == "run-time"
    assert leak["cell"] == 1 and leak["line"] == 8
    assert "saw 143 of the 143 test rows" in leak["message"]


def test_clean_pipeline_stays_clean_at_run_time(tmp_path: Path) -> None:
    before = hashlib.sha256((CORPUS / "clean_validation_split_tuning.py").read_bytes()).digest()
    review = diveml.review(CORPUS / "clean_validation_split_tuning.py", timeout=90)
    assert review.data["run"]["status"] == "ok"
    assert review.findings == []
    after = hashlib.sha256((CORPUS / "clean_validation_split_tuning.py").read_bytes()).digest()
    assert before == after


def test_failing_notebook_keeps_static_findings_and_names_the_failure(tmp_path: Path) -> None:
    src = (CORPUS / "leak_multi_k_loop.py").read_text().split("# %%")
    nb = notebook(tmp_path / "fails.ipynb", src[1], src[2], src[3], "raise ValueError('boom')")
    before = hashlib.sha256(nb.read_bytes()).digest()
    review = diveml.review(nb, timeout=90)
    assert review.data["run"]["status"] == "failed"
    codes = [f["code"] for f in review.findings]
    assert "multi-test-leak" in codes
    failed = next(f for f in review.findings if f["code"] == "notebook-failed")
    assert failed["cell"] == 4 and "ValueError: boom" in failed["message"]
    assert hashlib.sha256(nb.read_bytes()).digest() == before


def test_hanging_notebook_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    nb = notebook(tmp_path / "hangs.ipynb", "import time", "while True:\n    time.sleep(0.1)")
    review = diveml.review(nb, timeout=25)
    assert review.data["run"]["status"] == "timed_out"
    limit = next(f for f in review.findings if f["code"] == "run-time-limit")
    assert "stopped after 25 s" in limit["message"] and limit["cell"] == 2


def test_run_writes_nothing_beside_the_notebook(tmp_path: Path) -> None:
    nb = notebook(tmp_path / "writes.ipynb", "open('out.txt', 'w').write('x')")
    review = diveml.review(nb, timeout=60)
    assert review.data["run"]["status"] == "ok"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["writes.ipynb"]
