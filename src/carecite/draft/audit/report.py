"""The cite-check report a supervising partner signs: Markdown, Word or JSON.

``audit_markdown`` renders an ``AuditReport`` as GitHub-flavoured Markdown (a summary line
of counts in words, pending revisions, one table row per quotation with the draft's own
paragraph number, the quoted words listed apart with what each is, the citations of no
quotation, a sign-off block). The same Markdown, in the writer's dialect, becomes the Word
version on a landscape page (``write_audit``), so no column is squeezed until words break.
``audit_json`` gives the same facts as data.
"""

from __future__ import annotations

from pathlib import Path

from carecite.draft.audit.check import AuditLine, AuditReport
from carecite.draft.audit.citations import FAILING_CITATIONS
from carecite.draft.audit.quotations import requoted
from carecite.draft.markdown import escape_markdown
from carecite.shorten import shorten

__all__ = ["audit_json", "audit_markdown", "summary_line", "write_audit"]

# A quotation longer than this is shortened in the table; the diff shows what differs.
_SHOWN_QUOTE = 90


def summary_line(report: AuditReport) -> str:
    """One sentence, in words: how many quotations, how many by their words' verdict and by
    their citation's check, how many need attention and for what (adding up), and what went
    unchecked (``AuditReport.not_checked``)."""
    total = len(report.lines)
    attention = report.attention
    return (
        f"{total} quotation{'s' if total != 1 else ''} checked"
        + (f" (words: {report.words_said}; citations: {report.citations_said})" if total else "")
        + f"; {attention} need{'s' if attention == 1 else ''} attention"
        + (f": {report.faults_said}" if attention else "")
        + (f"; {report.not_checked}." if report.not_checked else ".")
    )


def _revisions_line(report: AuditReport) -> str | None:
    if not (report.insertions or report.deletions):
        return None
    return (
        f"Tracked changes are pending: {report.insertions} insertion"
        f"{'s' if report.insertions != 1 else ''} and {report.deletions} deletion"
        f"{'s' if report.deletions != 1 else ''}. This audit read the draft as if every "
        "change were accepted: accept or reject them, then audit again before signing off."
    )


def _where(number: str | None, location: str) -> str:
    """The draft's paragraph number, with the footnote, table or comment it is in."""
    para = number if number is not None else "—"
    return para if location == "body" else f"{para}, {location}"


def _row(line: AuditLine) -> list[str]:
    source = line.source_name or "—"
    pinpoint = line.pinpoint or "—"
    detail = "; ".join(
        x for x in (_changes(line), ", ".join(line.flags), line.detail, _cited(line)) if x
    )
    return [
        _where(line.number, line.location),
        requoted(shorten(line.quote, _SHOWN_QUOTE)),
        source,
        pinpoint,
        line.verdict.said + (" ✗" if line.verdict.failed else ""),
        line.citation.said + (" ✗" if line.citation in FAILING_CITATIONS else ""),
        detail,
    ]


def _changes(line: AuditLine) -> str:
    """The differences in words a reader follows: ‘source words’ → ‘draft words’."""
    shown = []
    for op in line.changes:
        was = f"‘{op.report}’" if op.report else "(nothing)"
        now = f"‘{op.quote}’" if op.quote else "(nothing)"
        shown.append(f"{was} → {now}")
    return "source " + ", ".join(shown) if shown else ""


def _cited(line: AuditLine) -> str:
    return (
        f"cited as: {shorten(line.cited, _SHOWN_QUOTE)}"
        if line.cited and line.citation != "ok"
        else ""
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in rows:
        cells = [escape_markdown(cell) for cell in row]
        out.append("| " + " | ".join(cells) + " |")
    return out


def audit_markdown(report: AuditReport) -> str:
    """The cite-check report as Markdown (valid GFM; also the writer's dialect)."""
    name = escape_markdown(Path(report.path).name)
    out = [f"# Cite-check: {name}", "", escape_markdown(summary_line(report)), ""]
    if revisions := _revisions_line(report):
        out += [f"**{escape_markdown(revisions)}**", ""]
    if report.reports:
        reports = ", ".join(report.reports)
        out += [escape_markdown(f"Reports read: {reports}."), ""]
    header = ["para", "quotation", "source", "pinpoint", "words", "citation", "detail"]
    if report.lines:
        out += ["## Quotations", ""]
        out += _table(header, [_row(line) for line in report.lines])
        out.append("")
    if report.phrases:
        out += [f"## {report.phrases_heading}", ""]
        rows = [
            [_where(p.number, p.location), requoted(shorten(p.text, _SHOWN_QUOTE)), p.meaning]
            for p in report.phrases
        ]
        out += _table(["para", "quoted", "what it is"], rows)
        out.append("")
    if report.unchecked_citations:
        out += [f"## {report.citations_heading}", ""]
        rows = [
            [_where(c.number, c.location), c.cited, ", ".join(c.sources), c.meaning]
            for c in report.unchecked_citations
        ]
        out += _table(["para", "citation", "source", "what it is"], rows)
        out.append("")
    out += [
        "## Sign-off",
        "",
        "Checked by: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_",
        "",
        "Date: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_",
        "",
    ]
    return "\n".join(out)


def audit_json(report: AuditReport) -> dict[str, object]:
    """The report as data: summary, revisions, one record per quotation and phrase."""
    return {
        "path": report.path,
        "summary": {
            "quotations": len(report.lines),
            "need_attention": report.attention,
            "phrases_not_checked": report.phrases_not_checked,
            "case_papers": report.case_papers,
            "citations_not_checked": len(report.unchecked_citations),
            "not_checked": report.not_checked or None,
            "verdicts": report.counts(),
            "citations": report.citation_counts(),
        },
        "revisions": {"insertions": report.insertions, "deletions": report.deletions},
        "reports": list(report.reports),
        "quotations": [
            {
                "number": line.number,
                "location": line.location,
                "quote": line.quote,
                "verdict": str(line.verdict),
                "citation": str(line.citation),
                "failed": line.failed,
                "source": line.source_id,
                "source_kind": line.source_kind,
                "passage": line.passage_id,
                "pinpoint": line.pinpoint or None,
                "cited": line.cited,
                "diff": line.diff or None,
                "flags": list(line.flags),
                "detail": line.detail or None,
            }
            for line in report.lines
        ],
        "phrases": [
            {
                "number": p.number,
                "location": p.location,
                "text": p.text,
                "kind": p.kind,
                "cited": p.cited,
                "meaning": p.meaning,
            }
            for p in report.phrases
        ],
        "unchecked_citations": [
            {
                "number": c.number,
                "location": c.location,
                "cited": c.cited,
                "sources": list(c.sources),
                "meaning": c.meaning,
            }
            for c in report.unchecked_citations
        ],
    }


def write_audit(report: AuditReport, target: str | Path, *, force: bool = False) -> Path:
    """Write the cite-check report: Word (landscape A4) for a ``.docx`` target, Markdown for
    ``.md`` or standard output.

    Never replaces an existing file without ``force`` (``OutputExistsError``); refuses a
    name of another format, such as ``.pdf`` (``OutputFormatError``).
    """
    from carecite.draft.write.docx import write_docx
    from carecite.draft.write.properties import DocumentProperties
    from carecite.output import document_format, write_text_atomic

    if document_format(target, piped="md") == "docx":
        title = f"Cite-check: {Path(report.path).name}"
        return write_docx(
            audit_markdown(report),
            target,
            force=force,
            properties=DocumentProperties(title=title),
            landscape=True,
        )
    return write_text_atomic(target, audit_markdown(report), force=force)
