"""Reviewing a notebook: the JSON contract, cells of an .ipynb, bad input, never a change."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

import diveml
from diveml.cli import app
from diveml.exceptions import ReviewError

CORPUS = Path(__file__).parent / "corpus"
FINDING_FIELDS = {"code", "severity", "cell", "line", "message", "fix", "lesson"}


def as_ipynb(script: Path, out: Path) -> Path:
    """Write the percent-format script as a notebook, with a markdown cell first."""
    text = script.read_text(encoding="utf-8")
    cells = [nbformat.v4.new_markdown_cell("# A learner's notebook")]
    for chunk in text.split("# %%")[1:]:
        body = chunk.split("\n", 1)[1] if "\n" in chunk else ""
        if chunk.startswith(" [markdown]"):
            cells.append(nbformat.v4.new_markdown_cell(body))
        else:
            cells.append(nbformat.v4.new_code_cell(body.strip("\n")))
    nb = nbformat.v4.new_notebook(cells=cells)
    nbformat.write(nb, out)
    return out


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_json_contract_for_a_script() -> None:
    result = CliRunner().invoke(
        app, ["review", str(CORPUS / "leak_multi_k_loop.py"), "--json", "--no-run"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data["findings"], list) and data["findings"]
    for f in data["findings"]:
        assert set(f) >= FINDING_FIELDS
        assert f["severity"] in ("info", "warning", "error")
        assert f["cell"] is None  # a .py has no cells
    assert [f["code"] for f in data["findings"]] == ["multi-test-leak"]


def test_clean_notebook_exits_zero_with_no_finding() -> None:
    result = CliRunner().invoke(
        app, ["review", str(CORPUS / "clean_pipeline_scaler.py"), "--json", "--no-run"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_ipynb_cells_are_counted_over_all_cells_including_markdown(tmp_path: Path) -> None:
    nb = as_ipynb(CORPUS / "leak_pre_scaler_before_split.py", tmp_path / "nb.ipynb")
    review = diveml.review(nb, run=False)
    leak = next(f for f in review.findings if f["code"] == "preprocessing-leak")
    # cell 0 is markdown, cell 1 the imports, cell 2 loads X, cell 3 fits the scaler
    assert leak["cell"] == 3
    source = nbformat.read(nb, as_version=4).cells[3].source.splitlines()
    assert "fit_transform" in source[leak["line"] - 1]


def test_syntax_error_reviews_what_parses(tmp_path: Path) -> None:
    nb = as_ipynb(CORPUS / "leak_multi_k_loop.py", tmp_path / "broken.ipynb")
    data = nbformat.read(nb, as_version=4)
    data.cells.insert(2, nbformat.v4.new_code_cell("def broken(:\n    pass"))
    nbformat.write(data, nb)
    review = diveml.review(nb, run=False)
    codes = [f["code"] for f in review.findings]
    assert "multi-test-leak" in codes
    bad = next(f for f in review.findings if f["code"] == "cell-not-parsed")
    assert bad["cell"] == 2 and bad["line"] == 1
    assert "invalid syntax" in bad["message"] and "the others were" in bad["message"]


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("notes.txt", "hello", r"not a notebook: its suffix is '\.txt'"),
        ("bad.ipynb", "{not json", r"not a notebook: it is not valid JSON"),
        ("list.ipynb", "[1, 2]", r"JSON but not a Jupyter notebook"),
        ("latin.py", None, r"not UTF-8 text"),
    ],
)
def test_bad_input_is_a_clear_error(
    tmp_path: Path, name: str, content: str | None, match: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(b"x = '\xe9t\xe9'\n")
    else:
        path.write_text(content)
    with pytest.raises(ReviewError, match=match):
        diveml.review(path, run=False)


def test_missing_path_exits_one_with_the_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["review", str(tmp_path / "nope.ipynb")])
    assert result.exit_code == 1
    assert "There is no file or folder" in result.output
    assert "Traceback" not in result.output


def test_timeout_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(diveml.DivemlError, match=r"--timeout 0 is not a positive number"):
        diveml.review(CORPUS / "clean_pipeline_scaler.py", timeout=0)


def test_markdown_and_html_views(tmp_path: Path) -> None:
    review = diveml.review(CORPUS / "leak_overlap_fit_all_score_subset.py", run=False)
    md = review.markdown()
    assert "**error · overlap-leak**" in md and "*Fix:*" in md
    page = review.write_html(tmp_path / "review.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "overlap-leak" in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]
    assert review._repr_html_() == review.html()


def test_static_review_never_changes_the_file(tmp_path: Path) -> None:
    nb = as_ipynb(CORPUS / "leak_pre_pca_then_model.py", tmp_path / "nb.ipynb")
    before = sha(nb)
    diveml.review(nb, run=False)
    assert sha(nb) == before


def test_terminal_view_names_the_finding_and_its_fix() -> None:
    from rich.console import Console

    console = Console(width=100, record=True, color_system=None)
    diveml.review(CORPUS / "leak_target_forgot_drop.py", run=False).print(console)
    text = console.export_text()
    assert "error target-in-features (line 18, static)" in text
    assert "still holds 'target' (the target itself)" in text
    assert "df.drop(columns=[target, ...])" in text


def test_markdown_flag_prints_markdown() -> None:
    result = CliRunner().invoke(
        app, ["review", str(CORPUS / "leak_cvci_fstring_196.py"), "--markdown", "--no-run"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("## Review of leak_cvci_fstring_196.py")
    assert "cv-spread-as-interval" in result.stdout
