"""The report commands: ingest, locate, verify and add."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from carecite.cli.app import CheckedPath
from carecite.cli.options import (
    complete,
    current_bank_dir,
    echo_json,
    json_option,
    load_current_bank,
    reports_dir,
    reports_option,
    warn,
)
from carecite.shorten import shorten

if TYPE_CHECKING:
    from carecite.model import Source
    from carecite.reports.locate import Location


@click.command()
@click.argument("report", type=CheckedPath(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 when the self-check warns of anything.")
@json_option
def ingest(report: Path, strict: bool, as_json: bool) -> None:
    """Read a report PDF: printed pages, numbered paragraphs, sections.

    Every report is checked as it is read: numbering that skips a number, a numbered
    line left out of the run, text that belongs to no paragraph. Each finding is a
    warning on stderr (and in --json); --strict makes any warning exit 1.

    \b
    Example:
      carecite ingest ofsted-tower-hamlets-2017-04-07.pdf --json
    """
    from carecite.reports.ingest import read_report

    text = read_report(report)
    warnings = [
        {"code": w.code, "message": w.message, "page": w.page, "paragraph": w.paragraph}
        for w in text.warnings
    ]
    if as_json:
        echo_json(
            {
                "pages": len(text.pages),
                "paragraphs": [
                    {"number": p.number, "page": p.page, "text": p.text, "section": p.section}
                    for p in text.paragraphs
                ],
                "sections": list(text.sections),
                "notes": list(text.notes),
                "warnings": warnings,
            }
        )
    else:
        click.echo(f"{len(text.pages)} pages, {len(text.paragraphs)} numbered paragraphs")
        for note in text.notes:
            warn(note)
        for p in text.paragraphs:
            click.echo(f"para {p.number:>3}  p {p.page:>3}  {shorten(p.text, 70)}")
    for w in text.warnings:
        warn(f"{report.name}: [{w.code}] {w.message}")
    if strict and text.warnings:
        sys.exit(1)


@click.command()
@click.argument("report", type=CheckedPath(dir_okay=False, path_type=Path))
@click.argument("words")
@json_option
def locate(report: Path, words: str, as_json: bool) -> None:
    """Find words in a report: page, paragraph, and whether they match exactly.

    Exits 0 when the words are in the report exactly, 1 when altered or not found.

    \b
    Example:
      carecite locate report.pdf "too many children remain in situations of actual"
    """
    from carecite.reports.ingest import read_report
    from carecite.reports.locate import locate_quote

    found = locate_quote(read_report(report), words)
    if as_json:
        data = found.to_json()
        echo_json({key: data[key] for key in ("match", "page", "paragraph", "section", "diff")})
    else:
        _print_location(found)
    if found.match != "exact":
        click.get_current_context().exit(1)


def _print_location(found: Location) -> None:
    from carecite.cite.citation import format_pinpoint

    click.echo(found.match)
    if found.page is not None:
        click.echo(f"{format_pinpoint(found)} ({found.section})")
    if found.diff:
        click.echo(f"diff: {found.diff_text}  [{', '.join(found.flags)}]")


@click.command()
@reports_option
@json_option
def verify(reports: Path | None, as_json: bool) -> None:
    """Check every quotation and pinpoint of the bank against the reports.

    Exits 1 when any passage is altered, not found or wrongly pinpointed.

    \b
    Example:
      carecite verify
      carecite verify --reports ~/reports
    """
    from carecite.reports.verify import verify_bank

    bank = load_current_bank()
    folder = reports_dir(reports)
    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show_progress:
            click.echo(f"\rchecking {done}/{total}", nl=done == total, err=True)

    verdicts = verify_bank(bank, folder, progress=progress)
    failed = [v for v in verdicts if v.failed]
    if as_json:
        echo_json([v.to_json() for v in verdicts])
    else:
        # A report not held is one line, after the rest: in a bank of one's own the shipped
        # reports' hundreds of passages would bury the user's results.
        unread: dict[str, int] = {}  # passages by source
        for v in verdicts:
            if v.verdict == "missing_report":
                unread[v.source_id] = unread.get(v.source_id, 0) + 1
            elif v.verdict != "exact":
                where = f"{v.path}:{v.line}: " if v.path else ""
                click.echo(f"{where}{v.passage_id}: {v.verdict}: {v.message}")
        for source_id, passages in unread.items():
            click.echo(_not_held(bank.sources[source_id], passages, folder))
        counts: dict[str, int] = {}
        for v in verdicts:
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        click.echo(", ".join(f"{n} {verdict}" for verdict, n in counts.items()))
    if failed:
        click.get_current_context().exit(1)


def _not_held(source: Source, passages: int, folder: Path) -> str:
    """One line for a source whose report is not in the reports folder: how many of its
    passages went unchecked, and where its PDF goes."""
    found_at = f" (the report: {source.url})" if source.url else ""
    return (
        f"{source.report_file}: missing_report: not in {folder}, so {passages} passage"
        f"{'s' if passages != 1 else ''} of {source.short_name} went unchecked — put the PDF "
        f"in {folder} to check them{found_at}"
    )


@click.command()
@click.argument("source_id", shell_complete=complete("source"))
@click.argument("words")
@click.option(
    "--themes",
    required=True,
    help="Comma-separated theme ids.",
    shell_complete=complete("theme", comma_list=True),
)
@click.option("--whole-sentence", is_flag=True, help="Widen the words to whole sentences.")
@click.option("--id", "passage_id", help="The new passage's id (default: made from the pinpoint).")
@reports_option
def add(
    source_id: str,
    words: str,
    themes: str,
    whole_sentence: bool,
    passage_id: str | None,
    reports: Path | None,
) -> None:
    """Add a passage to the bank, pinpointed from the report itself.

    \b
    Example:
      carecite add ofsted-tower-hamlets-2017 "too many children remain" \\
        --themes pre-proceedings,planning --whole-sentence
    """
    from carecite.cite.citation import format_pinpoint
    from carecite.reports.add import add_passage
    from carecite.resources import writable_bank_dir

    bank = writable_bank_dir(current_bank_dir())  # before anything else: say what matters
    added = add_passage(
        bank,
        source_id,
        words,
        [t.strip() for t in themes.split(",") if t.strip()],
        reports_dir(reports),
        whole_sentence=whole_sentence,
        passage_id=passage_id,
    )
    click.echo(f"added {added.id} ({format_pinpoint(added)}) to {added.path}")


@click.command("import")
@click.argument("report", type=CheckedPath(dir_okay=False, path_type=Path))
@click.option("--id", "source_id", help="The source's id (default: ofsted-<authority>-<year>).")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD), for a report that prints none (ILACS) and that "
    "the inspections dataset does not know.",
)
@click.option("--no-copy", is_flag=True, help="Do not copy the PDF into the bank's reports/.")
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to import when ingest warns of anything but a missing headline.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace your bank's source file of that id (never a shipped source).",
)
@json_option
def import_command(
    report: Path,
    source_id: str | None,
    published: Any,
    no_copy: bool,
    dry_run: bool,
    strict: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Make a source file in your bank from one report PDF, passages and all.

    The header comes from the report itself (authority, title, inspection dates,
    judgements, headline, licence); every numbered paragraph and unnumbered summary
    paragraph becomes a passage with its page, paragraph, section and role, and
    suggested themes marked for review. Ingest warnings are printed and kept in the
    source's note. The PDF is copied into the bank's reports/ folder.

    A report the bank already holds is refused, with --dry-run too (exit status 2): one
    the shipped bank holds always (its source was checked by hand), one you imported
    before unless --force replaces it.

    \b
    Example:
      carecite import ofsted-rochdale-2014-12-05.pdf
    """
    from carecite.reports.importer import import_record, import_report

    made = import_report(
        report,
        current_bank_dir(),
        source_id=source_id,
        published=published.date() if published else None,
        copy=not no_copy,
        dry_run=dry_run,
        strict=strict,
        force=force,
    )
    if made.refusal is not None:
        raise made.refusal  # a dry run refused as the real run is: its words, exit status 2
    for w in made.warnings:
        warn(f"{report.name}: [{w.code}] {w.message}")
    if as_json:
        echo_json(import_record(made))
        return
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{verb} {made.file}: {made.source.id}, {len(made.passages)} passages")
    unreviewed = "themes suggested, not yet reviewed (themes_reviewed: false)"
    click.echo(f"  {made.source.title}\n  {unreviewed}")


COMMANDS = (
    ingest,
    locate,
    verify,
    add,
    import_command,
)
