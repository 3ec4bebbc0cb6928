"""The Import page and ``POST /api/import``: a report PDF into the user's bank.

An upload is previewed first — ``carecite.import_report(..., dry_run=True)``, what
``carecite import --dry-run`` says — and written only when the user confirms. The PDF waits
in a private temporary folder under an unguessable key until then (the newest few are kept),
under its own file name, which becomes the source's ``report_file``.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import carecite
from carecite.web.actions import FieldProblem, Site
from carecite.web.api import errors, json_response
from carecite.web.pages import render

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
    """A report PDF waiting to be imported, and the options it was previewed with."""

    pdf: Path
    source_id: str | None
    published: date | None


class Uploads:
    """Uploaded PDFs by key, each in its own temporary folder, oldest dropped first."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, Upload] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, content: bytes, filename: str, source_id: str | None, when: date | None) -> str:
        name = _SAFE_NAME.sub("-", Path(filename).name).strip("-.") or "report.pdf"
        if not name.casefold().endswith(".pdf"):
            name += ".pdf"
        folder = Path(tempfile.mkdtemp(prefix="carecite-import-"))
        (folder / name).write_bytes(content)
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._kept[key] = Upload(folder / name, source_id, when)
            while len(self._kept) > KEPT_UPLOADS:
                _, dropped = self._kept.popitem(last=False)
                shutil.rmtree(dropped.pdf.parent, ignore_errors=True)
        return key

    def get(self, key: str) -> Upload | None:
        with self._lock:
            return self._kept.get(key)

    def clear(self) -> None:
        """Remove every waiting upload (the server is stopping)."""
        with self._lock:
            keys = list(self._kept)
        for key in keys:
            self.forget(key)

    def forget(self, key: str) -> None:
        with self._lock:
            upload = self._kept.pop(key, None)
        if upload is not None:
            shutil.rmtree(upload.pdf.parent, ignore_errors=True)


def _uploads(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.uploads
    return uploads


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def run_import(site: Site, upload: Upload, *, confirm: bool) -> carecite.ImportResult:
    """``carecite.import_report`` into the site's bank: a preview, or (``confirm``) written."""
    made = carecite.import_report(
        upload.pdf,
        site.bank_dir,
        source_id=upload.source_id,
        published=upload.published,
        dry_run=not confirm,
    )
    if confirm:
        site.reload()
    return made


def import_record(made: carecite.ImportResult) -> dict[str, Any]:
    """The preview (or what was written) as ``import --json`` gives it, with the source
    file's text; the file by its name only (a page shows no folders of the machine)."""
    record = carecite.import_record(made)
    return {**record, "file": made.file.name, "written": made.written, "text": made.text}


def _options(form: Any) -> tuple[str | None, date | None, list[FieldProblem]]:
    source_id = str(form.get("id") or "").strip() or None
    given = str(form.get("published") or "").strip()
    problems = []
    when = None
    if given:
        try:
            when = date.fromisoformat(given)
        except ValueError:
            problems.append(
                FieldProblem("published", None, "published must be a date", "YYYY-MM-DD")
            )
    return source_id, when, problems


def _library(error: carecite.CareciteError) -> tuple[FieldProblem, ...]:
    return tuple(FieldProblem("file", p.line, p.message, p.hint) for p in error.problems)


async def import_page(request: Request) -> Response:
    if request.method == "GET":
        return render(request, "import.html", problems=(), made=None)
    async with request.form() as form:
        upload = form.get("file")
        source_id, when, problems = _options(form)
        if not isinstance(upload, UploadFile) or not upload.filename:
            problems.append(FieldProblem("file", None, "no file was chosen", "choose a PDF"))
        if problems:
            return render(request, "import.html", status=422, problems=problems, made=None)
        assert isinstance(upload, UploadFile)
        content = await upload.read()
        key = _uploads(request).keep(content, upload.filename or "", source_id, when)
    kept = _uploads(request).get(key)
    assert kept is not None
    try:
        made = await run_in_threadpool(run_import, _site(request), kept, confirm=False)
    except carecite.CareciteError as error:
        _uploads(request).forget(key)
        return render(request, "import.html", status=422, problems=_library(error), made=None)
    return render(request, "import.html", problems=(), made=made, key=key)


async def confirm_page(request: Request) -> Response:
    key = request.path_params["key"]
    kept = _uploads(request).get(key)
    if kept is None:
        raise HTTPException(404)
    try:
        made = await run_in_threadpool(run_import, _site(request), kept, confirm=True)
    except carecite.CareciteError as error:
        return render(request, "import.html", status=422, problems=_library(error), made=None)
    _uploads(request).forget(key)
    return render(request, "import.html", problems=(), made=made)


async def import_api(request: Request) -> Response:
    """The preview of ``carecite import --dry-run``; with ``?confirm=1`` it is written."""
    confirm = request.query_params.get("confirm") == "1"
    async with request.form() as form:
        upload = form.get("file")
        source_id, when, problems = _options(form)
        if not isinstance(upload, UploadFile):
            problems.append(FieldProblem("file", None, "no file in field 'file'", "send the PDF"))
        if problems:
            return errors(tuple(problems))
        assert isinstance(upload, UploadFile)
        content = await upload.read()
        key = _uploads(request).keep(content, upload.filename or "", source_id, when)
    kept = _uploads(request).get(key)
    assert kept is not None
    try:
        made = await run_in_threadpool(run_import, _site(request), kept, confirm=confirm)
    except carecite.CareciteError as error:
        return errors(_library(error))
    finally:
        _uploads(request).forget(key)
    return json_response(import_record(made))
