"""What carecite writes, the audit reads back: every pinpoint form its citation writers give
(OSCOLA full, short, ibid, practitioner, bundled, a judgment's, a witness's exhibit
reference), each with and without pages, is checked by the audit's citation check — a right
pinpoint passes, and a wrong page or paragraph that the form gives is flagged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecite.cite.bundle import BundlePlace
from carecite.cite.citation import format_citation, format_ibid, format_pinpoint
from carecite.draft.audit.citations import CitationCheck, check_citation
from carecite.model import Passage, Source, SourceKind, Verdict
from carecite.reports.locate import Location

REPORT = Source(
    id="example-2017",
    kind=SourceKind.INSPECTION_REPORT,
    title="Example Borough: Inspection of children’s services",
    short_name="Ofsted 2017 report",
    author="Ofsted",
    publisher="Ofsted",
    published=date(2017, 4, 7),
)
JUDGMENT = Source(
    id="re-bs",
    kind=SourceKind.JUDGMENT,
    title="Re B-S (Children)",
    short_name="Re B-S",
    author="Court of Appeal",
    published=date(2013, 9, 17),
    citation="[2013] EWCA Civ 1146",
)
SOURCES = {source.id: source for source in (REPORT, JUDGMENT)}
BUNDLE = BundlePlace("F", 1)


@dataclass(frozen=True)
class Form:
    """One way carecite writes a pinpoint, and which numbers it gives."""

    name: str
    write: Callable[[Passage], str]
    pages: bool  # the form gives the page (of numbered text; unnumbered text is its page)
    paragraphs: bool = True
    source: Source = REPORT


def _exhibit(passage: Passage) -> str:
    # draft.render's exhibit_ref: "AB1 p 5, para 23", the page apart from the paragraphs.
    pages = format_pinpoint(replace(passage, paragraph=None, paragraph_end=None))
    paragraphs = format_pinpoint(replace(passage, page=None, page_end=None))
    where = [pages.replace("pages", "pp").replace("page", "p")] if pages else []
    return "AB1 " + ", ".join(where + ([paragraphs] if paragraphs else []))


def _cite(**options: Any) -> Callable[[Passage], str]:
    return lambda passage: format_citation([passage], SOURCES, **options).text


FORMS = [
    Form("oscola", _cite(), pages=False),
    Form("oscola --pages", _cite(pages=True), pages=True),
    Form("oscola short", _cite(short=True, note=3), pages=False),
    Form("oscola short --pages", _cite(short=True, note=3, pages=True), pages=True),
    Form("practitioner", _cite(style="practitioner"), pages=False),
    Form("practitioner --pages", _cite(style="practitioner", pages=True), pages=True),
    Form("oscola bundled", _cite(bundle={REPORT.id: BUNDLE}), pages=False),
    Form("short bundled", _cite(short=True, note=3, bundle={REPORT.id: BUNDLE}), pages=False),
    Form("practitioner bundled", _cite(style="practitioner", bundle={REPORT.id: BUNDLE}), False),
    Form("ibid", lambda p: format_ibid([p]), pages=False),
    Form("ibid --pages", lambda p: format_ibid([p], pages=True), pages=True),
    Form("ibid bundled", lambda p: format_ibid([p], place=BUNDLE), pages=False),
    Form("pinpoint", lambda p: "Ofsted 2017 report " + format_pinpoint(p), pages=True),
    Form("in words", lambda p: "Ofsted 2017 report " + format_pinpoint(p, words=True), False),
    Form("exhibit", _exhibit, pages=True),
    Form("judgment", _cite(), pages=False, source=JUDGMENT),
    Form("judgment short", _cite(short=True, note=3), pages=False, source=JUDGMENT),
    Form("judgment at", _cite(short=True), pages=False, source=JUDGMENT),
    Form("judgment ibid", lambda p: format_ibid([p], judgment=True), pages=False, source=JUDGMENT),
]


@st.composite
def pins(draw: st.DrawFn, numbered: bool) -> tuple[int, int | None, int | None, int | None]:
    """(page, page_end, paragraph, paragraph_end) of some text in a report."""
    page = draw(st.integers(1, 60))
    page_end = draw(st.one_of(st.none(), st.integers(page + 1, page + 2)))
    if not numbered:
        return page, page_end, None, None
    paragraph = draw(st.integers(1, 150))
    paragraph_end = draw(st.one_of(st.none(), st.integers(paragraph + 1, paragraph + 3)))
    return page, page_end, paragraph, paragraph_end


def _passage(source: Source, pin: tuple[int, int | None, int | None, int | None]) -> Passage:
    page, page_end, paragraph, paragraph_end = pin
    return Passage("p", source.id, "Words.", page, page_end, paragraph, paragraph_end)


def _check(form: Form, cited: Passage, truth: Passage) -> CitationCheck:
    """The audit's check of ``form``'s citation of ``cited`` for words at ``truth``."""
    location = Location(
        Verdict.EXACT, truth.page, truth.page_end, truth.paragraph, truth.paragraph_end
    )
    return check_citation(form.write(cited), [form.source.id], form.source, truth, location)[0]


def _overlap(a: range, b: range) -> bool:
    return bool(set(a) & set(b))


def _span(first: int | None, last: int | None) -> range:
    return range(0) if first is None else range(first, (last or first) + 1)


@pytest.mark.parametrize("form", FORMS, ids=[form.name for form in FORMS])
@given(data=st.data())
def test_every_pinpoint_form_is_read_back(form: Form, data: st.DataObject) -> None:
    numbered = form.paragraphs and (form.source is JUDGMENT or data.draw(st.booleans()))
    truth = _passage(form.source, data.draw(pins(numbered)))
    assert _check(form, truth, truth) is CitationCheck.OK, form.write(truth)

    cited = _passage(form.source, data.draw(pins(numbered)))
    pages_right = _overlap(_span(cited.page, cited.page_end), _span(truth.page, truth.page_end))
    paragraphs_right = _overlap(
        _span(cited.paragraph, cited.paragraph_end), _span(truth.paragraph, truth.paragraph_end)
    )
    # Unnumbered text is pinpointed by its page in every form.
    right = paragraphs_right and (pages_right or not form.pages) if numbered else pages_right
    check = _check(form, cited, truth)
    wanted = CitationCheck.OK if right else CitationCheck.WRONG_PINPOINT
    assert check is wanted, (form.write(cited), format_pinpoint(truth))


def test_the_page_in_brackets_beside_a_paragraph_is_checked() -> None:
    """'para 1 (p 9) [F3]', as `carecite cite --pages` writes it, where para 1 is on p 3."""
    truth = _passage(REPORT, (3, None, 1, None))
    location = Location(Verdict.EXACT, 3, None, 1, None)
    for citation in ("ibid para 1 (p 9) [F3]", "ibid para 1 (p 4)", "ibid para 1 (pp 4–5)"):
        check, why = check_citation(citation, [REPORT.id], REPORT, truth, location)
        assert (check, why) == (CitationCheck.WRONG_PINPOINT, "the words are at page 3, para 1")
    assert check_citation("ibid para 1 (p 3)", [REPORT.id], REPORT, truth, location)[0] == "ok"
