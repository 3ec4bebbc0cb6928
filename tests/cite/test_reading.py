"""Reading a citation's pinpoint back, past what is not a pinpoint."""

from __future__ import annotations

from carecite.cite.reading import read_pinpoint


def test_the_source_a_quotation_was_read_in_is_not_read_as_a_pinpoint() -> None:
    """'…, as quoted in Smith 2019 commentary': 2019 names the commentary, not a page."""
    cited = read_pinpoint("(n 3) para 23 [F12], as quoted in Smith 2019 commentary; Other 4")
    assert (cited.paragraphs, cited.pages) == ({23}, {4})
