"""Adding a passage from the report: located, widened, appended as text, re-validated."""

from __future__ import annotations

import re

import pytest

from carecite.errors import BankError, SourceError
from carecite.reports.add import add_passage
from tests.conftest import TEXT_REPORT_SOURCE


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
        # The words open their sentence: the sentence before must not be taken too.
        (
            "Managers have not ensured",
            True,
            "Managers have not ensured that plans are reviewed.",
            2,
            None,
        ),
    ],
    ids=["whole-sentence-unnumbered", "words-in-paragraph", "words-open-the-sentence"],
)
def test_add_appends_and_preserves(text_report_bank, words, whole, text, page, paragraph):
    bank, reports = text_report_bank
    added = add_passage(bank, "example-2017", words, ["oversight"], reports, whole_sentence=whole)
    assert (added.text, added.page, added.paragraph) == (text, page, paragraph)
    written = (bank / "example-2017.yaml").read_text(encoding="utf-8")
    assert written.startswith(TEXT_REPORT_SOURCE)
    assert f"  - id: {added.id}\n" in written


@pytest.mark.parametrize(
    ("words", "kwargs", "error"),
    [
        ("Managers have ensured that plans", {}, (SourceError, "not in the report verbatim")),
        ("Services are poor", {"passage_id": "ex-first"}, (BankError, "already used")),
        (
            "Services are poor.",
            {"passage_id": "ex-again"},
            (BankError, "already in the bank as 'ex-first'"),
        ),
    ],
    ids=["not-verbatim", "id-taken", "words-already-in-the-bank"],
)
def test_add_refuses_and_leaves_file(text_report_bank, words, kwargs, error):
    bank, reports = text_report_bank
    kind, message = error
    with pytest.raises(kind, match=re.escape(message)):
        add_passage(bank, "example-2017", words, ["oversight"], reports, **kwargs)
    assert (bank / "example-2017.yaml").read_text(encoding="utf-8") == TEXT_REPORT_SOURCE


def test_add_refuses_a_report_the_reports_folder_does_not_hold(text_report_bank):
    bank, reports = text_report_bank
    (reports / "example.txt").unlink()
    with pytest.raises(SourceError) as refused:
        add_passage(bank, "example-2017", "Services are poor", ["oversight"], reports)
    assert str(refused.value) == (
        f"{bank / 'example-2017.yaml'}: report file example.txt is not in {reports} — put the "
        "report in that folder, or pass --reports DIR"
    )
    assert (bank / "example-2017.yaml").read_text(encoding="utf-8") == TEXT_REPORT_SOURCE
