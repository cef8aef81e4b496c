"""The public report API: HTML, Markdown, writing files, notebook display."""

from __future__ import annotations

import copy
import os
import re
import stat
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest

from diveml.exceptions import DivemlError, ReportError
from diveml.report import FILE_NAMES, Report, build_report, write_report
from diveml.report._context import fmt_num


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


def test_html_needs_no_network(result: dict) -> None:
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


def test_html_shows_the_key_numbers(result: dict) -> None:
    text = visible_text(build_report(result).html())
    holdout = result["holdout"]
    for value in (
        holdout["score"],
        holdout["ci_low"],
        holdout["ci_high"],
        holdout["baseline_score"],
    ):
        assert fmt_num(value) in text
    assert f"{holdout['rows']} holdout rows" in text
    for rung in result["ladder"]:
        assert fmt_num(rung["cv_mean"]) in text
        assert fmt_num(rung["cv_std"]) in text
        assert rung["label"] in text
    assert result["chosen"]["label"] in text
    assert result["selection"]["explanation"] in text
    assert result["learning_curve"]["verdict"] in text
    assert f"{result['split']['train_rows']} rows" in text
    for finding in result["audit"]["findings"]:
        assert finding["message"] in text
        assert finding["fix"] in text
    for exclusion in result["exclusions"]:
        assert exclusion["reason"] in text


def test_html_draws_every_plot_the_result_has_data_for(result: dict) -> None:
    html = build_report(result).html()
    plots = set(re.findall(r'<svg class="plot"[^>]*aria-labelledby="([\w-]+)-title"', html))
    expected = {"ladder", "learning-curve", "holdout", "importance"}
    if result["task"] == "binary":
        expected |= {"roc-pr", "calibration"}
    if result["task"] == "regression":
        expected |= {"residuals"}
    assert plots == expected


def test_svg_ids_are_unique_across_plots(result: dict) -> None:
    html = build_report(result).html()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for reference in re.findall(r"url\(#([^)]+)\)", html):
        assert reference in ids


@pytest.mark.parametrize("times", [2, 7])
def test_times_scored_warning_is_prominent_when_holdout_was_scored_before(
    result_factory: Callable[..., dict], times: int
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
    result_factory: Callable[..., dict],
) -> None:
    html = build_report(result_factory(times_scored=1)).html()
    assert "times-scored-warning" not in html
    assert 'class="times alert"' not in html
    assert "This holdout was scored once" in visible_text(html)


def test_gap_between_holdout_and_cv_is_flagged(result_factory: Callable[..., dict]) -> None:
    flagged = build_report(result_factory(gap=True)).html()
    calm = build_report(result_factory(gap=False)).html()
    assert 'id="gap-warning"' in flagged
    assert "The holdout score is well below the cross-validation range." in flagged
    assert 'id="gap-warning"' not in calm


HOSTILE = "<b>x</b>"


def _with_hostile_column(result: dict) -> dict:
    result["audit"]["findings"].append(
        {
            "code": "leak",
            "severity": "error",
            "column": HOSTILE,
            "message": f"Column {HOSTILE!r} predicts the target.",
            "fix": "<i>drop it</i>",
        }
    )
    result["excluded_columns"].append(HOSTILE)
    result["exclusions"].append(
        {"column": HOSTILE, "code": "leak", "reason": "<script>alert(1)</script>"}
    )
    result["diagnostics"]["permutation_importance"].append(
        {"column": HOSTILE, "mean": 0.05, "std": 0.01}
    )
    result["diagnostics"]["segments"] = [
        {"column": HOSTILE, "value": "<u>v</u>", "rows": 3, "score": 0.5}
    ]
    result["target"] = "<em>t</em>"
    return result


def _count_tags(html: str, names: tuple[str, ...]) -> dict[str, int]:
    tags = [t for t, _ in parse(html).tags]
    return {name: tags.count(name) for name in names}


def test_html_escapes_names_and_messages(result_factory: Callable[..., dict]) -> None:
    html = build_report(_with_hostile_column(result_factory())).html()
    plain = build_report(result_factory()).html()
    for raw in (HOSTILE, "<i>drop it</i>", "<script>", "<u>v</u>", "<em>t</em>"):
        assert raw not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert HOSTILE in visible_text(html), "shown as written, not interpreted"
    names = ("b", "i", "u", "em", "script")
    assert _count_tags(html, names) == _count_tags(plain, names), "no tag came from the data"


def test_markdown_escapes_names_and_messages(result_factory: Callable[..., dict]) -> None:
    result = _with_hostile_column(result_factory())
    result["exclusions"].append({"column": "a|b", "code": None, "reason": "pipe | in a table"})
    markdown = build_report(result).markdown()
    assert "<script>" not in markdown and "<i>" not in markdown
    assert f"`{HOSTILE}`" in markdown, "column names are code spans"
    table_rows = [line for line in markdown.splitlines() if line.startswith("| `a")]
    assert table_rows == ["| `a\\|b` | pipe \\| in a table |"]


def test_failed_rung_is_reported_and_left_out_of_plot_and_choice(
    result_factory: Callable[..., dict],
) -> None:
    result = result_factory("binary")
    rung = result["ladder"][4]
    rung.update(
        status="failed",
        cv_mean=None,
        cv_std=None,
        cv_scores=None,
        fit_seconds=None,
        predict_seconds=None,
        note="ValueError: boosting exploded",
    )
    html = build_report(result).html()
    text = visible_text(html)
    assert "ValueError: boosting exploded" in text
    assert "1 rung did not produce a score (gradient boosting: failed)" in text
    ladder_svg = re.search(r'<svg class="plot"[^>]*ladder-title.*?</svg>', html, re.DOTALL)
    assert ladder_svg is not None
    assert "gradient boosting" not in ladder_svg.group(0)
    assert "logistic regression" in ladder_svg.group(0)


OPTIONAL = [
    "diagnostics",
    "learning_curve",
    "timings",
    "sampling",
    "selection",
    "data",
    "split",
    "settings",
    "artifacts",
    "exclusions",
    "id",
    "created_at",
    "status",
]


@pytest.mark.parametrize("key", OPTIONAL)
def test_report_renders_without_an_optional_section(
    result_factory: Callable[..., dict], key: str
) -> None:
    result = result_factory("binary")
    del result[key]
    report = build_report(result)
    text = visible_text(report.html())
    assert fmt_num(result["holdout"]["score"]) in text
    assert fmt_num(result["holdout"]["score"]) in report.markdown()


def test_report_says_what_is_missing(result_factory: Callable[..., dict]) -> None:
    result = result_factory("regression")
    for key in ("diagnostics", "learning_curve", "timings"):
        del result[key]
    result["holdout"] = {"times_scored": 1}
    text = visible_text(build_report(result).html())
    assert "No diagnostics were recorded for this study." in text
    assert "Verdict: Not available for this study." in text
    assert "The holdout was not scored" in text
    assert "No timings were recorded." in text


@pytest.mark.parametrize(
    ("drop", "present"),
    [("roc_curve", "calibration"), ("confusion_matrix", "roc-pr"), ("calibration", "importance")],
)
def test_diagnostics_show_the_parts_that_are_there(
    result_factory: Callable[..., dict], drop: str, present: str
) -> None:
    result = result_factory("binary")
    del result["diagnostics"][drop]
    html = build_report(result).html()
    assert f'aria-labelledby="{present}-title"' in html
    assert ("Confusion matrix</h3>" in html) is (drop != "confusion_matrix")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: [], r"needs a study result dict, got list\. Pass the dict a study produced"),
        (
            lambda r: {k: v for k, v in r.items() if k != "task"},
            r"has no 'task' key\. Pass the dict",
        ),
        (
            lambda r: {k: v for k, v in r.items() if k != "metric"},
            r"has no 'metric' key\. Pass the dict",
        ),
        (
            lambda r: {**r, "task": "clustering"},
            r"task is 'clustering'; it must be one of 'binary', 'multiclass', 'regression'",
        ),
        (lambda r: {**r, "metric": 3}, r"metric is 3, not a scorer name"),
        (lambda r: {**r, "ladder": {"a": 1}}, r"'ladder' is a dict, not a list\. Pass the dict"),
        (
            lambda r: {**r, "settings": {**r["settings"], "keep": float("nan")}},
            r"'settings.keep' is a float, not a list\. Pass the dict",
        ),
        (
            lambda r: {**r, "audit": {"findings": ["leak!"]}},
            r"'audit.findings'\[0\] is 'leak!', not a dict\. Pass the dict",
        ),
        (
            lambda r: {**r, "ladder": [{**r["ladder"][0], "name": ["dummy"]}]},
            r"'ladder\[0\].name' is \['dummy'\], not a model name\. Pass the dict",
        ),
        (  # found by the property test: a list as a column name crashed the exclusions
            lambda r: {**r, "excluded_columns": [[]]},
            r"'excluded_columns\[0\]' is \[\], not a column name\. Pass the dict",
        ),
        (  # found by the property test: a NaN here crashed the ladder table
            lambda r: {**r, "ladder": [{**r["ladder"][0], "cv_scores": float("nan")}]},
            r"'ladder'\[0\].cv_scores is nan, not a list of fold scores\. Pass the dict",
        ),
    ],
)
def test_build_report_rejects_what_is_not_a_study_result(
    result_factory: Callable[..., dict], change: Callable[[dict], Any], message: str
) -> None:
    with pytest.raises(ReportError, match=message) as caught:
        build_report(change(result_factory()))
    assert isinstance(caught.value, DivemlError)


def test_write_report_writes_three_files_and_no_temporary_ones(
    result_factory: Callable[..., dict], tmp_path: Path
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
    result_factory: Callable[..., dict], tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    paths = write_report(result_factory(), tmp_path)
    for path in paths.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_write_report_replaces_earlier_files(
    result_factory: Callable[..., dict], tmp_path: Path
) -> None:
    write_report(result_factory(times_scored=1), tmp_path)
    write_report(result_factory(times_scored=4), tmp_path)
    assert "scored 4 times" in (tmp_path / "report.html").read_text("utf-8")
    assert len(list(tmp_path.iterdir())) == 3


def test_write_report_skips_the_notebook_when_there_is_no_code(
    result_factory: Callable[..., dict], tmp_path: Path
) -> None:
    result = result_factory()
    del result["reproduce"]
    paths = write_report(result, tmp_path)
    assert sorted(paths) == ["report_html", "report_md"]
    assert not (tmp_path / "study.ipynb").exists()


def test_write_report_writes_nothing_when_the_notebook_code_is_broken(
    result_factory: Callable[..., dict], tmp_path: Path
) -> None:
    result = result_factory()
    result["reproduce"]["split_code"] = "   "
    with pytest.raises(ReportError, match=r"reproduce\['split_code'\] is missing or empty"):
        write_report(result, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_report_does_not_change_the_result_and_ignores_later_edits(
    result_factory: Callable[..., dict],
) -> None:
    result = result_factory()
    before = copy.deepcopy(result)
    report = build_report(result)
    html = report.html()
    assert result == before
    result["chosen"]["label"] = "edited afterwards"
    assert Report(before).html() == html
    assert "edited afterwards" not in report.markdown()


def test_html_is_the_same_every_time(result_factory: Callable[..., dict]) -> None:
    assert build_report(result_factory()).html() == build_report(result_factory()).html()


def test_markdown_summarises_the_study(result: dict) -> None:
    markdown = build_report(result).markdown()
    assert markdown.startswith(f"# Study: predicting {result['target']}")
    assert f"**{fmt_num(result['holdout']['score'])}**" in markdown
    assert result["selection"]["explanation"] in markdown.replace("\\", "")
    for heading in (
        "## At a glance",
        "## 4. Model ladder",
        "## 7. Holdout",
        "## 9. Methods",
        "## 10. Timings",
    ):
        assert heading in markdown
    assert "\n\n\n" not in markdown


def test_markdown_warns_when_holdout_scored_repeatedly(result_factory: Callable[..., dict]) -> None:
    assert "scored 3 times" in build_report(result_factory(times_scored=3)).markdown()
    assert "times.**" not in build_report(result_factory(times_scored=1)).markdown()


def test_repr_html_is_a_summary_with_the_warnings(
    result_factory: Callable[..., dict], tmp_path: Path
) -> None:
    report = build_report(result_factory(times_scored=2, gap=True))
    summary = report._repr_html_()
    assert "<style" not in summary and "<html" not in summary and "<svg" not in summary
    assert 'id="times-scored-warning"' in summary and 'id="gap-warning"' in summary
    assert fmt_num(report.result["holdout"]["score"]) in summary
    report.write(tmp_path)
    assert str(tmp_path / "report.html") in report._repr_html_()


def test_open_shows_the_written_report_in_the_browser(
    result_factory: Callable[..., dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    report = build_report(result_factory())
    temporary = report.open()
    assert temporary.read_text("utf-8") == report.html()
    report.write(tmp_path)
    assert report.open() == tmp_path / "report.html"
    assert opened == [temporary.resolve().as_uri(), (tmp_path / "report.html").resolve().as_uri()]


def test_other_metrics_say_when_lower_is_better(result_factory: Callable[..., dict]) -> None:
    result = result_factory("regression")
    result["holdout"]["other_metrics"] = {"rmse": 53.4, "explained_variance": 0.4}
    text = visible_text(build_report(result).html())
    assert "RMSE (lower is better) 53.400" in text
    assert "explained variance 0.400" in text


@pytest.mark.parametrize(
    ("code", "headline"),
    [("more_data_helps", "Likely yes"), ("plateau", "Probably not"), ("unclear", "Unclear")],
)
def test_learning_curve_verdict_gets_a_plain_headline(
    result_factory: Callable[..., dict], code: str, headline: str
) -> None:
    result = result_factory()
    result["learning_curve"]["verdict_code"] = code
    text = visible_text(build_report(result).html())
    assert f"Verdict: {headline}. {result['learning_curve']['verdict']}" in text


@pytest.mark.parametrize("sizes", [[None], [84, None, "x"], []])
def test_learning_curve_note_survives_damaged_sizes(result: dict, sizes: object) -> None:
    damaged = copy.deepcopy(result)
    damaged["learning_curve"]["sizes"] = sizes
    damaged.setdefault("sampling", {})["learning_curve_rows"] = 100
    html = build_report(damaged).html()
    if sizes == [84, None, "x"]:
        assert "each point fitted on up to 84 of them" in html
    else:
        assert "each point fitted on up to" not in html


def test_learning_curve_draws_the_best_model_beside_the_chosen(result: dict) -> None:
    with_best = copy.deepcopy(result)
    curve = with_best["learning_curve"]
    curve["best"] = {
        "model": "gradient_boosting",
        "sizes": list(curve["sizes"]),
        "scores": list(curve["scores"]),
        "scores_std": list(curve["scores_std"]),
        "verdict": "more rows would likely help",
        "verdict_code": "more_data_helps",
    }
    html = build_report(with_best).html()
    assert "best model (gradient_boosting)" in html
    assert "The best-scoring model (gradient_boosting) is drawn too" in html
