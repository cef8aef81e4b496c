"""Copying a lesson into the learner's workspace."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from diveml.config import resolve_settings
from diveml.lessons import copy_lesson


def test_copy_writes_the_starter_notebook(tmp_path: Path) -> None:
    copied = copy_lesson("0", tmp_path)
    assert copied.path == tmp_path / "00-how-this-works.ipynb"
    assert copied.kept == ()
    notebook = nbformat.read(copied.path, as_version=4)
    assert notebook.metadata["diveml"]["mode"] == "starter"


def test_copy_again_returns_the_learners_copy_untouched(tmp_path: Path) -> None:
    first = copy_lesson("0", tmp_path).path
    first.write_text("my work", encoding="utf-8")
    again = copy_lesson("0", tmp_path)
    assert again.existing and again.path == first
    assert first.read_text(encoding="utf-8") == "my work"
    assert [p.name for p in tmp_path.iterdir()] == ["00-how-this-works.ipynb"]


def test_fresh_copy_never_overwrites_the_learners_file(tmp_path: Path) -> None:
    first = copy_lesson("0", tmp_path).path
    first.write_text("my work", encoding="utf-8")
    second = copy_lesson("0", tmp_path, fresh=True)
    third = copy_lesson("0", tmp_path, fresh=True)
    assert first.read_text(encoding="utf-8") == "my work"
    assert second.path.name == "00-how-this-works-2.ipynb"
    assert third.path.name == "00-how-this-works-3.ipynb"
    assert third.kept == (first, second.path)
    assert not third.existing


def test_copy_again_opens_the_copy_changed_last(tmp_path: Path) -> None:
    import os

    first = copy_lesson("0", tmp_path).path
    second = copy_lesson("0", tmp_path, fresh=True).path
    os.utime(first, (2_000_000_000, 2_000_000_000))
    again = copy_lesson("0", tmp_path)
    assert again.path == first and again.kept == (second,)


def test_a_workspace_that_is_a_file_is_refused(tmp_path: Path) -> None:
    from diveml.exceptions import LessonError

    (tmp_path / "ws").write_text("x", encoding="utf-8")
    with pytest.raises(LessonError, match=r"is a file, not a folder.*--workspace"):
        copy_lesson("0", tmp_path / "ws")


def test_jupyter_gets_allow_root_as_root_and_its_address_is_read_from_its_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from diveml.lessons import _workspace

    commands: list[list[str]] = []

    def fake_spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
        commands.append(command)
        log.write_text(
            "[I ServerApp] Jupyter Server is running at:\n"
            "[I ServerApp] http://localhost:8888/tree?token=abc123\n",
            encoding="utf-8",
        )
        return subprocess.Popen([sys.executable, "-c", "pass"])

    monkeypatch.setattr(_workspace, "_spawn", fake_spawn)
    monkeypatch.setattr(_workspace, "_is_root", lambda: True)
    launch = _workspace.open_in_jupyter(tmp_path / "nb.ipynb", log_dir=tmp_path)
    assert commands[0][-1] == "--allow-root"
    assert launch.url == "http://localhost:8888/tree?token=abc123"
    assert launch.log.parent == tmp_path


def test_jupyter_that_stops_at_once_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from diveml.exceptions import LessonError
    from diveml.lessons import _workspace

    def fake_spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
        log.write_text("Running as root is not recommended. Use --allow-root\n", encoding="utf-8")
        return subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])

    monkeypatch.setattr(_workspace, "_spawn", fake_spawn)
    with pytest.raises(
        LessonError, match=r"(?s)Jupyter stopped at once \(exit code 1\).*Running as root"
    ):
        _workspace.open_in_jupyter(tmp_path / "nb.ipynb", log_dir=tmp_path, wait=10)


def test_copy_goes_to_the_configured_workspace(tmp_path: Path) -> None:
    settings = resolve_settings(
        {"DIVEML_WORKSPACE": str(tmp_path / "ws"), "DIVEML_HOME": str(tmp_path)}
    )
    assert copy_lesson("1", settings=settings).path.parent == tmp_path / "ws"


@pytest.mark.slow
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only as root (containers, CI)"
)
def test_a_real_jupyter_starts_as_root_and_serves_the_address_it_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake-spawn tests above prove the command; this one starts the real Jupyter, as
    # root, where it refuses to run without --allow-root, and asks its API with the token.
    import json
    import urllib.request

    from diveml.lessons._workspace import open_in_jupyter

    monkeypatch.setenv("BROWSER", "true")  # no browser window from a test
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    copied = copy_lesson("0", tmp_path / "work")
    launch = open_in_jupyter(copied.path, log_dir=tmp_path / "logs", wait=60)
    assert launch.url is not None, launch.log.read_text(encoding="utf-8")
    assert "--allow-root" in launch.command
    base, token = launch.url.split("/tree?token=")
    headers = {"Authorization": f"token {token}"}
    try:
        with urllib.request.urlopen(
            urllib.request.Request(f"{base}/api/status", headers=headers), timeout=20
        ) as reply:
            assert reply.status == 200 and "started" in json.load(reply)
    finally:
        shutdown = urllib.request.Request(f"{base}/api/shutdown", headers=headers, method="POST")
        urllib.request.urlopen(shutdown, timeout=20).close()
