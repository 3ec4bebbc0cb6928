"""Audit a finished Word draft: every quotation against the bank and the report.

``audit_docx`` finds each quotation in a .docx (text in ‘…’ or “…”, and block-quote
paragraphs whose style name contains "Quote"), matches it to the bank passage it comes
from (RapidFuzz to find the candidate, then an exact word comparison) and to the report,
and checks the citation that follows it (its footnote, or a bracketed citation) gives that
passage's pinpoint. It returns one line per quotation with its verdicts;
``AuditReport.markdown()`` renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carecite.errors import SourceError
from carecite.locate import EXACT, NOT_FOUND, compare, locate_quote, tokens
from carecite.model import Passage, Source
from carecite.sourcetext import SourceText, read_report

if TYPE_CHECKING:
    from carecite.bank import Bank

__all__ = ["AuditLine", "AuditReport", "audit_docx", "write_audit"]

_QUOTED = re.compile(r"‘([^’]{12,}?)’(?!\w)|“([^”]{12,}?)”")


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One quotation of the draft: where, what, and its verdict against bank and report."""

    paragraph: int
    quote: str
    passage_id: str | None
    bank: str
    report: str
    detail: str = ""
    citation: str = "—"


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Every quotation of a draft with its verdict."""

    path: str
    lines: tuple[AuditLine, ...]

    @property
    def failed(self) -> bool:
        """True when any quotation differs from the bank or the report."""
        return any(_line_failed(line) for line in self.lines)

    def markdown(self) -> str:
        """The cite-check report as Markdown: a summary line, then one row per quotation.

        Quotations are escaped, so the report can also be written as Word by the writer.
        """
        from carecite.draft.markdown import escape_markdown

        failing = sum(_line_failed(line) for line in self.lines)
        out = [
            f"# Quotation audit: {escape_markdown(Path(self.path).name)}",
            "",
            f"{len(self.lines)} quotations checked; {failing} need attention.",
            "",
            "| ¶ | quotation | passage | bank | report | citation | detail |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for line in self.lines:
            quote = line.quote if len(line.quote) <= 60 else line.quote[:59] + "…"
            cells = [str(line.paragraph), quote, line.passage_id or "—", line.bank, line.report]
            cells += [line.citation, line.detail]
            out.append("| " + " | ".join(escape_markdown(c) for c in cells) + " |")
        out.append("")
        return "\n".join(out)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "quotations": [
                {
                    "paragraph": x.paragraph,
                    "quote": x.quote,
                    "passage": x.passage_id,
                    "bank": x.bank,
                    "report": x.report,
                    "citation": x.citation,
                    "detail": x.detail,
                }
                for x in self.lines
            ],
        }


#: Citation verdicts that fail the audit: the note is missing or points elsewhere.
CITATION_FAILURES = ("no citation", "wrong pinpoint")


def _line_failed(line: AuditLine) -> bool:
    return (
        line.bank != EXACT
        or line.report not in (EXACT, "unchecked")
        or line.citation in CITATION_FAILURES
    )


def write_audit(report: AuditReport, target: str | Path, *, force: bool = False) -> Path:
    """Write the cite-check report: Word for a ``.docx`` target, Markdown otherwise.

    Never replaces an existing file without ``force`` (``OutputExistsError``).
    """
    from carecite.draft.docx import DocumentProperties, write_docx
    from carecite.output import write_text_atomic

    if Path(target).suffix.lower() == ".docx":
        title = f"Quotation audit: {Path(report.path).name}"
        return write_docx(
            report.markdown(), target, force=force, properties=DocumentProperties(title=title)
        )
    return write_text_atomic(target, report.markdown(), force=force)


@dataclass(frozen=True, slots=True)
class _Quotation:
    """A quotation found in the draft, and the citation that follows it (or ``None``)."""

    paragraph: int
    text: str
    citation: str | None


def _quotations(path: Path) -> list[_Quotation]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a bad file
        raise SourceError(
            f"cannot read the Word document ({error})",
            path=path,
            hint="give a .docx saved by Word or carecite draft",
        ) from None
    notes = _footnote_texts(document)
    found: list[_Quotation] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text, marks = _text_and_note_marks(paragraph._p)
        if not text.strip():
            continue
        # A document with no default paragraph style gives an unstyled paragraph no style.
        style = paragraph.style
        if style is not None and "quote" in (style.name or "").casefold():
            quote, citation = text.strip(), _citation_after(text, 0, marks, notes, whole=True)
            if not marks and (trailing := _TRAILING_CITATION.search(quote)):
                # --citations inline ends a block quotation with its citation in brackets.
                quote, citation = quote[: trailing.start()].rstrip(), trailing.group(1)
            found.append(_Quotation(number, quote, citation))
            continue
        for match in _QUOTED.finditer(text):
            citation = _citation_after(text, match.end(), marks, notes)
            found.append(_Quotation(number, (match.group(1) or match.group(2)).strip(), citation))
    return found


def _footnote_texts(document: Any) -> dict[str, str]:
    """Each footnote's text by its ``w:id`` (python-docx has no footnotes API)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return {}
    root = parse_xml(part.blob)
    return {
        str(note.get(qn("w:id"))): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
        for note in root.iter(qn("w:footnote"))
    }


def _text_and_note_marks(p: Any) -> tuple[str, list[tuple[int, str]]]:
    """A paragraph's text, and where in it each footnote mark stands: (offset, note id)."""
    from docx.oxml.ns import qn

    pieces: list[str] = []
    marks: list[tuple[int, str]] = []
    length = 0
    for element in p.iter(qn("w:t"), qn("w:tab"), qn("w:footnoteReference")):
        if element.tag == qn("w:footnoteReference"):
            marks.append((length, str(element.get(qn("w:id")))))
            continue
        piece = "\t" if element.tag == qn("w:tab") else (element.text or "")
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), marks


# A citation in brackets (one level of brackets inside): "(Ofsted 2017 report, p 2)".
_BRACKETED = re.compile(r"\(((?:[^()]|\([^()]*\))+)\)")
_TRAILING_CITATION = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)[.,;]?$")
# Quoted words, skipped when looking for the citation after a quotation.
_ANY_QUOTE = re.compile(r"‘[^’]*’(?!\w)|“[^”]*”")


def _citation_after(
    text: str,
    end: int,
    marks: list[tuple[int, str]],
    notes: dict[str, str],
    *,
    whole: bool = False,
) -> str | None:
    """The citation of a quotation ending at ``end``: the first note marked after it (in the
    same paragraph; for a block quotation, anywhere in it), else the first bracketed text
    after it outside other quotations ("‘a’ and ‘b’ (Children Act 2004, s 14)")."""
    for offset, note_id in marks:
        if (whole or offset >= end) and note_id in notes:
            return notes[note_id]
    bracketed = _BRACKETED.search(_ANY_QUOTE.sub(" ", text[end:]))
    return bracketed.group(1) if bracketed else None


def _check_citation(citation: str | None, passage: Passage, source: Source) -> tuple[str, str]:
    """Whether ``citation`` gives the passage's pinpoint: (verdict, detail)."""
    if citation is None:
        return "no citation", "no footnote or bracketed citation after the quotation"
    if passage.paragraph is not None:
        wanted = range(passage.paragraph, (passage.paragraph_end or passage.paragraph) + 1)
        what = "para"
    elif passage.page is not None:
        wanted = range(passage.page, (passage.page_end or passage.page) + 1)
        what = "page"
    elif passage.provision:
        wanted = range(0)
        what = passage.provision
    else:
        return "unchecked", "the passage has no pinpoint"
    # Names and dates carry numbers too ("Ofsted 2017 report", "(Ofsted, 7 April 2017)",
    # "(n 3)"): take them out before reading the pinpoint.
    rest = citation.replace(source.title, " ").replace(source.short_name, " ")
    rest = re.sub(r"\([^()]*\)", " ", rest)
    numbers = [int(n) for n in re.findall(r"\b\d+\b", rest)]
    if passage.provision and passage.paragraph is None and passage.page is None:
        expected = re.findall(r"\d+", passage.provision)
        if not numbers:
            return "no pinpoint", ""
        ok = [str(n) for n in numbers][: len(expected)] == expected
        return ("ok", "") if ok else ("wrong pinpoint", f"citation gives {rest.strip()}")
    if not numbers:
        return "no pinpoint", "the citation gives no pinpoint to check"
    if any(n in wanted for n in numbers):
        return "ok", ""
    given = ", ".join(str(n) for n in numbers)
    shown = f"{wanted.start}" + (f"–{wanted.stop - 1}" if len(wanted) > 1 else "")
    return "wrong pinpoint", f"citation gives {given}; the passage is {what} {shown}"


def audit_docx(path: str | Path, bank: Bank, reports_dir: str | Path) -> AuditReport:
    """Check every quotation of a Word draft against the bank and the reports.

    Raises:
        SourceError: the draft cannot be read, or a held report cannot be.
    """
    from rapidfuzz import fuzz, process, utils

    file = Path(path)
    passages = list(bank.passages.values())
    choices = [utils.default_process(p.text) for p in passages]
    reports: dict[str, SourceText | None] = {}
    lines: list[AuditLine] = []
    for found_quote in _quotations(file):
        number, quote = found_quote.paragraph, found_quote.text
        best = process.extractOne(
            utils.default_process(quote), choices, scorer=fuzz.partial_ratio, score_cutoff=70
        )
        if best is None:
            lines.append(AuditLine(number, quote, None, NOT_FOUND, "unchecked", "not in the bank"))
            continue
        passage = passages[best[2]]
        # The score only chose the passage; the words are compared exactly.
        source_words = tokens(passage.text)
        wanted = tokens(quote)
        diff, flags = compare(wanted, _best_window(source_words, wanted))
        bank_verdict = EXACT if not diff else "altered"
        detail = ", ".join(flags)
        source = bank.sources[passage.source]
        report_verdict = "unchecked"
        if source.report_file:
            if source.id not in reports:
                report_file = Path(reports_dir) / source.report_file
                reports[source.id] = read_report(report_file) if report_file.is_file() else None
            text = reports[source.id]
            if text is not None:
                found = locate_quote(text, quote)
                report_verdict = found.match
                if found.page is not None:
                    para = f" para {found.paragraph}" if found.paragraph is not None else ""
                    detail = (detail + "; " if detail else "") + f"report page {found.page}{para}"
        citation, why = _check_citation(found_quote.citation, passage, source)
        if why:
            detail = (detail + "; " if detail else "") + why
        lines.append(
            AuditLine(number, quote, passage.id, bank_verdict, report_verdict, detail, citation)
        )
    return AuditReport(str(file), tuple(lines))


def _best_window(source: list[str], wanted: list[str]) -> list[str]:
    """The run of the passage's words that the quotation covers."""
    from difflib import SequenceMatcher

    keys = [t.casefold() for t in wanted]
    matcher = SequenceMatcher(None, keys, [t.casefold() for t in source], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return source
    start = max(0, blocks[0].b - blocks[0].a)
    end = min(
        len(source), blocks[-1].b + blocks[-1].size + (len(keys) - blocks[-1].a - blocks[-1].size)
    )
    return source[start:end]
