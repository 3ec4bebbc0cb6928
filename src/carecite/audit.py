"""Audit a finished Word draft: every quotation against the bank and the report.

``audit_docx`` finds each quotation in a .docx (text in ‘…’ or “…”, and block-quote
paragraphs whose style name contains "Quote"), matches it to the bank passage it comes
from (RapidFuzz to find the candidate, then an exact word comparison) and to the report,
and returns one line per quotation with its verdict. ``AuditReport.markdown()`` renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from carecite.errors import SourceError
from carecite.locate import EXACT, NOT_FOUND, compare, locate_quote, tokens
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
            "| ¶ | quotation | passage | bank | report | detail |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for line in self.lines:
            quote = line.quote if len(line.quote) <= 60 else line.quote[:59] + "…"
            cells = [str(line.paragraph), quote, line.passage_id or "—", line.bank, line.report]
            cells.append(line.detail)
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
                    "detail": x.detail,
                }
                for x in self.lines
            ],
        }


def _line_failed(line: AuditLine) -> bool:
    return line.bank != EXACT or line.report not in (EXACT, "unchecked")


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


def _quotations(path: Path) -> list[tuple[int, str]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a bad file
        raise SourceError(
            f"cannot read the Word document ({error})",
            path=path,
            hint="give a .docx saved by Word or carecite draft",
        ) from None
    found: list[tuple[int, str]] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text.strip()
        if not text:
            continue
        # A document with no default paragraph style gives an unstyled paragraph no style.
        style = paragraph.style
        if style is not None and "quote" in (style.name or "").casefold():
            found.append((number, text))
            continue
        for match in _QUOTED.finditer(text):
            found.append((number, (match.group(1) or match.group(2)).strip()))
    return found


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
    for number, quote in _quotations(file):
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
        lines.append(AuditLine(number, quote, passage.id, bank_verdict, report_verdict, detail))
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
