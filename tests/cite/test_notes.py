"""The note state of a document: full, then short with (n N), then ibid — as a table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from carecite.cite.citation import Style
from carecite.cite.notes import NoteCitations
from carecite.model import Checked, Passage
from tests.cite.test_citation import (
    EXEC,
    EXEC3,
    FULL,
    OLD,
    OLD_P,
    P16,
    P17,
    P23,
    S14,
    SOURCES,
    VIA,
)

# --- the note state: full → short with (n N) → ibid ------------------------------------------

#: A note that cites nothing (a footnote of the lawyer's own words).
OTHER = None
SHORT = "Ofsted 2017 report"
FIRST = f"{FULL} para 16 ({SHORT})"  # a first citation: in full, its short name after
# In brackets in the text, a second pair would close with the first's: "…report))".
FIRST_IN_TEXT = f"{FULL} para 16, hereafter {SHORT}"
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
        "the same pinpoint in the next note is a bare ibid",
        False,
        [oscola(P17), oscola(P17), oscola(P17), oscola(P23)],
        [(1, [f"{FULL} para 17 ({SHORT})"]), (2, ["ibid"]), (3, ["ibid"]), (4, ["ibid para 23"])],
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
        [
            (None, [FIRST_IN_TEXT]),
            (None, [f"{SHORT} at [17]"]),
            (None, []),
            (None, [f"{SHORT}, p 2"]),
        ],
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


def test_words_read_in_a_secondary_source_are_never_ibid_nor_followed_by_one() -> None:
    """After 'X, as quoted in Commentary' an ibid could be read as the commentary: the short
    form, saying where the words were read, is given instead."""
    notes = NoteCitations(SOURCES)
    texts = [notes.cite([p]).parts[0].text for p in (OLD_P, OLD_P, OLD)]
    assert texts[1:] == [
        f"Ofsted 2012 report (n 1) para 23{VIA}",
        f"Ofsted 2012 report (n 1) paras 16–17{VIA}",
    ]
    assert texts[0].endswith(f"para 23 (Ofsted 2012 report){VIA}")


def test_a_citation_after_secondary_words_is_not_ibid() -> None:
    notes = NoteCitations(SOURCES)
    notes.cite([OLD_P])
    checked = replace(OLD_P, id="checked", checked=Checked.REPORT, checked_via=None)
    assert notes.cite([checked]).parts[0].text == "Ofsted 2012 report (n 1) para 23"
