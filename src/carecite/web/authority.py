"""The Authority page: an authority's inspection history, its reports in the bank, and the
bank's passages about it by theme — and ``GET /api/history/{authority}``.

The history is ``carecite.load_history`` (the one authority resolver, the shipped inspections
dataset merged with the bank); the plot is ``carecite.history_svg``, served as an image so
nothing in it can run.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import carecite
from carecite.web.actions import Site, placed
from carecite.web.api import errors, json_response
from carecite.web.pages import render


def routes() -> list[Route]:
    return [
        Route("/authority", choose),
        Route("/authority/{name}", authority_page),
        Route("/authority/{name}/history.svg", history_plot),
        Route("/api/history/{name}", history_api),
    ]


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def _history(site: Site, name: str) -> carecite.History:
    return carecite.load_history(name, site.bank().sources)


async def choose(request: Request) -> Response:
    """The form naming an authority (any spelling the resolver takes), or the bank's list."""
    name = (request.query_params.get("name") or "").strip()
    if name:
        return RedirectResponse(request.url_for("authority_page", name=name), status_code=303)
    bank = await run_in_threadpool(_site(request).bank)
    names = sorted({s.authority for s in bank.sources.values() if s.authority})
    return render(request, "authority.html", history=None, authorities=names, problems=())


async def authority_page(request: Request) -> Response:
    site = _site(request)
    name = request.path_params["name"]
    try:
        history = await run_in_threadpool(_history, site, name)
    except carecite.CareciteError as error:
        bank = site.bank()
        names = sorted({s.authority for s in bank.sources.values() if s.authority})
        return render(
            request,
            "authority.html",
            status=404,
            history=None,
            authorities=names,
            problems=placed(error, "authority"),
            name=name,
        )
    bank = site.bank()
    held = [i.source for i in history.inspections if i.source is not None]
    held_ids = {s.id for s in held}
    by_theme: dict[str, list[Any]] = {}
    for passage in bank.passages.values():
        if passage.source in held_ids:
            for theme in passage.themes:
                by_theme.setdefault(theme, []).append(passage)
    themes = [(bank.themes[t], by_theme[t]) for t in bank.themes if t in by_theme]
    return render(
        request,
        "authority.html",
        history=history,
        name=name,
        held=held,
        themes=themes,
        problems=(),
    )


async def history_plot(request: Request) -> Response:
    try:
        history = await run_in_threadpool(_history, _site(request), request.path_params["name"])
    except carecite.CareciteError:
        return Response("Not found.", 404, media_type="text/plain")
    svg = carecite.history_svg(history)
    return Response(svg.encode(), media_type="image/svg+xml")


async def history_api(request: Request) -> Response:
    """The objects ``carecite history AUTHORITY --json`` prints; 404 for no such authority."""
    try:
        history = await run_in_threadpool(_history, _site(request), request.path_params["name"])
    except carecite.CareciteError as error:
        return errors(placed(error, "authority"), 404)
    return json_response([carecite.inspection_record(i) for i in history.inspections])
