"""The public report API: HTML, Markdown, writing files, notebook display.

The results are real quick studies (tests/report/conftest.py), and the rare cases are
typed variants of them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest

from diveml.exceptions import DivemlError, ReportError, StudyResultError
from diveml.report import FILE_NAMES, build_report, write_report
from diveml.report._context import fmt_num
from diveml.report._report import sentence
from diveml.study import StudyResult
from diveml.study._result import CurveLine, Exclusion, FindingRecord, Importance, Segment
from tests.report.conftest import variant


class _Tags(HTMLParser):
    """Collect every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def visible_text(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def test_html_needs_no_network(result: StudyResult) -> None:
    html = build_report(result).html()
    tags = parse(html).tags
    for tag, attrs in tags:
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, name, value)
    assert not [t for t, _ in tags if t in ("script", "iframe", "object", "embed", "link")]
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert styles, "the CSS is inline"
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", "".join(styles))
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_html_shows_the_key_numbers(result: StudyResult) -> None:
    text = visible_text(build_report(result).html())
    holdout = result.holdout
    for value in (holdout.score, holdout.ci_low, holdout.ci_high, holdout.baseline_score):
        assert fmt_num(value) in text
    assert f"{holdout.rows} holdout rows" in text
    for rung in result.ladder:
        if rung.status == "ok":
            assert fmt_num(rung.cv_mean) in text
            assert fmt_num(rung.cv_std) in text
        assert rung.label in text
    assert result.chosen.label in text
    assert result.selection.explanation in text
    assert sentence(result.learning_curve.verdict) in text
    assert f"{result.split.train_rows} rows" in text
    for finding in result.audit.findings:
        assert finding.message in text
        assert finding.fix in text
    for exclusion in result.exclusions:
        assert exclusion.reason in text


def test_html_draws_every_plot_the_result_has_data_for(result: StudyResult) -> None:
    html = build_report(result).html()
    plots = set(re.findall(r'<svg class="plot"[^>]*aria-labelledby="([\w-]+)-title"', html))
    expected = {"ladder", "learning-curve", "holdout", "importance"}
    if result.task == "binary":
        expected |= {"roc-pr", "calibration"}
    if result.task == "regression":
        expected |= {"residuals"}
    assert plots == expected


def test_svg_ids_are_unique_across_plots(result: StudyResult) -> None:
    html = build_report(result).html()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for reference in re.findall(r"url\(#([^)]+)\)", html):
        assert reference in ids


@pytest.mark.parametrize("times", [2, 7])
def test_times_scored_warning_is_prominent_when_holdout_was_scored_before(
    result_factory: Callable[..., StudyResult], times: int
) -> None:
    html = build_report(result_factory(times_scored=times)).html()
    warning = re.search(
        r'<div class="banner error big" id="times-scored-warning"[^>]*>(.*?)</div>', html, re.DOTALL
    )
    assert warning is not None
    assert f"scored {times} times" in warning.group(1)
    assert html.index("times-scored-warning") < html.index('id="data"'), "shown at the top"
    assert 'class="times alert"' in html


def test_times_scored_warning_is_absent_when_scored_once(
    result_factory: Callable[..., StudyResult],
) -> None:
    html = build_report(result_factory(times_scored=1)).html()
    assert "times-scored-warning" not in html
    assert 'class="times alert"' not in html
    assert "This holdout was scored once" in visible_text(html)


def test_gap_between_holdout_and_cv_is_flagged(result_factory: Callable[..., StudyResult]) -> None:
    flagged = build_report(result_factory(gap=True)).html()
    calm = build_report(result_factory(gap=False)).html()
    assert 'id="gap-warning"' in flagged
    assert "is below the range the cross-validation estimate" in visible_text(flagged)
    assert 'id="gap-warning"' not in calm


HOSTILE = "<b>x</b>"


def _with_hostile_column(result: StudyResult) -> StudyResult:
    finding = FindingRecord(
        "leak", "error", HOSTILE, f"Column {HOSTILE!r} predicts the target.", "<i>drop it</i>"
    )
    exclusion = Exclusion(HOSTILE, "leak", "<script>alert(1)</script>")
    diagnostics = result.diagnostics
    return variant(
        result,
        audit={"findings": (*result.audit.findings, finding)},
        excluded_columns=(*result.excluded_columns, HOSTILE),
        exclusions=(*result.exclusions, exclusion),
        diagnostics={
            "permutation_importance": (
                *diagnostics.permutation_importance,
                Importance(HOSTILE, 0.05, 0.01),
            ),
            "segments": (Segment(HOSTILE, "<u>v</u>", 3, 0.5),),
        },
        target="<em>t</em>",
    )


def _count_tags(html: str, names: tuple[str, ...]) -> dict[str, int]:
    tags = [t for t, _ in parse(html).tags]
    return {name: tags.count(name) for name in names}


def test_html_escapes_names_and_messages(result_factory: Callable[..., StudyResult]) -> None:
    html = build_report(_with_hostile_column(result_factory())).html()
    plain = build_report(result_factory()).html()
    for raw in (HOSTILE, "<i>drop it</i>", "<script>", "<u>v</u>", "<em>t</em>"):
        assert raw not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert HOSTILE in visible_text(html), "shown as written, not interpreted"
    names = ("b", "i", "u", "em", "script")
    assert _count_tags(html, names) == _count_tags(plain, names), "no tag came from the data"


def test_markdown_escapes_names_and_messages(result_factory: Callable[..., StudyResult]) -> None:
    result = _with_hostile_column(result_factory())
    piped = Exclusion("a|b", "leak", "pipe | in a table")
    result = variant(result, exclusions=(*result.exclusions, piped))
    markdown = build_report(result).markdown()
    assert "<script>" not in markdown and "<i>" not in markdown
    assert f"`{HOSTILE}`" in markdown, "column names are code spans"
    table_rows = [line for line in markdown.splitlines() if line.startswith("| `a")]
    assert table_rows == ["| `a\\|b` | pipe \\| in a table |"]


def test_failed_rung_is_reported_and_left_out_of_plot_and_choice(
    result_factory: Callable[..., StudyResult],
) -> None:
    result = result_factory("binary")
    # The quick study skipped gradient boosting (rung 5); here it failed instead.
    failed = dataclasses.replace(
        result.ladder[4], status="failed", note="ValueError: boosting exploded"
    )
    result = variant(result, ladder=(*result.ladder[:4], failed, *result.ladder[5:]))
    html = build_report(result).html()
    text = visible_text(html)
    assert "ValueError: boosting exploded" in text
    assert f"{failed.label}: failed" in text
    ladder_svg = re.search(r'<svg class="plot"[^>]*ladder-title.*?</svg>', html, re.DOTALL)
    assert ladder_svg is not None
    # The plot wraps its labels at 26 characters: look for each label's first line.
    first_line = {r.name: textwrap.fill(r.label, 26).splitlines()[0] for r in result.ladder}
    assert first_line[failed.name] not in ladder_svg.group(0)
    assert first_line["linear"] in ladder_svg.group(0)


def test_a_result_without_the_optional_records_renders(
    result_factory: Callable[..., StudyResult],
) -> None:
    # budget_plan and engine are absent from study.json files written before they existed.
    result = variant(result_factory("regression"), budget_plan=None, engine=None, table=None)
    report = build_report(result)
    assert fmt_num(result.holdout.score) in visible_text(report.html())
    assert fmt_num(result.holdout.score) in report.markdown()


def test_report_says_what_is_missing(result_factory: Callable[..., StudyResult]) -> None:
    # A holdout whose score could not be computed (a sample of one class) and a curve
    # without sizes: each part says so rather than showing a number.
    result = result_factory("regression")
    result = variant(
        result,
        holdout={"score": None, "ci_low": None, "ci_high": None},
        learning_curve={"sizes": (), "scores": (), "scores_std": (), "train_scores": ()},
    )
    report = build_report(result)
    text = visible_text(report.html())
    assert "Holdout" in text and "—" in text
    assert fmt_num(result.chosen.cv_mean) in report.markdown()


@pytest.mark.parametrize(
    ("drop", "present"),
    [("roc_curve", "calibration"), ("confusion_matrix", "roc-pr"), ("calibration", "importance")],
)
def test_diagnostics_show_the_parts_that_are_there(
    result_factory: Callable[..., StudyResult], drop: str, present: str
) -> None:
    result = result_factory("binary")
    result = variant(result, diagnostics={drop: None})
    html = build_report(result).html()
    assert f'aria-labelledby="{present}-title"' in html
    assert ("Confusion matrix</h3>" in html) is (drop != "confusion_matrix")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: [],
            r"The result given to the report is not a diveml study result: it holds a list",
        ),
        (lambda r: {**r, "format": "other"}, r"its 'format' is 'other', not 'diveml-study'"),
        (lambda r: {k: v for k, v in r.items() if k != "task"}, r"task"),
        (lambda r: {**r, "task": "clustering"}, r"task"),
        (lambda r: {**r, "metric": 3}, r"metric"),
        (lambda r: {**r, "ladder": {"a": 1}}, r"ladder"),
        (lambda r: {**r, "excluded_columns": [[]]}, r"excluded_columns"),
    ],
)
def test_build_report_rejects_what_is_not_a_study_result(
    result_factory: Callable[..., StudyResult], change: Callable[[dict], Any], message: str
) -> None:
    # A dict is read as study.json, against the result's types: the error names the field.
    with pytest.raises(StudyResultError, match=message) as caught:
        build_report(change(result_factory().to_dict()))
    assert isinstance(caught.value, DivemlError)


def test_build_report_reads_a_study_json_dict(result_factory: Callable[..., StudyResult]) -> None:
    result = result_factory()
    assert build_report(result.to_dict()).html() == build_report(result).html()


def test_write_report_writes_three_files_and_no_temporary_ones(
    result_factory: Callable[..., StudyResult], tmp_path: Path
) -> None:
    result = result_factory("multiclass")
    out = tmp_path / "nested" / "study"
    paths = write_report(result, out)
    assert paths == {key: out / name for key, name in FILE_NAMES.items()}
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.md", "study.ipynb"]
    assert paths["report_html"].read_text("utf-8") == build_report(result).html()
    written = nbformat.read(paths["notebook"], as_version=4)
    nbformat.validate(written)
    assert written == build_report(result).notebook()


def test_written_files_get_the_usual_permissions(
    result_factory: Callable[..., StudyResult], tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    paths = write_report(result_factory(), tmp_path)
    for path in paths.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_write_report_replaces_earlier_files(
    result_factory: Callable[..., StudyResult], tmp_path: Path
) -> None:
    write_report(result_factory(times_scored=1), tmp_path)
    write_report(result_factory(times_scored=4), tmp_path)
    assert "scored 4 times" in (tmp_path / "report.html").read_text("utf-8")
    assert len(list(tmp_path.iterdir())) == 3


def test_write_report_writes_nothing_when_the_notebook_code_is_broken(
    result_factory: Callable[..., StudyResult], tmp_path: Path
) -> None:
    result = variant(result_factory(), reproduce={"split_code": "   "})
    with pytest.raises(ReportError, match=r"reproduce\['split_code'\] is missing or empty"):
        write_report(result, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_report_does_not_change_the_result_and_ignores_later_edits(
    result_factory: Callable[..., StudyResult],
) -> None:
    data = result_factory().to_dict()
    before = json.dumps(data, sort_keys=True)
    report = build_report(data)
    html = report.html()
    assert json.dumps(data, sort_keys=True) == before
    data["chosen"]["label"] = "edited afterwards"
    assert report.html() == html
    assert "edited afterwards" not in report.markdown()


def test_html_is_the_same_every_time(result_factory: Callable[..., StudyResult]) -> None:
    assert build_report(result_factory()).html() == build_report(result_factory()).html()


def test_markdown_summarises_the_study(result: StudyResult) -> None:
    markdown = build_report(result).markdown()
    assert markdown.startswith(f"# Study: predicting {result.target}")
    assert f"**{fmt_num(result.holdout.score)}**" in markdown
    assert result.selection.explanation in markdown.replace("\\", "")
    for heading in (
        "## At a glance",
        "## 4. Model ladder",
        "## 7. Holdout",
        "## 9. Methods",
        "## 10. Timings",
    ):
        assert heading in markdown
    assert "\n\n\n" not in markdown


def test_markdown_warns_when_holdout_scored_repeatedly(
    result_factory: Callable[..., StudyResult],
) -> None:
    assert "scored 3 times" in build_report(result_factory(times_scored=3)).markdown()
    assert "times.**" not in build_report(result_factory(times_scored=1)).markdown()


def test_repr_html_is_a_summary_with_the_warnings(
    result_factory: Callable[..., StudyResult], tmp_path: Path
) -> None:
    report = build_report(result_factory(times_scored=2, gap=True))
    summary = report._repr_html_()
    assert "<style" not in summary and "<html" not in summary and "<svg" not in summary
    assert 'id="times-scored-warning"' in summary and 'id="gap-warning"' in summary
    assert fmt_num(report.result_.holdout.score) in summary
    report.write(tmp_path)
    assert str(tmp_path / "report.html") in report._repr_html_()


def test_open_shows_the_written_report_in_the_browser(
    result_factory: Callable[..., StudyResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    report = build_report(result_factory())
    temporary = report.open()
    assert temporary.read_text("utf-8") == report.html()
    report.write(tmp_path)
    assert report.open() == tmp_path / "report.html"
    assert opened == [temporary.resolve().as_uri(), (tmp_path / "report.html").resolve().as_uri()]


def test_other_metrics_say_when_lower_is_better(result_factory: Callable[..., StudyResult]) -> None:
    result = result_factory("regression")
    result = variant(result, holdout={"other_metrics": {"rmse": 53.4, "explained_variance": 0.4}})
    text = visible_text(build_report(result).html())
    assert "RMSE (lower is better) 53.400" in text
    assert "explained variance 0.400" in text


@pytest.mark.parametrize(
    ("code", "headline"),
    [("more_data_helps", "Likely yes"), ("plateau", "Probably not"), ("unclear", "Unclear")],
)
def test_learning_curve_verdict_gets_a_plain_headline(
    result_factory: Callable[..., StudyResult], code: str, headline: str
) -> None:
    result = variant(result_factory(), learning_curve={"verdict_code": code})
    text = visible_text(build_report(result).html())
    assert f"Verdict: {headline}. {sentence(result.learning_curve.verdict)}" in text


@pytest.mark.parametrize("sizes", [(), (21, 84)])
def test_learning_curve_note_names_the_largest_fit(result: StudyResult, sizes: tuple) -> None:
    n = len(sizes)
    curve = {"sizes": sizes, "scores": (0.5,) * n, "scores_std": (0.1,) * n}
    html = build_report(variant(result, learning_curve=curve | {"train_scores": (0.6,) * n})).html()
    if sizes:
        assert "each point fitted on up to 84 of them" in html
    else:
        assert "each point fitted on up to" not in html


def test_learning_curve_draws_the_best_model_beside_the_chosen(result: StudyResult) -> None:
    curve = result.learning_curve
    best = CurveLine(
        "gradient_boosting",
        curve.sizes,
        curve.scores,
        curve.scores_std,
        "more rows would likely help",
        "more_data_helps",
    )
    with_best = variant(result, learning_curve={"best": best})
    html = build_report(with_best).html()
    assert "best model (gradient_boosting)" in html
    assert "The best-scoring model (gradient_boosting) is drawn too" in html
