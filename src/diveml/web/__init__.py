"""A local dashboard over diveml's lessons, progress, studies, reports and datasets.

A thin layer over the public API (nothing in the core imports it), rendered on the server
with Jinja2 in the reports' visual style, with no JavaScript and nothing fetched from the
network. It needs the ``web`` extra: ``pip install 'diveml[web]'``.

Examples
--------
>>> from diveml.web import create_app  # doctest: +SKIP
>>> app = create_app(resolve_settings())  # doctest: +SKIP
"""

from __future__ import annotations

from diveml.web._app import create_app
from diveml.web._server import bind, is_loopback, run_server

__all__ = ["bind", "create_app", "is_loopback", "run_server"]
