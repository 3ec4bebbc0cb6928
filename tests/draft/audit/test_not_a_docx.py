"""A file given where the draft's .docx belongs is named as what it is, with what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli
from carecite.draft.audit.docxtext import read_docx
from carecite.errors import SourceError

REPORT_HINT = (
    "cite-check the draft's .docx, not a PDF of it; if this is an Ofsted report, keep it in "
    "the reports folder (the bank's reports/, or --reports DIR): the audit checks a draft's "
    "quotations against it there, and carecite verify the bank's passages"
)
SAVE_AS = "open it in Word or LibreOffice and save it as a Word document (.docx)"


def odt() -> bytes:
    """An OpenDocument text as LibreOffice writes one: ``mimetype`` first, stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


KINDS = [
    pytest.param(
        "report.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "this is a PDF, not a Word document (.docx)",
        REPORT_HINT,
        id="pdf",
    ),
    pytest.param(  # Word's old container, which also holds a .docx locked with a password
        "skeleton.doc",
        bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504),
        "this is a Word 97–2003 document (.doc), or a .docx locked with a password: only an "
        "unlocked .docx can be cite-checked",
        "open it in Word or LibreOffice, remove any password and save it as a .docx",
        id="doc",
    ),
    pytest.param(
        "skeleton.odt",
        odt(),
        "this is an OpenDocument text (.odt), not a Word document (.docx)",
        SAVE_AS,
        id="odt",
    ),
    pytest.param(
        "skeleton.rtf",
        b"{\\rtf1\\ansi Ofsted found \\u8216?Services are poor.\\u8217?}",
        "this is a Rich Text document (.rtf), not a Word document (.docx)",
        SAVE_AS,
        id="rtf",
    ),
]


@pytest.mark.parametrize(("name", "content", "message", "hint"), KINDS)
def test_the_file_is_named_as_what_it_is(
    tmp_path: Path, name: str, content: bytes, message: str, hint: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as refused:
        read_docx(path)
    (problem,) = refused.value.problems
    assert (problem.path, problem.message, problem.hint) == (str(path), message, hint)


def test_a_file_of_no_known_kind_is_said_without_the_zip_library_s_words(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Ofsted found ‘Services are poor.’", encoding="utf-8")
    with pytest.raises(SourceError) as refused:
        read_docx(path)
    assert str(refused.value.problems[0]) == (
        f"{path}: cannot read the Word document (it is not a .docx, or it is damaged) — give a "
        ".docx saved by Word, LibreOffice or carecite draft"
    )


@pytest.mark.parametrize(("name", "content", "message", "hint"), KINDS)
def test_audit_says_so_and_exits_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes,
    message: str,
    hint: str,
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["audit", str(path), "--reports", str(reports)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {path}: {message} — {hint}\n"
    assert path.read_bytes() == content
