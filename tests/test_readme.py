"""The README's citations are the ones carecite writes: each form it shows, in each style."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import carecite
from carecite.cite.bundle import BundlePlace
from carecite.cite.citation import format_ibid

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SOURCE = "ofsted-tower-hamlets-2017"
# Passages of the report the README cites: two paragraphs, one, a run of three, one, one,
# and unnumbered text on page 2 and on page 31.
GROUPS = [
    ("th17-p16-services-inadequate", "th17-p17-early-help"),
    ("th17-p16-services-inadequate",),
    (
        "th17-p23-plo-pre-proceedings",
        "th17-p24-neglect-gangs",
        "th17-p25-missing-return-interviews",
    ),
    ("th17-p23-plo-pre-proceedings",),
    ("th17-p41-iros",),
    ("th17-exec-widespread-failures",),
    ("th17-lscb-inadequate",),
]
# The report filed from bundle page F1, so its page 14 is F14.
BUNDLE = {SOURCE: BundlePlace("F", 1)}


def section(title: str) -> str:
    """The README's text under the heading ``title``, to the next heading."""
    return re.split(rf"\n#+ {title}\n", README, maxsplit=1)[1].split("\n#", 1)[0]


def code_spans(text: str) -> list[str]:
    """The README's code spans, each on one line as Markdown reads it."""
    return [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", text)]


@pytest.fixture(scope="module")
def written() -> set[str]:
    """Every citation of those passages carecite writes, in every style and form."""
    bank = carecite.load_bank(carecite.shipped_bank())
    out = set()
    for ids, style, short, note, pages, bundle in itertools.product(
        GROUPS, ("oscola", "practitioner"), (False, True), (None, 3), (False, True), (None, BUNDLE)
    ):
        passages = [bank.passage(i) for i in ids]
        out.add(
            carecite.format_citation(
                passages,
                bank.sources,
                style=style,
                short=short,
                note=note,
                pages=pages,
                bundle=bundle,
            ).text
        )
        place = bundle[SOURCE] if bundle else None
        out.add(format_ibid(passages, pages=pages, place=place))
    return out


def test_every_report_citation_the_readme_shows_is_one_carecite_writes(written: set[str]) -> None:
    shown = [  # a citation in brackets in the text, as it is in them
        span[1:-1] if span.startswith("(") else span
        for span in code_spans(section("Citations") + section("Drafts"))
        if re.match(r"\(?(Ofsted 2017 report|ibid para|paras? \d)", span)
    ]
    assert len(shown) >= 8
    for span in shown:  # a pinpoint shown alone ends a citation carecite writes
        assert any(w == span or w.endswith(f" {span}") for w in written), span


@pytest.mark.parametrize(
    ("style", "ids", "bundle"),
    [
        ("oscola", GROUPS[4], None),
        ("practitioner", GROUPS[0], None),
        ("oscola", GROUPS[3], BUNDLE),
        ("practitioner", GROUPS[3], BUNDLE),
    ],
    ids=["oscola", "practitioner", "oscola-in-the-bundle", "practitioner-in-the-bundle"],
)
def test_the_citations_section_shows_how_each_style_pinpoints_a_report_s_paragraphs(
    style: str, ids: tuple[str, ...], bundle: dict[str, BundlePlace] | None
) -> None:
    bank = carecite.load_bank(carecite.shipped_bank())
    passages = [bank.passage(i) for i in ids]
    citation = carecite.format_citation(
        passages, bank.sources, style=style, short=True, bundle=bundle
    ).text
    pinpoint = citation.removeprefix(bank.sources[SOURCE].short_name).lstrip(", ")
    spans = code_spans(section("Citations"))
    assert any(span == pinpoint or span.endswith(f" {pinpoint}") for span in spans), pinpoint
