"""The one boundary: any failure of a command is one line and exit 2, a bug included."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import jinja2
import pytest
import yaml
from lxml import etree
from pypdf.errors import PdfReadError

from tests.conftest import THEMES_YAML
from tests.faults.conftest import Run, one_error


def _fail_with(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def load_bank(directory: object) -> None:
        raise error

    monkeypatch.setattr("carecite.bank.load.load_bank", load_bank)


def test_a_bug_is_one_line_saying_so_and_how_to_report_it(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_with(monkeypatch, ZeroDivisionError("division by zero"))
    line = one_error(run("list"))
    assert line == (
        "error: internal error: ZeroDivisionError: division by zero — this is a bug in "
        "carecite; please report it with the command you ran and what "
        "'carecite --debug …' prints"
    )


def test_debug_shows_the_traceback_of_a_bug(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    _fail_with(monkeypatch, ZeroDivisionError("division by zero"))
    result = run("--debug", "list")
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: division by zero" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("error: internal error:")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            PermissionError(13, "Permission denied", "/cases/a.yaml"),
            "error: /cases/a.yaml: permission denied — check the permissions of the file and its folder",
        ),
        (
            OSError(28, "No space left on device"),
            "error: no space left on device — the disk is full: free some space or write somewhere else",
        ),
        (
            yaml.YAMLError("bad document"),
            "error: cannot read the YAML: bad document — fix the file there",
        ),
        (
            jinja2.TemplateSyntaxError("unexpected '}'", 3),
            "error: the template failed: unexpected '}' line 3 — fix the template at that line",
        ),
        (
            PdfReadError("Stream has ended unexpectedly"),
            "error: cannot read this PDF: Stream has ended unexpectedly — check that it opens in "
            "a PDF reader, or download it again",
        ),
        (
            zipfile.BadZipFile("File is not a zip file"),
            "error: not a readable Word (.docx) file: File is not a zip file — open it in Word "
            "and save it again",
        ),
        (
            sqlite3.DatabaseError("database disk image is malformed"),
            "error: the search cache cannot be used: database disk image is malformed — run "
            "'carecite where' and delete the cache folder it names; it is rebuilt",
        ),
        (
            RecursionError("maximum recursion depth exceeded"),
            "error: the input is too large or too deeply nested to read — check that the file "
            "is the one you meant",
        ),
    ],
    ids=["os-permission", "os-disk-full", "yaml", "jinja", "pypdf", "zip", "sqlite", "recursion"],
)
def test_library_and_system_errors_are_worded_not_bugs(
    run: Run, monkeypatch: pytest.MonkeyPatch, error: BaseException, expected: str
) -> None:
    _fail_with(monkeypatch, error)
    assert one_error(run("list")) == expected


def test_an_xml_error_is_the_documents_not_a_bug(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        etree.fromstring(b"<w:document><unclosed></w:document>")
    except etree.XMLSyntaxError as error:
        _fail_with(monkeypatch, error)
    line = one_error(run("list"))
    assert line.startswith("error: the Word document holds broken XML: ")


def test_a_pdfium_error_is_the_pdfs_not_a_bug(tmp_path: Path) -> None:
    """A page PDFium cannot load (its page tree loops) is the PDF's fault: one line."""
    pytest.importorskip("pypdfium2")
    pdf = tmp_path / "loop.pdf"
    pdf.write_bytes(LOOPING_PDF)
    result = subprocess.run(
        [sys.executable, "-m", "carecite", "ingest", str(pdf)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "internal error" not in line, line
    assert "PDF" in line


# A page whose parent is itself: PDFium opens the file and fails on the page.
LOOPING_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj
4 0 obj << /Length 10 >> stream
0123456789
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def test_usage_errors_stay_clicks(run: Run) -> None:
    result = run("list", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.stderr


def _many_passages_bank(folder: Path, count: int) -> Path:
    folder.mkdir()
    (folder / "themes.yaml").write_text(THEMES_YAML, encoding="utf-8")
    passages = "".join(
        textwrap.dedent(f"""\
          - id: ex-{n}
            text: Passage number {n} says that managers do not provide sufficient challenge.
            page: 5
            paragraph: {n}
            section: Help and protection
            themes: [partnership]
            checked: report
        """)
        for n in range(1, count + 1)
    )
    header = textwrap.dedent("""\
        source:
          id: big-2017
          kind: inspection-report
          author: Ofsted
          title: "Example: Inspection"
          short_name: Ofsted 2017 report
          published: 2017-04-07
          framework: SIF
          authority: Example Borough
          report_file: null
          note: a test bank
        passages:
    """)
    (folder / "big-2017.yaml").write_text(header + passages, encoding="utf-8")
    return folder


def test_a_closed_pipe_ends_quietly_with_status_0(tmp_path: Path) -> None:
    """`carecite list | head -1`: head closes the pipe; carecite says nothing, exits 0."""
    bank = _many_passages_bank(tmp_path / "bank", 1500)  # ~250 kB: more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "carecite", "--bank", str(bank), "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        first = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b"ex-1 ")
    assert stderr == b""


@pytest.mark.parametrize(("no_color", "styled"), [("1", False), ("", True)])
def test_no_color_turns_off_bold(bank: Path, no_color: str, styled: bool) -> None:
    from click.testing import CliRunner

    from carecite.cli.app import cli

    result = CliRunner(env={"NO_COLOR": no_color}).invoke(
        cli, ["--bank", str(bank), "search", "managerial oversight"], color=True
    )
    assert result.exit_code == 0, result.output
    assert ("\x1b[1m" in result.stdout) is styled


def test_output_that_is_not_a_terminal_has_no_styles(bank: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "carecite", "--bank", str(bank), "search", "oversight"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "oversight" in result.stdout
    assert "\x1b[" not in result.stdout


def test_an_error_quoting_a_line_break_stays_one_line(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecite.errors import CaseError

    _fail_with(
        monkeypatch, CaseError("no authority called 'A\x85B\nC\u2028D'", path="c.yaml", line=3)
    )
    assert one_error(run("list")) == "error: c.yaml:3: no authority called 'A\\x85B\\nC\\u2028D'"
