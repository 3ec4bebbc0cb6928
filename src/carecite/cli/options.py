"""What the commands share: options, the bank in use, output helpers, the reports folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from carecite.bank.load import Bank

F = TypeVar("F", bound=Callable[..., Any])

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
    from carecite.bank.load import load_bank

    return load_bank(current_bank_dir())


def echo_json(data: Any) -> None:
    """Print ``data`` as JSON, the one way every ``--json`` output is written."""
    from carecite.bank.records import json_text

    click.echo(json_text(data))


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def table(rows: Iterable[Sequence[str]]) -> str:
    rows = [list(row) for row in rows]
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


def snippet(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- checking quotations against the reports ------------------------------------------------


def reports_dir(given: Path | None) -> Path:
    """--reports, else $CARECITE_REPORTS, else ../shared/reference/reports if it exists."""
    import os

    from carecite.reports.verify import check_reports_dir

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
