"""Run the dashboard with uvicorn on a socket bound here, so port 0 gives a real URL."""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable

from diveml.config import Settings
from diveml.exceptions import InvalidOptionError

__all__ = ["bind", "is_loopback", "run_server"]


def is_loopback(host: str) -> bool:
    """Return True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """Return a listening socket on ``host:port``, or say why it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise InvalidOptionError(
            f"Cannot listen on {host}:{port} ({exc.strerror}). Pick another --port (0 picks "
            "any free one), or stop the program using it."
        ) from exc
    sock.listen(128)
    return sock


def run_server(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the dashboard until interrupted; print its URL and open it unless told not to."""
    import uvicorn

    from diveml.web._app import create_app

    sock = bind(host, port)
    actual = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    url = f"http://{shown}:{actual}/"
    app = create_app(settings, allowed_hosts=None if is_loopback(host) else ["*"])
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    announce(url)
    if open_browser:
        # After a moment, so the browser does not race the server's first accept.
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run(sockets=[sock])
