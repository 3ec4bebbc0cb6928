"""A sentence quoted from a passage running over a page break is cited at its own page.

Where the report is held in the bank's ``reports/`` folder, the draft cites the page (and
paragraph) the quoted words are on; without it, the passage's own pages stand, never a
page guessed. th17-p20-assessments runs over pages 13–14 of the Tower Hamlets 2017 report;
its first two sentences are on page 13.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.draft.audit.check import audit_docx
from carecite.draft.case import load_case
from carecite.draft.render import render_draft
from carecite.draft.write.docx import write_docx
from tests.conftest import REPORTS, needs_reports

REPO = Path(__file__).resolve().parents[2]
REPORT = "ofsted-tower-hamlets-2017-04-07.pdf"


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped bank with the 2017 report held in its reports/ folder."""
    folder = tmp_path_factory.mktemp("held") / "bank"
    shutil.copytree(REPO / "quotes", folder)
    (folder / "reports").mkdir()
    shutil.copy(REPORTS / REPORT, folder / "reports" / REPORT)
    return folder


def statement_case(tmp_path: Path) -> Path:
    """The example statement, also exhibiting an extract of th17-p20-assessments."""
    text = (REPO / "examples" / "re-a-statement.yaml").read_text(encoding="utf-8")
    text = text.replace("    - th17-lscb-inadequate\n", "    - th17-p20-assessments\n")
    path = tmp_path / "statement.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def extract_reference(markdown: str) -> str:
    (line,) = [x for x in markdown.splitlines() if "timeliness of assessments" in x]
    found = re.search(r"\((AB1 [^)]*)\)\.$", line)
    assert found is not None, line
    return found.group(1)


@needs_reports
def test_a_witness_statement_refers_to_the_extracts_own_page(held, tmp_path):
    bank = load_bank(held)
    draft = render_draft("witness-statement", load_case(statement_case(tmp_path), bank), bank)
    assert extract_reference(draft.markdown) == "AB1 p 13, para 20"


def test_without_the_report_the_passages_own_pages_stand(tmp_path):
    bank = load_bank(REPO / "quotes")
    draft = render_draft("witness-statement", load_case(statement_case(tmp_path), bank), bank)
    assert extract_reference(draft.markdown) == "AB1 pp 13–14, para 20"


def first_note(markdown: str) -> str:
    (note,) = re.findall(r"^\[\^1\]: (.*)$", markdown, flags=re.M)
    return note


POSITION = REPO / "examples" / "re-a-tower-hamlets.yaml"


@needs_reports
def test_a_position_statements_run_in_sentence_is_cited_at_its_own_bundle_page(held, tmp_path):
    bank = load_bank(held)
    draft = render_draft("position-statement", load_case(POSITION, bank), bank)
    assert first_note(draft.markdown).endswith(" para 20 \\[F13\\] (Ofsted 2017 report).")
    shipped = load_bank(REPO / "quotes")
    plain = render_draft("position-statement", load_case(POSITION, shipped), shipped)
    assert first_note(plain.markdown).endswith(" para 20 \\[F13–14\\] (Ofsted 2017 report).")


@needs_reports
@pytest.mark.parametrize("citations", ["footnotes", "inline"])
def test_the_audit_passes_the_narrower_pinpoint_against_the_report(held, tmp_path, citations):
    bank = load_bank(held)
    draft = render_draft("position-statement", load_case(POSITION, bank), bank, citations=citations)
    assert "\\[F13–14\\]" not in draft.markdown
    path = write_docx(draft.markdown, tmp_path / "position.docx")
    report = audit_docx(path, held, held / "reports")
    assert report.lines and not report.failed, [
        (line.quote[:40], line.citation, line.detail) for line in report.lines if line.failed
    ]


def test_a_held_report_that_cannot_be_read_is_warned_of_with_what_to_do(tmp_path):
    """A file in reports/ under the report's name that is no PDF: the passage's own pages
    stand, and the warning names the file, why, and what to put there."""
    folder = tmp_path / "bank"
    shutil.copytree(REPO / "quotes", folder)
    (folder / "reports").mkdir()
    (folder / "reports" / REPORT).write_text("not a PDF", encoding="utf-8")
    bank = load_bank(folder)
    draft = render_draft("witness-statement", load_case(statement_case(tmp_path), bank), bank)
    (warning,) = [str(w) for w in draft.warnings if REPORT in str(w)]
    assert "could not be read (is not a PDF" in warning
    assert warning.endswith(
        "put the report as Ofsted published it there, under that name, and draft again"
    )
    assert extract_reference(draft.markdown) == "AB1 pp 13–14, para 20"
