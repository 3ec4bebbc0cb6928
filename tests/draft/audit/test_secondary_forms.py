"""A report's words read in a commentary are cited 'as quoted in' it in every form carecite
writes, and the audit still reads each form back: it names the report, and its pinpoint is
the report's, not the numbers in the commentary's name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecite.cite.bundle import BundlePlace
from carecite.cite.citation import format_citation
from carecite.cite.notes import NoteCitations
from carecite.draft.audit.citations import CitationCheck, SourceNames, check_citation
from carecite.model import Checked, Passage, Source, SourceKind, Verdict
from carecite.reports.locate import Location

REPORT = Source(
    id="example-2012",
    kind=SourceKind.INSPECTION_REPORT,
    title="Example Borough: Inspection of safeguarding",
    short_name="Ofsted 2012 report",
    author="Ofsted",
    publisher="Ofsted",
    published=None,
)
# Its name holds a number that is not a pinpoint.
COMMENTARY = replace(
    REPORT, id="smith", kind=SourceKind.COMMENTARY, title="Comment", short_name="Smith 2019 note"
)
SOURCES = {s.id: s for s in (REPORT, COMMENTARY)}
BUNDLE = {REPORT.id: BundlePlace("F", 1)}


def _later(bundle: dict[str, BundlePlace] | None = None) -> Callable[[Passage], str]:
    """A later note citing the passage, after a first note citing it in full."""

    def write(passage: Passage) -> str:
        notes = NoteCitations(SOURCES, bundle=bundle)
        notes.cite([passage])
        return notes.cite([passage]).parts[0].text

    return write


def _cite(**options: Any) -> Callable[[Passage], str]:
    return lambda passage: format_citation([passage], SOURCES, **options).text


FORMS = {
    "full": _cite(),
    "full --pages": _cite(pages=True),
    "short": _cite(short=True, note=3),
    "practitioner --pages": _cite(style="practitioner", pages=True),
    "bundled": _cite(bundle=BUNDLE),
    "practitioner bundled": _cite(style="practitioner", bundle=BUNDLE),
    "the note after the first": _later(),
    "the note after the first, bundled": _later(bundle=BUNDLE),
}


@pytest.mark.parametrize("form", FORMS)
@given(page=st.integers(1, 60), paragraph=st.integers(1, 150), wrong=st.integers(1, 150))
def test_secondary_forms_say_so_and_are_read_back(
    form: str, page: int, paragraph: int, wrong: int
) -> None:
    truth = Passage(
        "p",
        REPORT.id,
        "Words.",
        page,
        None,
        paragraph,
        None,
        checked=Checked.SECONDARY,
        checked_via=COMMENTARY.id,
    )
    location = Location(Verdict.EXACT, page, None, paragraph, None)
    names = SourceNames(SOURCES)
    for cited, wanted in ((truth, CitationCheck.OK), (replace(truth, paragraph=wrong), None)):
        citation = FORMS[form](cited)
        assert "as quoted in Smith 2019 note" in citation
        named = names.named(citation)[0]
        check = check_citation(citation, named, REPORT, truth, location)[0]
        right = wanted or (CitationCheck.OK if wrong == paragraph else CitationCheck.WRONG_PINPOINT)
        assert check is right, citation
