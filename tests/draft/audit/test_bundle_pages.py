"""The bundle pages a draft's citations give a report: the odd one out is flagged, whatever
order the draft cites them in, and a right citation is never asked to be corrected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from carecite.draft.audit.citations import (
    BundleCitation,
    CitationCheck,
    bundle_failures,
    cited_bundle,
)
from carecite.model import Passage, Source, SourceKind

REPORT = Source(
    id="example-2017",
    kind=SourceKind.INSPECTION_REPORT,
    title="Example Borough: Inspection",
    short_name="Ofsted 2017 report",
    author="Ofsted",
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


def flagged(citations: list[BundleCitation]) -> dict[str, CitationCheck]:
    return {c.where: check for c, (check, _) in bundle_failures(citations).items()}


def test_only_the_odd_one_out_is_flagged_wherever_it_comes() -> None:
    """Filed from F1 (offset 0), one citation at F7 for words on page 4: it alone is
    wrong, first or last; the detail says where the words are and what it gave."""
    right = [cited(n, f"[F{page}]", page) for n, page in ((5, 4), (7, 9), (8, 12), (9, 13))]
    wrong = cited(4, "[F7]", 4)
    for citations in ([wrong, *right], [*right, wrong]):
        failures = bundle_failures(citations)
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
    failures = bundle_failures(citations)
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
    failures = bundle_failures([*right, moved, ibid, cited(6, "[F14]", 13)])
    assert {c.where for c in failures} == {"footnote 3", "footnote 4", "footnote 6"}
    assert failures[ibid][1] == (
        "ibid. of footnote 3, which gives [F8]; the words are on bundle page F7, as 3 of the "
        "draft's 5 citations printing this report's bundle pages place it"
    )
    tie = bundle_failures([cited(1, "[F4]", 4), cited(2, "[F9]", 7), ibid])
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
    failures = bundle_failures(citations)
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
    assert bundle_failures([*right, wrong])[wrong][1].startswith(
        "it gives [F27–28]; the words are on bundle page F28–29, as 2"
    )
