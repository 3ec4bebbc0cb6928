"""The bundle pages a draft's citations give a report: each fits where the draft says the
report is, the odd one out is flagged, whatever order the draft cites them in, a right
citation is never asked to be corrected, and one nothing can check is said not checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from carecite.draft.audit.citations import (
    BundleCitation,
    BundleStatement,
    CitationCheck,
    SourceNames,
    bundle_checks,
    bundle_statements,
    cited_bundle,
)
from carecite.draft.audit.docxtext import read_docx
from carecite.model import Passage, Source, SourceKind
from tests.conftest import plain_docx

REPORT = Source(
    id="example-2017",
    kind=SourceKind.INSPECTION_REPORT,
    title="Example Borough: Inspection",
    short_name="Ofsted 2017 report",
    author="Ofsted",
    published=date(2017, 4, 7),
    report_file="a.pdf",
)


def cited(
    note: int, bundle: str, page: int, page_end: int | None = None, repeats: int | None = None
) -> BundleCitation:
    """Footnote ``note``'s citation "para 1 {bundle}" of words on report ``page``; with
    ``repeats``, a bare "ibid." repeating that footnote's citation."""
    passage = Passage(
        id=f"p{note}", source=REPORT.id, text="words", page=page, page_end=page_end, paragraph=1
    )
    citation = cited_bundle(
        f"Ofsted 2017 report para 1 {bundle}",
        REPORT,
        passage,
        None,
        f"footnote {note}",
        None if repeats is None else f"footnote {repeats}",
    )
    assert citation is not None
    return citation


def stated(page: int, section: str = "F", where: str = "para 2") -> BundleStatement:
    """The draft's own line saying the report is at bundle page ``section`` ``page``."""
    return BundleStatement(REPORT.id, section, page, where)


def flagged(
    citations: list[BundleCitation], statements: tuple[BundleStatement, ...] = ()
) -> dict[str, CitationCheck]:
    return {c.where: check for c, (check, _) in bundle_checks(citations, statements).items()}


def test_only_the_odd_one_out_is_flagged_wherever_it_comes() -> None:
    """Filed from F1 (offset 0), one citation at F7 for words on page 4: it alone is
    wrong, first or last; the detail says where the words are and what it gave."""
    right = [cited(n, f"[F{page}]", page) for n, page in ((5, 4), (7, 9), (8, 12), (9, 13))]
    wrong = cited(4, "[F7]", 4)
    for citations in ([wrong, *right], [*right, wrong]):
        failures = bundle_checks(citations)
        assert list(failures) == [wrong]
        check, why = failures[wrong]
        assert check is CitationCheck.WRONG_BUNDLE_PAGE
        assert why == (
            "it gives [F7]; the words are on bundle page F4, as 4 of the draft's 5 citations "
            "printing this report's bundle pages place it"
        )


def test_as_many_one_way_as_the_other_flags_them_all_grouped_by_reading() -> None:
    citations = [cited(1, "[F4]", 4), cited(2, "[F9]", 7), cited(3, "[F6]", 6)]
    citations += [cited(4, "[F11]", 9), cited(5, "[F30]", 12)]
    failures = bundle_checks(citations)
    assert set(failures) == set(citations)
    for check, why in failures.values():
        assert check is CitationCheck.WRONG_BUNDLE_PAGE
        assert why == (
            "the draft's citations of this report place it at different bundle pages, none "
            "more often than another: footnote 1 [F4] and footnote 3 [F6] put the report's "
            "page 1 at F1; footnote 2 [F9] and footnote 4 [F11] put the report's page 1 at "
            "F3; footnote 5 [F30] fits none of these; check each against the bundle"
        )


def test_a_bare_ibid_has_no_vote() -> None:
    """Two of five printed bundle pages moved, and a bare "ibid." after one of them: three
    to two, not three to three. The ibid is judged, saying which note it repeats, and is
    named in no tie."""
    right = [cited(1, "[F4]", 4), cited(2, "[F9]", 9), cited(5, "[F12]", 12)]
    moved, ibid = cited(3, "[F8]", 7), cited(4, "[F8]", 7, repeats=3)
    failures = bundle_checks([*right, moved, ibid, cited(6, "[F14]", 13)])
    assert {c.where for c in failures} == {"footnote 3", "footnote 4", "footnote 6"}
    assert failures[ibid][1] == (
        "ibid. of footnote 3, which gives [F8]; the words are on bundle page F7, as 3 of the "
        "draft's 5 citations printing this report's bundle pages place it"
    )
    tie = bundle_checks([cited(1, "[F4]", 4), cited(2, "[F9]", 7), ibid])
    assert "footnote 4" not in tie[ibid][1].removeprefix("ibid. of footnote 3")
    assert tie[ibid][1].startswith("ibid. of footnote 3, which gives [F8]; the draft's")


def test_a_citation_fitting_both_of_two_tied_filings_is_not_in_conflict() -> None:
    """Words over pages 4–5 cited at [F5] fit a filing from F1 and one from F2 alike."""
    both = cited(3, "[F5]", 4, 5)
    assert set(flagged([cited(1, "[F4]", 4), cited(2, "[F8]", 7), both])) == {
        "footnote 1",
        "footnote 2",
    }


def test_a_citation_with_no_bundle_page_is_flagged_first_or_last() -> None:
    bare = cited(1, "", 4)
    given_pages = [cited(2, "[F9]", 9), cited(3, "[F12]", 12)]
    for citations in ([bare, *given_pages], [*given_pages, bare]):
        assert flagged(citations) == {"footnote 1": CitationCheck.NO_BUNDLE_PAGE}


def test_ranges_no_filing_can_hold_do_not_break_the_check() -> None:
    """Two ranges wider than their words (no offset fits either) each fail, with why."""
    citations = [cited(1, "[F27–29]", 27, 28), cited(2, "[F30–32]", 30, 31)]
    failures = bundle_checks(citations)
    assert [why for _, why in failures.values()] == [
        "the words are on report pages 27–28, not on every bundle page of [F27–29]",
        "the words are on report pages 30–31, not on every bundle page of [F30–32]",
    ]


_citations = st.lists(
    st.tuples(st.integers(1, 30), st.sampled_from([-1, 0, 0, 0, 2]), st.booleans()),
    min_size=1,
    max_size=12,
).map(
    lambda drawn: [
        cited(n, f"[F{page + offset}]" if given else "", page)
        for n, (page, offset, given) in enumerate(drawn, 1)
    ]
)


@given(_citations, st.randoms(use_true_random=False))
def test_the_order_of_the_citations_never_changes_which_are_flagged(
    citations: list[BundleCitation], random: object
) -> None:
    shuffled = list(citations)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert flagged(shuffled) == flagged(citations)


def test_the_words_pages_are_written_as_a_range_as_drafts_write_them() -> None:
    right = [cited(1, "[F4]", 4), cited(2, "[F9]", 9)]
    wrong = cited(3, "[F27–28]", 28, 29)
    assert bundle_checks([*right, wrong])[wrong][1].startswith(
        "it gives [F27–28]; the words are on bundle page F28–29, as 2"
    )


def test_a_shift_every_citation_agrees_on_fails_against_where_the_draft_puts_the_report() -> None:
    """Every footnote one page on: they agree with one another, so only the draft's own line
    ('… report [F1]') shows each is wrong; each names it and where the words are."""
    shifted = [cited(n, f"[F{page + 1}]", page) for n, page in ((1, 7), (2, 5), (3, 4))]
    assert flagged(shifted) == {}
    failures = bundle_checks(shifted, [stated(1)])
    assert {c.where: check for c, (check, _) in failures.items()} == dict.fromkeys(
        ("footnote 1", "footnote 2", "footnote 3"), CitationCheck.WRONG_BUNDLE_PAGE
    )
    assert failures[shifted[0]][1] == (
        "it gives [F8]; the draft places this report at [F1] (para 2), which puts the words "
        "(report page 7) on bundle page F7"
    )


def test_one_citation_is_checked_against_where_the_draft_puts_the_report() -> None:
    """A report's only citation printing bundle pages cannot be outvoted: where the draft
    says where the report is, that checks it; where it does not, it is not checked."""
    wrong, right = cited(1, "[F9]", 8), cited(1, "[F8]", 8)
    assert flagged([wrong], (stated(1),)) == {"footnote 1": CitationCheck.WRONG_BUNDLE_PAGE}
    assert flagged([right], (stated(1),)) == {}
    for alone in ([wrong], [right], [right, cited(2, "[F8]", 8, repeats=1)]):
        checks = bundle_checks(alone)
        assert {check for check, _ in checks.values()} == {CitationCheck.BUNDLE_PAGE_NOT_CHECKED}
        assert all(
            "no line of the draft that carecite reads says where" in why
            for _, why in checks.values()
        )


def test_a_page_before_the_stated_one_or_in_another_section_fails() -> None:
    assert flagged([cited(1, "[F1]", 1)], (stated(2),)) == {
        "footnote 1": CitationCheck.WRONG_BUNDLE_PAGE
    }
    assert flagged([cited(1, "[G4]", 4)], (stated(1),)) == {
        "footnote 1": CitationCheck.WRONG_BUNDLE_PAGE
    }


def test_a_report_filed_from_a_later_page_fits_only_if_the_bundle_does() -> None:
    """A case file's first_report_page (the cover left out: page 2 at F1) drafts citations
    one page below a filing from page 1; the draft does not say so, so they are not
    checked, each saying what they assume, and where page 1 first would put the words."""
    citations = [cited(1, "[F6]", 7), cited(2, "[F4]", 5)]
    checks = bundle_checks(citations, [stated(1)])
    assert {check for check, _ in checks.values()} == {CitationCheck.BUNDLE_PAGE_NOT_CHECKED}
    assert checks[citations[0]][1] == (
        "it fits [F1] (para 2), where the draft places this report, only if the bundle files "
        "the report from its page 2, leaving out the pages before; filed from its page 1, the "
        "words are on bundle page F7"
    )
    # The draft says F2, its citations put page 1 at F1: the same, from its page 2.
    assert flagged([cited(1, "[F7]", 7), cited(2, "[F5]", 5)], (stated(2),)) == {
        "footnote 1": CitationCheck.BUNDLE_PAGE_NOT_CHECKED,
        "footnote 2": CitationCheck.BUNDLE_PAGE_NOT_CHECKED,
    }


def test_two_lines_placing_the_report_apart_fail_every_citation_naming_both() -> None:
    citations = [cited(1, "[F7]", 7), cited(2, "[F5]", 5)]
    failures = bundle_checks(citations, [stated(1), stated(2, where="para 12"), stated(1)])
    assert {check for check, _ in failures.values()} == {CitationCheck.WRONG_BUNDLE_PAGE}
    assert failures[citations[0]][1].startswith(
        "the draft places this report at [F1] (para 2) and at [F2] (para 12): correct"
    )


@given(_citations, st.sampled_from([(), (1,), (2,), (1, 2)]), st.randoms(use_true_random=False))
def test_the_order_never_changes_which_are_flagged_where_the_draft_places_the_report(
    citations: list[BundleCitation], pages: tuple[int, ...], random: object
) -> None:
    statements = tuple(stated(page) for page in pages)
    shuffled = list(citations)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert flagged(shuffled, statements[::-1]) == flagged(citations, statements)


OTHER = Source(
    id="other-2017",
    kind=SourceKind.INSPECTION_REPORT,
    title="Other Borough: Inspection",
    short_name="Other 2017 report",
    author="Ofsted",
    published=REPORT.published,
    report_file="b.pdf",
)


def test_where_the_draft_says_a_report_is_is_read_from_its_own_lines_only(
    tmp_path: Path,
) -> None:
    """The essential reading (the case file's words: author and date), the reports relied on
    (the short name), a witness's exhibit paragraph; never a citation, a case paper's page,
    a quotation's words, or a source's author and date two reports share."""
    document = read_docx(
        plain_docx(
            tmp_path,
            "Essential reading: Threshold document [A12]; Ofsted’s report of 7 April 2017 [F1].",
            "Other 2017 report: Ofsted’s report published 7 April 2017 [F30].",
            "The assessment [C20] records no manager’s review of the Ofsted 2017 report.",
            "Staff turnover tripled (Ofsted 2017 report, p 2 [F4]).",
            "Ofsted 2017 report para 1 [F3] says so.",
            "Ofsted found ‘the report [F9] was clear’ in the Ofsted 2017 report.",
            "I refer to Ofsted’s report ‘Example Borough: Inspection’, published on 7 April "
            "2017 (the Ofsted 2017 report), marked ‘AB1’. It is in the bundle at [F5].",
        )
    )
    names = SourceNames({s.id: s for s in (REPORT, OTHER)})
    names.add_exhibits(document)

    def read(*cited: Source) -> list[tuple[str, str, int]]:
        return [
            (s.source_id, s.section, s.first) for s in bundle_statements(document, names, cited)
        ]

    assert read(REPORT) == [(REPORT.id, "F", 1), (OTHER.id, "F", 30), (REPORT.id, "F", 5)]
    assert read(REPORT, OTHER) == [(OTHER.id, "F", 30), (REPORT.id, "F", 5)]


def test_a_report_is_placed_by_its_first_page_however_the_range_is_written(
    tmp_path: Path,
) -> None:
    """A range's first page is where the report starts, in brackets or bare after "at" or a
    tab; each of these was ignored, so every citation shifted by one passed."""
    document = read_docx(
        plain_docx(
            tmp_path,
            "Essential reading: Ofsted 2017 report [F1–30].",
            "Essential reading: Ofsted 2017 report [F2–F30].",
            "Essential reading: Ofsted 2017 report [F3]–[F30].",
            "Essential reading: Ofsted’s report of 7 April 2017 at F4–F30.",
            "The Ofsted 2017 report begins at F5 of the bundle.",
            "Essential reading:\tOfsted 2017 report\t\tF6-F30",
        )
    )
    statements = bundle_statements(document, SourceNames({REPORT.id: REPORT}), [REPORT])
    assert [(s.section, s.first) for s in statements] == [("F", page) for page in range(1, 7)]


def test_a_sentence_saying_what_the_report_found_does_not_place_it(tmp_path: Path) -> None:
    """‘The … report found … [F8].’ cites the report: read as where it starts, it failed
    every right citation. Only a line saying nothing but where the report is places it."""
    document = read_docx(
        plain_docx(
            tmp_path,
            "Essential reading: Ofsted 2017 report [F1].",
            "The Ofsted 2017 report found that children in care live in unregistered homes [F8].",
            "The Ofsted 2017 report [F9] found that plans drift.",
            "The Ofsted 2017 report also found that too many children wait at F10.",
            "The Ofsted 2017 report is at [F11] and the Other 2017 report at [F40].",
            "The Ofsted 2017 report [F12] and the Other 2017 report [F41] both found drift.",
            "The Ofsted 2017 report found that plans drift. See [F13].",
            "The Ofsted 2017 report found that plans drift. It is at [F14].",
        )
    )
    names = SourceNames({s.id: s for s in (REPORT, OTHER)})
    statements = bundle_statements(document, names, [REPORT, OTHER])
    assert [(s.source_id, s.first) for s in statements] == [
        (REPORT.id, 1),
        (REPORT.id, 11),
        (OTHER.id, 40),
    ]


def test_a_table_row_naming_the_report_and_giving_its_pages_places_it(tmp_path: Path) -> None:
    """A documents table's row is read whole: the report named in one cell, its bundle
    pages in another (each cell read alone, the row was ignored)."""
    import docx  # python-docx: only the tests that write a draft by hand need it

    draft = docx.Document()
    draft.add_paragraph("The documents the court is asked to read are listed below.")
    rows = [("Document", "Date", "Bundle ref"), ("Ofsted 2017 report", "7 April 2017", "F3–F30")]
    table = draft.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    draft.save(str(tmp_path / "table.docx"))
    document = read_docx(tmp_path / "table.docx")
    statements = bundle_statements(document, SourceNames({REPORT.id: REPORT}), [REPORT])
    assert [(s.source_id, s.section, s.first, s.where) for s in statements] == [
        (REPORT.id, "F", 3, "table")
    ]


def test_every_way_of_writing_a_bundle_range_is_read_in_a_citation() -> None:
    """[F8–F9] and [F8]–[F9] were not read at all: such citations passed unchecked, and
    beside another form a right one was said to give no bundle page."""
    for written in ("[F8–9]", "[F8–F9]", "[F8-9]", "[F8]–[F9]", "[f8 - f9]"):
        citation = cited(1, written, 7, 8)
        assert citation.cited == "[F8–9]"
        assert citation.bundle_pages == {("F", 8), ("F", 9)}
        assert citation.offsets == {("F", 1)}
    mixed = [cited(1, "[F8–F9]", 7, 8), cited(2, "[F4]", 4)]
    assert flagged(mixed, (stated(1),)) == {"footnote 1": CitationCheck.WRONG_BUNDLE_PAGE}
    assert flagged([cited(1, "[F7–F8]", 7, 8), cited(2, "[F4]", 4)], (stated(1),)) == {}


def test_a_line_naming_no_report_places_the_one_cited_report_it_describes(
    tmp_path: Path,
) -> None:
    """‘the Ofsted report [F1-30]’ and a table row ‘Ofsted inspection of … | 07.04.2017 |
    F2–F30’ name no report, so placed none, and every citation shifted by one passed. The
    author with its kind, a date or the authority now place the one cited report they fit,
    never one of two they both fit, nor by a line a date, a section's words or a finding
    rules out."""
    document = read_docx(
        plain_docx(
            tmp_path,
            "Essential reading: the Ofsted report [F1-30].",
            "Ofsted inspection of Example Borough\t07.04.2017\tF2–F30",
            "Essential reading: report published 2017-04-07 [F3].",
            "Essential reading: the Ofsted report of 30.06.2014 [F4].",
            "Essential reading: Ofsted [F5].",
            "The Ofsted report on care leavers [F6].",
            "The Ofsted report found that plans drift [F8].",
        )
    )
    example = replace(REPORT, authority="Example Borough")
    other = replace(OTHER, authority="Other Borough")
    names = SourceNames({s.id: s for s in (example, other)})

    def read(*cited: Source) -> list[tuple[str, int]]:
        return [(s.source_id, s.first) for s in bundle_statements(document, names, cited)]

    assert read(example) == [(REPORT.id, 1), (REPORT.id, 2), (REPORT.id, 3)]
    # Both by Ofsted, both of 7 April 2017: only the authority tells them apart.
    assert read(example, other) == [(REPORT.id, 2)]
