"""Citation forms, as a table: OSCOLA full/short/ibid, practitioner, statutes, ranges."""

from __future__ import annotations

from datetime import date

import pytest

from carecite.cite import (
    NoteCitations,
    Style,
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
FULL = f"Ofsted, '{TITLE}' (Ofsted, 7 April 2017)"

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
        "Ofsted, 'Inspection of safeguarding and looked after children services' (Ofsted) paras 16–17, as quoted in Doughty Street commentary (2017)",
    ),
]


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


def test_ibid_takes_a_new_pinpoint() -> None:
    assert format_ibid([P23]) == "ibid para 23"
    assert format_ibid([EXEC]) == "ibid 2"


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [([3], ["3"]), ([2, 1, 3, 3], ["1–3"]), ([16, 17, 18, 20], ["16–18", "20"]), ([], [])],
)
def test_compress_ranges(numbers: list[int], expected: list[str]) -> None:
    assert compress_ranges(numbers) == expected


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


# --- the note state: full → short with (n N) → ibid ------------------------------------------

#: A note that cites nothing (a footnote of the lawyer's own words).
OTHER = None
SHORT = "Ofsted 2017 report"
FIRST = f"{FULL} para 16 ({SHORT})"  # a first citation: in full, its short name after
ACT = "Children Act 2004, s 14"


def oscola(*passages: Passage) -> tuple[tuple[Passage, ...], Style]:
    return passages, "oscola"


def practitioner(*passages: Passage) -> tuple[tuple[Passage, ...], Style]:
    return passages, "practitioner"


NOTE_CASES = [
    (
        "first in full with its short name",
        False,
        [oscola(P16)],
        [(1, [FIRST])],
    ),
    (
        "same source in the next note is ibid",
        False,
        [oscola(P16), oscola(P17)],
        [(1, [FIRST]), (2, ["ibid para 17"])],
    ),
    (
        "after another source: short with the note of the full citation",
        False,
        [oscola(P16), oscola(S14), oscola(P23)],
        [(1, [FIRST]), (2, [ACT]), (3, [f"{SHORT} (n 1) para 23"])],
    ),
    (
        "a note citing nothing stops ibid and takes a number",
        False,
        [oscola(P16), OTHER, oscola(EXEC)],
        [(1, [FIRST]), (2, []), (3, [f"{SHORT} (n 1) 2"])],
    ),
    (
        "no ibid after a note citing two sources",
        False,
        [oscola(P16, S14), oscola(P17)],
        [(1, [FIRST, ACT]), (2, [f"{SHORT} (n 1) para 17"])],
    ),
    (
        "no ibid in a note citing two sources",
        False,
        [oscola(P16), oscola(P17, S14)],
        [(1, [FIRST]), (2, [f"{SHORT} (n 1) para 17", ACT])],
    ),
    (
        "statutes in full every time",
        False,
        [oscola(S14), oscola(S14)],
        [(1, [ACT]), (2, [ACT])],
    ),
    (
        "practitioner style the same every time",
        False,
        [practitioner(P16), practitioner(P16)],
        [(1, [f"{SHORT} at [16]"]), (2, [f"{SHORT} at [16]"])],
    ),
    (
        "after a practitioner citation, oscola is ibid",
        False,
        [practitioner(P16), oscola(P17)],
        [(1, [f"{SHORT} at [16]"]), (2, ["ibid para 17"])],
    ),
    (
        "inline: first in full, later in the practitioner form",
        True,
        [oscola(P16), oscola(P17), OTHER, oscola(EXEC)],
        [(None, [FIRST]), (None, [f"{SHORT} at [17]"]), (None, []), (None, [f"{SHORT}, p 2"])],
    ),
]


@pytest.mark.parametrize(
    ("inline", "steps", "expected"), [c[1:] for c in NOTE_CASES], ids=[c[0] for c in NOTE_CASES]
)
def test_note_citations(
    inline: bool,
    steps: list[tuple[tuple[Passage, ...], Style] | None],
    expected: list[tuple[int | None, list[str]]],
) -> None:
    notes = NoteCitations(SOURCES, inline=inline)
    given = []
    for step in steps:
        if step is OTHER:
            given.append((notes.other_note(), []))
        else:
            passages, style = step
            note = notes.cite(passages, style=style)
            given.append((note.number, [part.text for part in note.parts]))
    assert given == expected


def test_note_parts_keep_their_passages_and_sources_in_first_cited_order() -> None:
    notes = NoteCitations(SOURCES)
    note = notes.cite([S14, P16, P17])
    notes.cite([EXEC3])
    assert [(part.source, part.passages) for part in note.parts] == [
        ("ca04", (S14,)),
        ("r17", (P16, P17)),
    ]
    assert notes.sources_cited == ("ca04", "r17")


def test_ibid_keeps_the_page_beside_the_paragraph() -> None:
    notes = NoteCitations(SOURCES)
    notes.cite([P16], pages=True)
    assert notes.cite([P17], pages=True).parts[0].text == "ibid para 17 (p 5)"
