"""The public surface of diveml.report."""

from __future__ import annotations

import diveml.report


def test_public_names_are_sorted_and_importable() -> None:
    assert diveml.report.__all__ == sorted(diveml.report.__all__)
    for name in diveml.report.__all__:
        assert getattr(diveml.report, name) is not None


def test_templates_and_glossary_ship_as_data_files() -> None:
    from importlib import resources

    folder = resources.files("diveml.report")
    for name in (
        "templates/report.html.jinja",
        "templates/report.md.jinja",
        "templates/summary.html.jinja",
        "templates/report.css",
        "glossary.toml",
    ):
        assert folder.joinpath(name).is_file(), name
