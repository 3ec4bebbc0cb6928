"""Render a draft: a Jinja template, a case and the bank → Markdown for the Word writer.

``render_draft`` is the verb. Templates run with ``StrictUndefined``: a field the case
lacks is a ``TemplateError`` naming the field, the template file and its line, never a blank
in a court document. Everything a template prints is escaped for Markdown unless a helper
built it (``Md``), so a case value such as ``*urgent* [1] {{ x }}`` prints exactly as typed.
Templates from outside carecite (a path) run in Jinja's sandbox.

Helpers a template can call (templates/README.md documents them for template authors):

``cite(ids, style="oscola")``
    a footnote reference whose note cites the passages: the first citation of a source in
    full, later ones short with ``(n N)``, ``ibid`` when the note before cites the same
    source. A pinpoint taken from a secondary source carries a Word comment.
``quote(id, end="", sentences=None)``
    the passage verbatim: up to about three lines inline in ‘single quotes’ with its
    citation, longer as a block quotation introduced by a colon (OSCOLA).
``footnote(text)``, ``placeholder(text)``, ``markdown(text)``
    a note; a yellow ``[●  text]`` for the lawyer to fill in; trusted Markdown as is.
``passages(theme=None, source=None, chosen=True)``, ``passage(id)``, ``source(id)``
    ask the bank (``chosen``: only the case's passages).
``by_theme(themes=None, exclude=())``
    the case's passages grouped under its themes, each passage once.
``history(authority=None, until=None)``
    the authority's inspections oldest first, from the bank and the shipped inspections
    dataset, as ``carecite.history.inspections.Inspection`` rows.
``document(title=, subject=)``
    set the Word document's properties.

``draft`` does the whole job of ``carecite draft``: load the case, render, write .docx/.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2

from carecite.bank.snapshot import shipped_data
from carecite.bank.validate import CASE_SCHEMA, required_keys
from carecite.cite.authorities import Authority, authorities_from, authority_of_judgment
from carecite.cite.citation import (
    STYLES,
    compress_ranges,
    format_citation,
    format_pinpoint,
    is_style,
    original_name,
    pages_of,
    paragraphs_of,
    read_in_name,
    unchecked_warning,
)
from carecite.cite.notes import NoteCitations, NotePart
from carecite.draft.case import INLINE_QUOTE_LIMIT, sentences
from carecite.draft.markdown import escape_markdown
from carecite.draft.orders import asking, court_action, seeks_orders
from carecite.draft.write.properties import DocumentProperties
from carecite.english import long_date
from carecite.errors import (
    CareciteError,
    CaseError,
    DraftError,
    LookupFailed,
    Problem,
    SourceError,
    Step,
    StepText,
    TemplateError,
)
from carecite.inputfile import undecodable_line
from carecite.model import Passage, Source, SourceKind, Verdict
from carecite.output import DocumentFormat, document_format
from carecite.reports.held import held_report
from carecite.resources import REPORTS_FOLDER, shipped_dir
from carecite.shorten import shorten
from carecite.suggest import did_you_mean

if TYPE_CHECKING:
    from docx.document import Document

    from carecite.bank.load import Bank
    from carecite.draft.case import Case, Finding
    from carecite.history.inspections import Inspection
    from carecite.reports.locate import Location

Citations = Literal["footnotes", "inline"]

CATALOGUE_FILE = "templates.yaml"
AUTHORITIES_FILE = "authorities.yaml"
# A quotation opening with one of these points back to words it leaves out: a pronoun or
# determiner ("These failings …"; "Some", "Both" only standing for their noun, "Some have
# been left …", not "Some children …"; "It" not standing for what follows), or the verb of a
# subject left out ("[A]re not sufficiently focused …", a start: mid-sentence). The reader
# cannot tell what it refers to.
_AUXILIARIES = (
    *("are", "is", "was", "were", "has", "have", "had", "do", "does", "did"),
    *("can", "cannot", "could", "will", "would", "shall", "should", "must", "may", "might"),
)
# "It" standing for what follows points back to nothing, as its grammar shows: "It" and a
# form of "be", a word (or "a"/"the" and up to two) saying what it is, perhaps words of
# degree and who judges ("by all", "for the local authority"), then the clause it stands
# for: "It was noted that …", "It is, however, a particular strength that …", "It is too
# early to …", "It takes too long for …". Before "to" the word is not a verb's participle,
# which makes "It" the subject: "It was judged to be …", "It is beginning to …".
_DEGREE = r"(?:not|also|still|now|therefore|however|though|too|more|less|very|always|yet|[a-z]+ly)"


def _it_standing_for(head: str, before: str, clause: str) -> str:
    """The words after an anticipatory "It": its word saying what it is matches ``head``,
    a phrase led by a word of ``before`` may follow, then a word of ``clause``."""
    return (
        r"(?:is|was|remains|has been|had been|will be|would be|seems|seemed|appears)"
        rf"(?:,? {_DEGREE},?)* (?:(?:a|an|the) (?:[a-z’'-]+ ){{0,2}})?{head}(?:,? {_DEGREE},?)*"
        rf"(?: (?:{before}) [^\s,.;:]+(?: [^\s,.;:]+){{0,4}}?)?? (?:{clause})\b"
    )


# Before "to" only "for" and the infinitive's subject ("difficult for the authority to
# know"): a phrase with "by" is a passive's agent, "It" its subject ("It was found by
# Ofsted in 2013 to be …").
_ANTICIPATORY_IT = (
    r"(?:takes too long"
    + "|"
    + _it_standing_for(
        "[a-z’-]+", "by|to|for|from|across|among", "that|how|what|whether|who|why|if"
    )
    + "|"
    + _it_standing_for("[a-z’-]+(?<!ed)(?<!ing)", "for", "to")
    + ")"
)
_POINTING_BACK = re.compile(
    r"^(?:These|This|They|Those|Such|Its|Their|Them|He|She|The latter|The former"
    rf"|It(?! {_ANTICIPATORY_IT})"
    r"|(?:Some|Many|Most|Several|Others|Few|All|None|Each|Both|Neither)"
    rf"(?= (?:{'|'.join(_AUXILIARIES)}|not|of (?:them|these|those))\b)"
    rf"|{'|'.join(word.capitalize() for word in _AUXILIARIES)})\b"
)
# Words that plainly open a noun phrase without pointing back: a quotation cut mid-sentence
# may start with one ("[T]he assessment quality is poor …"), or with a word its report
# writes after a determiner ("the children", "their plans": "[C]hildren wait …"); with any
# other word, cut from what it hangs on ("[S]ignificantly deteriorated …", "[A]dding to the
# delay …"), it is warned. A name keeps the capital the report gives it, so is never
# bracketed.
_NOUN_OPENERS = frozenset(
    {
        *("the", "a", "an", "some", "any", "no", "every", "each", "all", "both", "either"),
        *("neither", "many", "much", "most", "more", "few", "fewer", "several", "other"),
        *("another", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    }
)
_DETERMINED = "the|a|an|their|its|our"
_DEGREE_WORDS = frozenset(
    {"too", "so", "very", "nearly", "almost", "over", "under", "around", "about", "just", "only"}
)
# A straight apostrophe within a word: always an apostrophe, never a quotation mark.
_WORD_APOSTROPHE = re.compile(r"(?<=[^\W_])'(?=[^\W_])")
# A first letter capitalised in brackets, as a quotation from mid-sentence opens: "[A]re".
_BRACKETED_CAPITAL = re.compile(r"^\[([A-Z])\]")
_ANTICIPATORY_START = re.compile(rf"It {_ANTICIPATORY_IT}")


def _pointing_back(text: str, report: Callable[[], str]) -> str | None:
    """The opening words of a quotation that point back to words it leaves out, as quoted
    (``[A]re``), or the first word of one cut mid-sentence that opens no noun phrase
    (``[S]ignificantly``); ``None`` where it opens on what it speaks of. ``report``: the
    text of the report quoted, read only for a quotation cut mid-sentence."""
    plain = _BRACKETED_CAPITAL.sub(r"\1", text)
    found = _POINTING_BACK.match(plain)
    if found:
        return text[: found.end() + len(text) - len(plain)]
    if plain == text or _ANTICIPATORY_START.match(plain):
        return None
    first = text.split(maxsplit=1)[0]
    words = plain.lower().split(maxsplit=2)
    word = words[0]
    # A word of degree before a quantity is the noun phrase's: "[T]oo many children".
    quantity = words[1] if len(words) > 1 and word in _DEGREE_WORDS else word
    if quantity in _NOUN_OPENERS or quantity[:1].isdigit():
        return None
    determined = re.compile(rf"\b(?:{_DETERMINED}) {re.escape(word)}(?![\w’'-])")
    return None if determined.search(report()) else first


# A report's own cross-reference ("(paragraph 128)", "(paragraphs 100, 101, 102)"): cut from
# a quotation with an ellipsis, as the reader of a court document cannot follow it.
_CROSS_REFERENCE = re.compile(r"\s*\(paragraphs? \d+(?:(?:, | and |–|-)\d+)*\)\.?(?=\s|$)")
# Where a report's section marks a passage as a recommendation, for a passage whose bank
# entry records no role.
_RECOMMENDATION_SECTION = re.compile(
    r"recommendation|needs to improve|areas? for improvement", re.I
)


# Words that begin a noun phrase, or a verb's object: "The quality of …", "Ensure that …".
_DETERMINERS = frozenset(
    {"the", "a", "an", "that", "this", "these", "its", "their", "all", "every", "each"}
)
# A paraphrase's first word, as its capital is judged (``_run_on``), and the capitalised
# word after it that makes it part of a name ("Mr Zedworth"; not "I").
_FIRST_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_NAME_GOES_ON = re.compile(r" (?!I\b)[A-Z]")
_OPENING_THAT = re.compile(r"^that\s+", re.I)

# How a finding's quotation is set: run into the sentence, or as a block (a colon each).
_RUN_IN: dict[str, Any] = {"cite": True, "colon": True, "inline": True}
_BLOCK: dict[str, Any] = {"end": "", "cite": True, "colon": True, "inline": False, "block": True}


class Md(str):
    """Markdown a helper built: printed as is, where any other value is escaped."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    """A shipped template: its name, file, description and the case fields it needs.

    ``requires`` holds the case fields this template needs beyond those every case file must
    give (the case schema's ``required``: a witness statement needs ``witness``); ``needs``
    is both, as ``carecite templates`` lists them.
    """

    name: str
    file: str
    description: str
    requires: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    page_limit: int | None = None
    hearings: tuple[str, ...] = ()
    refuses: tuple[str, ...] = ()

    @property
    def needs(self) -> tuple[str, ...]:
        """Every case field the template needs: the case schema's required keys (one rule
        for every case file), then the template's own ``requires``."""
        return tuple(dict.fromkeys((*required_keys(CASE_SCHEMA), *self.requires)))

    @property
    def hearings_in_words(self) -> str:
        """``case management, issues resolution, CMH or IRH``."""
        *rest, last = self.hearings or ("any",)
        return f"{', '.join(rest)} or {last}" if rest else last

    def suits(self, hearing_type: str) -> bool:
        """Whether this document is the one for the hearing (any, when none is listed)."""
        wanted = hearing_type.casefold()
        return not self.hearings or any(h.casefold() in wanted for h in self.hearings)


@dataclass(frozen=True, slots=True)
class RenderedDraft:
    """A rendered draft: Markdown in the writer's dialect, warnings and Word properties.

    ``quotations`` holds the words of every quotation ``quote()`` placed, in order: what a
    cite-check of the finished draft must find. ``page_limit`` is the case's, else the
    template's (``None``: no limit); ``document_name`` names the document in messages.
    """

    markdown: str
    warnings: tuple[Problem, ...] = ()
    properties: DocumentProperties = field(default_factory=DocumentProperties)
    quotations: tuple[str, ...] = ()
    page_limit: int | None = None
    document_name: str = "draft"


# --- the template catalogue -------------------------------------------------------------------


def templates_dir() -> Path:
    """The shipped templates folder."""
    return shipped_dir("templates")


def template_catalogue() -> tuple[TemplateInfo, ...]:
    """The shipped templates, as ``templates/templates.yaml`` describes them."""
    path = templates_dir() / CATALOGUE_FILE
    data = shipped_data(path) or {}
    return tuple(
        TemplateInfo(
            name=name,
            file=entry["file"],
            description=" ".join(entry["description"].split()),
            requires=tuple(entry.get("requires") or ()),
            optional=tuple(entry.get("optional") or ()),
            page_limit=entry.get("page_limit"),
            hearings=tuple(entry.get("hearings") or ()),
            refuses=tuple(entry.get("refuses") or ()),
        )
        for name, entry in data["templates"].items()
    )


def shipped_authorities() -> dict[str, Authority]:
    """The authorities carecite ships as citations (``templates/authorities.yaml``)."""
    path = templates_dir() / AUTHORITIES_FILE
    return authorities_from(shipped_data(path))


def resolve_template(template: str | Path) -> tuple[Path, TemplateInfo | None]:
    """A template name or path → its file, and its catalogue entry when shipped.

    Raises:
        LookupFailed: neither a shipped name nor an existing file; close names suggested.
    """
    catalogue = {t.name: t for t in template_catalogue()}
    name = str(template)
    if name in catalogue:
        return templates_dir() / catalogue[name].file, catalogue[name]
    path = Path(template)
    if path.is_file():
        return path.resolve(), None
    hint = did_you_mean(name, catalogue) or "run 'carecite templates' to list them, or give a path"
    raise LookupFailed(f"no template called '{name}' and no such file", hint=hint)


# --- rendering ----------------------------------------------------------------------------------


class _EmptyValue(Exception):
    """A template printed ``None``: an empty value must never reach a court document."""


def _finalize(value: Any) -> str:
    if isinstance(value, Md):
        return value
    if value is None:
        raise _EmptyValue
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return long_date(value)
    return escape_markdown(_typeset(value) if isinstance(value, str) else value)


def _typeset(text: str) -> str:
    """A value's straight apostrophes within words set as the reports' are ("guardian’s"
    beside a quotation's "children’s"), as Word types them; a quotation is ``Md`` and never
    passes here."""
    return _WORD_APOSTROPHE.sub("’", text)


class _FolderLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, refusing a template that is a link out of the template folders
    (an ``{% include %}`` must not read what the folder merely points at)."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        import os

        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(folder) + os.sep for folder in self.searchpath]
        if not real.startswith(tuple(roots)):
            raise jinja2.exceptions.SecurityError(
                f"template '{template}' is a link out of the template folder"
            )
        return source, filename, uptodate


def _environment(folder: Path, *, sandboxed: bool) -> jinja2.Environment:
    from carecite.draft.template_cache import template_bytecode_cache

    kind = jinja2.Environment
    if sandboxed:  # only a user's template: a draft from a shipped one does not import it
        from jinja2.sandbox import SandboxedEnvironment

        kind = SandboxedEnvironment
    # A user's template may include the shipped partials, but its own folder comes first.
    search = [str(folder), str(templates_dir())] if sandboxed else [str(templates_dir())]
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "autoescape": False,
        "finalize": _finalize,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    env = kind(
        loader=_FolderLoader(search),
        bytecode_cache=template_bytecode_cache(kind, options),
        **options,
    )
    env.filters["long_date"] = long_date
    env.filters["md"] = Md
    return env


def render_draft(
    template: str | Path,
    case: Case,
    bank: Bank,
    *,
    citations: Citations = "footnotes",
) -> RenderedDraft:
    """Render a template for a case into Markdown in the Word writer's dialect.

    Args:
        template: a shipped template's name ("skeleton-argument", "witness-statement",
            "witness-statement-section") or the path of a template file (run sandboxed).
        case: the loaded case (``carecite.draft.case.load_case``).
        bank: the quote bank the case's passages come from.
        citations: ``"footnotes"`` (numbered notes, definitions at the end) or
            ``"inline"`` (citations in brackets in the text).

    Returns:
        The Markdown, warnings (unchecked pinpoints, chosen passages left unused, reports
        published after the hearing) and the Word document properties.

    Raises:
        LookupFailed: no such template.
        CaseError: the case lacks a field the shipped template needs.
        TemplateError: the template failed; the message names its file and line.
    """
    path, info = resolve_template(template)
    if info is not None:
        _check_needs(info, case)
        _check_role(info, case)
    env = _environment(path.parent, sandboxed=info is None)
    helpers = _Helpers(case, bank, citations)
    if info is not None and not info.suits(case.hearing.type):
        helpers.warn(
            StepText(
                f"the {info.name} template is for a hearing called {info.hearings_in_words}, "
                f"and this case's hearing is the {case.hearing.type}: ",
                Step.TEMPLATE_FOR_HEARING,
            )
        )
    try:
        # A user's template is loaded from its own folder (the first searched), as a shipped
        # one is: its compiled bytecode is kept too, and messages name its file.
        compiled = env.get_template(info.file if info is not None else path.name)
        body = _bounded(compiled.generate(case=case, **helpers.exports()), path)
    except UnicodeDecodeError as error:
        raise TemplateError(
            f"is not UTF-8 text ({error.reason})",
            path=path,
            line=undecodable_line(error),
            hint="save the template as UTF-8",
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"template syntax error: {error.message}",
            path=error.filename or path,
            line=error.lineno,
            hint="fix the template at that line",
        ) from None
    except TemplateError:
        raise
    except Exception as error:  # whatever a template's own code does wrong (1/0, bad arguments)
        raise _template_failure(error, path) from None
    markdown = helpers.finish(body)
    return RenderedDraft(
        markdown,
        helpers.warnings(),
        helpers.properties(),
        tuple(helpers.quotations),
        page_limit=case.page_limit or (info.page_limit if info is not None else None),
        document_name=info.name.replace("-", " ") if info is not None else path.name,
    )


def _check_needs(info: TemplateInfo, case: Case) -> None:
    from carecite.errors import CaseError, Problem

    missing = []
    # The schema's required keys were checked as the case loaded: only the template's own.
    for name in info.requires:
        value: Any = case
        for part in name.split("."):
            value = getattr(value, part, None)
        if value in (None, (), ""):
            missing.append(
                Problem(
                    f"the {info.name} template needs '{name}', which the case file lacks",
                    case.path,
                    case.line_of(name) or 1,
                    StepText(f"add '{name.split('.')[-1]}:' ", Step.TEMPLATE_NEEDS),
                )
            )
    if missing:
        raise CaseError.from_problems(missing)


def _check_role(info: TemplateInfo, case: Case) -> None:
    """A template written for one side is refused for another: the local authority does not
    argue its own inadequacy."""
    from carecite.errors import CaseError

    if case.acting_for in info.refuses:
        raise CaseError(
            f"the {info.name} template argues against the local authority and cannot be "
            f"filed on behalf of {case.acting_for_label}",
            path=case.path,
            line=case.line_of("acting_for"),
            hint="choose the party it is filed for (guardian or a parent), or write a template "
            "for the local authority's own case",
        )


def _template_failure(error: Exception, path: Path) -> TemplateError:
    """One ``TemplateError`` for whatever stopped a template, at its file and line."""
    where, line = _template_position(error, path)
    if isinstance(error, jinja2.TemplateNotFound):
        message, hint = f"template '{error.name}' not found", "check the name"
    elif isinstance(error, jinja2.UndefinedError):
        message = f"the template uses a field the case does not have: {error.message}"
        hint = "add the field to the case file, or correct the template"
    elif isinstance(error, jinja2.exceptions.SecurityError):
        message = f"the template did something a template may not: {error}"
        hint = "templates may only read the case and call carecite's helpers"
    elif isinstance(error, _EmptyValue):
        message = "the template prints an empty value (None)"
        hint = "give the field in the case file, or guard it with {% if … %} in the template"
    elif isinstance(error, CareciteError):
        message, hint = error.problems[0].message, error.hint or ""
    elif isinstance(error, RecursionError):
        message = "the template calls itself without end (a recursive macro or include)"
        hint = "give the recursion a way to stop"
    else:
        message = f"the template failed: {type(error).__name__}: {error}"
        hint = "fix the template at that line (check the arguments given to helpers)"
    return TemplateError(message, path=where, line=line, hint=hint or None)


# A draft is pages, not megabytes, and renders in well under a second: a template past
# either limit is looping without end.
MAX_OUTPUT = 5_000_000
MAX_SECONDS = 30.0


def _bounded(chunks: Iterable[str], path: Path) -> str:
    """The rendered text, or ``TemplateError`` once it passes ``MAX_OUTPUT`` characters or
    ``MAX_SECONDS`` (checked each time the template writes something)."""
    import time

    out: list[str] = []
    size, start = 0, time.monotonic()
    for chunk in chunks:
        out.append(chunk)
        size += len(chunk)
        if size > MAX_OUTPUT or time.monotonic() - start > MAX_SECONDS:
            what = f"{MAX_OUTPUT:,} characters" if size > MAX_OUTPUT else f"{MAX_SECONDS:g} s"
            raise TemplateError(
                f"the template's output passed {what}: it is looping without end",
                path=path,
                hint="check its loops (nested range() calls multiply)",
            )
    return "".join(out)


def _template_position(error: BaseException, fallback: Path) -> tuple[str, int | None]:
    """The innermost template frame of the traceback: Jinja rewrites them to template lines."""
    where, line = str(fallback), None
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".md")) or filename == str(fallback):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line


# --- helpers ------------------------------------------------------------------------------------


class _Helpers:
    """The functions a template calls; keeps the footnotes and what was cited."""

    def __init__(self, case: Case, bank: Bank, citations: Citations) -> None:
        self.case = case
        self.bank = bank
        self.in_text = citations == "inline"
        self.citing = NoteCitations(bank.sources, inline=self.in_text, bundle=case.bundle_places)
        self.notes: list[str] = []
        self.cited: dict[str, None] = {}
        self.problems: dict[Problem, None] = {}
        self.props: dict[str, str] = {}
        self.placed: set[str] = set()
        self.quotations: list[str] = []
        self.known_authorities = {
            **shipped_authorities(),
            **{
                s.id: authority_of_judgment(s)
                for s in bank.sources.values()
                if s.kind is SourceKind.JUDGMENT
            },
            **{a.id: a for a in case.own_authorities},
        }
        self.authorities: dict[str, Authority] = {}
        self.report_texts: dict[str, str] = {}
        self.extracts_given = 0
        self.beyond_extracts: dict[str, None] = {}  # chosen, but past the statement's extracts

    def exports(self) -> dict[str, Callable[..., Any]]:
        return {
            "cite": self.cite,
            "quote": self.quote,
            "footnote": self.footnote,
            "placeholder": self.placeholder,
            "markdown": Md,
            "passages": self.passages,
            "passage": self.bank.passage,
            "source": self.bank.source,
            "by_theme": self.by_theme,
            "history": self.history,
            "pinpoint": self.pinpoint,
            "exhibit_of": self.exhibit_of,
            "document": self.document,
            "reports": self.reports,
            "cite_report": self.cite_report,
            "full_citation": self.full_citation,
            "sources_cited": self.sources_cited,
            "quoted_via": self.quoted_via,
            "provisions": self.provisions,
            "finding": self.finding,
            "authority": self.authority,
            "authorities_cited": self.authorities_cited,
            "prose": self.prose,
            "court_action": court_action,
            "asking": asking,
            "seeks_orders": seeks_orders,
            "law_for": self.law_for,
            "says": self.says,
            "exhibit_ref": self.exhibit_ref,
            "extracts": self.extracts,
        }

    # --- citations -------------------------------------------------------------------------

    def _passages(self, ids: str | Iterable[str | Passage] | Passage) -> list[Passage]:
        if isinstance(ids, str | Passage):
            ids = [ids]
        found = [i if isinstance(i, Passage) else self.bank.passage(str(i)) for i in ids]
        if not found:
            raise LookupFailed("cite() was given no passage", hint="pass one or more ids")
        return found

    def cite(
        self,
        ids: str | Passage | Iterable[str | Passage],
        style: str = "oscola",
        pages: bool = False,
    ) -> Md:
        """A footnote reference citing the passages (or, inline, the citation in brackets).

        ``pages`` gives the page beside each paragraph number (``para 16 (p 5)``).
        """
        if not is_style(style):
            raise LookupFailed(
                f"no citation style '{style}'",
                hint=did_you_mean(style, STYLES) or "use oscola",
            )
        chosen = self._passages(ids)
        self.cited.update((p.id, None) for p in chosen if p.id)
        note = self.citing.cite(chosen, style=style, pages=pages)
        joined = "; ".join(self._flag(p.passages, self._part_text(p)) for p in note.parts)
        if note.number is None:
            return Md(f" ({joined})")
        self.notes.append(joined + ".")
        return Md(f"[^{note.number}]")

    def _part_text(self, part: NotePart) -> str:
        """A note's part, escaped; a judgment's case name, in full or short, in italics
        (OSCOLA), also where its short name is defined in brackets."""
        source = self.bank.sources[part.source]
        if source.kind is not SourceKind.JUDGMENT:
            return escape_markdown(part.text)
        names = sorted({source.title, source.short_name}, key=len, reverse=True)
        pattern = "|".join(re.escape(n) for n in names)
        pieces = re.split(
            rf"^({pattern})|(?<=\()({re.escape(source.short_name)})(?=\)(?:$|, as quoted in ))",
            part.text,
        )
        return "".join(
            f"*{escape_markdown(piece)}*" if i % 3 else escape_markdown(piece)
            for i, piece in enumerate(pieces)
            if piece
        )

    def _flag(self, group: Sequence[Passage], text: str) -> str:
        """Wrap a citation resting on a secondary pinpoint in a review comment."""
        unchecked = [p for p in group if not p.is_checked]
        if not unchecked:
            return text
        sources = self.bank.sources
        for p in unchecked:
            self.warn(unchecked_warning(p, sources))
        vias = dict.fromkeys(read_in_name(p, sources) for p in unchecked)
        originals = dict.fromkeys(original_name(p, sources) for p in unchecked)
        note = f"pinpoint taken from {' and '.join(vias)} — check against {' and '.join(originals)}"
        return f'[{text}]{{.comment note="{_attribute(note)}"}}'

    def quote(
        self,
        passage_id: str,
        end: str = "",
        sentences: int | None = None,
        cite: bool = True,
        colon: bool = False,
        inline: bool = False,
        full_stop: bool = True,
    ) -> Md:
        """The passage verbatim with its citation: inline in ‘…’ if short, else a block.

        Args:
            passage_id: the passage.
            end: punctuation to print after an inline quotation, before the note mark (after
                a citation in brackets).
            sentences: quote only the first N sentences (a witness statement's short extract).
            cite: add the citation (a footnote, or brackets when inline).
            colon: introduce an inline quotation with a colon too (a block always has one).
            inline: never set it as a block, however long (a witness statement).
            full_stop: keep the quotation's closing full stop; ``False`` leaves it for the
                template to put after a reference of its own (``‘… in care’ (AB1 p 3).``).
        """
        passage = self.bank.passage(passage_id)
        text = _first_sentences(passage.text, sentences)
        if not full_stop:
            text, _ = _closing_full_stop(text)
        return self._quote_text(passage, text, end=end, cite=cite, colon=colon, inline=inline)

    def _quote_text(
        self,
        passage: Passage,
        text: str,
        *,
        end: str,
        cite: bool,
        colon: bool,
        inline: bool,
        block: bool = False,
        finding: Finding | None = None,
    ) -> Md:
        """Place ``text`` (the passage's words, or a whole sentence of them) as a quotation;
        ``finding``: the case file's finding that asks for it, whose line a warning names.

        Every quotation passes here, so here a statute is refused: the bank holds no enacted
        text, only words a commentary quoted, and law is never quoted from a commentary.
        """
        if self.bank.sources[passage.source].kind is SourceKind.STATUTE:
            raise LookupFailed(
                f"{passage.id} is a statute's words as a commentary quotes them: statutes are "
                "cited, not quoted, and never quoted from a commentary",
                hint="cite it with authority(…) and state the proposition in your own words",
            )
        text = _CROSS_REFERENCE.sub(" …", text)
        opening = _pointing_back(text, lambda: self._report_text(passage.source))
        if opening:
            problem = Problem(
                f"the quotation of {passage.id} begins ‘{opening} …’, pointing back to words "
                "it leaves out",
                self.case.path if finding else None,
                finding.line if finding else None,
                StepText(
                    "say in your own words what it refers to",
                    *((", or quote from words that name it ", Step.QUOTE_FROM) if finding else ()),
                ),
            )
            self.warn(problem)
        self.cited[passage.id] = None
        mark = self.cite([self._pinned(passage, text)]) if cite else ""
        if not (inline or (len(text) <= INLINE_QUOTE_LIMIT and not block)):
            self.quotations.append(text)
            return Md(f":\n\n> {escape_markdown(text)}{mark}\n")
        lead = ": " if colon else ""
        if cite and self.in_text:
            # A citation in brackets is part of the sentence: the quotation's own full stop
            # ends the sentence after it, ‘… or rigour’ (Ofsted 2025 report para 12).
            text, stop = _closing_full_stop(text)
            self.quotations.append(text)
            return Md(f"{lead}‘{escape_markdown(text)}’{mark}{end or stop}")
        self.quotations.append(text)
        return Md(f"{lead}‘{escape_markdown(text)}’{end}{mark}")

    def _pinned(self, passage: Passage, words: str) -> Passage:
        """The passage pinpointed to where ``words`` (a part of it) are: a sentence of a
        passage running over pages 13–14 is cited at page 13 when the held report places it
        there. Without the report (or where it does not find the words inside the passage's
        own pages and paragraphs) the passage's own pinpoint stands: never a page guessed."""
        spans_pages = passage.page_end is not None and passage.page_end != passage.page
        spans_paragraphs = passage.paragraph_end not in (None, passage.paragraph)
        if words == passage.text or not (spans_pages or spans_paragraphs):
            return passage
        found = self._locate(passage, words)
        if found is None or found.page is None:
            return passage
        within_pages = set(pages_of(found)) <= set(pages_of(passage))
        within_paragraphs = set(paragraphs_of(found)) <= set(paragraphs_of(passage))
        if not within_pages or not within_paragraphs:
            return passage
        if found.paragraph is None:  # the report's layout gave no number: keep the passage's
            return replace(passage, page=found.page, page_end=found.page_end)
        return replace(
            passage,
            page=found.page,
            page_end=found.page_end,
            paragraph=found.paragraph,
            paragraph_end=found.paragraph_end,
        )

    def _locate(self, passage: Passage, words: str) -> Location | None:
        """Where the held report of the passage's source places ``words``: the report is the
        source's ``report_file`` in a ``reports/`` folder of the bank (or a bank it extends);
        ``None`` where none is held or the words are not found there."""
        source = self.bank.sources[passage.source]
        held = (held_report(source, f / REPORTS_FOLDER) for f in self.bank.folders)
        file = next((f for f in held if f is not None), None)
        if file is None:
            return None
        # Imported here: the report reader is a tenth of a draft's imports, paid only when
        # the report is held.
        from carecite.reports.ingest import read_report
        from carecite.reports.locate import locate_quote

        try:
            found = locate_quote(read_report(file), words)
        except SourceError as error:
            self.warn(
                f"{file} could not be read ({error.problems[0].message}): {passage.id} is "
                "cited at the passage's own pages, not the quoted words' alone — put the "
                "report as Ofsted published it there, under that name, and draft again"
            )
            return None
        return found if found.match is not Verdict.NOT_FOUND else None

    def finding(self, item: Finding) -> Md:
        """An issue's finding, as the case file asks: a short run-in quotation (the whole
        passage when short, else the sentence chosen, else its first), a block quotation, or
        the lawyer's paraphrase; each with its citation, introduced by what Ofsted did."""
        passage = self.bank.passage(item.passage)
        verb = self.says(passage, clause=item.paraphrase is not None)
        if item.paraphrase is not None:
            self.cited[passage.id] = None
            # "that" is the introduction's: a paraphrase's own is not said twice.
            own = _OPENING_THAT.sub("", item.paraphrase)
            words, stop = (
                escape_markdown(part) for part in _as_sentence(self._run_on(own, passage.source))
            )
            mark = self.cite([passage])
            if self.in_text:
                return Md(f"{verb} that {words}{mark}{stop}")
            return Md(f"{verb} that {words}{stop}{mark}")
        if item.block:
            return Md(f"{verb}" + self._quote_text(passage, passage.text, **_BLOCK, finding=item))
        if item.sentence is None and item.start is None and len(passage.text) > INLINE_QUOTE_LIMIT:
            # Words chosen within the first sentence are no surprise: no warning then.
            self._cut_to_first_sentence(item, sentences(passage.text))
        text = item.run_in_words(passage)
        # A finding is a sentence of its own: it ends with a full stop, after the citation
        # in brackets, or after the closing mark where the quoted words end without one.
        ends = self.in_text or not text.endswith((".", "?", "!"))
        end = "." if ends else ""
        return Md(f"{verb}" + self._quote_text(passage, text, **_RUN_IN, end=end, finding=item))

    def _run_on(self, paraphrase: str, source_id: str) -> str:
        """The paraphrase as it reads after "found that": its first letter small, but for a
        name or an acronym, known from the text: a word in capitals ("IRO"), a capital
        within it ("McAllister"), a word of the names of the report's author or authority
        ("Ofsted", "Tower"), or a word written capitalised within a sentence — in the
        paraphrase itself, else in the report — at least as often as small ("Knowsley",
        "Ofsted"). A word neither holds is small ("Pathway plans …": the capital of a
        sentence's head is no name's), unless a capitalised word follows ("Mr Zedworth")."""
        first = _FIRST_WORD.match(paraphrase)
        word = first.group() if first else ""
        source = self.bank.sources[source_id]
        named = " ".join(filter(None, (source.author, source.publisher, source.authority))).split()
        if not word[:1].isupper() or word[1:] != word[1:].lower() or word in named:
            return paraphrase
        capitalised = re.compile(rf"(?<=[^\s.?!:] ){re.escape(word)}\b")
        small = re.compile(rf"\b{re.escape(word.lower())}\b")
        for joined in (paraphrase, self._report_text(source_id)):
            names, words = len(capitalised.findall(joined)), len(small.findall(joined))
            if names or words:
                return paraphrase if names >= words else word.lower() + paraphrase[len(word) :]
        if _NAME_GOES_ON.match(paraphrase, len(word)):
            return paraphrase
        return word.lower() + paraphrase[len(word) :]

    def _report_text(self, source_id: str) -> str:
        """The bank's passages of a source, one a line: what carecite knows of its report's
        words without reading its PDF (not the whole bank: at 100,000 passages that would
        read every one for a quotation)."""
        if source_id not in self.report_texts:
            self.report_texts[source_id] = "\n".join(
                p.text for p in self.bank.passages.values() if p.source == source_id
            )
        return self.report_texts[source_id]

    def _cut_to_first_sentence(self, item: Finding, sentences: list[str]) -> None:
        """Warn that a finding too long to run in quotes only its first sentence: the one
        that bears on the issue may be another (a favourable first sentence before the
        failings), so the lawyer is shown each sentence to choose from."""
        if len(sentences) < 2:
            return
        numbered = "; ".join(f"{n} ‘{shorten(s, 45)}’" for n, s in enumerate(sentences, 1))
        problem = Problem(
            f"finding {item.passage} is too long to run in, so the draft quotes only the first "
            f"of its {len(sentences)} sentences: {numbered}",
            self.case.path,
            item.line,
            StepText("choose the words the issue rests on: ", Step.FINDING_WORDS),
        )
        self.warn(problem)

    def authority(self, authority_id: str, at: str | int | None = None) -> Md:
        """Cite an authority in the text (never quoted): ``*Re B-S (Children)* [2013] EWCA Civ
        1146 [44]``; ``at`` a judgment paragraph or a statute's subsection."""
        found = self.known_authorities.get(authority_id)
        if found is None:
            raise LookupFailed(
                f"no authority '{authority_id}'",
                hint=did_you_mean(authority_id, self.known_authorities)
                or "see templates/authorities.yaml",
            )
        self.authorities[authority_id] = found
        italic, roman = found.cite(at)
        name = f"*{escape_markdown(italic)}* " if italic else ""
        return Md(name + escape_markdown(roman))

    def prose(self, text: str) -> Md:
        """The case file's own words (a position, a fact), escaped as any value is, with the
        names of the judgments the case cites in italics, as OSCOLA sets a case name: the
        full name (``Re B-S (Children)``) or its short form before the brackets (``Re B``),
        and a straight apostrophe within a word typeset as the report's are ("guardian’s",
        beside the quotations' "children’s"), as Word types it."""
        escaped = escape_markdown(_typeset(text))
        names = self._case_names
        return Md(escaped if names is None else names.sub(r"*\1*", escaped))

    @cached_property
    def _case_names(self) -> re.Pattern[str] | None:
        """The names of the judgments the case cites, as ``prose`` finds them in escaped text
        (made once a draft: a template calls ``prose`` for every position and fact)."""
        cited = (self.known_authorities.get(a) for a in self.case.authorities)
        names = {
            form
            for a in cited
            if a is not None and a.kind == "judgment"
            for form in (a.name, a.name.split(" (")[0])
        }
        if not names:
            return None
        alternatives = "|".join(
            re.escape(escape_markdown(_typeset(n))) for n in sorted(names, key=len, reverse=True)
        )
        return re.compile(rf"(?<![\w*])({alternatives})(?![\w-])")

    def law_for(self, topic: str) -> list[str]:
        """The ids of the authorities on ``topic`` that were the law at the hearing date
        (``safeguarding-partnership``: the LSCB for a 2017 hearing, the safeguarding
        partners after 2019, both in 2019 for the lawyer to choose)."""
        year = self.case.hearing.date.year
        found = [
            a.id for a in self.known_authorities.values() if a.topic == topic and a.applies_in(year)
        ]
        if not any(a.topic == topic for a in self.known_authorities.values()):
            raise LookupFailed(
                f"no authorities on '{topic}'", hint="see templates/authorities.yaml"
            )
        return found

    def authorities_cited(self) -> list[Md]:
        """The list of authorities for the authorities bundle, in the order cited: each Act
        once with the provisions cited (``Children Act 1989, ss 1, 31(2)``), then the
        judgments."""
        acts: dict[str, list[str]] = {}
        judgments: list[Md] = []
        for a in self.authorities.values():
            if a.kind == "statute":
                acts.setdefault(a.name, []).append(re.sub(r"^ss? ", "", a.citation))
            else:
                italic, roman = a.cite()
                judgments.append(Md(f"*{escape_markdown(italic)}* {escape_markdown(roman)}"))
        statutes = [
            Md(
                escape_markdown(
                    f"{act}, {'ss' if len(ps) > 1 or '–' in ps[0] else 's'} {', '.join(ps)}"
                )
            )
            for act, ps in acts.items()
        ]
        return statutes + judgments

    def says(self, passage: Passage | str, clause: bool = False) -> str:
        """How Ofsted said it: ``Ofsted found`` a finding or summary, ``Ofsted recommended``
        a recommendation, ``Ofsted judged`` a graded judgement, ``Ofsted noted`` context (the
        passage's role, else, where the bank records none, its section). A recommendation
        written as a noun phrase, an item of "What needs to improve?" ("The quality of
        social work practice …"), is what ``Ofsted identified as needing to improve``, or,
        with ``clause`` (the lawyer's own "that …" follows), what ``Ofsted found``."""
        p = passage if isinstance(passage, Passage) else self.bank.passage(passage)
        source = self.bank.sources[p.source]
        who = "Ofsted" if source.kind.is_report else source.short_name
        role = p.role or (
            "recommendation" if _RECOMMENDATION_SECTION.search(p.section or "") else "finding"
        )
        if role == "recommendation" and _names_what_to_improve(p.text):
            return f"{who} found" if clause else f"{who} identified as needing to improve"
        verb = {"recommendation": "recommended", "judgement": "judged", "context": "noted"}.get(
            role, "found"
        )
        return f"{who} {verb}"

    def exhibit_ref(self, passage_id: str, sentences: int | None = None) -> Md:
        """A witness statement's reference to an exhibited report's page: `` (AB1 p 5, para
        23)``; no footnote, as a statement is evidence, not argument. ``sentences``: the
        extract is the passage's first N sentences, referred to at their own page where the
        held report places them (as ``quote(…, sentences=N)`` gives them)."""
        whole = self.bank.passage(passage_id)
        p = self._pinned(whole, _first_sentences(whole.text, sentences))
        mark = self.exhibit_of(p.source)
        self.cited[p.id] = None
        page_runs = compress_ranges(pages_of(p))
        where = (
            [f"{'pp' if len(page_runs) > 1 or '–' in page_runs[0] else 'p'} {', '.join(page_runs)}"]
            if page_runs
            else []
        )
        paragraphs = format_pinpoint(replace(p, page=None, page_end=None))
        where += [paragraphs] if paragraphs else []
        return Md(f" ({escape_markdown(mark + ' ' + ', '.join(where) if where else mark)})")

    def footnote(self, text: str) -> Md:
        """A footnote holding ``text`` (escaped unless built by ``markdown()``)."""
        number = self.citing.other_note()
        body = text if isinstance(text, Md) else escape_markdown(text)
        if number is None:
            return Md(f" ({body})")
        self.notes.append(body)
        return Md(f"[^{number}]")

    def placeholder(self, text: str) -> Md:
        """A yellow ``[●  text]`` the lawyer must complete."""
        return Md(f"[{escape_markdown(text)}]{{.placeholder}}")

    # --- the bank ----------------------------------------------------------------------------

    def passages(
        self, theme: str | None = None, source: str | None = None, chosen: bool = True
    ) -> tuple[Passage, ...]:
        """Passages by theme and/or source; ``chosen`` keeps only the case's, in its order."""
        found = self.bank.select(theme=theme, source=source)
        if not chosen:
            return found
        wanted = {p.id for p in found}
        return tuple(self.bank.passages[i] for i in self.case.passages if i in wanted)

    def by_theme(
        self, themes: Iterable[str] | None = None, exclude: Iterable[str] = ()
    ) -> list[tuple[Any, list[Passage]]]:
        """The case's passages under ``themes`` (default: the case's, then the rest), once each.

        A passage goes under the first listed theme it carries; passages already cited or
        placed by an earlier call, or carrying a theme in ``exclude``, are left out.
        """
        if themes is None:
            order = [*self.case.themes, *(t for t in self.bank.themes if t not in self.case.themes)]
        else:
            order = list(themes)
        skip = set(exclude)
        groups: list[tuple[Any, list[Passage]]] = []
        for theme_id in order:
            theme = self.bank.theme(theme_id)
            chosen = [
                p
                for p in (self.bank.passages[i] for i in self.case.passages)
                if theme_id in p.themes
                and p.id not in self.cited
                and p.id not in self.placed
                and not skip.intersection(p.themes)
            ]
            self.placed.update(p.id for p in chosen)
            if chosen:
                groups.append((theme, chosen))
        return groups

    def history(self, authority: str | None = None, until: date | None = None) -> list[Inspection]:
        """The authority's inspections oldest first, from the bank and the shipped dataset.

        ``authority`` defaults to the case's ``local_authority``, read by the one resolver;
        ``until`` drops what was published after that day. Grades the bank and the dataset
        disagree on become the draft's warnings.
        """
        from carecite.history.inspections import load_history  # only a template that asks

        try:
            found = load_history(authority or self.case.local_authority, self.bank.sources)
        except LookupFailed as error:
            if authority is not None:
                raise
            raise CaseError(
                f"local_authority: {error.problems[0].message}",
                path=self.case.path,
                line=self.case.line_of("local_authority"),
                hint=error.hint,
            ) from None
        for warning in found.warnings:
            self.warn(warning)
        return list(found.until(until).inspections if until else found.inspections)

    def pinpoint(self, passage_id: str) -> str:
        """A plain pinpoint in words for a witness statement: ``paragraph 16``, ``page 2``."""
        p = self.bank.passage(passage_id)
        return format_pinpoint(p, words=True) or p.provision or p.section or ""

    @property
    def _extracts_limit(self) -> int:
        """How many short extracts a witness statement quotes (``witness.extracts``; none
        without a witness)."""
        return self.case.witness.extracts if self.case.witness else 0

    def extracts(self, source_id: str) -> tuple[Passage, ...]:
        """The case's chosen passages of an exhibited report a witness statement quotes: the
        first, while its ``witness.extracts`` last, counted across its exhibits (a statement
        refers to documents, it does not take the court through them). The others are left
        out, and the draft's warnings say so, with what to do."""
        limit = self._extracts_limit
        chosen = self.passages(source=source_id)
        room = max(limit - self.extracts_given, 0)
        self.extracts_given += len(chosen)
        self.beyond_extracts.update((p.id, None) for p in chosen[room:])
        return chosen[:room]

    def exhibit_of(self, source_id: str) -> str:
        """The exhibit mark a source carries in this statement (``AB1``)."""
        for exhibit in self.case.exhibits:
            if exhibit.source == source_id:
                return exhibit.mark
        raise LookupFailed(
            f"source '{source_id}' is not exhibited", hint="list it under witness.exhibits"
        )

    def reports(self) -> list[Source]:
        """The reports the case's passages come from, newest first."""
        ids = dict.fromkeys(self.bank.passages[i].source for i in self.case.passages)
        found = [self.bank.sources[s] for s in ids if self.bank.sources[s].kind.is_report]
        return sorted(found, key=lambda s: (s.published or date.min, s.id), reverse=True)

    def cite_report(self, source_id: str) -> Md:
        """Cite a whole report, with no pinpoint (for its judgements)."""
        self.bank.source(source_id)
        return self.cite([Passage(id="", source=source_id, text="")])

    def full_citation(self, source_id: str) -> Md:
        """A source's full OSCOLA citation with no pinpoint, for a list of reports."""
        self.bank.source(source_id)
        text = format_citation([Passage(id="", source=source_id, text="")], self.bank.sources)
        return Md(escape_markdown(text.text))

    def sources_cited(self) -> list[Source]:
        """The sources cited so far, in the order first cited."""
        return [self.bank.sources[s] for s in self.citing.sources_cited]

    def quoted_via(self, source_id: str) -> list[str]:
        """Short names of the secondary sources the cited pinpoints of a source come from."""
        vias: dict[str, None] = {}
        for passage_id in self.cited:
            passage = self.bank.passages[passage_id]
            if passage.source != source_id or passage.checked_via is None:
                continue
            via = self.bank.sources.get(passage.checked_via)
            if via is not None:
                vias[via.short_name] = None
        return list(vias)

    def provisions(self, chosen: Iterable[Passage]) -> list[tuple[Source, str, list[Passage]]]:
        """Statute passages grouped by Act and provision, in first-seen order.

        Passages of other sources (a report's finding on the LSCB's statutory functions
        also carries the statutory-framework theme) are left for the submissions.
        """
        groups: dict[tuple[str, str], list[Passage]] = {}
        for p in chosen:
            if self.bank.sources[p.source].kind is SourceKind.STATUTE:
                groups.setdefault((p.source, p.provision or ""), []).append(p)
        return [(self.bank.sources[s], prov, ps) for (s, prov), ps in groups.items()]

    def document(self, **properties: str) -> Md:
        """Set the Word document's title, subject or author; prints nothing."""
        for key, value in properties.items():
            if key not in ("title", "subject", "author"):
                raise LookupFailed(f"no document property '{key}'", hint="title, subject, author")
            self.props[key] = str(value)
        return Md("")

    # --- the end -------------------------------------------------------------------------------

    def finish(self, body: str) -> str:
        body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
        if self.notes:
            body += "\n" + "".join(f"[^{n}]: {t}\n" for n, t in enumerate(self.notes, 1))
        return body

    def warn(self, warning: str | Problem) -> None:
        """Keep a warning for the draft, once; a message alone is one of no file or line."""
        self.problems[warning if isinstance(warning, Problem) else Problem(warning)] = None

    def warnings(self) -> tuple[Problem, ...]:
        found = dict(self.problems)
        unused = [i for i in self.case.passages if i not in self.cited]
        beyond = [i for i in unused if i in self.beyond_extracts]
        if beyond:
            found[self._beyond_extracts(beyond)] = None
        if others := [i for i in unused if i not in self.beyond_extracts]:
            found[Problem("chosen passages the template did not use: " + ", ".join(others))] = None
        places = self.case.bundle_places
        for passage_id in self.cited:
            p = self.bank.passages[passage_id]
            if p.source in places and p.page is None:
                found[
                    Problem(
                        f"{passage_id} has no page in the bank, so its citation carries no "
                        "bundle page: add the bundle page by hand"
                    )
                ] = None
        return tuple(found)

    def _beyond_extracts(self, left_out: list[str]) -> Problem:
        """The warning for chosen passages a statement leaves out, past its extracts."""
        limit = self._extracts_limit
        them = "it" if len(left_out) == 1 else "them"
        return Problem(
            f"the statement quotes at most {limit} short extract{'' if limit == 1 else 's'} "
            f"(the first chosen), so it leaves out the chosen "
            f"passage{'' if len(left_out) == 1 else 's'} {', '.join(left_out)}",
            hint=StepText(
                f"to quote {them}, raise ",
                Step.EXTRACTS,
                f" to {limit + len(left_out)}; or rely on fewer passages",
            ),
        )

    def properties(self) -> DocumentProperties:
        case = self.case
        return DocumentProperties(
            title=self.props.get("title", ""),
            author=self.props.get("author", case.author.name),
            subject=self.props.get("subject", f"{case.children_title}, {case.case_number}"),
            created=datetime.combine(case.date or case.hearing.date, datetime.min.time()),
        )


def _first_sentences(text: str, count: int | None) -> str:
    """The first ``count`` sentences of ``text`` (all of it for ``None``)."""
    if count is None:
        return text
    return " ".join(sentences(text)[:count])


def _names_what_to_improve(text: str) -> bool:
    """Whether a recommendation is a noun phrase naming what is to improve ("The quality
    of …", "Oversight of …", "Plans for …", "Support for care leavers …") rather than led
    by its verb ("Improve the quality of …", "Ensure that …", "Urgently review …", "Take
    steps to …")."""
    words = re.findall(r"[\w’'-]+|,", text.lower())
    first, after = [*words, "", ""][:2]
    if first in _DETERMINERS:
        return True
    if after in _DETERMINERS:  # a verb and its object: "Review the arrangements"
        return False
    plural = first.endswith("s") and not first.endswith("ss")
    # "for" after the first word makes it a noun ("Support for care leavers"); "to" and
    # "with" do not: recommendations open "Continue to …", "Work with …" far more often.
    return plural or first.endswith("ing") or after in (",", "of", "and", "or", "for")


def _closing_full_stop(text: str) -> tuple[str, str]:
    """``text`` without the one full stop that closes it, and that stop (``""`` where it
    ends otherwise: ``?``, ``!``, an ellipsis ``...``)."""
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1], "."
    return text, ""


def _as_sentence(paraphrase: str) -> tuple[str, str]:
    """A paraphrase's words and the mark that ends its sentence: its own ``?`` or ``!``
    or full stop, else a full stop, in place of a ``;``, ``,`` or ``:`` it ends with
    ("good;" → "good.")."""
    words = paraphrase.rstrip(" ;,:")
    if words.endswith(("?", "!")):
        return words[:-1], words[-1]
    words, stop = _closing_full_stop(words)
    return words, stop or "."


def _attribute(text: str) -> str:
    """Text safe inside a ``note="…"`` attribute: no straight double quotes or backslashes."""
    return text.replace("\\", "/").replace('"', "”")


# --- the whole job -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftResult:
    """What ``make_draft`` wrote and what the lawyer should check.

    Each warning is a ``Problem``: the case file and line where it has one (its ``str`` is
    the line the CLI prints). ``pages`` is the draft's length: LibreOffice's count with
    ``check_length`` where it is installed (``exact``), else the estimate from the text.
    """

    path: Path
    warnings: tuple[Problem, ...]
    pages: float = 0.0
    exact: bool = False


def make_draft(
    template: str | Path,
    case_path: str | Path,
    out: str | Path,
    bank: Bank,
    *,
    force: bool = False,
    format: DocumentFormat | None = None,
    citations: Citations = "footnotes",
    reference_docx: str | Path | None = None,
    allow_over_length: bool = False,
    check_length: bool = False,
) -> DraftResult:
    """Load a case, render a template for it and write the draft (.docx or .md).

    The draft is written in ``format``, else the one ``out``'s extension names (Word for
    standard output): a name of another format (``.pdf``) is refused, as is one that
    contradicts ``format``.

    A draft over its page limit (the case's ``page_limit``, else the template's) is refused,
    nothing written, with what to cut, unless ``allow_over_length``. The length is estimated
    from the text; ``check_length`` has LibreOffice lay the Word document out and counts its
    pages instead, where LibreOffice is installed.

    Raises:
        OutputExistsError: ``out`` exists and ``force`` is false; nothing is touched.
        OutputFormatError: ``out`` is not named ``.docx`` or ``.md``, or not as ``format``.
        DraftError: over the page limit (without ``allow_over_length``).
        CaseError, LookupFailed, TemplateError: as the stages raise them.
    """
    from carecite.draft.case import load_case
    from carecite.draft.length import ESTIMATE_MARGIN, estimate_length
    from carecite.output import refuse_existing, write_atomic, write_text_atomic

    target = Path(out)
    # Before rendering: never make the lawyer wait to be told. A device or a folder is the
    # first thing to tell (binary matters only for standard output: Word unless md is asked).
    refuse_existing(target, force=force, binary=format != "md")
    format = document_format(target, format)
    case = load_case(case_path, bank)
    rendered = render_draft(template, case, bank, citations=citations)
    warnings: tuple[Problem, ...] = case.warnings + rendered.warnings
    if format == "docx":
        warnings += tuple(Problem(cut) for cut in rendered.properties.fitted()[1])
    from carecite.draft.write.docx import build_document

    # The length is laid out from the Word document, also for Markdown out: its page and
    # styles (the firm's, with reference_docx) decide how long the draft runs.
    document = build_document(
        rendered.markdown,
        citations=citations,
        reference_docx=reference_docx,
        properties=rendered.properties,
        source_name=str(template),
    )
    length = estimate_length(document)
    pages: float = length.pages
    exact = False
    if check_length and format == "docx":
        counted = _laid_out_pages(document)
        if counted is None:
            warnings += (
                Problem("LibreOffice (soffice) is not installed: the length is an estimate"),
            )
        else:
            pages, exact = counted, True
    limit = rendered.page_limit
    if limit is not None and pages > limit:
        about = f"{pages:g} pages" if exact else f"about {pages:.1f} pages"
        message = (
            f"the {rendered.document_name} runs to {about}, over its limit of {limit}; "
            "nothing was written"
        )
        if not allow_over_length:
            hint = StepText(length.over(limit), "; or ", Step.ALLOW_OVER_LENGTH)
            raise DraftError(message, hint=hint)
        warnings += (Problem(message.replace("; nothing was written", "")),)
    elif limit is not None and not exact and pages > limit * (1 - ESTIMATE_MARGIN):
        near = StepText(
            f"the {rendered.document_name} runs to about {pages:.1f} pages, near its limit "
            f"of {limit}; Word may lay it out a little differently: count the pages as laid "
            "out ",
            Step.CHECK_LENGTH,
            " before filing",
        )
        warnings += (Problem(near),)
    if format == "md":
        written = write_text_atomic(target, rendered.markdown, force=force)
    else:
        written = write_atomic(target, document.save, force=force)
    return DraftResult(written, warnings, pages, exact)


def _laid_out_pages(document: Document) -> int | None:
    """LibreOffice's page count of the built draft, saved to a scratch folder."""
    import tempfile

    from carecite.draft.length import count_pages

    with tempfile.TemporaryDirectory(prefix="carecite-draft-") as folder:
        scratch = Path(folder) / "draft.docx"
        document.save(str(scratch))
        return count_pages(scratch)
