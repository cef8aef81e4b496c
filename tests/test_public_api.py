"""The public surface: sorted, resolvable, and light to import."""

from __future__ import annotations

import subprocess
import sys

import diveml


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert list(diveml.__all__) == sorted(diveml.__all__)
    for name in diveml.__all__:
        assert getattr(diveml, name) is not None


def test_importing_diveml_does_not_load_heavy_libraries() -> None:
    code = "import sys, diveml, diveml.cli; print(sorted(m for m in ('pandas', 'sklearn', 'matplotlib') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_unknown_attribute_raises_attribute_error() -> None:
    try:
        diveml.not_a_thing  # noqa: B018
    except AttributeError as exc:
        assert "not_a_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
