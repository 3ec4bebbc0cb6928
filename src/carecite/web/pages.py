"""The HTML pages: search, a passage, the draft builder and the cite-check audit.

Every page is a plain form that works without JavaScript; ``static/carecite.js`` only adds
as-you-type search and copy buttons. State-changing forms post to an address carrying the
page's CSRF token (see ``security``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

import carecite
from carecite.bank.themes import theme_named
from carecite.cite.citation import format_pinpoint
from carecite.draft.render import shipped_authorities
from carecite.errors import LookupFailed, Step, StepText
from carecite.reports.held import held_report
from carecite.resources import shipped_dir
from carecite.shorten import shorten
from carecite.web import actions, case_form
from carecite.web.actions import (
    KEPT_DOWNLOADS,
    CaseRejected,
    Citations,
    DraftFile,
    FieldProblem,
    SearchQuery,
    Site,
)
from carecite.web.responses import download
from carecite.web.wording import LABELS, Face

FRAMEWORKS = ("pre-SIF", "SIF", "ILACS")
JUDGEMENTS = ("outstanding", "good", "requires improvement", "adequate", "inadequate")
EXAMPLE_CASE = "re-a-tower-hamlets.yaml"
EXAMPLE_TEMPLATE = "position-statement"  # what the example case is written for
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
        Route("/draft/file/{key}", draft_file),
        Route("/audit", audit_page, methods=["GET", "POST"]),
        Route("/audit/{key}", audit_report),
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
    query, problems = read_search(params, limit=limit)
    if problems:
        raise CaseRejected(problems)
    return query


def read_search(params: Any, *, limit: int = 20) -> tuple[SearchQuery, tuple[FieldProblem, ...]]:
    """The search a query string asks for, and the problems with it: a field with a problem
    is left out of the query, the rest kept (the page shows them back as typed)."""
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
            step = Step.SINCE if name == "since" else Step.UNTIL
            problems.append(
                FieldProblem(
                    name, None, StepText(step, " must be a date"), "write it as YYYY-MM-DD"
                )
            )
    given = params.get("limit")
    if given is not None:
        if not given.isdigit() or not 1 <= int(given) <= 100:
            problems.append(FieldProblem("limit", None, "limit must be 1 to 100", None))
        else:
            limit = int(given)
    query = SearchQuery(
        q=values["q"] or "",
        theme=values["theme"],
        authority=values["authority"],
        framework=values["framework"],
        judgement=values["judgement"],
        since=days["since"],
        until=days["until"],
        limit=limit,
    )
    return query, tuple(problems)


async def search_page(request: Request) -> Response:
    site = _site(request)
    hits: tuple[carecite.SearchHit, ...] = ()
    query, problems = read_search(request.query_params)
    bank = site.bank()
    if query.theme:  # by any name (a link's "PLO"): the list shows the theme it is
        try:
            query = replace(query, theme=theme_named(query.theme, bank.themes))
        except carecite.CareciteError as error:
            problems = (*problems, *actions.placed(error, "theme"))
    try:
        if query.asked and not problems:
            hits = await run_in_threadpool(actions.search, site, query)
    except carecite.CareciteError as error:
        problems = actions.placed(error)
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
        "pinpoint": format_pinpoint(hit.passage),
        "oscola": carecite.format_citation([hit.passage], sources).text,
        "practitioner": carecite.format_citation([hit.passage], sources, style="practitioner").text,
    }


# --- a passage ----------------------------------------------------------------------------


# The note number the later citation is formatted with, shown as "(n N)".
_NOTE_SHOWN = 1


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
        # As every message words a place ("pages 6–7, para 89"): the library's one rule.
        "pinpoint": format_pinpoint(passage),
        "via": bank.sources.get(passage.checked_via) if passage.checked_via else None,
        "oscola": carecite.format_citation([passage], bank.sources).text,
        # The later form cross-refers to the note of the first citation, "(n 3)", as the
        # CLI's `cite --short --note 3` gives it: a page cannot know the number, so it is N.
        "short": carecite.format_citation(
            [passage], bank.sources, short=True, note=_NOTE_SHOWN
        ).text.split(f" (n {_NOTE_SHOWN})"),
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

    Only the source's own ``report_file`` is served, and only inside the reports folder
    (``held_report``): nothing in the address names a file.
    """
    source = site.bank().sources.get(source_id)
    if site.reports_dir is None or source is None:
        return None
    return held_report(source, site.reports_dir)


async def report_pdf(request: Request) -> Response:
    path = _report_path(_site(request), request.path_params["source_id"])
    if path is None:
        raise HTTPException(404)
    return FileResponse(path, media_type="application/pdf", content_disposition_type="inline")


# --- the draft builder --------------------------------------------------------------------


def example_case() -> str:
    """The shipped example case file's text, which the builder starts from."""
    return (shipped_dir("examples") / EXAMPLE_CASE).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class DraftOptions:
    """How the draft is made, as the page's options give it, and the words to find.

    ``find_everywhere``: Find searches every source in the bank, not only the case's own
    reports (``FindScope``). ``case_file``: the name of the case file opened from the user's
    disk, which the page's warnings name it by ("" for a case typed in the form).
    """

    template: str = "skeleton-argument"
    citations: Citations = "footnotes"
    over: bool = False
    count_pages: bool = False
    find: str = ""
    find_everywhere: bool = False
    case_file: str = ""


_UNCHOSEN = DraftOptions(template="")  # the page prompts for a document


@dataclass(frozen=True, slots=True)
class FindScope:
    """What the builder's Find searches unless asked for every source: the reports on the
    case's local authority published by its hearing, whose passages Check accepts without a
    reason (``load_case`` refuses another authority's, or a later report's, unless
    ``relied_on.reasons`` says why). ``None``: not filled in yet, so no filter."""

    authority: str | None
    hearing: date | None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> FindScope:
        """The scope of the case the form holds (values as posted, or as a file gave them)."""
        hearing = data.get("hearing")
        day = hearing.get("date") if isinstance(hearing, dict) else None
        if isinstance(day, str):
            try:
                day = date.fromisoformat(day)
            except ValueError:
                day = None  # Check says what is wrong with it
        authority = str(data.get("local_authority") or "").strip()
        return cls(authority or None, day if isinstance(day, date) else None)

    def query(self, words: str, *, everywhere: bool) -> SearchQuery:
        """The search Find runs: within this scope, or over every source."""
        if everywhere:
            return SearchQuery(q=words, limit=_FOUND)
        return SearchQuery(q=words, authority=self.authority, until=self.hearing, limit=_FOUND)


_FOUND = 10  # passages Find shows: a page of choices, not a search page

#: How the page came to show its case, for the script that keeps the tab's case
#: (``static/carecite.js``): "example", the example, which the tab's own case replaces;
#: "fresh", a start the user asked for, which forgets it; "opened", a file from disk, saved;
#: "restored", the tab's case sent back by the script; "", a case the user posted.
Start = Literal["example", "fresh", "opened", "restored", ""]

#: What the builder's form holds, for the words above it: the fictitious example, a blank
#: case, or a case of the user's.
Shows = Literal["example", "blank", "case"]

#: How long the script keeps the tab's unsaved case after it was last changed or shown. The
#: tab's sessionStorage outlives the tab when the browser restores its session ("Continue
#: where you left off"), so a confidential case would come back days later on a shared
#: machine: after this long it is removed rather than restored. Four hours spans a morning's
#: work and its breaks; a case worth keeping longer is saved as a file.
TAB_CASE_HOURS = 4


@dataclass(frozen=True, slots=True)
class Outcome:
    """What Check or Download came to, for the page to show."""

    problems: tuple[FieldProblem, ...] = ()
    warnings: tuple[FieldProblem, ...] = ()
    checked: bool = False
    ready: Ready | None = None
    length: str = ""


@dataclass(frozen=True, slots=True)
class Ready:
    """A draft made with warnings, kept for download once the user has read them."""

    key: str
    filename: str


def _options(request: Request, options: DraftOptions, outcome: Outcome) -> dict[str, Any]:
    return {
        "template": options.template,
        "citations": options.citations,
        "over": options.over,
        "count_pages": options.count_pages,
        "find": options.find,
        "find_everywhere": options.find_everywhere,
        "case_file": options.case_file,
        "templates": carecite.template_catalogue(),
        "problems": outcome.problems,
        "warnings": outcome.warnings,
        "checked": outcome.checked,
        "ready": outcome.ready,
        "length": outcome.length,
    }


def _form_view(
    request: Request,
    data: dict[str, Any],
    header: str,
    options: DraftOptions,
    outcome: Outcome = Outcome(),
    *,
    found: tuple[carecite.SearchHit, ...] = (),
    into: int | None = None,
    status: int = 200,
    start: Start = "",
    shows: Shows = "case",
) -> Response:
    """The builder's form, filled from ``data``; each problem beside its field."""
    shown = case_form.formable(case_form.case_fields(), data, "")

    def in_the_form(found: tuple[FieldProblem, ...]) -> tuple[FieldProblem, ...]:
        return tuple(_in_the_form_of(data, p) for p in found)

    placed_problems = in_the_form(outcome.problems)
    placed: dict[str, list[FieldProblem]] = {}
    for problem in placed_problems:
        if problem.field:
            placed.setdefault(problem.field, []).append(problem)
    issues = shown.get("issues") if isinstance(shown.get("issues"), list) else []
    titles = [(i, str(x.get("issue") or "(no words yet)")) for i, x in enumerate(issues or [])]
    relied = shown.get("relied_on") if isinstance(shown.get("relied_on"), dict) else {}
    return render(
        request,
        "draft.html",
        status=status,
        view="form",
        sections=case_form.sections(shown),
        top_kept=case_form.top_kept(shown),
        header=header,
        placed=placed,
        found=[_shown_hit(hit) for hit in found],
        relied=set((relied or {}).get("passages") or ()),
        issue_titles=titles,
        into=into if into is not None else (0 if titles else None),
        suggestions=_suggestions(_site(request), shown),
        scope=FindScope.of(data),
        start=start,
        shows=shows,
        **_options(
            request,
            options,
            replace(outcome, problems=placed_problems, warnings=in_the_form(outcome.warnings)),
        ),
    )


def _in_the_form_of(data: Mapping[str, Any], problem: FieldProblem) -> FieldProblem:
    """A problem placed at the form's field for its case path; one about a key the form
    keeps unseen (a misspelt one) says where it can be corrected."""
    if not problem.field:
        return problem
    placed = replace(problem, field=case_form.form_path(data, problem.field))
    unshown = case_form.unshown_key(problem.field)
    if unshown is None:
        return placed
    where = f"the form does not show the key '{unshown}': correct or remove it with “Edit as YAML”"
    hint = StepText(problem.hint, f" ({where})") if problem.hint else where
    return replace(placed, hint=hint)


def _suggestions(site: Site, data: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The values the form's id fields suggest: the bank's ids and the parties."""
    bank = site.bank()
    parents = data.get("parents") if isinstance(data.get("parents"), list) else []
    relations = [p.get("relationship") for p in parents or [] if isinstance(p, dict)]
    return {
        "passage-ids": [(p.id, shorten(p.text, 70)) for p in bank.passages.values()],
        "theme-ids": [(t.id, t.label) for t in bank.themes.values()],
        "source-ids": [(s.id, s.short_name) for s in bank.sources.values()],
        "authority-ids": [(a.id, f"{a.name} {a.citation}") for a in shipped_authorities().values()],
        "party-ids": [
            ("guardian", "the children's guardian"),
            ("local-authority", "the local authority"),
            *((str(r), "a parent") for r in relations if r),
        ],
    }


def _yaml_view(
    request: Request,
    text: str,
    options: DraftOptions,
    outcome: Outcome = Outcome(),
    *,
    status: int = 200,
    start: Start = "",
) -> Response:
    """The case file as YAML text, each problem at its line."""
    lines: dict[int, list[FieldProblem]] = {}
    for problem in outcome.problems:
        lines.setdefault(problem.line or 0, []).append(problem)
    return render(
        request,
        "draft_yaml.html",
        status=status,
        view="yaml",
        text=text,
        lines=lines,
        start=start,
        **_options(request, options, outcome),
    )


async def draft_page(request: Request) -> Response:
    if request.method == "GET":
        if request.query_params.get("new") == "1":
            # No document is chosen for a blank case: the user says what it is for.
            return _form_view(request, {}, "", _UNCHOSEN, start="fresh", shows="blank")
        loaded = case_form.load_text(example_case())
        asked = request.query_params.get("example") == "1"
        options = DraftOptions(EXAMPLE_TEMPLATE)
        start: Start = "fresh" if asked else "example"
        return _form_view(
            request, loaded.data, loaded.header, options, start=start, shows="example"
        )
    async with request.form() as form:
        options = _posted_options(form)
        action = str(form.get("action") or "check")
        if form.get("view") == "yaml":
            return await _yaml_action(request, str(form.get("case") or ""), action, options)
        fields = _posted_fields(form)
        picked = [str(v) for v in form.getlist("pick")]
        into = str(form.get("into") or "")
    data = case_form.read_form(fields)
    header = fields.get("header", "")
    return await _form_action(request, data, header, action, options, picked, into)


def _posted_options(form: FormData) -> DraftOptions:
    """The draft options the builder's form posted."""
    return DraftOptions(
        template=str(form.get("template") or ""),
        citations="inline" if form.get("citations") == "inline" else "footnotes",
        over=form.get("allow_over_length") == "1",
        count_pages=form.get("check_length") == "1",
        find=str(form.get("find") or "").strip(),
        find_everywhere=form.get("find_in") == "everywhere",
        case_file=str(form.get("case_file") or ""),
    )


def _posted_fields(form: FormData) -> dict[str, str]:
    """The builder's form fields as posted (a chosen file is no field of the case)."""
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def _form_action(
    request: Request,
    data: dict[str, Any],
    header: str,
    action: str,
    options: DraftOptions,
    picked: list[str],
    into: str,
) -> Response:
    """What a button of the form does with the case it posted."""
    verb, _, path = action.partition(":")
    site = _site(request)
    target = int(into) if into.isdigit() else None
    found: tuple[carecite.SearchHit, ...] = ()
    outcome = Outcome()
    try:
        if verb == "add":
            data = case_form.add_row(data, path)
        elif verb == "remove":
            data = case_form.remove_row(data, path)
        elif verb == "pick" and picked:
            data = case_form.add_findings(data, picked, target)
    except KeyError:
        outcome = Outcome((FieldProblem(None, None, f"the form has no {path or 'issue'}", None),))
    if verb == "yaml":
        return _yaml_view(request, case_form.case_yaml(data, header), options)
    text = case_form.case_yaml(data, header)
    if verb == "save":
        return download(DraftFile(text.encode(), actions.CASE_NAME, _YAML, ()))
    if verb in ("find", "pick") and options.find:
        query = FindScope.of(data).query(options.find, everywhere=options.find_everywhere)
        try:
            found = await run_in_threadpool(actions.search, site, query)
        except LookupFailed as error:  # the only name looked up: the authority's
            outcome = Outcome(actions.placed(error, "local_authority"))
        except carecite.CareciteError as error:
            outcome = Outcome(actions.placed(error))
    if verb in ("check", "download"):
        made = await _made(site, text, verb, options)
        if isinstance(made, Response):
            return made
        outcome = made
    status = 422 if outcome.problems else 200
    start: Start = "restored" if verb == "restore" else ""
    return _form_view(
        request,
        data,
        header,
        options,
        outcome,
        found=found,
        into=target,
        status=status,
        start=start,
    )


async def _yaml_action(request: Request, text: str, action: str, options: DraftOptions) -> Response:
    """What a button of the YAML view does with the text it posted."""
    if action == "save":
        return download(DraftFile(text.encode(), actions.CASE_NAME, _YAML, ()))
    if action == "form":
        return _in_the_form(request, text, options)
    if action == "restore":
        return _yaml_view(request, text, options, start="restored")
    verb = "download" if action == "download" else "check"
    made = await _made(_site(request), text, verb, options)
    if isinstance(made, Response):
        return made
    return _yaml_view(request, text, options, made, status=422 if made.problems else 200)


async def _made(site: Site, text: str, verb: str, options: DraftOptions) -> Response | Outcome:
    """Check or Download the case text as ``carecite draft`` would (the template asked for
    first: a case opened unreadable is shown with none).

    Check makes the Word draft too, and throws it away, so that it warns of all Download
    would. A download with no warnings is the file itself; one with warnings is kept and
    the page shows them beside its link, so that no warning goes unread (a draft over its
    page limit is refused unless the user allowed it, as the CLI refuses it).
    """
    if not options.template:
        hint = f"choose one under “{LABELS['template']}”"
        return Outcome((FieldProblem("template", None, "no document is chosen", hint),))
    try:
        made = await run_in_threadpool(
            lambda: actions.make_draft(
                site,
                options.template,
                text,
                citations=options.citations,
                allow_over_length=options.over,
                check_length=options.count_pages,
            )
        )
    except CaseRejected as error:
        return Outcome(error.problems)
    if verb == "check":
        return Outcome(warnings=made.warnings, checked=True, length=made.length)
    if not made.warnings:
        return download(made)
    key = site.drafts.keep(made)
    return Outcome(warnings=made.warnings, ready=Ready(key, made.filename), length=made.length)


async def draft_file(request: Request) -> Response:
    """A draft kept because it came with warnings."""
    made = _site(request).drafts.get(request.path_params["key"])
    if made is None:
        raise HTTPException(404)
    return download(made)


async def open_case(request: Request) -> Response:
    """Load a case file from the user's disk into the builder (as YAML if the form cannot
    show it, with the reason).

    The Open button posts the builder's form with the file, so that a file that cannot be
    opened (none chosen, not text, too big) leaves the case being built as it was, shown
    again with the reason: the page's script keeps what the page shows as the tab's case.
    """
    async with request.form() as form:
        posted = await posted_file(form)
        options = _posted_options(form)
        fields = _posted_fields(form)
    if posted is None:
        problem = _no_file("a case file (.yaml)")
    else:
        name = PurePath(posted[0]).name
        try:
            text = posted[1].decode("utf-8")
        except UnicodeDecodeError:
            problem = FieldProblem(
                None,
                None,
                f"{name}: is not a case file: it is not UTF-8 text, as a case file is",
                "choose the .yaml file that “Save case file” gave you",
            )
        else:
            too_big = actions.oversized_case(text)
            if too_big is None:
                return _in_the_form(request, text, None, opened=name)
            problem = replace(too_big, message=f"{name}: {too_big.message}")
    # At no field of the case: said above the form, beside the Open button.
    unopened = Outcome((replace(problem, field=None),))
    data = case_form.read_form(fields)
    return _form_view(request, data, fields.get("header", ""), options, unopened, status=422)


def _in_the_form(
    request: Request, text: str, options: DraftOptions | None, *, opened: str = ""
) -> Response:
    """Case text shown in the form; as YAML, with the reason, when the form cannot show it.
    ``options`` ``None``: a case just opened from disk (``opened``, its file's name), shown
    with the template made for it, or with none chosen when it cannot be read (never a
    different document the page picked)."""
    shown = options or replace(_UNCHOSEN, case_file=opened)
    start: Start = "" if options else "opened"
    too_big = actions.oversized_case(text)
    if too_big:  # not read, and not shown back
        return _yaml_view(request, "", shown, Outcome((too_big,)), status=422)
    try:
        loaded = case_form.load_text(text)
    except case_form.NotFormable as error:
        problem = FieldProblem(None, None, str(error), "correct it here, then go back to the form")
        return _yaml_view(request, text, shown, Outcome((problem,)), status=422, start=start)
    shown = options or DraftOptions(_template_for(loaded.data), case_file=opened)
    return _form_view(request, loaded.data, loaded.header, shown, start=start)


def _template_for(data: dict[str, Any]) -> str:
    """The template made for a case: a witness statement for a case naming a witness, else
    the first whose hearings include the case's (a position statement for an IRH), else the
    page's default. (An opened case was given the default, whatever its hearing.)"""
    if data.get("witness"):
        return "witness-statement"
    hearing = data.get("hearing")
    kind = str(hearing.get("type") or "") if isinstance(hearing, dict) else ""
    made_for = [t.name for t in carecite.template_catalogue() if t.hearings and t.suits(kind)]
    return made_for[0] if kind and made_for else DraftOptions().template


async def posted_file(form: FormData) -> tuple[str, bytes] | None:
    """The file posted in the form's ``file`` field, as its name and bytes, for a page or
    the API; ``None`` for none. A part with no file name is none either: it is what a
    browser posts for a file input left empty."""
    posted = form.get("file")
    if not isinstance(posted, UploadFile) or not posted.filename:
        return None
    return posted.filename, await posted.read()


def _no_file(what: str) -> FieldProblem:
    return FieldProblem("file", None, "no file was chosen", f"choose {what}")


# --- the audit ----------------------------------------------------------------------------


async def audit_page(request: Request) -> Response:
    if request.method == "GET":
        return render(request, "audit.html")
    async with request.form() as form:
        posted = await posted_file(form)
        if posted is None:
            problem = _no_file("the finished draft (.docx)")
            return render(request, "audit.html", status=422, problems=(problem,))
        name, content = posted
        site = _site(request)
        try:
            report = await run_in_threadpool(actions.audit, site, content, name, Face.PAGE)
        except CaseRejected as error:
            return render(request, "audit.html", status=422, problems=error.problems)
        key = site.audits.keep(report)
    # The report at an address of its own (Post/Redirect/Get): Back and reload show it again
    # rather than ask the browser to send the draft again.
    return RedirectResponse(request.url_for("audit_report", key=key), status_code=303)


async def audit_report(request: Request) -> Response:
    key = request.path_params["key"]
    report = _site(request).audits.get(key)
    if report is None:
        problem = FieldProblem(
            "file",
            None,
            f"that cite-check is no longer kept (the newest {KEPT_DOWNLOADS} are, until "
            "carecite serve stops)",
            "choose the finished draft again",
        )
        return render(request, "audit.html", status=404, problems=(problem,))
    return render(request, "audit_report.html", report=report, key=key)


async def audit_download(request: Request) -> Response:
    report = _site(request).audits.get(request.path_params["key"])
    fmt = request.path_params["fmt"]
    if report is None or fmt not in ("docx", "md"):
        raise HTTPException(404)
    made = await run_in_threadpool(actions.audit_document, report, fmt)
    return download(made)
