"""Reading a citation's pinpoint back, past what is not a pinpoint."""

from __future__ import annotations

import pytest

from carecite.cite.reading import read_pinpoint


def test_the_source_a_quotation_was_read_in_is_not_read_as_a_pinpoint() -> None:
    """'…, as quoted in Smith 2019 commentary': 2019 names the commentary, not a page."""
    cited = read_pinpoint("(n 3) para 23 [F12], as quoted in Smith 2019 commentary; Other 4")
    assert (cited.paragraphs, cited.pages) == ({23}, {4})


@pytest.mark.parametrize("cited", [", n 2, para 13 [F5]", "(n 2) para 13", "n. 2 para 13"])
def test_a_note_reference_is_not_a_page(cited: str) -> None:
    """ "report, n 2, para 13": OSCOLA's "(n 2)" without its brackets was read as page 2, so
    right words were failed "wrong pinpoint" (review7 E)."""
    assert (read_pinpoint(cited).paragraphs, read_pinpoint(cited).pages) == ({13}, set())


def test_a_bundle_page_in_section_n_is_no_note_reference() -> None:
    cited = read_pinpoint("[N14] 3")
    assert cited.pages == {3}
