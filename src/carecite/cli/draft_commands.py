"""The draft commands: draft, templates, and the cite-check audit of a finished draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from carecite.cli.app import CheckedPath
from carecite.cli.options import (
    complete,
    current_bank_dir,
    echo_json,
    force_option,
    json_option,
    load_current_bank,
    reports_dir_if_any,
    reports_option,
    warn,
)

if TYPE_CHECKING:
    from carecite.draft.render import Citations
    from carecite.output import DocumentFormat


@click.command()
@click.argument("template", shell_complete=complete("template"))
@click.argument("case_file", type=CheckedPath(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=CheckedPath(dir_okay=False, path_type=Path),
    required=True,
    help="The draft to write: .docx (Word) or .md (Markdown); - for standard output.",
)
@force_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "md"]),
    help="Word document, or the rendered Markdown  [default: -o's extension; docx for -]",
)
@click.option(
    "--citations",
    type=click.Choice(["footnotes", "inline"]),
    default="footnotes",
    show_default=True,
    help="Citations as real footnotes, or in brackets in the text.",
)
@click.option(
    "--reference-docx",
    type=CheckedPath(dir_okay=False, exists=True, path_type=Path),
    help="A firm's .docx whose styles and page setup the draft uses.",
)
@click.option(
    "--allow-over-length",
    is_flag=True,
    help="Write the draft even when it is over its page limit (a warning instead of an error).",
)
@click.option(
    "--check-length",
    is_flag=True,
    help="Count the pages with LibreOffice (slow, exact) instead of estimating them.",
)
def draft(
    template: str,
    case_file: Path,
    out: Path,
    force: bool,
    fmt: DocumentFormat | None,
    citations: Citations,
    reference_docx: Path | None,
    allow_over_length: bool,
    check_length: bool,
) -> None:
    """Render a draft for a case: a shipped TEMPLATE name or a template file.

    Warnings (unchecked pinpoints, a child named in full, passages left unused) go to
    stderr. An existing output file is never replaced without --force. A draft over its
    page limit (the template's, or the case's page_limit) is refused, exit status 2, with
    what to cut, unless --allow-over-length.

    \b
    Example:
      carecite draft position-statement examples/re-a-tower-hamlets.yaml -o position.docx
      carecite draft skeleton-argument examples/re-c-norfolk.yaml -o skeleton.docx --check-length
      carecite draft witness-statement examples/re-a-statement.yaml -o statement.md
    """
    import gc

    # A draft is one short run: the cycle collector would only walk the modules it imports
    # (about 5% of a draft's CPU, measured); reference counting frees what the draft drops.
    # Where the process ends with the command, the collector stays off: turned on again, its
    # first pass would walk everything the draft made (about 10 ms) just before the end.
    gc.disable()
    try:
        from carecite.draft.render import make_draft
        from carecite.output import is_stdout

        result = make_draft(
            template,
            case_file,
            out,
            load_current_bank(),
            force=force,
            format=fmt,
            citations=citations,
            reference_docx=reference_docx,
            allow_over_length=allow_over_length,
            check_length=check_length,
        )
    finally:
        from carecite.cli import app

        if not app.process_ends_after_command:
            gc.enable()
    for warning in result.warnings:
        warn(str(warning))
    length = f"{result.pages:g} pages" if result.exact else f"about {result.pages:.1f} pages"
    click.echo(f"wrote {result.path} ({length})", err=is_stdout(out))


@click.command("templates")
@json_option
def templates_command(as_json: bool) -> None:
    """List the shipped draft templates and the case fields each needs.

    \b
    Example:
      carecite templates
      carecite templates --json
    """
    from carecite.draft.render import template_catalogue

    catalogue = template_catalogue()
    if as_json:
        echo_json(
            [
                {
                    "name": t.name,
                    "file": t.file,
                    "description": t.description,
                    "needs": list(t.needs),
                    "optional": list(t.optional),
                    "page_limit": t.page_limit,
                    "hearings": list(t.hearings),
                    "refuses": list(t.refuses),
                }
                for t in catalogue
            ]
        )
        return
    for t in catalogue:
        click.echo(f"{t.name}\n    {t.description}\n    needs: {', '.join(t.needs)}")
        if t.optional:
            click.echo(f"    optional: {', '.join(t.optional)}")
        if t.page_limit:
            for_hearings = f" (for a hearing called {t.hearings_in_words})" if t.hearings else ""
            click.echo(f"    page limit: {t.page_limit}{for_hearings}")


@click.command()
@click.argument("draft", type=CheckedPath(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=CheckedPath(dir_okay=False, path_type=Path),
    help="Write the cite-check report to a file: Word (landscape) for .docx, Markdown for .md "
    "(JSON with --json, any name); - for standard output.",
)
@reports_option
@force_option
@json_option
def audit(draft: Path, out: Path | None, reports: Path | None, force: bool, as_json: bool) -> None:
    """Check every quotation in a finished Word draft against the bank and the reports.

    Every quotation is found — in body, tables, footnotes and comments, single or double,
    curly or straight marks, block quotations — read as if tracked changes were accepted,
    and checked word for word against the report; the citation after it must give its
    source and pinpoint. Where no report PDF is read (no reports folder, or none of the
    reports quoted in it) each quotation is checked against the bank's passages, and the
    summary and a warning say the PDFs were not read. Exit status 1 when any
    quotation needs attention.

    \b
    Example:
      carecite audit skeleton.docx
      carecite audit skeleton.docx -o cite-check.docx
    """
    from carecite.bank.records import json_text
    from carecite.draft.audit.check import audit_docx
    from carecite.draft.audit.report import audit_json, audit_markdown, summary_line, write_audit
    from carecite.output import document_format, is_stdout, write_text_atomic
    from carecite.resources import no_reports_hint

    if out is not None and not as_json:
        document_format(out, piped="md")  # a name it cannot write, refused before the work
    bank = current_bank_dir()
    folder = reports_dir_if_any(reports)
    result = audit_docx(draft, bank, folder)
    if result.unread:
        where = no_reports_hint(bank) if folder is None else f"put the report PDFs in {folder}"
        warn(
            f"{result.unread}, not against the report PDFs — to check them against the PDFs "
            f"too, {where}"
        )
    as_text = json_text(audit_json(result)) if as_json else None
    if out is None:
        click.echo(as_text if as_text is not None else audit_markdown(result))
    else:
        if as_text is not None:
            write_text_atomic(out, as_text + "\n", force=force)
        else:
            write_audit(result, out, force=force)
        click.echo(f"wrote {out}: {summary_line(result)}", err=is_stdout(out))
    if result.failed:
        click.get_current_context().exit(1)


COMMANDS = (
    draft,
    templates_command,
    audit,
)
