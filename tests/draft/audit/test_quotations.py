"""Finding quotations by pairing marks: apostrophes are not closing marks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carecite.bank.load import load_bank
from carecite.draft.audit.quotations import (
    find_quotations,
    quotation_readings,
    requoted,
    word_count,
)
from carecite.resources import shipped_dir


def quoted(text: str) -> list[str]:
    return [span.text for span in find_quotations(text) if span.depth == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ofsted said ‘the children’s services are poor’ in 2017.",
            ["the children’s services are poor"],
        ),
        (
            "‘the authority’s plans’ and ‘the LSCB’s work’",
            ["the authority’s plans", "the LSCB’s work"],
        ),
        (
            "‘support for care leavers’ service is weak’ (n 3)",
            ["support for care leavers’ service is weak"],
        ),
        ("‘the parents’ care was poor’", ["the parents’ care was poor"]),
        ("the parents’ care and the carers’ views", []),
        ("in the ’90s it was ‘fine, mostly’", ["fine, mostly"]),
        ("“double curly quotes”", ["double curly quotes"]),
        ('straight "double quotes" here', ["double quotes"]),
        ("straight 'single quotes' here, don't", ["single quotes"]),
        ("‘across a\nline break’", ["across a\nline break"]),
        ("‘services for care leavers’ are poor", ["services for care leavers"]),
        ("He said “the ‘front door’ is slow” today", ["the ‘front door’ is slow"]),
        ("‘It isn’t,’ she said, ‘ever’", ["It isn’t,", "ever"]),
        ("“Children’s ‘voice’ is heard.”[^4]", ["Children’s ‘voice’ is heard."]),
    ],
    ids=[
        "possessive-inside",
        "two-possessives",
        "plural-possessive-before-closing",
        "plural-possessive-first-word",
        "possessives-no-quotation",
        "decade",
        "double-curly",
        "double-straight",
        "single-straight-and-contraction",
        "line-break",
        "closing-after-plural",
        "nested",
        "contraction-and-two-quotations",
        "nested-possessive",
    ],
)
def test_find_quotations(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_nested_quotation_is_inside_its_outer_one() -> None:
    outer, inner = find_quotations("He said “the ‘front door’ is slow” today")
    assert (outer.depth, inner.depth, inner.text) == (0, 1, "front door")
    assert outer.start < inner.start < inner.end < outer.end


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("… ‘they are unreliable’.", "‘… “they are unreliable”.’"),
        ("the children’s “home” is ‘poor’", "‘the children’s ‘home’ is “poor”’"),
        ("care leavers’ service", "‘care leavers’ service’"),
        ("an unclosed ‘inner", "‘an unclosed “inner’"),
    ],
    ids=["inner-single", "inner-both-kinds-and-an-apostrophe", "possessive", "unclosed"],
)
def test_requoted_words_alternate_their_marks(text: str, shown: str) -> None:
    """The audit table set ‘…‘they are unreliable’.’ (review6 fault 15): quotation marks
    inside a quotation set in single marks are the other kind; an apostrophe stays one."""
    assert requoted(text) == shown


def test_an_unclosed_quotation_runs_to_the_end_and_says_so() -> None:
    (span,) = find_quotations("Ofsted found ‘too many children wait")
    assert (span.text, span.closed) == ("too many children wait", False)


def test_an_ambiguous_paragraph_has_both_readings() -> None:
    # Either the quotation runs on to "parents", or "quoted words" is the quotation (then
    # "parents’" is a possessive). The reading that leaves no words unchecked comes first;
    # a checker falls back on the other by the words.
    readings = quotation_readings("‘quoted words’ and the parents’ care was poor.")
    assert [[span.text for span in reading] for reading in readings] == [
        ["quoted words’ and the parents"],
        ["quoted words"],
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [("the Report", 2), ("children’s services", 2), ("multi-agency work", 2), ("", 0)],
)
def test_word_count(text: str, words: int) -> None:
    assert word_count(text) == words


# --- every passage of the shipped bank, apostrophes and all ---------------------------------

SHIPPED = load_bank(shipped_dir("quotes"))
PASSAGES = sorted(SHIPPED.passages.values(), key=lambda p: p.id)
POSSESSIVES = [p for p in PASSAGES if re.search(r"\w[’']\s|\w[’']\w", p.text)]


def test_the_shipped_bank_holds_possessives_to_test() -> None:
    plural = [p for p in POSSESSIVES if re.search(r"s’ \w", p.text)]
    assert len(POSSESSIVES) > 20 and len(plural) >= 3


@pytest.mark.parametrize("passage", POSSESSIVES, ids=[p.id for p in POSSESSIVES])
@pytest.mark.parametrize("marks", ["‘’", "“”"], ids=["single", "double"])
def test_every_passage_with_an_apostrophe_is_one_quotation(passage, marks) -> None:
    text = f"Ofsted found: {marks[0]}{passage.text}{marks[1]}[^3] And more."
    assert quoted(text) == [passage.text.strip()]


@given(st.sampled_from(PASSAGES), st.sampled_from(["‘’", "“”", '""']))
def test_any_passage_quoted_before_a_possessive_is_one_reading(passage, marks) -> None:
    # A plural possessive after the quotation ("parents’ view") may be read as its closing
    # mark; the passage whole must be one of the readings offered, for the words to decide.
    text = (
        f"As the report said, {marks[0]}{passage.text}{marks[1]} (n 3); the parents’ view differs."
    )
    firsts = [reading[0].text for reading in quotation_readings(text)]
    assert passage.text.strip() in firsts
