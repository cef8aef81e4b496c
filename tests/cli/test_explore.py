"""``diveml serve``: the missing extra, the bind address and its warning (no real server)."""

from __future__ import annotations

import builtins
import socket
from typing import Any

import pytest
from typer.testing import CliRunner

from diveml.cli import app
from tests.helpers import flat

runner = CliRunner()


def test_serve_without_the_web_extra_prints_the_install_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_starlette(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "starlette" or name.startswith("starlette."):
            raise ImportError("No module named 'starlette'", name="starlette")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_starlette)
    result = runner.invoke(app, ["serve", "--no-open"])
    assert result.exit_code == 1
    assert "Install it with: pip install 'diveml[web]'" in flat(result.stderr)


def _capture(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    pytest.importorskip("starlette")
    import diveml.web

    seen: dict[str, Any] = {}
    monkeypatch.setattr(diveml.web, "run_server", lambda settings, **kw: seen.update(kw))
    return seen


def test_serve_binds_loopback_by_default_without_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture(monkeypatch)
    result = runner.invoke(app, ["serve", "--no-open", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 0 and seen["open_browser"] is False
    assert "Warning" not in result.stderr


def test_serve_on_another_host_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _capture(monkeypatch)
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--no-open"])
    assert result.exit_code == 0
    assert seen["host"] == "0.0.0.0"
    assert "lets other machines on the network read your studies" in flat(result.stderr)


def test_a_busy_port_is_a_clear_error() -> None:
    pytest.importorskip("starlette")
    from diveml.web import bind

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        from diveml.exceptions import InvalidOptionError

        with pytest.raises(
            InvalidOptionError, match=rf"Cannot listen on 127.0.0.1:{port} .*Pick another --port"
        ):
            bind("127.0.0.1", port)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    pytest.importorskip("starlette")
    from diveml.web import is_loopback

    assert is_loopback(host) is loopback
