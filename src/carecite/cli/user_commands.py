"""A user's own files: init (a bank of one's own), where (what is in use), examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from carecite.cli.app import CheckedPath
from carecite.cli.options import counted, current_bank_dir, echo_json, force_option, json_option


@click.command()
@click.argument("folder", required=False, type=CheckedPath(file_okay=False, path_type=Path))
def init(folder: Path | None) -> None:
    """Make a quote bank of your own, layered over the shipped one.

    The bank holds a themes.yaml that extends the shipped bank (so its updates still
    arrive), a reports/ folder for your report PDFs, a README, and the JSON Schemas its
    files name, so an editor checks them. Without FOLDER it is made in your user data
    folder and used whenever --bank and CARECITE_BANK are not given. What you add there
    survives upgrades of carecite. Run on a bank already made (after an upgrade), it
    brings only those schemas up to date, never replacing one you have changed.

    \b
    Example:
      carecite init
      carecite init ~/chambers/quotes
    """
    from carecite.bank.user import init_bank, own_bank_folder, refresh_schemas
    from carecite.resources import THEMES_FILE

    target = own_bank_folder(folder)
    if (target / THEMES_FILE).is_file():
        refreshed = refresh_schemas(target)
        click.echo(f"{target.resolve()} is your bank already: its files are as they were")
        for path in refreshed.written:
            click.echo(f"wrote {path}: the schema its files name, as this carecite has it")
        for path in refreshed.kept:
            click.echo(
                f"kept {path}: it is not the schema carecite wrote there (edited?); delete "
                "it and run 'carecite init' again for carecite's own"
            )
        if not refreshed.written and not refreshed.kept:
            click.echo("its schemas are up to date")
        return
    made = init_bank(target).resolve()
    click.echo(f"made your bank in {made}")
    if folder is not None:
        click.echo(f"use it with: carecite --bank {made} …  (or set CARECITE_BANK={made})")


@click.command()
@json_option
def where(as_json: bool) -> None:
    """Show which banks, reports folder and caches are in use, and why.

    \b
    Example:
      carecite where
      carecite --bank ~/chambers/quotes where --json
    """
    from carecite.bank.load import load_bank
    from carecite.errors import CareciteError
    from carecite.resources import (
        REPORTS_FOLDER,
        cache_dir,
        is_installed,
        no_reports_hint,
        shipped_bank,
        shipped_dir,
        user_bank_dir,
    )

    chosen = current_bank_dir()
    try:
        bank = load_bank(chosen)
        folders = list(bank.folders)
        replaced = dict(bank.replaced)
        problem = None
    except CareciteError as error:
        folders, replaced, problem = [chosen], {}, str(error.problems[0])
    own = user_bank_dir()
    reports = chosen / REPORTS_FOLDER
    info: dict[str, Any] = {
        "banks": [
            {
                "folder": str(folder),
                "shipped": folder.resolve() == shipped_bank().resolve(),
                "read_only": is_installed(folder),
            }
            for folder in folders
        ],
        "replaced_sources": replaced,
        "reports": str(reports) if reports.is_dir() else None,
        "cache": str(cache_dir()),
        "templates": str(shipped_dir("templates")),
        "user_bank": str(own) if own else None,
        "problem": problem,
    }
    if as_json:
        echo_json(info)
        return
    for number, entry in enumerate(info["banks"]):
        label = "bank:" if number == 0 else "  over:"
        what = "shipped with carecite" if entry["shipped"] else "your own"
        if entry["read_only"]:
            what += ", read-only"
        click.echo(f"{label:<11}{entry['folder']} ({what})")
    if replaced:
        click.echo(f"{'':<11}replaces {counted(len(replaced), 'shipped source')}:")
        for source_id, path in replaced.items():
            click.echo(f"{'':<13}{source_id} (shipped at {path})")
    # The rule verify and audit follow: never a folder inside the shipped bank.
    missing = f"none: {no_reports_hint(chosen)}"
    click.echo(f"{'reports:':<11}{info['reports'] or missing}")
    click.echo(f"{'cache:':<11}{info['cache']}")
    click.echo(f"{'templates:':<11}{info['templates']}")
    if own is not None and not (own / "themes.yaml").is_file():
        click.echo(f"{'your bank:':<11}not made yet: 'carecite init' makes it in {own}")
    if problem:
        click.echo(f"\nthe bank has problems ('carecite check' lists them): {problem}")


@click.command()
@click.argument("folder", type=CheckedPath(file_okay=False, path_type=Path))
@force_option
def examples(folder: Path, force: bool) -> None:
    """Copy the example case files into FOLDER, to start a case file of your own.

    The examples are fictitious cases that draft with the shipped bank; the case schema
    comes with them, so an editor checks what you type.

    \b
    Example:
      carecite examples my-cases
      carecite draft skeleton-argument my-cases/re-a-tower-hamlets.yaml -o skeleton.docx
    """
    from carecite.bank.user import copy_examples

    for path in copy_examples(folder, force=force):
        click.echo(f"wrote {path}")


COMMANDS = (init, where, examples)
