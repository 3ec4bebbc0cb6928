"""Auditing a finished draft: one verdict per quotation."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from carecite.audit import audit_docx
from carecite.bank import load_bank


@pytest.fixture
def bank_dir(text_report_bank: tuple[Path, Path]) -> Path:
    """The folder holding bank/ and reports/."""
    return text_report_bank[0].parent


@pytest.mark.parametrize(
    ("sentence", "bank", "report"),
    [
        ("Ofsted said ‘Services are poor.’ in 2017.", "exact", "exact"),
        ("Ofsted said “Services are not poor.” in 2017.", "altered", "altered"),
    ],
    ids=["exact", "altered"],
)
def test_audit(bank_dir: Path, sentence, bank, report):
    draft = bank_dir / "draft.docx"
    document = docx.Document()
    document.add_paragraph(sentence)
    document.save(str(draft))
    result = audit_docx(draft, load_bank(bank_dir / "bank"), bank_dir / "reports")
    (line,) = result.lines
    assert (line.passage_id, line.bank, line.report) == ("ex-first", bank, report)
    assert "ex-first" in result.markdown()


def test_audit_of_a_document_without_a_default_paragraph_style(bank_dir: Path):
    # An unstyled paragraph then has no style at all; the audit once crashed reading its name.
    draft = bank_dir / "draft.docx"
    document = docx.Document()
    document.add_paragraph("Ofsted said ‘Services are poor.’ in 2017.")
    for style in document.styles.element.style_lst:
        style.attrib.pop(qn("w:default"), None)
    document.save(str(draft))
    result = audit_docx(draft, load_bank(bank_dir / "bank"), bank_dir / "reports")
    (line,) = result.lines
    assert (line.passage_id, line.bank, line.report) == ("ex-first", "exact", "exact")
