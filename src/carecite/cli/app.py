"""The ``carecite`` command: a thin face over the library, one call per command.

Only click and the standard library are imported at the top, so ``--help`` stays fast;
each command imports what it needs. This is the one boundary where failures become exit
statuses: any ``CareciteError`` is one message per problem on stderr and exit status 2; so
is an error of the operating system or of a library carecite uses (YAML, Jinja, SQLite,
pypdf, the .docx and zip readers), worded as carecite words its own. Anything else is a bug:
one line saying so and how to report it, exit status 2, and the traceback with ``--debug``.
A closed pipe (``carecite list | head -1``) ends the command quietly with status 0.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import stat
import sys
from pathlib import Path
from typing import Any

import click

from carecite import __version__
from carecite.errors import CareciteError, FileError, file_error

_DEBUG = "carecite.debug"

# The libraries carecite calls, by top-level module: what failed, and what to do. An error
# raised by one of them that the call site did not word itself is still the user's input
# (a broken PDF, a corrupt .docx), not a bug.
_LIBRARIES = {
    "yaml": ("cannot read the YAML", "fix the file there"),
    "jinja2": ("the template failed", "fix the template at that line"),
    "pypdf": ("cannot read this PDF", "check that it opens in a PDF reader, or download it again"),
    "pypdfium2": (
        "cannot read this PDF",
        "check that it opens in a PDF reader, or download it again",
    ),
    "zipfile": ("not a readable Word (.docx) file", "open it in Word and save it again"),
    "docx": ("cannot read the Word document", "open it in Word and save it again"),
    "lxml": ("the Word document holds broken XML", "open it in Word and save it again"),
    "sqlite3": (
        "the search cache cannot be used",
        "run 'carecite where' and delete the cache folder it names; it is rebuilt",
    ),
}


class CareciteCliError(click.ClickException):
    """A library error shown as ``error: file:line: what — what to do``, exit status 2."""

    exit_code = 2

    def __init__(self, error: CareciteError) -> None:
        super().__init__(str(error))
        self.error = error

    def show(self, file: Any = None) -> None:
        for problem in self.error.problems:
            click.echo(f"error: {_printable(str(problem))}", err=True)
        if len(self.error.problems) > 1:
            click.echo(f"{len(self.error.problems)} problems found.", err=True)


class CheckedPath(click.Path):
    """A file or folder named on the command line, refused as carecite refuses bad input.

    ``click.Path`` refuses a folder given for a file (or a file for a folder), a missing
    file it requires and a loop of symbolic links (which it calls missing) with a usage
    error of four lines; this says what is wrong with the path in one line, and exit
    status 2, as every other bad input is said. A path that need not exist and cannot be
    looked at (missing, or under a file), other than a loop, is left to the command: it
    says what it would have read or written.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if self.allow_dash and value == "-":
            return self.coerce_path_result(value)
        try:
            mode = os.stat(value).st_mode
        except OSError as error:
            if self.exists or error.errno == errno.ELOOP:
                raise CareciteCliError(_unusable(value, error)) from None
            return self.coerce_path_result(value)  # the command says what it would have done
        if stat.S_ISDIR(mode) and not self.dir_okay:
            raise CareciteCliError(
                FileError(
                    f"is a folder, not a file ({_named(param)} names a file)",
                    path=value,
                    hint="give a file name, not a folder",
                )
            )
        if not stat.S_ISDIR(mode) and not self.file_okay:
            raise CareciteCliError(
                FileError(
                    f"is a file, not a folder ({_named(param)} names a folder)",
                    path=value,
                    hint="give a folder's path",
                )
            )
        return self.coerce_path_result(value)


def _unusable(path: str, error: OSError) -> FileError:
    """Why a path that must be looked at cannot be."""
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return FileError(
                "is a symbolic link to nothing", path=path, hint="fix or remove the link"
            )
        return FileError("does not exist", path=path, hint="check the path")
    return file_error(error, path)


def _named(param: click.Parameter | None) -> str:
    """How the command line names a parameter: ``--out``, ``--bank (or CARECITE_BANK)``,
    ``DRAFT``."""
    if isinstance(param, click.Option):
        named = max(param.opts, key=len)
        return f"{named} (or {param.envvar})" if isinstance(param.envvar, str) else named
    return param.human_readable_name if param is not None else "it"


# Every command and the module of ``carecite.cli`` that defines it (in its ``COMMANDS``): a
# module is imported when one of its commands runs, so a draft does not import the bank,
# report and web commands and what they import. Listing them all (``--help``) imports them all.
COMMAND_MODULES = {
    **dict.fromkeys(
        ("check", "list", "show", "cite", "themes", "sources", "history", "authorities", "search"),
        "bank_commands",
    ),
    **dict.fromkeys(("ingest", "locate", "verify", "add", "import"), "report_commands"),
    **dict.fromkeys(("draft", "templates", "audit"), "draft_commands"),
    **dict.fromkeys(("init", "where", "examples"), "user_commands"),
    "serve": "web_commands",
}


class CareciteGroup(click.Group):
    """The one boundary: every failure of a command becomes one line and exit status 2.

    Its commands are loaded when asked for (``COMMAND_MODULES``), as click's documentation
    on lazy loading shows.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            module = importlib.import_module(f"carecite.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            # click suggests from the commands loaded so far: suggest from them all.
            raise click.exceptions.NoSuchCommand(
                error.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _repaired_caches()  # a notice belongs to the command that rebuilt the cache
            _repaired_cache_files()
            result = super().invoke(ctx)
            for path in _repaired_caches():
                click.echo(
                    f"notice: the search cache {path} was damaged; it was built again", err=True
                )
            for notice in _repair_notices(_repaired_cache_files()):
                click.echo(notice, err=True)
            return result
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(0)
        except CareciteError as error:
            raise CareciteCliError(error) from error
        except Exception as error:  # the boundary: nothing escapes as a traceback
            raise CareciteCliError(_worded(error, debug=bool(ctx.meta.get(_DEBUG)))) from error


def _repaired_caches() -> tuple[Path, ...]:
    """The damaged search caches found and built again since the last call."""
    # Only a command that opened the search cache has it imported; --help must not import it.
    index = sys.modules.get("carecite.search.index")
    return index.take_repaired_caches() if index is not None else ()


def _repaired_cache_files() -> tuple[Path, ...]:
    """The damaged bank snapshots and compiled templates found and built again."""
    cachefile = sys.modules.get("carecite.cachefile")
    return cachefile.take_repaired() if cachefile is not None else ()


def _repair_notices(paths: tuple[Path, ...]) -> list[str]:
    """One notice a damaged cache file, or one a folder of them: a folder of a bank's parsed
    files all damaged would otherwise be a line for each of hundreds of files."""
    by_folder: dict[Path, list[Path]] = {}
    for path in paths:
        by_folder.setdefault(path.parent, []).append(path)
    return [
        f"notice: the cache file {found[0]} was damaged; it was built again"
        if len(found) == 1
        else f"notice: {len(found)} cache files in {folder} were damaged; they were built again"
        for folder, found in by_folder.items()
    ]


def _worded(error: Exception, *, debug: bool) -> CareciteError:
    """An error that is not carecite's own, in carecite's form."""
    if isinstance(error, OSError):
        return file_error(error)
    if isinstance(error, UnicodeDecodeError):
        return CareciteError("a file is not UTF-8 text", hint="save it as UTF-8")
    if isinstance(error, MemoryError | RecursionError):
        return CareciteError(
            "the input is too large or too deeply nested to read",
            hint="check that the file is the one you meant",
        )
    library = type(error).__module__.split(".")[0]
    if library in _LIBRARIES:
        what, hint = _LIBRARIES[library]
        return CareciteError(f"{what}: {_one_line(error)}", hint=hint)
    if debug:
        import traceback  # only to report a bug: every command imports this module

        traceback.print_exception(error, file=sys.stderr)
    return CareciteError(
        f"internal error: {type(error).__name__}: {_one_line(error)}",
        hint="this is a bug in carecite; please report it with the command you ran"
        + ("" if debug else " and what 'carecite --debug …' prints"),
    )


def _printable(text: str) -> str:
    """``text`` on one line whatever it quotes: a control character or line separator
    (a case value may hold U+0085) is shown escaped, as ``\\x85``."""
    import unicodedata

    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush of a closed pipe says nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (a test runner's buffer): nothing will be flushed to a pipe
    finally:
        os.close(devnull)


@click.group(cls=CareciteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="carecite")
@click.option(
    "--bank",
    "bank_dir",
    type=CheckedPath(file_okay=False, path_type=Path),
    envvar="CARECITE_BANK",
    show_envvar=True,
    help="Quote-bank folder (default: your own bank made by 'carecite init' if there is "
    "one, else the bank shipped with carecite; 'carecite where' says which).",
)
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback to report.")
@click.pass_context
def cli(ctx: click.Context, bank_dir: Path | None, debug: bool) -> None:
    """Citable Ofsted findings and Word drafts for care proceedings.

    Errors are one line each, naming the file and line and what to do, with exit
    status 2. NO_COLOR (or output that is not a terminal) turns off every style.

    \b
    Example:
      carecite list --theme partnership
      carecite cite th17-lscb-inadequate
    """
    # No I/O here: this runs even for `carecite COMMAND --help`.
    ctx.obj = bank_dir
    ctx.meta[_DEBUG] = debug
    if os.environ.get("NO_COLOR"):
        ctx.color = False  # inherited by the command's context: click.echo strips styles


#: True when the process ends once the command returns: ``main`` sets it. A test or a
#: program that runs a command in-process leaves it False, and goes on as before.
process_ends_after_command = False


def main() -> None:
    """Entry point of the ``carecite`` console script.

    Once the command has finished and its output is flushed, the process ends at once
    (``os._exit``): the interpreter's own teardown, freeing every object of every module
    imported, cost a draft about 80 ms of CPU, a quarter of its run, and does nothing a
    command needs. Every file is written and closed before a command returns.
    """
    global process_ends_after_command
    process_ends_after_command = True
    status: int | None = None
    try:
        cli(prog_name="carecite")
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message to print: let Python's own exit print it
        status = stop.code or 0
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        with contextlib.suppress(OSError):
            sys.stderr.flush()
    # A profiler or coverage tracer writes its results at exit: let the interpreter end then.
    if status is not None and sys.getprofile() is None and sys.gettrace() is None:
        os._exit(status)
    if status:
        sys.exit(status)
