"""Bundle references in citations, and authorities cited (never quoted)."""

from __future__ import annotations

import pytest

from carecite.cite.authorities import Authority, judgment_pinpoint
from carecite.cite.bundle import BundlePlace, parse_bundle_ref
from carecite.cite.citation import format_citation, format_ibid
from carecite.cite.notes import NoteCitations
from carecite.cite.reading import read_pinpoint
from tests.cite.test_citation import SOURCES, passage

F1 = {"r17": BundlePlace("F", 1)}
F14 = {"r17": BundlePlace("F", 14)}
#: The report filed without its cover: its printed page 2 on bundle page F1.
COVER_LEFT_OUT = {"r17": BundlePlace("F", 1, report_first=2)}


@pytest.mark.parametrize(
    ("pins", "style", "bundle", "expected"),
    [
        ([{"page": 14, "paragraph": 23}], "oscola", F1, "para 23 [F14]"),
        ([{"page": 14, "paragraph": 23}], "oscola", F14, "para 23 [F27]"),
        ([{"page": 13, "page_end": 14, "paragraph": 20}], "oscola", F1, "para 20 [F13–14]"),
        ([{"page": 2}], "oscola", F1, "2 [F2]"),
        ([{"page": 14, "paragraph": 23}], "oscola", COVER_LEFT_OUT, "para 23 [F13]"),
        ([{"page": 2}], "oscola", COVER_LEFT_OUT, "2 [F1]"),
        ([{"page": 2}], "practitioner", F1, "p 2 [F2]"),
        # A report paragraph is "para 16" beside a bundle page in either style, never "[16]".
        ([{"page": 5, "paragraph": 16}], "practitioner", F1, "Ofsted 2017 report para 16 [F5]"),
        (
            [{"page": 7, "paragraph": 20}, {"page": 5, "paragraph": 16}, {"page": 2}],
            "oscola",
            F1,
            "2 [F2], para 16 [F5], para 20 [F7]",
        ),
    ],
)
def test_every_report_pinpoint_carries_its_bundle_page(pins, style, bundle, expected):
    passages = [passage(f"p{i}", **pin) for i, pin in enumerate(pins)]
    text = format_citation(passages, SOURCES, style=style, bundle=bundle).text
    assert text.endswith(expected), text


def test_ibid_and_short_forms_carry_the_bundle_page_too():
    citing = NoteCitations(SOURCES, bundle=F1)
    first = citing.cite([passage("a", page=14, paragraph=23)])
    second = citing.cite([passage("b", page=29, paragraph=91)])
    citing.other_note()
    third = citing.cite([passage("c", page=5, paragraph=16)])
    assert first.parts[0].text.endswith("para 23 [F14] (Ofsted 2017 report)")
    assert second.parts[0].text == "ibid para 91 [F29]"
    assert third.parts[0].text == "Ofsted 2017 report (n 1) para 16 [F5]"
    assert format_ibid([passage("d", page=2)], place=BundlePlace("F", 1)) == "ibid 2 [F2]"


def test_inline_citations_carry_the_bundle_page():
    citing = NoteCitations(SOURCES, inline=True, bundle=F1)
    citing.cite([passage("a", page=14, paragraph=23)])
    later = citing.cite([passage("b", page=14, paragraph=23)])
    assert later.parts[0].text == "Ofsted 2017 report para 23 [F14]"


def test_reading_a_bundled_citation_gives_the_report_pinpoint_not_the_bundle_page():
    cited = read_pinpoint("para 20 [F13–14], 2 [F2]")
    assert cited.paragraphs == {20} and cited.pages == {2}
    exhibit = read_pinpoint("AB1 p 14, para 23")
    assert exhibit.paragraphs == {23} and exhibit.pages == {14}


@pytest.mark.parametrize(
    ("text", "place"), [("F1", BundlePlace("F", 1)), ("C 12", BundlePlace("C", 12))]
)
def test_a_bundle_reference_is_read(text, place):
    assert parse_bundle_ref(text) == place


def test_a_bad_bundle_reference_is_refused():
    with pytest.raises(ValueError, match=r"write e\.g\. F1"):
        parse_bundle_ref("page 4")


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (44, "[44]"),
        ("44-46", "[44]–[46]"),
        ("44–46", "[44]–[46]"),
        ("44, 50", "[44], [50]"),
        ("50, 44 - 46", "[50], [44]–[46]"),  # as typed: the writer's order is kept
    ],
    ids=["one", "hyphen", "en-dash", "list", "order-kept"],
)
def test_judgment_paragraphs_are_in_square_brackets(at, expected):
    assert judgment_pinpoint(at) == expected


def test_an_authority_is_a_citation_with_the_case_name_apart_for_italics():
    judgment = Authority("re-b-s", "judgment", "Re B-S (Children)", "[2013] EWCA Civ 1146")
    assert judgment.cite(44) == ("Re B-S (Children)", "[2013] EWCA Civ 1146 [44]")
    reported = Authority("x", "judgment", "Re X", "[2020] EWCA Civ 1", report="[2021] 1 FLR 1")
    assert reported.cite() == ("Re X", "[2020] EWCA Civ 1, [2021] 1 FLR 1")
    statute = Authority("s31", "statute", "Children Act 1989", "s 31(2)")
    assert statute.cite() == ("", "Children Act 1989, s 31(2)")
    assert statute.cite("(2)(a)") == ("", "Children Act 1989, s 31(2)(a)")
    s32 = Authority("s32", "statute", "Children Act 1989", "s 32(1)(a)(ii)")
    assert s32.cite()[1] == "Children Act 1989, s 32(1)(a)(ii)"


def test_a_page_before_the_first_filed_has_no_bundle_page():
    place = BundlePlace("F", 1, report_first=3)
    assert (place.page(2), place.page(3), place.page(14)) == (None, 1, 12)
    assert place.reference([1, 2]) == ""
    assert parse_bundle_ref("F5", 3) == BundlePlace("F", 5, 3)
