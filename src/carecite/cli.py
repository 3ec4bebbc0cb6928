"""The ``carecite`` command: a thin face over the library, one call per command.

Only click and the standard library are imported at the top, so ``--help`` stays fast;
each command imports what it needs. Any ``CareciteError`` becomes one message per
problem on stderr and exit status 2, here and nowhere else.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from carecite import __version__
from carecite.errors import CareciteError

if TYPE_CHECKING:
    from carecite.bank import Bank
    from carecite.cite import Style
    from carecite.draft.render import Citations, Format
    from carecite.locate import Location

F = TypeVar("F", bound=Callable[..., Any])


class CareciteCliError(click.ClickException):
    """A library error shown as ``error: file:line: what — what to do``, exit status 2."""

    exit_code = 2

    def __init__(self, error: CareciteError) -> None:
        super().__init__(str(error))
        self.error = error

    def show(self, file: Any = None) -> None:
        for problem in self.error.problems:
            click.echo(f"error: {problem}", err=True)
        if len(self.error.problems) > 1:
            click.echo(f"{len(self.error.problems)} problems found.", err=True)


class CareciteGroup(click.Group):
    """Turns every ``CareciteError`` raised by a command into exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CareciteError as error:
            raise CareciteCliError(error) from error


@click.group(cls=CareciteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="carecite")
@click.option(
    "--bank",
    "bank_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CARECITE_BANK",
    help="Quote-bank folder (default: $CARECITE_BANK, else the bank shipped with carecite).",
)
@click.pass_context
def cli(ctx: click.Context, bank_dir: Path | None) -> None:
    """Citable Ofsted findings and Word drafts for care proceedings.

    \b
    Example:
      carecite list --theme partnership
      carecite cite th17-lscb-inadequate
    """
    # No I/O here: this runs even for `carecite COMMAND --help`.
    ctx.obj = bank_dir


def main() -> None:
    """Entry point of the ``carecite`` console script."""
    cli(prog_name="carecite")


# --- shared options -------------------------------------------------------------------------


def json_option(command: F) -> F:
    """``--json``: print machine-readable output instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)


def force_option(command: F) -> F:
    """``--force``: replace an existing output file."""
    return click.option(
        "--force", is_flag=True, help="Replace the output file if it already exists."
    )(command)


def current_bank_dir() -> Path:
    """The bank folder named by ``--bank``/``$CARECITE_BANK``, or the shipped one."""
    from carecite.resources import default_bank_dir

    chosen = click.get_current_context().find_root().obj
    return chosen if chosen is not None else default_bank_dir()


def load_current_bank() -> Bank:
    """The bank named by ``--bank``/``$CARECITE_BANK``, or the shipped one, loaded."""
    from carecite.bank import load_bank

    return load_bank(current_bank_dir())


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON, the one way every ``--json`` output is written."""
    from carecite.records import json_text

    click.echo(json_text(data))


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _table(rows: Iterable[Sequence[str]]) -> str:
    rows = [list(row) for row in rows]
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


def _snippet(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- the bank -------------------------------------------------------------------------------


@cli.command()
def check() -> None:
    """Validate the quote bank and show what it covers.

    Every problem in every file is reported as file:line, with what to do; the exit
    status is 2 if there is any.

    \b
    Example:
      carecite check
      carecite --bank ~/chambers/quotes check
    """
    from carecite.bank import theme_coverage

    bank = load_current_bank()
    secondary = sum(not p.is_checked for p in bank.passages.values())
    click.echo(
        f"{bank.directory}: {len(bank.sources)} sources, {len(bank.passages)} passages, "
        f"{len(bank.themes)} themes — all valid."
    )
    if secondary:
        click.echo(f"{secondary} passages have pinpoints only from a secondary source.")
    coverage = theme_coverage(bank)
    sources = [s for s in bank.sources if any(s in per for per in coverage.values())]
    click.echo("\nPassages per theme and source:")
    header = ["theme", *(_abbreviate(s) for s in sources), "total"]
    rows = [
        [theme, *(str(per.get(s, 0) or "-") for s in sources), str(sum(per.values()))]
        for theme, per in coverage.items()
    ]
    click.echo(_table([header, *rows]))
    gaps = [theme for theme, per in coverage.items() if not per]
    if gaps:
        click.echo("\nThemes with no passage: " + ", ".join(gaps))


def _abbreviate(source_id: str) -> str:
    """``ofsted-tower-hamlets-2017`` → ``tower-hamlets-2017``: narrower table columns."""
    return source_id.removeprefix("ofsted-")


@cli.command("list")
@click.option("--source", help="Only passages of this source id.")
@click.option("--theme", help="Only passages with this theme id (see `carecite themes`).")
@click.option("--authority", help="Only passages about this authority (part of its name).")
@json_option
def list_passages(
    source: str | None, theme: str | None, authority: str | None, as_json: bool
) -> None:
    """List passages, optionally filtered by source, theme or authority.

    \b
    Example:
      carecite list --source ofsted-tower-hamlets-2017 --theme management-oversight
      carecite list --theme partnership --json
    """
    from carecite.cite import format_citation
    from carecite.records import passage_record

    bank = load_current_bank()
    chosen = bank.select(theme=theme, source=source, authority=authority)
    if as_json:
        echo_json([passage_record(p, bank.sources) for p in chosen])
        return
    for passage in chosen:
        citation = format_citation([passage], bank.sources, style="practitioner")
        flag = " [pinpoint unchecked]" if not passage.is_checked else ""
        click.echo(f"{passage.id}  ({citation.text}){flag}\n    {_snippet(passage.text)}")
    click.echo(f"{len(chosen)} passages.", err=True)


@cli.command()
@click.argument("passage_id")
@json_option
def show(passage_id: str, as_json: bool) -> None:
    """Show one passage in full, with its citation and where its pinpoint was checked.

    \b
    Example:
      carecite show th17-exec-widespread-failures
    """
    from carecite.records import passage_record

    bank = load_current_bank()
    record = passage_record(bank.passage(passage_id), bank.sources)
    if as_json:
        echo_json(record)
        return
    source = bank.sources[record["source"]]
    checked = (
        "against the report itself"
        if record["checked"] == "report"
        else f"only as {record['checked_via']} gives it"
    )
    lines = [
        record["id"],
        "",
        record["text"],
        "",
        f"Citation: {record['citation']}",
        f"Source:   {source.short_name} ({source.id})",
        f"Section:  {record['section'] or '-'}",
        f"Themes:   {', '.join(record['themes'])}",
        f"Pinpoint: checked {checked}",
    ]
    if record["note"]:
        lines.append(f"Note:     {record['note']}")
    click.echo("\n".join(lines))
    for message in record["warnings"]:
        warn(message)


@cli.command()
@click.argument("passage_ids", nargs=-1, required=True)
@click.option(
    "--style",
    type=click.Choice(["oscola", "practitioner"]),
    default="oscola",
    show_default=True,
    help="Citation style.",
)
@click.option("--short", is_flag=True, help="OSCOLA short form for a later citation.")
@click.option("--note", type=int, help="With --short: the footnote with the full citation.")
@click.option("--pages", is_flag=True, help="Give the page beside each paragraph.")
def cite(
    passage_ids: tuple[str, ...], style: Style, short: bool, note: int | None, pages: bool
) -> None:
    """Print the citation of one or more passages.

    Passages of one source merge into one citation with sorted, range-compressed
    pinpoints. A pinpoint not checked against the report is flagged on stderr.

    \b
    Example:
      carecite cite th17-exec-widespread-failures
      carecite cite th12-p16-safeguarding-good --style practitioner
      carecite cite th17-lscb-inadequate --short --note 3
    """
    from carecite.cite import format_citation

    if note is not None and not short:
        raise click.UsageError("--note goes with --short")
    bank = load_current_bank()
    passages = [bank.passage(i) for i in passage_ids]
    citation = format_citation(
        passages,
        bank.sources,
        style=style,
        short=short,
        note=note,
        pages=pages,
    )
    click.echo(citation.text)
    for message in citation.warnings:
        warn(message)


@cli.command()
@json_option
def themes(as_json: bool) -> None:
    """List the themes passages are tagged with, and their synonyms.

    \b
    Example:
      carecite themes
    """
    bank = load_current_bank()
    if as_json:
        echo_json(
            [
                {
                    "id": t.id,
                    "label": t.label,
                    "description": t.description,
                    "synonyms": list(t.synonyms),
                }
                for t in bank.themes.values()
            ]
        )
        return
    for theme in bank.themes.values():
        click.echo(f"{theme.id}  {theme.label}\n    {theme.description}")
        if theme.synonyms:
            click.echo(f"    also: {', '.join(theme.synonyms)}")


@cli.command()
@click.option("--authority", help="Only sources about this authority (part of its name).")
@json_option
def sources(authority: str | None, as_json: bool) -> None:
    """List the sources in the bank with their dates and overall judgements.

    \b
    Example:
      carecite sources
      carecite sources --authority "Tower Hamlets" --json
    """
    from carecite.records import source_record

    bank = load_current_bank()
    wanted = authority.casefold() if authority else None
    chosen = [
        s
        for s in bank.sources.values()
        if wanted is None or wanted in (s.authority or "").casefold()
    ]
    if as_json:
        echo_json([source_record(s) for s in chosen])
        return
    rows = [["id", "published", "overall", "title"]]
    for source in chosen:
        published = source.published.isoformat() if source.published else "-"
        rows.append([source.id, published, source.overall or "-", _snippet(source.title, 70)])
    click.echo(_table(rows))


@cli.command()
@click.argument("authority")
@json_option
def history(authority: str, as_json: bool) -> None:
    """Show an authority's inspections in date order with each judgement.

    AUTHORITY is all or part of its name, in any case.

    \b
    Example:
      carecite history "Tower Hamlets"
      carecite history norfolk --json
    """
    from carecite.english import month_year
    from carecite.history import inspection_history
    from carecite.records import source_record

    bank = load_current_bank()
    inspections = inspection_history(bank.sources, authority)
    if as_json:
        echo_json([source_record(s) for s in inspections])
        return
    rows = [["inspected", "published", "framework", "overall", "source"]]
    for source in inspections:
        when = source.inspection_start or source.published
        rows.append(
            [
                month_year(when) if when else "-",
                source.published.isoformat() if source.published else "-",
                source.framework or "-",
                source.overall or (source.headline or "-"),
                source.id,
            ]
        )
    click.echo(inspections[0].authority if inspections else authority)
    click.echo(_table(rows))
    for source in inspections:
        others = [j for j in source.judgements if not j.area.lower().startswith("overall")]
        if others:
            click.echo(f"\n{source.short_name}:")
            for judgement in others:
                click.echo(f"  {judgement.area}: {judgement.grade}")


def _year_or_day(last: bool) -> Callable[[click.Context, click.Parameter, str | None], Any]:
    """Parse ``YYYY`` (its first or last day) or ``YYYY-MM-DD`` for --since/--until."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        from datetime import date

        if value is None:
            return None
        try:
            if value.isdigit() and len(value) == 4:
                return date(int(value), 12, 31) if last else date(int(value), 1, 1)
            return date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a year or a YYYY-MM-DD date") from None

    return parse


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--theme", help="Only passages with this theme id (see `carecite themes`).")
@click.option("--source", help="Only passages of this source id.")
@click.option("--authority", help="Only sources about this authority (part of its name).")
@click.option("--framework", help="Only inspections under this framework: pre-2013, SIF, ILACS.")
@click.option("--judgement", help="Only sources with this overall grade, e.g. inadequate.")
@click.option(
    "--since", metavar="YYYY", callback=_year_or_day(False), help="Published in or after."
)
@click.option(
    "--until", metavar="YYYY", callback=_year_or_day(True), help="Published in or before."
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most hits."
)
@json_option
def search(
    query: tuple[str, ...],
    theme: str | None,
    source: str | None,
    authority: str | None,
    framework: str | None,
    judgement: str | None,
    since: Any,
    until: Any,
    limit: int,
    as_json: bool,
) -> None:
    """Search passages by words, best first; misspellings and theme synonyms work.

    QUERY is optional when a filter is given. Matched words are highlighted. The search
    index is cached outside the bank and rebuilt only when a bank file changes.

    \b
    Example:
      carecite search "managment oversite"
      carecite search drift --authority "Tower Hamlets" --since 2016
      carecite search --theme private-fostering --judgement inadequate --json
    """
    from carecite.records import passage_record
    from carecite.search import MARK_END, MARK_START, search_passages

    text = " ".join(query).strip() or None
    filters = (theme, source, authority, framework, judgement, since, until)
    if text is None and all(f is None for f in filters):
        raise click.UsageError("give words to search for, or at least one filter")
    hits = search_passages(
        current_bank_dir(),
        text,
        theme=theme,
        source=source,
        authority=authority,
        framework=framework,
        judgement=judgement,
        since=since,
        until=until,
        limit=limit,
    )
    if as_json:
        records = []
        for hit in hits:
            sources = {hit.source.id: hit.source}
            if hit.via is not None:
                sources[hit.via.id] = hit.via
            record = passage_record(hit.passage, sources)
            records.append({**record, "score": hit.score, "snippet": hit.snippet})
        echo_json(records)
        return
    from carecite.cite import format_citation

    for number, hit in enumerate(hits, 1):
        sources = {hit.source.id: hit.source, **({hit.via.id: hit.via} if hit.via else {})}
        citation = format_citation([hit.passage], sources, style="practitioner")
        flag = "  [pinpoint unchecked]" if not hit.passage.is_checked else ""
        snippet = hit.snippet
        while MARK_START in snippet and MARK_END in snippet:
            before, rest = snippet.split(MARK_START, 1)
            word, after = rest.split(MARK_END, 1)
            snippet = before + click.style(word, bold=True) + after
        score = f"{hit.score:5.1f}" if text else "     "
        click.echo(f"{number:>2}. {score}  {hit.passage.id}  ({citation.text}){flag}")
        click.echo(f"    {snippet}")
    click.echo(f"{len(hits)} passages.", err=True)


# --- drafts ---------------------------------------------------------------------------------


@cli.command()
@click.argument("template")
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The draft to write (.docx, or .md with --format md).",
)
@force_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "md"]),
    default="docx",
    show_default=True,
    help="Word document, or the rendered Markdown.",
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
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A firm's .docx whose styles and page setup the draft uses.",
)
def draft(
    template: str,
    case_file: Path,
    out: Path,
    force: bool,
    fmt: Format,
    citations: Citations,
    reference_docx: Path | None,
) -> None:
    """Render a draft for a case: a shipped TEMPLATE name or a template file.

    Warnings (unchecked pinpoints, a child named in full, passages left unused) go to
    stderr. An existing output file is never replaced without --force.

    \b
    Example:
      carecite draft skeleton-argument examples/re-a-tower-hamlets.yaml -o skeleton.docx
      carecite draft witness-statement examples/re-a-statement.yaml -o statement.md --format md
    """
    from carecite.draft.render import draft as render_and_write

    result = render_and_write(
        template,
        case_file,
        out,
        load_current_bank(),
        force=force,
        format=fmt,
        citations=citations,
        reference_docx=reference_docx,
    )
    for message in result.warnings:
        warn(message)
    click.echo(f"wrote {result.path}")


@cli.command("templates")
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
                }
                for t in catalogue
            ]
        )
        return
    for t in catalogue:
        click.echo(f"{t.name}\n    {t.description}\n    needs: {', '.join(t.needs)}")
        if t.optional:
            click.echo(f"    optional: {', '.join(t.optional)}")


# --- checking quotations against the reports ------------------------------------------------


def _reports_dir(given: Path | None) -> Path:
    """--reports, else $CARECITE_REPORTS, else ../shared/reference/reports if it exists."""
    import os

    from carecite.verify import check_reports_dir

    if given is not None:
        return check_reports_dir(given)
    if configured := os.environ.get("CARECITE_REPORTS"):
        return check_reports_dir(configured)
    return check_reports_dir(Path("..") / "shared" / "reference" / "reports")


def reports_option(command: F) -> F:
    """``--reports DIR``: the folder of report PDFs."""
    return click.option(
        "--reports",
        "reports",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of report PDFs (default: $CARECITE_REPORTS, else "
        "../shared/reference/reports).",
    )(command)


@cli.command()
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def ingest(report: Path, as_json: bool) -> None:
    """Read a report PDF: printed pages, numbered paragraphs, sections.

    \b
    Example:
      carecite ingest ofsted-tower-hamlets-2017-04-07.pdf --json
    """
    from carecite.sourcetext import read_report

    text = read_report(report)
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
            }
        )
        return
    click.echo(f"{len(text.pages)} pages, {len(text.paragraphs)} numbered paragraphs")
    for note in text.notes:
        warn(note)
    for p in text.paragraphs:
        click.echo(f"para {p.number:>3}  p {p.page:>3}  {_snippet(p.text, 70)}")


@cli.command()
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("words")
@json_option
def locate(report: Path, words: str, as_json: bool) -> None:
    """Find words in a report: page, paragraph, and whether they match exactly.

    Exits 0 when the words are in the report exactly, 1 when altered or not found.

    \b
    Example:
      carecite locate report.pdf "too many children remain in situations of actual"
    """
    from carecite.locate import locate_quote
    from carecite.sourcetext import read_report

    found = locate_quote(read_report(report), words)
    if as_json:
        data = found.to_json()
        echo_json({key: data[key] for key in ("match", "page", "paragraph", "section", "diff")})
    else:
        _print_location(found)
    if found.match != "exact":
        click.get_current_context().exit(1)


def _print_location(found: Location) -> None:
    from carecite.cite import format_pinpoint

    click.echo(found.match)
    if found.page is not None:
        click.echo(f"{format_pinpoint(found)} ({found.section})")
    if found.diff:
        click.echo(f"diff: {found.diff_text}  [{', '.join(found.flags)}]")


@cli.command()
@reports_option
@json_option
def verify(reports: Path | None, as_json: bool) -> None:
    """Check every quotation and pinpoint of the bank against the reports.

    Exits 1 when any passage is altered, not found or wrongly pinpointed.

    \b
    Example:
      carecite verify --reports ../shared/reference/reports
    """
    from carecite.verify import verify_bank

    bank = load_current_bank()
    folder = _reports_dir(reports)
    show_progress = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show_progress:
            click.echo(f"\rchecking {done}/{total}", nl=done == total, err=True)

    verdicts = verify_bank(bank, folder, progress=progress)
    failed = [v for v in verdicts if v.failed]
    if as_json:
        echo_json([v.to_json() for v in verdicts])
    else:
        for v in verdicts:
            if v.verdict != "exact":
                where = f"{v.path}:{v.line}: " if v.path else ""
                click.echo(f"{where}{v.passage_id}: {v.verdict}: {v.message}")
        counts: dict[str, int] = {}
        for v in verdicts:
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        click.echo(", ".join(f"{n} {verdict}" for verdict, n in counts.items()))
    if failed:
        click.get_current_context().exit(1)


@cli.command()
@click.argument("source_id")
@click.argument("words")
@click.option("--themes", required=True, help="Comma-separated theme ids.")
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
    from carecite.add import add_passage
    from carecite.cite import format_pinpoint

    added = add_passage(
        current_bank_dir(),
        source_id,
        words,
        [t.strip() for t in themes.split(",") if t.strip()],
        _reports_dir(reports),
        whole_sentence=whole_sentence,
        passage_id=passage_id,
    )
    click.echo(f"added {added.id} ({format_pinpoint(added)}) to {added.path}")


@cli.command()
@click.argument("draft", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the cite-check report to a file: Word (landscape) for .docx, else Markdown "
    "(JSON with --json).",
)
@reports_option
@force_option
@json_option
def audit(draft: Path, out: Path | None, reports: Path | None, force: bool, as_json: bool) -> None:
    """Check every quotation in a finished Word draft against the bank and the reports.

    Every quotation is found — in body, tables, footnotes and comments, single or double,
    curly or straight marks, block quotations — read as if tracked changes were accepted,
    and checked word for word against the report; the citation after it must give its
    source and pinpoint. Exit status 1 when any quotation needs attention.

    \b
    Example:
      carecite audit skeleton.docx
      carecite audit skeleton.docx -o cite-check.docx
    """
    from carecite.audit import audit_docx
    from carecite.audit_report import audit_json, audit_markdown, summary_line, write_audit
    from carecite.output import write_text_atomic
    from carecite.records import json_text

    result = audit_docx(draft, current_bank_dir(), _reports_dir(reports))
    as_text = json_text(audit_json(result)) if as_json else None
    if out is None:
        click.echo(as_text if as_text is not None else audit_markdown(result))
    else:
        if as_text is not None:
            write_text_atomic(out, as_text + "\n", force=force)
        else:
            write_audit(result, out, force=force)
        click.echo(f"wrote {out}: {summary_line(result)}")
    if result.failed:
        click.get_current_context().exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
