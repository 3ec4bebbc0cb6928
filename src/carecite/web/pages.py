"""The HTML pages: search, a passage, the draft builder and the cite-check audit.

Every page is a plain form that works without JavaScript; ``static/carecite.js`` only adds
as-you-type search and copy buttons. State-changing forms post to an address carrying the
page's CSRF token (see ``security``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

import carecite
from carecite.resources import shipped_dir
from carecite.web import actions
from carecite.web.actions import (
    CaseRejected,
    Citations,
    DraftFile,
    FieldProblem,
    Format,
    SearchQuery,
    Site,
)
from carecite.web.case_text import (
    DETAILS,
    CannotEdit,
    add_passages,
    detail_values,
    relied_passages,
    set_details,
)
from carecite.web.responses import download

FRAMEWORKS = ("pre-SIF", "SIF", "ILACS")
JUDGEMENTS = ("outstanding", "good", "requires improvement", "adequate", "inadequate")
EXAMPLE_CASE = "re-a-tower-hamlets.yaml"
_YAML = "application/x-yaml; charset=utf-8"
_PAGE_FIELDS = ("q", "theme", "authority", "framework", "judgement", "since", "until")


def routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/search", search_page),
        Route("/passage/{passage_id}", passage_page),
        Route("/report/{source_id}", report_pdf),
        Route("/draft", draft_page, methods=["GET", "POST"]),
        Route("/draft/open", open_case, methods=["POST"]),
        Route("/audit", audit_page, methods=["GET", "POST"]),
        Route("/audit/{key}/cite-check.{fmt}", audit_download),
    ]


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def render(request: Request, page: str, *, status: int = 200, **context: Any) -> Response:
    """The template ``page`` for ``context``; the CSRF token and limits are its globals."""
    response: Response = request.app.state.templates.TemplateResponse(
        request, page, context, status_code=status
    )
    return response


async def home(request: Request) -> Response:
    return RedirectResponse("/search", status_code=303)


# --- search -------------------------------------------------------------------------------


def parse_search(params: Any, *, limit: int = 20) -> SearchQuery:
    """A ``SearchQuery`` from a query string; blank fields are no filter.

    Raises:
        CaseRejected: a date that is not YYYY-MM-DD, or a limit that is not 1 to 100.
    """
    values: dict[str, str | None] = {
        k: str(params.get(k) or "").strip() or None for k in _PAGE_FIELDS
    }
    problems = []
    days: dict[str, date | None] = {}
    for name in ("since", "until"):
        try:
            given_day = values[name]
            days[name] = date.fromisoformat(given_day) if given_day else None
        except ValueError:
            days[name] = None
            problems.append(
                FieldProblem(name, None, f"{name} must be a date", "write it as YYYY-MM-DD")
            )
    given = params.get("limit")
    if given is not None:
        if not given.isdigit() or not 1 <= int(given) <= 100:
            problems.append(FieldProblem("limit", None, "limit must be 1 to 100", None))
        else:
            limit = int(given)
    if problems:
        raise CaseRejected(problems)
    return SearchQuery(
        q=values["q"] or "",
        theme=values["theme"],
        authority=values["authority"],
        framework=values["framework"],
        judgement=values["judgement"],
        since=days["since"],
        until=days["until"],
        limit=limit,
    )


async def search_page(request: Request) -> Response:
    site = _site(request)
    hits: tuple[carecite.SearchHit, ...] = ()
    problems: tuple[FieldProblem, ...] = ()
    query = SearchQuery()
    try:
        query = parse_search(request.query_params)
        if query.asked:
            hits = await run_in_threadpool(actions.search, site, query)
    except CaseRejected as error:
        problems = error.problems
    except carecite.CareciteError as error:
        problems = tuple(FieldProblem(None, None, p.message, p.hint) for p in error.problems)
    bank = site.bank()
    context: dict[str, Any] = {
        "query": query,
        "hits": [_shown_hit(hit) for hit in hits],
        "problems": problems,
        "themes": bank.themes,
        "authorities": sorted({s.authority for s in bank.sources.values() if s.authority}),
        "frameworks": FRAMEWORKS,
        "judgements": JUDGEMENTS,
    }
    partial = request.query_params.get("partial") == "1"
    return render(request, "_results.html" if partial else "search.html", **context)


def _shown_hit(hit: carecite.SearchHit) -> dict[str, Any]:
    sources = {hit.source.id: hit.source, **({hit.via.id: hit.via} if hit.via else {})}
    return {
        "hit": hit,
        "oscola": carecite.format_citation([hit.passage], sources).text,
        "practitioner": carecite.format_citation([hit.passage], sources, style="practitioner").text,
    }


# --- a passage ----------------------------------------------------------------------------


async def passage_page(request: Request) -> Response:
    site = _site(request)
    bank = site.bank()
    passage_id = request.path_params["passage_id"]
    if passage_id not in bank.passages:
        raise HTTPException(404)
    passage = bank.passages[passage_id]
    source = bank.sources[passage.source]
    siblings = [p for p in bank.passages.values() if p.source == passage.source and p != passage]
    context: dict[str, Any] = {
        "passage": passage,
        "source": source,
        "via": bank.sources.get(passage.checked_via) if passage.checked_via else None,
        "oscola": carecite.format_citation([passage], bank.sources).text,
        "short": carecite.format_citation([passage], bank.sources, short=True).text,
        "practitioner": carecite.format_citation(
            [passage], bank.sources, style="practitioner"
        ).text,
        "same_paragraph": [p for p in siblings if _same_paragraph(p, passage)],
        "same_section": [
            p
            for p in siblings
            if passage.section and p.section == passage.section and not _same_paragraph(p, passage)
        ],
        "themes": [bank.themes[t] for t in passage.themes if t in bank.themes],
        "pdf": _report_path(site, source.id) is not None,
    }
    return render(request, "passage.html", **context)


def _same_paragraph(a: carecite.Passage, b: carecite.Passage) -> bool:
    if a.paragraph is None or b.paragraph is None:
        return False
    a_end = a.paragraph_end or a.paragraph
    b_end = b.paragraph_end or b.paragraph
    return a.paragraph <= b_end and b.paragraph <= a_end


def _report_path(site: Site, source_id: str) -> Any:
    """The PDF of a source's report in the reports folder, or ``None``.

    Only the source's own ``report_file`` is served, and only when it resolves inside the
    reports folder: nothing in the address names a file.
    """
    source = site.bank().sources.get(source_id)
    if site.reports_dir is None or source is None or not source.report_file:
        return None
    folder = site.reports_dir.resolve()
    path = (folder / source.report_file).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


async def report_pdf(request: Request) -> Response:
    path = _report_path(_site(request), request.path_params["source_id"])
    if path is None:
        raise HTTPException(404)
    return FileResponse(path, media_type="application/pdf", content_disposition_type="inline")


# --- the draft builder --------------------------------------------------------------------


def example_case() -> str:
    """The shipped example case file's text, which the builder starts from."""
    return (shipped_dir("examples") / EXAMPLE_CASE).read_text(encoding="utf-8")


def _draft_form(
    request: Request,
    text: str,
    *,
    template: str = "skeleton-argument",
    citations: str = "footnotes",
    problems: tuple[FieldProblem, ...] = (),
    warnings: tuple[str, ...] = (),
    checked: bool = False,
    find: str = "",
    over: bool = False,
    found: tuple[carecite.SearchHit, ...] = (),
    status: int = 200,
) -> Response:
    return render(
        request,
        "draft.html",
        status=status,
        text=text,
        find=find,
        over=over,
        found=[_shown_hit(hit) for hit in found],
        relied=relied_passages(text),
        details=DETAILS,
        detail_values=detail_values(text),
        field_problems=_by_field(problems),
        template=template,
        citations=citations,
        templates=carecite.template_catalogue(),
        problems=problems,
        warnings=warnings,
        checked=checked,
        lines=_problem_lines(problems),
    )


def _by_field(problems: tuple[FieldProblem, ...]) -> dict[str, list[FieldProblem]]:
    found: dict[str, list[FieldProblem]] = {}
    for problem in problems:
        if problem.field:
            found.setdefault(problem.field, []).append(problem)
    return found


def _problem_lines(problems: tuple[FieldProblem, ...]) -> dict[int, list[FieldProblem]]:
    found: dict[int, list[FieldProblem]] = {}
    for problem in problems:
        found.setdefault(problem.line or 0, []).append(problem)
    return found


async def draft_page(request: Request) -> Response:
    if request.method == "GET":
        return _draft_form(request, example_case())
    async with request.form() as form:
        text = str(form.get("case") or "")
        template = str(form.get("template") or "")
        citations: Citations = "inline" if form.get("citations") == "inline" else "footnotes"
        action = form.get("action")
        find = str(form.get("find") or "").strip()
        over = form.get("allow_over_length") == "1"
        site = _site(request)
        keep: dict[str, Any] = {
            "template": template,
            "citations": citations,
            "find": find,
            "over": over,
        }
        # Only the details the user changed in the form are written into the text, so an
        # edit made in the YAML itself is never undone by the form's older copy of it.
        changed = {
            path: str(form.get(f"detail.{path}") or "")
            for path, _ in DETAILS
            if form.get(f"detail.{path}") is not None
            and form.get(f"detail.{path}") != form.get(f"was.{path}")
        }
        try:
            text = set_details(text, changed)
        except CannotEdit as error:
            problem = FieldProblem(None, None, str(error), None)
            return _draft_form(request, text, problems=(problem,), status=422, **keep)
        if action == "save":
            return download(DraftFile(text.encode(), actions.CASE_NAME, _YAML, ()))
        if action == "find":
            found: tuple[carecite.SearchHit, ...] = ()
            problems: tuple[FieldProblem, ...] = ()
            if find:
                try:
                    found = await run_in_threadpool(
                        actions.search, site, SearchQuery(q=find, limit=10)
                    )
                except carecite.CareciteError as error:
                    problems = tuple(
                        FieldProblem("find", None, p.message, p.hint) for p in error.problems
                    )
            return _draft_form(request, text, found=found, problems=problems, **keep)
        if action == "add":
            picked = [str(v) for v in form.getlist("pick")]
            try:
                text = add_passages(text, picked)
            except CannotEdit as error:
                problem = FieldProblem("relied_on.passages", None, str(error), None)
                return _draft_form(request, text, problems=(problem,), status=422, **keep)
        try:
            if action == "download":
                fmt: Format = "md" if form.get("format") == "md" else "docx"
                made = await run_in_threadpool(
                    lambda: actions.make_draft(
                        site,
                        template,
                        text,
                        format=fmt,
                        citations=citations,
                        allow_over_length=over,
                    )
                )
                return download(made)
            warnings = await run_in_threadpool(
                lambda: actions.check_draft(
                    site, template, text, citations=citations, allow_over_length=over
                )
            )
        except CaseRejected as error:
            return _draft_form(request, text, problems=error.problems, status=422, **keep)
        return _draft_form(request, text, warnings=warnings, checked=True, **keep)


async def open_case(request: Request) -> Response:
    """Load a case file from the user's disk into the builder."""
    async with request.form() as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            return _draft_form(request, "", problems=(_no_file("a case file (.yaml)"),), status=422)
        content = await upload.read()
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            problem = FieldProblem("file", None, "the file is not UTF-8 text", "save it as UTF-8")
            return _draft_form(request, "", problems=(problem,), status=422)
        return _draft_form(request, text)


def _no_file(what: str) -> FieldProblem:
    return FieldProblem("file", None, "no file was chosen", f"choose {what}")


# --- the audit ----------------------------------------------------------------------------


async def audit_page(request: Request) -> Response:
    if request.method == "GET":
        return render(request, "audit.html")
    async with request.form() as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            problem = _no_file("the finished draft (.docx)")
            return render(request, "audit.html", status=422, problems=(problem,))
        content = await upload.read()
        site = _site(request)
        try:
            report = await run_in_threadpool(actions.audit, site, content, upload.filename)
        except carecite.CareciteError as error:
            problems = tuple(FieldProblem("file", None, p.message, p.hint) for p in error.problems)
            return render(request, "audit.html", status=422, problems=problems)
        key = site.keep_audit(report)
        return render(request, "audit_report.html", report=report, key=key)


async def audit_download(request: Request) -> Response:
    report = _site(request).audit(request.path_params["key"])
    fmt = request.path_params["fmt"]
    if report is None or fmt not in ("docx", "md"):
        raise HTTPException(404)
    made = await run_in_threadpool(actions.audit_document, report, fmt)
    return download(made)
