"""Which citation follows a quotation, which source it names, and whether it is right.

A quotation's citation is the footnote marked after it in its paragraph (anywhere in a block
quotation), or the first bracketed text after it that names a source or is an ``ibid``. A
note's sources are found by their titles and short names, and by the exhibit marks a witness
statement gives them ("… report ‘…’ (the Ofsted 2017 report), marked ‘AB1’" makes "(AB1 p
14)" a citation of that report); an ``ibid`` is the note before's. The pinpoint it gives
(``carecite.cite.reading``) must hold the words, its "(n N)" must send the reader to an
earlier note citing that source in full (``cross_reference_failure``), and its bundle page
(``para 23 [F14]``) must fit where the draft says the report is in the bundle, its line in
the essential reading or the reports relied on (``bundle_statements``), and agree with the
bundle pages most of the draft's citations of that source give (``bundle_checks``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from itertools import groupby, pairwise
from typing import TYPE_CHECKING

from carecite.cite.citation import format_pinpoint, pages_of, paragraphs_of
from carecite.cite.reading import NOTE_REFERENCE, CitedPinpoint, read_pinpoint
from carecite.draft.audit.docxtext import DocParagraph, DocText
from carecite.draft.audit.quotations import QuotedSpan, find_quotations
from carecite.english import MONTHS, long_date
from carecite.model import Passage, Source, SourceKind
from carecite.reports.locate import normalise

if TYPE_CHECKING:
    from carecite.reports.locate import Location

__all__ = [
    "FAILING_CITATIONS",
    "SENTENCE_END",
    "BundleCitation",
    "BundleStatement",
    "CitationCheck",
    "NoteSources",
    "SourceNames",
    "bracketed_citations",
    "bundle_checks",
    "bundle_statements",
    "check_citation",
    "citation_after",
    "cited_bundle",
    "cited_pinpoint",
    "cross_reference_failure",
    "paragraph_place",
    "printing_note",
    "report_sections",
]


class CitationCheck(StrEnum):
    """What the citation after a quotation says of it.

    ``OK``: it names the quotation's source and a pinpoint the words are on.
    ``WRONG_PINPOINT``: the page, paragraph or section it gives is not where the words are.
    ``WRONG_SOURCE``: it names another source (an ``ibid`` after a note citing another one).
    ``NO_CITATION``: no footnote or bracketed citation naming a source follows the words.
    ``NO_PINPOINT``: it names the source but no page, paragraph or section.
    ``NOT_CHECKED``: nothing to check it against (the words were not found, or the cited
    report is not held and its bank passages do not place them).
    ``WRONG_BUNDLE_PAGE``: its bundle page (``[F14]``) does not fit where the draft says the
    report is in the bundle, or puts the report's page somewhere other than most of the
    draft's citations of that report put it, or as many put it elsewhere.
    ``NO_BUNDLE_PAGE``: the draft gives this report's bundle pages elsewhere, not here.
    ``BUNDLE_PAGE_NOT_CHECKED``: its pinpoint is right, but nothing in the draft checks its
    bundle page (no other citation gives one and the draft does not say where the report
    is), or it fits where the draft says the report is only if the bundle leaves out the
    report's first pages.
    ``WRONG_DATE``: a full citation dates the source to a day it was not published.
    ``WRONG_CROSS_REFERENCE``: its "(n N)" does not send the reader to an earlier note giving
    the source's full citation.
    """

    OK = "ok"
    WRONG_PINPOINT = "wrong_pinpoint"
    WRONG_SOURCE = "wrong_source"
    NO_CITATION = "no_citation"
    NO_PINPOINT = "no_pinpoint"
    NOT_CHECKED = "not_checked"
    WRONG_BUNDLE_PAGE = "wrong_bundle_page"
    NO_BUNDLE_PAGE = "no_bundle_page"
    BUNDLE_PAGE_NOT_CHECKED = "bundle_page_not_checked"
    WRONG_DATE = "wrong_date"
    WRONG_CROSS_REFERENCE = "wrong_cross_reference"

    @property
    def said(self) -> str:
        """The check in words, as a report for people prints it (``wrong bundle page``)."""
        return self.value.replace("_", " ")


#: Citation checks that fail the audit.
FAILING_CITATIONS = frozenset(
    {
        CitationCheck.WRONG_PINPOINT,
        CitationCheck.WRONG_SOURCE,
        CitationCheck.NO_CITATION,
        CitationCheck.WRONG_BUNDLE_PAGE,
        CitationCheck.NO_BUNDLE_PAGE,
        CitationCheck.WRONG_DATE,
        CitationCheck.WRONG_CROSS_REFERENCE,
    }
)


class SourceNames:
    """Finds the sources a citation names, by title or short name, and a judgment by its
    neutral and law report citations, whose numbers are not its pinpoint (typography
    ignored)."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        names: list[tuple[str, str]] = []
        for source in sources.values():
            for name in (source.title, source.short_name, source.citation, source.law_report):
                if name and len(name) > 3:
                    names.append((normalise(name).casefold(), source.id))
        # The longest first, so a title is not read as the shorter name inside it.
        self.names = sorted(names, key=lambda pair: -len(pair[0]))
        self.titles = {normalise(s.title).casefold() for s in sources.values() if s.title}
        # Exhibit marks (ab1 → the source ids it may be): whole words only, so AB1 is not
        # read in AB10.
        self.marks: dict[str, tuple[str, ...]] = {}

    def add_exhibits(self, document: DocText) -> None:
        """Learn the exhibit marks a witness statement gives: a sentence that says a source
        is ``marked ‘AB1’`` and names it by title or short name (or, naming none, its
        paragraph). Marks go to the sources named: to the one, or in order to as many
        ("… 2014 report, marked ‘JS1’, and … 2025 report, marked ‘JS2’"). Otherwise which
        is which is not said, and each mark may be any of them: a citation by it is not
        failed for naming the wrong one on a guess."""
        for paragraph in document.paragraphs:
            for sentence in _sentences(paragraph.text):
                marks = [m for given in _MARKED.finditer(sentence) for m in _MARK.findall(given[0])]
                named = self.named(sentence)[0] or self.named(paragraph.text)[0]
                if not marks or not named:
                    continue
                each: list[tuple[str, ...]] = (
                    [(source,) for source in named]
                    if len(named) == len(marks)
                    else [tuple(named)] * len(marks)
                )
                for mark, sources in zip(marks, each, strict=True):
                    self.marks.setdefault(mark.casefold(), sources)

    def is_title(self, text: str) -> bool:
        """Whether ``text`` is the whole title of a source (quoted in a citation)."""
        return normalise(text).casefold() in self.titles

    def is_mark(self, text: str) -> bool:
        """Whether ``text`` is an exhibit mark the draft gives a source (``AB1``)."""
        return text.strip().casefold() in self.marks

    def unknown_mark(self, cited: str) -> str | None:
        """The exhibit mark a citation opens with (``JS2`` of "JS2 p 12") where the draft, a
        witness statement, gives marks of those initials (``JS1``) but not this one; else
        ``None`` (other initials, "S20", are not taken for a mark)."""
        opening = _OPENING_MARK.match(cited)
        if opening is None or opening.group(1).casefold() in self.marks:
            return None
        initials = opening.group(2).casefold()
        return (
            opening.group(1)
            if any(m.rstrip("0123456789") == initials for m in self.marks)
            else None
        )

    def named(self, text: str) -> tuple[list[str], str]:
        """The sources ``text`` names, in order of appearance, and the text less the names."""
        rest = normalise(text).casefold()
        found: list[tuple[int, str]] = []
        for name, source_id in self.names:
            at = rest.find(name)
            while at != -1:
                end = at + len(name)
                # Whole words only: a judgment's short name 'Re B' is not in 'care bundle'.
                beside = rest[at - 1 : at] + rest[end : end + 1]
                if not any(c.isalnum() for c in beside):
                    found.append((at, source_id))
                    rest = rest[:at] + " " * len(name) + rest[end:]
                at = rest.find(name, end)
        for mark, source_ids in self.marks.items():
            for match in re.finditer(rf"\b{re.escape(mark)}\b", rest):
                found.extend((match.start(), source_id) for source_id in source_ids)
        return list(dict.fromkeys(s for _, s in sorted(found))), rest


# "marked ‘AB1’" (any quotation marks): how a witness statement gives a document its mark,
# or several: "marked ‘JS1’ and ‘JS2’", "marked ‘JS1’, ‘JS2’ and ‘JS3’".
_MARK = re.compile(r"[‘'\"“]([A-Z]{1,4}\d+)[’'\"”]")
_MARKED = re.compile(rf"\bmarked\s+{_MARK.pattern}(?:(?:\s*,\s*|\s+and\s+){_MARK.pattern})*")
# An exhibit mark opening a citation: "JS2 p 12, para 20".
_OPENING_MARK = re.compile(r"\s*(([A-Z]{1,4})\d+)\b")
# A full citation's date, closing the bracket after the title: "(Ofsted, 7 April 2017)".
_CITED_DATE = re.compile(r"\((?:[^()]*,\s*)?(\d{1,2} [a-z]+ \d{4})\s*\)", re.IGNORECASE)
# A bundle page or range as practitioners write one: [F14], [F13–14], [F13–F14], [F13-14],
# [F13]–[F14] (read case-blind: names are folded). Groups: section, first page, last page.
BUNDLE_PAGE = re.compile(
    r"\[([a-z]{1,3}) ?(\d+)(?:\]?\s*[-–]\s*\[?(?:\1 ?)?(\d+))?\]", re.IGNORECASE
)
# Where the draft says where a report is, a bundle page may also be written bare, but only
# where it is plainly one: a capital and a number after "at" or a tab, "at F1–F30" (groups
# 4-6). In running text "p14" or "S20" would be read as pages, so nowhere else.
_PLACED_PAGE = re.compile(
    f"(?i:{BUNDLE_PAGE.pattern})"
    + r"|(?:(?<=\b[Aa]t )|(?<=\t))([A-Z]{1,3})(\d+)(?:\s*[-–]\s*\4?(\d+))?\b"
)


@dataclass(frozen=True, slots=True)
class BundleCitation:
    """The bundle pages one citation gives a report, to compare with the draft's others.

    ``cited``: its bundle pages as written (``[F14]``; empty where it gives none);
    ``offsets``: each (section, bundle page less report page) that puts every page it gives
    on the words' report ``pages``; ``where``: the citation in the draft (``footnote 4``);
    ``repeats``: for a bare ``ibid.``, the note whose bundle pages it carries without
    printing them (``footnote 3``): it is judged by where the others file the report, but
    has no vote, as that note has one already; ``bundle_pages``: each (section, page) it gives.
    """

    source_id: str
    cited: str
    offsets: frozenset[tuple[str, int]]
    pages: tuple[int, ...]
    where: str
    repeats: str | None = None
    bundle_pages: frozenset[tuple[str, int]] = frozenset()


def cited_bundle(
    citation: str,
    source: Source,
    passage: Passage | None,
    location: Location | None,
    where: str,
    repeats: str | None = None,
) -> BundleCitation | None:
    """The bundle pages a citation whose pinpoint is right gives ``source``: ``None`` where
    it gives some but the words' pages are unknown (nothing to compare). Every page of a
    bundle range must hold the words: a range one page off shares a page with the right one."""
    refs = BUNDLE_PAGE.findall(_segment_for(citation, source))
    pin = _pinned(passage, location)
    pages = sorted(set(pages_of(pin) if pin else ()) | set(pages_of(passage) if passage else ()))
    if refs and not pages:
        return None
    offsets = frozenset(
        (section.upper(), offset)
        for section, first, last in refs
        for offset in {int(first) - page for page in pages}
        if all(b - offset in pages for b in range(int(first), int(last or first) + 1))
    )
    # As a bundle page is written: the segment was read folded ("[f13-14]").
    cited = " ".join(f"[{s.upper()}{first}{'–' + last if last else ''}]" for s, first, last in refs)
    given = frozenset(
        (section.upper(), page)
        for section, first, last in refs
        for page in range(int(first), max(int(first), int(last or first)) + 1)
    )
    return BundleCitation(source.id, cited, offsets, tuple(pages), where, repeats, given)


@dataclass(frozen=True, slots=True)
class BundleStatement:
    """Where the draft says a report is in the bundle, apart from its citations: its line in
    the essential reading or the reports relied on (‘Ofsted 2017 report: Ofsted’s report
    published 7 April 2017 [F1]’), or a witness's ‘It is in the bundle at [F1]’. The first
    page of the report filed is bundle page ``section`` ``first``; ``where`` names the
    paragraph saying so (``para 2``)."""

    source_id: str
    section: str
    first: int
    where: str

    def __str__(self) -> str:
        return f"[{self.section}{self.first}] ({self.where})"

    def allows(self, citation: BundleCitation, offset: tuple[str, int]) -> bool:
        """Whether a citation filing the report at ``offset`` (bundle page less report
        page) fits: its section, its first page filed here (page 1, or a later one where
        the bundle leaves out the cover), and no page cited before it."""
        section, shift = offset
        return (
            section == self.section
            and shift <= self.first - 1
            and all(page >= self.first for s, page in citation.bundle_pages if s == section)
        )


def bundle_statements(
    document: DocText, names: SourceNames, sources: Iterable[Source]
) -> list[BundleStatement]:
    """Where the draft says, outside its citations, that reports are in the bundle: a bundle
    page or range (its first page the report's), not in brackets or a quotation, closing a
    clause (from a sentence's start, a semicolon or another bundle page) that names one
    source and says nothing else but where it is (``_only_placing``: ‘Ofsted 2017 report
    [F1–30]’, ‘The Ofsted 2017 report is at F1’); or the only such bundle page of a
    paragraph naming one source before it, in a clause about the bundle (‘… marked ‘AB1’.
    It is in the bundle at [F1].’), not any that follows one (‘… found X. See [F8].’).
    A sentence saying what a report found (‘The Ofsted 2017 report found … [F8].’) cites
    it, and is not read as where it is. A source is named by its names, or is the one of
    ``sources`` (those the draft cites) a clause naming none describes by its author and
    kind, dates or authority (‘Ofsted’s report of 7 April 2017 [F1]’, the case file's words
    for the essential reading; ‘the Ofsted report [F1–30]’: ``_described``)."""
    sources = list(sources)
    statements = []
    for paragraph in _lines(document):
        text = _outside_citations(paragraph.text, names)
        pages = list(_PLACED_PAGE.finditer(text))
        start = 0
        for page in pages:
            clause = text[_clause_start(text, start, page.start()) : page.start()]
            named = _stated_sources(clause, names, sources)
            if not named and len(pages) == 1 and "bundle" in clause.casefold():
                named = _stated_sources(text[: page.start()], names, sources)
            # The rest of its sentence (its other bundle pages aside) must say nothing more:
            # ‘… [F8] and the 2019 report [F40] both found …’ is a citation.
            rest = _PLACED_PAGE.sub(" ", text[page.end() : _clause_end(text, page.end())])
            if len(named) == 1 and _only_placing(clause + " " + rest, names, sources):
                section = (page.group(1) or page.group(4)).upper()
                first = int(page.group(2) or page.group(5))
                where = paragraph_place(paragraph)
                statements.append(BundleStatement(named[0], section, first, where))
            start = page.end()
    return statements


def _lines(document: DocText) -> Iterator[DocParagraph]:
    """The body's paragraphs, not block quotations, and each table row as one line, its
    cells apart as by tabs (a document's name in one, its bundle pages in another)."""
    for row, paragraphs in groupby(document.paragraphs, key=lambda p: p.row):
        if row is not None:
            cells = list(paragraphs)
            yield replace(cells[0], text="\t".join(cell.text for cell in cells))
        else:
            yield from (p for p in paragraphs if p.location == "body" and not p.block_quote)


# The words a line saying where a report is in the bundle may hold besides the report's
# names, author and date: any other ("found", "para") makes it say something else.
_PLACING_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "appears",
        "are",
        "at",
        "begins",
        "bundle",
        "copy",
        "court",
        "dated",
        "document",
        "documents",
        "essential",
        "exhibit",
        "exhibited",
        "filed",
        "from",
        "full",
        "i",
        "in",
        "inspection",
        "is",
        "it",
        "its",
        "marked",
        "of",
        "on",
        "page",
        "pages",
        "pre",
        "published",
        "read",
        "reading",
        "refer",
        "relied",
        "report",
        "reports",
        "starts",
        "tab",
        "the",
        "to",
        "whole",
    }
)


def _only_placing(clause: str, names: SourceNames, sources: Iterable[Source]) -> bool:
    """Whether a clause, less the sources' names, authors, authorities and dates, says only
    where a report is: no pinpoint, no word outside ``_PLACING_WORDS`` (numbers aside)."""
    rest = names.named(clause)[1]
    rest = _FIGURE_DATE.sub(" ", _LONG_DATE.sub(" ", rest))
    if not read_pinpoint(rest).empty:
        return False
    for source in sources:
        for name in (source.author, source.authority):
            if name:
                rest = rest.replace(normalise(name).casefold(), " ")
    return all(word in _PLACING_WORDS for word in _words(_AUTHORITY_AS.sub(" ", rest)))


# How a draft names an authority's department beside its name: "Knowsley children's services".
_AUTHORITY_AS = re.compile(r"\b(?:children's services|local authority)\b")


def _words(folded: str) -> list[str]:
    """A folded text's words, a possessive's "s" aside."""
    return re.findall(r"[^\W\d_]+", folded.replace("'s", " "))


def _clause_end(text: str, start: int) -> int:
    """Where the clause holding a bundle page ends: after ``start``, the first semicolon or
    sentence end."""
    ends = [m.start() + 1 for m in SENTENCE_END.finditer(text, start)]
    semicolon = text.find(";", start)
    return min([len(text), *ends[:1], *([semicolon] if semicolon != -1 else [])])


#: A sentence ending: its full stop (or ? !), a closing mark, and the next one's start.
SENTENCE_END = re.compile(r"[.!?][’”'\"]?\s+[A-Z‘“'\"]")


def _sentences(text: str) -> list[str]:
    """``text`` cut after each full stop (or ? !) that ends a sentence."""
    cuts = [0, *(end.start() + 1 for end in SENTENCE_END.finditer(text)), len(text)]
    return [text[start:stop] for start, stop in pairwise(cuts)]


_MONTHS = [month.casefold() for month in MONTHS]
# A date as the draft writes one (read folded), read past as no pinpoint: "7 april 2017".
_LONG_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})\s+(\d{{4}})\b")


def _outside_citations(text: str, names: SourceNames) -> str:
    """``text`` with its quotations blanked (but a source's title or exhibit mark, which a
    statement names it by) and every bracket holding a bundle page (a citation's)."""
    quotations = [
        q for q in find_quotations(text) if not (names.is_title(q.text) or names.is_mark(q.text))
    ]
    text = _blank_quotations(text, quotations)
    citing = (m.span() for m in _BRACKETED.finditer(text) if BUNDLE_PAGE.search(m.group(1)))
    return _blanked(text, citing)


def _clause_start(text: str, start: int, end: int) -> int:
    """Where the clause ending at ``end`` starts: after ``start``, the last semicolon or
    sentence end before it."""
    ends = [m.end() - 1 for m in SENTENCE_END.finditer(text, start, end)]
    return max([start, text.rfind(";", start, end) + 1, *ends])


def _stated_sources(clause: str, names: SourceNames, sources: Iterable[Source]) -> list[str]:
    """The sources a clause names: by name, else the one report of ``sources`` (those the
    draft cites) that its description fits (``_described``)."""
    named, _ = names.named(clause)
    return named or _described(clause, list(sources))


# A word saying what kind of document a description is of: "the Ofsted report".
_KINDS = frozenset({"report", "inspection", "letter"})


def _described(clause: str, sources: Sequence[Source]) -> list[str]:
    """The one cited report a clause naming none describes, never a guess: every clue it
    gives must fit the report, and no other cited report may fit them all. The clues: its
    author with a word of its kind ("the Ofsted report"), a date it was published or
    inspected ("20.01.2025", "7 April 2017"), and its authority by the name its source
    records ("Knowsley"; another form of it names none). An author named without its kind
    narrows but does not name; nothing given, nothing described."""
    folded = normalise(clause).casefold()
    days = _days(folded)
    authorities = {s.authority for s in sources if s.authority and _holds(folded, s.authority)}
    authors = {s.author for s in sources if s.author and _holds(folded, s.author)}
    of_a_kind = bool(_KINDS & set(_words(folded)))
    if not (days or authorities or (authors and of_a_kind)):
        return []
    fitting = [
        source.id
        for source in sources
        if (not days or days & _report_days(source))
        and (not authorities or source.authority in authorities)
        and (not authors or source.author in authors)
    ]
    return fitting if len(fitting) == 1 else []


def _holds(folded: str, name: str) -> bool:
    """Whether folded text holds ``name`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(normalise(name).casefold())}(?!\w)", folded) is not None


def _report_days(source: Source) -> set[date]:
    """The days a report's date may be given by: published, or the inspection's first or last."""
    return {d for d in (source.published, source.inspection_start, source.inspection_end) if d}


# A date in figures as a draft or a table writes one: 20.01.2025, 20/01/2025, 2025-01-20.
_FIGURE_DATE = re.compile(r"\b(?:(\d{1,2})[./](\d{1,2})[./](\d{4})|(\d{4})-(\d{2})-(\d{2}))\b")


def _days(folded: str) -> set[date]:
    """The days a folded text gives, in words or in figures (day first); none that is no day."""
    given = [
        (int(d), int(m), int(y)) if y else (int(dd), int(mm), int(yy))
        for d, m, y, yy, mm, dd in _FIGURE_DATE.findall(folded)
    ]
    given += [
        (int(day), _MONTHS.index(month) + 1, int(year))
        for day, month, year in _LONG_DATE.findall(folded)
    ]
    days = set()
    for day, month, year in given:
        try:
            days.add(date(year, month, day))
        except ValueError:
            continue
    return days


def bundle_checks(
    citations: Sequence[BundleCitation], statements: Sequence[BundleStatement] = ()
) -> dict[BundleCitation, tuple[CitationCheck, str]]:
    """The citations whose bundle pages are wrong or could not be checked, each with its
    check and why; whatever order the draft gives them in, the same ones.

    A report is filed whole, so the bundle page less the report page is the same for every
    page of it. Where the draft says where the report is (``statements``), a citation must
    fit that: its section, the report's page 1 on the page stated, or a later page where the
    bundle leaves out the first ones (``first_report_page`` in a case file), which fits
    only if the bundle does, so is said not checked; two statements placing it apart fail
    every citation. Then the offset most of a report's citations allow is where it is
    filed, and a citation allowing another is the odd one out. Where two offsets are
    allowed equally often, no citation is taken as right over another: each that does not
    allow both is said to conflict, naming them all. A report's only citation printing
    bundle pages, where the draft does not say where the report is, is not checked. Once a
    draft gives a report's bundle pages, every citation of it must.
    """
    checks: dict[BundleCitation, tuple[CitationCheck, str]] = {}
    for source_id in dict.fromkeys(c.source_id for c in citations):
        group = [c for c in citations if c.source_id == source_id]
        given = [c for c in group if c.cited]
        if not given:
            continue
        for citation in group:
            if not citation.cited:
                why = "no bundle page, where other citations of this report give one"
                checks[citation] = (CitationCheck.NO_BUNDLE_PAGE, why)
        stated: dict[tuple[str, int], BundleStatement] = {}
        for statement in statements:  # each place once, named by the first saying it
            if statement.source_id == source_id:
                stated.setdefault((statement.section, statement.first), statement)
        if len(stated) > 1:
            places = " and at ".join(str(s) for s in stated.values())
            why = (
                f"the draft places this report at {places}: correct the one that is wrong, "
                "then check this citation's bundle page against it"
            )
            checks |= {c: (CitationCheck.WRONG_BUNDLE_PAGE, _repeating(c) + why) for c in given}
        elif stated:
            checks |= _against_statement(given, next(iter(stated.values())))
        else:
            checks |= _odd_bundle_pages(given)[0]
            if sum(c.repeats is None for c in given) == 1:
                why = (
                    "its bundle page not checked: no other citation of this report gives "
                    "one, and no line of the draft that carecite reads says where in the "
                    "bundle the report is"
                )
                checks |= {
                    c: (CitationCheck.BUNDLE_PAGE_NOT_CHECKED, _repeating(c) + why)
                    for c in given
                    if c not in checks
                }
    return checks


def _against_statement(
    given: Sequence[BundleCitation], statement: BundleStatement
) -> dict[BundleCitation, tuple[CitationCheck, str]]:
    """One report's citations giving bundle pages, judged by where the draft says it is,
    then by one another (``bundle_checks``)."""
    checks: dict[BundleCitation, tuple[CitationCheck, str]] = {}
    fitting: dict[BundleCitation, BundleCitation] = {}
    for citation in given:
        allowed = frozenset(o for o in citation.offsets if statement.allows(citation, o))
        if citation.offsets and not allowed:
            checks[citation] = (
                CitationCheck.WRONG_BUNDLE_PAGE,
                (_repeating(citation) or f"it gives {citation.cited}; ")
                + f"the draft places this report at {statement}, which puts the words "
                + f"(report {_pages(citation.pages)}) on bundle page "
                + _bundle_pages(
                    statement.section, [p + statement.first - 1 for p in citation.pages]
                ),
            )
        else:
            fitting[replace(citation, offsets=allowed)] = citation
    odd, filing = _odd_bundle_pages(list(fitting))
    checks |= {fitting[c]: judged for c, judged in odd.items()}
    if filing is not None and filing[1] < statement.first - 1:
        section, shift = filing
        why = (
            f"it fits {statement}, where the draft places this report, only if the bundle "
            f"files the report from its page {statement.first - shift}, leaving out the pages "
            "before; filed from its page 1, the words are on bundle page "
        )
        for fitted, citation in fitting.items():
            if fitted not in odd:
                whole = [p + statement.first - 1 for p in citation.pages]
                checks[citation] = (
                    CitationCheck.BUNDLE_PAGE_NOT_CHECKED,
                    _repeating(citation) + why + _bundle_pages(section, whole),
                )
    return checks


def _odd_bundle_pages(
    given: Sequence[BundleCitation],
) -> tuple[dict[BundleCitation, tuple[CitationCheck, str]], tuple[str, int] | None]:
    """Of one report's citations giving bundle pages, those the most allowed offset does not
    fit (``bundle_checks``), and that offset (``None``: none, or a tie); only a citation
    printing its bundle pages votes."""
    voters = [c for c in given if c.repeats is None]
    allowed = Counter(offset for citation in voters for offset in citation.offsets)
    if not allowed:  # no printed bundle pages can all hold the words
        return {
            c: (
                CitationCheck.WRONG_BUNDLE_PAGE,
                _repeating(c)
                + f"the words are on report {_pages(c.pages)}, not on every bundle page of "
                + c.cited,
            )
            for c in given
            if not c.offsets
        }, None
    most = max(allowed.values())
    tied = sorted(offset for offset, n in allowed.items() if n == most)
    if len(tied) == 1 or len({_backing(voters, offset) for offset in tied}) == 1:
        section, offset = tied[0]
        return {
            c: (
                CitationCheck.WRONG_BUNDLE_PAGE,
                (_repeating(c) or f"it gives {c.cited}; ")
                + "the words are on bundle page "
                + _bundle_pages(section, [page + offset for page in c.pages])
                + f", as {most} of the draft's {len(voters)} citations printing this report's "
                "bundle pages place it",
            )
            for c in given
            if tied[0] not in c.offsets
        }, tied[0]
    odd = [c for c in given if not all(offset in c.offsets for offset in tied)]
    why = (
        "the draft's citations of this report place it at different bundle pages, none more "
        f"often than another: {_readings([c for c in odd if c.repeats is None], tied)}; "
        "check each against the bundle"
    )
    return {c: (CitationCheck.WRONG_BUNDLE_PAGE, _repeating(c) + why) for c in odd}, None


def _backing(voters: Sequence[BundleCitation], offset: tuple[str, int]) -> frozenset[str]:
    return frozenset(c.where for c in voters if offset in c.offsets)


def _repeating(citation: BundleCitation) -> str:
    """What a bare ``ibid.`` is judged by: the bundle pages of the note it repeats."""
    if citation.repeats is None:
        return ""
    return f"ibid. of {citation.repeats}, which gives {citation.cited}; "


def _readings(odd: Sequence[BundleCitation], tied: Sequence[tuple[str, int]]) -> str:
    """The conflicting citations grouped by where each files the report: 'footnote 1 [F22]
    and footnote 5 [F22] put its page 1 at F1; footnote 3 [F21] puts it at F0; …'."""
    groups: dict[tuple[str, int] | None, list[BundleCitation]] = {}
    for citation in odd:
        reading = next((offset for offset in tied if offset in citation.offsets), None)
        groups.setdefault(reading, []).append(citation)
    said = []
    for reading, citations in groups.items():
        notes = [f"{c.where} {c.cited}" for c in citations]
        one = len(notes) == 1
        joined = notes[0] if one else ", ".join(notes[:-1]) + " and " + notes[-1]
        if reading is None:
            said.append(f"{joined} {'fits' if one else 'fit'} none of these")
        else:
            section, offset = reading
            put = "puts" if one else "put"
            said.append(f"{joined} {put} the report's page 1 at {section}{offset + 1}")
    return "; ".join(said)


def _bundle_pages(section: str, pages: Sequence[int]) -> str:
    """Bundle pages as a draft writes them: runs as ranges ('F28–29', 'F4, F6')."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{section}{run[0]}" + (f"–{run[-1]}" if len(run) > 1 else "") for run in runs)


def _pages(pages: Sequence[int]) -> str:
    return f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"


def paragraph_place(paragraph: DocParagraph) -> str:
    """Where a paragraph is in the draft, as the cite-check names it: ``para 12``, or the
    footnote, table or comment it is in."""
    if paragraph.location != "body":
        return paragraph.location
    return f"para {paragraph.number}" if paragraph.number is not None else "the opening"


_IBID = re.compile(r"^\s*ibid\b", re.IGNORECASE)


@dataclass
class NoteSources:
    """The sources each footnote cites, ``ibid`` resolved to the previous note's."""

    document: DocText
    names: SourceNames
    by_note: dict[int, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        previous: list[str] = []
        for number in sorted(self.document.footnotes):
            text = self.document.footnotes[number]
            named, _ = self.names.named(text)
            if not named and _IBID.match(text):
                named = previous
            self.by_note[number] = named
            if named:
                previous = named

    def named(self, citation: str | None, note: int | None, previous: list[str]) -> list[str]:
        """The sources a citation names: a note's as resolved, or those a bracket names (a
        bracketed ``ibid``: ``previous``, the sources of the citation before it)."""
        if note is not None:
            return self.by_note.get(note, [])
        if citation is None:
            return []
        named = self.names.named(citation)[0]
        return named if named or not _IBID.match(citation) else previous

    def cited_sources(self) -> list[str]:
        """Every source the draft's notes name, in order of first citation."""
        return list(dict.fromkeys(s for named in self.by_note.values() for s in named))


_BARE_IBID = re.compile(r"^\s*ibid\.?\s*$", re.IGNORECASE)


def printing_note(document: DocText, number: int) -> int:
    """The footnote that prints note ``number``'s citation: itself, or for a bare ``ibid``
    (the same source and pinpoint as the note before) the note before's, back to the note
    that gave them."""
    while _BARE_IBID.match(document.footnotes.get(number, "")) and number - 1 in document.footnotes:
        number -= 1
    return number


def _note_citation(document: DocText, number: int) -> str:
    """A footnote's citation, as the note printing it gives it (``printing_note``)."""
    return document.footnotes.get(printing_note(document, number), "").strip()


_BRACKETED = re.compile(r"\(((?:[^()]|\([^()]*\))+)\)")


def report_sections(document: DocText, names: SourceNames) -> frozenset[str]:
    """The bundle sections the draft files the sources it cites in: the section letters of
    the bundle pages its citations give a source held (F, from ‘Ofsted 2017 report para 23
    [F14]’). A bundle page in another section cites the case papers."""
    citations = list(document.footnotes.values())
    for paragraph in document.paragraphs:
        citations += [cited for _, cited in bracketed_citations(paragraph.text, names)]
    return frozenset(
        section.upper()
        for citation in citations
        for segment in citation.split(";")
        if names.named(segment)[0]
        for section, _, _ in BUNDLE_PAGE.findall(segment)
    )


def _blank_quotations(text: str, quotations: Iterable[QuotedSpan]) -> str:
    """``text`` with the words of ``quotations`` turned to spaces, every offset kept: a
    bracket inside a quotation is quoted words, not a citation."""
    return _blanked(text, ((quotation.start, quotation.end) for quotation in quotations))


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span turned to spaces, every offset kept."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def bracketed_citations(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """The bracketed citations of running text, outside its quotations: each one's offset
    (where its bracket opens) and the words inside."""
    blanked = _blank_quotations(text, find_quotations(text))
    return [
        (match.start(), text[match.start(1) : match.end(1)])
        for match in _BRACKETED.finditer(blanked)
        if reads_as_citation(match.group(1), names)
    ]


def reads_as_citation(bracketed: str, names: SourceNames) -> bool:
    """Whether the words inside a bracket are a citation: they name a source held, are an
    ``ibid``, or open with an exhibit mark in a statement that gives marks (one it does not
    give is a citation of no source, said so). Any other bracket ("(paragraphs 40, 41, 64)",
    a report's cross-reference) is text, and inside a quotation it is quoted words to check."""
    return bool(
        names.named(bracketed)[0] or _IBID.match(bracketed) or names.unknown_mark(bracketed)
    )


def citation_after(
    paragraph: DocParagraph,
    span: QuotedSpan,
    document: DocText,
    names: SourceNames,
) -> tuple[str | None, int | None, int | None]:
    """The citation of a quotation: the first footnote marked after it in its paragraph (for
    a block quotation, anywhere in it) or the first bracketed text after it that names a
    source or is an ``ibid``, whichever comes first. Returns ``(text, note number, offset)``,
    the offset where the citation stands in the paragraph (``None`` where there is none, or
    in a footnote whose own words are the citation)."""
    text = paragraph.text
    after = 0 if paragraph.block_quote else span.end
    note = next(((at, n) for at, n in paragraph.notes if at >= after), None)
    # Other quotations' words are blanked so a bracket inside one is not read as a citation.
    later = [other for other in find_quotations(text) if other.start >= span.end]
    blanked = _blank_quotations(text, later)
    for match in _BRACKETED.finditer(blanked, span.end if not paragraph.block_quote else 0):
        inside = match.group(1)
        if note is not None and match.start() > note[0]:
            break
        if reads_as_citation(inside, names):
            return text[match.start(1) : match.end(1)], None, match.start()
    if note is not None:
        return _note_citation(document, note[1]), note[1], note[0]
    if paragraph.location.startswith("footnote"):
        # In a footnote the note is the citation: what it says beside the quotation.
        rest = (text[: span.start] + " " + text[span.end :]).strip(" :;,.")
        return (rest or None), None, None
    return None, None, None


def check_citation(
    citation: str | None,
    named: Sequence[str],
    source: Source,
    passage: Passage | None,
    location: Location | None,
    *,
    unknown_mark: str | None = None,
) -> tuple[CitationCheck, str]:
    """Whether a citation names the words' source and a pinpoint they are on (its bundle
    pages are compared with the draft's others once all are read: ``bundle_checks``).

    Args:
        citation: the citation read after the quotation (``None``: there was none).
        named: the sources it names (an ``ibid`` resolved to the note before's).
        source: the source the words were found in.
        passage: the bank passage holding them, if any.
        location: where the report places them, if it was read.
        unknown_mark: the exhibit mark it opens with, where the statement gives none such
            (``SourceNames.unknown_mark``).

    Returns:
        The check and, unless it is ``OK``, why in words.
    """
    if citation is None:
        return CitationCheck.NO_CITATION, "no footnote or bracketed citation after the quotation"
    if not named:
        return CitationCheck.NO_CITATION, _names_nothing(citation, unknown_mark)
    if source.id not in named:
        return CitationCheck.WRONG_SOURCE, f"the words are from {source.short_name}"
    segment = _segment_for(citation, source)
    dated = _CITED_DATE.search(segment)
    if dated and source.published and dated.group(1) != long_date(source.published).casefold():
        return (
            CitationCheck.WRONG_DATE,
            f"it gives {dated.group(1).title()}; {source.short_name} was published "
            f"{long_date(source.published)}",
        )
    cited = read_pinpoint(segment)
    if cited.empty:
        return CitationCheck.NO_PINPOINT, "the citation gives no pinpoint"
    if source.kind is SourceKind.STATUTE and passage is not None and passage.provision:
        wanted = re.findall(r"\d+[A-Z]*", passage.provision)[:1]
        if list(cited.sections[:1]) == wanted:
            return CitationCheck.OK, ""
        return CitationCheck.WRONG_PINPOINT, f"the words are in {passage.provision}"
    pin = _pinned(passage, location)
    if pin is None:
        return CitationCheck.NOT_CHECKED, ""
    paragraphs = paragraphs_of(pin)
    pages = pages_of(pin)
    if paragraphs and cited.paragraphs:
        ok = bool(cited.paragraphs & set(paragraphs))
        if cited.pages and pages:  # 'p 14, para 23': the reader turns there, so it must hold
            held = set(pages) | (set(pages_of(passage)) if passage is not None else set())
            ok = ok and bool(cited.pages & held)
    elif cited.paragraphs:
        ok = False  # a paragraph cited for unnumbered text
    else:
        ok = bool(cited.pages & set(pages))
    if not ok:
        judgment = source.kind is SourceKind.JUDGMENT
        return (
            CitationCheck.WRONG_PINPOINT,
            f"the words are at {format_pinpoint(pin, judgment=judgment)}",
        )
    return CitationCheck.OK, ""


def cross_reference_failure(
    citation: str, source: Source, before: int, footnotes: Mapping[int, str], names: SourceNames
) -> str:
    """Why the "(n N)" a citation gives ``source`` is wrong, and what to write; empty where
    it is right or there is none. It must send the reader to a note before this citation
    (numbered below ``before``) that cites ``source`` itself: not a note that does not exist
    or comes later, an ``ibid``, another "(n N)" or another source's."""
    refs = [int(n) for n in NOTE_REFERENCE.findall(_segment_for(citation, source))]
    cites = [n for n in sorted(footnotes) if n < before and _cites(footnotes[n], source, names)]
    for n in refs:
        if n in cites:
            continue
        if n not in footnotes:
            wrong = f"there is no note {n}"
        elif n >= before:
            wrong = f"note {n} does not come before this citation"
        elif _IBID.match(footnotes[n]):
            wrong = f"note {n} is an ibid"
        elif source.id in names.named(footnotes[n])[0]:
            wrong = f"note {n} refers to another note for it"
        else:
            other = "another source" if names.named(footnotes[n])[0] else "no source held"
            wrong = f"note {n} cites {other}"
        todo = (
            f"note {cites[0]} does: write (n {cites[0]})"
            if cites
            else "no note before does: cite it in full here"
        )
        return (
            f"(n {n}) must send the reader to an earlier note citing {source.short_name} in "
            f"full, but {wrong}; {todo}"
        )
    return ""


def _cites(note: str, source: Source, names: SourceNames) -> bool:
    """Whether a note cites ``source`` itself: names it in a part that is no ``ibid`` and
    refers to no other note (a first citation, in full)."""
    return any(
        not _IBID.match(part)
        and not NOTE_REFERENCE.search(part)
        and source.id in names.named(part)[0]
        for part in note.split(";")
    )


def _names_nothing(citation: str, unknown_mark: str | None) -> str:
    """Why a citation cites no source, in the words a lawyer would use to put it right."""
    if _IBID.match(citation):
        return (
            "‘ibid’ here refers to no earlier citation of a source the bank holds: give the "
            "source's full citation"
        )
    if unknown_mark is not None:
        return (
            f"{unknown_mark} is not one of this statement's exhibits: cite the words by the "
            "mark of the exhibit they are from"
        )
    return f"the citation names no source the bank holds: {citation}"


def _pinned(passage: Passage | None, location: Location | None) -> Passage | Location | None:
    """Where the words are: as the report places them, else as their passage records."""
    return location if location is not None and location.page else passage


def cited_pinpoint(citation: str | None, source: Source) -> CitedPinpoint | None:
    """The pinpoint a citation gives ``source`` (``None``: there is no citation)."""
    return None if citation is None else read_pinpoint(_segment_for(citation, source))


def _segment_for(citation: str, source: Source) -> str:
    """The part of a note citing several sources ("A para 3; B 12") that cites ``source``,
    with the source's names taken out (they hold numbers: "Ofsted 2017 report")."""
    names = SourceNames({source.id: source})
    segments = citation.split(";")
    for segment in segments:
        named, rest = names.named(segment)
        if named:
            return rest
    return names.named(segments[0])[1]
