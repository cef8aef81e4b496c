"""The web layer sits on top: nothing else imports it, and the CLI loads it only to serve."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "diveml"


def test_no_core_module_imports_the_web_layer() -> None:
    pattern = re.compile(r"^\s*(from|import)\s+diveml\.web\b", re.M)
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.parts[len(SRC.parts)] not in {"web", "cli"} and pattern.search(path.read_text())
    ]
    assert offenders == []


def test_the_cli_does_not_load_starlette_until_serve_runs() -> None:
    code = "import sys, diveml.cli; print('starlette' in sys.modules, 'uvicorn' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False False"
