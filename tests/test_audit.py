"""Auditing a finished draft: one verdict per quotation."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from carecite.audit import audit_docx
from carecite.bank import load_bank

PAGES = [
    "Report   2\n\nExecutive summary\n\nServices are poor. Managers have not ensured that\n"
    "plans are reviewed. Staff are stretched.\n",
    "Report   3\n\nFindings\n\n1. Inspectors found that 25 children had not been seen.\n",
]
THEMES = "themes:\n  oversight:\n    label: Oversight\n    description: Management oversight.\n"
SOURCE = """\
# a comment that must survive
source:
  id: example-2017
  kind: inspection-report
  title: "Example Borough: Inspection"
  short_name: Ofsted 2017 report
  author: Ofsted
  authority: Example Borough
  published: 2017-04-07
  framework: SIF
  report_file: example.txt
passages:
  - id: ex-first
    text: Services are poor.
    page: 2
    paragraph: null
    section: Executive summary
    themes: [oversight]
    checked: report
"""


@pytest.fixture
def bank_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "example.txt").write_text("\f".join(PAGES), encoding="utf-8")
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(THEMES, encoding="utf-8")
    (bank / "example-2017.yaml").write_text(SOURCE, encoding="utf-8")
    return tmp_path


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
