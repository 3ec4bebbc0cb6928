"""Locating quotations: exact after typography only, altered with flags, not found."""

from __future__ import annotations

from pathlib import Path

import pytest

from carecite.cite.reading import read_pinpoint
from carecite.model import Verdict
from carecite.reports.ingest import read_report, read_text_pages
from carecite.reports.locate import (
    CAPITAL,
    NEGATION,
    NUMBER,
    OMISSION,
    PUNCTUATION,
    WORDS,
    locate_quote,
)

REPORTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "reports"
needs_reports = pytest.mark.skipif(
    not REPORTS.is_dir(), reason=f"the reference reports are not at {REPORTS}"
)

PAGES = [
    "Report   2\n\nExecutive summary\n\nServices for children are not good enough. Managers "
    "have not ensured that\nplans are reviewed, and the “front door” is slow – very slow.\n",
    "Report   3\n\nRecommendations\n\n1. Ensure that managers review plans every 6 months and "
    "that\nchildren are seen alone.\n\n2. Improve the quality of multi-\nagency work.\n\n"
    "3. Inspectors found that 25 children had not been seen. The local authority has\n",
    "Report   4\nnot acted quickly. Staff turnover reached 30% in 2016.\n",
]


@pytest.fixture(scope="module")
def text():
    return read_text_pages(PAGES)


# (quote, match, page, page_end, paragraph, paragraph_end, flags)
CASES = [
    ("Managers have not ensured that plans are reviewed", Verdict.EXACT, 2, None, None, None, ()),
    ('the "front door" is slow - very slow', Verdict.EXACT, 2, None, None, None, ()),
    ("The local authority has not acted quickly.", Verdict.EXACT, 3, 4, 3, None, ()),
    ("children are seen alone. Improve the quality", Verdict.EXACT, 3, None, 1, 2, ()),
    ("the quality of multi-agency work", Verdict.EXACT, 3, None, 2, None, ()),
    (
        "Managers have ensured that plans are reviewed",
        Verdict.ALTERED,
        2,
        None,
        None,
        None,
        (NEGATION,),
    ),
    ("Staff turnover reached 35% in 2016.", Verdict.ALTERED, 4, None, 3, None, (NUMBER,)),
    ("managers have not ensured that plans", Verdict.ALTERED, 2, None, None, None, (CAPITAL,)),
    (
        "Managers have not ensured plans are reviewed",
        Verdict.ALTERED,
        2,
        None,
        None,
        None,
        (OMISSION,),
    ),
    ("[m]anagers have not ensured that plans", Verdict.EXACT, 2, None, None, None, ()),
    ("Managers have not ensured ... plans are reviewed", Verdict.EXACT, 2, None, None, None, ()),
    ("Inspectors found that [only] 25 children", Verdict.EXACT, 3, None, 3, None, ()),
    ("llamas graze peacefully on the moon tonight", Verdict.NOT_FOUND, None, None, None, None, ()),
]


@pytest.mark.parametrize(
    ("quote", "match", "page", "page_end", "paragraph", "paragraph_end", "flags"),
    CASES,
    ids=[
        "exact",
        "typography-only",
        "across-page-break",
        "across-two-paragraphs",
        "line-end-hyphen",
        "dropped-not",
        "changed-number",
        "changed-capital",
        "unmarked-omission",
        "declared-capital",
        "declared-omission",
        "declared-insertion",
        "not-found",
    ],
)
def test_locate(text, quote, match, page, page_end, paragraph, paragraph_end, flags):
    found = locate_quote(text, quote)
    assert found.match == match
    assert (found.page, found.page_end) == (page, page_end)
    assert (found.paragraph, found.paragraph_end) == (paragraph, paragraph_end)
    assert found.flags == flags
    if match == Verdict.ALTERED:
        assert found.diff_text


def test_unnumbered_text_names_its_section(text):
    assert locate_quote(text, "the front door").section == "Executive summary"


# A clause opening para 1 opens a sentence of para 3 too; para 3 repeats para 2's sentence.
REPEATING = [
    "Report   2\n\nSummary\n\n1. There is drift and delay in children having their needs "
    "met. Too many children wait?\n\n2. Leaders know the service well.\n",
    "Report   3\n\n3. There is drift and delay in achieving permanence for too many "
    "children. Leaders know the service well.\n\n4. The Show me groups and the Show me "
    "forum speak for children.\n",
]


@pytest.fixture(scope="module")
def repeating():
    return read_text_pages(REPEATING)


@pytest.mark.parametrize(
    ("quote", "cited", "match", "page", "paragraph", "paragraph_end", "flags"),
    [
        # An omission's fragments are found together, where they are nearest each other.
        ("There is drift and delay … for too many children.", None, "exact", 3, 3, None, ()),
        ("There is drift and delay … for many children.", None, "altered", 3, 3, None, (OMISSION,)),
        # A closing full stop inside the marks where the report's sentence goes on.
        ("There is drift and delay in achieving permanence.", None, "exact", 3, 3, None, ()),
        ("Too many children wait.", None, "altered", 2, 1, None, (PUNCTUATION,)),
        ("Too many children wait?", None, "exact", 2, 1, None, ()),
        # Words the report gives twice: the cited place, else the first.
        ("Leaders know the service well.", None, "exact", 2, 2, None, ()),
        ("Leaders know the service well.", "para 3", "exact", 3, 3, None, ()),
        ("Leaders know the service well.", "p 3", "exact", 3, 3, None, ()),
        ("Leaders know … service well.", "para 3", "exact", 3, 3, None, ()),
        # Misquoted words the report gives twice: the cited place, not the first, where it
        # holds them nearly; where it does not hold them, the place that does.
        ("Leaders knew the service well.", None, "altered", 2, 2, None, (WORDS,)),
        ("Leaders knew the service well.", "para 3", "altered", 3, 3, None, (WORDS,)),
        ("Leaders knew the service well.", "para 1", "altered", 2, 2, None, (WORDS,)),
        # Of two starts reaching one end, the one as the quotation has it (its capital).
        ("The Show me … for children.", None, "exact", 3, 4, None, ()),
    ],
    ids=[
        "omission-fragments-together",
        "omission-with-a-word-dropped",
        "full-stop-where-the-sentence-goes-on",
        "full-stop-for-a-question-mark",
        "question-mark-kept",
        "repeated-first",
        "repeated-cited-paragraph",
        "repeated-cited-page",
        "omission-at-the-cited-place",
        "misquoted-repeated-first",
        "misquoted-repeated-cited-paragraph",
        "misquoted-repeated-cited-elsewhere",
        "omission-start-as-quoted",
    ],
)
def test_locate_where_the_words_are_together(
    repeating, quote, cited, match, page, paragraph, paragraph_end, flags
):
    found = locate_quote(repeating, quote, cited=read_pinpoint(cited) if cited else None)
    assert (str(found.match), found.page, found.paragraph, found.paragraph_end) == (
        match,
        page,
        paragraph,
        paragraph_end,
    )
    assert found.flags == flags


TH17 = "ofsted-tower-hamlets-2017-04-07.pdf"
WORDS = (
    "Senior leaders have not been effective in challenging the entrenched culture of "
    "non-compliance with basic social work standards."
)
REAL_CASES = [
    (WORDS, Verdict.EXACT, ()),
    (WORDS.replace("have not been", "have been"), Verdict.ALTERED, (NEGATION,)),
    (
        "Staff turnover overall has reduced slightly, but in the assessment and intervention "
        "team it has significantly increased, from 10% in 2015 to 35% in 2016.",
        Verdict.ALTERED,
        (NUMBER,),
    ),
    (WORDS.replace("Senior", "senior"), Verdict.ALTERED, (CAPITAL,)),
    (WORDS.replace("entrenched culture of ", ""), Verdict.ALTERED, (OMISSION,)),
    (WORDS.replace("entrenched culture of ", "... "), Verdict.EXACT, ()),
    (WORDS.replace("Senior", "[s]enior"), Verdict.EXACT, ()),
]


@needs_reports
@pytest.mark.parametrize(
    ("quote", "match", "flags"),
    REAL_CASES,
    ids=["exact", "dropped-not", "changed-number", "capital", "omission", "ellipsis", "bracket"],
)
def test_locate_in_real_report(tmp_path_factory, quote, match, flags):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CARECITE_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
        report = read_report(REPORTS / TH17)
    found = locate_quote(report, quote)
    assert (found.match, found.flags, found.page, found.paragraph) == (match, flags, 2, None)
    assert found.section == "Executive summary"
