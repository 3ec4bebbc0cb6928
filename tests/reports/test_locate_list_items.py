"""A list item's bullet in a quotation: banks imported while ingest kept bullets hold
passages opening '• ', and drafts quoted them so; the report's blocks no longer hold it."""

from __future__ import annotations

from carecite.model import Verdict
from carecite.reports.ingest import read_text_pages
from carecite.reports.locate import locate_quote

REPORT = read_text_pages(
    [
        "What needs to improve?\n\n"
        "• Caseloads and management oversight so that children receive a timely service.\n"
        "• The practice relating to securing parental consent in the MASH.\n"
    ]
)


def test_a_quotation_opening_with_the_bullet_of_the_item_it_quotes_is_exact():
    found = locate_quote(
        REPORT, "• The practice relating to securing parental consent in the MASH."
    )
    assert (found.match, found.page, found.diff) == (Verdict.EXACT, 1, ())


def test_a_bullet_before_words_inside_an_item_is_a_change():
    found = locate_quote(REPORT, "• management oversight so that children receive a timely service")
    assert found.match is Verdict.ALTERED
    assert found.diff_text == "{+•+}"
