"""The serve command: carecite's pages in the user's browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from carecite.cli.app import CheckedPath
from carecite.cli.options import current_bank_dir, reports_dir_if_any, warn

if TYPE_CHECKING:
    from carecite.web.server import Launch


@click.command()
@click.option(
    "--port", type=click.IntRange(1, 65535), help="Port to serve on (default: a free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback needs --allow-remote.",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a --host other than loopback: others on that network can reach the page "
    "(they still need the token).",
)
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@click.option(
    "--reports",
    type=CheckedPath(file_okay=False, exists=True, path_type=Path),
    envvar="CARECITE_REPORTS",
    show_envvar=True,
    help="Folder of report PDFs: the audit checks against them, the passage page shows them "
    "(default: the bank's reports/ folder).",
)
def serve(
    port: int | None, host: str, allow_remote: bool, no_browser: bool, reports: Path | None
) -> None:
    """Search, draft and cite-check in your web browser, on this computer only.

    Prints the address with a secret token for this run (open it to use the page) and
    opens your browser. Nothing leaves this computer. Ctrl-C stops it. Needs the web
    extra: pip install 'carecite[web]'.

    \b
    Example:
      carecite serve
      carecite serve --port 8765 --no-browser
    """
    from carecite.errors import CareciteError

    try:
        from carecite.web.server import is_loopback
        from carecite.web.server import serve as run
    except ImportError as error:
        raise CareciteError(
            f"the web page needs packages that are not installed ({error.name})",
            hint="install them with: pip install 'carecite[web]'",
        ) from None
    if not is_loopback(host):
        if not allow_remote:
            raise click.UsageError(
                f"--host {host} would let others on the network reach carecite; "
                "add --allow-remote if you mean it"
            )
        warn(f"serving on {host}: anyone who can reach it and has the token can use carecite")

    def unloaded(error: CareciteError) -> None:
        for problem in error.problems:
            warn(f"the bank does not load: {problem}; the pages say so until it is mended")

    def announce(launch: Launch) -> None:
        click.echo("carecite is running. Open this address in your browser:")
        click.echo(f"    {launch.url}")
        click.echo("Press Ctrl-C to stop.")

    if reports is None:  # the bank's own reports/, as every command reads; none: the bank alone
        reports = reports_dir_if_any(None)
    run(
        current_bank_dir(),
        reports,
        host=host,
        port=port,
        open_browser=not no_browser,
        announce=announce,
        unloaded=unloaded,
    )
    click.echo("carecite stopped.")


COMMANDS = (serve,)
