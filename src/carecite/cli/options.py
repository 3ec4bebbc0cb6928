"""What the commands share: options, the bank in use, output helpers, the reports folder."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from carecite.cli.app import CheckedPath
from carecite.resources import REPORTS_ENV

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
    """The bank folder named by ``--bank``/``$CARECITE_BANK``, else the user's own, else the
    shipped one (``carecite.resources.default_bank_dir``)."""
    from carecite.resources import cache_warning, default_bank_dir

    root = click.get_current_context().find_root()
    if (note := cache_warning()) and not root.meta.get(_WARNED):
        root.meta[_WARNED] = True
        warn(note)
    chosen = root.obj
    return chosen if chosen is not None else default_bank_dir()


_WARNED = "carecite.cache-warned"


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


def counted(number: int, noun: str) -> str:
    """``1 passage``, ``3 passages``: a count with its noun agreeing."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def table(rows: Iterable[Sequence[str]]) -> str:
    rows = [list(row) for row in rows]
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


# --- checking quotations against the reports ------------------------------------------------


def reports_dir(given: Path | None) -> Path:
    """The folder of report PDFs, for a command that needs them: ``--reports`` or
    ``$CARECITE_REPORTS``, else the bank's own ``reports/`` folder (``SourceError`` for none)."""
    from carecite.resources import needed_reports_dir

    return needed_reports_dir(given, current_bank_dir())


def reports_dir_if_any(given: Path | None) -> Path | None:
    """The folder of report PDFs as ``reports_dir`` finds it, or ``None`` for none: for a
    command that can work from the bank alone (audit, serve)."""
    from carecite.resources import reports_dir as find_reports_dir

    return find_reports_dir(given, current_bank_dir())


def reports_option(command: F) -> F:
    """``--reports DIR`` (or ``$CARECITE_REPORTS``): the folder of report PDFs."""
    return click.option(
        "--reports",
        "reports",
        type=CheckedPath(file_okay=False, path_type=Path),
        envvar=REPORTS_ENV,
        show_envvar=True,
        help="Folder of report PDFs (default: the bank's reports/ folder).",
    )(command)


# --- shell completion -----------------------------------------------------------------------

Completer = Callable[[click.Context, click.Parameter, str], list[str]]


def complete(kind: str, *, comma_list: bool = False) -> Completer:
    """A shell completer of the bank's ``passage``, ``source`` or ``theme`` names, every
    ``authority`` (the inspections dataset's and the bank's), or the ``template`` names;
    ``comma_list`` completes the last of ``a,b,c``. Case is ignored ("tow" offers "Tower
    Hamlets").

    It runs while the shell asks, so it never fails: a bank it cannot read offers nothing.
    """

    def completer(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",") if comma_list else ("", "", incomplete)
        prefix = f"{done}," if done else ""
        try:
            names = _names(ctx, kind)
        except Exception:  # a half-typed command line must never print a traceback
            return []
        wanted = last.casefold()
        return [_for_shell(prefix + n) for n in names if n.casefold().startswith(wanted)]

    return completer


def _names(ctx: click.Context, kind: str) -> list[str]:
    if kind == "template":
        from carecite.draft.render import template_catalogue

        return [t.name for t in template_catalogue()]
    from carecite.bank.load import load_bank
    from carecite.resources import default_bank_dir

    # Completion parses without running the group's callback: read --bank itself.
    named = ctx.find_root().params.get("bank_dir")
    bank = load_bank(named if named is not None else default_bank_dir())
    if kind == "authority":
        from carecite.history.authorities import bank_resolver
        from carecite.history.names import authority_names

        # Every authority of the shipped dataset (former ones too), and the bank's own names
        # for any it does not know: the authorities 'history' and '--authority' resolve.
        resolver = bank_resolver(authority_names(), bank.sources)
        return sorted((a.name for a in resolver.authorities), key=str.casefold)
    table = {"passage": bank.passages, "source": bank.sources, "theme": bank.themes}[kind]
    return list(table)


# Click's bash script reads each offered value with ``read``, which takes away one level of
# backslashes; what is left must still escape a space, or "Tower Hamlets" would arrive as
# two words.
_COMPLETE_VAR = "_CARECITE_COMPLETE"
_SHELL_SPECIAL = re.compile(r"([^\w,./:@%+=-])")


def _for_shell(name: str) -> str:
    """``name`` as the shell asking must receive it to read it as one word."""
    if os.environ.get(_COMPLETE_VAR, "").startswith("bash"):
        return _SHELL_SPECIAL.sub(r"\\\\\1", name)
    return name  # zsh and fish quote what they insert themselves
