"""Broken bank and case files: each fault is a problem at its file and line, never a crash,
a hang or a false "all valid"."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result

from carecite.yamlfile import MAX_DEPTH, parse_yaml
from tests.conftest import REPORT_YAML, THEMES_YAML, BankMaker, make_not_a_file
from tests.faults.conftest import CASE_YAML, Run, one_error

REPORT = "report-2017.yaml"


def _errors(result: Result) -> list[str]:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize(
    "text", ["", "# only a comment\n", "\n\n   \n"], ids=["empty", "comment", "blank"]
)
@pytest.mark.parametrize("name", ["themes.yaml", REPORT])
def test_an_empty_file_is_an_error_not_all_valid(
    make_bank: BankMaker, run: Run, name: str, text: str
) -> None:
    folder = make_bank()
    (folder / name).write_text(text, encoding="utf-8")
    result = run("check")
    assert (
        f"error: {folder / name}: holds no data (it is empty or only comments) — write its contents, or remove the file"
        in _errors(result)
    )
    assert "all valid" not in result.output


@pytest.fixture
def odd_files(make_bank: BankMaker) -> Iterator[Path]:
    """A bank holding every kind of thing that is not a regular file, named *.yaml."""
    folder = make_bank()
    (folder / "folder.yaml").mkdir()
    os.mkfifo(folder / "fifo.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "socket.yaml"))
        yield folder


def test_files_that_are_not_regular_are_reported_never_opened(odd_files: Path, run: Run) -> None:
    errors = _errors(run("check"))  # a FIFO opened for reading would hang here
    assert errors == [
        f"error: {odd_files / 'dangling.yaml'}: is a symbolic link to nothing — fix or remove it",
        f"error: {odd_files / 'fifo.yaml'}: is a pipe, socket or device, not a file — rename or remove it",
        f"error: {odd_files / 'folder.yaml'}: is a folder, not a file — rename or remove it",
        f"error: {odd_files / 'loop.yaml'}: is a loop of symbolic links — fix or remove it",
        f"error: {odd_files / 'socket.yaml'}: is a pipe, socket or device, not a file — rename or remove it",
    ]


def test_search_reports_them_too_once_its_cache_is_built(make_bank: BankMaker, run: Run) -> None:
    """A warm search listed only regular files, so it answered from the cache of the bank
    before them while every other command refused them."""
    folder = make_bank()
    assert run("search", "oversight").exit_code == 0
    (folder / "folder.yaml").mkdir()
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    assert _errors(run("search", "oversight")) == [
        f"error: {folder / 'dangling.yaml'}: is a symbolic link to nothing — fix or remove it",
        f"error: {folder / 'folder.yaml'}: is a folder, not a file — rename or remove it",
        f"error: {folder / 'loop.yaml'}: is a loop of symbolic links — fix or remove it",
    ]


def test_search_refuses_a_yml_file_added_once_its_cache_is_built(
    make_bank: BankMaker, run: Run
) -> None:
    """The cache's freshness listed only .yaml files, so a warm search answered from the
    bank before the .yml file while check and every other command refused the bank."""
    folder = make_bank()
    assert run("search", "oversight").exit_code == 0
    (folder / "later-2023.yml").write_text(REPORT_YAML, encoding="utf-8")
    said = f"error: {folder / 'later-2023.yml'}: is not read: bank files end in .yaml — rename it to .yaml"
    assert _errors(run("check")) == [said]
    assert one_error(run("search", "oversight")) == said


def test_an_editors_hidden_files_are_not_the_banks(make_bank: BankMaker, run: Run) -> None:
    """Emacs's lock (a link to nothing) and a Mac's "._" file on a shared drive end in .yaml:
    taken for sources, they made every command refuse the bank while a file was open."""
    folder = make_bank()
    assert run("search", "oversight").exit_code == 0
    (folder / ".#report-2017.yaml").symlink_to("user@host.1234:1700000000")
    (folder / "._report-2017.yaml").write_bytes(b"\x00\x05\x16\x07")
    assert run("check").exit_code == 0
    assert run("search", "oversight").exit_code == 0


def test_a_yaml_file_in_capitals_is_said_not_read(make_bank: BankMaker, run: Run) -> None:
    """ "notes.YAML" was neither read nor said: a source written in it was lost unnoticed."""
    folder = make_bank()
    (folder / "later-2023.YAML").write_text(REPORT_YAML, encoding="utf-8")
    said = f"error: {folder / 'later-2023.YAML'}: is not read: bank files end in .yaml — rename it to .yaml"
    assert _errors(run("check")) == [said]


@pytest.mark.parametrize("kind", ["folder", "loop"])
def test_a_thesaurus_that_is_not_a_file_is_reported(
    make_bank: BankMaker, run: Run, kind: str
) -> None:
    """It was passed over (a folder: 'check' said all valid) or a bug (a loop: pathlib's
    RuntimeError)."""
    folder = make_bank()
    thesaurus = folder / "thesaurus.yaml"
    said = make_not_a_file(thesaurus, kind)
    assert _errors(run("check")) == [f"error: {thesaurus}: {said}"]
    assert one_error(run("search", "oversight")) == f"error: {thesaurus}: {said}"


def test_a_themes_file_that_is_a_fifo_is_reported(make_bank: BankMaker, run: Run) -> None:
    folder = make_bank()
    (folder / "themes.yaml").unlink()
    os.mkfifo(folder / "themes.yaml")
    assert (
        f"error: {folder / 'themes.yaml'}: is a pipe, socket or device, not a file — rename or remove it"
        in _errors(run("check"))
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_reported(make_bank: BankMaker, run: Run) -> None:
    folder = make_bank()
    (folder / REPORT).chmod(0)
    try:
        errors = _errors(run("check"))
    finally:
        (folder / REPORT).chmod(0o644)
    assert errors == [
        f"error: {folder / REPORT}: cannot be read (permission denied) — check the file and its permissions"
    ]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# (what the report's text becomes, the line it is at, the error's words after file:line)
VALUE_FAULTS = [
    (
        "  framework: SIF",
        "  framework: [SIF]",
        "'source.framework' must be one value, not a list — write it as plain text, e.g. 'pre-SIF'",
    ),
    (
        "    page: 5\n",
        "    page: !!float abc\n",
        "YAML error: cannot read 'abc' as !!float — fix the value there",
    ),
    (
        "    page: 5\n",
        "    page: !!int abc\n",
        "YAML error: cannot read 'abc' as !!int — fix the value there",
    ),
    (
        "  published: 2017-04-07",
        "  published: !!timestamp 2017-13-45x",
        "YAML error: cannot read '2017-13-45x' as !!timestamp — fix the value there",
    ),
    (
        "    page: 5\n",
        "    page: " + "9" * 5000 + "\n",
        "YAML error: a number of 5000 digits is too long — fix the value there",
    ),
    (
        "    page: 5\n",
        "    page: !!python/object/apply:os.system [echo hi]\n",
        "YAML error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system' — fix the value there",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    VALUE_FAULTS,
    ids=["list-for-scalar", "float-tag", "int-tag", "timestamp-tag", "huge-int", "python-tag"],
)
def test_a_bad_value_is_reported_at_its_line(
    make_bank: BankMaker, run: Run, old: str, new: str, said: str
) -> None:
    text = REPORT_YAML.replace(old, new, 1)
    folder = make_bank({REPORT: text})
    assert _errors(run("check")) == [f"error: {folder / REPORT}:{_line(text, new.strip())}: {said}"]


@pytest.mark.parametrize(
    "bad_id",
    ["ex\\nsplit", "ex split", "ex\\tsplit", " ex-lead"],
    ids=["newline", "space", "tab", "leading"],
)
def test_an_id_with_whitespace_is_refused(make_bank: BankMaker, run: Run, bad_id: str) -> None:
    text = REPORT_YAML.replace("  - id: ex-summary", f'  - id: "{bad_id}"', 1)
    folder = make_bank({REPORT: text})
    [error] = _errors(run("check"))
    assert error.startswith(f"error: {folder / REPORT}:{_line(text, bad_id)}: 'passages[1].id' ")
    assert "is not a valid id" in error


def test_nesting_past_the_limit_is_refused(make_bank: BankMaker, run: Run) -> None:
    deep = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    folder = make_bank({REPORT: REPORT_YAML + f"extra: {deep}\n"})
    [error] = _errors(run("check"))
    assert error.startswith(f"error: {folder / REPORT}:")
    assert f"nested more than {MAX_DEPTH} levels deep" in error


def test_an_alias_bomb_is_refused_before_it_is_built() -> None:
    """The "billion laughs": nine levels of nine aliases, 9**9 values if expanded."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    data, problem = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert data is None and problem is not None
    assert "its aliases expand to more than 2,000,000 values" in problem.message
    assert problem.line is not None


def test_a_few_aliases_are_still_fine() -> None:
    data, problem = parse_yaml("a: &x [1, 2]\nb: *x\n", "ok.yaml")
    assert problem is None and data == {"a": [1, 2], "b": [1, 2]}


# --- case files: the same classes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("case_number: ZE17C00000", "case_number: [ZE17C00000]", "'case_number' must be text"),
        (
            "date: 2017-06-09",
            "date: !!timestamp 2017-99-99",
            "cannot read '2017-99-99' as !!timestamp",
        ),
        ("date: 2017-06-09", "date: " + "1" * 5000, "a number of 5000 digits is too long"),
    ],
    ids=["list-for-scalar", "bad-timestamp", "huge-int"],
)
def test_a_bad_case_value_is_reported_at_its_line(
    run: Run, tmp_path: Path, draft: tuple[str, str], old: str, new: str, said: str
) -> None:
    text = CASE_YAML.replace(old, new, 1)
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    line = one_error(run(*draft, str(case), "-o", str(tmp_path / "out.docx")))
    assert line.startswith(f"error: {case}:{_line(text, new)}: ")
    assert said in line
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("kind", ["empty", "folder", "fifo", "dangling"])
def test_a_case_file_that_cannot_be_read(
    run: Run, tmp_path: Path, draft: tuple[str, str], kind: str
) -> None:
    case = tmp_path / "case.yaml"
    if kind == "empty":
        case.write_text("# nothing yet\n", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(case)
    elif kind == "dangling":
        case.symlink_to(tmp_path / "gone.yaml")
    result = run(
        *draft, str(case if kind != "folder" else tmp_path), "-o", str(tmp_path / "out.docx")
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()
    expected = {
        "empty": "holds no data",
        "folder": "is a folder, not a file (CASE_FILE names a file)",
        "fifo": "is a pipe, socket or device, not a file",
        "dangling": "is a symbolic link to nothing",
    }[kind]
    assert expected in result.stderr


def test_themes_fixture_is_valid(make_bank: BankMaker, run: Run) -> None:
    """The baseline every fault above changes one thing of: a valid bank."""
    make_bank()
    result = run("check")
    assert result.exit_code == 0, result.output
    assert THEMES_YAML.count("label:") == 2
