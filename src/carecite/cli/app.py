"""The ``carecite`` command: a thin face over the library, one call per command.

Only click and the standard library are imported at the top, so ``--help`` stays fast;
each command imports what it needs. Any ``CareciteError`` becomes one message per
problem on stderr and exit status 2, here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from carecite import __version__
from carecite.cli import bank_commands, draft_commands, report_commands
from carecite.errors import CareciteError

if TYPE_CHECKING:
    pass

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


for _command in (*bank_commands.COMMANDS, *report_commands.COMMANDS, *draft_commands.COMMANDS):
    cli.add_command(_command)
