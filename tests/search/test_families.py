"""Word families (``search.families``): one word made into another by an ending, and the
words the rule must keep apart."""

from __future__ import annotations

import pytest

from carecite.search.families import family_of, word_families

VOCABULARY = [
    "manage",
    "managed",
    "manager",
    "managers",
    "managerial",
    "management",
    "manageable",
    "supervise",
    "supervised",
    "supervision",
    "supervisory",
    "supervisor",
    "supervisors",
    "inconsistent",
    "inconsistently",
    "inconsistency",
    "timely",
    "timeliness",
    "involve",
    "involved",
    "involvement",
    "assess",
    "assessed",
    "assessment",
    "assessments",
    "general",
    "generally",
    "generation",
    "care",
    "career",
    "cares",
    "lead",
    "leader",
    "leaders",
    "leadership",
    "police",
    "policy",
    "author",
    "authority",
    "authorities",
    "place",
    "placed",
    "placement",
    "placements",
    "several",
    "severe",
    "prior",
    "priority",
    "direct",
    "directly",
    "director",
    "directions",
    "relative",
    "relatives",
    "relatively",
    "office",
    "officer",
]


def family(word: str) -> set[str]:
    return set(family_of(word, [w for w in VOCABULARY if w[:4] == word[:4]]))


@pytest.mark.parametrize(
    ("word", "kin"),
    [
        ("managers", {"manage", "managed", "managerial", "management"}),
        ("managerial", {"manage", "managed", "manager", "managers", "management"}),
        ("supervision", {"supervise", "supervised", "supervisory", "supervisor", "supervisors"}),
        ("inconsistent", {"inconsistency", "inconsistently"}),
        ("timely", {"timeliness"}),
        ("involved", {"involvement"}),
        ("assessments", {"assess", "assessed"}),
        ("leaders", {"leadership"}),
    ],
)
def test_a_word_made_from_another_by_an_ending_is_of_its_family(word: str, kin: set[str]) -> None:
    assert family(word) == kin


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("managers", "manageable"),  # no "-able": "caseloads are manageable" is no manager
        ("general", "generation"),  # "gener" is no word
        ("care", "career"),  # four letters: too short a word to be sure of
        ("lead", "leader"),
        ("police", "policy"),  # no ending makes one from the other
        ("authority", "author"),  # "-ority"
        ("prior", "priority"),
        ("placement", "place"),  # "place" is four letters by its stem: "in place"
        ("several", "severe"),  # "-al" after a bare word
        # False friends: an ending's work by the letters, another meaning by the sense.
        ("director", "direct"),  # a director does not direct work with children
        ("directions", "direct"),  # a court's directions
        ("relatives", "relatively"),
        ("officer", "office"),
    ],
)
def test_unrelated_words_are_not_linked(word: str, other: str) -> None:
    assert other not in family(word)
    assert word not in family(other)


def test_a_family_does_not_hold_the_words_inflections() -> None:
    assert "manager" not in family("managers")
    assert "assessment" not in family("assessments")


def test_word_families_lists_every_family_of_two_stems_or_more() -> None:
    families = word_families(VOCABULARY)
    assert families["manag"] == [
        "manage",
        "managed",
        "management",
        "manager",
        "managerial",
        "managers",
    ]
    assert all("police" not in words for words in families.values())
