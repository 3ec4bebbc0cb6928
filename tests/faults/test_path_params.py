"""Every file or folder named on the command line: the wrong kind is one line, exit 2.

click's own refusal was a usage error of four lines (and called a loop of symbolic links
missing); ``carecite.cli.app.CheckedPath`` says it as every other bad input is said.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from carecite.cli.app import COMMAND_MODULES, CheckedPath, cli
from tests.faults.conftest import one_error

# Each path parameter of the command line, as (command, parameter), and a command line
# giving it the wrong kind of path: FILE a file where a folder belongs, FOLDER a folder
# where a file belongs, GONE a file that must exist and does not. The group's own
# options are under "".
WRONG_KIND = {
    ("", "bank_dir"): ["--bank", "FILE", "list"],
    ("add", "reports"): ["add", "x", "words", "--themes", "t", "--reports", "FILE"],
    ("audit", "draft"): ["audit", "GONE"],
    ("audit", "out"): ["audit", "FILE", "-o", "FOLDER"],
    ("audit", "reports"): ["audit", "FILE", "--reports", "FILE"],
    ("authorities", "data"): ["authorities", "--data", "FOLDER"],
    ("draft", "case_file"): ["draft", "position-statement", "FOLDER", "-o", "out.docx"],
    ("draft", "out"): ["draft", "position-statement", "FILE", "-o", "FOLDER"],
    ("draft", "reference_docx"): [
        *("draft", "position-statement", "FILE", "-o", "out.docx"),
        *("--reference-docx", "GONE"),
    ],
    ("examples", "folder"): ["examples", "FILE"],
    ("history", "data"): ["history", "Norfolk", "--data", "FOLDER"],
    ("history", "plot"): ["history", "Norfolk", "--plot", "FOLDER"],
    ("import", "report"): ["import", "FOLDER"],
    ("ingest", "report"): ["ingest", "FOLDER"],
    ("init", "folder"): ["init", "FILE"],
    ("locate", "report"): ["locate", "FOLDER", "words"],
    ("serve", "reports"): ["serve", "--reports", "FILE"],
    ("verify", "reports"): ["verify", "--reports", "FILE"],
}

SAID = {
    "FILE": "is a file, not a folder",
    "FOLDER": "is a folder, not a file",
    "GONE": "does not exist",
}


def _path_parameters() -> set[tuple[str, str]]:
    context = click.Context(cli)
    found = {("", p.name or "") for p in cli.params if isinstance(p.type, click.Path)}
    for name in COMMAND_MODULES:
        command = cli.get_command(context, name)
        assert command is not None
        found |= {(name, p.name or "") for p in command.params if isinstance(p.type, click.Path)}
    return found


def test_every_path_parameter_is_checked_and_tried_here() -> None:
    assert _path_parameters() == set(WRONG_KIND)
    context = click.Context(cli)
    for name, param in WRONG_KIND:
        command = cli if not name else cli.get_command(context, name)
        assert command is not None
        (given,) = [p for p in command.params if p.name == param]
        assert isinstance(given.type, CheckedPath), (name, param)


@pytest.mark.parametrize("where", sorted(WRONG_KIND), ids="/".join)
def test_the_wrong_kind_of_path_is_one_line(tmp_path: Path, where: tuple[str, str]) -> None:
    paths = {
        "FILE": tmp_path / "a-file.yaml",
        "FOLDER": tmp_path / "a-folder",
        "GONE": tmp_path / "gone.docx",
    }
    paths["FILE"].write_text("x: 1\n", encoding="utf-8")
    paths["FOLDER"].mkdir()
    args = [str(paths[a]) if a in paths else a for a in WRONG_KIND[where]]
    wrong = next(a for a in WRONG_KIND[where][::-1] if a in paths)
    before = sorted(tmp_path.rglob("*"))
    line = one_error(CliRunner().invoke(cli, args))
    assert line.startswith(f"error: {paths[wrong]}: {SAID[wrong]}")
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    "args",
    [["audit", "LOOP"], ["init", "LOOP"], ["--bank", "LOOP", "where"], ["ingest", "LOOP"]],
    ids=lambda args: " ".join(args),
)
def test_a_loop_of_symbolic_links_is_said_to_be_one(tmp_path: Path, args: list[str]) -> None:
    """click called it missing (audit), and pathlib's RuntimeError was a bug (init, where)."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    line = one_error(CliRunner().invoke(cli, [str(loop) if a == "LOOP" else a for a in args]))
    assert line == (
        f"error: {loop}: too many levels of symbolic links — the path is a loop of symbolic "
        "links: fix or remove the link"
    )
