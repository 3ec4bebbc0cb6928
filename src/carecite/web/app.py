"""The web application: carecite's pages and JSON API behind the guard.

``create_app`` builds a Starlette application for one bank (and optionally a folder of report
PDFs) and one launch's secret. ``carecite.web.server.serve`` runs it with uvicorn on
loopback; tests drive it with Starlette's test client.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from carecite.draft.audit.quotations import requoted
from carecite.english import long_date
from carecite.errors import CareciteError
from carecite.web import api, authority, importing, pages
from carecite.web.actions import Site, placed
from carecite.web.case_form import form_label
from carecite.web.security import CSRF_FIELD, BodyTooLarge, Guard, Policy
from carecite.web.wording import LABELS, said

HERE = Path(__file__).resolve().parent


def create_app(site: Site, policy: Policy) -> Starlette:
    """The application for one bank and one launch.

    Args:
        site: the bank folder, the reports folder (``None``: audits check the bank alone)
            and what the server keeps between requests.
        policy: the launch's token, the hosts it answers to and the upload limit.
    """
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals["csrf_query"] = f"{CSRF_FIELD}={policy.csrf}"
    env.globals["csrf_token"] = policy.csrf
    env.globals["max_upload_mb"] = policy.max_body // (1024 * 1024)
    env.globals["tab_case_hours"] = pages.TAB_CASE_HOURS
    env.filters["marked"] = marked
    env.filters["long_date"] = long_date
    env.filters["said"] = said  # every library message a page shows, in the page's words
    env.filters["form_label"] = form_label  # a case form's field as the form labels it
    env.filters["requoted"] = requoted  # quoted words in quotation marks, nested ones alternating
    env.globals["labels"] = LABELS  # the controls those words name
    routes = [
        *pages.routes(),
        *api.routes(),
        *authority.routes(),
        *importing.routes(),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    uploads = importing.waiting_uploads()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:  # a second Ctrl-C cancels the wait for shutdown: cleared all the same
            uploads.clear()  # reports uploaded but never confirmed leave nothing behind

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(Guard, policy=policy)],
        exception_handlers={
            BodyTooLarge: _too_large,
            404: _not_found,
            CareciteError: _unanswered,
        },
    )
    app.state.site = site
    app.state.templates = templates
    app.state.uploads = uploads
    return app


def marked(snippet: str) -> Markup:
    """A search snippet as HTML: its text escaped, the matched words «like this» marked."""
    text = str(escape(snippet))
    return Markup(text.replace("«", "<mark>").replace("»", "</mark>"))


async def _too_large(request: Request, error: Exception) -> Response:
    return PlainTextResponse(str(error), status_code=413)


async def _not_found(request: Request, error: Exception) -> Response:
    return PlainTextResponse("Not found.", status_code=404)


async def _unanswered(request: Request, error: Exception) -> Response:
    """A library error no route answers for — the bank does not load: a file of it is
    broken — as its problems, each naming its file and line, in place of a bare "Internal
    Server Error". The bank is read again on the next request, once the file is mended."""
    assert isinstance(error, CareciteError)
    problems = placed(error)
    if request.url.path.startswith("/api/"):
        return api.errors(problems, 500)
    return pages.render(request, "problem.html", status=500, problems=problems)
