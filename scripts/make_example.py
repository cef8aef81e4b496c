"""Regenerate docs/examples/titanic-study: the artifacts of one real study, for readers.

Runs ``diveml.study("titanic", target="survived")`` with the default options in a
temporary diveml home (so the example never lands in your own ledger), then copies the
report, the notebook and study.json into docs/examples/titanic-study, replacing what was
there. ``model.skops`` and ``holdout_predictions.csv`` are left out of the repository.

Run it after a change to the study or the report::

    python scripts/make_example.py

A test (tests/study/test_result.py) checks that the example's study.json is of the
current format, so a stale example fails the suite.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from diveml.config import resolve_settings
from diveml.study import study

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "titanic-study"
KEPT = ("report.html", "report.md", "study.ipynb", "study.json")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="diveml-example-") as home:
        settings = resolve_settings(
            {
                "DIVEML_HOME": home,
                "DIVEML_CONFIG": str(Path(home) / "no-config.toml"),
                "DIVEML_OFFLINE": "1",
                "DIVEML_DATA_DIRS": os.environ.get("DIVEML_DATA_DIRS", ""),
            }
        )
        out = Path(home) / "titanic-study"
        study("titanic", "survived", out=out, settings=settings)
        shutil.rmtree(EXAMPLE, ignore_errors=True)
        EXAMPLE.mkdir(parents=True)
        for name in KEPT:
            shutil.copyfile(out / name, EXAMPLE / name)
    print(f"wrote {', '.join(KEPT)} to {EXAMPLE}")


if __name__ == "__main__":
    main()
