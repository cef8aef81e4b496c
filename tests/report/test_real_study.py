"""Reports of real studies (diveml.study), not of hand-made result dicts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from diveml.config import Settings
from diveml.report._context import fmt_num


@pytest.mark.slow
def test_real_study_report_is_self_contained_and_its_notebook_reproduces_the_score(
    tmp_path: Path, settings: Settings
) -> None:
    from nbclient import NotebookClient

    from diveml.study import study

    first = study("titanic", "survived", out=tmp_path / "first", budget=0.01, settings=settings)
    result = json.loads((first.out_dir / "study.json").read_text("utf-8"))
    html = (first.out_dir / "report.html").read_text("utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script" not in html
    assert fmt_num(result["holdout"]["score"]) in html
    assert "times-scored-warning" not in html

    notebook = nbformat.read(first.out_dir / "study.ipynb", as_version=4)
    nbformat.validate(notebook)
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    (cell,) = [c for c in notebook.cells if "holdout-score" in c.metadata.get("tags", [])]
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    reproduced = re.search(r"\(this notebook\):\s+(-?[\d.]+)", printed)
    assert reproduced is not None
    assert float(reproduced.group(1)) == pytest.approx(result["holdout"]["score"], abs=5e-5)

    again = study("titanic", "survived", out=tmp_path / "again", budget=0.01, settings=settings)
    assert again.result["holdout"]["times_scored"] == 2
    assert "This holdout has now been scored 2 times." in (again.out_dir / "report.html").read_text(
        "utf-8"
    )
