"""Citation forms, as a table: OSCOLA full/short/ibid, practitioner, statutes, ranges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from carecite.cite.bundle import BundlePlace
from carecite.cite.citation import (
    bracketed_paragraphs,
    compress_ranges,
    format_citation,
    format_ibid,
    format_pinpoint,
)
from carecite.model import Checked, Passage, Source, SourceKind

TITLE = "London Borough of Example: Inspection of services for children"
SOURCES = {
    "r17": Source(
        id="r17",
        kind=SourceKind.INSPECTION_REPORT,
        title=TITLE,
        short_name="Ofsted 2017 report",
        author="Ofsted",
        publisher="Ofsted",
        published=date(2017, 4, 7),
    ),
    "r12": Source(
        id="r12",
        kind=SourceKind.INSPECTION_REPORT,
        title="Inspection of safeguarding and looked after children services",
        short_name="Ofsted 2012 report",
        author="Ofsted",
        publisher="Ofsted",
    ),
    "comm": Source(
        id="comm",
        kind=SourceKind.COMMENTARY,
        title="Commentary",
        short_name="Doughty Street commentary (2017)",
        author="Doughty Street Chambers",
    ),
    "ca04": Source(
        id="ca04",
        kind=SourceKind.STATUTE,
        title="Children Act 2004",
        short_name="CA 2004",
        author="UK Parliament",
    ),
    "lga": Source(
        id="lga",
        kind=SourceKind.STATUTE,
        title="Local Government Act 1999",
        short_name="LGA 1999",
        author="UK Parliament",
    ),
}


def passage(pid: str, source: str = "r17", **pin: object) -> Passage:
    return Passage(id=pid, source=source, text="…", **pin)  # type: ignore[arg-type]


P16 = passage("p16", page=5, paragraph=16)
P17 = passage("p17", page=5, paragraph=17)
P18_20 = passage("p18-20", page=6, paragraph=18, paragraph_end=20)
P23 = passage("p23", page=7, paragraph=23)
EXEC = passage("exec", page=2, paragraph=None, section="Executive summary")
EXEC3 = passage("exec3", page=3, paragraph=None, section="Executive summary")
S14 = passage("s14", "ca04", provision="s 14")
S3 = passage("s3", "lga", provision="s 3")
S15 = passage("s15", "lga", provision="s 15")
OLD = passage(
    "old", "r12", paragraph=16, paragraph_end=17, checked=Checked.SECONDARY, checked_via="comm"
)
FULL = f"Ofsted, ‘{TITLE}’ (Ofsted, 7 April 2017)"

CASES = [
    ("one paragraph", [P16], {}, f"{FULL} para 16"),
    ("paragraph range merges", [P17, P16], {}, f"{FULL} paras 16–17"),
    ("ranges compress", [P16, P17, P18_20, P23], {}, f"{FULL} paras 16–20, 23"),
    ("page alone for unnumbered text", [EXEC], {}, f"{FULL} 2"),
    ("pages range", [EXEC, EXEC3], {}, f"{FULL} 2–3"),
    ("page and paragraphs", [EXEC, P16], {}, f"{FULL} 2, para 16"),
    ("page beside paragraph", [P16], {"pages": True}, f"{FULL} para 16 (p 5)"),
    ("short form", [P16], {"short": True}, "Ofsted 2017 report para 16"),
    ("short form with note", [P23], {"short": True, "note": 3}, "Ofsted 2017 report (n 3) para 23"),
    (
        "practitioner paragraph",
        [P16, P17],
        {"style": "practitioner"},
        "Ofsted 2017 report at [16]–[17]",
    ),
    ("practitioner page", [EXEC], {"style": "practitioner"}, "Ofsted 2017 report, p 2"),
    (
        "practitioner pages and paragraph",
        [EXEC, EXEC3, P23],
        {"style": "practitioner"},
        "Ofsted 2017 report, pp 2–3 and at [23]",
    ),
    (
        "practitioner page beside paragraph",
        [P16],
        {"style": "practitioner", "pages": True},
        "Ofsted 2017 report, p 5 at [16]",
    ),
    ("statute", [S14], {}, "Children Act 2004, s 14"),
    ("statute sections merge and sort", [S15, S3], {}, "Local Government Act 1999, ss 3, 15"),
    ("two sources", [P16, S14], {}, f"{FULL} para 16; Children Act 2004, s 14"),
    (
        "no date printed",
        [OLD],
        {},
        "Ofsted, ‘Inspection of safeguarding and looked after children services’ (Ofsted) paras 16–17, as quoted in Doughty Street commentary (2017)",
    ),
]

VIA = ", as quoted in Doughty Street commentary (2017)"
OLD_P = passage("old-p", "r12", page=3, paragraph=23, checked=Checked.SECONDARY, checked_via="comm")
OLD_BUNDLE = {"r12": BundlePlace("F", 10)}
# Words read in a commentary are cited as quoted in it in every form, or the citation would
# present a secondhand quotation as read in the report itself.
SECONDARY_CASES = [
    ("short form", {"short": True}, f"Ofsted 2012 report para 23{VIA}"),
    ("short form with note", {"short": True, "note": 3}, f"Ofsted 2012 report (n 3) para 23{VIA}"),
    (
        "short form with pages",
        {"short": True, "pages": True},
        f"Ofsted 2012 report para 23 (p 3){VIA}",
    ),
    ("practitioner", {"style": "practitioner"}, f"Ofsted 2012 report at [23]{VIA}"),
    (
        "practitioner with pages",
        {"style": "practitioner", "pages": True},
        f"Ofsted 2012 report, p 3 at [23]{VIA}",
    ),
    ("bundled", {"bundle": OLD_BUNDLE}, f"para 23 [F12]{VIA}"),
    (
        "short bundled",
        {"short": True, "note": 3, "bundle": OLD_BUNDLE},
        f"Ofsted 2012 report (n 3) para 23 [F12]{VIA}",
    ),
    (
        "practitioner bundled",
        {"style": "practitioner", "bundle": OLD_BUNDLE},
        f"Ofsted 2012 report para 23 [F12]{VIA}",
    ),
]


@pytest.mark.parametrize(
    ("options", "expected"), [c[1:] for c in SECONDARY_CASES], ids=[c[0] for c in SECONDARY_CASES]
)
def test_a_secondary_quotation_says_where_it_was_read_in_every_form(
    options: dict, expected: str
) -> None:
    assert format_citation([OLD_P], SOURCES, **options).text.endswith(expected)


@pytest.mark.parametrize(
    ("passages", "options", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_citation_forms(passages: list[Passage], options: dict, expected: str) -> None:
    assert format_citation(passages, SOURCES, **options).text == expected


def test_checked_pinpoints_carry_no_warning() -> None:
    citation = format_citation([P16, EXEC], SOURCES)
    assert citation.unchecked == ()
    assert citation.warnings == ()


def test_secondary_pinpoint_is_flagged() -> None:
    citation = format_citation([P16, OLD], SOURCES)
    assert citation.unchecked == ("old",)
    assert "Doughty Street commentary (2017)" in citation.warnings[0]
    assert "not checked against the report" in citation.warnings[0]


S14_READ = passage(
    "s14-read", "ca04", provision="s 14", checked=Checked.SECONDARY, checked_via="comm"
)


@pytest.mark.parametrize("options", [{}, {"short": True, "note": 2}, {"style": "practitioner"}])
def test_an_acts_words_read_in_a_commentary_are_cited_as_quoted_in_it(options: dict) -> None:
    """The rule is never to quote a statute from a commentary as if from the Act."""
    citation = format_citation([S14_READ], SOURCES, **options)
    assert citation.text == f"Children Act 2004, s 14{VIA}"
    assert "not checked against the Act" in citation.warnings[0]


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        ("Inspection of children's services", "‘Inspection of children’s services’"),
        ('The "focused visit" to Example', "‘The “focused visit” to Example’"),
        ("The report's 'Good' (2019)", "‘The report’s ‘Good’ (2019)’"),
        ("Children’s services already curly", "‘Children’s services already curly’"),
    ],
)
def test_a_title_is_quoted_in_the_curly_marks_of_a_drafts_quotations(
    title: str, quoted: str
) -> None:
    # A title's straight marks beside the curly ones a draft quotes in read as a typing slip.
    sources = {"r17": replace(SOURCES["r17"], title=title)}
    assert (
        format_citation([P16], sources).text == f"Ofsted, {quoted} (Ofsted, 7 April 2017) para 16"
    )


def test_ibid_takes_a_new_pinpoint() -> None:
    assert format_ibid([P23]) == "ibid para 23"
    assert format_ibid([EXEC]) == "ibid 2"


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [([3], ["3"]), ([2, 1, 3, 3], ["1–3"]), ([16, 17, 18, 20], ["16–18", "20"]), ([], [])],
)
def test_compress_ranges(numbers: list[int], expected: list[str]) -> None:
    assert compress_ranges(numbers) == expected


def test_bracketed_paragraphs_are_sorted_and_merged() -> None:
    # passages cited in any order, one paragraph twice: one run per stretch, in order
    assert bracketed_paragraphs([50, 46, 44, 45, 44]) == "[44]–[46], [50]"


@pytest.mark.parametrize(
    ("pin", "expected", "in_words"),
    [
        (P16, "page 5, para 16", "paragraph 16"),
        (P18_20, "page 6, paras 18–20", "paragraphs 18–20"),
        (
            passage("same", page=5, paragraph=16, paragraph_end=16),
            "page 5, para 16",
            "paragraph 16",
        ),
        (EXEC, "page 2", "page 2"),
        (passage("over", page=2, page_end=3), "pages 2–3", "pages 2–3"),
        (
            passage("both", page=5, page_end=6, paragraph=16, paragraph_end=17),
            "pages 5–6, paras 16–17",
            "paragraphs 16–17",
        ),
        (S14, "", ""),
    ],
    ids=[
        "paragraph",
        "paragraph range",
        "range closed on itself",
        "unnumbered page",
        "page range",
        "page and paragraph ranges",
        "statute has none",
    ],
)
def test_pinpoint_of_one_passage(pin: Passage, expected: str, in_words: str) -> None:
    assert format_pinpoint(pin) == expected
    assert format_pinpoint(pin, words=True) == in_words
