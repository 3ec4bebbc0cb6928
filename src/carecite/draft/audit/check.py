"""Audit a finished Word draft: every quotation against its source, every citation after it.

``audit_docx`` reads the draft as its reader would with tracked changes accepted
(``docxtext``), finds every quotation in body, tables, footnotes and comments by pairing
quotation marks (``quotations``) plus every paragraph set as a block quotation, and checks
each one:

1. **The words.** The search index proposes the bank passages sharing the quotation's words
   (no scan of the whole bank); the words are then compared exactly. Where the passage's
   report is held, the report decides: ``exact``, ``altered`` (with the word diff and flags)
   or ``not_found``. A quotation in no passage is looked for in the reports of the sources
   the draft cites, then in every report held for those authorities, then in every report
   held: one found nowhere is ``not_found`` — an invented or misattributed quotation.
   Words only a secondary source stands behind are ``unchecked``.
2. **The citation after it** (its footnote, or a bracketed citation in running text; ``ibid``
   resolved to the previous note's source): it must name the quotation's source and give a
   page, paragraph or section the words are on, else ``wrong_source`` or ``wrong_pinpoint``.

A word quoted with a citation of its own (in its sentence, no longer quotation between them)
is looked for only at the place the citation gives: the bank and the reports hold any one
word somewhere, so finding it elsewhere proves nothing, and ‘good’ cited to a paragraph that
says "poor" is ``not_found``. Other short quoted phrases (a word in scare quotes, a few words
with no citation, such as ‘the Report’) are listed apart, never dropped, and every summary
says how many went unchecked (``AuditReport.not_checked``), as it says when no report PDF was
read. A quotation of any length cited by a bundle page of the case papers (‘hostile’ [C24]:
a section where the draft files none of the sources it cites) is listed apart, not checked;
so is a citation with no quotation, a paraphrase's (``UncheckedCitation``).
The result is an ``AuditReport``; ``carecite.draft.audit.report`` renders it for the partner
who signs it off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from carecite.cite.citation import format_pinpoint
from carecite.draft.audit.citations import (
    BUNDLE_PAGE,
    FAILING_CITATIONS,
    SENTENCE_END,
    BundleCitation,
    CitationCheck,
    NoteSources,
    SourceNames,
    bracketed_citations,
    bundle_checks,
    bundle_statements,
    check_citation,
    citation_after,
    cited_bundle,
    cited_pinpoint,
    cross_reference_failure,
    paragraph_place,
    printing_note,
    reads_as_citation,
    report_sections,
)
from carecite.draft.audit.docxtext import DocParagraph, DocText, read_docx
from carecite.draft.audit.quotations import (
    QuotedSpan,
    find_quotations,
    quotation_readings,
    word_count,
)
from carecite.errors import SourceError, Step, StepText
from carecite.model import Checked, Passage, Source, SourceKind, Verdict
from carecite.reports.held import held_report
from carecite.reports.ingest import SourceText, read_report
from carecite.reports.locate import (
    CAPITAL,
    PUNCTUATION,
    DiffOp,
    Location,
    changed_words,
    compare_at,
    is_marker,
    locate_quote,
    tokens,
    without_closing_mark,
)
from carecite.shorten import shorten

if TYPE_CHECKING:
    from carecite.search.index import Index

__all__ = [
    "AuditLine",
    "AuditReport",
    "CitationCheck",
    "QuotedPhrase",
    "UncheckedCitation",
    "audit_docx",
]

# A quotation of at most this many words with no citation after it is a phrase (‘the
# Report’, ‘Requires improvement’), listed but not checked; so is a single word without a
# citation of its own (``_cited_as_its_own``).
PHRASE_WORDS = 3


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One quotation of the draft and its verdict.

    Attributes:
        number: the draft's printed paragraph number (``"11"``, ``"11(a)"``) of the paragraph
            holding the quotation, or the one it falls under; ``None`` before the first.
        location: ``"body"``, ``"table"``, ``"footnote N"`` or ``"comment N"``.
        quote: the quoted words as the draft has them.
        verdict: ``exact``, ``altered``, ``not_found``, ``wrong_pinpoint`` (words right,
            citation's pinpoint wrong), ``unchecked`` (only a secondary source stands
            behind the words) or ``missing_report`` (the cited report is not held and the
            bank's passages of it do not confirm the words or the pinpoint).
        citation: what the citation after the quotation says of it.
        source_id: the source the words are from (``None`` when found nowhere).
        source_name: that source's short name.
        source_kind: ``inspection-report``, ``monitoring-letter``, ``statute``, ``commentary``.
        passage_id: the bank passage holding the words, if any.
        pinpoint: where the words are in the source (``page 13, para 20``; ``s 14``).
        cited: the citation text read after the quotation, if any.
        changes: the undeclared differences, word by word (``diff`` has them as one line).
        flags: the kinds of difference (changed number, negation, …).
        detail: anything else the reader should know, in words.
    """

    number: str | None
    location: str
    quote: str
    verdict: Verdict
    citation: CitationCheck
    source_id: str | None = None
    source_name: str | None = None
    source_kind: str | None = None
    passage_id: str | None = None
    pinpoint: str = ""
    cited: str | None = None
    changes: tuple[DiffOp, ...] = ()
    flags: tuple[str, ...] = ()
    detail: str = ""

    @property
    def failed(self) -> bool:
        """True when the words or the citation are wrong, or the words were found nowhere."""
        return self.verdict.failed or self.citation in FAILING_CITATIONS

    @property
    def fault(self) -> str | None:
        """What needs attention, in words: the words' fault (``altered``), else the
        citation's (``wrong bundle page``); ``None`` where nothing does."""
        if self.verdict.failed:
            return self.verdict.said
        return self.citation.said if self.citation in FAILING_CITATIONS else None

    @property
    def diff(self) -> str:
        """The differences as one line, ``[-source-]{+draft+}``, as ``verify`` prints them."""
        return " ".join(str(op) for op in self.changes)


@dataclass(frozen=True, slots=True)
class QuotedPhrase:
    """Quoted words listed apart from the quotations checked against the reports.

    ``kind`` is ``"phrase"`` for a word or a few words with no citation of their own (‘the
    Report’), ``"case-papers"`` for words cited by a bundle page of the case papers (‘hostile’
    [C24]; ``cited`` is the page), ``"title"`` for the title of a source the bank holds, as a
    citation quotes it, and ``"mark"`` for the exhibit mark a witness statement gives a
    source (‘AB1’). ``meaning`` says which, as every face says it.
    """

    number: str | None
    location: str
    text: str
    kind: str = "phrase"
    cited: str | None = None

    @property
    def meaning(self) -> str:
        """What these words are, and what was or was not done with them."""
        if self.kind == "case-papers":
            return f"quoted from the case papers, cited as {self.cited}: not checked"
        if self.kind == "title":
            return "the title of a cited source"
        if self.kind == "mark":
            return "a cited source's exhibit mark"
        return "no citation of its own: not checked; confirm it is not meant as a quotation"


@dataclass(frozen=True, slots=True)
class UncheckedCitation:
    """A citation of a source with no quotation checked with it: a paraphrase's (‘Ofsted
    found that most assessments were comprehensive’ with its note), or a source cited without
    its words. The draft does not say which passage a paraphrase restates, and finding one by
    its meaning would be a guess, so neither its pinpoint nor its bundle pages are checked:
    it is listed for the writer to confirm.

    ``location`` is ``"footnote N"`` for a note, else where the bracketed citation is
    (``"body"``, ``"table"``); ``cited`` the citation as printed (a bare ``ibid.`` too);
    ``sources`` the short names of the sources it cites (an ``ibid``'s resolved).
    """

    number: str | None
    location: str
    cited: str
    sources: tuple[str, ...]

    #: What every face says of each.
    meaning: ClassVar[str] = "no quotation: its pinpoint and bundle page not checked"


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every quotation of a draft with its verdict, and what else the reader must know.

    ``insertions`` and ``deletions`` count tracked changes still pending: the audit read
    the draft as if they were accepted. ``reports`` names the report files read;
    ``reports_folder`` is the folder they were looked for in (``None``: none) and
    ``reports_held`` how many files it holds.
    """

    path: str
    lines: tuple[AuditLine, ...]
    phrases: tuple[QuotedPhrase, ...] = ()
    insertions: int = 0
    deletions: int = 0
    reports: tuple[str, ...] = ()
    reports_folder: str | None = None
    reports_held: int = 0
    unchecked_citations: tuple[UncheckedCitation, ...] = ()
    #: The heading every face gives ``phrases``: true of each kind listed.
    phrases_heading: ClassVar[str] = "Quoted words listed apart, not checked against the reports"
    #: The heading every face gives ``unchecked_citations``.
    citations_heading: ClassVar[str] = "Citations of no quotation (paraphrases), not checked"

    @property
    def failed(self) -> bool:
        """True when any quotation needs attention."""
        return any(line.failed for line in self.lines)

    @property
    def attention(self) -> int:
        """How many quotations need attention."""
        return sum(line.failed for line in self.lines)

    @property
    def phrases_not_checked(self) -> int:
        """How many quoted phrases were listed, not checked (sources' titles and marks aside)."""
        return sum(phrase.kind == "phrase" for phrase in self.phrases)

    @property
    def case_papers(self) -> int:
        """How many quotations cite the case papers by bundle page (listed, not checked)."""
        return sum(phrase.kind == "case-papers" for phrase in self.phrases)

    @property
    def unread(self) -> str:
        """That no report PDF was read, and why, where quotations were checked; else empty."""
        if self.reports or not self.lines:
            return ""
        if self.reports_folder is None:
            why = "no reports folder"
        elif not self.reports_held:
            why = "the reports folder is empty"
        else:
            why = "none of the reports quoted is in the reports folder"
        return (
            f"no report PDF was read ({why}): each quotation was checked against the bank's "
            "passages only"
        )

    @property
    def not_checked(self) -> str:
        """What every summary of the audit says beside its counts, so that none reads as an
        all clear while something went unchecked: the report PDFs not read, quoted phrases,
        quotations from the case papers, bundle pages nothing in the draft could check;
        empty when nothing did."""
        said = [self.unread] if self.unread else []
        if n := self.phrases_not_checked:
            its, confirm = ("its", "it is not") if n == 1 else ("their", "none is")
            said.append(
                f"{n} quoted phrase{'s' if n != 1 else ''} not checked (no citation of {its} "
                f"own): confirm {confirm} meant as a quotation"
            )
        if n := self.case_papers:
            said.append(
                f"{n} quotation{'s' if n != 1 else ''} from the case papers (cited by bundle "
                "page) not checked"
            )
        if n := self.citation_counts()[CitationCheck.BUNDLE_PAGE_NOT_CHECKED]:
            its, confirm = ("its quotation's line", "it") if n == 1 else ("their lines", "each")
            said.append(
                f"{n} bundle page{'s' if n != 1 else ''} not checked (see {its}): confirm "
                f"{confirm} against the bundle"
            )
        if n := len(self.unchecked_citations):
            said.append(
                f"{n} citation{'s' if n != 1 else ''} of no quotation (a paraphrase's) not "
                f"checked: confirm {'its' if n == 1 else 'each one’s'} pinpoint and bundle page"
            )
        return "; ".join(said)

    def counts(self) -> dict[str, int]:
        """Quotations per verdict, every verdict named (``{"exact": 17, "altered": 1, …}``)."""
        found = {str(verdict): 0 for verdict in Verdict}
        for line in self.lines:
            found[str(line.verdict)] = found.get(str(line.verdict), 0) + 1
        return found

    def citation_counts(self) -> dict[str, int]:
        """Quotations per citation check."""
        found = {str(check): 0 for check in CitationCheck}
        for line in self.lines:
            found[str(line.citation)] += 1
        return found

    @property
    def words_said(self) -> str:
        """The quotations per verdict, in words: ``4 exact, 1 not found``."""
        return _tally(line.verdict.said for line in self.lines)

    @property
    def citations_said(self) -> str:
        """The quotations per citation check, in words: ``4 ok, 1 wrong bundle page``."""
        return _tally(line.citation.said for line in self.lines)

    @property
    def faults_said(self) -> str:
        """What the quotations needing attention need it for, each counted once, by its first
        fault (``AuditLine.fault``), so the counts add up to ``attention``: ``1 altered, 1
        no citation``."""
        return _tally(line.fault for line in self.lines if line.fault)


def _tally(said: Iterable[str]) -> str:
    """How many times each is said, in order of first saying, a noun in its number: ``4
    exact, 1 altered, 2 wrong bundle pages``."""
    counts = Counter(said)
    return ", ".join(
        f"{n} {words}{'s' if n != 1 and words.endswith(_NOUNS) else ''}"
        for words, n in counts.items()
    )


# The verdicts and citation checks (``said``) that end in a noun, which a count makes plural.
_NOUNS = ("pinpoint", "source", "citation", "page", "date", "report")


def audit_docx(
    path: str | Path, bank_dir: str | Path, reports_dir: str | Path | None
) -> AuditReport:
    """Check every quotation of a Word draft against the bank and the reports.

    Args:
        path: the finished draft (.docx).
        bank_dir: the bank folder; its search index is opened (and refreshed if stale).
        reports_dir: the folder of report PDFs named by the sources' ``report_file``;
            ``None`` checks against the bank alone.

    Returns:
        One ``AuditLine`` per quotation, in reading order, and the phrases listed apart.

    Raises:
        SourceError: the draft cannot be read or holds no text, or a held report cannot be read.
        BankError: the bank does not load.
    """
    from carecite.search.index import open_index

    document = read_docx(path)
    if not any(p.text.strip() for p in document.paragraphs):
        # Signed off as "0 need attention", a blank document (the wrong file) would pass.
        raise SourceError(
            "the Word document holds no text: there is nothing to cite-check",
            path=path,
            hint="give the finished draft's .docx",
        )
    index = open_index(bank_dir)
    try:
        sources = index.sources(index.source_ids())
        names = SourceNames(sources)
        names.add_exhibits(document)
        notes = NoteSources(document, names)
        folder = Path(reports_dir) if reports_dir else None
        checker = _Checker(index, sources, folder, notes.cited_sources())
        reader = _ParagraphAudit(document, notes, checker, report_sections(document, names))
        for paragraph in document.paragraphs:
            if paragraph.text.strip():
                reader.read(paragraph)
    finally:
        index.close()
    return AuditReport(
        str(path),
        tuple(reader.audit_lines()),
        tuple(reader.phrases),
        document.insertions,
        document.deletions,
        tuple(sorted(checker.read)),
        None if folder is None else str(folder),
        0 if folder is None else _files_in(folder),
        tuple(reader.unchecked_citations()),
    )


def _files_in(folder: Path) -> int:
    """How many files a reports folder holds; a hidden one (.DS_Store) is no report."""
    return sum(f.is_file() and not f.name.startswith(".") for f in folder.iterdir())


# --- finding the quotations ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Checked:
    """A quotation's line, and the bundle pages its citation gives, to be compared with the
    whole draft's once it is read (``bundle_checks``)."""

    line: AuditLine
    bundle: BundleCitation | None = None

    def noted(self, note: str) -> _Checked:
        """The same, ``note`` added to the line's detail."""
        return replace(self, line=replace(self.line, detail=_joined(self.line.detail, note)))


@dataclass
class _ParagraphAudit:
    """Reads the draft paragraph by paragraph, keeping what was found and the last citation.

    Where a paragraph's quotation marks can be read more than one way (a plural possessive
    beside a closing mark), the best reading is checked first; if a quotation in it fails and
    another reading, with no more quotations, has every quotation found exactly, that reading
    stands, and says so.
    """

    document: DocText
    notes: NoteSources
    checker: _Checker
    sections: frozenset[str]  # the bundle sections the draft's citations file sources in
    checked: list[_Checked] = field(default_factory=list)
    phrases: list[QuotedPhrase] = field(default_factory=list)
    previous: list[str] = field(default_factory=list)  # the last citation's sources (ibid)
    # Citations no quotation used so far, with their note (``None``: a bracket), and the
    # notes a quotation used: a quotation inside a note, read later, uses its own note.
    uncited: list[tuple[int | None, UncheckedCitation]] = field(default_factory=list)
    used_notes: set[int] = field(default_factory=set)
    last_note: int = 0  # the last footnote marked in the text read so far

    def read(self, paragraph: DocParagraph) -> None:
        readings: list[tuple[QuotedSpan, ...]]
        if paragraph.block_quote:
            readings = [(_block_span(paragraph.text, self.notes.names),)]
        else:
            readings = [
                tuple(span for span in reading if span.depth == 0)
                for reading in quotation_readings(paragraph.text)
            ]
        first = self._check(paragraph, readings[0])
        chosen = first
        if any(c.line.failed for c in first[0]):
            # A reading that makes a quotation nested in the first reading a quotation of
            # its own would leave the words between them unchecked: never taken.
            for other in (r for r in readings[1:] if len(r) <= len(readings[0])):
                checked = self._check(paragraph, other)
                if all(c.line.verdict is Verdict.EXACT for c in checked[0]):
                    note = "the quotation marks also read otherwise: " + "; ".join(
                        f"‘{shorten(c.line.quote)}’" for c in first[0]
                    )
                    lines = [c.noted(note) for c in checked[0]]
                    chosen = (lines, checked[1], checked[2], checked[3])
                    break
        self.checked.extend(chosen[0])
        self.phrases.extend(chosen[1])
        self.previous = chosen[2]
        self._note_uncited(paragraph, bool(chosen[0]), chosen[3])
        if paragraph.location in ("body", "table"):
            self.last_note = max([self.last_note, *(n for _, n in paragraph.notes)])

    def _note_uncited(self, paragraph: DocParagraph, checked: bool, used: set[int]) -> None:
        """Keep this paragraph's citations that none of its quotations used (``used``: where
        each used one stands in it)."""
        if paragraph.location.startswith("footnote "):
            if checked:  # its quotation's citation is the note's own words
                self.used_notes.add(int(paragraph.location.removeprefix("footnote ")))
            return
        if paragraph.location.startswith("comment"):
            return  # a reviewer's note, not printed
        found: list[tuple[int | None, UncheckedCitation | None]] = []
        for at, note in paragraph.notes:
            if at in used:
                self.used_notes.add(note)
                continue
            printed = self.document.footnotes[printing_note(self.document, note)]
            cited = self.document.footnotes[note].strip()
            named = self.notes.by_note.get(note, [])
            found.append(
                (note, self._unchecked(paragraph, f"footnote {note}", cited, printed, named))
            )
        if not paragraph.block_quote:  # a block quotation's brackets are its words, or its citation
            for at, cited in bracketed_citations(paragraph.text, self.notes.names):
                if at not in used:
                    named = self.notes.named(cited, None, self.previous)
                    found.append(
                        (None, self._unchecked(paragraph, paragraph.location, cited, cited, named))
                    )
        self.uncited += [(note, c) for note, c in found if c is not None]

    def _unchecked(
        self,
        paragraph: DocParagraph,
        location: str,
        cited: str,
        printed: str,
        named: Sequence[str],
    ) -> UncheckedCitation | None:
        """A citation no quotation used, if it places anything (``printed``: what it says,
        a bare ``ibid.`` the note's it repeats): one giving no pinpoint or bundle page only
        names a source (‘(the Ofsted 2017 report)’, a witness defining a name)."""
        sources = [self.checker.sources[s] for s in named if s in self.checker.sources]
        pinpoints = [cited_pinpoint(printed, source) for source in sources]
        placed = BUNDLE_PAGE.search(printed) or any(p and not p.empty for p in pinpoints)
        if not sources or not placed:
            return None
        names = tuple(source.short_name for source in sources)
        return UncheckedCitation(paragraph.number, location, cited, names)

    def unchecked_citations(self) -> list[UncheckedCitation]:
        """The citations no quotation was checked with, in reading order."""
        return [c for note, c in self.uncited if note is None or note not in self.used_notes]

    def audit_lines(self) -> list[AuditLine]:
        """Every quotation's line, its citation's bundle pages checked against where the
        draft says each report is and against the whole draft's, so that which citation
        comes first decides nothing."""
        bundled = [c.bundle for c in self.checked if c.bundle is not None]
        sources = self.checker.sources
        # A line describing a report without naming it is read as one only where no other
        # source the draft cites or quotes fits the description too.
        cited = dict.fromkeys(
            [
                *(c.source_id for c in bundled),
                *self.notes.cited_sources(),
                *(c.line.source_id for c in self.checked if c.line.source_id is not None),
            ]
        )
        reports = [sources[s] for s in cited if s in sources]
        statements = bundle_statements(self.document, self.notes.names, reports)
        checks = bundle_checks(bundled, statements)
        lines = []
        for checked in self.checked:
            judged = checks.get(checked.bundle) if checked.bundle is not None else None
            if judged is None:
                lines.append(checked.line)
            else:
                check, why = judged
                if checked.line.citation is not CitationCheck.OK:  # already wrong otherwise
                    check = checked.line.citation
                detail = _joined(checked.line.detail, why)
                lines.append(replace(checked.line, citation=check, detail=detail))
        return lines

    def _check(
        self, paragraph: DocParagraph, spans: Sequence[QuotedSpan]
    ) -> tuple[list[_Checked], list[QuotedPhrase], list[str], set[int]]:
        """The spans' lines and phrases, the sources an ``ibid`` after them cites, and where
        each citation a checked quotation used stands in the paragraph."""
        lines: list[_Checked] = []
        used: set[int] = set()
        phrases: list[QuotedPhrase] = []
        previous = self.previous
        names = self.notes.names
        for span in spans:
            name = _name_kind(span.text, names)
            if name is not None:
                phrases.append(QuotedPhrase(paragraph.number, paragraph.location, span.text, name))
                continue
            citation, note, cited_at = citation_after(paragraph, span, self.document, names)
            page = _case_papers_page(paragraph.text, span, spans, cited_at, self.sections)
            if page is not None:
                phrases.append(
                    QuotedPhrase(
                        paragraph.number, paragraph.location, span.text, "case-papers", page
                    )
                )
                continue
            named = self.notes.named(citation, note, previous)
            one_word = word_count(span.text) <= 1
            cited_word = (
                one_word
                and bool(named)
                and _cited_as_its_own(paragraph.text, span, spans, cited_at)
            )
            if (one_word and not cited_word) or _is_phrase(span.text, citation):
                phrases.append(QuotedPhrase(paragraph.number, paragraph.location, span.text))
                continue
            previous = named or previous
            if cited_at is not None:
                used.add(cited_at)
            where = f"footnote {note}" if note is not None else paragraph_place(paragraph)
            printing = printing_note(self.document, note) if note is not None else note
            repeats = f"footnote {printing}" if printing != note else None
            checked = self.checker.check(
                paragraph,
                span,
                citation,
                named,
                where,
                repeats=repeats,
                at_cited_place=cited_word,
                unknown_mark=names.unknown_mark(citation) if citation else None,
            )
            before = printing if printing is not None else self._note_after(paragraph, cited_at)
            lines.append(self._cross_referenced(checked, citation, before))
        return lines, phrases, previous, used

    def _note_after(self, paragraph: DocParagraph, cited_at: int | None) -> int:
        """The number of the first footnote after a citation in ``paragraph`` (at
        ``cited_at``): a footnote's own, where the citation is its words."""
        if paragraph.location.startswith("footnote "):
            return int(paragraph.location.removeprefix("footnote "))
        marked = [n for at, n in paragraph.notes if cited_at is not None and at < cited_at]
        return max([self.last_note, *marked]) + 1

    def _cross_referenced(self, checked: _Checked, citation: str | None, before: int) -> _Checked:
        """The line, failed where its citation's "(n N)" does not send the reader to an
        earlier note citing the words' source in full (``before``: this citation's note, or
        the first after it)."""
        line = checked.line
        source = self.checker.sources.get(line.source_id or "")
        if citation is None or source is None or line.citation in _NOT_CITING:
            return checked
        names = self.notes.names
        why = cross_reference_failure(citation, source, before, self.document.footnotes, names)
        if not why:
            return checked
        failed = line.citation in FAILING_CITATIONS
        check = line.citation if failed else CitationCheck.WRONG_CROSS_REFERENCE
        return replace(
            checked, line=replace(line, citation=check, detail=_joined(line.detail, why))
        )


# A citation naming no source, or another: no cross-reference of it to check.
_NOT_CITING = frozenset({CitationCheck.NO_CITATION, CitationCheck.WRONG_SOURCE})


def _joined(*parts: str) -> StepText:
    """The parts that say something, one after another; a step among them stays a step, for
    the web to say its own way."""
    pieces = [piece for part in parts if part for piece in ("; ", part)]
    return StepText(*pieces[1:])


# A citation closing a block quotation in --citations inline: "… harm. (Ofsted 2017 report,
# p 2)" — one level of brackets inside.
_TRAILING_BRACKETS = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)[.,;]?\s*$")


def _block_span(text: str, names: SourceNames) -> QuotedSpan:
    """A block quotation's words: the paragraph, less a closing bracketed citation and
    quotation marks enclosing the whole of it. A closing bracket that is not a citation is
    the passage's own (a report's "(paragraphs 40, 41, 64)"), so its words are checked."""
    end = len(text.rstrip())
    trailing = _TRAILING_BRACKETS.search(text[:end])
    if trailing and reads_as_citation(trailing.group(1), names):
        end = trailing.start()
    body = text[:end].strip()
    whole = find_quotations(body)
    if len(whole) == 1 and whole[0].start == 0 and whole[0].end == len(body):
        body = whole[0].text
    start = text.find(body[:1]) if body else 0
    return QuotedSpan(max(start, 0), end, body, 0)


def _name_kind(text: str, names: SourceNames) -> str | None:
    """``"title"`` for a source's whole title quoted, ``"mark"`` for its exhibit mark."""
    if names.is_title(text):
        return "title"
    return "mark" if names.is_mark(text) else None


def _is_phrase(text: str, citation: str | None) -> bool:
    return word_count(text) <= PHRASE_WORDS and citation is None


# A term the draft defines, "(the ‘Report’)": what opens its bracket before the quotation.
_DEFINING = re.compile(r"\((?:the|hereafter|hereinafter|together|collectively)?\s*$", re.IGNORECASE)


def _cited_as_its_own(
    text: str, span: QuotedSpan, spans: Sequence[QuotedSpan], cited_at: int | None
) -> bool:
    """Whether the citation after a quoted word is the word's: in its sentence, with no
    quotation longer than a phrase between them, whose citation it would be. A word in
    scare quotes before another sentence's or quotation's citation (‘the Report’ found
    ‘…’[1]), or a term the draft defines (its report (the ‘Report’) …[1]), is not
    attributed to it."""
    if cited_at is None or SENTENCE_END.search(text, span.end, max(span.end, cited_at)):
        return False
    if _DEFINING.search(text, 0, span.start) and text[span.end :].lstrip().startswith(")"):
        return False
    return not any(
        span.end <= other.start < cited_at and word_count(other.text) > PHRASE_WORDS
        for other in spans
    )


def _case_papers_page(
    text: str,
    span: QuotedSpan,
    spans: Sequence[QuotedSpan],
    cited_at: int | None,
    sections: frozenset[str],
) -> str | None:
    """The bundle page (``"C23"``) citing a quotation, of any length, from the case papers: the
    first after it, before its citation, its sentence's end and the next quotation, in a
    section where the draft files none of the sources it cites (the mother ‘has not engaged’
    [C23] … (Ofsted 2017 report para 20 [F13])); ``None`` for none."""
    end = len(text) if cited_at is None else max(span.end, cited_at)
    if sentence := SENTENCE_END.search(text, span.end, end):
        end = sentence.start()
    end = min([end, *(other.start for other in spans if other.start >= span.end)])
    page = BUNDLE_PAGE.search(text, span.end, max(span.end, end))
    if page is None or page.group(1).upper() in sections:
        return None
    return re.sub(r"[\[\]]", "", page.group(0))  # "C23", "C23–C25" of "[C23]–[C25]"


# --- checking the words and the citation --------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """Where a quotation's words were found, and how they compare."""

    verdict: Verdict
    source: Source | None
    passage: Passage | None = None
    location: Location | None = None
    diff: tuple[DiffOp, ...] = ()
    flags: tuple[str, ...] = ()
    quote: str = ""
    detail: str = ""

    @classmethod
    def in_report(cls, source: Source, location: Location, quote: str, detail: str) -> _Found:
        """Words found in ``source``'s report, as ``locate_quote`` placed them."""
        return cls(
            location.match, source, None, location, location.diff, location.flags, quote, detail
        )


class _Checker:
    """Checks quotations against the bank's passages and the held reports.

    ``cited`` lists the sources the draft's notes cite: their reports are searched first for
    words in no passage. Holds the reports read so far, so each is read once per audit.
    """

    def __init__(
        self,
        index: Index,
        sources: Mapping[str, Source],
        reports_dir: Path | None,
        cited: Sequence[str],
    ) -> None:
        self.index = index
        self.cited = cited
        self.sources = sources
        self.reports_dir = reports_dir
        self.texts: dict[str, SourceText | None] = {}
        self.read: set[str] = set()

    def check(
        self,
        paragraph: DocParagraph,
        span: QuotedSpan,
        citation: str | None,
        named: Sequence[str],
        where: str,
        *,
        repeats: str | None = None,
        at_cited_place: bool = False,
        unknown_mark: str | None = None,
    ) -> _Checked:
        """One quotation's line, and its citation's bundle pages where its pinpoint is
        right; ``where``: the citation's place in the draft (``footnote 4``); ``repeats``:
        the note a bare ``ibid.`` there repeats (``BundleCitation.repeats``);
        ``at_cited_place``: a word looked for only where the citation places it
        (``_at_cited_place``); ``unknown_mark``: an exhibit mark the citation opens with that
        the statement does not give."""
        found = (
            self._at_cited_place(span.text, citation, named)
            if at_cited_place
            else self._find(span.text, citation, named)
        )
        check, why = (
            check_citation(
                citation,
                named,
                found.source,
                found.passage,
                found.location,
                unknown_mark=unknown_mark,
            )
            if found.source is not None and found.verdict is not Verdict.NOT_FOUND
            else (CitationCheck.NOT_CHECKED, "")
        )
        verdict = found.verdict
        source = found.source
        if (
            check is CitationCheck.WRONG_PINPOINT
            and verdict in (Verdict.EXACT, Verdict.ALTERED)
            and source is not None
            and self._unread(source)
        ):
            # The passage is a part of the report: the words may be at the cited place too.
            check = CitationCheck.NOT_CHECKED
            if verdict is Verdict.EXACT:
                verdict = Verdict.MISSING_REPORT
            why = StepText(
                f"the bank's passage has them at {_where(found)}, not at the place cited, "
                "which could not be checked: ",
                _to_hold(source),
            )
        elif verdict is Verdict.EXACT and check is CitationCheck.WRONG_PINPOINT:
            verdict = Verdict.WRONG_PINPOINT
        unclosed = "" if span.closed else "no closing quotation mark in the paragraph"
        bundle = (
            cited_bundle(citation, source, found.passage, found.location, where, repeats)
            if check is CitationCheck.OK and citation is not None and source is not None
            else None
        )
        line = AuditLine(
            number=paragraph.number,
            location=paragraph.location,
            quote=found.quote or span.text,
            verdict=verdict,
            citation=check,
            source_id=source.id if source else None,
            source_name=source.short_name if source else None,
            source_kind=str(source.kind) if source else None,
            passage_id=found.passage.id if found.passage else None,
            pinpoint=_where(found),
            cited=citation,
            changes=found.diff,
            flags=found.flags,
            detail=_joined(found.detail, why, unclosed),
        )
        return _Checked(line, bundle)

    # --- the words ---------------------------------------------------------------------------

    def _find(self, quote: str, citation: str | None, named: Sequence[str]) -> _Found:
        passage, diff, flags = self._passage_for(quote, citation, named)
        if passage is not None and passage.source not in named:
            # Words the cited report holds verbatim are its own, whoever else's they are.
            cited = [self.sources[s] for s in named if s in self.sources]
            also = f"found in the cited report (also in bank passage {passage.id})"
            in_cited = self._in_reports(quote, citation, cited, also)
            if in_cited is not None and in_cited.verdict is Verdict.EXACT:
                return in_cited
            unread = next((source for source in cited if self._unread(source)), None)
            if unread is not None:
                return self._elsewhere_than_unread(quote, unread, passage)
        if passage is not None:
            return self._against_passage(quote, citation, passage, diff, flags)
        searched = self._reports_to_search(named)
        return self._in_reports(
            quote, citation, searched, "in no bank passage; found in the report"
        ) or _Found(Verdict.NOT_FOUND, None, quote=quote, detail=self._nowhere(named))

    def _nowhere(self, named: Sequence[str]) -> str:
        """Where words found nowhere were looked for: the cited reports by name, where held."""
        cited = [self.sources[s] for s in named if s in self.sources]
        read = [source for source in cited if self._report(source) is not None]
        if not read:
            return "in no passage of the bank and in no report held"
        reports = " or ".join(source.short_name for source in read)
        the_reports = "the report" if len(read) == 1 else "the reports"
        return (
            f"not in {reports}, {the_reports} the citation names, nor in any passage of the "
            "bank or other report held"
        )

    def _elsewhere_than_unread(self, quote: str, cited: Source, passage: Passage) -> _Found:
        """Words in another source's passage, cited to a source whose report is not held:
        its passages are only a part of it, so the audit cannot say it lacks them."""
        other = self.sources[passage.source]
        pinpoint = format_pinpoint(passage, judgment=other.kind is SourceKind.JUDGMENT)
        detail = _joined(
            StepText(
                f"not in the bank's passages of {cited.short_name}, and its report is not "
                "held, so they could not be checked in it: ",
                _to_hold(cited),
            ),
            f"the words are also in {other.short_name}, {pinpoint} (bank passage {passage.id})",
        )
        return _Found(Verdict.MISSING_REPORT, cited, quote=quote, detail=detail)

    def _unread(self, source: Source) -> bool:
        """Whether ``source`` has a report, not held: the bank's passages are only a part of it."""
        return bool(source.report_file) and self._report(source) is None

    def _at_cited_place(self, quote: str, citation: str | None, named: Sequence[str]) -> _Found:
        """A quoted word at the place its citation gives, in the cited report where it is
        held, else in the bank's passage there; anywhere else it proves nothing, so it is
        ``not_found``, with what the cited place says."""
        cited = [self.sources[s] for s in named if s in self.sources]
        for source in cited:
            text = self._report(source)
            if text is not None:
                location = locate_quote(text, quote, cited=cited_pinpoint(citation, source))
                # Altered, one word is another word, unless only its capital or the mark
                # after it differs: then it is the word, altered, as a longer quotation is.
                the_word = location.match is Verdict.EXACT or (
                    location.match is Verdict.ALTERED and set(location.flags) <= _SAME_WORD
                )
                if the_word and _placed_as_cited(citation, named, source, None, location):
                    detail = "checked against the report at the cited place"
                    return _Found.in_report(source, location, quote, detail)
                continue
            for passage in self._passages_holding(quote, source):
                if _placed_as_cited(citation, named, source, passage, None):
                    return self._against_passage(quote, citation, passage, [], [])
        first = cited[0] if cited else None
        detail = self._absent(quote, citation, first)
        return _Found(Verdict.NOT_FOUND, first, quote=quote, detail=detail)

    def _passages_holding(self, quote: str, source: Source) -> list[Passage]:
        """The bank's passages of ``source`` holding the quoted words exactly."""
        wanted, mark = without_closing_mark(tokens(quote))
        rowids = self.index.passages_sharing_words(quote, limit=_MOST_PASSAGES_OF_A_WORD)
        held = []
        for passage in self.index.passages(rowids).values():
            if passage.source != source.id:
                continue  # another source's: not worth comparing
            words = tokens(passage.text)
            diff, _, _ = compare_at(wanted, mark, words, *_best_window(words, wanted))
            if not diff:
                held.append(passage)
        return held

    def _absent(self, quote: str, citation: str | None, source: Source | None) -> str:
        """Why a quoted word is not found: the cited place does not hold it, and what that
        place says, where the report is held; and what to do, as the word may well be a
        scare quote or a term rather than a quotation."""
        if source is None or citation is None:
            return "the citation names no source held"
        text = self._report(source)
        absent = (
            f"not in {source.short_name} at the place cited"
            if not self._unread(source)
            else f"not in the bank's passages of {source.short_name} at the place cited "
            "(its report is not held)"
        )
        pin = cited_pinpoint(citation, source)
        there = (
            [
                block.text
                for block in text.blocks
                if block.number in pin.paragraphs
                or (not pin.paragraphs and pin.pages & set(block.pages))
            ]
            if text is not None and pin is not None
            else []
        )
        if there:
            absent += f", which reads: ‘{shorten(' '.join(there), _SHOWN_CITED)}’"
        return (
            f"{absent}; if ‘{quote}’ is quoted from {source.short_name}, correct it or its "
            "pinpoint; if it is not a quotation (a scare quote or a term), take off its "
            "quotation marks"
        )

    def _passage_for(
        self, quote: str, citation: str | None, named: Sequence[str]
    ) -> tuple[Passage | None, list[DiffOp], list[str]]:
        """The bank passage the words come from, with the differences: the candidate that
        shares most of the quotation's words in order (of equals, a cited source's, and of
        those, one at the cited place: a summary may repeat a paragraph's words), if it
        shares most of them."""
        wanted, mark = without_closing_mark(tokens(quote))
        plain = [t for t in wanted if not is_marker(t)]
        if not plain:
            return None, [], []
        rowids = self.index.passages_sharing_words(quote)
        best: tuple[tuple[int, bool, bool], Passage, list[DiffOp], list[str]] | None = None
        for passage in self.index.passages(rowids).values():
            source_words = tokens(passage.text)
            diff, flags, _ = compare_at(
                wanted, mark, source_words, *_best_window(source_words, wanted)
            )
            cited = passage.source in named
            elsewhere = not cited or not _placed_as_cited(
                citation, named, self.sources[passage.source], passage, None
            )
            rank = (changed_words(diff), not cited, elsewhere)
            if best is None or rank < best[0]:
                best = (rank, passage, diff, flags)
        if best is None:
            return None, [], []
        _, passage, diff, flags = best
        if not _near_enough(plain, diff):
            return None, [], []
        return passage, diff, flags

    def _against_passage(
        self,
        quote: str,
        citation: str | None,
        passage: Passage,
        diff: list[DiffOp],
        flags: list[str],
    ) -> _Found:
        source = self.sources[passage.source]
        text = self._report(source)
        if text is not None:
            location = locate_quote(text, quote, cited=cited_pinpoint(citation, source))
            if location.match is not Verdict.NOT_FOUND:
                return _Found(
                    location.match,
                    source,
                    passage,
                    location,
                    location.diff,
                    location.flags,
                    quote,
                    "checked against the report",
                )
            return _Found(
                Verdict.NOT_FOUND,
                source,
                passage,
                quote=quote,
                detail=f"close to bank passage {passage.id}, but not in the report",
            )
        verdict = Verdict.ALTERED if diff else Verdict.EXACT
        if verdict is Verdict.EXACT and passage.checked is Checked.SECONDARY:
            verdict = Verdict.UNCHECKED
            via = self._name(passage.checked_via)
            detail = f"as quoted in {via}; not checked against {source.short_name}"
        elif source.report_file:
            detail = "checked against the bank passage; the report is not held"
        else:
            detail = f"checked against the bank's text of {source.short_name}"
        return _Found(verdict, source, passage, None, tuple(diff), tuple(flags), quote, detail)

    def _in_reports(
        self, quote: str, citation: str | None, sources: Sequence[Source], detail: str
    ) -> _Found | None:
        """The words in the first of these sources' held reports that has them exactly,
        else in the closest that is near enough to be them, altered; ``detail`` says what
        that means."""
        wanted, _ = without_closing_mark(tokens(quote))
        plain = [t for t in wanted if not is_marker(t)]
        best: _Found | None = None
        for source in sources:
            text = self._report(source)
            if text is None:
                continue
            location = locate_quote(text, quote, cited=cited_pinpoint(citation, source))
            if location.match is Verdict.NOT_FOUND or not _near_enough(plain, location.diff):
                continue
            found = _Found.in_report(source, location, quote, detail)
            if location.match is Verdict.EXACT:
                return found
            if best is None or _closeness(found) > _closeness(best):
                best = found
        return best

    def _reports_to_search(self, named: Sequence[str]) -> list[Source]:
        """Where to look for words in no passage: the cited reports, then the authorities',
        then every report held."""
        reports = [s for s in self.sources.values() if s.report_file]
        first = [self.sources[s] for s in (*named, *self.cited) if s in self.sources]
        authorities = {s.authority for s in first if s.authority}
        then = [s for s in reports if s.authority in authorities]
        ordered = {s.id: s for s in (*first, *then, *reports) if s.report_file}
        return list(ordered.values())

    def _report(self, source: Source) -> SourceText | None:
        if self.reports_dir is None or not source.report_file:
            return None
        if source.id not in self.texts:
            file = held_report(source, self.reports_dir)
            self.texts[source.id] = read_report(file) if file is not None else None
            if file is not None:
                self.read.add(source.report_file)
        return self.texts[source.id]

    def _name(self, source_id: str | None) -> str:
        source = self.sources.get(source_id or "")
        return source.short_name if source else (source_id or "a secondary source")


# The flags of a quoted word that differs from the report's only in how it is written.
_SAME_WORD = frozenset({CAPITAL, PUNCTUATION})
# A word is in many passages: enough of them are read to reach the cited source's.
_MOST_PASSAGES_OF_A_WORD = 1000
# How much of the cited place a not-found word's detail shows.
_SHOWN_CITED = 120


def _to_hold(source: Source) -> StepText:
    """How to have ``source``'s report held, so the audit reads it."""
    return StepText(f"put {source.report_file} ", Step.REPORTS_FOLDER)


def _placed_as_cited(
    citation: str | None,
    named: Sequence[str],
    source: Source,
    passage: Passage | None,
    location: Location | None,
) -> bool:
    """Whether words found in ``source`` are where the citation places them (a citation with
    no pinpoint places them anywhere in it: ``no_pinpoint`` is said of it all the same)."""
    check, _ = check_citation(citation, named, source, passage, location)
    return check is not CitationCheck.WRONG_PINPOINT


def _near_enough(plain: Sequence[str], diff: Sequence[DiffOp]) -> bool:
    """Whether a quotation of these words (``plain``, less punctuation) is the words it was
    compared with, altered, rather than words from elsewhere: most of it must be theirs (an
    invented sentence sharing a few words with a report is not found, not "altered")."""
    return changed_words(diff) <= len(plain) * 0.8


def _closeness(found: _Found) -> int:
    return -changed_words(found.diff)


def _best_window(source: list[str], wanted: list[str]) -> tuple[int, int]:
    """Where the run of the passage's words that the quotation covers starts and ends."""
    from difflib import SequenceMatcher

    keys = [t.casefold() for t in wanted]
    matcher = SequenceMatcher(None, keys, [t.casefold() for t in source], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0, len(source)
    start = max(0, blocks[0].b - blocks[0].a)
    end = min(
        len(source), blocks[-1].b + blocks[-1].size + (len(keys) - blocks[-1].a - blocks[-1].size)
    )
    return start, end


def _where(found: _Found) -> str:
    """Where the words are: as the report places them, else as the passage records."""
    judgment = found.source is not None and found.source.kind is SourceKind.JUDGMENT
    if found.location is not None and found.location.page is not None:
        return format_pinpoint(found.location, judgment=judgment)
    if found.passage is not None:
        if found.passage.provision:
            return found.passage.provision
        return format_pinpoint(found.passage, judgment=judgment)
    return ""
