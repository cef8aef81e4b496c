"""The curated resources: a valid data file, real lessons, filters and the command."""

from __future__ import annotations

import json
import socket

import pytest
from typer.testing import CliRunner

from diveml.cli import app
from diveml.exceptions import InvalidOptionError
from diveml.lessons import all_lessons
from diveml.resources import COSTS, KINDS, LEVELS, all_resources, find_resources, topics
from tests.helpers import flat

runner = CliRunner()


def test_every_entry_is_complete_and_names_real_lessons() -> None:
    lesson_ids = {lesson.id for lesson in all_lessons()}
    resources = all_resources()
    assert len(resources) >= 30
    for r in resources:
        assert r.kind in KINDS and r.level in LEVELS and r.cost in COSTS, r.title
        assert r.topics and r.why, r.title
        assert set(r.lessons) <= lesson_ids, (r.title, set(r.lessons) - lesson_ids)
        assert (
            r.url.startswith("https://")
            or r.url.startswith("http://")
            or (r.kind == "study-tip" and r.url == "")
        )
    titles = [r.title for r in resources]
    urls = [r.url for r in resources if r.url]
    assert len(set(titles)) == len(titles) and len(set(urls)) == len(urls)


def test_every_kind_the_issue_names_is_there() -> None:
    kinds = {r.kind for r in all_resources()}
    for kind in (
        "course",
        "textbook",
        "podcast",
        "study-tip",
        "help",
        "peer-review",
        "cheat-sheet",
        "library-list",
    ):
        assert kind in kinds


@pytest.mark.parametrize(
    "words",
    [
        "Domingos",
        "Statistical Learning (James",
        "Elements of Statistical Learning",
        "Andrew Ng",
        "fast.ai",
        "Talking Machines",
        "Linear Digressions",
        "Partially Derivative",
        "10 minutes to pandas",
        "Kaggle",
        "Cross Validated",
        "r/MachineLearning",
        "ML Test Score",
        "Hidden Technical Debt",
        "Rules of Machine Learning",
        "Clever Methods of Overfitting",
        "Choosing the right estimator",
    ],
)
def test_the_guides_recommendations_are_listed(words: str) -> None:
    assert any(words in r.title for r in all_resources()), words


def test_every_lesson_has_something_to_read_next() -> None:
    for lesson in all_lessons():
        assert find_resources(lesson=lesson.id), lesson.id


def test_filter_by_topic_kind_and_lesson() -> None:
    pandas = find_resources("pandas")
    assert pandas and all("pandas" in r.topics for r in pandas)
    podcasts = find_resources("Podcast")  # case is ignored
    assert {r.kind for r in podcasts} == {"podcast"}
    five = find_resources(lesson=5)
    assert five and all("05-generalization" in r.lessons for r in five)
    both = find_resources("overfitting", lesson="05-generalization")
    assert both and all(
        "overfitting" in r.topics and "05-generalization" in r.lessons for r in both
    )


def test_unknown_topic_suggests_the_nearest() -> None:
    with pytest.raises(
        InvalidOptionError, match=r"No resource is about 'pandsa'\. Did you mean 'pandas'\?"
    ):
        find_resources("pandsa")
    assert "leakage" in topics()


def test_cli_lists_links_grouped_by_kind_without_fetching(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("diveml resources opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    result = runner.invoke(app, ["resources", "--lesson", "5"])
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "https://homes.cs.washington.edu/~pedrod/papers/cacm12.pdf" in result.stdout
    assert "paper" in out and "never opened or fetched" in out


def test_cli_json_and_errors() -> None:
    result = runner.invoke(app, ["resources", "cheat-sheet", "--json"])
    rows = json.loads(result.stdout)
    assert {r["kind"] for r in rows} == {"cheat-sheet"}
    assert {"title", "url", "kind", "level", "cost", "topics", "lessons", "why"} <= set(rows[0])
    bad = runner.invoke(app, ["resources", "podcats"])
    assert bad.exit_code == 1 and "Did you mean 'podcast'" in flat(bad.stderr)
    lesson = runner.invoke(app, ["resources", "--lesson", "42"])
    assert lesson.exit_code == 1 and "There is no lesson called '42'" in flat(lesson.stderr)
