"""The Import page and ``POST /api/import``: a report PDF into the user's bank.

An upload is previewed first — ``carecite.import_report(..., dry_run=True)``, what
``carecite import --dry-run`` says — and written only when the user confirms. The PDF waits
in a private temporary folder under an unguessable key until then (the newest few are kept),
under its own file name, which becomes the source's ``report_file``. The page and the API
read an upload and import it by the same steps (``_receive``, ``_import``); the API keeps
nothing: it previews, or with ``?confirm=1`` writes, in one request.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import carecite
from carecite.errors import Problem, StepText
from carecite.web.actions import CaseRejected, FieldProblem, Kept, Site
from carecite.web.api import errors, json_response
from carecite.web.pages import posted_file, render
from carecite.web.wording import Face, said

#: How many uploaded reports wait for confirmation at once.
KEPT_UPLOADS = 8
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def routes() -> list[Route]:
    return [
        Route("/import", import_page, methods=["GET", "POST"]),
        Route("/import/{key}/confirm", confirm_page, methods=["POST"]),
        Route("/api/import", import_api, methods=["POST"]),
    ]


@dataclass(frozen=True, slots=True)
class Upload:
    """A report PDF uploaded, alone in a private temporary folder under its own (made safe)
    file name, and the options it is imported with (``None``: read from the report)."""

    pdf: Path
    source_id: str | None
    published: date | None
    chosen: str  # the file's name as the user chose it, which ``pdf``'s may not be


@dataclass(frozen=True, slots=True)
class Typed:
    """What the user typed in the Import form's fields, as typed: shown back in them when the
    import is refused, so that nothing typed is lost (a browser keeps no chosen file)."""

    source_id: str = ""
    published: str = ""

    @classmethod
    def of(cls, upload: Upload) -> Typed:
        """What was typed for an upload already read (its options, as the form had them)."""
        when = upload.published.isoformat() if upload.published else ""
        return cls(upload.source_id or "", when)


class Refused(CaseRejected):
    """An import refused, with what the user typed in the form."""

    def __init__(self, problems: Sequence[FieldProblem], typed: Typed) -> None:
        super().__init__(problems)
        self.typed = typed


def _saved(content: bytes, filename: str, source_id: str | None, when: date | None) -> Upload:
    """The uploaded bytes in a new private temporary folder, named for the report's
    ``report_file``: the upload's name, made safe, ending ``.pdf``."""
    name = _SAFE_NAME.sub("-", Path(filename).name).strip("-.") or "report.pdf"
    if not name.casefold().endswith(".pdf"):
        name += ".pdf"
    folder = Path(tempfile.mkdtemp(prefix="carecite-import-"))
    (folder / name).write_bytes(content)
    return Upload(folder / name, source_id, when, Path(filename).name)


def _discard(upload: Upload) -> None:
    shutil.rmtree(upload.pdf.parent, ignore_errors=True)


def waiting_uploads() -> Kept[Upload]:
    """Previewed uploads waiting for the user to confirm them: the newest ``KEPT_UPLOADS``,
    each folder removed as its upload goes."""
    return Kept(KEPT_UPLOADS, _discard)


def _uploads(request: Request) -> Kept[Upload]:
    uploads: Kept[Upload] = request.app.state.uploads
    return uploads


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


#: A missing file, as the page tells a person and as the API tells a program.
_NO_FILE_CHOSEN = FieldProblem("file", None, "no file was chosen", "choose a PDF")
_NO_FILE_SENT = FieldProblem("file", None, "no file in field 'file'", "send the PDF")


async def _receive(request: Request, no_file: FieldProblem) -> Upload:
    """The posted report PDF (field ``file``), saved with its options (``id``,
    ``published``), for the page and the API alike.

    A part with no file name is no file (``pages.posted_file``).

    Raises:
        Refused: a bad option, or no file (``no_file``, as the caller words it), with what
            was typed; nothing is saved.
    """
    async with request.form() as form:
        posted = await posted_file(form)
        typed = Typed(str(form.get("id") or "").strip(), str(form.get("published") or "").strip())
        when, problems = _published(typed.published)
        if posted is None:
            raise Refused([*problems, no_file], typed)
        if problems:
            raise Refused(problems, typed)
        name, content = posted
        return _saved(content, name, typed.source_id or None, when)


def _published(given: str) -> tuple[date | None, list[FieldProblem]]:
    """The published date typed (``None``: none typed), or the problem with it."""
    if not given:
        return None, []
    try:
        return date.fromisoformat(given), []
    except ValueError:
        return None, [FieldProblem("published", None, "published must be a date", "YYYY-MM-DD")]


async def _import(request: Request, upload: Upload, *, confirm: bool) -> carecite.ImportResult:
    """``carecite.import_report`` into the site's bank, off the event loop: a preview (what
    ``carecite import --dry-run`` says), or (``confirm``) written and the bank reloaded.

    Raises:
        CaseRejected: the library's problems, placed at the file field, each naming its
            file as the command line does (``_where``): the upload too (``report.pdf: is
            not a PDF``), for the form comes back with its file field empty.
    """
    site = _site(request)
    try:
        made = await run_in_threadpool(
            carecite.import_report,
            upload.pdf,
            site.bank_dir,
            source_id=upload.source_id,
            published=upload.published,
            dry_run=not confirm,
        )
    except carecite.CareciteError as error:
        # The upload by the name the user chose ("notes.docx", not "notes.docx.pdf").
        problems = [
            replace(p, path=upload.chosen) if p.path == str(upload.pdf) else p
            for p in error.problems
        ]
        raise CaseRejected(
            tuple(
                FieldProblem("file", None, _where(p, upload.chosen) + p.message, p.hint)
                for p in problems
            )
        ) from None
    if confirm:
        site.reload()
    return made


async def import_page(request: Request) -> Response:
    if request.method == "GET":
        return _import_view(request, problems=(), made=None, typed=Typed())
    try:
        upload = await _receive(request, _NO_FILE_CHOSEN)
    except Refused as refused:
        return _refused(request, refused, refused.typed)
    try:
        made = await _import(request, upload, confirm=False)
    except CaseRejected as refused:
        _discard(upload)  # no preview, so nothing to confirm
        return _refused(request, refused, Typed.of(upload))
    # A refused import has no confirmation to wait for, so its upload is not kept.
    if made.refusal is not None:
        _discard(upload)
        key = None
    else:
        key = _uploads(request).keep(upload)
    return _import_view(request, problems=(), made=made, key=key, held=already_held(made))


async def confirm_page(request: Request) -> Response:
    key = request.path_params["key"]
    upload = _uploads(request).get(key)
    if upload is None:
        raise HTTPException(404)
    try:
        made = await _import(request, upload, confirm=True)
    except CaseRejected as refused:
        # Still kept: the preview's button may be pressed again.
        return _refused(request, refused, Typed.of(upload))
    _uploads(request).forget(key)
    return _import_view(request, problems=(), made=made)


def _refused(request: Request, refused: CaseRejected, typed: Typed) -> Response:
    """The Import form again, with the problems and what the user typed in its fields."""
    return _import_view(request, status=422, problems=refused.problems, made=None, typed=typed)


def _import_view(request: Request, *, status: int = 200, **context: Any) -> Response:
    """The Import page; where the server serves the bank installed with carecite, it says
    so (``own_bank``: what to do) in place of a form whose every upload would be refused."""
    from carecite.reports.importer import shipped_bank_refusal  # the reader: not at start-up

    refusal = shipped_bank_refusal(_site(request).bank_dir)
    own_bank = refusal.hint if refusal is not None else None
    return render(request, "import.html", status=status, own_bank=own_bank, **context)


async def import_api(request: Request) -> Response:
    """The preview of ``carecite import --dry-run``; with ``?confirm=1`` it is written.

    Nothing waits for a later confirmation: the upload is removed as the answer is given.
    """
    confirm = request.query_params.get("confirm") == "1"
    try:
        upload = await _receive(request, _NO_FILE_SENT)
        try:
            made = await _import(request, upload, confirm=confirm)
        finally:
            _discard(upload)
    except CaseRejected as refused:
        return errors(refused.problems)
    return json_response(_record(made, already_held(made)))


def _record(made: carecite.ImportResult, held: Sequence[str]) -> dict[str, Any]:
    """The preview (or what was written) as ``import --json`` gives it, with the source
    file's text and what the bank holds of it already (``already_held``, in the API's
    words); the file by its name only (a page shows no folders of the machine)."""
    record = carecite.import_record(made)
    return {
        **record,
        "file": made.file.name,
        "written": made.written,
        "text": made.text,
        "already_held": [said(note, Face.API) for note in held],
    }


def already_held(made: carecite.ImportResult) -> tuple[str, ...]:
    """Why a previewed import would be refused, as ``import_report`` refuses it (the one rule,
    ``ImportResult.refusal``: what the bank holds of the report, in which layer, and what to
    do), each naming its file as the command line does (``_where``); none when it would be
    written."""
    if made.refusal is None:
        return ()
    return tuple(
        StepText(_where(p, made.source.report_file), p.message, " — ", p.hint or "")
        for p in made.refusal.problems
    )


def _where(problem: Problem, upload: str | None) -> str:
    """Where a problem of an import lies, as the command line names it, before and after
    Add alike: a bank file or folder by its full path, which the user can find; the report
    uploaded by its name (``upload``), for its temporary folder is nothing to the user."""
    if problem.path is None:
        return ""
    where = upload if Path(problem.path).name == upload else problem.path
    return f"{where}:{problem.line}: " if problem.line else f"{where}: "
