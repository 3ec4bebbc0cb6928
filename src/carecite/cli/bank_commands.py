"""The bank's commands: check, list, show, cite, themes, sources, history, authorities, search."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from carecite.cli.app import CheckedPath
from carecite.cli.options import (
    complete,
    counted,
    current_bank_dir,
    echo_json,
    json_option,
    load_current_bank,
    table,
    warn,
)
from carecite.shorten import shorten

if TYPE_CHECKING:
    from carecite.bank.load import Bank
    from carecite.cite.citation import Style
    from carecite.history.inspections import History, Standing
    from carecite.model import Source
    from carecite.search.query import Match


# --- the bank -------------------------------------------------------------------------------


@click.command()
def check() -> None:
    """Validate the quote bank and its search thesaurus, and show what the bank covers.

    Every problem in every file is reported as file:line, with what to do; the exit
    status is 2 if there is any. The thesaurus is checked once the bank is sound.

    \b
    Example:
      carecite check
      carecite --bank ~/chambers/quotes check
    """
    from carecite.bank.load import theme_coverage
    from carecite.bank.rules import shared_short_names
    from carecite.search.thesaurus import read_thesaurus

    bank = load_current_bank()
    concepts = read_thesaurus(bank.directory, bank.themes)
    secondary = sum(not p.is_checked for p in bank.passages.values())
    click.echo(
        f"{bank.directory}: {len(bank.sources)} sources, {len(bank.passages)} passages, "
        f"{len(bank.themes)} themes, {len(concepts)} thesaurus concepts — all valid."
    )
    if bank.base is not None:
        click.echo(f"It lies over the shipped bank in {bank.base.directory}.")
    for source_id, shipped in bank.replaced.items():
        click.echo(f"{source_id} replaces the shipped source of that id ({shipped}).")
    for problem in shared_short_names(bank.sources.values()):
        click.echo(f"warning: {problem}", err=True)
    if secondary:
        click.echo(f"{secondary} passages have pinpoints only from a secondary source.")
    _unreviewed_themes(bank)
    coverage = theme_coverage(bank)
    sources = [s for s in bank.sources if any(s in per for per in coverage.values())]
    click.echo("\nPassages per theme and source:")
    header = ["theme", *(_abbreviate(s) for s in sources), "total"]
    rows = [
        [theme, *(str(per.get(s, 0) or "-") for s in sources), str(sum(per.values()))]
        for theme, per in coverage.items()
    ]
    click.echo(table([header, *rows]))
    gaps = [theme for theme, per in coverage.items() if not per]
    if gaps:
        click.echo("\nThemes with no passage: " + ", ".join(gaps))


def _abbreviate(source_id: str) -> str:
    """``ofsted-tower-hamlets-2017`` → ``tower-hamlets-2017``: narrower table columns."""
    return source_id.removeprefix("ofsted-")


@click.command("list")
@click.option(
    "--source", help="Only passages of this source id.", shell_complete=complete("source")
)
@click.option(
    "--theme",
    help="Only passages with this theme: its id, title or a word `carecite themes` lists for it.",
    shell_complete=complete("theme"),
)
@click.option(
    "--authority",
    help='Only passages about this authority ("LB Tower Hamlets").',
    shell_complete=complete("authority"),
)
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
    from carecite.bank.records import passage_record
    from carecite.cite.citation import format_citation

    bank = load_current_bank()
    chosen = bank.select(theme=theme, source=source)
    if authority is not None:
        names = set(_authority_names(authority, bank.sources.values()))
        chosen = tuple(p for p in chosen if bank.sources[p.source].authority in names)
    if as_json:
        echo_json([passage_record(p, bank.sources) for p in chosen])
        return
    for passage in chosen:
        citation = format_citation([passage], bank.sources, style="practitioner")
        flag = " [pinpoint unchecked]" if not passage.is_checked else ""
        click.echo(f"{passage.id}  ({citation.text}){flag}\n    {shorten(passage.text, 90)}")
    click.echo(f"{counted(len(chosen), 'passage')}.", err=True)


def _authority_names(authority: str, sources: Iterable[Source]) -> list[str]:
    """The bank's names for the authority ``authority`` means (``--authority``)."""
    from carecite.history.inspections import names_for

    return names_for(authority, (s.authority for s in sources if s.authority))


def _unreviewed_themes(bank: Bank) -> None:
    """Say, source by source, how many passages' themes `carecite import` suggested and no
    person has reviewed yet (``themes_reviewed: false``)."""
    waiting: dict[str, int] = {}
    for passage in bank.passages.values():
        if not passage.themes_reviewed:
            waiting[passage.source] = waiting.get(passage.source, 0) + 1
    for source_id, count in waiting.items():
        where = bank.sources[source_id].path
        click.echo(
            f"{source_id}: {count} passages' themes are suggested, not yet reviewed "
            f"(themes_reviewed: false in {where}); set it to true on each once checked."
        )


@click.command()
@click.argument("passage_id", shell_complete=complete("passage"))
@json_option
def show(passage_id: str, as_json: bool) -> None:
    """Show one passage in full, with its citation and where its pinpoint was checked.

    \b
    Example:
      carecite show th17-exec-widespread-failures
    """
    from carecite.bank.records import passage_record

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
        f"Themes:   {', '.join(record['themes'])}"
        + ("" if record["themes_reviewed"] else " (suggested by import; not yet reviewed)"),
        f"Pinpoint: checked {checked}",
    ]
    if record["note"]:
        lines.append(f"Note:     {record['note']}")
    click.echo("\n".join(lines))
    for message in record["warnings"]:
        warn(message)


@click.command()
@click.argument("passage_ids", nargs=-1, required=True, shell_complete=complete("passage"))
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
    from carecite.cite.citation import format_citation

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


@click.command()
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


@click.command()
@click.option(
    "--authority",
    help='Only sources about this authority ("Norfolk County Council").',
    shell_complete=complete("authority"),
)
@json_option
def sources(authority: str | None, as_json: bool) -> None:
    """List the sources in the bank with their dates and overall judgements.

    \b
    Example:
      carecite sources
      carecite sources --authority "Tower Hamlets" --json
    """
    from carecite.bank.records import source_record

    bank = load_current_bank()
    chosen = list(bank.sources.values())
    if authority is not None:
        names = set(_authority_names(authority, chosen))
        chosen = [s for s in chosen if s.authority in names]
    if as_json:
        echo_json([source_record(s) for s in chosen])
        return
    rows = [["id", "published", "overall", "title"]]
    for source in chosen:
        published = source.published.isoformat() if source.published else "-"
        rows.append([source.id, published, source.overall or "-", shorten(source.title, 70)])
    click.echo(table(rows))


def _data_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--data FILE``: an inspections CSV in place of the shipped dataset."""
    return click.option(
        "--data",
        type=CheckedPath(dir_okay=False, path_type=Path),
        envvar="CARECITE_INSPECTIONS",
        help="An inspections CSV in the shipped format (default: the shipped dataset, "
        "or $CARECITE_INSPECTIONS).",
    )(command)


@click.command()
@click.argument("authority", required=False, shell_complete=complete("authority"))
@click.option("--since", type=click.IntRange(1900, 2100), metavar="YEAR", help="From this year on.")
@click.option(
    "--plot",
    type=CheckedPath(dir_okay=False, path_type=Path),
    help="Also draw the judgements over time into this .svg file.",
)
@click.option("--force", is_flag=True, help="Replace the --plot file if it already exists.")
@click.option("--about", is_flag=True, help="Say where the inspections dataset comes from.")
@_data_option
@json_option
def history(
    authority: str | None,
    since: int | None,
    plot: Path | None,
    force: bool,
    about: bool,
    data: Path | None,
    as_json: bool,
) -> None:
    """Show an authority's inspections in date order with each judgement.

    AUTHORITY is its name as you would write it: "LB Tower Hamlets", "Hull", "BCP",
    "Windsor and Maidenhead". The shipped dataset of every English authority's full
    inspections (2012–2026) is merged with the bank's reports: the bank's record wins, and a
    grade the two disagree on is a warning. Judgements the dataset could not read show as
    "not recorded"; import the report to read them.

    \b
    Example:
      carecite history "Tower Hamlets"
      carecite history norfolk --json
      carecite history Hull --since 2018 --plot hull.svg
      carecite history --about
    """
    from carecite.history.dataset import load_inspections

    if about:
        click.echo(load_inspections(data).about())
        return
    if authority is None:
        raise click.UsageError("name an authority, or give --about")
    if plot is not None and plot.suffix.casefold() != ".svg":
        from carecite.errors import OutputFormatError

        # The output's name, as a draft's -o is refused: one line at the file.
        named = f"a {plot.suffix} file" if plot.suffix else "a file without an extension"
        raise OutputFormatError(
            f"--plot writes SVG, not {named}; nothing was written",
            path=plot,
            hint="name it .svg",
        )
    from carecite.history.inspections import inspection_record, load_history

    found = load_history(authority, load_current_bank().sources, data)
    if since is not None:
        found = found.since(since)
    for message in found.warnings:
        warn(message)
    if plot is not None:
        from carecite.history.plot import history_svg
        from carecite.output import write_text_atomic

        written = write_text_atomic(plot, history_svg(found), force=force)
        click.echo(f"wrote {written}", err=True)
    if as_json:
        echo_json([inspection_record(i) for i in found.inspections])
        return
    _print_history(found)


def _print_history(found: History) -> None:
    """The history as a table, then each inspection's other judgements."""
    authority = found.authority
    held = sum(i.in_bank for i in found.inspections)
    click.echo(
        f"{authority.name}: {len(found.inspections)} inspections "
        f"({held} in the bank, {len(found.inspections) - held} from the dataset)"
    )
    if lineage := authority.lineage():
        click.echo(f"{lineage}.")
    rows = [["date", "inspected", "framework", "overall", "report"]]
    for i in found.inspections:
        inspected = (
            f"{i.inspected_from} to {i.inspected_to}"
            if i.inspected_from and i.inspected_to
            else "-"
        )
        report = i.source.id if i.source else i.url or "-"
        rows.append([i.when(), inspected, i.framework or "-", i.overall_text(), report])
    click.echo(table(rows))
    for i in found.inspections:
        label = i.source.short_name if i.source else f"Report published {i.when()}"
        if i.others or i.headline:
            click.echo(f"\n{label}:")
        if i.headline:
            click.echo(f"  “{i.headline}”")
        for judgement in i.others:
            click.echo(f"  {judgement.area}: {judgement.grade}")


@click.command()
@click.option(
    "--grade",
    type=click.Choice(["outstanding", "good", "requires-improvement", "inadequate"]),
    help="Only authorities whose last overall judgement is this.",
)
@click.option(
    "--since",
    type=click.IntRange(1900, 2100),
    metavar="YEAR",
    help="Latest inspection in or after.",
)
@_data_option
@json_option
def authorities(grade: str | None, since: int | None, data: Path | None, as_json: bool) -> None:
    """List every authority with its latest inspection and last overall judgement.

    Where the latest inspection has no overall judgement (the framework in force from April
    2026 gives none, or the dataset could not read it), the row shows its judgements and
    the last overall judgement with its date; --grade filters on that last overall
    judgement, and says so.

    \b
    Example:
      carecite authorities --grade inadequate
      carecite authorities --since 2025 --json
    """
    from carecite.history.dataset import load_inspections
    from carecite.history.inspections import inspection_record, standings

    found = standings(load_inspections(data), load_current_bank().sources)
    if since is not None:
        found = tuple(s for s in found if (s.latest.year or 0) >= since)
    graded: tuple[Standing, ...] = found
    areas: tuple[Standing, ...] = ()
    if grade is not None:
        wanted = grade.replace("-", " ")
        graded = tuple(s for s in found if s.last_overall_is(wanted))
        areas = tuple(s for s in found if s not in graded and s.latest_area_is(wanted))
        click.echo(
            f"--grade {grade} is read from each authority's last overall judgement; "
            f"{sum(s.latest is not s.last_graded for s in found)} authorities' latest "
            "inspection has none (the framework from April 2026 gives none, or it is not "
            "recorded).",
            err=True,
        )
    if as_json:
        echo_json(
            [
                {
                    "authority": s.authority.name,
                    "latest": inspection_record(s.latest),
                    "last_overall": s.last_graded.overall if s.last_graded else None,
                    "last_overall_published": s.last_graded.published if s.last_graded else None,
                    "matched_on": "latest judgements" if s in areas else "last overall",
                }
                for s in (*graded, *areas)
            ]
        )
        return
    rows = [["authority", "latest", "its overall", "last overall judgement"]]
    for s in graded:
        last = s.last_graded
        of = f" ({last.when()})" if last is not None and last is not s.latest else ""
        rows.append(
            [
                s.authority.name,
                s.latest.when(),
                s.latest.overall or str(s.latest.overall_status),
                (last.overall or "-") + of if last else "none recorded",
            ]
        )
    click.echo(table(rows))
    ungraded = [s for s in graded if s.latest.overall is None and s.latest.others]
    if ungraded:
        click.echo("\nThe latest inspection gives no overall judgement:")
        _print_latest(ungraded)
    if areas:
        click.echo(
            f"\nAlso: no overall judgement at the latest inspection, but an area judged {wanted}:"
        )
        _print_latest(areas)
    click.echo(f"{len(graded) + len(areas)} authorities.", err=True)


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


def _print_latest(found: Iterable[Standing]) -> None:
    """Each authority's latest judgements on one line (its latest gave no overall one)."""
    from carecite.history.inspections import short_area

    for s in found:
        grades = "; ".join(f"{short_area(j.area).lower()} {j.grade}" for j in s.latest.others)
        click.echo(f"  {s.authority.name}, {s.latest.when()}: {grades}")


@click.command()
@click.argument("query", nargs=-1)
@click.option(
    "--theme",
    help="Only passages with this theme: its id, title or a word `carecite themes` lists for it.",
    shell_complete=complete("theme"),
)
@click.option(
    "--source", help="Only passages of this source id.", shell_complete=complete("source")
)
@click.option(
    "--authority",
    help='Only sources about this authority ("Norfolk County Council").',
    shell_complete=complete("authority"),
)
@click.option("--framework", help="Only inspections under this framework: pre-SIF, SIF, ILACS.")
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
@click.option("--words-only", is_flag=True, help="Search the words typed, without the thesaurus.")
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
    words_only: bool,
    as_json: bool,
) -> None:
    """Search passages by words, best first; misspellings, themes and a lawyer's words work.

    QUERY is optional when a filter is given. Matched words are highlighted, and each hit
    says why it matched ("keep leaving → turnover (thesaurus)"): the thesaurus finds the
    report's words for everyday and legal ones (--words-only turns it off). The search
    index is cached outside the bank and rebuilt only when a bank file changes.

    \b
    Example:
      carecite search "managment oversite"
      carecite search "social workers keep leaving" --authority "Tower Hamlets"
      carecite search drift --authority "Tower Hamlets" --since 2016
      carecite search --theme private-fostering --judgement inadequate --json
    """
    from carecite.search.query import MARK_END, MARK_START, search_passages
    from carecite.search.records import hit_record

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
        expand=not words_only,
    )
    if as_json:
        echo_json([hit_record(hit) for hit in hits])
        return
    from carecite.cite.citation import format_citation

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
        # A short name need not say whose report it is ("Ofsted 2014 report"): a bank of
        # several authorities' reports would show alike hits from different councils.
        place = f" — {hit.source.authority}" if hit.source.authority else ""
        click.echo(f"{number:>2}. {score}  {hit.passage.id}  ({citation.text}){place}{flag}")
        click.echo(f"    {snippet}")
        if hit.matched:
            click.echo("    why: " + "; ".join(_reason(m) for m in hit.matched))
    # A full page of hits is the first of perhaps many: "10 passages." would read as all.
    more = ", as many as --limit allows: there may be more" if len(hits) == limit else ""
    click.echo(f"{counted(len(hits), 'passage')}{more}.", err=True)


def _reason(match: Match) -> str:
    """``keep leaving → turnover (thesaurus)``; the words themselves say only the word."""
    if match.via == "words" and match.query == match.text:
        return match.query
    return f"{match.query} → {match.text} ({match.via})"


# --- drafts ---------------------------------------------------------------------------------


COMMANDS = (
    check,
    list_passages,
    show,
    cite,
    themes,
    sources,
    history,
    authorities,
    search,
)
