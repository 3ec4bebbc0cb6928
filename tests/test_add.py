"""Adding a passage from the report: located, widened, appended as text, re-validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from carecite.add import add_passage
from carecite.errors import BankError, SourceError

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
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "example.txt").write_text("\f".join(PAGES), encoding="utf-8")
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(THEMES, encoding="utf-8")
    (bank / "example-2017.yaml").write_text(SOURCE, encoding="utf-8")
    return bank, tmp_path / "reports"


@pytest.mark.parametrize(
    ("words", "whole", "text", "page", "paragraph"),
    [
        (
            "have not ensured that plans",
            True,
            "Managers have not ensured that plans are reviewed.",
            2,
            None,
        ),
        ("25 children had not been seen", False, "25 children had not been seen", 3, 1),
    ],
    ids=["whole-sentence-unnumbered", "words-in-paragraph"],
)
def test_add_appends_and_preserves(setup, words, whole, text, page, paragraph):
    bank, reports = setup
    added = add_passage(bank, "example-2017", words, ["oversight"], reports, whole_sentence=whole)
    assert (added.text, added.page, added.paragraph) == (text, page, paragraph)
    written = (bank / "example-2017.yaml").read_text(encoding="utf-8")
    assert written.startswith(SOURCE)
    assert f"  - id: {added.id}\n" in written


@pytest.mark.parametrize(
    ("words", "kwargs", "error"),
    [
        ("Managers have ensured that plans", {}, SourceError),
        ("Services are poor", {"passage_id": "ex-first"}, BankError),
    ],
    ids=["not-verbatim", "id-taken"],
)
def test_add_refuses_and_leaves_file(setup, words, kwargs, error):
    bank, reports = setup
    with pytest.raises(error):
        add_passage(bank, "example-2017", words, ["oversight"], reports, **kwargs)
    assert (bank / "example-2017.yaml").read_text(encoding="utf-8") == SOURCE
