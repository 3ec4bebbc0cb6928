"""What the web page does with the library: each action one call of carecite's public API.

Pages (``pages``) and the JSON API (``api``) both call these, so a browser and a script get
the same answers. Nothing here decides what is valid or how a citation reads: a case is
checked by ``carecite.load_case``, a draft made by ``carecite.make_draft``, an audit run by
``carecite.audit_docx``. What this module adds is the web's own plumbing — an uploaded text or
file goes into a private temporary folder, and a problem's YAML line is named by its field so
the form can show the message beside it.
"""

from __future__ import annotations

import secrets
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import carecite
from carecite.bank.files import list_bank
from carecite.errors import Problem
from carecite.web.wording import Face, said

Format = Literal["docx", "md"]
T = TypeVar("T")
Citations = Literal["footnotes", "inline"]

#: The largest case file accepted, in characters: a real one is a few kilobytes.
MAX_CASE_CHARS = 512 * 1024
#: How many audit reports (and drafts) are kept for download.
KEPT_DOWNLOADS = 32


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with a case file, placed for the form.

    ``field`` is the dotted path of the YAML key at the problem's line
    (``court.name``, ``children.0.initials``), or ``None`` when the line holds no key.
    """

    field: str | None
    line: int | None
    message: str
    hint: str | None

    def record(self) -> dict[str, Any]:
        return {"field": self.field, "line": self.line, "message": self.message, "hint": self.hint}


class CaseRejected(Exception):
    """A case (or the request around it) the library refused, with each problem placed."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class DraftFile:
    """A file made for download: its bytes, file name, media type and warnings (each placed
    as a problem is: a case file's line at its field), and for a draft how long it runs
    ("about 2.8 pages, estimated from the text")."""

    content: bytes
    filename: str
    media_type: str
    warnings: tuple[FieldProblem, ...]
    length: str = ""


class Kept(Generic[T]):
    """What the server keeps for the user to come back to, newest last, by unguessable key:
    an audit or a draft to download, an uploaded report waiting for confirmation.

    Only the newest ``most`` are kept: a key older than that is forgotten. ``release`` is
    called on each item as it goes (dropped as too old, forgotten, or cleared), to remove
    what it holds on disk; ``None``: nothing to remove.
    """

    def __init__(
        self, most: int = KEPT_DOWNLOADS, release: Callable[[T], None] | None = None
    ) -> None:
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()
        self._most = most
        self._release = release

    def keep(self, item: T) -> str:
        """Keep ``item``; the key names it in an address no one else can guess."""
        key = secrets.token_urlsafe(16)
        dropped = []
        with self._lock:
            self._items[key] = item
            while len(self._items) > self._most:
                dropped.append(self._items.popitem(last=False)[1])
        self._let_go(dropped)
        return key

    def get(self, key: str) -> T | None:
        """A kept item, or ``None`` (unknown key, or dropped as older than the newest)."""
        with self._lock:
            return self._items.get(key)

    def forget(self, key: str) -> None:
        """Let the item go (an unknown key: nothing to do)."""
        with self._lock:
            gone = [self._items.pop(key)] if key in self._items else []
        self._let_go(gone)

    def clear(self) -> None:
        """Let every item go (the server is stopping)."""
        with self._lock:
            gone = list(self._items.values())
            self._items.clear()
        self._let_go(gone)

    def _let_go(self, items: Iterable[T]) -> None:
        if self._release is not None:
            for item in items:
                self._release(item)


@dataclass
class Site:
    """The bank, reports, kept audits and kept drafts one server works with.

    The bank is loaded on first use, again after ``reload``, and again when a file of the
    bank folder has been added, removed or changed since (a lawyer removing or editing a file
    by hand while the server runs sees it on the next page); searches and audits read the
    bank folder through its search cache, which refreshes itself.
    """

    bank_dir: Path
    reports_dir: Path | None = None
    audits: Kept[carecite.AuditReport] = field(default_factory=Kept, repr=False)
    drafts: Kept[DraftFile] = field(default_factory=Kept, repr=False)
    _bank: carecite.Bank | None = field(default=None, repr=False)
    _loaded_from: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def bank(self) -> carecite.Bank:
        """The bank as its folder holds it now (``carecite.CareciteError`` when it does not
        load)."""
        with self._lock:
            files = _bank_files(self.bank_dir)
            if self._bank is None or files != self._loaded_from:
                self._bank = carecite.load_bank(self.bank_dir)
                self._loaded_from = files
            return self._bank

    def reload(self) -> None:
        """Forget the loaded bank, after the bank folder changed."""
        with self._lock:
            self._bank = None


def _bank_files(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file of a bank folder, read or not, with its modification time and size: a
    listing and a stat a file, so a page never waits for the bank to be hashed to learn it
    is unchanged (the shipped layer under a user's bank changes only with carecite itself)."""
    try:
        entries = list_bank(folder).entries
        return tuple((e.name, (st := e.stat()).st_mtime_ns, st.st_size) for e in entries)
    except (OSError, carecite.CareciteError):
        return ()  # loading the bank says what is wrong with the folder


# --- search -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search as the page's form or the API's query string gives it."""

    q: str = ""
    theme: str | None = None
    authority: str | None = None
    framework: str | None = None
    judgement: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 20

    @property
    def asked(self) -> bool:
        """True when the user asked for anything (an empty form shows no results)."""
        return bool(self.q.strip()) or any(
            (self.theme, self.authority, self.framework, self.judgement, self.since, self.until)
        )


def search(site: Site, query: SearchQuery) -> tuple[carecite.SearchHit, ...]:
    """``carecite.search_passages`` over the site's bank, with every filter of the query."""
    return carecite.search_passages(
        site.bank_dir,
        query.q or None,
        theme=query.theme,
        authority=query.authority,
        framework=query.framework,
        judgement=query.judgement,
        since=query.since,
        until=query.until,
        limit=query.limit,
    )


# --- drafts -------------------------------------------------------------------------------


def template_names() -> tuple[str, ...]:
    """The shipped templates' names: the only templates the web page renders."""
    return tuple(t.name for t in carecite.template_catalogue())


def make_draft(
    site: Site,
    template: str,
    text: str,
    *,
    format: Format = "docx",
    citations: Citations = "footnotes",
    allow_over_length: bool = False,
    check_length: bool = False,
) -> DraftFile:
    """The draft ``carecite draft TEMPLATE case.yaml`` writes, as bytes to download.

    Only shipped templates are rendered: a template is code, and a path from a browser
    could name any file on this machine. ``check_length`` counts the pages as LibreOffice
    lays the Word document out (``--check-length``), for a .docx.

    Raises:
        CaseRejected: an unknown template, or every problem of the case (or of the draft:
            over its page limit without ``allow_over_length``), each placed.
    """
    if template not in template_names():
        names = ", ".join(template_names())
        raise CaseRejected(
            [FieldProblem("template", None, f"no template called '{template}'", f"use {names}")]
        )
    with _case_file(text) as path:
        out = path.parent / f"{template}.{format}"
        try:
            result = carecite.make_draft(
                template,
                path,
                out,
                site.bank(),
                format=format,
                citations=citations,
                allow_over_length=allow_over_length,
                check_length=check_length,
            )
        except carecite.CareciteError as error:
            raise CaseRejected(_in_case(error.problems, text)) from None
        media = _DOCX if format == "docx" else "text/markdown; charset=utf-8"
        if result.exact:
            length = f"{result.pages:g} pages, as LibreOffice lays it out"
        else:
            length = f"about {result.pages:.1f} pages, estimated from the text"
        warnings = _in_case(result.warnings, text)
        return DraftFile(result.path.read_bytes(), out.name, media, warnings, length)


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CASE_NAME = "case.yaml"


def oversized_case(text: str) -> FieldProblem | None:
    """The problem with a case text too long to be a case file, or ``None``."""
    if len(text) <= MAX_CASE_CHARS:
        return None
    return FieldProblem(
        "case",
        None,
        f"the case file is over {MAX_CASE_CHARS // 1024} KB",
        "a case file is a few kilobytes: check that this is the case file",
    )


@contextmanager
def _case_file(text: str) -> Iterator[Path]:
    """Case text in a private temporary folder as ``case.yaml``, removed afterwards.

    The file is named as the user's own would be, so every message says ``case.yaml:12``.
    """
    too_big = oversized_case(text)
    if too_big:
        raise CaseRejected([too_big])
    with tempfile.TemporaryDirectory(prefix="carecite-web-") as folder:
        path = Path(folder) / CASE_NAME
        path.write_text(text, encoding="utf-8")
        yield path


def placed(
    error: carecite.CareciteError, field: str | None = None, posted: str | None = None
) -> tuple[FieldProblem, ...]:
    """The library's problems placed for a page or the API, each at ``field``.

    A problem in the file the user posted (``posted``, its name as saved: the case file,
    the report PDF, the draft) or in no file keeps its line. A problem in any other file (a
    bank file, a template) names that file and line in its message instead: its line alone,
    beside a form field, would point into the wrong file.
    """
    return _placed(error.problems, field, posted)


def _placed(
    problems: Iterable[Problem], field: str | None, posted: str | None
) -> tuple[FieldProblem, ...]:
    placed = []
    for p in problems:
        if p.path is None or Path(p.path).name == posted:
            placed.append(FieldProblem(field, p.line, p.message, p.hint))
        else:
            where = f"{Path(p.path).name}:{p.line}" if p.line else Path(p.path).name
            placed.append(FieldProblem(field, None, f"{where}: {p.message}", p.hint))
    return tuple(placed)


def _in_case(problems: Iterable[Problem], text: str) -> tuple[FieldProblem, ...]:
    """A draft's problems or warnings placed (``placed``), a line of the case file ``text``
    at its field: never the server's temporary file, which the user never saw."""
    fields = field_lines(text)
    return tuple(
        replace(p, field=fields.get(p.line)) if p.line else p
        for p in _placed(problems, None, CASE_NAME)
    )


def field_lines(text: str) -> dict[int, str]:
    """Each 1-based line of YAML text that starts a key or list item → its dotted path.

    The deepest path starting on a line wins, and of those the first (``children.0.initials``
    for ``- {initials: A, sex: female}``). Text that does not parse gives no fields: the
    problem's line still says where.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[int, tuple[str, ...]] = {}
    seen: set[int] = set()

    def place(line: int, path: tuple[str, ...]) -> None:
        if len(path) > len(found.get(line, ())):
            found[line] = path

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if id(node) in seen:  # an alias: walked once, so a YAML bomb stays cheap
            return
        seen.add(id(node))
        if path:
            place(node.start_mark.line + 1, path)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                place(key.start_mark.line + 1, (*path, name))
                walk(value, (*path, name))
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                walk(item, (*path, str(number)))

    if root is not None:
        walk(root, ())
    return {line: ".".join(path) for line, path in found.items()}


# --- audit --------------------------------------------------------------------------------


def audit(site: Site, content: bytes, filename: str, face: Face) -> carecite.AuditReport:
    """``carecite.audit_docx`` on an uploaded .docx; the report names the upload, and each
    line's detail says its steps in ``face``'s words (``wording.said``), here once, so the
    page, the reports downloaded from it and the API's JSON never say the command line's.

    Raises:
        CaseRejected: the file is not a Word document carecite can read (at the file field),
            or the bank did not load.
    """
    name = Path(filename or "draft.docx").name
    with tempfile.TemporaryDirectory(prefix="carecite-web-") as folder:
        path = Path(folder) / _UPLOADED_DRAFT
        path.write_bytes(content)
        try:
            report = carecite.audit_docx(path, site.bank_dir, site.reports_dir)
        except carecite.CareciteError as error:
            raise CaseRejected(placed(error, "file", _UPLOADED_DRAFT)) from None
    lines = tuple(
        replace(line, detail=said(line.detail, face, site.reports_dir)) for line in report.lines
    )
    return replace(report, path=name, lines=lines)


_UPLOADED_DRAFT = "upload.docx"


def audit_document(report: carecite.AuditReport, format: Literal["docx", "md"]) -> DraftFile:
    """The cite-check report as ``carecite audit -o`` writes it: Word or Markdown."""
    stem = Path(report.path).stem or "draft"
    if format == "md":
        text = carecite.audit_markdown(report)
        return DraftFile(text.encode(), f"{stem}-cite-check.md", "text/markdown; charset=utf-8", ())
    with tempfile.TemporaryDirectory(prefix="carecite-web-") as folder:
        out = carecite.write_audit(report, Path(folder) / f"{stem}-cite-check.docx")
        return DraftFile(out.read_bytes(), out.name, _DOCX, ())
