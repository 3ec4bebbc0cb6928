"""Word files that are broken or hostile — a corrupt zip, damaged XML, a zip bomb — are one
line naming the file, exit 2, for the audit and as a --reference-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from tests.faults.conftest import Run, one_error


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("The report says ‘there is weak managerial oversight’.")
    document.save(str(path))
    return path


def _replace_member(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {m: archive.read(m) for m in archive.namelist() if m != name}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
        archive.writestr(name, data)


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """A .docx one of whose parts inflates from kilobytes to 5 MB (a small "zip bomb")."""
    path = _docx(tmp_path / "bomb.docx")
    _replace_member(path, "word/media/padding.bin", b"\0" * 5_000_000)
    return path


def test_the_audit_refuses_a_zip_bomb_before_inflating_it(
    run: Run, bomb: Path, tmp_path: Path
) -> None:
    line = one_error(run("audit", str(bomb), "--reports", str(tmp_path)))
    assert line.startswith(f"error: {bomb}: would expand to ")
    assert "(word/media/padding.bin inflates over 200 times)" in line


def test_a_reference_docx_that_is_a_zip_bomb_is_refused(
    run: Run, bomb: Path, case_file: Path, draft: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.docx"
    line = one_error(run(*draft, str(case_file), "-o", str(out), "--reference-docx", str(bomb)))
    assert line.startswith(f"error: {bomb}: would expand to ")
    assert not out.exists()


@pytest.mark.parametrize("part", ["word/document.xml", "word/footnotes.xml", "word/styles.xml"])
def test_damaged_xml_in_a_draft_is_one_line(
    run: Run, case_file: Path, draft: tuple[str, str], tmp_path: Path, part: str
) -> None:
    path = tmp_path / "draft.docx"
    assert run(*draft, str(case_file), "-o", str(path)).exit_code == 0  # it has footnotes
    with zipfile.ZipFile(path) as archive:
        assert part in archive.namelist()
    _replace_member(path, part, b"<w:document><unclosed></w:document>")
    line = one_error(run("audit", str(path), "--reports", str(tmp_path)))
    assert line.startswith(f"error: {path}: ")


def test_a_reference_docx_that_is_not_a_zip(
    run: Run, case_file: Path, draft: tuple[str, str], tmp_path: Path
) -> None:
    fake = tmp_path / "house.docx"
    fake.write_bytes(b"PK\x03\x04 but then nothing of a zip")
    line = one_error(
        run(*draft, str(case_file), "-o", str(tmp_path / "o.docx"), "--reference-docx", str(fake))
    )
    assert line.startswith(f"error: {fake}: cannot be used as a reference document")


@pytest.mark.parametrize("content", ["", "   "], ids=["blank", "spaces"])
def test_a_draft_with_no_text_is_refused_not_passed(run: Run, tmp_path: Path, content: str) -> None:
    """A blank document (the wrong file) was '0 quotations checked; 0 need attention',
    exit 0: a cite-check to sign off on."""
    path = tmp_path / "draft.docx"
    document = docx.Document()
    document.add_paragraph(content)
    document.save(str(path))
    line = one_error(run("audit", str(path), "--reports", str(tmp_path)))
    assert line == (
        f"error: {path}: the Word document holds no text: there is nothing to cite-check — "
        "give the finished draft's .docx"
    )
