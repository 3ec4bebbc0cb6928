"""The JSON API the pages use and a script can too (documented in the README).

``GET /api/search``, ``GET /api/passages/{id}``, ``POST /api/draft`` and ``POST /api/audit``.
A bad request is status 422 with ``{"errors": [{"field", "line", "message", "hint"}]}``; an
unknown passage is 404 with the same shape, a bank that does not load 500 (``app``).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import carecite
from carecite.web import actions
from carecite.web.actions import CaseRejected, FieldProblem, Site
from carecite.web.pages import parse_search, posted_file
from carecite.web.responses import download
from carecite.web.wording import Face, said


def routes() -> list[Route]:
    return [
        Route("/api/search", search),
        Route("/api/passages/{passage_id}", passage),
        Route("/api/draft", draft, methods=["POST"]),
        Route("/api/audit", audit, methods=["POST"]),
    ]


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def json_response(data: Any, status: int = 200) -> Response:
    """JSON as ``--json`` prints it (dates ISO, enums by value)."""
    text = carecite.json_text(data)
    return Response(text.encode(), status, media_type="application/json")


def errors(problems: tuple[FieldProblem, ...], status: int = 422) -> Response:
    """The API's answer to a refused request: each problem's message and hint in the API's
    words (``wording``: a step as a request's field, not a command-line flag)."""
    records = [
        {
            **p.record(),
            "message": said(p.message, Face.API),
            "hint": p.hint and said(p.hint, Face.API),
        }
        for p in problems
    ]
    return json_response({"errors": records}, status)


async def search(request: Request) -> Response:
    try:
        query = parse_search(request.query_params, limit=10)
        hits = await run_in_threadpool(actions.search, _site(request), query)
    except CaseRejected as error:
        return errors(error.problems)
    except carecite.CareciteError as error:
        return errors(actions.placed(error))
    return json_response([carecite.hit_record(hit) for hit in hits])


async def passage(request: Request) -> Response:
    bank = await run_in_threadpool(_site(request).bank)
    passage_id = request.path_params["passage_id"]
    if passage_id not in bank.passages:
        problem = FieldProblem("id", None, f"no passage '{passage_id}'", "see /api/search")
        return errors((problem,), 404)
    return json_response(carecite.passage_record(bank.passages[passage_id], bank.sources))


async def draft(request: Request) -> Response:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        problem = FieldProblem(None, None, "the body must be a JSON object", _DRAFT_SHAPE)
        return errors((problem,))
    wrong = [
        FieldProblem(name, None, f"'{name}' must be {what}", _DRAFT_SHAPE)
        for name, what, valid in (
            ("template", "a template name", isinstance(body.get("template"), str)),
            ("case", "the case file's YAML text", isinstance(body.get("case"), str)),
            (
                "citations",
                "footnotes or inline",
                body.get("citations", "footnotes") in ("footnotes", "inline"),
            ),
            ("format", "docx or md", body.get("format", "docx") in ("docx", "md")),
            *(
                (flag, "true or false", isinstance(body.get(flag, False), bool))
                for flag in ("allow_over_length", "check_length")
            ),
        )
        if not valid
    ]
    if wrong:
        return errors(tuple(wrong))
    try:
        made = await run_in_threadpool(
            lambda: actions.make_draft(
                _site(request),
                body["template"],
                body["case"],
                format=body.get("format", "docx"),
                citations=body.get("citations", "footnotes"),
                allow_over_length=body.get("allow_over_length", False),
                check_length=body.get("check_length", False),
            )
        )
    except CaseRejected as error:
        return errors(error.problems)
    return download(made)


_DRAFT_SHAPE = (
    'send {"template": NAME, "case": CASE_YAML_TEXT} with optional "citations" '
    '(footnotes|inline), "format" (docx|md), "allow_over_length" and "check_length" '
    "(true|false)"
)


async def audit(request: Request) -> Response:
    async with request.form() as form:
        posted = await posted_file(form)
        if posted is None:
            problem = FieldProblem(
                "file", None, "no file in field 'file'", "send the .docx as file"
            )
            return errors((problem,))
        name, content = posted
        try:
            report = await run_in_threadpool(actions.audit, _site(request), content, name, Face.API)
        except CaseRejected as error:
            return errors(error.problems)
        return json_response(carecite.audit_json(report))
