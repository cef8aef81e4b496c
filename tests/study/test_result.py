"""The typed study result: round trips, format checks, the schema and its reference page."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from diveml.exceptions import StudyResultError
from diveml.study import Study, StudyResult, json_schema, load_result
from diveml.study._result import FORMAT, FORMAT_VERSION, _adapter, fields_markdown

from ..conftest import NOT_A_STUDY

pytestmark = pytest.mark.usefixtures("shared_data")

DOCS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "study-json.md"


@pytest.fixture(scope="module")
def written(penguins_study: Study) -> dict[str, Any]:
    """The study.json a real study wrote."""
    return json.loads((penguins_study.out_dir / "study.json").read_text())


def test_study_json_names_its_format(written: dict[str, Any]) -> None:
    assert written["format"] == FORMAT == "diveml-study"
    assert written["format_version"] == FORMAT_VERSION == 1


def test_written_file_round_trips_through_the_types(
    written: dict[str, Any], penguins_study: Study
) -> None:
    typed = StudyResult.from_dict(written)
    assert typed == penguins_study.result_
    assert typed.to_dict() == written == penguins_study.result
    assert load_result(penguins_study.out_dir) == typed


def test_written_file_matches_the_published_schema(written: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(written)


def test_schema_refuses_what_the_types_refuse(written: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    broken = copy.deepcopy(written)
    broken["holdout"]["score"] = "high"
    assert not validator.is_valid(broken)
    with pytest.raises(StudyResultError, match=r"'holdout.score': input should be a valid number"):
        StudyResult.from_dict(broken)


def test_result_records_are_frozen(penguins_study: Study) -> None:
    with pytest.raises(AttributeError):
        penguins_study.result_.holdout.score = 1.0  # type: ignore[misc]


def _write(folder: Path, data: Any) -> Path:
    folder.mkdir(parents=True)
    path = folder / "study.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"format_version": 2},
            r"format version 2; this diveml reads version 1\. It was written "
            r"by a newer diveml: upgrade diveml",
        ),
        (
            {"format_version": 0},
            r"format version 0; this diveml reads version 1\. Run the study "
            r"again with this version",
        ),
        (
            {"format": "something-else"},
            r"is not a diveml study result \(its 'format' is "
            r"'something-else'",
        ),
        ({"chosen": {"name": "linear"}}, r"'chosen.label' is missing"),
        ({"surprise": 1}, r"'surprise' is not a field of this format"),
        ({"task": "ranking"}, r"'task': input should be 'binary', 'multiclass' or 'regression'"),
    ],
)
def test_a_file_of_another_shape_or_version_names_the_file_and_the_fix(
    tmp_path: Path, written: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    path = _write(tmp_path / NOT_A_STUDY, {**written, **change})
    with pytest.raises(StudyResultError, match=message) as caught:
        load_result(path)
    assert str(path) in str(caught.value)


def test_not_json_or_not_an_object_or_missing(tmp_path: Path) -> None:
    folder = tmp_path / NOT_A_STUDY
    folder.mkdir()
    (folder / "study.json").write_text("{not json")
    with pytest.raises(StudyResultError, match=r"is not valid JSON.*restore it"):
        load_result(folder)
    (folder / "study.json").write_text("[1, 2]")
    with pytest.raises(StudyResultError, match=r"holds a list, not a JSON object"):
        load_result(folder)
    with pytest.raises(StudyResultError, match=r"There is no study result at .*elsewhere"):
        load_result(tmp_path / "elsewhere")


def test_a_file_from_before_format_versions_still_opens(
    tmp_path: Path, written: dict[str, Any]
) -> None:
    # diveml 0.1.0 wrote the same layout without naming it.
    legacy = {k: v for k, v in written.items() if k not in {"format", "format_version"}}
    legacy.pop("budget_plan", None)
    path = _write(tmp_path / f"{NOT_A_STUDY}-legacy", legacy)  # valid, but no format
    assert load_result(path).chosen == StudyResult.from_dict(written).chosen


def test_older_layout_gets_a_message_naming_its_version(tmp_path: Path) -> None:
    # The example's study.json as diveml 0.1.0 wrote it, kept when the example was remade.
    data = json.loads((Path(__file__).with_name("data") / "study-0.1.0.json").read_text())
    with pytest.raises(StudyResultError, match=r"written by diveml 0\.1\.0.*run the study again"):
        StudyResult.from_dict(data, source="the example")


def test_the_example_study_json_is_of_the_current_format() -> None:
    # docs/examples/titanic-study is remade by scripts/make_example.py; a stale one fails.
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "titanic-study"
    data = json.loads((example / "study.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(json_schema()).validate(data)
    assert StudyResult.from_dict(data, source="the example").task == "binary"


def test_schema_is_generated_from_the_types() -> None:
    schema = json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["properties"]["format"] == {
        "const": "diveml-study",
        "description": "Always ``diveml-study``: what kind of file this is.",
        "title": "Format",
        "type": "string",
    }
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"format", "format_version", "holdout", "ladder"}
    assert schema["$defs"]["Holdout"]["properties"]["ci_low"]["description"] == (
        "Lower end of the 95% interval."
    )
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_is_documented() -> None:
    schema = json_schema()
    undocumented = [
        f"{record}.{field}"
        for record, entry in [("StudyResult", schema), *schema["$defs"].items()]
        for field, prop in entry["properties"].items()
        if not prop.get("description")
    ]
    assert undocumented == []


def test_docs_page_is_current() -> None:
    # Regenerate with: diveml schema study --markdown > docs/study-json.md
    assert DOCS_PAGE.read_text(encoding="utf-8") == fields_markdown() + "\n"


def test_docs_page_covers_every_record() -> None:
    page = fields_markdown()
    for name in json_schema()["$defs"]:
        assert f"## {name}\n" in page


def test_checking_a_result_first_leaves_the_schema_its_descriptions(
    written: dict[str, Any],
) -> None:
    # the check builds its own adapter without the fields' docstrings (it is quicker)
    _adapter.cache_clear()
    StudyResult.from_dict(written)
    name = json_schema()["$defs"]["DataInfo"]["properties"]["name"]
    assert name["description"].startswith("A short name")
