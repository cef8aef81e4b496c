"""The dashboard as a Starlette application: routes, templates, the action token, headers.

Every page is rendered on the server from diveml's public API; there is no JavaScript, so
the dashboard works offline and a page shows the same in any browser. Security rules,
each with a test (tests/web):

* Only a study's own artifacts are served, by name, from inside its folder (``_files``).
* Every value is escaped by Jinja2's autoescaping, and the Content-Security-Policy allows
  no script at all, so a hostile column or study name can only ever show as text.
* GET never changes state; the one action (copying a lesson into the workspace) is a POST
  that must carry this server's random token.
* On a loopback address only ``localhost``/``127.0.0.1`` Host headers are answered, which
  stops DNS-rebinding pages from reading the dashboard.
"""

from __future__ import annotations

import logging
import re
import secrets
import urllib.parse
from collections.abc import Awaitable, Callable
from importlib import resources as package_files
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from diveml import __version__
from diveml.config import Settings
from diveml.exceptions import ColumnNotFoundError, DivemlError, InvalidOptionError
from diveml.web import _pages
from diveml.web._compare import compare
from diveml.web._files import artifact_names, safe_artifact

__all__ = ["create_app"]

log = logging.getLogger("diveml.web")

# No script may run on any page, ours or a report's; styles are inline or from /static.
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<circle cx="8" cy="8" r="7" fill="#1b6ca8"/></svg>'
)
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("diveml.web", "templates"),
        autoescape=True,
        # Lenient: study.json files from older diveml versions may lack a field; show a dash.
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["seg"] = lambda value: urllib.parse.quote(str(value), safe="")
    env.filters["num"] = _num
    env.filters["ticks"] = _ticks
    return env


def _review_function() -> Callable[..., Any] | None:
    """Return ``diveml.review.review`` when this diveml has it (it is built alongside)."""
    import importlib

    # By name, so this module type-checks and runs with or without diveml.review.
    try:
        module = importlib.import_module("diveml.review")
    except ImportError:
        return None
    function = getattr(module, "review", None)
    return function if callable(function) else None


def _ticks(text: Any) -> markupsafe.Markup:
    """Escape ``text``, then show `backticked` words as code (as lesson tasks are written)."""
    escaped = str(markupsafe.escape(str(text)))
    return markupsafe.Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))


def _num(value: Any) -> str:
    if value is None or isinstance(value, jinja2.Undefined):
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return "—" if value != value else f"{value:.3f}"
    return str(value)


def _style() -> str:
    # The report's stylesheet first, so the dashboard and the reports look like one thing.
    report = package_files.files("diveml.report").joinpath("templates/report.css")
    own = package_files.files("diveml.web").joinpath("templates/dashboard.css")
    return report.read_text("utf-8") + "\n" + own.read_text("utf-8")


def create_app(
    settings: Settings, *, token: str | None = None, allowed_hosts: list[str] | None = None
) -> Starlette:
    """Return the dashboard application over ``settings``' state, studies and workspace.

    Parameters
    ----------
    token
        The secret every state-changing form must carry; a fresh random one by default.
    allowed_hosts
        Host headers answered; by default only loopback names (``["*"]`` for any).
    """
    env = _environment()
    token = token or secrets.token_urlsafe(32)
    roots = [settings.studies_dir, settings.workspace, settings.home]
    style = _style()

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(
            request_path=request.url.path, token=token, version=__version__, **context
        )
        return HTMLResponse(html, status_code=status)

    def error(request: Request, exc: Exception, status: int) -> HTMLResponse:
        return page(request, "error.html.jinja", status=status, message=str(exc))

    Handler = Callable[[Request], Response]

    def guarded(
        handler: Handler, *, form: bool = False
    ) -> Callable[[Request], Awaitable[Response]]:
        # Pages are built in a worker thread (pandas and SQLite block). A user's mistake (a
        # wrong name in the address) is a page with the message; a bug is logged with its
        # traceback and shown as a plain 500 without internals.
        async def endpoint(request: Request) -> Response:
            from starlette.concurrency import run_in_threadpool

            if form:
                # The one form is a single urlencoded field; parsing it here spares a
                # dependency (python-multipart) and caps what a request may send.
                body = await request.body()
                fields = urllib.parse.parse_qs(body[:4096].decode("latin-1"))
                request.state.form = {k: v[0] for k, v in fields.items() if v}
            try:
                return await run_in_threadpool(handler, request)
            except DivemlError as exc:
                # A name in the address that is not there is a 404; a wrong column in a
                # form (also a KeyError, for did-you-mean) is a bad request.
                missing = isinstance(exc, LookupError) and not isinstance(exc, ColumnNotFoundError)
                return error(request, exc, 404 if missing else 400)
            except Exception:
                log.exception("dashboard error on %s", request.url.path)
                return page(
                    request,
                    "error.html.jinja",
                    status=500,
                    message="Something went wrong inside diveml (a bug, not your doing). "
                    "The terminal running `diveml serve` shows the details.",
                )

        return endpoint

    def home(request: Request) -> Response:
        return page(request, "home.html.jinja", nav="home", **_pages.home_page(settings))

    def lessons(request: Request) -> Response:
        return page(
            request, "lessons.html.jinja", nav="lessons", lessons=_pages.lessons_page(settings)
        )

    def lesson(request: Request) -> Response:
        info = _pages.lesson_page(request.path_params["lesson_id"], settings)
        copied = request.query_params.get("copied")
        return page(request, "lesson.html.jinja", nav="lessons", lesson=info, copied=copied)

    def copy(request: Request) -> Response:
        form = request.state.form
        if not secrets.compare_digest(str(form.get("token", "")), token):
            return page(
                request,
                "error.html.jinja",
                status=403,
                message="This form is from another server or an old page (its token does not "
                "match). Reload the lesson page and try again.",
            )
        from diveml.lessons import copy_lesson

        copied = copy_lesson(request.path_params["lesson_id"], settings=settings, fresh=True)
        target = f"/lessons/{urllib.parse.quote(copied.lesson, safe='')}"
        query = urllib.parse.urlencode({"copied": copied.path.name})
        return RedirectResponse(f"{target}?{query}", status_code=303)

    def studies(request: Request) -> Response:
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            raise InvalidOptionError(
                f"The page {request.query_params.get('page')!r} is not a whole number."
            ) from None
        info = _pages.studies_page(
            settings,
            page=number,
            sort=request.query_params.get("sort", "created"),
            order=request.query_params.get("order", "desc"),
        )
        return page(request, "studies.html.jinja", nav="studies", **info)

    def compare_view(request: Request) -> Response:
        ids = request.query_params.getlist("id")
        if len(ids) != 2:
            raise InvalidOptionError(
                f"Pick exactly two studies to compare; {len(ids)} were picked. Tick two rows "
                "on the studies page."
            )
        a, b = (_pages.study_record(i, settings) for i in ids)
        return page(request, "compare.html.jinja", nav="studies", a=a, b=b, diff=compare(a, b))

    def study(request: Request) -> Response:
        record = _pages.study_record(request.path_params["study_id"], settings)
        files = {
            key: name
            for key, name in artifact_names().items()
            if safe_artifact(record.get("out_dir"), name, _roots(record)) is not None
        }
        return page(request, "study.html.jinja", nav="studies", s=record, files=files)

    def _roots(record: dict[str, Any]) -> list[Path]:
        # The study's own folder counts as served only because the ledger recorded it.
        extra = [Path(record["out_dir"])] if record.get("out_dir") else []
        return [*roots, *extra]

    def artifact(request: Request) -> Response:
        record = _pages.study_record(request.path_params["study_id"], settings)
        path = safe_artifact(record.get("out_dir"), request.path_params["name"], _roots(record))
        if path is None:
            return _not_found(request)
        media = {".html": "text/html", ".json": "application/json", ".md": "text/markdown"}
        return FileResponse(path, media_type=media.get(path.suffix, "application/octet-stream"))

    def report(request: Request) -> Response:
        record = _pages.study_record(request.path_params["study_id"], settings)
        path = safe_artifact(record.get("out_dir"), "report.html", _roots(record))
        if path is None:
            return page(
                request,
                "error.html.jinja",
                status=404,
                message=f"The report of {record['id']!r} is not in its folder "
                f"{record.get('out_dir')!r} (moved or deleted?). Re-run the study to get it.",
            )
        return FileResponse(path, media_type="text/html")

    def review(request: Request) -> Response:
        record = _pages.study_record(request.path_params["study_id"], settings)
        run_review = _review_function()
        study_json = safe_artifact(record.get("out_dir"), "study.json", _roots(record))
        if run_review is None or study_json is None:
            return page(
                request,
                "review.html.jinja",
                nav="studies",
                s=record,
                available=run_review is not None,
            )
        # refit=False: a page view must stay quick and must not run the study's code again.
        result = run_review(study_json.parent, refit=False, settings=settings)
        return HTMLResponse(result.html())

    def data(request: Request) -> Response:
        from diveml.data import is_available, list_datasets

        rows = [
            d.to_dict() | {"available": is_available(d.name, settings)} for d in list_datasets()
        ]
        return page(request, "data.html.jinja", nav="data", datasets=rows)

    def dataset(request: Request) -> Response:
        info = _pages.dataset_page(request.path_params["name"], settings)
        return page(request, "dataset.html.jinja", nav="data", d=info)

    def choose(request: Request) -> Response:
        from diveml.data import list_datasets

        names = [d.name for d in list_datasets() if d.task != "images"]
        name = request.query_params.get("data", "")
        target = request.query_params.get("target", "") or None
        choice = None
        if name:
            from diveml.chooser import choose as run_choose
            from diveml.data import dataset_info

            # Only catalog names: a page must not read arbitrary files on this machine.
            dataset_info(name)
            choice = run_choose(name, target, settings=settings)
        return page(
            request,
            "choose.html.jinja",
            nav="choose",
            names=names,
            name=name,
            target=target or "",
            choice=choice,
        )

    def resources(request: Request) -> Response:
        info = _pages.resources_page(
            request.query_params.get("topic"), request.query_params.get("lesson")
        )
        return page(request, "resources.html.jinja", nav="resources", **info)

    def stylesheet(request: Request) -> Response:
        return Response(style, media_type="text/css")

    def favicon(request: Request) -> Response:
        # Browsers ask for it on every page, the reports' included; a 404 would be logged.
        return Response(FAVICON, media_type="image/svg+xml")

    def _not_found(request: Request) -> Response:
        return page(request, "error.html.jinja", status=404, message="Nothing is served here.")

    async def not_found(request: Request, exc: Exception) -> Response:
        return _not_found(request)

    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    routes = [
        Route("/", guarded(home)),
        Route("/lessons", guarded(lessons)),
        Route("/lessons/{lesson_id}", guarded(lesson)),
        Route("/lessons/{lesson_id}/copy", guarded(copy, form=True), methods=["POST"]),
        Route("/studies", guarded(studies)),
        Route("/studies/compare", guarded(compare_view)),
        Route("/studies/{study_id}", guarded(study)),
        Route("/studies/{study_id}/report", guarded(report)),
        Route("/studies/{study_id}/review", guarded(review)),
        Route("/studies/{study_id}/files/{name}", guarded(artifact)),
        Route("/data", guarded(data)),
        Route("/data/{name}", guarded(dataset)),
        Route("/choose", guarded(choose)),
        Route("/resources", guarded(resources)),
        Route("/static/style.css", stylesheet),
        Route("/favicon.ico", favicon),
    ]
    from starlette.middleware.base import BaseHTTPMiddleware

    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS),
        Middleware(BaseHTTPMiddleware, dispatch=headers),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: not_found},
    )
    app.state.token = token
    return app
